/*
 * profile.c: compile site profiles and the knowledge file from YAML.
 *
 * Every pattern is compiled here, once; a bad pattern, an unknown key or
 * a group name that is not a record field is an error naming the file
 * and line, so a typo in a profile cannot silently extract nothing.
 */
#include "config.h"

#include <dirent.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/error.h"
#include "knowledge/lexicon.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "base/xalloc.h"
#include "base/yml.h"

static const char *const row_groups[][12] = {
	/* INTO_BENCHMARKS */
	{ "name", "variant", "note", "detail", "score", NULL },
	/* INTO_PROVIDERS */
	{ "name", "input", "output", NULL },
	/* INTO_RELATED */
	{ "name", "creator", "released", "context_tokens",
	    "max_output_tokens", "input", "output", NULL },
};

static int
compile_at(struct yml *y, yaml_node_t *n, struct rx *rx, int caseless,
    const char *what, struct cl_error *err)
{
	const char	*s;

	if (yml_need_str(y, n, what, &s, err) == -1)
		return -1;
	return rx_compile(rx, s, caseless, y->file, yml_line(n), err);
}

/* An optional needle: literal text every match holds (see rx.h). */
static int
needle_at(struct yml *y, yaml_node_t *n, struct rx *rx, int caseless,
    struct cl_error *err)
{
	const char	*s;

	if (n == NULL)
		return 0;
	if (yml_need_str(y, n, "needle", &s, err) == -1)
		return -1;
	return rx_set_needle(rx, s, caseless, y->file, yml_line(n), err);
}

static int
parse_unit(const char *s, enum price_unit *u)
{
	if (strcasecmp(s, "1M") == 0)
		*u = PRICE_PER_1M;
	else if (strcasecmp(s, "1K") == 0)
		*u = PRICE_PER_1K;
	else if (strcasecmp(s, "token") == 0)
		*u = PRICE_PER_TOKEN;
	else
		return -1;
	return 0;
}

const struct vocab *
profiles_vocab(const struct profiles *ps, const char *name)
{
	size_t	i;

	for (i = 0; i < ps->nvocab; i++)
		if (strcmp(ps->vocab[i].name, name) == 0)
			return &ps->vocab[i];
	return NULL;
}

/*
 * The canonical name of term, caseless: of the first entry in file order
 * when spellings repeat.  A binary search for the first of the equal
 * terms in ci, which is sorted by term and then by file order.
 */
const char *
vocab_canon(const struct vocab *v, const char *term)
{
	size_t	lo = 0, hi, mid;

	if (v == NULL || v->ci == NULL)
		return NULL;
	hi = v->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcasecmp(v->v[v->ci[mid]].term, term) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < v->n && strcasecmp(v->v[v->ci[lo]].term, term) == 0)
		return v->v[v->ci[lo]].canon;
	return NULL;
}

static const struct vocab *sort_vocab;

