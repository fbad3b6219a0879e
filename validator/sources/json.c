/*
 * json.c: the positioned JSON tree, built from yajl's callback parser.
 * yajl (libyajl-dev) does the lexing and the grammar; this file turns
 * its events into the tree and each event's byte offset into a line
 * and column.  yajl_get_bytes_consumed() inside a callback is the
 * offset just past the token, so a token starts at the first byte
 * after the previous token that is neither white space nor the one
 * separator the grammar expects there.
 *
 * yajl is more lenient than RFC 8259 in a few corners that matter to a
 * linter (it passes lone surrogates on as '?', lets \u0000 and overlong
 * or surrogate UTF-8 through, takes \v and \f as white space), and it
 * reports a fault inside a string past the faulty byte; so every string
 * token is checked again as written, which also finds the exact byte of
 * a fault yajl stopped at.  Every fault stops the parse with its line
 * and column; nothing is guessed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "base/error.h"
#include "base/rx.h"
#include "base/xalloc.h"
#include "sources/json.h"

#define JN_DEPTH	64

enum jb_phase {
	JB_VALUE,	/* a value is due (at the start, after a name) */
	JB_OPEN,		/* just after '[' or '{' */
	JB_AFTER		/* just after a value inside a container */
};

struct jb {
	const char	*name;
	const char	*buf;
	size_t		 len;
	yajl_handle	 h;
	int		 finishing;	/* in yajl_complete_parse() */
	size_t		 prev;		/* offset past the last token */
	struct jn	*root;
	struct jn	*stack[JN_DEPTH + 2];
	size_t		 nstack;
	enum jb_phase	 phase;
	char		*key;	/* a member name waiting for its value */
	unsigned	 kline;
	unsigned	 kcolumn;
	/* Offsets to lines: offsets asked for never go backwards. */
	size_t		 lpos;
	size_t		 bol;
	unsigned	 line;
	unsigned	 line0;
	int		 failed;
	struct cl_error	*err;
};

static void
jb_where(struct jb *b, size_t off, unsigned *line, unsigned *column)
{
	const char	*nl;

	if (off < b->lpos) {
		b->lpos = b->bol = 0;
		b->line = b->line0;
	}
	while (b->lpos < off && (nl = memchr(b->buf + b->lpos, '\n',
	    off - b->lpos)) != NULL) {
		b->line++;
		b->lpos = b->bol = (size_t)(nl - b->buf) + 1;
	}
	b->lpos = off;
	*line = b->line;
	*column = (unsigned)(off - b->bol) + 1;
}

static int
jb_fail(struct jb *b, size_t off, const char *what)
{
	unsigned	line, column;

	if (b->failed)
		return 0;
	b->failed = 1;
	jb_where(b, off, &line, &column);
	cl_error_set(b->err, b->name, line, column, "%s JSON: %s",
	    off >= b->len ? "truncated" : "malformed", what);
	return 0;
}

static int
jb_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Where the next token starts: past white space and, if sep is not
 * NUL and stands next, past that separator and white space again.
 * *skipped says whether it did.  yajl's extra white space (\v, \f) is
 * not JSON: the token starts there and the caller finds no value.
 */
static size_t
jb_start(const struct jb *b, int sep, int *skipped)
{
	size_t	p = b->prev;

	*skipped = 0;
	while (p < b->len && jb_space(b->buf[p]))
		p++;
	if (sep != '\0' && p < b->len && b->buf[p] == sep) {
		*skipped = 1;
		p++;
		while (p < b->len && jb_space(b->buf[p]))
			p++;
	}
	return p;
}

/* The separator due before the next token. */
static int
jb_sep(const struct jb *b)
{
	if (b->nstack == 0 || b->phase == JB_OPEN)
		return '\0';
	if (b->stack[b->nstack - 1]->type == JN_OBJ)
		return b->phase == JB_VALUE ? ':' : ',';
	return b->phase == JB_AFTER ? ',' : '\0';
}

