/*
 * pairs.c: label/value pairs in the arrangements pages use.  Within a
 * line (or a table cell) the labels and the numbers are found first;
 * whichever comes first sets the line's order: "Input: $3 Output: $15"
 * pairs each number with the label before it, "$3 input · $15 output"
 * and "$0.60 per 1M input tokens" with the label after it.  Only unit,
 * currency, magnitude and filler words may stand between the two, so a
 * number near another field's label, or beside no label at all (menus,
 * banners), is not taken.  A line that is only a label takes its value
 * from the next line ("Context length" / "128K"), and a unit on the line
 * after that ("Input" / "$0.30" / "/M tokens").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "extract/generic.h"
#include "knowledge/lexicon.h"
#include "knowledge/profile.h"
#include "load/load.h"
#include "record/record.h"
#include "base/xalloc.h"

#define PR_MAX		32
#define PR_GAP		48
#define FID_IGNORE	(-3)	/* a cache, batch or tier word: its value
				   is nobody's */

struct lab {
	size_t	a;
	size_t	b;
	int	fid;
	int	used;
};

struct num {
	size_t	a;
	size_t	b;
};

static int
is_punct(const unsigned char *t, size_t n, size_t i, size_t *len)
{
	static const char *const wide[] = {
		"：", "，", "、", "·", "–", "—", "（", "）", "•", "|", "≈"
	};
	size_t	k;

	*len = 1;
	if (t[i] < 0x80)
		return t[i] == ' ' || t[i] == '\t' || t[i] == ':' ||
		    t[i] == '/' || t[i] == '(' || t[i] == ')' || t[i] == '-' ||
		    t[i] == ',' || t[i] == '=' || t[i] == '*' || t[i] == '|' ||
		    t[i] == '.';
	for (k = 0; k < sizeof(wide) / sizeof(wide[0]); k++) {
		*len = strlen(wide[k]);
		if (i + *len <= n && memcmp(t + i, wide[k], *len) == 0)
			return 1;
	}
	return 0;
}

/* Only words that may stand between a label and its value in [a, b)? */
static int
filler(const struct lexicon *lx, const char *f, size_t a, size_t b)
{
	static const enum lx_kind kinds[] = {
		LX_UNIT, LX_CURRENCY, LX_MAGNITUDE, LX_FILLER, LX_FREE
	};
	size_t	i = a, k, len;
	int	w;

	if (b < a || b - a > PR_GAP)
		return 0;
	while (i < b) {
		if (is_punct((const unsigned char *)f, b, i, &len)) {
			i += len;
			continue;
		}
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if ((w = lx_prefix(lx, f + i, b - i, kinds[k])) != -1)
				break;
		if (k == sizeof(kinds) / sizeof(kinds[0]))
			return 0;
		i += lx->w[w].len;
	}
	return 1;
}

/* The field of two label words side by side. */
static int
phrase_fid(int a, int b)
{
	if (a == FID_IGNORE || b == FID_IGNORE)
		return FID_IGNORE;
	if (a == F_PRICE_CACHE || b == F_PRICE_CACHE)
		return F_PRICE_CACHE;
	return a == LX_PRICE_BOTH ? b : a;
}

/* Every field label in f, the longest where two overlap, in order. */
static size_t
find_labels(const struct lexicon *lx, const char *f, size_t n,
    struct lab *l)
{
	size_t		i, j, k, c, at, from, nl = 0, nc, cand[LX_MAXWORDS];
	int		fid;

