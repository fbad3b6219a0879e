/*
 * markdown.c: crawler Markdown into logical lines.
 *
 * Crawlers that feed LLM pipelines save pages as Markdown: a "Title:",
 * "URL Source:", "Markdown Content:" header, then headings, links around
 * names and values, pipe tables and lists.  md_detect() tells such a page
 * from text by its first MD_SCAN bytes; md_read() gives the lines the HTML
 * reader would give for the rendered page: a table row is one line with
 * its cells joined by a tab, markup is gone, blanks collapse.
 *
 * Each source line gives at most one logical line, and inline markup is
 * deleted, never rewritten, so each byte kept is a byte of the .md file
 * and findings point into it.  Every scan is linear: brackets are matched
 * with a stack, and a search that failed once is not tried again.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xalloc.h"
#include "load/markdown.h"

/* What becomes of a byte of the line being read. */
enum { MK_KEEP, MK_DEL, MK_LIT, MK_SP };

#define NONE		SIZE_MAX
/* Code spans longer than this are taken as literal backticks. */
#define MD_TICKS	32
/* Lines the crawler header may take before "Markdown Content:". */
#define MD_HEADER	30

struct md_run {
	size_t	at;	/* first byte not yet deleted */
	size_t	len;
};

struct md {
	const char		*s;
	const struct md_sink	*sk;
	unsigned		 line;
	size_t			 ls;		/* the line's offset */
	unsigned char		*mk;		/* MK_* per byte of the line */
	size_t			*match;		/* opener's closer or NONE */
	struct md_run		*stack;		/* openers, two stacks */
	char			*ob;		/* the logical line */
	size_t			*oo;		/* its bytes' input offsets */
	size_t			 olen;
	size_t			 cap;		/* of each array above */
	int			 comment;	/* in <!-- ... --> */
	char			 fence;		/* '`' or '~': in code */
	size_t			 fencelen;
	int			 table;		/* in a table's rows */
	int			 skip;		/* the next line is a table's
						   delimiter row */
};

/* Raw HTML Markdown pages carry; other '<' stay text. */
static const char *const md_tags[] = {
	"a", "abbr", "b", "big", "blockquote", "br", "button", "caption",
	"center", "cite", "code", "col", "colgroup", "dd", "del", "details",
	"div", "dl", "dt", "em", "figcaption", "figure", "font", "footer",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "iframe",
	"img", "input", "ins", "kbd", "label", "li", "mark", "nav", "ol", "p",
	"picture", "pre", "q", "s", "section", "small", "source", "span",
	"strike", "strong", "sub", "summary", "sup", "svg", "table", "tbody",
	"td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "video", "wbr",
	NULL
};

