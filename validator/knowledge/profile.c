/*
 * profile.c: compile site profiles and the knowledge file from YAML.
 *
 * Every pattern is compiled here, once; a bad pattern, an unknown key or
 * a group name that is not a record field is an error naming the file
 * and line, so a typo in a profile cannot silently extract nothing.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "base/xalloc.h"
#include "base/yml.h"

static const char *const profile_keys[] = {
	"id", "name", "fallback", "detect", "missing", "required",
	"end_sections", "date_order", "extract", NULL
};
static const char *const detect_keys[] = { "min", "any", NULL };
static const char *const xrule_keys[] = {
	"kind", "into", "match", "where", "first", "within", "set", "per",
	"unsupported", "vocab", "variant_max", "caseless", "needle", NULL
};
static const char *const within_keys[] = { "start", "end", NULL };
static const char *const section_keys[] = { "name", "match", NULL };
static const char *const knowledge_keys[] = {
	"scanners", "vocab", "bench_scales", "bench_variants", "id_formats",
	"price_bounds", "model_keys", NULL
};
static const char *const key_keys[] = { "strip", "aliases", NULL };
static const char *const scanner_keys[] = { "kind", "patterns",
	"caseless", NULL };
static const char *const spattern_keys[] = { "match", "needle", NULL };

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
need_str(struct yml *y, yaml_node_t *n, const char *what, const char **out,
    struct cl_error *err)
{
	*out = yml_str(n);
	if (*out == NULL) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "%s must be a string", what);
		return -1;
	}
	return 0;
}

static int
compile_at(struct yml *y, yaml_node_t *n, struct rx *rx, int caseless,
    const char *what, struct cl_error *err)
{
	const char	*s;

	if (need_str(y, n, what, &s, err) == -1)
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
	if (need_str(y, n, "needle", &s, err) == -1)
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

static int
parse_xrule(struct yml *y, struct profiles *ps, yaml_node_t *n,
    struct xrule *x, struct cl_error *err)
{
	yaml_node_t	*v, *w;
	const char	*s, *k;
	char		*pat = NULL;
	size_t		 i;
	int		 caseless = 0, fid;
	size_t		 setcap = 0;
	double		 d;

	x->yline = yml_line(n);
	x->variant_max = 24;
	if (yml_keys_known(y, n, xrule_keys, "an extractor", err) == -1)
		return -1;
	if ((v = yml_get(y, n, "caseless")) != NULL &&
	    yml_get_bool(y, v, &caseless, err) == -1)
		return -1;
	x->caseless = caseless;
	if ((v = yml_get(y, n, "into")) != NULL) {
		if (need_str(y, v, "into", &s, err) == -1)
			return -1;
		if (parse_into(x, s) == -1) {
			cl_error_set(err, y->file, yml_line(v), 0,
			    "unknown 'into: %s' (benchmarks, providers, "
			    "related, capabilities, features)", s);
			return -1;
		}
	}
	if ((v = yml_get(y, n, "where")) != NULL) {
		if (need_str(y, v, "where", &s, err) == -1)
			return -1;
		x->where = xstrdup(s);
	} else
		x->where = xstrdup("page");
	if ((v = yml_get(y, n, "first")) != NULL &&
	    yml_get_bool(y, v, &x->first, err) == -1)
		return -1;
	if ((v = yml_get(y, n, "per")) != NULL) {
		if (need_str(y, v, "per", &s, err) == -1)
			return -1;
		if (parse_unit(s, &x->per) == -1) {
			cl_error_set(err, y->file, yml_line(v), 0,
			    "unknown price unit '%s' (1M, 1K, token)", s);
			return -1;
		}
	}
	if ((v = yml_get(y, n, "variant_max")) != NULL) {
		if (yml_get_double(y, v, &d, err) == -1)
			return -1;
		x->variant_max = d < 1 ? 1 : (unsigned)d;
	}
	if ((v = yml_get(y, n, "within")) != NULL) {
		if (yml_keys_known(y, v, within_keys, "within", err) == -1)
			return -1;
		if ((w = yml_get(y, v, "start")) == NULL) {
			cl_error_set(err, y->file, yml_line(v), 0,
			    "within needs a start pattern");
			return -1;
		}
		if (compile_at(y, w, &x->start, caseless, "within.start",
		    err) == -1)
			return -1;
		x->has_within = 1;
		if ((w = yml_get(y, v, "end")) != NULL) {
			if (compile_at(y, w, &x->end, caseless, "within.end",
			    err) == -1)
				return -1;
			x->has_end = 1;
		}
	}
	if ((v = yml_get(y, n, "unsupported")) != NULL) {
		if (compile_at(y, v, &x->unsup, 1, "unsupported", err) == -1)
			return -1;
		x->has_unsup = 1;
	}
	if ((v = yml_get(y, n, "vocab")) != NULL) {
		const struct vocab *vo;

		if (need_str(y, v, "vocab", &s, err) == -1)
			return -1;
		vo = profiles_vocab(ps, s);
		if (vo == NULL || x->kind != X_ITEMS) {
			cl_error_set(err, y->file, yml_line(v), 0,
			    vo == NULL ? "unknown vocabulary '%s'" :
			    "vocab '%s' needs into: capabilities or features",
			    s);
			return -1;
		}
		pat = vocab_pattern(vo);
		if (rx_compile(&x->rx, pat, 1, y->file, yml_line(v),
		    err) == -1) {
			free(pat);
			return -1;
		}
		free(pat);
	} else if ((v = yml_get(y, n, "match")) != NULL) {
		if (compile_at(y, v, &x->rx, caseless, "match", err) == -1)
			return -1;
	} else {
		cl_error_set(err, y->file, x->yline, 0,
		    "an extractor needs 'match' (or 'vocab')");
		return -1;
	}
	if (needle_at(y, yml_get(y, n, "needle"), &x->rx, caseless,
	    err) == -1)
		return -1;
	if (map_groups(y, x, err) == -1)
		return -1;
	if ((v = yml_get(y, n, "set")) != NULL) {
		if (!yml_is_map(v) || x->kind != X_FIELDS) {
			cl_error_set(err, y->file, yml_line(v), 0,
			    "'set' must map record fields to values");
			return -1;
		}
		for (i = 0; yml_map_at(y, v, i, &k, &w); i++) {
			fid = rec_field_by_path(k);
			if (fid == -1 || (s = yml_str(w)) == NULL) {
				cl_error_set(err, y->file, yml_line(w), 0,
				    "set: '%s' is not a record field", k);
				return -1;
			}
			xgrow(&x->sets, &setcap, x->nsets + 1,
			    sizeof(*x->sets));
			x->sets[x->nsets].fid = fid;
			x->sets[x->nsets].raw = xstrdup(s);
			x->nsets++;
		}
	}
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

static int
parse_strlist(struct yml *y, yaml_node_t *n, const char *what, char ***out,
    size_t *nout, struct cl_error *err)
{
	size_t	 i;
	const char *s;

	if (yml_is_scalar(n)) {
		*out = xcalloc(1, sizeof(char *));
		(*out)[0] = xstrdup(yml_str(n));
		*nout = 1;
		return 0;
	}
	if (!yml_is_seq(n)) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "%s must be a list of strings", what);
		return -1;
	}
	*out = xcalloc(yml_seq_len(n) + 1, sizeof(char *));
	for (i = 0; i < yml_seq_len(n); i++) {
		if (need_str(y, yml_seq_at(y, n, i), what, &s, err) == -1)
			return -1;
		(*out)[(*nout)++] = xstrdup(s);
	}
	return 0;
}

static int
parse_profile(struct profiles *ps, const char *path, struct profile *p,
    struct cl_error *err)
{
	struct yml	*y;
	yaml_node_t	*root, *v, *e, *m;
	const char	*s;
	char		**tmp = NULL;
	size_t		 i, ntmp = 0;
	double		 d;
	int		 rc = -1, fid;

	p->file = xstrdup(path);
	if ((y = yml_load(path, err)) == NULL)
		return -1;
	root = yml_root(y);
	if (yml_keys_known(y, root, profile_keys, "a site profile",
	    err) == -1)
		goto out;
	if ((v = yml_get(y, root, "id")) == NULL || yml_str(v) == NULL) {
		cl_error_set(err, path, yml_line(root), 0,
		    "a site profile needs an id");
		goto out;
	}
	p->id = xstrdup(yml_str(v));
	v = yml_get(y, root, "name");
	p->name = xstrdup(yml_str(v) != NULL ? yml_str(v) : p->id);
	if ((v = yml_get(y, root, "fallback")) != NULL &&
	    yml_get_bool(y, v, &p->fallback, err) == -1)
		goto out;
	p->detect_min = 1;
	if ((v = yml_get(y, root, "detect")) != NULL) {
		if (yml_keys_known(y, v, detect_keys, "detect", err) == -1)
			goto out;
		if ((e = yml_get(y, v, "min")) != NULL) {
			if (yml_get_double(y, e, &d, err) == -1)
				goto out;
			p->detect_min = (int)d;
		}
		e = yml_get(y, v, "any");
		p->detect = xcalloc(yml_seq_len(e) + 1, sizeof(struct rx));
		for (i = 0; i < yml_seq_len(e); i++) {
			if (compile_at(y, yml_seq_at(y, e, i),
			    &p->detect[p->ndetect], 0, "detect pattern",
			    err) == -1)
				goto out;
			p->ndetect++;
		}
	}
	if (!p->fallback && p->ndetect == 0) {
		cl_error_set(err, path, yml_line(root), 0,
		    "profile '%s' has no detect patterns and is not the "
		    "fallback", p->id);
		goto out;
	}
	if ((v = yml_get(y, root, "missing")) != NULL &&
	    parse_strlist(y, v, "missing", &p->missing, &p->nmissing,
	    err) == -1)
		goto out;
	if ((v = yml_get(y, root, "required")) != NULL) {
		if (parse_strlist(y, v, "required", &tmp, &ntmp, err) == -1)
			goto out;
		p->required = xcalloc(ntmp + 1, sizeof(int));
		for (i = 0; i < ntmp; i++) {
			fid = rec_field_by_path(tmp[i]);
			if (fid == -1) {
				cl_error_set(err, path, yml_line(v), 0,
				    "required: '%s' is not a record field",
				    tmp[i]);
				goto out;
			}
			p->required[p->nrequired++] = fid;
		}
	}
	if ((v = yml_get(y, root, "end_sections")) != NULL) {
		p->sections = xcalloc(yml_seq_len(v) + 1, sizeof(struct rx));
		p->section_names = xcalloc(yml_seq_len(v) + 1,
		    sizeof(char *));
		for (i = 0; i < yml_seq_len(v); i++) {
			e = yml_seq_at(y, v, i);
			if (yml_keys_known(y, e, section_keys,
			    "an end section", err) == -1)
				goto out;
			m = yml_get(y, e, "match");
			if (need_str(y, yml_get(y, e, "name"),
			    "end section name", &s, err) == -1 ||
			    compile_at(y, m, &p->sections[p->nsections], 0,
			    "end section match", err) == -1)
				goto out;
			p->section_names[p->nsections++] = xstrdup(s);
		}
	}
	if ((v = yml_get(y, root, "date_order")) != NULL) {
		s = yml_str(v);
		if (s != NULL && strcasecmp(s, "dmy") == 0)
			p->date_order = DATE_ORDER_DMY;
		else if (s != NULL && strcasecmp(s, "mdy") == 0)
			p->date_order = DATE_ORDER_MDY;
		else if (s == NULL || strcasecmp(s, "none") != 0) {
			cl_error_set(err, path, yml_line(v), 0,
			    "date_order must be dmy, mdy or none");
			goto out;
		}
	}
	v = yml_get(y, root, "extract");
	if (v != NULL && !yml_is_seq(v)) {
		cl_error_set(err, path, yml_line(v), 0,
		    "extract must be a list of extractors");
		goto out;
	}
	p->x = xcalloc(yml_seq_len(v) + 1, sizeof(*p->x));
	for (i = 0; i < yml_seq_len(v); i++) {
		p->x[i].prio = (int)i;
		p->nx = i + 1;
		if (parse_xrule(y, ps, yml_seq_at(y, v, i), &p->x[i],
		    err) == -1)
			goto out;
		p->x[i].region = same_region(p->x, i);
	}
	rc = 0;
out:
	for (i = 0; i < ntmp; i++)
		free(tmp[i]);
	free(tmp);
	yml_free(y);
	return rc;
}

static int
parse_knowledge(struct profiles *ps, const char *path, struct cl_error *err)
{
	struct yml	*y;
	yaml_node_t	*root, *v, *e, *pats, *syn;
	const char	*k, *s;
	size_t		 i, j, m, cap;
	int		 rc = -1, caseless;
	struct vocab	*vo;

	if ((y = yml_load(path, err)) == NULL)
		return -1;
	root = yml_root(y);
	if (yml_keys_known(y, root, knowledge_keys, "the knowledge file",
	    err) == -1)
		goto out;
	v = yml_get(y, root, "scanners");
	cap = 0;
	for (i = 0; i < yml_seq_len(v); i++) {
		e = yml_seq_at(y, v, i);
		if (yml_keys_known(y, e, scanner_keys, "a scanner",
		    err) == -1)
			goto out;
		if (need_str(y, yml_get(y, e, "kind"), "scanner kind", &k,
		    err) == -1)
			goto out;
		caseless = 0;
		if (yml_get(y, e, "caseless") != NULL &&
		    yml_get_bool(y, yml_get(y, e, "caseless"), &caseless,
		    err) == -1)
			goto out;
		pats = yml_get(y, e, "patterns");
		for (j = 0; j < yml_seq_len(pats); j++) {
			struct rx	*rx;
			yaml_node_t	*pn = yml_seq_at(y, pats, j), *nd = NULL;

			xgrow(&ps->scan, &cap, ps->nscan + 1,
			    sizeof(*ps->scan));
			memset(&ps->scan[ps->nscan], 0, sizeof(*ps->scan));
			ps->scan[ps->nscan].kind = xstrdup(k);
			rx = &ps->scan[ps->nscan++].rx;
			/* A pattern, or {match: pattern, needle: literal}. */
			if (yml_is_map(pn)) {
				if (yml_keys_known(y, pn, spattern_keys,
				    "a scanner pattern", err) == -1)
					goto out;
				nd = yml_get(y, pn, "needle");
				if ((pn = yml_get(y, pn, "match")) == NULL) {
					cl_error_set(err, y->file,
					    yml_line(yml_seq_at(y, pats, j)), 0,
					    "a scanner pattern needs 'match'");
					goto out;
				}
			}
			if (compile_at(y, pn, rx, caseless, "scanner pattern",
			    err) == -1 || needle_at(y, nd, rx, caseless,
			    err) == -1)
				goto out;
		}
	}
	if ((v = yml_get(y, root, "model_keys")) != NULL) {
		if (yml_keys_known(y, v, key_keys, "model_keys", err) == -1)
			goto out;
		pats = yml_get(y, v, "strip");
		ps->kstrip = xcalloc(yml_seq_len(pats) + 1,
		    sizeof(*ps->kstrip));
		for (j = 0; j < yml_seq_len(pats); j++) {
			if (compile_at(y, yml_seq_at(y, pats, j),
			    &ps->kstrip[ps->nkstrip], 0, "model key pattern",
			    err) == -1)
				goto out;
			ps->nkstrip++;
		}
		e = yml_get(y, v, "aliases");
		for (j = 0; yml_map_at(y, e, j, &k, &syn); j++) {
			if (yml_str(syn) == NULL) {
				cl_error_set(err, path, yml_line(syn), 0,
				    "an alias maps a key to a key");
				goto out;
			}
			profiles_add_alias(ps, k, yml_str(syn));
		}
	}
	v = yml_get(y, root, "vocab");
	cap = 0;
	for (i = 0; yml_map_at(y, v, i, &k, &e); i++) {
		size_t vcap = 0;

		xgrow(&ps->vocab, &cap, ps->nvocab + 1, sizeof(*ps->vocab));
		vo = &ps->vocab[ps->nvocab++];
		memset(vo, 0, sizeof(*vo));
		vo->name = xstrdup(k);
		for (j = 0; j < yml_seq_len(e); j++) {
			syn = yml_seq_at(y, e, j);
			if (yml_is_scalar(syn)) {
				xgrow(&vo->v, &vcap, vo->n + 1,
				    sizeof(*vo->v));
				vo->v[vo->n].canon = xstrdup(yml_str(syn));
				vo->v[vo->n].term = xstrdup(yml_str(syn));
				vo->n++;
				continue;
			}
			if (yml_seq_len(syn) == 0) {
				cl_error_set(err, path, yml_line(syn), 0,
				    "a vocabulary entry is a term or a list "
				    "[canonical, synonym, …]");
				goto out;
			}
			s = yml_str(yml_seq_at(y, syn, 0));
			for (m = 0; m < yml_seq_len(syn); m++) {
				if (yml_str(yml_seq_at(y, syn, m)) == NULL ||
				    s == NULL) {
					cl_error_set(err, path, yml_line(syn),
					    0, "vocabulary terms are strings");
					goto out;
				}
				xgrow(&vo->v, &vcap, vo->n + 1,
				    sizeof(*vo->v));
				vo->v[vo->n].canon = xstrdup(s);
				vo->v[vo->n].term = xstrdup(
				    yml_str(yml_seq_at(y, syn, m)));
				vo->n++;
			}
		}
		vocab_index(vo);
	}
	rc = 0;
out:
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
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(sdir);
	return ps;
fail_names:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
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
		for (j = 0; j < p->nmissing; j++)
			free(p->missing[j]);
		free(p->missing);
		free(p->required);
		for (j = 0; j < p->nsections; j++) {
			rx_free(&p->sections[j]);
			free(p->section_names[j]);
		}
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
	for (i = 0; i < ps->nkstrip; i++)
		rx_free(&ps->kstrip[i]);
	free(ps->kstrip);
	for (i = 0; i < ps->nalias; i++) {
		free(ps->alias[i].from);
		free(ps->alias[i].to);
	}
	free(ps->alias);
	free(ps->dir);
	free(ps);
}

void
profiles_add_alias(struct profiles *ps, const char *from, const char *to)
{
	xgrow(&ps->alias, &ps->aliascap, ps->nalias + 1, sizeof(*ps->alias));
	ps->alias[ps->nalias].from = record_model_key(from);
	ps->alias[ps->nalias].to = record_model_key(to);
	ps->nalias++;
}

char *
profiles_model_key(const struct profiles *ps, const char *name)
{
	char	*k = record_model_key(name);
	size_t	 i, ov[2], len;
	int	 changed = 1, pass;

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
