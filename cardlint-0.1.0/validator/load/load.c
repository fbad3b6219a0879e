/*
 * load.c: read a saved page and turn it into logical lines.
 *
 * Text is split on newlines.  Crawler Markdown is read by markdown.c
 * into the lines its HTML would give.  HTML is parsed by libxml2 (recover, no
 * network, no messages) and walked iteratively, so a page nested 100k
 * levels deep costs memory, not stack.  Only visible text is kept; block
 * elements and <br> end a line, table cells are joined by a tab.  Bytes
 * that are not UTF-8 become U+FFFD and are remembered as marks, which the
 * scrape.encoding rule reports; a page with none of them, nor controls,
 * is read as it is (is_clean), and only the others byte by byte.  Nothing
 * here prints.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>

#include "base/error.h"
#include "load/load.h"
#include "load/markdown.h"
#include "base/rx.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* Bytes is_clean() looks at between two decisions. */
#define CLEAN_BLOCK	256
/* Lines and pieces load_text() allocates before it starts. */
#define TEXT_UP_FRONT	4096

struct sync {
	size_t		off;	/* in the sanitised text */
	unsigned	line;
	unsigned	column;
};

/* State while building page.text. */
struct lb {
	struct page	*pg;
	struct buf	 text;
	size_t		 line_start;	/* offset of the line being built */
	int		 pending_space;
	size_t		 pcap;
	size_t		 lcap;
	size_t		 mcap;
	/* Raw source (UTF-8 path only) for column look-ups. */
	const char	*src;
	size_t		 srclen;
	size_t		*srcline;	/* offsets of line starts */
	size_t		 nsrcline;
	/* Where the sanitised text and the source columns meet again after
	   each replaced byte (text input only). */
	struct sync	*sync;
	size_t		 nsync;
	size_t		 synccap;
};

static unsigned	max_lines = LOAD_MAX_LINES;
static unsigned	max_depth = LOAD_MAX_DEPTH;

void
load_set_limits(unsigned lines, unsigned depth)
{
	max_lines = lines > 0 ? lines : LOAD_MAX_LINES;
	max_depth = depth > 0 ? depth : LOAD_MAX_DEPTH;
}

unsigned
load_max_depth(void)
{
	return max_depth;
}

static const char *const skip_tags[] = {
	"head", "script", "style", "noscript", "template", "svg", "iframe",
	"object", "math", "select", NULL
};

static const char *const block_tags[] = {
	"html", "body", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6",
	"ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
	"tfoot", "tr", "caption", "section", "article", "header", "footer",
	"nav", "main", "aside", "blockquote", "figure", "figcaption", "form",
	"fieldset", "details", "summary", "address", "hr", "pre", "center",
	"legend", "option", "menu", "dir", "frameset", "noframes", NULL
};

static int
in_list(const char *name, const char *const *list)
{
	size_t	i;

	/* Every element is looked up in two lists: most names differ from
	   most entries in the first byte, which is cheaper than a call. */
	for (i = 0; list[i] != NULL; i++)
		if (name[0] == list[i][0] && strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

static void
add_mark(struct lb *lb, enum load_mark_kind kind, unsigned line,
    unsigned column)
{
	struct page	*pg = lb->pg;
	size_t		 i;

	for (i = 0; i < pg->nmarks; i++) {
		if (pg->marks[i].kind == kind) {
			pg->marks[i].count++;
			return;
		}
	}
	xgrow(&pg->marks, &lb->mcap, pg->nmarks + 1, sizeof(*pg->marks));
	pg->marks[pg->nmarks].kind = kind;
	pg->marks[pg->nmarks].line = line;
	pg->marks[pg->nmarks].column = column;
	pg->marks[pg->nmarks].count = 1;
	pg->nmarks++;
}

static int
has_mark(const struct page *pg, enum load_mark_kind kind)
{
	size_t	i;

	for (i = 0; i < pg->nmarks; i++)
		if (pg->marks[i].kind == kind)
			return 1;
	return 0;
}

static void
add_piece(struct lb *lb, unsigned line, unsigned column, int exact)
{
	struct page	*pg = lb->pg;
	struct piece	*p;

	if (pg->npieces > 0) {
		p = &pg->pieces[pg->npieces - 1];
		if (p->off == lb->text.len) {
			p->line = line;
			p->column = column;
			p->exact = exact;
			return;
		}
		if (p->line == line && p->column == column && !exact)
			return;
	}
	xgrow(&pg->pieces, &lb->pcap, pg->npieces + 1, sizeof(*pg->pieces));
	p = &pg->pieces[pg->npieces++];
	p->off = lb->text.len;
	p->line = line;
	p->column = column;
	p->exact = exact;
}

/* End the line being built: trim it, keep it if anything is left. */
static void
end_line(struct lb *lb)
{
	struct page	*pg = lb->pg;
	size_t		 n = lb->text.len;
	unsigned char	 c;

	while (n > lb->line_start) {
		c = (unsigned char)lb->text.p[n - 1];
		if (c != ' ' && c != '\t' && c != '\r' && c != '\f' &&
		    c != '\v')
			break;
		n--;
	}
	lb->text.len = n;
	while (pg->npieces > 0 && pg->pieces[pg->npieces - 1].off >= n)
		pg->npieces--;
	if (n > lb->line_start) {
		xgrow(&pg->lines, &lb->lcap, pg->nlines + 1,
		    sizeof(*pg->lines));
		pg->lines[pg->nlines].off = lb->line_start;
		pg->lines[pg->nlines].len = n - lb->line_start;
		pg->nlines++;
		buf_addc(&lb->text, '\n');
	}
	lb->line_start = lb->text.len;
	lb->pending_space = 0;
}

/* The bytes sanitize_utf8() marks as LM_CONTROL or LM_NUL. */
static int
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
	    c != '\f') || c == 0x7f;
}

