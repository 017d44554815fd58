/* dataset.c: the column store of dataset.h. The levels of a text column are the
 * strings of a StrDict (strmap.h), its level_index: c->levels and c->nlevels
 * mirror the dictionary's strs and n after every change. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/dataset.h"
#include "kernel/mem.h"
#include "kernel/strmap.h"

static char *xstrdup(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p) memcpy(p, s, n + 1);
    return p;
}

/* --- datasets ------------------------------------------------------------ */

Dataset *ds_new(size_t nrows) {
    Dataset *d = calloc(1, sizeof *d);
    if (d) d->nrows = nrows;
    return d;
}

void ds_free(Dataset *d) {
    if (!d) return;
    for (size_t i = 0; i < d->ncols; i++) col_unref(d->cols[i]);
    free(d->cols);
    free(d);
}

static int ds_reserve(Dataset *d, size_t n) {
    if (n <= d->cols_cap) return 0;
    size_t cap = d->cols_cap ? d->cols_cap * 2 : 8;
    while (cap < n) cap *= 2;
    Column **p = realloc(d->cols, cap * sizeof *p);
    if (!p) return -1;
    d->cols = p;
    d->cols_cap = cap;
    return 0;
}

Dataset *ds_copy_shallow(const Dataset *d) {
    Dataset *c = ds_new(d->nrows);
    if (!c || ds_reserve(c, d->ncols) != 0) { ds_free(c); return NULL; }
    for (size_t i = 0; i < d->ncols; i++) c->cols[i] = col_ref(d->cols[i]);
    c->ncols = d->ncols;
    return c;
}

int ds_find(const Dataset *d, const char *name) {
    for (size_t i = 0; i < d->ncols; i++)
        if (strcmp(d->cols[i]->name, name) == 0) return (int)i;
    return -1;
}

Column *ds_col(const Dataset *d, const char *name) {
    int i = ds_find(d, name);
    return i < 0 ? NULL : d->cols[i];
}

int ds_set_col(Dataset *d, Column *c) {
    if (c->n != d->nrows) return -1;
    int i = ds_find(d, c->name);
    if (i >= 0) {
        if (d->cols[i] != c) col_unref(d->cols[i]);
        else col_unref(c);  /* setting the same column: drop the extra reference */
        d->cols[i] = c;
        return 0;
    }
    if (ds_reserve(d, d->ncols + 1) != 0) return -1;
    d->cols[d->ncols++] = c;
    return 0;
}

int ds_insert_col(Dataset *d, size_t pos, Column *c) {
    if (c->n != d->nrows || pos > d->ncols || ds_find(d, c->name) >= 0) return -1;
    if (ds_reserve(d, d->ncols + 1) != 0) return -1;
    memmove(d->cols + pos + 1, d->cols + pos, (d->ncols - pos) * sizeof *d->cols);
    d->cols[pos] = c;
    d->ncols++;
    return 0;
}

int ds_drop_col(Dataset *d, const char *name) {
    int i = ds_find(d, name);
    if (i < 0) return -1;
    col_unref(d->cols[i]);
    memmove(d->cols + i, d->cols + i + 1, (d->ncols - (size_t)i - 1) * sizeof *d->cols);
    d->ncols--;
    return 0;
}

int ds_rename_col(Dataset *d, size_t i, const char *newname) {
    if (i >= d->ncols) return -1;
    Column *c = d->cols[i];
    if (c->refcount > 1) {
        Column *copy = col_copy(c, newname);
        if (!copy) return -1;
        col_unref(c);
        d->cols[i] = copy;
        return 0;
    }
    char *n = xstrdup(newname);
    if (!n) return -1;
    free(c->name);
    c->name = n;
    return 0;
}

Dataset *ds_take(const Dataset *d, const size_t *rows, size_t nrows) {
    Dataset *r = ds_new(nrows);
    if (!r || ds_reserve(r, d->ncols) != 0) { ds_free(r); return NULL; }
    for (size_t i = 0; i < d->ncols; i++) {
        Column *c = col_take(d->cols[i], rows, nrows);
        if (!c) { ds_free(r); return NULL; }
        r->cols[r->ncols++] = c;
    }
    return r;
}

/* --- columns ------------------------------------------------------------- */

static Column *col_alloc(const char *name, ColType type, size_t n) {
    Column *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->refcount = 1;
    c->type = type;
    c->n = n;
    c->display_decimals = -1;
    c->name = xstrdup(name ? name : "");
    if (!c->name) { free(c); return NULL; }
    return c;
}

/* Value arrays of 2 MB and more get huge pages (kernel/mem.h): a million-row
 * column then costs a handful of page faults instead of thousands. NULL when
 * n * size does not fit. */
