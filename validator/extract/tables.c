/*
 * tables.c: tables found by their header row.  HTML rows and Markdown
 * pipe rows both arrive as lines of tab-separated cells; a line whose
 * cells are labels of record fields (any language the lexicon knows) is
 * a header, its columns map to fields, and each line below with as many
 * cells is one model's row.  A column of cache, batch or upper-tier
 * prices is no price column; a table of example costs or totals is
 * skipped whole; a table of providers of one model gives no model rows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/generic.h"
#include "knowledge/lexicon.h"
#include "knowledge/profile.h"
#include "load/load.h"
#include "record/record.h"
#include "base/xalloc.h"

#define TB_MAXC	24

struct cell {
	const char	*s;
	size_t		 n;
	size_t		 off;		/* in page text */
	char		*fold;
};

struct col {
	int		 fid;		/* fid, LX_PRICE_BOTH or -1 */
	enum price_unit	 unit;
	char		 cur[4];
	const char	*hs;		/* the header cell, for a trace */
	size_t		 hn;
};

struct table {
	size_t		 ncells;
	int		 namecol;
	struct col	 col[TB_MAXC];
};

static size_t
split(const struct page *pg, size_t li, struct cell *c)
{
	const char	*t = pg->text + pg->lines[li].off, *e, *tab;
	size_t		 n = 0;

	e = t + pg->lines[li].len;
	while (n < TB_MAXC) {
		tab = memchr(t, '\t', (size_t)(e - t));
		if (tab == NULL)
			tab = e;
		c[n].s = t;
		c[n].n = (size_t)(tab - t);
		while (c[n].n > 0 && c[n].s[0] == ' ') {
			c[n].s++;
			c[n].n--;
		}
		while (c[n].n > 0 && c[n].s[c[n].n - 1] == ' ')
			c[n].n--;
		c[n].off = (size_t)(c[n].s - pg->text);
		c[n].fold = NULL;
		n++;
		if (tab == e)
			return n;
		t = tab + 1;
	}
	return 0;		/* too wide to be a table of models */
}

static void
fold_cells(struct cell *c, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (c[i].fold == NULL)
			c[i].fold = lx_fold(c[i].s, c[i].n);
}

static void
free_cells(struct cell *c, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(c[i].fold);
		c[i].fold = NULL;
	}
}

static int
is_value_fid(int fid)
{
	return fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT ||
	    fid == LX_PRICE_BOTH || fid == F_CONTEXT || fid == F_MAX_OUTPUT ||
	    fid == F_MAX_INPUT;
}

/* How many digits s holds: a label may hold a few ("per 1M"). */
static size_t
has_digit(const char *s, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			k++;
	return k;
}

/*
 * A header: at least two cells name fields, one of them a value field,
 * and no cell is a "label: value" pair.  1 header, -1 a table of
 * example costs (skip its rows), 0 not a header.
 */
static int
header(const struct lexicon *lx, struct cell *c, size_t n, struct table *tb)
{
	size_t	i, j, at, nclass = 0, nvalue = 0;
	int	fid, provider = 0, skip = 0, w;

	memset(tb, 0, sizeof(*tb));
	tb->ncells = n;
	tb->namecol = -1;
	for (i = 0; i < n; i++) {
		tb->col[i].fid = -1;
		if (c[i].n > 120 || memchr(c[i].s, ':', c[i].n) != NULL)
			return 0;
		fid = ex_label(lx, c[i].fold, c[i].n);
		if (lx_find(lx, c[i].fold, c[i].n, LX_SKIP, &at) != -1)
			skip = 1;
		if (fid == -1)
			continue;
		nclass++;
		if (fid == F_PROVIDER)
			provider = 1;
		if (fid == F_MODEL_NAME && tb->namecol == -1) {
			tb->namecol = (int)i;
			tb->col[i].hs = c[i].s;
			tb->col[i].hn = c[i].n;
		}
		if (!is_value_fid(fid))
			continue;
		for (j = 0; j < i; j++)
			if (tb->col[j].fid == fid)
				break;
		if (j < i)
			continue;	/* the first such column is the base */
		nvalue++;
		tb->col[i].fid = fid;
		tb->col[i].hs = c[i].s;
		tb->col[i].hn = c[i].n;
		w = lx_find(lx, c[i].fold, c[i].n, LX_UNIT, &at);
		tb->col[i].unit = w != -1 ? (enum price_unit)lx->w[w].arg :
		    PRICE_PER_UNSTATED;
		w = lx_find(lx, c[i].fold, c[i].n, LX_CURRENCY, &at);
		if (w != -1)
			memcpy(tb->col[i].cur, lx->iso[lx->w[w].arg], 4);
	}
	if (nclass < 2 || nvalue == 0)
		return 0;
	if (skip)
		return -1;
	if (tb->namecol == -1) {
		if (provider || ex_label(lx, c[0].fold, c[0].n) != -1)
			return -1;
		tb->namecol = 0;
	}
	return 1;
}

