/* shell.h: what main.c and repl.c share. */
#ifndef PASSEND_SHELL_H
#define PASSEND_SHELL_H

#include <lua.h>

/* Runs the function on top of the stack (with narg args below it) with a traceback
 * handler and Ctrl-C interruption; on error leaves the message on the stack. */
int shell_docall(lua_State *L, int narg, int nres);

/* Prints the error on top of the stack to stderr, prefixed "passend: ". */
void shell_report(lua_State *L, int status);

/* The interactive prompt; returns when the user leaves. */
void repl_run(lua_State *L);

/* Pushes passend.shell.<name> (the Lua side of the shell: lua/passend/shell/init.lua) and
 * returns 1, or pushes nothing and returns 0 when there is none. */
int shell_lua_fn(lua_State *L, const char *name);

/* Prints values [first, top] through the Lua pretty printer. */
void shell_print_values(lua_State *L, int first);

/* What the command line asks of a sandboxed run. */
typedef struct {
    const char *out;          /* --out, or NULL: no writes */
    const char *db;           /* --db, or NULL */
    const char *script;       /* the script file, "-" for stdin, or NULL */
    char **args;              /* the script's arguments (files and folders it may read) */
    int nargs;
    const char **allow;       /* --allow-read */
    int nallow;
    long timeout;             /* seconds, for the record */
    size_t max_memory;        /* bytes, for the record */
} SandboxRequest;

/* Builds the path gate, applies the kernel layers and the allow-listed environment.
 * 0, or -1 after printing why (the run must then stop). */
int shell_enter_sandbox(lua_State *L, const SandboxRequest *rq);

#endif
