/* svytest.c: Rao-Scott F test and two-group t test for complex samples (see svytest.h).
 * The formulas follow survey 4.x: svychisq.survey.design (statistic "F") and
 * svyttest.default (svyglm with one binary regressor), variances by onestage/onestrat. */
#include "svytest.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "distr.h"

static void seterr(char *err, size_t errlen, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Dense codes 0..k-1 for keys, in ascending key order; returns k or -1 (out of memory). */
static long dense(const int64_t *key, size_t n, int32_t *code) {
    int64_t *s = malloc((n ? n : 1) * sizeof *s);
    if (!s) return -1;
    memcpy(s, key, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_i64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) if (i == 0 || s[i] != s[k - 1]) s[k++] = s[i];
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = k;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (s[mid] < key[i]) lo = mid + 1; else hi = mid;
        }
        code[i] = (int32_t)lo;
    }
    free(s);
    return (long)k;
}

void st_design_free(StDesign *d) {
    free(d->psu); free(d->psu_stratum); free(d->stratum_npsu); free(d->stratum_code);
    memset(d, 0, sizeof *d);
}

int st_design_init(StDesign *d, size_t n, const double *w, const int32_t *cluster,
                   const int32_t *stratum, StLonely lonely, char *err, size_t errlen) {
    memset(d, 0, sizeof *d);
    d->n = n;
    d->w = w;
    d->lonely = lonely;
    int64_t *key = NULL;
    int32_t *scode = NULL;
    if (w)
        for (size_t i = 0; i < n; i++)
            if (!(w[i] >= 0) || isinf(w[i])) {
                seterr(err, errlen, "weight in row %zu is %s, expected a finite number >= 0", i + 1,
                       w[i] != w[i] ? "missing" : "negative or infinite");
                return -1;
            }
    key = calloc(n ? n : 1, sizeof *key);
    scode = malloc((n ? n : 1) * sizeof *scode);
    d->psu = malloc((n ? n : 1) * sizeof *d->psu);
    if (!key || !scode || !d->psu) goto oom;
    for (size_t i = 0; i < n; i++) {
        if (stratum && stratum[i] < 0) { seterr(err, errlen, "stratum missing in row %zu", i + 1); goto fail; }
        if (cluster && cluster[i] < 0) { seterr(err, errlen, "cluster missing in row %zu", i + 1); goto fail; }
        key[i] = stratum ? stratum[i] : 0;
    }
    long ns = dense(key, n, scode);
    if (ns < 0) goto oom;
    d->nstrata = (size_t)ns;
    for (size_t i = 0; i < n; i++)
        key[i] = ((int64_t)scode[i] << 32) | (int64_t)(cluster ? cluster[i] : (int32_t)i);
    long np = dense(key, n, d->psu);
    if (np < 0) goto oom;
    d->npsu = (size_t)np;
    d->psu_stratum = malloc((d->npsu ? d->npsu : 1) * sizeof *d->psu_stratum);
    d->stratum_npsu = calloc(d->nstrata ? d->nstrata : 1, sizeof *d->stratum_npsu);
    d->stratum_code = malloc((d->nstrata ? d->nstrata : 1) * sizeof *d->stratum_code);
    if (!d->psu_stratum || !d->stratum_npsu || !d->stratum_code) goto oom;
    for (size_t i = 0; i < n; i++) {
        d->psu_stratum[d->psu[i]] = scode[i];
        d->stratum_code[scode[i]] = stratum ? stratum[i] : 0;
    }
    for (size_t p = 0; p < d->npsu; p++) d->stratum_npsu[d->psu_stratum[p]]++;
    free(key); free(scode);
    return 0;
oom:
    seterr(err, errlen, "out of memory");
fail:
    free(key); free(scode);
    st_design_free(d);
    return -1;
}

