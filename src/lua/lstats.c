/* lstats.c: Lua bindings for the statistics kernels (alpha.c, crosstab.c) on plain arrays.
 * The front ends in lua/passend/stats/ turn datasets and scales into these arrays and the
 * results back into datasets. Functions here are private (names start with "_"). */
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernel/alpha.h"
#include "lua/lcalib.h"
#include "kernel/svy.h"
#include "kernel/svytest.h"
#include "lua/lpassend.h"
#include "lua/lcheck.h"
#include "lua/ldataset.h"


static void setnum(lua_State *L, const char *k, double v) {
    lua_pushnumber(L, v);
    lua_setfield(L, -2, k);
}

/* Most items _alpha takes (its matrices have items^2 cells) and most cells (rows x
 * columns) of a _svychisq table (its covariance matrix has cells^2 entries). */
#define MAX_ITEMS 10000
#define MAX_CELLS 4096

/* Raises unless the array at idx (for what, of argument arg) has no values past row n. */
static void check_len(lua_State *L, int idx, int arg, const char *what, size_t n) {
    size_t len = lua_rawlen(L, idx);
    if (len > n) {
        lua_pushfstring(L, "%s has %I values, more than n = %I", what, (lua_Integer)len, (lua_Integer)n);
        luaL_argerror(L, arg, lua_tostring(L, -1));
    }
}

/* _alpha(columns, n) -> { alpha, std_alpha, average_r, n, nitems, mean, sd, items = {...} }
 * or nil, message, item index [, item index]. */
static int l_alpha(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t n = (size_t)pl_checkrange(L, 2, "n", 0, PL_MAX_ROWS);
    lua_Integer len = luaL_len(L, 1);
    if (len < 0 || len > MAX_ITEMS)
        return luaL_argerror(L, 1, lua_pushfstring(L, "expected at most %d columns, got %I", MAX_ITEMS, len));
    size_t k = (size_t)len;
    /* both owned by Lua (an error below frees them) */
    double *x = pl_block(L, pl_bytes(L, k, n), sizeof *x);
    int xbox = lua_gettop(L);
    AlphaItem *items = pl_scratch(L, k ? k : 1, sizeof *items);
    memset(items, 0, (k ? k : 1) * sizeof *items);
    for (size_t j = 0; j < k; j++) {
        lua_geti(L, 1, (lua_Integer)j + 1);
        if (!lua_istable(L, -1)) return luaL_error(L, "alpha: column %d is not an array", (int)j + 1);
        check_len(L, -1, 1, "a column", n);
        pl_read_numbers(L, lua_gettop(L), n, x + j * n);
        lua_pop(L, 1);
    }
    AlphaTotal tot;
    int b1, b2;
    char err[256];
    int rc = pl_alpha(x, n, k, &tot, items, &b1, &b2, err, sizeof err);
    pl_release(L, xbox);
    if (rc != 0) {
        lua_pushnil(L);
        lua_pushstring(L, err);
        if (b1 >= 0) lua_pushinteger(L, b1 + 1); else lua_pushnil(L);
        if (b2 >= 0) lua_pushinteger(L, b2 + 1); else lua_pushnil(L);
        return 4;
    }
    lua_createtable(L, 0, 8);
    setnum(L, "alpha", tot.alpha);
    setnum(L, "std_alpha", tot.std_alpha);
    setnum(L, "average_r", tot.average_r);
    lua_pushinteger(L, (lua_Integer)tot.n); lua_setfield(L, -2, "n");
    lua_pushinteger(L, (lua_Integer)tot.nitems); lua_setfield(L, -2, "nitems");
    setnum(L, "mean", tot.mean);
    setnum(L, "sd", tot.sd);
    lua_createtable(L, (int)k, 0);
    for (size_t j = 0; j < k; j++) {
        AlphaItem *it = &items[j];
        lua_createtable(L, 0, 9);
        lua_pushinteger(L, (lua_Integer)it->n); lua_setfield(L, -2, "n");
        setnum(L, "mean", it->mean);
        setnum(L, "sd", it->sd);
        lua_pushboolean(L, it->dropped); lua_setfield(L, -2, "dropped");
        setnum(L, "r_drop", it->r_drop);
        setnum(L, "r_total", it->r_total);
        setnum(L, "alpha_drop", it->alpha_drop);
        setnum(L, "std_alpha_drop", it->std_alpha_drop);
        setnum(L, "average_r_drop", it->average_r_drop);
        lua_seti(L, -2, (lua_Integer)j + 1);
    }
    lua_setfield(L, -2, "items");
    return 1;
}

