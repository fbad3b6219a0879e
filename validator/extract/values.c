/*
 * values.c: numbers, prices and token counts as pages of any locale
 * write them ("$0.15", "0,80 ₽", "2元/百万tokens", "R$ 5,00",
 * "32 768 токенов", "20万トークン", "1 Mio. Token"), read with the
 * currency, unit and magnitude words of the lexicon.  The record's
 * normalizer (record/normalize.c) reads the English forms profiles
 * capture; these readers serve the generic reader's cells and labels.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/generic.h"
#include "knowledge/lexicon.h"
#include "knowledge/profile.h"
#include "load/load.h"
#include "record/record.h"
#include "base/xalloc.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A space inside a number ("32 768"): ASCII, no-break or thin space. */
static size_t
num_space(const char *s, size_t n, size_t i)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (i < n && u[i] == ' ')
		return 1;
	if (i + 1 < n && u[i] == 0xc2 && u[i + 1] == 0xa0)
		return 2;
	if (i + 2 < n && u[i] == 0xe2 && u[i + 1] == 0x80 &&
	    (u[i + 2] == 0xaf || u[i + 2] == 0x89))
		return 3;
	return 0;
}

static size_t
digits_at(const char *s, size_t n, size_t i)
{
	size_t	k = 0;

	while (i + k < n && is_digit(s[i + k]))
		k++;
	return k;
}

/* Separators of one number: which is the decimal point, if any. */
static char
decimal_of(const char *d, size_t nd, int tokens)
{
	const char	*c = memchr(d, ',', nd), *p = memchr(d, '.', nd);
	const char	*lc = NULL, *q;
	size_t		 after, ncomma = 0, ndot = 0;

	for (q = d; q < d + nd; q++) {
		if (*q == ',')
			ncomma++;
		else if (*q == '.')
			ndot++;
		if (*q == ',' || *q == '.')
			lc = q;
	}
	if (c != NULL && p != NULL)
		return *lc;
	if (lc == NULL || ncomma > 1 || ndot > 1)
		return 0;
	after = (size_t)(d + nd - lc - 1);
	/* "0,125" and "0.125" are fractions; "1,234" is a thousand. */
	if (d[0] == '0' && lc == d + 1)
		return *lc;
	if (after != 3)
		return *lc;
	if (*lc == '.' && !tokens)
		return '.';
	return 0;
}

int
ex_number(const char *s, size_t n, size_t from, int tokens, double *v,
    size_t *a, size_t *b)
{
	char	 buf[64], d[64], dec;
	size_t	 i, j, k, sp, nd, nb;
	int	 spaced;

	for (i = from; i < n; i++) {
		if (!is_digit(s[i]))
			continue;
		if (i > 0 && (is_letter((unsigned char)s[i - 1]) ||
		    s[i - 1] == '-' || s[i - 1] == '_' || s[i - 1] == '/'))
			goto skip;
		nd = 0;
		spaced = 0;
		j = i;
		for (;;) {
			k = digits_at(s, n, j);
			if (nd + k + 1 >= sizeof(d))
				goto skip;	/* no price or count is this long */
			memcpy(d + nd, s + j, k);
			nd += k;
			j += k;
			if (j + 1 < n && (s[j] == ',' || s[j] == '.') &&
			    is_digit(s[j + 1])) {
				d[nd++] = s[j++];
				continue;
			}
			sp = num_space(s, n, j);
			if (sp > 0 && (spaced || nd <= 3) &&
			    digits_at(s, n, j + sp) == 3 &&
			    (j + sp + 3 >= n || !is_digit(s[j + sp + 3]))) {
				j += sp;
				spaced = 1;
				continue;
			}
			break;
		}
		/* "gpt-4o", "3b": a number glued to letters is a name;
		   "0x10" is no decimal number. */
		if (j < n && is_letter((unsigned char)s[j]) && j + 1 < n &&
		    is_letter((unsigned char)s[j + 1]) && !tokens)
			goto skip;
		if (j + 1 < n && (s[j] == 'x' || s[j] == 'X' || s[j] == 'e' ||
		    s[j] == 'E') && (is_digit(s[j + 1]) || ((s[j + 1] == '+' ||
		    s[j + 1] == '-') && j + 2 < n && is_digit(s[j + 2]))))
			goto skip;
		dec = decimal_of(d, nd, tokens);
		for (k = 0, nb = 0; k < nd && nb + 1 < sizeof(buf); k++) {
			if (d[k] == ',' || d[k] == '.') {
				if (d[k] == dec)
					buf[nb++] = '.';
				continue;
			}
			buf[nb++] = d[k];
		}
		buf[nb] = '\0';
		*v = strtod(buf, NULL);
		*a = i;
		*b = j;
		return isfinite(*v);
skip:
		while (i + 1 < n && (is_digit(s[i + 1]) || s[i + 1] == '.' ||
		    s[i + 1] == ','))
			i++;
	}
	return 0;
}

