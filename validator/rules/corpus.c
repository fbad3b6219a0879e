/*
 * corpus.c: rules that compare pages with each other.
 *
 * Every record is evidence about its own model (model.key) and, through
 * its related-model cards, about other models.  Sources are grouped by
 * key, and within a group each compared value (a field, a benchmark, a
 * feature) is put to a vote: the values are sorted once and cut into
 * clusters of agreeing values, so a group of k sources costs O(k log k)
 * and no source is ever compared with every other one.
 *
 * A cluster holding more than half of the sources is the consensus; each
 * source outside it gets one finding naming the consensus value, how
 * many sources agree, and the first REL_MAX of them in file order (the
 * rest are counted).  Two sources that disagree are each reported,
 * naming the other.  Three or more with no majority give one finding on
 * the group, at its first source in file order, listing the values with
 * their counts.  Prices compare with the median instead: a source far
 * from the median of the others is reported.  Sentinels and missing
 * values never count as a source.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "knowledge/catalog.h"
#include "rules/corpus.h"
#include "findings/diag.h"
#include "record/normalize.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "base/xalloc.h"

#define REL_MAX	10	/* related locations listed on a finding */
#define VAL_MAX	10	/* distinct values listed on a group finding */

/* One statement about one model. */
struct src {
	const char		*key;
	const struct summary	*r;	/* the page holding it */
	const struct related	*card;	/* NULL: the page's own model */
	unsigned		 line;
	unsigned		 column;
	double			 num;
	const char		*str;
};

struct group {
	struct src		*v;
	size_t			 n;
	const struct profiles	*ps;
};

/*
 * One source's vote on one value.  Votes are kept in file order; x is
 * what is compared and [x, hi] the span a date of month or year
 * precision covers (hi == x otherwise).
 */
struct vote {
	const char	*file;
	unsigned	 line;
	unsigned	 column;
	const void	*page;		/* the summary holding it */
	int		 card;
	int		 span;
	double		 x;
	double		 hi;
	const char	*name;		/* as written (features) */
	const char	*raw;		/* the row as read (benchmarks) */
	const char	*who;		/* a catalogue entry's provider */
	size_t		 cl;
	char		 val[64];
};

/* The clusters of a vote and the consensus, when there is one. */
struct tally {
	struct vote	*v;		/* file order */
	size_t		 n;
	size_t		 cap;
	size_t		 ncl;
	size_t		*size;		/* votes per cluster */
	size_t		*first;		/* each cluster's first vote */
	int		 maj;		/* cluster of > n/2 votes, or -1 */
	size_t		 rel[REL_MAX];	/* the majority's first votes */
	size_t		 nrel;
};

