#!/bin/sh
# SARIF: --format sarif validates against the OASIS SARIF 2.1.0 schema
# (tests/schemas/sarif-schema-2.1.0.json, python3-jsonschema) and says
# what --format json says: one rule per catalogue entry, one result per
# finding with the same rule, level, place, related places and
# fingerprint, ruleIndex pointing at its rule; baseline-suppressed
# findings kept and marked; odd file names as percent-encoded URIs; the
# file indented as one dump; the same bytes whatever -j is.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# Absolute rules: some runs start in a temporary directory.
lint() {
	"$CL" check --rules "$top/rules" --now 2026-11-22 --fail-on never \
	    --quiet "$@"
}

if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "sarif.sh: python3 jsonschema missing" \
	    "(apt-get install python3-jsonschema)"
	if [ "$CI" = true ]; then
		echo "FAIL: no SARIF validator, and CI=true"
		exit 1
	fi
	exit 77
fi

# check.py SCHEMA SARIF JSON RULES [--related] [--suppressed] [--name=HEX]
# validates SARIF against SCHEMA and compares it with the json report
# JSON of the same run and the rule list RULES; --name: every result's
# uri is the file name with these bytes.  Prints what is wrong and exits
# 1 if anything is.
cat >"$tmp/check.py" <<'PY'
import binascii, copy, json, re, sys, urllib.parse
import jsonschema

schema_path, sarif_path, json_path, rules_path = sys.argv[1:5]
opts = sys.argv[5:]
problems = []

def fail(msg):
    problems.append(msg)

schema = json.load(open(schema_path))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema, format_checker=jsonschema.FormatChecker())

def errors(doc):
    return sorted(validator.iter_errors(doc),
                  key=lambda e: [str(p) for p in e.absolute_path])

raw = open(sarif_path, "rb").read()
try:
    text = raw.decode("utf-8")
    doc = json.loads(text)
except ValueError as e:
    print("not UTF-8 JSON: %s" % e)
    sys.exit(1)

for e in errors(doc)[:20]:
    fail("schema: /%s: %s" % ("/".join(str(p) for p in e.absolute_path),
                              e.message[:300]))
# The validator must be able to say no, down to the $refs of a result.
broken = copy.deepcopy(doc)
broken.pop("version", None)
if not errors(broken):
    fail("validator accepts a log without version")
res0 = doc["runs"][0].get("results") or []
if res0:
    broken = copy.deepcopy(doc)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    if not errors(broken):
        fail("validator accepts a result with level 'fatal'")

if json.dumps(doc, indent=2, ensure_ascii=False) + "\n" != text:
    fail("not indented as one JSON_INDENT(2) dump")

run = doc["runs"][0]
rules = run["tool"]["driver"]["rules"]
want_rules = [r["id"] for r in json.load(open(rules_path))]
if [r["id"] for r in rules] != want_rules:
    fail("driver.rules: %d rules, `rules --format json` has %d"
         " (or another order)" % (len(rules), len(want_rules)))
levels = {"error": "error", "warning": "warning", "info": "note"}
for r in rules:
    for k in ("name", "shortDescription", "fullDescription", "help",
              "defaultConfiguration"):
        if k not in r:
            fail("rule %s: no %s" % (r["id"], k))
if run.get("invocations") != [{"executionSuccessful": True}]:
    fail("invocations: %r" % run.get("invocations"))

PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
NC = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-Fa-f]{2})"
# file:///abs/path, /abs/path or rel/path whose first segment has no ':'.
URIREF = re.compile(r"^(?:file://(?:/%s*)+|/(?:%s+(?:/%s*)*)?|%s+(?:/%s*)*)$"
                    % (PCHAR, PCHAR, PCHAR, NC, PCHAR))

def uri_of(loc):
    return loc["physicalLocation"]["artifactLocation"]["uri"]

