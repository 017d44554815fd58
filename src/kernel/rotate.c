/* rotate.c: varimax (stats::varimax) and oblimin (GPArotation::GPFoblq with vgQ.oblimin),
 * step for step as R computes them (contracts in rotate.h). */
#include "kernel/rotate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/linalg.h"

/* c (p x k) = a (p x k) b (k x k) */
static void mul_pk_kk(const double *a, const double *b, size_t p, size_t k, double *c) {
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t l = 0; l < k; l++) s += a[i * k + l] * b[l * k + j];
            c[i * k + j] = s;
        }
}

/* c (k x k) = a' b for p x k a and b */
static void crossprod_pk(const double *a, const double *b, size_t p, size_t k, double *c) {
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t l = 0; l < p; l++) s += a[l * k + i] * b[l * k + j];
            c[i * k + j] = s;
        }
}

int rot_varimax(double *l, size_t p, size_t k, double eps, int *iterations, int *converged) {
    const int maxit = 1000;   /* fixed in stats::varimax */
    *iterations = 0;
    *converged = 0;
    if (k < 2) { *converged = 1; return 0; }
    double *sc = malloc(p * sizeof *sc);
    double *x = malloc(p * k * sizeof *x);
    double *z = malloc(p * k * sizeof *z);
    double *mm = malloc(p * k * sizeof *mm);
    double *tt = malloc(k * k * sizeof *tt);
    double *b = malloc(k * k * sizeof *b);
    double *colsq = malloc(k * sizeof *colsq);
    int rc = 0;
    if (!sc || !x || !z || !mm || !tt || !b || !colsq) { rc = -1; goto done; }
    /* normalize = TRUE: rows to unit length (Kaiser) */
    for (size_t i = 0; i < p; i++) {
        long double s = 0;
        for (size_t j = 0; j < k; j++) s += (long double)l[i * k + j] * l[i * k + j];
        sc[i] = sqrt((double)s);
        for (size_t j = 0; j < k; j++) x[i * k + j] = l[i * k + j] / sc[i];
    }
    for (size_t i = 0; i < k * k; i++) tt[i] = 0;
    for (size_t i = 0; i < k; i++) tt[i * k + i] = 1;
    double d = 0;
    for (int it = 1; it <= maxit; it++) {
        *iterations = it;
        mul_pk_kk(x, tt, p, k, z);
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t i = 0; i < p; i++) s += z[i * k + j] * z[i * k + j];
            colsq[j] = s;
        }
        for (size_t i = 0; i < p; i++)
            for (size_t j = 0; j < k; j++) {
                double v = z[i * k + j];
                mm[i * k + j] = v * v * v - v * colsq[j] / (double)p;
            }
        crossprod_pk(x, mm, p, k, b);
        double dpast = d;
        if (la_polar(b, k, tt, &d) != 0) { rc = -2; goto done; }
        if (d < dpast * (1 + eps)) { *converged = 1; break; }
    }
    mul_pk_kk(x, tt, p, k, z);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < k; j++) l[i * k + j] = z[i * k + j] * sc[i];
done:
    free(sc); free(x); free(z); free(mm); free(tt); free(b); free(colsq);
    return rc;
}

/* vgQ.oblimin with gam = 0: gq = L * (L^2 N), N = 1 - I; returns f = sum(L^2 * (L^2 N)) / 4. */
static double oblimin_criterion(const double *lo, size_t p, size_t k, double *gq) {
    long double f = 0;
    for (size_t i = 0; i < p; i++) {
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t m = 0; m < k; m++)
                if (m != j) s += lo[i * k + m] * lo[i * k + m];
            gq[i * k + j] = lo[i * k + j] * s;
            f += (long double)lo[i * k + j] * lo[i * k + j] * s;
        }
    }
    return (double)(f / 4);
}

/* lo = a (t^-1)' for the rotation t; ti gets t^-1. */
static int pattern(const double *a, const double *t, size_t p, size_t k, double *ti, double *lo) {
    if (la_inverse(t, k, ti) != 0) return -2;
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t m = 0; m < k; m++) s += a[i * k + m] * ti[j * k + m];
            lo[i * k + j] = s;
        }
    return 0;
}

/* g = -(lo' gq ti)' */
static void gradient(const double *lo, const double *gq, const double *ti, size_t p, size_t k,
                     double *tmp, double *g) {
    crossprod_pk(lo, gq, p, k, tmp);   /* lo' gq */
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t m = 0; m < k; m++) s += tmp[i * k + m] * ti[m * k + j];
            g[j * k + i] = -s;
        }
}

int rot_oblimin(double *l, size_t p, size_t k, double eps, int maxit, double *phi,
                int *iterations, int *converged) {
    *iterations = 0;
    *converged = 0;
    size_t kk = k * k;
    double *a = malloc(p * k * sizeof *a);
    double *lo = malloc(p * k * sizeof *lo);
    double *gq = malloc(p * k * sizeof *gq);
    double *w = malloc(8 * kk * sizeof *w);
    int rc = 0;
    if (!a || !lo || !gq || !w) { rc = -1; goto done; }
    double *t = w, *ti = w + kk, *g = w + 2 * kk, *gp = w + 3 * kk, *x = w + 4 * kk,
           *tt = w + 5 * kk, *tmp = w + 6 * kk, *csum = w + 7 * kk;
    memcpy(a, l, p * k * sizeof *a);
    for (size_t i = 0; i < kk; i++) t[i] = 0;
    for (size_t i = 0; i < k; i++) t[i * k + i] = 1;
    if ((rc = pattern(a, t, p, k, ti, lo)) != 0) goto done;
    double f = oblimin_criterion(lo, p, k, gq);
    gradient(lo, gq, ti, p, k, tmp, g);
    double al = 1, s = 0;
    for (int iter = 0; iter <= maxit; iter++) {
        *iterations = iter;
        for (size_t j = 0; j < k; j++) {
            double c = 0;
            for (size_t i = 0; i < k; i++) c += t[i * k + j] * g[i * k + j];
            csum[j] = c;
        }
        long double ss = 0;
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < k; j++) {
                gp[i * k + j] = g[i * k + j] - t[i * k + j] * csum[j];
                ss += (long double)gp[i * k + j] * gp[i * k + j];
            }
        s = sqrt((double)ss);
        if (s < eps) break;
        al = 2 * al;
        double ft = f;
        for (int h = 0; h <= 10; h++) {
            for (size_t i = 0; i < kk; i++) x[i] = t[i] - al * gp[i];
            for (size_t j = 0; j < k; j++) {
                long double c = 0;
                for (size_t i = 0; i < k; i++) c += (long double)x[i * k + j] * x[i * k + j];
                double v = 1 / sqrt((double)c);
                for (size_t i = 0; i < k; i++) tt[i * k + j] = x[i * k + j] * v;
            }
            if ((rc = pattern(a, tt, p, k, ti, lo)) != 0) goto done;
            ft = oblimin_criterion(lo, p, k, gq);
            if (f - ft > 0.5 * s * s * al) break;
            al = al / 2;
        }
        memcpy(t, tt, kk * sizeof *t);
        f = ft;
        gradient(lo, gq, ti, p, k, tmp, g);
    }
    *converged = s < eps;
    memcpy(l, lo, p * k * sizeof *l);
    la_mul_atb(t, t, k, k, k, phi);
done:
    free(a); free(lo); free(gq); free(w);
    return rc;
}
