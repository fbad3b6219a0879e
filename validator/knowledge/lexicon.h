/*
 * lexicon.h: the label knowledge of the generic reader
 * (rules/labels.yaml): field labels in nine languages, unit, currency,
 * "free", "skip" and "from" words, and the words that make a price a
 * cache, batch or upper-tier price.  lexicon_load() returns an owned
 * lexicon, lexicon_free() frees it; lx_fold() returns an owned string.
 */
#ifndef CL_LEXICON_H
#define CL_LEXICON_H

#include <stddef.h>
#include <stdint.h>

struct cl_error;

enum lx_kind {
	LX_FIELD,	/* arg: a record fid, or LX_PRICE_BOTH */
	LX_NOT_BASE,	/* cache, batch, upper tier */
	LX_BASE,	/* overrides LX_NOT_BASE: "cache miss", "<= 200K" */
	LX_UNIT,	/* arg: enum price_unit */
	LX_CURRENCY,	/* arg: index into lexicon.iso */
	LX_FREE,
	LX_SKIP,	/* example costs, totals */
	LX_FROM,	/* the value after it is an old one */
	LX_MAGNITUDE,	/* arg: index into lexicon.mag */
	LX_FILLER,	/* may stand between a label and its value */
	LX_AMOUNT,	/* a cost, not a rate, unless a unit is stated */
	LX_STOP,	/* what follows is about other models */
	LX_OTHER,	/* labels of fields the reader does not read */
	LX__KINDS
};

/* Buckets of the index by a word's first two bytes. */
#define LX_BUCKETS	1024

/* Words a labels file may hold in all. */
#define LX_MAXWORDS	4096

/* A price stated once for input and output together. */
#define LX_PRICE_BOTH	(-2)

struct lx_word {
	char		*text;		/* folded */
	size_t		 len;
	enum lx_kind	 kind;
	int		 arg;
	int		 wstart;	/* starts with an ASCII letter */
	int		 wend;		/* ends with an ASCII letter */
	unsigned char	 b0;		/* first byte */
	unsigned	 rank;		/* place in bykind[kind] */
};

struct lexicon {
	struct lx_word	*w;
	size_t		 n;
	size_t		 cap;
	char		(*iso)[4];	/* currency codes */
	size_t		 niso;
	double		*mag;		/* magnitudes: 1e3, 1e6 … */
	size_t		 nmag;
	size_t		*bykind[LX__KINDS];	/* indices into w, by first
						   byte */
	size_t		 nbykind[LX__KINDS];
	size_t		*byfirst[LX__KINDS];	/* 257 offsets into bykind:
						   words starting with b */
	/*
	 * Words of two bytes or more by the hash of their first two
	 * bytes (LX_BUCKETS + 1 offsets into bypair), each bucket in
	 * bykind order; one-byte words apart.  A search looks at the
	 * bucket of each place of the text: most are empty.
	 */
	uint16_t	*bucket[LX__KINDS];
	uint16_t	*bypair[LX__KINDS];
	uint16_t	*single[LX__KINDS];
	size_t		 nsingle[LX__KINDS];
	uint64_t	 starts[LX__KINDS][4];	/* first bytes of words */
	uint64_t	 ones[LX__KINDS][4];	/* one-byte words */
};

struct lexicon	*lexicon_load(const char *path, struct cl_error *);
void		 lexicon_free(struct lexicon *);

/*
 * s with ASCII, Latin-1 and Cyrillic capitals in lower case; the same
 * length, so offsets into it are offsets into s.
 */
char		*lx_fold(const char *s, size_t n);
/*
 * The longest word of kind in folded text t (earliest on a tie), or -1;
 * its offset into *at.  For LX_FIELD the caller reads w[i].arg.
 */
int		 lx_find(const struct lexicon *, const char *t, size_t n,
		    enum lx_kind, size_t *at);
/*
 * The words of kind found in t (on their word boundaries), each once,
 * in bykind order, into out (at most max); the count.
 */
size_t		 lx_present(const struct lexicon *, enum lx_kind,
		    const char *t, size_t n, size_t *out, size_t max);
/* The next place of word w in t at or after from; 0 if none. */
int		 lx_at(const struct lexicon *, size_t w, const char *t,
		    size_t n, size_t from, size_t *at);
/* The word of kind that starts t exactly (longest), or -1. */
int		 lx_prefix(const struct lexicon *, const char *t, size_t n,
		    enum lx_kind);

#endif
