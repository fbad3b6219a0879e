#!/bin/sh
# The README is the manual: its rule table must be what the catalogue
# generates, and its two opening commands must be what .ci/run runs.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
fail=0
want=$("$top_builddir/cardlint" rules --rules "$top_srcdir/rules" \
    --format markdown) || exit 1
have=$(sed -n '/<!-- rules:begin -->/,/<!-- rules:end -->/p' \
    "$top_srcdir/README.md" | sed '1d;$d')
if [ "$want" != "$have" ]; then
	echo "README.md rule table differs from cardlint rules --format markdown"
	fail=1
fi
# The first two fenced commands of the README, as .ci/run runs them.
cmds=$(awk '/^```sh$/{f=1;next} /^```$/{if(f){f=0;n++}; if(n==2)exit; next} f' \
    "$top_srcdir/README.md")
for c in "$(echo "$cmds" | sed -n 1p)" "$(echo "$cmds" | sed -n 2p)"; do
	if ! grep -qxF "$c" "$top_srcdir/.ci/run"; then
		echo ".ci/run does not run the README command: $c"
		fail=1
	fi
done
# The first command is for users: it installs nothing only tests need.
first=$(echo "$cmds" | sed -n 1p)
for pkg in chromium valgrind clang strace mandoc pre-commit python3 \
    libxml2-utils; do
	case " $first " in
	*" $pkg "*)
		echo "the README's first command installs $pkg, a test tool"
		fail=1 ;;
	esac
done
if [ $fail -eq 0 ]; then
	echo "3 passed, 0 failed"
else
	echo "0 passed, 1 failed"
fi
exit $fail
