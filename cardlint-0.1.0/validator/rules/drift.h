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
void	coverage_print(FILE *, struct summary *const *, size_t);
int	coverage_write(const char *path, struct summary *const *, size_t,
	    struct cl_error *);
int	coverage_check(const struct catalog *, const char *base_path,
	    struct summary *const *, size_t, struct diag *, struct cl_error *);

#endif
