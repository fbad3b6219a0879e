/*
 * cfg.c: read .cardlint.yaml.  Every key is checked: a typo or a value
 * of the wrong type is an error naming the file and line, never silently
 * ignored (a gate that ignores its config is worse than none).
 */
#include "config.h"

#include <sys/stat.h>

#include <fnmatch.h>
#include <limits.h>
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

static const char *const top_keys[] = {
	"format", "fail-on", "select", "ignore", "max-size", "max-lines",
	"max-depth", "rules-dir",
	"output", "rules", "sites", "aliases", NULL
};
static const char *const rule_keys[] = { "severity", "params", "enabled",
	NULL };
static const char *const site_keys[] = { "rules", NULL };

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
str_list(struct yml *y, yaml_node_t *n, const char *what, char ***out,
    size_t *nout, struct cl_error *err)
{
	size_t	i;

	if (yml_is_scalar(n)) {
		*out = xcalloc(2, sizeof(char *));
		(*out)[0] = xstrdup(yml_str(n));
		*nout = 1;
		return 0;
	}
	if (!yml_is_seq(n)) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "%s must be a list of rule ids or globs", what);
		return -1;
	}
	*out = xcalloc(yml_seq_len(n) + 1, sizeof(char *));
	for (i = 0; i < yml_seq_len(n); i++) {
		if (yml_str(yml_seq_at(y, n, i)) == NULL) {
			cl_error_set(err, y->file, yml_line(n), 0,
			    "%s must be a list of strings", what);
			return -1;
		}
		(*out)[(*nout)++] = xstrdup(yml_str(yml_seq_at(y, n, i)));
	}
	return 0;
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

/* A rule entry: "off", a severity, or a mapping. */
static int
rule_sev(struct yml *y, yaml_node_t *v, enum sev *sev, int *off,
    struct cl_error *err)
{
	const char	*s = yml_str(v);
	yaml_node_t	*e;
	int		 on;

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
	if (yml_keys_known(y, v, rule_keys, "a rule override", err) == -1)
		return -1;
	if ((e = yml_get(y, v, "enabled")) != NULL) {
		if (yml_get_bool(y, e, &on, err) == -1)
			return -1;
		*off = !on;
	}
	if ((e = yml_get(y, v, "severity")) != NULL) {
		s = yml_str(e);
		if (s == NULL || sev_parse(s, sev) == -1 || *sev == SEV_NEVER) {
			cl_error_set(err, y->file, yml_line(e), 0,
			    "severity must be error, warning or info");
			return -1;
		}
	}
	return 0;
}

/* A positive count below 2^31 under key, if present. */
static int
limit(struct yml *y, yaml_node_t *root, const char *key, const char *path,
    unsigned *out, struct cl_error *err)
{
	yaml_node_t	*v;
	double		 d;

	if ((v = yml_get(y, root, key)) == NULL)
		return 0;
	if (yml_get_double(y, v, &d, err) == -1)
		return -1;
	if (d < 1 || d > 2147483647 || d != (double)(unsigned)d) {
		cl_error_set(err, path, yml_line(v), 0, "%s must be a whole "
		    "number from 1 to 2147483647", key);
		return -1;
	}
	*out = (unsigned)d;
	return 0;
}

