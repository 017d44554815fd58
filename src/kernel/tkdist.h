/* tkdist.h: exact tests for the survey toolkit: the exact Wilcoxon rank-sum
 * distribution and Fisher's exact test on an r x c table by enumeration.
 * Pure C, no Lua. */
#ifndef PASSEND_TKDIST_H
#define PASSEND_TKDIST_H

#include <stddef.h>

/* Exact distribution of the Mann-Whitney statistic W (0 .. m*n) for sample
 * sizes m and n: fills prob[0 .. m*n] with P(W = w). Returns 0, or -1 when
 * out of memory. prob must hold m*n + 1 doubles. */
int tk_wilcox_dist(int m, int n, double *prob);

/* Fisher's exact test, two-sided, for an r x c table of counts (row-major).
 * The p-value sums the probabilities (given both margins) of all tables no more
 * likely than the observed one, with R's relative tolerance 1e-7. Returns 0 and
 * sets *p; -1 when the table needs more than max_tables enumerated tables;
 * -2 when out of memory. */
int tk_fisher_exact(const int *counts, int r, int c, double max_tables, double *p);

#endif
