/* sqlite_db.h: Datasets in and out of SQLite. Plain C, no Lua: errors come back
 * as text in err. Column metadata (labels, value labels, user-missing codes,
 * display decimals) lives in side tables _passend_columns, _passend_value_labels
 * and _passend_missing, keyed by table and column name, so a saved dataset reads
 * back with it. */
#ifndef PASSEND_SQLITE_DB_H
#define PASSEND_SQLITE_DB_H

#include <signal.h>
#include <stddef.h>
#include <sqlite3.h>
#include "kernel/dataset.h"

/* Steps stmt to the end and returns its rows as a Dataset: a column is a number
 * column when its declared type is numeric (INT, REAL, FLOA, DOUB, NUM) and every
 * value is a number, or, without a declared type, when every value is a number;
 * otherwise text. Result columns that come straight from a table with passend
 * metadata get that metadata. NULL with err set on failure. stmt stays owned by
 * the caller (reset, not finalized). */
Dataset *db_query(sqlite3 *db, sqlite3_stmt *stmt, char *err, size_t errsz);

/* Stores d as table name (replacing it) with its column metadata, in one
 * transaction (a savepoint, so it also nests inside a user's transaction).
 * Returns 0, or -1 with err set and the database as it was. */
int db_save(sqlite3 *db, const Dataset *d, const char *name, char *err, size_t errsz);

/* Set by the shell's Ctrl-C handler (src/shell/main.c) while Lua code runs: a save in progress then
 * rolls back instead of committing, so an interrupted save leaves the database as it was. */
extern volatile sig_atomic_t db_interrupt_requested;

/* Reads table name of db completely (with its metadata). */
Dataset *db_read_table(sqlite3 *db, const char *name, char *err, size_t errsz);

/* User tables of db (not sqlite_* nor _passend_*), sorted; *n gets the count.
 * Returns a malloc'd array of malloc'd names (free each and the array), or NULL
 * with err set (also NULL with *n == 0 when there are none and err is ""). */
char **db_tables(sqlite3 *db, size_t *n, char *err, size_t errsz);

/* Deletes side-table metadata of tables that no longer exist (after a user's
 * DROP or ALTER ... RENAME through sql()), so a new table of the same name does
 * not inherit old labels. Returns 0 or -1 with err set. */
int db_prune_meta(sqlite3 *db, char *err, size_t errsz);

/* Appends "name" quoted as an SQL identifier to buf; returns the new length or
 * (size_t)-1 when it does not fit. */
size_t db_quote_ident(char *buf, size_t size, size_t len, const char *name);

#endif