static int
jb_hex4(const char *p, const char *end, unsigned long *c)
{
	int	i, d;

	*c = 0;
	for (i = 0; i < 4; i++, p++) {
		if (p >= end)
			return -1;
		d = *p;
		if (d >= '0' && d <= '9')
			d -= '0';
		else if (d >= 'a' && d <= 'f')
			d -= 'a' - 10;
		else if (d >= 'A' && d <= 'F')
			d -= 'A' - 10;
		else
			return -1;
		*c = *c * 16 + (unsigned long)d;
	}
	return 0;
}

/* Bytes of the UTF-8 sequence at s (at most n), or 0 if invalid. */
static size_t
jb_utf8(const char *s, size_t n)
{
	unsigned char	c = (unsigned char)s[0];
	size_t		len;

	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	/* PCRE2's check refuses overlongs, surrogates, > U+10FFFF. */
	return n >= len && rx_utf8_valid(s, len) ? len : 0;
}

/* The escape after the backslash at p; *p moves past it. */
static const char *
jb_escape(const char **pp, const char *end)
{
	const char	*p = *pp;
	unsigned long	 c, lo;

	if (p >= end)
		return "a string is not closed";
	if (*p != 'u') {
		if (*p == '\0' || strchr("\"\\/bfnrt", *p) == NULL)
			return "an unknown escape in a string";
		*pp = p + 1;
		return NULL;
	}
	if (jb_hex4(++p, end, &c) == -1)
		return "\\u needs four hex digits";
	*pp = p += 4;
	if (c >= 0xdc00 && c <= 0xdfff)
		return "a lone low surrogate in a string";
	if (c >= 0xd800 && c <= 0xdbff) {
		if (end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
		    jb_hex4(p + 2, end, &lo) == -1 || lo < 0xdc00 ||
		    lo > 0xdfff)
			return "a lone high surrogate in a string";
		*pp = p + 6;
	}
	return c == 0 ? "a NUL character in a string" : NULL;
}

/*
 * Check the string token at off as written.  0 if it is sound JSON,
 * else the fault is set at its byte and -1 returned.
 */
static int
jb_string(struct jb *b, size_t off)
{
	const char	*p = b->buf + off + 1, *end = b->buf + b->len;
	const char	*what;
	size_t		 u;

	while (p < end && *p != '"') {
		if ((unsigned char)*p < 0x20) {
			jb_fail(b, (size_t)(p - b->buf),
			    "a control character in a string");
			return -1;
		}
		if (*p == '\\') {
			p++;
			if ((what = jb_escape(&p, end)) != NULL) {
				jb_fail(b, (size_t)(p - b->buf), what);
				return -1;
			}
			continue;
		}
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		if ((u = jb_utf8(p, (size_t)(end - p))) == 0) {
			jb_fail(b, (size_t)(p - b->buf),
			    "invalid UTF-8 in a string");
			return -1;
		}
		p += u;
	}
	if (p >= end) {
		jb_fail(b, b->len, "a string is not closed");
		return -1;
	}
	return 0;
}

/*
 * The token of the current callback: its start in *start.  0, or -1
 * with the fault set (a string that is not sound JSON, nesting).
 */
static int
jb_token(struct jb *b, size_t *start)
{
	int	skipped;

	*start = jb_start(b, jb_sep(b), &skipped);
	b->prev = b->finishing ? b->len : yajl_get_bytes_consumed(b->h);
	if (*start < b->len && (b->buf[*start] == '\v' ||
	    b->buf[*start] == '\f')) {
		jb_fail(b, *start, "not a value");
		return -1;
	}
	if (*start < b->len && b->buf[*start] == '"' &&
	    jb_string(b, *start) == -1)
		return -1;
	return 0;
}

static struct jn *
jn_add(struct jn *n)
{
	struct jn	*k;

	xgrow(&n->kid, &n->cap, n->nkid + 1, sizeof(*n->kid));
	k = &n->kid[n->nkid++];
	memset(k, 0, sizeof(*k));
	return k;
}

