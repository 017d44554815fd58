/* ldataset_ops.c: dataset methods that build new datasets (filter, select, drop,
 * rename, sort, join, head, tail), derive (adds a column in place) and stack().
 * Each builds its result completely before publishing it, so a failure leaves
 * the inputs as they were. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lpassend.h"
#include "lua/ldataset.h"
#include "kernel/order.h"
#include "kernel/strmap.h"
#include "lua/lcheck.h"

/* --- row views for filter/derive callbacks ------------------------------- */

/* A read-only view of one row: r.name reads the cell, pairs(r) walks the
 * columns. Much cheaper than building a table of every column per row. The
 * view keeps its dataset alive (user value 1); user value 2 maps names to
 * column positions (checked on use, so later column changes are seen). */
#define PL_ROW_MT "passend.Row"

/* The view holds no Dataset pointer: the dataset is looked up in user value 1 on
 * every use, so a view that outlives a freed dataset (d's __gc called by hand)
 * raises an error instead of reading freed memory. */
typedef struct {
    size_t row;
} RowRef;

static Dataset *row_dataset(lua_State *L, int idx) {
    lua_getiuservalue(L, idx, 1);
    Dataset *d = pl_testdataset(L, -1);
    lua_pop(L, 1);  /* still held by the view */
    if (!d) luaL_error(L, "row: its dataset has been freed");
    return d;
}

