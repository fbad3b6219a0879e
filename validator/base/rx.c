/*
 * rx.c: the one place that talks to PCRE2.
 *
 * Match data and the JIT stack are per thread and reused for every match,
 * so the hot path allocates nothing.  The match and depth limits bound
 * backtracking; a match that hits them counts as no match and is counted,
 * so the caller can report it.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/rx.h"
#include "base/xalloc.h"

#define RX_MATCH_LIMIT	2000000
#define RX_DEPTH_LIMIT	10000
#define RX_MAX_GROUPS	64

static _Thread_local pcre2_match_data	*tl_md;
static _Thread_local pcre2_match_context *tl_mc;
static _Thread_local pcre2_jit_stack	*tl_js;
static _Thread_local unsigned long	 tl_hits;
static _Thread_local pcre2_match_data	*tl_umd;

static int
compile(struct rx *r, const char *pattern, uint32_t opts, const char *file,
    unsigned line, struct cl_error *err)
{
	pcre2_code	*code;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SPTR	 table, e;
	PCRE2_SIZE	 eoff;
	uint32_t	 count, size, i;
	int		 ec, n;

	memset(r, 0, sizeof(*r));
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
	    &ec, &eoff, NULL);
	if (code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		cl_error_set(err, file, line, 0,
		    "bad regular expression /%s/ at offset %zu: %s", pattern,
		    (size_t)eoff, (char *)msg);
		return -1;
	}
	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &count);
	if (count >= RX_MAX_GROUPS) {
		cl_error_set(err, file, line, 0,
		    "regular expression /%s/ has %u groups; at most %d",
		    pattern, count, RX_MAX_GROUPS - 1);
		pcre2_code_free(code);
		return -1;
	}
	/*
	 * JIT is an optimisation: without it matching still works.
	 * CARDLINT_NO_JIT=1 turns it off for valgrind, which cannot follow
	 * JIT-generated code and reports false uninitialised reads.
	 */
	if (getenv("CARDLINT_NO_JIT") == NULL)
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	r->code = code;
	r->src = xstrdup(pattern);
	r->ngroups = count;
	r->names = xcalloc(count + 1, sizeof(char *));
	pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
	for (i = 0; i < count; i++) {
		e = table + (size_t)i * size;
		n = (e[0] << 8) | e[1];
		if (n >= 0 && (unsigned)n <= r->ngroups)
			r->names[n] = xstrdup((const char *)e + 2);
	}
	return 0;
}

int
rx_compile(struct rx *r, const char *pattern, int caseless, const char *file,
    unsigned line, struct cl_error *err)
{
	uint32_t	opts = PCRE2_UTF | PCRE2_MULTILINE | PCRE2_NO_UTF_CHECK;

	return compile(r, pattern, opts | (caseless ? PCRE2_CASELESS : 0),
	    file, line, err);
}

int
rx_set_needle(struct rx *r, const char *literal, int caseless,
    const char *file, unsigned line, struct cl_error *err)
{
	struct rx	*n;
	uint32_t	 opts = PCRE2_LITERAL;
	const char	*p;

	if (*literal == '\0') {
		cl_error_set(err, file, line, 0, "a needle must not be empty");
		return -1;
	}
	/*
	 * An ASCII needle is searched byte-wise (ASCII bytes never occur
	 * inside a UTF-8 sequence): in UTF mode a caseless 's' or 'k' also
	 * matches U+017F and U+212A, which leaves PCRE2 no first code unit
	 * to search for and makes the needle ten times slower.
	 */
	for (p = literal; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80) {
			opts |= PCRE2_UTF | PCRE2_NO_UTF_CHECK;
			break;
		}
	n = xcalloc(1, sizeof(*n));
	if (compile(n, literal, opts | (caseless ? PCRE2_CASELESS : 0), file,
	    line, err) == -1) {
		free(n);
		return -1;
	}
	if (r->needle != NULL) {
		rx_free(r->needle);
		free(r->needle);
	}
	r->needle = n;
	return 0;
}

int
rx_may_match(const struct rx *r, const char *subj, size_t len)
{
	size_t	ov[2];

	if (r->needle == NULL)
		return 1;
	/* A limit hit (-1) cannot rule the pattern out. */
	return rx_match(r->needle, subj, len, 0, ov, 2) != 0;
}