/* A new value node for the current token, or NULL on a fault. */
static struct jn *
jb_value(struct jb *b, enum jn_type type)
{
	struct jn	*n, *top;
	size_t		 start;

	if (jb_token(b, &start) == -1)
		return NULL;
	if (b->nstack > JN_DEPTH) {
		jb_fail(b, start, "nested deeper than 64 levels");
		return NULL;
	}
	if (b->nstack == 0)
		n = b->root = xcalloc(1, sizeof(*n));
	else {
		top = b->stack[b->nstack - 1];
		n = jn_add(top);
		if (top->type == JN_OBJ) {
			n->key = b->key;
			n->kline = b->kline;
			n->kcolumn = b->kcolumn;
			b->key = NULL;
		}
	}
	n->type = type;
	jb_where(b, start, &n->line, &n->column);
	b->phase = JB_AFTER;
	return n;
}

static int
jb_null(void *arg)
{
	return jb_value(arg, JN_NULL) != NULL;
}

static int
jb_bool(void *arg, int v)
{
	return jb_value(arg, v ? JN_TRUE : JN_FALSE) != NULL;
}

static int
jb_number(void *arg, const char *s, size_t len)
{
	struct jn	*n;

	if ((n = jb_value(arg, JN_NUM)) == NULL)
		return 0;
	n->text = xstrndup(s, len);
	return 1;
}

static int
jb_str(void *arg, const unsigned char *s, size_t len)
{
	struct jn	*n;

	if ((n = jb_value(arg, JN_STR)) == NULL)
		return 0;
	n->text = xstrndup((const char *)s, len);
	return 1;
}

static int
jb_key(void *arg, const unsigned char *s, size_t len)
{
	struct jb	*b = arg;
	size_t		 start;

	if (jb_token(b, &start) == -1)
		return 0;
	free(b->key);
	b->key = xstrndup((const char *)s, len);
	jb_where(b, start, &b->kline, &b->kcolumn);
	b->phase = JB_VALUE;
	return 1;
}

static int
jb_open(void *arg, enum jn_type type)
{
	struct jb	*b = arg;
	struct jn	*n;

	if ((n = jb_value(b, type)) == NULL)
		return 0;
	b->stack[b->nstack++] = n;
	b->phase = JB_OPEN;
	return 1;
}

static int
jb_start_map(void *arg)
{
	return jb_open(arg, JN_OBJ);
}

static int
jb_start_array(void *arg)
{
	return jb_open(arg, JN_ARR);
}

static int
jb_close(void *arg)
{
	struct jb	*b = arg;
	size_t		 start;

	if (jb_token(b, &start) == -1)
		return 0;
	b->nstack--;
	b->phase = JB_AFTER;
	return 1;
}

/* yajl allocates through the x* wrappers: out of memory ends the run. */
static void *
jb_malloc(void *ctx, size_t sz)
{
	(void)ctx;
	return xmalloc(sz);
}

static void *
jb_realloc(void *ctx, void *p, size_t sz)
{
	(void)ctx;
	return xrealloc(p, sz);
}

static void
jb_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

static const yajl_callbacks jb_callbacks = {
	jb_null, jb_bool, NULL, NULL, jb_number, jb_str,
	jb_start_map, jb_key, jb_close, jb_start_array, jb_close
};

/* Whether a value is due at the next token. */
static int
jb_value_due(const struct jb *b, int skipped)
{
	if (b->nstack == 0)
		return b->root == NULL;
	if (b->stack[b->nstack - 1]->type == JN_OBJ)
		return b->phase == JB_VALUE && skipped;
	return b->phase == JB_OPEN || (b->phase == JB_AFTER && skipped);
}

/* What was due where yajl stopped, in the words of the grammar. */
static const char *
jb_due(const struct jb *b, int c, int skipped)
{
	int	obj;

	if (b->nstack == 0)
		return b->root == NULL ? (c == '\0' ? "a value is missing" :
		    "not a value") : "bytes after the value";
	obj = b->stack[b->nstack - 1]->type == JN_OBJ;
	if (obj && (b->phase == JB_OPEN || (b->phase == JB_AFTER && skipped)))
		return "expected a member name";
	if (obj && b->phase == JB_VALUE && !skipped)
		return "expected ':' after a member name";
	if (b->phase == JB_AFTER && !skipped)
		return obj ? "expected ',' or '}' in an object" :
		    "expected ',' or ']' in an array";
	return "not a value";
}

