/*
 * cmd_extract.c: the extract command.  Every page of the shard, in walk
 * order, becomes one line of JSON on stdout, then every entry of each
 * catalogue (--source); a page or catalogue that cannot be read, or a
 * fault inside a catalogue, is reported and makes the exit status 1.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "base/error.h"
#include "extract/extract.h"
#include "load/load.h"
#include "load/walk.h"
#include "record/record.h"
#include "run/catalogs.h"
#include "run/cmd.h"
#include "run/env.h"
#include "run/plan.h"
#include "sources/source.h"

static void
print_record(struct record *r)
{
	json_t	*j;

	j = record_to_json(r);
	json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(j);
}

/* One page to stdout; -1 if it cannot be read (err set). */
static int
extract_one(const struct env *ev, const struct wfile *wf,
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
	n = extract_records(ev->ps, pg, &rv);
	for (i = 0; i < n; i++)
		print_record(rv[i]);
	extract_records_free(rv, n);
	page_free(pg);
	return 0;
}

static void
got_entry(void *arg, struct record *r)
{
	(void)arg;
	print_record(r);
	record_free(r);
}

struct xfaults {
	const struct plan	*pl;
	int			 n;
};

static void
bad_entry(void *arg, const struct cl_error *err)
{
	struct xfaults	*x = arg;

	x->pl->warn(err);
	x->n++;
}

/* Every catalogue's entries; 1 if any fault was reported. */
static int
extract_catalogs(const struct env *ev, const struct catalogs *cats)
{
	struct src_sink	sk;
	struct xfaults	x;
	struct cl_error	err;
	size_t		i;

	x.pl = ev->pl;
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

int
cmd_extract_exec(const struct plan *pl)
{
	struct env	 ev;
	struct catalogs	 cats;
	struct wlist	*wl;
	struct cl_error	 err;
	size_t		 i;
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
	wl = walk_paths(pl->paths, cats.operands ? 0 : pl->npaths);
	for (i = 0; i < wl->n; i++) {
		if (!plan_in_shard(pl, i))
			continue;
		if (extract_one(&ev, &wl->v[i], &err) == -1) {
			pl->warn(&err);
			rc = EXIT_FINDINGS;
		}
	}
	walk_free(wl);
	if (extract_catalogs(&ev, &cats) != 0)
		rc = EXIT_FINDINGS;
	cats_free(&cats);
	env_free(&ev);
	return rc;
}
