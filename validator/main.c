/*
 * main.c: the face.  Reads the command line into a plan of the run
 * (run/plan.h), hands it to the subcommand's exec function (run/cmd.h)
 * and turns the outcome into an exit code.  Errors come back here to be
 * printed (during a run, through the plan's warn() as they happen);
 * nothing below this file prints an error or exits.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/afile.h"
#include "base/error.h"
#include "run/cmd.h"
#include "run/env.h"
#include "run/plan.h"

/* The subcommands; the first is the default. */
static const struct cmd_entry cmd_table[] = {
	{ "check", cmd_check_exec },
	{ "extract", cmd_extract_exec },
	{ "rules", cmd_rules_exec },
	{ "explain", cmd_explain_exec },
	{ "coverage", cmd_coverage_exec },
	{ NULL, NULL }
};

static const struct option longopts[] = {
	{ "rules", required_argument, NULL, 'R' },
	{ "max-size", required_argument, NULL, 'S' },
	{ "max-lines", required_argument, NULL, 'L' },
	{ "max-depth", required_argument, NULL, 'D' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "fail-on", required_argument, NULL, 'F' },
	{ "select", required_argument, NULL, 's' },
	{ "ignore", required_argument, NULL, 'i' },
	{ "now", required_argument, NULL, 'N' },
	{ "config", required_argument, NULL, 'c' },
	{ "records", no_argument, NULL, 'r' },
	{ "trace", no_argument, NULL, 'T' },
	{ "profile", required_argument, NULL, 'A' },
	{ "source", required_argument, NULL, 'X' },
	{ "source-map", required_argument, NULL, 'M' },
	{ "shard", required_argument, NULL, 'K' },
	{ "partition", required_argument, NULL, 'Z' },
	{ "out-dir", required_argument, NULL, 'O' },
	{ "previous", required_argument, NULL, 'P' },
	{ "coverage", no_argument, NULL, 'G' },
	{ "baseline", required_argument, NULL, 'b' },
	{ "write-baseline", required_argument, NULL, 'w' },
	{ "baseline-reason", required_argument, NULL, 'y' },
	{ "prune-baseline", no_argument, NULL, 'p' },
	{ "coverage-baseline", required_argument, NULL, 'B' },
	{ "write-coverage-baseline", required_argument, NULL, 'W' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "no-color", no_argument, NULL, 'C' },
	{ "progress", no_argument, NULL, 'g' },
	{ "no-progress", no_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fputs(
"usage: cardlint [check] [OPTIONS] PATH...   lint pages\n"
"       cardlint extract [OPTIONS] PATH...   print one record per page\n"
"       cardlint extract --partition N --out-dir DIR [--records] PATH...\n"
"                                            route records to N part files\n"
"       cardlint extract --trace [--profile NAME] PATH...\n"
"                                            why each field was read or not\n"
"       cardlint coverage [OPTIONS] PART.json...  merge per-part coverage\n"
"       cardlint rules [--format text|json]  list the rule catalogue\n"
"       cardlint explain RULE                describe one rule\n"
"       cardlint --version | --help\n"
"\n"
"PATH is a file, a directory (walked recursively, sorted) or - for stdin.\n"
"\n"
"Options of check:\n"
"  --format FMT        text (default), json, sarif, junit, github, gitlab\n"
"                      or html\n"
"  --output FILE       write the report to FILE atomically (temp + rename)\n"
"  --fail-on SEV       error (default), warning, info or never: exit 1 when\n"
"                      a finding at or above SEV remains\n"
"  --select IDS        only these rules (ids or globs, comma-separated,\n"
"                      repeatable), e.g. --select 'price.*,date.order'\n"
"  --ignore IDS        not these rules (ids or globs)\n"
"  --now YYYY-MM-DD    the date staleness and future dates are judged\n"
"                      against (default: today, UTC)\n"
"  --config FILE       settings file (default: .cardlint.yaml in the working\n"
"                      directory or its parents)\n"
"  --rules DIR         rule catalogue and site profiles\n"
"                      (default: $CARDLINT_RULES, else the installed one)\n"
"  --max-size BYTES    skip larger files with io.too-large (default\n"
"                      50000000; K, M, G suffixes)\n"
"  --max-lines N       read at most N lines of a page, then report\n"
"                      scrape.limit (default 1000000)\n"
"  --max-depth N       walk HTML at most N elements deep, then report\n"
"                      scrape.limit (default 10000)\n"
"                      (the regex match limit, 2000000 steps per match, is\n"
"                      also reported as scrape.limit)\n"
"  --records           PATHs are JSON Lines written by extract: lint the\n"
"                      stored records without re-reading pages\n"
"  --source KIND       every PATH is a price catalogue of KIND: litellm,\n"
"                      models.dev, openrouter, jsonl, csv, or the source\n"
"                      of a --source-map; KIND:FILE adds one catalogue\n"
"                      beside the pages (comma-separated, repeatable)\n"
"  --source-map FILE   a catalogue mapping (rules/sources/*.yaml form):\n"
"                      where each field is, units, currency, capabilities\n"
"  --shard K/N         lint only every Nth file from the Kth (1-based);\n"
"                      corpus rules are left to the merged --records run\n"
"  --partition K/N     with --records: lint part K of N written by extract\n"
"                      --partition N: the corpus rules of the models of\n"
"                      part K, the other rules on the records whose home\n"
"                      it is (the parts' findings add up to one run's)\n"
"  --trace           extract: for each field of each record, the profile\n"
"                      entry that read it (or why the candidates were\n"
"                      rejected); text, or one object a record with\n"
"                      --format json\n"
"  --profile NAME      extract: use the site profile rules/sites/NAME.yaml\n"
"                      whatever the page looks like\n"
"  --out-dir DIR       extract --partition N: write the N parts there as\n"
"                      part-KKKK-of-NNNN.jsonl, each atomically\n"
"  --previous OLD       compare with the previous refresh's records, or\n"
"                      with --source KIND the catalogue's previous version\n"
"  --coverage          print the share of pages carrying each field, per site\n"
"  --write-coverage-baseline FILE   pin today's coverage in FILE\n"
"  --coverage-baseline FILE         coverage.field-drop against FILE\n"
"  --baseline FILE     acknowledged findings: matching ones are suppressed\n"
"                      (counted, not failing); entries may carry expires\n"
"  --write-baseline FILE   acknowledge every current finding in FILE\n"
"  --baseline-reason TEXT  reason stored with --write-baseline entries\n"
"  --prune-baseline    drop --baseline entries that match nothing any more\n"
"  -j N                threads for the per-page stage (default: cores)\n"
"  --quiet             no summary line on stderr\n"
"  --no-color          no colour even on a terminal\n"
"  --progress          a progress line on stderr even if it is not a\n"
"                      terminal (default: on a terminal, for 500 pages\n"
"                      or more, not with --quiet or CI=true)\n"
"  --no-progress       no progress line\n"
"  -h, --help          this text\n"
"  --version           the version\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 at least one,\n"
"2 usage, config or rule-file error.\n", fp);
}

static void
print_error(const struct cl_error *e)
{
	char	buf[1200];

	cl_error_format(e, buf, sizeof(buf));
	fprintf(stderr, "cardlint: %s\n", buf);
}

/* An option with a value to check; -1 once the problem is printed. */
static int
parse_value(struct plan *pl, int ch, const char *arg)
{
	switch (ch) {
	case 'S':
		if (plan_set_max_size(pl, arg) == -1) {
			fprintf(stderr, "cardlint: --max-size: '%s' is not a "
			    "size in bytes\n", arg);
			return -1;
		}
		break;
	case 'L':
	case 'D':
		if (plan_parse_count(arg, ch == 'L' ? &pl->max_lines :
		    &pl->max_depth) == -1) {
			fprintf(stderr, "cardlint: --%s: '%s' is not a whole "
			    "number from 1 to 2147483647\n",
			    ch == 'L' ? "max-lines" : "max-depth", arg);
			return -1;
		}
		break;
	case 'F':
		if (plan_set_fail_on(pl, arg) == -1) {
			fprintf(stderr, "cardlint: --fail-on must be error, "
			    "warning, info or never\n");
			return -1;
		}
		break;
	case 'N':
		if (plan_set_now(pl, arg) == -1) {
			fprintf(stderr, "cardlint: --now: '%s' is not a date "
			    "YYYY-MM-DD\n", arg);
			return -1;
		}
		break;
	case 'K':
		if (sscanf(arg, "%u/%u", &pl->shard_k, &pl->shard_n) != 2 ||
		    pl->shard_n == 0 || pl->shard_k == 0 ||
		    pl->shard_k > pl->shard_n) {
			fprintf(stderr, "cardlint: --shard: '%s' is not K/N "
			    "with 1 <= K <= N\n", arg);
			return -1;
		}
		break;
	case 'Z':
		if (plan_set_partition(pl, arg) == -1) {
			fprintf(stderr, "cardlint: --partition: '%s' is not N "
			    "or K/N with 1 <= K <= N <= 256\n", arg);
			return -1;
		}
		break;
	case 'j':
		if (sscanf(arg, "%u", &pl->jobs) != 1 || pl->jobs == 0 ||
		    pl->jobs > 256) {
			fprintf(stderr, "cardlint: -j: '%s' is not a number "
			    "of threads from 1 to 256\n", arg);
			return -1;
		}
		break;
	}
	return 0;
}

/* The options into pl: 0 to run, 1 when done (help, version), -1 on a
   usage error (printed). */
static int
parse_options(struct plan *pl, int argc, char *argv[])
{
	int	ch;

	while ((ch = getopt_long(argc, argv, "hqj:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'R':
			pl->rules = optarg;
			break;
		case 'f':
			pl->format = optarg;
			break;
		case 'o':
			pl->output = optarg;
			break;
		case 'c':
			pl->config = optarg;
			break;
		case 'P':
			pl->previous = optarg;
			break;
		case 'b':
			pl->baseline = optarg;
			break;
		case 'w':
			pl->write_baseline = optarg;
			break;
		case 'y':
			pl->baseline_reason = optarg;
			break;
		case 'B':
			pl->cov_base = optarg;
			break;
		case 'W':
			pl->cov_write = optarg;
			break;
		case 'O':
			pl->out_dir = optarg;
			break;
		case 'q':
			pl->quiet = 1;
			break;
		case 'r':
			pl->records = 1;
			break;
		case 'T':
			pl->trace = 1;
			break;
		case 'A':
			pl->profile = optarg;
			break;
		case 'G':
			pl->coverage = 1;
			break;
		case 'p':
			pl->prune_baseline = 1;
			break;
		case 'C':
			pl->no_color = 1;
			break;
		case 'g':
		case 'n':
			pl->progress = ch == 'g';
			break;
		case 's':
			plan_add_list(&pl->select, &pl->nselect, optarg);
			break;
		case 'i':
			plan_add_list(&pl->ignore, &pl->nignore, optarg);
			break;
		case 'X':
			plan_add_list(&pl->sources, &pl->nsources, optarg);
			break;
		case 'M':
			plan_add_list(&pl->source_maps, &pl->nsource_maps,
			    optarg);
			break;
		case 'S':
		case 'L':
		case 'D':
		case 'F':
		case 'N':
		case 'K':
		case 'Z':
		case 'j':
			if (parse_value(pl, ch, optarg) == -1)
				return -1;
			break;
		case 'h':
			usage(stdout);
			return 1;
		case 'V':
			printf("cardlint %s\n", PACKAGE_VERSION);
			return 1;
		default:
			fputs("cardlint: try 'cardlint --help'\n", stderr);
			return -1;
		}
	}
	pl->paths = argv + optind;
	pl->npaths = (size_t)(argc - optind);
	return 0;
}

static char	stdout_buf[AFILE_BUF];

int
main(int argc, char *argv[])
{
	const struct cmd_entry	*ce = &cmd_table[0], *e;
	struct plan		 pl;
	struct cl_error		 err;
	int			 rc = EXIT_USAGE, r;

	/* A report to a file or a pipe goes out in large writes, not in
	   stdio's 4 KB ones (5k text pages: 32 write calls, not 1,996).
	   Nothing has been written yet. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, stdout_buf, _IOFBF, sizeof(stdout_buf));
	plan_init(&pl);
	pl.warn = print_error;
	for (e = cmd_table; argc > 1 && e->name != NULL; e++)
		if (strcmp(argv[1], e->name) == 0) {
			ce = e;
			argv++;
			argc--;
			break;
		}
	pl.cmd = ce->name;
	if ((r = parse_options(&pl, argc, argv)) != 0)
		rc = r == 1 ? 0 : EXIT_USAGE;
	else if (plan_settle(&pl, &err) == -1)
		print_error(&err);
	else
		rc = ce->exec(&pl);
	plan_free(&pl);
	env_cleanup();
	return rc;
}