/* A line under the header stating units: "(per 1K tokens)". */
static void
subheader(const struct lexicon *lx, const struct page *pg, size_t li,
    struct table *tb)
{
	const char	*s = pg->text + pg->lines[li].off;
	char		*f = lx_fold(s, pg->lines[li].len);
	size_t		 i, at;
	int		 u, cu;

	u = lx_find(lx, f, pg->lines[li].len, LX_UNIT, &at);
	cu = lx_find(lx, f, pg->lines[li].len, LX_CURRENCY, &at);
	for (i = 0; i < tb->ncells; i++) {
		if (tb->col[i].fid != F_PRICE_INPUT &&
		    tb->col[i].fid != F_PRICE_OUTPUT &&
		    tb->col[i].fid != LX_PRICE_BOTH)
			continue;
		if (u != -1 && tb->col[i].unit == PRICE_PER_UNSTATED)
			tb->col[i].unit = (enum price_unit)lx->w[u].arg;
		if (cu != -1 && tb->col[i].cur[0] == '\0')
			memcpy(tb->col[i].cur, lx->iso[lx->w[cu].arg], 4);
	}
	free(f);
}

static struct record *
find_row(struct record **v, size_t n, const char *name, size_t len)
{
	const struct field	*f;
	size_t			 i;

	for (i = 0; i < n; i++) {
		f = &v[i]->f[F_MODEL_NAME];
		if (f->n > 0 && strlen(f->v[0].raw) == len &&
		    strncasecmp(f->v[0].raw, name, len) == 0)
			return v[i];
	}
	return NULL;
}

/* The row's own unit and currency: a "元/百万tokens" cell. */
static void
row_defaults(const struct lexicon *lx, const struct table *tb,
    struct cell *c, enum price_unit *u, char *cur)
{
	size_t	i, at;
	int	w;

	for (i = 0; i < tb->ncells; i++) {
		if (tb->col[i].fid != -1 || (int)i == tb->namecol)
			continue;
		if (has_digit(c[i].s, c[i].n) && c[i].n > 24)
			continue;
		if (*u == PRICE_PER_UNSTATED &&
		    (w = lx_find(lx, c[i].fold, c[i].n, LX_UNIT, &at)) != -1)
			*u = (enum price_unit)lx->w[w].arg;
		if (cur[0] == '\0' && (w = lx_find(lx, c[i].fold, c[i].n,
		    LX_CURRENCY, &at)) != -1)
			memcpy(cur, lx->iso[lx->w[w].arg], 4);
	}
}

/*
 * The same model in a second table in another currency ("Prices in
 * CNY"): the first currency is the record's, the other is no sighting
 * to compare with it.
 */
