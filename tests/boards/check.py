#!/usr/bin/env python3
"""Checks of the printable boards and QR codes (issue 4).

Usage: check.py GRIDSTAR INPUT THEMES

Publishes INPUT (the sample) and a layout stress case made from it, then
checks, printing one line per failure and ending with "N passed, N failed":

- qpdf --check passes on every PDF;
- pdftotext of each village board holds every sub-grid's name, leader and
  phone;
- every QR code of every PDF, rendered with pdftoppm -r 150, decodes with
  zbarimg to exactly the expected addresses (all of them, counted), and so
  does every out/qr/ file (the SVGs rasterised here: zbarimg reads SVG
  through ImageMagick's own renderer, which strokes paths that carry no
  stroke attribute);
- a village board is under 150 KB; no text on the (A3) village and town
  boards is set under 14 pt; two runs give byte-identical PDFs;
- layout: with GRIDSTAR_BOARDS_TRACE set, gridstar records the box of every
  text, star and QR code it draws; no two overlap, all lie on the page,
  and every word of pdftotext -bbox lies inside a text box;
- the stress case (a 20-character grid name, a village of 25 sub-grids)
  lays out the same way, the long name whole inside one cell, with the
  table heading on every sheet; so do the sample's boards on A3 portrait;
- a broken theme.ini is reported.
"""

import concurrent.futures
import csv
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

# Largest village board, in bytes (issue 4).
VILLAGE_MAX = 150 * 1024
# Smallest text on an A3 board (issue 4: readable from two metres).
A3_TEXT_MIN = 14
# Resolution the QR codes must decode at (issue 4).
DPI = 150
# Tolerance of box comparisons, in points (the trace has two decimals).
EPS = 0.02
# Pixels per module when rasterising an SVG code.
SVG_SCALE = 8
# The stress case's long name: 20 characters.
LONG_NAME = "和平社区第一网格东片区老旧小区改造安置楼"
# The stress case's village and its number of sub-grids.
STRESS_VILLAGE = "410182101099000"
STRESS_SUBS = 25

HEADERS = {
    "编号": "id", "名称": "name", "级别": "level", "上级": "parent",
    "网格长": "leader", "电话": "phone",
}


