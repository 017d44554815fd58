/* ldataset_int.h: what the dataset binding files share among themselves. */
#ifndef PASSEND_LDATASET_INT_H
#define PASSEND_LDATASET_INT_H

#include "lua/ldataset.h"

/* Each adds its methods to the table on top of the stack (Dataset methods). */
void pl_dsops_methods(lua_State *L);
/* Module-level functions of ldataset_ops.c (stack). */
#include "lua/lpassend.h"
extern const pl_Func pl_dsops_funcs[];
/* Creates the Column metatable; adds column functions to the module table at mod. */
void pl_column_setup(lua_State *L, int mod);
/* CSV: registers read_csv / write_csv in the module at mod and the csv/tsv/txt readers. */
void pl_csv_setup(lua_State *L, int mod);

/* Column named name in d, or a Lua error "no column "x" in the dataset". */
Column *pl_needcol(lua_State *L, const Dataset *d, const char *name);
/* Column index (0-based) for name, or a Lua error. */
size_t pl_needcolidx(lua_State *L, const Dataset *d, const char *name);

#endif
