/*
 * Unit tests of tmpl and val for what the Mustache spec does not cover:
 * HTML escaping, the nesting and recursion limits, parse error messages
 * and number formatting.  The spec itself is run by tests/spec/.
 * Ends with the line "N passed, N failed"; exits non-zero on a failure.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "tmpl.h"
#include "val.h"

/* Nesting depth of the pathological template (STYLE.md section 8). */
#define DEEP	1000

/* Per-test state: a set, a diagnostics sink and an output buffer. */
struct fix {
	struct tmpl_set	*set;
	struct diag	*d;
	struct buf	 out;
};

static int
setup(void **state)
{
	struct fix *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	f->set = tmpl_set_new();
	f->d = diag_new(NULL);
	buf_init(&f->out);
	*state = f;
	return f->set != NULL && f->d != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	tmpl_set_free(f->set);
	diag_free(f->d);
	buf_release(&f->out);
	free(f);
	return 0;
}

/* Add template name with NUL-terminated text; 0 or -1 as tmpl_set_add. */
static int
add(struct fix *f, const char *name, const char *text)
{
	return tmpl_set_add(f->set, name, text, strlen(text), f->d,
	    "page.html");
}

/*
 * Render text as template "t" with data into f->out (emptied first).
 * Returns the output (owned by f), or NULL when parsing or executing
 * failed.
 */
static const char *
render(struct fix *f, const char *text, const struct val *data)
{
	buf_reset(&f->out);
	if (add(f, "t", text) == -1 ||
	    tmpl_exec_diag(f->set, "t", data, &f->out, f->d) == -1)
		return NULL;
	return f->out.data != NULL ? f->out.data : "";
}

/* A map {key: s}. */
static struct val *
map_str(const char *key, const char *s)
{
	struct val *m = val_new_map();

	assert_non_null(m);
	assert_int_equal(val_map_set_str(m, key, s), 0);
	return m;
}

/*
 * Found by fuzzing: nine sections deep over a ten-item list would write
 * gigabytes; the run stops at the output or step limit instead.
 */
static void
test_runaway_output(void **state)
{
	struct fix	*f = *state;
	struct val	*v = val_new_map(), *l;
	char		 t[512];
	int		 i;
	size_t		 n = 0;

	assert_non_null(v);
	l = val_map_set_list(v, "l");
	for (i = 0; i < 10; i++)
		val_list_push(l, val_new_num(i));
	for (i = 0; i < 9; i++)
		n += (size_t)snprintf(t + n, sizeof(t) - n, "{{#l}}");
	n += (size_t)snprintf(t + n, sizeof(t) - n, "%060d", 0);
	for (i = 0; i < 9; i++)
		n += (size_t)snprintf(t + n, sizeof(t) - n, "{{/l}}");
	assert_null(render(f, t, v));
	assert_non_null(strstr(diag_text(f->d), "execution stopped after"));
	assert_true(f->out.len <= (size_t)TMPL_MAX_OUTPUT);
	val_free(v);
}

static void
test_escape(void **state)
{
	struct fix	*f = *state;
	struct val	*v = map_str("x", "<script>alert(1)</script>\"&'");

	assert_string_equal(render(f, "{{x}}", v),
	    "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;");
	assert_string_equal(render(f, "{{{x}}}", v),
	    "<script>alert(1)</script>\"&'");
	assert_string_equal(render(f, "{{& x }}", v),
	    "<script>alert(1)</script>\"&'");
	assert_string_equal(render(f, "<a title=\"{{x}}\">", v),
	    "<a title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;"
	    "&#39;\">");
	val_free(v);
}

static void
test_escape_binary(void **state)
{
	struct fix	*f = *state;
	struct val	*v = val_new_map();

	/* Strings carry a length: a NUL byte is output, not an end. */
	assert_int_equal(val_map_set_strn(v, "x", "a\0<b", 4), 0);
	assert_non_null(render(f, "[{{x}}]", v));
	assert_int_equal(f->out.len, 9);
	assert_memory_equal(f->out.data, "[a\0&lt;b]", 9);
	val_free(v);
}

/*
 * Escaping writes into room it makes for the worst case: long values of
 * every escaped byte, after text that leaves the buffer nearly full, come
 * out whole, byte for byte as the entities say.
 */
