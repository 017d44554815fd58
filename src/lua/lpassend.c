/* lpassend.c: luaopen_passend, the module both the shell and stock lua5.4 load.
 * It builds the table of C functions from the openers in modules.h (the Lua module
 * passend.core), then runs lua/passend/init.lua, found next to the executable or module,
 * which assembles the public module from the Lua layers and returns it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include <lualib.h>
#include <sqlite3.h>

#include "lua/lpassend.h"
#include "lua/luacache.h"
#include "lua/lcheck.h"
#include "kernel/suggest.h"

#define MODULE(x) int passend_open_##x(lua_State *L);
#include "lua/modules.h"
#undef MODULE

#define DOCS_KEY "passend.docs"        /* name -> doc */
#define NAMES_KEY "passend.docnames"   /* function -> name (weak keys) */
#define LUADIR_KEY "passend.luadir"

static void push_registry_table(lua_State *L, const char *key, const char *mode) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    if (mode) {
        lua_newtable(L);
        lua_pushstring(L, mode);
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, key);
}

void pl_setdoc(lua_State *L, int idx, const char *name, const char *doc) {
    idx = lua_absindex(L, idx);
    push_registry_table(L, DOCS_KEY, NULL);
    lua_pushstring(L, doc ? doc : "");
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
    push_registry_table(L, NAMES_KEY, "k");
    lua_pushvalue(L, idx);
    lua_pushstring(L, name);
    lua_settable(L, -3);
    lua_pop(L, 1);
}

void pl_register(lua_State *L, const pl_Func *funcs) {
    for (; funcs->name; funcs++) {
        lua_pushcfunction(L, funcs->fn);
        if (funcs->doc) pl_setdoc(L, -1, funcs->name, funcs->doc);
        lua_setfield(L, -2, funcs->name);
    }
}

/* --- finding the Lua library ------------------------------------------- */

static int is_dir_with_init(const char *dir) {
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/passend/init.lua", dir) >= (int)sizeof path) return 0;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Directory of the file that holds this code: the executable, or passend.so. */
static int self_dir(char *out, size_t size) {
    Dl_info info;
    char buf[PATH_MAX];
    if (dladdr((void *)&luaopen_passend, &info) && info.dli_fname && strchr(info.dli_fname, '/')) {
        if (!realpath(info.dli_fname, buf)) return 0;
    } else {
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
        if (n <= 0) return 0;
        buf[n] = '\0';
    }
    char *slash = strrchr(buf, '/');
    if (!slash) return 0;
    *slash = '\0';
    snprintf(out, size, "%s", buf);
    return 1;
}

const char *pl_luadir(lua_State *L) {
    const char *dir;
    lua_getfield(L, LUA_REGISTRYINDEX, LUADIR_KEY);
    dir = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (dir) return dir;
    static const char *rel[] = { "../lua", "../../lua", "../share/passend/lua", "../../../share/passend/lua", "lua" };
    char base[PATH_MAX], cand[PATH_MAX + 64];
    if (!self_dir(base, sizeof base)) return NULL;
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(cand, sizeof cand, "%s/%s", base, rel[i]);
        char real[PATH_MAX];
        if (realpath(cand, real) && is_dir_with_init(real)) {
            lua_pushstring(L, real);
            lua_setfield(L, LUA_REGISTRYINDEX, LUADIR_KEY);
            return pl_luadir(L);
        }
    }
    return NULL;
}

/* Prepends PASSEND_PATH entries and the library dir to package.path. */
static void extend_package_path(lua_State *L, const char *luadir) {
    luaL_Buffer b;
    lua_getglobal(L, "package");
    luaL_buffinit(L, &b);
    const char *env = getenv("PASSEND_PATH");
    if (env && *env) {
        const char *p = env;
        while (*p) {
            const char *e = strchr(p, ';');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len) {
                luaL_addlstring(&b, p, len); luaL_addstring(&b, "/?.lua;");
                luaL_addlstring(&b, p, len); luaL_addstring(&b, "/?/init.lua;");
            }
            p += len + (e ? 1 : 0);
        }
    }
    luaL_addstring(&b, luadir); luaL_addstring(&b, "/?.lua;");
    luaL_addstring(&b, luadir); luaL_addstring(&b, "/?/init.lua;");
    lua_getfield(L, -2, "path");
    luaL_addvalue(&b);
    luaL_pushresult(&b);
    lua_setfield(L, -2, "path");
    lua_pop(L, 1);
}

