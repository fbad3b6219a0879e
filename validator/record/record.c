/*
 * record.c: the page record, its field table, and its JSON form.
 *
 * The JSON writer follows record.md key for key; the reader accepts what
 * the writer produced, so `extract` output can be linted again with
 * `check --records` without the pages.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "record/record.h"
#include "base/xalloc.h"

const struct fdef rec_fields[F__COUNT] = {
	{ "model.name", "model_name", FT_STR },
	{ "model.key", "model_key", FT_STR },
	{ "model.id", "model_id", FT_STR },
	{ "model.family", "model_family", FT_STR },
	{ "model.creator", "model_creator", FT_STR },
	{ "provider", "provider", FT_STR },
	{ "price.input", "price_input", FT_MONEY },
	{ "price.output", "price_output", FT_MONEY },
	{ "price.cache", "price_cache", FT_MONEY },
	{ "price.batch", "price_batch", FT_MONEY },
	{ "price.currency", "price_currency", FT_CURRENCY },
	{ "context_tokens", "context_tokens", FT_TOKENS },
	{ "max_input_tokens", "max_input_tokens", FT_TOKENS },
	{ "max_output_tokens", "max_output_tokens", FT_TOKENS },
	{ "params.total", "params_total", FT_PARAMS },
	{ "params.active", "params_active", FT_PARAMS },
	{ "released", "released", FT_DATE },
	{ "refreshed", "refreshed", FT_DATE },
	{ "updated", "updated", FT_DATE },
	{ "snapshot", "snapshot", FT_DATE },
	{ "knowledge_cutoff", "knowledge_cutoff", FT_DATE },
	{ "refresh_every_days", "refresh_every_days", FT_DAYS },
	{ "open_source", "open_source", FT_BOOL },
	{ "average_score", "average_score", FT_SCORE },
	{ "providers_claimed", "providers_claimed", FT_INT },
};

static const char *const status_names[] = {
	"ok", "empty", "sentinel", "invalid", "bad"
};

int
rec_field_by_path(const char *p)
{
	int	i;

	/* Checks look fields up by path for every page: the first byte
	   spares most of the strcmp calls. */
	for (i = 0; i < F__COUNT; i++)
		if (rec_fields[i].path[0] == p[0] &&
		    strcmp(rec_fields[i].path, p) == 0)
			return i;
	return -1;
}

int
rec_field_by_group(const char *g)
{
	int	i;

	for (i = 0; i < F__COUNT; i++)
		if (strcmp(rec_fields[i].group, g) == 0)
			return i;
	return -1;
}

struct record *
record_new(const char *file, const char *site)
{
	struct record	*r;
	int		 i;

	r = xcalloc(1, sizeof(*r));
	/* JSON needs UTF-8: a file name with other bytes is shown with
	   U+FFFD rather than dropped. */
	r->file = utf8_clean(file);
	r->site = xstrdup(site);
	for (i = 0; i < F__COUNT; i++)
		r->f[i].set = -1;
	return r;
}

static void
itemlist_free(struct itemlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
}

void
record_free(struct record *r)
{
	size_t	i, j;

	if (r == NULL)
		return;
	for (i = 0; i < F__COUNT; i++) {
		for (j = 0; j < r->f[i].n; j++) {
			free(r->f[i].v[j].str);
			free(r->f[i].v[j].raw);
			free(r->f[i].v[j].where);
		}
		free(r->f[i].v);
	}
	for (i = 0; i < r->nbench; i++) {
		free(r->bench[i].name);
		free(r->bench[i].variant);
		free(r->bench[i].note);
		free(r->bench[i].raw);
	}
	free(r->bench);
	for (i = 0; i < r->nprov; i++)
		free(r->prov[i].name);
	free(r->prov);
	for (i = 0; i < r->nrel; i++) {
		free(r->rel[i].name);
		free(r->rel[i].key);
		free(r->rel[i].creator);
		free(r->rel[i].released);
	}
	free(r->rel);
	itemlist_free(&r->capabilities);
	itemlist_free(&r->features);
	itemlist_free(&r->unsupported);
	free(r->cheapest.provider);
	for (i = 0; i < r->nmarks; i++) {
		free(r->marks[i].kind);
		free(r->marks[i].raw);
	}
	free(r->marks);
	xfree_strs(r->sections, r->nsections);
	free(r->file);
	free(r->site);
	free(r->format);
	free(r->charset);
	free(r);
}

