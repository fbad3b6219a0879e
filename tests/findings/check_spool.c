/*
 * check_spool.c: the spool gives findings back as diag_sort() orders
 * them, equal ones by (seq, place in the batch), whether everything
 * stayed in memory or went through many runs in the temporary file;
 * every part of a finding comes back as it went in.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings/diag.h"
#include "base/error.h"
#include "findings/spool.h"
#include "base/xalloc.h"

/* A finding made from (seq, place) alone, so it can be made again. */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static void
make_finding(struct diag *d, uint64_t seq, size_t place)
{
	static const char *const files[] = { "a.txt", "b.html", "b.html2",
	    "c/\xc3\xa9.txt" };
	static const char *const rules[] = { "date.conflict", "price.ratio",
	    "bench.conflict" };
	struct finding	*f;
	uint64_t	 h = mix(seq * 1000003 + place);
	char		 v[64], m[64];
	unsigned	 k;

	/* Few distinct keys: many findings diag_cmp finds equal, told
	   apart only by their value. */
	snprintf(v, sizeof(v), "%llu/%zu", (unsigned long long)seq, place);
	snprintf(m, sizeof(m), "message %u", (unsigned)(h >> 20) % 3);
	f = diag_add(d, rules[h % 3], (enum sev)(1 + (h >> 8) % 3),
	    files[(h >> 4) % 4], 1 + (unsigned)(h >> 12) % 4,
	    1 + (unsigned)(h >> 16) % 2, (h >> 24) % 3 ? "released" : NULL,
	    v, (h >> 28) % 2 ? "the page's text" : NULL, "%s", m);
	f->suppressed = (int)((h >> 32) % 5 == 0);
	for (k = 0; k < (unsigned)((h >> 36) % 4); k++)
		diag_related(f, files[k], k + 1, k + 2, k % 2 ? NULL : v);
	/* A bounded related list counts the locations it leaves out. */
	f->relmore = (size_t)((h >> 40) % 3) * 1000;
	/* A corpus finding carries its vote, with or without consensus. */
	if ((h >> 44) % 3 != 0) {
		for (k = 0; k < f->nrel; k++)
			f->rel[k].x = 0.25 * k + (double)seq;
		diag_vote(f, "context_tokens of m", (enum axis)(1 +
		    (h >> 46) % 4), (double)place / 3, 3 + place % 5,
		    (h >> 44) % 3 == 1 ? NULL : "128000 (3 of 4 sources)",
		    128000.5);
	}
}

static int
nstr_eq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
same_finding(const struct finding *a, const struct finding *b, size_t i)
{
	size_t	k;

	ck_assert_msg(strcmp(a->rule, b->rule) == 0 &&
	    strcmp(a->file, b->file) == 0 && a->sev == b->sev &&
	    a->line == b->line && a->column == b->column &&
	    nstr_eq(a->field, b->field) && nstr_eq(a->value, b->value) &&
	    strcmp(a->message, b->message) == 0 &&
	    nstr_eq(a->snippet, b->snippet) &&
	    strcmp(a->fingerprint, b->fingerprint) == 0 &&
	    a->suppressed == b->suppressed && a->nrel == b->nrel &&
	    a->relmore == b->relmore && nstr_eq(a->group, b->group) &&
	    a->axis == b->axis && a->x == b->x && a->nsrc == b->nsrc &&
	    nstr_eq(a->consensus, b->consensus) && a->cx == b->cx,
	    "finding %zu: %s %s:%u %s, expected %s %s:%u %s", i, b->rule,
	    b->file, b->line, b->value, a->rule, a->file, a->line, a->value);
	for (k = 0; k < a->nrel; k++)
		ck_assert_msg(strcmp(a->rel[k].file, b->rel[k].file) == 0 &&
		    a->rel[k].line == b->rel[k].line &&
		    a->rel[k].column == b->rel[k].column &&
		    nstr_eq(a->rel[k].value, b->rel[k].value) &&
		    a->rel[k].x == b->rel[k].x,
		    "finding %zu: related %zu", i, k);
}

/* The expected order: a stable sort of the batches in seq order. */
struct tagged {
	struct finding	*f;
	uint64_t	 seq;
	size_t		 place;
};

