/* mem.h: big arrays. An array of 2 MB or more is 2 MB aligned and marked for
 * transparent huge pages (MADV_HUGEPAGE; the system default here is "madvise"):
 * its first touch then costs one page fault per 2 MB instead of 512, and a fault
 * costs ~17 us on the virtual machines passend runs on. Smaller ones are plain
 * malloc blocks. Every block is a heap block: free() and realloc() work on it. */
#ifndef PASSEND_MEM_H
#define PASSEND_MEM_H

#include <stddef.h>

/* bytes of uninitialised memory, or NULL. */
void *mem_alloc(size_t bytes);
/* n * size zeroed bytes, or NULL (also when n * size overflows). */
void *mem_calloc(size_t n, size_t size);
/* realloc(p, bytes) for a block whose first old_bytes are in use: one growing to 2 MB or
 * more moves to a new huge-page block (realloc would copy into plain pages, a page fault
 * every 4 KB of the copy); shrinking stays in place. NULL on out of memory (p stays). */
void *mem_grow(void *p, size_t old_bytes, size_t bytes);

#endif
