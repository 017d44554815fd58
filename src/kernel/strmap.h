/* strmap.h: hashing of byte strings.
 *
 * StrMap: an open-addressing map from byte strings to int32 values. The map does
 * not own the key bytes: the caller keeps them alive for as long as the map is used.
 *
 * StrDict: the dictionary of a text column: distinct strings numbered 0, 1, ... in
 * the order they were added, each stored once in an arena the dictionary owns.
 * One probe adds or finds a string (get-or-insert); the table keeps each string's
 * hash next to its code, so growing it never reads a string again, and the arena
 * never moves a string (no per-string malloc, no copy when it grows).
 * A dictionary can be put in deferred mode for strings that are nearly all
 * distinct (ID-like columns): adding then only appends (no hashing, duplicates
 * allowed) until strdict_settle() removes the duplicates in one batch. */
#ifndef PASSEND_STRMAP_H
#define PASSEND_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

uint32_t strmap_hash(const char *s, size_t len);

/* --- StrMap ------------------------------------------------------------------ */

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

void strmap_init(StrMap *m);
void strmap_free(StrMap *m);
/* Value stored for key, or -1. */
int32_t strmap_get(const StrMap *m, const char *key, size_t len);
/* Stores key -> value (key bytes must outlive the map). Returns 0, or -1 on out of memory. */
int strmap_put(StrMap *m, const char *key, size_t len, int32_t value);

/* --- StrDict ----------------------------------------------------------------- */

typedef struct StrArenaBlock StrArenaBlock;

typedef struct {
    StrArenaBlock *blocks;  /* newest first */
    char *pos, *end;        /* free room in the newest block */
    size_t next_size;       /* size of the next block */
} StrArena;

typedef struct {
    char **strs;        /* code -> string: NUL-terminated, its length in the 4 bytes before it */
    size_t n, cap;      /* strings, room in strs */
    size_t indexed;     /* strs[0, indexed) are distinct and in the table; the rest are pending */
    uint64_t *slots;    /* (hash << 32) | (code + 1); 0 = empty */
    size_t nslots;      /* power of two, or 0 */
    int deferred;       /* strdict_add appends without looking up */
    StrArena arena;
} StrDict;

void strdict_init(StrDict *d);
void strdict_free(StrDict *d);
/* Length of a string of a dictionary (strs[k]). */
static inline size_t strdict_len(const char *s) {
    uint32_t n;
    memcpy(&n, s - sizeof n, sizeof n);
    return n;
}
/* Code of s among the indexed strings, or -1. */
int32_t strdict_get(const StrDict *d, const char *s, size_t len);
/* Code of s, added when new (in deferred mode: always added, as pending). -1 on out
 * of memory or when the codes would pass INT32_MAX. */
int32_t strdict_add(StrDict *d, const char *s, size_t len);
/* Deferred mode from now on (see above). */
void strdict_defer(StrDict *d);
/* Moves every string of src to the end of d (src's arena passes to d: no string is
 * copied) and sets map[k] to d's code for src's string k (map: src->n entries). In
 * deferred mode (d's or src's; d then stays deferred) they are appended as pending,
 * else looked up and added when new. src is left empty. 0, or -1 on out of memory
 * (d and src are then unchanged). */
int strdict_absorb(StrDict *d, StrDict *src, int32_t *map);
/* Leaves deferred mode: removes the duplicates among the pending strings, in order,
 * so that codes stay in first-added order. *from is the first pending code before;
 * *map (malloc'd, the caller frees; NULL when nothing was pending) gives the new
 * code of each old code >= *from at [code - *from]. 0, or -1 on out of memory (d is
 * then unchanged). */
int strdict_settle(StrDict *d, size_t *from, int32_t **map);

#endif
