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

/*
 * The same in parts, for callers that spread the groups over threads:
 * corpus_groups() sorts the sources by model key once (owned; frees
 * with corpus_groups_free()); corpus_group() runs every corpus rule on
 * group i of corpus_ngroups() into d, with a scratch tally of the
 * calling thread's own.  Groups share nothing: any order, any thread;
 * the findings of group i are those corpus_run() gives it.
 */
struct corpus_groups;
struct corpus_tally;

struct corpus_groups *corpus_groups(const struct profiles *,
	    struct summary *const *, size_t);
size_t	corpus_ngroups(const struct corpus_groups *);
size_t	corpus_group_size(const struct corpus_groups *, size_t);
void	corpus_group(const struct catalog *, const struct corpus_groups *,
	    size_t, struct corpus_tally *, struct diag *);
void	corpus_groups_free(struct corpus_groups *);
struct corpus_tally *corpus_tally_new(void);
void	corpus_tally_free(struct corpus_tally *);

#endif
