/*
 * check_extract.c: records extracted from the seed pages against the
 * hand-read truth in fixtures/seeds-truth.json, for the text and the HTML
 * rendering of each seed, plus the cases the truth file cannot state:
 * sentinels kept in provenance, labels that must not become values, the
 * fallback profile, degenerate input, and text/HTML agreement.
 */
#include "config.h"

#include <check.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/error.h"
#include "extract/extract.h"
#include "extract/generic.h"
#include "knowledge/lexicon.h"
#include "load/load.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "base/rx.h"

#define SEED_002	"002_c0268ff9b5d925ec"
#define REL_TOL		0.005

/* Failures of one test, gathered so a run names all of them at once. */
struct fails {
	char	msg[4096];
	size_t	len;
	int	n;
};

Suite	*extract_suite(void);
static void	 fail_add(struct fails *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static struct profiles	*ps;
static json_t		*truth;
static char		 srcdir[1024];

static const char *const exts[] = { "txt", "html" };

static void
setup(void)
{
	struct cl_error	 err;
	json_error_t	 jerr;
	char		 path[1100];
	const char	*t = getenv("top_srcdir");

	snprintf(srcdir, sizeof(srcdir), "%s", t == NULL ? "." : t);
	load_init();
	snprintf(path, sizeof(path), "%s/rules", srcdir);
	ps = profiles_load(path, &err);
	ck_assert_msg(ps != NULL, "profiles: %s", err.msg);
	snprintf(path, sizeof(path), "%s/fixtures/seeds-truth.json", srcdir);
	truth = json_load_file(path, 0, &jerr);
	ck_assert_msg(truth != NULL, "%s:%d: %s", path, jerr.line,
	    jerr.text);
}

static void
teardown(void)
{
	json_decref(truth);
	truth = NULL;
	profiles_free(ps);
	ps = NULL;
	load_thread_cleanup();
}

static void
fail_add(struct fails *f, const char *fmt, ...)
{
	va_list	ap;
	int	r;

	f->n++;
	/* Each entry starts a line of its own; the rest is cut off. */
	if (f->len + 2 >= sizeof(f->msg))
		return;
	f->msg[f->len++] = '\n';
	va_start(ap, fmt);
	r = vsnprintf(f->msg + f->len, sizeof(f->msg) - f->len, fmt, ap);
	va_end(ap);
	if (r < 0)
		r = 0;
	f->len += (size_t)r;
	if (f->len >= sizeof(f->msg))
		f->len = sizeof(f->msg) - 1;
	f->msg[f->len] = '\0';
}

/* The seed's pages object: stem "000_…" -> { fields, must_fire, … }. */
static json_t *
truth_pages(void)
{
	json_t	*pages = json_object_get(truth, "pages");

	ck_assert_msg(json_is_object(pages) && json_object_size(pages) > 0,
	    "seeds-truth.json: no \"pages\" object");
	return pages;
}

/* Load and extract one fixture page; the JSON record is owned. */
static json_t *
extract_json(const char *name)
{
	struct page	*pg;
	struct record	*r;
	struct cl_error	 err;
	json_t		*j;
	char		 path[1200];

	snprintf(path, sizeof(path), "%s/fixtures/pages/%s", srcdir, name);
	ck_assert_msg(load_file(path, NULL, &pg, &err) == LOAD_OK,
	    "%s: %s", path, err.msg);
	r = extract_page(ps, pg);
	ck_assert_msg(r != NULL, "%s: no record", name);
	j = record_to_json(r);
	ck_assert_msg(j != NULL, "%s: no JSON", name);
	record_free(r);
	page_free(pg);
	return j;
}

static json_t *
extract_buffer(const char *name, const char *data, size_t n)
{
	struct page	*pg;
	struct record	*r;
	json_t		*j;

	pg = load_buffer(name, data, n);
	ck_assert_ptr_nonnull(pg);
	r = extract_page(ps, pg);
	ck_assert_ptr_nonnull(r);
	j = record_to_json(r);
	ck_assert_ptr_nonnull(j);
	record_free(r);
	page_free(pg);
	return j;
}

/*
 * Follow a dotted path; a final "length" on an array is its size.  The
 * result is owned: NULL when the path does not exist.
 */
static json_t *
json_path(json_t *j, const char *path)
{
	char	 buf[256], *p, *dot;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf; j != NULL; p = dot + 1) {
		dot = strchr(p, '.');
		if (dot != NULL)
			*dot = '\0';
		if (json_is_array(j) && strcmp(p, "length") == 0 &&
		    dot == NULL)
			return json_integer((json_int_t)json_array_size(j));
		j = json_is_object(j) ? json_object_get(j, p) : NULL;
		if (dot == NULL)
			break;
	}
	return j == NULL ? NULL : json_incref(j);
}

