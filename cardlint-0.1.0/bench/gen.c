/* gen: synthetic corpus of model pages for the cardlint benchmark.
 *
 *   gen [-q] [-r] [-z] [-m MANIFEST] OUTDIR N SEED [TEMPLATE_DIR]
 *
 * Reads the fixture pages of TEMPLATE_DIR (default fixtures/pages) at run
 * time -- the seed pages NNN_*.{txt,html}, the clean pages *_clean*.{txt,html}
 * and the generic vendor pages generic_*.{txt,html} -- and writes N pages
 * built from them with seeded pseudo-random variation:
 *
 *   - the template's model name (and its slug) becomes "Model-<n> <size>B"
 *     ("model-<n>-<size>b"); n is drawn from a pool of about N/5 models, so
 *     one model shows up on several pages and sites (food for the corpus
 *     rules), with a size fixed per n; with -z ("popular models") n is
 *     drawn with a Zipf-like share instead, P(n) proportional to 1/n, the
 *     way real catalogues repeat models: at 30k pages the first model is
 *     on about 3,000 pages, the tenth on about 300, most on one or two;
 *     the related-model cards of a template (SiliconFlow's) are on every
 *     page made from it, as a site shows the same cards site-wide;
 *   - every dollar amount on the page is multiplied by one factor
 *     (0.70 .. 1.40), keeping its number of decimals;
 *   - every date (YYYY-MM-DD, "Month D, YYYY", "Mon D, YYYY") is shifted by
 *     one number of days (-300 .. 0), except the release dates on the
 *     related-model cards ("Release on: ..."), which are other models' facts
 *     and stay as the template has them (-r shifts them too: every page
 *     then disagrees with every other about those models, a stress case for
 *     the corpus rules);
 *   - about 5 % of the pages carry one anomaly: the output price x1000
 *     ("price"), the template phrase "according to the seed data" ("phrase")
 *     or the page cut in half ("truncated").
 *
 * Pages go to OUTDIR/html/DDDD/ and OUTDIR/txt/DDDD/, at most 1000 files per
 * directory, named pNNNNNNN_<template>.<ext>.  Page i depends only on SEED,
 * i and the templates (xorshift64* seeded per page), so the corpus is the same
 * for a given seed on every run.  -m writes a tab-separated manifest (path,
 * template, model, factor, day shift, anomaly); the templates found and a
 * one-line summary ("pages N html N txt N bytes N ...") go to stdout; -q
 * keeps only the summary line.  Only libc (and POSIX open/mkdir/opendir) is
 * used.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define PER_DIR 1000
#define ANOMALY_RATE 0.05

enum hole_kind { H_NAME, H_SLUG, H_PRICE, H_ISO, H_TEXTDATE, H_INSERT };

struct hole {
	enum hole_kind kind;
	size_t start, end;      /* byte range replaced in the template */
	double value;           /* H_PRICE */
	int decimals;           /* H_PRICE */
	int is_output;          /* H_PRICE: the page's output price */
	long days;              /* dates: days since 1970-01-01 */
	int abbrev;             /* H_TEXTDATE: month style (0 full, 3 "Oct", 4 "Sept") */
};

struct tmpl {
	char *name;             /* file name */
	char stem[64];          /* file name without extension, for the output name */
	int html;
	char *text;
	size_t len;
	char *model;            /* detected model name or NULL */
	char *slug;             /* slug of model or NULL */
	struct hole *holes;
	size_t nholes, cap;
};

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "gen: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory", NULL);
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- random numbers --------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

struct rng { uint64_t s; };

static uint64_t rnext(struct rng *r)  /* xorshift64* */
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

static double runit(struct rng *r)
{
	return (double)(rnext(r) >> 11) * (1.0 / 9007199254740992.0);
}

static uint64_t rbelow(struct rng *r, uint64_t n)
{
	return n ? rnext(r) % n : 0;
}

static struct rng rng_for(uint64_t seed, uint64_t i)
{
	uint64_t x = seed ^ (i * 0xD1B54A32D192ED03ULL);
	struct rng r;
	r.s = splitmix64(&x);
	if (!r.s)
		r.s = 1;
	return r;
}

/* ---- dates ------------------------------------------------------------ */