static int
tagged_cmp(const void *a, const void *b)
{
	const struct tagged	*x = a, *y = b;
	int			 c;

	if ((c = diag_cmp(x->f, y->f)) != 0)
		return c;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->place < y->place ? -1 : x->place > y->place;
}

static size_t
batch_size(uint64_t seq, size_t per)
{
	return (size_t)((seq * 7919 + 3) % per);
}

static const struct {
	const char	*name;
	size_t		 budget;
	size_t		 batches;
	size_t		 per;		/* bound of batch_size() */
	int		 runs;		/* 1: must go through the file */
} cases[] = {
	{ "nothing", 1 << 20, 0, 1, 0 },
	{ "empty batches", 1, 5, 1, 0 },
	{ "one batch in memory", 1 << 24, 1, 50, 0 },
	{ "many batches in memory", 1 << 24, 40, 13, 0 },
	{ "a run per batch", 1, 40, 13, 1 },
	{ "a few runs", 4096, 200, 29, 1 },
	{ "long batches", 20000, 6, 997, 1 },
};

START_TEST(spool_order)
{
	struct spool		*sp;
	struct diag		 d = { 0 }, want = { 0 }, got = { 0 };
	struct tagged		*t;
	struct cl_error		 err;
	const struct finding	*f;
	size_t			 i = (size_t)_i, b, k, n, nt = 0;
	uint64_t		 seq;
	int			 rc;

	sp = spool_new(cases[i].budget);
	/* Batches arrive out of seq order, as pages finish under -j. */
	for (b = 0; b < cases[i].batches; b++) {
		seq = (b * 17) % cases[i].batches;
		n = batch_size(seq, cases[i].per);
		for (k = 0; k < n; k++)
			make_finding(&d, seq, k);
		spool_add(sp, &d, seq);
		ck_assert_uint_eq(d.n, 0);
	}
	if (cases[i].runs)
		ck_assert_msg(spool_runs(sp) > 1, "%s: %zu runs",
		    cases[i].name, spool_runs(sp));
	for (seq = 0; seq < cases[i].batches; seq++)
		for (k = 0; k < batch_size(seq, cases[i].per); k++)
			make_finding(&want, seq, k);
	t = xcalloc(want.n + 1, sizeof(*t));
	for (seq = 0; seq < cases[i].batches; seq++)
		for (k = 0; k < batch_size(seq, cases[i].per); k++) {
			t[nt].f = &want.v[nt];
			t[nt].seq = seq;
			t[nt].place = k;
			nt++;
		}
	qsort(t, nt, sizeof(*t), tagged_cmp);
	ck_assert_int_eq(spool_finish(sp, &err), 0);
	while ((rc = spool_peek(sp, &f, &err)) == 1) {
		ck_assert_msg(got.n < nt, "%s: too many findings",
		    cases[i].name);
		same_finding(t[got.n].f, f, got.n);
		spool_take(sp, &got);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(got.n == nt, "%s: %zu findings back of %zu",
	    cases[i].name, got.n, nt);
	for (k = 0; k < nt; k++)
		same_finding(t[k].f, &got.v[k], k);
	free(t);
	diag_free(&want);
	diag_free(&got);
	spool_free(sp);
}
END_TEST

/* Freed half read, and never read: nothing leaks (valgrind). */
START_TEST(spool_abandoned)
{
	struct spool		*sp;
	struct diag		 d = { 0 }, got = { 0 };
	struct cl_error		 err;
	const struct finding	*f;
	size_t			 k;
	int			 pass;

	for (pass = 0; pass < 2; pass++) {
		sp = spool_new(512);
		for (k = 0; k < 300; k++) {
			make_finding(&d, k, 0);
			make_finding(&d, k, 1);
			spool_add(sp, &d, k);
		}
		if (pass == 1) {
			ck_assert_int_eq(spool_finish(sp, &err), 0);
			for (k = 0; k < 100; k++) {
				ck_assert_int_eq(spool_peek(sp, &f, &err), 1);
				spool_take(sp, &got);
			}
		}
		spool_free(sp);
		diag_free(&got);
	}
	spool_free(NULL);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("spool");
	TCase	*tc = tcase_create("normal");
	SRunner	*sr;
	int	 failed;

	tcase_add_loop_test(tc, spool_order, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_test(tc, spool_abandoned);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
