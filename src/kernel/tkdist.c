/* tkdist.c: exact tests for the survey toolkit.
 * Accuracy target: 1e-9 relative to R (pwilcox, fisher.test). The continuous
 * distributions (pt, pchisq, pnorm) are in distr.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/tkdist.h"

int tk_wilcox_dist(int m, int n, double *prob) {
    /* ways[j][s]: subsets of j ranks from those seen so far with rank sum s;
     * W = (rank sum of the first sample) - m(m+1)/2. */
    int N = m + n, maxs = N * (N + 1) / 2;
    size_t cells = (size_t)(m + 1) * (size_t)(maxs + 1);
    double *ways = calloc(cells, sizeof *ways);
    if (!ways) return -1;
#define W(j, s) ways[(size_t)(j) * (size_t)(maxs + 1) + (size_t)(s)]
    W(0, 0) = 1.0;
    for (int r = 1; r <= N; r++) {
        int jmax = r < m ? r : m;
        for (int j = jmax; j >= 1; j--) {
            int smax = r * (r + 1) / 2;
            for (int s = smax; s >= r; s--) W(j, s) += W(j - 1, s - r);
        }
    }
    double total = 0.0;
    int base = m * (m + 1) / 2;
    for (int w = 0; w <= m * n; w++) total += W(m, base + w);
    for (int w = 0; w <= m * n; w++) prob[w] = W(m, base + w) / total;
#undef W
    free(ways);
    return 0;
}

typedef struct {
    int r, c;
    int *rowleft;      /* remaining row sums while filling */
    double lim;        /* log probability limit (observed, with tolerance) */
    double konst;      /* sum lfact(margins) - lfact(N) */
    double *lfact;
    double p, visited, max_tables;
    const int *colsum;
    int overflow;
} Fisher;

/* Fills column j, row i onward; colleft is what column j still needs; acc is
 * the sum of lfact over cells fixed so far. */
static void fisher_fill(Fisher *f, int j, int i, int colleft, double acc) {
    if (f->overflow) return;
    if (j == f->c - 1) {   /* last column is fixed by the remaining row sums */
        double a = acc;
        for (int k = 0; k < f->r; k++) a += f->lfact[f->rowleft[k]];
        double lp = f->konst - a;
        if (lp <= f->lim) f->p += exp(lp);
        if (++f->visited > f->max_tables) f->overflow = 1;
        return;
    }
    if (i == f->r - 1) {   /* last row of this column takes the rest */
        if (colleft > f->rowleft[i]) return;
        f->rowleft[i] -= colleft;
        fisher_fill(f, j + 1, 0, f->colsum[j + 1], acc + f->lfact[colleft]);
        f->rowleft[i] += colleft;
        return;
    }
    /* rows below i can absorb at most their remaining sums */
    int below = 0;
    for (int k = i + 1; k < f->r; k++) below += f->rowleft[k];
    int lo = colleft - below; if (lo < 0) lo = 0;
    int hi = colleft < f->rowleft[i] ? colleft : f->rowleft[i];
    for (int x = lo; x <= hi; x++) {
        f->rowleft[i] -= x;
        fisher_fill(f, j, i + 1, colleft - x, acc + f->lfact[x]);
        f->rowleft[i] += x;
        if (f->overflow) return;
    }
}

int tk_fisher_exact(const int *counts, int r, int c, double max_tables, double *p) {
    int N = 0;
    int *rows = calloc((size_t)r, sizeof *rows), *cols = calloc((size_t)c, sizeof *cols);
    if (!rows || !cols) { free(rows); free(cols); return -2; }
    for (int i = 0; i < r; i++)
        for (int j = 0; j < c; j++) {
            rows[i] += counts[i * c + j];
            cols[j] += counts[i * c + j];
            N += counts[i * c + j];
        }
    double *lf = malloc(((size_t)N + 1) * sizeof *lf);
    if (!lf) { free(rows); free(cols); return -2; }
    for (int k = 0; k <= N; k++) lf[k] = lgamma(k + 1.0);
    Fisher f = { r, c, rows, 0, 0, lf, 0, 0, max_tables, cols, 0 };
    f.konst = -lf[N];
    for (int i = 0; i < r; i++) f.konst += lf[rows[i]];
    for (int j = 0; j < c; j++) f.konst += lf[cols[j]];
    double obs = f.konst;
    for (int k = 0; k < r * c; k++) obs -= lf[counts[k]];
    f.lim = obs + log1p(1e-7);
    if (c == 1 || r == 1) f.p = 1.0;
    else fisher_fill(&f, 0, 0, cols[0], 0.0);
    free(lf); free(rows); free(cols);
    if (f.overflow) return -1;
    *p = f.p > 1.0 ? 1.0 : f.p;
    return 0;
}
