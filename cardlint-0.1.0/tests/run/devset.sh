#!/bin/sh
# Development set: scores `cardlint extract` on the real-layout pages of
# fixtures/devset against the hand-read records of
# fixtures/devset/truth.json (see fixtures/devset/README.md).
#
# Output records are matched to expected records page by page: by name
# (model.name, model.key or model.id, folded: lower case, punctuation and
# spaces folded to one '-'), exact first, then one key being the other
# plus a '-'-separated suffix; a page with one expected record and one
# output record is matched whatever the names.  Each labelled field is
# correct (numbers within 0.5 % relative, strings equal after folding),
# wrong (a value that differs) or missing (no matched record, or null).
# Output records that match no expected record are counted apart from
# the fields: as spurious records when they hold a value of a scored
# field, else as empty records.
#
# Fails when fewer than DEVSET_MIN_RECALL (default 85) percent of the
# labelled fields are correct, when more than DEVSET_MAX_WRONG (default 2)
# percent are wrong, when extract crashes, or when truth.json and the
# folder disagree.  DEVSET_JSON=path also writes the results as JSON.
# `make devset` runs it with the thresholds off to print the score.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 99
top=$(pwd)

if ! command -v python3 >/dev/null 2>&1; then
	echo "devset.sh: python3 missing"
	if [ "$CI" = true ]; then
		echo "FAIL: no python3 to score the devset, and CI=true"
		exit 1
	fi
	exit 77
fi
if [ ! -x "$CL" ]; then
	echo "devset.sh: no cardlint binary at $CL"
	exit 99
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/score.py" <<'PY'
import json, math, os, re, subprocess, sys, unicodedata

cl, top = sys.argv[1], sys.argv[2]
# --fake MODE: score records made from truth.json itself instead of
# running extract (the scorer's self-check): "exact" must score 100 %,
# "perturb" (input prices 1 % off, names as "Vendor: name", records in
# reverse order, one extra record per page) must find every input price
# wrong and every name right and count the extra records as spurious.
fake = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--fake" else None
devdir = os.path.join(top, "fixtures", "devset")
min_recall = float(os.environ.get("DEVSET_MIN_RECALL", "85"))
max_wrong = float(os.environ.get("DEVSET_MAX_WRONG", "2"))
json_out = os.environ.get("DEVSET_JSON", "")

FIELDS = ["model.name", "price.input", "price.output", "price.currency",
          "context_tokens", "max_output_tokens"]
NUMERIC = {"price.input", "price.output", "context_tokens",
           "max_output_tokens"}
LANGS = {"en", "zh", "ja", "ko", "ru", "es", "fr", "de", "pt"}
FORMATS = {"html", "text", "markdown"}
ARRANGEMENTS = {"table-header", "flattened-table", "spec-table", "dl",
                "label-next-line", "run-together", "value-before-label",
                "slash-pair", "cards", "prose"}
TRAPS = {"calculator", "expanded-from", "cache-hit", "tier", "nav-numbers",
         "other-row", "free"}

problems = []

def fold(s):
    if not isinstance(s, str):
        return ""
    s = unicodedata.normalize("NFKC", s).lower()
    return re.sub(r"[\W_]+", "-", s).strip("-")

def get(rec, dotted):
    cur = rec
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur

def line_of(rec, field):
    seen = rec.get("seen") if isinstance(rec, dict) else None
    if isinstance(seen, dict):
        places = seen.get(field)
        if isinstance(places, list) and places and isinstance(places[0], dict):
            return places[0].get("line")
    return None

# -- truth ------------------------------------------------------------
try:
    truth = json.load(open(os.path.join(devdir, "truth.json"), encoding="utf-8"))
except Exception as e:
    print("devset.sh: cannot read truth.json: %s" % e)
    sys.exit(99)
pages = truth.get("pages") if isinstance(truth, dict) else None
if not isinstance(pages, list) or not pages:
    print("devset.sh: truth.json has no pages")
    sys.exit(99)
