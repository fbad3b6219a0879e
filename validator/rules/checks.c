/*
 * checks.c: the per-page check kinds and the kind table.
 *
 * Each kind reads one record (values and their sightings) plus the
 * rule's parameters and reports findings placed at the sighting that is
 * wrong, with the other sightings as related places.  Messages say what
 * was found, where, and what was expected.  Corpus kinds live in
 * corpus.c and are listed here so the catalogue can name them.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "knowledge/catalog.h"
#include "rules/checks.h"
#include "findings/diag.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "base/error.h"
#include "base/xalloc.h"

#define R(c)	((c)->r)

static struct finding *
emit(struct diag *d, const struct rule *ru, const struct ctx *c,
    const struct seen *s, const char *field, const char *value,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static struct finding *
emit(struct diag *d, const struct rule *ru, const struct ctx *c,
    const struct seen *s, const char *field, const char *value,
    const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_add(d, ru->id, ru->sev, R(c)->file,
	    s == NULL ? 1 : s->line, s == NULL ? 1 : s->column, field, value,
	    s == NULL ? NULL : s->raw, "%s", msg);
}

static struct finding *
emit_at(struct diag *d, const struct rule *ru, const struct ctx *c,
    unsigned line, unsigned col, const char *field, const char *value,
    const char *snippet, const char *msg)
{
	return diag_add(d, ru->id, ru->sev, R(c)->file, line, col, field,
	    value, snippet, "%s", msg);
}

static void
fmt_num(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.15g", v);
}

static void
fmt_money(char *buf, size_t n, double v)
{
	size_t	len;

	if (fabs(v) >= 0.01 || v == 0) {
		/* Cents at least, and every digit the page gave up to 4
		   places: $0.672 must not read as $0.67 in a message. */
		snprintf(buf, n, "$%.4f", v);
		len = strlen(buf);
		while (len > 0 && buf[len - 1] == '0' &&
		    strchr(buf, '.') != NULL && strchr(buf, '.') < buf + len - 3)
			buf[--len] = '\0';
	} else {
		/* Every digit of a tiny amount: $0.00000018, not $1.8e-07. */
		snprintf(buf, n, "$%.12f", v);
		len = strlen(buf);
		while (len > 0 && buf[len - 1] == '0')
			buf[--len] = '\0';
		if (len > 0 && buf[len - 1] == '.')
			buf[--len] = '\0';
	}
}

static void
fmt_tokens(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.0f", v);
}

static void
fmt_value(enum ftype t, const struct seen *s, char *buf, size_t n)
{
	switch (t) {
	case FT_MONEY:
		fmt_money(buf, n, s->num);
		break;
	case FT_TOKENS:
	case FT_INT:
	case FT_DAYS:
		fmt_tokens(buf, n, s->num);
		break;
	case FT_STR:
	case FT_DATE:
	case FT_CURRENCY:
		snprintf(buf, n, "%s", s->str == NULL ? "" : s->str);
		break;
	default:
		fmt_num(buf, n, s->num);
		break;
	}
}

/* Decimals the raw text states, less the digits a unit scale moved. */
static int
raw_decimals(const struct seen *s)
{
	const char	*p;
	int		 d = 0;

	if (s->raw == NULL)
		return 6;
	p = s->raw;
	while (*p != '\0' && (*p < '0' || *p > '9'))
		p++;
	while ((*p >= '0' && *p <= '9') || *p == ',')
		p++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			d++;
	if (s->unit == PRICE_PER_1K)
		d -= 3;
	else if (s->unit == PRICE_PER_TOKEN)
		d -= 6;
	return d < 0 ? 0 : d;
}

/* Two statements agree after rounding to the less precise one. */
static int
agree_money(const struct seen *a, const struct seen *b)
{
	int	d = raw_decimals(a);

	if (raw_decimals(b) < d)
		d = raw_decimals(b);
	return fabs(a->num - b->num) <= 0.5 * pow(10, -d) * (1 + 1e-9) +
	    1e-12;
}

static int
agree_tokens(double a, double b, double tol)
{
	double	m = fmax(fabs(a), fabs(b));

	return m == 0 || fabs(a - b) / m <= tol;
}

static int
seen_usable(const struct seen *s)
{
	return s->status == NORM_OK && !s->missing;
}

/* ---- scrape ---- */

static void
k_unrecognized(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct profile	*p = profiles_get(c->ps, r->site);

	if (p == NULL || !p->fallback)
		return;
	if (record_get(r, F_MODEL_NAME) != NULL ||
	    record_get(r, F_PRICE_INPUT) != NULL ||
	    record_get(r, F_PRICE_OUTPUT) != NULL ||
	    record_get(r, F_CONTEXT) != NULL)
		return;
	emit_at(d, ru, c, 1, 1, NULL, NULL, NULL, r->bytes == 0 ?
	    "empty file: no site profile matches and nothing can be "
	    "validated" : strcmp(r->format, "binary") == 0 ?
	    "binary file: no site profile matches and nothing can be "
	    "validated" :
	    "no site profile matches and generic extraction found no model "
	    "name, price or context window: nothing can be validated");
}

static void
k_required(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct profile	*p = profiles_get(c->ps, r->site);
	size_t			 i;
	int			 fid;

	if (p == NULL)
		return;
	for (i = 0; i < p->nrequired; i++) {
		fid = p->required[i];
		if (r->f[fid].n > 0)
			continue;	/* present, maybe null: other rules */
		diag_add(d, ru->id, ru->sev, r->file, 1, 1,
		    rec_fields[fid].path, NULL, NULL, "%s is missing: the %s "
		    "profile expects it on every page", rec_fields[fid].path,
		    p->name);
	}
}

static const char *const status_names[] = {
	"ok", "empty", "sentinel", "invalid", "bad"
};

