#!/bin/sh
# The GitHub Action (contrib/github-action/action.yml): it parses, is a
# well-formed composite action whose inputs are all used, defined and
# listed in the README, and its lint step, run here as the runner would
# run it, writes SARIF and reports cardlint's exit code.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
if ! python3 -c 'import yaml' 2>/dev/null; then
	if [ "${CI:-}" = true ]; then
		echo "action: python3-yaml is not installed"
		exit 1
	fi
	echo "action: python3-yaml not installed, skipped"
	exit 77
fi
exec python3 - "$top_srcdir" "$top_builddir" <<'PY'
import os, re, subprocess, sys, tempfile, json
import yaml

src, build = sys.argv[1], sys.argv[2]
path = os.path.join(src, "contrib/github-action/action.yml")
fails = []
with open(path) as f:
    act = yaml.safe_load(f)
for key in ("name", "description", "inputs", "runs"):
    if key not in act:
        fails.append("no top-level %r" % key)
runs = act.get("runs", {})
if runs.get("using") != "composite":
    fails.append("runs.using is not composite")
inputs = act.get("inputs", {})
for name, spec in inputs.items():
    if not spec.get("description"):
        fails.append("input %s has no description" % name)
    if spec.get("required") and "default" in spec:
        fails.append("required input %s has a default" % name)
text = open(path).read()
used = set(re.findall(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)", text))
for name in used - set(inputs):
    fails.append("inputs.%s is used but not defined" % name)
for name in set(inputs) - used:
    fails.append("input %s is defined but never used" % name)
steps = runs.get("steps", [])
for i, st in enumerate(steps):
    if "run" in st and "shell" not in st:
        fails.append("step %d runs without a shell" % i)
    if "uses" in st and not re.search(r"@v[0-9]", st["uses"]):
        fails.append("step %d uses %s without a version" % (i, st["uses"]))
# The README's table of inputs.
readme = open(os.path.join(src, "README.md")).read()
m = re.search(r"<!-- action-inputs:begin -->(.*?)<!-- action-inputs:end -->",
    readme, re.S)
listed = set()
if m:
    for row in m.group(1).splitlines():
        cell = row.split("|")[1].strip() if row.startswith("|") else ""
        if cell.startswith("`"):
            listed.add(cell.strip("`"))
if listed != set(inputs):
    fails.append("README action inputs %s differ from action.yml %s" %
        (sorted(listed), sorted(inputs)))

# The lint step as the runner runs it: env from the step, ${{ }} resolved.
lint = [s for s in steps if s.get("id") == "lint"]
if len(lint) != 1:
    fails.append("no single step with id lint")
else:
    st = lint[0]
    absrc = os.path.abspath(src)
    def resolve(v, given):
        v = v.replace("${{ github.action_path }}",
            os.path.join(absrc, "contrib/github-action"))
        return re.sub(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}",
            lambda m: given.get(m.group(1),
                str(inputs[m.group(1)].get("default", ""))), v)
    for page, want in (("llmref_clean_llama.txt", 0),
            ("003_328e5b916ed2f340.txt", 1)):
        with tempfile.TemporaryDirectory() as tmp:
            given = {"paths": os.path.join(absrc, "fixtures/pages", page),
                "sarif-file": os.path.join(tmp, "out.sarif"),
                "annotations": "true", "args": "--now 2026-11-22"}
            env = dict(os.environ)
            for k, v in st.get("env", {}).items():
                env[k] = resolve(str(v), given)
            env["CARDLINT"] = os.path.abspath(os.path.join(build, "cardlint"))
            env["CARDLINT_RULES"] = os.path.join(absrc, "rules")
            env["GITHUB_OUTPUT"] = os.path.join(tmp, "output")
            p = subprocess.run(["bash", "-e", "-c", st["run"]], env=env,
                capture_output=True, text=True)
            if p.returncode != 0:
                fails.append("%s: lint step exited %d: %s" % (page,
                    p.returncode, p.stderr))
                continue
            out = open(env["GITHUB_OUTPUT"]).read()
            if out != "exit-code=%d\n" % want:
                fails.append("%s: step output %r, want exit-code=%d" %
                    (page, out, want))
            sarif = json.load(open(given["sarif-file"]))
            n = len(sarif["runs"][0]["results"])
            if (n > 0) != (want == 1):
                fails.append("%s: %d SARIF results" % (page, n))
            if want == 1 and "::error " not in p.stdout:
                fails.append("%s: no ::error annotation" % page)
for f in fails:
    print("action: " + f)
if not fails:
    print("action: action.yml well-formed, %d inputs in README, lint step "
        "exit codes 0 and 1" % len(inputs))
sys.exit(1 if fails else 0)
PY