/* Scratch memory owned by Lua (a userdata left on the stack), so a Lua error in between
 * (pl_calibration raises one) leaks nothing. */
static void *scratch(lua_State *L, size_t n, size_t size) {
    return pl_scratch(L, n, size);
}

/* Lua array at idx of 1-based codes (nil/0 = missing) -> 0-based int32 (-1 missing).
 * A code above max (0: no maximum) is an error naming what and argument arg. */
static int32_t *read_codes(lua_State *L, int idx, int arg, const char *what, size_t n, lua_Integer max) {
    idx = lua_absindex(L, idx);
    check_len(L, idx, arg, what, n);
    int32_t *c = scratch(L, n, sizeof *c);
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
        lua_pop(L, 1);
        if (max && v > max) {
            lua_pushfstring(L, "%s %I in row %I is more than %I", what, v, (lua_Integer)i + 1, max);
            luaL_argerror(L, arg, lua_tostring(L, -1));
        }
        c[i] = v >= 1 && v <= INT32_MAX ? (int32_t)(v - 1) : -1;
    }
    return c;
}

/* The number of rows of the design table at idx (argument arg): its field n. */
static size_t design_rows(lua_State *L, int idx, int arg) {
    lua_getfield(L, idx, "n");
    size_t n = (size_t)pl_checkrange_at(L, -1, arg, "design.n", 0, PL_MAX_ROWS);
    lua_pop(L, 1);
    return n;
}

static const char *const lonely_names[] = {"adjust", "average", "certainty", "remove", "fail", NULL};

/* The design described by the table at idx (argument arg): { n, w = {...}, cluster = {codes},
 * strata = {codes}, strata_names = {...}, fpc = {...}, lonely = "adjust", data = dataset,
 * weight = "name" }. Every array has at most n values; strata_names, when given, name every
 * stratum code. Returns a design to free with svy_design_free (NULL with err on failure) and
 * sets *cal to the weight's calibration record when there is one. Leaves scratch userdata
 * (and the arrays' tables) on the stack. */
static SvyDesign *get_design(lua_State *L, int idx, int arg, size_t n, const Calibration **cal,
                             char *err, size_t errlen) {
    double *w = NULL, *fpc = NULL;
    int32_t *cl = NULL, *st = NULL;
    const char **snames = NULL;
    if (lua_getfield(L, idx, "w") == LUA_TTABLE) {
        check_len(L, -1, arg, "design.w", n);
        w = scratch(L, n, sizeof *w);
        pl_read_numbers(L, lua_gettop(L) - 1, n, w);
    }
    if (lua_getfield(L, idx, "fpc") == LUA_TTABLE) {
        check_len(L, -1, arg, "design.fpc", n);
        fpc = scratch(L, n, sizeof *fpc);
        pl_read_numbers(L, lua_gettop(L) - 1, n, fpc);
    }
    if (lua_getfield(L, idx, "cluster") == LUA_TTABLE) cl = read_codes(L, -1, arg, "design.cluster", n, 0);
    if (lua_getfield(L, idx, "strata") == LUA_TTABLE) st = read_codes(L, -1, arg, "design.strata", n, 0);
    if (lua_getfield(L, idx, "strata_names") == LUA_TTABLE) {
        int t = lua_gettop(L);
        size_t k = (size_t)lua_rawlen(L, t);
        snames = scratch(L, k, sizeof *snames);
        for (size_t j = 0; j < k; j++) {
            /* strings only: a number converted here would not stay alive in the table */
            if (lua_rawgeti(L, t, (lua_Integer)j + 1) != LUA_TSTRING)
                luaL_argerror(L, arg, "design.strata_names must be a list of strings");
            snames[j] = lua_tostring(L, -1);  /* strings stay alive in the table */
            lua_pop(L, 1);
        }
        /* messages look a stratum's name up by its code */
        for (size_t i = 0; st && i < n; i++)
            if (st[i] >= 0 && (size_t)st[i] >= k) {
                lua_pushfstring(L, "design.strata code %d in row %I has no name in design.strata_names",
                                (int)st[i] + 1, (lua_Integer)i + 1);
                luaL_argerror(L, arg, lua_tostring(L, -1));
            }
    }
    lua_getfield(L, idx, "lonely");
    SvyLonely lonely = (SvyLonely)luaL_checkoption(L, -1, "adjust", lonely_names);
    *cal = NULL;
    if (w && lua_getfield(L, idx, "data") != LUA_TNIL && lua_getfield(L, idx, "weight") == LUA_TSTRING) {
        if (!pl_testdataset(L, -2)) luaL_argerror(L, arg, "design.data must be a dataset");
        *cal = pl_calibration(L, lua_gettop(L) - 1, lua_tostring(L, -1), w, n);
    }
    return svy_design_new(n, w, cl, st, fpc, lonely, snames, err, errlen);
}

