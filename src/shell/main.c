/* main.c: the passend executable. Command line handling follows lua.c: scripts with
 * arg, -e, -l, -i, '-' for stdin; plus --test (busted inside the shell), --version,
 * --doc-reference and --db. Exit status: 0 ok, 1 Lua error, 2 bad usage. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "lua/lgate.h"
#include "lua/lpassend.h"
#include "shell/sandbox_kernel.h"
#include "io/sqlite_db.h"
#include "shell/shell.h"

static const char *progname = "passend";
static lua_State *globalL = NULL;

static void usage(FILE *f) {
    fprintf(f,
        "usage: passend [options] [script [args]]\n"
        "Options:\n"
        "  -e code        run code\n"
        "  -i             enter the prompt after running the script\n"
        "  -l mod         require mod into global mod\n"
        "  -              run stdin as a script\n"
        "  --db file      keep the session database in file (default: in memory)\n"
        "  --sandbox      run a shared script with analysis powers only: no programs, no\n"
        "                 C modules, files written only under --out, read only from the\n"
        "                 files named on the command line and the script's folder\n"
        "                 (docs/sandbox.md); default --timeout 600 and --max-memory 4G\n"
        "  --out dir      the one directory a sandboxed script may write to\n"
        "  --allow-read p let a sandboxed script also read file or folder p (repeatable)\n"
        "  --timeout s    stop the run after s seconds (0: no limit)\n"
        "  --max-memory n limit memory to n bytes (suffix K, M or G): exhaustion becomes an error\n"
        "  --test [args]  run the busted test suite (default: tests/) inside the shell\n"
        "  --check-lessons [dir]  run every lesson (default: the bundled ones) with its correct\n"
        "                 answers and check its claims; one line per failing step, exit 1 on failure\n"
        "  --doc-reference  print the function reference in Markdown\n"
        "  --version      print the versions of passend, Lua and SQLite\n"
        "  --help         print this help\n"
        "Without a script the prompt opens on a terminal; otherwise stdin is run.\n");
}

/* --- running code, as lua.c does it ----------------------------------- */

static void lstop(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    db_interrupt_requested = 0;
    luaL_error(L, "interrupted!");
}

static void laction(int i) {
    int flag = LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT;
    signal(i, SIG_DFL);
    db_interrupt_requested = 1;  /* a save running in C rolls back (src/io/sqlite_db.c) */
    if (globalL) lua_sethook(globalL, lstop, flag, 1);
}

/* --- the time limit (--timeout) -------------------------------------------------
 * When it passes, a hook makes every following Lua instruction raise an error (so a
 * script cannot catch it and go on); a run stuck in C code or in a coroutine, which the
 * hook does not reach, is ended two seconds later. */
static volatile sig_atomic_t deadline_passed;
static long timeout_seconds;

static void deadline_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    luaL_error(L, "sandbox: the time limit of %d s (--timeout) is over", (int)timeout_seconds);
}

