/*
 * afile.h: files written atomically.  The text goes to a temp file in
 * the same directory, which replaces the target by rename() only once it
 * is complete and synced: a run killed midway leaves the old file whole.
 * Every file cardlint writes (--output, baselines, coverage baselines)
 * goes through here.
 */
#ifndef CL_AFILE_H
#define CL_AFILE_H

#include <stdio.h>

struct cl_error;

/* Files are written through a buffer this large, not stdio's 4 KB. */
#define AFILE_BUF	(256 * 1024)

struct afile {
	char	*path;
	char	*tmp;
	FILE	*fp;
	char	*buf;		/* fp's buffer */
};

/* Start writing path; -1 with err set if no temp file can be made. */
int	afile_open(struct afile *, const char *path, struct cl_error *);
/* Sync and rename over path; -1 with err set (the temp file removed). */
int	afile_commit(struct afile *, struct cl_error *);
/* Give up: remove the temp file, leave path as it was. */
void	afile_abort(struct afile *);

#endif
