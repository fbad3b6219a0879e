/*
 * check_report.c: the json and text writers' page rendering against
 * the way they were written before (a jansson tree per finding dumped
 * with rep_json_nested(), fprintf per line), byte for byte, on findings
 * with the strings a scraped page can hold; and rep_safe().
 */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "findings/diag.h"
#include "report/report.h"
#include "base/xalloc.h"

/* The json writer's finding before rep_json_render(): the reference. */
static json_t *
ref_finding_json(const struct finding *f)
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

static char *
ref_json(const struct finding *v, size_t n)
{
	FILE	*fp;
	char	*s = NULL;
	size_t	 len, i;
	json_t	*e;

	fp = open_memstream(&s, &len);
	ck_assert_ptr_nonnull(fp);
	for (i = 0; i < n; i++) {
		fputs(",\n", fp);
		e = ref_finding_json(&v[i]);
		rep_json_nested(fp, e, 2);
		json_decref(e);
	}
	fclose(fp);
	return s;
}

static const char *const ref_color[] = {
	"", "\033[36m", "\033[33m", "\033[31m", ""
};

static char *
ref_text(const char *file, const struct finding *v, size_t n, int color)
{
	FILE	*fp;
	char	*s = NULL, *fname, *msg;
	size_t	 len, i;

	fp = open_memstream(&s, &len);
	ck_assert_ptr_nonnull(fp);
	fname = rep_safe(file);
	for (i = 0; i < n; i++) {
		if (v[i].suppressed)
			continue;
		msg = rep_safe(v[i].message);
		if (color)
			fprintf(fp, "\033[1m%s:%u:%u:\033[0m %s%s:\033[0m "
			    "%s [%s]\n", fname, v[i].line, v[i].column,
			    ref_color[v[i].sev], sev_name(v[i].sev), msg,
			    v[i].rule);
		else
			fprintf(fp, "%s:%u:%u: %s: %s [%s]\n", fname,
			    v[i].line, v[i].column, sev_name(v[i].sev), msg,
			    v[i].rule);
		free(msg);
	}
	free(fname);
	fclose(fp);
	return s;
}

/*
 * Strings a finding can carry: plain, JSON specials, C0 and C1 controls
 * and ESC, DEL, non-ASCII, 4-byte UTF-8 (a surrogate pair for \u), and
 * bytes that are not UTF-8 (file names, and values cut mid-character).
 */
static const char *const strs[] = {
	"plain text",
	"",
	"say \"hi\" \\ back/slash",
	"tab\there, newline\nthere, cr\r, bell\a, nul-free \x01\x1f",
	"\x1b[31mred\x1b[0m and DEL \x7f",
	"C1 \xc2\x85 and \xc2\x9b, NBSP \xc2\xa0, lone \xc2",
	"caf\xc3\xa9 \xe2\x82\xac 5 \xf0\x9f\x98\x80",
	"bad \xff byte",
	"cut \xe2\x82",
	"\xed\xa0\x80 a surrogate",
	"\xc0\xaf overlong",
	/* Every ASCII byte: where jansson's escaping starts and stops. */
	"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
	" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	"[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f",
	"ends with a quote\"",
	"\\starts with a backslash",
	"x\x1f",
	"~\x7f",
	"\x80",
	NULL,
};
#define NSTRS	(sizeof(strs) / sizeof(strs[0]))

static char	page_file[] = "pages/a \"b\".txt";
static char	page_copy[] = "pages/a \"b\".txt";

/* Findings of one page: every string in every place, with 0, 1 or 2
   related locations, suppressed or not, the same file or another. */
static struct finding *
make_page(size_t *np)
{
	struct finding		*v;
	struct related_loc	*r;
	size_t			 i, n = NSTRS * 3;
	const char		*s, *t;

	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		s = strs[i % NSTRS];
		t = strs[(i * 7 + 3) % NSTRS];
		v[i].rule = (char *)(i % 5 == 4 && s != NULL ? s :
		    i % 2 ? "spec.model-id-format" : "date.stale-refresh");
		v[i].sev = (enum sev)(SEV_NONE + i / 2 % 4);
		/* Mostly the page's file, as in a run; an equal string
		   that is another copy; now and then another file. */
		v[i].file = i % 4 == 3 ? (char *)t : i % 4 == 2 ? page_copy :
		    page_file;
		v[i].line = i == 0 ? 0 : i == 1 ? UINT_MAX : (unsigned)i * 37;
		v[i].column = i == 2 ? UINT_MAX : (unsigned)i % 80;
		v[i].field = (char *)(i % 3 == 0 ? NULL : t);
		v[i].value = (char *)strs[(i + 1) % NSTRS];
		v[i].message = (char *)s;
		v[i].nrel = i % 3;
		v[i].rel = xcalloc(v[i].nrel + 1, sizeof(*v[i].rel));
		for (r = v[i].rel; r < v[i].rel + v[i].nrel; r++) {
			r->file = (char *)strs[(i + 5 +
			    (size_t)(r - v[i].rel)) % NSTRS];
			r->line = (unsigned)i;
			r->value = (char *)t;
		}
		snprintf(v[i].fingerprint, sizeof(v[i].fingerprint),
		    "%016zx", i * 0x9e3779b97f4a7c15u);
		if (i % 11 == 5)
			v[i].fingerprint[3] = '\xff';
		v[i].suppressed = i % 4 == 1;
	}
	*np = n;
	return v;
}

