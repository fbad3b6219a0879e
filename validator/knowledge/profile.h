/*
 * profile.h: site profiles (rules/sites/NAME.yaml) and the shared knowledge
 * file (rules/knowledge.yaml), compiled once at start-up.
 *
 * A profile says how to recognise a site and where each field sits, as
 * extractors: regular expressions over the page's logical lines whose
 * named groups are record fields (price_input, released, …), rows of a
 * table or list (benchmarks, providers, related), or items of a list
 * (capabilities, features).  profiles_load() returns an owned set;
 * profiles_free() frees it.  Everything else borrows.
 */
#ifndef CL_PROFILE_H
#define CL_PROFILE_H

#include <stddef.h>

#include "record/normalize.h"
#include "base/rx.h"

struct cl_error;

enum xkind {
	X_FIELDS,	/* groups are record fields */
	X_ROWS,		/* each match is one row of an array */
	X_ITEMS,	/* each match is one item of a string list */
	X_TABLES,	/* the generic reader: tables by header row */
	X_LABELS	/* the generic reader: label/value pairs */
};

enum xinto {
	INTO_NONE,
	INTO_BENCHMARKS,
	INTO_PROVIDERS,
	INTO_RELATED,
	INTO_CAPABILITIES,
	INTO_FEATURES
};

/* Special group names of X_FIELDS extractors beyond the record fields. */
#define XG_CHEAPEST_PRICE	(-2)
#define XG_CHEAPEST_PROVIDER	(-3)

struct xset {
	int	 fid;
	char	*raw;
};

struct xrule {
	enum xkind	 kind;
	enum xinto	 into;
	struct rx	 rx;
	char		*where;
	int		 first;		/* stop after the first match */
	int		 prio;		/* order in the file */
	int		 has_within;
	struct rx	 start;		/* region: after the first match */
	struct rx	 end;		/* … up to the next match of this */
	int		 has_end;
	int		 caseless;
	size_t		 region;	/* first extractor with this within */
	int		*gfield;	/* group -> fid, XG_*, or -1 */
	struct xset	*sets;
	size_t		 nsets;
	enum price_unit	 per;		/* money written without a unit */
	int		 has_unsup;
	struct rx	 unsup;		/* items: status meaning unsupported */
	unsigned	 variant_max;	/* rows: longest plausible variant */
	unsigned	 yline;
};

struct profile {
	char		*id;
	char		*name;
	char		*file;
	int		 fallback;	/* used when no other profile matches */
	struct rx	*detect;
	size_t		 ndetect;
	int		 detect_min;
	char		**missing;	/* the site's "no value" markers */
	size_t		 nmissing;
	int		*required;	/* fids */
	size_t		 nrequired;
	struct rx	*sections;	/* expected near the end */
	char		**section_names;
	size_t		 nsections;
	enum date_order	 date_order;
	struct xrule	*x;
	size_t		 nx;
};

/* A page-wide scanner: every match becomes a mark of this kind. */
struct scanner {
	char		*kind;
	struct rx	 rx;
};

/* A vocabulary: canonical terms, each with synonyms. */
struct vterm {
	char		*canon;
	char		*term;		/* one spelling */
};

struct vocab {
	char		*name;
	struct vterm	*v;		/* in file order */
	size_t		 n;
	size_t		*ci;		/* indices of v by term, caseless */
};

struct alias {
	char		*from;
	char		*to;
};

/* A model key rewrite: every match of rx becomes with. */
struct krepl {
	struct rx	 rx;
	char		*with;
};

struct lexicon;

struct profiles {
	struct lexicon	*lex;		/* rules/labels.yaml */
	struct krepl	*krepl;		/* model key rewrites, in order */
	size_t		 nkrepl;
	struct rx	*kstrip;	/* model key suffix patterns */
	size_t		 nkstrip;
	struct alias	*alias;
	size_t		 nalias;
	size_t		 aliascap;
	struct profile	*v;
	size_t		 n;
	struct scanner	*scan;
	size_t		 nscan;
	struct vocab	*vocab;
	size_t		 nvocab;
	char		*dir;
};

/*
 * Load knowledge.yaml and every sites/NAME.yaml under dir (sorted by name).
 * Exactly one profile must be marked fallback.
 */
struct profiles	*profiles_load(const char *dir, struct cl_error *);
void		 profiles_free(struct profiles *);

const struct profile *profiles_get(const struct profiles *, const char *id);
const struct vocab *profiles_vocab(const struct profiles *,
		    const char *name);
/* The identity key of a model name (owned). */
char		*profiles_model_key(const struct profiles *, const char *name);
void		 profiles_add_alias(struct profiles *, const char *from,
		    const char *to);
/* Canonical term of a spelling (case-insensitive), or NULL. */
const char	*vocab_canon(const struct vocab *, const char *term);

#endif
