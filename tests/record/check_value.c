/*
 * check_value.c: table-driven Check tests for validator/record/value.c,
 * the one reader of a field's raw text for pages and catalogues.  Each
 * row reads one text as one field type with the page's or the
 * catalogue's options; the rows that read the same text both ways are
 * the differences value.h names, so a change to either side shows here.
 */

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/normalize.h"
#include "record/record.h"
#include "record/value.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

#define OK	NORM_OK
#define EMPTY	NORM_EMPTY
#define SENT	NORM_SENTINEL
#define INVAL	NORM_INVALID
#define BAD	NORM_BAD

#define UNST	PRICE_PER_UNSTATED
#define P1M	PRICE_PER_1M
#define P1K	PRICE_PER_1K
#define PTOK	PRICE_PER_TOKEN

#define NONE	DATE_ORDER_NONE
#define DMY	DATE_ORDER_DMY
#define MDY	DATE_ORDER_MDY

enum reader { PAGE, CAT };

struct value_row {
	enum reader		 rd;
	enum ftype		 t;
	const char		*in;
	enum price_unit		 per;
	enum date_order		 ord;
	enum norm_status	 st;
	double			 num;
	const char		*str;	/* NULL: none allocated */
	enum price_unit		 unit;
	const char		*cur;	/* "": none */
	int			 is_free;
	int			 is_percent;
};

static const struct value_row rows[] = {
	/* Money: a page's label states the unit of a bare number; a
	   catalogue's plain number is USD per its unit, the unit unsaid. */
	{ PAGE, FT_MONEY, "0.002", P1K, NONE, OK, 2, NULL, P1K, "USD", 0, 0 },
	{ CAT, FT_MONEY, "0.002", P1K, NONE, OK, 2, NULL, UNST, "USD", 0, 0 },
	{ PAGE, FT_MONEY, "$0.15", P1M, NONE, OK, 0.15, NULL, UNST, "USD",
	    0, 0 },
	{ CAT, FT_MONEY, "$0.002", P1K, NONE, OK, 2, NULL, UNST, "USD", 0, 0 },
	{ PAGE, FT_MONEY, "$0.002 per 1K tokens", P1M, NONE, OK, 2, NULL, P1K,
	    "USD", 0, 0 },
	{ CAT, FT_MONEY, "0.0000015", PTOK, NONE, OK, 1.5, NULL, UNST, "USD",
	    0, 0 },
	{ PAGE, FT_MONEY, "-1", P1M, NONE, SENT, -1, NULL, UNST, "", 0, 0 },
	{ CAT, FT_MONEY, "-1", P1M, NONE, OK, -1, NULL, UNST, "USD", 0, 0 },
	{ PAGE, FT_MONEY, "Free", P1M, NONE, OK, 0, NULL, UNST, "USD", 1, 0 },
	{ CAT, FT_MONEY, "Free", P1M, NONE, OK, 0, NULL, UNST, "USD", 1, 0 },
	{ PAGE, FT_MONEY, "abc", P1M, NONE, BAD, 0, NULL, UNST, "", 0, 0 },
	{ CAT, FT_MONEY, "abc", P1M, NONE, BAD, 0, NULL, UNST, "", 0, 0 },
	/* Token counts: a catalogue writes "unknown" as 0 or less. */
	{ PAGE, FT_TOKENS, "64K", UNST, NONE, OK, 64000, NULL, UNST, "", 0, 0 },
	{ CAT, FT_TOKENS, "131072", UNST, NONE, OK, 131072, NULL, UNST, "",
	    0, 0 },
	{ PAGE, FT_TOKENS, "0", UNST, NONE, SENT, 0, NULL, UNST, "", 0, 0 },
	{ CAT, FT_TOKENS, "0", UNST, NONE, SENT, 0, NULL, UNST, "", 0, 0 },
	{ PAGE, FT_TOKENS, "-5", UNST, NONE, INVAL, -5, NULL, UNST, "", 0, 0 },
	{ CAT, FT_TOKENS, "-5", UNST, NONE, SENT, 0, NULL, UNST, "", 0, 0 },
	/* Dates: only a page has an order for 25/03/2026. */
	{ PAGE, FT_DATE, "25/03/2026", UNST, DMY, OK, 0, "2026-03-25", UNST,
	    "", 0, 0 },
	{ PAGE, FT_DATE, "03/25/2026", UNST, MDY, OK, 0, "2026-03-25", UNST,
	    "", 0, 0 },
	{ CAT, FT_DATE, "25/03/2026", UNST, NONE, BAD, 0, NULL, UNST, "", 0, 0 },
	{ CAT, FT_DATE, "2024-02-30", UNST, NONE, INVAL, 0, "2024-02-30", UNST,
	    "", 0, 0 },
	{ PAGE, FT_DATE, "Dec 13, 2024", UNST, NONE, OK, 0, "2024-12-13", UNST,
	    "", 0, 0 },
	/* Integers: whole and not negative on a page, a score in a
	   catalogue. */
	{ PAGE, FT_INT, "42", UNST, NONE, OK, 42, NULL, UNST, "", 0, 0 },
	{ PAGE, FT_INT, "42%", UNST, NONE, OK, 42, NULL, UNST, "", 0, 0 },
	{ CAT, FT_INT, "42%", UNST, NONE, OK, 42, NULL, UNST, "", 0, 1 },
	{ PAGE, FT_INT, "3.5", UNST, NONE, BAD, 3.5, NULL, UNST, "", 0, 0 },
	{ CAT, FT_INT, "3.5", UNST, NONE, OK, 3.5, NULL, UNST, "", 0, 0 },
	{ PAGE, FT_INT, "-3", UNST, NONE, BAD, -3, NULL, UNST, "", 0, 0 },
	{ CAT, FT_INT, "-3", UNST, NONE, OK, -3, NULL, UNST, "", 0, 0 },
	/* The kinds both read alike. */
	{ PAGE, FT_SCORE, "81.4%", UNST, NONE, OK, 81.4, NULL, UNST, "", 0, 1 },
	{ CAT, FT_SCORE, "7.94", UNST, NONE, OK, 7.94, NULL, UNST, "", 0, 0 },
	{ PAGE, FT_PARAMS, "7B", UNST, NONE, OK, 7e9, NULL, UNST, "", 0, 0 },
	{ CAT, FT_PARAMS, "671B-A37B", UNST, NONE, OK, 671e9, NULL, UNST, "",
	    0, 0 },
	{ PAGE, FT_DAYS, "weekly", UNST, NONE, OK, 7, NULL, UNST, "", 0, 0 },
	{ CAT, FT_BOOL, "yes", UNST, NONE, OK, 1, NULL, UNST, "", 0, 0 },
	{ PAGE, FT_BOOL, "no", UNST, NONE, OK, 0, NULL, UNST, "", 0, 0 },
	{ PAGE, FT_STR, "GPT-4o", UNST, NONE, OK, 0, "GPT-4o", UNST, "", 0, 0 },
	{ CAT, FT_CURRENCY, "EUR", UNST, NONE, OK, 0, "EUR", UNST, "", 0, 0 },
	{ PAGE, FT_STR, "", UNST, NONE, EMPTY, 0, NULL, UNST, "", 0, 0 },
	{ CAT, FT_STR, "N/A", UNST, NONE, SENT, 0, NULL, UNST, "", 0, 0 },
};