static const Column *row_column(lua_State *L, const Dataset *d, int key) {
    const char *name = lua_tostring(L, key);  /* a number key names a column too */
    if (!name) return NULL;
    int j = -1;
    if (lua_getiuservalue(L, 1, 2) == LUA_TTABLE) {
        lua_pushvalue(L, key);
        if (lua_rawget(L, -2) == LUA_TNUMBER) j = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (j < 0 || (size_t)j >= d->ncols || strcmp(d->cols[j]->name, name) != 0) j = ds_find(d, name);
    return j < 0 ? NULL : d->cols[j];
}

/* r.name: the cell; a name that is not a column is an error with the closest names (a
 * misspelt r.actr must not quietly read as missing; d:has(name) asks whether it exists). */
static int row_index(lua_State *L) {
    RowRef *r = luaL_checkudata(L, 1, PL_ROW_MT);
    const Dataset *d = row_dataset(L, 1);
    const Column *c = row_column(L, d, 2);
    if (!c) {
        const char *name = lua_tostring(L, 2);
        if (!name) return luaL_error(L, "a row is indexed by column name, got %s", luaL_typename(L, 2));
        return pl_nocolumn(L, d, name);
    }
    if (r->row >= c->n) return 0;
    pl_pushcell(L, c, r->row);
    return 1;
}

static int row_newindex(lua_State *L) {
    return luaL_error(L, "a row is read-only here (set \"%s\" with d:derive or d.%s = ...)",
                      luaL_optstring(L, 2, "?"), luaL_optstring(L, 2, "?"));
}

static int row_next(lua_State *L) {
    RowRef *r = luaL_checkudata(L, 1, PL_ROW_MT);
    const Dataset *d = row_dataset(L, 1);
    size_t j = 0;
    if (!lua_isnil(L, 2)) {
        int k = ds_find(d, luaL_checkstring(L, 2));
        if (k < 0) return 0;
        j = (size_t)k + 1;
    }
    for (; j < d->ncols; j++) {
        const Column *c = d->cols[j];
        if (r->row >= c->n) return 0;
        pl_pushcell(L, c, r->row);
        if (lua_isnil(L, -1)) { lua_pop(L, 1); continue; }  /* as a table: no nil values */
        lua_pushstring(L, c->name);
        lua_insert(L, -2);
        return 2;
    }
    return 0;
}

static int row_pairs(lua_State *L) {
    luaL_checkudata(L, 1, PL_ROW_MT);
    lua_pushcfunction(L, row_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int row_tostring(lua_State *L) {
    RowRef *r = luaL_checkudata(L, 1, PL_ROW_MT);
    const Dataset *d = row_dataset(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "row ");
    lua_pushinteger(L, (lua_Integer)r->row + 1);
    luaL_addvalue(&b);
    luaL_addstring(&b, " {");
    for (size_t j = 0; j < d->ncols && r->row < d->cols[j]->n; j++) {
        const Column *c = d->cols[j];
        luaL_addstring(&b, j ? ", " : " ");
        luaL_addstring(&b, c->name);
        luaL_addstring(&b, " = ");
        pl_pushcell(L, c, r->row);
        if (lua_type(L, -1) == LUA_TSTRING) {
            lua_pushfstring(L, "\"%s\"", lua_tostring(L, -1));
            lua_remove(L, -2);
            luaL_addvalue(&b);
        } else {
            luaL_tolstring(L, -1, NULL);
            lua_remove(L, -2);
            luaL_addvalue(&b);
        }
    }
    luaL_addstring(&b, " }");
    luaL_pushresult(&b);
    return 1;
}

/* Pushes the name -> position table for the dataset at 1. */
static void push_name_index(lua_State *L, const Dataset *d) {
    lua_createtable(L, 0, (int)d->ncols);
    for (size_t j = 0; j < d->ncols; j++) {
        lua_pushinteger(L, (lua_Integer)j);
        lua_setfield(L, -2, d->cols[j]->name);
    }
}

static void ensure_row_mt(lua_State *L) {
    if (luaL_newmetatable(L, PL_ROW_MT)) {
        static const luaL_Reg mm[] = {
            {"__index", row_index}, {"__newindex", row_newindex}, {"__pairs", row_pairs},
            {"__tostring", row_tostring}, {NULL, NULL}
        };
        luaL_setfuncs(L, mm, 0);
        lua_pushliteral(L, "row");
        lua_setfield(L, -2, "__name");
    }
}

/* Calls the function at fn with a view of row i of the dataset at 1; leaves one
 * result. mt and names are stack indices of the row metatable and name index. */
static void call_with_row(lua_State *L, int fn, int mt, int names, size_t i) {
    lua_pushvalue(L, fn);
    RowRef *r = lua_newuserdatauv(L, sizeof *r, 2);
    r->row = i;
    lua_pushvalue(L, mt);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, names);
    lua_setiuservalue(L, -2, 2);
    lua_call(L, 1, 1);
}

/* Iterator step of d:rows(): upvalues dataset, row metatable, name index, next row. */
static int rows_step(lua_State *L) {
    Dataset *d = pl_testdataset(L, lua_upvalueindex(1));
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(4));
    if (!d || i < 0 || (size_t)i >= d->nrows) return 0;
    lua_pushinteger(L, i + 1);
    lua_copy(L, -1, lua_upvalueindex(4));
    RowRef *r = lua_newuserdatauv(L, sizeof *r, 2);
    r->row = (size_t)i;
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_setmetatable(L, -2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, lua_upvalueindex(3));
    lua_setiuservalue(L, -2, 2);
    return 2;
}

/* for i, r in d:rows() do ... end */
static int l_rows(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    lua_settop(L, 1);
    ensure_row_mt(L);
    push_name_index(L, d);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, rows_step, 4);
    return 1;
}

/* Pushes take(rows) of the dataset at 1 with its meta copied. */
static int push_taken(lua_State *L, const size_t *rows, size_t n) {
    Dataset *d = pl_checkdataset(L, 1);
    Dataset *r = ds_take(d, rows, n);
    if (!r) return pl_nomem(L);
    pl_pushdataset_from(L, r, 1);
    return 1;
}