/* Is the number at a an old value ("from 128K to 200K")? */
static int
after_from(const struct lexicon *lx, const char *fold, size_t a)
{
	size_t	i = a, at;
	int	w;

	while (i > 0 && (fold[i - 1] == ' ' || fold[i - 1] == '$'))
		i--;
	if (i == 0)
		return 0;
	w = lx_find(lx, fold + (i > 24 ? i - 24 : 0), i > 24 ? 24 : i,
	    LX_FROM, &at);
	return w != -1 && (i > 24 ? i - 24 : 0) + at + lx->w[w].len == i;
}

int
ex_money(const struct lexicon *lx, const char *s, const char *fold,
    size_t n, enum price_unit dunit, const char *dcur, struct ex_val *v)
{
	size_t	from = 0, at;
	int	w;

	memset(v, 0, sizeof(*v));
	while (ex_number(s, n, from, 0, &v->num, &v->a, &v->b)) {
		if (!after_from(lx, fold, v->a))
			break;
		from = v->b;
		v->b = 0;
	}
	if (v->b == 0) {
		if (lx_find(lx, fold, n, LX_FREE, &at) == -1)
			return 0;
		v->is_free = 1;
		v->num = 0;
		v->unit = PRICE_PER_1M;
		memcpy(v->currency, dcur != NULL ? dcur : "USD", 4);
		return 1;
	}
	w = lx_find(lx, fold, n, LX_CURRENCY, &at);
	if (w != -1)
		memcpy(v->currency, lx->iso[lx->w[w].arg], 4);
	else
		memcpy(v->currency, dcur != NULL && *dcur != '\0' ? dcur :
		    "USD", 4);
	w = lx_find(lx, fold, n, LX_UNIT, &at);
	v->unit = w != -1 ? (enum price_unit)lx->w[w].arg : dunit;
	if (v->unit == PRICE_PER_1K)
		v->num *= 1000;
	else if (v->unit == PRICE_PER_TOKEN)
		v->num *= 1e6;
	return 1;
}

int
ex_tokens(const struct lexicon *lx, const char *s, const char *fold,
    size_t n, struct ex_val *v)
{
	size_t	i, at;
	int	w;

	memset(v, 0, sizeof(*v));
	if (lx_find(lx, fold, n, LX_CURRENCY, &at) != -1)
		return 0;
	if (!ex_number(s, n, 0, 1, &v->num, &v->a, &v->b))
		return 0;
	if (after_from(lx, fold, v->a)) {
		if (!ex_number(s, n, v->b, 1, &v->num, &v->a, &v->b))
			return 0;
	}
	for (i = v->b; i < n && fold[i] == ' '; i++)
		;
	w = lx_prefix(lx, fold + i, n - i, LX_MAGNITUDE);
	if (w != -1) {
		v->num *= lx->mag[lx->w[w].arg];
		v->b = i + lx->w[w].len;
	}
	v->num = round(v->num);
	return v->num >= 1 && v->num < 1e12;
}

