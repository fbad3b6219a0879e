#!/bin/sh
# An unknown key in any YAML the program reads (site profiles, the
# knowledge file, the catalogue, the config file, and every section
# nested in them) is one error in one form, exit 2:
#   cardlint: FILE:LINE: unknown key 'colour' in <section>
# Each case copies rules/ into a temp dir, adds the key after an anchor
# line and expects that message with the key's line.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
clean=fixtures/pages/llmref_clean_llama.txt

# edit FILE PATTERN OLD NEW: in the first line matching PATTERN replace
# OLD (empty: nothing, at the start) by NEW (NEW may hold \n); print
# that line's number.
edit() {
	awk -v pat="$2" -v old="$3" -v new="$4" '
	    !done && $0 ~ pat { i = old == "" ? 1 : index($0, old)
		$0 = substr($0, 1, i - 1) new substr($0, i + length(old))
		done = NR }
	    { print }
	    END { print done > "/dev/stderr" }' "$1" >"$1.new" 2>"$tmp/line"
	mv "$1.new" "$1"
	cat "$tmp/line"
}

# expect NAME WANT-STDERR -- ARGS...
expect() {
	name=$1 want=$2
	shift 3
	"$CL" "$@" >/dev/null 2>"$tmp/err"
	got=$?
	if [ "$got" -ne 2 ]; then
		echo "FAIL: $name: exit $got, expected 2"; cat "$tmp/err"
		fail=$((fail + 1))
	elif [ "$(cat "$tmp/err")" != "$want" ]; then
		echo "FAIL: $name:"
		echo "  got:  $(cat "$tmp/err")"
		echo "  want: $want"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# rules_case NAME FILE PATTERN OLD NEW LINE-OFFSET SECTION
rules_case() {
	rm -rf "$tmp/rules"
	cp -R rules "$tmp/rules"
	n=$(edit "$tmp/rules/$2" "$3" "$4" "$5")
	n=$((n + $6))
	expect "$1" "cardlint: $tmp/rules/$2:$n: unknown key 'colour' in $7" \
	    -- check --rules "$tmp/rules" --now 2026-11-22 $clean
}

S=sites/llmstats.yaml
rules_case "site profile" $S '^name: ' '' 'colour: red\n' 0 \
    "a site profile"
rules_case "detect" $S '^  min: ' '' '  colour: red\n' 0 "detect"
rules_case "end section" $S '^  - .name: ' '{' '{colour: red, ' 0 \
    "an end section"
rules_case "extractor" $S '^  - where: title$' 'where' \
    'colour: red\n    where' 0 "an extractor"
rules_case "within" $S '^    within: .start: ' '{' '{colour: red, ' 0 \
    "within"
rules_case "extractor, block value" $S '^  - where: title$' 'where' \
    'colour:\n      a: b\n    where' 0 "an extractor"

K=knowledge.yaml
rules_case "knowledge file" $K '^scanners:$' '' 'colour: red\n' 0 \
    "the knowledge file"
rules_case "scanner" $K '^scanners:$' 'scanners:' \
    'scanners:\n  - {kind: a, patterns: [x], colour: red}' 1 "a scanner"
rules_case "scanner pattern" $K '^scanners:$' 'scanners:' \
    'scanners:\n  - {kind: a, patterns: [{match: x, colour: red}]}' 1 \
    "a scanner pattern"
rules_case "model_keys" $K '^model_keys:$' 'model_keys:' \
    'model_keys:\n  colour: red' 1 "model_keys"
rules_case "model key rewrite" $K '^    - .pattern: ' '{' '{colour: red, ' 0 \
    "a model key rewrite"
rules_case "benchmark scale" $K '^bench_scales:$' 'bench_scales:' \
    'bench_scales:\n  - {name: x, min: 0, max: 1, colour: red}' 1 \
    "a benchmark scale"
rules_case "id format" $K '^id_formats:$' 'id_formats:' \
    'id_formats:\n  - {provider: a, pattern: b, colour: red}' 1 \
    "an id format"

L=labels.yaml
rules_case "labels file" $L '^fields:$' '' 'colour: red\n' 0 \
    "the labels file"

C=catalog.yaml
rules_case "catalogue rule" $C '^    kind: ' '' '    colour: red\n' 0 "a rule"
rules_case "rule example" $C '^    example: .' '{' '{colour: red, ' 0 \
    "an example"

# config_case NAME CONFIG LINE SECTION
config_case() {
	printf "$2" >"$tmp/c.yaml"
	expect "$1" "cardlint: $tmp/c.yaml:$3: unknown key 'colour' in $4" \
	    -- check --rules rules --config "$tmp/c.yaml" $clean
}
config_case "config file" 'fail-on: error\ncolour: red\n' 2 "the config file"
config_case "rule override" 'rules:\n  price.ratio: {colour: red}\n' 2 \
    "a rule override"
config_case "site override" 'sites:\n  llmstats:\n    colour: red\n' 3 \
    "a site override"
config_case "site rule override" \
    'sites:\n  llmstats:\n    rules:\n      price.*: {colour: red}\n' 4 \
    "a rule override"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
