/*
 * normalize.h: raw scraped strings ("$0.050", "64K", "Dec 13, 2024") to
 * typed values.  Pure functions, no allocation, no globals: safe from any
 * thread.  Every function takes a (pointer, length) pair that need not be
 * NUL-terminated, trims surrounding white space itself and fills a
 * struct nval.  The return value is the status, also stored in out->status.
 */
#ifndef CL_NORMALIZE_H
#define CL_NORMALIZE_H

#include <stddef.h>

enum norm_status {
	NORM_OK = 0,	/* a usable value */
	NORM_EMPTY,	/* nothing but white space */
	NORM_SENTINEL,	/* a placeholder: -1, N/A, TBD, NaN, null, undefined,
			   "-", "--", 0 for a positive-only quantity */
	NORM_INVALID,	/* the right shape but impossible: 2024-02-30,
			   0000-00-00, $1e309 (overflow), month 13 */
	NORM_BAD	/* not a value of this type at all */
};

enum price_unit {
	PRICE_PER_UNSTATED = 0,	/* no unit in the text: caller's default */
	PRICE_PER_1M,
	PRICE_PER_1K,
	PRICE_PER_TOKEN
};

enum date_order {
	DATE_ORDER_NONE = 0,	/* 25/03/2026 is NORM_BAD: order unknown */
	DATE_ORDER_DMY,
	DATE_ORDER_MDY
};

struct nval {
	enum norm_status status;
	double		 num;	/* money: per 1M tokens after scaling;
				   tokens; params; score; days */
	double		 num2;	/* params "671B-A37B": active count (37e9),
				   else 0 */
	int		 has_num2;
	char		 currency[4];	/* money: "USD", "CNY", "EUR", "GBP",
					   "JPY", "INR"; "" otherwise */
	enum price_unit	 unit;	/* money: the unit the text stated */
	int		 is_free;	/* money: "Free" (num = 0) */
	char		 date[11];	/* "YYYY-MM-DD" or "YYYY-MM" or "YYYY" */
	int		 date_prec;	/* 3 day, 2 month, 1 year */
	int		 is_percent;	/* score: had a % sign */
	int		 bval;		/* bool */
};

/*
 * Money.  "$0.050", "$ 0.15", "$4800.00", "¥2", "€1,50" (decimal comma
 * when exactly two digits follow a lone comma), "$1,234.50",
 * "0.15 / M Tokens", "$0.002 per 1K tokens", "$0.0000015/token",
 * "Free" (num 0, is_free 1).  Units found in the text
 * ("/1M", "per 1M", "/ M Tokens", "per million", "/1K", "per 1K",
 * "per 1k tokens", "per thousand", "/token", "per token") set out->unit
 * and scale num to per 1M tokens (per 1K x 1000, per token x 1e6).  When
 * the text states no unit, dflt is used for the scaling and out->unit
 * stays PRICE_PER_UNSTATED.  Currency from the symbol or code
 * ($ or USD -> USD, ¥ or CNY or RMB -> CNY, € or EUR -> EUR, £ -> GBP,
 * ₹ -> INR); no symbol -> "USD".  Negative prices are NORM_OK with a
 * negative num (a rule judges them).  "$0x10", "abc" -> NORM_BAD;
 * "$1e309" or any non-finite result -> NORM_INVALID.
 */
enum norm_status norm_money(const char *s, size_t n, enum price_unit dflt,
    struct nval *out);

/*
 * Token counts.  "64K" -> 64000, "129.3K" -> 129300, "1M" -> 1000000,
 * "131,072" -> 131072, "64,000 token", "64,000 tokens", "128k",
 * "2 million".  K = 1000, M = 1e6, B = 1e9.  0 -> NORM_SENTINEL.
 * Results above 1e15 ("99999999999999999999K") -> NORM_INVALID.
 */
enum norm_status norm_tokens(const char *s, size_t n, struct nval *out);

/*
 * Parameter counts.  "7B" -> 7e9, "27.0B", "4.5B", "1.2T", "350M",
 * "7 billion", "671B-A37B" and "671B (37B active)" -> num 671e9,
 * num2 37e9, has_num2 1.  A bare number without a suffix is a count of
 * parameters.  0 and -1 -> NORM_SENTINEL.
 */
enum norm_status norm_params(const char *s, size_t n, struct nval *out);

/*
 * Dates.  "2024-03-15", "2024-3-5", "December 13, 2024", "Dec 13, 2024",
 * "Aug 25, 2025", "Sept 5, 2025", "13 December 2024", "2023-12"
 * (prec 2), "December 2023" (prec 2), "2024" (prec 1),
 * "2024-03-15T10:00:00Z" (time ignored); "25/03/2026" and "03/25/2026"
 * only with ord DMY / MDY, else NORM_BAD.  Impossible calendar dates
 * (month 13, 2024-02-30, 2023-02-29, 0000-00-00, year 0) ->
 * NORM_INVALID with date[] holding the text as digits were read
 * ("2024-02-30").  Leap years are honoured.
 */
enum norm_status norm_date(const char *s, size_t n, enum date_order ord,
    struct nval *out);

/*
 * Benchmark scores.  "81.4%" -> 81.4 is_percent 1; "1,532" -> 1532;
 * "7.94" -> 7.94 is_percent 0.  Negative numbers are NORM_OK.
 */
enum norm_status norm_score(const char *s, size_t n, struct nval *out);

/*
 * Cadence in days.  "daily" 1, "weekly" 7, "fortnightly"/"biweekly" 14,
 * "monthly" 30, "quarterly" 91, "yearly"/"annually" 365,
 * "every 3 days" 3, "every 2 weeks" 14, "hourly" 1 (rounded up to a day).
 */
enum norm_status norm_days(const char *s, size_t n, struct nval *out);

/*
 * Booleans.  yes/no, true/false, supported/not supported,
 * available/unavailable, open source/proprietary/closed, 1/0
 * (case-insensitive) -> bval.
 */
enum norm_status norm_bool(const char *s, size_t n, struct nval *out);

/*
 * A placeholder?  -1, N/A, n/a, NA, TBD, TBA, NaN, null, undefined,
 * none, unknown, "-", "--", "—", "?" (after trimming, case-insensitive).
 * Returns 1 if so.
 */
int	norm_is_sentinel(const char *s, size_t n);

/* Calendar helpers shared with the rules. */
int	norm_days_in_month(int year, int month);
/* Days since 1970-01-01 of an ISO date "YYYY-MM-DD", "YYYY-MM" (first of
   month) or "YYYY" (1 January) into *out; returns 0, or -1 on a malformed
   or impossible string. */
int	norm_date_serial(const char *iso, long *out);
/* The inverse: days since 1970-01-01 as YYYY-MM-DD. */
void	norm_date_iso(long days, char *buf, size_t n);

#endif