static int
src_cmp(const void *a, const void *b)
{
	const struct src	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	if ((c = strcmp(x->r->file, y->r->file)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The value a source gives for a field, or 0 when it gives none. */
static int
src_value(struct src *s, int fid)
{
	const struct sval	*v;
	const struct related	*c = s->card;

	if (c != NULL) {
		s->line = c->line;
		s->column = c->column;
		s->str = NULL;
		if (fid == F_CONTEXT && c->has_context)
			s->num = c->context;
		else if (fid == F_MAX_OUTPUT && c->has_max_output)
			s->num = c->max_output;
		else if (fid == F_PRICE_INPUT && c->has_input)
			s->num = c->input;
		else if (fid == F_PRICE_OUTPUT && c->has_output)
			s->num = c->output;
		else if (fid == F_RELEASED && c->released != NULL)
			s->str = c->released;
		else
			return 0;
		return 1;
	}
	if ((v = summary_get(s->r, fid)) == NULL)
		return 0;
	s->line = v->line;
	s->column = v->column;
	s->num = v->num;
	s->str = v->str;
	return 1;
}

static int
agree_num(double a, double b, double tol)
{
	double	m = fmax(fabs(a), fabs(b));

	return m == 0 || fabs(a - b) / m <= tol;
}

static void
fmt_num(int fid, double num, char *buf, size_t n)
{
	/* $15000, not $1.5e+04: the slip must read at a glance. */
	if (rec_fields[fid].type == FT_MONEY && num >= 1e4)
		snprintf(buf, n, "$%.0f", num);
	else if (rec_fields[fid].type == FT_MONEY)
		snprintf(buf, n, "$%.4g", num);
	else if (fid == F_PARAMS_TOTAL)
		snprintf(buf, n, "%gB", num / 1e9);
	else
		snprintf(buf, n, "%.0f", num);
}

/*
 * A date as a span of day numbers: a day, or the whole month or year a
 * less precise date names.  -1 when it is not a date.
 */
static int
date_span(const char *s, double *lo, double *hi)
{
	char	buf[16];
	long	a, b;
	int	y, m;

	if (s == NULL || norm_date_serial(s, &a) == -1)
		return -1;
	b = a;
	if (strlen(s) == 7) {
		y = atoi(s);
		m = atoi(s + 5);
		b = a + norm_days_in_month(y, m) - 1;
	} else if (strlen(s) == 4) {
		snprintf(buf, sizeof(buf), "%.4s-12-31", s);
		if (norm_date_serial(buf, &b) == -1)
			return -1;
	}
	*lo = (double)a;
	*hi = (double)b;
	return 0;
}

/*
 * A catalogue entry (its site is a source kind, not a site profile) is
 * named by its provider, so a finding says which of the providers in
 * one file disagrees.  NULL for a page or a card.
 */
static const char *
src_who(const struct group *g, const struct src *e)
{
	const char	*site = e->r->site, *prov;

	if (e->card != NULL || site == NULL || g->ps == NULL ||
	    profiles_get(g->ps, site) != NULL)
		return NULL;
	prov = summary_str(e->r, F_PROVIDER);
	return prov != NULL ? prov : site;
}

static void
put_where(struct buf *b, const struct vote *v)
{
	if (v->who != NULL)
		buf_printf(b, "the %s entry", v->who);
	else
		buf_adds(b, v->card ? "a related-model card" : "the page");
}

static struct vote *
vote_add(struct tally *t)
{
	struct vote	*v;

	xgrow(&t->v, &t->cap, t->n + 1, sizeof(*t->v));
	v = &t->v[t->n++];
	memset(v, 0, sizeof(*v));
	return v;
}

/* A vote for what source e of group g states, at the place src_value()
   found it; the caller sets the value. */
static struct vote *
src_vote(struct tally *t, const struct group *g, const struct src *e)
{
	struct vote	*v = vote_add(t);

	v->page = e->r;
	v->card = e->card != NULL;
	v->who = src_who(g, e);
	v->file = e->r->file;
	v->line = e->line;
	v->column = e->column;
	return v;
}

static void
tally_reset(struct tally *t)
{
	free(t->size);
	free(t->first);
	t->size = t->first = NULL;
	t->n = t->ncl = t->nrel = 0;
	t->maj = -1;
}

static void
tally_free(struct tally *t)
{
	tally_reset(t);
	free(t->v);
}

/* By value, then file order (votes sit in one array in file order). */
static int
vote_x_cmp(const void *a, const void *b)
{
	const struct vote	*x = *(struct vote *const *)a;
	const struct vote	*y = *(struct vote *const *)b;

	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return x < y ? -1 : x > y;
}

/*
 * The largest of the first nc clusters (sorted, disjoint [lo, hi]) that
 * has a value in [x, h], or -1: a month agrees with any day in it.
 */
static long
span_cluster(const double *lo, const double *hi, const size_t *size,
    size_t nc, double x, double h)
{
	size_t	a = 0, b = nc, m;
	long	best = -1;

	while (a < b) {
		m = a + (b - a) / 2;
		if (hi[m] < x)
			a = m + 1;
		else
			b = m;
	}
	for (; a < nc && lo[a] <= h; a++)
		if (best == -1 || size[a] > size[best])
			best = (long)a;
	return best;
}

/*
 * Cut the sorted values into clusters: a value joins the cluster of the
 * smallest value it agrees with (relative tolerance when rel, else an
 * absolute one).  Spans join the largest cluster they overlap.
 */
static void
tally_cluster(struct tally *t, int rel, double tol)
{
	struct vote	**s;
	double		 *lo, *hi;
	size_t		  i, ns = 0, nfull;
	long		  c;

	s = xreallocarray(NULL, t->n + 1, sizeof(*s));
	lo = xreallocarray(NULL, t->n + 1, sizeof(*lo));
	hi = xreallocarray(NULL, t->n + 1, sizeof(*hi));
	t->size = xcalloc(t->n + 1, sizeof(*t->size));
	for (i = 0; i < t->n; i++)
		if (!t->v[i].span)
			s[ns++] = &t->v[i];
	qsort(s, ns, sizeof(*s), vote_x_cmp);
	for (i = 0; i < ns; i++) {
		if (i == 0 || !(rel ? agree_num(lo[t->ncl - 1], s[i]->x, tol) :
		    s[i]->x - lo[t->ncl - 1] <= tol))
			lo[t->ncl++] = s[i]->x;
		hi[t->ncl - 1] = s[i]->x;
		s[i]->cl = t->ncl - 1;
		t->size[s[i]->cl]++;
	}
	nfull = t->ncl;
	for (ns = 0, i = 0; i < t->n; i++)
		if (t->v[i].span)
			s[ns++] = &t->v[i];
	qsort(s, ns, sizeof(*s), vote_x_cmp);
	for (i = 0; i < ns; i++) {
		if (i > 0 && s[i]->x == s[i - 1]->x &&
		    s[i]->hi == s[i - 1]->hi) {
			s[i]->cl = s[i - 1]->cl;
			continue;
		}
		c = span_cluster(lo, hi, t->size, nfull, s[i]->x, s[i]->hi);
		s[i]->cl = c >= 0 ? (size_t)c : t->ncl++;
	}
	free(s);
	free(lo);
	free(hi);
}

/* Cluster the votes; find each cluster's first vote and the majority. */
static void
tally_make(struct tally *t, int rel, double tol)
{
	size_t	i, c;

	t->maj = -1;
	t->nrel = 0;
	tally_cluster(t, rel, tol);
	memset(t->size, 0, (t->n + 1) * sizeof(*t->size));
	t->first = xreallocarray(NULL, t->ncl + 1, sizeof(*t->first));
	for (c = 0; c < t->ncl; c++)
		t->first[c] = t->n;
	for (i = 0; i < t->n; i++) {
		c = t->v[i].cl;
		if (t->size[c]++ == 0)
			t->first[c] = i;
	}
	for (c = 0; c < t->ncl; c++)
		if (t->size[c] * 2 > t->n)
			t->maj = (int)c;
	for (i = 0; i < t->n && t->maj >= 0 && t->nrel < REL_MAX; i++)
		if (t->v[i].cl == (size_t)t->maj)
			t->rel[t->nrel++] = i;
}

/* Append "file:line, file:line and N more" for the votes idx[]. */
static void
put_locs(struct buf *b, const struct tally *t, const size_t *idx, size_t n,
    size_t more)
{
	size_t	i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s:%u", i > 0 ? ", " : "", t->v[idx[i]].file,
		    t->v[idx[i]].line);
	if (more > 0)
		buf_printf(b, " and %zu more", more);
}

static void
relate(struct finding *f, const struct tally *t, const size_t *idx,
    size_t n, size_t more)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		diag_related(f, t->v[idx[i]].file, t->v[idx[i]].line,
		    t->v[idx[i]].column, t->v[idx[i]].val);
		f->rel[f->nrel - 1].x = t->v[idx[i]].x;
	}
	f->relmore = more;
}

/*
 * The vote behind a finding, for the report's charts: what was voted
 * on, the source's value, and the majority when there is one.
 */
