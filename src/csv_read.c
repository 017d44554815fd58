/* csv_read.c: the CSV reader. The file is read into one buffer (converted to
 * UTF-8 when it is Latin-1 / Windows-1252), then parsed in one pass straight into
 * the columns: no allocation per field. A number column that meets text turns
 * into a text column; its earlier rows are then read again from the buffer (the
 * start of every row is kept). Errors carry file:line:column. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"

/* Windows-1252 0x80..0x9F as Unicode (undefined bytes map to the C1 control). */
static const unsigned short cp1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

typedef struct {
    Column *c;
    int forced;   /* CSV_TYPE_* from the options */
} ColState;

typedef struct {
    const char *name;          /* file name for messages */
    const char *buf, *end;     /* UTF-8 text, NUL at *end */
    char *owned;               /* buffer to free (converted text) */
    char sep, dec;             /* dec 0 = not yet known */
    const CsvReadOptions *opt;
    char *err;
    size_t errlen;
    char *scratch;             /* unescaped quoted fields */
    size_t scratch_cap;
    size_t na_maxlen;
    int na_empty;
    int na_numeric;            /* some NA string reads as a number: check NA first */
    size_t *na_len;
    int mapped;                /* buf is a read-only file mapping (see release_parsed) */
    const char *released;      /* mapped pages before this are dropped already */
    unsigned char stop[256];   /* bytes that end an unquoted field */
} Parser;

/* Drops the mapped pages already parsed from memory: they are clean file pages,
 * so a later look back (a column turning to text) faults them in again. This
 * keeps the peak memory near the size of the columns, not columns + file. */
static void release_parsed(Parser *ps, const char *p) {
    enum { CHUNK = 64 << 20 };
    if (!ps->mapped || p - ps->released < CHUNK) return;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = ((uintptr_t)ps->released + page - 1) / page * page;
    uintptr_t to = (uintptr_t)p / page * page;
    if (to > from) madvise((void *)from, to - from, MADV_DONTNEED);
    ps->released = (const char *)to;
}

/* --- positions and errors ------------------------------------------------- */

static void position(const Parser *ps, const char *at, size_t *line, size_t *col) {
    size_t l = 1;
    const char *ls = ps->buf;
    for (const char *p = ps->buf; p < at; p++)
        if (*p == '\n') { l++; ls = p + 1; }
    size_t c = 1;
    for (const char *p = ls; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) c++;
    *line = l;
    *col = c;
}

static int fail_at(Parser *ps, const char *at, const char *fmt, ...) {
    size_t line, col;
    position(ps, at, &line, &col);
    int k = snprintf(ps->err, ps->errlen, "%s:%zu:%zu: ", ps->name, line, col);
    if (k < 0 || (size_t)k >= ps->errlen) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err + k, ps->errlen - (size_t)k, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail(Parser *ps, const char *fmt, ...) {
    int k = snprintf(ps->err, ps->errlen, "%s: ", ps->name);
    if (k < 0 || (size_t)k >= ps->errlen) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err + k, ps->errlen - (size_t)k, fmt, ap);
    va_end(ap);
    return -1;
}

/* A short, printable quote of a field for messages. */
static void quote_field(const char *f, size_t n, char *out, size_t size) {
    size_t k = 0;
    out[k++] = '"';
    for (size_t i = 0; i < n && k + 5 < size; i++) {
        unsigned char ch = (unsigned char)f[i];
        if (ch == '\n') { out[k++] = '\\'; out[k++] = 'n'; }
        else if (ch == '\r') { out[k++] = '\\'; out[k++] = 'r'; }
        else out[k++] = (char)ch;
        if (i + 1 < n && k + 5 >= size) { memcpy(out + k, "...", 3); k += 3; break; }
    }
    out[k++] = '"';
    out[k] = '\0';
}

/* --- encoding ------------------------------------------------------------- */

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) { i += 8; continue; }
        }
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else return i;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += n + 1;
    }
    return len;
}

