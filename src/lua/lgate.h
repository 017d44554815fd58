/* lgate.h: the run's file policy (pathgate.h) as Lua sees it. Every binding that
 * opens, creates, renames or removes a file calls pl_gate_read / pl_gate_write first
 * and then uses the path they resolved. */
#ifndef PASSEND_LGATE_H
#define PASSEND_LGATE_H

#include "lua/lpassend.h"
#include "io/pathgate.h"

/* Makes g the policy of this state (registry; freed with the state). Before any user code. */
void pl_gate_install(lua_State *L, PathGate *g);

/* The policy, or NULL for an unrestricted run. */
const PathGate *pl_gate(lua_State *L);
int pl_sandboxed(lua_State *L);

/* The file a write to / read of path must use (PATH_MAX bytes), or a Lua error saying why not. */
void pl_gate_write(lua_State *L, const char *path, char *resolved);
void pl_gate_read(lua_State *L, const char *path, char *resolved);

int passend_open_gate(lua_State *L);

#endif