/* utf8_sanitize()'s events as page marks, and the offsets where the
   output stops following the input column for column. */
static void
note_utf8(void *arg, enum utf8_event ev, unsigned line, unsigned column,
    const struct buf *out)
{
	struct lb	*lb = arg;

	add_mark(lb, ev == UTF8_NUL ? LM_NUL : ev == UTF8_CONTROL ?
	    LM_CONTROL : LM_INVALID_UTF8, line, column);
	if (ev != UTF8_INVALID)
		return;
	xgrow(&lb->sync, &lb->synccap, lb->nsync + 1, sizeof(*lb->sync));
	lb->sync[lb->nsync].off = out->len;
	lb->sync[lb->nsync].line = line;
	lb->sync[lb->nsync].column = column + 1;
	lb->nsync++;
}

static void
sanitize_utf8(struct lb *lb, const char *in, size_t n, struct buf *out)
{
	utf8_sanitize(in, n, out, note_utf8, lb);
}

/* The bytes end_line() trims, and load_text() skips at a line start. */
static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * add_piece() for text input: a piece starts a line or follows the bytes
 * just copied, so it never lands on the last one's offset, and columns
 * always advance with the text.
 */
static void
text_piece(struct lb *lb, unsigned line, unsigned column)
{
	struct page	*pg = lb->pg;
	struct piece	*p;

	if (pg->npieces == lb->pcap)
		xgrow(&pg->pieces, &lb->pcap, pg->npieces + 1,
		    sizeof(*pg->pieces));
	p = &pg->pieces[pg->npieces++];
	p->off = lb->text.len;
	p->line = line;
	p->column = column;
	p->exact = 1;
}

/*
 * Split sanitised text into trimmed, non-blank lines, as end_line() would
 * but trimming before the copy.  A kept line is never longer than its
 * line in s with its newline, so one allocation of n + 2 bytes holds the
 * page text and its NUL.  Lines and pieces are sized for every source line
 * kept and every replaced byte, up to TEXT_UP_FRONT: past that, blank
 * lines may be most of them and the arrays grow as needed.
 */
static void
load_text(struct lb *lb, const char *s, size_t n)
{
	struct page	*pg = lb->pg;
	const char	*nl;
	size_t		 i = 0, e, b, t, k = 0, cut, want;
	unsigned	 line = 1;

	xgrow(&lb->text.p, &lb->text.cap, n + 2, 1);
	want = pg->srclines < TEXT_UP_FRONT ? pg->srclines : TEXT_UP_FRONT;
	xgrow(&pg->lines, &lb->lcap, want, sizeof(*pg->lines));
	if (lb->nsync < TEXT_UP_FRONT - want)
		want += lb->nsync;
	else
		want = TEXT_UP_FRONT;
	xgrow(&pg->pieces, &lb->pcap, want, sizeof(*pg->pieces));
	while (i < n) {
		nl = memchr(s + i, '\n', n - i);
		e = nl == NULL ? n : (size_t)(nl - s);
		b = i;
		while (b < e && is_blank(s[b]))
			b++;
		t = e;
		while (t > b && is_blank(s[t - 1]))
			t--;
		while (k < lb->nsync && lb->sync[k].off <= b)
			k++;
		if (b < t) {
			text_piece(lb, line, (unsigned)(b - i + 1));
			/* After a replaced byte, columns follow the source;
			   one in the trimmed tail starts no piece. */
			for (; k < lb->nsync && lb->sync[k].off < t; k++) {
				cut = lb->sync[k].off;
				memcpy(lb->text.p + lb->text.len, s + b,
				    cut - b);
				lb->text.len += cut - b;
				text_piece(lb, lb->sync[k].line,
				    lb->sync[k].column);
				b = cut;
			}
			memcpy(lb->text.p + lb->text.len, s + b, t - b);
			lb->text.len += t - b;
			if (pg->nlines == lb->lcap)
				xgrow(&pg->lines, &lb->lcap, pg->nlines + 1,
				    sizeof(*pg->lines));
			pg->lines[pg->nlines].off = lb->line_start;
			pg->lines[pg->nlines].len = lb->text.len -
			    lb->line_start;
			pg->nlines++;
			lb->text.p[lb->text.len++] = '\n';
			lb->line_start = lb->text.len;
		}
		line++;
		i = e + 1;
	}
	lb->text.p[lb->text.len] = '\0';
}

