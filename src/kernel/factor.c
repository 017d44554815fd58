/* factor.c: fa_fit, the factor extraction psych::fa / psych::principal perform (contract in
 * factor.h). In psych's order:
 *   minres / ml (psych:::fac): start Psi = 1 - smc(R); optim(L-BFGS-B, lower = 0.005,
 *     upper = max(smc, 1), parscale = 0.01) on
 *       minres: fit.residuals, the sum of squared off-diagonal residuals of R - L L' with L
 *               from the eigen decomposition of R with 1 - Psi on the diagonal (gradient
 *               FAgr.minres: diag(L L' + Psi - R) from R - diag(Psi));
 *       ml:     FAfn, -(sum(log e - e) - k + p) over the p - k smallest eigenvalues e of
 *               Psi^-1/2 R Psi^-1/2 (gradient FAgr);
 *     loadings from the final Psi (FAout.wls / FAout);
 *   pca (psych::principal): L = eigenvectors * sqrt(eigenvalues), the first k;
 * then: column signs so that column sums are positive (loadings exactly 0 become 1e-15 in
 * fa), the rotation, signs again, and the factors ordered by the variance they explain
 * (fa: diag(Phi L'L); principal orders by diag(L'L) before the last sign change). */
#include "kernel/factor.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/factor_stats.h"
#include "kernel/lbfgsb.h"
#include "kernel/linalg.h"
#include "kernel/rotate.h"

#define PARSCALE 0.01   /* psych's control = list(parscale = rep(0.01, p)) */
#define PSI_LOWER 0.005 /* psych's lower bound on the uniquenesses */

size_t fa_max_factors(FaMethod method, size_t p) {
    if (method == FA_PCA) return p;
    size_t k = 0;
    for (size_t c = 1; c <= p; c++) {
        double P = (double)p, K = (double)c;
        if (P * (P - 1) / 2 - P * K + K * (K - 1) / 2 < 0) break;
        k = c;
    }
    return k;
}

size_t fa_result_doubles(size_t p, size_t k) {
    return p * k + 6 * p + 5 * k + k * k;
}

void fa_result_layout(FaResult *res, double *block, size_t p, size_t k) {
    memset(res, 0, sizeof *res);
    res->p = p;
    res->k = k;
    res->loadings = block; block += p * k;
    res->h2 = block; block += p;
    res->u2 = block; block += p;
    res->com = block; block += p;
    res->values = block; block += p;
    res->e_values = block; block += p;
    res->psi = block; block += p;
    res->ss = block; block += k;
    res->prop_var = block; block += k;
    res->cum_var = block; block += k;
    res->prop_expl = block; block += k;
    res->cum_expl = block; block += k;
    res->phi = block;
}

static int fail(char *err, size_t errlen, const char *fmt, const char *what) {
    snprintf(err, errlen, fmt, what);
    return -1;
}

/* --- squared multiple correlations (psych::smc, through psych's Pinv) ------------------- */

static int smc(const double *r, size_t p, double *out) {
    size_t pp = p * p;
    double *c = malloc(pp * sizeof *c), *w = malloc(p * sizeof *w), *v = malloc(pp * sizeof *v);
    int rc = -1;
    if (!c || !w || !v) goto done;
    /* cov2cor: R's scaling, then exact ones on the diagonal */
    for (size_t a = 0; a < p; a++) w[a] = sqrt(1 / r[a * p + a]);
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) c[a * p + b] = w[a] * r[a * p + b] * w[b];
    for (size_t a = 0; a < p; a++) c[a * p + a] = 1;
    if (la_sym_eigen(c, p, w, v) != 0) goto done;
    /* Pinv: singular values |w| below sqrt(eps) times the largest are dropped */
    double big = 0;
    for (size_t j = 0; j < p; j++) if (fabs(w[j]) > big) big = fabs(w[j]);
    double tol = sqrt(DBL_EPSILON) * big;
    for (size_t a = 0; a < p; a++) {
        double d = 0;
        for (size_t j = 0; j < p; j++)
            if (fabs(w[j]) > tol) d += v[a * p + j] * v[a * p + j] / w[j];
        double s = 1 - 1 / d;
        if (isnan(s)) s = 1;
        if (s > 1) s = 1;
        if (s < 0) s = 0;
        out[a] = s;
    }
    rc = 0;
