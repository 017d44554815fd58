/* ldataset.h: Datasets and columns as Lua values, and the reader/writer registry.
 *
 * A dataset is a full userdata with metatable "passend.Dataset" holding a
 * Dataset *; its user value is the metadata table (d:meta()). A column object
 * (d.q1) is a userdata "passend.Column" holding one reference to a Column. */
#ifndef PASSEND_LDATASET_H
#define PASSEND_LDATASET_H

#include <lua.h>
#include <lauxlib.h>

#include "kernel/dataset.h"

#define PL_DATASET_MT "passend.Dataset"
#define PL_COLUMN_MT "passend.Column"

/* The Dataset at index i, or a Lua error naming the argument. */
Dataset *pl_checkdataset(lua_State *L, int i);
/* The Dataset at index i, or NULL when it is not one. */
Dataset *pl_testdataset(lua_State *L, int i);
/* Pushes d as a new userdata with an empty meta table; takes ownership of d (and
 * frees it when the push itself fails). */
void pl_pushdataset(lua_State *L, Dataset *d);
/* As pl_pushdataset, with a shallow copy of the meta table of the dataset at src. */
void pl_pushdataset_from(lua_State *L, Dataset *d, int src);
/* Pushes the meta table of the dataset at index i. */
void pl_pushmeta(lua_State *L, int i);
/* Copies every key/value of the table at index from into the table at index to. */
void pl_copyfields(lua_State *L, int from, int to);

/* Column objects: pl_pushcolumn takes a new reference to c; pl_pushnewcolumn takes
 * over the caller's reference (raising "out of memory" when c is NULL) and drops it
 * if the push fails, so a freshly made column never leaks. pl_checkcolumn raises for
 * a column object whose __gc has run; pl_testcolumn returns NULL then. */
Column *pl_checkcolumn(lua_State *L, int i);
Column *pl_testcolumn(lua_State *L, int i);
void pl_pushcolumn(lua_State *L, Column *c);
void pl_pushnewcolumn(lua_State *L, Column *c);

/* Pushes a cell as Lua: number (integer when whole), string, or nil when
 * system-missing. User-missing codes come out as their numbers. */
void pl_pushcell(lua_State *L, const Column *c, size_t row);

/* Readers and writers by file extension (lower case, no dot), in the core module's readers /
 * writers tables (lua/passend/io/types/ turns them into file types). Every C reader and writer is registered
 * behind the path gate (lgate.h), so none can skip it:
 *   a reader is called as fn(path, opts) after the gate allowed reading the file part;
 *   a writer as fn(d, target, opts, shown): target is the file the gate resolved (plus
 *   ":table"), shown the name the user gave (for messages). C writers must be
 *   transactional themselves (atomic_file.h, or one SQL transaction).
 * kind PL_PATH_TABLE: the path may name a table inside the file as "file.db:table". */
enum { PL_PATH_FILE = 0, PL_PATH_TABLE = 1 };
void pl_register_reader(lua_State *L, const char *ext, lua_CFunction fn, int kind);
void pl_register_writer(lua_State *L, const char *ext, lua_CFunction fn, int kind);
/* The table part of "file.db:table" (NULL when path names a whole file: no colon after
 * the last slash, or a file of that very name exists). */
const char *pl_table_part(const char *path);
/* Calls the registered reader (args path, opts) or writer (d, path, opts) for ext with
 * the arguments on the stack; returns its one result. For read_csv, write_sav, ... */
int pl_call_registered(lua_State *L, int writer, const char *ext);

/* Applies a d:info()-style table at index t (label, value_labels, missing,
 * missing_range) to c. Raises a Lua error naming what is wrong; c may then be
 * partly changed, so apply it to a fresh copy. */
void pl_apply_info(lua_State *L, Column *c, int t);

/* Raises "out of memory" */
int pl_nomem(lua_State *L);

/* Raises 'no column "x" in the data (did you mean "y"?)': the closest column names of d. */
int pl_nocolumn(lua_State *L, const Dataset *d, const char *name);
/* Column named name in d, or the error of pl_nocolumn. */
Column *pl_needcol(lua_State *L, const Dataset *d, const char *name);
/* Column index (0-based) for name, or a Lua error. */
size_t pl_needcolidx(lua_State *L, const Dataset *d, const char *name);

#endif
