#!/bin/sh
# Safety tests of publication (issue 5): a build killed at many moments
# leaves out/ exactly old or exactly new; a full disk and an unwritable
# output are clear errors that keep the old tree; two builds give the same
# bytes under another time zone, locale, working directory and file order;
# inspection notes, issue details and '#' columns never reach out/.
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
G=${GRIDSTAR:-$ROOT/gridstar}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $1"; fail=$((fail + 1)); }

# Text of a tree, PDFs as their text, for grepping.
tree_text() {
	find "$1" -type f | sort | while read -r f; do
		case $f in
		*.pdf) pdftotext -q "$f" - 2>/dev/null ;;
		*.png) ;;
		*) cat "$f" ;;
		esac
	done
}

# Two inputs whose publications differ: the sample at notice and at final.
"$G" build -i input -o "$T/old" -s notice >/dev/null 2>&1 || no "build old"
"$G" build -i input -o "$T/new" -s final >/dev/null 2>&1 || no "build new"
if diff -r "$T/old" "$T/new" >/dev/null; then no "notice and final builds are the same"; fi

# Kill a build at 20 moments spread over its run time (fewer under
# valgrind, where each build takes minutes: SAFETY_KILLS).
KILLS=${SAFETY_KILLS:-20}
start=$(date +%s%N)
"$G" build -i input -o "$T/timing" -s final >/dev/null 2>&1
ns=$(( $(date +%s%N) - start ))
i=1
while [ $i -le "$KILLS" ]; do
	rm -rf "$T/out"
	cp -R "$T/old" "$T/out"
	delay=$(awk -v n="$ns" -v i="$i" -v k="$KILLS" \
	    'BEGIN { printf "%.4f", n * i / (k + 1) / 1e9 }')
	"$G" build -i input -o "$T/out" -s final >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	if diff -r "$T/old" "$T/out" >/dev/null 2>&1 ||
	    diff -r "$T/new" "$T/out" >/dev/null 2>&1; then ok; else
		no "killed after ${delay}s: out/ is neither the old nor the new tree"
	fi
	i=$((i + 1))
done
# The next build clears what the killed ones left beside out/ (after a
# moment: the workers of a killed build die just after it).
sleep 1
"$G" build -i input -o "$T/out" -s final >/dev/null 2>&1
[ -z "$(ls -d "$T"/out.new-* 2>/dev/null)" ] && ok || no "staging folders left behind"
# A build killed just after its swap leaves its old tree in a staging
# folder while out/ is complete: an unchanged rebuild clears it too.
mkdir -p "$T/out.new-AbC123/g" && echo x >"$T/out.new-AbC123/g/f"
"$G" build -i input -o "$T/out" -s final >"$T/log" 2>&1
grep -q 'nothing to do' "$T/log" && [ ! -e "$T/out.new-AbC123" ] && ok ||
	no "an unchanged rebuild left a staging folder behind"

# A full disk: the file-size limit makes writes fail (EFBIG) like ENOSPC.
rm -rf "$T/out"
cp -R "$T/old" "$T/out"
(trap '' XFSZ; ulimit -f 8; "$G" build -i input -o "$T/out" -s final) \
    >/dev/null 2>"$T/err"
st=$?
[ $st = 1 ] && ok || no "full disk: exit $st, expected 1"
grep -q 'File too large' "$T/err" && ok || no "full disk: no clear message"
diff -r "$T/old" "$T/out" >/dev/null && ok || no "full disk changed out/"
[ -z "$(ls -d "$T"/out.new-* 2>/dev/null)" ] && ok || no "full disk left a staging folder"

# An output folder that cannot be created.
: >"$T/afile"
"$G" build -i input -o "$T/afile/out" >/dev/null 2>"$T/err"
st=$?
[ $st = 1 ] && ok || no "unwritable output: exit $st"
grep -q 'afile/out' "$T/err" && ok || no "unwritable output: no message naming it"

# Same input, same bytes: another TZ, locale, working directory, file order.
mkdir -p "$T/wd"
cp -R input "$T/wd/in1"
mkdir -p "$T/wd/in2"
# Copy in reverse order so that directory order differs.
(cd input && find . -type d | sort -r | while read -r d; do mkdir -p "$T/wd/in2/$d"; done
 find . -type f | sort -r | while read -r f; do cp -p "$f" "$T/wd/in2/$f"; done)
