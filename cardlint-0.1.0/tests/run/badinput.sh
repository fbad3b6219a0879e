#!/bin/sh
# The bad-input table: hostile and broken inputs each give the expected
# finding or message and exit code, never a crash, hang or lost output.
# Each row runs in a run with a good page beside it, which must still be
# reported (nothing else on the run is lost).
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
R="--rules rules --now 2026-11-22 --format json -j 2"
good=fixtures/pages/000_cf106a8f77e2ba01.txt

# row NAME WANT-EXIT WANT-RULE|- FILE [extra args]
row() {
	name=$1 want=$2 rule=$3 file=$4
	shift 4
	timeout 120 "$CL" check $R "$@" "$file" "$good" >"$tmp/out" \
	    2>"$tmp/err"
	got=$?
	if [ $got -ne "$want" ]; then
		echo "FAIL: $name: exit $got, expected $want"
		head -3 "$tmp/err"; fail=$((fail + 1)); return
	fi
	if [ "$rule" != - ] && ! grep -q "\"rule\": \"$rule\"" "$tmp/out"; then
		echo "FAIL: $name: no $rule finding"; fail=$((fail + 1)); return
	fi
	if ! grep -q '"rule": "spec.model-id-format"' "$tmp/out"; then
		echo "FAIL: $name: the good page's findings were lost"
		fail=$((fail + 1)); return
	fi
	pass=$((pass + 1))
}

: >"$tmp/empty.txt"
row "empty file" 1 scrape.unrecognized-layout "$tmp/empty.txt"
printf '   \n\t\n  \n' >"$tmp/ws.txt"
row "only whitespace" 1 scrape.unrecognized-layout "$tmp/ws.txt"
row "binary with NULs" 1 scrape.encoding fixtures/pages/binary.bin
head -c 52428800 /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
row "50 MB single line, default limit" 0 io.too-large "$tmp/big.txt"
row "50 MB single line, raised limit" 1 scrape.unrecognized-layout \
    "$tmp/big.txt" --max-size 64M
row "--max-size exceeded" 0 io.too-large fixtures/pages/003_328e5b916ed2f340.txt \
    --max-size 3000
{ printf '<html><body>'; i=0; while [ $i -lt 1000 ]; do
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	printf '<div><div><div><div><div><div><div><div><div><div>'
	i=$((i + 1)); done
  printf 'Model: Deep Nest\nInput price: $1.00 / 1M tokens\n</body></html>\n'
} >"$tmp/deep.html"
# Below --max-depth (default 10000) nothing is read: scrape.limit says so,
# and the page's content, all deeper, is missing (unrecognized, exit 1).
row "HTML nested 100k levels" 1 scrape.limit "$tmp/deep.html"
row "HTML nested 100k levels, --max-depth 200000" 0 - "$tmp/deep.html" \
    --max-depth 200000
{ cat fixtures/pages/llmref_clean_llama.txt
  i=0; while [ $i -lt 1500 ]; do echo "line $i"; i=$((i + 1)); done
} >"$tmp/long.txt"
row "more lines than --max-lines" 0 scrape.limit "$tmp/long.txt" \
    --max-lines 1000
printf '<html><body><div><p>Model: Open <b>Tags\n<!-- never closed <div> <p>' \
    >"$tmp/unclosed.html"
row "unclosed tags and comments" 0 scrape.truncated "$tmp/unclosed.html"
row "invalid UTF-8" 0 scrape.encoding fixtures/pages/invalid_utf8.txt
printf 'Model: Wide Model\nInput price: $2.00 / 1M tokens\nContext window: 32K\n' |
    iconv -f UTF-8 -t UTF-16 >"$tmp/utf16.txt"