/* Equal as the truth file means it: numbers within REL_TOL. */
static int
truth_equal(json_t *want, json_t *got)
{
	double	w, g;

	if (got == NULL)
		return 0;
	if (json_is_number(want)) {
		if (!json_is_number(got))
			return 0;
		w = json_number_value(want);
		g = json_number_value(got);
		if (w == 0)
			return g == 0;
		return fabs(g - w) <= REL_TOL * fabs(w);
	}
	return json_equal(want, got);
}

static void
show(json_t *j, char *buf, size_t sz)
{
	char	*s;

	if (j == NULL) {
		snprintf(buf, sz, "(absent)");
		return;
	}
	s = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT |
	    JSON_REAL_PRECISION(10));
	snprintf(buf, sz, "%s", s == NULL ? "?" : s);
	free(s);
}

/* Every field of every seed, for the .txt page and its .html rendering. */
START_TEST(seed_fields)
{
	struct fails	 f = { .len = 0, .n = 0 };
	json_t		*pages, *entry, *fields, *want, *got, *rec;
	const char	*seed, *path;
	char		 stem[256], name[300], ws[256], gs[256];
	size_t		 e, nchecked = 0;

	f.msg[0] = '\0';
	pages = truth_pages();
	json_object_foreach(pages, seed, entry) {
		fields = json_object_get(entry, "fields");
		ck_assert_msg(json_is_object(fields), "%s: no fields", seed);
		snprintf(stem, sizeof(stem), "%s", seed);
		if (strrchr(stem, '.') != NULL)
			*strrchr(stem, '.') = '\0';
		for (e = 0; e < sizeof(exts) / sizeof(exts[0]); e++) {
			snprintf(name, sizeof(name), "%s.%s", stem, exts[e]);
			rec = extract_json(name);
			json_object_foreach(fields, path, want) {
				got = json_path(rec, path);
				nchecked++;
				if (!truth_equal(want, got)) {
					show(want, ws, sizeof(ws));
					show(got, gs, sizeof(gs));
					fail_add(&f, "%s: %s: expected %s, "
					    "got %s", name, path, ws, gs);
				}
				json_decref(got);
			}
			json_decref(rec);
		}
	}
	ck_assert_msg(nchecked > 0, "seeds-truth.json: no fields checked");
	ck_assert_msg(f.n == 0, "%d of %zu fields wrong:%s", f.n, nchecked,
	    f.msg);
}
END_TEST

/* "Total Parameters -1" is a sentinel: null, with the raw text kept. */
START_TEST(sentinel_kept)
{
	json_t		*rec, *v, *seen, *s;
	const char	*raw, *status;
	size_t		 i;
	int		 found = 0;

	rec = extract_json(SEED_002 ".txt");
	v = json_path(rec, "params.total");
	ck_assert_msg(v != NULL && json_is_null(v),
	    "params.total should be null");
	json_decref(v);
	seen = json_object_get(json_object_get(rec, "seen"), "params.total");
	ck_assert_msg(json_is_array(seen) && json_array_size(seen) > 0,
	    "seen has no \"params.total\" entry");
	json_array_foreach(seen, i, s) {
		raw = json_string_value(json_object_get(s, "raw"));
		status = json_string_value(json_object_get(s, "status"));
		if (raw != NULL && strcmp(raw, "-1") == 0 && status != NULL &&
		    strcmp(status, "sentinel") == 0 &&
		    json_is_null(json_object_get(s, "value")))
			found = 1;
	}
	ck_assert_msg(found, "no seen params.total with raw \"-1\", "
	    "status \"sentinel\" and a null value");
	json_decref(rec);
}
END_TEST

/* Count the strings equal to word anywhere in j; name the first. */
static size_t
find_string(json_t *j, const char *word, char *where, size_t wsz,
    const char *at)
{
	json_t		*v;
	const char	*k;
	char		 sub[512];
	size_t		 i, n = 0;

	if (json_is_string(j)) {
		if (strcmp(json_string_value(j), word) != 0)
			return 0;
		if (where[0] == '\0')
			snprintf(where, wsz, "%s", at[0] == '\0' ? "." : at);
		return 1;
	}
	if (json_is_object(j)) {
		json_object_foreach(j, k, v) {
			snprintf(sub, sizeof(sub), "%s.%s", at, k);
			n += find_string(v, word, where, wsz, sub);
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v) {
			snprintf(sub, sizeof(sub), "%s[%zu]", at, i);
			n += find_string(v, word, where, wsz, sub);
		}
	}
	return n;
}