/* _svychisq(rowcodes, colcodes, nr, nc, design) -> table or nil, msg */
static int l_svychisq(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    int nr = (int)pl_checkrange(L, 3, "nr", 0, MAX_CELLS), nc = (int)pl_checkrange(L, 4, "nc", 0, MAX_CELLS);
    if (nr * nc > MAX_CELLS)
        return luaL_error(L, "_svychisq: the table has %d x %d cells, at most %d can be tested", nr, nc, MAX_CELLS);
    luaL_checktype(L, 5, LUA_TTABLE);
    size_t n = design_rows(L, 5, 5);
    char err[256];
    int32_t *row = read_codes(L, 1, 1, "row code", n, nr), *col = read_codes(L, 2, 2, "column code", n, nc);
    const Calibration *cal;
    SvyDesign *d = get_design(L, 5, 5, n, &cal, err, sizeof err);
    StChisq r;
    int rc = -1;
    if (d) {
        rc = st_chisq(d, cal, row, col, nr, nc, &r, err, sizeof err);
        svy_design_free(d);
    }
    if (rc != 0) { lua_pushnil(L); lua_pushstring(L, err); return 2; }
    lua_createtable(L, 0, 10);
    setnum(L, "statistic", r.F); setnum(L, "ndf", r.ndf); setnum(L, "ddf", r.ddf); setnum(L, "p", r.p);
    setnum(L, "pearson", r.X2); setnum(L, "pearson_df", r.X2_df); setnum(L, "pearson_p", r.X2_p);
    setnum(L, "trace", r.trace); setnum(L, "d0", r.d0); setnum(L, "nu", r.nu);
    lua_pushboolean(L, cal != NULL); lua_setfield(L, -2, "calibrated");
    return 1;
}

/* _svyttest(y, gcodes, design, conf) -> table or nil, msg */
static int l_svyttest(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    double conf = luaL_optnumber(L, 4, 0.95);
    size_t n = design_rows(L, 3, 3);
    char err[256];
    check_len(L, 1, 1, "y", n);
    double *y = scratch(L, n, sizeof *y);
    pl_read_numbers(L, 1, n, y);
    int32_t *g = read_codes(L, 2, 2, "group code", n, 2);
    const Calibration *cal;
    SvyDesign *d = get_design(L, 3, 3, n, &cal, err, sizeof err);
    StTtest r;
    int rc = -1;
    if (d) {
        rc = st_ttest(d, cal, y, g, conf, &r, err, sizeof err);
        svy_design_free(d);
    }
    if (rc != 0) { lua_pushnil(L); lua_pushstring(L, err); return 2; }
    lua_createtable(L, 0, 12);
    setnum(L, "mean1", r.mean1); setnum(L, "mean2", r.mean2); setnum(L, "n1", r.n1); setnum(L, "n2", r.n2);
    setnum(L, "diff", r.diff); setnum(L, "se", r.se); setnum(L, "df", r.df); setnum(L, "t", r.t);
    setnum(L, "p", r.p); setnum(L, "lo", r.lo); setnum(L, "hi", r.hi);
    lua_pushboolean(L, cal != NULL); lua_setfield(L, -2, "calibrated");
    return 1;
}

static const pl_Func stats_funcs[] = {
    {"_alpha", l_alpha, NULL},
    {"_svychisq", l_svychisq, NULL},
    {"_svyttest", l_svyttest, NULL},
    {NULL, NULL, NULL}
};

int passend_open_stats(lua_State *L) {
    pl_register(L, stats_funcs);
    return 0;
}
