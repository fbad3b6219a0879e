/*
 * xalloc.h: allocation that cannot fail.  Out of memory ends the program
 * with a message (there is nothing useful a linter can do without memory).
 * Also a growable byte buffer used by the loaders and writers.
 */
#ifndef CL_XALLOC_H
#define CL_XALLOC_H

#include <stddef.h>

/* Out of memory outside these wrappers (a library's allocator): end
   the program the same way. */
void	 xoom(void) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Free the n strings of v, then v. */
void	 xfree_strs(char **v, size_t n);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Grow an array *pp of *capp elements of size sz to hold at least n. */
void	 xgrow(void *pp, size_t *capp, size_t n, size_t sz);

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
/* Append the n bytes at off in b once more (b may move as it grows). */
void	 buf_again(struct buf *, size_t off, size_t n);
/* The decimal digits of u, as printf's %u would write them. */
void	 buf_addu(struct buf *, unsigned);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* NUL-terminate and hand the bytes to the caller (owned). */
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

#endif