static void
vote_mark(struct finding *f, const struct tally *t, const struct vote *v,
    const char *group, enum axis ax)
{
	const struct vote	*o;
	char			 lab[128];

	if (t->maj < 0) {
		diag_vote(f, group, ax, v->x, t->n, NULL, 0);
		return;
	}
	o = &t->v[t->first[t->maj]];
	snprintf(lab, sizeof(lab), "%s (%zu of %zu sources)", o->val,
	    t->size[t->maj], t->n);
	diag_vote(f, group, ax, v->x, t->n, lab, o->x);
}

/* The votes after the first, up to REL_MAX: a group finding's others. */
static size_t
others(const struct tally *t, size_t *idx)
{
	size_t	i;

	for (i = 1; i < t->n && i <= REL_MAX; i++)
		idx[i - 1] = i;
	return i - 1;
}

struct clcount {
	size_t	size;
	size_t	first;
};

static int
clcount_cmp(const void *a, const void *b)
{
	const struct clcount	*x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* "v (n), v (n) and N more values": most common first. */
static void
put_values(struct buf *b, const struct tally *t)
{
	struct clcount	*c;
	size_t		 i;

	c = xreallocarray(NULL, t->ncl + 1, sizeof(*c));
	for (i = 0; i < t->ncl; i++) {
		c[i].size = t->size[i];
		c[i].first = t->first[i];
	}
	qsort(c, t->ncl, sizeof(*c), clcount_cmp);
	for (i = 0; i < t->ncl && i < VAL_MAX; i++)
		buf_printf(b, "%s%s (%zu)", i > 0 ? ", " : "",
		    t->v[c[i].first].val, c[i].size);
	if (t->ncl > VAL_MAX)
		buf_printf(b, " and %zu more values", t->ncl - VAL_MAX);
	free(c);
}

static int
rule_field(const struct rule *ru)
{
	const struct param	*p = rule_param(ru, "field");

	if (p == NULL || p->str == NULL)
		return -1;
	return rec_field_by_path(p->str);
}

/* Whether the page of s already voted (as a card or not) in this vote. */
static int
voted(const struct tally *t, const void *page, int card)
{
	size_t	i;

	/* A page's votes are the last ones: sources are in file order. */
	for (i = t->n; i > 0 && t->v[i - 1].page == page; i--)
		if (t->v[i - 1].card == card)
			return 1;
	return 0;
}

/* How the findings of a vote read. */
struct say {
	const struct rule	*ru;
	char			 subject[160];
	const char		*field;
	int			 bench;		/* bench wording */
	enum axis		 ax;		/* of the values, for charts */
};

static void
say_here(struct buf *b, const struct say *s, const struct vote *v)
{
	if (s->bench)
		buf_adds(b, " here");
	else {
		buf_adds(b, " in ");
		put_where(b, v);
		buf_adds(b, " here");
	}
}

static struct finding *
say_add(const struct say *s, const struct tally *t, struct diag *d,
    const struct vote *v, struct buf *b)
{
	struct finding	*f;

	buf_addc(b, '\0');
	f = diag_add(d, s->ru->id, s->ru->sev, v->file, v->line, v->column,
	    s->field, v->val, v->raw, "%s", b->p);
	vote_mark(f, t, v, s->subject, s->ax);
	return f;
}

/* A source against the other one of a pair. */
static void
say_pair(const struct say *s, const struct tally *t, struct diag *d)
{
	const struct vote	*v, *o;
	struct finding		*f;
	struct buf		 b = { 0 };
	size_t			 i, j;

	for (i = 0; i < 2; i++) {
		v = &t->v[i];
		j = 1 - i;
		o = &t->v[j];
		b.len = 0;
		if (s->bench)
			buf_printf(&b, "%s is %s here but %s in %s:%u",
			    s->subject, v->val, o->val, o->file, o->line);
		else {
			buf_printf(&b, "%s is %s in ", s->subject, v->val);
			put_where(&b, v);
			buf_printf(&b, " here, but other sources say %s "
			    "(%s:%u)", o->val, o->file, o->line);
		}
		f = say_add(s, t, d, v, &b);
		relate(f, t, &j, 1, 0);
	}
	buf_free(&b);
}

/* Each source outside the consensus, or the group when there is none. */
static void
say_votes(const struct say *s, const struct tally *t, struct diag *d)
{
	const struct vote	*v, *o;
	struct finding		*f;
	struct buf		 b = { 0 };
	size_t			 i, idx[REL_MAX], n, more;

	if (t->ncl < 2)
		return;
	if (t->maj < 0 && t->n == 2) {
		say_pair(s, t, d);
		return;
	}
	if (t->maj < 0) {
		v = &t->v[0];
		n = others(t, idx);
		buf_printf(&b, "%s: no majority among %zu sources: ",
		    s->subject, t->n);
		put_values(&b, t);
		buf_printf(&b, "; %s", v->val);
		say_here(&b, s, v);
		buf_adds(&b, " (others: ");
		put_locs(&b, t, idx, n, t->n - 1 - n);
		buf_addc(&b, ')');
		f = say_add(s, t, d, v, &b);
		relate(f, t, idx, n, t->n - 1 - n);
		buf_free(&b);
		return;
	}
	o = &t->v[t->first[t->maj]];
	more = t->size[t->maj] - t->nrel;
	for (i = 0; i < t->n; i++) {
		v = &t->v[i];
		if (v->cl == (size_t)t->maj)
			continue;
		b.len = 0;
		buf_printf(&b, "%s is %s", s->subject, v->val);
		say_here(&b, s, v);
		buf_printf(&b, ", but %zu of %zu sources say %s (",
		    t->size[t->maj], t->n, o->val);
		put_locs(&b, t, t->rel, t->nrel, more);
		buf_addc(&b, ')');
		f = say_add(s, t, d, v, &b);
		relate(f, t, t->rel, t->nrel, more);
	}
	buf_free(&b);
}

/* Vote on fid among the sources of a group; report the dissent. */
static void
conflict(const struct rule *ru, struct group *g, int fid, struct tally *t,
    struct diag *d)
{
	struct say	 s;
	struct src	*e;
	struct vote	*v;
	double		 tol = rule_num(ru, "tolerance", 0.025);
	double		 days = rule_num(ru, "days", 3);
	double		 lo, hi;
	size_t		 i;

	tally_reset(t);
	for (i = 0; i < g->n; i++) {
		e = &g->v[i];
		/* One source per page and model: its first statement. */
		if (voted(t, e->r, e->card != NULL) || !src_value(e, fid))
			continue;
		if (fid == F_RELEASED) {
			/* Not a date: it agrees with anything. */
			if (date_span(e->str, &lo, &hi) == -1)
				continue;
		} else
			lo = hi = e->num;
		v = src_vote(t, g, e);
		v->x = lo;
		v->hi = hi;
		v->span = lo != hi;
		if (fid == F_RELEASED)
			snprintf(v->val, sizeof(v->val), "%s", e->str);
		else
			fmt_num(fid, e->num, v->val, sizeof(v->val));
	}
	if (t->n < 2)
		return;
	tally_make(t, fid != F_RELEASED, fid == F_RELEASED ? days : tol);
	memset(&s, 0, sizeof(s));
	s.ru = ru;
	s.field = rec_fields[fid].path;
	if (fid == F_RELEASED)
		s.ax = AXIS_DAY;
	else if (fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT)
		s.ax = AXIS_LOG;
	else
		s.ax = AXIS_NUM;
	snprintf(s.subject, sizeof(s.subject), "%s of %s",
	    rec_fields[fid].path, g->v[0].key);
	say_votes(&s, t, d);
}

/* The sources within factor of a median: counted, the first listed. */
struct near {
	double	med;
	size_t	count;
	size_t	idx[REL_MAX];
	size_t	n;
};

/*
 * The median of the sorted values s[] without s[p]: the median moves
 * by at most one place, so each source's costs O(1).
 */
static double
median_without(struct vote *const *s, size_t n, size_t p)
{
	size_t	m = n - 1, a, b;

	a = m % 2 ? m / 2 : m / 2 - 1;
	b = m / 2;
	a = a < p ? a : a + 1;
	b = b < p ? b : b + 1;
	return (s[a]->x + s[b]->x) / 2;
}

/*
 * The sources near med.  Medians without one source take at most three
 * values, so a small cache makes every lookup but three O(1).
 */
static const struct near *
near_get(struct near *cache, size_t *nc, const struct tally *t, double med,
    double factor)
{
	struct near	*c;
	size_t		 i;

	for (i = 0; i < *nc; i++)
		if (cache[i].med == med)
			return &cache[i];
	c = &cache[*nc < 3 ? (*nc)++ : 2];
	memset(c, 0, sizeof(*c));
	c->med = med;
	for (i = 0; i < t->n; i++) {
		if (t->v[i].x > med * factor || t->v[i].x < med / factor)
			continue;
		if (c->n < REL_MAX)
			c->idx[c->n++] = i;
		c->count++;
	}
	return c;
}

/* The chart's consensus for prices: the median of every source. */
static void
outlier_mark(struct finding *f, const struct tally *t, const struct vote *v,
    double mall, int fi, const char *key)
{
	char	grp[160], lab[128], val[64];
	int	fid = fi == 0 ? F_PRICE_INPUT : F_PRICE_OUTPUT;

	snprintf(grp, sizeof(grp), "%s of %s", rec_fields[fid].path, key);
	/* A pair has no consensus beyond the other source. */
	if (t->n < 3) {
		diag_vote(f, grp, AXIS_LOG, v->x, t->n, NULL, 0);
		return;
	}
	fmt_num(fid, mall, val, sizeof(val));
	snprintf(lab, sizeof(lab), "median %s of %zu sources", val, t->n);
	diag_vote(f, grp, AXIS_LOG, v->x, t->n, lab, mall);
}

static void
outlier_add(const struct rule *ru, const struct tally *t, size_t i,
    double med, double mall, const struct near *nr, int fi,
    const char *key, struct diag *d)
{
	const struct vote	*v = &t->v[i];
	struct finding		*f;
	struct buf		 b = { 0 };
	double			 factor = rule_num(ru, "factor", 5);
	double			 slip;

	buf_printf(&b, "%s price of %s is %s per 1M ", fi == 0 ? "input" :
	    "output", key, v->val);
	if (v->who != NULL)
		buf_printf(&b, "at %s ", v->who);
	buf_printf(&b, "here, %.1fx %s the median $%.4g of %zu other "
	    "source%s", v->x > med ? v->x / med : med / v->x, v->x > med ?
	    "above" : "below", med, t->n - 1, t->n == 2 ? "" : "s");
	/* A ratio of a power of ten is a unit or decimal slip (per token,
	   per 1K or per 1M; a dropped zero), so say so. */
	slip = log10(v->x > med ? v->x / med : med / v->x);
	if (slip >= 0.95 && fabs(slip - round(slip)) < 0.05)
		buf_printf(&b, " (off by 1e%.0f: a unit or decimal "
		    "slip?)", round(slip));
	/* A pair has no consensus beyond the other source. */
	if (t->n > 2)
		buf_printf(&b, "; %zu of %zu sources %s within %gx of it",
		    nr->count, t->n, nr->count == 1 ? "is" : "are", factor);
	if (t->n > 2 && nr->n > 0) {
		buf_adds(&b, " (");
		put_locs(&b, t, nr->idx, nr->n, nr->count - nr->n);
		buf_addc(&b, ')');
	}
	buf_addc(&b, '\0');
	f = diag_add(d, ru->id, ru->sev, v->file, v->line, v->column,
	    rec_fields[fi == 0 ? F_PRICE_INPUT : F_PRICE_OUTPUT].path,
	    v->val, NULL, "%s", b.p);
	relate(f, t, nr->idx, nr->n, nr->count - nr->n);
	outlier_mark(f, t, v, mall, fi, key);
	buf_free(&b);
}

/* How many of the sorted votes s[0..n) lie within factor of x. */
static size_t
within(struct vote *const *s, size_t n, double x, double factor)
{
	size_t	lo = 0, hi = n, a, mid;

	while (lo < hi) {		/* first >= x / factor */
		mid = lo + (hi - lo) / 2;
		if (s[mid]->x < x / factor)
			lo = mid + 1;
		else
			hi = mid;
	}
	a = lo;
	hi = n;
	while (lo < hi) {		/* first > x * factor */
		mid = lo + (hi - lo) / 2;
		if (s[mid]->x <= x * factor)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - a;
}

/* A source's price far from the median of the other sources. */
static void
outlier(const struct rule *ru, struct group *g, struct tally *t,
    struct diag *d)
{
	static const int fids[2] = { F_PRICE_INPUT, F_PRICE_OUTPUT };
	struct near	 cache[3];
	struct vote	**s;
	struct vote	*v;
	struct src	*e;
	double		 med, mall, factor = rule_num(ru, "factor", 5);
	size_t		 i, nc;
	int		 fi;

	for (fi = 0; fi < 2; fi++) {
		tally_reset(t);
		for (i = 0; i < g->n; i++) {
			e = &g->v[i];
			if (voted(t, e->r, e->card != NULL) ||
			    !src_value(e, fids[fi]) || !(e->num > 0))
				continue;
			v = src_vote(t, g, e);
			v->x = v->hi = e->num;
			fmt_num(fids[fi], e->num, v->val, sizeof(v->val));
		}
		if (t->n < 2)
			continue;
		s = xreallocarray(NULL, t->n, sizeof(*s));
		for (i = 0; i < t->n; i++)
			s[i] = &t->v[i];
		qsort(s, t->n, sizeof(*s), vote_x_cmp);
		for (i = 0; i < t->n; i++)
			s[i]->cl = i;	/* its place in value order */
		mall = (s[(t->n - 1) / 2]->x + s[t->n / 2]->x) / 2;
		nc = 0;
		for (i = 0; i < t->n; i++) {
			v = &t->v[i];
			med = median_without(s, t->n, v->cl);
			if (v->x <= med * factor && v->x >= med / factor)
				continue;
			/* Most sources agree with it: the others' median is
			   pulled away by the few that do not ({2.5, 2.5,
			   2500}: only 2500 is the outlier). */
			if (2 * within(s, t->n, v->x, factor) > t->n)
				continue;
			outlier_add(ru, t, i, med, mall, near_get(cache, &nc,
			    t, med, factor), fi, g->v[0].key, d);
		}
		free(s);
	}
}

/* One page's statement in a group: a score, or a feature's support. */
struct stmt {
	const char		*name;		/* benchmark or feature */
	const char		*variant;	/* NULL if none */
	const struct summary	*r;
	size_t			 ord;		/* the page's place */
	const struct bench	*b;
	const struct item	*it;
	int			 pol;		/* features: 1 supported */
};

static int
casecmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcasecmp(a, b);
}

static int
stmt_cmp(const void *a, const void *b)
{
	const struct stmt	*x = a, *y = b;
	int			 c;

	if ((c = strcasecmp(x->name, y->name)) != 0 ||
	    (c = casecmp_null(x->variant, y->variant)) != 0)
		return c;
	if (x->ord != y->ord)
		return x->ord < y->ord ? -1 : 1;
	if (x->pol != y->pol)
		return y->pol - x->pol;
	if (x->b != NULL)
		return x->b < y->b ? -1 : x->b > y->b;
	return x->it < y->it ? -1 : x->it > y->it;
}

static int
stmt_same(const struct stmt *x, const struct stmt *y)
{
	return strcasecmp(x->name, y->name) == 0 &&
	    casecmp_null(x->variant, y->variant) == 0;
}

/* Sort the statements and vote on each run of the same item. */
static void
vote_runs(const struct rule *ru, struct stmt *e, size_t n, const char *key,
    struct tally *t, struct diag *d, void (*vote)(const struct rule *,
    const struct stmt *, size_t, const char *, struct tally *,
    struct diag *))
{
	size_t	i, k;

	if (n > 1)
		qsort(e, n, sizeof(*e), stmt_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && stmt_same(&e[i], &e[k]); k++)
			;
		if (k - i > 1)
			vote(ru, &e[i], k - i, key, t, d);
	}
}