	nc = lx_present(lx, LX_FIELD, f, n, cand, LX_MAXWORDS);
	nc += lx_present(lx, LX_NOT_BASE, f, n, cand + nc, LX_MAXWORDS - nc);
	for (c = 0; c < nc; c++) {
		i = cand[c];
		fid = lx->w[i].kind == LX_FIELD ? lx->w[i].arg : FID_IGNORE;
		if (fid == F_MODEL_NAME || fid == F_PROVIDER)
			continue;
		for (from = 0; lx_at(lx, i, f, n, from, &at); from = at + 1) {
			for (j = 0; j < nl; j++)
				if (at < l[j].b && at + lx->w[i].len > l[j].a)
					break;
			if (j < nl) {
				if (lx->w[i].len <= l[j].b - l[j].a)
					continue;
				l[j].a = at;	/* the longer one wins */
				l[j].b = at + lx->w[i].len;
				l[j].fid = fid;
				continue;
			}
			if (nl == PR_MAX)
				break;
			l[nl].a = at;
			l[nl].b = at + lx->w[i].len;
			l[nl].fid = fid;
			l[nl].used = 0;
			nl++;
		}
	}
	/* In text order (insertion sort: a handful of labels). */
	for (i = 1; i < nl; i++)
		for (k = i; k > 0 && l[k - 1].a > l[k].a; k--) {
			struct lab t = l[k];
			l[k] = l[k - 1];
			l[k - 1] = t;
		}
	/* Words side by side are one label: "Cache hit price". */
	for (i = 0, j = 0; i < nl; i++) {
		if (j > 0 && l[i].a >= l[j - 1].b && (l[i].a == l[j - 1].b ||
		    (l[i].a - l[j - 1].b == 1 && f[l[i].a - 1] == ' '))) {
			l[j - 1].fid = phrase_fid(l[j - 1].fid, l[i].fid);
			l[j - 1].b = l[i].b;
			continue;
		}
		l[j++] = l[i];
	}
	return j;
}

/* Inside a unit word ("per 1K", "1M tokens"): part of no value. */
static int
in_unit(const struct lexicon *lx, const char *f, size_t n, size_t a)
{
	size_t		i, c, at, from, nc, cand[LX_MAXWORDS];

	nc = lx_present(lx, LX_UNIT, f, n, cand, LX_MAXWORDS);
	for (c = 0; c < nc; c++) {
		i = cand[c];
		from = a > lx->w[i].len ? a - lx->w[i].len : 0;
		if (lx_at(lx, i, f, n, from, &at) && at <= a &&
		    a < at + lx->w[i].len)
			return 1;
	}
	return 0;
}

static size_t
find_nums(const struct lexicon *lx, const char *s, const char *f,
    size_t n, const struct lab *l, size_t nl, struct num *v)
{
	size_t	from = 0, nv = 0, a, b, j;
	double	d;

	while (nv < PR_MAX && ex_number(s, n, from, 1, &d, &a, &b)) {
		from = b;
		for (j = 0; j < nl; j++)
			if (a >= l[j].a && a < l[j].b)
				break;
		if (j < nl || in_unit(lx, f, n, a))
			continue;	/* "1M" inside a label or a unit */
		v[nv].a = a;
		v[nv].b = b;
		nv++;
	}
	return nv;
}

static int
is_price(int fid)
{
	return fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT ||
	    fid == LX_PRICE_BOTH || fid == F_PRICE_CACHE;
}

static int
on_line(const struct record *r, int fid, unsigned line, int prio)
{
	const struct field	*f = &r->f[fid];
	size_t			 i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].line == line && f->v[i].prio < prio &&
		    f->v[i].status == NORM_OK)
			return 1;
	return 0;
}

/*
 * A price needs its currency or unit stated near it (or by the caller:
 * a table's header); a price under an amount label ("Input Cost") needs
 * its unit: without one it is a calculator's result.
 */
static int
stated(const struct lexicon *lx, const char *f, size_t a, size_t b,
    const struct lab *l, enum price_unit dunit, const char *dcur)
{
	size_t	at;
	int	unit;

	unit = dunit != PRICE_PER_UNSTATED ||
	    lx_find(lx, f + a, b - a, LX_UNIT, &at) != -1 ||
	    lx_find(lx, f + l->a, l->b - l->a, LX_UNIT, &at) != -1;
	if (lx_find(lx, f + l->a, l->b - l->a, LX_AMOUNT, &at) != -1 ||
	    lx_find(lx, f + a, b - a, LX_AMOUNT, &at) != -1)
		return unit;
	return unit || dcur != NULL ||
	    lx_find(lx, f + a, b - a, LX_CURRENCY, &at) != -1;
}

static int
take(const struct ex_ctx *cx, struct record *r, const struct lab *l,
    const char *s, const char *f, size_t a, size_t b, size_t off,
    enum price_unit dunit, const char *dcur)
{
	struct ex_val	v;
	struct ex_ctx	lc;
	int		fid = l->fid;

