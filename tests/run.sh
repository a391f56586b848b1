#!/bin/sh
# Run every test suite and end with one line: "N passed, N failed".
# Each suite prints either cmocka's summary or its own "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
PYTHON=${PYTHON:-python3}
export LC_ALL=C.UTF-8 TZ=UTC
# Under `make check-valgrind`, VALGRIND holds the valgrind command: every
# test program and every gridstar run goes through it.
VALGRIND=${VALGRIND:-}
GRIDSTAR=${GRIDSTAR:-$PWD/gridstar}
if [ -n "$VALGRIND" ]; then
	wrap=$(mktemp -d)
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VALGRIND" "$GRIDSTAR" >"$wrap/gridstar"
	chmod +x "$wrap/gridstar"
	GRIDSTAR=$wrap/gridstar
fi
export GRIDSTAR
total_pass=0
total_fail=0
log=$(mktemp)
trap 'rm -f "$log"; [ -n "${wrap:-}" ] && rm -rf "$wrap"' EXIT

# suite NAME COMMAND...: run, show its output, add up its counts.
suite() {
	name=$1
	shift
	echo "== $name"
	t0=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	echo "   ($name: $(($(date +%s) - t0)) s)"
	p=$(sed -n 's/^.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	if [ -z "$p$f" ]; then
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
		p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
		f=$(echo "$line" | sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p')
	fi
	p=${p:-0}
	f=${f:-0}
	# A suite that crashed or failed without counting counts as one failure.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

for t in tests/unit/test_num tests/unit/test_date tests/unit/test_csvin \
    tests/unit/test_rules tests/unit/test_tmpl tests/unit/test_qr \
    tests/unit/test_font tests/unit/test_md tests/unit/test_pdf \
    tests/unit/test_settings tests/unit/test_strs tests/unit/test_diag; do
	# shellcheck disable=SC2086
	[ -x "$t" ] && suite "$(basename "$t")" $VALGRIND "$t"
done
# The official spec lives in ../shared beside the checkout (as in CI).
SPEC=${MUSTACHE_SPEC:-../shared/mustache-spec}
[ -d "$SPEC" ] || echo "note: $SPEC not found: Mustache spec suite skipped"
[ -x tests/spec/mustache_spec ] && [ -d "$SPEC" ] &&
	suite mustache-spec $VALGRIND tests/spec/mustache_spec \
	    "$SPEC"/*.json tests/spec/template.txt
[ -f tests/spec/run_spec.py ] &&
	suite rules-spec "$PYTHON" tests/spec/run_spec.py tests/spec/rules.txt
[ -f tests/golden/run.sh ] && suite golden sh tests/golden/run.sh
[ -f tests/site/run.sh ] && suite site sh tests/site/run.sh
[ -f tests/boards/run.sh ] && suite boards sh tests/boards/run.sh
[ -f tests/bad/run.sh ] && suite bad-input sh tests/bad/run.sh
[ -f tests/oracle/compare.sh ] &&
	suite oracle bash tests/oracle/compare.sh "${ORACLE_SEEDS:-30}" "$GRIDSTAR"
[ -f tests/cli.sh ] && suite cli sh tests/cli.sh
[ -f tests/safety.sh ] && suite safety sh tests/safety.sh
man_lint() {
	mandoc -Tlint -Werror man/gridstar.1 man/gridstar.5 &&
	    echo "1 passed, 0 failed"
}
command -v mandoc >/dev/null && suite man-lint man_lint

echo
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
