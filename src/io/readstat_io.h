/* readstat_io.h: SPSS (.sav/.zsav/.por), Stata (.dta) and SAS (.sas7bdat) files
 * through ReadStat, to and from a Dataset. Plain C, no Lua: errors come back as
 * text in err so the caller can raise them after everything is freed. */
#ifndef PASSEND_READSTAT_IO_H
#define PASSEND_READSTAT_IO_H

#include <stddef.h>
#include "kernel/dataset.h"

typedef enum { RS_NONE = 0, RS_SAV, RS_ZSAV, RS_POR, RS_DTA, RS_SAS7BDAT } RsFormat;

/* Dataset-level metadata that travels with the file: the file label and the
 * notes (SPSS document lines, Stata notes). Strings are owned. */
typedef struct {
    char *title;
    char **notes;
    size_t nnotes;
} RsMeta;

void rs_meta_free(RsMeta *m);

/* The format of path by its extension (case-insensitive), or RS_NONE. */
RsFormat rs_format_of(const char *path);

/* Reads path completely. encoding (an iconv name, or NULL) overrides the file's
 * own, for old Stata files written in the system's code page. Returns a new
 * Dataset (meta filled when non-NULL), or NULL with a message "path: what went
 * wrong" in err; nothing is kept then. */
Dataset *rs_read(const char *path, const char *encoding, RsMeta *meta, char *err, size_t errsz);

/* Writes d to target (a path the gate resolved; the format comes from path, the name
 * the user gave: .sav, .zsav or .dta) through atomic_file.h. Returns 0, or -1 with a
 * message in err naming path (the file is then untouched). meta may be NULL. */
int rs_write(const Dataset *d, const char *target, const char *path, const RsMeta *meta, char *err, size_t errsz);

/* Internal note that records user-missing codes in .dta files, which have no
 * such concept: "passend-missing <var> [range <lo> <hi>] [<code>=<tag>]...". */
#define RS_MISSING_NOTE "passend-missing "

#endif
