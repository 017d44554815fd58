/* ldb.c: the session database (save, sql, tables) and SQLite files as a reader
 * and writer ("file.db:table"). The session database is opened on first use:
 * the file given with `passend --db file` (registry key passend.dbpath), else
 * ":memory:". Its handle lives in the registry (passend.db), closed by __gc. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "lua/lcheck.h"
#include "lua/ldataset.h"
#include "lua/lgate.h"
#include "lua/lpassend.h"
#include "io/sqlite_db.h"

#define DB_KEY "passend.db"
#define DBPATH_KEY "passend.dbpath"

/* An SQLite handle owned by a box (lcheck.h): a Lua error closes it. */
static void close_db(void *db) { sqlite3_close_v2(db); }
static void **push_db_box(lua_State *L) { return pl_box(L, close_db); }

/* What a sandboxed run's SQL may not do, as the SQLite shell's --safe mode: attach other
 * files (ATTACH, and VACUUM INTO, which attaches its target), point SQLite's own files
 * elsewhere, or load extensions. */
static int sandbox_authorizer(void *ud, int op, const char *a1, const char *a2, const char *a3, const char *a4) {
    (void)ud; (void)a2; (void)a3; (void)a4;
    switch (op) {
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
        return SQLITE_DENY;
    case SQLITE_PRAGMA:
        if (a1 && (sqlite3_stricmp(a1, "temp_store_directory") == 0 ||
                   sqlite3_stricmp(a1, "data_store_directory") == 0))
            return SQLITE_DENY;
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (a2 && (sqlite3_stricmp(a2, "load_extension") == 0 || sqlite3_stricmp(a2, "fts3_tokenizer") == 0))
            return SQLITE_DENY;
        return SQLITE_OK;
    default:
        return SQLITE_OK;
    }
}

/* An error of sql(); in the sandbox a refusal of the authorizer says so. */
static int sql_error(lua_State *L, const char *msg) {
    if (pl_sandboxed(L) && (strstr(msg, "not authorized") || strstr(msg, "authorization denied") ||
                            strstr(msg, "too many attached")))
        return luaL_error(L, "sql: sandbox: %s (a sandboxed run cannot attach other files, VACUUM INTO, load "
                             "extensions or move SQLite's own files; see docs/sandbox.md)", msg);
    return luaL_error(L, "sql: %s", msg);
}

