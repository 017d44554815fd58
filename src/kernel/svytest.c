/* svytest.c: Rao-Scott F test and two-group t test for complex samples (see svytest.h).
 * The formulas follow survey 4.x: svychisq.survey.design (statistic "F") and
 * svyttest.default (svyglm with one binary regressor); the design variance is svy.c's. */
#include "kernel/svytest.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/calib.h"
#include "kernel/distr.h"
#include "kernel/linalg.h"

static void seterr(char *err, size_t errlen, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Covariance matrix V[K*K] of the totals of the K influence columns z (column-major, n rows;
 * residualised in place when cal is given), from svy_rows_var: the variances of each column
 * and of each sum of two, V_ab = (var(a + b) - var(a) - var(b)) / 2. */
static int design_vcov(const SvyDesign *d, const Calibration *cal, size_t K, double *z, double *V,
                       char *err, size_t errlen) {
    size_t n = d->nrows;
    if (cal && calib_residualize(cal, z, n, K) < 0) { seterr(err, errlen, "out of memory"); return -1; }
    for (size_t a = 0; a < K; a++)
        if (svy_rows_var(d, z + a * n, &V[a * K + a], err, errlen) < 0) return -1;
    if (K < 2) return 0;
    double *sum = malloc((n ? n : 1) * sizeof *sum);
    if (!sum) { seterr(err, errlen, "out of memory"); return -1; }
    for (size_t a = 0; a < K; a++)
        for (size_t b = 0; b < a; b++) {
            for (size_t i = 0; i < n; i++) sum[i] = z[a * n + i] + z[b * n + i];
            double v;
            if (svy_rows_var(d, sum, &v, err, errlen) < 0) { free(sum); return -1; }
            V[a * K + b] = V[b * K + a] = (v - V[a * K + a] - V[b * K + b]) / 2;
        }
    free(sum);
    return 0;
}

int st_chisq(const SvyDesign *d, const Calibration *cal, const int32_t *row, const int32_t *col,
             int nr, int nc, StChisq *out, char *err, size_t errlen) {
    size_t n = d->nrows, K = (size_t)nr * (size_t)nc;
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
        double wi = svy_weight(d, i);
        W += wi;
        pk[(size_t)row[i] + (size_t)nr * (size_t)col[i]] += wi;
    }
    if (!(W > 0)) { seterr(err, errlen, "no rows with valid values and positive weight"); goto done; }
    for (size_t k = 0; k < K; k++) { cellw[k] = pk[k]; pk[k] = (double)(pk[k] / W); }
    for (size_t i = 0; i < n; i++) {
        if (row[i] < 0 || col[i] < 0) continue;
        double wi = svy_weight(d, i);
        size_t ci = (size_t)row[i] + (size_t)nr * (size_t)col[i];
        for (size_t k = 0; k < K; k++) z[k * n + i] = wi * ((k == ci) - pk[k]) / (double)W;
    }
    if (design_vcov(d, cal, K, z, V, err, errlen) != 0) goto done;

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
    la_mul_atb(X1, X1, p1, p1, K, XtX);
    la_mul_atb(X1, Xi, p1, m, K, XtY);
    int solved = la_solve(XtX, p1, XtY, m, XtY);
    if (solved == -1) { seterr(err, errlen, "out of memory"); goto done; }
    if (solved != 0) { seterr(err, errlen, "singular design of the table"); goto done; }
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
    solved = la_solve(den, m, num, m, num);
    if (solved == -1) { seterr(err, errlen, "out of memory"); goto done; }
    if (solved != 0) { seterr(err, errlen, "the table has an empty row or column"); goto done; }
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

int st_ttest(const SvyDesign *d, const Calibration *cal, const double *y, const int32_t *g,
             double conf, StTtest *out, char *err, size_t errlen) {
    size_t n = d->nrows;
    long double sw[2] = {0, 0}, swy[2] = {0, 0};
    double cnt[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (g[i] < 0 || y[i] != y[i]) continue;
        double wi = svy_weight(d, i);
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
        double wi = svy_weight(d, i);
        z[i] = g[i] == 1 ? wi * (y[i] - m1) / (double)sw[1] : -wi * (y[i] - m0) / (double)sw[0];
        if (wi > 0) {
            int32_t p = svy_psu(d, i), h = svy_psu_stratum(d, (size_t)p);
            if (!seenp[p]) { seenp[p] = 1; np++; }
            if (!seens[h]) { seens[h] = 1; nsr++; }
        }
    }
    double v;
    int rc = design_vcov(d, cal, 1, z, &v, err, errlen);
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
