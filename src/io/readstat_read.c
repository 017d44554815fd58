/* readstat_read.c: SPSS .sav/.zsav/.por, Stata .dta and SAS .sas7bdat into a
 * Dataset through ReadStat's callbacks. Everything is collected into growable
 * per-variable buffers and only turned into a Dataset once the whole file has
 * parsed, so a bad or truncated file never yields half a dataset. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <readstat.h>

#include "io/readstat_io.h"

typedef struct { size_t row; char tag; } TagCell;

typedef struct {
    int seen;                 /* the variable handler has run for it */
    ColType type;
    char *name, *label, *labelset;
    int decimals;
    double miss[32];
    size_t nmiss;
    int has_range;
    double lo, hi;
    double *num;              /* COL_NUM values */
    int32_t *codes;           /* COL_TEXT codes into dict's levels */
    Column *dict;             /* COL_TEXT: level dictionary only */
    size_t cap;
    TagCell *tags;            /* Stata/SAS tagged missing cells (.a ...) */
    size_t ntags, tagcap;
    double tagcode[26];       /* from a passend-missing note: tag -> code */
    unsigned char tagset[26];
} RsVar;

typedef struct {
    double value;
    char tag;                 /* 0, or 'a'..'z' for a tagged missing value */
    char *label;
} RsLabel;

typedef struct {
    char *name;
    RsLabel *items;
    size_t n, cap;
} RsLabelSet;

typedef struct {
    const char *path;
    RsVar *vars;
    size_t nvars, varcap;
    RsLabelSet *sets;
    size_t nsets, setcap;
    size_t nrows;
    long expected_rows;
    char *title;
    char **notes;
    size_t nnotes, notecap;
    int failed;
    char err[768];
    char rsmsg[512];          /* last message from ReadStat's error handler */
} Ctx;

static void fail(Ctx *c, const char *fmt, ...) {
    if (c->failed) return;
    c->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
}

static char *dupstr(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p) memcpy(p, s, n + 1);
    return p;
}

/* Grows *p (elements of size sz) to hold at least need; 0 or -1. */
static int grow(void **p, size_t *cap, size_t need, size_t sz) {
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) nc *= 2;
    void *np = realloc(*p, nc * sz);
    if (!np) return -1;
    *p = np;
    *cap = nc;
    return 0;
}

RsFormat rs_format_of(const char *path) {
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/')) return RS_NONE;
    if (strcasecmp(dot, ".sav") == 0) return RS_SAV;
    if (strcasecmp(dot, ".zsav") == 0) return RS_ZSAV;
    if (strcasecmp(dot, ".por") == 0) return RS_POR;
    if (strcasecmp(dot, ".dta") == 0) return RS_DTA;
    if (strcasecmp(dot, ".sas7bdat") == 0) return RS_SAS7BDAT;
    return RS_NONE;
}

void rs_meta_free(RsMeta *m) {
    if (!m) return;
    free(m->title);
    for (size_t i = 0; i < m->nnotes; i++) free(m->notes[i]);
    free(m->notes);
    memset(m, 0, sizeof *m);
}

/* Display decimals from a format: SPSS "F8.2", Stata "%9.2f", SAS "8.2" -> 2;
 * Stata's general "%9.0g" and anything without decimals -> -1 (automatic). */
static int format_decimals(const char *fmt) {
    if (!fmt || !*fmt) return -1;
    const char *dot = strrchr(fmt, '.');
    if (!dot || dot[1] < '0' || dot[1] > '9') return -1;
    char *end;
    long d = strtol(dot + 1, &end, 10);
    if (fmt[0] == '%' && *end != 'f' && *end != 'F') return -1;
    if (d < 0 || d > 16) return -1;
    return (int)d;
}

static RsVar *var_at(Ctx *c, int index) {
    if (index < 0) return NULL;
    size_t need = (size_t)index + 1;
    if (need > c->varcap) {
        size_t old = c->varcap;
        if (grow((void **)&c->vars, &c->varcap, need, sizeof(RsVar)) != 0) return NULL;
        memset(c->vars + old, 0, (c->varcap - old) * sizeof(RsVar));
    }
    if (need > c->nvars) c->nvars = need;
    return &c->vars[index];
}

static RsLabelSet *labelset(Ctx *c, const char *name, int create) {
    for (size_t i = 0; i < c->nsets; i++)
        if (strcmp(c->sets[i].name, name) == 0) return &c->sets[i];
    if (!create) return NULL;
    if (grow((void **)&c->sets, &c->setcap, c->nsets + 1, sizeof(RsLabelSet)) != 0) return NULL;
    RsLabelSet *s = &c->sets[c->nsets];
    memset(s, 0, sizeof *s);
    if (!(s->name = dupstr(name))) return NULL;
    c->nsets++;
    return s;
}

