/*
 * check_normalize.c: table-driven Check tests for validator/normalize.c.
 * Every row is fed through an exact-size heap copy with no NUL after
 * it, so AddressSanitizer or valgrind catch any read past the length.
 * TCase "normal" holds values that parse, "errors" the rows that must
 * not (sentinels, impossible values, junk), and "limits" the hostile
 * inputs: short lengths, 10 KB numbers, odd white space, NULLs.
 */

#include <check.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/normalize.h"

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

/* UTF-8 spelled out, kept apart so no hex escape runs into a digit. */
#define NBSP	"\xc2\xa0"
#define NNBSP	"\xe2\x80\xaf"	/* narrow no-break space */
#define THIN	"\xe2\x80\x89"
#define IDSP	"\xe3\x80\x80"	/* ideographic space */
#define BOM	"\xef\xbb\xbf"
#define YEN	"\xc2\xa5"
#define FWYEN	"\xef\xbf\xa5"
#define YUAN	"\xe5\x85\x83"
#define EURO	"\xe2\x82\xac"
#define POUND	"\xc2\xa3"
#define RUPEE	"\xe2\x82\xb9"
#define MINUS	"\xe2\x88\x92"
#define EMDASH	"\xe2\x80\x94"
#define ENDASH	"\xe2\x80\x93"
#define CHECK	"\xe2\x9c\x93"
#define CROSS	"\xe2\x9c\x97"

#define OK	NORM_OK
#define EMPTY	NORM_EMPTY
#define SENT	NORM_SENTINEL
#define INVAL	NORM_INVALID
#define BAD	NORM_BAD

#define UNST	PRICE_PER_UNSTATED
#define P1M	PRICE_PER_1M
#define P1K	PRICE_PER_1K
#define PTOK	PRICE_PER_TOKEN

#define BIGLEN	10240

struct money_row {
	const char		*in;
	enum price_unit		 dflt;
	enum norm_status	 st;
	double			 num;
	enum price_unit		 unit;
	const char		*cur;
	int			 is_free;
};

struct num_row {
	const char		*in;
	enum norm_status	 st;
	double			 num;
};

struct params_row {
	const char		*in;
	enum norm_status	 st;
	double			 num;
	int			 has_num2;
	double			 num2;
};

struct date_row {
	const char		*in;
	enum date_order		 ord;
	enum norm_status	 st;
	const char		*date;
	int			 prec;
};

struct score_row {
	const char		*in;
	enum norm_status	 st;
	double			 num;
	int			 is_percent;
};

struct bool_row {
	const char		*in;
	enum norm_status	 st;
	int			 bval;
};

struct sentinel_row {
	const char		*in;
	int			 want;
};

struct serial_row {
	const char		*in;
	int			 rc;
	long			 days;
};

struct dim_row {
	int			 year;
	int			 month;
	int			 days;
};

/* ---- money ---- */

static const struct money_row money_ok[] = {
	{ "$0.050", P1M, OK, 0.05, UNST, "USD", 0 },
	{ "$ 0.15", P1M, OK, 0.15, UNST, "USD", 0 },
	{ "$4800.00", P1M, OK, 4800, UNST, "USD", 0 },
	{ YEN "2", P1M, OK, 2, UNST, "CNY", 0 },
	{ EURO "1,50", P1M, OK, 1.5, UNST, "EUR", 0 },
	{ "$1,234.50", P1M, OK, 1234.5, UNST, "USD", 0 },
	{ "0.15 / M Tokens", P1M, OK, 0.15, P1M, "USD", 0 },
	{ "$0.002 per 1K tokens", P1M, OK, 2.0, P1K, "USD", 0 },
	{ "$0.0000015/token", P1M, OK, 1.5, PTOK, "USD", 0 },
	{ "Free", P1M, OK, 0, UNST, "USD", 1 },
	{ "FREE", P1M, OK, 0, UNST, "USD", 1 },
	{ "$-5", P1M, OK, -5, UNST, "USD", 0 },
	{ "-$5", P1M, OK, -5, UNST, "USD", 0 },
	{ "$" MINUS "5", P1M, OK, -5, UNST, "USD", 0 },
	{ "0", P1M, OK, 0, UNST, "USD", 0 },
	{ "$0", P1M, OK, 0, UNST, "USD", 0 },
	{ "$0.00", P1M, OK, 0, UNST, "USD", 0 },
	{ "$0.05/1M", P1M, OK, 0.05, P1M, "USD", 0 },
	{ "$0.15/1m", P1M, OK, 0.15, P1M, "USD", 0 },
	{ "$0.05 per 1M input tokens", P1M, OK, 0.05, P1M, "USD", 0 },
	{ "$0.25 / 1M output tokens", P1M, OK, 0.25, P1M, "USD", 0 },
	{ "$3 per million tokens", P1M, OK, 3, P1M, "USD", 0 },
	{ "$3 per million", P1M, OK, 3, P1M, "USD", 0 },
	{ "$0.5 per thousand tokens", P1M, OK, 500, P1K, "USD", 0 },
	{ "$15 / MTok", P1M, OK, 15, P1M, "USD", 0 },
	{ "$0.003 / 1K", P1M, OK, 3, P1K, "USD", 0 },
	{ "$0.15 per 1k tokens", P1M, OK, 150, P1K, "USD", 0 },
	{ "$0.000002 per token", P1M, OK, 2, PTOK, "USD", 0 },
	{ "$0.01 per 1,000 tokens", P1M, OK, 10, P1K, "USD", 0 },
	{ "$2.50 per 1,000,000 tokens", P1M, OK, 2.5, P1M, "USD", 0 },
	{ "$0.002", P1K, OK, 2, UNST, "USD", 0 },
	{ "$0.0000015", PTOK, OK, 1.5, UNST, "USD", 0 },
	{ "$0.002/1K", PTOK, OK, 2, P1K, "USD", 0 },
	{ "$0.15", UNST, OK, 0.15, UNST, "USD", 0 },
	{ "USD 0.15", P1M, OK, 0.15, UNST, "USD", 0 },
	{ "0.15 USD", P1M, OK, 0.15, UNST, "USD", 0 },
	{ "usd 1", P1M, OK, 1, UNST, "USD", 0 },
	{ "US$0.15", P1M, OK, 0.15, UNST, "USD", 0 },
	{ "RMB 2", P1M, OK, 2, UNST, "CNY", 0 },
	{ "CNY 8.00 / 1M tokens", P1M, OK, 8, P1M, "CNY", 0 },
	{ "2" YUAN, P1M, OK, 2, UNST, "CNY", 0 },
	{ FWYEN "4", P1M, OK, 4, UNST, "CNY", 0 },
	{ POUND "1.20", P1M, OK, 1.2, UNST, "GBP", 0 },
	{ RUPEE "100", P1M, OK, 100, UNST, "INR", 0 },
	{ "JPY 300", P1M, OK, 300, UNST, "JPY", 0 },
	{ "1,50 " EURO, P1M, OK, 1.5, UNST, "EUR", 0 },
	{ "EUR 1,5", P1M, OK, 1.5, UNST, "EUR", 0 },
	{ "$1,234", P1M, OK, 1234, UNST, "USD", 0 },
	{ "$1,234,567.89", P1M, OK, 1234567.89, UNST, "USD", 0 },
	{ "$.50", P1M, OK, 0.5, UNST, "USD", 0 },
	{ "$1e3", P1M, OK, 1000, UNST, "USD", 0 },
	{ "$\n0.15", P1M, OK, 0.15, UNST, "USD", 0 },
	{ NBSP "$0.15" NBSP, P1M, OK, 0.15, UNST, "USD", 0 },
	{ "\t$9.50\r\n", P1M, OK, 9.5, UNST, "USD", 0 },
	{ "$0.15" NBSP "/" NBSP "1M" NBSP "tokens", P1M, OK, 0.15, P1M,
	    "USD", 0 }
};

