/*
 * env.c: loading what a run works with.  The catalogue is loaded here
 * and nowhere else, so how rules are bound to check kinds is decided in
 * one place.
 */
#include "config.h"

#include <sys/stat.h>

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "base/error.h"
#include "base/rx.h"
#include "base/xalloc.h"
#include "knowledge/catalog.h"
#include "knowledge/profile.h"
#include "load/load.h"
#include "rules/checks.h"
#include "run/cfg.h"
#include "run/env.h"
#include "run/plan.h"

static int
file_exists(const char *p)
{
	struct stat	st;

	return stat(p, &st) == 0;
}

/* --rules, $CARDLINT_RULES, rules/ beside the binary, the installed. */
static char *
find_rules(const char *opt)
{
	char	 exe[PATH_MAX], *slash, *p;
	ssize_t	 n;

	if (opt != NULL)
		return xstrdup(opt);
	if ((p = getenv("CARDLINT_RULES")) != NULL && *p != '\0')
		return xstrdup(p);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			xasprintf(&p, "%s/rules/knowledge.yaml", exe);
			if (file_exists(p)) {
				free(p);
				xasprintf(&p, "%s/rules", exe);
				return p;
			}
			free(p);
		}
	}
	return xstrdup(PKGDATADIR "/rules");
}

int
env_load(struct env *ev, const struct plan *pl, struct cl_error *err)
{
	struct cfg	*cf = pl->cf;
	size_t		 i;

	memset(ev, 0, sizeof(*ev));
	ev->pl = pl;
	load_init();
	load_set_limits(pl->max_lines, pl->max_depth);
	ev->rulesdir = find_rules(pl->rules);
	if ((ev->ps = profiles_load(ev->rulesdir, err)) == NULL ||
	    (ev->cat = catalog_load(ev->rulesdir, err)) == NULL ||
	    checks_bind(ev->cat, err) == -1)
		return -1;
	if (cf != NULL && cfg_apply(cf, ev->cat, err) == -1)
		return -1;
	for (i = 0; cf != NULL && i + 1 < cf->nalias; i += 2)
		profiles_add_alias(ev->ps, cf->alias[i], cf->alias[i + 1]);
	return 0;
}

/* A plain id must exist; a glob must match one. */
int
env_select(struct env *ev, struct cl_error *err)
{
	struct catalog	 *cat = ev->cat;
	char		**sel = ev->pl->select, **ign = ev->pl->ignore;
	size_t		  nsel = ev->pl->nselect, nign = ev->pl->nignore;
	size_t		  i, k;
	int		  hit;

	for (i = 0; i < nsel + nign; i++) {
		const char *pat = i < nsel ? sel[i] : ign[i - nsel];

		hit = 0;
		for (k = 0; k < cat->n; k++)
			if (fnmatch(pat, cat->v[k].id, 0) == 0)
				hit = 1;
		if (!hit) {
			cl_error_set(err, NULL, 0, 0, "%s '%s' matches no "
			    "rule (see cardlint rules)", i < nsel ?
			    "--select" : "--ignore", pat);
			return -1;
		}
	}
	for (k = 0; k < cat->n; k++) {
		if (nsel > 0) {
			hit = 0;
			for (i = 0; i < nsel; i++)
				if (fnmatch(sel[i], cat->v[k].id, 0) == 0)
					hit = 1;
			if (!hit)
				cat->v[k].enabled = 0;
		}
		for (i = 0; i < nign; i++)
			if (fnmatch(ign[i], cat->v[k].id, 0) == 0)
				cat->v[k].enabled = 0;
	}
	return 0;
}

int
env_corpus_wanted(const struct env *ev)
{
	size_t	i;

	for (i = 0; i < ev->cat->n; i++)
		if (ev->cat->v[i].enabled && ev->cat->v[i].corpus)
			return 1;
	return 0;
}

void
env_free(struct env *ev)
{
	catalog_free(ev->cat);
	profiles_free(ev->ps);
	free(ev->rulesdir);
	memset(ev, 0, sizeof(*ev));
}

void
env_cleanup(void)
{
	load_thread_cleanup();
	rx_thread_cleanup();
	xmlCleanupParser();
}
