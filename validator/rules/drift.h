/*
 * drift.h: judging a refresh against history: the previous refresh's
 * records (drift.*) and a pinned coverage baseline (coverage.*), both
 * over record summaries (record_compact).  Summaries borrow; nothing
 * here keeps them.
 */
#ifndef CL_DRIFT_H
#define CL_DRIFT_H

#include <stddef.h>
#include <stdio.h>

struct catalog;
struct cl_error;
struct diag;
struct summary;

int	drift_run(const struct catalog *, const char *prev_path,
	    struct summary *const *, size_t, struct diag *, struct cl_error *);
/*
 * The previous version of a catalogue against this one, entry by entry
 * (site, provider and the entry's own name): entries gone, prices
 * moved by a factor, limits shrunk.  curfile, when not NULL, is where a
 * lost entry is reported (the catalogue of the run).
 */
void	drift_catalog(const struct catalog *, struct summary *const *old,
	    size_t nold, struct summary *const *, size_t, const char *curfile,
	    struct diag *);
void	coverage_print(FILE *, struct summary *const *, size_t);
int	coverage_write(const char *path, struct summary *const *, size_t,
	    struct cl_error *);
int	coverage_check(const struct catalog *, const char *base_path,
	    struct summary *const *, size_t, struct diag *, struct cl_error *);

#endif
