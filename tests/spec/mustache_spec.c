/*
 * Runner for the official Mustache spec tests (the JSON files of
 * mustache/spec, kept in ../shared/mustache-spec/) and for our literate
 * spec tests/spec/template.txt.  Usage:
 *
 *	mustache_spec [-v] FILE.json|FILE.txt...
 *
 * A JSON file holds {"tests": [{"name", "data", "partials", "template",
 * "expected"}, ...]}.  A .txt file is prose with cmark-style example
 * blocks (see the top of template.txt): template, ".", expected output,
 * and optionally ".", data as JSON, and ".", partials as a JSON object.
 *
 * Each test's data becomes a val tree and its partials and template a
 * tmpl_set; the rendered output (or, when parsing or rendering fails,
 * the diagnostics) is compared with the expected text.  Prints "FAIL
 * file: test" with the expected and actual output for each failure (and
 * "ok file: test" for each pass with -v), then one summary line
 * "N passed, N failed".  Exits 0 when nothing failed, 1 otherwise,
 * 2 on a usage error.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "diag.h"
#include "tmpl.h"
#include "val.h"

/* Set name of the test's main template; spec partial names are words. */
#define MAIN_NAME	"<template>"
/* Opening line of an example block in a .txt file, after the backticks. */
#define EXAMPLE_INFO	" example"
/* How cmark's spec.txt shows a tab ("→", U+2192) in examples. */
#define TAB_ARROW	"\xe2\x86\x92"

/* Results so far. */
struct tally {
	long	 passed;
	long	 failed;
	int	 verbose;	/* print passes too */
};

/* One test case; strings are borrowed from the file's data. */
struct test {
	const char	*where;	/* "file: name" for messages */
	const char	*tmpl;	/* template */
	size_t		 tlen;
	const char	*expected;	/* output, or diagnostics on failure */
	size_t		 elen;
	const json_t	*data;	/* root context; NULL: none */
	const json_t	*partials;	/* object of name: text, or NULL */
};

/*
 * Convert a JSON value to a val tree.  Returns it (the caller frees it
 * with val_free), or NULL when out of memory.
 */
static struct val *
from_json(const json_t *j)
{
	struct val	*v;
	const char	*key;
	json_t		*item;
	size_t		 i;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		if ((v = val_new_map()) == NULL)
			return NULL;
		json_object_foreach((json_t *)j, key, item)
			if (val_map_set(v, key, from_json(item)) == -1) {
				val_free(v);
				return NULL;
			}
		return v;
	case JSON_ARRAY:
		if ((v = val_new_list()) == NULL)
			return NULL;
		json_array_foreach(j, i, item)
			if (val_list_push(v, from_json(item)) == -1) {
				val_free(v);
				return NULL;
			}
		return v;
	case JSON_STRING:
		return val_new_strn(json_string_value(j),
		    json_string_length(j));
	case JSON_INTEGER:
		return val_new_num((double)json_integer_value(j));
	case JSON_REAL:
		return val_new_num(json_real_value(j));
	case JSON_TRUE:
		return val_new_bool(1);
	case JSON_FALSE:
		return val_new_bool(0);
	default:
		return val_new_null();
	}
}

/* Print s with its invisible characters shown, as JSON does. */
static void
show(const char *label, const char *s, size_t len)
{
	json_t	*j = json_stringn(s, len);
	char	*text = j != NULL ? json_dumps(j, JSON_ENCODE_ANY) : NULL;

	printf("  %s %s\n", label, text != NULL ? text : "(unprintable)");
	free(text);
	json_decref(j);
}

/* Count a result and print it. */
static void
report(struct tally *tl, const struct test *t, int ok, const char *got,
    size_t glen)
{
	if (ok) {
		tl->passed++;
		if (tl->verbose)
			printf("ok %s\n", t->where);
		return;
	}
	tl->failed++;
	printf("FAIL %s\n", t->where);
	show("template:", t->tmpl, t->tlen);
	show("expected:", t->expected, t->elen);
	show("got:     ", got, glen);
}

/*
 * Run one test: render it, or take the diagnostics when that fails, and
 * compare with the expected text.
 */