static void arm_hook_if_late(lua_State *L) {
    if (deadline_passed)
        lua_sethook(L, deadline_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

static void set_alarm(long seconds) {
    struct itimerval t = { {0, 0}, {seconds, 0} };
    setitimer(ITIMER_REAL, &t, NULL);
}

static void on_deadline(int sig) {
    (void)sig;
    if (!deadline_passed) {
        deadline_passed = 1;
        if (globalL) arm_hook_if_late(globalL);
        set_alarm(2);
        return;
    }
    static const char msg[] = "passend: sandbox: the time limit (--timeout) is over and the run did not stop: ended\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    (void)w;
    _exit(124);
}

static void start_deadline(long seconds) {
    if (seconds <= 0) return;
    timeout_seconds = seconds;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    set_alarm(seconds);
}

static int msghandler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int shell_docall(lua_State *L, int narg, int nres) {
    int base = lua_gettop(L) - narg;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    globalL = L;
    signal(SIGINT, laction);
    arm_hook_if_late(L);
    int status = lua_pcall(L, narg, nres, base);
    signal(SIGINT, SIG_DFL);
    lua_sethook(L, NULL, 0, 0);
    db_interrupt_requested = 0;
    lua_remove(L, base);
    return status;
}

static int line_has(const char *line, int len, const char *needle) {
    size_t n = strlen(needle);
    for (int i = 0; i + (int)n <= len; i++)
        if (memcmp(line + i, needle, n) == 0) return 1;
    return 0;
}

/* Keeps the message and at most a few traceback lines that point at user code. */
void shell_report(lua_State *L, int status) {
    if (status == LUA_OK) return;
    const char *msg = lua_tostring(L, -1);
    if (!msg) msg = "(error object is not a string)";
    const char *tb = strstr(msg, "\nstack traceback:");
    fprintf(stderr, "%s: %.*s\n", progname, tb ? (int)(tb - msg) : (int)strlen(msg), msg);
    if (tb) {
        int shown = 0;
        const char *p = strchr(tb + 1, '\n');
        while (p && shown < 6) {
            const char *e = strchr(p + 1, '\n');
            int len = e ? (int)(e - p - 1) : (int)strlen(p + 1);
            const char *line = p + 1;
            if (!line_has(line, len, "[C]: in ?") && !line_has(line, len, "(...tail calls...)")) {
                if (shown == 0) fprintf(stderr, "stack traceback:\n");
                fprintf(stderr, "%.*s\n", len, line);
                shown++;
            }
            p = e;
        }
    }
    fflush(stderr);
    lua_pop(L, 1);
}

static int dochunk(lua_State *L, int status) {
    if (status == LUA_OK) status = shell_docall(L, 0, 0);
    shell_report(L, status);
    return status;
}

static int dostring(lua_State *L, const char *s, const char *name) {
    return dochunk(L, luaL_loadbuffer(L, s, strlen(s), name));
}

static int dolibrary(lua_State *L, const char *name) {
    lua_getglobal(L, "require");
    lua_pushstring(L, name);
    int status = shell_docall(L, 1, 1);
    if (status == LUA_OK) lua_setglobal(L, name);
    shell_report(L, status);
    return status;
}

/* arg table as lua.c builds it: script at 0, its args at 1.., options below 0. */
static void createargtable(lua_State *L, char **argv, int argc, int script) {
    if (script == argc) script = 0;
    lua_createtable(L, argc - script - 1 > 0 ? argc - script - 1 : 0, script + 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - script);
    }
    lua_setglobal(L, "arg");
}

static int pushargs(lua_State *L) {
    if (lua_getglobal(L, "arg") != LUA_TTABLE) luaL_error(L, "'arg' is not a table");
    int n = (int)luaL_len(L, -1);
    luaL_checkstack(L, n + 3, "too many arguments to script");
    for (int i = 1; i <= n; i++) lua_rawgeti(L, -i, i);
    lua_remove(L, -n - 1);
    return n;
}

static int handle_script(lua_State *L, char **argv) {
    const char *fname = argv[0];
    if (strcmp(fname, "-") == 0 && strcmp(argv[-1], "--") != 0) fname = NULL;
    int status = luaL_loadfile(L, fname);
    if (status == LUA_OK) {
        int n = pushargs(L);
        status = shell_docall(L, n, LUA_MULTRET);
    }
    shell_report(L, status);
    return status;
}

int shell_lua_fn(lua_State *L, const char *name) {
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "passend.shell");
    lua_remove(L, -2);
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    if (lua_getfield(L, -1, name) != LUA_TFUNCTION) {
        lua_pop(L, 2);
        return 0;
    }
    lua_remove(L, -2);
    return 1;
}

/* Loads passend and puts the prompt's verbs and namespaces into _G (shell.install_globals). */
static int open_passend(lua_State *L) {
    luaL_requiref(L, "passend", luaopen_passend, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "passend.shell");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, "install_globals");
    lua_pushvalue(L, -3);
    lua_call(L, 1, 0);
    lua_pop(L, 2);
    return 0;
}

