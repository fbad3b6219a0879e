#!/bin/sh
# The site template (#17 item 5): rules/sites/TEMPLATE.yaml.example is
# no profile where it lies (only *.yaml are loaded), and copied to
# sites/modelshelf.yaml it loads and reads the two saved pages of its
# made-up site as fixtures/expected/template_modelshelf.text says
# (extract --trace).  UPDATE=1 rewrites that file.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in
/*)	;;
*)	top_builddir=$(cd "$top_builddir" && pwd) ;;
esac
CL=$top_builddir/cardlint
EXP=fixtures/expected/template_modelshelf.text
PAGES="fixtures/trace/newsite_orca.txt fixtures/trace/newsite_heron.txt"
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

cd "$top_srcdir" || exit 1
# shellcheck disable=SC2086
site=$("$CL" extract --rules rules $PAGES |
    sed -n 's/.*"site":"\([^"]*\)".*/\1/p' | sort -u)
if [ "$site" != generic ]; then
	echo "template: the template was loaded as a profile (site: $site)"
	fail=1
fi
cp -R rules "$tmp/rules" &&
    cp rules/sites/TEMPLATE.yaml.example "$tmp/rules/sites/modelshelf.yaml" ||
    exit 1
chmod -R u+w "$tmp/rules"
# shellcheck disable=SC2086
if ! "$CL" extract --rules "$tmp/rules" --trace $PAGES >"$tmp/out" \
    2>"$tmp/err"; then
	echo "template: the copied template does not load:"
	cat "$tmp/err"
	fail=1
elif [ "${UPDATE:-0}" = 1 ]; then
	cp "$tmp/out" "$EXP" || exit 1
	echo "template: wrote $EXP"
elif ! cmp -s "$EXP" "$tmp/out"; then
	echo "template: extract --trace differs from $EXP:"
	diff -u "$EXP" "$tmp/out"
	fail=1
fi
# The README's "Adding a site" shows this output and the generic
# profile's trace of the first page: it must be what they print.
for f in fixtures/expected/trace_newsite_orca.txt.text "$EXP"; do
	sed '/newsite_heron/,$d' "$f" >"$tmp/shown"
	while IFS= read -r line; do
		if ! grep -qxF -- "$line" README.md; then
			echo "template: README.md does not show: $line"
			fail=1
		fi
	done <"$tmp/shown"
done
[ $fail = 0 ] &&
    echo "template: not loaded in place; copied, it reads both pages"
exit $fail
