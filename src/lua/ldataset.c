/* ldataset.c: the passend.Dataset userdata: conversion, field access, metadata,
 * the dataset{} constructor and the reader/writer registry. Operations that make
 * new datasets (filter, sort, join, ...) are in ldataset_ops.c, column objects in
 * lcolumn.c, CSV in csv_read.c / csv_write.c, printing and describe in
 * lua/passend/dataset.lua. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lua/lgate.h"
#include "lua/ldataset.h"
#include "lua/lpassend.h"
#include "lua/lcheck.h"

#define READERS_KEY "passend.readers"
#define WRITERS_KEY "passend.writers"

typedef struct {
    Dataset *d;
} LDataset;

int pl_nomem(lua_State *L) {
    return luaL_error(L, "out of memory");
}

Dataset *pl_testdataset(lua_State *L, int i) {
    LDataset *u = luaL_testudata(L, i, PL_DATASET_MT);
    return u ? u->d : NULL;
}

Dataset *pl_checkdataset(lua_State *L, int i) {
    LDataset *u = luaL_testudata(L, i, PL_DATASET_MT);
    if (!u) luaL_typeerror(L, i, "dataset");
    if (!u->d) luaL_argerror(L, i, "dataset has been freed");
    return u->d;
}

static int new_box(lua_State *L) {
    LDataset *u = lua_newuserdatauv(L, sizeof *u, 1);
    u->d = NULL;
    luaL_setmetatable(L, PL_DATASET_MT);
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    return 1;
}

/* The box is made in protected mode: if even that fails (out of memory), d is freed. */
void pl_pushdataset(lua_State *L, Dataset *d) {
    lua_pushcfunction(L, new_box);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
        ds_free(d);
        lua_error(L);
    }
    ((LDataset *)lua_touserdata(L, -1))->d = d;
}

void pl_pushmeta(lua_State *L, int i) {
    /* lua_getiuservalue on anything but a full userdata is undefined: check first */
    if (!luaL_testudata(L, i, PL_DATASET_MT)) {
        lua_newtable(L);
    } else if (lua_getiuservalue(L, i, 1) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
}

void pl_copyfields(lua_State *L, int from, int to) {
    from = lua_absindex(L, from);
    to = lua_absindex(L, to);
    lua_pushnil(L);
    while (lua_next(L, from)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, to);
    }
}

void pl_pushdataset_from(lua_State *L, Dataset *d, int src) {
    src = lua_absindex(L, src);
    pl_pushdataset(L, d);
    lua_newtable(L);
    pl_pushmeta(L, src);
    pl_copyfields(L, -1, -2);
    lua_pop(L, 1);
    lua_setiuservalue(L, -2, 1);
}

void pl_pushcell(lua_State *L, const Column *c, size_t row) {
    if (c->type == COL_TEXT) {
        const char *s = col_text(c, row);
        if (s) lua_pushstring(L, s); else lua_pushnil(L);
        return;
    }
    double v = c->num[row];
    if (v != v) lua_pushnil(L);
    else if (v == floor(v) && fabs(v) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)v);
    else lua_pushnumber(L, v);
}

int pl_nocolumn(lua_State *L, const Dataset *d, const char *name) {
    const char **names = pl_scratch(L, d->ncols, sizeof *names);
    for (size_t j = 0; j < d->ncols; j++) names[j] = d->cols[j]->name;
    pl_pushsuggest(L, name, names, d->ncols);
    return luaL_error(L, "no column \"%s\" in the data%s", name, lua_tostring(L, -1));
}

Column *pl_needcol(lua_State *L, const Dataset *d, const char *name) {
    Column *c = ds_col(d, name);
    if (!c) pl_nocolumn(L, d, name);
    return c;
}

size_t pl_needcolidx(lua_State *L, const Dataset *d, const char *name) {
    int i = ds_find(d, name);
    if (i < 0) pl_nocolumn(L, d, name);
    return (size_t)i;
}

/* --- registry of readers and writers -------------------------------------- */

static void push_regtable(lua_State *L, const char *key) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, key);
}

