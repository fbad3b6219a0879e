/*
 * spool.c: an external merge sort of findings.
 *
 * A corpus run holds every page until the corpus stage is done, and its
 * findings (several per page, each with a message naming other pages)
 * would otherwise stay in memory with them.  Here they wait as sorted
 * runs in a temporary file, a few megabytes in memory at a time, and
 * come back merged through a heap of runs.  The file is private to the
 * process (unlinked at once), so records are in host byte order:
 *
 *   u32 length of what follows, u64 seq, u64 place, u32 sev, u32
 *   suppressed, u32 line, u32 column, fingerprint (16 bytes), rule,
 *   file, field, value, message, snippet, u32 related count, u32 count
 *   of related locations not listed, the vote (u32 axis, f64 x, f64
 *   cx, u64 sources, group, consensus), then per related location: file,
 *   u32 line, u32 column, value, f64 x.
 *
 * A string is a u32 length (0xffffffff for NULL) and its bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "findings/diag.h"
#include "base/error.h"
#include "findings/spool.h"
#include "base/xalloc.h"

#define NOSTR		0xffffffffU
#define RUN_BUF		(32 * 1024)
#define WRITE_BUF	(64 * 1024)

struct spent {
	struct finding	 f;
	uint64_t	 seq;
	uint64_t	 place;
};

/* One run in the file, read through its own buffer. */
struct run {
	off_t		 next;		/* file offset after buf's bytes */
	off_t		 end;
	char		*buf;
	size_t		 pos;		/* first unread byte of buf */
	size_t		 len;
	size_t		 cap;
	struct spent	 cur;		/* its smallest finding not taken */
};

struct spool {
	FILE		*fp;		/* NULL: everything in memory */
	int		 full;		/* a write failed: no more runs */
	size_t		 budget;
	struct spent	*v;		/* buffered */
	size_t		 n;
	size_t		 cap;
	size_t		 bytes;		/* their estimated footprint */
	size_t		 next;		/* merging: next of v */
	struct run	*runs;
	size_t		 nruns;
	size_t		 runcap;
	off_t		 end;		/* bytes of complete runs */
	size_t		*heap;		/* sources, smallest first */
	size_t		 nheap;
	int		 rerr;		/* errno of a failed read, or 0 */
};

/*
 * An unlinked file in $TMPDIR (else /tmp): tmpfile() ignores TMPDIR, and
 * a big corpus run spools hundreds of megabytes, which belong where the
 * user says, not on a small /tmp.
 */
static FILE *
spool_file(void)
{
	const char	*dir = getenv("TMPDIR");
	char		*path;
	FILE		*fp;
	int		 fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	xasprintf(&path, "%s/cardlint-spool.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd == -1) {
		free(path);
		return tmpfile();
	}
	unlink(path);
	free(path);
	if ((fp = fdopen(fd, "w+b")) == NULL)
		close(fd);
	return fp;
}

struct spool *
spool_new(size_t budget)
{
	struct spool	*sp;

	sp = xcalloc(1, sizeof(*sp));
	sp->budget = budget;
	/* Without a temporary file the spool is a plain sort in memory. */
	sp->fp = spool_file();
	return sp;
}

static int
spent_cmp(const struct spent *x, const struct spent *y)
{
	int	c;

	if ((c = diag_cmp(&x->f, &y->f)) != 0)
		return c;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->place < y->place ? -1 : x->place > y->place;
}

static int
spent_qcmp(const void *a, const void *b)
{
	return spent_cmp(a, b);
}

/* Roughly what a finding costs in the heap: a block per string. */
static size_t
str_cost(const char *s)
{
	return s == NULL ? 0 : strlen(s) + 1 + 16;
}

static size_t
finding_cost(const struct finding *f)
{
	size_t	n, i;

	n = sizeof(struct spent) + str_cost(f->rule) + str_cost(f->file) +
	    str_cost(f->field) + str_cost(f->value) + str_cost(f->message) +
	    str_cost(f->snippet) + str_cost(f->group) +
	    str_cost(f->consensus) + f->relcap * sizeof(*f->rel) + 16;
	for (i = 0; i < f->nrel; i++)
		n += str_cost(f->rel[i].file) + str_cost(f->rel[i].value);
	return n;
}

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void
put_u64(struct buf *b, uint64_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t	n;

	if (s == NULL) {
		put_u32(b, NOSTR);
		return;
	}
	n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_add(b, s, n);
}

