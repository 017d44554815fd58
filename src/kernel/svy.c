/* svy.c: scale scores, design building and domain means (see svy.h). */
#include "kernel/svy.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void seterr(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- scale scores --------------------------------------------------------- */

#define TAB_N 16
enum { T_MISS = -1, T_BAD = -2 };

static int is_missing(const SvyMissing *m, double v) {
    if (!m) return 0;
    for (size_t j = 0; j < m->ncodes; j++)
        if (m->codes[j] == v) return 1;
    return m->has_range && v >= m->lo && v <= m->hi;
}

/* tab[v] for integer answers 0..15: the (reversed) value, T_MISS or T_BAD. */
static void item_table(const SvyScale *s, size_t k, double tab[TAB_N]) {
    const SvyMissing *m = s->missing ? &s->missing[k] : NULL;
    int rev = s->reversed && s->reversed[k];
    for (int v = 0; v < TAB_N; v++) {
        if (is_missing(m, v)) tab[v] = T_MISS;
        else if (v >= 1 && v <= s->points) tab[v] = rev ? s->points + 1 - v : v;
        else tab[v] = T_BAD;
    }
}

/* The cleaned value of answer v: > 0 valid, T_MISS or T_BAD. */
static inline double clean(const double tab[TAB_N], const SvyMissing *m, double v) {
    if (v >= 0 && v < TAB_N) {
        int iv = (int)v;
        if (iv == v) return tab[iv];
    }
    if (v != v || is_missing(m, v)) return T_MISS;
    return T_BAD;
}

#define SCORE_BLOCK 2048

int svy_scores(const SvyScale *s, size_t nrows, double *score, double **items_out, SvyBad *bad) {
    /* item tables once; rows in blocks so the running sums stay in cache */
    size_t K = s->nitems;
    double (*tabs)[TAB_N] = malloc((K ? K : 1) * sizeof *tabs);
    if (!tabs) return -2;
    for (size_t k = 0; k < K; k++) item_table(s, k, tabs[k]);
    double minv = s->min_valid < 1 ? 1 : s->min_valid;
    double sum[SCORE_BLOCK], cnt[SCORE_BLOCK];
    for (size_t b0 = 0; b0 < nrows; b0 += SCORE_BLOCK) {
        size_t m = nrows - b0 < SCORE_BLOCK ? nrows - b0 : SCORE_BLOCK;
        memset(sum, 0, m * sizeof *sum);
        memset(cnt, 0, m * sizeof *cnt);
        for (size_t k = 0; k < K; k++) {
            const double *tab = tabs[k];
            const SvyMissing *mk = s->missing ? &s->missing[k] : NULL;
            const double *x = s->items[k] + b0;
            for (size_t i = 0; i < m; i++) {
                double c = clean(tab, mk, x[i]);
                if (c > 0) { sum[i] += c; cnt[i] += 1; }
                else if (c == T_BAD) {
                    if (bad) { bad->row = b0 + i; bad->item = k; bad->value = x[i]; }
                    free(tabs);
                    return -1;
                }
            }
        }
        double *o = score + b0;
        for (size_t i = 0; i < m; i++) o[i] = cnt[i] >= minv ? sum[i] / cnt[i] : NAN;
        if (items_out) {
            for (size_t k = 0; k < K; k++) {
                const double *tab = tabs[k];
                const SvyMissing *mk = s->missing ? &s->missing[k] : NULL;
                const double *x = s->items[k] + b0;
                double *ok = items_out[k] + b0;
                for (size_t i = 0; i < m; i++) {
                    double c = clean(tab, mk, x[i]);
                    ok[i] = (c > 0 && o[i] == o[i]) ? c : NAN;
                }
            }
        }
    }
    free(tabs);
    return 0;
}

/* ---- dense codes through a hash of 64-bit keys ---------------------------- */

static inline uint64_t mix64(uint64_t x) {
    x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27; x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

typedef struct {
    uint64_t *keys;
    int32_t *vals;   /* -1 = empty */
    size_t cap, count;
} KeyMap;

static int km_init(KeyMap *m, size_t hint) {
    m->cap = 64;
    while (m->cap < hint * 2) m->cap <<= 1;
    m->count = 0;
    m->keys = malloc(m->cap * sizeof *m->keys);
    m->vals = malloc(m->cap * sizeof *m->vals);
    if (!m->keys || !m->vals) { free(m->keys); free(m->vals); return -1; }
    memset(m->vals, 0xff, m->cap * sizeof *m->vals);
    return 0;
}

static void km_free(KeyMap *m) { free(m->keys); free(m->vals); }

static int km_grow(KeyMap *m) {
    KeyMap n;
    if (km_init(&n, m->cap) < 0) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->vals[i] < 0) continue;
        size_t j = mix64(m->keys[i]) & (n.cap - 1);
        while (n.vals[j] >= 0) j = (j + 1) & (n.cap - 1);
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
    }
    n.count = m->count;
    km_free(m);
    *m = n;
    return 0;
}

