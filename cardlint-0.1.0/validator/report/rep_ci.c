/*
 * rep_ci.c: the formats CI systems read.
 *
 * junit:  one <testsuite> per file, one <testcase> per rule that ran, a
 *         <failure> per finding at or above --fail-on; written with
 *         libxml2's xmlTextWriter, so every name and message is escaped.
 * github: workflow commands; at most GH_CAP annotations per severity
 *         (the viewer drops the rest), then one summary line.
 * gitlab: Code Quality JSON, one issue per unsuppressed finding.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/xmlwriter.h>

#include "knowledge/catalog.h"
#include "findings/diag.h"
#include "report/report.h"
#include "base/xalloc.h"

/* ---- junit ---- */

struct junit_rep {
	xmlTextWriterPtr	 w;
	const struct catalog	*cat;
	enum sev		 fail_on;
};

static void *
junit_open(FILE *fp, const struct rep_opts *o)
{
	struct junit_rep	*j = xcalloc(1, sizeof(*j));
	xmlOutputBufferPtr	 out;

	j->cat = o->cat;
	j->fail_on = (enum sev)o->fail_on;
	out = xmlOutputBufferCreateFile(fp, NULL);
	if (out == NULL || (j->w = xmlNewTextWriter(out)) == NULL) {
		fputs("cardlint: cannot start the JUnit writer\n", stderr);
		return j;
	}
	xmlTextWriterSetIndent(j->w, 1);
	xmlTextWriterSetIndentString(j->w, BAD_CAST "  ");
	xmlTextWriterStartDocument(j->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(j->w, BAD_CAST "testsuites");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "name", BAD_CAST "cardlint");
	return j;
}

static void
attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char	*s = rep_xml_text(value);

	xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST s);
	free(s);
}

static void
attr_num(xmlTextWriterPtr w, const char *name, size_t n)
{
	xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, "%zu", n);
}

static int
fails(const struct junit_rep *j, const struct finding *f)
{
	return !f->suppressed && j->fail_on != SEV_NEVER && f->sev >= j->fail_on;
}

/* The body of a failure: where, what, and the page text. */
static char *
failure_text(const struct finding *f)
{
	struct buf	b = { 0 };
	char		*s;
	size_t		 i;

	buf_printf(&b, "%s:%u:%u: %s: %s", f->file, f->line, f->column,
	    sev_name(f->sev), f->message);
	if (f->value != NULL)
		buf_printf(&b, "\nvalue: %s", f->value);
	if (f->snippet != NULL)
		buf_printf(&b, "\npage: %s", f->snippet);
	for (i = 0; i < f->nrel; i++)
		buf_printf(&b, "\nsee also: %s:%u %s", f->rel[i].file,
		    f->rel[i].line, f->rel[i].value != NULL ?
		    f->rel[i].value : "");
	if (f->relmore > 0)
		buf_printf(&b, "\nsee also: %zu more", f->relmore);
	s = rep_xml_text(b.p != NULL ? b.p : "");
	free(b.p);
	return s;
}

static void
junit_case(struct junit_rep *j, const char *site, const struct rule *r,
    const struct finding *v, size_t n)
{
	xmlTextWriterPtr	 w = j->w;
	struct buf		 out = { 0 };
	size_t			 i, sup = 0;
	char			*s;

	xmlTextWriterStartElement(w, BAD_CAST "testcase");
	attr(w, "name", r->id);
	attr(w, "classname", site != NULL ? site : "cardlint");
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].rule, r->id) != 0)
			continue;
		if (v[i].suppressed) {
			sup++;
			continue;
		}
		s = failure_text(&v[i]);
		if (!fails(j, &v[i])) {
			buf_printf(&out, "%s\n", s);
			free(s);
			continue;
		}
		xmlTextWriterStartElement(w, BAD_CAST "failure");
		attr(w, "type", sev_name(v[i].sev));
		attr(w, "message", v[i].message);
		xmlTextWriterWriteString(w, BAD_CAST s);
		xmlTextWriterEndElement(w);
		free(s);
	}
	if (sup > 0) {
		xmlTextWriterStartElement(w, BAD_CAST "skipped");
		xmlTextWriterWriteFormatAttribute(w, BAD_CAST "message",
		    "%zu finding%s acknowledged in the baseline", sup,
		    sup == 1 ? "" : "s");
		xmlTextWriterEndElement(w);
	}
	if (out.p != NULL) {
		/* Findings below --fail-on: reported, not failing. */
		xmlTextWriterWriteElement(w, BAD_CAST "system-out",
		    BAD_CAST out.p);
		free(out.p);
	}
	xmlTextWriterEndElement(w);
}

