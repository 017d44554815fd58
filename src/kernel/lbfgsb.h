/* lbfgsb.h: bound-constrained minimisation by L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995), the
 * algorithm R's optim(method = "L-BFGS-B") runs (its version 2.3 code), step for step: the
 * generalised Cauchy point, the direct primal subspace minimisation, the More-Thuente line
 * search (ftol 1e-3, gtol 0.9, xtol 0.1) and R's stopping rules. psych::fa stops the
 * optimiser at factr = 1e7, where the iterate is still ~1e-5 away from the optimum, so
 * agreeing with psych to 1e-6 means taking the same steps, not merely reaching the optimum.
 *
 * This implementation handles the case psych needs: every variable has finite bounds
 * lower < upper (R's nbd = 2 for all). R's parscale/fnscale are the caller's business
 * (optim minimises fn(x * parscale) / fnscale over x = par / parscale). */
#ifndef PASSEND_LBFGSB_H
#define PASSEND_LBFGSB_H

#include <stddef.h>

/* f and gradient g at x (n values). Return 0, or nonzero when they cannot be computed
 * (lb_minimize then stops with LB_EVAL_FAILED; R's optim raises "L-BFGS-B needs finite
 * values of 'fn'" for a non-finite f, which the callback should report the same way). */
typedef int (*lb_eval)(const double *x, double *f, double *g, void *ctx);

typedef struct {
    int m;          /* corrections kept (R's lmm, default 5) */
    int maxit;      /* iterations (R's maxit, default 100) */
    double factr;   /* stop when the relative reduction of f <= factr * DBL_EPSILON (1e7) */
    double pgtol;   /* stop when the projected gradient's sup-norm <= pgtol (0: never) */
} LbOptions;

enum {
    LB_CONVERGED = 0,     /* R's convergence 0 */
    LB_MAXIT = 1,         /* iteration limit reached (R's 1) */
    LB_ABNORMAL = 52,     /* the line search failed with no memory left to drop (R's 52) */
};

typedef struct {
    int code;             /* LB_CONVERGED, LB_MAXIT or LB_ABNORMAL */
    int iterations;       /* accepted steps */
    int evaluations;      /* f and g evaluations (R's counts) */
    double f;             /* f at the returned x */
    char message[64];     /* R's optim()$message */
} LbResult;

enum { LB_OK = 0, LB_NOMEM = -1, LB_EVAL_FAILED = -2, LB_BAD_INPUT = -3 };

/* Minimises over lower <= x <= upper from the start x (projected into the box first);
 * x gets the last iterate, as R returns it (also when res->code is not LB_CONVERGED).
 * Returns LB_OK (then res says how it ended), LB_NOMEM, LB_EVAL_FAILED (eval returned
 * nonzero; x holds the point it failed at) or LB_BAD_INPUT (n = 0, m < 1, lower >= upper). */
int lb_minimize(size_t n, double *x, const double *lower, const double *upper,
                lb_eval eval, void *ctx, const LbOptions *opt, LbResult *res);

#endif
