/*
 * check_record.c: model identity keys (a table of name pairs that must
 * or must not be one model), the record's JSON round trip, reading JSON
 * Lines, and record_compact(): a summary gives the corpus, drift and
 * coverage stages the values the full record gives them.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/error.h"
#include "extract/extract.h"
#include "load/load.h"
#include "knowledge/profile.h"
#include "record/record.h"
#include "base/xalloc.h"

static struct profiles	*ps;
static char		 srcdir[1024];

static void
setup(void)
{
	struct cl_error	 err;
	char		 dir[1100];
	const char	*t = getenv("top_srcdir");

	snprintf(srcdir, sizeof(srcdir), "%s", t == NULL ? "." : t);
	snprintf(dir, sizeof(dir), "%s/rules", srcdir);
	load_init();
	ps = profiles_load(dir, &err);
	ck_assert_msg(ps != NULL, "profiles: %s", err.msg);
}

static void
teardown(void)
{
	profiles_free(ps);
}

static const struct {
	const char	*a;
	const char	*b;
	int		 same;
} pairs[] = {
	{ "DeepSeek VL2", "deepseek-vl2", 1 },
	{ "DeepSeek VL2", "DeepSeek-VL2", 1 },
	{ "deepseek-ai/DeepSeek-VL2", "DeepSeek VL2", 1 },
	{ "DeepSeek-V3.1", "DeepSeek V3.1", 1 },
	{ "DeepSeek-V3.1", "DeepSeek-V3.1-Terminus", 0 },
	{ "DeepSeek V3.1", "DeepSeek V3", 0 },
	{ "DeepSeek-V3.1", "DeepSeek-V31", 0 },
	{ "DeepSeek-V3.2-Exp", "DeepSeek-V3.2", 0 },
	{ "Qwen3-VL-32B-Instruct", "Qwen3-VL-32B", 1 },
	{ "Qwen3-VL-32B-Instruct", "Qwen3-VL-32B-Thinking", 0 },
	{ "Qwen/Qwen3-VL-8B-Instruct", "qwen3 vl 8b instruct", 1 },
	{ "Qwen3-VL-8B", "Qwen3-VL-32B", 0 },
	{ "Qwen3-VL-235B-A22B-Instruct", "Qwen3-VL-235B-A22B", 1 },
	{ "Llama 3.1 8B Instruct", "meta-llama/Llama-3.1-8B-Instruct", 1 },
	{ "Llama 3.1 8B", "Llama 3.1 70B", 0 },
	{ "Llama-3-8B-chat-hf", "Llama 3 8B chat", 1 },
	{ "Mistral-7B-Instruct-v0.2", "Mistral 7B Instruct v0.2", 1 },
	{ "Mistral-7B-v0.2", "Mistral-7B-v0.1", 0 },
	{ "LLaVA 1.6 Mistral 7B", "llava-1.6-mistral-7b", 1 },
	{ "LLaVA 1.6 Mistral 7B", "llava-v1.6-mistral-7b", 1 },
	{ "LLaVA 1.6 Mistral 7B", "LLaVA 1.5 Mistral 7B", 0 },
	/* A dated snapshot is a model of its own. */
	{ "gpt-4o-2024-08-06", "GPT-4o", 0 },
	{ "gpt-4o-2024-08-06", "GPT-4o 2024-08-06", 1 },
	{ "gpt-4o", "gpt-4o-mini", 0 },
	{ "GPT-4 0613", "GPT-4", 0 },
	{ "claude-3-5-sonnet-20241022", "Claude 3.5 Sonnet", 0 },
	{ "claude-3.5-sonnet-20241022", "Claude 3.5 Sonnet", 0 },
	{ "claude-3-5-sonnet-20241022", "claude-3.5-sonnet-20241022", 1 },
	{ "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20240620", 0 },
	{ "Claude 3.5 Sonnet", "claude-3-5-sonnet-latest", 1 },
	{ "Claude 3.7 Sonnet", "claude-3-7-sonnet", 1 },
	{ "Qwen3-235B-A22B-2507", "Qwen3 235B A22B", 0 },
	/* -instruct and -chat fold only after a size. */
	{ "GPT-3.5 Turbo Instruct", "GPT-3.5 Turbo", 0 },
	{ "DeepSeek Chat", "DeepSeek", 0 },
	{ "Gemma 2 9B IT", "gemma-2-9b-it", 1 },
	{ "Gemma 2 9B IT", "Gemma 2 9B", 1 },
	{ "gemma2-9b-it", "Gemma 2 9B", 1 },
	{ "Qwen2.5 72B Instruct", "Qwen 2.5 72B", 1 },
	{ "Llama3 70B", "Llama 3 70B", 1 },
	{ "Llama 3 8B", "Llama 3.8B", 0 },
	/* No size, but the data says the bare name is the instruct model. */
	{ "Mistral Nemo Instruct", "mistral-nemo", 1 },
	{ "Phi-3.5-mini-instruct", "Phi 3.5 mini", 1 },
	{ "gemma-2-9b", "gemma-2-27b", 0 },
	{ "MiniMax-M2", "minimax m2", 1 },
	{ "MiniMax-M2", "MiniMax-M1", 0 },
	{ "Phi-3-mini-4k-instruct", "phi 3 mini 4k", 1 },
	{ "Phi-3-mini-4k-instruct", "Phi-3-mini-128k-instruct", 0 },
	{ "DeepSeek VL 7B", "deepseek-vl-7b-chat", 1 },
	{ "DeepSeek VL 7B", "DeepSeek VL2", 0 },
	{ "Yi-34B", "yi_34b", 1 },
	{ "command-r-plus", "Command R+", 0 },
	{ "Mixtral 8x7B", "mixtral-8x7b", 1 },
	{ "Mixtral 8x7B", "Mixtral 8x22B", 0 },
};

