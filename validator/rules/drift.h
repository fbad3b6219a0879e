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

#include <jansson.h>

struct catalog;
struct cl_error;
struct diag;
struct summary;

int	drift_run(const struct catalog *, const char *prev_path,
	    struct summary *const *, size_t, struct diag *, struct cl_error *);
/* The same, comparing only the previous records keep() accepts (the
   share of one partition); keep NULL: all of them. */
int	drift_run_some(const struct catalog *, const char *prev_path,
	    int (*keep)(void *, const struct summary *), void *,
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

/*
 * The same over coverage as JSON, so that the coverage of partitions
 * can be added up first: coverage_sites() returns it owned, with each
 * site's page and field counts; coverage_add() adds the "sites" object
 * of a file written by coverage_write() into it (-1 with err set when
 * the file has no counts).
 */
json_t	*coverage_sites(struct summary *const *, size_t);
int	coverage_add(json_t *sites, const json_t *part, const char *path,
	    struct cl_error *);
void	coverage_print_sites(FILE *, const json_t *);
int	coverage_write_sites(const char *path, const json_t *,
	    struct cl_error *);
int	coverage_check_sites(const struct catalog *, const char *base_path,
	    const json_t *, struct diag *, struct cl_error *);

#endif
