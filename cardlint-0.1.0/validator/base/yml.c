/*
 * yml.c: load YAML files (rules, profiles, config) with libyaml's
 * document API and read them with line numbers at hand; yml_read()
 * fills a struct from a mapping by a table of rows, so that every
 * loader refuses an unknown key in the same words.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "base/yml.h"

static struct yml *
yml_finish(struct yml *y, yaml_parser_t *p, struct cl_error *err)
{
	if (!yaml_parser_load(p, &y->doc)) {
		cl_error_set(err, y->file, (unsigned)p->problem_mark.line + 1,
		    (unsigned)p->problem_mark.column + 1, "YAML error: %s%s%s",
		    p->problem == NULL ? "unknown" : p->problem,
		    p->context == NULL ? "" : " ",
		    p->context == NULL ? "" : p->context);
		yaml_parser_delete(p);
		free(y->file);
		free(y);
		return NULL;
	}
	y->loaded = 1;
	yaml_parser_delete(p);
	if (yaml_document_get_root_node(&y->doc) == NULL) {
		cl_error_set(err, y->file, 0, 0, "empty YAML document");
		yml_free(y);
		return NULL;
	}
	return y;
}

struct yml *
yml_load(const char *path, struct cl_error *err)
{
	struct yml	*y;
	yaml_parser_t	 p;
	FILE		*fp;

	fp = fopen(path, "rb");
	if (fp == NULL) {
		cl_error_set(err, path, 0, 0, "cannot open: %s",
		    strerror(errno));
		return NULL;
	}
	y = xcalloc(1, sizeof(*y));
	y->file = xstrdup(path);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	y = yml_finish(y, &p, err);
	fclose(fp);
	return y;
}

struct yml *
yml_load_string(const char *name, const char *s, size_t n,
    struct cl_error *err)
{
	struct yml	*y;
	yaml_parser_t	 p;

	y = xcalloc(1, sizeof(*y));
	y->file = xstrdup(name);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	return yml_finish(y, &p, err);
}

void
yml_free(struct yml *y)
{
	if (y == NULL)
		return;
	if (y->loaded)
		yaml_document_delete(&y->doc);
	free(y->file);
	free(y);
}

yaml_node_t *
yml_root(struct yml *y)
{
	return yaml_document_get_root_node(&y->doc);
}

unsigned
yml_line(const yaml_node_t *n)
{
	return n == NULL ? 0 : (unsigned)n->start_mark.line + 1;
}

int
yml_is_map(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_MAPPING_NODE;
}

int
yml_is_seq(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SEQUENCE_NODE;
}

int
yml_is_scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE;
}

const char *
yml_str(const yaml_node_t *n)
{
	if (!yml_is_scalar(n))
		return NULL;
	return (const char *)n->data.scalar.value;
}

int
yml_map_at(struct yml *y, yaml_node_t *map, size_t i, const char **key,
    yaml_node_t **val)
{
	yaml_node_pair_t	*pair;
	yaml_node_t		*k;

	if (!yml_is_map(map))
		return 0;
	pair = map->data.mapping.pairs.start + i;
	if (pair >= map->data.mapping.pairs.top)
		return 0;
	k = yaml_document_get_node(&y->doc, pair->key);
	*key = yml_str(k) == NULL ? "" : yml_str(k);
	*val = yaml_document_get_node(&y->doc, pair->value);
	return 1;
}

yaml_node_t *
yml_get(struct yml *y, yaml_node_t *map, const char *key)
{
	const char	*k;
	yaml_node_t	*v;
	size_t		 i;

	for (i = 0; yml_map_at(y, map, i, &k, &v); i++)
		if (strcmp(k, key) == 0)
			return v;
	return NULL;
}

size_t
yml_seq_len(const yaml_node_t *n)
{
	if (!yml_is_seq(n))
		return 0;
	return (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
}

yaml_node_t *
yml_seq_at(struct yml *y, yaml_node_t *seq, size_t i)
{
	if (i >= yml_seq_len(seq))
		return NULL;
	return yaml_document_get_node(&y->doc,
	    seq->data.sequence.items.start[i]);
}

/*
 * The first key of map without a row, in file order, is the error; its
 * line is the key's own (a block value starts on the next line).
 */
static int
yml_keys_check(struct yml *y, yaml_node_t *map, const struct yml_table *t,
    struct cl_error *err)
{
	yaml_node_pair_t	*pair;
	yaml_node_t		*k;
	const char		*key;
	size_t			 i;

	if (!yml_is_map(map)) {
		cl_error_set(err, y->file, yml_line(map), 0,
		    "%s must be a mapping", t->section);
		return -1;
	}
	for (pair = map->data.mapping.pairs.start;
	    pair < map->data.mapping.pairs.top; pair++) {
		k = yaml_document_get_node(&y->doc, pair->key);
		key = yml_str(k) == NULL ? "" : yml_str(k);
		for (i = 0; i < t->nrows; i++)
			if (t->rows[i].type != YML_STEP &&
			    strcmp(key, t->rows[i].key) == 0)
				break;
		if (i == t->nrows) {
			cl_error_set(err, y->file, yml_line(k), 0,
			    "unknown key '%s' in %s", key, t->section);
			return -1;
		}
	}
	return 0;
}

