#!/bin/sh
# The partitioned corpus stage (#19 item 4): the findings of the N parts
# of extract --partition N, each linted with check --records --partition
# K/N, are the findings of one run over every page, byte for byte once
# sorted, with no per-page finding twice; on the fixtures and on a
# generated corpus with popular models (bench/gen.c -z), with parts
# made in one go or from page shards; drift against the whole previous
# refresh or its parts, and coverage added up by cardlint coverage.
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

ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $1"; fail=$((fail + 1)); }

same() {
	if cmp -s "$2" "$3"; then
		ok
	else
		no "$1"; diff "$2" "$3" | head -10
	fi
}

# parts_check DIR N [OPTIONS]: every part of DIR linted, the findings
# of all parts on stdout.
parts_check() {
	d=$1 n=$2
	shift 2
	k=1
	while [ $k -le "$n" ]; do
		p=$(printf '%s/part-%04d-of-%04d.jsonl' "$d" $k "$n")
		"$CL" check $R "$@" --records --partition "$k/$n" "$p" ||
		    echo "EXIT $? on part $k"
		k=$((k + 1))
	done
}

# json_files REPORT...: the sum of the reports' "files".
json_files() {
	cat "$@" | sed -n 's/^  "files": \([0-9]*\),$/\1/p' |
	    awk '{ s += $1 } END { print s + 0 }'
}

# --- The fixtures, every rule ---
"$CL" check $R fixtures/pages | sort >"$tmp/one.s"
"$CL" extract $R fixtures/pages >"$tmp/all.jsonl"
nrec=$(wc -l <"$tmp/all.jsonl")
npages=$(sed -n 's/^{"file":"\([^"]*\)".*/\1/p' "$tmp/all.jsonl" | sort -u |
    wc -l)
for n in 1 2 3 4 8; do
	mkdir "$tmp/f$n"
	"$CL" extract $R --partition $n --out-dir "$tmp/f$n" fixtures/pages ||
	    no "extract --partition $n failed"
	parts_check "$tmp/f$n" $n | sort >"$tmp/f$n.s"
	same "fixtures, $n parts: union != one run" "$tmp/one.s" "$tmp/f$n.s"
	# Each record is linted once (the union above has no duplicate):
	# a page is counted in each part that is home to one of its
	# records, so the parts' files lie between the pages and the
	# records, and one part counts the pages.
	parts_check "$tmp/f$n" $n --format json >"$tmp/f$n.json"
	nf=$(json_files "$tmp/f$n.json")
	if [ "$nf" -ge "$npages" ] && [ "$nf" -le "$nrec" ] &&
	    { [ $n != 1 ] || [ "$nf" = "$npages" ]; }; then
		ok
	else
		no "fixtures, $n parts: files $nf not in $npages..$nrec"
	fi
	if ls "$tmp/f$n" | grep -qv '^part-[0-9]\{4\}-of-[0-9]\{4\}\.jsonl$'; then
		no "extract --partition $n left other files: $(ls "$tmp/f$n")"
	else
		ok
	fi
done
# The split is real: some record is evidence in more than one part.
if [ "$(cat "$tmp"/f8/*.jsonl | wc -l)" -gt "$nrec" ]; then
	ok
else
	no "no record of the fixtures lands in two of 8 parts"
fi
# The corpus rules fire in the parts (the test is not vacuous).
if grep -q 'conflict\]$\|outlier\]$' "$tmp/f4.s"; then
	ok
else
	no "no corpus finding in the fixtures' parts"
fi
# A part linted from the whole merged file is the same part.
"$CL" check $R --records --partition 2/4 "$tmp/all.jsonl" | sort >"$tmp/w.s"
parts_check "$tmp/f4" 4 >/dev/null
"$CL" check $R --records --partition 2/4 "$tmp/f4/part-0002-of-0004.jsonl" |
    sort >"$tmp/p2.s"
same "part 2/4 of the merged records != part file 2" "$tmp/w.s" "$tmp/p2.s"

# --- A generated corpus with popular models, parts from page shards ---
CC=${CC:-cc}
if $CC -std=c11 -O2 -o "$tmp/gen" bench/gen.c 2>"$tmp/gen.err"; then
	"$tmp/gen" -q -z -m "$tmp/manifest.tsv" "$tmp/corpus" 2000 1 \
	    fixtures/pages >/dev/null || no "gen failed"
	"$CL" check $R "$tmp/corpus" | sort >"$tmp/gone.s"
	# The corpus rules run group by group on -j threads: the report,
	# in its own order, is the same bytes for every -j.
	"$CL" check $R --format json -j 1 "$tmp/corpus" >"$tmp/gj1.json"
	"$CL" check $R --format json -j 3 "$tmp/corpus" >"$tmp/gj3.json"
	same "generated corpus: the full run at -j 3 differs from -j 1" \
	    "$tmp/gj1.json" "$tmp/gj3.json"
	n=5
	mkdir "$tmp/g"
	"$CL" extract $R --partition $n --out-dir "$tmp/g" "$tmp/corpus"
	parts_check "$tmp/g" $n | sort >"$tmp/g.s"
	same "generated corpus, $n parts: union != one run" "$tmp/gone.s" \
	    "$tmp/g.s"
	# Three page shards, each cut into the parts; part K is the
	# shards' part K put together.
	mkdir "$tmp/gs" "$tmp/gp"
	for s in 1 2 3; do
		mkdir "$tmp/gs/$s"
		"$CL" extract $R --shard $s/3 --partition $n \
		    --out-dir "$tmp/gs/$s" "$tmp/corpus"
	done
	k=1
	while [ $k -le $n ]; do
		f=$(printf 'part-%04d-of-%04d.jsonl' $k $n)
		cat "$tmp/gs/1/$f" "$tmp/gs/2/$f" "$tmp/gs/3/$f" >"$tmp/gp/$f"
		k=$((k + 1))
	done
	parts_check "$tmp/gp" $n | sort >"$tmp/gp.s"
	same "generated corpus, 3 shards x $n parts: union != one run" \
	    "$tmp/gone.s" "$tmp/gp.s"
	if [ "$(grep -c 'conflict\]$\|outlier\]$' "$tmp/g.s")" -gt 100 ]; then
		ok
	else
		no "too few corpus findings in the generated corpus"
	fi
