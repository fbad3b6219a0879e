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
	struct rx	*needle;	/* literal every match holds, or NULL */
};

/* Compile; on error fill err naming file:line and return -1. */
int	rx_compile(struct rx *, const char *pattern, int caseless,
	    const char *file, unsigned line, struct cl_error *);
void	rx_free(struct rx *);
/*
 * Give r a needle: literal text (caseless like r) that every match of r
 * contains, so a page without it is skipped with one fast literal search
 * instead of a full regex scan.  -1 with err filled on a bad needle.
 */
int	rx_set_needle(struct rx *r, const char *literal, int caseless,
	    const char *file, unsigned line, struct cl_error *);
/* 0 when r has a needle that subj[0..len) lacks (r cannot match), else 1. */
int	rx_may_match(const struct rx *, const char *subj, size_t len);

/*
 * Match at or after start within subj[0..len).  On success fill
 * ov[0..2*(ngroups+1)) with offsets (unset groups are (size_t)-1) and
 * return 1; 0 for no match; -1 when a limit was hit.
 */
int	rx_match(const struct rx *, const char *subj, size_t len,
	    size_t start, size_t *ov, size_t nov);
/* Match from 0 and give the name of the last (*MARK:name) passed on the
   way, or NULL; 1, 0 or -1 as rx_match().  *mark borrows from the
   thread's match data until its next match. */
int	rx_match_mark(const struct rx *, const char *subj, size_t len,
	    const char **mark);
/* Group number of a name, -1 if none. */
int	rx_group(const struct rx *, const char *name);

/* Limits hit by this thread since the last call (and reset). */
/* 1 if s[0..n) is well-formed UTF-8 (strict). */
int	rx_utf8_valid(const char *s, size_t n);
unsigned long rx_limit_hits(void);
void	rx_thread_cleanup(void);

#endif
