/* ldistr.c: Lua bindings for the distributions in distr.c (R's names and argument order). */
#include <math.h>

#include "kernel/distr.h"
#include "lua/lpassend.h"

static int lower_arg(lua_State *L, int i) {
    return lua_isnoneornil(L, i) ? 1 : lua_toboolean(L, i);
}

static double checkdf(lua_State *L, int i) {
    double df = luaL_checknumber(L, i);
    luaL_argcheck(L, df > 0, i, "degrees of freedom must be positive");
    return df;
}

static double checkprob(lua_State *L, int i) {
    double p = luaL_checknumber(L, i);
    luaL_argcheck(L, p >= 0 && p <= 1, i, "probability must lie in [0, 1]");
    return p;
}

static int l_pt(lua_State *L) {
    double t = luaL_checknumber(L, 1), df = checkdf(L, 2);
    lua_pushnumber(L, lower_arg(L, 3) ? pl_pt(t, df) : pl_pt(-t, df));
    return 1;
}

static int l_qt(lua_State *L) {
    double p = checkprob(L, 1), df = checkdf(L, 2);
    lua_pushnumber(L, lower_arg(L, 3) ? pl_qt(p, df) : -pl_qt(p, df));
    return 1;
}

static int l_pf(lua_State *L) {
    double f = luaL_checknumber(L, 1), d1 = checkdf(L, 2), d2 = checkdf(L, 3);
    lua_pushnumber(L, pl_pf(f, d1, d2, lower_arg(L, 4)));
    return 1;
}

static int l_pchisq(lua_State *L) {
    double x = luaL_checknumber(L, 1), df = checkdf(L, 2);
    lua_pushnumber(L, pl_pchisq(x, df, lower_arg(L, 3)));
    return 1;
}

static int l_pnorm(lua_State *L) {
    double z = luaL_checknumber(L, 1);
    lua_pushnumber(L, lower_arg(L, 2) ? pl_pnorm(z) : pl_pnorm(-z));
    return 1;
}

static int l_qnorm(lua_State *L) {
    double p = checkprob(L, 1);
    lua_pushnumber(L, lower_arg(L, 2) ? pl_qnorm(p) : -pl_qnorm(p));
    return 1;
}

static const pl_Func distr_funcs[] = {
    {"pt", l_pt, "pt(t, df [, lower])\n\nStudent t distribution function P(T <= t) (upper tail when lower is false); "
                 "df may be fractional or math.huge (normal). As R's pt."},
    {"qt", l_qt, "qt(p, df [, lower])\n\nQuantile of the t distribution: qt(0.975, 30) is the multiplier of a 95% "
                 "interval with 30 degrees of freedom. As R's qt."},
    {"pf", l_pf, "pf(f, df1, df2 [, lower])\n\nF distribution function; pf(f, d1, d2, false) is the p-value of an "
                 "F test. As R's pf."},
    {"pchisq", l_pchisq, "pchisq(x, df [, lower])\n\nChi-square distribution function; pchisq(x, df, false) is "
                         "the p-value of a chi-square test. As R's pchisq."},
    {"pnorm", l_pnorm, "pnorm(z [, lower])\n\nStandard normal distribution function. As R's pnorm."},
    {"qnorm", l_qnorm, "qnorm(p [, lower])\n\nStandard normal quantile: qnorm(0.975) = 1.96. As R's qnorm."},
    {NULL, NULL, NULL}
};

int passend_open_distr(lua_State *L) {
    pl_register(L, distr_funcs);
    return 0;
}
