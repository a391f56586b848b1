#!/bin/sh
# Fuzz gridstar's parsers with libFuzzer (STYLE.md §8, issue 5).
#
#   sh tests/fuzz/run.sh [HARNESS...]     (default: csvin ini tmpl notice)
#   make fuzz FUZZ_SECONDS=60             (the same, from the Makefile)
#
# For each harness tests/fuzz/fuzz_<name>.c:
#   1. build it with clang -fsanitize=fuzzer,address,undefined into
#      tests/fuzz/build/ (git-ignored);
#   2. replay tests/fuzz/regress/<name>-* (every crash ever found);
#   3. fuzz for FUZZ_SECONDS seconds, starting from a temporary COPY of
#      tests/fuzz/corpus/<name>/ plus the matching files of
#      tests/bad/*/files/ (the committed corpus never grows), with the
#      dictionary tests/fuzz/<dict>.dict.
# A crash, a sanitizer report, a leak, a timeout or running out of memory
# fails the harness: the input is kept in tests/fuzz/build/crashes/ and
# its path printed with the end of the report.  Save it as
# tests/fuzz/regress/<name>-<short-name> once it is understood.
# Ends with "N passed, N failed" (one per harness); exit status 1 if any
# failed, 2 when it cannot run at all.
#
# Needs clang with its libFuzzer runtime, and the libraries gridstar builds
# with.  On Debian 12:
#     apt-get install clang libclang-rt-14-dev libcsv-dev libinih-dev \
#         libjansson-dev
# (clang 14 finds libclang_rt.fuzzer-x86_64.a in libclang-rt-14-dev: with
# "clang" alone the link fails with "cannot find ...libclang_rt.fuzzer".)
#
# Environment:
#   FUZZ_SECONDS   seconds per harness (default 60; CI uses 30)
#   FUZZ_JOBS      libFuzzer worker processes per harness (default 1;
#                  more use libFuzzer's -fork mode)
#   FUZZ_TIMEOUT   seconds one input may take before it is a hang (25)
#   FUZZ_RSS_MB    memory one worker may use before it is a failure (2048)
#   CLANG          the compiler (default clang)
#   FUZZ_FLAGS     more libFuzzer flags, e.g. "-seed=1 -verbosity=0"
set -u
export LC_ALL=C.UTF-8 TZ=UTC

here=$(cd "$(dirname "$0")" && pwd -P) || exit 2
repo=$(cd "$here/../.." && pwd -P) || exit 2
cd "$repo" || exit 2

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-25}
FUZZ_RSS_MB=${FUZZ_RSS_MB:-2048}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
CLANG=${CLANG:-clang}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
build=$here/build

# Sanitizers stop at the first report; LeakSanitizer runs after each input
# that allocated more than it freed.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

CFLAGS="-g -O1 -fno-omit-frame-pointer -std=c11 \
-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
-Isrc -Itests/fuzz"

# What each harness links: its sources, libraries, dictionary, longest
# input, and the files of tests/bad/*/files/ that seed it.
sources() {
	case $1 in
	csvin)	echo src/csvin.c src/input.c src/strs.c src/settings.c src/date.c \
		    src/num.c src/diag.c src/buf.c ;;
	ini)	echo src/settings.c src/date.c src/num.c src/diag.c src/buf.c ;;
	tmpl)	echo src/tmpl.c src/val.c src/diag.c src/buf.c ;;
	notice)	echo src/notice.c src/csvin.c src/date.c src/diag.c \
		    src/buf.c ;;
	esac
}
libs() {
	case $1 in
	csvin)	echo "-lcsv $($PKG_CONFIG --libs inih 2>/dev/null || \
		    echo -linih) -lm" ;;
	ini)	echo "$($PKG_CONFIG --libs inih 2>/dev/null || echo -linih) -lm" ;;
	tmpl)	echo "$($PKG_CONFIG --libs jansson 2>/dev/null || \
		    echo -ljansson) -lm" ;;
	notice)	echo "-lcsv -lm" ;;
	esac
}
dict() {
	case $1 in
	csvin)	echo csv ;;
	*)	echo "$1" ;;
	esac
}
maxlen() {
	case $1 in
	csvin)	echo 16384 ;;
	*)	echo 8192 ;;
	esac
}

# The option byte that makes file $2 a seed of harness $1 (see the top of
# each fuzz_*.c), or nothing when it is not one.
seed_opt() {
	case $1:$2 in
	csvin:*grids.csv)	echo 000 ;;
	csvin:*rules.csv)	echo 001 ;;
	csvin:*holidays.csv)	echo 002 ;;
	csvin:*inspections.csv)	echo 003 ;;
	csvin:*evaluations.csv)	echo 004 ;;
	csvin:*reviews.csv)	echo 005 ;;
	csvin:*issues.csv)	echo 006 ;;
	csvin:*feedback.csv)	echo 007 ;;
	csvin:*frontage.csv)	echo 010 ;;
	csvin:*.csv)		echo 011 ;;
	ini:*site.ini)		echo 000 ;;
	notice:*.md)		echo 000 ;;
	tmpl:*.html|tmpl:*.xml)	echo 005 ;;
	esac
}

