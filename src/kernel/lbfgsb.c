/* lbfgsb.c: L-BFGS-B as R's optim runs it (contract in lbfgsb.h).
 *
 * The numerics follow the published algorithm and R's version 2.3 of it exactly, in the
 * same order of operations, because psych's results are the iterate where R stops:
 *   1. the generalised Cauchy point along the projected steepest descent path (cauchy);
 *   2. the free variables at that point (free_vars) and, when there is a limited-memory
 *      matrix, the direct primal subspace minimisation (form_k, reduced_gradient, subspace);
 *   3. a More-Thuente line search from x along d = z - x (line_search, with dcsrch/dcstep);
 *   4. the stopping tests and the BFGS update (update_memory, form_t).
 * A failed factorisation or line search drops the memory and restarts, as R does.
 *
 * Indexing: vectors and matrices are 1-based as in the paper (element 0 unused), matrices
 * column-major with a leading dimension (A(i, j) = a[i + j * ld]). The memory holds col <= m
 * pairs (s, y) in the columns head, head + 1, ... (cyclic) of ws and wy. */
#include "kernel/lbfgsb.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* the line search's state between calls (dcsrch keeps it in statics) */
typedef struct {
    int brackt, stage;
    double ginit, gtest, gx, gy, finit, fx, fy, stx, sty, stmin, stmax, width, width1;
} Search;

enum { LS_START, LS_FG, LS_CONV, LS_WARN, LS_ERROR };

typedef struct {
    size_t n;
    int m;
    size_t ldn, ldm, ld2m;          /* leading dimensions: n + 1, m + 1, 2m + 1 */
    double *x, *l, *u, *g, *z, *r, *d, *xold, *brk;
    int *iwhere, *indx, *indx2, *iorder;
    double *ws, *wy, *sy, *ss, *wt, *wn, *snd;
    double *p, *c, *wbp, *v;
    double theta;
    int col, head, itail, iupdat, updatd;
    int nfree, nenter, ileave, nint, iword;
    Search ls;
} Lb;

#define WS(i, j) s->ws[(i) + (size_t)(j) * s->ldn]
#define WY(i, j) s->wy[(i) + (size_t)(j) * s->ldn]
#define SY(i, j) s->sy[(i) + (size_t)(j) * s->ldm]
#define SS(i, j) s->ss[(i) + (size_t)(j) * s->ldm]
#define WT(i, j) s->wt[(i) + (size_t)(j) * s->ldm]
#define WN(i, j) s->wn[(i) + (size_t)(j) * s->ld2m]
#define WN1(i, j) s->snd[(i) + (size_t)(j) * s->ld2m]

static double dot1(size_t n, const double *a, const double *b) {
    double s = 0;
    for (size_t i = 1; i <= n; i++) s += a[i] * b[i];
    return s;
}

/* Cholesky A = R'R of the k x k block of a starting after row/column off (leading dimension
 * ld), R upper triangular in place (LINPACK dpofa). Returns 0 or the failing column. */
static int chol_upper(double *a, size_t ld, int off, int k) {
#define A(i, j) a[(size_t)(off + (i)) + (size_t)(off + (j)) * ld]
    for (int j = 1; j <= k; j++) {
        double sum = 0;
        for (int kk = 1; kk < j; kk++) {
            double t = A(kk, j);
            for (int i = 1; i < kk; i++) t -= A(i, kk) * A(i, j);
            t /= A(kk, kk);
            A(kk, j) = t;
            sum += t * t;
        }
        sum = A(j, j) - sum;
        if (sum <= 0) return j;
        A(j, j) = sqrt(sum);
    }
    return 0;
#undef A
}

/* Solves with the upper triangular k x k matrix T (T(i, j) = a[i + j * ld]) in place on
 * b[1..k]: transposed = 1 solves T'x = b, 0 solves Tx = b (LINPACK dtrsl jobs 11 and 01).
 * Returns 0, or the index of a zero diagonal element. */
static int tri_solve(const double *a, size_t ld, int k, double *b, int transposed) {
#define T(i, j) a[(size_t)(i) + (size_t)(j) * ld]
    for (int i = 1; i <= k; i++)
        if (T(i, i) == 0) return i;
    if (transposed) {
        b[1] /= T(1, 1);
        for (int j = 2; j <= k; j++) {
            double t = 0;
            for (int i = 1; i < j; i++) t += T(i, j) * b[i];
            b[j] = (b[j] - t) / T(j, j);
        }
    } else {
        b[k] /= T(k, k);
        for (int j = k - 1; j >= 1; j--) {
            double t = -b[j + 1];
            for (int i = 1; i <= j; i++) b[i] += t * T(i, j + 1);
            b[j] /= T(j, j);
        }
    }
    return 0;
#undef T
}

static void reset_memory(Lb *s) {
    s->col = 0;
    s->head = 1;
    s->theta = 1;
    s->iupdat = 0;
    s->updatd = 0;
}

