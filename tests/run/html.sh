#!/bin/sh
# The html format (cli.md, html), without a browser: the five seed pages
# together give a report whose findings, grouped by rule and by page, are
# exactly those of the json format, with counts that match, corpus
# findings linked to the pages that disagree, nothing loaded from outside
# the file and the CSP in place.  A hostile page (fixtures/report/) whose
# text holds markup, an ESC byte and invalid UTF-8 is shown as text: the
# only scripts are the writer's own, and the file is valid UTF-8.
# The document is parsed with python3's html.parser.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

if ! command -v python3 >/dev/null 2>&1; then
	echo "html.sh: python3 not found"
	[ "${CI:-}" = true ] && exit 1
	exit 77
fi

ok() {
	pass=$((pass + 1))
}

bad() {
	echo "FAIL: $*"
	fail=$((fail + 1))
}

# The DOM checks, in one program with a mode per report; it prints one
# "ok NAME" or "FAIL: NAME: why" line per check.
cat >"$tmp/check.py" <<'EOF'
import json
import sys
from collections import Counter
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "param", "source", "track", "wbr"}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; "
       "script-src 'unsafe-inline'; img-src data:")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.kids = []

    def cls(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(k if isinstance(k, str) else k.text()
                       for k in self.kids)

    def walk(self):
        for k in self.kids:
            if not isinstance(k, str):
                yield k
                yield from k.walk()

    def find(self, pred):
        return [n for n in self.walk() if pred(n)]

    def up(self, pred):
        n = self.parent
        while n is not None and not pred(n):
            n = n.parent
        return n


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", [], None)
        self.errors = []

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.kids.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag != self.cur.tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.cur.tag))
        n = self.cur
        while n.parent is not None and n.tag != tag:
            n = n.parent
        if n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.kids.append(data)


results = []


def check(name, cond, why=""):
    results.append((name, bool(cond), why))


def parse(path):
    raw = open(path, "rb").read()
    t = Tree()
    t.feed(raw.decode("utf-8", "replace"))
    t.close()
    return raw, t


def by_id(root):
    return {n.attrs["id"]: n for n in root.walk() if "id" in n.attrs}


def findings(root):
    return root.find(lambda n: "finding" in n.cls())


def view_of(n):
    v = n.up(lambda p: p.attrs.get("id") in ("by-rule", "by-page"))
    return v.attrs["id"] if v is not None else None


