/* fuzz_api.c: libFuzzer target for every Lua-callable C function of passend.
 *
 * tests/support/hostile.lua lists the functions (the module's C functions sorted by
 * name, the readers'/writers' C functions, then the metamethods and methods of every
 * passend.* metatable, and the two iterators the C code makes) and builds a pool of
 * hostile values: nil, booleans, 0, -1, -5, 2^31, 2^53, 2^63-1, +-inf, NaN, 0.5, "",
 * strings with NUL bytes, a long string, empty tables, tables with n = -5 / 2^53 / inf,
 * arrays of several lengths, nested tables, datasets of 3 and 12 rows, with 0 rows, 0
 * columns and none at all, columns, a calibration, row views, and the spec, design,
 * option and workbook tables the Lua front ends pass.
 *
 * The input is a program of at most MAX_OPS steps over a list of slots (the pool, then
 * every value a call returned):
 *   op % 8 in 0..3  call function[next byte] with (next byte % 6) slot arguments
 *   op % 8 == 4     the same, with the Lua allocator failing after (next byte) more
 *                   allocations (a memory error inside the function: nothing may leak)
 *   op % 8 == 5     call the slot value (when it is a function) with slot arguments
 *   op % 8 == 6     a new slot: an array of (next byte % 6) slot values
 *   op % 8 == 7     a new slot: a table of (next byte % 5) key = slot pairs, keys from
 *                   hostile.lua's H.keys (option, design and spec field names)
 * Calls run in lua_pcall: a Lua error is the expected answer to most of them. A crash,
 * a sanitizer report, a leak or a hang (-timeout) is a bug.
 *
 * Excluded (see H.excluded): clock(), whose result is the time (irreproducible runs).
 * Not on the module and so not called: the loadfile/dofile replacements and the
 * package searcher of src/luacache.c (stock Lua behaviour: dofile() reads stdin) and
 * the prompt's quit/exit (src/repl.c; only defined inside the interactive prompt).
 *
 * Writes: every input runs in the process's temporary directory, emptied before each
 * input and removed at exit (after a crash: at the next start); between inputs the
 * process is back in its own directory, where libFuzzer keeps its corpus. The pool's paths are relative names only,
 * and a string a call returns is only kept when it holds no '/' and is not "." or
 * "..", so no write can leave that directory. A relative -artifact_prefix (or none) is
 * made absolute, so crash files land where they were asked for. The session database
 * is dropped before every input. Built by `make fuzz` as build/fuzz/fuzz_api. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "lua/lpassend.h"

#ifndef FUZZ_HOSTILE
#define FUZZ_HOSTILE "tests/support/hostile.lua"
#endif

#define MAX_OPS 40     /* steps per input */
#define MAX_SLOTS 250  /* pool plus results */
#define MAX_ARGS 6

/* The Lua allocator, failing every growth once fail_after allocations have been made
 * (fail_after < 0: never). Only armed while a called function runs: Lua assumes that
 * shrinking a block never fails, and the harness's own API calls are not protected. */
static long fail_after = -1;

static void *fuzz_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    (void)ud;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    if (fail_after >= 0 && (ptr == NULL || nsize > osize)) {
        if (fail_after == 0) return NULL;
        fail_after--;
    }
    return realloc(ptr, nsize);
}

static int panic(lua_State *l) {
    fprintf(stderr, "fuzz_api: unprotected Lua error: %s\n", lua_tostring(l, -1));
    abort();
}

static lua_State *L;
static int ref_module, ref_hostile, ref_funcs, ref_keys;
static int nfuncs, nkeys;
static char workdir[PATH_MAX];
static int home_fd = -1, work_fd = -1;  /* the process's own directory and the work directory */

static void die(const char *what) {
    fprintf(stderr, "fuzz_api setup: %s: %s\n", what, lua_tostring(L, -1));
    abort();
}

/* Removes every file in the working directory (the calls create only files). */
static void empty_workdir(void) {
    DIR *dir = opendir(".");
    if (!dir) return;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) unlink(e->d_name);
    closedir(dir);
}

/* Removes dir/name (a work directory with only files in it). */
static void remove_dir(const char *dir, const char *name) {
    char path[PATH_MAX * 2];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    char file[PATH_MAX * 3];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        unlink(file);
    }
    closedir(d);
    rmdir(path);
}

