/*
 * env.h: what a run loads before it reads a page: the rule catalogue
 * and the site profiles, with the settings file applied to them.
 * env_load() fills an env that env_free() empties.
 */
#ifndef CL_ENV_H
#define CL_ENV_H

struct catalog;
struct cl_error;
struct plan;
struct profiles;

struct env {
	const struct plan	*pl;
	struct profiles		*ps;
	struct catalog		*cat;
	char			*rulesdir;
};

/* Set the page limits, load catalogue and profiles; -1 with err set. */
int	env_load(struct env *, const struct plan *, struct cl_error *);
/* --select / --ignore; -1 with err set if a pattern matches no rule. */
int	env_select(struct env *, struct cl_error *);
/* 1 if an enabled rule needs every page. */
int	env_corpus_wanted(const struct env *);
void	env_free(struct env *);
/* Before exit: what this thread and the parser hold, for leak checks. */
void	env_cleanup(void);

#endif
