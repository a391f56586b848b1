#!/bin/sh
# The benchmark of issue 6: `N=10000 tests/bench/run.sh` (or `make bench N=…`).
#
# Builds tests/bench/gen and tests/bench/writer, generates N sub-grids of
# input (12 months of every monthly file) in a work dir, then measures,
# alternating the runs and taking the median of REPS (default 3):
#   build        gridstar build, whole
#   -boards      gridstar build --only data,site,qr   (when --only exists)
#   data, site, qr, boards   each stage alone with --only
#   writer       the minimal writer (tests/bench/writer.c) writing the same
#                files and bytes as `build` wrote, without boards/ and all
#   hugo         Hugo building one page per grid from front matter
# then, once: an incremental rebuild into the same out/ (every file's mtime
# compared), and -j 1 against -j 2 (diff -r).  Prints a table (wall and CPU
# seconds, peak memory, files, files per second) and the ratios.
#
# Exit status: 0 ok; 1 if a build failed, -j 1 and -j 2 differ (when
# --help lists -j), or the incremental rebuild rewrote a file (when --help
# speaks of incremental builds, or BENCH_INCREMENTAL=check); 2 set-up failed.
#
# Environment:
#   N           sub-grids (default 10000; also the first argument)
#   MONTHS      months of input (default 12)
#   REPS        runs of each measurement, median taken (default 3)
#   BENCH_DIR   work dir (default /tmp/gridstar-bench-N); everything goes there
#   GRIDSTAR    the binary (default ./gridstar of this repo, built if missing);
#               it and themes/ are copied into the work dir first
#   CC          C compiler for gen and writer (default cc)
#   BENCH_HUGO=0            skip Hugo
#   BENCH_WRITER_BYTES=1    the writer writes the very bytes (read into
#                           memory first), not filler of the same sizes
#   BENCH_INCREMENTAL=check|report   fail on a rewritten file, or only say so
#                           (default: check when --help mentions incremental)
#   BENCH_KEEP=1            keep the output trees (default: removed at the end)
#   BENCH_SETTLE            seconds to wait after deleting trees, before the
#                           next timed run (default 70; see retire below)
#   BENCH_ROWS="pages hugo" only these rows (labels as in the results file:
#                           build ingest noboards writer-noboards writer-all
#                           site pages hugo data qr boards villages cards
#                           print incr j1); without build, no incremental or
#                           -j check
#   BENCH_QUICK=1           for CI: one round of the rows the targets are read
#                           from (no writer of all of out/, no whole-site,
#                           data, qr, whole-boards, cards or print-file row),
#                           and no tree deleted
#                           (deleting 100,000s of files takes minutes here;
#                           they are left in the work dir unless the disk runs
#                           short)
set -u
export LC_ALL=C.UTF-8 TZ=UTC

REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/tests/bench
N=${1:-${N:-10000}}
MONTHS=${MONTHS:-12}
REPS=${REPS:-3}
CC=${CC:-cc}
W=${BENCH_DIR:-/tmp/gridstar-bench-$N}

say() { printf '%s\n' "$*"; }
die() { say "bench: $*" >&2; exit 2; }

case $N in ''|*[!0-9]*) die "N must be a number (got '$N')";; esac
case $REPS in ''|*[!0-9]*|0) die "REPS must be a number ≥ 1";; esac

# --- tools ------------------------------------------------------------------
apt_install() {	# apt_install PACKAGE: as root only; quiet; status
	[ "$(id -u)" = 0 ] || return 1
	command -v apt-get >/dev/null 2>&1 || return 1
	if [ -z "${apt_updated:-}" ]; then
		apt-get update -qq >/dev/null 2>&1
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" \
	    >/dev/null 2>&1
}
if [ ! -x /usr/bin/time ]; then
	say "bench: installing time"
	apt_install time || die "/usr/bin/time is missing (Debian package time)"
