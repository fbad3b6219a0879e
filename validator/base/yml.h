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
 * Check that every key of map is in the NULL-terminated list; on the
 * first other key fill err and return -1.
 */
int		 yml_keys_known(struct yml *, yaml_node_t *map,
		    const char *const *known, const char *what,
		    struct cl_error *);
/* Typed scalars; -1 with err on a wrong type. */
int		 yml_get_double(struct yml *, yaml_node_t *, double *,
		    struct cl_error *);
int		 yml_get_bool(struct yml *, yaml_node_t *, int *,
		    struct cl_error *);

#endif
