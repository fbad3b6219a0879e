/*
 * baseline.h: acknowledged findings.  A baseline file lists finding
 * fingerprints (rule + file + field + value, so line moves do not matter)
 * with the date they were acknowledged, an optional reason and an
 * optional expiry date after which they stop suppressing.
 *
 * Both directions work page by page, so a run of 100k pages never holds
 * its findings: baseline_match() marks one page's findings, and
 * baseline_add() appends one page's findings to the file being written.
 */
#ifndef CL_BASELINE_H
#define CL_BASELINE_H

#include <stddef.h>

struct cl_error;
struct finding;
struct baseline;
struct baseline_out;

/* Read a baseline; entries are indexed by fingerprint. */
struct baseline	*baseline_load(const char *path, long now,
		    struct cl_error *);
/* Mark the findings that an unexpired entry acknowledges. */
void		 baseline_match(struct baseline *, struct finding *, size_t);
/* Rewrite the file with only the entries that matched (atomically). */
int		 baseline_prune(struct baseline *, struct cl_error *);
void		 baseline_free(struct baseline *);

/* Write every unsuppressed finding, through a temp file and a rename at
   baseline_close(); findings must come page by page (fingerprints hold
   the file name, so a repeat can only be on the same page). */
struct baseline_out *baseline_create(const char *path, long now,
		    const char *reason, struct cl_error *);
void		 baseline_add(struct baseline_out *, const struct finding *,
		    size_t);
int		 baseline_close(struct baseline_out *, struct cl_error *);
/* Give up: remove the temp file, leave the old baseline. */
void		 baseline_abort(struct baseline_out *);

#endif
