/*
 * trace.h: `extract --trace`, why each field of each record has its
 * value or none.  A struct trace collects the engine's candidates of
 * one page (extract/extract.h struct ex_trace); trace_record() turns
 * them into one JSON object per record, trace_print() writes that
 * object as text for people.  trace_new() returns an owned collector,
 * trace_free() frees it; trace_record() returns an owned json_t.
 */
#ifndef CL_TRACE_H
#define CL_TRACE_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

struct page;
struct profiles;
struct record;
struct trace;

struct trace		*trace_new(void);
void			 trace_free(struct trace *);
/* The hook to hand to extract_records_with(); borrows the trace. */
const struct ex_trace	*trace_hook(struct trace *);
/* Forget the candidates of the last page. */
void			 trace_clear(struct trace *);
/* Record i (0-based) of the n records of page pg. */
json_t			*trace_record(const struct trace *,
			    const struct profiles *, const struct page *pg,
			    const struct record *, size_t i, size_t n);
void			 trace_print(FILE *, const json_t *);

#endif