static int
ci_cmp(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;
	int	c = strcasecmp(sort_vocab->v[x].term, sort_vocab->v[y].term);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

/* Profiles are loaded on one thread, before any worker starts. */
static void
vocab_index(struct vocab *v)
{
	size_t	i;

	v->ci = xcalloc(v->n + 1, sizeof(*v->ci));
	for (i = 0; i < v->n; i++)
		v->ci[i] = i;
	sort_vocab = v;
	qsort(v->ci, v->n, sizeof(*v->ci), ci_cmp);
	sort_vocab = NULL;
}

static int
term_len_cmp(const void *a, const void *b)
{
	const struct vterm	*x = a, *y = b;
	size_t			 lx = strlen(x->term), ly = strlen(y->term);

	if (lx != ly)
		return lx > ly ? -1 : 1;
	return strcmp(x->term, y->term);
}

/* (?<item>longest|…|shortest), each term's metacharacters escaped. */
static char *
vocab_pattern(const struct vocab *v)
{
	struct vterm	*t;
	struct buf	 b = { 0 };
	size_t		 i;
	const char	*p;

	t = xcalloc(v->n, sizeof(*t));
	memcpy(t, v->v, v->n * sizeof(*t));
	qsort(t, v->n, sizeof(*t), term_len_cmp);
	buf_adds(&b, "(?<item>");
	for (i = 0; i < v->n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		for (p = t[i].term; *p != '\0'; p++) {
			if (strchr("\\^$.|?*+()[]{}", *p) != NULL)
				buf_addc(&b, '\\');
			buf_addc(&b, *p);
		}
	}
	buf_adds(&b, ")");
	free(t);
	return buf_take(&b);
}

static int
map_groups(struct yml *y, struct xrule *x, struct cl_error *err)
{
	const char	*name;
	unsigned	 g;
	int		 fid, k, ok;

	x->gfield = xcalloc(x->rx.ngroups + 1, sizeof(int));
	for (g = 0; g <= x->rx.ngroups; g++) {
		x->gfield[g] = -1;
		name = x->rx.names[g];
		if (name == NULL)
			continue;
		if (x->kind == X_FIELDS) {
			if (strcmp(name, "cheapest_price") == 0)
				fid = XG_CHEAPEST_PRICE;
			else if (strcmp(name, "cheapest_provider") == 0)
				fid = XG_CHEAPEST_PROVIDER;
			else
				fid = rec_field_by_group(name);
			if (fid == -1) {
				cl_error_set(err, y->file, x->yline, 0,
				    "group '%s' is not a record field "
				    "(fields are written with _ for ., "
				    "e.g. price_input)", name);
				return -1;
			}
			x->gfield[g] = fid;
			continue;
		}
		ok = 0;
		if (x->kind == X_ITEMS)
			ok = strcmp(name, "item") == 0 ||
			    strcmp(name, "status") == 0;
		else
			for (k = 0; row_groups[x->into - INTO_BENCHMARKS][k] !=
			    NULL; k++)
				if (strcmp(name, row_groups[x->into -
				    INTO_BENCHMARKS][k]) == 0)
					ok = 1;
		if (!ok) {
			cl_error_set(err, y->file, x->yline, 0,
			    "group '%s' is not known for this extractor",
			    name);
			return -1;
		}
	}
	return 0;
}

static int
parse_into(struct xrule *x, const char *s)
{
	static const struct {
		const char	*name;
		enum xkind	 kind;
		enum xinto	 into;
	} t[] = {
		{ "benchmarks", X_ROWS, INTO_BENCHMARKS },
		{ "providers", X_ROWS, INTO_PROVIDERS },
		{ "related", X_ROWS, INTO_RELATED },
		{ "capabilities", X_ITEMS, INTO_CAPABILITIES },
		{ "features", X_ITEMS, INTO_FEATURES },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strcmp(s, t[i].name) == 0) {
			x->kind = t[i].kind;
			x->into = t[i].into;
			return 0;
		}
	}
	return -1;
}

/* Extractor rows: dst is the struct xrule, arg the struct profiles. */
static int
xr_into(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;
	const char	*s;

	if (yml_need_str(at->y, at->val, "into", &s, err) == -1)
		return -1;
	if (parse_into(x, s) == -1) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "unknown 'into: %s' (benchmarks, providers, "
		    "related, capabilities, features)", s);
		return -1;
	}
	return 0;
}

static int
xr_per(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;
	const char	*s;

	if (yml_need_str(at->y, at->val, "per", &s, err) == -1)
		return -1;
	if (parse_unit(s, &x->per) == -1) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "unknown price unit '%s' (1M, 1K, token)", s);
		return -1;
	}
	return 0;
}

static int
xr_variant_max(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;
	double		 d;

	if (yml_get_double(at->y, at->val, &d, err) == -1)
		return -1;
	x->variant_max = d < 1 ? 1 : (unsigned)d;
	return 0;
}

static int
xr_within_start(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;

	if (compile_at(at->y, at->val, &x->start, x->caseless,
	    "within.start", err) == -1)
		return -1;
	x->has_within = 1;
	return 0;
}

static int
xr_within_end(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;

	if (compile_at(at->y, at->val, &x->end, x->caseless, "within.end",
	    err) == -1)
		return -1;
	x->has_end = 1;
	return 0;
}

static const struct yml_row within_rows[] = {
	{ .key = "start", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = xr_within_start, .need = "within needs a start pattern" },
	{ .key = "end", .type = YML_FN, .fn = xr_within_end },
};
static const struct yml_table within_table = YML_TABLE("within",
    within_rows);

static int
xr_within(struct yml_at *at, struct cl_error *err)
{
	return yml_read(at->y, at->val, &within_table, at->dst, at->arg, err);
}

static int
xr_unsupported(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;

	if (compile_at(at->y, at->val, &x->unsup, 1, "unsupported",
	    err) == -1)
		return -1;
	x->has_unsup = 1;
	return 0;
}

/* A vocabulary stands for the match: every term, longest first. */
static int
xr_vocab(struct yml_at *at, struct cl_error *err)
{
	struct xrule		*x = at->dst;
	const struct vocab	*vo;
	const char		*s;
	char			*pat;
	int			 rc;

	if (yml_need_str(at->y, at->val, "vocab", &s, err) == -1)
		return -1;
	vo = profiles_vocab(at->arg, s);
	if (vo == NULL || x->kind != X_ITEMS) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    vo == NULL ? "unknown vocabulary '%s'" :
		    "vocab '%s' needs into: capabilities or features", s);
		return -1;
	}
	pat = vocab_pattern(vo);
	rc = rx_compile(&x->rx, pat, 1, at->y->file, yml_line(at->val), err);
	free(pat);
	return rc;
}

