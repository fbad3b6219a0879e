/*
 * rx.h: PCRE2 patterns compiled once, JIT where available, matched with
 * per-thread match data and hard match/depth limits so that a hostile
 * pattern in a rule file fails a match instead of hanging the run.
 * Patterns are UTF-8 and multi-line (^ and $ match at line ends).
 */
#ifndef CL_RX_H
#define CL_RX_H

#include <stddef.h>

struct cl_error;

struct rx {
	void		*code;		/* pcre2_code_8 */
	char		*src;
	unsigned	 ngroups;
	char		**names;	/* group number -> name or NULL */
};

/* Compile; on error fill err naming file:line and return -1. */
int	rx_compile(struct rx *, const char *pattern, int caseless,
	    const char *file, unsigned line, struct cl_error *);
void	rx_free(struct rx *);

/*
 * Match at or after start within subj[0..len).  On success fill
 * ov[0..2*(ngroups+1)) with offsets (unset groups are (size_t)-1) and
 * return 1; 0 for no match; -1 when a limit was hit.
 */
int	rx_match(const struct rx *, const char *subj, size_t len,
	    size_t start, size_t *ov, size_t nov);
/* Group number of a name, -1 if none. */
int	rx_group(const struct rx *, const char *name);

/* Limits hit by this thread since the last call (and reset). */
/* 1 if s[0..n) is well-formed UTF-8 (strict). */
int	rx_utf8_valid(const char *s, size_t n);
unsigned long rx_limit_hits(void);
void	rx_thread_cleanup(void);

#endif
