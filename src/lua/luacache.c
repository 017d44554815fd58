/* luacache.c: loads passend's own Lua library from precompiled bytecode.
 *
 * Parsing the ~0.5 MB Lua library costs ~30 ms at every start; loading the same
 * chunks as bytecode costs ~1 ms. `make` (and `make install`) dump every file
 * under lua/ into a cache directory (tools/compile_lua.lua); here loadfile,
 * dofile and require use a cached chunk when it is at least as new as its
 * source and fall back to the source otherwise, so an edited file is never
 * shadowed by a stale one. Only files below the library directory are cached:
 * user files load exactly as in stock Lua.
 *
 * The same chunks are also in one file, the bundle (`<cache>/bundle`), mapped once
 * at start: a module found there costs one lstat of its source (fresh when it is a
 * regular file no newer than the bundle) instead of two realpaths, two stats and
 * opening the cached file; the ~45 files read at start cost ~5 ms less. */
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "lua/luacache.h"
#include "io/pathgate.h"

#define CACHEDIR_KEY "passend.luacache"
#define LIBDIR_KEY "passend.luacache.libdir"  /* the library the cache was compiled from */
#define BUNDLE_KEY "passend.luacache.bundle"  /* userdata Bundle: the mapped bundle */
#define BUNDLE_INDEX_KEY "passend.luacache.bundleindex" /* path below the library -> offset * 2^32 + size */
#define BUNDLE_MT "passend.LuaBundle"

typedef struct {
    char *data;
    size_t len;
    struct timespec mtime;
} Bundle;

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

/* Whether rel (a path below the library) has no empty, "." or ".." part. */
static int plain_relpath(const char *rel) {
    for (const char *p = rel;;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) return 0;
        if (!e) return 1;
        p = e + 1;
    }
}

/* Loads path's chunk from the bundle: LUA_OK or an error status with the message
 * pushed, or -1 (nothing pushed) when the bundle has no fresh chunk for it. */
static int load_from_bundle(lua_State *L, const char *path) {
    const char *ldir = registry_dir(L, LIBDIR_KEY);
    if (!ldir || !path || lua_getfield(L, LUA_REGISTRYINDEX, BUNDLE_KEY) != LUA_TUSERDATA) {
        lua_pop(L, 1);
        return -1;
    }
    const Bundle *b = lua_touserdata(L, -1);
    size_t n = strlen(ldir);
    lua_pop(L, 1);  /* the registry keeps it */
    if (strncmp(path, ldir, n) != 0 || path[n] != '/' || !plain_relpath(path + n + 1)) return -1;
    lua_getfield(L, LUA_REGISTRYINDEX, BUNDLE_INDEX_KEY);
    int found = lua_getfield(L, -1, path + n + 1) == LUA_TNUMBER;
    lua_Integer where = lua_tointeger(L, -1);
    lua_pop(L, 2);
    struct stat st;
    if (!found || lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_mtim.tv_sec > b->mtime.tv_sec ||
        (st.st_mtim.tv_sec == b->mtime.tv_sec && st.st_mtim.tv_nsec > b->mtime.tv_nsec))
        return -1;
    size_t off = (size_t)((lua_Unsigned)where >> 32), size = (size_t)((lua_Unsigned)where & 0xFFFFFFFFu);
    return luaL_loadbufferx(L, b->data + off, size, path, "b");
}

int pl_loadfile(lua_State *L, const char *path, const char *mode) {
    int status = load_from_bundle(L, path);
    if (status == LUA_OK) return status;
    if (status > 0) lua_pop(L, 1); /* unreadable chunk: the per-file cache or the source */
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
    int status = load_from_bundle(L, path);
    if (status == LUA_OK) {
        lua_pushstring(L, path);
        return 2;
    }
    if (status > 0) lua_pop(L, 1);
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

static int bundle_gc(lua_State *L) {
    Bundle *b = luaL_checkudata(L, 1, BUNDLE_MT);
    if (b->data) munmap(b->data, b->len);
    b->data = NULL;
    return 0;
}

/* Maps <cdir>/bundle and indexes it: a text header "passend-luac-bundle 1\n",
 * the count "N\n", N lines "path<TAB>size\n", then the chunks in that order. Nothing
 * is installed when it is missing, not a regular file or malformed. */
static void open_bundle(lua_State *L, const char *cdir) {
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/bundle", cdir) >= (int)sizeof path) return;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 32 || (uint64_t)st.st_size >= (1ULL << 31))
        return;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    size_t len = (size_t)st.st_size;
    char *data = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (data == MAP_FAILED) return;
    Bundle *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->data = data;
    b->len = len;
    b->mtime = st.st_mtim;
    if (luaL_newmetatable(L, BUNDLE_MT)) {
        lua_pushcfunction(L, bundle_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    static const char magic[] = "passend-luac-bundle 1\n";
    const char *p = data, *end = data + len;
    char *e;
    if (memcmp(p, magic, sizeof magic - 1) != 0) { lua_pop(L, 1); return; }
    p += sizeof magic - 1;
    unsigned long count = strtoul(p, &e, 10);
    if (e == p || e >= end || *e != '\n' || count > 100000) { lua_pop(L, 1); return; }
    p = e + 1;
    lua_createtable(L, 0, (int)count);
    /* sizes first, offsets once the header's end is known */
    for (unsigned long i = 0; i < count; i++) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (!tab) { lua_pop(L, 2); return; }
        unsigned long size = strtoul(tab + 1, &e, 10);
        if (e == tab + 1 || e >= end || *e != '\n') { lua_pop(L, 2); return; }
        lua_pushlstring(L, p, (size_t)(tab - p));
        lua_pushinteger(L, (lua_Integer)size);
        lua_rawset(L, -3);
        p = e + 1;
    }
    size_t off = (size_t)(p - data);
    /* the chunks follow in header order: walk the header again for the offsets */
    p = data + sizeof magic - 1;
    p = strchr(p, '\n') + 1;
    for (unsigned long i = 0; i < count; i++) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        lua_pushlstring(L, p, (size_t)(tab - p));
        lua_pushvalue(L, -1);
        lua_rawget(L, -3);
        size_t size = (size_t)lua_tointeger(L, -1);
        lua_pop(L, 1);
        if (size > len - off) { lua_pop(L, 3); return; }
        lua_pushinteger(L, (lua_Integer)(((lua_Unsigned)off << 32) | size));
        lua_rawset(L, -3);
        off += size;
        p = strchr(tab, '\n') + 1;
    }
    lua_setfield(L, LUA_REGISTRYINDEX, BUNDLE_INDEX_KEY);
    lua_setfield(L, LUA_REGISTRYINDEX, BUNDLE_KEY);
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
    open_bundle(L, found);
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
