/* csv_write.c: the CSV writer. Writes through atomic_file.h, so a failed write
 * leaves the old file as it was. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/atomic_file.h"
#include "io/csv.h"

typedef struct {
    FILE *f;
    const CsvWriteOptions *opt;
    const char *eol;
    char *buf;        /* own output buffer: one fwrite per 1 MB */
    size_t len, cap;
} Writer;

static void flush_buf(Writer *w) {
    if (w->len) fwrite(w->buf, 1, w->len, w->f);
    w->len = 0;
}

static void put_bytes(Writer *w, const char *s, size_t n) {
    if (w->len + n > w->cap) {
        flush_buf(w);
        if (n > w->cap) { fwrite(s, 1, n, w->f); return; }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void put_ch(Writer *w, char c) {
    if (w->len == w->cap) flush_buf(w);
    w->buf[w->len++] = c;
}

static void put_str(Writer *w, const char *s) {
    put_bytes(w, s, strlen(s));
}

static int needs_quotes(const char *s, const CsvWriteOptions *opt) {
    size_t n = strlen(s);
    if (opt->quote_all || n == 0) return 1;
    if (s[0] == ' ' || s[n - 1] == ' ' || s[0] == '\t' || s[n - 1] == '\t') return 1;
    /* text that a reader would take for missing: the NA string and read()'s defaults */
    if ((opt->na && strcmp(s, opt->na) == 0) || strcmp(s, "NA") == 0 || strcmp(s, "#N/A") == 0) return 1;
    for (const char *p = s; *p; p++)
        if (*p == opt->sep || *p == '"' || *p == '\n' || *p == '\r') return 1;
    return 0;
}

static void put_text(Writer *w, const char *s) {
    if (!needs_quotes(s, w->opt)) {
        put_str(w, s);
        return;
    }
    put_ch(w, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"') put_ch(w, '"');
        put_ch(w, *p);
    }
    put_ch(w, '"');
}

static void put_number(Writer *w, double v) {
    char buf[64];
    if (v != v) {
        put_str(w, w->opt->na ? w->opt->na : "");
        return;
    }
    size_t n = csv_format_number(v, w->opt->decimal, buf, sizeof buf);
    put_bytes(w, buf, n);
}

static int write_all(Writer *w, const Dataset *d) {
    const CsvWriteOptions *o = w->opt;
    if (o->bom) put_str(w, "\xEF\xBB\xBF");
    if (o->header) {
        for (size_t j = 0; j < d->ncols; j++) {
            if (j) put_ch(w, o->sep);
            put_text(w, d->cols[j]->name);
        }
        put_str(w, w->eol);
    }
    for (size_t i = 0; i < d->nrows; i++) {
        for (size_t j = 0; j < d->ncols; j++) {
            const Column *c = d->cols[j];
            if (j) put_ch(w, o->sep);
            if (c->type == COL_NUM) {
                put_number(w, c->num[i]);
            } else {
                const char *s = col_text(c, i);
                if (s) put_text(w, s);
                else put_str(w, o->na ? o->na : "");
            }
        }
        put_str(w, w->eol);
    }
    flush_buf(w);
    return ferror(w->f) ? -1 : 0;
}

int csv_write(const Dataset *d, const char *target, const char *shown, const CsvWriteOptions *opt,
              char *err, size_t errlen) {
    if (opt->sep == opt->decimal) {
        snprintf(err, errlen, "%s: the separator and the decimal mark are both '%c'", shown, opt->sep);
        return -1;
    }
    AtomicFile af;
    if (atomic_begin(&af, target, shown, err, errlen) != 0) return -1;
    FILE *f = fdopen(af.fd, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", shown, strerror(errno));
        atomic_abort(&af);
        return -1;
    }
    af.fd = -1; /* the stream owns the descriptor now */
    Writer w = { f, opt, opt->crlf ? "\r\n" : "\n", malloc(1 << 20), 0, 1 << 20 };
    int rc = w.buf ? write_all(&w, d) : -1;
    if (!w.buf) errno = ENOMEM;
    if (fflush(f) != 0) rc = -1;
    int saved = errno;
    if (fclose(f) != 0) rc = -1;
    free(w.buf);
    if (rc != 0) {
        snprintf(err, errlen, "%s: write failed: %s", shown, strerror(saved));
        atomic_abort(&af);
        return -1;
    }
    return atomic_commit(&af, shown, err, errlen);
}