/* p = M v for the 2col x 2col middle matrix M of the compact L-BFGS formula (bmv). */
static int middle_times(Lb *s, const double *v, double *p) {
    int col = s->col;
    if (col == 0) return 0;
    p[col + 1] = v[col + 1];
    for (int i = 2; i <= col; i++) {
        double sum = 0;
        for (int k = 1; k < i; k++) sum += SY(i, k) * v[k] / SY(k, k);
        p[col + i] = v[col + i] + sum;
    }
    if (tri_solve(s->wt, s->ldm, col, p + col, 1)) return -1;
    for (int i = 1; i <= col; i++) p[i] = v[i] / sqrt(SY(i, i));
    if (tri_solve(s->wt, s->ldm, col, p + col, 0)) return -1;
    for (int i = 1; i <= col; i++) p[i] = -p[i] / sqrt(SY(i, i));
    for (int i = 1; i <= col; i++) {
        double sum = 0;
        for (int k = i + 1; k <= col; k++) sum += SY(k, i) * p[col + k] / SY(i, i);
        p[i] += sum;
    }
    return 0;
}

static double sup_projected_gradient(const Lb *s) {
    double norm = 0;
    for (size_t i = 1; i <= s->n; i++) {
        double gi = s->g[i];
        if (gi < 0) {
            if (gi < s->x[i] - s->u[i]) gi = s->x[i] - s->u[i];
        } else {
            if (gi > s->x[i] - s->l[i]) gi = s->x[i] - s->l[i];
        }
        if (fabs(gi) > norm) norm = fabs(gi);
    }
    return norm;
}

/* Heap of breakpoints t[1..k] (with their variables in io): moves the least to t[k] and
 * keeps the rest a heap; built first when built = 0 (hpsolb). */
static void heap_least(int k, double *t, int *io, int built) {
    if (!built) {
        for (int kk = 2; kk <= k; kk++) {
            double dd = t[kk];
            int in = io[kk], i = kk;
            while (i > 1) {
                int j = i / 2;
                if (!(dd < t[j])) break;
                t[i] = t[j];
                io[i] = io[j];
                i = j;
            }
            t[i] = dd;
            io[i] = in;
        }
    }
    if (k > 1) {
        int i = 1;
        double out = t[1], dd = t[k];
        int iout = io[1], in = io[k];
        for (;;) {
            int j = i + i;
            if (j > k - 1) break;
            if (t[j + 1] < t[j]) j++;
            if (!(t[j] < dd)) break;
            t[i] = t[j];
            io[i] = io[j];
            i = j;
        }
        t[i] = dd;
        io[i] = in;
        t[k] = out;
        io[k] = iout;
    }
}

/* The generalised Cauchy point z (cauchy); c gets W'(z - x) for the subspace step.
 * Returns 0, or -1 when the middle matrix is singular. */
