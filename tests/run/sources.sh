#!/bin/sh
# Catalogues (--source, #21): broken catalogues give a finding at the
# fault's line and column, or an error with exit 2, never a crash; the
# other catalogue of the run is still linted.  A team's own mapping
# (--source-map) reads its export; a catalogue entry and a page about
# the same model meet in the corpus rules.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
R="--rules rules --now 2026-11-22 --no-color --quiet"
good=fixtures/sources/team_prices.csv

ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }

# row NAME KIND FILE WANT-EXIT WANT-TEXT: FILE linted beside the good
# CSV catalogue; the text report must hold WANT-TEXT and the good
# catalogue's azure finding.
row() {
	name=$1 kind=$2 file=$3 want=$4 text=$5
	shift 5
	timeout 120 "$CL" check $R "$@" --source "$kind:$file" \
	    --source "csv:$good" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ $got -ne "$want" ]; then
		no "$name: exit $got, expected $want"; head -3 "$tmp/err"
		return
	fi
	if ! grep -qF -- "$text" "$tmp/out" "$tmp/err"; then
		no "$name: no '$text'"; head -5 "$tmp/out" "$tmp/err"
		return
	fi
	if [ "$want" != 2 ] && ! grep -q "team_prices.csv:3:14: .*at azure" \
	    "$tmp/out"; then
		no "$name: the other catalogue's findings were lost"
		return
	fi
	ok
}

printf '{"gpt-4o": {"mode": "chat",\n  "input_cost_per_token": 2.5e-06' \
    >"$tmp/trunc.json"
row "truncated JSON" litellm "$tmp/trunc.json" 1 \
    "trunc.json:2:34: error: truncated JSON"
printf '{"gpt-4o": {"mode": "chat", "input_cost_per_token": "0.0000025x"}}' \
    >"$tmp/str.json"
row "a string for a number" litellm "$tmp/str.json" 1 \
    "str.json:1:53: warning: price.input label is followed by '0.0000025x'"
printf 'model,provider,input_per_1m\na,x\n' >"$tmp/short.csv"
row "a short CSV row" csv "$tmp/short.csv" 1 \
    "short.csv:2:4: error: row has 2 cells, the header has 3"
printf '{"model": "gpt-4o", "provider": "x\377y"}\n' >"$tmp/utf8.jsonl"
row "invalid UTF-8" jsonl "$tmp/utf8.jsonl" 1 \
    "utf8.jsonl:1:35: error: malformed JSON: invalid UTF-8"
row "a missing file" litellm "$tmp/nothing.json" 1 \
    "nothing.json:1:1: error: cannot open"
row "an unknown kind" nosuch "$tmp/str.json" 2 \
    "unknown kind 'nosuch'"
row "a kind that is a path" ../etc "$tmp/str.json" 2 \
    "is not a source kind"

# A 100 MB single line: over --max-size it is skipped with io.too-large;
# under a larger limit it is read, and its entry linted.
{
	printf '{"model": "gpt-4o", "provider": "big", "input_per_1m": 0, '
	printf '"pad": "'
	head -c 100000000 /dev/zero | tr '\0' a
	printf '"}\n'
} >"$tmp/big.jsonl"
row "a 100 MB line over --max-size" jsonl "$tmp/big.jsonl" 1 \
    "big.jsonl:1:1: warning: over --max-size"
row "a 100 MB line" jsonl "$tmp/big.jsonl" 1 \
    "big.jsonl:1:56: error: input price is \$0" --max-size 200M
rm -f "$tmp/big.jsonl"

# A team's mapping: semicolons, EUR per 1K, its own column names.
cat >"$tmp/ours.yaml" <<'EOM'
source: ours
format: csv
separator: ';'
decimal_comma: true
currency: EUR
fields:
  model.name: Modell
  provider: Anbieter
  price.input: {at: Eingabe je 1K, per: 1K}
  price.output: {at: Ausgabe je 1K, per: 1K}
EOM
printf 'Modell;Anbieter;Eingabe je 1K;Ausgabe je 1K\n' >"$tmp/ours.csv"
printf 'gpt-4o-mini;a;0,00015;0,0006\n' >>"$tmp/ours.csv"
if "$CL" extract $R --source-map "$tmp/ours.yaml" --source ours \
    "$tmp/ours.csv" >"$tmp/out" 2>"$tmp/err" &&
    grep -q '"price":{"input":0.15,"output":0.6,[^}]*"currency":"EUR"' \
    "$tmp/out"; then
	ok
else
	no "--source-map: $(cat "$tmp/err") $(head -c 300 "$tmp/out")"
fi

# A page and catalogue entries about one model meet: a 10x slip in one
# entry is measured against the page and the other entries, and the page
# is among the sources the finding names.
printf '%s\n' \
    '{"model": "GPT-4o mini", "provider": "a", "input_per_1m": 1.5}' \
    '{"model": "gpt-4o-mini", "provider": "b", "input_per_1m": 0.15}' \
    '{"model": "gpt-4o-mini", "provider": "c", "input_per_1m": 0.15}' \
    >"$tmp/meet.jsonl"