static void
test_escape_long(void **state)
{
	static const char	*const rep[] = { "&amp;", "&lt;", "&gt;",
	    "&quot;", "&#39;" };
	static const char	 raw[] = "&<>\"'";
	struct fix		*f = *state;
	struct val		*v;
	struct buf		 in, want;
	char			 text[300];
	size_t			 n, i;

	for (n = 1; n <= 5000; n = n * 3 + 1) {
		buf_init(&in);
		buf_init(&want);
		for (i = 0; i < n; i++) {
			buf_putc(&in, raw[i % 5]);
			buf_puts(&want, rep[i % 5]);
			if (i % 7 == 0) {
				buf_putc(&in, 'x');
				buf_putc(&want, 'x');
			}
		}
		v = val_new_map();
		assert_int_equal(val_map_set_strn(v, "x", in.data, in.len), 0);
		buf_reset(&f->out);
		/* 250 bytes of text first: the value crosses the first 256. */
		memset(text, 'a', 250);
		strcpy(text + 250, "{{x}}.");
		assert_int_equal(tmpl_set_add(f->set, "t", text, strlen(text),
		    f->d, NULL), 0);
		assert_int_equal(tmpl_exec(f->set, "t", v, &f->out), 0);
		assert_int_equal(f->out.len, 250 + want.len + 1);
		assert_memory_equal(f->out.data + 250, want.data, want.len);
		assert_string_equal(f->out.data + 250 + want.len, ".");
		val_free(v);
		buf_release(&in);
		buf_release(&want);
	}
}

/* "{{#a}}" n times, inner, then "{{/a}}" n times. */
static char *
nested_around(int n, const char *inner)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_puts(&b, "{{#a}}");
	buf_puts(&b, inner);
	for (i = 0; i < n; i++)
		buf_puts(&b, "{{/a}}");
	return buf_detach(&b);
}

/* "{{#a}}" n times, "x", then "{{/a}}" n times. */
static char *
nested(int n)
{
	return nested_around(n, "x");
}

static void
test_depth_pathological(void **state)
{
	struct fix	*f = *state;
	char		*text = nested(DEEP);

	assert_non_null(text);
	assert_int_equal(add(f, "t", text), -1);
	assert_int_equal(diag_errors(f->d), 1);
	assert_string_equal(diag_text(f->d), "gridstar: page.html:1: "
	    "sections nested deeper than 128\n");
	assert_int_equal(tmpl_set_has(f->set, "t"), 0);
	free(text);
}

static void
test_depth_limit(void **state)
{
	struct fix	*f = *state;
	struct val	*v = val_new_map();
	char		*ok = nested(TMPL_MAX_DEPTH);
	char		*bad = nested(TMPL_MAX_DEPTH + 1);

	assert_int_equal(val_map_set_bool(v, "a", 1), 0);
	assert_string_equal(render(f, ok, v), "x");
	assert_null(render(f, bad, v));
	assert_int_equal(diag_errors(f->d), 1);
	/* The failed add left the good template in place. */
	buf_reset(&f->out);
	assert_int_equal(tmpl_exec(f->set, "t", v, &f->out), 0);
	assert_string_equal(f->out.data, "x");
	free(ok);
	free(bad);
	val_free(v);
}

static void
test_partial_recursion(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "loop", "a\n{{>loop}}"), 0);
	assert_int_equal(add(f, "t", "<{{>loop}}>"), 0);
	buf_puts(&f->out, "kept");
	assert_int_equal(tmpl_exec_diag(f->set, "t", NULL, &f->out, f->d), -1);
	/* The output is put back as it was. */
	assert_int_equal(f->out.len, 4);
	assert_string_equal(f->out.data, "kept");
	assert_string_equal(diag_text(f->d), "gridstar: page.html:2: "
	    "partials nested deeper than 64\n");
	/* Without a sink the error is only returned. */
	assert_int_equal(tmpl_exec(f->set, "t", NULL, &f->out), -1);
	assert_int_equal(diag_errors(f->d), 1);
}

