/* pathgate.c: the one check every file access of passend passes (see pathgate.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "io/pathgate.h"

struct PathGate {
    int sandboxed;
    char *out;          /* real path of --out, or NULL: no writes */
    char **roots;       /* real paths of readable directories */
    size_t nroots;
    char **files;       /* real paths of files named by the user */
    size_t nfiles;
};

#define SANDBOX_DOC "see docs/sandbox.md"

static void setf(char *err, size_t errn, const char *fmt, const char *a, const char *b) {
    if (err && errn) snprintf(err, errn, fmt, a, b ? b : "");
}

int path_is_within(const char *p, const char *dir) {
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/') return p[0] == '/';
    return strncmp(p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

PathGate *gate_new_sandbox(const char *out, char *err, size_t errn) {
    PathGate *g = calloc(1, sizeof *g);
    if (!g) { setf(err, errn, "out of memory", NULL, NULL); return NULL; }
    g->sandboxed = 1;
    if (out) {
        char real[PATH_MAX];
        struct stat st;
        if (!realpath(out, real) || stat(real, &st) != 0) {
            setf(err, errn, "--out %s: %s", out, strerror(errno));
            free(g);
            return NULL;
        }
        if (!S_ISDIR(st.st_mode)) {
            setf(err, errn, "--out %s: %s", out, "not a directory");
            free(g);
            return NULL;
        }
        g->out = strdup(real);
        if (!g->out) { free(g); setf(err, errn, "out of memory", NULL, NULL); return NULL; }
    }
    return g;
}

void gate_free(PathGate *g) {
    if (!g) return;
    for (size_t i = 0; i < g->nroots; i++) free(g->roots[i]);
    for (size_t i = 0; i < g->nfiles; i++) free(g->files[i]);
    free(g->roots);
    free(g->files);
    free(g->out);
    free(g);
}

static int push_string(char ***list, size_t *n, const char *s) {
    char **grown = realloc(*list, (*n + 1) * sizeof **list);
    if (!grown) return -1;
    *list = grown;
    if (!(grown[*n] = strdup(s))) return -1;
    (*n)++;
    return 0;
}

int gate_add_root(PathGate *g, const char *path, int named, char *err, size_t errn) {
    char real[PATH_MAX];
    struct stat st;
    if (!path || !realpath(path, real) || stat(real, &st) != 0) return 0; /* nothing to read there */
    int rc = S_ISDIR(st.st_mode) ? push_string(&g->roots, &g->nroots, real)
                                 : push_string(named ? &g->files : &g->roots, named ? &g->nfiles : &g->nroots, real);
    if (rc != 0) setf(err, errn, "out of memory", NULL, NULL);
    return rc;
}

const char *gate_out(const PathGate *g) {
    return g ? g->out : NULL;
}

const char *gate_root(const PathGate *g, size_t i) {
    return g && i < g->nroots ? g->roots[i] : NULL;
}

const char *gate_named(const PathGate *g, size_t i) {
    return g && i < g->nfiles ? g->files[i] : NULL;
}

/* Splits path into its directory and last component. -1 when there is no last component. */
static int split_path(const char *path, char *dir, char *base) {
    size_t len = strlen(path);
    if (len == 0 || len >= PATH_MAX || path[len - 1] == '/') return -1;
    const char *slash = strrchr(path, '/');
    if (!slash) {
        strcpy(dir, ".");
        strcpy(base, path);
    } else {
        size_t dn = (size_t)(slash - path);
        if (dn == 0) strcpy(dir, "/");
        else { memcpy(dir, path, dn); dir[dn] = '\0'; }
        strcpy(base, slash + 1);
    }
    return 0;
}

/* Outside the sandbox a write to a symbolic link goes to the file the link names, also
 * when that file does not exist yet (a dangling link): the chain is followed by hand. */
static int follow_links(const char *path, char *out, char *err, size_t errn) {
    char cur[PATH_MAX];
    if (strlen(path) >= sizeof cur) { setf(err, errn, "%s: %s", path, "file name too long"); return -1; }
    strcpy(cur, path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
            strcpy(out, cur);
            return 0;
        }
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) { setf(err, errn, "%s: %s", path, strerror(errno)); return -1; }
        link[n] = '\0';
        if (link[0] == '/') strcpy(cur, link);
        else {
            char dir[PATH_MAX], base[PATH_MAX], next[PATH_MAX];
            if (split_path(cur, dir, base) != 0 ||
                snprintf(next, sizeof next, "%s/%s", dir, link) >= (int)sizeof next) {
                setf(err, errn, "%s: %s", path, "file name too long");
                return -1;
            }
            strcpy(cur, next);
        }
    }
    setf(err, errn, "%s: %s", path, strerror(ELOOP));
    return -1;
}

