/*
 * diag.h: findings.  Every check reports through diag_add() into one
 * list; writers read that list and nothing else.  A diag owns its
 * findings and their strings; diag_free() frees them.
 */
#ifndef CL_DIAG_H
#define CL_DIAG_H

#include <stddef.h>

enum sev {
	SEV_NONE = 0,
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
	SEV_NEVER	/* --fail-on never */
};

/*
 * Where a corpus finding's values go on a chart's axis.  The rule that
 * votes knows what its numbers are; the report only draws them.
 */
enum axis {
	AXIS_NONE = 0,	/* not from a vote */
	AXIS_LOG,	/* prices: a log axis */
	AXIS_NUM,	/* counts, scores: linear, log when spread wide */
	AXIS_DAY,	/* dates, as days since 1970-01-01 */
	AXIS_YESNO	/* a feature: 1 supported, 0 marked unsupported */
};

struct related_loc {
	char		*file;
	unsigned	 line;
	unsigned	 column;
	char		*value;
	double		 x;		/* value on the finding's axis */
};

struct finding {
	char			*rule;
	enum sev		 sev;
	char			*file;
	unsigned		 line;
	unsigned		 column;
	char			*field;		/* NULL when page-wide */
	char			*value;		/* NULL when none */
	char			*message;
	char			*snippet;	/* page text at the place */
	struct related_loc	*rel;
	size_t			 nrel;
	size_t			 relcap;
	size_t			 relmore;	/* related, not listed */
	char			 fingerprint[17];
	int			 suppressed;
	/* Corpus rules: the vote the finding comes from, for charts.
	   Findings with the same rule and group are about one vote. */
	char			*group;		/* NULL: not from a vote */
	enum axis		 axis;
	double			 x;		/* value on its axis */
	char			*consensus;	/* its label; NULL: none */
	double			 cx;		/* where it is on the axis */
	size_t			 nsrc;		/* sources that voted */
};

struct diag {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
};

const char	*sev_name(enum sev);
int		 sev_parse(const char *, enum sev *);

/* Append a finding; strings are copied.  Returns it for related_add. */
struct finding	*diag_add(struct diag *, const char *rule, enum sev,
		    const char *file, unsigned line, unsigned column,
		    const char *field, const char *value, const char *snippet,
		    const char *fmt, ...)
		    __attribute__((format(printf, 10, 11)));
void		 diag_related(struct finding *, const char *file,
		    unsigned line, unsigned column, const char *value);
/* A corpus finding's vote: group and consensus are copied (NULL: no
   consensus, cx unused). */
void		 diag_vote(struct finding *, const char *group, enum axis,
		    double x, size_t nsrc, const char *consensus, double cx);
/* Move every finding of src to the end of dst. */
void		 diag_move(struct diag *dst, struct diag *src);
/* By file, line, column, rule, message: the same whatever -j is. */
void		 diag_sort(struct diag *);
/* The order of diag_sort: <0, 0 or >0. */
int		 diag_cmp(const struct finding *, const struct finding *);
/* Counts by severity (suppressed excluded) and suppressed. */
void		 diag_count(const struct diag *, size_t counts[4],
		    size_t *suppressed);
/* 1 if any unsuppressed finding is at or above fail_on, else 0. */
int		 diag_failed(const struct diag *, enum sev fail_on);
/* Remove finding i, keeping the order of the rest. */
void		 diag_drop(struct diag *, size_t i);
void		 diag_free(struct diag *);
/* Free the strings and related locations of f, not f. */
void		 diag_clear_finding(struct finding *);

#endif