def uri_bytes(uri):
    """The file name a uri stands for, as bytes; checks RFC 3986."""
    if not URIREF.match(uri):
        fail("uri %r is not an RFC 3986 URI reference" % uri)
    if uri.startswith("file://"):
        uri = uri[len("file://"):]
    return urllib.parse.unquote_to_bytes(uri)

def same_name(uri, name):
    """uri decodes to name; the json format shows a name that is not
    UTF-8 with U+FFFD, as the whole name or in place of the bad bytes."""
    got = uri_bytes(uri)
    if name == "\ufffd":
        return True
    if got == name.encode("utf-8"):
        return True
    return got.decode("utf-8", "replace") == name

findings = json.load(open(json_path))["findings"]
results = run["results"]
if len(results) != len(findings):
    fail("%d results, json has %d findings" % (len(results), len(findings)))
for i, (r, f) in enumerate(zip(results, findings)):
    where = "result %d (%s)" % (i, f["rule"])
    if r.get("ruleId") != f["rule"]:
        fail("%s: ruleId %r" % (where, r.get("ruleId")))
    ix = r.get("ruleIndex")
    if not isinstance(ix, int) or not 0 <= ix < len(rules) or \
            rules[ix]["id"] != r.get("ruleId"):
        fail("%s: ruleIndex %r does not name its rule" % (where, ix))
    if r.get("level") != levels[f["severity"]]:
        fail("%s: level %r for %s" % (where, r.get("level"), f["severity"]))
    if r.get("message", {}).get("text") != f["message"]:
        fail("%s: message differs" % where)
    pfp = r.get("partialFingerprints", {})
    if pfp.get("cardlint/v1") != f["fingerprint"]:
        fail("%s: partialFingerprints %r" % (where, pfp))
    loc = r["locations"][0]
    if not same_name(uri_of(loc), f["file"]):
        fail("%s: uri %r for %r" % (where, uri_of(loc), f["file"]))
    rg = loc["physicalLocation"].get("region", {})
    if f["line"] > 0 and (rg.get("startLine"), rg.get("startColumn")) != \
            (f["line"], f["column"] or None):
        fail("%s: region %r for %d:%d" % (where, rg, f["line"], f["column"]))
    rel = r.get("relatedLocations", [])
    if len(rel) != len(f["related"]):
        fail("%s: %d relatedLocations, %d related"
             % (where, len(rel), len(f["related"])))
    for k, (a, b) in enumerate(zip(rel, f["related"])):
        line = a["physicalLocation"].get("region", {}).get("startLine")
        if not same_name(uri_of(a), b["file"]) or \
                line != (b["line"] or None) or a.get("id") != k + 1 or \
                (b["value"] is not None and
                 b["value"] not in a["message"]["text"]):
            fail("%s: relatedLocations[%d] %r for %r" % (where, k, a, b))
    sup = r.get("suppressions")
    if bool(f.get("suppressed")) != bool(sup):
        fail("%s: suppressions %r, suppressed %r"
             % (where, sup, f.get("suppressed")))
    if "--suppressed" in opts and sup != [{"kind": "external",
            "justification": "acknowledged in the baseline"}]:
        fail("%s: not marked suppressed: %r" % (where, sup))
if "--related" in opts and not any("relatedLocations" in r for r in results):
    fail("no result has relatedLocations")
for o in opts:
    if o.startswith("--name="):
        want = binascii.unhexlify(o[len("--name="):])
        uris = {uri_of(r["locations"][0]) for r in results}
        if not results:
            fail("no results for the odd name")
        for u in uris:
            got = uri_bytes(u)
            if got != want and got.decode("utf-8", "replace") != \
                    want.decode("utf-8", "replace"):
                fail("uri %r is not %r" % (u, want))
            if re.search(r"[ ,:\x80-\uffff]", u.split("://", 1)[-1]):
                fail("uri %r is not percent-encoded" % u)
for p in problems[:30]:
    print(p)
sys.exit(1 if problems else 0)
PY
SCHEMA=tests/schemas/sarif-schema-2.1.0.json
"$CL" rules --rules rules --format json >"$tmp/rules.json" ||
    bad "rules --format json"

