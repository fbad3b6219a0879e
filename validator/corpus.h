/*
 * corpus.h: cross-page rules over all records of a run (records borrow).
 */
#ifndef CL_CORPUS_H
#define CL_CORPUS_H

#include <stddef.h>

struct catalog;
struct diag;
struct profiles;
struct record;

void	corpus_run(const struct catalog *, const struct profiles *,
	    struct record *const *, size_t, struct diag *);

#endif
