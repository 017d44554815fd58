/* strmap.c: see strmap.h. A multiply-mix hash read 8 bytes at a time; linear
 * probing, load factor <= 1/2. */
#include <stdlib.h>
#include <string.h>

#include "kernel/mem.h"
#include "kernel/strmap.h"

static inline uint64_t mix(uint64_t a, uint64_t b) {
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint32_t strmap_hash(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x243F6A8885A308D3ULL ^ ((uint64_t)len * 0x9E3779B97F4A7C15ULL);
    size_t n = len;
    while (n > 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = mix(h ^ w, 0xBF58476D1CE4E5B9ULL);
        p += 8;
        n -= 8;
    }
    /* the last 1..8 bytes: overlapping reads cover each byte */
    uint64_t w = 0;
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (n) {
        w = (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
    }
    h = mix(h ^ w, 0x94D049BB133111EBULL);
    return (uint32_t)(h ^ (h >> 32));
}

/* --- StrMap ------------------------------------------------------------------ */

void strmap_init(StrMap *m) {
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
}

void strmap_free(StrMap *m) {
    free(m->slots);
    strmap_init(m);
}

static StrMapSlot *find(const StrMap *m, const char *key, size_t len, uint32_t h) {
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        StrMapSlot *s = &m->slots[i];
        if (!s->key) return s;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) return s;
    }
}

int32_t strmap_get(const StrMap *m, const char *key, size_t len) {
    if (!m->cap) return -1;
    StrMapSlot *s = find(m, key, len, strmap_hash(key, len));
    return s->key ? s->value : -1;
}

static int grow(StrMap *m) {
    size_t ncap = m->cap ? m->cap * 2 : 16;
    StrMapSlot *ns = calloc(ncap, sizeof *ns);
    if (!ns) return -1;
    StrMap nm = { ns, ncap, 0 };
    for (size_t i = 0; i < m->cap; i++) {
        StrMapSlot *s = &m->slots[i];
        if (s->key) *find(&nm, s->key, s->len, s->hash) = *s;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return 0;
}

int strmap_put(StrMap *m, const char *key, size_t len, int32_t value) {
    if ((m->count + 1) * 2 > m->cap && grow(m) != 0) return -1;
    uint32_t h = strmap_hash(key, len);
    StrMapSlot *s = find(m, key, len, h);
    if (!s->key) {
        s->key = key;
        s->len = (uint32_t)len;
        s->hash = h;
        m->count++;
    }
    s->value = value;
    return 0;
}

/* --- StrDict: arena ---------------------------------------------------------- */

struct StrArenaBlock {
    StrArenaBlock *next;
    char data[];
};

enum { ARENA_FIRST = 1024, ARENA_MAX = 4 << 20 };

static void arena_free(StrArena *a) {
    for (StrArenaBlock *b = a->blocks, *nx; b; b = nx) {
        nx = b->next;
        free(b);
    }
    memset(a, 0, sizeof *a);
}

/* Room for n bytes, or NULL. */
static char *arena_alloc(StrArena *a, size_t n) {
    if ((size_t)(a->end - a->pos) < n || !a->pos) {
        size_t size = a->next_size ? a->next_size : ARENA_FIRST;
        if (size < n) size = n;
        StrArenaBlock *b = mem_alloc(sizeof *b + size);
        if (!b) return NULL;
        b->next = a->blocks;
        a->blocks = b;
        a->pos = b->data;
        a->end = b->data + size;
        if (a->next_size < ARENA_MAX) a->next_size = a->next_size ? a->next_size * 2 : ARENA_FIRST * 2;
    }
    char *p = a->pos;
    a->pos += n;
    return p;
}

/* Puts src's blocks behind dst's newest (dst keeps its free room); src is emptied. */
static void arena_splice(StrArena *dst, StrArena *src) {
    if (!src->blocks) return;
    if (!dst->blocks) {
        *dst = *src;
    } else {
        StrArenaBlock *t = src->blocks;
        while (t->next) t = t->next;
        t->next = dst->blocks->next;
        dst->blocks->next = src->blocks;
        if (src->next_size > dst->next_size) dst->next_size = src->next_size;
    }
    memset(src, 0, sizeof *src);
}

/* --- StrDict ----------------------------------------------------------------- */

void strdict_init(StrDict *d) {
    memset(d, 0, sizeof *d);
}

void strdict_free(StrDict *d) {
    free(d->strs);
    free(d->slots);
    arena_free(&d->arena);
    strdict_init(d);
}

static int reserve_strs(StrDict *d, size_t n) {
    if (n <= d->cap) return 0;
    size_t cap = d->cap ? d->cap : 16;
    while (cap < n) cap *= 2;
    char **p = mem_grow(d->strs, d->cap * sizeof *p, cap * sizeof *p);
    if (!p) return -1;
    d->strs = p;
    d->cap = cap;
    return 0;
}

/* A table of at least 2 * want slots, the indexed strings in it (by their stored hashes). */
static int reserve_slots(StrDict *d, size_t want) {
    if (want * 2 <= d->nslots) return 0;
    size_t ns = d->nslots ? d->nslots * 2 : 16;
    while (ns < want * 2) ns *= 2;
    uint64_t *t = mem_calloc(ns, sizeof *t);
    if (!t) return -1;
    size_t mask = ns - 1;
    for (size_t i = 0; i < d->nslots; i++) {
        uint64_t e = d->slots[i];
        if (!e) continue;
        size_t k = (size_t)(e >> 32) & mask;
        while (t[k]) k = (k + 1) & mask;
        t[k] = e;
    }
    free(d->slots);
    d->slots = t;
    d->nslots = ns;
    return 0;
}

/* The slot of s (hash h): the one holding it, or the empty one where it goes. */
static inline size_t probe(const StrDict *d, const char *s, size_t len, uint32_t h) {
    size_t mask = d->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t e = d->slots[i];
        if (!e) return i;
        if ((uint32_t)(e >> 32) == h) {
            const char *t = d->strs[(uint32_t)e - 1];
            if (strdict_len(t) == len && memcmp(t, s, len) == 0) return i;
        }
    }
}

