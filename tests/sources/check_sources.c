/*
 * check_sources.c: the catalogue readers (#21).  The positioned JSON
 * reader and the CSV reader against tables of inputs with the value,
 * line and column expected (or the fault and where it is); the mapping
 * loader's errors; the engine on the built-in mappings; and a table of
 * real catalogue keys of the four kinds with the grouping they must get
 * (one model at five providers is one key; gpt-4o and gpt-4o-mini are
 * two).
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/xalloc.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "sources/csv.h"
#include "sources/json.h"
#include "sources/map.h"
#include "sources/source.h"

Suite	*sources_suite(void);

static struct profiles	*ps;
static char		 rulesdir[1024];

static void
setup(void)
{
	struct cl_error	 err;
	const char	*t = getenv("top_srcdir");

	snprintf(rulesdir, sizeof(rulesdir), "%s/rules", t != NULL ? t : ".");
	ps = profiles_load(rulesdir, &err);
	ck_assert_msg(ps != NULL, "profiles: %s", err.msg);
}

static void
teardown(void)
{
	profiles_free(ps);
	ps = NULL;
}

static struct smap *
map_of(const char *kind)
{
	struct cl_error	 err;
	struct smap	*m;
	char		 path[1200];

	snprintf(path, sizeof(path), "%s/sources/%s.yaml", rulesdir, kind);
	m = smap_load(path, &err);
	ck_assert_msg(m != NULL, "%s: %s", path, err.msg);
	return m;
}

/* ---- JSON ---- */

static const struct {
	const char	*in;
	const char	*ptr;		/* NULL: a fault is expected */
	const char	*text;		/* the value's text, or NULL */
	unsigned	 line;
	unsigned	 column;
	const char	*msg;		/* fault: part of the message */
} jcases[] = {
	{ "{\"a\": 1}", "/a", "1", 1, 7, NULL },
	{ "{\n  \"a\": {\"b\": \"x\"}\n}", "/a/b", "x", 2, 14, NULL },
	{ "[1, [2, 3e-07]]", "/1/1", "3e-07", 1, 9, NULL },
	{ "{\"a/b\": 5, \"m~n\": 6}", "/a~1b", "5", 1, 9, NULL },
	{ "{\"m~n\": 6}", "/m~0n", "6", 1, 9, NULL },
	{ "\xef\xbb\xbf{\"k\": \"\\u00e9\\ud83d\\ude00\"}", "/k",
	  "\xc3\xa9\xf0\x9f\x98\x80", 1, 7, NULL },
	{ "{\"a\": 1, \"a\": 2}", "/a", "2", 1, 15, NULL },
	{ "{\"a\": 1", NULL, NULL, 1, 8, "truncated JSON" },
	{ "{\"a\": 1,\n \"b\": }", NULL, NULL, 2, 7, "not a value" },
	{ "{\"a\": \"x\xff\"}", NULL, NULL, 1, 9, "invalid UTF-8" },
	{ "{\"a\": \"\\q\"}", NULL, NULL, 1, 9, "unknown escape" },
	{ "{\"a\": \"\\ud800\"}", NULL, NULL, 1, 14, "lone high" },
	{ "{\"a\": 01}", NULL, NULL, 1, 8, "expected ','" },
	{ "{\"a\": 1} x", NULL, NULL, 1, 10, "bytes after" },
	{ "{\"a\": -}", NULL, NULL, 1, 8, "needs digits" },
	{ "{\"a\": \"\x01\"}", NULL, NULL, 1, 8, "control character" },
	{ "", NULL, NULL, 1, 1, "missing" },
	{ "{a: 1}", NULL, NULL, 1, 2, "member name" },
	/* Corners where yajl alone is more lenient than RFC 8259. */
	{ "{\"a\": \"\\udc00\"}", NULL, NULL, 1, 14, "lone low" },
	{ "{\"a\": \"\\u0000\"}", NULL, NULL, 1, 14, "NUL character" },
	{ "{\"a\": \"\xc0\x80\"}", NULL, NULL, 1, 8, "invalid UTF-8" },
	{ "{\"a\": \"\xed\xa0\x80\"}", NULL, NULL, 1, 8, "invalid UTF-8" },
	{ "{\"a\":\v1}", NULL, NULL, 1, 6, "not a value" },
	{ "[1]\f", NULL, NULL, 1, 4, "bytes after" },
	/* Where yajl stops, the fault is named by what was due. */
	{ "{1}", NULL, NULL, 1, 2, "member name" },
	{ "[-", NULL, NULL, 1, 3, "needs digits" },
	{ "[1,]", NULL, NULL, 1, 4, "not a value" },
	{ "{\"a\" 1}", NULL, NULL, 1, 6, "expected ':'" },
	{ "[1 2]", NULL, NULL, 1, 4, "expected ',' or ']'" },
	{ "{\"a\":\"\\u12\"}", NULL, NULL, 1, 8, "four hex" },
	{ "[\"a\"", NULL, NULL, 1, 5, "truncated JSON" },
	{ "{\"k\": [true, false, null], \"n\": -0.5e+3}", "/n", "-0.5e+3",
	  1, 33, NULL },
};

