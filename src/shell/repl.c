/* repl.c: the interactive prompt. Follows lua.c: a line is first tried as
 * `return <line>` so expressions print; an incomplete chunk (syntax error at <eof>)
 * continues on the "  ...> " prompt. Line editing, history and completion come
 * from libedit (BSD licensed, readline-compatible API). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>

#include <lua.h>
#include <lauxlib.h>

#include "shell/shell.h"

#define PROMPT  "passend> "
#define PROMPT2 "  ...> "
#define EOFMARK "<eof>"

static lua_State *replL;
static char history_path[4096];
static char *last_source;  /* the text of the chunk being run, for the lesson hook */

static void remember_source(const char *s) {
    free(last_source);
    last_source = strdup(s ? s : "");
}

static void history_setup(void) {
    const char *p = getenv("PASSEND_HISTORY");
    const char *home = getenv("HOME");
    history_path[0] = '\0';
    if (p) snprintf(history_path, sizeof history_path, "%s", p);
    else if (home) snprintf(history_path, sizeof history_path, "%s/.passend_history", home);
    using_history();
    stifle_history(1000);
    if (history_path[0]) read_history(history_path);
}

static void history_add(const char *line) {
    if (!line[0]) return;
    add_history(line);
    if (history_path[0]) write_history(history_path);
}

/* --- completion: the candidates come from passend.shell.complete(word) in Lua --- */

static char **candidates;
static size_t ncandidates, next_candidate;

static void free_candidates(void) {
    for (size_t i = next_candidate; i < ncandidates; i++) free(candidates[i]);
    free(candidates);
    candidates = NULL;
    ncandidates = next_candidate = 0;
}

static void collect_candidates(const char *word) {
    lua_State *L = replL;
    int top = lua_gettop(L);
    free_candidates();
    if (shell_lua_fn(L, "complete")) {
        lua_pushstring(L, word);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1)) {
            size_t n = (size_t)lua_rawlen(L, -1);
            candidates = calloc(n ? n : 1, sizeof *candidates);
            for (size_t i = 1; candidates && i <= n; i++) {
                lua_rawgeti(L, -1, (lua_Integer)i);
                const char *s = lua_tostring(L, -1);
                if (s) candidates[ncandidates++] = strdup(s);
                lua_pop(L, 1);
            }
        }
    }
    lua_settop(L, top);
}

static char *generator(const char *text, int state) {
    if (state == 0) collect_candidates(text);
    if (next_candidate < ncandidates) return candidates[next_candidate++];
    free_candidates();
    return NULL;
}

static char **complete(const char *text, int start, int end) {
    (void)start; (void)end;
    rl_completion_append_character = '\0';
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, generator);
}

/* --- reading a chunk --------------------------------------------------- */

static int incomplete(lua_State *L, int status) {
    if (status == LUA_ERRSYNTAX) {
        size_t lmsg;
        const char *msg = lua_tolstring(L, -1, &lmsg);
        if (lmsg >= sizeof(EOFMARK) - 1 && strcmp(msg + lmsg - (sizeof(EOFMARK) - 1), EOFMARK) == 0) {
            lua_pop(L, 1);
            return 1;
        }
    }
    return 0;
}

/* Ctrl-C at the prompt abandons the line being typed, as in most shells. The
 * handler only records it; libedit's read is interrupted and returns. */
static volatile sig_atomic_t prompt_interrupted;

static void on_prompt_sigint(int sig) {
    (void)sig;
    prompt_interrupted = 1;
}

static char *read_line(const char *prompt) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_prompt_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the read must return */
    for (;;) {
        prompt_interrupted = 0;
        sigaction(SIGINT, &sa, &old);
        char *line = readline(prompt);
        sigaction(SIGINT, &old, NULL);
        if (!prompt_interrupted) return line;
        free(line);
        fputs("^C\n", stdout);
        fflush(stdout);
        return strdup("\x01");  /* marks an abandoned line */
    }
}

/* Reads a line onto the stack; 0 at end of input. */
static int pushline(lua_State *L, int first) {
    char *line = read_line(first ? PROMPT : PROMPT2);
    if (!line) return 0;
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
    lua_pushlstring(L, line, len);
    free(line);
    return 1;
}

