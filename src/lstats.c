/* lstats.c: Lua bindings for the statistics kernels (alpha.c, crosstab.c) on plain arrays.
 * The front ends in lua/passend/stats/ turn datasets and scales into these arrays and the
 * results back into datasets. Functions here are private (names start with "_"). */
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alpha.h"
#include "svytest.h"
#include "lpassend.h"

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

/* Lua array of 1-based codes (nil/0 = missing) -> 0-based int32 (-1 missing). */
static int32_t *read_codes(lua_State *L, int idx, size_t n) {
    int32_t *c = malloc((n ? n : 1) * sizeof *c);
    if (!c) return NULL;
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
        c[i] = v >= 1 && v <= INT32_MAX ? (int32_t)(v - 1) : -1;
        lua_pop(L, 1);
    }
    return c;
}

static const char *const lonely_names[] = {"adjust", "average", "certainty", "remove", "fail", NULL};

/* Reads the design arguments at idx.. (w, cluster codes, strata codes, lonely) and builds it.
 * Arrays it allocates are returned through bufs[0..2] for the caller to free. */
static int get_design(lua_State *L, int idx, size_t n, StDesign *d, void *bufs[3], char *err, size_t errlen) {
    double *w = NULL;
    int32_t *cl = NULL, *st = NULL;
    bufs[0] = bufs[1] = bufs[2] = NULL;
    if (!lua_isnoneornil(L, idx)) {
        luaL_checktype(L, idx, LUA_TTABLE);
        w = malloc((n ? n : 1) * sizeof *w);
        if (!w) { snprintf(err, errlen, "out of memory"); return -1; }
        read_array(L, idx, n, w);
    }
    if (!lua_isnoneornil(L, idx + 1)) { luaL_checktype(L, idx + 1, LUA_TTABLE); cl = read_codes(L, idx + 1, n); }
    if (!lua_isnoneornil(L, idx + 2)) { luaL_checktype(L, idx + 2, LUA_TTABLE); st = read_codes(L, idx + 2, n); }
    bufs[0] = w; bufs[1] = cl; bufs[2] = st;
    if ((!lua_isnoneornil(L, idx + 1) && !cl) || (!lua_isnoneornil(L, idx + 2) && !st)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    StLonely lonely = (StLonely)luaL_checkoption(L, idx + 3, "adjust", lonely_names);
    return st_design_init(d, n, w, cl, st, lonely, err, errlen);
}

static void free_bufs(void *bufs[3]) {
    for (int i = 0; i < 3; i++) free(bufs[i]);
}

/* _svychisq(rowcodes, colcodes, n, nr, nc, w, cluster, strata, lonely) -> table or nil, msg */
static int l_svychisq(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t n = (size_t)luaL_checkinteger(L, 3);
    int nr = (int)luaL_checkinteger(L, 4), nc = (int)luaL_checkinteger(L, 5);
    char err[256];
    void *bufs[3];
    StDesign d;
    int32_t *row = read_codes(L, 1, n), *col = read_codes(L, 2, n);
    int rc = -1;
    StChisq r;
    if (!row || !col) snprintf(err, sizeof err, "out of memory");
    else if (get_design(L, 6, n, &d, bufs, err, sizeof err) == 0) {
        rc = st_chisq(&d, row, col, nr, nc, &r, err, sizeof err);
        st_design_free(&d);
    }
    free_bufs(bufs);
    free(row); free(col);
    if (rc != 0) { lua_pushnil(L); lua_pushstring(L, err); return 2; }
    lua_createtable(L, 0, 10);
    setnum(L, "statistic", r.F); setnum(L, "ndf", r.ndf); setnum(L, "ddf", r.ddf); setnum(L, "p", r.p);
    setnum(L, "pearson", r.X2); setnum(L, "pearson_df", r.X2_df); setnum(L, "pearson_p", r.X2_p);
    setnum(L, "trace", r.trace); setnum(L, "d0", r.d0); setnum(L, "nu", r.nu);
    return 1;
}

/* _svyttest(y, gcodes, n, w, cluster, strata, lonely, conf) -> table or nil, msg */
static int l_svyttest(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t n = (size_t)luaL_checkinteger(L, 3);
    double conf = luaL_optnumber(L, 8, 0.95);
    char err[256];
    void *bufs[3];
    StDesign d;
    double *y = malloc((n ? n : 1) * sizeof *y);
    int32_t *g = read_codes(L, 2, n);
    int rc = -1;
    StTtest r;
    if (!y || !g) snprintf(err, sizeof err, "out of memory");
    else {
        read_array(L, 1, n, y);
        for (size_t i = 0; i < n; i++)
            if (g[i] > 1) { snprintf(err, sizeof err, "group code %d in row %zu: expected 1 or 2", g[i] + 1, i + 1); goto out; }
        if (get_design(L, 4, n, &d, bufs, err, sizeof err) == 0) {
            rc = st_ttest(&d, y, g, conf, &r, err, sizeof err);
            st_design_free(&d);
        }
        free_bufs(bufs);
    }
out:
    free(y); free(g);
    if (rc != 0) { lua_pushnil(L); lua_pushstring(L, err); return 2; }
    lua_createtable(L, 0, 12);
    setnum(L, "mean1", r.mean1); setnum(L, "mean2", r.mean2); setnum(L, "n1", r.n1); setnum(L, "n2", r.n2);
    setnum(L, "diff", r.diff); setnum(L, "se", r.se); setnum(L, "df", r.df); setnum(L, "t", r.t);
    setnum(L, "p", r.p); setnum(L, "lo", r.lo); setnum(L, "hi", r.hi);
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
