/* lcsv.c: Lua glue for CSV: read_csv and write_csv, and the csv and tsv reader and writer
 * registered behind the path gate (lua/ldataset.h); passend.io dispatches on them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lpassend.h"
#include "lua/ldataset.h"
#include "io/csv.h"

static const char *const default_na[] = { "", "NA", "#N/A" };

static void check_keys(lua_State *L, int t, const char *fn, const char *const *known) {
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        int ok = 0;
        if (lua_type(L, -1) == LUA_TSTRING)
            for (const char *const *k = known; *k && !ok; k++) ok = strcmp(*k, lua_tostring(L, -1)) == 0;
        if (!ok) {
            const char *bad = luaL_tolstring(L, -1, NULL);
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            for (const char *const *k = known; *k; k++) {
                if (k != known) luaL_addstring(&b, ", ");
                luaL_addstring(&b, *k);
            }
            luaL_pushresult(&b);
            luaL_error(L, "%s: unknown option \"%s\" (known: %s)", fn, bad, lua_tostring(L, -1));
        }
    }
}

static char opt_char(lua_State *L, int t, const char *key, const char *fn, char dflt) {
    if (lua_getfield(L, t, key) == LUA_TNIL) { lua_pop(L, 1); return dflt; }
    size_t n;
    const char *s = lua_tolstring(L, -1, &n);
    if (s && strcmp(s, "tab") == 0) { lua_pop(L, 1); return '\t'; }
    if (!s || n != 1) luaL_error(L, "%s: %s must be one character, e.g. \";\"", fn, key);
    char c = s[0];
    lua_pop(L, 1);
    return c;
}

static int opt_bool(lua_State *L, int t, const char *key, int dflt) {
    int ty = lua_getfield(L, t, key);
    int v = ty == LUA_TNIL ? dflt : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

static const char *file_ext(const char *path, char *out, size_t size) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t k = 0;
    if (dot) {
        for (const char *p = dot + 1; *p && *p != ':' && k + 1 < size; p++)
            out[k++] = (char)tolower((unsigned char)*p);
    }
    out[k] = '\0';
    return out;
}

/* the registered reader (path, opts), behind the gate */
static int read_csv_gated(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    CsvReadOptions o;
    memset(&o, 0, sizeof o);
    o.header = 1;
    o.na = default_na;
    o.nna = 3;
    char ext[16];
    if (strcmp(file_ext(path, ext, sizeof ext), "tsv") == 0) o.sep = '\t';
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        static const char *const known[] = { "sep", "decimal", "encoding", "header", "na", "types",
                                             "missing", "format", "threads", NULL };
        check_keys(L, 2, "read", known);
        o.sep = opt_char(L, 2, "sep", "read", o.sep);
        if (o.sep && (o.sep == '"' || o.sep == '\n' || o.sep == '\r'))
            return luaL_error(L, "read: sep cannot be a quote or a line end");
        o.decimal = opt_char(L, 2, "decimal", "read", 0);
        if (o.decimal && o.decimal != '.' && o.decimal != ',')
            return luaL_error(L, "read: decimal must be \".\" or \",\"");
        o.header = opt_bool(L, 2, "header", 1);
        if (lua_getfield(L, 2, "threads") != LUA_TNIL) {
            int isint = 0;
            lua_Integer n = lua_tointegerx(L, -1, &isint);
            if (!isint || n < 0 || n > 64)
                return luaL_error(L, "read: threads must be a whole number from 1 to 64, or 0 for the machine's cores");
            o.threads = (int)n;
        }
        lua_pop(L, 1);
        if (lua_getfield(L, 2, "encoding") != LUA_TNIL) {
            char e[32];
            size_t k = 0;
            for (const char *s = luaL_checkstring(L, -1); *s && k + 1 < sizeof e; s++)
                if (*s != '-' && *s != '_') e[k++] = (char)tolower((unsigned char)*s);
            e[k] = '\0';
            if (strcmp(e, "utf8") == 0) o.encoding = CSV_ENC_UTF8;
            else if (strcmp(e, "latin1") == 0 || strcmp(e, "iso88591") == 0) o.encoding = CSV_ENC_LATIN1;
            else if (strcmp(e, "cp1252") == 0 || strcmp(e, "windows1252") == 0) o.encoding = CSV_ENC_CP1252;
            else if (strcmp(e, "auto") == 0) o.encoding = CSV_ENC_AUTO;
            else return luaL_error(L, "read: encoding must be \"utf-8\", \"latin-1\", \"windows-1252\" or \"auto\", found \"%s\"", lua_tostring(L, -1));
        }
        lua_pop(L, 1);
        if (lua_getfield(L, 2, "na") != LUA_TNIL) {
            int t = lua_gettop(L);
            if (lua_type(L, t) == LUA_TSTRING) {
                const char **na = lua_newuserdatauv(L, sizeof *na, 0);
                na[0] = lua_tostring(L, t);
                o.na = na;
                o.nna = 1;
            } else {
                luaL_checktype(L, t, LUA_TTABLE);
                size_t n = lua_rawlen(L, t);
                const char **na = lua_newuserdatauv(L, (n ? n : 1) * sizeof *na, 0);
                for (size_t i = 0; i < n; i++) {
                    lua_rawgeti(L, t, (lua_Integer)i + 1);
                    if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "read: na must be a list of strings");
                    na[i] = lua_tostring(L, -1);
                    lua_pop(L, 1);  /* the string stays alive in the table */
                }
                o.na = na;
                o.nna = n;
            }
        } else {
            lua_pop(L, 1);
        }
        if (lua_getfield(L, 2, "types") != LUA_TNIL) {
            int t = lua_gettop(L);
            luaL_checktype(L, t, LUA_TTABLE);
            size_t n = 0;
            lua_pushnil(L);
            while (lua_next(L, t)) { n++; lua_pop(L, 1); }
            CsvTypeOverride *ty = lua_newuserdatauv(L, (n ? n : 1) * sizeof *ty, 0);
            lua_pushnil(L);
            while (lua_next(L, t)) {
                if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
                    return luaL_error(L, "read: types must be {column = \"text\" | \"number\"}");
                const char *v = lua_tostring(L, -1);
                CsvType k = strcmp(v, "text") == 0 ? CSV_TYPE_TEXT : strcmp(v, "number") == 0 ? CSV_TYPE_NUMBER : CSV_TYPE_AUTO;
                if (k == CSV_TYPE_AUTO && strcmp(v, "auto") != 0)
                    return luaL_error(L, "read: types.%s must be \"text\", \"number\" or \"auto\", found \"%s\"", lua_tostring(L, -2), v);
                ty[o.ntypes].column = lua_tostring(L, -2);
                ty[o.ntypes++].type = k;
                lua_pop(L, 1);
            }
            o.types = ty;
        }
        if (lua_getfield(L, 2, "missing") != LUA_TNIL) {
            int t = lua_gettop(L);
            luaL_checktype(L, t, LUA_TTABLE);
            size_t n = 0, ncodes = 0;
            lua_pushnil(L);
            while (lua_next(L, t)) {
                n++;
                if (lua_istable(L, -1)) ncodes += lua_rawlen(L, -1); else ncodes++;
                lua_pop(L, 1);
            }
            CsvMissing *ms = lua_newuserdatauv(L, (n ? n : 1) * sizeof *ms, 0);
            double *codes = lua_newuserdatauv(L, (ncodes ? ncodes : 1) * sizeof *codes, 0);
            size_t at = 0;
            /* a plain list {8, 9}: every number column */
            if (lua_rawlen(L, t) > 0) {
                ms[0].column = NULL;
                ms[0].codes = codes;
                for (size_t i = 1; i <= lua_rawlen(L, t); i++) {
                    if (lua_rawgeti(L, t, (lua_Integer)i) != LUA_TNUMBER)
                        return luaL_error(L, "read: missing must be {8, 9} or {column = {8, 9}, ...}");
                    codes[at++] = lua_tonumber(L, -1);
                    lua_pop(L, 1);
                }
                ms[0].ncodes = at;
                o.nmissing = 1;
            }
            lua_pushnil(L);
            while (lua_next(L, t)) {
                if (lua_type(L, -2) == LUA_TNUMBER) { lua_pop(L, 1); continue; }
                if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1))
                    return luaL_error(L, "read: missing must be {8, 9} or {column = {8, 9}, ...}");
                CsvMissing *m = &ms[o.nmissing++];
                m->column = lua_tostring(L, -2);
                m->codes = codes + at;
                m->ncodes = 0;
                for (size_t i = 1; i <= lua_rawlen(L, -1); i++) {
                    if (lua_rawgeti(L, -1, (lua_Integer)i) != LUA_TNUMBER)
                        return luaL_error(L, "read: missing.%s must be a list of numbers", m->column);
                    codes[at++] = lua_tonumber(L, -1);
                    m->ncodes++;
                    lua_pop(L, 1);
                }
                lua_pop(L, 1);
            }
            o.missing = ms;
        }
    }
    char err[512];
    Dataset *d = NULL;
    if (csv_read(path, &o, &d, err, sizeof err) != 0) return luaL_error(L, "%s", err);
    pl_pushdataset(L, d);
    pl_pushmeta(L, -1);
    lua_pushstring(L, path);
    lua_setfield(L, -2, "file");
    lua_pop(L, 1);
    return 1;
}

