/* lfactor.c: the Lua binding of the factor analysis kernel (factor.c), private: _factor.
 * The user-facing factor(d, items, opts) is Lua, in lua/passend/stats/factor.lua, which
 * reads the items (missing codes, reversal) and builds the result dataset.
 * Memory: every buffer is a userdata left on the Lua stack, so a Lua error half-way (a bad
 * option, a failed allocation) frees everything with the stack; the kernel itself raises
 * nothing and frees its own working memory before it returns. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernel/factor.h"
#include "lua/lcheck.h"
#include "lua/lpassend.h"

#define MAX_ITEMS 300   /* an eigen decomposition per optimiser step is O(p^3): keep it interactive */



static void push_vector(lua_State *L, const double *v, size_t n, const char *field) {
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, field);
}

/* rows of a row-major r x c matrix as a list of lists */
static void push_matrix(lua_State *L, const double *m, size_t r, size_t c, const char *field) {
    lua_createtable(L, (int)r, 0);
    for (size_t i = 0; i < r; i++) {
        lua_createtable(L, (int)c, 0);
        for (size_t j = 0; j < c; j++) {
            lua_pushnumber(L, m[i * c + j]);
            lua_rawseti(L, -2, (lua_Integer)j + 1);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, field);
}

static void setnum(lua_State *L, const char *k, double v) {
    lua_pushnumber(L, v);
    lua_setfield(L, -2, k);
}

static void setint(lua_State *L, const char *k, lua_Integer v) {
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static const char *const method_names[] = {"minres", "ml", "pca", NULL};
static const char *const rotate_names[] = {"none", "varimax", "oblimin", NULL};
static const char *const use_names[] = {"pairwise", "complete", NULL};

/* _factor(columns, n, opts) -> result table, or nil, message, item index [, item index] */
static int l_factor(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer ni = pl_checkrange(L, 2, "n", 0, PL_MAX_ROWS);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_Integer pi = luaL_len(L, 1);
    luaL_argcheck(L, pi >= 2 && pi <= MAX_ITEMS, 1, "expected 2 to 300 item columns");
    size_t n = (size_t)ni, p = (size_t)pi;

    FaOptions opt;
    lua_getfield(L, 3, "method");
    opt.method = (FaMethod)luaL_checkoption(L, -1, "minres", method_names);
    lua_getfield(L, 3, "rotate");
    opt.rotate = (FaRotate)luaL_checkoption(L, -1, "none", rotate_names);
    lua_getfield(L, 3, "use");
    FaUse use = (FaUse)luaL_checkoption(L, -1, "pairwise", use_names);
    lua_getfield(L, 3, "nfactors");
    lua_Integer k = luaL_optinteger(L, -1, 1);
    lua_getfield(L, 3, "maxit");
    lua_Integer maxit = luaL_optinteger(L, -1, 100);
    lua_pop(L, 5);
    if (k < 1 || (size_t)k > p) return luaL_error(L, "factor: nfactors must be 1 to %d (the number of items)", (int)p);
    if (maxit < 1 || maxit > 100000) return luaL_error(L, "factor: maxit must be 1 to 100000");
    opt.nfactors = (size_t)k;
    opt.maxit = (int)maxit;

    /* n comes with the columns: none may hold a value past row n, and rows past the last
     * value of every column are all missing, which no correlation uses: they are not
     * allocated (so a huge n with small columns costs nothing) */
    size_t last = 0;
    for (size_t j = 0; j < p; j++) {
        if (lua_geti(L, 1, (lua_Integer)j + 1) != LUA_TTABLE)
            return luaL_error(L, "factor: column %d is not an array", (int)j + 1);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pop(L, 1);
            if (!lua_isinteger(L, -1)) continue;
            lua_Integer key = lua_tointeger(L, -1);
            if (key < 1 || key > ni)
                return luaL_error(L, "factor: column %d has a value in row %d, outside 1..n = %d", (int)j + 1,
                                  (int)(key < 1 ? key : ni + 1), (int)ni);
            if ((size_t)key > last) last = (size_t)key;
        }
        lua_pop(L, 1);
    }
    n = last;
    if (n > SIZE_MAX / sizeof(double) / p) return luaL_error(L, "factor: data too large");
    double *x = pl_scratch(L, n * p, sizeof *x);
    for (size_t j = 0; j < p; j++) {
        lua_geti(L, 1, (lua_Integer)j + 1);
        pl_read_numbers(L, lua_gettop(L), n, x + j * n);
        lua_pop(L, 1);
    }
    double *w = NULL;
    if (lua_getfield(L, 3, "weights") == LUA_TTABLE) {
        int t = lua_gettop(L);
        w = pl_scratch(L, n, sizeof *w);
        pl_read_numbers(L, t, n, w);
        for (size_t i = 0; i < n; i++)
            if (!(w[i] >= 0) || !isfinite(w[i]))
                return luaL_error(L, "factor: weight %d is missing or negative", (int)i + 1);
    } else if (!lua_isnil(L, -1)) {
        return luaL_error(L, "factor: weights must be an array of numbers");
    }
    double *r = pl_scratch(L, p * p, sizeof *r);
    double *np = pl_scratch(L, p * p, sizeof *np);
    double *block = pl_scratch(L, fa_result_doubles(p, opt.nfactors), sizeof *block);

    char err[512];
    int b1, b2;
    size_t rows;
    int rc = fa_correlation(x, n, p, w, use, r, np, &rows, &b1, &b2, err, sizeof err);
    FaResult res;
    if (rc == 0) {
        fa_result_layout(&res, block, p, opt.nfactors);
        rc = fa_fit(r, np, (double)rows, p, &opt, &res, err, sizeof err);
        b1 = b2 = -1;
    }
    if (rc != 0) {
        lua_pushnil(L);
        lua_pushstring(L, err);
        if (b1 >= 0) lua_pushinteger(L, b1 + 1); else lua_pushnil(L);
        if (b2 >= 0) lua_pushinteger(L, b2 + 1); else lua_pushnil(L);
        return 4;
    }
    size_t kk = opt.nfactors;
    lua_createtable(L, 0, 48);
    push_matrix(L, res.loadings, p, kk, "loadings");
    push_vector(L, res.h2, p, "h2");
    push_vector(L, res.u2, p, "u2");
    push_vector(L, res.com, p, "com");
    push_vector(L, res.values, p, "values");
    push_vector(L, res.e_values, p, "e_values");
    push_vector(L, res.psi, p, "psi");
    push_vector(L, res.ss, kk, "ss");
    push_vector(L, res.prop_var, kk, "prop_var");
    push_vector(L, res.cum_var, kk, "cum_var");
    push_vector(L, res.prop_expl, kk, "prop_expl");
    push_vector(L, res.cum_expl, kk, "cum_expl");
    if (res.oblique) push_matrix(L, res.phi, kk, kk, "phi");
    double npmin = INFINITY, npmax = 0;
    for (size_t i = 0; i < p * p; i++) {
        if (np[i] < npmin) npmin = np[i];
        if (np[i] > npmax) npmax = np[i];
    }
    setint(L, "n_obs", (lua_Integer)rows);
    setint(L, "n_pairs_min", (lua_Integer)npmin);
    setint(L, "n_pairs_max", (lua_Integer)npmax);
    setnum(L, "dof", res.dof);
    setnum(L, "objective", res.objective);
    setnum(L, "chisq", res.chisq);
    setnum(L, "chisq_p", res.chisq_p);
    setnum(L, "null_dof", res.null_dof);
    setnum(L, "null_objective", res.null_objective);
    setnum(L, "null_chisq", res.null_chisq);
    setnum(L, "emp_chisq", res.emp_chisq);
    setnum(L, "emp_p", res.emp_p);
    setnum(L, "nh", res.nh);
    setnum(L, "rms", res.rms);
    setnum(L, "crms", res.crms);
    setnum(L, "fit", res.fit);
    setnum(L, "fit_off", res.fit_off);
    setnum(L, "tli", res.tli);
    setnum(L, "rmsea", res.rmsea);
    setnum(L, "bic", res.bic);
    setint(L, "fit_code", res.fit_code);
    setint(L, "fit_iterations", res.fit_iterations);
    setint(L, "fit_evaluations", res.fit_evaluations);
    lua_pushstring(L, res.fit_message);
    lua_setfield(L, -2, "fit_message");
    lua_pushboolean(L, res.rotate_converged);
    lua_setfield(L, -2, "rotate_converged");
    setint(L, "rotate_iterations", res.rotate_iterations);
    setint(L, "heywood", res.heywood);
    setint(L, "ultra_heywood", res.ultra_heywood);
    lua_pushboolean(L, res.smoothed);
    lua_setfield(L, -2, "smoothed");
    return 1;
}

static const pl_Func funcs[] = {
    {"_factor", l_factor, "_factor(columns, n, opts)\n\n"
     "The factor analysis kernel behind factor(): columns is a list of p arrays of n numbers "
     "(anything else is missing); opts = {method = \"minres\"|\"ml\"|\"pca\", rotate = \"none\"|"
     "\"varimax\"|\"oblimin\", use = \"pairwise\"|\"complete\", nfactors = k, weights = {n numbers} "
     "(complete rows only), maxit = 100}. Returns a table with loadings (p rows of k), h2, u2, com, "
     "values, e_values, psi (the fitted uniquenesses), ss, prop_var, cum_var, prop_expl, cum_expl, phi (oblique only), n_obs, "
     "the fit statistics and how the fit converged; on a data problem nil, message and the "
     "1-based indices of the items concerned."},
    {NULL, NULL, NULL}
};

int passend_open_factor(lua_State *L) {
    pl_register(L, funcs);
    return 0;
}
