/*
 * fuzz_yaml.c: libFuzzer target for the YAML loaders: the input is used
 * as a config file, as a site profile beside the real knowledge file,
 * and as a catalogue.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "knowledge/catalog.h"
#include "rules/checks.h"
#include "run/cfg.h"
#include "base/error.h"
#include "knowledge/profile.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	dir[64];

static void
put(const char *path, const uint8_t *data, size_t n)
{
	FILE	*fp = fopen(path, "wb");

	if (fp == NULL)
		abort();
	fwrite(data, 1, n, fp);
	fclose(fp);
}

static void
init(void)
{
	char		 cmd[512];
	const char	*rules = getenv("CARDLINT_RULES");

	snprintf(dir, sizeof(dir), "/tmp/cl_fuzz_yaml_%ld", (long)getpid());
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/sites && cp %s/knowledge.yaml "
	    "%s/labels.yaml %s/sites/generic.yaml %s/", dir,
	    rules ? rules : "rules", rules ? rules : "rules",
	    rules ? rules : "rules", dir);
	if (system(cmd) != 0)
		abort();
	snprintf(cmd, sizeof(cmd), "mv %s/generic.yaml %s/sites/", dir, dir);
	if (system(cmd) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct cl_error	 err;
	struct cfg	*c;
	struct profiles	*ps;
	struct catalog	*cat;
	char		 path[128];

	if (dir[0] == '\0')
		init();
	snprintf(path, sizeof(path), "%s/config.yaml", dir);
	put(path, data, n);
	c = cfg_load(path, &err);
	cfg_free(c);
	snprintf(path, sizeof(path), "%s/sites/zz.yaml", dir);
	put(path, data, n);
	ps = profiles_load(dir, &err);
	profiles_free(ps);
	unlink(path);
	snprintf(path, sizeof(path), "%s/catalog.yaml", dir);
	put(path, data, n);
	cat = catalog_load(dir, &err);
	if (cat != NULL)
		(void)checks_bind(cat, &err);
	catalog_free(cat);
	return 0;
}
