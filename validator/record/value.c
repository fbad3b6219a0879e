/*
 * value.c: a field's raw text to its typed reading, for pages and
 * catalogues alike.  The normalize.c readers do the parsing; this file
 * only chooses one by the field type and copies what it found into the
 * sighting, with the options of value.h where the two producers differ:
 * a page knows a date order from its profile and may state a price's
 * unit in the label; a catalogue writes prices and "unknown" counts as
 * plain JSON numbers and its integers as scores.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "record/normalize.h"
#include "record/record.h"
#include "record/value.h"

/* What one unit is in prices per 1M tokens, by enum price_unit. */
static const double	per_scale[] = { 1, 1, 1e3, 1e6 };

int
value_plain_number(const char *s, double *v)
{
	char	*end;

	if (*s == '\0' || *s == ' ' || *s == '+' || *s == '.' ||
	    (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
		return 0;
	errno = 0;
	*v = strtod(s, &end);
	return *end == '\0' && errno == 0 && isfinite(*v);
}

static void
read_money(const char *raw, size_t n, const struct value_opts *o,
    struct seen *s)
{
	struct nval	v;
	double		x;

	/* A catalogue's plain JSON number is a USD price as written,
	   scaled in floating point: the page scanner would scale 1e-07
	   per token by shifting digits (0.1, not 0.09999…) and take -1
	   for a placeholder, and catalogue reports would change. */
	if (o->plain_money && value_plain_number(raw, &x)) {
		s->status = NORM_OK;
		s->num = x * per_scale[o->per];
		s->unit = PRICE_PER_UNSTATED;
		memcpy(s->currency, "USD", 4);
		s->is_free = 0;
		return;
	}
	memset(&v, 0, sizeof(v));
	s->status = norm_money(raw, n, o->per, &v);
	s->num = v.num;
	/* A label that says per 1K (or per token) states the unit of the
	   bare number after it. */
	if (o->per_is_stated && v.unit == PRICE_PER_UNSTATED &&
	    (o->per == PRICE_PER_1K || o->per == PRICE_PER_TOKEN))
		s->unit = o->per;
	else
		s->unit = v.unit;
	memcpy(s->currency, v.currency, sizeof(s->currency));
	s->is_free = v.is_free;
}

void
value_read(enum ftype t, const char *raw, const struct value_opts *o,
    struct seen *s)
{
	struct nval	v;
	size_t		n = strlen(raw);
	double		x, ip;

	memset(&v, 0, sizeof(v));
	switch (t) {
	case FT_MONEY:
		read_money(raw, n, o, s);
		return;
	case FT_TOKENS:
		/* 0 or a negative count is "unknown" written as a number. */
		if (o->count_sentinel && value_plain_number(raw, &x) &&
		    x <= 0)
			v.status = NORM_SENTINEL;
		else
			norm_tokens(raw, n, &v);
		s->num = v.num;
		break;
	case FT_PARAMS:
		norm_params(raw, n, &v);
		s->num = v.num;
		break;
	case FT_DATE:
		norm_date(raw, n, o->date_order, &v);
		if (v.status == NORM_OK || v.status == NORM_INVALID)
			s->str = xstrdup(v.date);
		break;
	case FT_DAYS:
		norm_days(raw, n, &v);
		s->num = v.num;
		break;
	case FT_BOOL:
		norm_bool(raw, n, &v);
		s->num = v.bval;
		break;
	case FT_SCORE:
	case FT_INT:
		norm_score(raw, n, &v);
		s->num = v.num;
		if (t == FT_INT && o->strict_int) {
			/* A count: whole and not negative; a percent sign
			   is not kept. */
			if (v.status == NORM_OK && (modf(v.num, &ip) != 0 ||
			    v.num < 0))
				v.status = NORM_BAD;
		} else
			s->is_percent = v.is_percent;
		break;
	case FT_STR:
	case FT_CURRENCY:
		if (n == 0)
			v.status = NORM_EMPTY;
		else if (norm_is_sentinel(raw, n))
			v.status = NORM_SENTINEL;
		else {
			v.status = NORM_OK;
			s->str = xstrdup(raw);
		}
		break;
	}
	s->status = v.status;
}
