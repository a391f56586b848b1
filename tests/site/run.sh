#!/bin/sh
# Tests of the public website (issue 3).  Builds the sample into a temporary
# folder and checks it: golden pages, links, other hosts, escaping of a
# hostile grid name, a notice with raw HTML, page sizes, language, two
# builds byte-identical, `gridstar check` on broken notices and themes, and
# the Nu HTML checker (npm package vnu-jar, run with java).
#
#	sh tests/site/run.sh		run every check
#	sh tests/site/run.sh regen	rewrite tests/site/golden/ from the sample
#
# Ends with one line "N passed, N failed"; exits 1 when anything failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C.UTF-8 TZ=UTC
PYTHON=${PYTHON:-python3}
SITE=tests/site
GOLDEN=$SITE/golden
CHECK="$PYTHON $SITE/check_site.py"
VNU=$SITE/node_modules/vnu-jar/build/dist/vnu.jar
BASE=https://wgh.example.gov.cn/
# Pages compared byte for byte with $GOLDEN (paths under the output root).
PAGES="index.html
g/410182101001001/index.html
g/410182101001001/2025-06/index.html
v/410182101005000/index.html
t/410182101000000/index.html
m/2026-10/index.html
y/2025/index.html
notices/2026-10-star-rating/index.html
search/index.html
search/index.js
feed.xml
robots.txt
404.html"
# The same for the sample published at stage final (reviews applied).
FINAL_PAGES="g/410182101010002/index.html
index.html"
# A grid name that would run script if it were not escaped.
EVIL='<script>alert(1)</script>"&'"'"
EVIL_HTML='&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;'
EVIL_JS='\u003cscript\u003ealert(1)\u003c/script\u003e\"\u0026'"'"
EVIL_GRID=410182101001001

pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
	pass=$((pass + 1))
	echo "ok - $1"
}

not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	[ -s "$tmp/log" ] && sed 's/^/    /' "$tmp/log" | head -n 40
}

# check NAME COMMAND...: one test, passing when COMMAND exits 0.
check() {
	name=$1
	shift
	if "$@" >"$tmp/log" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
	fi
}

# build NAME ARGS...: build into $tmp/NAME; a failed build is a failure.
build() {
	name=$1
	shift
	if $G build -o "$tmp/$name" "$@" >"$tmp/log" 2>&1; then
		ok "build $name"
		return 0
	fi
	not_ok "build $name"
	return 1
}

G=${GRIDSTAR:-./gridstar}
[ -x ./gridstar ] || make gridstar >/dev/null || exit 2

build sample -i input || { echo "$pass passed, $fail failed"; exit 1; }
build final -i input -s final
OUT=$tmp/sample

if [ "${1:-}" = regen ]; then
	for p in $PAGES; do
		mkdir -p "$GOLDEN/sample/$(dirname "$p")"
		cp "$OUT/$p" "$GOLDEN/sample/$p"
	done
	for p in $FINAL_PAGES; do
		mkdir -p "$GOLDEN/final/$(dirname "$p")"
		cp "$tmp/final/$p" "$GOLDEN/final/$p"
	done
	echo "rewrote $GOLDEN; review the diff before committing it"
	exit 0
fi

# Golden pages, byte for byte.
for p in $PAGES; do
	check "golden sample/$p" diff -u "$GOLDEN/sample/$p" "$OUT/$p"
done
for p in $FINAL_PAGES; do
	check "golden final/$p" diff -u "$GOLDEN/final/$p" "$tmp/final/$p"
done

# The same inputs give the same bytes.
build again -i input &&
	check "two builds are byte-identical" diff -r "$OUT" "$tmp/again"

# The tree itself.
for o in sample final; do
	check "$o: internal links and assets resolve" $CHECK links \
	    "$tmp/$o" "$BASE"
	check "$o: no reference to another host" $CHECK hosts "$tmp/$o" "$BASE"
	check "$o: pages under 60 KB, stylesheet under 20 KB" $CHECK sizes \
	    "$tmp/$o"
	check "$o: every page is lang=zh-CN" $CHECK lang "$tmp/$o"
done
check "every page kind is there" sh -c "cd '$OUT' && ls index.html \
    404.html robots.txt sitemap.xml feed.xml notices/index.html \
    data/index.html search/index.html search/index.js \
    y/2026/index.html y/2025/index.html m/2025-01/index.html \
    t/410182101000000/index.html v/410182101001000/index.html \
    g/$EVIL_GRID/index.html g/$EVIL_GRID/2026-10/index.html \
    assets/style.css"
check "the grid page has its QR code, tel: link and board" $CHECK present \
    "$OUT/g/$EVIL_GRID/index.html" '<svg' 'href="tel:' \
    'href="../../boards/410182101001000.pdf"'