static int cauchy(Lb *s, double sbgnrm) {
    size_t n = s->n;
    int m = s->m, col = s->col, col2 = 2 * col;
    double *x = s->x, *l = s->l, *u = s->u, *g = s->g, *d = s->d, *xcp = s->z, *t = s->brk;
    double *p = s->p, *c = s->c, *v = s->v, *wbp = s->wbp;
    int *iwhere = s->iwhere, *iorder = s->iorder;
    if (sbgnrm <= 0) {
        memcpy(xcp + 1, x + 1, n * sizeof *x);
        return 0;
    }
    int bnded = 1, nbreak = 0, ibkmin = 0;
    size_t nfree = n + 1;
    double bkmin = 0, f1 = 0;
    for (int i = 1; i <= col2; i++) p[i] = 0;
    for (size_t i = 1; i <= n; i++) {
        double neggi = -g[i];
        double tl = x[i] - l[i], tu = u[i] - x[i];
        if (iwhere[i] != 3 && iwhere[i] != -1) {
            int xlower = tl <= 0, xupper = tu <= 0;
            iwhere[i] = 0;
            if (xlower) {
                if (neggi <= 0) iwhere[i] = 1;
            } else if (xupper) {
                if (neggi >= 0) iwhere[i] = 2;
            } else if (fabs(neggi) <= 0) {
                iwhere[i] = -3;
            }
        }
        int pointr = s->head;
        if (iwhere[i] != 0 && iwhere[i] != -1) {
            d[i] = 0;
        } else {
            d[i] = neggi;
            f1 -= neggi * neggi;
            for (int j = 1; j <= col; j++) {
                p[j] += WY(i, pointr) * neggi;
                p[col + j] += WS(i, pointr) * neggi;
                pointr = pointr % m + 1;
            }
            if (neggi < 0) {
                ++nbreak;
                iorder[nbreak] = (int)i;
                t[nbreak] = tl / (-neggi);
                if (nbreak == 1 || t[nbreak] < bkmin) { bkmin = t[nbreak]; ibkmin = nbreak; }
            } else if (neggi > 0) {
                ++nbreak;
                iorder[nbreak] = (int)i;
                t[nbreak] = tu / neggi;
                if (nbreak == 1 || t[nbreak] < bkmin) { bkmin = t[nbreak]; ibkmin = nbreak; }
            } else {
                --nfree;
                iorder[nfree] = (int)i;
                if (fabs(neggi) > 0) bnded = 0;
            }
        }
    }
    if (s->theta != 1)
        for (int j = 1; j <= col; j++) p[col + j] *= s->theta;
    memcpy(xcp + 1, x + 1, n * sizeof *x);
    if (nbreak == 0 && nfree == n + 1) return 0;
    for (int j = 1; j <= col2; j++) c[j] = 0;
    double f2 = -s->theta * f1, f2_org = f2;
    if (col > 0) {
        if (middle_times(s, p, v)) return -1;
        f2 -= dot1((size_t)col2, v, p);
    }
    double dtm = -f1 / f2, tsum = 0;
    s->nint = 1;
    if (nbreak > 0) {
        int nleft = nbreak, iter = 1, ibp;
        double tj = 0;
        for (;;) {
            double tj0 = tj;
            if (iter == 1) {
                tj = bkmin;
                ibp = iorder[ibkmin];
            } else {
                if (iter == 2 && ibkmin != nbreak) {
                    t[ibkmin] = t[nbreak];
                    iorder[ibkmin] = iorder[nbreak];
                }
                heap_least(nleft, t, iorder, iter - 2);
                tj = t[nleft];
                ibp = iorder[nleft];
            }
            double dt = tj - tj0;
            if (dtm < dt) break;
            tsum += dt;
            --nleft;
            ++iter;
            double dibp = d[ibp], zibp;
            d[ibp] = 0;
            if (dibp > 0) {
                zibp = u[ibp] - x[ibp];
                xcp[ibp] = u[ibp];
                iwhere[ibp] = 2;
            } else {
                zibp = l[ibp] - x[ibp];
                xcp[ibp] = l[ibp];
                iwhere[ibp] = 1;
            }
            if (nleft == 0 && (size_t)nbreak == n) {
                /* every variable is at a bound: z is the Cauchy point */
                dtm = dt;
                if (col > 0)
                    for (int j = 1; j <= col2; j++) c[j] += dtm * p[j];
                return 0;
            }
            ++s->nint;
            double dibp2 = dibp * dibp;
            f1 += dt * f2 + dibp2 - s->theta * dibp * zibp;
            f2 -= s->theta * dibp2;
            if (col > 0) {
                for (int j = 1; j <= col2; j++) c[j] += dt * p[j];
                int pointr = s->head;
                for (int j = 1; j <= col; j++) {
                    wbp[j] = WY(ibp, pointr);
                    wbp[col + j] = s->theta * WS(ibp, pointr);
                    pointr = pointr % m + 1;
                }
                if (middle_times(s, wbp, v)) return -1;
                double wmc = dot1((size_t)col2, c, v);
                double wmp = dot1((size_t)col2, p, v);
                double wmw = dot1((size_t)col2, wbp, v);
                for (int j = 1; j <= col2; j++) p[j] += -dibp * wbp[j];
                f1 += dibp * wmc;
                f2 += 2.0 * dibp * wmp - dibp2 * wmw;
            }
            if (f2 < DBL_EPSILON * f2_org) f2 = DBL_EPSILON * f2_org;
            if (nleft > 0) {
                dtm = -f1 / f2;
                continue;
            } else if (bnded) {
                f1 = 0;
                f2 = 0;
                dtm = 0;
            } else {
                dtm = -f1 / f2;
            }
            break;
        }
    }
    if (dtm <= 0) dtm = 0;
    tsum += dtm;
    for (size_t i = 1; i <= n; i++) xcp[i] += tsum * d[i];
    if (col > 0)
        for (int j = 1; j <= col2; j++) c[j] += dtm * p[j];
    return 0;
}

/* Free and active variables at the Cauchy point, and which changed since the last
 * iteration (freev). Returns whether the subspace matrix must be formed anew. */
static int free_vars(Lb *s, int iter) {
    size_t n = s->n;
    int *indx = s->indx, *indx2 = s->indx2, *iwhere = s->iwhere;
    s->nenter = 0;
    s->ileave = (int)n + 1;
    if (iter > 0) {
        for (int i = 1; i <= s->nfree; i++) {
            int k = indx[i];
            if (iwhere[k] > 0) {
                --s->ileave;
                indx2[s->ileave] = k;
            }
        }
        for (int i = s->nfree + 1; i <= (int)n; i++) {
            int k = indx[i];
            if (iwhere[k] <= 0) {
                ++s->nenter;
                indx2[s->nenter] = k;
            }
        }
    }
    int wrk = s->ileave < (int)n + 1 || s->nenter > 0 || s->updatd;
    s->nfree = 0;
    int iact = (int)n + 1;
    for (int i = 1; i <= (int)n; i++) {
        if (iwhere[i] <= 0) indx[++s->nfree] = i;
        else indx[--iact] = i;
    }
    return wrk;
}

/* The LEL' factorisation of the 2col x 2col indefinite matrix K of the subspace problem,
 * updating its inner products in snd (formk). Returns 0, or -1 / -2 when a Cholesky
 * factorisation fails. */