/* Converts single-byte text to UTF-8 (cp1252 or Latin-1). */
static char *to_utf8(const unsigned char *s, size_t len, int cp1252, size_t *outlen) {
    size_t extra = 0;
    for (size_t i = 0; i < len; i++) extra += s[i] >= 0x80 ? 2 : 0;
    char *out = malloc(len + extra + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned cp = s[i];
        if (cp < 0x80) { *o++ = (char)cp; continue; }
        if (cp1252 && cp < 0xA0) cp = cp1252_c1[cp - 0x80];
        if (cp < 0x800) {
            *o++ = (char)(0xC0 | (cp >> 6));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (char)(0xE0 | (cp >> 12));
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

/* --- tokenizing ----------------------------------------------------------- */

typedef struct {
    const char *f;   /* field text (into buf or scratch) */
    size_t n;
    int quoted;
    const char *at;  /* where the field starts in buf */
} Field;

enum { END_SEP, END_EOL, END_EOF, END_ERR };

static int grow_scratch(Parser *ps, size_t need) {
    if (need <= ps->scratch_cap) return 0;
    size_t cap = ps->scratch_cap ? ps->scratch_cap : 256;
    while (cap < need) cap *= 2;
    char *p = realloc(ps->scratch, cap);
    if (!p) return -1;
    ps->scratch = p;
    ps->scratch_cap = cap;
    return 0;
}

/* Reads one field at *pp; returns how it ended and moves *pp past the
 * separator or line end. */
static int next_field(Parser *ps, const char **pp, Field *fd) {
    const char *p = *pp, *end = ps->end;
    char sep = ps->sep;
    fd->at = p;
    if (*p == '"') {
        const char *s = ++p;
        int escaped = 0;
        for (;;) {
            const char *q = memchr(p, '"', (size_t)(end - p));
            if (!q) return fail_at(ps, fd->at, "expected a closing quote for the field that starts here, found the end of the file"), END_ERR;
            if (q + 1 < end && q[1] == '"') { escaped = 1; p = q + 2; continue; }
            p = q;
            break;
        }
        if (escaped) {
            if (grow_scratch(ps, (size_t)(p - s) + 1) != 0) return fail(ps, "out of memory"), END_ERR;
            size_t k = 0;
            for (const char *r = s; r < p; r++) {
                ps->scratch[k++] = *r;
                if (*r == '"') r++;
            }
            fd->f = ps->scratch;
            fd->n = k;
        } else {
            fd->f = s;
            fd->n = (size_t)(p - s);
        }
        fd->quoted = 1;
        p++;  /* closing quote */
        while (p < end && *p == ' ') p++;
        if (p < end && *p != sep && *p != '\n' && *p != '\r') {
            char ch[8];
            size_t n = 1;
            while (p + n < end && ((unsigned char)p[n] & 0xC0) == 0x80 && n < 4) n++;
            memcpy(ch, p, n);
            ch[n] = '\0';
            return fail_at(ps, p, "expected a separator or the end of the line after the closing quote, found \"%s\"", ch), END_ERR;
        }
    } else {
        const char *s = p;
        const unsigned char *stop = ps->stop;
        while (p < end && !stop[(unsigned char)*p]) p++;
        fd->f = s;
        fd->n = (size_t)(p - s);
        fd->quoted = 0;
    }
    if (p >= end) { *pp = p; return END_EOF; }
    if (*p == sep) { *pp = p + 1; return END_SEP; }
    if (*p == '\r') p++;
    if (p < end && *p == '\n') p++;
    *pp = p;
    return END_EOL;
}

/* Skips empty lines; returns 0 at the end of the text. */
static int skip_blank(Parser *ps, const char **pp) {
    const char *p = *pp;
    while (p < ps->end && (*p == '\n' || *p == '\r')) p++;
    *pp = p;
    return p < ps->end;
}

/* Field j of the row starting at p (used when a column turns to text). */
static int field_of_row(Parser *ps, const char *p, size_t j, Field *fd) {
    for (size_t k = 0;; k++) {
        int e = next_field(ps, &p, fd);
        if (e == END_ERR) return -1;
        if (k == j) return 0;
        if (e != END_SEP) return -1;
    }
}

static int is_na(const Parser *ps, const Field *fd) {
    if (fd->quoted) return 0;
    if (fd->n == 0) return ps->na_empty;
    if (fd->n > ps->na_maxlen) return 0;
    for (size_t i = 0; i < ps->opt->nna; i++)
        if (ps->na_len[i] == fd->n && memcmp(ps->opt->na[i], fd->f, fd->n) == 0) return 1;
    return 0;
}

/* --- detection ------------------------------------------------------------ */

/* The separator: the candidate found the same, non-zero number of times on most
 * of the first lines (quotes respected); ties go to the one found more often. */
static char detect_sep(const char *buf, const char *end) {
    static const char cands[] = { ',', ';', '\t', '|' };
    enum { MAXLINES = 30 };
    int best = -1;
    size_t best_cons = 0, best_count = 0;
    for (int c = 0; c < 4; c++) {
        size_t counts[MAXLINES];
        size_t nl = 0, cnt = 0, linelen = 0;
        int inq = 0;
        for (const char *p = buf; p <= end && nl < MAXLINES; p++) {
            if (p < end && *p == '"') inq = !inq;
            if (p == end || (!inq && *p == '\n')) {
                if (linelen) counts[nl++] = cnt;
                cnt = linelen = 0;
                continue;
            }
            if (!inq && *p == cands[c]) cnt++;
            if (*p != '\r') linelen++;
        }
        if (!nl || !counts[0]) continue;
        size_t cons = 0;
        for (size_t i = 0; i < nl; i++) cons += counts[i] == counts[0];
        if (best < 0 || cons > best_cons || (cons == best_cons && counts[0] > best_count)) {
            best = c;
            best_cons = cons;
            best_count = counts[0];
        }
    }
    return best < 0 ? ',' : cands[best];
}

/* --- parsing -------------------------------------------------------------- */

/* Column j turns from numbers to text at row nrows: its earlier rows are read
 * again from the buffer, as if the column had been text from the start. */
static int make_text(Parser *ps, ColState *cs, const size_t *rowstart, size_t nrows, size_t j, size_t cap) {
    Column *t = col_new_text(cs->c->name, cap);
    if (!t) return fail(ps, "out of memory");
    for (size_t r = 0; r < nrows; r++) {
        Field fd;
        if (field_of_row(ps, ps->buf + rowstart[r], j, &fd) != 0) { col_unref(t); return -1; }
        if (is_na(ps, &fd)) continue;
        int32_t k = col_level(t, fd.f, fd.n);
        if (k < 0) { col_unref(t); return fail(ps, "out of memory"); }
        t->codes[r] = k;
    }
    col_unref(cs->c);
    cs->c = t;
    return 0;
}

static int parse(Parser *ps, Dataset **out) {
    const CsvReadOptions *opt = ps->opt;
    const char *p = ps->buf;
    int rc = -1;
    ColState *cols = NULL;
    size_t ncols = 0, *rowstart = NULL, nrows = 0, cap = 0;
    Dataset *d = NULL;

    if (!skip_blank(ps, &p)) return fail(ps, "expected a header row, found an empty file");
    ps->sep = opt->sep ? opt->sep : detect_sep(p, ps->end);
    memset(ps->stop, 0, sizeof ps->stop);
    ps->stop[(unsigned char)ps->sep] = ps->stop['\n'] = ps->stop['\r'] = 1;
    ps->dec = opt->decimal ? opt->decimal : ps->sep == ',' ? '.' : 0;
    if (ps->dec == ps->sep) return fail(ps, "the decimal mark and the separator are both '%c'", ps->sep);

    /* header: names, or V1..Vn from the first row's width */
    const char *first = p;
    size_t namecap = 16;
    char **names = calloc(namecap, sizeof *names);
    const char **name_at = calloc(namecap, sizeof *name_at);
    if (!names || !name_at) { free(names); free(name_at); return fail(ps, "out of memory"); }
    for (;;) {
        Field fd;
        int e = next_field(ps, &p, &fd);
        if (e == END_ERR) goto done;
        if (ncols == namecap) {
            namecap *= 2;
            char **nn = realloc(names, namecap * sizeof *nn);
            if (nn) names = nn;
            const char **na = nn ? realloc(name_at, namecap * sizeof *na) : NULL;
            if (!nn || !na) { fail(ps, "out of memory"); goto done; }
            name_at = na;
        }
        char buf[32];
        const char *s = fd.f;
        size_t n = fd.n;
        if (opt->header) {
            while (n && *s == ' ') { s++; n--; }
            while (n && s[n - 1] == ' ') n--;
        }
        if (!opt->header || n == 0) {
            snprintf(buf, sizeof buf, "V%zu", ncols + 1);
            s = buf;
            n = strlen(buf);
        }
        names[ncols] = malloc(n + 1);
        if (!names[ncols]) { fail(ps, "out of memory"); goto done; }
        memcpy(names[ncols], s, n);
        names[ncols][n] = '\0';
        name_at[ncols++] = fd.at;
        if (e != END_SEP) break;
    }
    for (size_t i = 0; i < ncols; i++)
        for (size_t k = 0; k < i; k++)
            if (strcmp(names[i], names[k]) == 0) {
                fail_at(ps, name_at[i], "expected unique column names, found \"%s\" twice", names[i]);
                goto done;
            }
    for (size_t t = 0; t < opt->ntypes; t++) {
        size_t i = 0;
        while (i < ncols && strcmp(names[i], opt->types[t].column) != 0) i++;
        if (i == ncols) { fail(ps, "types: no column \"%s\" in the file", opt->types[t].column); goto done; }
    }
    for (size_t m = 0; m < opt->nmissing; m++) {
        if (!opt->missing[m].column) continue;
        size_t i = 0;
        while (i < ncols && strcmp(names[i], opt->missing[m].column) != 0) i++;
        if (i == ncols) { fail(ps, "missing: no column \"%s\" in the file", opt->missing[m].column); goto done; }
    }
    if (!opt->header) p = first;

    /* rows: at most one per line */
    cap = 1;
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(ps->end - q))); q++) cap++;
    rowstart = malloc(cap * sizeof *rowstart);
    cols = calloc(ncols, sizeof *cols);
    if (!rowstart || !cols) { fail(ps, "out of memory"); goto done; }
    for (size_t i = 0; i < ncols; i++) {
        cols[i].forced = CSV_TYPE_AUTO;
        for (size_t t = 0; t < opt->ntypes; t++)
            if (strcmp(names[i], opt->types[t].column) == 0) cols[i].forced = opt->types[t].type;
        cols[i].c = cols[i].forced == CSV_TYPE_TEXT ? col_new_text(names[i], cap) : col_new_num_raw(names[i], cap);
        if (!cols[i].c) { fail(ps, "out of memory"); goto done; }
    }

    while (skip_blank(ps, &p)) {
        const char *row = p;
        if (nrows == cap) {
            /* more rows than line feeds: lone CR line ends. Grow everything. */
            size_t ncap = cap * 2;
            size_t *rs = realloc(rowstart, ncap * sizeof *rs);
            if (!rs) { fail(ps, "out of memory"); goto done; }
            rowstart = rs;
            for (size_t i = 0; i < ncols; i++)
                if (col_resize(cols[i].c, ncap) != 0) { fail(ps, "out of memory"); goto done; }
            cap = ncap;
        }
        rowstart[nrows] = (size_t)(row - ps->buf);
        size_t j = 0;
        int e;
        do {
            Field fd;
            e = next_field(ps, &p, &fd);
            if (e == END_ERR) goto done;
            if (j >= ncols) {
                size_t found = j + 1;
                for (const char *q = p; e == END_SEP; found++) {
                    Field x;
                    e = next_field(ps, &q, &x);
                    if (e == END_ERR) goto done;
                }
                fail_at(ps, fd.at, "expected %zu fields as in the header, found %zu", ncols, found);
                goto done;
            }
            ColState *cs = &cols[j];
            Column *c = cs->c;
            if (c->type == COL_NUM) {
                double v;
                if (ps->na_numeric && is_na(ps, &fd)) {
                    c->num[nrows] = NAN;
                } else if (csv_parse_number(fd.f, fd.n, &ps->dec, &v)) {
                    c->num[nrows] = v;
                } else if (is_na(ps, &fd)) {
                    c->num[nrows] = NAN;
                } else {
                    /* blanks only: missing in a number column (quoted or not) */
                    size_t k = 0;
                    while (k < fd.n && (fd.f[k] == ' ' || fd.f[k] == '\t')) k++;
                    if (k == fd.n) {
                        c->num[nrows] = NAN;
                    } else if (cs->forced == CSV_TYPE_NUMBER) {
                        char q[64];
                        quote_field(fd.f, fd.n, q, sizeof q);
                        fail_at(ps, fd.at, "expected a number in column \"%s\", found %s", c->name, q);
                        goto done;
                    } else {
                        /* fd may point into scratch, which make_text reuses: keep a copy */
                        char *keep = malloc(fd.n + 1);
                        if (!keep) { fail(ps, "out of memory"); goto done; }
                        memcpy(keep, fd.f, fd.n);
                        int bad = make_text(ps, cs, rowstart, nrows, j, cap) != 0;
                        int32_t k2 = bad ? 0 : col_level(cs->c, keep, fd.n);
                        free(keep);
                        if (bad) goto done;
                        if (k2 < 0) { fail(ps, "out of memory"); goto done; }
                        cs->c->codes[nrows] = k2;
                    }
                }
            } else if (!is_na(ps, &fd)) {
                int32_t k = col_level(c, fd.f, fd.n);
                if (k < 0) { fail(ps, "out of memory"); goto done; }
                c->codes[nrows] = k;
            }
            j++;
        } while (e == END_SEP);
        if (j < ncols) {
            const char *at = p;
            while (at > row && (at[-1] == '\n' || at[-1] == '\r')) at--;
            fail_at(ps, at, "expected %zu fields as in the header, found %zu", ncols, j);
            goto done;
        }
        nrows++;
        release_parsed(ps, row);
    }

    d = ds_new(nrows);
    if (!d) { fail(ps, "out of memory"); goto done; }
    for (size_t i = 0; i < ncols; i++) {
        Column *c = cols[i].c;
        if (col_resize(c, nrows) != 0) { fail(ps, "out of memory"); goto done; }
        for (size_t m = 0; m < opt->nmissing; m++) {
            const CsvMissing *ms = &opt->missing[m];
            if (ms->column && strcmp(ms->column, c->name) != 0) continue;
            if (c->type != COL_NUM) {
                if (!ms->column) continue;
                fail(ps, "missing: column \"%s\" is text, missing codes need numbers", c->name);
                goto done;
            }
            for (size_t k = 0; k < ms->ncodes; k++)
                if (col_add_missing(c, ms->codes[k]) != 0) { fail(ps, "out of memory"); goto done; }
        }
        if (ds_set_col(d, c) != 0) { fail(ps, "out of memory"); goto done; }
        cols[i].c = NULL;
    }
    *out = d;
    d = NULL;
    rc = 0;
done:
    ds_free(d);
    for (size_t i = 0; i < ncols; i++) {
        free(names[i]);
        if (cols) col_unref(cols[i].c);
    }
    free(names);
    free(name_at);
    free(cols);
    free(rowstart);
    return rc;
}

