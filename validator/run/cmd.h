/*
 * cmd.h: the subcommands.  Each runs a settled plan and returns the exit
 * status; errors go to the plan's warn() as they happen.  main.c lists
 * them in its table, as tmux lists its cmd_entry structs.
 */
#ifndef CL_CMD_H
#define CL_CMD_H

struct plan;

struct cmd_entry {
	const char	*name;
	int		(*exec)(const struct plan *);
};

/* cmd_check.c: lint pages or records, corpus and side stages, report. */
int	cmd_check_exec(const struct plan *);
/* cmd_extract.c: one JSON record per page on stdout. */
int	cmd_extract_exec(const struct plan *);
/* cmd_coverage.c: per-part coverage counts added up. */
int	cmd_coverage_exec(const struct plan *);
/* cmd_rules.c: the catalogue, whole or one rule. */
int	cmd_rules_exec(const struct plan *);
int	cmd_explain_exec(const struct plan *);

#endif
