/* readstat_write.c: a Dataset to SPSS .sav/.zsav or Stata .dta through ReadStat,
 * with variable labels, value labels and user-missing codes. The file is written
 * to a temporary name next to the target and renamed over it only when ReadStat
 * finished without error, so a failed write leaves the old file untouched.
 *
 * Stata has no user-missing values. passend writes each user-missing code as a
 * Stata extended missing value (.a, .b, ...; labelled as the code was), so Stata
 * leaves them out of its statistics, and records code = tag in a note
 * ("passend-missing q1 8=a 9=b") from which the reader restores the codes. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <readstat.h>

#include "io/atomic_file.h"
#include "io/readstat_io.h"

#define DTA_MAX_STR 2045      /* longer text goes into strL (string refs) */

typedef struct {
    FILE *f;
    int io_failed;
    char msg[256];            /* last message from ReadStat's error handler */
} Sink;

typedef struct {
    readstat_variable_t *var;
    int use_refs;                    /* dta strL column */
    readstat_string_ref_t **refs;    /* per level, for strL */
    readstat_string_ref_t *empty;    /* strL missing: "" (ReadStat wants a ref) */
    double tagcode[26];              /* dta: code written as .a + k */
    int ntags;
} WVar;

static ssize_t sink_write(const void *data, size_t len, void *ud) {
    Sink *s = ud;
    if (len == 0) return 0;  /* a row of a dataset without columns: data is NULL then */
    if (fwrite(data, 1, len, s->f) != len) { s->io_failed = 1; return -1; }
    return (ssize_t)len;
}

static void on_write_error(const char *msg, void *ud) {
    Sink *s = ud;
    if (s) snprintf(s->msg, sizeof s->msg, "%s", msg ? msg : "");
}

