/* strmap.h: an open-addressing hash map from byte strings to int32 values.
 * The map does not own the key bytes: the caller keeps them alive (levels of a
 * text column, or a key arena) for as long as the map is used. */
#ifndef PASSEND_STRMAP_H
#define PASSEND_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *key;  /* NULL = empty slot */
    uint32_t len;
    uint32_t hash;
    int32_t value;
} StrMapSlot;

typedef struct {
    StrMapSlot *slots;
    size_t cap;    /* power of two */
    size_t count;
} StrMap;

uint32_t strmap_hash(const char *s, size_t len);
void strmap_init(StrMap *m);
void strmap_free(StrMap *m);
/* Value stored for key, or -1. */
int32_t strmap_get(const StrMap *m, const char *key, size_t len);
/* Stores key -> value (key bytes must outlive the map). Returns 0, or -1 on out of memory. */
int strmap_put(StrMap *m, const char *key, size_t len, int32_t value);

#endif