/* d:filter(fn) or d:filter(mask_column) */
static int l_filter(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    size_t *rows = pl_block(L, d->nrows, sizeof *rows);
    size_t n = 0;
    Column *mask = pl_testcolumn(L, 2);
    if (mask) {
        if (mask->type != COL_NUM || mask->n != d->nrows)
            return luaL_error(L, "filter: the mask must be a number column of %d rows", (int)d->nrows);
        for (size_t i = 0; i < d->nrows; i++) {
            double v = mask->num[i];
            if (v == v && v != 0) rows[n++] = i;
        }
    } else {
        luaL_checktype(L, 2, LUA_TFUNCTION);
        ensure_row_mt(L);
        int mt = lua_gettop(L);
        push_name_index(L, d);
        int names = lua_gettop(L);
        /* fn may change d's columns, not its rows; push_taken checks d is still there */
        size_t nrows = d->nrows;
        for (size_t i = 0; i < nrows; i++) {
            call_with_row(L, 2, mt, names, i);
            if (lua_toboolean(L, -1)) rows[n++] = i;
            lua_pop(L, 1);
        }
    }
    return push_taken(L, rows, n);
}

/* Collects column names from the arguments from..to (strings, or tables of them). */
static int collect_names(lua_State *L, int from, int to) {
    lua_newtable(L);
    int t = lua_gettop(L);
    lua_Integer k = 0;
    for (int i = from; i <= to; i++) {
        if (lua_istable(L, i)) {
            lua_Integer n = (lua_Integer)lua_rawlen(L, i);
            for (lua_Integer j = 1; j <= n; j++) {
                if (lua_rawgeti(L, i, j) != LUA_TSTRING) luaL_error(L, "expected column names, found %s", luaL_typename(L, -1));
                lua_rawseti(L, t, ++k);
            }
        } else {
            luaL_checkstring(L, i);
            lua_pushvalue(L, i);
            lua_rawseti(L, t, ++k);
        }
    }
    return t;
}

static int l_select(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    int t = collect_names(L, 2, lua_gettop(L));
    lua_Integer n = (lua_Integer)lua_rawlen(L, t);
    Dataset *r = ds_new(d->nrows);
    if (!r) return pl_nomem(L);
    pl_pushdataset_from(L, r, 1);
    for (lua_Integer j = 1; j <= n; j++) {
        lua_rawgeti(L, t, j);
        const char *name = lua_tostring(L, -1);
        Column *c = pl_needcol(L, d, name);
        if (ds_find(r, name) >= 0) luaL_error(L, "select: column \"%s\" given twice", name);
        if (ds_set_col(r, col_ref(c)) != 0) { col_unref(c); return pl_nomem(L); }
        lua_pop(L, 1);
    }
    return 1;
}

static int l_drop(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    int t = collect_names(L, 2, lua_gettop(L));
    lua_Integer n = (lua_Integer)lua_rawlen(L, t);
    for (lua_Integer j = 1; j <= n; j++) {
        lua_rawgeti(L, t, j);
        pl_needcol(L, d, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    Dataset *r = ds_new(d->nrows);
    if (!r) return pl_nomem(L);
    pl_pushdataset_from(L, r, 1);
    for (size_t i = 0; i < d->ncols; i++) {
        int dropped = 0;
        for (lua_Integer j = 1; j <= n && !dropped; j++) {
            lua_rawgeti(L, t, j);
            dropped = strcmp(lua_tostring(L, -1), d->cols[i]->name) == 0;
            lua_pop(L, 1);
        }
        if (!dropped && ds_set_col(r, col_ref(d->cols[i])) != 0) { col_unref(d->cols[i]); return pl_nomem(L); }
    }
    return 1;
}

/* d:rename{old = "new", ...}: all renames at once, so {a="b", b="a"} swaps. */
static int l_rename(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_createtable(L, (int)d->ncols, 0);  /* final names */
    int names = lua_gettop(L);
    for (size_t i = 0; i < d->ncols; i++) {
        lua_pushstring(L, d->cols[i]->name);
        lua_rawseti(L, names, (lua_Integer)i + 1);
    }
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "rename: expected {old = \"new\"} with names as strings");
        size_t i = pl_needcolidx(L, d, lua_tostring(L, -2));
        if (!*lua_tostring(L, -1)) return luaL_error(L, "rename: the new name for \"%s\" is empty", lua_tostring(L, -2));
        lua_rawseti(L, names, (lua_Integer)i + 1);
    }
    for (size_t i = 0; i < d->ncols; i++)
        for (size_t j = i + 1; j < d->ncols; j++) {
            lua_rawgeti(L, names, (lua_Integer)i + 1);
            lua_rawgeti(L, names, (lua_Integer)j + 1);
            if (lua_rawequal(L, -1, -2)) return luaL_error(L, "rename: two columns would be called \"%s\"", lua_tostring(L, -1));
            lua_pop(L, 2);
        }
    Dataset *r = ds_copy_shallow(d);
    if (!r) return pl_nomem(L);
    pl_pushdataset_from(L, r, 1);
    for (size_t i = 0; i < d->ncols; i++) {
        lua_rawgeti(L, names, (lua_Integer)i + 1);
        const char *nn = lua_tostring(L, -1);
        if (strcmp(nn, r->cols[i]->name) != 0 && ds_rename_col(r, i, nn) != 0) return pl_nomem(L);
        lua_pop(L, 1);
    }
    return 1;
}

