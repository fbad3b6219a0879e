/*
 * lexicon.c: load rules/labels.yaml into one word list.
 *
 * Every word is folded once here, so matching a label is a substring
 * search over the folded label; ASCII words match on word boundaries,
 * so "input" is not found in "inputs_total" and "m" not in "medium".
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "base/yml.h"
#include "knowledge/lexicon.h"
#include "record/normalize.h"
#include "record/record.h"

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

char *
lx_fold(const char *s, size_t n)
{
	unsigned char	*d = (unsigned char *)xstrndup(s, n);
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] += 'a' - 'A';
		else if (i + 1 < n && d[i] == 0xc3 && d[i + 1] >= 0x80 &&
		    d[i + 1] <= 0x9e && d[i + 1] != 0x97)
			d[++i] += 0x20;		/* À-Þ */
		else if (i + 1 < n && d[i] == 0xd0 && d[i + 1] >= 0x90 &&
		    d[i + 1] <= 0x9f)
			d[++i] += 0x20;		/* А-П */
		else if (i + 1 < n && d[i] == 0xd0 && d[i + 1] >= 0xa0 &&
		    d[i + 1] <= 0xaf) {
			d[i] = 0xd1;		/* Р-Я */
			d[++i] -= 0x20;
		} else if (i + 1 < n && d[i] == 0xd0 && d[i + 1] == 0x81) {
			d[i] = 0xd1;		/* Ё */
			d[++i] = 0x91;
		}
	}
	return (char *)d;
}

static int
bounded(const struct lx_word *w, const char *t, size_t n, size_t at)
{
	if (w->wstart && at > 0 && is_alnum((unsigned char)t[at - 1]))
		return 0;
	if (w->wend && at + w->len < n && is_alpha((unsigned char)t[at +
	    w->len]))
		return 0;
	return 1;
}

static unsigned
pair_hash(unsigned char a, unsigned char b)
{
	return ((unsigned)a * 131 + b) & (LX_BUCKETS - 1);
}

static int
has_bit(const uint64_t *set, unsigned char c)
{
	return (set[c >> 6] >> (c & 63)) & 1;
}

static void
set_bit(uint64_t *set, unsigned char c)
{
	set[c >> 6] |= (uint64_t)1 << (c & 63);
}

/*
 * Calls fn for every word of kind at its place in t, places in order
 * and at one place in bykind order; fn returns 0 to stop.
 */
static void
each_word(const struct lexicon *lx, enum lx_kind kind, const char *t,
    size_t n, int (*fn)(void *, size_t, size_t), void *arg)
{
	const unsigned char	*u = (const unsigned char *)t;
	const uint16_t		*off = lx->bypair[kind];
	const struct lx_word	*w;
	size_t			 i, k, wi, h;

	for (i = 0; i < n; i++) {
		if (!has_bit(lx->starts[kind], u[i]))
			continue;
		for (k = 0; has_bit(lx->ones[kind], u[i]) &&
		    k < lx->nsingle[kind]; k++) {
			wi = lx->single[kind][k];
			if (lx->w[wi].b0 == u[i] &&
			    bounded(&lx->w[wi], t, n, i) && !fn(arg, wi, i))
				return;
		}
		if (i + 1 >= n)
			break;
		h = pair_hash(u[i], u[i + 1]);
		for (k = off[h]; k < off[h + 1]; k++) {
			wi = lx->bucket[kind][k];
			w = &lx->w[wi];
			if (w->len <= n - i && memcmp(t + i, w->text,
			    w->len) == 0 && bounded(w, t, n, i) &&
			    !fn(arg, wi, i))
				return;
		}
	}
}

struct best {
	const struct lexicon	*lx;
	int			 w;
	size_t			 at;
};

static int
keep_longest(void *arg, size_t wi, size_t at)
{
	struct best	*b = arg;

	/* Places come in order: on a tie the earlier one stays. */
	if (b->w == -1 || b->lx->w[wi].len > b->lx->w[b->w].len) {
		b->w = (int)wi;
		b->at = at;
	}
	return 1;
}

int
lx_find(const struct lexicon *lx, const char *t, size_t n,
    enum lx_kind kind, size_t *at)
{
	struct best	b = { lx, -1, 0 };