/* reader: tables | labels, the generic reader instead of a pattern. */
static int
xr_reader(struct yml_at *at, struct cl_error *err)
{
	struct xrule		*x = at->dst;
	const struct profiles	*ps = at->arg;
	const char		*s;

	if (yml_need_str(at->y, at->val, "reader", &s, err) == -1)
		return -1;
	if (strcmp(s, "tables") == 0)
		x->kind = X_TABLES;
	else if (strcmp(s, "labels") == 0)
		x->kind = X_LABELS;
	else {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "unknown 'reader: %s' (tables, labels)", s);
		return -1;
	}
	if (ps->lex == NULL) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "'reader: %s' needs %s/labels.yaml", s, ps->dir);
		return -1;
	}
	return 0;
}

static int
xr_match(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;

	if (yml_get(at->y, at->map, "vocab") != NULL)
		return 0;
	if (x->kind == X_TABLES || x->kind == X_LABELS) {
		if (at->val == NULL)
			return 0;
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "a reader takes no 'match'");
		return -1;
	}
	if (at->val == NULL) {
		cl_error_set(err, at->y->file, x->yline, 0,
		    "an extractor needs 'match' (or 'vocab')");
		return -1;
	}
	return compile_at(at->y, at->val, &x->rx, x->caseless, "match", err);
}

static int
xr_needle(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;

	return needle_at(at->y, at->val, &x->rx, x->caseless, err);
}

/* Once the pattern is known: its named groups must mean something. */
static int
xr_groups(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;

	if (x->kind == X_TABLES || x->kind == X_LABELS) {
		x->gfield = xcalloc(1, sizeof(int));
		x->gfield[0] = -1;
		return 0;
	}
	return map_groups(at->y, at->dst, err);
}

static int
xr_set(struct yml_at *at, struct cl_error *err)
{
	struct xrule	*x = at->dst;
	yaml_node_t	*w;
	const char	*k, *s;
	size_t		 i, setcap = 0;
	int		 fid;

	if (!yml_is_map(at->val) || x->kind != X_FIELDS) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "'set' must map record fields to values");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &k, &w); i++) {
		fid = rec_field_by_path(k);
		if (fid == -1 || (s = yml_str(w)) == NULL) {
			cl_error_set(err, at->y->file, yml_line(w), 0,
			    "set: '%s' is not a record field", k);
			return -1;
		}
		xgrow(&x->sets, &setcap, x->nsets + 1, sizeof(*x->sets));
		x->sets[x->nsets].fid = fid;
		x->sets[x->nsets].raw = xstrdup(s);
		x->nsets++;
	}
	return 0;
}

/* An extractor; caseless comes first: the patterns below read it. */
static const struct yml_row xrule_rows[] = {
	{ .key = "caseless", .type = YML_BOOL,
	  .off = offsetof(struct xrule, caseless) },
	{ .key = "into", .type = YML_FN, .fn = xr_into },
	{ .key = "reader", .type = YML_FN, .fn = xr_reader },
	{ .key = "where", .type = YML_STR,
	  .off = offsetof(struct xrule, where) },
	{ .key = "first", .type = YML_BOOL,
	  .off = offsetof(struct xrule, first) },
	{ .key = "per", .type = YML_FN, .fn = xr_per },
	{ .key = "variant_max", .type = YML_FN, .fn = xr_variant_max },
	{ .key = "within", .type = YML_FN, .fn = xr_within },
	{ .key = "unsupported", .type = YML_FN, .fn = xr_unsupported },
	{ .key = "vocab", .type = YML_FN, .fn = xr_vocab },
	{ .key = "match", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = xr_match },
	{ .key = "needle", .type = YML_FN, .fn = xr_needle },
	{ .type = YML_STEP, .fn = xr_groups },
	{ .key = "set", .type = YML_FN, .fn = xr_set },
};
static const struct yml_table xrule_table = YML_TABLE("an extractor",
    xrule_rows);

static int
parse_xrule(struct yml *y, struct profiles *ps, yaml_node_t *n,
    struct xrule *x, struct cl_error *err)
{
	x->yline = yml_line(n);
	x->variant_max = 24;
	if (yml_read(y, n, &xrule_table, x, ps, err) == -1)
		return -1;
	if (x->where == NULL)
		x->where = xstrdup("page");
	return 0;
}

