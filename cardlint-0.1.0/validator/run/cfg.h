/*
 * cfg.h: the user's .cardlint.yaml (found in the working directory or
 * its parents, or named by --config).  cfg_load() returns an owned
 * config; cfg_free() frees it.  Command-line options override it.
 */
#ifndef CL_CFG_H
#define CL_CFG_H

#include <stddef.h>

#include "findings/diag.h"

struct catalog;
struct cl_error;
struct yml;

struct siteov {
	char		*site;
	char		*rule;		/* id or glob */
	enum sev	 sev;		/* SEV_NONE: unchanged */
	int		 off;
};

struct cfg {
	char		*file;
	char		*format;
	char		*rules_dir;
	char		*output;
	enum sev	 fail_on;	/* SEV_NONE: not set */
	char		**select;
	size_t		 nselect;
	char		**ignore;
	size_t		 nignore;
	size_t		 max_size;	/* 0: not set */
	unsigned	 max_lines;	/* 0: not set */
	unsigned	 max_depth;	/* 0: not set */
	struct siteov	*ov;
	size_t		 nov;
	char		**alias;	/* from, to, from, to, … */
	size_t		 nalias;
	/* Rule overrides, applied once the catalogue is loaded. */
	struct yml	*y;
	void		*rules_node;
};

/* Search from the working directory up for .cardlint.yaml; NULL if none
   (not an error).  */
char		*cfg_find(void);
struct cfg	*cfg_load(const char *path, struct cl_error *);
/* Apply per-rule severity, off and params. */
int		 cfg_apply(struct cfg *, struct catalog *, struct cl_error *);
/* Severity a site override gives rule on site: SEV_NONE unchanged,
   SEV_NEVER off. */
enum sev	 cfg_site_sev(const struct cfg *, const char *site,
		    const char *rule);
void		 cfg_free(struct cfg *);

#endif
