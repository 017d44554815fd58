/* calib.c: post-stratification and raking kernels, and the residualisation that
 * makes linearised variances account for calibration (see calib.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/calib.h"

static void free_stage(CalibStage *st) {
    for (size_t k = 0; k < st->nsteps; k++) {
        free(st->steps[k].cell);
        free(st->steps[k].w);
        free(st->steps[k].oldw);
    }
    free(st->steps);
}

void calib_free(Calibration *c) {
    if (!c) return;
    for (size_t s = 0; s < c->nstages; s++) free_stage(&c->stages[s]);
    free(c->stages);
    free(c->weight);
    free(c->final_w);
    free(c);
}

static int alloc_step(CalibStep *p, size_t n) {
    p->cell = malloc((n ? n : 1) * sizeof *p->cell);
    p->w = malloc((n ? n : 1) * sizeof *p->w);
    p->oldw = malloc((n ? n : 1) * sizeof *p->oldw);
    return p->cell && p->w && p->oldw ? 0 : -1;
}

Calibration *calib_extend(const Calibration *prev, size_t n, CalibKind kind, size_t nsteps) {
    Calibration *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    size_t nprev = prev ? prev->nstages : 0;
    c->n = n;
    c->stages = calloc(nprev + 1, sizeof *c->stages);
    c->final_w = malloc((n ? n : 1) * sizeof *c->final_w);
    if (!c->stages || !c->final_w) goto fail;
    for (size_t s = 0; s < nprev; s++) {
        const CalibStage *ps = &prev->stages[s];
        CalibStage *st = &c->stages[s];
        st->kind = ps->kind;
        st->steps = calloc(ps->nsteps, sizeof *st->steps);
        c->nstages = s + 1;
        if (!st->steps) goto fail;
        st->nsteps = ps->nsteps;
        for (size_t k = 0; k < ps->nsteps; k++) {
            if (alloc_step(&st->steps[k], n)) goto fail;
            st->steps[k].ncells = ps->steps[k].ncells;
            memcpy(st->steps[k].cell, ps->steps[k].cell, n * sizeof(int32_t));
            memcpy(st->steps[k].w, ps->steps[k].w, n * sizeof(double));
            memcpy(st->steps[k].oldw, ps->steps[k].oldw, n * sizeof(double));
        }
    }
    if (nsteps == 0) return c;   /* a plain copy */
    CalibStage *st = &c->stages[nprev];
    c->nstages = nprev + 1;
    st->kind = kind;
    st->steps = calloc(nsteps, sizeof *st->steps);
    if (!st->steps) goto fail;
    st->nsteps = nsteps;
    for (size_t k = 0; k < nsteps; k++)
        if (alloc_step(&st->steps[k], n)) goto fail;
    return c;
fail:
    calib_free(c);
    return NULL;
}

static void cell_totals(size_t n, const double *w, const int32_t *cell, size_t ncells, double *tot) {
    for (size_t c = 0; c < ncells; c++) tot[c] = 0;
    for (size_t i = 0; i < n; i++) tot[cell[i]] += w[i];
}

static void record(CalibStep *p, size_t n, const CalibMargin *m, const double *oldw, const double *w) {
    if (!p) return;
    p->ncells = m->ncells;
    memcpy(p->cell, m->cell, n * sizeof(int32_t));
    memcpy(p->oldw, oldw, n * sizeof(double));
    memcpy(p->w, w, n * sizeof(double));
}

void calib_poststratify(size_t n, const double *w0, const CalibMargin *m, double *w1,
                        double *tot, CalibStage *st) {
    cell_totals(n, w0, m->cell, m->ncells, tot);
    for (size_t i = 0; i < n; i++) {
        int32_t c = m->cell[i];
        w1[i] = w0[i] * (m->pop[c] / tot[c]);
    }
    if (st) record(&st->steps[0], n, m, w0, w1);
}