static void
k_seen_status(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct param	*p = rule_param(ru, "status");
	const struct seen	*s;
	size_t			 i, j, k;
	int			 hit;

	if (p == NULL)
		return;
	for (i = 0; i < F__COUNT; i++) {
		for (j = 0; j < r->f[i].n; j++) {
			s = &r->f[i].v[j];
			if (s->missing || s->status == NORM_OK)
				continue;
			hit = 0;
			for (k = 0; k < p->nlist; k++)
				if (strcmp(p->list[k],
				    status_names[s->status]) == 0)
					hit = 1;
			if (!hit)
				continue;
			if (s->status == NORM_SENTINEL)
				emit(d, ru, c, s, rec_fields[i].path, s->raw,
				    "%s is the placeholder '%s' (%s), not a "
				    "value; stored as null", rec_fields[i].path,
				    s->raw, s->where);
			else if (s->status == NORM_EMPTY)
				emit(d, ru, c, s, rec_fields[i].path, s->raw,
				    "%s label has no value after it (%s)",
				    rec_fields[i].path, s->where);
			else
				emit(d, ru, c, s, rec_fields[i].path, s->raw,
				    "%s label is followed by '%.60s', which is "
				    "not a value of its type (%s)",
				    rec_fields[i].path, s->raw, s->where);
		}
	}
}

static unsigned
count_marks(const struct record *r, const char *kind)
{
	size_t		i;
	unsigned	n = 0;

	for (i = 0; i < r->nmarks; i++)
		if (strcmp(r->marks[i].kind, kind) == 0)
			n++;
	return n;
}

static void
k_mark(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct param	*p = rule_param(ru, "marks");
	const struct mark	*m;
	size_t			 i, k;
	int			 hit;

	if (p == NULL)
		return;
	for (i = 0; i < r->nmarks; i++) {
		m = &r->marks[i];
		hit = 0;
		for (k = 0; k < p->nlist; k++)
			if (strcmp(p->list[k], m->kind) == 0)
				hit = 1;
		/* Byte-level kinds: one finding for the first place. */
		for (k = 0; k < i && hit; k++)
			if (strcmp(r->marks[k].kind, m->kind) == 0 &&
			    strcmp(m->kind, "template") != 0)
				hit = 0;
		/* A binary file is one finding, not a list of symptoms;
		   replaced bytes are not mojibake as well. */
		if (hit && strcmp(m->kind, "nul") != 0 && record_has_mark(r, "nul"))
			hit = 0;
		if (hit && strcmp(m->kind, "mojibake") == 0 &&
		    record_has_mark(r, "invalid-utf8") &&
		    strcmp(m->raw, "\xef\xbf\xbd") == 0)
			hit = 0;
		if (!hit)
			continue;
		if (strcmp(m->kind, "template") == 0)
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, m->raw, m->raw, "template or "
			    "pipeline text \"%s\" leaked into the page",
			    m->raw);
		else if (strcmp(m->kind, "invalid-utf8") == 0)
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, m->raw, NULL, "invalid UTF-8 "
			    "(%s in all, replaced by U+FFFD); first here",
			    m->raw);
		else if (strcmp(m->kind, "nul") == 0)
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, m->raw, NULL, "NUL bytes (%s): "
			    "a binary file, not a saved page", m->raw);
		else if (strcmp(m->kind, "control") == 0)
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, m->raw, NULL, "control "
			    "characters in the text (%s); first here", m->raw);
		else if (strcmp(m->kind, "line-limit") == 0)
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, m->raw, NULL, "the page has %s; "
			    "only the first %u were read (--max-lines)",
			    m->raw, m->line - 1);
		else if (strcmp(m->kind, "depth-limit") == 0)
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, m->raw, NULL, "HTML nested deeper "
			    "than the --max-depth limit: the text of %s was "
			    "not read", m->raw);
		else if (strcmp(m->kind, "regex-limit") == 0)
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, NULL, NULL, "a site profile "
			    "pattern hit the PCRE2 match limit on this page; "
			    "its fields may be missing (check the patterns of "
			    "the '%s' profile)", r->site != NULL ? r->site :
			    "?");
		else
			diag_add(d, ru->id, ru->sev, r->file, m->line,
			    m->column, NULL, m->raw, m->raw, "mojibake \"%s\""
			    ": text decoded with the wrong charset (%u "
			    "place%s on the page; first here)", m->raw,
			    count_marks(r, m->kind),
			    count_marks(r, m->kind) == 1 ? "" : "s");
	}
}

static void
k_truncated(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct profile	*p = profiles_get(c->ps, r->site);
	struct buf		 miss = { 0 };
	size_t			 i, j;
	int			 found, unclosed = 0;

	for (i = 0; i < r->nmarks; i++)
		if (strcmp(r->marks[i].kind, "html-unclosed") == 0)
			unclosed = 1;
	if (p != NULL && r->bytes > 0 && strcmp(r->format, "binary") != 0) {
		for (i = 0; i < p->nsections; i++) {
			found = 0;
			for (j = 0; j < r->nsections; j++)
				if (strcmp(r->sections[j],
				    p->section_names[i]) == 0)
					found = 1;
			if (found)
				continue;
			if (miss.len > 0)
				buf_adds(&miss, ", ");
			buf_adds(&miss, p->section_names[i]);
		}
	}
	if (miss.len > 0)
		diag_add(d, ru->id, ru->sev, r->file, r->last_line, 1, NULL,
		    NULL, NULL, "page ends at line %u without the section%s "
		    "the %s profile expects at the end: %s%s", r->last_line,
		    strchr(miss.p, ',') != NULL ? "s" : "", p->name, miss.p,
		    unclosed ? "; the HTML is not closed either" : "");
	else if (unclosed && r->bytes > 0)
		diag_add(d, ru->id, ru->sev, r->file, r->last_line, 1, NULL,
		    NULL, NULL, "HTML ends at line %u without </body> or "
		    "</html>: the download stopped early", r->lines);
	buf_free(&miss);
}

/* ---- price ---- */

static const struct {
	int		 fid;
	const char	*param;		/* the limit */
	const char	*minparam;	/* the floor */
	const char	*what;
} price_fields[] = {
	{ F_PRICE_INPUT, "max_input", "min_input", "input" },
	{ F_PRICE_OUTPUT, "max_output", "min_output", "output" },
	{ F_PRICE_CACHE, "max_cache", "min_cache", "cache" },
	{ F_PRICE_BATCH, "max_batch", "min_batch", "batch" },
};

/*
 * A positive price under the floor is a unit slip: a price per token
 * (x 1e6) when that gives a price within the limit, else one per 1K
 * tokens (x 1000).  The message names the slip and the corrected price.
 */
