/*
 * drift.c: the previous refresh and the coverage baseline.
 *
 * Pages are matched across refreshes by (site, model key, provider), not
 * by file name, so a renamed file is the same page.  Coverage is the
 * share of a site's pages that carry each field; a pinned baseline (not
 * just last week) catches slow decay.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "knowledge/catalog.h"
#include "findings/diag.h"
#include "base/afile.h"
#include "rules/drift.h"
#include "base/error.h"
#include "record/record.h"
#include "base/xalloc.h"

static char *
identity(const struct summary *r)
{
	const char	*key = summary_str(r, F_MODEL_KEY);
	const char	*prov = summary_str(r, F_PROVIDER);
	char		*id;

	xasprintf(&id, "%s\t%s\t%s", r->site, key != NULL ? key : r->file,
	    prov != NULL ? prov : "");
	return id;
}

static const struct rule *
enabled(const struct catalog *cat, const char *id)
{
	const struct rule	*r = catalog_find(cat, id);

	return r != NULL && r->enabled ? r : NULL;
}

/*
 * The previous refresh, each record made a summary as it is read (only
 * summaries are compared); it must read back whole: a bad line is an
 * error.
 */
struct old_read {
	struct summary	**v;
	size_t		 n;
	size_t		 cap;
	struct cl_error	*err;
};

static void
got_old(void *arg, struct record *r)
{
	struct old_read	*o = arg;

	xgrow(&o->v, &o->cap, o->n + 1, sizeof(*o->v));
	o->v[o->n++] = record_compact(r);
	record_free(r);
}

static void
bad_old(void *arg, unsigned line, const char *msg)
{
	struct old_read	*o = arg;

	if (o->err->line == 0) {
		o->err->line = line;
		snprintf(o->err->msg, sizeof(o->err->msg), "not a record: %s",
		    msg);
	}
}

static int
load_jsonl(const char *path, struct summary ***out, size_t *n,
    struct cl_error *err)
{
	struct old_read	o = { NULL, 0, 0, err };
	size_t		i;
	int		rc = 0;

	memset(err, 0, sizeof(*err));
	if (record_read_jsonl(path, got_old, bad_old, &o) == -1) {
		cl_error_set(err, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		rc = -1;
	} else if (err->line != 0) {
		snprintf(err->file, sizeof(err->file), "%s", path);
		rc = -1;
	}
	if (rc == -1) {
		for (i = 0; i < o.n; i++)
			summary_free(o.v[i]);
		free(o.v);
		o.v = NULL;
		o.n = 0;
	}
	*out = o.v;
	*n = o.n;
	return rc;
}

static void
fmt(const struct sval *s, enum ftype t, char *buf, size_t n)
{
	if (t == FT_STR || t == FT_DATE || t == FT_CURRENCY)
		snprintf(buf, n, "%s", s->str != NULL ? s->str : "");
	else if (t == FT_MONEY && s->num >= 1e4)
		snprintf(buf, n, "$%.0f", s->num);	/* not $1.5e+04 */
	else if (t == FT_MONEY)
		snprintf(buf, n, "$%.4g", s->num);
	else if (t == FT_BOOL)
		snprintf(buf, n, "%s", s->num != 0 ? "true" : "false");
	else
		snprintf(buf, n, "%.15g", s->num);
}

static void
compare(const struct catalog *cat, const struct summary *old,
    const struct summary *cur, struct diag *d)
{
	const struct rule	*pc = enabled(cat, "drift.price-change");
	const struct rule	*fl = enabled(cat, "drift.field-lost");
	const struct sval	*a, *b;
	struct finding		*f;
	double			 max;
	int			 fid;
	char			 va[64], vb[64];

	for (fid = 0; pc != NULL && fid < F__COUNT; fid++) {
		if (rec_fields[fid].type != FT_MONEY)
			continue;
		a = summary_get(old, fid);
		b = summary_get(cur, fid);
		max = rule_num(pc, "max_change", 0.5);
		if (a == NULL || b == NULL || a->num <= 0 ||
		    fabs(b->num - a->num) / a->num <= max)
			continue;
		fmt(a, FT_MONEY, va, sizeof(va));
		fmt(b, FT_MONEY, vb, sizeof(vb));
		f = diag_add(d, pc->id, pc->sev, cur->file, b->line, b->column,
		    rec_fields[fid].path, vb, b->raw, "%s moved from %s to %s "
		    "(%+.0f%%) since the previous refresh (%s:%u); more than "
		    "%.0f%%", rec_fields[fid].path, va, vb,
		    (b->num - a->num) / a->num * 100, old->file, a->line,
		    max * 100);
		diag_related(f, old->file, a->line, a->column, va);
	}
	for (fid = 0; fl != NULL && fid < F__COUNT; fid++) {
		if (fid == F_MODEL_KEY || fid == F_PRICE_CURRENCY)
			continue;
		a = summary_get(old, fid);
		if (a == NULL || summary_get(cur, fid) != NULL)
			continue;
		fmt(a, rec_fields[fid].type, va, sizeof(va));
		f = diag_add(d, fl->id, fl->sev, cur->file, 1, 1,
		    rec_fields[fid].path, va, NULL, "%s (%s in the previous "
		    "refresh, %s:%u) is absent now", rec_fields[fid].path, va,
		    old->file, a->line);
		diag_related(f, old->file, a->line, a->column, va);
	}
}

/* A current page by identity; the first in run order among equals. */
struct ident {
	char	*id;
	size_t	 i;
};

static int
ident_cmp(const void *a, const void *b)
{
	const struct ident	*x = a, *y = b;
	int			 c = strcmp(x->id, y->id);

	return c != 0 ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* The first current page with identity id, or NULL. */
static const struct ident *
ident_find(const struct ident *v, size_t n, const char *id)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].id, id) == 0 ? &v[lo] : NULL;
}

