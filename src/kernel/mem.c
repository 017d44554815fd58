/* mem.c: see mem.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "kernel/mem.h"

enum { HUGE = 2u << 20 };

/* Marks the whole 2 MB pages inside [p, p + bytes) for huge pages. */
static void advise_huge(void *p, size_t bytes) {
#ifdef MADV_HUGEPAGE
    uintptr_t from = ((uintptr_t)p + HUGE - 1) / HUGE * HUGE, to = ((uintptr_t)p + bytes) / HUGE * HUGE;
    if (to > from) madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

void *mem_alloc(size_t bytes) {
    if (bytes < (size_t)HUGE) return malloc(bytes ? bytes : 1);
    void *p = NULL;
    size_t rounded = (bytes + HUGE - 1) / HUGE * HUGE;
    if (rounded < bytes || posix_memalign(&p, HUGE, rounded) != 0) return malloc(bytes);
    advise_huge(p, rounded);
    return p;
}

void *mem_calloc(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    size_t bytes = n * size;
    if (bytes < (size_t)HUGE) return calloc(n ? n : 1, size ? size : 1);
    void *p = mem_alloc(bytes);
    if (p) memset(p, 0, bytes);
    return p;
}

void *mem_grow(void *p, size_t old_bytes, size_t bytes) {
    if (!p || bytes < (size_t)HUGE || bytes <= old_bytes) return realloc(p, bytes ? bytes : 1);
    void *q = mem_alloc(bytes);
    if (!q) return NULL;
    memcpy(q, p, old_bytes);
    free(p);
    return q;
}