static int
other_currency(const struct record *r, int fid, const struct ex_val *v)
{
	const struct field	*f;
	size_t			 i;

	if (fid == LX_PRICE_BOTH)
		return other_currency(r, F_PRICE_INPUT, v);
	if (fid != F_PRICE_INPUT && fid != F_PRICE_OUTPUT)
		return 0;
	f = &r->f[fid];
	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].currency, v->currency) != 0)
			return 1;
	return 0;
}

static void
row_cell(const struct ex_ctx *cx, struct record *r, const struct col *col,
    struct cell *c, enum price_unit ru, const char *rcur)
{
	struct ex_val	v;
	struct ex_ctx	lc;
	const char	*cur = col->cur[0] != '\0' ? col->cur : rcur;
	enum price_unit	u = col->unit != PRICE_PER_UNSTATED ? col->unit : ru;

	if (cx->trace != NULL) {
		lc = *cx;
		lc.label = col->hs;
		lc.labellen = col->hn;
		cx = &lc;
	}

	if (col->fid != F_CONTEXT && col->fid != F_MAX_OUTPUT &&
	    col->fid != F_MAX_INPUT && ex_cell_pairs(cx, r, c->s, c->n,
	    c->off, u, cur) > 0)
		return;
	if (!ex_value(cx->lx, col->fid, c->s, c->fold, c->n, u, cur, &v)) {
		if (c->n > 0)
			ex_note(cx, col->fid, c->s, c->n, c->off,
			    EX_NOT_A_VALUE);
		return;
	}
	if (other_currency(r, col->fid, &v)) {
		ex_note(cx, col->fid, c->s, c->n, c->off, EX_OTHER_CURRENCY);
		return;
	}
	if (col->fid == LX_PRICE_BOTH) {
		ex_add(cx, r, F_PRICE_INPUT, c->s, c->n, c->off + v.a, &v);
		ex_add(cx, r, F_PRICE_OUTPUT, c->s, c->n, c->off + v.a, &v);
	} else
		ex_add(cx, r, col->fid, c->s, c->n, c->off + v.a, &v);
}

/*
 * A name cell may carry a tier ("Gemini 2.5 Pro (<200k tokens)": the
 * base tier's row) or the context window ("Qwen3 32B 131k") after the
 * name: the name is what comes before, the context a sighting.
 */
static size_t
name_len(const struct ex_ctx *cx, const struct table *tb,
    struct record *r, const struct cell *nc)
{
	struct ex_val	 v;
	const char	*o;
	size_t		 n = nc->n, at, i;

	if (n > 2 && nc->s[n - 1] == ')' &&
	    (o = memrchr(nc->s, '(', n)) != NULL && o > nc->s &&
	    lx_find(cx->lx, nc->fold + (o - nc->s), n - (size_t)(o - nc->s),
	    LX_BASE, &at) != -1) {
		n = (size_t)(o - nc->s);
		while (n > 0 && nc->s[n - 1] == ' ')
			n--;
	}
	for (i = n; i > 0 && nc->s[i - 1] != ' '; i--)
		;
	if (i == 0)
		return n;
	for (at = 0; at < tb->ncells; at++)
		if (tb->col[at].fid == F_CONTEXT)
			return n;
	if ((nc->s[n - 1] == 'k' || nc->s[n - 1] == 'K' ||
	    nc->s[n - 1] == 'M') && ex_tokens(cx->lx, nc->s + i,
	    nc->fold + i, n - i, &v) && v.a == 0 && v.b == n - i &&
	    v.num >= 1000) {
		if (r != NULL)
			ex_add(cx, r, F_CONTEXT, nc->s + i, n - i, nc->off + i,
			    &v);
		n = i - 1;
	}
	return n;
}

/* One model row: its name cell and its value cells. */
static void
row(const struct ex_ctx *cx, const struct table *tb, struct cell *c,
    struct record ***out, size_t *n, size_t *cap)
{
	const struct lexicon	*lx = cx->lx;
	const struct cell	*nc = &c[tb->namecol];
	struct record		*r;
	struct ex_ctx		 lc;
	enum price_unit		 ru = PRICE_PER_UNSTATED;
	char			 rcur[4] = "";
	size_t			 i, at, nn;
	double			 d;
	size_t			 a, b;