int
drift_run(const struct catalog *cat, const char *prev,
    struct summary *const *recs, size_t n, struct diag *d,
    struct cl_error *err)
{
	return drift_run_some(cat, prev, NULL, NULL, recs, n, d, err);
}

/* Drop the previous records keep() refuses. */
static void
keep_old(struct summary **old, size_t *nold,
    int (*keep)(void *, const struct summary *), void *arg)
{
	size_t	i, k = 0;

	for (i = 0; keep != NULL && i < *nold; i++) {
		if (keep(arg, old[i]))
			old[k++] = old[i];
		else
			summary_free(old[i]);
	}
	if (keep != NULL)
		*nold = k;
}

int
drift_run_some(const struct catalog *cat, const char *prev,
    int (*keep)(void *, const struct summary *), void *karg,
    struct summary *const *recs, size_t n, struct diag *d,
    struct cl_error *err)
{
	const struct rule	*pl = enabled(cat, "drift.page-lost");
	const struct ident	*hit;
	struct summary		**old = NULL;
	struct ident		*cur;
	size_t			 nold = 0, i;
	char			*ia;
	int			 found;

	if (load_jsonl(prev, &old, &nold, err) == -1)
		return -1;
	keep_old(old, &nold, keep, karg);
	/* Sorted once: a refresh of 100k pages is matched in n log n. */
	cur = xcalloc(n + 1, sizeof(*cur));
	for (i = 0; i < n; i++) {
		cur[i].id = identity(recs[i]);
		cur[i].i = i;
	}
	qsort(cur, n, sizeof(*cur), ident_cmp);
	for (i = 0; i < nold; i++) {
		ia = identity(old[i]);
		hit = ident_find(cur, n, ia);
		found = hit != NULL;
		if (found)
			compare(cat, old[i], recs[hit->i], d);
		if (!found && pl != NULL)
			diag_add(d, pl->id, pl->sev, old[i]->file, 1, 1,
			    "model.key", summary_str(old[i], F_MODEL_KEY),
			    NULL, "%s page of %s%s%s from the previous refresh "
			    "(%s) is missing now", old[i]->site,
			    summary_str(old[i], F_MODEL_KEY) != NULL ?
			    summary_str(old[i], F_MODEL_KEY) :
			    "an unnamed model",
			    summary_str(old[i], F_PROVIDER) != NULL ? " on " :
			    "", summary_str(old[i], F_PROVIDER) != NULL ?
			    summary_str(old[i], F_PROVIDER) : "", prev);
		free(ia);
	}
	for (i = 0; i < n; i++)
		free(cur[i].id);
	free(cur);
	for (i = 0; i < nold; i++)
		summary_free(old[i]);
	free(old);
	return 0;
}

/* ---- catalogues ---- */

/*
 * A catalogue entry by its own name (the key or id as the catalogue
 * writes it, with its provider), not by the folded model key: two
 * entries of one model are two entries, and a renamed one is gone.
 */
