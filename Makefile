# passend: build, test, demo, install.  See docs/internals.md for how the build is cut.
SHELL   := /bin/bash
PREFIX   ?= /usr/local
CC       ?= gcc
OPT      ?= -O2 -g
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      = -Wall -Wextra -Werror
PKGS      = lua5.4 sqlite3 libedit xlsxwriter
PKG_CONFIG ?= pkg-config
.DEFAULT_GOAL := all

# Debian packages, by what needs them (`make deps-build` etc.; `make deps` installs all).
DEB_BUILD = gcc make pkg-config binutils liblua5.4-dev libsqlite3-dev libreadstat-dev libedit-dev \
            libxlsxwriter-dev libncurses-dev libbsd-dev libmd-dev
DEB_TEST  = lua5.4 lua-busted lua-filesystem sqlite3 readstat r-base-core r-cran-survey r-cran-psych r-cran-gparotation \
            r-cran-foreign r-cran-haven libxml2-utils unzip tmux time
DEB_FUZZ  = clang libclang-rt-14-dev
DEB_BENCH = r-cran-data.table r-cran-survey sqlite3 time hyperfine nodejs
# npm for the bench's Polars and DuckDB (installed into build/bench-node by bench/run.lua);
# only when the command is missing: a nodejs from elsewhere may bundle its own

# Compiler flags come from pkg-config, which can only answer once the -dev packages are
# installed. They live in a generated file that depends on deps-build, so that on a fresh
# machine `make demo` installs first and computes them after (make re-reads an included
# makefile it had to remake). Goals that need no flags do not include it.
CONFIG_MK = build/config.mk
NO_CONFIG_GOALS = clean deps deps-build deps-test deps-fuzz deps-bench deps-npm
ifneq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
-include $(CONFIG_MK)
endif

$(CONFIG_MK): | deps-build
	@mkdir -p $(@D)
	@cflags=$$($(PKG_CONFIG) --cflags $(PKGS)) && libs=$$($(PKG_CONFIG) --libs $(filter-out xlsxwriter,$(PKGS))) \
	  || { echo "pkg-config cannot find $(PKGS) (did make deps-build run?)" >&2; exit 1; }; \
	soname=$$(readelf -d "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | sed -n 's/.*soname: \[\(.*\)\]/\1/p'); \
	[ -n "$$soname" ] || { echo "libxlsxwriter.so not found (did make deps-build run?)" >&2; exit 1; }; \
	{ echo "PKG_CFLAGS = $$cflags"; echo "PKG_LIBS = $$libs"; echo "XLSX_SONAME = $$soname"; } > $@
# libxlsxwriter is not linked: src/lxlsx.c opens it on the first xlsx write (start-up time)
LIBS      = $(PKG_LIBS) -lreadstat -lm -ldl -lpthread
# The executable links Lua, SQLite and libedit (with its terminfo, bsd and md) statically:
# each shared library cost ~1-2 ms of every start in loading and relocation. C modules
# loaded by the shell get the Lua API from the executable (-Wl,-E), as with lua.c.
# passend.so and the sanitizer builds keep the shared libraries.
ifeq ($(SAN)$(FUZZ),)
  EXE_LIBS = -Wl,-Bstatic -llua5.4 -lsqlite3 -ledit -ltinfo -lbsd -lmd -Wl,-Bdynamic -lreadstat -lz -lm -ldl -lpthread
else
  EXE_LIBS = $(LIBS)
endif

ifeq ($(FUZZ),1)
  CC       = clang
  BUILD   ?= build/fuzz
  SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
  OPT      = -O1 -g -DCSV_ID_SAMPLE=8
else ifeq ($(SAN),1)
  BUILD  ?= build/san
  SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  OPT     = -O1 -g
else
  BUILD  ?= build
  SANFLAGS =
endif

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SANFLAGS) -fPIC -fvisibility=default -Isrc $(PKG_CFLAGS) $(CFLAGS)
# One folder per layer (docs/internals.md): kernel <- io <- lua (the bindings) <- shell.
# The module passend.so is kernel + io + lua; the executable adds the shell.
SHELL_SRC = $(wildcard src/shell/*.c)
LIB_SRC  = $(wildcard src/kernel/*.c src/io/*.c src/lua/*.c)
SHELL_OBJ = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SHELL_SRC))
LIB_OBJ  = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
HDRS     = $(wildcard src/*/*.h)

.PHONY: all test test-san demo bench install clean deps deps-build deps-test deps-fuzz deps-bench deps-npm doc fuzz fuzz-build
all: $(BUILD)/passend $(BUILD)/passend.so build/luac/.stamp

# The Lua library as bytecode (src/luacache.c loads it when fresh: ~30 ms less at start).
LUA_SRC = $(shell find lua -name '*.lua')
build/luac/.stamp: $(LUA_SRC) tools/compile_lua.lua $(BUILD)/passend
	@rm -rf build/luac && mkdir -p build/luac
	@$(BUILD)/passend tools/compile_lua.lua lua build/luac >/dev/null
	@touch $@

