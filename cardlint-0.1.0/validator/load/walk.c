/*
 * walk.c: expand directories into sorted lists of regular files.
 *
 * The walk keeps the device and inode of every directory on the current
 * path, so a symlink that points back up the tree is skipped instead of
 * followed forever.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "load/walk.h"
#include "base/xalloc.h"

struct dirid {
	dev_t	dev;
	ino_t	ino;
};

static void
add(struct wlist *l, const char *path, const char *error)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n].path = xstrdup(path);
	l->v[l->n].error = error == NULL ? NULL : xstrdup(error);
	l->n++;
}

/* A directory entry: its name and the type readdir gave. */
struct dent {
	char		*name;
	unsigned char	 type;
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name,
	    ((const struct dent *)b)->name);
}

static void
walk_dir(struct wlist *l, const char *dir, struct dirid *stack,
    size_t depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	struct dent	*names = NULL;
	char		*path;
	size_t		 n = 0, cap = 0, i, k;

	if (depth >= 256) {
		add(l, dir, "directory tree deeper than 256 levels");
		return;
	}
	if ((d = opendir(dir)) == NULL) {
		add(l, dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		xgrow(&names, &cap, n + 1, sizeof(*names));
		names[n].name = xstrdup(de->d_name);
		names[n++].type = de->d_type;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if (dir[0] != '\0' && dir[strlen(dir) - 1] == '/')
			xasprintf(&path, "%s%s", dir, names[i].name);
		else
			xasprintf(&path, "%s/%s", dir, names[i].name);
		/*
		 * readdir's type spares a stat per page: a regular file is
		 * taken as it is (the loader fstats what it opens), FIFOs
		 * and devices are skipped; links, directories and unknown
		 * types are looked at.
		 */
		if (names[i].type == DT_REG)
			add(l, path, NULL);
		else if (names[i].type == DT_FIFO ||
		    names[i].type == DT_SOCK || names[i].type == DT_CHR ||
		    names[i].type == DT_BLK)
			;
		else if (stat(path, &st) == -1) {
			/* A dangling link or a file gone since readdir:
			   either way a page that cannot be read. */
			if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
				add(l, path, "dangling symbolic link");
			else
				add(l, path, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			for (k = 0; k < depth; k++)
				if (stack[k].dev == st.st_dev &&
				    stack[k].ino == st.st_ino)
					break;
			if (k == depth) {
				stack[depth].dev = st.st_dev;
				stack[depth].ino = st.st_ino;
				walk_dir(l, path, stack, depth + 1);
			}
		} else if (S_ISREG(st.st_mode))
			add(l, path, NULL);
		free(path);
		free(names[i].name);
	}
	free(names);
}

struct wlist *
walk_paths(char *const *paths, size_t n)
{
	struct wlist	*l = xcalloc(1, sizeof(*l));
	struct dirid	 stack[257];
	struct stat	 st;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			stack[0].dev = st.st_dev;
			stack[0].ino = st.st_ino;
			walk_dir(l, paths[i], stack, 1);
		} else
			add(l, paths[i], NULL);
	}
	return l;
}

void
walk_free(struct wlist *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].error);
	}
	free(l->v);
	free(l);
}