static void
price_floor(const struct rule *ru, const struct ctx *c, struct diag *d,
    const struct seen *s, size_t i, double min, double max)
{
	char		 v[64], fix[64];
	const char	*per = "token";

	if (s->num * 1e6 <= max)
		fmt_money(fix, sizeof(fix), s->num * 1e6);
	else {
		fmt_money(fix, sizeof(fix), s->num * 1e3);
		per = "1K tokens";
	}
	fmt_money(v, sizeof(v), s->num);
	emit(d, ru, c, s, rec_fields[price_fields[i].fid].path, v,
	    "%s price %s per 1M tokens is below %g; is it a price per %s "
	    "(%s per 1M)?", price_fields[i].what, v, min, per, fix);
}

/*
 * The bounds are stated in the currencies the rule names (param
 * currencies; all when absent): 500 ₽ or 1.25 원 per 1M is no slip.
 */
static int
bounded_currency(const struct rule *ru, const struct seen *s)
{
	const struct param	*p = rule_param(ru, "currencies");
	size_t			 k;

	if (p == NULL || p->nlist == 0 || s->currency[0] == '\0')
		return 1;
	for (k = 0; k < p->nlist; k++)
		if (strcmp(p->list[k], s->currency) == 0)
			return 1;
	return 0;
}

static void
k_price_bounds(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct seen	*s;
	size_t			 i;
	double			 max, min;
	char			 v[64];

	for (i = 0; i < 4; i++) {
		const struct field *f = &R(c)->f[price_fields[i].fid];
		size_t j;

		/* Overflowing numbers ("$1e309") are not prices at all. */
		for (j = 0; j < f->n; j++)
			if (f->v[j].status == NORM_INVALID)
				emit(d, ru, c, &f->v[j],
				    rec_fields[price_fields[i].fid].path,
				    f->v[j].raw, "%s price '%s' is not a "
				    "finite number", price_fields[i].what,
				    f->v[j].raw);
		s = record_get(R(c), price_fields[i].fid);
		if (s == NULL)
			continue;
		fmt_money(v, sizeof(v), s->num);
		max = rule_num(ru, price_fields[i].param, 1e9);
		min = rule_num(ru, price_fields[i].minparam, 0);
		if (s->num < 0)
			emit(d, ru, c, s, rec_fields[price_fields[i].fid].path,
			    v, "%s price %s per 1M tokens is negative",
			    price_fields[i].what, v);
		else if (s->num == 0 && !s->is_free)
			emit(d, ru, c, s, rec_fields[price_fields[i].fid].path,
			    v, "%s price is $0 per 1M tokens but the page "
			    "does not say the model is free",
			    price_fields[i].what);
		else if (!bounded_currency(ru, s))
			continue;
		else if (s->num > max)
			emit(d, ru, c, s, rec_fields[price_fields[i].fid].path,
			    v, "%s price %s per 1M tokens is above the %g "
			    "limit for %s prices", price_fields[i].what, v, max,
			    price_fields[i].what);
		else if (s->num > 0 && s->num < min)
			price_floor(ru, c, d, s, i, min, max);
	}
}

static void
k_ratio(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct seen	*in = record_get(R(c), F_PRICE_INPUT);
	const struct seen	*out = record_get(R(c), F_PRICE_OUTPUT);
	double			 q, lo, hi;
	char			 a[64], b[64], v[64];

	if (in == NULL || out == NULL || in->num <= 0 || out->num <= 0)
		return;
	q = out->num / in->num;
	lo = rule_num(ru, "min", 0.5);
	hi = rule_num(ru, "max", 20);
	if (q >= lo && q <= hi)
		return;
	fmt_money(a, sizeof(a), in->num);
	fmt_money(b, sizeof(b), out->num);
	snprintf(v, sizeof(v), "%.3g", q);
	emit(d, ru, c, out, "price.output", v, "output/input price ratio "
	    "is %.3gx (%s / %s); expected between %g and %g", q, b, a, lo,
	    hi);
}

static void
agree_field(const struct rule *ru, const struct ctx *c, struct diag *d,
    int fid)
{
	const struct field	*f = &R(c)->f[fid];
	const struct seen	*ref = record_get(R(c), fid), *s;
	struct finding		*fi;
	enum ftype		 t = rec_fields[fid].type;
	size_t			 j;
	int			 ok;
	char			 a[64], b[64];

	if (ref == NULL)
		return;
	for (j = 0; j < f->n; j++) {
		s = &f->v[j];
		if (s == ref || !seen_usable(s))
			continue;
		if (t == FT_MONEY)
			ok = agree_money(ref, s) ||
			    (s->unit != ref->unit &&
			    (s->unit == PRICE_PER_1K ||
			    ref->unit == PRICE_PER_1K ||
			    s->unit == PRICE_PER_TOKEN ||
			    ref->unit == PRICE_PER_TOKEN) &&
			    agree_tokens(s->num, ref->num, 0.02));
		else if (t == FT_TOKENS)
			ok = agree_tokens(s->num, ref->num, rule_num(ru,
			    "tolerance", 0.025));
		else if (t == FT_PARAMS)
			ok = agree_tokens(s->num, ref->num, 0.05);
		else
			ok = 1;
		if (ok)
			continue;
		fmt_value(t, s, a, sizeof(a));
		fmt_value(t, ref, b, sizeof(b));
		fi = emit(d, ru, c, s, rec_fields[fid].path, a,
		    "%s is %s here (%s, \"%s\") but %s at line %u (%s, "
		    "\"%s\")", rec_fields[fid].path, a, s->where, s->raw, b,
		    ref->line, ref->where, ref->raw);
		diag_related(fi, R(c)->file, ref->line, ref->column, b);
	}
}