/* "Calibrated" is a spec label on 002, never a value of anything. */
START_TEST(label_not_value)
{
	json_t	*rec;
	char	 where[512];
	size_t	 e, n;

	for (e = 0; e < sizeof(exts) / sizeof(exts[0]); e++) {
		snprintf(where, sizeof(where), "%s.%s", SEED_002, exts[e]);
		rec = extract_json(where);
		where[0] = '\0';
		n = find_string(rec, "Calibrated", where, sizeof(where), "");
		ck_assert_msg(n == 0, "%s.%s: \"Calibrated\" appears %zu "
		    "times in the record, first at %s", SEED_002, exts[e], n,
		    where);
		json_decref(rec);
	}
}
END_TEST

/*
 * Benchmark rows of the LLM Stats layout in every shape (issue #18):
 * page text between a header and a footer, and the rows expected as
 * "name|variant|score" joined by ";".  A category's description line
 * is never a benchmark, in the text form (blank lines) and the HTML
 * form (adjacent lines) alike.
 */
static const struct {
	const char	*body;
	const char	*want;
} bench_rows[] = {
	{ "Coding\n\nProgramming and software development\nHumanEval\n"
	  "Self-reported\n94.5%\n", "HumanEval||94.5" },
	{ "Coding\nProgramming and software development\nHumanEval\n"
	  "Self-reported\n94.5%\nMBPP\npass@1Self-reported\n90.2%\n",
	  "HumanEval||94.5;MBPP|pass@1|90.2" },
	{ "Math\n\nGSM8K\ncotSelf-reported\n95.1%\nMATH\nSelf-reported\n"
	  "68.0%\n", "GSM8K|cot|95.1;MATH||68" },
	{ "General\nKnowledge and reasoning\nMMLU\nScored with one prompt "
	  "template for every model in the comparison table and\naveraged "
	  "over runs; split: 5-shotSelf-reported\n69.0%\n",
	  "MMLU|5-shot|69" },
	{ "Coding\nProgramming and software development\n"
	  "SWE-bench Verified\nSelf-reported\n49.2%\nCodeForces\n"
	  "Self-reported\n2029\n",
	  "SWE-bench Verified||49.2;CodeForces||2029" },
	{ "Multimodal\n\nWorking with images and visual data\nMMMU\n"
	  "Verification AI: valSelf-reported\n51.1%\n", "MMMU|val|51.1" },
};

START_TEST(bench_row_shapes)
{
	static const char	 head[] = "Key Specifications\n\n"
	    "Benchmark Results\n\nModel performance metrics across various "
	    "tests and benchmarks\n\n";
	static const char	 tail[] = "\nLicense & Metadata\n";
	char			 page[2048], got[1024];
	json_t			*rec, *b, *v;
	size_t			 i, k, n;
	const char		*var;

	for (i = 0; i < sizeof(bench_rows) / sizeof(bench_rows[0]); i++) {
		snprintf(page, sizeof(page), "%s%s%s", head, bench_rows[i].body,
		    tail);
		rec = extract_buffer("rows.txt", page, strlen(page));
		ck_assert_str_eq(json_string_value(json_object_get(rec,
		    "site")), "llmstats");
		got[0] = '\0';
		n = 0;
		json_array_foreach(json_object_get(rec, "benchmarks"), k, b) {
			v = json_object_get(b, "variant");
			var = json_is_string(v) ? json_string_value(v) : "";
			n += (size_t)snprintf(got + n, sizeof(got) - n,
			    "%s%s|%s|%g", k ? ";" : "",
			    json_string_value(json_object_get(b, "name")), var,
			    json_number_value(json_object_get(b, "score")));
			ck_assert_uint_lt(n, sizeof(got));
		}
		ck_assert_msg(strcmp(got, bench_rows[i].want) == 0,
		    "row case %zu: got \"%s\", want \"%s\"", i, got,
		    bench_rows[i].want);
		json_decref(rec);
	}
}
END_TEST

START_TEST(generic_fallback)
{
	static const char	 hello[] = "hello world\n";
	json_t			*rec;
	const char		*site;

	rec = extract_buffer("hello.txt", hello, sizeof(hello) - 1);
	site = json_string_value(json_object_get(rec, "site"));
	ck_assert_msg(site != NULL && strcmp(site, "generic") == 0,
	    "site: expected \"generic\", got %s", site == NULL ? "(null)" :
	    site);
	json_decref(rec);
}
END_TEST

