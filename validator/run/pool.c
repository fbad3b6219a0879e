/*
 * pool.c: the threads of a run and the order of its output.  The
 * per-page pool checks files in parallel and writes (or keeps) them in
 * report order; the emit pool renders the spooled findings of a corpus
 * run in parallel and writes them in the same order.  Whatever -j is,
 * the bytes written are the same.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/rx.h"
#include "base/xalloc.h"
#include "findings/diag.h"
#include "findings/spool.h"
#include "load/load.h"
#include "load/walk.h"
#include "record/record.h"
#include "rules/corpus.h"
#include "report/report.h"
#include "run/env.h"
#include "run/page.h"
#include "run/plan.h"
#include "run/pool.h"
#include "run/progress.h"
#include "run/sink.h"

/*
 * The per-page stage in a pool of threads.  Files are handed out in
 * report order (by name); each file's findings wait in its slot.  With a
 * sink (no corpus stage), the thread that completes the oldest pending
 * slot writes every completed slot from there on and frees it, and no
 * worker runs more than WINDOW files ahead of the writer: memory stays
 * flat however many pages there are.  Without a sink the slots are kept
 * for the corpus stage.  Either way the output is the same whatever -j is.
 */
#define WINDOW(jobs)	(64 + 16 * (size_t)(jobs))

struct slot {
	struct diag	 d;
	struct rfile	 f;
	struct buf	 out;		/* the page rendered by its worker */
	int		 rendered;
	int		 done;
};

struct pool {
	const struct env	*ev;
	const struct wlist	*wl;
	struct kept		*keep;
	struct sink		*sink;
	struct progress		*pr;
	size_t			*order;		/* position -> walk index */
	size_t			 n;
	struct slot		*slots;		/* by position */
	size_t			 next;		/* next position to start */
	size_t			 emit;		/* next position to write */
	size_t			 ndone;		/* pages checked */
	int			 emitting;	/* the writer's token */
	pthread_mutex_t		 lock;
	pthread_cond_t		 room;
};

static int
pool_take(struct pool *p, size_t *pos)
{
	int	ok = 0;

	pthread_mutex_lock(&p->lock);
	while (p->next < p->n) {
		if (p->sink != NULL &&
		    p->next >= p->emit + WINDOW(p->ev->pl->jobs)) {
			pthread_cond_wait(&p->room, &p->lock);
			continue;
		}
		*pos = p->next++;
		ok = 1;
		break;
	}
	pthread_mutex_unlock(&p->lock);
	return ok;
}

static void
slot_prepare(struct pool *p, struct slot *sl)
{
	diag_sort(&sl->d);
	sl->rendered = sink_render_ahead(p->sink, &sl->out, sl->f.name,
	    sl->d.v, sl->d.n);
}

static void
slot_write(struct pool *p, struct slot *sl)
{
	/* A page with output erases the progress line on a terminal. */
	if (sl->d.n > 0 || (sl->rendered && sl->out.len > 0))
		progress_hide(p->pr);
	sink_page(p->sink, sl->f.name, sl->f.site, sl->d.v, sl->d.n,
	    sl->rendered ? &sl->out : NULL);
	buf_free(&sl->out);
	diag_free(&sl->d);
	free(sl->f.name);
	sl->f.name = NULL;
}

/*
 * The thread holding the writer's token writes the completed pages in
 * order and redraws the progress line when it is due, both outside the
 * lock; it gives the token back only when, under the lock, neither is
 * left to do, so no completed page waits for a later one.
 */
