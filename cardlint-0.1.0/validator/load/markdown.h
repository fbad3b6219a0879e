/*
 * markdown.h: crawler Markdown, recognised by content and read into the
 * logical lines the HTML reader gives for the same page.  Only the loader
 * uses it.  md_read() hands its sink runs of line text, each with the
 * offset, line and column in the Markdown it came from, and the line
 * ends; it keeps nothing after it returns.
 */
#ifndef CL_MARKDOWN_H
#define CL_MARKDOWN_H

#include <stddef.h>

/* Bytes md_detect() looks at: the cost on HTML and text pages. */
#define MD_SCAN		8192

struct md_sink {
	/* n bytes of line text from offset off of the input, at line and
	   column (1-based, bytes); a run's columns advance with its bytes. */
	void	(*text)(void *, const char *, size_t n, size_t off,
		    unsigned line, unsigned column);
	void	(*eol)(void *);	/* the logical line ends */
	void	 *arg;
};

/* 1 if s[0..n) is crawler Markdown; name (or NULL) may be a hint. */
int	md_detect(const char *s, size_t n, const char *name);
/* Read s[0..n), UTF-8 without NULs, into sink's lines. */
void	md_read(const char *s, size_t n, const struct md_sink *);

#endif
