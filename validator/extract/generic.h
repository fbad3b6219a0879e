/*
 * generic.h: the generic reader, driven by the label knowledge of
 * rules/labels.yaml (knowledge/lexicon.h) instead of per-site patterns.
 * values.c reads numbers, money and token counts in any locale;
 * tables.c reads tables by their header row, one record per model row;
 * pairs.c reads label/value pairs in every arrangement a page uses.
 * Records returned are owned by the caller.
 */
#ifndef CL_GENERIC_H
#define CL_GENERIC_H

#include <stddef.h>

#include "extract/note.h"
#include "record/normalize.h"

struct lexicon;
struct page;
struct profile;
struct profiles;
struct record;
struct xrule;

/* A value read from text, with where it sat in that text. */
struct ex_val {
	double		 num;
	enum price_unit	 unit;		/* as stated; UNSTATED: default */
	char		 currency[4];
	int		 is_free;
	size_t		 a;		/* span of the number */
	size_t		 b;
};

/* What a reader run knows: the page, the profile entry, the knowledge. */
struct ex_ctx {
	const struct profiles	*ps;
	const struct lexicon	*lx;
	const struct page	*pg;
	const struct profile	*p;
	const struct xrule	*x;
	const struct ex_trace	*trace;		/* NULL: none */
	/* With a trace only: the header cell or label word being read. */
	const char		*label;
	size_t			 labellen;
};

/* Tell the trace, if any, about a candidate at page offset off. */
void	ex_note(const struct ex_ctx *, int fid, const char *raw,
	    size_t rawlen, size_t off, enum ex_verdict);

/*
 * The first number in s[from..n) not glued to a word ("gpt-4", "v3"),
 * with its separators read as the locale means them; tokens != 0 reads
 * "128.000" as 128000.  1 with *v and the span [*a, *b), else 0.
 */
int	ex_number(const char *s, size_t n, size_t from, int tokens,
	    double *v, size_t *a, size_t *b);
/*
 * A price in s: currency and unit from s, else dcur and dunit; scaled
 * to per 1M tokens.  fold is lx_fold(s).  0 when s holds no price (a
 * "free" word gives is_free and 1).
 */
int	ex_money(const struct lexicon *, const char *s, const char *fold,
	    size_t n, enum price_unit dunit, const char *dcur,
	    struct ex_val *);
/* A token count in s ("128K", "20万", "1 Mio.", "131,072"). */
int	ex_tokens(const struct lexicon *, const char *s, const char *fold,
	    size_t n, struct ex_val *);
/* Read s as the value of fid (money or tokens); 0 if it is none. */
int	ex_value(const struct lexicon *, int fid, const char *s,
	    const char *fold, size_t n, enum price_unit dunit,
	    const char *dcur, struct ex_val *);
/* Add v read at page offset off as a sighting of fid to r. */
void	ex_add(const struct ex_ctx *, struct record *, int fid,
	    const char *raw, size_t rawlen, size_t off,
	    const struct ex_val *);
/* Every sighting of from into to. */
void	ex_merge(struct record *to, const struct record *from);
/* Which field a label names (a fid, LX_PRICE_BOTH or -1), with the
   not-base words applied: a cache or upper-tier price is -1. */
int	ex_label(const struct lexicon *, const char *fold, size_t n);

/* One record per model row of the page's tables into *out. */
size_t	ex_tables(const struct ex_ctx *, struct record ***out);
/*
 * Label/value pairs inside one cell or line s (page offset off) into r:
 * "Input: $3", "输入：0.8 输出：2", "$0.60 / 1M input tokens".  The
 * number of prices added.
 */
int	ex_cell_pairs(const struct ex_ctx *, struct record *, const char *s,
	    size_t n, size_t off, enum price_unit dunit, const char *dcur);
/*
 * Label/value pairs of the page.  Blocks of pairs under their own model
 * names ("Mistral Medium 3" / "Input" / "$0.4" …, one block a model):
 * one record per block into *out, the count returned (>= 2).  Else the
 * pairs go into r and 0 is returned.
 */
size_t	ex_pairs(const struct ex_ctx *, struct record *r,
	    struct record ***out);

#endif
