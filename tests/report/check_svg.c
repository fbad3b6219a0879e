/*
 * check_svg.c: the report's charts.  A strip chart picks its axis from
 * the values (log for prices and for counts spread over ten times or
 * more, linear otherwise, dates as dates, a feature's two sides), draws
 * every point once with the flagged ones marked, keeps its labels on
 * the drawing, and gives the same bytes for the same input; a bar chart
 * draws at most SVG_BARS bars and counts the rest.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "findings/diag.h"
#include "report/svg.h"

/* The chart drawn into a fresh document, serialised. */
static char *
draw(struct svg_strip *st)
{
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 root = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlBufferPtr	 b = xmlBufferCreate();
	char		*s;

	xmlDocSetRootElement(doc, root);
	svg_strip(root, "c1", st);
	xmlNodeDump(b, doc, root, 0, 0);
	s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return s;
}

static size_t
count(const char *s, const char *what)
{
	size_t	n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* Axis ticks the chart must show, and ticks it must not. */
static const struct {
	enum axis	 axis;
	double		 a;
	double		 b;
	const char	*want;
	const char	*not;
} axis_rows[] = {
	/* Prices: decades even when close. */
	{ AXIS_LOG, 0.15, 0.9, ">0.1<", ">0.2<" },
	{ AXIS_LOG, 0.15, 4800, ">10K<", ">2000<" },
	/* Counts: linear when near, log when ten times apart. */
	{ AXIS_NUM, 64000, 164000, ">120K<", ">1M<" },
	{ AXIS_NUM, 4000, 129300, ">10K<", ">20K<" },
	/* Dates by day; a feature's two sides. */
	{ AXIS_DAY, 20321, 20325, ">2025-08-23<", ">20323<" },
	{ AXIS_YESNO, 0, 1, "listed as supported", ">0.5<" },
};

START_TEST(strip_axis)
{
	struct svg_point	 v[2];
	struct svg_strip	 st;
	char			*s;

	memset(v, 0, sizeof(v));
	memset(&st, 0, sizeof(st));
	v[0].where = "a.txt:1";
	v[0].value = "A";
	v[0].x = axis_rows[_i].a;
	v[0].flagged = 1;
	v[1].where = "b.txt:2";
	v[1].value = "B";
	v[1].x = axis_rows[_i].b;
	st.title = "t";
	st.axis = axis_rows[_i].axis;
	st.v = v;
	st.n = 2;
	s = draw(&st);
	ck_assert_msg(strstr(s, axis_rows[_i].want) != NULL, "no %s in %s",
	    axis_rows[_i].want, s);
	ck_assert_msg(strstr(s, axis_rows[_i].not) == NULL, "%s in %s",
	    axis_rows[_i].not, s);
	ck_assert_uint_eq(count(s, "<circle"), 2);
	ck_assert_uint_eq(count(s, "class=\"pt flag\""), 1);
	ck_assert(strstr(s, "role=\"img\"") != NULL);
	ck_assert(strstr(s, "<desc id=\"c1-desc\">a.txt:1 A (flagged); "
	    "b.txt:2 B</desc>") != NULL ||
	    strstr(s, "<desc id=\"c1-desc\">b.txt:2 B; a.txt:1 A "
	    "(flagged)</desc>") != NULL);
	free(s);
}
END_TEST

/* Many flagged sources at one end, long labels: nothing leaves the
   drawing, at most ten are labelled, and the bytes repeat. */
START_TEST(strip_labels)
{
	struct svg_point	 v[30];
	struct svg_strip	 st;
	char			 where[30][64], *s, *t;
	const char		*p;
	double			 x;
	size_t			 i;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < 30; i++) {
		snprintf(where[i], sizeof(where[i]), "some/long/folder/"
		    "page_%02zu_with_a_long_name.txt:%zu", i, i + 1);
		v[i].where = where[i];
		v[i].value = "$123.45";
		v[i].x = i < 25 ? 1000 + (double)i : 1;
		v[i].flagged = i < 25;
		v[i].file = NULL;
	}
	st.title = "t";
	st.axis = AXIS_LOG;
	st.v = v;
	st.n = 30;
	st.consensus = "median $1 of 30 sources";
	st.cx = 1;
	s = draw(&st);
	ck_assert_uint_eq(count(s, "<circle"), 30);
	ck_assert_uint_eq(count(s, "class=\"pt flag\""), 25);
	ck_assert_uint_eq(count(s, "class=\"fl\""), 10);
	ck_assert_uint_eq(count(s, "class=\"cl\""), 1);
	ck_assert_uint_eq(count(s, "and 0 more"), 0);
	ck_assert(strstr(s, "; and ") == NULL);
	for (p = s; (p = strstr(p, "<text ")) != NULL; p++) {
		ck_assert(sscanf(strstr(p, " x=\"") + 4, "%lf", &x) == 1);
		ck_assert_msg(x >= 0 && x <= 680, "text at x=%g", x);
	}
	for (p = s; (p = strstr(p, "<circle ")) != NULL; p++) {
		ck_assert(sscanf(strstr(p, " cx=\"") + 5, "%lf", &x) == 1);
		ck_assert_msg(x >= 0 && x <= 680, "dot at x=%g", x);
	}
	t = draw(&st);
	ck_assert_str_eq(s, t);
	free(s);
	free(t);
}
END_TEST

START_TEST(bars_bounded)
{
	struct svg_bar	 b[30];
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 root = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlBufferPtr	 buf = xmlBufferCreate();
	const char	*s;
	size_t		 i;

	memset(b, 0, sizeof(b));
	for (i = 0; i < 30; i++) {
		b[i].label = "a.rule";
		b[i].err = i;
		b[i].warn = 1;
	}
	xmlDocSetRootElement(doc, root);
	svg_bars(root, "bars", "Findings by rule", b, 30);
	xmlNodeDump(buf, doc, root, 0, 0);
	s = (const char *)xmlBufferContent(buf);
	ck_assert_uint_eq(count(s, "<g class=\"bar\""), SVG_BARS);
	ck_assert(strstr(s, ">and 5 more<") != NULL);
	/* A bar of no errors has no error segment. */
	ck_assert_uint_eq(count(s, "class=\"b-error\""), SVG_BARS - 1);
	ck_assert(strstr(s, "aria-label=\"Findings by rule\"") != NULL);
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("svg");
	TCase	*tc = tcase_create("normal");
	SRunner	*sr;
	int	 failed;

	tcase_add_loop_test(tc, strip_axis, 0,
	    (int)(sizeof(axis_rows) / sizeof(axis_rows[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_test(tc, strip_labels);
	tcase_add_test(tc, bars_bounded);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
