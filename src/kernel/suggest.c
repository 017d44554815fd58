/* suggest.c: the closest names to a misspelt one (see suggest.h for the rule). */
#include <string.h>

#include "kernel/suggest.h"

#define FAR ((size_t)-1)

static unsigned char lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t min3(size_t a, size_t b, size_t c) {
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Optimal string alignment over three rolling rows (the swap looks two rows back). */
size_t sugg_distance(const char *a, size_t la, const char *b, size_t lb) {
    if (la > SUGG_MAXLEN || lb > SUGG_MAXLEN) return FAR;
    if ((la > lb ? la - lb : lb - la) > 3) return FAR;
    size_t rows[3][SUGG_MAXLEN + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        unsigned char ca = lower((unsigned char)a[i - 1]);
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned char cb = lower((unsigned char)b[j - 1]);
            size_t v = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca == cb ? 0 : 1));
            if (i > 1 && j > 1 && ca == lower((unsigned char)b[j - 2]) && lower((unsigned char)a[i - 2]) == cb
                && prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
        }
        size_t *t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[lb];
}

static int starts_with(const char *s, size_t ls, const char *prefix, size_t lp) {
    if (ls < lp) return 0;
    for (size_t k = 0; k < lp; k++)
        if (lower((unsigned char)s[k]) != lower((unsigned char)prefix[k])) return 0;
    return 1;
}

/* a before b: nearer, then byte order */
static int before(size_t da, const char *a, size_t db, const char *b) {
    if (da != db) return da < db;
    return strcmp(a, b) < 0;
}

size_t sugg_closest(const char *name, const char *const *cands, size_t n, size_t *out, size_t max) {
    size_t ln = strlen(name), limit = ln / 3 > 1 ? ln / 3 : 1;
    size_t dist[16];
    if (max > 16) max = 16;
    if (max == 0) return 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *c = cands[i];
        if (!c) continue;
        size_t lc = strlen(c);
        size_t d = sugg_distance(name, ln, c, lc);
        if ((d == FAR || d > limit) && ln >= 3 && starts_with(c, lc, name, ln)) d = limit;
        if (d == FAR || d > limit) continue;
        /* insert into the sorted top list */
        size_t pos = k;
        while (pos > 0 && before(d, c, dist[pos - 1], cands[out[pos - 1]])) pos--;
        if (pos >= max) continue;
        size_t last = k < max ? k : max - 1;
        for (size_t m = last; m > pos; m--) { out[m] = out[m - 1]; dist[m] = dist[m - 1]; }
        out[pos] = i;
        dist[pos] = d;
        if (k < max) k++;
    }
    return k;
}