/* the registered writer: (d, target, opts, shown) behind the gate (ldataset.h) */
static int write_csv_gated(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *target = luaL_checkstring(L, 2);
    const char *path = luaL_checkstring(L, 4);
    CsvWriteOptions o = { ',', '.', "", 1, 0, 0, 0 };
    char ext[16];
    if (strcmp(file_ext(path, ext, sizeof ext), "tsv") == 0) o.sep = '\t';
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        static const char *const known[] = { "sep", "decimal", "na", "header", "crlf", "bom", "quote",
                                             "dialect", "format", NULL };
        check_keys(L, 3, "write", known);
        if (lua_getfield(L, 3, "dialect") != LUA_TNIL) {
            const char *s = luaL_checkstring(L, -1);
            if (strcmp(s, "nl") == 0) { o.sep = ';'; o.decimal = ','; o.bom = 1; o.crlf = 1; }
            else if (strcmp(s, "excel") == 0) { o.bom = 1; o.crlf = 1; }
            else if (strcmp(s, "plain") != 0)
                return luaL_error(L, "write: dialect must be \"nl\" (; and decimal comma for Dutch Excel), \"excel\" or \"plain\"");
        }
        lua_pop(L, 1);
        o.sep = opt_char(L, 3, "sep", "write", o.sep);
        o.decimal = opt_char(L, 3, "decimal", "write", o.decimal);
        if (o.decimal != '.' && o.decimal != ',') return luaL_error(L, "write: decimal must be \".\" or \",\"");
        if (o.sep == '"' || o.sep == '\n' || o.sep == '\r') return luaL_error(L, "write: sep cannot be a quote or a line end");
        /* left on the stack: opts may hand out a fresh string (an __index metamethod) */
        if (lua_getfield(L, 3, "na") != LUA_TNIL) o.na = luaL_checkstring(L, -1);
        else lua_pop(L, 1);
        o.header = opt_bool(L, 3, "header", 1);
        o.crlf = opt_bool(L, 3, "crlf", o.crlf);
        o.bom = opt_bool(L, 3, "bom", o.bom);
        if (lua_getfield(L, 3, "quote") != LUA_TNIL) {
            const char *q = luaL_checkstring(L, -1);
            if (strcmp(q, "all") == 0) o.quote_all = 1;
            else if (strcmp(q, "needed") != 0) return luaL_error(L, "write: quote must be \"needed\" or \"all\"");
        }
        lua_pop(L, 1);
    }
    char err[512];
    if (csv_write(d, target, path, &o, err, sizeof err) != 0) return luaL_error(L, "%s", err);
    lua_settop(L, 1);
    return 1;
}

