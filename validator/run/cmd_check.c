/*
 * cmd_check.c: the check command, the pipeline of a run: walk (or read
 * --records) -> load -> extract -> page checks -> report; catalogues
 * (--source) join as records before the corpus rules.  Without a
 * stage that needs every page, each page is written as it is done;
 * otherwise findings wait in a spool while the corpus rules, drift and
 * coverage run, and the report is written from the spool.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "findings/diag.h"
#include "findings/spool.h"
#include "load/walk.h"
#include "record/normalize.h"
#include "record/record.h"
#include "report/report.h"
#include "run/catalogs.h"
#include "run/cmd.h"
#include "run/env.h"
#include "run/page.h"
#include "run/part.h"
#include "run/plan.h"
#include "run/pool.h"
#include "run/progress.h"
#include "run/side.h"
#include "run/sink.h"
#include "sources/map.h"

/* Everything a check run holds, freed by check_free(). */
struct check {
	const struct plan	*pl;
	struct env		 ev;
	struct wlist		*wl;		/* NULL with --records */
	struct diag		 d;
	struct sink		 sk;
	struct out		 ou;
	int			 opened;	/* ou */
	struct rfile		*files;
	size_t			 nfiles;
	struct summary		**recs;
	size_t			 nrecs;
	unsigned char		*home;		/* --partition: recs[i]'s */
	struct kept		 kp;
	struct catalogs		 cats;
	struct progress		 pg;
	struct rep_opts		 ro;
	char			 nowbuf[16];
};

/* The files of this shard, or the records read and checked. */
static void
check_inputs(struct check *c)
{
	const struct plan	*pl = c->pl;
	struct rec_read		 rr;
	size_t			 i;

	if (pl->records) {
		memset(&rr, 0, sizeof(rr));
		rr.ev = &c->ev;
		rr.d = &c->d;
		rr.part_n = pl->part_n;
		rr.part_k = pl->part_k - (pl->part_n != 0);
		for (i = 0; i < pl->npaths; i++)
			page_read_records(&rr, pl->paths[i]);
		c->recs = rr.recs;
		c->nrecs = rr.n;
		c->home = rr.home;
		c->nfiles = rr.nfiles + c->cats.n;
		c->files = rr.files;
		return;
	}
	/* With --source KIND the PATHs are catalogues, not pages. */
	c->wl = walk_paths(pl->paths, c->cats.operands ? 0 : pl->npaths);
	for (i = 0; i < c->wl->n; i++)
		if (plan_in_shard(pl, i))
			c->nfiles++;
	c->nfiles += c->cats.n;
}

/*
 * Each catalogue's entries are checked as they are read and kept as
 * summaries beside the pages'; the catalogue is one file of the report,
 * its site the mapping's name.
 */
static void
check_catalogs(struct check *c)
{
	struct rec_read	 rr;
	struct rfile	*rf;
	size_t		 i, j, nf;

	nf = c->nfiles - c->cats.n;
	c->files = xreallocarray(c->files, c->nfiles + 1, sizeof(*c->files));
	for (i = 0; i < c->cats.n; i++) {
		memset(&rr, 0, sizeof(rr));
		rr.ev = &c->ev;
		rr.d = &c->d;
		page_read_source(&rr, c->cats.v[i].m, c->cats.v[i].path);
		c->recs = xreallocarray(c->recs, c->nrecs + rr.n + 1,
		    sizeof(*c->recs));
		for (j = 0; j < rr.n; j++)
			c->recs[c->nrecs++] = rr.recs[j];
		for (j = 0; j < rr.nfiles; j++)
			free(rr.files[j].name);
		free(rr.recs);
		free(rr.files);
		free(rr.home);
		rf = &c->files[nf + i];
		rf->name = xstrdup(c->cats.v[i].path);
		rf->site = c->cats.v[i].m->name;
	}
}

