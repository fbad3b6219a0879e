/*
 * json.h: a JSON tree that keeps where every value stands.  jansson
 * gives the line of a syntax error but not of a value, and a finding on
 * a catalogue must land on the line of the bad price in a pull request,
 * so catalogues are read with yajl into this small tree instead.
 * jn_parse() returns an owned tree; jn_free() frees it; nodes borrow
 * from it.
 */
#ifndef CL_SRC_JSON_H
#define CL_SRC_JSON_H

#include <stddef.h>

struct cl_error;

enum jn_type {
	JN_NULL,
	JN_FALSE,
	JN_TRUE,
	JN_NUM,
	JN_STR,
	JN_ARR,
	JN_OBJ
};

struct jn {
	enum jn_type	 type;
	char		*key;		/* member name in an object, or NULL */
	unsigned	 kline;		/* where the member name stands */
	unsigned	 kcolumn;
	unsigned	 line;		/* where the value starts */
	unsigned	 column;
	char		*text;		/* JN_STR decoded, JN_NUM as written */
	struct jn	*kid;		/* JN_ARR elements, JN_OBJ members */
	size_t		 nkid;
	size_t		 cap;
};

/*
 * Parse len bytes of buf (need not be NUL-terminated) as one JSON
 * value; line and column count from line0.  NULL with err set at the
 * line and column of the first fault (err's file is name).  Invalid
 * UTF-8 in a string, nesting deeper than 64 levels and trailing bytes
 * are faults.
 */
struct jn	*jn_parse(const char *name, const char *buf, size_t len,
		    unsigned line0, struct cl_error *err);
void		 jn_free(struct jn *);
/* The member of an object by name (the last, as JSON readers do), or
   NULL. */
const struct jn	*jn_member(const struct jn *, const char *);
/* RFC 6901 pointer ("/cost/input", "" for n itself), or NULL. */
const struct jn	*jn_pointer(const struct jn *, const char *);

#endif