static int form_k(Lb *s) {
    int n = (int)s->n, m = s->m, col = s->col, nsub = s->nfree;
    int *ind = s->indx, *indx2 = s->indx2;
    int upcl;
    if (s->updatd) {
        if (s->iupdat > m) {
            /* shift the old part of WN1 */
            for (int jy = 1; jy <= m - 1; jy++) {
                int js = m + jy;
                for (int r = 0; r < m - jy; r++) WN1(jy + r, jy) = WN1(jy + 1 + r, jy + 1);
                for (int r = 0; r < m - jy; r++) WN1(js + r, js) = WN1(js + 1 + r, js + 1);
                for (int r = 0; r < m - 1; r++) WN1(m + 1 + r, jy) = WN1(m + 2 + r, jy + 1);
            }
        }
        /* new rows in blocks (1,1), (2,1) and (2,2) */
        int pbegin = 1, pend = nsub, dbegin = nsub + 1, dend = n;
        int iy = col, is = m + col;
        int ipntr = s->head + col - 1;
        if (ipntr > m) ipntr -= m;
        int jpntr = s->head;
        for (int jy = 1; jy <= col; jy++) {
            int js = m + jy;
            double t1 = 0, t2 = 0, t3 = 0;
            for (int k = pbegin; k <= pend; k++) {
                int k1 = ind[k];
                t1 += WY(k1, ipntr) * WY(k1, jpntr);
            }
            for (int k = dbegin; k <= dend; k++) {
                int k1 = ind[k];
                t2 += WS(k1, ipntr) * WS(k1, jpntr);
                t3 += WS(k1, ipntr) * WY(k1, jpntr);
            }
            WN1(iy, jy) = t1;
            WN1(is, js) = t2;
            WN1(is, jy) = t3;
            jpntr = jpntr % m + 1;
        }
        /* new column in block (2,1) */
        int jy = col;
        jpntr = s->head + col - 1;
        if (jpntr > m) jpntr -= m;
        ipntr = s->head;
        for (int i = 1; i <= col; i++) {
            is = m + i;
            double t3 = 0;
            for (int k = pbegin; k <= pend; k++) {
                int k1 = ind[k];
                t3 += WS(k1, ipntr) * WY(k1, jpntr);
            }
            ipntr = ipntr % m + 1;
            WN1(is, jy) = t3;
        }
        upcl = col - 1;
    } else {
        upcl = col;
    }
    /* old parts of blocks (1,1) and (2,2) after the change of the free set */
    int ipntr = s->head;
    for (int iy = 1; iy <= upcl; iy++) {
        int is = m + iy, jpntr = s->head;
        for (int jy = 1; jy <= iy; jy++) {
            int js = m + jy;
            double t1 = 0, t2 = 0, t3 = 0, t4 = 0;
            for (int k = 1; k <= s->nenter; k++) {
                int k1 = indx2[k];
                t1 += WY(k1, ipntr) * WY(k1, jpntr);
                t2 += WS(k1, ipntr) * WS(k1, jpntr);
            }
            for (int k = s->ileave; k <= n; k++) {
                int k1 = indx2[k];
                t3 += WY(k1, ipntr) * WY(k1, jpntr);
                t4 += WS(k1, ipntr) * WS(k1, jpntr);
            }
            WN1(iy, jy) = WN1(iy, jy) + t1 - t3;
            WN1(is, js) = WN1(is, js) - t2 + t4;
            jpntr = jpntr % m + 1;
        }
        ipntr = ipntr % m + 1;
    }
    /* old parts of block (2,1) */
    ipntr = s->head;
    for (int is = m + 1; is <= m + upcl; is++) {
        int jpntr = s->head;
        for (int jy = 1; jy <= upcl; jy++) {
            double t1 = 0, t3 = 0;
            for (int k = 1; k <= s->nenter; k++) {
                int k1 = indx2[k];
                t1 += WS(k1, ipntr) * WY(k1, jpntr);
            }
            for (int k = s->ileave; k <= n; k++) {
                int k1 = indx2[k];
                t3 += WS(k1, ipntr) * WY(k1, jpntr);
            }
            if (is <= jy + m) WN1(is, jy) += t1 - t3;
            else WN1(is, jy) += -t1 + t3;
            jpntr = jpntr % m + 1;
        }
        ipntr = ipntr % m + 1;
    }
    /* upper triangle of WN = [D + Y'ZZ'Y/theta, -L_a' + R_z'; -L_a + R_z, S'AA'S theta] */
    for (int iy = 1; iy <= col; iy++) {
        int is = col + iy, is1 = m + iy;
        for (int jy = 1; jy <= iy; jy++) {
            int js = col + jy, js1 = m + jy;
            WN(jy, iy) = WN1(iy, jy) / s->theta;
            WN(js, is) = WN1(is1, js1) * s->theta;
        }
        for (int jy = 1; jy <= iy - 1; jy++) WN(jy, is) = -WN1(is1, jy);
        for (int jy = iy; jy <= col; jy++) WN(jy, is) = WN1(is1, jy);
        WN(iy, iy) += SY(iy, iy);
    }
    if (chol_upper(s->wn, s->ld2m, 0, col)) return -1;
    int col2 = 2 * col;
    for (int js = col + 1; js <= col2; js++)
        tri_solve(s->wn, s->ld2m, col, s->wn + (size_t)js * s->ld2m, 1);
    for (int is = col + 1; is <= col2; is++)
        for (int js = is; js <= col2; js++) {
            double sum = 0;
            for (int i = 1; i <= col; i++) sum += WN(i, is) * WN(i, js);
            WN(is, js) += sum;
        }
    if (chol_upper(s->wn, s->ld2m, col, col)) return -2;
    return 0;
}

