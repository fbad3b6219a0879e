/*
 * normalize.c: turn the raw strings a scraper pulls out of an LLM pricing
 * or benchmark page ("$0.050", "64K", "Dec 13, 2024", "weekly") into the
 * typed values the rules reason about.  Every entry point works on a
 * (pointer, length) pair and never reads past it, allocates nothing and
 * writes no global state, so any thread may call it.  Numbers go through
 * our own scanner, which accepts only the shapes a price or a count takes
 * on a web page, and then through strtod(3) on a short, normalised copy
 * on the stack, so neither a 10 KB run of digits nor the locale can
 * change what is read.
 *
 * Choices the header leaves open, made the way a data engineer who must
 * trust the numbers would want them:
 *
 *  - White space is ASCII space, \t \n \v \f \r, plus U+0085, U+00A0,
 *    U+2000-U+200B, U+202F, U+205F, U+3000 and a stray BOM (U+FEFF).
 *    It is trimmed at both ends and may separate a symbol, a number and
 *    a unit ("$\n0.15").
 *  - Decimal comma: a single comma followed by one or two digits, with no
 *    '.' in the number, is a decimal comma ("1,5" and "1,50" are 1.5);
 *    a comma followed by three digits groups thousands ("1,234").  Any
 *    other comma ("1,2345", "1234,567", "1,234,56", "1.234,50") makes
 *    the text NORM_BAD rather than a guess.
 *  - "-1" is the placeholder in every numeric spelling ("-1", "-1.00",
 *    "$-1", "-1%", "-1 tokens"), for every function: NORM_SENTINEL with
 *    num -1.  Other negatives are NORM_OK for money and scores and
 *    NORM_INVALID for tokens, parameters and days, which cannot be
 *    negative.
 *  - Counts of tokens and parameters must come out whole ("1.5" tokens,
 *    "1.2345K") or they are NORM_INVALID.  Parameters above 1e15 are
 *    NORM_INVALID like tokens, and an active count that is zero or
 *    larger than the total ("7B-A9B") is NORM_INVALID.
 *  - On NORM_INVALID num keeps the value read when it is finite, so a
 *    rule can quote it; it is 0 when the value overflowed.  A value too
 *    small for a double ("1e-400") is NORM_INVALID like an overflow.
 *  - Money: "Free" has currency "USD" (the no-symbol default).  A unit
 *    the enum cannot express ("per 100K tokens") or a non-token unit
 *    ("/image", "/month") is NORM_BAD: the number is not a token price.
 *    A symbol with no amount ("$") is NORM_BAD; a symbol before a
 *    placeholder ("$N/A", "$-") is NORM_SENTINEL.  Two currencies that
 *    disagree ("$5 EUR") are NORM_BAD.  A dflt outside the enum scales
 *    like PRICE_PER_1M.  A placeholder has a currency only when the text
 *    wrote one ("$-1" is USD, "-1" and "N/A" are "").
 *  - Dates: "13-Dec-2024", "Friday, December 13, 2024", ordinals
 *    ("13th") and "2024/03/15" are accepted too; "25/03/2026" with
 *    DATE_ORDER_NONE is NORM_BAD even when the day gives the order
 *    away, as the header says.  With an order, '/', '-' and '.' may
 *    separate the fields.  A time after an ISO date must look like one
 *    ("T10:00:00Z", " 10:00"); it is then ignored.
 *  - Days: counts are rounded up to whole days like "hourly"
 *    ("every 36 hours" is 2); 0 is a placeholder; more than 100 years is
 *    NORM_INVALID.  A single trailing '.' is allowed ("weekly.").
 *  - Sentinels add to the header's list the en dash, "---", "??",
 *    "???", "n.a.", "nil" and "not sourced" (a site's own placeholder).
 *  - norm_days_in_month() returns 0 for a month outside 1-12.
 *  - norm_date_serial() wants the zero-padded form norm_date() writes
 *    and rejects year 0, as norm_date() does.
 */

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/normalize.h"

#define NUM_SIG		40	/* significant digits given to strtod */
#define NUM_BUF		64	/* NUM_SIG, a sticky digit and "e-NNNNNNN" */
#define EXP_LIM		1000000L /* |10-exponent| far past any double */
#define TOKENS_MAX	1e15
#define PARAMS_MAX	1e15
#define DAYS_MAX	36500.0

/* A decimal number as read: value = dig (an integer) * 10^exp10. */
struct numtok {
	int	 neg;
	int	 ndig;
	int	 sticky;	/* nonzero digits were dropped past NUM_SIG */
	long	 exp10;
	char	 dig[NUM_SIG];
};

struct currency {
	const char	*text;
	const char	*code;
	int		 word;	/* a code, lower case: any case, whole word */
};

struct phrase {
	const char	*text;
	int		 val;
};

static const struct currency currencies[] = {
	{ "US$", "USD", 0 },
	{ "$", "USD", 0 },
	{ "\xc2\xa5", "CNY", 0 },		/* ¥ */
	{ "\xef\xbf\xa5", "CNY", 0 },		/* fullwidth ¥ */
	{ "\xe5\x85\x83", "CNY", 0 },		/* yuan character */
	{ "\xe2\x82\xac", "EUR", 0 },		/* € */
	{ "\xc2\xa3", "GBP", 0 },		/* £ */
	{ "\xe2\x82\xb9", "INR", 0 },		/* ₹ */
	{ "usd", "USD", 1 },
	{ "cny", "CNY", 1 },
	{ "rmb", "CNY", 1 },
	{ "eur", "EUR", 1 },
	{ "gbp", "GBP", 1 },
	{ "jpy", "JPY", 1 },
	{ "inr", "INR", 1 }
};

