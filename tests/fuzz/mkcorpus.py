#!/usr/bin/env python3
"""Write the committed seed corpora and dictionaries of tests/fuzz/.

    python3 tests/fuzz/mkcorpus.py          (from the repository's top)

Rewrites tests/fuzz/corpus/<harness>/ and tests/fuzz/<name>.dict from the
sample (input/), the default theme (themes/default/), the Mustache spec
(../shared/mustache-spec/, when present) and the hand-written cases below.
Run it again after the sample, the theme or a harness's option byte
changes, and review the diff.  Every seed starts with the harness's option
byte (see the comment at the top of each fuzz_*.c).  Seeds from
tests/bad/*/files are not committed: run.sh adds them to its working copy.
"""

import hashlib
import json
import os
import re
import shutil
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUZZ = os.path.join(TOP, "tests", "fuzz")
SPEC = os.path.join(TOP, "..", "shared", "mustache-spec")

# fuzz_csvin.c: option byte = index of the column specification.
CSV_SPEC = {"grids": 0, "rules": 1, "holidays": 2, "inspections": 3,
            "evaluations": 4, "reviews": 5, "issues": 6, "feedback": 7,
            "frontage": 8}
TINY, NOCOLS = 9, 10
# fuzz_tmpl.c option bits.
DATA_NONE, DATA_WIDE, DATA_JSON, DATA_DEEP = 0, 1, 2, 3
OPT_ALL, OPT_REVERSE, OPT_NODIAG, OPT_TWICE = 0x04, 0x08, 0x10, 0x20
# Largest seed kept whole; longer sample files are cut at a line end.
MAXSEED = 4096


def rd(*path):
    with open(os.path.join(TOP, *path), "rb") as f:
        return f.read()


def head(data, limit=MAXSEED):
    """data cut after the last line end before limit bytes."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[:cut + 1] if cut > 0 else data[:limit]


class Corpus:
    def __init__(self, name):
        self.dir = os.path.join(FUZZ, "corpus", name)
        if os.path.isdir(self.dir):
            shutil.rmtree(self.dir)
        os.makedirs(self.dir)
        self.seen = set()

    def add(self, label, opt, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        seed = bytes([opt]) + data
        digest = hashlib.sha1(seed).hexdigest()
        if digest in self.seen:
            return
        self.seen.add(digest)
        label = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-")[:60]
        with open(os.path.join(self.dir, "%s-%s" % (label, digest[:8])),
                  "wb") as f:
            f.write(seed)


def csvin():
    c = Corpus("csvin")
    for name in ("grids", "holidays", "rules"):
        c.add(name + ".csv", CSV_SPEC[name], head(rd("input", name + ".csv")))
    for name in ("evaluations", "feedback", "frontage", "inspections",
                 "issues", "reviews"):
        c.add("2026-10-" + name + ".csv", CSV_SPEC[name],
              head(rd("input", "2026-10", name + ".csv"), 2048))
    # The same files as Excel on a Chinese Windows saves them: GB18030,
    # and UTF-8 with a BOM and CRLF.
    for name in ("grids", "reviews"):
        path = ("input", name + ".csv") if name == "grids" else \
            ("input", "2026-10", name + ".csv")
        text = head(rd(*path), 1024).decode("utf-8-sig")
        c.add(name + "-gb18030", CSV_SPEC[name], text.encode("gb18030"))
    text = head(rd("input", "2026-10", "feedback.csv"), 1024)
    c.add("feedback-bom-crlf", CSV_SPEC["feedback"],
          b"\xEF\xBB\xBF" + text.replace(b"\n", b"\r\n"))
    hand = [
        ("quoted-newline", TINY, 'a,b\n1,"x\ny"\n2,"say ""hi"""\n'),
        ("crlf-quotes", TINY, '"a","b"\r\n"1","2"\r\n'),
        ("hash-column", TINY, "a,#note,b\n1,secret,2\n3,,4\n"),
        ("chinese-header", TINY, "甲,乙\n2026年10月5日,12.50\n"),
        ("unterminated", TINY, 'a,b\n1,"open\n'),
        ("ragged", TINY, "a,b\n1\n1,2,3\n1,2\n"),
        ("blank-rows", TINY, "\n\na,b\n,\n \t, \n1,2\n\n"),
        ("lone-cr", TINY, "a,b\r1,2\r3,4\r"),
        ("header-only", TINY, "a,b\n"),
        ("empty", TINY, ""),
        ("dup-column", TINY, "a,A,甲\n1,2,3\n"),
        ("unknown-column", TINY, "a,c,\n1,2,3\n"),
        ("bom-only", TINY, b"\xEF\xBB\xBF"),
        ("bad-utf8-after-bom", TINY, b"\xEF\xBB\xBFa,b\n\xFF\xFE,1\n"),
        ("gbk-bad", TINY, b"a,b\n\x81\x20,1\n"),
        ("numbers-dates", TINY,
         "a,b\n2026-02-30,999999999999999\n2026/1/1,-0.001\n"
         "2026.12.31,+12.5000\n2026-10,1e5\n2026年2月29日,.5\n"
         "9999-12-31,1000000000000.0000\n1900-01-01,-1000000000000\n"),
        ("ids", TINY, "a,b\nHX-01,red\n../x,红星\na b,★\n"
         + "A" * 65 + ",market\n"),
        ("nocols", NOCOLS, "a,b\n1,2\n"),
    ]
    for label, opt, data in hand:
        c.add(label, opt, data)