/*
 * Extractors often share one within: {start, end}; the region is found
 * once per page for the first of them and reused by the others.
 */
static size_t
same_region(const struct xrule *x, size_t i)
{
	size_t	j;

	if (!x[i].has_within)
		return i;
	for (j = 0; j < i; j++)
		if (x[j].has_within && x[j].caseless == x[i].caseless &&
		    x[j].has_end == x[i].has_end &&
		    strcmp(x[j].start.src, x[i].start.src) == 0 &&
		    (!x[i].has_end || strcmp(x[j].end.src, x[i].end.src) == 0))
			return j;
	return i;
}

/* Profile rows: dst is the struct profile, arg the struct profiles. */
static int
pr_detect_any(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;
	size_t		 i;

	p->detect = xcalloc(yml_seq_len(at->val) + 1, sizeof(struct rx));
	for (i = 0; i < yml_seq_len(at->val); i++) {
		if (compile_at(at->y, yml_seq_at(at->y, at->val, i),
		    &p->detect[p->ndetect], 0, "detect pattern", err) == -1)
			return -1;
		p->ndetect++;
	}
	return 0;
}

static const struct yml_row detect_rows[] = {
	{ .key = "min", .type = YML_INT,
	  .off = offsetof(struct profile, detect_min) },
	{ .key = "any", .type = YML_FN, .fn = pr_detect_any },
};
static const struct yml_table detect_table = YML_TABLE("detect",
    detect_rows);

static int
pr_detect(struct yml_at *at, struct cl_error *err)
{
	return yml_read(at->y, at->val, &detect_table, at->dst, at->arg, err);
}

static int
pr_detect_check(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;

	if (!p->fallback && p->ndetect == 0) {
		cl_error_set(err, at->y->file, yml_line(at->map), 0,
		    "profile '%s' has no detect patterns and is not the "
		    "fallback", p->id);
		return -1;
	}
	return 0;
}

static int
pr_required(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;
	char		**tmp = NULL;
	size_t		 i, ntmp = 0;
	int		 fid, rc = -1;

	if (yml_read_strs(at->y, at->val, "required", NULL, &tmp, &ntmp,
	    err) == -1)
		goto out;
	p->required = xcalloc(ntmp + 1, sizeof(int));
	for (i = 0; i < ntmp; i++) {
		fid = rec_field_by_path(tmp[i]);
		if (fid == -1) {
			cl_error_set(err, at->y->file, yml_line(at->val), 0,
			    "required: '%s' is not a record field", tmp[i]);
			goto out;
		}
		p->required[p->nrequired++] = fid;
	}
	rc = 0;
out:
	xfree_strs(tmp, ntmp);
	return rc;
}

/* An end section's name waits in section_names until its match compiles. */
static int
pr_section_name(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;
	const char	*s;

	if (yml_need_str(at->y, at->val, "end section name", &s, err) == -1)
		return -1;
	p->section_names[p->nsections] = xstrdup(s);
	return 0;
}

static int
pr_section_match(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;

	if (compile_at(at->y, at->val, &p->sections[p->nsections], 0,
	    "end section match", err) == -1)
		return -1;
	p->nsections++;
	return 0;
}

static const struct yml_row section_rows[] = {
	{ .key = "name", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = pr_section_name },
	{ .key = "match", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = pr_section_match },
};
static const struct yml_table section_table = YML_TABLE("an end section",
    section_rows);

static int
pr_sections(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;
	size_t		 i, n = yml_seq_len(at->val);

	p->sections = xcalloc(n + 1, sizeof(struct rx));
	p->section_names = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		if (yml_read(at->y, yml_seq_at(at->y, at->val, i),
		    &section_table, p, at->arg, err) == -1)
			return -1;
	return 0;
}

static int
pr_date_order(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;
	const char	*s = yml_str(at->val);

	if (s != NULL && strcasecmp(s, "dmy") == 0)
		p->date_order = DATE_ORDER_DMY;
	else if (s != NULL && strcasecmp(s, "mdy") == 0)
		p->date_order = DATE_ORDER_MDY;
	else if (s == NULL || strcasecmp(s, "none") != 0) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "date_order must be dmy, mdy or none");
		return -1;
	}
	return 0;
}

static int
pr_extract(struct yml_at *at, struct cl_error *err)
{
	struct profile	*p = at->dst;
	size_t		 i;

	if (at->val != NULL && !yml_is_seq(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "extract must be a list of extractors");
		return -1;
	}
	p->x = xcalloc(yml_seq_len(at->val) + 1, sizeof(*p->x));
	for (i = 0; i < yml_seq_len(at->val); i++) {
		p->x[i].prio = (int)i;
		p->nx = i + 1;
		if (parse_xrule(at->y, at->arg, yml_seq_at(at->y, at->val, i),
		    &p->x[i], err) == -1)
			return -1;
		p->x[i].region = same_region(p->x, i);
	}
	return 0;
}

