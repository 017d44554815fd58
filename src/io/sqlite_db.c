/* sqlite_db.c: Datasets to and from SQLite tables, with passend's column
 * metadata in side tables. See sqlite_db.h. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/sqlite_db.h"

#define META_COLUMNS "_passend_columns"
#define META_VLABELS "_passend_value_labels"
#define META_MISSING "_passend_missing"

static void setf(char *err, size_t errsz, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

size_t db_quote_ident(char *buf, size_t size, size_t len, const char *name) {
    if (len >= size) return (size_t)-1;
    buf[len++] = '"';
    for (const char *p = name; *p; p++) {
        if (len + 2 >= size) return (size_t)-1;
        if (*p == '"') buf[len++] = '"';
        buf[len++] = *p;
    }
    if (len + 1 >= size) return (size_t)-1;
    buf[len++] = '"';
    buf[len] = '\0';
    return len;
}

/* A growable SQL text built from pieces. */
typedef struct { char *s; size_t len, cap; int oom; } Buf;

static void buf_add(Buf *b, const char *s) {
    size_t n = strlen(s);
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 256;
        while (nc < b->len + n + 1) nc *= 2;
        char *p = realloc(b->s, nc);
        if (!p) { b->oom = 1; return; }
        b->s = p;
        b->cap = nc;
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

static void buf_ident(Buf *b, const char *name) {
    buf_add(b, "\"");
    for (const char *p = name; *p && !b->oom; p++) {
        char one[3] = { *p, 0, 0 };
        if (*p == '"') one[1] = '"';
        buf_add(b, one);
    }
    buf_add(b, "\"");
}

static int has_table(sqlite3 *db, const char *name) {
    sqlite3_stmt *st;
    int found = 0;
    if (sqlite3_prepare_v2(db, "select 1 from sqlite_master where type in ('table','view') and name = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* --- query results into a Dataset ------------------------------------------ */

typedef struct {
    char *name;
    int declared;    /* 1 numeric, 2 text, 0 none/other (decide from values) */
    int all_numeric; /* every non-null value so far is a number */
    double *num;
    char **str;      /* text cells (only allocated once one is seen) */
    char *otable, *ocol; /* origin of the column, for metadata */
} QCol;

static int declared_kind(const char *decl) {
    if (!decl || !*decl) return 0;
    char up[64];
    size_t n = strlen(decl);
    if (n >= sizeof up) n = sizeof up - 1;
    for (size_t i = 0; i < n; i++) up[i] = (char)(decl[i] >= 'a' && decl[i] <= 'z' ? decl[i] - 32 : decl[i]);
    up[n] = '\0';
    /* SQLite's affinity rules, in its order. */
    if (strstr(up, "INT")) return 1;
    if (strstr(up, "CHAR") || strstr(up, "CLOB") || strstr(up, "TEXT")) return 2;
    if (strstr(up, "BLOB")) return 0;
    return 1;  /* REAL, FLOA, DOUB, NUMERIC, DECIMAL, BOOLEAN, DATE... */
}

static char *dupstr(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p) memcpy(p, s, n + 1);
    return p;
}

/* Applies the side-table metadata of origin table.column to col. 0 or -1 (oom). */
static int apply_meta(sqlite3 *db, Column *col, const char *table, const char *column) {
    sqlite3_stmt *st;
    int rc = 0;
    if (sqlite3_prepare_v2(db, "select label, decimals, missing_lo, missing_hi from " META_COLUMNS
                           " where tbl = ?1 and name = ?2", -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *label = (const char *)sqlite3_column_text(st, 0);
        if (label && col_set_label(col, label) != 0) rc = -1;
        if (sqlite3_column_type(st, 1) != SQLITE_NULL) col->display_decimals = sqlite3_column_int(st, 1);
        if (col->type == COL_NUM && sqlite3_column_type(st, 2) != SQLITE_NULL
            && sqlite3_column_type(st, 3) != SQLITE_NULL
            && col_set_missing_range(col, sqlite3_column_double(st, 2), sqlite3_column_double(st, 3)) != 0)
            rc = -1;
    }
    sqlite3_finalize(st);
    if (rc || col->type != COL_NUM) return rc;
    if (sqlite3_prepare_v2(db, "select value, label from " META_VLABELS " where tbl = ?1 and col = ?2",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
        while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
            const char *label = (const char *)sqlite3_column_text(st, 1);
            if (col_add_value_label(col, sqlite3_column_double(st, 0), label ? label : "") != 0) rc = -1;
        }
        sqlite3_finalize(st);
    }
    if (rc == 0 && sqlite3_prepare_v2(db, "select code from " META_MISSING " where tbl = ?1 and col = ?2",
                                      -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
        while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
            if (col_add_missing(col, sqlite3_column_double(st, 0)) != 0) rc = -1;
        sqlite3_finalize(st);
    }
    return rc;
}

static void qcols_free(QCol *q, int n, size_t rows) {
    for (int j = 0; q && j < n; j++) {
        free(q[j].name);
        free(q[j].num);
        if (q[j].str) {
            for (size_t i = 0; i < rows; i++) free(q[j].str[i]);
            free(q[j].str);
        }
        free(q[j].otable);
        free(q[j].ocol);
    }
    free(q);
}

/* Text for a numeric cell in a text column: integers without a decimal point. */
static void number_text(double v, char *buf, size_t size) {
    if (v == floor(v) && fabs(v) < 1e15) snprintf(buf, size, "%.0f", v);
    else snprintf(buf, size, "%.17g", v);
}

Dataset *db_query(sqlite3 *db, sqlite3_stmt *stmt, char *err, size_t errsz) {
    int ncol = sqlite3_column_count(stmt);
    size_t rows = 0, cap = 0;
    QCol *q = calloc(ncol > 0 ? (size_t)ncol : 1, sizeof *q);
    Dataset *d = NULL;
    if (!q) { setf(err, errsz, "out of memory"); return NULL; }
    int use_meta = has_table(db, META_COLUMNS);
    for (int j = 0; j < ncol; j++) {
        const char *nm = sqlite3_column_name(stmt, j);
        q[j].name = dupstr(nm && *nm ? nm : "?");
        q[j].declared = declared_kind(sqlite3_column_decltype(stmt, j));
        q[j].all_numeric = 1;
        if (use_meta) {
            const char *t = sqlite3_column_table_name(stmt, j), *c = sqlite3_column_origin_name(stmt, j);
            if (t && c) { q[j].otable = dupstr(t); q[j].ocol = dupstr(c); }
        }
        if (!q[j].name) goto oom;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (rows == cap) {
            size_t nc = cap ? cap * 2 : 256;
            for (int j = 0; j < ncol; j++) {
                double *p = realloc(q[j].num, nc * sizeof *p);
                if (!p) goto oom;
                q[j].num = p;
                if (q[j].str) {
                    char **s = realloc(q[j].str, nc * sizeof *s);
                    if (!s) goto oom;
                    memset(s + cap, 0, (nc - cap) * sizeof *s);
                    q[j].str = s;
                }
            }
            cap = nc;
        }
        for (int j = 0; j < ncol; j++) {
            int t = sqlite3_column_type(stmt, j);
            q[j].num[rows] = NAN;
            if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
                q[j].num[rows] = sqlite3_column_double(stmt, j);
            } else if (t == SQLITE_TEXT || t == SQLITE_BLOB) {
                const char *s = (const char *)sqlite3_column_text(stmt, j);
                int len = sqlite3_column_bytes(stmt, j);
                if (!q[j].str && !(q[j].str = calloc(cap, sizeof *q[j].str))) goto oom;
                char *copy = malloc((size_t)len + 1);
                if (!copy) goto oom;
                memcpy(copy, s ? s : "", (size_t)len);
                copy[len] = '\0';
                q[j].str[rows] = copy;
                q[j].all_numeric = 0;
            }
        }
        rows++;
    }
    if (rc != SQLITE_DONE) {
        setf(err, errsz, "%s", sqlite3_errmsg(db));
        goto fail;
    }
    d = ds_new(rows);
    if (!d) goto oom;
    for (int j = 0; j < ncol; j++) {
        int numeric = q[j].declared == 2 ? 0 : q[j].all_numeric;
        Column *col = numeric ? col_new_num(q[j].name, rows) : col_new_text(q[j].name, rows);
        if (!col) goto oom;
        for (size_t i = 0; i < rows; i++) {
            if (numeric) { col->num[i] = q[j].num[i]; continue; }
            const char *s = q[j].str ? q[j].str[i] : NULL;
            char nb[64];
            if (!s && q[j].num[i] == q[j].num[i]) { number_text(q[j].num[i], nb, sizeof nb); s = nb; }
            if (s) {
                int32_t k = col_level(col, s, strlen(s));
                if (k < 0) { col_unref(col); goto oom; }
                col->codes[i] = k;
            }
        }
        if (q[j].otable && apply_meta(db, col, q[j].otable, q[j].ocol) != 0) { col_unref(col); goto oom; }
        /* Two result columns with one name (select a.x, b.x): keep both, renamed. */
        if (ds_find(d, col->name) >= 0) {
            char nm[512];
            for (int k = 2; ; k++) {
                snprintf(nm, sizeof nm, "%s_%d", q[j].name, k);
                if (ds_find(d, nm) < 0) break;
            }
            char *nn = dupstr(nm);
            if (!nn) { col_unref(col); goto oom; }
            free(col->name);
            col->name = nn;
        }
        if (ds_set_col(d, col) != 0) { col_unref(col); goto oom; }
    }
    qcols_free(q, ncol, rows);
    sqlite3_reset(stmt);
    return d;
oom:
    setf(err, errsz, "out of memory");
fail:
    if (d) ds_free(d);
    qcols_free(q, ncol, rows);
    sqlite3_reset(stmt);
    return NULL;
}

/* --- saving -------------------------------------------------------------- */

static int exec(sqlite3 *db, const char *sql, char *err, size_t errsz) {
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        setf(err, errsz, "%s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int prep(sqlite3 *db, const char *sql, sqlite3_stmt **st, char *err, size_t errsz) {
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
        setf(err, errsz, "%s", sqlite3_errmsg(db));
        *st = NULL;
        return -1;
    }
    return 0;
}

volatile sig_atomic_t db_interrupt_requested = 0;

static int step_done(sqlite3 *db, sqlite3_stmt *st, char *err, size_t errsz) {
    if (db_interrupt_requested) {
        setf(err, errsz, "interrupted! (the save was rolled back; the database is as it was)");
        return -1;
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) { setf(err, errsz, "%s", sqlite3_errmsg(db)); return -1; }
    return 0;
}

static int save_data(sqlite3 *db, const Dataset *d, const char *name, char *err, size_t errsz) {
    Buf b = {0};
    buf_add(&b, "drop table if exists ");
    buf_ident(&b, name);
    if (b.oom) { free(b.s); setf(err, errsz, "out of memory"); return -1; }
    if (exec(db, b.s, err, errsz) != 0) { free(b.s); return -1; }
    b.len = 0;
    buf_add(&b, "create table ");
    buf_ident(&b, name);
    buf_add(&b, " (");
    for (size_t j = 0; j < d->ncols; j++) {
        if (j) buf_add(&b, ", ");
        buf_ident(&b, d->cols[j]->name);
        buf_add(&b, d->cols[j]->type == COL_NUM ? " REAL" : " TEXT");
    }
    buf_add(&b, ")");
    if (b.oom) { free(b.s); setf(err, errsz, "out of memory"); return -1; }
    if (exec(db, b.s, err, errsz) != 0) { free(b.s); return -1; }
    if (d->ncols == 0) { free(b.s); return 0; }
    b.len = 0;
    buf_add(&b, "insert into ");
    buf_ident(&b, name);
    buf_add(&b, " values (");
    for (size_t j = 0; j < d->ncols; j++) buf_add(&b, j ? ", ?" : "?");
    buf_add(&b, ")");
    if (b.oom) { free(b.s); setf(err, errsz, "out of memory"); return -1; }
    sqlite3_stmt *st;
    int rc = prep(db, b.s, &st, err, errsz);
    free(b.s);
    if (rc) return -1;
    for (size_t i = 0; i < d->nrows && rc == 0; i++) {
        for (size_t j = 0; j < d->ncols; j++) {
            const Column *c = d->cols[j];
            int p = (int)j + 1;
            if (c->type == COL_NUM) {
                double v = c->num[i];
                if (v != v) sqlite3_bind_null(st, p);
                else sqlite3_bind_double(st, p, v);
            } else {
                const char *s = col_text(c, i);
                if (s) sqlite3_bind_text(st, p, s, -1, SQLITE_STATIC);
                else sqlite3_bind_null(st, p);
            }
        }
        rc = step_done(db, st, err, errsz);
    }
    sqlite3_finalize(st);
    return rc;
}

static int save_meta(sqlite3 *db, const Dataset *d, const char *name, char *err, size_t errsz) {
    static const char *ddl =
        "create table if not exists " META_COLUMNS " (tbl TEXT NOT NULL, pos INTEGER, name TEXT NOT NULL, "
        "type TEXT, label TEXT, decimals INTEGER, missing_lo REAL, missing_hi REAL, primary key (tbl, name));"
        "create table if not exists " META_VLABELS " (tbl TEXT NOT NULL, col TEXT NOT NULL, value REAL, label TEXT);"
        "create table if not exists " META_MISSING " (tbl TEXT NOT NULL, col TEXT NOT NULL, code REAL);";
    if (exec(db, ddl, err, errsz) != 0) return -1;
    static const char *del[] = {
        "delete from " META_COLUMNS " where tbl = ?1",
        "delete from " META_VLABELS " where tbl = ?1",
        "delete from " META_MISSING " where tbl = ?1",
    };
    sqlite3_stmt *st = NULL, *sv = NULL, *sm = NULL;
    for (size_t k = 0; k < 3; k++) {
        if (prep(db, del[k], &st, err, errsz) != 0) return -1;
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        int rc = step_done(db, st, err, errsz);
        sqlite3_finalize(st);
        if (rc) return -1;
    }
    int rc = prep(db, "insert into " META_COLUMNS " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &st, err, errsz);
    if (!rc) rc = prep(db, "insert into " META_VLABELS " values (?1, ?2, ?3, ?4)", &sv, err, errsz);
    if (!rc) rc = prep(db, "insert into " META_MISSING " values (?1, ?2, ?3)", &sm, err, errsz);
    for (size_t j = 0; j < d->ncols && rc == 0; j++) {
        const Column *c = d->cols[j];
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)j + 1);
        sqlite3_bind_text(st, 3, c->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, c->type == COL_NUM ? "number" : "text", -1, SQLITE_STATIC);
        if (c->label) sqlite3_bind_text(st, 5, c->label, -1, SQLITE_STATIC);
        if (c->display_decimals >= 0) sqlite3_bind_int(st, 6, c->display_decimals);
        if (c->has_missing_range) {
            sqlite3_bind_double(st, 7, c->missing_lo);
            sqlite3_bind_double(st, 8, c->missing_hi);
        }
        rc = step_done(db, st, err, errsz);
        for (size_t k = 0; k < c->nvlabels && rc == 0; k++) {
            sqlite3_bind_text(sv, 1, name, -1, SQLITE_STATIC);
            sqlite3_bind_text(sv, 2, c->name, -1, SQLITE_STATIC);
            sqlite3_bind_double(sv, 3, c->vlabels[k].value);
            sqlite3_bind_text(sv, 4, c->vlabels[k].label ? c->vlabels[k].label : "", -1, SQLITE_STATIC);
            rc = step_done(db, sv, err, errsz);
        }
        for (size_t k = 0; k < c->nmissing && rc == 0; k++) {
            sqlite3_bind_text(sm, 1, name, -1, SQLITE_STATIC);
            sqlite3_bind_text(sm, 2, c->name, -1, SQLITE_STATIC);
            sqlite3_bind_double(sm, 3, c->missing[k]);
            rc = step_done(db, sm, err, errsz);
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(sv);
    sqlite3_finalize(sm);
    return rc;
}

int db_save(sqlite3 *db, const Dataset *d, const char *name, char *err, size_t errsz) {
    if (!name || !*name) { setf(err, errsz, "save: the table needs a name"); return -1; }
    if (strncasecmp(name, "_passend_", 9) == 0 || strncasecmp(name, "sqlite_", 7) == 0) {
        setf(err, errsz, "save: table name \"%s\" is reserved", name);
        return -1;
    }
    if (exec(db, "savepoint passend_save", err, errsz) != 0) return -1;
    int rc = save_data(db, d, name, err, errsz);
    if (rc == 0) rc = save_meta(db, d, name, err, errsz);
    if (rc == 0 && db_interrupt_requested) {
        setf(err, errsz, "interrupted! (the save was rolled back; the database is as it was)");
        rc = -1;
    }
    if (rc == 0) {
        if (exec(db, "release passend_save", err, errsz) == 0) return 0;
    }
    char ignore[64];
    exec(db, "rollback to passend_save", ignore, sizeof ignore);
    exec(db, "release passend_save", ignore, sizeof ignore);
    return -1;
}

int db_prune_meta(sqlite3 *db, char *err, size_t errsz) {
    if (!has_table(db, META_COLUMNS)) return 0;
    static const char *sql =
        "delete from " META_COLUMNS " where tbl not in (select name from sqlite_master where type in ('table','view'));"
        "delete from " META_VLABELS " where tbl not in (select name from sqlite_master where type in ('table','view'));"
        "delete from " META_MISSING " where tbl not in (select name from sqlite_master where type in ('table','view'));";
    return exec(db, sql, err, errsz);
}

Dataset *db_read_table(sqlite3 *db, const char *name, char *err, size_t errsz) {
    if (!has_table(db, name)) {
        size_t n = 0;
        char **t = db_tables(db, &n, err, errsz);
        Buf b = {0};
        for (size_t i = 0; i < n; i++) {
            buf_add(&b, i ? ", " : "");
            buf_add(&b, t[i]);
            free(t[i]);
        }
        free(t);
        setf(err, errsz, "no table \"%s\" (tables: %s)", name, b.s && !b.oom ? b.s : "none");
        free(b.s);
        return NULL;
    }
    Buf b = {0};
    buf_add(&b, "select * from ");
    buf_ident(&b, name);
    if (b.oom) { free(b.s); setf(err, errsz, "out of memory"); return NULL; }
    sqlite3_stmt *st;
    if (prep(db, b.s, &st, err, errsz) != 0) { free(b.s); return NULL; }
    free(b.s);
    Dataset *d = db_query(db, st, err, errsz);
    sqlite3_finalize(st);
    return d;
}

char **db_tables(sqlite3 *db, size_t *n, char *err, size_t errsz) {
    sqlite3_stmt *st;
    *n = 0;
    err[0] = '\0';
    if (prep(db, "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite\\_%' "
                 "escape '\\' and name not like '\\_passend\\_%' escape '\\' order by name", &st, err, errsz) != 0)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            char **p = realloc(names, nc * sizeof *p);
            if (!p) { rc = SQLITE_NOMEM; break; }
            names = p;
            cap = nc;
        }
        if (!(names[*n] = dupstr((const char *)sqlite3_column_text(st, 0)))) { rc = SQLITE_NOMEM; break; }
        (*n)++;
    }
    if (rc != SQLITE_DONE) {
        setf(err, errsz, "%s", rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
        for (size_t i = 0; i < *n; i++) free(names[i]);
        free(names);
        *n = 0;
        names = NULL;
    }
    sqlite3_finalize(st);
    return names;
}
