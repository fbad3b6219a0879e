/*
 * diag.c: the one finding list: add, sort, count, decide the exit code.
 *
 * The fingerprint is rule + file + field + value (FNV-1a, 64 bits), not
 * the line, so a baseline entry survives edits elsewhere on the page.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "findings/diag.h"
#include "base/xalloc.h"

static const char *const sev_names[] = {
	"none", "info", "warning", "error", "never"
};

const char *
sev_name(enum sev s)
{
	return sev_names[s];
}

int
sev_parse(const char *s, enum sev *out)
{
	int	i;

	for (i = SEV_INFO; i <= SEV_NEVER; i++) {
		if (strcmp(s, sev_names[i]) == 0) {
			*out = (enum sev)i;
			return 0;
		}
	}
	if (strcmp(s, "note") == 0) {
		*out = SEV_INFO;
		return 0;
	}
	return -1;
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	/* A separator after each string: ("ab", "c") is not ("a", "bc"). */
	h = fnv1a(h, s == NULL ? "" : s);
	h ^= 0xff;
	h *= FNV_PRIME;
	return h;
}

static char *
opt_dup(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

struct finding *
diag_add(struct diag *d, const char *rule, enum sev sev, const char *file,
    unsigned line, unsigned column, const char *field, const char *value,
    const char *snippet, const char *fmt, ...)
{
	struct finding	*f;
	va_list		 ap;
	uint64_t	 h = FNV_BASIS;
	char		*msg, small[512];
	int		 n;

	/* One formatting pass for the usual message, two for a long one. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		n = 0;
		small[0] = '\0';
	}
	msg = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(msg, small, (size_t)n + 1);
	else {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}

	xgrow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	f = &d->v[d->n++];
	memset(f, 0, sizeof(*f));
	f->rule = xstrdup(rule);
	f->sev = sev;
	f->file = xstrdup(file);
	f->line = line == 0 ? 1 : line;
	f->column = column == 0 ? 1 : column;
	f->field = opt_dup(field);
	f->value = opt_dup(value);
	f->snippet = opt_dup(snippet);
	f->message = msg;
	h = fnv(h, rule);
	h = fnv(h, file);
	h = fnv(h, field);
	h = fnv(h, value);
	snprintf(f->fingerprint, sizeof(f->fingerprint), "%016llx",
	    (unsigned long long)h);
	return f;
}

void
diag_related(struct finding *f, const char *file, unsigned line,
    unsigned column, const char *value)
{
	struct related_loc	*r;

	xgrow(&f->rel, &f->relcap, f->nrel + 1, sizeof(*f->rel));
	r = &f->rel[f->nrel++];
	r->file = xstrdup(file);
	r->line = line == 0 ? 1 : line;
	r->column = column == 0 ? 1 : column;
	r->value = opt_dup(value);
	r->x = 0;
}

void
diag_vote(struct finding *f, const char *group, enum axis ax, double x,
    size_t nsrc, const char *consensus, double cx)
{
	free(f->group);
	free(f->consensus);
	f->group = opt_dup(group);
	f->axis = ax;
	f->x = x;
	f->nsrc = nsrc;
	f->consensus = opt_dup(consensus);
	f->cx = consensus != NULL ? cx : 0;
}

void
diag_move(struct diag *dst, struct diag *src)
{
	xgrow(&dst->v, &dst->cap, dst->n + src->n, sizeof(*dst->v));
	if (src->n > 0)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

static int
nstrcmp(const char *a, const char *b)
{
	return strcmp(a == NULL ? "" : a, b == NULL ? "" : b);
}

int
diag_cmp(const struct finding *x, const struct finding *y)
{
	int	c;

	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	if ((c = strcmp(x->rule, y->rule)) != 0)
		return c;
	if ((c = nstrcmp(x->field, y->field)) != 0)
		return c;
	return strcmp(x->message, y->message);
}

static int
finding_cmp(const void *a, const void *b)
{
	return diag_cmp(a, b);
}

void
diag_sort(struct diag *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), finding_cmp);
}

void
diag_count(const struct diag *d, size_t counts[4], size_t *suppressed)
{
	size_t	i;

	memset(counts, 0, 4 * sizeof(size_t));
	*suppressed = 0;
	for (i = 0; i < d->n; i++) {
		if (d->v[i].suppressed)
			(*suppressed)++;
		else
			counts[d->v[i].sev]++;
	}
}

int
diag_failed(const struct diag *d, enum sev fail_on)
{
	size_t	i;

	if (fail_on == SEV_NEVER)
		return 0;
	for (i = 0; i < d->n; i++)
		if (!d->v[i].suppressed && d->v[i].sev >= fail_on)
			return 1;
	return 0;
}

void
diag_drop(struct diag *d, size_t i)
{
	diag_clear_finding(&d->v[i]);
	memmove(&d->v[i], &d->v[i + 1], (d->n - i - 1) * sizeof(*d->v));
	d->n--;
}

void
diag_free(struct diag *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		diag_clear_finding(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

void
diag_clear_finding(struct finding *f)
{
	size_t	j;

	free(f->rule);
	free(f->file);
	free(f->field);
	free(f->value);
	free(f->message);
	free(f->snippet);
	free(f->group);
	free(f->consensus);
	for (j = 0; j < f->nrel; j++) {
		free(f->rel[j].file);
		free(f->rel[j].value);
	}
	free(f->rel);
}