/* d:derive(name, fn | column | values): adds or replaces column name in place. */
static int l_derive(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    if (!*name) return luaL_error(L, "derive: the column name is empty");
    if (!lua_isfunction(L, 3)) {
        /* column object or list of values: same as d[name] = value */
        lua_settop(L, 3);
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 2);
        lua_pushvalue(L, 3);
        lua_settable(L, -3);
        lua_settop(L, 1);
        return 1;
    }
    size_t n = d->nrows;
    Column *num = NULL, *text = NULL;
    lua_settop(L, 3);
    lua_pushnil(L);  /* slot for the new column's userdata */
    ensure_row_mt(L);
    push_name_index(L, d);
    for (size_t i = 0; i < n; i++) {
        call_with_row(L, 3, 5, 6, i);
        int t = lua_type(L, -1);
        if (t == LUA_TNIL) { lua_pop(L, 1); continue; }
        if (!num && !text) {
            if (t == LUA_TSTRING) text = col_new_text(name, n); else num = col_new_num(name, n);
            pl_pushnewcolumn(L, text ? text : num);  /* keeps it alive and freed on error */
            lua_replace(L, 4);
        }
        if (num && (t == LUA_TNUMBER || t == LUA_TBOOLEAN)) {
            num->num[i] = t == LUA_TBOOLEAN ? (double)lua_toboolean(L, -1) : lua_tonumber(L, -1);
        } else if (text && t == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            int32_t code = col_level(text, s, len);
            if (code < 0) return pl_nomem(L);
            text->codes[i] = code;
        } else {
            return luaL_error(L, "derive \"%s\": row %d gave %s, earlier rows gave %s", name, (int)i + 1,
                              luaL_typename(L, -1), num ? "numbers" : "strings");
        }
        lua_pop(L, 1);
    }
    d = pl_checkdataset(L, 1);  /* fn may have freed it (its __gc called by hand) */
    Column *c = num ? num : text;
    if (!c) c = col_new_num(name, n);
    else col_ref(c);
    if (!c) return pl_nomem(L);
    if (ds_set_col(d, c) != 0) { col_unref(c); return pl_nomem(L); }
    lua_settop(L, 1);
    return 1;
}

/* --- sort ----------------------------------------------------------------- */