static void harden_for_sandbox(lua_State *L, sqlite3 *db) {
    if (!pl_sandboxed(L)) return;
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
    /* temporary tables and sorts stay in memory: the sandbox writes no files but --out */
    sqlite3_exec(db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
    sqlite3_set_authorizer(db, sandbox_authorizer, NULL);
}

/* Opens file into the box slot (push_db_box); raises "file: why" on failure. */
static sqlite3 *open_into(lua_State *L, void **slot, const char *file, int flags) {
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(file, &db, flags, NULL);
    *slot = db;  /* owned by the box from here: a raise below closes it */
    if (rc != SQLITE_OK) {
        lua_pushfstring(L, "%s: cannot open the database: %s", file, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        lua_error(L);
    }
    sqlite3_busy_timeout(db, 2000);
    harden_for_sandbox(L, db);
    /* Fails here, not later, for a file that is no database at all. */
    char *msg = NULL;
    if (sqlite3_exec(db, "select count(*) from sqlite_master", NULL, NULL, &msg) != SQLITE_OK) {
        lua_pushfstring(L, "%s: %s", file, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        lua_error(L);
    }
    return db;
}

/* The session database, opened on first use. */
static sqlite3 *session_db(lua_State *L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, DB_KEY) == LUA_TUSERDATA) {
        sqlite3 *db = *pl_box_slot(L, -1);
        lua_pop(L, 1);
        if (db) return db;
    } else lua_pop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, DBPATH_KEY);
    const char *file = lua_isstring(L, -1) ? lua_tostring(L, -1) : ":memory:";
    sqlite3 *db = open_into(L, push_db_box(L), file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    lua_setfield(L, LUA_REGISTRYINDEX, DB_KEY);
    lua_pop(L, 1);
    return db;
}

/* A prepared statement owned by a box, finalized when it is collected: a Lua error
 * while binding (a parameter table's metamethod, a bad value) does not leak it. */
static void finalize_stmt(void *st) { sqlite3_finalize(st); }

/* The n malloc'ed names as a Lua list, built in protected mode; the names are freed
 * whether that works or not. */
typedef struct { char **names; size_t n; } Names;

static int names_to_list(lua_State *L) {
    const Names *nm = lua_touserdata(L, 1);
    lua_createtable(L, (int)nm->n, 0);
    for (size_t i = 0; i < nm->n; i++) {
        lua_pushstring(L, nm->names[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static void push_names(lua_State *L, char **names, size_t n) {
    Names nm = { names, names ? n : 0 };
    lua_pushcfunction(L, names_to_list);
    lua_pushlightuserdata(L, &nm);
    int rc = lua_pcall(L, 1, 1, 0);
    for (size_t i = 0; i < nm.n; i++) free(names[i]);
    free(names);
    if (rc != LUA_OK) lua_error(L);
}

/* --- save / sql / tables --------------------------------------------------- */

static int l_save(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    sqlite3 *db = session_db(L);
    char err[1024];
    if (db_save(db, d, name, err, sizeof err) != 0) return luaL_error(L, "save(\"%s\"): %s", name, err);
    lua_settop(L, 1);
    return 1;
}

static void bind_value(lua_State *L, sqlite3_stmt *st, int p, int idx, const char *what) {
    switch (lua_type(L, idx)) {
    case LUA_TNIL: sqlite3_bind_null(st, p); break;
    case LUA_TBOOLEAN: sqlite3_bind_int(st, p, lua_toboolean(L, idx)); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) sqlite3_bind_int64(st, p, (sqlite3_int64)lua_tointeger(L, idx));
        else sqlite3_bind_double(st, p, lua_tonumber(L, idx));
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        sqlite3_bind_text(st, p, s, (int)len, SQLITE_TRANSIENT);
        break;
    }
    default:  /* the caller's box finalizes st */
        luaL_error(L, "sql: %s is a %s; expected a number, string, boolean or nil", what, luaL_typename(L, idx));
    }
}

/* Binds the arguments first..last: positional values, or one table holding names
 * (:name, @name, $name) and/or positions. */
static void bind_params(lua_State *L, sqlite3_stmt *st, int first, int last) {
    int nargs = last - first + 1;
    int np = sqlite3_bind_parameter_count(st);
    char what[128];
    if (nargs == 1 && lua_istable(L, first)) {
        for (int p = 1; p <= np; p++) {
            const char *name = sqlite3_bind_parameter_name(st, p);
            if (name && (name[0] == ':' || name[0] == '@' || name[0] == '$')) {
                lua_getfield(L, first, name + 1);
                snprintf(what, sizeof what, "parameter %s", name);
            } else {
                lua_rawgeti(L, first, p);
                snprintf(what, sizeof what, "parameter %d", p);
            }
            bind_value(L, st, p, -1, what);
            lua_pop(L, 1);
        }
        return;
    }
    if (nargs != np) {
        luaL_error(L, "sql: the statement has %d parameter%s, %d value%s given", np, np == 1 ? "" : "s",
                   nargs, nargs == 1 ? "" : "s");
    }
    for (int p = 1; p <= np; p++) {
        snprintf(what, sizeof what, "parameter %d", p);
        bind_value(L, st, p, first + p - 1, what);
    }
}

static int l_sql(lua_State *L) {
    size_t len;
    const char *sql = luaL_checklstring(L, 1, &len);
    int nparams = lua_gettop(L) - 1;
    /* SQLite stops reading at a zero byte, and the rest would never be consumed */
    if (memchr(sql, '\0', len)) return luaL_argerror(L, 1, "the query contains a zero byte");
    if (len > (size_t)INT_MAX) return luaL_argerror(L, 1, "the query is too long");
    sqlite3 *db = session_db(L);
    void **box = pl_box(L, finalize_stmt);
    const char *tail = sql, *end = sql + len;
    Dataset *result = NULL;
    int nstmt = 0;
    sqlite3_int64 changes = 0;  /* of the last statement, before the metadata pruning */
    char err[1024];
    while (tail < end) {
        const char *next = NULL;
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(db, tail, (int)(end - tail), &st, &next);
        *box = st;  /* finalized by the box if anything below raises */
        if (rc != SQLITE_OK) {
            if (result) ds_free(result);
            return sql_error(L, sqlite3_errmsg(db));
        }
        tail = next;
        if (!st) continue;  /* whitespace or a comment */
        nstmt++;
        if (nparams > 0 && (nstmt > 1 || (tail && strspn(tail, " \t\r\n;") < (size_t)(end - tail)))) {
            if (result) ds_free(result);
            return luaL_error(L, "sql: parameters need a single statement");
        }
        if (nparams == 0 && sqlite3_bind_parameter_count(st) > 0) {
            int np = sqlite3_bind_parameter_count(st);
            if (result) ds_free(result);
            return luaL_error(L, "sql: the statement has %d parameter%s, no values given", np, np == 1 ? "" : "s");
        }
        if (nparams > 0) bind_params(L, st, 2, nparams + 1);  /* single statement: result is still NULL */
        if (sqlite3_column_count(st) > 0) {
            Dataset *d = db_query(db, st, err, sizeof err);
            sqlite3_finalize(st);
            *box = NULL;
            if (!d) {
                if (result) ds_free(result);
                return sql_error(L, err);
            }
            if (result) ds_free(result);
            result = d;
        } else {
            int writes = !sqlite3_stmt_readonly(st);
            int rc = sqlite3_step(st);
            sqlite3_finalize(st);
            *box = NULL;
            if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
                if (result) ds_free(result);
                return sql_error(L, sqlite3_errmsg(db));
            }
            changes = sqlite3_changes64(db);
            if (writes && db_prune_meta(db, err, sizeof err) != 0) {
                if (result) ds_free(result);
                return luaL_error(L, "sql: %s", err);
            }
        }
    }
    if (!result) {
        lua_pushinteger(L, (lua_Integer)changes);
        return 1;
    }
    pl_pushdataset(L, result);
    return 1;
}

static int push_tables(lua_State *L, sqlite3 *db) {
    size_t n = 0;
    char err[512];
    char **names = db_tables(db, &n, err, sizeof err);
    if (!names && err[0]) return luaL_error(L, "tables: %s", err);
    push_names(L, names, n);
    return 1;
}

static int l_tables(lua_State *L) {
    if (lua_isstring(L, 1)) {
        /* tables("file.db"): the tables of another SQLite file */
        char resolved[PATH_MAX];
        pl_gate_read(L, lua_tostring(L, 1), resolved);
        void **b = push_db_box(L);
        sqlite3 *db = open_into(L, b, lua_tostring(L, 1), SQLITE_OPEN_READONLY);
        push_tables(L, db);
        sqlite3_close_v2(db);
        *b = NULL;
        return 1;
    }
    return push_tables(L, session_db(L));
}

/* --- "file.db:table" as a reader and writer -------------------------------- */

/* Splits "file.db:table" (or opts.table) into file and table on the stack. */
static void split_target(lua_State *L, int pathidx, int optsidx) {
    const char *path = luaL_checkstring(L, pathidx);
    const char *table = pl_table_part(path);
    if (table) {
        lua_pushlstring(L, path, (size_t)(table - 1 - path));
        lua_pushstring(L, table);
        return;
    }
    lua_pushstring(L, path);
    if (lua_istable(L, optsidx)) lua_getfield(L, optsidx, "table");
    else lua_pushnil(L);
}

static int l_read_db(lua_State *L) {
    split_target(L, 1, 2);
    const char *file = lua_tostring(L, -2);
    void **b = push_db_box(L);
    struct stat sb;
    if (stat(file, &sb) != 0) return luaL_error(L, "%s: no such file", file);
    sqlite3 *db = open_into(L, b, file, SQLITE_OPEN_READONLY);
    const char *table = lua_tostring(L, -2);
    char err[1024];
    if (!table || !*table) {
        size_t n = 0;
        char **names = db_tables(db, &n, err, sizeof err);
        push_names(L, names, n);  /* stack: file, table, box, names */
        if (n != 1)
            return luaL_error(L, "%s: name the table as \"%s:table\" (the file holds %d tables; tables(\"%s\") lists them)",
                              file, file, (int)n, file);
        lua_rawgeti(L, -1, 1);
        lua_replace(L, -4);
        lua_pop(L, 1);
        table = lua_tostring(L, -2);
    }
    Dataset *d = db_read_table(db, table, err, sizeof err);
    sqlite3_close_v2(db);
    *b = NULL;
    if (!d) return luaL_error(L, "%s: %s", file, err);
    pl_pushdataset(L, d);
    return 1;
}

/* the registered writer: (d, target, opts, shown) behind the gate (ldataset.h) */
static int l_write_db(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    split_target(L, 2, 3);
    const char *target = lua_tostring(L, -2);
    const char *table = lua_tostring(L, -1);
    lua_pushstring(L, luaL_checkstring(L, 4));
    split_target(L, -1, 3);
    const char *file = lua_tostring(L, -2);  /* the user's name, for messages */
    if (!table || !*table) return luaL_error(L, "%s: name the table as \"%s:table\"", file, file);
    void **b = push_db_box(L);
    sqlite3 *db = open_into(L, b, target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    char err[1024];
    int rc = db_save(db, d, table, err, sizeof err);
    sqlite3_close_v2(db);
    *b = NULL;
    if (rc != 0) return luaL_error(L, "%s: %s", file, err);
    lua_settop(L, 1);
    return 1;
}

static const pl_Func funcs[] = {
    {"save", l_save,
     "save(d, name)\n\n"
     "Stores dataset d as table name in the session database (in memory, or the file given with "
     "`passend --db file`), replacing a table of that name, together with its column metadata "
     "(labels, value labels, user-missing codes, display decimals) so sql(\"select * from name\") "
     "gives it back. One transaction: a failed save leaves the database as it was. Returns d."},
    {"sql", l_sql,
     "sql(query, params...)\n\n"
     "Runs SQL on the session database and returns the rows of the (last) query as a dataset; "
     "statements without result rows return the number of changed rows. Values for ? or ?N are "
     "bound from params (or one table for :name parameters), never pasted into the text. A column "
     "is a number column when its declared type is numeric (or, for expressions, every value is a "
     "number), else text. Columns taken straight from a saved table keep its metadata.\n"
     "Example: sql(\"select actor, count(*) as n from meting where swv = ? group by 1\", \"PV2601\")"},
    {"tables", l_tables,
     "tables([file])\n\n"
     "Names of the tables in the session database (or in SQLite file file), sorted; passend's own "
     "metadata tables are left out."},
    {NULL, NULL, NULL}
};

int passend_open_db(lua_State *L) {
    pl_register(L, funcs);
    static const char *exts[] = { "db", "sqlite", "sqlite3" };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        pl_register_reader(L, exts[i], l_read_db, PL_PATH_TABLE);
        pl_register_writer(L, exts[i], l_write_db, PL_PATH_TABLE);
    }
    return 0;
}
