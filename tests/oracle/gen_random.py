#!/usr/bin/env python3
"""Generate a small random but VALID gridstar township for cross-checking.

usage: gen_random.py SEED OUT_DIR

The same SEED always gives the same township.  It is built to hit edge cases of
RULES.md: exactly 4 / 6 scored grids in a town, tied scores (inspection patterns
are reused), area exactly at / under / over a threshold, factor 2, 0.5-point and
serious items, D(d) exactly at serious_points, evaluation overrides in every
spelling, reviews, issues around weekends / holidays / make-up workdays and the
month end, feedback exactly on .xx5, frontage units (ties around rank 30 and the
bottom five), grids with from / until, a missing month folder, level-2 grids
without active children, Chinese / English / mixed headers in any order, `#`
columns, padding, blank lines, UTF-8 / UTF-8 BOM / GB18030, LF / CRLF.

Every active level-3 grid stays ratable (RULES §3): a grid-month without an
inspection gets evaluation cells for every domain that could not otherwise be
derived.  Standard library only.
"""

import os
import random
import sys
from datetime import date, timedelta

DOMAINS = ["market", "social", "service", "environment", "work"]
DOMAIN_CN = {"market": "市场监管", "social": "社会管理", "service": "公共服务",
             "environment": "环境卫生", "work": "工作评价"}
STAR_SPELLINGS = {
    "red": ["red", "红星", "红", "★"],
    "none": ["none", "无星", "无", "☆"],
    "black": ["black", "黑星", "黑", "●"],
}

GRID_COLS = [("id", "编号"), ("name", "名称"), ("level", "级别"), ("parent", "上级"), ("leader", "网格长"),
             ("phone", "电话"), ("subsidy_base", "奖补标准"), ("class", "类别"), ("zone", "分区"),
             ("households", "户数"), ("from", "起始月份"), ("until", "截止月份")]
GRID_OPTIONAL = {"leader", "phone", "subsidy_base", "class", "zone", "households", "from", "until"}
RULE_COLS = [("code", "代码"), ("domain", "领域"), ("item", "扣分项"), ("unit", "单位"), ("threshold", "面积界限"),
             ("points", "扣分"), ("points_large", "超限扣分"), ("serious", "严重")]
HOLIDAY_COLS = [("date", "日期"), ("kind", "类型")]
INSP_COLS = [("grid", "网格"), ("road", "道路"), ("item", "扣分项"), ("count", "数量"), ("area", "面积"),
             ("factor", "倍数"), ("note", "备注")]
EVAL_COLS = [("grid", "网格"), ("self", "自评"), ("market", "市场监管"), ("social", "社会管理"),
             ("service", "公共服务"), ("environment", "环境卫生"), ("work", "工作评价")]
REVIEW_COLS = [("grid", "网格"), ("domain", "领域"), ("value", "结果"), ("reason", "理由")]
ISSUE_COLS = [("id", "编号"), ("grid", "网格"), ("category", "类别"), ("reported", "上报日期"),
              ("scope", "办理层级"), ("resolved", "办结日期"), ("satisfied", "满意"), ("detail", "详情")]
FEEDBACK_COLS = [("grid", "网格"), ("residents", "群众"), ("departments", "部门"), ("village", "村级"),
                 ("self", "自评")]
FRONTAGE_COLS = [("unit", "单位编号"), ("name", "单位名称"), ("grid", "网格"), ("presence", "到岗"),
                 ("conduct", "行为规范"), ("effect", "管理效果"), ("leadership", "领导评定")]

