/*
 * catalog.c: load rules/catalog.yaml and the rule knowledge of
 * rules/knowledge.yaml.  Unknown keys, bad severities and bad patterns
 * are errors naming the file and line.  The catalogue is data: a rule
 * keeps its kind's name and line, and rules/checks.c binds the kind.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "knowledge/catalog.h"
#include "base/error.h"
#include "base/xalloc.h"
#include "base/yml.h"

static void
param_free(struct param *p)
{
	free(p->name);
	free(p->str);
	xfree_strs(p->list, p->nlist);
}

static int
set_param_value(struct param *p, const char *str, char *const *list,
    size_t nlist)
{
	char	*end;
	size_t	 i;

	free(p->str);
	xfree_strs(p->list, p->nlist);
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

/* Rule rows: dst is the struct rule. */
static int
ru_severity(struct yml_at *at, struct cl_error *err)
{
	struct rule	*r = at->dst;
	const char	*s = yml_str(at->val);

	if (s == NULL || sev_parse(s, &r->defsev) == -1 ||
	    r->defsev == SEV_NEVER) {
		cl_error_set(err, at->y->file, yml_line(at->map), 0,
		    "rule %s: severity must be error, warning or info", r->id);
		return -1;
	}
	r->sev = r->defsev;
	r->enabled = 1;
	return 0;
}

/* The name only: checks_bind() (rules/checks.c) finds the kind. */
static int
ru_kind(struct yml_at *at, struct cl_error *err)
{
	struct rule	*r = at->dst;

	(void)err;
	if (yml_str(at->val) != NULL)
		r->kindname = xstrdup(yml_str(at->val));
	r->kindline = yml_line(at->val);
	return 0;
}

static const struct yml_row example_rows[] = {
	{ .key = "bad", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct rule, bad) },
	{ .key = "good", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct rule, good) },
};
static const struct yml_table example_table = YML_TABLE("an example",
    example_rows);

static int
ru_example(struct yml_at *at, struct cl_error *err)
{
	return yml_read(at->y, at->val, &example_table, at->dst, at->arg, err);
}

static int
ru_params(struct yml_at *at, struct cl_error *err)
{
	return parse_params(at->y, at->val, at->dst, err);
}

/* A rule of rules/catalog.yaml. */
static const struct yml_row rule_rows[] = {
	{ .key = "id", .type = YML_STR, .flags = YML_REQUIRED,
	  .off = offsetof(struct rule, id), .need = "a rule needs an id" },
	{ .key = "severity", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = ru_severity },
	{ .key = "kind", .type = YML_FN, .flags = YML_ALWAYS, .fn = ru_kind },
	{ .key = "summary", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct rule, summary) },
	{ .key = "rationale", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct rule, rationale) },
	{ .key = "example", .type = YML_FN, .fn = ru_example },
	{ .key = "params", .type = YML_FN, .fn = ru_params },
	/* Documentation: the kind says whether a rule reads the corpus. */
	{ .key = "corpus", .type = YML_SKIP },
};
static const struct yml_table rule_table = YML_TABLE("a rule", rule_rows);

static int
parse_rule(struct yml *y, yaml_node_t *n, struct rule *r,
    struct cl_error *err)
{
	if (yml_read(y, n, &rule_table, r, NULL, err) == -1)
		return -1;
	if (r->summary == NULL)
		r->summary = xstrdup("");
	if (r->rationale == NULL)
		r->rationale = xstrdup("");
	return compile_rule(r, y->file, err);
}

/*
 * A required pattern row, compiled at its map's line (the row's need
 * wording when it is absent or not a string).
 */
static int
row_rx(struct yml_at *at, struct rx *rx, int caseless, struct cl_error *err)
{
	const char	*s = yml_str(at->val);

	if (s == NULL) {
		cl_error_set(err, at->y->file, yml_line(at->map), 0, "%s",
		    at->row->need);
		return -1;
	}
	return rx_compile(rx, s, caseless, at->y->file, yml_line(at->map),
	    err);
}

/* Knowledge rows: dst is the struct catalog. */
static int
sc_name(struct yml_at *at, struct cl_error *err)
{
	struct catalog	*c = at->arg;
	struct scale	*sc = at->dst;

	if (row_rx(at, &sc->name, 1, err) == -1)
		return -1;
	c->nscales++;
	return 0;
}

static const struct yml_row scale_rows[] = {
	{ .key = "name", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = sc_name, .need = "a benchmark scale needs a name pattern" },
	{ .key = "min", .type = YML_NUM, .flags = YML_ALWAYS,
	  .off = offsetof(struct scale, min) },
	{ .key = "max", .type = YML_NUM, .flags = YML_ALWAYS,
	  .off = offsetof(struct scale, max) },
	{ .key = "doc", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct scale, doc) },
};
static const struct yml_table scale_table = YML_TABLE("a benchmark scale",
    scale_rows);

/* Named groups and back references would not survive the merge. */
static int
merge_unsafe(const char *s)
{
	const char	*p;

	if (strstr(s, "(?P") != NULL || strstr(s, "(?'") != NULL)
		return 1;
	for (p = strstr(s, "(?<"); p != NULL; p = strstr(p + 3, "(?<"))
		if (p[3] != '=' && p[3] != '!')
			return 1;
	for (p = s; *p != '\0'; p++) {
		if (*p != '\\')
			continue;
		if ((p[1] >= '1' && p[1] <= '9') || p[1] == 'k' || p[1] == 'g')
			return 1;
		if (p[1] != '\0')
			p++;
	}
	return 0;
}

