/*
 * check_load.c: the loader, bytes in and logical lines out.  One table
 * of inputs (text, HTML, charsets, broken bytes) with the page text,
 * format flags and first byte mark each must give; one table of source
 * positions page_pos() must map words back to; every byte value and the
 * mark it gets; clean pages read against the same pages with a bad byte;
 * and the limits a table cannot hold: a page nested 100000 levels deep,
 * NULs past 8 KB, a bad byte first, in the middle or last in pages of
 * many sizes, a multibyte sequence at every offset, and files that cannot
 * be read.  Crawler Markdown has its own table of pages and near misses,
 * and its positions are in the positions table.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "load/load.h"

#define B(s)		(s), sizeof(s) - 1
#define DOC(body)	"<html><body>" body "</body></html>\n"
#define NOMARK		(-1)

/* How a row's input is encoded before load_buffer() sees it. */
enum renc {
	AS_IS,
	U16LE,		/* each input byte is a code unit; BOM added */
	U16BE
};

struct lrow {
	const char	*name;
	const char	*file;		/* what load_buffer() is told */
	const char	*in;
	size_t		 inlen;
	enum renc	 enc;
	const char	*text;		/* page->text */
	int		 html;
	int		 binary;
	int		 mark;		/* first mark's kind, or NOMARK */
	unsigned	 mline;		/* its line and column; 0: any */
	unsigned	 mcol;
};

Suite	*load_suite(void);