static void
pool_done(struct pool *p, size_t pos)
{
	size_t	k, done;

	pthread_mutex_lock(&p->lock);
	p->slots[pos].done = 1;
	p->ndone++;
	if (!p->emitting) {
		p->emitting = 1;
		for (;;) {
			if (p->sink != NULL && p->emit < p->n &&
			    p->slots[p->emit].done) {
				k = p->emit++;
				pthread_mutex_unlock(&p->lock);
				slot_write(p, &p->slots[k]);
				pthread_mutex_lock(&p->lock);
				pthread_cond_broadcast(&p->room);
			} else if (progress_due(p->pr)) {
				done = p->ndone;
				pthread_mutex_unlock(&p->lock);
				progress_draw(p->pr, done);
				pthread_mutex_lock(&p->lock);
			} else
				break;
		}
		p->emitting = 0;
	}
	pthread_mutex_unlock(&p->lock);
}

static void
pool_run(struct pool *p)
{
	struct slot	*sl;
	size_t		 pos;

	while (pool_take(p, &pos)) {
		sl = &p->slots[pos];
		page_check_file(p->ev, &p->wl->v[p->order[pos]], &sl->d,
		    p->keep, &sl->f);
		if (p->sink != NULL)
			slot_prepare(p, sl);
		pool_done(p, pos);
	}
}

static void *
pool_worker(void *arg)
{
	pool_run(arg);
	load_thread_cleanup();
	rx_thread_cleanup();
	return NULL;
}

static void
pool_main(void *arg)
{
	pool_run(arg);
}

/*
 * worker on n - 1 new threads and main on this one, which works too
 * (with -j1, alone); back when all are done.
 */
static void
in_threads(size_t n, void *(*worker)(void *), void (*main_fn)(void *),
    void *arg)
{
	pthread_t	th[256];
	size_t		i, started = 0;

	for (i = 1; i < n && started < 256; i++)
		if (pthread_create(&th[started], NULL, worker, arg) == 0)
			started++;
	main_fn(arg);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
}

static const struct wlist *sort_wl;

static int
order_cmp(const void *a, const void *b)
{
	const size_t	*x = a, *y = b;
	int		 c;

	c = strcmp(sort_wl->v[*x].path, sort_wl->v[*y].path);
	return c != 0 ? c : (*x < *y ? -1 : *x > *y);
}

size_t
pool_pages(const struct env *ev, const struct wlist *wl,
    struct sink *sink, struct kept *keep, struct progress *pr,
    struct diag *all, struct summary ***recs, size_t *nrecs,
    struct rfile **files)
{
	struct pool	 p;
	struct sums	*s;
	size_t		 i, j, nth;

	memset(&p, 0, sizeof(p));
	p.ev = ev;
	p.wl = wl;
	p.keep = keep;
	p.sink = sink;
	p.pr = pr;
	p.order = xcalloc(wl->n + 1, sizeof(*p.order));
	for (i = 0; i < wl->n; i++)
		if (plan_in_shard(ev->pl, i))
			p.order[p.n++] = i;
	sort_wl = wl;
	qsort(p.order, p.n, sizeof(*p.order), order_cmp);
	p.slots = xcalloc(p.n + 1, sizeof(*p.slots));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.room, NULL);
	nth = ev->pl->jobs;
	if (nth > p.n)
		nth = p.n;
	in_threads(nth, pool_worker, pool_main, &p);
	pthread_cond_destroy(&p.room);
	pthread_mutex_destroy(&p.lock);
	if (sink == NULL) {
		for (i = 0, j = 0; i < p.n; i++)
			j += keep->sums[p.order[i]].n;
		*recs = xcalloc(j + 1, sizeof(**recs));
		*files = xcalloc(p.n + 1, sizeof(**files));
		for (i = 0; i < p.n; i++) {
			(*files)[i] = p.slots[i].f;
			diag_move(all, &p.slots[i].d);
			s = &keep->sums[p.order[i]];
			for (j = 0; j < s->n; j++)
				(*recs)[(*nrecs)++] = s->v[j];
		}
	}
	free(p.slots);
	free(p.order);
	return p.n;
}

