/*
 * libFuzzer harness for CSV ingest (src/csvin.c), with the cell parsers
 * that read what it returns: num_parse, num_parse_int (src/num.c),
 * date_parse, date_month_parse (src/date.c) and the id, star and domain
 * parsers of src/input.c.
 *
 * Input: one option byte, then the bytes of a CSV file.
 *	option % NSPEC	which column specification to match the header
 *			against: the nine of src/input.c (copied below, in
 *			the order of SPEC_*), a small synthetic one, or none
 *
 * Checked besides memory safety and leaks (FUZZ_CHECK): csvin.h's
 * promises (NULL only after an error was reported, required columns
 * found, trimmed UTF-8 cells, increasing line numbers) and that every
 * number and date parsed prints back to the same value.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "date.h"
#include "diag.h"
#include "input.h"
#include "num.h"

#include "fuzz.h"

/* Column specifications: keep in step with src/input.c. */
static const struct csvin_col grid_cols[] = {
	{ "id", "编号", 1 }, { "name", "名称", 1 }, { "level", "级别", 1 },
	{ "parent", "上级", 0 }, { "leader", "网格长", 0 },
	{ "phone", "电话", 0 }, { "subsidy_base", "奖补标准", 0 },
	{ "class", "类别", 0 }, { "zone", "分区", 0 },
	{ "households", "户数", 0 }, { "from", "起始月份", 0 },
	{ "until", "截止月份", 0 },
};
static const struct csvin_col rule_cols[] = {
	{ "code", "代码", 1 }, { "domain", "领域", 1 }, { "item", "扣分项", 1 },
	{ "unit", "单位", 1 }, { "threshold", "面积界限", 1 },
	{ "points", "扣分", 1 }, { "points_large", "超限扣分", 1 },
	{ "serious", "严重", 1 },
};
static const struct csvin_col hol_cols[] = {
	{ "date", "日期", 1 }, { "kind", "类型", 1 },
};
static const struct csvin_col insp_cols[] = {
	{ "grid", "网格", 1 }, { "road", "道路", 1 }, { "item", "扣分项", 1 },
	{ "count", "数量", 0 }, { "area", "面积", 0 }, { "factor", "倍数", 0 },
	{ "note", "备注", 0 },
};
static const struct csvin_col eval_cols[] = {
	{ "grid", "网格", 1 }, { "self", "自评", 0 },
	{ "market", "市场监管", 0 }, { "social", "社会管理", 0 },
	{ "service", "公共服务", 0 }, { "environment", "环境卫生", 0 },
	{ "work", "工作评价", 0 },
};
static const struct csvin_col rev_cols[] = {
	{ "grid", "网格", 1 }, { "domain", "领域", 1 }, { "value", "结果", 1 },
	{ "reason", "理由", 1 },
};
static const struct csvin_col issue_cols[] = {
	{ "id", "编号", 1 }, { "grid", "网格", 1 }, { "category", "类别", 1 },
	{ "reported", "上报日期", 1 }, { "scope", "办理层级", 1 },
	{ "resolved", "办结日期", 1 }, { "satisfied", "满意", 0 },
	{ "detail", "详情", 0 },
};
static const struct csvin_col fb_cols[] = {
	{ "grid", "网格", 1 }, { "residents", "群众", 1 },
	{ "departments", "部门", 1 }, { "village", "村级", 1 },
	{ "self", "自评", 1 },
};
static const struct csvin_col front_cols[] = {
	{ "unit", "单位编号", 1 }, { "name", "单位名称", 1 },
	{ "grid", "网格", 1 }, { "presence", "到岗", 1 },
	{ "conduct", "行为规范", 1 }, { "effect", "管理效果", 1 },
	{ "leadership", "领导评定", 1 },
};
/* Easy for the fuzzer to satisfy, so that it reaches the rows quickly. */
static const struct csvin_col tiny_cols[] = {
	{ "a", "甲", 1 }, { "b", "乙", 0 },
};

#define SPEC(c, file) { c, sizeof(c) / sizeof(c[0]), file }

static const struct {
	const struct csvin_col	*cols;
	size_t			 ncols;
	const char		*path;
} specs[] = {
	SPEC(grid_cols, "input/grids.csv"),		/* 0 */
	SPEC(rule_cols, "input/rules.csv"),		/* 1 */
	SPEC(hol_cols, "input/holidays.csv"),		/* 2 */
	SPEC(insp_cols, "input/2026-10/inspections.csv"), /* 3 */
	SPEC(eval_cols, "input/2026-10/evaluations.csv"), /* 4 */
	SPEC(rev_cols, "input/2026-10/reviews.csv"),	/* 5 */
	SPEC(issue_cols, "input/2026-10/issues.csv"),	/* 6 */
	SPEC(fb_cols, "input/2026-10/feedback.csv"),	/* 7 */
	SPEC(front_cols, "input/2026-10/frontage.csv"),	/* 8 */
	SPEC(tiny_cols, "tiny.csv"),			/* 9 */
	{ NULL, 0, "none.csv" },			/* 10: no columns */
};
#define NSPEC (sizeof(specs) / sizeof(specs[0]))

