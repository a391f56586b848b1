#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of the gridstar rulebook.

Written from /work/shared/RULES.md and /work/notes/decisions.md only, to
cross-check the C engine.  Standard library only; all arithmetic is exact
(fractions.Fraction), every published figure is rounded half away from zero to
its published precision and later steps use the rounded figure (RULES §0).

usage: oracle.py INPUT_DIR OUT_DIR [--month YYYY-MM] [--stage notice|final]
                 [--published-only]

Like the engine, it writes data/YYYY-MM/results.csv, results.json and
frontage.csv for every month folder up to the published month (earlier months
at stage final).  --published-only writes them for the published month alone.
"""

import argparse
import configparser
import csv
import io
import json
import os
import re
import sys
from datetime import date, timedelta
from fractions import Fraction

DOMAINS = ["market", "social", "service", "environment", "work"]
DOMAIN_CN = {"市场监管": "market", "社会管理": "social", "公共服务": "service",
             "环境卫生": "environment", "工作评价": "work"}

STAR_SPELL = {
    "red": "red", "红星": "red", "红": "red", "★": "red",
    "none": "none", "无星": "none", "无": "none", "☆": "none",
    "black": "black", "黑星": "black", "黑": "black", "●": "black",
}

WARN_ORDER = ["none", "blue", "yellow", "orange", "red"]


class OracleError(Exception):
    pass


def die(msg):
    sys.stderr.write("oracle: error: %s\n" % msg)
    sys.exit(1)


# ---------------------------------------------------------------- numbers

def round_places(x, places):
    """Exact Fraction -> Fraction rounded half away from zero."""
    x = Fraction(x)
    scale = 10 ** places
    q = x * scale
    neg = q < 0
    if neg:
        q = -q
    n = (q.numerator * 2 + q.denominator) // (2 * q.denominator)  # floor(q + 1/2)
    if neg:
        n = -n
    return Fraction(n, scale)


def r2(x):
    return round_places(x, 2)


def r4(x):
    return round_places(x, 4)


def fmt_fixed(x, places):
    if x is None:
        return ""
    scale = 10 ** places
    n = x * scale
    assert n.denominator == 1, (x, places)
    n = n.numerator
    sign = "-" if n < 0 else ""
    n = abs(n)
    return "%s%d.%0*d" % (sign, n // scale, places, n % scale)


def f2(x):
    return fmt_fixed(x, 2)


def f4(x):
    return fmt_fixed(x, 4)


def fint(x):
    return "" if x is None else str(x)


DEC_RE = re.compile(r"^(\d+)(?:\.(\d+))?$")


def parse_dec(s, maxplaces=2, what="number"):
    m = DEC_RE.match(s)
    if not m:
        raise OracleError("bad %s %r" % (what, s))
    frac = m.group(2) or ""
    if len(frac) > maxplaces:
        raise OracleError("%s %r has more than %d decimals" % (what, s, maxplaces))
    return Fraction(int(m.group(1) + frac), 10 ** len(frac)) if frac else Fraction(int(m.group(1)))


def parse_int(s, what="whole number"):
    if not re.match(r"^\d+$", s):
        raise OracleError("bad %s %r" % (what, s))
    return int(s)


# ---------------------------------------------------------------- months / dates

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def month_index(s):
    """'YYYY-MM' (also 2026/3, 2026.3, 2026年3月) -> y*12 + m-1."""
    s = s.strip(" \t")
    m = re.match(r"^(\d{4})[-/.](\d{1,2})$", s) or re.match(r"^(\d{4})年(\d{1,2})月$", s)
    if not m:
        raise OracleError("bad month %r" % s)
    y, mo = int(m.group(1)), int(m.group(2))
    if not 1 <= mo <= 12:
        raise OracleError("bad month %r" % s)
    return y * 12 + mo - 1


def month_name(i):
    return "%04d-%02d" % (i // 12, i % 12 + 1)


def month_last_day(i):
    y, mo = i // 12, i % 12 + 1
    nxt = date(y + (mo == 12), 1 if mo == 12 else mo + 1, 1)
    return nxt - timedelta(days=1)


def parse_date(s):
    s = s.strip(" \t")
    m = (re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", s) or re.match(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", s)
         or re.match(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$", s) or re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", s))
    if not m:
        raise OracleError("bad date %r" % s)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_yesno(s, blank=None):
    v = s.strip(" \t").lower()
    if v in ("yes", "是"):
        return True
    if v in ("no", "否"):
        return False
    if v == "":
        return blank
    raise OracleError("bad yes/no %r" % s)


def parse_star(s):
    v = s.strip(" \t")
    key = STAR_SPELL.get(v.lower(), STAR_SPELL.get(v))
    if key is None:
        raise OracleError("bad star value %r" % s)
    return key


def parse_domain(s):
    v = s.strip(" \t")
    if v.lower() in DOMAINS:
        return v.lower()
    if v in DOMAIN_CN:
        return DOMAIN_CN[v]
    raise OracleError("bad domain %r" % s)


# ---------------------------------------------------------------- reading files

def decode_bytes(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_csv(path, columns):
    """columns: list of (key, chinese, required).  Returns list of dicts key->trimmed str
    (missing optional columns give '')."""
    with open(path, "rb") as fh:
        text = decode_bytes(fh.read())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = [r for r in rows if not (len(r) == 0 or (len(r) == 1 and r[0].strip(" \t") == ""))]
    if not rows:
        raise OracleError("%s: no header" % path)
    header = [h.strip(" \t").lstrip("\ufeff").strip(" \t") for h in rows[0]]
    index = {}
    for pos, h in enumerate(header):
        if h.startswith("#"):
            continue
        found = None
        for key, cn, _req in columns:
            if h.lower() == key.lower() or h == cn:
                found = key
                break
        if found is None:
            raise OracleError("%s: unknown column %r" % (path, h))
        if found in index:
            raise OracleError("%s: duplicate column %r" % (path, h))
        index[found] = pos
    for key, cn, req in columns:
        if req and key not in index:
            raise OracleError("%s: missing column %s" % (path, key))
    out = []
    for r in rows[1:]:
        if len(r) != len(header):
            raise OracleError("%s: ragged row %r" % (path, r))
        d = {}
        for key, _cn, _req in columns:
            d[key] = r[index[key]].strip(" \t") if key in index else ""
        out.append(d)
    return out


GRID_COLS = [("id", "编号", True), ("name", "名称", True), ("level", "级别", True), ("parent", "上级", False),
             ("leader", "网格长", False), ("phone", "电话", False), ("subsidy_base", "奖补标准", False),
             ("class", "类别", False), ("zone", "分区", False), ("households", "户数", False),
             ("from", "起始月份", False), ("until", "截止月份", False)]
RULE_COLS = [("code", "代码", True), ("domain", "领域", True), ("item", "扣分项", True), ("unit", "单位", True),
             ("threshold", "面积界限", True), ("points", "扣分", True), ("points_large", "超限扣分", True),
             ("serious", "严重", True)]
HOLIDAY_COLS = [("date", "日期", True), ("kind", "类型", True)]
INSP_COLS = [("grid", "网格", True), ("road", "道路", True), ("item", "扣分项", True), ("count", "数量", False),
             ("area", "面积", False), ("factor", "倍数", False), ("note", "备注", False)]
EVAL_COLS = [("grid", "网格", True), ("self", "自评", False), ("market", "市场监管", False),
             ("social", "社会管理", False), ("service", "公共服务", False), ("environment", "环境卫生", False),
             ("work", "工作评价", False)]
REVIEW_COLS = [("grid", "网格", True), ("domain", "领域", True), ("value", "结果", True), ("reason", "理由", True)]
ISSUE_COLS = [("id", "编号", True), ("grid", "网格", True), ("category", "类别", True), ("reported", "上报日期", True),
              ("scope", "办理层级", True), ("resolved", "办结日期", True), ("satisfied", "满意", False),
              ("detail", "详情", False)]
FEEDBACK_COLS = [("grid", "网格", True), ("residents", "群众", True), ("departments", "部门", True),
                 ("village", "村级", True), ("self", "自评", True)]
FRONTAGE_COLS = [("unit", "单位编号", True), ("name", "单位名称", True), ("grid", "网格", True),
                 ("presence", "到岗", True), ("conduct", "行为规范", True), ("effect", "管理效果", True),
                 ("leadership", "领导评定", True)]


def read_ini(path):
    with open(path, "rb") as fh:
        text = decode_bytes(fh.read())
    cp = configparser.ConfigParser(interpolation=None, strict=False,
                                   comment_prefixes=("#", ";"), inline_comment_prefixes=None)
    cp.optionxform = lambda k: k.strip().lower()
    cp.read_string(text)
    return cp


# ---------------------------------------------------------------- model

class Settings:
    def __init__(self, cp):
        def get(sec, key, default=None):
            if cp.has_section(sec) and cp.has_option(sec, key):
                v = cp.get(sec, key).strip()
                if v != "":
                    return v
            return default
        self.month = get("publication", "month")
        self.stage = get("publication", "stage", "notice")
        self.serious_points = parse_dec(get("stars", "serious_points", "10"), 2)
        self.closure_red = parse_dec(get("stars", "service_closure_red", "0.95"), 4)
        self.ontime_red = parse_dec(get("stars", "service_ontime_red", "0.90"), 4)
        self.closure_black = parse_dec(get("stars", "service_closure_black", "0.80"), 4)
        self.work_red = parse_dec(get("stars", "work_red", "90"), 2)
        self.work_black = parse_dec(get("stars", "work_black", "60"), 2)
        self.level2_rounding = get("stars", "level2_rounding", "half_up").lower()
        if self.level2_rounding not in ("half_up", "floor"):
            raise OracleError("bad level2_rounding %r" % self.level2_rounding)
        self.subsidy_base = parse_dec(get("subsidy", "base", "0"), 2)
        defaults = {5: "1.20", 4: "0.80", 3: "0.60", 2: "0", 1: "0", 0: "0"}
        self.ratio = {k: parse_dec(get("subsidy", "ratio%d" % k, v), 4) for k, v in defaults.items()}


class Grid:
    pass


class Township:
    def __init__(self, indir):
        self.indir = indir
        self.settings = Settings(read_ini(os.path.join(indir, "site.ini")))
        self.read_grids()
        self.read_rules()
        self.read_holidays()
        self.folders = sorted(month_index(n) for n in os.listdir(indir)
                              if MONTH_RE.match(n) and os.path.isdir(os.path.join(indir, n)))

    def read_grids(self):
        self.grids = {}
        for r in read_csv(os.path.join(self.indir, "grids.csv"), GRID_COLS):
            g = Grid()
            g.id = r["id"]
            if not re.match(r"^[0-9A-Za-z_-]{1,64}$", g.id):
                raise OracleError("bad grid id %r" % g.id)
            if g.id in self.grids:
                raise OracleError("duplicate grid %r" % g.id)
            g.name = r["name"]
            g.level = parse_int(r["level"])
            g.parent = r["parent"] or None
            g.subsidy_base = parse_dec(r["subsidy_base"], 2) if r["subsidy_base"] else None
            g.frm = month_index(r["from"]) if r["from"] else None
            g.until = month_index(r["until"]) if r["until"] else None
            self.grids[g.id] = g
        for g in self.grids.values():
            if g.level == 1:
                g.town = g.id
            elif g.level in (2, 3):
                p = self.grids.get(g.parent)
                if p is None or p.level != g.level - 1:
                    raise OracleError("grid %s: bad parent %r" % (g.id, g.parent))
            else:
                raise OracleError("grid %s: bad level" % g.id)
        for g in self.grids.values():
            t = g
            while t.level != 1:
                t = self.grids[t.parent]
            g.town = t.id
            if g.subsidy_base is None:
                g.subsidy_base = self.settings.subsidy_base
        self.children = {}
        for g in self.grids.values():
            if g.parent:
                self.children.setdefault(g.parent, []).append(g.id)

    def read_rules(self):
        self.rules = {}
        self.domain_has_items = set()
        for r in read_csv(os.path.join(self.indir, "rules.csv"), RULE_COLS):
            code = r["code"]
            if code in self.rules:
                raise OracleError("duplicate rule %r" % code)
            d = parse_domain(r["domain"])
            thr = parse_dec(r["threshold"], 2) if r["threshold"] else None
            pts = parse_dec(r["points"], 2)
            large = parse_dec(r["points_large"], 2) if r["points_large"] else None
            if thr is not None and large is None:
                raise OracleError("rule %s: threshold without points_large" % code)
            serious = parse_yesno(r["serious"], blank=False)
            self.rules[code] = (d, thr, pts, large, serious)
            self.domain_has_items.add(d)

    def read_holidays(self):
        self.hol = {}
        p = os.path.join(self.indir, "holidays.csv")
        if not os.path.exists(p):
            return
        for r in read_csv(p, HOLIDAY_COLS):
            d = parse_date(r["date"])
            k = r["kind"].lower()
            if k in ("holiday", "休"):
                self.hol[d] = False
            elif k in ("workday", "班"):
                self.hol[d] = True
            else:
                raise OracleError("bad holiday kind %r" % r["kind"])

    def is_workday(self, d):
        if d in self.hol:
            return self.hol[d]
        return d.weekday() < 5

    def nth_workday_after(self, d, n):
        k = 0
        while k < n:
            d += timedelta(days=1)
            if self.is_workday(d):
                k += 1
        return d

    def active(self, gid, m):
        g = self.grids[gid]
        return (g.frm is None or g.frm <= m) and (g.until is None or m <= g.until)

    def month_file(self, m, name, cols):
        p = os.path.join(self.indir, month_name(m), name)
        if not os.path.exists(p):
            return []
        return read_csv(p, cols)


# ---------------------------------------------------------------- one month

def rank_desc(scores):
    """scores: dict id -> Fraction.  Competition ranking, highest first."""
    vals = list(scores.values())
    return {k: 1 + sum(1 for v in vals if v > s) for k, s in scores.items()}


def rank_asc(scores):
    vals = list(scores.values())
    return {k: 1 + sum(1 for v in vals if v < s) for k, s in scores.items()}


def compute_month(T, m, final):
    """Returns dict grid id -> row dict (internal values) for level-2 and level-3 grids active in m."""
    S = T.settings
    last = month_last_day(m)
    mname = month_name(m)
    res = {}
    l3 = sorted(g.id for g in T.grids.values() if g.level == 3 and T.active(g.id, m))
    l2 = sorted(g.id for g in T.grids.values() if g.level == 2 and T.active(g.id, m))

    # inspections
    insp = {}
    for r in T.month_file(m, "inspections.csv", INSP_COLS):
        gid = r["grid"]
        if gid not in T.grids or T.grids[gid].level != 3 or not T.active(gid, m):
            raise OracleError("%s inspections: bad grid %r" % (mname, gid))
        ded = Fraction(0)
        dom = None
        serious = False
        if r["item"]:
            if r["item"] not in T.rules:
                raise OracleError("%s inspections: unknown item %r" % (mname, r["item"]))
            dom, thr, pts, large, ser = T.rules[r["item"]]
            count = parse_int(r["count"]) if r["count"] else 1
            factor = parse_int(r["factor"]) if r["factor"] else 1
            if count < 1 or not 1 <= factor <= 10:
                raise OracleError("%s inspections: bad count/factor" % mname)
            if thr is not None:
                if not r["area"]:
                    raise OracleError("%s inspections: area required for %s" % (mname, r["item"]))
                area = parse_dec(r["area"], 2)
                p = large if area > thr else pts
            else:
                p = pts
            ded = count * factor * p
            serious = ser
        insp.setdefault(gid, []).append((r["road"], dom, ded, serious))

    # evaluations
    evals = {}
    for r in T.month_file(m, "evaluations.csv", EVAL_COLS):
        if r["grid"] in evals:
            raise OracleError("%s evaluations: duplicate %r" % (mname, r["grid"]))
        evals[r["grid"]] = r

    reviews = {}
    for r in T.month_file(m, "reviews.csv", REVIEW_COLS):
        key = (r["grid"], parse_domain(r["domain"]))
        if key in reviews:
            raise OracleError("%s reviews: duplicate %r" % (mname, key))
        reviews[key] = parse_star(r["value"])

    # issues
    iss = {}
    seen = set()
    for r in T.month_file(m, "issues.csv", ISSUE_COLS):
        if r["id"] in seen:
            raise OracleError("%s issues: duplicate id %r" % (mname, r["id"]))
        seen.add(r["id"])
        rep = parse_date(r["reported"])
        if rep.year * 12 + rep.month - 1 != m:
            raise OracleError("%s issues: %s reported outside month" % (mname, r["id"]))
        scope = r["scope"].lower()
        if scope in ("community", "社区"):
            n = 3
        elif scope in ("department", "部门"):
            n = 5
        else:
            raise OracleError("bad scope %r" % r["scope"])
        resolved = parse_date(r["resolved"]) if r["resolved"] else None
        if resolved is not None and resolved < rep:
            raise OracleError("%s issues: %s resolved before reported" % (mname, r["id"]))
        sat = parse_yesno(r["satisfied"], blank=None)
        deadline = T.nth_workday_after(rep, n)
        c = iss.setdefault(r["grid"], {"reported": 0, "due": 0, "resolved": 0, "on_time": 0, "yes": 0, "no": 0})
        c["reported"] += 1
        res_by_last = resolved is not None and resolved <= last
        if deadline <= last or res_by_last:
            c["due"] += 1
        if res_by_last:
            c["resolved"] += 1
            if resolved <= deadline:
                c["on_time"] += 1
        if sat is True:
            c["yes"] += 1
        elif sat is False:
            c["no"] += 1

    # feedback
    fb = {}
    for r in T.month_file(m, "feedback.csv", FEEDBACK_COLS):
        if r["grid"] in fb:
            raise OracleError("%s feedback: duplicate %r" % (mname, r["grid"]))
        vals = [parse_dec(r[k], 2) for k in ("residents", "departments", "village", "self")]
        for v in vals:
            if v > 100:
                raise OracleError("feedback out of range")
        fb[r["grid"]] = r2(Fraction(4 * vals[0] + 2 * vals[1] + 3 * vals[2] + vals[3], 10))

    def rates(c):
        due = c["due"]
        closure = r4(Fraction(c["resolved"], due)) if due else None
        ontime = r4(Fraction(c["on_time"], due)) if due else None
        ans = c["yes"] + c["no"]
        sat = r4(Fraction(c["yes"], ans)) if ans else None
        return closure, ontime, sat

    for gid in l3:
        g = T.grids[gid]
        row = {"level": 3, "parent": g.parent, "name": g.name}
        rows = insp.get(gid)
        inspected = bool(rows)
        D = {}
        serious_dom = set()
        if inspected:
            roads = {}
            for road, dom, ded, ser in rows:
                roads[road] = roads.get(road, Fraction(0)) + ded
                if dom is not None:
                    D[dom] = D.get(dom, Fraction(0)) + ded
                    if ser:
                        serious_dom.add(dom)
            nroads = len(roads)
            tot = sum((max(Fraction(0), 100 - s) for s in roads.values()), Fraction(0))
            row["inspection_score"] = r2(tot / nroads)
        else:
            nroads = 0
            row["inspection_score"] = None
        c = iss.get(gid, {"reported": 0, "due": 0, "resolved": 0, "on_time": 0, "yes": 0, "no": 0})
        row["counts"] = c
        closure, ontime, sat = rates(c)
        row["closure_rate"], row["on_time_rate"], row["satisfaction"] = closure, ontime, sat
        row["feedback_score"] = fb.get(gid)
        ev = evals.get(gid)
        row["self"] = parse_int(ev["self"]) if ev and ev["self"] else None
        if row["self"] is not None and row["self"] > 5:
            raise OracleError("self out of range")
        stars = {}
        for d in DOMAINS:
            cell = ev[d] if ev else ""
            if cell:
                stars[d] = parse_star(cell)
                continue
            if inspected and d in T.domain_has_items:
                sd = D.get(d, Fraction(0))
                if d in serious_dom or sd >= S.serious_points * nroads:
                    stars[d] = "black"
                elif sd == 0:
                    stars[d] = "red"
                else:
                    stars[d] = "none"
            elif d == "service":
                if c["due"] == 0 or (closure >= S.closure_red and ontime >= S.ontime_red):
                    stars[d] = "red"
                elif closure < S.closure_black:
                    stars[d] = "black"
                else:
                    stars[d] = "none"
            elif d == "work" and gid in fb:
                f = fb[gid]
                stars[d] = "red" if f >= S.work_red else ("black" if f < S.work_black else "none")
            elif inspected:
                stars[d] = "red"
            else:
                raise OracleError("month %s, grid %s, domain %s: cannot be rated "
                                  "(no evaluation, inspection, issues or feedback)" % (mname, gid, d))
        if final:
            for d in DOMAINS:
                if (gid, d) in reviews:
                    stars[d] = reviews[(gid, d)]
        row["stars_d"] = stars
        level = sum(1 for d in DOMAINS if stars[d] == "red")
        row["stars"] = level
        row["stars_mean"] = None
        row["subsidy"] = r2(g.subsidy_base * S.ratio[level])
        row["monthly_score"] = (row["inspection_score"] + (2 if level == 5 else 0)
                                if row["inspection_score"] is not None else None)
        nb = sum(1 for d in DOMAINS if stars[d] == "black")
        nn = sum(1 for d in DOMAINS if stars[d] == "none")
        row["warning"] = ("red" if nb >= 2 else "orange" if nb == 1 else
                          "yellow" if nn >= 2 else "blue" if nn == 1 else "none")
        row["empty"] = False
        res[gid] = row

    for gid in l2:
        g = T.grids[gid]
        row = {"level": 2, "parent": g.parent, "name": g.name, "self": None, "stars_d": None,
               "feedback_score": None}
        kids = [k for k in T.children.get(gid, []) if k in res]
        if not kids:
            row["empty"] = True
            for k in ("stars", "stars_mean", "inspection_score", "monthly_score", "subsidy", "warning",
                      "counts", "closure_rate", "on_time_rate", "satisfaction"):
                row[k] = None
            res[gid] = row
            continue
        row["empty"] = False
        mean = r2(Fraction(sum(res[k]["stars"] for k in kids), len(kids)))
        row["stars_mean"] = mean
        if S.level2_rounding == "half_up":
            level = int((mean + Fraction(1, 2)).__floor__())
        else:
            level = int(mean.__floor__())
        row["stars"] = level
        scored = [res[k]["inspection_score"] for k in kids if res[k]["inspection_score"] is not None]
        row["inspection_score"] = r2(Fraction(sum(scored), len(scored))) if scored else None
        row["monthly_score"] = (row["inspection_score"] + (2 if level == 5 else 0)
                                if row["inspection_score"] is not None else None)
        row["subsidy"] = r2(g.subsidy_base * S.ratio[level])
        row["warning"] = max((res[k]["warning"] for k in kids), key=WARN_ORDER.index)
        c = {key: sum(res[k]["counts"][key] for k in kids)
             for key in ("reported", "due", "resolved", "on_time", "yes", "no")}
        row["counts"] = c
        row["closure_rate"], row["on_time_rate"], row["satisfaction"] = rates(c)
        res[gid] = row

    # ranks
    for gid, row in res.items():
        row["rank_town"] = None
        row["rank_parent"] = None
    for lvl in (2, 3):
        groups = {}
        for gid, row in res.items():
            if row["level"] == lvl and row["monthly_score"] is not None:
                groups.setdefault(T.grids[gid].town, {})[gid] = row["monthly_score"]
        for town, sc in groups.items():
            n = len(sc)
            rk = rank_desc(sc)
            bk = rank_asc(sc)
            for gid in sc:
                res[gid]["rank_town"] = rk[gid]
                top = n >= 6 and rk[gid] <= 3
                bot = n >= 6 and bk[gid] <= 3
                if top and bot:
                    top = bot = False
                res[gid]["top3"] = top
                res[gid]["bottom3"] = bot
    pgroups = {}
    for gid, row in res.items():
        if row["level"] == 3 and row["monthly_score"] is not None:
            pgroups.setdefault(row["parent"], {})[gid] = row["monthly_score"]
    for sc in pgroups.values():
        rk = rank_desc(sc)
        for gid in sc:
            res[gid]["rank_parent"] = rk[gid]
    return res


# ---------------------------------------------------------------- whole run

def quarter_of(m):
    return m // 3  # (y*12 + mo-1)//3 = y*4 + q-1


def run(indir, outdir, month=None, stage=None, history=True):
    T = Township(indir)
    S = T.settings
    month = month or S.month
    if not month:
        raise OracleError("no month given and no [publication] month")
    stage = (stage or S.stage).lower()
    if stage not in ("notice", "final"):
        raise OracleError("bad stage %r" % stage)
    P = month_index(month)
    if P not in T.folders:
        raise OracleError("no folder for published month %s" % month_name(P))
    folders = [m for m in T.folders if m <= P]
    first = folders[0]

    months = {}
    for m in folders:
        months[m] = compute_month(T, m, final=(m < P or stage == "final"))

    def flag_top(gid, m):
        return m in months and gid in months[m] and months[m][gid].get("top3", False)

    def flag_bot(gid, m):
        return m in months and gid in months[m] and months[m][gid].get("bottom3", False)

    # quarter scores
    def quarter_scores(q):
        """q = y*4 + (q-1).  dict gid -> rounded quarter score, for grids scored in the quarter."""
        out = {}
        for gid, g in T.grids.items():
            if g.level not in (2, 3):
                continue
            sc = [months[m][gid]["monthly_score"] for m in range(q * 3, q * 3 + 3)
                  if m in months and gid in months[m] and months[m][gid]["monthly_score"] is not None]
            if sc:
                out[gid] = r2(Fraction(sum(sc), len(sc)))
        return out

    qcache = {}

    def qinfo(q):
        if q not in qcache:
            qs = quarter_scores(q)
            rank = {}
            bottom2 = {}
            for lvl in (2, 3):
                groups = {}
                for gid, s in qs.items():
                    if T.grids[gid].level == lvl:
                        groups.setdefault(T.grids[gid].town, {})[gid] = s
                for sc in groups.values():
                    rk = rank_desc(sc)
                    bk = rank_asc(sc)
                    for gid in sc:
                        rank[gid] = rk[gid]
                        bottom2[gid] = len(sc) >= 4 and bk[gid] <= 2
            qcache[q] = (qs, rank, bottom2)
        return qcache[q]

    def level5(gid, m):
        return m in months and gid in months[m] and months[m][gid]["stars"] == 5

    def excellent_year(gid, y):
        return all(level5(gid, y * 12 + k) for k in range(12))

    def flags_for(gid, m):
        row = months[m][gid]
        if row["empty"]:
            return ""
        fl = []
        if all(flag_top(gid, m - k) for k in range(3)):
            fl.append("praise")
        if all(flag_bot(gid, m - k) for k in range(3)):
            fl.append("warning_streak")
        if m % 3 == 2:
            q = quarter_of(m)
            if all(qinfo(q - k)[2].get(gid, False) for k in range(3)):
                fl.append("quarter_bottom")
        if m % 12 == 11 and excellent_year(gid, m // 12):
            fl.append("excellent")
        return ";".join(fl)

    out_months = folders if history else [P]
    for m in out_months:
        st = "final" if (m < P or stage == "final") else "notice"
        write_results(T, outdir, m, months[m], st, flags_for)
        write_frontage_month(T, outdir, m)

    # annual
    Y = P // 12
    period = list(range(Y * 12, P + 1))
    rows = []
    for gid in sorted(g.id for g in T.grids.values() if g.level in (2, 3)):
        if not any(T.active(gid, m) for m in period):
            continue
        sc = [months[m][gid]["monthly_score"] for m in period
              if m in months and gid in months[m] and months[m][gid]["monthly_score"] is not None]
        rows.append([gid, T.grids[gid].level, r2(Fraction(sum(sc), len(sc))) if sc else None, len(sc)])
    ranks = ranks_within(T, {r[0]: r[2] for r in rows if r[2] is not None})
    exc = {r[0]: (P % 12 == 11 and excellent_year(r[0], Y)) for r in rows}
    write_csv(os.path.join(outdir, "data", "%04d" % Y, "annual.csv"),
              ["grid", "level", "annual_score", "rank", "months_scored", "excellent"],
              [[r[0], str(r[1]), f2(r[2]), fint(ranks.get(r[0])), str(r[3]), "yes" if exc[r[0]] else "no"]
               for r in rows])

    # quarters
    for qn in range(4):
        q = Y * 4 + qn
        if q * 3 + 2 > P:
            break
        # RULES §8: only quarters whose last month is published (has a folder).
        if q * 3 + 2 not in T.folders:
            continue
        qmonths = range(q * 3, q * 3 + 3)
        qs, rank, _b2 = qinfo(q)
        rows = []
        for gid in sorted(g.id for g in T.grids.values() if g.level in (2, 3)):
            if not any(T.active(gid, m) for m in qmonths):
                continue
            rows.append([gid, str(T.grids[gid].level), f2(qs.get(gid)), fint(rank.get(gid))])
        write_csv(os.path.join(outdir, "data", "%04d-Q%d" % (Y, qn + 1), "quarter.csv"),
                  ["grid", "level", "quarter_score", "rank"], rows)

    # yearly frontage
    units = {}
    for m in period:
        if m not in months:
            continue
        for u, (name, grid, total) in frontage_month(T, m).items():
            e = units.setdefault(u, {"totals": []})
            e["totals"].append(total)
            e["name"], e["grid"] = name, grid
    means = {u: r2(Fraction(sum(e["totals"]), len(e["totals"]))) for u, e in units.items()}
    bytown = {}
    for u, e in units.items():
        bytown.setdefault(T.grids[e["grid"]].town, {})[u] = means[u]
    rk, bk = {}, {}
    for sc in bytown.values():
        rk.update(rank_desc(sc))
        bk.update(rank_asc(sc))
    rows = []
    for u in sorted(units, key=lambda s: s.encode("utf-8")):
        e = units[u]
        honour = "commended" if rk[u] <= 30 else ("listed" if bk[u] <= 5 else "")
        rows.append([u, e["name"], e["grid"], f2(means[u]), str(len(e["totals"])), str(rk[u]), honour])
    write_csv(os.path.join(outdir, "data", "%04d" % Y, "frontage.csv"),
              ["unit", "name", "grid", "mean_total", "months", "rank", "honour"], rows)


def ranks_within(T, scores):
    """rank among same level within the same level-1 grid."""
    groups = {}
    for gid, s in scores.items():
        groups.setdefault((T.grids[gid].town, T.grids[gid].level), {})[gid] = s
    out = {}
    for sc in groups.values():
        out.update(rank_desc(sc))
    return out


def frontage_month(T, m):
    units = {}
    for r in T.month_file(m, "frontage.csv", FRONTAGE_COLS):
        u = r["unit"]
        if u in units:
            raise OracleError("%s frontage: duplicate unit %r" % (month_name(m), u))
        g = T.grids.get(r["grid"])
        if g is None or g.level not in (2, 3):
            raise OracleError("%s frontage: bad grid %r" % (month_name(m), r["grid"]))
        parts = [parse_dec(r["presence"]), parse_dec(r["conduct"]), parse_dec(r["effect"]),
                 parse_dec(r["leadership"])]
        if parts[0] > 30 or parts[1] > 30 or parts[2] > 30 or parts[3] > 10:
            raise OracleError("frontage part out of range")
        units[u] = (r["name"], r["grid"], sum(parts, Fraction(0)))
    return units


def write_frontage_month(T, outdir, m):
    units = frontage_month(T, m)
    bytown = {}
    for u, (_n, grid, total) in units.items():
        bytown.setdefault(T.grids[grid].town, {})[u] = total
    rk = {}
    for sc in bytown.values():
        rk.update(rank_desc(sc))
    rows = [[u, units[u][0], units[u][1], f2(units[u][2]), str(rk[u])]
            for u in sorted(units, key=lambda s: s.encode("utf-8"))]
    write_csv(os.path.join(outdir, "data", month_name(m), "frontage.csv"),
              ["unit", "name", "grid", "total", "rank"], rows)


RESULT_COLS = ["month", "grid", "level", "parent", "name", "self", "market", "social", "service",
               "environment", "work", "stars", "stars_mean", "inspection_score", "monthly_score", "rank_town",
               "rank_parent", "subsidy", "warning", "reported", "due", "resolved", "on_time", "closure_rate",
               "on_time_rate", "satisfaction", "feedback_score", "flags", "stage"]


def write_results(T, outdir, m, res, stage, flags_for):
    csv_rows = []
    json_rows = []
    for gid in sorted(res, key=lambda s: s.encode("utf-8")):
        row = res[gid]
        c = row.get("counts")
        flags = flags_for(gid, m)
        vals = {
            "month": (month_name(m), month_name(m)),
            "grid": (gid, gid),
            "level": (str(row["level"]), row["level"]),
            "parent": (row["parent"], row["parent"]),
            "name": (row["name"], row["name"]),
            "self": (fint(row["self"]), row["self"]),
        }
        for d in DOMAINS:
            v = row["stars_d"][d] if row["stars_d"] else None
            vals[d] = (v or "", v)
        vals["stars"] = (fint(row["stars"]), row["stars"])
        for k in ("stars_mean", "inspection_score", "monthly_score"):
            vals[k] = (f2(row[k]), jnum(row[k], 2))
        vals["rank_town"] = (fint(row["rank_town"]), row["rank_town"])
        vals["rank_parent"] = (fint(row["rank_parent"]), row["rank_parent"])
        vals["subsidy"] = (f2(row["subsidy"]), jnum(row["subsidy"], 2))
        vals["warning"] = (row["warning"] or "", row["warning"])
        for k in ("reported", "due", "resolved", "on_time"):
            v = c[k] if c else None
            vals[k] = (fint(v), v)
        for k in ("closure_rate", "on_time_rate", "satisfaction"):
            vals[k] = (f4(row[k]), jnum(row[k], 4))
        vals["feedback_score"] = (f2(row["feedback_score"]), jnum(row["feedback_score"], 2))
        vals["flags"] = (flags, flags)
        vals["stage"] = (stage, stage)
        csv_rows.append([vals[k][0] for k in RESULT_COLS])
        json_rows.append([(k, vals[k][1]) for k in RESULT_COLS])
    d = os.path.join(outdir, "data", month_name(m))
    write_csv(os.path.join(d, "results.csv"), RESULT_COLS, csv_rows)
    # JSON: numbers printed exactly as in the CSV (fixed decimals), no BOM.
    parts = []
    for jr in json_rows:
        items = []
        for k, v in jr:
            if isinstance(v, RawNum):
                s = v.text
            else:
                s = json.dumps(v, ensure_ascii=False)
            items.append("%s:%s" % (json.dumps(k), s))
        parts.append("{" + ",".join(items) + "}")
    with open(os.path.join(d, "results.json"), "w", encoding="utf-8", newline="") as fh:
        fh.write("[" + ",\n".join(parts) + "]\n")


class RawNum:
    def __init__(self, text):
        self.text = text


def jnum(x, places):
    return None if x is None else RawNum(fmt_fixed(x, places))


def csv_field(s):
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = "".join(",".join(csv_field(str(f)) for f in r) + "\r\n" for r in [header] + rows)
    with open(path, "wb") as fh:
        fh.write(b"\xef\xbb\xbf" + text.encode("utf-8"))


def main(argv=None):
    ap = argparse.ArgumentParser(description="gridstar reference oracle")
    ap.add_argument("input")
    ap.add_argument("out")
    ap.add_argument("--month", "-m")
    ap.add_argument("--stage", "-s", choices=["notice", "final"])
    ap.add_argument("--published-only", action="store_true",
                    help="write results/frontage files for the published month only, not every month folder")
    ap.add_argument("--history", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old scripts
    a = ap.parse_args(argv)
    try:
        run(a.input, a.out, a.month, a.stage, not a.published_only)
    except OracleError as e:
        die(str(e))
    except (UnicodeDecodeError, ValueError) as e:
        die(str(e))


if __name__ == "__main__":
    main()
