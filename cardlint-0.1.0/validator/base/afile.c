/*
 * afile.c: temp file + fsync + rename.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/afile.h"
#include "base/error.h"
#include "base/xalloc.h"

int
afile_open(struct afile *a, const char *path, struct cl_error *err)
{
	mode_t	um;
	int	fd;

	memset(a, 0, sizeof(*a));
	xasprintf(&a->tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(a->tmp)) == -1 || (a->fp = fdopen(fd, "w")) ==
	    NULL) {
		cl_error_set(err, path, 0, 0, "cannot write: %s",
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(a->tmp);
		}
		free(a->tmp);
		a->tmp = NULL;
		return -1;
	}
	/* mkstemp makes it 0600; a report is for sharing, like any file
	   the user's umask allows. */
	um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	a->path = xstrdup(path);
	a->buf = xmalloc(AFILE_BUF);
	setvbuf(a->fp, a->buf, _IOFBF, AFILE_BUF);
	return 0;
}

static void
afile_clear(struct afile *a)
{
	/* After fclose: the buffer was fp's. */
	free(a->buf);
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof(*a));
}

int
afile_commit(struct afile *a, struct cl_error *err)
{
	int	rc = 0;

	if (a->fp == NULL)
		return -1;
	if (fflush(a->fp) != 0 || ferror(a->fp) || fsync(fileno(a->fp)) != 0) {
		fclose(a->fp);
		rc = -1;
	} else if (fclose(a->fp) != 0 || rename(a->tmp, a->path) != 0)
		rc = -1;
	if (rc == -1) {
		cl_error_set(err, a->path, 0, 0, "cannot write: %s",
		    strerror(errno != 0 ? errno : EIO));
		unlink(a->tmp);
	}
	afile_clear(a);
	return rc;
}

void
afile_abort(struct afile *a)
{
	if (a->fp == NULL)
		return;
	fclose(a->fp);
	unlink(a->tmp);
	afile_clear(a);
}
