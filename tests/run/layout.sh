#!/bin/sh
# The layout is a test: which stage folder of validator/ may include
# which is stated here, once, and the README's architecture table must
# say the same.  The tree fails when
#   - a file includes a header of a folder its own folder may not use,
#   - a file sits in a folder the table does not know,
#   - anything includes main.c (the face),
#   - the files include each other in a circle,
#   - main.c is over 400 lines or a function in validator/ over 150.
# The checker also runs on a scratch copy with a forbidden include added,
# and must fail there.
top_srcdir=${top_srcdir:-.}

# folder: the folders it may include besides itself (the pipeline reads
# load -> extract -> record -> rules -> report; run/ wires them, main.c
# is the face).
LAYERS='base:
load: base
record: base
findings: base
knowledge: base record findings
extract: base load record knowledge
sources: base record knowledge
rules: base record findings knowledge
report: base findings knowledge
run: base load record findings knowledge extract sources rules report
main: base run'

MAIN_MAX=400
FUNC_MAX=150

fail=0
bad() {
	echo "layout: $*"
	fail=1
}

# Print every violation in tree $1 (a validator/ folder); exit 1 if any.
check_tree() {
	(
	cd "$1" || exit 1
	n=0
	for f in *.c *.h */*.c */*.h; do
		[ -f "$f" ] || continue
		case $f in
		main.c) dir=main ;;
		*/*) dir=${f%%/*} ;;
		*) echo "$f: a file outside the stage folders"; n=1; continue ;;
		esac
		allowed=$(echo "$LAYERS" | sed -n "s/^$dir:\(.*\)/ \1 /p")
		if [ -z "$allowed" ] && ! echo "$LAYERS" | grep -q "^$dir:"; then
			echo "$f: folder $dir/ is not in the layering table"
			n=1
			continue
		fi
		for inc in $(sed -n 's/^#[ 	]*include[ 	]*"\([^"]*\)".*/\1/p' \
		    "$f"); do
			case $inc in
			config.h) continue ;;
			main.c|*/main.c|main.h)
				echo "$f: includes the face ($inc)"; n=1
				continue ;;
			*/*) to=${inc%%/*} ;;
			*) echo "$f: include \"$inc\" names no folder"; n=1
				continue ;;
			esac
			[ "$to" = "$dir" ] && continue
			case $allowed in
			*" $to "*) ;;
			*) echo "$f: $dir/ may not include $inc" \
			    "(it may use:$(echo $allowed | sed 's/^/ /'))"
				n=1 ;;
			esac
		done
	done
	# Circles: module (path without .c/.h) -> module of each include.
	for f in *.c *.h */*.c */*.h; do
		[ -f "$f" ] || continue
		from=${f%.?}
		sed -n 's/^#[ 	]*include[ 	]*"\([^"]*\)".*/\1/p' "$f" |
		    while read -r inc; do
			[ "$inc" = config.h ] && continue
			to=${inc%.?}
			[ "$to" != "$from" ] && echo "$from $to"
		done
	done >"$TMP/edges"
	if ! tsort "$TMP/edges" >/dev/null 2>"$TMP/tsort"; then
		echo "files include each other in a circle:"
		sed 's/^/  /' "$TMP/tsort"
		n=1
	fi
	lines=$(wc -l <main.c)
	if [ "$lines" -gt $MAIN_MAX ]; then
		echo "main.c: $lines lines, over $MAIN_MAX"
		n=1
	fi
	# A function runs from a '{' at column 0 to the next '}' there.
	awk -v max=$FUNC_MAX '
	/^[a-zA-Z_].*\(/ { sig = $0 }
	/^\{/ { start = FNR; name = sig }
	/^\}/ && start {
		len = FNR - start + 1
		if (len > max) {
			printf "%s: %s: %d lines, over %d\n", FILENAME, name,
			    len, max
			bad = 1
		}
		start = 0
	}
	END { exit bad }' *.c */*.c || n=1
	exit $n
	)
}

TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM

check_tree "$top_srcdir/validator" || fail=1

# The README's architecture table: folder and what it may include.
readme=$(sed -n '/<!-- layers:begin -->/,/<!-- layers:end -->/p' \
    "$top_srcdir/README.md" | awk -F'|' 'NF > 3 && $2 !~ /---|folder/ {
	f = $2; gsub(/[` \/]|validator|\.c/, "", f)
	d = $4; gsub(/[`\/,]/, " ", d); gsub(/  +/, " ", d)
	sub(/^ /, "", d); sub(/ $/, "", d); if (d == "nothing") d = ""
	printf "%s:%s\n", f, d == "" ? "" : " " d }')
if [ "$readme" != "$LAYERS" ]; then
	bad "README.md's architecture table differs from this test's table:"
	printf '%s\n' "$readme" >"$TMP/readme"
	printf '%s\n' "$LAYERS" >"$TMP/layers"
	diff "$TMP/layers" "$TMP/readme"
fi

# The checker must catch what it is for: a forbidden include, a circle
# and an unknown folder, each in a scratch copy of the tree.
try() {
	rm -rf "$TMP/v"
	cp -R "$top_srcdir/validator" "$TMP/v"
	chmod -R u+w "$TMP/v"
	eval "$1"
	if check_tree "$TMP/v" >/dev/null; then
		bad "the checker passed a tree with: $2"
	fi
}
try 'sed -i "1i #include \"rules/checks.h\"" "$TMP/v/load/load.c"' \
    'load/load.c including rules/checks.h'
try 'sed -i "1i #include \"extract/extract.h\"" "$TMP/v/rules/corpus.c"' \
    'rules/corpus.c including extract/extract.h'
try 'sed -i "1i #include \"knowledge/catalog.h\"" "$TMP/v/base/rx.h"' \
    'base/rx.h including knowledge/catalog.h'
try 'sed -i "1i #include \"load/load.h\"" "$TMP/v/report/report.c"' \
    'report/report.c including load/load.h'
try 'sed -i "1i #include \"base/xalloc.h\"" "$TMP/v/base/error.h";
    sed -i "1i #include \"base/error.h\"" "$TMP/v/base/xalloc.h"' \
    'base/error.h and base/xalloc.h including each other'
try 'mkdir "$TMP/v/extra"; echo "int x;" >"$TMP/v/extra/x.c"' \
    'a folder the table does not know'

if [ $fail -eq 0 ]; then
	echo "layout: stage folders, includes, circles and sizes as stated"
fi
exit $fail
