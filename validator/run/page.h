/*
 * page.h: one page through the per-page stages: load, extract, the
 * page's checks and the site overrides of the settings file.  Pages come
 * from files (page_check_file) or from records written by extract
 * (page_read_records).
 */
#ifndef CL_PAGE_H
#define CL_PAGE_H

#include <stddef.h>

struct diag;
struct env;
struct kept;
struct smap;
struct summary;
struct wfile;

/* One file of the report: its name as findings give it, and its site. */
struct rfile {
	char		*name;		/* owned */
	const char	*site;		/* the profile's id, or NULL */
};

/*
 * Lint one file into all and rf.  In corpus mode (keep) the page's
 * summary and findings go to keep as soon as it is checked.
 */
void	page_check_file(const struct env *, const struct wfile *,
	    struct diag *all, struct kept *keep, struct rfile *rf);

/*
 * Records written by extract (--records): each is checked as it is read
 * and only its summary and file are kept; a bad line is an io.unreadable
 * finding.  The arrays grow across calls; the caller frees them.
 * With a partition (part_n > 0) only the records of part part_k are
 * kept, and of those only the ones whose home it is are linted and
 * listed in files; home[i] says which of recs those are.
 */
struct rec_read {
	const struct env	*ev;
	const char		*path;
	struct diag		*d;
	struct summary		**recs;
	unsigned char		*home;
	struct rfile		*files;
	size_t			 n;
	size_t			 nfiles;
	size_t			 cap;
	size_t			 hcap;
	size_t			 fcap;
	unsigned		 part_k;	/* 0-based */
	unsigned		 part_n;
};

void	page_read_records(struct rec_read *, const char *path);
/*
 * A price catalogue through its mapping: each entry is checked as it is
 * read, as a --records line is; a fault in the file (truncated JSON, a
 * short CSV row) is an io.unreadable finding at its line and column.
 */
void	page_read_source(struct rec_read *, const struct smap *,
	    const char *path);

#endif