START_TEST(json_table)
{
	struct cl_error	 err;
	struct jn	*n;
	const struct jn	*v;
	size_t		 i;

	for (i = 0; i < sizeof(jcases) / sizeof(jcases[0]); i++) {
		memset(&err, 0, sizeof(err));
		n = jn_parse("t.json", jcases[i].in, strlen(jcases[i].in), 1,
		    &err);
		if (jcases[i].ptr == NULL) {
			ck_assert_msg(n == NULL, "case %zu parsed", i);
			ck_assert_msg(strstr(err.msg, jcases[i].msg) != NULL,
			    "case %zu: '%s'", i, err.msg);
			ck_assert_msg(err.line == jcases[i].line &&
			    err.column == jcases[i].column,
			    "case %zu: at %u:%u", i, err.line, err.column);
			continue;
		}
		ck_assert_msg(n != NULL, "case %zu: %s", i, err.msg);
		v = jn_pointer(n, jcases[i].ptr);
		ck_assert_msg(v != NULL, "case %zu: no %s", i, jcases[i].ptr);
		ck_assert_str_eq(v->text, jcases[i].text);
		ck_assert_msg(v->line == jcases[i].line &&
		    v->column == jcases[i].column, "case %zu: at %u:%u", i,
		    v->line, v->column);
		jn_free(n);
	}
}
END_TEST

START_TEST(json_deep)
{
	struct cl_error	 err;
	char		 buf[300];

	memset(buf, '[', sizeof(buf));
	ck_assert_ptr_null(jn_parse("d", buf, sizeof(buf), 1, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "deeper than 64"));
	ck_assert_ptr_null(jn_pointer(NULL, "/a"));
}
END_TEST

/* ---- CSV ---- */

START_TEST(csv_cells)
{
	struct cl_error	 err;
	struct csv	*cv;
	const char	*in =
	    "a,b,c\r\n\"x, \"\"y\"\"\",,\"two\nlines\"\n\n1,2,3";

	cv = csv_parse("t.csv", in, strlen(in), ',', &err);
	ck_assert_msg(cv != NULL, "%s", err.msg);
	ck_assert_uint_eq(cv->n, 3);
	ck_assert_uint_eq(cv->rows[1].n, 3);
	ck_assert_str_eq(cv->rows[1].v[0].text, "x, \"y\"");
	ck_assert_str_eq(cv->rows[1].v[1].text, "");
	ck_assert_str_eq(cv->rows[1].v[2].text, "two\nlines");
	ck_assert_uint_eq(cv->rows[1].v[2].line, 2);
	ck_assert_uint_eq(cv->rows[1].v[2].column, 13);
	ck_assert_uint_eq(cv->rows[2].v[1].line, 5);
	ck_assert_uint_eq(cv->rows[2].v[1].column, 3);
	csv_free(cv);
	ck_assert_ptr_null(csv_parse("t", "a,\"b\n", 5, ',', &err));
	ck_assert_uint_eq(err.line, 1);
	ck_assert_uint_eq(err.column, 3);
	ck_assert_ptr_null(csv_parse("t", "a,b\n\xc3(", 6, ',', &err));
	ck_assert_uint_eq(err.line, 2);
	csv_free(NULL);
}
END_TEST

/* ---- mappings ---- */

static int
load_text(const char *text, struct cl_error *err)
{
	char		 path[] = "/tmp/check_sources_XXXXXX";
	struct smap	*m;
	FILE		*fp;
	int		 fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	m = smap_load(path, err);
	unlink(path);
	smap_free(m);
	return m != NULL ? 0 : -1;
}

START_TEST(map_errors)
{
	static const struct {
		const char	*text;
		const char	*msg;
	} cases[] = {
		{ "source: a\nformat: json\nfields: {price.input: /a}\n",
		  NULL },
		{ "source: a\nformat: xml\nfields: {}\n", "format must" },
		{ "source: a\nformat: json\nfields: {price.nope: /a}\n",
		  "unknown record field" },
		{ "source: a\nformat: json\nfields:\n  price.input: "
		  "{at: /a, per: 1B}\n", "per must" },
		{ "source: a\nformat: json\nfields: {price.input: col}\n",
		  "not a field reference" },
		{ "source: a\nformat: csv\nfields: {price.input: /a}\n",
		  NULL },
		{ "source: a\nformat: json\ncolour: red\nfields: {}\n",
		  "unknown key 'colour'" },
		{ "format: json\nfields: {}\n", "needs 'source'" },
		{ "source: a\nformat: json\nfree: '('\nfields: {}\n", "" },
		{ "source: a\nformat: json\ncurrency: DOLLAR\nfields: {}\n",
		  "currency" },
	};
	struct cl_error	err;
	size_t		i;
	int		rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&err, 0, sizeof(err));
		rc = load_text(cases[i].text, &err);
		if (cases[i].msg == NULL)
			ck_assert_msg(rc == 0, "case %zu: %s", i, err.msg);
		else
			ck_assert_msg(rc == -1 && strstr(err.msg,
			    cases[i].msg) != NULL, "case %zu: '%s'", i,
			    err.msg);
	}
}
END_TEST

/* ---- the engine ---- */

struct got {
	struct record	*r[64];
	size_t		 n;
	int		 bad;
	struct cl_error	 err;
};

static void
got_one(void *arg, struct record *r)
{
	struct got	*g = arg;

	ck_assert_uint_lt(g->n, 64);
	g->r[g->n++] = r;
}

static void
bad_one(void *arg, const struct cl_error *err)
{
	struct got	*g = arg;

	g->bad++;
	g->err = *err;
}

static void
got_free(struct got *g)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		record_free(g->r[i]);
	memset(g, 0, sizeof(*g));
}

static void
run_kind(const char *kind, const char *in, struct got *g)
{
	struct smap	*m = map_of(kind);
	struct src_sink	 sk;

	memset(g, 0, sizeof(*g));
	sk.got = got_one;
	sk.bad = bad_one;
	sk.arg = g;
	src_read_buf(m, ps, "t", in, strlen(in), &sk);
	smap_free(m);
}

