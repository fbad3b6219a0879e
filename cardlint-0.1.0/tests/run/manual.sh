#!/bin/sh
# The manual pages: mandoc -T lint finds no warning in them, and
# cardlint(1) documents exactly the options and commands --help lists.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
man=$top_srcdir/man
fail=0

if command -v mandoc >/dev/null 2>&1; then
	for p in cardlint.1 cardlint.yaml.5 cardlint-profile.5; do
		if ! out=$(mandoc -T lint -W warning "$man/$p" 2>&1) ||
		    [ -n "$out" ]; then
			echo "manual: mandoc -T lint: $p:"
			echo "$out"
			fail=1
		fi
	done
elif [ "${CI:-}" = true ]; then
	echo "manual: mandoc is not installed (apt-get install mandoc)"
	fail=1
else
	echo "manual: mandoc not installed, lint skipped"
fi

help=$("$top_builddir/cardlint" --help) || exit 1
# Options: every -x or --word that starts a word of --help, and every
# option of the OPTIONS section of cardlint(1).
echo "$help" | grep -oE '(^|[][ ,|(])--?[a-zA-Z][a-zA-Z-]*' |
    sed 's/^[][ ,|(]//' | sort -u >opts.help.$$
sed -n '/^\.Sh OPTIONS/,/^\.Sh [A-Z]/p' "$man/cardlint.1" |
    grep '^\.It Fl' | grep -oE 'Fl -?[a-zA-Z][a-zA-Z-]*' |
    sed 's/^Fl /-/' | sort -u >opts.man.$$
# Commands: the words after "cardlint" in the usage, and the .It Cm
# entries of DESCRIPTION.
echo "$help" | sed -n 's/^\(usage:\)\{0,1\} *cardlint \[\{0,1\}\([a-z]*\).*/\2/p' |
    grep . | sort -u >cmds.help.$$
sed -n '/^\.Sh DESCRIPTION/,/^\.Sh [A-Z]/p' "$man/cardlint.1" |
    sed -n 's/^\.It Cm \([a-z]*\).*/\1/p' | sort -u >cmds.man.$$
for what in opts cmds; do
	if ! cmp -s $what.help.$$ $what.man.$$; then
		echo "manual: $what of --help (<) and cardlint(1) (>) differ:"
		diff $what.help.$$ $what.man.$$ | grep '^[<>]'
		fail=1
	fi
done
n=$(wc -l <opts.help.$$)
rm -f opts.help.$$ opts.man.$$ cmds.help.$$ cmds.man.$$
[ $fail -eq 0 ] && echo "manual: lint clean, $n options in --help and cardlint(1)"
exit $fail
