/*
 * map.c: loading a source mapping with yml_read() tables.  Every key a
 * mapping may hold is a row below, so the table is also the list of
 * what a team can say about its own export; an unknown key, an unknown
 * record field or a malformed reference is an error at its line.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/rx.h"
#include "base/xalloc.h"
#include "base/yml.h"
#include "record/record.h"
#include "sources/map.h"

/* One field's spec when written as a mapping: {at: ..., per: ...}. */
struct fspec {
	char	*at;
	char	*per;
};

static const struct yml_row fspec_rows[] = {
	{ .key = "at", .type = YML_STR, .flags = YML_REQUIRED,
	  .off = offsetof(struct fspec, at),
	  .need = "a field needs 'at' (a JSON pointer, column or @key)" },
	{ .key = "per", .type = YML_STR, .off = offsetof(struct fspec, per) },
};
static const struct yml_table fspec_table = YML_TABLE("a source field",
    fspec_rows);

static int
field_ref(struct yml *y, yaml_node_t *n, const struct smap *m,
    struct smap_field *f, const char *at, struct cl_error *err)
{
	char		*end;
	unsigned long	 k;

	if (strcmp(at, "@source") == 0) {
		f->ref = SREF_SOURCE;
		return 0;
	}
	if (strncmp(at, "@key", 4) == 0) {
		f->ref = SREF_KEY;
		if (at[4] == '\0')
			return 0;
		k = strtoul(at + 4, &end, 10);
		if (*end == '\0' && k >= 1 && k <= 8) {
			f->keyat = (unsigned)k;
			return 0;
		}
	} else if (m->format != SMAP_CSV && at[0] == '/') {
		f->ref = SREF_POINTER;
		f->at = xstrdup(at);
		return 0;
	} else if (m->format == SMAP_CSV && at[0] != '\0' && at[0] != '@') {
		f->ref = SREF_COLUMN;
		f->at = xstrdup(at);
		return 0;
	}
	cl_error_set(err, y->file, yml_line(n), 0, "'%s' is not a field "
	    "reference: a JSON pointer (/a/b), a CSV column name, @key, "
	    "@keyN or @source", at);
	return -1;
}

static int
field_per(struct yml *y, yaml_node_t *n, const char *per,
    struct smap_field *f, struct cl_error *err)
{
	if (per == NULL || strcmp(per, "1M") == 0)
		f->per = PRICE_PER_1M;
	else if (strcmp(per, "1K") == 0)
		f->per = PRICE_PER_1K;
	else if (strcmp(per, "token") == 0)
		f->per = PRICE_PER_TOKEN;
	else {
		cl_error_set(err, y->file, yml_line(n), 0, "per must be "
		    "token, 1K or 1M, not '%s'", per);
		return -1;
	}
	return 0;
}

/* fields: {record.field: REF or {at: REF, per: UNIT}}. */
static int
read_fields(struct yml_at *at, struct cl_error *err)
{
	struct smap		*m = at->dst;
	struct smap_field	*f;
	struct fspec		 fs;
	yaml_node_t		*v;
	const char		*key, *ref;
	size_t			 i, cap = 0;
	int			 fid, rc;

	if (!yml_is_map(at->val)) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "fields must be a mapping of record fields");
		return -1;
	}
	for (i = 0; yml_map_at(at->y, at->val, i, &key, &v); i++) {
		if ((fid = rec_field_by_path(key)) < 0 || fid == F_MODEL_KEY) {
			cl_error_set(err, at->y->file, yml_line(v), 0,
			    "unknown record field '%s' in fields", key);
			return -1;
		}
		xgrow(&m->f, &cap, m->nf + 1, sizeof(*m->f));
		f = &m->f[m->nf++];
		memset(f, 0, sizeof(*f));
		f->fid = fid;
		f->line = yml_line(v);
		memset(&fs, 0, sizeof(fs));
		if (yml_is_map(v)) {
			rc = yml_read(at->y, v, &fspec_table, &fs, NULL, err);
			ref = fs.at;
		} else
			rc = yml_need_str(at->y, v, key, &ref, err);
		if (rc == 0)
			rc = field_ref(at->y, v, m, f, ref, err);
		if (rc == 0)
			rc = field_per(at->y, v, fs.per, f, err);
		free(fs.at);
		free(fs.per);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
read_format(struct yml_at *at, struct cl_error *err)
{
	struct smap	*m = at->dst;
	const char	*s;

	if (yml_need_str(at->y, at->val, "format", &s, err) == -1)
		return -1;
	if (strcmp(s, "json") == 0)
		m->format = SMAP_JSON;
	else if (strcmp(s, "jsonl") == 0)
		m->format = SMAP_JSONL;
	else if (strcmp(s, "csv") == 0)
		m->format = SMAP_CSV;
	else {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "format must be json, jsonl or csv, not '%s'", s);
		return -1;
	}
	return 0;
}

static int
read_sep(struct yml_at *at, struct cl_error *err)
{
	struct smap	*m = at->dst;
	const char	*s;

	if (yml_need_str(at->y, at->val, "separator", &s, err) == -1)
		return -1;
	if (strlen(s) != 1 || *s == '"' || *s == '\n' || *s == '\r') {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "separator must be one character other than a quote");
		return -1;
	}
	m->sep = *s;
	return 0;
}

