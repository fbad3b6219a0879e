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

static int
has_digit(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
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
		if (fid == F_MODEL_NAME && tb->namecol == -1)
			tb->namecol = (int)i;
		if (!is_value_fid(fid))
			continue;
		for (j = 0; j < i; j++)
			if (tb->col[j].fid == fid)
				break;
		if (j < i)
			continue;	/* the first such column is the base */
		nvalue++;
		tb->col[i].fid = fid;
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
	const char	*cur = col->cur[0] != '\0' ? col->cur : rcur;
	enum price_unit	u = col->unit != PRICE_PER_UNSTATED ? col->unit : ru;

	if (col->fid != F_CONTEXT && col->fid != F_MAX_OUTPUT &&
	    col->fid != F_MAX_INPUT && ex_cell_pairs(cx, r, c->s, c->n,
	    c->off, u, cur) > 0)
		return;
	if (!ex_value(cx->lx, col->fid, c->s, c->fold, c->n, u, cur, &v) ||
	    other_currency(r, col->fid, &v))
		return;
	if (col->fid == LX_PRICE_BOTH) {
		ex_add(cx, r, F_PRICE_INPUT, c->s, c->n, c->off + v.a, &v);
		ex_add(cx, r, F_PRICE_OUTPUT, c->s, c->n, c->off + v.a, &v);
	} else
		ex_add(cx, r, col->fid, c->s, c->n, c->off + v.a, &v);
}

/* One model row: its name cell and its value cells. */
static void
row(const struct ex_ctx *cx, const struct table *tb, struct cell *c,
    struct record ***out, size_t *n, size_t *cap)
{
	const struct lexicon	*lx = cx->lx;
	const struct cell	*nc = &c[tb->namecol];
	struct record		*r;
	enum price_unit		 ru = PRICE_PER_UNSTATED;
	char			 rcur[4] = "";
	size_t			 i, at;
	double			 d;
	size_t			 a, b;

	if (nc->n == 0 || nc->n > 120 || ex_label(lx, nc->fold, nc->n) != -1 ||
	    lx_find(lx, nc->fold, nc->n, LX_NOT_BASE, &at) != -1 ||
	    lx_find(lx, nc->fold, nc->n, LX_SKIP, &at) != -1 ||
	    (ex_number(nc->s, nc->n, 0, 0, &d, &a, &b) && a == 0 &&
	    b == nc->n))
		return;
	row_defaults(lx, tb, c, &ru, rcur);
	r = find_row(*out, *n, nc->s, nc->n);
	if (r == NULL) {
		r = record_new(cx->pg->file, cx->p->id);
		ex_add(cx, r, F_MODEL_NAME, nc->s, nc->n, nc->off, NULL);
		xgrow(out, cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = r;
	}
	for (i = 0; i < tb->ncells; i++)
		if (tb->col[i].fid != -1 && is_value_fid(tb->col[i].fid))
			row_cell(cx, r, &tb->col[i], &c[i], ru, rcur);
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
		    pg->lines[li].len) == NULL)
			continue;
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
