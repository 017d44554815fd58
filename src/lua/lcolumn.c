/* lcolumn.c: column objects (d.q1): statistics, frequencies, and column-wise
 * arithmetic/comparison computed in C for d:derive("s", d.q1 + d.q2).
 * In arithmetic, system-missing (NaN) and user-missing codes both give NaN. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lpassend.h"
#include "lua/ldataset.h"
#include "lua/lcheck.h"
#include "kernel/order.h"

typedef struct {
    Column *c;
} LColumn;

Column *pl_testcolumn(lua_State *L, int i) {
    LColumn *u = luaL_testudata(L, i, PL_COLUMN_MT);
    return u ? u->c : NULL;
}

Column *pl_checkcolumn(lua_State *L, int i) {
    LColumn *u = luaL_testudata(L, i, PL_COLUMN_MT);
    if (!u) luaL_typeerror(L, i, "column");
    if (!u->c) luaL_argerror(L, i, "column has been freed");
    return u->c;
}

static int new_box(lua_State *L) {
    LColumn *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->c = NULL;
    luaL_setmetatable(L, PL_COLUMN_MT);
    return 1;
}

/* Pushes a column object holding the reference ref: the box is made in protected
 * mode, so when even that fails (out of memory) the reference is dropped, not leaked. */
static void push_owning(lua_State *L, Column *ref) {
    lua_pushcfunction(L, new_box);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
        col_unref(ref);
        lua_error(L);
    }
    ((LColumn *)lua_touserdata(L, -1))->c = ref;
}

void pl_pushcolumn(lua_State *L, Column *c) {
    push_owning(L, col_ref(c));
}

void pl_pushnewcolumn(lua_State *L, Column *c) {
    if (!c) pl_nomem(L);
    push_owning(L, c);
}

static int c_gc(lua_State *L) {
    LColumn *u = luaL_checkudata(L, 1, PL_COLUMN_MT);
    col_unref(u->c);
    u->c = NULL;
    return 0;
}

static int c_len(lua_State *L) {
    lua_pushinteger(L, (lua_Integer)pl_checkcolumn(L, 1)->n);
    return 1;
}

static int c_index(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    if (lua_isinteger(L, 2)) {
        lua_Integer i = lua_tointeger(L, 2);
        if (i < 1 || (size_t)i > c->n) return 0;
        pl_pushcell(L, c, (size_t)(i - 1));
        return 1;
    }
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    return 1;
}

static int c_tostring(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    size_t valid = 0;
    for (size_t i = 0; i < c->n; i++)
        valid += c->type == COL_NUM ? (size_t)col_num_valid(c, i) : (size_t)(c->codes[i] >= 0);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_pushfstring(L, "column \"%s\" (%s): %d rows, %d valid", c->name,
                    c->type == COL_NUM ? "number" : "text", (int)c->n, (int)valid);
    luaL_addvalue(&b);
    /* the first values, as a reminder of what is in it */
    for (size_t i = 0; i < c->n && i < 8; i++) {
        luaL_addstring(&b, i ? ", " : ": ");
        if (c->type == COL_TEXT) {
            const char *t = col_text(c, i);
            if (t) lua_pushfstring(L, "\"%s\"", t); else lua_pushliteral(L, "NA");
        } else {
            pl_pushcell(L, c, i);
            if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushliteral(L, "NA"); }
            else luaL_tolstring(L, -1, NULL), lua_remove(L, -2);
        }
        luaL_addvalue(&b);
    }
    if (c->n > 8) luaL_addstring(&b, ", ...");
    luaL_pushresult(&b);
    return 1;
}

static Column *check_numcol(lua_State *L, int i, const char *what);

/* :labels() a text column with each code's value label (the number where none). */
static int c_labels(lua_State *L) {
    Column *c = check_numcol(L, 1, "labels");
    Column *r = col_new_text(c->name, c->n);
    if (!r) return pl_nomem(L);
    pl_pushnewcolumn(L, r);
    if (col_set_label(r, c->label) != 0) return pl_nomem(L);
    char buf[64];
    for (size_t i = 0; i < c->n; i++) {
        double v = c->num[i];
        if (v != v) continue;
        const char *lab = col_value_label(c, v);
        if (!lab) {
            if (v == floor(v) && fabs(v) < 1e15) snprintf(buf, sizeof buf, "%.0f", v);
            else snprintf(buf, sizeof buf, "%.15g", v);
            lab = buf;
        }
        int32_t k = col_level(r, lab, strlen(lab));
        if (k < 0) return pl_nomem(L);
        r->codes[i] = k;
    }
    return 1;
}

