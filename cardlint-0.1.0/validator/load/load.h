/*
 * load.h: bytes -> logical lines with source positions.
 *
 * A page is the text extraction reads: its logical lines (non-blank,
 * trimmed) joined by '\n', plus a map from every offset in that text back
 * to the line and column of the input file it came from.  Text input is
 * split as is; HTML goes through libxml2's HTML parser and only visible
 * text is kept; crawler Markdown (recognised by content) gives the lines
 * its HTML would, with columns in the Markdown file.  Pages are owned: load_* return one, page_free() frees it.
 */
#ifndef CL_LOAD_H
#define CL_LOAD_H

#include <stddef.h>

struct cl_error;

/* A run of page text that came from one place in the input. */
struct piece {
	size_t		off;	/* offset in page.text */
	unsigned	line;	/* 1-based source line */
	unsigned	column;	/* 1-based source column (bytes) */
	int		exact;	/* column advances with the text (text input) */
};

struct pline {
	size_t	off;
	size_t	len;
};

/* Something about the bytes themselves, found while loading. */
enum load_mark_kind {
	LM_INVALID_UTF8,	/* bytes that are not UTF-8, replaced by U+FFFD */
	LM_CONTROL,		/* C0 control characters other than tab */
	LM_NUL,			/* NUL bytes: a binary file */
	LM_HTML_UNCLOSED,	/* HTML that ends without </body> or </html> */
	LM_LINE_LIMIT,		/* more lines than the limit: the rest unread */
	LM_DEPTH_LIMIT		/* HTML nested deeper than the limit */
};

struct load_mark {
	enum load_mark_kind	kind;
	unsigned		line;
	unsigned		column;
	unsigned		count;	/* how many bytes of this kind in all;
					   lines in all for LM_LINE_LIMIT */
};

struct page {
	char			*file;		/* as given; "-" for stdin */
	int			 is_html;
	int			 is_markdown;	/* crawler Markdown */
	int			 is_binary;
	char			 charset[32];	/* as decoded: "utf-8", … */
	size_t			 bytes;		/* input size */
	unsigned		 srclines;	/* lines in the input */
	char			*text;		/* logical lines, '\n'-joined */
	size_t			 len;
	struct pline		*lines;
	size_t			 nlines;
	struct piece		*pieces;
	size_t			 npieces;
	struct load_mark	*marks;		/* first place of each kind */
	size_t			 nmarks;
};

struct load_opts {
	size_t	max_size;	/* bytes; 0 = no limit */
};

/* Outcome of load_file(). */
enum load_status {
	LOAD_OK = 0,
	LOAD_UNREADABLE,	/* err says why */
	LOAD_TOO_LARGE		/* err says the size */
};

enum load_status load_file(const char *path, const struct load_opts *,
	    struct page **, struct cl_error *);
/* Load from memory (tests, stdin); name is what page.file will say. */
struct page	*load_buffer(const char *name, const char *data, size_t n);
void		 page_free(struct page *);

/* Source position of an offset into page.text. */
void		 page_pos(const struct page *, size_t off, unsigned *line,
		    unsigned *column);
/* Index of the logical line holding offset off. */
size_t		 page_line_at(const struct page *, size_t off);

/* Per-page bounds (cardlint --help and the README say the defaults):
   lines read, and HTML element depth walked. */
#define LOAD_MAX_LINES	1000000
#define LOAD_MAX_DEPTH	10000
/* Set the bounds for every page loaded after; call before threads. */
void		 load_set_limits(unsigned max_lines, unsigned max_depth);
unsigned	 load_max_depth(void);
/* Call once at start-up: no network, no entity loading, no messages. */
void		 load_init(void);
/* Free the calling thread's parser state (worker threads at exit). */
void		 load_thread_cleanup(void);
/* Tests: read HTML from a libxml2 tree (1) instead of SAX events (0). */
void		 load_html_tree(int);

#endif