/*
 * 1 if sanitize_utf8() would give s[0..n) back as it is and mark nothing:
 * no NUL or control character but tab, newline, form feed and CR, and
 * strict UTF-8 by PCRE2's check.  Most pages are clean, and are then
 * their own sanitised copy.
 *
 * The scan goes in blocks of a constant size without an early exit inside,
 * a loop compilers vectorise at -O2; the last block is padded with spaces.
 * A block of ASCII is UTF-8 whatever surrounds it, and no sequence can
 * cross into one, so PCRE2 checks only the span from the first block with
 * a byte over 0x7f to the last: one call, and none for the many pages
 * that are all ASCII.
 */
static int
is_clean(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s, *p;
	unsigned char		 last[CLEAN_BLOCK], bad, high;
	size_t			 i, k, from = n, to = 0;

	for (i = 0; i < n; i += CLEAN_BLOCK) {
		p = u + i;
		if (n - i < CLEAN_BLOCK) {
			memset(last, ' ', sizeof(last));
			memcpy(last, p, n - i);
			p = last;
		}
		bad = high = 0;
		for (k = 0; k < CLEAN_BLOCK; k++) {
			bad |= is_control(p[k]);
			high |= p[k];
		}
		if (bad)
			return 0;
		if (high & 0x80) {
			if (from == n)
				from = i;
			to = n - i < CLEAN_BLOCK ? n : i + CLEAN_BLOCK;
		}
	}
	return from == n || rx_utf8_valid(s + from, to - from);
}

/* Column of a text piece in the raw source line, when it can be found. */
static unsigned
src_column(struct lb *lb, unsigned line, const char *txt, size_t tlen)
{
	const char	*ls, *le, *hit;
	size_t		 k;

	if (lb->src == NULL || line == 0 || line > lb->nsrcline)
		return 1;
	ls = lb->src + lb->srcline[line - 1];
	le = line < lb->nsrcline ? lb->src + lb->srcline[line] :
	    lb->src + lb->srclen;
	while (tlen > 0 && (*txt == ' ' || *txt == '\n' || *txt == '\t' ||
	    *txt == '\r')) {
		txt++;
		tlen--;
	}
	k = tlen < 8 ? tlen : 8;
	for (; k > 0; k--)
		if (strchr("&<>", txt[k - 1]) == NULL)
			break;
	if (k == 0 || (size_t)(le - ls) < k)
		return 1;
	hit = memmem(ls, (size_t)(le - ls), txt, k);
	return hit == NULL ? 1 : (unsigned)(hit - ls) + 1;
}

static void
add_text(struct lb *lb, const char *t, unsigned line, int pre)
{
	const unsigned char	*s = (const unsigned char *)t;
	size_t			 i, n = strlen(t), run;
	int			 started = 0;

	for (i = 0; i < n; i++) {
		if (pre && s[i] == '\n') {
			end_line(lb);
			line++;
			started = 0;
			continue;
		}
		if (!pre && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\f')) {
			if (lb->text.len > lb->line_start)
				lb->pending_space = 1;
			continue;
		}
		if (pre && (s[i] == ' ' || s[i] == '\t') &&
		    lb->text.len == lb->line_start)
			continue;	/* lines are trimmed, in <pre> too */
		if (s[i] == 0xc2 && i + 1 < n && s[i + 1] == 0xa0) {
			if (lb->text.len == lb->line_start)
				;	/* leading blank: trimmed */
			else if (pre)
				buf_addc(&lb->text, ' ');
			else
				lb->pending_space = 1;
			i++;
			continue;
		}
		if (lb->pending_space) {
			buf_addc(&lb->text, ' ');
			lb->pending_space = 0;
		}
		if (!started) {
			add_piece(lb, line, src_column(lb, line,
			    (const char *)s + i, n - i), 0);
			started = 1;
		}
		/* Nothing above applies again before the next blank or 0xc2
		   (a no-break space, maybe): copy up to there at once. */
		for (run = i + 1; run < n; run++)
			if (s[run] == ' ' || s[run] == '\t' || s[run] == '\n' ||
			    s[run] == '\r' || s[run] == '\f' || s[run] == 0xc2)
				break;
		buf_add(&lb->text, s + i, run - i);
		i = run - 1;
	}
}

static unsigned
node_line(xmlNodePtr n)
{
	long	l;

	l = xmlGetLineNo(n);
	if (l <= 0 && n->parent != NULL)
		l = xmlGetLineNo(n->parent);
	return l > 0 ? (unsigned)l : 1;
}

/* What el_open() makes of an element. */
enum { EL_SKIP, EL_EMPTY, EL_READ };

/*
 * An element starts, in either walk (the tree's or SAX's): a line break
 * before a block, a tab between table cells.  EL_SKIP: its content is
 * not text (script, head, ...); EL_EMPTY: a <br>; else EL_READ, and
 * el_close() follows once its content is read.
 */
static int
el_open(struct lb *lb, const char *name, int *cells, int *pre)
{
	if (in_list(name, skip_tags))
		return EL_SKIP;
	if (strcmp(name, "br") == 0) {
		end_line(lb);
		return EL_EMPTY;
	}
	if (in_list(name, block_tags))
		end_line(lb);
	if (strcmp(name, "tr") == 0)
		*cells = 0;
	else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		if ((*cells)++ > 0 && lb->text.len > lb->line_start) {
			buf_addc(&lb->text, '\t');
			lb->pending_space = 0;
		}
	} else if (strcmp(name, "pre") == 0)
		(*pre)++;
	return EL_READ;
}

