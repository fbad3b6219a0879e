/*
 * error.c: fill and format struct cl_error.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"

void
cl_error_set(struct cl_error *e, const char *file, unsigned line,
    unsigned column, const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return;
	snprintf(e->file, sizeof(e->file), "%s", file == NULL ? "" : file);
	e->line = line;
	e->column = column;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

void
cl_error_format(const struct cl_error *e, char *buf, unsigned size)
{
	if (e->file[0] == '\0')
		snprintf(buf, size, "%s", e->msg);
	else if (e->line == 0)
		snprintf(buf, size, "%s: %s", e->file, e->msg);
	else if (e->column == 0)
		snprintf(buf, size, "%s:%u: %s", e->file, e->line, e->msg);
	else
		snprintf(buf, size, "%s:%u:%u: %s", e->file, e->line,
		    e->column, e->msg);
}
