/*
 * part.c: routing records to key partitions and the view a partition's
 * corpus rules get of a record.
 *
 * The part of a key is FNV-1a (64 bits) of its bytes modulo N: the same
 * on every machine and in every run, so the parts of this refresh and
 * of the previous one line up.  A record goes to every part one of its
 * evidence keys falls in, and to its home; the check of a part then
 * keeps only what belongs to it, so a record written to three parts is
 * linted once and counted once.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/afile.h"
#include "base/error.h"
#include "base/hash.h"
#include "base/xalloc.h"
#include "record/record.h"
#include "run/part.h"

unsigned
part_of(const char *key, unsigned n)
{
	return (unsigned)(fnv1a(FNV_BASIS, key) % n);
}

unsigned
part_home(const struct record *r, unsigned n)
{
	const char	*key = record_str(r, F_MODEL_KEY);

	return part_of(key != NULL ? key : r->file, n);
}

unsigned
part_home_summary(const struct summary *s, unsigned n)
{
	const char	*key = summary_str(s, F_MODEL_KEY);

	return part_of(key != NULL ? key : s->file, n);
}

int
part_touches(const struct record *r, unsigned p, unsigned n)
{
	size_t	i;

	if (part_home(r, n) == p)
		return 1;
	for (i = 0; i < r->nrel; i++)
		if (r->rel[i].key != NULL && part_of(r->rel[i].key, n) == p)
			return 1;
	return 0;
}

struct summary *
part_view(const struct summary *s, unsigned p, unsigned n)
{
	struct summary	*v;
	struct related	*rel;
	const char	*key = summary_str(s, F_MODEL_KEY);
	size_t		 i, nrel = 0;
	int		 own;

	own = key != NULL && part_of(key, n) == p;
	for (i = 0; i < s->nrel; i++)
		if (s->rel[i].key != NULL && part_of(s->rel[i].key, n) == p)
			nrel++;
	if (!own && nrel == 0)
		return NULL;
	/* One allocation, as record_compact() makes, so summary_free()
	   frees it; the strings stay the original's. */
	v = xmalloc(sizeof(*v) + nrel * sizeof(*rel));
	memcpy(v, s, sizeof(*v));
	rel = (struct related *)(v + 1);
	v->rel = rel;
	v->nrel = 0;
	for (i = 0; i < s->nrel; i++)
		if (s->rel[i].key != NULL && part_of(s->rel[i].key, n) == p)
			rel[v->nrel++] = s->rel[i];
	/* A model key of another part is that part's evidence. */
	if (!own)
		v->at[F_MODEL_KEY] = 0;
	return v;
}

int
part_out_open(struct part_out *po, const char *dir, unsigned n,
    struct cl_error *err)
{
	char		*path;
	unsigned	 i;

	memset(po, 0, sizeof(*po));
	po->af = xcalloc(n, sizeof(*po->af));
	po->count = xcalloc(n, sizeof(*po->count));
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/part-%04u-of-%04u.jsonl", dir, i + 1, n);
		if (afile_open(&po->af[i], path, err) == -1) {
			free(path);
			part_out_abort(po);
			return -1;
		}
		po->n = i + 1;
		free(path);
	}
	return 0;
}

void
part_out_record(struct part_out *po, const struct record *r)
{
	unsigned char	 in[PART_MAX];
	json_t		*j = record_to_json(r);
	unsigned	 i;

	memset(in, 0, sizeof(in));
	in[part_home(r, po->n)] = 1;
	for (i = 0; i < r->nrel; i++)
		if (r->rel[i].key != NULL)
			in[part_of(r->rel[i].key, po->n)] = 1;
	for (i = 0; i < po->n; i++) {
		if (!in[i])
			continue;
		json_dumpf(j, po->af[i].fp, JSON_COMPACT |
		    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		fputc('\n', po->af[i].fp);
		po->count[i]++;
	}
	json_decref(j);
}

int
part_out_commit(struct part_out *po, struct cl_error *err)
{
	unsigned	i;
	int		rc = 0;

	for (i = 0; i < po->n; i++) {
		if (rc == -1)
			afile_abort(&po->af[i]);
		else if (afile_commit(&po->af[i], err) == -1)
			rc = -1;
	}
	po->n = 0;
	part_out_abort(po);
	return rc;
}

void
part_out_abort(struct part_out *po)
{
	unsigned	i;

	for (i = 0; i < po->n; i++)
		afile_abort(&po->af[i]);
	free(po->af);
	free(po->count);
	memset(po, 0, sizeof(*po));
}