static void
el_close(struct lb *lb, const char *name, int *pre)
{
	if (in_list(name, block_tags))
		end_line(lb);
	if (strcmp(name, "pre") == 0 && *pre > 0)
		(*pre)--;
}

static void
walk_html(struct lb *lb, xmlNodePtr root)
{
	xmlNodePtr	 n = root, next;
	int		 pre = 0, cells = 0, descend;
	unsigned	 depth = 0;
	const char	*name;

	while (n != NULL) {
		descend = 0;
		if (n->type == XML_ELEMENT_NODE) {
			name = (const char *)n->name;
			if (el_open(lb, name, &cells, &pre) == EL_READ) {
				descend = n->children != NULL;
				if (!descend)
					el_close(lb, name, &pre);
			}
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			add_text(lb, (const char *)n->content,
			    node_line(n->parent != NULL &&
			    n->parent->type == XML_ELEMENT_NODE ?
			    n->parent : n), pre > 0);

		/* Below the depth limit nothing is read: a page nested
		   100k deep is a finding, not 100k levels of work. */
		if (descend && depth + 1 >= max_depth) {
			add_mark(lb, LM_DEPTH_LIMIT, node_line(n), 1);
			descend = 0;
			if (strcmp((const char *)n->name, "pre") == 0 && pre > 0)
				pre--;
		}
		if (descend) {
			depth++;
			n = n->children;
			continue;
		}
		/* Leave n, and every ancestor whose last child it was. */
		for (;;) {
			if (n == root) {
				n = NULL;
				break;
			}
			next = n->next;
			if (next != NULL) {
				n = next;
				break;
			}
			n = n->parent;
			if (depth > 0)
				depth--;
			if (n == NULL || n->type != XML_ELEMENT_NODE)
				continue;
			el_close(lb, (const char *)n->name, &pre);
		}
	}
	end_line(lb);
}

/*
 * HTML through SAX.  bench/htmlparse.c timed libxml2 building the tree as
 * about half the cost of a parse, so pages are read from the parser's
 * events instead of from a tree.  These are the events libxml2's own
 * tree builder gets, so the text is the text walk_html() takes from the
 * tree: characters coalesce into one text node until another node comes,
 * each node at its element's line; only the root element is walked, with
 * what the tree builder puts into it; text outside it is dropped; the
 * depth limit applies to an element that has children.  Both walks share
 * el_open() and el_close(); tests/check_load.c compares them on every
 * fixture page and a table of edge cases.
 */
struct hel {
	const char	*name;		/* in the parser's dictionary */
	long		 line;		/* as the tree would have it */
	long		 up;		/* the parent's line */
	int		 kids;		/* any child, comments too */
};

struct hwalk {
	struct lb	*lb;
	struct hel	*st;
	size_t		 n;
	size_t		 cap;
	struct buf	 text;		/* the text node being built */
	long		 text_line;
	long		 text_up;
	int		 has_text;
	int		 pre;
	int		 cells;
	size_t		 skip;		/* > 0: in the element at this depth */
	int		 closed;	/* st[0] ended (but see hw_end()) */
	int		 first;		/* the document's first child: 0 none
					   yet, 1 the root element, 2 other */
	size_t		 ign;		/* > 0: in a top-level element the
					   tree does not walk */
};

static _Thread_local struct hwalk	*tl_hw;
static _Thread_local htmlParserCtxtPtr	 tl_ctxt;
static _Thread_local int		 tl_tree;	/* tl_ctxt builds trees */
static int				 html_tree;	/* tests */

void
load_html_tree(int on)
{
	html_tree = on;
}

static unsigned
hw_line(long line, long up)
{
	if (line <= 0)
		line = up;
	return line > 0 ? (unsigned)line : 1;
}

/* The text node ends: walk it as walk_html() walks a text node. */
static void
hw_flush(struct hwalk *hw)
{
	if (!hw->has_text)
		return;
	buf_addc(&hw->text, '\0');
	add_text(hw->lb, hw->text.p, hw_line(hw->text_line, hw->text_up),
	    hw->pre > 0);
	hw->text.len = 0;
	hw->has_text = 0;
}

/*
 * A child node of the open element comes (kids); at the depth limit the
 * element's children are not read, as walk_html() does not descend.
 * 0 if the child is to be ignored.
 */
static int
hw_child(struct hwalk *hw)
{
	struct hel	*el;

	if (hw->n == 0 || hw->skip > 0)
		return 0;
	el = &hw->st[hw->n - 1];
	el->kids = 1;
	if (hw->n >= max_depth) {
		add_mark(hw->lb, LM_DEPTH_LIMIT, hw_line(el->line, el->up), 1);
		if (strcmp(el->name, "pre") == 0 && hw->pre > 0)
			hw->pre--;
		hw->skip = hw->n;
		return 0;
	}
	return 1;
}

static long
hw_input_line(void)
{
	long	l;

	if (tl_ctxt == NULL || !tl_ctxt->linenumbers || tl_ctxt->input == NULL)
		return 0;
	l = tl_ctxt->input->line;
	return l < 65535 ? l : 65535;
}

static void
hw_start(void *ctx, const xmlChar *xname, const xmlChar **attrs)
{
	struct hwalk	*hw = tl_hw;
	struct hel	*el;
	const char	*name = (const char *)xname;

	(void)ctx;
	(void)attrs;
	if (hw->ign > 0) {
		hw->ign++;
		return;
	}
	hw_flush(hw);
	/* With the root's element closed, the tree builder puts a later
	   top-level element into the document's first child: into the root
	   when that is an element, else beside it, where no walk goes. */
	if (hw->n == 0 && hw->closed) {
		if (hw->first != 1) {
			hw->ign = 1;
			return;
		}
		hw->n = 1;
		hw->closed = 0;
	}
	if (hw->n == 0 && hw->first == 0)
		hw->first = 1;
	/* A child of the open element (at the depth limit, not read). */
	if (hw->n > 0 && hw->skip == 0 && hw->st[hw->n - 1].kids == 0)
		hw_child(hw);
	xgrow(&hw->st, &hw->cap, hw->n + 1, sizeof(*hw->st));
	el = &hw->st[hw->n++];
	memset(el, 0, sizeof(*el));
	el->name = name;
	el->line = hw_input_line();
	el->up = hw->n > 1 ? hw->st[hw->n - 2].line : -1;
	if (hw->skip == 0 &&
	    el_open(hw->lb, name, &hw->cells, &hw->pre) == EL_SKIP)
		hw->skip = hw->n;
}

static void
hw_end(void *ctx, const xmlChar *xname)
{
	struct hwalk	*hw = tl_hw;
	struct hel	*el;
	int		 skipped;

	(void)ctx;
	(void)xname;
	if (hw->ign > 0) {
		hw->ign--;
		return;
	}
	if (hw->n == 0)
		return;
	hw_flush(hw);
	el = &hw->st[hw->n - 1];
	if (hw->n == 1) {
		/* Later top-level elements may go into the root (see
		   hw_start()): it stays open (st[0]) till the end. */
		hw->n = 0;
		hw->closed = 1;
		return;
	}
	skipped = hw->skip > 0;
	if (hw->skip == hw->n)
		hw->skip = 0;
	if (!skipped)
		el_close(hw->lb, el->name, &hw->pre);
	hw->n--;
}

static void
hw_chars(void *ctx, const xmlChar *ch, int len)
{
	struct hwalk	*hw = tl_hw;
	struct hel	*el;

	(void)ctx;
	if (hw->n == 0 || hw->skip > 0 || hw->ign > 0)
		return;
	el = &hw->st[hw->n - 1];
	if (el->kids == 0 && !hw_child(hw))
		return;
	el->kids = 1;
	if (!hw->has_text) {
		hw->has_text = 1;
		hw->text_line = el->line;
		hw->text_up = el->up;
	}
	buf_add(&hw->text, (const char *)ch, (size_t)len);
}

/* A comment or processing instruction: a node, but no text. */
static void
hw_node(void)
{
	struct hwalk	*hw = tl_hw;

	if (hw->ign > 0)
		return;
	if (hw->n == 0) {
		/* At the top: the document's first child, maybe. */
		if (hw->first == 0)
			hw->first = 2;
		return;
	}
	if (hw->skip > 0)
		return;
	hw_flush(hw);
	if (hw->st[hw->n - 1].kids == 0)
		hw_child(hw);
}

/* A DOCTYPE, wherever it is, goes first in the document. */
static void
hw_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	(void)ctx;
	(void)name;
	(void)ext;
	(void)sys;
	tl_hw->first = 2;
}