static void
free_page(struct finding *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].rel);
	free(v);
}

START_TEST(json_same_bytes)
{
	struct buf	 out = { 0 };
	struct finding	*v;
	char		*ref;
	size_t		 n, k;

	v = make_page(&n);
	/* Every prefix, so that each finding is also the first. */
	for (k = 0; k <= n; k++) {
		out.len = 0;
		rep_json_render(&out, v, k);
		ref = ref_json(v, k);
		ck_assert_uint_eq(out.len, strlen(ref));
		ck_assert_msg(out.len == 0 || memcmp(out.p, ref, out.len) == 0,
		    "%zu findings:\n%s\nwant:\n%s", k, out.p, ref);
		free(ref);
	}
	buf_free(&out);
	free_page(v, n);
}
END_TEST

/* rep_json_render() appends: what was in the buffer stays. */
START_TEST(json_appends)
{
	struct buf	 out = { 0 };
	struct finding	*v;
	char		*ref;
	size_t		 n;

	v = make_page(&n);
	buf_adds(&out, "before");
	rep_json_render(&out, v, n);
	ref = ref_json(v, n);
	ck_assert_uint_eq(out.len, 6 + strlen(ref));
	ck_assert(memcmp(out.p, "before", 6) == 0);
	ck_assert(memcmp(out.p + 6, ref, strlen(ref)) == 0);
	free(ref);
	buf_free(&out);
	free_page(v, n);
}
END_TEST

START_TEST(text_same_bytes)
{
	struct buf	 out = { 0 };
	struct finding	*v;
	char		*ref;
	size_t		 n, i;
	int		 color = _i % 2;

	v = make_page(&n);
	for (i = 0; i < NSTRS; i++) {
		out.len = 0;
		rep_text_render(&out, strs[i], v, n, color);
		ref = ref_text(strs[i], v, n, color);
		ck_assert_uint_eq(out.len, strlen(ref));
		ck_assert_msg(memcmp(out.p, ref, out.len) == 0,
		    "file %zu, color %d:\n%s\nwant:\n%s", i, color, out.p,
		    ref);
		free(ref);
	}
	out.len = 0;
	rep_text_render(&out, "f", v, 0, color);
	ck_assert_uint_eq(out.len, 0);
	buf_free(&out);
	free_page(v, n);
}
END_TEST

static const struct {
	const char	*in;
	const char	*out;
} safe_rows[] = {
	{ NULL, "" },
	{ "", "" },
	{ "plain, with UTF-8: caf\xc3\xa9", "plain, with UTF-8: caf\xc3\xa9" },
	{ "\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07" },
	{ "a\nb\tc\r", "a\\x0ab\\x09c\\x0d" },
	{ "\x7f\x01", "\\x7f\\x01" },
	{ "C1 \xc2\x9b" "31m", "C1 \\u009b31m" },
	{ "\xc2\x80\xc2\x9f", "\\u0080\\u009f" },
	{ "NBSP \xc2\xa0 kept", "NBSP \xc2\xa0 kept" },
	{ "\xc2\xc2\x85", "\xc2\\u0085" },
	{ "lone \xc2", "lone \xc2" },
	{ "bad \xff stays", "bad \xff stays" },
};

START_TEST(safe)
{
	char	*s;

	s = rep_safe(safe_rows[_i].in);
	ck_assert_str_eq(s, safe_rows[_i].out);
	free(s);
}
END_TEST

/* XML text keeps newline and tab, and is valid UTF-8. */
START_TEST(xml_text)
{
	char	*s;

	s = rep_xml_text("a\nb\tc\x1b\xc2\x85 \xff \xef\xbf\xbe");
	ck_assert_str_eq(s, "a\nb\tc\\x1b\\u0085 \xef\xbf\xbd \xef\xbf\xbd");
	free(s);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc = tcase_create("normal");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, json_same_bytes);
	tcase_add_test(tc, json_appends);
	tcase_add_loop_test(tc, text_same_bytes, 0, 2);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_loop_test(tc, safe, 0,
	    (int)(sizeof(safe_rows) / sizeof(safe_rows[0])));
	tcase_add_test(tc, xml_text);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
