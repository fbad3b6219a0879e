/*
 * map.h: a source mapping, the data that says how one catalogue format
 * becomes records (rules/sources/NAME.yaml, or a team's own file given
 * with --source-map).  LiteLLM, models.dev and OpenRouter are such files
 * too; C knows only the shapes (JSON, JSON Lines, CSV) and how a field
 * is found.  smap_load() returns an owned mapping; smap_free() frees it.
 */
#ifndef CL_SRC_MAP_H
#define CL_SRC_MAP_H

#include <stddef.h>

#include "base/rx.h"
#include "record/normalize.h"

struct cl_error;

enum smap_format {
	SMAP_JSON,	/* one document; entries found by the steps */
	SMAP_JSONL,	/* one entry a line */
	SMAP_CSV	/* a header row, then one entry a row */
};

/* Where a field's value is, relative to its entry. */
enum smap_ref {
	SREF_POINTER,	/* "/cost/input": a JSON pointer */
	SREF_COLUMN,	/* "input_per_1m": a CSV column */
	SREF_KEY,	/* "@key" (the entry's own key), "@key1" (the first
			   '*' step's key: models.dev's provider) */
	SREF_SOURCE	/* "@source": the mapping's name */
};

struct smap_field {
	int		 fid;		/* enum fid */
	enum smap_ref	 ref;
	char		*at;		/* pointer or column */
	unsigned	 keyat;		/* SREF_KEY: step number, 0: last */
	enum price_unit	 per;		/* money: the unit of the number */
	unsigned	 line;		/* in the mapping file */
};

struct smap {
	char		*file;
	char		*name;		/* the kind: "litellm" */
	char		*about;
	char		*format_s;
	enum smap_format format;
	char		**steps;	/* member names and '*', to entries */
	size_t		 nsteps;
	char		**skip;		/* entry keys that are no entries */
	size_t		 nskip;
	char		*only_at;	/* keep entries whose value there … */
	char		**only;		/* … is one of these (if present) */
	size_t		 nonly;
	char		*currency;
	char		*free_s;	/* model names whose $0 means free */
	struct rx	 free_rx;
	int		 has_free;
	char		**strip_s;	/* removed from a name before its key */
	size_t		 nstrip;
	struct rx	*strip;
	char		*cap_prefix;	/* boolean members that are */
	char		**cap_keys;	/* capabilities */
	size_t		 ncap_keys;
	char		*sep_s;
	char		 sep;		/* CSV */
	int		 decimal_comma;	/* numbers are written 0,15 */
	struct smap_field *f;
	size_t		 nf;
};

struct smap	*smap_load(const char *path, struct cl_error *);
void		 smap_free(struct smap *);

#endif
