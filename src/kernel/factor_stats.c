/* factor_stats.c: psych's fa.stats (contract in factor_stats.h).
 *   residual = R - L Phi L';  dof = p(p-1)/2 - pk + k(k-1)/2
 *   with pairwise counts N (fa on raw data): chi = sum_offdiag(residual^2 N),
 *     nh = harmonic mean of N, rms = sqrt(chi / (nh p (p-1))), crms = sqrt(chi / (2 nh dof));
 *   without (principal): chi = n.obs sum_offdiag(residual^2), rms = sqrt(sum / (p (p-1)));
 *   objective = tr(M^-1 R) - log det(M^-1 R) - p, M = L Phi L' with diag(R), both smoothed;
 *   STATISTIC = objective ((n.obs - 1) - (2p + 5)/6 - 2k/3), and the null model, TLI,
 *   RMSEA (point estimate) and BIC from it. */
#include "kernel/factor_stats.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/distr.h"
#include "kernel/linalg.h"

int fa_cor_smooth(double *x, size_t p) {
    double *w = malloc(p * sizeof *w), *v = malloc(p * p * sizeof *v);
    int rc = 0;
    if (!w || !v || la_sym_eigen(x, p, w, v) != 0) { rc = -1; goto done; }
    if (w[p - 1] < DBL_EPSILON) {
        long double tot = 0;
        for (size_t j = 0; j < p; j++) {
            if (w[j] < 1e-12) w[j] = 100 * 1e-12;
            tot += w[j];
        }
        for (size_t j = 0; j < p; j++) w[j] = w[j] * (double)p / (double)tot;
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) {
                double s = 0;
                for (size_t j = 0; j < p; j++) s += v[a * p + j] * w[j] * v[b * p + j];
                x[a * p + b] = s;
            }
        for (size_t a = 0; a < p; a++) w[a] = sqrt(1 / x[a * p + a]);
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) x[a * p + b] = w[a] * x[a * p + b] * w[b];
        for (size_t a = 0; a < p; a++) x[a * p + a] = 1;
        rc = 1;
    }
done:
    free(w);
    free(v);
    return rc;
}

/* tr(x) - log(det(x)) - p */
static double ml_objective(const double *x, size_t p, int *nomem) {
    double det;
    if (la_det(x, p, &det) != 0) { *nomem = 1; return NAN; }
    long double tr = 0;
    for (size_t i = 0; i < p; i++) tr += x[i * p + i];
    return (double)tr - log(det) - (double)p;
}

