/*
 * trace.c: `extract --trace`.  The engine tells every candidate value
 * it meets (a pattern's capture, a table cell under a header, a value
 * next to a label) and its verdict; this file keeps them for one page
 * and, per record, says for each field with a value which profile entry
 * read it where, and for each expected field without one which
 * candidates were rejected and why, plus the lines that mention the
 * field's label words, so that a maintainer sees what a new pattern
 * has to match.  Nothing here runs unless --trace is given.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/xalloc.h"
#include "extract/extract.h"
#include "extract/generic.h"
#include "knowledge/lexicon.h"
#include "knowledge/profile.h"
#include "load/load.h"
#include "record/record.h"
#include "run/trace.h"

/* Candidates and mentions shown per field: a triage aid, not a dump. */
#define TR_MAXC		8
#define TR_MAXM		5
#define TR_TEXT		72

struct tnote {
	int		 fid;
	unsigned	 line;
	unsigned	 column;
	char		*raw;
	char		*by;		/* sites/NAME.yaml:LINE */
	const char	*entry;		/* pattern, tables, labels */
	char		*label;		/* NULL: none */
	enum ex_verdict	 verdict;
};

struct trace {
	struct ex_trace	 hook;
	struct tnote	*v;
	size_t		 n;
	size_t		 cap;
};

static const char *const verdicts[] = {
	"taken", "not-a-value", "no-unit", "amount", "other-currency",
	"skipped-line"
};

/* The generic profile's fields a person reads off any model page. */
static const int generic_expected[] = {
	F_MODEL_NAME, F_PRICE_INPUT, F_PRICE_OUTPUT, F_CONTEXT, F_MAX_OUTPUT
};

/* s cut to at most max bytes on a character boundary, tabs as spaces. */
static char *
short_dup(const char *s, size_t n, size_t max)
{
	char	*d;
	size_t	 i;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	d = xstrndup(s, n);
	for (i = 0; d[i] != '\0'; i++)
		if (d[i] == '\t' || d[i] == '\n')
			d[i] = ' ';
	return d;
}

/* The profile file from the rules directory on: sites/NAME.yaml. */
static const char *
rel_file(const char *file)
{
	const char	*s, *at = NULL;

	for (s = file; (s = strstr(s, "sites/")) != NULL; s++)
		at = s;
	return at != NULL ? at : file;
}

static void
got_note(void *arg, const struct ex_note *en)
{
	struct trace	*t = arg;
	struct tnote	*tn;

	xgrow(&t->v, &t->cap, t->n + 1, sizeof(*t->v));
	tn = &t->v[t->n++];
	tn->fid = en->fid;
	tn->line = en->line;
	tn->column = en->column;
	tn->raw = short_dup(en->raw, en->rawlen, TR_TEXT);
	xasprintf(&tn->by, "%s:%u", rel_file(en->p->file), en->x->yline);
	tn->entry = en->x->kind == X_TABLES ? "tables" :
	    en->x->kind == X_LABELS ? "labels" : "pattern";
	tn->label = en->label != NULL ? short_dup(en->label, en->labellen,
	    TR_TEXT) : NULL;
	tn->verdict = en->verdict;
}

struct trace *
trace_new(void)
{
	struct trace	*t = xcalloc(1, sizeof(*t));

	t->hook.note = got_note;
	t->hook.arg = t;
	return t;
}

void
trace_clear(struct trace *t)
{
	size_t	i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].raw);
		free(t->v[i].by);
		free(t->v[i].label);
	}
	t->n = 0;
}

void
trace_free(struct trace *t)
{
	if (t == NULL)
		return;
	trace_clear(t);
	free(t->v);
	free(t);
}

const struct ex_trace *
trace_hook(struct trace *t)
{
	return &t->hook;
}

static void
set_source(json_t *o, const struct tnote *tn)
{
	json_object_set_new(o, "line", json_integer(tn->line));
	json_object_set_new(o, "column", json_integer(tn->column));
	json_object_set_new(o, "raw", json_string(tn->raw));
	json_object_set_new(o, "by", json_string(tn->by));
	json_object_set_new(o, "entry", json_string(tn->entry));
	if (tn->label != NULL)
		json_object_set_new(o, "label", json_string(tn->label));
}

/* A candidate of fid: its own notes, and prices read as a pair. */
static int
is_of(const struct tnote *tn, int fid)
{
	return tn->fid == fid || (tn->fid == LX_PRICE_BOTH &&
	    (fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT));
}

static json_t *
value_json(int fid, const struct seen *sv)
{
	switch (rec_fields[fid].type) {
	case FT_STR:
	case FT_CURRENCY:
	case FT_DATE:
		return json_string(sv->str != NULL ? sv->str : "");
	case FT_MONEY:
		if (sv->missing)
			return json_null();
		return json_real(sv->num);
	default:
		return json_real(sv->num);
	}
}

