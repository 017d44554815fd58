/* lestimate.c: Lua bindings of the estimation kernels (svy.c).
 *
 * The Lua front-end (lua/passend/estimate.lua, scale.lua, rules.lua) checks the
 * user's arguments, builds plain specs and calls the private functions here:
 *   _scores(d, specs)    -> a new dataset: d's columns plus one per scale
 *   _estimate(d, spec)   -> per group and variable: n, n_w, mean, sd, se
 *   _groups(d, by)       -> group keys and the rows of each group (Lua indicators)
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lpassend.h"
#include "lua/lcalib.h"
#include "kernel/estimate_run.h"
#include "lua/ldataset.h"
#include "kernel/order.h"
#include "kernel/svy.h"

/* ---- small helpers ---------------------------------------------------- */

/* Blocks freed together when the pool userdata is collected, so that a Lua
 * error anywhere leaks nothing. Each block has its own free function. */
typedef struct {
    void **p;
    void (**fn)(void *);
    size_t n, cap;
} Pool;

static int pool_gc(lua_State *L) {
    Pool *pl = luaL_checkudata(L, 1, "passend.EstPool");
    for (size_t i = pl->n; i-- > 0;) pl->fn[i](pl->p[i]);
    free(pl->p);
    free(pl->fn);
    memset(pl, 0, sizeof *pl);
    return 0;
}

