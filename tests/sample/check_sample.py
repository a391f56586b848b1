#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Self-check of the sample township in input/ (standard library only).

usage: python3 tests/sample/check_sample.py [INPUT_DIR] [--report]

Re-reads every file the way RULES.md §2 says (UTF-8 BOM => UTF-8; else UTF-8 if
valid; else GB18030; LF or CRLF; English or Chinese headers in any order, `#`
columns ignored) and verifies the input contract: known columns, no ragged rows,
value kinds and ranges, ids of active grids of the right level, known item
codes, inspections for every active level-3 grid every month, uniqueness,
dates inside the folder's month, resolved not before reported.

--report also prints a small re-computation of stars, scores, ranks and flags
(decisions.md semantics, exact fractions) so the planted patterns can be seen;
it is a sanity view for the sample, not the project's oracle.
Exit status 0 when every check passes, 1 otherwise.
"""

import configparser
import csv
import io
import os
import re
import sys
from datetime import date, timedelta
from fractions import Fraction as F

DOMAINS = ["market", "social", "service", "environment", "work"]
DOMAIN_CN = {"市场监管": "market", "社会管理": "social", "公共服务": "service",
             "环境卫生": "environment", "工作评价": "work"}
STAR = {"red": "red", "红星": "red", "红": "red", "★": "red",
        "none": "none", "无星": "none", "无": "none", "☆": "none",
        "black": "black", "黑星": "black", "黑": "black", "●": "black"}
YESNO = {"yes": "yes", "是": "yes", "no": "no", "否": "no"}

# canonical column -> (chinese, required)
SPECS = {
    "grids": {"id": ("编号", 1), "name": ("名称", 1), "level": ("级别", 1),
              "parent": ("上级", 0), "leader": ("网格长", 0), "phone": ("电话", 0),
              "subsidy_base": ("奖补标准", 0), "class": ("类别", 0), "zone": ("分区", 0),
              "households": ("户数", 0), "from": ("起始月份", 0), "until": ("截止月份", 0)},
    "rules": {"code": ("代码", 1), "domain": ("领域", 1), "item": ("扣分项", 1),
              "unit": ("单位", 0), "threshold": ("面积界限", 0), "points": ("扣分", 1),
              "points_large": ("超限扣分", 0), "serious": ("严重", 0)},
    "holidays": {"date": ("日期", 1), "kind": ("类型", 1)},
    "inspections": {"grid": ("网格", 1), "road": ("道路", 1), "item": ("扣分项", 1),
                    "count": ("数量", 0), "area": ("面积", 0), "factor": ("倍数", 0),
                    "note": ("备注", 0)},
    "evaluations": {"grid": ("网格", 1), "self": ("自评", 0), "market": ("市场监管", 0),
                    "social": ("社会管理", 0), "service": ("公共服务", 0),
                    "environment": ("环境卫生", 0), "work": ("工作评价", 0)},
    "reviews": {"grid": ("网格", 1), "domain": ("领域", 1), "value": ("结果", 1),
                "reason": ("理由", 1)},
    "issues": {"id": ("编号", 1), "grid": ("网格", 1), "category": ("类别", 1),
               "reported": ("上报日期", 1), "scope": ("办理层级", 1), "resolved": ("办结日期", 1),
               "satisfied": ("满意", 0), "detail": ("详情", 0)},
    "feedback": {"grid": ("网格", 1), "residents": ("群众", 1), "departments": ("部门", 1),
                 "village": ("村级", 1), "self": ("自评", 1)},
    "frontage": {"unit": ("单位编号", 1), "name": ("单位名称", 1), "grid": ("网格", 1),
                 "presence": ("到岗", 1), "conduct": ("行为规范", 1), "effect": ("管理效果", 1),
                 "leadership": ("领导评定", 1)},
}
MONTHLY = ["inspections", "evaluations", "reviews", "issues", "feedback", "frontage"]

ERRORS = []
STATS = {"GB18030": [], "UTF-8+BOM": [], "UTF-8": [], "CRLF": [], "zh": [], "en": [],
         "hash": []}


def err(where, msg):
    ERRORS.append("%s: %s" % (where, msg))


# ------------------------------------------------------------------ reading

def decode(path, data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8+BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        err(path, "neither UTF-8 nor GB18030")
        return None, None


def read_table(path, kind, rel):
    """-> list of (line, {canonical: value}) or None."""
    with open(path, "rb") as f:
        data = f.read()
    text, enc = decode(rel, data)
    if text is None:
        return None
    STATS[enc].append(rel)
    if b"\r\n" in data:
        STATS["CRLF"].append(rel)
        if re.search(rb"(?<!\r)\n", data.replace(b"\r\n", b"")):
            pass
    spec = SPECS[kind]
    rd = csv.reader(io.StringIO(text, newline=""))
    rows = list(rd)
    # csv gives line-based numbers only through reader.line_num; recompute simply
    if not rows:
        err(rel, "empty file")
        return None
    header = [h.strip() for h in rows[0]]
    cols = []
    seen = set()
    zh = en = False
    for h in header:
        if h.startswith("#"):
            cols.append(None)
            if rel not in STATS["hash"]:
                STATS["hash"].append(rel)
            continue
        key = None
        for k, (cn, _) in spec.items():
            if h.lower() == k:
                key, en = k, True
            elif h == cn:
                key, zh = k, True
        if key is None:
            err(rel, "unknown column %r" % h)
        elif key in seen:
            err(rel, "duplicate column %r" % h)
        seen.add(key)
        cols.append(key)
    for k, (cn, req) in spec.items():
        if req and k not in seen:
            err(rel, "missing required column %s/%s" % (k, cn))
    STATS["zh" if zh else "en"].append(rel)
    out = []
    for n, row in enumerate(rows[1:], 2):
        if not row or all(c == "" for c in row) and len(row) <= 1:
            continue
        if len(row) != len(header):
            err("%s:%d" % (rel, n), "ragged row (%d cells, header has %d)" % (len(row), len(header)))
            continue
        rec = {}
        for c, v in zip(cols, row):
            if c is not None:
                rec[c] = v.strip(" \t")
        for k in spec:
            rec.setdefault(k, "")
        out.append(("%s:%d" % (rel, n), rec))
    return out


DATE_RES = [re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
            re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")]
DATE_SEEN = set()


def pdate(where, s):
    for i, rx in enumerate(DATE_RES):
        m = rx.match(s)
        if m:
            try:
                d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
            DATE_SEEN.add(i)
            return d
    err(where, "bad date %r" % s)
    return None


def pdec(where, s, lo=None, hi=None, what="number"):
    if not re.fullmatch(r"\d+(\.\d{1,2})?", s):
        err(where, "%s: not a number with at most two decimals: %r" % (what, s))
        return None
    x = F(s)
    if (lo is not None and x < lo) or (hi is not None and x > hi):
        err(where, "%s out of range: %s" % (what, s))
    return x


def pint(where, s, lo, hi, what):
    if not re.fullmatch(r"\d+", s):
        err(where, "%s: not a whole number: %r" % (what, s))
        return None
    x = int(s)
    if x < lo or (hi is not None and x > hi):
        err(where, "%s out of range: %s" % (what, s))
    return x


def pmonth(where, s):
    if s == "":
        return ""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", s):
        err(where, "bad month %r" % s)
    return s


# ------------------------------------------------------------------- checks

def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    report = "--report" in argv
    inp = args[0] if args else "input"

    def rel(p):
        return os.path.relpath(p, inp)

    # site.ini
    cp = configparser.ConfigParser(inline_comment_prefixes=None, comment_prefixes=(";", "#"))
    with open(os.path.join(inp, "site.ini"), encoding="utf-8") as f:
        cp.read_file(f)
    for sec, key in (("site", "title"), ("site", "base_url"), ("site", "hotline"),
                     ("publication", "month"), ("publication", "stage"),
                     ("subsidy", "base"), ("theme", "name")):
        if not cp.has_option(sec, key):
            err("site.ini", "missing [%s] %s" % (sec, key))
    pub_month = cp.get("publication", "month")
    if cp.get("publication", "stage") not in ("notice", "final"):
        err("site.ini", "bad stage")

    # grids
    grids = {}
    for where, r in read_table(os.path.join(inp, "grids.csv"), "grids", "grids.csv"):
        gid = r["id"]
        if not re.fullmatch(r"[0-9A-Za-z_-]{1,64}", gid):
            err(where, "bad id %r" % gid)
        if gid in grids:
            err(where, "duplicate grid %s" % gid)
        lvl = pint(where, r["level"], 1, 3, "level")
        if r["subsidy_base"]:
            pdec(where, r["subsidy_base"], what="subsidy_base")
        if r["class"] and r["class"] not in "ABC":
            err(where, "bad class")
        if r["zone"] and r["zone"] not in ("集中居住", "连接过渡", "生态管护"):
            err(where, "bad zone")
        if r["households"]:
            pint(where, r["households"], 0, None, "households")
        if r["phone"] and not re.fullmatch(r"1[358]\d{9}", r["phone"]):
            err(where, "phone not in the 11-digit mobile style")
        grids[gid] = dict(id=gid, name=r["name"], level=lvl, parent=r["parent"],
                          frm=pmonth(where, r["from"]), until=pmonth(where, r["until"]),
                          where=where)
    for g in grids.values():
        if g["level"] == 1 and g["parent"]:
            err(g["where"], "level-1 grid with a parent")
        if g["level"] in (2, 3):
            p = grids.get(g["parent"])
            if p is None or p["level"] != g["level"] - 1:
                err(g["where"], "bad parent %r" % g["parent"])
        if g["frm"] and g["until"] and g["until"] < g["frm"]:
            err(g["where"], "until before from")

    def active(gid, m):
        g = grids[gid]
        return (not g["frm"] or g["frm"] <= m) and (not g["until"] or m <= g["until"])

    def l1(gid):
        while grids[gid]["level"] != 1:
            gid = grids[gid]["parent"]
        return gid

    # rules
    rules = {}
    for where, r in read_table(os.path.join(inp, "rules.csv"), "rules", "rules.csv"):
        c = r["code"]
        if c in rules:
            err(where, "duplicate code %s" % c)
        dom = DOMAIN_CN.get(r["domain"], r["domain"].lower())
        if dom not in DOMAINS:
            err(where, "bad domain %r" % r["domain"])
        thr = pdec(where, r["threshold"], what="threshold") if r["threshold"] else None
        pts = pdec(where, r["points"], what="points")
        large = pdec(where, r["points_large"], what="points_large") if r["points_large"] else None
        if (thr is None) != (large is None):
            err(where, "threshold and points_large go together")
        ser = r["serious"]
        if ser and ser not in YESNO:
            err(where, "bad serious %r" % ser)
        rules[c] = dict(domain=dom, threshold=thr, points=pts, large=large,
                        serious=YESNO.get(ser) == "yes")

    # holidays
    hol, work = set(), set()
    for where, r in read_table(os.path.join(inp, "holidays.csv"), "holidays", "holidays.csv"):
        d = pdate(where, r["date"])
        if d in hol or d in work:
            err(where, "duplicate date")
        k = {"holiday": "h", "休": "h", "workday": "w", "班": "w"}.get(r["kind"])
        if k is None:
            err(where, "bad kind %r" % r["kind"])
        (hol if k == "h" else work).add(d)
        if k == "h" and d.weekday() >= 5:
            pass          # weekend holidays are harmless
        if k == "w" and d.weekday() < 5:
            err(where, "make-up workday on a weekday")

    def working(d):
        return d in work or (d not in hol and d.weekday() < 5)

    def deadline(d, n):
        k = 0
        while k < n:
            d += timedelta(days=1)
            if working(d):
                k += 1
        return d

    # notices
    nd = os.path.join(inp, "notices")
    notices = sorted(os.listdir(nd))
    for n in notices:
        with open(os.path.join(nd, n), encoding="utf-8") as f:
            lines = f.read().split("\n")
        hdr = {}
        i = 0
        while i < len(lines) and lines[i]:
            if ":" not in lines[i]:
                err("notices/" + n, "bad header line %r" % lines[i])
            k, _, v = lines[i].partition(":")
            hdr[k.strip()] = v.strip()
            i += 1
        if "title" not in hdr or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", hdr.get("date", "")):
            err("notices/" + n, "needs title: and date: YYYY-MM-DD")

    # months
    months = sorted(m for m in os.listdir(inp) if re.fullmatch(r"\d{4}-\d{2}", m))
    data = {}
    issue_ids = set()
    for m in months:
        md = os.path.join(inp, m)
        y, mo = int(m[:4]), int(m[5:])
        first = date(y, mo, 1)
        last = (date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1))
        act3 = {g for g in grids if grids[g]["level"] == 3 and active(g, m)}
        act23 = {g for g in grids if grids[g]["level"] in (2, 3) and active(g, m)}
        D = {}
        for kind in MONTHLY:
            p = os.path.join(md, kind + ".csv")
            if not os.path.exists(p):
                err(rel(p), "missing (the sample ships every monthly file)")
                D[kind] = []
                continue
            D[kind] = read_table(p, kind, rel(p)) or []
        data[m] = D

        def grid_ok(where, gid, allowed, what="level-3"):
            if gid not in grids:
                err(where, "unknown grid %r" % gid)
                return False
            if gid not in allowed:
                err(where, "grid %s is not an active %s grid in %s" % (gid, what, m))
                return False
            return True

        inspected = set()
        for where, r in D["inspections"]:
            grid_ok(where, r["grid"], act3)
            inspected.add(r["grid"])
            if not r["road"]:
                err(where, "blank road")
            if r["item"] and r["item"] not in rules:
                err(where, "unknown item %r" % r["item"])
            if r["count"]:
                pint(where, r["count"], 1, None, "count")
            if r["factor"]:
                pint(where, r["factor"], 1, 10, "factor")
            if r["area"]:
                pdec(where, r["area"], 0, None, "area")
            if r["item"] in rules and rules[r["item"]]["threshold"] is not None and not r["area"]:
                err(where, "area required for %s" % r["item"])
        for g in sorted(act3 - inspected):
            err("%s/inspections.csv" % m, "active grid %s not inspected" % g)

        seen = set()
        for where, r in D["evaluations"]:
            grid_ok(where, r["grid"], act3)
            if r["grid"] in seen:
                err(where, "duplicate evaluation row")
            seen.add(r["grid"])
            if r["self"]:
                pint(where, r["self"], 0, 5, "self")
            for d in DOMAINS:
                if r[d] and r[d] not in STAR:
                    err(where, "bad star %r" % r[d])
        seen = set()
        for where, r in D["reviews"]:
            grid_ok(where, r["grid"], act3)
            dom = DOMAIN_CN.get(r["domain"], r["domain"].lower())
            if dom not in DOMAINS:
                err(where, "bad domain %r" % r["domain"])
            if (r["grid"], dom) in seen:
                err(where, "duplicate review")
            seen.add((r["grid"], dom))
            if r["value"] not in STAR:
                err(where, "bad value %r" % r["value"])
            if not r["reason"]:
                err(where, "review without a reason")
        for where, r in D["issues"]:
            grid_ok(where, r["grid"], act3)
            if r["id"] in issue_ids:
                err(where, "duplicate issue id %s" % r["id"])
            issue_ids.add(r["id"])
            rep = pdate(where, r["reported"])
            if rep and not first <= rep <= last:
                err(where, "reported %s outside %s" % (rep, m))
            if r["scope"] not in ("community", "社区", "department", "部门"):
                err(where, "bad scope %r" % r["scope"])
            if r["resolved"]:
                res = pdate(where, r["resolved"])
                if rep and res and res < rep:
                    err(where, "resolved before reported")
            if r["satisfied"] and r["satisfied"] not in YESNO:
                err(where, "bad satisfied %r" % r["satisfied"])
            if not r["category"]:
                err(where, "blank category")
        seen = set()
        for where, r in D["feedback"]:
            grid_ok(where, r["grid"], act3)
            if r["grid"] in seen:
                err(where, "duplicate feedback row")
            seen.add(r["grid"])
            for k in ("residents", "departments", "village", "self"):
                pdec(where, r[k], 0, 100, k)
        seen = set()
        for where, r in D["frontage"]:
            grid_ok(where, r["grid"], act23, "level-2/3")
            if not re.fullmatch(r"[0-9A-Za-z_-]{1,64}", r["unit"]):
                err(where, "bad unit id")
            if r["unit"] in seen:
                err(where, "duplicate unit")
            seen.add(r["unit"])
            for k, hi in (("presence", 30), ("conduct", 30), ("effect", 30), ("leadership", 10)):
                pdec(where, r[k], 0, hi, k)

    if len(DATE_SEEN) != 4:
        err("dates", "not all four date spellings used (%s)" % sorted(DATE_SEEN))

    print("checked %d grids, %d rules, %d months, %d notices" % (
        len(grids), len(rules), len(months), len(notices)))
    print("levels: %s" % {l: sum(1 for g in grids.values() if g["level"] == l) for l in (1, 2, 3)})
    for k in ("GB18030", "UTF-8+BOM", "CRLF", "hash"):
        print("%-9s %3d files: %s" % (k, len(STATS[k]), " ".join(sorted(STATS[k]))))
    print("Chinese headers: %d files, English headers: %d files" % (len(STATS["zh"]), len(STATS["en"])))
    if ERRORS:
        for e in ERRORS[:200]:
            print("ERROR " + e)
        print("%d errors" % len(ERRORS))
        return 1
    print("sample OK")
    if report:
        do_report(inp, grids, rules, data, months, pub_month,
                  cp.get("publication", "stage"), active, l1, deadline)
    return 0


# ------------------------------------------------------------------- report

def r2(x):
    q = F(x) * 100
    return F((q.numerator * 2 + q.denominator) // (2 * q.denominator), 100)


def r4(x):
    q = F(x) * 10000
    return F((q.numerator * 2 + q.denominator) // (2 * q.denominator), 10000)


def comp_rank(vals, reverse=True):
    """vals: {id: score} -> {id: rank} competition ranking."""
    out = {}
    for i, v in vals.items():
        out[i] = 1 + sum(1 for w in vals.values() if (w > v if reverse else w < v))
    return out


def do_report(inp, grids, rules, data, months, pub, stage, active, l1, deadline):
    res = {}       # month -> grid -> dict
    for m in months:
        D = data[m]
        y, mo = int(m[:4]), int(m[5:])
        last = (date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1))
        st = stage if m == pub else "final"
        act3 = sorted(g for g in grids if grids[g]["level"] == 3 and active(g, m))
        act2 = sorted(g for g in grids if grids[g]["level"] == 2 and active(g, m))
        roads, sums, serious, roadded = {}, {}, {}, {}
        for _, r in D["inspections"]:
            g = r["grid"]
            roadded.setdefault(g, {}).setdefault(r["road"], F(0))
            if not r["item"]:
                continue
            ru = rules[r["item"]]
            p = ru["points"]
            if ru["threshold"] is not None and F(r["area"]) > ru["threshold"]:
                p = ru["large"]
            ded = int(r["count"] or 1) * int(r["factor"] or 1) * p
            roadded[g][r["road"]] += ded
            sums.setdefault(g, {}).setdefault(ru["domain"], F(0))
            sums[g][ru["domain"]] += ded
            if ru["serious"]:
                serious.setdefault(g, set()).add(ru["domain"])
        ev = {r["grid"]: r for _, r in D["evaluations"]}
        rv = {(r["grid"], DOMAIN_CN.get(r["domain"], r["domain"].lower())): STAR[r["value"]]
              for _, r in D["reviews"]}
        iss = {}
        for _, r in D["issues"]:
            g = r["grid"]
            c = iss.setdefault(g, dict(rep=0, due=0, res=0, ont=0))
            rp = _pd(r["reported"])
            rs = _pd(r["resolved"]) if r["resolved"] else None
            dl = deadline(rp, 3 if r["scope"] in ("community", "社区") else 5)
            c["rep"] += 1
            resolved = rs is not None and rs <= last
            if dl <= last or resolved:
                c["due"] += 1
            if resolved:
                c["res"] += 1
                if rs <= dl:
                    c["ont"] += 1
        fb = {}
        for _, r in D["feedback"]:
            fb[r["grid"]] = r2((4 * F(r["residents"]) + 2 * F(r["departments"]) +
                                3 * F(r["village"]) + F(r["self"])) / 10)
        domains_with_items = {ru["domain"] for ru in rules.values()}
        out = {}
        for g in act3:
            rd = roadded.get(g)
            insp = r2(sum(max(F(0), 100 - v) for v in rd.values()) / len(rd)) if rd else None
            stars = {}
            for d in DOMAINS:
                v = ev.get(g, {}).get(d, "")
                if v:
                    stars[d] = STAR[v]
                elif rd and d in domains_with_items:
                    s = sums.get(g, {}).get(d, F(0))
                    if d in serious.get(g, set()) or s >= 10 * len(rd):
                        stars[d] = "black"
                    elif s == 0:
                        stars[d] = "red"
                    else:
                        stars[d] = "none"
                elif d == "service":
                    c = iss.get(g, dict(rep=0, due=0, res=0, ont=0))
                    if c["due"] == 0:
                        stars[d] = "red"
                    else:
                        cl, ot = r4(F(c["res"], c["due"])), r4(F(c["ont"], c["due"]))
                        stars[d] = "red" if cl >= F("0.95") and ot >= F("0.90") else \
                            ("black" if cl < F("0.80") else "none")
                elif d == "work" and g in fb:
                    stars[d] = "red" if fb[g] >= 90 else ("black" if fb[g] < 60 else "none")
                elif rd:
                    stars[d] = "red"
                else:
                    raise SystemExit("step 5: %s %s %s" % (m, g, d))
                if st == "final" and (g, d) in rv:
                    stars[d] = rv[(g, d)]
            lvl = sum(1 for v in stars.values() if v == "red")
            nb = sum(1 for v in stars.values() if v == "black")
            nn = sum(1 for v in stars.values() if v == "none")
            warn = "red" if nb >= 2 else "orange" if nb == 1 else "yellow" if nn >= 2 else \
                "blue" if nn == 1 else "none"
            ms = None if insp is None else insp + (2 if lvl == 5 else 0)
            out[g] = dict(level=3, stars=stars, lvl=lvl, insp=insp, ms=ms, warn=warn,
                          iss=iss.get(g), fb=fb.get(g))
        worder = ["none", "blue", "yellow", "orange", "red"]
        for v in act2:
            ch = [g for g in act3 if grids[g]["parent"] == v]
            if not ch:
                out[v] = dict(level=2, ms=None, lvl=None, warn=None)
                continue
            mean = r2(F(sum(out[g]["lvl"] for g in ch), len(ch)))
            lvl = int(mean + F(1, 2))
            ins = [out[g]["insp"] for g in ch if out[g]["insp"] is not None]
            insp = r2(sum(ins) / len(ins)) if ins else None
            out[v] = dict(level=2, lvl=lvl, mean=mean, insp=insp,
                          ms=None if insp is None else insp + (2 if lvl == 5 else 0),
                          warn=max((out[g]["warn"] for g in ch), key=worder.index))
        # ranks, top3 / bottom3 / bottom2 per level within level-1
        for lev in (2, 3):
            sc = {g: o["ms"] for g, o in out.items() if o["level"] == lev and o["ms"] is not None}
            top = comp_rank(sc)
            bot = comp_rank(sc, reverse=False)
            enough = len(sc) >= 6
            for g in sc:
                t3 = enough and top[g] <= 3
                b3 = enough and bot[g] <= 3
                if t3 and b3:
                    t3 = b3 = False
                out[g].update(rank=top[g], top3=t3, bot3=b3)
        res[m] = out

    def mkey(m, k):
        y, mo = int(m[:4]), int(m[5:]) - k
        while mo < 1:
            mo += 12
            y -= 1
        return "%d-%02d" % (y, mo)

    def run(g, m, key):
        return all(res.get(mkey(m, k), {}).get(g, {}).get(key) for k in range(3))

    # quarter bottom two
    qscore = {}
    for m in months:
        q = "%s-Q%d" % (m[:4], (int(m[5:]) - 1) // 3 + 1)
        for g, o in res[m].items():
            if o.get("ms") is not None:
                qscore.setdefault(q, {}).setdefault(g, []).append(o["ms"])
    qbot2 = {}
    for q, d in qscore.items():
        for lev in (2, 3):
            sc = {g: r2(sum(v) / len(v)) for g, v in d.items() if grids[g]["level"] == lev}
            b = comp_rank(sc, reverse=False)
            for g in sc:
                qbot2[(q, g)] = len(sc) >= 4 and b[g] <= 2
    quarters = sorted(qscore)

    def qprev(q, k):
        y, n = int(q[:4]), int(q[-1]) - k
        while n < 1:
            n += 4
            y -= 1
        return "%d-Q%d" % (y, n)

    def name(g):
        p = grids[g]["parent"]
        return "%s %s/%s" % (g, grids[p]["name"] if grids[g]["level"] == 3 else "", grids[g]["name"])

    print("\n== flags by month (level-3 and level-2) ==")
    for m in months:
        fl = []
        for g, o in sorted(res[m].items()):
            f = []
            if o.get("ms") is None:
                continue
            if run(g, m, "top3"):
                f.append("praise")
            if run(g, m, "bot3"):
                f.append("warning_streak")
            if int(m[5:]) % 3 == 0:
                q = "%s-Q%d" % (m[:4], int(m[5:]) // 3)
                if all(qbot2.get((qprev(q, k), g)) for k in range(3)):
                    f.append("quarter_bottom")
            if m[5:] == "12" and o["level"] == 3 and all(
                    res.get("%s-%02d" % (m[:4], k), {}).get(g, {}).get("lvl") == 5
                    for k in range(1, 13)):
                f.append("excellent")
            if f:
                fl.append("%s[%s]" % (g[-6:], ";".join(f)))
        print(m, " ".join(fl))

    print("\n== level-3 monthly scores (model/top/weak rows) ==")
    watch = ["410182101001002", "410182101005003", "410182101008001", "410182101013002",
             "410182101002002", "410182101009004", "410182101010002", "410182101010004"]
    for g in watch:
        print(name(g))
        print("   " + " ".join("%s:%s/L%s/r%s" % (m[2:], res[m][g]["ms"] and float(res[m][g]["ms"]),
                                                 res[m][g]["lvl"], res[m][g].get("rank"))
                               for m in months if g in res[m]))
    for m in (pub,):
        o = res[m]
        print("\n== %s (stage as published) ==" % m)
        by = {}
        for g, x in o.items():
            if x["level"] == 3:
                by.setdefault(x["warn"], []).append(g[-6:])
        for w in ("none", "blue", "yellow", "orange", "red"):
            print("warning %-6s %2d: %s" % (w, len(by.get(w, [])), " ".join(sorted(by.get(w, [])))))
        lv = {}
        for g, x in o.items():
            if x["level"] == 3:
                lv.setdefault(x["lvl"], []).append(g[-6:])
        for k in sorted(lv):
            print("level %d: %2d" % (k, len(lv[k])))
        svc = {}
        for g, x in o.items():
            if x["level"] == 3:
                svc.setdefault(x["stars"]["service"], []).append(g[-6:])
        print("service stars:", {k: len(v) for k, v in svc.items()})
        sc3 = sorted(((x["ms"], g) for g, x in o.items() if x["level"] == 3), reverse=True)
        print("top:", [(g[-6:], float(s)) for s, g in sc3[:5]])
        print("bottom:", [(g[-6:], float(s)) for s, g in sc3[-5:]])
        print("level-2:", " ".join("%s:%s/L%s/%s" % (g[-6:-3], float(x["ms"]), x["lvl"], x["warn"])
                                   for g, x in sorted(o.items()) if x["level"] == 2))
    # overall star distribution
    allw = {}
    for m in months:
        for g, x in res[m].items():
            if x["level"] == 3:
                for d, v in x["stars"].items():
                    allw.setdefault(d, {}).setdefault(v, 0)
                    allw[d][v] += 1
    print("\nstar counts over all months:", allw)

    # frontage yearly
    for yr in sorted({m[:4] for m in months}):
        tot, last = {}, {}
        for m in months:
            if m[:4] != yr:
                continue
            for _, r in data[m]["frontage"]:
                t = F(r["presence"]) + F(r["conduct"]) + F(r["effect"]) + F(r["leadership"])
                tot.setdefault(r["unit"], []).append(t)
                last[r["unit"]] = (r["name"], r["grid"])
        mean = {u: r2(sum(v) / len(v)) for u, v in tot.items()}
        top = comp_rank(mean)
        bot = comp_rank(mean, reverse=False)
        com = sorted(u for u in mean if top[u] <= 30)
        lst = sorted(u for u in mean if top[u] > 30 and bot[u] <= 5)
        print("\nfrontage %s: %d units, %d commended, %d listed: %s" % (
            yr, len(mean), len(com), len(lst),
            ", ".join("%s %s %.2f" % (u, last[u][0], mean[u]) for u in lst)))


def _pd(s):
    for rx in DATE_RES:
        m = rx.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(s)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
