#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Write the gridstar sample township into an input directory.

usage: python3 tests/sample/make_sample.py input

The township is fictional: 青桐街道 (county code 410182), one level-1 grid,
14 villages/communities (level 2) and 59 sub-grids (level 3) as in seed 002,
with one sub-grid split in 2026-04.  Months 2025-01 .. 2026-10.

Deterministic: every random choice comes from random.Random seeded with a
fixed string per concern (str seeds are hashed with SHA-512, independent of
PYTHONHASHSEED).  Standard library only.  The files are written the way a real
office sends them: some GB18030 (Excel/WPS), some UTF-8 with BOM, some CRLF,
Chinese or English headers, shuffled column order, all four date spellings.
See tests/sample/README.md for what is planted where.
"""

import calendar
import csv
import datetime as dt
import io
import os
import random
import re
import shutil
import sys
from fractions import Fraction as F

SEED = "gridstar-sample-2026"


def rng_for(*parts):
    return random.Random(SEED + "/" + "/".join(str(p) for p in parts))


# ----------------------------------------------------------------- months

MONTHS = ["%d-%02d" % (y, m) for y in (2025, 2026) for m in range(1, 13)]
MONTHS = MONTHS[:MONTHS.index("2026-10") + 1]
PUBLISHED = "2026-10"
SNAPSHOT = dt.date(2026, 11, 2)     # the day the office compiles the October files


def month_days(month):
    y, m = int(month[:4]), int(month[5:])
    return [dt.date(y, m, d) for d in range(1, calendar.monthrange(y, m)[1] + 1)]


def last_day(month):
    return month_days(month)[-1]


# --------------------------------------------------------------- holidays
# 国务院办公厅 arrangements for 2025 and 2026 (放假 = holiday, 调休上班 = workday).

HOLIDAYS = [
    # 2025
    ("元旦", ["2025-01-01"], []),
    ("春节", ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01",
            "2025-02-02", "2025-02-03", "2025-02-04"], ["2025-01-26", "2025-02-08"]),
    ("清明节", ["2025-04-04", "2025-04-05", "2025-04-06"], []),
    ("劳动节", ["2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05"],
     ["2025-04-27"]),
    ("端午节", ["2025-05-31", "2025-06-01", "2025-06-02"], []),
    ("国庆节、中秋节", ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05",
                  "2025-10-06", "2025-10-07", "2025-10-08"], ["2025-09-28", "2025-10-11"]),
    # 2026
    ("元旦", ["2026-01-01", "2026-01-02", "2026-01-03"], ["2026-01-04"]),
    ("春节", ["2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
            "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"],
     ["2026-02-14", "2026-02-28"]),
    ("清明节", ["2026-04-04", "2026-04-05", "2026-04-06"], []),
    ("劳动节", ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"],
     ["2026-05-09"]),
    ("端午节", ["2026-06-19", "2026-06-20", "2026-06-21"], []),
    ("中秋节", ["2026-09-25", "2026-09-26", "2026-09-27"], []),
    ("国庆节", ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05",
             "2026-10-06", "2026-10-07"], ["2026-09-20", "2026-10-10"]),
]
HOLIDAY_SET = {dt.date.fromisoformat(d) for _, hs, _ in HOLIDAYS for d in hs}
WORKDAY_SET = {dt.date.fromisoformat(d) for _, _, ws in HOLIDAYS for d in ws}


def is_working(d):
    if d in WORKDAY_SET:
        return True
    if d in HOLIDAY_SET:
        return False
    return d.weekday() < 5


def add_working(d, n):
    """The n-th working day strictly after d (n >= 1)."""
    k = 0
    while k < n:
        d += dt.timedelta(days=1)
        if is_working(d):
            k += 1
    return d


def deadline(reported, scope):
    return add_working(reported, 3 if scope == "community" else 5)


# ------------------------------------------------------------------ grids

COUNTY = "410182"
TOWN_CODE = "101"
TOWN_ID = COUNTY + TOWN_CODE + "000000"
TOWN_NAME = "青桐街道"

# (village no, name, class, zone, [sub-grid names], [road pool])
VILLAGES = [
    (1, "和平社区", "A", "集中居住",
     ["一网格", "二网格", "三网格", "和平里小区", "供电局家属院"],
     ["和平路", "中华北路", "向阳街", "育才巷", "和平里一巷", "供电路", "解放街"]),
    (2, "东风社区", "A", "集中居住",
     ["东风路片区", "幸福路片区", "3号楼院", "粮食局家属院"],
     ["东风路", "幸福路", "友谊街", "红旗巷", "粮库路", "东风北街"]),
    (3, "文化路社区", "A", "集中居住",
     ["文化路北片区", "文化路南片区", "实验小学片区", "新华书店家属院", "纺织厂家属院"],
     ["文化路", "学院街", "书院巷", "纺织路", "新华街", "实验路", "纺织厂南巷"]),
    (4, "建设路社区", "B", "集中居住",
     ["建设路东片区", "建设路西片区", "金水花园", "22号楼院"],
     ["建设路", "金水路", "工农街", "建设东巷", "西环路", "金水花园内街"]),
    (5, "人民路社区", "A", "集中居住",
     ["一网格", "二网格", "三网格", "四网格", "商业街片区"],
     ["人民路", "商业街", "百货巷", "鼓楼街", "人民东路", "仓巷"]),
    (6, "光明社区", "B", "集中居住",
     ["光明小区", "锦绣园", "电力公司家属院", "老街片区"],
     ["光明路", "锦绣街", "电力路", "老街", "光明南巷", "新华南路"]),
    (7, "桃园社区", "B", "集中居住",
     ["桃园新村", "桃园小区一期", "桃园小区二期", "农机站家属院"],
     ["桃园路", "桃园北街", "农机路", "桃花巷", "梨园街"]),
    (8, "槐荫社区", "B", "集中居住",
     ["槐荫里", "槐荫路片区", "5号楼院", "医院家属院"],
     ["槐荫路", "槐荫里巷", "医院路", "健康街", "五号路"]),
    (9, "西关村", "C", "连接过渡",
     ["一组", "二组", "三组", "西关新区", "集贸市场片区"],
     ["西关大街", "集贸市场路", "西关新区一路", "西环路北段", "村南路"]),
    (10, "南庄村", "C", "连接过渡",
     ["南庄一组", "南庄二组", "南庄三组", "南庄工业园片区"],
     ["南庄大街", "工业园路", "南庄后街", "乡道Y012", "南庄北巷"]),
    (11, "李家寨村", "C", "连接过渡",
     ["东寨", "西寨", "北寨", "寨后片区"],
     ["寨前街", "东寨路", "西寨路", "寨后路", "李寨大道"]),
    (12, "王家沟村", "C", "生态管护",
     ["前沟", "后沟", "林场片区"],
     ["沟前路", "后沟路", "林场路", "王沟村道"]),
    (13, "柳树湾村", "B", "集中居住",
     ["柳树湾一组", "柳树湾二组", "河湾片区", "新村安置区"],
     ["柳湾大街", "河湾路", "安置区一路", "安置区二路", "滨河路"]),
    (14, "石桥村", "C", "连接过渡",
     ["石桥东组", "石桥西组", "果园片区", "山前片区"],
     ["石桥大街", "果园路", "山前路", "东组路", "西组路"]),
]


def vid(v):
    return COUNTY + TOWN_CODE + "%03d000" % v


def gid(v, g):
    return COUNTY + TOWN_CODE + "%03d%03d" % (v, g)


# the split: 纺织厂家属院 (003005) ends 2026-03, two new grids from 2026-04
SPLIT_OLD = gid(3, 5)
SPLIT_NEW = [(gid(3, 6), "纺织厂家属院东区"), (gid(3, 7), "纺织厂家属院西区")]
SPLIT_LAST = "2026-03"
SPLIT_FIRST = "2026-04"

MODEL = [gid(1, 2), gid(5, 3), gid(8, 1), gid(13, 2)]   # perfect all 2025 -> excellent
TOP = [gid(2, 2), gid(9, 4)]                            # perfect all 2026 -> praise
TOP_SLIPS = {gid(2, 2): {"2025-04", "2025-11"}, gid(9, 4): {"2025-02", "2025-12"}}
WEAK = [gid(10, 2), gid(10, 4)]                         # lowest from 2025-07 on
WEAK_FROM = "2025-07"
WEAK_GOOD_MONTH = (gid(10, 4), "2026-05")               # one normal month breaks the streak
# 2026-10: planted warnings
PLANT_ORANGE = gid(11, 3)    # one serious finding (H3) -> one black star
PLANT_RED = gid(6, 4)        # serious F4 + heavy environment -> two black stars
# 2025-06: model grid with an office override corrected by a review (stays 5-star at final)
OVERRIDE_REVIEWED = (gid(5, 3), "2025-06", "social")

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ["建国", "秀英", "桂兰", "志强", "海燕", "红梅", "卫东", "晓峰", "丽娟", "国庆",
         "春生", "玉兰", "振华", "淑芳", "新民", "小军", "敏", "静", "磊", "伟", "霞", "勇",
         "芳", "洁", "涛", "鹏", "俊杰", "雪梅", "文斌", "明亮", "玉霞", "保国", "金凤",
         "长青", "爱民", "丽萍", "书琴", "海涛", "艳红", "占军", "春燕", "建伟", "素珍"]


def make_grids():
    rng = rng_for("grids")
    used_names = set()

    def person():
        while True:
            n = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if n not in used_names:
                used_names.add(n)
                return n

    def phone():
        return rng.choice(["13", "15", "18"]) + str(rng.randint(0, 9)) + \
            "".join(str(rng.randint(0, 9)) for _ in range(8))

    grids = [dict(id=TOWN_ID, name=TOWN_NAME, level=1, parent="", leader=person(),
                  phone=phone(), subsidy_base="", cls="", zone="", households="",
                  frm="", until="", roads=[])]
    for v, vname, vcls, vzone, subs, roads in VILLAGES:
        vg = dict(id=vid(v), name=vname, level=2, parent=TOWN_ID, leader=person(),
                  phone=phone(), subsidy_base="", cls=vcls, zone=vzone, households=0,
                  frm="", until="", roads=[])
        # level-2 subsidy base: mostly 1200-1500, two blank (site.ini default)
        if v in (7, 12):
            vg["subsidy_base"] = ""
        else:
            vg["subsidy_base"] = str(rng.choice([1200, 1300, 1400, 1500]))
        grids.append(vg)
        names = list(enumerate(subs, 1))
        if v == 3:
            names += [(6, SPLIT_NEW[0][1]), (7, SPLIT_NEW[1][1])]
        for g, sname in names:
            zone = vzone
            if any(k in sname for k in ("林场", "果园", "山前", "河湾")):
                zone = "生态管护"
            elif any(k in sname for k in ("工业园", "集贸", "寨后", "安置")):
                zone = "连接过渡"
            elif vcls == "C" and sname.endswith("组"):
                zone = "集中居住"
            if vcls == "A":
                cls = rng.choice(["A", "A", "B"])
            elif vcls == "B":
                cls = rng.choice(["A", "B", "B", "C"])
            else:
                cls = rng.choice(["B", "C", "C"])
            sb = rng.choice(["", "800", "900", "1000", "1000", "1100", "1200", "1200",
                             "1300", "1500", ""])
            sg = dict(id=gid(v, g), name=sname, level=3, parent=vid(v), leader=person(),
                      phone=phone(), subsidy_base=sb, cls=cls, zone=zone,
                      households=rng.randrange(60, 620, 1), frm="", until="",
                      roads=rng.sample(roads, 3))
            if sg["id"] == SPLIT_OLD:
                sg["until"] = SPLIT_LAST
                sg["subsidy_base"] = "1000"
                sg["households"] = 486
            if sg["id"] in (SPLIT_NEW[0][0], SPLIT_NEW[1][0]):
                sg["frm"] = SPLIT_FIRST
                sg["households"] = 251 if sg["id"] == SPLIT_NEW[0][0] else 235
                sg["roads"] = ["纺织路", "纺织厂南巷"] if sg["id"] == SPLIT_NEW[0][0] \
                    else ["纺织路", "学院街"]
            grids.append(sg)
            if not sg["frm"]:
                vg["households"] += sg["households"]
    # one odd subsidy base with two decimals
    for g in grids:
        if g["id"] == gid(4, 3):
            g["subsidy_base"] = "1050.50"
    return grids


def active(g, month):
    return (not g["frm"] or g["frm"] <= month) and (not g["until"] or month <= g["until"])


# ------------------------------------------------------------------ rules
# seed 001 第一篇 三、考核内容, items (一)..(八), one row per scoring rule.
# (code, domain, item, unit, threshold, points, points_large, serious, source)

RULES = [
    ("A1", "市场监管", "店外经营、店外作业", "处", "4", "2", "4", "", "(一)店外经营"),
    ("B1", "市场监管", "占道摊点、流动摊点", "处", "4", "2", "4", "", "(二)占道摊点"),
    ("C1", "市场监管", "占道夜市摊点(含落地灯箱、炉子、桌椅、案板、肉架)", "处", "", "2", "", "",
     "(三)占道夜市"),
    ("D1", "环境卫生", "占道堆放", "处", "4", "2", "4", "", "(四)乱堆乱放"),
    ("D2", "环境卫生", "落地广告牌", "块", "", "2", "", "", "(四)乱堆乱放"),
    ("E1", "市场监管", "店招店牌破损", "块", "", "5", "", "", "(五)1"),
    ("E2", "市场监管", "店招店牌字体、灯光残缺", "处", "", "1", "", "", "(五)2"),
    ("E3", "环境卫生", "“牛皮癣”小广告", "处", "", "3", "", "", "(五)3"),
    ("E4", "环境卫生", "招贴告示", "处", "", "1", "", "", "(五)3"),
    ("E5", "市场监管", "户外广告设施未在限期内整改", "处", "", "5", "", "否",
     "(五)4 超出规定时限1个月仍未整改完毕的扣分加倍"),
    ("E6", "市场监管", "指定户外广告(店招)整治任务未按时整改或拆除", "处", "", "3", "", "",
     "(五)5"),
    ("F1", "社会管理", "停放车辆较多又无停放线", "处", "", "5", "", "", "(六)1(1)"),
    ("F2", "社会管理", "非机动车停放方向不一致", "辆", "", "1", "", "", "(六)1(2)"),
    ("F3", "社会管理", "群众投诉举报未及时整改", "次", "", "5", "", "", "(六)2(1)"),
    ("F4", "社会管理", "新闻媒体曝光", "次", "", "5", "", "是", "(六)2(2)"),
    ("F5", "工作评价", "整改通知书未按时整改", "项", "", "2", "", "否", "(六)3(1)"),
    ("F6", "工作评价", "月整改率低于90%", "项", "", "10", "", "", "(六)3(2)"),
    ("G1", "环境卫生", "橱窗张贴(含沿街台阶、立柱、外立面)", "处", "", "0.5", "", "", "(七)"),
    ("H1", "工作评价", "未做到定人定时巡查", "例", "", "1", "", "", "(八)1"),
    ("H2", "环境卫生", "无主垃圾、零星渣土、建筑垃圾", "处", "", "2", "", "", "(八)2"),
    ("H3", "环境卫生", "建筑垃圾未在规定时间内清理", "处", "", "2", "", "是", "(八)2"),
    ("H4", "环境卫生", "垃圾清理不彻底", "处", "", "2", "", "", "(八)2"),
    ("H5", "环境卫生", "道路积存垃圾", "处", "", "3", "", "", "(八)3"),
    ("H6", "环境卫生", "小街巷积存垃圾", "处", "", "3", "", "", "(八)3"),
    ("H7", "环境卫生", "居民小区内积存建筑垃圾", "处", "", "3", "", "", "(八)3"),
]
RULE = {r[0]: dict(domain=r[1], threshold=F(r[4]) if r[4] else None, points=F(r[5]),
                   large=F(r[6]) if r[6] else None, serious=(r[7] == "是"))
        for r in RULES}
DOMAIN_KEY = {"市场监管": "market", "社会管理": "social", "公共服务": "service",
              "环境卫生": "environment", "工作评价": "work"}
DOMAINS = ["market", "social", "service", "environment", "work"]
DOMAIN_CN = {v: k for k, v in DOMAIN_KEY.items()}

NOTES = {
    "A1": ["门前摆放货架", "店外加工作业", "水果摊摆出店外", "店主称临时卸货，已劝离"],
    "B1": ["早市流动摊贩", "三轮车占道卖菜", "路口流动摊点"],
    "C1": ["夜市烧烤桌椅占道", "夜市摊点未收摊"],
    "D1": ["建材占道堆放", "纸箱杂物堆放人行道"],
    "D2": ["门前落地广告牌", "可移动展板"],
    "E1": ["店招一角脱落", "灯箱破损"],
    "E2": ["店招缺字", "霓虹灯不亮"],
    "E3": ["电线杆上发现\"牛皮癣\"", "楼道口小广告"],
    "E4": ["门口张贴招租告示"],
    "E5": ["限期整改通知单已下发"],
    "E6": ["区办指定整治任务"],
    "F1": ["超市门口电动车乱停"],
    "F2": ["电动车头尾方向不一", "共享单车摆放杂乱"],
    "F3": ["12345转办投诉未整改"],
    "F4": ["市电视台《民生关注》报道"],
    "F5": ["整改通知书逾期"],
    "F6": ["本月整改率82%"],
    "G1": ["沿街立柱张贴", "橱窗贴满促销海报"],
    "H1": ["巡查记录缺失"],
    "H2": ["绿化带内零星渣土", "墙角无主垃圾"],
    "H3": ["装修建筑垃圾超期未清运"],
    "H4": ["清扫后残留", "垃圾桶周边未清理"],
    "H5": ["路边积存垃圾"],
    "H6": ["巷内积存垃圾"],
    "H7": ["小区内建筑垃圾堆积"],
}
BLANK_NOTES = ["", "", "", "", "路面整洁", "未发现问题", "无"]

NORMAL_ITEMS = [("A1", 10), ("B1", 8), ("C1", 3), ("D1", 8), ("D2", 4), ("E1", 2), ("E2", 6),
                ("E3", 8), ("E4", 4), ("E5", 1), ("E6", 1), ("F1", 2), ("F2", 8), ("F3", 1),
                ("F5", 3), ("F6", 1), ("G1", 9), ("H1", 4), ("H2", 8), ("H4", 3), ("H5", 5),
                ("H6", 3), ("H7", 2)]
WEAK_ITEMS = [("A1", 6), ("B1", 6), ("C1", 3), ("D1", 6), ("E1", 3), ("E3", 5), ("F1", 3),
              ("F3", 2), ("F5", 3), ("G1", 3), ("H2", 5), ("H4", 3), ("H5", 5), ("H6", 4),
              ("H7", 3)]
MINOR_ITEMS = ["G1", "E2", "F2", "E4", "H1"]


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def fnum(x):
    """Fraction/number -> shortest decimal text (at most two decimals)."""
    x = F(x)
    n = x * 100
    assert n.denominator == 1, x
    n = n.numerator
    s = "%d.%02d" % (n // 100, n % 100)
    return s.rstrip("0").rstrip(".") if "." in s else s


def finding(rng, code, heavy=False):
    r = RULE[code]
    count = ""
    area = ""
    factor = ""
    if code in ("F2",):
        count = str(rng.randint(2, 6))
    elif code in ("G1", "E3"):
        count = rng.choice(["", "", "2", "3"] if not heavy else ["2", "3", "4"])
    elif heavy and rng.random() < 0.4:
        count = rng.choice(["2", "3"])
    elif rng.random() < 0.08:
        count = "1"
    if r["threshold"] is not None:
        pool = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4, 5, 6, 8, 10.5, 12] if not heavy \
            else [4, 5, 6, 8, 9.5, 12, 15]
        area = fnum(F(str(rng.choice(pool))))
    elif rng.random() < 0.03:
        area = rng.choice(["0", "1.5"])     # allowed and ignored without a threshold
    if code == "E5" and rng.random() < 0.5:
        factor = "2"
    elif code == "F5" and rng.random() < 0.2:
        factor = "2"
    elif rng.random() < 0.05:
        factor = "1"
    note = rng.choice(NOTES[code]) if rng.random() < 0.45 else ""
    return dict(item=code, count=count, area=area, factor=factor, note=note)


def deduction(row):
    if not row["item"]:
        return F(0)
    r = RULE[row["item"]]
    c = int(row["count"] or 1)
    f = int(row["factor"] or 1)
    p = r["points"]
    if r["threshold"] is not None and F(row["area"]) > r["threshold"]:
        p = r["large"]
    return c * f * p


def grid_profile(g, month):
    i = g["id"]
    if i in MODEL:
        return "perfect" if month < "2026-01" else "minor"
    if i in TOP:
        return "minor" if month in TOP_SLIPS[i] else "perfect"
    if i in WEAK and month >= WEAK_FROM and (i, month) != WEAK_GOOD_MONTH:
        return "weak"
    return "normal"


def gen_inspections(g, month):
    rng = rng_for("insp", g["id"], month)
    prof = grid_profile(g, month)
    x = rng.random()
    nroads = 2 if x < 0.86 else (1 if x < 0.93 else 3)
    if prof == "weak":
        nroads = 2 if x < 0.8 else 3
    nroads = min(nroads, len(g["roads"]))
    roads = rng.sample(g["roads"], nroads)
    per_road = {r: [] for r in roads}
    if prof == "perfect":
        pass
    elif prof == "minor":
        per_road[rng.choice(roads)].append(finding(rng, rng.choice(MINOR_ITEMS)))
    elif prof == "weak":
        for r in roads:
            target = rng.randint(24, 38)
            tot = F(0)
            while tot < target:
                f = finding(rng, wchoice(rng, WEAK_ITEMS), heavy=True)
                per_road[r].append(f)
                tot += deduction(f)
        if rng.random() < 0.35:
            per_road[roads[0]].append(finding(rng, "H3", heavy=True))
        if rng.random() < 0.12:
            per_road[roads[-1]].append(finding(rng, "F4"))
        if rng.random() < 0.3:
            per_road[roads[0]].append(finding(rng, "F6"))
    else:
        if rng.random() < 0.02:
            k = 0
        else:
            k = wchoice(rng, [(1, 25), (2, 30), (3, 25), (4, 12), (5, 8)])
        for _ in range(k):
            per_road[rng.choice(roads)].append(finding(rng, wchoice(rng, NORMAL_ITEMS)))
        if rng.random() < 0.025:
            per_road[rng.choice(roads)].append(finding(rng, rng.choice(["F4", "H3"])))
        if rng.random() < 0.04:      # a bad month in one domain: D(d) >= 10 -> black
            dom = rng.choice(["environment", "market"])
            codes = [c for c, _ in NORMAL_ITEMS if DOMAIN_KEY[RULE[c]["domain"]] == dom
                     and RULE[c]["points"] >= 2]
            for r in roads:
                tot = F(0)
                while tot < 11:
                    f = finding(rng, rng.choice(codes), heavy=True)
                    per_road[r].append(f)
                    tot += deduction(f)
    # planted 2026-10 warnings
    if month == PUBLISHED and g["id"] == PLANT_ORANGE:
        per_road = {r: [] for r in roads}
        per_road[roads[0]].append(dict(item="H3", count="", area="", factor="",
                                       note="拆迁工地建筑垃圾逾期未清运"))
        per_road[roads[-1]].append(dict(item="G1", count="2", area="", factor="", note=""))
    if month == PUBLISHED and g["id"] == PLANT_RED:
        per_road = {r: [] for r in roads}
        per_road[roads[0]].append(dict(item="F4", count="", area="", factor="",
                                       note="网络媒体曝光电动车占道"))
        for r in roads:
            per_road[r].append(dict(item="H5", count="2", area="", factor="", note=""))
            per_road[r].append(dict(item="D1", count="", area="6", factor="",
                                    note="废品回收站占道堆放"))
            per_road[r].append(dict(item="H2", count="", area="", factor="", note=""))
    rows = []
    for r in roads:
        fs = per_road[r]
        if not fs:
            rows.append(dict(grid=g["id"], road=r, item="", count="", area="", factor="",
                             note=rng.choice(BLANK_NOTES)))
        for f in fs:
            rows.append(dict(grid=g["id"], road=r, **f))
    return rows


def domain_stars_from_inspection(rows):
    roads = {r["road"] for r in rows}
    sums = {d: F(0) for d in DOMAINS}
    serious = set()
    for r in rows:
        if not r["item"]:
            continue
        d = DOMAIN_KEY[RULE[r["item"]]["domain"]]
        sums[d] += deduction(r)
        if RULE[r["item"]]["serious"]:
            serious.add(d)
    out = {}
    for d in ("market", "social", "environment", "work"):
        if d in serious or sums[d] >= 10 * len(roads):
            out[d] = "black"
        elif sums[d] == 0:
            out[d] = "red"
        else:
            out[d] = "none"
    return out


# ----------------------------------------------------------------- issues

CATEGORIES = {
    "环境卫生": ["楼道堆放杂物，居民反映影响通行", "小区垃圾桶满溢未及时清运", "绿化带内有积存垃圾",
             "路边有建筑垃圾"],
    "矛盾纠纷": ["邻里因漏水产生纠纷", "租户与房东押金纠纷", "停车位争议", "装修噪音扰民引发矛盾"],
    "治安隐患": ["单元门禁损坏", "背街小巷路灯不亮存在安全隐患", "电动车楼道充电",
             "出租屋人员登记不全"],
    "基础设施": ["下水道堵塞", "路面塌陷坑洼", "楼顶防水层破损漏雨", "公厕设施损坏"],
    "市容秩序": ["门店占道经营", "流动摊贩占道", "户外广告牌松动"],
    "民生服务": ["高龄津贴申领咨询", "低保复核材料代办", "残疾人证办理咨询", "医保缴费咨询"],
    "安全生产": ["沿街门店消防通道堵塞", "液化气瓶存放不规范", "小作坊用电线路老化"],
}
DEPT_CATS = {"基础设施", "安全生产", "治安隐患"}


def fmt_date(d, style):
    if style == "-":
        return d.isoformat()
    if style == "-np":
        return "%d-%d-%d" % (d.year, d.month, d.day)
    if style == "/":
        return "%d/%d/%d" % (d.year, d.month, d.day)
    if style == "/0":
        return "%d/%02d/%02d" % (d.year, d.month, d.day)
    if style == ".":
        return "%d.%d.%d" % (d.year, d.month, d.day)
    if style == "年":
        return "%d年%d月%d日" % (d.year, d.month, d.day)
    raise ValueError(style)


def gen_issues(grids_active, month, seq_start=1):
    """Issues reported in `month`: list of dict with dates as dt.date (or None)."""
    days = month_days(month)
    out = []
    for g in grids_active:
        rng = rng_for("issues", g["id"], month)
        prof = grid_profile(g, month)
        if prof in ("perfect", "minor") and g["id"] in MODEL + TOP:
            n = wchoice(rng, [(0, 15), (1, 35), (2, 30), (3, 20)])
            mode = "good"
        elif prof == "weak":
            n = rng.randint(2, 6)
            mode = "weak"
        else:
            n = wchoice(rng, [(0, 12), (1, 22), (2, 26), (3, 20), (4, 12), (5, 6), (6, 2)])
            mode = "normal"
        for _ in range(n):
            cat = rng.choice(list(CATEGORIES))
            scope = "department" if (cat in DEPT_CATS and rng.random() < 0.6) \
                or rng.random() < 0.12 else "community"
            rep = rng.choice(days)
            dl = deadline(rep, scope)
            x = rng.random()
            if mode == "good":
                outcome = "ontime"
            elif mode == "weak":
                outcome = "ontime" if x < 0.55 else ("late" if x < 0.85 else "open")
            else:
                outcome = "ontime" if x < 0.86 else ("late" if x < 0.97 else "open")
            if outcome == "ontime":
                cands = [d for d in (rep + dt.timedelta(days=k) for k in range((dl - rep).days + 1))
                         if d == rep or is_working(d)]
                res = rng.choice(cands)
            elif outcome == "late":
                res = add_working(dl, rng.randint(1, 6))
            else:
                res = None if rng.random() < 0.5 else dl + dt.timedelta(days=rng.randint(12, 40))
            if res is not None and res > SNAPSHOT:
                res = None
            if mode == "good" and res is not None and res > last_day(month) and dl > last_day(month):
                pass   # resolved next month, not yet due at month end: fine
            sat = ""
            if res is not None:
                sat = wchoice(rng, [("yes", 78), ("no", 8), ("", 14)]) if mode != "weak" \
                    else wchoice(rng, [("yes", 50), ("no", 30), ("", 20)])
            detail = rng.choice(CATEGORIES[cat]) if rng.random() < 0.7 else ""
            out.append(dict(grid=g["id"], category=cat, reported=rep, scope=scope,
                            resolved=res, satisfied=sat, detail=detail))
    return out


# planted issues that cross holidays: (month, grid, category, reported, scope, resolved, detail)
PLANTED_ISSUES = [
    ("2025-09", gid(4, 1), "基础设施", "2025-09-30", "department", "2025-10-14",
     "节前上报路灯故障，国庆后第5个工作日修复"),
    ("2026-02", gid(7, 2), "环境卫生", "2026-02-13", "community", "2026-02-25",
     "春节前上报积存垃圾，2月14日调休上班计1个工作日"),
    ("2026-04", gid(11, 1), "安全生产", "2026-04-30", "department", "2026-05-12",
     "劳动节前上报; 5月9日调休上班计入，期限5月11日，5月12日办结已超期"),
    ("2026-09", gid(14, 2), "治安隐患", "2026-09-30", "department", "2026-10-13",
     "国庆节前上报，10月10日调休上班计入"),
    ("2026-09", gid(6, 2), "矛盾纠纷", "2026-09-24", "community", "2026-09-30",
     "中秋节前调解"),
    ("2026-10", gid(1, 3), "基础设施", "2026-10-09", "community", "2026-10-13",
     "10月10日(周六)调休上班，第3个工作日为10月13日"),
    ("2026-10", gid(1, 4), "基础设施", "2026-10-09", "community", "2026-10-14",
     "晚于期限一天办结"),
]


# --------------------------------------------------------------- feedback

def two_dec(rng, lo, hi):
    x = rng.uniform(lo, hi)
    k = rng.random()
    if k < 0.55:
        return str(int(round(x)))
    if k < 0.85:
        return "%.1f" % x
    return "%.2f" % x


def gen_feedback(g, month):
    rng = rng_for("feedback", g["id"], month)
    prof = grid_profile(g, month)
    if g["id"] in MODEL or g["id"] in TOP:
        lo, hi = 91, 99.5
    elif prof == "weak":
        lo, hi = 45, 72
    else:
        lo, hi = 72, 96
    vals = [min(F(100), F(two_dec(rng, lo, hi))) for _ in range(4)]
    return dict(grid=g["id"], residents=fnum(vals[0]), departments=fnum(vals[1]),
                village=fnum(vals[2]), self=fnum(max(vals[3], vals[0])))


# --------------------------------------------------------------- frontage

UNIT_NAMES = ["万家福超市", "老王烩面馆", "惠民大药房", "鑫源五金店", "兴隆副食店", "四季鲜水果店",
              "美佳美发店", "好运来饭店", "金色童年幼儿园", "康宁诊所", "顺发建材店", "天天洗衣店",
              "宏达家电", "阳光文具店", "福满楼酒家", "清风茶社", "永盛粮油店", "新华苑宾馆",
              "和顺修车行", "丰收农资店", "利民便利店", "祥和烟酒店", "巧手裁缝店", "小李早餐店",
              "大众浴池", "百姓药房", "益民眼镜店", "锦程手机店", "乐购生鲜超市", "金穗面粉店",
              "德福食品门市", "豫香胡辣汤馆", "平安车行", "如意布艺店", "晨光图文店", "华联日杂店",
              "春风理发店", "喜洋洋母婴店", "兴华五金建材", "通达快递驿站", "青桐农贸市场管理处",
              "石桥卫生室", "柳湾农家乐", "果园采摘园", "好邻居超市"]
UNIT_RENAMED = ("MQ002", "2026-07", "王记烩面馆")
UNIT_NEW = ("MQ044", "2026-03")      # opened in March 2026
UNIT_CLOSED = ("MQ045", "2026-06")   # last scored June 2026
UNIT_SPLIT = "MQ017"                 # in 纺织厂家属院, moves to 东区 in 2026-04


def make_units(grids):
    rng = rng_for("units")
    l3 = [g for g in grids if g["level"] == 3 and not g["frm"]]
    l2 = [g for g in grids if g["level"] == 2]
    units = []
    for i, name in enumerate(UNIT_NAMES, 1):
        uid = "MQ%03d" % i
        if uid == UNIT_SPLIT:
            grid = SPLIT_OLD
        elif i % 6 == 0:
            grid = rng.choice(l2)["id"]
        else:
            grid = rng.choice([g for g in l3 if g["id"] != SPLIT_OLD])["id"]
        units.append(dict(unit=uid, name=name, grid=grid, q=rng.uniform(58, 97)))
    return units


def half(x, lo, hi):
    x = max(lo, min(hi, x))
    return F(int(round(x * 2)), 2)


def frontage_rows(units, month, salt=0):
    rows = []
    for u in units:
        if u["unit"] == UNIT_NEW[0] and month < UNIT_NEW[1]:
            continue
        if u["unit"] == UNIT_CLOSED[0] and month > UNIT_CLOSED[1]:
            continue
        rng = rng_for("frontage", u["unit"], month, salt)
        q = u["q"] / 100
        parts = [half(30 * q + rng.gauss(0, 1.6), 0, 30) for _ in range(3)]
        lead = half(10 * q + rng.gauss(0, 0.8), 0, 10)
        grid = u["grid"]
        if u["unit"] == UNIT_SPLIT and month >= SPLIT_FIRST:
            grid = SPLIT_NEW[0][0]
        name = u["name"]
        if u["unit"] == UNIT_RENAMED[0] and month >= UNIT_RENAMED[1]:
            name = UNIT_RENAMED[2]
        rows.append(dict(unit=u["unit"], name=name, grid=grid, presence=fnum(parts[0]),
                         conduct=fnum(parts[1]), effect=fnum(parts[2]), leadership=fnum(lead)))
    return rows


def r2(x):
    q = F(x) * 100
    return F((q.numerator * 2 + q.denominator) // (2 * q.denominator), 100)


def honours_clean(per_month_rows, months):
    """True when yearly rank 30/31 and bottom 5/6 boundaries are not shared."""
    tot = {}
    for m in months:
        for r in per_month_rows[m]:
            tot.setdefault(r["unit"], []).append(
                F(r["presence"]) + F(r["conduct"]) + F(r["effect"]) + F(r["leadership"]))
    means = sorted((r2(sum(v) / len(v)) for v in tot.values()), reverse=True)
    if len(means) < 36:
        return False
    return means[29] != means[30] and means[-5] != means[-6]


# -------------------------------------------------------------- file I/O

EN = {
    "inspections": ["grid", "road", "item", "count", "area", "factor", "note"],
    "evaluations": ["grid", "self", "market", "social", "service", "environment", "work"],
    "reviews": ["grid", "domain", "value", "reason"],
    "issues": ["id", "grid", "category", "reported", "scope", "resolved", "satisfied", "detail"],
    "feedback": ["grid", "residents", "departments", "village", "self"],
    "frontage": ["unit", "name", "grid", "presence", "conduct", "effect", "leadership"],
}
ZH = {
    "grid": "网格", "road": "道路", "item": "扣分项", "count": "数量", "area": "面积",
    "factor": "倍数", "note": "备注", "self": "自评", "market": "市场监管", "social": "社会管理",
    "service": "公共服务", "environment": "环境卫生", "work": "工作评价", "domain": "领域",
    "value": "结果", "reason": "理由", "id": "编号", "category": "类别", "reported": "上报日期",
    "scope": "办理层级", "resolved": "办结日期", "satisfied": "满意", "detail": "详情",
    "residents": "群众", "departments": "部门", "village": "村级", "unit": "单位编号",
    "name": "单位名称", "presence": "到岗", "conduct": "行为规范", "effect": "管理效果",
    "leadership": "领导评定",
}

INVENTORY = []   # (path, encoding, eol, header language) for the README/report


def write_csv(path, header, rows, enc="utf-8", eol="\n", pad=False, blank_lines=()):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for i, row in enumerate(rows):
        if i in blank_lines:
            buf.write(eol)
        cells = ["" if c is None else str(c) for c in row]
        if pad:
            cells = [(" " + c + " ") if c and j % 2 == 1 else c for j, c in enumerate(cells)]
        w.writerow(cells)
    text = buf.getvalue()
    if enc == "gb18030":
        data = text.encode("gb18030")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise SystemExit("make_sample: %s: GB18030 bytes happen to be valid UTF-8" % path)
    elif enc == "utf-8-sig":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    else:
        data = text.encode("utf-8")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    lang = "zh" if any(re.search(r"[\u4e00-\u9fff]", h) for h in header) else "en"
    INVENTORY.append((path, {"utf-8": "UTF-8", "utf-8-sig": "UTF-8+BOM",
                             "gb18030": "GB18030"}[enc], "CRLF" if eol == "\r\n" else "LF", lang))


def write_table(path, kind, rows, lang="en", order=None, enc="utf-8", eol="\n", case=None,
                extra=None, pad=False, blank_lines=()):
    """rows: list of dicts keyed by English column names."""
    cols = list(order or EN[kind])
    header = [ZH[c] if lang == "zh" else c for c in cols]
    if case == "title":
        header = [h.title() for h in header]
    elif case == "upper":
        header = [h.upper() for h in header]
    out = [[r.get(c, "") for c in cols] for r in rows]
    if extra:            # (position, header, values-function)
        pos, h, fn = extra
        header.insert(pos, h)
        for r, o in zip(rows, out):
            o.insert(pos, fn(r))
    write_csv(path, header, out, enc=enc, eol=eol, pad=pad, blank_lines=blank_lines)


# ---------------------------------------------------------------- notices

NOTICES = {
    "2026-10-star-rating.md": """title: 2026年10月网格星级评定结果公示