listed = set()
for p in pages:
    f = p.get("file")
    where = "truth.json: %s" % f
    if not isinstance(f, str) or not os.path.isfile(os.path.join(devdir, f)):
        problems.append("%s: no such file in fixtures/devset" % where)
        continue
    if f in listed:
        problems.append("%s: listed twice" % where)
    listed.add(f)
    for k in ("site", "source"):
        if not isinstance(p.get(k), str) or not p.get(k):
            problems.append("%s: no %s" % (where, k))
    if p.get("language") not in LANGS:
        problems.append("%s: language %r not one of %s" % (where, p.get("language"), sorted(LANGS)))
    if p.get("format") not in FORMATS:
        problems.append("%s: format %r not one of %s" % (where, p.get("format"), sorted(FORMATS)))
    for a in p.get("arrangements", []):
        if a not in ARRANGEMENTS:
            problems.append("%s: unknown arrangement %r" % (where, a))
    for a in p.get("traps", []):
        if a not in TRAPS:
            problems.append("%s: unknown trap %r" % (where, a))
    recs = p.get("records")
    if not isinstance(recs, list) or not recs:
        problems.append("%s: no records" % where)
        continue
    for r in recs:
        if not isinstance(r.get("model.name"), str):
            problems.append("%s: a record without model.name" % where)
        for k, v in r.items():
            if k not in FIELDS:
                problems.append("%s: unknown field %r" % (where, k))
            elif k in NUMERIC and (not isinstance(v, (int, float)) or isinstance(v, bool)):
                problems.append("%s: %s is not a number" % (where, k))
for f in sorted(os.listdir(devdir)):
    if f in ("README.md", "truth.json") or f.startswith("."):
        continue
    if f not in listed:
        problems.append("fixtures/devset/%s: not in truth.json" % f)
if problems:
    for m in problems:
        print("devset.sh: " + m)
    sys.exit(99)

# -- extract ----------------------------------------------------------
crashes = []
outputs = {}

def from_truth(p, mode):
    out = []
    for r in p["records"]:
        o = {"file": p["file"],
             "model": {"name": r["model.name"], "key": None, "id": None},
             "price": {"input": r.get("price.input"),
                       "output": r.get("price.output"),
                       "currency": r.get("price.currency")},
             "context_tokens": r.get("context_tokens"),
             "max_output_tokens": r.get("max_output_tokens"), "seen": {}}
        if mode == "perturb":
            o["model"]["name"] = "Vendor: " + r["model.name"]
            if o["price"]["input"] is not None:
                o["price"]["input"] = o["price"]["input"] * 1.01 + 0.001
        out.append(o)
    if mode == "perturb":
        out.reverse()
        out.append({"file": p["file"], "model": {"name": "Zz Extra 9"},
                    "price": {"input": 1.0}})
    return out