static void
bench_vote(const struct rule *ru, const struct stmt *e, size_t n,
    const char *key, struct tally *t, struct diag *d)
{
	struct say	 s;
	struct vote	*v;
	size_t		 i;

	tally_reset(t);
	for (i = 0; i < n; i++) {
		if (voted(t, e[i].r, 0))
			continue;
		v = vote_add(t);
		v->page = e[i].r;
		v->file = e[i].r->file;
		v->line = e[i].b->line;
		v->column = e[i].b->column;
		v->raw = e[i].b->raw;
		v->x = v->hi = e[i].b->score;
		snprintf(v->val, sizeof(v->val), "%g", e[i].b->score);
	}
	if (t->n < 2)
		return;
	tally_make(t, 0, rule_num(ru, "tolerance", 2));
	memset(&s, 0, sizeof(s));
	s.ru = ru;
	s.field = "benchmarks.score";
	s.bench = 1;
	s.ax = AXIS_NUM;
	snprintf(s.subject, sizeof(s.subject), "%s %s%s%s score", key,
	    e[0].b->name, e[0].variant != NULL ? " " : "",
	    e[0].variant != NULL ? e[0].variant : "");
	say_votes(&s, t, d);
}

/* Scores of one benchmark and variant, voted on by the group's pages. */
static void
bench_conflict(const struct rule *ru, struct group *g, struct tally *t,
    struct diag *d)
{
	struct stmt	*e = NULL;
	size_t		 n = 0, cap = 0, i, j;

