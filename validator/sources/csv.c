/*
 * csv.c: a CSV reader for team exports.  Blank lines are skipped, a
 * quoted cell may hold the separator, quotes ("") and line breaks; a
 * quote that is never closed, or a byte that is not UTF-8, is an error
 * at its line and column rather than a guess.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "sources/csv.h"

struct cp {
	const char	*p;
	const char	*end;
	const char	*bol;
	unsigned	 line;
};

/* 1 if the bytes at s (at most n) start a valid UTF-8 sequence of
   length *len. */
static int
csv_utf8(const unsigned char *s, size_t n, size_t *len)
{
	size_t	i;

	*len = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2 :
	    s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 &&
	    s[0] <= 0xf4 ? 4 : 0;
	if (*len == 0 || *len > n)
		return 0;
	for (i = 1; i < *len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return 1;
}

/* One cell at c->p into cell; 1 at the end of a row, 0 before a
   separator, -1 on a fault. */
static int
csv_cell(struct cp *c, char sep, struct csv_cell *cell, const char *name,
    struct cl_error *err)
{
	size_t	 len = 0, cap = 0, u;
	int	 quoted = 0;
	char	*t = NULL;

	cell->line = c->line;
	cell->column = (unsigned)(c->p - c->bol) + 1;
	xgrow(&t, &cap, 64, 1);
	cell->text = t;
	if (c->p < c->end && *c->p == '"') {
		quoted = 1;
		c->p++;
	}
	for (;;) {
		if (c->p >= c->end) {
			if (quoted) {
				cl_error_set(err, name, cell->line,
				    cell->column, "a quoted cell is never "
				    "closed");
				cell->text = t;
				return -1;
			}
			break;
		}
		if (quoted && *c->p == '"') {
			if (c->p + 1 < c->end && c->p[1] == '"') {
				xgrow(&t, &cap, len + 2, 1);
				t[len++] = '"';
				c->p += 2;
				continue;
			}
			quoted = 0;
			c->p++;
			continue;
		}
		if (!quoted && (*c->p == sep || *c->p == '\n' ||
		    *c->p == '\r'))
			break;
		if (!csv_utf8((const unsigned char *)c->p,
		    (size_t)(c->end - c->p), &u)) {
			cl_error_set(err, name, c->line,
			    (unsigned)(c->p - c->bol) + 1, "invalid UTF-8 in "
			    "a cell");
			cell->text = t;
			return -1;
		}
		if (*c->p == '\n') {
			c->line++;
			c->bol = c->p + 1;
		}
		xgrow(&t, &cap, len + u + 1, 1);
		memcpy(t + len, c->p, u);
		len += u;
		c->p += u;
	}
	t[len] = '\0';
	cell->text = t;
	if (c->p < c->end && *c->p == sep) {
		c->p++;
		return 0;
	}
	if (c->p < c->end && *c->p == '\r')
		c->p++;
	if (c->p < c->end && *c->p == '\n')
		c->p++;
	c->line++;
	c->bol = c->p;
	return 1;
}

struct csv *
csv_parse(const char *name, const char *buf, size_t len, char sep,
    struct cl_error *err)
{
	struct csv	*cv = xcalloc(1, sizeof(*cv));
	struct csv_row	*r = NULL;
	struct cp	 c;
	int		 rc;

	c.p = c.bol = buf;
	c.end = buf + len;
	c.line = 1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c.p = c.bol = buf + 3;
	while (c.p < c.end) {
		if (r == NULL && (*c.p == '\n' || *c.p == '\r')) {
			if (*c.p == '\n') {
				c.line++;
				c.bol = c.p + 1;
			}
			c.p++;
			continue;
		}
		if (r == NULL) {
			xgrow(&cv->rows, &cv->cap, cv->n + 1,
			    sizeof(*cv->rows));
			r = &cv->rows[cv->n++];
			memset(r, 0, sizeof(*r));
		}
		xgrow(&r->v, &r->cap, r->n + 1, sizeof(*r->v));
		memset(&r->v[r->n], 0, sizeof(*r->v));
		rc = csv_cell(&c, sep, &r->v[r->n++], name, err);
		if (rc == -1) {
			csv_free(cv);
			return NULL;
		}
		if (rc == 1)
			r = NULL;
	}
	return cv;
}

void
csv_free(struct csv *cv)
{
	size_t	i, j;

	if (cv == NULL)
		return;
	for (i = 0; i < cv->n; i++) {
		for (j = 0; j < cv->rows[i].n; j++)
			free(cv->rows[i].v[j].text);
		free(cv->rows[i].v);
	}
	free(cv->rows);
	free(cv);
}
