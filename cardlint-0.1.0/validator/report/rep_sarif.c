/*
 * rep_sarif.c: the sarif writer, SARIF 2.1.0 with one run.
 *
 * The skeleton is written by hand and every rule and result is a jansson
 * value dumped at its nesting depth, so the file is indented as one
 * json_dumps would indent it while only one result is in memory at a
 * time.  Suppressed findings are included and marked: code scanning
 * shows them as dismissed instead of losing them.  Nothing depends on
 * the clock or the working directory, so goldens can compare the output
 * byte for byte.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "knowledge/catalog.h"
#include "findings/diag.h"
#include "base/utf8.h"
#include "report/report.h"
#include "base/xalloc.h"

#define SARIF_SCHEMA	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
			"errata01/os/schemas/sarif-schema-2.1.0.json"

/* Depths of the values written with rep_json_nested(). */
#define DEPTH_RULE	6	/* runs[0].tool.driver.rules[i] */
#define DEPTH_RUN	4	/* runs[0].results[i], invocations[i] */

struct sarif_rep {
	FILE			*fp;
	const struct catalog	*cat;
	size_t			 n;	/* results written */
};

static const char *const sarif_level[] = {
	"none", "note", "warning", "error", "error"
};

/* A JSON string of s that is always UTF-8: bad bytes become U+FFFD. */
static json_t *
sarif_str(const char *s)
{
	json_t	*j;
	char	*clean;

	if (s == NULL)
		s = "";
	if ((j = json_string(s)) != NULL)
		return j;
	clean = utf8_clean(s);
	j = json_string(clean);
	free(clean);
	return j;
}

/* A message object ({"text": s}), the form SARIF uses for prose. */
static json_t *
sarif_msg(const char *s)
{
	json_t	*m = json_object();

	json_object_set_new(m, "text", sarif_str(s));
	return m;
}

/*
 * A file name as a URI reference.  Only unreserved characters and '/'
 * stay as they are; every other byte is percent-encoded, so a space,
 * a ':' that would read as a scheme, '%', '#', '?' and bytes that are
 * not UTF-8 all come out as a plain ASCII URI.  An absolute name
 * becomes a file: URI, since a bare "/..." reference would be resolved
 * against the viewer's repository root.
 */
static char *
sarif_uri(const char *file)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b = { 0 };
	const unsigned char	*p;

	if (file[0] == '/')
		buf_adds(&b, "file://");
	for (p = (const unsigned char *)file; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			buf_addc(&b, (char)*p);
		else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 0xf]);
		}
	}
	return buf_take(&b);
}

/* "price.stale-refresh" -> "PriceStaleRefresh": SARIF's readable name. */
static json_t *
sarif_rule_name(const char *id)
{
	struct buf	 b = { 0 };
	json_t		*j;
	int		 up = 1;

	for (; *id != '\0'; id++) {
		if (*id == '.' || *id == '-' || *id == '_') {
			up = 1;
			continue;
		}
		if (up && *id >= 'a' && *id <= 'z')
			buf_addc(&b, (char)(*id - 'a' + 'A'));
		else
			buf_addc(&b, *id);
		up = 0;
	}
	j = sarif_str(b.p);
	buf_free(&b);
	return j;
}

static json_t *
sarif_rule_help(const struct rule *r)
{
	struct buf	 b = { 0 };
	json_t		*m;

	buf_adds(&b, r->rationale != NULL ? r->rationale : r->summary);
	if (r->bad != NULL)
		buf_printf(&b, "\n\nBad: %s", r->bad);
	if (r->good != NULL)
		buf_printf(&b, "%sGood: %s", r->bad != NULL ? "\n" : "\n\n",
		    r->good);
	m = sarif_msg(b.p);
	buf_free(&b);
	return m;
}

static json_t *
sarif_rule(const struct rule *r)
{
	json_t		*e, *cfg, *props, *tags;
	const char	*dot;

	e = json_object();
	json_object_set_new(e, "id", sarif_str(r->id));
	json_object_set_new(e, "name", sarif_rule_name(r->id));
	json_object_set_new(e, "shortDescription", sarif_msg(r->summary));
	json_object_set_new(e, "fullDescription", sarif_msg(r->rationale !=
	    NULL ? r->rationale : r->summary));
	json_object_set_new(e, "help", sarif_rule_help(r));
	cfg = json_object();
	json_object_set_new(cfg, "level",
	    json_string(sarif_level[r->defsev]));
	json_object_set_new(e, "defaultConfiguration", cfg);
	/* The id's family (price, bench, ...) lets viewers filter by it. */
	props = json_object();
	tags = json_array();
	dot = strchr(r->id, '.');
	json_array_append_new(tags, dot != NULL ?
	    json_stringn(r->id, (size_t)(dot - r->id)) : sarif_str(r->id));
	json_object_set_new(props, "tags", tags);
	json_object_set_new(props, "corpus", json_boolean(r->corpus));
	json_object_set_new(e, "properties", props);
	return e;
}

