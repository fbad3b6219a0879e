/*
 * walk.h: command-line paths -> the list of input files, in order.
 * Directories are walked recursively in sorted order; only regular files
 * are taken from them; symlink loops are cut.  A path that cannot be
 * walked is still listed (with its error) so it becomes an io finding.
 * walk_paths() returns an owned list; walk_free() frees it.
 */
#ifndef CL_WALK_H
#define CL_WALK_H

#include <stddef.h>

struct wfile {
	char	*path;
	char	*error;		/* NULL, or why it cannot be read */
};

struct wlist {
	struct wfile	*v;
	size_t		 n;
	size_t		 cap;
};

struct wlist	*walk_paths(char *const *paths, size_t n);
void		 walk_free(struct wlist *);

#endif
