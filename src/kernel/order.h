/* order.h: orders computed without global state (qsort's comparator has no context, so
 * the comparisons that need one live here, with the context passed along).
 *  - col_level_ranks: where each level of a text column stands in byte order;
 *  - rows_sort: a stable sort of row numbers by several columns, missing values last. */
#ifndef PASSEND_ORDER_H
#define PASSEND_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/dataset.h"

/* rank[j] = the position of level j of text column c among its levels in byte order
 * (0-based). rank has c->nlevels entries. 0, or -1 when out of memory. */
int col_level_ranks(const Column *c, int32_t *rank);

typedef struct {
    const Column *c;
    int desc;              /* descending */
    const int32_t *rank;   /* text columns: col_level_ranks of c */
} RowKey;

/* Sorts rows[0..n) by keys[0..nk) (stable; missing values last whatever the direction).
 * 0, or -1 when out of memory (rows unchanged then). */
int rows_sort(size_t *rows, size_t n, const RowKey *keys, size_t nk);

#endif