const char *pl_table_part(const char *path) {
    const char *colon = strrchr(path, ':');
    struct stat sb;
    if (colon && colon != path && !strchr(colon, '/') && stat(path, &sb) != 0) return colon + 1;
    return NULL;
}

/* Pushes the file part of path (all of it, or what comes before ":table"). */
static const char *push_file_part(lua_State *L, const char *path, int kind) {
    const char *table = kind == PL_PATH_TABLE ? pl_table_part(path) : NULL;
    if (table) return lua_pushlstring(L, path, (size_t)(table - 1 - path));
    return lua_pushstring(L, path);
}

/* The registered reader, behind the gate: reader(path, opts) checks the file part of path
 * (pl_gate_read) and calls fn(path, opts). The reader opens the same name the gate
 * resolved: no code of the caller runs in between. */
static int gated_reader(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    char resolved[PATH_MAX];
    pl_gate_read(L, push_file_part(L, path, (int)lua_tointeger(L, lua_upvalueindex(2))), resolved);
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

/* The registered writer, behind the gate: writer(d, path, opts) resolves the file part
 * (pl_gate_write: in the sandbox only below --out; elsewhere a symbolic link is written
 * through to its target) and calls fn(d, target, opts, path), target being the resolved
 * file (plus ":table"). */
static int gated_writer(lua_State *L) {
    const char *path = luaL_checkstring(L, 2);
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    const char *table = kind == PL_PATH_TABLE ? pl_table_part(path) : NULL;
    char resolved[PATH_MAX];
    pl_gate_write(L, push_file_part(L, path, kind), resolved);
    lua_settop(L, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    if (table) lua_pushfstring(L, "%s:%s", resolved, table);
    else lua_pushstring(L, resolved);
    lua_pushvalue(L, 3);
    lua_pushvalue(L, 2);
    lua_call(L, 4, 1);
    return 1;
}

static void register_gated(lua_State *L, const char *key, const char *ext, lua_CFunction fn, int kind,
                           lua_CFunction gate) {
    push_regtable(L, key);
    lua_pushcfunction(L, fn);
    lua_pushinteger(L, kind);
    lua_pushcclosure(L, gate, 2);
    lua_setfield(L, -2, ext);
    lua_pop(L, 1);
}

void pl_register_reader(lua_State *L, const char *ext, lua_CFunction fn, int kind) {
    register_gated(L, READERS_KEY, ext, fn, kind, gated_reader);
}

void pl_register_writer(lua_State *L, const char *ext, lua_CFunction fn, int kind) {
    register_gated(L, WRITERS_KEY, ext, fn, kind, gated_writer);
}

int pl_call_registered(lua_State *L, int writer, const char *ext) {
    int nargs = writer ? 3 : 2;
    lua_settop(L, nargs);
    lua_getfield(L, LUA_REGISTRYINDEX, writer ? WRITERS_KEY : READERS_KEY);
    if (lua_getfield(L, -1, ext) == LUA_TNIL)
        return luaL_error(L, "no %s registered for \"%s\" files", writer ? "writer" : "reader", ext);
    lua_replace(L, -2);
    lua_insert(L, 1);
    lua_call(L, nargs, 1);
    return 1;
}

/* --- metadata ------------------------------------------------------------- */

static void push_number(lua_State *L, double v) {
    if (v == floor(v) && fabs(v) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)v);
    else lua_pushnumber(L, v);
}

static void push_info(lua_State *L, const Column *c) {
    lua_createtable(L, 0, 6);
    lua_pushstring(L, c->name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, c->type == COL_NUM ? "number" : "text");
    lua_setfield(L, -2, "type");
    if (c->label) {
        lua_pushstring(L, c->label);
        lua_setfield(L, -2, "label");
    }
    lua_createtable(L, 0, (int)c->nvlabels);
    for (size_t i = 0; i < c->nvlabels; i++) {
        push_number(L, c->vlabels[i].value);
        lua_pushstring(L, c->vlabels[i].label);
        lua_settable(L, -3);
    }
    lua_setfield(L, -2, "value_labels");
    lua_createtable(L, (int)c->nmissing, 0);
    for (size_t i = 0; i < c->nmissing; i++) {
        push_number(L, c->missing[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "missing");
    if (c->has_missing_range) {
        lua_createtable(L, 2, 0);
        push_number(L, c->missing_lo);
        lua_rawseti(L, -2, 1);
        push_number(L, c->missing_hi);
        lua_rawseti(L, -2, 2);
        lua_setfield(L, -2, "missing_range");
    }
    if (c->display_decimals >= 0) {
        lua_pushinteger(L, c->display_decimals);
        lua_setfield(L, -2, "decimals");
    }
}

void pl_apply_info(lua_State *L, Column *c, int t) {
    t = lua_absindex(L, t);
    luaL_checktype(L, t, LUA_TTABLE);
    int ty = lua_getfield(L, t, "label");
    if (ty == LUA_TSTRING) {
        if (col_set_label(c, lua_tostring(L, -1)) != 0) pl_nomem(L);
    } else if (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        col_set_label(c, NULL);
    } else if (ty != LUA_TNIL) {
        luaL_error(L, "column \"%s\": label must be a string or false, found %s", c->name, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    ty = lua_getfield(L, t, "value_labels");
    if (ty == LUA_TTABLE) {
        col_clear_value_labels(c);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (!lua_isnumber(L, -2) || lua_type(L, -2) != LUA_TNUMBER)
                luaL_error(L, "column \"%s\": value_labels keys must be numbers (codes), found %s",
                           c->name, luaL_typename(L, -2));
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "column \"%s\": value label for %s must be a string, found %s", c->name,
                           lua_tostring(L, -2), luaL_typename(L, -1));
            if (col_add_value_label(c, lua_tonumber(L, -2), lua_tostring(L, -1)) != 0) pl_nomem(L);
            lua_pop(L, 1);
        }
    } else if (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        col_clear_value_labels(c);
    } else if (ty != LUA_TNIL) {
        luaL_error(L, "column \"%s\": value_labels must be a table {[code] = \"text\"}", c->name);
    }
    lua_pop(L, 1);
    ty = lua_getfield(L, t, "missing");
    if (ty == LUA_TTABLE) {
        if (c->type != COL_NUM && lua_rawlen(L, -1) > 0)
            luaL_error(L, "column \"%s\": missing codes need a number column (it is text)", c->name);
        int had_range = c->has_missing_range;
        double lo = c->missing_lo, hi = c->missing_hi;
        col_clear_missing(c);
        if (had_range) col_set_missing_range(c, lo, hi);
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, -1, i) != LUA_TNUMBER)
                luaL_error(L, "column \"%s\": missing codes must be numbers, found %s", c->name,
                           luaL_typename(L, -1));
            if (col_add_missing(c, lua_tonumber(L, -1)) != 0) pl_nomem(L);
            lua_pop(L, 1);
        }
    } else if (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        int had_range = c->has_missing_range;
        double lo = c->missing_lo, hi = c->missing_hi;
        col_clear_missing(c);
        if (had_range) col_set_missing_range(c, lo, hi);
    } else if (ty != LUA_TNIL) {
        luaL_error(L, "column \"%s\": missing must be a list of codes, e.g. {8, 9}", c->name);
    }
    lua_pop(L, 1);
    ty = lua_getfield(L, t, "missing_range");
    if (ty == LUA_TTABLE) {
        if (c->type != COL_NUM) luaL_error(L, "column \"%s\": a missing range needs a number column", c->name);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        if (lua_type(L, -2) != LUA_TNUMBER || lua_type(L, -1) != LUA_TNUMBER || lua_tonumber(L, -2) > lua_tonumber(L, -1))
            luaL_error(L, "column \"%s\": missing_range must be {lo, hi} with lo <= hi", c->name);
        col_set_missing_range(c, lua_tonumber(L, -2), lua_tonumber(L, -1));
        lua_pop(L, 2);
    } else if (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        c->has_missing_range = 0;
    } else if (ty != LUA_TNIL) {
        luaL_error(L, "column \"%s\": missing_range must be {lo, hi}", c->name);
    }
    lua_pop(L, 1);
    ty = lua_getfield(L, t, "decimals");
    if (ty == LUA_TNUMBER) {
        int isint = 0;
        lua_Integer k = lua_tointegerx(L, -1, &isint);  /* 2.5 is no count of decimals */
        if (!isint || k < 0 || k > 15) luaL_error(L, "column \"%s\": decimals must be 0..15", c->name);
        c->display_decimals = (int)k;
    } else if (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        c->display_decimals = -1;
    } else if (ty != LUA_TNIL) {
        luaL_error(L, "column \"%s\": decimals must be a number", c->name);
    }
    lua_pop(L, 1);
}