static char *
entry_identity(const struct summary *r)
{
	const char	*name = summary_str(r, F_MODEL_NAME);
	const char	*prov = summary_str(r, F_PROVIDER);
	char		*id;

	xasprintf(&id, "%s\t%s\t%s", r->site, prov != NULL ? prov : "",
	    name != NULL ? name : "");
	return id;
}

/* One entry against its previous version: prices and limits. */
static void
entry_compare(const struct catalog *cat, const struct summary *old,
    const struct summary *cur, struct diag *d)
{
	const struct rule	*pj = enabled(cat, "drift.price-jump");
	const struct rule	*ls = enabled(cat, "drift.limit-shrunk");
	const char		*name = summary_str(cur, F_MODEL_NAME);
	const struct sval	*a, *b;
	struct finding		*f;
	double			 q, factor, slip;
	int			 fid;
	char			 va[64], vb[64], why[64];

	factor = pj != NULL ? rule_num(pj, "factor", 10) : 0;
	for (fid = 0; fid < F__COUNT; fid++) {
		a = summary_get(old, fid);
		b = summary_get(cur, fid);
		if (a == NULL || b == NULL || !(a->num > 0) || !(b->num > 0))
			continue;
		fmt(a, rec_fields[fid].type, va, sizeof(va));
		fmt(b, rec_fields[fid].type, vb, sizeof(vb));
		q = b->num > a->num ? b->num / a->num : a->num / b->num;
		if (rec_fields[fid].type == FT_MONEY && pj != NULL &&
		    q >= factor) {
			/* A power of ten is a unit or decimal slip. */
			slip = log10(q);
			if (fabs(slip - round(slip)) < 0.05)
				snprintf(why, sizeof(why), "off by 1e%.0f: a "
				    "unit or decimal slip?", round(slip));
			else
				snprintf(why, sizeof(why), "a unit slip?");
			f = diag_add(d, pj->id, pj->sev, cur->file, b->line,
			    b->column, rec_fields[fid].path, vb, b->raw,
			    "%s of \"%s\" moved from %s to %s per 1M since "
			    "the previous version (%s:%u), %.0fx %s (%s)",
			    rec_fields[fid].path, name, va, vb, old->file,
			    a->line, q, b->num > a->num ? "up" : "down", why);
			diag_related(f, old->file, a->line, a->column, va);
		} else if (rec_fields[fid].type == FT_TOKENS && ls != NULL &&
		    b->num < a->num) {
			f = diag_add(d, ls->id, ls->sev, cur->file, b->line,
			    b->column, rec_fields[fid].path, vb, NULL,
			    "%s of \"%s\" shrank from %s to %s since the "
			    "previous version (%s:%u)", rec_fields[fid].path,
			    name, va, vb, old->file, a->line);
			diag_related(f, old->file, a->line, a->column, va);
		}
	}
}

void
drift_catalog(const struct catalog *cat, struct summary *const *old,
    size_t nold, struct summary *const *recs, size_t n, const char *curfile,
    struct diag *d)
{
	const struct rule	*er = enabled(cat, "drift.entry-removed");
	const struct ident	*hit;
	const struct sval	*nv;
	struct ident		*cur;
	size_t			 i;
	char			*ia;

	cur = xcalloc(n + 1, sizeof(*cur));
	for (i = 0; i < n; i++) {
		cur[i].id = entry_identity(recs[i]);
		cur[i].i = i;
	}
	qsort(cur, n, sizeof(*cur), ident_cmp);
	for (i = 0; i < nold; i++) {
		ia = entry_identity(old[i]);
		if ((hit = ident_find(cur, n, ia)) != NULL)
			entry_compare(cat, old[i], recs[hit->i], d);
		else if (er != NULL) {
			nv = summary_get(old[i], F_MODEL_NAME);
			diag_add(d, er->id, er->sev, curfile != NULL ?
			    curfile : old[i]->file, 1, 1, "model.name",
			    summary_str(old[i], F_MODEL_NAME), NULL, "the "
			    "entry \"%s\"%s%s of the previous version (%s:%u) "
			    "is gone", summary_str(old[i], F_MODEL_NAME) !=
			    NULL ? summary_str(old[i], F_MODEL_NAME) : "",
			    summary_str(old[i], F_PROVIDER) != NULL ? " at " :
			    "", summary_str(old[i], F_PROVIDER) != NULL ?
			    summary_str(old[i], F_PROVIDER) : "",
			    old[i]->file, nv != NULL ? nv->line : 1);
		}
		free(ia);
	}
	for (i = 0; i < n; i++)
		free(cur[i].id);
	free(cur);
}