/* The value for key, inserting count as a new value; -2 when out of memory. */
static inline int32_t km_get(KeyMap *m, uint64_t key) {
    size_t j = mix64(key) & (m->cap - 1);
    while (m->vals[j] >= 0) {
        if (m->keys[j] == key) return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    if ((m->count + 1) * 2 > m->cap) {
        if (km_grow(m) < 0) return -2;
        return km_get(m, key);
    }
    m->keys[j] = key;
    m->vals[j] = (int32_t)m->count;
    return (int32_t)m->count++;
}

typedef struct { uint64_t key; double dkey; int32_t code; } KeyCode;

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = ((const KeyCode *)a)->key, y = ((const KeyCode *)b)->key;
    return (x > y) - (x < y);
}
static int cmp_dbl(const void *a, const void *b) {
    double x = ((const KeyCode *)a)->dkey, y = ((const KeyCode *)b)->dkey;
    return (x > y) - (x < y);
}

/* Provisional codes (first-seen order) -> ordered codes. dbl: order by dkey. */
static long order_codes(KeyMap *m, int32_t *codes, size_t n, int dbl, double **levels) {
    size_t k = m->count;
    KeyCode *kc = malloc((k ? k : 1) * sizeof *kc);
    int32_t *remap = malloc((k ? k : 1) * sizeof *remap);
    if (!kc || !remap) { free(kc); free(remap); return -1; }
    for (size_t i = 0, j = 0; i < m->cap; i++) {
        if (m->vals[i] < 0) continue;
        kc[j].key = m->keys[i];
        memcpy(&kc[j].dkey, &m->keys[i], sizeof(double));
        kc[j].code = m->vals[i];
        j++;
    }
    qsort(kc, k, sizeof *kc, dbl ? cmp_dbl : cmp_u64);
    for (size_t j = 0; j < k; j++) remap[kc[j].code] = (int32_t)j;
    for (size_t i = 0; i < n; i++)
        if (codes[i] >= 0) codes[i] = remap[codes[i]];
    if (levels) {
        *levels = malloc((k ? k : 1) * sizeof **levels);
        if (!*levels) { free(kc); free(remap); return -1; }
        for (size_t j = 0; j < k; j++) (*levels)[j] = kc[j].dkey;
    }
    free(kc);
    free(remap);
    return (long)k;
}

/* Keys below this bound are coded through a direct table instead of the hash map. */
#define DIRECT_KEYS ((int64_t)1 << 22)

/* Whole numbers in a small range (years, answer codes, ids) take a direct table:
 * two cheap passes instead of hashing every row; the same codes and levels.
 * Returns -2 when x does not qualify. */
static long codes_whole(const double *x, size_t n, int32_t *codes, double **levels) {
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (v != v) continue;
        if (!(v >= -9e15 && v <= 9e15) || v != (double)(int64_t)v) return -2;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
    }
    if (lo > hi) lo = hi = 0;   /* all missing */
    if (hi - lo >= (double)DIRECT_KEYS) return -2;
    size_t size = (size_t)(hi - lo) + 1;
    int32_t *tab = calloc(size, sizeof *tab);
    if (!tab) return -1;
    for (size_t i = 0; i < n; i++) if (x[i] == x[i]) tab[(size_t)(x[i] - lo)] = 1;
    int32_t k = 0;
    for (size_t j = 0; j < size; j++) tab[j] = tab[j] ? k++ : -1;
    for (size_t i = 0; i < n; i++) codes[i] = x[i] == x[i] ? tab[(size_t)(x[i] - lo)] : -1;
    if (levels) {
        *levels = malloc((k ? (size_t)k : 1) * sizeof **levels);
        if (!*levels) { free(tab); return -1; }
        for (size_t j = 0; j < size; j++) if (tab[j] >= 0) (*levels)[tab[j]] = lo + (double)j;
    }
    free(tab);
    return k;
}

long svy_codes_double(const double *x, size_t n, int32_t *codes, double **levels) {
    long kw = codes_whole(x, n, codes, levels);
    if (kw != -2) return kw;
    KeyMap m;
    if (km_init(&m, 64) < 0) return -1;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (v != v) { codes[i] = -1; continue; }
        if (v == 0) v = 0.0;  /* -0 and 0 are one value */
        uint64_t key;
        memcpy(&key, &v, sizeof key);
        int32_t c = km_get(&m, key);
        if (c < -1) { km_free(&m); return -1; }
        codes[i] = c;
    }
    long k = order_codes(&m, codes, n, 1, levels);
    km_free(&m);
    return k;
}

/* Dense codes through a direct table when every key is below DIRECT_KEYS (group and
 * stratum codes, (group, stratum) pairs): two cheap passes instead of hashing every
 * row, the same ascending codes. codes may be key itself. -2 when the keys are too big. */
#define DIRECT_CODES(name, T)                                                          \
    static long name(const T *key, size_t n, int32_t *codes) {                         \
        T maxkey = -1;                                                                 \
        for (size_t i = 0; i < n; i++) if (key[i] > maxkey) maxkey = key[i];           \
        if (maxkey >= DIRECT_KEYS) return -2;                                          \
        size_t size = (size_t)maxkey + 1;                                              \
        int32_t *tab = calloc(size ? size : 1, sizeof *tab);                           \
        if (!tab) return -1;                                                           \
        for (size_t i = 0; i < n; i++) if (key[i] >= 0) tab[key[i]] = 1;              \
        int32_t k = 0;                                                                 \
        for (size_t j = 0; j < size; j++) tab[j] = tab[j] ? k++ : -1;                  \
        for (size_t i = 0; i < n; i++) codes[i] = key[i] >= 0 ? tab[key[i]] : -1;     \
        free(tab);                                                                     \
        return k;                                                                      \
    }
DIRECT_CODES(direct_codes64, int64_t)
DIRECT_CODES(direct_codes32, int32_t)