def common(raw, t, js):
    """Checks every report passes; js is the json report or None."""
    root = t.root
    check("well-formed nesting", not t.errors, "; ".join(t.errors[:3]))
    metas = root.find(lambda n: n.tag == "meta")
    check("CSP meta", any(m.attrs.get("http-equiv", "").lower() ==
                          "content-security-policy" and
                          m.attrs.get("content") == CSP for m in metas))
    check("meta charset utf-8",
          any(m.attrs.get("charset", "").lower() == "utf-8" for m in metas))
    # The page's own title; the charts' <svg> elements have theirs.
    titles = root.find(lambda n: n.tag == "title" and
                       n.parent.tag == "head")
    check("title", len(titles) == 1 and
          titles[0].text() == "cardlint report")
    ids = by_id(root)
    out = []
    for n in root.walk():
        for a in ("src", "srcset", "action", "data", "poster"):
            if a in n.attrs:
                out.append("%s=%r" % (a, n.attrs[a]))
        if "href" in n.attrs:
            h = n.attrs["href"] or ""
            if not h.startswith("#"):
                out.append("href=%r" % h)
            elif h[1:] and "=" not in h and h[1:] not in ids:
                out.append("dangling href=%r" % h)
        if n.tag in ("link", "img", "iframe", "object", "embed", "base"):
            out.append("<%s>" % n.tag)
    for s in root.find(lambda n: n.tag == "style"):
        if "url(" in s.text() or "@import" in s.text():
            out.append("style loads something")
    check("nothing outside the file", not out, ", ".join(out[:5]))
    scripts = root.find(lambda n: n.tag == "script")
    check("two scripts, both the writer's", len(scripts) == 2 and
          raw.count(b"<script") == 2 and raw.count(b"</script>") == 2 and
          all(not s.attrs for s in scripts),
          "%d parsed, %d in the bytes" % (len(scripts),
                                          raw.count(b"<script")))
    try:
        raw.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as e:
        utf8 = False
    check("valid UTF-8", utf8)
    ctl = [c for c in raw if c < 0x20 and c not in (9, 10)] + \
        [c for c in raw if c == 0x7f]
    check("no control bytes", not ctl, "%d" % len(ctl))
    fs = findings(root)
    bad = [f for f in fs if f.attrs.get("data-severity") not in
           ("error", "warning", "info") or not f.attrs.get("data-rule") or
           not f.attrs.get("data-site") or
           len(f.attrs.get("data-fp", "")) != 16]
    check("finding attributes", fs and not bad, "%d bad" % len(bad))
    if js is None:
        return
    want = Counter(f["fingerprint"] for f in js["findings"])
    for v in ("by-rule", "by-page"):
        got = Counter(f.attrs.get("data-fp") for f in fs if view_of(f) == v)
        check("json fingerprints = %s data-fp" % v, got == want,
              "missing %s, extra %s" % (list((want - got).elements())[:3],
                                        list((got - want).elements())[:3]))
    check("every finding in a view",
          all(view_of(f) is not None for f in fs))
    # Groups: a rule section holds only its rule, a page section only
    # findings of the file in its heading.
    wrong = []
    for g in ids["by-rule"].find(lambda n: "group" in n.cls()):
        for f in findings(g):
            if f.attrs["data-rule"] != g.attrs.get("data-rule"):
                wrong.append(f.attrs["data-fp"])
    pages = {}
    for g in ids["by-page"].find(lambda n: "group" in n.cls()):
        file = g.find(lambda n: "file" in n.cls())[0].text()
        pages[g.attrs["id"]] = file
        for f in findings(g):
            loc = f.find(lambda n: "loc" in n.cls())[0].text()
            if not loc.startswith(file + ":"):
                wrong.append(f.attrs["data-fp"])
    check("grouping", not wrong, " ".join(wrong[:5]))
    # Counts: cards and tables against the json summary and findings.
    live = [f for f in js["findings"] if not f.get("suppressed")]
    sev = Counter(f["severity"] for f in live)
    sev["suppressed"] = len(js["findings"]) - len(live)
    cards = {c.attrs["data-count"]: c.find(lambda n: n.tag == "b")[0].text()
             for c in root.find(lambda n: "data-count" in n.attrs)}
    check("severity cards", all(cards.get(k) == str(sev[k]) for k in
                                ("error", "warning", "info",
                                 "suppressed")) and
          cards.get("pages") == str(js["files"]), repr(cards))
    for s in ("error", "warning", "info", "suppressed"):
        row = root.find(lambda n: n.tag == "tr" and
                        n.attrs.get("data-severity") == s)
        check("severity table %s" % s, len(row) == 1 and
              row[0].find(lambda n: n.tag == "td")[-1].text() ==
              str(sev[s]))
    rows = {}
    for tr in ids["rule-counts"].find(lambda n: n.tag == "tr" and
                                      "data-rule" in n.attrs):
        td = tr.find(lambda n: n.tag == "td")
        rows[tr.attrs["data-rule"]] = tuple(int(td[i].text())
                                            for i in (1, 2, 3, 4))
    want = {}
    for f in js["findings"]:
        r = list(want.get(f["rule"], (0, 0, 0, 0)))
        r[3 if f.get("suppressed") else
          ("error", "warning", "info").index(f["severity"])] += 1
        want[f["rule"]] = tuple(r)
    check("rule table", rows == want,
          "%s" % sorted(set(rows.items()) ^ set(want.items()))[:3])
    live_dom = [f for f in fs if view_of(f) == "by-page" and
                "data-suppressed" not in f.attrs]
    site = Counter(f.attrs["data-site"] for f in live_dom)
    tab = {}
    for tr in ids["site-counts"].find(lambda n: n.tag == "tr" and
                                      "data-site" in n.attrs):
        td = tr.find(lambda n: n.tag == "td")
        tab[tr.attrs["data-site"]] = sum(int(td[i].text())
                                         for i in (2, 3, 4))
    check("site table", +Counter(tab) == site and
          sum(tab.values()) == len(live), "%r vs %r" % (tab, dict(site)))
    pagecount = [g for g in pages] + \
        [n for n in root.find(lambda n: n.tag == "li" and
                              n.attrs.get("id", "").startswith("page-"))]
    check("one section or entry per page", len(pagecount) == js["files"],
          "%d pages, %d files" % (len(pagecount), js["files"]))
    # The value is highlighted: a <mark> holding it, in the snippet when
    # the page text has it.
    nomark = []
    for f in fs:
        j = [x for x in js["findings"]
             if x["fingerprint"] == f.attrs["data-fp"]][0]
        marks = [m.text() for m in f.find(lambda n: n.tag == "mark")]
        if j["value"] is not None and j["value"] not in marks:
            nomark.append(f.attrs["data-fp"])
    check("value marked", not nomark, " ".join(nomark[:5]))
    # Corpus findings: each related location links to its page section.
    badrel = []
    nrel = 0
    for f in fs:
        j = [x for x in js["findings"]
             if x["fingerprint"] == f.attrs["data-fp"]][0]
        links = [a for a in f.find(lambda n: n.tag == "a")
                 if "rel" in (a.parent.cls() if a.parent else [])]
        for r in j["related"]:
            nrel += 1
            text = "%s:%d" % (r["file"], r["line"])
            hit = [a for a in links if a.text() == text]
            if not hit or pages.get(hit[0].attrs["href"][1:]) != r["file"]:
                badrel.append(text)
    check("related pages linked", not badrel,
          "%d related, bad %s" % (nrel, badrel[:3]))


