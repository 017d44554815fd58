# passend: build, test, demo, install.  See docs/internals.md for how the build is cut.
SHELL   := /bin/bash
PREFIX   ?= /usr/local
CC       ?= gcc
OPT      ?= -O2 -g
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      = -Wall -Wextra -Werror
PKGS      = lua5.4 sqlite3 libedit xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libxlsxwriter is not linked: src/lxlsx.c opens it on the first xlsx write (start-up time)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out xlsxwriter,$(PKGS)) 2>/dev/null)
XLSX_SONAME = $(shell readelf -d "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | sed -n 's/.*soname: \[\(.*\)\]/\1/p')
LIBS      = $(PKG_LIBS) -lreadstat -lm -ldl -lpthread

ifeq ($(FUZZ),1)
  CC       = clang
  BUILD   ?= build/fuzz
  SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
  OPT      = -O1 -g
else ifeq ($(SAN),1)
  BUILD  ?= build/san
  SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  OPT     = -O1 -g
else
  BUILD  ?= build
  SANFLAGS =
endif

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SANFLAGS) -fPIC -fvisibility=default $(PKG_CFLAGS) $(CFLAGS)
SHELL_SRC = src/main.c src/repl.c
LIB_SRC  = $(filter-out $(SHELL_SRC),$(wildcard src/*.c))
SHELL_OBJ = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SHELL_SRC))
LIB_OBJ  = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
HDRS     = $(wildcard src/*.h)

# Debian packages the build, the tests and the demo need (installed by `make deps`).
DEB_PKGS = gcc make pkg-config liblua5.4-dev lua5.4 libsqlite3-dev sqlite3 libreadstat-dev readstat \
           libedit-dev libxlsxwriter-dev lua-busted lua-filesystem r-base-core r-cran-survey r-cran-psych \
           r-cran-foreign r-cran-haven libxml2-utils unzip tmux clang libclang-rt-14-dev r-cran-data.table time

.PHONY: all test test-san demo bench install clean deps check-deps doc fuzz fuzz-build
all: check-deps $(BUILD)/passend $(BUILD)/passend.so build/luac/.stamp

# The Lua library as bytecode (src/luacache.c loads it when fresh: ~30 ms less at start).
LUA_SRC = $(shell find lua -name '*.lua')
build/luac/.stamp: $(LUA_SRC) tools/compile_lua.lua $(BUILD)/passend
	@rm -rf build/luac && mkdir -p build/luac
	@$(BUILD)/passend tools/compile_lua.lua lua build/luac >/dev/null
	@touch $@

# Install missing Debian packages (needs root; a no-op when everything is there).
deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

check-deps:
	@pkg-config --exists $(PKGS) && [ -f /usr/include/readstat.h ] && command -v busted >/dev/null \
	  || $(MAKE) --no-print-directory deps

$(BUILD)/obj/lxlsx.o: CFLAGS_ALL += -DXLSX_SONAME='"$(XLSX_SONAME)"'
$(BUILD)/obj/%.o: src/%.c $(HDRS) | $(BUILD)/obj
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/obj:
	mkdir -p $@

$(BUILD)/passend: $(SHELL_OBJ) $(LIB_OBJ)
	$(CC) $(SANFLAGS) -Wl,-E -o $@ $^ $(LIBS)

$(BUILD)/passend.so: $(LIB_OBJ)
	$(CC) $(SANFLAGS) -shared -o $@ $^ $(filter-out -llua5.4,$(LIBS))

test: all
	$(BUILD)/passend --test

test-san:
	$(MAKE) SAN=1 all
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 PASSEND_BIN=build/san/passend build/san/passend --test

demo: all
	$(BUILD)/passend scripts/demo.lua

bench: all
	@if [ -f bench/run.lua ]; then $(BUILD)/passend bench/run.lua; else echo "no benchmark yet"; fi

# Fuzzing (libFuzzer, clang): one target per reader, seeded from tests/fuzz/corpus/<ext>/,
# and fuzz_api: every Lua-callable C function with hostile arguments.
# `make fuzz FUZZ_SECONDS=600` runs each for that long; crashes land in tests/fuzz/crashes/.
FUZZ_EXTS    ?= csv sav dta por codebook csvpar api
FUZZ_SECONDS ?= 60
fuzz-build:
	$(MAKE) FUZZ=1 $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_EXTS))

build/fuzz/fuzz_codebook: tests/fuzz/fuzz_read.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -DFUZZ_EXT='"csv"' \
	  -DFUZZ_CALL='"return function(p) return codebook(p) end"' -Wl,-E -o $@ $^ $(LIBS)

# differential: the CSV reader with threads = 1 against threads = 3 and 7 (tests/fuzz/fuzz_csvpar.c)
build/fuzz/fuzz_csvpar: tests/fuzz/fuzz_csvpar.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Wl,-E -o $@ $^ $(LIBS)

# every Lua-callable C function with hostile arguments (tests/fuzz/fuzz_api.c, tests/support/hostile.lua)
build/fuzz/fuzz_api: tests/fuzz/fuzz_api.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) \
	  -DFUZZ_HOSTILE='"$(CURDIR)/tests/support/hostile.lua"' -Wl,-E -o $@ $^ $(LIBS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_read.c $(LIB_OBJ)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -DFUZZ_EXT='"$*"' -Wl,-E -o $@ $^ $(LIBS)

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