static void
hw_comment(void *ctx, const xmlChar *value)
{
	(void)ctx;
	(void)value;
	hw_node();
}

static void
hw_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)ctx;
	(void)target;
	(void)data;
	hw_node();
}

static void
hw_install(htmlParserCtxtPtr ctxt)
{
	htmlSAXHandler	*sax = ctxt->sax;

	memset(sax, 0, sizeof(*sax));
	sax->startElement = hw_start;
	sax->endElement = hw_end;
	sax->characters = hw_chars;
	sax->cdataBlock = hw_chars;
	sax->comment = hw_comment;
	sax->processingInstruction = hw_pi;
	sax->internalSubset = hw_subset;
	sax->initialized = 1;
}

/* The charset a <meta> declares in the first 4 KB, or "". */
static void
meta_charset(const char *s, size_t n, char *cs, size_t cssz)
{
	size_t		 i, k;
	const char	*p;

	cs[0] = '\0';
	if (n > 4096)
		n = 4096;
	for (i = 0; i + 8 <= n; i++) {
		if (strncasecmp(s + i, "charset=", 8) != 0)
			continue;
		p = s + i + 8;
		while (p < s + n && (*p == '"' || *p == '\'' || *p == ' '))
			p++;
		for (k = 0; p + k < s + n && k + 1 < cssz; k++) {
			if (!(p[k] == '-' || p[k] == '_' ||
			    (p[k] >= '0' && p[k] <= '9') ||
			    (p[k] >= 'a' && p[k] <= 'z') ||
			    (p[k] >= 'A' && p[k] <= 'Z')))
				break;
			cs[k] = p[k];
		}
		cs[k] = '\0';
		return;
	}
}

