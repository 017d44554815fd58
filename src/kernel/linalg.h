/* linalg.h: the dense linear algebra factor analysis needs, on small row-major matrices
 * (element (i, j) of an n x n matrix at a[i * n + j]). Plain C, no LAPACK: the results agree
 * with R's (LAPACK's) to rounding, which is what the factor code relies on; where R's answer
 * is not unique (the signs of eigenvectors), the callers use only what is.
 * Every function returns 0 on success and a negative number on failure (nothing is raised);
 * inputs are never changed unless the contract says so. */
#ifndef PASSEND_LINALG_H
#define PASSEND_LINALG_H

#include <stddef.h>

/* Eigen decomposition of the symmetric n x n matrix a (only read; the lower triangle is used):
 * a = V diag(w) V'. w gets the n eigenvalues in decreasing order (as R's eigen()); v, when not
 * NULL, gets V with the eigenvector of w[j] in column j (v[i * n + j]), orthonormal.
 * Householder reduction to tridiagonal form, then the implicit QL algorithm with Wilkinson
 * shifts. Returns -1 when out of memory, -2 when QL needed more than 30 iterations for one
 * eigenvalue (does not happen for finite input), -3 when a holds NaN or infinity. */
int la_sym_eigen(const double *a, size_t n, double *w, double *v);

/* The orthogonal polar factor of the square k x k matrix b: t = U V' where b = U diag(s) V'
 * is its singular value decomposition (what R's `La.svd(B); u %*% vt` gives), and *sum_sv
 * = sum(s). One-sided Jacobi (Hestenes). Returns -1 when out of memory, -2 when b has a zero
 * singular value (the polar factor is not unique) or is not finite. */
int la_polar(const double *b, size_t k, double *t, double *sum_sv);

/* c = a b' for a (n x k) and b (m x k): c is n x m. c may not alias a or b. */
void la_mul_abt(const double *a, const double *b, size_t n, size_t m, size_t k, double *c);

/* c = a' b for a (k x n) and b (k x m): c is n x m. c may not alias a or b. */
void la_mul_atb(const double *a, const double *b, size_t n, size_t m, size_t k, double *c);

/* inv = a^-1 for the n x n matrix a, by Gauss-Jordan elimination with partial pivoting.
 * Returns -1 when out of memory, -2 when a is singular. inv may not alias a. */
int la_inverse(const double *a, size_t n, double *inv);

/* x = a^-1 b for n x n a and n x m b (R's solve(a, b)), LU with partial pivoting.
 * Returns -1 when out of memory, -2 when a is singular. x may alias b, not a. */
int la_solve(const double *a, size_t n, const double *b, size_t m, double *x);

/* *det = the determinant of the n x n matrix a (LU with partial pivoting, as R's det()).
 * Returns -1 when out of memory. */
int la_det(const double *a, size_t n, double *det);

#endif
