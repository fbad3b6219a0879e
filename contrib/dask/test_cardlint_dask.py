#!/usr/bin/env python3
"""The Dask recipe against the one-machine run (run by tests/run/dask.sh).

    test_cardlint_dask.py CARDLINT RULES PAGES... -- REFRESH_NEW OLD.jsonl
        COVERAGE_BASELINE

Starts a LocalCluster of worker processes (processes=True), runs the
partitioned pipeline on each page set and kills one worker process in
the middle of the first run: the one holding the first shard that is
done, so Dask must run lost tasks again.  The merged report must equal
cardlint check over every page, byte for byte once sorted (and in
report order as merged); then the history run: drift against the
previous refresh and coverage added up, the merged coverage baseline
equal to the one-machine file.
"""

import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cardlint_dask  # noqa: E402

NOW = "2026-11-22"
failures = []


def one_machine(cardlint, rules, args):
    p = subprocess.run([cardlint, "check", "--rules", rules, "--now", NOW,
                        "--fail-on", "never", "--quiet"] + args,
                       stdout=subprocess.PIPE, check=True)
    return p.stdout


def compare(what, want, got):
    a = sorted(want.splitlines())
    b = sorted(got.splitlines())
    if a != b:
        failures.append(what)
        print("FAIL: %s: %d lines from one machine, %d from Dask"
              % (what, len(a), len(b)))
        for line in sorted(set(a) ^ set(b))[:10]:
            print("   ", line.decode("utf-8", "replace"))
    else:
        print("ok: %s (%d findings)" % (what, len(a)))
    if got != want and a == b:
        failures.append(what + ": not in report order")
        print("FAIL: %s: the merged report is not in the one run's order"
              % what)


def kill_one(client, shards):
    """Once the first shard is done, kill a worker process that is
    running a task (the one holding that shard if it is): the task it
    runs and the results it holds are lost and must be made again."""
    from distributed import as_completed
    first = next(iter(as_completed(shards)))
    holders = set(client.who_has([first]).get(first.key, ()))
    addr = None
    for _ in range(200):
        busy = [a for a, keys in client.processing().items() if keys]
        if busy:
            addr = sorted(busy, key=lambda a: a not in holders)[0]
            break
        time.sleep(0.01)
    if addr is None:
        failures.append("no worker was running a task to kill")
        return None
    pid = client.run(os.getpid, workers=[addr])[addr]
    os.kill(pid, signal.SIGKILL)
    print("killed worker %s (pid %d)%s" % (addr, pid, " holding " +
          first.key if addr in holders else ""))
    return addr


def _reruns(dask_scheduler=None):
    """Keys the scheduler sent to a worker more than once."""
    seen = {}
    for t in dask_scheduler.transition_log:
        if t[2] == "processing":
            seen[t[0]] = seen.get(t[0], 0) + 1
    return [k for k, n in seen.items() if n > 1]


def run(client, cardlint, rules, paths, nshards, nparts, kill=False,
        check_args=(), cov_args=None):
    common = ["--rules", rules, "--now", NOW]
    shards, parts, cov = cardlint_dask.submit(
        client, cardlint, paths, nshards, nparts, common,
        ["--fail-on", "never"] + list(check_args), cov_args)
    killed = kill_one(client, shards) if kill else None
    status, report, baseline = cardlint_dask.collect(parts, cov)
    if kill:
        if killed in client.scheduler_info()["workers"]:
            failures.append("the killed worker is still there")
        # What ran again on the other workers once it was gone.
        again = client.run_on_scheduler(_reruns)
        print("tasks run more than once: %s" % (sorted(again) or "none"))
        if not again:
            failures.append("no task ran again after the kill")
    for f in shards + parts + ([cov] if cov is not None else []):
        f.release()
    return status, report, baseline


def main(argv):
    from distributed import Client, LocalCluster
    import cloudpickle
    cloudpickle.register_pickle_by_value(cardlint_dask)

    sep = argv.index("--")
    cardlint, rules = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    pagesets = [os.path.abspath(p) for p in argv[3:sep]]
    new, old, covbase = [os.path.abspath(p) for p in argv[sep + 1:]]
    tmp = os.environ.get("TMPDIR", "/tmp")

    cluster = LocalCluster(n_workers=3, threads_per_worker=1,
                           processes=True, dashboard_address=None)
    client = Client(cluster)
    pids = client.run(os.getpid)
    if len(set(pids.values())) != 3 or os.getpid() in pids.values():
        failures.append("the workers are not separate processes")
    print("workers: %s" % sorted(pids.values()))
    try:
        for i, pages in enumerate(pagesets):
            want = one_machine(cardlint, rules, [pages])
            t = time.time()
            status, got, _ = run(client, cardlint, rules, [pages], 4, 3,
                                 kill=(i == 0))
            compare("%s (4 shards x 3 parts%s, %.1f s)" % (
                os.path.basename(pages), ", a worker killed" if i == 0
                else "", time.time() - t), want, got)
        # History: drift against the previous refresh, coverage added up.
        cov_one = os.path.join(tmp, "cardlint-dask-cov-%d.json" %
                               os.getpid())
        want = one_machine(cardlint, rules, [
            "--previous", old, "--coverage-baseline", covbase,
            "--write-coverage-baseline", cov_one, new])
        status, got, baseline = run(
            client, cardlint, rules, [new], 2, 3,
            check_args=["--previous", old],
            cov_args=["--coverage-baseline", covbase])
        compare("refresh: drift and coverage", want, got)
        with open(cov_one, "rb") as f:
            if f.read() != baseline:
                failures.append("merged coverage baseline")
                print("FAIL: the merged coverage baseline differs")
            else:
                print("ok: merged coverage baseline")
        os.unlink(cov_one)
    finally:
        client.close()
        cluster.close()
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