(cd "$T/wd" && TZ=Pacific/Kiritimati LANG=zh_CN.GB18030 LC_ALL= "$G" build -i in2 -o "$T/repro" -t "$ROOT/themes" >/dev/null 2>&1)
TZ=America/Los_Angeles LC_ALL=C "$G" build -i input -o "$T/repro2" >/dev/null 2>&1
diff -r "$T/old" "$T/repro" >/dev/null && ok || no "build under another TZ, locale, cwd and file order differs"
diff -r "$T/old" "$T/repro2" >/dev/null && ok || no "build under another TZ differs"

# -j 1 and -j 2 give the same bytes.
"$G" build -i input -o "$T/j1" -j 1 >/dev/null 2>&1
"$G" build -i input -o "$T/j2" -j 2 >/dev/null 2>&1
diff -r "$T/j1" "$T/j2" >/dev/null && ok || no "-j 1 and -j 2 differ"

# The month files are parsed ahead by threads (-j): the messages, their
# order and the cap of 100 per file are the same as reading one by one.
# Bad rows in many files of many months, 150 in one of them, a file that is
# not CSV text in another.
cp -R input "$T/badin"
bad_row() {	# FILE N: append N rows of "X9" cells, as many as the header's
	n=$(head -n 1 "$1" | tr -cd , | wc -c)
	row=X9; i=0
	while [ $i -lt "$n" ]; do row="$row,X9"; i=$((i + 1)); done
	i=0
	while [ $i -lt "$2" ]; do echo "$row" >>"$1"; i=$((i + 1)); done
}
for m in 2025-02 2025-06 2025-11 2026-03 2026-09 2026-10; do
	for f in inspections evaluations issues feedback frontage; do
		bad_row "$T/badin/$m/$f.csv" 2
	done
done
bad_row "$T/badin/2026-05/issues.csv" 150
printf '\377\376\000x\n' >"$T/badin/2025-08/reviews.csv"
"$G" check -i "$T/badin" -j 1 >"$T/j1.out" 2>"$T/j1.err"; rc1=$?
"$G" check -i "$T/badin" -j 4 >"$T/j4.out" 2>"$T/j4.err"; rc4=$?
files=$(sed -n 's/^gridstar: \([^:]*\.csv\):.*/\1/p' "$T/j1.err" | sort -u | wc -l)
if [ $rc1 -eq 1 ] && [ $rc4 -eq 1 ] && [ "$files" -ge 30 ] &&
    grep -q "more errors not shown" "$T/j1.err" &&
    cmp -s "$T/j1.err" "$T/j4.err" && cmp -s "$T/j1.out" "$T/j4.out"; then
	ok
else
	no "check -j 1 and -j 4 report differently (exit $rc1/$rc4, $files files)"
fi

# The rules take months in two threads (-j): grids that cannot be rated in
# five months (their inspections emptied) are reported in month order, the
# same as with -j 1.
cp -R input "$T/urin"
for m in 2025-03 2025-08 2026-01 2026-06 2026-10; do
	head -n 1 "$T/urin/$m/inspections.csv" >"$T/urin/x.csv"
	mv "$T/urin/x.csv" "$T/urin/$m/inspections.csv"
done
"$G" check -i "$T/urin" -j 1 >"$T/u1.out" 2>"$T/u1.err"; rc1=$?
"$G" check -i "$T/urin" -j 4 >"$T/u4.out" 2>"$T/u4.err"; rc4=$?
months=$(sed -n 's/^gridstar: [^ ]*: \(20[0-9-]*\): grid .* cannot be rated .*/\1/p' "$T/u1.err" | uniq | tr '\n' ' ')
if [ $rc1 -eq 1 ] && [ $rc4 -eq 1 ] &&
    [ "$months" = "2025-03 2025-08 2026-01 2026-06 2026-10 " ] &&
    cmp -s "$T/u1.err" "$T/u4.err" && cmp -s "$T/u1.out" "$T/u4.out"; then
	ok
else
	no "rules with -j 1 and -j 4 report differently (exit $rc1/$rc4, months $months)"
fi

