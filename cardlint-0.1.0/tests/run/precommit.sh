#!/bin/sh
# The pre-commit hook: `pre-commit try-repo` on a scratch repository
# passes with a good page and fails with a bad one.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
if ! command -v pre-commit >/dev/null 2>&1 ||
    ! command -v git >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "precommit: pre-commit or git is not installed"
		exit 1
	fi
	echo "precommit: pre-commit not installed, skipped"
	exit 77
fi
src=$(cd "$top_srcdir" && pwd)
bin=$(cd "$top_builddir" && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
export PRE_COMMIT_HOME="$tmp/cache" PATH="$bin:$PATH" \
    CARDLINT_RULES="$src/rules" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t GIT_CONFIG_NOSYSTEM=1 \
    HOME="$tmp"
# The hook repository: only the hooks file, committed.
mkdir "$tmp/hooks"
cp "$src/.pre-commit-hooks.yaml" "$tmp/hooks/"
(cd "$tmp/hooks" && git init -q && git add . && git commit -qm hooks) ||
    exit 1
fail=0
run() {
	page=$1 want=$2
	rm -rf "$tmp/work"
	mkdir -p "$tmp/work/pages"
	cp "$src/fixtures/pages/$page" "$tmp/work/pages/"
	echo "not a page" >"$tmp/work/notes.rst"
	(cd "$tmp/work" && git init -q && git add . &&
	    pre-commit try-repo "$tmp/hooks" cardlint --all-files \
	    >"$tmp/out" 2>&1)
	rc=$?
	if [ $rc -ne "$want" ]; then
		echo "precommit: $page: exit $rc, want $want"
		cat "$tmp/out"
		fail=1
	fi
}
run llmref_clean_llama.txt 0
run 003_328e5b916ed2f340.txt 1
grep -q 'price\.\|\[' "$tmp/out" || {
	echo "precommit: the failing run shows no finding"; fail=1; }
[ -n "${VERBOSE:-}" ] && cat "$tmp/out"
[ $fail -eq 0 ] && echo "precommit: good page 0, bad page 1"
exit $fail
