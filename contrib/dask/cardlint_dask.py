#!/usr/bin/env python3
"""cardlint on Dask distributed: the partitioned pipeline of a refresh.

    shards (map)      cardlint extract --shard S/NS --partition NP
                      each shard's records routed to NP key parts
    parts (reduce)    cardlint check --records --partition P/NP
                      fed part P of every shard
    merge (client)    the parts' reports merged in report order;
                      coverage added up by cardlint coverage

Every task is a pure function of its inputs: it works in a private
temporary directory, cardlint writes each part file through a temporary
file and a rename, and the task returns bytes, never a path.  A task
whose worker dies is run again by Dask and gives the same bytes; a part
is a value Dask holds once, so nothing is written half or counted
twice.  Only the pages (and --previous, --rules) must be readable at the
same paths on every worker.

    cardlint_dask.py [--scheduler ADDR | --local-workers N] \\
        [--shards NS] [--parts NP] [--cardlint PATH] [--output FILE] \\
        [--write-coverage-baseline FILE] [--check-arg=ARG ...] PATH...

Exit status: cardlint's (0, 1 with findings at or above --fail-on, 2 on
an error).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid

# A finding line of the text report: file:line:col: severity: message
# [rule].
LINE = re.compile(r"^(.*?):(\d+):(\d+): (error|warning|info): (.*?)"
                  r"(?: \[([^\]]*)\])?$")


def _run(argv, cwd=None):
    """cardlint with argv; (exit status, stdout bytes), raising on 2."""
    p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    if p.returncode not in (0, 1):
        raise RuntimeError("%s exited %d: %s" % (
            " ".join(argv), p.returncode,
            p.stderr.decode("utf-8", "replace").strip()))
    return p.returncode, p.stdout


def extract_shard(cardlint, cwd, common, paths, shard, nshards, nparts):
    """One page shard cut into nparts key parts: a list of bytes."""
    tmp = tempfile.mkdtemp(prefix="cardlint-shard-")
    try:
        _run([cardlint, "extract"] + common + [
            "--shard", "%d/%d" % (shard, nshards),
            "--partition", str(nparts), "--out-dir", tmp] + paths, cwd)
        out = []
        for k in range(1, nparts + 1):
            name = "part-%04d-of-%04d.jsonl" % (k, nparts)
            with open(os.path.join(tmp, name), "rb") as f:
                out.append(f.read())
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def route(shard, part):
    """Part `part` (1-based) of one shard's records."""
    return shard[part - 1]


def _spill(tmp, pattern, blobs):
    """Each blob into its own file under tmp (pattern takes 1, 2, ...)."""
    files = []
    for i, blob in enumerate(blobs):
        path = os.path.join(tmp, pattern % (i + 1))
        with open(path, "wb") as f:
            f.write(blob)
        files.append(path)
    return files


def check_part(cardlint, cwd, common, check_args, part, nparts, coverage,
               *pieces):
    """Part `part` of every shard, linted: (status, report, coverage)."""
    tmp = tempfile.mkdtemp(prefix="cardlint-part-")
    try:
        files = _spill(tmp, "shard-%04d.jsonl", pieces)
        argv = [cardlint, "check"] + common + check_args + [
            "--quiet", "--format", "text", "--records",
            "--partition", "%d/%d" % (part, nparts)]
        cov = os.path.join(tmp, "coverage.json")
        if coverage:
            argv += ["--write-coverage-baseline", cov]
        status, report = _run(argv + files, cwd)
        covbytes = None
        if coverage:
            with open(cov, "rb") as f:
                covbytes = f.read()
        return status, report, covbytes
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def merge_coverage(cardlint, cwd, common, cov_args, covs):
    """The parts' coverage added up: (status, stdout, baseline bytes)."""
    tmp = tempfile.mkdtemp(prefix="cardlint-cov-")
    try:
        files = _spill(tmp, "cov-%04d.json", covs)
        out = os.path.join(tmp, "coverage.json")
        status, text = _run([cardlint, "coverage"] + common + cov_args +
                            ["--quiet", "--format", "text",
                             "--write-coverage-baseline", out] +
                            files, cwd)
        with open(out, "rb") as f:
            return status, text, f.read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _key(line):
    """cardlint's report order: file, line, column, rule, message."""
    m = LINE.match(line)
    if m is None:
        return (line, 0, 0, "", "")
    return (m.group(1), int(m.group(2)), int(m.group(3)),
            m.group(6) or "", m.group(5))


def merge_reports(reports):
    """Text reports merged in report order (file, line, column)."""
    lines = []
    for r in reports:
        lines.extend(r.decode("utf-8", "surrogateescape").splitlines())
    lines.sort(key=_key)
    return "".join(l + "\n" for l in lines).encode("utf-8",
                                                   "surrogateescape")