static int
md_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int
md_oneof(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static int
md_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static int
md_punct(char c)
{
	return md_oneof(c, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
}

/* s[p] is preceded by an odd number of backslashes from b on. */
static int
md_escaped(const char *s, size_t b, size_t p)
{
	size_t	n = 0;

	while (p > b && s[p - 1] == '\\') {
		n++;
		p--;
	}
	return n % 2 == 1;
}

static int
md_has_pipe(const char *s, size_t b, size_t t)
{
	const char	*p;

	while (b < t && (p = memchr(s + b, '|', t - b)) != NULL) {
		if (!md_escaped(s, b, (size_t)(p - s)))
			return 1;
		b = (size_t)(p - s) + 1;
	}
	return 0;
}

/* A row's cells lie between its outer pipes, which are optional. */
static void
md_row_bounds(const char *s, size_t *b, size_t *t)
{
	if (*b < *t && s[*b] == '|')
		(*b)++;
	if (*t > *b && s[*t - 1] == '|' && !md_escaped(s, *b, *t - 1))
		(*t)--;
}

/*
 * The next cell of a row from *pos to t, trimmed, and 1; 0 past the
 * last.  *pos is NONE after the last cell.
 */
static int
md_cell(const char *s, size_t *pos, size_t t, size_t *cb, size_t *ce)
{
	size_t	i;

	if (*pos == NONE)
		return 0;
	for (i = *pos; i < t; i++)
		if (s[i] == '|' && !md_escaped(s, *pos, i))
			break;
	*cb = *pos;
	*ce = i;
	*pos = i < t ? i + 1 : NONE;
	while (*cb < *ce && md_blank(s[*cb]))
		(*cb)++;
	while (*ce > *cb && md_blank(s[*ce - 1]))
		(*ce)--;
	return 1;
}

static size_t
md_cells(const char *s, size_t b, size_t t)
{
	size_t	pos, cb, ce, n = 0;

	md_row_bounds(s, &b, &t);
	pos = b;
	while (md_cell(s, &pos, t, &cb, &ce))
		n++;
	return n;
}

/* Cells of a delimiter row (|---|:--:|), or 0 when it is none. */
static size_t
md_delim(const char *s, size_t b, size_t t)
{
	size_t	pos, cb, ce, n = 0;

	if (!md_has_pipe(s, b, t))
		return 0;
	md_row_bounds(s, &b, &t);
	pos = b;
	while (md_cell(s, &pos, t, &cb, &ce)) {
		if (cb < ce && s[cb] == ':')
			cb++;
		if (ce > cb && s[ce - 1] == ':')
			ce--;
		if (cb == ce)
			return 0;
		for (; cb < ce; cb++)
			if (s[cb] != '-')
				return 0;
		n++;
	}
	return n;
}

/* A fence (``` or ~~~) opens or closes at s[b]: its length, or 0. */
static size_t
md_fence(const char *s, size_t b, size_t t, char *c)
{
	size_t	i = b;

	if (b == t || (s[b] != '`' && s[b] != '~'))
		return 0;
	while (i < t && s[i] == s[b])
		i++;
	if (i - b < 3)
		return 0;
	*c = s[b];
	return i - b;
}

/* A thematic break or setext underline: ---, * * *, ___, ===. */
static int
md_rule(const char *s, size_t b, size_t t)
{
	size_t	n = 0;
	char	c;

	if (b == t || !md_oneof(s[b], "-*_="))
		return 0;
	c = s[b];
	for (; b < t; b++) {
		if (s[b] == c)
			n++;
		else if (!md_blank(s[b]))
			return 0;
	}
	return n >= 3;
}

/* [label]: url, a link reference definition. */
static int
md_refdef(const char *s, size_t b, size_t t)
{
	const char	*p;

	if (b == t || s[b] != '[' || b + 1 == t || s[b + 1] == '^')
		return 0;
	p = memchr(s + b, ']', t - b);
	return p != NULL && (size_t)(p - s) + 2 < t && p[1] == ':' &&
	    (p[2] == ' ' || p[2] == '\t');
}

/* An ATX heading's level (#..######), or 0. */
static size_t
md_heading(const char *s, size_t b, size_t t)
{
	size_t	i = b;

	while (i < t && s[i] == '#')
		i++;
	if (i == b || i - b > 6 || (i < t && !md_blank(s[i])))
		return 0;
	return i - b;
}

/*
 * "Title:" first, then "Markdown Content:" within MD_HEADER lines: the
 * offset just past that line, else 0.
 */
static size_t
md_header(const char *s, size_t n)
{
	const char	*nl;
	size_t		 i = 0, e, b;
	unsigned	 k;

	while (i < n && (md_blank(s[i]) || s[i] == '\n'))
		i++;
	if (n - i < 6 || memcmp(s + i, "Title:", 6) != 0)
		return 0;
	for (k = 0; k < MD_HEADER && i < n; k++) {
		nl = memchr(s + i, '\n', n - i);
		e = nl == NULL ? n : (size_t)(nl - s);
		b = i;
		while (b < e && md_blank(s[b]))
			b++;
		if (e - b >= 17 && memcmp(s + b, "Markdown Content:", 17) == 0)
			return e < n ? e + 1 : n;
		i = e + 1;
	}
	return 0;
}

/*
 * Detection goes character by character of interest, each found with
 * memchr() over the whole window (a vectorised scan, the same cost as
 * is_clean() pays per byte), never line by line: most text pages have
 * none of these characters, or a few.
 */

/* The line of s[0..n) that holds p: its trimmed bounds. */
static void
md_line_of(const char *s, size_t n, size_t p, size_t *b, size_t *t)
{
	const char	*nl;

	*b = p;
	while (*b > 0 && s[*b - 1] != '\n')
		(*b)--;
	nl = memchr(s + p, '\n', n - p);
	*t = nl == NULL ? n : (size_t)(nl - s);
	while (*b < *t && md_blank(s[*b]))
		(*b)++;
	while (*t > *b && md_blank(s[*t - 1]))
		(*t)--;
}

/* Links and images whose target is an address: ](http, ](/, ](#. */
static unsigned
md_links(const char *s, size_t n, unsigned enough)
{
	const char	*p = s, *end = s + n;
	unsigned	 k = 0;

	while (k < enough && end - p >= 3 &&
	    (p = memchr(p, ']', (size_t)(end - p - 2))) != NULL) {
		p++;
		if (*p == '(' && (p[1] == '/' || p[1] == '#' ||
		    (end - p >= 5 && memcmp(p + 1, "http", 4) == 0)))
			k++;
	}
	return k;
}

/* A pipe table: a row with a '|' and under it a |---| row of as many
   cells. */
static int
md_has_table(const char *s, size_t n)
{
	const char	*p = s, *nl;
	size_t		 b, t, nb, nt, cells;

	while ((size_t)(p - s) < n &&
	    (p = memchr(p, '|', n - (size_t)(p - s))) != NULL) {
		md_line_of(s, n, (size_t)(p - s), &b, &t);
		nl = memchr(p, '\n', n - (size_t)(p - s));
		if (nl == NULL)
			return 0;
		md_line_of(s, n, (size_t)(nl + 1 - s), &nb, &nt);
		if ((cells = md_delim(s, nb, nt)) > 0 &&
		    cells == md_cells(s, b, t))
			return 1;
		p = nl + 1;
	}
	return 0;
}

/* Lines that open with c: ATX headings ('#'), fences ('`', '~'). */
static unsigned
md_openers(const char *s, size_t n, char c)
{
	const char	*p = s;
	size_t		 b, t;
	unsigned	 k = 0;
	char		 f;

	while ((size_t)(p - s) < n &&
	    (p = memchr(p, c, n - (size_t)(p - s))) != NULL) {
		md_line_of(s, n, (size_t)(p - s), &b, &t);
		if (s + b == p && (c == '#' ? md_heading(s, b, t) > 0 :
		    md_fence(s, b, t, &f) > 0))
			k++;
		p = s + t;
		if ((p = memchr(p, '\n', n - t)) == NULL)
			break;
	}
	return k;
}

/* **bold** on one line. */
static int
md_has_bold(const char *s, size_t n)
{
	const char	*p = s, *q, *nl, *end = s + n;

	while (end - p >= 4 &&
	    (p = memchr(p, '*', (size_t)(end - p - 3))) != NULL) {
		if (p[1] != '*' || md_blank(p[2]) || p[2] == '*' ||
		    p[2] == '\n') {
			p++;
			continue;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		for (q = p + 3; q + 1 < nl; q++)
			if (q[0] == '*' && q[1] == '*' && !md_blank(q[-1]))
				return 1;
		p = nl;
	}
	return 0;
}

/*
 * Markdown when the first MD_SCAN bytes hold the crawler header, three
 * links to addresses or a pipe table; else two weak signs of these four:
 * a link, two ATX headings, a **bold** span, a pair of code fences.  A
 * .md or .markdown name takes one weak sign, or one heading.  Text pages
 * with a '|', a "# comment" or one link stay text.
 */
int
md_detect(const char *s, size_t n, const char *name)
{
	const char	*ext;
	unsigned	 links, heads, weak;

	if (n > MD_SCAN)
		n = MD_SCAN;
	if (md_header(s, n) > 0 || (links = md_links(s, n, 3)) >= 3 ||
	    md_has_table(s, n))
		return 1;
	/* '#' lines alone are shell or Python comments as often. */
	heads = md_openers(s, n, '#');
	weak = (links > 0) + (heads >= 2) + md_has_bold(s, n) +
	    (md_openers(s, n, '`') + md_openers(s, n, '~') >= 2);
	ext = name == NULL ? NULL : strrchr(name, '.');
	if (ext != NULL && (strcasecmp(ext, ".md") == 0 ||
	    strcasecmp(ext, ".markdown") == 0))
		return weak >= 1 || heads >= 1;
	return weak >= 2;
}

/* mk[] for byte i of the line. */
#define MK(md, i)	((md)->mk[(i) - (md)->ls])

static void
md_mark(struct md *md, size_t b, size_t e, unsigned char how)
{
	memset(md->mk + (b - md->ls), how, e - b);
}

/*
 * A code span from s[i]: the backticks go, the content is literal.  A run
 * with no closer of its length is literal, and failed[] remembers that no
 * run of that length is left on the line.  Where the scan goes on.
 */
static size_t
md_code(struct md *md, size_t i, size_t e, unsigned char *failed)
{
	const char	*s = md->s;
	size_t		 len = 0, j, k, cb, ce;

	while (i + len < e && s[i + len] == '`')
		len++;
	if (len > MD_TICKS || failed[len]) {
		md_mark(md, i, i + len, MK_LIT);
		return i + len;
	}
	for (j = i + len; j < e; j = k) {
		if (s[j] != '`') {
			k = j + 1;
			continue;
		}
		for (k = j; k < e && s[k] == '`'; k++)
			;
		if (k - j != len)
			continue;
		md_mark(md, i, i + len, MK_DEL);
		md_mark(md, j, k, MK_DEL);
		cb = i + len;
		ce = j;
		md_mark(md, cb, ce, MK_LIT);
		/* One space each side is padding, when both are. */
		if (ce - cb >= 2 && s[cb] == ' ' && s[ce - 1] == ' ') {
			MK(md, cb) = MK_DEL;
			MK(md, ce - 1) = MK_DEL;
		}
		return k;
	}
	failed[len] = 1;
	md_mark(md, i, i + len, MK_LIT);
	return i + len;
}

/* <https://…>: the address is the text. */
static size_t
md_autolink(const char *s, size_t i, size_t e)
{
	size_t	j = i + 1;

	if (j >= e || !((s[j] >= 'a' && s[j] <= 'z') ||
	    (s[j] >= 'A' && s[j] <= 'Z')))
		return 0;
	while (j < e && j - i <= 32 && (md_alnum(s[j]) || s[j] == '+' ||
	    s[j] == '.' || s[j] == '-'))
		j++;
	if (j - i < 3 || j >= e || s[j] != ':')
		return 0;
	for (; j < e; j++) {
		if (s[j] == '>')
			return j;
		if (s[j] == '<' || s[j] == ' ' || s[j] == '\t')
			return 0;
	}
	return 0;
}

/* An HTML tag of md_tags[] at s[i]: its end '>', or 0. */
static size_t
md_tag(const char *s, size_t i, size_t e, size_t *nogt)
{
	const char	*gt;
	char		 name[16];
	size_t		 j = i + 1, k = 0, x;

	if (j < e && s[j] == '/')
		j++;
	while (j < e && k + 1 < sizeof(name) && md_alnum(s[j]) &&
	    (unsigned char)s[j] < 0x80)
		name[k++] = (char)(s[j++] | 0x20);
	name[k] = '\0';
	if (k == 0 || (j < e && s[j] != '>' && s[j] != '/' &&
	    !md_blank(s[j])))
		return 0;
	for (x = 0; md_tags[x] != NULL; x++)
		if (strcmp(name, md_tags[x]) == 0)
			break;
	if (md_tags[x] == NULL || j >= *nogt)
		return 0;
	gt = memchr(s + j, '>', e - j);
	if (gt == NULL) {
		*nogt = j;
		return 0;
	}
	return (size_t)(gt - s);
}

/* A '<' at s[i]: a comment, an autolink, a tag or text. */
static size_t
md_angle(struct md *md, size_t i, size_t e, int whole, size_t *nogt)
{
	const char	*s = md->s, *p;
	size_t		 k;

	if (e - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		p = memmem(s + i + 4, e - i - 4, "-->", 3);
		k = p == NULL ? e : (size_t)(p - s) + 3;
		md_mark(md, i, k, MK_DEL);
		if (p == NULL && whole)
			md->comment = 1;
		return k;
	}
	if ((k = md_autolink(s, i, e)) > 0) {
		MK(md, i) = MK_DEL;
		md_mark(md, i + 1, k, MK_LIT);
		MK(md, k) = MK_DEL;
		return k + 1;
	}
	if ((k = md_tag(s, i, e, nogt)) > 0) {
		md_mark(md, i, k + 1, MK_DEL);
		/* <br> inside a cell or a line: a blank, not a line end. */
		if (strncasecmp(s + i, "<br", 3) == 0)
			MK(md, i) = MK_SP;
		return k + 1;
	}
	return i + 1;
}

/* Literal spans first: escapes, code spans, raw HTML, autolinks. */
static void
md_literals(struct md *md, size_t b, size_t e, int whole)
{
	const char	*s = md->s;
	unsigned char	 failed[MD_TICKS + 1];
	size_t		 i = b, nogt = NONE;

	memset(failed, 0, sizeof(failed));
	while (i < e) {
		if (s[i] == '\\') {
			if (i + 1 < e && md_punct(s[i + 1])) {
				MK(md, i) = MK_DEL;
				MK(md, i + 1) = MK_LIT;
				i += 2;
				continue;
			}
			if (i + 1 == e && whole)
				MK(md, i) = MK_DEL;	/* a hard break */
			i++;
		} else if (s[i] == '`')
			i = md_code(md, i, e, failed);
		else if (s[i] == '<')
			i = md_angle(md, i, e, whole, &nogt);
		else
			i++;
	}
}

/*
 * Match [ ] and ( ) that are still markup, each kind on its own stack:
 * match[] of an opener is its closer.
 */
static void
md_brackets(struct md *md, size_t b, size_t e)
{
	const char	*s = md->s;
	size_t		 i, nb = 0, np = 0, *pb, *pp;

	/* One array: [ openers from the start, ( openers from the end. */
	pb = (size_t *)(void *)md->stack;
	pp = pb + (e - b);
	for (i = b; i < e; i++) {
		if (MK(md, i) != MK_KEEP)
			continue;
		switch (s[i]) {
		case '[':
			md->match[i - md->ls] = NONE;
			pb[nb++] = i;
			break;
		case '(':
			md->match[i - md->ls] = NONE;
			*--pp = i;
			np++;
			break;
		case ']':
			if (nb > 0)
				md->match[pb[--nb] - md->ls] = i;
			break;
		case ')':
			if (np > 0) {
				md->match[*pp++ - md->ls] = i;
				np--;
			}
			break;
		}
	}
}

/* [text](url) and [text][ref] give text; ![alt](src) gives nothing. */
static void
md_linkspans(struct md *md, size_t b, size_t e)
{
	const char	*s = md->s;
	size_t		 i, j, k;

	md_brackets(md, b, e);
	for (i = b; i < e; i++) {
		if (MK(md, i) != MK_KEEP || s[i] != '[' ||
		    (j = md->match[i - md->ls]) == NONE)
			continue;
		if (j + 1 >= e || MK(md, j + 1) != MK_KEEP ||
		    (s[j + 1] != '(' && s[j + 1] != '['))
			continue;
		if ((k = md->match[j + 1 - md->ls]) == NONE)
			continue;
		if (i > b && s[i - 1] == '!' && MK(md, i - 1) == MK_KEEP) {
			md_mark(md, i - 1, k + 1, MK_DEL);
			i = k;
			continue;
		}
		MK(md, i) = MK_DEL;
		md_mark(md, j, k + 1, MK_DEL);
	}
}


/*
 * Emphasis: runs of '*' or '_' that open (a non-blank follows) and close
 * (a non-blank precedes) pair up, one stack per character, and the paired
 * delimiters go.  '_' inside a word is text (snake_case_names).
 */
static void
md_emphasis(struct md *md, size_t b, size_t e)
{
	const char	*s = md->s;
	struct md_run	*st[2], r;
	size_t		 i, j, k, n[2] = { 0, 0 };
	char		 prev, next;
	int		 u, open, close;

	/* Two stacks in md->stack: '*' runs from its start, '_' runs
	   down from its end; there are no more runs than bytes. */
	st[0] = md->stack;
	st[1] = md->stack + (e - b);
	for (i = b; i < e; i = j) {
		j = i + 1;
		if ((s[i] != '*' && s[i] != '_') || MK(md, i) != MK_KEEP)
			continue;
		while (j < e && s[j] == s[i] && MK(md, j) == MK_KEEP)
			j++;
		u = s[i] == '_';
		prev = i > b ? s[i - 1] : ' ';
		next = j < e ? s[j] : ' ';
		open = !md_blank(next);
		close = !md_blank(prev);
		if (u) {
			open = open && !md_alnum(prev);
			close = close && !md_alnum(next);
		}
		r.at = i;
		r.len = j - i;
		while (close && r.len > 0 && n[u] > 0) {
			struct md_run	*o = u ? &st[1][-(ptrdiff_t)n[1]] :
			    &st[0][n[0] - 1];

			k = o->len < r.len ? o->len : r.len;
			md_mark(md, o->at + o->len - k, o->at + o->len,
			    MK_DEL);
			md_mark(md, r.at, r.at + k, MK_DEL);
			o->len -= k;
			r.at += k;
			r.len -= k;
			if (o->len == 0)
				n[u]--;
		}
		if (open && r.len > 0) {
			n[u]++;
			if (u)
				st[1][-(ptrdiff_t)n[1]] = r;
			else
				st[0][n[0] - 1] = r;
		}
	}
}

/* Append byte i's output to the logical line; blanks collapse. */
static void
md_put(struct md *md, char c, size_t i, size_t from)
{
	if (md_blank(c)) {
		if (md->olen == from || md->ob[md->olen - 1] == ' ')
			return;
		c = ' ';
	}
	md->ob[md->olen] = c;
	md->oo[md->olen] = i;
	md->olen++;
}

/* The inline text of s[b..e) onto the logical line. */
static void
md_inline(struct md *md, size_t b, size_t e, int whole)
{
	size_t	i, from = md->olen;

	md_literals(md, b, e, whole);
	md_linkspans(md, b, e);
	md_emphasis(md, b, e);
	for (i = b; i < e; i++) {
		if (MK(md, i) == MK_DEL)
			continue;
		md_put(md, MK(md, i) == MK_SP ? ' ' : md->s[i], i, from);
	}
	while (md->olen > from && md->ob[md->olen - 1] == ' ')
		md->olen--;
}

/* Hand the logical line to the sink, a run per stretch of input. */
static void
md_flush(struct md *md)
{
	size_t	i, j;

	for (i = 0; i < md->olen; i = j) {
		for (j = i + 1; j < md->olen; j++)
			if (md->oo[j] != md->oo[j - 1] + 1)
				break;
		md->sk->text(md->sk->arg, md->ob + i, j - i, md->oo[i],
		    md->line, (unsigned)(md->oo[i] - md->ls + 1));
	}
	md->olen = 0;
	md->sk->eol(md->sk->arg);
}

/* A table row: each cell's text, a tab before every cell but the first
   once the line has text (as the HTML reader does). */
static void
md_row(struct md *md, size_t b, size_t t)
{
	size_t	pos, cb, ce;

	md_row_bounds(md->s, &b, &t);
	pos = b;
	while (md_cell(md->s, &pos, t, &cb, &ce)) {
		if (md->olen > 0) {
			md->ob[md->olen] = '\t';
			md->oo[md->olen++] = cb > b ? cb - 1 : cb;
		}
		md_inline(md, cb, ce, 0);
	}
	md_flush(md);
}

/* Block markers a line opens with: >, list bullets and numbers, #. */
static size_t
md_blocks(const char *s, size_t b, size_t *t)
{
	size_t	i, h;

	for (;;) {
		if (b < *t && s[b] == '>')
			b++;
		else if (b < *t && md_oneof(s[b], "*-+") &&
		    (b + 1 == *t || md_blank(s[b + 1])))
			b++;
		else {
			for (i = b; i < *t && i - b < 9 && s[i] >= '0' &&
			    s[i] <= '9'; i++)
				;
			if (i == b || i >= *t || !md_oneof(s[i], ".)") ||
			    (i + 1 < *t && !md_blank(s[i + 1])))
				break;
			b = i + 1;
		}
		while (b < *t && md_blank(s[b]))
			b++;
	}
	if ((h = md_heading(s, b, *t)) > 0) {
		b += h;
		/* A closing run of '#' after a blank goes too. */
		for (i = *t; i > b && s[i - 1] == '#'; i--)
			;
		if (i == b || md_blank(s[i - 1]))
			*t = i;
		while (*t > b && md_blank(s[*t - 1]))
			(*t)--;
	}
	return b;
}

static void
md_grow(struct md *md, size_t len)
{
	if (len <= md->cap)
		return;
	md->cap = len;
	md->mk = xreallocarray(md->mk, len, 1);
	md->match = xreallocarray(md->match, len, sizeof(size_t));
	md->stack = xreallocarray(md->stack, len, sizeof(*md->stack));
	md->ob = xreallocarray(md->ob, len + 1, 1);
	md->oo = xreallocarray(md->oo, len + 1, sizeof(size_t));
}

/* One source line s[b..t) (trimmed) of the page's body. */
static void
md_line(struct md *md, size_t b, size_t t, size_t next, size_t end)
{
	const char	*s = md->s, *p, *nl;
	size_t		 nb, nt, cells;
	char		 c = 0;

	if (md->skip) {
		md->skip = 0;
		return;
	}
	if (md->fence) {
		if (md_fence(s, b, t, &c) >= md->fencelen && c == md->fence &&
		    md_fence(s, b, t, &c) == t - b)
			md->fence = 0;
		else if (b < t) {
			md->sk->text(md->sk->arg, s + b, t - b, b, md->line,
			    (unsigned)(b - md->ls + 1));
			md->sk->eol(md->sk->arg);
		}
		return;
	}
	md_grow(md, t - md->ls + 1);
	memset(md->mk, MK_KEEP, t - md->ls);
	if (md->comment) {
		if ((p = memmem(s + b, t - b, "-->", 3)) == NULL)
			return;
		md->comment = 0;
		b = (size_t)(p - s) + 3;
		while (b < t && md_blank(s[b]))
			b++;
		md_inline(md, b, t, 1);
		md_flush(md);
		return;
	}
	if (b == t) {
		md->table = 0;
		return;
	}
	if (md->table && md_has_pipe(s, b, t)) {
		md_row(md, b, t);
		return;
	}
	md->table = 0;
	if (md_has_pipe(s, b, t) && next < end) {
		nl = memchr(s + next, '\n', end - next);
		nt = nl == NULL ? end : (size_t)(nl - s);
		nb = next;
		while (nb < nt && md_blank(s[nb]))
			nb++;
		while (nt > nb && md_blank(s[nt - 1]))
			nt--;
		cells = md_delim(s, nb, nt);
		if (cells > 0 && cells == md_cells(s, b, t)) {
			md->table = 1;
			md->skip = 1;
			md_row(md, b, t);
			return;
		}
	}
	if (b - md->ls <= 3 && (md->fencelen = md_fence(s, b, t, &c)) > 0) {
		md->fence = c;
		return;
	}
	if (md_rule(s, b, t) || md_refdef(s, b, t))
		return;
	b = md_blocks(s, b, &t);
	md_inline(md, b, t, 1);
	md_flush(md);
}

/* The crawler header: the title's text is a line, the rest goes. */
static void
md_header_line(struct md *md, size_t b, size_t t)
{
	if (t - b < 6 || memcmp(md->s + b, "Title:", 6) != 0)
		return;
	b += 6;
	while (b < t && md_blank(md->s[b]))
		b++;
	if (b == t)
		return;
	md->sk->text(md->sk->arg, md->s + b, t - b, b, md->line,
	    (unsigned)(b - md->ls + 1));
	md->sk->eol(md->sk->arg);
}

void
md_read(const char *s, size_t n, const struct md_sink *sk)
{
	struct md	 md;
	const char	*nl;
	size_t		 i = 0, e, b, t, hdr;

	memset(&md, 0, sizeof(md));
	md.s = s;
	md.sk = sk;
	md.line = 1;
	hdr = md_header(s, n < MD_SCAN ? n : MD_SCAN);
	while (i < n) {
		nl = memchr(s + i, '\n', n - i);
		e = nl == NULL ? n : (size_t)(nl - s);
		md.ls = i;
		b = i;
		t = e;
		while (b < t && md_blank(s[b]))
			b++;
		while (t > b && md_blank(s[t - 1]))
			t--;
		if (i < hdr)
			md_header_line(&md, b, t);
		else
			md_line(&md, b, t, e + 1, n);
		md.line++;
		i = e + 1;
	}
	free(md.mk);
	free(md.match);
	free(md.stack);
	free(md.ob);
	free(md.oo);
}
