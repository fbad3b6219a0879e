/*
 * corpus.c: rules that compare pages with each other.
 *
 * Every record is evidence about its own model (model.key) and, through
 * its related-model cards, about other models.  Sources are grouped by
 * key; within a group a value that disagrees with the others is reported
 * on the page that holds it, naming every other source.  With three or
 * more sources and a strict majority, only the minority is reported and
 * the message gives the majority value.  Sentinels and missing values
 * never count as a source.
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

/* One statement about one model. */
struct src {
	const char		*key;
	const struct summary	*r;	/* the page holding it */
	const struct related	*card;	/* NULL: the page's own model */
	unsigned		 line;
	unsigned		 column;
	int			 has;
	double			 num;
	const char		*str;
	int			 cluster;
};

struct group {
	struct src	*v;
	size_t		 n;
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

	s->has = 0;
	if (s->card != NULL) {
		const struct related *c = s->card;

		s->line = c->line;
		s->column = c->column;
		if (fid == F_CONTEXT && c->has_context)
			s->num = c->context, s->has = 1;
		else if (fid == F_MAX_OUTPUT && c->has_max_output)
			s->num = c->max_output, s->has = 1;
		else if (fid == F_PRICE_INPUT && c->has_input)
			s->num = c->input, s->has = 1;
		else if (fid == F_PRICE_OUTPUT && c->has_output)
			s->num = c->output, s->has = 1;
		else if (fid == F_RELEASED && c->released != NULL)
			s->str = c->released, s->has = 1;
		return s->has;
	}
	v = summary_get(s->r, fid);
	if (v == NULL)
		return 0;
	s->line = v->line;
	s->column = v->column;
	s->num = v->num;
	s->str = v->str;
	s->has = 1;
	return 1;
}

static int
agree_num(double a, double b, double tol)
{
	double	m = fmax(fabs(a), fabs(b));

	return m == 0 || fabs(a - b) / m <= tol;
}

static int
agree_date(const char *a, const char *b, double days)
{
	long	x, y;

	if (a == NULL || b == NULL || norm_date_serial(a, &x) == -1 ||
	    norm_date_serial(b, &y) == -1)
		return 1;
	/* A month-only date agrees with any day of that month. */
	if (strlen(a) < 10 || strlen(b) < 10)
		return strncmp(a, b, 7) == 0;
	return labs(x - y) <= days;
}

static void
fmt_src(const struct src *s, int fid, char *buf, size_t n)
{
	if (fid == F_RELEASED)
		snprintf(buf, n, "%s", s->str);
	else if (fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT)
		snprintf(buf, n, "$%.4g", s->num);
	else if (fid == F_PARAMS_TOTAL)
		snprintf(buf, n, "%gB", s->num / 1e9);
	else
		snprintf(buf, n, "%.0f", s->num);
}

static const char *
src_where(const struct src *s)
{
	return s->card != NULL ? "a related-model card" : "the page";
}

/*
 * Cluster the sources that state fid; report disagreements.
 */
static void
conflict(const struct rule *ru, struct group *g, int fid, struct diag *d)
{
	struct src	*a[256];
	struct finding	*f;
	size_t		 n = 0, i, j, k, best = 0, bestn = 0, size[256];
	int		 ncl = 0, tie = 0, agree;
	double		 tol = rule_num(ru, "tolerance", 0.025);
	double		 days = rule_num(ru, "days", 3);
	char		 maj[64];
	char		 (*fv)[64];	/* each source's value, formatted */
	struct buf	 others = { 0 };

	for (i = 0; i < g->n && n < 256; i++) {
		/* One source per page and model: its first statement. */
		for (k = 0; k < n; k++)
			if (a[k]->r == g->v[i].r &&
			    (a[k]->card == NULL) == (g->v[i].card == NULL))
				break;
		if (k < n)
			continue;
		if (src_value(&g->v[i], fid))
			a[n++] = &g->v[i];
	}
	if (n < 2)
		return;
	for (i = 0; i < n; i++) {
		a[i]->cluster = -1;
		for (j = 0; j < i && a[i]->cluster == -1; j++) {
			agree = fid == F_RELEASED ? agree_date(a[i]->str,
			    a[j]->str, days) : agree_num(a[i]->num, a[j]->num,
			    tol);
			if (agree)
				a[i]->cluster = a[j]->cluster;
		}
		if (a[i]->cluster == -1)
			a[i]->cluster = ncl++;
	}
	if (ncl < 2)
		return;
	memset(size, 0, sizeof(size));
	for (i = 0; i < n; i++)
		size[a[i]->cluster]++;
	for (k = 0; k < (size_t)ncl; k++) {
		if (size[k] > bestn) {
			bestn = size[k];
			best = k;
			tie = 0;
		} else if (size[k] == bestn)
			tie = 1;
	}
	fv = xcalloc(n, sizeof(*fv));
	for (i = 0; i < n; i++)
		fmt_src(a[i], fid, fv[i], sizeof(fv[i]));
	maj[0] = '\0';
	if (n >= 3 && !tie)
		for (i = 0; i < n; i++)
			if ((size_t)a[i]->cluster == best) {
				memcpy(maj, fv[i], sizeof(maj));
				break;
			}
	for (i = 0; i < n; i++) {
		if (maj[0] != '\0' && (size_t)a[i]->cluster == best)
			continue;
		others.len = 0;
		for (j = 0; j < n; j++) {
			if (j == i || a[j]->cluster == a[i]->cluster)
				continue;
			if (others.len > 0)
				buf_adds(&others, ", ");
			buf_printf(&others, "%s (%s:%u)", fv[j],
			    a[j]->r->file, a[j]->line);
		}
		f = diag_add(d, ru->id, ru->sev, a[i]->r->file, a[i]->line,
		    a[i]->column, rec_fields[fid].path, fv[i], NULL,
		    "%s of %s is %s in %s here, but other sources say %s%s%s",
		    rec_fields[fid].path, a[i]->key, fv[i], src_where(a[i]),
		    others.p, maj[0] != '\0' ? "; majority value: " : "", maj);
		for (j = 0; j < n; j++)
			if (j != i)
				diag_related(f, a[j]->r->file, a[j]->line,
				    a[j]->column, fv[j]);
	}
	free(fv);
	buf_free(&others);
}

