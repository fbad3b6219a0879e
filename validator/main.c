/*
 * main.c: the command line.  Parses options, wires the stages (walk,
 * load, extract, check, report) and turns the outcome into an exit code.
 * Nothing below this file prints or exits.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <pthread.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "base/afile.h"
#include "run/baseline.h"
#include "knowledge/catalog.h"
#include "run/cfg.h"
#include "rules/checks.h"
#include "rules/corpus.h"
#include "rules/drift.h"
#include "findings/diag.h"
#include "base/error.h"
#include "extract/extract.h"
#include "load/load.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "report/report.h"
#include "base/rx.h"
#include "record/normalize.h"
#include "findings/spool.h"
#include "load/walk.h"
#include "base/xalloc.h"

#define EXIT_FINDINGS	1
#define EXIT_USAGE	2

struct opts {
	const char	*rules;
	const char	*config;
	const char	*format;
	const char	*output;
	size_t		 max_size;
	int		 max_size_set;
	unsigned	 max_lines;	/* 0: config or default */
	unsigned	 max_depth;
	enum sev	 fail_on;
	char		**select;
	size_t		 nselect;
	char		**ignore;
	size_t		 nignore;
	long		 now;
	int		 quiet;
	int		 no_color;
	int		 records;	/* paths are extract output */
	unsigned	 shard_k;	/* 1-based; 0: no sharding */
	unsigned	 shard_n;
	const char	*previous;
	const char	*cov_base;
	const char	*cov_write;
	int		 coverage;
	unsigned	 jobs;
	const char	*baseline;
	const char	*write_baseline;
	const char	*baseline_reason;
	int		 prune_baseline;
};

static void
usage(FILE *fp)
{
	fputs(
"usage: cardlint [check] [OPTIONS] PATH...   lint pages\n"
"       cardlint extract [OPTIONS] PATH...   print one record per page\n"
"       cardlint rules [--format text|json]  list the rule catalogue\n"
"       cardlint explain RULE                describe one rule\n"
"       cardlint --version | --help\n"
"\n"
"PATH is a file, a directory (walked recursively, sorted) or - for stdin.\n"
"\n"
"Options of check:\n"
"  --format FMT        text (default), json, sarif, junit, github, gitlab\n"
"                      or html\n"
"  --output FILE       write the report to FILE atomically (temp + rename)\n"
"  --fail-on SEV       error (default), warning, info or never: exit 1 when\n"
"                      a finding at or above SEV remains\n"
"  --select IDS        only these rules (ids or globs, comma-separated,\n"
"                      repeatable), e.g. --select 'price.*,date.order'\n"
"  --ignore IDS        not these rules (ids or globs)\n"
"  --now YYYY-MM-DD    the date staleness and future dates are judged\n"
"                      against (default: today, UTC)\n"
"  --config FILE       settings file (default: .cardlint.yaml in the working\n"
"                      directory or its parents)\n"
"  --rules DIR         rule catalogue and site profiles\n"
"                      (default: $CARDLINT_RULES, else the installed one)\n"
"  --max-size BYTES    skip larger files with io.too-large (default\n"
"                      50000000; K, M, G suffixes)\n"
"  --max-lines N       read at most N lines of a page, then report\n"
"                      scrape.limit (default 1000000)\n"
"  --max-depth N       walk HTML at most N elements deep, then report\n"
"                      scrape.limit (default 10000)\n"
"                      (the regex match limit, 2000000 steps per match, is\n"
"                      also reported as scrape.limit)\n"
"  --records           PATHs are JSON Lines written by extract: lint the\n"
"                      stored records without re-reading pages\n"
"  --shard K/N         lint only every Nth file from the Kth (1-based);\n"
"                      corpus rules are left to the merged --records run\n"
"  --previous OLD.jsonl  compare with the previous refresh (drift.*)\n"
"  --coverage          print the share of pages carrying each field, per site\n"
"  --write-coverage-baseline FILE   pin today's coverage in FILE\n"
"  --coverage-baseline FILE         coverage.field-drop against FILE\n"
"  --baseline FILE     acknowledged findings: matching ones are suppressed\n"
"                      (counted, not failing); entries may carry expires\n"
"  --write-baseline FILE   acknowledge every current finding in FILE\n"
"  --baseline-reason TEXT  reason stored with --write-baseline entries\n"
"  --prune-baseline    drop --baseline entries that match nothing any more\n"
"  -j N                threads for the per-page stage (default: cores)\n"
"  --quiet             no summary line on stderr\n"
"  --no-color          no colour even on a terminal\n"
"  -h, --help          this text\n"
"  --version           the version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 at least one,\n"
"2 usage, config or rule-file error.\n", fp);
}