/* r = -Z'(B(z - x) + g) over the free variables (cmprlb), using c = W'(z - x). */
static int reduced_gradient(Lb *s) {
    int m = s->m, col = s->col;
    for (int i = 1; i <= s->nfree; i++) {
        int k = s->indx[i];
        s->r[i] = -s->theta * (s->z[k] - s->x[k]) - s->g[k];
    }
    double *wa = s->p; /* p is free once the Cauchy point is found */
    if (middle_times(s, s->c, wa)) return -1;
    int pointr = s->head;
    for (int j = 1; j <= col; j++) {
        double a1 = wa[j], a2 = s->theta * wa[col + j];
        for (int i = 1; i <= s->nfree; i++) {
            int k = s->indx[i];
            s->r[i] += WY(k, pointr) * a1 + WS(k, pointr) * a2;
        }
        pointr = pointr % m + 1;
    }
    return 0;
}

/* Subspace minimisation along the Newton direction of the free variables, backtracked into
 * the box (subsm); z moves from the Cauchy point. Returns 0, or -1 when K is singular. */
static int subspace(Lb *s) {
    int m = s->m, col = s->col, ns = s->nfree;
    int *ind = s->indx;
    double *d = s->r, *x = s->z, *wv = s->p;
    if (ns <= 0) return 0;
    int pointr = s->head;
    for (int i = 1; i <= col; i++) {
        double t1 = 0, t2 = 0;
        for (int j = 1; j <= ns; j++) {
            int k = ind[j];
            t1 += WY(k, pointr) * d[j];
            t2 += WS(k, pointr) * d[j];
        }
        wv[i] = t1;
        wv[col + i] = s->theta * t2;
        pointr = pointr % m + 1;
    }
    int col2 = 2 * col;
    if (tri_solve(s->wn, s->ld2m, col2, wv, 1)) return -1;
    for (int i = 1; i <= col; i++) wv[i] = -wv[i];
    if (tri_solve(s->wn, s->ld2m, col2, wv, 0)) return -1;
    pointr = s->head;
    for (int jy = 1; jy <= col; jy++) {
        int js = col + jy;
        for (int i = 1; i <= ns; i++) {
            int k = ind[i];
            d[i] += WY(k, pointr) * wv[jy] / s->theta + WS(k, pointr) * wv[js];
        }
        pointr = pointr % m + 1;
    }
    for (int i = 1; i <= ns; i++) d[i] /= s->theta;
    /* backtrack to the feasible region (t1 deliberately not reset per variable, as in R) */
    double alpha = 1, t1 = alpha;
    int ibd = 0;
    for (int i = 1; i <= ns; i++) {
        int k = ind[i];
        double dk = d[i];
        if (dk < 0) {
            double t2 = s->l[k] - x[k];
            if (t2 >= 0) t1 = 0;
            else if (dk * alpha < t2) t1 = t2 / dk;
        } else if (dk > 0) {
            double t2 = s->u[k] - x[k];
            if (t2 <= 0) t1 = 0;
            else if (dk * alpha > t2) t1 = t2 / dk;
        }
        if (t1 < alpha) { alpha = t1; ibd = i; }
    }
    if (alpha < 1) {
        double dk = d[ibd];
        int k = ind[ibd];
        if (dk > 0) { x[k] = s->u[k]; d[ibd] = 0; }
        else if (dk < 0) { x[k] = s->l[k]; d[ibd] = 0; }
    }
    for (int i = 1; i <= ns; i++) x[ind[i]] += alpha * d[i];
    s->iword = alpha < 1;
    return 0;
}