/* One bounded margin step: per cell, the factor f with sum clip(w*f, lo*w0, hi*w0) = pop.
 * The clipped set is recomputed from scratch for each trial f until it is stable. */
static int bounded_step(size_t n, const double *w0, const CalibMargin *m, const double *lo_w,
                        double *w, double lo, double hi, unsigned char *clip, double *f,
                        double *sfree, double *sfix) {
    size_t nc = m->ncells;
    int infeasible = 0;
    cell_totals(n, w, m->cell, nc, sfree);
    for (size_t c = 0; c < nc; c++) f[c] = m->pop[c] / sfree[c];
    memset(clip, 0, n);
    for (int round = 0; round < 100; round++) {
        int changed = 0;
        for (size_t c = 0; c < nc; c++) sfree[c] = sfix[c] = 0;
        for (size_t i = 0; i < n; i++) {
            int32_t c = m->cell[i];
            double g = w[i] * f[c] / w0[i];
            unsigned char k = g > hi ? 2 : g < lo ? 1 : 0;
            if (k != clip[i]) changed = 1;
            clip[i] = k;
            if (k == 2) sfix[c] += hi * w0[i];
            else if (k == 1) sfix[c] += lo_w[i];
            else sfree[c] += w[i];
        }
        for (size_t c = 0; c < nc; c++) {
            if (sfree[c] > 0) f[c] = (m->pop[c] - sfix[c]) / sfree[c];
        }
        if (!changed && round > 0) break;
    }
    for (size_t i = 0; i < n; i++) {
        int32_t c = m->cell[i];
        if (clip[i] == 2) w[i] = hi * w0[i];
        else if (clip[i] == 1) w[i] = lo_w[i];
        else w[i] *= f[c];
    }
    cell_totals(n, w, m->cell, nc, sfree);
    for (size_t c = 0; c < nc; c++)
        if (fabs(sfree[c] - m->pop[c]) > 1e-9 * (fabs(m->pop[c]) + 1)) infeasible = 1;
    return infeasible;
}

int calib_rake(size_t n, const double *w0, const CalibMargin *m, size_t nm,
               const int32_t *cross, size_t ncross, RakeControl *ctl, double *w1,
               CalibStage *st) {
    size_t maxc = 1;
    for (size_t k = 0; k < nm; k++) if (m[k].ncells > maxc) maxc = m[k].ncells;
    double *oldt = malloc(ncross * sizeof *oldt), *newt = malloc(ncross * sizeof *newt);
    double *tot = malloc(maxc * sizeof *tot), *prev = malloc((n ? n : 1) * sizeof *prev);
    double *f = malloc(maxc * sizeof *f), *sfix = malloc(maxc * sizeof *sfix);
    double *lo_w = malloc((n ? n : 1) * sizeof *lo_w);
    unsigned char *clip = malloc(n ? n : 1);
    int rc = -1;
    if (!oldt || !newt || !tot || !prev || !f || !sfix || !lo_w || !clip) goto done;
    int bounded = ctl->lo > 0 || isfinite(ctl->hi);
    for (size_t i = 0; i < n; i++) lo_w[i] = ctl->lo * w0[i];

    double sum0 = 0;
    for (size_t i = 0; i < n; i++) sum0 += w0[i];
    double eps = ctl->epsilon < 1 ? ctl->epsilon * sum0 : ctl->epsilon;
    memcpy(w1, w0, n * sizeof *w1);
    cell_totals(n, w1, cross, ncross, oldt);
    ctl->iterations = 0;
    ctl->converged = 0;
    ctl->infeasible = 0;
    ctl->delta = INFINITY;
    int iter = 0;
    while (iter < ctl->maxit) {
        int infeasible = 0;
        for (size_t k = 0; k < nm; k++) {
            memcpy(prev, w1, n * sizeof *prev);
            if (bounded) {
                infeasible |= bounded_step(n, w0, &m[k], lo_w, w1, ctl->lo, ctl->hi, clip, f, tot, sfix);
            } else {
                cell_totals(n, prev, m[k].cell, m[k].ncells, tot);
                for (size_t i = 0; i < n; i++) {
                    int32_t c = m[k].cell[i];
                    w1[i] = prev[i] * (m[k].pop[c] / tot[c]);
                }
            }
            if (st) record(&st->steps[k], n, &m[k], prev, w1);
        }
        ctl->iterations++;
        ctl->infeasible = infeasible;
        cell_totals(n, w1, cross, ncross, newt);
        double delta = 0;
        for (size_t c = 0; c < ncross; c++) {
            double d = fabs(oldt[c] - newt[c]);
            if (d > delta || d != d) delta = d;
        }
        ctl->delta = delta;
        if (delta < eps) { ctl->converged = 1; break; }
        memcpy(oldt, newt, ncross * sizeof *oldt);
        iter++;
    }
    rc = 0;
done:
    free(oldt); free(newt); free(tot); free(prev); free(f); free(sfix); free(lo_w); free(clip);
    return rc;
}

