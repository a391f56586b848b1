#!/usr/bin/env python3
"""Hand-checked examples for the oracle.  usage: python3 tests/oracle/selftest.py
Every expected figure below was worked out by hand from RULES.md / decisions.md."""

import csv
import io
import os
import shutil
import sys
import tempfile
from datetime import date
from fractions import Fraction as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import oracle  # noqa: E402

failures = 0


def check(what, got, want):
    global failures
    if got != want:
        failures += 1
        print("FAIL %s: got %r, want %r" % (what, got, want))
    else:
        print("ok   %s" % what)


def write(base, rel, text, enc="utf-8"):
    p = os.path.join(base, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as fh:
        fh.write(text.encode(enc))


def read_rows(path):
    with open(path, "rb") as fh:
        data = fh.read()
    assert data.startswith(b"\xef\xbb\xbf"), path
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "bare LF in " + path
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    key = "grid" if rows and "grid" in rows[0] and "unit" not in rows[0] else list(rows[0])[0] if rows else None
    return {r[key]: r for r in rows}


def run(files, *args):
    d = tempfile.mkdtemp(prefix="oracle_selftest_")
    for rel, text in files.items():
        if isinstance(text, tuple):
            write(d, rel, text[0], text[1])
        else:
            write(d, rel, text)
    out = os.path.join(d, "out")
    oracle.run(d, out, *args)
    return d, out


# ------------------------------------------------------------------ arithmetic
x = F(4, 10) * 1 + F(2, 10) * 100 + F(3, 10) * 99 + F(1, 10) * 99
check("0.4*1 + 0.2*100 + 0.3*99 + 0.1*99 exact", x, F(60))
check("... published", oracle.f2(oracle.r2(x)), "60.00")
check("half away from zero 12.345", oracle.f2(oracle.r2(F(12345, 1000))), "12.35")
check("half away from zero 89.995", oracle.f2(oracle.r2(F(89995, 1000))), "90.00")
check("rate 2/3", oracle.f4(oracle.r4(F(2, 3))), "0.6667")
check("rate 1/32 = 0.03125", oracle.f4(oracle.r4(F(1, 32))), "0.0313")
check("ties 1,2,2,4", oracle.rank_desc({"a": 90, "b": 80, "c": 80, "d": 70}), {"a": 1, "b": 2, "c": 2, "d": 4})
check("bottom ties", oracle.rank_asc({"a": 90, "b": 80, "c": 80, "d": 70}), {"a": 4, "b": 2, "c": 2, "d": 1})

# ------------------------------------------------------------------ tiny township
SITE = "[publication]\nmonth = 2026-03\nstage = notice\n[subsidy]\nbase = 200\n"
GRIDS = "编号,名称,级别,上级,奖补标准\nT1,镇,1,,\nV1,村,2,T1,\nG1,一组,3,V1,100\nG2,\"二组,东\",3,V1,100\n"
RULES = ("code,domain,item,unit,threshold,points,points_large,serious\n"
         "S1,market,店外经营,处,4,2,4,\nS2,环境卫生,道路积存垃圾,处,,3,,no\nS3,social,x,处,,5,,yes\n")
files = {
    "site.ini": SITE, "grids.csv": GRIDS, "rules.csv": RULES,
    # G1: road A = 100 - 2 (area 4 is not over 4) - 2*3 = 92; road B = 100; mean 96.00
    "2026-03/inspections.csv": "Grid, ROAD ,item,count,area,#x\nG1,A,S1,,4,zz\nG1,A,S2,2,,\n\nG1,B,,,,\n",
    "2026-03/evaluations.csv": ("grid,market,social,environment,work,self\r\nG2,red,红,★,,5\r\n", "gb18030"),
    "2026-03/feedback.csv": "grid,residents,departments,village,self\nG2,100,100,100,100\n",
    # Fri 27 March, community: deadline = 3rd working day after = Wed 1 April; resolved 31 March
    "2026-03/issues.csv": "id,grid,category,reported,scope,resolved,satisfied\n1,G2,c,2026/3/27,社区,2026年3月31日,是\n",
}
d, out = run(files)
rows = list(csv.DictReader(io.StringIO(open(os.path.join(out, "data/2026-03/results.csv"),
                                            encoding="utf-8-sig", newline="").read())))
by = {r["grid"]: r for r in rows}
check("row order", [r["grid"] for r in rows], ["G1", "G2", "V1"])
g1, g2, v1 = by["G1"], by["G2"], by["V1"]
check("G1 two-road average", g1["inspection_score"], "96.00")
check("G1 stars (market none D=1, social red, service red, env none D=3, work red step 4)",
      [g1[k] for k in ("market", "social", "service", "environment", "work", "stars")],
      ["none", "red", "red", "none", "red", "3"])
check("G1 subsidy 100*0.60", g1["subsidy"], "60.00")
check("G1 warning", g1["warning"], "yellow")
check("G2 evaluation spellings + feedback work red", [g2[k] for k in ("market", "social", "environment", "work")],
      ["red", "red", "red", "red"])
check("G2 issue counts", [g2[k] for k in ("reported", "due", "resolved", "on_time", "closure_rate", "satisfaction")],
      ["1", "1", "1", "1", "1.0000", "1.0000"])
check("G2 no inspection -> no score, unranked", [g2["monthly_score"], g2["rank_town"]], ["", ""])
check("G2 name quoted", g2["name"], "二组,东")
check("V1 mean/level/subsidy", [v1["stars_mean"], v1["stars"], v1["subsidy"], v1["monthly_score"]],
      ["4.00", "4", "160.00", "96.00"])
raw = open(os.path.join(out, "data/2026-03/results.csv"), "rb").read()
check("quoting in output", b'"\xe4\xba\x8c\xe7\xbb\x84,\xe4\xb8\x9c"' in raw, True)
shutil.rmtree(d)

# ------------------------------------------------------------------ roads, D(d) exactly at serious_points, floor 0
files = {
    "site.ini": "[publication]\nmonth = 2026-03\nstage = final\n[stars]\nlevel2_rounding = floor\n",
    "grids.csv": "id,name,level,parent\nT,t,1,\nV,v,2,T\nA,a,3,V\nB,b,3,V\nC,c,3,V\n",
    "rules.csv": ("code,domain,item,unit,threshold,points,points_large,serious\n"
                  "K,market,k,处,,5,,\nH,market,h,处,,0.5,,\nZ,environment,z,处,,0.01,,\n"),
    # A: one road, 2 x 5 = 10 = serious_points -> black; score 90
    # B: two roads, same 10 -> D = 5 -> none; (90 + 100)/2 = 95
    # C: three roads 100, 99.99, 0 (K x10 x factor 3 = 150 -> floored) -> 199.99/3 = 66.663.. -> 66.66
    "2026-03/inspections.csv": ("grid,road,item,count,factor\nA,r1,K,2,\nB,r1,K,1,2\nB,r2,,,\n"
                                "C,r1,,,\nC, r2 ,Z,,\nC,r3,K,10,3\nC,r2,,,\n"),
    "2026-03/reviews.csv": "grid,domain,value,reason\nA,环境卫生,●,\"x, y\"\n",
}
d, out = run(files)
rows = {r["grid"]: r for r in csv.DictReader(io.open(os.path.join(out, "data/2026-03/results.csv"),
                                                     encoding="utf-8-sig", newline=""))}
check("A D(d) == serious_points -> black", rows["A"]["market"], "black")
check("A review applied at final", rows["A"]["environment"], "black")
check("A warning red (2 black)", rows["A"]["warning"], "red")
check("B D(d)=5 -> none", rows["B"]["market"], "none")
check("B two roads", rows["B"]["inspection_score"], "95.00")
check("C floor and 3-road mean", rows["C"]["inspection_score"], "66.66")
check("C market black (150/3 = 50)", rows["C"]["market"], "black")
check("levels", [rows[g]["stars"] for g in "ABC"], ["3", "4", "3"])
check("V floor rounding of 3.33", [rows["V"]["stars_mean"], rows["V"]["stars"]], ["3.33", "3"])
check("V inspection = mean of rounded children", rows["V"]["inspection_score"], "83.89")
check("ranks", [rows[g]["rank_town"] for g in "ABC"], ["2", "1", "3"])
shutil.rmtree(d)

# ------------------------------------------------------------------ working days and deadlines
T = oracle.Township.__new__(oracle.Township)
T.hol = {date(2026, 10, k): False for k in range(1, 8)}
T.hol[date(2026, 10, 10)] = True
check("deadline across National Day, make-up Saturday",
      T.nth_workday_after(date(2026, 9, 30), 3), date(2026, 10, 10))
check("department deadline", T.nth_workday_after(date(2026, 9, 30), 5), date(2026, 10, 13))
check("Friday + 3", T.nth_workday_after(date(2026, 3, 27), 3), date(2026, 4, 1))

# issues: reported 2026-03-30 (Mon) community -> deadline Thu 2 April, not due on 31 March unless resolved
files = {
    "site.ini": "[publication]\nmonth = 2026-03\n",
    "grids.csv": "id,name,level,parent\nT,t,1,\nV,v,2,T\nA,a,3,V\n",
    "rules.csv": "code,domain,item,unit,threshold,points,points_large,serious\nK,market,k,处,,5,,\n",
    "2026-03/evaluations.csv": "grid,market,social,environment,work\nA,red,red,red,red\n",
    "2026-03/issues.csv": ("id,grid,category,reported,scope,resolved,satisfied\n"
                           "1,A,c,2026-03-30,community,,\n"          # open, not due
                           "2,A,c,2026-03-30,community,2026-04-01,\n"  # resolved after month: not due
                           "3,A,c,2026-03-02,department,2026-03-10,no\n"  # deadline 9 March: late
                           "4,A,c,2026-03-02,community,2026-03-05,yes\n"  # deadline 5 March: on time
                           "5,A,c,2026-03-31,department,2026-03-31,yes\n"  # resolved same day: due
                           "6,A,c,2026-03-20,community,,\n"),          # deadline 25 March: due, open
    "holidays.csv": "日期,类型\n2026.3.9,休\n",  # makes deadline of 3 = 10 March, so on time
}
d, out = run(files)
rows = {r["grid"]: r for r in csv.DictReader(io.open(os.path.join(out, "data/2026-03/results.csv"),
                                                     encoding="utf-8-sig", newline=""))}
a = rows["A"]
check("issue counts", [a[k] for k in ("reported", "due", "resolved", "on_time")], ["6", "4", "3", "3"])
check("issue rates", [a[k] for k in ("closure_rate", "on_time_rate", "satisfaction")],
      ["0.7500", "0.7500", "0.6667"])
check("service black (closure < 0.80)", a["service"], "black")
shutil.rmtree(d)

# ------------------------------------------------------------------ streaks, both-top-and-bottom exclusion
grids = "id,name,level,parent\nT,t,1,\nV,v,2,T\n" + "".join("G%d,g,3,V\n" % k for k in range(1, 7))
rules = "code,domain,item,unit,threshold,points,points_large,serious\nK,market,k,处,,1,,\n"
files = {"site.ini": "[publication]\nmonth = 2026-03\nstage = final\n", "grids.csv": grids, "rules.csv": rules}
for mo in (1, 2, 3):
    # G1..G6 deduct 0,1,2,3,4,5 points: ranks 1..6 (G1 level... market red only for G1)
    lines = ["grid,road,item,count"]
    for k in range(1, 7):
        lines.append("G%d,r,%s,%s" % (k, "K" if k > 1 else "", k - 1 if k > 1 else ""))
    files["2026-%02d/inspections.csv" % mo] = "\n".join(lines) + "\n"
d, out = run(files)
rows = {r["grid"]: r for r in csv.DictReader(io.open(os.path.join(out, "data/2026-03/results.csv"),
                                                     encoding="utf-8-sig", newline=""))}
check("G1 level 5 -> +2", rows["G1"]["monthly_score"], "102.00")
check("praise top 3", [rows["G%d" % k]["flags"] for k in (1, 2, 3)], ["praise", "praise", "praise"])
check("warning_streak bottom 3", [rows["G%d" % k]["flags"] for k in (4, 5, 6)],
      ["warning_streak"] * 3)
q = read_rows(os.path.join(out, "data/2026-Q1/quarter.csv"))
check("quarter ranks", [q["G%d" % k]["rank"] for k in range(1, 7)], ["1", "2", "3", "4", "5", "6"])
an = read_rows(os.path.join(out, "data/2026/annual.csv"))
check("annual", [an["G6"]["annual_score"], an["G6"]["months_scored"], an["G6"]["excellent"]], ["95.00", "3", "no"])
shutil.rmtree(d)

# all six tied: every grid is in top 3 and bottom 3 -> neither
files = {"site.ini": "[publication]\nmonth = 2026-03\nstage = final\n", "grids.csv": grids, "rules.csv": rules}
for mo in (1, 2, 3):
    files["2026-%02d/inspections.csv" % mo] = "grid,road,item\n" + "".join("G%d,r,K\n" % k for k in range(1, 7))
d, out = run(files)
rows = {r["grid"]: r for r in csv.DictReader(io.open(os.path.join(out, "data/2026-03/results.csv"),
                                                     encoding="utf-8-sig", newline=""))}
check("all tied -> no flags", sorted({r["flags"] for r in rows.values()}), [""])
check("all tied -> rank 1", sorted({r["rank_town"] for g, r in rows.items() if g.startswith("G")}), ["1"])
shutil.rmtree(d)

# ------------------------------------------------------------------ feedback on .xx5, frontage
files = {
    "site.ini": "[publication]\nmonth = 2026-03\n",
    "grids.csv": "id,name,level,parent\nT,t,1,\nV,v,2,T\nA,a,3,V\nB,b,3,V\nC,c,3,V\n",
    "rules.csv": "code,domain,item,unit,threshold,points,points_large,serious\nK,market,k,处,,5,,\n",
    "2026-03/inspections.csv": "grid,road,item\nA,r,\nB,r,\nC,r,\n",
    # A: (4*89.99 + 2*90 + 3*90 + 90.01)/10 = 89.997 -> 90.00 -> red
    # B: (4*59.99 + 2*60 + 3*60 + 59.99)/10 = 59.995 -> 60.00 -> none (not below 60)
    # C: (4*59.99 + 2*60 + 3*60 + 59.98)/10 = 59.994 -> 59.99 -> black
    "2026-03/feedback.csv": "grid,residents,departments,village,self\nA,89.99,90,90,90.01\nB,59.99,60,60,59.99\n"
                             "C,59.99,60,60,59.98\n",
    "2026-03/frontage.csv": ("unit,name,grid,presence,conduct,effect,leadership\n"
                             "u2,x,A,30,30,30,10\nU1,y,V,29.5,30,30,10\nU3,\"z\"\"q\",B,10,10,10,0\n"),
}
d, out = run(files)
rows = {r["grid"]: r for r in csv.DictReader(io.open(os.path.join(out, "data/2026-03/results.csv"),
                                                     encoding="utf-8-sig", newline=""))}
check("feedback 89.997 -> 90.00 red", [rows["A"]["feedback_score"], rows["A"]["work"]], ["90.00", "red"])
check("feedback 59.995 -> 60.00 none", [rows["B"]["feedback_score"], rows["B"]["work"]], ["60.00", "none"])
check("feedback 59.994 -> 59.99 black", [rows["C"]["feedback_score"], rows["C"]["work"]], ["59.99", "black"])
fr = list(csv.reader(io.open(os.path.join(out, "data/2026-03/frontage.csv"), encoding="utf-8-sig", newline="")))
check("frontage monthly", fr[1:], [["U1", "y", "V", "99.50", "2"], ["U3", 'z"q', "B", "30.00", "3"],
                                   ["u2", "x", "A", "100.00", "1"]])
fy = read_rows(os.path.join(out, "data/2026/frontage.csv"))
check("frontage yearly honours (3 units: all commended)", [fy[u]["honour"] for u in ("U1", "U3", "u2")],
      ["commended"] * 3)
shutil.rmtree(d)

# ------------------------------------------------------------------ quarter_bottom, excellent, history
grids = "id,name,level,parent\nT,t,1,\nV,v,2,T\n" + "".join("G%d,g,3,V\n" % k for k in range(1, 5))
files = {"site.ini": "[publication]\nmonth = 2026-12\nstage = final\n", "grids.csv": grids, "rules.csv": rules}
for m in range(2025 * 12 + 9, 2026 * 12 + 12):
    lines = ["grid,road,item,count", "G1,r,,"] + ["G%d,r,K,%d" % (k, k - 1) for k in (2, 3, 4)]
    files["%04d-%02d/inspections.csv" % (m // 12, m % 12 + 1)] = "\n".join(lines) + "\n"
d = tempfile.mkdtemp(prefix="oracle_selftest_")
for rel, text in files.items():
    write(d, rel, text)
out = os.path.join(d, "out")
oracle.run(d, out, None, None, True)


def flags(month):
    return {r["grid"]: r["flags"] for r in csv.DictReader(io.open(
        os.path.join(out, "data/%s/results.csv" % month), encoding="utf-8-sig", newline=""))}


check("Dec 2026 flags", flags("2026-12"), {"G1": "excellent", "G2": "", "G3": "quarter_bottom",
                                           "G4": "quarter_bottom", "V": ""})
check("Mar 2026: only two quarters", flags("2026-03")["G4"], "")
check("Jun 2026: Q4 2025, Q1, Q2", flags("2026-06")["G4"], "quarter_bottom")
check("May 2026: not a quarter end", flags("2026-05")["G4"], "")
an = read_rows(os.path.join(out, "data/2026/annual.csv"))
check("annual excellent", [an[g]["excellent"] for g in ("G1", "G2", "V")], ["yes", "no", "no"])
check("annual G1", [an["G1"]["annual_score"], an["G1"]["months_scored"], an["G1"]["rank"]], ["102.00", "12", "1"])
check("four quarter files", sorted(x for x in os.listdir(os.path.join(out, "data")) if "Q" in x),
      ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
shutil.rmtree(d)

# ------------------------------------------------------------------ notice vs final, unratable grid
import subprocess  # noqa: E402
files = {
    "site.ini": "[publication]\nmonth = 2026-02\nstage = notice\n",
    "grids.csv": "id,name,level,parent\nT,t,1,\nV,v,2,T\nA,a,3,V\n",
    "rules.csv": "code,domain,item,unit,threshold,points,points_large,serious\nK,market,k,处,,5,,\n",
    "2026-01/inspections.csv": "grid,road,item\nA,r,\n",
    "2026-01/reviews.csv": "grid,domain,value,reason\nA,market,黑,x\n",
    "2026-02/inspections.csv": "grid,road,item\nA,r,\n",
    "2026-02/reviews.csv": "grid,domain,value,reason\nA,market,黑,x\n",
}
d, out = run(files)
r = read_rows(os.path.join(out, "data/2026-02/results.csv"))
check("notice: review not applied to published month", [r["A"]["market"], r["A"]["stage"]],
      ["red", "notice"])
an = read_rows(os.path.join(out, "data/2026/annual.csv"))
check("earlier month final: Jan 100 (level 4), Feb 102 -> 101", an["A"]["annual_score"], "101.00")
os.remove(os.path.join(d, "2026-02/inspections.csv"))
p = subprocess.run([sys.executable, os.path.join(HERE, "oracle.py"), d, os.path.join(d, "out2")],
                   capture_output=True, text=True)
check("unratable grid -> non-zero exit", p.returncode != 0 and "2026-02" in p.stderr and "A" in p.stderr, True)
print("     (%s)" % p.stderr.strip())
shutil.rmtree(d)

print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
