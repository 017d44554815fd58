/* fuzz_csvpar.c: differential libFuzzer target for the parallel CSV parse. The
 * first byte of the input picks the options (separator, decimal mark, header,
 * encoding auto / latin-1 / utf-8, NA strings, forced types and missing codes); the rest is the file. It is read with
 * threads = 1 and with threads = 3 and 7, and the outcomes must be identical:
 * the same error message, or the same columns (names, types, every value bit for
 * bit, the text levels in the same order, the same codes). Any difference aborts.
 * Built by `make fuzz` as build/fuzz/fuzz_csvpar. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

static void differ(const char *what, size_t col, size_t row) {
    fprintf(stderr, "fuzz_csvpar: sequential and parallel parse differ: %s (column %zu, row %zu)\n", what, col, row);
    abort();
}

static void compare(const Dataset *a, const Dataset *b) {
    if (a->nrows != b->nrows) differ("row count", 0, 0);
    if (a->ncols != b->ncols) differ("column count", 0, 0);
    for (size_t j = 0; j < a->ncols; j++) {
        const Column *x = a->cols[j], *y = b->cols[j];
        if (strcmp(x->name, y->name) != 0) differ("name", j, 0);
        if (x->type != y->type) differ("type", j, 0);
        if (x->n != y->n) differ("length", j, 0);
        if (x->nmissing != y->nmissing ||
            (x->nmissing && memcmp(x->missing, y->missing, x->nmissing * sizeof *x->missing) != 0))
            differ("missing codes", j, 0);
        if (x->type == COL_NUM) {
            for (size_t r = 0; r < x->n; r++)
                if (memcmp(&x->num[r], &y->num[r], sizeof x->num[r]) != 0) differ("number", j, r);
        } else {
            if (x->nlevels != y->nlevels) differ("level count", j, 0);
            for (size_t l = 0; l < x->nlevels; l++)
                if (strcmp(x->levels[l], y->levels[l]) != 0) differ("level order", j, l);
            for (size_t r = 0; r < x->n; r++)
                if (x->codes[r] != y->codes[r]) differ("text code", j, r);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    static const char *const na2[] = { "-", ".", "" };
    static const CsvTypeOverride types[] = { { "V1", CSV_TYPE_TEXT }, { "V2", CSV_TYPE_NUMBER } };
    static const double codes[] = { 8, 9 };
    static const CsvMissing missing[] = { { NULL, codes, 2 } };
    static const char *const dflt_na[] = { "", "NA", "#N/A" };
    unsigned o = data[0];
    CsvReadOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.sep = "\0;,\t"[o & 3];
    opt.decimal = "\0\0,."[(o >> 2) & 3];
    if (opt.decimal == opt.sep) opt.decimal = 0;
    opt.header = !((o >> 4) & 1);
    opt.encoding = !((o >> 5) & 1) ? CSV_ENC_AUTO : (o >> 7) & 1 ? CSV_ENC_UTF8 : CSV_ENC_LATIN1;
    opt.na = (o >> 6) & 1 ? na2 : dflt_na;
    opt.nna = 3;
    if ((o >> 7) & 1) {
        if (!opt.header) { opt.types = types; opt.ntypes = 2; }
        opt.missing = missing;
        opt.nmissing = 1;
    }
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    char err1[512], errn[512];
    Dataset *d1 = NULL;
    opt.threads = 1;
    int rc1 = csv_read_buffer("f.csv", text, len, &opt, &d1, err1, sizeof err1);
    static const int nthreads[] = { 3, 7 };
    for (int t = 0; t < 2; t++) {
        Dataset *dn = NULL;
        opt.threads = nthreads[t];
        int rcn = csv_read_buffer("f.csv", text, len, &opt, &dn, errn, sizeof errn);
        if (rc1 != rcn) {
            fprintf(stderr, "threads 1: %s\nthreads %d: %s\n", rc1 ? err1 : "ok", nthreads[t], rcn ? errn : "ok");
            differ("success", 0, 0);
        }
        if (rc1 != 0 && strcmp(err1, errn) != 0) {
            fprintf(stderr, "threads 1: %s\nthreads %d: %s\n", err1, nthreads[t], errn);
            differ("error message", 0, 0);
        }
        if (rc1 == 0) compare(d1, dn);
        ds_free(dn);
    }
    ds_free(d1);
    return 0;
}
