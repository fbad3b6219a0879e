#!/bin/sh
# The bash completion: options, formats, rule ids and commands complete
# from the binary under test.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
bc=/usr/share/bash-completion/bash_completion
if ! command -v bash >/dev/null 2>&1 || [ ! -f "$bc" ]; then
	if [ "${CI:-}" = true ]; then
		echo "completion: bash-completion is not installed"
		exit 1
	fi
	echo "completion: bash-completion not installed, skipped"
	exit 77
fi
bin=$(cd "$top_builddir" && pwd)/cardlint
# The binary under test reads the source tree's rules (distcheck builds
# elsewhere).
CARDLINT_RULES=$(cd "$top_srcdir" && pwd)/rules
export CARDLINT_RULES
fail=0
# complete WORDS... : what the completion offers for the last word.
complete_words() {
	bash -c '
	. "$1"; . "$2"; shift 2
	cardlint() { "$BIN" "$@"; }
	COMP_WORDS=("$BIN" "$@"); COMP_CWORD=$(($# ))
	COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
	_cardlint "$BIN" "${COMP_WORDS[COMP_CWORD]}" \
	    "${COMP_WORDS[COMP_CWORD-1]}"
	printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' sh "$bc" \
	    "$top_srcdir/contrib/bash-completion/cardlint" "$@"
}
expect() {
	want=$1
	shift
	got=$(BIN=$bin complete_words "$@" | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" != "$want" ]; then
		echo "completion: '$*' gave '$got', want '$want'"
		fail=1
	fi
}
expect '--fail-on --format' check --f
expect 'error' check --fail-on e
expect 'sarif' check --format sa
expect 'explain extract' ex
expect 'price.ratio' check --select price.rat
expect 'price.ratio' explain price.rat
expect '--no-color --no-progress --now' --n
[ $fail -eq 0 ] && echo "completion: 7 passed"
exit $fail