fi
has_hugo=0
if [ "${BENCH_HUGO:-1}" != 0 ]; then
	if ! command -v hugo >/dev/null 2>&1; then
		say "bench: installing hugo"
		apt_install hugo
	fi
	command -v hugo >/dev/null 2>&1 && has_hugo=1
fi

say "bench: building gen and writer"
$CC -std=c11 -O2 -o "$HERE/gen" "$HERE/gen.c" || die "cannot build gen"
$CC -std=c11 -O2 -o "$HERE/writer" "$HERE/writer.c" || die "cannot build writer"

GRIDSTAR=${GRIDSTAR:-$REPO/gridstar}
if [ ! -x "$GRIDSTAR" ]; then
	say "bench: building gridstar"
	make -C "$REPO" gridstar >/dev/null || die "cannot build gridstar"
fi

settle0=0
if [ -e "$W" ]; then
	rm -rf "$W"
	settle0=1
fi
mkdir -p "$W/bin" "$W/log" || die "cannot create $W"
# A snapshot: the repo may be rebuilt while we run.  Run from $W so that the
# default theme folder (./themes) is the copy.
cp "$GRIDSTAR" "$W/bin/gridstar" || die "cannot copy $GRIDSTAR"
[ -d "$REPO/themes" ] && cp -R "$REPO/themes" "$W/themes"
G=$W/bin/gridstar
cd "$W" || die "cannot cd to $W"

help=$("$G" --help 2>&1)
has_only=0; has_jobs=0; check_incr=0
printf '%s\n' "$help" | grep -q -- '--only' && has_only=1
printf '%s\n' "$help" | grep -Eq -- '(^|[ ,])-j[ ,]|--jobs' && has_jobs=1
printf '%s\n' "$help" | grep -Eiq 'incremental|unchanged|rewrit' && check_incr=1
# The benchmark knobs GRIDSTAR_PAGES and GRIDSTAR_BOARDS (src/site.c,
# src/boards.c): present when the binary names them.
has_knobs=0
grep -aq GRIDSTAR_PAGES "$G" && has_knobs=1
case ${BENCH_INCREMENTAL:-} in
check) check_incr=1 ;;
report) check_incr=0 ;;
esac

# --- input ------------------------------------------------------------------
say "bench: generating N=$N, $MONTHS months in $W/input"
hugo_arg=
[ $has_hugo = 1 ] && hugo_arg="-H $W/hugo"
t0=$(date +%s%N)
# shellcheck disable=SC2086
"$HERE/gen" $hugo_arg "$N" "$W/input" "$MONTHS" || die "gen failed"
t1=$(date +%s%N)
gen_s=$(echo "$t0 $t1" | awk '{printf "%.2f", ($2 - $1) / 1e9}')
villages=$(awk -F, '$3 == 2' "$W/input/grids.csv" | wc -l)
towns=$(awk -F, '$3 == 1' "$W/input/grids.csv" | wc -l)
grids=$((N + villages))
in_mb=$(du -sm "$W/input" | cut -f1)

# --- measuring --------------------------------------------------------------
RES=$W/results	# label round wall cpu rss_kb files bytes rc
: >"$RES"

# count DIR: "files bytes" of the regular files under DIR
count() {
	if [ -d "$1" ]; then
		find "$1" -type f -printf '%s\n' |
		    awk '{ n++; b += $1 } END { printf "%d %.0f\n", n, b }'
	else
		echo "0 0"
	fi
}