/* Makes room for rows [0, need) in v, new rows missing. */
static int var_reserve(RsVar *v, size_t need) {
    if (need <= v->cap) return 0;
    size_t old = v->cap, nc = old ? old : 1024;
    while (nc < need) nc *= 2;
    if (v->type == COL_NUM) {
        double *p = realloc(v->num, nc * sizeof *p);
        if (!p) return -1;
        for (size_t i = old; i < nc; i++) p[i] = NAN;
        v->num = p;
    } else {
        int32_t *p = realloc(v->codes, nc * sizeof *p);
        if (!p) return -1;
        for (size_t i = old; i < nc; i++) p[i] = -1;
        v->codes = p;
    }
    v->cap = nc;
    return 0;
}

/* --- ReadStat callbacks -------------------------------------------------- */

static int on_metadata(readstat_metadata_t *m, void *ud) {
    Ctx *c = ud;
    c->expected_rows = readstat_get_row_count(m);
    const char *label = readstat_get_file_label(m);
    if (label && *label && !(c->title = dupstr(label))) { fail(c, "%s: out of memory", c->path); return READSTAT_HANDLER_ABORT; }
    return READSTAT_HANDLER_OK;
}

static int on_note(int index, const char *note, void *ud) {
    Ctx *c = ud;
    (void)index;
    if (!note) return READSTAT_HANDLER_OK;
    if (grow((void **)&c->notes, &c->notecap, c->nnotes + 1, sizeof(char *)) != 0
        || !(c->notes[c->nnotes] = dupstr(note))) {
        fail(c, "%s: out of memory", c->path);
        return READSTAT_HANDLER_ABORT;
    }
    c->nnotes++;
    return READSTAT_HANDLER_OK;
}

static double value_number(readstat_value_t v) {
    switch (readstat_value_type(v)) {
    case READSTAT_TYPE_INT8: return readstat_int8_value(v);
    case READSTAT_TYPE_INT16: return readstat_int16_value(v);
    case READSTAT_TYPE_INT32: return readstat_int32_value(v);
    case READSTAT_TYPE_FLOAT: return readstat_float_value(v);
    case READSTAT_TYPE_DOUBLE: return readstat_double_value(v);
    default: return NAN;
    }
}

static int on_variable(int index, readstat_variable_t *var, const char *val_labels, void *ud) {
    Ctx *c = ud;
    RsVar *v = var_at(c, index);
    if (!v) { fail(c, "%s: out of memory", c->path); return READSTAT_HANDLER_ABORT; }
    const char *name = readstat_variable_get_name(var);
    const char *label = readstat_variable_get_label(var);
    v->seen = 1;
    v->type = readstat_variable_get_type_class(var) == READSTAT_TYPE_CLASS_STRING ? COL_TEXT : COL_NUM;
    v->name = dupstr(name && *name ? name : "V");
    v->label = label && *label ? dupstr(label) : NULL;
    v->labelset = val_labels && *val_labels ? dupstr(val_labels) : NULL;
    v->decimals = v->type == COL_NUM ? format_decimals(readstat_variable_get_format(var)) : -1;
    if (!v->name || (label && *label && !v->label) || (val_labels && *val_labels && !v->labelset)) {
        fail(c, "%s: out of memory", c->path);
        return READSTAT_HANDLER_ABORT;
    }
    if (v->type == COL_TEXT && !(v->dict = col_new_text(v->name, 0))) {
        fail(c, "%s: out of memory", c->path);
        return READSTAT_HANDLER_ABORT;
    }
    /* SPSS user-missing values: ranges where lo == hi are discrete codes. String
     * missing values have no place in a text column and are left out. */
    if (v->type == COL_NUM) {
        int n = readstat_variable_get_missing_ranges_count(var);
        for (int i = 0; i < n; i++) {
            double lo = value_number(readstat_variable_get_missing_range_lo(var, i));
            double hi = value_number(readstat_variable_get_missing_range_hi(var, i));
            if (lo == hi) {
                if (v->nmiss < sizeof v->miss / sizeof v->miss[0]) v->miss[v->nmiss++] = lo;
            } else {
                v->has_range = 1;
                v->lo = lo;
                v->hi = hi;
            }
        }
    }
    size_t want = c->expected_rows > 0 ? (size_t)c->expected_rows : 0;
    if (want > (1u << 20)) want = 1u << 20;  /* the header may lie; grow from here */
    if (want && var_reserve(v, want) != 0) { fail(c, "%s: out of memory", c->path); return READSTAT_HANDLER_ABORT; }
    return READSTAT_HANDLER_OK;
}

