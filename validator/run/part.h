/*
 * part.h: the partitioned corpus stage.  `extract --partition N` routes
 * each record to the parts of its keys; `check --records --partition
 * K/N` lints part K: the corpus rules for the models whose key falls in
 * K, and the per-page rules, drift and coverage for the records whose
 * home is K.  The union of the N parts' findings is the one run's.
 *
 * A record's home is the part of its model key (its file when it has
 * none: drift matches keyless pages by file).  Its evidence keys are
 * its model key and the keys of its related-model cards; a record is
 * written to every part one of them falls in, so every source of a
 * model is in that model's part.  part_view() returns an owned summary
 * (summary_free() frees it); the writer owns its open files.
 */
#ifndef CL_PART_H
#define CL_PART_H

#include <stddef.h>

#include "base/afile.h"

struct cl_error;
struct record;
struct summary;

/* Parts are numbered from 0 here, from 1 on the command line. */
#define PART_MAX	256

unsigned	 part_of(const char *key, unsigned n);
unsigned	 part_home(const struct record *, unsigned n);
unsigned	 part_home_summary(const struct summary *, unsigned n);
/* 1 if the record belongs in part p: its home or one of its keys. */
int		 part_touches(const struct record *, unsigned p, unsigned n);
/*
 * What the corpus rules of part p see of a summary: its model key only
 * when it falls in p, its related cards only those whose key does.
 * NULL when nothing of it is evidence in p.
 */
struct summary	*part_view(const struct summary *, unsigned p, unsigned n);

/* The N part files of a directory, written atomically. */
struct part_out {
	unsigned	 n;
	struct afile	*af;
	size_t		*count;		/* records in each part */
};

int	part_out_open(struct part_out *, const char *dir, unsigned n,
	    struct cl_error *);
/* The record as one JSON line into each part it belongs in. */
void	part_out_record(struct part_out *, const struct record *);
/* Commit every part (-1 with err set: none is left half-written). */
int	part_out_commit(struct part_out *, struct cl_error *);
void	part_out_abort(struct part_out *);

#endif