static json_t *
found_json(const struct trace *t, int fid, const struct seen *sv)
{
	json_t		*o = json_object();
	const struct tnote *tn;
	size_t		 i;

	json_object_set_new(o, "field", json_string(rec_fields[fid].path));
	json_object_set_new(o, "status", json_string("found"));
	json_object_set_new(o, "value", value_json(fid, sv));
	if (rec_fields[fid].type == FT_MONEY && sv->currency[0] != '\0')
		json_object_set_new(o, "currency",
		    json_string(sv->currency));
	for (i = 0; i < t->n; i++) {
		tn = &t->v[i];
		if (tn->verdict == EX_TAKEN && tn->fid == fid &&
		    tn->line == sv->line && tn->column == sv->column) {
			set_source(o, tn);
			return o;
		}
	}
	json_object_set_new(o, "line", json_integer(sv->line));
	json_object_set_new(o, "column", json_integer(sv->column));
	json_object_set_new(o, "raw", json_string(sv->raw != NULL ?
	    sv->raw : ""));
	/* Settled from other fields, not read from the page itself. */
	json_object_set_new(o, "by", json_string(fid == F_MODEL_KEY ?
	    "model.name" : fid == F_PRICE_CURRENCY ? "the prices" :
	    "the record's other fields"));
	json_object_set_new(o, "entry", json_string("derived"));
	return o;
}

/* Page lines lo..hi that name fid by a label word of rules/labels.yaml. */
static json_t *
mentions(const struct profiles *ps, const struct page *pg, int fid,
    unsigned lo, unsigned hi)
{
	json_t		*a = json_array(), *m;
	char		*f, *s;
	size_t		 i;
	unsigned	 line, col;
	int		 lf;

	for (i = 0; i < pg->nlines && json_array_size(a) < TR_MAXM; i++) {
		page_pos(pg, pg->lines[i].off, &line, &col);
		if (line < lo || line > hi || pg->lines[i].len == 0)
			continue;
		f = lx_fold(pg->text + pg->lines[i].off, pg->lines[i].len);
		lf = ex_label(ps->lex, f, pg->lines[i].len);
		free(f);
		if (lf != fid && !(lf == LX_PRICE_BOTH &&
		    (fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT)))
			continue;
		m = json_object();
		json_object_set_new(m, "line", json_integer(line));
		s = short_dup(pg->text + pg->lines[i].off, pg->lines[i].len,
		    TR_TEXT);
		json_object_set_new(m, "text", json_string(s));
		free(s);
		json_array_append_new(a, m);
	}
	return a;
}

static json_t *
missed_json(const struct trace *t, const struct profiles *ps,
    const struct page *pg, int fid, unsigned lo, unsigned hi)
{
	json_t		*o = json_object(), *a = json_array(), *c;
	const struct tnote *tn;
	size_t		 i;

	json_object_set_new(o, "field", json_string(rec_fields[fid].path));
	json_object_set_new(o, "status", json_string("missing"));
	for (i = 0; i < t->n && json_array_size(a) < TR_MAXC; i++) {
		tn = &t->v[i];
		if (!is_of(tn, fid) || tn->line < lo || tn->line > hi)
			continue;
		c = json_object();
		set_source(c, tn);
		/* Taken, yet not this record's value: dropped later (a
		   pattern's better reading, another model's block). */
		json_object_set_new(c, "verdict", json_string(
		    tn->verdict == EX_TAKEN ? "dropped" :
		    verdicts[tn->verdict]));
		json_array_append_new(a, c);
	}
	if (json_array_size(a) == 0)
		json_object_set_new(o, "note",
		    json_string("no extractor matched"));
	json_object_set_new(o, "candidates", a);
	json_object_set_new(o, "mentions", mentions(ps, pg, fid, lo, hi));
	return o;
}

static int
expected(const struct profile *p, int fid)
{
	size_t	i;

	if (p == NULL)
		return 0;
	for (i = 0; i < p->nrequired; i++)
		if (p->required[i] == fid)
			return 1;
	if (p->fallback)
		for (i = 0; i < sizeof(generic_expected) /
		    sizeof(generic_expected[0]); i++)
			if (generic_expected[i] == fid)
				return 1;
	return 0;
}

/* The lines a record of a page of several was read from. */
static void
span_of(const struct record *r, unsigned *lo, unsigned *hi)
{
	size_t	i, j;

	*lo = (unsigned)-1;
	*hi = 0;
	for (i = 0; i < F__COUNT; i++)
		for (j = 0; j < r->f[i].n; j++) {
			if (r->f[i].v[j].line < *lo)
				*lo = r->f[i].v[j].line;
			if (r->f[i].v[j].line > *hi)
				*hi = r->f[i].v[j].line;
		}
	if (*hi == 0)
		*lo = 0;
}