static void
run(struct tally *tl, const struct test *t)
{
	struct tmpl_set	*set = NULL;
	struct val	*data = NULL;
	struct diag	*d = NULL;
	struct buf	 out;
	const char	*pname, *got;
	json_t		*ptext;
	size_t		 glen;
	int		 rc = -1;

	buf_init(&out);
	if ((set = tmpl_set_new()) == NULL || (d = diag_new(NULL)) == NULL ||
	    (t->data != NULL && (data = from_json(t->data)) == NULL)) {
		report(tl, t, 0, "(out of memory)", 15);
		goto out;
	}
	json_object_foreach((json_t *)t->partials, pname, ptext)
		if (json_is_string(ptext))
			tmpl_set_add(set, pname, json_string_value(ptext),
			    json_string_length(ptext), d, pname);
	if (tmpl_set_add(set, MAIN_NAME, t->tmpl, t->tlen, d, "template")
	    == 0 && diag_errors(d) == 0)
		rc = tmpl_exec_diag(set, MAIN_NAME, data, &out, d);
	if (rc == 0) {
		got = out.data != NULL ? out.data : "";
		glen = out.len;
	} else {
		got = diag_text(d);
		glen = strlen(got);
	}
	report(tl, t, glen == t->elen && memcmp(got, t->expected, glen) == 0,
	    got, glen);
out:
	buf_release(&out);
	val_free(data);
	tmpl_set_free(set);
	diag_free(d);
}

