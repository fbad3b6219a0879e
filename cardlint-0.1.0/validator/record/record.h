/*
 * record.h: the typed record of one page (see shared spec record.md).
 *
 * Scalar fields live in one table indexed by enum fid, so extraction,
 * rules and the JSON reader/writer handle them in one loop.  Every field
 * keeps each place it was read (struct seen); the field's value is the
 * first usable sighting by profile priority.  record_new() returns an
 * owned record, record_free() frees it and all it holds.
 */
#ifndef CL_RECORD_H
#define CL_RECORD_H

#include <stddef.h>

#include <jansson.h>

#include "record/normalize.h"

enum ftype {
	FT_STR,
	FT_MONEY,
	FT_TOKENS,
	FT_PARAMS,
	FT_DATE,
	FT_DAYS,
	FT_BOOL,
	FT_SCORE,
	FT_INT,
	FT_CURRENCY
};

enum fid {
	F_MODEL_NAME,
	F_MODEL_KEY,
	F_MODEL_ID,
	F_MODEL_FAMILY,
	F_MODEL_CREATOR,
	F_PROVIDER,
	F_PRICE_INPUT,
	F_PRICE_OUTPUT,
	F_PRICE_CACHE,
	F_PRICE_BATCH,
	F_PRICE_CURRENCY,
	F_CONTEXT,
	F_MAX_INPUT,
	F_MAX_OUTPUT,
	F_PARAMS_TOTAL,
	F_PARAMS_ACTIVE,
	F_RELEASED,
	F_REFRESHED,
	F_UPDATED,
	F_SNAPSHOT,
	F_CUTOFF,
	F_REFRESH_DAYS,
	F_OPEN_SOURCE,
	F_AVERAGE,
	F_PROVIDERS_CLAIMED,
	F__COUNT
};

struct fdef {
	const char	*path;	/* "price.input" */
	const char	*group;	/* regex group name: "price_input" */
	enum ftype	 type;
};

extern const struct fdef rec_fields[F__COUNT];

/* Index of a field by dotted path or by group name; -1 if none. */
int	rec_field_by_path(const char *);
int	rec_field_by_group(const char *);

/* Where a value sat on the page, with its typed reading. */
struct seen {
	enum norm_status status;
	int		 missing;	/* the profile's "missing" marker */
	double		 num;
	char		*str;		/* strings, dates (owned) */
	char		*raw;		/* the text as read (owned) */
	unsigned	 line;
	unsigned	 column;
	char		*where;		/* page region: card, faq, … (owned) */
	int		 prio;		/* lower wins as the field's value */
	enum price_unit	 unit;		/* money */
	char		 currency[4];	/* money */
	int		 is_free;	/* money */
	int		 is_percent;	/* score */
};

struct field {
	struct seen	*v;
	size_t		 n;
	size_t		 cap;
	int		 set;	/* index into v of the value; -1 if none */
};

struct bench {
	char		*name;
	char		*variant;	/* NULL if none */
	char		*note;		/* NULL if none */
	double		 score;
	int		 has_score;
	int		 is_percent;
	char		*raw;		/* the whole row as read */
	unsigned	 line;
	unsigned	 column;
};

struct prow {
	char		*name;
	double		 input;
	double		 output;
	int		 has_input;
	int		 has_output;
	unsigned	 line;
	unsigned	 column;
};

struct related {
	char		*name;
	char		*key;
	char		*creator;
	char		*released;
	double		 context;
	double		 max_output;
	double		 input;
	double		 output;
	int		 has_context;
	int		 has_max_output;
	int		 has_input;
	int		 has_output;
	unsigned	 line;
	unsigned	 column;
};

struct item {
	char		*name;
	unsigned	 line;
	unsigned	 column;
};

struct itemlist {
	struct item	*v;
	size_t		 n;
	size_t		 cap;
};

/* Page-level observations the scrape.* rules read. */
struct mark {
	char		*kind;	/* "template", "encoding", "binary", … */
	char		*raw;	/* the offending text */
	unsigned	 line;
	unsigned	 column;
	unsigned	 count;
};

