/*
 * pool.h: the pools of threads of a check run.  pool_pages() runs
 * the per-page stages; pool_corpus() the corpus rules, model group by
 * model group; pool_emit() writes a corpus run's spooled findings.  Both write pages in report order (by file name).
 */
#ifndef CL_POOL_H
#define CL_POOL_H

#include <stddef.h>

struct cl_error;
struct diag;
struct env;
struct kept;
struct progress;
struct rfile;
struct sink;
struct spool;
struct summary;
struct wlist;

/*
 * Run the per-page stages over the files of this shard.  With a sink
 * every page is written as it completes; otherwise the pages' findings
 * go to keep's spool, those of files that could not be read to all, and
 * summaries (in report order) and files are handed back (owned by the
 * caller).  pr (never NULL) is redrawn as pages complete.  Returns the
 * number of files.
 */
size_t	pool_pages(const struct env *, const struct wlist *, struct sink *,
	    struct kept *keep, struct progress *pr, struct diag *all,
	    struct summary ***recs, size_t *nrecs, struct rfile **files);
/*
 * The corpus rules over the summaries of the run on jobs threads, their
 * findings into keep's spool in the order one thread would give.
 */
void	pool_corpus(const struct env *, struct summary *const *, size_t,
	    unsigned jobs, struct kept *keep);
/* Every file of the run with its spooled findings, sorted by name, into
   the sink; -1 with err set if the spool cannot be read back. */
int	pool_emit(struct sink *, struct rfile *files, size_t nfiles,
	    struct spool *, unsigned jobs, struct cl_error *);

#endif