struct seen *
record_add_seen(struct record *r, enum fid id, const struct seen *s)
{
	struct field	*f = &r->f[id];
	struct seen	*d;

	xgrow(&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	d = &f->v[f->n++];
	*d = *s;
	d->str = s->str == NULL ? NULL : xstrdup(s->str);
	d->raw = s->raw == NULL ? NULL : xstrdup(s->raw);
	d->where = s->where == NULL ? NULL : xstrdup(s->where);
	return d;
}

static int
seen_cmp(const void *a, const void *b)
{
	const struct seen	*x = a, *y = b;

	/* Best source first: the value is the first usable sighting. */
	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return 0;
}

static int
mark_cmp(const void *a, const void *b)
{
	const struct mark	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->kind, y->kind)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return 0;
}

void
record_settle(struct record *r)
{
	struct field	*f;
	const char	*cur = NULL;
	size_t		 j;
	int		 i, best;
	struct seen	 s;

	for (i = 0; i < F__COUNT; i++) {
		f = &r->f[i];
		if (f->n > 1)
			qsort(f->v, f->n, sizeof(*f->v), seen_cmp);
		best = -1;
		for (j = 0; j < f->n; j++) {
			if (f->v[j].status != NORM_OK || f->v[j].missing)
				continue;
			if (best == -1 || f->v[j].prio < f->v[best].prio)
				best = (int)j;
		}
		f->set = best;
	}
	if (r->nmarks > 1)
		qsort(r->marks, r->nmarks, sizeof(*r->marks), mark_cmp);
	/* The currency is what the chosen prices were written in. */
	if (r->f[F_PRICE_CURRENCY].n == 0) {
		for (i = F_PRICE_INPUT; i <= F_PRICE_BATCH && cur == NULL;
		    i++)
			if (r->f[i].set >= 0)
				cur = r->f[i].v[r->f[i].set].currency;
		if (cur != NULL && cur[0] != '\0') {
			memset(&s, 0, sizeof(s));
			s.str = (char *)(uintptr_t)cur;
			s.raw = (char *)(uintptr_t)cur;
			s.where = (char *)(uintptr_t)"price";
			for (i = F_PRICE_INPUT; i <= F_PRICE_BATCH; i++) {
				if (r->f[i].set < 0)
					continue;
				s.line = r->f[i].v[r->f[i].set].line;
				s.column = r->f[i].v[r->f[i].set].column;
				break;
			}
			record_add_seen(r, F_PRICE_CURRENCY, &s);
			r->f[F_PRICE_CURRENCY].set = 0;
		}
	}
}

const struct seen *
record_get(const struct record *r, enum fid id)
{
	const struct field	*f = &r->f[id];

	return f->set < 0 ? NULL : &f->v[f->set];
}

int
record_num(const struct record *r, enum fid id, double *out)
{
	const struct seen	*s = record_get(r, id);

	if (s == NULL)
		return 0;
	*out = s->num;
	return 1;
}

const char *
record_str(const struct record *r, enum fid id)
{
	const struct seen	*s = record_get(r, id);

	return s == NULL ? NULL : s->str;
}

void
record_add_mark(struct record *r, const char *kind, const char *raw,
    unsigned line, unsigned column)
{
	struct mark	*m;
	size_t		 i;

	for (i = 0; i < r->nmarks; i++) {
		m = &r->marks[i];
		if (strcmp(m->kind, kind) == 0 && m->line == line &&
		    m->column == column)
			return;
	}
	xgrow(&r->marks, &r->markcap, r->nmarks + 1, sizeof(*r->marks));
	m = &r->marks[r->nmarks++];
	m->kind = xstrdup(kind);
	m->raw = xstrdup(raw == NULL ? "" : raw);
	m->line = line;
	m->column = column;
	m->count = 1;
}

int
record_has_mark(const struct record *r, const char *kind)
{
	size_t	i;

	for (i = 0; i < r->nmarks; i++)
		if (strcmp(r->marks[i].kind, kind) == 0)
			return 1;
	return 0;
}

void
record_add_item(struct itemlist *l, const char *name, unsigned line,
    unsigned column)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return;
	xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n].name = xstrdup(name);
	l->v[l->n].line = line;
	l->v[l->n].column = column;
	l->n++;
}