START_TEST(empty_buffer)
{
	json_t	*rec, *name;

	rec = extract_buffer("empty.txt", "", 0);
	ck_assert(json_is_string(json_object_get(rec, "site")));
	ck_assert_str_eq(json_string_value(json_object_get(rec, "file")),
	    "empty.txt");
	name = json_path(rec, "model.name");
	ck_assert_msg(json_is_null(name), "model.name of an empty page "
	    "should be null");
	json_decref(name);
	json_decref(rec);
}
END_TEST

/* 4 KB with NULs: a binary page, still a record. */
START_TEST(binary_buffer)
{
	char	*data;
	json_t	*rec;
	size_t	 i;

	data = malloc(4096);
	ck_assert_ptr_nonnull(data);
	for (i = 0; i < 4096; i++)
		data[i] = (char)(i % 7 == 0 ? 0 : 'A' + i % 26);
	rec = extract_buffer("blob.bin", data, 4096);
	ck_assert(json_is_string(json_object_get(rec, "site")));
	ck_assert(json_is_object(json_object_get(rec, "seen")));
	json_decref(rec);
	free(data);
}
END_TEST

/* Drop the keys that may differ between renderings, at every depth. */
static void
strip_positions(json_t *j)
{
	json_t		*v;
	size_t		 i;
	const char	*k;
	void		*tmp;

	if (json_is_object(j)) {
		json_object_del(j, "line");
		json_object_del(j, "column");
		json_object_foreach_safe(j, tmp, k, v)
			strip_positions(v);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			strip_positions(v);
	}
}

/* Path of the first difference between a and b, into buf. */
static int
first_diff(json_t *a, json_t *b, const char *at, char *buf, size_t sz)
{
	json_t		*va, *vb;
	const char	*k;
	char		 sub[512], as[120], bs[120];
	size_t		 i;

	if (json_equal(a, b))
		return 0;
	if (json_is_object(a) && json_is_object(b)) {
		json_object_foreach(a, k, va) {
			snprintf(sub, sizeof(sub), "%s.%s", at, k);
			if (first_diff(va, json_object_get(b, k), sub, buf,
			    sz))
				return 1;
		}
		json_object_foreach(b, k, vb) {
			if (json_object_get(a, k) == NULL) {
				snprintf(buf, sz, "%s.%s: only in HTML", at,
				    k);
				return 1;
			}
		}
	} else if (json_is_array(a) && json_is_array(b) &&
	    json_array_size(a) == json_array_size(b)) {
		json_array_foreach(a, i, va) {
			snprintf(sub, sizeof(sub), "%s[%zu]", at, i);
			if (first_diff(va, json_array_get(b, i), sub, buf,
			    sz))
				return 1;
		}
	}
	show(a, as, sizeof(as));
	show(b, bs, sizeof(bs));
	snprintf(buf, sz, "%s: text %s, HTML %s", at[0] == '\0' ? "." : at,
	    as, bs);
	return 1;
}

/* A seed's .txt and .html give one record, positions aside. */
START_TEST(text_html_agree)
{
	struct fails	 f = { .len = 0, .n = 0 };
	json_t		*pages, *entry, *rec[2];
	const char	*seed;
	char		 stem[256], name[300], where[1024];
	size_t		 e;

	f.msg[0] = '\0';
	pages = truth_pages();
	json_object_foreach(pages, seed, entry) {
		snprintf(stem, sizeof(stem), "%s", seed);
		if (strrchr(stem, '.') != NULL)
			*strrchr(stem, '.') = '\0';
		for (e = 0; e < 2; e++) {
			snprintf(name, sizeof(name), "%s.%s", stem, exts[e]);
			rec[e] = extract_json(name);
			json_object_del(rec[e], "file");
			json_object_del(rec[e], "scrape");
			strip_positions(rec[e]);
		}
		if (!json_equal(rec[0], rec[1])) {
			first_diff(rec[0], rec[1], "", where, sizeof(where));
			fail_add(&f, "%s: .txt and .html differ at %s", stem,
			    where);
		}
		json_decref(rec[0]);
		json_decref(rec[1]);
	}
	ck_assert_msg(f.n == 0, "records differ:%s", f.msg);
}
END_TEST

/*
 * Needles: a pattern with a needle is skipped on text without it, and
 * only then.  Rows: pattern, needle, caseless, subject, may match.
 */
