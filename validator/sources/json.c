/*
 * json.c: a recursive-descent JSON reader (RFC 8259) that notes the
 * line and column of every value and member name.  Written here rather
 * than taken from a library because the Debian-packaged readers either
 * give no positions (jansson) or only byte offsets through callbacks
 * (yajl), and the tree is what the mapping engine walks anyway.  Every
 * fault stops the parse with its line and column; nothing is guessed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "sources/json.h"

#define JN_DEPTH	64

struct jp {
	const char	*name;
	const char	*p;
	const char	*end;
	const char	*bol;		/* start of the current line */
	unsigned	 line;
	struct cl_error	*err;
};

static int	jp_value(struct jp *, struct jn *, int depth);

static unsigned
jp_col(const struct jp *j)
{
	return (unsigned)(j->p - j->bol) + 1;
}

static int
jp_fail(struct jp *j, const char *what)
{
	if (j->p >= j->end)
		cl_error_set(j->err, j->name, j->line, jp_col(j),
		    "truncated JSON: %s", what);
	else
		cl_error_set(j->err, j->name, j->line, jp_col(j),
		    "malformed JSON: %s", what);
	return -1;
}

static void
jp_space(struct jp *j)
{
	while (j->p < j->end) {
		if (*j->p == '\n') {
			j->line++;
			j->bol = j->p + 1;
		} else if (*j->p != ' ' && *j->p != '\t' && *j->p != '\r')
			return;
		j->p++;
	}
}

static int
jp_lit(struct jp *j, const char *lit)
{
	size_t	n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
		return jp_fail(j, "not a value");
	j->p += n;
	return 0;
}

/* Bytes of the UTF-8 sequence at s (at most n), or 0 if invalid. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t		len, i;
	unsigned	c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	c = s[1];
	if ((s[0] == 0xe0 && c < 0xa0) || (s[0] == 0xed && c > 0x9f) ||
	    (s[0] == 0xf0 && c < 0x90) || (s[0] == 0xf4 && c > 0x8f))
		return 0;	/* overlong, surrogate or above U+10FFFF */
	return len;
}

static void
put_utf8(struct jn *n, size_t *len, unsigned long c)
{
	char	*q = n->text + *len;

	if (c < 0x80)
		*q++ = (char)c;
	else if (c < 0x800) {
		*q++ = (char)(0xc0 | (c >> 6));
		*q++ = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*q++ = (char)(0xe0 | (c >> 12));
		*q++ = (char)(0x80 | ((c >> 6) & 0x3f));
		*q++ = (char)(0x80 | (c & 0x3f));
	} else {
		*q++ = (char)(0xf0 | (c >> 18));
		*q++ = (char)(0x80 | ((c >> 12) & 0x3f));
		*q++ = (char)(0x80 | ((c >> 6) & 0x3f));
		*q++ = (char)(0x80 | (c & 0x3f));
	}
	*len = (size_t)(q - n->text);
}

static int
jp_hex4(struct jp *j, unsigned long *c)
{
	int	i, d;

	*c = 0;
	for (i = 0; i < 4; i++) {
		if (j->p >= j->end)
			return jp_fail(j, "\\u needs four hex digits");
		d = *j->p;
		if (d >= '0' && d <= '9')
			d -= '0';
		else if (d >= 'a' && d <= 'f')
			d -= 'a' - 10;
		else if (d >= 'A' && d <= 'F')
			d -= 'A' - 10;
		else
			return jp_fail(j, "\\u needs four hex digits");
		*c = *c * 16 + (unsigned long)d;
		j->p++;
	}
	return 0;
}

