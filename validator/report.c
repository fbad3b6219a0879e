/*
 * report.c: the text and JSON writers, and the rule listings.
 *
 * Text quotes page text, so every control character (ESC above all) is
 * shown as \xNN: a scraped page cannot drive the user's terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalog.h"
#include "diag.h"
#include "load.h"
#include "report.h"
#include "xalloc.h"

/*
 * The length of the run at p that safe_put() copies as it is: it ends
 * at the NUL, a C0 control or DEL, or 0xc2, which may open a C1
 * control.  Page text is almost all such runs.
 */
static size_t
safe_span(const unsigned char *p, int keep_lines)
{
	const unsigned char	*q;

	for (q = p; *q != '\0'; q++) {
		if (*q == 0x7f || *q == 0xc2)
			break;
		if (*q < 0x20 && !(keep_lines && (*q == '\n' || *q == '\t')))
			break;
	}
	return (size_t)(q - p);
}

/* Append s to b with its controls shown as \xNN (C0, DEL) or \uNNNN
   (C1); NULL is the empty string. */
static void
safe_put(struct buf *b, const char *s, int keep_lines)
{
	const unsigned char	*p;
	size_t			 n;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s;; p++) {
		n = safe_span(p, keep_lines);
		if (n > 0)
			buf_add(b, p, n);
		p += n;
		if (*p == '\0')
			break;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			buf_printf(b, "\\u%04x", p[1]);
			p++;
		} else if (*p == 0xc2)
			buf_addc(b, (char)*p);
		else
			buf_printf(b, "\\x%02x", *p);
	}
}

static char *
safe_text(const char *s, int keep_lines)
{
	struct buf	b = { 0 };

	safe_put(&b, s, keep_lines);
	return buf_take(&b);
}

char *
rep_safe(const char *s)
{
	return safe_text(s, 0);
}

/*
 * Text for XML and HTML: valid UTF-8 (bad bytes become U+FFFD), control
 * characters other than newline and tab shown as \xNN, and U+FFFE/U+FFFF (not XML characters)
 * replaced.  The writers escape markup themselves.
 */
char *
rep_xml_text(const char *s)
{
	char	*clean, *safe, *p;

	clean = load_clean_utf8(s != NULL ? s : "");
	safe = safe_text(clean, 1);
	free(clean);
	for (p = safe; (p = strstr(p, "\xef\xbf")) != NULL; p += 3)
		if ((unsigned char)p[2] == 0xbe || (unsigned char)p[2] == 0xbf)
			p[2] = (char)0xbd;
	return safe;
}

static const char *const sev_color[] = {
	"", "\033[36m", "\033[33m", "\033[31m", ""
};

void
rep_totals_add(struct rep_totals *t, const struct finding *f)
{
	if (f->suppressed)
		t->suppressed++;
	else
		t->sev[f->sev]++;
}

void
rep_text_summary(FILE *fp, const struct rep_totals *t)
{
	fprintf(fp, "cardlint: %zu file%s, %zu error%s, %zu warning%s, "
	    "%zu info", t->files, t->files == 1 ? "" : "s", t->sev[SEV_ERROR],
	    t->sev[SEV_ERROR] == 1 ? "" : "s", t->sev[SEV_WARNING],
	    t->sev[SEV_WARNING] == 1 ? "" : "s", t->sev[SEV_INFO]);
	if (t->suppressed > 0)
		fprintf(fp, ", %zu suppressed", t->suppressed);
	fputc('\n', fp);
}

/* text: one line per unsuppressed finding. */
struct text_rep {
	FILE	*fp;
	int	 color;
};

static void *
text_open(FILE *fp, const struct rep_opts *o)
{
	struct text_rep	*t = xcalloc(1, sizeof(*t));

	t->fp = fp;
	t->color = o->color;
	return t;
}

static void
text_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct text_rep		*t = arg;
	const struct finding	*f;
	char			*fname, *msg;
	size_t			 i;

	(void)site;
	if (n == 0)
		return;
	fname = rep_safe(file);
	for (i = 0; i < n; i++) {
		f = &v[i];
		if (f->suppressed)
			continue;
		msg = rep_safe(f->message);
		if (t->color)
			fprintf(t->fp, "\033[1m%s:%u:%u:\033[0m %s%s:\033[0m "
			    "%s [%s]\n", fname, f->line, f->column,
			    sev_color[f->sev], sev_name(f->sev), msg, f->rule);
		else
			fprintf(t->fp, "%s:%u:%u: %s: %s [%s]\n", fname,
			    f->line, f->column, sev_name(f->sev), msg, f->rule);
		free(msg);
	}
	free(fname);
}

