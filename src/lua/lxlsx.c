/* lxlsx.c: a small binding to libxlsxwriter for the xlsx format (lua/passend/format/xlsx.lua).
 *
 *   passend._xlsx_write(path, book)
 *   book = { created = epoch seconds (optional),
 *            formats = { [id] = { bold, italic, bg = "RRGGBB", num = "0.0", align = "left"|
 *                        "right"|"center", top = true, bottom = true, wrap = true, size = pt,
 *                        indent = k } },
 *            sheets = { { name = "...", widths = { [col0] = chars },
 *                         cells = { { row0, col0, value (number|string|nil), format id } },
 *                         merges = { { r1, c1, r2, c2, text, format id } } } } }
 *
 * All of book is read into libxlsxwriter before workbook_close() writes the file; the
 * workbook lives in a userdata box so a Lua error midway frees it (its __gc).
 *
 * libxlsxwriter is opened on the first write (dlopen of the system library, whose soname
 * the Makefile reads at build time), not linked: it pulls in libcrypto, and loading that
 * at every start cost about 4 ms of the shell's 20 ms start-up budget. */
#include <dlfcn.h>
#include <pthread.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "lua/lgate.h"

#ifndef XLSX_SONAME
#define XLSX_SONAME "libxlsxwriter.so.4"
#endif

/* The functions used, called as lx.name(...) */
#define XLSX_FUNCS(X)                                                                     \
    X(workbook_new_opt) X(workbook_set_properties) X(workbook_add_format) X(workbook_close)   \
    X(workbook_add_worksheet) X(workbook_validate_sheet_name) X(lxw_workbook_free)        \
    X(lxw_strerror) X(format_set_bold) X(format_set_italic) X(format_set_text_wrap)       \
    X(format_set_top) X(format_set_bottom) X(format_set_pattern) X(format_set_bg_color)   \
    X(format_set_num_format) X(format_set_align) X(format_set_font_size)                  \
    X(format_set_indent) X(worksheet_set_column) X(worksheet_write_number)                \
    X(worksheet_write_string) X(worksheet_write_blank) X(worksheet_merge_range)

/* The one process-wide table of the library: libxlsxwriter's functions, filled once by
 * dlsym (what linking would have done at start) and read-only afterwards; pthread_once
 * makes the filling safe when several states write xlsx at once. */
static struct {
#define X(f) __typeof__(&f) f;
    XLSX_FUNCS(X)
#undef X
} lx;
static pthread_once_t lx_once = PTHREAD_ONCE_INIT;
static char lx_error[512];  /* why the library could not be loaded, or "" */

