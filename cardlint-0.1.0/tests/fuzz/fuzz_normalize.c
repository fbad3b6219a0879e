/*
 * fuzz_normalize.c: libFuzzer target for every value normaliser.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "record/normalize.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char	*s = (const char *)data;
	struct nval	 v;
	long		 day;

	norm_money(s, n, PRICE_PER_1M, &v);
	norm_money(s, n, PRICE_PER_1K, &v);
	norm_tokens(s, n, &v);
	norm_params(s, n, &v);
	norm_date(s, n, DATE_ORDER_NONE, &v);
	norm_date(s, n, DATE_ORDER_DMY, &v);
	norm_score(s, n, &v);
	norm_days(s, n, &v);
	norm_bool(s, n, &v);
	norm_is_sentinel(s, n);
	if (v.status == NORM_OK && v.date[0] != '\0')
		norm_date_serial(v.date, &day);
	return 0;
}
