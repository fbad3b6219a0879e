/*
 * check_rules.c: the rule engine against the hand-read seed truth.
 *
 * For each seed page, as saved text and as our HTML rendering, every
 * per-page rule id in its must_fire list fires and none of its
 * must_not_fire list does, with --now 2026-11-22.  Corpus ids are the
 * corpus stage's business and are skipped here.  Also: the catalogue
 * loads, kinds resolve, and rule-file errors name the file and line.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "knowledge/catalog.h"
#include "rules/checks.h"
#include "rules/corpus.h"
#include "findings/diag.h"
#include "base/error.h"
#include "extract/extract.h"
#include "load/load.h"
#include "record/normalize.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "base/yml.h"

static struct profiles	*ps;
static struct catalog	*cat;
static char		 srcdir[1024];

static void
setup(void)
{
	struct cl_error	 err;
	char		 dir[1100];
	const char	*t = getenv("top_srcdir");

	snprintf(srcdir, sizeof(srcdir), "%s", t == NULL ? "." : t);
	snprintf(dir, sizeof(dir), "%s/rules", srcdir);
	load_init();
	ps = profiles_load(dir, &err);
	ck_assert_msg(ps != NULL, "profiles: %s", err.msg);
	cat = catalog_load(dir, &err);
	ck_assert_msg(cat != NULL, "catalog: %s", err.msg);
	ck_assert_msg(checks_bind(cat, &err) == 0, "kinds: %s", err.msg);
}

static void
teardown(void)
{
	catalog_free(cat);
	profiles_free(ps);
}

static struct summary *
lint_keep(const char *path, struct diag *d)
{
	struct page	*pg;
	struct record	*r;
	struct summary	*s;
	struct cl_error	 err;
	struct ctx	 c;

	ck_assert_msg(load_file(path, NULL, &pg, &err) == LOAD_OK,
	    "load %s: %s", path, err.msg);
	r = extract_page(ps, pg);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.ps = ps;
	c.cat = cat;
	ck_assert_int_eq(norm_date_serial("2026-11-22", &c.now), 0);
	checks_page(cat, &c, d);
	page_free(pg);
	/* What the corpus stage gets once the page's rules are done. */
	s = record_compact(r);
	record_free(r);
	return s;
}

static void
lint(const char *path, struct diag *d)
{
	struct page	*pg;
	struct record	*r;
	struct cl_error	 err;
	struct ctx	 c;

	ck_assert_msg(load_file(path, NULL, &pg, &err) == LOAD_OK,
	    "load %s: %s", path, err.msg);
	r = extract_page(ps, pg);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.ps = ps;
	c.cat = cat;
	ck_assert_int_eq(norm_date_serial("2026-11-22", &c.now), 0);
	checks_page(cat, &c, d);
	record_free(r);
	page_free(pg);
}

static int
fired(const struct diag *d, const char *id)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].rule, id) == 0)
			return 1;
	return 0;
}

static void
check_seed(const char *name, json_t *page, const char *ext)
{
	struct diag	 d = { 0 };
	const struct rule *ru;
	json_t		*ids, *id;
	char		 path[2048], stem[512];
	size_t		 i, n;
	const char	*dot;

	dot = strrchr(name, '.');
	n = dot == NULL ? strlen(name) : (size_t)(dot - name);
	snprintf(stem, sizeof(stem), "%.*s", (int)n, name);
	snprintf(path, sizeof(path), "%s/fixtures/pages/%s.%s", srcdir, stem,
	    ext);
	lint(path, &d);
	ids = json_object_get(page, "must_fire");
	json_array_foreach(ids, i, id) {
		ru = catalog_find(cat, json_string_value(id));
		ck_assert_msg(ru != NULL, "%s: unknown rule %s", name,
		    json_string_value(id));
		if (ru->corpus)
			continue;
		ck_assert_msg(fired(&d, ru->id), "%s: %s must fire", path,
		    ru->id);
	}
	ids = json_object_get(page, "must_not_fire");
	json_array_foreach(ids, i, id) {
		ck_assert_msg(catalog_find(cat, json_string_value(id)) != NULL,
		    "%s: unknown rule %s", name, json_string_value(id));
		ck_assert_msg(!fired(&d, json_string_value(id)),
		    "%s: %s must not fire", path, json_string_value(id));
	}
	diag_free(&d);
}

