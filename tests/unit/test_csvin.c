/*
 * Unit tests of csvin: encodings, line ends, quoting, headers and the
 * exact messages for bad files (RULES.md §2, "All CSV files").
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

#include "csvin.h"
#include "diag.h"

/* The columns of inspections.csv, in their spec order. */
static const struct csvin_col cols[] = {
	{ "grid", "网格", 1 }, { "road", "道路", 1 }, { "item", "扣分项", 1 },
	{ "count", "数量", 0 }, { "note", "备注", 0 },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

/* Parse data; diag text in *msgs (owned by the returned diag). */
static struct csvin *
parse(const char *data, size_t len, struct diag **d)
{
	*d = diag_new(NULL);
	assert_non_null(*d);
	return csvin_parse("t.csv", data, len, cols, NCOLS, *d);
}

#define PARSE(s, d) parse((s), sizeof(s) - 1, (d))

static void
plain_utf8(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("grid,road,item\ng1,东风路,A1\ng2,人民路,\n",
			    &d);

	(void)state;
	assert_non_null(t);
	assert_int_equal(diag_errors(d), 0);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->rows[0].cells[1], "东风路");
	assert_string_equal(t->rows[1].cells[2], "");
	assert_null(t->rows[0].cells[3]);	/* count column absent */
	assert_int_equal(t->rows[1].line, 3);
	csvin_free(t);
	diag_free(d);
}

static void
bom_crlf_chinese_headers(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("\xEF\xBB\xBF扣分项,网格,道路\r\nA1,g1,x路\r\n",
			    &d);

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0].cells[0], "g1");
	assert_string_equal(t->rows[0].cells[1], "x路");
	assert_string_equal(t->rows[0].cells[2], "A1");
	assert_int_equal(t->pos[2], 1);	/* item is the first field */
	csvin_free(t);
	diag_free(d);
}

static void
gb18030(void **state)
{
	struct diag	*d;
	/* 网格,道路,扣分项 / g1,东风路,A1 saved as GBK. */
	struct csvin	*t = PARSE("\xCD\xF8\xB8\xF1,\xB5\xC0\xC2\xB7,item\r\n"
			    "g1,\xB6\xAB\xB7\xE7\xC2\xB7,A1\r\n", &d);

	(void)state;
	assert_non_null(t);
	assert_int_equal(diag_errors(d), 0);
	assert_string_equal(t->rows[0].cells[1], "东风路");
	csvin_free(t);
	diag_free(d);
}

static void
bad_encoding(void **state)
{
	struct diag	*d;
	/* 0xFF is neither UTF-8 nor GB18030. */
	struct csvin	*t = PARSE("grid,road,item\ng1,a,A1\ng2,\xFF\xFF,A1\n",
			    &d);

	(void)state;
	assert_null(t);
	assert_string_equal(diag_text(d), "gridstar: t.csv:3: text is neither "
	    "UTF-8 nor GB18030 (save the file as CSV UTF-8 or GBK)\n");
	diag_free(d);
}

static void
quoted_newline_and_comma(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("grid,road,item,note\n"
			    "g1,\"东风路,北段\",A1,\"two\nlines\"\n"
			    "g2,b,A2,x\n", &d);

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(t->rows[0].cells[1], "东风路,北段");
	assert_string_equal(t->rows[0].cells[4], "two\nlines");
	assert_int_equal(t->rows[0].line, 2);
	assert_int_equal(t->rows[1].line, 4);	/* after the two-line record */
	csvin_free(t);
	diag_free(d);
}

static void
blank_lines_hash_columns_trim(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("grid, road ,#备注,item\n\n g1 ,a,secret,A1\n"
			    ",,,\n", &d);

	(void)state;
	assert_non_null(t);
	assert_int_equal(diag_errors(d), 0);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0].cells[0], "g1");
	assert_int_equal(t->rows[0].line, 3);
	csvin_free(t);
	diag_free(d);
}

static void
header_problems(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("grid,ROAD,colour,grid\ng1,a,b,c\n", &d);

	(void)state;
	assert_null(t);
	assert_string_equal(diag_text(d),
	    "gridstar: t.csv:1:3: unknown column \"colour\"\n"
	    "gridstar: t.csv:1:4: column \"grid\" appears twice (also column 1)\n"
	    "gridstar: t.csv:1: missing column \"item\" (扣分项)\n");
	diag_free(d);
}

