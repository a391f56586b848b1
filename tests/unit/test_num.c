/*
 * Unit tests of num: exact decimals and rounding (RULES.md §0).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "num.h"

static void
parse_decimals(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(num_parse("12", 2, &v), 0);
	assert_int_equal(v, 1200);
	assert_int_equal(num_parse("0.5", 2, &v), 0);
	assert_int_equal(v, 50);
	assert_int_equal(num_parse("99.99", 2, &v), 0);
	assert_int_equal(v, 9999);
	assert_int_equal(num_parse("1.50", 2, &v), 0);
	assert_int_equal(v, 150);
	assert_int_equal(num_parse("1.500", 2, &v), 0);
	assert_int_equal(v, 150);
	assert_int_equal(num_parse("-1", 2, &v), 0);
	assert_int_equal(v, -100);
	assert_int_equal(num_parse("1.005", 2, &v), -2);
	assert_int_equal(num_parse("abc", 2, &v), -1);
	assert_int_equal(num_parse("", 2, &v), -1);
	assert_int_equal(num_parse(".", 2, &v), -1);
	assert_int_equal(num_parse("1.2.3", 2, &v), -1);
	assert_int_equal(num_parse("1e3", 2, &v), -1);
	assert_int_equal(num_parse("99999999999999999999", 2, &v), -3);
	/* Found by fuzzing: no overflow with 4 decimals, and a value written
	 * with all its decimals is in range when it is without them. */
	assert_int_equal(num_parse("999999999999999", 4, &v), -3);
	assert_int_equal(num_parse("410182101005", 4, &v), 0);
	assert_int_equal(num_parse("410182101005.0000", 4, &v), 0);
	assert_int_equal(v, 4101821010050000LL);
	assert_int_equal(num_parse("1000000000000.5", 2, &v), -3);
}

static void
parse_whole(void **state)
{
	long v;

	(void)state;
	assert_int_equal(num_parse_int("7", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(num_parse_int("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(num_parse_int("1.0", &v), -1);
	assert_int_equal(num_parse_int("x", &v), -1);
}

/* Half away from zero, at exactly half and around it. */
static void
rounding(void **state)
{
	(void)state;
	assert_int_equal(num_div(5, 10), 1);	/* 0.5 -> 1 */
	assert_int_equal(num_div(4, 10), 0);
	assert_int_equal(num_div(15, 10), 2);	/* 1.5 -> 2 */
	assert_int_equal(num_div(25, 10), 3);	/* 2.5 -> 3, not banker's 2 */
	assert_int_equal(num_div(-25, 10), -3);
	assert_int_equal(num_div(10000 * 2 + 1, 3), 6667);
	/* 0.4*1 + 0.2*100 + 0.3*99 + 0.1*99 is exactly 60 (RULES.md §0). */
	assert_int_equal(num_div(4 * 100 + 2 * 10000 + 3 * 9900 + 9900, 10),
	    6000);
	/* 23/24 as a rate is 0.9583. */
	assert_int_equal(num_div(23 * 10000, 24), 9583);
}

static void
formatting(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(num_fmt(b, 9500, 2), "95.00");
	assert_string_equal(num_fmt(b, 5, 2), "0.05");
	assert_string_equal(num_fmt(b, 9583, 4), "0.9583");
	assert_string_equal(num_fmt(b, 10000, 4), "1.0000");
	assert_string_equal(num_fmt(b, 0, 2), "0.00");
	assert_string_equal(num_fmt(b, 42, 0), "42");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_decimals),
		cmocka_unit_test(parse_whole),
		cmocka_unit_test(rounding),
		cmocka_unit_test(formatting),
	};

	return cmocka_run_group_tests_name("num", tests, NULL, NULL);
}
