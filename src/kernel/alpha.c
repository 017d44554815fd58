/* alpha.c: Cronbach's alpha as psych::alpha computes it (see alpha.h).
 * psych: C = cov(x, use = "pairwise"), R = cov2cor(C);
 *   raw alpha = (1 - tr(C) / sum(C)) * k / (k - 1), standardised = (1 - k / sum(R)) * k / (k - 1),
 *   average r = (sum(R) - k) / (k (k - 1)), alpha if item deleted = the same on C[-i, -i],
 *   r.drop_i = (sum(C[, i]) - C[i, i]) / sqrt(C[i, i] * sum(C[-i, -i])). */
#include "kernel/alpha.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Pairwise-complete covariance as R's cov(use = "pairwise"): means over the common rows. */
static int pair_cov(const double *x, const double *y, size_t n, double *out) {
    long double mx = 0, my = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) { mx += x[i]; my += y[i]; m++; }
    if (m < 2) return -1;
    mx /= m; my /= m;
    long double s = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) s += (x[i] - mx) * (y[i] - my);
    *out = (double)(s / (m - 1));
    return 0;
}

/* Pairwise-complete correlation as R's cor(use = "pairwise"): sds over the common rows too. */
static double pair_cor(const double *x, const double *y, size_t n) {
    long double mx = 0, my = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) { mx += x[i]; my += y[i]; m++; }
    if (m < 2) return NAN;
    mx /= m; my /= m;
    long double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && !isnan(y[i])) {
            long double a = x[i] - mx, b = y[i] - my;
            sxy += a * b; sxx += a * a; syy += b * b;
        }
    return (double)(sxy / sqrtl(sxx * syy));
}

/* alpha.1 of psych on the items flagged in use (k of them). */
static void alpha1(const double *C, const double *R, size_t K, const unsigned char *use,
                   double *raw, double *std, double *avr) {
    long double sc = 0, tr = 0, sr = 0;
    size_t k = 0;
    for (size_t i = 0; i < K; i++) {
        if (!use[i]) continue;
        k++;
        tr += C[i * K + i];
        for (size_t j = 0; j < K; j++)
            if (use[j]) { sc += C[i * K + j]; sr += R[i * K + j]; }
    }
    double kk = (double)k;
    *raw = (double)((1 - tr / sc) * (kk / (kk - 1)));
    *std = (double)((1 - kk / sr) * (kk / (kk - 1)));
    *avr = (double)((sr - kk) / (kk * (kk - 1)));
}

int pl_alpha(const double *x, size_t n, size_t k, AlphaTotal *tot, AlphaItem *items,
             int *bad_item, int *bad_item2, char *err, size_t errlen) {
    *bad_item = *bad_item2 = -1;
    int rc = -1;
    size_t kk2 = k * k + 1;
    double *C = calloc(kk2, sizeof *C);
    double *R = calloc(kk2, sizeof *R);
    double *total = calloc(n ? n : 1, sizeof *total);
    unsigned char *use = calloc(k ? k : 1, 1);
    if (!C || !R || !total || !use) { snprintf(err, errlen, "out of memory"); goto done; }

    /* Item statistics; items without variance are dropped as psych does. */
    size_t kept = 0;
    for (size_t j = 0; j < k; j++) {
        const double *xj = x + j * n;
        AlphaItem *it = &items[j];
        long double s = 0;
        size_t m = 0;
        for (size_t i = 0; i < n; i++) if (!isnan(xj[i])) { s += xj[i]; m++; }
        it->n = m;
        it->mean = m ? (double)(s / m) : NAN;
        it->sd = NAN;
        if (m >= 2) {
            long double ss = 0, mu = s / m;
            for (size_t i = 0; i < n; i++) if (!isnan(xj[i])) ss += (xj[i] - mu) * (xj[i] - mu);
            it->sd = (double)sqrtl(ss / (m - 1));
        }
        it->dropped = !(it->sd > 0);
        it->r_drop = it->r_total = it->alpha_drop = it->std_alpha_drop = it->average_r_drop = NAN;
        use[j] = !it->dropped;
        kept += use[j];
    }
    if (kept < 2) {
        snprintf(err, errlen, "alpha needs at least two items that vary; %zu of %zu do", kept, k);
        goto done;
    }

    for (size_t i = 0; i < k; i++) {
        if (!use[i]) continue;
        for (size_t j = i; j < k; j++) {
            if (!use[j]) continue;
            double c;
            if (pair_cov(x + i * n, x + j * n, n, &c) != 0) {
                *bad_item = (int)i; *bad_item2 = (int)j;
                snprintf(err, errlen, "items %zu and %zu have fewer than two respondents in common", i + 1, j + 1);
                goto done;
            }
            C[i * k + j] = C[j * k + i] = c;
        }
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            if (use[i] && use[j]) R[i * k + j] = C[i * k + j] / sqrt(C[i * k + i] * C[j * k + j]);
    for (size_t i = 0; i < k; i++) if (use[i]) R[i * k + i] = 1.0; /* cov2cor sets the diagonal to 1 */

    tot->nitems = kept;
    alpha1(C, R, k, use, &tot->alpha, &tot->std_alpha, &tot->average_r);

    /* The respondent's mean of valid items (psych's total) and its statistics. */
    long double ts = 0;
    size_t tn = 0;
    for (size_t i = 0; i < n; i++) {
        long double s = 0;
        size_t m = 0;
        for (size_t j = 0; j < k; j++)
            if (use[j] && !isnan(x[j * n + i])) { s += x[j * n + i]; m++; }
        total[i] = m ? (double)(s / m) : NAN;
        if (m) { ts += total[i]; tn++; }
    }
    tot->n = tn;
    tot->mean = tn ? (double)(ts / tn) : NAN;
    tot->sd = NAN;
    if (tn >= 2) {
        long double ss = 0, mu = ts / tn;
        for (size_t i = 0; i < n; i++) if (!isnan(total[i])) ss += (total[i] - mu) * (total[i] - mu);
        tot->sd = (double)sqrtl(ss / (tn - 1));
    }

    for (size_t i = 0; i < k; i++) {
        if (!use[i]) continue;
        AlphaItem *it = &items[i];
        it->r_total = pair_cor(total, x + i * n, n);
        long double vdrop = 0, cdrop = 0;
        for (size_t a = 0; a < k; a++) {
            if (!use[a]) continue;
            if (a != i) cdrop += C[a * k + i];
            for (size_t b = 0; b < k; b++)
                if (use[b] && a != i && b != i) vdrop += C[a * k + b];
        }
        it->r_drop = (double)(cdrop / sqrtl(C[i * k + i] * vdrop));
        if (kept > 2) {
            use[i] = 0;
            alpha1(C, R, k, use, &it->alpha_drop, &it->std_alpha_drop, &it->average_r_drop);
            use[i] = 1;
        } else {
            /* psych's two-item case: alpha without item i is C[1,2] / var(other item). */
            size_t o = 0;
            for (size_t a = 0; a < k; a++) if (use[a] && a != i) o = a;
            it->alpha_drop = C[i * k + o] / C[o * k + o];
            it->std_alpha_drop = it->average_r_drop = R[i * k + o];
        }
    }
    rc = 0;
done:
    free(C); free(R); free(total); free(use);
    return rc;
}