def seeds(html, jsn):
    raw, t = parse(html)
    js = json.load(open(jsn))
    check("seeds have corpus findings",
          any(f["related"] for f in js["findings"]))
    common(raw, t, js)


def hostile(html, jsn):
    raw, t = parse(html)
    js = json.load(open(jsn))
    common(raw, t, js)
    check("markup escaped",
          b"&lt;script&gt;document.title" in raw and
          b"<script>document.title" not in raw and
          b"<img" not in raw)
    pres = [p.text() for p in t.root.find(lambda n: n.tag == "pre")]
    check("page text shown as text",
          any("<script>document.title='PWNED'</script>" in p and
              "\"><img src=x onerror=" in p for p in pres))
    check("ESC shown as \\x1b", any("\\x1b[31m" in p for p in pres))
    check("bad UTF-8 shown as U+FFFD", "\ufffd" in t.root.text())
    files = [n.text() for n in t.root.find(lambda n: "file" in n.cls())]
    check("file name shown as text",
          any(f.endswith("/h<b>x\ufffd\\x1b[1m.txt") for f in files),
          repr(files))


def baseline(html, jsn):
    raw, t = parse(html)
    js = json.load(open(jsn))
    common(raw, t, js)
    sup = [f for f in findings(t.root) if "data-suppressed" in f.attrs]
    n = sum(1 for f in js["findings"] if f.get("suppressed"))
    check("suppressed findings shown in both views",
          n > 0 and len(sup) == 2 * n, "%d in json, %d in the page" %
          (n, len(sup)))
    clean = [n for n in t.root.find(lambda n: n.tag == "details")]
    check("clean pages in a collapsed list", len(clean) == 1 and
          "open" not in clean[0].attrs and
          clean[0].find(lambda n: n.tag == "li"))


{"seeds": seeds, "hostile": hostile, "baseline": baseline}[sys.argv[1]](
    sys.argv[2], sys.argv[3])
for name, good, why in results:
    if good:
        print("ok", name)
    else:
        print("FAIL: %s: %s: %s" % (sys.argv[1], name, why))
EOF

# dom MODE HTML JSON: run the checks and count them.
dom() {
	if ! python3 "$tmp/check.py" "$@" >"$tmp/dom.out" 2>&1; then
		bad "$1: check.py failed"
		cat "$tmp/dom.out"
		return
	fi
	grep '^FAIL' "$tmp/dom.out"
	n=$(grep -c '^ok ' "$tmp/dom.out")
	m=$(grep -c '^FAIL' "$tmp/dom.out")
	pass=$((pass + n))
	fail=$((fail + m))
}

# report NAME ARGS...: an html and a json report of the same run.
report() {
	name=$1
	shift
	if ! "$CL" check $R --format html --output "$tmp/$name.html" "$@" \
	    2>"$tmp/err"; then
		bad "$name: html run failed"; cat "$tmp/err"
		return 1
	fi
	"$CL" check $R --format json "$@" >"$tmp/$name.json" 2>/dev/null
	ok
}

R="--rules rules --now 2026-11-22 --fail-on never"
seeds=$(ls fixtures/pages/00[0-4]_*.txt)

# shellcheck disable=SC2086
if report seeds $seeds; then
	dom seeds "$tmp/seeds.html" "$tmp/seeds.json"
	# Byte-deterministic: golden files are possible.
	# shellcheck disable=SC2086
	"$CL" check $R --format html $seeds >"$tmp/again.html" 2>/dev/null
	if cmp -s "$tmp/seeds.html" "$tmp/again.html"; then
		ok
	else
		bad "seeds: two runs differ"
	fi
fi

# The hostile page, also under a name holding markup, a bad byte and ESC.
hname=$(printf '%s/h<b>x\377\033[1m.txt' "$tmp")
cp fixtures/report/hostile.txt "$hname"
if report hostile fixtures/report/hostile.txt "$hname"; then
	dom hostile "$tmp/hostile.html" "$tmp/hostile.json"
fi

# Suppressed findings next to live ones, and a clean page.
cp fixtures/pages/003_328e5b916ed2f340.txt "$tmp/p.txt"
"$CL" check $R --write-baseline "$tmp/base.json" "$tmp/p.txt" \
    >/dev/null 2>&1
R="$R --baseline $tmp/base.json"
if report baseline "$tmp/p.txt" fixtures/pages/000_cf106a8f77e2ba01.txt \
    fixtures/pages/llmstats_clean.txt; then
	dom baseline "$tmp/baseline.html" "$tmp/baseline.json"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
