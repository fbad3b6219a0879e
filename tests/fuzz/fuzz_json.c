/*
 * fuzz_json.c: libFuzzer target for the positioned JSON tree built from
 * yajl's events (sources/json.c).  Whatever the bytes, a tree or an
 * error with a position comes back; every node of a tree has a line and
 * column inside the input, and nodes come in the order of the text.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "sources/json.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Lines and columns only grow through the tree, in document order. */
static void
walk(const struct jn *n, unsigned *line, unsigned *col, unsigned nlines)
{
	size_t	i;

	if (n->line < *line || (n->line == *line && n->column < *col) ||
	    n->line > nlines || n->column == 0)
		abort();
	*line = n->line;
	*col = n->column;
	if ((n->type == JN_STR || n->type == JN_NUM) && n->text == NULL)
		abort();
	for (i = 0; i < n->nkid; i++) {
		if (n->type == JN_OBJ && n->kid[i].key == NULL)
			abort();
		walk(&n->kid[i], line, col, nlines);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_error	 err;
	struct jn	*n;
	unsigned	 line = 1, col = 1, nlines = 1;
	size_t		 i;

	for (i = 0; i < size; i++)
		nlines += data[i] == '\n';
	memset(&err, 0, sizeof(err));
	n = jn_parse("fuzz", (const char *)data, size, 1, &err);
	if (n == NULL) {
		if (err.msg[0] == '\0' || err.line == 0 || err.line > nlines ||
		    err.column == 0)
			abort();
		return 0;
	}
	walk(n, &line, &col, nlines);
	(void)jn_pointer(n, "/a/0/b");
	jn_free(n);
	return 0;
}