int st_vcov(const StDesign *d, size_t K, const double *z, double *V, char *err, size_t errlen) {
    size_t n = d->n, P = d->npsu, H = d->nstrata;
    double *T = calloc((P ? P : 1) * K, sizeof *T);     /* PSU totals, T[p*K + k] */
    double *M = calloc((H ? H : 1) * K, sizeof *M);     /* stratum means of the totals */
    if (!T || !M) { free(T); free(M); seterr(err, errlen, "out of memory"); return -1; }
    for (size_t k = 0; k < K; k++)
        for (size_t i = 0; i < n; i++) T[(size_t)d->psu[i] * K + k] += z[k * n + i];
    for (size_t p = 0; p < P; p++)
        for (size_t k = 0; k < K; k++) M[(size_t)d->psu_stratum[p] * K + k] += T[p * K + k];
    for (size_t h = 0; h < H; h++)
        for (size_t k = 0; k < K; k++) M[h * K + k] /= d->stratum_npsu[h];
    memset(V, 0, K * K * sizeof *V);
    size_t nok = H;
    unsigned char *bad = calloc(H ? H : 1, 1);
    if (!bad) { free(T); free(M); seterr(err, errlen, "out of memory"); return -1; }
    for (size_t h = 0; h < H; h++) {
        if (d->stratum_npsu[h] > 1) continue;
        switch (d->lonely) {
        case ST_LONELY_ADJUST: break;
        case ST_LONELY_CERTAINTY: case ST_LONELY_REMOVE: bad[h] = 2; break;  /* zero */
        case ST_LONELY_AVERAGE: bad[h] = 1; nok--; break;                      /* NA */
        case ST_LONELY_FAIL:
            seterr(err, errlen, "stratum %d has only one PSU (lonely_psu = \"fail\")", (int)d->stratum_code[h]);
            free(T); free(M); free(bad);
            return -1;
        }
    }
    for (size_t p = 0; p < P; p++) {
        size_t h = (size_t)d->psu_stratum[p];
        if (bad[h]) continue;
        double nh = d->stratum_npsu[h];
        double scale = nh > 1 ? nh / (nh - 1) : 1.0;
        for (size_t a = 0; a < K; a++) {
            double ea = T[p * K + a] - (nh > 1 ? M[h * K + a] : 0.0);
            for (size_t b = 0; b <= a; b++) {
                double eb = T[p * K + b] - (nh > 1 ? M[h * K + b] : 0.0);
                V[a * K + b] += scale * ea * eb;
            }
        }
    }
    double f = nok > 0 ? (double)H / (double)nok : NAN;
    for (size_t a = 0; a < K; a++)
        for (size_t b = 0; b <= a; b++) V[b * K + a] = V[a * K + b] = V[a * K + b] * f;
    free(T); free(M); free(bad);
    return 0;
}

/* Solves A X = B in place (A m x m, B m x q, row-major) by Gaussian elimination with partial
 * pivoting; X replaces B. Returns -1 when A is singular. */
static int solve(double *A, double *B, size_t m, size_t q) {
    for (size_t c = 0; c < m; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < m; r++) if (fabs(A[r * m + c]) > fabs(A[piv * m + c])) piv = r;
        if (A[piv * m + c] == 0) return -1;
        if (piv != c) {
            for (size_t j = 0; j < m; j++) { double t = A[c * m + j]; A[c * m + j] = A[piv * m + j]; A[piv * m + j] = t; }
            for (size_t j = 0; j < q; j++) { double t = B[c * q + j]; B[c * q + j] = B[piv * q + j]; B[piv * q + j] = t; }
        }
        for (size_t r = 0; r < m; r++) {
            if (r == c) continue;
            double f = A[r * m + c] / A[c * m + c];
            if (f == 0) continue;
            for (size_t j = c; j < m; j++) A[r * m + j] -= f * A[c * m + j];
            for (size_t j = 0; j < q; j++) B[r * q + j] -= f * B[c * q + j];
        }
    }
    for (size_t r = 0; r < m; r++)
        for (size_t j = 0; j < q; j++) B[r * q + j] /= A[r * m + r];
    return 0;
}

