# khaldun - build, test, bench. Needs gcc or clang, libcjson, libutf8proc, zlib, libxml2
# (scripts/install-deps.sh installs them on Debian).

CC      ?= cc
PKGS    := libcjson libutf8proc zlib libxml-2.0
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
           -Wformat=2 -Wno-sign-conversion
CFLAGS  ?=
CFLAGS  += -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -fvisibility=hidden -Iinclude -Isrc/lib \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcjson -lutf8proc -lz -lxml2) -pthread
B       ?= build
SHARED  ?= ../shared

LIB_SRC := $(wildcard src/lib/*.c src/lib/util/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ := $(B)/src/cli/main.o
TEST_SRC := $(wildcard tests/*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)

.PHONY: all test test-asan bench clean example check-generated install fuzz fuzz-build fuzz-smoke fuzz-lib
all: $(B)/khaldun

$(B)/%.o: %.c $(wildcard include/*.h src/lib/*.h src/lib/util/*.h) src/lib/cameo_table.inc
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libkhaldun.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/khaldun: $(CLI_OBJ) $(B)/libkhaldun.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/%.c tests/harness.h $(B)/libkhaldun.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(B)/libkhaldun.a $(LDLIBS)

# The bundled example story, coded with the shipped dictionaries.
example: $(B)/khaldun
	$(B)/khaldun code --date 2023-04-16 examples/sudan-2023-04.txt

test: $(B)/khaldun $(TEST_BIN)
	@B=$(B) SHARED=$(SHARED) sh tests/run.sh $(TEST_BIN)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer (clang or gcc).
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
test-asan:
	@$(MAKE) --no-print-directory B=build-asan OPT="$(ASAN_FLAGS)" \
	  LDLIBS="-fsanitize=address,undefined $(LDLIBS)" test

bench: $(B)/khaldun
	@B=$(B) SHARED=$(SHARED) sh bench/run.sh

# The CAMEO table is generated from ../shared/refdata/cameo; fail when the kept copy is stale.
check-generated:
	@if [ -f $(SHARED)/refdata/cameo/cameo_codes.tsv ]; then \
	  mkdir -p $(B) && awk -f tools/gen-cameo.awk $(SHARED)/refdata/cameo/cameo_codes.tsv > $(B)/cameo_table.inc.new && \
	  cmp -s $(B)/cameo_table.inc.new src/lib/cameo_table.inc && echo "generated files: up to date" || \
	  { echo "src/lib/cameo_table.inc is stale: run awk -f tools/gen-cameo.awk $(SHARED)/refdata/cameo/cameo_codes.tsv > src/lib/cameo_table.inc"; exit 1; }; \
	else echo "generated files: skipped (no $(SHARED)/refdata)"; fi

# libFuzzer targets (fuzz/fuzz_*.c) for every reader of outside input, built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer. `make fuzz` runs each for FUZZ_TIME
# seconds from its seeds in fuzz/corpus/NAME (what it finds new goes to build-fuzz/corpus);
# `make fuzz-smoke` is CI's short run. A crash leaves its input in build-fuzz/crash-*.
FUZZ_TIME ?= 300
FUZZ_CC   ?= clang
FUZZ_SRC  := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN  := $(FUZZ_SRC:fuzz/%.c=build-fuzz/%)
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz-lib:
	@$(MAKE) --no-print-directory B=build-fuzz/lib CC=$(FUZZ_CC) \
	  OPT="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" build-fuzz/lib/libkhaldun.a
build-fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/common.h fuzz-lib
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer -Iinclude -Isrc/lib -o $@ $< \
	  build-fuzz/lib/libkhaldun.a $(LDLIBS)
fuzz-build: $(FUZZ_BIN)
fuzz: fuzz-build
	@for t in $(FUZZ_BIN); do n=$${t#build-fuzz/fuzz_}; mkdir -p build-fuzz/corpus/$$n; \
	  echo "fuzz $$n: $(FUZZ_TIME) s"; \
	  $$t -max_total_time=$(FUZZ_TIME) -rss_limit_mb=2048 -timeout=10 -artifact_prefix=build-fuzz/ \
	    -print_final_stats=1 build-fuzz/corpus/$$n fuzz/corpus/$$n 2>&1 | \
	    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|SUMMARY" ; \
	  [ -z "$$(ls build-fuzz/crash-* build-fuzz/leak-* build-fuzz/timeout-* 2>/dev/null)" ] || exit 1; done
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=5

PREFIX ?= /usr/local
install: $(B)/khaldun
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/khaldun/dict
	install -m 755 $(B)/khaldun $(DESTDIR)$(PREFIX)/bin/khaldun
	install -m 644 dict/*.actors dict/*.agents dict/*.verbs $(DESTDIR)$(PREFIX)/share/khaldun/dict/

clean:
	rm -rf $(B) build-asan build-fuzz