long svy_codes_key(const int64_t *key, size_t n, int32_t *codes) {
    long k = direct_codes64(key, n, codes);
    if (k != -2) return k;
    KeyMap m;
    if (km_init(&m, 64) < 0) return -1;
    for (size_t i = 0; i < n; i++) {
        if (key[i] < 0) { codes[i] = -1; continue; }
        int32_t c = km_get(&m, (uint64_t)key[i]);
        if (c < -1) { km_free(&m); return -1; }
        codes[i] = c;
    }
    k = order_codes(&m, codes, n, 0, NULL);
    km_free(&m);
    return k;
}

long svy_codes_int32(int32_t *key, size_t n) {
    long k = direct_codes32(key, n, key);
    if (k != -2) return k;
    int64_t *wide = malloc((n ? n : 1) * sizeof *wide);
    if (!wide) return -1;
    for (size_t i = 0; i < n; i++) wide[i] = key[i];
    k = svy_codes_key(wide, n, key);
    free(wide);
    return k;
}

/* ---- design --------------------------------------------------------------- */

/* "\"name\"" or the code, for messages. */
static const char *stratum_name(const SvyDesign *d, int32_t h, char *buf, size_t size) {
    int32_t code = d->stratum_code[h];
    if (d->stratum_names && d->stratum_names[code]) snprintf(buf, size, "\"%s\"", d->stratum_names[code]);
    else snprintf(buf, size, "%d", (int)code);
    return buf;
}

void svy_design_free(SvyDesign *d) {
    if (!d) return;
    free(d->w); free(d->psu); free(d->psu_stratum);
    free(d->stratum_npsu); free(d->stratum_f); free(d->stratum_code);
    free(d);
}

static inline int32_t row_stratum(const SvyDesign *d, size_t i) {
    return svy_psu_stratum(d, (size_t)svy_psu(d, i));
}