static int refuse_write(const PathGate *g, const char *path, const char *why, char *err, size_t errn) {
    char msg[256];
    if (!g->out) snprintf(msg, sizeof msg, "this run has no output directory (--out)");
    else snprintf(msg, sizeof msg, "%s", why);
    setf(err, errn, "sandbox: writing '%s' is not allowed: %s (" SANDBOX_DOC ")", path, msg);
    return GATE_REFUSED;
}

int gate_write_target(const PathGate *g, const char *path, char *resolved, char *err, size_t errn) {
    if (!g || !g->sandboxed) return follow_links(path, resolved, err, errn);
    char dir[PATH_MAX], base[PATH_MAX], rdir[PATH_MAX];
    if (!g->out) return refuse_write(g, path, "", err, errn);
    if (split_path(path, dir, base) != 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return refuse_write(g, path, "not a file name", err, errn);
    if (!realpath(dir, rdir)) {
        setf(err, errn, "%s: %s", path, strerror(errno));
        return -1;
    }
    char why[PATH_MAX + 64];
    snprintf(why, sizeof why, "only files under %s (--out)", g->out);
    if (!path_is_within(rdir, g->out)) return refuse_write(g, path, why, err, errn);
    if (snprintf(resolved, PATH_MAX, "%s/%s", strcmp(rdir, "/") ? rdir : "", base) >= PATH_MAX) {
        setf(err, errn, "%s: %s", path, "file name too long");
        return -1;
    }
    struct stat st;
    if (lstat(resolved, &st) == 0) {
        if (S_ISLNK(st.st_mode)) return refuse_write(g, path, "it is a symbolic link", err, errn);
        if (!S_ISREG(st.st_mode)) return refuse_write(g, path, "it is not a regular file", err, errn);
        if (st.st_nlink > 1) return refuse_write(g, path, "the file has another hard link", err, errn);
    }
    return 0;
}

/* 1 when a component of rel (a path below a root) starts with a dot. */
static int has_hidden_component(const char *rel) {
    for (const char *p = rel; *p; p++)
        if (*p == '.' && (p == rel || p[-1] == '/')) return 1;
    return 0;
}

/* 1 when the real directory dir is a read root, lies below one (without hidden
 * components), or lies below the output directory. */
static int readable_dir(const PathGate *g, const char *dir) {
    if (g->out && path_is_within(dir, g->out)) return 1;
    for (size_t i = 0; i < g->nroots; i++) {
        if (!path_is_within(dir, g->roots[i])) continue;
        const char *rel = dir + strlen(g->roots[i]);
        while (*rel == '/') rel++;
        if (!has_hidden_component(rel)) return 1;
    }
    return 0;
}

int gate_read_target(const PathGate *g, const char *path, char *resolved, char *err, size_t errn) {
    if (!g || !g->sandboxed) {
        if (strlen(path) >= PATH_MAX) { setf(err, errn, "%s: %s", path, "file name too long"); return -1; }
        strcpy(resolved, path);
        return 0;
    }
    if (!realpath(path, resolved)) {
        /* "no such file" only where reading is allowed: elsewhere it would tell the
         * script which files exist outside its folders */
        int e = errno;
        char dir[PATH_MAX], base[PATH_MAX], rdir[PATH_MAX];
        if (split_path(path, dir, base) == 0 && realpath(dir, rdir) && readable_dir(g, rdir)) {
            setf(err, errn, "%s: %s", path, strerror(e));
            return -1;
        }
        setf(err, errn, "sandbox: reading '%s' is not allowed: %s (" SANDBOX_DOC ")", path,
             "outside the files named on the command line and the folders a sandboxed script "
             "may read (--allow-read DIR adds one)");
        return GATE_REFUSED;
    }
    for (size_t i = 0; i < g->nfiles; i++)
        if (strcmp(resolved, g->files[i]) == 0) return 0;
    const char *why = "outside the files named on the command line and the folders a sandboxed "
                      "script may read (--allow-read DIR adds one)";
    int inside = 0;
    for (size_t i = 0; i < g->nroots && !inside; i++) {
        if (!path_is_within(resolved, g->roots[i])) continue;
        const char *rel = resolved + strlen(g->roots[i]);
        while (*rel == '/') rel++;
        if (has_hidden_component(rel)) why = "hidden files and folders are not read in a sandboxed run";
        else inside = 1;
    }
    if (!inside && g->out && path_is_within(resolved, g->out)) inside = 1;
    struct stat st;
    if (inside && stat(resolved, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink > 1) {
        inside = 0;
        why = "the file has another hard link";
    }
    if (inside) return 0;
    setf(err, errn, "sandbox: reading '%s' is not allowed: %s (" SANDBOX_DOC ")", path, why);
    return GATE_REFUSED;
}

static int is_write(int flags) {
    return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_APPEND | O_TRUNC)) != 0;
}

