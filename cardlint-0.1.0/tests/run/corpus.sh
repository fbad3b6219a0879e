#!/bin/sh
# Corpus, records and history: check --records on extract output gives
# the findings check gives on the pages; shards merged give one run's
# findings; drift and coverage fire exactly the expected ids.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
R="--rules rules --now 2026-11-22 --fail-on never --quiet"

same() {
	if cmp -s "$2" "$3"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1"; diff -u "$2" "$3" | head -20
		fail=$((fail + 1))
	fi
}

# suppressed_and_kept REPORT FILE-PREFIX WHAT: a baseline run's json
# report has suppressed findings and still some of FILE-PREFIX's.
suppressed_and_kept() {
	if grep -q '"suppressed": true' "$1" && \
	    grep -q "\"file\": \"$2" "$1"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $3 suppressed nothing or lost the rest"
		fail=$((fail + 1))
	fi
}

for set in seeds all; do
	if [ $set = seeds ]; then
		paths="fixtures/pages/000_cf106a8f77e2ba01.txt
fixtures/pages/001_721fc67f282890cc.txt
fixtures/pages/002_c0268ff9b5d925ec.txt
fixtures/pages/003_328e5b916ed2f340.txt
fixtures/pages/004_730a503d893fbc4e.txt"
	else
		paths=fixtures/pages
	fi
	# shellcheck disable=SC2086
	"$CL" check $R --format json $paths >"$tmp/pages.json"
	# shellcheck disable=SC2086
	"$CL" extract --rules rules $paths >"$tmp/recs.jsonl"
	"$CL" check $R --format json --records "$tmp/recs.jsonl" \
	    >"$tmp/records.json"
	same "$set: check --records differs from check on pages" \
	    "$tmp/pages.json" "$tmp/records.json"
	: >"$tmp/shards.jsonl"
	for k in 1 2 3; do
		# shellcheck disable=SC2086
		"$CL" extract --rules rules --shard $k/3 $paths \
		    >>"$tmp/shards.jsonl"
	done
	"$CL" check $R --format json --records "$tmp/shards.jsonl" \
	    >"$tmp/sharded.json"
	same "$set: --shard 1/3..3/3 merged differs from one run" \
	    "$tmp/pages.json" "$tmp/sharded.json"
	# Sharded per-page stage: corpus rules wait for the merge.
	for k in 1 2; do
		# shellcheck disable=SC2086
		"$CL" check $R --format json --shard $k/2 $paths \
		    >"$tmp/part$k.json"
	done
	if grep -q '"rule": "[a-z]*\.[a-z-]*conflict"' "$tmp/part1.json" \
	    "$tmp/part2.json"; then
		echo "FAIL: $set: a shard ran corpus rules"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done

# Threads: byte-identical output whatever -j is.
"$CL" check $R --format json -j 1 fixtures/pages fixtures/refresh >"$tmp/j1.json"
for j in 2 3 8; do
	"$CL" check $R --format json -j $j fixtures/pages fixtures/refresh \
	    >"$tmp/j$j.json"
	same "-j $j output differs from -j 1" "$tmp/j1.json" "$tmp/j$j.json"
done

# The spool goes to $TMPDIR; one that cannot be used falls back to
# tmpfile(), and the report is the same either way.
mkdir "$tmp/spool"
TMPDIR="$tmp/spool" "$CL" check $R --format json -j 2 fixtures/pages \
    fixtures/refresh >"$tmp/sp1.json"
same "corpus report with TMPDIR set differs" "$tmp/j1.json" "$tmp/sp1.json"
TMPDIR="$tmp/no/such/dir" "$CL" check $R --format json -j 2 fixtures/pages \
    fixtures/refresh >"$tmp/sp2.json"
same "corpus report with an unusable TMPDIR differs" "$tmp/j1.json" \
    "$tmp/sp2.json"
if [ -z "$(ls -A "$tmp/spool")" ]; then pass=$((pass + 1)); else
	echo "FAIL: the spool file was left in TMPDIR"; fail=$((fail + 1)); fi

# Per-page mode (no corpus rule selected) writes each page as it is done:
# the same bytes for every -j, and the same findings as the corpus-mode
# run without its corpus findings.
corpus_ids='price.provider-outlier,context.conflict,date.conflict,bench.conflict,spec.params-conflict,spec.capability-conflict,drift.*,coverage.*'
"$CL" check $R --format json --ignore "$corpus_ids" -j 1 fixtures/pages \
    fixtures/refresh >"$tmp/s1.json"
for j in 2 3 8; do
	"$CL" check $R --format json --ignore "$corpus_ids" -j $j \
	    fixtures/pages fixtures/refresh >"$tmp/s$j.json"
	same "per-page mode -j $j output differs from -j 1" "$tmp/s1.json" \
	    "$tmp/s$j.json"
done
# Pages are rendered by the workers: text and baseline-matched json too.
"$CL" check $R --ignore "$corpus_ids" -j 1 fixtures/pages fixtures/refresh \
    >"$tmp/t1.txt" 2>/dev/null
"$CL" check $R --ignore "$corpus_ids" -j 3 fixtures/pages fixtures/refresh \
    >"$tmp/t3.txt" 2>/dev/null
