/* order.c: level ranks and row sorting (see order.h). */
#include <stdlib.h>
#include <string.h>

#include "kernel/order.h"

typedef struct { const char *s; int32_t code; } LevelRef;

static int cmp_level_ref(const void *a, const void *b) {
    return strcmp(((const LevelRef *)a)->s, ((const LevelRef *)b)->s);
}

int col_level_ranks(const Column *c, int32_t *rank) {
    size_t k = c->nlevels;
    LevelRef *ord = malloc((k ? k : 1) * sizeof *ord);
    if (!ord) return -1;
    for (size_t j = 0; j < k; j++) { ord[j].s = c->levels[j]; ord[j].code = (int32_t)j; }
    qsort(ord, k, sizeof *ord, cmp_level_ref);
    for (size_t j = 0; j < k; j++) rank[ord[j].code] = (int32_t)j;
    free(ord);
    return 0;
}

typedef struct { const RowKey *keys; size_t nk; } Order;

static int cmp_rows(const Order *o, size_t a, size_t b) {
    for (size_t k = 0; k < o->nk; k++) {
        const RowKey *key = &o->keys[k];
        int r;
        if (key->c->type == COL_NUM) {
            double x = key->c->num[a], y = key->c->num[b];
            int mx = x != x, my = y != y;
            if (mx || my) { if (mx != my) return mx - my; continue; }
            r = (x > y) - (x < y);
        } else {
            int32_t x = key->c->codes[a], y = key->c->codes[b];
            if (x < 0 || y < 0) { if ((x < 0) != (y < 0)) return (x < 0) - (y < 0); continue; }
            r = (key->rank[x] > key->rank[y]) - (key->rank[x] < key->rank[y]);
        }
        if (r) return key->desc ? -r : r;
    }
    return 0;
}

static void merge_sort(const Order *o, size_t *a, size_t *tmp, size_t n) {
    if (n < 2) return;
    if (n <= 16) {  /* insertion sort: stable */
        for (size_t i = 1; i < n; i++) {
            size_t v = a[i], j = i;
            while (j > 0 && cmp_rows(o, a[j - 1], v) > 0) { a[j] = a[j - 1]; j--; }
            a[j] = v;
        }
        return;
    }
    size_t h = n / 2;
    merge_sort(o, a, tmp, h);
    merge_sort(o, a + h, tmp, n - h);
    if (cmp_rows(o, a[h - 1], a[h]) <= 0) return;
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = cmp_rows(o, a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < h) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

int rows_sort(size_t *rows, size_t n, const RowKey *keys, size_t nk) {
    size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp) return -1;
    Order o = { keys, nk };
    merge_sort(&o, rows, tmp, n);
    free(tmp);
    return 0;
}
