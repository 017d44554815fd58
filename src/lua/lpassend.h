/* lpassend.h: what every Lua binding file of passend needs. */
#ifndef PASSEND_LPASSEND_H
#define PASSEND_LPASSEND_H

#include <lua.h>
#include <lauxlib.h>

#define PASSEND_VERSION "0.1.0"

/* One exported function with its help text: first line the usage, then a blank
 * line, then the explanation. Arrays end with {NULL, NULL, NULL}. */
typedef struct {
    const char *name;
    lua_CFunction fn;
    const char *doc;
} pl_Func;

/* Adds funcs to the table on top of the stack and records their docs. */
void pl_register(lua_State *L, const pl_Func *funcs);

/* Records doc for the value at index idx under name (used for Lua functions too). */
void pl_setdoc(lua_State *L, int idx, const char *name, const char *doc);

/* Directory holding the Lua library (lua/), or NULL when not found. */
const char *pl_luadir(lua_State *L);

int luaopen_passend(lua_State *L);

#endif