static int
file_exists(const char *p)
{
	struct stat	st;

	return stat(p, &st) == 0;
}

/* --rules, $CARDLINT_RULES, rules/ beside the binary, the installed. */
static char *
find_rules(const char *opt)
{
	char	 exe[PATH_MAX], *slash, *p;
	ssize_t	 n;

	if (opt != NULL)
		return xstrdup(opt);
	if ((p = getenv("CARDLINT_RULES")) != NULL && *p != '\0')
		return xstrdup(p);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			xasprintf(&p, "%s/rules/knowledge.yaml", exe);
			if (file_exists(p)) {
				free(p);
				xasprintf(&p, "%s/rules", exe);
				return p;
			}
			free(p);
		}
	}
	return xstrdup(PKGDATADIR "/rules");
}

static int
parse_count(const char *s, unsigned *out)
{
	char		*end;
	unsigned long	 v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v == 0 ||
	    v > 2147483647 || *s == '-')
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
parse_size(const char *s, size_t *out)
{
	char			*end;
	unsigned long long	 v;

	if (*s == '-' || *s == '\0')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	if (*end == 'K' || *end == 'k')
		v *= 1024ULL, end++;
	else if (*end == 'M' || *end == 'm')
		v *= 1024ULL * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		v *= 1024ULL * 1024 * 1024, end++;
	if (*end != '\0' || v > SIZE_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

static void
print_error(const struct cl_error *e)
{
	char	buf[1200];

	cl_error_format(e, buf, sizeof(buf));
	fprintf(stderr, "cardlint: %s\n", buf);
}

static int
cmd_extract(const struct opts *o, struct profiles *ps, char *const *paths,
    size_t npaths)
{
	struct wlist		*wl;
	struct load_opts	 lo;
	struct page		*pg;
	struct record		*r;
	struct cl_error		 err;
	json_t			*j;
	size_t			 i;
	int			 rc = 0;

	memset(&lo, 0, sizeof(lo));
	lo.max_size = o->max_size;
	wl = walk_paths(paths, npaths);
	for (i = 0; i < wl->n; i++) {
		if (o->shard_n > 0 && i % o->shard_n != o->shard_k - 1)
			continue;
		if (wl->v[i].error != NULL) {
			fprintf(stderr, "cardlint: %s: %s\n", wl->v[i].path,
			    wl->v[i].error);
			rc = EXIT_FINDINGS;
			continue;
		}
		if (load_file(wl->v[i].path, &lo, &pg, &err) != LOAD_OK) {
			print_error(&err);
			rc = EXIT_FINDINGS;
			continue;
		}
		r = extract_page(ps, pg);
		j = record_to_json(r);
		json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(15));
		fputc('\n', stdout);
		json_decref(j);
		record_free(r);
		page_free(pg);
	}
	walk_free(wl);
	return rc;
}

static void
io_finding(struct diag *d, const struct catalog *cat, const char *id,
    const char *file, const struct cl_error *err)
{
	const struct rule	*r = catalog_find(cat, id);

	if (r == NULL || !r->enabled)
		return;
	diag_add(d, r->id, r->sev, file, 1, 1, NULL, NULL, NULL, "%s",
	    err->msg);
}

/* Site overrides of the config: change or drop a record's findings. */
static void
apply_site(const struct cfg *cf, const char *site, struct diag *d)
{
	size_t		i = 0;
	enum sev	s;

	while (i < d->n) {
		s = cfg_site_sev(cf, site, d->v[i].rule);
		if (s == SEV_NEVER) {
			diag_drop(d, i);
			continue;
		}
		if (s != SEV_NONE)
			d->v[i].sev = s;
		i++;
	}
}

static int
corpus_wanted(const struct catalog *cat)
{
	size_t	i;

	for (i = 0; i < cat->n; i++)
		if (cat->v[i].enabled && cat->v[i].corpus)
			return 1;
	return 0;
}

/* One file of the report: its name as findings give it, and its site. */
struct rfile {
	char		*name;
	const char	*site;		/* the profile's id, or NULL */
};

static const char *
site_of(const struct profiles *ps, const struct record *r)
{
	const struct profile	*p;

	p = r->site != NULL ? profiles_get(ps, r->site) : NULL;
	return p != NULL ? p->id : NULL;
}

static void
check_record(const struct opts *o, const struct cfg *cf,
    const struct profiles *ps, const struct catalog *cat, struct record *r,
    struct diag *all)
{
	struct diag	d = { 0 };
	struct ctx	c;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.ps = ps;
	c.cat = cat;
	c.now = o->now;
	checks_page(cat, &c, &d);
	apply_site(cf, r->site, &d);
	diag_move(all, &d);
}

/*
 * Corpus mode: what is kept of the pages for the stages that need every
 * page.  As soon as a page is checked its summary waits here by walk
 * index and its findings go to the spool, so the run holds neither the
 * pages' records nor their findings until the end.
 */
#define SPOOL_BUDGET	(8 * 1024 * 1024)

struct kept {
	const struct wlist	*wl;		/* NULL with --records */
	struct summary		**sums;		/* by walk index */
	struct spool		*sp;
	uint64_t		 seq;		/* the next batch after pages */
	pthread_mutex_t		 lock;		/* sp */
};

static void
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

static void
kept_done(struct kept *k)
{
	if (k->sp == NULL)
		return;
	spool_free(k->sp);
	free(k->sums);
	pthread_mutex_destroy(&k->lock);
	memset(k, 0, sizeof(*k));
}

static void
kept_page(struct kept *k, const struct wfile *wf, const struct record *r,
    struct diag *d)
{
	size_t	i = (size_t)(wf - k->wl->v);

	k->sums[i] = record_compact(r);
	pthread_mutex_lock(&k->lock);
	spool_add(k->sp, d, i);
	pthread_mutex_unlock(&k->lock);
}

/* Findings of the later stages, one batch after another. */
static void
kept_flush(void *arg, struct diag *d)
{
	struct kept	*k = arg;

	if (d->n > 0)
		spool_add(k->sp, d, k->seq++);
}

/*
 * Lint one file.  In corpus mode (keep) the page's summary and findings
 * go to keep as soon as it is checked; the record is freed here.
 */
static void
check_file(const struct opts *o, const struct cfg *cf,
    const struct profiles *ps, const struct catalog *cat,
    const struct wfile *wf, struct diag *all, struct kept *keep,
    struct rfile *rf)
{
	struct load_opts	 lo;
	struct page		*pg;
	struct record		*r;
	struct cl_error		 err;
	enum load_status	 ls;

	rf->name = xstrdup(wf->path);
	rf->site = NULL;
	if (wf->error != NULL) {
		cl_error_set(&err, wf->path, 0, 0, "%s", wf->error);
		io_finding(all, cat, "io.unreadable", wf->path, &err);
		return;
	}
	memset(&lo, 0, sizeof(lo));
	lo.max_size = o->max_size;
	ls = load_file(wf->path, &lo, &pg, &err);
	if (ls != LOAD_OK) {
		io_finding(all, cat, ls == LOAD_TOO_LARGE ? "io.too-large" :
		    "io.unreadable", wf->path, &err);
		return;
	}
	r = extract_page(ps, pg);
	page_free(pg);
	check_record(o, cf, ps, cat, r, all);
	free(rf->name);
	rf->name = xstrdup(r->file);
	rf->site = site_of(ps, r);
	if (keep != NULL)
		kept_page(keep, wf, r, all);
	record_free(r);
}

/*
 * Records written by extract (--records): each is checked as it is read
 * and only its summary and file are kept; a bad line is an io.unreadable
 * finding.
 */
struct rec_read {
	const struct opts	*o;
	const struct cfg	*cf;
	const struct profiles	*ps;
	const struct catalog	*cat;
	const char		*path;
	struct diag		*d;
	struct summary		**recs;
	struct rfile		*files;
	size_t			 n;
	size_t			 cap;
	size_t			 fcap;
};

static void
got_record(void *arg, struct record *r)
{
	struct rec_read	*rr = arg;

	check_record(rr->o, rr->cf, rr->ps, rr->cat, r, rr->d);
	xgrow(&rr->recs, &rr->cap, rr->n + 1, sizeof(*rr->recs));
	xgrow(&rr->files, &rr->fcap, rr->n + 1, sizeof(*rr->files));
	rr->files[rr->n].name = xstrdup(r->file);
	rr->files[rr->n].site = site_of(rr->ps, r);
	rr->recs[rr->n++] = record_compact(r);
	record_free(r);
}

static void
bad_record(void *arg, unsigned line, const char *msg)
{
	struct rec_read		*rr = arg;
	const struct rule	*r = catalog_find(rr->cat, "io.unreadable");

	if (r != NULL && r->enabled)
		diag_add(rr->d, r->id, r->sev, rr->path, line, 1, NULL, NULL,
		    NULL, "line %u is not a record: %s", line, msg);
}

static void
read_records(struct rec_read *rr, const char *path)
{
	struct cl_error	err;

	rr->path = path;
	if (record_read_jsonl(path, got_record, bad_record, rr) == -1) {
		cl_error_set(&err, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		io_finding(rr->d, rr->cat, "io.unreadable", path, &err);
	}
}

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

static void
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
	const struct opts	*o;
	const struct cfg	*cf;
	const struct profiles	*ps;
	const struct catalog	*cat;
	const struct wlist	*wl;
	struct kept		*keep;
	struct sink		*sink;
	size_t			*order;		/* position -> walk index */
	size_t			 n;
	struct slot		*slots;		/* by position */
	size_t			 next;		/* next position to start */
	size_t			 emit;		/* next position to write */
	int			 emitting;
	pthread_mutex_t		 lock;
	pthread_cond_t		 room;
};

static int
pool_take(struct pool *p, size_t *pos)
{
	int	ok = 0;

	pthread_mutex_lock(&p->lock);
	while (p->next < p->n) {
		if (p->sink != NULL && p->next >= p->emit + WINDOW(p->o->jobs)) {
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

/*
 * In the worker, with the lock not held: sort the page's findings, match
 * them against the baseline (read-only but for a relaxed flag) and, when
 * the format can, render the page, so that the writer only copies bytes.
 */
/* A page matched and rendered ahead of writing, when the format can;
   1 if out holds it. */
static int
render_ahead(struct sink *s, struct buf *out, const char *name,
    struct finding *v, size_t n)
{
	if (!rep_can_render(s->rp))
		return 0;
	if (s->bl != NULL)
		baseline_match(s->bl, v, n);
	rep_render(s->rp, out, name, v, n);
	return 1;
}

static void
slot_prepare(struct pool *p, struct slot *sl)
{
	diag_sort(&sl->d);
	sl->rendered = render_ahead(p->sink, &sl->out, sl->f.name, sl->d.v,
	    sl->d.n);
}

static void
slot_write(struct pool *p, struct slot *sl)
{
	sink_page(p->sink, sl->f.name, sl->f.site, sl->d.v, sl->d.n,
	    sl->rendered ? &sl->out : NULL);
	buf_free(&sl->out);
	diag_free(&sl->d);
	free(sl->f.name);
	sl->f.name = NULL;
}

static void
pool_done(struct pool *p, size_t pos)
{
	size_t	k;

	pthread_mutex_lock(&p->lock);
	p->slots[pos].done = 1;
	if (p->sink != NULL && !p->emitting) {
		p->emitting = 1;
		while (p->emit < p->n && p->slots[p->emit].done) {
			k = p->emit++;
			pthread_mutex_unlock(&p->lock);
			slot_write(p, &p->slots[k]);
			pthread_mutex_lock(&p->lock);
			pthread_cond_broadcast(&p->room);
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
		check_file(p->o, p->cf, p->ps, p->cat,
		    &p->wl->v[p->order[pos]], &sl->d, p->keep, &sl->f);
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

/*
 * Run the pool over the files of this shard.  With a sink every page is
 * written as it completes; otherwise the pages' findings go to keep's
 * spool, those of files that could not be read to all, and summaries
 * (in report order) and files are handed back.  Returns the number of
 * files.
 */
static size_t
run_pool(const struct opts *o, const struct cfg *cf,
    const struct profiles *ps, const struct catalog *cat,
    const struct wlist *wl, struct sink *sink, struct kept *keep,
    struct diag *all, struct summary ***recs, size_t *nrecs,
    struct rfile **files)
{
	struct pool	 p;
	size_t		 i, nth;

	memset(&p, 0, sizeof(p));
	p.o = o;
	p.cf = cf;
	p.ps = ps;
	p.cat = cat;
	p.wl = wl;
	p.keep = keep;
	p.sink = sink;
	p.order = xcalloc(wl->n + 1, sizeof(*p.order));
	for (i = 0; i < wl->n; i++)
		if (o->shard_n == 0 || i % o->shard_n == o->shard_k - 1)
			p.order[p.n++] = i;
	sort_wl = wl;
	qsort(p.order, p.n, sizeof(*p.order), order_cmp);
	p.slots = xcalloc(p.n + 1, sizeof(*p.slots));
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.room, NULL);
	nth = o->jobs;
	if (nth > p.n)
		nth = p.n;
	in_threads(nth, pool_worker, pool_main, &p);
	pthread_cond_destroy(&p.room);
	pthread_mutex_destroy(&p.lock);
	if (sink == NULL) {
		*recs = xcalloc(p.n + 1, sizeof(**recs));
		*files = xcalloc(p.n + 1, sizeof(**files));
		for (i = 0; i < p.n; i++) {
			(*files)[i] = p.slots[i].f;
			diag_move(all, &p.slots[i].d);
			if (keep->sums[p.order[i]] != NULL)
				(*recs)[(*nrecs)++] = keep->sums[p.order[i]];
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
		while (++e->i < e->nf && strcmp(e->files[e->i].name, name) == 0)
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
		pg->rendered = render_ahead(s, &pg->out, pg->name, pg->d.v,
		    pg->d.n);
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
	return NULL;
}

static void
epool_main(void *arg)
{
	epool_run(arg);
}

/* -1 if the spool cannot be read back. */
static int
emit_all(struct sink *s, struct rfile *files, size_t nf, struct spool *sp,
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

/* The report goes to stdout, or to FILE atomically. */
struct out {
	const char	*path;
	struct afile	 af;
	FILE		*fp;
};

static int
out_open(struct out *ou, const char *path)
{
	struct cl_error	err;

	memset(ou, 0, sizeof(*ou));
	ou->path = path;
	if (path == NULL) {
		ou->fp = stdout;
		return 0;
	}
	if (afile_open(&ou->af, path, &err) == -1) {
		print_error(&err);
		return -1;
	}
	ou->fp = ou->af.fp;
	return 0;
}

/* Commit (ok) or throw away the report; -1 if it could not be written. */
static int
out_close(struct out *ou, int ok)
{
	struct cl_error	err;

	if (ou->path == NULL) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "cardlint: writing the report: %s\n",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!ok) {
		afile_abort(&ou->af);
		return 0;
	}
	if (afile_commit(&ou->af, &err) == -1) {
		print_error(&err);
		return -1;
	}
	return 0;
}

static int
totals_failed(const struct rep_totals *t, enum sev fail_on)
{
	int	s;

	for (s = SEV_INFO; s <= SEV_ERROR; s++)
		if (s >= (int)fail_on && t->sev[s] > 0)
			return 1;
	return 0;
}

/* --select / --ignore: a plain id must exist; a glob must match one. */
static int
apply_selection(struct catalog *cat, char **sel, size_t nsel, char **ign,
    size_t nign)
{
	size_t	i, k;
	int	hit;

	for (i = 0; i < nsel + nign; i++) {
		const char *pat = i < nsel ? sel[i] : ign[i - nsel];

		hit = 0;
		for (k = 0; k < cat->n; k++)
			if (fnmatch(pat, cat->v[k].id, 0) == 0)
				hit = 1;
		if (!hit) {
			fprintf(stderr, "cardlint: %s '%s' matches no rule "
			    "(see cardlint rules)\n", i < nsel ? "--select" :
			    "--ignore", pat);
			return -1;
		}
	}
	for (k = 0; k < cat->n; k++) {
		if (nsel > 0) {
			hit = 0;
			for (i = 0; i < nsel; i++)
				if (fnmatch(sel[i], cat->v[k].id, 0) == 0)
					hit = 1;
			if (!hit)
				cat->v[k].enabled = 0;
		}
		for (i = 0; i < nign; i++)
			if (fnmatch(ign[i], cat->v[k].id, 0) == 0)
				cat->v[k].enabled = 0;
	}
	return 0;
}

static void
add_list(char ***list, size_t *n, const char *arg)
{
	char	*copy = xstrdup(arg), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok == '\0')
			continue;
		*list = xreallocarray(*list, *n + 1, sizeof(char *));
		(*list)[(*n)++] = xstrdup(tok);
	}
	free(copy);
}

static void
free_list(char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static long
today_utc(void)
{
	return (long)(time(NULL) / 86400);
}

static char	stdout_buf[AFILE_BUF];

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'R' },
		{ "max-size", required_argument, NULL, 'S' },
		{ "max-lines", required_argument, NULL, 'L' },
		{ "max-depth", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "select", required_argument, NULL, 's' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "now", required_argument, NULL, 'N' },
		{ "config", required_argument, NULL, 'c' },
		{ "records", no_argument, NULL, 'r' },
		{ "shard", required_argument, NULL, 'K' },
		{ "previous", required_argument, NULL, 'P' },
		{ "coverage", no_argument, NULL, 'G' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "write-baseline", required_argument, NULL, 'w' },
		{ "baseline-reason", required_argument, NULL, 'y' },
		{ "prune-baseline", no_argument, NULL, 'p' },
		{ "coverage-baseline", required_argument, NULL, 'B' },
		{ "write-coverage-baseline", required_argument, NULL, 'W' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts	 o;
	struct profiles	*ps = NULL;
	struct catalog	*cat = NULL;
	struct cfg	*cf = NULL;
	struct cl_error	 err;
	struct wlist	*wl = NULL;
	struct diag	 d = { 0 };
	struct rep_opts	 ro;
	struct sink	 sk;
	struct out	 ou;
	struct rfile	*files = NULL;
	struct kept	 kp;
	char		 nowbuf[16];
	const char	*cmd = "check";
	char		*rulesdir = NULL, *cfgpath = NULL;
	struct rec_read	 rr;
	struct summary	**recs = NULL;
	size_t		 i, nrecs = 0, nfiles = 0;
	int		 ch, rc = EXIT_USAGE, keep, opened = 0, wrote;

	memset(&o, 0, sizeof(o));
	memset(&sk, 0, sizeof(sk));
	memset(&ou, 0, sizeof(ou));
	memset(&kp, 0, sizeof(kp));
	/* A report to a file or a pipe goes out in large writes, not in
	   stdio's 4 KB ones (5k text pages: 32 write calls, not 1,996).
	   Nothing has been written yet. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, stdout_buf, _IOFBF, sizeof(stdout_buf));
	o.max_size = 50 * 1000 * 1000;
	o.now = today_utc();
	o.jobs = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	if (o.jobs < 1 || o.jobs > 256)
		o.jobs = o.jobs < 1 ? 1 : 256;
	if (argc > 1 && (strcmp(argv[1], "check") == 0 ||
	    strcmp(argv[1], "extract") == 0 ||
	    strcmp(argv[1], "rules") == 0 ||
	    strcmp(argv[1], "explain") == 0)) {
		cmd = argv[1];
		argv++;
		argc--;
	}
	while ((ch = getopt_long(argc, argv, "hqj:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'R':
			o.rules = optarg;
			break;
		case 'S':
			if (parse_size(optarg, &o.max_size) == -1 ||
			    o.max_size == 0) {
				fprintf(stderr, "cardlint: --max-size: '%s' "
				    "is not a size in bytes\n", optarg);
				goto out;
			}
			o.max_size_set = 1;
			break;
		case 'L':
		case 'D':
			if (parse_count(optarg, ch == 'L' ? &o.max_lines :
			    &o.max_depth) == -1) {
				fprintf(stderr, "cardlint: --%s: '%s' is not a "
				    "whole number from 1 to 2147483647\n",
				    ch == 'L' ? "max-lines" : "max-depth", optarg);
				goto out;
			}
			break;
		case 'f':
			o.format = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'F':
			if (sev_parse(optarg, &o.fail_on) == -1) {
				fprintf(stderr, "cardlint: --fail-on must be "
				    "error, warning, info or never\n");
				goto out;
			}
			break;
		case 's':
			add_list(&o.select, &o.nselect, optarg);
			break;
		case 'i':
			add_list(&o.ignore, &o.nignore, optarg);
			break;
		case 'N':
			if (strlen(optarg) != 10 ||
			    norm_date_serial(optarg, &o.now) == -1) {
				fprintf(stderr, "cardlint: --now: '%s' is not "
				    "a date YYYY-MM-DD\n", optarg);
				goto out;
			}
			break;
		case 'c':
			o.config = optarg;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'r':
			o.records = 1;
			break;
		case 'K':
			if (sscanf(optarg, "%u/%u", &o.shard_k,
			    &o.shard_n) != 2 || o.shard_n == 0 ||
			    o.shard_k == 0 || o.shard_k > o.shard_n) {
				fprintf(stderr, "cardlint: --shard: '%s' is "
				    "not K/N with 1 <= K <= N\n", optarg);
				goto out;
			}
			break;
		case 'P':
			o.previous = optarg;
			break;
		case 'G':
			o.coverage = 1;
			break;
		case 'b':
			o.baseline = optarg;
			break;
		case 'w':
			o.write_baseline = optarg;
			break;
		case 'y':
			o.baseline_reason = optarg;
			break;
		case 'p':
			o.prune_baseline = 1;
			break;
		case 'B':
			o.cov_base = optarg;
			break;
		case 'W':
			o.cov_write = optarg;
			break;
		case 'C':
			o.no_color = 1;
			break;
		case 'j':
			if (sscanf(optarg, "%u", &o.jobs) != 1 || o.jobs == 0 ||
			    o.jobs > 256) {
				fprintf(stderr, "cardlint: -j: '%s' is not a "
				    "number of threads from 1 to 256\n", optarg);
				goto out;
			}
			break;
		case 'h':
			usage(stdout);
			rc = 0;
			goto out;
		case 'V':
			printf("cardlint %s\n", PACKAGE_VERSION);
			rc = 0;
			goto out;
		default:
			fputs("cardlint: try 'cardlint --help'\n", stderr);
			goto out;
		}
	}
	argc -= optind;
	argv += optind;

	cfgpath = o.config != NULL ? xstrdup(o.config) : cfg_find();
	if (cfgpath != NULL && (cf = cfg_load(cfgpath, &err)) == NULL) {
		print_error(&err);
		goto out;
	}
	if (cf != NULL) {
		if (o.format == NULL)
			o.format = cf->format;
		if (o.output == NULL)
			o.output = cf->output;
		if (o.rules == NULL)
			o.rules = cf->rules_dir;
		if (o.fail_on == SEV_NONE)
			o.fail_on = cf->fail_on;
		if (!o.max_size_set && cf->max_size > 0)
			o.max_size = cf->max_size;
		if (o.max_lines == 0)
			o.max_lines = cf->max_lines;
		if (o.max_depth == 0)
			o.max_depth = cf->max_depth;
		if (o.nselect == 0)
			for (i = 0; i < cf->nselect; i++)
				add_list(&o.select, &o.nselect, cf->select[i]);
		for (i = 0; i < cf->nignore; i++)
			add_list(&o.ignore, &o.nignore, cf->ignore[i]);
	}
	if (o.fail_on == SEV_NONE)
		o.fail_on = SEV_ERROR;
	if (o.format == NULL)
		o.format = "text";
	if (strcmp(cmd, "rules") == 0 ? strcmp(o.format, "text") != 0 &&
	    strcmp(o.format, "json") != 0 && strcmp(o.format, "markdown") != 0 :
	    !rep_format_ok(o.format)) {
		fprintf(stderr, "cardlint: --format: '%s' is not %s\n",
		    o.format, strcmp(cmd, "rules") == 0 ?
		    "text, json or markdown" : rep_format_list());
		goto out;
	}

	load_init();
	load_set_limits(o.max_lines, o.max_depth);
	rulesdir = find_rules(o.rules);
	if ((ps = profiles_load(rulesdir, &err)) == NULL ||
	    (cat = catalog_load(rulesdir, &err)) == NULL ||
	    checks_bind(cat, &err) == -1) {
		print_error(&err);
		goto out;
	}
	if (cf != NULL && cfg_apply(cf, cat, &err) == -1) {
		print_error(&err);
		goto out;
	}
	for (i = 0; cf != NULL && i + 1 < cf->nalias; i += 2)
		profiles_add_alias(ps, cf->alias[i], cf->alias[i + 1]);
	if (strcmp(cmd, "rules") == 0) {
		if (strcmp(o.format, "json") == 0)
			rep_rules_json(stdout, cat);
		else if (strcmp(o.format, "markdown") == 0)
			rep_rules_markdown(stdout, cat);
		else
			rep_rules_text(stdout, cat);
		rc = 0;
		goto out;
	}
	if (strcmp(cmd, "explain") == 0) {
		if (argc != 1) {
			fputs("cardlint: explain takes one rule id\n", stderr);
			goto out;
		}
		if (rep_explain(stdout, cat, argv[0]) == -1) {
			fprintf(stderr, "cardlint: no rule '%s' (see cardlint "
			    "rules)\n", argv[0]);
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (argc == 0) {
		fprintf(stderr, "cardlint: %s: no input paths (use - for "
		    "stdin)\n", cmd);
		goto out;
	}
	if (strcmp(cmd, "extract") == 0) {
		rc = cmd_extract(&o, ps, argv, (size_t)argc);
		goto out;
	}
	if (apply_selection(cat, o.select, o.nselect, o.ignore,
	    o.nignore) == -1)
		goto out;
	/* Records are kept only for a stage that needs every page. */
	keep = (corpus_wanted(cat) && o.shard_n == 0) || o.previous != NULL ||
	    o.cov_base != NULL || o.cov_write != NULL || o.coverage;
	if (o.prune_baseline && o.baseline == NULL) {
		fputs("cardlint: --prune-baseline needs --baseline FILE\n",
		    stderr);
		goto out;
	}
	if (o.baseline != NULL &&
	    (sk.bl = baseline_load(o.baseline, o.now, &err)) == NULL) {
		print_error(&err);
		goto out;
	}
	if (o.records) {
		memset(&rr, 0, sizeof(rr));
		rr.o = &o;
		rr.cf = cf;
		rr.ps = ps;
		rr.cat = cat;
		rr.d = &d;
		for (i = 0; i < (size_t)argc; i++)
			read_records(&rr, argv[i]);
		recs = rr.recs;
		nrecs = nfiles = rr.n;
		files = rr.files;
	} else {
		wl = walk_paths(argv, (size_t)argc);
		for (i = 0; i < wl->n; i++)
			if (o.shard_n == 0 || i % o.shard_n == o.shard_k - 1)
				nfiles++;
	}
	memset(&ro, 0, sizeof(ro));
	ro.version = PACKAGE_VERSION;
	ro.files = nfiles;
	ro.cat = cat;
	norm_date_iso(o.now, nowbuf, sizeof(nowbuf));
	ro.now = nowbuf;
	ro.fail_on = o.fail_on;
	ro.color = !o.no_color && o.output == NULL && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	sk.t.files = nfiles;
	if (o.write_baseline != NULL && (sk.bo = baseline_create(
	    o.write_baseline, o.now, o.baseline_reason, &err)) == NULL) {
		print_error(&err);
		goto out;
	}
	if (!o.records && !keep) {
		/* Per-page mode: every page is written as it is done. */
		if (out_open(&ou, o.output) == -1)
			goto out;
		opened = 1;
		sk.rp = rep_open(o.format, ou.fp, &ro);
		run_pool(&o, cf, ps, cat, wl, &sk, 0, &d, &recs, &nrecs,
		    &files);
	} else {
		/* Findings wait in the spool, in batches, until the end. */
		kept_init(&kp, wl);
		if (!o.records)
			run_pool(&o, cf, ps, cat, wl, NULL, &kp, &d, &recs,
			    &nrecs, &files);
		kept_flush(&kp, &d);
		if (keep && o.shard_n == 0)
			corpus_run(cat, ps, recs, nrecs, &d, kept_flush, &kp);
		if (o.previous != NULL && drift_run(cat, o.previous, recs,
		    nrecs, &d, &err) == -1) {
			print_error(&err);
			goto out;
		}
		kept_flush(&kp, &d);
		if (o.coverage)
			coverage_print(stdout, recs, nrecs);
		if (o.cov_write != NULL && coverage_write(o.cov_write, recs,
		    nrecs, &err) == -1) {
			print_error(&err);
			goto out;
		}
		if (o.cov_base != NULL && coverage_check(cat, o.cov_base,
		    recs, nrecs, &d, &err) == -1) {
			print_error(&err);
			goto out;
		}
		kept_flush(&kp, &d);
		if (spool_finish(kp.sp, &err) == -1) {
			print_error(&err);
			goto out;
		}
		if (out_open(&ou, o.output) == -1)
			goto out;
		opened = 1;
		sk.rp = rep_open(o.format, ou.fp, &ro);
		if (emit_all(&sk, files, nfiles, kp.sp, o.jobs, &err) == -1) {
			print_error(&err);
			goto out;
		}
	}
	wrote = rep_close(sk.rp, &sk.t);
	sk.rp = NULL;
	opened = 0;
	if (out_close(&ou, 1) == -1 || wrote == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (sk.bl != NULL && o.prune_baseline &&
	    baseline_prune(sk.bl, &err) == -1) {
		print_error(&err);
		goto out;
	}
	if (sk.bo != NULL) {
		wrote = baseline_close(sk.bo, &err);
		sk.bo = NULL;
		if (wrote == -1) {
			print_error(&err);
			goto out;
		}
	}
	if (!o.quiet)
		rep_text_summary(stderr, &sk.t);
	rc = totals_failed(&sk.t, o.fail_on) ? EXIT_FINDINGS : 0;
out:
	if (sk.rp != NULL)
		rep_close(sk.rp, &sk.t);
	if (opened)
		out_close(&ou, 0);
	baseline_abort(sk.bo);
	baseline_free(sk.bl);
	for (i = 0; files != NULL && i < nfiles; i++)
		free(files[i].name);
	free(files);
	for (i = 0; i < nrecs; i++)
		summary_free(recs[i]);
	free(recs);
	kept_done(&kp);
	diag_free(&d);
	walk_free(wl);
	free_list(o.select, o.nselect);
	free_list(o.ignore, o.nignore);
	catalog_free(cat);
	profiles_free(ps);
	cfg_free(cf);
	free(rulesdir);
	free(cfgpath);
	load_thread_cleanup();
	rx_thread_cleanup();
	xmlCleanupParser();
	return rc;
}
