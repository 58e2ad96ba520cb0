# hark - see README.md. `make check` builds and runs every test; `make demo`
# polls the bundled sample sources. Both install missing build dependencies
# first (apt-get when root, else they print the exact command).

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/hark
MANDIR = $(PREFIX)/share/man
SYSCONFDIR ?= /etc/hark

PKGS = libcurl libxml-2.0 jansson sqlite3 inih libutf8proc
DEB_PKGS = libcurl4-openssl-dev libxml2-dev libjansson-dev libsqlite3-dev \
	libinih-dev libutf8proc-dev pkg-config gcc make npm python3 python3-aiosmtpd

CC ?= cc
CFLAGS ?= -O2 -g
HARK_CFLAGS = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude -Isrc -DHARK_BUILD_DATADIR='"$(CURDIR)/build/data"' \
	-DHARK_INSTALL_DATADIR='"$(DATADIR)"' -DHARK_VERSION='"$(VERSION)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS = $(PKG_LIBS) -lm
VERSION = 0.1.0

B = build
LIB_SRC = $(sort $(wildcard src/*.c) $(wildcard adapters/*.c))
CMD_SRC = $(sort $(wildcard cmd/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(B)/obj/%.o)
CMD_OBJ = $(CMD_SRC:%.c=$(B)/obj/%.o)
TEST_SRC = $(sort $(wildcard tests/unit/*.c))
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
BENCH_SRC = $(sort $(wildcard tests/bench/*.c))
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(B)/bench/%)
TOOL_SRC = $(sort $(wildcard tests/tools/*.c))
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(B)/tools/%)
HEADERS = $(wildcard include/hark/*.h) $(wildcard src/*.h)

# Data files hark loads at run time. The VADER lexicon comes from the npm
# registry package, pinned by checksum; everything else is in etc/lexicon.
VADER_PKG = vader-sentiment@1.1.3
VADER_TGZ = vader-sentiment-1.1.3.tgz
VADER_SHA256 = de3c50aee6ffe2bc7929f50a69b0a3905d7b63f6fb103c2397517aff799851d2
LEXICON_FILES = $(wildcard etc/lexicon/*)
DATA = $(B)/data/vader_lexicon.txt $(LEXICON_FILES:etc/lexicon/%=$(B)/data/%)

.PHONY: all check demo bench eval install install-files clean deps deps-check data \
	build-all build-check run-check run-bench run-eval run-demo

# The public targets check the build dependencies first, then build in a
# sub-make, so that pkg-config is asked only once the libraries are there.
SUBMAKE = $(MAKE) --no-print-directory -j2

all: deps-check
	@$(SUBMAKE) build-all

build-all: $(B)/hark data

$(B)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(HARK_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(B)/libhark.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/hark: $(CMD_OBJ) $(B)/libhark.a
	$(CC) $(CFLAGS) -o $@ $(CMD_OBJ) $(B)/libhark.a $(LDFLAGS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libhark.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(HARK_CFLAGS) $(PKG_CFLAGS) -Itests/unit -o $@ $< $(B)/libhark.a $(LDFLAGS) $(LDLIBS)

$(B)/bench/%: tests/bench/%.c $(B)/libhark.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O2 $(HARK_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(B)/libhark.a $(LDFLAGS) $(LDLIBS)

$(B)/tools/%: tests/tools/%.c $(B)/libhark.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(HARK_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(B)/libhark.a $(LDFLAGS) $(LDLIBS)

# Fuzz targets (tests/fuzz/README.md): `make fuzz` builds them with clang,
# libFuzzer and ASan+UBSan and runs each for FUZZ_SECONDS; `make check` only
# replays their corpus and crash files through plain-main() builds.
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz-replay/%)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=$(B)/fuzz/obj/%.o)
FUZZ_CC = clang
FUZZ_SAN = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 30

$(B)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/fuzz_main.h $(B)/libhark.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(HARK_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(B)/libhark.a $(LDFLAGS) $(LDLIBS)

$(B)/fuzz/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(HARK_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(B)/fuzz/libhark.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_main.h $(B)/fuzz/libhark.a
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -DHARK_LIBFUZZER $(HARK_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(B)/fuzz/libhark.a $(LDFLAGS) $(LDLIBS)

.PHONY: fuzz
fuzz: deps-check
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs clang with libFuzzer: apt-get install clang libclang-rt-14-dev" >&2; exit 2; }
	@$(SUBMAKE) build-all $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

data: $(DATA)

$(B)/data/%: etc/lexicon/%
	@mkdir -p $(dir $@)
	cp $< $@

$(B)/data/vader_lexicon.txt:
	@mkdir -p $(B)/npm $(B)/data
	@cd $(B)/npm && { [ -f $(VADER_TGZ) ] || npm pack --silent $(VADER_PKG) >/dev/null; } || { \
		echo "hark: cannot fetch $(VADER_PKG) (the VADER lexicon) from the npm registry." >&2; \
		echo "hark: without network, copy $(VADER_TGZ) into $(B)/npm/ and run make again." >&2; \
		exit 1; }
	@echo "$(VADER_SHA256)  $(B)/npm/$(VADER_TGZ)" | sha256sum -c --quiet || { \
		echo "hark: $(B)/npm/$(VADER_TGZ) does not match its pinned sha256; remove it and retry." >&2; \
		rm -f $(B)/npm/$(VADER_TGZ); exit 1; }
	tar -xzf $(B)/npm/$(VADER_TGZ) -C $(B)/npm package/vader_lexicon.txt
	cp $(B)/npm/package/vader_lexicon.txt $@

deps-check:
	@sh tests/deps.sh check $(PKGS) -- $(DEB_PKGS)

deps:
	@sh tests/deps.sh install $(PKGS) -- $(DEB_PKGS)

check: deps-check
	@$(SUBMAKE) build-check
	@sh tests/run.sh

build-check: build-all $(TEST_BIN) $(TOOL_BIN) $(FUZZ_REPLAY_BIN)

bench: deps-check
	@$(SUBMAKE) build-all $(BENCH_BIN)
	@sh tests/bench/run.sh

eval: deps-check
	@$(SUBMAKE) build-all $(BENCH_BIN)
	@sh tests/eval.sh

demo: deps-check
	@$(SUBMAKE) build-all
	@sh etc/demo/run.sh

install: all
	@$(MAKE) --no-print-directory install-files

install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SYSCONFDIR)
	install -m 755 $(B)/hark $(DESTDIR)$(BINDIR)/hark
	install -m 644 $(DATA) $(DESTDIR)$(DATADIR)/
	install -m 644 etc/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 etc/hark.conf.example $(DESTDIR)$(SYSCONFDIR)/hark.conf.example
	install -d $(DESTDIR)$(DATADIR)/examples $(DESTDIR)$(DATADIR)/systemd $(DESTDIR)$(DATADIR)/cron
	install -m 644 etc/examples/*.conf $(DESTDIR)$(DATADIR)/examples/
	install -m 644 etc/systemd/* $(DESTDIR)$(DATADIR)/systemd/
	install -m 644 etc/cron/* $(DESTDIR)$(DATADIR)/cron/

clean:
	rm -rf $(B)
