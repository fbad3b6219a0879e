/*
 * cmd_rules.c: the rules and explain commands.  Both read only the
 * catalogue (with the settings file applied) and write to stdout.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "report/report.h"
#include "run/cmd.h"
#include "run/env.h"
#include "run/plan.h"

int
cmd_rules_exec(const struct plan *pl)
{
	struct env	ev;
	struct cl_error	err;
	int		rc = 0;

	if (env_load(&ev, pl, &err) == -1) {
		pl->warn(&err);
		rc = EXIT_USAGE;
	} else if (strcmp(pl->format, "json") == 0)
		rep_rules_json(stdout, ev.cat);
	else if (strcmp(pl->format, "markdown") == 0)
		rep_rules_markdown(stdout, ev.cat);
	else
		rep_rules_text(stdout, ev.cat);
	env_free(&ev);
	return rc;
}

int
cmd_explain_exec(const struct plan *pl)
{
	struct env	ev;
	struct cl_error	err;
	int		rc = EXIT_USAGE;

	if (env_load(&ev, pl, &err) == -1)
		pl->warn(&err);
	else if (pl->npaths != 1) {
		cl_error_set(&err, NULL, 0, 0, "explain takes one rule id");
		pl->warn(&err);
	} else if (rep_explain(stdout, ev.cat, pl->paths[0]) == -1) {
		cl_error_set(&err, NULL, 0, 0, "no rule '%s' (see cardlint "
		    "rules)", pl->paths[0]);
		pl->warn(&err);
	} else
		rc = 0;
	env_free(&ev);
	return rc;
}