static const struct money_row money_err[] = {
	{ "", P1M, EMPTY, 0, UNST, "", 0 },
	{ "   ", P1M, EMPTY, 0, UNST, "", 0 },
	{ NBSP "\t\n", P1M, EMPTY, 0, UNST, "", 0 },
	{ "N/A", P1M, SENT, 0, UNST, "", 0 },
	{ "TBD", P1M, SENT, 0, UNST, "", 0 },
	{ "Not sourced", P1M, SENT, 0, UNST, "", 0 },
	{ "-1", P1M, SENT, -1, UNST, "", 0 },
	{ "$-1", P1M, SENT, -1, UNST, "USD", 0 },
	{ "$-1.00", P1M, SENT, -1, UNST, "USD", 0 },
	{ "-1 / 1M tokens", P1M, SENT, -1, P1M, "", 0 },
	{ "$N/A", P1M, SENT, 0, UNST, "USD", 0 },
	{ "$" EMDASH, P1M, SENT, 0, UNST, "USD", 0 },
	{ "$0x10", P1M, BAD, 0, UNST, "", 0 },
	{ "$1e309", P1M, INVAL, 0, UNST, "USD", 0 },
	{ "$1e-400", P1M, INVAL, 0, UNST, "USD", 0 },
	{ "$1e303/token", P1M, INVAL, 0, PTOK, "USD", 0 },
	{ "$1e303", PTOK, INVAL, 0, UNST, "USD", 0 },
	{ "abc", P1M, BAD, 0, UNST, "", 0 },
	{ "$", P1M, BAD, 0, UNST, "", 0 },
	{ "USD", P1M, BAD, 0, UNST, "", 0 },
	{ "$5 EUR", P1M, BAD, 0, UNST, "", 0 },
	{ "$20/month", P1M, BAD, 0, UNST, "", 0 },
	{ "$0.02/image", P1M, BAD, 0, UNST, "", 0 },
	{ "$0.15 per 100K tokens", P1M, BAD, 0, UNST, "", 0 },
	{ "$0.15 /", P1M, BAD, 0, UNST, "", 0 },
	{ "$1,2345", P1M, BAD, 0, UNST, "", 0 },
	{ "$1234,567", P1M, BAD, 0, UNST, "", 0 },
	{ "$1.234,50", P1M, BAD, 0, UNST, "", 0 },
	{ "$1,234,56", P1M, BAD, 0, UNST, "", 0 },
	{ "$1,5.0", P1M, BAD, 0, UNST, "", 0 },
	{ "$0.15 - $0.30", P1M, BAD, 0, UNST, "", 0 },
	{ "inf", P1M, BAD, 0, UNST, "", 0 },
	{ "$Infinity", P1M, BAD, 0, UNST, "", 0 },
	{ "$--5", P1M, BAD, 0, UNST, "", 0 },
	{ "-$-5", P1M, BAD, 0, UNST, "", 0 },
	{ "1 2", P1M, BAD, 0, UNST, "", 0 },
	{ "$5e", P1M, BAD, 0, UNST, "", 0 },
	{ "Free!", P1M, BAD, 0, UNST, "", 0 },
	{ "USDC 1", P1M, BAD, 0, UNST, "", 0 }
};

/* ---- tokens ---- */

static const struct num_row tokens_ok[] = {
	{ "64K", OK, 64000 },
	{ "129.3K", OK, 129300 },
	{ "1M", OK, 1000000 },
	{ "131,072", OK, 131072 },
	{ "64,000 token", OK, 64000 },
	{ "64,000 tokens", OK, 64000 },
	{ "128k", OK, 128000 },
	{ "2 million", OK, 2000000 },
	{ "1.5M", OK, 1500000 },
	{ "4K", OK, 4000 },
	{ "200000", OK, 200000 },
	{ "1B", OK, 1e9 },
	{ "1 billion", OK, 1e9 },
	{ "10 thousand", OK, 10000 },
	{ " 8192 ", OK, 8192 },
	{ "128K tokens", OK, 128000 },
	{ "1,048,576", OK, 1048576 },
	{ NBSP "128K" NBSP, OK, 128000 },
	{ "64 K", OK, 64000 },
	{ "1e6", OK, 1e6 },
	{ "1000000000000000", OK, 1e15 },
	{ "0.5K", OK, 500 }
};

static const struct num_row tokens_err[] = {
	{ "", EMPTY, 0 },
	{ "0", SENT, 0 },
	{ "0K", SENT, 0 },
	{ "-1", SENT, -1 },
	{ "-1 tokens", SENT, -1 },
	{ "N/A", SENT, 0 },
	{ "99999999999999999999K", INVAL, 1e23 },
	{ "1000000000000001", INVAL, 1000000000000001.0 },
	{ "-5", INVAL, -5 },
	{ "-1K", INVAL, -1000 },
	{ "1.5", INVAL, 1.5 },
	{ "1.2345K", INVAL, 1234.5 },
	{ "1e400", INVAL, 0 },
	{ "64KB", BAD, 0 },
	{ "64T", BAD, 0 },
	{ "abc", BAD, 0 },
	{ "64K context", BAD, 0 },
	{ "0x40", BAD, 0 },
	{ "1,2345", BAD, 0 },
	{ "K", BAD, 0 }
};

/* ---- parameters ---- */

static const struct params_row params_ok[] = {
	{ "7B", OK, 7e9, 0, 0 },
	{ "27.0B", OK, 27e9, 0, 0 },
	{ "4.5B", OK, 4.5e9, 0, 0 },
	{ "1.2T", OK, 1.2e12, 0, 0 },
	{ "350M", OK, 350e6, 0, 0 },
	{ "7 billion", OK, 7e9, 0, 0 },
	{ "1.5 trillion", OK, 1.5e12, 0, 0 },
	{ "671B-A37B", OK, 671e9, 1, 37e9 },
	{ "671B (37B active)", OK, 671e9, 1, 37e9 },
	{ "671B (A37B)", OK, 671e9, 1, 37e9 },
	{ "30B-A3B", OK, 30e9, 1, 3e9 },
	{ "235B - A22B", OK, 235e9, 1, 22e9 },
	{ "7b", OK, 7e9, 0, 0 },
	{ "0.5B", OK, 5e8, 0, 0 },
	{ "125K", OK, 125000, 0, 0 },
	{ "7000000000", OK, 7e9, 0, 0 },
	{ "\t7B\n", OK, 7e9, 0, 0 }
};