# Deleting a tree just before a timed run slows the run: this file system
# (ext4 without a journal) skips inodes deleted in the last 60 s one by one
# when it allocates new ones (recently_deleted() in the kernel; 360 s while
# their inode table block is not yet written back, hence the sync), so a run
# right after an rm -rf of 100,000 files can take several times as long.
# So old trees are moved aside (rename: no inode freed) and deleted at the
# end of each round, followed by a pause of BENCH_SETTLE seconds (default
# 70), unless the disk runs short, when they are deleted at once.
quick=${BENCH_QUICK:-0}
[ "$quick" = 1 ] && REPS=1
mkdir -p "$W/trash"
trash_n=0
flushes=0
retire() {	# retire DIR
	[ -e "$1" ] || return 0
	trash_n=$((trash_n + 1))
	mv "$1" "$W/trash/$trash_n"
	free_kb=$(df -Pk "$W" | awk 'NR == 2 { print $4 }')
	need_kb=$(( ${out_kb:-1048576} * 3 + 4194304 ))
	if [ "$free_kb" -lt "$need_kb" ]; then
		rm -rf "$W/trash"/*
		flushes=$((flushes + 1))
	fi
}
settle() {	# delete the retired trees, then let the deletions age
	[ "$quick" = 1 ] && return 0
	if [ -n "$(ls -A "$W/trash")" ]; then
		rm -rf "$W/trash"/*
		sync
		sleep "${BENCH_SETTLE:-70}"
	fi
}

rows=${BENCH_ROWS:-}
skip_row() {	# skip_row LABEL: true when BENCH_ROWS leaves it out
	[ -n "$rows" ] || return 1
	case " $rows " in *" $1 "*) return 1 ;; esac
	return 0
}

# timed LABEL ROUND OUTDIR CMD...: OUTDIR removed first (unless "-"), the
# command timed: wall from the clock, CPU and peak RSS from /usr/bin/time.
timed() {
	label=$1 round=$2 odir=$3
	shift 3
	skip_row "$label" && return 0
	[ "$odir" != - ] && [ "$odir" != none ] && retire "$odir"
	sync
	t0=$(date +%s%N)
	/usr/bin/time -f '%U %S %M' -o "$W/time.out" "$@" \
	    >"$W/log/$label.$round.log" 2>&1
	rc=$?
	t1=$(date +%s%N)
	# shellcheck disable=SC2046
	set -- $(tail -n 1 "$W/time.out")
	cpu=$(echo "$1 $2" | awk '{ printf "%.2f", $1 + $2 }')
	rss=$3
	wall=$(echo "$t0 $t1" | awk '{ printf "%.3f", ($2 - $1) / 1e9 }')
	[ "$odir" = - ] && odir=$W/out
	fb="0 0"
	[ "$odir" != none ] && fb=$(count "$odir")
	# What the run wrote, by top-level entry (to see what --only covers).
	[ "$odir" != none ] && [ -d "$odir" ] && find "$odir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ' >"$W/log/$label.top"
	echo "$label $round $wall $cpu $rss $fb $rc" >>"$RES"
	[ $rc = 0 ] || say "bench: $label failed (status $rc): see $W/log/$label.$round.log"
	return $rc
}

# writer LABEL ROUND ARGS...: the writer times its own writing (the scan of
# the source tree is set-up); peak RSS from /usr/bin/time.
writer() {
	label=$1 round=$2
	shift 2
	skip_row "$label" && return 0
	# The tree to copy: the whole build's, else (BENCH_ROWS without
	# build) the --only data,site,qr run's, just made.
	src=$W/out
	[ -d "$src" ] || src=$W/o-stage
	if [ ! -d "$src" ]; then
		say "bench: $label skipped: the whole build wrote no out/"
		return
	fi
	retire "$W/o-writer"
	sync
	/usr/bin/time -f '%U %S %M' -o "$W/time.out" "$HERE/writer" \
	    $wbytes "$@" "$src" "$W/o-writer" >"$W/log/$label.$round.log" 2>&1
	rc=$?
	rss=$(tail -n 1 "$W/time.out" | awk '{ print $3 }')
	# files N dirs N bytes N wall S cpu S
	# shellcheck disable=SC2046
	set -- $(tail -n 1 "$W/log/$label.$round.log")
	if [ $rc = 0 ] && [ "${1:-}" = files ]; then
		echo "$label $round $8 ${10} $rss $2 $6 0" >>"$RES"
	else
		say "bench: $label failed: see $W/log/$label.$round.log"
		echo "$label $round 0 0 0 0 0 1" >>"$RES"
	fi
}
wbytes=
[ "${BENCH_WRITER_BYTES:-0}" = 1 ] && wbytes=-c

build() {	# build LABEL ROUND OUTDIR [OPTION]...  (OUTDIR "-": $W/out, kept)
	b_label=$1 b_round=$2 b_odir=$3
	shift 3
	b_o=$b_odir
	[ "$b_o" = - ] && b_o=$W/out
	timed "$b_label" "$b_round" "$b_odir" env $b_env "$G" build \
	    -i "$W/input" -o "$b_o" "$@"
	b_rc=$?
	b_env=
	return $b_rc
}
b_env=
# envbuild VAR=VALUE LABEL ROUND OUTDIR [OPTION]...: build with VAR set (the
# program's benchmark knobs: GRIDSTAR_PAGES, GRIDSTAR_BOARDS)
envbuild() {
	b_env=$1
	shift
	build "$@"
}

if [ $settle0 = 1 ]; then
	sync
	sleep "${BENCH_SETTLE:-70}"
fi
load0=$(cut -d' ' -f1-3 /proc/loadavg)
fail=0
r=1
while [ $r -le "$REPS" ]; do
	say "bench: round $r of $REPS"
	if build build $r "$W/out"; then
		[ -d "$W/out" ] && out_kb=$(du -sk "$W/out" | cut -f1)
	else
		fail=1
		build_failed=1
	fi
	[ "$quick" = 1 ] || writer writer-all $r
	if [ $has_only = 1 ]; then
		build noboards $r "$W/o-stage" --only data,site,qr
	fi
	writer writer-noboards $r -x boards
	if [ $has_only = 1 ] && [ "$quick" != 1 ]; then
		build site $r "$W/o-stage" --only site
	fi
	if [ $has_only = 1 ] && [ $has_knobs = 1 ]; then
		envbuild GRIDSTAR_PAGES=permanent pages $r "$W/o-stage" \
		    --only site
	fi
	if [ $has_hugo = 1 ]; then
		timed hugo $r "$W/o-hugo" hugo --quiet -s "$W/hugo" \
		    -d "$W/o-hugo"
	fi
	# gridstar check: reading the input and the rules, nothing written
	timed ingest $r none "$G" check -i "$W/input"
	if [ $has_only = 1 ] && [ "$quick" != 1 ]; then
		build data $r "$W/o-stage" --only data
		build qr $r "$W/o-stage" --only qr
		build boards $r "$W/o-stage" --only boards
	fi
	if [ $has_only = 1 ] && [ $has_knobs = 1 ]; then
		envbuild GRIDSTAR_BOARDS=village,town villages $r \
		    "$W/o-stage" --only boards
		if [ "$quick" != 1 ]; then
			envbuild GRIDSTAR_BOARDS=card cards $r "$W/o-stage" \
			    --only boards
			envbuild GRIDSTAR_BOARDS=bulletin,all print $r \
			    "$W/o-stage" --only boards
		fi
	fi
	retire "$W/o-stage"
	retire "$W/o-writer"
	retire "$W/o-hugo"
	settle
	r=$((r + 1))
done

# (e) incremental: the same build again into the same out/ (not when the
# whole build failed: it would fail the same way).
rewritten=0 removed=0
if [ -z "${build_failed:-}" ] && [ -d "$W/out" ] && ! skip_row incr; then
	say "bench: incremental rebuild"
	find "$W/out" -type f -printf '%P %T@\n' | sort >"$W/mtimes.before"
	sleep 1
	build incr 1 - || fail=1
	find "$W/out" -type f -printf '%P %T@\n' | sort >"$W/mtimes.after"
	diff "$W/mtimes.before" "$W/mtimes.after" >"$W/mtimes.diff"
	rewritten=$(grep -c '^>' "$W/mtimes.diff")
	cut -d' ' -f1 "$W/mtimes.before" >"$W/paths.before"
	cut -d' ' -f1 "$W/mtimes.after" >"$W/paths.after"
	removed=$(comm -23 "$W/paths.before" "$W/paths.after" | wc -l)
fi

# (f) determinism: -j 1 against the whole build (made with the default,
# one process per core), and against -j 2 as well on a one-core machine.
jdiff=-
if [ $has_jobs = 1 ] && [ -z "${build_failed:-}" ] && [ -d "$W/out" ] &&
    ! skip_row j1; then
	say "bench: -j 1 against -j $(nproc)"
	build j1 1 "$W/o-j1" -j 1 || fail=1
	jother=$W/out
	if [ "$(nproc)" = 1 ]; then
		build j2 1 "$W/o-j2" -j 2 || fail=1
		jother=$W/o-j2
	fi
	diff -r -q -x .gridstar-build "$W/o-j1" "$jother" >"$W/jdiff" 2>&1
	jdiff=$(wc -l <"$W/jdiff")
fi
[ "$quick" = 1 ] || rm -rf "$W/trash"

# Where the bytes of out/ are, by top-level folder.
[ -d "$W/out" ] || mkdir -p "$W/out"
find "$W/out" -type f -printf '%P %s\n' | awk '
	{ top = $1; sub(/\/.*/, "", top); if (top == $1) top = "(top)";
	  n[top]++; b[top] += $2 }
	END { for (t in n) printf "%s %d %.0f\n", t, n[t], b[t] }' |
    sort >"$W/breakdown"