START_TEST(engine_litellm)
{
	struct got		 g;
	const struct seen	*s;
	double			 v;

	run_kind("litellm",
	    "{\"sample_spec\": {\"mode\": \"chat\"},\n"
	    " \"text-embedding-3-small\": {\"mode\": \"embedding\",\n"
	    "   \"output_cost_per_token\": 0},\n"
	    " \"wandb/openai/gpt-oss-120b\": {\"litellm_provider\": \"wandb\","
	    "\n   \"input_cost_per_token\": 0.015, \"mode\": \"chat\",\n"
	    "   \"max_input_tokens\": 0, \"supports_vision\": false},\n"
	    " \"ollama/llama3\": {\"input_cost_per_token\": 0.0}}", &g);
	ck_assert_int_eq(g.bad, 0);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_str_eq(g.r[0]->site, "litellm");
	ck_assert_str_eq(record_str(g.r[0], F_MODEL_KEY), "gpt-oss-120b");
	ck_assert_str_eq(record_str(g.r[0], F_PROVIDER), "wandb");
	ck_assert(record_num(g.r[0], F_PRICE_INPUT, &v));
	ck_assert(fabs(v - 15000) < 1e-6);
	s = record_get(g.r[0], F_PRICE_INPUT);
	ck_assert_uint_eq(s->line, 5);
	ck_assert_uint_eq(s->column, 28);
	ck_assert_ptr_null(record_get(g.r[0], F_CONTEXT));
	ck_assert_uint_eq(g.r[0]->f[F_CONTEXT].v[0].status, NORM_SENTINEL);
	ck_assert_uint_eq(g.r[0]->unsupported.n, 1);
	ck_assert_str_eq(g.r[0]->unsupported.v[0].name, "vision");
	s = record_get(g.r[1], F_PRICE_INPUT);
	ck_assert(s != NULL && s->num == 0 && s->is_free);
	got_free(&g);
}
END_TEST

START_TEST(engine_faults)
{
	struct got	g;

	run_kind("litellm", "{\"gpt-4o\": {\"input_cost_per_token\": "
	    "\"abc\", \"mode\": \"chat\"}}", &g);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_uint_eq(g.r[0]->f[F_PRICE_INPUT].v[0].status, NORM_BAD);
	got_free(&g);
	run_kind("models.dev", "{\"openai\": {\"models\": {\"gpt-4o\": {",
	    &g);
	ck_assert_uint_eq(g.n, 0);
	ck_assert_int_eq(g.bad, 1);
	ck_assert_uint_eq(g.err.line, 1);
	ck_assert_uint_eq(g.err.column, 35);
	got_free(&g);
	run_kind("jsonl", "{\"model\": \"a\"}\n{\"model\": \n{\"model\": "
	    "\"b\"}\n", &g);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_int_eq(g.bad, 1);
	ck_assert_uint_eq(g.err.line, 2);
	got_free(&g);
	run_kind("csv", "model,provider,input_per_1m\na,x,1\nb,y\nc,z,2\n",
	    &g);
	ck_assert_uint_eq(g.n, 2);
	ck_assert_int_eq(g.bad, 1);
	ck_assert_uint_eq(g.err.line, 3);
	got_free(&g);
}
END_TEST

/*
 * Real catalogue keys with the group they belong to: rows of one group
 * must get one model key, rows of different groups different keys.
 * Breaking any one folding rule in the data fails it.  In
 * rules/knowledge.yaml: without the letters-digit rewrite
 * cerebras/llama3.1-8b leaves llama-3.1-8b; without the digit-dash-digit
 * rewrite claude-3-5-haiku-20241022 and OpenRouter's claude-3.5-haiku-
 * 20241022 part; without the Meta- rewrite DeepInfra's Meta-Llama-3.1-
 * 70B-Instruct does; without the size-anchored -instruct strip
 * llama-3.1-8b-instruct does; the old unanchored one joins
 * gpt-3.5-turbo-instruct to gpt-3.5-turbo; without '-latest'
 * mistral-small and mistral-small-latest part; a date strip joins
 * gpt-4o-2024-05-13 to gpt-4o, a '-preview' strip o1-preview to o1;
 * without the kimi-k2-instruct, qwen3-235b-a22b-instruct-2507 or
 * claude-*-4-0 alias their rows part (tests/record/check_record.c holds
 * the mistral-nemo and phi-3.5-mini ones).
 * In rules/sources/: without OpenRouter's ':free' strip the free
 * variants leave their group; a Bedrock strip of any ':N' revision joins
 * mistral-7b-instruct-v0:2 to mistral-7b-instruct.
 */
