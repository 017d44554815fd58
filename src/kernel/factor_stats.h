/* factor_stats.h: psych's fa.stats (internal to the factor code): the fit of a solution to
 * the correlation matrix. Used by factor.c only. */
#ifndef PASSEND_FACTOR_STATS_H
#define PASSEND_FACTOR_STATS_H

#include <stddef.h>

#include "kernel/factor_result.h"

/* Fills res's complexity (com) and fit statistics (dof ... bic, smoothed, n_obs) for the p x k
 * loadings l (and k x k phi, NULL when orthogonal) against the p x p correlations r, as
 * fa.stats(r, l, phi, n.obs, np.obs) with smooth = TRUE. np NULL is psych's np.obs = NULL
 * (principal); otherwise the pairwise counts weight the residuals (fa on raw data).
 * Returns 0, or -1 with a message when out of memory. */
int fa_stats(const double *r, const double *np, double n_obs, size_t p, size_t k,
             const double *l, const double *phi, FaResult *res, char *err, size_t errlen);

/* psych's cor.smooth on the p x p matrix x in place: when its smallest eigenvalue is below
 * DBL_EPSILON, eigenvalues below 1e-12 become 1e-10, all are rescaled to sum p and x is
 * rebuilt and turned into a correlation matrix. Returns 1 when it smoothed, 0 when x was
 * positive definite, -1 when the eigen decomposition failed. */
int fa_cor_smooth(double *x, size_t p);

#endif