static int
jp_escape(struct jp *j, struct jn *n, size_t *len)
{
	static const char	 from[] = "\"\\/bfnrt";
	static const char	 to[] = "\"\\/\b\f\n\r\t";
	const char		*e;
	unsigned long		 c, lo;

	if (j->p >= j->end)
		return jp_fail(j, "a string is not closed");
	if (*j->p != 'u') {
		if ((e = strchr(from, *j->p)) == NULL || *j->p == '\0')
			return jp_fail(j, "an unknown escape in a string");
		n->text[(*len)++] = to[e - from];
		j->p++;
		return 0;
	}
	j->p++;
	if (jp_hex4(j, &c) == -1)
		return -1;
	if (c >= 0xdc00 && c <= 0xdfff)
		return jp_fail(j, "a lone low surrogate in a string");
	if (c >= 0xd800 && c <= 0xdbff) {
		if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
			return jp_fail(j, "a lone high surrogate in a string");
		j->p += 2;
		if (jp_hex4(j, &lo) == -1)
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return jp_fail(j, "a lone high surrogate in a string");
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (c == 0)
		return jp_fail(j, "a NUL character in a string");
	put_utf8(n, len, c);
	return 0;
}

/* A string at j->p (the opening quote) into n->text. */
static int
jp_string(struct jp *j, struct jn *n, char **out)
{
	const char	*s;
	size_t		 len = 0, u;

	j->p++;
	/* The decoded text is never longer than the text as written. */
	for (s = j->p; s < j->end && *s != '"'; s++)
		if (*s == '\\' && s + 1 < j->end)
			s++;
	n->text = xmalloc((size_t)(s - j->p) + 1);
	for (;;) {
		if (j->p >= j->end)
			return jp_fail(j, "a string is not closed");
		if (*j->p == '"')
			break;
		if ((unsigned char)*j->p < 0x20)
			return jp_fail(j, "a control character in a string");
		if (*j->p == '\\') {
			j->p++;
			if (jp_escape(j, n, &len) == -1)
				return -1;
			continue;
		}
		u = utf8_len((const unsigned char *)j->p,
		    (size_t)(j->end - j->p));
		if (u == 0)
			return jp_fail(j, "invalid UTF-8 in a string");
		memcpy(n->text + len, j->p, u);
		len += u;
		j->p += u;
	}
	j->p++;
	n->text[len] = '\0';
	if (out != NULL) {
		*out = n->text;
		n->text = NULL;
	}
	return 0;
}

static int
jp_digits(struct jp *j)
{
	const char	*s = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s ? 0 : jp_fail(j, "a number needs digits");
}

static int
jp_number(struct jp *j, struct jn *n)
{
	const char	*s = j->p;

	if (*j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (jp_digits(j) == -1)
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (jp_digits(j) == -1)
			return -1;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (jp_digits(j) == -1)
			return -1;
	}
	n->type = JN_NUM;
	n->text = xstrndup(s, (size_t)(j->p - s));
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

static int
jp_array(struct jp *j, struct jn *n, int depth)
{
	n->type = JN_ARR;
	j->p++;
	jp_space(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		if (jp_value(j, jn_add(n), depth + 1) == -1)
			return -1;
		jp_space(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return 0;
		}
		return jp_fail(j, "expected ',' or ']' in an array");
	}
}

static int
jp_object(struct jp *j, struct jn *n, int depth)
{
	struct jn	*k;
	unsigned	 line, col;

	n->type = JN_OBJ;
	j->p++;
	jp_space(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		jp_space(j);
		if (j->p >= j->end || *j->p != '"')
			return jp_fail(j, "expected a member name");
		line = j->line;
		col = jp_col(j);
		k = jn_add(n);
		k->kline = line;
		k->kcolumn = col;
		if (jp_string(j, k, &k->key) == -1)
			return -1;
		jp_space(j);
		if (j->p >= j->end || *j->p != ':')
			return jp_fail(j, "expected ':' after a member name");
		j->p++;
		if (jp_value(j, k, depth + 1) == -1)
			return -1;
		jp_space(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return 0;
		}
		return jp_fail(j, "expected ',' or '}' in an object");
	}
}

static int
jp_value(struct jp *j, struct jn *n, int depth)
{
	jp_space(j);
	n->line = j->line;
	n->column = jp_col(j);
	if (depth > JN_DEPTH)
		return jp_fail(j, "nested deeper than 64 levels");
	if (j->p >= j->end)
		return jp_fail(j, "a value is missing");
	switch (*j->p) {
	case '{':
		return jp_object(j, n, depth);
	case '[':
		return jp_array(j, n, depth);
	case '"':
		n->type = JN_STR;
		return jp_string(j, n, NULL);
	case 't':
		n->type = JN_TRUE;
		return jp_lit(j, "true");
	case 'f':
		n->type = JN_FALSE;
		return jp_lit(j, "false");
	case 'n':
		n->type = JN_NULL;
		return jp_lit(j, "null");
	default:
		if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
			return jp_number(j, n);
		return jp_fail(j, "not a value");
	}
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

struct jn *
jn_parse(const char *name, const char *buf, size_t len, unsigned line0,
    struct cl_error *err)
{
	struct jp	 j;
	struct jn	*n;

	memset(&j, 0, sizeof(j));
	j.name = name;
	j.p = j.bol = buf;
	j.end = buf + len;
	j.line = line0;
	j.err = err;
	/* A byte order mark is allowed before the value. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		j.p = j.bol = buf + 3;
	n = xcalloc(1, sizeof(*n));
	if (jp_value(&j, n, 0) == 0) {
		jp_space(&j);
		if (j.p == j.end)
			return n;
		jp_fail(&j, "bytes after the value");
	}
	jn_free(n);
	return NULL;
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
