/* atomic_file.h: replacing a file as one step. The new content goes to a temporary
 * file next to the target (same directory, so the final rename(2) cannot cross file
 * systems), is synced, and is renamed over the target only when complete: a failed
 * or interrupted write leaves the old file as it was and no temporary behind.
 *
 * The target must be a path the gate resolved (pathgate.h): atomic_begin creates the
 * temporary in the target's directory without following links (O_EXCL). */
#ifndef PASSEND_ATOMIC_FILE_H
#define PASSEND_ATOMIC_FILE_H

#include <stddef.h>

typedef struct {
    char *target;  /* owned copies */
    char *tmp;
    int fd;        /* open on tmp until atomic_commit/atomic_abort, or -1 */
} AtomicFile;

/* Creates the temporary: target's stem + ".tmpXXXXXX" + target's extension, so writers
 * that look at the extension see the right one; mode as the file it replaces (or 0666
 * less the umask). 0, or -1 with err naming shown (the user's name for the file). */
int atomic_begin(AtomicFile *a, const char *target, const char *shown, char *err, size_t errn);

/* Closes the descriptor (a writer that wrote by name may have closed nothing of its own). */
void atomic_close_fd(AtomicFile *a);

/* Syncs and renames the temporary over the target. On failure removes the temporary.
 * Frees the names either way. */
int atomic_commit(AtomicFile *a, const char *shown, char *err, size_t errn);

/* Removes the temporary and frees the names. Safe to call twice. */
void atomic_abort(AtomicFile *a);

#endif