# --- the report -------------------------------------------------------------
med() {	# med LABEL: "wall cpu rss_kb files bytes rc" medians (rc: worst)
	awk -v L="$1" '
	function median(a, k,   i, j, t) {
		for (i = 2; i <= k; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	$1 == L { k++; w[k] = $3; c[k] = $4; m[k] = $5; f = $6; b = $7
		  if ($8 != 0) rc = $8 }
	END { if (k) printf "%.3f %.2f %.0f %d %.0f %d %d\n", median(w, k),
		  median(c, k), median(m, k), f, b, rc + 0, k }' "$RES"
}

{
say ""
say "gridstar bench: N=$N sub-grids, $villages villages, $towns level-1 grids, $MONTHS months"
say "input: $in_mb MB generated in $gen_s s; $(nproc) cores; $("$G" --version 2>/dev/null | head -n 1)"
say "work dir: $W ($(stat -f -c %T "$W") file system); medians of $REPS alternated runs"
[ $flushes = 0 ] || say "disk short: old trees deleted before $flushes run(s) (see retire in run.sh)"
say "load average before: $load0; after: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share the cores)"
say ""
printf '%-26s %8s %8s %8s %9s %10s %8s\n' stage "wall s" "CPU s" "peak MB" files files/s MB
printf '%-26s %8s %8s %8s %9s %10s %8s\n' -------------------------- \
    -------- -------- -------- --------- ---------- --------
row() {	# row LABEL TITLE
	# shellcheck disable=SC2046
	set -- "$1" "$2" $(med "$1")
	[ $# -lt 8 ] && return
	if [ "$8" != 0 ]; then
		printf '%-26s %8s  (failed, status %s: see %s/log/%s.*.log)\n' \
		    "$2" - "$8" "$W" "$1"
		return
	fi
	awk -v t="$2" -v w="$3" -v c="$4" -v m="$5" -v f="$6" -v b="$7" \
	    'BEGIN { printf "%-26s %8.3f %8.2f %8.0f %9d %10.0f %8.1f\n",
		t, w, c, m / 1024, f, (w > 0 ? f / w : 0), b / 1048576 }'
}
row build "build (whole)"
row ingest "check (ingest and rules)"
if [ $has_only = 1 ]; then
	row noboards "build --only data,site,qr"
	row data "  --only data"
	row site "  --only site"
	row qr "  --only qr"
	row boards "  --only boards"
	if [ $has_knobs = 1 ]; then
		row pages "  site: pages as Hugo's"
		row villages "  boards: village+town"
		row cards "  boards: grid cards"
		row print "  boards: bulletin+all"
	fi
fi
row writer-noboards "writer (out minus boards)"
row writer-all "writer (all of out)"
[ $has_hugo = 1 ] && row hugo "hugo (1 page per grid)"
row incr "build again (incremental)"
if [ $has_jobs = 1 ]; then
	row j1 "build -j 1"
	[ "$(nproc)" = 1 ] && row j2 "build -j 2"
fi
say ""
say "out/ by folder (files, MB):"
awk '{ printf "  %-10s %9d %9.1f\n", $1, $2, $3 / 1048576 }' "$W/breakdown"
say ""
if [ $has_only = 1 ]; then
	say "what each --only run wrote (top-level entries of its output):"
	for l in noboards data site qr boards; do
		[ -f "$W/log/$l.top" ] && printf '  %-9s %s\n' "$l:" "$(cat "$W/log/$l.top")"
	done
	if [ -d "$W/out/boards" ] && grep -q 'boards' "$W/log/noboards.top" 2>/dev/null; then
		say "  (--only data,site,qr wrote boards/ too: its row is not the build minus boards)"
	fi
else
	say "--only: not in gridstar --help: the per-stage rows are skipped"
fi
[ $has_jobs = 1 ] || say "-j: not in gridstar --help: the -j 1 / -j 2 comparison is skipped"
[ $has_hugo = 1 ] || say "hugo: skipped (BENCH_HUGO=0, or not installed and not installable)"
if [ -n "$wbytes" ]; then
	say "writer: the same bytes (read into memory first); times only its writing (1 thread, open/write/close)"
else
	say "writer: same paths and sizes, filler bytes; times only its writing (1 thread, open/write/close)"
fi

# Ratios.
get() { med "$1" | awk -v i="$2" '$6 == 0 { print $i }'; }	# "" if failed
b_w=$(get build 1); b_m=$(get build 3)
wn_w=$(get writer-noboards 1); wa_w=$(get writer-all 1)
nb_w=; s_w=; s_f=; bo_w=; h_w=; h_f=; h_m=; p_w=; p_f=; vb_w=; c_w=; c_f=
if [ $has_only = 1 ]; then
	nb_w=$(get noboards 1); s_w=$(get site 1); s_f=$(get site 4)
	bo_w=$(get boards 1)
fi
if [ $has_only = 1 ] && [ $has_knobs = 1 ]; then
	p_w=$(get pages 1); p_f=$(get pages 4)
	vb_w=$(get villages 1); c_w=$(get cards 1); c_f=$(get cards 4)
fi
if [ $has_hugo = 1 ]; then
	h_w=$(get hugo 1); h_f=$(get hugo 4); h_m=$(get hugo 3)
fi
i_w=$(get incr 1)
ig_w=$(get ingest 1)
awk -v N="$N" -v G="$grids" -v V="$villages" -v bw="$b_w" -v bm="$b_m" \
    -v wn="$wn_w" -v wa="$wa_w" -v nb="$nb_w" -v sw="$s_w" -v sf="$s_f" \
    -v bo="$bo_w" -v hw="$h_w" -v hf="$h_f" -v hm="$h_m" -v iw="$i_w" \
    -v pw="$p_w" -v pf="$p_f" -v vb="$vb_w" -v cw="$c_w" -v cf="$c_f" \
    -v ig="$ig_w" '
function r(a, b) { return (a + 0 > 0 && b + 0 > 0) ? sprintf("%.2f×", a / b) : "n/a" }
BEGIN {
	print "ratios (targets of issue 6 in brackets):"
	if (pw != "" && hw != "")
		printf "  hugo / the same pages:          %s  [≥ 10×]  (hugo %.2f s, %d pages; gridstar %.2f s, %d pages)\n",
		    r(hw, pw), hw, hf, pw, pf
	if (pw != "" && hw != "" && ig != "" && pw - ig > 0)
		printf "  hugo / the pages stage alone:   %s  (the same, less the %.2f s of gridstar check: reading the input and the rules)\n",
		    r(hw, pw - ig), ig
	if (sw != "" && hw != "")
		printf "  hugo / the whole site:          %s  (hugo %.2f s, %d pages; site %.2f s, %d files)\n",
		    r(hw, sw), hw, hf, sw, sf
	if (sw != "" && hw != "" && sf > 0 && hf > 0)
		printf "  per page, hugo / site:          %s  (hugo %.3f ms, site %.3f ms a file)\n",
		    r(hw / hf, sw / sf), 1000 * hw / hf, 1000 * sw / sf
	else
		print "  hugo / site pages:              n/a (needs --only and hugo)"
	if (nb != "")
		printf "  build minus boards / writer:    %s  [≤ 2×]\n", r(nb, wn)
	else
		print "  build minus boards / writer:    n/a (needs --only)"
	printf "  whole build / writer (all):     %s\n", r(bw, wa)
	if (bw != "")
		printf "  whole build per grid:           %.3f ms (%d level-2 and level-3 grids)\n",
		    bw * 1000 / G, G
	if (sw != "")
		printf "  site per grid:                  %.3f ms\n", sw * 1000 / G
	if (vb != "")
		printf "  village boards:                 %.2f ms a village; at 5,000 villages: %.1f s  [< 60 s]\n",
		    vb * 1000 / V, vb * 5000 / V
	if (cw != "" && cf > 0)
		printf "  grid cards:                     %.3f ms a card\n", cw * 1000 / cf
	if (bo != "")
		printf "  all boards per village:         %.2f ms (with its cards and share of the print files); at 5,000 villages: %.1f s\n",
		    bo * 1000 / V, bo * 5000 / V
	if (bm != "")
		printf "  whole build peak memory:        %.0f MB  [< 1024 MB at N = 100,000]\n", bm / 1024
	if (hm != "")
		printf "  hugo peak memory:               %.0f MB\n", hm / 1024
	printf "  incremental / whole build:      %s  [< 10%%]\n",
	    (bw > 0 && iw != "") ? sprintf("%.1f%%", 100 * iw / bw) : "n/a"
}'
say ""
if [ -n "${build_failed:-}" ]; then
	say "THE WHOLE BUILD FAILED: no incremental or -j check; its errors:"
	grep -v ': warning: ' "$W/log/build.1.log" | head -n 5 | sed 's/^/  /'
else
say "incremental rebuild: $rewritten file(s) rewritten or added, $removed removed (mtimes compared)"
if [ "$rewritten" != 0 ]; then
	grep '^>' "$W/mtimes.diff" | head -n 5 | sed 's/^> /  e.g. /'
fi
fi
if [ $has_jobs = 1 ] && [ "$jdiff" != - ]; then
	say "determinism: -j 1 and -j $(nproc) (or 2) outputs: $jdiff difference(s) (diff -r)"
	[ "$jdiff" != 0 ] && head -n 5 "$W/jdiff" | sed 's/^/  /'
fi
} | tee "$W/report"

# --- verdict ----------------------------------------------------------------
[ -n "${build_failed:-}" ] && say "FAIL: the whole build failed"
[ $has_jobs = 1 ] && [ "$jdiff" != 0 ] && [ "$jdiff" != - ] &&
    { say "FAIL: -j 1 and -j 2 differ"; fail=1; }
if [ "$rewritten" != 0 ] || [ "$removed" != 0 ]; then
	if [ $check_incr = 1 ]; then
		say "FAIL: the incremental rebuild rewrote files"
		fail=1
	else
		say "(not failing on it: gridstar --help says nothing of incremental builds; BENCH_INCREMENTAL=check to fail)"
	fi
fi
if [ "${BENCH_KEEP:-0}" != 1 ] && [ "$quick" != 1 ]; then
	rm -rf "$W/out" "$W/o-j1" "$W/o-j2" "$W/hugo/public" "$W/hugo/resources"
fi
[ "$quick" = 1 ] && say "BENCH_QUICK: the output trees are left in $W (rm -rf it)"
say "report: $W/report; raw figures: $W/results; logs: $W/log/"
exit $fail