START_TEST(key_pairs)
{
	char	*a, *b;
	size_t	 i = (size_t)_i;

	a = profiles_model_key(ps, pairs[i].a);
	b = profiles_model_key(ps, pairs[i].b);
	if (pairs[i].same)
		ck_assert_msg(strcmp(a, b) == 0, "'%s' (%s) and '%s' (%s) "
		    "should be one model", pairs[i].a, a, pairs[i].b, b);
	else
		ck_assert_msg(strcmp(a, b) != 0, "'%s' and '%s' should be "
		    "two models (both %s)", pairs[i].a, pairs[i].b, a);
	free(a);
	free(b);
}
END_TEST

/* The record extracted from fixtures/pages/NAME. */
static struct record *
fixture_record(const char *name)
{
	struct page	*pg;
	struct record	*r;
	struct cl_error	 err;
	char		 path[1200];

	snprintf(path, sizeof(path), "%s/fixtures/pages/%s", srcdir, name);
	ck_assert_int_eq(load_file(path, NULL, &pg, &err), LOAD_OK);
	r = extract_page(ps, pg);
	page_free(pg);
	return r;
}

/* extract -> JSON -> record -> JSON is the same JSON. */
START_TEST(json_round_trip)
{
	static const char *const pages[] = {
		"000_cf106a8f77e2ba01.txt", "001_721fc67f282890cc.html",
		"002_c0268ff9b5d925ec.txt", "003_328e5b916ed2f340.html",
		"004_730a503d893fbc4e.txt", "mojibake.txt", "binary.bin",
	};
	struct record	*r, *back;
	json_t		*j1, *j2;
	char		 msg[128], *s1, *s2;
	size_t		 i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		r = fixture_record(pages[i]);
		j1 = record_to_json(r);
		back = record_from_json(j1, msg, sizeof(msg));
		ck_assert_msg(back != NULL, "%s: %s", pages[i], msg);
		j2 = record_to_json(back);
		s1 = json_dumps(j1, JSON_PRESERVE_ORDER);
		s2 = json_dumps(j2, JSON_PRESERVE_ORDER);
		ck_assert_msg(strcmp(s1, s2) == 0, "%s: round trip differs:"
		    "\n%s\n%s", pages[i], s1, s2);
		free(s1);
		free(s2);
		json_decref(j1);
		json_decref(j2);
		record_free(back);
		record_free(r);
	}
}
END_TEST

/* JSON Lines one record at a time: good lines to got, bad ones to bad. */
struct lines {
	char		 files[4][64];
	size_t		 ngot;
	unsigned	 bad[4];
	size_t		 nbad;
};

