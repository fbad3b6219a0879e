#!/bin/sh
# Golden tests: run cardlint on every fixture page and compare stdout and
# the exit code with fixtures/expected/CASE.COMMAND.FORMAT and .rc.
# `extract` always runs; `check` (json and text) only once the binary has
# it, plus a corpus case `seeds` linting the five seed pages together.
# UPDATE=1 rewrites the expected files instead; changing one is a
# reviewed decision, so the runner says which files changed.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_srcdir in /*) ;; *) top_srcdir=$(cd "$top_srcdir" && pwd) ;; esac
case $top_builddir in
/*)	;;
*)	top_builddir=$(cd "$top_builddir" && pwd) ;;
esac
CL=$top_builddir/cardlint
RULES=$top_srcdir/rules
EXP=fixtures/expected
NOW=2026-11-22
update=${UPDATE:-0}
LC_ALL=C
export LC_ALL
pass=0
fail=0
changed=0

if [ ! -x "$CL" ]; then
	echo "golden.sh: $CL not built" >&2
	exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# A .cardlint.yaml above the tree would change every finding.
d=$top_srcdir
while :; do
	if [ -f "$d/.cardlint.yaml" ]; then
		echo "golden.sh: note: $d/.cardlint.yaml applies to check" >&2
		break
	fi
	[ "$d" = / ] && break
	d=$(dirname "$d")
done

# install FILE NEW: UPDATE mode, put NEW at FILE and say if it changed.
install_expected() {
	if [ -f "$top_srcdir/$1" ] && cmp -s "$2" "$top_srcdir/$1"; then
		pass=$((pass + 1))
		return
	fi
	if [ -f "$top_srcdir/$1" ]; then
		echo "updated: $1"
	else
		echo "new: $1"
	fi
	mkdir -p "$top_srcdir/$EXP" &&
	    cp "$2" "$top_srcdir/$1" || exit 1
	changed=$((changed + 1))
}

# compare NAME OUT RC: check stdout and exit code against the expected
# files $EXP/NAME and the first line of $EXP/RC.
compare() {
	name=$1 out=$2 rcfile=$3 got=$(cat "$tmp/rc")
	if [ "$update" = 1 ]; then
		install_expected "$EXP/$out" "$tmp/out"
		printf '%s\n' "$got" >"$tmp/rcnew"
		# Both formats of check share one .rc: it is written once.
		if [ -n "$4" ]; then
			install_expected "$EXP/$rcfile" "$tmp/rcnew"
		elif ! cmp -s "$tmp/rcnew" "$top_srcdir/$EXP/$rcfile"; then
			echo "FAIL: $name: exit $got differs between formats"
			fail=$((fail + 1))
		fi
		return
	fi
	ok=1
	if [ ! -f "$top_srcdir/$EXP/$out" ]; then
		echo "FAIL: $name: no $EXP/$out (make golden-update)"
		ok=0
	elif ! cmp -s "$top_srcdir/$EXP/$out" "$tmp/out"; then
		echo "FAIL: $name: stdout differs from $EXP/$out"
		(cd "$top_srcdir" && diff -u "$EXP/$out" "$tmp/out")
		ok=0
	fi
	want=
	[ -f "$top_srcdir/$EXP/$rcfile" ] &&
	    want=$(sed -n 1p "$top_srcdir/$EXP/$rcfile")
	if [ "$want" != "$got" ]; then
		echo "FAIL: $name: exit $got, expected ${want:-(no $rcfile)}"
		sed 's/^/  stderr: /' "$tmp/err"
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# run ARGS...: cardlint from inside the source tree, so the paths it
# prints are fixtures/pages/NAME whatever the build directory.
run() {
	(cd "$top_srcdir" && exec "$CL" "$@") <"/dev/null" >"$tmp/out" \
	    2>"$tmp/err"
	echo $? >"$tmp/rc"
}

has_check=0
"$CL" check --help >/dev/null 2>&1 && has_check=1

for path in "$top_srcdir"/fixtures/pages/*; do
	[ -f "$path" ] || continue
	CASE=${path##*/}
	[ "$CASE" = README.md ] && continue
	file=fixtures/pages/$CASE
	run extract --rules "$RULES" "$file"
	compare "$CASE extract" "$CASE.extract.jsonl" "$CASE.extract.rc" first
	[ $has_check = 1 ] || continue
	first=first
	for fmt in json text; do
		run check --rules "$RULES" --now $NOW --no-color \
		    --format $fmt "$file"
		compare "$CASE check $fmt" "$CASE.check.$fmt" \
		    "$CASE.check.rc" $first
		first=
	done