START_TEST(needles)
{
	static const struct {
		const char	*pat, *needle;
		int		 caseless;
		const char	*subj;
		int		 may;
	} rows[] = {
		{ "a(b|c)d", "d", 0, "xxabdxx", 1 },
		{ "a(b|c)d", "d", 0, "xxabcxx", 0 },
		{ "seed data", "seed data", 1, "the SEED Data", 1 },
		{ "seed data", "seed data", 0, "the SEED Data", 0 },
		{ "seed data", "seed data", 1, "the seed-data", 0 },
		{ "x", "seed", 1, "", 0 },
		{ "caf\\x{e9}", "caf\xc3\xa9", 1, "CAF\xc3\x89 au lait", 1 },
		{ "caf\\x{e9}", "caf\xc3\xa9", 1, "cafe au lait", 0 },
		{ "open source", "open source", 0, "line\nis open source\n", 1 },
		{ "x", NULL, 0, "anything", 1 },
	};
	struct cl_error	 err;
	struct rx	 r;
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ck_assert_int_eq(rx_compile(&r, rows[i].pat, rows[i].caseless,
		    "t", 1, &err), 0);
		if (rows[i].needle != NULL)
			ck_assert_int_eq(rx_set_needle(&r, rows[i].needle,
			    rows[i].caseless, "t", 1, &err), 0);
		ck_assert_msg(rx_may_match(&r, rows[i].subj,
		    strlen(rows[i].subj)) == rows[i].may, "row %zu: needle "
		    "'%s' in '%s': expected %d", i, rows[i].needle,
		    rows[i].subj, rows[i].may);
		rx_free(&r);
	}
	ck_assert_int_eq(rx_compile(&r, "x", 0, "t", 1, &err), 0);
	ck_assert_int_eq(rx_set_needle(&r, "", 0, "f.yaml", 7, &err), -1);
	ck_assert_uint_eq(err.line, 7);
	rx_free(&r);
}
END_TEST

/* The template scanner's needle still finds the phrase in any case. */
START_TEST(needle_marks)
{
	static const char	 leak[] = "Model: Foo\nIt is open source "
	    "according to the SEED DATA, they say.\n";
	static const char	 none[] = "Model: Foo\nIt is open source "
	    "according to the seed-data.\n";
	static const char	 from[] = "Model: Foo\nAs in the seed data.\n"
	    "From the seed data, too.\n";
	json_t			*rec, *marks;

	rec = extract_buffer("leak.txt", leak, sizeof(leak) - 1);
	marks = json_path(rec, "scrape.marks");
	ck_assert_uint_eq(json_array_size(marks), 1);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(marks, 0), "raw")), "according to the SEED DATA");
	json_decref(marks);
	json_decref(rec);
	/* The second and third phrases reuse the first one's needle. */
	rec = extract_buffer("from.txt", from, sizeof(from) - 1);
	marks = json_path(rec, "scrape.marks");
	ck_assert_uint_eq(json_array_size(marks), 2);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(marks, 0), "raw")), "in the seed data");
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(marks, 1), "raw")), "From the seed data");
	json_decref(marks);
	json_decref(rec);
	rec = extract_buffer("none.txt", none, sizeof(none) - 1);
	marks = json_path(rec, "scrape.marks");
	ck_assert_uint_eq(json_array_size(marks), 0);
	json_decref(marks);
	json_decref(rec);
}
END_TEST

/* A scanner pattern written as a mapping needs match; keys are checked. */
static void
broken_knowledge(const char *scanners, const char *want, unsigned line)
{
	struct cl_error	 err;
	struct profiles	*p;
	char		 dir[] = "/tmp/cl_knowXXXXXX", path[256], cmd[2400];
	FILE		*fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "mkdir %s/sites && cp %s/rules/sites/"
	    "generic.yaml %s/sites/", dir, srcdir, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/knowledge.yaml", dir);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs(scanners, fp);
	fclose(fp);
	memset(&err, 0, sizeof(err));
	p = profiles_load(dir, &err);
	ck_assert_ptr_null(p);
	ck_assert_msg(strstr(err.msg, want) != NULL, "'%s' lacks '%s'",
	    err.msg, want);
	ck_assert_msg(strstr(err.file, "knowledge.yaml") != NULL, "file %s",
	    err.file);
	ck_assert_uint_eq(err.line, line);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(needle_errors)
{
	broken_knowledge("scanners:\n  - kind: template\n    patterns:\n"
	    "      - {needle: 'x'}\n", "needs 'match'", 4);
	broken_knowledge("scanners:\n  - kind: template\n    patterns:\n"
	    "      - {match: 'x', neede: 'x'}\n", "unknown key 'neede'", 4);
	broken_knowledge("scanners:\n  - kind: template\n    patterns:\n"
	    "      - {match: 'x', needle: ''}\n", "must not be empty", 4);
}
END_TEST

/* vocab_canon() against a linear search in file order. */
static const char *
ref_canon(const struct vocab *v, const char *term)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		if (strcasecmp(v->v[i].term, term) == 0)
			return v->v[i].canon;
	return NULL;
}