else
	no "cannot build bench/gen.c with $CC: $(cat "$tmp/gen.err")"
fi

# --- History: drift and coverage ---
"$CL" check $R --previous fixtures/refresh/old.jsonl \
    --coverage-baseline fixtures/refresh/coverage-baseline.json \
    --write-coverage-baseline "$tmp/cov-one.json" \
    fixtures/refresh/new | sort >"$tmp/h1.s"
for n in 1 2 3; do
	mkdir "$tmp/h$n" "$tmp/o$n"
	"$CL" extract $R --partition $n --out-dir "$tmp/h$n" \
	    fixtures/refresh/new
	"$CL" extract $R --records --partition $n --out-dir "$tmp/o$n" \
	    fixtures/refresh/old.jsonl
	# The whole previous refresh for each part: the same bytes.
	k=1
	while [ $k -le $n ]; do
		p=$(printf 'part-%04d-of-%04d.jsonl' $k $n)
		"$CL" check $R --records --partition $k/$n \
		    --previous fixtures/refresh/old.jsonl \
		    --write-coverage-baseline "$tmp/h$n/cov-$k.json" \
		    "$tmp/h$n/$p"
		k=$((k + 1))
	done >"$tmp/h$n.txt"
	"$CL" coverage $R \
	    --coverage-baseline fixtures/refresh/coverage-baseline.json \
	    --write-coverage-baseline "$tmp/h$n/cov.json" \
	    "$tmp/h$n"/cov-*.json >>"$tmp/h$n.txt"
	sort "$tmp/h$n.txt" >"$tmp/h$n.s"
	same "refresh, $n parts, whole previous: union != one run" \
	    "$tmp/h1.s" "$tmp/h$n.s"
	same "refresh, $n parts: merged coverage baseline differs" \
	    "$tmp/cov-one.json" "$tmp/h$n/cov.json"
	# The previous refresh in parts too: the same findings, each
	# drift.page-lost naming the part it was read from.
	k=1
	while [ $k -le $n ]; do
		p=$(printf 'part-%04d-of-%04d.jsonl' $k $n)
		"$CL" check $R --records --partition $k/$n \
		    --previous "$tmp/o$n/$p" "$tmp/h$n/$p" |
		    sed "s|($tmp/o$n/$p)|(fixtures/refresh/old.jsonl)|"
		k=$((k + 1))
	done >"$tmp/hp$n.txt"
	grep -v 'coverage.field-drop\]$' "$tmp/h1.s" >"$tmp/h1nc.s"
	sort "$tmp/hp$n.txt" >"$tmp/hp$n.s"
	same "refresh, $n parts of both refreshes: union != one run" \
	    "$tmp/h1nc.s" "$tmp/hp$n.s"
done
"$CL" coverage $R "$tmp/h3"/cov-*.json >"$tmp/table.txt"
"$CL" check $R --select 'coverage.*' --coverage fixtures/refresh/new \
    >"$tmp/table1.txt"
# Sites come in name order from the parts, in page order from one run.
by_site() {
	awk '/^[^ ]/ { site = $1 } { printf "%s\t%06d %s\n", site, NR, $0 }' \
	    "$1" | sort -s -t '	' -k1,1 | cut -f2 | cut -c8-
}
if [ "$(by_site "$tmp/table.txt")" = "$(by_site "$tmp/table1.txt")" ]; then
	ok
else
	no "cardlint coverage table != check --coverage"
	diff "$tmp/table1.txt" "$tmp/table.txt" | head
fi

# --- Usage errors: exit 2 with a message ---
bad() {
	"$CL" "$@" >/dev/null 2>"$tmp/err"
	if [ $? -eq 2 ] && [ -s "$tmp/err" ]; then
		ok
	else
		no "not a usage error: cardlint $*"
	fi
}
bad extract $R --partition 4 fixtures/pages
bad extract $R --partition 2/4 --out-dir "$tmp" fixtures/pages
bad extract $R --partition 0 --out-dir "$tmp" fixtures/pages
bad extract $R --partition 257 --out-dir "$tmp" fixtures/pages
bad extract $R --out-dir "$tmp" fixtures/pages
bad check $R --partition 1/4 fixtures/pages
bad check $R --records --partition 4 "$tmp/all.jsonl"
bad check $R --records --partition 5/4 "$tmp/all.jsonl"
bad check $R --records --partition 1/4 --coverage-baseline \
    fixtures/refresh/coverage-baseline.json "$tmp/all.jsonl"
bad check $R --records --partition 1/4 --baseline /dev/null \
    --prune-baseline "$tmp/all.jsonl"
bad coverage $R
bad coverage $R "$tmp/all.jsonl"
bad coverage $R fixtures/refresh/coverage-baseline.json
bad extract $R --partition 2 --out-dir "$tmp/no/such/dir" fixtures/pages

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
