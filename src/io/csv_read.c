/* csv_read.c: the CSV reader. The file is read into one buffer (converted to
 * UTF-8 when it is Latin-1 / Windows-1252), then parsed straight into the
 * columns: no allocation per field. A number column that meets text turns into a
 * text column; its earlier rows are then read again from the buffer (the start
 * of every row is kept). Errors carry file:line:column. A big body is split at
 * line feeds into chunks parsed on threads and merged in order; a chunk that
 * might not continue the one before exactly (a split inside a quoted field, a
 * different decimal mark) is dropped and the rest parsed sequentially, so the
 * result is always the one-pass result. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"
#include "kernel/mem.h"

/* Windows-1252 0x80..0x9F as Unicode (undefined bytes map to the C1 control). */
static const unsigned short cp1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

typedef struct {
    Column *c;
    int forced;   /* CSV_TYPE_* from the options */
    int borrowed; /* c's values are a slice of a shared array (parallel parse): not c's to free */
    size_t seen;  /* text values added, up to ID_SAMPLE (then the column's kind is decided) */
    int32_t *text_slice; /* parallel parse: where the codes go when this number column turns */
    size_t slice_n;      /* to text (a slice of the whole body's codes, slice_n rows), or NULL */
} ColState;

/* A text column whose first ID_SAMPLE values (of a chunk) are at least ID_PERCENT %
 * distinct is read as ID-like: its levels are deferred (dataset.h: appended without
 * look-up, the repeats removed in one batch at the end). The fuzz build samples far
 * fewer values so that its small inputs take this path too. */
#ifndef CSV_ID_SAMPLE
#define CSV_ID_SAMPLE 4096
#endif
enum { ID_SAMPLE = CSV_ID_SAMPLE, ID_PERCENT = 95 };

typedef struct {
    const char *name;          /* file name for messages */
    const char *buf, *end;     /* UTF-8 text; *end is not read (a mapping may end there) */
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
    size_t release_step;       /* drop parsed pages in steps of this many bytes */
    const char *released;      /* mapped pages before this are dropped already */
    unsigned char stop[256];   /* bytes that end an unquoted field */
} Parser;

/* Drops the mapped pages already parsed from memory: they are clean file pages,
 * so a later look back (a column turning to text) faults them in again. This
 * keeps the peak memory near the size of the columns, not columns + file. */