SvyDesign *svy_design_new(size_t nrows, const double *w, const int32_t *cluster,
                          const int32_t *stratum, const double *fpc, SvyLonely lonely,
                          const char *const *stratum_names, char *err, size_t errlen) {
    SvyDesign *d = calloc(1, sizeof *d);
    int64_t *key = NULL;
    int32_t *scode = NULL;   /* row -> dense stratum, while building */
    if (!d) goto oom;
    d->nrows = nrows;
    d->lonely = lonely;
    d->stratum_names = stratum_names;
    d->weighted = w != NULL;
    d->clustered = cluster != NULL;
    d->stratified = stratum != NULL;
    d->has_fpc = fpc != NULL;
    double total = 0;
    if (w) {   /* without weights no array: svy_weight gives 1 */
        d->w = malloc((nrows ? nrows : 1) * sizeof *d->w);
        if (!d->w) goto oom;
        for (size_t i = 0; i < nrows; i++) {
            double v = w[i];
            if (!(v >= 0) || isinf(v)) {
                seterr(err, errlen, "weight in row %zu is %s, expected a finite number >= 0",
                       i + 1, v != v ? "missing" : "negative or infinite");
                goto fail;
            }
            d->w[i] = v;
            total += v;
        }
        if (!isfinite(total)) {
            seterr(err, errlen, "the weights add up to more than the largest number (about 1.8e308): rescale them");
            goto fail;
        }
    }
    if (stratum || cluster) {
        key = malloc((nrows ? nrows : 1) * sizeof *key);
        if (!key) goto oom;
    }
    /* strata: dense in the caller's code order; without strata one stratum and no array */
    if (stratum) {
        scode = malloc((nrows ? nrows : 1) * sizeof *scode);
        if (!scode) goto oom;
        for (size_t i = 0; i < nrows; i++) {
            if (stratum[i] < 0) { seterr(err, errlen, "stratum missing in row %zu", i + 1); goto fail; }
            key[i] = stratum[i];
        }
        long ns = svy_codes_key(key, nrows, scode);
        if (ns < 0) goto oom;
        d->nstrata = (size_t)ns;
    } else {
        d->nstrata = nrows ? 1 : 0;
    }
    /* PSUs: (stratum, cluster) pairs, i.e. clusters nested in strata; without
     * clusters every row is its own PSU and no row -> PSU array is kept */
    if (cluster) {
        for (size_t i = 0; i < nrows; i++) {
            int64_t c = cluster[i];
            if (c < 0) { seterr(err, errlen, "cluster missing in row %zu", i + 1); goto fail; }
            key[i] = ((int64_t)(scode ? scode[i] : 0) << 32) | c;
        }
        d->psu = malloc((nrows ? nrows : 1) * sizeof *d->psu);
        if (!d->psu) goto oom;
        long np = svy_codes_key(key, nrows, d->psu);
        if (np < 0) goto oom;
        d->npsu = (size_t)np;
        if (scode) {
            d->psu_stratum = malloc((d->npsu ? d->npsu : 1) * sizeof *d->psu_stratum);
            if (!d->psu_stratum) goto oom;
            for (size_t i = 0; i < nrows; i++) d->psu_stratum[d->psu[i]] = scode[i];
        }
    } else {
        d->npsu = nrows;
        d->psu_stratum = scode;   /* row i is PSU i */
        scode = NULL;
    }
    free(key); key = NULL;
    free(scode); scode = NULL;
    d->stratum_npsu = calloc(d->nstrata ? d->nstrata : 1, sizeof *d->stratum_npsu);
    d->stratum_f = malloc((d->nstrata ? d->nstrata : 1) * sizeof *d->stratum_f);
    d->stratum_code = calloc(d->nstrata ? d->nstrata : 1, sizeof *d->stratum_code);
    if (!d->stratum_npsu || !d->stratum_f || !d->stratum_code) goto oom;
    if (stratum)
        for (size_t i = 0; i < nrows; i++) d->stratum_code[row_stratum(d, i)] = stratum[i];
    if (d->psu_stratum)
        for (size_t p = 0; p < d->npsu; p++) d->stratum_npsu[d->psu_stratum[p]]++;
    else if (d->nstrata)
        d->stratum_npsu[0] = (int32_t)d->npsu;
    /* finite population corrections */
    for (size_t h = 0; h < d->nstrata; h++) d->stratum_f[h] = NAN;
    if (fpc) {
        int any_big = 0, all_ge1 = 1;
        for (size_t i = 0; i < nrows; i++) {
            double v = fpc[i];
            if (!(v >= 0)) {
                seterr(err, errlen, "fpc in row %zu is %s, expected a population size or a sampling fraction",
                       i + 1, v != v ? "missing" : "negative");
                goto fail;
            }
            if (v > 1) any_big = 1;
            if (v < 1) all_ge1 = 0;
        }
        if (any_big && !all_ge1) {
            seterr(err, errlen, "fpc mixes population sizes (> 1) and sampling fractions (< 1)");
            goto fail;
        }
        for (size_t i = 0; i < nrows; i++) {
            int32_t h = row_stratum(d, i);
            double npsu = d->stratum_npsu[h];
            double N = any_big ? fpc[i] : (fpc[i] == 0 ? INFINITY : npsu / fpc[i]);
            double f = isinf(N) ? 1.0 : (N - npsu) / N;
            if (d->stratum_f[h] != d->stratum_f[h]) d->stratum_f[h] = f;
            else if (d->stratum_f[h] != f) {
                char nb[128];
                seterr(err, errlen, "fpc varies within stratum %s (row %zu)", stratum_name(d, h, nb, sizeof nb), i + 1);
                goto fail;
            }
            if (N < npsu) {
                char nb[128];
                seterr(err, errlen, "fpc implies more than 100%% sampling in stratum %s (row %zu: population %g, sampled PSUs %g)",
                       stratum_name(d, h, nb, sizeof nb), i + 1, N, npsu);
                goto fail;
            }
        }
    } else {
        for (size_t h = 0; h < d->nstrata; h++) d->stratum_f[h] = 1.0;
    }
    /* degrees of freedom: PSUs - strata among rows with nonzero weight (survey's degf) */
    {
        unsigned char *seenp = d->psu ? calloc(d->npsu ? d->npsu : 1, 1) : NULL;
        unsigned char *seens = calloc(d->nstrata ? d->nstrata : 1, 1);
        if ((d->psu && !seenp) || !seens) { free(seenp); free(seens); goto oom; }
        long cp = 0, cs = 0;
        for (size_t i = 0; i < nrows; i++) {
            if (svy_weight(d, i) == 0) continue;
            if (!seenp) cp++;   /* unclustered: each row its own PSU */
            else if (!seenp[d->psu[i]]) { seenp[d->psu[i]] = 1; cp++; }
            int32_t h = row_stratum(d, i);
            if (!seens[h]) { seens[h] = 1; cs++; }
        }
        free(seenp); free(seens);
        d->degf = (double)(cp - cs);
    }
    return d;
oom:
    seterr(err, errlen, "out of memory");
fail:
    free(key); free(scode);
    svy_design_free(d);
    return NULL;
}

/* ---- groups ------------------------------------------------------------- */

void svy_groups_free(SvyGroups *g) {
    if (!g) return;
    free(g->cell); free(g->cell_gs); free(g->row_gs);
    free(g->gs_group); free(g->gs_stratum);
    free(g);
}

#define DIRECT_MAX ((size_t)1 << 22)

/* Unclustered designs: each grouped row is its own cell, so no cells are kept;
 * only the (group, stratum) pairs, per row when there are strata. */
static int groups_unclustered(const SvyDesign *d, SvyGroups *g) {
    size_t n = d->nrows, G = g->ngroups;
    size_t cells = 0;
    for (size_t i = 0; i < n; i++) cells += g->group[i] >= 0;
    g->ncells = cells;
    if (!d->psu_stratum) {
        g->ngs = G;
        g->gs_group = malloc((G ? G : 1) * sizeof *g->gs_group);
        g->gs_stratum = calloc(G ? G : 1, sizeof *g->gs_stratum);
        if (!g->gs_group || !g->gs_stratum) return -1;
        for (size_t s = 0; s < G; s++) g->gs_group[s] = (int32_t)s;
        return 0;
    }
    int64_t *key = malloc((n ? n : 1) * sizeof *key);
    g->row_gs = malloc((n ? n : 1) * sizeof *g->row_gs);
    if (!key || !g->row_gs) { free(key); return -1; }
    for (size_t i = 0; i < n; i++)
        key[i] = g->group[i] < 0 ? -1 : (int64_t)g->group[i] * (int64_t)d->nstrata + d->psu_stratum[i];
    long k = svy_codes_key(key, n, g->row_gs);
    free(key);
    if (k < 0) return -1;
    g->ngs = (size_t)k;
    g->gs_group = malloc((g->ngs ? g->ngs : 1) * sizeof *g->gs_group);
    g->gs_stratum = malloc((g->ngs ? g->ngs : 1) * sizeof *g->gs_stratum);
    if (!g->gs_group || !g->gs_stratum) return -1;
    for (size_t i = 0; i < n; i++) {
        if (g->row_gs[i] < 0) continue;
        g->gs_group[g->row_gs[i]] = g->group[i];
        g->gs_stratum[g->row_gs[i]] = d->psu_stratum[i];
    }
    return 0;
}

