/*
 * rep_html.c: the html writer (placeholder until written).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "report.h"
#include "xalloc.h"

static void *
html_open(FILE *fp, const struct rep_opts *o)
{
	(void)o;
	return fp;
}

static void
html_page(void *arg, const char *file, const char *site,
    const struct finding *v, size_t n)
{
	(void)arg;
	(void)file;
	(void)site;
	(void)v;
	(void)n;
}

static void
html_close(void *arg, const struct rep_totals *t)
{
	(void)arg;
	(void)t;
}

const struct rep_format rep_html = {
	"html", html_open, html_page, html_close
};
