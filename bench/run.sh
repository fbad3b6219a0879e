#!/bin/sh
# bench/run.sh: speed and scale benchmark of cardlint (run by `make bench`).
#
# Builds bench/gen.c and bench/rusage.c with $CC, generates synthetic corpora
# (BENCH_SIZES pages each, default "10000 100000") under $BENCH_DIR or a
# temporary directory, times cardlint on them against `xmllint --html
# --noout`, and writes bench/RESULTS.md.  Timings never fail the run: the
# exit status is 0 unless a program crashed (cardlint exiting other than 0
# with --fail-on never, any signal) or the setup failed.
#
# Also lints a generated LiteLLM-shaped catalogue (bench/gencat.c) of
# BENCH_CAT_SIZES entries (default "2500 200000") and states entries per
# second.
#
# Environment: srcdir, builddir (set by make), CC, CFLAGS, BENCH_SIZES,
# BENCH_SEED (default 1), BENCH_SMALL_REPEAT (default 5: the least for
# sizes under 20k), BENCH_SCALE_ROUNDS (default 3: rounds of the
# scaling measurement), BENCH_REPEAT (runs per measurement, the fastest
# counts; default 2), BENCH_DIR (kept afterwards when given),
# BENCH_RESULTS (default $srcdir/bench/RESULTS.md), CARDLINT (default
# $builddir/cardlint), XMLLINT (default xmllint), BENCH_POPULAR (default
# 1: popular models, gen -z, a Zipf-like share of pages per model as
# real catalogues have; 0: every model on about five pages),
# BENCH_BASE_REV (default 2039a76, the tree before the generic reader of
# issue #17; empty: no comparison): built from git in the work directory,
# and the per-page runs (a) and text of the smallest corpus are timed with
# it too, in the same run, so that the cost per page is compared with it.

# Variables t_TAG, rss_TAG and st_TAG are assigned through eval in measure();
# word splitting of $common and of the "set --" lines is intended.
# shellcheck disable=SC2086,SC2154,SC2016,SC2317,SC2034

set -u

srcdir=${srcdir:-.}
builddir=${builddir:-.}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2}
SIZES=${BENCH_SIZES:-10000 100000}
# Catalogue sizes: the real LiteLLM map's, then a large generated one.
CAT_SIZES=${BENCH_CAT_SIZES:-2500 200000}
SEED=${BENCH_SEED:-1}
POPULAR=${BENCH_POPULAR:-1}
GENFLAGS=
[ "$POPULAR" = 1 ] && GENFLAGS=-z
REPEAT=${BENCH_REPEAT:-2}
# Runs under 20k pages last a second or two, where a shared VM's noise is
# a quarter of the figure: they are repeated at least SMALL_REPEAT times.
SMALL_REPEAT=${BENCH_SMALL_REPEAT:-5}
# Rounds of the scaling measurement (see "Scaling" below).
SCALE_ROUNDS=${BENCH_SCALE_ROUNDS:-3}
CARDLINT=${CARDLINT:-$builddir/cardlint}
XMLLINT=${XMLLINT:-xmllint}
RULES=$srcdir/rules
BASE_REV=${BENCH_BASE_REV-2039a76}
TEMPLATES=$srcdir/fixtures/pages
RESULTS=${BENCH_RESULTS:-$srcdir/bench/RESULTS.md}
NOW=2026-11-22
COLD_FIXTURE=$TEMPLATES/000_cf106a8f77e2ba01.html
COLD_RUNS=20
# Every corpus rule of the catalogue (corpus: true), so that a rule added
# later cannot turn the per-page runs into corpus runs unseen.
# corpus_ids CATALOG: the ids of its corpus rules, comma-separated.
corpus_ids() {
	awk '/^  - id: /{id=$3} /^    corpus: true/{printf "%s%s", sep, id; sep=","}' "$1"
}
IGNORE=$(corpus_ids "$srcdir/rules/catalog.yaml")
[ -n "$IGNORE" ] || IGNORE='price.*,context.conflict,bench.conflict,date.conflict,spec.*,drift.*,coverage.*'

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

[ -x "$CARDLINT" ] || die "no cardlint binary at $CARDLINT (run make first)"
[ -d "$TEMPLATES" ] || die "no template directory $TEMPLATES"

if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work" || die "cannot create $work"
	keep=1
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/cardlint-bench.XXXXXX") || die "mktemp failed"
	keep=0
fi
work=$(cd "$work" && pwd) || die "cannot enter the work directory"
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2086
$CC -std=c11 $CFLAGS -o "$work/gen" "$srcdir/bench/gen.c" || die "cannot build gen"
# shellcheck disable=SC2086
$CC -std=c11 $CFLAGS -o "$work/rusage" "$srcdir/bench/rusage.c" || die "cannot build rusage"
RU=$work/rusage
# htmlparse: libxml2's tree and SAX interfaces timed on the same files
have_hp=0
xml_cflags=$(pkg-config --cflags libxml-2.0 2>/dev/null)
xml_libs=$(pkg-config --libs libxml-2.0 2>/dev/null)
$CC -std=c11 $CFLAGS $xml_cflags -o "$work/htmlparse" \
    "$srcdir/bench/htmlparse.c" $xml_libs && have_hp=1