SvyGroups *svy_groups_new(const SvyDesign *d, const int32_t *group, size_t ngroups) {
    size_t n = d->nrows;
    SvyGroups *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->ngroups = ngroups;
    g->group = group;
    g->cell = malloc((n ? n : 1) * sizeof *g->cell);
    if (!g->cell) goto oom;
    if (!d->psu) {
        free(g->cell);
        g->cell = NULL;
        if (groups_unclustered(d, g) != 0) goto oom;
        return g;
    }
    int32_t *cell_key_psu = NULL;  /* cell -> psu, to find its stratum */
    int32_t *cell_grp = NULL;
    if (ngroups * d->npsu <= DIRECT_MAX) {
        size_t ntab = ngroups * d->npsu;
        int32_t *tab = malloc((ntab > 0 ? ntab : 1) * sizeof *tab);
        if (!tab) goto oom;
        memset(tab, 0xff, ntab * sizeof *tab);
        size_t c = 0;
        for (size_t i = 0; i < n; i++) {
            if (group[i] < 0) { g->cell[i] = -1; continue; }
            size_t k = (size_t)group[i] * d->npsu + (size_t)d->psu[i];
            if (tab[k] < 0) tab[k] = (int32_t)c++;
            g->cell[i] = tab[k];
        }
        free(tab);
        g->ncells = c;
    } else {
        int64_t *key = malloc((n ? n : 1) * sizeof *key);
        if (!key) goto oom;
        for (size_t i = 0; i < n; i++)
            key[i] = group[i] < 0 ? -1 : (int64_t)group[i] * (int64_t)d->npsu + d->psu[i];
        long c = svy_codes_key(key, n, g->cell);
        free(key);
        if (c < 0) goto oom;
        g->ncells = (size_t)c;
    }
    cell_key_psu = malloc((g->ncells ? g->ncells : 1) * sizeof *cell_key_psu);
    cell_grp = malloc((g->ncells ? g->ncells : 1) * sizeof *cell_grp);
    g->cell_gs = malloc((g->ncells ? g->ncells : 1) * sizeof *g->cell_gs);
    if (!cell_key_psu || !cell_grp || !g->cell_gs) { free(cell_key_psu); free(cell_grp); goto oom; }
    for (size_t i = 0; i < n; i++) {
        if (g->cell[i] < 0) continue;
        cell_key_psu[g->cell[i]] = d->psu[i];
        cell_grp[g->cell[i]] = group[i];
    }
    /* (group, stratum) pairs */
    {
        int64_t *key = malloc((g->ncells ? g->ncells : 1) * sizeof *key);
        if (!key) { free(cell_key_psu); free(cell_grp); goto oom; }
        for (size_t c = 0; c < g->ncells; c++)
            key[c] = (int64_t)cell_grp[c] * (int64_t)d->nstrata + svy_psu_stratum(d, cell_key_psu[c]);
        long k = svy_codes_key(key, g->ncells, g->cell_gs);
        free(key);
        if (k < 0) { free(cell_key_psu); free(cell_grp); goto oom; }
        g->ngs = (size_t)k;
        g->gs_group = malloc((g->ngs ? g->ngs : 1) * sizeof *g->gs_group);
        g->gs_stratum = malloc((g->ngs ? g->ngs : 1) * sizeof *g->gs_stratum);
        if (!g->gs_group || !g->gs_stratum) { free(cell_key_psu); free(cell_grp); goto oom; }
        for (size_t c = 0; c < g->ncells; c++) {
            g->gs_group[g->cell_gs[c]] = cell_grp[c];
            g->gs_stratum[g->cell_gs[c]] = svy_psu_stratum(d, cell_key_psu[c]);
        }
    }
    free(cell_key_psu);
    free(cell_grp);
    return g;
oom:
    svy_groups_free(g);
    return NULL;
}

/* The weight of row i (w NULL: unweighted). */
static inline double wt(const double *w, size_t i) { return w ? w[i] : 1.0; }

/* ---- domain means ----------------------------------------------------- */

/* The working sums of one svy_domain_means call. Values are accumulated as differences
 * from a shift per group (its first valid value, per component too): a domain far from the
 * rest of the column keeps its digits in the sums of squares and in the influence values
 * (one shift for the whole column lost them: sd 0 for a domain of {3, 4, 3.5} in a column
 * starting at 1e8). */
typedef struct {
    size_t K, G, S;
    double *yshift;  /* per group: first valid y (NaN until seen) */
    double *shift;   /* per component and group: first valid value (NaN until seen) */
    double *gacc;    /* per group: n, n with w > 0, sum w, sum w d, sum w d^2 (d = y - yshift) */
    double *gA;      /* per component and group: A = sum w (v - shift), B = sum w */
    double *kk;      /* per group: components with B > 0 */
    double *gsacc;   /* per (group, stratum): sum z, cells with a z, valid rows */
    double *ss;      /* per (group, stratum): sum (z - zbar)^2 over those cells */
    double *gvar;    /* per group: variance sum, strata, strata counted */
} Sums;

