/* lreadstat.c: read()/d:write() for SPSS, Stata and SAS files (readstat_io.h),
 * registered by extension, plus passend.read_spss/write_sav/write_dta. The file
 * label becomes meta.title, SPSS document lines and Stata notes meta.notes. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lua/ldataset.h"
#include "lua/lgate.h"
#include "lua/lpassend.h"
#include "io/readstat_io.h"

static void push_meta(lua_State *L, int ds, RsMeta *m) {
    pl_pushmeta(L, ds);
    if (m->title) {
        lua_pushstring(L, m->title);
        lua_setfield(L, -2, "title");
    }
    if (m->nnotes) {
        lua_createtable(L, (int)m->nnotes, 0);
        for (size_t i = 0; i < m->nnotes; i++) {
            lua_pushstring(L, m->notes[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        lua_setfield(L, -2, "notes");
    }
    lua_pop(L, 1);
}

/* The file's title and notes, owned by a userdata (freed by its __gc) while they are
 * copied into Lua values, which may raise. */
#define META_MT "passend.RsMeta"

static int meta_gc(lua_State *L) {
    rs_meta_free(luaL_checkudata(L, 1, META_MT));
    return 0;
}

static RsMeta *push_meta_box(lua_State *L) {
    RsMeta *m = lua_newuserdatauv(L, sizeof *m, 0);
    memset(m, 0, sizeof *m);
    if (luaL_newmetatable(L, META_MT)) {
        lua_pushcfunction(L, meta_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return m;
}

/* reader(path, opts) */
static int l_read_stat(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    const char *encoding = NULL;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
            if (strcmp(k, "encoding") != 0 && strcmp(k, "format") != 0)
                return luaL_error(L, "read: unknown option \"%s\" for %s (known: encoding)", k, path);
            lua_pop(L, 1);
        }
        /* left on the stack: opts may hand out a fresh string (an __index metamethod) */
        if (lua_getfield(L, 2, "encoding") != LUA_TNIL) encoding = luaL_checkstring(L, -1);
    }
    char err[1024];
    RsMeta *m = push_meta_box(L);
    Dataset *d = rs_read(path, encoding, m, err, sizeof err);  /* on failure m stays empty */
    if (!d) return luaL_error(L, "%s", err);
    pl_pushdataset(L, d);
    push_meta(L, lua_gettop(L), m);
    rs_meta_free(m);
    return 1;
}

/* Collects meta.title and meta.notes (strings only) of the dataset at ds. The
 * strings point into Lua values kept on the stack (the notes array is a
 * userdata there too), so m owns nothing and needs no freeing. */
static void collect_meta(lua_State *L, int ds, RsMeta *m) {
    memset(m, 0, sizeof *m);
    pl_pushmeta(L, ds);
    int mt = lua_gettop(L);
    if (lua_getfield(L, mt, "title") == LUA_TSTRING) m->title = (char *)lua_tostring(L, -1);
    /* keep the title string on the stack */
    if (lua_getfield(L, mt, "notes") == LUA_TTABLE) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);  /* read with lua_rawgeti below */
        const char **notes = lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof(char *), 0);
        size_t k = 0;
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, -2, i) == LUA_TSTRING) notes[k++] = lua_tostring(L, -1);
            lua_pop(L, 1);  /* still referenced by the notes table */
        }
        m->notes = (char **)notes;
        m->nnotes = k;
    }
}

/* the registered writer: (d, target, opts, shown) behind the gate (ldataset.h) */
static int write_stat_gated(lua_State *L) {
    Dataset *d = pl_checkdataset(L, 1);
    const char *target = luaL_checkstring(L, 2);
    const char *path = luaL_checkstring(L, 4);
    RsMeta m;
    collect_meta(L, 1, &m);
    char err[1024];
    if (rs_write(d, target, path, &m, err, sizeof err) != 0) return luaL_error(L, "%s", err);
    lua_settop(L, 1);
    return 1;
}

/* write_sav(d, path) / write_dta(d, path): the registered writer for the path's
 * extension, ".sav" / ".dta" added when it has none of them */
static int write_as(lua_State *L, const char *ext) {
    pl_checkdataset(L, 1);
    const char *path = luaL_checkstring(L, 2);
    RsFormat f = rs_format_of(path);
    if (f == RS_NONE) {
        /* write_sav(d, "uit") -> uit.sav */
        lua_pushfstring(L, "%s.%s", path, ext);
        lua_replace(L, 2);
    } else ext = f == RS_ZSAV ? "zsav" : f == RS_DTA ? "dta" : f == RS_SAV ? "sav" : ext;
    lua_settop(L, 2);
    return pl_call_registered(L, 1, ext);
}

/* read_spss(path, opts): the reader behind the gate */
static int l_read_spss(lua_State *L) {
    char resolved[PATH_MAX];
    pl_gate_read(L, luaL_checkstring(L, 1), resolved);
    return l_read_stat(L);
}

static int l_write_sav(lua_State *L) { return write_as(L, "sav"); }
static int l_write_dta(lua_State *L) { return write_as(L, "dta"); }

static const pl_Func funcs[] = {
    {"read_spss", l_read_spss,
     "read_spss(path [, opts])\n\n"
     "Reads an SPSS (.sav, .zsav, .por), Stata (.dta) or SAS (.sas7bdat) file: number and text columns "
     "with variable labels, value labels, user-missing codes and ranges (SPSS) and display decimals. "
     "The file label becomes meta.title, document lines or notes meta.notes. read(path) does the same "
     "for these extensions. opts.encoding (e.g. \"windows-1252\") overrides the file's character set, "
     "for Stata files before version 14. A truncated or damaged file raises an error and loads nothing."},
    {"write_sav", l_write_sav,
     "write_sav(d, path)\n\n"
     "Writes d as an SPSS .sav file (.zsav when path says so; \".sav\" is added when path has no such "
     "extension) with variable labels, value labels, user-missing codes (at most 3, or a range and one "
     "code) and display decimals. Written to a temporary file and renamed: a failed write leaves an "
     "existing file untouched. d:write(\"x.sav\") does the same."},
    {"write_dta", l_write_dta,
     "write_dta(d, path)\n\n"
     "Writes d as a Stata 14+ .dta file (format 118, UTF-8) with variable labels and value labels. "
     "Stata has no user-missing codes: each one is written as an extended missing value (.a, .b, ...) "
     "carrying the code's label, so Stata leaves it out of its statistics, and a note records the codes "
     "so that read() gives them back. Stata labels whole numbers only. d:write(\"x.dta\") does the same."},
    {NULL, NULL, NULL}
};

int passend_open_readstat(lua_State *L) {
    pl_register(L, funcs);
    static const char *readers[] = { "sav", "zsav", "por", "dta", "sas7bdat" };
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++)
        pl_register_reader(L, readers[i], l_read_stat, PL_PATH_FILE);
    static const char *writers[] = { "sav", "zsav", "dta" };
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        pl_register_writer(L, writers[i], write_stat_gated, PL_PATH_FILE);
    return 0;
}
