/*
 * note.h: what the engine tells a trace (`extract --trace`) about each
 * candidate value it meets, and the hook it tells it through.  The
 * engine owns nothing here: a note borrows the page and the profile.
 */
#ifndef CL_NOTE_H
#define CL_NOTE_H

#include <stddef.h>

struct profile;
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

#endif