static void sums_free(Sums *a) {
    free(a->yshift); free(a->shift); free(a->gacc); free(a->gA); free(a->kk); free(a->gsacc);
    free(a->ss); free(a->gvar);
}

static int sums_init(Sums *a, size_t K, size_t G, size_t S) {
    memset(a, 0, sizeof *a);
    a->K = K; a->G = G; a->S = S;
    size_t g1 = G ? G : 1;
    a->yshift = malloc(g1 * sizeof *a->yshift);
    a->shift = malloc(K * g1 * sizeof *a->shift);
    a->gacc = calloc(5 * g1, sizeof *a->gacc);
    a->gA = calloc(2 * K * g1, sizeof *a->gA);
    a->kk = calloc(g1, sizeof *a->kk);
    a->gsacc = calloc(3 * (S ? S : 1), sizeof *a->gsacc);
    a->ss = calloc(S ? S : 1, sizeof *a->ss);
    a->gvar = calloc(3 * g1, sizeof *a->gvar);
    if (!a->yshift || !a->shift || !a->gacc || !a->gA || !a->kk || !a->gsacc || !a->ss || !a->gvar) {
        sums_free(a);
        return -1;
    }
    for (size_t i = 0; i < g1; i++) a->yshift[i] = NAN;
    for (size_t i = 0; i < K * g1; i++) a->shift[i] = NAN;
    return 0;
}

/* The shift of component k in group gr, set by its first valid value v. */
static inline double shift_of(Sums *a, size_t k, int32_t gr, double v) {
    double *sh = a->shift + k * a->G + (size_t)gr;
    if (*sh != *sh) *sh = v;
    return *sh;
}

static inline void add_row(Sums *a, int32_t gr, double wi, double yi) {
    if (a->yshift[gr] != a->yshift[gr]) a->yshift[gr] = yi;
    double dy = yi - a->yshift[gr];
    double *r = a->gacc + 5 * gr;
    r[0] += 1; r[1] += wi > 0; r[2] += wi; r[3] += wi * dy; r[4] += wi * dy * dy;
}

static void count_components(Sums *a) {
    for (size_t gr = 0; gr < a->G; gr++)
        for (size_t k = 0; k < a->K; k++)
            if (a->gA[2 * (k * a->G + gr) + 1] > 0) a->kk[gr] += 1;
}

/* Clustered designs: totals per (group, PSU) cell, then their influence z. */
void svy_work_free(SvyWork *w) {
    free(w->buf);
    w->buf = NULL;
    w->cap = 0;
}

static int means_clustered(const SvyGroups *g, const SvyDesign *d, SvyWork *work, const double *y,
                           const double *const *cp, Sums *a) {
    size_t n = d->nrows, G = a->G, C = g->ncells, K = a->K;
    /* per component and cell: sum w, sum w (v - shift_k); then z per cell */
    size_t need = (2 * K + 1) * (C ? C : 1);
    if (work->cap < need) {
        free(work->buf);
        work->buf = malloc(need * sizeof *work->buf);
        work->cap = work->buf ? need : 0;
    }
    if (!work->buf) return -1;
    double *cw = work->buf, *cy = cw + K * C, *z = cw + 2 * K * C;
    memset(cw, 0, 2 * K * C * sizeof *cw);
    const double *w = d->w;
    const int32_t *cell = g->cell, *grp = g->group;
    for (size_t i = 0; i < n; i++) {
        int32_t c = cell[i];
        double yi = y[i];
        if (c < 0 || yi != yi) continue;
        double wi = wt(w, i);
        add_row(a, grp[i], wi, yi);
        a->gsacc[3 * g->cell_gs[c] + 2] += 1;
        for (size_t k = 0; k < K; k++) {
            double vi = cp[k][i];
            if (vi == vi) { cw[k * C + c] += wi; cy[k * C + c] += wi * (vi - shift_of(a, k, grp[i], vi)); }
        }
    }
    /* component totals per group */
    for (size_t c = 0; c < C; c++) {
        int32_t gr = g->gs_group[g->cell_gs[c]];
        for (size_t k = 0; k < K; k++) {
            a->gA[2 * (k * G + gr)] += cy[k * C + c];
            a->gA[2 * (k * G + gr) + 1] += cw[k * C + c];
        }
    }
    count_components(a);
    /* influence totals per cell: z = (1/K') sum_k (A_kc - r_k B_kc) / B_k */
    for (size_t c = 0; c < C; c++) {
        int32_t gr = g->gs_group[g->cell_gs[c]];
        double zc = 0;
        for (size_t k = 0; k < K; k++) {
            double A = a->gA[2 * (k * G + gr)], B = a->gA[2 * (k * G + gr) + 1];
            if (!(B > 0)) continue;
            zc += (cy[k * C + c] - cw[k * C + c] * (A / B)) / B;
        }
        z[c] = a->kk[gr] ? zc / a->kk[gr] : 0;
        a->gsacc[3 * g->cell_gs[c]] += z[c];
        a->gsacc[3 * g->cell_gs[c] + 1] += 1;
    }
    for (size_t c = 0; c < C; c++) {
        int32_t s = g->cell_gs[c];
        double e = z[c] - a->gsacc[3 * s] / d->stratum_npsu[g->gs_stratum[s]];
        a->ss[s] += e * e;
    }
    return 0;
}