static void
encode(struct buf *b, const struct spent *e)
{
	const struct finding	*f = &e->f;
	size_t			 start = b->len, i;
	uint32_t		 len;

	put_u32(b, 0);
	put_u64(b, e->seq);
	put_u64(b, e->place);
	put_u32(b, (uint32_t)f->sev);
	put_u32(b, (uint32_t)f->suppressed);
	put_u32(b, f->line);
	put_u32(b, f->column);
	buf_add(b, f->fingerprint, 16);
	put_str(b, f->rule);
	put_str(b, f->file);
	put_str(b, f->field);
	put_str(b, f->value);
	put_str(b, f->message);
	put_str(b, f->snippet);
	put_u32(b, (uint32_t)f->nrel);
	put_u32(b, (uint32_t)f->relmore);
	put_u32(b, (uint32_t)f->axis);
	buf_add(b, &f->x, sizeof(f->x));
	buf_add(b, &f->cx, sizeof(f->cx));
	put_u64(b, (uint64_t)f->nsrc);
	put_str(b, f->group);
	put_str(b, f->consensus);
	for (i = 0; i < f->nrel; i++) {
		put_str(b, f->rel[i].file);
		put_u32(b, f->rel[i].line);
		put_u32(b, f->rel[i].column);
		put_str(b, f->rel[i].value);
		buf_add(b, &f->rel[i].x, sizeof(f->rel[i].x));
	}
	len = (uint32_t)(b->len - start - sizeof(len));
	memcpy(b->p + start, &len, sizeof(len));
}

/* Reading one record back: p moves, -1 when it would overrun. */
struct cursor {
	const char	*p;
	const char	*end;
};

static int
get(struct cursor *c, void *out, size_t n)
{
	if ((size_t)(c->end - c->p) < n)
		return -1;
	memcpy(out, c->p, n);
	c->p += n;
	return 0;
}

static int
get_u32(struct cursor *c, uint32_t *v)
{
	return get(c, v, sizeof(*v));
}

static int
get_str(struct cursor *c, char **s)
{
	uint32_t	n;

	*s = NULL;
	if (get_u32(c, &n) == -1)
		return -1;
	if (n == NOSTR)
		return 0;
	if ((size_t)(c->end - c->p) < n)
		return -1;
	*s = xstrndup(c->p, n);
	c->p += n;
	return 0;
}

static int
decode(struct cursor *c, struct spent *e)
{
	struct finding		*f = &e->f;
	struct related_loc	*r;
	uint32_t		 sev, sup, nrel, more, axis, i;
	uint64_t		 nsrc;

	memset(e, 0, sizeof(*e));
	if (get(c, &e->seq, sizeof(e->seq)) == -1 ||
	    get(c, &e->place, sizeof(e->place)) == -1 ||
	    get_u32(c, &sev) == -1 || get_u32(c, &sup) == -1 ||
	    get_u32(c, &f->line) == -1 || get_u32(c, &f->column) == -1 ||
	    get(c, f->fingerprint, 16) == -1 ||
	    get_str(c, &f->rule) == -1 || get_str(c, &f->file) == -1 ||
	    get_str(c, &f->field) == -1 || get_str(c, &f->value) == -1 ||
	    get_str(c, &f->message) == -1 || get_str(c, &f->snippet) == -1 ||
	    get_u32(c, &nrel) == -1 || get_u32(c, &more) == -1 ||
	    get_u32(c, &axis) == -1 || get(c, &f->x, sizeof(f->x)) == -1 ||
	    get(c, &f->cx, sizeof(f->cx)) == -1 ||
	    get(c, &nsrc, sizeof(nsrc)) == -1 ||
	    get_str(c, &f->group) == -1 || get_str(c, &f->consensus) == -1 ||
	    f->rule == NULL || f->file == NULL ||
	    f->message == NULL || sev > SEV_NEVER || axis > AXIS_YESNO)
		goto bad;
	f->sev = (enum sev)sev;
	f->suppressed = (int)sup;
	f->relmore = more;
	f->axis = (enum axis)axis;
	f->nsrc = (size_t)nsrc;
	for (i = 0; i < nrel; i++) {
		xgrow(&f->rel, &f->relcap, f->nrel + 1, sizeof(*f->rel));
		r = &f->rel[f->nrel++];
		memset(r, 0, sizeof(*r));
		if (get_str(c, &r->file) == -1 ||
		    get_u32(c, &r->line) == -1 ||
		    get_u32(c, &r->column) == -1 ||
		    get_str(c, &r->value) == -1 ||
		    get(c, &r->x, sizeof(r->x)) == -1 || r->file == NULL)
			goto bad;
	}
	if (c->p != c->end)
		goto bad;
	return 0;
bad:
	diag_clear_finding(f);
	memset(e, 0, sizeof(*e));
	return -1;
}

