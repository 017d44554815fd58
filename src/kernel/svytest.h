/* svytest.h: design-based tests on plain arrays, as R's survey package computes them:
 *   the Rao-Scott F test of a two-way table  = svychisq(~row + col, design, statistic = "F")
 *   the two-group t test of a mean           = svyttest(y ~ g, design)
 * for svydesign(ids = ~cluster, strata = ~stratum, weights = ~w) (each part optional).
 * Variances are Taylor linearised: the influence functions of the statistic go through the
 * estimation engine's design variance (svy_rows_var in svy.h: svyrecvar, one stage, fpc,
 * lonely-PSU rules), after residualising them for a calibrated weight (calib.h) as survey
 * does. Covariances come from variances of sums. Domains keep every PSU of the design:
 * rows outside the domain count as zeros. cal may be NULL. */
#ifndef PASSEND_SVYTEST_H
#define PASSEND_SVYTEST_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/svy.h"

typedef struct Calibration Calibration;

typedef struct {
    double F, ndf, ddf, p;   /* Rao-Scott F, its degrees of freedom and p-value */
    double X2, X2_df, X2_p;  /* Pearson on the table scaled to the number of rows (svytable Ntotal) */
    double trace, d0, nu;    /* tr(Delta), d0 = tr(Delta)^2 / tr(Delta^2), design df */
} StChisq;

/* row[i] in 0..nr-1, col[i] in 0..nc-1, or -1 when missing. */
int st_chisq(const SvyDesign *d, const Calibration *cal, const int32_t *row, const int32_t *col, int nr, int nc,
             StChisq *out, char *err, size_t errlen);

typedef struct {
    double mean1, mean2;     /* weighted means of the groups (1 = first level, 2 = second) */
    double n1, n2;           /* rows with a valid y in each group */
    double diff, se, df, t, p, lo, hi;  /* mean2 - mean1, its se, df = degf - 1, CI */
} StTtest;

/* y[i] (NaN missing), g[i] in {0, 1} or -1. conf is the interval's level (0.95). */
int st_ttest(const SvyDesign *d, const Calibration *cal, const double *y, const int32_t *g, double conf, StTtest *out,
             char *err, size_t errlen);

#endif