static void
lines_got(void *arg, struct record *r)
{
	struct lines	*l = arg;

	ck_assert_uint_lt(l->ngot, 4);
	snprintf(l->files[l->ngot++], sizeof(l->files[0]), "%s", r->file);
	record_free(r);
}

static void
lines_bad(void *arg, unsigned line, const char *msg)
{
	struct lines	*l = arg;

	(void)msg;
	ck_assert_uint_lt(l->nbad, 4);
	l->bad[l->nbad++] = line;
}

START_TEST(jsonl_lines)
{
	struct lines	 l;
	struct record	*r;
	json_t		*j;
	FILE		*fp;
	char		 path[] = "/tmp/check_record.XXXXXX", *txt;
	int		 fd;

	memset(&l, 0, sizeof(l));
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	r = record_new("one.txt", "generic");
	j = record_to_json(r);
	txt = json_dumps(j, JSON_COMPACT);
	/* record, empty line, not a record, not JSON, record */
	fprintf(fp, "%s\n\n{}\nnope\n%s\n", txt, txt);
	fclose(fp);
	ck_assert_int_eq(record_read_jsonl(path, lines_got, lines_bad, &l), 0);
	ck_assert_uint_eq(l.ngot, 2);
	ck_assert_str_eq(l.files[0], "one.txt");
	ck_assert_str_eq(l.files[1], "one.txt");
	ck_assert_uint_eq(l.nbad, 2);
	ck_assert_uint_eq(l.bad[0], 3);
	ck_assert_uint_eq(l.bad[1], 4);
	unlink(path);
	ck_assert_int_eq(record_read_jsonl(path, lines_got, lines_bad, &l),
	    -1);
	free(txt);
	json_decref(j);
	record_free(r);
}
END_TEST

START_TEST(json_rejects)
{
	const char	*bad[] = { "[]", "{}", "{\"file\":1}",
	    "{\"file\":\"a\",\"site\":\"b\"}" };
	json_t		*j;
	char		 msg[128];
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		j = json_loads(bad[i], 0, NULL);
		ck_assert_ptr_null(record_from_json(j, msg, sizeof(msg)));
		ck_assert_msg(strstr(msg, "not a cardlint record") != NULL,
		    "%s", msg);
		json_decref(j);
	}
}
END_TEST

