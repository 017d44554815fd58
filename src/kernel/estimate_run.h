/* estimate_run.h: the domain means of many variables over one design and one
 * grouping, spread over worker threads (pure C; the Lua glue is lestimate.c).
 *
 * Each variable is independent: its scores (for a scale) and its domain means are
 * computed by one thread with its own buffers, so the results do not depend on the
 * number of threads. The design, the groups and the dataset's columns are only read.
 */
#ifndef PASSEND_ESTIMATE_RUN_H
#define PASSEND_ESTIMATE_RUN_H

#include <stddef.h>

#include "kernel/dataset.h"
#include "kernel/svy.h"

typedef struct {
    /* what: exactly one of values, column or scale */
    const double *values;     /* numbers as they are (NaN = missing) */
    const Column *column;     /* a numeric column with user-missing codes: those count as missing */
    const SvyScale *scale;    /* a scale: its scores */
    int items;                /* with scale: the mean of item means (components linearised jointly) */
    SvyEst *est;              /* out: one estimate per group */
    /* outcome */
    int rc;                   /* 0; EST_BAD_VALUE (bad is set); EST_ERROR (err is set) */
    SvyBad bad;
    char err[256];
} EstJob;

enum { EST_BAD_VALUE = -1, EST_ERROR = -2 };

/* Runs the jobs on up to nthreads threads (the calling thread is one of them).
 * Every job gets its rc; the function returns the number of jobs that failed. */
size_t est_run(const SvyDesign *d, const SvyGroups *g, EstJob *jobs, size_t njobs, int nthreads);

/* The values of a job that has no plain values: fills y[nrows] (scores, or the
 * column with user-missing codes as NaN) and, for items jobs, comp[k][nrows]
 * (scale->nitems arrays). Returns 0, EST_BAD_VALUE (with *bad set) or EST_ERROR. */
int est_values(const EstJob *job, size_t nrows, double *y, double **comp, SvyBad *bad);

/* Threads worth using for njobs jobs over nrows rows: the online cores (at most 8)
 * when there is enough work to pay for starting threads, else 1. */
int est_auto_threads(size_t nrows, size_t njobs);

#endif
