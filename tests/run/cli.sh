#!/bin/sh
# Exit codes and one-line errors of the command line, as cli.md says:
# 0 nothing at or above --fail-on, 1 something, 2 usage/config/rules.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# expect NAME CODE [STDERR-LINES] -- ARGS...
expect() {
	name=$1 want=$2 lines=$3
	shift 4
	"$CL" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	n=$(wc -l <"$tmp/err")
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: $name: exit $got, expected $want"; cat "$tmp/err"
		fail=$((fail + 1))
	elif [ "$lines" != - ] && [ "$n" -ne "$lines" ]; then
		echo "FAIL: $name: $n stderr lines, expected $lines"
		cat "$tmp/err"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

R="--rules rules --now 2026-11-22"
clean=fixtures/pages/llmref_clean_llama.txt
expect "clean page" 0 1 -- check $R $clean
expect "error finding" 1 1 -- check $R fixtures/pages/003_328e5b916ed2f340.txt
expect "warning, default fail-on" 0 1 -- check $R fixtures/pages/000_cf106a8f77e2ba01.txt
expect "warning, fail-on warning" 1 1 -- check $R --fail-on warning fixtures/pages/000_cf106a8f77e2ba01.txt
expect "fail-on never" 0 1 -- check $R --fail-on never fixtures/pages/003_328e5b916ed2f340.txt
expect "info, fail-on info" 1 1 -- check $R --fail-on info --select date.stale-snapshot fixtures/pages/003_328e5b916ed2f340.txt
expect "ignored error" 0 1 -- check $R --ignore 'price.*' fixtures/pages/003_328e5b916ed2f340.txt
expect "unknown option" 2 2 -- check $R --bogus $clean
expect "unknown rule in --select" 2 1 -- check $R --select price.nonesuch $clean
expect "glob matching nothing" 2 1 -- check $R --ignore 'nosuch.*' $clean
expect "bad --fail-on" 2 1 -- check $R --fail-on sometimes $clean
expect "bad --now" 2 1 -- check --rules rules --now 2026-02-30 $clean
expect "no paths" 2 1 -- check $R
expect "bad format" 2 1 -- check $R --format yaml $clean
expect "missing file" 1 1 -- check $R fixtures/pages/no-such-page.txt
expect "too large" 0 1 -- check $R --max-size 100 $clean
expect "explain" 0 0 -- explain --rules rules price.ratio
expect "explain unknown" 2 1 -- explain --rules rules price.nonesuch
expect "rules" 0 0 -- rules --rules rules

printf 'fail-on: sometimes\n' >"$tmp/bad1.yaml"
expect "broken config value" 2 1 -- check $R --config "$tmp/bad1.yaml" $clean
printf 'colour: red\n' >"$tmp/bad2.yaml"
expect "unknown config key" 2 1 -- check $R --config "$tmp/bad2.yaml" $clean
printf 'rules: {price.ratio: [\n' >"$tmp/bad3.yaml"
expect "config YAML error" 2 1 -- check $R --config "$tmp/bad3.yaml" $clean
printf 'rules:\n  price.nonesuch: off\n' >"$tmp/bad4.yaml"
expect "config unknown rule" 2 1 -- check $R --config "$tmp/bad4.yaml" $clean
printf 'rules:\n  price.ratio: {params: {nosuch: 3}}\n' >"$tmp/bad5.yaml"
expect "config unknown param" 2 1 -- check $R --config "$tmp/bad5.yaml" $clean
printf 'fail-on: warning\nrules:\n  date.stale-refresh: off\n  spec.model-id-format: info\n  scrape.template-leak: {severity: info}\n' >"$tmp/ok.yaml"
expect "config turns warnings down" 0 1 -- check $R --config "$tmp/ok.yaml" fixtures/pages/000_cf106a8f77e2ba01.txt
printf 'sites:\n  llmstats:\n    rules:\n      price.*: off\n      bench.*: off\n' >"$tmp/site.yaml"
expect "per-site override" 0 1 -- check $R --config "$tmp/site.yaml" fixtures/pages/003_328e5b916ed2f340.txt

mkdir -p "$tmp/rules/sites"
cp rules/knowledge.yaml rules/labels.yaml rules/sites/*.yaml "$tmp/rules/"
mv "$tmp/rules/"*.yaml "$tmp/rules/sites/" 2>/dev/null
mv "$tmp/rules/sites/knowledge.yaml" "$tmp/rules/sites/labels.yaml" "$tmp/rules/"
sed 's/kind: ratio/kind: ratios/' rules/catalog.yaml >"$tmp/rules/catalog.yaml"
expect "broken rule file" 2 1 -- check --rules "$tmp/rules" $clean
grep -q 'catalog.yaml:[0-9]*: .*unknown kind' "$tmp/err" && pass=$((pass + 1)) || {
	echo "FAIL: rule file error does not name file:line"; cat "$tmp/err"
	fail=$((fail + 1)); }
sed 's/kind: ratio$/kind: ratio/' rules/catalog.yaml >"$tmp/rules/catalog.yaml"
printf 'id: hostile\ndetect: {any: ["(a+)+$"]}\nextract:\n  - match: "^(?<model_name>(a|aa)+)+$"\n' \
    >"$tmp/rules/sites/hostile.yaml"
printf '%070d!\n' 0 | tr 0 a >"$tmp/aaa.txt"
expect "catastrophic regex is bounded" 1 1 -- check --rules "$tmp/rules" --now 2026-11-22 "$tmp/aaa.txt"

grep -q 'PCRE2 match limit.*\[scrape.limit\]' "$tmp/out" && pass=$((pass + 1)) || {
	echo "FAIL: the regex limit is not reported as scrape.limit"; cat "$tmp/out"
	fail=$((fail + 1)); }

# --output: the report lands whole in the file, nothing on stdout.
expect "output file" 1 1 -- check $R --format json --output "$tmp/r.json" fixtures/pages/003_328e5b916ed2f340.txt
if [ -s "$tmp/out" ] || ! grep -q '"tool": "cardlint"' "$tmp/r.json" ||
    ls "$tmp"/r.json.tmp* >/dev/null 2>&1; then
	echo "FAIL: --output wrote stdout, a partial file or left a temp file"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi

# extract --trace and --profile read pages: not with --records or
# --partition; an unknown profile is a usage error.
expect "trace records" 2 1 -- extract $R --trace --records fixtures/refresh/old.jsonl
expect "trace partition" 2 1 -- extract $R --trace --partition 2 --out-dir "$tmp" $clean
expect "unknown profile" 2 1 -- extract $R --profile nosuch $clean
expect "trace" 0 0 -- extract $R --trace --profile generic $clean

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