static int c_name(lua_State *L) {
    lua_pushstring(L, pl_checkcolumn(L, 1)->name);
    return 1;
}

static int c_type(lua_State *L) {
    lua_pushstring(L, pl_checkcolumn(L, 1)->type == COL_NUM ? "number" : "text");
    return 1;
}

static int c_label(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    if (c->label) lua_pushstring(L, c->label); else lua_pushnil(L);
    return 1;
}

static int c_values(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    lua_createtable(L, (int)c->n, 0);
    for (size_t i = 0; i < c->n; i++) {
        pl_pushcell(L, c, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static Column *check_numcol(lua_State *L, int i, const char *what) {
    Column *c = pl_checkcolumn(L, i);
    if (c->type != COL_NUM) luaL_error(L, "%s: column \"%s\" is text, expected numbers", what, c->name);
    return c;
}

/* Valid values only (not system- or user-missing). */
typedef struct { size_t n; double sum, min, max, m2; } Moments;

static Moments moments(const Column *c) {
    Moments m = { 0, 0, INFINITY, -INFINITY, 0 };
    double mean = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!col_num_valid(c, i)) continue;
        double v = c->num[i];
        m.n++;
        m.sum += v;
        if (v < m.min) m.min = v;
        if (v > m.max) m.max = v;
        double delta = v - mean;  /* Welford */
        mean += delta / (double)m.n;
        m.m2 += delta * (v - mean);
    }
    return m;
}

static int c_mean(lua_State *L) {
    Moments m = moments(check_numcol(L, 1, "mean"));
    if (m.n) lua_pushnumber(L, m.sum / (double)m.n); else lua_pushnil(L);
    return 1;
}

static int c_sum(lua_State *L) {
    lua_pushnumber(L, moments(check_numcol(L, 1, "sum")).sum);
    return 1;
}

static int c_min(lua_State *L) {
    Moments m = moments(check_numcol(L, 1, "min"));
    if (m.n) lua_pushnumber(L, m.min); else lua_pushnil(L);
    return 1;
}

static int c_max(lua_State *L) {
    Moments m = moments(check_numcol(L, 1, "max"));
    if (m.n) lua_pushnumber(L, m.max); else lua_pushnil(L);
    return 1;
}

static int c_sd(lua_State *L) {
    Moments m = moments(check_numcol(L, 1, "sd"));
    if (m.n > 1) lua_pushnumber(L, sqrt(m.m2 / (double)(m.n - 1))); else lua_pushnil(L);
    return 1;
}

/* :count() valid values; :nmissing() system- plus user-missing. */
static int c_count(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        k += c->type == COL_NUM ? (size_t)col_num_valid(c, i) : (size_t)(c->codes[i] >= 0);
    lua_pushinteger(L, (lua_Integer)k);
    return 1;
}

static int c_nmissing(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        k += c->type == COL_NUM ? (size_t)!col_num_valid(c, i) : (size_t)(c->codes[i] < 0);
    lua_pushinteger(L, (lua_Integer)k);
    return 1;
}

/* --- frequencies ---------------------------------------------------------- */

static int cmp_dbl(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}


/* Builds the freq dataset: value, label, n, percent, valid_percent, missing. */
static int c_freq(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    size_t total = c->n, nvalid = 0, nsys = 0, k = 0;
    double *vals = NULL;
    size_t *counts = NULL;
    int32_t *order = NULL;
    if (c->type == COL_NUM) {
        double *sorted = malloc((c->n ? c->n : 1) * sizeof *sorted);
        if (!sorted) return pl_nomem(L);
        size_t m = 0;
        for (size_t i = 0; i < c->n; i++) {
            if (c->num[i] != c->num[i]) nsys++;
            else sorted[m++] = c->num[i];
        }
        qsort(sorted, m, sizeof *sorted, cmp_dbl);
        vals = malloc((m ? m : 1) * sizeof *vals);
        counts = malloc((m ? m : 1) * sizeof *counts);
        if (!vals || !counts) { free(sorted); free(vals); free(counts); return pl_nomem(L); }
        for (size_t i = 0; i < m; i++) {
            if (k && vals[k - 1] == sorted[i]) counts[k - 1]++;
            else { vals[k] = sorted[i]; counts[k++] = 1; }
            if (!col_is_user_missing(c, sorted[i])) nvalid++;
        }
        free(sorted);
    } else {
        counts = calloc(c->nlevels ? c->nlevels : 1, sizeof *counts);
        order = malloc((c->nlevels ? c->nlevels : 1) * sizeof *order);
        if (!counts || !order) { free(counts); free(order); return pl_nomem(L); }
        for (size_t i = 0; i < c->n; i++) {
            if (c->codes[i] < 0) nsys++;
            else { counts[c->codes[i]]++; nvalid++; }
        }
        /* the levels with a count, in byte order: by rank, through the inverse permutation */
        int32_t *rank = malloc((c->nlevels ? c->nlevels : 1) * sizeof *rank);
        if (!rank || col_level_ranks(c, rank) != 0) { free(rank); free(counts); free(order); return pl_nomem(L); }
        for (size_t i = 0; i < c->nlevels; i++) order[rank[i]] = (int32_t)i;
        for (size_t r = 0; r < c->nlevels; r++)
            if (counts[order[r]]) order[k++] = order[r];
        free(rank);
    }
    size_t rows = k + (nsys ? 1 : 0);
    Dataset *d = ds_new(rows);
    Column *cv = c->type == COL_NUM ? col_new_num("value", rows) : col_new_text("value", rows);
    Column *cl = col_new_text("label", rows), *cn = col_new_num("n", rows);
    Column *cp = col_new_num("percent", rows), *cvp = col_new_num("valid_percent", rows);
    Column *cm = col_new_text("missing", rows);
    int ok = d && cv && cl && cn && cp && cvp && cm;
    for (size_t i = 0; ok && i < k; i++) {
        size_t cnt;
        int user = 0;
        const char *lab = NULL;
        if (c->type == COL_NUM) {
            cv->num[i] = vals[i];
            cnt = counts[i];
            user = col_is_user_missing(c, vals[i]);
            lab = col_value_label(c, vals[i]);
        } else {
            const char *s = c->levels[order[i]];
            cv->codes[i] = col_level(cv, s, strlen(s));
            cnt = counts[order[i]];
            ok = cv->codes[i] >= 0;
        }
        cl->codes[i] = col_level(cl, lab ? lab : "", lab ? strlen(lab) : 0);
        cn->num[i] = (double)cnt;
        cp->num[i] = 100.0 * (double)cnt / (double)total;
        cvp->num[i] = user ? NAN : 100.0 * (double)cnt / (double)nvalid;
        cm->codes[i] = col_level(cm, user ? "user" : "", user ? 4 : 0);
        ok = ok && cl->codes[i] >= 0 && cm->codes[i] >= 0;
    }
    if (ok && nsys) {
        cl->codes[k] = col_level(cl, "", 0);
        cn->num[k] = (double)nsys;
        cp->num[k] = 100.0 * (double)nsys / (double)total;
        cm->codes[k] = col_level(cm, "system", 6);
        ok = cl->codes[k] >= 0 && cm->codes[k] >= 0;
    }
    free(vals);
    free(counts);
    free(order);
    Column *all[] = { cv, cl, cn, cp, cvp, cm };
    for (int i = 0; i < 6; i++) {
        if (ok && ds_set_col(d, all[i]) == 0) continue;
        ok = 0;
        col_unref(all[i]);
    }
    if (!ok) { ds_free(d); return pl_nomem(L); }
    pl_pushdataset(L, d);
    lua_getiuservalue(L, -1, 1);
    lua_pushliteral(L, "freq");
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, c->name);
    lua_setfield(L, -2, "column");
    if (c->label) {
        lua_pushstring(L, c->label);
        lua_setfield(L, -2, "title");
    }
    lua_pop(L, 1);
    return 1;
}

