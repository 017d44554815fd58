/* lgate.c: the run's file policy (pathgate.h) in the lua_State, and the file functions
 * passend's Lua code and a sandboxed script use instead of Lua's own:
 *
 *   passend._open(path, mode)     io.open through the gate (a refusal raises)
 *   passend._remove(path)         os.remove through the gate
 *   passend._rename(from, to)     os.rename through the gate
 *   passend._temp_for(path)       a TempFile: write tf:name(), then tf:commit() replaces path
 *   passend._gate_read(path)      the path a read may open (raises when refused)
 *   passend._gate_write(path)     the path a write must replace (raises when refused)
 *   passend._mkdir(path)          one folder, through the gate (true also when it exists)
 *
 * and, for a sandboxed run, loadfile/dofile that read through the gate and load text only
 * (bytecode only from passend's own cache) and the one module searcher (lua_searcher). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "io/atomic_file.h"
#include "lua/lcheck.h"
#include "lua/lgate.h"
#include "lua/luacache.h"

#define GATE_KEY "passend.gate"
#define TEMP_MT "passend.TempFile"

/* The gate lives in a box (lcheck.h) in the registry, freed with the state. */
static void free_gate(void *g) { gate_free(g); }

void pl_gate_install(lua_State *L, PathGate *g) {
    *pl_box(L, free_gate) = g;
    lua_setfield(L, LUA_REGISTRYINDEX, GATE_KEY);
}

const PathGate *pl_gate(lua_State *L) {
    const PathGate *g = NULL;
    if (lua_getfield(L, LUA_REGISTRYINDEX, GATE_KEY) == LUA_TUSERDATA) {
        g = *pl_box_slot(L, -1);
    }
    lua_pop(L, 1);
    return g;
}

int pl_sandboxed(lua_State *L) {
    return pl_gate(L) != NULL;
}

void pl_gate_write(lua_State *L, const char *path, char *resolved) {
    char err[PATH_MAX + 256];
    if (gate_write_target(pl_gate(L), path, resolved, err, sizeof err) != 0) luaL_error(L, "%s", err);
}

void pl_gate_read(lua_State *L, const char *path, char *resolved) {
    char err[PATH_MAX + 256];
    if (gate_read_target(pl_gate(L), path, resolved, err, sizeof err) != 0) luaL_error(L, "%s", err);
}

/* --- Lua file handles opened through the gate --------------------------------- */

static int stream_close(lua_State *L) {
    luaL_Stream *p = luaL_checkudata(L, 1, LUA_FILEHANDLE);
    int ok = fclose(p->f) == 0;
    return luaL_fileresult(L, ok, NULL);
}

/* mode as io.open takes it: [rwa]%+?b* -> open(2) flags; -1 when it is not one */
static int open_flags(const char *mode) {
    int flags;
    switch (*mode++) {
    case 'r': flags = O_RDONLY; break;
    case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
    case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
    default: return -1;
    }
    if (*mode == '+') {
        flags = (flags & ~(O_RDONLY | O_WRONLY)) | O_RDWR;
        mode++;
    }
    while (*mode == 'b') mode++;
    return *mode ? -1 : flags;
}

/* _open(path [, mode]) -> file | nil, message, errno (as io.open); a refusal raises */
static int l_open(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    const char *mode = luaL_optstring(L, 2, "r");
    int flags = open_flags(mode);
    luaL_argcheck(L, flags >= 0, 2, "invalid mode");
    luaL_Stream *p = lua_newuserdatauv(L, sizeof *p, 0);
    p->f = NULL;
    p->closef = NULL; /* a closed file until it is open */
    luaL_setmetatable(L, LUA_FILEHANDLE);
    char err[PATH_MAX + 256];
    int fd = gate_open(pl_gate(L), path, flags, err, sizeof err);
    if (fd == GATE_REFUSED) return luaL_error(L, "%s", err);
    if (fd < 0) {
        int e = errno;
        luaL_pushfail(L);
        lua_pushstring(L, err);
        lua_pushinteger(L, e);
        return 3;
    }
    char fmode[4] = { mode[0], '\0', '\0', '\0' };
    if (strchr(mode, '+')) fmode[1] = '+';
    p->f = fdopen(fd, fmode);
    if (!p->f) {
        int e = errno;
        close(fd);
        luaL_pushfail(L);
        lua_pushfstring(L, "%s: %s", path, strerror(e));
        lua_pushinteger(L, e);
        return 3;
    }
    p->closef = stream_close;
    return 1;
}

static int fail_or_raise(lua_State *L, int rc, const char *err) {
    if (rc == GATE_REFUSED) return luaL_error(L, "%s", err);
    int e = errno;
    luaL_pushfail(L);
    lua_pushstring(L, err);
    lua_pushinteger(L, e);
    return 3;
}

