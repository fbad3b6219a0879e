/*
 * check_record.c: model identity keys (a table of name pairs that must
 * or must not be one model) and the record's JSON round trip.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "extract.h"
#include "load.h"
#include "profile.h"
#include "record.h"

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
	{ "gpt-4o-2024-08-06", "GPT-4o", 1 },
	{ "gpt-4o", "gpt-4o-mini", 0 },
	{ "claude-3-5-sonnet-20241022", "Claude 3.5 Sonnet", 0 },
	{ "claude-3.5-sonnet-20241022", "Claude 3.5 Sonnet", 1 },
	{ "Gemma 2 9B IT", "gemma-2-9b-it", 1 },
	{ "Gemma 2 9B IT", "Gemma 2 9B", 1 },
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

/* extract -> JSON -> record -> JSON is the same JSON. */
START_TEST(json_round_trip)
{
	static const char *const pages[] = {
		"000_cf106a8f77e2ba01.txt", "001_721fc67f282890cc.html",
		"002_c0268ff9b5d925ec.txt", "003_328e5b916ed2f340.html",
		"004_730a503d893fbc4e.txt", "mojibake.txt", "binary.bin",
	};
	struct page	*pg;
	struct record	*r, *back;
	struct cl_error	 err;
	json_t		*j1, *j2;
	char		 path[1200], msg[128], *s1, *s2;
	size_t		 i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		snprintf(path, sizeof(path), "%s/fixtures/pages/%s", srcdir,
		    pages[i]);
		ck_assert_int_eq(load_file(path, NULL, &pg, &err), LOAD_OK);
		r = extract_page(ps, pg);
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
		page_free(pg);
	}
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
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, json_rejects);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
