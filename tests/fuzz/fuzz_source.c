/*
 * fuzz_source.c: libFuzzer target for the catalogue readers (#21): the
 * positioned JSON reader, the CSV reader and the mapping engine.  The
 * first byte picks the mapping (litellm, models.dev, openrouter, jsonl,
 * csv) so every shape is reached; every record is checked and freed.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "sources/map.h"
#include "sources/source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const kinds[] = {
	"litellm", "models.dev", "openrouter", "jsonl", "csv"
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static struct profiles	*ps;
static struct smap	*maps[NKINDS];

static void
init(void)
{
	struct cl_error	 err;
	const char	*dir = getenv("CARDLINT_RULES");
	char		 path[1024];
	size_t		 i;

	if (dir == NULL)
		dir = "rules";
	if ((ps = profiles_load(dir, &err)) == NULL)
		abort();
	for (i = 0; i < NKINDS; i++) {
		snprintf(path, sizeof(path), "%s/sources/%s.yaml", dir,
		    kinds[i]);
		if ((maps[i] = smap_load(path, &err)) == NULL)
			abort();
	}
}

static void
got(void *arg, struct record *r)
{
	json_t	*j;

	(void)arg;
	j = record_to_json(r);
	json_decref(j);
	record_free(r);
}

static void
bad(void *arg, const struct cl_error *err)
{
	(void)arg;
	if (err->line == 0)
		abort();	/* a fault inside a file has a position */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct src_sink	sk;

	if (ps == NULL)
		init();
	if (n == 0)
		return 0;
	sk.got = got;
	sk.bad = bad;
	sk.arg = NULL;
	src_read_buf(maps[data[0] % NKINDS], ps, "f", (const char *)data + 1,
	    n - 1, &sk);
	return 0;
}
