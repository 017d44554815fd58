/* svy.h: design-based estimation kernels on plain arrays (no Lua).
 *
 * Scale scores per respondent, and domain means with Taylor-linearised standard
 * errors for a stratified cluster design, computed as R's survey package does:
 *   svyby(~y, ~g, svydesign(ids=~cluster, strata=~stratum, weights=~w, fpc=~N),
 *         svymean, na.rm=TRUE)
 * Domains keep every PSU of the design (PSUs without domain members count as
 * zeros); lonely PSUs follow options("survey.lonely.psu").
 *
 * Ownership: SvyDesign and SvyGroups own their arrays; inputs are borrowed and
 * copied where kept. Functions returning int give 0 on success and -1 with a
 * message in err (errlen bytes) on failure.
 */
#ifndef PASSEND_SVY_H
#define PASSEND_SVY_H

#include <stddef.h>
#include <stdint.h>

/* The most answer categories a scale may have (the answer table in svy.c covers 0..15). */
#define SVY_MAX_POINTS 11

/* ---- scale scores --------------------------------------------------------- */

/* Missing codes of one item: discrete codes and an optional range lo..hi. */
typedef struct {
    const double *codes;
    size_t ncodes;
    int has_range;
    double lo, hi;
} SvyMissing;

typedef struct {
    size_t nitems;
    const double *const *items;  /* nitems arrays of nrows values (NaN = system-missing) */
    const unsigned char *reversed; /* nitems flags (x' = points + 1 - x), or NULL */
    const SvyMissing *missing;   /* nitems missing-code sets, or NULL */
    int points;                  /* 2..SVY_MAX_POINTS: valid answers are the integers 1..points */
    int min_valid;               /* fewer valid items -> score missing (NaN); >= 1 */
} SvyScale;

/* Where the first value that is neither valid nor missing was found. */
typedef struct {
    size_t row, item;
    double value;
} SvyBad;

/* Writes each respondent's scale score (mean of valid, reversed items) to
 * score[nrows]. When items_out is not NULL it receives per item the cleaned,
 * reversed value (NaN when missing or when the respondent's score is missing):
 * the components for the "mean of item means" estimator. Returns 0, -1 with
 * *bad set when a value is neither valid nor missing, -2 when out of memory. */
int svy_scores(const SvyScale *s, size_t nrows, double *score, double **items_out, SvyBad *bad);

/* ---- codes ---------------------------------------------------------------- */

/* Dense codes 0..k-1 for the distinct non-NaN values of x, in ascending order
 * of value; NaN -> -1. *levels receives the k sorted values (malloc'ed).
 * Returns k, or -1 when out of memory. */
long svy_codes_double(const double *x, size_t n, int32_t *codes, double **levels);

/* Dense codes for 64-bit keys (key < 0 -> -1), in ascending key order.
 * Returns the number of distinct keys, or -1 when out of memory. */
long svy_codes_key(const int64_t *key, size_t n, int32_t *codes);
/* The same for 32-bit keys, replaced by their codes in place. */
long svy_codes_int32(int32_t *key, size_t n);

/* ---- design --------------------------------------------------------------- */

typedef enum {
    SVY_LONELY_ADJUST = 0,  /* lonely PSU centred at the domain mean, not its stratum's */
    SVY_LONELY_AVERAGE,     /* stratum left out, variance scaled by strata / strata used */
    SVY_LONELY_CERTAINTY,   /* contributes no variance */
    SVY_LONELY_REMOVE,      /* contributes no variance (as survey 4.x computes it) */
    SVY_LONELY_FAIL         /* an error naming the stratum */
} SvyLonely;

typedef struct {
    size_t nrows;
    double *w;               /* weights; NULL when none given (see svy_weight) */
    int32_t *psu;            /* row -> PSU 0..npsu-1 (PSUs are nested in strata);
                              * NULL when unclustered: row i is PSU i (see svy_psu) */
    size_t npsu, nstrata;
    int32_t *psu_stratum;    /* PSU -> stratum; NULL when unstratified: all 0 */
    int32_t *stratum_npsu;   /* PSUs per stratum in the whole design */
    double *stratum_f;       /* (N - n) / N per stratum; 1 without fpc */
    int32_t *stratum_code;   /* dense stratum -> the caller's stratum code */
    const char *const *stratum_names; /* caller code -> name for messages (borrowed, may be NULL) */
    SvyLonely lonely;
    double degf;             /* PSUs - strata, counting rows with nonzero weight */
    int weighted, clustered, stratified, has_fpc;
} SvyDesign;

