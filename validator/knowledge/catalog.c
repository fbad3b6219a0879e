/*
 * catalog.c: load rules/catalog.yaml and the rule knowledge of
 * rules/knowledge.yaml.  Unknown kinds, unknown keys, bad severities and
 * bad patterns are errors naming the file and line.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knowledge/catalog.h"
#include "rules/checks.h"
#include "base/error.h"
#include "base/xalloc.h"
#include "base/yml.h"

static const char *const rule_keys[] = {
	"id", "severity", "kind", "summary", "rationale", "params", "example",
	"corpus", NULL
};
static const char *const example_keys[] = { "bad", "good", NULL };
static const char *const scale_keys[] = { "name", "min", "max", "doc",
	NULL };
static const char *const idf_keys[] = { "provider", "pattern", "doc",
	NULL };

static void
param_free(struct param *p)
{
	size_t	i;

	free(p->name);
	free(p->str);
	for (i = 0; i < p->nlist; i++)
		free(p->list[i]);
	free(p->list);
}

static int
set_param_value(struct param *p, const char *str, char *const *list,
    size_t nlist)
{
	char	*end;
	size_t	 i;

	free(p->str);
	for (i = 0; i < p->nlist; i++)
		free(p->list[i]);
	free(p->list);
	p->str = NULL;
	p->list = NULL;
	p->nlist = 0;
	p->is_num = 0;
	if (str != NULL) {
		p->str = xstrdup(str);
		p->num = strtod(str, &end);
		p->is_num = *str != '\0' && *end == '\0';
		return 0;
	}
	p->list = xcalloc(nlist + 1, sizeof(char *));
	for (i = 0; i < nlist; i++)
		p->list[i] = xstrdup(list[i]);
	p->nlist = nlist;
	return 0;
}

static int
parse_params(struct yml *y, yaml_node_t *n, struct rule *r,
    struct cl_error *err)
{
	const char	*k;
	yaml_node_t	*v, *e;
	size_t		 i, j;
	char		**list;

	if (!yml_is_map(n)) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "params of %s must be a mapping", r->id);
		return -1;
	}
	for (i = 0; yml_map_at(y, n, i, &k, &v); i++) {
		r->params = xreallocarray(r->params, r->nparams + 1,
		    sizeof(*r->params));
		memset(&r->params[r->nparams], 0, sizeof(*r->params));
		r->params[r->nparams].name = xstrdup(k);
		r->params[r->nparams].line = yml_line(v);
		r->nparams++;
		if (yml_is_scalar(v)) {
			set_param_value(&r->params[r->nparams - 1],
			    yml_str(v), NULL, 0);
			continue;
		}
		if (!yml_is_seq(v)) {
			cl_error_set(err, y->file, yml_line(v), 0,
			    "parameter %s of %s must be a value or a list",
			    k, r->id);
			return -1;
		}
		list = xcalloc(yml_seq_len(v) + 1, sizeof(char *));
		for (j = 0; j < yml_seq_len(v); j++) {
			e = yml_seq_at(y, v, j);
			if (yml_str(e) == NULL) {
				free(list);
				cl_error_set(err, y->file, yml_line(e), 0,
				    "parameter %s of %s: list items must be "
				    "strings", k, r->id);
				return -1;
			}
			list[j] = (char *)(uintptr_t)yml_str(e);
		}
		set_param_value(&r->params[r->nparams - 1], NULL, list,
		    yml_seq_len(v));
		free(list);
	}
	return 0;
}

/* Compile the pattern parameters a kind reads. */
static int
compile_rule(struct rule *r, const char *file, struct cl_error *err)
{
	const struct param	*p;
	size_t			 i;

	for (i = 0; i < r->nrx; i++)
		rx_free(&r->rx[i]);
	free(r->rx);
	r->rx = NULL;
	r->nrx = 0;
	if (r->has_speakers)
		rx_free(&r->speakers);
	r->has_speakers = 0;
	if ((p = rule_param(r, "patterns")) != NULL) {
		r->rx = xcalloc(p->nlist + 1, sizeof(*r->rx));
		for (i = 0; i < p->nlist; i++) {
			if (rx_compile(&r->rx[i], p->list[i], 1, file, p->line,
			    err) == -1)
				return -1;
			r->nrx++;
		}
	}
	if ((p = rule_param(r, "speakers")) != NULL && p->str != NULL) {
		if (rx_compile(&r->speakers, p->str, 0, file, p->line,
		    err) == -1)
			return -1;
		r->has_speakers = 1;
	}
	return 0;
}