/* ---- record_compact ---- */

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
same_num(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static void
same_items(const struct itemlist *a, const struct itemlist *b,
    const char *what)
{
	size_t	i;

	ck_assert_msg(a->n == b->n, "%s: %zu items, %zu kept", what, a->n,
	    b->n);
	for (i = 0; i < a->n; i++)
		ck_assert_msg(same_str(a->v[i].name, b->v[i].name) &&
		    a->v[i].line == b->v[i].line &&
		    a->v[i].column == b->v[i].column, "%s: item %zu", what, i);
}

/*
 * Everything corpus.c, drift.c and coverage read: each field's value
 * (num, str, place; raw for money, drift's snippet), the scored bench
 * rows, the keyed cards and the feature lists, in their order.
 */
static void
same_summary(const struct record *r, const struct summary *s,
    const char *what)
{
	const struct seen	*v;
	const struct sval	*c;
	const struct bench	*b;
	const struct related	*l;
	size_t			 i, k;
	int			 fid;

	ck_assert_str_eq(s->file, r->file);
	ck_assert_str_eq(s->site, r->site);
	for (fid = 0; fid < F__COUNT; fid++) {
		v = record_get(r, fid);
		c = summary_get(s, fid);
		ck_assert_msg((v == NULL) == (c == NULL), "%s: %s is %s in "
		    "the record, %s in the summary", what,
		    rec_fields[fid].path, v ? "set" : "unset",
		    c ? "set" : "unset");
		if (v == NULL)
			continue;
		ck_assert_msg(same_num(v->num, c->num) &&
		    same_str(v->str, c->str) && v->line == c->line &&
		    v->column == c->column, "%s: %s differs", what,
		    rec_fields[fid].path);
		ck_assert_msg(same_str(c->raw, rec_fields[fid].type ==
		    FT_MONEY ? v->raw : NULL), "%s: %s raw", what,
		    rec_fields[fid].path);
		ck_assert_msg(same_str(summary_str(s, fid), v->str), "%s: %s",
		    what, rec_fields[fid].path);
	}
	for (i = k = 0; i < r->nbench; i++) {
		b = &r->bench[i];
		if (!b->has_score)
			continue;
		ck_assert_msg(k < s->nbench, "%s: bench row %zu lost", what, i);
		ck_assert_msg(same_str(b->name, s->bench[k].name) &&
		    same_str(b->variant, s->bench[k].variant) &&
		    same_str(b->raw, s->bench[k].raw) &&
		    same_num(b->score, s->bench[k].score) &&
		    s->bench[k].has_score &&
		    b->is_percent == s->bench[k].is_percent &&
		    b->line == s->bench[k].line &&
		    b->column == s->bench[k].column &&
		    s->bench[k].note == NULL, "%s: bench row %zu", what, i);
		k++;
	}
	ck_assert_msg(k == s->nbench, "%s: %zu scored rows, %zu kept", what,
	    k, s->nbench);
	for (i = k = 0; i < r->nrel; i++) {
		l = &r->rel[i];
		if (l->key == NULL)
			continue;
		ck_assert_msg(k < s->nrel, "%s: card %zu lost", what, i);
		ck_assert_msg(same_str(l->key, s->rel[k].key) &&
		    same_str(l->released, s->rel[k].released) &&
		    l->has_context == s->rel[k].has_context &&
		    same_num(l->context, s->rel[k].context) &&
		    l->has_max_output == s->rel[k].has_max_output &&
		    same_num(l->max_output, s->rel[k].max_output) &&
		    l->has_input == s->rel[k].has_input &&
		    same_num(l->input, s->rel[k].input) &&
		    l->has_output == s->rel[k].has_output &&
		    same_num(l->output, s->rel[k].output) &&
		    l->line == s->rel[k].line &&
		    l->column == s->rel[k].column &&
		    s->rel[k].name == NULL && s->rel[k].creator == NULL,
		    "%s: card %zu", what, i);
		k++;
	}
	ck_assert_msg(k == s->nrel, "%s: %zu keyed cards, %zu kept", what, k,
	    s->nrel);
	same_items(&r->capabilities, &s->capabilities, what);
	same_items(&r->features, &s->features, what);
	same_items(&r->unsupported, &s->unsupported, what);
}

/* Sightings of one field: the summary keeps only the value's. */
struct sight {
	int		 fid;		/* -1 ends the list */
	int		 prio;
	enum norm_status status;
	int		 missing;
	double		 num;
	const char	*str;
	const char	*raw;
	unsigned	 line;
	const char	*currency;
};

#define END	{ -1, 0, NORM_OK, 0, 0, NULL, NULL, 0, NULL }

static const struct {
	const char	*name;
	struct sight	 s[4];
	int		 want;		/* index of the value in s; -1 none */
} sights[] = {
	{ "one price", {
	    { F_PRICE_INPUT, 1, NORM_OK, 0, 0.5, NULL, "$0.50", 3, NULL },
	    END }, 0 },
	{ "the better source wins", {
	    { F_PRICE_OUTPUT, 2, NORM_OK, 0, 1.5, NULL, "$1.50", 3, NULL },
	    { F_PRICE_OUTPUT, 1, NORM_OK, 0, 1.6, NULL, "$1.60", 9, NULL },
	    END }, 1 },
	{ "a sentinel is never the value", {
	    { F_CONTEXT, 1, NORM_SENTINEL, 0, 0, NULL, "N/A", 2, NULL },
	    { F_CONTEXT, 3, NORM_OK, 0, 128000, NULL, "128K", 5, NULL },
	    END }, 1 },
	{ "the missing marker is no value", {
	    { F_RELEASED, 1, NORM_OK, 1, 0, NULL, "-", 4, NULL },
	    END }, -1 },
	{ "nothing usable", {
	    { F_PARAMS_TOTAL, 1, NORM_INVALID, 0, 0, NULL, "0B", 4, NULL },
	    { F_PARAMS_TOTAL, 2, NORM_BAD, 0, 0, NULL, "many", 6, NULL },
	    END }, -1 },
	{ "a string keeps its text, not its raw", {
	    { F_MODEL_KEY, 1, NORM_OK, 0, 0, "model-1-8b", "Model-1 8B", 1,
	    NULL }, END }, 0 },
	{ "a date", {
	    { F_RELEASED, 2, NORM_OK, 0, 0, "2025-03-25", "Mar 25, 2025",
	    7, NULL },
	    { F_RELEASED, 2, NORM_OK, 0, 0, "2025-03-26", "2025-03-26", 8,
	    NULL }, END }, 0 },
	{ "a token count drops its raw", {
	    { F_MAX_OUTPUT, 1, NORM_OK, 0, 8192, NULL, "8K", 12, NULL },
	    END }, 0 },
	{ "the currency the price was written in", {
	    { F_PRICE_INPUT, 1, NORM_OK, 0, 2, NULL, "EUR 2", 5, "EUR" },
	    END }, 0 },
};

START_TEST(compact_sights)
{
	const struct sight	*w, *t;
	const struct sval	*c;
	struct record		*r;
	struct summary		*s;
	struct seen		 sn;
	size_t			 i = (size_t)_i, k;
	int			 fid;

	r = record_new("fixtures/pages/p.txt", "generic");
	for (k = 0; sights[i].s[k].fid != -1; k++) {
		t = &sights[i].s[k];
		memset(&sn, 0, sizeof(sn));
		sn.status = t->status;
		sn.missing = t->missing;
		sn.prio = t->prio;
		sn.num = t->num;
		sn.str = (char *)(uintptr_t)t->str;
		sn.raw = (char *)(uintptr_t)t->raw;
		sn.where = (char *)(uintptr_t)"card";
		sn.line = t->line;
		sn.column = 2;
		if (t->currency != NULL)
			snprintf(sn.currency, sizeof(sn.currency), "%s",
			    t->currency);
		record_add_seen(r, t->fid, &sn);
	}
	record_settle(r);
	s = record_compact(r);
	same_summary(r, s, sights[i].name);
	fid = sights[i].s[0].fid;
	c = summary_get(s, fid);
	if (sights[i].want == -1)
		ck_assert_msg(c == NULL, "%s: a value", sights[i].name);
	else {
		w = &sights[i].s[sights[i].want];
		ck_assert_msg(c != NULL, "%s: no value", sights[i].name);
		ck_assert_msg(c->num == w->num && same_str(c->str, w->str) &&
		    c->line == w->line && c->column == 2, "%s: not the "
		    "expected sighting", sights[i].name);
	}
	if (sights[i].s[0].currency != NULL)
		ck_assert_str_eq(summary_str(s, F_PRICE_CURRENCY),
		    sights[i].s[0].currency);
	/* Fields never seen stay unset. */
	for (k = 0; k < F__COUNT; k++)
		if ((int)k != fid && k != F_PRICE_CURRENCY)
			ck_assert_ptr_null(summary_get(s, k));
	summary_free(s);
	record_free(r);
}
END_TEST

/* Rows: what the corpus rules skip is not kept. */
static const struct {
	const char	*name;
	const char	*variant;
	int		 has_score;
	double		 score;
	const char	*key;		/* a related card of that key */
	const char	*released;
	int		 has_context;
} rows[] = {
	{ "MMLU", NULL, 1, 81.5, "other-1", "2024-05-01", 1 },
	{ "GPQA", "diamond", 1, 40, NULL, "2024-06-01", 0 },
	{ "HumanEval", NULL, 0, 0, "other-2", NULL, 0 },
	{ "ChartQA", "test", 1, 86, NULL, NULL, 1 },
	{ "MATH", NULL, 0, 0, "other-3", "2023-12", 1 },
};

START_TEST(compact_rows)
{
	struct record	*r;
	struct summary	*s;
	struct bench	*b;
	struct related	*l;
	char		 raw[64];
	size_t		 i, n = sizeof(rows) / sizeof(rows[0]);

	r = record_new("fixtures/pages/rows.html", "llmstats");
	for (i = 0; i < n; i++) {
		xgrow(&r->bench, &r->benchcap, r->nbench + 1,
		    sizeof(*r->bench));
		b = &r->bench[r->nbench++];
		memset(b, 0, sizeof(*b));
		b->name = xstrdup(rows[i].name);
		b->variant = rows[i].variant ? xstrdup(rows[i].variant) : NULL;
		b->note = xstrdup("self-reported");
		b->has_score = rows[i].has_score;
		b->score = rows[i].score;
		snprintf(raw, sizeof(raw), "| %s | %g |", rows[i].name,
		    rows[i].score);
		b->raw = xstrdup(raw);
		b->line = (unsigned)(10 + i);
		b->column = 3;
		xgrow(&r->rel, &r->relcap, r->nrel + 1, sizeof(*r->rel));
		l = &r->rel[r->nrel++];
		memset(l, 0, sizeof(*l));
		l->name = xstrdup(rows[i].name);
		l->key = rows[i].key ? xstrdup(rows[i].key) : NULL;
		l->creator = xstrdup("Lab");
		l->released = rows[i].released ? xstrdup(rows[i].released) :
		    NULL;
		l->has_context = rows[i].has_context;
		l->context = 32000 * (double)(i + 1);
		l->has_input = 1;
		l->input = 0.25;
		l->line = (unsigned)(40 + i);
		l->column = 1;
		record_add_item(i % 2 ? &r->features : &r->unsupported,
		    rows[i].name, (unsigned)(60 + i), 5);
		record_add_item(&r->capabilities, rows[i].name,
		    (unsigned)(70 + i), 5);
	}
	record_settle(r);
	s = record_compact(r);
	same_summary(r, s, "rows");
	ck_assert_uint_eq(s->nbench, 3);
	ck_assert_uint_eq(s->nrel, 3);
	ck_assert_uint_eq(s->features.n + s->unsupported.n, n);
	summary_free(s);
	record_free(r);
}
END_TEST

/* Every fixture page, extracted and read back from extract's JSON. */
START_TEST(compact_pages)
{
	static const char *const pages[] = {
		"000_cf106a8f77e2ba01.txt", "000_cf106a8f77e2ba01.html",
		"001_721fc67f282890cc.txt", "001_721fc67f282890cc.html",
		"002_c0268ff9b5d925ec.txt", "002_c0268ff9b5d925ec.html",
		"003_328e5b916ed2f340.txt", "003_328e5b916ed2f340.html",
		"004_730a503d893fbc4e.txt", "004_730a503d893fbc4e.html",
		"generic_per1k.txt", "generic_vendor.html",
		"llmref_clean_llama.txt", "llmref_clean_mistral.html",
		"llmref_per1k_slip.txt", "llmstats_clean.txt",
		"siliconflow_clean.html", "truncated.html", "mojibake.txt",
		"invalid_utf8.txt", "latin1_meta.html", "empty.txt",
	};
	struct record	*r, *back;
	struct summary	*s;
	json_t		*j;
	char		 msg[128];
	size_t		 i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		r = fixture_record(pages[i]);
		s = record_compact(r);
		same_summary(r, s, pages[i]);
		summary_free(s);
		j = record_to_json(r);
		back = record_from_json(j, msg, sizeof(msg));
		ck_assert_msg(back != NULL, "%s: %s", pages[i], msg);
		s = record_compact(back);
		same_summary(back, s, pages[i]);
		summary_free(s);
		json_decref(j);
		record_free(back);
		record_free(r);
	}
}
END_TEST

/* A record with nothing: the summary is empty, not broken. */
START_TEST(compact_empty)
{
	struct record	*r;
	struct summary	*s;

	r = record_new("x", "generic");
	record_settle(r);
	s = record_compact(r);
	same_summary(r, s, "empty");
	ck_assert_uint_eq(s->nbench + s->nrel + s->features.n, 0);
	summary_free(s);
	record_free(r);
	summary_free(NULL);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("record");
	TCase	*tc = tcase_create("normal");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, key_pairs, 0,
	    (int)(sizeof(pairs) / sizeof(pairs[0])));
	tcase_add_test(tc, json_round_trip);
	tcase_add_loop_test(tc, compact_sights, 0,
	    (int)(sizeof(sights) / sizeof(sights[0])));
	tcase_add_test(tc, compact_rows);
	tcase_add_test(tc, compact_pages);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_test(tc, compact_empty);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, json_rejects);
	tcase_add_test(tc, jsonl_lines);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