def ini():
    c = Corpus("ini")
    site = rd("input", "site.ini")
    c.add("site.ini", 0, site)
    c.add("site.ini-twice", 1, site)
    c.add("site.ini-bom-crlf", 2,
          b"\xEF\xBB\xBF" + site.replace(b"\n", b"\r\n"))
    hand = [
        ("all-keys", 0,
         "[site]\ntitle = 红星\nbase_url = http://x.example\nhotline = 1\n"
         "[publication]\nmonth = 2026-10\nstage = final\n"
         "publish_date = 2026年11月2日\nobjection_days = 60\n"
         "[stars]\nserious_points = 0.01\nservice_closure_red = 1\n"
         "service_ontime_red = 0.9000\nservice_closure_black = 0\n"
         "work_red = 100\nwork_black = 60.5\nlevel2_rounding = floor\n"
         "[subsidy]\nbase = 1000000000000\nratio0 = 0\nratio5 = 100\n"
         "[theme]\nname = my_theme-2\n"
         "[boards]\nqr_level = L\npaper = A4\norientation = portrait\n"),
        ("bad-values", 0,
         "[site]\nbase_url = ftp://x\n[publication]\nmonth = 2026-13\n"
         "stage = draft\npublish_date = 2026-02-30\nobjection_days = 61\n"
         "[stars]\nservice_closure_red = 999999999999999\n"
         "work_red = -1\nlevel2_rounding = up\n[subsidy]\nratio6 = 1\n"
         "[theme]\nname = ../x\n[boards]\nqr_level = X\npaper = A5\n"),
        ("unknown", 0, "[nowhere]\nx = 1\n[site]\ncolour = red\n"),
        ("no-section", 0, "title = x\n"),
        ("not-ini", 0, "[site\nnonsense\n=\n"),
        ("multiline", 0, "[site]\ntitle = first\n  second\n"),
        ("inline-comment", 0, "[site]\nhotline = 123 ; after\n# c\n"),
        ("long-line", 0, "[site]\ntitle = " + "长" * 120 + "\n"),
        ("empty-values", 0,
         "[site]\nbase_url =\ntitle =\n[publication]\npublish_date =\n"),
        ("prefilled", 2, "[theme]\nname = x\n[site]\nbase_url = https://y/\n"),
    ]
    for label, opt, data in hand:
        c.add(label, opt, data)


def partials_of(text, parts, seen):
    """Add to parts every partial text reaches, in order."""
    for name in re.findall(r"\{\{>\s*([^}\s]+)\s*\}\}", text):
        if name in seen:
            continue
        seen.add(name)
        path = os.path.join(TOP, "themes", "default", "partials",
                            name + ".html")
        if os.path.exists(path):
            with open(path, "rb") as f:
                body = f.read()
            parts.append((name, body))
            partials_of(body.decode("utf-8", "replace"), parts, seen)


def tmpl_seed(main, partials, data=None):
    out = main if isinstance(main, bytes) else main.encode("utf-8")
    for name, body in partials:
        if isinstance(body, str):
            body = body.encode("utf-8")
        out += b"\0" + name.encode("utf-8") + b"\n" + body
    if data is not None:
        out += b"\0" + json.dumps(data, ensure_ascii=False).encode("utf-8")
    return out