static void
text_close(void *arg, const struct rep_totals *tot)
{
	(void)tot;
	free(arg);
}

static const struct rep_format rep_text = {
	"text", text_open, text_page, text_close
};

json_t *
rep_jstr(const char *s)
{
	json_t	*j;

	if (s == NULL)
		return json_null();
	char	*clean;

	if ((j = json_string(s)) != NULL)
		return j;
	/* Not UTF-8 (a file name): only the bad bytes become U+FFFD. */
	clean = load_clean_utf8(s);
	j = json_string(clean);
	free(clean);
	return j != NULL ? j : json_string("\xef\xbf\xbd");
}

#define JSON_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER | \
			 JSON_REAL_PRECISION(15))

static int
json_put(const char *buf, size_t size, void *data)
{
	return fwrite(buf, 1, size, data) == size ? 0 : -1;
}

/* JSON text never holds a raw newline inside a string, so indenting
   every line of the dump nests it exactly. */
void
rep_json_nested(FILE *fp, json_t *j, int depth)
{
	char		*s, *p, *nl;

	if (depth == 0) {
		json_dump_callback(j, json_put, fp, JSON_FLAGS);
		return;
	}
	s = json_dumps(j, JSON_FLAGS);
	fprintf(fp, "%*s", depth * 2, "");
	for (p = s; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		fwrite(p, 1, (size_t)(nl - p) + 1, fp);
		fprintf(fp, "%*s", depth * 2, "");
	}
	fputs(p, fp);
	free(s);
}

/* json: the object of cli.md, written finding by finding. */
struct json_rep {
	FILE	*fp;
	size_t	 n;
};

static void *
json_open(FILE *fp, const struct rep_opts *o)
{
	struct json_rep	*j = xcalloc(1, sizeof(*j));
	json_t		*v = json_string(o->version);

	j->fp = fp;
	fputs("{\n  \"tool\": \"cardlint\",\n  \"version\": ", fp);
	json_dump_callback(v, json_put, fp, JSON_ENCODE_ANY);
	json_decref(v);
	fprintf(fp, ",\n  \"files\": %zu,\n  \"findings\": [", o->files);
	return j;
}

json_t *
rep_finding_json(const struct finding *f)
{
	json_t	*e, *rel, *r;
	size_t	 j;

	e = json_object();
	json_object_set_new(e, "rule", json_string(f->rule));
	json_object_set_new(e, "severity", json_string(sev_name(f->sev)));
	json_object_set_new(e, "file", rep_jstr(f->file));
	json_object_set_new(e, "line", json_integer(f->line));
	json_object_set_new(e, "column", json_integer(f->column));
	json_object_set_new(e, "field", rep_jstr(f->field));
	json_object_set_new(e, "value", rep_jstr(f->value));
	json_object_set_new(e, "message", rep_jstr(f->message));
	rel = json_array();
	for (j = 0; j < f->nrel; j++) {
		r = json_object();
		json_object_set_new(r, "file", rep_jstr(f->rel[j].file));
		json_object_set_new(r, "line", json_integer(f->rel[j].line));
		json_object_set_new(r, "value", rep_jstr(f->rel[j].value));
		json_array_append_new(rel, r);
	}
	json_object_set_new(e, "related", rel);
	json_object_set_new(e, "fingerprint", json_string(f->fingerprint));
	if (f->suppressed)
		json_object_set_new(e, "suppressed", json_true());
	return e;
}

static void
json_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct json_rep	*j = arg;
	json_t		*e;
	size_t		 i;

	(void)file;
	(void)site;
	for (i = 0; i < n; i++) {
		fputs(j->n++ > 0 ? ",\n" : "\n", j->fp);
		e = rep_finding_json(&v[i]);
		rep_json_nested(j->fp, e, 2);
		json_decref(e);
	}
}

static void
json_close(void *arg, const struct rep_totals *t)
{
	struct json_rep	*j = arg;

	fputs(j->n > 0 ? "\n  ],\n" : "],\n", j->fp);
	fprintf(j->fp, "  \"summary\": {\n    \"error\": %zu,\n"
	    "    \"warning\": %zu,\n    \"info\": %zu,\n"
	    "    \"suppressed\": %zu\n  }\n}\n", t->sev[SEV_ERROR],
	    t->sev[SEV_WARNING], t->sev[SEV_INFO], t->suppressed);
	free(j);
}

static const struct rep_format rep_json = {
	"json", json_open, json_page, json_close
};

