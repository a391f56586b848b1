/*
 * Unit tests of diag: messages, the cap per file, and the recording sink
 * whose messages are replayed later (the month files read ahead).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

/* The same calls made to d, directly or through a log. */
static void
report(struct diag *d, int n)
{
	int i;

	diag_warn(d, "a.csv", 3, 0, "odd %s", "cell");
	for (i = 1; i <= n; i++)
		diag_error(d, "b.csv", i, 2, "bad row %d", i);
	diag_error(d, NULL, 0, 0, "no file");
	diag_error(d, "a.csv", 7, 0, "%d%%", 50);
}

static void
format_and_cap(void **state)
{
	struct diag	*d = diag_new(NULL);
	const char	*t;

	(void)state;
	assert_non_null(d);
	report(d, DIAG_PER_FILE + 5);
	diag_finish(d);
	assert_int_equal(diag_errors(d), DIAG_PER_FILE + 5 + 2);
	t = diag_text(d);
	assert_non_null(strstr(t, "gridstar: a.csv:3: warning: odd cell\n"
	    "gridstar: b.csv:1:2: bad row 1\n"));
	assert_non_null(strstr(t, "b.csv:100:2: bad row 100\n"
	    "gridstar: no file\ngridstar: a.csv:7: 50%\n"));
	assert_null(strstr(t, "bad row 101"));
	assert_non_null(strstr(t, "gridstar: b.csv: 5 more errors not shown\n"));
	diag_free(d);
}

/* A log prints nothing; replayed, it is as if reported in place. */
static void
log_replay(void **state)
{
	struct diag	*direct = diag_new(NULL), *d = diag_new(NULL);
	struct diag	*log = diag_new_log();

	(void)state;
	assert_non_null(direct);
	assert_non_null(d);
	assert_non_null(log);
	/* Messages before and after, and the cap counted across both. */
	diag_error(direct, "b.csv", 1, 0, "first");
	report(direct, DIAG_PER_FILE + 5);
	diag_error(direct, "c.csv", 9, 1, "last");
	diag_finish(direct);

	report(log, DIAG_PER_FILE + 5);
	assert_string_equal(diag_text(log), "");
	assert_int_equal(diag_errors(log), DIAG_PER_FILE + 5 + 2);
	diag_error(d, "b.csv", 1, 0, "first");
	diag_replay(d, log);
	diag_error(d, "c.csv", 9, 1, "last");
	diag_finish(d);
	assert_string_equal(diag_text(d), diag_text(direct));
	assert_int_equal(diag_errors(d), diag_errors(direct));
	diag_free(log);
	diag_free(d);
	diag_free(direct);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_and_cap),
		cmocka_unit_test(log_replay),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