static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

static const char *const MONTHS[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int days_in_month(long y, unsigned m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* YYYY-MM-DD at p (not glued to other digits/letters). Returns length or 0. */
static size_t match_iso(const char *t, size_t len, size_t p, long *days)
{
	if (p + 10 > len || (p > 0 && is_alnum((unsigned char)t[p - 1])))
		return 0;
	const char *s = t + p;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!is_digit((unsigned char)s[i])) {
			return 0;
		}
	}
	if (p + 10 < len && is_alnum((unsigned char)s[10]))
		return 0;
	long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || (int)d > days_in_month(y, m))
		return 0;
	*days = days_from_civil(y, m, d);
	return 10;
}

/* "March 25, 2026", "Oct 28, 2025", "Sept 3, 2024" at p. */
static size_t match_textdate(const char *t, size_t len, size_t p, long *days, int *abbrev)
{
	if (p > 0 && is_alnum((unsigned char)t[p - 1]))
		return 0;
	for (unsigned mi = 0; mi < 12; mi++) {
		const char *mn = MONTHS[mi];
		size_t full = strlen(mn), ml = 0;
		int ab = 0;
		if (p + full <= len && memcmp(t + p, mn, full) == 0) {
			ml = full;
		} else if (mi == 8 && p + 4 <= len && memcmp(t + p, "Sept", 4) == 0) {
			ml = 4;
			ab = 4;
		} else if (p + 3 <= len && memcmp(t + p, mn, 3) == 0) {
			ml = 3;
			ab = 3;
		}
		if (!ml)
			continue;
		size_t q = p + ml;
		if (q < len && t[q] == '.' && ab)
			return 0;   /* keep it simple: no "Oct." */
		if (q >= len || t[q] != ' ')
			continue;
		q++;
		unsigned d = 0;
		size_t nd = 0;
		while (q < len && is_digit((unsigned char)t[q]) && nd < 3) {
			d = d * 10 + (unsigned)(t[q] - '0');
			q++;
			nd++;
		}
		if (nd < 1 || nd > 2 || q + 6 > len || t[q] != ',' || t[q + 1] != ' ')
			continue;
		q += 2;
		long y = 0;
		for (size_t i = 0; i < 4; i++) {
			if (!is_digit((unsigned char)t[q + i]))
				return 0;
			y = y * 10 + (t[q + i] - '0');
		}
		q += 4;
		if (q < len && is_alnum((unsigned char)t[q]))
			return 0;
		if (y < 1900 || y > 2100 || d < 1 || (int)d > days_in_month(y, mi + 1))
			return 0;
		*days = days_from_civil(y, mi + 1, d);
		*abbrev = ab;
		return q - p;
	}
	return 0;
}

/* ---- prices ----------------------------------------------------------- */

/* A dollar sign ("$" or "&#36;") at p followed, after blanks and at most
 * three tags, by a number.  Sets *ns and *ne to the number's range. */
static int match_price(const char *t, size_t len, size_t p, size_t *ns, size_t *ne,
		       double *value, int *decimals)
{
	size_t q;
	if (t[p] == '$')
		q = p + 1;
	else if (p + 5 <= len && memcmp(t + p, "&#36;", 5) == 0)
		q = p + 5;
	else
		return 0;
	int tags = 0;
	size_t limit = q + 120 < len ? q + 120 : len;
	while (q < limit) {
		char c = t[q];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			q++;
		} else if (c == '<' && tags < 3) {
			while (q < limit && t[q] != '>')
				q++;
			if (q >= limit)
				return 0;
			q++;
			tags++;
		} else {
			break;
		}
	}
	if (q >= len || !is_digit((unsigned char)t[q]))
		return 0;
	size_t s = q;
	double v = 0;
	while (q < len && is_digit((unsigned char)t[q]))
		v = v * 10 + (t[q++] - '0');
	int dec = 0;
	if (q + 1 < len && t[q] == '.' && is_digit((unsigned char)t[q + 1])) {
		double f = 0.1;
		q++;
		while (q < len && is_digit((unsigned char)t[q])) {
			v += (t[q++] - '0') * f;
			f /= 10;
			dec++;
		}
	}
	if (q - s > 15)
		return 0;
	*ns = s;
	*ne = q;
	*value = v;
	*decimals = dec;
	return 1;
}

