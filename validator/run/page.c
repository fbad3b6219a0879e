/*
 * page.c: the per-page stages for one page, in whatever thread runs
 * it.  A file that cannot be read becomes a finding, not an error: the
 * run goes on.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "extract/extract.h"
#include "findings/diag.h"
#include "knowledge/catalog.h"
#include "knowledge/profile.h"
#include "load/load.h"
#include "load/walk.h"
#include "record/record.h"
#include "rules/checks.h"
#include "run/cfg.h"
#include "run/env.h"
#include "run/page.h"
#include "run/part.h"
#include "run/plan.h"
#include "run/sink.h"
#include "sources/source.h"

static void
io_finding(struct diag *d, const struct catalog *cat, const char *id,
    const char *file, const struct cl_error *err)
{
	const struct rule	*r = catalog_find(cat, id);

	if (r == NULL || !r->enabled)
		return;
	diag_add(d, r->id, r->sev, file, 1, 1, NULL, NULL, NULL, "%s",
	    err->msg);
}

/* Site overrides of the config: change or drop a record's findings. */
static void
apply_site(const struct cfg *cf, const char *site, struct diag *d)
{
	size_t		i = 0;
	enum sev	s;

	while (i < d->n) {
		s = cfg_site_sev(cf, site, d->v[i].rule);
		if (s == SEV_NEVER) {
			diag_drop(d, i);
			continue;
		}
		if (s != SEV_NONE)
			d->v[i].sev = s;
		i++;
	}
}

static const char *
site_of(const struct profiles *ps, const struct record *r)
{
	const struct profile	*p;

	p = r->site != NULL ? profiles_get(ps, r->site) : NULL;
	return p != NULL ? p->id : NULL;
}

static void
check_record(const struct env *ev, struct record *r, struct diag *all)
{
	struct diag	d = { 0 };
	struct ctx	c;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.ps = ev->ps;
	c.cat = ev->cat;
	c.now = ev->pl->now;
	checks_page(ev->cat, &c, &d);
	apply_site(ev->pl->cf, r->site, &d);
	diag_move(all, &d);
}

void
page_check_file(const struct env *ev, const struct wfile *wf,
    struct diag *all, struct kept *keep, struct rfile *rf)
{
	struct load_opts	 lo;
	struct page		*pg;
	struct record		**rv;
	struct cl_error		 err;
	enum load_status	 ls;
	size_t			 i, n;

	rf->name = xstrdup(wf->path);
	rf->site = NULL;
	if (wf->error != NULL) {
		cl_error_set(&err, wf->path, 0, 0, "%s", wf->error);
		io_finding(all, ev->cat, "io.unreadable", wf->path, &err);
		return;
	}
	memset(&lo, 0, sizeof(lo));
	lo.max_size = ev->pl->max_size;
	ls = load_file(wf->path, &lo, &pg, &err);
	if (ls != LOAD_OK) {
		io_finding(all, ev->cat, ls == LOAD_TOO_LARGE ?
		    "io.too-large" : "io.unreadable", wf->path, &err);
		return;
	}
	n = extract_records(ev->ps, pg, &rv);
	page_free(pg);
	for (i = 0; i < n; i++)
		check_record(ev, rv[i], all);
	free(rf->name);
	rf->name = xstrdup(rv[0]->file);
	rf->site = site_of(ev->ps, rv[0]);
	if (keep != NULL)
		kept_page(keep, wf, rv, n, all);
	extract_records_free(rv, n);
}

static void
got_record(void *arg, struct record *r)
{
	struct rec_read	*rr = arg;
	int		 home = 1;

	/* A record of another part is skipped; one that is only evidence
	   here is kept for the corpus rules, not linted again. */
	if (rr->part_n != 0 && (home = part_home(r, rr->part_n) ==
	    rr->part_k) == 0 && !part_touches(r, rr->part_k, rr->part_n)) {
		record_free(r);
		return;
	}
	if (home)
		check_record(rr->ev, r, rr->d);
	/* A page of several models is several records in a row: one file. */
	if (home && (rr->nfiles == 0 ||
	    strcmp(rr->files[rr->nfiles - 1].name, r->file) != 0)) {
		xgrow(&rr->files, &rr->fcap, rr->nfiles + 1,
		    sizeof(*rr->files));
		rr->files[rr->nfiles].name = xstrdup(r->file);
		rr->files[rr->nfiles++].site = site_of(rr->ev->ps, r);
	}
	xgrow(&rr->recs, &rr->cap, rr->n + 1, sizeof(*rr->recs));
	xgrow(&rr->home, &rr->hcap, rr->n + 1, sizeof(*rr->home));
	rr->home[rr->n] = (unsigned char)home;
	rr->recs[rr->n++] = record_compact(r);
	record_free(r);
}

static void
bad_record(void *arg, unsigned line, const char *msg)
{
	struct rec_read		*rr = arg;
	const struct rule	*r;

	r = catalog_find(rr->ev->cat, "io.unreadable");
	if (r != NULL && r->enabled)
		diag_add(rr->d, r->id, r->sev, rr->path, line, 1, NULL, NULL,
		    NULL, "line %u is not a record: %s", line, msg);
}

void
page_read_records(struct rec_read *rr, const char *path)
{
	struct cl_error	err;

	rr->path = path;
	if (record_read_jsonl(path, got_record, bad_record, rr) == -1) {
		cl_error_set(&err, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		io_finding(rr->d, rr->ev->cat, "io.unreadable", path, &err);
	}
}

static void
bad_source(void *arg, const struct cl_error *err)
{
	struct rec_read		*rr = arg;
	const struct rule	*r;

	r = catalog_find(rr->ev->cat, "io.unreadable");
	if (r != NULL && r->enabled)
		diag_add(rr->d, r->id, r->sev, rr->path, err->line > 0 ?
		    err->line : 1, err->column > 0 ? err->column : 1, NULL,
		    NULL, NULL, "%s", err->msg);
}

void
page_read_source(struct rec_read *rr, const struct smap *m,
    const char *path)
{
	struct src_sink	sk;
	struct cl_error	err;
	int		rc;

	rr->path = path;
	sk.got = got_record;
	sk.bad = bad_source;
	sk.arg = rr;
	rc = src_read(m, rr->ev->ps, path, rr->ev->pl->max_size, &sk, &err);
	if (rc < 0)
		io_finding(rr->d, rr->ev->cat, rc == -2 ? "io.too-large" :
		    "io.unreadable", path, &err);
}
