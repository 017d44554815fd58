/* suggest.h: the closest names to a misspelt one ("did you mean ...?"), for every message
 * that names an unknown column, option or key. One rule, used by the C bindings (row views,
 * column lookups) and, through core._suggest, by passend.args:
 *  - distance: optimal string alignment (Levenshtein with adjacent swaps), ASCII
 *    case-insensitive; names whose lengths differ by more than 3, or either longer than
 *    SUGG_MAXLEN bytes, are not close;
 *  - close: a distance of at most a third of the name's length (at least 1), or, for a name
 *    of 3 bytes or more, a candidate that starts with it (case-insensitive);
 *  - order: nearest first, then byte order; at most `max` of them. */
#ifndef PASSEND_SUGGEST_H
#define PASSEND_SUGGEST_H

#include <stddef.h>

#define SUGG_MAXLEN 255

/* The distance between a and b under the rule above; (size_t)-1 when not close at all. */
size_t sugg_distance(const char *a, size_t la, const char *b, size_t lb);

/* Writes to out (room for max) the indices of the candidates closest to name, nearest first;
 * returns how many. NULL candidates are skipped. */
size_t sugg_closest(const char *name, const char *const *cands, size_t n, size_t *out, size_t max);

#endif