/* write_csv(d, path, opts) and read_csv(path, opts): the registered ones, gate included */
static int l_write_csv(lua_State *L) { return pl_call_registered(L, 1, "csv"); }
static int l_read_csv(lua_State *L) { return pl_call_registered(L, 0, "csv"); }

static const pl_Func funcs[] = {
    {"read_csv", l_read_csv, "read_csv(path [, opts])\n\nReads a CSV file; see read for the options."},
    {"write_csv", l_write_csv,
     "write_csv(d, path [, opts])\n\n"
     "Writes d as CSV (what d:write(\"x.csv\") calls). opts: sep (default \",\", tab for .tsv), decimal (\".\" "
     "or \",\"), na (text for missing, default \"\"), header (default true), crlf, bom, quote = \"all\" "
     "(default: only when needed), dialect = \"nl\" (sep \";\", decimal comma, BOM, CRLF: what Dutch Excel "
     "opens) or \"excel\". The file is written to a temporary file, synced and renamed over path."},
    {NULL, NULL, NULL}
};

/* read_csv and write_csv on the module table on top of the stack, and the csv and tsv
 * readers and writers behind the path gate. */
int passend_open_csv(lua_State *L) {
    int mod = lua_gettop(L);
    pl_register(L, funcs);
    static const char *const exts[] = { "csv", "tsv", NULL };
    for (int i = 0; exts[i]; i++) {
        pl_register_reader(L, exts[i], read_csv_gated, PL_PATH_FILE);
        pl_register_writer(L, exts[i], write_csv_gated, PL_PATH_FILE);
    }
    lua_settop(L, mod);
    return 0;
}