/* ---- coverage ---- */

static int
has_field(const struct summary *r, int fid)
{
	return summary_get(r, fid) != NULL;
}

static int
site_cmp(const void *a, const void *b)
{
	const struct summary	*x = *(struct summary *const *)a;
	const struct summary	*y = *(struct summary *const *)b;

	return strcmp(x->site, y->site);
}

/* A site's shares from its counts, rounded as the baseline keeps them. */
static void
site_shares(json_t *s)
{
	json_t		*f = json_object(), *v;
	const char	*field;
	double		 pages;

	pages = (double)json_integer_value(json_object_get(s, "pages"));
	json_object_foreach(json_object_get(s, "counts"), field, v)
		json_object_set_new(f, field, json_real(pages <= 0 ? 0 :
		    round((double)json_integer_value(v) / pages * 10000) /
		    10000));
	json_object_set_new(s, "fields", f);
}

/*
 * {site: {"pages": N, "counts": {path: n}, "fields": {path: share}}},
 * sites in the order they first appear.  The pages are sorted by site
 * once, so each site's pages are one run: O(n log n), whatever the
 * number of sites.  The counts let the coverage of partitions be added
 * up (coverage_add) to exactly the coverage of the whole.
 */
json_t *
coverage_sites(struct summary *const *recs, size_t n)
{
	json_t		 *sites = json_object(), *bysite = json_object();
	json_t		 *s, *f;
	struct summary	**v;
	size_t		  i, j, k, cnt;
	int		  fid;

	v = xreallocarray(NULL, n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = recs[i];
	qsort(v, n, sizeof(*v), site_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && strcmp(v[k]->site, v[i]->site) == 0;
		    k++)
			;
		s = json_object();
		json_object_set_new(s, "pages",
		    json_integer((json_int_t)(k - i)));
		f = json_object();
		for (fid = 0; fid < F__COUNT; fid++) {
			for (cnt = 0, j = i; j < k; j++)
				cnt += has_field(v[j], fid);
			json_object_set_new(f, rec_fields[fid].path,
			    json_integer((json_int_t)cnt));
		}
		json_object_set_new(s, "counts", f);
		site_shares(s);
		json_object_set_new(bysite, v[i]->site, s);
	}
	for (i = 0; i < n; i++)
		if (json_object_get(sites, recs[i]->site) == NULL)
			json_object_set(sites, recs[i]->site,
			    json_object_get(bysite, recs[i]->site));
	json_decref(bysite);
	free(v);
	return sites;
}

int
coverage_add(json_t *sites, const json_t *part, const char *path,
    struct cl_error *err)
{
	json_t		*ps, *s, *c, *pc, *v;
	const char	*site, *field;
	json_int_t	 pages;

	json_object_foreach((json_t *)part, site, ps) {
		pc = json_object_get(ps, "counts");
		pages = json_integer_value(json_object_get(ps, "pages"));
		if (!json_is_object(pc) || pages < 0) {
			cl_error_set(err, path, 0, 0, "site %s has no page "
			    "counts (write each part with cardlint %s or "
			    "later)", site, PACKAGE_VERSION);
			return -1;
		}
		if ((s = json_object_get(sites, site)) == NULL) {
			s = json_object();
			json_object_set_new(s, "pages", json_integer(0));
			json_object_set_new(s, "counts", json_object());
			json_object_set_new(sites, site, s);
		}
		json_object_set_new(s, "pages", json_integer(pages +
		    json_integer_value(json_object_get(s, "pages"))));
		c = json_object_get(s, "counts");
		json_object_foreach(pc, field, v)
			json_object_set_new(c, field, json_integer(
			    json_integer_value(v) + json_integer_value(
			    json_object_get(c, field))));
		site_shares(s);
	}
	return 0;
}

