/*
 * extract.h: page + profiles -> records.  A page about one model is one
 * record; a page that lists several models without a main one is one
 * record per model, in page order.  extract_records() returns an owned
 * array of owned records (extract_records_free()); it never fails: a
 * page nothing matches still yields one record of the fallback profile.
 * extract_page() is the page's first record alone.
 */
#ifndef CL_EXTRACT_H
#define CL_EXTRACT_H

#include <stddef.h>

struct page;
struct profile;
struct profiles;
struct record;
struct xrule;

/*
 * Why a candidate value was or was not taken, for `extract --trace`:
 * a maintainer triaging a bad scrape reads which entry produced a
 * value and why the other candidates were rejected.
 */
enum ex_verdict {
	EX_TAKEN,
	EX_NOT_A_VALUE,		/* the text is no value of the field */
	EX_NO_UNIT,		/* a price with no currency or unit stated */
	EX_AMOUNT,		/* a cost without a unit: a calculator's */
	EX_OTHER_CURRENCY,	/* the model again, in another currency */
	EX_SKIPPED_LINE		/* example costs, totals */
};

/*
 * One candidate: fid is a record field or LX_PRICE_BOTH; raw and
 * label are not NUL-terminated and live as long as the page; x is the
 * profile entry (a pattern or a reader) of profile p; label is the
 * header cell or label word the reader read it under (NULL: none).
 */
struct ex_note {
	int			 fid;
	unsigned		 line;
	unsigned		 column;
	const char		*raw;
	size_t			 rawlen;
	const struct profile	*p;
	const struct xrule	*x;
	const char		*label;
	size_t			 labellen;
	enum ex_verdict		 verdict;
};

/* An optional sink for candidates and verdicts: NULL costs nothing. */
struct ex_trace {
	void	(*note)(void *arg, const struct ex_note *);
	void	 *arg;
};

struct record	*extract_page(const struct profiles *, const struct page *);
/* n >= 1 records into *out. */
size_t		 extract_records(const struct profiles *, const struct page *,
		    struct record ***out);
void		 extract_records_free(struct record **, size_t);
/*
 * extract_records() with every candidate told to tr (NULL: none) and,
 * unless force is NULL, that profile instead of the one detected.
 */
size_t		 extract_records_with(const struct profiles *,
		    const struct page *, const struct profile *force,
		    const struct ex_trace *tr, struct record ***out);
/* The profile extract_records() uses for the page. */
const struct profile *extract_profile(const struct profiles *,
		    const struct page *);

#endif