/*
 * ^(?:[\s\S]*?(?:P0)(*MARK:0)|[\s\S]*?(?:P1)(*MARK:1)|...): the lazy
 * prefix makes each alternative try every start before the next one is
 * tried, so the first scale in file order that matches anywhere wins, as
 * in a scan of them one by one.  When a pattern cannot be merged
 * (merge_unsafe) there is no combined pattern and the scan stays.
 */
static void
scales_combine(struct catalog *c)
{
	struct buf	 b = { 0 };
	struct cl_error	 err;
	const char	*src;
	size_t		 i;

	for (i = 0; i < c->nscales; i++) {
		src = c->scales[i].name.src;
		if (src == NULL || merge_unsafe(src)) {
			buf_free(&b);
			return;
		}
		buf_adds(&b, i == 0 ? "^(?:" : "|");
		buf_printf(&b, "[\\s\\S]*?(?:%s)(*MARK:%zu)", src, i);
	}
	if (b.len == 0)
		return;
	buf_adds(&b, ")");
	buf_addc(&b, '\0');
	if (rx_compile(&c->scales_any, b.p, 1, c->file, 0, &err) == 0)
		c->has_scales_any = 1;
	buf_free(&b);
}

static int
kn_scales(struct yml_at *at, struct cl_error *err)
{
	struct catalog	*c = at->dst;
	size_t		 i;

	c->scales = xcalloc(yml_seq_len(at->val) + 1, sizeof(*c->scales));
	for (i = 0; i < yml_seq_len(at->val); i++) {
		if (yml_read(at->y, yml_seq_at(at->y, at->val, i),
		    &scale_table, &c->scales[i], c, err) == -1)
			return -1;
		if (c->scales[i].doc == NULL)
			c->scales[i].doc = xstrdup("");
	}
	scales_combine(c);
	return 0;
}

static int
kn_variants(struct yml_at *at, struct cl_error *err)
{
	struct catalog	*c = at->dst;
	const char	*s;
	size_t		 i;

	c->variants = xcalloc(yml_seq_len(at->val) + 1, sizeof(char *));
	for (i = 0; i < yml_seq_len(at->val); i++) {
		s = yml_str(yml_seq_at(at->y, at->val, i));
		if (s == NULL) {
			cl_error_set(err, at->y->file, yml_line(at->val), 0,
			    "bench_variants are strings");
			return -1;
		}
		c->variants[c->nvariants++] = xstrdup(s);
	}
	return 0;
}

/* Both patterns are compiled at the id format's own line. */
static int
idf_provider(struct yml_at *at, struct cl_error *err)
{
	struct catalog	*c = at->arg;
	struct idfmt	*f = at->dst;

	if (row_rx(at, &f->provider, 1, err) == -1)
		return -1;
	c->nidf++;
	return 0;
}

static int
idf_pattern(struct yml_at *at, struct cl_error *err)
{
	struct idfmt	*f = at->dst;

	return row_rx(at, &f->pattern, 0, err);
}

static const struct yml_row idf_rows[] = {
	{ .key = "provider", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = idf_provider,
	  .need = "an id format needs a provider pattern" },
	{ .key = "pattern", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = idf_pattern, .need = "an id format needs a pattern" },
	{ .key = "doc", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct idfmt, doc) },
};
static const struct yml_table idf_table = YML_TABLE("an id format",
    idf_rows);

static int
kn_idf(struct yml_at *at, struct cl_error *err)
{
	struct catalog	*c = at->dst;
	size_t		 i;

	c->idf = xcalloc(yml_seq_len(at->val) + 1, sizeof(*c->idf));
	for (i = 0; i < yml_seq_len(at->val); i++) {
		if (yml_read(at->y, yml_seq_at(at->y, at->val, i), &idf_table,
		    &c->idf[i], c, err) == -1)
			return -1;
		if (c->idf[i].doc == NULL)
			c->idf[i].doc = xstrdup("");
	}
	return 0;
}

/* rules/knowledge.yaml; profile.c reads the extraction parts. */
static const struct yml_row knowledge_rows[] = {
	{ .key = "bench_scales", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = kn_scales },
	{ .key = "bench_variants", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = kn_variants },
	{ .key = "id_formats", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = kn_idf },
	{ .key = "scanners", .type = YML_SKIP },
	{ .key = "vocab", .type = YML_SKIP },
	{ .key = "model_keys", .type = YML_SKIP },
	{ .key = "price_bounds", .type = YML_SKIP },
};
static const struct yml_table knowledge_table = YML_TABLE(
    "the knowledge file", knowledge_rows);

static int
parse_knowledge(struct catalog *c, const char *path, struct cl_error *err)
{
	struct yml	*y;
	int		 rc;

	if ((y = yml_load(path, err)) == NULL)
		return -1;
	rc = yml_read(y, yml_root(y), &knowledge_table, c, NULL, err);
	yml_free(y);
	return rc;
}

static atomic_ulong serials;

struct catalog *
catalog_load(const char *dir, struct cl_error *err)
{
	struct catalog	*c;
	struct yml	*y = NULL;
	yaml_node_t	*root, *v;
	char		*path;
	size_t		 i, j;

	c = xcalloc(1, sizeof(*c));
	c->serial = atomic_fetch_add(&serials, 1) + 1;
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
	if (c->has_scales_any)
		rx_free(&c->scales_any);
	for (i = 0; i < c->nscales; i++) {
		rx_free(&c->scales[i].name);
		free(c->scales[i].doc);
	}
	free(c->scales);
	xfree_strs(c->variants, c->nvariants);
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
