/* sandbox_run.c: turns a run into a sandboxed one (passend --sandbox), after passend's
 * library is loaded and before any user code: the path gate with its read roots, the
 * kernel's layers (sandbox_kernel.h), then the allow-listed Lua environment
 * (lua/passend/sandbox.lua). docs/sandbox.md says what a sandboxed script may do. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lua.h>
#include <lauxlib.h>

#include "lua/lgate.h"
#include "shell/sandbox_kernel.h"
#include "shell/shell.h"

/* The folder of path (a file), as a real path, into out; 0 when it has none. */
static int folder_of(const char *path, char *out) {
    char real[PATH_MAX];
    if (!realpath(path, real)) return 0;
    char *slash = strrchr(real, '/');
    if (!slash) return 0;
    if (slash == real) slash[1] = '\0';
    else *slash = '\0';
    strcpy(out, real);
    return 1;
}

/* The real path of the folder path names its file in (the file need not exist). */
static int real_folder_of(const char *path, char *out) {
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    return realpath(dir, out) != NULL;
}

static const char *registry_string(lua_State *L, const char *key, char *buf, size_t n) {
    lua_getfield(L, LUA_REGISTRYINDEX, key);
    const char *s = lua_tostring(L, -1);
    if (s) snprintf(buf, n, "%s", s);
    lua_pop(L, 1);
    return s ? buf : NULL;
}

/* Adds each ';'-separated folder of an environment variable as a read root. */
static int add_env_roots(PathGate *g, const char *var, char *err, size_t errn) {
    const char *v = getenv(var);
    if (!v) return 0;
    char buf[PATH_MAX];
    while (*v) {
        const char *e = strchr(v, ';');
        size_t len = e ? (size_t)(e - v) : strlen(v);
        if (len > 0 && len < sizeof buf) {
            memcpy(buf, v, len);
            buf[len] = '\0';
            if (gate_add_root(g, buf, 0, err, errn) != 0) return -1;
        }
        v += len + (e ? 1 : 0);
    }
    return 0;
}

/* Library folders the script must not be able to write into: their files (and the
 * compiled cache) are loaded as trusted code. */
static int overlaps_library(const char *out, const char *const *libs, char *err, size_t errn) {
    for (size_t i = 0; libs[i]; i++) {
        if (!*libs[i]) continue;
        if (path_is_within(libs[i], out) || path_is_within(out, libs[i])) {
            snprintf(err, errn, "--out %s overlaps passend's own library (%s): give the sandbox a folder of its own",
                     out, libs[i]);
            return 1;
        }
    }
    return 0;
}

static PathGate *build_gate(lua_State *L, const SandboxRequest *rq, char *err, size_t errn) {
    PathGate *g = gate_new_sandbox(rq->out, err, errn);
    if (!g) return NULL;
    char luadir[PATH_MAX] = "", examples[PATH_MAX] = "", cache[PATH_MAX] = "", real[PATH_MAX];
    const char *ld = pl_luadir(L);
    if (ld) snprintf(luadir, sizeof luadir, "%s", ld);
    if (!(ld && snprintf(real, sizeof real, "%s/../examples", ld) < (int)sizeof real && realpath(real, examples)))
        examples[0] = '\0';
    registry_string(L, "passend.luacache", cache, sizeof cache);
    const char *libs[] = { luadir, examples, cache, NULL };
    if (gate_out(g) && overlaps_library(gate_out(g), libs, err, errn)) goto fail;
    if (rq->db) {
        char dbdir[PATH_MAX];
        if (!gate_out(g) || !real_folder_of(rq->db, dbdir) || !path_is_within(dbdir, gate_out(g))) {
            snprintf(err, errn, "--db %s: a sandboxed run keeps its database under --out", rq->db);
            goto fail;
        }
    }
    for (size_t i = 0; libs[i]; i++)
        if (*libs[i] && gate_add_root(g, libs[i], 0, err, errn) != 0) goto fail;
    if (add_env_roots(g, "PASSEND_PATH", err, errn) != 0 || add_env_roots(g, "PASSEND_LESSONS", err, errn) != 0)
        goto fail;
    /* the script, its folder (its own modules and data) and everything named after it */
    if (rq->script && strcmp(rq->script, "-") != 0) {
        char dir[PATH_MAX];
        if (gate_add_root(g, rq->script, 1, err, errn) != 0) goto fail;
        if (folder_of(rq->script, dir) && gate_add_root(g, dir, 0, err, errn) != 0) goto fail;
    }
    for (int i = 0; i < rq->nargs; i++)
        if (gate_add_root(g, rq->args[i], 1, err, errn) != 0) goto fail;
    for (int i = 0; i < rq->nallow; i++)
        if (gate_add_root(g, rq->allow[i], 1, err, errn) != 0) goto fail;
    return g;
fail:
    gate_free(g);
    return NULL;
}

static void record_limits(lua_State *L, const SandboxRequest *rq, const SandboxKernel *k) {
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, k->landlock_abi);
    lua_setfield(L, -2, "landlock");
    lua_pushboolean(L, k->seccomp);
    lua_setfield(L, -2, "seccomp");
    lua_pushinteger(L, rq->timeout);
    lua_setfield(L, -2, "timeout");
    lua_pushinteger(L, (lua_Integer)rq->max_memory);
    lua_setfield(L, -2, "max_memory");
    lua_setfield(L, LUA_REGISTRYINDEX, "passend.sandbox_limits");
}

int shell_enter_sandbox(lua_State *L, const SandboxRequest *rq) {
    char err[PATH_MAX + 256];
    PathGate *g = build_gate(L, rq, err, sizeof err);
    if (!g) {
        fprintf(stderr, "passend: %s\n", err);
        return -1;
    }
    pl_gate_install(L, g); /* the state owns it now */
    SandboxKernel k;
    if (sandbox_kernel_apply(g, &k, err, sizeof err) != 0) {
        fprintf(stderr, "passend: %s\n", err);
        return -1;
    }
    record_limits(L, rq, &k);
    if (!shell_lua_fn(L, "enter_sandbox")) {
        fprintf(stderr, "passend: the sandbox's Lua side (passend.shell.enter_sandbox) is missing\n");
        return -1;
    }
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "passend");
    lua_remove(L, -2);
    int status = shell_docall(L, 1, 0);
    if (status != LUA_OK) {
        shell_report(L, status);
        return -1;
    }
    return 0;
}