/* Run the tests of a spec JSON file. */
static void
run_json(struct tally *tl, const char *path, const char *base)
{
	json_t		*root, *tests, *test, *tmpl, *exp;
	json_error_t	 err;
	struct test	 t;
	struct buf	 where;
	const char	*name;
	size_t		 i;

	if ((root = json_load_file(path, 0, &err)) == NULL) {
		printf("FAIL %s:%d: %s\n", path, err.line, err.text);
		tl->failed++;
		return;
	}
	tests = json_object_get(root, "tests");
	if (!json_is_array(tests)) {
		printf("FAIL %s: no \"tests\" array\n", path);
		tl->failed++;
	}
	buf_init(&where);
	json_array_foreach(tests, i, test) {
		name = json_string_value(json_object_get(test, "name"));
		tmpl = json_object_get(test, "template");
		exp = json_object_get(test, "expected");
		buf_reset(&where);
		buf_printf(&where, "%s: %s", base,
		    name != NULL ? name : "(unnamed)");
		if (!json_is_string(tmpl) || !json_is_string(exp)) {
			printf("FAIL %s: no template or expected output\n",
			    where.data);
			tl->failed++;
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.where = where.data;
		t.tmpl = json_string_value(tmpl);
		t.tlen = json_string_length(tmpl);
		t.expected = json_string_value(exp);
		t.elen = json_string_length(exp);
		t.data = json_object_get(test, "data");
		t.partials = json_object_get(test, "partials");
		run(tl, &t);
	}
	buf_release(&where);
	json_decref(root);
}

/* Append line to b, showing cmark's tab arrows as tabs. */
static void
put_line(struct buf *b, const char *line)
{
	const char *arrow;

	while ((arrow = strstr(line, TAB_ARROW)) != NULL) {
		buf_put(b, line, (size_t)(arrow - line));
		buf_putc(b, '\t');
		line = arrow + strlen(TAB_ARROW);
	}
	buf_puts(b, line);
}

/* Whether line is "```...` example" (open) or only backticks (close). */
static int
is_fence(const char *line, int open)
{
	size_t n = strspn(line, "`");

	if (n < 3)
		return 0;
	if (open)
		return strcmp(line + n, EXAMPLE_INFO "\n") == 0;
	return strcmp(line + n, "\n") == 0 || line[n] == '\0';
}

/*
 * Run one example of a .txt file from its sections (template, expected,
 * data, partials); where names it.
 */
static void
run_example(struct tally *tl, const char *where, struct buf *sec, int nsec)
{
	struct test	 t;
	json_t		*j[2] = { NULL, NULL };
	json_error_t	 err;
	int		 i;

	memset(&t, 0, sizeof(t));
	t.where = where;
	for (i = 0; i < 2; i++) {
		if (nsec <= i + 2)
			break;
		j[i] = json_loadb(sec[i + 2].data != NULL ? sec[i + 2].data :
		    "", sec[i + 2].len, JSON_DECODE_ANY, &err);
		if (j[i] == NULL) {
			printf("FAIL %s\n  bad JSON in section %d: %s\n",
			    where, i + 3, err.text);
			tl->failed++;
			goto out;
		}
	}
	if (nsec < 2) {
		printf("FAIL %s\n  no \".\" line after the template\n", where);
		tl->failed++;
		goto out;
	}
	t.tmpl = sec[0].data != NULL ? sec[0].data : "";
	t.tlen = sec[0].len;
	t.expected = sec[1].data != NULL ? sec[1].data : "";
	t.elen = sec[1].len;
	t.data = j[0];
	t.partials = j[1];
	run(tl, &t);
out:
	json_decref(j[0]);
	json_decref(j[1]);
}

/*
 * Run the examples of a literate spec file: cmark's spec.txt format,
 * with up to four sections per example.  Examples are named
 * "Example N (lines A-B) HEADING" after the last "#" heading.
 */
static void
run_txt(struct tally *tl, const char *path, const char *base)
{
	FILE		*f;
	char		*line = NULL, *p;
	size_t		 cap = 0;
	struct buf	 sec[4], heading, where;
	long		 lineno = 0, start = 0, example = 0;
	int		 in = 0, nsec = 0, i;

	if ((f = fopen(path, "r")) == NULL) {
		printf("FAIL %s: %s\n", path, strerror(errno));
		tl->failed++;
		return;
	}
	for (i = 0; i < 4; i++)
		buf_init(&sec[i]);
	buf_init(&heading);
	buf_init(&where);
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		if (!in && line[0] == '#') {
			buf_reset(&heading);
			p = line + strspn(line, "#");
			buf_put(&heading, p + strspn(p, " "),
			    strcspn(p + strspn(p, " "), "\n"));
		} else if (!in && is_fence(line, 1)) {
			in = 1;
			nsec = 1;
			start = lineno;
			for (i = 0; i < 4; i++)
				buf_reset(&sec[i]);
		} else if (in && is_fence(line, 0)) {
			in = 0;
			buf_reset(&where);
			buf_printf(&where, "%s: Example %ld (lines %ld-%ld) %s",
			    base, ++example, start, lineno,
			    heading.data != NULL ? heading.data : "");
			run_example(tl, where.data, sec, nsec);
		} else if (in && strcmp(line, ".\n") == 0 && nsec < 4)
			nsec++;
		else if (in)
			put_line(&sec[nsec - 1], line);
	}
	if (in) {
		printf("FAIL %s:%ld: unclosed example\n", base, start);
		tl->failed++;
	}
	free(line);
	fclose(f);
	for (i = 0; i < 4; i++)
		buf_release(&sec[i]);
	buf_release(&heading);
	buf_release(&where);
}

int
main(int argc, char *argv[])
{
	struct tally	 tl;
	const char	*base, *dot;
	int		 a = 1;

	memset(&tl, 0, sizeof(tl));
	if (a < argc && strcmp(argv[a], "-v") == 0) {
		tl.verbose = 1;
		a++;
	}
	if (a == argc) {
		fprintf(stderr, "Usage: mustache_spec [-v] "
		    "FILE.json|FILE.txt...\n");
		return 2;
	}
	for (; a < argc; a++) {
		base = strrchr(argv[a], '/') != NULL ?
		    strrchr(argv[a], '/') + 1 : argv[a];
		dot = strrchr(base, '.');
		if (dot != NULL && strcmp(dot, ".txt") == 0)
			run_txt(&tl, argv[a], base);
		else
			run_json(&tl, argv[a], base);
	}
	printf("%ld passed, %ld failed\n", tl.passed, tl.failed);
	return tl.failed > 0 ? 1 : 0;
}