	if (lx == NULL)
		return -1;
	each_word(lx, kind, t, n, keep_longest, &b);
	if (at != NULL)
		*at = b.at;
	return b.w;
}

struct found {
	const struct lexicon	*lx;
	size_t			*out;
	size_t			 n, max;
};

static int
add_found(void *arg, size_t wi, size_t at)
{
	struct found	*f = arg;
	size_t		 i;

	(void)at;
	for (i = 0; i < f->n; i++)
		if (f->out[i] == wi)
			return 1;
	if (f->n == f->max)
		return 0;
	f->out[f->n++] = wi;
	return 1;
}

size_t
lx_present(const struct lexicon *lx, enum lx_kind kind, const char *t,
    size_t n, size_t *out, size_t max)
{
	struct found	f = { lx, out, 0, max };
	size_t		i, k;

	if (lx == NULL)
		return 0;
	each_word(lx, kind, t, n, add_found, &f);
	/* In bykind order (insertion sort: a handful of words). */
	for (i = 1; i < f.n; i++)
		for (k = i; k > 0 && lx->w[out[k - 1]].rank >
		    lx->w[out[k]].rank; k--) {
			size_t	x = out[k];

			out[k] = out[k - 1];
			out[k - 1] = x;
		}
	return f.n;
}

int
lx_at(const struct lexicon *lx, size_t wi, const char *t, size_t n,
    size_t from, size_t *at)
{
	const struct lx_word	*w = &lx->w[wi];
	const char		*p;

	while (from + w->len <= n) {
		p = memmem(t + from, n - from, w->text, w->len);
		if (p == NULL)
			return 0;
		if (bounded(w, t, n, (size_t)(p - t))) {
			*at = (size_t)(p - t);
			return 1;
		}
		from = (size_t)(p - t) + 1;
	}
	return 0;
}

int
lx_prefix(const struct lexicon *lx, const char *t, size_t n,
    enum lx_kind kind)
{
	const struct lx_word	*w;
	const size_t		*first;
	size_t			 i, k;
	int			 best = -1;

	if (lx == NULL || n == 0)
		return -1;
	first = lx->byfirst[kind];
	for (k = first[(unsigned char)t[0]];
	    k < first[(unsigned char)t[0] + 1]; k++) {
		i = lx->bykind[kind][k];
		w = &lx->w[i];
		if (w->len > n ||
		    memcmp(t, w->text, w->len) != 0 || !bounded(w, t, n, 0))
			continue;
		if (best == -1 || w->len > lx->w[best].len)
			best = (int)i;
	}
	return best;
}

static int
add_words(struct yml *y, yaml_node_t *n, const char *what,
    struct lexicon *lx, enum lx_kind kind, int arg, struct cl_error *err)
{
	char		**v = NULL;
	size_t		  nv = 0, i, len;
	struct lx_word	 *w;

	if (yml_read_strs(y, n, what, NULL, &v, &nv, err) == -1)
		return -1;
	for (i = 0; i < nv; i++) {
		len = strlen(v[i]);
		if (len == 0) {
			free(v[i]);
			continue;
		}
		if (lx->n == LX_MAXWORDS) {
			cl_error_set(err, y->file, yml_line(n), 0,
			    "more than %d words", LX_MAXWORDS);
			return -1;
		}
		xgrow(&lx->w, &lx->cap, lx->n + 1, sizeof(*lx->w));
		w = &lx->w[lx->n++];
		w->text = lx_fold(v[i], len);
		w->len = len;
		w->kind = kind;
		w->arg = arg;
		w->wstart = is_alnum((unsigned char)w->text[0]);
		w->wend = is_alpha((unsigned char)w->text[len - 1]);
		w->b0 = (unsigned char)w->text[0];
		free(v[i]);
	}
	free(v);
	return 0;
}

static int
lx_fields(struct yml_at *at, struct cl_error *err)
{
	yaml_node_t	*e;
	const char	*k;
	size_t		 i;
	int		 fid;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "fields must map record fields to label words");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &k, &e); i++) {
		fid = strcmp(k, "price") == 0 ? LX_PRICE_BOTH :
		    rec_field_by_path(k);
		if (fid == -1) {
			cl_error_set(err, at->y->file, yml_line(e), 0,
			    "fields: '%s' is not a record field", k);
			return -1;
		}
		if (add_words(at->y, e, k, at->dst, LX_FIELD, fid, err) == -1)
			return -1;
	}
	return 0;
}

