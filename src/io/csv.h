/* csv.h: reading and writing CSV files (pure C; the Lua glue is lcsv.c). */
#ifndef PASSEND_CSV_H
#define PASSEND_CSV_H

#include <stddef.h>

#include "kernel/dataset.h"

typedef enum { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_LATIN1, CSV_ENC_CP1252 } CsvEncoding;
typedef enum { CSV_TYPE_AUTO, CSV_TYPE_NUMBER, CSV_TYPE_TEXT } CsvType;

typedef struct {
    const char *column;
    CsvType type;
} CsvTypeOverride;

typedef struct {
    const char *column;   /* NULL: every number column */
    const double *codes;
    size_t ncodes;
} CsvMissing;

typedef struct {
    char sep;                  /* 0 = detect among , ; tab | */
    char decimal;              /* 0 = detect; '.' or ',' */
    CsvEncoding encoding;
    int header;                /* 1 = first row holds the names (default) */
    const char *const *na;     /* strings read as missing (unquoted fields only) */
    size_t nna;
    const CsvTypeOverride *types;
    size_t ntypes;
    const CsvMissing *missing;
    size_t nmissing;
    int threads;               /* chunks parsed in parallel; 0 = the CPUs when the file is big */
} CsvReadOptions;

/* Reads path into a new dataset (*out). On failure returns -1 with a message
 * "path:LINE:COL: expected ..., found ..." in err and nothing allocated. */
int csv_read(const char *path, const CsvReadOptions *opt, Dataset **out, char *err, size_t errlen);
/* The same on a buffer of text (name is used in messages). */
int csv_read_buffer(const char *name, const char *data, size_t len, const CsvReadOptions *opt,
                    Dataset **out, char *err, size_t errlen);

typedef struct {
    char sep;            /* default ',' */
    char decimal;        /* default '.' */
    const char *na;      /* text written for missing values, default "" */
    int header;          /* default 1 */
    int crlf;            /* end lines with \r\n */
    int bom;             /* start with a UTF-8 byte order mark */
    int quote_all;       /* quote every text value */
} CsvWriteOptions;

/* Writes d to target (a path the gate resolved) through atomic_file.h; errors name shown. */
int csv_write(const Dataset *d, const char *target, const char *shown, const CsvWriteOptions *opt,
              char *err, size_t errlen);

/* Shortest text that reads back as v exactly ("%.15g" .. "%.17g"), with dec as
 * the decimal mark, never through the C locale. Returns the length written. */
size_t csv_format_number(double v, char dec, char *out, size_t size);
/* Parses a whole field as a number (leading/trailing blanks allowed). *dec is
 * the decimal mark: '.' or ',' or 0 (either; set to the one found). 1 = ok. */
int csv_parse_number(const char *s, size_t n, char *dec, double *out);

#endif