done:
    free(c);
    free(w);
    free(v);
    return rc;
}

/* --- the minres / ml objective for R's optim ------------------------------------------- */

typedef struct {
    const double *r;
    size_t p, k;
    FaMethod method;
    int unit_diag;           /* diag(R) is exactly 1: one eigen decomposition serves f and g */
    double *s, *w, *v, *psi;
    double *lk, *ev;         /* p x k loadings and k eigenvalues of one evaluation */
} FitCtx;

/* fit.residuals: L = V diag(sqrt(ev)) (first k), then the sum over the lower triangle
 * (column by column, as R's lower.tri) of (R - L L')^2 */
static double offdiag_residual(const FitCtx *c, const double *ev) {
    size_t p = c->p, k = c->k;
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < k; j++) c->lk[i * k + j] = c->v[i * p + j] * sqrt(ev[j]);
    long double sum = 0;
    for (size_t b = 0; b < p; b++)
        for (size_t a = b + 1; a < p; a++) {
            double m = 0;
            for (size_t j = 0; j < k; j++) m += c->lk[a * k + j] * c->lk[b * k + j];
            double e = c->r[a * p + b] - m;
            sum += (long double)(e * e);
        }
    return (double)sum;
}

static int minres_eval(FitCtx *c, double *f, double *g) {
    size_t p = c->p, k = c->k;
    /* fit.residuals: diag(S) <- 1 - Psi; eigenvalues below eps count as 100 eps */
    memcpy(c->s, c->r, p * p * sizeof *c->s);
    for (size_t i = 0; i < p; i++) c->s[i * p + i] = 1 - c->psi[i];
    if (la_sym_eigen(c->s, p, c->w, c->v) != 0) return -1;
    for (size_t j = 0; j < k; j++) c->ev[j] = c->w[j] < DBL_EPSILON ? 100 * DBL_EPSILON : c->w[j];
    *f = offdiag_residual(c, c->ev);
    if (!isfinite(*f)) return -1;
    /* FAgr.minres: eigen of S - diag(Psi) (the same matrix when diag(R) is exactly 1) */
    if (!c->unit_diag) {
        memcpy(c->s, c->r, p * p * sizeof *c->s);
        for (size_t i = 0; i < p; i++) c->s[i * p + i] = c->r[i * p + i] - c->psi[i];
        if (la_sym_eigen(c->s, p, c->w, c->v) != 0) return -1;
    }
    for (size_t i = 0; i < p; i++) {
        double h = 0;
        for (size_t j = 0; j < k; j++) {
            double l = c->v[i * p + j] * sqrt(fmax(c->w[j], 0));
            h += l * l;
        }
        g[i] = h + c->psi[i] - c->r[i * p + i];
    }
    return 0;
}

static int ml_eval(FitCtx *c, double *f, double *g) {
    size_t p = c->p, k = c->k;
    for (size_t a = 0; a < p; a++) {
        double sa = 1 / sqrt(c->psi[a]);
        for (size_t b = 0; b < p; b++) c->s[a * p + b] = sa * c->r[a * p + b] * (1 / sqrt(c->psi[b]));
    }
    if (la_sym_eigen(c->s, p, c->w, c->v) != 0) return -1;
    long double sum = 0;
    for (size_t j = k; j < p; j++) sum += log(c->w[j]) - c->w[j];
    double e = (double)sum - (double)k + (double)p;
    *f = -e;
    if (!isfinite(*f)) return -1;
    for (size_t i = 0; i < p; i++) {
        double h = 0, sq = sqrt(c->psi[i]);
        for (size_t j = 0; j < k; j++) {
            double l = sq * (c->v[i * p + j] * sqrt(fmax(c->w[j] - 1, 0)));
            h += l * l;
        }
        g[i] = (h + c->psi[i] - c->r[i * p + i]) / (c->psi[i] * c->psi[i]);
    }
    return 0;
}

/* optim's fminfn / fmingr with parscale: f(x * parscale), g(x * parscale) * parscale */
static int fit_eval(const double *x, double *f, double *g, void *ctx) {
    FitCtx *c = ctx;
    for (size_t i = 0; i < c->p; i++) c->psi[i] = x[i] * PARSCALE;
    int rc = c->method == FA_ML ? ml_eval(c, f, g) : minres_eval(c, f, g);
    if (rc != 0) return rc;
    for (size_t i = 0; i < c->p; i++) g[i] = g[i] * PARSCALE;
    return 0;
}