static void
check_report_opts(struct check *c)
{
	const struct plan	*pl = c->pl;

	memset(&c->ro, 0, sizeof(c->ro));
	c->ro.version = PACKAGE_VERSION;
	c->ro.files = c->nfiles;
	c->ro.cat = c->ev.cat;
	norm_date_iso(pl->now, c->nowbuf, sizeof(c->nowbuf));
	c->ro.now = c->nowbuf;
	c->ro.fail_on = pl->fail_on;
	c->ro.color = !pl->no_color && pl->output == NULL &&
	    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
}

static int
check_open_report(struct check *c, struct cl_error *err)
{
	if (out_open(&c->ou, c->pl->output, err) == -1)
		return -1;
	c->opened = 1;
	c->sk.rp = rep_open(c->pl->format, c->ou.fp, &c->ro);
	return 0;
}

/* Per-page mode: every page is written as it is done. */
static int
check_pages(struct check *c, struct cl_error *err)
{
	if (check_open_report(c, err) == -1)
		return -1;
	progress_start(&c->pg, c->pl, c->nfiles);
	pool_pages(&c->ev, c->wl, &c->sk, NULL, &c->pg, &c->d, &c->recs,
	    &c->nrecs, &c->files);
	progress_end(&c->pg);
	return 0;
}

/*
 * --partition K/N: what the corpus rules of part K see of each record
 * (views), and the records whose home is K (homes, borrowed), which
 * drift and coverage count.
 */
static void
check_part_split(const struct check *c, struct summary ***views,
    size_t *nv, struct summary ***homes, size_t *nh)
{
	const struct plan	*pl = c->pl;
	struct summary		*v;
	size_t			 i;

	*views = xcalloc(c->nrecs + 1, sizeof(**views));
	*homes = xcalloc(c->nrecs + 1, sizeof(**homes));
	*nv = *nh = 0;
	for (i = 0; i < c->nrecs; i++) {
		v = part_view(c->recs[i], pl->part_k - 1, pl->part_n);
		if (v != NULL)
			(*views)[(*nv)++] = v;
		if (c->home[i])
			(*homes)[(*nh)++] = c->recs[i];
	}
}

/* Findings wait in the spool, in batches, until the end. */
static int
check_corpus(struct check *c, int keep, struct cl_error *err)
{
	const struct plan	*pl = c->pl;
	struct summary		**views, **homes;
	size_t			 nv, nh, i;
	int			 rc;

	kept_init(&c->kp, c->wl);
	if (!pl->records) {
		progress_start(&c->pg, pl, c->nfiles);
		pool_pages(&c->ev, c->wl, NULL, &c->kp, &c->pg, &c->d,
		    &c->recs, &c->nrecs, &c->files);
		progress_note(&c->pg, c->nfiles, "comparing sources");
	}
	if (c->cats.n > 0)
		check_catalogs(c);
	kept_flush(&c->kp, &c->d);
	views = homes = c->recs;
	nv = nh = c->nrecs;
	if (pl->part_n != 0)
		check_part_split(c, &views, &nv, &homes, &nh);
	if (keep && pl->shard_n == 0)
		pool_corpus(&c->ev, views, nv, pl->jobs, &c->kp);
	rc = side_history(&c->ev, &c->cats, homes, nh, &c->d, &c->kp, err);
	if (pl->part_n != 0) {
		for (i = 0; i < nv; i++)
			summary_free(views[i]);
		free(views);
		free(homes);
	}
	if (rc == -1)
		return -1;
	if (spool_finish(c->kp.sp, err) == -1)
		return -1;
	progress_end(&c->pg);
	if (check_open_report(c, err) == -1)
		return -1;
	return pool_emit(&c->sk, c->files, c->nfiles, c->kp.sp, pl->jobs,
	    err);
}

