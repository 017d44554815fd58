/* lcalib.c: Lua side of calibration. The public functions (poststratify, rake,
 * weights, representativeness) are in lua/passend/weighting.lua; this file gives
 * them the numeric kernels and the calibration record, a userdata
 * "passend.Calibration" kept in the calibrated dataset's meta.calibration. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lcalib.h"
#include "lua/ldataset.h"
#include "lua/lpassend.h"
#include "lua/lcheck.h"

#define CAL_MT "passend.Calibration"

typedef struct { Calibration *c; } CalBox;

static int cal_gc(lua_State *L) {
    CalBox *b = luaL_checkudata(L, 1, CAL_MT);
    calib_free(b->c);
    b->c = NULL;
    return 0;
}

static Calibration *checkcal(lua_State *L, int i) {
    CalBox *b = luaL_checkudata(L, i, CAL_MT);
    if (!b->c) luaL_argerror(L, i, "calibration already freed");
    return b->c;
}

static int cal_tostring(lua_State *L) {
    const Calibration *c = checkcal(L, 1);
    luaL_Buffer buf;
    luaL_buffinit(L, &buf);
    lua_pushfstring(L, "calibration of \"%s\" (%d rows):", c->weight ? c->weight : "?", (int)c->n);
    luaL_addvalue(&buf);
    for (size_t s = 0; s < c->nstages; s++) {
        const CalibStage *st = &c->stages[s];
        if (st->kind == CALIB_POST)
            lua_pushfstring(L, " %spoststratify (%d cells)", s ? "then " : "", (int)st->steps[0].ncells);
        else
            lua_pushfstring(L, " %srake (%d margins)", s ? "then " : "", (int)st->nsteps);
        luaL_addvalue(&buf);
    }
    luaL_pushresult(&buf);
    return 1;
}

/* _calib_describe(cal) -> { weight=, n=, stages = { {kind=, cells = {k1, ...}} } } */
static int l_describe(lua_State *L) {
    const Calibration *c = checkcal(L, 1);
    lua_createtable(L, 0, 3);
    lua_pushstring(L, c->weight ? c->weight : "");
    lua_setfield(L, -2, "weight");
    lua_pushinteger(L, (lua_Integer)c->n);
    lua_setfield(L, -2, "n");
    lua_createtable(L, (int)c->nstages, 0);
    for (size_t s = 0; s < c->nstages; s++) {
        const CalibStage *st = &c->stages[s];
        lua_createtable(L, 0, 2);
        lua_pushstring(L, st->kind == CALIB_POST ? "poststratify" : "rake");
        lua_setfield(L, -2, "kind");
        lua_createtable(L, (int)st->nsteps, 0);
        for (size_t k = 0; k < st->nsteps; k++) {
            lua_pushinteger(L, (lua_Integer)st->steps[k].ncells);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_setfield(L, -2, "cells");
        lua_rawseti(L, -2, (lua_Integer)s + 1);
    }
    lua_setfield(L, -2, "stages");
    return 1;
}

/* Pushes the calibration recorded for weight column `weight` in the meta table at t
 * (meta.calibrations[weight], else meta.calibration when it is for that column), or nil. */
static CalBox *push_recorded(lua_State *L, int t, const char *weight) {
    CalBox *b = NULL;
    if (lua_getfield(L, t, "calibrations") == LUA_TTABLE) {
        lua_getfield(L, -1, weight);
        b = luaL_testudata(L, -1, CAL_MT);
        lua_remove(L, -2);
    }
    if (!b) {
        lua_pop(L, 1);
        lua_getfield(L, t, "calibration");
        b = luaL_testudata(L, -1, CAL_MT);
        if (b && (!b->c || !b->c->weight || strcmp(b->c->weight, weight) != 0)) b = NULL;
    }
    return b;
}

const Calibration *pl_calibration(lua_State *L, int idx, const char *weight, const double *w, size_t n) {
    if (!weight) return NULL;
    idx = lua_absindex(L, idx);
    pl_pushmeta(L, idx);
    CalBox *b = push_recorded(L, lua_gettop(L), weight);
    lua_pop(L, 2);
    if (!b || !b->c || !weight || !b->c->weight || strcmp(b->c->weight, weight) != 0) return NULL;
    const Calibration *c = b->c;
    size_t bad = n;
    if (n == c->n) {
        for (size_t i = 0; i < n; i++)
            if (!(w[i] == c->final_w[i])) { bad = i; break; }
    }
    if (n != c->n || bad < n) {
        luaL_error(L, "the weights in column \"%s\" are no longer those its calibration produced "
                   "(%s): rows were filtered, sorted or edited after rake()/poststratify(); "
                   "calibrate the final dataset again, or estimate subgroups with by = {...}",
                   weight, n != c->n ? "the number of rows changed" : "a weight changed");
    }
    return c;
}

/* --- reading Lua arrays ------------------------------------------------ */

static int32_t *int_array(lua_State *L, int t, const char *field, size_t n, size_t ncells) {
    if (lua_getfield(L, t, field) != LUA_TTABLE) luaL_error(L, "calibration: %s must be a table", field);
    int32_t *a = malloc((n ? n : 1) * sizeof *a);
    if (!a) pl_nomem(L);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        lua_Integer v = lua_tointeger(L, -1);
        lua_pop(L, 1);
        if (v < 1 || (size_t)v > ncells) {
            free(a);
            luaL_error(L, "calibration: %s[%d] = %d is not a cell 1..%d", field, (int)i + 1, (int)v, (int)ncells);
        }
        a[i] = (int32_t)(v - 1);
    }
    lua_pop(L, 1);
    return a;
}