/* A site profile, rules/sites/NAME.yaml. */
static const struct yml_row profile_rows[] = {
	{ .key = "id", .type = YML_STR, .flags = YML_REQUIRED,
	  .off = offsetof(struct profile, id),
	  .need = "a site profile needs an id" },
	{ .key = "name", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct profile, name) },
	{ .key = "fallback", .type = YML_BOOL,
	  .off = offsetof(struct profile, fallback) },
	{ .key = "detect", .type = YML_FN, .fn = pr_detect },
	{ .type = YML_STEP, .fn = pr_detect_check },
	{ .key = "missing", .type = YML_STRS,
	  .off = offsetof(struct profile, missing),
	  .off2 = offsetof(struct profile, nmissing) },
	{ .key = "required", .type = YML_FN, .fn = pr_required },
	{ .key = "end_sections", .type = YML_FN, .fn = pr_sections },
	{ .key = "date_order", .type = YML_FN, .fn = pr_date_order },
	{ .key = "extract", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = pr_extract },
};
static const struct yml_table profile_table = YML_TABLE("a site profile",
    profile_rows);

static int
parse_profile(struct profiles *ps, const char *path, struct profile *p,
    struct cl_error *err)
{
	struct yml	*y;
	int		 rc;

	p->file = xstrdup(path);
	if ((y = yml_load(path, err)) == NULL)
		return -1;
	p->detect_min = 1;
	rc = yml_read(y, yml_root(y), &profile_table, p, ps, err);
	if (rc == 0 && p->name == NULL)
		p->name = xstrdup(p->id);
	yml_free(y);
	return rc;
}

/*
 * Knowledge rows: dst is the struct profiles.  A scanner's kind and
 * caseless are read into a struct scan_in before its patterns.
 */
struct scan_in {
	const char	*kind;
	int		 caseless;
	size_t		 cap;
};

static int
kn_spattern_match(struct yml_at *at, struct cl_error *err)
{
	return compile_at(at->y, at->val, at->dst, *(int *)at->arg,
	    "scanner pattern", err);
}

static int
kn_spattern_needle(struct yml_at *at, struct cl_error *err)
{
	return needle_at(at->y, at->val, at->dst, *(int *)at->arg, err);
}

/* A scanner pattern written as {match: pattern, needle: literal}. */
static const struct yml_row spattern_rows[] = {
	{ .key = "match", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = kn_spattern_match, .need = "a scanner pattern needs 'match'" },
	{ .key = "needle", .type = YML_FN, .fn = kn_spattern_needle },
};
static const struct yml_table spattern_table = YML_TABLE(
    "a scanner pattern", spattern_rows);

static int
kn_scan_kind(struct yml_at *at, struct cl_error *err)
{
	struct scan_in	*si = at->dst;

	return yml_need_str(at->y, at->val, "scanner kind", &si->kind, err);
}

static int
kn_scan_patterns(struct yml_at *at, struct cl_error *err)
{
	struct scan_in	*si = at->dst;
	struct profiles	*ps = at->arg;
	struct rx	*rx;
	yaml_node_t	*pn;
	size_t		 j;

	for (j = 0; j < yml_seq_len(at->val); j++) {
		pn = yml_seq_at(at->y, at->val, j);
		xgrow(&ps->scan, &si->cap, ps->nscan + 1, sizeof(*ps->scan));
		memset(&ps->scan[ps->nscan], 0, sizeof(*ps->scan));
		ps->scan[ps->nscan].kind = xstrdup(si->kind);
		rx = &ps->scan[ps->nscan++].rx;
		if (yml_is_map(pn)) {
			if (yml_read(at->y, pn, &spattern_table, rx,
			    &si->caseless, err) == -1)
				return -1;
		} else if (compile_at(at->y, pn, rx, si->caseless,
		    "scanner pattern", err) == -1)
			return -1;
	}
	return 0;
}

static const struct yml_row scanner_rows[] = {
	{ .key = "kind", .type = YML_FN, .flags = YML_ALWAYS,
	  .fn = kn_scan_kind },
	{ .key = "caseless", .type = YML_BOOL,
	  .off = offsetof(struct scan_in, caseless) },
	{ .key = "patterns", .type = YML_FN, .fn = kn_scan_patterns },
};
static const struct yml_table scanner_table = YML_TABLE("a scanner",
    scanner_rows);