static int
is_utf8_name(const char *cs)
{
	return cs[0] == '\0' || strcasecmp(cs, "utf-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0 || strcasecmp(cs, "us-ascii") == 0;
}

/* Where each source line starts, for src_column(). */
static void
index_source(struct lb *lb, const char *s, size_t n)
{
	const char	*p = s, *end = s + n, *nl;
	size_t		 cap = 0;

	lb->src = s;
	lb->srclen = n;
	/* A start for each line cut_lines() counted, and one past a final
	   newline. */
	xgrow(&lb->srcline, &cap, lb->pg->srclines + 1, sizeof(size_t));
	lb->srcline[lb->nsrcline++] = 0;
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (lb->nsrcline == cap)
			xgrow(&lb->srcline, &cap, lb->nsrcline + 1,
			    sizeof(size_t));
		lb->srcline[lb->nsrcline++] = (size_t)(nl + 1 - s);
		p = nl + 1;
	}
}

static void
quiet_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
quiet_serror(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static void
load_html(struct lb *lb, const char *raw, size_t n)
{
	struct page	*pg = lb->pg;
	struct buf	 clean = { 0 };
	const char	*data = raw, *enc = NULL;
	size_t		 len = n, tail;
	xmlDocPtr	 doc;
	int		 opts;
	char		 cs[32];

	opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED |
	    XML_PARSE_HUGE;
	meta_charset(raw, n, cs, sizeof(cs));
	/* Text converted from UTF-16 is UTF-8 now, whatever <meta> says. */
	if (strncmp(pg->charset, "utf-16", 6) == 0 ||
	    (strcmp(pg->charset, "utf-8") == 0 && is_utf8_name(cs))) {
		/* A clean page is its own sanitised copy, as for text. */
		if (!is_clean(raw, n)) {
			sanitize_utf8(lb, raw, n, &clean);
			data = clean.p == NULL ? "" : clean.p;
			len = clean.len;
		}
		enc = "UTF-8";
		opts |= HTML_PARSE_IGNORE_ENC;
		index_source(lb, data, len);
	} else {
		snprintf(pg->charset, sizeof(pg->charset), "%s", cs);
		for (tail = 0; pg->charset[tail] != '\0'; tail++)
			if (pg->charset[tail] >= 'A' &&
			    pg->charset[tail] <= 'Z')
				pg->charset[tail] += 'a' - 'A';
	}

	tail = len > 1024 ? len - 1024 : 0;
	/* Cut at the line limit, the end is missing on purpose. */
	if (!has_mark(pg, LM_LINE_LIMIT) && memmem(data + tail, len - tail, "</html", 6) == NULL &&
	    memmem(data + tail, len - tail, "</HTML", 6) == NULL &&
	    memmem(data + tail, len - tail, "</body", 6) == NULL &&
	    memmem(data + tail, len - tail, "</BODY", 6) == NULL)
		add_mark(lb, LM_HTML_UNCLOSED, pg->srclines, 1);

	if (tl_ctxt == NULL) {
		xmlSetGenericErrorFunc(NULL, quiet_error);
		xmlSetStructuredErrorFunc(NULL, quiet_serror);
		tl_ctxt = htmlNewParserCtxt();
		tl_tree = 1;
	}
	if (tl_ctxt == NULL || len > (size_t)2147483647) {
		buf_free(&clean);
		return;
	}
	if (!html_tree) {
		struct hwalk	hw;

		if (tl_tree)
			hw_install(tl_ctxt);
		tl_tree = 0;
		memset(&hw, 0, sizeof(hw));
		hw.lb = lb;
		tl_hw = &hw;
		doc = htmlCtxtReadMemory(tl_ctxt, data, (int)len, pg->file,
		    enc, opts);
		hw_flush(&hw);
		end_line(lb);
		tl_hw = NULL;
		free(hw.st);
		buf_free(&hw.text);
		if (doc != NULL)
			xmlFreeDoc(doc);
		buf_free(&clean);
		return;
	}
	if (!tl_tree) {
		/* Back to the tree (tests): a parser with the default SAX. */
		htmlFreeParserCtxt(tl_ctxt);
		if ((tl_ctxt = htmlNewParserCtxt()) == NULL) {
			buf_free(&clean);
			return;
		}
		tl_tree = 1;
	}
	doc = htmlCtxtReadMemory(tl_ctxt, data, (int)len, pg->file, enc,
	    opts);
	if (doc != NULL) {
		walk_html(lb, xmlDocGetRootElement(doc) != NULL ?
		    xmlDocGetRootElement(doc) : doc->children);
		xmlFreeDoc(doc);
	}
	buf_free(&clean);
}

/* HTML by content: a doctype or <html> up front, or many tags. */
static int
looks_html(const char *s, size_t n, const char *name)
{
	const char	*ext, *p, *end;
	size_t		 i, tags = 0, close = 0;

	ext = name == NULL ? NULL : strrchr(name, '.');
	if (ext != NULL && (strcasecmp(ext, ".html") == 0 ||
	    strcasecmp(ext, ".htm") == 0 || strcasecmp(ext, ".xhtml") == 0))
		return 1;
	i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' ||
	    s[i] == '\t'))
		i++;
	if (n - i >= 5 && (strncasecmp(s + i, "<!doctype html", n - i < 14 ?
	    n - i : 14) == 0 || strncasecmp(s + i, "<html", 5) == 0 ||
	    strncasecmp(s + i, "<head", 5) == 0 ||
	    strncasecmp(s + i, "<body", 5) == 0))
		return 1;
	/* Tags in the first 8 KB: each '<' and the byte after it, with
	   memchr skipping the text between (most of a text page). */
	p = s;
	end = s + (n < 8192 ? n : 8192);
	while (end - p >= 2 &&
	    (p = memchr(p, '<', (size_t)(end - p - 1))) != NULL) {
		p++;
		if (*p == '/')
			close++;
		if (*p == '/' || *p == '!' || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z'))
			tags++;
	}
	return tags >= 12 && close >= 4;
}