/* Safeguarded step of the More-Thuente line search (dcstep). */
static void dcstep(double *stx, double *fx, double *dx, double *sty, double *fy, double *dy,
                   double *stp, double fp, double dp, int *brackt, double stpmin, double stpmax) {
    double sgnd = dp * (*dx / fabs(*dx)), stpf, stpc, stpq, theta, s, gamm, p, q, r;
    if (fp > *fx) {
        theta = (*fx - fp) * 3 / (*stp - *stx) + *dx + dp;
        s = fmax(fmax(fabs(theta), fabs(*dx)), fabs(dp));
        double a = theta / s;
        gamm = s * sqrt(a * a - *dx / s * (dp / s));
        if (*stp < *stx) gamm = -gamm;
        p = gamm - *dx + theta;
        q = gamm - *dx + gamm + dp;
        r = p / q;
        stpc = *stx + r * (*stp - *stx);
        stpq = *stx + *dx / ((*fx - fp) / (*stp - *stx) + *dx) / 2 * (*stp - *stx);
        if (fabs(stpc - *stx) < fabs(stpq - *stx)) stpf = stpc;
        else stpf = stpc + (stpq - stpc) / 2;
        *brackt = 1;
    } else if (sgnd < 0) {
        theta = (*fx - fp) * 3 / (*stp - *stx) + *dx + dp;
        s = fmax(fmax(fabs(theta), fabs(*dx)), fabs(dp));
        double a = theta / s;
        gamm = s * sqrt(a * a - *dx / s * (dp / s));
        if (*stp > *stx) gamm = -gamm;
        p = gamm - dp + theta;
        q = gamm - dp + gamm + *dx;
        r = p / q;
        stpc = *stp + r * (*stx - *stp);
        stpq = *stp + dp / (dp - *dx) * (*stx - *stp);
        stpf = fabs(stpc - *stp) > fabs(stpq - *stp) ? stpc : stpq;
        *brackt = 1;
    } else if (fabs(dp) < fabs(*dx)) {
        theta = (*fx - fp) * 3 / (*stp - *stx) + *dx + dp;
        s = fmax(fmax(fabs(theta), fabs(*dx)), fabs(dp));
        double a = theta / s;
        a = a * a - *dx / s * (dp / s);
        gamm = a < 0 ? 0 : s * sqrt(a);
        if (*stp > *stx) gamm = -gamm;
        p = gamm - dp + theta;
        q = gamm + (*dx - dp) + gamm;
        r = p / q;
        if (r < 0 && gamm != 0) stpc = *stp + r * (*stx - *stp);
        else if (*stp > *stx) stpc = stpmax;
        else stpc = stpmin;
        stpq = *stp + dp / (dp - *dx) * (*stx - *stp);
        if (*brackt) {
            stpf = fabs(stpc - *stp) < fabs(stpq - *stp) ? stpc : stpq;
            double lim = *stp + (*sty - *stp) * 0.66;
            if (*stp > *stx) stpf = fmin(lim, stpf);
            else stpf = fmax(lim, stpf);
        } else {
            stpf = fabs(stpc - *stp) > fabs(stpq - *stp) ? stpc : stpq;
            stpf = fmin(stpmax, stpf);
            stpf = fmax(stpmin, stpf);
        }
    } else {
        if (*brackt) {
            theta = (fp - *fy) * 3 / (*sty - *stp) + *dy + dp;
            s = fmax(fmax(fabs(theta), fabs(*dy)), fabs(dp));
            double a = theta / s;
            gamm = s * sqrt(a * a - *dy / s * (dp / s));
            if (*stp > *sty) gamm = -gamm;
            p = gamm - dp + theta;
            q = gamm - dp + gamm + *dy;
            r = p / q;
            stpc = *stp + r * (*sty - *stp);
            stpf = stpc;
        } else if (*stp > *stx) {
            stpf = stpmax;
        } else {
            stpf = stpmin;
        }
    }
    if (fp > *fx) {
        *sty = *stp;
        *fy = fp;
        *dy = dp;
    } else {
        if (sgnd < 0) {
            *sty = *stx;
            *fy = *fx;
            *dy = *dx;
        }
        *stx = *stp;
        *fx = fp;
        *dx = dp;
    }
    *stp = stpf;
}

/* One call of the More-Thuente search (dcsrch): given f and g (the directional derivative)
 * at stp, returns LS_FG with the next trial step in *stp, or LS_CONV / LS_WARN. */
static int dcsrch(Search *w, int task, double f, double g, double *stp, double stpmax) {
    const double ftol = 1e-3, gtol = 0.9, xtol = 0.1, stpmin = 0;
    if (task == LS_START) {
        if (*stp < stpmin || *stp > stpmax || g >= 0) return LS_ERROR;
        w->brackt = 0;
        w->stage = 1;
        w->finit = f;
        w->ginit = g;
        w->gtest = ftol * w->ginit;
        w->width = stpmax - stpmin;
        w->width1 = w->width / 0.5;
        w->stx = 0; w->fx = w->finit; w->gx = w->ginit;
        w->sty = 0; w->fy = w->finit; w->gy = w->ginit;
        w->stmin = 0;
        w->stmax = *stp + *stp * 4;
        return LS_FG;
    }
    double ftest = w->finit + *stp * w->gtest;
    if (w->stage == 1 && f <= ftest && g >= 0) w->stage = 2;
    int out = LS_FG;
    if (w->brackt && (*stp <= w->stmin || *stp >= w->stmax)) out = LS_WARN;
    if (w->brackt && w->stmax - w->stmin <= xtol * w->stmax) out = LS_WARN;
    if (*stp == stpmax && f <= ftest && g <= w->gtest) out = LS_WARN;
    if (*stp == stpmin && (f > ftest || g >= w->gtest)) out = LS_WARN;
    if (f <= ftest && fabs(g) <= gtol * (-w->ginit)) out = LS_CONV;
    if (out != LS_FG) return out;
    if (w->stage == 1 && f <= w->fx && f > ftest) {
        double fm = f - *stp * w->gtest, fxm = w->fx - w->stx * w->gtest;
        double fym = w->fy - w->sty * w->gtest, gm = g - w->gtest;
        double gxm = w->gx - w->gtest, gym = w->gy - w->gtest;
        dcstep(&w->stx, &fxm, &gxm, &w->sty, &fym, &gym, stp, fm, gm, &w->brackt, w->stmin, w->stmax);
        w->fx = fxm + w->stx * w->gtest;
        w->fy = fym + w->sty * w->gtest;
        w->gx = gxm + w->gtest;
        w->gy = gym + w->gtest;
    } else {
        dcstep(&w->stx, &w->fx, &w->gx, &w->sty, &w->fy, &w->gy, stp, f, g, &w->brackt, w->stmin, w->stmax);
    }
    if (w->brackt) {
        if (fabs(w->sty - w->stx) >= w->width1 * 0.66) *stp = w->stx + (w->sty - w->stx) * 0.5;
        w->width1 = w->width;
        w->width = fabs(w->sty - w->stx);
    }
    if (w->brackt) {
        w->stmin = fmin(w->stx, w->sty);
        w->stmax = fmax(w->stx, w->sty);
    } else {
        w->stmin = *stp + (*stp - w->stx) * 1.1;
        w->stmax = *stp + (*stp - w->stx) * 4;
    }
    if (*stp < stpmin) *stp = stpmin;
    if (*stp > stpmax) *stp = stpmax;
    if ((w->brackt && (*stp <= w->stmin || *stp >= w->stmax)) ||
        (w->brackt && w->stmax - w->stmin <= xtol * w->stmax))
        *stp = w->stx;
    return LS_FG;
}