static int
kn_scanners(struct yml_at *at, struct cl_error *err)
{
	struct scan_in	 si;
	size_t		 i, cap = 0;

	for (i = 0; i < yml_seq_len(at->val); i++) {
		memset(&si, 0, sizeof(si));
		si.cap = cap;
		if (yml_read(at->y, yml_seq_at(at->y, at->val, i),
		    &scanner_table, &si, at->dst, err) == -1)
			return -1;
		cap = si.cap;
	}
	return 0;
}

static int
kn_strip(struct yml_at *at, struct cl_error *err)
{
	struct profiles	*ps = at->dst;
	size_t		 j;

	ps->kstrip = xcalloc(yml_seq_len(at->val) + 1, sizeof(*ps->kstrip));
	for (j = 0; j < yml_seq_len(at->val); j++) {
		if (compile_at(at->y, yml_seq_at(at->y, at->val, j),
		    &ps->kstrip[ps->nkstrip], 0, "model key pattern",
		    err) == -1)
			return -1;
		ps->nkstrip++;
	}
	return 0;
}

static int
kr_pattern(struct yml_at *at, struct cl_error *err)
{
	struct krepl	*r = at->dst;

	return compile_at(at->y, at->val, &r->rx, 0, "model key pattern",
	    err);
}

static const struct yml_row krepl_rows[] = {
	{ .key = "pattern", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = kr_pattern, .need = "a model key rewrite needs a pattern" },
	{ .key = "with", .type = YML_STR, .flags = YML_REQUIRED,
	  .off = offsetof(struct krepl, with),
	  .need = "a model key rewrite needs 'with', a string" },
};
static const struct yml_table krepl_table = YML_TABLE(
    "a model key rewrite", krepl_rows);

/* replace: [{pattern, with}], applied in order before the strips. */
static int
kn_replace(struct yml_at *at, struct cl_error *err)
{
	struct profiles	*ps = at->dst;
	size_t		 j;

	if (!yml_is_seq(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "model_keys.replace must be a list of "
		    "{pattern, with}");
		return -1;
	}
	ps->krepl = xcalloc(yml_seq_len(at->val) + 1, sizeof(*ps->krepl));
	for (j = 0; j < yml_seq_len(at->val); j++) {
		/* Counted first: the loader frees a half-read row too. */
		ps->nkrepl++;
		if (yml_read(at->y, yml_seq_at(at->y, at->val, j),
		    &krepl_table, &ps->krepl[j], NULL, err) == -1)
			return -1;
	}
	return 0;
}

static int
kn_aliases(struct yml_at *at, struct cl_error *err)
{
	yaml_node_t	*to;
	const char	*k;
	size_t		 j;

	for (j = 0; yml_map_at(at->y, at->val, j, &k, &to); j++) {
		if (yml_str(to) == NULL) {
			cl_error_set(err, at->y->file, yml_line(to), 0,
			    "an alias maps a key to a key");
			return -1;
		}
		profiles_add_alias(at->dst, k, yml_str(to));
	}
	return 0;
}

static const struct yml_row key_rows[] = {
	{ .key = "replace", .type = YML_FN, .fn = kn_replace },
	{ .key = "strip", .type = YML_FN, .fn = kn_strip },
	{ .key = "aliases", .type = YML_FN, .fn = kn_aliases },
};
static const struct yml_table key_table = YML_TABLE("model_keys",
    key_rows);

static int
kn_model_keys(struct yml_at *at, struct cl_error *err)
{
	return yml_read(at->y, at->val, &key_table, at->dst, at->arg, err);
}

/* One vocabulary: terms, or lists [canonical, synonym, …]. */
static int
kn_vocab_one(struct yml *y, yaml_node_t *e, struct vocab *vo,
    struct cl_error *err)
{
	yaml_node_t	*syn;
	const char	*s;
	size_t		 j, m, vcap = 0;

	for (j = 0; j < yml_seq_len(e); j++) {
		syn = yml_seq_at(y, e, j);
		if (yml_is_scalar(syn)) {
			xgrow(&vo->v, &vcap, vo->n + 1, sizeof(*vo->v));
			vo->v[vo->n].canon = xstrdup(yml_str(syn));
			vo->v[vo->n].term = xstrdup(yml_str(syn));
			vo->n++;
			continue;
		}
		if (yml_seq_len(syn) == 0) {
			cl_error_set(err, y->file, yml_line(syn), 0,
			    "a vocabulary entry is a term or a list "
			    "[canonical, synonym, …]");
			return -1;
		}
		s = yml_str(yml_seq_at(y, syn, 0));
		for (m = 0; m < yml_seq_len(syn); m++) {
			if (yml_str(yml_seq_at(y, syn, m)) == NULL ||
			    s == NULL) {
				cl_error_set(err, y->file, yml_line(syn), 0,
				    "vocabulary terms are strings");
				return -1;
			}
			xgrow(&vo->v, &vcap, vo->n + 1, sizeof(*vo->v));
			vo->v[vo->n].canon = xstrdup(s);
			vo->v[vo->n].term = xstrdup(
			    yml_str(yml_seq_at(y, syn, m)));
			vo->n++;
		}
	}
	return 0;
}