static int
lx_units(struct yml_at *at, struct cl_error *err)
{
	yaml_node_t	*e;
	const char	*k;
	size_t		 i;
	int		 u;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "units must map 1M, 1K or token to words");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &k, &e); i++) {
		if (strcmp(k, "1M") == 0)
			u = PRICE_PER_1M;
		else if (strcmp(k, "1K") == 0)
			u = PRICE_PER_1K;
		else if (strcmp(k, "token") == 0)
			u = PRICE_PER_TOKEN;
		else {
			cl_error_set(err, at->y->file, yml_line(e), 0,
			    "units: '%s' is not 1M, 1K or token", k);
			return -1;
		}
		if (add_words(at->y, e, k, at->dst, LX_UNIT, u, err) == -1)
			return -1;
	}
	return 0;
}

static int
lx_currencies(struct yml_at *at, struct cl_error *err)
{
	struct lexicon	*lx = at->dst;
	yaml_node_t	*e;
	const char	*k;
	size_t		 i;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "currencies must map ISO codes to words");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &k, &e); i++) {
		if (strlen(k) != 3) {
			cl_error_set(err, at->y->file, yml_line(e), 0,
			    "currencies: '%s' is not an ISO code", k);
			return -1;
		}
		lx->iso = xreallocarray(lx->iso, lx->niso + 1,
		    sizeof(*lx->iso));
		memcpy(lx->iso[lx->niso], k, 4);
		if (add_words(at->y, e, k, lx, LX_CURRENCY, (int)lx->niso,
		    err) == -1)
			return -1;
		lx->niso++;
	}
	return 0;
}

static int
lx_magnitudes(struct yml_at *at, struct cl_error *err)
{
	struct lexicon	*lx = at->dst;
	yaml_node_t	*e;
	const char	*k;
	char		*end;
	double		 m;
	size_t		 i;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "magnitudes must map numbers to words");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &k, &e); i++) {
		m = strtod(k, &end);
		if (*end != '\0' || !(m >= 1 && m <= 1e12)) {
			cl_error_set(err, at->y->file, yml_line(e), 0,
			    "magnitudes: '%s' is not a number", k);
			return -1;
		}
		lx->mag = xreallocarray(lx->mag, lx->nmag + 1,
		    sizeof(*lx->mag));
		lx->mag[lx->nmag] = m;
		if (add_words(at->y, e, k, lx, LX_MAGNITUDE, (int)lx->nmag,
		    err) == -1)
			return -1;
		lx->nmag++;
	}
	return 0;
}

static int
lx_list(struct yml_at *at, struct cl_error *err)
{
	static const struct {
		const char	*key;
		enum lx_kind	 kind;
	} lists[] = {
		{ "not_base", LX_NOT_BASE }, { "base", LX_BASE },
		{ "free", LX_FREE }, { "skip", LX_SKIP }, { "from", LX_FROM },
		{ "filler", LX_FILLER }, { "amount", LX_AMOUNT },
		{ "stop", LX_STOP }, { "other", LX_OTHER }
	};
	size_t	i;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (strcmp(lists[i].key, at->row->key) == 0)
			return add_words(at->y, at->val, at->row->key, at->dst,
			    lists[i].kind, 0, err);
	return 0;
}

static const struct yml_row lexicon_rows[] = {
	{ .key = "fields", .type = YML_FN, .fn = lx_fields },
	{ .key = "not_base", .type = YML_FN, .fn = lx_list },
	{ .key = "base", .type = YML_FN, .fn = lx_list },
	{ .key = "units", .type = YML_FN, .fn = lx_units },
	{ .key = "currencies", .type = YML_FN, .fn = lx_currencies },
	{ .key = "free", .type = YML_FN, .fn = lx_list },
	{ .key = "skip", .type = YML_FN, .fn = lx_list },
	{ .key = "from", .type = YML_FN, .fn = lx_list },
	{ .key = "magnitudes", .type = YML_FN, .fn = lx_magnitudes },
	{ .key = "filler", .type = YML_FN, .fn = lx_list },
	{ .key = "amount", .type = YML_FN, .fn = lx_list },
	{ .key = "stop", .type = YML_FN, .fn = lx_list },
	{ .key = "other", .type = YML_FN, .fn = lx_list },
};
static const struct yml_table lexicon_table = YML_TABLE("the labels file",
    lexicon_rows);