static void
k_agree(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct param	*p = rule_param(ru, "fields");
	const struct record	*r = R(c);
	const struct seen	*in, *out, *prov;
	const struct prow	*pr;
	struct finding		*fi;
	size_t			 i;
	int			 fid;
	char			 a[64], b[64];

	if (p == NULL)
		return;
	for (i = 0; i < p->nlist; i++) {
		fid = rec_field_by_path(p->list[i]);
		if (fid >= 0)
			agree_field(ru, c, d, fid);
	}
	/* The provider's own row of the comparison table. */
	if (rec_field_by_path(p->list[0]) != F_PRICE_INPUT)
		return;
	prov = record_get(r, F_PROVIDER);
	in = record_get(r, F_PRICE_INPUT);
	out = record_get(r, F_PRICE_OUTPUT);
	if (prov == NULL)
		return;
	for (i = 0; i < r->nprov; i++) {
		pr = &r->prov[i];
		if (strcasecmp(pr->name, prov->str) != 0)
			continue;
		if (in != NULL && pr->has_input &&
		    fabs(pr->input - in->num) > 0.005 + 1e-9) {
			fmt_money(a, sizeof(a), pr->input);
			fmt_money(b, sizeof(b), in->num);
			fi = diag_add(d, ru->id, ru->sev, r->file, pr->line,
			    pr->column, "price.input", a, pr->name,
			    "%s's own comparison row says input %s but the "
			    "page's price is %s (line %u)", pr->name, a, b,
			    in->line);
			diag_related(fi, r->file, in->line, in->column, b);
		}
		if (out != NULL && pr->has_output &&
		    fabs(pr->output - out->num) > 0.005 + 1e-9) {
			fmt_money(a, sizeof(a), pr->output);
			fmt_money(b, sizeof(b), out->num);
			fi = diag_add(d, ru->id, ru->sev, r->file, pr->line,
			    pr->column, "price.output", a, pr->name,
			    "%s's own comparison row says output %s but the "
			    "page's price is %s (line %u)", pr->name, a, b,
			    out->line);
			diag_related(fi, r->file, out->line, out->column, b);
		}
	}
}

static void
k_unit_suspect(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct field	*f;
	const struct seen	*s, *t;
	struct finding		*fi;
	size_t			 i, j, k;
	int			 per1m;
	double			 q, tol = rule_num(ru, "tolerance", 0.02);

	for (i = 0; i < 4; i++) {
		f = &r->f[price_fields[i].fid];
		per1m = 0;
		for (j = 0; j < f->n; j++)
			if (seen_usable(&f->v[j]) &&
			    (f->v[j].unit == PRICE_PER_1M ||
			    f->v[j].unit == PRICE_PER_UNSTATED))
				per1m = 1;
		for (j = 0; j < f->n; j++) {
			s = &f->v[j];
			if (!seen_usable(s))
				continue;
			if (per1m && (s->unit == PRICE_PER_1K ||
			    s->unit == PRICE_PER_TOKEN)) {
				emit(d, ru, c, s, rec_fields[price_fields[i].
				    fid].path, s->raw, "%s price written per "
				    "%s (\"%s\", %s) on a page that states "
				    "prices per 1M tokens",
				    price_fields[i].what, s->unit ==
				    PRICE_PER_1K ? "1K tokens" : "token",
				    s->raw, s->where);
				continue;
			}
			for (k = 0; k < f->n; k++) {
				t = &f->v[k];
				if (k == j || !seen_usable(t) || t->num <= 0 ||
				    s->num <= 0)
					continue;
				q = s->num / t->num;
				if (fabs(q / 1000 - 1) > tol &&
				    fabs(q / 1e6 - 1) > tol)
					continue;
				fi = emit(d, ru, c, s, rec_fields[
				    price_fields[i].fid].path, s->raw,
				    "%s price \"%s\" (%s) is %s the \"%s\" at "
				    "line %u: a per-1K or per-token value "
				    "stored as per 1M", price_fields[i].what,
				    s->raw, s->where, fabs(q / 1000 - 1) <=
				    tol ? "1000x" : "1000000x", t->raw,
				    t->line);
				diag_related(fi, r->file, t->line, t->column,
				    t->raw);
			}
		}
	}
}

static void
k_cheapest(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct cheapest	*ch = &r->cheapest;
	const struct seen	*own = record_get(r, F_PRICE_INPUT);
	const struct seen	*prov = record_get(r, F_PROVIDER);
	const struct prow	*low = NULL;
	struct finding		*fi;
	size_t			 i;
	double			 min = INFINITY;
	char			 a[64], b[64];

	if (!ch->has)
		return;
	for (i = 0; i < r->nprov; i++) {
		if (!r->prov[i].has_input)
			continue;
		if (ch->provider != NULL &&
		    strcasecmp(r->prov[i].name, ch->provider) == 0 &&
		    fabs(r->prov[i].input - ch->price) > 0.005 + 1e-9) {
			fmt_money(a, sizeof(a), ch->price);
			fmt_money(b, sizeof(b), r->prov[i].input);
			fi = diag_add(d, ru->id, ru->sev, r->file, ch->line,
			    ch->column, "cheapest_claim", a, NULL,
			    "cheapest input price claimed as %s from %s, but "
			    "%s's row says %s", a, ch->provider, ch->provider,
			    b);
			diag_related(fi, r->file, r->prov[i].line,
			    r->prov[i].column, b);
			return;
		}
		if (r->prov[i].input < min) {
			min = r->prov[i].input;
			low = &r->prov[i];
		}
	}
	if (low != NULL && min < ch->price - 0.005 - 1e-9) {
		fmt_money(a, sizeof(a), ch->price);
		fmt_money(b, sizeof(b), min);
		fi = diag_add(d, ru->id, ru->sev, r->file, ch->line,
		    ch->column, "cheapest_claim", a, NULL, "cheapest input "
		    "price claimed as %s from %s, but %s lists %s",
		    a, ch->provider == NULL ? "?" : ch->provider, low->name,
		    b);
		diag_related(fi, r->file, low->line, low->column, b);
		return;
	}
	if (own != NULL && own->num < ch->price - 0.005 - 1e-9 &&
	    (prov == NULL || ch->provider == NULL ||
	    strcasecmp(prov->str, ch->provider) != 0)) {
		fmt_money(a, sizeof(a), ch->price);
		fmt_money(b, sizeof(b), own->num);
		fi = diag_add(d, ru->id, ru->sev, r->file, ch->line,
		    ch->column, "cheapest_claim", a, NULL, "cheapest input "
		    "price claimed as %s from %s, but this page's own price "
		    "is lower (%s)", a, ch->provider == NULL ? "?" :
		    ch->provider, b);
		diag_related(fi, r->file, own->line, own->column, b);
	}
}

static void
k_provider_count(const struct rule *ru, const struct ctx *c,
    struct diag *d)
{
	const struct record	*r = R(c);
	const struct field	*f = &r->f[F_PROVIDERS_CLAIMED];
	const struct seen	*ref = record_get(r, F_PROVIDERS_CLAIMED), *s;
	struct finding		*fi;
	size_t			 j;
	char			 a[32];