static void *
sarif_open(FILE *fp, const struct rep_opts *o)
{
	struct sarif_rep	*s = xcalloc(1, sizeof(*s));
	json_t			*v;
	char			*ver;
	size_t			 i;

	s->fp = fp;
	s->cat = o->cat;
	v = sarif_str(o->version != NULL ? o->version : "unknown");
	ver = json_dumps(v, JSON_ENCODE_ANY);
	json_decref(v);
	fprintf(fp, "{\n  \"$schema\": \"%s\",\n  \"version\": \"2.1.0\",\n"
	    "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	    "          \"name\": \"cardlint\",\n          \"version\": %s,\n"
	    "          \"rules\": [", SARIF_SCHEMA, ver);
	free(ver);
	for (i = 0; s->cat != NULL && i < s->cat->n; i++) {
		fputs(i > 0 ? ",\n" : "\n", fp);
		v = sarif_rule(&s->cat->v[i]);
		rep_json_nested(fp, v, DEPTH_RULE);
		json_decref(v);
	}
	fputs(i > 0 ? "\n          ]\n" : "]\n", fp);
	fputs("        }\n      },\n      \"results\": [", fp);
	return s;
}

/* physicalLocation of file:line:column; no region when line is 0. */
static json_t *
sarif_phys(const char *file, unsigned line, unsigned column,
    const char *snippet)
{
	json_t	*pl, *al, *rg, *sn;
	char	*uri;

	pl = json_object();
	al = json_object();
	uri = sarif_uri(file != NULL ? file : "");
	json_object_set_new(al, "uri", json_string(uri));
	free(uri);
	json_object_set_new(pl, "artifactLocation", al);
	if (line == 0)
		return pl;
	rg = json_object();
	json_object_set_new(rg, "startLine", json_integer(line));
	if (column > 0)
		json_object_set_new(rg, "startColumn", json_integer(column));
	if (snippet != NULL) {
		sn = json_object();
		json_object_set_new(sn, "text", sarif_str(snippet));
		json_object_set_new(rg, "snippet", sn);
	}
	json_object_set_new(pl, "region", rg);
	return pl;
}

/* The other places of the finding, each saying what value it holds. */
static json_t *
sarif_related(const struct finding *f)
{
	json_t			*a, *loc;
	const struct related_loc *r;
	char			*text;
	size_t			 i;

	a = json_array();
	for (i = 0; i < f->nrel; i++) {
		r = &f->rel[i];
		loc = json_object();
		json_object_set_new(loc, "id",
		    json_integer((json_int_t)i + 1));
		json_object_set_new(loc, "physicalLocation",
		    sarif_phys(r->file, r->line, r->column, NULL));
		if (r->value == NULL)
			text = xstrdup("the other place involved");
		else if (f->field != NULL)
			xasprintf(&text, "%s is %s here", f->field, r->value);
		else
			xasprintf(&text, "%s here", r->value);
		json_object_set_new(loc, "message", sarif_msg(text));
		free(text);
		json_array_append_new(a, loc);
	}
	return a;
}

static json_t *
sarif_result(const struct sarif_rep *s, const struct finding *f)
{
	json_t			*e, *locs, *loc, *fp, *sup, *why, *props;
	const struct rule	*r;

	e = json_object();
	json_object_set_new(e, "ruleId", sarif_str(f->rule));
	r = s->cat != NULL ? catalog_find(s->cat, f->rule) : NULL;
	if (r != NULL)
		json_object_set_new(e, "ruleIndex",
		    json_integer((json_int_t)(r - s->cat->v)));
	json_object_set_new(e, "level", json_string(sarif_level[f->sev]));
	json_object_set_new(e, "message", sarif_msg(f->message));
	locs = json_array();
	loc = json_object();
	json_object_set_new(loc, "physicalLocation",
	    sarif_phys(f->file, f->line, f->column, f->snippet));
	json_array_append_new(locs, loc);
	json_object_set_new(e, "locations", locs);
	if (f->nrel > 0)
		json_object_set_new(e, "relatedLocations", sarif_related(f));
	if (f->relmore > 0) {
		/* relatedLocations is bounded; the rest are counted. */
		props = json_object();
		json_object_set_new(props, "relatedMore",
		    json_integer((json_int_t)f->relmore));
		json_object_set_new(e, "properties", props);
	}
	fp = json_object();
	json_object_set_new(fp, "cardlint/v1", json_string(f->fingerprint));
	json_object_set_new(e, "partialFingerprints", fp);
	if (f->suppressed) {
		why = json_object();
		json_object_set_new(why, "kind", json_string("external"));
		json_object_set_new(why, "justification",
		    json_string("acknowledged in the baseline"));
		sup = json_array();
		json_array_append_new(sup, why);
		json_object_set_new(e, "suppressions", sup);
	}
	return e;
}

static void
sarif_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct sarif_rep	*s = arg;
	json_t			*e;
	size_t			 i;

	(void)file;
	(void)site;
	for (i = 0; i < n; i++) {
		fputs(s->n++ > 0 ? ",\n" : "\n", s->fp);
		e = sarif_result(s, &v[i]);
		rep_json_nested(s->fp, e, DEPTH_RUN);
		json_decref(e);
	}
}

static void
sarif_close(void *arg, const struct rep_totals *t)
{
	struct sarif_rep	*s = arg;

	(void)t;
	fputs(s->n > 0 ? "\n      ],\n" : "],\n", s->fp);
	/* Written last: only a run that got this far was successful. */
	fputs("      \"invocations\": [\n        {\n"
	    "          \"executionSuccessful\": true\n        }\n      ]\n"
	    "    }\n  ]\n}\n", s->fp);
	free(s);
}

const struct rep_format rep_sarif = {
	"sarif", sarif_open, sarif_page, sarif_close, NULL, NULL
};