# code, domain, item, unit, threshold, points, points_large, serious  (seed 001 flavoured)
BASE_RULES = [
    ("M01", "market", "店外经营", "处", "4", "2", "4", "no"),
    ("M02", "market", "占道夜市", "处", "", "2", "", "no"),
    ("M03", "market", "店招店牌破损", "块", "", "5", "", ""),
    ("M04", "market", "橱窗张贴", "处", "", "0.5", "", ""),
    ("M05", "market", "无证经营", "户", "", "10", "", "yes"),
    ("S01", "social", "乱停乱放", "辆", "", "1", "", "no"),
    ("S02", "social", "违章搭建", "处", "2.5", "3", "6.5", "no"),
    ("S03", "social", "群体性事件", "项", "", "5", "", "yes"),
    ("E01", "environment", "道路积存垃圾", "处", "", "3", "", "no"),
    ("E02", "environment", "乱堆乱放", "处", "1", "1.5", "3", ""),
    ("E03", "environment", "污水横流", "处", "", "0.25", "", "no"),
    ("V01", "service", "公共设施损坏", "个", "", "2", "", "no"),
    ("W01", "work", "月整改率低于90%", "项", "", "10", "", "no"),
    ("W02", "work", "台账缺失", "项", "", "0.5", "", "no"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
PLACE = ["东街", "西街", "南关", "北门", "新村", "老街", "河滨", "文化路", "人民路", "建设路", "幸福里",
         "和平巷", "光明苑", "花园", "桥头", "枣园", "柳林", "杏花"]
ROADS = ["人民路", "解放路", "建设路", "中山街", "文化巷", "府前街", "滨河路", "朝阳路", "新华街", "长安路",
         "Main St", "第一大道"]
CATEGORIES = ["环境卫生", "矛盾纠纷", "安全隐患", "民生服务", "市容秩序", "other"]


class Gen:
    def __init__(self, seed, out):
        self.seed = seed
        self.R = random.Random(seed)
        self.out = out

    # ------------------------------------------------------------ small helpers
    def chance(self, p):
        return self.R.random() < p

    def person(self):
        return self.R.choice(SURNAMES) + "".join(self.R.choice(GIVEN) for _ in range(self.R.randint(1, 2)))

    def spell_date(self, d):
        k = self.R.randrange(4)
        if k == 0:
            return "%04d-%02d-%02d" % (d.year, d.month, d.day)
        pad = self.chance(0.5)
        mo = ("%02d" % d.month) if pad else str(d.month)
        da = ("%02d" % d.day) if pad else str(d.day)
        if k == 1:
            return "%d/%s/%s" % (d.year, mo, da)
        if k == 2:
            return "%d.%s.%s" % (d.year, mo, da)
        return "%d年%s月%s日" % (d.year, mo, da)

    def spell_yes(self, v):
        if v is None:
            return ""
        return self.R.choice(["yes", "是"]) if v else self.R.choice(["no", "否"])

    def spell_star(self, v):
        return self.R.choice(STAR_SPELLINGS[v])

    def spell_domain(self, d):
        return d if self.chance(0.5) else DOMAIN_CN[d]

    def dec(self, hundredths, style=None):
        """Format a non-negative number of hundredths as `12`, `12.5` or `12.50`."""
        i, f = divmod(hundredths, 100)
        if f == 0:
            return self.R.choice([str(i), str(i), "%d.00" % i, "%d.0" % i]) if style is None else str(i)
        if f % 10 == 0 and self.chance(0.5):
            return "%d.%d" % (i, f // 10)
        return "%d.%02d" % (i, f)

    @staticmethod
    def mname(m):
        return "%04d-%02d" % (m // 12, m % 12 + 1)

    # ------------------------------------------------------------ file writer
    def write_table(self, relpath, cols, rows, optional=(), required_present=()):
        """cols: list of (key, chinese); rows: list of dict key->str.  Columns in `optional`
        may be dropped when every row leaves them blank."""
        R = self.R
        present = []
        for key, cn in cols:
            if key in optional and key not in required_present and all(not r.get(key) for r in rows) \
                    and self.chance(0.5):
                continue
            present.append((key, cn))
        if self.chance(0.6):
            R.shuffle(present)
        lang = R.choice(["en", "en", "cn", "cn", "mixed"])
        header = []
        for key, cn in present:
            use_cn = lang == "cn" or (lang == "mixed" and self.chance(0.5))
            if use_cn:
                header.append(cn)
            else:
                header.append(R.choice([key, key, key.upper(), key.capitalize()]))
        # ignored columns
        extra = []
        if self.chance(0.3):
            extra.append(R.choice(["#备注", "# note", "#内部", "#x,y"]))
        positions = []
        for e in extra:
            pos = R.randint(0, len(header))
            header.insert(pos, e)
            present.insert(pos, ("#", None))
        pad = self.chance(0.3)
        lines = [self.csv_line(header, pad)]
        for r in rows:
            cells = []
            for key, _cn in present:
                if key == "#":
                    cells.append(R.choice(["", "不发布", "secret, do not publish", '含"引号"']))
                else:
                    cells.append(r.get(key, ""))
            lines.append(self.csv_line(cells, pad))
        if self.chance(0.25) and len(lines) > 1:
            for _ in range(R.randint(1, 3)):
                lines.insert(R.randint(1, len(lines)), "")
        eol = "\r\n" if self.chance(0.5) else "\n"
        text = eol.join(lines)
        if self.chance(0.85):
            text += eol
        enc = R.choice(["utf-8", "utf-8-sig", "gb18030", "gb18030"])
        data = self.encode(text, enc)
        path = os.path.join(self.out, relpath)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)

    def encode(self, text, enc):
        if enc == "gb18030":
            data = text.encode("gb18030")
            try:
                data.decode("utf-8")
                ok_as_utf8 = True
            except UnicodeDecodeError:
                ok_as_utf8 = False
            if ok_as_utf8 and data != text.encode("utf-8"):
                # GB18030 bytes that happen to be valid UTF-8 would be read as UTF-8: avoid
                return text.encode("utf-8")
            return data
        return text.encode(enc)

    def csv_line(self, cells, pad):
        out = []
        quote_all = self.chance(0.05)
        for c in cells:
            if quote_all or any(ch in c for ch in ',"\r\n'):
                out.append('"' + c.replace('"', '""') + '"')
            elif pad and self.chance(0.3):
                out.append(self.R.choice([" ", "  ", "\t"]) + c + self.R.choice(["", " ", "\t"]))
            else:
                out.append(c)
        return ",".join(out)

    # ------------------------------------------------------------ township
    def build(self):
        R = self.R
        # months
        nmonths = R.randint(13, 26)
        if self.chance(0.35):
            # make the published month a December (annual excellent = yes possible)
            end_year = R.randint(2025, 2027)
            end = end_year * 12 + 11
        else:
            end = R.randint(2025 * 12, 2027 * 12 + 11)
        start = end - nmonths + 1
        all_months = list(range(start, end + 1))
        missing = set()
        if self.chance(0.35):
            missing.add(R.randint(start + 1, end - 1))
            if self.chance(0.2):
                missing.add(R.randint(start + 1, end - 1))
        self.months = [m for m in all_months if m not in missing]
        self.start, self.end = start, end

        self.make_settings()
        self.make_rules()
        self.make_grids()
        self.make_holidays()
        self.make_patterns()
        self.make_units()
        for m in self.months:
            self.make_month(m)
        self.write_static()

    def make_settings(self):
        R = self.R
        s = {}
        s["stage"] = R.choice(["notice", "final"])
        s["level2_rounding"] = R.choice(["half_up", "floor", None])
        s["serious_points"] = R.choice([None, None, "10", "8", "12.5", "5"])
        s["thr"] = None
        if self.chance(0.25):
            s["thr"] = R.choice([("0.9", "0.85", "0.75"), ("1", "0.95", "0.5"), ("0.8", "0.8", "0.8")])
        s["work"] = None
        if self.chance(0.25):
            s["work"] = R.choice([("85", "55.5"), ("90.01", "60"), ("100", "0")])
        s["base"] = R.choice([None, "0", "100", "333.33", "250.5", "1000"])
        s["ratios"] = None
        if self.chance(0.25):
            s["ratios"] = {5: R.choice(["1.2", "1.2345", "1.5"]), 4: R.choice(["0.8", "0.8125", "0.7777"]),
                           3: R.choice(["0.6", "0.6005", "0"]), 2: R.choice(["0", "0.3333"]),
                           1: R.choice(["0", "0.1"]), 0: "0"}
        self.S = s
        self.serious_points = {None: 1000, "10": 1000, "8": 800, "12.5": 1250, "5": 500}[s["serious_points"]]

    def make_rules(self):
        R = self.R
        rules = []
        for r in BASE_RULES:
            d = r[1]
            if d == "service" and self.chance(0.5):
                continue
            if d == "work" and self.chance(0.5):
                continue
            if r[0] in ("M02", "E03", "S01") and self.chance(0.2):
                continue
            rules.append(list(r))
        # sometimes the social domain has no items at all (step 4 applies)
        if self.chance(0.2):
            rules = [r for r in rules if r[1] != "social"]
        self.rules = rules
        self.rule_by_code = {r[0]: r for r in rules}
        self.item_domains = {r[1] for r in rules}

    def make_grids(self):
        R = self.R
        ntowns = 1 if self.chance(0.6) else 2
        used = set()

        def gid(prefix, n):
            styles = [prefix + str(n), prefix + "%02d" % n, prefix.lower() + str(n), prefix + "-" + str(n),
                      prefix + "_" + str(n), prefix + str(n) + "a"]
            while True:
                x = R.choice(styles)
                if x not in used:
                    used.add(x)
                    return x
                n += 10

        grids = []
        self.towns = []
        vcount = 0
        gcount = 0
        for t in range(ntowns):
            tid = gid("T", t + 1)
            self.towns.append(tid)
            grids.append({"id": tid, "name": R.choice(["崔庙镇", "三官庙街道", "王村镇", "平谷镇"]) + str(t + 1),
                          "level": 1, "parent": None, "from": None, "until": None})
            nvill = R.randint(2, 6)
            # sometimes force the number of level-3 grids in the town to 6 or 4
            forced = R.choice([None, None, 6, 4, 7])
            sizes = [R.randint(1, 8) for _ in range(nvill)]
            if forced:
                nvill = min(nvill, forced)
                sizes = [1] * nvill
                for _ in range(forced - nvill):
                    sizes[R.randrange(nvill)] += 1
            for v in range(nvill):
                vcount += 1
                vid = gid("V", vcount)
                vfrom, vuntil = None, None
                if self.chance(0.15):
                    vfrom = R.randint(self.start, self.end)
                if self.chance(0.1):
                    vuntil = R.randint(vfrom or self.start, self.end)
                vrow = {"id": vid, "name": R.choice(PLACE) + R.choice(["村", "社区"]), "level": 2, "parent": tid,
                        "from": vfrom, "until": vuntil}
                grids.append(vrow)
                lo = vfrom if vfrom is not None else self.start
                hi = vuntil if vuntil is not None else self.end
                for k in range(sizes[v]):
                    gcount += 1
                    g = {"id": gid(R.choice(["G", "g", "S"]), gcount),
                         "name": R.choice(PLACE) + R.choice(["一组", "二组", "片区", "楼院", ",东片", "\"老\"院"]),
                         "level": 3, "parent": vid, "from": vfrom, "until": vuntil}
                    if self.chance(0.2):
                        f = R.randint(lo, hi)
                        g["from"] = None if (f == self.start and vfrom is None and self.chance(0.5)) else f
                    if self.chance(0.15):
                        g["until"] = R.randint(g["from"] if g["from"] is not None else lo, hi)
                        if g["until"] == self.end and vuntil is None and self.chance(0.5):
                            g["until"] = None
                    grids.append(g)
        for g in grids:
            if g["level"] in (2, 3) and self.chance(0.5):
                g["subsidy_base"] = R.choice([None, 0, 10000, 33333, 12345, 50050, 20000])
            g.setdefault("subsidy_base", None)
        self.grids = grids
        self.by_id = {g["id"]: g for g in grids}
        self.l3 = [g for g in grids if g["level"] == 3]
        # grid quality: index into the pattern pool (persistent ranks -> streak flags)
        for g in self.l3:
            g["q"] = R.randrange(6)
            g["perfect"] = self.chance(0.12)
            g["eval_only"] = self.chance(0.05)

    def active(self, g, m):
        return (g["from"] is None or g["from"] <= m) and (g["until"] is None or m <= g["until"])

    def make_holidays(self):
        R = self.R
        hol = {}
        for y in range(self.start // 12, self.end // 12 + 2):
            for (mo, d0, n) in [(1, 1, 1), (5, 1, 5), (10, 1, 7), (4, 4, 3)]:
                for k in range(n):
                    hol[date(y, mo, d0) + timedelta(days=k)] = "holiday"
            # make-up workdays on weekends around the holidays
            for dd in [date(y, 4, 27), date(y, 9, 28), date(y, 10, 11), date(y, 5, 9)]:
                if dd.weekday() >= 5:
                    hol[dd] = "workday"
            # random extra days near month ends
            for mo in range(1, 13):
                if self.chance(0.3):
                    last = (date(y + (mo == 12), 1 if mo == 12 else mo + 1, 1) - timedelta(days=1))
                    dd = last - timedelta(days=R.randint(0, 6))
                    hol[dd] = "workday" if dd.weekday() >= 5 else "holiday"
        self.holidays = hol

    def is_workday(self, d):
        k = self.holidays.get(d)
        if k == "holiday":
            return False
        if k == "workday":
            return True
        return d.weekday() < 5

    def nth_workday_after(self, d, n):
        k = 0
        while k < n:
            d += timedelta(days=1)
            if self.is_workday(d):
                k += 1
        return d

    def make_patterns(self):
        """A pool of inspection patterns ordered roughly best first.  A pattern is a list of roads,
        each road a list of findings (code, count, area_hundredths or None, factor)."""
        R = self.R
        codes = [r[0] for r in self.rules]
        thr_codes = [r[0] for r in self.rules if r[4]]
        pool = [[[], []]]  # clean: two roads, nothing found

        def finding():
            c = R.choice(codes)
            rule = self.rule_by_code[c]
            area = None
            if rule[4]:
                t = int(round(float(rule[4]) * 100))
                area = R.choice([t, t, t - 1, t + 1, 0, t * 2, t + 50])
            elif self.chance(0.1):
                area = R.randint(0, 900)
            cnt = R.choice([None, None, 1, 2, 3])
            fac = R.choice([None, None, None, 1, 2])
            return (c, cnt, area, fac)

        for k in range(1, 6):
            nroads = R.choice([1, 2, 2, 2, 3])
            roads = []
            for _ in range(nroads):
                nf = R.choice([0, 1, 1, 2, 3]) if k < 4 else R.choice([1, 2, 3, 4])
                roads.append([finding() for _ in range(nf)])
            pool.append(roads)
        # a pattern with D(d) exactly at serious_points (one road, heavy non-serious item)
        heavy = [r for r in self.rules if r[7] not in ("yes",) and not r[4]]
        if heavy:
            r = R.choice(heavy)
            pts = int(round(float(r[5]) * 100))
            if self.serious_points % pts == 0:
                n = self.serious_points // pts
                cnt, fac = (n // 2, 2) if n % 2 == 0 and n >= 2 else (n, None)
                pool.append([[(r[0], cnt, None, fac)]])
                pool.append([[(r[0], cnt, None, fac)], []])  # same sum over two roads: half
        # a pattern that floors a road at 0
        big = max(self.rules, key=lambda r: float(r[5]))
        pool.append([[(big[0], 10, int(round(float(big[4]) * 100)) + 1 if big[4] else None, 2)], []])
        if thr_codes:
            c = R.choice(thr_codes)
            t = int(round(float(self.rule_by_code[c][4]) * 100))
            pool.append([[(c, 1, t, None), (c, 1, t + 1, None)], [(c, 2, t - 1, 2)]])
        self.pool = pool

    def make_units(self):
        R = self.R
        units = []
        for ti, t in enumerate(self.towns):
            n = R.choice([0, 3, 8, 33, 36, 40])
            for k in range(n):
                uid = R.choice(["U", "u", "F-", "F_"]) + "%d%02d" % (ti + 1, k)
                units.append({"id": uid, "town": t, "name": R.choice(PLACE) + R.choice(
                    ["超市", "饭店", "五金店", "药房", "便利店", "\"好\"再来", "张记,面馆"]), "base": R.randint(50, 95)})
        self.units = units

    # ------------------------------------------------------------ one month
    def make_month(self, m):
        R = self.R
        mdir = self.mname(m)
        y, mo = m // 12, m % 12 + 1
        first = date(y, mo, 1)
        last = date(y + (mo == 12), 1 if mo == 12 else mo + 1, 1) - timedelta(days=1)
        active = [g for g in self.l3 if self.active(g, m)]
        inspected_month = not self.chance(0.04)  # rarely a month without any inspection at all
        insp, evals, reviews, issues, feedback = [], [], [], [], []
        note_choices = ["", "", "复查", "整改中, 下月复查", "拍照留存"]
        for g in active:
            gid = g["id"]
            inspected = inspected_month and not g["eval_only"] and not self.chance(0.1)
            if g["perfect"]:
                pat = self.pool[0]
            elif self.chance(0.6):
                pat = self.pool[min(g["q"], len(self.pool) - 1)]
            else:
                pat = R.choice(self.pool)
            road_domains = set()
            if inspected:
                roads = R.sample(ROADS, len(pat))
                for road, finds in zip(roads, pat):
                    rd = road
                    if not finds:
                        insp.append({"grid": gid, "road": rd, "item": "", "note": R.choice(note_choices)})
                    for (c, cnt, area, fac) in finds:
                        road_domains.add(self.rule_by_code[c][1])
                        row = {"grid": gid, "road": rd, "item": c,
                               "count": "" if cnt is None else str(cnt),
                               "area": "" if area is None else self.dec(area),
                               "factor": "" if fac is None else str(fac), "note": R.choice(note_choices)}
                        insp.append(row)
            # feedback
            fb = None
            if g["perfect"] or self.chance(0.55):
                fb = self.feedback_values(g["perfect"])
                feedback.append({"grid": gid, "residents": self.dec(fb[0]), "departments": self.dec(fb[1]),
                                 "village": self.dec(fb[2]), "self": self.dec(fb[3])})
            # issues
            self.make_issues(g, m, first, last, issues)
            # evaluations
            need = set()
            if not inspected:
                need = {"market", "social", "environment"}
                if fb is None:
                    need.add("work")
            cells = {}
            for d in DOMAINS:
                if d in need:
                    cells[d] = "red" if g["perfect"] else R.choice(["red", "red", "none", "black"])
                elif not g["perfect"] and self.chance(0.08):
                    cells[d] = R.choice(["red", "none", "black"])
                elif g["perfect"] and self.chance(0.05):
                    cells[d] = "red"
            selfv = R.choice(["", "", "5", "4", "3", "0"])
            if cells or selfv or self.chance(0.2):
                evals.append({"grid": gid, "self": selfv,
                              **{d: self.spell_star(v) for d, v in cells.items()}})
            # reviews
            if self.chance(0.1 if not g["perfect"] else 0.03):
                for d in R.sample(DOMAINS, R.randint(1, 2)):
                    v = "red" if g["perfect"] else R.choice(["red", "none", "black"])
                    reviews.append({"grid": gid, "domain": self.spell_domain(d), "value": self.spell_star(v),
                                    "reason": R.choice(["复核后认定已整改", "异议成立", "经核实, 情况属实",
                                                        "群众反映\"不实\""])})
        R.shuffle(insp)
        R.shuffle(evals)
        self.write_table(mdir + "/inspections.csv", INSP_COLS, insp, optional={"count", "area", "factor", "note"})
        if evals or self.chance(0.5):
            req = set()
            for e in evals:
                req |= {k for k, v in e.items() if v}
            self.write_table(mdir + "/evaluations.csv", EVAL_COLS, evals,
                             optional={"self", "market", "social", "service", "environment", "work"})
        if reviews or self.chance(0.3):
            self.write_table(mdir + "/reviews.csv", REVIEW_COLS, reviews)
        if issues or self.chance(0.5):
            R.shuffle(issues)
            self.write_table(mdir + "/issues.csv", ISSUE_COLS, issues, optional={"satisfied", "detail"})
        if feedback or self.chance(0.5):
            self.write_table(mdir + "/feedback.csv", FEEDBACK_COLS, feedback)
        self.make_frontage(m, mdir)

    def feedback_values(self, perfect):
        """Four values in hundredths; the weighted score often lands exactly on .xx5
        (in thousandths: 4R+2D+3V+S ends in 5), often near the 90 / 60 thresholds."""
        R = self.R
        if perfect:
            return [R.randint(9500, 10000) for _ in range(4)]
        target = R.choice([90000, 89995, 60000, 59995, 59990, 89990, None, None]) if self.chance(0.7) else None
        for _ in range(200):
            if target is None:
                vals = [R.randint(4000, 10000) for _ in range(4)]
                if self.chance(0.5):
                    # force a ...5 thousandths ending
                    s = 4 * vals[0] + 2 * vals[1] + 3 * vals[2] + vals[3]
                    if s % 10 != 5:
                        continue
                return vals
            d, v = R.randint(5000, 10000), R.randint(5000, 10000)
            s = R.randint(5000, 10000)
            rest = target * 1 - (2 * d + 3 * v + s)  # thousandths; need 4R = rest + delta
            for delta in (0, 1, -1, 2, -2, 3, -3, 4, -4):
                if (rest + delta) % 4 == 0:
                    r = (rest + delta) // 4
                    if 0 <= r <= 10000 and (delta == 0 or self.chance(0.3)):
                        return [r, d, v, s]
        return [9000, 9000, 9000, 9000]

    def make_issues(self, g, m, first, last, out):
        R = self.R
        if g["perfect"]:
            n = R.choice([0, 0, 1, 2])
        else:
            n = R.choice([0, 0, 0, 1, 1, 2, 3, 5, 8])
            if self.chance(0.03):
                n = R.choice([16, 20, 32])
        for _ in range(n):
            self.issue_seq = getattr(self, "issue_seq", 0) + 1
            iid = R.choice(["I", "Q", "问题"]) + str(self.issue_seq)
            if self.chance(0.5):
                rep = last - timedelta(days=R.randint(0, 8))
            else:
                rep = first + timedelta(days=R.randint(0, (last - first).days))
            scope = R.choice(["community", "department"])
            n_days = 3 if scope == "community" else 5
            dl = self.nth_workday_after(rep, n_days)
            if g["perfect"]:
                res = rep
            else:
                k = R.randrange(8)
                if k == 0:
                    res = None
                elif k == 1:
                    res = dl
                elif k == 2:
                    res = dl + timedelta(days=1)
                elif k == 3:
                    res = last
                elif k == 4:
                    res = last + timedelta(days=R.randint(1, 20))
                else:
                    res = rep + timedelta(days=R.randint(0, 9))
            sat = None
            if res is not None and self.chance(0.7):
                sat = self.chance(0.8)
            elif res is None and self.chance(0.1):
                sat = False
            out.append({"id": iid, "grid": g["id"], "category": R.choice(CATEGORIES),
                        "reported": self.spell_date(rep),
                        "scope": scope if self.chance(0.5) else {"community": "社区", "department": "部门"}[scope],
                        "resolved": "" if res is None else self.spell_date(res), "satisfied": self.spell_yes(sat),
                        "detail": R.choice(["", "居民反映路灯不亮", "井盖缺失, 已设警示", "噪音扰民\"夜间\""])})

    def make_frontage(self, m, mdir):
        R = self.R
        rows = []
        for u in self.units:
            if self.chance(0.15):
                continue
            cand = [g for g in self.grids if g["level"] in (2, 3) and self.active(g, m)
                    and self.town_of(g) == u["town"]]
            if self.chance(0.03) and len(self.towns) > 1:
                cand = [g for g in self.grids if g["level"] in (2, 3) and self.active(g, m)]
            if not cand:
                continue
            if "grid" not in u or u["grid"] not in [c["id"] for c in cand] or self.chance(0.05):
                u["grid"] = R.choice(cand)["id"]
            if self.chance(0.05):
                u["name"] = u["name"] + "(新)"
            total = u["base"] * 100 + R.choice([0, 0, 0, 25, 50, -100, 100, 1, -1])
            total = max(0, min(10000, total))
            parts = self.split_total(total)
            rows.append({"unit": u["id"], "name": u["name"], "grid": u["grid"],
                         "presence": self.dec(parts[0]), "conduct": self.dec(parts[1]),
                         "effect": self.dec(parts[2]), "leadership": self.dec(parts[3])})
        if rows or self.chance(0.3):
            R.shuffle(rows)
            self.write_table(mdir + "/frontage.csv", FRONTAGE_COLS, rows)

    def split_total(self, total):
        R = self.R
        caps = [3000, 3000, 3000, 1000]
        parts = [0, 0, 0, 0]
        rest = total
        # distribute greedily with some randomness
        for i in range(4):
            remaining_cap = sum(caps[i + 1:])
            lo = max(0, rest - remaining_cap)
            hi = min(caps[i], rest)
            parts[i] = R.randint(lo, hi)
            if self.chance(0.5):
                parts[i] = max(lo, min(hi, parts[i] // 50 * 50))
            rest -= parts[i]
        assert rest == 0, (total, parts)
        return parts

    def town_of(self, g):
        while g["level"] != 1:
            g = self.by_id[g["parent"]]
        return g["id"]

    # ------------------------------------------------------------ static files
    def write_static(self):
        R = self.R
        rows = []
        for g in self.grids:
            row = {"id": g["id"], "name": g["name"], "level": str(g["level"]), "parent": g["parent"] or "",
                   "from": self.mname(g["from"]) if g["from"] is not None else "",
                   "until": self.mname(g["until"]) if g["until"] is not None else ""}
            if self.chance(0.5):
                row["leader"] = self.person()
                row["phone"] = "138%08d" % R.randrange(10 ** 8) if self.chance(0.7) else "0371-6412%04d" % R.randrange(10000)
            if g["level"] in (2, 3) and g["subsidy_base"] is not None:
                row["subsidy_base"] = self.dec(g["subsidy_base"])
            if self.chance(0.4):
                row["class"] = R.choice(["A", "B", "C"])
            if self.chance(0.3):
                row["zone"] = R.choice(["集中居住", "连接过渡", "生态管护"])
            if self.chance(0.4):
                row["households"] = str(R.randint(20, 900))
            rows.append(row)
        R.shuffle(rows)
        self.write_table("grids.csv", GRID_COLS, rows, optional=GRID_OPTIONAL)

        rrows = []
        for r in self.rules:
            code, dom, item, unit, thr, pts, large, ser = r
            rrows.append({"code": code, "domain": self.spell_domain(dom), "item": item,
                          "unit": unit if self.chance(0.9) else "", "threshold": thr, "points": pts,
                          "points_large": large,
                          "serious": "" if ser == "" else self.spell_yes(ser == "yes")})
        R.shuffle(rrows)
        self.write_table("rules.csv", RULE_COLS, rrows)

        hrows = [{"date": self.spell_date(d), "kind": R.choice([k, {"holiday": "休", "workday": "班"}[k]])}
                 for d, k in sorted(self.holidays.items())]
        if hrows:
            R.shuffle(hrows)
            self.write_table("holidays.csv", HOLIDAY_COLS, hrows)

        s = self.S
        lines = ["[site]", "title = 随机网格 %d" % self.seed, "base_url = https://example.org/grid/",
                 "hotline = 0371-12345", "", "[publication]", "month = %s" % self.mname(self.end),
                 "stage = %s" % s["stage"]]
        if self.chance(0.3):
            lines.append("objection_days = 3")
        lines += ["", "[stars]"]
        if s["serious_points"]:
            lines.append("serious_points = %s" % s["serious_points"])
        if s["level2_rounding"]:
            lines.append("level2_rounding = %s" % s["level2_rounding"])
        if s["thr"]:
            lines += ["service_closure_red = %s" % s["thr"][0], "service_ontime_red = %s" % s["thr"][1],
                      "service_closure_black = %s" % s["thr"][2]]
        if s["work"]:
            lines += ["work_red = %s" % s["work"][0], "work_black = %s" % s["work"][1]]
        lines += ["", "[subsidy]"]
        if s["base"] is not None:
            lines.append("base = %s" % s["base"])
        if s["ratios"]:
            for k in (5, 4, 3, 2, 1, 0):
                lines.append("ratio%d = %s" % (k, s["ratios"][k]))
        lines += ["", "[theme]", "name = default", ""]
        with open(os.path.join(self.out, "site.ini"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines))


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: gen_random.py SEED OUT_DIR\n")
        sys.exit(2)
    seed = int(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    if os.listdir(out):
        sys.stderr.write("gen_random: %s is not empty\n" % out)
        sys.exit(2)
    Gen(seed, out).build()


if __name__ == "__main__":
    main()
