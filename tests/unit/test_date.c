/*
 * Unit tests of date: the four spellings and working days (RULES.md §2.5).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"

static int
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void
spellings(void **state)
{
	int d;

	(void)state;
	assert_int_equal(date_parse("2026-10-05", &d), 0);
	assert_int_equal(d, ymd(2026, 10, 5));
	assert_int_equal(date_parse("2026/10/5", &d), 0);
	assert_int_equal(d, ymd(2026, 10, 5));
	assert_int_equal(date_parse("2026.10.5", &d), 0);
	assert_int_equal(d, ymd(2026, 10, 5));
	assert_int_equal(date_parse("2026年10月5日", &d), 0);
	assert_int_equal(d, ymd(2026, 10, 5));
	assert_int_equal(date_parse("2026年1月05日", &d), 0);
	assert_int_equal(d, ymd(2026, 1, 5));
	assert_int_equal(date_parse("2026-02-30", &d), -2);
	assert_int_equal(date_parse("2025-02-29", &d), -2);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("2026-10/05", &d), -1);
	assert_int_equal(date_parse("10/05/2026", &d), -1);
	assert_int_equal(date_parse("2026-10-05x", &d), -1);
	assert_int_equal(date_parse("", &d), -1);
}

static void
weekdays(void **state)
{
	int y, m, dd;

	(void)state;
	assert_int_equal(date_weekday(ymd(2026, 10, 5)), 0);	/* Monday */
	assert_int_equal(date_weekday(ymd(2026, 10, 10)), 5);	/* Saturday */
	assert_int_equal(date_weekday(ymd(1970, 1, 1)), 3);	/* Thursday */
	date_to_ymd(ymd(2026, 12, 31), &y, &m, &dd);
	assert_int_equal(y * 10000 + m * 100 + dd, 20261231);
	assert_int_equal(date_month_last(2026 * 12 + 1), ymd(2026, 2, 28));
}

static void
months(void **state)
{
	int m;
	char b[16];

	(void)state;
	assert_int_equal(date_month_parse("2026-10", &m), 0);
	assert_int_equal(m, 2026 * 12 + 9);
	assert_string_equal(date_month_fmt(b, m), "2026-10");
	assert_int_equal(date_month_parse("2026-13", &m), -1);
	assert_int_equal(date_month_parse("2026-1", &m), -1);
}

/*
 * Deadlines: the 3rd and 5th working day after the report.  National Day
 * 2026: 10-01..10-07 off, Saturday 10-10 a make-up working day.
 */
static void
working_days(void **state)
{
	struct date_special	 sp[8];
	struct date_cal		 cal;
	int			 i;

	(void)state;
	for (i = 0; i < 5; i++) {	/* Thu 10-01 .. Wed 10-07, weekdays */
		sp[i].day = ymd(2026, 10, 1 + i + (i >= 2 ? 2 : 0));
		sp[i].kind = DATE_HOLIDAY;
	}
	sp[5].day = ymd(2026, 10, 10);
	sp[5].kind = DATE_WORKDAY;
	cal.days = sp;
	cal.ndays = 6;
	assert_int_equal(date_cal_sort(&cal), -1);
	/* Plain week: Monday + 3 = Thursday; Friday + 3 = Wednesday. */
	assert_int_equal(date_cal_add(&cal, ymd(2026, 9, 7), 3),
	    ymd(2026, 9, 10));
	assert_int_equal(date_cal_add(&cal, ymd(2026, 9, 11), 3),
	    ymd(2026, 9, 16));
	/* Reported Wed 09-30: 10-08 (Thu), 10-09 (Fri), 10-10 (make-up Sat). */
	assert_int_equal(date_cal_add(&cal, ymd(2026, 9, 30), 3),
	    ymd(2026, 10, 10));
	/* Department: 5th working day: ..., 10-12 (Mon), 10-13 (Tue). */
	assert_int_equal(date_cal_add(&cal, ymd(2026, 9, 30), 5),
	    ymd(2026, 10, 13));
	assert_false(date_cal_working(&cal, ymd(2026, 10, 5)));
	assert_true(date_cal_working(&cal, ymd(2026, 10, 10)));
	assert_false(date_cal_working(&cal, ymd(2026, 10, 11)));
	/* A date listed twice is found. */
	sp[6] = sp[0];
	cal.ndays = 7;
	assert_true(date_cal_sort(&cal) >= 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spellings),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(months),
		cmocka_unit_test(working_days),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