static void lx_load(void) {
    void *h = dlopen(XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(lx_error, sizeof lx_error, "xlsx: cannot load %s (the libxlsxwriter package): %s", XLSX_SONAME,
                 dlerror());
        return;
    }
#define X(f) \
    if (!lx_error[0] && !(*(void **)&lx.f = dlsym(h, #f))) \
        snprintf(lx_error, sizeof lx_error, "xlsx: %s has no function %s", XLSX_SONAME, #f);
    XLSX_FUNCS(X)
#undef X
}

/* Opens the library once; a Lua error when it cannot be loaded. */
static void load_xlsxwriter(lua_State *L) {
    pthread_once(&lx_once, lx_load);
    if (lx_error[0]) luaL_error(L, "%s", lx_error);
}

#define BOX "passend.xlsxbox"
#define MAXFMT 256

typedef struct {
    lxw_workbook *wb;
    lxw_format *fmt[MAXFMT];
} Box;

static int box_gc(lua_State *L) {
    Box *b = luaL_checkudata(L, 1, BOX);
    if (b->wb) lx.lxw_workbook_free(b->wb);
    b->wb = NULL;
    return 0;
}

static int field_bool(lua_State *L, int t, const char *k) {
    lua_getfield(L, t, k);
    int v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

static void read_formats(lua_State *L, int book, Box *b) {
    if (lua_getfield(L, book, "formats") != LUA_TTABLE) { lua_pop(L, 1); return; }
    int ft = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, ft)) {
        if (!lua_isinteger(L, -2) || !lua_istable(L, -1))
            luaL_error(L, "xlsx: formats must be {[integer id] = {...}}");
        lua_Integer id = lua_tointeger(L, -2);
        if (id < 1 || id >= MAXFMT) luaL_error(L, "xlsx: format id %d out of range 1..%d", (int)id, MAXFMT - 1);
        int t = lua_gettop(L);
        lxw_format *f = lx.workbook_add_format(b->wb);
        if (!f) luaL_error(L, "xlsx: out of memory");
        b->fmt[id] = f;
        if (field_bool(L, t, "bold")) lx.format_set_bold(f);
        if (field_bool(L, t, "italic")) lx.format_set_italic(f);
        if (field_bool(L, t, "wrap")) lx.format_set_text_wrap(f);
        if (field_bool(L, t, "top")) lx.format_set_top(f, LXW_BORDER_THIN);
        if (field_bool(L, t, "bottom")) lx.format_set_bottom(f, LXW_BORDER_THIN);
        if (lua_getfield(L, t, "bg") == LUA_TSTRING) {
            lx.format_set_pattern(f, LXW_PATTERN_SOLID);
            lx.format_set_bg_color(f, (lxw_color_t)strtoul(lua_tostring(L, -1), NULL, 16));
        }
        lua_pop(L, 1);
        if (lua_getfield(L, t, "num") == LUA_TSTRING) lx.format_set_num_format(f, lua_tostring(L, -1));
        lua_pop(L, 1);
        if (lua_getfield(L, t, "align") == LUA_TSTRING) {
            const char *a = lua_tostring(L, -1);
            lx.format_set_align(f, strcmp(a, "right") == 0 ? LXW_ALIGN_RIGHT
                                : strcmp(a, "center") == 0 ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
        }
        lua_pop(L, 1);
        if (lua_getfield(L, t, "size") == LUA_TNUMBER) lx.format_set_font_size(f, lua_tonumber(L, -1));
        lua_pop(L, 1);
        if (lua_getfield(L, t, "indent") == LUA_TNUMBER) lx.format_set_indent(f, (uint8_t)lua_tointeger(L, -1));
        lua_pop(L, 1);
        lua_pop(L, 1); /* value */
    }
    lua_pop(L, 1);
}

/* A 0-based row / column number within Excel's sheet (never a silent wrap of -1). */
static lxw_row_t row_at(lua_State *L, int idx) {
    lua_Integer v = luaL_checkinteger(L, idx);
    if (v < 0 || v >= LXW_ROW_MAX) luaL_error(L, "xlsx: row %I out of range 0..%d", v, LXW_ROW_MAX - 1);
    return (lxw_row_t)v;
}

static lxw_col_t col_at(lua_State *L, int idx) {
    lua_Integer v = luaL_checkinteger(L, idx);
    if (v < 0 || v >= LXW_COL_MAX) luaL_error(L, "xlsx: column %I out of range 0..%d", v, LXW_COL_MAX - 1);
    return (lxw_col_t)v;
}

/* Most cells one merge may span: the library writes a cell for each. */
#define MAX_MERGE_CELLS 100000

static lxw_format *fmt_at(lua_State *L, Box *b, int idx) {
    if (lua_isnoneornil(L, idx)) return NULL;
    lua_Integer id = luaL_checkinteger(L, idx);
    if (id < 1 || id >= MAXFMT || !b->fmt[id]) luaL_error(L, "xlsx: unknown format id %d", (int)id);
    return b->fmt[id];
}

static void check(lua_State *L, lxw_error e, const char *what) {
    if (e != LXW_NO_ERROR) luaL_error(L, "xlsx: %s: %s", what, lx.lxw_strerror(e));
}

static void write_sheet(lua_State *L, Box *b, int sh) {
    lua_getfield(L, sh, "name");
    const char *name = luaL_optstring(L, -1, NULL);
    if (name && lx.workbook_validate_sheet_name(b->wb, name) != LXW_NO_ERROR)
        luaL_error(L, "xlsx: invalid or duplicate sheet name \"%s\"", name);
    lxw_worksheet *ws = lx.workbook_add_worksheet(b->wb, name);
    lua_pop(L, 1);
    if (!ws) luaL_error(L, "xlsx: cannot add a worksheet");
    if (lua_getfield(L, sh, "widths") == LUA_TTABLE) {
        int t = lua_gettop(L);
        lua_pushnil(L);
        while (lua_next(L, t)) {
            lxw_col_t col = col_at(L, -2);
            check(L, lx.worksheet_set_column(ws, col, col, luaL_checknumber(L, -1), NULL), "column width");
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    if (lua_getfield(L, sh, "cells") == LUA_TTABLE) {
        int t = lua_gettop(L);
        lua_Integer n = luaL_len(L, t);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_geti(L, t, i);
            int c = lua_gettop(L);
            luaL_checktype(L, c, LUA_TTABLE);
            lua_geti(L, c, 1); lua_geti(L, c, 2); lua_geti(L, c, 3); lua_geti(L, c, 4);
            lxw_row_t row = row_at(L, c + 1);
            lxw_col_t col = col_at(L, c + 2);
            lxw_format *f = fmt_at(L, b, c + 4);
            int vt = lua_type(L, c + 3);
            if (vt == LUA_TNUMBER) {
                check(L, lx.worksheet_write_number(ws, row, col, lua_tonumber(L, c + 3), f), "number");
            } else if (vt == LUA_TSTRING) {
                const char *s = lua_tostring(L, c + 3);
                if (*s) check(L, lx.worksheet_write_string(ws, row, col, s, f), "string");
                else if (f) check(L, lx.worksheet_write_blank(ws, row, col, f), "blank");
            } else if (f) {
                check(L, lx.worksheet_write_blank(ws, row, col, f), "blank");
            }
            lua_settop(L, c - 1);
        }
    }
    lua_pop(L, 1);
    if (lua_getfield(L, sh, "merges") == LUA_TTABLE) {
        int t = lua_gettop(L);
        lua_Integer n = luaL_len(L, t);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_geti(L, t, i);
            int m = lua_gettop(L);
            for (int k = 1; k <= 6; k++) lua_geti(L, m, k);
            lxw_row_t r1 = row_at(L, m + 1), r2 = row_at(L, m + 3);
            lxw_col_t c1 = col_at(L, m + 2), c2 = col_at(L, m + 4);
            double cells = (fabs((double)r2 - r1) + 1) * (fabs((double)c2 - c1) + 1);
            if (cells > MAX_MERGE_CELLS)
                luaL_error(L, "xlsx: a merge of %f cells; at most %d", cells, MAX_MERGE_CELLS);
            check(L, lx.worksheet_merge_range(ws, r1, c1, r2, c2, luaL_optstring(L, m + 5, ""),
                                           fmt_at(L, b, m + 6)),
                  "merge");
            lua_settop(L, m - 1);
        }
    }
    lua_pop(L, 1);
}

static int l_xlsx_write(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    char target[PATH_MAX], tmpdir[PATH_MAX];
    pl_gate_write(L, path, target);
    /* libxlsxwriter's own temporary files go next to the target, not to /tmp: a
     * sandboxed run may write nowhere else */
    snprintf(tmpdir, sizeof tmpdir, "%s", target);
    char *slash = strrchr(tmpdir, '/');
    if (slash == tmpdir) slash[1] = '\0';
    else if (slash) *slash = '\0';
    else snprintf(tmpdir, sizeof tmpdir, ".");
    load_xlsxwriter(L);
    Box *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    luaL_setmetatable(L, BOX);
    lxw_workbook_options wopts;
    memset(&wopts, 0, sizeof wopts);
    wopts.tmpdir = tmpdir;
    b->wb = lx.workbook_new_opt(target, &wopts);
    if (!b->wb) return luaL_error(L, "%s: cannot create the workbook", path);
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    lua_getfield(L, 2, "created");
    /* fixed by default so the same tables give the same bytes; the library formats it
     * with gmtime(), which fails (a NULL it does not check) past the year 9999 */
    lua_Integer created = luaL_optinteger(L, -1, 946684800);
    if (created < 0 || created > 253402300799)
        return luaL_error(L, "xlsx: created must be seconds from 1970 to 9999, got %I", created);
    props.created = (time_t)created;
    lua_pop(L, 1);
    check(L, lx.workbook_set_properties(b->wb, &props), "properties");
    read_formats(L, 2, b);
    if (lua_getfield(L, 2, "sheets") != LUA_TTABLE) return luaL_error(L, "xlsx: book.sheets must be a list");
    int st = lua_gettop(L);
    lua_Integer n = luaL_len(L, st);
    if (n < 1) return luaL_error(L, "xlsx: a workbook needs at least one sheet");
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, st, i);
        luaL_checktype(L, -1, LUA_TTABLE);
        write_sheet(L, b, lua_gettop(L));
        lua_pop(L, 1);
    }
    lxw_workbook *wb = b->wb;
    b->wb = NULL; /* workbook_close frees it, also on error */
    lxw_error e = lx.workbook_close(wb);
    if (e != LXW_NO_ERROR) return luaL_error(L, "%s: %s", path, lx.lxw_strerror(e));
    return 0;
}

static const pl_Func xlsx_funcs[] = {
    {"_xlsx_write", l_xlsx_write, NULL},
    {NULL, NULL, NULL}};

int passend_open_xlsx(lua_State *L) {
    if (luaL_newmetatable(L, BOX)) {
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    pl_register(L, xlsx_funcs);
    return 0;
}