char *
record_model_key(const char *name)
{
	const char	*p, *slash;
	char		*k, *q;
	int		 dash = 0;

	/* A provider prefix ("owner/") is not part of the model. */
	slash = strrchr(name, '/');
	if (slash != NULL && slash[1] != '\0')
		name = slash + 1;
	k = xmalloc(strlen(name) + 1);
	q = k;
	for (p = name; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c >= 0x80) {
			if (dash && q > k)
				*q++ = '-';
			dash = 0;
			*q++ = (char)c;
		} else if (c >= 'A' && c <= 'Z') {
			if (dash && q > k)
				*q++ = '-';
			dash = 0;
			*q++ = (char)(c - 'A' + 'a');
		} else
			dash = 1;
	}
	*q = '\0';
	return k;
}

/* JSON for a number: integers for counts, reals for the rest. */
static json_t *
num_json(enum ftype t, double v)
{
	if ((t == FT_TOKENS || t == FT_DAYS || t == FT_INT) &&
	    fabs(v) < 9007199254740992.0)
		return json_integer((json_int_t)llround(v));
	if (!isfinite(v))
		return json_null();
	return json_real(v);
}

static json_t *
seen_value_json(enum ftype t, const struct seen *s)
{
	if (s->status != NORM_OK || s->missing)
		return json_null();
	switch (t) {
	case FT_STR:
	case FT_DATE:
	case FT_CURRENCY:
		return s->str == NULL ? json_null() : json_string(s->str);
	case FT_BOOL:
		return json_boolean(s->num != 0);
	default:
		return num_json(t, s->num);
	}
}

static json_t *
field_json(const struct record *r, enum fid id)
{
	const struct seen	*s = record_get(r, id);

	return s == NULL ? json_null() : seen_value_json(rec_fields[id].type,
	    s);
}

static json_t *
opt_str(const char *s)
{
	return s == NULL ? json_null() : json_string(s);
}

static json_t *
opt_num(int has, double v)
{
	return has ? num_json(FT_MONEY, v) : json_null();
}

static json_t *
items_json(const struct itemlist *l)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i].name));
	return a;
}

static const char *
unit_name(enum price_unit u)
{
	switch (u) {
	case PRICE_PER_1M:
		return "1M";
	case PRICE_PER_1K:
		return "1K";
	case PRICE_PER_TOKEN:
		return "token";
	default:
		return NULL;
	}
}

static void
items_seen(json_t *o, const char *name, const struct itemlist *l)
{
	json_t	*a, *e;
	size_t	 i;

	if (l->n == 0)
		return;
	a = json_array();
	for (i = 0; i < l->n; i++) {
		e = json_object();
		json_object_set_new(e, "value", json_string(l->v[i].name));
		json_object_set_new(e, "line", json_integer(l->v[i].line));
		json_object_set_new(e, "column", json_integer(l->v[i].column));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, name, a);
}

static json_t *
seen_json(const struct record *r)
{
	json_t			*o = json_object(), *a, *e;
	const struct seen	*s;
	size_t			 j;
	int			 i;

	for (i = 0; i < F__COUNT; i++) {
		if (r->f[i].n == 0)
			continue;
		a = json_array();
		for (j = 0; j < r->f[i].n; j++) {
			s = &r->f[i].v[j];
			e = json_object();
			json_object_set_new(e, "value",
			    seen_value_json(rec_fields[i].type, s));
			json_object_set_new(e, "line", json_integer(s->line));
			json_object_set_new(e, "column",
			    json_integer(s->column));
			json_object_set_new(e, "raw", opt_str(s->raw));
			json_object_set_new(e, "where", opt_str(s->where));
			if (s->missing)
				json_object_set_new(e, "status",
				    json_string("missing"));
			else if (s->status != NORM_OK)
				json_object_set_new(e, "status",
				    json_string(status_names[s->status]));
			if (rec_fields[i].type == FT_MONEY &&
			    unit_name(s->unit) != NULL)
				json_object_set_new(e, "unit",
				    json_string(unit_name(s->unit)));
			if (rec_fields[i].type == FT_MONEY &&
			    s->currency[0] != '\0' && s->status == NORM_OK)
				json_object_set_new(e, "currency",
				    json_string(s->currency));
			if (s->is_free)
				json_object_set_new(e, "free", json_true());
			json_array_append_new(a, e);
		}
		json_object_set_new(o, rec_fields[i].path, a);
	}
	items_seen(o, "capabilities", &r->capabilities);
	items_seen(o, "features", &r->features);
	items_seen(o, "features_unsupported", &r->unsupported);
	return o;
}

