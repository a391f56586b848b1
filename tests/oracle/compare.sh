#!/usr/bin/env bash
# Cross-check the C engine against the Python oracle on random townships.
#
# usage: tests/oracle/compare.sh [N [GRIDSTAR]]       (run from the repository root)
#   N         seeds 1..N (default 50)
#   GRIDSTAR  the binary (default ./gridstar)
# environment:
#   FIRST=k         start at seed k instead of 1
#   KEEP=1          keep the work directory even when everything passes
#   ORACLE_FLAGS    extra oracle flags, e.g. ORACLE_FLAGS=--published-only if the engine ever
#                   stops writing results.csv for every earlier month
#
# For every seed: gen_random.py makes a township, both programs publish its month/stage
# (read from the generated site.ini and passed explicitly to both), then
#   diff -r --exclude='*.json' oracle/data engine/data     (byte-exact: BOM, CRLF, quoting)
#   results.json compared as JSON values (numbers exact via Decimal; "" and null equal).
# Prints `N passed, N failed` at the end; exit status 1 if any seed failed.

set -u
N=${1:-50}
BIN=${2:-./gridstar}
FIRST=${FIRST:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}

if [ ! -x "$BIN" ]; then
    echo "compare.sh: $BIN not found or not executable (build it first)" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gridstar-compare.XXXXXX")
pass=0
fail=0
failed_seeds=""

ini_get() { # file section key
    awk -v sec="[$2]" -v key="$3" '
        /^[ \t]*\[/ { gsub(/[ \t]/, ""); insec = ($0 == sec); next }
        insec && $0 ~ "^[ \t]*" key "[ \t]*=" { sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t\r]*$/, ""); print; exit }
    ' "$1"
}

json_cmp() { # a b
    "$PY" - "$1" "$2" <<'EOF'
import json, sys
from decimal import Decimal
def load(p):
    with open(p, encoding="utf-8-sig") as fh:
        return json.load(fh, parse_float=Decimal, parse_int=Decimal)
def norm(v):
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if v == "":
        return None
    return v
a, b = norm(load(sys.argv[1])), norm(load(sys.argv[2]))
if a == b:
    sys.exit(0)
if not isinstance(a, list) or not isinstance(b, list) or len(a) != len(b):
    print("  results.json: different shape (%s rows vs %s)" % (len(a) if isinstance(a, list) else "?",
                                                            len(b) if isinstance(b, list) else "?"))
    sys.exit(1)
shown = 0
for ra, rb in zip(a, b):
    if ra != rb and shown < 5:
        keys = list(ra) if isinstance(ra, dict) else []
        if isinstance(rb, dict) and list(rb) != keys:
            print("  results.json: key order/set differs: %s vs %s" % (keys, list(rb)))
        for k in keys:
            if isinstance(rb, dict) and ra.get(k) != rb.get(k):
                print("  results.json grid %s %s: oracle %r, engine %r" % (ra.get("grid"), k, ra.get(k), rb.get(k)))
        shown += 1
sys.exit(1)
EOF
}

for seed in $(seq "$FIRST" "$N"); do
    d="$WORK/$seed"
    mkdir -p "$d"
    if ! "$PY" "$HERE/gen_random.py" "$seed" "$d/in" 2>"$d/gen.err"; then
        echo "seed $seed: generator failed: $(head -3 "$d/gen.err")"
        fail=$((fail + 1)); failed_seeds="$failed_seeds $seed"; continue
    fi
    month=$(ini_get "$d/in/site.ini" publication month)
    stage=$(ini_get "$d/in/site.ini" publication stage)
    stage=${stage:-notice}
    ok=1
    # shellcheck disable=SC2086
    if ! "$PY" "$HERE/oracle.py" "$d/in" "$d/oracle" --month "$month" --stage "$stage" ${ORACLE_FLAGS:-} \
            >"$d/oracle.log" 2>&1; then
        echo "seed $seed: oracle failed: $(head -3 "$d/oracle.log")"
        ok=0
    fi
    if ! "$BIN" build --only data -t "$HERE/../../themes" -i "$d/in" -o "$d/engine" -m "$month" -s "$stage" >"$d/engine.log" 2>&1; then
        echo "seed $seed: gridstar failed (exit $?): $(head -3 "$d/engine.log")"
        ok=0
    fi
    if [ $ok = 1 ]; then
        if ! diff -r --exclude='*.json' "$d/oracle/data" "$d/engine/data" >"$d/diff.txt" 2>&1; then
            echo "seed $seed ($month $stage): data files differ:"
            head -20 "$d/diff.txt" | sed 's/^/  /'
            ok=0
        fi
        for j in "$d"/oracle/data/*/results.json; do
            [ -e "$j" ] || continue
            rel=${j#"$d/oracle/"}
            if [ ! -f "$d/engine/$rel" ]; then
                echo "seed $seed: engine has no $rel"; ok=0
            elif ! json_cmp "$j" "$d/engine/$rel"; then
                echo "seed $seed: $rel differs"; ok=0
            fi
        done
        for j in "$d"/engine/data/*/results.json; do
            [ -e "$j" ] || continue
            rel=${j#"$d/engine/"}
            [ -f "$d/oracle/$rel" ] || { echo "seed $seed: only the engine wrote $rel"; ok=0; }
        done
    fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); failed_seeds="$failed_seeds $seed"
    fi
done

if [ $fail = 0 ] && [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$WORK"
else
    echo "work directory kept: $WORK   (failed seeds:${failed_seeds:- none})"
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