static const struct lrow rows[] = {
	/* Text: lines trimmed, blank lines dropped, nothing else. */
	{ "text trimmed", "p.txt", B("  hello  \n\tworld\t\n"), AS_IS,
	    "hello\nworld\n", 0, 0, NOMARK, 0, 0 },
	{ "text blank lines", "p.txt", B("a\n\n   \n\t\t\nb\n\n"), AS_IS,
	    "a\nb\n", 0, 0, NOMARK, 0, 0 },
	{ "text no final newline", "p.txt", B("a\nb"), AS_IS,
	    "a\nb\n", 0, 0, NOMARK, 0, 0 },
	{ "text inner space kept", "p.txt", B("a   b\tc\n"), AS_IS,
	    "a   b\tc\n", 0, 0, NOMARK, 0, 0 },
	{ "text CRLF", "p.txt", B("one \r\ntwo\r\n\r\nthree"), AS_IS,
	    "one\ntwo\nthree\n", 0, 0, NOMARK, 0, 0 },
	{ "text empty", "p.txt", B(""), AS_IS,
	    "", 0, 0, NOMARK, 0, 0 },
	{ "text whitespace only", "p.txt", B(" \t\n  \r\n\n"), AS_IS,
	    "", 0, 0, NOMARK, 0, 0 },
	{ "text with '<' is not HTML", "notes.txt",
	    B("price < $1 and a<b\nuse <c> here\n"), AS_IS,
	    "price < $1 and a<b\nuse <c> here\n", 0, 0, NOMARK, 0, 0 },
	{ "unnamed text with '<' is not HTML", "-",
	    B("<- back\n1 < 2 < 3\n"), AS_IS,
	    "<- back\n1 < 2 < 3\n", 0, 0, NOMARK, 0, 0 },

	/* HTML structure. */
	{ "html block", "p.html",
	    B(DOC("<div>a</div><div>b</div><p>c</p>")), AS_IS,
	    "a\nb\nc\n", 1, 0, NOMARK, 0, 0 },
	{ "html inline", "p.html",
	    B(DOC("<p>a<b>b</b><span>c</span> <i>d</i><a href=x>e</a></p>")),
	    AS_IS, "abc de\n", 1, 0, NOMARK, 0, 0 },
	{ "html inline around block", "p.html",
	    B(DOC("<div>a<span>b<div>c</div>d</span></div>")), AS_IS,
	    "ab\nc\nd\n", 1, 0, NOMARK, 0, 0 },
	{ "html br", "p.html", B(DOC("<p>one<br>two<br/>three</p>")),
	    AS_IS, "one\ntwo\nthree\n", 1, 0, NOMARK, 0, 0 },
	{ "html headings and lists", "p.html",
	    B(DOC("<h1>H</h1><h6>h6</h6><ul><li>i1</li><li>i2</li></ul>")),
	    AS_IS, "H\nh6\ni1\ni2\n", 1, 0, NOMARK, 0, 0 },
	{ "html dl", "p.html",
	    B(DOC("<dl><dt>Context</dt><dd>64K</dd></dl>")), AS_IS,
	    "Context\n64K\n", 1, 0, NOMARK, 0, 0 },
	{ "html table cells", "p.html",
	    B(DOC("<table><tr><th>Name</th><th>Price</th></tr>"
	    "<tr><td>A</td><td>$1</td></tr></table>")), AS_IS,
	    "Name\tPrice\nA\t$1\n", 1, 0, NOMARK, 0, 0 },
	{ "html table empty cell", "p.html",
	    B(DOC("<table><tr><td>A</td><td></td><td>$1</td></tr>"
	    "</table>")), AS_IS,
	    "A\t\t$1\n", 1, 0, NOMARK, 0, 0 },
	{ "html whitespace collapsed", "p.html",
	    B(DOC("<p>  a \n\t  b  </p>\n\n<p>\n</p>")), AS_IS,
	    "a b\n", 1, 0, NOMARK, 0, 0 },
	{ "html pre keeps lines and spaces", "p.html",
	    B(DOC("<pre>a   b\nc\n\nd</pre>")), AS_IS,
	    "a   b\nc\nd\n", 1, 0, NOMARK, 0, 0 },
	{ "html pre lines trimmed", "p.html",
	    B(DOC("<pre>x\n    indented\n</pre>")), AS_IS,
	    "x\nindented\n", 1, 0, NOMARK, 0, 0 },
	{ "html pre inner blanks", "p.html",
	    B(DOC("<pre>  a b\tc  \f d\n\t e</pre>")), AS_IS,
	    "a b\tc   d\ne\n", 1, 0, NOMARK, 0, 0 },
	{ "html 0xc2 that is no no-break space", "p.html",
	    B(DOC("<p>5\xc2\xa2 a\xc2\xa0" "b\xc2\xa0</p>")), AS_IS,
	    "5\xc2\xa2 a b\n", 1, 0, NOMARK, 0, 0 },
	{ "html head script style dropped", "p.html",
	    B("<html><head><title>T</title><style>p{color:red}</style>"
	    "</head><body><script>var s='<div>no</div>';</script>"
	    "<p>yes</p></body></html>\n"), AS_IS,
	    "yes\n", 1, 0, NOMARK, 0, 0 },
	{ "html noscript template dropped", "p.html",
	    B(DOC("<noscript>no</noscript><template><p>no</p></template>"
	    "<p>yes</p>")), AS_IS,
	    "yes\n", 1, 0, NOMARK, 0, 0 },
	{ "html svg iframe object dropped", "p.html",
	    B(DOC("<p>a</p><svg><text>no</text></svg><iframe>no</iframe>"
	    "<object>no</object><p>b</p>")), AS_IS,
	    "a\nb\n", 1, 0, NOMARK, 0, 0 },
	{ "html comments dropped", "p.html",
	    B(DOC("<p>a<!-- no -->b</p><!-- <p>no</p> -->")), AS_IS,
	    "ab\n", 1, 0, NOMARK, 0, 0 },
	{ "html entities", "p.html",
	    B(DOC("<p>&amp; &#36;1 &#x24;2 &mdash; &lt;x&gt;</p>")), AS_IS,
	    "& $1 $2 \xe2\x80\x94 <x>\n", 1, 0, NOMARK, 0, 0 },
	{ "html nbsp collapsed", "p.html",
	    B(DOC("<p>a&nbsp;b &nbsp; &nbsp;c&nbsp;</p>")), AS_IS,
	    "a b c\n", 1, 0, NOMARK, 0, 0 },
	{ "html5 tags", "p.html",
	    B(DOC("<nav>n</nav><main><section>s</section><article>t"
	    "</article></main><footer>f</footer>")), AS_IS,
	    "n\ns\nt\nf\n", 1, 0, NOMARK, 0, 0 },
	{ "html upper-case tags", "p.html",
	    B(DOC("<P>A</P><DIV>B</DIV>")), AS_IS,
	    "A\nB\n", 1, 0, NOMARK, 0, 0 },
	{ "html forced by .html name", "plain.html", B("hello\nworld\n"),
	    AS_IS, "hello world\n", 1, 0, LM_HTML_UNCLOSED, 0, 0 },
	{ "html unclosed", "cut.html",
	    B("<html><body><p>a</p><pre>pip install re"), AS_IS,
	    "a\npip install re\n", 1, 0, LM_HTML_UNCLOSED, 1, 1 },
	{ "html unclosed, mark on the last line", "cut.html",
	    B("<html><body>\n<p>a</p>\n"), AS_IS,
	    "a\n", 1, 0, LM_HTML_UNCLOSED, 2, 1 },

	/* HTML by content, whatever the name says. */
	{ "detect doctype", "page", B("<!DOCTYPE html>\n<html><body>"
	    "<p>x</p></body></html>\n"), AS_IS,
	    "x\n", 1, 0, NOMARK, 0, 0 },
	{ "detect <html after space", "page.txt",
	    B("  <html><body><p>x</p></body></html>\n"), AS_IS,
	    "x\n", 1, 0, NOMARK, 0, 0 },
	{ "detect tag density", "page.txt",
	    B("intro\n<div>\n<p>a</p>\n<p>b</p>\n<p>c</p>\n<p>d</p>\n"
	    "<p>e</p>\n</div>\n"), AS_IS,
	    "intro\na\nb\nc\nd\ne\n", 1, 0, LM_HTML_UNCLOSED, 0, 0 },

	/* Charsets. */
	{ "utf-8 BOM stripped", "bom.txt", B("\xef\xbb\xbfhello\n"), AS_IS,
	    "hello\n", 0, 0, NOMARK, 0, 0 },
	{ "utf-8 BOM before HTML", "bom", B("\xef\xbb\xbf<!doctype html>"
	    DOC("<p>x</p>")), AS_IS,
	    "x\n", 1, 0, NOMARK, 0, 0 },
	{ "utf-16le text", "u16.txt", B(" hi\n\xe9t\xe9\n"), U16LE,
	    "hi\n\xc3\xa9t\xc3\xa9\n", 0, 0, NOMARK, 0, 0 },
	{ "utf-16be text", "u16.txt", B("hi \r\n\xe9t\xe9\n"), U16BE,
	    "hi\n\xc3\xa9t\xc3\xa9\n", 0, 0, NOMARK, 0, 0 },
	{ "utf-16le html", "u16.html", B(DOC("<p>caf\xe9</p>")), U16LE,
	    "caf\xc3\xa9\n", 1, 0, NOMARK, 0, 0 },
	{ "latin-1 meta charset", "l1.html",
	    B("<html><head><meta charset=\"iso-8859-1\"></head><body>"
	    "<p>Lumi\xe8re caf\xe9</p></body></html>\n"), AS_IS,
	    "Lumi\xc3\xa8re caf\xc3\xa9\n", 1, 0, NOMARK, 0, 0 },
	{ "windows-1252 http-equiv", "w.html",
	    B("<html><head><meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=windows-1252\"></head><body>"
	    "<p>\x80 5</p></body></html>\n"), AS_IS,
	    "\xe2\x82\xac 5\n", 1, 0, NOMARK, 0, 0 },
	{ "latin-1 unclosed, mark on the last line", "l1.html",
	    B("<html><head><meta charset=\"iso-8859-1\"></head><body>\n"
	    "<p>caf\xe9</p>"), AS_IS,
	    "caf\xc3\xa9\n", 1, 0, LM_HTML_UNCLOSED, 2, 1 },

	/* Broken bytes. */
	{ "invalid utf-8 in text", "bad.txt", B("ok\nab\xff" "cd\n"),
	    AS_IS, "ok\nab\xef\xbf\xbd" "cd\n", 0, 0, LM_INVALID_UTF8, 2, 3 },
	{ "invalid utf-8 sequence", "bad.txt", B("x\xc3(y\n"), AS_IS,
	    "x\xef\xbf\xbd(y\n", 0, 0, LM_INVALID_UTF8, 1, 2 },
	{ "invalid utf-8 lone continuation", "bad.txt",
	    B("a\n\n  b\x80\x80\n"), AS_IS,
	    "a\nb\xef\xbf\xbd\xef\xbf\xbd\n", 0, 0, LM_INVALID_UTF8, 3, 4 },
	{ "invalid utf-8 overlong and surrogate", "bad.txt",
	    B("x\xc0\xaf \xed\xa0\x80\n"), AS_IS,
	    "x\xef\xbf\xbd\xef\xbf\xbd "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n",
	    0, 0, LM_INVALID_UTF8, 1, 2 },
	{ "invalid utf-8 column in bytes", "bad.txt",
	    B("\xc3\xa9\xff\n"), AS_IS,
	    "\xc3\xa9\xef\xbf\xbd\n", 0, 0, LM_INVALID_UTF8, 1, 3 },
	{ "invalid utf-8 in HTML", "bad.html",
	    B("<html><body>\n<p>x\xc3(y</p>\n</body></html>\n"), AS_IS,
	    "x\xef\xbf\xbd(y\n", 1, 0, LM_INVALID_UTF8, 2, 5 },
	{ "control character", "ctl.txt", B("a\x01" "b\n"), AS_IS,
	    "a\x01" "b\n", 0, 0, LM_CONTROL, 1, 2 },
	{ "escape sequence", "ctl.txt", B("ok\n\x1b[0m x\n"), AS_IS,
	    "ok\n\x1b[0m x\n", 0, 0, LM_CONTROL, 2, 1 },
	{ "binary with NULs", "blob.bin", B("ab\0cd\n\0\0"), AS_IS,
	    "", 0, 1, LM_NUL, 1, 3 },
	{ "binary named .html", "blob.html", B("<p>\0</p>"), AS_IS,
	    "", 0, 1, LM_NUL, 1, 4 },

	/* Edges of a clean page (all UTF-8, no controls): one bad byte
	   first or last, line ends of every kind, no final newline. */
	{ "text valid but the last byte", "p.txt", B("ok\nprice $1\xc3"),
	    AS_IS, "ok\nprice $1\xef\xbf\xbd\n", 0, 0, LM_INVALID_UTF8,
	    2, 9 },
	{ "text invalid first byte", "p.txt", B("\xff" "ok\n"), AS_IS,
	    "\xef\xbf\xbd" "ok\n", 0, 0, LM_INVALID_UTF8, 1, 1 },
	{ "text 4-byte sequence cut at the end", "p.txt",
	    B("x \xf0\x9f\x98"), AS_IS,
	    "x \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n", 0, 0,
	    LM_INVALID_UTF8, 1, 3 },
	{ "text 4-byte sequence", "p.txt", B("\xf0\x9f\x98\x80 x\n"), AS_IS,
	    "\xf0\x9f\x98\x80 x\n", 0, 0, NOMARK, 0, 0 },
	{ "text multibyte last, no final newline", "p.txt",
	    B("caf\xc3\xa9"), AS_IS, "caf\xc3\xa9\n", 0, 0, NOMARK, 0, 0 },
	{ "text CRLF, no final newline", "p.txt", B("a\r\nb\r"), AS_IS,
	    "a\nb\n", 0, 0, NOMARK, 0, 0 },
	{ "text CR alone ends no line", "p.txt", B("a\rb\r\n"), AS_IS,
	    "a\rb\n", 0, 0, NOMARK, 0, 0 },
	{ "text form feeds", "p.txt", B("a\n\f\nb\f\n"), AS_IS,
	    "a\nb\n", 0, 0, NOMARK, 0, 0 },
	{ "control at the very start", "ctl.txt", B("\x01" "abc\n"), AS_IS,
	    "\x01" "abc\n", 0, 0, LM_CONTROL, 1, 1 },
	{ "control at the very end", "ctl.txt", B("abc\n\x7f"), AS_IS,
	    "abc\n\x7f\n", 0, 0, LM_CONTROL, 2, 1 },
	{ "vertical tab trimmed and marked", "ctl.txt", B("\va b\v\n"),
	    AS_IS, "a b\n", 0, 0, LM_CONTROL, 1, 1 },
	{ "NUL at the very end", "blob.txt", B("abc\n\0"), AS_IS,
	    "", 0, 1, LM_NUL, 2, 1 },
	{ "html valid but the last byte", "p.html",
	    B(DOC("<p>caf\xc3\xa9</p>") "\xc3"), AS_IS,
	    "caf\xc3\xa9\n\xef\xbf\xbd\n", 1, 0, LM_INVALID_UTF8, 2, 1 },
	{ "html clean multibyte", "p.html",
	    B(DOC("<p>caf\xc3\xa9 \xe2\x82\xac" "5</p>")), AS_IS,
	    "caf\xc3\xa9 \xe2\x82\xac" "5\n", 1, 0, NOMARK, 0, 0 },
	{ "html control at the very start", "p.html",
	    B("\x01" DOC("<p>a</p>")), AS_IS,
	    "a\n", 1, 0, LM_CONTROL, 1, 1 },
};

