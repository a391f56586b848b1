# gridstar — plain GNU make.  `make run` publishes the sample, `make check`
# runs every test.  CI adds flags through Makefile.local (never edit here).

VERSION		= 0.1.0
PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
MANDIR		?= $(PREFIX)/share/man
SHAREDIR	?= $(PREFIX)/share
DESTDIR		?=
INSTALL_PROGRAM	= install -m 0555
INSTALL_DATA	= install -m 0444
PKG_CONFIG	?= pkg-config
PYTHON		?= python3

CC		?= cc
CFLAGS		?= -O2 -g
WARNINGS	= -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
		  -Wwrite-strings -Wshadow
CPPFLAGS	+= -DVERSION=\"$(VERSION)\" -Isrc \
		   -DTHEMESDIR=\"$(SHAREDIR)/gridstar/themes\"
PKGS		= libcmark libqrencode inih jansson harfbuzz-subset fontconfig libpng
# libcsv-dev and libhpdf-dev ship no .pc file.
PKG_CFLAGS	= $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	= $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
LDLIBS		+= -lcsv -lhpdf $(PKG_LIBS) -lz -lm -pthread

sinclude Makefile.local

# Debian 12 packages: to build, and to test (the Nu HTML checker of the
# site tests also needs java and npm, installed when missing).
BUILD_DEBS	= gcc make pkg-config libcsv-dev libcmark-dev libhpdf-dev \
		  libqrencode-dev libinih-dev libharfbuzz-dev libfontconfig-dev \
		  libjansson-dev libpng-dev zlib1g-dev fonts-wqy-microhei
TEST_DEBS	= libcmocka-dev zlib1g-dev python3 poppler-utils zbar-tools qpdf \
		  mandoc valgrind

CORE_OBJS	= src/buf.o src/diag.o src/num.o src/date.o src/csvin.o \
		  src/settings.o src/input.o src/rules.o src/export.o src/fsout.o \
		  src/digest.o src/strs.o
# The website (issue 3) and the boards (issue 4).
SITE_OBJS	= src/site.o src/page.o src/annual.o src/md.o src/notice.o src/svg.o \
		  src/tmpl.o src/val.o src/qr.o
BOARD_OBJS	= src/boards.o src/boardstyle.o src/layout.o src/sheets.o \
		  src/bulletin.o src/pdf.o src/font.o
OBJS		= $(CORE_OBJS) $(SITE_OBJS) $(BOARD_OBJS) src/main.o
HEADERS		= src/config.h src/hash.h src/buf.h src/diag.h src/num.h src/date.h \
		  src/csvin.h src/settings.h src/model.h src/input.h \
		  src/rules.h src/export.h src/fsout.h src/digest.h src/strs.h \
		  src/site.h \
		  src/boards.h \
		  src/tmpl.h src/val.h src/qr.h src/font.h src/annual.h src/md.h \
		  src/notice.h src/page.h src/svg.h src/pdf.h src/boardstyle.h src/layout.h \
		  src/sheets.h src/bulletin.h

UNIT_TESTS	= tests/unit/test_num tests/unit/test_date tests/unit/test_csvin \
		  tests/unit/test_rules tests/unit/test_tmpl tests/unit/test_qr \
		  tests/unit/test_font tests/unit/test_md tests/unit/test_pdf \
		  tests/unit/test_settings tests/unit/test_strs tests/unit/test_diag

.PHONY: all run check test deps unit spec golden oracle clean distclean \
	install uninstall regen-golden lint check-asan check-valgrind fuzz bench

all: gridstar

gridstar: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

