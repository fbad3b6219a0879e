/*
 * check_yml.c: the table-driven YAML reader.  Every row type fills its
 * field, rows run in table order (steps included), a required row names
 * its own error, and an unknown key is one message in one form at the
 * key's line, whatever the table.
 */
#include "config.h"

#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/yml.h"

struct thing {
	char	*name;
	double	 num;
	int	 count;
	int	 on;
	char	**tags;
	size_t	 ntags;
	char	*lax;
	char	 order[16];	/* the callbacks, in the order they ran */
	size_t	 norder;
};

static int
th_fn(struct yml_at *at, struct cl_error *err)
{
	struct thing	*t = at->dst;

	if (yml_str(at->val) != NULL && strcmp(yml_str(at->val), "bad") == 0) {
		cl_error_set(err, at->y->file, yml_line(at->val), 0,
		    "fn refused '%s'", yml_str(at->val));
		return -1;
	}
	t->order[t->norder++] = at->val == NULL ? 'F' : 'f';
	return 0;
}

static int
th_step(struct yml_at *at, struct cl_error *err)
{
	struct thing	*t = at->dst;

	(void)err;
	t->order[t->norder++] = 's';
	return 0;
}

static const struct yml_row thing_rows[] = {
	{ .key = "name", .type = YML_STR, .flags = YML_REQUIRED,
	  .off = offsetof(struct thing, name),
	  .need = "a thing needs a name" },
	{ .key = "num", .type = YML_NUM, .off = offsetof(struct thing, num) },
	{ .key = "count", .type = YML_INT,
	  .off = offsetof(struct thing, count) },
	{ .key = "on", .type = YML_BOOL, .off = offsetof(struct thing, on) },
	{ .key = "tags", .type = YML_STRS, .off = offsetof(struct thing, tags),
	  .off2 = offsetof(struct thing, ntags) },
	{ .key = "lax", .type = YML_STR, .flags = YML_LAX,
	  .off = offsetof(struct thing, lax) },
	{ .type = YML_STEP, .fn = th_step },
	{ .key = "fn", .type = YML_FN, .flags = YML_ALWAYS, .fn = th_fn },
	{ .key = "doc", .type = YML_SKIP },
};
static const struct yml_table thing_table = YML_TABLE("a thing",
    thing_rows);

static void
thing_free(struct thing *t)
{
	size_t	i;

	free(t->name);
	free(t->lax);
	for (i = 0; i < t->ntags; i++)
		free(t->tags[i]);
	free(t->tags);
}

static int
read_thing(const char *yaml, struct thing *t, struct cl_error *err)
{
	struct yml	*y;
	int		 rc;

	memset(t, 0, sizeof(*t));
	memset(err, 0, sizeof(*err));
	if ((y = yml_load_string("t.yaml", yaml, strlen(yaml), err)) == NULL)
		return -2;
	rc = yml_read(y, yml_root(y), &thing_table, t, NULL, err);
	yml_free(y);
	return rc;
}

START_TEST(yml_read_fills)
{
	struct thing	t;
	struct cl_error	err;

	ck_assert_int_eq(read_thing("name: a\nnum: 2.5\ncount: 7.9\non: yes\n"
	    "tags: [x, y]\nlax: [not, a, string]\nfn: ok\ndoc: free text\n",
	    &t, &err), 0);
	ck_assert_str_eq(t.name, "a");
	ck_assert(t.num == 2.5);
	ck_assert_int_eq(t.count, 7);
	ck_assert_int_eq(t.on, 1);
	ck_assert_uint_eq(t.ntags, 2);
	ck_assert_str_eq(t.tags[0], "x");
	ck_assert_str_eq(t.tags[1], "y");
	ck_assert_ptr_null(t.tags[2]);
	ck_assert_ptr_null(t.lax);
	/* The step runs before the row below it, in table order. */
	ck_assert_uint_eq(t.norder, 2);
	ck_assert_int_eq(t.order[0], 's');
	ck_assert_int_eq(t.order[1], 'f');
	thing_free(&t);

	/* Absent rows are left alone; YML_ALWAYS still calls with NULL. */
	ck_assert_int_eq(read_thing("tags: solo\nname: b\n", &t, &err), 0);
	ck_assert_uint_eq(t.ntags, 1);
	ck_assert_str_eq(t.tags[0], "solo");
	ck_assert_int_eq(t.count, 0);
	ck_assert_int_eq(t.order[1], 'F');
	thing_free(&t);
}
END_TEST

static const struct {
	const char	*yaml;
	unsigned	 line;
	const char	*msg;
} bad[] = {
	{ "name: a\ncolour: red\n", 2, "unknown key 'colour' in a thing" },
	/* The key's line, not its block value's. */
	{ "name: a\ncolour:\n  x: 1\n", 2, "unknown key 'colour' in a thing" },
	/* The first unknown key in file order, before any other error. */
	{ "num: x\nzz: 1\nyy: 2\n", 2, "unknown key 'zz' in a thing" },
	{ "[a, b]\n", 1, "a thing must be a mapping" },
	{ "num: 1\n", 1, "a thing needs a name" },
	{ "num: 1\nname: [a]\n", 1, "a thing needs a name" },
	{ "name: a\nnum: x\n", 2, "expected a number, got 'x'" },
	{ "name: a\ncount: many\n", 2, "expected a number, got 'many'" },
	{ "name: a\non: maybe\n", 2, "expected true or false, got 'maybe'" },
	{ "name: a\ntags: {x: 1}\n", 2, "tags must be a list of strings" },
	{ "name: a\ntags:\n  - x\n  - [y]\n", 4, "tags must be a string" },
	{ "name: a\nfn: bad\n", 2, "fn refused 'bad'" },
	/* Rows run in table order: num before fn, whatever the file says. */
	{ "fn: bad\nname: a\nnum: x\n", 3, "expected a number, got 'x'" },
};

START_TEST(yml_read_errors)
{
	struct thing	t;
	struct cl_error	err;

	ck_assert_int_eq(read_thing(bad[_i].yaml, &t, &err), -1);
	ck_assert_str_eq(err.msg, bad[_i].msg);
	ck_assert_str_eq(err.file, "t.yaml");
	ck_assert_uint_eq(err.line, bad[_i].line);
	thing_free(&t);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("yml");
	TCase	*tc = tcase_create("normal");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, yml_read_fills);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_loop_test(tc, yml_read_errors, 0,
	    (int)(sizeof(bad) / sizeof(bad[0])));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
