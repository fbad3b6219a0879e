/*
 * report.h: writers.  A report is written as a stream of pages: the
 * driver calls rep_page() once for every file of the run, in report
 * order (by file name), with that file's findings sorted by line,
 * column and rule, then rep_close() with the totals.  A writer that
 * needs the whole run at once (HTML) keeps its own copy; the others
 * write as they go, so the driver never has to hold the whole run.
 */
#ifndef CL_REPORT_H
#define CL_REPORT_H

#include <stdio.h>

struct catalog;
struct diag;
struct finding;

struct rep_opts {
	int			 color;
	const char		*version;
	size_t			 files;
	int			 fail_on;	/* enum sev */
	const struct catalog	*cat;		/* rules that ran */
	const char		*now;		/* YYYY-MM-DD of the run */
};

struct rep_totals {
	size_t		 files;
	size_t		 sev[4];	/* unsuppressed, by enum sev */
	size_t		 suppressed;
};

struct rep;

/* 1 if name is a format of check (text, json, sarif, ...). */
int		 rep_format_ok(const char *name);
/* The formats, comma-separated, for messages and --help. */
const char	*rep_format_list(void);
struct rep	*rep_open(const char *format, FILE *, const struct rep_opts *);
/* One file; v is sorted, n may be 0; site is the profile id or NULL. */
void		 rep_page(struct rep *, const char *file, const char *site,
		    const struct finding *v, size_t n);
/*
 * Pages rendered ahead, in worker threads: when rep_can_render() says
 * so, rep_render() turns a page into bytes in any thread (it only reads
 * the writer's options) and rep_page_rendered() writes them in report
 * order, in place of rep_page().
 */
struct buf;
int		 rep_can_render(const struct rep *);
void		 rep_render(const struct rep *, struct buf *, const char *file,
		    const struct finding *v, size_t n);
void		 rep_page_rendered(struct rep *, const struct finding *v,
		    size_t n, const struct buf *);
/* Ends the report and frees it; -1 if the stream had a write error. */
int		 rep_close(struct rep *, const struct rep_totals *);

void		 rep_totals_add(struct rep_totals *, const struct finding *);
void		 rep_text_summary(FILE *, const struct rep_totals *);

void	rep_rules_text(FILE *, const struct catalog *);
void	rep_rules_json(FILE *, const struct catalog *);
void	rep_rules_markdown(FILE *, const struct catalog *);
/* -1 if no such rule. */
int	rep_explain(FILE *, const struct catalog *, const char *id);

/* Copy s with control characters and terminal escapes made visible. */
char	*rep_safe(const char *s);

/*
 * What the json and text writers write for one page, appended to out.
 * They touch nothing but out and jansson values of their own, so pages
 * may be rendered in worker threads, each into its own buffer.
 * json: for every finding ",\n" and its object, indented as it sits in
 * the report's findings array (the writer drops the comma before the
 * first finding of a report).  text: a line for every unsuppressed
 * finding, `file:line:col: severity: message [rule]`, with ANSI colours
 * if color is set.
 */
void	rep_json_render(struct buf *out, const struct finding *v,
	    size_t n);
void	rep_text_render(struct buf *out, const char *file,
	    const struct finding *v, size_t n, int color);

/*
 * One format: open returns the writer's state, page and close as above.
 * The formats live in report.c (text, json), rep_ci.c (junit, github,
 * gitlab), rep_sarif.c and rep_html.c.
 */
struct rep_format {
	const char	*name;
	void		*(*open)(FILE *, const struct rep_opts *);
	void		 (*page)(void *, const char *file, const char *site,
			    const struct finding *, size_t);
	void		 (*close)(void *, const struct rep_totals *);
	/* Optional: see rep_render(); render only reads the state. */
	void		 (*render)(const void *, struct buf *, const char *file,
			    const struct finding *, size_t);
	void		 (*rendered)(void *, const struct finding *, size_t,
			    const struct buf *);
};

extern const struct rep_format rep_junit, rep_github, rep_gitlab,
	    rep_sarif, rep_html;

/* Helpers shared by the writers. */
/* s as valid UTF-8 XML character data, control characters visible. */
char		*rep_xml_text(const char *s);
struct json_t;
/* A JSON string of s, or U+FFFD when s is not UTF-8; null for NULL. */
struct json_t	*rep_jstr(const char *s);
/* Write j at the given indent, as json_dumpf with JSON_INDENT(2) would
   inside an enclosing value nested that deep. */
void		 rep_json_nested(FILE *, struct json_t *, int depth);

#endif