void
rx_free(struct rx *r)
{
	unsigned	i;

	if (r == NULL || r->code == NULL)
		return;
	pcre2_code_free(r->code);
	if (r->needle != NULL) {
		rx_free(r->needle);
		free(r->needle);
	}
	for (i = 0; i <= r->ngroups; i++)
		free(r->names[i]);
	free(r->names);
	free(r->src);
	memset(r, 0, sizeof(*r));
}

int
rx_group(const struct rx *r, const char *name)
{
	unsigned	i;

	for (i = 1; i <= r->ngroups; i++)
		if (r->names[i] != NULL && strcmp(r->names[i], name) == 0)
			return (int)i;
	return -1;
}

static void
rx_thread_init(void)
{
	if (tl_md != NULL)
		return;
	tl_md = pcre2_match_data_create(RX_MAX_GROUPS, NULL);
	tl_mc = pcre2_match_context_create(NULL);
	tl_js = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (tl_md == NULL || tl_mc == NULL)
		xoom();
	pcre2_set_match_limit(tl_mc, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(tl_mc, RX_DEPTH_LIMIT);
	if (tl_js != NULL)
		pcre2_jit_stack_assign(tl_mc, NULL, tl_js);
}

/*
 * Match r on this thread's match data and limits: 1 with *rc the pairs
 * of the ovector set (0 when it is too small for them all), 0 on no
 * match, -1 on an error such as a limit hit, counted for
 * rx_limit_hits().
 */
static int
run(const struct rx *r, const char *subj, size_t len, size_t start,
    int *rc)
{
	rx_thread_init();
	*rc = pcre2_match(r->code, (PCRE2_SPTR)subj, len, start,
	    PCRE2_NO_UTF_CHECK, tl_md, tl_mc);
	if (*rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (*rc < 0) {
		tl_hits++;
		return -1;
	}
	return 1;
}

int
rx_match(const struct rx *r, const char *subj, size_t len, size_t start,
    size_t *ov, size_t nov)
{
	PCRE2_SIZE	*o;
	size_t		 i, n;
	int		 m, rc;

	if (start > len)
		return 0;
	if ((m = run(r, subj, len, start, &rc)) != 1)
		return m;
	/* Groups past rc and unset ones read as (size_t)-1 (PCRE2_UNSET). */
	o = pcre2_get_ovector_pointer(tl_md);
	n = 2 * (size_t)rc;
	if (n > nov)
		n = nov;
	for (i = 0; i < n; i++)
		ov[i] = (size_t)o[i];
	if (n < nov)
		memset(ov + n, 0xff, (nov - n) * sizeof(*ov));
	return 1;
}

int
rx_match_mark(const struct rx *r, const char *subj, size_t len,
    const char **mark)
{
	int	m, rc;

	*mark = NULL;
	if ((m = run(r, subj, len, 0, &rc)) != 1)
		return m;
	*mark = (const char *)pcre2_get_mark(tl_md);
	return 1;
}

unsigned long
rx_limit_hits(void)
{
	unsigned long	n = tl_hits;

	tl_hits = 0;
	return n;
}

void
rx_thread_cleanup(void)
{
	pcre2_match_data_free(tl_umd);
	tl_umd = NULL;
	pcre2_match_data_free(tl_md);
	pcre2_match_context_free(tl_mc);
	pcre2_jit_stack_free(tl_js);
	tl_md = NULL;
	tl_mc = NULL;
	tl_js = NULL;
}

/*
 * PCRE2's UTF-8 check is strict (overlongs, surrogates, code points past
 * U+10FFFF); the loader uses it rather than a hand-written decoder.
 */
static pcre2_code		*utf_code;
static pthread_once_t		 utf_once = PTHREAD_ONCE_INIT;

static void
utf_init(void)
{
	int		ec;
	PCRE2_SIZE	eoff;

	utf_code = pcre2_compile((PCRE2_SPTR)"", 0, PCRE2_UTF, &ec, &eoff,
	    NULL);
}

int
rx_utf8_valid(const char *s, size_t n)
{
	int	rc;

	pthread_once(&utf_once, utf_init);
	if (utf_code == NULL)
		return 1;
	if (tl_umd == NULL && (tl_umd = pcre2_match_data_create(1,
	    NULL)) == NULL)
		return 1;
	rc = pcre2_match(utf_code, (PCRE2_SPTR)s, n, 0, PCRE2_ANCHORED,
	    tl_umd, NULL);
	return rc >= 0 || rc == PCRE2_ERROR_NOMATCH;
}