static int
parse_rule(struct yml *y, yaml_node_t *n, struct rule *r,
    struct cl_error *err)
{
	yaml_node_t	*v;
	const char	*s;

	if (yml_keys_known(y, n, rule_keys, "a rule", err) == -1)
		return -1;
	if ((s = yml_str(yml_get(y, n, "id"))) == NULL) {
		cl_error_set(err, y->file, yml_line(n), 0, "a rule needs an id");
		return -1;
	}
	r->id = xstrdup(s);
	s = yml_str(yml_get(y, n, "severity"));
	if (s == NULL || sev_parse(s, &r->defsev) == -1 ||
	    r->defsev == SEV_NEVER) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "rule %s: severity must be error, warning or info", r->id);
		return -1;
	}
	r->sev = r->defsev;
	r->enabled = 1;
	s = yml_str(yml_get(y, n, "kind"));
	if (s == NULL || (r->kind = check_kind_find(s)) == NULL) {
		cl_error_set(err, y->file, yml_line(yml_get(y, n, "kind")), 0,
		    "rule %s: unknown kind '%s'", r->id, s == NULL ? "" : s);
		return -1;
	}
	r->kindname = xstrdup(s);
	r->corpus = r->kind->corpus;
	s = yml_str(yml_get(y, n, "summary"));
	r->summary = xstrdup(s == NULL ? "" : s);
	s = yml_str(yml_get(y, n, "rationale"));
	r->rationale = xstrdup(s == NULL ? "" : s);
	if ((v = yml_get(y, n, "example")) != NULL) {
		if (yml_keys_known(y, v, example_keys, "an example",
		    err) == -1)
			return -1;
		s = yml_str(yml_get(y, v, "bad"));
		r->bad = s == NULL ? NULL : xstrdup(s);
		s = yml_str(yml_get(y, v, "good"));
		r->good = s == NULL ? NULL : xstrdup(s);
	}
	if ((v = yml_get(y, n, "params")) != NULL &&
	    parse_params(y, v, r, err) == -1)
		return -1;
	return compile_rule(r, y->file, err);
}

static int
parse_knowledge(struct catalog *c, const char *path, struct cl_error *err)
{
	struct yml	*y;
	yaml_node_t	*root, *v, *e;
	const char	*s;
	size_t		 i;
	int		 rc = -1;

	if ((y = yml_load(path, err)) == NULL)
		return -1;
	root = yml_root(y);
	v = yml_get(y, root, "bench_scales");
	c->scales = xcalloc(yml_seq_len(v) + 1, sizeof(*c->scales));
	for (i = 0; i < yml_seq_len(v); i++) {
		e = yml_seq_at(y, v, i);
		if (yml_keys_known(y, e, scale_keys, "a benchmark scale",
		    err) == -1)
			goto out;
		s = yml_str(yml_get(y, e, "name"));
		if (s == NULL || rx_compile(&c->scales[c->nscales].name, s, 1,
		    path, yml_line(e), err) == -1) {
			if (s == NULL)
				cl_error_set(err, path, yml_line(e), 0,
				    "a benchmark scale needs a name pattern");
			goto out;
		}
		c->nscales++;
		if (yml_get_double(y, yml_get(y, e, "min"),
		    &c->scales[i].min, err) == -1 ||
		    yml_get_double(y, yml_get(y, e, "max"),
		    &c->scales[i].max, err) == -1)
			goto out;
		s = yml_str(yml_get(y, e, "doc"));
		c->scales[i].doc = xstrdup(s == NULL ? "" : s);
	}
	v = yml_get(y, root, "bench_variants");
	c->variants = xcalloc(yml_seq_len(v) + 1, sizeof(char *));
	for (i = 0; i < yml_seq_len(v); i++) {
		s = yml_str(yml_seq_at(y, v, i));
		if (s == NULL) {
			cl_error_set(err, path, yml_line(v), 0,
			    "bench_variants are strings");
			goto out;
		}
		c->variants[c->nvariants++] = xstrdup(s);
	}
	v = yml_get(y, root, "id_formats");
	c->idf = xcalloc(yml_seq_len(v) + 1, sizeof(*c->idf));
	for (i = 0; i < yml_seq_len(v); i++) {
		struct idfmt *f = &c->idf[i];

		e = yml_seq_at(y, v, i);
		if (yml_keys_known(y, e, idf_keys, "an id format", err) == -1)
			goto out;
		s = yml_str(yml_get(y, e, "provider"));
		if (s == NULL || rx_compile(&f->provider, s, 1, path,
		    yml_line(e), err) == -1) {
			if (s == NULL)
				cl_error_set(err, path, yml_line(e), 0,
				    "an id format needs a provider pattern");
			goto out;
		}
		c->nidf++;
		s = yml_str(yml_get(y, e, "pattern"));
		if (s == NULL || rx_compile(&f->pattern, s, 0, path,
		    yml_line(e), err) == -1) {
			if (s == NULL)
				cl_error_set(err, path, yml_line(e), 0,
				    "an id format needs a pattern");
			goto out;
		}
		s = yml_str(yml_get(y, e, "doc"));
		f->doc = xstrdup(s == NULL ? "" : s);
	}
	rc = 0;
out:
	yml_free(y);
	return rc;
}

