/*
 * libFuzzer harness for the Mustache engine (src/tmpl.c, src/val.c).
 *
 * Input: one option byte, then one or more templates separated by NUL
 * bytes.  The first is called "main"; each later one is "NAME\nBODY" (the
 * name is what {{>NAME}} calls; without a newline it is called "p1",
 * "p2", ...).
 *	bits 0-1  the data rendered: 0 none (NULL), 1 a wide tree holding
 *		  every name the default theme uses, with values of every
 *		  type (HTML specials, Chinese, NaN, 1e21, empty list ...),
 *		  2 JSON taken from the last part (jansson, then turned into
 *		  a val tree; the wide tree when it does not parse), 3 a deep
 *		  tree: "a" is a list of two maps holding "a" again, 8 deep
 *	bit 2	render every template, not only "main"
 *	bit 3	add the templates last first, and "main" a second time
 *		(replacing it)
 *	bit 4	pass a NULL diag sink
 *	bit 5	render twice and compare
 *
 * Checked besides memory safety and leaks (FUZZ_CHECK): a failed add
 * reports an error and leaves the set as it was, a failed render puts
 * the output back to what it held, rendering is repeatable, and
 * templates without raw tags never let a '<' of the data through.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "diag.h"
#include "tmpl.h"
#include "val.h"

#include "fuzz.h"

#define OPT_DATA	0x03
#define OPT_ALL		0x04
#define OPT_REVERSE	0x08
#define OPT_NODIAG	0x10
#define OPT_TWICE	0x20

#define DATA_NONE	0
#define DATA_WIDE	1
#define DATA_JSON	2
#define DATA_DEEP	3

/* Templates per input and longest partial name used. */
#define MAXPARTS	8
#define MAXNAME		64
/* What the output holds before a render: a failed one must leave it. */
#define PREFIX		"<!-- before -->"

