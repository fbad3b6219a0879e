#!/bin/sh
# Corpus rules at scale: one model on 2,000 pages that disagree.  Each
# corpus rule reports at most one finding per source and compared value,
# never one per pair; every related list is bounded (REL_MAX = 10, the
# rest counted in related_more and in SARIF's relatedMore); the counts
# are the ones the generated disagreements call for.  Counts, not time.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: python3 is needed to write the pages and read the report"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
R="--rules rules --now 2026-11-22 --fail-on never --quiet"

# 1,600 llmstats pages of Pixtral 12B and 400 short siliconflow pages of
# the same model.  On the llmstats pages: every 2nd says 32K (context: no
# majority, 800/800 against the siliconflow pages' 400 at 64K), every 5th
# 24B, every 4th another release date, every 10th input $9.50, every 8th
# MMMU 62.5%.  The siliconflow pages mark Tools and Structured Outputs
# "Not supported" (the llmstats pages list Function Calling and
# Structured Output).
python3 - fixtures/pages/llmstats_clean.txt "$tmp/pages" <<'PY' || exit 1
import os, sys
a = open(sys.argv[1]).read()
out = sys.argv[2]
b = """pixtral-12b
About pixtral-12b
A multimodal model.
Available Serverless
Run queries immediately, pay only for usage
$
0.50
/
$
1.50
Per 1M Tokens (input/output)
Metadata
Specification
Context length
64K
Max Tokens
4K
Supported Functionality
Serverless
Supported
Structured Outputs
Not supported
Tools
Not supported
"""
for i in range(2000):
    d = os.path.join(out, "d%02d" % (i // 100))
    os.makedirs(d, exist_ok=True)
    if i >= 1600:
        open(os.path.join(d, "s%04d.txt" % i), "w").write(b)
        continue
    p = a
    if i % 2:
        p = p.replace("128.0K", "32.0K")
    if i % 5 == 0:
        p = p.replace("12.0B", "24.0B")
    if i % 4 == 0:
        p = p.replace("September 17, 2024", "October 30, 2024")
    if i % 10 == 0:
        p = p.replace("$0.50", "$9.50")
    if i % 8 == 0:
        p = p.replace("52.5%", "62.5%")
    open(os.path.join(d, "p%04d.txt" % i), "w").write(p)
PY
# shellcheck disable=SC2086
"$CL" check $R --format json -j 2 "$tmp/pages" >"$tmp/r.json" || exit 1
# shellcheck disable=SC2086
"$CL" check $R --format sarif -j 2 "$tmp/pages" >"$tmp/r.sarif" || exit 1
python3 - "$tmp/r.json" "$tmp/r.sarif" <<'PY'
import collections, json, sys
rep = json.load(open(sys.argv[1]))
sarif = json.load(open(sys.argv[2]))
corpus = ("price.provider-outlier", "context.conflict", "date.conflict",
          "bench.conflict", "spec.params-conflict",
          "spec.capability-conflict")
fs = [f for f in rep["findings"] if f["rule"] in corpus]
fail = 0
def check(ok, what):
    global fail
    if not ok:
        print("FAIL: " + what)
        fail += 1
want = {"context.conflict": 1, "spec.params-conflict": 320,
        "date.conflict": 400, "price.provider-outlier": 160,
        "bench.conflict": 200, "spec.capability-conflict": 800}
got = collections.Counter(f["rule"] for f in fs)
for r in corpus:
    check(got[r] == want[r], "%s: %d findings, want %d" %
          (r, got[r], want[r]))
# One finding per source and compared value.
per = collections.Counter((f["rule"], f["file"], f["field"],
                           f["value"] if f["rule"] ==
                           "spec.capability-conflict" else "")
                          for f in fs)
check(max(per.values()) == 1, "a source has two findings of one rule")
for f in fs:
    n, more = len(f["related"]), f.get("related_more", 0)
    check(n <= 10, "%s at %s: %d related" % (f["rule"], f["file"], n))
    if more:
        check(n == 10 and ("and %d more" % more) in f["message"],
              "%s: %d more not said" % (f["rule"], more))
# The consensus and its counts in the messages.
def one(rule):
    return [f for f in fs if f["rule"] == rule][0]
f = one("context.conflict")
check("no majority among 2000 sources: 128000 (800), 32000 (800), "
      "64000 (400)" in f["message"] and f["related_more"] == 1989,
      "context group finding: " + f["message"])
check(f["file"].endswith("/d00/p0000.txt"), "group finding not on the "
      "first source: " + f["file"])
f = one("spec.params-conflict")
check("is 24B in the page here, but 1280 of 1600 sources say 12B" in
      f["message"] and f["related_more"] == 1270,
      "params: " + f["message"])
f = one("date.conflict")
check("but 1200 of 1600 sources say 2024-09-17" in f["message"] and
      f["related_more"] == 1190, "date: " + f["message"])
f = one("bench.conflict")
check("MMMU val score is 62.5 here, but 1400 of 1600 sources say 52.5" in
      f["message"] and f["related_more"] == 1390, "bench: " + f["message"])
f = one("price.provider-outlier")
check("1840 of 2000 sources are within 5x of it" in f["message"] and
      f["related_more"] == 1830, "outlier: " + f["message"])
caps = [f for f in fs if f["rule"] == "spec.capability-conflict"]
check(all("but 1600 of 2000 sources list" in f["message"] and
          f["field"] == "features_unsupported" and
          f["file"].split("/")[-1].startswith("s") for f in caps),
      "capability: " + caps[0]["message"])
# SARIF: bounded relatedLocations, the rest in properties.relatedMore.
res = [r for r in sarif["runs"][0]["results"] if r["ruleId"] in corpus]
check(len(res) == len(fs), "sarif has %d corpus results" % len(res))
check(all(len(r.get("relatedLocations", [])) <= 10 for r in res),
      "sarif relatedLocations unbounded")
check(sum(r.get("properties", {}).get("relatedMore", 0) for r in res) ==
      sum(f.get("related_more", 0) for f in fs), "sarif relatedMore")
print("%d corpus findings checked, %d failed" % (len(fs), fail))
sys.exit(1 if fail else 0)
PY
