/* linalg.c: symmetric eigen decomposition, polar factor, inverse, solve, determinant
 * (contracts in linalg.h). */
#include "kernel/linalg.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Householder reduction of the symmetric matrix held in v (n x n, row-major) to tridiagonal
 * form: on return d holds the diagonal, e[1..n-1] the subdiagonal (e[0] = 0) and v the
 * orthogonal matrix of the accumulated transformations. (The classic tred2 scheme.) */
static void tridiagonalize(size_t n, double *v, double *d, double *e) {
    for (size_t j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
    for (size_t i = n - 1; i > 0; i--) {
        double scale = 0, h = 0;
        for (size_t k = 0; k < i; k++) scale += fabs(d[k]);
        if (scale == 0) {
            e[i] = d[i - 1];
            for (size_t j = 0; j < i; j++) {
                d[j] = v[(i - 1) * n + j];
                v[i * n + j] = 0;
                v[j * n + i] = 0;
            }
        } else {
            for (size_t k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
            double f = d[i - 1], g = sqrt(h);
            if (f > 0) g = -g;
            e[i] = scale * g;
            h -= f * g;
            d[i - 1] = f - g;
            for (size_t j = 0; j < i; j++) e[j] = 0;
            for (size_t j = 0; j < i; j++) {
                f = d[j];
                v[j * n + i] = f;
                g = e[j] + v[j * n + j] * f;
                for (size_t k = j + 1; k < i; k++) {
                    g += v[k * n + j] * d[k];
                    e[k] += v[k * n + j] * f;
                }
                e[j] = g;
            }
            f = 0;
            for (size_t j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
            double hh = f / (h + h);
            for (size_t j = 0; j < i; j++) e[j] -= hh * d[j];
            for (size_t j = 0; j < i; j++) {
                f = d[j];
                g = e[j];
                for (size_t k = j; k < i; k++) v[k * n + j] -= f * e[k] + g * d[k];
                d[j] = v[(i - 1) * n + j];
                v[i * n + j] = 0;
            }
        }
        d[i] = h;
    }
    /* accumulate the transformations */
    for (size_t i = 0; i + 1 < n; i++) {
        v[(n - 1) * n + i] = v[i * n + i];
        v[i * n + i] = 1;
        double h = d[i + 1];
        if (h != 0) {
            for (size_t k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
            for (size_t j = 0; j <= i; j++) {
                double g = 0;
                for (size_t k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
                for (size_t k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
            }
        }
        for (size_t k = 0; k <= i; k++) v[k * n + i + 1] = 0;
    }
    for (size_t j = 0; j < n; j++) {
        d[j] = v[(n - 1) * n + j];
        v[(n - 1) * n + j] = 0;
    }
    v[(n - 1) * n + n - 1] = 1;
    e[0] = 0;
}

/* Implicit QL with shifts on the tridiagonal (d, e) from tridiagonalize, rotating the columns
 * of v along. Returns 0, or -2 when an eigenvalue needs more than 30 iterations. */
static int tridiagonal_ql(size_t n, double *v, double *d, double *e) {
    for (size_t i = 1; i < n; i++) e[i - 1] = e[i];
    e[n - 1] = 0;
    double f = 0, tst1 = 0;
    const double eps = DBL_EPSILON;
    for (size_t l = 0; l < n; l++) {
        double t = fabs(d[l]) + fabs(e[l]);
        if (t > tst1) tst1 = t;
        size_t m = l;
        while (m < n - 1 && fabs(e[m]) > eps * tst1) m++;
        if (m > l) {
            int iter = 0;
            do {
                if (++iter > 30) return -2;
                double g = d[l];
                double p = (d[l + 1] - g) / (2 * e[l]);
                double r = hypot(p, 1.0);
                if (p < 0) r = -r;
                d[l] = e[l] / (p + r);
                d[l + 1] = e[l] * (p + r);
                double dl1 = d[l + 1];
                double h = g - d[l];
                for (size_t i = l + 2; i < n; i++) d[i] -= h;
                f += h;
                p = d[m];
                double c = 1, c2 = 1, c3 = 1, el1 = e[l + 1], s = 0, s2 = 0;
                for (size_t ii = m; ii-- > l;) {
                    c3 = c2;
                    c2 = c;
                    s2 = s;
                    g = c * e[ii];
                    h = c * p;
                    r = hypot(p, e[ii]);
                    e[ii + 1] = s * r;
                    s = e[ii] / r;
                    c = p / r;
                    p = c * d[ii] - s * g;
                    d[ii + 1] = h + s * (c * g + s * d[ii]);
                    for (size_t k = 0; k < n; k++) {
                        h = v[k * n + ii + 1];
                        v[k * n + ii + 1] = s * v[k * n + ii] + c * h;
                        v[k * n + ii] = c * v[k * n + ii] - s * h;
                    }
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1;
                e[l] = s * p;
                d[l] = c * p;
            } while (fabs(e[l]) > eps * tst1);
        }
        d[l] += f;
        e[l] = 0;
    }
    return 0;
}

int la_sym_eigen(const double *a, size_t n, double *w, double *v) {
    if (n == 0) return 0;
    for (size_t i = 0; i < n * n; i++)
        if (!isfinite(a[i])) return -3;
    double *vv = malloc(n * n * sizeof *vv);
    double *e = malloc(n * sizeof *e);
    if (!vv || !e) { free(vv); free(e); return -1; }
    /* symmetric from the lower triangle */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j <= i; j++) vv[i * n + j] = vv[j * n + i] = a[i * n + j];
    tridiagonalize(n, vv, w, e);
    int rc = tridiagonal_ql(n, vv, w, e);
    if (rc == 0) {
        /* decreasing order (selection sort keeps equal values in place) */
        for (size_t i = 0; i + 1 < n; i++) {
            size_t best = i;
            for (size_t j = i + 1; j < n; j++)
                if (w[j] > w[best]) best = j;
            if (best != i) {
                double t = w[i]; w[i] = w[best]; w[best] = t;
                for (size_t k = 0; k < n; k++) {
                    t = vv[k * n + i]; vv[k * n + i] = vv[k * n + best]; vv[k * n + best] = t;
                }
            }
        }
        if (v) memcpy(v, vv, n * n * sizeof *v);
    }
    free(vv);
    free(e);
    return rc;
}

int la_polar(const double *b, size_t k, double *t, double *sum_sv) {
    double *u = malloc(k * k * sizeof *u);
    double *vv = malloc(k * k * sizeof *vv);
    if (!u || !vv) { free(u); free(vv); return -1; }
    int rc = 0;
    for (size_t i = 0; i < k * k; i++) {
        if (!isfinite(b[i])) { rc = -2; goto done; }
        u[i] = b[i];
        vv[i] = 0;
    }
    for (size_t i = 0; i < k; i++) vv[i * k + i] = 1;
    /* rotate pairs of columns of u (and v) until all columns are orthogonal: u = b v */
    for (int sweep = 0; sweep < 60; sweep++) {
        int rotated = 0;
        for (size_t p = 0; p + 1 < k; p++)
            for (size_t q = p + 1; q < k; q++) {
                double alpha = 0, beta = 0, gamma = 0;
                for (size_t i = 0; i < k; i++) {
                    alpha += u[i * k + p] * u[i * k + p];
                    beta += u[i * k + q] * u[i * k + q];
                    gamma += u[i * k + p] * u[i * k + q];
                }
                if (gamma == 0 || fabs(gamma) <= DBL_EPSILON * sqrt(alpha * beta)) continue;
                rotated = 1;
                double zeta = (beta - alpha) / (2 * gamma);
                double tt = (zeta >= 0 ? 1.0 : -1.0) / (fabs(zeta) + sqrt(1 + zeta * zeta));
                double c = 1 / sqrt(1 + tt * tt), s = c * tt;
                for (size_t i = 0; i < k; i++) {
                    double up = u[i * k + p], uq = u[i * k + q];
                    u[i * k + p] = c * up - s * uq;
                    u[i * k + q] = s * up + c * uq;
                    double vp = vv[i * k + p], vq = vv[i * k + q];
                    vv[i * k + p] = c * vp - s * vq;
                    vv[i * k + q] = s * vp + c * vq;
                }
            }
        if (!rotated) break;
    }
    /* singular values are the column norms; normalise u's columns */
    double smax = 0, ssum = 0;
    for (size_t j = 0; j < k; j++) {
        double s = 0;
        for (size_t i = 0; i < k; i++) s += u[i * k + j] * u[i * k + j];
        s = sqrt(s);
        if (s > smax) smax = s;
    }
    for (size_t j = 0; j < k; j++) {
        double s = 0;
        for (size_t i = 0; i < k; i++) s += u[i * k + j] * u[i * k + j];
        s = sqrt(s);
        if (!(s > smax * DBL_EPSILON * (double)k)) { rc = -2; goto done; }
        for (size_t i = 0; i < k; i++) u[i * k + j] /= s;
        ssum += s;
    }
    la_mul_abt(u, vv, k, k, k, t);
    *sum_sv = ssum;
done:
    free(u);
    free(vv);
    return rc;
}

int la_inverse(const double *a, size_t n, double *inv) {
    double *m = malloc(n * n * sizeof *m + 1);
    if (!m) return -1;
    memcpy(m, a, n * n * sizeof *m);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) inv[i * n + j] = i == j;
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(m[r * n + c]) > fabs(m[piv * n + c])) piv = r;
        if (m[piv * n + c] == 0 || !isfinite(m[piv * n + c])) { free(m); return -2; }
        if (piv != c)
            for (size_t j = 0; j < n; j++) {
                double t = m[c * n + j]; m[c * n + j] = m[piv * n + j]; m[piv * n + j] = t;
                t = inv[c * n + j]; inv[c * n + j] = inv[piv * n + j]; inv[piv * n + j] = t;
            }
        double d = m[c * n + c];
        for (size_t j = 0; j < n; j++) { m[c * n + j] /= d; inv[c * n + j] /= d; }
        for (size_t r = 0; r < n; r++) {
            if (r == c) continue;
            double f = m[r * n + c];
            if (f == 0) continue;
            for (size_t j = 0; j < n; j++) {
                m[r * n + j] -= f * m[c * n + j];
                inv[r * n + j] -= f * inv[c * n + j];
            }
        }
    }
    free(m);
    return 0;
}

/* LU decomposition with partial pivoting of lu (in place); perm records the row swaps and
 * *sign their parity. Returns -2 when a pivot is zero. */
static int lu_decompose(double *lu, size_t n, size_t *perm, int *sign) {
    *sign = 1;
    for (size_t i = 0; i < n; i++) perm[i] = i;
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(lu[r * n + c]) > fabs(lu[piv * n + c])) piv = r;
        if (piv != c) {
            for (size_t j = 0; j < n; j++) {
                double t = lu[c * n + j]; lu[c * n + j] = lu[piv * n + j]; lu[piv * n + j] = t;
            }
            size_t t = perm[c]; perm[c] = perm[piv]; perm[piv] = t;
            *sign = -*sign;
        }
        double d = lu[c * n + c];
        if (d == 0) return -2;
        for (size_t r = c + 1; r < n; r++) {
            double f = lu[r * n + c] / d;
            lu[r * n + c] = f;
            for (size_t j = c + 1; j < n; j++) lu[r * n + j] -= f * lu[c * n + j];
        }
    }
    return 0;
}

int la_solve(const double *a, size_t n, const double *b, size_t m, double *x) {
    double *lu = malloc(n * n * sizeof *lu + 1);
    size_t *perm = malloc(n * sizeof *perm + 1);
    double *col = malloc(n * sizeof *col + 1);
    if (!lu || !perm || !col) { free(lu); free(perm); free(col); return -1; }
    memcpy(lu, a, n * n * sizeof *lu);
    int sign, rc = lu_decompose(lu, n, perm, &sign);
    if (rc == 0) {
        for (size_t j = 0; j < m; j++) {
            for (size_t i = 0; i < n; i++) col[i] = b[perm[i] * m + j];
            for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < i; k++) col[i] -= lu[i * n + k] * col[k];
            for (size_t i = n; i-- > 0;) {
                for (size_t k = i + 1; k < n; k++) col[i] -= lu[i * n + k] * col[k];
                col[i] /= lu[i * n + i];
            }
            for (size_t i = 0; i < n; i++) x[i * m + j] = col[i];
        }
    }
    free(lu);
    free(perm);
    free(col);
    return rc;
}

int la_det(const double *a, size_t n, double *det) {
    double *lu = malloc(n * n * sizeof *lu + 1);
    size_t *perm = malloc(n * sizeof *perm + 1);
    if (!lu || !perm) { free(lu); free(perm); return -1; }
    memcpy(lu, a, n * n * sizeof *lu);
    int sign;
    if (lu_decompose(lu, n, perm, &sign) != 0) {
        *det = 0;
    } else {
        double d = sign;
        for (size_t i = 0; i < n; i++) d *= lu[i * n + i];
        *det = d;
    }
    free(lu);
    free(perm);
    return 0;
}

void la_mul_abt(const double *a, const double *b, size_t n, size_t m, size_t k, double *c) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            double s = 0;
            for (size_t l = 0; l < k; l++) s += a[i * k + l] * b[j * k + l];
            c[i * m + j] = s;
        }
}

void la_mul_atb(const double *a, const double *b, size_t n, size_t m, size_t k, double *c) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            double s = 0;
            for (size_t l = 0; l < k; l++) s += a[l * n + i] * b[l * m + j];
            c[i * m + j] = s;
        }
}
