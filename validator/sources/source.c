/*
 * source.c: catalogue entries to records through a mapping.  The shapes
 * differ only in how entries are found (JSON steps, JSON Lines, CSV
 * rows) and how a reference names a value (pointer, column, key); from
 * the value's text on, every kind goes through the same reader as a
 * page's value (record/value.c over the readers of normalize.c), so "0"
 * is a placeholder and "abc" is no price for a catalogue as for a page.
 */
#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "knowledge/profile.h"
#include "record/normalize.h"
#include "record/record.h"
#include "record/value.h"
#include "sources/csv.h"
#include "sources/json.h"
#include "sources/map.h"
#include "sources/source.h"

#define KEYS_MAX	8

/* An entry's keys: one per '*' step, the last is the entry's own. */
struct ekeys {
	const char	*k[KEYS_MAX];
	unsigned	 line[KEYS_MAX];
	unsigned	 column[KEYS_MAX];
	char		 idx[KEYS_MAX][24];	/* array indexes */
	size_t		 n;
};

/* A value found for a field: its text and where it stands. */
struct fval {
	const char	*text;
	unsigned	 line;
	unsigned	 column;
	int		 bad;		/* an array or object */
};

struct sctx {
	const struct smap	*m;
	const struct profiles	*ps;
	const char		*name;
	const struct src_sink	*sk;
	const char		*format;
};

static void
add_value(struct sctx *c, struct record *r, const struct smap_field *f,
    const struct fval *fv)
{
	struct seen		 s;
	struct value_opts	 o;
	enum ftype		 t;
	char			*dot = NULL, *p;

	/* "0,15" in an export that writes decimal commas is 0.15. */
	t = rec_fields[f->fid].type;
	if (c->m->decimal_comma && t != FT_STR && t != FT_CURRENCY &&
	    t != FT_DATE && strchr(fv->text, '.') == NULL &&
	    (p = strchr(fv->text, ',')) != NULL &&
	    strchr(p + 1, ',') == NULL) {
		dot = xstrdup(fv->text);
		dot[p - fv->text] = '.';
	}
	memset(&s, 0, sizeof(s));
	s.raw = (char *)(uintptr_t)(dot != NULL ? dot : fv->text);
	s.line = fv->line;
	s.column = fv->column;
	s.where = (char *)(uintptr_t)"entry";
	if (fv->bad)
		s.status = NORM_BAD;
	else {
		memset(&o, 0, sizeof(o));
		o.date_order = DATE_ORDER_NONE;
		o.per = f->per;
		o.plain_money = 1;
		o.count_sentinel = 1;
		value_read(t, s.raw, &o, &s);
	}
	if (t == FT_MONEY && c->m->currency != NULL &&
	    s.status == NORM_OK)
		memcpy(s.currency, c->m->currency, sizeof(s.currency));
	record_add_seen(r, (enum fid)f->fid, &s);
	free(s.str);
	free(dot);
}

/* Zero prices of a model the mapping says is free (":free", a local
   runtime) are free: free matches "model" or "provider/model". */
static void
mark_free(const struct smap *m, struct record *r)
{
	const struct field	*nf = &r->f[F_MODEL_NAME];
	const struct field	*pf = &r->f[F_PROVIDER];
	char			*both = NULL;
	const char		*name;
	size_t			 i, ov[2];
	int			 fid, hit;

	if (!m->has_free || nf->n == 0 || (name = nf->v[0].str) == NULL)
		return;
	hit = rx_match(&m->free_rx, name, strlen(name), 0, ov, 2) == 1;
	if (!hit && pf->n > 0 && pf->v[0].str != NULL) {
		xasprintf(&both, "%s/%s", pf->v[0].str, name);
		hit = rx_match(&m->free_rx, both, strlen(both), 0, ov, 2) == 1;
		free(both);
	}
	if (!hit)
		return;
	for (fid = F_PRICE_INPUT; fid <= F_PRICE_BATCH; fid++)
		for (i = 0; i < r->f[fid].n; i++)
			if (r->f[fid].v[i].status == NORM_OK &&
			    r->f[fid].v[i].num == 0)
				r->f[fid].v[i].is_free = 1;
}