static const struct yml_row only_rows[] = {
	{ .key = "at", .type = YML_STR, .flags = YML_REQUIRED,
	  .off = offsetof(struct smap, only_at),
	  .need = "only needs 'at'" },
	{ .key = "in", .type = YML_STRS, .flags = YML_REQUIRED,
	  .off = offsetof(struct smap, only),
	  .off2 = offsetof(struct smap, nonly),
	  .need = "only needs 'in', the values kept" },
};
static const struct yml_table only_table = YML_TABLE("only", only_rows);

static const struct yml_row cap_rows[] = {
	{ .key = "prefix", .type = YML_STR,
	  .off = offsetof(struct smap, cap_prefix) },
	{ .key = "keys", .type = YML_STRS,
	  .off = offsetof(struct smap, cap_keys),
	  .off2 = offsetof(struct smap, ncap_keys) },
};
static const struct yml_table cap_table = YML_TABLE("capabilities",
    cap_rows);

static int
read_sub(struct yml_at *at, struct cl_error *err)
{
	const struct yml_table	*t = strcmp(at->row->key, "only") == 0 ?
	    &only_table : &cap_table;

	return yml_read(at->y, at->val, t, at->dst, NULL, err);
}

/* free and key_strip: patterns compiled once at load. */
static int
read_rx(struct yml_at *at, struct cl_error *err)
{
	struct smap	*m = at->dst;
	unsigned	 line = yml_line(at->val);
	const char	*s;
	size_t		 i;

	if (strcmp(at->row->key, "free") == 0) {
		if (yml_need_str(at->y, at->val, "free", &s, err) == -1)
			return -1;
		m->free_s = xstrdup(s);
		if (rx_compile(&m->free_rx, m->free_s, 1, at->y->file, line,
		    err) == -1)
			return -1;
		m->has_free = 1;
		return 0;
	}
	if (yml_read_strs(at->y, at->val, "key_strip", NULL, &m->strip_s,
	    &m->nstrip, err) == -1)
		return -1;
	m->strip = xcalloc(m->nstrip + 1, sizeof(*m->strip));
	for (i = 0; i < m->nstrip; i++)
		if (rx_compile(&m->strip[i], m->strip_s[i], 1, at->y->file,
		    line, err) == -1)
			return -1;
	return 0;
}

static const struct yml_row map_rows[] = {
	{ .key = "source", .type = YML_STR, .flags = YML_REQUIRED,
	  .off = offsetof(struct smap, name),
	  .need = "a source mapping needs 'source', its kind's name" },
	{ .key = "about", .type = YML_STR,
	  .off = offsetof(struct smap, about) },
	{ .key = "format", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = read_format,
	  .need = "a source mapping needs 'format' (json, jsonl, csv)" },
	{ .key = "separator", .type = YML_FN, .fn = read_sep },
	{ .key = "decimal_comma", .type = YML_BOOL,
	  .off = offsetof(struct smap, decimal_comma) },
	{ .key = "entries", .type = YML_STRS,
	  .off = offsetof(struct smap, steps),
	  .off2 = offsetof(struct smap, nsteps) },
	{ .key = "skip", .type = YML_STRS,
	  .off = offsetof(struct smap, skip),
	  .off2 = offsetof(struct smap, nskip) },
	{ .key = "only", .type = YML_FN, .fn = read_sub },
	{ .key = "currency", .type = YML_STR,
	  .off = offsetof(struct smap, currency) },
	{ .key = "free", .type = YML_FN, .fn = read_rx },
	{ .key = "key_strip", .type = YML_FN, .fn = read_rx },
	{ .key = "capabilities", .type = YML_FN, .fn = read_sub },
	{ .key = "fields", .type = YML_FN, .flags = YML_REQUIRED,
	  .fn = read_fields,
	  .need = "a source mapping needs 'fields'" },
};
static const struct yml_table map_table = YML_TABLE("a source mapping",
    map_rows);

struct smap *
smap_load(const char *path, struct cl_error *err)
{
	struct smap	*m;
	struct yml	*y;
	int		 rc;

	if ((y = yml_load(path, err)) == NULL)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->file = xstrdup(path);
	m->sep = ',';
	rc = yml_read(y, yml_root(y), &map_table, m, NULL, err);
	if (rc == 0 && m->currency != NULL && strlen(m->currency) != 3) {
		cl_error_set(err, path, 0, 0, "currency must be a 3-letter "
		    "code such as USD");
		rc = -1;
	}
	yml_free(y);
	if (rc == -1) {
		smap_free(m);
		return NULL;
	}
	return m;
}

void
smap_free(struct smap *m)
{
	size_t	i;

	if (m == NULL)
		return;
	free(m->file);
	free(m->name);
	free(m->about);
	free(m->format_s);
	xfree_strs(m->steps, m->nsteps);
	xfree_strs(m->skip, m->nskip);
	free(m->only_at);
	xfree_strs(m->only, m->nonly);
	free(m->currency);
	free(m->free_s);
	if (m->has_free)
		rx_free(&m->free_rx);
	for (i = 0; m->strip != NULL && i < m->nstrip; i++)
		rx_free(&m->strip[i]);
	free(m->strip);
	xfree_strs(m->strip_s, m->nstrip);
	free(m->cap_prefix);
	xfree_strs(m->cap_keys, m->ncap_keys);
	free(m->sep_s);
	for (i = 0; i < m->nf; i++)
		free(m->f[i].at);
	free(m->f);
	free(m);
}