for p in pages:
    f = p["file"]
    if fake:
        outputs[f] = from_truth(p, fake)
        continue
    r = subprocess.run([cl, "extract", "--rules", os.path.join(top, "rules"), f],
                       cwd=devdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    recs = []
    if r.returncode < 0 or r.returncode > 2:
        crashes.append("%s: extract exited with %d: %s" % (
            f, r.returncode, r.stderr.decode("utf-8", "replace").strip()[:200]))
    for ln in r.stdout.decode("utf-8", "replace").splitlines():
        ln = ln.strip()
        if not ln:
            continue
        try:
            recs.append(json.loads(ln))
        except ValueError:
            crashes.append("%s: extract printed a line that is not JSON" % f)
            break
    outputs[f] = recs

# -- matching ---------------------------------------------------------
def keys_of(rec):
    ks = []
    for v in (get(rec, "model.name"), get(rec, "model.key"), get(rec, "model.id")):
        k = fold(v)
        if k and k not in ks:
            ks.append(k)
        # "org/Name" and "Vendor: Name" also answer to "Name"
        for sep in ("/", ": "):
            if isinstance(v, str) and sep in v:
                for k in (fold(v.split(sep, 1)[1]), fold(v.rsplit(sep, 1)[1])):
                    if k and k not in ks:
                        ks.append(k)
    return ks

def related(a, b):
    return a.startswith(b + "-") or b.startswith(a + "-")

def match(expected, got):
    pairs = [None] * len(expected)
    if len(expected) == 1 and len(got) == 1:
        return [0]
    used = set()
    gkeys = [keys_of(g) for g in got]
    for exact in (True, False):
        for i, e in enumerate(expected):
            if pairs[i] is not None:
                continue
            ek = fold(e.get("model.name"))
            for j, ks in enumerate(gkeys):
                if j in used:
                    continue
                if any((k == ek) if exact else related(k, ek) for k in ks):
                    pairs[i] = j
                    used.add(j)
                    break
    return pairs

def same(field, want, got):
    if field in NUMERIC:
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return False
        if want == 0:
            return got == 0
        return abs(got - want) <= 0.005 * abs(want)
    if field == "price.currency":
        return isinstance(got, str) and got.strip().upper() == want.strip().upper()
    return fold(got) == fold(want)

def name_ok(want, rec):
    return fold(want) in keys_of(rec)

def blank():
    return {"fields": 0, "correct": 0, "wrong": 0, "missing": 0}

total = blank()
by = {"language": {}, "format": {}, "arrangement": {}, "trap": {}, "field": {}}
wrongs, misses, spurious, empty = [], [], [], []
n_expected = n_output = n_matched = 0
per_page = []

def add(bucket, key, outcome):
    b = by[bucket].setdefault(key, blank())
    b["fields"] += 1
    b[outcome] += 1

for p in pages:
    f = p["file"]
    exp = p["records"]
    got = outputs.get(f, [])
    n_expected += len(exp)
    n_output += len(got)
    pairs = match(exp, got)
    matched = {j for j in pairs if j is not None}
    n_matched += len(matched)
    pg = blank()
    for j, g in enumerate(got):
        if j in matched:
            continue
        if all(get(g, k) is None for k in FIELDS):
            empty.append(f)
        else:
            spurious.append({"file": f, "name": get(g, "model.name"),
                             "line": line_of(g, "model.name")})
    for i, e in enumerate(exp):
        g = got[pairs[i]] if pairs[i] is not None else None
        for field, want in e.items():
            val = get(g, field) if g is not None else None
            if val is None:
                outcome = "missing"
                misses.append({"file": f, "record": e["model.name"],
                               "field": field, "want": want,
                               "record_found": g is not None})
            elif (name_ok(want, g) if field == "model.name" else same(field, want, val)):
                outcome = "correct"
            else:
                outcome = "wrong"
                wrongs.append({"file": f, "record": e["model.name"],
                               "field": field, "want": want, "got": val,
                               "line": line_of(g, field)})
            for b in (total, pg):
                b["fields"] += 1
                b[outcome] += 1
            add("language", p["language"], outcome)
            add("format", p["format"], outcome)
            add("field", field, outcome)
            for a in p.get("arrangements", []):
                add("arrangement", a, outcome)
            for a in p.get("traps", []):
                add("trap", a, outcome)
    pg["file"] = f
    pg["records_expected"] = len(exp)
    pg["records_output"] = len(got)
    per_page.append(pg)

def pct(n, d):
    return 100.0 * n / d if d else 0.0

recall = pct(total["correct"], total["fields"])
wrong_pct = pct(total["wrong"], total["fields"])

if fake:
    fi = by["field"]
    if fake == "exact":
        ok = total["correct"] == total["fields"] and not spurious and not empty
    else:
        ok = (fi["price.input"]["wrong"] == fi["price.input"]["fields"]
              and fi["model.name"]["correct"] == fi["model.name"]["fields"]
              and total["missing"] == 0 and len(spurious) == len(pages))
    print("self-check %s: %s" % (fake, "ok" if ok else "FAILED"))
    sys.exit(0 if ok else 1)

print("devset: %d pages, %d expected records, %d output records "
      "(%d matched, %d spurious, %d unmatched with no labelled field)" % (
          len(pages), n_expected, n_output, n_matched, len(spurious),
          len(empty)))
print("labelled fields %d: correct %d (%.1f %%), wrong %d (%.1f %%), "
      "missing %d" % (total["fields"], total["correct"], recall,
                      total["wrong"], wrong_pct, total["missing"]))

def table(title, bucket, order=None):
    rows = by[bucket]
    keys = order if order else sorted(rows)
    print("")
    print("by %s:" % title)
    print("  %-20s %6s %8s %6s %8s %9s" % ("", "fields", "correct", "wrong",
                                             "missing", "recall %"))
    for k in keys:
        if k not in rows:
            continue
        b = rows[k]
        print("  %-20s %6d %8d %6d %8d %9.1f" % (k, b["fields"], b["correct"],
              b["wrong"], b["missing"], pct(b["correct"], b["fields"])))

table("language", "language", ["en", "zh", "ja", "ko", "ru", "es", "fr", "de", "pt"])
table("format", "format", ["html", "text", "markdown"])
table("arrangement", "arrangement")
table("trap on the page", "trap")
table("field", "field", FIELDS)

if wrongs:
    print("")
    print("wrong values (file:line field want -> got):")
    for w in wrongs:
        print("  %s:%s [%s] %s: want %s, got %s" % (
            w["file"], w["line"] if w["line"] is not None else "?",
            w["record"], w["field"], json.dumps(w["want"], ensure_ascii=False),
            json.dumps(w["got"], ensure_ascii=False)))
if spurious:
    print("")
    print("spurious records (file:line name):")
    for s in spurious:
        print("  %s:%s %s" % (s["file"], s["line"] if s["line"] is not None else "?",
                             json.dumps(s["name"], ensure_ascii=False)))
if crashes:
    print("")
    print("extract failures:")
    for c in crashes:
        print("  " + c)

failed = []
if recall < min_recall:
    failed.append("recall %.1f %% is below DEVSET_MIN_RECALL=%g" % (recall, min_recall))
if wrong_pct > max_wrong:
    failed.append("wrong values %.1f %% are above DEVSET_MAX_WRONG=%g" % (wrong_pct, max_wrong))
if crashes:
    failed.append("%d extract failures" % len(crashes))

if json_out:
    result = {
        "pages": len(pages), "records_expected": n_expected,
        "records_output": n_output, "records_matched": n_matched,
        "totals": dict(total, recall=round(recall, 2), wrong_pct=round(wrong_pct, 2)),
        "thresholds": {"min_recall": min_recall, "max_wrong": max_wrong},
        "by_language": by["language"], "by_format": by["format"],
        "by_arrangement": by["arrangement"], "by_trap": by["trap"],
        "by_field": by["field"], "per_page": per_page,
        "wrong": wrongs, "missing": misses, "spurious": spurious,
        "empty_records": empty,
        "failures": crashes, "passed": not failed,
    }
    with open(json_out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
        fh.write("\n")

print("")
if failed:
    for m in failed:
        print("FAIL: " + m)
    sys.exit(1)
print("PASS: recall %.1f %% >= %g, wrong %.1f %% <= %g" % (
    recall, min_recall, wrong_pct, max_wrong))
PY

# The scorer first scores truth.json against itself, as is and spoiled.
for mode in exact perturb; do
	python3 "$tmp/score.py" "$CL" "$top" --fake $mode >"$tmp/self"
	rc=$?
	if [ $rc != 0 ]; then
		cat "$tmp/self"
		[ $rc = 99 ] || echo "FAIL: the scorer's self-check ($mode) failed"
		exit 99
	fi
done
python3 "$tmp/score.py" "$CL" "$top"