static int
rule_field(const struct rule *ru)
{
	const struct param	*p = rule_param(ru, "field");

	if (p == NULL || p->str == NULL)
		return -1;
	return rec_field_by_path(p->str);
}

/* A source's price far from the median of the other sources. */
static int
src_num_cmp(const void *x, const void *y)
{
	const struct src	*a = *(struct src *const *)x;
	const struct src	*b = *(struct src *const *)y;

	return a->num < b->num ? -1 : a->num > b->num;
}

static void
outlier(const struct rule *ru, struct group *g, struct diag *d)
{
	static const int fids[2] = { F_PRICE_INPUT, F_PRICE_OUTPUT };
	struct src	*a[256], *srt[256];
	struct finding	*f;
	double		 other[256], med, factor = rule_num(ru, "factor", 5);
	size_t		 n, m, i, j;
	int		 fi;
	char		 v[64], o[64];

	for (fi = 0; fi < 2; fi++) {
		n = 0;
		for (i = 0; i < g->n && n < 256; i++)
			if (src_value(&g->v[i], fids[fi]) &&
			    g->v[i].num > 0)
				a[n++] = &g->v[i];
		if (n < 2)
			continue;
		/* Sorted once; each source's median skips its own page. */
		for (j = 0; j < n; j++)
			srt[j] = a[j];
		qsort(srt, n, sizeof(*srt), src_num_cmp);
		for (i = 0; i < n; i++) {
			m = 0;
			for (j = 0; j < n; j++)
				if (srt[j]->r != a[i]->r || srt[j]->card !=
				    a[i]->card)
					other[m++] = srt[j]->num;
			if (m == 0)
				continue;
			med = m % 2 ? other[m / 2] : (other[m / 2 - 1] +
			    other[m / 2]) / 2;
			if (a[i]->num <= med * factor &&
			    a[i]->num >= med / factor)
				continue;
			fmt_src(a[i], fids[fi], v, sizeof(v));
			snprintf(o, sizeof(o), "$%.4g", med);
			f = diag_add(d, ru->id, ru->sev, a[i]->r->file,
			    a[i]->line, a[i]->column, rec_fields[fids[fi]].path,
			    v, NULL, "%s price of %s is %s per 1M here, %.1fx "
			    "%s the median %s of %zu other source%s",
			    fi == 0 ? "input" : "output", a[i]->key, v,
			    a[i]->num > med ? a[i]->num / med : med / a[i]->num,
			    a[i]->num > med ? "above" : "below", o, m,
			    m == 1 ? "" : "s");
			for (j = 0; j < n; j++) {
				if (a[j] == a[i])
					continue;
				fmt_src(a[j], fids[fi], o, sizeof(o));
				diag_related(f, a[j]->r->file, a[j]->line,
				    a[j]->column, o);
			}
		}
	}
}