static void
junit_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct junit_rep	*j = arg;
	const struct rule	*r;
	size_t			 i, k, tests = 0, failed = 0, skipped = 0;
	int			 f, s;

	if (j->w == NULL)
		return;
	for (k = 0; k < j->cat->n; k++) {
		r = &j->cat->v[k];
		if (!r->enabled)
			continue;
		tests++;
		f = s = 0;
		for (i = 0; i < n; i++) {
			if (strcmp(v[i].rule, r->id) != 0)
				continue;
			f |= fails(j, &v[i]);
			s |= v[i].suppressed;
		}
		failed += f;
		skipped += s && !f;
	}
	xmlTextWriterStartElement(j->w, BAD_CAST "testsuite");
	attr(j->w, "name", file);
	attr_num(j->w, "tests", tests);
	attr_num(j->w, "failures", failed);
	attr_num(j->w, "errors", 0);
	attr_num(j->w, "skipped", skipped);
	attr(j->w, "file", file);
	for (k = 0; k < j->cat->n; k++)
		if (j->cat->v[k].enabled)
			junit_case(j, site, &j->cat->v[k], v, n);
	xmlTextWriterEndElement(j->w);
}

static void
junit_close(void *arg, const struct rep_totals *t)
{
	struct junit_rep	*j = arg;

	(void)t;
	if (j->w != NULL) {
		xmlTextWriterEndDocument(j->w);
		xmlFreeTextWriter(j->w);
	}
	free(j);
}

const struct rep_format rep_junit = {
	"junit", junit_open, junit_page, junit_close, NULL, NULL
};

/* ---- github ---- */

#define GH_CAP	10

struct gh_rep {
	FILE	*fp;
	size_t	 shown[4];
	size_t	 hidden[4];
};

static void *
gh_open(FILE *fp, const struct rep_opts *o)
{
	struct gh_rep	*g = xcalloc(1, sizeof(*g));

	(void)o;
	g->fp = fp;
	return g;
}

/*
 * Workflow command escaping: in the message %, CR and LF; in a property
 * value also : and ,.  Other control characters are then made visible,
 * so page text cannot start a workflow command of its own.
 */
static void
gh_put(FILE *fp, const char *s, int prop)
{
	struct buf	 b = { 0 };
	char		*safe;

	for (; *s != '\0'; s++) {
		if (*s == '%')
			buf_adds(&b, "%25");
		else if (*s == '\r')
			buf_adds(&b, "%0D");
		else if (*s == '\n')
			buf_adds(&b, "%0A");
		else if (prop && *s == ':')
			buf_adds(&b, "%3A");
		else if (prop && *s == ',')
			buf_adds(&b, "%2C");
		else
			buf_addc(&b, *s);
	}
	safe = rep_safe(b.p);
	fputs(safe, fp);
	free(safe);
	buf_free(&b);
}

static const char *const gh_level[] = {
	"notice", "notice", "warning", "error", "error"
};

