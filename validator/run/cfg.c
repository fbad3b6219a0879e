/*
 * cfg.c: read .cardlint.yaml.  Every key is checked: a typo or a value
 * of the wrong type is an error naming the file and line, never silently
 * ignored (a gate that ignores its config is worse than none).
 */
#include "config.h"

#include <sys/stat.h>

#include <fnmatch.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "knowledge/catalog.h"
#include "run/cfg.h"
#include "base/error.h"
#include "base/xalloc.h"
#include "base/yml.h"

char *
cfg_find(void)
{
	char		 dir[PATH_MAX], *p, *slash;
	struct stat	 st;

	if (getcwd(dir, sizeof(dir)) == NULL)
		return NULL;
	for (;;) {
		xasprintf(&p, "%s/.cardlint.yaml", strcmp(dir, "/") == 0 ?
		    "" : dir);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			return p;
		free(p);
		if (strcmp(dir, "/") == 0)
			return NULL;
		slash = strrchr(dir, '/');
		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
}

static int
scalar(struct yml *y, yaml_node_t *n, const char *what, char **out,
    struct cl_error *err)
{
	if (yml_str(n) == NULL) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "%s must be a string", what);
		return -1;
	}
	free(*out);
	*out = xstrdup(yml_str(n));
	return 0;
}

/* A rule override's rows: dst is a struct siteov (sev and off). */
static int
ro_enabled(struct yml_at *at, struct cl_error *err)
{
	struct siteov	*o = at->dst;
	int		 on;

	if (yml_get_bool(at->y, at->val, &on, err) == -1)
		return -1;
	o->off = !on;
	return 0;
}

static int
ro_severity(struct yml_at *at, struct cl_error *err)
{
	struct siteov	*o = at->dst;
	const char	*s = yml_str(at->val);

	if (s == NULL || sev_parse(s, &o->sev) == -1 || o->sev == SEV_NEVER) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "severity must be error, warning or info");
		return -1;
	}
	return 0;
}

static const struct yml_row ruleov_rows[] = {
	{ .key = "enabled", .type = YML_FN, .fn = ro_enabled },
	{ .key = "severity", .type = YML_FN, .fn = ro_severity },
	/* Read by cfg_apply(), once the catalogue is loaded. */
	{ .key = "params", .type = YML_SKIP },
};
static const struct yml_table ruleov_table = YML_TABLE("a rule override",
    ruleov_rows);

/* A rule entry: "off", a severity, or a mapping. */
static int
rule_sev(struct yml *y, yaml_node_t *v, enum sev *sev, int *off,
    struct cl_error *err)
{
	const char	*s = yml_str(v);
	struct siteov	 o;

	*sev = SEV_NONE;
	*off = 0;
	if (s != NULL) {
		if (strcmp(s, "off") == 0 || strcmp(s, "false") == 0) {
			*off = 1;
			return 0;
		}
		if (sev_parse(s, sev) == -1 || *sev == SEV_NEVER) {
			cl_error_set(err, y->file, yml_line(v), 0, "'%s' is not "
			    "off, error, warning or info", s);
			return -1;
		}
		return 0;
	}
	o.sev = SEV_NONE;
	o.off = 0;
	if (yml_read(y, v, &ruleov_table, &o, NULL, err) == -1)
		return -1;
	*sev = o.sev;
	*off = o.off;
	return 0;
}

/* Config rows: dst is the struct cfg. */
static int
cf_strs(struct yml_at *at, struct cl_error *err)
{
	char	*base = at->dst;

	return yml_read_strs(at->y, at->val, at->row->key,
	    "rule ids or globs",
	    (char ***)(void *)(base + at->row->off),
	    (size_t *)(void *)(base + at->row->off2), err);
}

static int
cf_fail_on(struct yml_at *at, struct cl_error *err)
{
	struct cfg	*c = at->dst;
	char		*s = NULL;
	int		 rc = 0;

	if (scalar(at->y, at->val, "fail-on", &s, err) == -1)
		return -1;
	if (sev_parse(s, &c->fail_on) == -1) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "fail-on must be error, warning, info or never");
		rc = -1;
	}
	free(s);
	return rc;
}

