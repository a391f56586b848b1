#!/bin/sh
# The catalogue of bad inputs (issue 5).  Each folder tests/bad/<case>/ makes
# exactly one fault in a copy of tests/bad/base/ and says what gridstar must
# print.  See tests/bad/README.md for the format of a case.
#
# For every case: copy base/ to a temporary folder, apply the case (remove,
# then files/, then link), give it an out/ holding a good publication of
# base (built once per run), run
#     gridstar build -i input -o out $(cat args)
# with the temporary folder as working directory, and check that
#   - the exit status is 1,
#   - stderr is exactly the case's `expected`,
#   - out/ is byte-identical to the publication it held before,
#   - nothing was left beside it (no out.new-* staging folder).
#
# Usage: sh tests/bad/run.sh [CASE...]       (default: every case)
#        sh tests/bad/run.sh -s CASE          show what gridstar prints
# GRIDSTAR names the binary (default: the repository's ./gridstar).
# Ends with "N passed, N failed"; exit status 1 if any case failed.
set -u
export LC_ALL=C.UTF-8 TZ=UTC

here=$(cd "$(dirname "$0")" && pwd -P) || exit 2
repo=$(cd "$here/../.." && pwd -P) || exit 2
G=${GRIDSTAR:-$repo/gridstar}
case $G in
/*) ;;
*/*) G=$PWD/$G ;;
esac

show=0
if [ "${1:-}" = "-s" ]; then
	show=1
	shift
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/gridstar-bad.XXXXXX") || exit 2
T=$(cd "$T" && pwd -P)
trap 'rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP

# The previous, good publication every case starts from: built once.
mkdir "$T/base"
cp -R "$here/base/input" "$T/base/input"
ln -s "$repo/themes" "$T/base/themes"
if ! (cd "$T/base" && "$G" build -i input -o out) >"$T/base.log" 2>&1; then
	echo "FAIL base: the base input does not build"
	cat "$T/base.log"
	echo "0 passed, 1 failed"
	exit 1
fi

pass=0
fail=0

# no CASE WHY: count a failure.
no() {
	echo "FAIL $1: $2"
	fail=$((fail + 1))
}

# run_case DIR: set up, run and check one case.
run_case() {
	c=$1
	name=$(basename "$c")
	d=$T/case
	rm -rf "$d"
	mkdir "$d"
	cp -R "$T/base/input" "$d/input"
	cp -R "$T/base/out" "$d/out"
	ln -s "$repo/themes" "$d/themes"
	if [ -f "$c/remove" ]; then
		while IFS= read -r p || [ -n "$p" ]; do
			[ -n "$p" ] && rm -rf "${d:?}/$p"
		done <"$c/remove"
	fi
	if [ -d "$c/files" ]; then
		cp -R "$c/files/." "$d/"
	fi
	if [ -f "$c/link" ]; then
		while read -r p target || [ -n "$p" ]; do
			[ -n "$p" ] || continue
			rm -rf "${d:?}/$p"
			mkdir -p "$(dirname "$d/$p")"
			ln -s "$target" "$d/$p"
		done <"$c/link"
	fi
	args=
	if [ -f "$c/args" ]; then
		args=$(cat "$c/args")
	fi
	(cd "$d" && ls -A) >"$T/before"
	# shellcheck disable=SC2086 # args are words
	(cd "$d" && exec "$G" build -i input -o out $args) \
	    >"$T/stdout" 2>"$T/stderr.raw"
	rc=$?
	# The case's temporary folder is spelled @TMP@ in `expected`.
	sed "s|$d|@TMP@|g" "$T/stderr.raw" >"$T/stderr"
	if [ "$show" = 1 ]; then
		echo "== $name (exit $rc)"
		cat "$T/stderr"
		return
	fi
	(cd "$d" && ls -A) >"$T/after"
	ok=1
	if [ "$rc" -ne 1 ]; then
		no "$name" "exit status $rc, expected 1"
		ok=0
	fi
	if [ ! -f "$c/expected" ]; then
		no "$name" "no expected file"
		return
	fi
	if ! cmp -s "$c/expected" "$T/stderr"; then
		[ "$ok" = 1 ] && no "$name" "stderr differs from expected"
		ok=0
		diff -u "$c/expected" "$T/stderr" | sed -n '3,$p' | head -n 40
	fi
	if ! diff -r "$T/base/out" "$d/out" >"$T/outdiff" 2>&1; then
		[ "$ok" = 1 ] && no "$name" "out/ changed"
		[ "$ok" = 0 ] && echo "  and out/ changed:"
		ok=0
		head -n 20 "$T/outdiff"
	fi
	if ! cmp -s "$T/before" "$T/after"; then
		[ "$ok" = 1 ] && no "$name" "left files beside out/"
		[ "$ok" = 0 ] && echo "  and left files beside out/:"
		ok=0
		diff "$T/before" "$T/after" | sed -n 's/^> /  /p'
	fi
	[ "$ok" = 1 ] && pass=$((pass + 1))
}

if [ $# -gt 0 ]; then
	for n in "$@"; do
		n=${n%/}
		n=${n##*/}
		if [ "$n" != base ] && [ -d "$here/$n" ]; then
			run_case "$here/$n"
		else
			no "$n" "no such case"
		fi
	done
else
	for c in "$here"/*/; do
		c=${c%/}
		[ "$(basename "$c")" = base ] && continue
		run_case "$c"
	done
fi
[ "$show" = 1 ] && exit 0
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