/* --- column-wise arithmetic ----------------------------------------------- */

/* An operand: a number column (user-missing read as NaN) or a scalar. */
typedef struct {
    const Column *c;
    double x;
} Operand;

static Operand operand(lua_State *L, int i, const char *op) {
    Operand o = { NULL, NAN };
    Column *c = pl_testcolumn(L, i);
    if (c) {
        if (c->type != COL_NUM)
            luaL_error(L, "'%s' on column \"%s\": it is text, expected numbers", op, c->name);
        o.c = c;
    } else if (lua_type(L, i) == LUA_TNUMBER) {
        o.x = lua_tonumber(L, i);
    } else if (lua_isnil(L, i)) {
        o.x = NAN;
    } else {
        luaL_error(L, "'%s': expected a column or a number, found %s", op, luaL_typename(L, i));
    }
    return o;
}

static inline double oval(const Operand *o, size_t i) {
    if (!o->c) return o->x;
    double v = o->c->num[i];
    if (o->c->nmissing || o->c->has_missing_range)
        if (col_is_user_missing(o->c, v)) return NAN;
    return v;
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_POW, OP_IDIV, OP_LT, OP_LE, OP_GT, OP_GE,
       OP_EQ, OP_NE, OP_AND, OP_OR, OP_MIN, OP_MAX };
