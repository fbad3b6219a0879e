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

#include "knowledge/catalog.h"
#include "findings/diag.h"
#include "base/utf8.h"
#include "report/report.h"
#include "base/xalloc.h"

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

	clean = utf8_clean(s != NULL ? s : "");
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

void
rep_text_render(struct buf *out, const char *file, const struct finding *v,
    size_t n, int color)
{
	const struct finding	*f;
	struct buf		 fb = { 0 };
	size_t			 i;

	if (n == 0)
		return;
	/* The same on every line: made safe once. */
	safe_put(&fb, file, 0);
	for (i = 0; i < n; i++) {
		f = &v[i];
		if (f->suppressed)
			continue;
		if (color)
			buf_add(out, "\033[1m", 4);
		buf_add(out, fb.p, fb.len);
		buf_addc(out, ':');
		buf_addu(out, f->line);
		buf_addc(out, ':');
		buf_addu(out, f->column);
		if (color) {
			buf_add(out, ":\033[0m ", 6);
			buf_adds(out, sev_color[f->sev]);
			buf_adds(out, sev_name(f->sev));
			buf_add(out, ":\033[0m ", 6);
		} else {
			buf_add(out, ": ", 2);
			buf_adds(out, sev_name(f->sev));
			buf_add(out, ": ", 2);
		}
		safe_put(out, f->message, 0);
		buf_add(out, " [", 2);
		buf_adds(out, f->rule);
		buf_add(out, "]\n", 2);
	}
	buf_free(&fb);
}

/* text: one line per unsuppressed finding. */
struct text_rep {
	FILE		*fp;
	int		 color;
	struct buf	 out;		/* one page, reused */
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
text_rendered(void *arg, const struct finding *v, size_t n,
    const struct buf *b)
{
	struct text_rep	*t = arg;

	(void)v;
	(void)n;
	if (b->len > 0)
		fwrite(b->p, 1, b->len, t->fp);
}

static void
text_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct text_rep	*t = arg;

	(void)site;
	t->out.len = 0;
	rep_text_render(&t->out, file, v, n, t->color);
	text_rendered(t, v, n, &t->out);
}

static void
text_close(void *arg, const struct rep_totals *tot)
{
	struct text_rep	*t = arg;

	(void)tot;
	buf_free(&t->out);
	free(t);
}

static void
text_render(const void *arg, struct buf *out, const char *file,
    const struct finding *v, size_t n)
{
	const struct text_rep	*t = arg;

	rep_text_render(out, file, v, n, t->color);
}

static const struct rep_format rep_text = {
	"text", text_open, text_page, text_close, text_render, text_rendered
};

/*
 * Set the string value js to s or, when s is not UTF-8 (a file name),
 * to s with only the bad bytes made U+FFFD.  -1 if even that fails.
 */
static int
jstr_set(json_t *js, const char *s)
{
	char	*clean;
	int	 rc;

	if (json_string_set(js, s) == 0)
		return 0;
	clean = utf8_clean(s);
	rc = json_string_set(js, clean);
	free(clean);
	return rc == 0 ? 0 : json_string_set(js, "\xef\xbf\xbd");
}