/* Replaces column i of d by a modified copy: build first, then publish. The copy
 * is held by a column userdata while pl_apply_info may raise, so nothing leaks. */
static int l_set_info(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t i = pl_needcolidx(L, d, name);
    luaL_checktype(L, 3, LUA_TTABLE);
    Column *copy = col_copy(d->cols[i], NULL);
    pl_pushnewcolumn(L, copy);  /* the userdata owns the copy while we may raise */
    pl_apply_info(L, copy, 3);
    /* t's metamethods may have run Lua code that changed (or freed) d: look again */
    d = pl_checkdataset(L, 1);
    i = pl_needcolidx(L, d, name);
    col_unref(d->cols[i]);
    d->cols[i] = col_ref(copy);
    lua_settop(L, 1);
    return 1;
}

static int l_info(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    push_info(L, pl_needcol(L, d, luaL_checkstring(L, 2)));
    return 1;
}

static int l_meta(lua_State *L) {
    pl_checkdataset(L, 1);
    pl_pushmeta(L, 1);
    return 1;
}

static size_t check_row(lua_State *L, const Dataset *d, int arg) {
    lua_Integer i = luaL_checkinteger(L, arg);
    if (i < 1 || (size_t)i > d->nrows)
        luaL_error(L, "row %I is out of range (the dataset has %I rows)", i, (lua_Integer)d->nrows);
    return (size_t)(i - 1);
}