/* _remove(path) -> true | nil, message, errno (as os.remove) */
static int l_remove(lua_State *L) {
    char err[PATH_MAX + 256];
    int rc = gate_remove(pl_gate(L), luaL_checkstring(L, 1), err, sizeof err);
    if (rc != 0) return fail_or_raise(L, rc, err);
    lua_pushboolean(L, 1);
    return 1;
}

/* _rename(from, to) -> true | nil, message, errno (as os.rename) */
static int l_rename(lua_State *L) {
    char err[PATH_MAX + 256];
    int rc = gate_rename(pl_gate(L), luaL_checkstring(L, 1), luaL_checkstring(L, 2), err, sizeof err);
    if (rc != 0) return fail_or_raise(L, rc, err);
    lua_pushboolean(L, 1);
    return 1;
}

static int l_gate_read(lua_State *L) {
    char resolved[PATH_MAX];
    pl_gate_read(L, luaL_checkstring(L, 1), resolved);
    lua_pushstring(L, resolved);
    return 1;
}

static int l_gate_write(lua_State *L) {
    char resolved[PATH_MAX];
    pl_gate_write(L, luaL_checkstring(L, 1), resolved);
    lua_pushstring(L, resolved);
    return 1;
}

/* _mkdir(path) -> true | nil, message, errno: creates one folder (mode 0700: it holds a
 * user's own state); an existing folder is fine. */
static int l_mkdir(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        lua_pushboolean(L, 1);
        return 1;
    }
    char resolved[PATH_MAX];
    pl_gate_write(L, path, resolved);
    if (mkdir(resolved, 0700) != 0 && errno != EEXIST) return luaL_fileresult(L, 0, path);
    lua_pushboolean(L, 1);
    return 1;
}

/* --- TempFile: a transactional write for writers that write by file name ----------- */

typedef struct {
    AtomicFile af;
    char *shown;  /* the name the user gave, for messages */
} TempFile;

static TempFile *check_temp(lua_State *L) {
    return luaL_checkudata(L, 1, TEMP_MT);
}

static void temp_release(TempFile *t) {
    atomic_abort(&t->af);
    free(t->shown);
    t->shown = NULL;
}

static int temp_gc(lua_State *L) {
    temp_release(check_temp(L));
    return 0;
}

/* tf:name() -> the temporary file to write */
static int temp_name(lua_State *L) {
    TempFile *t = check_temp(L);
    if (!t->af.tmp) return luaL_error(L, "the temporary file of %s is already committed or removed",
                                      t->shown ? t->shown : "a write");
    lua_pushstring(L, t->af.tmp);
    return 1;
}

/* tf:commit(): sync the temporary and rename it over the target */
static int temp_commit(lua_State *L) {
    TempFile *t = check_temp(L);
    if (!t->af.tmp) return luaL_error(L, "the temporary file is already committed or removed");
    char err[PATH_MAX + 256];
    int rc = atomic_commit(&t->af, t->shown, err, sizeof err);
    free(t->shown);
    t->shown = NULL;
    if (rc != 0) return luaL_error(L, "%s", err);
    return 0;
}

static int temp_abort(lua_State *L) {
    temp_release(check_temp(L));
    return 0;
}

/* _temp_for(path) -> TempFile (to-be-closed: closing without commit removes it) */
static int l_temp_for(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    char resolved[PATH_MAX];
    pl_gate_write(L, path, resolved);
    TempFile *t = lua_newuserdatauv(L, sizeof *t, 0);
    memset(t, 0, sizeof *t);
    t->af.fd = -1;
    luaL_setmetatable(L, TEMP_MT);
    if (!(t->shown = strdup(path))) return luaL_error(L, "not enough memory");
    char err[PATH_MAX + 256];
    if (atomic_begin(&t->af, resolved, path, err, sizeof err) != 0) return luaL_error(L, "%s", err);
    atomic_close_fd(&t->af); /* the writer opens it by name */
    return 1;
}

/* --- loading Lua code in a sandboxed run -------------------------------------------- */

/* Loads the chunk at path (already through the gate): passend's own files from their
 * compiled cache, everything else as text only. */
static int load_checked(lua_State *L, const char *resolved) {
    return pl_loadfile(L, resolved, "t");
}

/* loadfile([filename [, mode [, env]]]) of a sandboxed run: mode is always text */
static int l_sandbox_loadfile(lua_State *L) {
    const char *fname = luaL_optstring(L, 1, NULL);
    int env = !lua_isnone(L, 3) ? 3 : 0;
    int status;
    if (fname) {
        char resolved[PATH_MAX];
        pl_gate_read(L, fname, resolved);
        status = load_checked(L, resolved);
    } else status = luaL_loadfilex(L, NULL, "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env) {
        lua_pushvalue(L, env);
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    }
    return 1;
}

static int dofile_cont(lua_State *L, int d1, lua_KContext d2) {
    (void)d1; (void)d2;
    return lua_gettop(L) - 1;
}