static double *num_array(lua_State *L, int t, const char *field, size_t n) {
    if (lua_getfield(L, t, field) != LUA_TTABLE) luaL_error(L, "calibration: %s must be a table", field);
    /* n numbers: a count beyond the table's length would allocate for values that are not there */
    if (lua_rawlen(L, -1) < n)
        luaL_error(L, "calibration: %s has %I values, expected %I", field, (lua_Integer)lua_rawlen(L, -1), (lua_Integer)n);
    double *a = malloc((n ? n : 1) * sizeof *a);
    if (!a) pl_nomem(L);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        int ok;
        a[i] = lua_tonumberx(L, -1, &ok);
        lua_pop(L, 1);
        if (!ok) { free(a); luaL_error(L, "calibration: %s[%d] is not a number", field, (int)i + 1); }
    }
    lua_pop(L, 1);
    return a;
}

/* A count of cells: a whole number 1..PL_MAX_ROWS (the cell ids are 32-bit). */
static size_t get_size(lua_State *L, int t, const char *field) {
    lua_getfield(L, t, field);
    int isint = 0;
    lua_Integer v = lua_tointegerx(L, -1, &isint);
    lua_pop(L, 1);
    if (!isint || v < 1 || v > PL_MAX_ROWS)
        luaL_error(L, "calibration: %s must be a whole number from 1 to %I", field, PL_MAX_ROWS);
    return (size_t)v;
}

