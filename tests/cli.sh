#!/bin/sh
# Command-line tests: options, exit statuses, and what a failed or checking
# run leaves in the output folder.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
G=${GRIDSTAR:-$PWD/gridstar}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() {
	pass=$((pass + 1))
}
no() {
	echo "FAIL: $1"
	fail=$((fail + 1))
}
# expect STATUS DESCRIPTION COMMAND...: run, compare the exit status.
expect() {
	want=$1
	what=$2
	shift 2
	"$@" >"$T/stdout" 2>"$T/stderr"
	got=$?
	if [ "$got" = "$want" ]; then ok; else
		no "$what: exit $got, expected $want"
		cat "$T/stderr"
	fi
}

expect 0 "--help" "$G" --help
grep -q '^Usage: gridstar build' "$T/stdout" && ok || no "--help prints usage on stdout"
expect 0 "--version" "$G" --version
[ "$(cat "$T/stdout")" = "gridstar 0.1.0" ] && ok || no "--version text"
expect 2 "no command" "$G"
expect 2 "unknown command" "$G" publish
expect 2 "unknown option" "$G" build --frobnicate
[ "$(cat "$T/stderr")" = "gridstar: unknown option '--frobnicate'
Try 'gridstar --help'." ] && ok || no "unknown option message"
expect 2 "bad month" "$G" build -m 2026-13
expect 2 "bad stage" "$G" build -s draft
expect 2 "missing value" "$G" build -i
# Every long option of --help is documented in the man page.
if [ -f man/gridstar.1 ]; then
	for o in $("$G" --help | grep -o -- '--[a-z]*' | sort -u); do
		grep -q -- "${o#--}" man/gridstar.1 && ok || no "man page lacks $o"
	done
fi

# check writes nothing.
expect 0 "check on the sample" "$G" check -i input -o "$T/never"
[ ! -e "$T/never" ] && ok || no "check wrote an output folder"

# A good build replaces the output; a bad one leaves it as it was.
mkdir -p "$T/out"
echo old >"$T/out/marker"
expect 0 "build the sample" "$G" build -i input -o "$T/out"
[ ! -e "$T/out/marker" ] && [ -f "$T/out/data/2026-10/results.csv" ] && ok ||
	no "build did not replace the output folder"
cp -R input "$T/bad"
printf 'a,b\n' >>"$T/bad/grids.csv"
cp -R "$T/out" "$T/before"
expect 1 "build with a bad grids.csv" "$G" build -i "$T/bad" -o "$T/out"
grep -q 'grids.csv:[0-9]*: row has 2 fields' "$T/stderr" && ok ||
	no "bad grids.csv message"
diff -r "$T/before" "$T/out" >/dev/null && ok || no "failed build changed out/"
ls "$T" | grep -q 'out\.new' && no "staging folder left behind" || ok

# The same input gives the same bytes, whatever the time zone or locale.
expect 0 "second build" env TZ=Asia/Shanghai LC_ALL=C "$G" build -i input -o "$T/again"
diff -r "$T/out" "$T/again" >/dev/null && ok || no "two builds differ"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