static int read_buffer(const char *name, const char *data, size_t len, int mapped, const CsvReadOptions *opt,
                       Dataset **out, char *err, size_t errlen) {
    Parser ps;
    memset(&ps, 0, sizeof ps);
    ps.name = name;
    ps.opt = opt;
    ps.err = err;
    ps.errlen = errlen;
    ps.na_len = malloc((opt->nna ? opt->nna : 1) * sizeof *ps.na_len);
    if (!ps.na_len) return fail(&ps, "out of memory");
    for (size_t i = 0; i < opt->nna; i++) {
        size_t n = strlen(opt->na[i]);
        char dec = 0;
        double v;
        ps.na_len[i] = n;
        if (n == 0) ps.na_empty = 1;
        if (n > ps.na_maxlen) ps.na_maxlen = n;
        if (csv_parse_number(opt->na[i], n, &dec, &v)) ps.na_numeric = 1;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { data += 3; len -= 3; }
    const char *nul = memchr(data, '\0', len);
    const unsigned char *u = (const unsigned char *)data;
    int rc;
    if (opt->encoding == CSV_ENC_LATIN1 || opt->encoding == CSV_ENC_CP1252 ||
        (opt->encoding == CSV_ENC_AUTO && utf8_invalid_at(u, len) < len)) {
        size_t n;
        ps.owned = to_utf8(u, len, opt->encoding != CSV_ENC_LATIN1, &n);
        if (!ps.owned) { free(ps.na_len); return fail(&ps, "out of memory"); }
        ps.buf = ps.owned;
        ps.end = ps.owned + n;
    } else {
        ps.buf = data;
        ps.end = data + len;
        ps.mapped = mapped;
        ps.released = data;
        size_t bad = opt->encoding == CSV_ENC_UTF8 ? utf8_invalid_at(u, len) : len;
        if (bad < len) {
            free(ps.na_len);
            return fail_at(&ps, data + bad, "expected UTF-8 text (encoding = \"utf-8\"), found byte 0x%02X", u[bad]);
        }
    }
    if (nul) {
        const char *at = ps.owned ? memchr(ps.buf, '\0', (size_t)(ps.end - ps.buf)) : nul;
        rc = fail_at(&ps, at ? at : ps.buf, "expected text, found a NUL byte (is this a CSV file?)");
    } else {
        rc = parse(&ps, out);
    }
    free(ps.owned);
    free(ps.scratch);
    free(ps.na_len);
    return rc;
}

int csv_read_buffer(const char *name, const char *data, size_t len, const CsvReadOptions *opt,
                    Dataset **out, char *err, size_t errlen) {
    return read_buffer(name, data, len, 0, opt, out, err, errlen);
}

int csv_read(const char *path, const CsvReadOptions *opt, Dataset **out, char *err, size_t errlen) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        close(fd);
        return -1;
    }
    size_t len = (size_t)st.st_size;
    if (len == 0) {
        close(fd);
        return csv_read_buffer(path, "", 0, opt, out, err, errlen);
    }
    /* mapped read-only; the parser never reads past len */
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, errlen, "%s: cannot map: %s", path, strerror(errno));
        return -1;
    }
    madvise(map, len, MADV_SEQUENTIAL);
    int rc = read_buffer(path, map, len, 1, opt, out, err, errlen);
    munmap(map, len);
    return rc;
}