/* Turn a stop of yajl's that no callback explained into a fault. */
static void
jb_stopped(struct jb *b)
{
	size_t	 start, at;
	int	 skipped, c;

	if (b->failed)
		return;
	start = jb_start(b, jb_sep(b), &skipped);
	c = start < b->len ? b->buf[start] : '\0';
	at = start;
	if (c == '"' && jb_string(b, start) == -1)
		return;
	if ((c == '-' || (c >= '0' && c <= '9')) &&
	    jb_value_due(b, skipped)) {
		/* yajl stops a number at the byte where a digit is due. */
		at = b->finishing ? b->len : yajl_get_bytes_consumed(b->h);
		jb_fail(b, at > start ? at : start,
		    "a number needs digits");
		return;
	}
	jb_fail(b, at, jb_due(b, c, skipped));
}

struct jn *
jn_parse(const char *name, const char *buf, size_t len, unsigned line0,
    struct cl_error *err)
{
	struct jb	 b;
	yajl_alloc_funcs af = { jb_malloc, jb_realloc, jb_free, NULL };
	yajl_status	 st;

	memset(&b, 0, sizeof(b));
	/* A byte order mark is allowed before the value. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	b.name = name;
	b.buf = buf;
	b.len = len;
	b.line = b.line0 = line0;
	b.err = err;
	if ((b.h = yajl_alloc(&jb_callbacks, &af, &b)) == NULL)
		xoom();
	st = yajl_parse(b.h, (const unsigned char *)buf, len);
	if (st == yajl_status_ok) {
		b.finishing = 1;
		st = yajl_complete_parse(b.h);
	}
	if (st != yajl_status_ok)
		jb_stopped(&b);
	else {
		/* yajl's white space includes \v and \f; JSON's does not. */
		while (b.prev < len && jb_space(buf[b.prev]))
			b.prev++;
		if (b.prev < len)
			jb_fail(&b, b.prev, "bytes after the value");
	}
	yajl_free(b.h);
	free(b.key);
	if (b.failed) {
		jn_free(b.root);
		return NULL;
	}
	return b.root;
}

static void
jn_empty(struct jn *n)
{
	size_t	i;

	for (i = 0; i < n->nkid; i++)
		jn_empty(&n->kid[i]);
	free(n->kid);
	free(n->key);
	free(n->text);
}

void
jn_free(struct jn *n)
{
	if (n == NULL)
		return;
	jn_empty(n);
	free(n);
}

const struct jn *
jn_member(const struct jn *n, const char *name)
{
	size_t	i;

	if (n == NULL || n->type != JN_OBJ)
		return NULL;
	for (i = n->nkid; i > 0; i--)
		if (strcmp(n->kid[i - 1].key, name) == 0)
			return &n->kid[i - 1];
	return NULL;
}

/* One reference token of a pointer, unescaped (~1 is /, ~0 is ~). */
static size_t
ptr_token(const char *p, char *tok, size_t sz)
{
	size_t	i = 0, n = 0;

	while (p[i] != '\0' && p[i] != '/') {
		if (p[i] == '~' && (p[i + 1] == '0' || p[i + 1] == '1')) {
			if (n + 1 < sz)
				tok[n++] = p[i + 1] == '0' ? '~' : '/';
			i += 2;
			continue;
		}
		if (n + 1 < sz)
			tok[n++] = p[i];
		i++;
	}
	tok[n] = '\0';
	return i;
}

const struct jn *
jn_pointer(const struct jn *n, const char *ptr)
{
	char		 tok[256], *end;
	unsigned long	 k;

	while (n != NULL && *ptr == '/') {
		ptr++;
		ptr += ptr_token(ptr, tok, sizeof(tok));
		if (n->type == JN_OBJ)
			n = jn_member(n, tok);
		else if (n->type == JN_ARR && tok[0] >= '0' && tok[0] <= '9') {
			k = strtoul(tok, &end, 10);
			n = *end == '\0' && k < n->nkid ? &n->kid[k] : NULL;
		} else
			n = NULL;
	}
	return *ptr == '\0' ? n : NULL;
}