	if (nc->n == 0 || nc->n > 120 || ex_label(lx, nc->fold, nc->n) != -1 ||
	    lx_find(lx, nc->fold, nc->n, LX_NOT_BASE, &at) != -1 ||
	    lx_find(lx, nc->fold, nc->n, LX_SKIP, &at) != -1 ||
	    (ex_number(nc->s, nc->n, 0, 0, &d, &a, &b) && a == 0 &&
	    b == nc->n))
		return;
	row_defaults(lx, tb, c, &ru, rcur);
	nn = name_len(cx, tb, NULL, nc);
	r = find_row(*out, *n, nc->s, nn);
	if (r == NULL) {
		r = record_new(cx->pg->file, cx->p->id);
		nn = name_len(cx, tb, r, nc);
		if (cx->trace != NULL) {
			lc = *cx;
			lc.label = tb->col[tb->namecol].hs;
			lc.labellen = tb->col[tb->namecol].hn;
			ex_add(&lc, r, F_MODEL_NAME, nc->s, nn, nc->off, NULL);
		} else
			ex_add(cx, r, F_MODEL_NAME, nc->s, nn, nc->off, NULL);
		xgrow(out, cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = r;
	}
	for (i = 0; i < tb->ncells; i++)
		if (tb->col[i].fid != -1 && is_value_fid(tb->col[i].fid))
			row_cell(cx, r, &tb->col[i], &c[i], ru, rcur);
}

/* One line as one cell of a flattened table: "Entrada |" is "Entrada". */
static void
line_cell(const struct page *pg, size_t li, struct cell *c)
{
	c->s = pg->text + pg->lines[li].off;
	c->n = pg->lines[li].len;
	while (c->n > 0 && (c->s[c->n - 1] == '|' || c->s[c->n - 1] == ' '))
		c->n--;
	c->off = pg->lines[li].off;
	c->fold = lx_fold(c->s, c->n);
}

static int
is_rule_line(const struct page *pg, size_t li)
{
	const char	*s = pg->text + pg->lines[li].off;
	size_t		 i;

	for (i = 0; i < pg->lines[li].len; i++)
		if (strchr("-|: ", s[i]) == NULL)
			return 0;
	return 1;
}

static int
short_line(const struct page *pg, size_t li)
{
	return pg->lines[li].len <= 80 && memchr(pg->text +
	    pg->lines[li].off, '\t', pg->lines[li].len) == NULL;
}

/*
 * A flattened header: a name column's label (or a label stating the
 * table's unit, "Price per 1M tokens (USD)") then at least two lines
 * naming fields, one a line.  The number of columns, or 0.
 */
static size_t
flat_header(const struct ex_ctx *cx, size_t li, struct table *tb)
{
	const struct lexicon	*lx = cx->lx;
	struct cell		 c;
	size_t			 n = 0, nvalue = 0, i, at;
	int			 fid, w;

	memset(tb, 0, sizeof(*tb));
	/* A header of short lines, the name column's label short too. */
	if (cx->pg->lines[li].len > 60 || li + 3 > cx->pg->nlines ||
	    !short_line(cx->pg, li + 1) || !short_line(cx->pg, li + 2))
		return 0;
	while (li + n < cx->pg->nlines && n < TB_MAXC &&
	    short_line(cx->pg, li + n)) {
		line_cell(cx->pg, li + n, &c);
		fid = ex_label(lx, c.fold, c.n);
		tb->col[n].fid = fid;
		tb->col[n].hs = c.s;
		tb->col[n].hn = c.n;
		if (n == 0 && fid != F_MODEL_NAME && fid != LX_PRICE_BOTH) {
			free(c.fold);
			return 0;
		}
		if (n > 0 && (fid == -1 || fid == F_MODEL_NAME ||
		    has_digit(c.s, c.n) > 2)) {
			free(c.fold);
			break;
		}
		w = lx_find(lx, c.fold, c.n, LX_UNIT, &at);
		tb->col[n].unit = w != -1 ? (enum price_unit)lx->w[w].arg :
		    PRICE_PER_UNSTATED;
		w = lx_find(lx, c.fold, c.n, LX_CURRENCY, &at);
		if (w != -1)
			memcpy(tb->col[n].cur, lx->iso[lx->w[w].arg], 4);
		free(c.fold);
		if (n > 0 && is_value_fid(fid))
			nvalue++;
		n++;
	}
	if (n < 3 || nvalue < 2)
		return 0;
	tb->ncells = n;
	tb->namecol = 0;
	tb->col[0].fid = -1;
	for (i = 1; i < n; i++) {
		if (!is_value_fid(tb->col[i].fid))
			tb->col[i].fid = -1;
		if (tb->col[i].unit == PRICE_PER_UNSTATED)
			tb->col[i].unit = tb->col[0].unit;
		if (tb->col[i].cur[0] == '\0')
			memcpy(tb->col[i].cur, tb->col[0].cur, 4);
	}
	return n;
}

/* A flattened row: a name, then one value (or "-", "free") a line. */
static int
flat_row(const struct ex_ctx *cx, const struct table *tb, size_t li,
    struct cell *c)
{
	struct ex_val	v;
	size_t		i, at;
	double		d;
	size_t		a, b;

