/*
 * spool.h: findings waiting for the report, in report order, without
 * holding them all in memory.
 *
 * spool_add() takes findings in any order.  When the buffered ones pass
 * the memory budget they are sorted and written as one run to an
 * unlinked temporary file; spool_peek() and spool_take() then merge the
 * runs and what is still buffered.  The order is diag_sort()'s, and
 * findings it finds equal come in the order of (seq, place in d): the
 * order a stable sort of every batch, concatenated by seq, would give.
 * Without a temporary file (or once writing one failed) everything
 * stays in memory and the order is the same.
 *
 * spool_new() returns an owned spool, spool_free() frees it with every
 * finding not taken.  Not thread-safe: callers lock around spool_add().
 */
#ifndef CL_SPOOL_H
#define CL_SPOOL_H

#include <stddef.h>
#include <stdint.h>

struct cl_error;
struct diag;
struct finding;
struct spool;

/* budget: bytes of findings held before a run is written. */
struct spool	*spool_new(size_t budget);
/* Take every finding of d; d is left empty. */
void		 spool_add(struct spool *, struct diag *, uint64_t seq);
/* No more spool_add(): start the merge.  -1 on a read error. */
int		 spool_finish(struct spool *, struct cl_error *);
/*
 * The next finding in report order: 1 with *f borrowed until the next
 * spool_take(), 0 at the end, -1 on a read error (err filled).
 */
int		 spool_peek(struct spool *, const struct finding **f,
		    struct cl_error *);
/* Move the finding spool_peek() gave to the end of d. */
void		 spool_take(struct spool *, struct diag *);
/* Runs written so far (for tests). */
size_t		 spool_runs(const struct spool *);
void		 spool_free(struct spool *);

#endif