static int run_passend_fn(lua_State *L, const char *fname) {
    /* Calls passend.shell.<fname>(arg...) -- used for --test, --check-lessons and
     * --doc-reference. A function that returns false has failed (as an error has). */
    if (!shell_lua_fn(L, fname)) luaL_error(L, "passend.shell has no function %s", fname);
    int n = pushargs(L);
    int status = shell_docall(L, n, 1);
    if (status == LUA_OK) {
        int failed = lua_isboolean(L, -1) && !lua_toboolean(L, -1);
        lua_pop(L, 1);
        return failed ? LUA_ERRRUN : LUA_OK;
    }
    shell_report(L, status);
    return status;
}

typedef struct {
    int interactive, version, test, checklessons, docref, has_e, script, sandbox;
    int profile;           /* PASSEND_PROFILE_START: print where start-up time goes */
    const char *db, *out;
    size_t max_memory;
    long timeout;          /* seconds; -1: not given */
    const char **allow_read;
    int nallow_read;
} Options;

#define SANDBOX_TIMEOUT 600               /* seconds, unless --timeout says otherwise */
#define SANDBOX_MAX_MEMORY ((size_t)4 << 30)

/* "512M" -> bytes; -1 when it is not a size. */
static int parse_size(const char *s, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) return -1;
    unsigned long long mult = 1;
    switch (*end) {
    case 'k': case 'K': mult = 1ULL << 10; end++; break;
    case 'm': case 'M': mult = 1ULL << 20; end++; break;
    case 'g': case 'G': mult = 1ULL << 30; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b') end++;
    if (*end || v == 0 || v > SIZE_MAX / mult) return -1;
    *out = (size_t)(v * mult);
    return 0;
}

/* Returns 0, or 2 with a message for bad usage. */
static int parse_args(int argc, char **argv, Options *o) {
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-') break;
        if (strcmp(a, "-") == 0) break;
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "-i") == 0) o->interactive = 1;
        else if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) o->version = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { usage(stdout); exit(0); }
        else if (strcmp(a, "--test") == 0) { o->test = 1; o->script = i; return 0; }
        else if (strcmp(a, "--check-lessons") == 0) { o->checklessons = 1; o->script = i; return 0; }
        else if (strcmp(a, "--doc-reference") == 0) o->docref = 1;
        else if (strcmp(a, "--sandbox") == 0) o->sandbox = 1;
        else if (strcmp(a, "-e") == 0 || strcmp(a, "-l") == 0 || strcmp(a, "--db") == 0 ||
                 strcmp(a, "--out") == 0 || strcmp(a, "--max-memory") == 0 ||
                 strcmp(a, "--allow-read") == 0 || strcmp(a, "--timeout") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "%s: '%s' needs an argument\n", progname, a);
                usage(stderr);
                return 2;
            }
            if (a[1] == 'e') o->has_e = 1;
            if (strcmp(a, "--db") == 0) o->db = argv[i + 1];
            if (strcmp(a, "--out") == 0) o->out = argv[i + 1];
            if (strcmp(a, "--max-memory") == 0 && parse_size(argv[i + 1], &o->max_memory) != 0) {
                fprintf(stderr, "%s: --max-memory expects a size such as 512M or 2G, found '%s'\n",
                        progname, argv[i + 1]);
                return 2;
            }
            if (strcmp(a, "--allow-read") == 0) o->allow_read[o->nallow_read++] = argv[i + 1];
            if (strcmp(a, "--timeout") == 0) {
                char *end;
                errno = 0;
                long t = strtol(argv[i + 1], &end, 10);
                if (errno || end == argv[i + 1] || *end || t < 0 || t > 100000000) {
                    fprintf(stderr, "%s: --timeout expects whole seconds (0: no limit), found '%s'\n",
                            progname, argv[i + 1]);
                    return 2;
                }
                o->timeout = t;
            }
            i++;
        } else {
            fprintf(stderr, "%s: unrecognized option '%s'\n", progname, a);
            usage(stderr);
            return 2;
        }
    }
    o->script = i;
    return 0;
}