int fa_stats(const double *r, const double *np, double n_obs, size_t p, size_t k,
             const double *l, const double *phi, FaResult *res, char *err, size_t errlen) {
    size_t pp = p * p;
    double *model = malloc(pp * sizeof *model), *rs = malloc(pp * sizeof *rs);
    double *x = malloc(pp * sizeof *x), *lp = calloc(p * k + 1, sizeof *lp);
    int rc = -1, nomem = 0;
    if (!model || !rs || !x || !lp) goto done;
    double P = (double)p, K = (double)k;

    /* Hoffman's complexity of each row of the pattern loadings */
    for (size_t i = 0; i < p; i++) {
        long double s2 = 0, s4 = 0;
        for (size_t j = 0; j < k; j++) {
            double a = l[i * k + j] * l[i * k + j];
            s2 += a;
            s4 += a * a;
        }
        res->com[i] = (double)(s2 * s2 / s4);
    }
    /* model = L Phi L' */
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            if (phi)
                for (size_t m = 0; m < k; m++) s += l[i * k + m] * phi[m * k + j];
            else
                s = l[i * k + j];
            lp[i * k + j] = s;
        }
    la_mul_abt(lp, l, p, p, k, model);
    long double r2 = 0, rstar2 = 0, rstar_off = 0, r2_off, trr = 0;
    for (size_t a = 0; a < p; a++) {
        trr += r[a * p + a];
        for (size_t b = 0; b < p; b++) {
            double e = r[a * p + b] - model[a * p + b];
            r2 += (long double)r[a * p + b] * r[a * p + b];
            rstar2 += (long double)e * e;
        }
    }
    res->dof = P * (P - 1) / 2 - P * K + K * (K - 1) / 2;
    double dof = res->dof;
    if (np) {
        long double num = 0, r2n = 0, trn = 0, inv = 0;
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) {
                double e = a == b ? 0 : r[a * p + b] - model[a * p + b];
                double rr = r[a * p + b] * r[a * p + b] * np[a * p + b];
                num += (long double)e * e * np[a * p + b];
                r2n += rr;
                if (a == b) trn += rr;
                inv += 1 / (long double)np[a * p + b];
            }
        rstar_off = num;
        r2_off = r2n - trn;
        res->emp_chisq = (double)rstar_off;
        res->nh = (double)(1 / (inv / (long double)pp));
        res->rms = sqrt((double)rstar_off / (res->nh * P * (P - 1)));
        res->crms = dof > 0 ? sqrt((double)rstar_off / (2 * res->nh * dof)) : NAN;
    } else {
        long double num = 0;
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                if (a != b) {
                    double e = r[a * p + b] - model[a * p + b];
                    num += (long double)e * e;
                }
        rstar_off = num;
        r2_off = r2 - trr;
        res->emp_chisq = (double)rstar_off * n_obs;
        res->nh = n_obs;
        res->rms = sqrt((double)rstar_off / (P * (P - 1)));
        res->crms = dof > 0 ? sqrt((double)rstar_off / (2 * dof)) : NAN;
    }
    res->emp_p = dof > 0 ? pl_pchisq_upper(res->emp_chisq, dof) : NAN;
    res->fit = (double)(1 - rstar2 / r2);
    res->fit_off = (double)(1 - rstar_off / r2_off);

    /* the likelihood objective on the smoothed model and correlations */
    for (size_t a = 0; a < p; a++) model[a * p + a] = r[a * p + a];
    memcpy(rs, r, pp * sizeof *rs);
    int sm1 = fa_cor_smooth(model, p), sm2 = fa_cor_smooth(rs, p);
    if (sm1 < 0 || sm2 < 0) goto done;
    res->smoothed = sm1 || sm2;
    int solved = la_solve(model, p, rs, p, x);
    if (solved == -1) goto done;
    if (solved != 0)   /* singular: psych uses the identity (and warns the fits are wrong) */
        for (size_t i = 0; i < pp; i++) x[i] = (i % (p + 1)) == 0;
    double obj = ml_objective(x, p, &nomem);
    if (nomem) goto done;
    if (isinf(obj)) obj = (double)rstar2;
    res->objective = obj;
    res->n_obs = n_obs;
    double nm = (n_obs - 1) - (2 * P + 5) / 6 - (2 * K) / 3;
    double chisq = obj * nm;
    res->chisq = (!isnan(chisq) && chisq < 0) ? 0 : chisq;
    res->chisq_p = dof > 0 ? pl_pchisq_upper(res->chisq, dof) : NAN;
    double f0 = ml_objective(rs, p, &nomem);
    if (nomem) goto done;
    if (isinf(f0)) f0 = (double)r2;
    res->null_objective = f0;
    res->null_dof = P * (P - 1) / 2;
    res->null_chisq = f0 * ((n_obs - 1) - (2 * P + 5) / 6);
    double mm = obj / dof, m0 = f0 * 2 / (P * (P - 1));
    res->tli = (m0 - mm) / (m0 - 1 / nm);
    if (dof > 0 && !isnan(obj)) {
        res->rmsea = sqrt(fmax(chisq / (dof * n_obs) - 1 / (n_obs - 1), 0));
        res->bic = chisq - dof * log(n_obs);
    } else {
        res->rmsea = res->bic = NAN;
    }
    rc = 0;
done:
    if (rc != 0) snprintf(err, errlen, "out of memory");
    free(model);
    free(rs);
    free(x);
    free(lp);
    return rc;
}