/*
 * Sort the buffer and write it as one run.  If the file cannot take it
 * the findings stay buffered and the spool stops writing: more memory,
 * the same report.
 */
static void
spill(struct spool *sp)
{
	struct buf	 b = { 0 };
	struct run	*r;
	size_t		 i;
	off_t		 start = sp->end;
	int		 ok = 1;

	if (sp->n > 1)
		qsort(sp->v, sp->n, sizeof(*sp->v), spent_qcmp);
	for (i = 0; i < sp->n && ok; i++) {
		encode(&b, &sp->v[i]);
		if (b.len >= WRITE_BUF || i + 1 == sp->n) {
			if (fwrite(b.p, 1, b.len, sp->fp) != b.len)
				ok = 0;
			sp->end += (off_t)b.len;
			b.len = 0;
		}
	}
	buf_free(&b);
	if (!ok || fflush(sp->fp) != 0) {
		/* The runs before this one are whole and stay readable;
		   what this one left in the file is never read. */
		sp->full = 1;
		sp->end = start;
		return;
	}
	xgrow(&sp->runs, &sp->runcap, sp->nruns + 1, sizeof(*sp->runs));
	r = &sp->runs[sp->nruns++];
	memset(r, 0, sizeof(*r));
	r->next = start;
	r->end = sp->end;
	for (i = 0; i < sp->n; i++)
		diag_clear_finding(&sp->v[i].f);
	sp->n = 0;
	sp->bytes = 0;
}

void
spool_add(struct spool *sp, struct diag *d, uint64_t seq)
{
	struct spent	*e;
	size_t		 i;

	xgrow(&sp->v, &sp->cap, sp->n + d->n, sizeof(*sp->v));
	for (i = 0; i < d->n; i++) {
		e = &sp->v[sp->n++];
		e->f = d->v[i];
		e->seq = seq;
		e->place = i;
		sp->bytes += finding_cost(&e->f);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
	if (sp->fp != NULL && !sp->full && sp->bytes >= sp->budget)
		spill(sp);
}

/* ---- the merge ---- */

static const struct spent *
source_cur(const struct spool *sp, size_t k)
{
	return k < sp->nruns ? &sp->runs[k].cur : &sp->v[sp->next];
}

static int
heap_less(const struct spool *sp, size_t a, size_t b)
{
	return spent_cmp(source_cur(sp, sp->heap[a]),
	    source_cur(sp, sp->heap[b])) < 0;
}

static void
heap_down(struct spool *sp, size_t i)
{
	size_t	c, t;

	for (;;) {
		c = 2 * i + 1;
		if (c >= sp->nheap)
			break;
		if (c + 1 < sp->nheap && heap_less(sp, c + 1, c))
			c++;
		if (!heap_less(sp, c, i))
			break;
		t = sp->heap[i];
		sp->heap[i] = sp->heap[c];
		sp->heap[c] = t;
		i = c;
	}
}

/* At least need unread bytes in r's buffer; -1 (errno set) if not. */
static int
run_fill(struct spool *sp, struct run *r, size_t need)
{
	ssize_t	got;
	size_t	want;

	if (r->len - r->pos >= need)
		return 0;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->cap < need || r->cap < RUN_BUF) {
		r->cap = need > RUN_BUF ? need : RUN_BUF;
		r->buf = xrealloc(r->buf, r->cap);
	}
	while (r->len < need) {
		if (r->next >= r->end) {
			errno = EIO;
			return -1;
		}
		want = r->cap - r->len;
		if ((off_t)want > r->end - r->next)
			want = (size_t)(r->end - r->next);
		got = pread(fileno(sp->fp), r->buf + r->len, want, r->next);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO;
			return -1;
		}
		r->len += (size_t)got;
		r->next += got;
	}
	return 0;
}