"$CL" check $R --format json --source "jsonl:$tmp/meet.jsonl" \
    fixtures/pages/llmstats_gpt4o_mini.txt >"$tmp/out" 2>"$tmp/err"
if grep -q '"rule": "price.provider-outlier"' "$tmp/out" &&
    grep -q 'input price of gpt-4o-mini is \$1.5 per 1M at a here' \
    "$tmp/out" && grep -q 'llmstats_gpt4o_mini.txt' "$tmp/out"; then
	ok
else
	no "a page and a catalogue do not meet"; head -c 600 "$tmp/out"
fi

# --previous on a catalogue (#21 item 5): two versions of the LiteLLM
# fixture, the previous one read through the same mapping.  Exactly the
# planted changes: one entry gone, two prices moved by 1e5 and two by
# 10x, a context window and an output limit shrunk.  Quiet: a 2x price
# cut, a 40 % rise, a limit grown, an entry added, unchanged entries
# whose values were already wrong.
cat >"$tmp/drift.want" <<'EOM'
fixtures/sources/litellm_prices.json:1:1: drift.entry-removed groq/openai/gpt-oss-20b
fixtures/sources/litellm_prices.json:138:29: drift.limit-shrunk together_ai/openai/gpt-oss-120b
fixtures/sources/litellm_prices.json:139:30: drift.limit-shrunk together_ai/openai/gpt-oss-120b
fixtures/sources/litellm_prices.json:149:33: drift.price-jump wandb/openai/gpt-oss-120b
fixtures/sources/litellm_prices.json:150:34: drift.price-jump wandb/openai/gpt-oss-120b
fixtures/sources/litellm_prices.json:158:33: drift.price-jump mistral/mistral-small
fixtures/sources/litellm_prices.json:159:34: drift.price-jump mistral/mistral-small
EOM
"$CL" check $R --fail-on never --source litellm \
    --previous fixtures/sources/previous/litellm_prices.json \
    fixtures/sources/litellm_prices.json >"$tmp/out" 2>"$tmp/err"
sed -n 's/^\([^ ]*\) [a-z]*: .*"\([^"]*\)".* \[\(drift\.[a-z-]*\)\]$/\1 \3 \2/p' \
    "$tmp/out" >"$tmp/drift.got"
if diff "$tmp/drift.want" "$tmp/drift.got" >"$tmp/diff"; then ok; else
	no "--previous on a catalogue:"; cat "$tmp/diff" "$tmp/err"; fi
# The same file as its own previous version: nothing moved.
"$CL" check $R --fail-on never --source litellm --select 'drift.*' \
    --previous fixtures/sources/litellm_prices.json \
    fixtures/sources/litellm_prices.json >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && ! grep -q 'drift\.' "$tmp/out"; then ok; else
	no "a catalogue against itself: $(head -3 "$tmp/out" "$tmp/err")"; fi
# A broken previous version is an error, not a list of lost entries.
printf '{"gpt-4o": {"mode": "chat",' >"$tmp/old.json"
"$CL" check $R --source litellm --previous "$tmp/old.json" \
    fixtures/sources/litellm_prices.json >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "old.json:1:28: truncated JSON" "$tmp/err" &&
    ! grep -q 'drift.entry-removed' "$tmp/out"; then ok; else
	no "a broken previous catalogue: $(cat "$tmp/err")"; fi

# Three providers of one model, two agreeing and one 1000x off: only the
# odd one is the outlier (the two others' "median of the other sources"
# is pulled up by it, yet most sources agree with them).
printf '%s\n' \
    '{"model": "gpt-4o", "provider": "openai", "input_per_1m": 2.5, "output_per_1m": 10}' \
    '{"model": "gpt-4o", "provider": "azure", "input_per_1m": 2.5, "output_per_1m": 10}' \
    '{"model": "gpt-4o", "provider": "acme", "input_per_1m": 2500, "output_per_1m": 10000}' \
    >"$tmp/three.jsonl"
"$CL" check $R --fail-on never --format text --select price.provider-outlier \
    --source jsonl "$tmp/three.jsonl" >"$tmp/out" 2>"$tmp/err"
if [ "$(grep -c 'provider-outlier' "$tmp/out")" -eq 2 ] &&
    [ "$(grep -c '^[^:]*three.jsonl:3:' "$tmp/out")" -eq 2 ]; then ok; else
	no "three sources, one off: $(cat "$tmp/out" "$tmp/err")"; fi

# --source KIND with a directory operand, and no operands at all.
"$CL" check $R --source litellm >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "no input paths" "$tmp/err"; then ok; else
	no "--source without a file: $(cat "$tmp/err")"; fi

echo "sources: $pass passed, $fail failed"
[ $fail -eq 0 ]
