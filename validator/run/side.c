/*
 * side.c: baselines and history.  A baseline is read before the first
 * page and written page by page through the sink; drift and coverage
 * need every page's summary, so they run once the pages are done.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "findings/diag.h"
#include "record/record.h"
#include "rules/drift.h"
#include "run/baseline.h"
#include "run/catalogs.h"
#include "run/env.h"
#include "run/part.h"
#include "run/plan.h"
#include "run/side.h"
#include "run/sink.h"
#include "sources/source.h"

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

/* The previous catalogue's entries as summaries; the first fault. */
struct prev_cat {
	struct summary	**v;
	size_t		 n;
	size_t		 cap;
	struct cl_error	 bad;
};

static void
prev_got(void *arg, struct record *r)
{
	struct prev_cat	*p = arg;

	xgrow(&p->v, &p->cap, p->n + 1, sizeof(*p->v));
	p->v[p->n++] = record_compact(r);
	record_free(r);
}

static void
prev_bad(void *arg, const struct cl_error *e)
{
	struct prev_cat	*p = arg;

	if (p->bad.msg[0] == '\0')
		p->bad = *e;
}

/*
 * The mapping --previous is read through: the run's one kind when every
 * input is a catalogue of that kind, else NULL (the previous refresh is
 * records, as cardlint extract writes them).
 */
static const struct smap *
prev_kind(const struct plan *pl, const struct catalogs *cats)
{
	size_t	i;

	if (cats == NULL || cats->n == 0 || (!cats->operands &&
	    pl->npaths > 0) || pl->records)
		return NULL;
	for (i = 1; i < cats->n; i++)
		if (cats->v[i].m != cats->v[0].m)
			return NULL;
	return cats->v[0].m;
}

/* --previous OLD read as the same catalogue: every entry, whole. */
static int
prev_catalog(const struct env *ev, const struct catalogs *cats,
    const struct smap *m, struct summary *const *recs, size_t nrecs,
    struct diag *d, struct cl_error *err)
{
	const struct plan	*pl = ev->pl;
	struct prev_cat		 p;
	struct src_sink		 sk = { prev_got, prev_bad, NULL };
	size_t			 i;
	int			 rc;

	memset(&p, 0, sizeof(p));
	sk.arg = &p;
	rc = src_read(m, ev->ps, pl->previous, 0, &sk, err);
	if (rc == 0 && p.bad.msg[0] != '\0') {
		/* Half a previous version would report entries as lost. */
		*err = p.bad;
		rc = -1;
	}
	if (rc == 0)
		drift_catalog(ev->cat, p.v, p.n, recs, nrecs, cats->n == 1 ?
		    cats->v[0].path : NULL, d);
	for (i = 0; i < p.n; i++)
		summary_free(p.v[i]);
	free(p.v);
	return rc == 0 ? 0 : -1;
}

int
side_history(const struct env *ev, const struct catalogs *cats,
    struct summary *const *recs, size_t nrecs, struct diag *d,
    struct kept *kp, struct cl_error *err)
{
	const struct plan	*pl = ev->pl;
	const struct smap	*m = prev_kind(pl, cats);

	if (pl->previous != NULL && m != NULL) {
		if (prev_catalog(ev, cats, m, recs, nrecs, d, err) == -1)
			return -1;
	} else if (pl->previous != NULL && drift_run_some(ev->cat,
	    pl->previous, pl->part_n != 0 ? old_home : NULL, (void *)pl,
	    recs, nrecs, d, err) == -1)
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