/* Loading runs on one thread, before any worker starts. */
static const struct lexicon *sort_lx;

static int
first_cmp(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;
	int	c = (int)sort_lx->w[x].b0 - (int)sort_lx->w[y].b0;

	return c != 0 ? c : (x < y ? -1 : x > y);
}

/* The pair buckets of kind k, from bykind (which gives the rank). */
static void
index_pairs(struct lexicon *lx, size_t k)
{
	struct lx_word	*w;
	size_t		 i, h, nb = lx->nbykind[k];
	uint16_t	*fill;

	lx->bypair[k] = xcalloc(LX_BUCKETS + 1, sizeof(uint16_t));
	lx->bucket[k] = xcalloc(nb + 1, sizeof(uint16_t));
	lx->single[k] = xcalloc(nb + 1, sizeof(uint16_t));
	for (i = 0; i < nb; i++) {
		w = &lx->w[lx->bykind[k][i]];
		w->rank = (unsigned)i;
		set_bit(lx->starts[k], w->b0);
		if (w->len == 1)
			set_bit(lx->ones[k], w->b0);
		if (w->len == 1)
			lx->single[k][lx->nsingle[k]++] =
			    (uint16_t)lx->bykind[k][i];
		else
			lx->bypair[k][pair_hash(w->b0,
			    (unsigned char)w->text[1]) + 1]++;
	}
	for (h = 0; h < LX_BUCKETS; h++)
		lx->bypair[k][h + 1] += lx->bypair[k][h];
	fill = xcalloc(LX_BUCKETS, sizeof(uint16_t));
	for (i = 0; i < nb; i++) {
		w = &lx->w[lx->bykind[k][i]];
		if (w->len == 1)
			continue;
		h = pair_hash(w->b0, (unsigned char)w->text[1]);
		lx->bucket[k][lx->bypair[k][h] + fill[h]++] =
		    (uint16_t)lx->bykind[k][i];
	}
	free(fill);
}

struct lexicon *
lexicon_load(const char *path, struct cl_error *err)
{
	struct lexicon	*lx;
	struct yml	*y;
	size_t		 i, k, b;
	int		 rc;

	if ((y = yml_load(path, err)) == NULL)
		return NULL;
	lx = xcalloc(1, sizeof(*lx));
	rc = yml_read(y, yml_root(y), &lexicon_table, lx, NULL, err);
	yml_free(y);
	if (rc == -1) {
		lexicon_free(lx);
		return NULL;
	}
	for (i = 0; i < lx->n; i++)
		lx->nbykind[lx->w[i].kind]++;
	for (k = 0; k < LX__KINDS; k++) {
		lx->bykind[k] = xcalloc(lx->nbykind[k] + 1, sizeof(size_t));
		lx->nbykind[k] = 0;
	}
	for (i = 0; i < lx->n; i++) {
		k = lx->w[i].kind;
		lx->bykind[k][lx->nbykind[k]++] = i;
	}
	for (k = 0; k < LX__KINDS; k++) {
		sort_lx = lx;
		qsort(lx->bykind[k], lx->nbykind[k], sizeof(size_t),
		    first_cmp);
		lx->byfirst[k] = xcalloc(257, sizeof(size_t));
		for (i = 0, b = 0; b <= 256; b++) {
			while (i < lx->nbykind[k] &&
			    lx->w[lx->bykind[k][i]].b0 < b)
				i++;
			lx->byfirst[k][b] = i;
		}
		index_pairs(lx, k);
	}
	return lx;
}

void
lexicon_free(struct lexicon *lx)
{
	size_t	i;

	if (lx == NULL)
		return;
	for (i = 0; i < lx->n; i++)
		free(lx->w[i].text);
	free(lx->w);
	free(lx->iso);
	free(lx->mag);
	for (i = 0; i < LX__KINDS; i++) {
		free(lx->bykind[i]);
		free(lx->byfirst[i]);
		free(lx->bypair[i]);
		free(lx->bucket[i]);
		free(lx->single[i]);
	}
	free(lx);
}