static const char *const sentinels[] = {
	"n/a", "na", "n.a.", "tbd", "tba", "nan", "null", "nil",
	"undefined", "none", "unknown", "not sourced",
	"-", "--", "---", "?", "??", "???",
	"\xe2\x80\x94",		/* em dash */
	"\xe2\x80\x93"		/* en dash */
};

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const wdays[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

static const struct phrase cadences[] = {
	{ "hourly", 1 },
	{ "daily", 1 },
	{ "weekly", 7 },
	{ "fortnightly", 14 },
	{ "biweekly", 14 },
	{ "bi-weekly", 14 },
	{ "monthly", 30 },
	{ "quarterly", 91 },
	{ "yearly", 365 },
	{ "annually", 365 }
};

/* Units for "every N ...", in hours so that hours round up exactly. */
static const struct phrase periods[] = {
	{ "hours", 1 }, { "hour", 1 }, { "hrs", 1 }, { "hr", 1 },
	{ "days", 24 }, { "day", 24 },
	{ "weeks", 24 * 7 }, { "week", 24 * 7 },
	{ "fortnights", 24 * 14 }, { "fortnight", 24 * 14 },
	{ "months", 24 * 30 }, { "month", 24 * 30 },
	{ "quarters", 24 * 91 }, { "quarter", 24 * 91 },
	{ "years", 24 * 365 }, { "year", 24 * 365 }
};

static const struct phrase bools[] = {
	{ "yes", 1 }, { "y", 1 }, { "true", 1 }, { "1", 1 },
	{ "supported", 1 }, { "available", 1 }, { "enabled", 1 },
	{ "open source", 1 }, { "open-source", 1 }, { "opensource", 1 },
	{ "open weights", 1 }, { "open-weights", 1 }, { "open weight", 1 },
	{ "\xe2\x9c\x93", 1 }, { "\xe2\x9c\x94", 1 }, { "\xe2\x9c\x85", 1 },
	{ "no", 0 }, { "n", 0 }, { "false", 0 }, { "0", 0 },
	{ "not supported", 0 }, { "unsupported", 0 },
	{ "unavailable", 0 }, { "not available", 0 }, { "disabled", 0 },
	{ "proprietary", 0 }, { "closed", 0 }, { "closed source", 0 },
	{ "closed-source", 0 }, { "closed weights", 0 },
	{ "\xe2\x9c\x97", 0 }, { "\xe2\x9c\x98", 0 }, { "\xe2\x9d\x8c", 0 }
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Our own tolower: the C library's one follows the locale. */
static int
lc(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

/* Bytes of the white-space character at p, 0 if there is none. */
static size_t
ws_len(const char *p, const char *e)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 left = (size_t)(e - p);

	if (left == 0)
		return 0;
	if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
		return 1;
	if (left < 2)
		return 0;
	if (u[0] == 0xc2 && (u[1] == 0xa0 || u[1] == 0x85))
		return 2;
	if (left < 3)
		return 0;
	if (u[0] == 0xe2 && u[1] == 0x80 &&
	    ((u[2] >= 0x80 && u[2] <= 0x8b) || u[2] == 0xaf))
		return 3;
	if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f)
		return 3;
	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;
	return 0;
}

/* Bytes of the white-space character that ends [s, e), 0 if none. */
static size_t
ws_len_back(const char *s, const char *e)
{
	size_t	 k;

	for (k = 1; k <= 3; k++) {
		if ((size_t)(e - s) < k)
			break;
		if (ws_len(e - k, e) == k)
			return k;
	}
	return 0;
}

static const char *
skip_ws(const char *p, const char *e)
{
	size_t	 k;

	for (;;) {
		k = ws_len(p, e);
		if (k == 0)
			return p;
		p += k;
	}
}

/* Trim (s, n) into [*pp, *ep); returns 0 when nothing is left. */
static int
span(const char *s, size_t n, const char **pp, const char **ep)
{
	const char	*p, *e;
	size_t		 k;

	if (s == NULL || n == 0)
		return 0;
	p = skip_ws(s, s + n);
	e = s + n;
	for (;;) {
		k = ws_len_back(p, e);
		if (k == 0)
			break;
		e -= k;
	}
	*pp = p;
	*ep = e;
	return p < e;
}

static size_t
digit_run(const char *p, const char *e)
{
	size_t	 k = 0;

	while (p + k < e && is_digit((unsigned char)p[k]))
		k++;
	return k;
}

static int
small_val(const char *p, size_t k)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < k; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* Does [p, e) start with w, ignoring ASCII case? */
static int
has_prefix(const char *p, const char *e, const char *w)
{
	size_t	 k = strlen(w), i;

	if ((size_t)(e - p) < k)
		return 0;
	for (i = 0; i < k; i++)
		if (lc((unsigned char)p[i]) != (unsigned char)w[i])
			return 0;
	return 1;
}

/* Length of w at p if it is a whole word there, else 0. */
static size_t
word_len(const char *p, const char *e, const char *w)
{
	size_t	 k = strlen(w);

	if (!has_prefix(p, e, w))
		return 0;
	if (p + k < e && is_alpha((unsigned char)p[k]))
		return 0;
	return k;
}

/*
 * Is [p, e) the phrase ph, ignoring ASCII case?  A space in ph matches
 * any run of white space, so "not\n supported" still reads as one.
 */
static int
eq_phrase(const char *p, const char *e, const char *ph)
{
	size_t	 k;

	for (; *ph != '\0'; ph++) {
		if (*ph == ' ') {
			k = ws_len(p, e);
			if (k == 0)
				return 0;
			p = skip_ws(p, e);
			continue;
		}
		if (p >= e || lc((unsigned char)*p) != (unsigned char)*ph)
			return 0;
		p++;
	}
	return p == e;
}

/* A '-', '+' or U+2212 minus at p: its length, and *neg set if minus. */
static size_t
sign_len(const char *p, const char *e, int *neg)
{
	if (p < e && *p == '-') {
		*neg = 1;
		return 1;
	}
	if (p < e && *p == '+')
		return 1;
	if (e - p >= 3 && memcmp(p, "\xe2\x88\x92", 3) == 0) {
		*neg = 1;
		return 3;
	}
	return 0;
}

/* 1 if some sentinel starts with c (its first byte, any ASCII case). */
static int
sentinel_can_start(unsigned char c)
{
	size_t	i;

	c = (unsigned char)lc(c);
	for (i = 0; i < NELEM(sentinels); i++)
		if ((unsigned char)sentinels[i][0] == c)
			return 1;
	return 0;
}

/* 1 if [p, e) is a word placeholder, 2 if it is -1, else 0. */
static int
is_sentinel_span(const char *p, const char *e)
{
	size_t	 i;
	int	 neg = 0;

	/* Most values start with a digit or '$': no sentinel starts so. */
	if (p < e && sentinel_can_start((unsigned char)*p))
		for (i = 0; i < NELEM(sentinels); i++)
			if (eq_phrase(p, e, sentinels[i]))
				return 1;
	p += sign_len(p, e, &neg);
	if (!neg || p >= e || *p != '1')
		return 0;
	p++;
	if (p < e && *p == '.') {
		p++;
		while (p < e && *p == '0')
			p++;
	}
	return p == e ? 2 : 0;
}

static void
sat_add(long *v, long d)
{
	*v += d;
	if (*v > EXP_LIM)
		*v = EXP_LIM;
	if (*v < -EXP_LIM)
		*v = -EXP_LIM;
}

/*
 * Keep the first NUM_SIG significant digits exactly and only remember
 * whether the rest were zero: enough for strtod to round right however
 * long the text is.
 */
static void
feed(struct numtok *t, const char *p, size_t k, int frac)
{
	size_t	 i;
	int	 c;

	for (i = 0; i < k; i++) {
		c = (unsigned char)p[i];
		if (t->ndig == 0 && c == '0') {
			if (frac)
				sat_add(&t->exp10, -1);
		} else if (t->ndig < NUM_SIG) {
			t->dig[t->ndig++] = (char)c;
			if (frac)
				sat_add(&t->exp10, -1);
		} else {
			if (c != '0')
				t->sticky = 1;
			if (!frac)
				sat_add(&t->exp10, 1);
		}
	}
}

/*
 * Read an unsigned decimal number at *pp: digits with optional thousands
 * commas, an optional fraction after '.' or after a decimal comma and,
 * if allowexp, an exponent.  Returns 0 and moves *pp past it, or -1 when
 * there is no number or its commas are malformed.  What follows is the
 * caller's to judge, so "0x10" reads as 0 followed by junk.
 */
static int
scan_number(const char **pp, const char *e, int allowexp, struct numtok *t)
{
	const char	*p = *pp, *q;
	size_t		 first, run;
	long		 ex;
	int		 ncomma = 0, deccomma = 0, eneg = 0;

	memset(t, 0, sizeof(*t));
	first = digit_run(p, e);
	feed(t, p, first, 0);
	p += first;
	while (first > 0 && e - p >= 2 && *p == ',' &&
	    is_digit((unsigned char)p[1])) {
		run = digit_run(p + 1, e);
		q = p + 1 + run;
		if (run == 3) {
			if (first > 3)
				return -1;
			feed(t, p + 1, run, 0);
			ncomma++;
			p = q;
		} else if (run <= 2 && ncomma == 0 &&
		    !(q < e && (*q == '.' || *q == ','))) {
			feed(t, p + 1, run, 1);
			deccomma = 1;
			p = q;
			break;
		} else
			return -1;
	}
	if (!deccomma && p < e && *p == '.') {
		run = digit_run(p + 1, e);
		if (first == 0 && run == 0)
			return -1;
		feed(t, p + 1, run, 1);
		p += 1 + run;
	} else if (first == 0)
		return -1;
	if (allowexp && p < e && (*p == 'e' || *p == 'E')) {
		q = p + 1;
		if (q < e && (*q == '-' || *q == '+')) {
			eneg = *q == '-';
			q++;
		}
		if (q < e && is_digit((unsigned char)*q)) {
			ex = 0;
			while (q < e && is_digit((unsigned char)*q)) {
				if (ex < EXP_LIM)
					ex = ex * 10 + (*q - '0');
				q++;
			}
			sat_add(&t->exp10, eneg ? -ex : ex);
			p = q;
		}
	}
	/* Trailing zeros go so that "-1.00" compares equal to "-1". */
	while (t->ndig > 1 && !t->sticky && t->dig[t->ndig - 1] == '0') {
		t->ndig--;
		sat_add(&t->exp10, 1);
	}
	*pp = p;
	return 0;
}

static int
is_minus_one(const struct numtok *t, long scale)
{
	return t->neg && t->ndig == 1 && t->dig[0] == '1' && !t->sticky &&
	    t->exp10 + scale == 0;
}

/* A whole number once scaled?  Zero trailing digits are stripped. */
static int
is_whole(const struct numtok *t, long scale)
{
	return t->ndig == 0 || t->exp10 + scale >= 0;
}

/*
 * t * 10^scale as a double.  The copy handed to strtod is the digits as
 * an integer with an exponent, "15e-7": no radix character, so the
 * locale's decimal point cannot matter, and scaling by 1000 or 1e6
 * happens in decimal, so "$0.0000015/token" is exactly 1.5.
 */
static enum norm_status
num_value(const struct numtok *t, long scale, double *v)
{
	char	 buf[NUM_BUF], rev[16], *endp;
	size_t	 i, k;
	long	 ex;
	int	 saved, err;
	double	 d;

	*v = 0;
	if (t->ndig == 0)
		return NORM_OK;
	memcpy(buf, t->dig, (size_t)t->ndig);
	i = (size_t)t->ndig;
	ex = t->exp10 + scale;
	if (t->sticky) {
		buf[i++] = '1';
		ex--;
	}
	buf[i++] = 'e';
	if (ex < 0) {
		buf[i++] = '-';
		ex = -ex;
	}
	k = 0;
	do {
		rev[k++] = (char)('0' + ex % 10);
		ex /= 10;
	} while (ex > 0 && k < sizeof(rev));
	while (k > 0)
		buf[i++] = rev[--k];
	buf[i] = '\0';

	saved = errno;
	errno = 0;
	d = strtod(buf, &endp);
	err = errno;
	errno = saved;
	if (endp != buf + i || !isfinite(d))
		return NORM_INVALID;
	if (t->neg)
		d = -d;
	if (err == ERANGE || fabs(d) < DBL_MIN) {
		/* Overflow gives HUGE_VAL, caught above; this is underflow. */
		return NORM_INVALID;
	}
	*v = d;
	return NORM_OK;
}

static struct nval *
reset(struct nval *out, struct nval *dummy)
{
	if (out == NULL)
		out = dummy;
	memset(out, 0, sizeof(*out));
	out->unit = PRICE_PER_UNSTATED;
	out->status = NORM_BAD;
	return out;
}

static enum norm_status
done(struct nval *out, enum norm_status st)
{
	out->status = st;
	return st;
}

/* A placeholder at [p, e)?  Then out says so (num -1 for "-1"). */
static int
sentinel(struct nval *out, const char *p, const char *e)
{
	int	 k;

	k = is_sentinel_span(p, e);
	if (k == 0)
		return 0;
	out->num = k == 2 ? -1 : 0;
	out->status = NORM_SENTINEL;
	return 1;
}

/*
 * How every reader starts: *out (dummy when the caller wants no result)
 * cleared and [*pp, *ep) the trimmed text.  Returns -1 when that is
 * empty or a placeholder, with the status in *out: nothing more to read.
 */
static int
begin(struct nval **out, struct nval *dummy, const char *s, size_t n,
    const char **pp, const char **ep)
{
	*out = reset(*out, dummy);
	if (!span(s, n, pp, ep)) {
		done(*out, NORM_EMPTY);
		return -1;
	}
	return sentinel(*out, *pp, *ep) ? -1 : 0;
}

static void
set_currency(struct nval *out, const char *code)
{
	memcpy(out->currency, code, 3);
	out->currency[3] = '\0';
}

/* Length of a currency symbol or code at p; *code gets its ISO code. */
static size_t
currency_len(const char *p, const char *e, const char **code)
{
	size_t	 i, k;

	for (i = 0; i < NELEM(currencies); i++) {
		k = strlen(currencies[i].text);
		if (currencies[i].word)
			k = word_len(p, e, currencies[i].text);
		else if ((size_t)(e - p) < k ||
		    memcmp(p, currencies[i].text, k) != 0)
			k = 0;
		if (k > 0) {
			*code = currencies[i].code;
			return k;
		}
	}
	return 0;
}

/* Length of whichever word of list[0..n) is at p, its index in *idx. */
static size_t
word_in(const char *p, const char *e, const char *const *list, size_t n,
    size_t *idx)
{
	size_t	 i, k;

	for (i = 0; i < n; i++) {
		k = word_len(p, e, list[i]);
		if (k > 0) {
			*idx = i;
			return k;
		}
	}
	return 0;
}

/*
 * Length of a unit phrase at p ("/1M", "per 1K tokens", "/ M Tokens",
 * "per million", "/MTok", "/token", "per 1,000 input tokens"), or 0 if
 * there is none or it is not one PRICE_PER_* can express.
 */
static size_t
unit_len(const char *p0, const char *e, enum price_unit *unit)
{
	static const char *const mags[] = {
		"million", "m", "mtoks", "mtok",
		"thousand", "k", "ktoks", "ktok"
	};
	static const char *const sides[] = { "input", "output" };
	static const char *const toks[] = { "tokens", "token", "toks", "tok" };
	const char	*p = p0;
	size_t		 k, run, i;
	long long	 count = 1, mult = 1;
	int		 stated = 0, tok = 0;

	if (p < e && *p == '/')
		p++;
	else {
		k = word_len(p, e, "per");
		if (k == 0 || ws_len(p + k, e) == 0)
			return 0;
		p += k;
	}
	p = skip_ws(p, e);
	run = digit_run(p, e);
	if (run > 0) {
		/* Only 1, 1000 and 1000000 survive; stop long runs early. */
		if (run > 7)
			return 0;
		count = small_val(p, run);
		p += run;
		while (e - p >= 4 && *p == ',' && digit_run(p + 1, e) == 3) {
			if (count > 1000000)
				return 0;
			count = count * 1000 + small_val(p + 1, 3);
			p += 4;
		}
		if (count > 1000000)
			return 0;
		stated = 1;
		p = skip_ws(p, e);
	}
	k = word_in(p, e, mags, NELEM(mags), &i);
	if (k > 0) {
		mult = i < 4 ? 1000000 : 1000;
		tok = i % 4 >= 2;
		stated = 1;
		p = skip_ws(p + k, e);
	}
	if (!tok) {
		k = word_in(p, e, sides, NELEM(sides), &i);
		if (k > 0 && ws_len(p + k, e) > 0)
			p = skip_ws(p + k, e);
		k = word_in(p, e, toks, NELEM(toks), &i);
		if (k > 0) {
			tok = 1;
			p += k;
		}
	}
	if (!stated && !tok)
		return 0;
	if (count * mult == 1)
		*unit = PRICE_PER_TOKEN;
	else if (count * mult == 1000)
		*unit = PRICE_PER_1K;
	else if (count * mult == 1000000)
		*unit = PRICE_PER_1M;
	else
		return 0;
	return (size_t)(p - p0);
}

enum norm_status
norm_money(const char *s, size_t n, enum price_unit dflt, struct nval *out)
{
	struct nval	 dummy;
	struct numtok	 t;
	const char	*p, *e, *cur = NULL, *cur2 = NULL;
	enum price_unit	 unit = PRICE_PER_UNSTATED;
	enum norm_status st;
	size_t		 k, sk;
	long		 scale;
	int		 neg = 0;
	double		 v;

	if (begin(&out, &dummy, s, n, &p, &e) == -1)
		return out->status;
	if (eq_phrase(p, e, "free")) {
		out->is_free = 1;
		set_currency(out, "USD");
		return done(out, NORM_OK);
	}
	sk = sign_len(p, e, &neg);
	p += sk;
	p += currency_len(p, e, &cur);
	p = skip_ws(p, e);
	if (cur != NULL && sk == 0 && sentinel(out, p, e)) {
		set_currency(out, cur);
		return NORM_SENTINEL;
	}
	if (sk == 0)
		p += sign_len(p, e, &neg);
	if (scan_number(&p, e, 1, &t) == -1)
		return done(out, NORM_BAD);
	t.neg = neg;
	p = skip_ws(p, e);
	k = currency_len(p, e, &cur2);
	if (k > 0) {
		if (cur != NULL && strcmp(cur, cur2) != 0)
			return done(out, NORM_BAD);
		cur = cur2;
		p = skip_ws(p + k, e);
	}
	if (p < e) {
		k = unit_len(p, e, &unit);
		if (k == 0)
			return done(out, NORM_BAD);
		p = skip_ws(p + k, e);
	}
	if (p != e)
		return done(out, NORM_BAD);
	out->unit = unit;
	if (is_minus_one(&t, 0)) {
		if (cur != NULL)
			set_currency(out, cur);
		out->num = -1;
		return done(out, NORM_SENTINEL);
	}
	set_currency(out, cur != NULL ? cur : "USD");
	switch (unit != PRICE_PER_UNSTATED ? unit : dflt) {
	case PRICE_PER_1K:
		scale = 3;
		break;
	case PRICE_PER_TOKEN:
		scale = 6;
		break;
	default:
		scale = 0;
		break;
	}
	st = num_value(&t, scale, &v);
	out->num = v;
	return done(out, st);
}

/*
 * A count with an optional magnitude: "64K", "129.3 k", "2 million",
 * "1.2T".  letters lists the suffix letters allowed, each worth three
 * more decimal places than the one before, starting at K.  Returns 0
 * and moves *pp past it, or -1.
 */
static int
scan_count(const char **pp, const char *e, const char *letters,
    struct numtok *t, long *scale)
{
	static const char *const words[] = {
		"thousand", "million", "billion", "trillion"
	};
	const char	*p = *pp, *q;
	size_t		 i, k, nl = strlen(letters);
	int		 neg = 0;

	p += sign_len(p, e, &neg);
	if (scan_number(&p, e, 1, t) == -1)
		return -1;
	t->neg = neg;
	*scale = 0;
	q = skip_ws(p, e);
	for (i = 0; i < nl && q < e; i++) {
		k = word_len(q, e, words[i]);
		if (k == 0 && lc((unsigned char)*q) == letters[i] &&
		    !(q + 1 < e && is_alpha((unsigned char)q[1])))
			k = 1;
		if (k > 0) {
			*scale = 3 * ((long)i + 1);
			p = q + k;
			break;
		}
	}
	*pp = p;
	return 0;
}

/* Status of a whole, positive count no larger than max, into *v. */
static enum norm_status
count_value(const struct numtok *t, long scale, double max, double *v)
{
	enum norm_status st;

	*v = 0;
	if (t->ndig == 0)
		return NORM_SENTINEL;
	if (is_minus_one(t, scale)) {
		*v = -1;
		return NORM_SENTINEL;
	}
	st = num_value(t, scale, v);
	if (st != NORM_OK)
		return st;
	if (t->neg || !is_whole(t, scale) || *v > max)
		return NORM_INVALID;
	return NORM_OK;
}

enum norm_status
norm_tokens(const char *s, size_t n, struct nval *out)
{
	struct nval	 dummy;
	struct numtok	 t;
	const char	*p, *e;
	size_t		 k;
	long		 scale;
	double		 v;
	enum norm_status st;

	if (begin(&out, &dummy, s, n, &p, &e) == -1)
		return out->status;
	if (scan_count(&p, e, "kmb", &t, &scale) == -1)
		return done(out, NORM_BAD);
	p = skip_ws(p, e);
	k = word_len(p, e, "tokens");
	if (k == 0)
		k = word_len(p, e, "token");
	p = skip_ws(p + k, e);
	if (p != e)
		return done(out, NORM_BAD);
	st = count_value(&t, scale, TOKENS_MAX, &v);
	out->num = v;
	return done(out, st);
}

enum norm_status
norm_params(const char *s, size_t n, struct nval *out)
{
	struct nval	 dummy;
	struct numtok	 t, ta;
	const char	*p, *e;
	size_t		 k;
	long		 scale, scalea;
	double		 v, va;
	enum norm_status st, sta;
	int		 moe = 0, paren = 0, marked = 0;

	if (begin(&out, &dummy, s, n, &p, &e) == -1)
		return out->status;
	if (scan_count(&p, e, "kmbt", &t, &scale) == -1)
		return done(out, NORM_BAD);
	p = skip_ws(p, e);
	if (p < e && (*p == '-' || *p == '(')) {
		/* "671B-A37B" or "671B (37B active)": the active experts. */
		moe = 1;
		paren = *p == '(';
		p = skip_ws(p + 1, e);
		if (p < e && (*p == 'A' || *p == 'a') && e - p >= 2 &&
		    is_digit((unsigned char)p[1])) {
			marked = 1;
			p++;
		}
		if (scan_count(&p, e, "kmbt", &ta, &scalea) == -1 ||
		    ta.neg)
			return done(out, NORM_BAD);
		p = skip_ws(p, e);
		if (paren) {
			k = word_len(p, e, "active");
			if (k > 0) {
				marked = 1;
				p = skip_ws(p + k, e);
			}
			if (p >= e || *p != ')')
				return done(out, NORM_BAD);
			p = skip_ws(p + 1, e);
		}
		if (!marked)
			return done(out, NORM_BAD);
	}
	if (p != e)
		return done(out, NORM_BAD);
	st = count_value(&t, scale, PARAMS_MAX, &v);
	out->num = v;
	if (st != NORM_OK || !moe)
		return done(out, st);
	sta = count_value(&ta, scalea, PARAMS_MAX, &va);
	out->num2 = va;
	out->has_num2 = 1;
	if (sta == NORM_SENTINEL || (sta == NORM_OK && va > v))
		sta = NORM_INVALID;
	return done(out, sta);
}

int
norm_days_in_month(int year, int month)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 leap;

	if (month < 1 || month > 12)
		return 0;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (month == 2 && leap)
		return 29;
	return mdays[month - 1];
}

