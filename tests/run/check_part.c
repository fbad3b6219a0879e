/*
 * check_part.c: key partitions.  The part of a key is the same in every
 * version (the parts of two refreshes must line up); a record belongs
 * to its home and to the parts of its related cards' keys; what a
 * part's corpus rules see of a summary is only that part's evidence;
 * --partition takes N or K/N within bounds.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "record/record.h"
#include "run/part.h"
#include "run/plan.h"

/* FNV-1a 64 of the key modulo n, computed independently. */
static const struct {
	const char	*key;
	unsigned	 n;
	unsigned	 part;
} hashes[] = {
	{ "", 7, 2 },
	{ "a", 16, 12 },
	{ "deepseek-r1", 8, 3 },
	{ "llama-3.1-8b", 256, 4 },
	{ "gpt-4o", 3, 2 },
	{ "anything", 1, 0 },
};

START_TEST(part_of_stable)
{
	ck_assert_uint_eq(part_of(hashes[_i].key, hashes[_i].n),
	    hashes[_i].part);
}
END_TEST

static void
add_card(struct record *r, const char *key, unsigned line)
{
	struct related	*rl;

	xgrow(&r->rel, &r->relcap, r->nrel + 1, sizeof(*r->rel));
	rl = &r->rel[r->nrel++];
	memset(rl, 0, sizeof(*rl));
	rl->name = xstrdup(key);
	rl->key = xstrdup(key);
	rl->line = line;
	rl->column = 1;
}

static struct record *
make_record(const char *file, const char *key)
{
	struct record	*r = record_new(file, "generic");
	struct seen	 sn;

	if (key != NULL) {
		memset(&sn, 0, sizeof(sn));
		sn.status = NORM_OK;
		sn.str = (char *)(uintptr_t)key;
		sn.raw = (char *)(uintptr_t)key;
		sn.line = 1;
		sn.column = 1;
		record_add_seen(r, F_MODEL_KEY, &sn);
	}
	record_settle(r);
	return r;
}

/* Every part: the record is there iff one of its keys is, and the view
   holds exactly that part's evidence. */
START_TEST(part_view_evidence)
{
	static const char *const cards[] = { "gpt-4o", "deepseek-r1",
	    "own-model", "llama-3.1-8b", "a" };
	struct record	*r;
	struct summary	*s, *v;
	unsigned	 n = (unsigned)_i + 1, p, want;
	size_t		 i;
	int		 in;

	r = make_record("x.txt", "own-model");
	for (i = 0; i < sizeof(cards) / sizeof(cards[0]); i++)
		add_card(r, cards[i], (unsigned)i + 10);
	s = record_compact(r);
	ck_assert_uint_eq(part_home(r, n), part_of("own-model", n));
	ck_assert_uint_eq(part_home_summary(s, n), part_of("own-model", n));
	for (p = 0; p < n; p++) {
		want = 0;
		for (i = 0; i < sizeof(cards) / sizeof(cards[0]); i++)
			want += part_of(cards[i], n) == p;
		in = part_of("own-model", n) == p || want > 0;
		ck_assert_int_eq(part_touches(r, p, n), in);
		v = part_view(s, p, n);
		if (!in) {
			ck_assert_ptr_null(v);
			continue;
		}
		ck_assert_ptr_nonnull(v);
		ck_assert_uint_eq(v->nrel, want);
		for (i = 0; i < v->nrel; i++)
			ck_assert_uint_eq(part_of(v->rel[i].key, n), p);
		if (part_of("own-model", n) == p)
			ck_assert_str_eq(summary_str(v, F_MODEL_KEY),
			    "own-model");
		else
			ck_assert_ptr_null(summary_str(v, F_MODEL_KEY));
		ck_assert_str_eq(v->file, "x.txt");
		summary_free(v);
	}
	summary_free(s);
	record_free(r);
}
END_TEST

/* No model key: the home is the file's part (drift matches such pages
   by file). */
START_TEST(part_home_keyless)
{
	struct record	*r = make_record("dir/page.html", NULL);

	ck_assert_uint_eq(part_home(r, 5), part_of("dir/page.html", 5));
	ck_assert_int_eq(part_touches(r, part_of("dir/page.html", 5), 5), 1);
	record_free(r);
}
END_TEST

static const struct {
	const char	*arg;
	int		 ok;
	unsigned	 k;
	unsigned	 n;
} args[] = {
	{ "4", 1, 0, 4 },
	{ "2/4", 1, 2, 4 },
	{ "1/1", 1, 1, 1 },
	{ "256", 1, 0, 256 },
	{ "256/256", 1, 256, 256 },
	{ "0", 0, 0, 0 },
	{ "257", 0, 0, 0 },
	{ "5/4", 0, 0, 0 },
	{ "0/4", 0, 0, 0 },
	{ "1/257", 0, 0, 0 },
	{ "", 0, 0, 0 },
	{ "/4", 0, 0, 0 },
	{ "2/", 0, 0, 0 },
	{ "1/2x", 0, 0, 0 },
	{ "-1", 0, 0, 0 },
	{ "1//2", 0, 0, 0 },
	{ "99999999999", 0, 0, 0 },
};

START_TEST(partition_option)
{
	struct plan	pl;

	plan_init(&pl);
	if (!args[_i].ok) {
		ck_assert_int_eq(plan_set_partition(&pl, args[_i].arg), -1);
		return;
	}
	ck_assert_int_eq(plan_set_partition(&pl, args[_i].arg), 0);
	ck_assert_uint_eq(pl.part_k, args[_i].k);
	ck_assert_uint_eq(pl.part_n, args[_i].n);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("part");
	TCase	*tc = tcase_create("normal");
	SRunner	*sr;
	int	 failed;

	tcase_add_loop_test(tc, part_of_stable, 0,
	    (int)(sizeof(hashes) / sizeof(hashes[0])));
	tcase_add_loop_test(tc, part_view_evidence, 0, 9);
	tcase_add_test(tc, part_home_keyless);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_loop_test(tc, partition_option, 0,
	    (int)(sizeof(args) / sizeof(args[0])));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
