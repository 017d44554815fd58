/* luacache.c: loads passend's own Lua library from precompiled bytecode.
 *
 * Parsing the ~0.5 MB Lua library costs ~30 ms at every start; loading the same
 * chunks as bytecode costs ~1 ms. `make` (and `make install`) dump every file
 * under lua/ into a cache directory (tools/compile_lua.lua); here loadfile,
 * dofile and require use a cached chunk when it is at least as new as its
 * source and fall back to the source otherwise, so an edited file is never
 * shadowed by a stale one. Only files below the library directory are cached:
 * user files load exactly as in stock Lua. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "lua/luacache.h"
#include "io/pathgate.h"

#define CACHEDIR_KEY "passend.luacache"
#define LIBDIR_KEY "passend.luacache.libdir"  /* the library the cache was compiled from */

static const char *registry_dir(lua_State *L, const char *key) {
    lua_getfield(L, LUA_REGISTRYINDEX, key);
    const char *d = lua_tostring(L, -1);
    lua_pop(L, 1);  /* the registry keeps the string alive */
    return (d && *d) ? d : NULL;
}

/* Fills out with the cache file for path, or returns 0 when path is not ours or the
 * cache is missing or older than the source. Both are compared as real paths: a name
 * that climbs out of the library with `..`, or a link out of it, has no cache, so only
 * bytecode that `make` compiled from the installed library is ever loaded. */
static int fresh_cache_for(lua_State *L, const char *path, char *out, size_t size) {
    const char *cdir = registry_dir(L, CACHEDIR_KEY);
    const char *ldir = registry_dir(L, LIBDIR_KEY);
    char real[PATH_MAX], cached[PATH_MAX + 8];
    if (!cdir || !ldir || !path || !realpath(path, real)) return 0;
    size_t n = strlen(ldir);
    if (!path_is_within(real, ldir) || real[n] != '/') return 0;
    if (snprintf(cached, sizeof cached, "%s%sc", cdir, real + n) >= (int)sizeof cached) return 0;
    if (size < PATH_MAX || !realpath(cached, out) || !path_is_within(out, cdir)) return 0;
    struct stat src, bin;
    if (stat(real, &src) != 0 || stat(out, &bin) != 0) return 0;
    if (bin.st_mtim.tv_sec < src.st_mtim.tv_sec ||
        (bin.st_mtim.tv_sec == src.st_mtim.tv_sec && bin.st_mtim.tv_nsec < src.st_mtim.tv_nsec))
        return 0;
    return 1;
}

int pl_loadfile(lua_State *L, const char *path, const char *mode) {
    char cached[PATH_MAX];
    if (fresh_cache_for(L, path, cached, sizeof cached)) {
        int status = luaL_loadfilex(L, cached, "b");
        if (status == LUA_OK) return status;
        lua_pop(L, 1); /* unreadable cache: use the source */
    }
    return luaL_loadfilex(L, path, mode);
}

/* loadfile([filename [, mode [, env]]]), as in lbaselib.c */
static int l_loadfile(lua_State *L) {
    const char *fname = luaL_optstring(L, 1, NULL);
    const char *mode = luaL_optstring(L, 2, NULL);
    int env = (!lua_isnone(L, 3) ? 3 : 0);
    int status = pl_loadfile(L, fname, mode);
    if (status == LUA_OK) {
        if (env != 0) {
            lua_pushvalue(L, env);
            if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
        }
        return 1;
    }
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
}

static int dofilecont(lua_State *L, int d1, lua_KContext d2) {
    (void)d1; (void)d2;
    return lua_gettop(L) - 1;
}

static int l_dofile(lua_State *L) {
    const char *fname = luaL_optstring(L, 1, NULL);
    lua_settop(L, 1);
    if (pl_loadfile(L, fname, NULL) != LUA_OK) return lua_error(L);
    lua_callk(L, 0, LUA_MULTRET, 0, dofilecont);
    return dofilecont(L, 0, 0);
}

/* A package.searchers entry in front of Lua's own: same path, cached chunk. */
static int l_searcher(lua_State *L) {
    const char *name = luaL_checkstring(L, 1);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchpath");
    lua_pushstring(L, name);
    lua_getfield(L, -3, "path");
    lua_call(L, 2, 1);
    const char *path = lua_tostring(L, -1);
    char cached[PATH_MAX];
    if (!path || !fresh_cache_for(L, path, cached, sizeof cached)) {
        lua_pushnil(L); /* leave it to the standard searchers */
        return 1;
    }
    if (luaL_loadfilex(L, cached, "b") != LUA_OK)
        return luaL_error(L, "error loading module '%s' from cache '%s':\n\t%s", name, cached,
                          lua_tostring(L, -1));
    lua_pushstring(L, path);
    return 2;
}

void pl_install_luacache(lua_State *L, const char *luadir) {
    static const char *candidates[] = { "%s/../build/luac", "%sc" };
    char dir[PATH_MAX], real[PATH_MAX];
    struct stat st;
    const char *found = NULL;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0] && !found; i++) {
        snprintf(dir, sizeof dir, candidates[i], luadir);
        if (realpath(dir, real) && stat(real, &st) == 0 && S_ISDIR(st.st_mode)) found = real;
    }
    if (!found) return;
    lua_pushstring(L, found);
    lua_setfield(L, LUA_REGISTRYINDEX, CACHEDIR_KEY);
    lua_pushstring(L, luadir);
    lua_setfield(L, LUA_REGISTRYINDEX, LIBDIR_KEY);
    lua_pushcfunction(L, l_loadfile);
    lua_setglobal(L, "loadfile");
    lua_pushcfunction(L, l_dofile);
    lua_setglobal(L, "dofile");
    lua_getglobal(L, "package");
    if (lua_getfield(L, -1, "searchers") == LUA_TTABLE) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        for (lua_Integer i = n; i >= 2; i--) { /* shift up from 2 */
            lua_rawgeti(L, -1, i);
            lua_rawseti(L, -2, i + 1);
        }
        lua_pushcfunction(L, l_searcher);
        lua_rawseti(L, -2, 2);
    }
    lua_pop(L, 2);
}