int st_chisq(const StDesign *d, const int32_t *row, const int32_t *col, int nr, int nc,
             StChisq *out, char *err, size_t errlen) {
    size_t n = d->n, K = (size_t)nr * (size_t)nc;
    size_t p1 = (size_t)(nr + nc - 1), m = (size_t)(nr - 1) * (size_t)(nc - 1);
    if (nr < 2 || nc < 2) { seterr(err, errlen, "a test needs at least two rows and two columns"); return -1; }
    int rc = -1;
    double *pk = calloc(K, sizeof *pk);
    double *z = calloc(K * (n ? n : 1), sizeof *z);
    double *V = calloc(K * K, sizeof *V);
    double *X1 = calloc(K * p1, sizeof *X1), *Xi = calloc(K * m, sizeof *Xi);
    double *XtX = calloc(p1 * p1, sizeof *XtX), *XtY = calloc(p1 * m, sizeof *XtY);
    double *Cm = calloc(K * m, sizeof *Cm);
    double *den = calloc(m * m, sizeof *den), *num = calloc(m * m, sizeof *num);
    double *tmp = calloc(K * m, sizeof *tmp);
    double *cellw = calloc(K, sizeof *cellw);
    double *rs = calloc((size_t)nr, sizeof *rs), *cs = calloc((size_t)nc, sizeof *cs);
    if (!cellw || !rs || !cs || !pk || !z || !V || !X1 || !Xi || !XtX || !XtY || !Cm || !den || !num || !tmp) {
        seterr(err, errlen, "out of memory");
        goto done;
    }
    /* cell proportions (svymean of the cell indicators on the valid rows) */
    long double W = 0;
    for (size_t i = 0; i < n; i++) {
        if (row[i] < 0 || col[i] < 0) continue;
        double wi = d->w ? d->w[i] : 1.0;
        W += wi;
        pk[(size_t)row[i] + (size_t)nr * (size_t)col[i]] += wi;
    }
    if (!(W > 0)) { seterr(err, errlen, "no rows with valid values and positive weight"); goto done; }
    for (size_t k = 0; k < K; k++) { cellw[k] = pk[k]; pk[k] = (double)(pk[k] / W); }
    for (size_t i = 0; i < n; i++) {
        if (row[i] < 0 || col[i] < 0) continue;
        double wi = d->w ? d->w[i] : 1.0;
        size_t ci = (size_t)row[i] + (size_t)nr * (size_t)col[i];
        for (size_t k = 0; k < K; k++) z[k * n + i] = wi * ((k == ci) - pk[k]) / (double)W;
    }
    if (st_vcov(d, K, z, V, err, errlen) != 0) goto done;

    /* Pearson X^2 on the weighted table scaled to N = all rows (svytable(Ntotal = N)) */
    double N = (double)n;
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            double o = cellw[r + nr * c] * N / (double)W;
            rs[r] += o; cs[c] += o;
        }
    double X2 = 0;
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            double o = cellw[r + nr * c] * N / (double)W, e = rs[r] * cs[c] / N;
            X2 += (o - e) * (o - e) / e;
        }

    /* Cmat: interaction dummies made orthogonal to the main effects (qr.resid(qr(X1), X12[, int])) */
    for (int c = 0; c < nc; c++)
        for (int r = 0; r < nr; r++) {
            size_t k = (size_t)r + (size_t)nr * (size_t)c;
            X1[k * p1] = 1;
            if (r > 0) X1[k * p1 + (size_t)r] = 1;
            if (c > 0) X1[k * p1 + (size_t)(nr - 1 + c)] = 1;
            if (r > 0 && c > 0) Xi[k * m + (size_t)(r - 1) + (size_t)(nr - 1) * (size_t)(c - 1)] = 1;
        }
    for (size_t a = 0; a < p1; a++)
        for (size_t b = 0; b < p1; b++) {
            double s = 0;
            for (size_t k = 0; k < K; k++) s += X1[k * p1 + a] * X1[k * p1 + b];
            XtX[a * p1 + b] = s;
        }
    for (size_t a = 0; a < p1; a++)
        for (size_t j = 0; j < m; j++) {
            double s = 0;
            for (size_t k = 0; k < K; k++) s += X1[k * p1 + a] * Xi[k * m + j];
            XtY[a * m + j] = s;
        }
    if (solve(XtX, XtY, p1, m) != 0) { seterr(err, errlen, "singular design of the table"); goto done; }
    for (size_t k = 0; k < K; k++)
        for (size_t j = 0; j < m; j++) {
            double s = 0;
            for (size_t a = 0; a < p1; a++) s += X1[k * p1 + a] * XtY[a * m + j];
            Cm[k * m + j] = Xi[k * m + j] - s;
        }
    /* denom = C' D^-1 C / N; numr = C' D^-1 V D^-1 C (D^-1 with 0 for empty cells) */
    for (size_t k = 0; k < K; k++) {
        double id = pk[k] == 0 ? 0.0 : 1.0 / pk[k];
        for (size_t j = 0; j < m; j++) tmp[k * m + j] = id * Cm[k * m + j];   /* D^-1 C */
    }
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double s = 0;
            for (size_t k = 0; k < K; k++) s += Cm[k * m + a] * tmp[k * m + b];
            den[a * m + b] = s / N;
        }
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double s = 0;
            for (size_t k = 0; k < K; k++) {
                if (tmp[k * m + a] == 0) continue;
                double t = 0;
                for (size_t l = 0; l < K; l++) t += V[k * K + l] * tmp[l * m + b];
                s += tmp[k * m + a] * t;
            }
            num[a * m + b] = s;
        }
    if (solve(den, num, m, m) != 0) { seterr(err, errlen, "the table has an empty row or column"); goto done; }
    double tr = 0, tr2 = 0;
    for (size_t a = 0; a < m; a++) {
        tr += num[a * m + a];
        for (size_t b = 0; b < m; b++) tr2 += num[a * m + b] * num[b * m + a];
    }
    out->X2 = X2;
    out->X2_df = (double)m;
    out->X2_p = pl_pchisq_upper(X2, (double)m);
    out->trace = tr;
    out->d0 = tr * tr / tr2;
    out->nu = (double)d->npsu - (double)d->nstrata;
    out->F = X2 / tr;
    out->ndf = out->d0;
    out->ddf = out->d0 * out->nu;
    out->p = out->ddf > 0 ? pl_pf_upper(out->F, out->ndf, out->ddf) : NAN;
    rc = 0;
