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
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcjson -lutf8proc -lz -lxml2)
B       ?= build
SHARED  ?= ../shared
# places (issue #6): GeoNames as Debian ships it (libtimezonemap-data), compiled at build time
# into $(B)/places.gaz; without it the build goes on and events have no location.
GEONAMES ?= /usr/share/libtimezonemap/ui
CFLAGS  += -DKH_GEONAMES_DIR='"$(GEONAMES)"'
LDLIBS  += -lm

LIB_SRC := $(wildcard src/lib/*.c src/lib/util/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ := $(B)/src/cli/main.o
TEST_SRC := $(wildcard tests/*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)

.PHONY: all test test-asan bench clean example check-generated install
all: $(B)/khaldun $(B)/places.gaz

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

# places (issue #6): the gazetteer, written by the khaldun just built (a one-line notice
# and no file when the GeoNames data is missing).
$(B)/places.gaz: $(B)/khaldun
	@if [ -f $(GEONAMES)/cities15000.txt ] && [ -f $(GEONAMES)/admin1Codes.txt ] && \
	   [ -f $(GEONAMES)/countryInfo.txt ]; then \
	  $(B)/khaldun gazetteer compile $(GEONAMES) -o $@; \
	else echo "places: no GeoNames data in $(GEONAMES) (Debian: libtimezonemap-data): built without places, locations will be null"; fi

# The bundled example story, coded with the shipped dictionaries.
example: $(B)/khaldun
	$(B)/khaldun code --date 2023-04-16 examples/sudan-2023-04.txt

test: $(B)/khaldun $(B)/places.gaz $(TEST_BIN)
	@B=$(B) SHARED=$(SHARED) sh tests/run.sh $(TEST_BIN)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer (clang or gcc).
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
test-asan:
	@$(MAKE) --no-print-directory B=build-asan OPT="$(ASAN_FLAGS)" \
	  LDLIBS="-fsanitize=address,undefined $(LDLIBS)" test

bench: $(B)/khaldun $(B)/places.gaz
	@B=$(B) SHARED=$(SHARED) sh bench/run.sh

# The CAMEO table is generated from ../shared/refdata/cameo; fail when the kept copy is stale.
check-generated:
	@if [ -f $(SHARED)/refdata/cameo/cameo_codes.tsv ]; then \
	  mkdir -p $(B) && awk -f tools/gen-cameo.awk $(SHARED)/refdata/cameo/cameo_codes.tsv > $(B)/cameo_table.inc.new && \
	  cmp -s $(B)/cameo_table.inc.new src/lib/cameo_table.inc && echo "generated files: up to date" || \
	  { echo "src/lib/cameo_table.inc is stale: run awk -f tools/gen-cameo.awk $(SHARED)/refdata/cameo/cameo_codes.tsv > src/lib/cameo_table.inc"; exit 1; }; \
	else echo "generated files: skipped (no $(SHARED)/refdata)"; fi

PREFIX ?= /usr/local
install: $(B)/khaldun $(B)/places.gaz
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/khaldun/dict
	install -m 755 $(B)/khaldun $(DESTDIR)$(PREFIX)/bin/khaldun
	install -m 644 dict/*.actors dict/*.agents dict/*.verbs $(DESTDIR)$(PREFIX)/share/khaldun/dict/
	if [ -f $(B)/places.gaz ]; then install -m 644 $(B)/places.gaz $(DESTDIR)$(PREFIX)/share/khaldun/; fi

clean:
	rm -rf $(B)
