/* csv_write.c: the CSV writer. Writes to a temporary file next to the target,
 * fsyncs it and renames it over the target, so a failed write leaves the old
 * file as it was. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"

typedef struct {
    FILE *f;
    const CsvWriteOptions *opt;
    const char *eol;
} Writer;

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
        fputs(s, w->f);
        return;
    }
    putc('"', w->f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') putc('"', w->f);
        putc(*p, w->f);
    }
    putc('"', w->f);
}

/* Integers are the common case: format them by hand, the rest via csv_format_number. */
static void put_number(Writer *w, double v) {
    char buf[64];
    if (v != v) {
        fputs(w->opt->na ? w->opt->na : "", w->f);
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        long long x = (long long)v;
        char *p = buf + sizeof buf;
        int neg = x < 0;
        unsigned long long u = neg ? (unsigned long long)(-x) : (unsigned long long)x;
        *--p = '\0';
        do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
        if (neg) *--p = '-';
        fputs(p, w->f);
        return;
    }
    csv_format_number(v, w->opt->decimal, buf, sizeof buf);
    fputs(buf, w->f);
}

static int write_all(Writer *w, const Dataset *d) {
    const CsvWriteOptions *o = w->opt;
    if (o->bom) fputs("\xEF\xBB\xBF", w->f);
    if (o->header) {
        for (size_t j = 0; j < d->ncols; j++) {
            if (j) putc(o->sep, w->f);
            put_text(w, d->cols[j]->name);
        }
        fputs(w->eol, w->f);
    }
    for (size_t i = 0; i < d->nrows; i++) {
        for (size_t j = 0; j < d->ncols; j++) {
            const Column *c = d->cols[j];
            if (j) putc(o->sep, w->f);
            if (c->type == COL_NUM) {
                put_number(w, c->num[i]);
            } else {
                const char *s = col_text(c, i);
                if (s) put_text(w, s);
                else fputs(o->na ? o->na : "", w->f);
            }
        }
        fputs(w->eol, w->f);
    }
    return ferror(w->f) ? -1 : 0;
}

int csv_write(const Dataset *d, const char *path, const CsvWriteOptions *opt, char *err, size_t errlen) {
    if (opt->sep == opt->decimal) {
        snprintf(err, errlen, "%s: the separator and the decimal mark are both '%c'", path, opt->sep);
        return -1;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a file there: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    char *vbuf = malloc(1 << 20);
    if (vbuf) setvbuf(f, vbuf, _IOFBF, 1 << 20);
    Writer w = { f, opt, opt->crlf ? "\r\n" : "\n" };
    int rc = write_all(&w, d);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) rc = -1;
    int saved = errno;
    if (fclose(f) != 0) rc = -1;
    free(vbuf);
    if (rc == 0 && rename(tmp, path) != 0) {
        saved = errno;
        rc = -1;
    }
    if (rc != 0) {
        snprintf(err, errlen, "%s: write failed: %s", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}