	for (i = 0; i < g->n; i++) {
		if (g->v[i].card != NULL)
			continue;
		for (j = 0; j < g->v[i].r->nbench; j++) {
			if (!g->v[i].r->bench[j].has_score)
				continue;
			xgrow(&e, &cap, n + 1, sizeof(*e));
			memset(&e[n], 0, sizeof(*e));
			e[n].name = g->v[i].r->bench[j].name;
			e[n].variant = g->v[i].r->bench[j].variant;
			e[n].r = g->v[i].r;
			e[n].ord = i;
			e[n].b = &g->v[i].r->bench[j];
			n++;
		}
	}
	vote_runs(ru, e, n, g->v[0].key, t, d, bench_vote);
	free(e);
}

static struct finding *
cap_add(const struct rule *ru, const struct tally *t, const struct vote *v,
    const char *grp, struct buf *b, struct diag *d)
{
	struct finding	*f;

	buf_addc(b, '\0');
	f = diag_add(d, ru->id, ru->sev, v->file, v->line, v->column,
	    v->x > 0 ? "features" : "features_unsupported", v->name, NULL,
	    "%s", b->p);
	vote_mark(f, t, v, grp, AXIS_YESNO);
	return f;
}

/* Two pages, one listing a feature and one marking it unsupported. */
static void
cap_pair(const struct rule *ru, const struct tally *t, const char *key,
    const char *grp, struct diag *d)
{
	const struct vote	*v, *o;
	struct finding		*f;
	struct buf		 b = { 0 };
	size_t			 i, j;

	if (t->v[0].page == t->v[1].page)
		return;
	for (i = 0; i < 2; i++) {
		v = &t->v[i];
		j = 1 - i;
		o = &t->v[j];
		b.len = 0;
		if (v->x > 0)
			buf_printf(&b, "%s lists %s as supported here, but "
			    "%s:%u marks %s \"Not supported\"", key, v->name,
			    o->file, o->line, o->name);
		else
			buf_printf(&b, "%s marks %s \"Not supported\" here, "
			    "but %s:%u lists %s as supported", key, v->name,
			    o->file, o->line, o->name);
		f = cap_add(ru, t, v, grp, &b, d);
		relate(f, t, &j, 1, 0);
	}
	buf_free(&b);
}