struct catalog *
catalog_load(const char *dir, struct cl_error *err)
{
	struct catalog	*c;
	struct yml	*y = NULL;
	yaml_node_t	*root, *v;
	char		*path;
	size_t		 i, j;

	c = xcalloc(1, sizeof(*c));
	xasprintf(&path, "%s/catalog.yaml", dir);
	c->file = path;
	if ((y = yml_load(path, err)) == NULL)
		goto fail;
	root = yml_root(y);
	v = yml_get(y, root, "rules");
	if (!yml_is_seq(v)) {
		cl_error_set(err, path, yml_line(root), 0,
		    "the catalogue needs a 'rules' list");
		goto fail;
	}
	c->v = xcalloc(yml_seq_len(v) + 1, sizeof(*c->v));
	for (i = 0; i < yml_seq_len(v); i++) {
		c->n = i + 1;
		if (parse_rule(y, yml_seq_at(y, v, i), &c->v[i], err) == -1)
			goto fail;
		for (j = 0; j < i; j++) {
			if (strcmp(c->v[j].id, c->v[i].id) == 0) {
				cl_error_set(err, path,
				    yml_line(yml_seq_at(y, v, i)), 0,
				    "rule id %s defined twice", c->v[i].id);
				goto fail;
			}
		}
	}
	yml_free(y);
	y = NULL;
	xasprintf(&path, "%s/knowledge.yaml", dir);
	if (parse_knowledge(c, path, err) == -1) {
		free(path);
		goto fail;
	}
	free(path);
	return c;
fail:
	yml_free(y);
	catalog_free(c);
	return NULL;
}

void
catalog_free(struct catalog *c)
{
	struct rule	*r;
	size_t		 i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		r = &c->v[i];
		free(r->id);
		free(r->summary);
		free(r->rationale);
		free(r->bad);
		free(r->good);
		free(r->kindname);
		for (j = 0; j < r->nparams; j++)
			param_free(&r->params[j]);
		free(r->params);
		for (j = 0; j < r->nrx; j++)
			rx_free(&r->rx[j]);
		free(r->rx);
		if (r->has_speakers)
			rx_free(&r->speakers);
	}
	free(c->v);
	for (i = 0; i < c->nscales; i++) {
		rx_free(&c->scales[i].name);
		free(c->scales[i].doc);
	}
	free(c->scales);
	for (i = 0; i < c->nvariants; i++)
		free(c->variants[i]);
	free(c->variants);
	for (i = 0; i < c->nidf; i++) {
		rx_free(&c->idf[i].provider);
		rx_free(&c->idf[i].pattern);
		free(c->idf[i].doc);
	}
	free(c->idf);
	free(c->file);
	free(c);
}

struct rule *
catalog_find(const struct catalog *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].id, id) == 0)
			return &c->v[i];
	return NULL;
}

const struct param *
rule_param(const struct rule *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return &r->params[i];
	return NULL;
}

double
rule_num(const struct rule *r, const char *name, double dflt)
{
	const struct param	*p = rule_param(r, name);

	return p != NULL && p->is_num ? p->num : dflt;
}

int
rule_set_param(struct rule *r, const char *name, const char *str,
    char *const *list, size_t nlist)
{
	struct param	*p = (struct param *)(uintptr_t)rule_param(r, name);
	struct cl_error	 err;

	if (p == NULL)
		return -1;
	if ((p->str != NULL) != (str != NULL))
		return -1;
	if (p->is_num && str != NULL) {
		char *end;

		(void)strtod(str, &end);
		if (*str == '\0' || *end != '\0')
			return -1;
	}
	set_param_value(p, str, list, nlist);
	return compile_rule(r, "config", &err);
}
