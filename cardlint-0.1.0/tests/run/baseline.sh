#!/bin/sh
# Baselines: write, re-run (all suppressed, exit 0), change a price (the
# new finding shows, exit 1), expire an entry (it shows again), prune.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
R="--rules rules --now 2026-11-22"

cp fixtures/pages/003_328e5b916ed2f340.txt "$tmp/page.txt"
"$CL" check $R --write-baseline "$tmp/b.json" --baseline-reason "known" \
    "$tmp/page.txt" >/dev/null 2>&1
[ $? -eq 1 ] && ok || bad "write-baseline run should still report (exit 1)"
grep -q '"reason": "known"' "$tmp/b.json" && ok || bad "reason not stored"

"$CL" check $R --baseline "$tmp/b.json" "$tmp/page.txt" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ok || bad "baselined re-run should exit 0"
[ -s "$tmp/out" ] && bad "baselined re-run printed findings" || ok
grep -q '12 suppressed' "$tmp/err" && ok || bad "suppressed count: $(cat "$tmp/err")"

# Move every line down: fingerprints do not depend on lines.
{ echo "Saved by the crawler"; echo; cat "$tmp/page.txt"; } >"$tmp/moved.txt"
mv "$tmp/moved.txt" "$tmp/page.txt"
"$CL" check $R --baseline "$tmp/b.json" "$tmp/page.txt" >"$tmp/out" 2>&1
[ $? -eq 0 ] && ok || bad "line moves broke the baseline"

sed 's/\$4800\.00/$4900.00/' "$tmp/page.txt" >"$tmp/p2.txt"
mv "$tmp/p2.txt" "$tmp/page.txt"
"$CL" check $R --baseline "$tmp/b.json" "$tmp/page.txt" >"$tmp/out" 2>&1
[ $? -eq 1 ] && ok || bad "a changed price should fail again"
grep -q 'price.implausible' "$tmp/out" && ok || bad "new finding not shown"

"$CL" check $R --format json --baseline "$tmp/b.json" "$tmp/page.txt" \
    >"$tmp/out.json" 2>/dev/null
grep -q '"suppressed": true' "$tmp/out.json" && ok ||
    bad "json does not mark suppressed findings"

sed 's/"date": "2026-11-22"/"date": "2026-11-22", "expires": "2026-11-21"/' \
    "$tmp/b.json" >"$tmp/exp.json"
"$CL" check $R --baseline "$tmp/exp.json" "$tmp/page.txt" >"$tmp/out" 2>&1
grep -q 'bench.garbled-note' "$tmp/out" && ok || bad "expired entry still suppresses"
sed 's/"date": "2026-11-22"/"date": "2026-11-22", "expires": "2026-12-31"/' \
    "$tmp/b.json" >"$tmp/exp2.json"
"$CL" check $R --baseline "$tmp/exp2.json" --select bench.garbled-note \
    "$tmp/page.txt" >"$tmp/out" 2>&1
[ -s "$tmp/out" ] && grep -q garbled "$tmp/out" && bad "unexpired entry did not suppress" || ok

n1=$(grep -c fingerprint "$tmp/b.json")
"$CL" check $R --baseline "$tmp/b.json" --prune-baseline \
    "$tmp/page.txt" >/dev/null 2>&1
n2=$(grep -c fingerprint "$tmp/b.json")
[ "$n2" -eq $((n1 - 2)) ] && ok || bad "prune kept $n2 of $n1 (expected $((n1 - 2)))"
printf 'not json' >"$tmp/broken.json"
"$CL" check $R --baseline "$tmp/broken.json" "$tmp/page.txt" >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "a broken baseline should exit 2"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