int gate_open(const PathGate *g, const char *path, int flags, char *err, size_t errn) {
    char resolved[PATH_MAX];
    int fd;
    int rc;
    if (!is_write(flags)) {
        if ((rc = gate_read_target(g, path, resolved, err, errn)) != 0) return rc;
        fd = open(resolved, flags | O_CLOEXEC);
        if (fd < 0) setf(err, errn, "%s: %s", path, strerror(errno));
        return fd;
    }
    if ((rc = gate_write_target(g, path, resolved, err, errn)) != 0) return rc;
    if (!g || !g->sandboxed) {
        fd = open(resolved, flags | O_CLOEXEC, 0666);
        if (fd < 0) setf(err, errn, "%s: %s", path, strerror(errno));
        return fd;
    }
    /* In the sandbox: open inside the resolved directory, never through a last symbolic
     * link, and truncate only after the file is known to be ours alone. */
    char dir[PATH_MAX], base[PATH_MAX];
    split_path(resolved, dir, base);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) { setf(err, errn, "%s: %s", path, strerror(errno)); return -1; }
    fd = openat(dfd, base, (flags & ~O_TRUNC) | O_NOFOLLOW | O_CLOEXEC, 0666);
    int saved = errno;
    close(dfd);
    if (fd < 0) {
        if (saved == ELOOP) return refuse_write(g, path, "it is a symbolic link", err, errn);
        setf(err, errn, "%s: %s", path, strerror(saved));
        return -1;
    }
    struct stat st;
    const char *why = NULL;
    if (fstat(fd, &st) != 0) why = strerror(errno);
    else if (!S_ISREG(st.st_mode)) why = "it is not a regular file";
    else if (st.st_nlink > 1) why = "the file has another hard link";
    if (why) {
        close(fd);
        return refuse_write(g, path, why, err, errn);
    }
    if ((flags & O_TRUNC) && ftruncate(fd, 0) != 0) {
        setf(err, errn, "%s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int gate_remove(const PathGate *g, const char *path, char *err, size_t errn) {
    char resolved[PATH_MAX];
    const char *target = path;
    int rc;
    if (g && g->sandboxed) {
        if ((rc = gate_write_target(g, path, resolved, err, errn)) != 0) return rc;
        target = resolved;
    }
    if (remove(target) != 0) { setf(err, errn, "%s: %s", path, strerror(errno)); return -1; }
    return 0;
}

int gate_rename(const PathGate *g, const char *from, const char *to, char *err, size_t errn) {
    char rfrom[PATH_MAX], rto[PATH_MAX];
    const char *a = from, *b = to;
    int rc;
    if (g && g->sandboxed) {
        if ((rc = gate_write_target(g, from, rfrom, err, errn)) != 0) return rc;
        if ((rc = gate_write_target(g, to, rto, err, errn)) != 0) return rc;
        a = rfrom;
        b = rto;
    }
    if (rename(a, b) != 0) { setf(err, errn, "%s: %s", to, strerror(errno)); return -1; }
    return 0;
}