static int l_version(lua_State *L) {
    lua_pushfstring(L, "passend %s (%s, SQLite %s)", PASSEND_VERSION, LUA_RELEASE, sqlite3_libversion());
    return 1;
}

static int l_doc(lua_State *L) {
    /* doc(name) -> text, or doc(fn) -> text, name */
    if (lua_isfunction(L, 1)) {
        push_registry_table(L, NAMES_KEY, "k");
        lua_pushvalue(L, 1);
        lua_gettable(L, -2);
        if (lua_isnil(L, -1)) return 1;
        lua_replace(L, 1);
    }
    const char *name = luaL_checkstring(L, 1);
    push_registry_table(L, DOCS_KEY, NULL);
    lua_getfield(L, -1, name);
    lua_pushstring(L, name);
    return 2;
}

static int l_setdoc(lua_State *L) {
    /* setdoc(name, value, doc) */
    const char *name = luaL_checkstring(L, 1);
    luaL_checkany(L, 2);
    pl_setdoc(L, 2, name, luaL_checkstring(L, 3));
    return 0;
}

static int l_docs(lua_State *L) {
    push_registry_table(L, DOCS_KEY, NULL);
    return 1;
}

static int l_clock(lua_State *L) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
    return 1;
}

/* _suggest(name, candidates [, max = 3]) -> the candidates closest to name, nearest first
 * (kernel/suggest.h); passend.args words its "did you mean" with it. */
static int l_suggest(lua_State *L) {
    const char *name = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t max = (size_t)pl_optrange(L, 3, "max", 0, 16, 3);
    size_t n = lua_rawlen(L, 2);
    if (n > (size_t)PL_MAX_ROWS) return luaL_error(L, "_suggest: more than %I candidates", PL_MAX_ROWS);
    const char **names = pl_scratch(L, n, sizeof *names);
    for (size_t i = 0; i < n; i++) {
        /* the table at 2 keeps the strings alive after the pop */
        names[i] = lua_rawgeti(L, 2, (lua_Integer)i + 1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        lua_pop(L, 1);
    }
    size_t best[16];
    size_t k = sugg_closest(name, names, n, best, max);
    lua_createtable(L, (int)k, 0);
    for (size_t i = 0; i < k; i++) {
        lua_pushstring(L, names[best[i]]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static const pl_Func core_funcs[] = {
    {"version", l_version, "version()\n\nThe versions of passend, Lua and SQLite as one string."},
    {"_doc", l_doc, NULL},
    {"_setdoc", l_setdoc, NULL},
    {"_docs", l_docs, NULL},
    {"_suggest", l_suggest, NULL},
    {"clock", l_clock, "clock()\n\nWall-clock seconds from a fixed point (monotonic): the difference of two\n"
                       "calls times a step, including work on other threads (os.clock counts CPU time)."},
    {NULL, NULL, NULL}
};

int passend_open_core(lua_State *L) {
    pl_register(L, core_funcs);
    return 0;
}

int luaopen_passend(lua_State *L) {
    const char *luadir = pl_luadir(L);
    if (!luadir)
        return luaL_error(L, "cannot find the passend Lua library (lua/passend/init.lua); "
                             "set PASSEND_PATH to its directory");
    lua_newtable(L);
    int mod = lua_gettop(L);
#define MODULE(x) lua_settop(L, mod); passend_open_##x(L);
#include "lua/modules.h"
#undef MODULE
    lua_settop(L, mod);
    lua_pushstring(L, luadir);
    lua_setfield(L, mod, "luadir");
    /* The C functions are the module passend.core, which the Lua layers require. */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, mod);
    lua_setfield(L, -2, "passend.core");
    lua_pop(L, 1);
    extend_package_path(L, luadir);
    pl_install_luacache(L, luadir);
    /* lua/passend/init.lua assembles the public module from the layers and returns it */
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/passend/init.lua", luadir);
    if (pl_loadfile(L, path, NULL) != LUA_OK) return lua_error(L);
    lua_pushliteral(L, "passend");
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1)) return luaL_error(L, "%s: did not return the passend module", path);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "passend");
    lua_pop(L, 1);
    return 1;
}