static void
test_partial_recursion_bounded(void **state)
{
	struct fix	*f = *state;
	struct val	*root, *v;
	int		 i;

	/*
	 * Recursion that the data ends is fine up to the limit: a chain
	 * of maps, each with a list "kids" holding the next.
	 */
	root = v = val_new_map();
	for (i = 0; i < TMPL_MAX_PARTIALS - 1; i++)
		v = val_list_push_map(val_map_set_list(v, "kids"));
	assert_non_null(val_map_set_list(v, "kids"));
	assert_int_equal(add(f, "node",
	    "({{#kids}}{{>node}}{{/kids}})"), 0);
	assert_int_equal(add(f, "t", "{{>node}}"), 0);
	assert_int_equal(tmpl_exec(f->set, "t", root, &f->out), 0);
	assert_int_equal(f->out.len, 2 * TMPL_MAX_PARTIALS);
	/* One level more fails. */
	assert_non_null(val_list_push_map(val_map_set_list(v, "kids")));
	buf_reset(&f->out);
	assert_int_equal(tmpl_exec(f->set, "t", root, &f->out), -1);
	assert_int_equal(f->out.len, 0);
	val_free(root);
}

static void
test_nest_limit(void **state)
{
	struct fix	*f = *state;
	struct val	*v = val_new_map();
	char		*text = nested_around(TMPL_MAX_DEPTH, "{{>p}}");

	/* Each partial adds 128 sections: the total limit comes first. */
	assert_int_equal(val_map_set_bool(v, "a", 1), 0);
	assert_int_equal(add(f, "p", text), 0);
	assert_null(render(f, "{{>p}}", v));
	assert_string_equal(diag_text(f->d), "gridstar: page.html:1: "
	    "sections and partials nested deeper than 1024\n");
	free(text);
	val_free(v);
}

static void
test_missing(void **state)
{
	struct fix *f = *state;

	assert_string_equal(render(f, "[{{>nope}}]", NULL), "[]");
	assert_string_equal(render(f, "[{{x}}{{#x}}y{{/x}}{{^x}}n{{/x}}]",
	    NULL), "[n]");
	assert_int_equal(tmpl_exec_diag(f->set, "nope", NULL, &f->out, f->d),
	    -1);
	assert_string_equal(diag_text(f->d),
	    "gridstar: no template named \"nope\"\n");
}

/* Parse text and expect exactly the message msg. */
static void
expect_error(struct fix *f, const char *text, const char *msg)
{
	diag_free(f->d);
	f->d = diag_new(NULL);
	assert_non_null(f->d);
	assert_int_equal(add(f, "t", text), -1);
	assert_string_equal(diag_text(f->d), msg);
}

static void
test_parse_errors(void **state)
{
	struct fix *f = *state;

	expect_error(f, "a\nb\n{{#x}}\n", "gridstar: page.html:3: "
	    "unclosed section \"x\"\n");
	expect_error(f, "{{#x}}\n{{#y}}\n{{/x}}\n", "gridstar: page.html:3: "
	    "mismatched closing tag \"x\", expected \"y\" "
	    "(opened on line 2)\n");
	expect_error(f, "\n\n\n{{/x}}", "gridstar: page.html:4: "
	    "closing tag \"x\" without an open section\n");
	expect_error(f, "a\n{{x\n\n", "gridstar: page.html:2: "
	    "unclosed tag: missing \"}}\"\n");
	expect_error(f, "{{{x}}", "gridstar: page.html:1: "
	    "unclosed tag: missing \"}}}\"\n");
	expect_error(f, "\n{{!never closed", "gridstar: page.html:2: "
	    "unclosed tag: missing \"}}\"\n");
	expect_error(f, "{{=<% %>=}}\n<%x}}", "gridstar: page.html:2: "
	    "unclosed tag: missing \"%>\"\n");
	expect_error(f, "{{}}", "gridstar: page.html:1: empty tag name\n");
	expect_error(f, "{{a..b}}", "gridstar: page.html:1: "
	    "bad tag name \"a..b\": empty part in dotted name\n");
	expect_error(f, "{{a b}}", "gridstar: page.html:1: "
	    "bad tag name \"a b\": white space in name\n");
	expect_error(f, "{{=<% %> x=}}", "gridstar: page.html:1: "
	    "bad set-delimiter tag \"<% %> x\": want two delimiters "
	    "separated by white space\n");
	expect_error(f, "{{=<= =>=}}", "gridstar: page.html:1: "
	    "bad set-delimiter tag \"<= =>\": delimiters may not contain "
	    "\"=\"\n");
	expect_error(f, "{{<parent}}{{/parent}}", "gridstar: page.html:1: "
	    "template inheritance (\"<\" tags) is not supported\n");
	/* Quoted tag text stops at a line break. */
	expect_error(f, "x\n{{a\nb}}", "gridstar: page.html:2: "
	    "bad tag name \"a\": white space in name\n");
	/* Name errors do not stop parsing: both are reported. */
	expect_error(f, "{{a..b}}\n{{.c}}", "gridstar: page.html:1: "
	    "bad tag name \"a..b\": empty part in dotted name\n"
	    "gridstar: page.html:2: "
	    "bad tag name \".c\": empty part in dotted name\n");
	/* Lines count inside multi-line tags and after set delimiters. */
	expect_error(f, "{{!\n\n}}\n{{=<% %>=}}\n<%#x%>\n", "gridstar: "
	    "page.html:5: unclosed section \"x\"\n");
	assert_int_equal(tmpl_set_has(f->set, "t"), 0);
}

