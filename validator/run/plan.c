/*
 * plan.c: the description of a run.  Option values are read here, with
 * their bounds; once the command line is in the plan, the settings file
 * fills what the options left unset and the built-in defaults the rest.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "record/normalize.h"
#include "report/report.h"
#include "run/cfg.h"
#include "run/part.h"
#include "run/plan.h"

static long
today_utc(void)
{
	return (long)(time(NULL) / 86400);
}

void
plan_init(struct plan *pl)
{
	memset(pl, 0, sizeof(*pl));
	pl->cmd = "check";
	pl->max_size = 50 * 1000 * 1000;
	pl->now = today_utc();
	pl->progress = -1;
	pl->jobs = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	if (pl->jobs < 1 || pl->jobs > 256)
		pl->jobs = pl->jobs < 1 ? 1 : 256;
}

int
plan_parse_count(const char *s, unsigned *out)
{
	char		*end;
	unsigned long	 v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v == 0 ||
	    v > 2147483647 || *s == '-')
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
parse_size(const char *s, size_t *out)
{
	char			*end;
	unsigned long long	 v;

	if (*s == '-' || *s == '\0')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	if (*end == 'K' || *end == 'k')
		v *= 1024ULL, end++;
	else if (*end == 'M' || *end == 'm')
		v *= 1024ULL * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		v *= 1024ULL * 1024 * 1024, end++;
	if (*end != '\0' || v > SIZE_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

int
plan_set_max_size(struct plan *pl, const char *s)
{
	if (parse_size(s, &pl->max_size) == -1 || pl->max_size == 0)
		return -1;
	pl->max_size_set = 1;
	return 0;
}

int
plan_set_fail_on(struct plan *pl, const char *s)
{
	return sev_parse(s, &pl->fail_on);
}

int
plan_set_now(struct plan *pl, const char *s)
{
	if (strlen(s) != 10)
		return -1;
	return norm_date_serial(s, &pl->now);
}

/* A part number, 1 to PART_MAX, ending at end; -1 if it is not one. */
static int
part_number(const char *s, const char *end, unsigned *out)
{
	unsigned long	 v = 0;

	if (s == end || end - s > 3)
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v == 0 || v > PART_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int
plan_set_partition(struct plan *pl, const char *s)
{
	const char	*slash = strchr(s, '/');

	pl->part_k = 0;
	if (slash != NULL && part_number(s, slash, &pl->part_k) == -1)
		return -1;
	if (part_number(slash != NULL ? slash + 1 : s, s + strlen(s),
	    &pl->part_n) == -1 || pl->part_k > pl->part_n)
		return -1;
	return 0;
}

/* --partition and --out-dir make sense together, for one command. */
static int
plan_check_partition(const struct plan *pl, struct cl_error *err)
{
	int	ex = strcmp(pl->cmd, "extract") == 0;

	if (pl->out_dir != NULL && (!ex || pl->part_n == 0)) {
		cl_error_set(err, NULL, 0, 0, "--out-dir goes with extract "
		    "--partition N");
		return -1;
	}
	if (pl->part_n == 0)
		return 0;
	if (ex && (pl->part_k != 0 || pl->out_dir == NULL)) {
		cl_error_set(err, NULL, 0, 0, "extract --partition N needs "
		    "--out-dir DIR (and N, not K/N)");
		return -1;
	}
	if (!ex && (strcmp(pl->cmd, "check") != 0 || pl->part_k == 0 ||
	    !pl->records)) {
		cl_error_set(err, NULL, 0, 0, "check --partition K/N lints "
		    "part K of --records written by extract --partition N");
		return -1;
	}
	if (pl->cov_base != NULL) {
		cl_error_set(err, NULL, 0, 0, "--coverage-baseline needs every "
		    "part: give it to cardlint coverage with the parts' "
		    "--write-coverage-baseline files");
		return -1;
	}
	/* A part's findings are not every finding: pruning would drop
	   the entries of the other parts. */
	if (pl->prune_baseline) {
		cl_error_set(err, NULL, 0, 0, "--prune-baseline needs every "
		    "finding: run it without --partition");
		return -1;
	}
	return 0;
}

void
plan_add_list(char ***list, size_t *n, const char *arg)
{
	char	*copy = xstrdup(arg), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok == '\0')
			continue;
		*list = xreallocarray(*list, *n + 1, sizeof(char *));
		(*list)[(*n)++] = xstrdup(tok);
	}
	free(copy);
}

/* What the options left unset, the settings file gives. */
static void
plan_merge(struct plan *pl, const struct cfg *cf)
{
	size_t	i;

	if (pl->format == NULL)
		pl->format = cf->format;
	if (pl->output == NULL)
		pl->output = cf->output;
	if (pl->rules == NULL)
		pl->rules = cf->rules_dir;
	if (pl->fail_on == SEV_NONE)
		pl->fail_on = cf->fail_on;
	if (!pl->max_size_set && cf->max_size > 0)
		pl->max_size = cf->max_size;
	if (pl->max_lines == 0)
		pl->max_lines = cf->max_lines;
	if (pl->max_depth == 0)
		pl->max_depth = cf->max_depth;
	if (pl->nselect == 0)
		for (i = 0; i < cf->nselect; i++)
			plan_add_list(&pl->select, &pl->nselect,
			    cf->select[i]);
	for (i = 0; i < cf->nignore; i++)
		plan_add_list(&pl->ignore, &pl->nignore, cf->ignore[i]);
}

int
plan_settle(struct plan *pl, struct cl_error *err)
{
	int	rules = strcmp(pl->cmd, "rules") == 0;

	pl->cfgpath = pl->config != NULL ? xstrdup(pl->config) : cfg_find();
	if (pl->cfgpath != NULL &&
	    (pl->cf = cfg_load(pl->cfgpath, err)) == NULL)
		return -1;
	if (pl->cf != NULL)
		plan_merge(pl, pl->cf);
	if (pl->fail_on == SEV_NONE)
		pl->fail_on = SEV_ERROR;
	if (pl->format == NULL)
		pl->format = "text";
	if (rules ? strcmp(pl->format, "text") != 0 &&
	    strcmp(pl->format, "json") != 0 &&
	    strcmp(pl->format, "markdown") != 0 :
	    !rep_format_ok(pl->format)) {
		cl_error_set(err, NULL, 0, 0, "--format: '%s' is not %s",
		    pl->format, rules ? "text, json or markdown" :
		    rep_format_list());
		return -1;
	}
	return plan_check_partition(pl, err);
}

int
plan_in_shard(const struct plan *pl, size_t i)
{
	return pl->shard_n == 0 || i % pl->shard_n == pl->shard_k - 1;
}

void
plan_free(struct plan *pl)
{
	xfree_strs(pl->select, pl->nselect);
	xfree_strs(pl->ignore, pl->nignore);
	xfree_strs(pl->sources, pl->nsources);
	xfree_strs(pl->source_maps, pl->nsource_maps);
	pl->sources = pl->source_maps = NULL;
	pl->nsources = pl->nsource_maps = 0;
	cfg_free(pl->cf);
	free(pl->cfgpath);
	pl->select = pl->ignore = NULL;
	pl->nselect = pl->nignore = 0;
	pl->cf = NULL;
	pl->cfgpath = NULL;
}