	if (ref == NULL)
		return;
	/* With a strict majority among the claims, the odd ones out are
	   the findings, whatever their place on the page. */
	for (j = 0; j < f->n; j++) {
		size_t	k, same = 0, usable = 0;

		if (!seen_usable(&f->v[j]))
			continue;
		for (k = 0; k < f->n; k++) {
			if (!seen_usable(&f->v[k]))
				continue;
			usable++;
			same += f->v[k].num == f->v[j].num;
		}
		if (2 * same > usable) {
			ref = &f->v[j];
			break;
		}
	}
	for (j = 0; j < f->n; j++) {
		s = &f->v[j];
		if (s == ref || !seen_usable(s) || s->num == ref->num)
			continue;
		snprintf(a, sizeof(a), "%.0f", s->num);
		fi = emit(d, ru, c, s, "providers_claimed", a, "the page "
		    "claims %.0f providers here but %.0f at line %u", s->num,
		    ref->num, ref->line);
		diag_related(fi, r->file, ref->line, ref->column, ref->raw);
	}
	if ((double)r->nprov > ref->num) {
		snprintf(a, sizeof(a), "%zu", r->nprov);
		emit(d, ru, c, ref, "providers_claimed", a, "the page claims "
		    "%.0f providers but its comparison table lists %zu rows",
		    ref->num, r->nprov);
	}
}

/* ---- context ---- */

static void
k_exceeds(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct seen	*ctxs = record_get(R(c), F_CONTEXT), *s;
	struct finding		*fi;
	int			 fids[2] = { F_MAX_OUTPUT, F_MAX_INPUT }, i;
	char			 a[32], b[32];

	if (ctxs == NULL)
		return;
	for (i = 0; i < 2; i++) {
		s = record_get(R(c), fids[i]);
		if (s == NULL || s->num <= ctxs->num * 1.025)
			continue;
		fmt_tokens(a, sizeof(a), s->num);
		fmt_tokens(b, sizeof(b), ctxs->num);
		fi = emit(d, ru, c, s, rec_fields[fids[i]].path, a, "%s %s "
		    "(\"%s\") exceeds the context window of %s tokens (line "
		    "%u)", rec_fields[fids[i]].path, a, s->raw, b, ctxs->line);
		diag_related(fi, R(c)->file, ctxs->line, ctxs->column, b);
	}
}

/*
 * One price above another it can never exceed (a cache read above the
 * input price, a batch price above the standard one): the field and the
 * limit are the rule's parameters, the likely cause its hint.
 */
static void
k_above(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct param	*pf = rule_param(ru, "field");
	const struct param	*pl = rule_param(ru, "limit");
	const struct param	*ph = rule_param(ru, "hint");
	const struct seen	*s, *lim;
	struct finding		*fi;
	double			 tol = rule_num(ru, "tolerance", 0);
	int			 ff, fl;
	char			 a[64], b[64];

	if (pf == NULL || pf->str == NULL || pl == NULL || pl->str == NULL ||
	    (ff = rec_field_by_path(pf->str)) == -1 ||
	    (fl = rec_field_by_path(pl->str)) == -1)
		return;
	s = record_get(R(c), ff);
	lim = record_get(R(c), fl);
	if (s == NULL || lim == NULL || !(lim->num > 0) ||
	    s->num <= lim->num * (1 + tol))
		return;
	fmt_value(rec_fields[ff].type, s, a, sizeof(a));
	fmt_value(rec_fields[fl].type, lim, b, sizeof(b));
	fi = emit(d, ru, c, s, pf->str, a, "%s %s (\"%s\") is %.3gx the %s "
	    "%s (line %u)%s%s", pf->str, a, s->raw, s->num / lim->num,
	    pl->str, b, lim->line, ph != NULL && ph->str != NULL ? "; " : "",
	    ph != NULL && ph->str != NULL ? ph->str : "");
	diag_related(fi, R(c)->file, lim->line, lim->column, b);
}

static void
k_range(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct param	*p = rule_param(ru, "field");
	const struct seen	*s;
	double			 lo = rule_num(ru, "min", -INFINITY);
	double			 hi = rule_num(ru, "max", INFINITY);
	int			 fid;
	char			 a[64];

	if (p == NULL || p->str == NULL ||
	    (fid = rec_field_by_path(p->str)) == -1)
		return;
	s = record_get(R(c), fid);
	if (s == NULL || (s->num >= lo && s->num <= hi))
		return;
	fmt_value(rec_fields[fid].type, s, a, sizeof(a));
	emit(d, ru, c, s, p->str, a, "%s %s (\"%s\") is outside the "
	    "plausible range %g to %g", p->str, a, s->raw, lo, hi);
}

/* ---- bench ---- */