struct cfg *
cfg_load(const char *path, struct cl_error *err)
{
	struct cfg	*c;
	struct yml	*y;
	yaml_node_t	*root, *v, *e, *rv;
	const char	*k, *rk;
	char		*s = NULL;
	size_t		 i, j;
	double		 d;

	c = xcalloc(1, sizeof(*c));
	c->file = xstrdup(path);
	if ((y = yml_load(path, err)) == NULL)
		goto fail;
	c->y = y;
	root = yml_root(y);
	if (yml_is_scalar(root) && yml_str(root)[0] == '\0')
		return c;
	if (yml_keys_known(y, root, top_keys, "the config file", err) == -1)
		goto fail;
	if ((v = yml_get(y, root, "format")) != NULL &&
	    scalar(y, v, "format", &c->format, err) == -1)
		goto fail;
	if ((v = yml_get(y, root, "rules-dir")) != NULL &&
	    scalar(y, v, "rules-dir", &c->rules_dir, err) == -1)
		goto fail;
	if ((v = yml_get(y, root, "output")) != NULL &&
	    scalar(y, v, "output", &c->output, err) == -1)
		goto fail;
	if ((v = yml_get(y, root, "fail-on")) != NULL) {
		if (scalar(y, v, "fail-on", &s, err) == -1)
			goto fail;
		if (sev_parse(s, &c->fail_on) == -1) {
			cl_error_set(err, path, yml_line(v), 0, "fail-on must "
			    "be error, warning, info or never");
			goto fail;
		}
		free(s);
		s = NULL;
	}
	if ((v = yml_get(y, root, "max-size")) != NULL) {
		if (yml_get_double(y, v, &d, err) == -1)
			goto fail;
		if (d < 1) {
			cl_error_set(err, path, yml_line(v), 0,
			    "max-size must be a positive number of bytes");
			goto fail;
		}
		c->max_size = (size_t)d;
	}
	if (limit(y, root, "max-lines", path, &c->max_lines, err) == -1 ||
	    limit(y, root, "max-depth", path, &c->max_depth, err) == -1)
		goto fail;
	if ((v = yml_get(y, root, "select")) != NULL && str_list(y, v,
	    "select", &c->select, &c->nselect, err) == -1)
		goto fail;
	if ((v = yml_get(y, root, "ignore")) != NULL && str_list(y, v,
	    "ignore", &c->ignore, &c->nignore, err) == -1)
		goto fail;
	if ((v = yml_get(y, root, "rules")) != NULL) {
		if (!yml_is_map(v)) {
			cl_error_set(err, path, yml_line(v), 0,
			    "rules must map rule ids to settings");
			goto fail;
		}
		c->rules_node = v;
	}
	if ((v = yml_get(y, root, "aliases")) != NULL) {
		if (!yml_is_map(v)) {
			cl_error_set(err, path, yml_line(v), 0,
			    "aliases must map model names to model names");
			goto fail;
		}
		for (i = 0; yml_map_at(y, v, i, &k, &e); i++) {
			if (yml_str(e) == NULL) {
				cl_error_set(err, path, yml_line(e), 0,
				    "alias of '%s' must be a model name", k);
				goto fail;
			}
			c->alias = xreallocarray(c->alias, c->nalias + 2,
			    sizeof(char *));
			c->alias[c->nalias++] = xstrdup(k);
			c->alias[c->nalias++] = xstrdup(yml_str(e));
		}
	}
	if ((v = yml_get(y, root, "sites")) != NULL) {
		if (!yml_is_map(v)) {
			cl_error_set(err, path, yml_line(v), 0,
			    "sites must map site ids to settings");
			goto fail;
		}
		for (i = 0; yml_map_at(y, v, i, &k, &e); i++) {
			if (yml_keys_known(y, e, site_keys, "a site override",
			    err) == -1)
				goto fail;
			e = yml_get(y, e, "rules");
			for (j = 0; yml_map_at(y, e, j, &rk, &rv); j++) {
				struct siteov *o;

				c->ov = xreallocarray(c->ov, c->nov + 1,
				    sizeof(*c->ov));
				o = &c->ov[c->nov++];
				memset(o, 0, sizeof(*o));
				o->site = xstrdup(k);
				o->rule = xstrdup(rk);
				if (rule_sev(y, rv, &o->sev, &o->off,
				    err) == -1)
					goto fail;
			}
		}
	}
	return c;
fail:
	free(s);
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
	for (i = 0; i < c->nselect; i++)
		free(c->select[i]);
	free(c->select);
	for (i = 0; i < c->nignore; i++)
		free(c->ignore[i]);
	free(c->ignore);
	for (i = 0; i < c->nov; i++) {
		free(c->ov[i].site);
		free(c->ov[i].rule);
	}
	free(c->ov);
	for (i = 0; i < c->nalias; i++)
		free(c->alias[i]);
	free(c->alias);
	free(c->file);
	free(c->format);
	free(c->rules_dir);
	free(c->output);
	yml_free(c->y);
	free(c);
}
