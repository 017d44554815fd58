/* fuzz_read.c: libFuzzer target for passend's readers, driven through the Lua API
 * users call: the input is written to a file with the extension FUZZ_EXT and read()
 * runs on it in protected mode. Any Lua error is fine (bad input must give one);
 * a crash, a sanitizer report or a leak is a bug. One binary per extension:
 * built by `make fuzz` as build/fuzz/fuzz_csv, fuzz_sav, fuzz_dta, fuzz_por, ... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "lua/lpassend.h"

#ifndef FUZZ_EXT
#define FUZZ_EXT "csv"
#endif
#ifndef FUZZ_CALL
/* the Lua function run on the file; FUZZ_CALL(path) must not error outside pcall */
#define FUZZ_CALL "return function(path) return read(path) end"
#endif

static lua_State *L;
static char path[256];
static int runner_ref;

static void setup(void) {
    L = luaL_newstate();
    luaL_openlibs(L);
    luaL_requiref(L, "passend", luaopen_passend, 1);
    if (luaL_dostring(L, "require('passend.shell').install_globals(require 'passend')") != LUA_OK) {
        fprintf(stderr, "fuzz setup: %s\n", lua_tostring(L, -1));
        abort();
    }
    lua_pop(L, 1);
    if (luaL_dostring(L, FUZZ_CALL) != LUA_OK) {
        fprintf(stderr, "fuzz setup: %s\n", lua_tostring(L, -1));
        abort();
    }
    runner_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof path, "%s/passend-fuzz-%d." FUZZ_EXT, dir, (int)getpid());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!L) setup();
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    lua_rawgeti(L, LUA_REGISTRYINDEX, runner_ref);
    lua_pushstring(L, path);
    (void)lua_pcall(L, 1, 0, 0); /* an error is the expected answer to most inputs */
    lua_settop(L, 0);
    lua_gc(L, LUA_GCCOLLECT, 0);
    unlink(path);
    return 0;
}