static const char *const opnames[] = { "+", "-", "*", "/", "%", "^", "//", "lt", "le", "gt", "ge",
                                       "eq", "ne", "&", "|", "min", "max" };

static double apply(int op, double a, double b) {
    if (op == OP_AND) {  /* Kleene logic: false and missing = false */
        if ((a == a && a == 0) || (b == b && b == 0)) return 0;
        return (a != a || b != b) ? NAN : 1;
    }
    if (op == OP_OR) {
        if ((a == a && a != 0) || (b == b && b != 0)) return 1;
        return (a != a || b != b) ? NAN : 0;
    }
    if (a != a || b != b) return NAN;
    switch (op) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    case OP_DIV: return a / b;
    case OP_MOD: return b == 0 ? NAN : a - floor(a / b) * b;
    case OP_POW: return pow(a, b);
    case OP_IDIV: return floor(a / b);
    case OP_LT: return a < b;
    case OP_LE: return a <= b;
    case OP_GT: return a > b;
    case OP_GE: return a >= b;
    case OP_EQ: return a == b;
    case OP_NE: return a != b;
    case OP_MIN: return a < b ? a : b;
    case OP_MAX: return a > b ? a : b;
    }
    return NAN;
}

static int binop(lua_State *L, int op) {
    const char *name = opnames[op];
    Column *tc = pl_testcolumn(L, 1);
    /* text comparisons: column:eq("bao") / :ne */
    if ((op == OP_EQ || op == OP_NE) && tc && tc->type == COL_TEXT) {
        Column *oc = pl_testcolumn(L, 2);
        size_t len = 0;
        const char *s = oc ? NULL : luaL_checklstring(L, 2, &len);
        if (oc && (oc->type != COL_TEXT || oc->n != tc->n))
            luaL_error(L, "'%s': column \"%s\" is text, the other operand must be a text column of the same length",
                       name, tc->name);
        Column *r = col_new_num(name, tc->n);
        if (!r) return pl_nomem(L);
        int32_t code = s ? col_find_level(tc, s, len) : -1;
        for (size_t i = 0; i < tc->n; i++) {
            int32_t k = tc->codes[i];
            if (k < 0) continue;
            int eq;
            if (oc) {
                const char *t = col_text(oc, i);
                if (!t) continue;
                eq = strcmp(tc->levels[k], t) == 0;
            } else {
                eq = k == code;
            }
            r->num[i] = (op == OP_EQ) == eq;
        }
        pl_pushnewcolumn(L, r);
        return 1;
    }
    Operand a = operand(L, 1, name), b = operand(L, 2, name);
    size_t n;
    if (a.c && b.c && a.c->n != b.c->n)
        return luaL_error(L, "'%s': columns \"%s\" and \"%s\" differ in length (%d and %d rows)", name,
                          a.c->name, b.c->name, (int)a.c->n, (int)b.c->n);
    if (!a.c && !b.c) return luaL_error(L, "'%s': expected at least one column", name);
    n = a.c ? a.c->n : b.c->n;
    Column *r = col_new_num(name, n);
    if (!r) return pl_nomem(L);
    for (size_t i = 0; i < n; i++) r->num[i] = apply(op, oval(&a, i), oval(&b, i));
    pl_pushnewcolumn(L, r);
    return 1;
}

