/*
 * libFuzzer harness for site.ini (src/settings.c over libinih).
 *
 * Input: one option byte, then the text of an INI file.
 *	bit 0	parse the text twice into the same settings (every string
 *		setting is replaced: checks that nothing leaks)
 *	bit 1	start from the settings of a good site.ini rather than the
 *		defaults
 *
 * Checked besides memory safety and leaks (FUZZ_CHECK): the return value
 * agrees with the errors reported, a line too long for libinih is an
 * error, and every setting is within what RULES.md §9 allows whatever the
 * file said.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "date.h"
#include "diag.h"
#include "num.h"
#include "settings.h"

#include "fuzz.h"

#define OPT_TWICE	0x01
#define OPT_PREFILLED	0x02

static const char good_ini[] =
    "[site]\n"
    "title = 红星镇网格星级评定\n"
    "base_url = https://grids.example.org/hongxing\n"
    "hotline = 0571-00000000\n"
    "[publication]\n"
    "month = 2026-10\n"
    "stage = final\n"
    "publish_date = 2026年11月2日\n"
    "objection_days = 5\n"
    "[stars]\n"
    "serious_points = 10\n"
    "level2_rounding = floor\n"
    "[subsidy]\n"
    "base = 800.00\n"
    "ratio5 = 1.2\n"
    "[theme]\n"
    "name = default\n"
    "[boards]\n"
    "qr_level = H\n"
    "paper = A2\n"
    "orientation = portrait\n";

static int
in_range(int64_t v, int64_t lo, int64_t hi)
{
	return v >= lo && v <= hi;
}

static void
check_settings(const struct settings *s)
{
	size_t	 n;
	int	 k;

	FUZZ_CHECK(s->theme != NULL && s->theme[0] != '\0');
	FUZZ_CHECK(strspn(s->theme, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == strlen(s->theme));
	if (s->base_url != NULL) {
		n = strlen(s->base_url);
		FUZZ_CHECK(strncmp(s->base_url, "http://", 7) == 0 ||
		    strncmp(s->base_url, "https://", 8) == 0);
		FUZZ_CHECK(s->base_url[n - 1] == '/');
		FUZZ_CHECK(strpbrk(s->base_url, " \"<>'\\") == NULL);
	}
	FUZZ_CHECK(s->month == -1 ||
	    in_range(s->month, 1900 * 12, 9999 * 12 + 11));
	FUZZ_CHECK(s->stage == STAGE_NOTICE || s->stage == STAGE_FINAL);
	FUZZ_CHECK(s->publish_date == -1 ||
	    in_range(s->publish_date, date_from_ymd(1900, 1, 1),
	    date_from_ymd(9999, 12, 31)));
	FUZZ_CHECK(in_range(s->objection_days, 0, 60));
	FUZZ_CHECK(in_range(s->serious_points, 1, 100 * NUM_C));
	FUZZ_CHECK(in_range(s->closure_red, 0, NUM_R));
	FUZZ_CHECK(in_range(s->ontime_red, 0, NUM_R));
	FUZZ_CHECK(in_range(s->closure_black, 0, NUM_R));
	FUZZ_CHECK(in_range(s->work_red, 0, 100 * NUM_C));
	FUZZ_CHECK(in_range(s->work_black, 0, 100 * NUM_C));
	FUZZ_CHECK(s->level2_floor == 0 || s->level2_floor == 1);
	FUZZ_CHECK(in_range(s->subsidy_base, 0, NUM_MAX));
	for (k = 0; k < 6; k++)
		FUZZ_CHECK(in_range(s->ratio[k], 0, 100 * NUM_R));
	FUZZ_CHECK(s->qr_level != '\0' && strchr("LMQH", s->qr_level) != NULL);
	FUZZ_CHECK(s->paper == PAPER_A4 || s->paper == PAPER_A3 ||
	    s->paper == PAPER_A2);
	FUZZ_CHECK(s->landscape == 0 || s->landscape == 1);
}

/*
 * Whether every line of text fits libinih's line buffer (INI_MAX_LINE,
 * 200 bytes with the newline and the NUL).  A longer line reaches the
 * handler cut in two, its tail as a line of its own: that must be
 * reported, never taken as a setting.
 */
static int
lines_fit(const char *text)
{
	const char	*nl;
	size_t		 n;

	for (;;) {
		nl = strchr(text, '\n');
		n = nl != NULL ? (size_t)(nl - text) + 1 : strlen(text);
		if (n > INI_MAX_LINE - 1)
			return 0;
		if (nl == NULL)
			return 1;
		text = nl + 1;
	}
}

/* Parse text into s; the result must agree with the errors reported. */
static void
parse_once(struct settings *s, const char *text)
{
	struct diag	*d;
	int		 rc;

	if ((d = diag_new(NULL)) == NULL)
		return;
	rc = settings_parse(s, "input/site.ini", text, d);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK((rc == -1) == (diag_errors(d) > 0));
	if (rc == 0)
		FUZZ_CHECK(lines_fit(text));
	diag_finish(d);
	diag_free(d);
	check_settings(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings	 s;
	char		*text;
	unsigned	 opt;

	if (size < 1)
		return 0;
	opt = data[0];
	data++;
	size--;
	/* settings_parse wants a C string: NUL bytes inside end it early. */
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	settings_defaults(&s);
	if (opt & OPT_PREFILLED)
		parse_once(&s, good_ini);
	parse_once(&s, text);
	if (opt & OPT_TWICE)
		parse_once(&s, text);
	settings_release(&s);
	FUZZ_CHECK(s.title == NULL && s.theme == NULL);
	free(text);
	return 0;
}