done

# The seeds together (corpus findings) in every format of check, both as
# scraped text and as the HTML renderings.
FORMATS="json text sarif junit github gitlab html"
if [ $has_check = 1 ]; then
	for ext in txt html; do
		seeds=$(cd "$top_srcdir" && ls fixtures/pages/00[0-9]_*.$ext)
		set=seeds
		[ $ext = txt ] || set=seeds-$ext
		first=first
		for fmt in $FORMATS; do
			# $seeds is a word list on purpose: one argument per
			# page.
			# shellcheck disable=SC2086
			run check --rules "$RULES" --now $NOW --no-color \
			    --format $fmt $seeds
			compare "$set check $fmt" "$set.check.$fmt" \
			    "$set.check.rc" $first
			first=
		done
	done
fi

# Price catalogues (--source KIND, #21): each of fixtures/sources, its
# kind told by its name, in extract and three formats of check (SARIF
# shows the positions a pull-request annotation lands on); then all of
# them with a page about a model they share, in one run.
src_kind() {
	case $1 in
	litellm_*) echo litellm ;;
	modelsdev_*) echo models.dev ;;
	openrouter_*) echo openrouter ;;
	*.jsonl) echo jsonl ;;
	*.csv) echo csv ;;
	esac
}
if [ $has_check = 1 ]; then
	all=
	for path in "$top_srcdir"/fixtures/sources/*; do
		CASE=${path##*/}
		kind=$(src_kind "$CASE")
		[ -n "$kind" ] || continue
		file=fixtures/sources/$CASE
		all="$all --source $kind:$file"
		run extract --rules "$RULES" --source "$kind" "$file"
		compare "$CASE extract" "src_$CASE.extract.jsonl" \
		    "src_$CASE.extract.rc" first
		first=first
		for fmt in json text sarif; do
			run check --rules "$RULES" --now $NOW --no-color \
			    --format $fmt --source "$kind" "$file"
			compare "$CASE check $fmt" "src_$CASE.check.$fmt" \
			    "src_$CASE.check.rc" $first
			first=
		done
	done
	first=first
	for fmt in json text sarif; do
		# $all is a word list on purpose: --source KIND:FILE pairs.
		# shellcheck disable=SC2086
		run check --rules "$RULES" --now $NOW --no-color \
		    --format $fmt $all fixtures/pages/llmstats_gpt4o_mini.txt
		compare "catalogues check $fmt" "src_all.check.$fmt" \
		    "src_all.check.rc" $first
		first=
	done
fi

# Four pages of one model, three agreeing: corpus findings against a
# consensus (a majority, a median), whose charts the html report draws.
if [ $has_check = 1 ]; then
	first=first
	for fmt in text html; do
		run check --rules "$RULES" --now $NOW --no-color \
		    --format $fmt fixtures/report/consensus
		compare "consensus check $fmt" "consensus.check.$fmt" \
		    consensus.check.rc $first
		first=
	done
fi

# extract --trace (#17 item 4), text and JSON: fields found by patterns,
# by a table's header and by labels; a field missed with its rejected
# candidates (a calculator's amounts; a renamed label a pattern reads as
# the value); a page of several models; a page read with --profile.
TRACES="generic_vendor.html generic_calculator.html generic_table_badrow.md
generic_rub_prices.md 000_cf106a8f77e2ba01.txt
trace/llmstats_renamed_label.txt trace/newsite_orca.txt"
for CASE in $TRACES; do
	case $CASE in
	*/*) file=fixtures/$CASE ;;
	*) file=fixtures/pages/$CASE ;;
	esac
	tcase=trace_${CASE##*/}
	first=first
	for fmt in text json; do
		run extract --rules "$RULES" --trace --format $fmt "$file"
		compare "$tcase $fmt" "$tcase.$fmt" "$tcase.rc" $first
		first=
	done
done
run extract --rules "$RULES" --trace --profile generic \
    fixtures/pages/llmstats_clean.txt
compare "trace --profile generic" trace_profile_generic.text \
    trace_profile_generic.rc first
run extract --rules "$RULES" --trace --profile nosuch \
    fixtures/pages/llmstats_clean.txt
compare "trace --profile nosuch" trace_profile_nosuch.text \
    trace_profile_nosuch.rc first

if [ "$update" = 1 ]; then
	echo "$pass unchanged, $changed written, $fail failed"
else
	echo "$pass passed, $fail failed"
fi
[ $fail = 0 ]
