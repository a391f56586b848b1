#!/usr/bin/env python3
"""Run the literate spec files (tests/spec/rules.txt) against ./gridstar.

Each example is a fenced block opened by a line of backticks followed by
"example" and closed by the same backticks.  Inside:

    == FILE              an input file (relative to the input folder); its
                         lines follow until the next "==" line or "."
    == args              extra command-line words (e.g. -s final)
    .                    separates the inputs from the expectations
    == PATH [COLS]       expected rows of an output CSV (PATH relative to
                         out/, or "results.csv" for the published month's
                         results), projected onto the comma-separated COLS
                         (all columns when omitted); the first line is the
                         header
    == !PATH             PATH must not be written
    == stderr            expected diagnostics, exactly (exit status 1)

site.ini and rules.csv get defaults unless the example gives them.  The
section heading (the last "#" line before the example) names it in reports.
Prints "N passed, N failed" last and exits 1 on any failure.
"""
import csv
import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GRIDSTAR = os.environ.get("GRIDSTAR", os.path.join(ROOT, "gridstar"))

DEFAULT_INI = """[site]
title = 示例街道
base_url = https://wgh.example.gov.cn/
hotline = 0371-12345678
[subsidy]
base = 1000
"""

DEFAULT_RULES = """code,domain,item,unit,threshold,points,points_large,serious
M1,market,店外经营,处,4,2,4,
M2,market,橱窗张贴,处,,0.5,,
E1,environment,道路积存垃圾,处,,3,,
S1,social,新闻媒体曝光,次,,5,,yes
W1,work,月整改率低于90%,项,,10,,
"""


def parse(path):
    """Yield (number, first_line, last_line, heading, inputs, args, expects)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    heading = ""
    i = 0
    n = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        m = re.match(r"^(`{3,}) example\s*$", line)
        if not m:
            i += 1
            continue
        fence = m.group(1)
        start = i + 1
        body = []
        i += 1
        while i < len(lines) and lines[i] != fence:
            body.append(lines[i])
            i += 1
        n += 1
        inputs, args, expects = {}, [], []
        part = inputs
        cur = None
        for b in body:
            if b == ".":
                part = None
                cur = None
                continue
            if b.startswith("== "):
                head = b[3:].split()
                if part is not None:
                    if head[0] == "args":
                        cur = args
                    else:
                        cur = inputs.setdefault(head[0], [])
                else:
                    cur = []
                    expects.append((head[0], head[1] if len(head) > 1 else None, cur))
                continue
            if cur is None:
                raise SystemExit("%s:%d: text outside a section" % (path, start))
            cur.append(b)
        yield n, start, i + 1, heading, inputs, args, expects
        i += 1


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def project(rows, cols):
    if not rows:
        return []
    header = rows[0]
    if cols is None:
        idx = list(range(len(header)))
    else:
        idx = [header.index(c) for c in cols.split(",")]
    out = []
    for r in rows:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow([r[k] for k in idx])
        out.append(buf.getvalue())
    return out


def run_example(inputs, args, expects):
    tmp = tempfile.mkdtemp(prefix="gridstar-spec-")
    try:
        ind = os.path.join(tmp, "input")
        os.makedirs(ind)
        files = dict(inputs)
        files.setdefault("site.ini", DEFAULT_INI.split("\n"))
        files.setdefault("rules.csv", DEFAULT_RULES.split("\n"))
        month = None
        for name, body in files.items():
            p = os.path.join(ind, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write("\n".join(body).rstrip("\n") + "\n")
            d = name.split("/")[0]
            if re.match(r"^\d{4}-\d{2}$", d) and (month is None or d > month):
                month = d
        words = " ".join(args).split()
        if "-m" not in words and month:
            words = ["-m", month] + words
        if "-m" in words:
            month = words[words.index("-m") + 1]
        words = ["-t", os.path.join(ROOT, "themes")] + words
        proc = subprocess.run([GRIDSTAR, "build", "-i", "input", "-o", "out"] + words,
                              cwd=tmp, capture_output=True, text=True,
                              env=dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC"))
        problems = []
        want_err = [e for e in expects if e[0] == "stderr"]
        if want_err:
            if proc.returncode != 1:
                problems.append("exit status %d, expected 1" % proc.returncode)
            got = [l for l in proc.stderr.split("\n") if l]
            want = [l for l in want_err[0][2] if l]
            if got != want:
                problems += difflib.unified_diff(want, got, "expected", "got", lineterm="")
            if os.path.exists(os.path.join(tmp, "out")):
                problems.append("out/ was written although the inputs are bad")
            return problems
        if proc.returncode != 0:
            return ["exit status %d:" % proc.returncode, proc.stderr]
        for path, cols, want in expects:
            if path == "results.csv":
                path = "data/%s/results.csv" % month
            if path.startswith("!"):
                if os.path.exists(os.path.join(tmp, "out", path[1:])):
                    problems.append("%s should not exist" % path[1:])
                continue
            full = os.path.join(tmp, "out", path)
            if not os.path.exists(full):
                problems.append("missing output %s" % path)
                continue
            try:
                got = project(read_csv(full), cols)
            except ValueError as e:
                problems.append("%s: %s" % (path, e))
                continue
            want = [l for l in want if l]
            if got != want:
                problems += difflib.unified_diff(want, got, "expected " + path,
                                                 "got " + path, lineterm="")
        return problems
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    passed = failed = 0
    for spec in sys.argv[1:]:
        for n, a, b, heading, inputs, args, expects in parse(spec):
            problems = run_example(inputs, args, expects)
            if problems:
                failed += 1
                print("Example %d (lines %d-%d) %s: FAIL" % (n, a, b, heading))
                for p in problems:
                    print("  " + p)
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