static void
k_bench_note(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct bench	*b;
	size_t			 i, k, ov[2], pos, len;
	unsigned		 speakers;
	double			 maxlen = rule_num(ru, "max_length", 160);
	double			 minsp = rule_num(ru, "min_speakers", 2);
	const char		*why;

	for (i = 0; i < r->nbench; i++) {
		b = &r->bench[i];
		if (b->note == NULL)
			continue;
		len = strlen(b->note);
		why = NULL;
		for (k = 0; k < ru->nrx && why == NULL; k++)
			if (rx_match(&ru->rx[k], b->note, len, 0, ov, 2) == 1)
				why = "a self-description of an AI assistant";
		speakers = 0;
		pos = 0;
		while (ru->has_speakers && pos < len && rx_match(&ru->speakers,
		    b->note, len, pos, ov, 2) == 1) {
			speakers++;
			pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
		if (why == NULL && speakers >= minsp)
			why = "a chat transcript";
		if (why == NULL && len > maxlen)
			why = "far longer than a note";
		if (why == NULL)
			continue;
		diag_add(d, ru->id, ru->sev, r->file, b->line, b->column,
		    "benchmarks.note", b->name, b->raw, "note of benchmark "
		    "%s is %s (%zu characters, %u speaker labels): \"%.60s"
		    "%s\"", b->name, why, len, speakers, b->note,
		    len > 60 ? "…" : "");
	}
}

static void
k_bench_variant(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct bench	*b;
	size_t			 i, k;
	int			 known;

	for (i = 0; i < r->nbench; i++) {
		b = &r->bench[i];
		if (b->variant == NULL)
			continue;
		known = 0;
		for (k = 0; k < c->cat->nvariants; k++)
			if (strcasecmp(c->cat->variants[k], b->variant) == 0)
				known = 1;
		if (known)
			continue;
		diag_add(d, ru->id, ru->sev, r->file, b->line, b->column,
		    "benchmarks.variant", b->variant, b->raw, "benchmark %s "
		    "has variant \"%s\", not a known split (test, val, "
		    "testmini, dev, …)", b->name, b->variant);
	}
}

/*
 * The patterns carry their own anchors (rules/knowledge.yaml), so that
 * the data alone says whether a pattern means one name or a family;
 * tests/rules/bench_names.tsv holds them to whole names.
 */
static const struct scale *
find_scale(const struct catalog *cat, const char *name)
{
	size_t		 i, ov[2];
	const char	*mark;
	char		*end;
	unsigned long	 k;

	if (cat->has_scales_any) {
		switch (rx_match_mark(&cat->scales_any, name, strlen(name),
		    &mark)) {
		case 0:
			return NULL;
		case 1:
			if (mark == NULL)
				break;
			k = strtoul(mark, &end, 10);
			if (*end == '\0' && k < cat->nscales)
				return &cat->scales[k];
			break;
		default:	/* a limit: try them one by one */
			break;
		}
	}
	for (i = 0; i < cat->nscales; i++)
		if (rx_match(&cat->scales[i].name, name, strlen(name), 0, ov,
		    2) == 1)
			return &cat->scales[i];
	return NULL;
}

/*
 * Pages of one site repeat the same benchmark names: each thread keeps
 * the scales of the names it met last, so a name costs one hash and one
 * comparison instead of one match of the merged pattern.  Names longer
 * than a slot are looked up every time.
 */
#define SCALE_MEMO	512

struct scale_memo {
	const struct catalog	*cat;
	unsigned long		 serial;
	int			 any;
	const struct scale	*sc;
	char			 name[56];
};

static _Thread_local struct scale_memo	tl_scales[SCALE_MEMO];

const struct scale *
check_bench_scale(const struct catalog *cat, const char *name)
{
	struct scale_memo	*m;
	size_t			 len = strlen(name);

	if (len >= sizeof(m->name))
		return find_scale(cat, name);
	m = &tl_scales[fnv1a(FNV_BASIS, name) % SCALE_MEMO];
	if (m->cat == cat && m->serial == cat->serial &&
	    m->any == cat->has_scales_any && strcmp(m->name, name) == 0)
		return m->sc;
	m->cat = cat;
	m->serial = cat->serial;
	m->any = cat->has_scales_any;
	m->sc = find_scale(cat, name);
	memcpy(m->name, name, len + 1);
	return m->sc;
}

static void
k_bench_range(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct bench	*b;
	const struct scale	*sc;
	size_t			 i;
	char			 v[64];

	for (i = 0; i < r->nbench; i++) {
		b = &r->bench[i];
		if (!b->has_score)
			continue;
		snprintf(v, sizeof(v), "%g%s", b->score, b->is_percent ?
		    "%" : "");
		if (b->is_percent && (b->score < 0 || b->score > 100))
			diag_add(d, ru->id, ru->sev, r->file, b->line,
			    b->column, "benchmarks.score", v, b->raw,
			    "benchmark %s score %s is outside 0-100 %%",
			    b->name, v);
		else if (!b->is_percent &&
		    (sc = check_bench_scale(c->cat, b->name)) != NULL &&
		    (b->score < sc->min || b->score > sc->max))
			diag_add(d, ru->id, ru->sev, r->file, b->line,
			    b->column, "benchmarks.score", v, b->raw,
			    "benchmark %s score %s is outside its scale "
			    "(%s)", b->name, v, sc->doc);
	}
}

static void
k_bench_scale(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct bench	*b;
	const struct scale	*sc;
	size_t			 i;
	char			 v[64];

	for (i = 0; i < r->nbench; i++) {
		b = &r->bench[i];
		if (!b->has_score || !b->is_percent)
			continue;
		if ((sc = check_bench_scale(c->cat, b->name)) == NULL ||
		    (sc->min == 0 && sc->max == 100))
			continue;
		snprintf(v, sizeof(v), "%g%%", b->score);
		diag_add(d, ru->id, ru->sev, r->file, b->line, b->column,
		    "benchmarks.score", v, b->raw, "benchmark %s is shown as "
		    "%s but its native scale is not a percentage (%s)",
		    b->name, v, sc->doc);
	}
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcasecmp(a, b) == 0;
}

static void
k_bench_duplicate(const struct rule *ru, const struct ctx *c,
    struct diag *d)
{
	const struct record	*r = R(c);
	const struct bench	*a, *b;
	struct finding		*fi;
	size_t			 i, j;
	char			 v[64];

	for (i = 0; i < r->nbench; i++) {
		b = &r->bench[i];
		for (j = 0; j < i; j++) {
			a = &r->bench[j];
			if (!same_str(a->name, b->name) ||
			    !same_str(a->variant, b->variant) ||
			    !a->has_score || !b->has_score ||
			    a->score == b->score)
				continue;
			snprintf(v, sizeof(v), "%g", b->score);
			fi = diag_add(d, ru->id, ru->sev, r->file, b->line,
			    b->column, "benchmarks", b->name, b->raw,
			    "benchmark %s%s%s is listed twice with different "
			    "scores: %g here, %g at line %u", b->name,
			    b->variant == NULL ? "" : " ",
			    b->variant == NULL ? "" : b->variant, b->score,
			    a->score, a->line);
			snprintf(v, sizeof(v), "%g", a->score);
			diag_related(fi, r->file, a->line, a->column, v);
			break;
		}
	}
}

static void
k_bench_average(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct seen	*avg = record_get(r, F_AVERAGE);
	size_t			 i, n = 0;
	double			 sum = 0, mean;
	char			 v[64];

	if (avg == NULL)
		return;
	for (i = 0; i < r->nbench; i++) {
		if (!r->bench[i].has_score || !r->bench[i].is_percent)
			continue;
		sum += r->bench[i].score;
		n++;
	}
	if (n < 2)
		return;
	mean = sum / (double)n;
	if (fabs(mean - avg->num) <= rule_num(ru, "tolerance", 1.0))
		return;
	snprintf(v, sizeof(v), "%g", avg->num);
	emit(d, ru, c, avg, "average_score", v, "average score %g differs "
	    "from the mean %.1f of the %zu listed percentage scores by %.1f "
	    "points", avg->num, mean, n, fabs(mean - avg->num));
}

/* ---- date ---- */

static int
date_days(const char *iso, long *out)
{
	return iso == NULL ? -1 : norm_date_serial(iso, out);
}

static void
k_date_valid(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct param	*p = rule_param(ru, "fields");
	const struct seen	*s;
	size_t			 i, j, k;
	long			 day;
	int			 era, y;
	double			 miny = rule_num(ru, "min_year", 2015);

	for (i = 0; i < F__COUNT; i++) {
		if (rec_fields[i].type != FT_DATE)
			continue;
		era = 0;
		for (k = 0; p != NULL && k < p->nlist; k++)
			if (strcmp(p->list[k], rec_fields[i].path) == 0)
				era = 1;
		for (j = 0; j < r->f[i].n; j++) {
			s = &r->f[i].v[j];
			if (s->missing)
				continue;
			if (s->status == NORM_INVALID) {
				emit(d, ru, c, s, rec_fields[i].path, s->raw,
				    "%s \"%s\" is not a real calendar date",
				    rec_fields[i].path, s->raw);
				continue;
			}
			if (s->status != NORM_OK || !era ||
			    date_days(s->str, &day) == -1)
				continue;
			y = atoi(s->str);
			if (y < miny)
				emit(d, ru, c, s, rec_fields[i].path, s->str,
				    "%s %s is before %g: a placeholder date or "
				    "a typo", rec_fields[i].path, s->str, miny);
			else if (day > c->now)
				emit(d, ru, c, s, rec_fields[i].path, s->str,
				    "%s %s is after today (%s)",
				    rec_fields[i].path, s->str, "--now");
		}
	}
}

/* Compare at the coarser precision: "2023-12" <= "2023-12-31". */
static int
date_cmp(const char *a, const char *b)
{
	size_t	n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);

	return strncmp(a, b, n);
}