static int
cf_max_size(struct yml_at *at, struct cl_error *err)
{
	struct cfg	*c = at->dst;
	double		 d;

	if (yml_get_double(at->y, at->val, &d, err) == -1)
		return -1;
	if (d < 1) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "max-size must be a positive number of bytes");
		return -1;
	}
	c->max_size = (size_t)d;
	return 0;
}

/* A positive count below 2^31. */
static int
cf_limit(struct yml_at *at, struct cl_error *err)
{
	char	*base = at->dst;
	double	 d;

	if (yml_get_double(at->y, at->val, &d, err) == -1)
		return -1;
	if (d < 1 || d > 2147483647 || d != (double)(unsigned)d) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "%s must be a whole number from 1 to 2147483647",
		    at->row->key);
		return -1;
	}
	*(unsigned *)(void *)(base + at->row->off) = (unsigned)d;
	return 0;
}

/* Read later, by cfg_apply(), once the catalogue is loaded. */
static int
cf_rules(struct yml_at *at, struct cl_error *err)
{
	struct cfg	*c = at->dst;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "rules must map rule ids to settings");
		return -1;
	}
	c->rules_node = at->val;
	return 0;
}

static int
cf_aliases(struct yml_at *at, struct cl_error *err)
{
	struct cfg	*c = at->dst;
	yaml_node_t	*e;
	const char	*k;
	size_t		 i;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "aliases must map model names to model names");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &k, &e); i++) {
		if (yml_str(e) == NULL) {
			cl_error_set(err, at->y->file, yml_line(e), 0,
			    "alias of '%s' must be a model name", k);
			return -1;
		}
		c->alias = xreallocarray(c->alias, c->nalias + 2,
		    sizeof(char *));
		c->alias[c->nalias++] = xstrdup(k);
		c->alias[c->nalias++] = xstrdup(yml_str(e));
	}
	return 0;
}

/* A site override's rules; arg is the site id. */
static int
cf_site_rules(struct yml_at *at, struct cl_error *err)
{
	struct cfg	*c = at->dst;
	struct siteov	*o;
	yaml_node_t	*rv;
	const char	*rk;
	size_t		 j;

	for (j = 0; yml_map_at(at->y, at->val, j, &rk, &rv); j++) {
		c->ov = xreallocarray(c->ov, c->nov + 1, sizeof(*c->ov));
		o = &c->ov[c->nov++];
		memset(o, 0, sizeof(*o));
		o->site = xstrdup(at->arg);
		o->rule = xstrdup(rk);
		if (rule_sev(at->y, rv, &o->sev, &o->off, err) == -1)
			return -1;
	}
	return 0;
}

static const struct yml_row site_rows[] = {
	{ .key = "rules", .type = YML_FN, .fn = cf_site_rules },
};
static const struct yml_table site_table = YML_TABLE("a site override",
    site_rows);

static int
cf_sites(struct yml_at *at, struct cl_error *err)
{
	yaml_node_t	*e;
	const char	*k;
	size_t		 i;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "sites must map site ids to settings");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &k, &e); i++)
		if (yml_read(at->y, e, &site_table, at->dst,
		    (void *)(uintptr_t)k, err) == -1)
			return -1;
	return 0;
}

/* .cardlint.yaml: each key is also a command-line option. */
static const struct yml_row top_rows[] = {
	{ .key = "format", .type = YML_STR,
	  .off = offsetof(struct cfg, format) },
	{ .key = "rules-dir", .type = YML_STR,
	  .off = offsetof(struct cfg, rules_dir) },
	{ .key = "output", .type = YML_STR,
	  .off = offsetof(struct cfg, output) },
	{ .key = "fail-on", .type = YML_FN, .fn = cf_fail_on },
	{ .key = "max-size", .type = YML_FN, .fn = cf_max_size },
	{ .key = "max-lines", .type = YML_FN, .fn = cf_limit,
	  .off = offsetof(struct cfg, max_lines) },
	{ .key = "max-depth", .type = YML_FN, .fn = cf_limit,
	  .off = offsetof(struct cfg, max_depth) },
	{ .key = "select", .type = YML_FN, .fn = cf_strs,
	  .off = offsetof(struct cfg, select),
	  .off2 = offsetof(struct cfg, nselect) },
	{ .key = "ignore", .type = YML_FN, .fn = cf_strs,
	  .off = offsetof(struct cfg, ignore),
	  .off2 = offsetof(struct cfg, nignore) },
	{ .key = "rules", .type = YML_FN, .fn = cf_rules },
	{ .key = "aliases", .type = YML_FN, .fn = cf_aliases },
	{ .key = "sites", .type = YML_FN, .fn = cf_sites },
};
static const struct yml_table top_table = YML_TABLE("the config file",
    top_rows);