static int l_get(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    size_t r = check_row(L, d, 2);
    pl_pushcell(L, pl_needcol(L, d, luaL_checkstring(L, 3)), r);
    return 1;
}

static void push_row(lua_State *L, const Dataset *d, size_t r) {
    lua_createtable(L, 0, (int)d->ncols);
    for (size_t j = 0; j < d->ncols; j++) {
        pl_pushcell(L, d->cols[j], r);
        lua_setfield(L, -2, d->cols[j]->name);
    }
}

static int l_row(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    push_row(L, d, check_row(L, d, 2));
    return 1;
}

static int l_values(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    Column *c = pl_needcol(L, d, luaL_checkstring(L, 2));
    lua_createtable(L, (int)c->n, 0);
    for (size_t i = 0; i < c->n; i++) {
        pl_pushcell(L, c, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static void push_columns(lua_State *L, const Dataset *d) {
    lua_createtable(L, (int)d->ncols, 0);
    for (size_t j = 0; j < d->ncols; j++) {
        lua_pushstring(L, d->cols[j]->name);
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
}

static int l_col(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    pl_pushcolumn(L, pl_needcol(L, d, luaL_checkstring(L, 2)));
    return 1;
}

static int l_has(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    lua_pushboolean(L, ds_find(d, luaL_checkstring(L, 2)) >= 0);
    return 1;
}

static int l_ncol(lua_State *L) {
    lua_pushinteger(L, (lua_Integer)pl_checkdataset(L, 1)->ncols);
    return 1;
}

static int l_len(lua_State *L) {
    lua_pushinteger(L, (lua_Integer)pl_checkdataset(L, 1)->nrows);
    return 1;
}

static int l_gc(lua_State *L) {
    LDataset *u = luaL_checkudata(L, 1, PL_DATASET_MT);
    ds_free(u->d);
    u->d = NULL;
    return 0;
}

/* __index: methods first, then `columns`, then rows (d[i]) and columns (d.q1). */
static int l_index(lua_State *L) {
    if (lua_type(L, 2) == LUA_TSTRING) {  /* methods resolve without a dataset too */
        lua_pushvalue(L, 2);
        if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
        lua_pop(L, 1);
    }
    Dataset *d = pl_checkdataset(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        int isint = 0;
        lua_Integer i = lua_tointegerx(L, 2, &isint);  /* d[1.0] is row 1; d[1.5], d[0/0] nil */
        if (!isint || i < 1 || (size_t)i > d->nrows) return 0;
        push_row(L, d, (size_t)(i - 1));
        return 1;
    }
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    const char *k = lua_tostring(L, 2);
    if (strcmp(k, "columns") == 0) {
        push_columns(L, d);
        return 1;
    }
    Column *c = ds_col(d, k);
    if (!c) return 0;
    pl_pushcolumn(L, c);
    return 1;
}

/* Makes a column of n rows from the Lua value at idx: a column object, or an
 * array of numbers / strings (holes are missing). */
static Column *column_from_lua(lua_State *L, int idx, const char *name, size_t n, int strict_len) {
    idx = lua_absindex(L, idx);
    Column *src = pl_testcolumn(L, idx);
    if (src) {
        if (src->n != n) luaL_error(L, "column \"%s\" has %d rows, the dataset %d", name, (int)src->n, (int)n);
        Column *c = col_copy(src, name);
        if (!c) pl_nomem(L);
        return c;
    }
    if (!lua_istable(L, idx))
        luaL_error(L, "column \"%s\": expected a list of values or a column, found %s", name, luaL_typename(L, idx));
    /* the type comes from the first non-nil value */
    int type = LUA_TNIL;
    lua_Integer maxk = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1)
            luaL_error(L, "column \"%s\": expected a list (keys 1..n), found key %s", name,
                       luaL_tolstring(L, -2, NULL));
        lua_Integer k = lua_tointeger(L, -2);
        if (k > maxk) maxk = k;
        lua_pop(L, 1);
    }
    if (strict_len && (size_t)maxk > n)
        luaL_error(L, "column \"%s\" has %d values, the dataset %d rows", name, (int)maxk, (int)n);
    for (lua_Integer k = 1; k <= maxk && type == LUA_TNIL; k++) {
        type = lua_rawgeti(L, idx, k);
        lua_pop(L, 1);
    }
    Column *c = type == LUA_TSTRING ? col_new_text(name, n) : col_new_num(name, n);
    pl_pushnewcolumn(L, c);  /* owns c while we may raise */
    for (lua_Integer k = 1; k <= maxk; k++) {
        int t = lua_rawgeti(L, idx, k);
        if (t == LUA_TNIL) {
        } else if (c->type == COL_NUM && t == LUA_TNUMBER) {
            c->num[k - 1] = lua_tonumber(L, -1);
        } else if (c->type == COL_NUM && t == LUA_TBOOLEAN) {
            c->num[k - 1] = lua_toboolean(L, -1) ? 1 : 0;
        } else if (c->type == COL_TEXT && t == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            int32_t code = col_level(c, s, len);
            if (code < 0) pl_nomem(L);
            c->codes[k - 1] = code;
        } else {
            luaL_error(L, "column \"%s\" row %d: expected %s, found %s", name, (int)k,
                       c->type == COL_NUM ? "a number (as the first value)" : "a string (as the first value)",
                       luaL_typename(L, -1));
        }
        lua_pop(L, 1);
    }
    col_ref(c);
    lua_pop(L, 1);
    return c;
}

/* d.name = column or values: adds or replaces a column in place. */
static int l_newindex(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    if (lua_isnil(L, 3)) {
        if (ds_drop_col(d, name) != 0) luaL_error(L, "no column \"%s\" in the dataset", name);
        return 0;
    }
    Column *c = column_from_lua(L, 3, name, d->nrows, 1);
    if (ds_set_col(d, c) != 0) {
        col_unref(c);
        return pl_nomem(L);
    }
    return 0;
}

/* Largest positive integer key of the table at idx (column entry j of dataset{}),
 * at most PL_MAX_ROWS. */
static size_t max_index(lua_State *L, int idx, lua_Integer j) {
    Column *c = pl_testcolumn(L, idx);
    if (c) return c->n;
    if (!lua_istable(L, idx)) return 0;
    lua_Integer maxk = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_isinteger(L, -2) && lua_tointeger(L, -2) > maxk) maxk = lua_tointeger(L, -2);
        lua_pop(L, 1);
    }
    if (maxk > PL_MAX_ROWS)
        luaL_error(L, "dataset: entry %d has a value at row %I, more than the %I rows a dataset can have",
                   (int)j, maxk, PL_MAX_ROWS);
    return (size_t)maxk;
}

