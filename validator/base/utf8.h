/*
 * utf8.h: make text safe to print.  utf8_sanitize() copies bytes,
 * replacing every sequence that is not UTF-8 by U+FFFD and dropping NUL
 * bytes, and tells its caller where it met each such byte (the loader
 * turns them into page marks).  utf8_clean() is the same for a string
 * whose oddities nobody needs to hear about (writers).
 */
#ifndef CL_UTF8_H
#define CL_UTF8_H

#include <stddef.h>

struct buf;

enum utf8_event {
	UTF8_INVALID,	/* a byte that starts no UTF-8 sequence: U+FFFD */
	UTF8_CONTROL,	/* a C0 control other than tab, LF, CR, FF; DEL */
	UTF8_NUL	/* a NUL byte, dropped */
};

/* Called at each event with its 1-based line and column in the input;
   out holds the output so far (after the U+FFFD of UTF8_INVALID). */
typedef void	utf8_note_fn(void *arg, enum utf8_event, unsigned line,
		    unsigned column, const struct buf *out);

void	 utf8_sanitize(const char *in, size_t n, struct buf *out,
	    utf8_note_fn *note, void *arg);
/*
 * The length of the multi-byte UTF-8 sequence p[0..n) starts with (2 to
 * 4; no overlong form, surrogate or code point past U+10FFFF), else 0.
 */
size_t	 utf8_seq_len(const char *p, size_t n);
/* An owned copy of s through utf8_sanitize(). */
char	*utf8_clean(const char *s);

#endif