	if (li + tb->ncells > cx->pg->nlines)
		return 0;
	for (i = 0; i < tb->ncells; i++)
		c[i].fold = NULL;
	for (i = 0; i < tb->ncells; i++) {
		if (!short_line(cx->pg, li + i))
			break;
		line_cell(cx->pg, li + i, &c[i]);
		if (i == 0) {
			if (ex_label(cx->lx, c[i].fold, c[i].n) != -1 ||
			    (ex_number(c[i].s, c[i].n, 0, 0, &d, &a, &b) &&
			    a <= 2))
				break;
			continue;
		}
		if (norm_is_sentinel(c[i].s, c[i].n) ||
		    lx_find(cx->lx, c[i].fold, c[i].n, LX_FREE, &at) != -1)
			continue;
		if (!ex_value(cx->lx, tb->col[i].fid == -1 ? F_PRICE_INPUT :
		    tb->col[i].fid, c[i].s, c[i].fold, c[i].n,
		    PRICE_PER_UNSTATED, NULL, &v) || v.a > 4)
			break;
	}
	if (i == tb->ncells)
		return 1;
	free_cells(c, tb->ncells);
	return 0;
}

/* Tables scraped to one cell a line; the line after the last row. */
static size_t
flat_table(const struct ex_ctx *cx, size_t li, struct record ***out,
    size_t *n, size_t *cap)
{
	struct table	tb;
	struct cell	c[TB_MAXC];
	size_t		nc, lj;

	if ((nc = flat_header(cx, li, &tb)) == 0)
		return li;
	lj = li + nc;
	if (lj < cx->pg->nlines && is_rule_line(cx->pg, lj))
		lj++;
	while (flat_row(cx, &tb, lj, c)) {
		row(cx, &tb, c, out, n, cap);
		free_cells(c, nc);
		lj += nc;
	}
	return lj > li + nc + 1 ? lj - 1 : li;
}

/*
 * A spec table with a column per model: "Model / chat / reasoner"
 * then label rows with a value per model, or one value all share.
 */
static size_t
model_columns(const struct ex_ctx *cx, size_t li, struct record ***out,
    size_t *n, size_t *cap)
{
	const struct lexicon	*lx = cx->lx;
	const struct page	*pg = cx->pg;
	struct cell		 h[TB_MAXC], c[TB_MAXC];
	struct record		*rv[TB_MAXC];
	struct ex_val		 v;
	size_t			 nh, nc, i, j, k, lj, at;
	int			 fid, lab, lf, w;
	enum price_unit		 u;

	nh = split(pg, li, h);
	if (nh < 3)
		return li;
	fold_cells(h, nh);
	for (i = 1; i < nh; i++)
		if (h[i].n == 0 || h[i].n > 60 ||
		    ex_label(lx, h[i].fold, h[i].n) != -1)
			break;
	if (ex_label(lx, h[0].fold, h[0].n) != F_MODEL_NAME || i < nh) {
		free_cells(h, nh);
		return li;
	}
	for (i = 1; i < nh; i++) {
		rv[i] = record_new(pg->file, cx->p->id);
		ex_add(cx, rv[i], F_MODEL_NAME, h[i].s, h[i].n, h[i].off,
		    NULL);
	}
	for (lj = li + 1; lj < pg->nlines && (nc = split(pg, lj, c)) >= 2;
	    lj++) {
		fold_cells(c, nc);
		/* the label is the last label cell: "Price / Input" */
		for (lab = -1, fid = -1, j = 0; j < nc; j++) {
			lf = ex_label(lx, c[j].fold, c[j].n);
			if (lf == -1 || has_digit(c[j].s, c[j].n) > 2)
				break;
			lab = (int)j;
			fid = lf;
		}
		k = lab == -1 ? 0 : nc - (size_t)lab - 1;
		if (is_value_fid(fid) && (k == 1 || k == nh - 1)) {
			w = lx_find(lx, c[lab].fold, c[lab].n, LX_UNIT, &at);
			u = w != -1 ? (enum price_unit)lx->w[w].arg :
			    PRICE_PER_UNSTATED;
			for (i = 1; i < nh; i++) {
				j = k == 1 ? nc - 1 : (size_t)lab + i;
				if (!ex_value(lx, fid, c[j].s, c[j].fold,
				    c[j].n, u, NULL, &v))
					continue;
				if (fid == LX_PRICE_BOTH)
					continue;
				ex_add(cx, rv[i], fid, c[j].s, c[j].n,
				    c[j].off + v.a, &v);
			}
		}
		free_cells(c, nc);
	}
	free_cells(h, nh);
	for (i = 1, k = 0; i < nh; i++)
		for (j = 0; j < F__COUNT; j++)
			if (j != F_MODEL_NAME)
				k += rv[i]->f[j].n;
	for (i = 1; i < nh; i++) {
		if (k == 0) {
			record_free(rv[i]);
			continue;
		}
		xgrow(out, cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = rv[i];
	}
	return k == 0 ? li : lj - 1;
}

size_t
ex_tables(const struct ex_ctx *cx, struct record ***out)
{
	const struct page	*pg = cx->pg;
	struct cell		 c[TB_MAXC];
	struct table		 tb;
	size_t			 li, lj, n = 0, cap = 0, nc, nrows;
	int			 h;

	*out = NULL;
	for (li = 0; li < pg->nlines; li++) {
		if (memchr(pg->text + pg->lines[li].off, '\t',
		    pg->lines[li].len) == NULL) {
			li = flat_table(cx, li, out, &n, &cap);
			continue;
		}
		lj = model_columns(cx, li, out, &n, &cap);
		if (lj != li) {
			li = lj;
			continue;
		}
		nc = split(pg, li, c);
		if (nc < 2)
			continue;
		fold_cells(c, nc);
		h = header(cx->lx, c, nc, &tb);
		free_cells(c, nc);
		if (h == 0)
			continue;
		nrows = 0;
		for (lj = li + 1; lj < pg->nlines; lj++) {
			if (split(pg, lj, c) != nc) {
				if (nrows == 0 && lj - li <= 2) {
					subheader(cx->lx, pg, lj, &tb);
					continue;
				}
				break;
			}
			nrows++;
			if (h == 1) {
				fold_cells(c, nc);
				row(cx, &tb, c, out, &n, &cap);
				free_cells(c, nc);
			}
		}
		li = lj - 1;
	}
	return n;
}
