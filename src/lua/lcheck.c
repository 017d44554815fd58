/* lcheck.c: range checks for numbers from Lua and memory owned by Lua (lcheck.h). */
#include <stdint.h>
#include <math.h>
#include <stdlib.h>

#include "lua/lcheck.h"
#include "kernel/suggest.h"

#define BOX_MT "passend.Box"

lua_Integer pl_checkrange_at(lua_State *L, int idx, int arg, const char *what, lua_Integer lo,
                             lua_Integer hi) {
    int isint = 0;
    lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &isint) : 0;
    if (isint && v >= lo && v <= hi) return v;
    if (lua_isinteger(L, idx))
        lua_pushfstring(L, "%s must be a whole number from %I to %I, got %I", what, lo, hi,
                        lua_tointeger(L, idx));
    else if (lua_type(L, idx) == LUA_TNUMBER)
        lua_pushfstring(L, "%s must be a whole number from %I to %I, got %f", what, lo, hi,
                        lua_tonumber(L, idx));
    else
        lua_pushfstring(L, "%s must be a whole number from %I to %I, got %s", what, lo, hi,
                        luaL_typename(L, idx));
    return luaL_argerror(L, arg, lua_tostring(L, -1));
}

lua_Integer pl_optrange(lua_State *L, int arg, const char *what, lua_Integer lo, lua_Integer hi,
                        lua_Integer dflt) {
    return lua_isnoneornil(L, arg) ? dflt : pl_checkrange_at(L, arg, arg, what, lo, hi);
}

size_t pl_bytes(lua_State *L, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) luaL_error(L, "out of memory");
    return n * size;
}

void *pl_scratch(lua_State *L, size_t n, size_t size) {
    size_t bytes = pl_bytes(L, n, size);
    return lua_newuserdatauv(L, bytes ? bytes : 1, 0);
}

/* --- boxes: a resource owned by a userdata, released by its __gc --------- */

typedef struct { void *p; pl_Finalizer fin; } Box;

static int box_gc(lua_State *L) {
    Box *b = luaL_checkudata(L, 1, BOX_MT);
    if (b->p && b->fin) b->fin(b->p);
    b->p = NULL;
    return 0;
}

void **pl_box(lua_State *L, pl_Finalizer fin) {
    Box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->p = NULL;
    b->fin = fin;
    if (luaL_newmetatable(L, BOX_MT)) {
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, "passend.Box");
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);
    return &b->p;
}

void **pl_box_slot(lua_State *L, int idx) {
    return &((Box *)luaL_checkudata(L, idx, BOX_MT))->p;
}

void pl_release(lua_State *L, int idx) {
    Box *b = luaL_checkudata(L, idx, BOX_MT);
    if (b->p && b->fin) b->fin(b->p);
    b->p = NULL;
}

static int free_box_fn(lua_State *L) {
    pl_box(L, free);
    return 1;
}

void *pl_block(lua_State *L, size_t n, size_t size) {
    size_t bytes = pl_bytes(L, n, size);
    void **slot = pl_box(L, free);
    *slot = malloc(bytes ? bytes : 1);
    if (!*slot) luaL_error(L, "out of memory");
    return *slot;
}

void *pl_own(lua_State *L, void *p) {
    if (!p) luaL_error(L, "out of memory");
    /* the box is made in a protected call: if that fails, p is freed here */
    lua_pushcfunction(L, free_box_fn);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
        free(p);
        lua_error(L);
    }
    *pl_box_slot(L, -1) = p;
    return p;
}

void pl_read_numbers(lua_State *L, int idx, size_t n, double *out) {
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        int isnum;
        double v = lua_tonumberx(L, -1, &isnum);
        out[i] = isnum ? v : NAN;
        lua_pop(L, 1);
    }
}

void pl_pushsuggest(lua_State *L, const char *name, const char *const *names, size_t n) {
    size_t best[3];
    size_t k = sugg_closest(name, names, n, best, 3);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < k; i++) {
        luaL_addstring(&b, i ? "\" or \"" : " (did you mean \"");
        luaL_addstring(&b, names[best[i]]);
    }
    if (k) luaL_addstring(&b, "\"?)");
    luaL_pushresult(&b);
}
