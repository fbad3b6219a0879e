/*
 * corpus.h: cross-page rules over the record summaries of a run
 * (summaries borrow).  Findings are added to d; flush, when not NULL,
 * is called with d after each model group, so a caller can move the
 * findings out as they come instead of holding them all.
 */
#ifndef CL_CORPUS_H
#define CL_CORPUS_H

#include <stddef.h>

struct catalog;
struct diag;
struct profiles;
struct summary;

void	corpus_run(const struct catalog *, const struct profiles *,
	    struct summary *const *, size_t, struct diag *,
	    void (*flush)(void *, struct diag *), void *);

#endif