/*
 * A run of Markdown line text.  Its columns are the sanitised text's, as
 * for text input, up to a replaced byte; from there they follow the
 * source, and a run across one is cut there.
 */
static void
md_text(void *arg, const char *p, size_t n, size_t off, unsigned line,
    unsigned column)
{
	struct lb	*lb = arg;
	size_t		 lo = 0, hi = lb->nsync, mid, cut;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (lb->sync[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && lb->sync[lo - 1].line == line)
		column = lb->sync[lo - 1].column +
		    (unsigned)(off - lb->sync[lo - 1].off);
	for (; lo < lb->nsync && lb->sync[lo].off < off + n; lo++) {
		cut = lb->sync[lo].off - off;
		add_piece(lb, line, column, 1);
		buf_add(&lb->text, p, cut);
		p += cut;
		n -= cut;
		off += cut;
		column = lb->sync[lo].column;
	}
	if (n > 0) {
		add_piece(lb, line, column, 1);
		buf_add(&lb->text, p, n);
	}
}

static void
md_eol(void *arg)
{
	end_line(arg);
}

static void
load_markdown(struct lb *lb, const char *s, size_t n)
{
	struct md_sink	sk;

	sk.text = md_text;
	sk.eol = md_eol;
	sk.arg = lb;
	md_read(s, n, &sk);
	/* An empty page has text "" all the same, as for text input. */
	buf_addc(&lb->text, '\0');
	lb->text.len--;
}

/* UTF-16 with a BOM: convert to UTF-8 with iconv. */
static char *
from_utf16(const char *s, size_t n, int big, size_t *outlen)
{
	iconv_t	 cd;
	char	*out, *ip = (char *)(uintptr_t)s, *op;
	size_t	 il = n, ol = n * 2 + 16;

	cd = iconv_open("UTF-8", big ? "UTF-16BE" : "UTF-16LE");
	if (cd == (iconv_t)-1)
		return NULL;
	out = xmalloc(ol + 1);
	op = out;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno != EILSEQ && errno != EINVAL)
			break;
		/* Replace the bad unit and go on. */
		if (ol < 3)
			break;
		memcpy(op, "\xef\xbf\xbd", 3);
		op += 3;
		ol -= 3;
		ip += il >= 2 ? 2 : il;
		il -= il >= 2 ? 2 : il;
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

/*
 * The length of the first max_lines lines; a mark when there are more.
 * The lines read are the page's source lines, whatever reads them next.
 */
static size_t
cut_lines(struct lb *lb, const char *s, size_t n)
{
	const char	*p = s, *end = s + n, *nl;
	size_t		 cut = n;
	unsigned	 lines = 0;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (++lines == max_lines)
			cut = (size_t)(nl + 1 - s);
		p = nl + 1;
	}
	if (p < end)
		lines++;
	if (lines <= max_lines) {
		lb->pg->srclines = lines;
		return n;
	}
	lb->pg->srclines = max_lines;
	add_mark(lb, LM_LINE_LIMIT, max_lines + 1, 1);
	lb->pg->marks[lb->pg->nmarks - 1].count = lines;
	return cut;
}

static int
has_nul(const char *s, size_t n)
{
	return memchr(s, '\0', n < 8192 ? n : 8192) != NULL;
}

struct page *
load_buffer(const char *name, const char *data, size_t n)
{
	struct page	*pg;
	struct lb	 lb;
	struct buf	 clean = { 0 };
	char		*conv = NULL;
	size_t		 convlen;

	pg = xcalloc(1, sizeof(*pg));
	pg->file = xstrdup(name);
	pg->bytes = n;
	snprintf(pg->charset, sizeof(pg->charset), "utf-8");
	memset(&lb, 0, sizeof(lb));
	lb.pg = pg;

	if (n >= 2 && ((unsigned char)data[0] == 0xff &&
	    (unsigned char)data[1] == 0xfe)) {
		conv = from_utf16(data + 2, n - 2, 0, &convlen);
		snprintf(pg->charset, sizeof(pg->charset), "utf-16le");
	} else if (n >= 2 && ((unsigned char)data[0] == 0xfe &&
	    (unsigned char)data[1] == 0xff)) {
		conv = from_utf16(data + 2, n - 2, 1, &convlen);
		snprintf(pg->charset, sizeof(pg->charset), "utf-16be");
	}
	if (conv != NULL) {
		data = conv;
		n = convlen;
	} else if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		n -= 3;
	}

	n = cut_lines(&lb, data, n);
	if (has_nul(data, n)) {
		pg->is_binary = 1;
		sanitize_utf8(&lb, data, n, &clean);
	} else if (looks_html(data, n, name)) {
		pg->is_html = 1;
		load_html(&lb, data, n);
	} else if (md_detect(data, n, name)) {
		pg->is_markdown = 1;
		if (is_clean(data, n))
			load_markdown(&lb, data, n);
		else {
			sanitize_utf8(&lb, data, n, &clean);
			load_markdown(&lb, clean.p == NULL ? "" : clean.p,
			    clean.len);
		}
	} else if (is_clean(data, n)) {
		/* Nothing to replace or mark: the bytes are the clean text. */
		load_text(&lb, data, n);
	} else {
		sanitize_utf8(&lb, data, n, &clean);
		load_text(&lb, clean.p == NULL ? "" : clean.p, clean.len);
	}
	pg->len = lb.text.len;
	pg->text = buf_take(&lb.text);
	buf_free(&clean);
	free(lb.srcline);
	free(lb.sync);
	free(conv);
	return pg;
}