same "per-page text -j 3 differs from -j 1" "$tmp/t1.txt" "$tmp/t3.txt"
"$CL" check $R --ignore "$corpus_ids" -j 1 --write-baseline "$tmp/bl.json" \
    fixtures/pages >/dev/null 2>&1
for j in 1 3; do
	"$CL" check $R --format json --ignore "$corpus_ids" -j $j \
	    --baseline "$tmp/bl.json" fixtures/pages fixtures/refresh \
	    >"$tmp/b$j.json"
done
same "per-page json with a baseline: -j 3 differs from -j 1" "$tmp/b1.json" \
    "$tmp/b3.json"
suppressed_and_kept "$tmp/b3.json" fixtures/refresh \
    "baseline run at -j 3"
# Corpus mode writes its report from a pool too (pool_emit(), run/pool.c):
# more pages than its window of pages in flight, text and baseline-matched
# json, and pages lost since --previous, the same bytes for -j 1 and -j 3.
for k in 1 2 3 4 5 6 7 8; do
	mkdir -p "$tmp/many/d$k"
	cp fixtures/pages/* "$tmp/many/d$k/"
done
"$CL" check $R -j 1 "$tmp/many" fixtures/refresh >"$tmp/m1.txt"
"$CL" check $R -j 3 "$tmp/many" fixtures/refresh >"$tmp/m3.txt"
same "corpus-mode text -j 3 differs from -j 1" "$tmp/m1.txt" "$tmp/m3.txt"
"$CL" check $R -j 1 --write-baseline "$tmp/mbl.json" "$tmp/many/d1" \
    "$tmp/many/d2" >/dev/null
for j in 1 3; do
	"$CL" check $R --format json -j $j --baseline "$tmp/mbl.json" \
	    "$tmp/many" >"$tmp/mb$j.json"
done
same "corpus-mode json with a baseline: -j 3 differs from -j 1" \
    "$tmp/mb1.json" "$tmp/mb3.json"
suppressed_and_kept "$tmp/mb3.json" "$tmp/many/d8/" \
    "corpus-mode baseline run at -j 3"
# (without the one page of the model the old refresh had and the new lacks)
rm "$tmp"/many/d*/generic_vendor.html
for j in 1 3; do
	"$CL" check $R --format json -j $j --previous fixtures/refresh/old.jsonl \
	    "$tmp/many" fixtures/refresh/new >"$tmp/mp$j.json"
done
same "corpus-mode json with --previous: -j 3 differs from -j 1" \
    "$tmp/mp1.json" "$tmp/mp3.json"
if grep -q '"rule": "drift.page-lost"' "$tmp/mp3.json"; then
	pass=$((pass + 1))
else
	echo "FAIL: corpus-mode --previous run at -j 3 lost the page-lost finding"
	fail=$((fail + 1))
fi
python3 - "$tmp/j1.json" "$tmp/s1.json" <<'PY' >"$tmp/err" 2>&1
import json, sys
corpus = ("price.provider-outlier", "context.conflict", "date.conflict",
          "bench.conflict", "spec.params-conflict", "spec.capability-conflict")
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
fa = [f for f in a["findings"] if f["rule"] not in corpus]
assert fa == b["findings"], "per-page mode findings differ from corpus mode"
assert a["files"] == b["files"]
PY
if [ $? = 0 ]; then pass=$((pass + 1)); else
	echo "FAIL: per-page mode and corpus mode disagree"; cat "$tmp/err"
	fail=$((fail + 1)); fi

# Each seed alone fires no corpus rule; together they do.
for f in fixtures/pages/00[0-4]_*.txt; do
	if "$CL" check $R --format json "$f" | grep -q \
	    '"rule": "\(price.provider-outlier\|context.conflict\|date.conflict\|spec.params-conflict\|spec.capability-conflict\|bench.conflict\)"'; then
		echo "FAIL: $f alone fires a corpus rule"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done

# History: the new refresh against the old one and the pinned baseline.
"$CL" check $R --select 'drift.*,coverage.*' \
    --previous fixtures/refresh/old.jsonl \
    --coverage-baseline fixtures/refresh/coverage-baseline.json \
    fixtures/refresh/new >"$tmp/drift.txt"
same "drift and coverage findings" fixtures/expected/refresh.check.text \
    "$tmp/drift.txt"
ids=$(sed 's/.*\[\(.*\)\]$/\1/' "$tmp/drift.txt" | sort -u | tr '\n' ' ')
if [ "$ids" = "coverage.field-drop drift.field-lost drift.page-lost drift.price-change " ]; then
	pass=$((pass + 1))
else
	echo "FAIL: drift/coverage fired [$ids]"
	fail=$((fail + 1))
fi
# The old refresh against itself: nothing.
"$CL" check $R --select 'drift.*,coverage.*' \
    --previous fixtures/refresh/old.jsonl \
    --coverage-baseline fixtures/refresh/coverage-baseline.json \
    fixtures/refresh/old >"$tmp/none.txt"
if [ -s "$tmp/none.txt" ]; then
	echo "FAIL: an unchanged refresh fires drift/coverage"
	cat "$tmp/none.txt"; fail=$((fail + 1))
else
	pass=$((pass + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