/* dataset{ {"a", {1,2}}, {"b", {"x","y"}, label = "..."}, n = 2, meta = {...} } */
static int l_dataset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer ncols = (lua_Integer)lua_rawlen(L, 1);
    size_t n = 0;
    if (lua_getfield(L, 1, "n") != LUA_TNIL) n = (size_t)pl_checkrange_at(L, -1, 1, "n", 0, PL_MAX_ROWS);
    lua_pop(L, 1);
    /* n is at least the longest column (a longer column extends it, as it always has) */
    for (lua_Integer j = 1; j <= ncols; j++) {
        if (lua_rawgeti(L, 1, j) != LUA_TTABLE)
            luaL_error(L, "dataset: entry %d must be {\"name\", {values...}}", (int)j);
        lua_rawgeti(L, -1, 2);
        size_t m = max_index(L, lua_gettop(L), j);
        if (m > n) n = m;
        lua_pop(L, 2);
    }
    Dataset *d = ds_new(n);
    if (!d) return pl_nomem(L);
    pl_pushdataset(L, d);  /* owns d from here; filled in place */
    int ud = lua_gettop(L);
    for (lua_Integer j = 1; j <= ncols; j++) {
        lua_rawgeti(L, 1, j);
        int spec = lua_gettop(L);
        if (lua_rawgeti(L, spec, 1) != LUA_TSTRING)
            luaL_error(L, "dataset: entry %d must start with the column name", (int)j);
        const char *name = lua_tostring(L, -1);
        if (ds_find(d, name) >= 0) luaL_error(L, "dataset: column \"%s\" given twice", name);
        lua_rawgeti(L, spec, 2);
        Column *c = column_from_lua(L, -1, name, n, 0);
        pl_pushnewcolumn(L, c);
        pl_apply_info(L, c, spec);
        if (ds_set_col(d, col_ref(c)) != 0) { col_unref(c); return pl_nomem(L); }
        lua_settop(L, ud);
    }
    if (lua_getfield(L, 1, "meta") == LUA_TTABLE) {
        pl_pushmeta(L, ud);
        pl_copyfields(L, -2, -1);
        lua_pop(L, 1);
    }
    lua_settop(L, ud);
    return 1;
}