/*
 * The next word of *s into out, as sscanf's %Ns with N = n - 1 would
 * read it (white space skipped, at most N bytes, the rest left for the
 * next word), without sscanf's cost on every page.  0 at the end.
 */
static int
next_word(const char **s, char *out, size_t n)
{
	const char	*p = *s;
	size_t		 k = 0;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	while (*p != '\0' && *p != ' ' && !(*p >= '\t' && *p <= '\r') &&
	    k + 1 < n)
		out[k++] = *p++;
	out[k] = '\0';
	*s = p;
	return k > 0;
}

static void
k_date_order(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct param	*p = rule_param(ru, "pairs");
	const struct seen	*a, *b;
	struct finding		*fi;
	char			 left[64], op[4], right[64];
	const char		*w;
	size_t			 i;
	int			 fa, fb, cmp, bad;

	if (p == NULL)
		return;
	for (i = 0; i < p->nlist; i++) {
		w = p->list[i];
		if (!next_word(&w, left, sizeof(left)) ||
		    !next_word(&w, op, sizeof(op)) ||
		    !next_word(&w, right, sizeof(right)))
			continue;
		fa = rec_field_by_path(left);
		fb = rec_field_by_path(right);
		if (fa < 0 || fb < 0)
			continue;
		a = record_get(R(c), fa);
		b = record_get(R(c), fb);
		if (a == NULL || b == NULL || a->str == NULL ||
		    b->str == NULL)
			continue;
		cmp = date_cmp(a->str, b->str);
		bad = strcmp(op, "<") == 0 ? cmp >= 0 : cmp > 0;
		if (!bad)
			continue;
		fi = emit(d, ru, c, a, left, a->str, "%s %s is after %s %s "
		    "(line %u); expected %s %s %s", left, a->str, right,
		    b->str, b->line, left, op, right);
		diag_related(fi, R(c)->file, b->line, b->column, b->str);
	}
}

static void
k_stale_refresh(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct seen	*s = record_get(R(c), F_REFRESHED);
	const struct seen	*cad = record_get(R(c), F_REFRESH_DAYS);
	long			 day;
	double			 every, factor = rule_num(ru, "factor", 2);

	if (s == NULL || cad == NULL || cad->num <= 0 ||
	    date_days(s->str, &day) == -1)
		return;
	every = cad->num;
	if ((double)(c->now - day) <= factor * every)
		return;
	emit(d, ru, c, s, "refreshed", s->str, "last refreshed %s, %ld "
	    "days before %s; the page promises a refresh every %g day%s "
	    "(stale after %g)", s->str, c->now - day, "--now", every,
	    every == 1 ? "" : "s", factor * every);
}

static void
k_stale_snapshot(const struct rule *ru, const struct ctx *c,
    struct diag *d)
{
	const struct seen	*s = record_get(R(c), F_SNAPSHOT);
	long			 day;
	double			 max = rule_num(ru, "max_days", 30);

	if (s == NULL || date_days(s->str, &day) == -1)
		return;
	if ((double)(c->now - day) <= max)
		return;
	emit(d, ru, c, s, "snapshot", s->str, "the page's own date is %s, "
	    "%ld days before --now (more than %g): an old copy", s->str,
	    c->now - day, max);
}

/* ---- spec ---- */

/* A size in a model name: "7B", "1.5b", not the "A22B" of MoE names. */
static int
name_size(const char *name, double *out)
{
	const char	*p;
	char		*end;
	double		 v;

	for (p = name; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			continue;
		if (p > name && ((p[-1] >= '0' && p[-1] <= '9') ||
		    p[-1] == '.' || p[-1] == 'A' || p[-1] == 'a' ||
		    p[-1] == 'x'))
			continue;
		v = strtod(p, &end);
		if ((*end == 'B' || *end == 'b') && (end[1] == '\0' ||
		    end[1] == ' ' || end[1] == '-' || end[1] == '_')) {
			*out = v * 1e9;
			return 1;
		}
		p = end - 1;
	}
	return 0;
}

