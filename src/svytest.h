/* svytest.h: design-based tests on plain arrays, as R's survey package computes them:
 *   the Rao-Scott F test of a two-way table  = svychisq(~row + col, design, statistic = "F")
 *   the two-group t test of a mean           = svyttest(y ~ g, design)
 * for svydesign(ids = ~cluster, strata = ~stratum, weights = ~w) (each part optional).
 * Variances are Taylor linearised with the influence functions of the statistic and the
 * covariance of their PSU totals (survey's svyrecvar, one stage, with its lonely-PSU rules).
 * Domains keep every PSU of the design: rows outside the domain count as zeros. */
#ifndef PASSEND_SVYTEST_H
#define PASSEND_SVYTEST_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    ST_LONELY_ADJUST = 0,  /* lonely PSU's total not centred (survey's "adjust") */
    ST_LONELY_AVERAGE,     /* stratum left out, variance scaled by strata / strata used */
    ST_LONELY_CERTAINTY,   /* contributes no variance */
    ST_LONELY_REMOVE,      /* contributes no variance */
    ST_LONELY_FAIL         /* an error naming the stratum */
} StLonely;

/* The design as the kernels need it. cluster and stratum codes are >= 0 (NULL: each row its
 * own PSU; one stratum); w may be NULL (all 1) and must be finite and >= 0. */
typedef struct {
    size_t n;
    const double *w;
    int32_t *psu;          /* row -> PSU 0..npsu-1; PSU = (stratum, cluster) */
    size_t npsu, nstrata;
    int32_t *psu_stratum;  /* PSU -> stratum 0..nstrata-1 */
    int32_t *stratum_npsu; /* PSUs per stratum */
    int32_t *stratum_code; /* stratum -> the caller's code, for messages */
    StLonely lonely;
} StDesign;

/* Returns 0, or -1 with a message (a missing code, out of memory). */
int st_design_init(StDesign *d, size_t n, const double *w, const int32_t *cluster,
                   const int32_t *stratum, StLonely lonely, char *err, size_t errlen);
void st_design_free(StDesign *d);

/* Covariance matrix V[K*K] of the totals of K influence variables z (column-major, z[k*n + i];
 * NaN is not allowed: use 0 outside the domain). Returns 0, or -1 with a message. */
int st_vcov(const StDesign *d, size_t K, const double *z, double *V, char *err, size_t errlen);

typedef struct {
    double F, ndf, ddf, p;   /* Rao-Scott F, its degrees of freedom and p-value */
    double X2, X2_df, X2_p;  /* Pearson on the table scaled to the number of rows (svytable Ntotal) */
    double trace, d0, nu;    /* tr(Delta), d0 = tr(Delta)^2 / tr(Delta^2), design df */
} StChisq;

/* row[i] in 0..nr-1, col[i] in 0..nc-1, or -1 when missing. */
int st_chisq(const StDesign *d, const int32_t *row, const int32_t *col, int nr, int nc,
             StChisq *out, char *err, size_t errlen);

typedef struct {
    double mean1, mean2;     /* weighted means of the groups (1 = first level, 2 = second) */
    double n1, n2;           /* rows with a valid y in each group */
    double diff, se, df, t, p, lo, hi;  /* mean2 - mean1, its se, df = degf - 1, CI */
} StTtest;

/* y[i] (NaN missing), g[i] in {0, 1} or -1. conf is the interval's level (0.95). */
int st_ttest(const StDesign *d, const double *y, const int32_t *g, double conf, StTtest *out,
             char *err, size_t errlen);

#endif