/* Runs -e and -l in command-line order. */
static int run_args(lua_State *L, char **argv, int upto) {
    for (int i = 1; i < upto; i++) {
        if (strcmp(argv[i], "-e") == 0) {
            if (dostring(L, argv[++i], "=(command line)") != LUA_OK) return 0;
        } else if (strcmp(argv[i], "-l") == 0) {
            if (dolibrary(L, argv[++i]) != LUA_OK) return 0;
        } else if (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--out") == 0 ||
                   strcmp(argv[i], "--max-memory") == 0 || strcmp(argv[i], "--allow-read") == 0 ||
                   strcmp(argv[i], "--timeout") == 0) i++;
    }
    return 1;
}

static int run_rc(lua_State *L) {
    const char *home = getenv("HOME");
    const char *rc = getenv("PASSENDRC");
    char path[4096];
    if (!rc) {
        if (!home) return LUA_OK;
        snprintf(path, sizeof path, "%s/.passendrc.lua", home);
        rc = path;
    }
    if (access(rc, R_OK) != 0) return LUA_OK;
    return dochunk(L, luaL_loadfile(L, rc));
}

/* CPU time of the process so far (exec and dynamic linking included), in ms. */
static double cpu_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void profile_step(const Options *o, const char *what, double *since) {
    if (!o->profile) return;
    double now = cpu_ms();
    fprintf(stderr, "%-24s %6.1f ms CPU\n", what, now - *since);
    *since = now;
}

static int pmain(lua_State *L) {
    int argc = (int)lua_tointeger(L, 1);
    char **argv = (char **)lua_touserdata(L, 2);
    Options *o = (Options *)lua_touserdata(L, 3);
    double t = 0;
    profile_step(o, "exec, linking, libc", &t);
    luaL_openlibs(L);
    createargtable(L, argv, argc, o->script);
    lua_gc(L, LUA_GCGEN, 0, 0);
    if (o->db) {
        lua_pushstring(L, o->db);
        lua_setfield(L, LUA_REGISTRYINDEX, "passend.dbpath");
    }
    profile_step(o, "Lua state and libraries", &t);
    int status = shell_docall(L, (lua_pushcfunction(L, open_passend), 0), 0);
    if (status != LUA_OK) { shell_report(L, status); return 0; }
    profile_step(o, "passend module (in all)", &t);
    if (o->sandbox) {
        int has_script = o->script < argc && !o->test && !o->checklessons;
        SandboxRequest rq = { o->out, o->db, has_script ? argv[o->script] : NULL,
                              has_script ? argv + o->script + 1 : NULL, has_script ? argc - o->script - 1 : 0,
                              o->allow_read, o->nallow_read, o->timeout, o->max_memory };
        if (shell_enter_sandbox(L, &rq) != 0) return 0;
    }
    start_deadline(o->timeout);
    if (o->version) {
        lua_getglobal(L, "passend");
        lua_getfield(L, -1, "version");
        lua_remove(L, -2);
        lua_call(L, 0, 1);
        printf("%s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
        if (o->script >= argc && !o->has_e && !o->interactive) { lua_pushboolean(L, 1); return 1; }
    }
    if (o->test) return lua_pushboolean(L, run_passend_fn(L, "run_tests") == LUA_OK), 1;
    if (o->checklessons) return lua_pushboolean(L, run_passend_fn(L, "check_lessons") == LUA_OK), 1;
    if (o->docref) return lua_pushboolean(L, run_passend_fn(L, "doc_reference") == LUA_OK), 1;
    if (!run_args(L, argv, o->script)) return 0;
    profile_step(o, "-e and -l", &t);
    if (o->script < argc) {
        if (handle_script(L, argv + o->script) != LUA_OK) return 0;
        if (o->interactive) { if (!o->sandbox) run_rc(L); repl_run(L); }
    } else if (o->interactive || (!o->has_e && !o->version && isatty(0))) {
        if (!o->sandbox) run_rc(L); /* a sandboxed run never runs the user's own start-up file */
        repl_run(L);
    } else if (!o->has_e && !o->version) {
        char *dash[] = { "", "-", NULL };
        if (handle_script(L, dash + 1) != LUA_OK) return 0;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* The Lua allocator, with an optional limit (--max-memory): over it an allocation
 * fails and Lua raises "not enough memory" instead of the process dying. */
typedef struct { size_t used, limit; } MemUse;

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    MemUse *m = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        m->used -= old;
        return NULL;
    }
    if (m->limit && nsize > old && m->used + (nsize - old) > m->limit) return NULL;
    void *p = realloc(ptr, nsize);
    if (p) m->used = m->used - old + nsize;
    return p;
}

static int panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "%s: unprotected error: %s\n", progname, msg ? msg : "(not a string)");
    return 0;
}

