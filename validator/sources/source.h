/*
 * source.h: the one mapping engine.  A catalogue file (LiteLLM's price
 * map, models.dev's api.json, OpenRouter's model list, a team's JSON
 * Lines or CSV export) is read through its mapping (map.h) and every
 * entry becomes a record: site is the mapping's name, file the
 * catalogue, and each value keeps the line and column where it stands.
 * The model key is folded as for pages (profiles_model_key), after the
 * mapping's key_strip, so a catalogue entry and a page about the same
 * model meet in the corpus rules.
 */
#ifndef CL_SOURCE_H
#define CL_SOURCE_H

#include <stddef.h>

struct cl_error;
struct profiles;
struct record;
struct smap;

struct src_sink {
	/* Each record, owned by the callee. */
	void	(*got)(void *arg, struct record *);
	/* A fault at err's file:line:column; for JSON the rest of the file
	   is lost, a bad JSON Lines line or CSV row is skipped alone. */
	void	(*bad)(void *arg, const struct cl_error *);
	void	 *arg;
};

/*
 * Read the catalogue at path ("-" for stdin) through m.  -1 with err set
 * when the file cannot be read, -2 when it is over max_size bytes (0: no
 * limit); faults inside it go to sk->bad and the call returns 0.
 */
int	src_read(const struct smap *m, const struct profiles *ps,
	    const char *path, size_t max_size, const struct src_sink *sk,
	    struct cl_error *err);
/* The same from a buffer (the fuzzers). */
void	src_read_buf(const struct smap *m, const struct profiles *ps,
	    const char *name, const char *buf, size_t len,
	    const struct src_sink *sk);

#endif