static void
test_filename_default(void **state)
{
	struct fix *f = *state;

	assert_int_equal(tmpl_set_add(f->set, "head", "{{#x}}", 6, f->d,
	    NULL), -1);
	assert_string_equal(diag_text(f->d), "gridstar: head:1: "
	    "unclosed section \"x\"\n");
}

static void
test_replace(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "p", "one"), 0);
	assert_int_equal(add(f, "p", "two"), 0);
	assert_string_equal(render(f, "{{>p}}", NULL), "two");
}

static void
test_not_nul_terminated(void **state)
{
	struct fix	*f = *state;
	const char	 text[] = { '{', '{', 'x', '}', '}', '{', '{' };

	/* Only len bytes are read: the trailing "{{" is out of range. */
	assert_int_equal(tmpl_set_add(f->set, "t", text, 5, f->d, NULL), 0);
	assert_int_equal(tmpl_set_add(f->set, "u", text, 7, f->d, NULL), -1);
}

static void
test_truthy(void **state)
{
	struct fix	*f = *state;
	struct val	*v = val_new_map();
	const char	*t = "{{#zero}}0{{/zero}}{{#one}}1{{/one}}"
	    "{{#empty}}e{{/empty}}{{#s}}s{{/s}}{{#m}}m{{/m}}{{#nan}}n{{/nan}}";

	assert_int_equal(val_map_set_int(v, "zero", 0), 0);
	assert_int_equal(val_map_set_int(v, "one", 1), 0);
	assert_int_equal(val_map_set_str(v, "empty", ""), 0);
	assert_int_equal(val_map_set_str(v, "s", "x"), 0);
	assert_non_null(val_map_set_map(v, "m"));
	assert_int_equal(val_map_set_num(v, "nan", NAN), 0);
	assert_string_equal(render(f, t, v), "1sm");
	val_free(v);
}

static void
test_indent_nested(void **state)
{
	struct fix *f = *state;

	assert_int_equal(add(f, "inner", "i1\ni2\n"), 0);
	assert_int_equal(add(f, "outer", "o1\n  {{>inner}}\no2 {{>inner}}"),
	    0);
	assert_string_equal(render(f, "<ul>\n  {{>outer}}\n</ul>\n", NULL),
	    "<ul>\n  o1\n    i1\n    i2\n  o2 i1\n  i2\n</ul>\n");
}

/* Format d and compare with want. */
static void
expect_num(double d, const char *want)
{
	char	 out[VAL_NUM_MAX];
	size_t	 n = val_num_format(d, out);

	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
}

static void
test_num_format(void **state)
{
	(void)state;
	expect_num(85, "85");
	expect_num(1.5, "1.5");
	expect_num(1.21, "1.21");
	expect_num(-3, "-3");
	expect_num(0, "0");
	expect_num(-0.0, "0");
	expect_num(0.1, "0.1");
	expect_num(0.1 + 0.2, "0.30000000000000004");
	expect_num(1.0 / 3, "0.3333333333333333");
	expect_num(100, "100");
	expect_num(123456.789, "123456.789");
	expect_num(9007199254740992.0, "9007199254740992");
	expect_num(1e20, "100000000000000000000");
	expect_num(1e21, "1e+21");
	expect_num(1.5e300, "1.5e+300");
	expect_num(0.000001, "0.000001");
	expect_num(1e-7, "1e-7");
	expect_num(-2.5e-10, "-2.5e-10");
	expect_num(5e-324, "5e-324");
	expect_num(-1.7976931348623157e308, "-1.7976931348623157e+308");
	expect_num(NAN, "NaN");
	expect_num(INFINITY, "Infinity");
	expect_num(-INFINITY, "-Infinity");
}