static const struct params_row params_err[] = {
	{ "-1", SENT, -1, 0, 0 },
	{ "0", SENT, 0, 0, 0 },
	{ "0B", SENT, 0, 0, 0 },
	{ "N/A", SENT, 0, 0, 0 },
	{ "", EMPTY, 0, 0, 0 },
	{ "-7B", INVAL, -7e9, 0, 0 },
	{ "1.5", INVAL, 1.5, 0, 0 },
	{ "7B-A9B", INVAL, 7e9, 1, 9e9 },
	{ "7B-A0B", INVAL, 7e9, 1, 0 },
	{ "2000T", INVAL, 2e15, 0, 0 },
	{ "1e400B", INVAL, 0, 0, 0 },
	{ "8x7B", BAD, 0, 0, 0 },
	{ "7B params", BAD, 0, 0, 0 },
	{ "abc", BAD, 0, 0, 0 },
	{ "671B (37B)", BAD, 0, 0, 0 },
	{ "671B-A", BAD, 0, 0, 0 }
};

/* ---- dates ---- */

static const struct date_row date_ok[] = {
	{ "2024-03-15", DATE_ORDER_NONE, OK, "2024-03-15", 3 },
	{ "2024-3-5", DATE_ORDER_NONE, OK, "2024-03-05", 3 },
	{ "December 13, 2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 },
	{ "Dec 13, 2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 },
	{ "Aug 25, 2025", DATE_ORDER_NONE, OK, "2025-08-25", 3 },
	{ "Sept 5, 2025", DATE_ORDER_NONE, OK, "2025-09-05", 3 },
	{ "13 December 2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 },
	{ "2023-12", DATE_ORDER_NONE, OK, "2023-12", 2 },
	{ "December 2023", DATE_ORDER_NONE, OK, "2023-12", 2 },
	{ "2024", DATE_ORDER_NONE, OK, "2024", 1 },
	{ "2024-03-15T10:00:00Z", DATE_ORDER_NONE, OK, "2024-03-15", 3 },
	{ "2024-03-15 10:00", DATE_ORDER_NONE, OK, "2024-03-15", 3 },
	{ "25/03/2026", DATE_ORDER_DMY, OK, "2026-03-25", 3 },
	{ "03/25/2026", DATE_ORDER_MDY, OK, "2026-03-25", 3 },
	{ "25.03.2026", DATE_ORDER_DMY, OK, "2026-03-25", 3 },
	{ "2024-02-29", DATE_ORDER_NONE, OK, "2024-02-29", 3 },
	{ "2000-02-29", DATE_ORDER_NONE, OK, "2000-02-29", 3 },
	{ "Dec. 13, 2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 },
	{ "December 13th, 2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 },
	{ "Friday, December 13, 2024", DATE_ORDER_NONE, OK,
	    "2024-12-13", 3 },
	{ "Fri Dec 13 2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 },
	{ "13-Dec-2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 },
	{ "1st May 2024", DATE_ORDER_NONE, OK, "2024-05-01", 3 },
	{ "2024/03/15", DATE_ORDER_NONE, OK, "2024-03-15", 3 },
	{ "july 19, 2025", DATE_ORDER_NONE, OK, "2025-07-19", 3 },
	{ "MAY 1, 2024", DATE_ORDER_NONE, OK, "2024-05-01", 3 },
	{ "\n  March 25, 2026 \n", DATE_ORDER_NONE, OK, "2026-03-25", 3 },
	{ "Dec\n13,\n2024", DATE_ORDER_NONE, OK, "2024-12-13", 3 }
};

static const struct date_row date_err[] = {
	{ "25/03/2026", DATE_ORDER_NONE, BAD, "", 0 },
	{ "03/25/2026", DATE_ORDER_NONE, BAD, "", 0 },
	{ "03/25/2026", DATE_ORDER_DMY, INVAL, "2026-25-03", 3 },
	{ "25/03/2026", DATE_ORDER_MDY, INVAL, "2026-25-03", 3 },
	{ "2024-02-30", DATE_ORDER_NONE, INVAL, "2024-02-30", 3 },
	{ "2023-02-29", DATE_ORDER_NONE, INVAL, "2023-02-29", 3 },
	{ "1900-02-29", DATE_ORDER_NONE, INVAL, "1900-02-29", 3 },
	{ "0000-00-00", DATE_ORDER_NONE, INVAL, "0000-00-00", 3 },
	{ "2024-13-45", DATE_ORDER_NONE, INVAL, "2024-13-45", 3 },
	{ "2024-04-31", DATE_ORDER_NONE, INVAL, "2024-04-31", 3 },
	{ "2024-13", DATE_ORDER_NONE, INVAL, "2024-13", 2 },
	{ "0000", DATE_ORDER_NONE, INVAL, "0000", 1 },
	{ "February 30, 2024", DATE_ORDER_NONE, INVAL, "2024-02-30", 3 },
	{ "", DATE_ORDER_NONE, EMPTY, "", 0 },
	{ "N/A", DATE_ORDER_NONE, SENT, "", 0 },
	{ "-", DATE_ORDER_NONE, SENT, "", 0 },
	{ "TBD", DATE_ORDER_NONE, SENT, "", 0 },
	{ "yesterday", DATE_ORDER_NONE, BAD, "", 0 },
	{ "Smarch 5, 2024", DATE_ORDER_NONE, BAD, "", 0 },
	{ "2024-03-15x", DATE_ORDER_NONE, BAD, "", 0 },
	{ "2024-03-15T", DATE_ORDER_NONE, BAD, "", 0 },
	{ "20240315", DATE_ORDER_NONE, BAD, "", 0 },
	{ "24-03-15", DATE_ORDER_DMY, BAD, "", 0 },
	{ "Dec 13", DATE_ORDER_NONE, BAD, "", 0 },
	{ "2024--03", DATE_ORDER_NONE, BAD, "", 0 },
	{ "2024-03/15", DATE_ORDER_NONE, BAD, "", 0 }
};

/* ---- scores ---- */

static const struct score_row score_ok[] = {
	{ "81.4%", OK, 81.4, 1 },
	{ "1,532", OK, 1532, 0 },
	{ "7.94", OK, 7.94, 0 },
	{ "70.9 %", OK, 70.9, 1 },
	{ "-3.5", OK, -3.5, 0 },
	{ "0", OK, 0, 0 },
	{ "100%", OK, 100, 1 },
	{ "+2.1", OK, 2.1, 0 },
	{ "81,4%", OK, 81.4, 1 },
	{ " 62.8%\n", OK, 62.8, 1 },
	{ "1,234.5", OK, 1234.5, 0 },
	{ "-2", OK, -2, 0 }
};

static const struct score_row score_err[] = {
	{ "-1", SENT, -1, 0 },
	{ "-1%", SENT, -1, 1 },
	{ "N/A", SENT, 0, 0 },
	{ "-", SENT, 0, 0 },
	{ "", EMPTY, 0, 0 },
	{ "abc", BAD, 0, 0 },
	{ "81.4%%", BAD, 0, 0 },
	{ "1e3", BAD, 0, 0 },
	{ "81.4 pts", BAD, 0, 0 },
	{ "1,23,456", BAD, 0, 0 }
};

/* ---- days ---- */

static const struct num_row days_ok[] = {
	{ "daily", OK, 1 },
	{ "weekly", OK, 7 },
	{ "Weekly", OK, 7 },
	{ "weekly.", OK, 7 },
	{ "fortnightly", OK, 14 },
	{ "biweekly", OK, 14 },
	{ "monthly", OK, 30 },
	{ "quarterly", OK, 91 },
	{ "yearly", OK, 365 },
	{ "annually", OK, 365 },
	{ "hourly", OK, 1 },
	{ "every 3 days", OK, 3 },
	{ "every 2 weeks", OK, 14 },
	{ "every day", OK, 1 },
	{ "every other day", OK, 2 },
	{ "every week", OK, 7 },
	{ "every 36 hours", OK, 2 },
	{ "every 24 hours", OK, 1 },
	{ "every 6 hours", OK, 1 },
	{ "every 1.5 days", OK, 2 },
	{ "every 2 months", OK, 60 },
	{ "7", OK, 7 },
	{ "7 days", OK, 7 },
	{ "every\nweek", OK, 7 }
};

static const struct num_row days_err[] = {
	{ "", EMPTY, 0 },
	{ "N/A", SENT, 0 },
	{ "0", SENT, 0 },
	{ "every 0 days", SENT, 0 },
	{ "-1", SENT, -1 },
	{ "every -3 days", INVAL, -3 },
	{ "every 1000 years", INVAL, 365000 },
	{ "sometimes", BAD, 0 },
	{ "every", BAD, 0 },
	{ "every 3", BAD, 0 },
	{ "days", BAD, 0 },
	{ "weekly-ish", BAD, 0 },
	{ "every 3 parsecs", BAD, 0 }
};

/* ---- booleans ---- */

static const struct bool_row bool_ok[] = {
	{ "yes", OK, 1 },
	{ "no", OK, 0 },
	{ "Yes", OK, 1 },
	{ "true", OK, 1 },
	{ "FALSE", OK, 0 },
	{ "supported", OK, 1 },
	{ "not supported", OK, 0 },
	{ "Not  Supported", OK, 0 },
	{ "not\nsupported", OK, 0 },
	{ "available", OK, 1 },
	{ "unavailable", OK, 0 },
	{ "open source", OK, 1 },
	{ "Open Source", OK, 1 },
	{ "open-source", OK, 1 },
	{ "proprietary", OK, 0 },
	{ "closed", OK, 0 },
	{ "1", OK, 1 },
	{ "0", OK, 0 },
	{ CHECK, OK, 1 },
	{ CROSS, OK, 0 },
	{ "Y", OK, 1 },
	{ " N ", OK, 0 }
};

static const struct bool_row bool_err[] = {
	{ "", EMPTY, 0 },
	{ "N/A", SENT, 0 },
	{ "unknown", SENT, 0 },
	{ "-1", SENT, 0 },
	{ "maybe", BAD, 0 },
	{ "yes!", BAD, 0 },
	{ "2", BAD, 0 },
	{ "yess", BAD, 0 },
	{ "open", BAD, 0 }
};

/* ---- sentinels ---- */

static const struct sentinel_row sentinel_rows[] = {
	{ "-1", 1 },
	{ "N/A", 1 },
	{ "n/a", 1 },
	{ "NA", 1 },
	{ "TBD", 1 },
	{ "tba", 1 },
	{ "NaN", 1 },
	{ "null", 1 },
	{ "undefined", 1 },
	{ "none", 1 },
	{ "Unknown", 1 },
	{ "-", 1 },
	{ "--", 1 },
	{ EMDASH, 1 },
	{ ENDASH, 1 },
	{ "?", 1 },
	{ " N/A ", 1 },
	{ NBSP "-" NBSP, 1 },
	{ "-1.0", 1 },
	{ MINUS "1", 1 },
	{ "Not sourced", 1 },
	{ "0", 0 },
	{ "-2", 0 },
	{ "-10", 0 },
	{ "1", 0 },
	{ "", 0 },
	{ "  ", 0 },
	{ "n/a/b", 0 },
	{ "nah", 0 },
	{ "-1K", 0 },
	{ "-1.5", 0 },
	{ "NULLS", 0 },
	{ "abc", 0 }
};

/* ---- calendar ---- */

static const struct serial_row serial_rows[] = {
	{ "1970-01-01", 0, 0 },
	{ "2024-03-15", 0, 19797 },
	{ "1969-12-31", 0, -1 },
	{ "2000-03-01", 0, 11017 },
	{ "2024-03", 0, 19783 },
	{ "2024", 0, 19723 },
	{ "2024-02-29", 0, 19782 },
	{ "1600-03-01", 0, -135080 },
	{ "9999-12-31", 0, 2932896 },
	{ "0001-01-01", 0, -719162 },
	{ "2038-01-19", 0, 24855 }
};

static const struct serial_row serial_err[] = {
	{ "2023-02-29", -1, 0 },
	{ "2024-13-01", -1, 0 },
	{ "2024-00", -1, 0 },
	{ "0000-01-01", -1, 0 },
	{ "2024-3-5", -1, 0 },
	{ "", -1, 0 },
	{ "2024-03-15x", -1, 0 },
	{ "abcd", -1, 0 },
	{ "202", -1, 0 },
	{ "2024-03-", -1, 0 }
};

static const struct dim_row dim_rows[] = {
	{ 2024, 2, 29 },
	{ 2023, 2, 28 },
	{ 1900, 2, 28 },
	{ 2000, 2, 29 },
	{ 2100, 2, 28 },
	{ 2024, 1, 31 },
	{ 2024, 4, 30 },
	{ 2024, 6, 30 },
	{ 2024, 11, 30 },
	{ 2024, 12, 31 },
	{ 2024, 0, 0 },
	{ 2024, 13, 0 },
	{ 2024, -1, 0 }
};

/* ---- helpers ---- */

/* A printable copy of s[0..n) for failure messages. */
static const char *
esc(const char *s, size_t n, char *buf, size_t bufsz)
{
	static const char hex[] = "0123456789abcdef";
	size_t		 i, o = 0;
	unsigned char	 c;

	for (i = 0; i < n && o + 5 < bufsz; i++) {
		c = (unsigned char)s[i];
		if (c == '\n') {
			buf[o++] = '\\';
			buf[o++] = 'n';
		} else if (c == '\t') {
			buf[o++] = '\\';
			buf[o++] = 't';
		} else if (c < 0x20 || c >= 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 0xf];
		} else
			buf[o++] = (char)c;
	}
	if (i < n && o + 4 <= bufsz) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* An exact-size copy with no NUL after it, to catch over-reads. */
static char *
exact(const char *s, size_t n)
{
	char	*p;

	p = malloc(n > 0 ? n : 1);
	ck_assert_msg(p != NULL, "malloc %zu", n);
	memcpy(p, s, n);
	return p;
}

static int
near(double got, double want)
{
	double	 tol = 1e-9 * fmax(1.0, fabs(want));

	return fabs(got - want) <= tol;
}

/* Fill out with junk first so stale fields would show. */
static void
junk(struct nval *v)
{
	memset(v, 0x5a, sizeof(*v));
}

static void
check_money(const char *tab, int i, const struct money_row *r)
{
	struct nval	 v;
	enum norm_status st;
	char		 b[256];
	char		*p;
	size_t		 n = strlen(r->in);

	p = exact(r->in, n);
	junk(&v);
	st = norm_money(p, n, r->dflt, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st && v.status == r->st,
	    "%s[%d] \"%s\": status %d (out %d), want %d", tab, i, b, st,
	    v.status, r->st);
	ck_assert_msg(near(v.num, r->num),
	    "%s[%d] \"%s\": num %.17g, want %.17g", tab, i, b, v.num, r->num);
	ck_assert_msg(v.unit == r->unit, "%s[%d] \"%s\": unit %d, want %d",
	    tab, i, b, v.unit, r->unit);
	ck_assert_msg(strcmp(v.currency, r->cur) == 0,
	    "%s[%d] \"%s\": currency \"%s\", want \"%s\"", tab, i, b,
	    v.currency, r->cur);
	ck_assert_msg(v.is_free == r->is_free,
	    "%s[%d] \"%s\": is_free %d, want %d", tab, i, b, v.is_free,
	    r->is_free);
	ck_assert_msg(v.has_num2 == 0 && v.date[0] == '\0',
	    "%s[%d] \"%s\": stray fields", tab, i, b);
}

static void
check_num(const char *tab, int i, const struct num_row *r,
    enum norm_status (*fn)(const char *, size_t, struct nval *))
{
	struct nval	 v;
	enum norm_status st;
	char		 b[256];
	char		*p;
	size_t		 n = strlen(r->in);

	p = exact(r->in, n);
	junk(&v);
	st = fn(p, n, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st && v.status == r->st,
	    "%s[%d] \"%s\": status %d (out %d), want %d", tab, i, b, st,
	    v.status, r->st);
	ck_assert_msg(near(v.num, r->num),
	    "%s[%d] \"%s\": num %.17g, want %.17g", tab, i, b, v.num, r->num);
	ck_assert_msg(v.currency[0] == '\0' && v.has_num2 == 0,
	    "%s[%d] \"%s\": stray fields", tab, i, b);
}

/* ---- normal ---- */

START_TEST(test_money_ok)
{
	check_money("money_ok", _i, &money_ok[_i]);
}
END_TEST

START_TEST(test_tokens_ok)
{
	check_num("tokens_ok", _i, &tokens_ok[_i], norm_tokens);
}
END_TEST

START_TEST(test_params_ok)
{
	const struct params_row	*r = &params_ok[_i];
	struct nval		 v;
	enum norm_status	 st;
	char			 b[256];
	char			*p;
	size_t			 n = strlen(r->in);

	p = exact(r->in, n);
	junk(&v);
	st = norm_params(p, n, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st && v.status == r->st,
	    "params_ok[%d] \"%s\": status %d, want %d", _i, b, st, r->st);
	ck_assert_msg(near(v.num, r->num),
	    "params_ok[%d] \"%s\": num %.17g, want %.17g", _i, b, v.num,
	    r->num);
	ck_assert_msg(v.has_num2 == r->has_num2 && near(v.num2, r->num2),
	    "params_ok[%d] \"%s\": num2 %d/%.17g, want %d/%.17g", _i, b,
	    v.has_num2, v.num2, r->has_num2, r->num2);
}
END_TEST

static void
check_date(const char *tab, int i, const struct date_row *r)
{
	struct nval	 v;
	enum norm_status st;
	char		 b[256];
	char		*p;
	size_t		 n = strlen(r->in);

	p = exact(r->in, n);
	junk(&v);
	st = norm_date(p, n, r->ord, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st && v.status == r->st,
	    "%s[%d] \"%s\" ord %d: status %d, want %d", tab, i, b, r->ord,
	    st, r->st);
	ck_assert_msg(strcmp(v.date, r->date) == 0,
	    "%s[%d] \"%s\" ord %d: date \"%.10s\", want \"%s\"", tab, i, b,
	    r->ord, v.date, r->date);
	ck_assert_msg(v.date_prec == r->prec,
	    "%s[%d] \"%s\": prec %d, want %d", tab, i, b, v.date_prec,
	    r->prec);
}

START_TEST(test_date_ok)
{
	check_date("date_ok", _i, &date_ok[_i]);
}
END_TEST

static void
check_score(const char *tab, int i, const struct score_row *r)
{
	struct nval	 v;
	enum norm_status st;
	char		 b[256];
	char		*p;
	size_t		 n = strlen(r->in);

	p = exact(r->in, n);
	junk(&v);
	st = norm_score(p, n, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st && v.status == r->st,
	    "%s[%d] \"%s\": status %d, want %d", tab, i, b, st, r->st);
	ck_assert_msg(near(v.num, r->num),
	    "%s[%d] \"%s\": num %.17g, want %.17g", tab, i, b, v.num, r->num);
	ck_assert_msg(v.is_percent == r->is_percent,
	    "%s[%d] \"%s\": is_percent %d, want %d", tab, i, b, v.is_percent,
	    r->is_percent);
}

START_TEST(test_score_ok)
{
	check_score("score_ok", _i, &score_ok[_i]);
}
END_TEST

START_TEST(test_days_ok)
{
	check_num("days_ok", _i, &days_ok[_i], norm_days);
}
END_TEST

static void
check_bool(const char *tab, int i, const struct bool_row *r)
{
	struct nval	 v;
	enum norm_status st;
	char		 b[256];
	char		*p;
	size_t		 n = strlen(r->in);

	p = exact(r->in, n);
	junk(&v);
	st = norm_bool(p, n, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st && v.status == r->st,
	    "%s[%d] \"%s\": status %d, want %d", tab, i, b, st, r->st);
	ck_assert_msg(v.bval == r->bval, "%s[%d] \"%s\": bval %d, want %d",
	    tab, i, b, v.bval, r->bval);
}

START_TEST(test_bool_ok)
{
	check_bool("bool_ok", _i, &bool_ok[_i]);
}
END_TEST

START_TEST(test_sentinel)
{
	const struct sentinel_row	*r = &sentinel_rows[_i];
	char				 b[256];
	char				*p;
	size_t				 n = strlen(r->in);
	int				 got;

	p = exact(r->in, n);
	got = norm_is_sentinel(p, n);
	free(p);
	ck_assert_msg(got == r->want, "sentinel[%d] \"%s\": %d, want %d", _i,
	    esc(r->in, n, b, sizeof(b)), got, r->want);
}
END_TEST

static void
check_serial(const char *tab, int i, const struct serial_row *r)
{
	long	 days = 12345;
	int	 rc;

	rc = norm_date_serial(r->in, &days);
	ck_assert_msg(rc == r->rc, "%s[%d] \"%s\": rc %d, want %d", tab, i,
	    r->in, rc, r->rc);
	if (r->rc == 0)
		ck_assert_msg(days == r->days, "%s[%d] \"%s\": %ld, want %ld",
		    tab, i, r->in, days, r->days);
	else
		ck_assert_msg(days == 12345, "%s[%d] \"%s\": *out written",
		    tab, i, r->in);
}

START_TEST(test_serial_ok)
{
	check_serial("serial_ok", _i, &serial_rows[_i]);
}
END_TEST

START_TEST(test_dim)
{
	const struct dim_row	*r = &dim_rows[_i];
	int			 got;

	got = norm_days_in_month(r->year, r->month);
	ck_assert_msg(got == r->days, "dim[%d] %d-%d: %d, want %d", _i,
	    r->year, r->month, got, r->days);
}
END_TEST

/* Every valid date's serial round-trips through norm_date's output. */
START_TEST(test_serial_from_date)
{
	const struct date_row	*r = &date_ok[_i];
	struct nval		 v;
	long			 days;

	norm_date(r->in, strlen(r->in), r->ord, &v);
	ck_assert_msg(norm_date_serial(v.date, &days) == 0,
	    "serial_from_date[%d] \"%s\": date \"%s\" rejected", _i, r->in,
	    v.date);
}
END_TEST

/* ---- errors ---- */

START_TEST(test_money_err)
{
	check_money("money_err", _i, &money_err[_i]);
}
END_TEST

START_TEST(test_tokens_err)
{
	check_num("tokens_err", _i, &tokens_err[_i], norm_tokens);
}
END_TEST

START_TEST(test_params_err)
{
	const struct params_row	*r = &params_err[_i];
	struct nval		 v;
	enum norm_status	 st;
	char			 b[256];
	char			*p;
	size_t			 n = strlen(r->in);

	p = exact(r->in, n);
	junk(&v);
	st = norm_params(p, n, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st && v.status == r->st,
	    "params_err[%d] \"%s\": status %d, want %d", _i, b, st, r->st);
	ck_assert_msg(near(v.num, r->num),
	    "params_err[%d] \"%s\": num %.17g, want %.17g", _i, b, v.num,
	    r->num);
	ck_assert_msg(v.has_num2 == r->has_num2 && near(v.num2, r->num2),
	    "params_err[%d] \"%s\": num2 %d/%.17g, want %d/%.17g", _i, b,
	    v.has_num2, v.num2, r->has_num2, r->num2);
}
END_TEST

START_TEST(test_date_err)
{
	check_date("date_err", _i, &date_err[_i]);
}
END_TEST

START_TEST(test_score_err)
{
	check_score("score_err", _i, &score_err[_i]);
}
END_TEST

START_TEST(test_days_err)
{
	check_num("days_err", _i, &days_err[_i], norm_days);
}
END_TEST

START_TEST(test_bool_err)
{
	check_bool("bool_err", _i, &bool_err[_i]);
}
END_TEST

START_TEST(test_serial_err)
{
	check_serial("serial_err", _i, &serial_err[_i]);
}
END_TEST

/* ---- limits ---- */

/*
 * Inputs whose length stops short of the buffer: the bytes after n are
 * live junk that must not be read.
 */
struct short_row {
	const char		*buf;
	size_t			 n;
	int			 fn;	/* 0 money 1 tokens 2 params 3 date
					   4 score 5 days 6 bool */
	enum norm_status	 st;
	double			 num;
	const char		*date;
};

static const struct short_row short_rows[] = {
	{ "$0.15abc", 5, 0, OK, 0.15, "" },
	{ "$0.15/token", 5, 0, OK, 0.15, "" },
	{ "-1234", 2, 0, SENT, -1, "" },
	{ "$1e309", 2, 0, OK, 1, "" },
	{ "64Kxyz", 3, 1, OK, 64000, "" },
	{ "131,072", 3, 1, OK, 131, "" },
	{ "7B-A37B", 2, 2, OK, 7e9, "" },
	{ "2024-03-15T10:00", 10, 3, OK, 0, "2024-03-15" },
	{ "2024-03-15", 7, 3, OK, 0, "2024-03" },
	{ "2024-02-30", 7, 3, OK, 0, "2024-02" },
	{ "81.4%xx", 5, 4, OK, 81.4, "" },
	{ "weekly", 4, 5, BAD, 0, "" },
	{ "yesno", 3, 6, OK, 0, "" },
	{ "5" NBSP, 2, 0, BAD, 0, "" },
	{ "5\0" "00", 2, 0, BAD, 0, "" },
	{ "64\0K", 4, 1, BAD, 0, "" },
	{ "  64K", 0, 1, EMPTY, 0, "" }
};

static enum norm_status
call(int fn, const char *s, size_t n, struct nval *v)
{
	switch (fn) {
	case 0:
		return norm_money(s, n, PRICE_PER_1M, v);
	case 1:
		return norm_tokens(s, n, v);
	case 2:
		return norm_params(s, n, v);
	case 3:
		return norm_date(s, n, DATE_ORDER_NONE, v);
	case 4:
		return norm_score(s, n, v);
	case 5:
		return norm_days(s, n, v);
	default:
		return norm_bool(s, n, v);
	}
}

START_TEST(test_short_length)
{
	const struct short_row	*r = &short_rows[_i];
	struct nval		 v;
	enum norm_status	 st;
	char			 b[256];
	char			*p;
	size_t			 whole = strlen(r->buf) + 1;

	/* Copy the whole buffer (NUL too) only when it is longer than n. */
	if (whole < r->n)
		whole = r->n;
	p = exact(r->buf, whole);
	junk(&v);
	st = call(r->fn, p, r->n, &v);
	free(p);
	esc(r->buf, r->n, b, sizeof(b));
	ck_assert_msg(st == r->st, "short[%d] fn %d \"%s\" n %zu: status %d, "
	    "want %d", _i, r->fn, b, r->n, st, r->st);
	ck_assert_msg(near(v.num, r->num), "short[%d] \"%s\": num %.17g, "
	    "want %.17g", _i, b, v.num, r->num);
	ck_assert_msg(strcmp(v.date, r->date) == 0,
	    "short[%d] \"%s\": date \"%.10s\", want \"%s\"", _i, b, v.date,
	    r->date);
	if (r->fn == 2)
		ck_assert_msg(v.has_num2 == 0, "short[%d]: num2 read past n",
		    _i);
	if (r->fn == 6)
		ck_assert_msg(v.bval == 1, "short[%d]: \"yes\" not true", _i);
}
END_TEST

/* White space around values, ASCII and Unicode, on every function. */
struct ws_row {
	const char		*in;
	int			 fn;
	enum norm_status	 st;
	double			 num;
};

static const struct ws_row ws_rows[] = {
	{ "\t$0.15\n", 0, OK, 0.15 },
	{ NBSP "$0.15" NBSP, 0, OK, 0.15 },
	{ "$\n0.15", 0, OK, 0.15 },
	{ "$" NBSP "0.15", 0, OK, 0.15 },
	{ "\r\n  $0.15  \r\n", 0, OK, 0.15 },
	{ NNBSP "64K" THIN, 1, OK, 64000 },
	{ "64" NBSP "K", 1, OK, 64000 },
	{ BOM "7B", 2, OK, 7e9 },
	{ "671B\n-\nA37B", 2, OK, 671e9 },
	{ "\r\n2024-03-15\r\n", 3, OK, 0 },
	{ NBSP "Dec" NBSP "13," NBSP "2024" NBSP, 3, OK, 0 },
	{ "\v81.4%\f", 4, OK, 81.4 },
	{ "81.4" NBSP "%", 4, OK, 81.4 },
	{ IDSP "weekly" IDSP, 5, OK, 7 },
	{ "every" NBSP "3" NBSP "days", 5, OK, 3 },
	{ IDSP "yes" IDSP, 6, OK, 0 },
	{ NBSP NBSP NBSP, 0, EMPTY, 0 },
	{ NBSP NNBSP THIN IDSP BOM "\t\n\r\v\f ", 3, EMPTY, 0 },
	{ "\xc2", 0, BAD, 0 },
	{ "\xe2\x80", 1, BAD, 0 }
};

START_TEST(test_white_space)
{
	const struct ws_row	*r = &ws_rows[_i];
	struct nval		 v;
	enum norm_status	 st;
	char			 b[256];
	char			*p;
	size_t			 n = strlen(r->in);

	p = exact(r->in, n);
	st = call(r->fn, p, n, &v);
	free(p);
	esc(r->in, n, b, sizeof(b));
	ck_assert_msg(st == r->st, "ws[%d] fn %d \"%s\": status %d, want %d",
	    _i, r->fn, b, st, r->st);
	ck_assert_msg(near(v.num, r->num), "ws[%d] \"%s\": num %.17g, "
	    "want %.17g", _i, b, v.num, r->num);
}
END_TEST

/*
 * Very long inputs: a 10 KB body built from a prefix, one byte repeated
 * and a suffix.  Each must come back with the right status and without
 * any sanitizer report.
 */
struct long_row {
	const char		*pre;
	char			 fill;
	const char		*post;
	int			 fn;
	enum norm_status	 st;
	double			 num;
};

static const struct long_row long_rows[] = {
	{ "", '9', "", 0, INVAL, 0 },
	{ "$", '1', "", 0, INVAL, 0 },
	{ "", '9', "", 1, INVAL, 0 },
	{ "", '9', "", 2, INVAL, 0 },
	{ "", '9', "", 3, BAD, 0 },
	{ "", '9', "", 4, INVAL, 0 },
	{ "", '9', "", 5, INVAL, 0 },
	{ "", '9', "", 6, BAD, 0 },
	{ "", '0', "64K", 1, OK, 64000 },
	{ "", '0', "7B", 2, OK, 7e9 },
	{ "$0.", '0', "", 0, OK, 0 },
	{ "$0.", '0', "1", 0, INVAL, 0 },
	{ "$1.", '0', "", 0, OK, 1 },
	{ "$0.15", '0', "/1M", 0, OK, 0.15 },
	{ "$1e", '9', "", 0, INVAL, 0 },
	{ "$1e-", '9', "", 0, INVAL, 0 },
	{ "$0e", '9', "", 0, OK, 0 },
	{ "$0.15 per 1", '0', " tokens", 0, BAD, 0 },
	{ "", ' ', "$0.15", 0, OK, 0.15 },
	{ "$0.15", '\n', "", 0, OK, 0.15 },
	{ "", '\t', "", 1, EMPTY, 0 },
	{ "", 'a', "", 0, BAD, 0 },
	{ "", '-', "", 0, BAD, 0 },
	{ "", '-', "", 3, BAD, 0 },
	{ "every ", '1', " days", 5, INVAL, 0 },
	{ "", ',', "", 4, BAD, 0 }
};

START_TEST(test_long_input)
{
	const struct long_row	*r = &long_rows[_i];
	struct nval		 v;
	enum norm_status	 st;
	size_t			 lp = strlen(r->pre), lq = strlen(r->post), n;
	char			*p;

	n = lp + BIGLEN + lq;
	p = malloc(n);
	ck_assert_msg(p != NULL, "malloc");
	memcpy(p, r->pre, lp);
	memset(p + lp, r->fill, BIGLEN);
	memcpy(p + lp + BIGLEN, r->post, lq);
	st = call(r->fn, p, n, &v);
	ck_assert_msg(norm_is_sentinel(p, n) == 0,
	    "long[%d] \"%s\" + 10K '%c': sentinel", _i, r->pre, r->fill);
	free(p);
	ck_assert_msg(st == r->st,
	    "long[%d] fn %d \"%s\" + 10K '%c' + \"%s\": status %d, want %d",
	    _i, r->fn, r->pre, r->fill, r->post, st, r->st);
	ck_assert_msg(v.status == st, "long[%d]: out->status %d != %d", _i,
	    v.status, st);
	if (r->num != 0 || st == OK)
		ck_assert_msg(near(v.num, r->num), "long[%d]: num %.17g, "
		    "want %.17g", _i, v.num, r->num);
}
END_TEST

/*
 * Numbers longer than the digits kept for strtod must still round as
 * strtod rounds the whole text (here, in the C locale).
 */
static const char *const rounding_rows[] = {
	"9007199254740993",
	"9007199254740993.0000000000000000000000000000000000000000001",
	"9007199254740992.9999999999999999999999999999999999999999999",
	"0.1000000000000000055511151231257827021181583404541015625",
	"0.10000000000000000555111512312578270211815834045410156250001",
	"123456789012345678901234567890123456789012345678901234567890",
	"1.7976931348623157e308",
	"2.2250738585072014e-308",
	"4.9406564584124654e-300",
	"0.000000000000000000000000000000000000000000000000012345",
	"1,234,567,890,123,456,789,012,345,678,901,234,567,890.5"
};

START_TEST(test_rounding)
{
	const char	*s = rounding_rows[_i];
	char		 buf[128];
	struct nval	 v;
	size_t		 i, o = 0;
	double		 want;

	for (i = 0; s[i] != '\0' && o + 1 < sizeof(buf); i++)
		if (s[i] != ',')
			buf[o++] = s[i];
	buf[o] = '\0';
	want = strtod(buf, NULL);
	ck_assert_msg(norm_money(s, strlen(s), PRICE_PER_1M, &v) == NORM_OK,
	    "rounding[%d] \"%s\": status %d", _i, s, v.status);
	ck_assert_msg(v.num == want, "rounding[%d] \"%s\": %.17g, want %.17g",
	    _i, s, v.num, want);
}
END_TEST

START_TEST(test_null_and_zero)
{
	struct nval	 v;
	long		 days = 7;

	ck_assert_msg(norm_money(NULL, 0, PRICE_PER_1M, &v) == NORM_EMPTY,
	    "norm_money(NULL, 0)");
	ck_assert_msg(v.status == NORM_EMPTY, "norm_money(NULL, 0) status");
	ck_assert_msg(norm_money(NULL, 5, PRICE_PER_1M, &v) == NORM_EMPTY,
	    "norm_money(NULL, 5)");
	ck_assert_msg(norm_tokens(NULL, 3, &v) == NORM_EMPTY,
	    "norm_tokens(NULL, 3)");
	ck_assert_msg(norm_params(NULL, 3, &v) == NORM_EMPTY,
	    "norm_params(NULL, 3)");
	ck_assert_msg(norm_date(NULL, 3, DATE_ORDER_DMY, &v) == NORM_EMPTY,
	    "norm_date(NULL, 3)");
	ck_assert_msg(norm_score(NULL, 3, &v) == NORM_EMPTY,
	    "norm_score(NULL, 3)");
	ck_assert_msg(norm_days(NULL, 3, &v) == NORM_EMPTY,
	    "norm_days(NULL, 3)");
	ck_assert_msg(norm_bool(NULL, 3, &v) == NORM_EMPTY,
	    "norm_bool(NULL, 3)");
	ck_assert_msg(norm_is_sentinel(NULL, 3) == 0, "sentinel(NULL, 3)");
	ck_assert_msg(norm_money("$5", 2, PRICE_PER_1M, NULL) == NORM_OK,
	    "norm_money(\"$5\", out NULL)");
	ck_assert_msg(norm_tokens("x", 1, NULL) == NORM_BAD,
	    "norm_tokens(\"x\", out NULL)");
	ck_assert_msg(norm_date("2024-02-30", 10, DATE_ORDER_NONE, NULL) ==
	    NORM_INVALID, "norm_date(\"2024-02-30\", out NULL)");
	ck_assert_msg(norm_date_serial(NULL, &days) == -1 && days == 7,
	    "norm_date_serial(NULL)");
	ck_assert_msg(norm_date_serial("2024-03-15", NULL) == -1,
	    "norm_date_serial(out NULL)");
	ck_assert_msg(norm_money("$5", 2, (enum price_unit)42, &v) ==
	    NORM_OK && near(v.num, 5), "norm_money dflt out of range");
	ck_assert_msg(norm_date("25/03/2026", 10, (enum date_order)42, &v) ==
	    NORM_BAD, "norm_date ord out of range");
}
END_TEST

START_TEST(test_errno_kept)
{
	struct nval	 v;

	errno = EDOM;
	ck_assert_msg(norm_money("$1e309", 6, PRICE_PER_1M, &v) ==
	    NORM_INVALID, "\"$1e309\" not INVALID");
	ck_assert_msg(errno == EDOM, "\"$1e309\": errno %d, want EDOM", errno);
	errno = 0;
	ck_assert_msg(norm_money("$1e-400", 7, PRICE_PER_1M, &v) ==
	    NORM_INVALID, "\"$1e-400\" not INVALID");
	ck_assert_msg(errno == 0, "\"$1e-400\": errno %d, want 0", errno);
}
END_TEST

/* The caller's locale must not change what a '.' means. */
START_TEST(test_locale)
{
	static const char *const comma_locales[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"
	};
	struct nval	 v;
	int		 i;

	for (i = 0; i < NELEM(comma_locales); i++)
		if (setlocale(LC_NUMERIC, comma_locales[i]) != NULL)
			break;
	/* Without such a locale installed this is a plain C-locale run. */
	norm_money("$0.15", 5, PRICE_PER_1M, &v);
	norm_tokens("129.3K", 6, &v);
	setlocale(LC_NUMERIC, "C");
	ck_assert_msg(v.status == NORM_OK && v.num == 129300,
	    "\"129.3K\" under %s: %d %.17g",
	    i < NELEM(comma_locales) ? comma_locales[i] : "C", v.status,
	    v.num);
	norm_money("$0.15", 5, PRICE_PER_1M, &v);
	ck_assert_msg(v.status == NORM_OK && v.num == 0.15, "\"$0.15\"");
}
END_TEST

/* Results that must be exact, not merely close. */
START_TEST(test_exact)
{
	struct nval	 v;

	norm_money("$0.0000015/token", 16, PRICE_PER_1M, &v);
	ck_assert_msg(v.num == 1.5, "\"$0.0000015/token\": %.17g", v.num);
	norm_money("$0.002 per 1K tokens", 20, PRICE_PER_1M, &v);
	ck_assert_msg(v.num == 2.0, "\"$0.002 per 1K tokens\": %.17g", v.num);
	norm_tokens("129.3K", 6, &v);
	ck_assert_msg(v.num == 129300, "\"129.3K\": %.17g", v.num);
	norm_params("4.5B", 4, &v);
	ck_assert_msg(v.num == 4.5e9, "\"4.5B\": %.17g", v.num);
	norm_money("$-0", 3, PRICE_PER_1M, &v);
	ck_assert_msg(v.num == 0 && !signbit(v.num), "\"$-0\": %g", v.num);
}
END_TEST

Suite *normalize_suite(void);

Suite *
normalize_suite(void)
{
	Suite	*s;
	TCase	*normal, *limits, *errors;

	s = suite_create("normalize");

	normal = tcase_create("normal");
	tcase_add_loop_test(normal, test_money_ok, 0, NELEM(money_ok));
	tcase_add_loop_test(normal, test_tokens_ok, 0, NELEM(tokens_ok));
	tcase_add_loop_test(normal, test_params_ok, 0, NELEM(params_ok));
	tcase_add_loop_test(normal, test_date_ok, 0, NELEM(date_ok));
	tcase_add_loop_test(normal, test_score_ok, 0, NELEM(score_ok));
	tcase_add_loop_test(normal, test_days_ok, 0, NELEM(days_ok));
	tcase_add_loop_test(normal, test_bool_ok, 0, NELEM(bool_ok));
	tcase_add_loop_test(normal, test_sentinel, 0, NELEM(sentinel_rows));
	tcase_add_loop_test(normal, test_serial_ok, 0, NELEM(serial_rows));
	tcase_add_loop_test(normal, test_dim, 0, NELEM(dim_rows));
	tcase_add_loop_test(normal, test_serial_from_date, 0,
	    NELEM(date_ok));
	tcase_add_test(normal, test_exact);
	suite_add_tcase(s, normal);

	errors = tcase_create("errors");
	tcase_add_loop_test(errors, test_money_err, 0, NELEM(money_err));
	tcase_add_loop_test(errors, test_tokens_err, 0, NELEM(tokens_err));
	tcase_add_loop_test(errors, test_params_err, 0, NELEM(params_err));
	tcase_add_loop_test(errors, test_date_err, 0, NELEM(date_err));
	tcase_add_loop_test(errors, test_score_err, 0, NELEM(score_err));
	tcase_add_loop_test(errors, test_days_err, 0, NELEM(days_err));
	tcase_add_loop_test(errors, test_bool_err, 0, NELEM(bool_err));
	tcase_add_loop_test(errors, test_serial_err, 0, NELEM(serial_err));
	suite_add_tcase(s, errors);

	limits = tcase_create("limits");
	tcase_add_loop_test(limits, test_short_length, 0, NELEM(short_rows));
	tcase_add_loop_test(limits, test_white_space, 0, NELEM(ws_rows));
	tcase_add_loop_test(limits, test_long_input, 0, NELEM(long_rows));
	tcase_add_loop_test(limits, test_rounding, 0, NELEM(rounding_rows));
	tcase_add_test(limits, test_null_and_zero);
	tcase_add_test(limits, test_errno_kept);
	tcase_add_test(limits, test_locale);
	suite_add_tcase(s, limits);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(normalize_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