/* The influence of row i (its own PSU) on its group's mean: the clustered path's z for a
 * cell of one row, computed the same way. */
static inline double row_z(const Sums *a, const double *const *cp, size_t i, double wi, int32_t gr) {
    double zc = 0;
    for (size_t k = 0; k < a->K; k++) {
        const double *AB = a->gA + 2 * (k * a->G + (size_t)gr);
        if (!(AB[1] > 0)) continue;
        double vi = cp[k][i];
        if (vi == vi) zc += (wi * (vi - a->shift[k * a->G + (size_t)gr]) - wi * (AB[0] / AB[1])) / AB[1];
    }
    return a->kk[gr] ? zc / a->kk[gr] : 0;
}

/* Unclustered designs: every row is its own PSU, so the cells are the rows and
 * nothing per row is stored: three passes (totals, sum z, centred sum of squares).
 * Rows of a domain without a valid value have z = 0, as PSUs outside it. */
static int means_unclustered(const SvyGroups *g, const SvyDesign *d, const double *y, const double *const *cp,
                             Sums *a) {
    size_t n = d->nrows, K = a->K, G = a->G;
    const double *w = d->w;
    const int32_t *grp = g->group, *rgs = g->row_gs;
    for (size_t i = 0; i < n; i++) {
        int32_t gr = grp[i];
        double yi = y[i];
        if (gr < 0 || yi != yi) continue;
        double wi = wt(w, i);
        add_row(a, gr, wi, yi);
        double *gs = a->gsacc + 3 * (rgs ? rgs[i] : gr);
        gs[1] += 1; gs[2] += 1;
        for (size_t k = 0; k < K; k++) {
            double vi = cp[k][i];
            if (vi == vi) {
                a->gA[2 * (k * G + (size_t)gr)] += wi * (vi - shift_of(a, k, gr, vi));
                a->gA[2 * (k * G + (size_t)gr) + 1] += wi;
            }
        }
    }
    count_components(a);
    for (size_t i = 0; i < n; i++) {
        int32_t gr = grp[i];
        if (gr < 0 || y[i] != y[i]) continue;
        a->gsacc[3 * (rgs ? rgs[i] : gr)] += row_z(a, cp, i, wt(w, i), gr);
    }
    for (size_t i = 0; i < n; i++) {
        int32_t gr = grp[i];
        if (gr < 0 || y[i] != y[i]) continue;
        int32_t s = rgs ? rgs[i] : gr;
        double e = row_z(a, cp, i, wt(w, i), gr) - a->gsacc[3 * s] / d->stratum_npsu[g->gs_stratum[s]];
        a->ss[s] += e * e;
    }
    return 0;
}

/* Stratum by stratum: the domains' variance sums, padded to all PSUs of the stratum,
 * with the lonely-PSU rule. -1 with err for lonely = "fail". */
static int variance_by_stratum(const SvyDesign *d, const SvyGroups *g, Sums *a, char *err, size_t errlen) {
    for (size_t s = 0; s < a->S; s++) {
        const double *gs = a->gsacc + 3 * s;
        if (gs[2] == 0) continue;                          /* no valid rows of this domain in the stratum */
        int32_t h = g->gs_stratum[s], gr = g->gs_group[s];
        double nh = d->stratum_npsu[h], f = d->stratum_f[h];
        double zbar = gs[0] / nh;
        double *gv = a->gvar + 3 * gr;
        gv[1] += 1;
        if (f < 1e-7) { gv[2] += 1; continue; }            /* stratum fully sampled */
        if (nh > 1) {
            double sum2 = a->ss[s] + (nh - gs[1]) * zbar * zbar;
            gv[0] += f * nh / (nh - 1) * sum2;
            gv[2] += 1;
            continue;
        }
        switch (d->lonely) {                               /* a lonely PSU */
        case SVY_LONELY_ADJUST:
            gv[0] += f * gs[0] * gs[0];                    /* not centred */
            gv[2] += 1;
            break;
        case SVY_LONELY_CERTAINTY:
        case SVY_LONELY_REMOVE:
            gv[2] += 1;                                    /* centred on itself: 0 */
            break;
        case SVY_LONELY_AVERAGE:
            break;                                         /* NA: left out, rest scaled */
        case SVY_LONELY_FAIL: {
            char nb[128];
            seterr(err, errlen, "stratum %s has only one PSU (lonely_psu = \"fail\")",
                   stratum_name(d, h, nb, sizeof nb));
            return -1;
        }
        }
    }
    return 0;
}

/* 0 when a sum ran out of the range of a double (inf or NaN from inf - inf). */
static int sums_finite(const Sums *a) {
    for (size_t i = 0; i < 5 * a->G; i++) if (!isfinite(a->gacc[i])) return 0;
    for (size_t i = 0; i < 2 * a->K * a->G; i++) if (!isfinite(a->gA[i])) return 0;
    for (size_t i = 0; i < a->G; i++) if (!isfinite(a->gvar[3 * i])) return 0;
    return 1;
}

