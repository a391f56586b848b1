/*
 * Unit tests of md: Markdown to HTML in cmark's safe mode (issue 3), so
 * that a notice can never put script on a page, and the pipe tables.
 *
 * The Makefile's pattern rule links unit tests with the core objects only,
 * so md.c is compiled into this test directly (it is found through -Isrc);
 * cmark itself comes from LDLIBS.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "md.h"

/* Render s; the caller releases *b. */
static const char *
render(struct buf *b, const char *s)
{
	buf_init(b);
	assert_int_equal(md_html(s, strlen(s), b), 0);
	return b->data != NULL ? b->data : "";
}

/* Render s and check that the output contains want. */
static void
has(const char *s, const char *want)
{
	struct buf	 b;
	const char	*html = render(&b, s);

	if (strstr(html, want) == NULL)
		fail_msg("\"%s\" not in output of \"%s\":\n%s", want, s, html);
	buf_release(&b);
}

/* Render s and check that the output does not contain bad. */
static void
lacks(const char *s, const char *bad)
{
	struct buf	 b;
	const char	*html = render(&b, s);

	if (strstr(html, bad) != NULL)
		fail_msg("\"%s\" in output of \"%s\":\n%s", bad, s, html);
	buf_release(&b);
}

static void
plain_markdown(void **state)
{
	(void)state;
	has("## 公示说明\n\n正文**加粗**。\n", "<h2>公示说明</h2>");
	has("## 公示说明\n\n正文**加粗**。\n", "<strong>加粗</strong>");
	has("- 一\n- 二\n", "<li>一</li>");
	has("[办法](https://wgh.example.gov.cn/)",
	    "<a href=\"https://wgh.example.gov.cn/\">办法</a>");
	has("a < b & c", "a &lt; b &amp; c");
	has("", "");
}

static void
raw_html_dropped(void **state)
{
	(void)state;
	lacks("<script>alert(1)</script>\n", "<script");
	lacks("text <script>alert(1)</script> more\n", "<script");
	lacks("<iframe src=\"https://evil.example/\"></iframe>\n", "<iframe");
	lacks("<div onclick=\"alert(1)\">x</div>\n", "onclick");
	lacks("a <span onmouseover=\"x()\">b</span>\n", "onmouseover");
	lacks("<img src=x onerror=alert(1)>\n", "onerror");
	lacks("<style>body{display:none}</style>\n", "<style");
	has("<script>alert(1)</script>\n", "raw HTML omitted");
}

static void
script_links_dropped(void **state)
{
	(void)state;
	lacks("[click](javascript:alert(1))", "javascript:");
	lacks("[click](JAVASCRIPT:alert(1))", "JAVASCRIPT:");
	lacks("[click](vbscript:msgbox(1))", "vbscript:");
	lacks("<javascript:alert(1)>", "href=\"javascript:");
	lacks("![x](javascript:alert(1))", "javascript:");
	lacks("[x]: javascript:alert(1)\n\n[go][x]\n", "javascript:");
	has("[click](javascript:alert(1))", "<a href=\"\">click</a>");
}

static void
tables(void **state)
{
	struct buf	 b;
	const char	*html;

	(void)state;
	html = render(&b, "说明：\n\n| 星级 | 奖补比例 |\n|---|--:|\n"
	    "| 五星 | 120% |\n| 三星 | **60%** |\n\n后文\n");
	assert_non_null(strstr(html, "<table>"));
	assert_non_null(strstr(html, "<th>星级</th>"));
	assert_non_null(strstr(html,
	    "<td style=\"text-align:right\">120%</td>"));
	assert_non_null(strstr(html, "<strong>60%</strong>"));
	assert_non_null(strstr(html, "<p>后文</p>"));
	assert_null(strstr(html, "|---"));
	buf_release(&b);
	/* Cells are safe too, and escaped pipes stay in their cell. */
	lacks("| a | b |\n|---|---|\n| <script>x</script> | [c](javascript:y) |\n",
	    "<script");
	lacks("| a | b |\n|---|---|\n| 1 | [c](javascript:y) |\n",
	    "javascript:");
	has("| a | b |\n|---|---|\n| x \\| y | z |\n", "<td>x | y</td>");
	/* Not tables: no delimiter row, a count mismatch, inside code. */
	lacks("| a | b |\n| c | d |\n", "<table>");
	lacks("| a | b |\n|---|\n", "<table>");
	lacks("```\n| a | b |\n|---|---|\n```\n", "<table>");
	lacks("text\n| a | b |\n|---|---|\n", "<table>");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_markdown),
		cmocka_unit_test(raw_html_dropped),
		cmocka_unit_test(script_links_dropped),
		cmocka_unit_test(tables),
	};

	return cmocka_run_group_tests_name("md", tests, NULL, NULL);
}
