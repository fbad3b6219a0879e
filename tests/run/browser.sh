#!/bin/sh
# The html report in a real browser (make check-browser): headless
# Chromium loads the report of the five seed pages, the filter script
# runs without error and keeps every finding in the DOM, a filter preset
# in the URL (#sev=error) hides everything else, the hostile page's
# markup does not run, and a screenshot is taken.  The charts: one
# strip chart per compared value with a corpus finding (the votes found
# from the json report alone), each an image with a name and its values
# as text, its flagged sources drawn and listed; bars by rule and site;
# screenshots of them in light and dark (charts.png, charts-dark.png).
# Without Chromium the test is skipped (77), except under CI=true where
# that is a failure.
# BROWSER_OUT keeps the screenshot; CHROMIUM names the browser.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${BROWSER_OUT:-$tmp}
pass=0
fail=0

missing() {
	echo "browser.sh: $1 not found"
	[ "${CI:-}" = true ] && { echo "FAIL: $1 is required under CI"; \
	    exit 1; }
	exit 77
}

CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null 2>&1 || missing "$CHROMIUM"
command -v python3 >/dev/null 2>&1 || missing python3
mkdir -p "$out" || exit 1

ok() {
	pass=$((pass + 1))
}

bad() {
	echo "FAIL: $*"
	fail=$((fail + 1))
}

# A fresh profile: no user state, no lock shared with another run.
chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$tmp/profile" --no-first-run \
	    --disable-extensions --disable-background-networking "$@" \
	    2>>"$tmp/chromium.log"
}

cat >"$tmp/dom.py" <<'EOF'
import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "param", "source", "track", "wbr"}


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

    def shown(self):
        n = self
        while n is not None:
            if "hidden" in n.attrs:
                return False
            n = n.parent
        return True


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", [], None)

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.kids.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
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


def load(path):
    t = Tree()
    t.feed(open(path, encoding="utf-8", errors="replace").read())
    t.close()
    return t.root


def body(root):
    b = root.find(lambda n: n.tag == "body")
    return b[0] if b else Node("body", [], None)


def ran(root):
    b = body(root)
    check("script ran (data-ready=1)", b.attrs.get("data-ready") == "1",
          repr(b.attrs))
    check("no script error", "data-error" not in b.attrs,
          b.attrs.get("data-error", ""))
    form = root.find(lambda n: n.attrs.get("id") == "filter")
    check("filter shown", form and "hidden" not in form[0].attrs)


def findings(root):
    return root.find(lambda n: "finding" in n.cls())


def count_text(root):
    c = root.find(lambda n: n.attrs.get("id") == "f-count")
    return c[0].text() if c else ""


def seeds(dom, jsn):
    root = load(dom)
    js = json.load(open(jsn))
    ran(root)
    want = sorted(f["fingerprint"] for f in js["findings"])
    fs = findings(root)
    for v in ("by-rule", "by-page"):
        view = root.find(lambda n: n.attrs.get("id") == v)
        got = sorted(f.attrs.get("data-fp") for f in findings(view[0])) \
            if view else []
        check("json fingerprints in the DOM, %s" % v, got == want,
              "%d of %d" % (len(got), len(want)))
    check("nothing hidden unfiltered", all(f.shown() for f in fs))
    n = len(js["findings"])
    check("counter", count_text(root) == "%d of %d findings shown" % (n, n),
          count_text(root))
    groups = root.find(lambda n: "group" in n.cls())
    check("grouped by rule and by page",
          len([g for g in groups if g.attrs.get("id", "").startswith(
              "rule-")]) == len({f["rule"] for f in js["findings"]}) and
          len([g for g in groups if g.attrs.get("id", "").startswith(
              "page-")]) == len({f["file"] for f in js["findings"]}))