static void
bench_conflict(const struct rule *ru, struct group *g, struct diag *d)
{
	const struct bench	*b, *c;
	struct finding		*f;
	double			 tol = rule_num(ru, "tolerance", 2);
	size_t			 i, j, x, y;
	char			 v[64];

	for (i = 0; i < g->n; i++) {
		if (g->v[i].card != NULL)
			continue;
		for (x = 0; x < g->v[i].r->nbench; x++) {
			b = &g->v[i].r->bench[x];
			if (!b->has_score)
				continue;
			for (j = 0; j < g->n; j++) {
				if (j == i || g->v[j].card != NULL ||
				    g->v[j].r == g->v[i].r)
					continue;
				for (y = 0; y < g->v[j].r->nbench; y++) {
					c = &g->v[j].r->bench[y];
					if (!c->has_score ||
					    strcasecmp(b->name, c->name) != 0 ||
					    (b->variant == NULL) !=
					    (c->variant == NULL) ||
					    (b->variant != NULL &&
					    strcasecmp(b->variant,
					    c->variant) != 0) ||
					    fabs(b->score - c->score) <= tol)
						continue;
					snprintf(v, sizeof(v), "%g", b->score);
					f = diag_add(d, ru->id, ru->sev,
					    g->v[i].r->file, b->line, b->column,
					    "benchmarks.score", v, b->raw,
					    "%s %s%s%s score is %g here but %g "
					    "in %s:%u", g->v[i].key, b->name,
					    b->variant ? " " : "",
					    b->variant ? b->variant : "",
					    b->score, c->score,
					    g->v[j].r->file, c->line);
					snprintf(v, sizeof(v), "%g", c->score);
					diag_related(f, g->v[j].r->file,
					    c->line, c->column, v);
				}
			}
		}
	}
}

static const char *
canon(const struct vocab *vo, const char *name)
{
	const char	*c = vocab_canon(vo, name);

	return c != NULL ? c : name;
}

static const struct item *
find_item(const struct vocab *vo, const struct itemlist *l, const char *cn)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(canon(vo, l->v[i].name), cn) == 0)
			return &l->v[i];
	return NULL;
}

static void
capability(const struct rule *ru, const struct profiles *ps,
    struct group *g, struct diag *d)
{
	const struct vocab	*vo = profiles_vocab(ps, "features");
	const struct summary	*a, *b;
	const struct item	*it, *no;
	const struct itemlist	*lists[2];
	struct finding		*f;
	size_t			 i, j, k, l;
	const char		*cn;

	for (i = 0; i < g->n; i++) {
		a = g->v[i].r;
		if (g->v[i].card != NULL)
			continue;
		lists[0] = &a->features;
		lists[1] = &a->capabilities;
		for (l = 0; l < 2; l++) {
			for (k = 0; k < lists[l]->n; k++) {
				it = &lists[l]->v[k];
				cn = canon(vo, it->name);
				for (j = 0; j < g->n; j++) {
					b = g->v[j].r;
					if (b == a || g->v[j].card != NULL)
						continue;
					no = find_item(vo, &b->unsupported, cn);
					if (no == NULL)
						continue;
					f = diag_add(d, ru->id, ru->sev,
					    a->file, it->line, it->column,
					    "features", it->name, NULL,
					    "%s lists %s as supported here, "
					    "but %s:%u marks %s \"Not "
					    "supported\"", g->v[i].key,
					    it->name, b->file, no->line,
					    no->name);
					diag_related(f, b->file, no->line,
					    no->column, no->name);
					f = diag_add(d, ru->id, ru->sev,
					    b->file, no->line, no->column,
					    "features_unsupported", no->name,
					    NULL, "%s marks %s \"Not supported\""
					    " here, but %s:%u lists %s as "
					    "supported", g->v[j].key, no->name,
					    a->file, it->line, it->name);
					diag_related(f, a->file, it->line,
					    it->column, it->name);
				}
			}
		}
	}
}

static void
run_group(const struct catalog *cat, const struct profiles *ps,
    struct group *g, struct diag *d)
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
				conflict(ru, g, fid, d);
		} else if (strcmp(ru->kindname, "corpus-price-outlier") == 0)
			outlier(ru, g, d);
		else if (strcmp(ru->kindname, "corpus-bench") == 0)
			bench_conflict(ru, g, d);
		else if (strcmp(ru->kindname, "corpus-capability") == 0)
			capability(ru, ps, g, d);
	}
}

void
corpus_run(const struct catalog *cat, const struct profiles *ps,
    struct summary *const *recs, size_t n, struct diag *d,
    void (*flush)(void *, struct diag *), void *arg)
{
	struct src	*v = NULL;
	struct group	 g;
	const char	*key;
	size_t		 nv = 0, cap = 0, i, j, k;

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
		g.v = &v[i];
		g.n = k - i;
		run_group(cat, ps, &g, d);
		if (flush != NULL)
			flush(arg, d);
	}
	free(v);
}