int32_t strdict_get(const StrDict *d, const char *s, size_t len) {
    if (!d->nslots) return -1;
    uint64_t e = d->slots[probe(d, s, len, strmap_hash(s, len))];
    return e ? (int32_t)((uint32_t)e - 1) : -1;
}

/* Appends a copy of s (no look-up); its code, or -1. */
static int32_t append(StrDict *d, const char *s, size_t len) {
    if (d->n >= INT32_MAX || len > UINT32_MAX - 8 || reserve_strs(d, d->n + 1) != 0) return -1;
    uint32_t n32 = (uint32_t)len;
    char *p = arena_alloc(&d->arena, sizeof n32 + len + 1);
    if (!p) return -1;
    memcpy(p, &n32, sizeof n32);
    p += sizeof n32;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    d->strs[d->n] = p;
    return (int32_t)d->n++;
}

int32_t strdict_add(StrDict *d, const char *s, size_t len) {
    if (d->deferred) return append(d, s, len);
    if (reserve_slots(d, d->indexed + 1) != 0) return -1;
    uint32_t h = strmap_hash(s, len);
    size_t i = probe(d, s, len, h);
    if (d->slots[i]) return (int32_t)((uint32_t)d->slots[i] - 1);
    int32_t k = append(d, s, len);
    if (k < 0) return -1;
    d->slots[i] = (uint64_t)h << 32 | ((uint32_t)k + 1);
    d->indexed = d->n;
    return k;
}

void strdict_defer(StrDict *d) {
    d->deferred = 1;
}

int strdict_absorb(StrDict *d, StrDict *src, int32_t *map) {
    size_t n0 = d->n, m = src->n;
    if (n0 + m > INT32_MAX || reserve_strs(d, n0 + m) != 0) return -1;
    if (d->deferred || src->deferred) {
        d->deferred = 1;
        if (m) memcpy(d->strs + n0, src->strs, m * sizeof *src->strs);
        for (size_t k = 0; k < m; k++) map[k] = (int32_t)(n0 + k);
        d->n += m;
    } else {
        /* the strings stay in src's blocks, which d owns from here on */
        for (size_t k = 0; k < m; k++) {
            const char *s = src->strs[k];
            size_t len = strdict_len(s);
            if (reserve_slots(d, d->indexed + 1) != 0) {
                arena_splice(&d->arena, &src->arena);
                return -1;
            }
            uint32_t h = strmap_hash(s, len);
            size_t i = probe(d, s, len, h);
            if (!d->slots[i]) {
                d->strs[d->n] = src->strs[k];
                d->slots[i] = (uint64_t)h << 32 | ((uint32_t)d->n + 1);
                d->indexed = ++d->n;
            }
            map[k] = (int32_t)((uint32_t)d->slots[i] - 1);
        }
    }
    arena_splice(&d->arena, &src->arena);
    free(src->strs);
    free(src->slots);
    strdict_init(src);
    return 0;
}

int strdict_settle(StrDict *d, size_t *from, int32_t **map) {
    size_t n0 = d->indexed, np = d->n - n0;
    *from = n0;
    *map = NULL;
    if (!np) {
        d->deferred = 0;
        return 0;
    }
    int32_t *mp = mem_alloc(np * sizeof *mp);
    if (!mp || reserve_slots(d, d->n) != 0) {
        free(mp);
        return -1;
    }
    /* in order, the hashes computed and the slots fetched a few strings ahead */
    enum { AHEAD = 16 };
    uint32_t hs[AHEAD];
    size_t mask = d->nslots - 1, out = n0;
    for (size_t p = n0; p < d->n && p < n0 + AHEAD; p++) {
        hs[p % AHEAD] = strmap_hash(d->strs[p], strdict_len(d->strs[p]));
        __builtin_prefetch(&d->slots[hs[p % AHEAD] & mask]);
    }
    for (size_t p = n0; p < d->n; p++) {
        char *s = d->strs[p];
        uint32_t h = hs[p % AHEAD];
        size_t q = p + AHEAD;
        if (q < d->n) {
            hs[q % AHEAD] = strmap_hash(d->strs[q], strdict_len(d->strs[q]));
            __builtin_prefetch(&d->slots[hs[q % AHEAD] & mask]);
        }
        size_t i = probe(d, s, strdict_len(s), h);
        if (!d->slots[i]) {
            /* out <= p: strs is compacted in place, behind the reading */
            d->strs[out] = s;
            d->slots[i] = (uint64_t)h << 32 | ((uint32_t)out + 1);
            out++;
        }
        mp[p - n0] = (int32_t)((uint32_t)d->slots[i] - 1);
    }
    d->n = d->indexed = out;
    d->deferred = 0;
    *map = mp;
    return 0;
}
