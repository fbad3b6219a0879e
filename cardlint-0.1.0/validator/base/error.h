/*
 * error.h: the error a deep layer hands back instead of printing.  Every
 * function that can fail for reasons outside the program (a file, a rule
 * file, a config) returns -1 and fills one of these; main.c prints it.
 */
#ifndef CL_ERROR_H
#define CL_ERROR_H

struct cl_error {
	char		file[512];
	unsigned	line;		/* 0: not about a line */
	unsigned	column;
	char		msg[512];
};

void	cl_error_set(struct cl_error *, const char *file, unsigned line,
	    unsigned column, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* "file:line:col: msg" (parts left out when unknown) into buf. */
void	cl_error_format(const struct cl_error *, char *buf, unsigned size);

#endif