	if (fid == FID_IGNORE || b <= a)
		return 0;
	if (cx->trace != NULL && l->b > l->a) {
		lc = *cx;
		lc.label = s + l->a;
		lc.labellen = l->b - l->a;
		cx = &lc;
	}
	if (is_price(fid) && !stated(cx->lx, f, a, b, l, dunit, dcur)) {
		ex_note(cx, fid, s + a, b - a, off + a, EX_NO_UNIT);
		return 0;
	}
	if (!ex_value(cx->lx, fid, s + a, f + a, b - a, dunit, dcur, &v)) {
		ex_note(cx, fid, s + a, b - a, off + a, EX_NOT_A_VALUE);
		return 0;
	}
	if (fid == LX_PRICE_BOTH) {
		ex_add(cx, r, F_PRICE_INPUT, s + a, b - a, off + a + v.a, &v);
		ex_add(cx, r, F_PRICE_OUTPUT, s + a, b - a, off + a + v.a, &v);
	} else
		ex_add(cx, r, fid, s + a, b - a, off + a + v.a, &v);
	return is_price(fid) && fid != F_PRICE_CACHE;
}

/*
 * "$0.15 / $0.60 per 1M tokens (input/output)": two numbers joined by
 * a slash before two labels joined by a slash, in the same order.
 */
static int
slash_pair(const struct ex_ctx *cx, struct record *r, const char *s,
    const char *f, size_t off, struct lab *l, size_t nl, struct num *v,
    size_t nv)
{
	size_t		 j, k, at, a;
	enum price_unit	 u = PRICE_PER_UNSTATED;
	int		 w, added = 0;

	for (j = 0; j + 1 < nl; j++) {
		if (l[j + 1].a < l[j].b || l[j + 1].a - l[j].b > 3 ||
		    memchr(f + l[j].b, '/', l[j + 1].a - l[j].b) == NULL)
			continue;
		for (k = nv; k > 1 && v[k - 1].a > l[j].a; k--)
			;
		if (k < 2 || memchr(f + v[k - 2].b, '/', v[k - 1].a -
		    v[k - 2].b) == NULL || !filler(cx->lx, f, v[k - 2].b,
		    v[k - 1].a) || !filler(cx->lx, f, v[k - 1].b, l[j].a))
			continue;
		w = lx_find(cx->lx, f + v[k - 1].b, l[j].a - v[k - 1].b,
		    LX_UNIT, &at);
		if (w != -1)
			u = (enum price_unit)cx->lx->w[w].arg;
		/* the currency before the first number, whole characters */
		for (a = v[k - 2].a > 3 ? v[k - 2].a - 3 : 0; a > 0 &&
		    ((unsigned char)s[a] & 0xc0) == 0x80; a--)
			;
		added += take(cx, r, &l[j], s, f, a, v[k - 2].b, off, u, NULL);
		added += take(cx, r, &l[j + 1], s, f, v[k - 2].b, l[j].a, off,
		    u, NULL);
		l[j].used = l[j + 1].used = 1;
	}
	return added;
}

static int	has_number(const char *, size_t);