json_t *
rep_jstr(const char *s)
{
	json_t	*j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	j = json_string("");
	if (j != NULL && jstr_set(j, s) == -1) {
		json_decref(j);
		j = NULL;
	}
	return j;
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

/*
 * json: the object of cli.md, written finding by finding.  The bytes are
 * those of rep_json_nested() on the jansson tree of each finding (as
 * JSON_INDENT(2) and JSON_PRESERVE_ORDER lay it out at depth 2), built
 * straight into a buffer: the tree, its hash tables and the re-indenting
 * were most of the cost of a run.  A string that needs escaping is
 * escaped by jansson; plain printable ASCII is copied (plain_len()).
 */
struct json_rep {
	FILE		*fp;
	size_t		 n;
	struct buf	 out;		/* one page, reused */
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

static int
json_buf_put(const char *p, size_t size, void *data)
{
	buf_add(data, p, size);
	return 0;
}

/*
 * The JSON a member last got, to write it again rather than escape the
 * same string again: the findings of a page mostly share their file and
 * often their severity.  off is where the bytes are in the buffer.
 */
struct json_memo {
	const char	*s;
	size_t		 off;
	size_t		 len;
};

/*
 * Where a finding is written: the buffer, and one string value that
 * every string needing escaping goes through on its way to jansson, so
 * that a string costs no jansson value of its own.
 */
struct json_w {
	struct buf		*b;
	json_t			*js;
	struct json_memo	 rule, sev, file, field, relfile;
};

/* Members are given as ",\n<indent>\"key\": "; the first of an object
   goes without the comma. */
static void
json_key(struct json_w *w, int *first, const char *key)
{
	buf_adds(w->b, key + (*first ? 1 : 0));
	*first = 0;
}

/*
 * The length of the start of s that jansson writes as it is: printable
 * ASCII but the quote and the backslash (JSON_ESCAPE_SLASH and
 * JSON_ENSURE_ASCII are not used).  When that is all of s, s needs no
 * escaping and is copied between quotes; anything else, jansson escapes.
 */
static size_t
plain_len(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
		p++;
	return (size_t)(p - (const unsigned char *)s);
}

/*
 * s between quotes as json_dump_callback() writes a string (the first
 * plain bytes known plain): quote, backslash and C0 controls escaped,
 * UTF-8 as it is.  -1, with part of it written, when s is not UTF-8.
 */
static int
json_utf8(struct buf *b, const char *s, size_t plain)
{
	const unsigned char	*p = (const unsigned char *)s + plain;
	char			 esc[8];
	size_t			 n;

	buf_addc(b, '"');
	buf_add(b, s, plain);
	while (*p != '\0') {
		n = plain_len((const char *)p);
		buf_add(b, p, n);
		p += n;
		if (*p == '\0')
			break;
		if (*p >= 0x80) {
			if ((n = utf8_seq_len((const char *)p,
			    strnlen((const char *)p, 4))) == 0)
				return -1;
		} else if (*p == 0x7f)
			n = 1;
		else {
			switch (*p) {
			case '"': buf_add(b, "\\\"", 2); break;
			case '\\': buf_add(b, "\\\\", 2); break;
			case '\b': buf_add(b, "\\b", 2); break;
			case '\f': buf_add(b, "\\f", 2); break;
			case '\n': buf_add(b, "\\n", 2); break;
			case '\r': buf_add(b, "\\r", 2); break;
			case '\t': buf_add(b, "\\t", 2); break;
			default:
				snprintf(esc, sizeof(esc), "\\u%04X", *p);
				buf_add(b, esc, 6);
			}
			p++;
			continue;
		}
		buf_add(b, p, n);
		p += n;
	}
	buf_addc(b, '"');
	return 0;
}

/*
 * A member holding s as json_string() would (clean 0) or as rep_jstr()
 * would (clean 1: null for NULL, bad UTF-8 bytes as U+FFFD).  When that
 * gives no value the member is left out, as json_object_set_new() leaves
 * a NULL value out of a tree.  m, if not NULL, is the member's memo.
 */
static void
json_member_s(struct json_w *w, int *first, const char *key,
    const char *s, int clean, struct json_memo *m)
{
	size_t	off, kpos, len;
	int	was_first;

	if (s == NULL) {
		if (clean) {
			json_key(w, first, key);
			buf_add(w->b, "null", 4);
		}
		return;
	}
	if (m != NULL && m->s != NULL && strcmp(m->s, s) == 0) {
		json_key(w, first, key);
		buf_again(w->b, m->off, m->len);
		return;
	}
	len = plain_len(s);
	kpos = w->b->len;
	was_first = *first;
	json_key(w, first, key);
	off = w->b->len;
	if (s[len] == '\0') {
		buf_addc(w->b, '"');
		buf_add(w->b, s, len);
		buf_addc(w->b, '"');
	} else if (json_utf8(w->b, s, len) == -1) {
		/* Not UTF-8 (a file name): jansson's way, cleaned or not. */
		w->b->len = off;
		if ((clean ? jstr_set(w->js, s) :
		    json_string_set(w->js, s)) == -1) {
			w->b->len = kpos;
			*first = was_first;
			return;
		}
		json_dump_callback(w->js, json_buf_put, w->b,
		    JSON_ENCODE_ANY);
	}
	if (m != NULL) {
		m->s = s;
		m->off = off;
		m->len = w->b->len - off;
	}
}

/*
 * The fingerprint: 16 hex digits (diag.c), which JSON writes as they
 * are; anything else goes through jansson like every other string.
 */
static void
json_member_fp(struct json_w *w, int *first, const char *key,
    const char *fp)
{
	size_t	n = strspn(fp, "0123456789abcdef");

	if (n == 0 || fp[n] != '\0') {
		json_member_s(w, first, key, fp, 0, NULL);
		return;
	}
	json_key(w, first, key);
	buf_addc(w->b, '"');
	buf_add(w->b, fp, n);
	buf_addc(w->b, '"');
}

/* Line and column: unsigned, so printed as they are. */
static void
json_member_u(struct json_w *w, int *first, const char *key, unsigned u)
{
	json_key(w, first, key);
	buf_addu(w->b, u);
}

/* Keys of a finding's members (depth 3), of its related objects (4)
   and of their members (5), as rep_json_nested(fp, e, 2) indents them. */
#define KEY3(k)	",\n      \"" k "\": "
#define IND4	"        "
#define KEY5(k)	",\n          \"" k "\": "

static void
json_finding(struct json_w *w, const struct finding *f)
{
	const struct related_loc	*r;
	size_t				 i;
	int				 first = 1, rfirst;

	buf_add(w->b, "    {", 5);
	json_member_s(w, &first, KEY3("rule"), f->rule, 0, &w->rule);
	json_member_s(w, &first, KEY3("severity"), sev_name(f->sev), 0,
	    &w->sev);
	json_member_s(w, &first, KEY3("file"), f->file, 1, &w->file);
	json_member_u(w, &first, KEY3("line"), f->line);
	json_member_u(w, &first, KEY3("column"), f->column);
	json_member_s(w, &first, KEY3("field"), f->field, 1, &w->field);
	json_member_s(w, &first, KEY3("value"), f->value, 1, NULL);
	json_member_s(w, &first, KEY3("message"), f->message, 1, NULL);
	json_key(w, &first, KEY3("related"));
	buf_addc(w->b, '[');
	for (i = 0; i < f->nrel; i++) {
		r = &f->rel[i];
		buf_adds(w->b, i == 0 ? "\n" IND4 "{" : ",\n" IND4 "{");
		rfirst = 1;
		json_member_s(w, &rfirst, KEY5("file"), r->file, 1,
		    &w->relfile);
		json_member_u(w, &rfirst, KEY5("line"), r->line);
		json_member_s(w, &rfirst, KEY5("value"), r->value, 1, NULL);
		buf_adds(w->b, "\n" IND4 "}");
	}
	buf_adds(w->b, f->nrel > 0 ? "\n      ]" : "]");
	if (f->relmore > 0) {
		/* Bounded lists: the related locations not listed. */
		json_key(w, &first, KEY3("related_more"));
		buf_addu(w->b, (unsigned)f->relmore);
	}
	json_member_fp(w, &first, KEY3("fingerprint"), f->fingerprint);
	if (f->suppressed) {
		json_key(w, &first, KEY3("suppressed"));
		buf_add(w->b, "true", 4);
	}
	buf_add(w->b, "\n    }", 6);
}

void
rep_json_render(struct buf *out, const struct finding *v, size_t n)
{
	struct json_w	w;
	size_t		i;

	if (n == 0)
		return;
	memset(&w, 0, sizeof(w));
	w.b = out;
	/* NULL (out of memory) fails every set: strings are left out. */
	w.js = json_string("");
	for (i = 0; i < n; i++) {
		buf_add(out, ",\n", 2);
		json_finding(&w, &v[i]);
	}
	json_decref(w.js);
}

static void
json_rendered(void *arg, const struct finding *v, size_t n,
    const struct buf *b)
{
	struct json_rep	*j = arg;
	size_t		 skip;

	(void)v;
	if (n == 0 || b->len == 0)
		return;
	/* The first finding of the report follows the '[': no comma. */
	skip = j->n == 0 ? 1 : 0;
	fwrite(b->p + skip, 1, b->len - skip, j->fp);
	j->n += n;
}

static void
json_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	struct json_rep	*j = arg;

	(void)file;
	(void)site;
	if (n == 0)
		return;
	j->out.len = 0;
	rep_json_render(&j->out, v, n);
	json_rendered(j, v, n, &j->out);
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
	buf_free(&j->out);
	free(j);
}

static void
json_render(const void *arg, struct buf *out, const char *file,
    const struct finding *v, size_t n)
{
	(void)arg;
	(void)file;
	rep_json_render(out, v, n);
}

static const struct rep_format rep_json = {
	"json", json_open, json_page, json_close, json_render, json_rendered
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
rep_can_render(const struct rep *r)
{
	return r->fmt->render != NULL && r->fmt->rendered != NULL;
}

void
rep_render(const struct rep *r, struct buf *out, const char *file,
    const struct finding *v, size_t n)
{
	r->fmt->render(r->state, out, file, v, n);
}

void
rep_page_rendered(struct rep *r, const struct finding *v, size_t n,
    const struct buf *b)
{
	r->fmt->rendered(r->state, v, n, b);
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