/* Unrotated minres / ml loadings (p x k) into l; psi gets the uniquenesses. */
static int fit_common(const double *r, size_t p, const FaOptions *opt, double *l, double *psi,
                      FaResult *res, char *err, size_t errlen) {
    size_t k = opt->nfactors, pp = p * p;
    double *x = malloc(p * sizeof *x), *lo = malloc(p * sizeof *lo), *up = malloc(p * sizeof *up);
    FitCtx c = { r, p, k, opt->method, 1, malloc(pp * sizeof(double)), malloc(p * sizeof(double)),
                 malloc(pp * sizeof(double)), psi, malloc(p * k * sizeof(double)), malloc(k * sizeof(double)) };
    int rc = -1;
    if (!x || !lo || !up || !c.s || !c.w || !c.v || !c.lk || !c.ev) { fail(err, errlen, "%s", "out of memory"); goto done; }
    for (size_t i = 0; i < p; i++) if (r[i * p + i] != 1) c.unit_diag = 0;
    if (smc(r, p, x) != 0) { fail(err, errlen, "%s", "out of memory"); goto done; }
    double upper = 1;
    for (size_t i = 0; i < p; i++) if (x[i] > upper) upper = x[i];
    for (size_t i = 0; i < p; i++) {
        double start = r[i * p + i] - x[i];
        x[i] = start / PARSCALE;
        lo[i] = PSI_LOWER / PARSCALE;
        up[i] = upper / PARSCALE;
    }
    LbOptions o = { 5, opt->maxit, 1e7, 0 };
    LbResult lr;
    int lb = lb_minimize(p, x, lo, up, fit_eval, &c, &o, &lr);
    if (lb == LB_NOMEM) { fail(err, errlen, "%s", "out of memory"); goto done; }
    if (lb == LB_EVAL_FAILED) {
        fail(err, errlen, "%s", opt->method == FA_ML
             ? "the maximum likelihood objective is not finite: the correlation matrix is not "
               "positive definite (too few rows for the number of items, or items that are linear "
               "combinations of others); try method = \"minres\""
             : "the minres objective could not be computed");
        goto done;
    }
    if (lb != LB_OK) { fail(err, errlen, "%s", "the optimiser was given invalid input"); goto done; }
    res->fit_code = lr.code;
    res->fit_iterations = lr.iterations;
    res->fit_evaluations = lr.evaluations;
    memcpy(res->fit_message, lr.message, sizeof res->fit_message);
    res->heywood = 0;
    for (size_t i = 0; i < p; i++) {
        psi[i] = x[i] * PARSCALE;
        if (x[i] <= lo[i]) res->heywood++;
    }
    /* FAout.wls (minres) or FAout (ml) */
    if (opt->method == FA_ML) {
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                c.s[a * p + b] = (1 / sqrt(psi[a])) * r[a * p + b] * (1 / sqrt(psi[b]));
    } else {
        memcpy(c.s, r, pp * sizeof *c.s);
        for (size_t i = 0; i < p; i++) c.s[i * p + i] = r[i * p + i] - psi[i];
    }
    if (la_sym_eigen(c.s, p, c.w, c.v) != 0) { fail(err, errlen, "%s", "eigen decomposition failed"); goto done; }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < k; j++) {
            if (opt->method == FA_ML)
                l[i * k + j] = sqrt(psi[i]) * (c.v[i * p + j] * sqrt(fmax(c.w[j] - 1, 0)));
            else
                l[i * k + j] = c.v[i * p + j] * sqrt(fmax(c.w[j], 0));
        }
    rc = 0;
done:
    free(x); free(lo); free(up); free(c.s); free(c.w); free(c.v); free(c.lk); free(c.ev);
    return rc;
}

/* --- signs, order, variance explained --------------------------------------------------- */

/* Multiplies each column by the sign of its sum (0 counts as +); phi follows. */
static void positive_columns(double *l, size_t p, size_t k, double *phi) {
    for (size_t j = 0; j < k; j++) {
        long double s = 0;
        for (size_t i = 0; i < p; i++) s += l[i * k + j];
        if (s >= 0) continue;
        for (size_t i = 0; i < p; i++) l[i * k + j] = -l[i * k + j];
        if (phi)
            for (size_t m = 0; m < k; m++)
                if (m != j) { phi[j * k + m] = -phi[j * k + m]; phi[m * k + j] = -phi[m * k + j]; }
    }
}