/* A crash ends the process without atexit: work directories of processes that are
 * gone (their pid is in the name) are removed at the next start. */
static void remove_stale(const char *base) {
    DIR *d = opendir(base);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int pid;
        if (sscanf(e->d_name, "passend-fuzz-api-%d-", &pid) == 1 && pid > 0 && kill(pid, 0) != 0 && errno == ESRCH)
            remove_dir(base, e->d_name);
    }
    closedir(d);
}

static void remove_workdir(void) {
    if (!workdir[0] || chdir(workdir) != 0) return;
    empty_workdir();
    if (fchdir(home_fd) == 0) rmdir(workdir);
}

static void enter(int fd) {
    if (fchdir(fd) != 0) {
        perror("fuzz_api: fchdir");
        abort();
    }
}

/* libFuzzer writes crash, timeout and leak files (relative to the current directory)
 * while an input runs, i.e. inside the work directory: make the prefix absolute. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static char prefix[PATH_MAX + 32];
    static char **args;  /* the new argv: lives (and stays reachable) as long as the process */
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return 0;
    const char *given = "./";
    int at = -1;
    for (int i = 1; i < *argc; i++)
        if (strncmp((*argv)[i], "-artifact_prefix=", 17) == 0) { given = (*argv)[i] + 17; at = i; }
    if (given[0] == '/') return 0;
    snprintf(prefix, sizeof prefix, "-artifact_prefix=%s/%s", cwd, given);
    args = calloc((size_t)*argc + 2, sizeof *args);
    if (!args) return 0;
    for (int i = 0; i < *argc; i++) args[i] = (*argv)[i];
    if (at >= 0) args[at] = prefix;
    else args[(*argc)++] = prefix;
    *argv = args;
    return 0;
}

/* Calls H[name](P) and leaves its result on the stack. */
static void call_hostile(const char *name) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref_hostile);
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref_module);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) die(name);
}

static void setup(void) {
    char hostile[PATH_MAX];
    const char *src = getenv("PASSEND_HOSTILE") ? getenv("PASSEND_HOSTILE") : FUZZ_HOSTILE;
    if (!realpath(src, hostile)) {
        fprintf(stderr, "fuzz_api setup: cannot find %s (set PASSEND_HOSTILE)\n", src);
        abort();
    }
    /* passend finds its Lua library from the executable's path: open it before the chdir */
    L = lua_newstate(fuzz_alloc, NULL);
    lua_atpanic(L, panic);
    luaL_openlibs(L);
    luaL_requiref(L, "passend", luaopen_passend, 1);
    lua_pop(L, 1);
    /* every C function lives in passend.core (the Lua layers are not C) */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "passend.core");
    lua_remove(L, -2);
    ref_module = luaL_ref(L, LUA_REGISTRYINDEX);
    if (luaL_dofile(L, hostile) != LUA_OK) die(hostile);
    ref_hostile = luaL_ref(L, LUA_REGISTRYINDEX);

    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    remove_stale(base);
    snprintf(workdir, sizeof workdir, "%s/passend-fuzz-api-%d-XXXXXX", base, (int)getpid());
    home_fd = open(".", O_RDONLY | O_DIRECTORY);
    if (home_fd < 0 || !mkdtemp(workdir) || (work_fd = open(workdir, O_RDONLY | O_DIRECTORY)) < 0) {
        perror("fuzz_api setup: temporary directory");
        abort();
    }
    atexit(remove_workdir);
    enter(work_fd);
    call_hostile("prepare");
    lua_pop(L, 1);
    call_hostile("functions");
    nfuncs = (int)lua_rawlen(L, -1);
    ref_funcs = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref_hostile);
    lua_getfield(L, -1, "keys");
    nkeys = (int)lua_rawlen(L, -1);
    ref_keys = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1);
    if (nfuncs == 0 || nkeys == 0) die("no functions or keys");
    if (getenv("FUZZ_API_LIST")) {  /* the call targets, numbered as the input bytes pick them */
        lua_rawgeti(L, LUA_REGISTRYINDEX, ref_funcs);
        for (int i = 1; i <= nfuncs; i++) {
            lua_rawgeti(L, -1, i);
            lua_rawgeti(L, -1, 1);
            fprintf(stderr, "%3d %s\n", i - 1, lua_tostring(L, -1));
            lua_pop(L, 2);
        }
        lua_pop(L, 1);
    }
}

