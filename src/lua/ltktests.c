/* ltktests.c: Lua bindings of the toolkit's distribution functions and exact
 * tests (tkdist.c), private: _wilcox_dist and _fisher_p. The test front-ends that users
 * call (chisq_test, fisher_test, t_test, wilcox_test) are Lua, in
 * lua/passend/toolkit/tests.lua. */
#include <lua.h>
#include <lauxlib.h>

#include "lua/lpassend.h"
#include "lua/lcheck.h"
#include "kernel/tkdist.h"

static int l_wilcox_dist(lua_State *L) {
    lua_Integer m = luaL_checkinteger(L, 1), n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, m >= 1 && m <= 100, 1, "sample size must be 1..100 for the exact distribution");
    luaL_argcheck(L, n >= 1 && n <= 100, 2, "sample size must be 1..100 for the exact distribution");
    size_t k = (size_t)(m * n + 1);
    double *p = lua_newuserdatauv(L, k * sizeof *p, 0);
    if (tk_wilcox_dist((int)m, (int)n, p) != 0) return luaL_error(L, "wilcox_dist: out of memory");
    lua_createtable(L, (int)k, 0);
    for (size_t i = 0; i < k; i++) {
        lua_pushnumber(L, p[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Most cells of a table _fisher_p enumerates (it recurses once per cell). */
#define MAX_CELLS 10000

static int l_fisher(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    double max_tables = luaL_optnumber(L, 2, 5e7);
    luaL_argcheck(L, max_tables >= 0, 2, "max_tables must be a number >= 0");  /* NaN: no limit at all */
    /* the enumeration recurses once per cell: the table size bounds the C stack it needs */
    lua_Integer r = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, r >= 1, 1, "expected a table of rows of counts");
    lua_rawgeti(L, 1, 1);
    luaL_argcheck(L, lua_istable(L, -1), 1, "row 1 is not a table of counts");
    lua_Integer c = (lua_Integer)lua_rawlen(L, -1);
    lua_pop(L, 1);
    luaL_argcheck(L, c >= 1, 1, "row 1 has no counts");
    if (r * c > MAX_CELLS)
        return luaL_error(L, "fisher: the table has %I x %I cells, at most %d can be tested exactly", r, c, MAX_CELLS);
    int *counts = pl_scratch(L, (size_t)(r * c), sizeof *counts);
    long total = 0;
    for (int i = 0; i < r; i++) {
        lua_rawgeti(L, 1, i + 1);
        if (!lua_istable(L, -1) || (lua_Integer)lua_rawlen(L, -1) != c)
            return luaL_error(L, "fisher: row %d must hold %d counts", i + 1, (int)c);
        for (int j = 0; j < c; j++) {
            lua_rawgeti(L, -1, j + 1);
            int isnum = 0;
            lua_Integer v = lua_tointegerx(L, -1, &isnum);
            if (!isnum || v < 0 || v > 1000000)
                return luaL_error(L, "fisher: cell [%d][%d] must be a count (integer >= 0)", i + 1, j + 1);
            counts[i * c + j] = (int)v;
            total += v;
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    if (total > 1000000) return luaL_error(L, "fisher: table total %I too large", (lua_Integer)total);
    double p = 1.0;
    int rc = tk_fisher_exact(counts, (int)r, (int)c, max_tables, &p);
    if (rc == -1) return luaL_error(L, "fisher: more than %f tables to enumerate; the table is too large for the exact test", max_tables);
    if (rc == -2) return luaL_error(L, "fisher: out of memory");
    lua_pushnumber(L, p);
    return 1;
}

static const pl_Func funcs[] = {
    {"_wilcox_dist", l_wilcox_dist, "_wilcox_dist(m, n)\n\nExact null distribution of the Mann-Whitney W for sample sizes m and n: a list p with p[w + 1] = P(W = w), w = 0 .. m*n (as R's dwilcox)."},
    {"_fisher_p", l_fisher, "_fisher_p(rows [, max_tables])\n\nTwo-sided p-value of Fisher's exact test for an r x c table given as a list of rows of counts, by full enumeration of the tables with the same margins (R's fisher.test, relative tolerance 1e-7). Fails when more than max_tables (default 5e7) tables would be needed."},
    {NULL, NULL, NULL}
};

int passend_open_tktests(lua_State *L) {
    pl_register(L, funcs);
    return 0;
}