static int
pair_up(const struct ex_ctx *cx, struct record *r, const char *s,
    const char *f, size_t n, size_t off, enum price_unit dunit,
    const char *dcur)
{
	struct lab	l[PR_MAX];
	struct num	v[PR_MAX];
	size_t		nl, nv, i, j, k, a, b, prev = 0;
	int		added = 0, lfirst;

	if (!has_number(s, n))
		return 0;
	nl = find_labels(cx->lx, f, n, l);
	if (nl == 0)
		return 0;
	nv = find_nums(cx->lx, s, f, n, l, nl, v);
	if (nv == 0)
		return 0;
	added = slash_pair(cx, r, s, f, off, l, nl, v, nv);
	lfirst = l[0].a < v[0].a;
	for (i = 0; i < nv; i++) {
		if (lfirst) {
			for (j = nl; j > 0 && l[j - 1].b > v[i].a; j--)
				;
			if (j == 0 || l[j - 1].used)
				continue;
			j--;
			a = l[j].b;
			b = j + 1 < nl ? l[j + 1].a : n;
			if (i + 1 < nv && v[i + 1].a < b)
				b = v[i + 1].a;
			if (!filler(cx->lx, f, l[j].b, v[i].a))
				continue;
		} else {
			for (j = 0; j < nl && l[j].a < v[i].b; j++)
				;
			if (j == nl || l[j].used)
				continue;
			if (!filler(cx->lx, f, v[i].b, l[j].a))
				continue;
			a = i > 0 && v[i - 1].b > prev ? v[i - 1].b : prev;
			for (k = 0; k < j; k++)
				if (l[k].b <= v[i].a && l[k].b > a)
					a = l[k].b;
			/* the words after the label may state the unit:
			   "$2 per input token" */
			b = l[j].b + 16 < n ? l[j].b + 16 : n;
			if (i + 1 < nv && v[i + 1].a < b)
				b = v[i + 1].a;
			while (b < n && b > l[j].b &&
			    ((unsigned char)s[b] & 0xc0) == 0x80)
				b--;
		}
		l[j].used = 1;
		prev = l[j].b;
		added += take(cx, r, &l[j], s, f, a, b, off, dunit, dcur);
	}
	return added;
}

int
ex_cell_pairs(const struct ex_ctx *cx, struct record *r, const char *s,
    size_t n, size_t off, enum price_unit dunit, const char *dcur)
{
	char	*f = lx_fold(s, n);
	size_t	 at;
	int	 added = 0;

	if (lx_find(cx->lx, f, n, LX_SKIP, &at) == -1)
		added = pair_up(cx, r, s, f, n, off, dunit, dcur);
	free(f);
	return added;
}

/* A line that is a label alone ("Context length", "Input"). */
static int
label_line(const struct lexicon *lx, const char *f, size_t n)
{
	struct lab	l[PR_MAX];
	size_t		nl;

	if (n > 60)
		return -1;
	nl = find_labels(lx, f, n, l);
	if (nl != 1 || !filler(lx, f, 0, l[0].a) ||
	    !filler(lx, f, l[0].b, n))
		return -1;
	return l[0].fid;
}

static int
has_number(const char *s, size_t n)
{
	double	d;
	size_t	a, b;

	return ex_number(s, n, 0, 1, &d, &a, &b);
}

/* "Input" / "$0.30" / "/M tokens": the value line and a unit line. */
static size_t
next_value(const struct ex_ctx *cx, struct record *r, size_t li, int fid,
    int amount)
{
	const struct page	*pg = cx->pg;
	const char		*s;
	char			*f, *f2;
	size_t			 n, n2, at;
	enum price_unit		 u = PRICE_PER_UNSTATED;
	struct lab		 l[PR_MAX], lb;
	struct ex_ctx		 lc;
	int			 w;

	if (li + 1 >= pg->nlines)
		return li;
	if (cx->trace != NULL) {
		lc = *cx;
		lc.label = pg->text + pg->lines[li].off;
		lc.labellen = pg->lines[li].len;
		cx = &lc;
	}
	s = pg->text + pg->lines[li + 1].off;
	n = pg->lines[li + 1].len;
	if (n > 40 || !has_number(s, n))
		return li;
	f = lx_fold(s, n);
	if (find_labels(cx->lx, f, n, l) > 0) {
		free(f);
		return li;
	}
	if (li + 2 < pg->nlines) {
		n2 = pg->lines[li + 2].len;
		f2 = lx_fold(pg->text + pg->lines[li + 2].off, n2);
		if (filler(cx->lx, f2, 0, n2) &&
		    (w = lx_find(cx->lx, f2, n2, LX_UNIT, &at)) != -1)
			u = (enum price_unit)cx->lx->w[w].arg;
		free(f2);
	}
	lb.a = lb.b = 0;
	lb.fid = fid;
	/* "Input Cost" / "$0.003": an amount, unless a unit is stated */
	if (!amount || u != PRICE_PER_UNSTATED ||
	    lx_find(cx->lx, f, n, LX_UNIT, &at) != -1)
		take(cx, r, &lb, s, f, 0, n, pg->lines[li + 1].off, u, NULL);
	else
		ex_note(cx, fid, s, n, pg->lines[li + 1].off, EX_AMOUNT);
	free(f);
	return li + 1;
}

