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

/* Reads the Lua array at index idx into out[n]; anything but a number is NaN. */
static void read_array(lua_State *L, int idx, size_t n, double *out) {
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        int isnum;
        double v = lua_tonumberx(L, -1, &isnum);
        out[i] = isnum ? v : NAN;
        lua_pop(L, 1);
    }
}

static void setnum(lua_State *L, const char *k, double v) {
    lua_pushnumber(L, v);
    lua_setfield(L, -2, k);
}

/* _alpha(columns, n) -> { alpha, std_alpha, average_r, n, nitems, mean, sd, items = {...} }
 * or nil, message, item index [, item index]. */
static int l_alpha(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n >= 0, 2, "row count must not be negative");
    size_t k = (size_t)luaL_len(L, 1);
    double *x = malloc((k * (size_t)n + 1) * sizeof *x);
    AlphaItem *items = calloc(k ? k : 1, sizeof *items);
    if (!x || !items) { free(x); free(items); return luaL_error(L, "alpha: out of memory"); }
    for (size_t j = 0; j < k; j++) {
        lua_geti(L, 1, (lua_Integer)j + 1);
        if (!lua_istable(L, -1)) { free(x); free(items); return luaL_error(L, "alpha: column %d is not an array", (int)j + 1); }
        read_array(L, lua_gettop(L), (size_t)n, x + j * (size_t)n);
        lua_pop(L, 1);
    }
    AlphaTotal tot;
    int b1, b2;
    char err[256];
    int rc = pl_alpha(x, (size_t)n, k, &tot, items, &b1, &b2, err, sizeof err);
    free(x);
    if (rc != 0) {
        free(items);
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
    free(items);
    return 1;
}

/* Scratch memory owned by Lua (a userdata left on the stack), so a Lua error in between
 * (pl_calibration raises one) leaks nothing. */
static void *scratch(lua_State *L, size_t size) {
    return lua_newuserdatauv(L, size ? size : 1, 0);
}

/* Lua array of 1-based codes (nil/0 = missing) -> 0-based int32 (-1 missing). */
static int32_t *read_codes(lua_State *L, int idx, size_t n) {
    int32_t *c = scratch(L, n * sizeof *c);
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
        c[i] = v >= 1 && v <= INT32_MAX ? (int32_t)(v - 1) : -1;
        lua_pop(L, 1);
    }
    return c;
}

static const char *const lonely_names[] = {"adjust", "average", "certainty", "remove", "fail", NULL};

/* The design described by the table at idx: { n, w = {...}, cluster = {codes}, strata = {codes},
 * strata_names = {...}, fpc = {...}, lonely = "adjust", data = dataset, weight = "name" }.
 * Returns a design to free with svy_design_free (NULL with err on failure) and sets *cal to
 * the weight's calibration record when there is one. Leaves scratch userdata on the stack. */
static SvyDesign *get_design(lua_State *L, int idx, size_t n, const Calibration **cal,
                             char *err, size_t errlen) {
    double *w = NULL, *fpc = NULL;
    int32_t *cl = NULL, *st = NULL;
    const char **snames = NULL;
    if (lua_getfield(L, idx, "w") == LUA_TTABLE) {
        w = scratch(L, n * sizeof *w);
        read_array(L, lua_gettop(L) - 1, n, w);
    }
    if (lua_getfield(L, idx, "fpc") == LUA_TTABLE) {
        fpc = scratch(L, n * sizeof *fpc);
        read_array(L, lua_gettop(L) - 1, n, fpc);
    }
    if (lua_getfield(L, idx, "cluster") == LUA_TTABLE) cl = read_codes(L, lua_gettop(L), n);
    if (lua_getfield(L, idx, "strata") == LUA_TTABLE) st = read_codes(L, lua_gettop(L), n);
    if (lua_getfield(L, idx, "strata_names") == LUA_TTABLE) {
        int t = lua_gettop(L);
        size_t k = (size_t)lua_rawlen(L, t);
        snames = scratch(L, k * sizeof *snames);
        for (size_t j = 0; j < k; j++) {
            lua_rawgeti(L, t, (lua_Integer)j + 1);
            snames[j] = lua_tostring(L, -1);  /* strings stay alive in the table */
            lua_pop(L, 1);
        }
    }
    lua_getfield(L, idx, "lonely");
    SvyLonely lonely = (SvyLonely)luaL_checkoption(L, -1, "adjust", lonely_names);
    *cal = NULL;
    if (w && lua_getfield(L, idx, "data") != LUA_TNIL && lua_getfield(L, idx, "weight") == LUA_TSTRING)
        *cal = pl_calibration(L, lua_gettop(L) - 1, lua_tostring(L, -1), w, n);
    return svy_design_new(n, w, cl, st, fpc, lonely, snames, err, errlen);
}

/* _svychisq(rowcodes, colcodes, nr, nc, design) -> table or nil, msg */
static int l_svychisq(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    int nr = (int)luaL_checkinteger(L, 3), nc = (int)luaL_checkinteger(L, 4);
    luaL_checktype(L, 5, LUA_TTABLE);
    lua_getfield(L, 5, "n");
    size_t n = (size_t)luaL_checkinteger(L, -1);
    char err[256];
    int32_t *row = read_codes(L, 1, n), *col = read_codes(L, 2, n);
    const Calibration *cal;
    SvyDesign *d = get_design(L, 5, n, &cal, err, sizeof err);
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
    lua_getfield(L, 3, "n");
    size_t n = (size_t)luaL_checkinteger(L, -1);
    char err[256];
    double *y = scratch(L, n * sizeof *y);
    read_array(L, 1, n, y);
    int32_t *g = read_codes(L, 2, n);
    for (size_t i = 0; i < n; i++)
        if (g[i] > 1) return luaL_error(L, "group code %d in row %d: expected 1 or 2", (int)g[i] + 1, (int)i + 1);
    const Calibration *cal;
    SvyDesign *d = get_design(L, 3, n, &cal, err, sizeof err);
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