#define BINOP(fn, op) static int fn(lua_State *L) { return binop(L, op); }
BINOP(c_add, OP_ADD) BINOP(c_sub, OP_SUB) BINOP(c_mul, OP_MUL) BINOP(c_div, OP_DIV)
BINOP(c_mod, OP_MOD) BINOP(c_pow, OP_POW) BINOP(c_idiv, OP_IDIV) BINOP(c_lt, OP_LT)
BINOP(c_le, OP_LE) BINOP(c_gt, OP_GT) BINOP(c_ge, OP_GE) BINOP(c_eq, OP_EQ) BINOP(c_ne, OP_NE)
BINOP(c_and, OP_AND) BINOP(c_or, OP_OR) BINOP(c_pmin, OP_MIN) BINOP(c_pmax, OP_MAX)

static int c_unm(lua_State *L) {
    Column *c = check_numcol(L, 1, "-");
    Operand a = { c, NAN };
    Column *r = col_new_num("-", c->n);
    if (!r) return pl_nomem(L);
    for (size_t i = 0; i < c->n; i++) r->num[i] = -oval(&a, i);
    pl_pushnewcolumn(L, r);
    return 1;
}

/* ~c: 1 where c is 0, 0 where it is not, missing stays missing. */
static int c_not(lua_State *L) {
    Column *c = check_numcol(L, 1, "~");
    Operand a = { c, NAN };
    Column *r = col_new_num("~", c->n);
    if (!r) return pl_nomem(L);
    for (size_t i = 0; i < c->n; i++) {
        double v = oval(&a, i);
        r->num[i] = v != v ? NAN : (v == 0);
    }
    pl_pushnewcolumn(L, r);
    return 1;
}

/* :ismissing() 1 where system- or user-missing, else 0 (never missing itself). */
static int c_ismissing(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    Column *r = col_new_num("ismissing", c->n);
    if (!r) return pl_nomem(L);
    for (size_t i = 0; i < c->n; i++)
        r->num[i] = c->type == COL_NUM ? !col_num_valid(c, i) : c->codes[i] < 0;
    pl_pushnewcolumn(L, r);
    return 1;
}

/* :fill(x) missing values replaced by x (numbers only). */
static int c_fill(lua_State *L) {
    Column *c = check_numcol(L, 1, "fill");
    double x = luaL_checknumber(L, 2);
    Operand a = { c, NAN };
    Column *r = col_new_num(c->name, c->n);
    if (!r) return pl_nomem(L);
    for (size_t i = 0; i < c->n; i++) {
        double v = oval(&a, i);
        r->num[i] = v != v ? x : v;
    }
    pl_pushnewcolumn(L, r);
    return 1;
}

/* --- summary for describe() ---------------------------------------------- */

typedef struct { double v; size_t n; } DCount;

static int cmp_count_desc(const void *a, const void *b) {
    const DCount *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    return (x->v > y->v) - (x->v < y->v);
}

/* Text: ties in count go alphabetically (v is the level index). */
static const char *const *summary_levels;
static int cmp_count_desc_text(const void *a, const void *b) {
    const DCount *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    return strcmp(summary_levels[(size_t)x->v], summary_levels[(size_t)y->v]);
}

static int cmp_value(const void *a, const void *b) {
    const DCount *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

static size_t hash_double(double v, size_t mask) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    bits ^= bits >> 33;
    bits *= 0xff51afd7ed558ccdULL;
    bits ^= bits >> 33;
    return (size_t)bits & mask;
}

/* Distinct non-NaN values with their counts (hash on the bits, grown as needed),
 * packed at the start of the returned array. */
static DCount *count_values(const Column *c, size_t *ndistinct) {
    size_t cap = 64, k = 0;
    DCount *slots = calloc(cap, sizeof *slots);
    if (!slots) return NULL;
    for (size_t i = 0; i < c->n; i++) {
        double v = c->num[i];
        if (v != v) continue;
        if (v == 0) v = 0;
        size_t h = hash_double(v, cap - 1);
        while (slots[h].n && slots[h].v != v) h = (h + 1) & (cap - 1);
        if (!slots[h].n) {
            if (2 * (k + 1) > cap) {
                size_t ncap = cap * 2;
                DCount *ns = calloc(ncap, sizeof *ns);
                if (!ns) { free(slots); return NULL; }
                for (size_t j = 0; j < cap; j++) {
                    if (!slots[j].n) continue;
                    size_t g = hash_double(slots[j].v, ncap - 1);
                    while (ns[g].n) g = (g + 1) & (ncap - 1);
                    ns[g] = slots[j];
                }
                free(slots);
                slots = ns;
                cap = ncap;
                h = hash_double(v, cap - 1);
                while (slots[h].n) h = (h + 1) & (cap - 1);
            }
            slots[h].v = v;
            k++;
        }
        slots[h].n++;
    }
    size_t m = 0;
    for (size_t h = 0; h < cap; h++)
        if (slots[h].n) slots[m++] = slots[h];
    *ndistinct = k;
    return slots;
}