/* Adds the pair (s, y) = (d, r) to the memory and forms S'S and S'Y (matupd). */
static void update_memory(Lb *s, double rr, double dr, double stp, double dtd) {
    size_t n = s->n;
    int m = s->m;
    if (s->iupdat <= m) {
        s->col = s->iupdat;
        s->itail = (s->head + s->iupdat - 2) % m + 1;
    } else {
        s->itail = s->itail % m + 1;
        s->head = s->head % m + 1;
    }
    for (size_t i = 1; i <= n; i++) {
        WS(i, s->itail) = s->d[i];
        WY(i, s->itail) = s->r[i];
    }
    s->theta = rr / dr;
    int col = s->col;
    if (s->iupdat > m) {
        for (int j = 1; j <= col - 1; j++) {
            for (int r = 0; r < j; r++) SS(1 + r, j) = SS(2 + r, j + 1);
            for (int r = 0; r < col - j; r++) SY(j + r, j) = SY(j + 1 + r, j + 1);
        }
    }
    int pointr = s->head;
    for (int j = 1; j <= col - 1; j++) {
        double a = 0, b = 0;
        for (size_t i = 1; i <= n; i++) {
            a += s->d[i] * WY(i, pointr);
            b += WS(i, pointr) * s->d[i];
        }
        SY(col, j) = a;
        SS(j, col) = b;
        pointr = pointr % m + 1;
    }
    SS(col, col) = stp == 1 ? dtd : stp * stp * dtd;
    SY(col, col) = dr;
}

/* T = theta S'S + L D^-1 L' and its Cholesky factor J' in wt (formt). */
static int form_t(Lb *s) {
    int col = s->col;
    for (int j = 1; j <= col; j++) WT(1, j) = s->theta * SS(1, j);
    for (int i = 2; i <= col; i++)
        for (int j = i; j <= col; j++) {
            int k1 = (i < j ? i : j) - 1;
            double sum = 0;
            for (int k = 1; k <= k1; k++) sum += SY(i, k) * SY(j, k) / SY(k, k);
            WT(i, j) = sum + s->theta * SS(i, j);
        }
    return chol_upper(s->wt, s->ldm, 0, col) ? -3 : 0;
}

static int evaluate(Lb *s, lb_eval eval, void *ctx, double *f) {
    /* the callback sees 0-based arrays */
    return eval(s->x + 1, f, s->g + 1, ctx);
}

