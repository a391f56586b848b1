/*
 * Unit tests of settings: site.ini values, defaults and problems
 * (RULES.md §9), including what fuzzing found.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "settings.h"

/* Parse text; the messages are left in *d. */
static int
parse(struct settings *s, const char *text, struct diag **d)
{
	*d = diag_new(NULL);
	assert_non_null(*d);
	settings_defaults(s);
	return settings_parse(s, "site.ini", text, *d);
}

static void
defaults_and_values(void **state)
{
	struct settings	 s;
	struct diag	*d;

	(void)state;
	assert_int_equal(parse(&s, "[site]\ntitle = 青桐街道\nbase_url = "
	    "https://x.example/wgh\n[publication]\nmonth = 2026-10\n"
	    "stage = final\n[subsidy]\nratio5 = 1.5\n", &d), 0);
	assert_string_equal(s.title, "青桐街道");
	assert_string_equal(s.base_url, "https://x.example/wgh/");
	assert_int_equal(s.month, 2026 * 12 + 9);
	assert_int_equal(s.stage, STAGE_FINAL);
	assert_int_equal(s.ratio[5], 15000);
	assert_int_equal(s.ratio[4], 8000);
	assert_int_equal(s.objection_days, 5);
	assert_int_equal(s.serious_points, 1000);
	assert_string_equal(s.theme, "default");
	settings_release(&s);
	diag_free(d);
}

static void
bad_values(void **state)
{
	struct settings	 s;
	struct diag	*d;

	(void)state;
	assert_int_equal(parse(&s, "[publication]\nstage = draft\n[stars]\n"
	    "level2_rounding = up\n[colour]\nx = 1\n", &d), -1);
	assert_string_equal(diag_text(d),
	    "gridstar: site.ini:2: [publication] stage: bad value \"draft\" "
	    "(notice or final)\n"
	    "gridstar: site.ini:4: [stars] level2_rounding: bad value \"up\" "
	    "(half_up or floor)\n"
	    "gridstar: site.ini:6: unknown section [colour]\n");
	settings_release(&s);
	diag_free(d);
}

/* Found by fuzzing: a line longer than libinih's buffer was cut in two. */
static void
long_line(void **state)
{
	struct settings	 s;
	struct diag	*d;
	char		 text[512];

	(void)state;
	snprintf(text, sizeof(text), "[site]\ntitle = %0250d tail\n", 0);
	assert_int_equal(parse(&s, text, &d), -1);
	assert_string_equal(diag_text(d), "gridstar: site.ini:2: line is "
	    "longer than 198 bytes: shorten it\n");
	settings_release(&s);
	diag_free(d);
}

/* Found by fuzzing: an indented line silently replaced the value above. */
static void
continuation_and_repeats(void **state)
{
	struct settings	 s;
	struct diag	*d;

	(void)state;
	assert_int_equal(parse(&s, "[site]\ntitle = a\n  b\n", &d), -1);
	assert_string_equal(diag_text(d), "gridstar: site.ini:3: [site] title "
	    "is given twice (a line that starts with a space continues the "
	    "one above)\n");
	settings_release(&s);
	diag_free(d);
	assert_int_equal(parse(&s, "[stars]\nwork_red = 80\nwork_red = 85\n",
	    &d), -1);
	settings_release(&s);
	diag_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_and_values),
		cmocka_unit_test(bad_values),
		cmocka_unit_test(long_line),
		cmocka_unit_test(continuation_and_repeats),
	};

	return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