static void setf(char *err, size_t errsz, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

/* Length limits in bytes of the formats' label fields (SPSS: variable label 256,
 * value label 120, file label 64; Stata 118: 80 characters of up to 4 bytes).
 * Longer labels are shortened at a character boundary: ReadStat would cut them
 * mid-character. */
#define SAV_VAR_LABEL 256
#define SAV_VALUE_LABEL 120
#define SAV_FILE_LABEL 64
#define DTA_LABEL 320
#define DTA_FILE_LABEL 256    /* ReadStat's own buffer */

/* s cut to at most max bytes without splitting a UTF-8 sequence; buf holds max + 1. */
static const char *utf8_cut(const char *s, size_t max, char *buf) {
    size_t n = strlen(s);
    if (n <= max) return s;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;  /* s[n] starts the dropped part */
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static int is_int(double v) { return v == floor(v) && v >= -2147483647.0 && v <= 2147483647.0; }

static int user_missing(const Column *c, double v) {
    return v == v && col_is_user_missing(c, v);
}

/* Tag index (0..25) of a user-missing value in a dta column, or -1. */
static int tag_of(const WVar *w, double v) {
    for (int k = 0; k < w->ntags; k++)
        if (w->tagcode[k] == v) return k;
    return -1;
}

static int add_tag(WVar *w, double v) {
    if (tag_of(w, v) >= 0) return 0;
    if (w->ntags >= 26) return -1;
    w->tagcode[w->ntags++] = v;
    return 0;
}

/* Sorts the tags by code so that the same data always gives the same file. */
static void sort_tags(WVar *w) {
    for (int i = 1; i < w->ntags; i++)
        for (int j = i; j > 0 && w->tagcode[j - 1] > w->tagcode[j]; j--) {
            double t = w->tagcode[j]; w->tagcode[j] = w->tagcode[j - 1]; w->tagcode[j - 1] = t;
        }
}

/* SPSS print format for a number column: F<w>.<d>. With automatic decimals
 * (-1) the data decide: 0 when every value is whole, else 2. */
static void spss_format(const Column *c, char *buf, size_t size) {
    int d = c->display_decimals;
    double maxabs = 0;
    int whole = 1;
    for (size_t i = 0; i < c->n; i++) {
        double v = c->num[i];
        if (v != v) continue;
        if (fabs(v) > maxabs) maxabs = fabs(v);
        if (v != floor(v)) whole = 0;
    }
    if (d < 0) d = whole ? 0 : 2;
    if (d > 16) d = 16;
    int digits = maxabs >= 1 ? (int)floor(log10(maxabs)) + 1 : 1;
    int w = digits + 1 + (d ? d + 1 : 0);
    if (w < 8) w = 8;
    if (w > 40) w = 40;
    snprintf(buf, size, "F%d.%d", w, d);
}

static void stata_format(const Column *c, char *buf, size_t size) {
    if (c->display_decimals < 0) snprintf(buf, size, "%%9.0g");
    else snprintf(buf, size, "%%9.%df", c->display_decimals > 16 ? 16 : c->display_decimals);
}

static size_t max_level_len(const Column *c) {
    size_t m = 1;
    for (size_t k = 0; k < c->nlevels; k++) {
        size_t n = strlen(c->levels[k]);
        if (n > m) m = n;
    }
    return m;
}

/* Declares one column to the writer. Returns 0 or -1 with err set. */
static int declare(readstat_writer_t *wr, RsFormat fmt, const Column *c, WVar *w, const char *path,
                   char *err, size_t errsz) {
    int dta = fmt == RS_DTA;
    char fbuf[32];
    if (c->type == COL_TEXT) {
        size_t len = max_level_len(c);
        if (dta && len > DTA_MAX_STR) {
            w->use_refs = 1;
            w->var = readstat_add_variable(wr, c->name, READSTAT_TYPE_STRING_REF, 0);
        } else {
            if (!dta && len > 32767) {
                setf(err, errsz, "%s: column \"%s\" holds text of %zu bytes; SPSS allows 32767", path, c->name, len);
                return -1;
            }
            w->var = readstat_add_variable(wr, c->name, READSTAT_TYPE_STRING, len);
        }
        if (!w->var) { setf(err, errsz, "%s: out of memory", path); return -1; }
        snprintf(fbuf, sizeof fbuf, dta ? "%%%zus" : "A%zu", len);
        if (!w->use_refs) readstat_variable_set_format(w->var, fbuf);
        readstat_variable_set_alignment(w->var, READSTAT_ALIGNMENT_LEFT);
        readstat_variable_set_measure(w->var, READSTAT_MEASURE_NOMINAL);
    } else {
        w->var = readstat_add_variable(wr, c->name, READSTAT_TYPE_DOUBLE, 0);
        if (!w->var) { setf(err, errsz, "%s: out of memory", path); return -1; }
        if (dta) stata_format(c, fbuf, sizeof fbuf);
        else spss_format(c, fbuf, sizeof fbuf);
        readstat_variable_set_format(w->var, fbuf);
        readstat_variable_set_alignment(w->var, READSTAT_ALIGNMENT_RIGHT);
        readstat_variable_set_measure(w->var, c->nvlabels ? READSTAT_MEASURE_ORDINAL : READSTAT_MEASURE_SCALE);
    }
    char cut[DTA_LABEL + 1];
    if (c->label) readstat_variable_set_label(w->var, utf8_cut(c->label, dta ? DTA_LABEL : SAV_VAR_LABEL, cut));
    if (c->type != COL_NUM) return 0;

    /* User-missing codes. */
    if (!dta) {
        size_t maxdiscrete = c->has_missing_range ? 1 : 3;
        if (c->nmissing > maxdiscrete) {
            setf(err, errsz, "%s: column \"%s\" has %zu user-missing codes%s; SPSS allows at most %s",
                 path, c->name, c->nmissing, c->has_missing_range ? " and a range" : "",
                 c->has_missing_range ? "one code next to a range" : "3");
            return -1;
        }
        if (c->has_missing_range
            && readstat_variable_add_missing_double_range(w->var, c->missing_lo, c->missing_hi) != READSTAT_OK) {
            setf(err, errsz, "%s: column \"%s\": cannot write its missing range", path, c->name);
            return -1;
        }
        for (size_t i = 0; i < c->nmissing; i++)
            if (readstat_variable_add_missing_double_value(w->var, c->missing[i]) != READSTAT_OK) {
                setf(err, errsz, "%s: column \"%s\": cannot write user-missing code %g", path, c->name, c->missing[i]);
                return -1;
            }
    } else {
        for (size_t i = 0; i < c->nmissing; i++)
            if (add_tag(w, c->missing[i]) != 0) goto too_many;
        for (size_t i = 0; i < c->n; i++)
            if (user_missing(c, c->num[i]) && add_tag(w, c->num[i]) != 0) goto too_many;
        sort_tags(w);
    }

    /* Value labels: one label set per labelled column, named after it. */
    if (c->nvlabels) {
        readstat_label_set_t *set = readstat_add_label_set(wr, dta ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, c->name);
        if (!set) { setf(err, errsz, "%s: out of memory", path); return -1; }
        for (size_t i = 0; i < c->nvlabels; i++) {
            double v = c->vlabels[i].value;
            const char *lab = c->vlabels[i].label ? c->vlabels[i].label : "";
            if (!dta) lab = utf8_cut(lab, SAV_VALUE_LABEL, cut);  /* Stata's 32000 bytes: no cut */
            if (!dta) { readstat_label_double_value(set, v, lab); continue; }
            int t = tag_of(w, v);
            if (t >= 0) readstat_label_tagged_value(set, (char)('a' + t), lab);
            else if (is_int(v)) readstat_label_int32_value(set, (int32_t)v, lab);
            else {
                setf(err, errsz, "%s: column \"%s\": Stata labels whole numbers only, not %g (\"%s\")",
                     path, c->name, v, lab);
                return -1;
            }
        }
        readstat_variable_set_label_set(w->var, set);
    }
    return 0;
too_many:
    setf(err, errsz, "%s: column \"%s\" has more than 26 distinct user-missing values; Stata has .a to .z",
         path, c->name);
    return -1;
}

/* dta note recording the user-missing codes of c (see the header). */
static int missing_note(const Column *c, const WVar *w, char *buf, size_t size) {
    if (!c->nmissing && !c->has_missing_range) return 0;
    size_t n = (size_t)snprintf(buf, size, RS_MISSING_NOTE "%s", c->name);
    if (c->has_missing_range && n < size)
        n += (size_t)snprintf(buf + n, size - n, " range %.17g %.17g", c->missing_lo, c->missing_hi);
    for (int k = 0; k < w->ntags && n < size; k++)
        n += (size_t)snprintf(buf + n, size - n, " %.17g=%c", w->tagcode[k], 'a' + k);
    return n < size;
}

static int write_rows(readstat_writer_t *wr, const Dataset *d, WVar *ws, RsFormat fmt, const char *path,
                      char *err, size_t errsz) {
    readstat_error_t rc = READSTAT_OK;
    for (size_t r = 0; r < d->nrows && rc == READSTAT_OK; r++) {
        rc = readstat_begin_row(wr);
        for (size_t j = 0; j < d->ncols && rc == READSTAT_OK; j++) {
            const Column *c = d->cols[j];
            WVar *w = &ws[j];
            if (c->type == COL_NUM) {
                double v = c->num[r];
                int t;
                if (v != v) rc = readstat_insert_missing_value(wr, w->var);
                else if (fmt == RS_DTA && (t = tag_of(w, v)) >= 0 && user_missing(c, v))
                    rc = readstat_insert_tagged_missing_value(wr, w->var, (char)('a' + t));
                else rc = readstat_insert_double_value(wr, w->var, v);
            } else {
                int32_t code = c->codes[r];
                if (code < 0) rc = w->use_refs ? readstat_insert_string_ref(wr, w->var, w->empty)
                                               : readstat_insert_missing_value(wr, w->var);
                else if (w->use_refs) rc = readstat_insert_string_ref(wr, w->var, w->refs[code]);
                else rc = readstat_insert_string_value(wr, w->var, c->levels[code]);
            }
            if (rc != READSTAT_OK)
                setf(err, errsz, "%s: row %zu, column \"%s\": %s", path, r + 1, c->name, readstat_error_message(rc));
        }
        if (rc == READSTAT_OK) rc = readstat_end_row(wr);
    }
    if (rc != READSTAT_OK && !err[0]) setf(err, errsz, "%s: %s", path, readstat_error_message(rc));
    return rc == READSTAT_OK ? 0 : -1;
}

/* SPSS document lines hold 80 bytes: a longer note becomes several lines, broken at
 * spaces where it can and never inside a UTF-8 character. */
#define SAV_DOC_LINE 80
typedef struct { char **line; size_t n; } Lines;

static void lines_free(Lines *l) {
    for (size_t i = 0; i < l->n; i++) free(l->line[i]);
    free(l->line);
    l->line = NULL;
    l->n = 0;
}

static int lines_push(Lines *l, const char *s, size_t len) {
    char **grown = realloc(l->line, (l->n + 1) * sizeof *grown);
    if (!grown) return -1;
    l->line = grown;
    if (!(grown[l->n] = malloc(len + 1))) return -1;
    memcpy(grown[l->n], s, len);
    grown[l->n][len] = '\0';
    l->n++;
    return 0;
}

static int wrap_lines(const char *s, size_t width, Lines *out) {
    size_t len = strlen(s);
    if (len == 0) return lines_push(out, s, 0);
    while (len > 0) {
        size_t take = len;
        if (take > width) {
            take = width;
            while (take > 0 && ((unsigned char)s[take] & 0xC0) == 0x80) take--;  /* UTF-8 boundary */
            size_t sp = take;
            while (sp > width / 2 && s[sp] != ' ') sp--;
            if (s[sp] == ' ') take = sp;
        }
        if (lines_push(out, s, take) != 0) return -1;
        s += take;
        len -= take;
        while (len > 0 && *s == ' ') { s++; len--; }
    }
    return 0;
}

int rs_write(const Dataset *d, const char *target, const char *path, const RsMeta *meta, char *err, size_t errsz) {
    err[0] = '\0';
    RsFormat fmt = rs_format_of(path);
    if (fmt != RS_SAV && fmt != RS_ZSAV && fmt != RS_DTA) {
        setf(err, errsz, "%s: passend writes SPSS .sav/.zsav and Stata .dta files", path);
        return -1;
    }
    AtomicFile af;
    if (atomic_begin(&af, target, path, err, errsz) != 0) return -1;
    Sink sink = { fdopen(af.fd, "wb"), 0, "" };
    if (!sink.f) {
        setf(err, errsz, "%s: %s", path, strerror(errno));
        atomic_abort(&af);
        return -1;
    }
    af.fd = -1; /* the stream owns the descriptor now */

    readstat_writer_t *wr = readstat_writer_init();
    WVar *ws = calloc(d->ncols ? d->ncols : 1, sizeof *ws);
    int ok = wr && ws;
    if (!ok) setf(err, errsz, "%s: out of memory", path);
    if (ok) {
        readstat_set_data_writer(wr, sink_write);
        readstat_writer_set_error_handler(wr, on_write_error);
        if (fmt == RS_ZSAV) readstat_writer_set_compression(wr, READSTAT_COMPRESS_BINARY);
        else if (fmt == RS_SAV) readstat_writer_set_compression(wr, READSTAT_COMPRESS_ROWS);
        else readstat_writer_set_file_format_version(wr, 118);
        char cut[DTA_LABEL + 1];
        if (meta && meta->title)
            readstat_writer_set_file_label(wr, utf8_cut(meta->title, fmt == RS_DTA ? DTA_FILE_LABEL : SAV_FILE_LABEL, cut));
    }
    for (size_t j = 0; ok && j < d->ncols; j++)
        ok = declare(wr, fmt, d->cols[j], &ws[j], path, err, errsz) == 0;
    /* strL values: one string ref per level. */
    for (size_t j = 0; ok && j < d->ncols; j++) {
        const Column *c = d->cols[j];
        if (!ws[j].use_refs) continue;
        ws[j].refs = calloc(c->nlevels ? c->nlevels : 1, sizeof *ws[j].refs);
        ws[j].empty = readstat_add_string_ref(wr, "");
        if (!ws[j].refs || !ws[j].empty) { setf(err, errsz, "%s: out of memory", path); ok = 0; break; }
        for (size_t k = 0; k < c->nlevels; k++)
            if (!(ws[j].refs[k] = readstat_add_string_ref(wr, c->levels[k]))) {
                setf(err, errsz, "%s: out of memory", path);
                ok = 0;
                break;
            }
    }
    char note[2048];
    Lines doc = { NULL, 0 };  /* notes as SPSS document lines; ReadStat keeps the pointers */
    if (ok && meta)
        for (size_t i = 0; i < meta->nnotes && ok; i++) {
            const char *nt = meta->notes[i];
            if (!nt || strncmp(nt, RS_MISSING_NOTE, strlen(RS_MISSING_NOTE)) == 0) continue;
            if (fmt == RS_DTA) { readstat_add_note(wr, nt); continue; }
            size_t first = doc.n;
            if (wrap_lines(nt, SAV_DOC_LINE, &doc) != 0) {
                setf(err, errsz, "%s: out of memory", path);
                ok = 0;
            }
            for (size_t k = first; ok && k < doc.n; k++) readstat_add_note(wr, doc.line[k]);
        }
    for (size_t j = 0; ok && fmt == RS_DTA && j < d->ncols; j++)
        if (d->cols[j]->type == COL_NUM && missing_note(d->cols[j], &ws[j], note, sizeof note))
            readstat_add_note(wr, note);

    if (ok) {
        readstat_error_t rc = fmt == RS_DTA ? readstat_begin_writing_dta(wr, &sink, (long)d->nrows)
                                            : readstat_begin_writing_sav(wr, &sink, (long)d->nrows);
        for (size_t j = 0; rc == READSTAT_OK && j < d->ncols; j++) {
            rc = readstat_validate_variable(wr, ws[j].var);
            if (rc != READSTAT_OK)
                setf(err, errsz, "%s: column \"%s\" cannot be written to %s: %s", path, d->cols[j]->name,
                     fmt == RS_DTA ? "Stata" : "SPSS", readstat_error_message(rc));
        }
        if (rc == READSTAT_OK) {
            rc = readstat_validate_metadata(wr);
            if (rc != READSTAT_OK) setf(err, errsz, "%s: %s", path, readstat_error_message(rc));
        }
        if (rc != READSTAT_OK) {
            if (!err[0]) setf(err, errsz, "%s: %s", path, readstat_error_message(rc));
            ok = 0;
        }
        if (ok) ok = write_rows(wr, d, ws, fmt, path, err, errsz) == 0;
        if (ok) {
            rc = readstat_end_writing(wr);
            if (rc != READSTAT_OK) {
                setf(err, errsz, "%s: %s%s%s", path, readstat_error_message(rc), sink.msg[0] ? ": " : "", sink.msg);
                ok = 0;
            }
        }
    }
    if (wr) readstat_writer_free(wr);
    lines_free(&doc);
    for (size_t j = 0; ws && j < d->ncols; j++) free(ws[j].refs);
    free(ws);

    if (fflush(sink.f) != 0 || sink.io_failed) {
        if (ok) setf(err, errsz, "%s: write failed: %s", path, strerror(errno));
        ok = 0;
    }
    if (fclose(sink.f) != 0 && ok) {
        setf(err, errsz, "%s: write failed: %s", path, strerror(errno));
        ok = 0;
    }
    if (!ok) {
        atomic_abort(&af);
        return -1;
    }
    return atomic_commit(&af, path, err, errsz);
}
