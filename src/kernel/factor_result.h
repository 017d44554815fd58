/* factor_result.h: what a factor analysis gives back (FaResult); its own header so that the
 * fit statistics (factor_stats.h) and the fitting (factor.h) both use it without depending on
 * each other. */
#ifndef PASSEND_FACTOR_RESULT_H
#define PASSEND_FACTOR_RESULT_H

#include <stddef.h>

/* Where the fit ended. fit_code: 0 converged, 1 iteration limit, 52 the line search failed
 * (R's optim convergence codes; psych ignores them, the caller must not). */
typedef struct {
    size_t p, k;
    /* per item (p) */
    double *loadings;   /* p x k, psych's order of factors and signs (pattern matrix) */
    double *h2, *u2;    /* communality diag(L L') before rotation, uniqueness diag(R) - h2 */
    double *com;        /* Hoffman's complexity (sum l^2)^2 / sum l^4 of each row */
    double *values;     /* eigenvalues of R with h2 on the diagonal (psych $values; pca: of R) */
    double *e_values;   /* eigenvalues of R (psych $e.values) */
    double *psi;        /* the optimiser's uniquenesses (psych: 1 - $communalities); pca: u2 */
    /* per factor (k) */
    double *ss;         /* SS loadings (with Phi: diag(Phi L'L)) */
    double *prop_var, *cum_var, *prop_expl, *cum_expl;
    double *phi;        /* k x k factor correlations (oblimin); identity otherwise */
    int oblique;
    /* fit statistics as psych's fa.stats (NaN when psych gives NA) */
    double dof, objective, chisq, chisq_p;           /* likelihood chi-square STATISTIC, PVAL */
    double null_dof, null_objective, null_chisq;
    double emp_chisq, emp_p, nh;                     /* empirical chi-square, harmonic n.obs */
    double rms, crms, fit, fit_off, tli, rmsea, bic;
    double n_obs;
    /* how the fitting went */
    int fit_code, fit_iterations, fit_evaluations;
    char fit_message[64];
    int rotate_converged, rotate_iterations;
    int heywood;        /* items whose uniqueness reached psych's lower bound 0.005 */
    int ultra_heywood;  /* items with h2 > 1 */
    int smoothed;       /* 1: the model or R was not positive definite and was smoothed for
                           the objective (psych's cor.smooth) */
} FaResult;

#endif
