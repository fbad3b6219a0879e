/*
 * fuzz_records.c: libFuzzer target for the --records JSON reader and
 * writing the record back.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "record/record.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	json_t		*j, *back;
	struct record	*r;
	char		 msg[128];

	j = json_loadb((const char *)data, n, 0, NULL);
	if (j == NULL)
		return 0;
	r = record_from_json(j, msg, sizeof(msg));
	if (r != NULL) {
		back = record_to_json(r);
		json_decref(back);
		record_free(r);
	}
	json_decref(j);
	return 0;
}
