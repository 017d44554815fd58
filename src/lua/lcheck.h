/* lcheck.h: the checks every Lua-callable C function makes before it sizes or
 * indexes anything with a number it was given, and memory that Lua owns.
 *
 * Counts, sizes and indices from Lua are whole numbers in a stated range (never a
 * silent cast of -5, 0.5, NaN or 2^63 to size_t or int), byte sizes are computed
 * without overflow, and C memory that lives while Lua API calls may raise (every
 * luaL_check*, lua_push* on a memory error, luaL_error) is owned by a userdata, so
 * an error frees it instead of leaking it. */
#ifndef PASSEND_LCHECK_H
#define PASSEND_LCHECK_H

#include <stddef.h>

#include <lua.h>
#include <lauxlib.h>

/* Most rows (or values per column) a count given from Lua may ask for: text codes,
 * join row links and the kernels' group codes are 32-bit. */
#define PL_MAX_ROWS ((lua_Integer)2147483647)

/* The value at stack index idx as a whole number in lo..hi, else the error
 * "bad argument #arg to 'f' (what must be a whole number from lo to hi, got x)".
 * idx is the argument itself or a field of it pushed on the stack. */
lua_Integer pl_checkrange_at(lua_State *L, int idx, int arg, const char *what, lua_Integer lo,
                             lua_Integer hi);
#define pl_checkrange(L, arg, what, lo, hi) pl_checkrange_at(L, arg, arg, what, lo, hi)
/* As pl_checkrange; dflt when the argument is none or nil. */
lua_Integer pl_optrange(lua_State *L, int arg, const char *what, lua_Integer lo, lua_Integer hi,
                        lua_Integer dflt);

/* n * size, or the Lua error "out of memory" when it does not fit in size_t. */
size_t pl_bytes(lua_State *L, size_t n, size_t size);

/* Room for n elements of size bytes in a new userdata pushed on the stack: Lua frees
 * it, also after an error. Contents uninitialised. */
void *pl_scratch(lua_State *L, size_t n, size_t size);

/* n elements of size bytes malloc'ed and owned by a box pushed on the stack (its __gc
 * frees them): for blocks that may be large, where a userdata would count against the
 * Lua heap twice. pl_release frees the block of the box at idx early. */
void *pl_block(lua_State *L, size_t n, size_t size);
/* Hands the malloc'ed p to a box pushed on the stack, as pl_block. When p is NULL it
 * raises "out of memory"; when the box cannot be made it frees p and raises. */
void *pl_own(lua_State *L, void *p);
/* Releases the resource of the box at idx now (instead of at the next collection). */
void pl_release(lua_State *L, int idx);

/* A box pushed on the stack that owns one resource of any kind (a block, an SQLite
 * handle ...): when it is collected, or at pl_release, it calls fin on what its slot
 * holds (nothing while the slot is NULL). Returns the slot, NULL until the caller
 * stores the resource: store it right after acquiring it, before any call that can
 * raise. pl_block and pl_own are boxes with fin = free. */
typedef void (*pl_Finalizer)(void *p);
void **pl_box(lua_State *L, pl_Finalizer fin);
/* The slot of the box at idx (raises when idx is not a box). */
void **pl_box_slot(lua_State *L, int idx);

/* Reads the Lua array at stack index idx into out[0..n); an entry that is not a number
 * is NaN (missing). */
void pl_read_numbers(lua_State *L, int idx, size_t n, double *out);

/* Pushes ' (did you mean "a" or "b"?)' with the names closest to name among names[0..n)
 * (NULL entries skipped; the rule is kernel/suggest.h's), or "" when none is close. */
void pl_pushsuggest(lua_State *L, const char *name, const char *const *names, size_t n);

#endif
