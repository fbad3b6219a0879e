/*
 * fuzz_page.c: libFuzzer target for page loading and extraction (text,
 * HTML and crawler Markdown) and the per-page rules.  The first byte
 * picks the name's extension (a hint to the loaders, which also go by
 * content) so every loader is reached.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "knowledge/catalog.h"
#include "rules/checks.h"
#include "findings/diag.h"
#include "base/error.h"
#include "extract/extract.h"
#include "load/load.h"
#include "knowledge/profile.h"
#include "record/record.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct profiles	*ps;
static struct catalog	*cat;

static void
init(void)
{
	struct cl_error	 err;
	const char	*dir = getenv("CARDLINT_RULES");

	if (dir == NULL)
		dir = "rules";
	load_init();
	ps = profiles_load(dir, &err);
	cat = catalog_load(dir, &err);
	if (ps == NULL || cat == NULL || checks_bind(cat, &err) == -1)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct page	*pg;
	struct record	*r;
	struct diag	 d = { 0 };
	struct ctx	 c;

	if (ps == NULL)
		init();
	if (n == 0)
		return 0;
	pg = load_buffer(data[0] % 3 == 1 ? "f.html" : data[0] % 3 == 2 ?
	    "f.md" : "f.txt", (const char *)data + 1, n - 1);
	r = extract_page(ps, pg);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.ps = ps;
	c.cat = cat;
	c.now = 20779;
	checks_page(cat, &c, &d);
	diag_free(&d);
	record_free(r);
	page_free(pg);
	return 0;
}
