#!/bin/sh
# The progress line (#20 item 2).  Under a pseudo-terminal (script(1)
# from util-linux) a 1,000-page run draws "N/1000 pages, R pages/s, T
# left" on stderr and erases it ("\r" ESC "[K") before the summary line,
# in the per-page and in the corpus mode; it is absent when stderr is a
# pipe, with --quiet, with CI=true, below 500 pages and with
# --no-progress; --progress forces it on a pipe.  stdout is the same
# byte for byte in every case.  Without script(1) the test is skipped.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
if ! script -qfec true /dev/null >/dev/null 2>&1; then
	echo "SKIP: script(1) from util-linux is needed for a pty"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
R="--rules rules --now 2026-11-22 --fail-on never"
PERPAGE="--ignore price.provider-outlier,context.conflict,date.conflict"
PERPAGE="$PERPAGE,spec.params-conflict,spec.capability-conflict"
PERPAGE="$PERPAGE,bench.conflict"

# 1,000 pages: the five seed pages over and over, 100 to a directory.
i=0
for d in 0 1 2 3 4 5 6 7 8 9; do
	mkdir -p "$tmp/pages/$d"
	for n in 0 1 2 3 4 5 6 7 8 9; do
		for f in fixtures/pages/00[0-4]_*.txt fixtures/pages/00[0-4]_*.html
		do
			cp "$f" "$tmp/pages/$d/p$n${f##*/}"
			i=$((i + 1))
		done
	done
done
[ $i = 1000 ] || { echo "FAIL: wrote $i pages"; exit 1; }
mkdir -p "$tmp/few"
cp fixtures/pages/00[0-4]_*.txt "$tmp/few/"
ESC=$(printf '\033')
CR=$(printf '\r')

bad() {
	echo "FAIL: $*"
	fail=1
}

# tty NAME ENV ARGS...: run under a pty, stdout to NAME.out, what the
# terminal saw (stderr) to NAME.tty.
tty() {
	name=$1 e=$2
	shift 2
	script -qfec "env $e '$CL' check $R $* >'$tmp/$name.out'" /dev/null \
	    >"$tmp/$name.tty" </dev/null
}

# shown NAME: the line was drawn, then erased before the summary line.
shown() {
	grep -q "cardlint: [0-9]*/1000 pages, [0-9]* pages/s, .* left" \
	    "$tmp/$1.tty" || { bad "$1: no progress line"; return; }
	# The last ESC [ K is the erase's ("\r" ESC "[K"), not a drawing's,
	# and the summary (or nothing) follows it.
	all=$(tr -d '\n' <"$tmp/$1.tty")
	head=${all%"$ESC[K"*}
	rest=${all##*"$ESC[K"}
	case $head in
	*"$CR") ;;
	*) bad "$1: not erased at the end: '${head##*"$CR"}'" ;;
	esac
	case $rest in
	"cardlint: 1000 files, "*|""|"$CR") ;;
	*) bad "$1: after the erase: '$rest'" ;;
	esac
}

# absent NAME FILE: no progress and no control sequence in FILE.
absent() {
	if grep -q "pages/s" "$2" || grep -q "$ESC" "$2"; then
		bad "$1: progress drawn"
	fi
}

same() {
	cmp -s "$tmp/ref.$2" "$tmp/$1.out" ||
	    bad "$1: stdout differs from the run without progress"
}

for mode in corpus perpage; do
	if [ $mode = perpage ]; then
		X=$PERPAGE
	else
		X=
	fi
	"$CL" check $R $X "$tmp/pages" >"$tmp/ref.$mode" \
	    2>"$tmp/pipe.$mode.err"
	absent "$mode pipe" "$tmp/pipe.$mode.err"
	grep -q "^cardlint: 1000 files" "$tmp/pipe.$mode.err" ||
	    bad "$mode pipe: no summary line"
	tty "$mode" "-u CI" $X "$tmp/pages"
	shown "$mode"
	same "$mode" $mode
	tty "$mode-j1" "-u CI" -j1 $X "$tmp/pages"
	shown "$mode-j1"
	same "$mode-j1" $mode
	tty "$mode-quiet" "-u CI" --quiet $X "$tmp/pages"
	absent "$mode --quiet" "$tmp/$mode-quiet.tty"
	same "$mode-quiet" $mode
	tty "$mode-ci" CI=true $X "$tmp/pages"
	absent "$mode CI=true" "$tmp/$mode-ci.tty"
	same "$mode-ci" $mode
	tty "$mode-no" "-u CI" --no-progress $X "$tmp/pages"
	absent "$mode --no-progress" "$tmp/$mode-no.tty"
	same "$mode-no" $mode
	# Forced: even with CI=true and --quiet, even on a pipe.
	tty "$mode-forced" CI=true --quiet --progress $X "$tmp/pages"
	shown "$mode-forced"
	tail -c 4 "$tmp/$mode-forced.tty" | od -An -c | tr -d ' \n' |
	    grep -q '^\\r033\[K$' ||
	    bad "$mode-forced: stderr does not end with the erase"
	same "$mode-forced" $mode
	"$CL" check $R --progress $X "$tmp/pages" 2>"$tmp/fp.err" |
	    cmp -s - "$tmp/ref.$mode" || bad "$mode --progress, pipe: stdout"
	grep -q "pages/s" "$tmp/fp.err" || bad "$mode --progress, pipe: none"
done

# Below 500 pages: none.
tty few "-u CI" "$tmp/few"
absent "5 pages" "$tmp/few.tty"
grep -q "cardlint: 5 files" "$tmp/few.tty" || bad "5 pages: no summary"

[ $fail = 0 ] && echo "progress: shown on a pty, erased, absent on a" \
    "pipe, --quiet, CI=true, few pages; stdout unchanged"
exit $fail
