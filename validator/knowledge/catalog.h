/*
 * catalog.h: the rule catalogue (rules/catalog.yaml) and the knowledge
 * the rules read (rules/knowledge.yaml), compiled once.  catalog_load()
 * returns an owned catalogue; catalog_free() frees it.  Rules and their
 * parameters borrow from it.
 */
#ifndef CL_CATALOG_H
#define CL_CATALOG_H

#include <stddef.h>

#include "findings/diag.h"
#include "base/rx.h"

struct cl_error;
struct kind;

struct param {
	char		*name;
	char		*str;		/* scalar text, or NULL for a list */
	double		 num;
	int		 is_num;
	char		**list;
	size_t		 nlist;
	unsigned	 line;
};

struct rule {
	char			*id;
	enum sev		 defsev;
	enum sev		 sev;		/* after config */
	int			 enabled;	/* after config, --select … */
	int			 corpus;
	char			*summary;
	char			*rationale;
	char			*bad;
	char			*good;
	char			*kindname;	/* NULL when not a string */
	unsigned		 kindline;
	const struct kind	*kind;		/* set by checks_bind() */
	struct param		*params;
	size_t			 nparams;
	/* Compiled from the 'patterns' / 'speakers' parameters. */
	struct rx		*rx;
	size_t			 nrx;
	struct rx		 speakers;
	int			 has_speakers;
};

struct scale {
	struct rx	 name;
	double		 min;
	double		 max;
	char		*doc;
};

struct idfmt {
	struct rx	 provider;
	struct rx	 pattern;
	char		*doc;
};

struct catalog {
	struct rule	*v;
	size_t		 n;
	char		*file;
	struct scale	*scales;
	size_t		 nscales;
	/* Every scale's name pattern in one alternation, in file order,
	   each marked with its index: one match instead of one a scale. */
	struct rx	 scales_any;
	int		 has_scales_any;
	unsigned long	 serial;	/* one per load: memos tell catalogues
					   at one address apart */
	char		**variants;
	size_t		 nvariants;
	struct idfmt	*idf;
	size_t		 nidf;
};

struct catalog	*catalog_load(const char *dir, struct cl_error *);
void		 catalog_free(struct catalog *);
struct rule	*catalog_find(const struct catalog *, const char *id);

double		 rule_num(const struct rule *, const char *name, double dflt);
const struct param *rule_param(const struct rule *, const char *name);
/* Set a parameter from a config value (string or list); -1 if unknown
   or of the wrong type. */
int		 rule_set_param(struct rule *, const char *name,
		    const char *str, char *const *list, size_t nlist);

#endif