static int on_value(int obs, readstat_variable_t *var, readstat_value_t val, void *ud) {
    Ctx *c = ud;
    int index = readstat_variable_get_index(var);
    if (obs < 0 || index < 0 || (size_t)index >= c->nvars || !c->vars[index].seen) {
        fail(c, "%s: damaged file: value for an undeclared variable", c->path);
        return READSTAT_HANDLER_ABORT;
    }
    RsVar *v = &c->vars[index];
    size_t row = (size_t)obs;
    if (var_reserve(v, row + 1) != 0) { fail(c, "%s: out of memory", c->path); return READSTAT_HANDLER_ABORT; }
    if (row + 1 > c->nrows) c->nrows = row + 1;
    if (v->type == COL_NUM) {
        if (readstat_value_is_tagged_missing(val)) {
            char tag = readstat_value_tag(val);
            if (tag >= 'a' && tag <= 'z') {
                if (grow((void **)&v->tags, &v->tagcap, v->ntags + 1, sizeof(TagCell)) != 0) {
                    fail(c, "%s: out of memory", c->path);
                    return READSTAT_HANDLER_ABORT;
                }
                v->tags[v->ntags].row = row;
                v->tags[v->ntags].tag = tag;
                v->ntags++;
            }
            v->num[row] = NAN;
        } else if (readstat_value_is_system_missing(val)) {
            v->num[row] = NAN;
        } else {
            v->num[row] = value_number(val);
        }
    } else {
        const char *s = readstat_string_value(val);
        if (!s || !*s) {
            v->codes[row] = -1;  /* SPSS and Stata store a blank string for missing */
        } else {
            int32_t code = col_level(v->dict, s, strlen(s));
            if (code < 0) { fail(c, "%s: out of memory", c->path); return READSTAT_HANDLER_ABORT; }
            v->codes[row] = code;
        }
    }
    return READSTAT_HANDLER_OK;
}

static int on_value_label(const char *set_name, readstat_value_t val, const char *label, void *ud) {
    Ctx *c = ud;
    if (!set_name || !label) return READSTAT_HANDLER_OK;
    /* Labels on string values cannot be attached to a text column: skip them. */
    if (readstat_value_type_class(val) == READSTAT_TYPE_CLASS_STRING) return READSTAT_HANDLER_OK;
    RsLabelSet *s = labelset(c, set_name, 1);
    if (!s || grow((void **)&s->items, &s->cap, s->n + 1, sizeof(RsLabel)) != 0) {
        fail(c, "%s: out of memory", c->path);
        return READSTAT_HANDLER_ABORT;
    }
    RsLabel *it = &s->items[s->n];
    it->tag = 0;
    it->value = NAN;
    if (readstat_value_is_tagged_missing(val)) it->tag = readstat_value_tag(val);
    else if (readstat_value_is_system_missing(val)) return READSTAT_HANDLER_OK;
    else it->value = value_number(val);
    if (!(it->label = dupstr(label))) { fail(c, "%s: out of memory", c->path); return READSTAT_HANDLER_ABORT; }
    s->n++;
    return READSTAT_HANDLER_OK;
}

static void on_error(const char *msg, void *ud) {
    Ctx *c = ud;
    if (!msg) return;
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    snprintf(c->rsmsg, sizeof c->rsmsg, "%.*s", (int)n, msg);
}

/* --- assembling the Dataset ----------------------------------------------- */

static RsVar *var_named(Ctx *c, const char *name) {
    for (size_t i = 0; i < c->nvars; i++)
        if (c->vars[i].seen && strcmp(c->vars[i].name, name) == 0) return &c->vars[i];
    return NULL;
}

/* Parses the notes passend writes into .dta files to keep user-missing codes:
 * "passend-missing q1 range 90 99 8=a 9=b". Returns 1 when note was one. */
