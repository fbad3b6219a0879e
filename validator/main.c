/*
 * main.c: the command line.  Parses options, wires the stages (walk,
 * load, extract, check, report) and turns the outcome into an exit code.
 * Nothing below this file prints or exits.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "error.h"
#include "extract.h"
#include "load.h"
#include "profile.h"
#include "record.h"
#include "walk.h"
#include "xalloc.h"

#define EXIT_FINDINGS	1
#define EXIT_USAGE	2

struct opts {
	const char	*rules;
	size_t		 max_size;
};

static void
usage(FILE *fp)
{
	fputs(
"usage: cardlint [check] [OPTIONS] PATH...   lint pages\n"
"       cardlint extract [OPTIONS] PATH...   print one record per page\n"
"       cardlint rules [--format text|json]  list the rule catalogue\n"
"       cardlint explain RULE                describe one rule\n"
"       cardlint --version | --help\n"
"\n"
"PATH is a file, a directory (walked recursively, sorted) or - for stdin.\n"
"\n"
"Options:\n"
"  --rules DIR         rule catalogue and site profiles\n"
"                      (default: $CARDLINT_RULES, else the installed one)\n"
"  --max-size BYTES    skip larger files with io.too-large (default 50 MB)\n"
"  -h, --help          this text\n"
"  --version           the version\n", fp);
}

static int
file_exists(const char *p)
{
	struct stat	st;

	return stat(p, &st) == 0;
}

/* --rules, $CARDLINT_RULES, rules/ beside the binary, the installed. */
static char *
find_rules(const char *opt)
{
	char	 exe[PATH_MAX], *slash, *p;
	ssize_t	 n;

	if (opt != NULL)
		return xstrdup(opt);
	if ((p = getenv("CARDLINT_RULES")) != NULL && *p != '\0')
		return xstrdup(p);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			xasprintf(&p, "%s/rules/knowledge.yaml", exe);
			if (file_exists(p)) {
				free(p);
				xasprintf(&p, "%s/rules", exe);
				return p;
			}
			free(p);
		}
	}
	return xstrdup(PKGDATADIR "/rules");
}

static int
parse_size(const char *s, size_t *out)
{
	char			*end;
	unsigned long long	 v;

	if (*s == '-' || *s == '\0')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	if (*end == 'K' || *end == 'k')
		v *= 1024ULL, end++;
	else if (*end == 'M' || *end == 'm')
		v *= 1024ULL * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		v *= 1024ULL * 1024 * 1024, end++;
	if (*end != '\0' || v > SIZE_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

static void
print_error(const struct cl_error *e)
{
	char	buf[1200];

	cl_error_format(e, buf, sizeof(buf));
	fprintf(stderr, "cardlint: %s\n", buf);
}

static int
cmd_extract(const struct opts *o, struct profiles *ps, char *const *paths,
    size_t npaths)
{
	struct wlist		*wl;
	struct load_opts	 lo;
	struct page		*pg;
	struct record		*r;
	struct cl_error		 err;
	json_t			*j;
	size_t			 i;
	int			 rc = 0;

	memset(&lo, 0, sizeof(lo));
	lo.max_size = o->max_size;
	wl = walk_paths(paths, npaths);
	for (i = 0; i < wl->n; i++) {
		if (wl->v[i].error != NULL) {
			fprintf(stderr, "cardlint: %s: %s\n", wl->v[i].path,
			    wl->v[i].error);
			rc = EXIT_FINDINGS;
			continue;
		}
		if (load_file(wl->v[i].path, &lo, &pg, &err) != LOAD_OK) {
			print_error(&err);
			rc = EXIT_FINDINGS;
			continue;
		}
		r = extract_page(ps, pg);
		j = record_to_json(r);
		json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(15));
		fputc('\n', stdout);
		json_decref(j);
		record_free(r);
		page_free(pg);
	}
	walk_free(wl);
	return rc;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'R' },
		{ "max-size", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts	 o;
	struct profiles	*ps;
	struct cl_error	 err;
	const char	*cmd = "check";
	char		*rulesdir;
	int		 ch, rc;

	memset(&o, 0, sizeof(o));
	o.max_size = 50 * 1000 * 1000;
	if (argc > 1 && (strcmp(argv[1], "check") == 0 ||
	    strcmp(argv[1], "extract") == 0 ||
	    strcmp(argv[1], "rules") == 0 ||
	    strcmp(argv[1], "explain") == 0)) {
		cmd = argv[1];
		argv++;
		argc--;
	}
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'R':
			o.rules = optarg;
			break;
		case 'S':
			if (parse_size(optarg, &o.max_size) == -1) {
				fprintf(stderr, "cardlint: --max-size: '%s' "
				    "is not a size in bytes\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("cardlint %s\n", PACKAGE_VERSION);
			return 0;
		default:
			fputs("cardlint: try 'cardlint --help'\n", stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;

	load_init();
	rulesdir = find_rules(o.rules);
	ps = profiles_load(rulesdir, &err);
	free(rulesdir);
	if (ps == NULL) {
		print_error(&err);
		return EXIT_USAGE;
	}
	if (argc == 0) {
		fprintf(stderr, "cardlint: %s: no input paths (use - for "
		    "stdin)\n", cmd);
		profiles_free(ps);
		return EXIT_USAGE;
	}
	rc = cmd_extract(&o, ps, argv, (size_t)argc);
	profiles_free(ps);
	load_thread_cleanup();
	xmlCleanupParser();
	return rc;
}