struct cfg *
cfg_load(const char *path, struct cl_error *err)
{
	struct cfg	*c;
	struct yml	*y;
	yaml_node_t	*root;

	c = xcalloc(1, sizeof(*c));
	c->file = xstrdup(path);
	if ((y = yml_load(path, err)) == NULL)
		goto fail;
	c->y = y;
	root = yml_root(y);
	if (yml_is_scalar(root) && yml_str(root)[0] == '\0')
		return c;
	if (yml_read(y, root, &top_table, c, NULL, err) == -1)
		goto fail;
	return c;
fail:
	cfg_free(c);
	return NULL;
}

int
cfg_apply(struct cfg *c, struct catalog *cat, struct cl_error *err)
{
	struct yml	*y = c->y;
	yaml_node_t	*v, *pv, *e;
	const char	*id, *pk;
	struct rule	*r;
	enum sev	 sev;
	char		**list;
	size_t		 i, j, k;
	int		 off, hit;

	if (c->rules_node == NULL)
		return 0;
	for (i = 0; yml_map_at(y, c->rules_node, i, &id, &v); i++) {
		if (rule_sev(y, v, &sev, &off, err) == -1)
			return -1;
		hit = 0;
		for (k = 0; k < cat->n; k++) {
			r = &cat->v[k];
			if (fnmatch(id, r->id, 0) != 0)
				continue;
			hit = 1;
			if (off)
				r->enabled = 0;
			if (sev != SEV_NONE)
				r->sev = sev;
			if (!yml_is_map(v) ||
			    (pv = yml_get(y, v, "params")) == NULL)
				continue;
			for (j = 0; yml_map_at(y, pv, j, &pk, &e); j++) {
				size_t n = yml_seq_len(e), m;

				list = xcalloc(n + 1, sizeof(char *));
				for (m = 0; m < n; m++)
					list[m] = (char *)(uintptr_t)yml_str(
					    yml_seq_at(y, e, m));
				if (rule_set_param(r, pk, yml_str(e), list,
				    n) == -1) {
					free(list);
					cl_error_set(err, c->file, yml_line(e),
					    0, "rule %s has no parameter '%s' "
					    "of that type", r->id, pk);
					return -1;
				}
				free(list);
			}
		}
		if (!hit) {
			cl_error_set(err, c->file, yml_line(v), 0,
			    "no rule matches '%s' (see cardlint rules)", id);
			return -1;
		}
	}
	return 0;
}

enum sev
cfg_site_sev(const struct cfg *c, const char *site, const char *rule)
{
	size_t		i;
	enum sev	s = SEV_NONE;

	if (c == NULL)
		return SEV_NONE;
	for (i = 0; i < c->nov; i++) {
		if (strcmp(c->ov[i].site, site) != 0 ||
		    fnmatch(c->ov[i].rule, rule, 0) != 0)
			continue;
		s = c->ov[i].off ? SEV_NEVER : c->ov[i].sev;
	}
	return s;
}

void
cfg_free(struct cfg *c)
{
	size_t	i;

	if (c == NULL)
		return;
	xfree_strs(c->select, c->nselect);
	xfree_strs(c->ignore, c->nignore);
	for (i = 0; i < c->nov; i++) {
		free(c->ov[i].site);
		free(c->ov[i].rule);
	}
	free(c->ov);
	xfree_strs(c->alias, c->nalias);
	free(c->file);
	free(c->format);
	free(c->rules_dir);
	free(c->output);
	yml_free(c->y);
	free(c);
}