have_xmllint=0
command -v "$XMLLINT" >/dev/null 2>&1 && have_xmllint=1

crashed=0
crash_notes=

# measure TAG CMD...: run CMD $reps times (default $REPEAT) under rusage with
# stdout to $work/TAG.out; sets t_TAG (best wall seconds), cpu_TAG (user+sys
# seconds of that run), rss_TAG (largest peak RSS, KB) and st_TAG.  Statuses
# listed in $ok_status (default 0) are fine, anything else counts as a crash.
measure() {
	tag=$1
	shift
	best='' bcpu='' brss=0 bst=0
	r=0
	while [ "$r" -lt "${reps:-${size_reps:-$REPEAT}}" ]; do
		r=$((r + 1))
		rm -f "$work/$tag.ru" "$work/$tag.out"
		# The last run's report (hundreds of MB at 100k pages) is
		# written back to disk now, not during this run's timing.
		sync
		"$RU" -o "$work/$tag.ru" "$@" >"$work/$tag.out" 2>"$work/$tag.err"
		w=0 k=0 s=127 u=0 y=0
		[ -s "$work/$tag.ru" ] && read -r w k s u y <"$work/$tag.ru"
		case " ${ok_status:-0} " in
		*" $s "*) ;;
		*)
			crashed=1
			bst=$s
			crash_notes="$crash_notes
