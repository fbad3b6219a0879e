/*
 * rep_sarif.c: the sarif writer (placeholder until written).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "report.h"
#include "xalloc.h"

static void *
sarif_open(FILE *fp, const struct rep_opts *o)
{
	(void)o;
	return fp;
}

static void
sarif_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	(void)arg;
	(void)file;
	(void)site;
	(void)v;
	(void)n;
}

static void
sarif_close(void *arg, const struct rep_totals *t)
{
	(void)arg;
	(void)t;
}

const struct rep_format rep_sarif = {
	"sarif", sarif_open, sarif_page, sarif_close
};