static const struct {
	const char	*kind;
	const char	*provider;	/* models.dev: provider key */
	const char	*key;
	const char	*group;
} keys[] = {
	{ "litellm", NULL, "wandb/openai/gpt-oss-120b", "oss120" },
	{ "litellm", NULL, "groq/openai/gpt-oss-120b", "oss120" },
	{ "litellm", NULL, "openrouter/openai/gpt-oss-120b", "oss120" },
	{ "litellm", NULL, "fireworks_ai/accounts/fireworks/models/"
	  "gpt-oss-120b", "oss120" },
	{ "litellm", NULL, "bedrock/openai.gpt-oss-120b-1:0", "oss120" },
	{ "litellm", NULL, "cerebras/gpt-oss-120b", "oss120" },
	{ "litellm", NULL, "together_ai/openai/gpt-oss-120b", "oss120" },
	{ "models.dev", "groq", "openai/gpt-oss-120b", "oss120" },
	{ "models.dev", "cerebras", "gpt-oss-120b", "oss120" },
	{ "models.dev", "fireworks-ai", "accounts/fireworks/models/"
	  "gpt-oss-120b", "oss120" },
	{ "openrouter", NULL, "openai/gpt-oss-120b", "oss120" },
	{ "openrouter", NULL, "openai/gpt-oss-120b:free", "oss120" },
	{ "jsonl", NULL, "gpt-oss-120b", "oss120" },
	{ "litellm", NULL, "groq/openai/gpt-oss-20b", "oss20" },
	{ "litellm", NULL, "bedrock/openai.gpt-oss-20b-1:0", "oss20" },
	{ "openrouter", NULL, "openai/gpt-oss-20b", "oss20" },
	{ "models.dev", "lmstudio", "openai/gpt-oss-20b", "oss20" },
	{ "litellm", NULL, "gpt-4o", "4o" },
	{ "litellm", NULL, "azure/gpt-4o", "4o" },
	{ "litellm", NULL, "openrouter/openai/gpt-4o", "4o" },
	{ "models.dev", "openai", "gpt-4o", "4o" },
	{ "openrouter", NULL, "openai/gpt-4o", "4o" },
	{ "jsonl", NULL, "GPT-4o", "4o" },
	{ "litellm", NULL, "gpt-4o-mini", "4omini" },
	{ "litellm", NULL, "azure/gpt-4o-mini", "4omini" },
	{ "models.dev", "openai", "gpt-4o-mini", "4omini" },
	{ "openrouter", NULL, "openai/gpt-4o-mini", "4omini" },
	{ "litellm", NULL, "gpt-4.1", "41" },
	{ "litellm", NULL, "gpt-4.1-mini", "41mini" },
	{ "litellm", NULL, "gpt-4.1-nano", "41nano" },
	{ "openrouter", NULL, "openai/gpt-4.1-nano", "41nano" },
	{ "litellm", NULL, "o3", "o3" },
	{ "litellm", NULL, "o3-mini", "o3mini" },
	{ "litellm", NULL, "o4-mini", "o4mini" },
	{ "litellm", NULL, "mistral/mistral-small", "msmall" },
	{ "litellm", NULL, "mistral/mistral-small-latest", "msmall" },
	{ "litellm", NULL, "openrouter/mistralai/mistral-small", "msmall" },
	{ "models.dev", "mistral", "mistral-small-latest", "msmall" },
	{ "litellm", NULL, "mistral/mistral-large-latest", "mlarge" },
	{ "litellm", NULL, "mistral/mistral-medium", "mmedium" },
	{ "litellm", NULL, "claude-3-5-haiku-20241022", "haiku35" },
	{ "litellm", NULL, "anthropic/claude-3-5-haiku-20241022", "haiku35" },
	{ "litellm", NULL, "claude-3-5-sonnet-20241022", "sonnet35" },
	{ "litellm", NULL, "claude-3-haiku-20240307", "haiku3" },
	{ "litellm", NULL, "groq/llama-3.1-8b-instant", "l318inst" },
	{ "models.dev", "groq", "llama-3.1-8b-instant", "l318inst" },
	{ "openrouter", NULL, "meta-llama/llama-3.1-8b-instruct", "l318" },
	{ "litellm", NULL, "together_ai/meta-llama/"
	  "Meta-Llama-3.1-8B-Instruct-Turbo", "l318turbo" },
	{ "openrouter", NULL, "meta-llama/llama-3.1-70b-instruct", "l3170" },
	{ "openrouter", NULL, "meta-llama/llama-3.3-70b-instruct", "l3370" },
	{ "litellm", NULL, "deepseek/deepseek-reasoner", "dsr" },
	{ "openrouter", NULL, "deepseek/deepseek-r1", "r1" },
	{ "openrouter", NULL, "deepseek/deepseek-r1:free", "r1" },
	{ "openrouter", NULL, "deepseek/deepseek-r1-0528", "r10528" },
	{ "openrouter", NULL, "deepseek/deepseek-r1-0528:free", "r10528" },
	{ "openrouter", NULL, "deepseek/deepseek-v3.1-terminus", "v31t" },
	{ "openrouter", NULL, "deepseek/deepseek-chat-v3.1", "v31chat" },
	{ "openrouter", NULL, "qwen/qwen3-235b-a22b-2507", "q32352507" },
	{ "litellm", NULL, "cerebras/qwen-3-235b-a22b-instruct-2507",
	  "q32352507" },
	{ "openrouter", NULL, "qwen/qwen3-235b-a22b-thinking-2507",
	  "q3235think" },
	{ "openrouter", NULL, "qwen/qwen3-235b-a22b", "q3235" },
	{ "openrouter", NULL, "qwen/qwen3-235b-a22b:free", "q3235" },
	{ "openrouter", NULL, "qwen/qwen3-32b", "q332" },
	{ "litellm", NULL, "groq/qwen/qwen3-32b", "q332" },
	{ "openrouter", NULL, "z-ai/glm-4.5", "glm45" },
	{ "openrouter", NULL, "z-ai/glm-4.5-air", "glm45air" },
	{ "litellm", NULL, "gemini/gemini-2.5-flash", "g25f" },
	{ "litellm", NULL, "vertex_ai/gemini-2.5-flash", "g25f" },
	{ "openrouter", NULL, "google/gemini-2.5-flash", "g25f" },
	{ "litellm", NULL, "gemini/gemini-2.5-flash-lite", "g25fl" },
	{ "litellm", NULL, "gemini/gemini-2.5-pro", "g25p" },
	/* Seen in the catalogues in 2025 (LiteLLM's map, OpenRouter's list,
	   models.dev).  Only rows whose grouping is certain: a row the data
	   splits from its model (Groq's llama-3.1-70b-versatile against
	   llama-3.1-70b) is left out rather than held as two models. */
	{ "litellm", NULL, "claude-3-7-sonnet-20250219", "sonnet37" },
	{ "litellm", NULL, "anthropic/claude-3-7-sonnet-20250219",
	  "sonnet37" },
	{ "litellm", NULL, "bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0",
	  "sonnet37" },
	{ "litellm", NULL, "bedrock/us.anthropic.claud"
	  "e-3-7-sonnet-20250219-v1:0", "sonnet37" },
	{ "litellm", NULL, "vertex_ai/claude-3-7-sonnet@20250219",
	  "sonnet37" },
	{ "models.dev", "anthropic", "claude-3-7-sonnet-20250219",
	  "sonnet37" },
	{ "litellm", NULL, "claude-sonnet-4-20250514", "sonnet4" },
	{ "litellm", NULL, "bedrock/anthropic.claude-sonnet-4-20250514-v1:0",
	  "sonnet4" },
	{ "litellm", NULL, "vertex_ai/claude-sonnet-4@20250514", "sonnet4" },
	{ "models.dev", "anthropic", "claude-sonnet-4-20250514", "sonnet4" },
	{ "litellm", NULL, "claude-opus-4-20250514", "opus4" },
	{ "litellm", NULL, "claude-opus-4-1-20250805", "opus41" },
	{ "litellm", NULL, "claude-3-opus-20240229", "opus3" },
	{ "litellm", NULL, "bedrock/anthropic.claude-3-5-haiku-20241022-v1:0",
	  "haiku35" },
	{ "litellm", NULL, "bedrock/anthropic.claude-3-haiku-20240307-v1:0",
	  "haiku3" },
	{ "litellm", NULL, "gpt-5", "gpt5" },
	{ "litellm", NULL, "azure/gpt-5", "gpt5" },
	{ "openrouter", NULL, "openai/gpt-5", "gpt5" },
	{ "models.dev", "openai", "gpt-5", "gpt5" },
	{ "litellm", NULL, "gpt-5-mini", "gpt5mini" },
	{ "openrouter", NULL, "openai/gpt-5-mini", "gpt5mini" },
	{ "litellm", NULL, "gpt-5-nano", "gpt5nano" },
	{ "openrouter", NULL, "openai/gpt-5-nano", "gpt5nano" },
	{ "litellm", NULL, "o1", "o1" },
	{ "openrouter", NULL, "openai/o1", "o1" },
	{ "litellm", NULL, "o1-mini", "o1mini" },
	{ "openrouter", NULL, "openai/o1-mini", "o1mini" },
	{ "litellm", NULL, "o1-pro", "o1pro" },
	{ "litellm", NULL, "o3-pro", "o3pro" },
	{ "openrouter", NULL, "openai/o3-pro", "o3pro" },
	{ "openrouter", NULL, "openai/o3", "o3" },
	{ "openrouter", NULL, "openai/o3-mini", "o3mini" },
	{ "openrouter", NULL, "openai/o4-mini", "o4mini" },
	{ "litellm", NULL, "azure/o4-mini", "o4mini" },
	{ "litellm", NULL, "gpt-4.1-mini", "41mini" },
	{ "litellm", NULL, "azure/gpt-4.1-mini", "41mini" },
	{ "openrouter", NULL, "openai/gpt-4.1", "41" },
	{ "openrouter", NULL, "openai/gpt-4.1-mini", "41mini" },
	{ "litellm", NULL, "gpt-4-turbo", "4turbo" },
	{ "openrouter", NULL, "openai/gpt-4-turbo", "4turbo" },
	{ "litellm", NULL, "gpt-4", "gpt4" },
	{ "openrouter", NULL, "openai/gpt-4", "gpt4" },
	{ "litellm", NULL, "gpt-3.5-turbo", "35turbo" },
	{ "openrouter", NULL, "openai/gpt-3.5-turbo", "35turbo" },
	{ "litellm", NULL, "chatgpt-4o-latest", "chatgpt4o" },
	{ "openrouter", NULL, "openai/chatgpt-4o-latest", "chatgpt4o" },
	{ "litellm", NULL, "text-embedding-3-small", "emb3s" },
	{ "litellm", NULL, "text-embedding-3-large", "emb3l" },
	{ "litellm", NULL, "gemini/gemini-2.0-flash", "g20f" },
	{ "litellm", NULL, "vertex_ai/gemini-2.0-flash", "g20f" },
	{ "litellm", NULL, "gemini/gemini-2.0-flash-lite", "g20fl" },
	{ "openrouter", NULL, "google/gemini-2.5-pro", "g25p" },
	{ "litellm", NULL, "vertex_ai/gemini-2.5-pro", "g25p" },
	{ "models.dev", "google", "gemini-2.5-pro", "g25p" },
	{ "openrouter", NULL, "google/gemini-2.5-flash-lite", "g25fl" },
	{ "models.dev", "google", "gemini-2.5-flash", "g25f" },
	{ "litellm", NULL, "gemini/gemini-1.5-pro", "g15p" },
	{ "litellm", NULL, "gemini/gemini-1.5-flash", "g15f" },
	{ "openrouter", NULL, "google/gemma-2-9b-it", "gemma29" },
	{ "openrouter", NULL, "google/gemma-3-27b-it", "gemma327" },
	{ "openrouter", NULL, "google/gemma-3-27b-it:free", "gemma327" },
	{ "openrouter", NULL, "google/gemma-3-12b-it", "gemma312" },
	{ "openrouter", NULL, "google/gemma-3-4b-it", "gemma34" },
	{ "openrouter", NULL, "meta-llama/llama-3.3-70b-instruct:free",
	  "l3370" },
	{ "litellm", NULL, "openrouter/meta-llama/llama-3.3-70b-instruct",
	  "l3370" },
	{ "litellm", NULL, "together_ai/meta-llama/Ll"
	  "ama-3.3-70B-Instruct-Turbo", "l3370turbo" },
	{ "litellm", NULL, "deepinfra/meta-llama/Llama-3.3-70B-Instruct",
	  "l3370" },
	{ "models.dev", "deepinfra", "meta-llama/Llama-3.3-70B-Instruct",
	  "l3370" },
	{ "openrouter", NULL, "meta-llama/llama-3.1-405b-instruct", "l31405" },
	{ "openrouter", NULL, "meta-llama/llama-3.2-3b-instruct", "l323" },
	{ "openrouter", NULL, "meta-llama/llama-3.2-1b-instruct", "l321" },
	{ "openrouter", NULL, "meta-llama/llama-4-maverick", "l4mav" },
	{ "openrouter", NULL, "meta-llama/llama-4-scout", "l4scout" },
	{ "litellm", NULL, "deepseek/deepseek-chat", "dschat" },
	{ "openrouter", NULL, "deepseek/deepseek-chat", "dschat" },
	{ "openrouter", NULL, "deepseek/deepseek-chat-v3-0324", "dsv30324" },
	{ "models.dev", "deepseek", "deepseek-reasoner", "dsr" },
	{ "openrouter", NULL, "deepseek/deepseek-r1-distill-llama-70b",
	  "r1dl70" },
	{ "litellm", NULL, "groq/deepseek-r1-distill-llama-70b", "r1dl70" },
	{ "openrouter", NULL, "deepseek/deepseek-r1-distill-qwen-32b",
	  "r1dq32" },
	{ "openrouter", NULL, "deepseek/deepseek-v3.2-exp", "v32exp" },
	{ "openrouter", NULL, "deepseek/deepseek-v3.1-terminus:exacto",
	  "v31t" },
	{ "litellm", NULL, "mistral/mistral-large-latest", "mlarge" },
	{ "openrouter", NULL, "mistralai/mistral-large", "mlarge" },
	{ "models.dev", "mistral", "mistral-large-latest", "mlarge" },
	{ "litellm", NULL, "mistral/mistral-medium-latest", "mmedium" },
	{ "litellm", NULL, "mistral/codestral-latest", "codestral" },
	{ "openrouter", NULL, "mistralai/mistral-nemo", "nemo" },
	{ "litellm", NULL, "mistral/pixtral-large-latest", "pixlarge" },
	{ "openrouter", NULL, "mistralai/pixtral-12b", "pix12" },
	{ "openrouter", NULL, "mistralai/mixtral-8x7b-instruct", "mixtral87" },
	{ "openrouter", NULL, "mistralai/mixtral-8x22b-instruct",
	  "mixtral822" },
	{ "openrouter", NULL, "mistralai/mistral-7b-instruct", "m7b" },
	{ "openrouter", NULL, "mistralai/mistral-7b-instruct:free", "m7b" },
	{ "litellm", NULL, "mistral/magistral-medium-latest", "magmed" },
	{ "litellm", NULL, "mistral/magistral-small-latest", "magsmall" },
	{ "openrouter", NULL, "mistralai/devstral-small", "devsmall" },
	{ "openrouter", NULL, "qwen/qwen3-30b-a3b", "q330" },
	{ "openrouter", NULL, "qwen/qwen3-14b", "q314" },
	{ "openrouter", NULL, "qwen/qwen3-8b", "q38" },
	{ "openrouter", NULL, "qwen/qwen3-coder", "q3coder" },
	{ "openrouter", NULL, "qwen/qwen3-coder:free", "q3coder" },
	{ "openrouter", NULL, "qwen/qwen-2.5-72b-instruct", "q2572" },
	{ "openrouter", NULL, "qwen/qwen-2.5-coder-32b-instruct", "q25c32" },
	{ "openrouter", NULL, "qwen/qwq-32b", "qwq" },
	{ "openrouter", NULL, "moonshotai/kimi-k2", "kimik2" },
	{ "litellm", NULL, "groq/moonshotai/kimi-k2-instruct", "kimik2" },
	{ "models.dev", "groq", "moonshotai/kimi-k2-instruct", "kimik2" },
	{ "openrouter", NULL, "x-ai/grok-4", "grok4" },
	{ "litellm", NULL, "xai/grok-4", "grok4" },
	{ "openrouter", NULL, "x-ai/grok-3", "grok3" },
	{ "litellm", NULL, "xai/grok-3", "grok3" },
	{ "openrouter", NULL, "x-ai/grok-3-mini", "grok3mini" },
	{ "litellm", NULL, "xai/grok-3-mini", "grok3mini" },
	{ "openrouter", NULL, "x-ai/grok-code-fast-1", "grokcode" },
	{ "openrouter", NULL, "z-ai/glm-4.6", "glm46" },
	{ "openrouter", NULL, "z-ai/glm-4.5v", "glm45v" },
	{ "openrouter", NULL, "cohere/command-r-plus", "cmdrplus" },
	{ "litellm", NULL, "command-r-plus", "cmdrplus" },
	{ "openrouter", NULL, "cohere/command-r", "cmdr" },
	{ "litellm", NULL, "command-r", "cmdr" },
	{ "openrouter", NULL, "cohere/command-a", "cmda" },
	{ "openrouter", NULL, "amazon/nova-pro-v1", "novapro" },
	{ "openrouter", NULL, "amazon/nova-lite-v1", "novalite" },
	{ "openrouter", NULL, "amazon/nova-micro-v1", "novamicro" },
	{ "openrouter", NULL, "microsoft/phi-4", "phi4" },
	{ "openrouter", NULL, "microsoft/phi-3.5-mini-128k-instruct",
	  "phi35mini" },
	{ "openrouter", NULL, "nvidia/llama-3.1-nemotron-70b-instruct",
	  "nemotron70" },
	{ "openrouter", NULL, "perplexity/sonar", "sonar" },
	{ "litellm", NULL, "perplexity/sonar", "sonar" },
	{ "openrouter", NULL, "perplexity/sonar-pro", "sonarpro" },
	{ "litellm", NULL, "perplexity/sonar-pro", "sonarpro" },
	{ "openrouter", NULL, "perplexity/sonar-reasoning", "sonarr" },
	{ "jsonl", NULL, "claude-3-5-haiku", "haiku35u" },
	/* Snapshots: a date or version suffix is a model of its own, apart
	   from the undated alias and from the other snapshots. */
	{ "litellm", NULL, "gpt-4o-2024-05-13", "4o0513" },
	{ "openrouter", NULL, "openai/gpt-4o-2024-05-13", "4o0513" },
	{ "litellm", NULL, "gpt-4o-2024-08-06", "4o0806" },
	{ "litellm", NULL, "azure/gpt-4o-2024-08-06", "4o0806" },
	{ "openrouter", NULL, "openai/gpt-4o-2024-08-06", "4o0806" },
	{ "litellm", NULL, "gpt-4o-2024-11-20", "4o1120" },
	{ "openrouter", NULL, "openai/gpt-4o-2024-11-20", "4o1120" },
	{ "litellm", NULL, "gpt-4o-mini-2024-07-18", "4omini0718" },
	{ "openrouter", NULL, "openai/gpt-4o-mini-2024-07-18", "4omini0718" },
	{ "litellm", NULL, "gpt-4-0613", "gpt40613" },
	{ "litellm", NULL, "gpt-4-0314", "gpt40314" },
	{ "openrouter", NULL, "openai/gpt-4-0314", "gpt40314" },
	{ "litellm", NULL, "gpt-3.5-turbo-0125", "35t0125" },
	{ "litellm", NULL, "gpt-3.5-turbo-1106", "35t1106" },
	{ "litellm", NULL, "claude-3-5-sonnet-20240620", "sonnet35a" },
	{ "litellm", NULL, "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
	  "sonnet35a" },
	{ "models.dev", "anthropic", "claude-3-5-sonnet-20240620",
	  "sonnet35a" },
	{ "openrouter", NULL, "anthropic/claude-3.5-sonnet-20240620",
	  "sonnet35a" },
	{ "litellm", NULL, "bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0",
	  "sonnet35" },
	{ "models.dev", "anthropic", "claude-3-5-sonnet-20241022", "sonnet35" },
	{ "litellm", NULL, "claude-3-5-sonnet-latest", "sonnet35u" },
	{ "openrouter", NULL, "anthropic/claude-3.5-sonnet", "sonnet35u" },
	{ "openrouter", NULL, "anthropic/claude-3.5-haiku-20241022",
	  "haiku35" },
	{ "models.dev", "anthropic", "claude-3-5-haiku-20241022", "haiku35" },
	{ "openrouter", NULL, "anthropic/claude-3.5-haiku", "haiku35u" },
	{ "models.dev", "anthropic", "claude-3-5-haiku-latest", "haiku35u" },
	{ "litellm", NULL, "claude-3-5-haiku-latest", "haiku35u" },
	/* The undated Claude 3.7 Sonnet: OpenRouter dots the version,
	   Anthropic dashes it. */
	{ "openrouter", NULL, "anthropic/claude-3.7-sonnet", "sonnet37u" },
	{ "litellm", NULL, "openrouter/anthropic/claude-3.7-sonnet",
	  "sonnet37u" },
	{ "litellm", NULL, "claude-3-7-sonnet-latest", "sonnet37u" },
	{ "models.dev", "anthropic", "claude-3-7-sonnet-latest", "sonnet37u" },
	{ "openrouter", NULL, "anthropic/claude-opus-4.1", "opus41u" },
	{ "models.dev", "anthropic", "claude-opus-4-1", "opus41u" },
	{ "models.dev", "anthropic", "claude-opus-4-1-20250805", "opus41" },
	{ "models.dev", "anthropic", "claude-opus-4-0", "opus4u" },
	{ "openrouter", NULL, "anthropic/claude-opus-4", "opus4u" },
	{ "models.dev", "anthropic", "claude-opus-4-20250514", "opus4" },
	{ "models.dev", "anthropic", "claude-sonnet-4-0", "sonnet4u" },
	{ "openrouter", NULL, "anthropic/claude-sonnet-4", "sonnet4u" },
	{ "litellm", NULL, "claude-sonnet-4-5-20250929", "sonnet45" },
	{ "models.dev", "anthropic", "claude-sonnet-4-5-20250929",
	  "sonnet45" },
	{ "openrouter", NULL, "anthropic/claude-sonnet-4.5", "sonnet45u" },
	{ "models.dev", "anthropic", "claude-sonnet-4-5", "sonnet45u" },
	{ "litellm", NULL, "mistral/mistral-large-2407", "mlarge2407" },
	{ "openrouter", NULL, "mistralai/mistral-large-2407", "mlarge2407" },
	{ "litellm", NULL, "mistral/mistral-large-2411", "mlarge2411" },
	{ "openrouter", NULL, "mistralai/mistral-large-2411", "mlarge2411" },
	{ "openrouter", NULL, "moonshotai/kimi-k2-0905", "kimik20905" },
	/* -preview is a release of its own, not the model it previews. */
	{ "litellm", NULL, "o1-preview", "o1prev" },
	{ "openrouter", NULL, "openai/o1-preview", "o1prev" },
	{ "litellm", NULL, "gemini/gemini-2.5-pro-preview-05-06",
	  "g25p0506" },
	{ "openrouter", NULL, "google/gemini-2.5-pro-preview-05-06",
	  "g25p0506" },
	{ "litellm", NULL, "gemini/gemini-2.5-pro-preview-06-05",
	  "g25p0605" },
	{ "litellm", NULL, "gemini/gemini-2.5-flash-preview-04-17",
	  "g25fp0417" },
	/* -instruct and -chat are other models unless they follow a size. */
	{ "litellm", NULL, "gpt-3.5-turbo-instruct", "35tinst" },
	{ "openrouter", NULL, "openai/gpt-3.5-turbo-instruct", "35tinst" },
	{ "models.dev", "deepseek", "deepseek-chat", "dschat" },
	{ "litellm", NULL, "deepseek/deepseek-coder", "dscoder" },
	/* The instruct variant of an open-weight model, across hosts. */
	{ "litellm", NULL, "cerebras/llama3.1-70b", "l3170" },
	{ "litellm", NULL, "deepinfra/meta-llama/Meta-Llama-3.1-70B-Instruct",
	  "l3170" },
	{ "litellm", NULL, "bedrock/meta.llama3-1-70b-instruct-v1:0", "l3170" },
	{ "litellm", NULL, "together_ai/meta-llama/"
	  "Meta-Llama-3.1-70B-Instruct-Turbo", "l3170turbo" },
	{ "litellm", NULL, "cerebras/llama3.1-8b", "l318" },
	{ "litellm", NULL, "bedrock/meta.llama3-1-8b-instruct-v1:0", "l318" },
	{ "litellm", NULL, "bedrock/us.meta.llama3-3-70b-instruct-v1:0",
	  "l3370" },
	{ "openrouter", NULL, "meta-llama/llama-3-70b-instruct", "l370" },
	{ "litellm", NULL, "bedrock/meta.llama3-70b-instruct-v1:0", "l370" },
	{ "openrouter", NULL, "meta-llama/llama-3-8b-instruct", "l38" },
	{ "litellm", NULL, "bedrock/meta.llama3-8b-instruct-v1:0", "l38" },
	{ "openrouter", NULL, "meta-llama/llama-3.2-11b-vision-instruct",
	  "l3211v" },
	{ "openrouter", NULL, "meta-llama/llama-3.2-90b-vision-instruct",
	  "l3290v" },
	{ "litellm", NULL, "groq/gemma2-9b-it", "gemma29" },
	{ "openrouter", NULL, "google/gemma-2-9b-it:free", "gemma29" },
	{ "openrouter", NULL, "google/gemma-2-27b-it", "gemma227" },
	{ "litellm", NULL, "deepinfra/Qwen/Qwen2.5-72B-Instruct", "q2572" },
	{ "jsonl", NULL, "qwen2.5-72b-instruct", "q2572" },
	{ "litellm", NULL, "together_ai/Qwen/Qwen2.5-72B-Instruct-Turbo",
	  "q2572turbo" },
	{ "openrouter", NULL, "qwen/qwen-2.5-7b-instruct", "q257" },
	/* Bedrock's ":0" is a listing revision; ":1", ":2" a model version. */
	{ "litellm", NULL, "bedrock/mistral.mistral-7b-instruct-v0:2",
	  "m7bv02" },
	{ "litellm", NULL, "bedrock/us-east-1/anthropic.claude-v2:1",
	  "claude21" },
	{ "litellm", NULL, "bedrock/us-east-1/anthropic.claude-v2", "claude2" },
	{ "jsonl", NULL, "gpt-4o-mini", "4omini" },
	{ "jsonl", NULL, "Llama 3.3 70B Instruct", "l3370" },
	{ "jsonl", NULL, "DeepSeek-R1", "r1" },
	{ "jsonl", NULL, "Qwen3-32B", "q332" },
};