/* Pairs of one line into r. */
static size_t
line_pairs(const struct ex_ctx *cx, struct record *r, size_t li)
{
	const struct page	*pg = cx->pg;
	const char		*s = pg->text + pg->lines[li].off;
	size_t			 n = pg->lines[li].len, at;
	char			*f = lx_fold(s, n);
	int			 fid;

	/* A label alone needs a value on the next line. */
	fid = -1;
	if (n <= 60 && li + 1 < pg->nlines && has_number(pg->text +
	    pg->lines[li + 1].off, pg->lines[li + 1].len))
		fid = label_line(cx->lx, f, n);
	if (fid != -1 && fid != FID_IGNORE)
		li = next_value(cx, r, li, fid,
		    lx_find(cx->lx, f, n, LX_AMOUNT, &at) != -1);
	else if (fid == -1)
		pair_up(cx, r, s, f, n, pg->lines[li].off, PRICE_PER_UNSTATED,
		    NULL);
	free(f);
	return li;
}

static void
clear_field(struct record *r, int fid)
{
	struct field	*f = &r->f[fid];
	size_t		 i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].str);
		free(f->v[i].raw);
		free(f->v[i].where);
	}
	f->n = 0;
}

/*
 * A pattern's capture the normalizer could not read ("$0.6 /Mt") is
 * superseded where the reader read a value on the same line: the page
 * states the value, so it is no empty or unreadable field.
 */
static void
drop_unreadable(struct record *r, int fid, unsigned line)
{
	struct field	*f = &r->f[fid];
	size_t		 i, k;

	for (i = 0, k = 0; i < f->n; i++) {
		if (f->v[i].line == line && (f->v[i].status == NORM_BAD ||
		    f->v[i].status == NORM_EMPTY) && !f->v[i].missing) {
			free(f->v[i].str);
			free(f->v[i].raw);
			free(f->v[i].where);
			continue;
		}
		f->v[k++] = f->v[i];
	}
	f->n = k;
}

static void
merge_unread(struct record *to, const struct record *from, int prio)
{
	const struct seen	*v;
	size_t			 i, j;

	for (i = 0; i < F__COUNT; i++)
		for (j = 0; j < from->f[i].n; j++) {
			v = &from->f[i].v[j];
			if (on_line(to, (int)i, v->line, prio))
				continue;
			drop_unreadable(to, (int)i, v->line);
			record_add_seen(to, (enum fid)i, v);
		}
}

/* The fields r has sightings of, as bits. */
static unsigned long
field_mask(const struct record *r)
{
	unsigned long	m = 0;
	int		i;

	for (i = 0; i < F__COUNT; i++)
		if (r->f[i].n > 0)
			m |= 1UL << i;
	return m;
}

struct block {
	struct record	*r;
	size_t		 first;		/* page lines */
	size_t		 last;
	unsigned long	 mask;
	int		 named;
};

/*
 * A line that can be a model's name above its block: short, not a
 * sentence, no label, no value, no table row.
 */
static int
name_line(const struct ex_ctx *cx, size_t li, size_t *a, size_t *len)
{
	const struct page	*pg = cx->pg;
	const char		*s = pg->text + pg->lines[li].off;
	size_t			 n = pg->lines[li].len, i, words = 1, at;
	char			*f;
	int			 ok;

	while (n > 0 && (*s == '-' || *s == '*' || *s == '#' || *s == ' ')) {
		s++;
		n--;
	}
	if (n == 0 || n > 60 || memchr(s, '\t', n) != NULL ||
	    strchr(".:!?", s[n - 1]) != NULL || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] == ' ')
			words++;
	if (words > 6)
		return 0;
	f = lx_fold(s, n);
	ok = lx_find(cx->lx, f, n, LX_FIELD, &at) == -1 &&
	    lx_find(cx->lx, f, n, LX_OTHER, &at) == -1 &&
	    lx_find(cx->lx, f, n, LX_CURRENCY, &at) == -1 &&
	    lx_find(cx->lx, f, n, LX_SKIP, &at) == -1;
	free(f);
	*a = (size_t)(s - pg->text);
	*len = n;
	return ok;
}