static int apply_missing_note(Ctx *c, const char *note) {
    size_t plen = strlen(RS_MISSING_NOTE);
    if (strncmp(note, RS_MISSING_NOTE, plen) != 0) return 0;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", note + plen);
    char *save = NULL;
    char *name = strtok_r(buf, " ", &save);
    RsVar *v = name ? var_named(c, name) : NULL;
    if (!v || v->type != COL_NUM) return 1;
    char *tok;
    while ((tok = strtok_r(NULL, " ", &save))) {
        if (strcmp(tok, "range") == 0) {
            char *lo = strtok_r(NULL, " ", &save), *hi = strtok_r(NULL, " ", &save);
            if (!lo || !hi) break;
            v->has_range = 1;
            v->lo = strtod(lo, NULL);
            v->hi = strtod(hi, NULL);
            continue;
        }
        char *eq = strchr(tok, '=');
        if (!eq) continue;
        *eq = '\0';
        double code = strtod(tok, NULL);
        char tag = eq[1];
        if (tag >= 'a' && tag <= 'z') {
            v->tagset[tag - 'a'] = 1;
            v->tagcode[tag - 'a'] = code;
        }
        int is_range_value = v->has_range && code >= v->lo && code <= v->hi;
        if (!is_range_value && v->nmiss < sizeof v->miss / sizeof v->miss[0]) v->miss[v->nmiss++] = code;
    }
    return 1;
}

static Column *build_column(Ctx *c, RsVar *v) {
    Column *col = v->type == COL_NUM ? col_new_num(v->name, c->nrows) : col_new_text(v->name, c->nrows);
    if (!col) return NULL;
    if (v->type == COL_NUM) {
        for (size_t i = 0; i < c->nrows; i++) col->num[i] = i < v->cap ? v->num[i] : NAN;
        for (size_t i = 0; i < v->ntags; i++) {
            int t = v->tags[i].tag - 'a';
            if (v->tagset[t] && v->tags[i].row < c->nrows) col->num[v->tags[i].row] = v->tagcode[t];
        }
    } else {
        for (size_t k = 0; k < v->dict->nlevels; k++) {
            const char *s = v->dict->levels[k];
            if (col_level(col, s, strlen(s)) != (int32_t)k) goto oom;
        }
        for (size_t i = 0; i < c->nrows; i++) col->codes[i] = i < v->cap ? v->codes[i] : -1;
    }
    if (v->label && col_set_label(col, v->label) != 0) goto oom;
    col->display_decimals = v->decimals;
    if (v->type == COL_NUM) {
        for (size_t i = 0; i < v->nmiss; i++)
            if (col_add_missing(col, v->miss[i]) != 0) goto oom;
        if (v->has_range && col_set_missing_range(col, v->lo, v->hi) != 0) goto oom;
        RsLabelSet *s = v->labelset ? labelset(c, v->labelset, 0) : NULL;
        for (size_t i = 0; s && i < s->n; i++) {
            RsLabel *it = &s->items[i];
            double value = it->value;
            if (it->tag) {
                int t = it->tag - 'a';
                if (t < 0 || t >= 26 || !v->tagset[t]) continue;
                value = v->tagcode[t];
            }
            if (col_add_value_label(col, value, it->label) != 0) goto oom;
        }
    }
    return col;
oom:
    col_unref(col);
    return NULL;
}

static void ctx_free(Ctx *c) {
    for (size_t i = 0; i < c->nvars; i++) {
        RsVar *v = &c->vars[i];
        free(v->name); free(v->label); free(v->labelset);
        free(v->num); free(v->codes); free(v->tags);
        if (v->dict) col_unref(v->dict);
    }
    free(c->vars);
    for (size_t i = 0; i < c->nsets; i++) {
        for (size_t k = 0; k < c->sets[i].n; k++) free(c->sets[i].items[k].label);
        free(c->sets[i].items);
        free(c->sets[i].name);
    }
    free(c->sets);
    free(c->title);
    for (size_t i = 0; i < c->nnotes; i++) free(c->notes[i]);
    free(c->notes);
}

static const char *format_name(RsFormat f) {
    switch (f) {
    case RS_SAV: case RS_ZSAV: return "SPSS .sav";
    case RS_POR: return "SPSS .por";
    case RS_DTA: return "Stata .dta";
    case RS_SAS7BDAT: return "SAS .sas7bdat";
    default: return "data";
    }
}

/* Stata 13+ files are XML-like and end with "</stata_dta>": ReadStat does not
 * notice when only that closing tag is cut off, so check it here. Older
 * binary .dta files have no such marker and pass. */
static int dta_complete(const char *path) {
    static const char open_tag[] = "<stata_dta>", close_tag[] = "</stata_dta>";
    char head[sizeof open_tag], tail[sizeof close_tag];
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    int ok = 1;
    if (fread(head, 1, sizeof open_tag - 1, f) == sizeof open_tag - 1
        && memcmp(head, open_tag, sizeof open_tag - 1) == 0) {
        ok = fseek(f, -(long)(sizeof close_tag - 1), SEEK_END) == 0
             && fread(tail, 1, sizeof close_tag - 1, f) == sizeof close_tag - 1
             && memcmp(tail, close_tag, sizeof close_tag - 1) == 0;
    }
    fclose(f);
    return ok;
}

