/*
 * cmd_coverage.c: the coverage command, the last step of a partitioned
 * run.  Coverage counts across all pages, so each part writes its own
 * counts (check --records --partition K/N --write-coverage-baseline
 * PART.json) and this adds them up: the table (--coverage, or when
 * nothing else is asked), the baseline of the whole refresh
 * (--write-coverage-baseline, the file one run over every page writes)
 * and coverage.field-drop against a pinned baseline, reported in
 * --format like check's findings.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/error.h"
#include "findings/diag.h"
#include "record/normalize.h"
#include "report/report.h"
#include "rules/drift.h"
#include "run/cmd.h"
#include "run/env.h"
#include "run/plan.h"
#include "run/sink.h"

/* Every part's counts added into sites; -1 with err set. */
static int
coverage_parts(const struct plan *pl, json_t *sites, struct cl_error *err)
{
	json_t		*root;
	json_error_t	 je;
	size_t		 i;
	int		 rc;

	for (i = 0; i < pl->npaths; i++) {
		root = json_load_file(pl->paths[i], 0, &je);
		if (root == NULL || !json_is_object(json_object_get(root,
		    "sites"))) {
			cl_error_set(err, pl->paths[i], root == NULL ?
			    (unsigned)je.line : 0, 0, "not a coverage file: "
			    "%s", root == NULL ? je.text : "no 'sites' object");
			json_decref(root);
			return -1;
		}
		rc = coverage_add(sites, json_object_get(root, "sites"),
		    pl->paths[i], err);
		json_decref(root);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* coverage.field-drop of the whole against --coverage-baseline, as a
   report; the exit status, or -1 with err set. */
static int
coverage_report(const struct plan *pl, const struct env *ev,
    const json_t *sites, struct cl_error *err)
{
	struct diag	 d;
	struct sink	 sk;
	struct out	 ou;
	struct rep_opts	 ro;
	char		 now[16];
	int		 wrote, s, rc = 0;

	memset(&d, 0, sizeof(d));
	memset(&sk, 0, sizeof(sk));
	if (coverage_check_sites(ev->cat, pl->cov_base, sites, &d,
	    err) == -1 || out_open(&ou, pl->output, err) == -1) {
		diag_free(&d);
		return -1;
	}
	diag_sort(&d);
	memset(&ro, 0, sizeof(ro));
	ro.version = PACKAGE_VERSION;
	ro.cat = ev->cat;
	norm_date_iso(pl->now, now, sizeof(now));
	ro.now = now;
	ro.fail_on = pl->fail_on;
	ro.color = !pl->no_color && pl->output == NULL &&
	    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	sk.rp = rep_open(pl->format, ou.fp, &ro);
	if (d.n > 0)
		sink_page(&sk, pl->cov_base, NULL, d.v, d.n, NULL);
	wrote = rep_close(sk.rp, &sk.t);
	diag_free(&d);
	memset(err, 0, sizeof(*err));
	if (out_close(&ou, wrote != -1, err) == -1 || wrote == -1)
		return -1;
	if (!pl->quiet)
		rep_text_summary(stderr, &sk.t);
	for (s = SEV_INFO; s <= SEV_ERROR; s++)
		if (s >= (int)pl->fail_on && sk.t.sev[s] > 0)
			rc = EXIT_FINDINGS;
	return rc;
}

int
cmd_coverage_exec(const struct plan *pl)
{
	struct env	 ev;
	struct cl_error	 err;
	json_t		*sites = json_object();
	int		 rc = 0;

	memset(&err, 0, sizeof(err));
	if (env_load(&ev, pl, &err) == -1 || env_select(&ev, &err) == -1)
		rc = -1;
	else if (pl->npaths == 0) {
		cl_error_set(&err, NULL, 0, 0, "coverage: no part files (each "
		    "written by check --partition K/N "
		    "--write-coverage-baseline FILE)");
		rc = -1;
	} else if (coverage_parts(pl, sites, &err) == -1)
		rc = -1;
	if (rc == 0 && (pl->coverage || (pl->cov_write == NULL &&
	    pl->cov_base == NULL)))
		coverage_print_sites(stdout, sites);
	if (rc == 0 && pl->cov_write != NULL &&
	    coverage_write_sites(pl->cov_write, sites, &err) == -1)
		rc = -1;
	if (rc == 0 && pl->cov_base != NULL)
		rc = coverage_report(pl, &ev, sites, &err);
	if (rc == -1) {
		if (err.msg[0] != '\0')
			pl->warn(&err);
		rc = EXIT_USAGE;
	}
	json_decref(sites);
	env_free(&ev);
	return rc;
}
