/*
 * catalogs.c: which catalogue files a run reads and through which
 * mapping.  A kind is a name, never a path: "litellm" is looked up
 * among the --source-map files first (a team may override a built-in
 * kind), then as rules/sources/litellm.yaml.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "run/catalogs.h"
#include "run/plan.h"
#include "sources/map.h"

static void
cats_add_map(struct catalogs *c, struct smap *m)
{
	xgrow(&c->maps, &c->mapcap, c->nmaps + 1, sizeof(*c->maps));
	c->maps[c->nmaps++] = m;
}

static int
kind_ok(const char *k)
{
	const char	*p;

	if (*k == '\0' || *k == '.')
		return 0;
	for (p = k; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-' || *p == '_'))
			return 0;
	return 1;
}

/* The mapping of kind (len bytes of k); NULL with err set. */
static const struct smap *
cats_kind(struct catalogs *c, const char *k, size_t len,
    const char *rulesdir, struct cl_error *err)
{
	struct smap	*m;
	char		*kind, *path;
	size_t		 i;

	for (i = 0; i < c->nmaps; i++)
		if (strlen(c->maps[i]->name) == len &&
		    strncmp(c->maps[i]->name, k, len) == 0)
			return c->maps[i];
	kind = xstrndup(k, len);
	if (!kind_ok(kind)) {
		cl_error_set(err, NULL, 0, 0, "--source: '%s' is not a "
		    "source kind (letters, digits, '.', '-', '_')", kind);
		free(kind);
		return NULL;
	}
	xasprintf(&path, "%s/sources/%s.yaml", rulesdir, kind);
	if (access(path, F_OK) == -1) {
		cl_error_set(err, NULL, 0, 0, "--source: unknown kind '%s': "
		    "no --source-map names it and there is no %s", kind,
		    path);
		m = NULL;
	} else if ((m = smap_load(path, err)) != NULL &&
	    strcmp(m->name, kind) != 0) {
		cl_error_set(err, path, 0, 0, "the mapping's source is "
		    "'%s', not '%s' as its file name says", m->name, kind);
		smap_free(m);
		m = NULL;
	}
	free(path);
	free(kind);
	if (m != NULL)
		cats_add_map(c, m);
	return m;
}

static void
cats_add(struct catalogs *c, const struct smap *m, const char *path)
{
	xgrow(&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n].m = m;
	c->v[c->n++].path = path;
}

int
cats_load(struct catalogs *c, const struct plan *pl, const char *rulesdir,
    struct cl_error *err)
{
	const struct smap	*m;
	struct smap		*sm;
	const char		*s, *colon;
	size_t			 i, j;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < pl->nsource_maps; i++) {
		if ((sm = smap_load(pl->source_maps[i], err)) == NULL)
			return -1;
		cats_add_map(c, sm);
	}
	for (i = 0; i < pl->nsources; i++) {
		s = pl->sources[i];
		colon = strchr(s, ':');
		m = cats_kind(c, s, colon != NULL ? (size_t)(colon - s) :
		    strlen(s), rulesdir, err);
		if (m == NULL)
			return -1;
		if (colon != NULL) {
			if (colon[1] == '\0') {
				cl_error_set(err, NULL, 0, 0, "--source %s: "
				    "no file after the kind", s);
				return -1;
			}
			cats_add(c, m, colon + 1);
			continue;
		}
		if (c->operands) {
			cl_error_set(err, NULL, 0, 0, "--source %s: the "
			    "PATHs already have a kind; name more "
			    "catalogues as KIND:FILE", s);
			return -1;
		}
		c->operands = 1;
		for (j = 0; j < pl->npaths; j++)
			cats_add(c, m, pl->paths[j]);
	}
	/* --shard: each catalogue is one file of one shard, as a page. */
	for (i = j = 0; i < c->n; i++)
		if (plan_in_shard(pl, i))
			c->v[j++] = c->v[i];
	c->n = j;
	return 0;
}

void
cats_free(struct catalogs *c)
{
	size_t	i;

	for (i = 0; i < c->nmaps; i++)
		smap_free(c->maps[i]);
	free(c->maps);
	free(c->v);
	memset(c, 0, sizeof(*c));
}