struct cheapest {
	int		 has;
	double		 price;
	char		*provider;
	unsigned	 line;
	unsigned	 column;
};

struct record {
	char		*file;
	char		*site;
	struct field	 f[F__COUNT];
	struct bench	*bench;
	size_t		 nbench;
	size_t		 benchcap;
	struct prow	*prov;
	size_t		 nprov;
	size_t		 provcap;
	struct related	*rel;
	size_t		 nrel;
	size_t		 relcap;
	struct itemlist	 capabilities;
	struct itemlist	 features;
	struct itemlist	 unsupported;
	struct cheapest	 cheapest;
	/* scrape facts */
	char		*format;	/* "text", "html", "binary" */
	char		*charset;
	size_t		 bytes;
	unsigned	 lines;
	unsigned	 last_line;	/* source line of the last text */
	struct mark	*marks;
	size_t		 nmarks;
	size_t		 markcap;
	char		**sections;	/* end sections found */
	size_t		 nsections;
	size_t		 sectcap;
};

struct record	*record_new(const char *file, const char *site);
void		 record_free(struct record *);

/* Add a sighting; takes copies of the strings. Returns it. */
struct seen	*record_add_seen(struct record *, enum fid, const struct seen *);
/* Choose each field's value from its sightings. */
void		 record_settle(struct record *);
/* The value's sighting, or NULL when the field is absent or null. */
const struct seen *record_get(const struct record *, enum fid);
int		 record_num(const struct record *, enum fid, double *);
const char	*record_str(const struct record *, enum fid);

void		 record_add_mark(struct record *, const char *kind,
		    const char *raw, unsigned line, unsigned column);
int		 record_has_mark(const struct record *, const char *kind);
void		 record_add_item(struct itemlist *, const char *,
		    unsigned line, unsigned column);

/* JSON (owned json_t); the object record.md describes. */
json_t		*record_to_json(const struct record *);
/* Read one record back; NULL with err filled on a malformed object. */
struct record	*record_from_json(const json_t *, char *err, size_t errsz);

/*
 * Read extract output (JSON Lines) from path ("-" for stdin), one
 * record at a time: got() receives each record and owns it; a line
 * that is not a record is passed to bad() and skipped.  -1 (errno set)
 * when the file cannot be opened.
 */
int		 record_read_jsonl(const char *path,
		    void (*got)(void *arg, struct record *),
		    void (*bad)(void *arg, unsigned line, const char *msg),
		    void *arg);

/* Identity key of a model name: lower case, punctuation folded. */
char		*record_model_key(const char *name);

/*
 * What the stages that need every page (corpus.c, drift.c, coverage)
 * read of a record, kept in one allocation once the per-page rules are
 * done: each field's value (its chosen sighting, not every one), the
 * benchmark rows with a score, the related cards with a key and the
 * feature lists.  Page text, marks, sections, provider rows and the
 * other sightings are gone.  record_compact() returns an owned
 * summary; summary_free() frees it.
 */
struct sval {
	double		 num;
	const char	*str;		/* strings, dates */
	const char	*raw;		/* money only: drift's snippet */
	unsigned	 line;
	unsigned	 column;
};

struct summary {
	const char		*file;
	const char		*site;
	const struct sval	*val;
	unsigned char		 at[F__COUNT];	/* 1 + index into val; 0: none */
	/* The rows keep line, column and the strings those rules quote;
	   a bench row's note and a card's name and creator are NULL. */
	const struct bench	*bench;
	size_t			 nbench;
	const struct related	*rel;
	size_t			 nrel;
	struct itemlist		 capabilities;
	struct itemlist		 features;
	struct itemlist		 unsupported;
};

struct summary	*record_compact(const struct record *);
void		 summary_free(struct summary *);
/* The field's value as record_get() gives it, or NULL. */
const struct sval *summary_get(const struct summary *, enum fid);
const char	*summary_str(const struct summary *, enum fid);

#endif