class Tally:
    """Counts checks; prints failures."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name, why=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s%s" % (name, ": " + why if why else ""))
        return ok


def run(cmd, env=None):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env)


def read_grids(indir):
    """grids.csv as {id: {name, level, parent, leader, phone}}."""
    with open(os.path.join(indir, "grids.csv"), encoding="utf-8-sig",
              newline="") as f:
        rows = list(csv.reader(f))
    head = [HEADERS.get(h.strip(), h.strip().lower()) for h in rows[0]]
    out = {}
    for r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        d = dict(zip(head, [c.strip() for c in r]))
        out[d["id"]] = d
    return out


def base_url(indir):
    sec = None
    with open(os.path.join(indir, "site.ini"), encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                sec = line.strip("[]").strip()
            elif sec == "site" and "=" in line and not line.startswith(";"):
                k, v = line.split("=", 1)
                if k.strip() == "base_url":
                    v = v.strip()
                    return v if v.endswith("/") else v + "/"
    raise SystemExit("no base_url in site.ini")


def published(out):
    """The month of the bulletin, and results.csv rows of that month."""
    names = [n for n in os.listdir(os.path.join(out, "boards"))
             if n.endswith("-bulletin.pdf")]
    month = names[0][:7]
    path = os.path.join(out, "data", month, "results.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return month, rows


def pages(pdf):
    r = run(["pdfinfo", pdf])
    m = re.search(rb"^Pages:\s+(\d+)", r.stdout, re.M)
    return int(m.group(1)) if m else 0


def decode_pdf(pdf, tmp):
    """Every code zbarimg finds on the pages rendered at DPI."""
    d = tempfile.mkdtemp(dir=tmp)
    run(["pdftoppm", "-r", str(DPI), "-png", pdf, os.path.join(d, "p")])
    got = []
    for n in sorted(os.listdir(d)):
        r = run(["zbarimg", "-q", "--raw", os.path.join(d, n)])
        got += [x for x in r.stdout.decode().split("\n") if x]
    shutil.rmtree(d)
    return sorted(got)


def decode_file(path):
    r = run(["zbarimg", "-q", "--raw", path])
    return [x for x in r.stdout.decode().split("\n") if x]


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def svg_to_pgm(svg, pgm):
    """Rasterise a QR SVG of qr_svg's form (a white rect and one path of
    rectangles made of M/m/h/v/z) into a PGM.  Returns an error or None."""
    with open(svg, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'viewBox="0 0 (\d+) (\d+)"', text)
    if not m or m.group(1) != m.group(2):
        return "no square viewBox"
    n = int(m.group(1))
    if not re.search(r'<rect width="%d" height="%d" fill="#fff"/>' % (n, n),
                     text):
        return "no white background"
    m = re.search(r'<path fill="#000" d="([^"]*)"', text)
    if not m:
        return "no path"
    dark = [[0] * n for _ in range(n)]
    x = y = sx = sy = 0
    pts = []
    toks = re.findall(r"[MmhvHVzZ]|-?\d+", m.group(1))
    i = 0
    while i < len(toks):
        c = toks[i]
        i += 1
        if c in "Mm":
            a, b = int(toks[i]), int(toks[i + 1])
            i += 2
            x, y = (a, b) if c == "M" else (x + a, y + b)
            sx, sy = x, y
            pts = [(x, y)]
        elif c in "hv":
            v = int(toks[i])
            i += 1
            if c == "h":
                x += v
            else:
                y += v
            pts.append((x, y))
        elif c in "zZ":
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            for yy in range(min(ys), max(ys)):
                for xx in range(min(xs), max(xs)):
                    if 0 <= xx < n and 0 <= yy < n:
                        dark[yy][xx] = 1
            x, y = sx, sy
        else:
            return "unexpected path command %s" % c
    side = n * SVG_SCALE
    rows = bytearray()
    for yy in range(side):
        row = dark[yy // SVG_SCALE]
        rows += bytes(0 if row[xx // SVG_SCALE] else 255
                      for xx in range(side))
    with open(pgm, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (side, side) + bytes(rows))
    return None


def read_trace(path):
    """{page: [(kind, x0, y0, x1, y1)]} of a .boxes file."""
    out = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            out.setdefault(int(p[0]), []).append(
                (p[1],) + tuple(float(v) for v in p[2:6]))
    return out


def read_words(pdf):
    """({page: [(text, x0, y0, x1, y1)]}, {page: (w, h)}) of pdftotext -bbox."""
    r = run(["pdftotext", "-bbox", pdf, "-"])
    text = r.stdout.decode()
    words, sizes = {}, {}
    page = 0
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">|'
                         r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                         r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                         text):
        if m.group(1):
            page += 1
            sizes[page] = (float(m.group(1)), float(m.group(2)))
            words[page] = []
        else:
            words[page].append((m.group(7),) + tuple(
                float(m.group(i)) for i in range(3, 7)))
    return words, sizes


def overlap(a, b):
    return (min(a[3], b[3]) - max(a[1], b[1]) > EPS and
            min(a[4], b[4]) - max(a[2], b[2]) > EPS)


def inside(w, b):
    return (w[1] >= b[1] - EPS and w[2] >= b[2] - EPS and
            w[3] <= b[3] + EPS and w[4] <= b[4] + EPS)


def check_layout(t, name, pdf, boxes):
    """No two drawn boxes overlap, all on the page, every word in a text
    box.  Returns the words of each text box, for further checks."""
    trace = read_trace(boxes)
    words, sizes = read_words(pdf)
    problems = []
    cells = []
    t.check(len(trace) == len(sizes), name + ": trace covers every page",
            "%d traced, %d pages" % (len(trace), len(sizes)))
    for page, bs in sorted(trace.items()):
        pw, ph = sizes.get(page, (0, 0))
        for b in bs:
            if b[1] < -EPS or b[2] < -EPS or b[3] > pw + EPS or \
                    b[4] > ph + EPS:
                problems.append("page %d: %s box %s off the page" %
                                (page, b[0], b[1:]))
        for i in range(len(bs)):
            for j in range(i + 1, len(bs)):
                if overlap(bs[i], bs[j]):
                    problems.append("page %d: %s %s overlaps %s %s" % (
                        page, bs[i][0], bs[i][1:], bs[j][0], bs[j][1:]))
        texts = [b for b in bs if b[0] == "text"]
        inbox = {id(b): [] for b in texts}
        for w in words.get(page, []):
            home = [b for b in texts if inside(w, b)]
            if not home:
                problems.append("page %d: word %r %s outside every text "
                                "box" % (page, w[0], w[1:]))
            else:
                inbox[id(home[0])].append(w)
        for b in texts:
            ws = sorted(inbox[id(b)], key=lambda w: (round(w[2]), w[1]))
            cells.append((page, b, "".join(w[0] for w in ws)))
    t.check(not problems, name + ": layout",
            "; ".join(problems[:5]) + (" (and %d more)" % (len(problems) - 5)
                                       if len(problems) > 5 else ""))
    return cells


def font_sizes(pdf, tmp):
    """Every font size the PDF's text is set in (its Tf operators)."""
    q = os.path.join(tmp, "qdf.pdf")
    run(["qpdf", "--qdf", "--object-streams=disable", pdf, q])
    with open(q, "rb") as f:
        data = f.read()
    os.unlink(q)
    return [float(m) for m in re.findall(rb"/F\d+ ([\d.]+) Tf", data)]


