#!/bin/sh
# Every rule of the catalogue has a fixture where it fires and a near miss
# where it must not (issue #4), and fixtures/rules/ stays in sync with the
# catalogue.  Naming: fixtures/rules/README.md.
#  1. each id has at least one fire case and one pass case;
#  2. a fire case reports the rule with --select ID and without --select
#     (so a rule shadowed by another is caught);
#  3. a pass case reports nothing of the rule and no error of any rule;
#  4. every file in fixtures/rules/ belongs to a real rule id, and every
#     data file is named by an .args file.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
D=fixtures/rules
# An empty config: a .cardlint.yaml above the tree must not change findings.
printf '{}\n' >"$tmp/none.yaml"
R="--rules rules --config $tmp/none.yaml --now 2026-11-22 --format json --fail-on never --quiet -j 1"

bad() {
	echo "FAIL: $*"
	fail=$((fail + 1))
}

if ! "$CL" rules --rules rules --format json >"$tmp/rules.json"; then
	bad "cardlint rules --format json failed"
	echo "$pass passed, $fail failed"
	exit 1
fi
ids=$(sed -n 's/^    "id": "\([^"]*\)",$/\1/p' "$tmp/rules.json")
if [ "$(echo "$ids" | grep -c .)" -lt 1 ]; then
	bad "no rule ids parsed from cardlint rules --format json"
fi

# run NAME [ARGS...]: check into $tmp/out; a usage error is a failure.
run() {
	name=$1
	shift
	# shellcheck disable=SC2086
	"$CL" check $R "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		bad "$name: exit $rc"
		sed 's/^/	/' "$tmp/err"
		return 1
	fi
	return 0
}

has_rule() {
	grep -qF "\"rule\": \"$1\"," "$tmp/out"
}

# cases ID KIND: the case paths of one kind, one per line.
cases() {
	for c in "$D/$1.$2" "$D/$1.$2.txt" "$D/$1.$2.html" "$D/$1.$2.jsonl" \
	    "$D/$1.$2.json" "$D/$1.$2.csv"; do
		[ -e "$c" ] && echo "$c"
	done
}

for id in $ids; do
	for kind in fire pass; do
		list=$(cases "$id" $kind)
		if [ -z "$list" ]; then
			bad "no $kind fixture for $id"
			continue
		fi
		args=
		if [ -f "$D/$id.$kind.args" ]; then
			args=$(sed -n 1p "$D/$id.$kind.args")
		fi
		for c in $list; do
			case $c in
			*.jsonl)
				case " $args " in
				*" --records "*|*" --source "*) ;;
				*)	bad "$c: a .jsonl case needs --records or --source in $id.$kind.args"
					continue ;;
				esac ;;
			*.json|*.csv)
				case " $args " in
				*" --source "*) ;;
				*)	bad "$c: a catalogue case needs --source KIND in $id.$kind.args"
					continue ;;
				esac ;;
			esac
			if [ $kind = fire ]; then
				# shellcheck disable=SC2086
				if run "$c --select $id" --select "$id" $args "$c"; then
					if has_rule "$id"; then
						pass=$((pass + 1))
					else
						bad "$c: $id does not fire with --select $id"
					fi
				fi
				# shellcheck disable=SC2086
				if run "$c" $args "$c"; then
					if has_rule "$id"; then
						pass=$((pass + 1))
					else
						bad "$c: $id does not fire without --select (shadowed?)"
					fi
				fi
			else
				# shellcheck disable=SC2086
				run "$c" $args "$c" || continue
				if has_rule "$id"; then
					bad "$c: $id fires on the near miss"
					grep -A 9 -F "\"rule\": \"$id\"," "$tmp/out" |
					    sed -n 's/^ *"message": /	/p'
				elif grep -qF '"severity": "error"' "$tmp/out"; then
					bad "$c: an error-severity finding on the near miss"
					sed -n 's/^ *"rule": /	/p' "$tmp/out"
				else
					pass=$((pass + 1))
				fi
			fi
		done
	done
done

# Every entry is ID.fire or ID.pass, alone (a directory case) or followed
# by .txt/.html/.jsonl/.json/.csv (a case), .args, or NAME.json/NAME.jsonl
# (data).
for p in "$D"/*; do
	[ -e "$p" ] || continue
	f=${p##*/}
	[ "$f" = README.md ] && continue
	known=
	for id in $ids; do
		case $f in
		"$id".fire|"$id".pass|"$id".fire.*|"$id".pass.*)
			known=$id
			break ;;
		esac
	done
	if [ -z "$known" ]; then
		bad "fixture for unknown rule $f"
		continue
	fi
	case $f in
	"$known".fire|"$known".pass)
		if [ -d "$p" ]; then pass=$((pass + 1))
		else bad "$f: a case without extension must be a directory"; fi ;;
	"$known".fire.txt|"$known".pass.txt|"$known".fire.html|"$known".pass.html|"$known".fire.jsonl|"$known".pass.jsonl|"$known".fire.json|"$known".pass.json|"$known".fire.csv|"$known".pass.csv|"$known".fire.args|"$known".pass.args)
		if [ -f "$p" ]; then pass=$((pass + 1))
		else bad "$f: not a regular file"; fi ;;
	"$known".fire.*.json|"$known".pass.*.json|"$known".fire.*.jsonl|"$known".pass.*.jsonl)
		if cat "$D"/*.args 2>/dev/null | grep -qF "$D/$f"; then
			pass=$((pass + 1))
		else
			bad "$f: data file named by no .args file"
		fi ;;
	*)	bad "$f: not a case, .args or data (.json/.jsonl) file name" ;;
	esac
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