def charts(dom, jsn, rules, want):
    """One strip chart per compared value with a corpus finding.

    The votes are found from the json report alone: a corpus finding and
    the places its related list names (rule, file, line, value) are one
    vote, and findings sharing a place are in the same one."""
    root = load(dom)
    js = json.load(open(jsn))
    corpus = {r["id"] for r in json.load(open(rules)) if r.get("corpus")}
    up = {}

    def find(x):
        while up.setdefault(x, x) != x:
            x = up[x]
        return x

    me = {}
    for f in js["findings"]:
        if f["rule"] not in corpus:
            continue
        k = (f["rule"], f["file"], f["line"], f.get("value"))
        me[f["fingerprint"]] = k
        for r in f.get("related", []):
            up[find((f["rule"], r["file"], r["line"], r.get("value")))] = \
                find(k)
    votes = {}
    for fp, k in me.items():
        votes.setdefault(find(k), []).append(fp)
    figs = root.find(lambda n: n.tag == "figure" and "strip" in n.cls())
    check("charts: one per vote with a corpus finding (%d)" % len(votes),
          len(figs) == len(votes), "%d charts" % len(figs))
    check("charts: %s for this run" % want, len(figs) == int(want),
          "%d charts" % len(figs))
    view = root.find(lambda n: n.attrs.get("id") == "by-rule")
    link = {f.attrs.get("data-fp"): f.attrs.get("data-chart")
            for f in (findings(view[0]) if view else [])}
    ids = {f.attrs.get("id") for f in figs}
    check("charts: every corpus finding links to a chart",
          all(link.get(fp) in ids for fp in me))
    check("charts: the findings of one vote share one chart, "
          "no two votes one",
          all(len({link.get(fp) for fp in v}) == 1
              for v in votes.values()) and
          len({link.get(v[0]) for v in votes.values()}) == len(votes))
    for fig in figs:
        fid = fig.attrs.get("id")
        svg = fig.find(lambda n: n.tag == "svg")
        s = svg[0] if len(svg) == 1 else Node("svg", [], None)
        kids = [k.tag for k in s.kids if not isinstance(k, str)]
        check("%s: an image with a name and a text alternative" % fid,
              s.attrs.get("role") == "img" and s.attrs.get("aria-label")
              and "title" in kids and "desc" in kids and
              fig.find(lambda n: n.tag == "ul" and "vals" in n.cls()))
        n = sum(1 for fp in me if link.get(fp) == fid)
        dots = s.find(lambda n: n.tag == "circle" and "flag" in n.cls())
        listed = fig.find(lambda n: n.tag == "li" and "flag" in n.cls())
        cut = fig.find(lambda n: n.tag == "li" and "more" in n.cls())
        check("%s: its %d flagged sources drawn and listed" % (fid, n),
              len(dots) == n and (len(listed) == n or cut),
              "%d dots, %d listed" % (len(dots), len(listed)))
    bars = root.find(lambda n: n.tag == "svg" and
                     n.attrs.get("id") in ("bars-rule", "bars-site"))
    check("charts: findings by rule and by site as bars", len(bars) == 2 and
          all(b.attrs.get("role") == "img" for b in bars))


def filtered(dom, jsn, key, val):
    """The report loaded with #key=val: only matching findings shown."""
    attr, field = {"sev": ("data-severity", "severity"),
                   "rule": ("data-rule", "rule")}[key]
    name = "filter %s=%s" % (key, val)
    root = load(dom)
    js = json.load(open(jsn))
    ran(root)
    fs = findings(root)
    shown = [f for f in fs if f.shown()]
    n = sum(1 for f in js["findings"] if f[field] == val)
    check(name + ": only those shown", shown and
          all(f.attrs[attr] == val for f in shown) and
          len(shown) == 2 * n, "%d shown, %d expected" %
          (len(shown), 2 * n))
    check(name + ": the rest hidden, not removed",
          len(fs) == 2 * len(js["findings"]) and
          all("hidden" in f.attrs for f in fs if f.attrs[attr] != val))
    check(name + ": empty groups hidden", all(
        ("hidden" in g.attrs) == (not [f for f in findings(g)
                                       if f.shown()])
        for g in root.find(lambda n: "group" in n.cls())))
    check(name + ": counter", count_text(root) ==
          "%d of %d findings shown" % (n, len(js["findings"])),
          count_text(root))


def hostile(dom, jsn):
    root = load(dom)
    ran(root)
    t = root.find(lambda n: n.tag == "title")
    check("hostile: title unchanged",
          t and t[0].text() == "cardlint report",
          t[0].text() if t else "no title")
    check("hostile: img onerror did not run",
          "data-pwned" not in body(root).attrs)
    check("hostile: no injected elements",
          not root.find(lambda n: n.tag in ("img", "iframe", "object")) and
          len(root.find(lambda n: n.tag == "script")) == 2)
    check("hostile: text shown", "<script>document.title='PWNED'</script>"
          in root.text())


mode = sys.argv[1]
if mode == "filtered":
    filtered(*sys.argv[2:6])
