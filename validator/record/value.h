/*
 * value.h: one reader for a field's raw text, whatever its kind, for
 * every producer of records (pages in extract/, catalogues in sources/).
 * It picks the normalize.c reader the field type wants and stores the
 * typed reading in a struct seen.  The few ways a page and a catalogue
 * read differently are options, so a new field type is read in one
 * place.
 */
#ifndef CL_VALUE_H
#define CL_VALUE_H

#include "record/normalize.h"
#include "record/record.h"

struct value_opts {
	enum date_order	 date_order;	/* how 03/04/2025 reads */
	enum price_unit	 per;		/* unit of a price that states none */
	int		 per_is_stated;	/* per says the unit (a label's
					   "per 1K"): an unstated price
					   takes it as its unit */
	int		 plain_money;	/* a plain decimal number is a USD
					   price per `per`, read exactly */
	int		 count_sentinel;/* a token count of 0 or less
					   written as a number is unknown */
	int		 strict_int;	/* FT_INT: whole and not negative
					   only, no percent; else read as
					   FT_SCORE */
};

/*
 * Read raw as a value of type t into s: status, num, str (a date or a
 * string, allocated: the caller frees it), unit, currency, is_free,
 * is_percent.  Other members of s are left alone.
 */
void	value_read(enum ftype t, const char *raw, const struct value_opts *o,
	    struct seen *s);

/* A plain decimal number, as JSON writes one, into *v; 0 if raw is
   anything else ("+1", ".5", " 1", "0x10", "1e999"). */
int	value_plain_number(const char *raw, double *v);

#endif