static const struct rep_format *const formats[] = {
	&rep_text, &rep_json, &rep_sarif, &rep_junit, &rep_github,
	&rep_gitlab, &rep_html
};
#define NFORMATS	(sizeof(formats) / sizeof(formats[0]))

struct rep {
	const struct rep_format	*fmt;
	void			*state;
	FILE			*fp;
};

static const struct rep_format *
format_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

int
rep_format_ok(const char *name)
{
	return format_find(name) != NULL;
}

const char *
rep_format_list(void)
{
	return "text, json, sarif, junit, github, gitlab or html";
}

struct rep *
rep_open(const char *format, FILE *fp, const struct rep_opts *o)
{
	struct rep	*r;

	r = xcalloc(1, sizeof(*r));
	r->fmt = format_find(format);
	if (r->fmt == NULL)
		r->fmt = &rep_text;
	r->fp = fp;
	r->state = r->fmt->open(fp, o);
	return r;
}

void
rep_page(struct rep *r, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	r->fmt->page(r->state, file, site, v, n);
}

int
rep_close(struct rep *r, const struct rep_totals *t)
{
	int	rc;

	r->fmt->close(r->state, t);
	rc = ferror(r->fp) ? -1 : 0;
	free(r);
	return rc;
}

/* The README's rule table: generated, and checked by tests/readme.sh. */
void
rep_rules_markdown(FILE *fp, const struct catalog *c)
{
	size_t	i;

	fputs("| id | severity | scope | fires when |\n", fp);
	fputs("|---|---|---|---|\n", fp);
	for (i = 0; i < c->n; i++)
		fprintf(fp, "| `%s` | %s | %s | %s |\n", c->v[i].id,
		    sev_name(c->v[i].defsev), c->v[i].corpus ? "corpus" :
		    strcmp(c->v[i].kindname, "io") == 0 ? "file" : "page",
		    c->v[i].summary);
}

void
rep_rules_text(FILE *fp, const struct catalog *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		fprintf(fp, "%-28s %-8s %s%s\n", c->v[i].id,
		    sev_name(c->v[i].defsev), c->v[i].summary,
		    c->v[i].corpus ? " (corpus)" : "");
}

static json_t *
params_json(const struct rule *r)
{
	json_t	*o = json_object(), *a;
	size_t	 i, j;

	for (i = 0; i < r->nparams; i++) {
		const struct param *p = &r->params[i];

		if (p->str != NULL)
			json_object_set_new(o, p->name, p->is_num ?
			    json_real(p->num) : json_string(p->str));
		else {
			a = json_array();
			for (j = 0; j < p->nlist; j++)
				json_array_append_new(a,
				    json_string(p->list[j]));
			json_object_set_new(o, p->name, a);
		}
	}
	return o;
}

void
rep_rules_json(FILE *fp, const struct catalog *c)
{
	json_t	*a = json_array(), *e;
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		e = json_object();
		json_object_set_new(e, "id", json_string(c->v[i].id));
		json_object_set_new(e, "severity",
		    json_string(sev_name(c->v[i].defsev)));
		json_object_set_new(e, "summary",
		    json_string(c->v[i].summary));
		json_object_set_new(e, "corpus", json_boolean(c->v[i].corpus));
		json_object_set_new(e, "kind", json_string(c->v[i].kindname));
		json_object_set_new(e, "params", params_json(&c->v[i]));
		json_array_append_new(a, e);
	}
	json_dumpf(a, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	fputc('\n', fp);
	json_decref(a);
}

int
rep_explain(FILE *fp, const struct catalog *c, const char *id)
{
	const struct rule	*r = catalog_find(c, id);
	size_t			 i, j;

	if (r == NULL)
		return -1;
	fprintf(fp, "%s (%s%s)\n\n%s\n\n%s\n", r->id, sev_name(r->defsev),
	    r->corpus ? ", corpus: needs every page of a refresh" : "",
	    r->summary, r->rationale);
	if (r->nparams > 0) {
		fputs("\nParameters (set in .cardlint.yaml under rules:):\n",
		    fp);
		for (i = 0; i < r->nparams; i++) {
			fprintf(fp, "  %s: ", r->params[i].name);
			if (r->params[i].str != NULL)
				fprintf(fp, "%s\n", r->params[i].str);
			else {
				for (j = 0; j < r->params[i].nlist; j++)
					fprintf(fp, "%s%s", j ? ", " : "[",
					    r->params[i].list[j]);
				fputs("]\n", fp);
			}
		}
	}
	if (r->bad != NULL)
		fprintf(fp, "\nBad:  %s\n", r->bad);
	if (r->good != NULL)
		fprintf(fp, "Good: %s\n", r->good);
	return 0;
}
