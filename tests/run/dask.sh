#!/bin/sh
# The Dask recipe (contrib/dask, #19 item 5) on a LocalCluster of worker
# processes: the merged report equals one run over every page, with a
# worker process killed in the middle of the first run; drift and
# coverage added up.  Needs a python3 with Dask distributed (Debian:
# apt-get install python3-distributed): skipped without one (exit 77),
# except under CI=true, where it fails.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
CL="$top_builddir/cardlint"
cd "$top_srcdir" || exit 1

# A python3 that has distributed: $PYTHON, Debian's, then the PATH's.
py=
for p in ${PYTHON:-} /usr/bin/python3 python3; do
	if "$p" -c 'import distributed, cloudpickle' >/dev/null 2>&1; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	if [ "${CI:-}" = true ]; then
		echo "dask: FAIL: no python3 with Dask distributed under CI" \
		    "(apt-get install python3-distributed)"
		exit 1
	fi
	echo "dask: SKIP: no python3 with Dask distributed" \
	    "(apt-get install python3-distributed, or PYTHON=...)"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CC=${CC:-cc}
if ! $CC -std=c11 -O2 -o "$tmp/gen" bench/gen.c ||
    ! "$tmp/gen" -q -z -m "$tmp/manifest.tsv" "$tmp/corpus" 2000 1 \
    fixtures/pages >/dev/null; then
	echo "dask: FAIL: cannot make the generated corpus"
	exit 1
fi
# Dask's own logs (worker restarts) go to stderr; the verdicts to stdout.
TMPDIR=$tmp "$py" contrib/dask/test_cardlint_dask.py "$CL" rules \
    "$tmp/corpus" fixtures/pages -- fixtures/refresh/new \
    fixtures/refresh/old.jsonl fixtures/refresh/coverage-baseline.json \
    2>"$tmp/dask.log"
rc=$?
if [ $rc -ne 0 ]; then
	echo "dask: the recipe's test failed ($rc); its log:"
	tail -30 "$tmp/dask.log"
	exit 1
fi
