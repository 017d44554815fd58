/* estimate_run.c: domain means of many variables on worker threads (see estimate_run.h). */
#include "kernel/estimate_run.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int est_values(const EstJob *job, size_t nrows, double *y, double **comp, SvyBad *bad) {
    if (job->scale) {
        int rc = svy_scores(job->scale, nrows, y, job->items ? comp : NULL, bad);
        if (rc == -1) return EST_BAD_VALUE;
        return rc < 0 ? EST_ERROR : 0;
    }
    const Column *c = job->column;
    for (size_t i = 0; i < nrows; i++) y[i] = col_num_valid(c, i) ? c->num[i] : NAN;
    return 0;
}

typedef struct {
    const SvyDesign *d;
    const SvyGroups *g;
    EstJob *jobs;
    size_t njobs;
    atomic_size_t next;     /* the next job to take */
    atomic_size_t failed;
} Shared;

/* One job with the thread's buffers: y (nrows) and the components (grown as needed). */
static void run_job(Shared *sh, EstJob *job, double *y, double ***comp, size_t *ncomp_cap, SvyWork *work) {
    size_t n = sh->d->nrows;
    const double *yv = job->values;
    size_t ncomp = 0;
    if (!yv) {
        if (job->scale && job->items) {
            ncomp = job->scale->nitems;
            if (*ncomp_cap < ncomp) {
                double **c = realloc(*comp, ncomp * sizeof *c);
                if (!c) goto oom;
                *comp = c;
                for (size_t k = *ncomp_cap; k < ncomp; k++) {
                    c[k] = malloc((n ? n : 1) * sizeof **c);
                    if (!c[k]) { *ncomp_cap = k; goto oom; }
                }
                *ncomp_cap = ncomp;
            }
        }
        int rc = est_values(job, n, y, ncomp ? *comp : NULL, &job->bad);
        if (rc == EST_BAD_VALUE) { job->rc = rc; return; }
        if (rc != 0) goto oom;
        yv = y;
    }
    if (svy_domain_means(sh->d, sh->g, work, yv, ncomp, (const double *const *)(ncomp ? *comp : NULL),
                         job->est, job->err, sizeof job->err) < 0) {
        job->rc = EST_ERROR;
        return;
    }
    job->rc = 0;
    return;
oom:
    snprintf(job->err, sizeof job->err, "out of memory");
    job->rc = EST_ERROR;
}

static void *worker(void *arg) {
    Shared *sh = arg;
    size_t n = sh->d->nrows;
    double *y = NULL, **comp = NULL;
    size_t ncomp_cap = 0;
    SvyWork work = { NULL, 0 };
    for (;;) {
        size_t j = atomic_fetch_add(&sh->next, 1);
        if (j >= sh->njobs) break;
        EstJob *job = &sh->jobs[j];
        if (!y && !job->values) y = malloc((n ? n : 1) * sizeof *y);
        if (!y && !job->values) {
            snprintf(job->err, sizeof job->err, "out of memory");
            job->rc = EST_ERROR;
        } else {
            run_job(sh, job, y, &comp, &ncomp_cap, &work);
        }
        if (job->rc != 0) atomic_fetch_add(&sh->failed, 1);
    }
    for (size_t k = 0; k < ncomp_cap; k++) free(comp[k]);
    free(comp);
    free(y);
    svy_work_free(&work);
    return NULL;
}

size_t est_run(const SvyDesign *d, const SvyGroups *g, EstJob *jobs, size_t njobs, int nthreads) {
    Shared sh;
    sh.d = d;
    sh.g = g;
    sh.jobs = jobs;
    sh.njobs = njobs;
    atomic_init(&sh.next, 0);
    atomic_init(&sh.failed, 0);
    if (nthreads < 1) nthreads = 1;
    if ((size_t)nthreads > njobs) nthreads = njobs ? (int)njobs : 1;
    pthread_t tid[8];
    int started = 0;
    for (int t = 1; t < nthreads && t < 8; t++) {
        if (pthread_create(&tid[started], NULL, worker, &sh) != 0) break;  /* fewer threads is fine */
        started++;
    }
    worker(&sh);
    for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
    return atomic_load(&sh.failed);
}

int est_auto_threads(size_t nrows, size_t njobs) {
    /* starting a thread costs tens of microseconds; a job over 50,000 rows takes longer */
    if (njobs < 2 || nrows * njobs < 200000) return 1;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1) cpus = 1;
    if (cpus > 8) cpus = 8;
    return (int)cpus;
}
