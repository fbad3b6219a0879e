/*
 * extract.c: one engine that turns a page into a record with any profile.
 *
 * The profile is chosen by its detect patterns (most matches wins, at
 * least its minimum); a page no profile claims gets the fallback.  Then
 * every extractor of the profile runs over the page text in file order:
 * field extractors add sightings (struct seen) to record fields, row
 * extractors append benchmarks, provider rows and related-model cards,
 * item extractors fill capability and feature lists.  Page-wide
 * scanners (template text, mojibake) and the loader's byte marks become
 * record marks for the scrape.* rules.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract.h"
#include "extract/generic.h"
#include "load/load.h"
#include "record/normalize.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "record/value.h"
#include "base/rx.h"
#include "base/xalloc.h"

#define OVN	128

struct span {
	size_t	a;
	size_t	b;
	int	found;	/* computed for this page */
};

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char *
trimmed_dup(const char *s, size_t n)
{
	while (n > 0 && is_ws(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_ws(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Collapse internal newlines: a value spread over lines reads as one. */
static char *
flat_dup(const char *s, size_t n)
{
	char	*d = trimmed_dup(s, n), *p;

	for (p = d; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return d;
}

static int
is_missing(const struct profile *p, const char *raw)
{
	size_t	i;

	for (i = 0; i < p->nmissing; i++)
		if (strcasecmp(p->missing[i], raw) == 0)
			return 1;
	return 0;
}

/* Tell the trace about a pattern's capture: taken if readable. */
static void
note_field(const struct ex_trace *tr, const struct profile *p,
    const struct xrule *x, int fid, const struct seen *s)
{
	struct ex_note	n;

	memset(&n, 0, sizeof(n));
	n.fid = fid;
	n.line = s->line;
	n.column = s->column;
	n.raw = s->raw;
	n.rawlen = strlen(s->raw);
	n.p = p;
	n.x = x;
	n.verdict = s->status == NORM_OK ? EX_TAKEN : EX_NOT_A_VALUE;
	tr->note(tr->arg, &n);
}

static void
add_field(struct record *r, const struct page *pg,
    const struct profile *p, const struct xrule *x, int fid, const char *raw,
    size_t off, const struct ex_trace *tr)
{
	struct seen		 s;
	struct value_opts	 o;
	struct field		*f = &r->f[fid];
	size_t			 i;

	memset(&s, 0, sizeof(s));
	page_pos(pg, off, &s.line, &s.column);
	for (i = 0; i < f->n; i++)
		if (f->v[i].line == s.line && f->v[i].column == s.column &&
		    strcmp(f->v[i].raw, raw) == 0)
			return;
	s.raw = (char *)(uintptr_t)raw;
	s.where = x->where;
	s.prio = x->prio;
	if (is_missing(p, raw)) {
		s.missing = 1;
		s.status = NORM_OK;
	} else {
		memset(&o, 0, sizeof(o));
		o.date_order = p->date_order;
		o.per = x->per;
		o.per_is_stated = 1;
		o.strict_int = 1;
		value_read(rec_fields[fid].type, raw, &o, &s);
	}
	if (tr != NULL)
		note_field(tr, p, x, fid, &s);
	record_add_seen(r, fid, &s);
	free(s.str);
}

static char *
group_dup(const char *text, const size_t *ov, int g, int flat)
{
	if (g < 0 || ov[2 * g] == (size_t)-1)
		return NULL;
	return flat ? flat_dup(text + ov[2 * g], ov[2 * g + 1] - ov[2 * g]) :
	    trimmed_dup(text + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

static void
do_fields(struct record *r, const struct page *pg, const struct profile *p,
    const struct xrule *x, const size_t *ov, const struct ex_trace *tr)
{
	char		*raw;
	struct nval	 v;
	unsigned	 g;
	size_t		 i;

	for (g = 1; g <= x->rx.ngroups; g++) {
		if (x->gfield[g] == -1 || ov[2 * g] == (size_t)-1)
			continue;
		raw = group_dup(pg->text, ov, (int)g, 1);
		if (x->gfield[g] == XG_CHEAPEST_PRICE) {
			norm_money(raw, strlen(raw), PRICE_PER_1M, &v);
			if (v.status == NORM_OK && !r->cheapest.has) {
				r->cheapest.has = 1;
				r->cheapest.price = v.num;
				page_pos(pg, ov[2 * g], &r->cheapest.line,
				    &r->cheapest.column);
			}
		} else if (x->gfield[g] == XG_CHEAPEST_PROVIDER) {
			if (r->cheapest.provider == NULL)
				r->cheapest.provider = xstrdup(raw);
		} else
			add_field(r, pg, p, x, x->gfield[g], raw, ov[2 * g],
			    tr);
		free(raw);
	}
	for (i = 0; i < x->nsets; i++)
		add_field(r, pg, p, x, x->sets[i].fid, x->sets[i].raw, ov[0],
		    tr);
}

/*
 * A benchmark's middle text: a short split name ("test", "ru test") is
 * the variant; anything longer or with a speaker label is a note, whose
 * short tail after the last ": " may still be the variant.
 */
static void
split_detail(const char *d, unsigned vmax, char **variant, char **note)
{
	const char	*c;
	size_t		 n = strlen(d);

	*variant = *note = NULL;
	if (n == 0)
		return;
	if (n <= vmax && strchr(d, ':') == NULL) {
		*variant = xstrdup(d);
		return;
	}
	*note = xstrdup(d);
	c = strrchr(d, ':');
	if (c != NULL) {
		c++;
		while (*c == ' ')
			c++;
		if (*c != '\0' && strlen(c) <= vmax && strchr(c, '.') == NULL)
			*variant = xstrdup(c);
	}
}

static int
gnum(const struct xrule *x, const char *name)
{
	return rx_group(&x->rx, name);
}

static int
money_of(const char *text, const size_t *ov, int g, double *out)
{
	struct nval	 v;
	char		*raw = group_dup(text, ov, g, 1);
	int		 ok;

	if (raw == NULL)
		return 0;
	norm_money(raw, strlen(raw), PRICE_PER_1M, &v);
	free(raw);
	ok = v.status == NORM_OK;
	if (ok)
		*out = v.num;
	return ok;
}

static int
tokens_of(const char *text, const size_t *ov, int g, double *out)
{
	struct nval	 v;
	char		*raw = group_dup(text, ov, g, 1);
	int		 ok;

	if (raw == NULL)
		return 0;
	norm_tokens(raw, strlen(raw), &v);
	free(raw);
	ok = v.status == NORM_OK;
	if (ok)
		*out = v.num;
	return ok;
}

static void
do_rows(const struct profiles *ps, struct record *r, const struct page *pg,
    const struct profile *p, const struct xrule *x, const size_t *ov)
{
	const char	*t = pg->text;
	char		*s, *d;
	struct nval	 v;
	unsigned	 line, col;

	page_pos(pg, ov[0], &line, &col);
	switch (x->into) {
	case INTO_BENCHMARKS: {
		struct bench *b;

		s = group_dup(t, ov, gnum(x, "name"), 1);
		if (s == NULL || *s == '\0') {
			free(s);
			return;
		}
		xgrow(&r->bench, &r->benchcap, r->nbench + 1,
		    sizeof(*r->bench));
		b = &r->bench[r->nbench++];
		memset(b, 0, sizeof(*b));
		b->name = s;
		b->line = line;
		b->column = col;
		b->raw = flat_dup(t + ov[0], ov[1] - ov[0]);
		if ((d = group_dup(t, ov, gnum(x, "detail"), 1)) != NULL) {
			split_detail(d, x->variant_max, &b->variant, &b->note);
			free(d);
		}
		if (b->variant == NULL)
			b->variant = group_dup(t, ov, gnum(x, "variant"), 1);
		if (b->note == NULL)
			b->note = group_dup(t, ov, gnum(x, "note"), 1);
		if (b->variant != NULL && b->variant[0] == '\0') {
			free(b->variant);
			b->variant = NULL;
		}
		if ((s = group_dup(t, ov, gnum(x, "score"), 1)) != NULL) {
			norm_score(s, strlen(s), &v);
			if (v.status == NORM_OK) {
				b->has_score = 1;
				b->score = v.num;
				b->is_percent = v.is_percent;
			}
			free(s);
		}
		break;
	}
	case INTO_PROVIDERS: {
		struct prow *pr;

		s = group_dup(t, ov, gnum(x, "name"), 1);
		if (s == NULL || *s == '\0') {
			free(s);
			return;
		}
		xgrow(&r->prov, &r->provcap, r->nprov + 1, sizeof(*r->prov));
		pr = &r->prov[r->nprov++];
		memset(pr, 0, sizeof(*pr));
		pr->name = s;
		pr->line = line;
		pr->column = col;
		pr->has_input = money_of(t, ov, gnum(x, "input"), &pr->input);
		pr->has_output = money_of(t, ov, gnum(x, "output"),
		    &pr->output);
		break;
	}
	case INTO_RELATED: {
		struct related *rl;

		s = group_dup(t, ov, gnum(x, "name"), 1);
		if (s == NULL || *s == '\0') {
			free(s);
			return;
		}
		xgrow(&r->rel, &r->relcap, r->nrel + 1, sizeof(*r->rel));
		rl = &r->rel[r->nrel++];
		memset(rl, 0, sizeof(*rl));
		rl->name = s;
		rl->key = profiles_model_key(ps, s);
		rl->line = line;
		rl->column = col;
		rl->creator = group_dup(t, ov, gnum(x, "creator"), 1);
		if ((d = group_dup(t, ov, gnum(x, "released"), 1)) != NULL) {
			norm_date(d, strlen(d), p->date_order, &v);
			if (v.status == NORM_OK)
				rl->released = xstrdup(v.date);
			free(d);
		}
		rl->has_context = tokens_of(t, ov, gnum(x, "context_tokens"),
		    &rl->context);
		rl->has_max_output = tokens_of(t, ov,
		    gnum(x, "max_output_tokens"), &rl->max_output);
		rl->has_input = money_of(t, ov, gnum(x, "input"), &rl->input);
		rl->has_output = money_of(t, ov, gnum(x, "output"),
		    &rl->output);
		break;
	}
	default:
		break;
	}
}

static void
do_items(struct record *r, const struct page *pg, const struct xrule *x,
    const size_t *ov)
{
	char		*item, *st;
	size_t		 sov[2 * 4];
	unsigned	 line, col;
	int		 unsup = 0;

	item = group_dup(pg->text, ov, gnum(x, "item"), 1);
	if (item == NULL || *item == '\0') {
		free(item);
		return;
	}
	page_pos(pg, ov[2 * gnum(x, "item")], &line, &col);
	st = group_dup(pg->text, ov, gnum(x, "status"), 1);
	if (st != NULL && x->has_unsup)
		unsup = rx_match(&x->unsup, st, strlen(st), 0, sov, 2) == 1;
	if (unsup)
		record_add_item(&r->unsupported, item, line, col);
	else if (x->into == INTO_CAPABILITIES)
		record_add_item(&r->capabilities, item, line, col);
	else
		record_add_item(&r->features, item, line, col);
	free(item);
	free(st);
}

/* Next start after a match, on a character boundary. */
static size_t
advance(const char *t, size_t len, size_t a, size_t b)
{
	if (b > a)
		return b;
	a++;
	while (a < len && ((unsigned char)t[a] & 0xc0) == 0x80)
		a++;
	return a;
}

static struct span
region(const struct page *pg, const struct xrule *x)
{
	struct span	sp = { 0, pg->len, 0 };
	size_t		ov[2];

	if (!x->has_within)
		return sp;
	if (rx_match(&x->start, pg->text, pg->len, 0, ov, 2) != 1) {
		sp.a = sp.b = 0;
		return sp;
	}
	sp.a = ov[1];
	if (x->has_end && rx_match(&x->end, pg->text, pg->len, sp.a, ov,
	    2) == 1)
		sp.b = ov[0];
	return sp;
}

static void
run_xrule(const struct profiles *ps, struct record *r, const struct page *pg,
    const struct profile *p, const struct xrule *x, struct span sp,
    const struct ex_trace *tr)
{
	size_t		ov[OVN], pos = sp.a, nov;

	/* Only the groups the pattern has are read. */
	nov = 2 * ((size_t)x->rx.ngroups + 1);
	if (nov > OVN)
		nov = OVN;
	while (pos < sp.b) {
		if (rx_match(&x->rx, pg->text, sp.b, pos, ov, nov) != 1)
			break;
		if (x->kind == X_FIELDS)
			do_fields(r, pg, p, x, ov, tr);
		else if (x->kind == X_ROWS)
			do_rows(ps, r, pg, p, x, ov);
		else
			do_items(r, pg, x, ov);
		if (x->first)
			break;
		pos = advance(pg->text, sp.b, ov[0], ov[1]);
	}
}

static const struct profile *
choose(const struct profiles *ps, const struct page *pg)
{
	const struct profile	*best = NULL, *fb = NULL, *p;
	size_t			 i, j, ov[2];
	int			 score, top = 0, left;

	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		if (p->fallback) {
			fb = p;
			continue;
		}
		/*
		 * Stop once this profile can no longer win: a page of one
		 * site then costs one profile's patterns, not every one's.
		 */
		score = 0;
		for (j = 0; j < p->ndetect; j++) {
			left = (int)(p->ndetect - j);
			if (score + left <= top || score + left < p->detect_min)
				break;
			if (rx_match(&p->detect[j], pg->text, pg->len, 0, ov,
			    2) == 1)
				score++;
		}
		if (score >= p->detect_min && score > top) {
			top = score;
			best = p;
		}
	}
	return best != NULL ? best : fb;
}

static void
scan_marks(struct record *r, const struct profiles *ps,
    const struct page *pg)
{
	const struct scanner	*sc;
	const char		*last = NULL;	/* needle searched last */
	size_t			 i, ov[2], pos;
	unsigned		 line, col, hits;
	char			*raw;
	int			 last_may = 1;

	for (i = 0; i < ps->nscan; i++) {
		sc = &ps->scan[i];
		/* Scanners in a row often share a needle: search it once. */
		if (sc->rx.needle != NULL && (last == NULL ||
		    strcmp(last, sc->rx.needle->src) != 0)) {
			last = sc->rx.needle->src;
			last_may = rx_may_match(&sc->rx, pg->text, pg->len);
		}
		if (sc->rx.needle != NULL && !last_may)
			continue;
		pos = 0;
		hits = 0;
		while (pos < pg->len && hits < 20 &&
		    rx_match(&sc->rx, pg->text, pg->len, pos, ov, 2) == 1) {
			page_pos(pg, ov[0], &line, &col);
			raw = flat_dup(pg->text + ov[0], ov[1] - ov[0] > 80 ?
			    80 : ov[1] - ov[0]);
			record_add_mark(r, sc->kind, raw, line, col);
			free(raw);
			hits++;
			pos = advance(pg->text, pg->len, ov[0], ov[1]);
		}
	}
}

static void
load_marks(struct record *r, const struct page *pg)
{
	static const char *const names[] = {
		"invalid-utf8", "control", "nul", "html-unclosed",
		"line-limit", "depth-limit"
	};
	const struct load_mark	*m;
	size_t			 i;
	char			 raw[64];

	for (i = 0; i < pg->nmarks; i++) {
		m = &pg->marks[i];
		if (m->kind == LM_HTML_UNCLOSED)
			snprintf(raw, sizeof(raw), "no </body> or </html>");
		else if (m->kind == LM_LINE_LIMIT)
			snprintf(raw, sizeof(raw), "%u lines", m->count);
		else if (m->kind == LM_DEPTH_LIMIT)
			snprintf(raw, sizeof(raw), "%u element%s below depth "
			    "%u", m->count, m->count == 1 ? "" : "s",
			    load_max_depth());
		else
			snprintf(raw, sizeof(raw), "%u byte%s", m->count,
			    m->count == 1 ? "" : "s");
		record_add_mark(r, names[m->kind], raw, m->line, m->column);
	}
}

static void
find_sections(struct record *r, const struct profile *p,
    const struct page *pg)
{
	size_t	i, ov[2];

	for (i = 0; i < p->nsections; i++) {
		if (rx_match(&p->sections[i], pg->text, pg->len, 0, ov,
		    2) != 1)
			continue;
		xgrow(&r->sections, &r->sectcap, r->nsections + 1,
		    sizeof(*r->sections));
		r->sections[r->nsections++] = xstrdup(p->section_names[i]);
	}
}

static void
derive_key(const struct profiles *ps, struct record *r)
{
	const struct field	*f = &r->f[F_MODEL_NAME];
	struct seen		 s;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		if (f->v[i].status != NORM_OK || f->v[i].missing)
			continue;
		memset(&s, 0, sizeof(s));
		s.status = NORM_OK;
		s.str = profiles_model_key(ps, f->v[i].str);
		s.raw = f->v[i].raw;
		s.where = f->v[i].where;
		s.line = f->v[i].line;
		s.column = f->v[i].column;
		s.prio = f->v[i].prio;
		record_add_seen(r, F_MODEL_KEY, &s);
		free(s.str);
	}
}

/* The page's record by the profile's extractors, unsettled. */
static struct record *
page_record(const struct profiles *ps, const struct page *pg,
    const struct profile *p, int pairs, struct record ***blocks,
    size_t *nblocks, const struct ex_trace *tr)
{
	const struct xrule	*x;
	struct record		*r;
	struct span		*spans, *sp;
	struct ex_ctx		 cx;
	size_t			 i;
	unsigned		 col;

	r = record_new(pg->file, p->id);
	r->format = xstrdup(pg->is_binary ? "binary" : pg->is_html ? "html" :
	    pg->is_markdown ? "markdown" : "text");
	r->charset = xstrdup(pg->charset);
	r->bytes = pg->bytes;
	r->lines = pg->srclines;
	if (pg->len > 0)
		page_pos(pg, pg->len - 1, &r->last_line, &col);
	load_marks(r, pg);
	if (!pg->is_binary) {
		spans = xcalloc(p->nx + 1, sizeof(*spans));
		for (i = 0; i < p->nx; i++) {
			x = &p->x[i];
			if (x->kind == X_TABLES)
				continue;
			if (x->kind == X_LABELS) {
				memset(&cx, 0, sizeof(cx));
				cx.ps = ps;
				cx.lx = ps->lex;
				cx.pg = pg;
				cx.p = p;
				cx.x = x;
				cx.trace = tr;
				if (pairs && *nblocks == 0)
					*nblocks = ex_pairs(&cx, r, blocks);
				continue;
			}
			if (!rx_may_match(&x->rx, pg->text, pg->len))
				continue;
			sp = &spans[x->region];
			if (!sp->found) {
				*sp = region(pg, &p->x[x->region]);
				sp->found = 1;
			}
			run_xrule(ps, r, pg, p, x, *sp, tr);
		}
		free(spans);
		scan_marks(r, ps, pg);
		find_sections(r, p, pg);
	}
	if (rx_limit_hits() > 0)
		record_add_mark(r, "regex-limit", "a pattern hit the PCRE2 "
		    "match limit", 1, 1);
	return r;
}

/* The model rows of the page's tables, if the profile reads tables. */
static size_t
table_rows(const struct profiles *ps, const struct page *pg,
    const struct profile *p, struct record ***rows,
    const struct ex_trace *tr)
{
	struct ex_ctx	cx;
	size_t		i;

	*rows = NULL;
	if (pg->is_binary)
		return 0;
	for (i = 0; i < p->nx; i++) {
		if (p->x[i].kind != X_TABLES)
			continue;
		memset(&cx, 0, sizeof(cx));
		cx.ps = ps;
		cx.lx = ps->lex;
		cx.pg = pg;
		cx.p = p;
		cx.x = &p->x[i];
		cx.trace = tr;
		return ex_tables(&cx, rows);
	}
	return 0;
}

static void
clear_fields(struct record *r)
{
	struct field	*f;
	size_t		 i, j;

	for (i = 0; i < F__COUNT; i++) {
		f = &r->f[i];
		for (j = 0; j < f->n; j++) {
			free(f->v[j].str);
			free(f->v[j].raw);
			free(f->v[j].where);
		}
		free(f->v);
		f->v = NULL;
		f->n = f->cap = 0;
		f->set = -1;
	}
}

static void
finish(const struct profiles *ps, struct record *r)
{
	derive_key(ps, r);
	record_settle(r);
}

/*
 * Several model rows and no main model: one record per row, the page's
 * own marks on the first.  One row: the page's model, merged.
 */
size_t
extract_records_with(const struct profiles *ps, const struct page *pg,
    const struct profile *force, const struct ex_trace *tr,
    struct record ***out)
{
	const struct profile	*p = force != NULL ? force : choose(ps, pg);
	struct record		**rows, *r0, **blocks = NULL;
	size_t			 n, i, nblocks = 0;

	n = table_rows(ps, pg, p, &rows, tr);
	r0 = page_record(ps, pg, p, n < 2, &blocks, &nblocks, tr);
	if (nblocks >= 2) {
		extract_records_free(rows, n);
		rows = blocks;
		n = nblocks;
	}
	if (n < 2) {
		if (n == 1)
			ex_merge(r0, rows[0]);
		extract_records_free(rows, n);
		finish(ps, r0);
		*out = xcalloc(2, sizeof(**out));
		(*out)[0] = r0;
		return 1;
	}
	clear_fields(r0);
	ex_merge(r0, rows[0]);
	record_free(rows[0]);
	rows[0] = r0;
	for (i = 0; i < n; i++) {
		if (i > 0) {
			rows[i]->format = xstrdup(r0->format);
			rows[i]->charset = xstrdup(r0->charset);
			rows[i]->bytes = r0->bytes;
			rows[i]->lines = r0->lines;
			rows[i]->last_line = r0->last_line;
		}
		finish(ps, rows[i]);
	}
	*out = rows;
	return n;
}

size_t
extract_records(const struct profiles *ps, const struct page *pg,
    struct record ***out)
{
	return extract_records_with(ps, pg, NULL, NULL, out);
}

const struct profile *
extract_profile(const struct profiles *ps, const struct page *pg)
{
	return choose(ps, pg);
}

struct record *
extract_page(const struct profiles *ps, const struct page *pg)
{
	struct record	**v, *r;
	size_t		  n, i;

	n = extract_records(ps, pg, &v);
	r = v[0];
	for (i = 1; i < n; i++)
		record_free(v[i]);
	free(v);
	return r;
}

void
extract_records_free(struct record **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		record_free(v[i]);
	free(v);
}