def submit(client, cardlint, paths, nshards, nparts, common=(),
           check_args=(), cov_args=None, cwd=None):
    """The graph on client: (shard futures, part futures, coverage).
    cardlint runs in cwd (default: this one) on the workers, so that
    relative paths name the files they name here, and findings too."""
    cwd = cwd or os.getcwd()
    common = list(common)
    check_args = list(check_args)
    # One name per run: the pages may have changed since a run with
    # the same arguments, whose results the cluster may still hold.
    run = uuid.uuid4().hex[:12]
    shards = [client.submit(extract_shard, cardlint, cwd, common, list(paths),
                            s, nshards, nparts, pure=True,
                            key="cardlint-%s-extract-%d-of-%d" % (run, s,
                                                        nshards))
              for s in range(1, nshards + 1)]
    # The shuffle: part p of shard s goes to the check of part p only.
    pieces = [[client.submit(route, shards[s - 1], p, pure=True,
                             key="cardlint-%s-route-%d-%d" % (run, s, p))
               for s in range(1, nshards + 1)]
              for p in range(1, nparts + 1)]
    parts = [client.submit(check_part, cardlint, cwd, common, check_args, p,
                           nparts, cov_args is not None, *pieces[p - 1],
                           pure=True,
                           key="cardlint-%s-check-%d-of-%d" % (run, p,
                                                     nparts))
             for p in range(1, nparts + 1)]
    cov = None
    if cov_args is not None:
        covs = [client.submit(lambda r: r[2], f, pure=True,
                              key="cardlint-%s-cov-of-%d" % (run, i + 1))
                for i, f in enumerate(parts)]
        cov = client.submit(lambda *c: merge_coverage(
            cardlint, cwd, common, check_args + list(cov_args), c), *covs,
            pure=True, key="cardlint-%s-coverage" % run)
    return shards, parts, cov


def collect(parts, cov):
    """(exit status, merged report bytes, coverage baseline bytes)."""
    results = [f.result() for f in parts]
    status = max([r[0] for r in results] + [0])
    reports = [r[1] for r in results]
    baseline = None
    if cov is not None:
        cstatus, ctext, baseline = cov.result()
        status = max(status, cstatus)
        reports.append(ctext)
    return status, merge_reports(reports), baseline


def _write(path, data):
    """data to path through a temporary file and a rename."""
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cardlint-", dir=d)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scheduler", help="address of a running scheduler "
                    "(tcp://host:8786); default: a local cluster")
    ap.add_argument("--local-workers", type=int, default=2,
                    help="worker processes of the local cluster")
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--parts", type=int, default=4)
    ap.add_argument("--cardlint", default=shutil.which("cardlint") or
                    "cardlint", help="the binary, same path on workers")
    ap.add_argument("--rules", help="cardlint --rules DIR")
    ap.add_argument("--now", help="cardlint --now YYYY-MM-DD")
    ap.add_argument("--check-arg", action="append", default=[],
                    help="an option for every check (repeat; e.g. "
                    "--check-arg=--fail-on=warning)")
    ap.add_argument("--previous", help="drift against the previous "
                    "refresh's records (every part reads the whole file)")
    ap.add_argument("--coverage-baseline",
                    help="coverage.field-drop against FILE")
    ap.add_argument("--write-coverage-baseline",
                    help="the whole refresh's coverage baseline to FILE")
    ap.add_argument("--output", help="report to FILE (atomically)")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args(argv)

    from distributed import Client, LocalCluster
    import cloudpickle
    # Workers need not have this file: its functions travel by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])

    common = []
    if a.rules:
        common += ["--rules", a.rules]
    if a.now:
        common += ["--now", a.now]
    check_args = list(a.check_arg)
    if a.previous:
        check_args += ["--previous", a.previous]
    cov_args = None
    if a.coverage_baseline or a.write_coverage_baseline:
        cov_args = []
        if a.coverage_baseline:
            cov_args = ["--coverage-baseline", a.coverage_baseline]
    paths = a.paths
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.local_workers,
                               threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        cardlint = a.cardlint
        if os.sep in cardlint:
            cardlint = os.path.abspath(cardlint)
        _, parts, cov = submit(client, cardlint, paths,
                               a.shards, a.parts, common, check_args,
                               cov_args)
        status, report, baseline = collect(parts, cov)
    except RuntimeError as e:
        print("cardlint_dask: %s" % e, file=sys.stderr)
        return 2
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if a.write_coverage_baseline and baseline is not None:
        _write(a.write_coverage_baseline, baseline)
    if a.output:
        _write(a.output, report)
    else:
        sys.stdout.buffer.write(report)
    return status


if __name__ == "__main__":
    sys.exit(main())
