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
#include "report.h"
#include "xalloc.h"

char *
rep_safe(const char *s)
{
	struct buf		 b = { 0 };
	const unsigned char	*p;

	if (s == NULL)
		return xstrdup("");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			buf_printf(&b, "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			buf_printf(&b, "\\u%04x", p[1]);
			p++;
		} else
			buf_addc(&b, (char)*p);
	}
	return buf_take(&b);
}

static const char *const sev_color[] = {
	"", "\033[36m", "\033[33m", "\033[31m", ""
};

void
rep_text(FILE *fp, const struct diag *d, const struct rep_opts *o)
{
	const struct finding	*f;
	char			*file, *msg;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		f = &d->v[i];
		if (f->suppressed)
			continue;
		file = rep_safe(f->file);
		msg = rep_safe(f->message);
		if (o->color)
			fprintf(fp, "\033[1m%s:%u:%u:\033[0m %s%s:\033[0m %s "
			    "[%s]\n", file, f->line, f->column,
			    sev_color[f->sev], sev_name(f->sev), msg, f->rule);
		else
			fprintf(fp, "%s:%u:%u: %s: %s [%s]\n", file, f->line,
			    f->column, sev_name(f->sev), msg, f->rule);
		free(file);
		free(msg);
	}
}

void
rep_text_summary(FILE *fp, const struct diag *d, const struct rep_opts *o)
{
	size_t	c[4], sup;

	diag_count(d, c, &sup);
	fprintf(fp, "cardlint: %zu file%s, %zu error%s, %zu warning%s, "
	    "%zu info", o->files, o->files == 1 ? "" : "s", c[SEV_ERROR],
	    c[SEV_ERROR] == 1 ? "" : "s", c[SEV_WARNING],
	    c[SEV_WARNING] == 1 ? "" : "s", c[SEV_INFO]);
	if (sup > 0)
		fprintf(fp, ", %zu suppressed", sup);
	fputc('\n', fp);
}

static json_t *
jstr(const char *s)
{
	json_t	*j;

	if (s == NULL)
		return json_null();
	j = json_string(s);
	/* Not UTF-8 (a file name): keep it readable rather than drop it. */
	return j != NULL ? j : json_string("\xef\xbf\xbd");
}

void
rep_json(FILE *fp, const struct diag *d, const struct rep_opts *o)
{
	const struct finding	*f;
	json_t			*root, *arr, *e, *rel, *r, *sum;
	size_t			 i, j, c[4], sup;

	root = json_object();
	json_object_set_new(root, "tool", json_string("cardlint"));
	json_object_set_new(root, "version", json_string(o->version));
	json_object_set_new(root, "files", json_integer((json_int_t)o->files));
	arr = json_array();
	for (i = 0; i < d->n; i++) {
		f = &d->v[i];
		e = json_object();
		json_object_set_new(e, "rule", json_string(f->rule));
		json_object_set_new(e, "severity",
		    json_string(sev_name(f->sev)));
		json_object_set_new(e, "file", jstr(f->file));
		json_object_set_new(e, "line", json_integer(f->line));
		json_object_set_new(e, "column", json_integer(f->column));
		json_object_set_new(e, "field", jstr(f->field));
		json_object_set_new(e, "value", jstr(f->value));
		json_object_set_new(e, "message", jstr(f->message));
		rel = json_array();
		for (j = 0; j < f->nrel; j++) {
			r = json_object();
			json_object_set_new(r, "file", jstr(f->rel[j].file));
			json_object_set_new(r, "line",
			    json_integer(f->rel[j].line));
			json_object_set_new(r, "value", jstr(f->rel[j].value));
			json_array_append_new(rel, r);
		}
		json_object_set_new(e, "related", rel);
		json_object_set_new(e, "fingerprint",
		    json_string(f->fingerprint));
		if (f->suppressed)
			json_object_set_new(e, "suppressed", json_true());
		json_array_append_new(arr, e);
	}
	json_object_set_new(root, "findings", arr);
	diag_count(d, c, &sup);
	sum = json_object();
	json_object_set_new(sum, "error", json_integer((json_int_t)c[SEV_ERROR]));
	json_object_set_new(sum, "warning",
	    json_integer((json_int_t)c[SEV_WARNING]));
	json_object_set_new(sum, "info", json_integer((json_int_t)c[SEV_INFO]));
	json_object_set_new(sum, "suppressed", json_integer((json_int_t)sup));
	json_object_set_new(root, "summary", sum);
	json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	fputc('\n', fp);
	json_decref(root);
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
