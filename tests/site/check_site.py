#!/usr/bin/env python3
"""Checks of a built website (issue 3), used by tests/site/run.sh.

    check_site.py links  OUT BASE_URL   every internal link and asset resolves
    check_site.py hosts  OUT BASE_URL   nothing refers to another host
    check_site.py sizes  OUT            every page < 60 KB, stylesheet < 20 KB
    check_site.py lang   OUT            every page is lang="zh-CN"
    check_site.py absent OUT TEXT...    no page, feed or script holds TEXT
    check_site.py present FILE TEXT...  FILE holds every TEXT

Each prints what is wrong, one line per problem, and exits 1 when
something is; 0 otherwise.  Standard library only.
"""
import html.parser
import os
import re
import sys
import urllib.parse

PAGE_MAX = 60 * 1024
CSS_MAX = 20 * 1024
# Namespace names are identifiers, not addresses that anything loads.
NAMESPACES = (
    "http://www.w3.org/2005/Atom",
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.sitemaps.org/schemas/sitemap/0.9",
)
# Files of the tree that are pages, feeds or scripts (data/ is open data).
TEXT_EXT = (".html", ".xml", ".js", ".css", ".txt", ".svg")


def files(out, exts):
    for d, dirs, names in os.walk(out):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(exts):
                yield os.path.join(d, n)


class Refs(html.parser.HTMLParser):
    """Collect href/src values and the <base href>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []
        self.base = None

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v is None:
                continue
            if tag == "base" and k == "href":
                self.base = v
            elif k in ("href", "src"):
                self.refs.append((tag, v))


def check_links(out, base):
    bad = 0
    for path in files(out, (".html",)):
        p = Refs()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        here = os.path.dirname(path)
        if p.base is not None:
            if p.base != base:
                print(f"{path}: <base href> {p.base} is not base_url")
                bad += 1
            here = out
        for tag, ref in p.refs:
            u = urllib.parse.urlsplit(ref)
            if u.scheme in ("tel", "mailto"):
                continue
            if u.scheme or u.netloc:
                continue  # base_url links; the hosts check judges others
            if ref.startswith("/"):
                print(f"{path}: root-relative link {ref}")
                bad += 1
                continue
            if u.path == "":
                continue  # "#main"
            target = os.path.normpath(os.path.join(here,
                                      urllib.parse.unquote(u.path)))
            if u.path.endswith("/"):
                print(f"{path}: link to a folder {ref} (use index.html)")
                bad += 1
                continue
            if not target.startswith(os.path.normpath(out)):
                print(f"{path}: link leaves the site: {ref}")
                bad += 1
            elif not os.path.isfile(target):
                # Boards are written by the boards module, when built.
                if "/boards/" in "/" + os.path.relpath(target, out) and \
                        not os.path.isdir(os.path.join(out, "boards")):
                    continue
                print(f"{path}: broken link {ref}")
                bad += 1
    return bad


def check_hosts(out, base):
    bad = 0
    url = re.compile(r"(?i)(?:https?:)?//[^\s\"'<>)]+")
    for path in files(out, TEXT_EXT):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in url.finditer(text):
            s = m.group(0)
            if s.startswith(base) or s in NAMESPACES:
                continue
            if not s.lower().startswith(("http:", "https:")) and \
                    not re.match(r"//[a-z0-9.-]+\.[a-z]{2,}", s, re.I):
                continue  # "//" in a comment or an expression
            print(f"{path}: refers to another host: {s}")
            bad += 1
    return bad


def check_sizes(out):
    bad = 0
    for path in files(out, (".html",)):
        n = os.path.getsize(path)
        if n >= PAGE_MAX:
            print(f"{path}: {n} bytes, not under {PAGE_MAX}")
            bad += 1
    for path in files(out, (".css",)):
        n = os.path.getsize(path)
        if n >= CSS_MAX:
            print(f"{path}: {n} bytes, not under {CSS_MAX}")
            bad += 1
    return bad


def check_lang(out):
    bad = 0
    for path in files(out, (".html",)):
        with open(path, encoding="utf-8") as f:
            head = f.read(200)
        if '<html lang="zh-CN">' not in head:
            print(f"{path}: no <html lang=\"zh-CN\">")
            bad += 1
    return bad


def check_absent(out, texts):
    bad = 0
    for path in files(out, TEXT_EXT):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for t in texts:
            if t in text:
                print(f"{path}: holds {t!r}")
                bad += 1
    return bad


def check_present(path, texts):
    bad = 0
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for t in texts:
        if t not in text:
            print(f"{path}: lacks {t!r}")
            bad += 1
    return bad


def main(argv):
    cmd = argv[1]
    if cmd == "links":
        bad = check_links(argv[2], argv[3])
    elif cmd == "hosts":
        bad = check_hosts(argv[2], argv[3])
    elif cmd == "sizes":
        bad = check_sizes(argv[2])
    elif cmd == "lang":
        bad = check_lang(argv[2])
    elif cmd == "absent":
        bad = check_absent(argv[2], argv[3:])
    elif cmd == "present":
        bad = check_present(argv[2], argv[3:])
    else:
        print(f"check_site.py: unknown check {cmd}")
        return 2
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