json_t *
trace_record(const struct trace *t, const struct profiles *ps,
    const struct page *pg, const struct record *r, size_t i, size_t n)
{
	const struct profile	*p = profiles_get(ps, r->site);
	const struct seen	*sv;
	json_t			*o = json_object(), *a = json_array();
	unsigned		 lo = 0, hi = (unsigned)-1;
	int			 fid;

	json_object_set_new(o, "file", json_string(r->file));
	json_object_set_new(o, "record", json_integer((json_int_t)i + 1));
	json_object_set_new(o, "of", json_integer((json_int_t)n));
	json_object_set_new(o, "site", json_string(r->site));
	if (p != NULL)
		json_object_set_new(o, "profile",
		    json_string(rel_file(p->file)));
	if (n > 1)
		span_of(r, &lo, &hi);
	for (fid = 0; fid < F__COUNT; fid++) {
		if ((sv = record_get(r, (enum fid)fid)) != NULL)
			json_array_append_new(a, found_json(t, fid, sv));
		else if (expected(p, fid))
			json_array_append_new(a, missed_json(t, ps, pg, fid,
			    lo, hi));
	}
	json_object_set_new(o, "fields", a);
	return o;
}

static const char *
verdict_text(const char *v)
{
	static const char *const txt[][2] = {
		{ "dropped", "read, then dropped for a better reading" },
		{ "not-a-value", "not a value of the field" },
		{ "no-unit", "a price with no currency or unit stated" },
		{ "amount", "an amount with no unit (a calculator's cost)" },
		{ "other-currency", "the same model in another currency" },
		{ "skipped-line", "an example cost or a total" }
	};
	size_t	i;

	for (i = 0; i < sizeof(txt) / sizeof(txt[0]); i++)
		if (strcmp(txt[i][0], v) == 0)
			return txt[i][1];
	return v;
}

static const char *
str_of(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* "by tables at sites/generic.yaml:71, header 'Input'" */
static void
print_by(FILE *fp, const json_t *o)
{
	const char	*entry = str_of(o, "entry");

	if (strcmp(entry, "derived") == 0) {
		fprintf(fp, "derived from %s", str_of(o, "by"));
		return;
	}
	fprintf(fp, "by %s at %s", entry, str_of(o, "by"));
	if (json_object_get(o, "label") != NULL)
		fprintf(fp, ", %s '%s'", strcmp(entry, "tables") == 0 ?
		    "header" : "label", str_of(o, "label"));
}

static void
print_field(FILE *fp, const json_t *f)
{
	const json_t	*v = json_object_get(f, "value"), *a, *c;
	size_t		 i;

	fprintf(fp, "  %-18s ", str_of(f, "field"));
	if (strcmp(str_of(f, "status"), "found") == 0) {
		if (json_is_string(v))
			fprintf(fp, "'%s'", json_string_value(v));
		else if (json_object_get(f, "currency") != NULL)
			fprintf(fp, "%.15g %s per 1M", json_number_value(v),
			    str_of(f, "currency"));
		else if (json_is_number(v))
			fprintf(fp, "%.15g", json_number_value(v));
		else
			fputs("null", fp);
		fprintf(fp, "  %lld:%lld '%s'  ",
		    json_integer_value(json_object_get(f, "line")),
		    json_integer_value(json_object_get(f, "column")),
		    str_of(f, "raw"));
		print_by(fp, f);
		fputc('\n', fp);
		return;
	}
	fputs("not found", fp);
	if (json_object_get(f, "note") != NULL)
		fprintf(fp, ": %s", str_of(f, "note"));
	fputc('\n', fp);
	a = json_object_get(f, "candidates");
	json_array_foreach(a, i, c) {
		fprintf(fp, "      %lld:%lld '%s': %s (",
		    json_integer_value(json_object_get(c, "line")),
		    json_integer_value(json_object_get(c, "column")),
		    str_of(c, "raw"), verdict_text(str_of(c, "verdict")));
		print_by(fp, c);
		fputs(")\n", fp);
	}
	a = json_object_get(f, "mentions");
	if (json_array_size(a) > 0)
		fputs("      lines mentioning its label words:\n", fp);
	json_array_foreach(a, i, c)
		fprintf(fp, "        L%lld '%s'\n",
		    json_integer_value(json_object_get(c, "line")),
		    str_of(c, "text"));
}

void
trace_print(FILE *fp, const json_t *o)
{
	const json_t	*f;
	size_t		 i;

	fprintf(fp, "%s: record %lld of %lld, profile %s (%s)\n",
	    str_of(o, "file"),
	    json_integer_value(json_object_get(o, "record")),
	    json_integer_value(json_object_get(o, "of")), str_of(o, "site"),
	    str_of(o, "profile"));
	json_array_foreach(json_object_get(o, "fields"), i, f)
		print_field(fp, f);
}
