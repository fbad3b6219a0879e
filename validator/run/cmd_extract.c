/*
 * cmd_extract.c: the extract command.  Every page of the shard, in walk
 * order, becomes one line of JSON on stdout, then every entry of each
 * catalogue (--source); a page or catalogue that cannot be read, or a
 * fault inside a catalogue, is reported and makes the exit status 1.  With --partition N the
 * records go to N part files instead (run/part.h), all committed at the
 * end or none; with --records the input is records already extracted
 * (a previous refresh to partition the same way).  With --trace each
 * record is followed by why each field was read or not (run/trace.h),
 * as text, or as one JSON object a record with --format json;
 * --profile NAME reads every page with that site profile.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/error.h"
#include "extract/extract.h"
#include "load/load.h"
#include "knowledge/profile.h"
#include "load/walk.h"
#include "record/record.h"
#include "run/catalogs.h"
#include "run/cmd.h"
#include "run/env.h"
#include "run/part.h"
#include "run/plan.h"
#include "run/trace.h"
#include "sources/source.h"

static void
emit(struct part_out *po, const struct record *r)
{
	json_t	*j;

	if (po != NULL) {
		part_out_record(po, r);
		return;
	}
	j = record_to_json(r);
	json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(j);
}

/* The trace of each record of a page, after the records. */
static void
emit_trace(const struct env *ev, struct trace *tr, const struct page *pg,
    struct record **rv, size_t n)
{
	json_t	*j;
	size_t	 i;
	int	 json = strcmp(ev->pl->format, "json") == 0;

	for (i = 0; i < n; i++) {
		j = trace_record(tr, ev->ps, pg, rv[i], i, n);
		if (json) {
			json_dumpf(j, stdout, JSON_COMPACT |
			    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
			fputc('\n', stdout);
		} else
			trace_print(stdout, j);
		json_decref(j);
	}
	trace_clear(tr);
}

/* One page to stdout or the parts; -1 if it cannot be read (err set). */
static int
extract_one(const struct env *ev, const struct wfile *wf,
    struct part_out *po, struct trace *tr, const struct profile *force,
    struct cl_error *err)
{
	struct load_opts	 lo;
	struct page		*pg;
	struct record		**rv;
	size_t			 i, n;

	if (wf->error != NULL) {
		cl_error_set(err, wf->path, 0, 0, "%s", wf->error);
		return -1;
	}
	memset(&lo, 0, sizeof(lo));
	lo.max_size = ev->pl->max_size;
	if (load_file(wf->path, &lo, &pg, err) != LOAD_OK)
		return -1;
	n = extract_records_with(ev->ps, pg, force, tr != NULL ?
	    trace_hook(tr) : NULL, &rv);
	if (tr != NULL)
		emit_trace(ev, tr, pg, rv, n);
	else
		for (i = 0; i < n; i++)
			emit(po, rv[i]);
	extract_records_free(rv, n);
	page_free(pg);
	return 0;
}

/* Catalogue entries go where page records go. */
struct xcat {
	const struct plan	*pl;
	struct part_out		*po;
	int			 n;	/* faults reported */
};

static void
got_entry(void *arg, struct record *r)
{
	struct xcat	*x = arg;

	emit(x->po, r);
	record_free(r);
}

static void
bad_entry(void *arg, const struct cl_error *err)
{
	struct xcat	*x = arg;

	x->pl->warn(err);
	x->n++;
}

/* Every catalogue's entries; 1 if any fault was reported. */
static int
extract_catalogs(const struct env *ev, const struct catalogs *cats,
    struct part_out *po)
{
	struct src_sink	sk;
	struct xcat	x;
	struct cl_error	err;
	size_t		i;