/* diag(Phi L'L) (or diag(L'L) without phi) into v (k) */
static void explained(const double *l, size_t p, size_t k, const double *phi, double *v) {
    for (size_t j = 0; j < k; j++) {
        if (!phi) {
            long double s = 0;
            for (size_t i = 0; i < p; i++) s += (long double)l[i * k + j] * l[i * k + j];
            v[j] = (double)s;
            continue;
        }
        double s = 0;
        for (size_t m = 0; m < k; m++) {
            double ll = 0;   /* (L'L)[m, j] */
            for (size_t i = 0; i < p; i++) ll += l[i * k + m] * l[i * k + j];
            s += phi[j * k + m] * ll;
        }
        v[j] = s;
    }
}

/* Reorders the columns of l (and rows/columns of phi) by key, largest first; ties keep
 * their order (R's order(decreasing = TRUE)). */
static int order_columns(double *l, size_t p, size_t k, double *phi, const double *key) {
    size_t *ord = malloc(k * sizeof *ord);
    double *tmp = malloc((p * k + k * k) * sizeof *tmp);
    if (!ord || !tmp) { free(ord); free(tmp); return -1; }
    for (size_t j = 0; j < k; j++) ord[j] = j;
    for (size_t a = 1; a < k; a++) {          /* stable insertion sort */
        size_t t = ord[a], b = a;
        while (b > 0 && key[ord[b - 1]] < key[t]) { ord[b] = ord[b - 1]; b--; }
        ord[b] = t;
    }
    memcpy(tmp, l, p * k * sizeof *tmp);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < k; j++) l[i * k + j] = tmp[i * k + ord[j]];
    if (phi) {
        memcpy(tmp, phi, k * k * sizeof *tmp);
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b < k; b++) phi[a * k + b] = tmp[ord[a] * k + ord[b]];
    }
    free(ord);
    free(tmp);
    return 0;
}

static int rotate(double *l, size_t p, size_t k, FaRotate how, double *phi, FaResult *res,
                  char *err, size_t errlen) {
    res->rotate_converged = 1;
    res->rotate_iterations = 0;
    res->oblique = 0;
    if (k < 2 || how == FA_ROTATE_NONE) return 0;
    int rc;
    if (how == FA_VARIMAX) {
        rc = rot_varimax(l, p, k, 1e-5, &res->rotate_iterations, &res->rotate_converged);
    } else {
        rc = rot_oblimin(l, p, k, 1e-5, 1000, phi, &res->rotate_iterations, &res->rotate_converged);
        res->oblique = 1;
    }
    if (rc == -1) return fail(err, errlen, "%s", "out of memory");
    if (rc != 0) return fail(err, errlen, "%s: a rotation matrix is singular", how == FA_VARIMAX ? "varimax" : "oblimin");
    return 0;
}