# Install missing Debian packages (needs root or sudo; a no-op when everything is there).
define install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef
deps-build:
	$(call install_missing,$(DEB_BUILD))
	@mkdir -p build && touch build/.deps-build-done  # for tools/ci/fresh/pkg-config
deps-test: deps-build
	$(call install_missing,$(DEB_TEST))
deps-fuzz: deps-build
	$(call install_missing,$(DEB_FUZZ))
deps-bench: deps-build
	$(call install_missing,$(DEB_BENCH))
	@command -v npm >/dev/null 2>&1 || $(MAKE) -s deps-npm
deps-npm:
	$(call install_missing,npm)
deps: deps-build deps-test deps-fuzz deps-bench

$(BUILD)/obj/lua/lxlsx.o: CFLAGS_ALL += -DXLSX_SONAME='"$(XLSX_SONAME)"'
$(BUILD)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/passend: $(SHELL_OBJ) $(LIB_OBJ)
	$(CC) $(SANFLAGS) -Wl,-E -o $@ $^ $(EXE_LIBS)

$(BUILD)/passend.so: $(LIB_OBJ)
	$(CC) $(SANFLAGS) -shared -o $@ $^ $(filter-out -llua5.4,$(LIBS))

test: deps-test all
	$(BUILD)/passend --test

test-san: deps-test
	$(MAKE) SAN=1 all
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 PASSEND_BIN=build/san/passend build/san/passend --test

demo: all
	$(BUILD)/passend scripts/demo.lua

bench: deps-bench all
	@if [ -f bench/run.lua ]; then $(BUILD)/passend bench/run.lua; else echo "no benchmark yet"; fi

# Fuzzing (libFuzzer, clang): one target per reader, seeded from tests/fuzz/corpus/<ext>/,
# and fuzz_api: every Lua-callable C function with hostile arguments.
# `make fuzz FUZZ_SECONDS=600` runs each for that long; crashes land in tests/fuzz/crashes/.
FUZZ_EXTS    ?= csv sav dta por codebook csvpar api
FUZZ_SECONDS ?= 60
fuzz-build: deps-fuzz
	$(MAKE) FUZZ=1 $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_EXTS))

build/fuzz/fuzz_codebook: tests/fuzz/fuzz_read.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer -Isrc $(PKG_CFLAGS) -DFUZZ_EXT='"csv"' \
	  -DFUZZ_CALL='"return function(p) return codebook(p) end"' -Wl,-E -o $@ $^ $(LIBS)

# differential: the CSV reader with threads = 1 against threads = 3 and 7 (tests/fuzz/fuzz_csvpar.c)
build/fuzz/fuzz_csvpar: tests/fuzz/fuzz_csvpar.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer -Isrc $(PKG_CFLAGS) -Wl,-E -o $@ $^ $(LIBS)

# every Lua-callable C function with hostile arguments (tests/fuzz/fuzz_api.c, tests/support/hostile.lua)
build/fuzz/fuzz_api: tests/fuzz/fuzz_api.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer -Isrc $(PKG_CFLAGS) \
	  -DFUZZ_HOSTILE='"$(CURDIR)/tests/support/hostile.lua"' -Wl,-E -o $@ $^ $(LIBS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_read.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer -Isrc $(PKG_CFLAGS) -DFUZZ_EXT='"$*"' -Wl,-E -o $@ $^ $(LIBS)

fuzz: fuzz-build
	@mkdir -p tests/fuzz/crashes
	@for e in $(FUZZ_EXTS); do \
	  mkdir -p build/fuzz/corpus/$$e; \
	  echo "== fuzz_$$e for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz_$$e -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=tests/fuzz/crashes/$$e- -print_final_stats=1 \
	    build/fuzz/corpus/$$e $$( [ -d tests/fuzz/corpus/$$e ] && echo tests/fuzz/corpus/$$e ) 2>&1 | grep -E '^(==|#[0-9]+ *DONE|stat::number_of_executed_units|SUMMARY|ERROR|No such|artifact)' ; \
	  status=$${PIPESTATUS[0]}; [ "$$status" = 0 ] || { echo "fuzz_$$e found a crash (exit $$status)"; exit 1; }; \
	done

doc: all
	$(BUILD)/passend --doc-reference > docs/reference.md

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/lua/5.4 $(DESTDIR)$(PREFIX)/share/passend
	install -m 755 $(BUILD)/passend $(DESTDIR)$(PREFIX)/bin/passend
	install -m 644 $(BUILD)/passend.so $(DESTDIR)$(PREFIX)/lib/lua/5.4/passend.so
	rm -rf $(DESTDIR)$(PREFIX)/share/passend/lua
	cp -R lua $(DESTDIR)$(PREFIX)/share/passend/lua
	rm -rf $(DESTDIR)$(PREFIX)/share/passend/examples
	cp -R examples $(DESTDIR)$(PREFIX)/share/passend/examples
	rm -rf $(DESTDIR)$(PREFIX)/share/passend/luac
	$(BUILD)/passend tools/compile_lua.lua $(DESTDIR)$(PREFIX)/share/passend/lua $(DESTDIR)$(PREFIX)/share/passend/luac

clean:
	rm -rf build out
