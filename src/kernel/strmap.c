/* strmap.c: see strmap.h. FNV-1a hashing, linear probing, load factor <= 1/2. */
#include <stdlib.h>
#include <string.h>

#include "kernel/strmap.h"

uint32_t strmap_hash(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

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
