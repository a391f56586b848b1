#!/bin/sh
# Rewrite the expected files of every golden case from a fresh build,
# asking before replacing each file that changed.  Never run by `make check`.
set -u
cd "$(dirname "$0")/../.." || exit 2
for c in tests/golden/*/; do
	c=${c%/}
	[ -d "$c/expected" ] || continue
	if [ -f "$c/input" ]; then in=$(cat "$c/input"); else in=$c/input; fi
	args=$(cat "$c/args" 2>/dev/null)
	got=$(mktemp -d)
	# shellcheck disable=SC2086
	./gridstar build -i "$in" -o "$got/out" $args || exit 1
	for f in $(cd "$c/expected" && find . -type f | sort); do
		cmp -s "$c/expected/$f" "$got/out/$f" && continue
		diff "$c/expected/$f" "$got/out/$f" | head -40
		printf 'Replace %s/expected/%s? [y/N] ' "$c" "$f"
		read -r ans
		[ "$ans" = y ] && cp "$got/out/$f" "$c/expected/$f"
	done
	rm -rf "$got"
done
