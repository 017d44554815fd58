/* distr.h: the probability distributions the statistics need (t, F, chi-square, normal),
 * accurate to about 1e-13 relative in the ranges surveys produce, so p-values and
 * intervals agree with R's pt/pf/pchisq/qt/qnorm to well within 1e-9.
 * Degrees of freedom may be fractional (Rao-Scott); df = INFINITY means the normal limit. */
#ifndef PASSEND_DISTR_H
#define PASSEND_DISTR_H

/* Regularized incomplete beta I_x(a, b); y = 1 - x is passed separately so callers that know
 * it without cancellation (t and F tails) keep full precision. */
double pl_pbeta(double x, double y, double a, double b);
/* Regularized upper incomplete gamma Q(a, x). */
double pl_gammaq(double a, double x);

double pl_pnorm(double z);                 /* P(Z <= z) */
double pl_qnorm(double p);                 /* inverse of pl_pnorm, 0 < p < 1 */
double pl_pt(double t, double df);         /* P(T <= t) */
double pl_qt(double p, double df);         /* inverse of pl_pt, 0 < p < 1 */
double pl_pt2(double t, double df);        /* two-sided p-value 2 P(T > |t|) */
double pl_pf_upper(double f, double df1, double df2);   /* P(F > f) */
double pl_pchisq_upper(double x, double df);            /* P(X > x) */
double pl_pf(double f, double df1, double df2, int lower);  /* lower or upper tail */
double pl_pchisq(double x, double df, int lower);

#endif