static void
each_seed(const char *ext)
{
	json_t		*truth, *pages, *page;
	json_error_t	 je;
	const char	*name;
	char		 path[1100];
	int		 seen = 0;

	snprintf(path, sizeof(path), "%s/fixtures/seeds-truth.json", srcdir);
	truth = json_load_file(path, 0, &je);
	ck_assert_msg(truth != NULL, "%s: %s", path, je.text);
	pages = json_object_get(truth, "pages");
	json_object_foreach(pages, name, page) {
		check_seed(name, page, ext);
		seen++;
	}
	ck_assert_int_eq(seen, 5);
	json_decref(truth);
}

START_TEST(seeds_text)
{
	each_seed("txt");
}
END_TEST

START_TEST(seeds_html)
{
	each_seed("html");
}
END_TEST

static int
fired_in(const struct diag *d, const char *id, const char *file)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].rule, id) == 0 &&
		    strcmp(d->v[i].file, file) == 0)
			return 1;
	return 0;
}

/* The five seeds linted together: every must_fire id, corpus included. */
static void
corpus_seeds(const char *ext)
{
	json_t		*truth, *pages, *page, *ids, *id;
	json_error_t	 je;
	const char	*name;
	struct summary	*recs[5];
	struct diag	 d = { 0 };
	char		 path[1100], files[5][1200];
	size_t		 n = 0, i, k;

	snprintf(path, sizeof(path), "%s/fixtures/seeds-truth.json", srcdir);
	truth = json_load_file(path, 0, &je);
	ck_assert_ptr_nonnull(truth);
	pages = json_object_get(truth, "pages");
	json_object_foreach(pages, name, page) {
		snprintf(files[n], sizeof(files[n]), "%s/fixtures/pages/%.*s.%s",
		    srcdir, (int)(strlen(name) - 4), name, ext);
		recs[n] = lint_keep(files[n], &d);
		n++;
	}
	corpus_run(cat, ps, recs, n, &d, NULL, NULL);
	k = 0;
	json_object_foreach(pages, name, page) {
		ids = json_object_get(page, "must_fire");
		json_array_foreach(ids, i, id)
			ck_assert_msg(fired_in(&d, json_string_value(id),
			    files[k]), "%s: %s must fire", files[k],
			    json_string_value(id));
		ids = json_object_get(page, "must_not_fire");
		json_array_foreach(ids, i, id)
			ck_assert_msg(!fired_in(&d, json_string_value(id),
			    files[k]), "%s: %s must not fire", files[k],
			    json_string_value(id));
		k++;
	}
	diag_free(&d);
	/* Alone, no seed fires a corpus rule. */
	for (k = 0; k < n; k++) {
		corpus_run(cat, ps, &recs[k], 1, &d, NULL, NULL);
		ck_assert_msg(d.n == 0, "%s alone fires %s", files[k],
		    d.n ? d.v[0].rule : "");
		summary_free(recs[k]);
	}
	json_decref(truth);
}

START_TEST(corpus_text)
{
	corpus_seeds("txt");
}
END_TEST

START_TEST(corpus_html)
{
	corpus_seeds("html");
}
END_TEST

START_TEST(kinds_resolve)
{
	size_t	i;

	ck_assert_uint_ge(cat->n, 40);
	for (i = 0; i < cat->n; i++) {
		ck_assert_ptr_nonnull(cat->v[i].kind);
		ck_assert_msg(strchr(cat->v[i].id, '.') != NULL,
		    "id %s is family.name", cat->v[i].id);
		ck_assert_msg(cat->v[i].summary[0] != '\0' &&
		    cat->v[i].rationale[0] != '\0' && cat->v[i].bad != NULL &&
		    cat->v[i].good != NULL, "%s needs summary, rationale and "
		    "examples", cat->v[i].id);
	}
}
END_TEST

