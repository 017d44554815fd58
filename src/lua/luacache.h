/* luacache.h: passend's Lua library loaded from precompiled bytecode when fresh. */
#ifndef PASSEND_LUACACHE_H
#define PASSEND_LUACACHE_H

#include <lua.h>

/* luaL_loadfilex, but a file below the library directory loads from its cached
 * bytecode when the cache is at least as new as the source. */
int pl_loadfile(lua_State *L, const char *path, const char *mode);

/* Finds the cache directory next to luadir and routes loadfile, dofile and
 * require through it. Does nothing when there is no cache. */
void pl_install_luacache(lua_State *L, const char *luadir);

#endif