- \`$tag\` at $cur_n pages exited with status $s: $(head -c 300 "$work/$tag.err" | tr '\n' ' ')"
			say "  !! $tag: status $s $(head -c 300 "$work/$tag.err")"
			;;
		esac
		[ "$k" -gt "$brss" ] && brss=$k
		if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$w
			bcpu=$(awk -v u="$u" -v y="$y" 'BEGIN { printf "%.2f", u + y }')
		fi
	done
	eval "t_$tag=\$best cpu_$tag=\$bcpu rss_$tag=\$brss st_$tag=\$bst"
}

# summary_of TAG: "E/W/I" from the JSON report in $work/TAG.out
summary_of() {
	tail -n 8 "$work/$1.out" | awk -F'[:,]' '
		/"error"/ {e=$2+0} /"warning"/ {w=$2+0} /"info"/ {i=$2+0}
		END {printf "%d / %d / %d", e, w, i}'
}

fdiv() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b+0 == 0) print "n/a"; else printf f, a / b }'; }
mark() { # mark EXPR-VALUE OP LIMIT -> met / NOT met
	awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
		if (v == "n/a") { print "n/a"; exit }
		ok = (op == "<=") ? (v + 0 <= l + 0) : (op == "<") ? (v + 0 < l + 0) : (v + 0 >= l + 0)
		print ok ? "met" : "**NOT met**" }'
}

uname_a=$(uname -a)
ncpu=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
[ -n "$cpu" ] || cpu=unknown
mem=$(awk '/^MemTotal:/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo 2>/dev/null)
started=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
version=$("$CARDLINT" --version 2>/dev/null)
xmlver=$("$XMLLINT" --version 2>&1 | head -n 1)

say "cardlint bench: sizes $SIZES, seed $SEED, work dir $work"

# The base build (BENCH_BASE_REV): its own rules, its own corpus rules to
# leave out of the per-page runs.
have_base=0
base_note=
if [ -n "$BASE_REV" ]; then
	say "building the base $BASE_REV in $work/base"
	rm -rf "$work/base"
	mkdir -p "$work/base"
	if git -C "$srcdir" archive "$BASE_REV" 2>"$work/base.log" |
	    tar -x -C "$work/base" &&
	    (cd "$work/base" && ./autogen.sh && ./configure &&
	    make -j"$ncpu" cardlint) >>"$work/base.log" 2>&1; then
		have_base=1
		base_name=$(git -C "$srcdir" rev-parse --short "$BASE_REV")
		BASE_IGNORE=$(corpus_ids "$work/base/rules/catalog.yaml")
	else
		base_note="the base $BASE_REV could not be built (no git checkout?): no comparison"
		say "  $base_note"
	fi
fi
say "machine: $uname_a; $ncpu cores; $cpu"

body=$work/body.md
: >"$body"
scaling=$work/scaling.txt
: >"$scaling"
: >"$work/report-bytes.txt"
targets=$work/targets.md
: >"$targets"
first_n=
last_n=
corpora=

for n in $SIZES; do
	cur_n=$n
	size_reps=$REPEAT
	[ "$n" -lt 20000 ] && [ "$SMALL_REPEAT" -gt "$REPEAT" ] && size_reps=$SMALL_REPEAT
	corpus=$work/corpus-$n
	rm -rf "$corpus"
	say ""
	say "== $n pages: generating in $corpus"
	gline=$("$work/gen" -q $GENFLAGS -m "$work/manifest-$n.tsv" "$corpus" "$n" "$SEED" "$TEMPLATES") ||
		die "gen failed for $n pages"
	say "  $gline"
	set -- $gline
	g_html=$4 g_txt=$6 g_bytes=$8 g_hbytes=${10} g_tbytes=${12} g_models=${14}
	g_aprice=${16} g_aphrase=${18} g_atrunc=${20}

	common="check --rules $RULES --now $NOW --fail-on never --quiet --format json"
	say "  (a) per-page rules, -j1"
	measure a "$CARDLINT" $common -j1 --ignore "$IGNORE" "$corpus"
	sum_a=$(summary_of a)
	rm -f "$work/a.out"
	say "  (b) per-page rules, -j2"
	measure b "$CARDLINT" $common -j2 --ignore "$IGNORE" "$corpus"
	sum_b=$(summary_of b)
	rm -f "$work/b.out"
	say "  (c) all rules including corpus rules, -j2"
	measure c "$CARDLINT" $common -j2 "$corpus"
	sum_c=$(summary_of c)
	# anomaly detection, from the full report: file<TAB>rule pairs
	awk '/^    \{/ {r = ""} /^      "rule": / {r = $2} /^      "file": / {f = $2; gsub(/[",]/, "", r); gsub(/[",]/, "", f); print f "\t" r}' \
		"$work/c.out" | sort -u >"$work/c.pairs"
	c_bytes=$(wc -c <"$work/c.out")
	rm -f "$work/c.out"
	# (h) the machine's own cost of writing that many bytes to a file:
	# on a VM the page cache's cost per byte grows with the size
	say "  (h) dd, as many bytes as the report of (c)"
	measure w dd if=/dev/zero of="$work/w.bin" bs=65536 \
	    count=$(( (c_bytes + 65535) / 65536 )) status=none
	rm -f "$work/w.bin"
	say "  HTML subset, per-page rules, -j1"
	measure h "$CARDLINT" $common -j1 --ignore "$IGNORE" "$corpus/html"
	say "  text subset, per-page rules, -j1"
	measure t "$CARDLINT" $common -j1 --ignore "$IGNORE" "$corpus/txt"
	base_md=
	if [ "$have_base" = 1 ] && [ -z "$first_n" ]; then
		bcommon="check --rules $work/base/rules --now $NOW --fail-on never --quiet --format json"
		say "  (a) and text subset with the base $base_name"
		measure A "$work/base/cardlint" $bcommon -j1 --ignore "$BASE_IGNORE" "$corpus"
		measure T "$work/base/cardlint" $bcommon -j1 --ignore "$BASE_IGNORE" "$corpus/txt"
		rm -f "$work/A.out" "$work/T.out"
		base_a=$(fdiv "$t_a" "$t_A")
		base_t=$(fdiv "$t_t" "$t_T")
		m_base_a=$(mark "$base_a" "<=" 1.10)
		m_base_t=$(mark "$base_t" "<=" 1.10)
		base_mbs=$(awk -v b="$g_tbytes" -v t="$t_T" 'BEGIN { if (t + 0 == 0) print "n/a"; else printf "%.1f", b / t / 1e6 }')
		base_md="| per-page cost against the base $base_name, (a) per-page rules -j1: ${t_a} s / ${t_A} s | ${base_a}x | <= 1.10x | $m_base_a |
| per-page cost against the base $base_name, text subset -j1: ${t_t} s / ${t_T} s (the base: $base_mbs MB/s) | ${base_t}x | <= 1.10x | $m_base_t |"
	fi
	if [ "$have_xmllint" = 1 ]; then
		say "  (d) xmllint --html --noout, HTML subset"
		# xargs exits 123 when some xmllint call reported parse errors: fine
		ok_status="0 123"
		measure x sh -c \
			'find "$1" -type f -name "*.html" | xargs "$2" --html --noout 2>/dev/null' \
			sh "$corpus/html" "$XMLLINT"
		ok_status=0
	else
		t_x=n/a rss_x=0 cpu_x=n/a
	fi
	# The machine's own parallel ceiling: the same work twice at once, in
	# two processes that share nothing but the hardware.  On a VM whose
	# two vCPUs are hyperthreads of one core (or share a cache and
	# memory bandwidth) this is well under 2, and no -j2 can beat it.
	say "  (e) two cardlint -j1 at once, per-page rules"
	measure e sh -c '"$1" $2 -j1 --ignore "$3" "$4" >"$5.1" &
		"$1" $2 -j1 --ignore "$3" "$4" >"$5.2"; s=$?; wait $! || s=$?; exit $s' \
		sh "$CARDLINT" "$common" "$IGNORE" "$corpus" "$work/e.out"
	rm -f "$work/e.out.1" "$work/e.out.2"
	if [ "$have_xmllint" = 1 ]; then
		say "  (f) two xmllint at once, HTML subset"
		ok_status="0 123"
		measure f sh -c \
			'find "$1" -type f -name "*.html" | xargs "$2" --html --noout 2>/dev/null &
			find "$1" -type f -name "*.html" | xargs "$2" --html --noout 2>/dev/null; wait' \
			sh "$corpus/html" "$XMLLINT"
		ok_status=0
	else
		t_f=n/a
	fi
	rm -f "$work"/?.out
	# (g) the HTML parse interfaces, on the smallest corpus only (it
	# holds every page in memory)
	hp_md=
	if [ "$have_hp" = 1 ] && [ -z "$first_n" ]; then
		say "  (g) libxml2 interfaces on the HTML subset: tree + walk, parse only, SAX"
		find "$corpus/html" -type f -name '*.html' | sort |
			"$work/htmlparse" - >"$work/hp.txt" 2>&1 || crashed=1
		hp_tree=$(awk '$1 == "tree" {print $2}' "$work/hp.txt")
		hp_parse=$(awk '$1 == "parse" {print $2}' "$work/hp.txt")
		hp_sax=$(awk '$1 == "sax" {print $2}' "$work/hp.txt")
		hp_ratio=$(fdiv "$hp_sax" "$hp_tree")
		hp_md="
HTML parse interfaces, libxml2 on the same $g_html files held in memory (\`bench/htmlparse.c\`, best of 3 rounds, one core), with cardlint's parse options:

| way | s | MB/s | / tree + walk |
|---|---|---|---|
| tree + walk: \`htmlCtxtReadMemory\`, a walk over every node, \`xmlFreeDoc\` (what cardlint did before it read SAX events) | $hp_tree | $(awk -v b="$g_hbytes" -v t="$hp_tree" 'BEGIN { if (t + 0 == 0) print "n/a"; else printf "%.1f", b / t / 1e6 }') | 1.00 |
| tree, no walk (what \`xmllint --html --noout\` does) | $hp_parse | $(awk -v b="$g_hbytes" -v t="$hp_parse" 'BEGIN { if (t + 0 == 0) print "n/a"; else printf "%.1f", b / t / 1e6 }') | $(fdiv "$hp_parse" "$hp_tree") |
| SAX, handlers that only count elements and text bytes (no tree; the floor of cardlint's SAX reading) | $hp_sax | $(awk -v b="$g_hbytes" -v t="$hp_sax" 'BEGIN { if (t + 0 == 0) print "n/a"; else printf "%.1f", b / t / 1e6 }') | $hp_ratio |
"
		say "| $n pages: libxml2 SAX (handlers counting only) / tree + walk, HTML subset | $hp_ratio | (informational) | cardlint reads HTML through SAX |" >>"$work/hp-target.md"
	fi

	# anomaly recall: does the full run flag the injected anomalies?
	recall=$(awk -F'\t' '
		NR == FNR { seen[$1 "\t" $2] = 1; next }
		FNR == 1 { next }
		$6 == "price" { np++; if (seen[$1 "\tprice.implausible"] || seen[$1 "\tprice.unit-suspect"] || seen[$1 "\tprice.inconsistent"] || seen[$1 "\tprice.ratio"]) hp++ }
		$6 == "phrase" { nq++; if (seen[$1 "\tscrape.template-leak"]) hq++ }
		$6 == "truncated" { nt++; if (seen[$1 "\tscrape.truncated"]) ht++ }
		END { printf "%d/%d %d/%d %d/%d", hp, np, hq, nq, ht, nt }' \
		"$work/c.pairs" "$work/manifest-$n.tsv")
	set -- $recall
	rec_price=$1 rec_phrase=$2 rec_trunc=$3
	rm -f "$work/c.pairs"

	mb=$(fdiv "$g_bytes" 1000000 %.1f)
	hmb=$(fdiv "$g_hbytes" 1000000 %.1f)
	tmb=$(fdiv "$g_tbytes" 1000000 %.1f)
	row() { # row LABEL TAG PAGES BYTES SUMMARY
		eval "tt=\$t_$2 rr=\$rss_$2 cc=\$cpu_$2"
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
			"$(fdiv "$tt" 1 %.2f)" "$cc" "$(fdiv "$3" "$tt" %.0f)" \
			"$(awk -v b="$4" -v t="$tt" 'BEGIN { if (t + 0 == 0) print "n/a"; else printf "%.1f", b / t / 1e6 }')" \
			"$(fdiv "$rr" 1024 %.1f)" "$5"
	}
	ratio_hx=$(fdiv "$t_h" "$t_x")
	speedup=$(fdiv "$t_a" "$t_b")
	ceil_c=$(awk -v a="$t_a" -v e="$t_e" 'BEGIN { if (e + 0 == 0) print "n/a"; else printf "%.2f", 2 * a / e }')
	ceil_x=$(awk -v a="$t_x" -v e="$t_f" 'BEGIN { if (a == "n/a" || e == "n/a" || e + 0 == 0) print "n/a"; else printf "%.2f", 2 * a / e }')
	eff=$(awk -v s="$speedup" -v c="$ceil_c" 'BEGIN { if (c == "n/a" || c + 0 == 0) print "n/a"; else printf "%.0f", 100 * s / c }')
	text_mbs=$(awk -v b="$g_tbytes" -v t="$t_t" 'BEGIN { if (t + 0 == 0) print "n/a"; else printf "%.1f", b / t / 1e6 }')
	rss_pp=$rss_a
	[ "$rss_b" -gt "$rss_pp" ] && rss_pp=$rss_b
	rss_pp_mb=$(fdiv "$rss_pp" 1024 %.1f)
	rss_c_mb=$(fdiv "$rss_c" 1024 %.1f)
	corpus_limit=$(awk -v n="$n" 'BEGIN { printf "%.1f", 64 + 2 * n / 1024 }')
	if [ "$ncpu" = 1 ]; then m_speed="n/a (1 core)"; else m_speed=$(mark "$speedup" ">=" 1.8); fi
	m_hx=$(mark "$ratio_hx" "<=" 1.5)
	m_text=$(mark "$text_mbs" ">=" 50)
	m_rpp=$(mark "$rss_pp_mb" "<=" 64)
	m_rc=$(mark "$rss_c_mb" "<=" "$corpus_limit")
	# The corpus stage: what the full run (c) costs over the per-page
	# run at the same -j (b); the report: bytes per page.
	share=$(awk -v b="$t_b" -v c="$t_c" 'BEGIN { if (c + 0 == 0) print "n/a"; else { v = 100 * (c - b) / c; if (v < 0) v = 0; printf "%.0f", v } }')
	m_share=$(mark "$share" "<=" 25)
	# The same on CPU time, steadier on a shared host.
	share_cpu=$(awk -v b="$cpu_b" -v c="$cpu_c" 'BEGIN { if (c + 0 == 0) print "n/a"; else { v = 100 * (c - b) / c; if (v < 0) v = 0; printf "%.0f", v } }')
	c_bpp=$(fdiv "$c_bytes" "$n" %.0f)
	echo "$n $c_bytes" >>"$work/report-bytes.txt"

	{
		say ""
		say "## $n pages"
		say ""
		say "Corpus: $n pages ($g_html HTML, $g_txt text), $mb MB (HTML $hmb MB, text $tmb MB), $g_models distinct models; injected anomalies: $g_aprice output price x1000, $g_aphrase template phrase, $g_atrunc truncated."
		say ""
		say "| run | wall s | CPU s | pages/s | MB/s | peak RSS MB | findings error / warning / info |"
		say "|---|---|---|---|---|---|---|"
		row "(a) per-page rules, -j1" a "$n" "$g_bytes" "$sum_a"
		row "(b) per-page rules, -j2" b "$n" "$g_bytes" "$sum_b"
		row "(c) all rules incl. corpus rules, -j2" c "$n" "$g_bytes" "$sum_c"
		row "HTML subset, per-page rules, -j1" h "$g_html" "$g_hbytes" ""
		row "text subset, per-page rules, -j1" t "$g_txt" "$g_tbytes" ""
		if [ "$have_xmllint" = 1 ]; then
			row "(d) xmllint --html --noout, HTML subset" x "$g_html" "$g_hbytes" ""
		fi
		row "(h) dd writing as many bytes as (c)'s report, $(fdiv "$c_bytes" 1000000 %.0f) MB" w 0 "$c_bytes" ""
		row "(e) two runs of (a) at once, separate processes" e "$((2 * n))" "$((2 * g_bytes))" ""
		if [ "$have_xmllint" = 1 ]; then
			row "(f) two runs of (d) at once" f "$((2 * g_html))" "$((2 * g_hbytes))" ""
		fi
		say ""
		say "| measure | value | target | |"
		say "|---|---|---|---|"
		say "| cardlint / xmllint on the HTML subset (-j1) | ${ratio_hx}x | <= 1.5x | $m_hx |"
		say "| text subset MB/s per core (-j1) | $text_mbs | >= 50 | $m_text |"
		say "| -j2 speedup over -j1, per-page rules | ${speedup}x | >= 1.8x | $m_speed |"
		say "| the machine's ceiling for two workers: 2 x (a) / (e), cardlint; 2 x (d) / (f), xmllint | ${ceil_c}x; ${ceil_x}x | (informational) | -j2 reaches ${eff} % of the cardlint ceiling |"
		say "| peak RSS, per-page mode (max of a, b) | $rss_pp_mb MB | <= 64 MB | $m_rpp |"
		say "| peak RSS, corpus mode (c) | $rss_c_mb MB | <= 64 MB + 2 KB/page = $corpus_limit MB | $m_rc |"
		say "| corpus stage share of the full run: ((c) - (b)) / (c), wall (CPU) | $share % ($share_cpu %) | <= 25 % | $m_share |"
		say "| report of (c) | $(fdiv "$c_bytes" 1000000 %.1f) MB, $c_bpp bytes/page | linear in pages | (see the targets) |"
		[ -n "$base_md" ] && say "$base_md"
		say ""
		say "Injected anomalies flagged by the full run (c): output price x1000 $rec_price (price.implausible, .unit-suspect, .inconsistent or .ratio on the page), template phrase $rec_phrase (scrape.template-leak), truncated $rec_trunc (scrape.truncated)."
		[ -n "$hp_md" ] && say "$hp_md"
	} >>"$body"
	{
		say "| $n pages: cardlint / xmllint, HTML | ${ratio_hx}x | <= 1.5x | $m_hx |"
		say "| $n pages: text MB/s per core | $text_mbs | >= 50 | $m_text |"
		say "| $n pages: -j2 / -j1 speedup | ${speedup}x | >= 1.8x | $m_speed |"
		say "| $n pages: two-process ceiling of this machine (cardlint; xmllint) | ${ceil_c}x; ${ceil_x}x | (informational) | -j2 at ${eff} % of it |"
		say "| $n pages: peak RSS per-page mode | $rss_pp_mb MB | <= 64 MB | $m_rpp |"
		say "| $n pages: peak RSS corpus mode | $rss_c_mb MB | <= $corpus_limit MB | $m_rc |"
		say "| $n pages: corpus stage share of the full run, ((c) - (b)) / (c), wall (CPU) | $share % ($share_cpu %) | <= 25 % | $m_share |"
		[ -n "$base_md" ] && say "$base_md" | sed "s/^| per-page/| $n pages: per-page/"
		[ -s "$work/hp-target.md" ] && cat "$work/hp-target.md"
		rm -f "$work/hp-target.md"
	} >>"$targets"
	printf '%s %s %s %s %s %s %s\n' "$n" "$t_a" "$t_b" "$t_c" "$t_h" "$t_t" "$t_w" >>"$scaling"
	[ -n "$first_n" ] || first_n=$n
	last_n=$n
	say "  a ${t_a}s b ${t_b}s c ${t_c}s html ${t_h}s text ${t_t}s xmllint ${t_x}s; RSS a ${rss_a} b ${rss_b} c ${rss_c} KB"
	corpora="$corpora $corpus"
done

# cold start: COLD_RUNS runs on one page
cur_n=1
say ""
say "== cold start: $COLD_RUNS runs on $(basename "$COLD_FIXTURE")"
: >"$work/cold.txt"
reps=1
i=0
while [ "$i" -lt "$COLD_RUNS" ]; do
	measure cold "$CARDLINT" check --rules "$RULES" --now "$NOW" --fail-on never --quiet "$COLD_FIXTURE"
	echo "$t_cold" >>"$work/cold.txt"
	i=$((i + 1))
done
reps=
cold=$(sort -n "$work/cold.txt" | awk '{v[NR] = $1 * 1000} END {
	m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "%.1f %.1f %.1f", m, v[1], v[NR] }')
set -- $cold
cold_med=$1 cold_min=$2 cold_max=$3
m_cold=$(mark "$cold_med" "<" 30)
say "  median ${cold_med} ms (min $cold_min, max $cold_max)"

# Catalogues (#21): a LiteLLM-shaped price map of the real map's size
# (about 2,500 entries, 1 MB) and a generated large one, every rule on,
# one catalogue per run (--source litellm).  Entries per second is
# entries / best wall time.
cat_md=
if $CC -std=c11 $CFLAGS -o "$work/gencat" "$srcdir/bench/gencat.c"; then
	for n in $CAT_SIZES; do
		cur_n=$n
		say ""
		say "== catalogue of $n entries"
		cline=$("$work/gencat" "$work/cat-$n.json" "$n" "$SEED") ||
			die "gencat failed for $n entries"
		say "  $cline"
		set -- $cline
		c_bytes=$4 c_anom=$8
		size_reps=$REPEAT
		[ "$n" -lt 20000 ] && [ "$SMALL_REPEAT" -gt "$REPEAT" ] &&
			size_reps=$SMALL_REPEAT
		measure k "$CARDLINT" check --rules "$RULES" --now "$NOW" \
		    --fail-on never --quiet --format json -j1 --max-size 1000M \
		    --source litellm "$work/cat-$n.json"
		sum_k=$(summary_of k)
		rm -f "$work/k.out" "$work/cat-$n.json"
		eps=$(fdiv "$n" "$t_k" %.0f)
		say "  $t_k s, $eps entries/s, peak RSS $rss_k KB, findings $sum_k"
		cat_md="$cat_md
| $n | $(fdiv "$c_bytes" 1000000 %.1f) | $c_anom | $t_k | $cpu_k | $eps | $(fdiv "$rss_k" 1024 %.0f) | $sum_k |"
		if [ "$n" = "${CAT_SIZES%% *}" ]; then
			m_cat=$(mark "$t_k" "<" 1)
			echo "| catalogue of $n entries (real size), every rule, -j1 | $t_k s ($eps entries/s) | < 1 s | $m_cat |" >>"$targets"
		fi
	done
	size_reps=
else
	say "bench: cannot build gencat; no catalogue figures"
fi

# Scaling between the smallest and the largest size, in rounds: each
# round times (a) and (c) on the small corpus and right after on the
# large one, so that both figures of a ratio come from the same minutes
# of a shared host (best-of figures from runs minutes apart do not).
# The target figure is the median of the rounds' ratios.
scale_md=
if [ -n "$first_n" ] && [ "$first_n" != "$last_n" ]; then
	limit=$(awk -v a="$first_n" -v b="$last_n" 'BEGIN { printf "%.3g", 1.1 * b / a }')
	say ""
	say "== scaling: $SCALE_ROUNDS rounds of (a) and (c), $first_n then $last_n pages"
	reps=1
	: >"$work/rounds.txt"
	# (not r: measure() counts its runs in r)
	round=1
	while [ "$round" -le "$SCALE_ROUNDS" ]; do
		line=$round
		for tag in a c; do
			for n in "$first_n" "$last_n"; do
				cur_n=$n
				if [ "$tag" = a ]; then
					measure s "$CARDLINT" $common -j1 --ignore "$IGNORE" "$work/corpus-$n"
				else
					measure s "$CARDLINT" $common -j2 "$work/corpus-$n"
				fi
				line="$line $t_s"
				rm -f "$work/s.out"
			done
		done
		say "  round $round: $line"
		echo "$line" >>"$work/rounds.txt"
		round=$((round + 1))
	done
	reps=
	median() { sort -n | awk '{v[NR] = $1} END { if (NR == 0) print "n/a"; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
	med_a=$(awk '{ printf "%.4f\n", $3 / $2 }' "$work/rounds.txt" | median)
	med_c=$(awk '{ printf "%.4f\n", $5 / $4 }' "$work/rounds.txt" | median)
	m_a=$(mark "$med_a" "<=" "$limit")
	m_c=$(mark "$med_c" "<=" "$limit")
	scale_md="$SCALE_ROUNDS rounds; in each, (a) per-page rules at -j1 and (c) all rules at -j2 ran on the $first_n-page corpus and right after on the $last_n-page one (one run each); target <= ${limit}x (1.1 x the size ratio), on the median of the rounds' ratios.

| round | (a) $first_n s | (a) $last_n s | (a) ratio | (c) $first_n s | (c) $last_n s | (c) ratio |
|---|---|---|---|---|---|---|
$(awk '{ printf "| %d | %.2f | %.2f | %.2fx | %.2f | %.2f | %.2fx |\n", $1, $2, $3, $3 / $2, $4, $5, $5 / $4 }' "$work/rounds.txt")
| median | | | **${med_a}x**: $m_a | | | **${med_c}x**: $m_c |

The best-of figures of the size tables, for comparison (taken minutes apart, $REPEAT runs at $last_n pages and ${SMALL_REPEAT} at $first_n):

| run | $first_n pages s | $last_n pages s | time ratio |
|---|---|---|---|"
	f=$(sed -n 1p "$scaling")
	l=$(sed -n '$p' "$scaling")
	k=2
	for label in "(a) per-page rules, -j1" "(b) per-page rules, -j2" "(c) all rules, -j2" "HTML subset, -j1" "text subset, -j1" "(h) dd of (c)'s report size (the machine, not cardlint)"; do
		t0=$(echo "$f" | awk -v k="$k" '{print $k}')
		t1=$(echo "$l" | awk -v k="$k" '{print $k}')
		scale_md="$scale_md
| $label | $(fdiv "$t0" 1 %.3f) | $(fdiv "$t1" 1 %.3f) | $(fdiv "$t1" "$t0")x |"
		k=$((k + 1))
	done
	echo "| $last_n/$first_n time ratio, (a) per-page rules, -j1 (median of $SCALE_ROUNDS rounds) | ${med_a}x | <= ${limit}x | $m_a |" >>"$targets"
	echo "| $last_n/$first_n time ratio, (c) all rules, -j2 (median of $SCALE_ROUNDS rounds) | ${med_c}x | <= ${limit}x | $m_c |" >>"$targets"
	rb0=$(awk -v n="$first_n" '$1 == n {print $2}' "$work/report-bytes.txt")
	rb1=$(awk -v n="$last_n" '$1 == n {print $2}' "$work/report-bytes.txt")
	rb_ratio=$(fdiv "$rb1" "$rb0")
	m_rb=$(mark "$rb_ratio" "<=" "$limit")
	echo "| $last_n/$first_n report size ratio, (c) ($(fdiv "$rb0" 1000000 %.1f) MB to $(fdiv "$rb1" 1000000 %.1f) MB) | ${rb_ratio}x | <= ${limit}x (linear) | $m_rb |" >>"$targets"
fi
[ "$keep" = 1 ] || rm -rf $corpora
echo "| cold start median, one page | $cold_med ms | < 30 ms | $m_cold |" >>"$targets"

{
	say "# cardlint benchmark results"
	say ""
	say "Generated by \`make bench\` (bench/run.sh); do not edit by hand, rerun to regenerate."
	say "Timings are informational: they never decide whether a test passes."
	say ""
	say "- date: $started"
	say "- machine: \`$uname_a\`"
	say "- cores (nproc): $ncpu; CPU: $cpu; memory: ${mem:-unknown}"
	say "- cardlint: $version; xmllint: ${xmlver:-not installed}"
	if [ "$POPULAR" = 1 ]; then
		say "- models: popular (\`gen -z\`): a Zipf-like share of pages per model (P(n) ~ 1/n over N/5 models: at 10k pages the first model is on about 1,200 pages, most on one or two), related-model cards repeated on every page of their template's site"
	else
		say "- models: uniform (BENCH_POPULAR=0): every model on about five pages"
	fi
	say "- corpus: \`bench/gen.c\`, seed $SEED, sizes $SIZES; templates: the seed, clean and generic pages of fixtures/pages (.txt and .html); model names, prices (one factor per page) and dates (one shift per page) varied; about 5 % of the pages with an anomaly"
	say "- per-page runs: \`cardlint check --now $NOW --fail-on never --quiet --format json -jN --ignore '$IGNORE' DIR\`; the full run drops \`--ignore\`; reports go to a file in the work directory"
	say "- xmllint: \`find DIR/html -name '*.html' | xargs xmllint --html --noout 2>/dev/null\` (one process per xargs batch, one core)"
	say "- wall time, CPU time (user + sys) and peak RSS (ru_maxrss of the child) from \`bench/rusage.c\`; \`sync\` before every run, so that an earlier report's write-back is not timed; each figure is the fastest of $REPEAT runs, of $SMALL_REPEAT below 20k pages (peak RSS: the largest); page cache warm (the corpus was just written)"
	say "- scaling: $SCALE_ROUNDS rounds, each running (a) and (c) once on the smallest and right after on the largest corpus; the ratio is the median of the rounds' ratios (see Scaling)"
	say "- ceiling: (e) and (f) run the same work twice at once in two processes that share nothing; 2 x single time / pair time is the most any two workers get from this machine (1.0 = one core's worth, 2.0 = two full cores)"
	if [ "$have_base" = 1 ]; then
		say "- base: \`$base_name\` (BENCH_BASE_REV, the tree before the generic reader of issue #17), built from git in the work directory with its own rules; on the smallest corpus (a) and the text subset are also timed with it, in this run, against the same pages (its own corpus rules left out)"
	elif [ -n "$base_note" ]; then
		say "- base: $base_note"
	fi
	say "- targets: HTML <= 1.5x xmllint, text >= 50 MB/s per core, -j2 >= 1.8x -j1, time(100k)/time(10k) <= 11x for the full run and the report size, corpus stage <= 25 % of the full run, peak RSS <= 64 MB per-page mode and <= 64 MB + 2 KB/page corpus mode, cold start median < 30 ms, per-page cost at most 1.10x the base's"
	say ""
	say "## Targets"
	say ""
	say "| target | value | limit | |"
	say "|---|---|---|---|"
	cat "$targets"
	cat "$body"
	if [ -n "$scale_md" ]; then
		say ""
		say "## Scaling"
		say ""
		say "$scale_md"
	fi
	if [ -n "$cat_md" ]; then
		say ""
		say "## Catalogues"
		say ""
		say "\`bench/gencat.c\` (seed $SEED) writes a catalogue in the layout of LiteLLM's \`model_prices_and_context_window.json\`: every model at eight of 24 providers, about 1 % of the entries with a planted slip (1e5, per 1K as per token, output above the context). \`cardlint check --now $NOW --fail-on never --quiet --format json -j1 --max-size 1000M --source litellm FILE\`, every rule; fastest of $REPEAT runs ($SMALL_REPEAT below 20k entries)."
		say ""
		say "| entries | MB | planted | wall s | CPU s | entries/s | peak RSS MB | E / W / I |"
		say "|---|---|---|---|---|---|---|---|$cat_md"
	fi
	say ""
	say "## Cold start"
	say ""
	say "$COLD_RUNS runs of \`cardlint check --now $NOW --fail-on never --quiet fixtures/pages/$(basename "$COLD_FIXTURE")\`: median $cold_med ms (min $cold_min, max $cold_max); target < 30 ms: $m_cold."
	if [ "$crashed" = 1 ]; then
		say ""
		say "## Crashes"
		say "$crash_notes"
	fi
} >"$work/RESULTS.md"

cp "$work/RESULTS.md" "$RESULTS" || die "cannot write $RESULTS"
say ""
cat "$RESULTS"
say ""
say "bench: wrote $RESULTS"
if [ "$crashed" = 1 ]; then
	say "bench: something crashed (see above)"
	exit 1
fi
exit 0