done:
    free(pk); free(z); free(V); free(X1); free(Xi); free(XtX); free(XtY); free(Cm);
    free(den); free(num); free(tmp); free(cellw); free(rs); free(cs);
    return rc;
}

int st_ttest(const StDesign *d, const double *y, const int32_t *g, double conf, StTtest *out,
             char *err, size_t errlen) {
    size_t n = d->n;
    long double sw[2] = {0, 0}, swy[2] = {0, 0};
    double cnt[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (g[i] < 0 || y[i] != y[i]) continue;
        double wi = d->w ? d->w[i] : 1.0;
        sw[g[i]] += wi;
        swy[g[i]] += wi * y[i];
        cnt[g[i]] += 1;
    }
    if (!(sw[0] > 0) || !(sw[1] > 0)) {
        seterr(err, errlen, "each of the two groups needs rows with a valid value and positive weight");
        return -1;
    }
    double m0 = (double)(swy[0] / sw[0]), m1 = (double)(swy[1] / sw[1]);
    double *z = calloc(n ? n : 1, sizeof *z);
    unsigned char *seenp = calloc(d->npsu ? d->npsu : 1, 1);
    unsigned char *seens = calloc(d->nstrata ? d->nstrata : 1, 1);
    if (!z || !seenp || !seens) {
        free(z); free(seenp); free(seens);
        seterr(err, errlen, "out of memory");
        return -1;
    }
    double np = 0, nsr = 0;
    for (size_t i = 0; i < n; i++) {
        if (g[i] < 0 || y[i] != y[i]) continue;
        double wi = d->w ? d->w[i] : 1.0;
        z[i] = g[i] == 1 ? wi * (y[i] - m1) / (double)sw[1] : -wi * (y[i] - m0) / (double)sw[0];
        if (wi > 0) {
            int32_t p = d->psu[i], h = d->psu_stratum[p];
            if (!seenp[p]) { seenp[p] = 1; np++; }
            if (!seens[h]) { seens[h] = 1; nsr++; }
        }
    }
    double v;
    int rc = st_vcov(d, 1, z, &v, err, errlen);
    free(z); free(seenp); free(seens);
    if (rc != 0) return -1;
    out->mean1 = m0;
    out->mean2 = m1;
    out->n1 = cnt[0];
    out->n2 = cnt[1];
    out->diff = m1 - m0;
    out->se = sqrt(v);
    out->df = np - nsr - 1;   /* svyglm: degf(design) + 1 - number of coefficients */
    out->t = out->diff / out->se;
    if (out->df > 0) {
        out->p = pl_pt2(out->t, out->df);
        double q = pl_qt(1 - (1 - conf) / 2, out->df);
        out->lo = out->diff - q * out->se;
        out->hi = out->diff + q * out->se;
    } else {
        out->p = out->lo = out->hi = NAN;
    }
    return 0;
}