	x.pl = ev->pl;
	x.po = po;
	x.n = 0;
	sk.got = got_entry;
	sk.bad = bad_entry;
	sk.arg = &x;
	for (i = 0; i < cats->n; i++)
		if (src_read(cats->v[i].m, ev->ps, cats->v[i].path,
		    ev->pl->max_size, &sk, &err) < 0) {
			ev->pl->warn(&err);
			x.n++;
		}
	return x.n > 0;
}

/* --records: each record read back goes out again (to its parts). */
struct reroute {
	const struct plan	*pl;
	struct part_out		*po;
	const char		*path;
	int			 bad;
};

static void
reroute_got(void *arg, struct record *r)
{
	struct reroute	*rr = arg;

	emit(rr->po, r);
	record_free(r);
}

static void
reroute_bad(void *arg, unsigned line, const char *msg)
{
	struct reroute	*rr = arg;
	struct cl_error	 err;

	cl_error_set(&err, rr->path, line, 0, "not a record: %s", msg);
	rr->pl->warn(&err);
	rr->bad = 1;
}

static int
extract_records_in(const struct plan *pl, struct part_out *po)
{
	struct reroute	rr;
	struct cl_error	err;
	size_t		i;

	memset(&rr, 0, sizeof(rr));
	rr.pl = pl;
	rr.po = po;
	for (i = 0; i < pl->npaths; i++) {
		rr.path = pl->paths[i];
		if (record_read_jsonl(rr.path, reroute_got, reroute_bad,
		    &rr) == -1) {
			cl_error_set(&err, rr.path, 0, 0, "cannot open: %s",
			    strerror(errno));
			pl->warn(&err);
			rr.bad = 1;
		}
	}
	return rr.bad ? EXIT_FINDINGS : 0;
}

static int
extract_pages(const struct plan *pl, const struct env *ev, int operands,
    struct part_out *po)
{
	struct wlist		*wl;
	struct cl_error		 err;
	struct trace		*tr = NULL;
	const struct profile	*force = NULL;
	size_t			 i;
	int			 rc = 0;

	if (pl->profile != NULL &&
	    (force = profiles_get(ev->ps, pl->profile)) == NULL) {
		cl_error_set(&err, NULL, 0, 0, "--profile: no site profile "
		    "'%s' in %s/sites", pl->profile, ev->rulesdir);
		pl->warn(&err);
		return EXIT_USAGE;
	}
	if (pl->trace)
		tr = trace_new();
	wl = walk_paths(pl->paths, operands ? 0 : pl->npaths);
	for (i = 0; i < wl->n; i++) {
		if (!plan_in_shard(pl, i))
			continue;
		if (extract_one(ev, &wl->v[i], po, tr, force, &err) == -1) {
			pl->warn(&err);
			rc = EXIT_FINDINGS;
		}
	}
	walk_free(wl);
	trace_free(tr);
	return rc;
}

int
cmd_extract_exec(const struct plan *pl)
{
	struct env	 ev;
	struct catalogs	 cats;
	struct part_out	 po, *pp;
	struct cl_error	 err;
	int		 rc = 0;

	memset(&cats, 0, sizeof(cats));
	if (env_load(&ev, pl, &err) == -1 ||
	    cats_load(&cats, pl, ev.rulesdir, &err) == -1) {
		pl->warn(&err);
		cats_free(&cats);
		env_free(&ev);
		return EXIT_USAGE;
	}
	if (pl->npaths == 0 && cats.n == 0) {
		cl_error_set(&err, NULL, 0, 0, "%s: no input paths (use - "
		    "for stdin)", pl->cmd);
		pl->warn(&err);
		cats_free(&cats);
		env_free(&ev);
		return EXIT_USAGE;
	}
	if ((pl->trace || pl->profile != NULL) && (pl->records ||
	    pl->part_n != 0)) {
		cl_error_set(&err, NULL, 0, 0, "%s: --trace and --profile "
		    "read pages, not with --records or --partition",
		    pl->cmd);
		pl->warn(&err);
		cats_free(&cats);
		env_free(&ev);
		return EXIT_USAGE;
	}
	if (pl->part_n != 0 &&
	    part_out_open(&po, pl->out_dir, pl->part_n, &err) == -1) {
		pl->warn(&err);
		cats_free(&cats);
		env_free(&ev);
		return EXIT_USAGE;
	}
	pp = pl->part_n != 0 ? &po : NULL;
	rc = pl->records ? extract_records_in(pl, pp) :
	    extract_pages(pl, &ev, cats.operands, pp);
	if (extract_catalogs(&ev, &cats, pp) != 0)
		rc = EXIT_FINDINGS;
	/* A page that cannot be read is reported and the parts still
	   written, as extract on stdout goes on without it. */
	if (pp != NULL && part_out_commit(&po, &err) == -1) {
		pl->warn(&err);
		rc = EXIT_USAGE;
	}
	cats_free(&cats);
	env_free(&ev);
	return rc;
}