/* Every name the default theme looks up (grep of themes/default). */
static const char *const names[] = {
	"after", "annual_csv", "article", "base_url", "before", "black",
	"blue", "board_url", "changed", "changes", "chart", "chart_id",
	"children", "closure", "commended", "complete", "content", "count",
	"csv", "current", "d", "date", "deadline", "deduction", "dist",
	"dist_chart", "dist_id", "dname", "domains", "due", "ended",
	"entries", "evaluated", "excellent", "feedback", "final",
	"flag_groups", "flags", "frontage", "frontage_csv", "frontage_year",
	"frozen", "grid", "grids", "has", "has_changes", "has_excellent",
	"has_flags", "has_frontage", "has_frontage_year", "has_grids",
	"has_month", "has_notices", "has_self", "has_villages", "history",
	"history_from", "history_to", "hotline", "html", "id", "inspection",
	"is_404", "is_data", "is_grid", "is_home", "is_month", "is_notice",
	"is_notices", "is_search", "is_town", "is_village", "is_year",
	"json", "key", "label", "latest_url", "leader", "level",
	"level_icon", "level_key", "listed", "loc", "m", "month", "monthly",
	"months", "months_scored", "more_notices", "name", "no_warning",
	"none", "notice", "notices", "on_time", "on_time_rate", "orange",
	"path", "phone", "praise", "pub", "pub_year", "publish_date",
	"published_year", "q", "qr", "qr_url", "quarter_bottom", "quarters",
	"rank", "rank_parent", "rank_parent_of", "rank_town",
	"rank_town_of", "rated_grids", "reason", "red", "rel", "reported",
	"resolved", "reviewed", "rows", "satisfaction", "score", "self",
	"shown", "site", "star", "stars", "stars_mean", "subsidy", "tel",
	"title", "total", "town", "towns", "unit", "until", "updated", "url",
	"urls", "village", "villages", "warning", "warning_streak",
	"warnings", "y", "year", "year_url", "years", "yellow",
	/* Short names the dictionary and hand-written seeds use. */
	"a", "b", "c", "x", "list",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

/* Strings that are hard to print right. */
static const char *const strs[] = {
	"红星镇 <b>&amp;\"'</b>", "<script>alert(1)</script>", "",
	"../../", "a\nb\r\nc", "{{x}}", "2026年10月5日", "\xEF\xBB\xBF=1+2",
};
/* Numbers that are hard to print right. */
static const double nums[] = {
	0.0, -0.0, 85, 1.5, 0.001, 1e21, 1e-7, 123456789012345678.0,
	0.1, 5e-324, 1.7976931348623157e308, -2.5, 100000000000000000000.0,
};

/* A small map: what dotted names like grid.town.name reach. */
static struct val *
small_map(int k, int depth)
{
	struct val	*m = val_new_map();
	char		 t[32];

	snprintf(t, sizeof(t), "name-%d", k);
	val_map_set_str(m, "name", k % 2 ? "红星村" : t);
	val_map_set_str(m, "url", k % 3 ? "grid/HX-01/" : "../<x>/");
	val_map_set_str(m, "id", t);
	val_map_set_int(m, "y", 2026);
	val_map_set_int(m, "m", 10 - k);
	val_map_set_num(m, "score", nums[k % (sizeof(nums) /
	    sizeof(nums[0]))]);
	val_map_set_bool(m, "red", k % 2);
	val_map_set_str(m, "title", strs[k % (sizeof(strs) /
	    sizeof(strs[0]))]);
	val_map_set(m, "pct", val_new_numstr(0.5, "50%"));
	if (depth > 0) {
		val_map_set(m, "town", small_map(k + 1, depth - 1));
		val_map_set(m, "village", small_map(k + 2, depth - 1));
	}
	return m;
}

/* The wide tree: every theme name, with values of every type. */
static struct val *
wide_tree(void)
{
	struct val	*root = val_new_map(), *l;
	size_t		 i, k;

	for (i = 0; i < NNAMES; i++) {
		switch (i % 10) {
		case 0:
			val_map_set_str(root, names[i],
			    strs[i % (sizeof(strs) / sizeof(strs[0]))]);
			break;
		case 1:
			val_map_set_num(root, names[i],
			    nums[i % (sizeof(nums) / sizeof(nums[0]))]);
			break;
		case 2:
			val_map_set_bool(root, names[i], 1);
			break;
		case 3:
			val_map_set_bool(root, names[i], 0);
			break;
		case 4:
			val_map_set_list(root, names[i]);
			break;
		case 5:
			if ((l = val_map_set_list(root, names[i])) == NULL)
				break;
			for (k = 0; k < 3; k++)
				val_list_push(l, small_map((int)k, 1));
			val_list_push(l, val_new_str("item"));
			val_list_push(l, val_new_num(NAN));
			break;
		case 6:
			val_map_set(root, names[i], small_map((int)i, 2));
			break;
		case 7:
			val_map_set(root, names[i], val_new_null());
			break;
		case 8:
			val_map_set_map(root, names[i]);
			break;
		default:
			val_map_set_int(root, names[i], (long long)i - 100);
			break;
		}
	}
	/* The names of structured data the theme reaches into. */
	val_map_set(root, "site", small_map(0, 1));
	val_map_set(root, "grid", small_map(1, 2));
	val_map_set(root, "month", small_map(2, 0));
	val_map_set(root, "shown", small_map(3, 0));
	val_map_set_num(root, "inf", INFINITY);
	val_map_set_num(root, "nan", NAN);
	return root;
}

/* The deep tree: "a" is a list of two maps that hold "a" again ... */
static struct val *
deep_tree(int depth)
{
	struct val	*m = val_new_map(), *l;
	int		 k;

	val_map_set_int(m, "x", depth);
	val_map_set_str(m, "b", depth % 2 ? "<odd>" : "even");
	val_map_set_bool(m, "c", depth % 3 == 0);
	if ((l = val_map_set_list(m, "list")) != NULL)
		for (k = 0; k < 3; k++)
			val_list_push(l, val_new_num(k * 0.5));
	if (depth > 0 && (l = val_map_set_list(m, "a")) != NULL)
		for (k = 0; k < 2; k++)
			val_list_push(l, deep_tree(depth - 1));
	return m;
}

/* A val tree from JSON (jansson bounds the depth). */
static struct val *
from_json(const json_t *j)
{
	struct val	*v;
	const char	*key;
	json_t		*item;
	size_t		 i;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		v = val_new_map();
		json_object_foreach((json_t *)j, key, item)
			val_map_set(v, key, from_json(item));
		return v;
	case JSON_ARRAY:
		v = val_new_list();
		json_array_foreach(j, i, item)
			val_list_push(v, from_json(item));
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

struct part {
	char		 name[MAXNAME + 1];
	const char	*body;
	size_t		 len;
	const char	*seg;	/* the whole part, name and all */
	size_t		 seglen;
};

/* Split the input into its templates; returns how many. */
static size_t
split(const char *s, size_t len, struct part *p)
{
	const char	*end = s + len, *z, *nl;
	size_t		 n = 0, seglen;

	while (n < MAXPARTS) {
		z = memchr(s, '\0', (size_t)(end - s));
		seglen = z != NULL ? (size_t)(z - s) : (size_t)(end - s);
		p[n].body = p[n].seg = s;
		p[n].len = p[n].seglen = seglen;
		if (n == 0)
			strcpy(p[n].name, "main");
		else if ((nl = memchr(s, '\n', seglen)) != NULL &&
		    nl - s <= MAXNAME) {
			memcpy(p[n].name, s, (size_t)(nl - s));
			p[n].name[nl - s] = '\0';
			p[n].body = nl + 1;
			p[n].len = seglen - (size_t)(nl - s) - 1;
		} else
			snprintf(p[n].name, sizeof(p[n].name), "p%zu", n);
		n++;
		if (z == NULL)
			break;
		s = z + 1;
	}
	return n;
}

/* Add part p; check what tmpl.h promises.  Returns tmpl_set_add's. */
static int
add(struct tmpl_set *set, const struct part *p, struct diag *d)
{
	char	*copy;
	int	 had, errs, rc;

	/* An exact-size copy, so that ASan sees any read past the end. */
	if ((copy = malloc(p->len > 0 ? p->len : 1)) == NULL)
		return -1;
	if (p->len > 0)
		memcpy(copy, p->body, p->len);
	had = tmpl_set_has(set, p->name);
	errs = d != NULL ? diag_errors(d) : 0;
	rc = tmpl_set_add(set, p->name, copy, p->len, d, NULL);
	free(copy);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0)
		FUZZ_CHECK(tmpl_set_has(set, p->name));
	else {
		FUZZ_CHECK(tmpl_set_has(set, p->name) == had);
		if (d != NULL)
			FUZZ_CHECK(diag_errors(d) > errs);
	}
	return rc;
}

/*
 * Whether the templates can only print data escaped: no raw tags
 * ({{{x}}}, {{&x}}), no delimiter changes that could make one, and no
 * '<' of their own.  Then the output holds no '<' at all, whatever the
 * data.
 */
static int
escaped_only(const struct part *p, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (memchr(p[i].body, '<', p[i].len) != NULL ||
		    memchr(p[i].body, '&', p[i].len) != NULL ||
		    memchr(p[i].body, '=', p[i].len) != NULL)
			return 0;
		for (k = 0; k + 3 <= p[i].len; k++)
			if (memcmp(p[i].body + k, "{{{", 3) == 0)
				return 0;
	}
	return 1;
}