/* Each page against the consensus on one feature, or the group. */
static void
cap_report(const struct rule *ru, const struct tally *t, const char *key,
    const char *grp, struct diag *d)
{
	const struct vote	*v, *o;
	struct finding		*f;
	struct buf		 b = { 0 };
	size_t			 i, idx[REL_MAX], n, more, yes;

	if (t->ncl < 2)
		return;
	if (t->maj < 0 && t->n == 2) {
		cap_pair(ru, t, key, grp, d);
		return;
	}
	if (t->maj < 0) {
		v = &t->v[0];
		n = others(t, idx);
		for (yes = 0, i = 0; i < t->n; i++)
			yes += t->v[i].x > 0;
		buf_printf(&b, "%s: no majority on %s among %zu sources: %zu "
		    "list it as supported, %zu mark it \"Not supported\"; %s "
		    "here (others: ", key, v->name, t->n, yes, t->n - yes,
		    v->x > 0 ? "listed as supported" : "marked \"Not "
		    "supported\"");
		put_locs(&b, t, idx, n, t->n - 1 - n);
		buf_addc(&b, ')');
		f = cap_add(ru, t, v, grp, &b, d);
		relate(f, t, idx, n, t->n - 1 - n);
		buf_free(&b);
		return;
	}
	o = &t->v[t->first[t->maj]];
	more = t->size[t->maj] - t->nrel;
	for (i = 0; i < t->n; i++) {
		v = &t->v[i];
		if (v->cl == (size_t)t->maj)
			continue;
		b.len = 0;
		if (v->x > 0)
			buf_printf(&b, "%s lists %s as supported here, but "
			    "%zu of %zu sources mark %s \"Not supported\" (",
			    key, v->name, t->size[t->maj], t->n, o->name);
		else
			buf_printf(&b, "%s marks %s \"Not supported\" here, "
			    "but %zu of %zu sources list %s as supported (",
			    key, v->name, t->size[t->maj], t->n, o->name);
		put_locs(&b, t, t->rel, t->nrel, more);
		buf_addc(&b, ')');
		f = cap_add(ru, t, v, grp, &b, d);
		relate(f, t, t->rel, t->nrel, more);
	}
	buf_free(&b);
}

static void
cap_vote(const struct rule *ru, const struct stmt *e, size_t n,
    const char *key, struct tally *t, struct diag *d)
{
	struct vote	*v;
	char		 grp[160];
	size_t		 i, j;

	tally_reset(t);
	for (i = 0; i < n; i++) {
		/* One vote per page and side: its first statement. */
		for (j = t->n; j > 0 && t->v[j - 1].page == e[i].r; j--)
			if (t->v[j - 1].x == e[i].pol)
				break;
		if (j > 0 && t->v[j - 1].page == e[i].r)
			continue;
		v = vote_add(t);
		v->page = e[i].r;
		v->file = e[i].r->file;
		v->line = e[i].it->line;
		v->column = e[i].it->column;
		v->name = e[i].it->name;
		v->x = v->hi = e[i].pol;
		snprintf(v->val, sizeof(v->val), "%s", e[i].it->name);
	}
	if (t->n < 2)
		return;
	tally_make(t, 0, 0);
	snprintf(grp, sizeof(grp), "%s of %s", e[0].name, key);
	cap_report(ru, t, key, grp, d);
}

/*
 * Features listed as supported against features marked "Not
 * supported", by canonical name: each name is looked up once, then the
 * statements are sorted by it.
 */
static void
capability(const struct rule *ru, const struct profiles *ps,
    struct group *g, struct tally *t, struct diag *d)
{
	const struct vocab	*vo = profiles_vocab(ps, "features");
	const struct itemlist	*lists[3];
	const struct summary	*r;
	const char		*cn;
	struct stmt		*e = NULL;
	size_t			 n = 0, cap = 0, i, j, l;