/* Printable form of bytes for failure messages. */
static void
esc(const char *s, size_t n, char *out, size_t sz)
{
	size_t		 i, o = 0;
	unsigned char	 c;

	for (i = 0; i < n && o + 5 < sz; i++) {
		c = (unsigned char)s[i];
		if (c == '\n')
			o += (size_t)snprintf(out + o, sz - o, "\\n");
		else if (c == '\t')
			o += (size_t)snprintf(out + o, sz - o, "\\t");
		else if (c == '\\' || c == '"')
			o += (size_t)snprintf(out + o, sz - o, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(out + o, sz - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	if (i < n && o + 4 < sz)
		o += (size_t)snprintf(out + o, sz - o, "...");
	out[o] = '\0';
}

/*
 * Markdown and its near misses: the page text and whether the page was
 * read as Markdown.  A name ending in .md is a hint, never enough.
 */
static const struct mrow {
	const char	*name;
	const char	*file;
	const char	*in;
	size_t		 inlen;
	const char	*text;
	int		 md;
	int		 mark;
} mrows[] = {
	{ "md crawler header", "p", B("Title: Acme Pro\n\nURL Source: "
	    "https://a.example/p\n\nPublished Time: 2026-01-02\n\n"
	    "Markdown Content:\nInput: $1\n"), "Acme Pro\nInput: $1\n", 1,
	    NOMARK },
	{ "md header, no table", "p", B("Title: Acme\nURL Source: x\n"
	    "Markdown Content:\n# Acme Pro\n\nContext: **128K**\n"),
	    "Acme\nAcme Pro\nContext: 128K\n", 1, NOMARK },
	{ "md pipe table", "p", B("| Model | Input |\n|---|---:|\n"
	    "| a | $1 |\n| b | $2 |\n"), "Model\tInput\na\t$1\nb\t$2\n",
	    1, NOMARK },
	{ "md table, no outer pipes", "p", B("Model | Input\n--- | ---\n"
	    "a | $1\n"), "Model\tInput\na\t$1\n", 1, NOMARK },
	{ "md table escaped pipe", "p", B("| a \\| b | c |\n|---|---|\n"
	    "| x\\|y | `$1` |\n"), "a | b\tc\nx|y\t$1\n", 1, NOMARK },
	{ "md table empty cells", "p", B("| a | | c |\n|-|-|-|\n"
	    "| | x | |\n"), "a\t\tc\nx\n", 1, NOMARK },
	{ "md table ends at a blank line", "p", B("|a|b|\n|--|--|\n"
	    "|1|2|\n\nafter | text\n"), "a\tb\n1\t2\nafter | text\n", 1,
	    NOMARK },
	{ "md table CRLF", "p", B("| a | b |\r\n|---|---|\r\n"
	    "| 1 | 2 |\r\n"), "a\tb\n1\t2\n", 1, NOMARK },
	{ "md links", "p", B("[A](https://a) [B](/b) [C](#c) and [D][1]\n"
	    "\n[1]: https://d\n"), "A B C and D\n", 1, NOMARK },
	{ "md link with parens", "p.md", B("# T\n[A](https://a/x_(y)) z\n"),
	    "T\nA z\n", 1, NOMARK },
	{ "md images dropped", "p", B("![logo](https://x/l.png) "
	    "[![i](https://x/i.png) Name](https://x) [a](http://a)\n"),
	    "Name a\n", 1, NOMARK },
	{ "md emphasis", "p.md", B("# T\n**b** __b2__ *i* _i2_ ***bi*** "
	    "snake_case_x 2 * 3 $1*\n"),
	    "T\nb b2 i i2 bi snake_case_x 2 * 3 $1*\n", 1, NOMARK },
	{ "md code spans", "p.md", B("# T\n`a|b` ``x ` y`` `open\n"),
	    "T\na|b x ` y `open\n", 1, NOMARK },
	{ "md headings and lists", "p.md", B("# H1\n## H2 ##\n* a\n- b\n"
	    "+ c\n1. d\n2) e\n> q\n#tag\n-x\n"),
	    "H1\nH2\na\nb\nc\nd\ne\nq\n#tag\n-x\n", 1, NOMARK },
	{ "md rules and fences", "p.md", B("# T\n\n---\n```js\n"
	    "var a = `x` | *1*;\n```\n***\nSub\n===\ntext\n"),
	    "T\nvar a = `x` | *1*;\nSub\ntext\n", 1, NOMARK },
	{ "md html dropped", "p.md", B("# T\n<!-- c -->a <b>bold</b><br/>b"
	    "\n<!--\nhidden\n-->\nc <x> d < e\n"),
	    "T\na bold b\nc <x> d < e\n", 1, NOMARK },
	{ "md autolink", "p.md", B("# T\nsee <https://a.example/p>\n"),
	    "T\nsee https://a.example/p\n", 1, NOMARK },
	{ "md blanks collapse", "p.md", B("# T\na  \t b\\\n"),
	    "T\na b\n", 1, NOMARK },
	{ "md invalid utf-8", "p", B("| a | b\xff |\n|---|---|\n"),
	    "a\tb\xef\xbf\xbd\n", 1, LM_INVALID_UTF8 },
	{ "md by two weak signs", "p", B("## Pricing\n## Limits\n"
	    "Input: **$1**\n"), "Pricing\nLimits\nInput: $1\n", 1, NOMARK },

	/* Near misses: text that has a '|', a '#' or a link stays text. */
	{ "text with pipes", "p.txt", B("Model | Input | Output\n"
	    "A | $1 | $2\n"), "Model | Input | Output\nA | $1 | $2\n", 0,
	    NOMARK },
	{ "text with # comments", "p.txt", B("# reads KEY from env\n"
	    "# the other\nprice: $1\n"),
	    "# reads KEY from env\n# the other\nprice: $1\n", 0, NOMARK },
	{ "text Title: alone", "p.txt", B("Title: X\nURL Source: y\n"),
	    "Title: X\nURL Source: y\n", 0, NOMARK },
	{ "text with one link", "p.txt", B("see [a](http://x) now\n"),
	    "see [a](http://x) now\n", 0, NOMARK },
	{ "text with bold and a code comment", "p.txt",
	    B("**Note** f(**kw)\n# pip install x\n"),
	    "**Note** f(**kw)\n# pip install x\n", 0, NOMARK },
	{ "text with a --- rule and pipes", "p.txt",
	    B("a | b | c\n---|---\n"), "a | b | c\n---|---\n", 0, NOMARK },
	{ "text with a dashed line", "p.txt", B("Prices\n------\nA $1\n"),
	    "Prices\n------\nA $1\n", 0, NOMARK },
	{ "text ascii table", "p.txt", B("Model | In\n------+---\nA | $1\n"),
	    "Model | In\n------+---\nA | $1\n", 0, NOMARK },
	{ "text named .md", "n.md", B("just  words\n"), "just  words\n", 0,
	    NOMARK },
	{ "empty named .md", "e.md", B(""), "", 0, NOMARK },
	{ "html with a table is html", "p.html",
	    B(DOC("<p>| a | b |</p><p>|---|---|</p>")),
	    "| a | b |\n|---|---|\n", 0, NOMARK },
};

START_TEST(md_rows)
{
	const struct mrow	*r = &mrows[_i];
	struct page		*pg;
	char			 msg[1200], want[512], got[512];
	int			 mark;

	pg = load_buffer(r->file, r->in, r->inlen);
	msg[0] = '\0';
	esc(r->text, strlen(r->text), want, sizeof(want));
	esc(pg->text == NULL ? "" : pg->text, pg->len, got, sizeof(got));
	mark = pg->nmarks > 0 ? (int)pg->marks[0].kind : NOMARK;
	if (pg->len != strlen(r->text) ||
	    memcmp(pg->text, r->text, pg->len) != 0)
		snprintf(msg, sizeof(msg), "text: expected \"%s\", got "
		    "\"%s\"", want, got);
	else if (pg->is_markdown != r->md)
		snprintf(msg, sizeof(msg), "is_markdown: expected %d, got %d",
		    r->md, pg->is_markdown);
	else if (mark != r->mark)
		snprintf(msg, sizeof(msg), "mark: expected %d, got %d",
		    r->mark, mark);
	else if (pg->nlines > 0 && pg->lines[pg->nlines - 1].off +
	    pg->lines[pg->nlines - 1].len + 1 != pg->len)
		snprintf(msg, sizeof(msg), "line table ends at %zu, text at "
		    "%zu", pg->lines[pg->nlines - 1].off +
		    pg->lines[pg->nlines - 1].len + 1, pg->len);
	page_free(pg);
	ck_assert_msg(msg[0] == '\0', "%s: %s", r->name, msg);
}
END_TEST

/*
 * Detection reads MD_SCAN (8 KB) bytes: a table further down a text page
 * leaves it text, and a Markdown page's tables after that are read.
 */
START_TEST(md_bounded)
{
	struct page	*pg;
	char		*b;
	size_t		 n = 0, i;
	const char	*table = "| a | b |\n|---|---|\n| 1 | 2 |\n";

	b = malloc(20000);
	ck_assert_ptr_nonnull(b);
	for (i = 0; i < 900; i++)
		n += (size_t)snprintf(b + n, 20000 - n, "line %4zu\n", i);
	memcpy(b + n, table, strlen(table));
	pg = load_buffer("p.txt", b, n + strlen(table));
	ck_assert_int_eq(pg->is_markdown, 0);
	ck_assert_ptr_nonnull(strstr(pg->text, "| a | b |"));
	page_free(pg);
	memcpy(b, table, strlen(table));
	pg = load_buffer("p.txt", b, n + strlen(table));
	ck_assert_int_eq(pg->is_markdown, 1);
	ck_assert_ptr_nonnull(strstr(pg->text, "\n1\t2\n"));
	page_free(pg);
	free(b);
}
END_TEST

/* The row's input as load_buffer() gets it (owned). */
static char *
row_input(const struct lrow *r, size_t *n)
{
	char	*b;
	size_t	 i, o = 0;

	if (r->enc == AS_IS) {
		b = malloc(r->inlen + 1);
		ck_assert_ptr_nonnull(b);
		memcpy(b, r->in, r->inlen);
		*n = r->inlen;
		return b;
	}
	b = malloc(r->inlen * 2 + 2);
	ck_assert_ptr_nonnull(b);
	b[o++] = (char)(r->enc == U16LE ? 0xff : 0xfe);
	b[o++] = (char)(r->enc == U16LE ? 0xfe : 0xff);
	for (i = 0; i < r->inlen; i++) {
		b[o++] = r->enc == U16LE ? r->in[i] : '\0';
		b[o++] = r->enc == U16LE ? '\0' : r->in[i];
	}
	*n = o;
	return b;
}

START_TEST(load_rows)
{
	const struct lrow	*r = &rows[_i];
	const struct load_mark	*m;
	struct page		*pg;
	char			*in, msg[1200], want[512], got[512];
	size_t			 n;

	in = row_input(r, &n);
	pg = load_buffer(r->file, in, n);
	free(in);
	ck_assert_ptr_nonnull(pg);
	/* Judge everything first and free the page, so no failure leaks. */
	msg[0] = '\0';
	m = pg->nmarks > 0 ? &pg->marks[0] : NULL;
	esc(r->text, strlen(r->text), want, sizeof(want));
	esc(pg->text == NULL ? "" : pg->text, pg->len, got, sizeof(got));
	if (strcmp(pg->file, r->file) != 0)
		snprintf(msg, sizeof(msg), "file: expected %s, got %s",
		    r->file, pg->file);
	else if (pg->len != strlen(r->text) ||
	    memcmp(pg->text, r->text, pg->len) != 0)
		snprintf(msg, sizeof(msg), "text: expected \"%s\", got "
		    "\"%s\"", want, got);
	else if (pg->is_html != r->html)
		snprintf(msg, sizeof(msg), "is_html: expected %d, got %d",
		    r->html, pg->is_html);
	else if (pg->is_binary != r->binary)
		snprintf(msg, sizeof(msg), "is_binary: expected %d, got %d",
		    r->binary, pg->is_binary);
	else if (r->mark == NOMARK && m != NULL)
		snprintf(msg, sizeof(msg), "expected no mark, got kind %d "
		    "at %u:%u", (int)m->kind, m->line, m->column);
	else if (r->mark != NOMARK && m == NULL)
		snprintf(msg, sizeof(msg), "expected mark kind %d, got none",
		    r->mark);
	else if (m != NULL && (int)m->kind != r->mark)
		snprintf(msg, sizeof(msg), "first mark: expected kind %d, "
		    "got %d", r->mark, (int)m->kind);
	else if (m != NULL && r->mline != 0 && (m->line != r->mline ||
	    m->column != r->mcol))
		snprintf(msg, sizeof(msg), "mark at %u:%u, expected %u:%u",
		    m->line, m->column, r->mline, r->mcol);
	else if (pg->nlines > 0 && pg->lines[pg->nlines - 1].off +
	    pg->lines[pg->nlines - 1].len + 1 != pg->len)
		snprintf(msg, sizeof(msg), "line table ends at %zu, text at "
		    "%zu", pg->lines[pg->nlines - 1].off +
		    pg->lines[pg->nlines - 1].len + 1, pg->len);
	page_free(pg);
	ck_assert_msg(msg[0] == '\0', "%s: %s", r->name, msg);
}
END_TEST

/* A word of the page text and where page_pos() must place it. */
static const struct prow {
	const char	*name;
	const char	*file;
	const char	*in;
	const char	*word;
	unsigned	 line;
	unsigned	 column;	/* 0: HTML, only the line counts */
} prows[] = {
	{ "text word", "p.txt", "Title\n\n   Price: $5\n", "$5", 3, 11 },
	{ "text first word", "p.txt", "\tTitle\n", "Title", 1, 2 },
	{ "text CRLF", "p.txt", "a\r\n  b c\r\n", "c", 2, 5 },
	{ "text after multibyte", "p.txt", "caf\xc3\xa9 ok\n", "ok", 1, 7 },
	{ "text after invalid byte", "p.txt", "ab\xff word\n", "word", 1,
	    5 },
	{ "text no final newline", "p.txt", "a\n\n  last word", "word", 3,
	    8 },
	{ "text after a 4-byte sequence", "p.txt",
	    "x\n \xf0\x9f\x98\x80 ok\r\n", "ok", 2, 7 },
	{ "text after a control", "p.txt", "a\n\x01\tb c\n", "c", 2, 5 },
	{ "text after invalid last byte", "p.txt", "one\n two \xc3", "two",
	    2, 2 },
	{ "html element line", "p.html", "<html><body>\n<div>\n"
	    "<p>alpha</p>\n<p>beta\n<b>gamma</b></p>\n</div>\n"
	    "</body></html>\n", "alpha", 3, 0 },
	{ "html parent of text", "p.html", "<html><body>\n<div>\n"
	    "<p>alpha</p>\n<p>beta\n<b>gamma</b></p>\n</div>\n"
	    "</body></html>\n", "beta", 4, 0 },
	{ "html inline child", "p.html", "<html><body>\n<div>\n"
	    "<p>alpha</p>\n<p>beta\n<b>gamma</b></p>\n</div>\n"
	    "</body></html>\n", "gamma", 5, 0 },
	{ "html table cell", "p.html", "<html><body><table><tr>\n"
	    "<td>A</td>\n<td>B</td></tr></table>\n</body></html>\n", "B", 3,
	    0 },
	{ "html after skipped script", "p.html", "<html><body>\n"
	    "<script>\nvar x = 1;\n</script>\n<p>after</p>\n"
	    "</body></html>\n", "after", 5, 0 },
	/* Markdown: columns in the .md file, past the markup. */
	{ "md table cell", "p", "| Model | Input |\n|---|---|\n"
	    "| [deep](https://x) | **$0.30** |\n", "$0.30", 3, 25 },
	{ "md link text in a cell", "p", "| Model | Input |\n|---|---|\n"
	    "| [deep](https://x) | **$0.30** |\n", "deep", 3, 4 },
	{ "md header cell", "p", "Model | Input\n:--|--:\nA | $1\n",
	    "Input", 1, 9 },
	{ "md crawler title", "p", "Title: Acme Pro\n\nURL Source: "
	    "https://a.example/p\n\nMarkdown Content:\nok\n", "Acme", 1,
	    8 },
	{ "md after the header", "p", "Title: Acme Pro\n\nURL Source: "
	    "https://a.example/p\n\nMarkdown Content:\n  # Pricing\n",
	    "Pricing", 6, 5 },
	{ "md list and bold", "p.md", "# T\n* **Input**: $1\n", "$1", 2,
	    14 },
	{ "md heading", "p.md", "# Title\n## Sub ##\n", "Sub", 2, 4 },
	{ "md after an image", "p.md", "# T\n![x](i.png) Name [a](/a)\n",
	    "Name", 2, 13 },
	{ "md after an escape", "p.md", "# T\na \\| b\n", "b", 2, 6 },
	{ "md after invalid byte", "p", "| a | b |\n|---|---|\n"
	    "| \xff x | y |\n", "y", 3, 9 },
	{ "md before invalid byte", "p", "| a | b |\n|---|---|\n"
	    "| \xff x | y |\n", "x", 3, 5 },
	{ "md code fence line", "p.md", "# T\n```\n  x = 1\n```\n", "x",
	    3, 3 },
};

START_TEST(pos_rows)
{
	const struct prow	*r = &prows[_i];
	struct page		*pg;
	const char		*hit;
	char			 msg[256];
	unsigned		 line = 0, col = 0;
	size_t			 off = 0, li = 0;

	pg = load_buffer(r->file, r->in, strlen(r->in));
	msg[0] = '\0';
	hit = pg->text == NULL ? NULL : strstr(pg->text, r->word);
	if (hit != NULL) {
		off = (size_t)(hit - pg->text);
		page_pos(pg, off, &line, &col);
		li = page_line_at(pg, off);
	}
	if (hit == NULL)
		snprintf(msg, sizeof(msg), "not in the page text");
	else if (line != r->line)
		snprintf(msg, sizeof(msg), "on line %u, expected %u", line,
		    r->line);
	else if (r->column != 0 && col != r->column)
		snprintf(msg, sizeof(msg), "at column %u, expected %u", col,
		    r->column);
	else if (li >= pg->nlines || pg->lines[li].off > off ||
	    off >= pg->lines[li].off + pg->lines[li].len)
		snprintf(msg, sizeof(msg), "page_line_at gives line %zu",
		    li);
	page_free(pg);
	ck_assert_msg(msg[0] == '\0', "%s: \"%s\" %s", r->name, r->word,
	    msg);
}
END_TEST

/*
 * Pieces of text pages: one a kept line, one more after each replaced
 * byte, none after one that ends a line's text (trailing blanks or not).
 */
START_TEST(text_pieces)
{
	static const struct {
		const char	*in;
		size_t		 npieces;
		unsigned	 lastcol;	/* the last piece's column */
	} trows[] = {
		{ "a\n  b\n", 2, 3 },
		{ "x\xffy\n", 2, 3 },
		{ "x\xffy  \n", 2, 3 },
		{ "ab\xff\ncd\n", 2, 1 },
		{ "ab\xff \ncd\n", 2, 1 },
		{ "ab\xff\xff \t\n", 2, 4 },
		{ "ab\xff", 1, 1 },
		{ "\xff\t\n", 1, 1 },
		{ " \xff \xff\n", 2, 3 },
	};
	struct page	*pg;
	size_t		 i, np;
	unsigned	 col;

	for (i = 0; i < sizeof(trows) / sizeof(trows[0]); i++) {
		pg = load_buffer("p.txt", trows[i].in, strlen(trows[i].in));
		np = pg->npieces;
		col = np > 0 ? pg->pieces[np - 1].column : 0;
		page_free(pg);
		ck_assert_msg(np == trows[i].npieces &&
		    col == trows[i].lastcol, "row %zu: %zu pieces, the last "
		    "at column %u", i, np, col);
	}
}
END_TEST

/* Why fast, a clean page, and slow, it with a bad last line, differ. */
static void
differ(const struct page *fast, const struct page *slow, char *msg,
    size_t sz)
{
	const struct piece	*f, *s;
	size_t			 j;

	msg[0] = '\0';
	if (fast->nmarks != 0 || slow->nmarks != 1) {
		snprintf(msg, sz, "marks %zu and %zu", fast->nmarks,
		    slow->nmarks);
		return;
	}
	if (slow->len <= fast->len ||
	    memcmp(slow->text, fast->text, fast->len) != 0) {
		snprintf(msg, sz, "text differs");
		return;
	}
	if (slow->nlines != fast->nlines + 1 ||
	    slow->npieces != fast->npieces + 1) {
		snprintf(msg, sz, "%zu/%zu lines, %zu/%zu pieces",
		    fast->nlines, slow->nlines, fast->npieces, slow->npieces);
		return;
	}
	for (j = 0; j < fast->nlines; j++) {
		if (fast->lines[j].off != slow->lines[j].off ||
		    fast->lines[j].len != slow->lines[j].len) {
			snprintf(msg, sz, "line %zu", j);
			return;
		}
	}
	for (j = 0; j < fast->npieces; j++) {
		f = &fast->pieces[j];
		s = &slow->pieces[j];
		if (f->off != s->off || f->line != s->line ||
		    f->column != s->column || f->exact != s->exact) {
			snprintf(msg, sz, "piece %zu", j);
			return;
		}
	}
}

/*
 * A clean page and the same page with a bad last line must agree on
 * every line and piece before it: the first may be read in one pass, the
 * second goes byte by byte.
 */
START_TEST(clean_as_careful)
{
	static const char *const ins[] = {
		"", "a", "a\n", "  hello  \n\tworld\t\n",
		"a\n\n   \n\t\t\nb\n\n", "one \r\ntwo\r\n\r\nthree",
		"a\rb\r", "\f\npage two\f\n", "\n\n\nlate start",
		"caf\xc3\xa9 ok\n\xe2\x82\xac 5\r\n\xf0\x9f\x98\x80\n",
		"tab\tinside\t \t\n  \xc2\xa0nbsp stays\xc2\xa0\n",
		"Model: X\nInput price: $1.00 / 1M tokens\n"
		    "Context window: 128K\n",
	};
	static const char *const bad[] = { "\n\x01", "\n\xff", "\n\x7f" };
	struct page	*fast, *slow;
	char		 in[512], msg[256];
	size_t		 i, k, n;

	for (i = 0; i < sizeof(ins) / sizeof(ins[0]); i++) {
		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			n = strlen(ins[i]);
			memcpy(in, ins[i], n);
			memcpy(in + n, bad[k], strlen(bad[k]));
			fast = load_buffer("p.txt", in, n);
			slow = load_buffer("p.txt", in, n + strlen(bad[k]));
			differ(fast, slow, msg, sizeof(msg));
			page_free(fast);
			page_free(slow);
			ck_assert_msg(msg[0] == '\0', "input %zu, bad line "
			    "%zu: %s", i, k, msg);
		}
	}
}
END_TEST

/* Lines of 39 letters: a page without a bad byte. */
static void
fill_clean(char *b, size_t n)
{
	size_t	j;

	for (j = 0; j < n; j++)
		b[j] = j % 40 == 39 ? '\n' : 'a' + (char)(j % 26);
}

/* b[at] is the one bad byte of b: one mark of kind, at its place. */
static void
one_mark_at(const char *b, size_t n, size_t at, enum load_mark_kind kind)
{
	struct page	*pg;
	size_t		 j, ls = 0;
	unsigned	 line = 1;
	int		 ok;

	for (j = 0; j < at; j++) {
		if (b[j] == '\n') {
			line++;
			ls = j + 1;
		}
	}
	pg = load_buffer("p.txt", b, n);
	ok = pg->nmarks == 1 && pg->marks[0].kind == kind &&
	    pg->marks[0].count == 1 && pg->marks[0].line == line &&
	    pg->marks[0].column == at - ls + 1;
	page_free(pg);
	ck_assert_msg(ok, "size %zu, byte 0x%02x at %zu: not one mark at "
	    "%u:%zu", n, (unsigned char)b[at], at, line, at - ls + 1);
}

/*
 * One bad byte first, in the middle or last in pages of many sizes
 * (around the block sizes a scan might use): it is found, at the right
 * line and column, and no other byte is marked.
 */
START_TEST(bad_byte_anywhere)
{
	static const size_t	 sizes[] = { 1, 2, 7, 8, 9, 15, 16, 17, 31, 32,
	    33, 63, 64, 65, 255, 256, 257, 511, 512, 513, 1000, 4097 };
	static const struct {
		char			 c;
		enum load_mark_kind	 kind;
	} bad[] = {
		{ '\x01', LM_CONTROL }, { '\x1f', LM_CONTROL },
		{ '\x7f', LM_CONTROL }, { '\x0b', LM_CONTROL },
		{ '\xff', LM_INVALID_UTF8 }, { '\x80', LM_INVALID_UTF8 },
		{ '\xc3', LM_INVALID_UTF8 }, { '\xf0', LM_INVALID_UTF8 },
	};
	struct page	*pg;
	char		*b;
	size_t		 si, bi, n, at[3], w, nmarks;

	for (si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
		n = sizes[si];
		b = malloc(n);
		ck_assert_ptr_nonnull(b);
		fill_clean(b, n);
		pg = load_buffer("p.txt", b, n);
		nmarks = pg->nmarks;
		page_free(pg);
		ck_assert_msg(nmarks == 0, "size %zu: clean page marked", n);
		at[0] = 0;
		at[1] = n / 2;
		at[2] = n - 1;
		for (bi = 0; bi < sizeof(bad) / sizeof(bad[0]); bi++) {
			for (w = 0; w < 3; w++) {
				fill_clean(b, n);
				b[at[w]] = bad[bi].c;
				one_mark_at(b, n, at[w], bad[bi].kind);
			}
		}
		free(b);
	}
}
END_TEST

/*
 * A 3-byte sequence at every offset of a 600-byte page, across the
 * places a block scan might split it: whole, it is clean; cut after two
 * bytes, both are replaced and marked where the sequence starts.
 */
START_TEST(sequence_anywhere)
{
	struct page	*pg;
	char		 b[600];
	size_t		 k, n = sizeof(b);
	int		 ok;

	for (k = 0; k + 3 <= n; k++) {
		fill_clean(b, n);
		memcpy(b + k, "\xe2\x82\xac", 3);
		pg = load_buffer("p.txt", b, n);
		ok = pg->nmarks == 0 && pg->len > 0 &&
		    memmem(pg->text, pg->len, "\xe2\x82\xac", 3) != NULL;
		page_free(pg);
		ck_assert_msg(ok, "whole sequence at %zu", k);
		b[k + 2] = 'x';
		pg = load_buffer("p.txt", b, n);
		ok = pg->nmarks == 1 && pg->marks[0].kind == LM_INVALID_UTF8 &&
		    pg->marks[0].count == 2 &&
		    pg->marks[0].line == k / 40 + 1 &&
		    pg->marks[0].column == k % 40 + 1;
		page_free(pg);
		ck_assert_msg(ok, "cut sequence at %zu", k);
	}
}
END_TEST

/*
 * Every byte value alone between two letters: printable ASCII, tab,
 * newline, CR and FF pass unmarked; NUL makes the page binary; other
 * controls and DEL are marked; no byte over 0x7f is UTF-8 alone.
 */
START_TEST(every_byte)
{
	struct page	*pg;
	char		 b[4] = { 'a', 0, 'b', '\n' };
	int		 c, want, got;

	for (c = 0; c < 256; c++) {
		b[1] = (char)c;
		if ((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' ||
		    c == '\r' || c == '\f')
			want = NOMARK;
		else if (c == 0)
			want = LM_NUL;
		else if (c < 0x80)
			want = LM_CONTROL;
		else
			want = LM_INVALID_UTF8;
		pg = load_buffer("p.txt", b, sizeof(b));
		got = pg->nmarks == 0 ? NOMARK : pg->nmarks == 1 &&
		    pg->marks[0].count == 1 && pg->marks[0].line == 1 &&
		    pg->marks[0].column == 2 ? (int)pg->marks[0].kind : -2;
		page_free(pg);
		ck_assert_msg(got == want, "byte 0x%02x: mark %d, expected %d",
		    c, got, want);
	}
}
END_TEST

/* page.srclines: the lines of the input (read), whatever path. */
START_TEST(source_lines)
{
	static const struct {
		const char	*file;
		const char	*in;
		size_t		 n;
		unsigned	 max;
		unsigned	 lines;
	} srows[] = {
		{ "p.txt", B(""), 0, 0 },
		{ "p.txt", B("a"), 0, 1 },
		{ "p.txt", B("a\n"), 0, 1 },
		{ "p.txt", B("a\nb"), 0, 2 },
		{ "p.txt", B("\n\n"), 0, 2 },
		{ "p.txt", B("a\r\n\r\n"), 0, 2 },
		{ "p.txt", B("a\x01\nb"), 0, 2 },
		{ "p.txt", B("a\n\xff"), 0, 2 },
		{ "p.bin", B("ab\0\ncd"), 0, 2 },
		{ "p.html", B("<html><body><p>a</p>\n</body></html>"), 0, 2 },
		{ "p.html", B("<html><body><p>a</p>\n</body></html>\n"), 0,
		    2 },
		{ "l1.html", B("<html><head><meta charset=\"iso-8859-1\">"
		    "</head>\n<body><p>caf\xe9</p></body></html>"), 0, 2 },
		{ "p.txt", B("a\nb\nc\n"), 2, 2 },
		{ "p.txt", B("a\nb\nc"), 2, 2 },
		{ "p.txt", B("a\nb"), 2, 2 },
		{ "p.txt", B("a\n\x01\nc"), 2, 2 },
	};
	struct page	*pg;
	size_t		 i;
	unsigned	 got;

	for (i = 0; i < sizeof(srows) / sizeof(srows[0]); i++) {
		load_set_limits(srows[i].max, 0);
		pg = load_buffer(srows[i].file, srows[i].in, srows[i].n);
		load_set_limits(0, 0);
		got = pg->srclines;
		page_free(pg);
		ck_assert_msg(got == srows[i].lines, "row %zu: %u lines, "
		    "expected %u", i, got, srows[i].lines);
	}
}
END_TEST

/* A page nested 100000 levels deep: no stack overflow, text intact. */
START_TEST(deep_nesting)
{
	static const char	 head[] = "<html><body>\n";
	static const char	 tail[] = "\n<p>after</p></body></html>\n";
	struct page		*pg;
	char			*b, *p;
	size_t			 depth = 100000, i, n;

	n = sizeof(head) - 1 + depth * 11 + 9 + sizeof(tail) - 1;
	b = malloc(n + 1);
	ck_assert_ptr_nonnull(b);
	p = b;
	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	for (i = 0; i < depth; i++, p += 5)
		memcpy(p, "<div>", 5);
	memcpy(p, "deep text", 9);
	p += 9;
	for (i = 0; i < depth; i++, p += 6)
		memcpy(p, "</div>", 6);
	memcpy(p, tail, sizeof(tail) - 1);
	p += sizeof(tail) - 1;
	ck_assert_uint_eq((size_t)(p - b), n);
	/* Default --max-depth: the deep text is cut, and marked. */
	pg = load_buffer("deep.html", b, n);
	ck_assert_int_eq(pg->is_html, 1);
	ck_assert_str_eq(pg->text, "after\n");
	ck_assert_uint_eq(pg->nmarks, 1);
	ck_assert_int_eq(pg->marks[0].kind, LM_DEPTH_LIMIT);
	ck_assert_uint_eq(pg->marks[0].line, 2);
	page_free(pg);
	/* Raised above the nesting: all of it is read, iteratively. */
	load_set_limits(0, 200000);
	pg = load_buffer("deep.html", b, n);
	load_set_limits(0, 0);
	free(b);
	ck_assert_str_eq(pg->text, "deep text\nafter\n");
	ck_assert_uint_eq(pg->nmarks, 0);
	page_free(pg);
}
END_TEST

/* --max-lines: the first N lines are read, the count of all is kept. */
START_TEST(line_limit)
{
	static const struct {
		const char	*in;
		unsigned	 max;
		const char	*text;
		unsigned	 all;	/* 0: no mark */
	} lrows[] = {
		{ "a\nb\nc\n", 3, "a\nb\nc\n", 0 },
		{ "a\nb\nc", 3, "a\nb\nc\n", 0 },
		{ "a\nb\nc\nd", 3, "a\nb\nc\n", 4 },
		{ "a\nb\nc\nd\n", 2, "a\nb\n", 4 },
		{ "a\n\n\n\n\nb", 1, "a\n", 6 },
		{ "<html><body><p>a</p>\n<p>b</p>\n<p>c</p></body></html>",
		    2, "a\nb\n", 3 },
	};
	struct page	*pg;
	size_t		 i;

	for (i = 0; i < sizeof(lrows) / sizeof(lrows[0]); i++) {
		load_set_limits(lrows[i].max, 0);
		pg = load_buffer("t", lrows[i].in, strlen(lrows[i].in));
		ck_assert_msg(strcmp(pg->text, lrows[i].text) == 0,
		    "row %zu: text '%s'", i, pg->text);
		if (lrows[i].all == 0)
			ck_assert_uint_eq(pg->nmarks, 0);
		else {
			ck_assert_uint_eq(pg->nmarks, 1);
			ck_assert_int_eq(pg->marks[0].kind, LM_LINE_LIMIT);
			ck_assert_uint_eq(pg->marks[0].count, lrows[i].all);
			ck_assert_uint_eq(pg->marks[0].line, lrows[i].max + 1);
		}
		page_free(pg);
	}
	load_set_limits(0, 0);
}
END_TEST

/* Only NULs in the first 8 KB make a page binary. */
START_TEST(nul_after_8k)
{
	struct page	*pg;
	char		*b;
	size_t		 n = 9000;

	b = malloc(n);
	ck_assert_ptr_nonnull(b);
	memset(b, 'x', n);
	b[100] = '\n';
	b[8500] = '\0';
	pg = load_buffer("late.txt", b, n);
	ck_assert_int_eq(pg->is_binary, 0);
	ck_assert_int_eq(pg->nlines, 2);
	page_free(pg);
	b[8000] = '\0';
	pg = load_buffer("early.txt", b, n);
	ck_assert_int_eq(pg->is_binary, 1);
	page_free(pg);
	free(b);
}
END_TEST

START_TEST(file_errors)
{
	struct load_opts	 small = { .max_size = 10 };
	struct cl_error		 err;
	struct page		*pg = NULL;
	char			 path[1100];
	const char		*t = getenv("top_srcdir");

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(load_file("/nonexistent/cardlint/page.txt", NULL,
	    &pg, &err), LOAD_UNREADABLE);
	ck_assert_ptr_null(pg);
	ck_assert_msg(err.msg[0] != '\0', "no error message");
	snprintf(path, sizeof(path), "%s/fixtures/pages",
	    t == NULL ? "." : t);
	ck_assert_int_eq(load_file(path, NULL, &pg, &err), LOAD_UNREADABLE);
	ck_assert_ptr_null(pg);
	snprintf(path, sizeof(path), "%s/fixtures/pages/"
	    "000_cf106a8f77e2ba01.txt", t == NULL ? "." : t);
	ck_assert_int_eq(load_file(path, &small, &pg, &err), LOAD_TOO_LARGE);
	ck_assert_ptr_null(pg);
	ck_assert_int_eq(load_file(path, NULL, &pg, &err), LOAD_OK);
	ck_assert_ptr_nonnull(pg);
	ck_assert_str_eq(pg->file, path);
	ck_assert_int_eq(pg->is_html, 0);
	page_free(pg);
	page_free(NULL);
}
END_TEST

/*
 * HTML read from SAX events against HTML read from a libxml2 tree: the
 * same text, lines, pieces and marks, on pages built to hit what the
 * tree builder decides (blank text, later top-level elements, comments,
 * the depth limit) and on every HTML page under fixtures/.
 */
static const char *const sax_pages[] = {
	"",
	"just text",
	"<!-- only a comment -->",
	"lead <b>bold</b> tail",
	"intro\n<div>\n<p>a</p>\n<p>b</p>\n</div>\ntail\n",
	"<span>a</span><span>b</span> c <i>d</i>",
	"<div>x</div><div>y</div>tail",
	"<head><title>t</title></head><body><p>price $1</p></body>",
	"<html><head><title>t</title><style>p{}</style></head>"
	    "<body><p>a</p></body></html>\n<p>after the end</p>",
	"<p>x<img src=a> <span>y</span></p>",
	"<p>x<img src=a>\n<b>y</b> <i>z</i></p>",
	"<table><tr> &nbsp;<td>a</td></tr></table>",
	"<p><img>&#10;<b>z</b></p>",
	"<div><img>&#32;<span>s</span><br> <hr> <b>t</b></div>",
	"<p>a<!-- c -->b</p><p>a <!--x--> b</p>",
	"<p>a<?php echo 1 ?>b</p><p><?x y?> <b>c</b></p>",
	"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"
	    "<html><body> <span>a</span> <b>c</b>\n<p>d</p> </body></html>",
	"<!DOCTYPE html><html><body> <span>a</span> <b>c</b></body></html>",
	"<pre>a\n  b\n\n</pre><p>c</p><pre><pre>x\ny</pre>z\n</pre>",
	"<table><tr><td>a</td> <td>b</td></tr>\n<tr><th>c</th><td></td>"
	    "<td>d</td></tr><tr><td>&nbsp;x</td>\t<td> </td></tr></table>",
	"<p>a<script>var x='<p>q</p>';</script>b<style>p{}</style>c</p>",
	"<div><svg><text>no</text></svg>yes<select><option>o</select>"
	    "</div>",
	"a<br>b<br/>c<br></br>d",
	"<div><p>a<p>b<li>c<td>d",
	"<p>caf&eacute; &amp; &lt;tag&gt; &#x20AC;5 &bogus; &amp</p>",
	"<b><i>x</b>y</i> z",
	"<div>a</div>\n\n<div>b</div>\n  <span>c</span>  \n",
	"<p>a\r\nb\r\n</p>\r\n<p>c</p>",
	"<ul>\n <li>one</li>\n <li>two <b>2</b> </li>\n</ul>",
	"<dl><dt>Input</dt> <dd>$1.00</dd><dt>Output</dt>\n<dd>$2</dd></dl>",
	"<p>" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "</p>",
	"<div><div><div><div>deep</div></div></div></div><p>after</p>",
	"<div><div><div><pre>x\ny</pre></div>t</div></div>",
	"<div><div><div></div><br></div></div>t",
	"<div><div><div><!--c--></div>u</div></div>t",
	"<div><div><p>a<div>b</div>c</p></div></div>",
	"<!DOCTYPE html><div>x</div><div>y</div>tail",
	"<!-- first --><div>x</div><div>y</div>tail",
	"<?xml version=\"1.0\"?><div>x</div><div>y</div>tail",
	"<div>x</div><!DOCTYPE html><div>y</div>tail",
	"<div>x</div><!-- c --><div>y</div>tail <b>z</b>",
	"]>\n<html><head><script>s</script></head><body><p>Model: A</p>"
	    "</body></html>",
	"<!DOCTYPE html [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>\n"
	    "<html><body><p>Model: Net &x;</p></body></html>",
};

static void
sax_same(const char *name, const char *html, size_t n)
{
	struct page	*t, *x;
	size_t		 i;

	load_html_tree(1);
	t = load_buffer(name, html, n);
	load_html_tree(0);
	x = load_buffer(name, html, n);
	ck_assert_msg(t->len == x->len && memcmp(t->text, x->text, t->len) ==
	    0, "%s: text\n%s\nwant (tree)\n%s", name, x->text, t->text);
	ck_assert_msg(t->nlines == x->nlines, "%s: lines", name);
	for (i = 0; i < t->nlines; i++)
		ck_assert_msg(t->lines[i].off == x->lines[i].off &&
		    t->lines[i].len == x->lines[i].len, "%s: line %zu", name,
		    i);
	ck_assert_msg(t->npieces == x->npieces, "%s: %zu pieces, want %zu",
	    name, x->npieces, t->npieces);
	for (i = 0; i < t->npieces; i++)
		ck_assert_msg(t->pieces[i].off == x->pieces[i].off &&
		    t->pieces[i].line == x->pieces[i].line &&
		    t->pieces[i].column == x->pieces[i].column &&
		    t->pieces[i].exact == x->pieces[i].exact,
		    "%s: piece %zu: %u:%u, want %u:%u", name, i,
		    x->pieces[i].line, x->pieces[i].column,
		    t->pieces[i].line, t->pieces[i].column);
	ck_assert_msg(t->nmarks == x->nmarks, "%s: marks", name);
	for (i = 0; i < t->nmarks; i++)
		ck_assert_msg(t->marks[i].kind == x->marks[i].kind &&
		    t->marks[i].line == x->marks[i].line &&
		    t->marks[i].count == x->marks[i].count,
		    "%s: mark %zu", name, i);
	page_free(t);
	page_free(x);
}

START_TEST(sax_as_tree)
{
	char	name[32];
	size_t	i;

	for (i = 0; i < sizeof(sax_pages) / sizeof(sax_pages[0]); i++) {
		snprintf(name, sizeof(name), "page%zu.html", i);
		sax_same(name, sax_pages[i], strlen(sax_pages[i]));
	}
	/* The depth limit, where it cuts the pages above. */
	load_set_limits(0, 3);
	for (i = 0; i < sizeof(sax_pages) / sizeof(sax_pages[0]); i++) {
		snprintf(name, sizeof(name), "deep%zu.html", i);
		sax_same(name, sax_pages[i], strlen(sax_pages[i]));
	}
	load_set_limits(0, 0);
}
END_TEST

START_TEST(sax_as_tree_fixtures)
{
	const char	*top = getenv("top_srcdir");
	char		 cmd[1200], path[1024], *b;
	FILE		*ls, *fp;
	size_t		 n, pages = 0;
	long		 sz;

	snprintf(cmd, sizeof(cmd), "find '%s/fixtures' -name '*.html' | sort",
	    top == NULL ? "." : top);
	ck_assert_ptr_nonnull(ls = popen(cmd, "r"));
	while (fgets(path, sizeof(path), ls) != NULL) {
		path[strcspn(path, "\n")] = '\0';
		ck_assert_ptr_nonnull(fp = fopen(path, "rb"));
		fseek(fp, 0, SEEK_END);
		sz = ftell(fp);
		rewind(fp);
		b = malloc((size_t)sz + 1);
		ck_assert_ptr_nonnull(b);
		n = fread(b, 1, (size_t)sz, fp);
		fclose(fp);
		sax_same(path, b, n);
		free(b);
		pages++;
	}
	pclose(ls);
	ck_assert_uint_gt(pages, 20);
}
END_TEST

static void
setup(void)
{
	load_init();
}

static void
teardown(void)
{
	load_thread_cleanup();
}

Suite *
load_suite(void)
{
	Suite	*s = suite_create("load");
	TCase	*tc;

	tc = tcase_create("normal");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, load_rows, 0,
	    (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_add_loop_test(tc, pos_rows, 0,
	    (int)(sizeof(prows) / sizeof(prows[0])));
	tcase_add_loop_test(tc, md_rows, 0,
	    (int)(sizeof(mrows) / sizeof(mrows[0])));
	tcase_add_test(tc, text_pieces);
	tcase_add_test(tc, every_byte);
	tcase_add_test(tc, clean_as_careful);
	tcase_add_test(tc, source_lines);
	tcase_add_test(tc, sax_as_tree);
	tcase_add_test(tc, sax_as_tree_fixtures);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, line_limit);
	tcase_add_test(tc, nul_after_8k);
	tcase_add_test(tc, md_bounded);
	tcase_add_test(tc, bad_byte_anywhere);
	tcase_add_test(tc, sequence_anywhere);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, file_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(load_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