/* model.key from model.name: the mapping's strips, then the shared
   folding of knowledge.yaml. */
static void
add_key(struct sctx *c, struct record *r)
{
	const struct field	*nf = &r->f[F_MODEL_NAME];
	const struct seen	*n;
	struct seen		 s;
	char			*name;
	size_t			 i, len, ov[2];

	if (nf->n == 0 || nf->v[0].status != NORM_OK)
		return;
	n = &nf->v[0];
	name = xstrdup(n->str);
	for (i = 0; i < c->m->nstrip; i++) {
		len = strlen(name);
		if (rx_match(&c->m->strip[i], name, len, 0, ov, 2) == 1 &&
		    ov[1] > ov[0] && ov[1] - ov[0] < len)
			memmove(name + ov[0], name + ov[1], len - ov[1] + 1);
	}
	memset(&s, 0, sizeof(s));
	s.status = NORM_OK;
	s.str = profiles_model_key(c->ps, name);
	s.raw = n->raw;
	s.where = n->where;
	s.line = n->line;
	s.column = n->column;
	record_add_seen(r, F_MODEL_KEY, &s);
	free(s.str);
	free(name);
}

static struct record *
rec_begin(struct sctx *c)
{
	struct record	*r = record_new(c->name, c->m->name);

	r->format = xstrdup(c->format);
	r->charset = xstrdup("utf-8");
	return r;
}

static void
rec_end(struct sctx *c, struct record *r)
{
	mark_free(c->m, r);
	add_key(c, r);
	record_settle(r);
	c->sk->got(c->sk->arg, r);
}