int lb_minimize(size_t n, double *x0, const double *lower, const double *upper,
                lb_eval eval, void *ctx, const LbOptions *opt, LbResult *res) {
    int m = opt->m;
    memset(res, 0, sizeof *res);
    if (n == 0 || m < 1) return LB_BAD_INPUT;
    for (size_t i = 0; i < n; i++)
        if (!(lower[i] < upper[i])) return LB_BAD_INPUT;
    Lb st = {0}, *s = &st;
    s->n = n;
    s->m = m;
    s->ldn = n + 1;
    s->ldm = (size_t)m + 1;
    s->ld2m = 2 * (size_t)m + 1;
    size_t nv = n + 1, mm = s->ldm * s->ldm, mm2 = s->ld2m * s->ld2m;
    double *block = calloc(9 * nv + 2 * nv * s->ldm + 3 * mm + 2 * mm2 + 4 * s->ld2m, sizeof *block);
    int *iblock = calloc(4 * nv, sizeof *iblock);
    if (!block || !iblock) { free(block); free(iblock); return LB_NOMEM; }
    double *q = block;
    s->x = q; q += nv; s->l = q; q += nv; s->u = q; q += nv; s->g = q; q += nv;
    s->z = q; q += nv; s->r = q; q += nv; s->d = q; q += nv; s->xold = q; q += nv;
    s->brk = q; q += nv;
    s->ws = q; q += nv * s->ldm; s->wy = q; q += nv * s->ldm;
    s->sy = q; q += mm; s->ss = q; q += mm; s->wt = q; q += mm;
    s->wn = q; q += mm2; s->snd = q; q += mm2;
    s->p = q; q += s->ld2m; s->c = q; q += s->ld2m; s->wbp = q; q += s->ld2m; s->v = q;
    s->iwhere = iblock; s->indx = iblock + nv; s->indx2 = iblock + 2 * nv; s->iorder = iblock + 3 * nv;

    for (size_t i = 1; i <= n; i++) {
        s->l[i] = lower[i - 1];
        s->u[i] = upper[i - 1];
        double xi = x0[i - 1];
        if (xi < s->l[i]) xi = s->l[i];   /* start inside the box */
        if (xi > s->u[i]) xi = s->u[i];
        s->x[i] = xi;
        s->iwhere[i] = 0;
    }
    reset_memory(s);
    s->nfree = (int)n;
    double tol = opt->factr * DBL_EPSILON;
    int iter = 0, nfgv = 0, rc = LB_OK;
    double f = 0, fold = 0, stp = 0, gd = 0, gdold = 0, dtd = 0;
    const char *msg = NULL;

    if (evaluate(s, eval, ctx, &f)) { rc = LB_EVAL_FAILED; goto done; }
    nfgv = 1;
    double sbgnrm = sup_projected_gradient(s);
    if (sbgnrm <= opt->pgtol) {
        msg = "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL";
        res->code = LB_CONVERGED;
        goto done;
    }
    for (;;) {
        s->iword = -1;
        if (cauchy(s, sbgnrm) != 0) { reset_memory(s); continue; }
        int wrk = free_vars(s, iter);
        if (s->nfree != 0 && s->col != 0) {
            if (wrk && form_k(s) != 0) { reset_memory(s); continue; }
            if (reduced_gradient(s) != 0 || subspace(s) != 0) { reset_memory(s); continue; }
        }
        /* line search along d = z - x */
        for (size_t i = 1; i <= n; i++) s->d[i] = s->z[i] - s->x[i];
        dtd = dot1(n, s->d, s->d);
        double dnorm = sqrt(dtd), stpmx = 1e10;
        if (iter == 0) {
            stpmx = 1;
        } else {
            for (size_t i = 1; i <= n; i++) {
                double a1 = s->d[i];
                if (a1 < 0) {
                    double a2 = s->l[i] - s->x[i];
                    if (a2 >= 0) stpmx = 0;
                    else if (a1 * stpmx < a2) stpmx = a2 / a1;
                } else if (a1 > 0) {
                    double a2 = s->u[i] - s->x[i];
                    if (a2 <= 0) stpmx = 0;
                    else if (a1 * stpmx > a2) stpmx = a2 / a1;
                }
            }
        }
        (void)dnorm;
        stp = 1;   /* every variable is boxed, so R starts every search at 1 */
        memcpy(s->xold + 1, s->x + 1, n * sizeof *s->x);
        memcpy(s->r + 1, s->g + 1, n * sizeof *s->g);
        fold = f;
        int ifun = 0, iback = 0, info = 0, task = LS_START;
        for (;;) {
            gd = dot1(n, s->g, s->d);
            if (ifun == 0) {
                gdold = gd;
                if (gd >= 0) { info = -4; break; }   /* not a descent direction */
            }
            task = dcsrch(&s->ls, task, f, gd, &stp, stpmx);
            if (task == LS_CONV || task == LS_WARN) break;
            ++ifun;
            ++nfgv;
            iback = ifun - 1;
            if (stp == 1) memcpy(s->x + 1, s->z + 1, n * sizeof *s->x);
            else
                for (size_t i = 1; i <= n; i++) s->x[i] = stp * s->d[i] + s->xold[i];
            if (iback >= 20) break;
            if (evaluate(s, eval, ctx, &f)) { rc = LB_EVAL_FAILED; goto done; }
            if (task == LS_ERROR) task = LS_FG;   /* R carries on with the search's old state */
        }
        if (info != 0 || iback >= 20) {
            /* back to the previous iterate */
            memcpy(s->x + 1, s->xold + 1, n * sizeof *s->x);
            memcpy(s->g + 1, s->r + 1, n * sizeof *s->g);
            f = fold;
            if (s->col == 0) {
                if (info == 0) nfgv--;
                msg = "ERROR: ABNORMAL_TERMINATION_IN_LNSRCH";
                res->code = LB_ABNORMAL;
                iter++;
                goto done;
            }
            if (info == 0) nfgv--;
            reset_memory(s);
            continue;
        }
        /* a new iterate */
        iter++;
        sbgnrm = sup_projected_gradient(s);
        if (iter > opt->maxit) {
            msg = "NEW_X";
            res->code = LB_MAXIT;
            goto done;
        }
        if (sbgnrm <= opt->pgtol) {
            msg = "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL";
            res->code = LB_CONVERGED;
            goto done;
        }
        double ddum = fmax(fmax(fabs(fold), fabs(f)), 1.0);
        if (fold - f <= tol * ddum) {
            msg = "CONVERGENCE: REL_REDUCTION_OF_F <= FACTR*EPSMCH";
            res->code = LB_CONVERGED;
            goto done;
        }
        for (size_t i = 1; i <= n; i++) s->r[i] = s->g[i] - s->r[i];
        double rr = dot1(n, s->r, s->r), dr;
        if (stp == 1) {
            dr = gd - gdold;
            ddum = -gdold;
        } else {
            dr = (gd - gdold) * stp;
            for (size_t i = 1; i <= n; i++) s->d[i] *= stp;
            ddum = -gdold * stp;
        }
        if (dr <= DBL_EPSILON * ddum) {   /* skip the update */
            s->updatd = 0;
            continue;
        }
        s->updatd = 1;
        s->iupdat++;
        update_memory(s, rr, dr, stp, dtd);
        if (form_t(s) != 0) reset_memory(s);
    }
done:
    for (size_t i = 0; i < n; i++) x0[i] = s->x[i + 1];
    res->iterations = iter;
    res->evaluations = nfgv;
    res->f = f;
    if (msg) {
        strncpy(res->message, msg, sizeof res->message - 1);
        res->message[sizeof res->message - 1] = '\0';
    }
    free(block);
    free(iblock);
    return rc;
}