elif mode == "charts":
    charts(*sys.argv[2:6])
else:
    {"seeds": seeds, "hostile": hostile}[mode](sys.argv[2], sys.argv[3])
for name, good, why in results:
    if good:
        print("ok", name)
    else:
        print("FAIL: %s: %s" % (name, why))
EOF

# dom ARGS...: run the DOM checks and count them.
dom() {
	if ! python3 "$tmp/dom.py" "$@" >"$tmp/dom.out" 2>&1; then
		bad "$1: dom.py failed"
		cat "$tmp/dom.out"
		return
	fi
	grep '^FAIL' "$tmp/dom.out"
	n=$(grep -c '^ok ' "$tmp/dom.out")
	m=$(grep -c '^FAIL' "$tmp/dom.out")
	pass=$((pass + n))
	fail=$((fail + m))
}

# dump NAME URL: the DOM after the page's scripts ran.
dump() {
	chrome --dump-dom "$2" >"$tmp/$1.dom"
	if [ -s "$tmp/$1.dom" ]; then
		ok
		return 0
	fi
	bad "$1: no DOM from $CHROMIUM"
	tail -5 "$tmp/chromium.log"
	return 1
}

R="--rules rules --now 2026-11-22 --fail-on never"
seeds=$(ls fixtures/pages/00[0-4]_*.txt)
# shellcheck disable=SC2086
"$CL" check $R --format html --output "$tmp/r.html" $seeds 2>/dev/null ||
    bad "seeds: html run failed"
# shellcheck disable=SC2086
"$CL" check $R --format json $seeds >"$tmp/r.json" 2>/dev/null
url="file://$tmp/r.html"

dump seeds "$url" && dom seeds "$tmp/seeds.dom" "$tmp/r.json"
# The seeds' corpus findings are eight pairs of sources that disagree.
"$CL" rules --rules rules --format json >"$tmp/rules.json"
dom charts "$tmp/seeds.dom" "$tmp/r.json" "$tmp/rules.json" 8
# Four sources, three agreeing: a majority and a median.
"$CL" check $R --format html --output "$tmp/c.html" \
    fixtures/report/consensus 2>/dev/null || bad "consensus: html run failed"
"$CL" check $R --format json fixtures/report/consensus >"$tmp/c.json" \
    2>/dev/null
dump consensus "file://$tmp/c.html" &&
    dom charts "$tmp/consensus.dom" "$tmp/c.json" "$tmp/rules.json" 2
for f in sev=error sev=info rule=context.conflict; do
	dump "$f" "$url#$f" &&
	    dom filtered "$tmp/$f.dom" "$tmp/r.json" "${f%%=*}" "${f#*=}"
done

"$CL" check $R --format html --output "$tmp/h.html" \
    fixtures/report/hostile.txt 2>/dev/null || bad "hostile: run failed"
dump hostile "file://$tmp/h.html" &&
    dom hostile "$tmp/hostile.dom" "$tmp/h.html"

rm -f "$out/report.png"
chrome --screenshot="$out/report.png" --window-size=1280,1600 "$url" \
    >/dev/null
size=$(wc -c <"$out/report.png" 2>/dev/null || echo 0)
magic=$(od -An -tx1 -N8 "$out/report.png" 2>/dev/null | tr -d ' \n')
if [ "$magic" = 89504e470d0a1a0a ] && [ "$size" -gt 20000 ]; then
	ok
else
	bad "screenshot: $out/report.png is ${size} bytes"
	tail -5 "$tmp/chromium.log"
fi

# The charts as they render, light and dark: charts.png, charts-dark.png.
for scheme in light dark; do
	name=charts
	set --
	if [ $scheme = dark ]; then
		name=charts-dark
		set -- --blink-settings=preferredColorScheme=0
	fi
	rm -f "$out/$name.png"
	chrome "$@" --screenshot="$out/$name.png" --window-size=1280,3000 \
	    "$url" >/dev/null
	size=$(wc -c <"$out/$name.png" 2>/dev/null || echo 0)
	magic=$(od -An -tx1 -N8 "$out/$name.png" 2>/dev/null | tr -d ' \n')
	if [ "$magic" = 89504e470d0a1a0a ] && [ "$size" -gt 20000 ]; then
		ok
	else
		bad "screenshot: $out/$name.png is ${size} bytes"
		tail -5 "$tmp/chromium.log"
	fi
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]