static int
kn_vocab(struct yml_at *at, struct cl_error *err)
{
	struct profiles	*ps = at->dst;
	struct vocab	*vo;
	yaml_node_t	*e;
	const char	*k;
	size_t		 i, cap = 0;

	for (i = 0; yml_map_at(at->y, at->val, i, &k, &e); i++) {
		xgrow(&ps->vocab, &cap, ps->nvocab + 1, sizeof(*ps->vocab));
		vo = &ps->vocab[ps->nvocab++];
		memset(vo, 0, sizeof(*vo));
		vo->name = xstrdup(k);
		if (kn_vocab_one(at->y, e, vo, err) == -1)
			return -1;
		vocab_index(vo);
	}
	return 0;
}

/* rules/knowledge.yaml; catalog.c reads the benchmark and id parts. */
static const struct yml_row knowledge_rows[] = {
	{ .key = "scanners", .type = YML_FN, .fn = kn_scanners },
	{ .key = "model_keys", .type = YML_FN, .fn = kn_model_keys },
	{ .key = "vocab", .type = YML_FN, .fn = kn_vocab },
	{ .key = "bench_scales", .type = YML_SKIP },
	{ .key = "bench_variants", .type = YML_SKIP },
	{ .key = "id_formats", .type = YML_SKIP },
	{ .key = "price_bounds", .type = YML_SKIP },
};
static const struct yml_table knowledge_table = YML_TABLE(
    "the knowledge file", knowledge_rows);