int fa_fit(const double *r, const double *np, double n_obs, size_t p, const FaOptions *opt,
           FaResult *res, char *err, size_t errlen) {
    size_t k = opt->nfactors, pp = p * p;
    if (p < 2) return fail(err, errlen, "%s", "a factor analysis needs at least 2 items");
    if (k < 1 || k > fa_max_factors(opt->method, p)) {
        size_t most = fa_max_factors(opt->method, p);
        if (opt->method == FA_PCA)
            snprintf(err, errlen, "%zu components from %zu items: at most %zu", k, p, most);
        else
            snprintf(err, errlen, "%zu factor%s from %zu items: at most %zu (more leave negative degrees of "
                     "freedom: the model is not identified)", k, k == 1 ? "" : "s", p, most);
        return -1;
    }
    for (size_t i = 0; i < pp; i++)
        if (!isfinite(r[i])) return fail(err, errlen, "%s", "the correlation matrix has missing values");
    double *l = res->loadings, *phi = res->phi;
    double *s = malloc(pp * sizeof *s), *psi = res->psi, *key = malloc(k * sizeof *key);
    int rc = -1;
    if (!s || !key) { fail(err, errlen, "%s", "out of memory"); goto done; }
    for (size_t i = 0; i < k * k; i++) phi[i] = 0;
    for (size_t i = 0; i < k; i++) phi[i * k + i] = 1;
    if (la_sym_eigen(r, p, res->e_values, NULL) != 0) { fail(err, errlen, "%s", "eigen decomposition failed"); goto done; }

    if (opt->method == FA_PCA) {
        /* psych::principal */
        if (la_sym_eigen(r, p, res->values, s) != 0) { fail(err, errlen, "%s", "eigen decomposition failed"); goto done; }
        for (size_t i = 0; i < p; i++) {
            long double h = 0;
            for (size_t j = 0; j < k; j++) {
                double ev = res->values[j] < DBL_EPSILON ? DBL_EPSILON : res->values[j];
                l[i * k + j] = s[i * p + j] * sqrt(ev);
                h += (long double)l[i * k + j] * l[i * k + j];
            }
            res->h2[i] = (double)h;
            res->u2[i] = r[i * p + i] - res->h2[i];
            psi[i] = res->u2[i];
        }
        res->fit_code = 0;
        res->fit_iterations = res->fit_evaluations = 0;
        snprintf(res->fit_message, sizeof res->fit_message, "eigen decomposition");
        positive_columns(l, p, k, NULL);
        if (rotate(l, p, k, opt->rotate, phi, res, err, errlen) != 0) goto done;
        if (k > 1) {
            explained(l, p, k, NULL, key);
            if (order_columns(l, p, k, res->oblique ? phi : NULL, key) != 0) { fail(err, errlen, "%s", "out of memory"); goto done; }
        }
        positive_columns(l, p, k, res->oblique ? phi : NULL);
    } else {
        /* psych:::fac with fm = "minres" or "ml" */
        if (fit_common(r, p, opt, l, psi, res, err, errlen) != 0) goto done;
        positive_columns(l, p, k, NULL);
        for (size_t i = 0; i < p * k; i++) if (l[i] == 0) l[i] = 1e-15;
        for (size_t i = 0; i < p; i++) {
            double h = 0;
            for (size_t j = 0; j < k; j++) h += l[i * k + j] * l[i * k + j];
            res->h2[i] = h;
            res->u2[i] = r[i * p + i] - h;
        }
        memcpy(s, r, pp * sizeof *s);
        for (size_t i = 0; i < p; i++) s[i * p + i] = res->h2[i];
        if (la_sym_eigen(s, p, res->values, NULL) != 0) { fail(err, errlen, "%s", "eigen decomposition failed"); goto done; }
        if (rotate(l, p, k, opt->rotate, phi, res, err, errlen) != 0) goto done;
        positive_columns(l, p, k, res->oblique ? phi : NULL);
        if (k > 1) {
            explained(l, p, k, res->oblique ? phi : NULL, key);
            if (order_columns(l, p, k, res->oblique ? phi : NULL, key) != 0) { fail(err, errlen, "%s", "out of memory"); goto done; }
        }
    }
    res->ultra_heywood = 0;
    for (size_t i = 0; i < p; i++) if (res->h2[i] > 1) res->ultra_heywood++;

    /* variance accounted for */
    explained(l, p, k, res->oblique ? phi : NULL, res->ss);
    long double vtotal = 0, vsum = 0;
    for (size_t i = 0; i < p; i++) vtotal += res->h2[i] + res->u2[i];
    for (size_t j = 0; j < k; j++) vsum += res->ss[j];
    double cum = 0, cume = 0;
    for (size_t j = 0; j < k; j++) {
        res->prop_var[j] = res->ss[j] / (double)vtotal;
        cum += res->prop_var[j];
        res->cum_var[j] = cum;
        res->prop_expl[j] = res->ss[j] / (double)vsum;
        cume += res->prop_expl[j];
        res->cum_expl[j] = cume;
    }
    if (fa_stats(r, opt->method == FA_PCA ? NULL : np, n_obs, p, k, l,
                 res->oblique ? phi : NULL, res, err, errlen) != 0) goto done;
    if (opt->method == FA_PCA)   /* psych::principal does not report these */
        res->crms = res->nh = res->null_chisq = res->tli = res->rmsea = res->bic = NAN;
    rc = 0;
done:
    free(s);
    free(key);
    return rc;
}
