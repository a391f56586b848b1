/*
 * The open-data export: see export.h.  Files are UTF-8 with a byte-order
 * mark (so that Excel in China opens them right) and CRLF line ends, rows
 * in byte order of id (RULES.md §8).  This is the only file that includes
 * jansson.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "export.h"
#include "fsout.h"
#include "input.h"
#include "num.h"
#include "rules.h"

/* The UTF-8 byte-order mark. */
#define BOM "\xEF\xBB\xBF"
/* Digits jansson prints for a real: exact for every two- or four-decimal figure. */
#define JSON_DIGITS 15

/* Column kinds of results.csv, for the JSON types. */
enum kind {
	K_TEXT,		/* string */
	K_INT,		/* whole number */
	K_C,		/* hundredths */
	K_R		/* ten-thousandths */
};

/* The columns of results.csv, in order (RULES.md §8). */
static const char *const result_cols[] = {
	"month", "grid", "level", "parent", "name", "self", "market",
	"social", "service", "environment", "work", "stars", "stars_mean",
	"inspection_score", "monthly_score", "rank_town", "rank_parent",
	"subsidy", "warning", "reported", "due", "resolved", "on_time",
	"closure_rate", "on_time_rate", "satisfaction", "feedback_score",
	"flags", "stage"
};
#define NRESULT_COLS (sizeof(result_cols) / sizeof(result_cols[0]))

/* One cell of a row being written: kind and value. */
struct cell {
	int		 kind;	/* enum kind */
	int		 absent;	/* empty cell / JSON null */
	const char	*text;	/* K_TEXT */
	int64_t		 v;	/* numbers */
};

void
export_csv_cell(struct buf *out, const char *s, int is_text)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		buf_putc(out, '"');
	/* OWASP: a cell that a spreadsheet would read as a formula. */
	if (is_text && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
		buf_putc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	if (quote)
		buf_putc(out, '"');
}

/* Write a header row. */
static void
header(struct buf *out, const char *const *cols, size_t n)
{
	size_t i;

	buf_puts(out, BOM);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		buf_puts(out, cols[i]);
	}
	buf_puts(out, "\r\n");
}

/* Write a row of cells as CSV. */
static void
csv_row(struct buf *out, const struct cell *c, size_t n)
{
	char	 tmp[32];
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		if (c[i].absent)
			continue;
		switch (c[i].kind) {
		case K_TEXT:
			export_csv_cell(out, c[i].text, 1);
			break;
		case K_INT:
			buf_printf(out, "%lld", (long long)c[i].v);
			break;
		case K_C:
			buf_puts(out, num_fmt(tmp, c[i].v, 2));
			break;
		default:
			buf_puts(out, num_fmt(tmp, c[i].v, 4));
			break;
		}
	}
	buf_puts(out, "\r\n");
}

