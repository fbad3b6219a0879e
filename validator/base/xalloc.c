/*
 * xalloc.c: allocation wrappers that end the program on failure, and the
 * growable buffer every text-producing stage writes into.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void
xoom(void)
{
	fputs("cardlint: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void	*p;

	p = malloc(n == 0 ? 1 : n);
	if (p == NULL)
		xoom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz);
	if (p == NULL)
		xoom();
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void	*p;

	p = realloc(old, n == 0 ? 1 : n);
	if (p == NULL)
		xoom();
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		xoom();
	return xrealloc(old, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
xfree_strs(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xoom();
	*ret = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(*ret, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return n;
}

void
xgrow(void *pp, size_t *capp, size_t n, size_t sz)
{
	void	**p = pp;
	size_t	  cap;

	if (n <= *capp)
		return;
	cap = *capp < 8 ? 8 : *capp;
	while (cap < n) {
		if (cap > SIZE_MAX / 2)
			xoom();
		cap *= 2;
	}
	*p = xreallocarray(*p, cap, sz);
	*capp = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	xgrow(&b->p, &b->cap, b->len + n + 1, 1);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_again(struct buf *b, size_t off, size_t n)
{
	xgrow(&b->p, &b->cap, b->len + n + 1, 1);
	memcpy(b->p + b->len, b->p + off, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Line and column numbers are most of a report's numbers: no printf
   parsing for them. */
void
buf_addu(struct buf *b, unsigned u)
{
	char	 d[sizeof(u) * 3], *p = d + sizeof(d);

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	xgrow(&b->p, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_take(struct buf *b)
{
	char	*p;

	if (b->p == NULL)
		return xstrdup("");
	p = b->p;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
