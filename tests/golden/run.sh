#!/bin/sh
# Golden tests: publish each case's input and compare every file of its
# expected/ tree with what gridstar wrote (byte for byte).
# Cases: tests/golden/<case>/ with `input` (a folder, or a file naming one
# relative to the repository root), `args` (extra words) and expected/.
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
G=${GRIDSTAR:-./gridstar}
pass=0
fail=0
for c in tests/golden/*/; do
	c=${c%/}
	[ -d "$c/expected" ] || continue
	if [ -f "$c/input" ]; then in=$(cat "$c/input"); else in=$c/input; fi
	args=$(cat "$c/args" 2>/dev/null)
	got=$(mktemp -d)
	# shellcheck disable=SC2086
	if ! $G build -i "$in" -o "$got/out" $args >"$got/log" 2>&1; then
		echo "FAIL $c: gridstar failed"; cat "$got/log"
		fail=$((fail + 1)); rm -rf "$got"; continue
	fi
	bad=0
	for f in $(cd "$c/expected" && find . -type f | sort); do
		if ! cmp -s "$c/expected/$f" "$got/out/$f"; then
			echo "FAIL $c: $f differs"
			diff "$c/expected/$f" "$got/out/$f" | head -20
			bad=1
		fi
	done
	if [ $bad = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	rm -rf "$got"
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