static void
canon_is(const struct vocab *v, const char *term)
{
	const char	*got = vocab_canon(v, term), *want = ref_canon(v, term);

	ck_assert_msg(got == want, "vocab %s, '%s': '%s', want '%s'",
	    v->name, term, got ? got : "(none)", want ? want : "(none)");
}

START_TEST(vocab_lookup)
{
	static const char *const terms[6][2] = {
		{ "Zeta", "zeta" }, { "Alpha", "alpha" }, { "Mid", "MID" },
		{ "Alpha2", "ALPHA" }, { "Mid2", "mid" }, { "Beta", "b" },
	};
	struct vterm	 t[6];
	struct vocab	 own;
	size_t		 ci[6] = { 1, 3, 5, 2, 4, 0 };
	static const char *const probe[] = {
		"alpha", "ALPHA", "Alpha", "mid", "Mid", "zeta", "ZETA", "b",
		"B", "", "a", "alph", "alphaa", "zz", "0", "mi", "MIDx",
	};
	const struct vocab	*v;
	char			 up[256];
	size_t			 i, j, k;

	/* Repeated spellings: the first in file order wins. */
	for (i = 0; i < 6; i++) {
		t[i].canon = strdup(terms[i][0]);
		t[i].term = strdup(terms[i][1]);
	}
	own.name = t[0].canon;
	own.v = t;
	own.n = 6;
	own.ci = ci;
	for (i = 0; i < sizeof(probe) / sizeof(probe[0]); i++)
		canon_is(&own, probe[i]);
	ck_assert_str_eq(vocab_canon(&own, "ALPHA"), "Alpha");
	ck_assert_str_eq(vocab_canon(&own, "mid"), "Mid");
	ck_assert_ptr_null(vocab_canon(&own, "gamma"));
	ck_assert_ptr_null(vocab_canon(NULL, "alpha"));
	for (i = 0; i < 6; i++) {
		free(t[i].canon);
		free(t[i].term);
	}
	/* Every term of every shipped vocabulary, in three cases. */
	for (i = 0; i < ps->nvocab; i++) {
		v = &ps->vocab[i];
		ck_assert_uint_gt(v->n, 0);
		for (j = 0; j < v->n; j++) {
			canon_is(v, v->v[j].term);
			snprintf(up, sizeof(up), "%s", v->v[j].term);
			for (k = 0; up[k] != '\0'; k++)
				up[k] = (char)toupper((unsigned char)up[k]);
			canon_is(v, up);
			for (k = 0; up[k] != '\0'; k++)
				up[k] = (char)tolower((unsigned char)up[k]);
			canon_is(v, up);
			snprintf(up, sizeof(up), "%s!", v->v[j].term);
			canon_is(v, up);
		}
	}
}
END_TEST

/* The generic reader's value readers, any locale (extract/values.c). */
static const struct {
	const char	*in;
	int		 fid;
	int		 ok;
	double		 num;
	const char	*cur;
} gvalues[] = {
	{ "$0.15", F_PRICE_INPUT, 1, 0.15, "USD" },
	{ "0,80 \u20bd", F_PRICE_INPUT, 1, 0.8, "RUB" },
	{ "2\u5143/\u767e\u4e07tokens", F_PRICE_INPUT, 1, 2, "CNY" },
	{ "R$ 5,00", F_PRICE_INPUT, 1, 5, "BRL" },
	{ "1,25 \u20ac", F_PRICE_OUTPUT, 1, 1.25, "EUR" },
	{ "$1,500.00", F_PRICE_OUTPUT, 1, 1500, "USD" },
	{ "$0.0005 per 1K tokens", F_PRICE_INPUT, 1, 0.5, "USD" },
	{ "$0.00000250 per token", F_PRICE_INPUT, 1, 2.5, "USD" },
	{ "0.03 \u0440\u0443\u0431 / 1\u041a \u0442\u043e\u043a\u0435"
	  "\u043d\u043e\u0432", F_PRICE_INPUT, 1, 30, "RUB" },
	{ "$0x10", F_PRICE_INPUT, 0, 0, NULL },
	{ "gpt-4o", F_PRICE_INPUT, 0, 0, NULL },
	{ "32 768 \u0442\u043e\u043a\u0435\u043d\u043e\u0432", F_CONTEXT,
	  1, 32768, NULL },
	{ "20\u4e07\u30c8\u30fc\u30af\u30f3", F_CONTEXT, 1, 200000, NULL },
	{ "1 Mio. Token", F_CONTEXT, 1, 1e6, NULL },
	{ "128.000 tokens", F_CONTEXT, 1, 128000, NULL },
	{ "131,072", F_CONTEXT, 1, 131072, NULL },
	{ "128K", F_CONTEXT, 1, 128000, NULL },
	{ "from 128K to 200K", F_CONTEXT, 1, 200000, NULL },
	{ "default 4K, maximum 8K", F_MAX_OUTPUT, 1, 8000, NULL },
	{ "$5", F_CONTEXT, 0, 0, NULL },
	{ "$1e309", F_PRICE_INPUT, 0, 0, NULL },
	/* a run of digits longer than any number: none, and no hang */
	{ "Context: 1234567890123456789012345678901234567890123456789012345"
	  "67890123456789012345678901234567890", F_CONTEXT, 0, 0, NULL },
};

