/* factor.h: exploratory factor analysis on plain arrays, computed as R's psych package
 * (version 2.2.9) does it:
 *   psych::fa(x, nfactors, fm = "minres" | "ml", rotate = "none" | "varimax" | "oblimin")
 *   psych::principal(x, nfactors, rotate = ...)
 * with stats::varimax (normalize = TRUE, eps = 1e-5) and GPArotation::oblimin (gam = 0,
 * eps = 1e-5, maxit = 1000) as psych calls them. No Lua here: errors come back as a return
 * code and a message; nothing is raised. Matrices are row-major (element (i, j) of a p x p
 * matrix at a[i * p + j]; of the p x k loadings at l[i * k + j]). */
#ifndef PASSEND_FACTOR_H
#define PASSEND_FACTOR_H

#include <stddef.h>

#include "kernel/factor_result.h"

typedef enum { FA_PAIRWISE, FA_COMPLETE } FaUse;
typedef enum { FA_MINRES, FA_ML, FA_PCA } FaMethod;
typedef enum { FA_ROTATE_NONE, FA_VARIMAX, FA_OBLIMIN } FaRotate;

/* Correlations of p items over n rows, x column-major (item j is x[j * n .. j * n + n - 1],
 * NaN = missing), as R's cor() computes them:
 *   FA_PAIRWISE: cor(x, use = "pairwise"), each pair over the rows where both are present
 *     (psych's default); np[i * p + j] = those rows (psych's pairwiseCount).
 *   FA_COMPLETE: cor(x[complete.cases(x), ]); np = that number of rows everywhere.
 * w (NULL for none; only with FA_COMPLETE) weights the rows: the correlation of R's
 * cov.wt(x, wt = w, cor = TRUE) over the complete rows with w > 0 (rows with w = 0 are left
 * out). *n_rows gets the rows the analysis counts (psych's n.obs): with FA_PAIRWISE the rows
 * with at least one valid item, else the complete rows used.
 * Returns 0, or -1 with a message in err: out of memory, fewer than 3 rows, an item (*bad1)
 * without variance, or a pair of items (*bad1, *bad2, 0-based) without enough common rows
 * (fewer than 3) or without variance over them; *bad1 / *bad2 are -1 when not about items. */
int fa_correlation(const double *x, size_t n, size_t p, const double *w, FaUse use,
                   double *r, double *np, size_t *n_rows, int *bad1, int *bad2,
                   char *err, size_t errlen);

typedef struct {
    FaMethod method;
    FaRotate rotate;
    size_t nfactors;   /* 1 <= nfactors; see fa_max_factors */
    int maxit;         /* L-BFGS-B iterations for minres / ml (psych: optim's default 100) */
} FaOptions;

/* The most factors p items allow: for minres / ml the largest k with non-negative degrees of
 * freedom p(p - 1)/2 - pk + k(k - 1)/2 (the model is not identified beyond; psych would
 * still compute it), for pca p. */
size_t fa_max_factors(FaMethod method, size_t p);


/* Doubles a result needs for p items and k factors, and laying res's arrays out in block
 * (which must hold that many). */
size_t fa_result_doubles(size_t p, size_t k);
void fa_result_layout(FaResult *res, double *block, size_t p, size_t k);

/* Fits the model to the p x p correlation matrix r (np: the pairwise counts from
 * fa_correlation, n_obs: its *n_rows). res must be laid out for p and opt->nfactors.
 * Returns 0, or -1 with a message in err (out of memory, nfactors out of range, r not
 * finite, the ml objective not finite because r is not positive definite, a rotation that
 * cannot be computed). A fit that stopped at the iteration limit returns 0 with
 * res->fit_code != 0: the caller shows it. */
int fa_fit(const double *r, const double *np, double n_obs, size_t p, const FaOptions *opt,
           FaResult *res, char *err, size_t errlen);

#endif
