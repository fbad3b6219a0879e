/*
 * extract.h: page + profiles -> records.  A page about one model is one
 * record; a page that lists several models without a main one is one
 * record per model, in page order.  extract_records() returns an owned
 * array of owned records (extract_records_free()); it never fails: a
 * page nothing matches still yields one record of the fallback profile.
 * extract_page() is the page's first record alone.
 */
#ifndef CL_EXTRACT_H
#define CL_EXTRACT_H

#include <stddef.h>

#include "extract/note.h"

struct page;
struct profile;
struct profiles;
struct record;

struct record	*extract_page(const struct profiles *, const struct page *);
/* n >= 1 records into *out. */
size_t		 extract_records(const struct profiles *, const struct page *,
		    struct record ***out);
void		 extract_records_free(struct record **, size_t);
/*
 * extract_records() with every candidate told to tr (NULL: none) and,
 * unless force is NULL, that profile instead of the one detected.
 */
size_t		 extract_records_with(const struct profiles *,
		    const struct page *, const struct profile *force,
		    const struct ex_trace *tr, struct record ***out);
/* The profile extract_records() uses for the page. */
const struct profile *extract_profile(const struct profiles *,
		    const struct page *);

#endif