static int
parse_knowledge(struct profiles *ps, const char *path, struct cl_error *err)
{
	struct yml	*y;
	int		 rc;

	if ((y = yml_load(path, err)) == NULL)
		return -1;
	rc = yml_read(y, yml_root(y), &knowledge_table, ps, NULL, err);
	yml_free(y);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct profiles *
profiles_load(const char *dir, struct cl_error *err)
{
	struct profiles	*ps;
	DIR		*d;
	struct dirent	*de;
	char		*path, *sdir, **names = NULL;
	size_t		 n = 0, cap = 0, i, len, nfallback = 0;

	ps = xcalloc(1, sizeof(*ps));
	ps->dir = xstrdup(dir);
	xasprintf(&path, "%s/knowledge.yaml", dir);
	if (parse_knowledge(ps, path, err) == -1) {
		free(path);
		goto fail;
	}
	free(path);
	/* The generic reader's knowledge; profiles that use it need it. */
	xasprintf(&path, "%s/labels.yaml", dir);
	if (access(path, F_OK) == 0 &&
	    (ps->lex = lexicon_load(path, err)) == NULL) {
		free(path);
		goto fail;
	}
	free(path);
	xasprintf(&sdir, "%s/sites", dir);
	if ((d = opendir(sdir)) == NULL) {
		cl_error_set(err, sdir, 0, 0, "cannot open the site "
		    "profiles directory");
		free(sdir);
		goto fail;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		xgrow(&names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	ps->v = xcalloc(n + 1, sizeof(*ps->v));
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", sdir, names[i]);
		ps->n = i + 1;
		if (parse_profile(ps, path, &ps->v[i], err) == -1) {
			free(path);
			goto fail_names;
		}
		free(path);
		if (ps->v[i].fallback)
			nfallback++;
	}
	if (nfallback != 1) {
		cl_error_set(err, sdir, 0, 0, "exactly one site profile must "
		    "say 'fallback: true' (found %zu)", nfallback);
		goto fail_names;
	}
	xfree_strs(names, n);
	free(sdir);
	return ps;
fail_names:
	xfree_strs(names, n);
	free(sdir);
fail:
	profiles_free(ps);
	return NULL;
}

static void
xrule_free(struct xrule *x)
{
	size_t	i;

	rx_free(&x->rx);
	rx_free(&x->start);
	rx_free(&x->end);
	rx_free(&x->unsup);
	free(x->where);
	free(x->gfield);
	for (i = 0; i < x->nsets; i++)
		free(x->sets[i].raw);
	free(x->sets);
}

void
profiles_free(struct profiles *ps)
{
	struct profile	*p;
	size_t		 i, j;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		free(p->id);
		free(p->name);
		free(p->file);
		for (j = 0; j < p->ndetect; j++)
			rx_free(&p->detect[j]);
		free(p->detect);
		xfree_strs(p->missing, p->nmissing);
		free(p->required);
		for (j = 0; j < p->nsections; j++)
			rx_free(&p->sections[j]);
		/* One more name than sections when a match failed. */
		for (j = 0; p->section_names != NULL &&
		    p->section_names[j] != NULL; j++)
			free(p->section_names[j]);
		free(p->sections);
		free(p->section_names);
		for (j = 0; j < p->nx; j++)
			xrule_free(&p->x[j]);
		free(p->x);
	}
	free(ps->v);
	for (i = 0; i < ps->nscan; i++) {
		free(ps->scan[i].kind);
		rx_free(&ps->scan[i].rx);
	}
	free(ps->scan);
	for (i = 0; i < ps->nvocab; i++) {
		for (j = 0; j < ps->vocab[i].n; j++) {
			free(ps->vocab[i].v[j].canon);
			free(ps->vocab[i].v[j].term);
		}
		free(ps->vocab[i].v);
		free(ps->vocab[i].ci);
		free(ps->vocab[i].name);
	}
	free(ps->vocab);
	for (i = 0; i < ps->nkrepl; i++) {
		rx_free(&ps->krepl[i].rx);
		free(ps->krepl[i].with);
	}
	free(ps->krepl);
	for (i = 0; i < ps->nkstrip; i++)
		rx_free(&ps->kstrip[i]);
	free(ps->kstrip);
	for (i = 0; i < ps->nalias; i++) {
		free(ps->alias[i].from);
		free(ps->alias[i].to);
	}
	free(ps->alias);
	lexicon_free(ps->lex);
	free(ps->dir);
	free(ps);
}

/* Every match of r in k becomes with, left to right; k or a new string
   (k freed). */
static char *
key_rewrite(const struct krepl *r, char *k)
{
	struct buf	 b;
	size_t		 len = strlen(k), at = 0, from = 0, ov[2];
	int		 hit = 0;

	memset(&b, 0, sizeof(b));
	while (at <= len && rx_match(&r->rx, k, len, at, ov, 2) == 1 &&
	    ov[0] >= from && ov[1] >= ov[0]) {
		buf_add(&b, k + from, ov[0] - from);
		buf_adds(&b, r->with);
		from = ov[1];
		hit = 1;
		/* After an empty match, on to the next character. */
		at = ov[1];
		if (ov[1] == ov[0]) {
			at++;
			while (at < len && ((unsigned char)k[at] & 0xc0) ==
			    0x80)
				at++;
		}
	}
	buf_add(&b, k + from, len - from);
	/* A rewrite that empties the key is no rewrite. */
	if (!hit || b.len == 0) {
		buf_free(&b);
		return k;
	}
	free(k);
	return buf_take(&b);
}

/* A name folded by the rewrites and strips of model_keys. */
static char *
key_fold(const struct profiles *ps, const char *name)
{
	char	*k = record_model_key(name);
	size_t	 i, ov[2], len;
	int	 changed = 1, pass;

	for (i = 0; i < ps->nkrepl; i++)
		k = key_rewrite(&ps->krepl[i], k);
	/* Suffixes stack ("-chat-hf"): strip until nothing changes. */
	for (pass = 0; changed && pass < 8; pass++) {
		changed = 0;
		for (i = 0; i < ps->nkstrip; i++) {
			len = strlen(k);
			if (rx_match(&ps->kstrip[i], k, len, 0, ov, 2) != 1 ||
			    ov[0] == 0 || ov[1] == ov[0])
				continue;
			memmove(k + ov[0], k + ov[1], len - ov[1] + 1);
			changed = 1;
		}
	}
	return k;
}

/* Both sides are folded as names are, so an alias may be written in
   any spelling of the two models. */
void
profiles_add_alias(struct profiles *ps, const char *from, const char *to)
{
	xgrow(&ps->alias, &ps->aliascap, ps->nalias + 1, sizeof(*ps->alias));
	ps->alias[ps->nalias].from = key_fold(ps, from);
	ps->alias[ps->nalias].to = key_fold(ps, to);
	ps->nalias++;
}

char *
profiles_model_key(const struct profiles *ps, const char *name)
{
	char	*k = key_fold(ps, name);
	size_t	 i;

	for (i = 0; i < ps->nalias; i++) {
		if (strcmp(k, ps->alias[i].from) == 0) {
			free(k);
			return xstrdup(ps->alias[i].to);
		}
	}
	return k;
}

const struct profile *
profiles_get(const struct profiles *ps, const char *id)
{
	size_t	i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].id, id) == 0)
			return &ps->v[i];
	return NULL;
}