static json_t *
scrape_json(const struct record *r)
{
	json_t	*o = json_object(), *a, *e;
	size_t	 i;

	json_object_set_new(o, "format", opt_str(r->format));
	json_object_set_new(o, "charset", opt_str(r->charset));
	json_object_set_new(o, "bytes", json_integer((json_int_t)r->bytes));
	json_object_set_new(o, "lines", json_integer(r->lines));
	json_object_set_new(o, "last_line", json_integer(r->last_line));
	a = json_array();
	for (i = 0; i < r->nsections; i++)
		json_array_append_new(a, json_string(r->sections[i]));
	json_object_set_new(o, "sections", a);
	a = json_array();
	for (i = 0; i < r->nmarks; i++) {
		e = json_object();
		json_object_set_new(e, "kind", json_string(r->marks[i].kind));
		json_object_set_new(e, "line", json_integer(r->marks[i].line));
		json_object_set_new(e, "column",
		    json_integer(r->marks[i].column));
		json_object_set_new(e, "raw", json_string(r->marks[i].raw));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "marks", a);
	return o;
}

json_t *
record_to_json(const struct record *r)
{
	json_t	*o, *m, *a, *e, *p;
	size_t	 i;

	o = json_object();
	json_object_set_new(o, "file", json_string(r->file));
	json_object_set_new(o, "site", json_string(r->site));
	m = json_object();
	json_object_set_new(m, "name", field_json(r, F_MODEL_NAME));
	json_object_set_new(m, "key", field_json(r, F_MODEL_KEY));
	json_object_set_new(m, "id", field_json(r, F_MODEL_ID));
	json_object_set_new(m, "family", field_json(r, F_MODEL_FAMILY));
	json_object_set_new(m, "creator", field_json(r, F_MODEL_CREATOR));
	json_object_set_new(o, "model", m);
	json_object_set_new(o, "provider", field_json(r, F_PROVIDER));
	m = json_object();
	json_object_set_new(m, "input", field_json(r, F_PRICE_INPUT));
	json_object_set_new(m, "output", field_json(r, F_PRICE_OUTPUT));
	json_object_set_new(m, "cache", field_json(r, F_PRICE_CACHE));
	json_object_set_new(m, "batch", field_json(r, F_PRICE_BATCH));
	json_object_set_new(m, "currency", field_json(r, F_PRICE_CURRENCY));
	json_object_set_new(o, "price", m);
	json_object_set_new(o, "context_tokens", field_json(r, F_CONTEXT));
	json_object_set_new(o, "max_input_tokens", field_json(r, F_MAX_INPUT));
	json_object_set_new(o, "max_output_tokens",
	    field_json(r, F_MAX_OUTPUT));
	m = json_object();
	json_object_set_new(m, "total", field_json(r, F_PARAMS_TOTAL));
	json_object_set_new(m, "active", field_json(r, F_PARAMS_ACTIVE));
	json_object_set_new(o, "params", m);
	json_object_set_new(o, "released", field_json(r, F_RELEASED));
	json_object_set_new(o, "refreshed", field_json(r, F_REFRESHED));
	json_object_set_new(o, "updated", field_json(r, F_UPDATED));
	json_object_set_new(o, "snapshot", field_json(r, F_SNAPSHOT));
	json_object_set_new(o, "knowledge_cutoff", field_json(r, F_CUTOFF));
	json_object_set_new(o, "refresh_every_days",
	    field_json(r, F_REFRESH_DAYS));
	json_object_set_new(o, "open_source", field_json(r, F_OPEN_SOURCE));
	json_object_set_new(o, "capabilities", items_json(&r->capabilities));
	json_object_set_new(o, "features", items_json(&r->features));
	json_object_set_new(o, "features_unsupported",
	    items_json(&r->unsupported));
	a = json_array();
	for (i = 0; i < r->nbench; i++) {
		const struct bench *b = &r->bench[i];

		e = json_object();
		json_object_set_new(e, "name", json_string(b->name));
		json_object_set_new(e, "variant", opt_str(b->variant));
		json_object_set_new(e, "score", opt_num(b->has_score,
		    b->score));
		json_object_set_new(e, "unit", json_string(b->is_percent ?
		    "%" : "points"));
		json_object_set_new(e, "note", opt_str(b->note));
		json_object_set_new(e, "line", json_integer(b->line));
		json_object_set_new(e, "column", json_integer(b->column));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "benchmarks", a);
	json_object_set_new(o, "average_score", field_json(r, F_AVERAGE));
	a = json_array();
	for (i = 0; i < r->nprov; i++) {
		const struct prow *pr = &r->prov[i];

		e = json_object();
		json_object_set_new(e, "name", json_string(pr->name));
		json_object_set_new(e, "input", opt_num(pr->has_input,
		    pr->input));
		json_object_set_new(e, "output", opt_num(pr->has_output,
		    pr->output));
		json_object_set_new(e, "line", json_integer(pr->line));
		json_object_set_new(e, "column", json_integer(pr->column));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "providers", a);
	json_object_set_new(o, "providers_claimed",
	    field_json(r, F_PROVIDERS_CLAIMED));
	if (r->cheapest.has) {
		e = json_object();
		json_object_set_new(e, "price", num_json(FT_MONEY,
		    r->cheapest.price));
		json_object_set_new(e, "provider",
		    opt_str(r->cheapest.provider));
		json_object_set_new(e, "line", json_integer(r->cheapest.line));
		json_object_set_new(e, "column",
		    json_integer(r->cheapest.column));
		json_object_set_new(o, "cheapest_claim", e);
	} else
		json_object_set_new(o, "cheapest_claim", json_null());
	a = json_array();
	for (i = 0; i < r->nrel; i++) {
		const struct related *rl = &r->rel[i];

		e = json_object();
		json_object_set_new(e, "name", json_string(rl->name));
		json_object_set_new(e, "key", opt_str(rl->key));
		json_object_set_new(e, "creator", opt_str(rl->creator));
		json_object_set_new(e, "released", opt_str(rl->released));
		json_object_set_new(e, "context_tokens",
		    rl->has_context ? num_json(FT_TOKENS, rl->context) :
		    json_null());
		json_object_set_new(e, "max_output_tokens",
		    rl->has_max_output ? num_json(FT_TOKENS, rl->max_output) :
		    json_null());
		p = json_object();
		json_object_set_new(p, "input", opt_num(rl->has_input,
		    rl->input));
		json_object_set_new(p, "output", opt_num(rl->has_output,
		    rl->output));
		json_object_set_new(e, "price", p);
		json_object_set_new(e, "line", json_integer(rl->line));
		json_object_set_new(e, "column", json_integer(rl->column));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "related", a);
	json_object_set_new(o, "seen", seen_json(r));
	json_object_set_new(o, "scrape", scrape_json(r));
	return o;
}