static void finish_estimates(const Sums *a, SvyEst *est) {
    for (size_t gr = 0; gr < a->G; gr++) {
        const double *r = a->gacc + 5 * gr, *gv = a->gvar + 3 * gr;
        SvyEst *e = &est[gr];
        e->n = r[0];
        e->n_w = r[2];
        double sum = 0;
        for (size_t k = 0; k < a->K; k++) {
            double A = a->gA[2 * (k * a->G + gr)], B = a->gA[2 * (k * a->G + gr) + 1];
            if (B > 0) sum += a->shift[k * a->G + gr] + A / B;
        }
        e->mean = a->kk[gr] ? sum / a->kk[gr] : NAN;
        double np = r[1];
        if (r[2] > 0 && np > 1) {
            double m1 = r[3] / r[2];
            double v = (r[4] / r[2] - m1 * m1) * np / (np - 1);
            e->sd = sqrt(v > 0 ? v : 0);
        } else {
            e->sd = NAN;
        }
        e->var = a->kk[gr] && gv[2] > 0 ? gv[0] * gv[1] / gv[2] : NAN;
        e->se = sqrt(e->var);
    }
}

int svy_domain_means(const SvyDesign *d, const SvyGroups *g, SvyWork *work, const double *y,
                     size_t ncomp, const double *const *comp, SvyEst *est,
                     char *err, size_t errlen) {
    size_t K = ncomp ? ncomp : 1;
    const double *const *cp = ncomp ? comp : &y;
    Sums a;
    if (sums_init(&a, K, g->ngroups, g->ngs) != 0) {
        seterr(err, errlen, "out of memory");
        return -1;
    }
    int rc = g->cell ? means_clustered(g, d, work, y, cp, &a) : means_unclustered(g, d, y, cp, &a);
    if (rc != 0) seterr(err, errlen, "out of memory");
    else rc = variance_by_stratum(d, g, &a, err, errlen);
    if (rc == 0 && !sums_finite(&a)) {
        /* R gives NaN here; a plausible-looking number would be worse */
        seterr(err, errlen, "the weighted sums overflow (weights or values near the largest number, "
                            "about 1.8e308): rescale the weights");
        rc = -1;
    }
    if (rc == 0) finish_estimates(&a, est);
    sums_free(&a);
    return rc;
}

/* ---- per-row path (calibrated designs) ------------------------------------ */

void svy_domain_influence(const SvyDesign *d, const SvyGroups *g, const double *y, size_t ncomp,
                          const double *const *comp, int32_t gr, double *x) {
    size_t n = d->nrows, K = ncomp ? ncomp : 1;
    const double *const *cp = ncomp ? comp : &y;
    const double *w = d->w;
    for (size_t i = 0; i < n; i++) x[i] = 0;
    for (size_t k = 0; k < K; k++) {
        /* the component's ratio in the group: two passes, centred for accuracy */
        const double *v = cp[k];
        double B = 0, A = 0, shift = NAN;
        for (size_t i = 0; i < n; i++) {
            if (g->group[i] != gr || y[i] != y[i] || v[i] != v[i]) continue;
            if (shift != shift) shift = v[i];
            B += wt(w, i);
            A += wt(w, i) * (v[i] - shift);
        }
        if (!(B > 0)) continue;
        double r = shift + A / B;
        for (size_t i = 0; i < n; i++) {
            if (g->group[i] != gr || y[i] != y[i] || v[i] != v[i]) continue;
            x[i] += wt(w, i) * (v[i] - r) / B;
        }
    }
    if (K > 1) {
        /* average over the components that have valid answers in the group */
        size_t kk = 0;
        for (size_t k = 0; k < K; k++) {
            const double *v = cp[k];
            for (size_t i = 0; i < n; i++)
                if (g->group[i] == gr && y[i] == y[i] && v[i] == v[i] && wt(w, i) > 0) { kk++; break; }
        }
        if (kk) for (size_t i = 0; i < n; i++) x[i] /= (double)kk;
    }
}

int svy_rows_var(const SvyDesign *d, const double *x, double *var, char *err, size_t errlen) {
    size_t n = d->nrows, P = d->npsu, H = d->nstrata;
    double *zt = calloc(P ? P : 1, sizeof *zt);
    double *sum = calloc(H ? H : 1, sizeof *sum);
    double *ss = calloc(H ? H : 1, sizeof *ss);
    if (!zt || !sum || !ss) {
        free(zt); free(sum); free(ss);
        seterr(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) zt[svy_psu(d, i)] += x[i];
    for (size_t p = 0; p < P; p++) sum[svy_psu_stratum(d, p)] += zt[p];
    for (size_t p = 0; p < P; p++) {
        int32_t h = svy_psu_stratum(d, p);
        double e = zt[p] - sum[h] / d->stratum_npsu[h];
        ss[h] += e * e;
    }
    double v = 0, nok = 0;
    int rc = 0;
    for (size_t h = 0; h < H; h++) {
        double nh = d->stratum_npsu[h], f = d->stratum_f[h];
        if (f < 1e-7) { nok += 1; continue; }
        if (nh > 1) { v += f * nh / (nh - 1) * ss[h]; nok += 1; continue; }
        switch (d->lonely) {
        case SVY_LONELY_ADJUST: v += f * sum[h] * sum[h]; nok += 1; break;
        case SVY_LONELY_CERTAINTY:
        case SVY_LONELY_REMOVE: nok += 1; break;
        case SVY_LONELY_AVERAGE: break;
        case SVY_LONELY_FAIL: {
            char nb[128];
            seterr(err, errlen, "stratum %s has only one PSU (lonely_psu = \"fail\")",
                   stratum_name(d, (int32_t)h, nb, sizeof nb));
            rc = -1;
            break;
        }
        }
        if (rc) break;
    }
    *var = nok > 0 ? v * (double)H / nok : NAN;
    free(zt); free(sum); free(ss);
    return rc;
}