	for (i = 0; i < g->n; i++) {
		if (g->v[i].card != NULL)
			continue;
		r = g->v[i].r;
		lists[0] = &r->features;
		lists[1] = &r->capabilities;
		lists[2] = &r->unsupported;
		for (l = 0; l < 3; l++)
			for (j = 0; j < lists[l]->n; j++) {
				xgrow(&e, &cap, n + 1, sizeof(*e));
				memset(&e[n], 0, sizeof(*e));
				cn = vocab_canon(vo, lists[l]->v[j].name);
				e[n].name = cn != NULL ? cn :
				    lists[l]->v[j].name;
				e[n].r = r;
				e[n].ord = i;
				e[n].it = &lists[l]->v[j];
				e[n].pol = l < 2;
				n++;
			}
	}
	vote_runs(ru, e, n, g->v[0].key, t, d, cap_vote);
	free(e);
}

/* ---- one catalogue entry twice ---- */

/* A catalogue entry of a group: where it stands and what it is named. */
struct dup {
	const struct summary	*r;
	const char		*who;
	const char		*name;
	unsigned		 line;
	size_t			 ord;
};

static int
dup_cmp(const void *a, const void *b)
{
	const struct dup	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->r->file, y->r->file)) != 0)
		return c;
	if ((c = strcmp(x->who, y->who)) != 0)
		return c;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Which of two entries of one model under two names is the odd one: 1
 * for b, 0 for a, the one farther from the median of every other source
 * of the model; 2 for both when there is no other source to tell.
 */
static int
dup_odd(const struct group *g, const struct summary *a,
    const struct summary *b, int fid, double xa, double xb)
{
	const struct sval	*v;
	double			*x, med;
	size_t			 i, n = 0;

	x = xreallocarray(NULL, g->n, sizeof(*x));
	for (i = 0; i < g->n; i++)
		if (g->v[i].card == NULL && g->v[i].r != a && g->v[i].r != b &&
		    (v = summary_get(g->v[i].r, fid)) != NULL && v->num > 0)
			x[n++] = v->num;
	if (n == 0) {
		free(x);
		return 2;
	}
	qsort(x, n, sizeof(*x), dbl_cmp);
	med = n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
	free(x);
	return fabs(log(xb / med)) >= fabs(log(xa / med));
}

/* The finding at entry b, naming a. */
static void
dup_say(const struct rule *ru, const struct group *g, const struct dup *a,
    const struct dup *b, int fid, struct diag *d)
{
	const struct sval	*va = summary_get(a->r, fid);
	const struct sval	*vb = summary_get(b->r, fid);
	struct finding		*f;
	double			 q;
	char			 sa[64], sb[64];

	q = va->num > vb->num ? va->num / vb->num : vb->num / va->num;
	fmt_num(fid, va->num, sa, sizeof(sa));
	fmt_num(fid, vb->num, sb, sizeof(sb));
	if (strcmp(a->name, b->name) == 0)
		f = diag_add(d, ru->id, ru->sev, b->r->file, vb->line,
		    vb->column, rec_fields[fid].path, sb, NULL, "the entry "
		    "\"%s\" is in this catalogue twice with different %s: %s "
		    "here, %s at line %u (readers differ on which one they "
		    "keep)", b->name, rec_fields[fid].path, sb, sa,
		    va->line);
	else
		f = diag_add(d, ru->id, ru->sev, b->r->file, vb->line,
		    vb->column, rec_fields[fid].path, sb, NULL, "\"%s\" and "
		    "\"%s\" (line %u) are one model (%s) at %s, but %s is %s "
		    "here and %s there, %.3gx apart (a unit or decimal "
		    "slip?)", b->name, a->name, va->line, g->v[0].key, b->who,
		    rec_fields[fid].path, sb, sa, q);
	diag_related(f, a->r->file, va->line, va->column, sa);
}

/*
 * Entry b against the earlier entry a on one field.  The same name
 * twice must agree exactly; two names folded to one model only within
 * the factor, and only on prices both give as more than zero.
 */
static void
dup_field(const struct rule *ru, const struct group *g, const struct dup *a,
    const struct dup *b, int fid, struct diag *d)
{
	const struct sval	*va = summary_get(a->r, fid);
	const struct sval	*vb = summary_get(b->r, fid);
	double			 ff = rule_num(ru, "fold_factor", 10), q;
	int			 odd;

	if (va == NULL || vb == NULL || agree_num(va->num, vb->num, 1e-9))
		return;
	if (strcmp(a->name, b->name) == 0) {
		dup_say(ru, g, a, b, fid, d);
		return;
	}
	if (rec_fields[fid].type != FT_MONEY || !(va->num > 0) ||
	    !(vb->num > 0))
		return;
	q = va->num > vb->num ? va->num / vb->num : vb->num / va->num;
	if (q < ff)
		return;
	/* The finding goes on the odd one; on both when nothing tells. */
	odd = dup_odd(g, a->r, b->r, fid, va->num, vb->num);
	if (odd != 0)
		dup_say(ru, g, a, b, fid, d);
	if (odd != 1)
		dup_say(ru, g, b, a, fid, d);
}

static void
dup_pair(const struct rule *ru, const struct group *g, const struct dup *a,
    const struct dup *b, struct diag *d)
{
	const struct param	*p = rule_param(ru, "fields");
	size_t			 i;
	int			 fid;

	for (i = 0; p != NULL && i < p->nlist; i++)
		if ((fid = rec_field_by_path(p->list[i])) >= 0)
			dup_field(ru, g, a, b, fid, d);
}

/*
 * Entries of one catalogue file at one provider that share a model key:
 * sorted by file, provider and name, each entry is compared with the
 * first of its name (the same entry twice) and the first of each other
 * name with the first of its provider (one model under two names).
 */