void
coverage_print_sites(FILE *fp, const json_t *sites)
{
	json_t		*s, *v;
	const char	*site, *field;
	int		 fid;

	/* Fields in the record's order, whatever order a merged file
	   gave them. */
	json_object_foreach((json_t *)sites, site, s) {
		fprintf(fp, "%s: %lld page%s\n", site, (long long)
		    json_integer_value(json_object_get(s, "pages")),
		    json_integer_value(json_object_get(s, "pages")) == 1 ?
		    "" : "s");
		for (fid = 0; fid < F__COUNT; fid++) {
			field = rec_fields[fid].path;
			v = json_object_get(json_object_get(s, "fields"),
			    field);
			if (v != NULL)
				fprintf(fp, "  %-22s %5.1f%%\n", field,
				    json_real_value(v) * 100);
		}
	}
}

void
coverage_print(FILE *fp, struct summary *const *recs, size_t n)
{
	json_t	*sites = coverage_sites(recs, n);

	coverage_print_sites(fp, sites);
	json_decref(sites);
}

int
coverage_write_sites(const char *path, const json_t *sites,
    struct cl_error *err)
{
	json_t		*root = json_object();
	struct afile	 af;
	int		 rc = -1;

	json_object_set_new(root, "cardlint_coverage", json_integer(1));
	json_object_set(root, "sites", (json_t *)sites);
	if (afile_open(&af, path, err) == 0) {
		if (json_dumpf(root, af.fp, JSON_INDENT(2) | JSON_SORT_KEYS |
		    JSON_REAL_PRECISION(6)) == 0)
			rc = afile_commit(&af, err);
		else {
			cl_error_set(err, path, 0, 0, "cannot write the "
			    "coverage baseline");
			afile_abort(&af);
		}
	}
	json_decref(root);
	return rc;
}

int
coverage_write(const char *path, struct summary *const *recs, size_t n,
    struct cl_error *err)
{
	json_t	*sites = coverage_sites(recs, n);
	int	 rc;

	rc = coverage_write_sites(path, sites, err);
	json_decref(sites);
	return rc;
}

int
coverage_check(const struct catalog *cat, const char *path,
    struct summary *const *recs, size_t n, struct diag *d,
    struct cl_error *err)
{
	json_t	*sites = coverage_sites(recs, n);
	int	 rc;

	rc = coverage_check_sites(cat, path, sites, d, err);
	json_decref(sites);
	return rc;
}

int
coverage_check_sites(const struct catalog *cat, const char *path,
    const json_t *cur, struct diag *d, struct cl_error *err)
{
	const struct rule	*ru = enabled(cat, "coverage.field-drop");
	json_t			*base, *bs, *cs, *v;
	json_error_t		 je;
	const char		*site, *field;
	double			 drop, shrink, was, now;
	long long		 bp, cp;

	base = json_load_file(path, 0, &je);
	if (base == NULL || !json_is_object(json_object_get(base, "sites"))) {
		cl_error_set(err, path, base == NULL ? (unsigned)je.line : 0,
		    0, "not a coverage baseline: %s", base == NULL ? je.text :
		    "no 'sites' object");
		json_decref(base);
		return -1;
	}
	if (ru == NULL) {
		json_decref(base);
		return 0;
	}
	drop = rule_num(ru, "max_drop_points", 10);
	shrink = rule_num(ru, "max_shrink", 0.2);
	json_object_foreach(json_object_get(base, "sites"), site, bs) {
		cs = json_object_get(cur, site);
		bp = json_integer_value(json_object_get(bs, "pages"));
		cp = cs == NULL ? 0 :
		    json_integer_value(json_object_get(cs, "pages"));
		if (bp > 0 && (double)cp < (double)bp * (1 - shrink)) {
			diag_add(d, ru->id, ru->sev, path, 1, 1, NULL, site,
			    NULL, "%s has %lld page%s, down from %lld in the "
			    "baseline (more than %.0f%% fewer)", site, cp,
			    cp == 1 ? "" : "s", bp, shrink * 100);
		}
		if (cs == NULL)
			continue;
		json_object_foreach(json_object_get(bs, "fields"), field, v) {
			was = json_number_value(v) * 100;
			now = json_number_value(json_object_get(
			    json_object_get(cs, "fields"), field)) * 100;
			if (was - now <= drop)
				continue;
			diag_add(d, ru->id, ru->sev, path, 1, 1, field, site,
			    NULL, "%s carries %s on %.1f%% of pages, down from "
			    "%.1f%% in the baseline (more than %g points)",
			    site, field, now, was, drop);
		}
	}
	json_decref(base);
	return 0;
}