static int l_sandbox_dofile(lua_State *L) {
    const char *fname = luaL_optstring(L, 1, NULL);
    lua_settop(L, 1);
    int status;
    if (fname) {
        char resolved[PATH_MAX];
        pl_gate_read(L, fname, resolved);
        status = load_checked(L, resolved);
    } else status = luaL_loadfilex(L, NULL, "t");
    if (status != LUA_OK) return lua_error(L);
    lua_callk(L, 0, LUA_MULTRET, 0, dofile_cont);
    return dofile_cont(L, 0, 0);
}

/* The one module searcher of a sandboxed run: the templates of package.path, each
 * candidate through the gate, text only (passend's own modules from their cache). */
static int l_sandbox_searcher(lua_State *L) {
    const char *name = luaL_checkstring(L, 1);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    const char *templates = lua_tostring(L, -1);
    if (!templates) return luaL_error(L, "'package.path' must be a string");
    const char *file = luaL_gsub(L, name, ".", "/");
    luaL_Buffer tried;
    luaL_buffinit(L, &tried);
    const char *p = templates;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0) {
            lua_pushlstring(L, p, len);
            const char *candidate = luaL_gsub(L, lua_tostring(L, -1), "?", file);
            char resolved[PATH_MAX], err[PATH_MAX + 256];
            int rc = gate_read_target(pl_gate(L), candidate, resolved, err, sizeof err);
            if (rc == 0 && access(resolved, R_OK) == 0) {
                if (load_checked(L, resolved) != LUA_OK)
                    return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, candidate,
                                      lua_tostring(L, -1));
                lua_pushstring(L, candidate);
                return 2;
            }
            lua_pop(L, 2);
            luaL_addstring(&tried, "\n\t");
            luaL_addstring(&tried, rc == GATE_REFUSED ? "not allowed in the sandbox: '" : "no file '");
            luaL_addstring(&tried, candidate);
            luaL_addstring(&tried, "'");
        }
        p += len + (end ? 1 : 0);
    }
    luaL_pushresult(&tried);
    return 1;
}

static int l_sandboxed_fn(lua_State *L) {
    lua_pushboolean(L, pl_sandboxed(L));
    return 1;
}

static void push_list(lua_State *L, const PathGate *g, const char *(*item)(const PathGate *, size_t)) {
    lua_newtable(L);
    for (size_t i = 0; item(g, i); i++) {
        lua_pushstring(L, item(g, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* sandbox_info() -> nil outside the sandbox, else what this run may do */
static int l_sandbox_info(lua_State *L) {
    const PathGate *g = pl_gate(L);
    if (!g) {
        lua_pushnil(L);
        return 1;
    }
    if (lua_getfield(L, LUA_REGISTRYINDEX, "passend.sandbox_limits") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    int info = lua_gettop(L);
    lua_newtable(L); /* a copy: the record stays as it was */
    lua_pushnil(L);
    while (lua_next(L, info)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, -4);
    }
    if (gate_out(g)) lua_pushstring(L, gate_out(g));
    else lua_pushnil(L);
    lua_setfield(L, -2, "out");
    push_list(L, g, gate_root);
    lua_setfield(L, -2, "read_folders");
    push_list(L, g, gate_named);
    lua_setfield(L, -2, "read_files");
    return 1;
}

static const pl_Func gate_funcs[] = {
    {"_open", l_open, NULL},
    {"_remove", l_remove, NULL},
    {"_rename", l_rename, NULL},
    {"_temp_for", l_temp_for, NULL},
    {"_gate_read", l_gate_read, NULL},
    {"_gate_write", l_gate_write, NULL},
    {"_mkdir", l_mkdir, NULL},
    {"_sandbox_loadfile", l_sandbox_loadfile, NULL},
    {"_sandbox_dofile", l_sandbox_dofile, NULL},
    {"_sandbox_searcher", l_sandbox_searcher, NULL},
    {"_sandboxed", l_sandboxed_fn, NULL},
    {"sandbox_info", l_sandbox_info,
     "sandbox_info() -> table | nil\n\n"
     "In a sandboxed run (passend --sandbox) what it may do: out (the one folder it writes), "
     "read_folders and read_files (all it reads besides passend's own files), timeout (seconds), "
     "max_memory (bytes), landlock (the kernel's Landlock ABI enforcing the same, 0 when the kernel "
     "has none) and seccomp (true when programs, processes and sockets are refused by the kernel). "
     "nil in an ordinary run. See docs/sandbox.md."},
    {NULL, NULL, NULL}};

int passend_open_gate(lua_State *L) {
    if (luaL_newmetatable(L, TEMP_MT)) {
        static const luaL_Reg methods[] = {
            {"name", temp_name}, {"commit", temp_commit}, {"abort", temp_abort}, {NULL, NULL}};
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, temp_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, temp_gc);
        lua_setfield(L, -2, "__close");
        lua_pushliteral(L, "passend.TempFile");
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    pl_register(L, gate_funcs);
    return 0;
}