/* Names for completion: methods after ':', columns and methods after '.'. */
static int l_complete(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *sep = luaL_optstring(L, 2, ".");
    lua_newtable(L);
    lua_Integer k = 0;
    lua_getfield(L, LUA_REGISTRYINDEX, PL_DATASET_MT);
    lua_getfield(L, -1, "methods");
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && lua_tostring(L, -1)[0] != '_') {
            lua_pushvalue(L, -1);
            lua_rawseti(L, -5, ++k);
        }
    }
    lua_pop(L, 2);
    if (strcmp(sep, ":") != 0) {
        lua_pushstring(L, "columns");
        lua_rawseti(L, -2, ++k);
        for (size_t j = 0; j < d->ncols; j++) {
            lua_pushstring(L, d->cols[j]->name);
            lua_rawseti(L, -2, ++k);
        }
    }
    return 1;
}

static int l_basic_tostring(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    lua_pushfstring(L, "dataset: %d rows x %d columns", (int)d->nrows, (int)d->ncols);
    return 1;
}

static int l_is_dataset(lua_State *L) {
    lua_pushboolean(L, pl_testdataset(L, 1) != NULL);
    return 1;
}

static const luaL_Reg methods[] = {
    {"get", l_get},
    {"row", l_row},
    {"info", l_info},
    {"set_info", l_set_info},
    {"values", l_values},
    {"meta", l_meta},
    {"col", l_col},
    {"has", l_has},
    {"ncol", l_ncol},
    {NULL, NULL}
};