Dataset *rs_read(const char *path, const char *encoding, RsMeta *meta, char *err, size_t errsz) {
    RsFormat fmt = rs_format_of(path);
    if (fmt == RS_NONE) {
        snprintf(err, errsz, "%s: not an SPSS, Stata or SAS file (expected .sav, .zsav, .por, .dta or .sas7bdat)", path);
        return NULL;
    }
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return NULL;
    }
    fclose(probe);

    Ctx c;
    memset(&c, 0, sizeof c);
    c.path = path;
    c.expected_rows = -1;
    readstat_parser_t *p = readstat_parser_init();
    if (!p) {
        snprintf(err, errsz, "%s: out of memory", path);
        return NULL;
    }
    readstat_set_metadata_handler(p, on_metadata);
    readstat_set_note_handler(p, on_note);
    readstat_set_variable_handler(p, on_variable);
    readstat_set_value_handler(p, on_value);
    readstat_set_value_label_handler(p, on_value_label);
    readstat_set_error_handler(p, on_error);
    if (encoding && readstat_set_file_character_encoding(p, encoding) != READSTAT_OK) {
        readstat_parser_free(p);
        snprintf(err, errsz, "%s: cannot use encoding \"%s\"", path, encoding);
        return NULL;
    }
    readstat_error_t rc;
    switch (fmt) {
    case RS_SAV: case RS_ZSAV: rc = readstat_parse_sav(p, path, &c); break;
    case RS_POR: rc = readstat_parse_por(p, path, &c); break;
    case RS_DTA: rc = readstat_parse_dta(p, path, &c); break;
    default: rc = readstat_parse_sas7bdat(p, path, &c); break;
    }
    readstat_parser_free(p);

    Dataset *d = NULL;
    if (c.failed) goto done;
    if (rc != READSTAT_OK) {
        const char *what = readstat_error_message(rc);
        const char *lead = "cannot read this";
        if (rc == READSTAT_ERROR_READ || rc == READSTAT_ERROR_SEEK || rc == READSTAT_ERROR_ROW_COUNT_MISMATCH)
            lead = "truncated or damaged";
        else if (rc == READSTAT_ERROR_PARSE)
            lead = "damaged or not a";
        fail(&c, "%s: %s %s file: %s%s%s%s", path, lead, format_name(fmt), what,
             c.rsmsg[0] ? " (" : "", c.rsmsg, c.rsmsg[0] ? ")" : "");
        goto done;
    }
    if (fmt == RS_DTA && !dta_complete(path)) {
        fail(&c, "%s: truncated Stata .dta file: it does not end with </stata_dta>", path);
        goto done;
    }
    if (c.expected_rows >= 0 && c.nrows < (size_t)c.expected_rows && c.nvars > 0) {
        fail(&c, "%s: truncated %s file: the header announces %ld rows, the file holds %zu",
             path, format_name(fmt), c.expected_rows, c.nrows);
        goto done;
    }
    for (size_t i = 0; i < c.nvars; i++)
        if (!c.vars[i].seen) { fail(&c, "%s: damaged file: variable %zu is not declared", path, i + 1); goto done; }
    /* Internal notes first: they restore user-missing codes in .dta files. */
    size_t kept = 0;
    for (size_t i = 0; i < c.nnotes; i++) {
        if (apply_missing_note(&c, c.notes[i])) free(c.notes[i]);
        else c.notes[kept++] = c.notes[i];
    }
    c.nnotes = kept;

    d = ds_new(c.nrows);
    if (!d) { fail(&c, "%s: out of memory", path); goto done; }
    for (size_t i = 0; i < c.nvars; i++) {
        Column *col = build_column(&c, &c.vars[i]);
        if (!col) { fail(&c, "%s: out of memory", path); break; }
        if (ds_find(d, col->name) >= 0) {
            fail(&c, "%s: variable name \"%s\" occurs twice", path, col->name);
            col_unref(col);
            break;
        }
        if (ds_set_col(d, col) != 0) {  /* on success d owns col */
            col_unref(col);
            fail(&c, "%s: out of memory", path);
            break;
        }
    }
    if (c.failed) { ds_free(d); d = NULL; goto done; }
    if (meta) {
        memset(meta, 0, sizeof *meta);
        meta->title = c.title;
        c.title = NULL;
        meta->notes = c.notes;
        meta->nnotes = c.nnotes;
        c.notes = NULL;
        c.nnotes = 0;
    }
done:
    if (!d) snprintf(err, errsz, "%s", c.err);
    ctx_free(&c);
    return d;
}
