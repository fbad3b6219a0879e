/*
 * baseline.h: acknowledged findings.  A baseline file lists finding
 * fingerprints (rule + file + field + value, so line moves do not matter)
 * with the date they were acknowledged, an optional reason and an
 * optional expiry date after which they stop suppressing.
 */
#ifndef CL_BASELINE_H
#define CL_BASELINE_H

struct cl_error;
struct diag;

/* Mark matching findings suppressed.  With prune, rewrite the file
   keeping only entries that matched a finding. */
int	baseline_apply(const char *path, long now, int prune, struct diag *,
	    struct cl_error *);
/* Write every unsuppressed finding (atomically: temp + rename). */
int	baseline_write(const char *path, long now, const char *reason,
	    const struct diag *, struct cl_error *);

#endif