static int
totals_failed(const struct rep_totals *t, enum sev fail_on)
{
	int	s;

	for (s = SEV_INFO; s <= SEV_ERROR; s++)
		if (s >= (int)fail_on && t->sev[s] > 0)
			return 1;
	return 0;
}

/* The report and the baselines committed: the exit status, or -1 (err
   empty if the report's writer already failed without a message). */
static int
check_finish(struct check *c, struct cl_error *err)
{
	int	wrote;

	wrote = rep_close(c->sk.rp, &c->sk.t);
	c->sk.rp = NULL;
	c->opened = 0;
	memset(err, 0, sizeof(*err));
	if (out_close(&c->ou, 1, err) == -1 || wrote == -1)
		return -1;
	if (side_baseline_finish(c->pl, &c->sk, err) == -1)
		return -1;
	if (!c->pl->quiet)
		rep_text_summary(stderr, &c->sk.t);
	return totals_failed(&c->sk.t, c->pl->fail_on) ? EXIT_FINDINGS : 0;
}

static void
check_free(struct check *c)
{
	struct cl_error	err;
	size_t		i;

	if (c->sk.rp != NULL)
		rep_close(c->sk.rp, &c->sk.t);
	if (c->opened && out_close(&c->ou, 0, &err) == -1)
		c->pl->warn(&err);
	side_baseline_free(&c->sk);
	for (i = 0; c->files != NULL && i < c->nfiles; i++)
		free(c->files[i].name);
	free(c->files);
	for (i = 0; i < c->nrecs; i++)
		summary_free(c->recs[i]);
	free(c->recs);
	free(c->home);
	kept_done(&c->kp);
	progress_end(&c->pg);
	diag_free(&c->d);
	walk_free(c->wl);
	cats_free(&c->cats);
	env_free(&c->ev);
}

/* Everything up to the report: -1 with err set. */
static int
check_run(struct check *c, struct cl_error *err)
{
	const struct plan	*pl = c->pl;
	int			 keep;

	if (env_load(&c->ev, pl, err) == -1 ||
	    cats_load(&c->cats, pl, c->ev.rulesdir, err) == -1)
		return -1;
	if (pl->npaths == 0 && c->cats.n == 0) {
		cl_error_set(err, NULL, 0, 0, "%s: no input paths (use - "
		    "for stdin)", pl->cmd);
		return -1;
	}
	/* A part holds records routed by model key; a catalogue goes into
	   the parts with extract --source --partition. */
	if (pl->part_n != 0 && c->cats.n > 0) {
		cl_error_set(err, NULL, 0, 0, "check --partition reads parts "
		    "only: route catalogues into the parts with extract "
		    "--source KIND --partition N");
		return -1;
	}
	if (env_select(&c->ev, err) == -1)
		return -1;
	/* Records are kept only for a stage that needs every page. */
	keep = (env_corpus_wanted(&c->ev) && pl->shard_n == 0) ||
	    pl->previous != NULL || pl->cov_base != NULL ||
	    pl->cov_write != NULL || pl->coverage || c->cats.n > 0;
	if (side_baseline_load(pl, &c->sk, err) == -1)
		return -1;
	check_inputs(c);
	check_report_opts(c);
	c->sk.t.files = c->nfiles;
	if (side_baseline_create(pl, &c->sk, err) == -1)
		return -1;
	if (!pl->records && !keep)
		return check_pages(c, err);
	return check_corpus(c, keep, err);
}

int
cmd_check_exec(const struct plan *pl)
{
	struct check	c;
	struct cl_error	err;
	int		rc = -1;

	memset(&c, 0, sizeof(c));
	memset(&err, 0, sizeof(err));
	c.pl = pl;
	if (check_run(&c, &err) == 0)
		rc = check_finish(&c, &err);
	progress_end(&c.pg);
	if (rc == -1) {
		if (err.msg[0] != '\0')
			pl->warn(&err);
		rc = EXIT_USAGE;
	}
	check_free(&c);
	return rc;
}
