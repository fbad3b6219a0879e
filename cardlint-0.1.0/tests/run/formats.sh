#!/bin/sh
# The CI formats: JUnit validates against tests/schemas/junit.xsd and has
# a <failure> per finding at or above --fail-on; GitHub workflow commands
# are escaped and capped at 10 per severity plus one summary line; GitLab
# Code Quality is a JSON array with unique fingerprints.  Odd file names
# (space, comma, colon, percent, newline, ESC, a non-UTF-8 byte) must come
# out valid in every format.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
lint() { "$CL" check --rules rules --now 2026-11-22 -j 1 --quiet "$@"; }

if ! command -v xmllint >/dev/null 2>&1; then
	echo "formats.sh: xmllint missing (apt-get install libxml2-utils)"
	[ "$CI" = true ] && exit 1
	exit 77
fi

# Inputs: the seeds together, every fixture page, and odd names.
mkdir "$tmp/odd"
cp fixtures/pages/003_328e5b916ed2f340.txt "$tmp/odd/a b,c:d%e.txt"
cp fixtures/pages/002_c0268ff9b5d925ec.txt "$tmp/odd/$(printf 'nl\nesc\033[31m\377.txt')"
seeds=$(ls fixtures/pages/00[0-9]_*.txt)

n=0
for set in seeds pages odd; do
	case $set in
	seeds)	args=$seeds ;;
	pages)	args=fixtures/pages ;;
	odd)	args=$tmp/odd ;;
	esac
	for failon in error warning never; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		lint --fail-on $failon --format junit $args >"$tmp/j.xml"
		if xmllint --noout --schema tests/schemas/junit.xsd \
		    "$tmp/j.xml" 2>"$tmp/err"; then ok; else
			bad "junit $set --fail-on $failon: invalid"
			head -5 "$tmp/err"
		fi
		# shellcheck disable=SC2086
		lint --fail-on never --format json $args >"$tmp/f.json"
		want=$(python3 - "$tmp/f.json" $failon <<'PY'
import json, sys
rank = {"info": 1, "warning": 2, "error": 3, "never": 9}
d = json.load(open(sys.argv[1]))
print(sum(1 for f in d["findings"] if rank[f["severity"]] >=
    rank[sys.argv[2]]), d["files"])
PY
)
		got="$(grep -c '<failure ' "$tmp/j.xml") $(grep -c '<testsuite ' "$tmp/j.xml")"
		[ "$got" = "$want" ] && ok ||
		    bad "junit $set --fail-on $failon: failures/suites $got, expected $want"
	done

	# GitHub: one line per command, capped, escaped.
	# shellcheck disable=SC2086
	lint --format github $args >"$tmp/gh"
	python3 - "$tmp/gh" "$tmp/f.json" >"$tmp/err" 2>&1 <<'PY'
import json, re, sys
lines = open(sys.argv[1], "rb").read().decode("utf-8", "replace").split("\n")
assert lines[-1] == "", "no final newline"
lines = lines[:-1]
d = json.load(open(sys.argv[2]))
lvl = {"error": "error", "warning": "warning", "info": "notice"}
want = {}
for f in d["findings"]:
    want[lvl[f["severity"]]] = want.get(lvl[f["severity"]], 0) + 1
cmd = re.compile(r"^::(error|warning|notice) (file=[^:,]*,line=\d+,col=\d+,)?"
                 r"title=[^:,]*::[^\r\n]*$")
seen = {}
summary = [l for l in lines if l.startswith("::") and "title=cardlint::" in l]
for l in lines:
    assert cmd.match(l), "not a workflow command: %r" % l
    assert "\x1b" not in l, "raw ESC: %r" % l
    if l in summary:
        continue
    k = l[2:l.index(" ")]
    seen[k] = seen.get(k, 0) + 1
for k, n in want.items():
    assert seen.get(k, 0) == min(n, 10), "%s: %d shown, %d found" % (k, seen.get(k, 0), n)
hidden = sum(max(0, n - 10) for n in want.values())
assert len(summary) == (1 if hidden else 0), "summary lines: %d" % len(summary)
if hidden:
    assert ("%d more finding" % hidden) in summary[0], summary[0]
PY
	[ $? = 0 ] && ok || { bad "github $set"; cat "$tmp/err"; }

	# shellcheck disable=SC2086
	lint --format gitlab $args >"$tmp/gl.json"
	python3 - "$tmp/gl.json" "$tmp/f.json" >"$tmp/err" 2>&1 <<'PY'
import json, sys
issues = json.load(open(sys.argv[1]))
d = json.load(open(sys.argv[2]))
assert isinstance(issues, list)
assert len(issues) == len(d["findings"]), (len(issues), len(d["findings"]))
fps = set()
for i in issues:
    for k in ("description", "check_name", "fingerprint", "severity", "location"):
        assert k in i, "missing " + k
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert isinstance(i["location"]["path"], str)
    assert i["location"]["lines"]["begin"] >= 1
    assert i["fingerprint"] not in fps, "duplicate fingerprint " + i["fingerprint"]
    fps.add(i["fingerprint"])
PY
	[ $? = 0 ] && ok || { bad "gitlab $set"; cat "$tmp/err"; }
done

# Escaping, exactly: the odd names in GitHub properties.
lint --format github "$tmp/odd" >"$tmp/gh"
grep -q 'file=[^,]*/a b%2Cc%3Ad%25e\.txt,line=' "$tmp/gh" && ok ||
    bad "github: ',' ':' '%' not escaped in file=: $(head -1 "$tmp/gh")"
grep -q 'file=[^,]*/nl%0Aesc\\x1b\[31m' "$tmp/gh" && ok ||
    bad "github: newline or ESC in a file name not escaped"
# The summary line when the cap is hit (the seeds have 27 warnings).
# shellcheck disable=SC2086
lint --format github $seeds >"$tmp/gh"
[ "$(grep -c '^::warning file=' "$tmp/gh")" = 10 ] && ok ||
    bad "github: warnings not capped at 10"
grep -q '^::warning title=cardlint::17 more findings not annotated' \
    "$tmp/gh" && ok || bad "github: no summary line for 17 hidden"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