def expected_codes(kind, gid, grids, rows, base, npages):
    """Addresses a PDF's codes must decode to, sorted."""
    subs = [r["grid"] for r in rows if r["level"] == "3" and
            r["parent"] == gid]
    if kind == "village":
        return sorted([base + "v/%s/" % gid] * npages +
                      [base + "g/%s/" % s for s in subs])
    if kind == "card":
        return [base + "g/%s/" % gid]
    if kind == "town":
        return [base]
    return []


def check_output(t, label, out, indir, tmp, trace, only=None):
    """Every check of one published tree.  only: ids of the grids whose
    codes to decode (None: every file, the print file and qr/ too).
    Returns {pdf name: text cells}."""
    grids = read_grids(indir)
    base = base_url(indir)
    month, rows = published(out)
    bdir = os.path.join(out, "boards")
    active = {r["grid"] for r in rows}
    towns = {r["parent"] for r in rows if r["level"] == "2"}
    kinds = {}
    for g in towns:
        kinds[g + ".pdf"] = ("town", g)
    for r in rows:
        if r["level"] == "2":
            kinds[r["grid"] + ".pdf"] = ("village", r["grid"])
        else:
            kinds[r["grid"] + "-card.pdf"] = ("card", r["grid"])
    kinds[month + "-bulletin.pdf"] = ("bulletin", None)
    kinds[month + "-all.pdf"] = ("all", None)
    t.check(sorted(os.listdir(bdir)) == sorted(kinds), label +
            ": boards/ holds exactly the expected files",
            "%s" % sorted(set(os.listdir(bdir)) ^ set(kinds)))
    cells = {}
    all_codes = []
    jobs = []
    for name in sorted(kinds):
        kind, gid = kinds[name]
        pdf = os.path.join(bdir, name)
        if not os.path.exists(pdf):
            continue
        n = pages(pdf)
        if kind not in ("all", "bulletin"):
            all_codes += expected_codes(kind, gid, grids, rows, base, n)
        decode = only is None or gid in only
        r = run(["qpdf", "--check", pdf])
        t.check(r.returncode == 0, "%s: qpdf --check %s" % (label, name),
                (r.stdout + r.stderr).decode()[-300:])
        if kind in ("village", "town"):
            sizes = font_sizes(pdf, tmp)
            t.check(sizes and min(sizes) >= A3_TEXT_MIN - EPS,
                    "%s: %s text is %g pt or more" % (label, name,
                                                      A3_TEXT_MIN),
                    "smallest %g pt" % min(sizes or [0]))
        if kind == "village":
            t.check(os.path.getsize(pdf) < VILLAGE_MAX,
                    "%s: %s under 150 KB" % (label, name),
                    "%d bytes" % os.path.getsize(pdf))
            text = re.sub(r"\s+", "", run(["pdftotext", pdf, "-"])
                          .stdout.decode())
            missing = []
            for r2 in rows:
                if r2["level"] != "3" or r2["parent"] != gid:
                    continue
                g = grids[r2["grid"]]
                for field in ("name", "leader", "phone"):
                    if g.get(field) and g[field] not in text:
                        missing.append(g[field])
            t.check(not missing, "%s: %s names every sub-grid, leader and "
                    "phone" % (label, name), "missing %s" % missing)
        if trace is not None:
            cells[name] = check_layout(t, "%s: %s" % (label, name), pdf,
                                       os.path.join(trace, name + ".boxes"))
        if decode and kind != "all":
            jobs.append((name, pdf, expected_codes(kind, gid, grids, rows,
                                                   base, n)))
    if only is None:
        jobs.append((month + "-all.pdf", os.path.join(bdir, month +
                                                     "-all.pdf"),
                     sorted(all_codes)))
    # Rendering and scanning take most of the time: use every processor.
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        found = pool.map(lambda j: decode_pdf(j[1], tmp), jobs)
        for (name, pdf, want), got in zip(jobs, found):
            t.check(got == want, "%s: QR codes of %s (%d expected)" %
                    (label, name, len(want)), "%d decoded, %d differ: %s" %
                    (len(got), len(set(got) ^ set(want)),
                     sorted(set(got) ^ set(want))[:4]))
    if only is None:
        # Every sub-grid and village has a page, active or not, and a
        # sub-grid's page shows its qr/<id>.svg.
        qdir = os.path.join(out, "qr")
        coded = {g for g in grids if grids[g]["level"] in ("2", "3")}
        want = sorted(["%s.png" % g for g in coded] +
                      ["%s.svg" % g for g in coded])
        t.check(coded > active and sorted(os.listdir(qdir)) == want,
                label + ": qr/ holds a PNG and an SVG per sub-grid and "
                "village of grids.csv, active or not")
        for g in sorted(coded):
            url = base + ("v/%s/" if grids[g]["level"] == "2" else
                          "g/%s/") % g
            png = os.path.join(qdir, g + ".png")
            t.check(png_size(png) == (1200, 1200), "%s: qr/%s.png is "
                    "1200 px" % (label, g), "%s" % (png_size(png),))
            got = decode_file(png)
            t.check(got == [url], "%s: qr/%s.png decodes" % (label, g),
                    "%s" % got)
            pgm = os.path.join(tmp, "svg.pgm")
            err = svg_to_pgm(os.path.join(qdir, g + ".svg"), pgm)
            got = decode_file(pgm) if err is None else [err]
            t.check(got == [url], "%s: qr/%s.svg decodes" % (label, g),
                    "%s" % got)
    return cells