static void
gh_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct gh_rep		*g = arg;
	const struct finding	*f;
	size_t			 i;

	(void)site;
	for (i = 0; i < n; i++) {
		f = &v[i];
		if (f->suppressed)
			continue;
		if (g->shown[f->sev] >= GH_CAP) {
			g->hidden[f->sev]++;
			continue;
		}
		g->shown[f->sev]++;
		fprintf(g->fp, "::%s file=", gh_level[f->sev]);
		gh_put(g->fp, file, 1);
		fprintf(g->fp, ",line=%u,col=%u,title=", f->line, f->column);
		gh_put(g->fp, f->rule, 1);
		fputs("::", g->fp);
		gh_put(g->fp, f->message, 0);
		fputc('\n', g->fp);
	}
}

static void
gh_close(void *arg, const struct rep_totals *t)
{
	struct gh_rep	*g = arg;
	size_t		 h = g->hidden[SEV_ERROR] + g->hidden[SEV_WARNING] +
			    g->hidden[SEV_INFO];

	if (h > 0)
		fprintf(g->fp, "::%s title=cardlint::%zu more finding%s not "
		    "annotated (%zu error, %zu warning, %zu info; GitHub shows "
		    "%d per severity). Totals: %zu error, %zu warning, %zu "
		    "info. Run cardlint check --format text for the full "
		    "list.\n", g->hidden[SEV_ERROR] > 0 ? "error" : "warning",
		    h, h == 1 ? "" : "s", g->hidden[SEV_ERROR],
		    g->hidden[SEV_WARNING], g->hidden[SEV_INFO], GH_CAP,
		    t->sev[SEV_ERROR], t->sev[SEV_WARNING], t->sev[SEV_INFO]);
	free(g);
}

const struct rep_format rep_github = {
	"github", gh_open, gh_page, gh_close, NULL, NULL
};

/* ---- gitlab ---- */

struct gl_rep {
	FILE	*fp;
	size_t	 n;
};

static void *
gl_open(FILE *fp, const struct rep_opts *o)
{
	struct gl_rep	*g = xcalloc(1, sizeof(*g));

	(void)o;
	g->fp = fp;
	fputc('[', fp);
	return g;
}

static const char *const gl_sev[] = {
	"info", "info", "minor", "major", "major"
};

static void
gl_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct gl_rep	*g = arg;
	json_t		*e, *loc, *lines;
	char		 fp[17 + 12];
	size_t		 i, k, dup;

	(void)site;
	for (i = 0; i < n; i++) {
		if (v[i].suppressed)
			continue;
		/* GitLab wants unique fingerprints: number the repeats of
		   one (rule, field, value) on a page, keeping the first. */
		for (dup = 0, k = 0; k < i; k++)
			if (strcmp(v[k].fingerprint, v[i].fingerprint) == 0)
				dup++;
		if (dup == 0)
			snprintf(fp, sizeof(fp), "%s", v[i].fingerprint);
		else
			snprintf(fp, sizeof(fp), "%s-%zu", v[i].fingerprint,
			    dup);
		e = json_object();
		json_object_set_new(e, "description", rep_jstr(v[i].message));
		json_object_set_new(e, "check_name", json_string(v[i].rule));
		json_object_set_new(e, "fingerprint", json_string(fp));
		json_object_set_new(e, "severity",
		    json_string(gl_sev[v[i].sev]));
		loc = json_object();
		json_object_set_new(loc, "path", rep_jstr(file));
		lines = json_object();
		json_object_set_new(lines, "begin", json_integer(v[i].line));
		json_object_set_new(loc, "lines", lines);
		json_object_set_new(e, "location", loc);
		fputs(g->n++ > 0 ? ",\n" : "\n", g->fp);
		rep_json_nested(g->fp, e, 1);
		json_decref(e);
	}
}

static void
gl_close(void *arg, const struct rep_totals *t)
{
	struct gl_rep	*g = arg;

	(void)t;
	fputs(g->n > 0 ? "\n]\n" : "]\n", g->fp);
	free(g);
}

const struct rep_format rep_gitlab = {
	"gitlab", gl_open, gl_page, gl_close, NULL, NULL
};
