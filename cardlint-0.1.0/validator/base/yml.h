/*
 * yml.h: a loaded YAML document and small accessors over libyaml's node
 * tree, with line numbers for error messages.  yml_load() returns an
 * owned document; yml_free() frees it.  Node pointers borrow from it.
 */
#ifndef CL_YML_H
#define CL_YML_H

#include <stddef.h>

#include <yaml.h>

struct cl_error;

struct yml {
	yaml_document_t	 doc;
	char		*file;
	int		 loaded;
};

struct yml	*yml_load(const char *path, struct cl_error *);
struct yml	*yml_load_string(const char *name, const char *s, size_t n,
		    struct cl_error *);
void		 yml_free(struct yml *);

yaml_node_t	*yml_root(struct yml *);
/* 1-based line of a node. */
unsigned	 yml_line(const yaml_node_t *);
int		 yml_is_map(const yaml_node_t *);
int		 yml_is_seq(const yaml_node_t *);
int		 yml_is_scalar(const yaml_node_t *);
const char	*yml_str(const yaml_node_t *);	/* scalar text or NULL */

/* Mapping iteration: i from 0; returns 0 at the end. */
int		 yml_map_at(struct yml *, yaml_node_t *map, size_t i,
		    const char **key, yaml_node_t **val);
yaml_node_t	*yml_get(struct yml *, yaml_node_t *map, const char *key);
size_t		 yml_seq_len(const yaml_node_t *);
yaml_node_t	*yml_seq_at(struct yml *, yaml_node_t *seq, size_t i);

/*
 * A table-driven reader: one row per key a mapping may hold, so adding a
 * key is adding a row (tmux's options-table.c: the table is also the
 * documentation).  yml_read() refuses a key without a row, then reads
 * the rows in table order, so a row may rely on the ones above it.
 * Strings and lists it stores are owned by the destination struct; the
 * loader frees them with the struct, also after an error.
 */
enum yml_type {
	YML_STR,	/* char * at off: an owned copy */
	YML_NUM,	/* double at off */
	YML_INT,	/* int at off, from a number (truncated) */
	YML_BOOL,	/* int at off: 0 or 1 */
	YML_STRS,	/* char ** at off, count (size_t) at off2: a string
			   or a list of strings */
	YML_FN,		/* fn reads the value */
	YML_SKIP,	/* a known key another loader reads */
	YML_STEP	/* no key: fn runs at this point of the table */
};

#define YML_REQUIRED	0x1	/* absent (or not a string): need */
#define YML_ALWAYS	0x2	/* read even when absent, as a NULL node */
#define YML_LAX		0x4	/* YML_STR: a non-string reads as absent */

struct yml_row;

/* What a YML_FN or YML_STEP callback reads and fills. */
struct yml_at {
	struct yml		*y;
	yaml_node_t		*map;	/* the mapping being read */
	yaml_node_t		*val;	/* the row's value; NULL if absent */
	const struct yml_row	*row;
	void			*dst;	/* the struct being filled */
	void			*arg;	/* the loader's own context */
};

struct yml_row {
	const char	*key;
	enum yml_type	 type;
	int		 flags;
	size_t		 off;		/* offsetof(dst struct, field) */
	size_t		 off2;		/* YML_STRS: offsetof the count */
	int		(*fn)(struct yml_at *, struct cl_error *);
	const char	*what;		/* the value in messages; NULL: key */
	const char	*need;		/* YML_REQUIRED: the error if absent */
};

struct yml_table {
	const char		*section;	/* "a site profile" */
	const struct yml_row	*rows;
	size_t			 nrows;
};

#define YML_TABLE(section, rows) \
	{ (section), (rows), sizeof(rows) / sizeof((rows)[0]) }

/*
 * Read map into dst by the table.  An unknown key is
 * "FILE:LINE: unknown key 'x' in <section>"; a map that is not a
 * mapping is "<section> must be a mapping".  -1 with err on an error.
 */
int		 yml_read(struct yml *, yaml_node_t *map,
		    const struct yml_table *, void *dst, void *arg,
		    struct cl_error *);
/* A string value: "<what> must be a string" otherwise. */
int		 yml_need_str(struct yml *, yaml_node_t *, const char *what,
		    const char **, struct cl_error *);
/*
 * A string, or a list of strings, as an owned NULL-terminated array:
 * "<what> must be a list of strings" / "<what> must be a string".
 */
int		 yml_read_strs(struct yml *, yaml_node_t *, const char *what,
		    char ***, size_t *, struct cl_error *);
/* Typed scalars; -1 with err on a wrong type. */
int		 yml_get_double(struct yml *, yaml_node_t *, double *,
		    struct cl_error *);
int		 yml_get_bool(struct yml *, yaml_node_t *, int *,
		    struct cl_error *);

#endif
