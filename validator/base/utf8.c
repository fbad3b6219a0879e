/*
 * utf8.c: replace what is not UTF-8, note controls and NULs.
 */
#include "config.h"

#include <string.h>

#include "base/rx.h"
#include "base/utf8.h"
#include "base/xalloc.h"

size_t
utf8_seq_len(const char *p, size_t n)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 len;

	if (n == 0)
		return 0;
	len = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 :
	    s[0] >= 0xe0 && s[0] <= 0xef ? 3 :
	    s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
	return len > 0 && len <= n && rx_utf8_valid(p, len) ? len : 0;
}

void
utf8_sanitize(const char *in, size_t n, struct buf *out, utf8_note_fn *note,
    void *arg)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 i = 0, run, len;
	unsigned		 line = 1, col = 1;

	while (i < n) {
		run = i;
		while (run < n && s[run] >= 0x20 && s[run] < 0x7f)
			run++;
		if (run > i) {
			buf_add(out, s + i, run - i);
			col += (unsigned)(run - i);
			i = run;
			continue;
		}
		if (s[i] < 0x80) {
			if (s[i] == '\n') {
				line++;
				col = 0;
			} else if (s[i] == 0) {
				if (note != NULL)
					note(arg, UTF8_NUL, line, col, out);
			} else if (s[i] != '\t' && s[i] != '\r' &&
			    s[i] != '\f' && note != NULL)
				note(arg, UTF8_CONTROL, line, col, out);
			if (s[i] != 0)
				buf_addc(out, (char)s[i]);
			i++;
			col++;
			continue;
		}
		if ((len = utf8_seq_len(in + i, n - i)) > 0) {
			buf_add(out, s + i, len);
			i += len;
			col += (unsigned)len;
			continue;
		}
		buf_add(out, "\xef\xbf\xbd", 3);
		if (note != NULL)
			note(arg, UTF8_INVALID, line, col, out);
		i++;
		col++;
	}
}

char *
utf8_clean(const char *s)
{
	struct buf	 out = { 0 };
	size_t		 i;

	utf8_sanitize(s, strlen(s), &out, NULL, NULL);
	/* Control characters stay visible to writers that escape them. */
	for (i = 0; out.p != NULL && i < out.len; i++)
		if (out.p[i] == '\0')
			out.p[i] = '?';
	return buf_take(&out);
}