def tmpl():
    c = Corpus("tmpl")
    tdir = os.path.join(TOP, "themes", "default")
    for name in sorted(os.listdir(tdir)):
        if not name.endswith((".html", ".xml")):
            continue
        text = rd("themes", "default", name)
        parts = []
        partials_of(text.decode("utf-8", "replace"), parts, set())
        c.add("theme-" + name, DATA_WIDE | OPT_ALL, tmpl_seed(text, parts))
    # The Mustache spec: template, partials, then its data as JSON.
    if os.path.isdir(SPEC):
        for fn in sorted(os.listdir(SPEC)):
            if not fn.endswith(".json"):
                continue
            with open(os.path.join(SPEC, fn), encoding="utf-8") as f:
                spec = json.load(f)
            for t in spec["tests"]:
                c.add("spec-%s-%s" % (fn[:-5], t["name"]),
                      DATA_JSON | OPT_ALL,
                      tmpl_seed(t["template"],
                                sorted(t.get("partials", {}).items()),
                                t["data"]))
    hand = [
        ("deep-sections", DATA_DEEP,
         "{{#a}}{{x}}{{#a}}<{{b}}>{{#c}}c{{/c}}{{/a}}{{/a}}"),
        ("deep-recursion", DATA_DEEP | OPT_ALL,
         "{{#a}}{{>main}}{{/a}}{{x}}"),
        ("partial-fanout", DATA_NONE, "x{{>main}}{{>main}}"),
        ("dotted", DATA_WIDE, "{{grid.town.name}}{{{site.title}}}"
         "{{&a.b}}{{#grid}}{{village.url}}{{/grid}}{{.}}"),
        ("delims", DATA_WIDE | OPT_TWICE,
         "{{=<% %>=}}<%name%>\n  <%={{ }}=%>\n{{{title}}}"),
        ("standalone-partial", DATA_WIDE | OPT_ALL,
         tmpl_seed("a\n  {{>p}}\nb\r\n\t{{! c }}\r\n", [("p", "1\n2\n")])),
        ("errors", DATA_NONE | OPT_REVERSE,
         tmpl_seed("{{#a}}{{/b}}", [("p", "{{a b}}{{}}{{a..b}}"),
                                    ("q", "{{<x}}{{$y}}"),
                                    ("r", "{{#x}}{{{y}}"),
                                    ("s", "{{=a=}}")])),
        ("json-data", DATA_JSON | OPT_TWICE,
         tmpl_seed("{{#list}}{{.}},{{/list}}{{^none}}n{{/none}}{{n}}", [],
                   {"list": [1, 1.5, 1e21, -0.0, "<&>", True, None],
                    "none": [], "n": 123456789012345678})),
        ("nodiag", DATA_WIDE | OPT_NODIAG, "{{#x}}"),
        # The limits: 129 nested sections; sections within partials past
        # TMPL_MAX_NEST (inverted sections run with no data).
        ("depth-limit", DATA_NONE, "{{#a}}" * 129 + "{{/a}}" * 129),
        ("nest-limit", DATA_NONE,
         "{{^x}}" * 127 + "{{>main}}" + "{{/x}}" * 127),
    ]
    for label, opt, data in hand:
        c.add(label, opt, data)


def notice():
    c = Corpus("notice")
    for i, name in enumerate(sorted(os.listdir(os.path.join(TOP, "input",
                                                            "notices")))):
        if name.endswith(".md"):
            c.add(name, i % 2, head(rd("input", "notices", name), 1024))
    hand = [
        ("chinese-keys", 0, "标题：二〇二六年十月公示\n日期：2026年11月2日\n\n正文\n"),
        ("bom-crlf", 1, "\ufeffTitle: x \r\nDATE: 2026/11/2\r\n\r\nbody"),
        ("no-body", 2, "title: x\ndate: 2026.11.2\n"),
        ("missing-date", 0, "title: x\n\nbody\n"),
        ("twice", 0, "title: x\ntitle: y\ndate: 2026-11-02\n\n"),
        ("bad-date", 0, "title: x\ndate: 2026-02-30\n\n"),
        ("unknown-key", 0, "title: x\nauthor: y\ndate: 2026-11-02\n\n"),
        ("no-colon", 0, "# A heading\n\ntext\n"),
        ("empty-title", 0, "title:\ndate: 2026-11-02\n\n"),
        ("bad-slug", 5, "title: x\ndate: 2026-11-02\n\n"),
        ("long-slug", 8, "title: x\ndate: 2026-11-02\n\n"),
        ("bad-utf8", 0, b"title: \xC0\xAF\ndate: 2026-11-02\n\n"),
    ]
    for label, opt, data in hand:
        c.add(label, opt, data)