date: 2026-11-02

## 公示说明

根据《青桐街道网格星级评定实施办法》,经网格自评、二级网格申报、街道初评,现将2026年10月各二、三级网格星级评定结果予以公示。

- 公示期为5个工作日,自公示之日起计算;
- 对评定结果有异议的,可在公示期内拨打监督电话或到街道网格化管理中心反映;
- 公示期满无异议的,报街道长效机制领导小组审定。

星级与奖补资金挂钩:

| 星级 | 奖补比例 |
|---|---|
| 五星 | 120% |
| 四星 | 80% |
| 三星 | 60% |
| 二星及以下 | 不发放 |

评定细则见[网格星级评定实施办法](https://wgh.example.gov.cn/)。
""",
    "objection-procedure.md": """title: 关于星级评定异议复核的说明
date: 2026-03-10

## 异议复核流程

1. 网格长或群众在公示期内提出异议,说明理由并提供佐证材料;
2. 街道网格化管理中心会同相关部门实地复核;
3. 复核结果报街道长效机制领导小组审定,并在网格页面注明调整理由。

复核以实地查看、电话回访和部门督查记录为依据。**逾期提出的异议不予受理。**

详情请咨询街道网格化管理中心,或访问[青桐街道网格化管理公示网](https://wgh.example.gov.cn/)。
""",
    "frontage-2025.md": """title: 2025年度“门前三包”管理考评结果通报
date: 2026-01-15

## 2025年度“门前三包”考评

按照《“门前三包”管理考核办法》,到岗落实、行为规范、管理效果各占30分,领导评定占10分,年度成绩为各月成绩的平均值。

- 年度排名前30位的单位予以通报表彰;
- 年度排名后5位的单位予以通报,并限期整改;
- 各网格要继续落实定路段、定人员、定时间的“三定”要求。

各单位得分和排名见本站“门前三包”栏目。
""",
}

SITE_INI = """; 青桐街道网格星级评定公示 —— 站点设置(示例数据，网址与电话均为虚构)
; 修改后重新运行 gridstar 即可

[site]
title = 青桐街道网格星级评定公示
base_url = https://wgh.example.gov.cn/
; 异议受理、投诉电话
hotline = 0371-12345678

[publication]
; 本次公示月份与阶段: notice = 公示, final = 审定
month = 2026-10
stage = notice
; 公示起始日，不填则为次月第一个工作日
; publish_date = 2026-11-02
objection_days = 5

[subsidy]
; 网格未单独设定奖补标准时使用(元/月)
base = 1000

[theme]
name = default
"""


# ------------------------------------------------------------------- main

STAR_SPELL = {"red": ["red", "红星", "红", "★"], "none": ["none", "无星", "无", "☆"],
              "black": ["black", "黑星", "黑", "●"]}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: make_sample.py INPUT_DIR\n")
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    # clear what we generate (month folders, notices, top-level files)
    for name in os.listdir(out):
        p = os.path.join(out, name)
        if re.fullmatch(r"\d{4}-\d{2}", name) and os.path.isdir(p):
            shutil.rmtree(p)
    if os.path.isdir(os.path.join(out, "notices")):
        shutil.rmtree(os.path.join(out, "notices"))

    grids = make_grids()
    byid = {g["id"]: g for g in grids}

    # grids.csv: Chinese headers, UTF-8 with BOM (Excel "CSV UTF-8")
    gcols = ["编号", "名称", "级别", "上级", "网格长", "电话", "奖补标准", "类别", "分区", "户数",
             "起始月份", "截止月份"]
    write_csv(os.path.join(out, "grids.csv"), gcols,
              [[g["id"], g["name"], g["level"], g["parent"], g["leader"], g["phone"],
                g["subsidy_base"], g["cls"], g["zone"], g["households"], g["frm"], g["until"]]
               for g in grids], enc="utf-8-sig", eol="\r\n")

    # rules.csv: whole seed-001 table, Chinese headers, '#依据' ignored column
    write_csv(os.path.join(out, "rules.csv"),
              ["代码", "领域", "扣分项", "单位", "面积界限", "扣分", "超限扣分", "严重", "#依据"],
              [list(r) for r in RULES])

    # holidays.csv: English headers, 休/班 for 2025, holiday/workday for 2026, '#name' column
    hrows = []
    for name, hs, ws in HOLIDAYS:
        for d in hs:
            hrows.append((d, "休" if d < "2026" else "holiday", name))
        for d in ws:
            hrows.append((d, "班" if d < "2026" else "workday", name + "调休上班"))
    hrows.sort()
    write_csv(os.path.join(out, "holidays.csv"), ["date", "kind", "#name"],
              [[d if d < "2026" else fmt_date(dt.date.fromisoformat(d), "/"), k, n]
               for d, k, n in hrows])

    with open(os.path.join(out, "site.ini"), "w", encoding="utf-8", newline="\n") as f:
        f.write(SITE_INI)
    os.makedirs(os.path.join(out, "notices"), exist_ok=True)
    for name, text in NOTICES.items():
        with open(os.path.join(out, "notices", name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    units = make_units(grids)
    # frontage: pick the first salt giving clean 30/5 boundaries for 2025 and 2026
    for salt in range(100):
        fr = {m: frontage_rows(units, m, salt) for m in MONTHS}
        if honours_clean(fr, [m for m in MONTHS if m < "2026"]) and \
                honours_clean(fr, [m for m in MONTHS if m >= "2026"]):
            break
    else:
        raise SystemExit("make_sample: no clean frontage salt")

    planted_ids = {}
    for mi, month in enumerate(MONTHS):
        mdir = os.path.join(out, month)
        y = int(month[:4])
        act3 = [g for g in grids if g["level"] == 3 and active(g, month)]
        rng = rng_for("month", month)

        # ---------------- inspections
        insp = []
        stars = {}
        for g in act3:
            rows = gen_inspections(g, month)
            insp.extend(rows)
            stars[g["id"]] = domain_stars_from_inspection(rows)
        if month in (PUBLISHED, "2025-07"):
            # a note with a comma (quoted field) and one with double quotes
            a1 = [r for r in insp if r["item"] == "A1"]
            e3 = [r for r in insp if r["item"] == "E3"]
            if a1:
                a1[0]["note"] = "店主称临时卸货,已当场劝离"
            if e3:
                e3[0]["note"] = "电线杆上发现\"牛皮癣\"小广告"
        if y == 2025:
            write_table(os.path.join(mdir, "inspections.csv"), "inspections", insp, lang="zh",
                        enc="gb18030", eol="\r\n")
        elif month <= "2026-03":
            write_table(os.path.join(mdir, "inspections.csv"), "inspections", insp, lang="zh",
                        enc="utf-8-sig", eol="\r\n")
        elif month <= "2026-06":
            write_table(os.path.join(mdir, "inspections.csv"), "inspections", insp)
        elif month == "2026-08":
            write_table(os.path.join(mdir, "inspections.csv"), "inspections", insp,
                        order=["road", "grid", "item", "area", "count", "factor", "note"],
                        case="title")
        else:
            write_table(os.path.join(mdir, "inspections.csv"), "inspections", insp,
                        order=["grid", "road", "item", "area", "count", "factor", "note"])

        # ---------------- issues
        iss = gen_issues(act3, month)
        for pm, pg, cat, rep, scope, res, detail in PLANTED_ISSUES:
            if pm == month:
                iss.append(dict(grid=pg, category=cat, reported=dt.date.fromisoformat(rep),
                                scope=scope, resolved=dt.date.fromisoformat(res),
                                satisfied="yes", detail=detail, planted=True))
        iss.sort(key=lambda r: (r["reported"], r["grid"]))
        for k, r in enumerate(iss, 1):
            r["id"] = "QT%s%04d" % (month.replace("-", ""), k)
            if r.get("planted"):
                planted_ids[r["id"]] = (r["grid"], r["reported"], r["scope"], r["resolved"])
        # details with line break / comma in 2026-10 and 2025-05
        if month in ("2026-10", "2025-05"):
            for r in iss:
                if r["detail"]:
                    r["detail"] = "居民来电反映:\n" + r["detail"] + "\n已转交物业,跟踪回访"
                    break
        styles = ["/", "-", ".", "年"]
        zh = y == 2025 or month == "2026-06"
        yesno = ({"yes": "是", "no": "否", "": ""} if mi % 3 == 1 else
                 {"yes": "yes", "no": "no", "": ""})
        drows = []
        for r in iss:
            if month == PUBLISHED:
                st = rng.choice(["-", "/", ".", "年", "-np", "/0"])
                st2 = rng.choice(["-", "/", ".", "年"])
            elif month == "2026-09":
                st = st2 = rng.choice(["-", "-np"])
            else:
                st = st2 = styles[mi % 4]
            scope = r["scope"]
            if zh:
                scope = {"community": "社区", "department": "部门"}[scope]
            drows.append(dict(id=r["id"], grid=r["grid"], category=r["category"],
                              reported=fmt_date(r["reported"], st),
                              scope=scope,
                              resolved=fmt_date(r["resolved"], st2) if r["resolved"] else "",
                              satisfied=yesno[r["satisfied"]], detail=r["detail"]))
        ipath = os.path.join(mdir, "issues.csv")
        if month == "2025-05":
            write_table(ipath, "issues", drows, lang="zh", enc="gb18030", eol="\r\n")
        elif y == 2025:
            write_table(ipath, "issues", drows, lang="zh", eol="\r\n",
                        blank_lines=(len(drows) // 2,) if month == "2025-09" else ())
        elif month == "2026-03":
            write_table(ipath, "issues", drows,
                        order=["id", "grid", "category", "reported", "scope", "resolved", "detail"])
        elif month == "2026-06":
            write_table(ipath, "issues", drows, lang="zh", enc="utf-8-sig", eol="\r\n")
        else:
            write_table(ipath, "issues", drows,
                        order=["id", "reported", "grid", "category", "scope", "resolved",
                               "satisfied", "detail"] if month == PUBLISHED else None)

        # service star estimate (for reviews: only to pick sensible values)
        # ---------------- evaluations
        ev = []
        for g in act3:
            r = rng_for("eval", g["id"], month)
            special = g["id"] in MODEL or g["id"] in TOP
            if not special and r.random() < 0.1:
                continue          # no evaluation row this month
            lvl = sum(1 for v in stars[g["id"]].values() if v == "red") + 1
            if g["id"] in MODEL + TOP and grid_profile(g, month) == "perfect":
                selfv = "5"
            else:
                selfv = str(max(0, min(5, lvl + r.choice([-1, 0, 0, 0, 1]))))
            if r.random() < 0.05 and not special:
                selfv = ""
            ev.append(dict(grid=g["id"], self=selfv))
        # a few office overrides (initial assessments) on ordinary grids
        ordinary = [e for e in ev if e["grid"] not in MODEL + TOP + WEAK
                    and e["grid"] not in (PLANT_ORANGE, PLANT_RED)]
        for e in rng.sample(ordinary, rng.randint(1, 3)):
            dom = rng.choice(["market", "social", "environment", "work", "service"])
            val = wchoice(rng, [("red", 3), ("none", 2), ("black", 1)])
            e[dom] = rng.choice(STAR_SPELL[val])
        if month == OVERRIDE_REVIEWED[1]:
            for e in ev:
                if e["grid"] == OVERRIDE_REVIEWED[0]:
                    e[OVERRIDE_REVIEWED[2]] = "无星"
        if month >= WEAK_FROM:
            for e in ev:
                if e["grid"] == WEAK[0] and month in ("2025-10", "2026-10"):
                    e["environment"] = rng.choice(STAR_SPELL["black"])
        epath = os.path.join(mdir, "evaluations.csv")
        if month == "2025-04":
            write_table(epath, "evaluations", ev, order=["grid", "self", "environment", "market"])
        elif month == "2025-08":
            write_table(epath, "evaluations", ev, lang="zh", enc="gb18030", eol="\r\n")
        elif y == 2025:
            write_table(epath, "evaluations", ev)
        elif month == PUBLISHED:
            write_table(epath, "evaluations", ev, lang="zh", enc="utf-8-sig", eol="\r\n",
                        order=["grid", "market", "environment", "social", "service", "work",
                               "self"])
        elif month == "2026-05":
            write_table(epath, "evaluations", ev, lang="zh", enc="utf-8-sig", eol="\r\n",
                        order=["grid", "self", "market", "social", "environment"])
        else:
            write_table(epath, "evaluations", ev, lang="zh", enc="utf-8-sig", eol="\r\n")

        # ---------------- reviews
        rv = []
        n_rev = {"2025-03": 1, "2025-06": 1, "2025-09": 2, "2025-12": 1, "2026-02": 1,
                 "2026-05": 2, "2026-08": 1, "2026-10": 2}.get(month, 0)
        if month == OVERRIDE_REVIEWED[1]:
            rv.append(dict(grid=OVERRIDE_REVIEWED[0], domain=OVERRIDE_REVIEWED[2], value="红星",
                           reason="经复核,群众投诉事项属相邻网格,不属本网格责任,恢复红星"))
            n_rev -= 1
        cands = [(g["id"], d) for g in act3 if g["id"] not in MODEL + TOP + WEAK
                 and g["id"] not in (PLANT_ORANGE, PLANT_RED)
                 for d, v in sorted(stars[g["id"]].items()) if v != "red"]
        evmap = {e["grid"]: e for e in ev}
        for gi, d in rng.sample(cands, n_rev):
            if d in evmap.get(gi, {}):
                continue
            if rng.random() < 0.7:
                val, why = rng.choice(STAR_SPELL["red"]), rng.choice([
                    "经复核，扣分问题在检查当日已整改到位",
                    "经实地复核，占道物品系临时卸货，异议成立",
                    "复核认定该处不属本网格管辖范围"])
            else:
                val, why = rng.choice(STAR_SPELL[stars[gi][d]]), "经复核，问题属实，维持原评定"
            dom = d if rng.random() < 0.5 else DOMAIN_CN[d]
            rv.append(dict(grid=gi, domain=dom, value=val, reason=why))
        if month == PUBLISHED:
            rv.append(dict(grid=WEAK[0], domain="环境卫生", value="无星",
                           reason="异议部分成立: 建筑垃圾已于11月1日清运完毕"))
        rpath = os.path.join(mdir, "reviews.csv")
        if y == 2025:
            write_table(rpath, "reviews", rv)
        elif month == PUBLISHED:
            write_table(rpath, "reviews", rv, lang="zh", enc="utf-8-sig", eol="\r\n")
        else:
            write_table(rpath, "reviews", rv, lang="zh")

        # ---------------- feedback
        fb = []
        for g in act3:
            r = rng_for("fbskip", g["id"], month)
            if g["id"] not in MODEL + TOP and r.random() < 0.08:
                continue
            fb.append(gen_feedback(g, month))
        fpath = os.path.join(mdir, "feedback.csv")
        if month in ("2025-03", "2025-08", "2025-11", "2026-02", "2026-07"):
            write_table(fpath, "feedback", fb, lang="zh", enc="gb18030", eol="\r\n")
        elif month == PUBLISHED:
            write_table(fpath, "feedback", fb, order=["grid", "residents", "village",
                                                      "departments", "self"],
                        extra=(1, "#备注", lambda r: "网格长休假，自评由副网格长填报"
                               if r["grid"] == gid(7, 3) else ""))
        elif month == "2025-06":
            write_table(fpath, "feedback", fb, pad=True)
        else:
            write_table(fpath, "feedback", fb, lang="zh" if y == 2026 else "en",
                        eol="\r\n" if month in ("2025-10", "2026-04") else "\n")

        # ---------------- frontage
        fpath = os.path.join(mdir, "frontage.csv")
        if y == 2025:
            write_table(fpath, "frontage", fr[month])
        elif month == "2026-06":
            write_table(fpath, "frontage", fr[month], lang="zh", enc="utf-8-sig", eol="\r\n",
                        order=["unit", "grid", "name", "leadership", "presence", "conduct",
                               "effect"])
        elif month == "2026-04":
            write_table(fpath, "frontage", fr[month], lang="zh", enc="utf-8-sig", eol="\r\n",
                        blank_lines=(10, 20))
        else:
            write_table(fpath, "frontage", fr[month], lang="zh", enc="utf-8-sig", eol="\r\n")

    # inventory for the README / lead
    inv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inventory.txt")
    with open(inv, "w", encoding="utf-8") as f:
        for p, enc, eol, lang in INVENTORY:
            f.write("%s\t%s\t%s\t%s\n" % (os.path.relpath(p, out), enc, eol, lang))
        f.write("# planted issues crossing holidays: id grid reported scope resolved\n")
        for k, (g, rep, scope, res) in sorted(planted_ids.items()):
            f.write("# %s %s %s %s %s deadline %s\n" % (k, g, rep, scope, res,
                                                       deadline(rep, scope)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
