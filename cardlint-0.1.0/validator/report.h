/*
 * report.h: writers.  Each reads the one finding list (and, for the
 * formats that list rules, the catalogue) and writes to a stream.
 */
#ifndef CL_REPORT_H
#define CL_REPORT_H

#include <stdio.h>

struct catalog;
struct diag;

struct rep_opts {
	int		 color;
	const char	*version;
	size_t		 files;
	int		 fail_on;	/* enum sev */
};

void	rep_text(FILE *, const struct diag *, const struct rep_opts *);
void	rep_text_summary(FILE *, const struct diag *,
	    const struct rep_opts *);
void	rep_json(FILE *, const struct diag *, const struct rep_opts *);
void	rep_rules_text(FILE *, const struct catalog *);
void	rep_rules_json(FILE *, const struct catalog *);
void	rep_rules_markdown(FILE *, const struct catalog *);
/* -1 if no such rule. */
int	rep_explain(FILE *, const struct catalog *, const char *id);

/* Copy s with control characters and terminal escapes made visible. */
char	*rep_safe(const char *s);

#endif
