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

/* Prints values [first, top] through the Lua pretty printer. */
void shell_print_values(lua_State *L, int first);

#endif