/* "default 4K, maximum 8K": a limit's value is the largest. */
static int
max_tokens(const struct lexicon *lx, const char *s, const char *fold,
    size_t n, struct ex_val *v)
{
	struct ex_val	w;
	size_t		from;

	if (!ex_tokens(lx, s, fold, n, v))
		return 0;
	for (from = v->b; from < n && ex_tokens(lx, s + from, fold + from,
	    n - from, &w); from += w.b) {
		if (w.num > v->num) {
			*v = w;
			v->a += from;
			v->b += from;
		}
	}
	return 1;
}

int
ex_value(const struct lexicon *lx, int fid, const char *s,
    const char *fold, size_t n, enum price_unit dunit, const char *dcur,
    struct ex_val *v)
{
	if (fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT ||
	    fid == F_PRICE_CACHE || fid == LX_PRICE_BOTH)
		return ex_money(lx, s, fold, n, dunit, dcur, v);
	if (fid == F_MAX_OUTPUT)
		return max_tokens(lx, s, fold, n, v);
	if (fid == F_CONTEXT || fid == F_MAX_INPUT)
		return ex_tokens(lx, s, fold, n, v);
	return 0;
}

int
ex_label(const struct lexicon *lx, const char *fold, size_t n)
{
	size_t	at;
	int	w, fid;

	w = lx_find(lx, fold, n, LX_FIELD, &at);
	if (w == -1)
		return -1;
	fid = lx->w[w].arg;
	if ((fid == F_PRICE_INPUT || fid == F_PRICE_OUTPUT ||
	    fid == LX_PRICE_BOTH) &&
	    lx_find(lx, fold, n, LX_NOT_BASE, &at) != -1 &&
	    lx_find(lx, fold, n, LX_BASE, &at) == -1)
		return F_PRICE_CACHE;
	return fid;
}

void
ex_add(const struct ex_ctx *c, struct record *r, int fid, const char *raw,
    size_t rawlen, size_t off, const struct ex_val *v)
{
	struct seen	 s;
	char		*rw;
	size_t		 i;

	memset(&s, 0, sizeof(s));
	page_pos(c->pg, off, &s.line, &s.column);
	rw = xstrndup(raw, rawlen);
	for (i = 0; rw[i] != '\0'; i++)
		if (rw[i] == '\t')
			rw[i] = ' ';
	s.raw = rw;
	s.where = c->x->where;
	s.prio = c->x->prio;
	ex_note(c, fid, raw, rawlen, off, EX_TAKEN);
	if (fid == F_MODEL_NAME) {
		s.status = NORM_OK;
		s.str = rw;
	} else {
		s.status = NORM_OK;
		s.num = v->num;
		if (rec_fields[fid].type == FT_MONEY) {
			s.unit = v->unit;
			memcpy(s.currency, v->currency, sizeof(s.currency));
			s.is_free = v->is_free;
		}
	}
	record_add_seen(r, fid, &s);
	free(rw);
}

void
ex_merge(struct record *to, const struct record *from)
{
	size_t	i, j;

	for (i = 0; i < F__COUNT; i++)
		for (j = 0; j < from->f[i].n; j++)
			record_add_seen(to, (enum fid)i, &from->f[i].v[j]);
}

void
ex_note(const struct ex_ctx *c, int fid, const char *raw, size_t rawlen,
    size_t off, enum ex_verdict v)
{
	struct ex_note	n;

	if (c->trace == NULL)
		return;
	n.fid = fid;
	page_pos(c->pg, off, &n.line, &n.column);
	n.raw = raw;
	n.rawlen = rawlen;
	n.p = c->p;
	n.x = c->x;
	n.label = c->label;
	n.labellen = c->labellen;
	n.verdict = v;
	c->trace->note(c->trace->arg, &n);
}