def dict_entry(value):
    """value (str or bytes) as a libFuzzer dictionary string."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    out = ""
    for b in value:
        if b == 0x22 or b == 0x5C:
            out += "\\" + chr(b)
        elif 0x20 <= b < 0x7F:
            out += chr(b)
        else:
            out += "\\x%02X" % b
    return '"%s"' % out


def write_dict(name, title, entries):
    path = os.path.join(FUZZ, name + ".dict")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# %s\n# Written by tests/fuzz/mkcorpus.py: edit there.\n"
                % title)
        for value in entries:
            shown = value if isinstance(value, str) else repr(value)
            shown = shown.replace("\n", "\\n").replace("\r", "\\r")
            if any(ord(ch) > 0x7E or ord(ch) < 0x20 for ch in shown):
                shown = repr(shown)[1:-1]
            f.write("# %s\n%s\n" % (shown, dict_entry(value)))


COMMON = ["\xEF\xBB\xBF".encode("latin-1"), "\r\n", "\n", "\t", " ",
          "红星", "无星", "黑星", "★", "☆", "●", "2026年10月5日", "2026-10-05",
          "2026/10/5", "2026.10.5", "2026-02-30", "2026-10", "年", "月", "日",
          "999999999999999", "1000000000000", "-0", "0.0001", "100",
          b"\x81\x30\x81\x30", b"\xB9\xFA", b"\xFF", b"\xC0\x80",
          b"\xED\xA0\x80", b"\xF4\x90\x80\x80", b"\x00"]


def dicts():
    csv = ["\"", "\"\"", ",", "#", "#note"]
    for cols in (
            "id name level parent leader phone subsidy_base class zone "
            "households from until code domain item unit threshold points "
            "points_large serious date kind grid road count area factor "
            "note self market social service environment work value reason "
            "category reported scope resolved satisfied detail residents "
            "departments village presence conduct effect leadership a b",
            "编号 名称 级别 上级 网格长 电话 奖补标准 类别 分区 户数 起始月份 "
            "截止月份 代码 领域 扣分项 单位 面积界限 扣分 超限扣分 严重 日期 类型 "
            "网格 道路 数量 面积 倍数 备注 自评 市场监管 社会管理 公共服务 环境卫生 "
            "工作评价 结果 理由 上报日期 办理层级 办结日期 满意 详情 群众 部门 村级 "
            "单位编号 单位名称 到岗 行为规范 管理效果 领导评定 甲 乙 休 班"):
        csv += cols.split()
    write_dict("csv", "CSV ingest (fuzz_csvin.c)", csv + COMMON)
    ini = ["[", "]", "=", ":", ";", "#", "[site]", "[publication]",
           "[stars]", "[subsidy]", "[theme]", "[boards]", "title",
           "base_url", "hotline", "month", "stage", "publish_date",
           "objection_days", "serious_points", "service_closure_red",
           "service_ontime_red", "service_closure_black", "work_red",
           "work_black", "level2_rounding", "base", "ratio0", "ratio5",
           "name", "qr_level", "paper", "orientation", "http://",
           "https://", "notice", "final", "half_up", "floor", "A2", "A3",
           "A4", "L", "H", "landscape", "portrait", "default"]
    write_dict("ini", "site.ini (fuzz_ini.c)", ini + COMMON)
    tmpl = ["{{", "}}", "{{{", "}}}", "{{#", "{{/", "{{^", "{{>", "{{!",
            "{{=", "=}}", "{{&", "{{<", "{{$", "{{.}}", "{{#a}}", "{{/a}}",
            "{{^a}}", "{{>main}}", "{{>p1}}", "{{=<% %>=}}", "<%", "%>",
            "{{=| |=}}", "|", "a.b.c", "grid.town.name", "site.title",
            b"\x00", b"\x00p1\n", b"\x00a\n", "\r\n", "  ", "\t",
            "{\"a\":", "[", "]", "{}", "[]", "null", "true", "false",
            "1e21", "1e-7", "-0.0", "\"<&>\"", "&", "<", ">", "'", "\""]
    tmpl += ["{{%s}}" % n for n in ("name", "url", "rel", "x", "b", "c",
                                     "title", "list", "a")]
    write_dict("tmpl", "Mustache templates (fuzz_tmpl.c)", tmpl)
    notice = ["title", "date", "Title", "DATE", "标题", "日期", ":", "：",
              "\n\n", "\r\n\r\n", "\xEF\xBB\xBF".encode("latin-1"),
              "2026-11-02", "2026/11/2", "2026年11月2日", "2026-02-30", " ",
              "\t", "## ", b"\x00", b"\xC0\x80", b"\xED\xA0\x80",
              b"\xF4\x90\x80\x80", b"\xE0\x80\x80", b"\xF0\x80\x80\x80"]
    write_dict("notice", "notice headers (fuzz_notice.c)", notice)


def main():
    if not os.path.isfile(os.path.join(TOP, "input", "site.ini")):
        sys.exit("mkcorpus.py: run it in a gridstar checkout")
    csvin()
    ini()
    tmpl()
    notice()
    dicts()
    total = 0
    for root, _, files in os.walk(os.path.join(FUZZ, "corpus")):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    print("corpus: %d bytes" % total)


if __name__ == "__main__":
    main()
