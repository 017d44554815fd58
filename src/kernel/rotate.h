/* rotate.h: the factor rotations psych uses, on p x k loadings (row-major, l[i * k + j]):
 *   rot_varimax  = stats::varimax(L, normalize = TRUE, eps)          (psych's "varimax")
 *   rot_oblimin  = GPArotation::oblimin(L, gam = 0, normalize = FALSE, eps, maxit), the
 *                  gradient projection algorithm of Bernaards & Jennrich (GPFoblq)
 * Both stop where R stops (they are iterations with a loose tolerance, so their answer is
 * the iterate, not the exact optimum). Return 0, -1 when out of memory, -2 when a step
 * cannot be computed (a singular matrix). */
#ifndef PASSEND_ROTATE_H
#define PASSEND_ROTATE_H

#include <stddef.h>

/* Rotates l in place (k >= 2). *iterations: loop passes (R allows 1000); *converged: 1 when
 * the criterion stopped increasing by more than eps relative, 0 when the limit was hit. */
int rot_varimax(double *l, size_t p, size_t k, double eps, int *iterations, int *converged);

/* Replaces l (k >= 2) by the oblique pattern loadings and fills phi (k x k) with the factor
 * correlations T'T. *converged: the projected gradient's norm fell below eps within maxit. */
int rot_oblimin(double *l, size_t p, size_t k, double eps, int maxit, double *phi,
                int *iterations, int *converged);

#endif
