/*
 * catalogs.h: the price catalogues of a run (--source, --source-map).
 * Each kind's mapping is loaded once, from a --source-map file naming
 * it or from rules/sources/KIND.yaml, and each catalogue file is paired
 * with its mapping.  cats_load() fills a struct that cats_free()
 * empties; the paths borrow from the plan.
 */
#ifndef CL_CATALOGS_H
#define CL_CATALOGS_H

#include <stddef.h>

struct cl_error;
struct plan;
struct smap;

struct catfile {
	const struct smap	*m;
	const char		*path;
};

struct catalogs {
	struct smap	**maps;
	size_t		 nmaps;
	size_t		 mapcap;
	struct catfile	*v;
	size_t		 n;
	size_t		 cap;
	int		 operands;	/* the plan's PATHs are catalogues */
};

/* The catalogues of this shard (--shard: the i-th catalogue of the
   command line is in shard i % N + 1).  -1 with err set on an unknown
   kind or a bad mapping file. */
int	cats_load(struct catalogs *, const struct plan *, const char *rulesdir,
	    struct cl_error *);
void	cats_free(struct catalogs *);

#endif