def build(t, label, gridstar, indir, out, trace, themes):
    env = dict(os.environ)
    if trace is not None:
        env["GRIDSTAR_BOARDS_TRACE"] = trace
    r = run([gridstar, "build", "-i", indir, "-o", out, "-t", themes], env)
    return t.check(r.returncode == 0, label + ": gridstar build",
                   r.stderr.decode()[-500:])


def make_stress(indir, dst):
    """Copy indir to dst, give a sub-grid a 20-character name and add a
    village of STRESS_SUBS sub-grids (one with the long name) active from
    the published month, with an inspection row each."""
    shutil.copytree(indir, dst)
    grids = read_grids(indir)
    month, town = None, None
    with open(os.path.join(indir, "site.ini"), encoding="utf-8-sig") as f:
        m = re.search(r"^\s*month\s*=\s*(\d{4}-\d{2})", f.read(), re.M)
        month = m.group(1)
    town = [g for g, d in grids.items() if d["level"] == "1"][0]
    first = sorted(g for g, d in grids.items() if d["level"] == "3")[0]
    path = os.path.join(dst, "grids.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head = [HEADERS.get(h.strip(), h.strip().lower()) for h in rows[0]]
    col = {h: i for i, h in enumerate(head)}
    for r in rows[1:]:
        if r and r[col["id"]] == first:
            r[col["name"]] = LONG_NAME
    width = len(rows[0])
    start = [i for i, h in enumerate(rows[0]) if h.strip() in
             ("起始月份", "from")][0]

    def row(gid, name, level, parent, leader, phone):
        r = [""] * width
        r[col["id"]], r[col["name"]], r[col["level"]] = gid, name, level
        r[col["parent"]], r[col["leader"]] = parent, leader
        r[col["phone"]], r[start] = phone, month
        return r

    rows.append(row(STRESS_VILLAGE, "新建安置社区", "2", town, "王建国",
                    "13800000000"))
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔"
    subs = []
    for i in range(1, STRESS_SUBS + 1):
        gid = STRESS_VILLAGE[:-3] + "%03d" % i
        name = LONG_NAME if i == 7 else "安置区第%d网格" % i
        rows.append(row(gid, name, "3", STRESS_VILLAGE,
                        surnames[i - 1] + "建华", "139%08d" % i))
        subs.append(gid)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    insp = os.path.join(dst, month, "inspections.csv")
    with open(insp, encoding="utf-8-sig", newline="") as f:
        head = next(csv.reader(f))
    with open(insp, "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for gid in subs:
            r = [""] * len(head)
            r[0], r[1] = gid, "测试路"
            w.writerow(r)
    return first


def check_themes(t, gridstar, indir, themes, tmp):
    """A broken theme.ini stops the run with a message naming it."""
    src = os.path.join(themes, "default", "theme.ini")
    with open(src, encoding="utf-8") as f:
        good = f.read()
    cases = [
        ("missing key", re.sub(r"(?m)^star_red = .*\n", "", good),
         "star_red: missing"),
        ("bad colour", re.sub(r"(?m)^band = .*$", "band = red", good),
         "not a colour"),
        ("text too small", re.sub(r"(?m)^body = 18$", "body = 10", good),
         "out of range"),
        ("unknown key", good + "\n[board]\ncolour = #000000\n",
         "unknown key"),
        ("missing font file", re.sub(r"(?m)^file =.*$",
                                     "file = /nonexistent/font.ttf", good),
         "No such file"),
    ]
    for what, text, msg in cases:
        d = os.path.join(tmp, "themes-" + what.replace(" ", "-"))
        shutil.copytree(themes, d)
        with open(os.path.join(d, "default", "theme.ini"), "w",
                  encoding="utf-8") as f:
            f.write(text)
        r = run([gridstar, "check", "-i", indir, "-t", d])
        err = r.stderr.decode()
        t.check(r.returncode == 1 and "theme.ini" in err and msg in err,
                "theme.ini %s is reported" % what,
                "exit %d: %s" % (r.returncode, err[-300:]))


def main():
    gridstar, indir, themes = sys.argv[1:4]
    t = Tally()
    tmp = tempfile.mkdtemp(prefix="gridstar-boards.")
    try:
        # The sample, twice: every check, then byte-identical PDFs.
        out, trace = os.path.join(tmp, "out"), os.path.join(tmp, "trace")
        if build(t, "sample", gridstar, indir, out, trace, themes):
            check_output(t, "sample", out, indir, tmp, trace)
            out2 = os.path.join(tmp, "out2")
            if build(t, "sample again", gridstar, indir, out2, None,
                     themes):
                bdir = os.path.join(out, "boards")
                diff = [n for n in sorted(os.listdir(bdir)) if open(
                    os.path.join(bdir, n), "rb").read() != open(
                    os.path.join(out2, "boards", n), "rb").read()]
                t.check(not diff, "same input gives byte-identical PDFs",
                        "%s differ" % diff[:5])

        # The stress case: long names, a village of 25 sub-grids.
        sin = os.path.join(tmp, "stress-input")
        first = make_stress(indir, sin)
        sout, strace = os.path.join(tmp, "sout"), os.path.join(tmp, "strace")
        if build(t, "stress", gridstar, sin, sout, strace, themes):
            cells = check_output(t, "stress", sout, sin, tmp, strace,
                                 only={STRESS_VILLAGE, first,
                                       first[:-3] + "000",
                                       STRESS_VILLAGE[:-3] + "007"})
            name = STRESS_VILLAGE + ".pdf"
            pdf = os.path.join(sout, "boards", name)
            n = pages(pdf)
            t.check(n == 5, "stress: 25 sub-grids take 5 sheets",
                    "%d sheets" % n)
            heads = [c for c in cells.get(name, []) if c[2] == "网格名称"]
            t.check(len({c[0] for c in heads}) == n,
                    "stress: the table heading is on every sheet",
                    "on %d of %d" % (len({c[0] for c in heads}), n))
            for doc in (name, first + "-card.pdf",
                        STRESS_VILLAGE[:-3] + "007-card.pdf",
                        first[:-3] + "000.pdf"):
                whole = [c for c in cells.get(doc, []) if c[2] == LONG_NAME]
                t.check(len(whole) >= 1, "stress: %s shows the 20-character "
                        "name whole in one cell" % doc)
        # The same boards on A3 portrait: fewer columns, no overlaps.
        pin = os.path.join(tmp, "portrait-input")
        shutil.copytree(indir, pin)
        with open(os.path.join(pin, "site.ini"), "a", encoding="utf-8") as f:
            f.write("\n[boards]\npaper = A3\norientation = portrait\n")
        pout, ptrace = os.path.join(tmp, "pout"), os.path.join(tmp, "ptrace")
        if build(t, "portrait", gridstar, pin, pout, ptrace, themes):
            village = sorted(r["grid"] for r in published(pout)[1]
                             if r["level"] == "2")[0]
            check_output(t, "portrait", pout, pin, tmp, ptrace,
                         only={village})
        check_themes(t, gridstar, indir, themes, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (t.passed, t.failed))
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
