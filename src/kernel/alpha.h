/* alpha.h: Cronbach's alpha on plain arrays, computed as R's psych::alpha does with its
 * defaults (use = "pairwise": each covariance from the respondents who answered both items;
 * items without variance are left out, as psych deletes them). */
#ifndef PASSEND_ALPHA_H
#define PASSEND_ALPHA_H

#include <stddef.h>

typedef struct {
    size_t n;          /* respondents with a valid value */
    double mean, sd;   /* over those respondents */
    int dropped;       /* 1 when the item has no variance (left out of everything below) */
    double r_drop;     /* item-rest correlation (psych r.drop) */
    double r_total;    /* correlation with the respondent's mean of valid items (psych raw.r) */
    double alpha_drop; /* raw alpha without this item */
    double std_alpha_drop;
    double average_r_drop;
} AlphaItem;

typedef struct {
    size_t nitems;     /* items used (without the dropped ones) */
    size_t n;          /* respondents with at least one valid item */
    double alpha;      /* raw alpha */
    double std_alpha;  /* standardised alpha (from the correlation matrix) */
    double average_r;  /* mean inter-item correlation */
    double mean, sd;   /* of the respondents' mean of valid items (psych's total) */
} AlphaTotal;

/* x holds k columns of n values each, column-major: item j is x[j * n .. j * n + n - 1],
 * NaN = missing. Fills tot and items[k]. Returns 0, or -1 with a message in err naming the
 * item (by index; the caller names it) when fewer than two items have variance or a pair of
 * items has fewer than two respondents in common; then *bad_item (and *bad_item2) say which
 * (-1 when not about one item). */
int pl_alpha(const double *x, size_t n, size_t k, AlphaTotal *tot, AlphaItem *items,
             int *bad_item, int *bad_item2, char *err, size_t errlen);

#endif