enum load_status
load_file(const char *path, const struct load_opts *opts, struct page **out,
    struct cl_error *err)
{
	struct stat	 st;
	struct buf	 b = { 0 };
	ssize_t		 r;
	int		 fd;
	size_t		 max = opts == NULL ? 0 : opts->max_size, want;

	*out = NULL;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd == -1) {
			cl_error_set(err, path, 0, 0, "cannot open: %s",
			    strerror(errno));
			return LOAD_UNREADABLE;
		}
		if (fstat(fd, &st) == -1) {
			cl_error_set(err, path, 0, 0, "cannot stat: %s",
			    strerror(errno));
			close(fd);
			return LOAD_UNREADABLE;
		}
		if (S_ISDIR(st.st_mode)) {
			cl_error_set(err, path, 0, 0, "is a directory");
			close(fd);
			return LOAD_UNREADABLE;
		}
		if (!S_ISREG(st.st_mode)) {
			cl_error_set(err, path, 0, 0,
			    "not a regular file (FIFO, socket or device)");
			close(fd);
			return LOAD_UNREADABLE;
		}
		if (max > 0 && (size_t)st.st_size > max) {
			cl_error_set(err, path, 0, 0,
			    "%lld bytes is over the --max-size limit of %zu",
			    (long long)st.st_size, max);
			close(fd);
			return LOAD_TOO_LARGE;
		}
		/* O_NONBLOCK (so that opening a FIFO cannot hang) has no
		   effect on a regular file's reads: no fcntl to clear it.
		   Read in place: room for the file, its NUL and a byte more,
		   so the read that finds the end needs no growing. */
		xgrow(&b.p, &b.cap, (size_t)st.st_size + 2, 1);
	}
	for (;;) {
		/* A byte stays free for the NUL; stdin grows 64 KB at least. */
		if (b.cap - b.len < 2)
			xgrow(&b.p, &b.cap, b.len + 65536, 1);
		want = b.cap - b.len - 1;
		r = read(fd, b.p + b.len, want);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			cl_error_set(err, path, 0, 0, "read error: %s",
			    strerror(errno));
			if (fd != STDIN_FILENO)
				close(fd);
			buf_free(&b);
			return LOAD_UNREADABLE;
		}
		if (r == 0)
			break;
		b.len += (size_t)r;
		/* A short read of a regular file is its end: one read call
		   for a page, not two. */
		if (fd != STDIN_FILENO && (size_t)r < want)
			break;
		if (max > 0 && b.len > max) {
			cl_error_set(err, path, 0, 0,
			    "more than the --max-size limit of %zu bytes",
			    max);
			if (fd != STDIN_FILENO)
				close(fd);
			buf_free(&b);
			return LOAD_TOO_LARGE;
		}
	}
	if (fd != STDIN_FILENO)
		close(fd);
	b.p[b.len] = '\0';
	*out = load_buffer(path, b.p, b.len);
	buf_free(&b);
	return LOAD_OK;
}

void
page_free(struct page *pg)
{
	if (pg == NULL)
		return;
	free(pg->file);
	free(pg->text);
	free(pg->lines);
	free(pg->pieces);
	free(pg->marks);
	free(pg);
}

void
page_pos(const struct page *pg, size_t off, unsigned *line,
    unsigned *column)
{
	size_t			 lo = 0, hi = pg->npieces, mid;
	const struct piece	*p;

	if (pg->npieces == 0) {
		*line = 1;
		*column = 1;
		return;
	}
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (pg->pieces[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	p = &pg->pieces[lo];
	*line = p->line;
	*column = p->column;
	if (p->exact && off >= p->off)
		*column += (unsigned)(off - p->off);
}

size_t
page_line_at(const struct page *pg, size_t off)
{
	size_t	lo = 0, hi = pg->nlines, mid;

	if (pg->nlines == 0)
		return 0;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (pg->lines[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static xmlParserInputPtr
no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
load_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(no_entity_loader);
	xmlSetGenericErrorFunc(NULL, quiet_error);
	xmlSetStructuredErrorFunc(NULL, quiet_serror);
}

void
load_thread_cleanup(void)
{
	if (tl_ctxt != NULL) {
		htmlFreeParserCtxt(tl_ctxt);
		tl_ctxt = NULL;
	}
}