src/%.o: src/%.c $(HEADERS)
	$(CC) $(CFLAGS) $(WARNINGS) $(CPPFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# Install what is missing (as root), or say the command to run.
deps:
	@missing=""; for p in $(BUILD_DEBS) $(TEST_DEBS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing:$$missing"; \
			apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "Missing Debian packages. Run as root:"; \
			echo "  apt-get install -y$$missing"; exit 1; \
		fi; \
	fi

run: deps gridstar
	./gridstar build -i input -o out

tests/unit/test_%: tests/unit/test_%.c $(CORE_OBJS) $(HEADERS)
	$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $< $(CORE_OBJS) \
		$(LDLIBS) -lcmocka

tests/unit/test_rules: tests/unit/test_rules.c tests/unit/fixture.c \
		tests/unit/fixture.h $(CORE_OBJS) $(HEADERS)
	$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -Itests/unit -o $@ \
		tests/unit/test_rules.c tests/unit/fixture.c $(CORE_OBJS) \
		$(LDLIBS) -lcmocka

# Unit tests of the modules outside CORE_OBJS.
tests/unit/test_tmpl: tests/unit/test_tmpl.c src/tmpl.o src/val.o $(CORE_OBJS)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< src/tmpl.o src/val.o $(CORE_OBJS) \
		$(LDLIBS) -lcmocka

tests/unit/test_qr: tests/unit/test_qr.c src/qr.o src/svg.o $(CORE_OBJS)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< src/qr.o src/svg.o $(CORE_OBJS) $(LDLIBS) \
		-lz -lcmocka

tests/unit/test_font: tests/unit/test_font.c src/font.o $(CORE_OBJS)
	$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $< src/font.o \
		$(CORE_OBJS) $(LDLIBS) -lcmocka

tests/unit/test_pdf: tests/unit/test_pdf.c src/pdf.o src/font.o src/qr.o \
		src/svg.o $(CORE_OBJS)
	$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -o $@ $< src/pdf.o src/font.o \
		src/qr.o src/svg.o $(CORE_OBJS) $(LDLIBS) -lz -lcmocka

tests/unit/test_md: tests/unit/test_md.c src/md.o $(CORE_OBJS)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< src/md.o $(CORE_OBJS) $(LDLIBS) \
		-lcmocka

# The official Mustache spec, plus our template language examples.
tests/spec/mustache_spec: tests/spec/mustache_spec.c src/tmpl.o src/val.o \
		$(CORE_OBJS)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< src/tmpl.o src/val.o $(CORE_OBJS) \
		$(LDLIBS)

check test: deps gridstar $(UNIT_TESTS) tests/spec/mustache_spec
	@LC_ALL=C.UTF-8 PYTHON=$(PYTHON) sh tests/run.sh

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
SAN_FLAGS	= -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		  -fno-omit-frame-pointer
check-asan:
	$(MAKE) clean
	$(MAKE) CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" check
	$(MAKE) clean

# The whole suite under valgrind's memcheck (fewer random townships).
VALGRIND_CMD	= valgrind -q --error-exitcode=1 --leak-check=full \
		  --errors-for-leak-kinds=definite
check-valgrind: deps gridstar $(UNIT_TESTS) tests/spec/mustache_spec
	@LC_ALL=C.UTF-8 PYTHON=$(PYTHON) VALGRIND="$(VALGRIND_CMD)" \
		ORACLE_SEEDS=2 SAFETY_KILLS=3 sh tests/run.sh

# The scale benchmark (issue 6): make bench N=10000 [REPS=3] [BENCH_QUICK=1].
N		?= 10000
REPS		?= 3
BENCH_SETTLE	?= 35
BENCH_QUICK	?= 0
bench: gridstar
	N=$(N) REPS=$(REPS) BENCH_SETTLE=$(BENCH_SETTLE) \
	    BENCH_QUICK=$(BENCH_QUICK) sh tests/bench/run.sh

# libFuzzer harnesses (clang), each for FUZZ_SECONDS.
FUZZ_SECONDS	?= 60
FUZZ_DEBS	= clang libclang-rt-14-dev
fuzz:
	@missing=""; for p in $(FUZZ_DEBS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			    apt-get install -y -qq $$missing; \
		else \
			echo "Run as root: apt-get install -y$$missing"; exit 1; \
		fi; \
	fi
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

lint:
	mandoc -Tlint -Werror man/gridstar.1 man/gridstar.5

regen-golden: gridstar
	@sh tests/golden/regen.sh

install: gridstar
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SHAREDIR)/gridstar
	$(INSTALL_PROGRAM) gridstar $(DESTDIR)$(BINDIR)/gridstar
	$(INSTALL_DATA) man/gridstar.1 $(DESTDIR)$(MANDIR)/man1/gridstar.1
	$(INSTALL_DATA) man/gridstar.5 $(DESTDIR)$(MANDIR)/man5/gridstar.5
	cp -R themes $(DESTDIR)$(SHAREDIR)/gridstar/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gridstar $(DESTDIR)$(MANDIR)/man1/gridstar.1 \
		$(DESTDIR)$(MANDIR)/man5/gridstar.5
	rm -rf $(DESTDIR)$(SHAREDIR)/gridstar

# Leaves out/ alone: it is the published tree.
clean:
	rm -f gridstar src/*.o $(UNIT_TESTS) tests/spec/mustache_spec

distclean: clean
	rm -f Makefile.local