/* A broken rule file is an error naming file and line. */
static void
broken_catalog(const char *yaml, const char *want, unsigned line)
{
	struct cl_error	 err;
	struct catalog	*c;
	char		 dir[] = "/tmp/cl_rulesXXXXXX", path[256], cmd[2200];
	FILE		*fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/catalog.yaml", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(yaml, fp);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "cp %s/rules/knowledge.yaml %s/", srcdir,
	    dir);
	ck_assert_int_eq(system(cmd), 0);
	memset(&err, 0, sizeof(err));
	/* An unknown kind is found when the kinds are bound. */
	c = catalog_load(dir, &err);
	if (c != NULL) {
		ck_assert_int_eq(checks_bind(c, &err), -1);
		catalog_free(c);
		c = NULL;
	}
	ck_assert_msg(strstr(err.msg, want) != NULL, "'%s' lacks '%s'",
	    err.msg, want);
	ck_assert_msg(strstr(err.file, "catalog.yaml") != NULL, "file %s",
	    err.file);
	ck_assert_uint_eq(err.line, line);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(rule_file_errors)
{
	broken_catalog("rules:\n  - id: a.b\n    severity: error\n"
	    "    kind: nosuchkind\n    summary: x\n", "unknown kind", 4);
	broken_catalog("rules:\n  - id: a.b\n    severity: fatal\n"
	    "    kind: range\n", "severity must be", 2);
	broken_catalog("rules:\n  - id: a.b\n    severity: error\n"
	    "    kind: bench-note\n    params:\n      patterns: ['(a+']\n",
	    "bad regular expression", 6);
	broken_catalog("rules:\n  - id: a.b\n    severity: error\n"
	    "    kind: range\n    colour: red\n", "unknown key 'colour'", 5);
	broken_catalog("rules:\n  - id: a.b\n  bad: [\n", "YAML error", 3);
}
END_TEST

/*
 * One row of tests/rules/bench_names.tsv against the knowledge file:
 * returns 1 when the scale check_bench_scale() gives matches want.
 */
static int
scale_is(const char *name, const char *want, char *got, size_t gotlen)
{
	const struct scale	*sc = check_bench_scale(cat, name);
	char			 w[64];
	double			 lo, hi;

	if (sc == NULL)
		snprintf(got, gotlen, "unknown");
	else if (sc->min == 0 && sc->max == 100)
		snprintf(got, gotlen, "percent");
	else
		snprintf(got, gotlen, "points %g %g", sc->min, sc->max);
	if (sscanf(want, "points %lf %lf", &lo, &hi) == 2) {
		snprintf(w, sizeof(w), "points %g %g", lo, hi);
		return strcmp(w, got) == 0;
	}
	return strcmp(want, got) == 0;
}

START_TEST(bench_names)
{
	char	 path[1100], line[512], got[64], first[600];
	char	*tab, *nl;
	FILE	*fp;
	struct catalog	 one;
	int	 rows = 0, bad = 0, merged = 0;

	ck_assert_msg(cat->has_scales_any, "the scales were not merged into "
	    "one pattern");
	snprintf(path, sizeof(path), "%s/tests/rules/bench_names.tsv",
	    srcdir);
	fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	first[0] = '\0';
	while (fgets(line, sizeof(line), fp) != NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		tab = strchr(line, '\t');
		ck_assert_msg(tab != NULL, "%s: no tab in '%s'", path, line);
		*tab++ = '\0';
		rows++;
		/* One match of every scale at once gives the scale the scan
		   of them one by one gives. */
		one = *cat;
		one.has_scales_any = 0;
		merged += check_bench_scale(cat, line) ==
		    check_bench_scale(&one, line);
		if (scale_is(line, tab, got, sizeof(got)))
			continue;
		fprintf(stderr, "bench_names: %s: want %s, got %s\n", line,
		    tab, got);
		if (bad++ == 0)
			snprintf(first, sizeof(first), "%s: want %s, got %s",
			    line, tab, got);
	}
	fclose(fp);
	ck_assert_msg(rows >= 200, "only %d names in %s", rows, path);
	ck_assert_msg(merged == rows, "the merged scale pattern and the scan "
	    "differ on %d of %d names", rows - merged, rows);
	ck_assert_msg(bad == 0, "%d of %d names wrong, first %s", bad, rows,
	    first);
}
END_TEST

static Suite *
rules_suite(void)
{
	Suite	*s = suite_create("rules");
	TCase	*tc;

	tc = tcase_create("seeds");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, seeds_text);
	tcase_add_test(tc, seeds_html);
	tcase_add_test(tc, kinds_resolve);
	tcase_add_test(tc, corpus_text);
	tcase_add_test(tc, corpus_html);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rule_file_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("knowledge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, bench_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(rules_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