static void push_entry(lua_State *L, const Column *c, const DCount *e, int text) {
    lua_createtable(L, 0, 3);
    if (text) lua_pushstring(L, c->levels[(size_t)e->v]);
    else lua_pushnumber(L, e->v);
    lua_setfield(L, -2, "value");
    lua_pushinteger(L, (lua_Integer)e->n);
    lua_setfield(L, -2, "n");
    const char *lab = text ? NULL : col_value_label(c, e->v);
    if (lab) {
        lua_pushstring(L, lab);
        lua_setfield(L, -2, "label");
    }
}

/* col:_summary(k): {n, valid, sysmis, missing = {{value, n, label}...}, distinct,
 * min, max, mean, sd, top = {{value, n, label}... k most frequent valid values}}. */
static int c_summary(lua_State *L) {
    Column *c = pl_checkcolumn(L, 1);
    lua_Integer topk = luaL_optinteger(L, 2, 3);
    size_t nd = 0, sysmis = 0;
    DCount *e;
    int text = c->type == COL_TEXT;
    /* e (and miss) are owned by boxes on the stack: the pushes below may raise */
    if (text) {
        e = pl_own(L, calloc(c->nlevels ? c->nlevels : 1, sizeof *e));
        for (size_t i = 0; i < c->nlevels; i++) e[i].v = (double)i;
        for (size_t i = 0; i < c->n; i++) {
            if (c->codes[i] < 0) sysmis++;
            else e[c->codes[i]].n++;
        }
        for (size_t i = 0; i < c->nlevels; i++)
            if (e[i].n) e[nd++] = e[i];
    } else {
        e = pl_own(L, count_values(c, &nd));
        for (size_t i = 0; i < c->n; i++) sysmis += c->num[i] != c->num[i];
    }
    int ebox = lua_gettop(L);
    DCount *miss = NULL;
    if (!text && (c->nmissing || c->has_missing_range)) miss = pl_block(L, nd ? nd : 1, sizeof *miss);
    /* user-missing codes out of the list, into their own */
    lua_createtable(L, 0, 10);
    lua_createtable(L, 0, 0);
    size_t m = 0, valid = 0, nmiss = 0;
    for (size_t i = 0; i < nd; i++) {
        if (miss && col_is_user_missing(c, e[i].v)) {
            miss[nmiss++] = e[i];
        } else {
            valid += e[i].n;
            e[m++] = e[i];
        }
    }
    if (miss) qsort(miss, nmiss, sizeof *miss, cmp_value);
    for (size_t i = 0; i < nmiss; i++) {
        push_entry(L, c, &miss[i], 0);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "missing");
    lua_pushinteger(L, (lua_Integer)c->n);
    lua_setfield(L, -2, "n");
    lua_pushinteger(L, (lua_Integer)valid);
    lua_setfield(L, -2, "valid");
    lua_pushinteger(L, (lua_Integer)sysmis);
    lua_setfield(L, -2, "sysmis");
    lua_pushinteger(L, (lua_Integer)m);
    lua_setfield(L, -2, "distinct");
    if (!text && m) {
        Moments mo = moments(c);
        lua_pushnumber(L, mo.min);
        lua_setfield(L, -2, "min");
        lua_pushnumber(L, mo.max);
        lua_setfield(L, -2, "max");
        lua_pushnumber(L, mo.sum / (double)mo.n);
        lua_setfield(L, -2, "mean");
        if (mo.n > 1) {
            lua_pushnumber(L, sqrt(mo.m2 / (double)(mo.n - 1)));
            lua_setfield(L, -2, "sd");
        }
    }
    /* the topk most frequent by selection: m may be large, topk is small */
    summary_levels = (const char *const *)c->levels;
    int (*cmp)(const void *, const void *) = text ? cmp_count_desc_text : cmp_count_desc;
    if (topk < 0) topk = 0;
    if ((size_t)topk > m) topk = (lua_Integer)m;
    lua_createtable(L, (int)topk, 0);
    for (size_t i = 0; i < m && (lua_Integer)i < topk; i++) {
        size_t best = i;
        for (size_t j = i + 1; j < m; j++)
            if (cmp(&e[j], &e[best]) < 0) best = j;
        DCount tmp = e[i];
        e[i] = e[best];
        e[best] = tmp;
        push_entry(L, c, &e[i], text);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "top");
    pl_release(L, ebox);
    return 1;
}