static char *
key_input(const char *kind, size_t i)
{
	char	*s;

	if (strcmp(kind, "litellm") == 0)
		xasprintf(&s, "{\"%s\": {\"mode\": \"chat\"}}", keys[i].key);
	else if (strcmp(kind, "openrouter") == 0)
		xasprintf(&s, "{\"data\": [{\"id\": \"%s\"}]}", keys[i].key);
	else if (strcmp(kind, "models.dev") == 0)
		xasprintf(&s, "{\"%s\": {\"models\": {\"%s\": {}}}}",
		    keys[i].provider, keys[i].key);
	else
		xasprintf(&s, "{\"model\": \"%s\"}\n", keys[i].key);
	return s;
}

START_TEST(model_key_table)
{
	const size_t	 n = sizeof(keys) / sizeof(keys[0]);
	char		**k = xcalloc(n, sizeof(*k)), *in;
	struct got	 g;
	size_t		 i, j;

	for (i = 0; i < n; i++) {
		in = key_input(keys[i].kind, i);
		run_kind(keys[i].kind, in, &g);
		free(in);
		ck_assert_msg(g.n == 1, "%s: %zu records", keys[i].key, g.n);
		k[i] = xstrdup(record_str(g.r[0], F_MODEL_KEY));
		got_free(&g);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (strcmp(keys[i].group, keys[j].group) == 0)
				ck_assert_msg(strcmp(k[i], k[j]) == 0,
				    "%s (%s) and %s (%s) are one model",
				    keys[i].key, k[i], keys[j].key, k[j]);
			else
				ck_assert_msg(strcmp(k[i], k[j]) != 0,
				    "%s and %s share the key %s but are two "
				    "models", keys[i].key, keys[j].key, k[i]);
		}
	for (i = 0; i < n; i++)
		free(k[i]);
	free(k);
}
END_TEST

Suite *
sources_suite(void)
{
	Suite	*s = suite_create("sources");
	TCase	*tc;

	tc = tcase_create("normal");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, json_table);
	tcase_add_test(tc, csv_cells);
	tcase_add_test(tc, engine_litellm);
	tcase_add_test(tc, model_key_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, json_deep);
	tcase_add_test(tc, map_errors);
	tcase_add_test(tc, engine_faults);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(sources_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