int
yml_need_str(struct yml *y, yaml_node_t *n, const char *what,
    const char **out, struct cl_error *err)
{
	*out = yml_str(n);
	if (*out == NULL) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "%s must be a string", what);
		return -1;
	}
	return 0;
}

int
yml_read_strs(struct yml *y, yaml_node_t *n, const char *what,
    char ***out, size_t *nout, struct cl_error *err)
{
	const char	*s;
	size_t		 i;

	if (yml_is_scalar(n)) {
		*out = xcalloc(2, sizeof(char *));
		(*out)[0] = xstrdup(yml_str(n));
		*nout = 1;
		return 0;
	}
	if (!yml_is_seq(n)) {
		cl_error_set(err, y->file, yml_line(n), 0,
		    "%s must be a list of strings", what);
		return -1;
	}
	*out = xcalloc(yml_seq_len(n) + 1, sizeof(char *));
	for (i = 0; i < yml_seq_len(n); i++) {
		if (yml_need_str(y, yml_seq_at(y, n, i), what, &s,
		    err) == -1)
			return -1;
		(*out)[(*nout)++] = xstrdup(s);
	}
	return 0;
}

static int
yml_row_read(struct yml_at *at, struct cl_error *err)
{
	const struct yml_row	*r = at->row;
	const char		*what = r->what != NULL ? r->what : r->key;
	const char		*s;
	char			*base = at->dst, **sp;
	double			 d;

	switch (r->type) {
	case YML_STR:
		if (yml_str(at->val) == NULL && (r->flags & YML_LAX))
			return 0;
		if (yml_need_str(at->y, at->val, what, &s, err) == -1)
			return -1;
		sp = (char **)(void *)(base + r->off);
		free(*sp);
		*sp = xstrdup(s);
		return 0;
	case YML_NUM:
		return yml_get_double(at->y, at->val,
		    (double *)(void *)(base + r->off), err);
	case YML_INT:
		if (yml_get_double(at->y, at->val, &d, err) == -1)
			return -1;
		*(int *)(void *)(base + r->off) = (int)d;
		return 0;
	case YML_BOOL:
		return yml_get_bool(at->y, at->val,
		    (int *)(void *)(base + r->off), err);
	case YML_STRS:
		return yml_read_strs(at->y, at->val, what,
		    (char ***)(void *)(base + r->off),
		    (size_t *)(void *)(base + r->off2), err);
	case YML_FN:
	case YML_STEP:
		return r->fn(at, err);
	case YML_SKIP:
		break;
	}
	return 0;
}

int
yml_read(struct yml *y, yaml_node_t *map, const struct yml_table *t,
    void *dst, void *arg, struct cl_error *err)
{
	struct yml_at		 at;
	const struct yml_row	*r;
	size_t			 i;

	if (yml_keys_check(y, map, t, err) == -1)
		return -1;
	for (i = 0; i < t->nrows; i++) {
		r = &t->rows[i];
		memset(&at, 0, sizeof(at));
		at.y = y;
		at.map = map;
		at.row = r;
		at.dst = dst;
		at.arg = arg;
		if (r->type != YML_STEP)
			at.val = yml_get(y, map, r->key);
		if (r->type != YML_STEP && (r->flags & YML_REQUIRED) &&
		    (at.val == NULL ||
		    (r->type == YML_STR && yml_str(at.val) == NULL))) {
			cl_error_set(err, y->file, yml_line(map), 0, "%s",
			    r->need);
			return -1;
		}
		if (r->type != YML_STEP && at.val == NULL &&
		    !(r->flags & YML_ALWAYS))
			continue;
		if (yml_row_read(&at, err) == -1)
			return -1;
	}
	return 0;
}

int
yml_get_double(struct yml *y, yaml_node_t *n, double *out,
    struct cl_error *err)
{
	const char	*s = yml_str(n);
	char		*end;
	double		 v;

	if (s == NULL || *s == '\0')
		goto bad;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		goto bad;
	*out = v;
	return 0;
bad:
	cl_error_set(err, y->file, yml_line(n), 0, "expected a number, got '%s'",
	    s == NULL ? "(not a scalar)" : s);
	return -1;
}

int
yml_get_bool(struct yml *y, yaml_node_t *n, int *out, struct cl_error *err)
{
	const char	*s = yml_str(n);

	if (s != NULL && (strcasecmp(s, "true") == 0 ||
	    strcasecmp(s, "yes") == 0 || strcasecmp(s, "on") == 0)) {
		*out = 1;
		return 0;
	}
	if (s != NULL && (strcasecmp(s, "false") == 0 ||
	    strcasecmp(s, "no") == 0 || strcasecmp(s, "off") == 0)) {
		*out = 0;
		return 0;
	}
	cl_error_set(err, y->file, yml_line(n), 0,
	    "expected true or false, got '%s'",
	    s == NULL ? "(not a scalar)" : s);
	return -1;
}