typedef struct {
    const uint8_t *p;
    size_t n;
} Input;

static unsigned next_byte(Input *in) {
    if (!in->n) return 0;
    in->n--;
    return *in->p++;
}

/* Values returned by calls become slots, except strings that could name a path outside
 * the working directory. */
static int keepable(int idx) {
    if (lua_isnil(L, idx)) return 0;
    if (lua_type(L, idx) != LUA_TSTRING) return 1;
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    return !memchr(s, '/', len) && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

/* Appends the value on top of the stack to the slots table at index slots (pops it). */
static void add_slot(int slots, int *nslots) {
    if (*nslots < MAX_SLOTS && keepable(-1)) {
        lua_rawseti(L, slots, ++*nslots);
    } else {
        lua_pop(L, 1);
    }
}

static void push_slot(Input *in, int slots, int nslots) {
    lua_rawgeti(L, slots, (lua_Integer)(next_byte(in) % (unsigned)nslots) + 1);
}

/* Calls the function below the top with slot arguments; keeps up to 3 results. With
 * faults >= 0 the allocator fails after that many allocations inside the call. */
static void call_with_args(Input *in, int slots, int *nslots, long faults) {
    int nargs = (int)(next_byte(in) % MAX_ARGS);
    for (int i = 0; i < nargs; i++) push_slot(in, slots, *nslots);
    int base = lua_gettop(L) - nargs - 1;
    fail_after = faults;
    int rc = lua_pcall(L, nargs, 3, 0);
    fail_after = -1;
    if (rc != LUA_OK) {
        lua_settop(L, base);  /* the error: expected for most calls */
        return;
    }
    for (int i = 1; i <= 3; i++) {
        lua_pushvalue(L, base + i);
        add_slot(slots, nslots);
    }
    lua_settop(L, base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!L) setup();
    enter(work_fd);
    empty_workdir();
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "passend.db");  /* a fresh session database */
    lua_settop(L, 0);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref_funcs);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref_keys);
    call_hostile("pool");  /* slots 1..n: the pool (nil entries included) */
    const int funcs = 1, keys = 2, slots = 3;
    lua_getfield(L, slots, "n");
    int nslots = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);

    Input in = { data, size };
    for (int op = 0; op < MAX_OPS && in.n > 0; op++) {
        unsigned kind = next_byte(&in) % 8;
        if (kind <= 4) {
            unsigned f = next_byte(&in);
            if (nfuncs > 256) f |= next_byte(&in) << 8;
            long faults = kind == 4 ? (long)next_byte(&in) : -1;
            lua_rawgeti(L, funcs, (lua_Integer)(f % (unsigned)nfuncs) + 1);
            lua_rawgeti(L, -1, 2);
            lua_remove(L, -2);
            call_with_args(&in, slots, &nslots, faults);
        } else if (kind == 5) {
            push_slot(&in, slots, nslots);
            if (lua_isfunction(L, -1)) call_with_args(&in, slots, &nslots, -1);
            else lua_pop(L, 1);
        } else if (kind == 6) {
            int k = (int)(next_byte(&in) % 6);
            lua_createtable(L, k, 0);
            for (int i = 1; i <= k; i++) {
                push_slot(&in, slots, nslots);
                lua_rawseti(L, -2, i);
            }
            add_slot(slots, &nslots);
        } else {
            int k = (int)(next_byte(&in) % 5);
            lua_createtable(L, 0, k);
            for (int i = 0; i < k; i++) {
                lua_rawgeti(L, keys, (lua_Integer)(next_byte(&in) % (unsigned)nkeys) + 1);
                push_slot(&in, slots, nslots);
                lua_rawset(L, -3);  /* a nil value just leaves the key out */
            }
            add_slot(slots, &nslots);
        }
    }
    lua_settop(L, 0);
    lua_gc(L, LUA_GCCOLLECT, 0);  /* twice: finalizers run in the first, memory goes in the second */
    lua_gc(L, LUA_GCCOLLECT, 0);
    enter(home_fd);
    return 0;
}