static int
in_list(char *const *v, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* A JSON value as a field's text; 0 for null (absent). */
static int
jn_value(const struct jn *n, struct fval *fv)
{
	fv->line = n->line;
	fv->column = n->column;
	fv->bad = 0;
	switch (n->type) {
	case JN_NULL:
		return 0;
	case JN_TRUE:
		fv->text = "true";
		break;
	case JN_FALSE:
		fv->text = "false";
		break;
	case JN_NUM:
	case JN_STR:
		fv->text = n->text;
		break;
	default:
		fv->text = n->type == JN_ARR ? "[…]" : "{…}";
		fv->bad = 1;
		break;
	}
	return 1;
}

static void
json_caps(const struct smap *m, const struct jn *e, struct record *r)
{
	const struct jn	*k;
	const char	*name;
	size_t		 i, plen;

	if (e->type != JN_OBJ || (m->cap_prefix == NULL && m->ncap_keys == 0))
		return;
	plen = m->cap_prefix != NULL ? strlen(m->cap_prefix) : 0;
	for (i = 0; i < e->nkid; i++) {
		k = &e->kid[i];
		if (k->type != JN_TRUE && k->type != JN_FALSE)
			continue;
		if (plen > 0 && strncmp(k->key, m->cap_prefix, plen) == 0 &&
		    k->key[plen] != '\0')
			name = k->key + plen;
		else if (in_list(m->cap_keys, m->ncap_keys, k->key))
			name = k->key;
		else
			continue;
		record_add_item(k->type == JN_TRUE ? &r->capabilities :
		    &r->unsupported, name, k->line, k->column);
	}
}

/* One JSON entry (an object, or any value of a JSON Lines line). */
static void
json_entry(struct sctx *c, const struct jn *e, const struct ekeys *ks)
{
	const struct smap	*m = c->m;
	const struct smap_field	*f;
	const struct jn		*v;
	struct record		*r;
	struct fval		 fv;
	size_t			 i, k;

	if (ks->n > 0 && in_list(m->skip, m->nskip, ks->k[ks->n - 1]))
		return;
	if (m->only_at != NULL && (v = jn_pointer(e, m->only_at)) != NULL &&
	    v->type == JN_STR && !in_list(m->only, m->nonly, v->text))
		return;
	r = rec_begin(c);
	for (i = 0; i < m->nf; i++) {
		f = &m->f[i];
		memset(&fv, 0, sizeof(fv));
		if (f->ref == SREF_POINTER) {
			if ((v = jn_pointer(e, f->at)) == NULL ||
			    !jn_value(v, &fv))
				continue;
		} else if (f->ref == SREF_KEY) {
			k = f->keyat == 0 ? ks->n : f->keyat;
			if (k == 0 || k > ks->n)
				continue;
			fv.text = ks->k[k - 1];
			fv.line = ks->line[k - 1];
			fv.column = ks->column[k - 1];
		} else if (f->ref == SREF_SOURCE) {
			fv.text = m->name;
			fv.line = e->line;
			fv.column = e->column;
		} else
			continue;
		add_value(c, r, f, &fv);
	}
	json_caps(m, e, r);
	rec_end(c, r);
}

/* Follow the steps from n; each '*' adds a key. */
static void
json_walk(struct sctx *c, const struct jn *n, size_t step,
    struct ekeys *ks)
{
	const struct smap	*m = c->m;
	const struct jn		*k;
	size_t			 i;

	if (step == m->nsteps) {
		json_entry(c, n, ks);
		return;
	}
	if (strcmp(m->steps[step], "*") != 0) {
		if ((k = jn_member(n, m->steps[step])) != NULL)
			json_walk(c, k, step + 1, ks);
		return;
	}
	if ((n->type != JN_OBJ && n->type != JN_ARR) || ks->n >= KEYS_MAX)
		return;
	for (i = 0; i < n->nkid; i++) {
		k = &n->kid[i];
		if (n->type == JN_OBJ) {
			ks->k[ks->n] = k->key;
			ks->line[ks->n] = k->kline;
			ks->column[ks->n] = k->kcolumn;
		} else {
			snprintf(ks->idx[ks->n], sizeof(ks->idx[0]), "%zu", i);
			ks->k[ks->n] = ks->idx[ks->n];
			ks->line[ks->n] = k->line;
			ks->column[ks->n] = k->column;
		}
		ks->n++;
		json_walk(c, k, step + 1, ks);
		ks->n--;
	}
}

static void
read_json(struct sctx *c, const char *buf, size_t len)
{
	struct cl_error	 err;
	struct ekeys	 ks;
	struct jn	*root;

	if ((root = jn_parse(c->name, buf, len, 1, &err)) == NULL) {
		c->sk->bad(c->sk->arg, &err);
		return;
	}
	memset(&ks, 0, sizeof(ks));
	json_walk(c, root, 0, &ks);
	jn_free(root);
}

static void
read_jsonl(struct sctx *c, const char *buf, size_t len)
{
	struct cl_error	 err;
	struct ekeys	 ks;
	struct jn	*root;
	const char	*p = buf, *end = buf + len, *nl, *q;
	unsigned	 line = 1;

	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		for (q = p; q < nl && (*q == ' ' || *q == '\t' || *q == '\r');
		    q++)
			;
		if (q == nl)
			continue;
		if ((root = jn_parse(c->name, p, (size_t)(nl - p), line,
		    &err)) == NULL) {
			c->sk->bad(c->sk->arg, &err);
			continue;
		}
		memset(&ks, 0, sizeof(ks));
		json_walk(c, root, 0, &ks);
		jn_free(root);
	}
}

