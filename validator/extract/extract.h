/*
 * extract.h: page + profiles -> record.  extract_page() returns an owned
 * record (record_free()); it never fails: a page nothing matches still
 * yields a record of the fallback profile.
 */
#ifndef CL_EXTRACT_H
#define CL_EXTRACT_H

struct page;
struct profiles;
struct record;

struct record	*extract_page(const struct profiles *, const struct page *);

#endif
