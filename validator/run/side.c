/*
 * side.c: baselines and history.  A baseline is read before the first
 * page and written page by page through the sink; drift and coverage
 * need every page's summary, so they run once the pages are done.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "findings/diag.h"
#include "rules/drift.h"
#include "run/baseline.h"
#include "run/env.h"
#include "run/part.h"
#include "run/plan.h"
#include "run/side.h"
#include "run/sink.h"

int
side_baseline_load(const struct plan *pl, struct sink *sk,
    struct cl_error *err)
{
	if (pl->prune_baseline && pl->baseline == NULL) {
		cl_error_set(err, NULL, 0, 0,
		    "--prune-baseline needs --baseline FILE");
		return -1;
	}
	if (pl->baseline != NULL &&
	    (sk->bl = baseline_load(pl->baseline, pl->now, err)) == NULL)
		return -1;
	return 0;
}

int
side_baseline_create(const struct plan *pl, struct sink *sk,
    struct cl_error *err)
{
	if (pl->write_baseline != NULL && (sk->bo = baseline_create(
	    pl->write_baseline, pl->now, pl->baseline_reason, err)) == NULL)
		return -1;
	return 0;
}

int
side_baseline_finish(const struct plan *pl, struct sink *sk,
    struct cl_error *err)
{
	int	rc;

	if (sk->bl != NULL && pl->prune_baseline &&
	    baseline_prune(sk->bl, err) == -1)
		return -1;
	if (sk->bo != NULL) {
		rc = baseline_close(sk->bo, err);
		sk->bo = NULL;
		if (rc == -1)
			return -1;
	}
	return 0;
}

void
side_baseline_free(struct sink *sk)
{
	baseline_abort(sk->bo);
	baseline_free(sk->bl);
	sk->bo = NULL;
	sk->bl = NULL;
}

/* A previous record of this partition: one whose home is part K. */
static int
old_home(void *arg, const struct summary *s)
{
	const struct plan	*pl = arg;

	return part_home_summary(s, pl->part_n) == pl->part_k - 1;
}

int
side_history(const struct env *ev, struct summary *const *recs,
    size_t nrecs, struct diag *d, struct kept *kp, struct cl_error *err)
{
	const struct plan	*pl = ev->pl;

	if (pl->previous != NULL && drift_run_some(ev->cat, pl->previous,
	    pl->part_n != 0 ? old_home : NULL, (void *)pl, recs, nrecs, d,
	    err) == -1)
		return -1;
	kept_flush(kp, d);
	if (pl->coverage)
		coverage_print(stdout, recs, nrecs);
	if (pl->cov_write != NULL && coverage_write(pl->cov_write, recs,
	    nrecs, err) == -1)
		return -1;
	if (pl->cov_base != NULL && coverage_check(ev->cat, pl->cov_base,
	    recs, nrecs, d, err) == -1)
		return -1;
	kept_flush(kp, d);
	return 0;
}
