/*
 * baseline.c: read, match, prune and write baseline files (JSON).
 *
 * {"cardlint_baseline": 1, "entries": [{"fingerprint", "rule", "file",
 * "value", "date", "reason"?, "expires"?}]}
 *
 * Entries are sorted by fingerprint once, so matching a finding is a
 * binary search, not a pass over the file.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/afile.h"
#include "run/baseline.h"
#include "findings/diag.h"
#include "base/error.h"
#include "record/normalize.h"
#include "report/report.h"
#include "base/xalloc.h"

struct entry {
	const char	*fp;
	int		 live;		/* no expiry, or not yet expired */
	int		 used;
	size_t		 index;		/* in the file's list */
};

struct baseline {
	char		*path;
	json_t		*root;
	struct entry	*v;
	size_t		 n;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;

	return strcmp(x->fp, y->fp);
}

struct baseline *
baseline_load(const char *path, long now, struct cl_error *err)
{
	struct baseline	*b;
	json_t		*root, *entries, *e;
	json_error_t	 je;
	const char	*fp, *exp;
	size_t		 i;
	long		 until;

	root = json_load_file(path, 0, &je);
	entries = json_object_get(root, "entries");
	if (root == NULL || !json_is_array(entries)) {
		cl_error_set(err, path, root == NULL ? (unsigned)je.line : 0, 0,
		    "not a cardlint baseline: %s", root == NULL ? je.text :
		    "no 'entries' list");
		json_decref(root);
		return NULL;
	}
	b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	b->root = root;
	b->v = xcalloc(json_array_size(entries) + 1, sizeof(*b->v));
	json_array_foreach(entries, i, e) {
		fp = json_string_value(json_object_get(e, "fingerprint"));
		if (fp == NULL) {
			cl_error_set(err, path, 0, 0, "entry %zu has no "
			    "fingerprint", i + 1);
			baseline_free(b);
			return NULL;
		}
		exp = json_string_value(json_object_get(e, "expires"));
		if (exp != NULL && norm_date_serial(exp, &until) == -1) {
			cl_error_set(err, path, 0, 0, "entry %zu: expires "
			    "'%s' is not a date YYYY-MM-DD", i + 1, exp);
			baseline_free(b);
			return NULL;
		}
		b->v[b->n].fp = fp;
		b->v[b->n].live = exp == NULL || now <= until;
		b->v[b->n].index = i;
		b->n++;
	}
	qsort(b->v, b->n, sizeof(*b->v), entry_cmp);
	return b;
}

void
baseline_match(struct baseline *b, struct finding *v, size_t n)
{
	struct entry	 key, *e;
	size_t		 i;

	memset(&key, 0, sizeof(key));
	for (i = 0; i < n; i++) {
		key.fp = v[i].fingerprint;
		e = bsearch(&key, b->v, b->n, sizeof(*b->v), entry_cmp);
		if (e == NULL)
			continue;
		/* Several entries may share a fingerprint: use them all. */
		while (e > b->v && strcmp(e[-1].fp, key.fp) == 0)
			e--;
		for (; e < b->v + b->n && strcmp(e->fp, key.fp) == 0; e++) {
			/* Workers match pages at once: a relaxed store. */
			__atomic_store_n(&e->used, 1, __ATOMIC_RELAXED);
			if (e->live)
				v[i].suppressed = 1;
		}
	}
}

int
baseline_prune(struct baseline *b, struct cl_error *err)
{
	json_t		*entries, *kept;
	struct afile	 af;
	size_t		 i;
	char		*used;

	entries = json_object_get(b->root, "entries");
	used = xcalloc(json_array_size(entries) + 1, 1);
	for (i = 0; i < b->n; i++)
		if (b->v[i].used)
			used[b->v[i].index] = 1;
	kept = json_array();
	for (i = 0; i < json_array_size(entries); i++)
		if (used[i])
			json_array_append(kept, json_array_get(entries, i));
	free(used);
	if (afile_open(&af, b->path, err) == -1) {
		json_decref(kept);
		return -1;
	}
	json_object_set_new(b->root, "entries", kept);
	/* The entries' strings are owned by the old list: look-ups end. */
	b->n = 0;
	json_dumpf(b->root, af.fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', af.fp);
	return afile_commit(&af, err);
}

void
baseline_free(struct baseline *b)
{
	if (b == NULL)
		return;
	json_decref(b->root);
	free(b->v);
	free(b->path);
	free(b);
}

struct baseline_out {
	struct afile	 af;
	FILE		*fp;
	char		 date[16];
	char		*reason;
	size_t		 n;
};

struct baseline_out *
baseline_create(const char *path, long now, const char *reason,
    struct cl_error *err)
{
	struct baseline_out	*o = xcalloc(1, sizeof(*o));

	if (afile_open(&o->af, path, err) == -1) {
		free(o);
		return NULL;
	}
	o->fp = o->af.fp;
	o->reason = reason != NULL ? xstrdup(reason) : NULL;
	norm_date_iso(now, o->date, sizeof(o->date));
	fputs("{\n  \"cardlint_baseline\": 1,\n  \"entries\": [", o->fp);
	return o;
}

void
baseline_add(struct baseline_out *o, const struct finding *v, size_t n)
{
	json_t	*e;
	size_t	 i, k;
	int	 dup;

	for (i = 0; i < n; i++) {
		if (v[i].suppressed)
			continue;
		dup = 0;
		for (k = 0; k < i && !dup; k++)
			dup = !v[k].suppressed && strcmp(v[k].fingerprint,
			    v[i].fingerprint) == 0;
		if (dup)
			continue;
		e = json_object();
		json_object_set_new(e, "fingerprint",
		    json_string(v[i].fingerprint));
		json_object_set_new(e, "rule", json_string(v[i].rule));
		json_object_set_new(e, "file", rep_jstr(v[i].file));
		if (v[i].value != NULL)
			json_object_set_new(e, "value", rep_jstr(v[i].value));
		json_object_set_new(e, "date", json_string(o->date));
		if (o->reason != NULL)
			json_object_set_new(e, "reason",
			    rep_jstr(o->reason));
		fputs(o->n++ > 0 ? ",\n" : "\n", o->fp);
		rep_json_nested(o->fp, e, 2);
		json_decref(e);
	}
}

int
baseline_close(struct baseline_out *o, struct cl_error *err)
{
	int	rc;

	fputs(o->n > 0 ? "\n  ]\n}\n" : "]\n}\n", o->fp);
	rc = afile_commit(&o->af, err);
	free(o->reason);
	free(o);
	return rc;
}

void
baseline_abort(struct baseline_out *o)
{
	if (o == NULL)
		return;
	afile_abort(&o->af);
	free(o->reason);
	free(o);
}