/* d:sort("a", "-b") or d:sort{"a", "-b"}: stable, missing last. */
static int l_sort(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    int t = collect_names(L, 2, lua_gettop(L));
    size_t nk = lua_rawlen(L, t);
    if (!nk) return luaL_error(L, "sort: give at least one column, e.g. d:sort(\"swv\", \"-n\")");
    RowKey *keys = pl_block(L, nk, sizeof *keys);
    memset(keys, 0, nk * sizeof *keys);
    for (size_t k = 0; k < nk; k++) {
        lua_rawgeti(L, t, (lua_Integer)k + 1);
        const char *name = lua_tostring(L, -1);
        keys[k].desc = name[0] == '-';
        keys[k].c = pl_needcol(L, d, name + keys[k].desc);
        if (keys[k].c->type == COL_TEXT) {
            int32_t *rank = pl_block(L, keys[k].c->nlevels, sizeof *rank);
            if (col_level_ranks(keys[k].c, rank) != 0) return pl_nomem(L);
            keys[k].rank = rank;
        }
    }
    size_t *rows = pl_block(L, d->nrows, sizeof *rows);
    for (size_t i = 0; i < d->nrows; i++) rows[i] = i;
    if (rows_sort(rows, d->nrows, keys, nk) != 0) return pl_nomem(L);
    return push_taken(L, rows, d->nrows);
}

static int l_head(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    lua_Integer k = luaL_optinteger(L, 2, 10);
    size_t n = k < 0 ? 0 : (size_t)k > d->nrows ? d->nrows : (size_t)k;
    size_t *rows = pl_block(L, n, sizeof *rows);
    for (size_t i = 0; i < n; i++) rows[i] = i;
    return push_taken(L, rows, n);
}

static int l_tail(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    lua_Integer k = luaL_optinteger(L, 2, 10);
    size_t n = k < 0 ? 0 : (size_t)k > d->nrows ? d->nrows : (size_t)k;
    size_t *rows = pl_block(L, n, sizeof *rows);
    for (size_t i = 0; i < n; i++) rows[i] = d->nrows - n + i;
    return push_taken(L, rows, n);
}

/* --- join ----------------------------------------------------------------- */

/* Appends the join key of row r to buf (grown as needed); returns 0 when a key
 * value is missing (missing keys match nothing). */
typedef struct { char *p; size_t len, cap; } Buf;