static void
k_params(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct seen	*tot = record_get(r, F_PARAMS_TOTAL);
	const struct seen	*act = record_get(r, F_PARAMS_ACTIVE);
	const struct seen	*nm = record_get(r, F_MODEL_NAME), *s;
	struct finding		*fi;
	double			 tol = rule_num(ru, "tolerance", 0.15), ns;
	/* Names round: "7B" names the language model of an 8.3B
	   vision-language model, so the name gets a wider margin. */
	double			 ntol = rule_num(ru, "name_tolerance", 0.4);
	size_t			 j;
	char			 a[64], b[64];

	if (tot != NULL) {
		for (j = 0; j < r->f[F_PARAMS_TOTAL].n; j++) {
			s = &r->f[F_PARAMS_TOTAL].v[j];
			if (s == tot || !seen_usable(s) ||
			    agree_tokens(s->num, tot->num, tol))
				continue;
			fi = emit(d, ru, c, s, "params.total", s->raw,
			    "parameter count \"%s\" (%s) disagrees with "
			    "\"%s\" at line %u", s->raw, s->where, tot->raw,
			    tot->line);
			diag_related(fi, r->file, tot->line, tot->column,
			    tot->raw);
		}
	}
	if (tot != NULL && act != NULL && act->num > tot->num * 1.001) {
		fi = emit(d, ru, c, act, "params.active", act->raw, "active "
		    "parameters \"%s\" exceed total parameters \"%s\" (line "
		    "%u): the two are probably swapped", act->raw, tot->raw,
		    tot->line);
		diag_related(fi, r->file, tot->line, tot->column, tot->raw);
	}
	if (tot != NULL && nm != NULL && nm->str != NULL &&
	    name_size(nm->str, &ns) && !agree_tokens(ns, tot->num, ntol) &&
	    !(act != NULL && agree_tokens(ns, act->num, ntol))) {
		snprintf(a, sizeof(a), "%g", tot->num / 1e9);
		snprintf(b, sizeof(b), "%g", ns / 1e9);
		fi = emit(d, ru, c, tot, "params.total", tot->raw, "parameter "
		    "count %sB (\"%s\") disagrees with the %sB in the model "
		    "name \"%s\"", a, tot->raw, b, nm->str);
		diag_related(fi, r->file, nm->line, nm->column, nm->str);
	}
}

static void
k_id_format(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	const struct record	*r = R(c);
	const struct seen	*prov = record_get(r, F_PROVIDER);
	const struct seen	*id = record_get(r, F_MODEL_ID);
	const struct idfmt	*f;
	size_t			 i, ov[2];

	if (prov == NULL || id == NULL || prov->str == NULL ||
	    id->str == NULL)
		return;
	for (i = 0; i < c->cat->nidf; i++) {
		f = &c->cat->idf[i];
		if (rx_match(&f->provider, prov->str, strlen(prov->str), 0,
		    ov, 2) != 1)
			continue;
		if (rx_match(&f->pattern, id->str, strlen(id->str), 0, ov,
		    2) == 1)
			return;
		emit(d, ru, c, id, "model.id", id->str, "model id \"%s\" does "
		    "not fit %s's format %s", id->str, prov->str, f->doc);
		return;
	}
}

/* io.* findings are made by the loader stage; nothing per record. */
static void
k_none(const struct rule *ru, const struct ctx *c, struct diag *d)
{
	(void)ru;
	(void)c;
	(void)d;
}

static const struct kind kinds[] = {
	{ "unrecognized", 0, k_unrecognized },
	{ "required", 0, k_required },
	{ "seen-status", 0, k_seen_status },
	{ "mark", 0, k_mark },
	{ "truncated", 0, k_truncated },
	{ "price-bounds", 0, k_price_bounds },
	{ "ratio", 0, k_ratio },
	{ "agree", 0, k_agree },
	{ "unit-suspect", 0, k_unit_suspect },
	{ "cheapest-claim", 0, k_cheapest },
	{ "provider-count", 0, k_provider_count },
	{ "exceeds", 0, k_exceeds },
	{ "range", 0, k_range },
	{ "above", 0, k_above },
	{ "bench-note", 0, k_bench_note },
	{ "bench-variant", 0, k_bench_variant },
	{ "bench-range", 0, k_bench_range },
	{ "bench-scale", 0, k_bench_scale },
	{ "bench-duplicate", 0, k_bench_duplicate },
	{ "bench-average", 0, k_bench_average },
	{ "date-valid", 0, k_date_valid },
	{ "date-order", 0, k_date_order },
	{ "stale-refresh", 0, k_stale_refresh },
	{ "stale-snapshot", 0, k_stale_snapshot },
	{ "params", 0, k_params },
	{ "id-format", 0, k_id_format },
	{ "io", 0, k_none },
	/* Corpus kinds: run over all records (corpus.c). */
	{ "corpus-price-outlier", 1, k_none },
	{ "corpus-conflict", 1, k_none },
	{ "corpus-bench", 1, k_none },
	{ "corpus-capability", 1, k_none },
	{ "corpus-duplicate", 1, k_none },
	{ "drift", 1, k_none },
	{ "coverage", 1, k_none },
};

const struct kind *const check_kinds[] = {
	&kinds[0], &kinds[1], &kinds[2], &kinds[3], &kinds[4], &kinds[5],
	&kinds[6], &kinds[7], &kinds[8], &kinds[9], &kinds[10], &kinds[11],
	&kinds[12], &kinds[13], &kinds[14], &kinds[15], &kinds[16],
	&kinds[17], &kinds[18], &kinds[19], &kinds[20], &kinds[21],
	&kinds[22], &kinds[23], &kinds[24], &kinds[25], &kinds[26],
	&kinds[27], &kinds[28], &kinds[29], &kinds[30], &kinds[31],
	&kinds[32], &kinds[33], NULL
};

const struct kind *
check_kind_find(const char *name)
{
	size_t	i;

	for (i = 0; check_kinds[i] != NULL; i++)
		if (strcmp(check_kinds[i]->name, name) == 0)
			return check_kinds[i];
	return NULL;
}

int
checks_bind(struct catalog *cat, struct cl_error *err)
{
	struct rule	*r;
	size_t		 i;

	for (i = 0; i < cat->n; i++) {
		r = &cat->v[i];
		if (r->kindname == NULL ||
		    (r->kind = check_kind_find(r->kindname)) == NULL) {
			cl_error_set(err, cat->file, r->kindline, 0,
			    "rule %s: unknown kind '%s'", r->id,
			    r->kindname == NULL ? "" : r->kindname);
			return -1;
		}
		r->corpus = r->kind->corpus;
	}
	return 0;
}

void
checks_page(const struct catalog *cat, const struct ctx *c, struct diag *d)
{
	size_t	i;

	for (i = 0; i < cat->n; i++)
		if (cat->v[i].enabled && !cat->v[i].corpus)
			cat->v[i].kind->run(&cat->v[i], c, d);
}