static void release_parsed(Parser *ps, const char *p) {
    if (!ps->mapped || (size_t)(p - ps->released) < ps->release_step) return;
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

/* The message after the k bytes of prefix already in ps->err; returns -1. */
static int fail_rest(Parser *ps, int k, const char *fmt, va_list ap) {
    if (k >= 0 && (size_t)k < ps->errlen) vsnprintf(ps->err + k, ps->errlen - (size_t)k, fmt, ap);
    return -1;
}

static int fail_at(Parser *ps, const char *at, const char *fmt, ...) {
    size_t line, col;
    position(ps, at, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    fail_rest(ps, snprintf(ps->err, ps->errlen, "%s:%zu:%zu: ", ps->name, line, col), fmt, ap);
    va_end(ap);
    return -1;
}

static int fail(Parser *ps, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fail_rest(ps, snprintf(ps->err, ps->errlen, "%s: ", ps->name), fmt, ap);
    va_end(ap);
    return -1;
}

/* A short, printable quote of a field for messages. */
static void quote_field(const char *f, size_t n, char *out, size_t size) {
    size_t k = 0;
    out[k++] = '"';
    for (size_t i = 0; i < n && k + 6 < size; i++) {
        unsigned char ch = (unsigned char)f[i];
        if (ch == '\n') { out[k++] = '\\'; out[k++] = 'n'; }
        else if (ch == '\r') { out[k++] = '\\'; out[k++] = 'r'; }
        else out[k++] = (char)ch;
        if (i + 1 < n && k + 6 >= size) { memcpy(out + k, "...", 3); k += 3; break; }
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
    if (p < end && *p == '"') {
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

/* Drops cs's column (a borrowed slice is left alone). */
static void col_release(ColState *cs) {
    if (cs->borrowed && cs->c) {
        cs->c->num = NULL;
        cs->c->codes = NULL;
    }
    cs->borrowed = 0;
    col_unref(cs->c);
    cs->c = NULL;
}

/* Column j turns from numbers to text at row nrows: its earlier rows are read
 * again from the buffer, as if the column had been text from the start. */
static int make_text(Parser *ps, ColState *cs, const size_t *rowstart, size_t nrows, size_t j, size_t cap) {
    int slice = cs->text_slice && cap <= cs->slice_n;
    ColState t = { .c = col_new_text(cs->c->name, slice ? 0 : cap), .borrowed = slice };
    if (!t.c) return fail(ps, "out of memory");
    if (slice) {
        free(t.c->codes);
        t.c->codes = cs->text_slice;
        t.c->n = cs->slice_n;
    }
    for (size_t r = 0; r < nrows; r++) {
        Field fd;
        int32_t k = -1;
        if (field_of_row(ps, ps->buf + rowstart[r], j, &fd) != 0) { col_release(&t); return -1; }
        if (!is_na(ps, &fd) && (k = col_level(t.c, fd.f, fd.n)) < 0) { col_release(&t); return fail(ps, "out of memory"); }
        t.c->codes[r] = k;
    }
    col_release(cs);
    cs->c = t.c;
    cs->borrowed = t.borrowed;
    cs->text_slice = NULL;
    return 0;
}

/* --- rows, in chunks ------------------------------------------------------ */

/* The columns the header gives (read-only, shared by every chunk). */
typedef struct {
    char **names;
    const int *forced;   /* CSV_TYPE_* per column */
    size_t ncols;
} Layout;

/* A stretch of the body parsed into its own columns, by the calling thread or a
 * worker. Its rows start in [start, limit); the last one may run past limit.
 * In a parallel parse ("fixed") the row starts and the columns' values are slices
 * of arrays sized for the whole body, at row offset base, cap rows long: the
 * chunks write in place and merging rarely moves anything. */
typedef struct {
    Parser ps;                     /* own copy: scratch, err, dec, released */
    const Layout *lay;
    ColState *cols;
    size_t *rowstart, nrows, cap;  /* rowstart: offsets from ps.buf; room for cap rows */
    size_t base;                   /* row offset of the slices (fixed) */
    int fixed;                     /* slices: stop, do not grow, when cap rows are full */
    const char *start, *limit;
    const char *stop;              /* where the next row would start */
    int rc;                        /* -1: failed, message in ps.err */
    const unsigned char *is_text;  /* columns the sample found text (sample_types), or NULL */
    size_t dec_col;                /* column whose number set ps.dec (SIZE_MAX: none) */
    pthread_t tid;
    int running;
} Chunk;

static size_t count_lf(const char *p, const char *end) {
    size_t n = 0;
    for (; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++) n++;
    return n;
}

/* Grows c to n rows: new number rows are left unset (the parser fills every one),
 * new text rows are missing. */
static int grow_col(Column *c, size_t n) {
    if (c->type == COL_TEXT) return col_resize(c, n);
    double *p = mem_grow(c->num, c->n * sizeof *p, (n ? n : 1) * sizeof *p);
    if (!p) return -1;
    c->num = p;
    c->n = n;
    return 0;
}

/* A number column of n rows. One the sample found text (likely_text) turns to text
 * within its first rows: its array is a plain heap block, whose pages are touched
 * only where written, instead of one with huge pages (a 2 MB page zeroed for a
 * handful of rows). */
static Column *num_col(const char *name, size_t n, int likely_text) {
    if (!likely_text) return col_new_num_raw(name, n);
    Column *c = col_new_num_raw(name, 0);
    if (!c) return NULL;
    free(c->num);
    c->n = n;
    if (!(c->num = malloc((n ? n : 1) * sizeof *c->num))) { col_unref(c); return NULL; }
    return c;
}

/* Own columns and row starts for a chunk parsed alone: at most one row per line
 * feed, plus the last line (more with lone CR line ends: parse_rows grows). */
static int chunk_alloc(Chunk *ch) {
    const Layout *lay = ch->lay;
    ch->cap = count_lf(ch->start, ch->limit) + 1;
    ch->rowstart = mem_alloc(ch->cap * sizeof *ch->rowstart);
    ch->cols = calloc(lay->ncols, sizeof *ch->cols);
    if (!ch->rowstart || !ch->cols) return fail(&ch->ps, "out of memory");
    for (size_t i = 0; i < lay->ncols; i++) {
        ch->cols[i].forced = lay->forced[i];
        ch->cols[i].c = lay->forced[i] == CSV_TYPE_TEXT ? col_new_text(lay->names[i], ch->cap)
                                                       : num_col(lay->names[i], ch->cap, ch->is_text && ch->is_text[i]);
        if (!ch->cols[i].c) return fail(&ch->ps, "out of memory");
    }
    return 0;
}

/* Room for every row from ch->stop to the end of the text (the sequential rest). */
static int chunk_reserve_rest(Chunk *ch) {
    Parser *ps = &ch->ps;
    size_t ncap = ch->nrows + count_lf(ch->stop, ps->end) + 1;
    ch->limit = ps->end;
    if (ncap <= ch->cap) return 0;
    size_t *rs = mem_grow(ch->rowstart, ch->cap * sizeof *rs, ncap * sizeof *rs);
    if (!rs) return fail(ps, "out of memory");
    ch->rowstart = rs;
    for (size_t i = 0; i < ch->lay->ncols; i++)
        if (grow_col(ch->cols[i].c, ncap) != 0) return fail(ps, "out of memory");
    ch->cap = ncap;
    return 0;
}

/* Parses rows from ch->stop while a row starts before ch->limit; blank lines are
 * skipped, but never past the limit. Sets ch->stop and ch->rc. */
static int parse_rows(Chunk *ch) {
    Parser *ps = &ch->ps;
    ColState *cols = ch->cols;
    size_t ncols = ch->lay->ncols, nrows = ch->nrows;
    const char *p = ch->stop, *limit = ch->limit;
    int rc = -1;

    for (;;) {
        while (p < limit && (*p == '\n' || *p == '\r')) p++;
        if (p >= limit) break;
        const char *row = p;
        if (nrows == ch->cap) {
            if (ch->fixed) break;  /* lone CR line ends: the rest goes sequentially */
            /* more rows than line feeds: lone CR line ends. Grow everything. */
            size_t ncap = ch->cap * 2;
            size_t *rs = mem_grow(ch->rowstart, ch->cap * sizeof *rs, ncap * sizeof *rs);
            if (!rs) { fail(ps, "out of memory"); goto done; }
            ch->rowstart = rs;
            for (size_t i = 0; i < ncols; i++)
                if (col_resize(cols[i].c, ncap) != 0) { fail(ps, "out of memory"); goto done; }
            ch->cap = ncap;
        }
        ch->rowstart[nrows] = (size_t)(row - ps->buf);
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
                char dec0 = ps->dec;
                if (ps->na_numeric && is_na(ps, &fd)) {
                    c->num[nrows] = NAN;
                } else if (csv_parse_number(fd.f, fd.n, &ps->dec, &v)) {
                    c->num[nrows] = v;
                    if (!dec0 && ps->dec) ch->dec_col = j;
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
                        int bad = make_text(ps, cs, ch->rowstart, nrows, j, ch->cap) != 0;
                        int32_t k2 = bad ? 0 : col_level(cs->c, keep, fd.n);
                        free(keep);
                        if (bad) goto done;
                        if (k2 < 0) { fail(ps, "out of memory"); goto done; }
                        cs->c->codes[nrows] = k2;
                    }
                }
            } else {
                /* every code is written: a shared slice is not pre-filled */
                int32_t k = -1;
                if (!is_na(ps, &fd)) {
                    if ((k = col_level(c, fd.f, fd.n)) < 0) { fail(ps, "out of memory"); goto done; }
                    if (cs->seen < ID_SAMPLE && ++cs->seen == ID_SAMPLE &&
                        c->nlevels * 100 >= (size_t)ID_SAMPLE * ID_PERCENT && col_levels_defer(c) != 0) {
                        fail(ps, "out of memory");
                        goto done;
                    }
                }
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
    rc = 0;
done:
    ch->nrows = nrows;
    ch->stop = p;
    ch->rc = rc;
    return rc;
}

static void chunk_run(Chunk *ch) {
    if (!ch->cols && chunk_alloc(ch) != 0) ch->rc = -1;
    else parse_rows(ch);
}

static void *chunk_thread(void *arg) {
    chunk_run(arg);
    return NULL;
}

static void chunk_free(Chunk *ch, int own_err) {
    if (ch->cols)
        for (size_t i = 0; i < ch->lay->ncols; i++) col_release(&ch->cols[i]);
    free(ch->cols);
    if (!ch->fixed) free(ch->rowstart);
    free(ch->ps.scratch);
    if (own_err) free(ch->ps.err);
    ch->cols = NULL;
    ch->rowstart = NULL;
    ch->ps.scratch = NULL;
    ch->ps.err = NULL;
}

/* Whether chunk c continues merged state m exactly as the sequential parse would.
 * c started at m's stop (a true row boundary) and m had no error; its decimal mark
 * must agree: c started with the initial mark, so a mark c found must be m's, or
 * m had none and c found it in a column that is numbers in m too (a column that
 * is text in m never parses numbers in the sequential run). */
static int chunk_follows(const Chunk *m, const Chunk *c) {
    if (m->rc != 0 || m->stop != c->start || m->nrows > c->base) return 0;
    char md = m->ps.dec, cd = c->ps.dec;
    if (!cd || md == cd) return 1;
    if (md) return 0;
    return m->cols[c->dec_col].c->type == COL_NUM;
}

/* Appends chunk c's rows to m (whose arrays have room for room rows), column by
 * column, releasing c's columns as it goes. Slices move down only when the rows
 * before c were fewer than c's offset. Text levels are added in c's first-seen
 * order, as the sequential parse would. */
static int merge_chunk(Chunk *m, Chunk *c, size_t room) {
    Parser *ps = &m->ps;
    size_t n0 = m->nrows, n1 = c->nrows, n = n0 + n1;
    if (n1 && m->rowstart + n0 != c->rowstart) memmove(m->rowstart + n0, c->rowstart, n1 * sizeof *m->rowstart);
    for (size_t j = 0; j < m->lay->ncols; j++) {
        ColState *cs = &m->cols[j];
        Column *b = c->cols[j].c;
        if (cs->c->type == COL_NUM && b->type == COL_TEXT && make_text(ps, cs, m->rowstart, n0, j, room) != 0)
            return -1;
        Column *a = cs->c;
        if (a->n < room && grow_col(a, room) != 0) return fail(ps, "out of memory");
        if (a->type == COL_NUM) {
            if (n1 && a->num + n0 != b->num) memmove(a->num + n0, b->num, n1 * sizeof *a->num);
        } else if (b->type == COL_TEXT) {
            int32_t *map = mem_alloc((b->nlevels ? b->nlevels : 1) * sizeof *map);
            if (!map || col_levels_absorb(a, b, map) != 0) {
                free(map);
                return fail(ps, "out of memory");
            }
            /* forward: a shared slice is read at or after where it is written */
            for (size_t r = 0; r < n1; r++) a->codes[n0 + r] = b->codes[r] < 0 ? -1 : map[b->codes[r]];
            free(map);
        } else {
            /* numbers in c, text in m: read c's fields again as text (c's row
             * starts are at n0 in m's now: the slice may have moved) */
            for (size_t r = 0; r < n1; r++) {
                Field fd;
                if (field_of_row(ps, ps->buf + m->rowstart[n0 + r], j, &fd) != 0) return -1;
                int32_t k = -1;
                if (!is_na(ps, &fd) && (k = col_level(a, fd.f, fd.n)) < 0) return fail(ps, "out of memory");
                a->codes[n0 + r] = k;
            }
        }
        col_release(&c->cols[j]);
    }
    m->nrows = n;
    m->stop = c->stop;
    if (!m->ps.dec) m->ps.dec = c->ps.dec;
    return 0;
}

/* Continues m through the stretch of chunk c (whose own parse is dropped), writing
 * at most up to the start of the next chunk's slices. */
static int reparse_stretch(Chunk *m, const Chunk *c) {
    m->cap = c->base + c->cap;
    m->limit = c->limit;
    for (size_t j = 0; j < m->lay->ncols; j++) {
        Column *a = m->cols[j].c;
        if (!m->cols[j].borrowed && a->n < m->cap && grow_col(a, m->cap) != 0) return m->rc = fail(&m->ps, "out of memory");
    }
    return parse_rows(m);
}

/* How many chunks: opts.threads when given (any size), else the online CPUs
 * (at most 8) when the body is big enough to pay. */
static size_t chunk_count(const CsvReadOptions *opt, size_t body) {
    enum { MIN_BODY = 4 << 20, MAX_AUTO = 8, MAX_THREADS = 64 };
    if (opt->threads > 0) return opt->threads > MAX_THREADS ? MAX_THREADS : (size_t)opt->threads;
    if (body < MIN_BODY) return 1;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_AUTO ? MAX_AUTO : (size_t)n;
}

/* Sets up chunk c (k of nch) on the shared arrays: fake columns whose values
 * point into shared[j] at row c->base. A column that is text in the sample but
 * not forced to be starts as numbers in the first chunk, in an array of its own,
 * and takes its text slice when it turns (as it does within the sample's rows). */
static int chunk_borrow(Chunk *c, int first, Column **shared, size_t *rowstart, size_t total) {
    const Layout *lay = c->lay;
    c->fixed = 1;
    c->rowstart = rowstart + c->base;
    c->cols = calloc(lay->ncols, sizeof *c->cols);
    if (!c->cols) return -1;
    for (size_t j = 0; j < lay->ncols; j++) {
        ColState *cs = &c->cols[j];
        cs->forced = lay->forced[j];
        int text = shared[j]->type == COL_TEXT;
        if (text && first && cs->forced != CSV_TYPE_TEXT) {
            if (!(cs->c = num_col(lay->names[j], c->cap, 1))) return -1;
            cs->text_slice = shared[j]->codes;
            cs->slice_n = total;
            continue;
        }
        cs->c = text ? col_new_text(lay->names[j], 0) : col_new_num_raw(lay->names[j], 0);
        if (!cs->c) return -1;
        if (text) { free(cs->c->codes); cs->c->codes = shared[j]->codes + c->base; }
        else { free(cs->c->num); cs->c->num = shared[j]->num + c->base; }
        cs->c->n = total - c->base;
        cs->borrowed = 1;
    }
    return 0;
}

/* Which columns are text after the first rows of the body (those starting in
 * [p, limit), at most SAMPLE_BYTES): parsed as the sequential parse parses them, so
 * such a column is text in every later row. Nothing is marked when they fail. */
static void sample_types(const Parser *base, const Layout *lay, const char *p, const char *limit,
                         unsigned char *is_text) {
    enum { SAMPLE_BYTES = 256 << 10 };
    char err[256];
    Chunk pre;
    memset(&pre, 0, sizeof pre);
    pre.ps = *base;
    pre.ps.scratch = NULL;
    pre.ps.scratch_cap = 0;
    pre.ps.err = err;
    pre.ps.errlen = sizeof err;
    pre.ps.mapped = 0;  /* the pages are read again */
    pre.lay = lay;
    pre.dec_col = SIZE_MAX;
    pre.start = pre.stop = p;
    pre.limit = (size_t)(limit - p) > SAMPLE_BYTES ? p + SAMPLE_BYTES : limit;
    chunk_run(&pre);
    for (size_t j = 0; pre.rc == 0 && j < lay->ncols; j++) is_text[j] = pre.cols[j].c->type == COL_TEXT;
    chunk_free(&pre, 0);
}

/* The parallel parse: chunks split at line feeds, each sized by its line feeds
 * and given its slice of arrays for the whole body; chunk 0 (m) runs here, the
 * others on threads; they are merged in order while each continues the one
 * before exactly; what is left is parsed sequentially. */
static int parse_parallel(const Parser *base, const Layout *lay, const char *p, Chunk *m, size_t nch) {
    const char *end = base->end;
    Chunk *ch = calloc(nch - 1, sizeof *ch);
    Column **shared = calloc(lay->ncols, sizeof *shared);
    size_t *rowstart = NULL, total = 0, k;
    unsigned char *is_text = NULL;
    if (!ch || !shared) { m->rc = fail(&m->ps, "out of memory"); goto out; }
    const char *from = p;
    for (k = 0; k < nch; k++) {
        Chunk *c = k ? &ch[k - 1] : m;
        const char *lim = end;
        if (k + 1 < nch) {
            lim = p + (size_t)(end - p) / nch * (k + 1);
            if (lim < from) lim = from;
            const char *nl = memchr(lim, '\n', (size_t)(end - lim));
            lim = nl ? nl + 1 : end;
        }
        if (k) {
            c->ps = *base;
            c->ps.scratch = NULL;
            c->ps.scratch_cap = 0;
            c->ps.released = from;
            c->ps.err = NULL;
            c->lay = lay;
            c->dec_col = SIZE_MAX;
        }
        c->ps.release_step = base->release_step / nch;  /* as many pages held as in one pass */
        c->start = c->stop = from;
        c->limit = lim;
        c->base = total;
        /* one row per line feed; the line at the end of the text may lack one */
        c->cap = count_lf(from, lim) + (lim == end);
        total += c->cap;
        from = lim;
    }
    rowstart = mem_alloc((total ? total : 1) * sizeof *rowstart);
    is_text = calloc(lay->ncols, 1);
    if (!rowstart || !is_text) { m->rc = fail(&m->ps, "out of memory"); goto out; }
    sample_types(base, lay, p, m->limit, is_text);
    for (size_t j = 0; j < lay->ncols; j++) {
        shared[j] = lay->forced[j] == CSV_TYPE_TEXT || is_text[j] ? col_new_text(lay->names[j], total)
                                                                  : col_new_num_raw(lay->names[j], total);
        if (!shared[j]) { m->rc = fail(&m->ps, "out of memory"); goto out; }
    }
    for (k = 0; k < nch; k++) {
        Chunk *c = k ? &ch[k - 1] : m;
        if (chunk_borrow(c, k == 0, shared, rowstart, total) != 0) { m->rc = fail(&m->ps, "out of memory"); goto out; }
        if (k) {
            c->ps.err = malloc(base->errlen ? base->errlen : 1);
            if (!c->ps.err) { m->rc = fail(&m->ps, "out of memory"); goto out; }
            c->ps.err[0] = '\0';
        }
    }
    /* a chunk whose thread does not start is parsed here, after chunk 0 */
    for (k = 1; k < nch; k++) ch[k - 1].running = pthread_create(&ch[k - 1].tid, NULL, chunk_thread, &ch[k - 1]) == 0;
    chunk_run(m);
    for (k = 1; k < nch; k++) {
        Chunk *c = &ch[k - 1];
        if (c->running) pthread_join(c->tid, NULL);
        else chunk_run(c);
        c->running = 0;
        if (!chunk_follows(m, c)) {
            /* c started inside a row of the sequential run (or found another decimal
             * mark): parse its stretch again here, as m's continuation, into the
             * slices up to the next chunk's; later chunks may still follow. */
            if (m->rc != 0 || reparse_stretch(m, c) != 0) break;
            chunk_free(c, 1);
            continue;
        }
        if (c->rc != 0) {
            snprintf(m->ps.err, m->ps.errlen, "%s", c->ps.err);
            m->rc = -1;
            break;
        }
        if (merge_chunk(m, c, total) != 0) { m->rc = -1; break; }
        chunk_free(c, 1);
    }
out:
    for (k = 1; k < nch && ch; k++) {
        Chunk *c = &ch[k - 1];
        if (c->running) pthread_join(c->tid, NULL);
        chunk_free(c, 1);
    }
    free(ch);
    free(is_text);
    /* m takes over the shared arrays it still points into */
    for (size_t j = 0; shared && j < lay->ncols; j++) {
        ColState *cs = m->cols ? &m->cols[j] : NULL;
        if (cs) cs->text_slice = NULL;
        if (cs && cs->borrowed && shared[j]) {
            if (cs->c->type == COL_NUM) { cs->c->num = shared[j]->num; shared[j]->num = NULL; }
            else { cs->c->codes = shared[j]->codes; shared[j]->codes = NULL; }
            cs->c->n = total;
            cs->borrowed = 0;
        }
        col_unref(shared[j]);
    }
    free(shared);
    if (m->fixed) m->fixed = 0;  /* m->rowstart is rowstart: m owns it now */
    else free(rowstart);
    m->cap = total;
    for (size_t j = 0; m->rc == 0 && m->cols && j < lay->ncols; j++)
        if (m->cols[j].c->n < total && grow_col(m->cols[j].c, total) != 0) m->rc = fail(&m->ps, "out of memory");
    return m->rc;
}

/* Settles the deferred (ID-like) text columns: each removes its repeated levels on its
 * own (col_levels_settle), so with threads they run side by side. */
typedef struct {
    Column **cols;
    size_t n, nrows;
    atomic_size_t next;
    atomic_int failed;
} SettleJob;

static void *settle_worker(void *arg) {
    SettleJob *job = arg;
    for (size_t k; (k = atomic_fetch_add(&job->next, 1)) < job->n;)
        if (col_levels_settle(job->cols[k], job->nrows) != 0) atomic_store(&job->failed, 1);
    return NULL;
}

static int settle_columns(Chunk *m, size_t nthreads) {
    enum { MAXT = 64 };
    size_t ncols = m->lay->ncols, n = 0;
    Column **cols = malloc((ncols ? ncols : 1) * sizeof *cols);
    if (!cols) return fail(&m->ps, "out of memory");
    for (size_t j = 0; j < ncols; j++)
        if (m->cols[j].c->type == COL_TEXT && col_levels_deferred(m->cols[j].c)) cols[n++] = m->cols[j].c;
    SettleJob job = { .cols = cols, .n = n, .nrows = m->nrows };
    atomic_init(&job.next, 0);
    atomic_init(&job.failed, 0);
    pthread_t tid[MAXT];
    size_t started = 0;
    if (nthreads > n) nthreads = n;
    if (nthreads > MAXT) nthreads = MAXT;
    while (started + 1 < nthreads && pthread_create(&tid[started], NULL, settle_worker, &job) == 0) started++;
    settle_worker(&job);
    for (size_t k = 0; k < started; k++) pthread_join(tid[k], NULL);
    free(cols);
    return atomic_load(&job.failed) ? fail(&m->ps, "out of memory") : 0;
}

/* Parses the body [p, end) into m (whose ps.err is the caller's); the result is
 * the sequential parse's for every input, whatever the number of chunks. */
static int parse_body(const Parser *base, const Layout *lay, const char *p, Chunk *m) {
    const char *end = base->end;
    size_t nch = chunk_count(base->opt, (size_t)(end - p));
    m->ps = *base;
    m->ps.scratch = NULL;
    m->ps.scratch_cap = 0;
    m->lay = lay;
    m->dec_col = SIZE_MAX;
    m->start = m->stop = p;
    m->limit = end;
    if (nch > 1) {
        if (parse_parallel(base, lay, p, m, nch) != 0) return -1;
    } else {
        /* a big body: learn the text columns first (their number arrays stay small) */
        unsigned char *is_text = (size_t)(end - p) >= ((size_t)4 << 20) ? calloc(lay->ncols, 1) : NULL;
        if (is_text) sample_types(base, lay, p, end, is_text);
        m->is_text = is_text;
        chunk_run(m);
        m->is_text = NULL;
        free(is_text);
    }
    if (m->rc == 0 && m->stop < end && chunk_reserve_rest(m) == 0) parse_rows(m);
    else if (m->rc == 0 && m->stop < end) m->rc = -1;
    if (m->rc == 0 && settle_columns(m, nch) != 0) m->rc = -1;
    return m->rc;
}

static int parse(Parser *ps, Dataset **out) {
    const CsvReadOptions *opt = ps->opt;
    const char *p = ps->buf;
    int rc = -1;
    size_t ncols = 0;
    int *forced = NULL;
    Chunk rows;
    Dataset *d = NULL;
    memset(&rows, 0, sizeof rows);

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

    forced = malloc(ncols * sizeof *forced);
    if (!forced) { fail(ps, "out of memory"); goto done; }
    for (size_t i = 0; i < ncols; i++) {
        forced[i] = CSV_TYPE_AUTO;
        for (size_t t = 0; t < opt->ntypes; t++)
            if (strcmp(names[i], opt->types[t].column) == 0) forced[i] = opt->types[t].type;
    }
    Layout lay = { names, forced, ncols };
    if (parse_body(ps, &lay, p, &rows) != 0) goto done;
    size_t nrows = rows.nrows;
    ColState *cols = rows.cols;

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
    chunk_free(&rows, 0);
    for (size_t i = 0; i < ncols; i++) free(names[i]);
    free(names);
    free(name_at);
    free(forced);
    return rc;
}

/* One part of the text for scan_text. */
typedef struct {
    const unsigned char *s;
    size_t len, nul, bad;   /* nul, bad: offsets in the part, len when none */
    int utf8;
    pthread_t tid;
    int running;
} ScanPart;

static void scan_part(ScanPart *sp) {
    const unsigned char *z = memchr(sp->s, '\0', sp->len);
    sp->nul = z ? (size_t)(z - sp->s) : sp->len;
    sp->bad = sp->utf8 ? utf8_invalid_at(sp->s, sp->len) : sp->len;
}

static void *scan_thread(void *arg) {
    scan_part(arg);
    return NULL;
}

/* Offsets of the first NUL byte and (when utf8) of the first byte that is not
 * valid UTF-8, len when none; in nparts parts on threads. Parts start at a byte
 * that is no continuation byte, so a part that is valid ends where a character
 * ends and the first invalid byte found part by part is the one-pass answer. */
static void scan_text(const unsigned char *s, size_t len, int utf8, size_t nparts, size_t *nul, size_t *bad) {
    enum { MAXPARTS = 64 };
    ScanPart parts[MAXPARTS];
    if (nparts > MAXPARTS) nparts = MAXPARTS;
    if (nparts < 1) nparts = 1;
    size_t from = 0;
    for (size_t k = 0; k < nparts; k++) {
        size_t to = k + 1 < nparts ? len / nparts * (k + 1) : len;
        if (to < from) to = from;
        while (to < len && (s[to] & 0xC0) == 0x80) to++;
        parts[k] = (ScanPart){ .s = s + from, .len = to - from, .utf8 = utf8 };
        from = to;
    }
    for (size_t k = 1; k < nparts; k++) parts[k].running = pthread_create(&parts[k].tid, NULL, scan_thread, &parts[k]) == 0;
    scan_part(&parts[0]);
    *nul = *bad = len;
    for (size_t k = 0; k < nparts; k++) {
        ScanPart *sp = &parts[k];
        if (k && sp->running) pthread_join(sp->tid, NULL);
        else if (k) scan_part(sp);
        size_t at = (size_t)(sp->s - s);
        if (*nul == len && sp->nul < sp->len) *nul = at + sp->nul;
        if (*bad == len && sp->bad < sp->len) *bad = at + sp->bad;
    }
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
    const unsigned char *u = (const unsigned char *)data;
    size_t nul_at, bad_at;
    scan_text(u, len, opt->encoding == CSV_ENC_AUTO || opt->encoding == CSV_ENC_UTF8, chunk_count(opt, len),
              &nul_at, &bad_at);
    const char *nul = nul_at < len ? data + nul_at : NULL;
    int rc;
    if (opt->encoding == CSV_ENC_LATIN1 || opt->encoding == CSV_ENC_CP1252 ||
        (opt->encoding == CSV_ENC_AUTO && bad_at < len)) {
        size_t n;
        ps.owned = to_utf8(u, len, opt->encoding != CSV_ENC_LATIN1, &n);
        if (!ps.owned) { free(ps.na_len); return fail(&ps, "out of memory"); }
        ps.buf = ps.owned;
        ps.end = ps.owned + n;
    } else {
        ps.buf = data;
        ps.end = data + len;
        ps.mapped = mapped;
        ps.release_step = 64 << 20;
        ps.released = data;
        size_t bad = opt->encoding == CSV_ENC_UTF8 ? bad_at : len;
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
