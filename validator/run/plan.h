/*
 * plan.h: the description of one run.  main.c turns the command line
 * into a struct plan; plan_settle() fills in what the settings file and
 * the defaults say; the command named by the plan then runs it.  The
 * plan owns its lists and its settings file; plan_free() frees them.
 */
#ifndef CL_PLAN_H
#define CL_PLAN_H

#include <stddef.h>

#include "findings/diag.h"

/* Exit status beside 0: a finding at or above --fail-on, or a usage,
   config or rule-file error (see --help). */
#define EXIT_FINDINGS	1
#define EXIT_USAGE	2

struct cfg;
struct cl_error;

struct plan {
	const char	*cmd;		/* check, extract, rules, explain */
	char *const	*paths;		/* the operands */
	size_t		 npaths;
	const char	*rules;
	const char	*config;
	const char	*format;
	const char	*output;
	size_t		 max_size;
	int		 max_size_set;
	unsigned	 max_lines;	/* 0: config or default */
	unsigned	 max_depth;
	enum sev	 fail_on;
	char		**select;
	size_t		 nselect;
	char		**ignore;
	size_t		 nignore;
	long		 now;		/* days since 1970-01-01 */
	int		 quiet;
	int		 no_color;
	int		 progress;	/* -1: if a terminal, 0 off, 1 on */
	int		 records;	/* paths are extract output */
	int		 trace;		/* extract --trace */
	const char	*profile;	/* extract --profile NAME */
	/* --source KIND (the operands are catalogues of KIND) or
	   KIND:FILE (one more catalogue), comma-separated, repeatable;
	   --source-map FILE, the mappings of kinds beside rules/sources. */
	char		**sources;
	size_t		 nsources;
	char		**source_maps;
	size_t		 nsource_maps;
	unsigned	 shard_k;	/* 1-based; 0: no sharding */
	unsigned	 shard_n;
	unsigned	 part_k;	/* --partition K/N: 1-based; 0: N */
	unsigned	 part_n;	/* 0: no partition */
	const char	*out_dir;	/* extract --partition N */
	const char	*previous;
	const char	*cov_base;
	const char	*cov_write;
	int		 coverage;
	unsigned	 jobs;
	const char	*baseline;
	const char	*write_baseline;
	const char	*baseline_reason;
	int		 prune_baseline;
	/* Set by plan_settle(). */
	char		*cfgpath;
	struct cfg	*cf;		/* NULL: no settings file */
	/* Every error the run meets goes here as it happens (main.c
	   prints it), so that it comes out in order with the output. */
	void		(*warn)(const struct cl_error *);
};

/* The defaults that do not depend on the settings file. */
void	plan_init(struct plan *);
/* Option values from their text, with bounds; -1 if out of them.  A
   count is 1 to 2147483647; a size has an optional K, M or G. */
int	plan_parse_count(const char *, unsigned *);
int	plan_set_max_size(struct plan *, const char *);
int	plan_set_fail_on(struct plan *, const char *);	/* --fail-on */
int	plan_set_now(struct plan *, const char *);	/* --now */
/* --partition N (extract) or K/N (check), 1 <= K <= N <= PART_MAX. */
int	plan_set_partition(struct plan *, const char *);
/* Add the comma-separated ids or globs of arg to a list. */
void	plan_add_list(char ***, size_t *, const char *arg);
/* Read the settings file (options win), then the defaults; check the
   format for the command.  -1 with err set. */
int	plan_settle(struct plan *, struct cl_error *);
/* 1 if the file at index i of the walk is in this shard. */
int	plan_in_shard(const struct plan *, size_t i);
void	plan_free(struct plan *);

#endif
