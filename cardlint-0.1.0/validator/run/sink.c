/*
 * sink.c: the ends findings reach.  Per page, in report order, a sink
 * matches, records, counts and writes them; in corpus mode they first
 * wait in a spool, by batch; the report's stream is opened and
 * committed here.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/afile.h"
#include "base/error.h"
#include "base/xalloc.h"
#include "findings/diag.h"
#include "findings/spool.h"
#include "load/walk.h"
#include "record/record.h"
#include "report/report.h"
#include "run/baseline.h"
#include "run/sink.h"

#define SPOOL_BUDGET	(8 * 1024 * 1024)

void
sink_page(struct sink *s, const char *name, const char *site,
    struct finding *v, size_t n, const struct buf *rendered)
{
	size_t	i;

	/* A page rendered ahead was matched before it was rendered. */
	if (s->bl != NULL && rendered == NULL)
		baseline_match(s->bl, v, n);
	if (s->bo != NULL)
		baseline_add(s->bo, v, n);
	for (i = 0; i < n; i++)
		rep_totals_add(&s->t, &v[i]);
	if (rendered != NULL)
		rep_page_rendered(s->rp, v, n, rendered);
	else
		rep_page(s->rp, name, site, v, n);
}

/*
 * In the worker, with the lock not held: the baseline is read-only but
 * for a relaxed flag, and the writer then only copies bytes.
 */
int
sink_render_ahead(struct sink *s, struct buf *out, const char *name,
    struct finding *v, size_t n)
{
	if (!rep_can_render(s->rp))
		return 0;
	if (s->bl != NULL)
		baseline_match(s->bl, v, n);
	rep_render(s->rp, out, name, v, n);
	return 1;
}

void
kept_init(struct kept *k, const struct wlist *wl)
{
	memset(k, 0, sizeof(*k));
	k->wl = wl;
	if (wl != NULL)
		k->sums = xcalloc(wl->n + 1, sizeof(*k->sums));
	/* Equal findings of two pages keep the order the pool gives them,
	   so pages are batches 0 .. n-1 (walk index) and the rest follow. */
	k->seq = wl != NULL ? wl->n : 0;
	k->sp = spool_new(SPOOL_BUDGET);
	pthread_mutex_init(&k->lock, NULL);
}

void
kept_done(struct kept *k)
{
	size_t	i;

	if (k->sp == NULL)
		return;
	spool_free(k->sp);
	for (i = 0; k->sums != NULL && k->wl != NULL && i < k->wl->n; i++)
		free(k->sums[i].v);
	free(k->sums);
	pthread_mutex_destroy(&k->lock);
	memset(k, 0, sizeof(*k));
}

void
kept_page(struct kept *k, const struct wfile *wf, struct record *const *rv,
    size_t n, struct diag *d)
{
	size_t		 i = (size_t)(wf - k->wl->v), j;
	struct sums	*s = &k->sums[i];

	s->v = xcalloc(n + 1, sizeof(*s->v));
	for (j = 0; j < n; j++)
		s->v[s->n++] = record_compact(rv[j]);
	pthread_mutex_lock(&k->lock);
	spool_add(k->sp, d, i);
	pthread_mutex_unlock(&k->lock);
}

void
kept_flush(void *arg, struct diag *d)
{
	struct kept	*k = arg;

	if (d->n > 0)
		spool_add(k->sp, d, k->seq++);
}

int
out_open(struct out *ou, const char *path, struct cl_error *err)
{
	memset(ou, 0, sizeof(*ou));
	ou->path = path;
	if (path == NULL) {
		ou->fp = stdout;
		return 0;
	}
	if (afile_open(&ou->af, path, err) == -1)
		return -1;
	ou->fp = ou->af.fp;
	return 0;
}

int
out_close(struct out *ou, int ok, struct cl_error *err)
{
	if (ou->path == NULL) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cl_error_set(err, NULL, 0, 0,
			    "writing the report: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!ok) {
		afile_abort(&ou->af);
		return 0;
	}
	return afile_commit(&ou->af, err);
}