# Incremental: unchanged input rewrites no file; one village's change
# rewrites its board but not another village's.
stamp() { find "$1" -type f -printf '%P %i %T@\n' | sort; }
stamp "$T/j1" >"$T/s1"
"$G" build -i input -o "$T/j1" >"$T/log" 2>&1
stamp "$T/j1" >"$T/s2"
cmp -s "$T/s1" "$T/s2" && ok || no "an unchanged rebuild rewrote files"
grep -q 'nothing to do' "$T/log" && ok || no "an unchanged rebuild did work"
cp -R input "$T/inc"
printf '410182101005001,测试路,,,,,\n' >>"$T/inc/2026-10/inspections.csv"
"$G" build -i "$T/inc" -o "$T/j1" >/dev/null 2>&1 || no "incremental build failed"
stamp "$T/j1" >"$T/s3"
grep -q '^boards/410182101007000.pdf ' "$T/s3" &&
    [ "$(grep '^boards/410182101007000.pdf ' "$T/s2")" = \
      "$(grep '^boards/410182101007000.pdf ' "$T/s3")" ] && ok ||
	no "another village's board was rewritten"
[ "$(grep '^boards/410182101005000.pdf ' "$T/s2")" != \
  "$(grep '^boards/410182101005000.pdf ' "$T/s3")" ] && ok ||
	no "the changed village's board was not rewritten"
# QR codes depend only on their URL: not one is rewritten.
[ "$(grep -c '^qr/' "$T/s3")" -gt 100 ] &&
    [ "$(grep '^qr/' "$T/s2")" = "$(grep '^qr/' "$T/s3")" ] && ok ||
	no "a QR code file was rewritten"
# What does not show the change is not rewritten: an earlier month's page
# and another village's card (this month's pages of the town's other
# grids show their ranks, which the change moves); the changed grid's
# page is.
for f in g/410182101007001/2026-09/index.html \
    g/410182101005001/2026-09/index.html boards/410182101007001-card.pdf; do
	[ "$(grep "^$f " "$T/s2")" = "$(grep "^$f " "$T/s3")" ] && ok ||
		no "$f was rewritten"
done
[ "$(grep '^g/410182101005001/index.html ' "$T/s2")" != \
  "$(grep '^g/410182101005001/index.html ' "$T/s3")" ] && ok ||
	no "the changed grid's page was not rewritten"

# Never published: plant sentinels in notes, details and '#' columns.
cp -R input "$T/priv"
python3 - "$T/priv" <<'PY'
import sys, os, glob
d = sys.argv[1]
# Notes and details: replace whole columns by sentinels.
import csv, io
def set_col(path, names, value):
    raw = open(path, "rb").read()
    enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try: text = raw.decode(enc)
    except UnicodeDecodeError: enc = "gb18030"; text = raw.decode(enc)
    rows = list(csv.reader(io.StringIO(text)))
    idx = [i for i, h in enumerate(rows[0]) if h.strip().lower() in names]
    if not idx:
        rows[0].append(sorted(names)[0]); idx = [len(rows[0]) - 1]
        for r in rows[1:]:
            if r: r.append("")
    for r in rows[1:]:
        if r:
            for i in idx: r[i] = value
    buf = io.StringIO(); csv.writer(buf, lineterminator="\n").writerows(rows)
    open(path, "w", encoding=enc).write(buf.getvalue())
for mon in sorted(glob.glob(os.path.join(d, "20*"))):
    if os.path.exists(os.path.join(mon, "inspections.csv")):
        set_col(os.path.join(mon, "inspections.csv"), {"note", "备注"}, "SENTINEL-NOTE-7f3a")
    if os.path.exists(os.path.join(mon, "issues.csv")):
        set_col(os.path.join(mon, "issues.csv"), {"detail", "详情"}, "SENTINEL-DETAIL-7f3a")
set_col(os.path.join(d, "grids.csv"), {"#secret"}, "SENTINEL-HASH-7f3a")
PY
"$G" build -i "$T/priv" -o "$T/privout" >/dev/null 2>"$T/err" || { no "privacy build failed"; cat "$T/err"; }
if tree_text "$T/privout" | grep -q 'SENTINEL-'; then
	no "a note, detail or # column reached out/:"
	grep -rl 'SENTINEL-' "$T/privout" | head
else ok; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