/* A row of cells as a JSON object with the given keys. */
static json_t *
json_row(const char *const *cols, const struct cell *c, size_t n)
{
	json_t	*o, *v;
	size_t	 i;

	if ((o = json_object()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (c[i].absent)
			v = json_null();
		else if (c[i].kind == K_TEXT)
			v = json_string(c[i].text);
		else if (c[i].kind == K_INT)
			v = json_integer(c[i].v);
		else
			v = json_real((double)c[i].v /
			    (c[i].kind == K_C ? NUM_C : NUM_R));
		if (v == NULL || json_object_set_new(o, cols[i], v) == -1) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

#define JSON_FLAGS (JSON_INDENT(1) | JSON_PRESERVE_ORDER | \
    JSON_REAL_PRECISION(JSON_DIGITS))

/*
 * Append row object o (consumed) to out as the next element of a JSON
 * array, laid out as json_dumps(array, JSON_FLAGS) lays out its elements:
 * one row at a time, so that a month of a province is never a tree of
 * objects in memory.  first: o is the first element.  0 or -1.
 */
static int
json_elem(struct buf *out, json_t *o, int first)
{
	char		*s;
	const char	*p, *nl;

	if (o == NULL)
		return -1;
	s = json_dumps(o, JSON_FLAGS);
	json_decref(o);
	if (s == NULL)
		return -1;
	buf_puts(out, first ? "\n " : ",\n ");
	/* One level deeper: a space after every line break. */
	for (p = s; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		buf_put(out, p, (size_t)(nl - p) + 1);
		buf_putc(out, ' ');
	}
	buf_puts(out, p);
	free(s);
	return out->oom ? -1 : 0;
}

/* Cell helpers. */
static struct cell
text(const char *s)
{
	struct cell c = { K_TEXT, 0, s, 0 };

	return c;
}

static struct cell
num(int kind, int64_t v)
{
	struct cell c = { kind, v == NUM_ABSENT, NULL, v };

	return c;
}

static struct cell
whole(int64_t v, int absent)
{
	struct cell c = { K_INT, absent, NULL, v };

	return c;
}

static struct cell
empty(void)
{
	struct cell c = { K_TEXT, 1, NULL, 0 };

	return c;
}

/* The cells of one grid's results row (RULES.md §8). */
static void
result_cells(const struct result *res, const struct month_res *mr, size_t i,
    char *mon, struct buf *flagbuf, struct cell *c)
{
	const struct grid	*g = &res->in->grids[i];
	const struct gres	*gr = &mr->g[i];
	int			 k, l3 = g->level == 3, on = gr->rated;
	size_t			 n = 0;

	c[n++] = text(mon);
	c[n++] = text(g->id);
	c[n++] = whole(g->level, 0);
	c[n++] = g->parent >= 0 ? text(res->in->grids[g->parent].id) :
	    empty();
	c[n++] = text(g->name);
	c[n++] = whole(gr->self, !l3 || gr->self < 0);
	for (k = 0; k < DOM__MAX; k++)
		c[n++] = l3 && on ? text(rules_star_word(gr->star[k])) :
		    empty();
	c[n++] = whole(gr->level, !on);
	c[n++] = num(K_C, gr->stars_mean);
	c[n++] = num(K_C, gr->inspection);
	c[n++] = num(K_C, gr->monthly);
	c[n++] = whole(gr->rank_town, gr->rank_town == 0);
	c[n++] = whole(gr->rank_parent, !l3 || gr->rank_parent == 0);
	c[n++] = num(K_C, on ? gr->subsidy : NUM_ABSENT);
	c[n++] = on ? text(rules_warning_word(gr->warning)) : empty();
	c[n++] = whole(gr->reported, !on);
	c[n++] = whole(gr->due, !on);
	c[n++] = whole(gr->resolved, !on);
	c[n++] = whole(gr->on_time, !on);
	c[n++] = num(K_R, gr->closure);
	c[n++] = num(K_R, gr->on_time_rate);
	c[n++] = num(K_R, gr->satisfaction);
	c[n++] = num(K_C, l3 ? gr->feedback : NUM_ABSENT);
	buf_reset(flagbuf);
	for (k = 0; k < FLAG__COUNT; k++)
		if (gr->flags & (1u << k)) {
			if (flagbuf->len > 0)
				buf_putc(flagbuf, ';');
			buf_puts(flagbuf, rules_flag_word(k));
		}
	c[n++] = text(flagbuf->data != NULL ? flagbuf->data : "");
	c[n++] = text(mr->stage == STAGE_FINAL ? "final" : "notice");
}

/*
 * The results of one month as CSV (into csv) and, when json is not NULL,
 * as the text of a JSON array (into json).  Returns 0 or -1.
 */
static int
results(const struct result *res, const struct month_res *mr,
    struct buf *csv, struct buf *json)
{
	struct cell	 c[NRESULT_COLS];
	struct buf	 flags;
	char		 mon[16];
	size_t		 i, n = 0;
	int		 rc = -1;

	buf_init(&flags);
	date_month_fmt(mon, mr->month);
	if (json != NULL)
		buf_putc(json, '[');
	header(csv, result_cols, NRESULT_COLS);
	for (i = 0; i < res->in->ngrids; i++) {
		if (!mr->g[i].active)
			continue;
		result_cells(res, mr, i, mon, &flags, c);
		csv_row(csv, c, NRESULT_COLS);
		if (json != NULL && json_elem(json, json_row(result_cols, c,
		    NRESULT_COLS), n++ == 0) == -1)
			goto out;
	}
	if (json != NULL)
		buf_puts(json, n > 0 ? "\n]\n" : "]\n");
	rc = csv->oom || (json != NULL && json->oom) ? -1 : 0;
out:
	buf_release(&flags);
	return rc;
}

int
export_results_csv(const struct result *res, const struct month_res *mr,
    struct buf *out)
{
	return results(res, mr, out, NULL);
}

/* Write a buffer to root/rel; -1 (reported) on failure or lost memory. */
static int
put(const char *root, const char *rel, struct buf *b, struct diag *d)
{
	if (b->oom) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	return fsout_write(root, rel, b->data != NULL ? b->data : "", b->len,
	    d);
}

/* results.csv and results.json of one month. */
static int
write_month(const struct result *res, const struct month_res *mr,
    const char *root, struct diag *d)
{
	struct buf	 b, json, path;
	char		 mon[16];
	int		 rc = -1;

	buf_init(&b);
	buf_init(&json);
	buf_init(&path);
	date_month_fmt(mon, mr->month);
	if (results(res, mr, &b, &json) == -1) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	buf_printf(&path, "data/%s/results.csv", mon);
	if (put(root, path.data, &b, d) == -1)
		goto out;
	buf_reset(&path);
	buf_printf(&path, "data/%s/results.json", mon);
	rc = put(root, path.data, &json, d);
out:
	buf_release(&b);
	buf_release(&json);
	buf_release(&path);
	return rc;
}

/* annual.csv or quarter.csv of a period. */
static int
write_period(const struct result *res, const struct period *p, int annual,
    const char *root, struct diag *d)
{
	static const char *const acols[] = { "grid", "level", "annual_score",
	    "rank", "months_scored", "excellent" };
	static const char *const qcols[] = { "grid", "level", "quarter_score",
	    "rank" };
	struct cell	 c[6];
	struct buf	 b, path;
	size_t		 i;
	int		 rc;

	buf_init(&b);
	buf_init(&path);
	header(&b, annual ? acols : qcols, annual ? 6 : 4);
	for (i = 0; i < res->in->ngrids; i++) {
		if (!p->present[i])
			continue;
		c[0] = text(res->in->grids[i].id);
		c[1] = whole(res->in->grids[i].level, 0);
		c[2] = num(K_C, p->score[i]);
		c[3] = whole(p->rank[i], p->rank[i] == 0);
		c[4] = whole(p->months[i], 0);
		c[5] = text(p->excellent[i] ? "yes" : "no");
		csv_row(&b, c, annual ? 6 : 4);
	}
	buf_printf(&path, "data/%s/%s", p->label, annual ? "annual.csv" :
	    "quarter.csv");
	rc = put(root, path.data, &b, d);
	buf_release(&b);
	buf_release(&path);
	return rc;
}

/* A frontage table: a month's or the year's. */
static int
write_frontage(const struct result *res, const struct fres *f, size_t n,
    int year, const char *label, const char *root, struct diag *d)
{
	static const char *const mcols[] = { "unit", "name", "grid", "total",
	    "rank" };
	static const char *const ycols[] = { "unit", "name", "grid",
	    "mean_total", "months", "rank", "honour" };
	static const char *const honours[] = { "", "commended", "listed" };
	struct cell	 c[7];
	struct buf	 b, path;
	size_t		 i, k;
	int		 rc;

	buf_init(&b);
	buf_init(&path);
	header(&b, year ? ycols : mcols, year ? 7 : 5);
	for (i = 0; i < n; i++) {
		k = 0;
		c[k++] = text(f[i].unit);
		c[k++] = text(f[i].name);
		c[k++] = text(res->in->grids[f[i].grid].id);
		c[k++] = num(K_C, f[i].total);
		if (year)
			c[k++] = whole(f[i].months, 0);
		c[k++] = whole(f[i].rank, f[i].rank == 0);
		if (year)
			c[k++] = text(honours[f[i].honour]);
		csv_row(&b, c, k);
	}
	buf_printf(&path, "data/%s/frontage.csv", label);
	rc = put(root, path.data, &b, d);
	buf_release(&b);
	buf_release(&path);
	return rc;
}

int
export_write(const struct result *res, const char *root, struct diag *d)
{
	size_t	 i;
	char	 mon[16];

	for (i = 0; i < res->nmonths; i++) {
		const struct month_res *mr = &res->months[i];

		if (!mr->present)
			continue;
		if (write_month(res, mr, root, d) == -1)
			return -1;
		date_month_fmt(mon, mr->month);
		if (write_frontage(res, mr->frontage, mr->nfrontage, 0, mon,
		    root, d) == -1)
			return -1;
	}
	if (write_period(res, &res->pubyear->year, 1, root, d) == -1)
		return -1;
	for (i = 0; i < res->pubyear->nquarters; i++)
		if (write_period(res, &res->pubyear->quarters[i], 0, root,
		    d) == -1)
			return -1;
	return write_frontage(res, res->frontage_year, res->nfrontage_year, 1,
	    res->pubyear->year.label, root, d);
}