static int
rfile_cmp(const void *a, const void *b)
{
	const struct rfile	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * A whole run in report order: every file by name, each with its
 * findings as the spool gives them back (sorted); findings of a file not
 * in the run (a page lost since --previous) make a page of their own.
 * Pages are taken off the spool one after another under the lock; each
 * is rendered by the thread that took it, outside the lock, and pages
 * are written in order by the thread that completes the oldest one, as
 * in the per-page stage.  At most WINDOW pages are in memory at a time.
 */
struct epage {
	struct diag	 d;
	const char	*name;		/* in d, or a file's */
	const char	*site;
	struct buf	 out;
	int		 rendered;
	int		 done;
};

struct epool {
	struct sink		*s;
	struct rfile		*files;
	size_t			 nf;
	size_t			 i;		/* next file */
	struct spool		*sp;
	const struct finding	*f;		/* the spool's next finding */
	int			 more;		/* -1: the spool failed */
	struct cl_error		*err;
	struct epage		*ring;
	size_t			 nring;
	size_t			 next;		/* pages taken */
	size_t			 emit;		/* pages written */
	int			 emitting;
	pthread_mutex_t		 lock;
	pthread_cond_t		 room;
};

/* With the lock held: the next page into its ring slot; 0 at the end. */
static int
epool_take(struct epool *e, size_t *seq)
{
	struct epage	*pg;
	const char	*name, *site = NULL;

	for (;;) {
		if (e->more == -1 || (e->i >= e->nf && !e->more))
			return 0;
		if (e->next < e->emit + e->nring)
			break;
		pthread_cond_wait(&e->room, &e->lock);
	}
	pg = &e->ring[e->next % e->nring];
	if (e->more && (e->i >= e->nf ||
	    strcmp(e->f->file, e->files[e->i].name) < 0))
		name = e->f->file;
	else {
		name = e->files[e->i].name;
		site = e->files[e->i].site;
		/* A file named twice is reported once. */
		while (++e->i < e->nf &&
		    strcmp(e->files[e->i].name, name) == 0)
			;
	}
	/* name may be f->file: pg->d owns that string from here on. */
	while (e->more && strcmp(e->f->file, name) == 0) {
		spool_take(e->sp, &pg->d);
		if ((e->more = spool_peek(e->sp, &e->f, e->err)) == -1) {
			diag_free(&pg->d);
			return 0;
		}
	}
	pg->name = name;
	pg->site = site;
	pg->done = 0;
	*seq = e->next++;
	return 1;
}

static void
epool_run(struct epool *e)
{
	struct epage	*pg;
	struct sink	*s = e->s;
	size_t		 seq;

	pthread_mutex_lock(&e->lock);
	while (epool_take(e, &seq)) {
		pg = &e->ring[seq % e->nring];
		pthread_mutex_unlock(&e->lock);
		pg->rendered = sink_render_ahead(s, &pg->out, pg->name,
		    pg->d.v, pg->d.n);
		pthread_mutex_lock(&e->lock);
		pg->done = 1;
		if (e->emitting)
			continue;
		e->emitting = 1;
		while (e->emit < e->next && e->ring[e->emit % e->nring].done) {
			pg = &e->ring[e->emit % e->nring];
			pthread_mutex_unlock(&e->lock);
			sink_page(s, pg->name, pg->site, pg->d.v, pg->d.n,
			    pg->rendered ? &pg->out : NULL);
			pg->out.len = 0;
			diag_free(&pg->d);
			pthread_mutex_lock(&e->lock);
			/* Only now may the slot be taken again. */
			e->emit++;
			pthread_cond_broadcast(&e->room);
		}
		e->emitting = 0;
	}
	pthread_mutex_unlock(&e->lock);
}

static void *
epool_worker(void *arg)
{
	epool_run(arg);
	/* The writer of a page may run on this thread (html cleans its
	   text with a regex). */
	rx_thread_cleanup();
	return NULL;
}

static void
epool_main(void *arg)
{
	epool_run(arg);
}

int
pool_emit(struct sink *s, struct rfile *files, size_t nf, struct spool *sp,
    unsigned jobs, struct cl_error *err)
{
	struct epool	 e;
	size_t		 i;

	if (nf > 1)
		qsort(files, nf, sizeof(*files), rfile_cmp);
	memset(&e, 0, sizeof(e));
	e.s = s;
	e.files = files;
	e.nf = nf;
	e.sp = sp;
	e.err = err;
	if ((e.more = spool_peek(sp, &e.f, err)) == -1)
		return -1;
	e.nring = WINDOW(jobs);
	e.ring = xcalloc(e.nring, sizeof(*e.ring));
	pthread_mutex_init(&e.lock, NULL);
	pthread_cond_init(&e.room, NULL);
	in_threads(jobs, epool_worker, epool_main, &e);
	pthread_cond_destroy(&e.room);
	pthread_mutex_destroy(&e.lock);
	for (i = 0; i < e.nring; i++) {
		diag_free(&e.ring[i].d);
		buf_free(&e.ring[i].out);
	}
	free(e.ring);
	return e.more == -1 ? -1 : 0;
}

/*
 * The corpus stage on jobs threads.  Groups go out largest first (a
 * popular model's group is the longest job); group i's findings reach
 * the spool as batch seq + i, the place a one-thread run in group order
 * gives them, so the report is the same for every -j.
 */
struct cpool {
	const struct env		*ev;
	const struct corpus_groups	*cg;
	size_t				*order;
	size_t				 next;
	size_t				 n;
	struct kept			*k;
	pthread_mutex_t			 lock;
};

static const struct corpus_groups *sort_cg;

static int
size_cmp(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;
	size_t	sx = corpus_group_size(sort_cg, x);
	size_t	sy = corpus_group_size(sort_cg, y);

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void
cpool_run(void *arg)
{
	struct cpool		*cp = arg;
	struct corpus_tally	*ct = corpus_tally_new();
	struct diag		 d;
	size_t			 gi;

	memset(&d, 0, sizeof(d));
	for (;;) {
		pthread_mutex_lock(&cp->lock);
		if (cp->next == cp->n) {
			pthread_mutex_unlock(&cp->lock);
			break;
		}
		gi = cp->order[cp->next++];
		pthread_mutex_unlock(&cp->lock);
		corpus_group(cp->ev->cat, cp->cg, gi, ct, &d);
		if (d.n == 0)
			continue;
		pthread_mutex_lock(&cp->k->lock);
		spool_add(cp->k->sp, &d, cp->k->seq + gi);
		pthread_mutex_unlock(&cp->k->lock);
	}
	diag_free(&d);
	corpus_tally_free(ct);
}

static void *
cpool_worker(void *arg)
{
	cpool_run(arg);
	rx_thread_cleanup();
	return NULL;
}

void
pool_corpus(const struct env *ev, struct summary *const *recs, size_t n,
    unsigned jobs, struct kept *k)
{
	struct cpool	cp;
	size_t		i;

	memset(&cp, 0, sizeof(cp));
	cp.ev = ev;
	cp.k = k;
	cp.cg = corpus_groups(ev->ps, recs, n);
	cp.n = corpus_ngroups(cp.cg);
	cp.order = xcalloc(cp.n + 1, sizeof(*cp.order));
	for (i = 0; i < cp.n; i++)
		cp.order[i] = i;
	/* Sorting runs on this thread alone, before any worker starts. */
	sort_cg = cp.cg;
	qsort(cp.order, cp.n, sizeof(*cp.order), size_cmp);
	pthread_mutex_init(&cp.lock, NULL);
	in_threads(jobs == 0 ? 1 : jobs, cpool_worker, cpool_run, &cp);
	pthread_mutex_destroy(&cp.lock);
	k->seq += cp.n;
	free(cp.order);
	corpus_groups_free((struct corpus_groups *)cp.cg);
}