# Add the files of tests/bad/*/files/ to corpus $2 of harness $1, each
# behind its option byte; files over 64 KB are left out.
add_bad_seeds() {
	[ -d tests/bad ] || return 0
	find tests/bad -path '*/files/*' -type f -size -65k 2>/dev/null |
	sort | while IFS= read -r f; do
		opt=$(seed_opt "$1" "$f")
		[ -n "$opt" ] || continue
		name=bad-$(printf '%s' "$f" | cksum | cut -d' ' -f1)
		{ printf '%b' "\\0$opt"; cat "$f"; } >"$2/$name"
	done
}

# The useful lines of a libFuzzer log: what went wrong, and the stack
# frames in gridstar's own code.
show() {
	grep -aE 'runtime error|invariant failed|ERROR: |SUMMARY: |ALARM|Test unit written| in [^ ]+ [^ ]*/(src|tests/fuzz)/[^ ]+\.c:' \
	    "$1" | head -n 30 | sed 's/^/  /'
}

have_runtime() {
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)'\
'{ (void)d; (void)n; return 0; }\n' >"$build/probe.c"
	"$CLANG" -fsanitize=fuzzer,address,undefined -o "$build/probe" \
	    "$build/probe.c" >"$build/probe.log" 2>&1
}

mkdir -p "$build/crashes" || exit 2
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "run.sh: $CLANG not found; on Debian 12:" \
	    "apt-get install clang libclang-rt-14-dev" >&2
	exit 2
fi
if ! have_runtime; then
	sed 's/^/  /' "$build/probe.log" >&2
	echo "run.sh: $CLANG cannot link a libFuzzer harness; on Debian 12:" \
	    "apt-get install libclang-rt-14-dev" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gridstar-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Several workers: libFuzzer's fork mode, which stops at the first crash.
fork=
[ "$FUZZ_JOBS" -gt 1 ] 2>/dev/null && fork=-fork=$FUZZ_JOBS

harnesses=${*:-csvin ini tmpl notice}
pass=0
fail=0
for h in $harnesses; do
	src=tests/fuzz/fuzz_$h.c
	bin=$build/fuzz_$h
	if [ ! -f "$src" ]; then
		echo "FAIL $h: no $src"
		fail=$((fail + 1))
		continue
	fi
	# 1. Build.
	# shellcheck disable=SC2046,SC2086
	if ! "$CLANG" $CFLAGS -o "$bin" "$src" $(sources "$h") $(libs "$h") \
	    >"$build/$h.build.log" 2>&1; then
		cat "$build/$h.build.log"
		echo "FAIL $h: does not build"
		fail=$((fail + 1))
		continue
	fi

	# 2. Replay the regression inputs.
	ok=1
	for r in tests/fuzz/regress/"$h"-*; do
		[ -f "$r" ] || continue
		if ! "$bin" -timeout="$FUZZ_TIMEOUT" \
		    -rss_limit_mb="$FUZZ_RSS_MB" "$r" \
		    >"$build/$h.regress.log" 2>&1; then
			show "$build/$h.regress.log"
			echo "FAIL $h: regression input $r"
			ok=0
		fi
	done

	# 3. Fuzz a copy of the corpus.
	corpus=$work/$h
	mkdir -p "$corpus" "$work/$h.crash" || exit 2
	cp tests/fuzz/corpus/"$h"/* "$corpus"/ 2>/dev/null
	add_bad_seeds "$h" "$corpus"
	log=$build/$h.log
	echo "fuzzing $h for ${FUZZ_SECONDS}s" \
	    "($(find "$corpus" -type f | wc -l) seeds)"
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$FUZZ_SECONDS" -max_len="$(maxlen "$h")" \
	    -timeout="$FUZZ_TIMEOUT" -rss_limit_mb="$FUZZ_RSS_MB" \
	    -dict="tests/fuzz/$(dict "$h").dict" \
	    -artifact_prefix="$work/$h.crash/" -print_final_stats=1 \
	    $fork $FUZZ_FLAGS "$corpus" >"$log" 2>&1
	rc=$?
	crashes=$(ls "$work/$h.crash" 2>/dev/null)
	if [ "$rc" -ne 0 ] || [ -n "$crashes" ]; then
		ok=0
		show "$log"
		for c in $crashes; do
			cp "$work/$h.crash/$c" "$build/crashes/$h-$c"
			echo "crash input: tests/fuzz/build/crashes/$h-$c"
		done
		echo "(full log: tests/fuzz/build/$h.log, exit status $rc)"
	fi
	# Status lines: "#123 pulse cov: 45 ...", or "#123: cov: 45 ..." in
	# fork mode, which prints no final stat:: lines.
	stats=$(grep -aE '^#[0-9]+:?[[:space:]]' "$log" | tail -n 1)
	execs=$(grep -aE 'stat::number_of_executed_units' "$log" |
	    awk '{ n += $2 } END { print n + 0 }')
	[ "$execs" = 0 ] &&
	    execs=$(printf '%s\n' "$stats" | sed -n 's/^#\([0-9]*\).*/\1/p')
	cov=$(printf '%s\n' "$stats" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	if [ "$ok" = 1 ]; then
		echo "ok   $h: ${execs} runs, coverage ${cov:-?} edges"
		pass=$((pass + 1))
	else
		echo "FAIL $h: ${execs} runs, coverage ${cov:-?} edges"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