static size_t fmt_price(char *out, double v, int dec)
{
	int d = dec;
	/* a non-zero price must not print as zero */
	while (v > 0 && d < 8) {
		double scale = 1;
		for (int i = 0; i < d; i++)
			scale *= 10;
		if (v * scale >= 0.5)
			break;
		d++;
	}
	return (size_t)sprintf(out, "%.*f", d, v);
}

/* ---- templates -------------------------------------------------------- */

static void add_hole(struct tmpl *t, struct hole h)
{
	if (t->nholes == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		struct hole *n = realloc(t->holes, t->cap * sizeof *n);
		if (!n)
			die("out of memory", NULL);
		t->holes = n;
	}
	t->holes[t->nholes++] = h;
}

static char *slugify(const char *s)
{
	size_t n = strlen(s);
	char *o = xmalloc(n + 1), *w = o;
	int dash = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_alnum(c)) {
			if (dash && w > o)
				*w++ = '-';
			dash = 0;
			*w++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else {
			dash = 1;
		}
	}
	*w = '\0';
	return o;
}

static const char *memfind(const char *h, size_t hl, const char *n)
{
	size_t nl = strlen(n);
	if (nl == 0 || nl > hl)
		return NULL;
	for (const char *p = h; (p = memchr(p, n[0], hl - (size_t)(p - h) - nl + 1)); p++)
		if (memcmp(p, n, nl) == 0)
			return p;
	return NULL;
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

/* The model name a page is about: the HTML <h1> (minus " on Provider"), or
 * for text the "Model: X" line, the line after "X logo", the "X on Provider"
 * heading, or the first line. */
static char *detect_model(const struct tmpl *t)
{
	const char *s = t->text, *end = t->text + t->len;
	if (t->html) {
		const char *h = memfind(s, t->len, "<h1");
		if (!h)
			return NULL;
		h = memchr(h, '>', (size_t)(end - h));
		if (!h)
			return NULL;
		h++;
		const char *e = memfind(h, (size_t)(end - h), "</h1>");
		if (!e)
			return NULL;
		char buf[256];
		size_t n = 0;
		for (const char *p = h; p < e && n + 1 < sizeof buf; p++) {
			if (*p == '<') {
				const char *q = memchr(p, '>', (size_t)(e - p));
				if (!q)
					break;
				p = q;
				continue;
			}
			buf[n++] = *p;
		}
		buf[n] = '\0';
		char *on = strstr(buf, " on ");
		if (on)
			*on = '\0';
		if (strchr(buf, '&'))
			return NULL;    /* entities: not worth decoding here */
		return trim_dup(buf, strlen(buf));
	}
	/* text: split the first 40 lines */
	const char *ls[40];
	size_t ll[40];
	int nl = 0;
	for (const char *p = s; p < end && nl < 40;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		ls[nl] = p;
		ll[nl] = (size_t)(e - p);
		nl++;
		p = e + 1;
	}
	for (int i = 0; i < nl; i++)
		if (ll[i] > 7 && memcmp(ls[i], "Model: ", 7) == 0)
			return trim_dup(ls[i] + 7, ll[i] - 7);
	if (nl > 0 && ll[0] > 5 && memcmp(ls[0] + ll[0] - 5, " logo", 5) == 0)
		for (int i = 1; i < nl; i++)
			if (ll[i])
				return trim_dup(ls[i], ll[i]);
	for (int i = 0; i < nl && i < 8; i++) {
		char buf[256];
		size_t n = ll[i] < sizeof buf - 1 ? ll[i] : sizeof buf - 1;
		memcpy(buf, ls[i], n);
		buf[n] = '\0';
		char *on = strstr(buf, " on ");
		if (on && on > buf && ll[i] <= 80) {
			*on = '\0';
			return trim_dup(buf, strlen(buf));
		}
	}
	for (int i = 0; i < nl; i++)
		if (ll[i])
			return trim_dup(ls[i], ll[i]);
	return NULL;
}

/* Byte offset of the number of the page's own output price, or (size_t)-1. */
static size_t find_output_price(const struct tmpl *t)
{
	const char *s = t->text;
	size_t len = t->len, from = 0;
	if (t->html) {
		const char *b = memfind(s, len, "<body");
		if (b)
			from = (size_t)(b - s);
	}
	size_t ns, ne;
	double v;
	int dec;
	/* SiliconFlow: "$ in / $ out" after "Available Serverless" */
	const char *a = memfind(s + from, len - from, "Available Serverless");
	if (a) {
		int seen = 0;
		for (size_t p = (size_t)(a - s); p < len && p < (size_t)(a - s) + 800; p++)
			if (match_price(s, len, p, &ns, &ne, &v, &dec) && ++seen == 2)
				return ns;
		return (size_t)-1;
	}
	static const char *const labels[] = {
		"Output / 1M", "Output (per 1M tokens)", "Output price", "Output:", NULL
	};
	for (int i = 0; labels[i]; i++) {
		const char *l = memfind(s + from, len - from, labels[i]);
		if (!l)
			continue;
		size_t p0 = (size_t)(l - s);
		for (size_t p = p0; p < len && p < p0 + 300; p++)
			if (match_price(s, len, p, &ns, &ne, &v, &dec))
				return ns;
	}
	return (size_t)-1;
}

/* Dates in the related-model cards ("Release on: Oct 28, 2025" on SiliconFlow)
 * belong to other models, which look the same on every page: shifting them
 * per page would make thousands of pages disagree about one model's release
 * date, which no real corpus does. */
static int shift_related;   /* -r: shift them too (a stress case) */
static int popular;         /* -z: a Zipf-like share of pages per model */

/* The cumulative shares of the models 1..n under P(k) ~ 1/k. */
static double *zipf_cdf(unsigned long long n)
{
	double *c = xmalloc((size_t)n * sizeof *c), s = 0;
	for (unsigned long long k = 0; k < n; k++) {
		s += 1.0 / (double)(k + 1);
		c[k] = s;
	}
	for (unsigned long long k = 0; k < n; k++)
		c[k] /= s;
	return c;
}

/* The model (0-based) whose share holds u in [0, 1). */
static unsigned long long zipf_pick(const double *c, unsigned long long n, double u)
{
	unsigned long long lo = 0, hi = n - 1;
	while (lo < hi) {
		unsigned long long mid = lo + (hi - lo) / 2;
		if (c[mid] <= u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int related_card_date(const char *s, size_t p)
{
	if (shift_related)
		return 0;
	size_t from = p > 48 ? p - 48 : 0;
	return memfind(s + from, p - from, "Release on:") != NULL;
}

static void scan_template(struct tmpl *t)
{
	const char *s = t->text;
	size_t len = t->len;
	size_t nml = t->model ? strlen(t->model) : 0;
	size_t sll = t->slug && strcmp(t->slug, t->model) ? strlen(t->slug) : 0;
	size_t outp = find_output_price(t);
	size_t ins = len;
	if (t->html) {
		const char *m = memfind(s, len, "</main>");
		if (!m)
			m = memfind(s, len, "</body>");
		if (m)
			ins = (size_t)(m - s);
	}
	int inserted = 0;
	for (size_t p = 0; p < len;) {
		struct hole h;
		memset(&h, 0, sizeof h);
		if (!inserted && p >= ins) {
			h.kind = H_INSERT;
			h.start = h.end = p;
			add_hole(t, h);
			inserted = 1;
			memset(&h, 0, sizeof h);
		}
		unsigned char c = (unsigned char)s[p];
		size_t n, ns, ne;
		if (nml && c == (unsigned char)t->model[0] && p + nml <= len &&
		    memcmp(s + p, t->model, nml) == 0) {
			h.kind = H_NAME;
			h.start = p;
			h.end = p + nml;
			add_hole(t, h);
			p += nml;
			continue;
		}
		if (sll && c == (unsigned char)t->slug[0] && p + sll <= len &&
		    memcmp(s + p, t->slug, sll) == 0) {
			h.kind = H_SLUG;
			h.start = p;
			h.end = p + sll;
			add_hole(t, h);
			p += sll;
			continue;
		}
		if ((c == '$' || c == '&') &&
		    match_price(s, len, p, &ns, &ne, &h.value, &h.decimals)) {
			h.kind = H_PRICE;
			h.start = ns;
			h.end = ne;
			h.is_output = ns == outp;
			add_hole(t, h);
			p = ne;
			continue;
		}
		if ((is_digit(c) || (c >= 'A' && c <= 'S')) && related_card_date(s, p)) {
			p++;     /* another model's fact: the same on every page */
			continue;
		}
		if (is_digit(c) && (n = match_iso(s, len, p, &h.days))) {
			h.kind = H_ISO;
			h.start = p;
			h.end = p + n;
			add_hole(t, h);
			p += n;
			continue;
		}
		if (c >= 'A' && c <= 'S' && (n = match_textdate(s, len, p, &h.days, &h.abbrev))) {
			h.kind = H_TEXTDATE;
			h.start = p;
			h.end = p + n;
			add_hole(t, h);
			p += n;
			continue;
		}
		p++;
	}
	if (!inserted) {
		struct hole h;
		memset(&h, 0, sizeof h);
		h.kind = H_INSERT;
		h.start = h.end = len;
		add_hole(t, h);
	}
}

static int is_template_name(const char *n)
{
	size_t l = strlen(n);
	const char *ext = strrchr(n, '.');
	if (!ext || (strcmp(ext, ".txt") && strcmp(ext, ".html")))
		return 0;
	if (l > 4 && is_digit((unsigned char)n[0]) && is_digit((unsigned char)n[1]) &&
	    is_digit((unsigned char)n[2]) && n[3] == '_')
		return 1;
	if (strstr(n, "_clean"))
		return 1;
	if (strncmp(n, "generic_", 8) == 0)
		return 1;
	return 0;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot read", path);
	size_t cap = 1 << 16, n = 0;
	char *b = xmalloc(cap);
	size_t r;
	while ((r = fread(b + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			char *nb = realloc(b, cap);
			if (!nb)
				die("out of memory", NULL);
			b = nb;
		}
	}
	fclose(f);
	*len = n;
	return b;
}

static struct tmpl *load_templates(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d)
		die("cannot open template directory", dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_template_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = realloc(names, cap * sizeof *nn);
			if (!nn)
				die("out of memory", NULL);
			names = nn;
		}
		names[n++] = xstrndup(e->d_name, strlen(e->d_name));
	}
	closedir(d);
	if (!n)
		die("no template pages in", dir);
	qsort(names, n, sizeof *names, cmpstr);
	struct tmpl *ts = calloc(n, sizeof *ts);
	if (!ts)
		die("out of memory", NULL);
	for (size_t i = 0; i < n; i++) {
		struct tmpl *t = &ts[i];
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		t->name = names[i];
		const char *dot = strrchr(names[i], '.');
		t->html = strcmp(dot, ".html") == 0;
		size_t sl = (size_t)(dot - names[i]);
		if (sl >= sizeof t->stem)
			sl = sizeof t->stem - 1;
		memcpy(t->stem, names[i], sl);
		t->stem[sl] = '\0';
		t->text = read_file(path, &t->len);
		t->model = detect_model(t);
		t->slug = t->model ? slugify(t->model) : NULL;
		scan_template(t);
	}
	free(names);
	*count = n;
	return ts;
}

/* ---- output ----------------------------------------------------------- */

struct buf { char *p; size_t n, cap; };

static void bput(struct buf *b, const char *s, size_t n)
{
	if (b->n + n > b->cap) {
		while (b->n + n > b->cap)
			b->cap = b->cap ? b->cap * 2 : 1 << 16;
		char *np = realloc(b->p, b->cap);
		if (!np)
			die("out of memory", NULL);
		b->p = np;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void bputs(struct buf *b, const char *s) { bput(b, s, strlen(s)); }

static void mkdir_p1(const char *p)
{
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		die("cannot create directory", p);
}

static const char *const ANOMALY[4] = {"", "price", "phrase", "truncated"};
static const int SIZES[] = {1, 3, 7, 8, 13, 14, 24, 32, 70, 123, 405};

int main(int argc, char **argv)
{
	int quiet = 0;
	const char *manifest = NULL;
	int ai = 1;
	while (ai < argc && argv[ai][0] == '-' && argv[ai][1]) {
		if (strcmp(argv[ai], "-q") == 0) {
			quiet = 1;
			ai++;
		} else if (strcmp(argv[ai], "-r") == 0) {
			shift_related = 1;
			ai++;
		} else if (strcmp(argv[ai], "-z") == 0) {
			popular = 1;
			ai++;
		} else if (strcmp(argv[ai], "-m") == 0 && ai + 1 < argc) {
			manifest = argv[ai + 1];
			ai += 2;
		} else if (strcmp(argv[ai], "--") == 0) {
			ai++;
			break;
		} else {
			break;
		}
	}
	if (argc - ai < 3 || argc - ai > 4) {
		fprintf(stderr, "usage: gen [-q] [-r] [-z] [-m MANIFEST] OUTDIR N SEED [TEMPLATE_DIR]\n");
		return 2;
	}
	const char *outdir = argv[ai];
	char *endp;
	errno = 0;
	unsigned long long npages = strtoull(argv[ai + 1], &endp, 10);
	if (errno || *endp || argv[ai + 1][0] == '-')
		die("bad page count", argv[ai + 1]);
	unsigned long long seed = strtoull(argv[ai + 2], &endp, 0);
	if (*endp)
		die("bad seed", argv[ai + 2]);
	const char *tdir = argc - ai == 4 ? argv[ai + 3] : "fixtures/pages";

	size_t nt;
	struct tmpl *ts = load_templates(tdir, &nt);
	if (!quiet) {
		for (size_t i = 0; i < nt; i++) {
			size_t np = 0, nd = 0, nn = 0, out = 0;
			for (size_t k = 0; k < ts[i].nholes; k++) {
				struct hole *h = &ts[i].holes[k];
				np += h->kind == H_PRICE;
				out += h->kind == H_PRICE && h->is_output;
				nd += h->kind == H_ISO || h->kind == H_TEXTDATE;
				nn += h->kind == H_NAME || h->kind == H_SLUG;
			}
			printf("template %-28s model %-30s names %2zu prices %2zu dates %2zu output-price %s\n",
			       ts[i].name, ts[i].model ? ts[i].model : "(none)", nn, np, nd,
			       out ? "found" : "NOT FOUND");
		}
	}

	FILE *mf = NULL;
	if (manifest) {
		mf = fopen(manifest, "w");
		if (!mf)
			die("cannot write manifest", manifest);
		fprintf(mf, "path\ttemplate\tmodel\tfactor\tshift_days\tanomaly\n");
	}

	mkdir_p1(outdir);
	char path[4096];
	snprintf(path, sizeof path, "%s/html", outdir);
	mkdir_p1(path);
	snprintf(path, sizeof path, "%s/txt", outdir);
	mkdir_p1(path);

	unsigned long long pool = npages / 5 ? npages / 5 : 1;
	double *cdf = popular ? zipf_cdf(pool) : NULL;
	unsigned long long count_html = 0, count_txt = 0, bytes_html = 0, bytes_txt = 0;
	unsigned long long anomalies[4] = {0, 0, 0, 0};
	unsigned long long last_dir[2] = {(unsigned long long)-1, (unsigned long long)-1};
	unsigned long long counter[2] = {0, 0};
	struct buf b = {0};
	char num[64], name[128], slug[128];

	for (unsigned long long i = 0; i < npages; i++) {
		struct rng r = rng_for(seed, i);
		const struct tmpl *t = &ts[rbelow(&r, nt)];
		unsigned long long mid = 1 + (popular ? zipf_pick(cdf, pool, runit(&r)) :
		    rbelow(&r, pool));
		struct rng rm = rng_for(seed ^ 0x5EEDULL, mid);
		int size = SIZES[rbelow(&rm, sizeof SIZES / sizeof SIZES[0])];
		snprintf(name, sizeof name, "Model-%llu %dB", mid, size);
		snprintf(slug, sizeof slug, "model-%llu-%db", mid, size);
		double factor = 0.70 + 0.70 * runit(&r);
		long shift = -(long)rbelow(&r, 301);
		int anomaly = 0;
		if (runit(&r) < ANOMALY_RATE)
			anomaly = 1 + (int)rbelow(&r, 3);
		if (anomaly == 1) {
			int has_out = 0;
			for (size_t k = 0; k < t->nholes && !has_out; k++)
				has_out = t->holes[k].kind == H_PRICE && t->holes[k].is_output;
			if (!has_out)
				anomaly = 2;   /* no output price on this template */
		}
		anomalies[anomaly]++;

		b.n = 0;
		size_t at = 0;
		for (size_t k = 0; k < t->nholes; k++) {
			const struct hole *h = &t->holes[k];
			bput(&b, t->text + at, h->start - at);
			at = h->end;
			switch (h->kind) {
			case H_NAME:
				bputs(&b, name);
				break;
			case H_SLUG:
				bputs(&b, slug);
				break;
			case H_PRICE: {
				double v = h->value * factor;
				if (anomaly == 1 && h->is_output)
					v *= 1000;
				bput(&b, num, fmt_price(num, v, h->decimals));
				break;
			}
			case H_ISO: {
				long y;
				unsigned m, d;
				civil_from_days(h->days + shift, &y, &m, &d);
				bput(&b, num, (size_t)snprintf(num, sizeof num, "%04ld-%02u-%02u", y, m, d));
				break;
			}
			case H_TEXTDATE: {
				long y;
				unsigned m, d;
				civil_from_days(h->days + shift, &y, &m, &d);
				const char *mn = MONTHS[m - 1];
				int ml = h->abbrev == 0 ? (int)strlen(mn) : (m == 9 && h->abbrev == 4 ? 4 : 3);
				bput(&b, num, (size_t)snprintf(num, sizeof num, "%.*s %u, %ld", ml, mn, d, y));
				break;
			}
			case H_INSERT:
				if (anomaly == 2) {
					if (t->html)
						bputs(&b, "<p>");
					else
						bputs(&b, "\n");
					bputs(&b, name);
					bputs(&b, " is open source according to the seed data.");
					bputs(&b, t->html ? "</p>\n" : "\n");
				}
				break;
			}
		}
		bput(&b, t->text + at, t->len - at);
		if (anomaly == 3) {
			size_t cut = b.n / 2;
			while (cut > 0 && ((unsigned char)b.p[cut] & 0xC0) == 0x80)
				cut--;
			b.n = cut;
		}

		int kind = t->html ? 0 : 1;
		unsigned long long idx = counter[kind]++;
		unsigned long long dir = idx / PER_DIR;
		const char *sub = t->html ? "html" : "txt";
		if (dir != last_dir[kind]) {
			snprintf(path, sizeof path, "%s/%s/%04llu", outdir, sub, dir);
			mkdir_p1(path);
			last_dir[kind] = dir;
		}
		snprintf(path, sizeof path, "%s/%s/%04llu/p%07llu_%s.%s", outdir, sub, dir, i,
			 t->stem, t->html ? "html" : "txt");
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (fd < 0)
			die("cannot write", path);
		size_t off = 0;
		while (off < b.n) {
			ssize_t w = write(fd, b.p + off, b.n - off);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				die("write failed", path);
			}
			off += (size_t)w;
		}
		if (close(fd) != 0)
			die("close failed", path);
		if (t->html) {
			count_html++;
			bytes_html += b.n;
		} else {
			count_txt++;
			bytes_txt += b.n;
		}
		if (mf)
			fprintf(mf, "%s\t%s\t%s\t%.4f\t%ld\t%s\n", path, t->name, name, factor, shift,
				anomaly ? ANOMALY[anomaly] : "-");
	}
	if (mf && fclose(mf) != 0)
		die("cannot write manifest", manifest);
	printf("pages %llu html %llu txt %llu bytes %llu html_bytes %llu txt_bytes %llu "
	       "models %llu anomaly_price %llu anomaly_phrase %llu anomaly_truncated %llu\n",
	       npages, count_html, count_txt, bytes_html + bytes_txt, bytes_html, bytes_txt,
	       pool, anomalies[1], anomalies[2], anomalies[3]);
	free(b.p);
	free(cdf);
	for (size_t i = 0; i < nt; i++) {
		free(ts[i].name);
		free(ts[i].text);
		free(ts[i].model);
		free(ts[i].slug);
		free(ts[i].holes);
	}
	free(ts);
	return 0;
}