/* One CSV row: the header's columns give each cell its name. */
static void
csv_entry(struct sctx *c, const struct csv_row *hd, const struct csv_row *row,
    const ssize_t *col)
{
	const struct smap	*m = c->m;
	const struct csv_cell	*cell;
	struct record		*r;
	struct fval		 fv;
	struct cl_error		 err;
	size_t			 i;

	if (row->n != hd->n) {
		cell = &row->v[row->n - 1];
		cl_error_set(&err, c->name, cell->line, cell->column +
		    (unsigned)strlen(cell->text), "row has %zu cell%s, the "
		    "header has %zu: the row is not read", row->n,
		    row->n == 1 ? "" : "s", hd->n);
		c->sk->bad(c->sk->arg, &err);
		return;
	}
	if (in_list(m->skip, m->nskip, row->v[0].text))
		return;
	r = rec_begin(c);
	for (i = 0; i < m->nf; i++) {
		memset(&fv, 0, sizeof(fv));
		if (m->f[i].ref == SREF_SOURCE) {
			fv.text = m->name;
			cell = &row->v[0];
		} else if (m->f[i].ref == SREF_KEY)
			fv.text = (cell = &row->v[0])->text;
		else if (col[i] < 0 || row->v[col[i]].text[0] == '\0')
			continue;	/* an empty cell is an absent value */
		else
			fv.text = (cell = &row->v[col[i]])->text;
		fv.line = cell->line;
		fv.column = cell->column;
		add_value(c, r, &m->f[i], &fv);
	}
	rec_end(c, r);
}

static void
read_csv(struct sctx *c, const char *buf, size_t len)
{
	const struct smap	*m = c->m;
	struct cl_error		 err;
	struct csv		*cv;
	ssize_t			*col;
	size_t			 i, j;

	if ((cv = csv_parse(c->name, buf, len, m->sep, &err)) == NULL) {
		c->sk->bad(c->sk->arg, &err);
		return;
	}
	col = xcalloc(m->nf + 1, sizeof(*col));
	for (i = 0; i < m->nf; i++) {
		col[i] = -1;
		for (j = 0; cv->n > 0 && m->f[i].at != NULL &&
		    j < cv->rows[0].n; j++)
			if (strcmp(cv->rows[0].v[j].text, m->f[i].at) == 0)
				col[i] = (ssize_t)j;
	}
	for (i = 1; i < cv->n; i++)
		csv_entry(c, &cv->rows[0], &cv->rows[i], col);
	free(col);
	csv_free(cv);
}

void
src_read_buf(const struct smap *m, const struct profiles *ps,
    const char *name, const char *buf, size_t len, const struct src_sink *sk)
{
	struct sctx	c;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.ps = ps;
	c.name = name;
	c.sk = sk;
	c.format = m->format == SMAP_CSV ? "csv" : m->format == SMAP_JSONL ?
	    "jsonl" : "json";
	if (m->format == SMAP_JSON)
		read_json(&c, buf, len);
	else if (m->format == SMAP_JSONL)
		read_jsonl(&c, buf, len);
	else
		read_csv(&c, buf, len);
}

/* The whole file; -1 with err set, -2 when it is over max. */
static int
slurp(const char *path, size_t max, char **buf, size_t *len,
    struct cl_error *err)
{
	FILE	*fp;
	size_t	 cap = 0, n;

	*buf = NULL;
	*len = 0;
	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (fp == NULL) {
		cl_error_set(err, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return -1;
	}
	for (;;) {
		xgrow(buf, &cap, *len + 65536, 1);
		n = fread(*buf + *len, 1, cap - *len, fp);
		*len += n;
		if (max > 0 && *len > max) {
			cl_error_set(err, path, 0, 0, "over --max-size (%zu "
			    "bytes): not read", max);
			break;
		}
		if (n == 0)
			break;
	}
	if (!(max > 0 && *len > max) && ferror(fp))
		cl_error_set(err, path, 0, 0, "read error: %s",
		    strerror(errno));
	else if (!(max > 0 && *len > max)) {
		if (fp != stdin)
			fclose(fp);
		return 0;
	}
	if (fp != stdin)
		fclose(fp);
	free(*buf);
	*buf = NULL;
	return max > 0 && *len > max ? -2 : -1;
}

int
src_read(const struct smap *m, const struct profiles *ps, const char *path,
    size_t max_size, const struct src_sink *sk, struct cl_error *err)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	if ((rc = slurp(path, max_size, &buf, &len, err)) < 0)
		return rc;
	src_read_buf(m, ps, path, buf, len, sk);
	free(buf);
	return 0;
}
