/*
 * checks.h: the check kinds.  A kind is a named C function; the
 * catalogue binds rule ids, severities and parameters to kinds.  Kinds
 * only read the record and report through diag_add().
 */
#ifndef CL_CHECKS_H
#define CL_CHECKS_H

struct catalog;
struct cl_error;
struct diag;
struct profiles;
struct record;
struct rule;
struct scale;

struct ctx {
	const struct record	*r;
	const struct profiles	*ps;
	const struct catalog	*cat;
	long			 now;	/* days since 1970-01-01 */
};

struct kind {
	const char	*name;
	int		 corpus;	/* runs over all records at once */
	void		(*run)(const struct rule *, const struct ctx *,
			    struct diag *);
};

/* NULL-terminated table of every kind. */
extern const struct kind *const check_kinds[];

const struct kind *check_kind_find(const char *);
/*
 * Give every rule of the catalogue its kind (and whether it reads the
 * corpus); an unknown kind name is an error at the rule's kind line.
 * Call it once, right after catalog_load().
 */
int	checks_bind(struct catalog *, struct cl_error *);
/* Run every enabled per-page rule on one record. */
void	checks_page(const struct catalog *, const struct ctx *,
	    struct diag *);
/*
 * The knowledge file's scale of a benchmark name (borrowed), NULL when
 * no pattern matches the whole name.
 */
const struct scale *check_bench_scale(const struct catalog *,
	    const char *);

#endif