static int addreturn(lua_State *L) {
    const char *line = lua_tostring(L, -1);
    const char *retline = lua_pushfstring(L, "return %s;", line);
    int status = luaL_loadbuffer(L, retline, strlen(retline), "=stdin");
    if (status == LUA_OK) {
        lua_remove(L, -2);
        if (line[0]) history_add(line);
    } else lua_pop(L, 2);
    return status;
}

static int multiline(lua_State *L) {
    for (;;) {
        size_t len;
        const char *line = lua_tolstring(L, 1, &len);
        int status = luaL_loadbuffer(L, line, len, "=stdin");
        if (!incomplete(L, status) || !pushline(L, 0)) {
            history_add(line);
            return status;
        }
        if (strcmp(lua_tostring(L, -1), "\x01") == 0) return LUA_YIELD; /* abandoned */
        lua_pushliteral(L, "\n");
        lua_insert(L, -2);
        lua_concat(L, 3);
    }
}

/* -1 at end of input, -2 for a command that leaves, else a load status. */
static int loadline(lua_State *L) {
    lua_settop(L, 0);
    if (!pushline(L, 1)) return -1;
    const char *line = lua_tostring(L, 1);
    if (strcmp(line, "\x01") == 0) return LUA_YIELD; /* abandoned: nothing to run */
    const char *s = line;
    while (*s == ' ' || *s == '\t') s++;
    if (strcmp(s, ".quit") == 0 || strcmp(s, ".exit") == 0) return -2;
    int status = addreturn(L);
    if (status != LUA_OK) status = multiline(L);
    remember_source(lua_tostring(L, 1));
    lua_remove(L, 1);
    return status;
}

void shell_print_values(lua_State *L, int first) {
    int n = lua_gettop(L) - first + 1;
    if (n <= 0) return;
    if (shell_lua_fn(L, "print_values")) {
        lua_insert(L, first);
        int status = shell_docall(L, n, 0);
        if (status != LUA_OK) shell_report(L, status);
        return;
    }
    lua_getglobal(L, "print");
    lua_insert(L, first);
    if (lua_pcall(L, n, 0, 0) != LUA_OK) shell_report(L, LUA_ERRRUN);
}

/* The lesson hook (lua/passend/teach/session.lua): while a lesson runs, passend.shell.line_hook
 * is set and gets every evaluated line as (source, ok, values... | error message). It prints
 * the values itself (so its verdict follows them); an error is already reported. Values
 * [first, top] are consumed. Returns 0 when no lesson runs (nothing consumed). */
static int after_line(lua_State *L, int ok, int first) {
    int n = lua_gettop(L) - first + 1;
    if (!shell_lua_fn(L, "line_hook")) return 0;
    lua_insert(L, first);
    lua_pushstring(L, last_source ? last_source : "");
    lua_insert(L, first + 1);
    lua_pushboolean(L, ok);
    lua_insert(L, first + 2);
    int status = shell_docall(L, n + 2, 0);
    if (status != LUA_OK) shell_report(L, status);
    return 1;
}

static int l_quit(lua_State *L) {
    lua_settop(L, 0);
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "passend.quit");
    return luaL_error(L, "passend.quit");
}

static int quit_requested(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, "passend.quit");
    int q = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return q;
}

void repl_run(lua_State *L) {
    replL = L;
    rl_readline_name = "passend";
    /* '.' and ':' stay inside a word so that d:de<TAB> and d.q<TAB> complete. */
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(+-*/,[]~^%#";
    rl_attempted_completion_function = complete;
    history_setup();
    lua_pushcfunction(L, l_quit);
    lua_setglobal(L, "quit");
    lua_pushcfunction(L, l_quit);
    lua_setglobal(L, "exit");
    /* lesson() asks this to know whether answers can be typed here */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, -1, "passend.shell") == LUA_TTABLE) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "at_prompt");
    }
    lua_settop(L, 0);
    int status;
    while ((status = loadline(L)) >= 0) {
        if (status == LUA_YIELD) continue; /* Ctrl-C dropped the input */
        if (status == LUA_OK) status = shell_docall(L, 0, LUA_MULTRET);
        if (quit_requested(L)) break;
        if (status == LUA_OK) {
            if (!after_line(L, 1, 1)) shell_print_values(L, 1);
        } else {
            lua_pushvalue(L, -1);
            shell_report(L, status);
            after_line(L, 0, lua_gettop(L));
        }
    }
    free(last_source);
    last_source = NULL;
    lua_settop(L, 0);
    if (status == -1) fputc('\n', stdout);
    fflush(stdout);
}