static void *alloc_array(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    return mem_alloc(n * size);
}

Column *col_new_num_raw(const char *name, size_t n) {
    Column *c = col_alloc(name, COL_NUM, n);
    if (!c) return NULL;
    c->num = alloc_array(n, sizeof *c->num);
    if (!c->num) { col_unref(c); return NULL; }
    return c;
}

Column *col_new_num(const char *name, size_t n) {
    Column *c = col_new_num_raw(name, n);
    if (!c) return NULL;
    for (size_t i = 0; i < n; i++) c->num[i] = NAN;
    return c;
}

Column *col_new_text(const char *name, size_t n) {
    Column *c = col_alloc(name, COL_TEXT, n);
    if (!c) return NULL;
    c->codes = alloc_array(n, sizeof *c->codes);
    if (!c->codes) { col_unref(c); return NULL; }
    for (size_t i = 0; i < n; i++) c->codes[i] = -1;
    return c;
}

Column *col_ref(Column *c) {
    if (c) c->refcount++;
    return c;
}

void col_clear_value_labels(Column *c) {
    for (size_t i = 0; i < c->nvlabels; i++) free(c->vlabels[i].label);
    free(c->vlabels);
    c->vlabels = NULL;
    c->nvlabels = 0;
}

void col_clear_missing(Column *c) {
    free(c->missing);
    c->missing = NULL;
    c->nmissing = 0;
    c->has_missing_range = 0;
}

void col_unref(Column *c) {
    if (!c || --c->refcount > 0) return;
    free(c->name);
    free(c->label);
    free(c->num);
    free(c->codes);
    if (c->level_index) {
        strdict_free(c->level_index);
        free(c->level_index);
    }
    col_clear_value_labels(c);
    col_clear_missing(c);
    free(c);
}

int col_copy_meta(Column *dst, const Column *src) {
    if (col_set_label(dst, src->label) != 0) return -1;
    col_clear_value_labels(dst);
    for (size_t i = 0; i < src->nvlabels; i++)
        if (col_add_value_label(dst, src->vlabels[i].value, src->vlabels[i].label) != 0) return -1;
    col_clear_missing(dst);
    for (size_t i = 0; i < src->nmissing; i++)
        if (col_add_missing(dst, src->missing[i]) != 0) return -1;
    if (src->has_missing_range) col_set_missing_range(dst, src->missing_lo, src->missing_hi);
    dst->display_decimals = src->display_decimals;
    return 0;
}

/* Copies the levels of src into dst (which has none yet). */
static int copy_levels(Column *dst, const Column *src) {
    for (size_t i = 0; i < src->nlevels; i++)
        if (col_level(dst, src->levels[i], strdict_len(src->levels[i])) < 0) return -1;
    return 0;
}

Column *col_copy(const Column *c, const char *newname) {
    Column *r = c->type == COL_NUM ? col_new_num(newname ? newname : c->name, c->n)
                                   : col_new_text(newname ? newname : c->name, c->n);
    if (!r) return NULL;
    if (c->type == COL_NUM) {
        if (c->n) memcpy(r->num, c->num, c->n * sizeof *c->num);
    } else {
        if (copy_levels(r, c) != 0) { col_unref(r); return NULL; }
        if (c->n) memcpy(r->codes, c->codes, c->n * sizeof *c->codes);
    }
    if (col_copy_meta(r, c) != 0) { col_unref(r); return NULL; }
    return r;
}

Column *col_take(const Column *c, const size_t *rows, size_t nrows) {
    Column *r = c->type == COL_NUM ? col_new_num_raw(c->name, nrows) : col_new_text(c->name, nrows);
    if (!r) return NULL;
    if (c->type == COL_NUM) {
        for (size_t i = 0; i < nrows; i++) r->num[i] = rows[i] == DS_NOROW ? NAN : c->num[rows[i]];
    } else {
        if (copy_levels(r, c) != 0) { col_unref(r); return NULL; }
        for (size_t i = 0; i < nrows; i++) r->codes[i] = rows[i] == DS_NOROW ? -1 : c->codes[rows[i]];
    }
    if (col_copy_meta(r, c) != 0) { col_unref(r); return NULL; }
    return r;
}

int col_resize(Column *c, size_t n) {
    size_t bytes = (n ? n : 1);
    if (bytes > SIZE_MAX / sizeof(double)) return -1;
    if (c->type == COL_NUM) {
        double *p = mem_grow(c->num, c->n * sizeof *p, bytes * sizeof *p);
        if (!p) return -1;
        for (size_t i = c->n; i < n; i++) p[i] = NAN;
        c->num = p;
    } else {
        int32_t *p = mem_grow(c->codes, c->n * sizeof *p, bytes * sizeof *p);
        if (!p) return -1;
        for (size_t i = c->n; i < n; i++) p[i] = -1;
        c->codes = p;
    }
    c->n = n;
    return 0;
}

