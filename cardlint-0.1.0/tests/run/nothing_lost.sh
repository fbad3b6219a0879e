#!/bin/sh
# Nothing lost: a run over 1,000 pages of which 10 are broken reports on
# all 1,000; kill -9 during a run with --output leaves the previous
# report whole.
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

mkdir "$tmp/pages"
i=0
while [ $i -lt 990 ]; do
	cp fixtures/pages/003_328e5b916ed2f340.txt "$tmp/pages/p$i.txt"
	i=$((i + 1))
done
: >"$tmp/pages/b0-empty.txt"
cp fixtures/pages/binary.bin "$tmp/pages/b1.bin"
cp fixtures/pages/truncated.html "$tmp/pages/b2.html"
cp fixtures/pages/invalid_utf8.txt "$tmp/pages/b3.txt"
cp fixtures/pages/deep_nesting.html "$tmp/pages/b4.html"
printf '\377\376<\000h\000' >"$tmp/pages/b5.txt"
head -c 3000 fixtures/pages/003_328e5b916ed2f340.html >"$tmp/pages/b6.html"
printf '<html><body><p>unclosed' >"$tmp/pages/b7.html"
ln -s nowhere "$tmp/pages/b8-dangling.txt"
mkfifo "$tmp/pages/b9.fifo"
"$CL" check $R --format json -j 2 "$tmp/pages" "$tmp/pages/b9.fifo" \
    >"$tmp/out.json" 2>"$tmp/err"
rc=$?
files=$(grep -c '"rule": "price.implausible"' "$tmp/out.json")
if [ $rc -eq 0 ] && [ "$files" -eq 990 ] &&
    grep -q '"files": 1000' "$tmp/out.json" &&
    grep -q 'b9.fifo' "$tmp/out.json" &&
    grep -q 'b0-empty.txt' "$tmp/out.json"; then
	pass=$((pass + 1))
else
	echo "FAIL: 1000-page run lost pages (rc $rc, $files of 990 good pages)"
	head -3 "$tmp/err"; fail=$((fail + 1))
fi

# kill -9 mid-run: the previous report stays whole.
"$CL" check $R --format json --output "$tmp/report.json" \
    fixtures/pages/003_328e5b916ed2f340.txt
cp "$tmp/report.json" "$tmp/before.json"
i=0
while [ $i -lt 20 ]; do
	"$CL" check $R --format json -j 1 --output "$tmp/report.json" \
	    "$tmp/pages" &
	pid=$!
	sleep 0.0$((i % 9 + 1))
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if ! cmp -s "$tmp/report.json" "$tmp/before.json"; then
		# Only a complete new report may replace the old one.
		if ! tail -c 200 "$tmp/report.json" | grep -q '"suppressed"'; then
			echo "FAIL: kill -9 left a partial report"
			fail=$((fail + 1))
			break
		fi
		cp "$tmp/report.json" "$tmp/before.json"
	fi
	i=$((i + 1))
done
[ $i -eq 20 ] && pass=$((pass + 1))

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