check "notice stage shows the deadline, final says 审定" sh -c "
    grep -q '2026年11月9日' '$OUT/index.html' &&
    grep -q '预计奖补' '$OUT/g/$EVIL_GRID/index.html' &&
    grep -q '审定' '$tmp/final/index.html' &&
    grep -q '应发奖补' '$tmp/final/g/$EVIL_GRID/index.html'"
check "feed and sitemap use absolute addresses" sh -c "
    grep -q '<id>${BASE}notices/2026-10-star-rating/</id>' '$OUT/feed.xml' &&
    grep -q '<loc>${BASE}g/$EVIL_GRID/</loc>' '$OUT/sitemap.xml'"

# A hostile grid name and a notice with raw HTML.
mkdir -p "$tmp/evil"
cp -R input "$tmp/evil/input"
$PYTHON - "$tmp/evil/input/grids.csv" "$EVIL_GRID" "$EVIL" <<'EOF'
import csv, sys
path, gid, name = sys.argv[1:4]
with open(path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
for r in rows:
    if r[0] == gid:
        r[1] = name
with open(path, "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
EOF
cat >"$tmp/evil/input/notices/zz-raw-html.md" <<'EOF'
title: 测试公告<script>alert(2)</script>
date: 2026-11-03

正文<script>alert(3)</script>

<iframe src="https://evil.example/"></iframe>

<p onclick="alert(4)">点击</p>

[点我](javascript:alert(5)) <a href="javascript:alert(6)">链接</a>
EOF
if build evil -i "$tmp/evil/input"; then
	check "a hostile grid name is escaped everywhere" $CHECK absent \
	    "$tmp/evil" '<script>alert'
	check "the hostile name is shown, escaped, on its page" $CHECK present \
	    "$tmp/evil/g/$EVIL_GRID/index.html" "$EVIL_HTML"
	check "the hostile name is escaped in the search index" $CHECK present \
	    "$tmp/evil/search/index.js" "$EVIL_JS"
	check "a notice loses raw HTML and javascript: links" $CHECK absent \
	    "$tmp/evil/notices" '<iframe' 'onclick' 'javascript:' \
	    'evil.example' '<script'
	check "evil: no reference to another host" $CHECK hosts "$tmp/evil" \
	    "$BASE"
	check "evil: internal links resolve" $CHECK links "$tmp/evil" "$BASE"
fi

# `gridstar check` reports notice and theme problems.
mkdir -p "$tmp/bad"
cp -R input "$tmp/bad/input"
printf 'titel: x\ndate: 2026-13-01\n\ntext\n' \
    >"$tmp/bad/input/notices/bad-header.md"
printf '# no header\n' >"$tmp/bad/input/notices/no-header.md"
$G check -i "$tmp/bad/input" >"$tmp/bad/out" 2>&1
rc=$?
cp "$tmp/bad/out" "$tmp/log"
check "check: a broken notice header is an error" sh -c "[ $rc = 1 ] &&
    grep -q 'gridstar: $tmp/bad/input/notices/bad-header.md:1: unknown header \"titel\"' '$tmp/bad/out' &&
    grep -q 'gridstar: $tmp/bad/input/notices/bad-header.md:2: bad date \"2026-13-01\"' '$tmp/bad/out' &&
    grep -q 'gridstar: $tmp/bad/input/notices/no-header.md:1: expected a header line' '$tmp/bad/out'"
$G check -i input -t "$tmp/no-themes" >"$tmp/bad/out" 2>&1
rc=$?
cp "$tmp/bad/out" "$tmp/log"
check "check: a missing theme folder is an error" sh -c "[ $rc = 1 ] &&
    grep -q 'gridstar: $tmp/no-themes/default: No such file or directory' '$tmp/bad/out'"
mkdir -p "$tmp/themes"
cp -R themes/default "$tmp/themes/default"
printf '<p>{{#grid}}{{name}}</p>\n' >"$tmp/themes/default/grid.html"
rm "$tmp/themes/default/feed.xml"
$G check -i input -t "$tmp/themes" >"$tmp/bad/out" 2>&1
rc=$?
cp "$tmp/bad/out" "$tmp/log"
check "check: a broken or missing template is an error" sh -c "[ $rc = 1 ] &&
    grep -q 'gridstar: $tmp/themes/default/grid.html:1: unclosed section' '$tmp/bad/out' &&
    grep -q 'gridstar: $tmp/themes/default/feed.xml: No such file or directory' '$tmp/bad/out'"
: >"$tmp/log"

# The Nu HTML checker, when java and npm are there.
if ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1
then
	echo "notice: java or npm is missing; the Nu HTML checker was skipped" \
	    "(apt-get install default-jre-headless npm)"
else
	if [ ! -f "$VNU" ]; then
		(cd "$SITE" && npm install --no-audit --no-fund --ignore-scripts \
		    --no-package-lock) >"$tmp/log" 2>&1 ||
			not_ok "npm install vnu-jar"
	fi
	if [ -f "$VNU" ]; then
		for o in sample final evil; do
			[ -d "$tmp/$o" ] || continue
			check "$o: every page passes the Nu HTML checker" \
			    java -jar "$VNU" --errors-only --skip-non-html \
			    "$tmp/$o"
		done
	fi
fi

# A large publication (1,300 sub-grids, from the benchmark's generator):
# its month pages and home page show a table of the towns, not every grid
# nor the warned grids by name, its year page ranks villages only, its
# search page lists the towns (the search index keeps every grid), and
# they stay valid; the sample's list the grids.
big_month_page() {
	cc -std=c11 -O2 -o "$tmp/gen" tests/bench/gen.c &&
	    "$tmp/gen" 1300 "$tmp/big-in" 2 >/dev/null &&
	    ./gridstar build -i "$tmp/big-in" -o "$tmp/big" --only site -j 2 \
	    >/dev/null 2>&1 &&
	    m=$(ls -d "$tmp"/big/m/*/ | tail -n 1) &&
	    for f in "$m/index.html" "$tmp/big/index.html"; do
		grep -q '本次发布的网格较多' "$f" &&
		    grep -q 'class="towns"' "$f" &&
		    ! grep -q 'class="grids"' "$f" &&
		    ! grep -q 'class="names"' "$f" &&
		    [ "$(wc -c < "$f")" -lt 61440 ] || return 1
	    done &&
	    y=$(ls -d "$tmp"/big/y/*/ | tail -n 1) &&
	    grep -q '本次发布的网格较多' "$y/index.html" &&
	    ! grep -q 'id="h-yg-' "$y/index.html" &&
	    grep -q 'id="h-yv-' "$y/index.html" &&
	    [ "$(wc -c < "$y/index.html")" -lt 61440 ] &&
	    s="$tmp/big/search/index.html" &&
	    grep -q '本次发布的网格较多' "$s" &&
	    grep -q 'href="../t/' "$s" &&
	    ! grep -q 'href="../g/' "$s" &&
	    grep -q '"g/' "$tmp/big/search/index.js" &&
	    [ "$(wc -c < "$s")" -lt 61440 ] &&
	    grep -q 'href="../g/' "$OUT/search/index.html" &&
	    ! grep -q '本次发布的网格较多' "$OUT/search/index.html" &&
	    grep -q 'id="h-yg-' "$OUT/y/2026/index.html" &&
	    ! grep -q '本次发布的网格较多' "$OUT/y/2026/index.html" &&
	    grep -q 'class="grids"' "$OUT/m/2026-10/index.html" &&
	    grep -q 'class="names"' "$OUT/index.html" &&
	    ! grep -q 'class="towns"' "$OUT/index.html" &&
	    ! grep -q '本次发布的网格较多' "$OUT/m/2026-10/index.html" &&
	    { [ ! -f "$VNU" ] || java -jar "$VNU" --errors-only \
	    "$m/index.html" "$tmp/big/index.html" "$y/index.html" "$s"; }
}
check "the month, home, year and search pages of 1,300 sub-grids list towns or villages, not grids" \
    big_month_page

# More pages than one sitemap may list (50,000: 1,300 sub-grids over 40
# months): sitemap.xml is an index of sitemap-N.xml files, each within the
# limit, which together list every page once.
big_sitemap() {
	"$tmp/gen" 1300 "$tmp/big40-in" 40 >/dev/null &&
	    ./gridstar build -i "$tmp/big40-in" -o "$tmp/big40" --only site \
	    >/dev/null 2>&1 &&
	    grep -q '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
	    "$tmp/big40/sitemap.xml" &&
	    ! grep -q '<url>' "$tmp/big40/sitemap.xml" &&
	    [ "$(grep -c '<sitemap><loc>https://wgh.example.gov.cn/sitemap-[0-9]*.xml</loc></sitemap>' \
	    "$tmp/big40/sitemap.xml")" -eq 2 ] &&
	    for f in "$tmp/big40/sitemap-1.xml" "$tmp/big40/sitemap-2.xml"; do
		[ "$(grep -c '<url>' "$f")" -le 50000 ] || return 1
	    done &&
	    pages=$(cd "$tmp/big40" && find . -name index.html |
	    sed 's|^\./||; s|index.html$||; s|^$|index.html|' | sort) &&
	    listed=$(cat "$tmp/big40"/sitemap-*.xml | sed -n \
	    's|^<url><loc>https://wgh.example.gov.cn/\(.*\)</loc></url>$|\1|p' |
	    sort) &&
	    [ "$(echo "$pages" | wc -l)" -gt 50000 ] &&
	    [ "$pages" = "$listed" ] &&
	    grep -q '<urlset' "$OUT/sitemap.xml" &&
	    [ ! -e "$OUT/sitemap-1.xml" ]
}
check "over 50,000 pages: sitemap.xml indexes sitemaps of 50,000 at most" \
    big_sitemap

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