/* Do the k bytes at p spell the first k letters of w, ignoring case? */
static int
ci_eq(const char *p, const char *w, size_t k)
{
	size_t	 i;

	for (i = 0; i < k; i++)
		if (w[i] == '\0' || lc((unsigned char)p[i]) != w[i])
			return 0;
	return 1;
}

/* Month number of the name at p (full, three letters, "Sept"), or 0. */
static int
month_word(const char *p, const char *e, size_t *len)
{
	size_t	 k = 0;
	int	 i;

	while (p + k < e && is_alpha((unsigned char)p[k]))
		k++;
	*len = k;
	for (i = 0; i < 12; i++)
		if ((k == 3 || k == strlen(months[i])) &&
		    ci_eq(p, months[i], k))
			return i + 1;
	if (k == 4 && ci_eq(p, "sept", 4))
		return 9;
	return 0;
}

/* Skip "Friday, " or "Fri " before a date. */
static const char *
skip_weekday(const char *p, const char *e)
{
	const char	*q;
	size_t		 k = 0, i;

	while (p + k < e && is_alpha((unsigned char)p[k]))
		k++;
	for (i = 0; i < 7; i++) {
		if ((k != 3 && k != strlen(wdays[i])) ||
		    !ci_eq(p, wdays[i], k))
			continue;
		q = p + k;
		if (q < e && (*q == ',' || *q == '.'))
			q++;
		return skip_ws(q, e);
	}
	return p;
}