/* Pushes a pool userdata. */
static Pool *pool_new(lua_State *L) {
    Pool *pl = lua_newuserdatauv(L, sizeof *pl, 0);
    memset(pl, 0, sizeof *pl);
    if (luaL_newmetatable(L, "passend.EstPool")) {
        lua_pushcfunction(L, pool_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return pl;
}

/* Hands p to the pool (p may be NULL: then "out of memory", and fn is not called). */
static void *pool_own(lua_State *L, Pool *pl, void *p, void (*fn)(void *)) {
    if (!p) luaL_error(L, "out of memory");
    if (pl->n == pl->cap) {
        size_t cap = pl->cap ? 2 * pl->cap : 16;
        void **np = realloc(pl->p, cap * sizeof *np);
        if (np) pl->p = np;
        void (**nf)(void *) = np ? realloc(pl->fn, cap * sizeof *nf) : NULL;
        if (nf) pl->fn = nf;
        if (!np || !nf) { fn(p); luaL_error(L, "out of memory"); }
        pl->cap = cap;
    }
    pl->p[pl->n] = p;
    pl->fn[pl->n++] = fn;
    return p;
}

static void *pool_alloc(lua_State *L, Pool *pl, size_t size) {
    return pool_own(L, pl, malloc(size ? size : 1), free);
}

static void unref_column(void *p) { col_unref(p); }
static void free_design(void *p) { svy_design_free(p); }
static void free_groups(void *p) { svy_groups_free(p); }

/* A copy owned by the pool: the spec's string need not stay alive once popped (an
 * __index metamethod may hand out a fresh one). */
static const char *opt_string(lua_State *L, Pool *pl, int t, const char *field) {
    t = lua_absindex(L, t);
    if (lua_getfield(L, t, field) != LUA_TSTRING) {
        lua_pop(L, 1);
        return NULL;
    }
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    char *copy = pool_alloc(L, pl, len + 1);
    memcpy(copy, s, len + 1);
    lua_pop(L, 1);
    return copy;
}

static lua_Integer opt_int(lua_State *L, int t, const char *field, lua_Integer dflt) {
    lua_Integer v = dflt;
    if (lua_getfield(L, t, field) == LUA_TNUMBER) v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

/* The column named by spec field `field` of d, which must exist. what names its role. */
static Column *need_col(lua_State *L, Dataset *d, const char *name, const char *what) {
    Column *c = ds_col(d, name);
    if (!c) luaL_error(L, "%s: unknown column \"%s\"", what, name);
    return c;
}

/* Dense codes for a grouping/design column (text or number); missing -> -1.
 * Codes follow the sorted order of values (text: byte order). Returns count. */
static long column_codes(lua_State *L, Pool *pl, const Column *c, int32_t *codes) {
    size_t n = c->n;
    if (c->type == COL_TEXT) {
        size_t k = c->nlevels;
        int32_t *rank = pool_alloc(L, pl, k * sizeof *rank);
        if (col_level_ranks(c, rank) != 0) return luaL_error(L, "not enough memory");
        for (size_t i = 0; i < n; i++) codes[i] = c->codes[i] >= 0 ? rank[c->codes[i]] : -1;
        return (long)k;
    }
    const double *x = c->num;   /* NaN = missing; user-missing codes need a copy */
    if (col_has_user_missing(c)) {
        double *v = pool_alloc(L, pl, n * sizeof *v);
        for (size_t i = 0; i < n; i++) v[i] = col_num_valid(c, i) ? c->num[i] : NAN;
        x = v;
    }
    double *levels = NULL;
    long k = svy_codes_double(x, n, codes, &levels);
    free(levels);
    if (k < 0) luaL_error(L, "out of memory");
    return k;
}

/* ---- scales ------------------------------------------------------------ */

/* A scale spec (table at index t) resolved against d. */
typedef struct {
    const char *name;
    SvyScale s;
    const char **item_names;
} ScaleSpec;

/* Whether label (trimmed, ASCII case folded) is one of the strings in the list at index t. */
static int label_is_missing(lua_State *L, int t, const char *label) {
    if (!t || !label) return 0;
    char buf[128];
    while (*label == ' ') label++;
    size_t len = strlen(label);
    while (len && label[len - 1] == ' ') len--;
    if (len >= sizeof buf) return 0;
    for (size_t i = 0; i < len; i++) {
        char ch = label[i];
        buf[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    buf[len] = 0;
    size_t k = lua_rawlen(L, t);
    for (size_t i = 1; i <= k; i++) {
        lua_rawgeti(L, t, (lua_Integer)i);
        const char *m = lua_tostring(L, -1);
        int eq = m && strcmp(m, buf) == 0;
        lua_pop(L, 1);
        if (eq) return 1;
    }
    return 0;
}

static void read_scale(lua_State *L, Pool *pl, Dataset *d, int t, ScaleSpec *sp) {
    t = lua_absindex(L, t);
    sp->name = opt_string(L, pl, t, "name");
    if (!sp->name) luaL_error(L, "scale without a name");
    lua_Integer points = opt_int(L, t, "points", 5);
    if (points < 2 || points > SVY_MAX_POINTS)
        luaL_error(L, "scale \"%s\": points must be a whole number from 2 to %d, found %d", sp->name,
                   SVY_MAX_POINTS, (int)points);
    sp->s.points = (int)points;
    sp->s.min_valid = (int)opt_int(L, t, "min_valid", 1);
    if (lua_getfield(L, t, "items") != LUA_TTABLE)
        luaL_error(L, "scale \"%s\": items must be a list of column names", sp->name);
    int itemst = lua_gettop(L);
    size_t k = lua_rawlen(L, itemst);
    if (k == 0) luaL_error(L, "scale \"%s\": no items", sp->name);
    sp->s.nitems = k;
    const double **items = pool_alloc(L, pl, k * sizeof *items);
    unsigned char *rev = pool_alloc(L, pl, k);
    SvyMissing *miss = pool_alloc(L, pl, k * sizeof *miss);
    sp->item_names = pool_alloc(L, pl, k * sizeof *sp->item_names);
    /* scale-level missing codes */
    size_t nsm = 0;
    double *smiss = NULL;
    if (lua_getfield(L, t, "missing") == LUA_TTABLE) {
        nsm = lua_rawlen(L, -1);
        smiss = pool_alloc(L, pl, nsm * sizeof *smiss);
        for (size_t j = 0; j < nsm; j++) {
            lua_rawgeti(L, -1, (lua_Integer)j + 1);
            if (!lua_isnumber(L, -1))
                luaL_error(L, "scale \"%s\": missing codes must be numbers", sp->name);
            smiss[j] = lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    lua_getfield(L, t, "missing_labels");  /* list of lower-case labels that mean missing */
    int mlab = lua_istable(L, -1) ? lua_gettop(L) : 0;
    lua_getfield(L, t, "reversed_set");  /* {item = true} built by the Lua side */
    int revset = lua_gettop(L);
    for (size_t j = 0; j < k; j++) {
        lua_rawgeti(L, itemst, (lua_Integer)j + 1);
        const char *iname = lua_tostring(L, -1);
        if (!iname) luaL_error(L, "scale \"%s\": item %d is not a column name", sp->name, (int)j + 1);
        Column *c = ds_col(d, iname);
        if (!c) luaL_error(L, "scale \"%s\": unknown item column \"%s\"", sp->name, iname);
        if (c->type != COL_NUM)
            luaL_error(L, "scale \"%s\": item \"%s\" is a text column, expected numeric answer codes",
                       sp->name, iname);
        sp->item_names[j] = c->name;
        items[j] = c->num;
        rev[j] = 0;
        if (lua_istable(L, revset)) {
            lua_getfield(L, revset, iname);
            rev[j] = (unsigned char)lua_toboolean(L, -1);
            lua_pop(L, 1);
        }
        size_t nc = nsm + c->nmissing + c->nvlabels;
        double *codes = pool_alloc(L, pl, nc * sizeof *codes);
        if (nsm) memcpy(codes, smiss, nsm * sizeof *codes);
        if (c->nmissing) memcpy(codes + nsm, c->missing, c->nmissing * sizeof *codes);
        nc = nsm + c->nmissing;
        /* value labels such as 'weet niet' or 'n.v.t.' mark missing answers (Bijlage A) */
        for (size_t v = 0; v < c->nvlabels; v++)
            if (label_is_missing(L, mlab, c->vlabels[v].label)) codes[nc++] = c->vlabels[v].value;
        miss[j].codes = codes;
        miss[j].ncodes = nc;
        miss[j].has_range = c->has_missing_range;
        miss[j].lo = c->missing_lo;
        miss[j].hi = c->missing_hi;
        lua_pop(L, 1);
    }
    lua_pop(L, 3);
    sp->s.items = items;
    sp->s.reversed = rev;
    sp->s.missing = miss;
}

static void bad_value(lua_State *L, const ScaleSpec *sp, const SvyBad *bad) {
    char v[64];
    snprintf(v, sizeof v, "%.15g", bad->value);
    luaL_error(L, "scale \"%s\": item \"%s\" has value %s in row %d, expected 1..%d or a missing code",
               sp->name, sp->item_names[bad->item], v, (int)bad->row + 1, sp->s.points);
}

/* Scores of one scale; Lua errors for bad values. */
static void run_scores(lua_State *L, const ScaleSpec *sp, size_t n, double *score, double **comp) {
    SvyBad bad;
    int rc = svy_scores(&sp->s, n, score, comp, &bad);
    if (rc == -1) bad_value(L, sp, &bad);
    if (rc < 0) luaL_error(L, "out of memory");
}

/* _scores(d, specs): d's columns (shared) plus one score column per scale spec. */
static int l_scores(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    Pool *pl = pool_new(L);
    size_t n = d->nrows, ns = lua_rawlen(L, 2);
    Dataset *out = ds_copy_shallow(d);
    if (!out) return pl_nomem(L);
    /* out is not yet owned by Lua: push it first so errors free it */
    pl_pushdataset_from(L, out, 1);
    for (size_t j = 0; j < ns; j++) {
        lua_rawgeti(L, 2, (lua_Integer)j + 1);
        ScaleSpec sp;
        memset(&sp, 0, sizeof sp);
        read_scale(L, pl, d, -1, &sp);
        Column *c = pool_own(L, pl, col_new_num(sp.name, n), unref_column);
        run_scores(L, &sp, n, c->num, NULL);
        const char *label = opt_string(L, pl, -1, "label");
        if (label && *label) col_set_label(c, label);
        if (ds_set_col(out, col_ref(c)) < 0) { col_unref(c); return pl_nomem(L); }  /* out holds one ref */
        lua_pop(L, 1);
    }
    return 1;
}

/* ---- groups ------------------------------------------------------------- */

/* A column from {name = "x", values = {...}} (a grouping computed in Lua): text
 * when the values are strings, numbers otherwise; nil = missing. */
static Column *values_column(lua_State *L, Pool *pl, int t, size_t n) {
    lua_getfield(L, t, "name");
    const char *name = lua_tostring(L, -1);
    if (!name) luaL_error(L, "by: a computed grouping needs a name");
    lua_getfield(L, t, "values");
    int vt = lua_gettop(L);
    if (!lua_istable(L, vt)) luaL_error(L, "by: grouping \"%s\" has no values", name);
    int text = -1;
    for (size_t i = 0; i < n && text < 0; i++) {
        int ty = lua_rawgeti(L, vt, (lua_Integer)i + 1);
        if (ty == LUA_TSTRING) text = 1;
        else if (ty == LUA_TNUMBER) text = 0;
        lua_pop(L, 1);
    }
    Column *c = text == 1 ? col_new_text(name, n) : col_new_num(name, n);
    pool_own(L, pl, c, unref_column);
    for (size_t i = 0; i < n; i++) {
        int ty = lua_rawgeti(L, vt, (lua_Integer)i + 1);
        if (ty != LUA_TNIL) {
            if (text == 1 && ty == LUA_TSTRING) {
                size_t len;
                const char *s = lua_tolstring(L, -1, &len);
                int32_t code = col_level(c, s, len);
                if (code < 0) luaL_error(L, "out of memory");
                c->codes[i] = code;
            } else if (text == 0 && ty == LUA_TNUMBER) {
                c->num[i] = lua_tonumber(L, -1);
            } else {
                luaL_error(L, "grouping \"%s\": row %d gives a %s, the other rows %s", name, (int)i + 1,
                           luaL_typename(L, -1), text == 1 ? "strings" : "numbers");
            }
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return c;
}

/* Group codes from the by-columns (names in the table at index t). Groups are
 * ordered by the columns' sorted values; rows with a missing by-value are in no
 * group. Fills *rep with the first row of each group. */
static long make_groups(lua_State *L, Pool *pl, Dataset *d, int t, int32_t *group, size_t **rep,
                        const Column ***bycols, size_t *nby) {
    size_t n = d->nrows, k = t ? lua_rawlen(L, t) : 0;
    *nby = k;
    *bycols = pool_alloc(L, pl, k * sizeof **bycols);
    /* The combined key of the by-codes (first column most significant) is built in
     * group[] while it fits 31 bits, in 64 bits beyond that. */
    int32_t *codes = k > 1 ? pool_alloc(L, pl, n * sizeof *codes) : NULL;
    int64_t *key = NULL;
    double radix = 1;   /* distinct combined keys so far */
    if (k == 0)   /* no by-columns: one group of all rows */
        for (size_t i = 0; i < n; i++) group[i] = 0;
    for (size_t j = 0; j < k; j++) {
        lua_rawgeti(L, t, (lua_Integer)j + 1);
        Column *c;
        if (lua_istable(L, -1)) {
            c = values_column(L, pl, lua_gettop(L), n);
        } else {
            const char *name = lua_tostring(L, -1);
            if (!name) luaL_error(L, "by: entry %d is not a column name", (int)j + 1);
            c = need_col(L, d, name, "by");
        }
        lua_pop(L, 1);
        (*bycols)[j] = c;
        if (j == 0) {
            radix = (double)column_codes(L, pl, c, group);
            continue;
        }
        long nl = column_codes(L, pl, c, codes);
        if (nl < 1) nl = 1;
        radix *= (double)nl;
        if (radix > 4e18) luaL_error(L, "by: too many combinations of groups");
        if (!key && radix > 2147483647.0) {
            key = pool_alloc(L, pl, n * sizeof *key);
            for (size_t i = 0; i < n; i++) key[i] = group[i];
        }
        if (key) {
            for (size_t i = 0; i < n; i++)
                key[i] = key[i] < 0 || codes[i] < 0 ? -1 : key[i] * nl + codes[i];
        } else {
            for (size_t i = 0; i < n; i++)
                group[i] = group[i] < 0 || codes[i] < 0 ? -1 : group[i] * (int32_t)nl + codes[i];
        }
    }
    long ng = key ? svy_codes_key(key, n, group) : svy_codes_int32(group, n);
    if (ng < 0) luaL_error(L, "out of memory");
    *rep = pool_alloc(L, pl, (size_t)ng * sizeof **rep);
    for (long g = 0; g < ng; g++) (*rep)[g] = (size_t)-1;
    for (size_t i = n; i-- > 0;)
        if (group[i] >= 0) (*rep)[group[i]] = i;
    return ng;
}

/* Pushes {name = {values per group}, ...} for the by-columns. */
static void push_keys(lua_State *L, const Column **bycols, size_t nby, const size_t *rep, long ng) {
    lua_createtable(L, (int)nby, 0);
    for (size_t j = 0; j < nby; j++) {
        lua_createtable(L, (int)ng, 0);
        for (long g = 0; g < ng; g++) {
            pl_pushcell(L, bycols[j], rep[g]);
            lua_rawseti(L, -2, g + 1);
        }
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
}

/* _groups(d, by) -> keys, rows: keys[j][g] the value of by-column j in group g,
 * rows[g] the list of row numbers in group g. */
static int l_groups(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    int t = lua_istable(L, 2) ? 2 : 0;
    Pool *pl = pool_new(L);
    size_t n = d->nrows, *rep, nby;
    const Column **bycols;
    int32_t *group = pool_alloc(L, pl, n * sizeof *group);
    long ng = make_groups(L, pl, d, t, group, &rep, &bycols, &nby);
    push_keys(L, bycols, nby, rep, ng);
    size_t *count = pool_alloc(L, pl, (size_t)ng * sizeof *count);
    memset(count, 0, (size_t)ng * sizeof *count);
    for (size_t i = 0; i < n; i++) if (group[i] >= 0) count[group[i]]++;
    lua_createtable(L, (int)ng, 0);
    int rows = lua_gettop(L);
    for (long g = 0; g < ng; g++) {
        lua_createtable(L, (int)count[g], 0);
        lua_rawseti(L, rows, g + 1);
        count[g] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (group[i] < 0) continue;
        lua_rawgeti(L, rows, group[i] + 1);
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_rawseti(L, -2, (lua_Integer)++count[group[i]]);
        lua_pop(L, 1);
    }
    return 2;
}

/* ---- estimate ------------------------------------------------------------ */

static SvyLonely lonely_option(lua_State *L, const char *s) {
    static const char *names[] = {"adjust", "average", "certainty", "remove", "fail", NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0) return (SvyLonely)i;
    luaL_error(L, "lonely_psu: expected \"adjust\", \"average\", \"certainty\", \"remove\" or \"fail\", found \"%s\"", s);
    return SVY_LONELY_ADJUST;
}

/* Design column codes, with an error naming the column at its first missing value. */
static int32_t *design_codes(lua_State *L, Pool *pl, Dataset *d, const char *name, const char *what) {
    Column *c = need_col(L, d, name, what);
    int32_t *codes = pool_alloc(L, pl, d->nrows * sizeof *codes);
    column_codes(L, pl, c, codes);
    for (size_t i = 0; i < d->nrows; i++)
        if (codes[i] < 0)
            luaL_error(L, "%s column \"%s\" has a missing value in row %d", what, name, (int)i + 1);
    return codes;
}

/* Names of the codes of a design column (for messages): names[code]. */
static const char **code_names(lua_State *L, Pool *pl, Dataset *d, const char *name, const int32_t *codes) {
    Column *c = ds_col(d, name);
    int32_t k = -1;
    for (size_t i = 0; i < d->nrows; i++) if (codes[i] > k) k = codes[i];
    const char **names = pool_alloc(L, pl, (size_t)(k + 1) * sizeof *names);
    for (int32_t j = 0; j <= k; j++) names[j] = NULL;
    for (size_t i = 0; i < d->nrows; i++) {
        if (names[codes[i]]) continue;
        if (c->type == COL_TEXT) {
            names[codes[i]] = c->levels[c->codes[i]];
        } else {
            char *b = pool_alloc(L, pl, 32);
            snprintf(b, 32, "%.15g", c->num[i]);
            names[codes[i]] = b;
        }
    }
    return names;
}

static double *design_numbers(lua_State *L, Pool *pl, Dataset *d, const char *name, const char *what) {
    Column *c = need_col(L, d, name, what);
    if (c->type != COL_NUM) luaL_error(L, "%s column \"%s\" is text, expected numbers", what, name);
    double *x = pool_alloc(L, pl, d->nrows * sizeof *x);
    for (size_t i = 0; i < d->nrows; i++) {
        if (!col_num_valid(c, i))
            luaL_error(L, "%s column \"%s\" has a missing value in row %d", what, name, (int)i + 1);
        x[i] = c->num[i];
        if (strcmp(what, "weight") == 0 && !(x[i] >= 0 && !isinf(x[i])))
            luaL_error(L, "weight column \"%s\" has a negative or infinite value in row %d",
                       name, (int)i + 1);
    }
    return x;
}

static void push_array(lua_State *L, const SvyEst *e, long ng, size_t off) {
    lua_createtable(L, (int)ng, 0);
    for (long g = 0; g < ng; g++) {
        lua_pushnumber(L, *(const double *)((const char *)&e[g] + off));
        lua_rawseti(L, -2, g + 1);
    }
}

/* _estimate(d, spec): spec = { by = {names}, weight, cluster, strata, fpc, lonely,
 * vars = { {name, column = "x"} | {name, items, reversed_set, points, missing,
 * min_valid, mode = "person"|"items"} } }. Returns { keys, degf, npsu, nstrata,
 * results = { {n, n_w, mean, sd, se} per var } }. */
static int l_estimate(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    Pool *pl = pool_new(L);
    size_t n = d->nrows;
    char err[256];
    /* design */
    const char *wname = opt_string(L, pl, 2, "weight");
    const char *cname = opt_string(L, pl, 2, "cluster");
    const char *sname = opt_string(L, pl, 2, "strata");
    const char *fname = opt_string(L, pl, 2, "fpc");
    const char *lname = opt_string(L, pl, 2, "lonely");
    double *w = wname ? design_numbers(L, pl, d, wname, "weight") : NULL;
    int32_t *cl = cname ? design_codes(L, pl, d, cname, "cluster") : NULL;
    int32_t *st = sname ? design_codes(L, pl, d, sname, "strata") : NULL;
    double *fpc = fname ? design_numbers(L, pl, d, fname, "fpc") : NULL;
    SvyLonely lonely = lname ? lonely_option(L, lname) : SVY_LONELY_ADJUST;
    const char **snames = st ? code_names(L, pl, d, sname, st) : NULL;
    SvyDesign *des = svy_design_new(n, w, cl, st, fpc, lonely, snames, err, sizeof err);
    if (!des) return luaL_error(L, "design: %s", err);
    pool_own(L, pl, des, free_design);
    /* groups */
    lua_getfield(L, 2, "by");
    int byt = lua_istable(L, -1) ? lua_gettop(L) : 0;
    int32_t *group = pool_alloc(L, pl, n * sizeof *group);
    size_t *rep, nby;
    const Column **bycols;
    long ng = make_groups(L, pl, d, byt, group, &rep, &bycols, &nby);
    SvyGroups *grp = pool_own(L, pl, svy_groups_new(des, group, (size_t)ng), free_groups);

    lua_newtable(L);
    int res = lua_gettop(L);
    push_keys(L, bycols, nby, rep, ng);
    lua_setfield(L, res, "keys");
    lua_pushnumber(L, des->degf);
    lua_setfield(L, res, "degf");
    lua_pushinteger(L, (lua_Integer)des->npsu);
    lua_setfield(L, res, "npsu");
    lua_pushinteger(L, (lua_Integer)des->nstrata);
    lua_setfield(L, res, "nstrata");
    lua_pushinteger(L, ng);
    lua_setfield(L, res, "ngroups");

    lua_Integer threads = opt_int(L, 2, "threads", 0);
    if (threads < 0 || threads > 8) luaL_error(L, "threads: expected 1 to 8, or 0 for the machine's cores");
    lua_getfield(L, 2, "vars");
    int vars = lua_gettop(L);
    size_t nv = lua_istable(L, vars) ? lua_rawlen(L, vars) : 0;
    /* every variable resolved here (Lua), then computed on the worker threads (C) */
    EstJob *jobs = pool_alloc(L, pl, nv * sizeof *jobs);
    ScaleSpec *specs = pool_alloc(L, pl, nv * sizeof *specs);
    memset(jobs, 0, nv * sizeof *jobs);
    memset(specs, 0, nv * sizeof *specs);
    for (size_t v = 0; v < nv; v++) {
        lua_rawgeti(L, vars, (lua_Integer)v + 1);
        int vt = lua_gettop(L);
        const char *colname = opt_string(L, pl, vt, "column");
        jobs[v].est = pool_alloc(L, pl, (size_t)ng * sizeof *jobs[v].est);
        if (colname) {
            Column *c = need_col(L, d, colname, "estimate");
            if (c->type != COL_NUM) luaL_error(L, "estimate: column \"%s\" is text, expected numbers", colname);
            if (col_has_user_missing(c)) jobs[v].column = c;
            else jobs[v].values = c->num;   /* NaN = missing already: no copy */
        } else {
            read_scale(L, pl, d, vt, &specs[v]);
            const char *mode = opt_string(L, pl, vt, "mode");
            jobs[v].scale = &specs[v].s;
            jobs[v].items = mode && strcmp(mode, "items") == 0;
        }
        lua_settop(L, vars);
    }
    if (est_run(des, grp, jobs, nv, threads ? (int)threads : est_auto_threads(n, nv)) > 0) {
        for (size_t v = 0; v < nv; v++) {   /* the first failure in the order given */
            if (jobs[v].rc == EST_BAD_VALUE) bad_value(L, &specs[v], &jobs[v].bad);
            if (jobs[v].rc != 0) luaL_error(L, "%s", jobs[v].err);
        }
    }
    /* weights made by poststratify()/rake(): residualise as R's svyrecvar (src/calib.h).
     * Looked up only now: the spec's fields above may run Lua code (metamethods). */
    const Calibration *cal = wname ? pl_calibration(L, 1, wname, w, n) : NULL;
    lua_pushboolean(L, cal != NULL);
    lua_setfield(L, res, "calibrated");
    if (cal) {
        /* calibrated weights: the variance from the residualised influence, group by group */
        double *xrow = pool_alloc(L, pl, n * sizeof *xrow);
        double *y = pool_alloc(L, pl, n * sizeof *y);
        for (size_t v = 0; v < nv; v++) {
            EstJob *job = &jobs[v];
            SvyEst *est = job->est;
            size_t ncomp = job->items ? job->scale->nitems : 0;
            double **comp = pool_alloc(L, pl, ncomp * sizeof *comp);
            for (size_t k = 0; k < ncomp; k++) comp[k] = pool_alloc(L, pl, n * sizeof **comp);
            const double *yv = job->values;
            if (!yv) {
                SvyBad bad;   /* none: est_run has checked every value */
                if (est_values(job, n, y, comp, &bad) != 0) luaL_error(L, "out of memory");
                yv = y;
            }
            for (long gr = 0; gr < ng; gr++) {
                svy_domain_influence(des, grp, yv, ncomp, (const double *const *)comp, (int32_t)gr, xrow);
                if (calib_residualize(cal, xrow, n, 1) < 0) luaL_error(L, "out of memory");
                if (svy_rows_var(des, xrow, &est[gr].var, err, sizeof err) < 0) luaL_error(L, "%s", err);
                if (est[gr].mean != est[gr].mean) est[gr].var = NAN;
                est[gr].se = sqrt(est[gr].var);
            }
        }
    }
    lua_createtable(L, (int)nv, 0);
    int results = lua_gettop(L);
    for (size_t v = 0; v < nv; v++) {
        const SvyEst *est = jobs[v].est;
        lua_createtable(L, 0, 5);
        push_array(L, est, ng, offsetof(SvyEst, n)); lua_setfield(L, -2, "n");
        push_array(L, est, ng, offsetof(SvyEst, n_w)); lua_setfield(L, -2, "n_w");
        push_array(L, est, ng, offsetof(SvyEst, mean)); lua_setfield(L, -2, "mean");
        push_array(L, est, ng, offsetof(SvyEst, sd)); lua_setfield(L, -2, "sd");
        push_array(L, est, ng, offsetof(SvyEst, se)); lua_setfield(L, -2, "se");
        lua_rawseti(L, results, (lua_Integer)v + 1);
    }
    lua_setfield(L, res, "results");
    lua_settop(L, res);
    return 1;
}

static const pl_Func estimate_funcs[] = {
    {"_scores", l_scores, NULL},
    {"_estimate", l_estimate, NULL},
    {"_groups", l_groups, NULL},
    {NULL, NULL, NULL}
};

int passend_open_estimate(lua_State *L) {
    pl_register(L, estimate_funcs);
    return 0;
}