static int buf_add(Buf *b, const void *s, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        while (cap < b->len + n) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

static int row_key(Buf *b, Column **keys, size_t nk, size_t r, int *oom) {
    for (size_t k = 0; k < nk; k++) {
        const Column *c = keys[k];
        if (c->type == COL_NUM) {
            double v = c->num[r];
            if (v != v) return 0;
            if (v == 0) v = 0;  /* -0 == 0 */
            *oom |= buf_add(b, &v, sizeof v);
        } else {
            const char *s = col_text(c, r);
            if (!s) return 0;
            uint32_t len = (uint32_t)strlen(s);
            *oom |= buf_add(b, &len, sizeof len);
            *oom |= buf_add(b, s, len);
        }
    }
    return 1;
}

/* d:join(other, key [, opts]): left join; key a name or list of names. Every row
 * of d is kept, repeated when several rows of other match; columns of other that
 * clash with d's get opts.suffix (default "_2"). */
static int l_join(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    Dataset *o = pl_checkdataset(L, 2);
    lua_settop(L, 4);
    /* the suffix string is kept at index 4 (in place of opts) so it stays alive */
    if (!lua_istable(L, 4) || lua_getfield(L, 4, "suffix") != LUA_TSTRING) {
        lua_settop(L, 4);
        lua_pushliteral(L, "_2");
    }
    lua_replace(L, 4);
    const char *suffix = lua_tostring(L, 4);
    int t = collect_names(L, 3, 3);
    size_t nk = lua_rawlen(L, t);
    if (!nk) return luaL_error(L, "join: give the key column(s), e.g. d:join(scholen, \"school\")");
    Column **kd = pl_block(L, nk, sizeof *kd), **ko = pl_block(L, nk, sizeof *ko);
    for (size_t k = 0; k < nk; k++) {
        lua_rawgeti(L, t, (lua_Integer)k + 1);
        const char *name = lua_tostring(L, -1);
        kd[k] = ds_col(d, name);
        ko[k] = ds_col(o, name);
        if (!kd[k] || !ko[k])
            return luaL_error(L, "join: key \"%s\" is missing in the %s dataset", name, kd[k] ? "other" : "first");
        if (kd[k]->type != ko[k]->type)
            return luaL_error(L, "join: key \"%s\" is %s in the first dataset and %s in the other", name,
                              kd[k]->type == COL_NUM ? "number" : "text", ko[k]->type == COL_NUM ? "number" : "text");
        lua_pop(L, 1);
    }
    /* keys of other into one arena, then the map (the arena no longer moves) */
    Buf arena = { 0, 0, 0 };
    size_t *off = malloc((o->nrows + 1) * sizeof *off);
    int32_t *next = malloc((o->nrows ? o->nrows : 1) * sizeof *next);
    int32_t *tail = malloc((o->nrows ? o->nrows : 1) * sizeof *tail);
    char *has = malloc(o->nrows ? o->nrows : 1);
    StrMap map;
    strmap_init(&map);
    Buf kb = { 0, 0, 0 };
    size_t *rows_d = NULL, *rows_o = NULL;
    int oom = !off || !next || !tail || !has;
    for (size_t r = 0; !oom && r < o->nrows; r++) {
        off[r] = arena.len;
        has[r] = (char)row_key(&arena, ko, nk, r, &oom);
        next[r] = -1;
    }
    if (!oom) off[o->nrows] = arena.len;
    for (size_t r = 0; !oom && r < o->nrows; r++) {
        if (!has[r]) continue;
        const char *key = arena.p + off[r];
        size_t len = off[r + 1] - off[r];
        int32_t first = strmap_get(&map, key, len);
        if (first < 0) {
            if (strmap_put(&map, key ? key : "", len, (int32_t)r) != 0) oom = 1;
            tail[r] = (int32_t)r;
        } else {
            next[tail[first]] = (int32_t)r;
            tail[first] = (int32_t)r;
        }
    }
    size_t n = 0, cap = d->nrows ? d->nrows : 1;
    if (!oom) {
        rows_d = malloc(cap * sizeof *rows_d);
        rows_o = malloc(cap * sizeof *rows_o);
        oom = !rows_d || !rows_o;
    }
    for (size_t r = 0; !oom && r < d->nrows; r++) {
        kb.len = 0;
        int32_t m = -1;
        if (row_key(&kb, kd, nk, r, &oom) && !oom) m = strmap_get(&map, kb.p ? kb.p : "", kb.len);
        do {
            if (n == cap) {
                cap *= 2;
                size_t *a = realloc(rows_d, cap * sizeof *a);
                if (a) rows_d = a;
                size_t *b = a ? realloc(rows_o, cap * sizeof *b) : NULL;
                if (b) rows_o = b;
                if (!a || !b) { oom = 1; break; }
            }
            rows_d[n] = r;
            rows_o[n++] = m < 0 ? DS_NOROW : (size_t)m;
            if (m >= 0) m = next[m];
        } while (m >= 0);
    }
    Dataset *res = NULL;
    if (!oom) res = ds_take(d, rows_d, n);
    for (size_t j = 0; res && j < o->ncols; j++) {
        Column *oc = o->cols[j];
        int is_key = 0;
        for (size_t k = 0; k < nk; k++) is_key |= ko[k] == oc;
        if (is_key) continue;
        Column *c = col_take(oc, rows_o, n);
        if (c && ds_find(res, c->name) >= 0) {
            size_t len = strlen(oc->name) + strlen(suffix) + 1;
            char *nn = malloc(len);
            if (nn) {
                snprintf(nn, len, "%s%s", oc->name, suffix);
                free(c->name);
                c->name = nn;
            } else {
                col_unref(c);
                c = NULL;
            }
        }
        if (!c || ds_find(res, c->name) >= 0 || ds_set_col(res, c) != 0) {
            int clash = c != NULL;
            col_unref(c);
            ds_free(res);
            res = NULL;
            if (clash) {
                free(off); free(next); free(tail); free(has); free(arena.p); free(kb.p);
                free(rows_d); free(rows_o); strmap_free(&map);
                return luaL_error(L, "join: column \"%s%s\" exists already; pass {suffix = ...}", oc->name, suffix);
            }
            oom = 1;
        }
    }
    free(off); free(next); free(tail); free(has); free(arena.p); free(kb.p);
    free(rows_d); free(rows_o); strmap_free(&map);
    if (!res) return pl_nomem(L);
    pl_pushdataset_from(L, res, 1);
    return 1;
}

/* --- stack ---------------------------------------------------------------- */

/* stack(d1, d2, ...) or stack{d1, d2}: rows of all, columns matched by name. */
static int l_stack(lua_State *L) {
    if (lua_gettop(L) == 1 && lua_istable(L, 1)) {
        size_t n = lua_rawlen(L, 1);
        /* the datasets go on the stack: make room (an error, not an overflow, for a huge list) */
        if (n > 100000 || !lua_checkstack(L, (int)n + 1))
            return luaL_error(L, "stack: too many datasets (%I)", (lua_Integer)n);
        for (size_t i = 1; i <= n; i++) lua_rawgeti(L, 1, (lua_Integer)i);
        lua_remove(L, 1);
    }
    int nd = lua_gettop(L);
    if (nd == 0) return luaL_error(L, "stack: give the datasets to stack, e.g. stack(d2022, d2023)");
    size_t total = 0;
    for (int i = 1; i <= nd; i++) {
        total += pl_checkdataset(L, i)->nrows;
        if (total > (size_t)PL_MAX_ROWS)
            return luaL_error(L, "stack: more than %I rows in all", PL_MAX_ROWS);
    }
    Dataset *r = ds_new(total);
    if (!r) return pl_nomem(L);
    pl_pushdataset_from(L, r, 1);  /* owns r while we fill it */
    for (int i = 1; i <= nd; i++) {
        Dataset *d = pl_testdataset(L, i);
        for (size_t j = 0; j < d->ncols; j++) {
            const Column *src = d->cols[j];
            Column *c = ds_col(r, src->name);
            if (!c) {
                c = src->type == COL_NUM ? col_new_num(src->name, total) : col_new_text(src->name, total);
                if (!c) return pl_nomem(L);
                if (col_copy_meta(c, src) != 0 || ds_set_col(r, c) != 0) { col_unref(c); return pl_nomem(L); }
            } else if (c->type != src->type) {
                return luaL_error(L, "stack: column \"%s\" is %s in dataset 1..%d and %s in dataset %d", src->name,
                                  c->type == COL_NUM ? "number" : "text", i - 1,
                                  src->type == COL_NUM ? "number" : "text", i);
            } else {
                for (size_t k = 0; k < src->nmissing; k++)
                    if (col_add_missing(c, src->missing[k]) != 0) return pl_nomem(L);
                for (size_t k = 0; k < src->nvlabels; k++)
                    if (!col_value_label(c, src->vlabels[k].value) &&
                        col_add_value_label(c, src->vlabels[k].value, src->vlabels[k].label) != 0)
                        return pl_nomem(L);
                if (!c->label && src->label && col_set_label(c, src->label) != 0) return pl_nomem(L);
            }
        }
    }
    size_t at = 0;
    for (int i = 1; i <= nd; i++) {
        Dataset *d = pl_testdataset(L, i);
        for (size_t j = 0; j < d->ncols; j++) {
            const Column *src = d->cols[j];
            Column *c = ds_col(r, src->name);
            if (c->type == COL_NUM) {
                memcpy(c->num + at, src->num, src->n * sizeof *src->num);
            } else {
                int32_t *map = pl_block(L, src->nlevels, sizeof *map);
                for (size_t k = 0; k < src->nlevels; k++)
                    if ((map[k] = col_level(c, src->levels[k], strlen(src->levels[k]))) < 0) return pl_nomem(L);
                for (size_t k = 0; k < src->n; k++) c->codes[at + k] = src->codes[k] < 0 ? -1 : map[src->codes[k]];
                lua_pop(L, 1);
            }
        }
        at += d->nrows;
    }
    return 1;
}

static const luaL_Reg ops[] = {
    {"filter", l_filter}, {"select", l_select}, {"drop", l_drop}, {"rename", l_rename},
    {"derive", l_derive}, {"sort", l_sort}, {"head", l_head}, {"tail", l_tail}, {"join", l_join},
    {"rows", l_rows},
    {NULL, NULL}
};

static const char *op_docs[][2] = {
    {"filter", "d:filter(fn)  or  d:filter(mask)\n\nA new dataset with the rows for which fn(row) is true "
               "(row is a read-only view: row.actor reads a cell, pairs(row) walks the row), or where the mask "
               "column (e.g. d.actor:eq(\"ouder\")) is non-zero and not missing."},
    {"select", "d:select(\"a\", \"b\", ...)  or  d:select{...}\n\nA new dataset with these columns, in this order."},
    {"drop", "d:drop(\"a\", ...)\n\nA new dataset without these columns."},
    {"rename", "d:rename{old = \"new\", ...}\n\nA new dataset with columns renamed (all at once: {a=\"b\", b=\"a\"} swaps)."},
    {"derive", "d:derive(name, fn | column | values)\n\nAdds (or replaces) column name in place and returns d. fn(row) "
               "(row as in filter) returns a number, string, boolean (1/0) or nil (missing) per row; or give a column computed "
               "column-wise in C, e.g. d:derive(\"s\", (d.q1 + d.q2) / 2). d.s = ... does the same."},
    {"sort", "d:sort(\"a\", \"-b\", ...)\n\nA new dataset sorted by the columns (\"-name\" descending), stable, "
             "missing values last; text in byte (UTF-8) order."},
    {"head", "d:head(n)\n\nThe first n rows (default 10) as a new dataset."},
    {"rows", "for i, row in d:rows() do ... end\n\nWalks the rows; row is a read-only view as in filter "
             "(row.q1, pairs(row)). d[i] gives row i as a plain table."},
    {"tail", "d:tail(n)\n\nThe last n rows (default 10) as a new dataset."},
    {"join", "d:join(other, key [, {suffix = \"_2\"}])\n\nLeft join on key (a name or list of names): every row "
             "of d, with the columns of the matching row(s) of other (missing where none; repeated rows where "
             "several match; missing keys match nothing). Clashing names get the suffix."},
    {NULL, NULL}
};

static const pl_Func dsops_funcs[] = {
    {"stack", l_stack,
     "stack(d1, d2, ...)  or  stack{d1, d2, ...}\n\nOne dataset with the rows of all, columns matched by name "
     "(in order of first appearance; missing where a dataset lacks a column). A column must have the same "
     "type everywhere; labels and value labels come from the first dataset that has them, user-missing "
     "codes are combined."},
    {NULL, NULL, NULL}
};


/* The operations as Dataset methods (the Dataset metatable exists: passend_open_dataset ran)
 * and stack() on the module table on top of the stack. */
int passend_open_dsops(lua_State *L) {
    int mod = lua_gettop(L);
    luaL_getmetatable(L, PL_DATASET_MT);
    lua_getfield(L, -1, "methods");
    int meth = lua_gettop(L);
    luaL_setfuncs(L, ops, 0);
    for (int i = 0; op_docs[i][0]; i++) {
        lua_getfield(L, meth, op_docs[i][0]);
        char name[64];
        snprintf(name, sizeof name, "Dataset:%s", op_docs[i][0]);
        pl_setdoc(L, -1, name, op_docs[i][1]);
        lua_pop(L, 1);
    }
    lua_settop(L, mod);
    pl_register(L, dsops_funcs);
    return 0;
}
