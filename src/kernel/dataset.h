/* dataset.h: the in-memory, column-wise Dataset every part of passend works on.
 *
 * Ownership: a Dataset owns an array of Column pointers. Columns are reference
 * counted so that select/rename/stack can share them without copying; a column
 * is immutable once it is shared (refcount > 1): copy before writing.
 * Numbers are doubles with NaN for system-missing. Text is dictionary-encoded:
 * codes[i] indexes levels[], -1 is missing.
 */
#ifndef PASSEND_DATASET_H
#define PASSEND_DATASET_H

#include <stddef.h>
#include <stdint.h>

typedef enum { COL_NUM = 0, COL_TEXT = 1 } ColType;

typedef struct {
    double value;   /* the code, e.g. 8 */
    char *label;    /* e.g. "weet niet" (UTF-8, owned) */
} ValueLabel;

typedef struct Column {
    int refcount;
    char *name;            /* owned, UTF-8 */
    char *label;           /* variable label or NULL */
    ColType type;
    size_t n;              /* number of rows */
    double *num;           /* COL_NUM: n values, NaN = system-missing */
    int32_t *codes;        /* COL_TEXT: n codes into levels, -1 = missing */
    char **levels;         /* COL_TEXT: distinct strings, owned */
    size_t nlevels, levels_cap;
    void *level_index;     /* COL_TEXT: hash of levels for lookup (opaque, owned) */
    ValueLabel *vlabels;   /* value labels, sorted by value */
    size_t nvlabels;
    double *missing;       /* user-missing codes (discrete), sorted */
    size_t nmissing;
    int has_missing_range; /* SPSS style range lo..hi is user-missing too */
    double missing_lo, missing_hi;
    int display_decimals;  /* -1 = automatic */
} Column;

typedef struct Dataset {
    size_t nrows;
    size_t ncols, cols_cap;
    Column **cols;
} Dataset;

/* --- datasets --- */
Dataset *ds_new(size_t nrows);
void ds_free(Dataset *d);
Dataset *ds_copy_shallow(const Dataset *d);           /* shares columns */
int ds_find(const Dataset *d, const char *name);       /* index or -1 */
Column *ds_col(const Dataset *d, const char *name);    /* NULL if absent */
/* Adds (at the end) or replaces (same name, same position) a column. The dataset
 * takes over the caller's reference on success; on failure (-1: the column's
 * length does not match nrows, or out of memory) the caller still owns it. */
int ds_set_col(Dataset *d, Column *c);
int ds_drop_col(Dataset *d, const char *name);         /* 0, or -1 when absent */

/* --- columns --- */
Column *col_new_num(const char *name, size_t n);       /* all NaN */
Column *col_new_text(const char *name, size_t n);      /* all missing */
Column *col_new_num_raw(const char *name, size_t n);   /* values uninitialised: fill them all */
Column *col_ref(Column *c);
void col_unref(Column *c);
Column *col_copy(const Column *c, const char *newname); /* deep copy, refcount 1 */
/* Gathers rows (a row index of DS_NOROW gives a missing value); keeps metadata. */
Column *col_take(const Column *c, const size_t *rows, size_t nrows);
/* Returns the code of s, adding it as a level if new (one hash probe; the level
 * strings live in an arena of the column); -1 on out of memory. */
int32_t col_level(Column *c, const char *s, size_t len);
/* Length of level k (levels are NUL-terminated too; this also counts NUL bytes). */
size_t col_level_len(const Column *c, size_t k);
/* For columns whose values are nearly all distinct (ID-like), as a reader fills
 * them: from now on col_level adds every string as a new level without looking it
 * up (levels may repeat), until col_levels_settle removes the repeats in one batch
 * and recodes rows [0, nrows). Until then the column is not unique-levelled:
 * nothing but its filler may read it. 0, or -1 on out of memory. */
int col_levels_defer(Column *c);
int col_levels_deferred(const Column *c);
int col_levels_settle(Column *c, size_t nrows);
/* Moves every level of src (a column being merged into c) to c without copying the
 * strings: map[k] (src->nlevels entries) is c's code for src's level k. When either
 * column is deferred, c is deferred after (the levels are appended as they are).
 * src has no levels after. 0, or -1 on out of memory (both may then only be freed). */
int col_levels_absorb(Column *c, Column *src, int32_t *map);
int col_set_label(Column *c, const char *label);
int col_add_value_label(Column *c, double value, const char *label);
const char *col_value_label(const Column *c, double value); /* or NULL */
int col_add_missing(Column *c, double code);
int col_is_user_missing(const Column *c, double v);
/* Whether c has user-missing codes or a range at all (else valid = not NaN). */
static inline int col_has_user_missing(const Column *c) {
    return c->nmissing > 0 || c->has_missing_range;
}
/* Valid = not system-missing and not user-missing. */
#define DS_NOROW ((size_t)-1)

/* --- additions used by readers and the Lua binding --- */
/* Code of s among the levels, or -1 when absent (nothing is added). */
int32_t col_find_level(const Column *c, const char *s, size_t len);
/* Text of row i, or NULL when missing (COL_TEXT only). */
static inline const char *col_text(const Column *c, size_t i) {
    int32_t k = c->codes[i];
    return k < 0 ? NULL : c->levels[k];
}
/* Changes the number of rows; new rows are missing. 0 or -1 on out of memory. */
int col_resize(Column *c, size_t n);
/* Copies label, value labels, user-missing codes/range and display decimals. */
int col_copy_meta(Column *dst, const Column *src);
int col_set_missing_range(Column *c, double lo, double hi);
void col_clear_missing(Column *c);
void col_clear_value_labels(Column *c);
/* Renames column i of d; copies the column first when it is shared. 0 or -1. */
int ds_rename_col(Dataset *d, size_t i, const char *newname);
/* A new dataset with the given rows of every column (DS_NOROW = missing row). */
Dataset *ds_take(const Dataset *d, const size_t *rows, size_t nrows);
/* Inserts a column at position pos (0..ncols); ownership as in ds_set_col. */
int ds_insert_col(Dataset *d, size_t pos, Column *c);

static inline int col_num_valid(const Column *c, size_t i) {
    double v = c->num[i];
    return v == v && !col_is_user_missing(c, v);
}

#endif