/* Is line li the value of an other field's label on the line before? */
static int
other_value(const struct ex_ctx *cx, size_t li)
{
	const struct page	*pg = cx->pg;
	char			*f;
	size_t			 n, at;
	int			 yes;

	if (li == 0)
		return 0;
	n = pg->lines[li - 1].len;
	if (n > 40)
		return 0;
	f = lx_fold(pg->text + pg->lines[li - 1].off, n);
	yes = lx_find(cx->lx, f, n, LX_OTHER, &at) != -1;
	free(f);
	return yes;
}

/* The nearest name line above block b, below the block before it. */
static void
name_block(const struct ex_ctx *cx, struct block *b, size_t floor)
{
	struct ex_val	v;
	size_t		li, a, n;

	memset(&v, 0, sizeof(v));
	for (li = b->first; li > floor && b->first - li < 6; li--) {
		if (!name_line(cx, li - 1, &a, &n) || other_value(cx, li - 1))
			continue;
		ex_add(cx, b->r, F_MODEL_NAME, cx->pg->text + a, n, a, &v);
		b->named = 1;
		return;
	}
}

size_t
ex_pairs(const struct ex_ctx *cx, struct record *r, struct record ***out)
{
	const struct page	*pg = cx->pg;
	struct block		*bv = NULL;
	struct record		*lr = NULL;
	size_t			 li, lj, n, at, nb = 0, cap = 0, i, named = 0;
	unsigned long		 m;
	char			*f;

	*out = NULL;
	for (li = 0; li < pg->nlines; li++) {
		n = pg->lines[li].len;
		f = lx_fold(pg->text + pg->lines[li].off, n);
		if (n <= 48 && lx_find(cx->lx, f, n, LX_STOP, &at) != -1) {
			free(f);
			break;
		}
		/* Skip words matter where numbers are: this line's or the
		   next line's. */
		at = (has_number(pg->text + pg->lines[li].off, n) ||
		    (li + 1 < pg->nlines && n <= 60 && has_number(pg->text +
		    pg->lines[li + 1].off, pg->lines[li + 1].len))) &&
		    lx_find(cx->lx, f, n, LX_SKIP, &at) != -1;
		free(f);
		if (at)
			continue;
		if (lr == NULL)
			lr = record_new(pg->file, cx->p->id);
		lj = line_pairs(cx, lr, li);
		if ((m = field_mask(lr)) == 0)
			continue;
		/* A field again: the next model's block begins. */
		if (nb == 0 || (bv[nb - 1].mask & m) != 0) {
			xgrow(&bv, &cap, nb + 1, sizeof(*bv));
			memset(&bv[nb], 0, sizeof(*bv));
			bv[nb].r = record_new(pg->file, cx->p->id);
			bv[nb].first = li;
			nb++;
		}
		ex_merge(bv[nb - 1].r, lr);
		bv[nb - 1].mask |= m;
		bv[nb - 1].last = lj;
		record_free(lr);
		lr = NULL;
		li = lj;
	}
	record_free(lr);
	for (i = 0; i < nb; i++) {
		name_block(cx, &bv[i], i > 0 ? bv[i - 1].last + 1 : 0);
		named += bv[i].named;
	}
	if (nb >= 2 && named >= 2) {
		/* Several models: the named blocks; an unnamed one is
		   nobody's. */
		for (i = 0, n = 0; i < nb; i++) {
			if (!bv[i].named) {
				record_free(bv[i].r);
				continue;
			}
			bv[n++] = bv[i];
		}
		*out = xcalloc(n, sizeof(**out));
		for (i = 0; i < n; i++)
			(*out)[i] = bv[i].r;
		free(bv);
		return n;
	}
	/*
	 * One model: the first block is the page's (a field stated again
	 * further down is a tier's, an old value or another model's: "GPT-4o
	 * mini had a 128,000 token context").  Its name is the page's
	 * business (a title line above one block is as often a headline as
	 * a name), and where a profile pattern read a field on a line, the
	 * pattern has the say.
	 */
	for (i = 0; i < nb; i++) {
		if (i == 0) {
			clear_field(bv[i].r, F_MODEL_NAME);
			merge_unread(r, bv[i].r, cx->x->prio);
		}
		record_free(bv[i].r);
	}
	free(bv);
	return 0;
}
