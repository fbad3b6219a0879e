/*
 * corpus.h: cross-page rules over the record summaries of a run
 * (summaries borrow).
 */
#ifndef CL_CORPUS_H
#define CL_CORPUS_H

#include <stddef.h>

struct catalog;
struct diag;
struct profiles;
struct summary;

void	corpus_run(const struct catalog *, const struct profiles *,
	    struct summary *const *, size_t, struct diag *);

#endif
