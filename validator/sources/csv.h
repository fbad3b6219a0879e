/*
 * csv.h: comma-separated values (RFC 4180: quoted cells, "" inside
 * quotes, CRLF or LF) read into rows of cells that keep their line and
 * column.  csv_parse() returns owned rows; csv_free() frees them.
 */
#ifndef CL_SRC_CSV_H
#define CL_SRC_CSV_H

#include <stddef.h>

struct cl_error;

struct csv_cell {
	char		*text;
	unsigned	 line;
	unsigned	 column;
};

struct csv_row {
	struct csv_cell	*v;
	size_t		 n;
	size_t		 cap;
};

struct csv {
	struct csv_row	*rows;
	size_t		 n;
	size_t		 cap;
};

/* NULL with err at the fault (a quote never closed, invalid UTF-8). */
struct csv	*csv_parse(const char *name, const char *buf, size_t len,
		    char sep, struct cl_error *err);
void		 csv_free(struct csv *);

#endif
