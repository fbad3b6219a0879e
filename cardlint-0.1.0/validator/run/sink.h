/*
 * sink.h: where findings go.  A sink takes each page's findings in
 * report order (baseline, baseline being written, totals, writer); the
 * kept spool holds them when a stage needs every page first; an out is
 * the report's stream, stdout or a file written atomically.
 */
#ifndef CL_SINK_H
#define CL_SINK_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "base/afile.h"
#include "report/report.h"

struct baseline;
struct baseline_out;
struct buf;
struct cl_error;
struct diag;
struct finding;
struct record;
struct spool;
struct summary;
struct wfile;
struct wlist;

/*
 * Where each page's findings go, in report order: matched against the
 * baseline, added to the baseline being written, counted, and written
 * by the report writer.  The caller frees them after.
 */
struct sink {
	struct rep		*rp;
	struct rep_totals	 t;
	struct baseline		*bl;
	struct baseline_out	*bo;
};

/* rendered: the page as sink_render_ahead() made it, or NULL. */
void	sink_page(struct sink *, const char *name, const char *site,
	    struct finding *, size_t, const struct buf *rendered);
/* In a worker: match the page against the baseline and render it, when
   the format can; 1 if out holds it. */
int	sink_render_ahead(struct sink *, struct buf *out, const char *name,
	    struct finding *, size_t);

/*
 * Corpus mode: what is kept of the pages for the stages that need every
 * page.  As soon as a page is checked its summary waits here by walk
 * index and its findings go to the spool, so the run holds neither the
 * pages' records nor their findings until the end.
 */
/* The summaries of one page's records, in page order. */
struct sums {
	struct summary		**v;
	size_t			 n;
};

struct kept {
	const struct wlist	*wl;		/* NULL with --records */
	struct sums		*sums;		/* by walk index */
	struct spool		*sp;
	uint64_t		 seq;		/* next batch, after pages */
	pthread_mutex_t		 lock;		/* sp */
};

void	kept_init(struct kept *, const struct wlist *);
/* A page's summaries and findings (d is emptied); any thread. */
void	kept_page(struct kept *, const struct wfile *,
	    struct record *const *, size_t, struct diag *);
/* Findings of the later stages, one batch after another. */
void	kept_flush(void *kept, struct diag *);
void	kept_done(struct kept *);

/* The report goes to stdout, or to FILE atomically. */
struct out {
	const char	*path;
	struct afile	 af;
	FILE		*fp;
};

int	out_open(struct out *, const char *path, struct cl_error *);
/* Commit (ok) or throw away the report; -1 with err set if it could not
   be written. */
int	out_close(struct out *, int ok, struct cl_error *);

#endif