/* The options extract.c and source.c pass. */
static void
opts_for(const struct value_row *r, struct value_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->date_order = r->ord;
	o->per = r->per;
	if (r->rd == PAGE) {
		o->per_is_stated = 1;
		o->strict_int = 1;
	} else {
		o->plain_money = 1;
		o->count_sentinel = 1;
	}
}

START_TEST(test_value)
{
	const struct value_row	*r = &rows[_i];
	struct value_opts	 o;
	struct seen		 s;
	const char		*who = r->rd == PAGE ? "page" : "catalogue";

	opts_for(r, &o);
	memset(&s, 0, sizeof(s));
	value_read(r->t, r->in, &o, &s);
	ck_assert_msg(s.status == r->st, "%s \"%s\": status %d, want %d",
	    who, r->in, s.status, r->st);
	ck_assert_msg(fabs(s.num - r->num) <= 1e-9 * fabs(r->num),
	    "%s \"%s\": num %.17g, want %.17g", who, r->in, s.num, r->num);
	if (r->str == NULL)
		ck_assert_msg(s.str == NULL, "%s \"%s\": str \"%s\"", who,
		    r->in, s.str);
	else
		ck_assert_msg(s.str != NULL && strcmp(s.str, r->str) == 0,
		    "%s \"%s\": str \"%s\", want \"%s\"", who, r->in,
		    s.str != NULL ? s.str : "(null)", r->str);
	ck_assert_msg(s.unit == r->unit, "%s \"%s\": unit %d, want %d", who,
	    r->in, s.unit, r->unit);
	ck_assert_msg(strcmp(s.currency, r->cur) == 0,
	    "%s \"%s\": currency \"%s\", want \"%s\"", who, r->in,
	    s.currency, r->cur);
	ck_assert_msg(s.is_free == r->is_free, "%s \"%s\": is_free %d", who,
	    r->in, s.is_free);
	ck_assert_msg(s.is_percent == r->is_percent,
	    "%s \"%s\": is_percent %d", who, r->in, s.is_percent);
	free(s.str);
}
END_TEST

/* A plain number is what JSON writes, nothing a page would. */
START_TEST(test_plain_number)
{
	double	v;

	ck_assert(value_plain_number("0.15", &v) && v == 0.15);
	ck_assert(value_plain_number("-1", &v) && v == -1);
	ck_assert(value_plain_number("1e-7", &v) && v == 1e-7);
	ck_assert(!value_plain_number("", &v));
	ck_assert(!value_plain_number(" 1", &v));
	ck_assert(!value_plain_number("+1", &v));
	ck_assert(!value_plain_number(".5", &v));
	ck_assert(!value_plain_number("0x10", &v));
	ck_assert(!value_plain_number("1e999", &v));
	ck_assert(!value_plain_number("$1", &v));
	ck_assert(!value_plain_number("1 ", &v));
}
END_TEST

Suite *value_suite(void);

Suite *
value_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("value");
	tc = tcase_create("read");
	tcase_add_loop_test(tc, test_value, 0, NELEM(rows));
	tcase_add_test(tc, test_plain_number);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(value_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