/* svyrecvar's ordinary post-stratification step. */
static void resid_post(const CalibStep *p, double *x, size_t n, size_t ncol, double *num, double *den) {
    size_t nc = p->ncells;
    for (size_t c = 0; c < nc; c++) den[c] = 0;
    for (size_t i = 0; i < n; i++) den[p->cell[i]] += p->oldw[i];
    for (size_t j = 0; j < ncol; j++) {
        double *xj = x + j * n;
        for (size_t c = 0; c < nc; c++) num[c] = 0;
        for (size_t i = 0; i < n; i++) {
            double psw = p->w[i], oldw = p->oldw[i];
            if (psw == 0 && oldw == 0) psw = 1;
            num[p->cell[i]] += xj[i] * oldw / psw;
        }
        for (size_t i = 0; i < n; i++) {
            double psw = p->w[i];
            if (psw == 0 && p->oldw[i] == 0) psw = 1;
            xj[i] -= num[p->cell[i]] / den[p->cell[i]] * psw;
        }
    }
}

/* svyrecvar's raking step: ten sweeps of x <- x - psw * ave(x / psw, margin). */
static void resid_rake(const CalibStage *st, double *x, size_t n, size_t ncol, double *num, double *cnt) {
    for (int it = 0; it < 10; it++) {
        for (size_t k = 0; k < st->nsteps; k++) {
            const CalibStep *p = &st->steps[k];
            size_t nc = p->ncells;
            for (size_t c = 0; c < nc; c++) cnt[c] = 0;
            for (size_t i = 0; i < n; i++) cnt[p->cell[i]] += 1;
            for (size_t j = 0; j < ncol; j++) {
                double *xj = x + j * n;
                for (size_t c = 0; c < nc; c++) num[c] = 0;
                for (size_t i = 0; i < n; i++) num[p->cell[i]] += xj[i] / p->w[i];
                for (size_t i = 0; i < n; i++) xj[i] -= p->w[i] * (num[p->cell[i]] / cnt[p->cell[i]]);
            }
        }
    }
}

int calib_residualize(const Calibration *c, double *x, size_t n, size_t ncol) {
    if (!c || n != c->n) return -1;
    size_t maxc = 1;
    for (size_t s = 0; s < c->nstages; s++)
        for (size_t k = 0; k < c->stages[s].nsteps; k++)
            if (c->stages[s].steps[k].ncells > maxc) maxc = c->stages[s].steps[k].ncells;
    double *num = malloc(maxc * sizeof *num), *den = malloc(maxc * sizeof *den);
    if (!num || !den) { free(num); free(den); return -1; }
    for (size_t s = 0; s < c->nstages; s++) {
        const CalibStage *st = &c->stages[s];
        if (st->kind == CALIB_POST) resid_post(&st->steps[0], x, n, ncol, num, den);
        else resid_rake(st, x, n, ncol, num, den);
    }
    free(num);
    free(den);
    return 0;
}