/* r's next finding into r->cur: 1, 0 at the end of the run, -1. */
static int
run_next(struct spool *sp, struct run *r)
{
	struct cursor	c;
	uint32_t	len;

	if (r->pos == r->len && r->next >= r->end) {
		free(r->buf);
		r->buf = NULL;
		r->len = r->pos = r->cap = 0;
		return 0;
	}
	if (run_fill(sp, r, sizeof(len)) == -1)
		return -1;
	memcpy(&len, r->buf + r->pos, sizeof(len));
	if (run_fill(sp, r, sizeof(len) + (size_t)len) == -1)
		return -1;
	c.p = r->buf + r->pos + sizeof(len);
	c.end = c.p + len;
	if (decode(&c, &r->cur) == -1) {
		errno = EIO;
		return -1;
	}
	r->pos += sizeof(len) + (size_t)len;
	return 1;
}

static int
read_error(struct spool *sp, struct cl_error *err)
{
	cl_error_set(err, NULL, 0, 0, "reading back the findings from a "
	    "temporary file: %s", strerror(sp->rerr));
	return -1;
}

int
spool_finish(struct spool *sp, struct cl_error *err)
{
	size_t	k;
	int	rc;

	if (sp->n > 1)
		qsort(sp->v, sp->n, sizeof(*sp->v), spent_qcmp);
	sp->next = 0;
	free(sp->heap);
	sp->heap = xcalloc(sp->nruns + 1, sizeof(*sp->heap));
	sp->nheap = 0;
	for (k = 0; k < sp->nruns; k++) {
		rc = run_next(sp, &sp->runs[k]);
		if (rc == -1) {
			sp->rerr = errno != 0 ? errno : EIO;
			return read_error(sp, err);
		}
		if (rc == 1)
			sp->heap[sp->nheap++] = k;
	}
	if (sp->n > 0)
		sp->heap[sp->nheap++] = sp->nruns;
	for (k = sp->nheap / 2; k-- > 0; )
		heap_down(sp, k);
	return 0;
}

int
spool_peek(struct spool *sp, const struct finding **f, struct cl_error *err)
{
	if (sp->rerr != 0)
		return read_error(sp, err);
	if (sp->nheap == 0)
		return 0;
	*f = &source_cur(sp, sp->heap[0])->f;
	return 1;
}

void
spool_take(struct spool *sp, struct diag *d)
{
	struct spent	*e;
	size_t		 k;
	int		 rc;

	if (sp->nheap == 0)
		return;
	k = sp->heap[0];
	e = k < sp->nruns ? &sp->runs[k].cur : &sp->v[sp->next];
	xgrow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = e->f;
	memset(&e->f, 0, sizeof(e->f));
	if (k < sp->nruns) {
		if ((rc = run_next(sp, &sp->runs[k])) == -1)
			sp->rerr = errno != 0 ? errno : EIO;
	} else
		rc = ++sp->next < sp->n;
	if (rc != 1)
		sp->heap[0] = sp->heap[--sp->nheap];
	heap_down(sp, 0);
}

size_t
spool_runs(const struct spool *sp)
{
	return sp->nruns;
}

void
spool_free(struct spool *sp)
{
	size_t	i;

	if (sp == NULL)
		return;
	for (i = 0; i < sp->n; i++)
		diag_clear_finding(&sp->v[i].f);
	free(sp->v);
	for (i = 0; i < sp->nruns; i++) {
		diag_clear_finding(&sp->runs[i].cur.f);
		free(sp->runs[i].buf);
	}
	free(sp->runs);
	free(sp->heap);
	if (sp->fp != NULL)
		fclose(sp->fp);
	free(sp);
}