START_TEST(generic_values)
{
	const struct lexicon	*lx = ps->lex;
	struct ex_val		 v;
	char			*f;
	size_t			 i, n;
	int			 ok;

	ck_assert_ptr_nonnull(lx);
	for (i = 0; i < sizeof(gvalues) / sizeof(gvalues[0]); i++) {
		n = strlen(gvalues[i].in);
		f = lx_fold(gvalues[i].in, n);
		ok = ex_value(lx, gvalues[i].fid, gvalues[i].in, f, n,
		    PRICE_PER_UNSTATED, NULL, &v);
		free(f);
		ck_assert_msg(ok == gvalues[i].ok, "%s: ok %d", gvalues[i].in,
		    ok);
		if (!ok)
			continue;
		ck_assert_msg(fabs(v.num - gvalues[i].num) <=
		    1e-9 * fabs(gvalues[i].num), "%s: %g", gvalues[i].in, v.num);
		if (gvalues[i].cur != NULL)
			ck_assert_str_eq(v.currency, gvalues[i].cur);
	}
}
END_TEST

/* Records of a page given as text; the caller frees them. */
static size_t
generic_page(const char *text, struct record ***rv)
{
	struct page	*pg = load_buffer("t.txt", text, strlen(text));
	size_t		 n;

	n = extract_records(ps, pg, rv);
	page_free(pg);
	return n;
}

static double
fnum(const struct record *r, int fid)
{
	const struct field	*f = &r->f[fid];

	return f->set < 0 ? -1 : f->v[f->set].num;
}

static const char *
fstr(const struct record *r, int fid)
{
	const struct field	*f = &r->f[fid];

	return f->set < 0 ? "" : f->v[f->set].str;
}

START_TEST(generic_pages)
{
	static const struct {
		const char	*text;
		size_t		 nrec;
		const char	*name;		/* of the first record */
		double		 input;		/* -1: none */
		double		 output;
		double		 context;
	} t[] = {
		/* a table: one record per row, the cache column no input */
		{ "Prices per 1M tokens\nModel\tInput (cache hit)\t"
		  "Input (cache miss)\tOutput\tContext\n"
		  "alpha-1\t$0.10\t$1.00\t$2.00\t128K\n"
		  "beta-2\t$0.30\t$3.00\t$6.00\t32K\n", 2, "alpha-1", 1, 2,
		  128000 },
		/* a calculator's amount is no price */
		{ "Input Cost$0.002500\nOutput Cost$0.010000\n", 1, "", -1,
		  -1, -1 },
		{ "Input Cost\n$0.0025\nOutput Cost\n$0.01\n", 1, "", -1, -1,
		  -1 },
		/* a slash pair */
		{ "$0.15 / $0.60 per 1M tokens (input/output)\n", 1, "", 0.15,
		  0.6, -1 },
		/* value before label, and the old value of "from" */
		{ "$2 per million input tokens, $8 per million output tokens\n"
		  "Context expanded from 128K to 200K\n256K context window\n",
		  1, "", 2, 8, 256000 },
		/* another model's values after "Related models" */
		{ "\u8f93\u5165\uff1a1\u5143/\u767e\u4e07tokens\n"
		  "Related models\n"
		  "\u8f93\u51fa\uff1a9\u5143/\u767e\u4e07tokens\n", 1, "",
		  1, -1, -1 },
		/* cards under their names: one record per card */
		{ "Pricing\nAlpha Large\nOur big model.\nInput\n$2\n"
		  "/M tokens\nOutput\n$8\n/M tokens\nAlpha Small\n"
		  "Our small model.\nInput\n$0.2\n/M tokens\nOutput\n$0.4\n"
		  "/M tokens\n", 2, "Alpha Large", 2, 8, -1 },
		/* numbers with no label next to them */
		{ "Models (128)\nSave 20%\nWe use 3 cookies for 30 days\n", 1,
		  "", -1, -1, -1 },
	};
	struct record	**rv;
	size_t		  i, n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		n = generic_page(t[i].text, &rv);
		ck_assert_msg(n == t[i].nrec, "case %zu: %zu records", i, n);
		ck_assert_msg(strcmp(fstr(rv[0], F_MODEL_NAME), t[i].name) == 0,
		    "case %zu: name '%s'", i, fstr(rv[0], F_MODEL_NAME));
		ck_assert_msg(fabs(fnum(rv[0], F_PRICE_INPUT) - t[i].input) <
		    1e-9, "case %zu: input %g", i, fnum(rv[0], F_PRICE_INPUT));
		ck_assert_msg(fabs(fnum(rv[0], F_PRICE_OUTPUT) - t[i].output) <
		    1e-9, "case %zu: output %g", i,
		    fnum(rv[0], F_PRICE_OUTPUT));
		ck_assert_msg(fabs(fnum(rv[0], F_CONTEXT) - t[i].context) <
		    1e-9, "case %zu: context %g", i, fnum(rv[0], F_CONTEXT));
		extract_records_free(rv, n);
	}
}
END_TEST