/* Skip an ordinal ending after a day: "13th", "1st", "22nd", "3rd". */
static const char *
skip_ordinal(const char *p, const char *e)
{
	if (word_len(p, e, "st") || word_len(p, e, "nd") ||
	    word_len(p, e, "rd") || word_len(p, e, "th"))
		return p + 2;
	return p;
}

/* Does [p, e) look like a time of day, to follow an ISO date? */
static int
is_time(const char *p, const char *e, int needcolon)
{
	int	 colon = 0;

	if (p >= e || !is_digit((unsigned char)*p))
		return 0;
	for (; p < e; p++) {
		if (*p == ':')
			colon = 1;
		else if (!is_digit((unsigned char)*p) && *p != '.' &&
		    *p != '+' && *p != '-' && *p != 'Z' && *p != 'z')
			return 0;
	}
	return colon || !needcolon;
}

static void
put_digits(char *d, int v, int width)
{
	while (width-- > 0) {
		d[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Write date[] as read, then judge the calendar. */
static enum norm_status
date_finish(struct nval *out, int y, int m, int d, int prec)
{
	put_digits(out->date, y, 4);
	out->date[4] = '\0';
	if (prec >= 2) {
		out->date[4] = '-';
		put_digits(out->date + 5, m, 2);
		out->date[7] = '\0';
	}
	if (prec == 3) {
		out->date[7] = '-';
		put_digits(out->date + 8, d, 2);
		out->date[10] = '\0';
	}
	out->date_prec = prec;
	if (y < 1)
		return done(out, NORM_INVALID);
	if (prec >= 2 && (m < 1 || m > 12))
		return done(out, NORM_INVALID);
	if (prec == 3 && (d < 1 || d > norm_days_in_month(y, m)))
		return done(out, NORM_INVALID);
	return done(out, NORM_OK);
}

static enum norm_status
date_iso(struct nval *out, const char *p, const char *e)
{
	size_t	 k;
	int	 y, m, d;
	char	 sep;

	y = small_val(p, 4);
	p += 4;
	if (p == e)
		return date_finish(out, y, 1, 1, 1);
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return done(out, NORM_BAD);
	p++;
	k = digit_run(p, e);
	if (k < 1 || k > 2)
		return done(out, NORM_BAD);
	m = small_val(p, k);
	p += k;
	if (p == e)
		return date_finish(out, y, m, 1, 2);
	if (*p != sep)
		return done(out, NORM_BAD);
	p++;
	k = digit_run(p, e);
	if (k < 1 || k > 2)
		return done(out, NORM_BAD);
	d = small_val(p, k);
	p += k;
	if (p < e) {
		if (sep == '-' && (*p == 'T' || *p == 't')) {
			if (!is_time(p + 1, e, 0))
				return done(out, NORM_BAD);
		} else if (ws_len(p, e) > 0) {
			if (!is_time(skip_ws(p, e), e, 1))
				return done(out, NORM_BAD);
		} else
			return done(out, NORM_BAD);
	}
	return date_finish(out, y, m, d, 3);
}

/* "25/03/2026", "13 December 2024", "13th Dec, 2024", "13-Dec-2024". */
static enum norm_status
date_day_first(struct nval *out, const char *p, const char *e,
    enum date_order ord)
{
	size_t	 k;
	int	 a, b, y, m;
	char	 sep;

	k = digit_run(p, e);
	a = small_val(p, k);
	p += k;
	if (p < e && (*p == '/' || *p == '-' || *p == '.') && e - p >= 2 &&
	    is_digit((unsigned char)p[1])) {
		sep = *p++;
		k = digit_run(p, e);
		if (k < 1 || k > 2)
			return done(out, NORM_BAD);
		b = small_val(p, k);
		p += k;
		if (p >= e || *p != sep || digit_run(p + 1, e) != 4 ||
		    p + 5 != e)
			return done(out, NORM_BAD);
		y = small_val(p + 1, 4);
		if (ord == DATE_ORDER_DMY)
			return date_finish(out, y, b, a, 3);
		if (ord == DATE_ORDER_MDY)
			return date_finish(out, y, a, b, 3);
		return done(out, NORM_BAD);
	}
	p = skip_ordinal(p, e);
	if (p < e && (*p == '-' || *p == '.'))
		p++;
	p = skip_ws(p, e);
	m = month_word(p, e, &k);
	if (m == 0)
		return done(out, NORM_BAD);
	p += k;
	if (p < e && (*p == '.' || *p == '-' || *p == ','))
		p++;
	p = skip_ws(p, e);
	if (digit_run(p, e) != 4 || p + 4 != e)
		return done(out, NORM_BAD);
	return date_finish(out, small_val(p, 4), m, a, 3);
}

/* "December 13, 2024", "Dec. 13th 2024", "December 2023". */
static enum norm_status
date_month_first(struct nval *out, const char *p, const char *e)
{
	size_t	 k;
	int	 m, d;

	p = skip_weekday(p, e);
	m = month_word(p, e, &k);
	if (m == 0)
		return done(out, NORM_BAD);
	p += k;
	if (p < e && *p == '.')
		p++;
	if (p < e && *p == ',')
		p++;
	if (ws_len(p, e) == 0 && !(p < e && p[-1] == ','))
		return done(out, NORM_BAD);
	p = skip_ws(p, e);
	k = digit_run(p, e);
	if (k == 4 && p + 4 == e)
		return date_finish(out, small_val(p, 4), m, 1, 2);
	if (k < 1 || k > 2)
		return done(out, NORM_BAD);
	d = small_val(p, k);
	p = skip_ordinal(p + k, e);
	if (p < e && *p == ',')
		p++;
	else if (ws_len(p, e) == 0)
		return done(out, NORM_BAD);
	p = skip_ws(p, e);
	if (digit_run(p, e) != 4 || p + 4 != e)
		return done(out, NORM_BAD);
	return date_finish(out, small_val(p, 4), m, d, 3);
}

enum norm_status
norm_date(const char *s, size_t n, enum date_order ord, struct nval *out)
{
	struct nval	 dummy;
	const char	*p, *e;
	size_t		 k;

	if (begin(&out, &dummy, s, n, &p, &e) == -1)
		return out->status;
	if (!is_digit((unsigned char)*p))
		return date_month_first(out, p, e);
	k = digit_run(p, e);
	if (k == 4)
		return date_iso(out, p, e);
	if (k <= 2)
		return date_day_first(out, p, e, ord);
	return done(out, NORM_BAD);
}

/* Days from 1970-01-01 to a proleptic Gregorian date. */
static long
days_from_civil(long y, long m, long d)
{
	long	 era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
norm_date_serial(const char *iso, long *out)
{
	size_t	 k;
	int	 y, m = 1, d = 1;

	if (iso == NULL || out == NULL)
		return -1;
	for (k = 0; k < 4; k++)
		if (!is_digit((unsigned char)iso[k]))
			return -1;
	y = small_val(iso, 4);
	iso += 4;
	if (*iso == '-') {
		if (!is_digit((unsigned char)iso[1]) ||
		    !is_digit((unsigned char)iso[2]))
			return -1;
		m = small_val(iso + 1, 2);
		iso += 3;
		if (*iso == '-') {
			if (!is_digit((unsigned char)iso[1]) ||
			    !is_digit((unsigned char)iso[2]))
				return -1;
			d = small_val(iso + 1, 2);
			iso += 3;
		}
	}
	if (*iso != '\0' || y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > norm_days_in_month(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	return 0;
}

enum norm_status
norm_score(const char *s, size_t n, struct nval *out)
{
	struct nval	 dummy;
	struct numtok	 t;
	const char	*p, *e;
	enum norm_status st;
	int		 neg = 0, pct = 0;
	double		 v;

	if (begin(&out, &dummy, s, n, &p, &e) == -1)
		return out->status;
	p += sign_len(p, e, &neg);
	if (scan_number(&p, e, 0, &t) == -1)
		return done(out, NORM_BAD);
	t.neg = neg;
	p = skip_ws(p, e);
	if (p < e && *p == '%') {
		pct = 1;
		p = skip_ws(p + 1, e);
	} else if (e - p >= 3 && memcmp(p, "\xef\xbc\x85", 3) == 0) {
		pct = 1;		/* fullwidth percent sign */
		p = skip_ws(p + 3, e);
	}
	if (p != e)
		return done(out, NORM_BAD);
	out->is_percent = pct;
	if (is_minus_one(&t, 0)) {
		out->num = -1;
		return done(out, NORM_SENTINEL);
	}
	st = num_value(&t, 0, &v);
	out->num = v;
	return done(out, st);
}

enum norm_status
norm_days(const char *s, size_t n, struct nval *out)
{
	struct nval	 dummy;
	struct numtok	 t;
	const char	*p, *e;
	enum norm_status st;
	size_t		 i, k;
	int		 every = 0, other = 0, hours = 0, neg = 0, hasnum = 0;
	double		 v = 1, d;

	if (begin(&out, &dummy, s, n, &p, &e) == -1)
		return out->status;
	/* "Next refresh: weekly." hands us the full stop too. */
	if (e[-1] == '.' && e - p >= 2 && !is_digit((unsigned char)e[-2])) {
		e--;
		for (;;) {
			k = ws_len_back(p, e);
			if (k == 0)
				break;
			e -= k;
		}
	}
	for (i = 0; i < NELEM(cadences); i++) {
		if (eq_phrase(p, e, cadences[i].text)) {
			out->num = cadences[i].val;
			return done(out, NORM_OK);
		}
	}
	k = word_len(p, e, "every");
	if (k > 0) {
		every = 1;
		p = skip_ws(p + k, e);
		k = word_len(p, e, "other");
		if (k > 0) {
			other = 1;
			v = 2;
			p = skip_ws(p + k, e);
		}
	}
	if (!other && p < e && !is_alpha((unsigned char)*p)) {
		p += sign_len(p, e, &neg);
		if (scan_number(&p, e, 0, &t) == -1)
			return done(out, NORM_BAD);
		t.neg = neg;
		hasnum = 1;
		p = skip_ws(p, e);
	}
	for (i = 0; i < NELEM(periods); i++) {
		k = word_len(p, e, periods[i].text);
		if (k > 0) {
			hours = periods[i].val;
			p += k;
			break;
		}
	}
	if (p != e || (hours == 0 && every) || (!hasnum && !every))
		return done(out, NORM_BAD);
	if (hours == 0)
		hours = 24;
	if (hasnum) {
		if (is_minus_one(&t, 0)) {
			out->num = -1;
			return done(out, NORM_SENTINEL);
		}
		if (t.ndig == 0)
			return done(out, NORM_SENTINEL);
		st = num_value(&t, 0, &v);
		if (st != NORM_OK)
			return done(out, st);
	}
	d = v * hours / 24.0;
	if (v < 0 || d > DAYS_MAX) {
		out->num = d;
		return done(out, NORM_INVALID);
	}
	/* Round up to a whole day, forgiving the last bits of a product. */
	d = ceil(d - 1e-9);
	out->num = d < 1 ? 1 : d;
	return done(out, NORM_OK);
}

enum norm_status
norm_bool(const char *s, size_t n, struct nval *out)
{
	struct nval	 dummy;
	const char	*p, *e;
	size_t		 i;

	if (begin(&out, &dummy, s, n, &p, &e) == -1)
		return out->status;
	for (i = 0; i < NELEM(bools); i++) {
		if (eq_phrase(p, e, bools[i].text)) {
			out->bval = bools[i].val;
			return done(out, NORM_OK);
		}
	}
	return done(out, NORM_BAD);
}

int
norm_is_sentinel(const char *s, size_t n)
{
	const char	*p, *e;

	if (!span(s, n, &p, &e))
		return 0;
	return is_sentinel_span(p, e) != 0;
}

/* Days since 1970-01-01 as YYYY-MM-DD. */
void
norm_date_iso(long days, char *buf, size_t n)
{
	long	y, m, d, era, doe, yoe, doy, mp, z = days + 719468;

	/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, n, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}