/* ---- reading records back (check --records) ---- */

static char *
jdup(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s == NULL ? NULL : xstrdup(s);
}

static unsigned
juint(const json_t *o, const char *key)
{
	json_int_t	v = json_integer_value(json_object_get(o, key));

	return v < 0 || v > 0x7fffffff ? 0 : (unsigned)v;
}

static int
jnum(const json_t *o, const char *key, double *out)
{
	json_t	*v = json_object_get(o, key);

	if (!json_is_number(v))
		return 0;
	*out = json_number_value(v);
	return 1;
}

static enum norm_status
status_of(const char *s, int *missing)
{
	size_t	i;

	*missing = 0;
	if (s == NULL)
		return NORM_OK;
	if (strcmp(s, "missing") == 0) {
		*missing = 1;
		return NORM_OK;
	}
	for (i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
		if (strcmp(s, status_names[i]) == 0)
			return (enum norm_status)i;
	return NORM_BAD;
}

static void
read_seen(struct record *r, int fid, const json_t *arr)
{
	const json_t	*e, *v;
	struct seen	 s;
	const char	*u;
	size_t		 i;

	json_array_foreach(arr, i, e) {
		memset(&s, 0, sizeof(s));
		s.status = status_of(json_string_value(json_object_get(e,
		    "status")), &s.missing);
		v = json_object_get(e, "value");
		if (json_is_string(v))
			s.str = (char *)(uintptr_t)json_string_value(v);
		else if (json_is_boolean(v))
			s.num = json_is_true(v);
		else if (json_is_number(v))
			s.num = json_number_value(v);
		s.raw = (char *)(uintptr_t)json_string_value(
		    json_object_get(e, "raw"));
		s.where = (char *)(uintptr_t)json_string_value(
		    json_object_get(e, "where"));
		s.line = juint(e, "line");
		s.column = juint(e, "column");
		s.prio = 1000;
		u = json_string_value(json_object_get(e, "unit"));
		if (u != NULL)
			s.unit = strcmp(u, "1K") == 0 ? PRICE_PER_1K :
			    strcmp(u, "token") == 0 ? PRICE_PER_TOKEN :
			    PRICE_PER_1M;
		u = json_string_value(json_object_get(e, "currency"));
		if (u != NULL)
			snprintf(s.currency, sizeof(s.currency), "%s", u);
		s.is_free = json_is_true(json_object_get(e, "free"));
		record_add_seen(r, (enum fid)fid, &s);
	}
}

static void
read_items(struct itemlist *l, const json_t *names, const json_t *seen)
{
	const json_t	*e;
	size_t		 i;

	if (json_array_size(seen) == json_array_size(names) &&
	    json_array_size(seen) > 0) {
		json_array_foreach(seen, i, e)
			if (json_is_string(json_object_get(e, "value")))
				record_add_item(l, json_string_value(
				    json_object_get(e, "value")),
				    juint(e, "line"), juint(e, "column"));
		return;
	}
	json_array_foreach(names, i, e)
		if (json_is_string(e))
			record_add_item(l, json_string_value(e), 1, 1);
}

/* The path of field fid in the record object, e.g. price.input. */
static const json_t *
top_value(const json_t *o, int fid)
{
	const char	*path = rec_fields[fid].path, *dot;
	char		 head[32];

	dot = strchr(path, '.');
	if (dot == NULL)
		return json_object_get(o, path);
	snprintf(head, sizeof(head), "%.*s", (int)(dot - path), path);
	return json_object_get(json_object_get(o, head), dot + 1);
}

struct record *
record_from_json(const json_t *o, char *err, size_t errsz)
{
	struct record	*r;
	const json_t	*seen, *a, *e, *v, *sc;
	struct seen	*sv;
	size_t		 i, j;
	int		 fid;

	if (!json_is_object(o) || !json_is_string(json_object_get(o,
	    "file")) || !json_is_string(json_object_get(o, "site")) ||
	    !json_is_object(json_object_get(o, "seen"))) {
		snprintf(err, errsz, "not a cardlint record (needs file, site "
		    "and seen)");
		return NULL;
	}
	r = record_new(json_string_value(json_object_get(o, "file")),
	    json_string_value(json_object_get(o, "site")));
	seen = json_object_get(o, "seen");
	for (fid = 0; fid < F__COUNT; fid++) {
		a = json_object_get(seen, rec_fields[fid].path);
		if (json_is_array(a))
			read_seen(r, fid, a);
	}
	read_items(&r->capabilities, json_object_get(o, "capabilities"),
	    json_object_get(seen, "capabilities"));
	read_items(&r->features, json_object_get(o, "features"),
	    json_object_get(seen, "features"));
	read_items(&r->unsupported, json_object_get(o,
	    "features_unsupported"), json_object_get(seen,
	    "features_unsupported"));
	a = json_object_get(o, "benchmarks");
	json_array_foreach(a, i, e) {
		struct bench *b;

		if (!json_is_string(json_object_get(e, "name")))
			continue;
		xgrow(&r->bench, &r->benchcap, r->nbench + 1,
		    sizeof(*r->bench));
		b = &r->bench[r->nbench++];
		memset(b, 0, sizeof(*b));
		b->name = jdup(e, "name");
		b->variant = jdup(e, "variant");
		b->note = jdup(e, "note");
		b->has_score = jnum(e, "score", &b->score);
		b->is_percent = json_is_string(json_object_get(e, "unit")) &&
		    strcmp(json_string_value(json_object_get(e, "unit")),
		    "%") == 0;
		b->line = juint(e, "line");
		b->column = juint(e, "column");
	}
	a = json_object_get(o, "providers");
	json_array_foreach(a, i, e) {
		struct prow *pr;

		if (!json_is_string(json_object_get(e, "name")))
			continue;
		xgrow(&r->prov, &r->provcap, r->nprov + 1, sizeof(*r->prov));
		pr = &r->prov[r->nprov++];
		memset(pr, 0, sizeof(*pr));
		pr->name = jdup(e, "name");
		pr->has_input = jnum(e, "input", &pr->input);
		pr->has_output = jnum(e, "output", &pr->output);
		pr->line = juint(e, "line");
		pr->column = juint(e, "column");
	}
	a = json_object_get(o, "related");
	json_array_foreach(a, i, e) {
		struct related *rl;

		if (!json_is_string(json_object_get(e, "name")))
			continue;
		xgrow(&r->rel, &r->relcap, r->nrel + 1, sizeof(*r->rel));
		rl = &r->rel[r->nrel++];
		memset(rl, 0, sizeof(*rl));
		rl->name = jdup(e, "name");
		rl->key = jdup(e, "key");
		rl->creator = jdup(e, "creator");
		rl->released = jdup(e, "released");
		rl->has_context = jnum(e, "context_tokens", &rl->context);
		rl->has_max_output = jnum(e, "max_output_tokens",
		    &rl->max_output);
		v = json_object_get(e, "price");
		rl->has_input = jnum(v, "input", &rl->input);
		rl->has_output = jnum(v, "output", &rl->output);
		rl->line = juint(e, "line");
		rl->column = juint(e, "column");
	}
	e = json_object_get(o, "cheapest_claim");
	if (json_is_object(e) && jnum(e, "price", &r->cheapest.price)) {
		r->cheapest.has = 1;
		r->cheapest.provider = jdup(e, "provider");
		r->cheapest.line = juint(e, "line");
		r->cheapest.column = juint(e, "column");
	}
	sc = json_object_get(o, "scrape");
	r->format = jdup(sc, "format");
	if (r->format == NULL)
		r->format = xstrdup("text");
	r->charset = jdup(sc, "charset");
	r->bytes = (size_t)json_integer_value(json_object_get(sc, "bytes"));
	r->lines = juint(sc, "lines");
	r->last_line = juint(sc, "last_line");
	a = json_object_get(sc, "sections");
	json_array_foreach(a, i, e) {
		if (!json_is_string(e))
			continue;
		xgrow(&r->sections, &r->sectcap, r->nsections + 1,
		    sizeof(*r->sections));
		r->sections[r->nsections++] = xstrdup(json_string_value(e));
	}
	a = json_object_get(sc, "marks");
	json_array_foreach(a, i, e)
		if (json_is_string(json_object_get(e, "kind")))
			record_add_mark(r, json_string_value(
			    json_object_get(e, "kind")), json_string_value(
			    json_object_get(e, "raw")), juint(e, "line"),
			    juint(e, "column"));
	/* The value of each field is the sighting the writer chose. */
	for (fid = 0; fid < F__COUNT; fid++) {
		v = top_value(o, fid);
		r->f[fid].set = -1;
		if (v == NULL || json_is_null(v))
			continue;
		for (j = 0; j < r->f[fid].n; j++) {
			sv = &r->f[fid].v[j];
			if (sv->status != NORM_OK || sv->missing)
				continue;
			if ((json_is_string(v) && sv->str != NULL &&
			    strcmp(sv->str, json_string_value(v)) == 0) ||
			    (json_is_number(v) && sv->num ==
			    json_number_value(v)) || json_is_boolean(v)) {
				r->f[fid].set = (int)j;
				break;
			}
		}
	}
	(void)err;
	return r;
}

int
record_read_jsonl(const char *path, void (*got)(void *, struct record *),
    void (*bad)(void *, unsigned, const char *), void *arg)
{
	json_error_t	 je;
	json_t		*j;
	struct record	*r;
	FILE		*fp;
	char		*line = NULL, msg[256];
	size_t		 lcap = 0;
	ssize_t		 len;
	unsigned	 ln = 0;

	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (fp == NULL)
		return -1;
	while ((len = getline(&line, &lcap, fp)) != -1) {
		ln++;
		if (len == 0 || (len == 1 && line[0] == '\n'))
			continue;
		j = json_loadb(line, (size_t)len, 0, &je);
		r = j == NULL ? NULL : record_from_json(j, msg, sizeof(msg));
		if (r == NULL)
			bad(arg, ln, j == NULL ? je.text : msg);
		json_decref(j);
		if (r != NULL)
			got(arg, r);
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	return 0;
}

/* ---- summaries for the stages that need every page ---- */

static size_t
align_up(size_t n, size_t a)
{
	return (n + a - 1) / a * a;
}

static size_t
str_size(const char *s)
{
	return s == NULL ? 0 : strlen(s) + 1;
}

/* Copy s to *pp and move *pp past it; NULL stays NULL. */
static char *
str_put(char **pp, const char *s)
{
	char	*d = *pp;
	size_t	 n;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	memcpy(d, s, n);
	*pp += n;
	return d;
}

static size_t
items_size(const struct itemlist *l)
{
	size_t	i, n = 0;

	for (i = 0; i < l->n; i++)
		n += str_size(l->v[i].name);
	return n;
}

static struct item *
items_put(struct itemlist *dst, const struct itemlist *src, struct item *v,
    char **pp)
{
	size_t	i;

	dst->v = src->n > 0 ? v : NULL;
	dst->n = src->n;
	dst->cap = 0;
	for (i = 0; i < src->n; i++) {
		v[i].name = str_put(pp, src->v[i].name);
		v[i].line = src->v[i].line;
		v[i].column = src->v[i].column;
	}
	return v + src->n;
}

/*
 * One allocation: the summary, its values, bench rows, cards and items,
 * then the strings they point to.  A malloc'd block per string would
 * cost more in headers than many of the strings themselves.
 */
struct summary *
record_compact(const struct record *r)
{
	const struct seen	*v;
	struct summary		*s;
	struct sval		*sv;
	struct bench		*b;
	struct related		*rl;
	struct item		*it;
	size_t			 nval = 0, nb = 0, nr = 0, ni, strs, i;
	size_t			 o_val, o_b, o_r, o_i, o_s;
	char			*p;
	int			 fid;

	strs = str_size(r->file) + str_size(r->site);
	for (fid = 0; fid < F__COUNT; fid++) {
		if ((v = record_get(r, fid)) == NULL)
			continue;
		nval++;
		strs += str_size(v->str);
		if (rec_fields[fid].type == FT_MONEY)
			strs += str_size(v->raw);
	}
	for (i = 0; i < r->nbench; i++) {
		if (!r->bench[i].has_score)
			continue;
		nb++;
		strs += str_size(r->bench[i].name) +
		    str_size(r->bench[i].variant) + str_size(r->bench[i].raw);
	}
	for (i = 0; i < r->nrel; i++) {
		if (r->rel[i].key == NULL)
			continue;
		nr++;
		strs += str_size(r->rel[i].key) + str_size(r->rel[i].released);
	}
	ni = r->capabilities.n + r->features.n + r->unsupported.n;
	strs += items_size(&r->capabilities) + items_size(&r->features) +
	    items_size(&r->unsupported);

	o_val = align_up(sizeof(*s), _Alignof(struct sval));
	o_b = align_up(o_val + nval * sizeof(*sv), _Alignof(struct bench));
	o_r = align_up(o_b + nb * sizeof(*b), _Alignof(struct related));
	o_i = align_up(o_r + nr * sizeof(*rl), _Alignof(struct item));
	o_s = o_i + ni * sizeof(*it);
	p = xcalloc(1, o_s + strs);
	s = (struct summary *)(void *)p;
	sv = (struct sval *)(void *)(p + o_val);
	b = (struct bench *)(void *)(p + o_b);
	rl = (struct related *)(void *)(p + o_r);
	it = (struct item *)(void *)(p + o_i);
	p += o_s;

	s->file = str_put(&p, r->file);
	s->site = str_put(&p, r->site);
	s->val = sv;
	for (fid = 0; fid < F__COUNT; fid++) {
		if ((v = record_get(r, fid)) == NULL)
			continue;
		sv->num = v->num;
		sv->str = str_put(&p, v->str);
		if (rec_fields[fid].type == FT_MONEY)
			sv->raw = str_put(&p, v->raw);
		sv->line = v->line;
		sv->column = v->column;
		s->at[fid] = (unsigned char)(sv - s->val + 1);
		sv++;
	}
	s->bench = b;
	for (i = 0; i < r->nbench; i++) {
		if (!r->bench[i].has_score)
			continue;
		*b = r->bench[i];
		b->name = str_put(&p, r->bench[i].name);
		b->variant = str_put(&p, r->bench[i].variant);
		b->note = NULL;
		b->raw = str_put(&p, r->bench[i].raw);
		b++;
	}
	s->nbench = nb;
	s->rel = rl;
	for (i = 0; i < r->nrel; i++) {
		if (r->rel[i].key == NULL)
			continue;
		*rl = r->rel[i];
		rl->name = NULL;
		rl->creator = NULL;
		rl->key = str_put(&p, r->rel[i].key);
		rl->released = str_put(&p, r->rel[i].released);
		rl++;
	}
	s->nrel = nr;
	it = items_put(&s->capabilities, &r->capabilities, it, &p);
	it = items_put(&s->features, &r->features, it, &p);
	items_put(&s->unsupported, &r->unsupported, it, &p);
	return s;
}

void
summary_free(struct summary *s)
{
	free(s);
}

const struct sval *
summary_get(const struct summary *s, enum fid id)
{
	return s->at[id] == 0 ? NULL : &s->val[s->at[id] - 1];
}

const char *
summary_str(const struct summary *s, enum fid id)
{
	const struct sval	*v = summary_get(s, id);

	return v == NULL ? NULL : v->str;
}