# sarif NAME [CHECK-OPTIONS] -- CHECK-ARGS: run the check in sarif and
# json (from directory $in), then check.py on the pair.
in=$top
sarif() {
	name=$1
	shift
	copts=
	while [ "$1" != -- ]; do copts="$copts $1"; shift; done
	shift
	(cd "$in" && lint --format sarif "$@") >"$tmp/out.sarif"
	rc=$?
	(cd "$in" && lint --format json "$@") >"$tmp/out.json"
	if [ $rc -ne 0 ]; then
		bad "$name: exit $rc"
		return
	fi
	# shellcheck disable=SC2086
	if python3 "$tmp/check.py" "$top/$SCHEMA" "$tmp/out.sarif" \
	    "$tmp/out.json" "$tmp/rules.json" $copts >"$tmp/err" 2>&1; then
		ok
	else
		bad "$name"
		sed 's/^/  /' "$tmp/err"
	fi
}

seeds=$(ls fixtures/pages/00[0-4]_*.txt)
# shellcheck disable=SC2086
sarif "seeds" --related -- $seeds
# shellcheck disable=SC2086
sarif "html pages" -- fixtures/pages/*.html
sarif "every fixture page" -- fixtures/pages
sarif "no findings" -- fixtures/pages/llmref_clean_llama.txt
# Drift against the previous refresh: related places in other records.
sarif "drift and coverage" --related -- --select 'drift.*,coverage.*' \
    --previous fixtures/refresh/old.jsonl \
    --coverage-baseline fixtures/refresh/coverage-baseline.json \
    fixtures/refresh/new

# One byte stream whatever the thread count.
# shellcheck disable=SC2086
lint -j 1 --format sarif $seeds >"$tmp/j1.sarif"
# shellcheck disable=SC2086
lint -j 4 --format sarif $seeds >"$tmp/j4.sarif"
cmp -s "$tmp/j1.sarif" "$tmp/j4.sarif" && ok || bad "-j 1 and -j 4 differ"

# Baseline: every finding acknowledged, all still in SARIF, marked.
# shellcheck disable=SC2086
lint --write-baseline "$tmp/b.json" $seeds >/dev/null
# shellcheck disable=SC2086
sarif "baseline" --related --suppressed -- --baseline "$tmp/b.json" $seeds

# Odd names: space, comma, colon and a byte that is not UTF-8, given
# relative (no scheme may appear to start at the colon) and absolute.
odd=$(printf 'a b,c:d\377.txt')
hex=$(printf '%s' "$odd" | od -An -tx1 | tr -d ' \n')
mkdir "$tmp/odd"
cp fixtures/pages/003_328e5b916ed2f340.txt "$tmp/odd/$odd"
in=$tmp/odd
sarif "odd name, relative" --name="$hex" -- "$odd"
in=$top
grep -q '"uri": "a%20b%2Cc%3Ad%' "$tmp/out.sarif" && ok ||
    bad "odd name: relative uri not a%20b%2Cc%3Ad%..." \
	"$(grep -m1 '"uri"' "$tmp/out.sarif")"
abs_hex=$(printf '%s' "$tmp/odd/$odd" | od -An -tx1 | tr -d ' \n')
sarif "odd name, absolute" --name="$abs_hex" -- "$tmp/odd/$odd"
grep -q '"uri": "file:///' "$tmp/out.sarif" && ok ||
    bad "odd name: absolute path not a file: URI"
# io.* findings carry the name as given: the raw byte is %FF.
sarif "odd name, too large" --name="$abs_hex" -- --max-size 100 "$tmp/odd"
grep -q '"uri": "file:///.*/a%20b%2Cc%3Ad%FF\.txt"' "$tmp/out.sarif" && ok ||
    bad "odd name: byte 0xFF not %FF: $(grep -m1 '"uri"' "$tmp/out.sarif")"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