/* The PSU of row i, the stratum of PSU p and the weight of row i (the arrays are
 * left out when the design has no clusters / strata / weights: no per-row arrays
 * for simple designs). */
static inline int32_t svy_psu(const SvyDesign *d, size_t i) {
    return d->psu ? d->psu[i] : (int32_t)i;
}
static inline int32_t svy_psu_stratum(const SvyDesign *d, size_t p) {
    return d->psu_stratum ? d->psu_stratum[p] : 0;
}
static inline double svy_weight(const SvyDesign *d, size_t i) {
    return d->w ? d->w[i] : 1.0;
}

/* Builds a design. w may be NULL (all 1; must be finite and >= 0 otherwise);
 * cluster, stratum may be NULL (each row its own PSU; one stratum) and hold
 * codes >= 0 otherwise; fpc may be NULL, else per row either population sizes
 * (PSUs in the stratum, all >= 1) or sampling fractions (all <= 1), constant
 * within a stratum. stratum_names (indexed by stratum code, may be NULL) name
 * strata in messages and must outlive the design. Returns NULL with a message in err. */
SvyDesign *svy_design_new(size_t nrows, const double *w, const int32_t *cluster,
                          const int32_t *stratum, const double *fpc, SvyLonely lonely,
                          const char *const *stratum_names, char *err, size_t errlen);
void svy_design_free(SvyDesign *d);

/* ---- domains -------------------------------------------------------------- */

typedef struct {
    size_t ngroups;
    const int32_t *group;  /* row -> group, -1 = in no group (borrowed) */
    size_t ncells;         /* distinct (group, PSU) pairs */
    int32_t *cell;         /* row -> cell, -1 when group is -1; NULL when the design is
                            * unclustered (each grouped row is its own cell) */
    size_t ngs;            /* distinct (group, stratum) pairs */
    int32_t *cell_gs;      /* cell -> (group, stratum) pair (clustered designs) */
    int32_t *row_gs;       /* row -> (group, stratum) pair (unclustered and stratified
                            * designs; unclustered without strata: the pair is the group) */
    int32_t *gs_group, *gs_stratum;
} SvyGroups;

/* Working space of svy_domain_means, reused from call to call (fresh pages are
 * costly with many cells). One per thread; zero-initialise, free with svy_work_free. */
typedef struct {
    double *buf;
    size_t cap;
} SvyWork;

void svy_work_free(SvyWork *w);

/* group[row] in 0..ngroups-1 or -1; borrowed: it must outlive g. NULL when out of memory. */
SvyGroups *svy_groups_new(const SvyDesign *d, const int32_t *group, size_t ngroups);
void svy_groups_free(SvyGroups *g);

typedef struct {
    double n;      /* rows with a valid value */
    double n_w;    /* sum of their weights */
    double mean;
    double sd;     /* sqrt of svyvar: n/(n-1) * sum w (y - mean)^2 / sum w, n = valid rows with w > 0 */
    double se;
    double var;    /* se^2 */
} SvyEst;

/* Domain means of y for every group: est[ngroups]. With ncomp > 1 the mean is
 * the average of the components' means (comp[k][row], NaN = not valid), linearised
 * jointly; y then only gives n, n_w and sd. ncomp == 0 uses y itself.
 * d and g are only read: threads may share them, each with its own work.
 * Returns 0, or -1 with err (lonely "fail", out of memory). */
int svy_domain_means(const SvyDesign *d, const SvyGroups *g, SvyWork *work, const double *y,
                     size_t ncomp, const double *const *comp, SvyEst *est,
                     char *err, size_t errlen);

/* ---- per-row path, for calibrated designs -------------------------------- */

/* The linearised values of group gr's mean for every row, as svymean's
 * x * w / sum(w) (ncomp > 1: averaged over the components' ratios): 0 outside the
 * group or where y is missing. Fills x[nrows]. A calibration residualises these
 * (calib_residualize) before svy_rows_var. */
void svy_domain_influence(const SvyDesign *d, const SvyGroups *g, const double *y, size_t ncomp,
                          const double *const *comp, int32_t gr, double *x);

/* The variance of the total of x (nrows values) over the whole design, every
 * stratum and PSU present (a calibrated design keeps all rows in a domain, so
 * with lonely_psu = "average" all strata count). Returns 0, or -1 with err. */
int svy_rows_var(const SvyDesign *d, const double *x, double *var, char *err, size_t errlen);

#endif