static const luaL_Reg col_methods[] = {
    {"name", c_name}, {"type", c_type}, {"label", c_label}, {"values", c_values},
    {"mean", c_mean}, {"sum", c_sum}, {"min", c_min}, {"max", c_max}, {"sd", c_sd},
    {"count", c_count}, {"nmissing", c_nmissing}, {"freq", c_freq},
    {"eq", c_eq}, {"ne", c_ne}, {"lt", c_lt}, {"le", c_le}, {"gt", c_gt}, {"ge", c_ge},
    {"pmin", c_pmin}, {"pmax", c_pmax}, {"ismissing", c_ismissing}, {"fill", c_fill},
    {"labels", c_labels}, {"_summary", c_summary},
    {NULL, NULL}
};

static const char *col_docs[][2] = {
    {"mean", "col:mean()\n\nMean of the valid values (system- and user-missing left out); nil when none."},
    {"sum", "col:sum()\n\nSum of the valid values."},
    {"min", "col:min()\n\nSmallest valid value, or nil."},
    {"max", "col:max()\n\nLargest valid value, or nil."},
    {"sd", "col:sd()\n\nSample standard deviation (n - 1) of the valid values, or nil."},
    {"count", "col:count()\n\nNumber of valid values."},
    {"nmissing", "col:nmissing()\n\nNumber of system- plus user-missing values."},
    {"freq", "col:freq()\n\nFrequency table as a dataset: value, label (value label), n, percent (of all rows), "
             "valid_percent (of valid rows), missing (\"\", \"user\" or \"system\")."},
    {"eq", "col:eq(x)  col:ne(x)  col:lt(x)  col:le(x)  col:gt(x)  col:ge(x)\n\n"
           "Column-wise comparison with a number or column (text columns: eq/ne with a string): 1 or 0, "
           "missing where an operand is missing. Combine with & | ~; arithmetic + - * / // % ^ works on "
           "columns too, e.g. d:derive(\"s\", (d.q1 + d.q2) / 2)."},
    {"pmin", "col:pmin(x)  col:pmax(x)\n\nRow-wise minimum / maximum with a number or column."},
    {"ismissing", "col:ismissing()\n\n1 where the value is system- or user-missing, else 0."},
    {"fill", "col:fill(x)\n\nA copy with missing values (system and user) replaced by x."},
    {"labels", "col:labels()\n\nA text column with each value's label (the number itself where it has none), "
               "e.g. d:derive(\"q1_tekst\", d.q1:labels()). User-missing codes get their labels too."},
    {NULL, NULL}
};

/* The Column metatable and its methods. */
int passend_open_column(lua_State *L) {
    luaL_newmetatable(L, PL_COLUMN_MT);
    int mt = lua_gettop(L);
    lua_newtable(L);
    luaL_setfuncs(L, col_methods, 0);
    for (int i = 0; col_docs[i][0]; i++) {
        lua_getfield(L, -1, col_docs[i][0]);
        char name[64];
        snprintf(name, sizeof name, "Column:%s", col_docs[i][0]);
        pl_setdoc(L, -1, name, col_docs[i][1]);
        lua_pop(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, mt, "methods");
    lua_pushcclosure(L, c_index, 1);
    lua_setfield(L, mt, "__index");
    static const luaL_Reg meta[] = {
        {"__gc", c_gc}, {"__len", c_len}, {"__tostring", c_tostring},
        {"__add", c_add}, {"__sub", c_sub}, {"__mul", c_mul}, {"__div", c_div}, {"__mod", c_mod},
        {"__pow", c_pow}, {"__idiv", c_idiv}, {"__unm", c_unm},
        {"__band", c_and}, {"__bor", c_or}, {"__bnot", c_not},
        {NULL, NULL}
    };
    luaL_setfuncs(L, meta, 0);
    lua_pushliteral(L, "column");
    lua_setfield(L, mt, "__name");
    lua_settop(L, mt - 1);
    return 0;
}