int32_t col_find_level(const Column *c, const char *s, size_t len) {
    if (!c->level_index) return -1;
    return strdict_get(c->level_index, s, len);
}

static StrDict *level_dict(Column *c) {
    if (!c->level_index) {
        c->level_index = malloc(sizeof(StrDict));
        if (c->level_index) strdict_init(c->level_index);
    }
    return c->level_index;
}

static void sync_levels(Column *c) {
    StrDict *d = c->level_index;
    c->levels = d->strs;
    c->nlevels = d->n;
    c->levels_cap = d->cap;
}

int32_t col_level(Column *c, const char *s, size_t len) {
    StrDict *d = level_dict(c);
    if (!d) return -1;
    int32_t k = strdict_add(d, s, len);
    sync_levels(c);
    return k;
}

size_t col_level_len(const Column *c, size_t k) {
    return strdict_len(c->levels[k]);
}

int col_levels_defer(Column *c) {
    StrDict *d = level_dict(c);
    if (!d) return -1;
    strdict_defer(d);
    return 0;
}

int col_levels_deferred(const Column *c) {
    return c->level_index && ((const StrDict *)c->level_index)->deferred;
}

int col_levels_settle(Column *c, size_t nrows) {
    StrDict *d = c->level_index;
    if (!d || !d->deferred) return 0;
    size_t from;
    int32_t *map;
    if (strdict_settle(d, &from, &map) != 0) return -1;
    sync_levels(c);
    if (!map) return 0;
    int32_t *codes = c->codes, lo = (int32_t)from;
    if (nrows > c->n) nrows = c->n;
    for (size_t r = 0; r < nrows; r++)
        if (codes[r] >= lo) codes[r] = map[codes[r] - lo];
    free(map);
    return 0;
}

int col_levels_absorb(Column *c, Column *src, int32_t *map) {
    if (!src->level_index) return 0;
    StrDict *d = level_dict(c);
    if (!d) return -1;
    int rc = strdict_absorb(d, src->level_index, map);
    sync_levels(c);
    sync_levels(src);
    return rc;
}

int col_set_label(Column *c, const char *label) {
    char *l = NULL;
    if (label && !(l = xstrdup(label))) return -1;
    free(c->label);
    c->label = l;
    return 0;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int col_add_value_label(Column *c, double value, const char *label) {
    for (size_t i = 0; i < c->nvlabels; i++) {
        if (c->vlabels[i].value == value) {
            char *l = xstrdup(label);
            if (!l) return -1;
            free(c->vlabels[i].label);
            c->vlabels[i].label = l;
            return 0;
        }
    }
    ValueLabel *p = realloc(c->vlabels, (c->nvlabels + 1) * sizeof *p);
    if (!p) return -1;
    c->vlabels = p;
    char *l = xstrdup(label ? label : "");
    if (!l) return -1;
    /* keep sorted by value: insertion */
    size_t i = c->nvlabels;
    while (i > 0 && p[i - 1].value > value) { p[i] = p[i - 1]; i--; }
    p[i].value = value;
    p[i].label = l;
    c->nvlabels++;
    return 0;
}

const char *col_value_label(const Column *c, double value) {
    size_t lo = 0, hi = c->nvlabels;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        double v = c->vlabels[mid].value;
        if (v == value) return c->vlabels[mid].label;
        if (v < value) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

int col_add_missing(Column *c, double code) {
    if (code != code) return 0;  /* NaN is system-missing already */
    for (size_t i = 0; i < c->nmissing; i++)
        if (c->missing[i] == code) return 0;
    double *p = realloc(c->missing, (c->nmissing + 1) * sizeof *p);
    if (!p) return -1;
    p[c->nmissing++] = code;
    c->missing = p;
    qsort(c->missing, c->nmissing, sizeof *c->missing, cmp_double);
    return 0;
}

int col_set_missing_range(Column *c, double lo, double hi) {
    c->has_missing_range = 1;
    c->missing_lo = lo;
    c->missing_hi = hi;
    return 0;
}

int col_is_user_missing(const Column *c, double v) {
    if (c->has_missing_range && v >= c->missing_lo && v <= c->missing_hi) return 1;
    for (size_t i = 0; i < c->nmissing; i++)
        if (c->missing[i] == v) return 1;
    return 0;
}
