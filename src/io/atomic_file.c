/* atomic_file.c: replace a file as one step (see atomic_file.h). */
#define _GNU_SOURCE /* mkostemps */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "io/atomic_file.h"

static void setf(char *err, size_t errn, const char *shown, const char *what, int e) {
    if (err && errn) snprintf(err, errn, "%s: %s%s%s", shown, what, e ? ": " : "", e ? strerror(e) : "");
}

/* The extension of the last component (".csv"), or "" */
static const char *extension(const char *path) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return (dot && dot != base) ? dot : "";
}

int atomic_begin(AtomicFile *a, const char *target, const char *shown, char *err, size_t errn) {
    a->target = a->tmp = NULL;
    a->fd = -1;
    const char *ext = extension(target);
    size_t stem = strlen(target) - strlen(ext);
    size_t n = strlen(target) + 16;
    a->target = strdup(target);
    a->tmp = malloc(n);
    if (!a->target || !a->tmp) {
        atomic_abort(a);
        setf(err, errn, shown, "out of memory", 0);
        return -1;
    }
    snprintf(a->tmp, n, "%.*s.tmpXXXXXX%s", (int)stem, target, ext);
    a->fd = mkostemps(a->tmp, (int)strlen(ext), O_CLOEXEC);
    if (a->fd < 0) {
        int e = errno;
        free(a->tmp);
        a->tmp = NULL;
        atomic_abort(a);
        setf(err, errn, shown, "cannot write", e);
        return -1;
    }
    /* mkstemp makes 0600: give the new file the mode of the one it replaces */
    struct stat st;
    mode_t mode;
    if (stat(target, &st) == 0) mode = st.st_mode & 07777;
    else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    (void)fchmod(a->fd, mode);
    return 0;
}

void atomic_close_fd(AtomicFile *a) {
    if (a->fd >= 0) close(a->fd);
    a->fd = -1;
}

static void release(AtomicFile *a) {
    free(a->target);
    free(a->tmp);
    a->target = a->tmp = NULL;
}

int atomic_commit(AtomicFile *a, const char *shown, char *err, size_t errn) {
    int fd = a->fd >= 0 ? a->fd : open(a->tmp, O_RDONLY | O_CLOEXEC);
    int e = 0;
    if (fd < 0 || fsync(fd) != 0) e = errno;
    if (fd >= 0 && close(fd) != 0 && !e) e = errno;
    a->fd = -1;
    if (!e && rename(a->tmp, a->target) != 0) e = errno;
    if (e) {
        unlink(a->tmp);
        release(a);
        setf(err, errn, shown, "write failed", e);
        return -1;
    }
    release(a);
    return 0;
}

void atomic_abort(AtomicFile *a) {
    atomic_close_fd(a);
    if (a->tmp) unlink(a->tmp);
    release(a);
}