static void
test_num_text(void **state)
{
	struct fix	*f = *state;
	struct val	*v = val_new_map();

	assert_int_equal(val_map_set(v, "pct", val_new_numstr(0.5, "50%")), 0);
	assert_int_equal(val_map_set_int(v, "big", 9007199254740993LL), 0);
	assert_int_equal(val_map_set_int(v, "neg", -42), 0);
	assert_int_equal(val_map_set_num(v, "f", 2.50), 0);
	assert_int_equal(val_map_set_bool(v, "t", 1), 0);
	assert_string_equal(render(f, "{{pct}} {{big}} {{neg}} {{f}} {{t}}",
	    v), "50% 9007199254740993 -42 2.5 true");
	val_free(v);
}

static void
test_val_map(void **state)
{
	struct val		*m = val_new_map();
	const struct val	*v;
	const char		*key;
	size_t			 len;

	(void)state;
	assert_int_equal(val_map_set_str(m, "b", "1"), 0);
	assert_int_equal(val_map_set_str(m, "a", "2"), 0);
	assert_int_equal(val_map_set_str(m, "c", "3"), 0);
	/* Setting again replaces in place. */
	assert_int_equal(val_map_set_int(m, "a", 7), 0);
	assert_int_equal(val_len(m), 3);
	assert_non_null(val_map_at(m, 0, &key));
	assert_string_equal(key, "b");
	v = val_map_at(m, 1, &key);
	assert_string_equal(key, "a");
	assert_int_equal(val_type(v), VAL_NUM);
	assert_true(val_num(v) == 7.0);
	assert_null(val_map_at(m, 3, &key));
	assert_string_equal(val_str(val_map_get(m, "c"), &len), "3");
	assert_int_equal(len, 1);
	assert_null(val_map_get(m, "d"));
	assert_null(val_map_getn(m, "cd", 2));
	assert_non_null(val_map_getn(m, "cd", 1));
	/* Adders own the child even when failing: no leak here. */
	assert_int_equal(val_map_set(m, NULL, val_new_str("x")), -1);
	assert_int_equal(val_list_push(m, val_new_str("x")), -1);
	assert_int_equal(val_map_set(m, "x", NULL), -1);
	assert_int_equal(val_len(m), 3);
	val_free(m);
	val_free(NULL);
	tmpl_set_free(NULL);
}

static void
test_val_list(void **state)
{
	struct val	*l = val_new_list();
	struct val	*m;
	int		 i;

	(void)state;
	for (i = 0; i < 100; i++)
		assert_int_equal(val_list_push(l, val_new_num(i)), 0);
	assert_int_equal(val_len(l), 100);
	assert_true(val_num(val_list_get(l, 99)) == 99.0);
	assert_null(val_list_get(l, 100));
	m = val_list_push_map(l);
	assert_non_null(m);
	assert_int_equal(val_map_set_str(m, "k", "v"), 0);
	assert_int_equal(val_type(val_list_get(l, 100)), VAL_MAP);
	val_free(l);
}

static void
test_val_types(void **state)
{
	struct val	*v;
	char		 tmp[VAL_NUM_MAX];
	size_t		 len;

	(void)state;
	assert_int_equal(val_type(NULL), VAL_NULL);
	v = val_new_str(NULL);
	assert_int_equal(val_type(v), VAL_NULL);
	assert_string_equal(val_text(v, tmp, &len), "");
	assert_int_equal(len, 0);
	val_free(v);
	v = val_new_bool(2);
	assert_int_equal(val_bool(v), 1);
	assert_string_equal(val_text(v, tmp, &len), "true");
	val_free(v);
	v = val_new_list();
	assert_false(val_truthy(v));
	assert_string_equal(val_text(v, tmp, &len), "");
	val_free(v);
	v = val_new_map();
	assert_true(val_truthy(v));
	val_free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(test_runaway_output, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_escape_long, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_escape_binary, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_depth_pathological,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_depth_limit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_partial_recursion, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_partial_recursion_bounded,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_nest_limit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_filename_default, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_nul_terminated, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_truthy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indent_nested, setup,
		    teardown),
		cmocka_unit_test(test_num_format),
		cmocka_unit_test_setup_teardown(test_num_text, setup, teardown),
		cmocka_unit_test(test_val_map),
		cmocka_unit_test(test_val_list),
		cmocka_unit_test(test_val_types),
	};
	size_t	 n = sizeof(tests) / sizeof(tests[0]);
	int	 failed;

	failed = cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
	printf("%zu passed, %d failed\n", n - (size_t)failed, failed);
	return failed > 0 ? 1 : 0;
}
