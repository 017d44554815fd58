/* factor_cor.c: the correlation matrix a factor analysis starts from (fa_correlation in
 * factor.h), with R's cor() arithmetic: long double sums, pairwise means and standard
 * deviations over each pair's common rows, the complete-case means with R's correction pass,
 * and cov.wt's weighted form. */
#include "kernel/factor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MIN_ROWS 3

static int fail(char *err, size_t errlen, const char *msg) {
    snprintf(err, errlen, "%s", msg);
    return -1;
}

/* R's cor(x, y, use = "pairwise") for one pair (COV_PAIRWISE_BODY): returns the number of
 * common rows; *out = the correlation, NaN when a variance over them is zero. */
static size_t pair_cor(const double *a, const double *b, size_t n, double *out) {
    long double ma = 0, mb = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(a[i]) && !isnan(b[i])) { ma += a[i]; mb += b[i]; m++; }
    *out = NAN;
    if (m < 2) return m;
    ma /= m;
    mb /= m;
    long double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(a[i]) && !isnan(b[i])) {
            long double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
    if (saa == 0 || sbb == 0) return m;
    long double n1 = (long double)(m - 1);
    saa /= n1;
    sbb /= n1;
    sab /= n1;
    sab /= sqrtl(saa) * sqrtl(sbb);
    if (sab > 1) sab = 1;
    *out = (double)sab;
    return m;
}

static int pairwise(const double *x, size_t n, size_t p, double *r, double *np, size_t *n_rows,
                    int *bad1, int *bad2, char *err, size_t errlen) {
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) {
        int any = 0;
        for (size_t j = 0; j < p && !any; j++) any = !isnan(x[j * n + i]);
        rows += any;
    }
    *n_rows = rows;
    if (rows < MIN_ROWS) return fail(err, errlen, "too few rows: fewer than 3 rows with a valid answer");
    /* items first, so that a constant item is named as such */
    for (size_t j = 0; j < p; j++) {
        double c;
        size_t m = pair_cor(x + j * n, x + j * n, n, &c);
        if (m < MIN_ROWS) {
            *bad1 = (int)j;
            return fail(err, errlen, "item has fewer than 3 valid answers");
        }
        if (isnan(c)) {
            *bad1 = (int)j;
            return fail(err, errlen, "item has no variance (every valid answer is the same)");
        }
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j <= i; j++) {
            double c;
            size_t m = pair_cor(x + i * n, x + j * n, n, &c);
            if (m < MIN_ROWS) {
                *bad1 = (int)j; *bad2 = (int)i;
                return fail(err, errlen, "items have fewer than 3 respondents in common");
            }
            if (isnan(c)) {
                *bad1 = (int)j; *bad2 = (int)i;
                return fail(err, errlen, "items have no variance over the respondents who answered both");
            }
            r[i * p + j] = r[j * p + i] = c;
            np[i * p + j] = np[j * p + i] = (double)m;
        }
    return 0;
}

/* R's cov_complete1 + cor on the rows flagged in use (m of them). */
static int complete_unweighted(const double *x, size_t n, size_t p, const unsigned char *use,
                               size_t m, double *r, double *mean, int *bad1, char *err, size_t errlen) {
    for (size_t j = 0; j < p; j++) {
        const double *xj = x + j * n;
        long double s = 0;
        for (size_t i = 0; i < n; i++) if (use[i]) s += xj[i];
        long double t = s / m;
        if (isfinite((double)t)) {
            s = 0;
            for (size_t i = 0; i < n; i++) if (use[i]) s += xj[i] - t;
            t = t + s / m;
        }
        mean[j] = (double)t;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b <= a; b++) {
            long double s = 0;
            for (size_t i = 0; i < n; i++)
                if (use[i]) s += (x[a * n + i] - mean[a]) * (x[b * n + i] - mean[b]);
            r[a * p + b] = r[b * p + a] = (double)(s / (long double)(m - 1));
        }
    for (size_t a = 0; a < p; a++) {
        mean[a] = sqrt(r[a * p + a]);   /* now the standard deviations */
        if (mean[a] == 0) {
            *bad1 = (int)a;
            return fail(err, errlen, "item has no variance over the complete rows");
        }
    }
    for (size_t a = 0; a < p; a++) {
        for (size_t b = 0; b < a; b++) {
            long double c = r[a * p + b] / (mean[a] * mean[b]);
            if (c > 1) c = 1;
            r[a * p + b] = r[b * p + a] = (double)c;
        }
        r[a * p + a] = 1.0;
    }
    return 0;
}

