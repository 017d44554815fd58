/* calib.h: calibrating weights to population counts (post-stratification,
 * raking) and the record that lets design-based variances account for it.
 *
 * The record follows R's survey package (4.x) exactly: postStratify() stores per
 * call the cell of every row with the weights before ("oldweights") and after
 * ("weights"); rake() stores one such step per margin from its last pass. When a
 * variance is computed, svyrecvar() first replaces the linearised values x (one
 * row per respondent: w_i * (y_i - ybar) / sum(w), zero outside a domain or when
 * y is missing, all rows of the calibrated dataset) by their residuals from the
 * calibration cells; calib_residualize() does that same step.
 *
 * For the estimation engine: after building x for all n rows of the dataset,
 *     if (cal) calib_residualize(cal, x, n, ncol);
 * with cal the record of the weights in use (the bindings find it: lua/lcalib.h).
 * then compute the stratified cluster variance of x as without calibration.
 */
#ifndef PASSEND_CALIB_H
#define PASSEND_CALIB_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int32_t *cell;   /* n cell ids 0..ncells-1 */
    size_t ncells;
    double *w;       /* weights after this step (R: attr(index, "weights")) */
    double *oldw;    /* weights before it (R: attr(index, "oldweights")) */
} CalibStep;

typedef enum { CALIB_POST = 0, CALIB_RAKE = 1 } CalibKind;

typedef struct {
    CalibKind kind;
    size_t nsteps;     /* POST: 1; RAKE: one per margin, from the last pass */
    CalibStep *steps;
} CalibStage;

typedef struct Calibration {
    size_t n;          /* rows of the dataset it was made on */
    char *weight;      /* name of the weight column it produced */
    double *final_w;   /* the weights it produced (to notice filtering/sorting/edits) */
    size_t nstages;    /* earlier calibrations first, as R's design$postStrata */
    CalibStage *stages;
} Calibration;

/* One margin of a calibration problem: cell id (0-based) per row, population count per cell. */
typedef struct {
    const int32_t *cell;
    size_t ncells;
    const double *pop;
} CalibMargin;

typedef struct {
    double epsilon;    /* R's control$epsilon: < 1 means relative to sum(w0) */
    int maxit;         /* R's control$maxit */
    double lo, hi;     /* bounds on w / w0 (lo = 0, hi = inf: none) */
    /* out */
    int iterations;    /* passes over all margins */
    int converged;
    double delta;      /* last change of the joint weighted table */
    int infeasible;    /* a bounded cell could not reach its count */
} RakeControl;

void calib_free(Calibration *c);
/* New calibration holding prev's stages (deep copy) followed by room for one more
 * stage with nsteps steps of n rows (nsteps = 0: no new stage, a copy); NULL when out
 * of memory. final_w and weight are left for the caller to fill. */
Calibration *calib_extend(const Calibration *prev, size_t n, CalibKind kind, size_t nsteps);

/* Post-stratification: w1 = w0 * pop[c] / sum_{cell c} w0. tot receives the
 * per-cell sums of w0 (ncells). Records the step into st (allocated by calib_extend). */
void calib_poststratify(size_t n, const double *w0, const CalibMargin *m, double *w1,
                        double *tot, CalibStage *st);

/* Raking by iterative proportional fitting, R's rake(): each pass post-stratifies
 * on every margin in turn; it stops when the joint table of weighted counts over
 * `cross` (cell ids of the cross-classification of all margin variables) changes
 * by less than epsilon. With bounds, each margin step solves for the factor with
 * the adjusted weights clipped to [lo, hi] * w0. Returns 0, or -1 when out of memory. */
int calib_rake(size_t n, const double *w0, const CalibMargin *m, size_t nm,
               const int32_t *cross, size_t ncross, RakeControl *ctl, double *w1,
               CalibStage *st);

/* Residualises x (n rows, ncol columns, column-major) in place, stage by stage,
 * as survey::svyrecvar does with design$postStrata. Returns 0, or -1 when out of memory. */
int calib_residualize(const Calibration *c, double *x, size_t n, size_t ncol);

#endif