/* Docs of methods, reachable with help("Dataset:name"). */
static const char *method_docs[][2] = {
    {"get", "d:get(i, name)\n\nThe value in row i of column name: a number, a string, or nil when "
            "system-missing. User-missing codes (8 = 'weet niet') come back as their numbers."},
    {"row", "d:row(i)  or  d[i]\n\nRow i as a table {column = value}."},
    {"info", "d:info(name)\n\nColumn metadata: {name, type = \"number\"|\"text\", label, "
             "value_labels = {[code] = text}, missing = {codes...}, missing_range = {lo, hi} or nil}."},
    {"set_info", "d:set_info(name, t)\n\nSets label, value_labels, missing, missing_range and/or decimals "
                 "of column name from t (false clears one); the dataset changes in place and is returned."},
    {"values", "d:values(name)\n\nA Lua array with the values of column name (holes where system-missing)."},
    {"meta", "d:meta()\n\nThe dataset's metadata table (title, notes, source, kind, ...); change it in place."},
    {"col", "d:col(name)  or  d.name\n\nThe column object (see :mean(), :freq(), arithmetic)."},
    {"has", "d:has(name)\n\ntrue when the dataset has a column of that name."},
    {"ncol", "d:ncol()\n\nThe number of columns (#d is the number of rows)."},
    {NULL, NULL}
};

static const pl_Func funcs[] = {
    {"dataset", l_dataset,
     "dataset{ {\"name\", {values...}}, ... }\n\n"
     "A dataset from Lua values, columns in the order given. Numbers make a number column, strings a "
     "text column; holes (nil) are missing. An entry may carry label=, value_labels=, missing=, e.g. "
     "{\"q1\", {1, 8, 3}, missing = {8}}; n = rows fixes the length, meta = {...} fills d:meta()."},
    {"is_dataset", l_is_dataset, "is_dataset(v)\n\ntrue when v is a dataset."},
    {NULL, NULL, NULL}
};

int passend_open_dataset(lua_State *L) {
    int mod = lua_gettop(L);
    luaL_newmetatable(L, PL_DATASET_MT);
    int mt = lua_gettop(L);
    lua_newtable(L);
    int meth = lua_gettop(L);
    luaL_setfuncs(L, methods, 0);
    for (int i = 0; method_docs[i][0]; i++) {
        lua_getfield(L, meth, method_docs[i][0]);
        char name[64];
        snprintf(name, sizeof name, "Dataset:%s", method_docs[i][0]);
        pl_setdoc(L, -1, name, method_docs[i][1]);
        lua_pop(L, 1);
    }
    lua_pushvalue(L, meth);
    lua_setfield(L, mt, "methods");
    lua_pushvalue(L, meth);
    lua_pushcclosure(L, l_index, 1);
    lua_setfield(L, mt, "__index");
    lua_pushcfunction(L, l_newindex);
    lua_setfield(L, mt, "__newindex");
    lua_pushcfunction(L, l_len);
    lua_setfield(L, mt, "__len");
    lua_pushcfunction(L, l_gc);
    lua_setfield(L, mt, "__gc");
    lua_pushcfunction(L, l_basic_tostring);
    lua_setfield(L, mt, "__tostring");
    lua_pushcfunction(L, l_complete);
    lua_setfield(L, mt, "__complete");
    lua_pushliteral(L, "dataset");
    lua_setfield(L, mt, "__name");
    lua_pushvalue(L, mt);
    lua_setfield(L, mod, "_dataset_mt");
    lua_pushvalue(L, meth);
    lua_setfield(L, mod, "_dataset_methods");
    lua_settop(L, mod);

    push_regtable(L, READERS_KEY);
    lua_setfield(L, mod, "readers");
    push_regtable(L, WRITERS_KEY);
    lua_setfield(L, mod, "writers");
    lua_settop(L, mod);
    pl_register(L, funcs);
    return 0;
}