static void push_doubles(lua_State *L, const double *a, size_t n) {
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, a[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* Everything one run allocates, freed in one place whether it succeeds or not;
 * it lives in a userdata so that a Lua error while reading the spec frees it too. */
typedef struct {
    size_t nm;
    CalibMargin *m;
    int32_t **cells;
    double **pops;
    int32_t *cross;
    double *w0, *w1, *tot;
    Calibration *cal;
} Run;

static void free_run(Run *r) {
    for (size_t k = 0; k < r->nm; k++) {
        if (r->cells) free(r->cells[k]);
        if (r->pops) free(r->pops[k]);
    }
    free(r->cells); free(r->pops); free(r->m); free(r->cross);
    free(r->w0); free(r->w1); free(r->tot);
    calib_free(r->cal);
    memset(r, 0, sizeof *r);
}

static int run_gc(lua_State *L) {
    free_run(luaL_checkudata(L, 1, "passend.CalibRun"));
    return 0;
}

static Run *new_run(lua_State *L) {
    Run *r = lua_newuserdatauv(L, sizeof *r, 0);
    memset(r, 0, sizeof *r);
    if (luaL_newmetatable(L, "passend.CalibRun")) {
        lua_pushcfunction(L, run_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return r;
}

/* Base weights: the named numeric column (all finite and > 0), or 1. */
static double *base_weights(lua_State *L, const Dataset *d, const char *name) {
    double *w = malloc((d->nrows ? d->nrows : 1) * sizeof *w);
    if (!w) pl_nomem(L);
    if (!name) {
        for (size_t i = 0; i < d->nrows; i++) w[i] = 1;
        return w;
    }
    const Column *c = ds_col(d, name);
    const char *why = NULL;
    size_t row = 0;
    if (!c) why = "no such column";
    else if (c->type != COL_NUM) why = "it is a text column, weights must be numbers";
    else {
        for (size_t i = 0; i < d->nrows && !why; i++) {
            double v = c->num[i];
            if (!(v == v)) { why = "missing weight"; row = i + 1; }
            else if (!(v > 0) || !isfinite(v)) { why = "weights must be positive and finite"; row = i + 1; }
            w[i] = v;
        }
    }
    if (why) {
        free(w);
        if (row) luaL_error(L, "weight column \"%s\", row %d: %s", name, (int)row, why);
        luaL_error(L, "weight column \"%s\": %s", name, why);
    }
    return w;
}

/* Stores the calibration userdata on top of the stack (popping it) in the meta of the dataset
 * at out: meta.calibration = the newest; meta.calibrations[name] = each weight column's own
 * record (a new table: a meta copy shares the old one with the source dataset). */
static void store_calibration(lua_State *L, int out, const char *name) {
    pl_pushmeta(L, out);
    int meta = lua_gettop(L), box_i = meta - 1;
    lua_newtable(L);
    if (lua_getfield(L, meta, "calibrations") == LUA_TTABLE) pl_copyfields(L, -1, -2);
    lua_pop(L, 1);
    lua_pushvalue(L, box_i);
    lua_setfield(L, -2, name);
    lua_setfield(L, meta, "calibrations");
    lua_pushvalue(L, box_i);
    lua_setfield(L, meta, "calibration");
    lua_pop(L, 2);
}

/* Pushes a copy of d with column name = r->w1 and, when r holds a calibration
 * record, stores it for that column (taking it from r). Returns the stack index. */
static int push_with_weights(lua_State *L, const Dataset *d, const char *name, Run *r) {
    size_t n = d->nrows;
    Column *col = col_new_num(name, n);
    if (!col) pl_nomem(L);
    memcpy(col->num, r->w1, n * sizeof(double));
    Dataset *nd = ds_copy_shallow(d);
    if (!nd) { col_unref(col); pl_nomem(L); }
    if (ds_set_col(nd, col) != 0) { col_unref(col); ds_free(nd); pl_nomem(L); }
    pl_pushdataset_from(L, nd, 1);
    int out = lua_gettop(L);
    if (r->cal) {
        CalBox *box = lua_newuserdatauv(L, sizeof *box, 0);
        box->c = r->cal;
        r->cal = NULL;
        luaL_setmetatable(L, CAL_MT);
        store_calibration(L, out, name);
    }
    return out;
}

/* _calib_run(d, spec) -> new dataset, info
 * spec: kind = "poststratify"|"rake", base = weight column or nil, name = new column,
 *   margins = { {cell = {row -> 1..ncells}, ncells =, pop = {cell -> count}}, ... },
 *   for rake: cross = {row -> 1..ncross}, ncross =, epsilon =, maxit =, lo =, hi =.
 * The new dataset shares d's columns, has the weights in column `name` (added at
 * the end or replacing), a shallow copy of d's meta, and meta.calibration: the
 * record of every calibration so far (a previous one continues when `base` is the
 * column it produced). */
static int l_run(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    const char *kind = (lua_getfield(L, 2, "kind"), luaL_checkstring(L, -1));
    int rake = strcmp(kind, "rake") == 0;
    if (!rake && strcmp(kind, "poststratify") != 0) luaL_error(L, "calibration: unknown kind %s", kind);
    const char *base = (lua_getfield(L, 2, "base"), lua_tostring(L, -1));
    const char *name = (lua_getfield(L, 2, "name"), luaL_checkstring(L, -1));
    size_t n = d->nrows;
    if (n == 0) luaL_error(L, "%s: the dataset has no rows", kind);

    Run *r = new_run(L);
    int runidx = lua_gettop(L);
    r->w0 = base_weights(L, d, base);
    if (lua_getfield(L, 2, "margins") != LUA_TTABLE) luaL_error(L, "%s: margins missing", kind);
    int mt = lua_gettop(L);
    size_t nm = lua_rawlen(L, mt);  /* read with lua_rawgeti below */
    if (nm == 0 || (!rake && nm != 1)) luaL_error(L, "%s: wrong number of margins (%I)", kind, (lua_Integer)nm);
    r->m = calloc(nm, sizeof *r->m);
    r->cells = calloc(nm, sizeof *r->cells);
    r->pops = calloc(nm, sizeof *r->pops);
    if (!r->m || !r->cells || !r->pops) pl_nomem(L);
    r->nm = nm;
    size_t maxc = 1;
    for (size_t k = 0; k < nm; k++) {
        lua_rawgeti(L, mt, (lua_Integer)k + 1);
        int t = lua_gettop(L);
        size_t nc = get_size(L, t, "ncells");
        r->cells[k] = int_array(L, t, "cell", n, nc);
        r->pops[k] = num_array(L, t, "pop", nc);
        r->m[k].cell = r->cells[k];
        r->m[k].ncells = nc;
        r->m[k].pop = r->pops[k];
        if (nc > maxc) maxc = nc;
        lua_pop(L, 1);
    }

    /* continue an earlier calibration when its weights are our base weights */
    const Calibration *prev = NULL;
    if (base) {
        pl_pushmeta(L, 1);
        CalBox *pb = push_recorded(L, lua_gettop(L), base);
        if (pb && pb->c && pb->c->n == n && memcmp(pb->c->final_w, r->w0, n * sizeof(double)) == 0)
            prev = pb->c;
        lua_pop(L, 2);
    }

    r->cal = calib_extend(prev, n, rake ? CALIB_RAKE : CALIB_POST, nm);
    r->w1 = malloc(n * sizeof *r->w1);
    r->tot = malloc(maxc * sizeof *r->tot);
    if (!r->cal || !r->w1 || !r->tot) pl_nomem(L);
    r->cal->weight = malloc(strlen(name) + 1);
    if (!r->cal->weight) pl_nomem(L);
    strcpy(r->cal->weight, name);
    CalibStage *st = &r->cal->stages[r->cal->nstages - 1];

    lua_newtable(L);  /* info */
    int info = lua_gettop(L);
    if (!rake) {
        calib_poststratify(n, r->w0, &r->m[0], r->w1, r->tot, st);
        push_doubles(L, r->tot, r->m[0].ncells);
        lua_setfield(L, info, "sample");
    } else {
        RakeControl ctl = {0};
        lua_getfield(L, 2, "epsilon"); ctl.epsilon = luaL_optnumber(L, -1, 1); lua_pop(L, 1);
        lua_getfield(L, 2, "maxit");
        ctl.maxit = lua_isnil(L, -1) ? 10 : (int)pl_checkrange_at(L, -1, 2, "maxit", 0, 2147483647);
        lua_pop(L, 1);
        lua_getfield(L, 2, "lo"); ctl.lo = luaL_optnumber(L, -1, 0); lua_pop(L, 1);
        lua_getfield(L, 2, "hi"); ctl.hi = luaL_optnumber(L, -1, INFINITY); lua_pop(L, 1);
        size_t ncross = get_size(L, 2, "ncross");
        /* the cells of the cross-classification that occur in the sample: at most one per row */
        if (ncross > n) luaL_error(L, "calibration: ncross (%I) is more than the rows (%I)", (lua_Integer)ncross, (lua_Integer)n);
        r->cross = int_array(L, 2, "cross", n, ncross);
        if (calib_rake(n, r->w0, r->m, nm, r->cross, ncross, &ctl, r->w1, st)) pl_nomem(L);
        lua_pushinteger(L, ctl.iterations); lua_setfield(L, info, "iterations");
        lua_pushboolean(L, ctl.converged); lua_setfield(L, info, "converged");
        lua_pushnumber(L, ctl.delta); lua_setfield(L, info, "delta");
        lua_pushboolean(L, ctl.infeasible); lua_setfield(L, info, "infeasible");
    }
    memcpy(r->cal->final_w, r->w1, n * sizeof(double));

    int out = push_with_weights(L, d, name, r);
    free_run(r);  /* the work arrays are not needed any more (r stays at runidx until return) */
    (void)runidx;
    lua_pushvalue(L, out);
    lua_pushvalue(L, info);
    return 2;
}

/* _calib_with_weights(d, name, values, from) -> new dataset with column name = values (n numbers).
 * When d's weight column `from` carries a calibration that still matches it, the new column
 * keeps that record (same stages, these weights): as R's trimWeights() keeps design$postStrata. */
static int l_with_weights(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    const char *from = luaL_optstring(L, 4, NULL);
    size_t n = d->nrows;
    if ((size_t)luaL_len(L, 3) != n) luaL_error(L, "%d weights for %d rows", (int)luaL_len(L, 3), (int)n);
    Run *r = new_run(L);
    r->w1 = malloc((n ? n : 1) * sizeof *r->w1);
    if (!r->w1) pl_nomem(L);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        r->w1[i] = luaL_checknumber(L, -1);
        lua_pop(L, 1);
    }
    const Calibration *prev = NULL;
    if (from) {
        const Column *c = ds_col(d, from);
        if (c && c->type == COL_NUM) prev = pl_calibration(L, 1, from, c->num, n);
    }
    if (prev) {
        r->cal = calib_extend(prev, n, CALIB_POST, 0);
        if (!r->cal || !(r->cal->weight = malloc(strlen(name) + 1))) pl_nomem(L);
        strcpy(r->cal->weight, name);
        memcpy(r->cal->final_w, r->w1, n * sizeof(double));
    }
    int out = push_with_weights(L, d, name, r);
    free_run(r);
    lua_pushvalue(L, out);
    return 1;
}

/* _calib_residualize(cal, x) -> x residualised as svyrecvar does (for tests and explain) */
static int l_residualize(lua_State *L) {
    const Calibration *c = checkcal(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t n = (size_t)luaL_len(L, 2);
    if (n != c->n) luaL_error(L, "residualize: %d values for a calibration of %d rows", (int)n, (int)c->n);
    Run *r = new_run(L);
    r->w0 = malloc(n * sizeof *r->w0);
    if (!r->w0) pl_nomem(L);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        r->w0[i] = luaL_checknumber(L, -1);
        lua_pop(L, 1);
    }
    if (calib_residualize(c, r->w0, n, 1)) pl_nomem(L);
    push_doubles(L, r->w0, n);
    return 1;
}

/* _calib_check(d, weight, w) -> whether d's calibration applies to those weights (errors as
 * pl_calibration does when they no longer match); for tests. */
static int l_check(lua_State *L) {
    pl_checkdataset(L, 1);
    const char *weight = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    size_t n = lua_rawlen(L, 3);  /* read with lua_rawgeti below */
    Run *r = new_run(L);
    r->w0 = malloc((n ? n : 1) * sizeof *r->w0);
    if (!r->w0) pl_nomem(L);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        r->w0[i] = luaL_checknumber(L, -1);
        lua_pop(L, 1);
    }
    lua_pushboolean(L, pl_calibration(L, 1, weight, r->w0, n) != NULL);
    return 1;
}

static const pl_Func funcs[] = {
    {"_calib_check", l_check, NULL},
    {"_calib_run", l_run, NULL},
    {"_calib_residualize", l_residualize, NULL},
    {"_calib_with_weights", l_with_weights, NULL},
    {"_calib_describe", l_describe, NULL},
    {NULL, NULL, NULL}
};

int passend_open_calib(lua_State *L) {
    if (luaL_newmetatable(L, CAL_MT)) {
        lua_pushcfunction(L, cal_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, cal_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushstring(L, "passend.Calibration");
        lua_setfield(L, -2, "__name");
    }
    lua_pop(L, 1);
    pl_register(L, funcs);
    return 0;
}