/* What a trace hook was told: counts per verdict, the labels seen. */
struct heard {
	size_t	n[EX_SKIPPED_LINE + 1];
	int	input_label;	/* a taken input price under its header */
};

static void
hear(void *arg, const struct ex_note *en)
{
	struct heard	*h = arg;

	h->n[en->verdict]++;
	if (en->verdict == EX_TAKEN && en->fid == F_PRICE_INPUT &&
	    en->label != NULL && en->labellen == 18 &&
	    memcmp(en->label, "Input (cache miss)", 18) == 0)
		h->input_label = 1;
}

/* A trace sees every verdict it is told of and changes no record. */
START_TEST(trace_notes)
{
	static const char *const pages[] = {
		"Prices per 1M tokens\nModel\tInput (cache hit)\t"
		"Input (cache miss)\tOutput\tContext\n"
		"alpha-1\t$0.10\t$1.00\t$2.00\t128K\n"
		"beta-2\t$0.30\t$3.00\t$6.00\t32K\n",
		"Input Cost\n$0.0025\nOutput Cost\n$0.01\n",
		"Model: Alpha\nInput price: 3\nContext window: 128K\n"
	};
	struct ex_trace	 tr;
	struct heard	 h;
	struct page	*pg;
	struct record	**a, **b;
	json_t		*ja, *jb;
	size_t		 i, j, na, nb;

	memset(&h, 0, sizeof(h));
	tr.note = hear;
	tr.arg = &h;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		pg = load_buffer("t.txt", pages[i], strlen(pages[i]));
		na = extract_records(ps, pg, &a);
		nb = extract_records_with(ps, pg, NULL, &tr, &b);
		ck_assert_msg(na == nb, "page %zu: %zu vs %zu records", i,
		    na, nb);
		for (j = 0; j < na; j++) {
			ja = record_to_json(a[j]);
			jb = record_to_json(b[j]);
			ck_assert_msg(json_equal(ja, jb), "page %zu record %zu "
			    "differs with a trace", i, j);
			json_decref(ja);
			json_decref(jb);
		}
		extract_records_free(a, na);
		extract_records_free(b, nb);
		page_free(pg);
	}
	ck_assert_msg(h.input_label, "no input price under its header");
	ck_assert_uint_gt(h.n[EX_TAKEN], 0);
	ck_assert_uint_gt(h.n[EX_AMOUNT], 0);	/* "Input Cost" */
	ck_assert_uint_gt(h.n[EX_NO_UNIT], 0);	/* "Input price: 3" */
}
END_TEST

Suite *
extract_suite(void)
{
	Suite	*s = suite_create("extract");
	TCase	*tc;

	tc = tcase_create("normal");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, seed_fields);
	tcase_add_test(tc, trace_notes);
	tcase_add_test(tc, sentinel_kept);
	tcase_add_test(tc, label_not_value);
	tcase_add_test(tc, bench_row_shapes);
	tcase_add_test(tc, text_html_agree);
	tcase_add_test(tc, vocab_lookup);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, generic_fallback);
	tcase_add_test(tc, empty_buffer);
	tcase_add_test(tc, binary_buffer);
	tcase_add_test(tc, needles);
	tcase_add_test(tc, needle_marks);
	tcase_add_test(tc, needle_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("generic");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, generic_values);
	tcase_add_test(tc, generic_pages);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(extract_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