/* Limits the C heap as well (datasets live there), except under AddressSanitizer,
 * which reserves far more address space than it uses. */
static void limit_c_heap(size_t bytes) {
#ifndef __SANITIZE_ADDRESS__
    struct rlimit rl;
    if (getrlimit(RLIMIT_DATA, &rl) == 0) {
        rl.rlim_cur = bytes + ((rlim_t)64 << 20); /* room for the program and its libraries */
        if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max) rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_DATA, &rl);
    }
#else
    (void)bytes;
#endif
}

/* Start-up fills ~0.5 MB of heap (the Lua library's functions, strings and tables).
 * On a virtual machine a first touch costs ~17 us a page (a trap to the hypervisor
 * each time), populating the same pages in one call ~6 us: the heap is grown by that
 * much at once and populated before Lua starts. */
static void prefault_heap(size_t bytes) {
#if defined(MADV_POPULATE_WRITE) && defined(M_TOP_PAD)
    mallopt(M_TOP_PAD, (int)bytes);
    char *p = malloc(64);
    char *end = sbrk(0);
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    char *start = (char *)(((uintptr_t)p + page - 1) / page * page);
    if (p && end != (char *)-1 && end > start) madvise(start, (size_t)(end - start), MADV_POPULATE_WRITE);
    free(p);
    mallopt(M_TOP_PAD, 128 << 10);  /* glibc's default again */
#else
    (void)bytes;
#endif
}

int main(int argc, char **argv) {
    prefault_heap(512 << 10);
    Options o = {0};
    o.timeout = -1;
    o.profile = getenv("PASSEND_PROFILE_START") != NULL;
    o.allow_read = calloc((size_t)argc + 1, sizeof *o.allow_read);
    if (!o.allow_read) return 1;
    if (argv[0] && argv[0][0]) progname = "passend";
    int rc = parse_args(argc, argv, &o);
    if (rc) { free(o.allow_read); return rc; }
    if (o.sandbox) {
        if (o.timeout < 0) o.timeout = SANDBOX_TIMEOUT;
        if (!o.max_memory) o.max_memory = SANDBOX_MAX_MEMORY;
    }
    static MemUse mem;
    mem.limit = o.max_memory;
    if (o.max_memory) limit_c_heap(o.max_memory);
    lua_State *L = lua_newstate(limited_alloc, &mem);
    if (L) lua_atpanic(L, panic);
    if (!L) {
        fprintf(stderr, "%s: cannot create Lua state: not enough memory\n", progname);
        return 1;
    }
    lua_pushcfunction(L, pmain);
    lua_pushinteger(L, argc);
    lua_pushlightuserdata(L, argv);
    lua_pushlightuserdata(L, &o);
    int status = lua_pcall(L, 3, 1, 0);
    int ok = lua_toboolean(L, -1);
    if (status != LUA_OK) shell_report(L, status);
    lua_close(L);
    free(o.allow_read);
    return (ok && status == LUA_OK) ? 0 : 1;
}
