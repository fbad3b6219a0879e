/*
 * cmd_extract.c: the extract command.  Every page of the shard, in walk
 * order, becomes one line of JSON on stdout; a page that cannot be read
 * is reported and makes the exit status 1.
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
#include "run/cmd.h"
#include "run/env.h"
#include "run/plan.h"

/* One page to stdout; -1 if it cannot be read (err set). */
static int
extract_one(const struct env *ev, const struct wfile *wf,
    struct cl_error *err)
{
	struct load_opts	 lo;
	struct page		*pg;
	struct record		**rv;
	size_t			 i, n;
	json_t			*j;

	if (wf->error != NULL) {
		cl_error_set(err, wf->path, 0, 0, "%s", wf->error);
		return -1;
	}
	memset(&lo, 0, sizeof(lo));
	lo.max_size = ev->pl->max_size;
	if (load_file(wf->path, &lo, &pg, err) != LOAD_OK)
		return -1;
	n = extract_records(ev->ps, pg, &rv);
	for (i = 0; i < n; i++) {
		j = record_to_json(rv[i]);
		json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(15));
		fputc('\n', stdout);
		json_decref(j);
	}
	extract_records_free(rv, n);
	page_free(pg);
	return 0;
}

int
cmd_extract_exec(const struct plan *pl)
{
	struct env	 ev;
	struct wlist	*wl;
	struct cl_error	 err;
	size_t		 i;
	int		 rc = 0;

	if (env_load(&ev, pl, &err) == -1) {
		pl->warn(&err);
		env_free(&ev);
		return EXIT_USAGE;
	}
	if (pl->npaths == 0) {
		cl_error_set(&err, NULL, 0, 0, "%s: no input paths (use - "
		    "for stdin)", pl->cmd);
		pl->warn(&err);
		env_free(&ev);
		return EXIT_USAGE;
	}
	wl = walk_paths(pl->paths, pl->npaths);
	for (i = 0; i < wl->n; i++) {
		if (!plan_in_shard(pl, i))
			continue;
		if (extract_one(&ev, &wl->v[i], &err) == -1) {
			pl->warn(&err);
			rc = EXIT_FINDINGS;
		}
	}
	walk_free(wl);
	env_free(&ev);
	return rc;
}