static void
ragged_rows_all_reported(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("grid,road,item\ng1,a\ng2,b,A1\ng3,c,A1,x\n",
			    &d);

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(diag_text(d),
	    "gridstar: t.csv:2: row has 2 fields but the header has 3\n"
	    "gridstar: t.csv:4: row has 4 fields but the header has 3\n");
	csvin_free(t);
	diag_free(d);
}

static void
unterminated_quote(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("grid,road,item\ng1,a,A1\ng2,\"b,A1\n", &d);

	(void)state;
	assert_null(t);
	assert_string_equal(diag_text(d), "gridstar: t.csv:3: unterminated "
	    "quoted field at end of file\n");
	diag_free(d);
}

static void
stray_quote(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("grid,road,item\ng1,a\"b,A1\n", &d);

	(void)state;
	assert_null(t);
	assert_string_equal(diag_text(d), "gridstar: t.csv:2:2: stray quote (\") "
	    "in a cell that does not start with one: put the whole cell in "
	    "quotes and write the quote twice\n");
	diag_free(d);
}

static void
empty_files(void **state)
{
	struct diag	*d;
	struct csvin	*t = PARSE("", &d);

	(void)state;
	assert_null(t);
	assert_string_equal(diag_text(d), "gridstar: t.csv: file is empty: a "
	    "header row is needed\n");
	diag_free(d);
	t = PARSE("grid,road,item\r\n", &d);
	assert_non_null(t);	/* header only: no rows, no error here */
	assert_int_equal(t->nrows, 0);
	csvin_free(t);
	diag_free(d);
}

static void
big_field(void **state)
{
	struct diag	*d;
	struct csvin	*t;
	size_t		 n = 5 * 1024 * 1024, k;
	char		*s = malloc(n + 64);

	(void)state;
	assert_non_null(s);
	k = (size_t)sprintf(s, "grid,road,item\ng1,");
	memset(s + k, 'x', n);
	strcpy(s + k + n, ",A1\n");
	t = parse(s, strlen(s), &d);
	assert_null(t);
	assert_string_equal(diag_text(d), "gridstar: t.csv:2:2: cell is 5242880 "
	    "bytes long; a cell may hold at most 65536\n");
	diag_free(d);
	/* 60 KB is still a cell. */
	n = 60000;
	k = (size_t)sprintf(s, "grid,road,item\ng1,");
	memset(s + k, 'x', n);
	strcpy(s + k + n, ",A1\n");
	t = parse(s, strlen(s), &d);
	assert_non_null(t);
	assert_int_equal(strlen(t->rows[0].cells[1]), n);
	csvin_free(t);
	diag_free(d);
	free(s);
}

static void
utf8_validation(void **state)
{
	(void)state;
	assert_true(csvin_utf8_valid("网格", strlen("网格")));
	assert_false(csvin_utf8_valid("\xC0\x80", 2));	/* overlong */
	assert_false(csvin_utf8_valid("\xED\xA0\x80", 3));	/* surrogate */
	assert_false(csvin_utf8_valid("\xE7\xBD", 2));	/* truncated */
	/*
	 * A bad or truncated sequence, or a good one, after 0 to 40 ASCII
	 * bytes and before 0 to 9 more: wherever it falls in the eight-byte
	 * steps over ASCII, it is seen.
	 */
	{
		char	 t[64];
		size_t	 pre, post, len;
		int	 k;
		const char *const seq[] = { "\xC0\x80", "\xED\xA0\x80",
		    "\x80", "\xFF", "\xE7\xBD", "\xE7\xBD\x91" };

		for (k = 0; k < 6; k++)
			for (pre = 0; pre <= 40; pre++)
				for (post = 0; post <= 9; post++) {
					memset(t, 'a', sizeof(t));
					memcpy(t + pre, seq[k], strlen(seq[k]));
					len = pre + strlen(seq[k]) + post;
					/* "\xE7\xBD" then 'a' is bad too. */
					assert_int_equal(csvin_utf8_valid(t,
					    len), k == 5);
				}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_utf8),
		cmocka_unit_test(bom_crlf_chinese_headers),
		cmocka_unit_test(gb18030),
		cmocka_unit_test(bad_encoding),
		cmocka_unit_test(quoted_newline_and_comma),
		cmocka_unit_test(blank_lines_hash_columns_trim),
		cmocka_unit_test(header_problems),
		cmocka_unit_test(ragged_rows_all_reported),
		cmocka_unit_test(unterminated_quote),
		cmocka_unit_test(stray_quote),
		cmocka_unit_test(empty_files),
		cmocka_unit_test(big_field),
		cmocka_unit_test(utf8_validation),
	};

	return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