/* cov.wt(x, wt = w, cor = TRUE)$cor on the rows flagged in use, then cov2cor as psych::fa
 * applies it to a correlation matrix it is given. */
static int complete_weighted(const double *x, size_t n, size_t p, const double *w,
                             const unsigned char *use, double *r, double *mean, int *bad1,
                             char *err, size_t errlen) {
    long double sw = 0;
    for (size_t i = 0; i < n; i++) if (use[i]) sw += w[i];
    double s = (double)sw;
    for (size_t j = 0; j < p; j++) {
        long double c = 0;
        for (size_t i = 0; i < n; i++) if (use[i]) c += (w[i] / s) * x[j * n + i];
        mean[j] = (double)c;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b <= a; b++) {
            long double c = 0;
            for (size_t i = 0; i < n; i++)
                if (use[i]) {
                    double sq = sqrt(w[i] / s);
                    c += (sq * (x[a * n + i] - mean[a])) * (sq * (x[b * n + i] - mean[b]));
                }
            r[a * p + b] = r[b * p + a] = (double)c;
        }
    for (size_t a = 0; a < p; a++) {
        if (!(r[a * p + a] > 0)) {
            *bad1 = (int)a;
            return fail(err, errlen, "item has no variance over the complete rows");
        }
        mean[a] = 1 / sqrt(r[a * p + a]);
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b <= a; b++) r[a * p + b] = r[b * p + a] = mean[a] * r[a * p + b] * mean[b];
    /* psych turns a correlation matrix it is given into one with an exact unit diagonal
     * (cov2cor) */
    for (size_t a = 0; a < p; a++) mean[a] = sqrt(1 / r[a * p + a]);
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) r[a * p + b] = mean[a] * r[a * p + b] * mean[b];
    for (size_t a = 0; a < p; a++) r[a * p + a] = 1;
    return 0;
}

int fa_correlation(const double *x, size_t n, size_t p, const double *w, FaUse use,
                   double *r, double *np, size_t *n_rows, int *bad1, int *bad2,
                   char *err, size_t errlen) {
    *bad1 = *bad2 = -1;
    *n_rows = 0;
    if (use == FA_PAIRWISE) {
        if (w) return fail(err, errlen, "weights need complete rows (use = \"complete\")");
        return pairwise(x, n, p, r, np, n_rows, bad1, bad2, err, errlen);
    }
    unsigned char *keep = malloc(n ? n : 1);
    double *mean = malloc((p ? p : 1) * sizeof *mean);
    int rc = -1;
    if (!keep || !mean) { fail(err, errlen, "out of memory"); goto done; }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int ok = !w || w[i] > 0;
        for (size_t j = 0; j < p && ok; j++) ok = !isnan(x[j * n + i]);
        keep[i] = (unsigned char)ok;
        m += (size_t)ok;
    }
    *n_rows = m;
    if (m < MIN_ROWS) {
        fail(err, errlen, w ? "too few rows: fewer than 3 complete rows with a positive weight"
                            : "too few rows: fewer than 3 complete rows");
        goto done;
    }
    rc = w ? complete_weighted(x, n, p, w, keep, r, mean, bad1, err, errlen)
           : complete_unweighted(x, n, p, keep, m, r, mean, bad1, err, errlen);
    if (rc == 0)
        for (size_t i = 0; i < p * p; i++) np[i] = (double)m;
done:
    free(keep);
    free(mean);
    return rc;
}