static void
duplicate(const struct rule *ru, struct group *g, struct diag *d)
{
	struct dup	*e;
	const char	*who, *name;
	size_t		 n = 0, i, p0, n0;

	e = xreallocarray(NULL, g->n, sizeof(*e));
	for (i = 0; i < g->n; i++) {
		if ((who = src_who(g, &g->v[i])) == NULL ||
		    (name = summary_str(g->v[i].r, F_MODEL_NAME)) == NULL)
			continue;
		e[n].r = g->v[i].r;
		e[n].who = who;
		e[n].name = name;
		e[n].line = summary_get(g->v[i].r, F_MODEL_NAME)->line;
		e[n].ord = i;
		n++;
	}
	if (n > 1)
		qsort(e, n, sizeof(*e), dup_cmp);
	for (i = 1, p0 = n0 = 0; i < n; i++) {
		if (strcmp(e[i].r->file, e[p0].r->file) != 0 ||
		    strcmp(e[i].who, e[p0].who) != 0) {
			p0 = n0 = i;
			continue;
		}
		if (strcmp(e[i].name, e[n0].name) == 0) {
			dup_pair(ru, g, &e[n0], &e[i], d);
			continue;
		}
		n0 = i;
		dup_pair(ru, g, &e[p0], &e[i], d);
	}
	free(e);
}

static void
run_group(const struct catalog *cat, const struct profiles *ps,
    struct group *g, struct tally *t, struct diag *d)
{
	const struct rule	*ru;
	size_t			 i;
	int			 fid;

	for (i = 0; i < cat->n; i++) {
		ru = &cat->v[i];
		if (!ru->enabled || !ru->corpus)
			continue;
		if (strcmp(ru->kindname, "corpus-conflict") == 0) {
			if ((fid = rule_field(ru)) >= 0)
				conflict(ru, g, fid, t, d);
		} else if (strcmp(ru->kindname, "corpus-price-outlier") == 0)
			outlier(ru, g, t, d);
		else if (strcmp(ru->kindname, "corpus-bench") == 0)
			bench_conflict(ru, g, t, d);
		else if (strcmp(ru->kindname, "corpus-capability") == 0)
			capability(ru, ps, g, t, d);
		else if (strcmp(ru->kindname, "corpus-duplicate") == 0)
			duplicate(ru, g, d);
	}
}

struct corpus_groups {
	struct src	*v;		/* every source, by model key */
	size_t		*at;		/* groups of two or more: v[at[i]] */
	size_t		*len;
	size_t		 n;
	const struct profiles *ps;
};

struct corpus_tally {
	struct tally	t;
};

struct corpus_groups *
corpus_groups(const struct profiles *ps, struct summary *const *recs,
    size_t n)
{
	struct corpus_groups	*cg = xcalloc(1, sizeof(*cg));
	struct src		*v = NULL;
	const char		*key;
	size_t			 nv = 0, cap = 0, gcap = 0, i, j, k;

	cg->ps = ps;
	for (i = 0; i < n; i++) {
		key = summary_str(recs[i], F_MODEL_KEY);
		if (key != NULL) {
			xgrow(&v, &cap, nv + 1, sizeof(*v));
			memset(&v[nv], 0, sizeof(*v));
			v[nv].key = key;
			v[nv].r = recs[i];
			nv++;
		}
		for (j = 0; j < recs[i]->nrel; j++) {
			if (recs[i]->rel[j].key == NULL || (key != NULL &&
			    strcmp(recs[i]->rel[j].key, key) == 0))
				continue;
			xgrow(&v, &cap, nv + 1, sizeof(*v));
			memset(&v[nv], 0, sizeof(*v));
			v[nv].key = recs[i]->rel[j].key;
			v[nv].r = recs[i];
			v[nv].card = &recs[i]->rel[j];
			v[nv].line = recs[i]->rel[j].line;
			nv++;
		}
	}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), src_cmp);
	for (i = 0; i < nv; i = k) {
		for (k = i + 1; k < nv && strcmp(v[k].key, v[i].key) == 0;
		    k++)
			;
		if (k - i < 2)
			continue;
		if (cg->n == gcap) {
			gcap = gcap == 0 ? 64 : 2 * gcap;
			cg->at = xreallocarray(cg->at, gcap, sizeof(*cg->at));
			cg->len = xreallocarray(cg->len, gcap,
			    sizeof(*cg->len));
		}
		cg->at[cg->n] = i;
		cg->len[cg->n++] = k - i;
	}
	cg->v = v;
	return cg;
}

size_t
corpus_ngroups(const struct corpus_groups *cg)
{
	return cg->n;
}

size_t
corpus_group_size(const struct corpus_groups *cg, size_t i)
{
	return cg->len[i];
}

struct corpus_tally *
corpus_tally_new(void)
{
	return xcalloc(1, sizeof(struct corpus_tally));
}

void
corpus_tally_free(struct corpus_tally *ct)
{
	if (ct == NULL)
		return;
	tally_free(&ct->t);
	free(ct);
}

void
corpus_group(const struct catalog *cat, const struct corpus_groups *cg,
    size_t i, struct corpus_tally *ct, struct diag *d)
{
	struct group	g;

	g.v = &cg->v[cg->at[i]];
	g.n = cg->len[i];
	g.ps = cg->ps;
	run_group(cat, cg->ps, &g, &ct->t, d);
}

void
corpus_groups_free(struct corpus_groups *cg)
{
	if (cg == NULL)
		return;
	free(cg->v);
	free(cg->at);
	free(cg->len);
	free(cg);
}

void
corpus_run(const struct catalog *cat, const struct profiles *ps,
    struct summary *const *recs, size_t n, struct diag *d,
    void (*flush)(void *, struct diag *), void *arg)
{
	struct corpus_groups	*cg = corpus_groups(ps, recs, n);
	struct corpus_tally	*ct = corpus_tally_new();
	size_t			 i;

	for (i = 0; i < cg->n; i++) {
		corpus_group(cat, cg, i, ct, d);
		if (flush != NULL)
			flush(arg, d);
	}
	corpus_tally_free(ct);
	corpus_groups_free(cg);
}