/* A number that parses prints back (num_fmt) to the same value. */
static void
check_num(const char *s)
{
	static const int	 decs[] = { 0, 2, 4 };
	char			 out[32];
	int64_t			 v, w;
	long			 l;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(decs) / sizeof(decs[0]); i++) {
		rc = num_parse(s, decs[i], &v);
		FUZZ_CHECK_S(rc == 0 || rc == -1 || rc == -2 || rc == -3, s);
		if (rc != 0)
			continue;
		FUZZ_CHECK_S(v >= -NUM_MAX * 10000 && v <= NUM_MAX * 10000, s);
		num_fmt(out, v, decs[i]);
		FUZZ_CHECK_S(num_parse(out, decs[i], &w) == 0 && w == v, s);
	}
	rc = num_parse_int(s, &l);
	FUZZ_CHECK_S(rc == 0 || rc == -1 || rc == -3, s);
	if (rc == 0) {
		FUZZ_CHECK_S(l >= -NUM_MAX && l <= NUM_MAX, s);
		num_fmt(out, l, 0);
		FUZZ_CHECK_S(num_parse(out, 0, &w) == 0 && w == l, s);
	}
}

/* A date or month that parses prints back to the same day or month. */
static void
check_date(const char *s)
{
	char	 out[16];
	int	 day, day2, y, m, d, rc;

	rc = date_parse(s, &day);
	FUZZ_CHECK_S(rc == 0 || rc == -1 || rc == -2, s);
	if (rc == 0) {
		date_fmt(out, day);
		FUZZ_CHECK_S(date_parse(out, &day2) == 0 && day2 == day, s);
		date_to_ymd(day, &y, &m, &d);
		FUZZ_CHECK_S(date_from_ymd(y, m, d) == day, s);
		FUZZ_CHECK_S(date_weekday(day) >= 0 && date_weekday(day) <= 6, s);
		FUZZ_CHECK_S(day >= date_month_first(y * 12 + m - 1) &&
		    day <= date_month_last(y * 12 + m - 1), s);
	}
	if (date_month_parse(s, &m) == 0) {
		date_month_fmt(out, m);
		FUZZ_CHECK_S(date_month_parse(out, &d) == 0 && d == m, s);
		FUZZ_CHECK_S(date_month_first(m) <= date_month_last(m), s);
	}
}

/* Ids become folder names: a valid one never climbs out. */
static void
check_words(const char *s)
{
	int v;

	if (input_id_valid(s)) {
		FUZZ_CHECK(strlen(s) >= 1 && strlen(s) <= 64);
		FUZZ_CHECK(strchr(s, '/') == NULL && strchr(s, '.') == NULL);
	}
	v = input_star_parse(s);
	FUZZ_CHECK(v >= STAR_UNSET && v <= STAR_BLACK);
	v = input_domain_parse(s);
	FUZZ_CHECK(v >= -1 && v < DOM__MAX);
}

static void
check_table(const struct csvin *t, const uint8_t *data, size_t len,
    const struct csvin_col *cols, size_t ncols, const char *path)
{
	const char	*c;
	long		 lines = 1, last = 0;
	size_t		 i, j, k, n;

	for (i = 0; i < len; i++)
		if (data[i] == '\n')
			lines++;
	FUZZ_CHECK(t->ncols == ncols);
	FUZZ_CHECK(strcmp(t->path, path) == 0);
	for (j = 0; j < ncols; j++) {
		FUZZ_CHECK(t->pos[j] >= 0);
		if (cols[j].required)
			FUZZ_CHECK(t->pos[j] > 0);
		for (k = 0; k < j; k++)
			FUZZ_CHECK(t->pos[j] == 0 || t->pos[j] != t->pos[k]);
	}
	for (i = 0; i < t->nrows; i++) {
		const struct csvin_row *r = &t->rows[i];

		/* Records split by a lone CR share a line: not decreasing. */
		FUZZ_CHECK(r->line >= last && r->line >= 1 &&
		    r->line <= lines);
		last = r->line;
		for (j = 0; j < ncols; j++) {
			c = r->cells[j];
			FUZZ_CHECK((c == NULL) == (t->pos[j] == 0));
			if (c == NULL)
				continue;
			n = strlen(c);
			FUZZ_CHECK(csvin_utf8_valid(c, n));
			FUZZ_CHECK(n == 0 || (c[0] != ' ' && c[0] != '\t' &&
			    c[n - 1] != ' ' && c[n - 1] != '\t'));
			check_num(c);
			check_date(c);
			check_words(c);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	*d;
	struct csvin	*t;
	char		*copy;
	size_t		 spec;

	if (size < 1)
		return 0;
	spec = data[0] % NSPEC;
	data++;
	size--;
	/* An exact-size copy, so that ASan sees any read past the end. */
	if ((copy = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	if ((d = diag_new(NULL)) == NULL) {
		free(copy);
		return 0;
	}
	t = csvin_parse(specs[spec].path, copy, size, specs[spec].cols,
	    specs[spec].ncols, d);
	if (t == NULL)
		FUZZ_CHECK(diag_errors(d) > 0);
	else
		check_table(t, data, size, specs[spec].cols,
		    specs[spec].ncols, specs[spec].path);
	diag_finish(d);
	csvin_free(t);
	diag_free(d);
	free(copy);
	return 0;
}
