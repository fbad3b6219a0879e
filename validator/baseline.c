/*
 * baseline.c: read, apply, prune and write baseline files (JSON).
 *
 * {"cardlint_baseline": 1, "entries": [{"fingerprint", "rule", "file",
 * "value", "date", "reason"?, "expires"?}]}
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "baseline.h"
#include "diag.h"
#include "error.h"
#include "normalize.h"
#include "xalloc.h"

/* A JSON string, or U+FFFD for bytes that are not UTF-8. */
static json_t *
str_or(const char *s)
{
	json_t	*j = json_string(s);

	return j != NULL ? j : json_string("\xef\xbf\xbd");
}

static int
save(const char *path, json_t *root, struct cl_error *err)
{
	char	*tmp;
	int	 rc = 0;

	xasprintf(&tmp, "%s.tmp%ld", path, (long)getpid());
	if (json_dump_file(root, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) !=
	    0 || rename(tmp, path) != 0) {
		cl_error_set(err, path, 0, 0, "cannot write the baseline: %s",
		    strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

int
baseline_apply(const char *path, long now, int prune, struct diag *d,
    struct cl_error *err)
{
	json_t		*root, *entries, *e, *kept;
	json_error_t	 je;
	const char	*fp, *exp;
	size_t		 i, k;
	long		 until;
	int		 used, rc = 0;

	root = json_load_file(path, 0, &je);
	entries = json_object_get(root, "entries");
	if (root == NULL || !json_is_array(entries)) {
		cl_error_set(err, path, root == NULL ? (unsigned)je.line : 0, 0,
		    "not a cardlint baseline: %s", root == NULL ? je.text :
		    "no 'entries' list");
		json_decref(root);
		return -1;
	}
	kept = json_array();
	json_array_foreach(entries, i, e) {
		fp = json_string_value(json_object_get(e, "fingerprint"));
		if (fp == NULL) {
			cl_error_set(err, path, 0, 0, "entry %zu has no "
			    "fingerprint", i + 1);
			rc = -1;
			break;
		}
		exp = json_string_value(json_object_get(e, "expires"));
		if (exp != NULL && norm_date_serial(exp, &until) == -1) {
			cl_error_set(err, path, 0, 0, "entry %zu: expires "
			    "'%s' is not a date YYYY-MM-DD", i + 1, exp);
			rc = -1;
			break;
		}
		used = 0;
		for (k = 0; k < d->n; k++) {
			if (strcmp(d->v[k].fingerprint, fp) != 0)
				continue;
			used = 1;
			if (exp == NULL || now <= until)
				d->v[k].suppressed = 1;
		}
		if (used)
			json_array_append(kept, e);
	}
	if (rc == 0 && prune) {
		json_object_set(root, "entries", kept);
		rc = save(path, root, err);
	}
	json_decref(kept);
	json_decref(root);
	return rc;
}

int
baseline_write(const char *path, long now, const char *reason,
    const struct diag *d, struct cl_error *err)
{
	json_t	*root = json_object(), *a = json_array(), *e;
	char	 date[64];
	size_t	 i, k;
	int	 rc, dup;

	norm_date_iso(now, date, sizeof(date));
	for (i = 0; i < d->n; i++) {
		if (d->v[i].suppressed)
			continue;
		dup = 0;
		for (k = 0; k < i && !dup; k++)
			dup = strcmp(d->v[k].fingerprint,
			    d->v[i].fingerprint) == 0;
		if (dup)
			continue;
		e = json_object();
		json_object_set_new(e, "fingerprint",
		    json_string(d->v[i].fingerprint));
		json_object_set_new(e, "rule", json_string(d->v[i].rule));
		json_object_set_new(e, "file", str_or(d->v[i].file));
		if (d->v[i].value != NULL)
			json_object_set_new(e, "value", str_or(d->v[i].value));
		json_object_set_new(e, "date", json_string(date));
		if (reason != NULL)
			json_object_set_new(e, "reason", json_string(reason));
		json_array_append_new(a, e);
	}
	json_object_set_new(root, "cardlint_baseline", json_integer(1));
	json_object_set_new(root, "entries", a);
	rc = save(path, root, err);
	json_decref(root);
	return rc;
}
