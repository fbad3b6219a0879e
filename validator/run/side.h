/*
 * side.h: the side work of a check run, beside the report: baselines
 * (read, written, pruned) and the stages that compare the run with an
 * earlier one (--previous, coverage).  Each returns -1 with err set.
 */
#ifndef CL_SIDE_H
#define CL_SIDE_H

#include <stddef.h>

struct catalogs;
struct cl_error;
struct diag;
struct env;
struct kept;
struct plan;
struct sink;
struct summary;

/* --baseline into the sink, before any page. */
int	side_baseline_load(const struct plan *, struct sink *,
	    struct cl_error *);
/* --write-baseline: the file being written, before any page. */
int	side_baseline_create(const struct plan *, struct sink *,
	    struct cl_error *);
/* Once the report is out: --prune-baseline, then the written baseline
   committed. */
int	side_baseline_finish(const struct plan *, struct sink *,
	    struct cl_error *);
/* What was not committed: the baseline being written thrown away. */
void	side_baseline_free(struct sink *);

/* Drift and coverage over every page's summary; their findings go to
   the kept spool.  With --partition K/N the summaries are those whose
   home is part K, and so are the previous refresh's that are compared.
   When every input is a catalogue of one kind (cats), --previous is the
   previous version of that catalogue. */
int	side_history(const struct env *, const struct catalogs *,
	    struct summary *const *, size_t, struct diag *, struct kept *,
	    struct cl_error *);

#endif