/*
 * Render name; check that a failure leaves the output as it was, and
 * that no '<' comes out of templates that print data escaped only.
 */
static void
render(const struct tmpl_set *set, const char *name, const struct val *data,
    struct diag *d, int twice, int safe)
{
	struct buf	 out, again;
	size_t		 pre = strlen(PREFIX);
	int		 rc, rc2;

	buf_init(&out);
	buf_puts(&out, PREFIX);
	rc = tmpl_exec_diag(set, name, data, &out, d);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK(out.len >= pre && memcmp(out.data, PREFIX, pre) == 0);
	FUZZ_CHECK(out.data[out.len] == '\0');
	if (rc == -1)
		FUZZ_CHECK(out.len == pre);
	if (safe)
		FUZZ_CHECK(memchr(out.data + pre, '<', out.len - pre) == NULL);
	if (twice) {
		buf_init(&again);
		buf_puts(&again, PREFIX);
		rc2 = tmpl_exec(set, name, data, &again);
		FUZZ_CHECK(rc2 == rc);
		FUZZ_CHECK(again.len == out.len &&
		    memcmp(again.data, out.data, out.len) == 0);
		buf_release(&again);
	}
	buf_release(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct part	 parts[MAXPARTS];
	struct tmpl_set	*set;
	struct diag	*d = NULL;
	static struct val *wide, *deep;
	struct val	*v = NULL;	/* owned: the JSON data */
	const struct val *data_v = NULL;
	json_t		*j;
	size_t		 n, i, ntmpl;
	unsigned	 opt;
	int		 safe;

	if (size < 1)
		return 0;
	opt = data[0];
	n = split((const char *)data + 1, size - 1, parts);
	ntmpl = n;

	/*
	 * The fixed trees are built once and shared by every run (rendering
	 * takes them const): still reachable at exit, so not leaks.
	 */
	if (wide == NULL && (wide = wide_tree()) == NULL)
		return 0;
	if (deep == NULL && (deep = deep_tree(8)) == NULL)
		return 0;
	switch (opt & OPT_DATA) {
	case DATA_WIDE:
		data_v = wide;
		break;
	case DATA_JSON:
		if (n > 1) {
			/* The last part is data, not a template. */
			ntmpl = n - 1;
			j = json_loadb(parts[n - 1].seg, parts[n - 1].seglen,
			    JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
			if (j != NULL) {
				v = from_json(j);
				json_decref(j);
			}
		}
		data_v = v != NULL ? v : wide;
		break;
	case DATA_DEEP:
		data_v = deep;
		break;
	}

	if ((set = tmpl_set_new()) == NULL) {
		val_free(v);
		return 0;
	}
	safe = escaped_only(parts, ntmpl);
	if (!(opt & OPT_NODIAG))
		d = diag_new(NULL);
	if (opt & OPT_REVERSE) {
		for (i = ntmpl; i-- > 0; )
			add(set, &parts[i], d);
		add(set, &parts[0], d);
	} else
		for (i = 0; i < ntmpl; i++)
			add(set, &parts[i], d);

	if (opt & OPT_ALL)
		for (i = 0; i < ntmpl; i++)
			render(set, parts[i].name, data_v, d, opt & OPT_TWICE,
			    safe);
	else
		render(set, "main", data_v, d, opt & OPT_TWICE, safe);

	if (d != NULL)
		diag_finish(d);
	diag_free(d);
	tmpl_set_free(set);
	val_free(v);
	return 0;
}