row "UTF-16 with BOM" 0 - "$tmp/utf16.txt"
# alone: clean, and the name decoded
clean_alone() {
	"$CL" check $R "$2" >"$tmp/alone" 2>&1
	if [ $? -ne 0 ] || grep -q '"rule"' "$tmp/alone"; then
		echo "FAIL: $1 alone is not clean"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
clean_alone "UTF-16 page" "$tmp/utf16.txt"
"$CL" extract --rules rules "$tmp/utf16.txt" | grep -q '"name":"Wide Model"' &&
    pass=$((pass + 1)) || { echo "FAIL: UTF-16 not decoded"; fail=$((fail + 1)); }
row "Latin-1 page with meta charset" 0 - fixtures/pages/latin1_meta.html
clean_alone "Latin-1 page" fixtures/pages/latin1_meta.html
cat >"$tmp/nums.txt" <<'P'
Model: Number Soup
Input price: $1e309
Output price: $-5
Context window: 99999999999999999999K
Release date: 0000-00-00
Knowledge cutoff: 2024-02-30
P
row "absurd numbers: negative price" 1 price.implausible "$tmp/nums.txt"
grep -q 'input price .\$1e309. is not a finite number' "$tmp/out" &&
    pass=$((pass + 1)) ||
    { echo "FAIL: \$1e309 is not reported as a bad value"; fail=$((fail + 1)); }
grep -q '"rule": "date.invalid"' "$tmp/out" && pass=$((pass + 1)) ||
    { echo "FAIL: 0000-00-00 / 2024-02-30 not date.invalid"; fail=$((fail + 1)); }
printf 'Model: Hex\nInput price: $0x10\n' >"$tmp/hex.txt"
row "hex price" 0 scrape.empty-value "$tmp/hex.txt"
mkfifo "$tmp/fifo"
row "FIFO on the command line" 1 io.unreadable "$tmp/fifo"
mkdir -p "$tmp/loop/a"
ln -s .. "$tmp/loop/a/up"
cp fixtures/pages/002_c0268ff9b5d925ec.txt "$tmp/loop/a/p.txt"
row "directory symlink loop" 0 scrape.sentinel-value "$tmp/loop"
row "missing file among readable ones" 1 io.unreadable "$tmp/nonexistent.txt"
printf '<!DOCTYPE html [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n<html xmlns:xi="http://www.w3.org/2001/XInclude"><head><script src="http://127.0.0.1:9/a.js"></script></head><body><xi:include href="http://127.0.0.1:9/b.xml"/><p>Model: Net &x;</p><img src="http://127.0.0.1:9/c.png"></body></html>\n' \
    >"$tmp/net.html"
if command -v strace >/dev/null 2>&1; then
	strace -f -qq -e trace=socket,connect -o "$tmp/strace" "$CL" check $R \
	    "$tmp/net.html" >/dev/null 2>&1
	if grep -q 'socket(AF_INET\|connect(' "$tmp/strace"; then
		echo "FAIL: cardlint opened a network socket"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
else
	echo "SKIP: strace missing: network check not run"
fi
row "external entity, XInclude, remote script" 1 scrape.unrecognized-layout "$tmp/net.html"
printf 'Model: Escape Model\nInput price: $1 / 1M tokens\nNote: {{ \033[2J\033]0;owned\007 }}\n' \
    >"$tmp/esc.txt"
"$CL" check --rules rules --now 2026-11-22 --no-color "$tmp/esc.txt" \
    >"$tmp/out" 2>&1
if grep -q "$(printf '\033')" "$tmp/out"; then
	echo "FAIL: terminal escapes reach the text output"; fail=$((fail + 1))
elif grep -q 'x1b' "$tmp/out"; then
	pass=$((pass + 1))
else
	echo "FAIL: escaped ESC not shown"; cat "$tmp/out"; fail=$((fail + 1))
fi
weird="$tmp/$(printf 'sp ace\nnew\377line.txt')"
cp fixtures/pages/003_328e5b916ed2f340.txt "$weird"
"$CL" check --rules rules --now 2026-11-22 --format json "$tmp" \
    >"$tmp/w.json" 2>/dev/null
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \
	    "$tmp/w.json" && pass=$((pass + 1)) ||
	    { echo "FAIL: JSON with odd file names is invalid"; fail=$((fail + 1)); }
fi
"$CL" check --rules rules --now 2026-11-22 --no-color "$weird" \
    >"$tmp/w.txt" 2>&1
if [ "$(grep -c 'price.implausible' "$tmp/w.txt")" -eq 1 ] &&
    grep -q 'sp ace\\x0anew' "$tmp/w.txt"; then
	pass=$((pass + 1))
else
	echo "FAIL: odd file name not escaped in text output"; fail=$((fail + 1))
fi
head -c 4000 fixtures/refresh/old.jsonl >"$tmp/trunc.jsonl"
"$CL" check --rules rules --now 2026-11-22 --format json --records \
    fixtures/refresh/old.jsonl "$tmp/trunc.jsonl" >"$tmp/out" 2>&1
if grep -q '"rule": "io.unreadable"' "$tmp/out" &&
    grep -q '"files": 3' "$tmp/out"; then
	pass=$((pass + 1))
else
	echo "FAIL: truncated JSONL line not reported, or records lost"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
