/* pathgate.h: which files a run may read and write, decided in one place.
 *
 * Every passend function that opens, creates, renames or removes a file asks the gate
 * first and then uses the path the gate resolved (never the caller's string again).
 *
 * Unrestricted run (gate NULL or not sandboxed): everything may be read and written; a
 * write to a symbolic link goes to the file the link points to, as editors and cp do.
 *
 * Sandboxed run (passend --sandbox):
 *  - writes only to files directly or indirectly below the output directory (--out),
 *    after `..` and the symbolic links of the directories are resolved; never to a
 *    symbolic link, to something that is not a regular file, or to a file with a second
 *    hard link (writing through it would change the file outside);
 *  - reads only of files named on the command line and of files below the read roots
 *    (the passend library, the script's folder, --out, --allow-read folders); below a
 *    root no hidden component (".ssh", ".config") and no file with a second hard link.
 *
 * Plain C: no Lua here. Strings returned in `err` name the caller's path. */
#ifndef PASSEND_PATHGATE_H
#define PASSEND_PATHGATE_H

#include <limits.h>
#include <stddef.h>

typedef struct PathGate PathGate;

/* Functions below return 0 when allowed and done, -1 for a failure of the system (no
 * such file, no permission: err says which), GATE_REFUSED when the sandbox refuses. */
#define GATE_REFUSED (-2)

/* A sandbox gate writing below out (a directory; NULL: this run may not write at all).
 * Returns NULL with err filled when out is not an existing directory or memory ran out. */
PathGate *gate_new_sandbox(const char *out, char *err, size_t errn);
void gate_free(PathGate *g);

/* Adds a read root: a directory (everything below it) or a single file (named = 1: a file
 * the user named, which may have hard links). Paths that do not exist are skipped. */
int gate_add_root(PathGate *g, const char *path, int named, char *err, size_t errn);

/* The real output directory, or NULL. */
const char *gate_out(const PathGate *g);
/* The i-th read root (a directory) / file named by the user (real paths); NULL past the last. */
const char *gate_root(const PathGate *g, size_t i);
const char *gate_named(const PathGate *g, size_t i);
/* 1 when path p equals dir or lies below it (both real paths, no trailing slash). */
int path_is_within(const char *p, const char *dir);

/* Resolves the file a write to path must replace into resolved (PATH_MAX bytes). */
int gate_write_target(const PathGate *g, const char *path, char *resolved, char *err, size_t errn);

/* Resolves the file a read of path opens into resolved (in the sandbox its real path). */
int gate_read_target(const PathGate *g, const char *path, char *resolved, char *err, size_t errn);

/* open(2) through the gate: a write (O_WRONLY/O_RDWR/O_CREAT) is resolved with
 * gate_write_target and opened without following a last symbolic link and without
 * truncating until the file is checked; a read with gate_read_target. Returns the
 * descriptor (close-on-exec), or -1 / GATE_REFUSED with err filled. */
int gate_open(const PathGate *g, const char *path, int flags, char *err, size_t errn);

/* Removes or renames through the gate (in the sandbox both names are resolved as writes). */
int gate_remove(const PathGate *g, const char *path, char *err, size_t errn);
int gate_rename(const PathGate *g, const char *from, const char *to, char *err, size_t errn);

#endif
