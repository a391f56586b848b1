/*
 * Reading the input folder: see input.h.
 * The checks follow RULES.md §1 (grids), §2 (monthly files) and §9.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "csvin.h"
#include "diag.h"
#include "hash.h"
#include "input.h"
#include "num.h"
#include "strs.h"

/* Longest grid id (RULES.md §1). */
#define ID_MAX 64
/* Largest count or number of households accepted. */
#define COUNT_MAX 100000000L

static const char *const dom_key[DOM__MAX] = {
	"market", "social", "service", "environment", "work"
};
static const char *const dom_zh[DOM__MAX] = {
	"市场监管", "社会管理", "公共服务", "环境卫生", "工作评价"
};

/* A row being checked: where messages point. */
struct row {
	const struct csvin	*t;
	const struct csvin_row	*r;
	struct diag		*d;
	int			 bad;	/* an error was reported for this row */
};

const char *
input_domain_key(int domain)
{
	return dom_key[domain];
}

const char *
input_domain_zh(int domain)
{
	return dom_zh[domain];
}

int
input_star_parse(const char *s)
{
	if ((strcasecmp(s, "red") == 0) || !strcmp(s, "红星") || !strcmp(s, "红") ||
	    !strcmp(s, "★"))
		return STAR_RED;
	if ((strcasecmp(s, "none") == 0) || !strcmp(s, "无星") || !strcmp(s, "无") ||
	    !strcmp(s, "☆"))
		return STAR_NONE;
	if ((strcasecmp(s, "black") == 0) || !strcmp(s, "黑星") || !strcmp(s, "黑") ||
	    !strcmp(s, "●"))
		return STAR_BLACK;
	return STAR_UNSET;
}

int
input_domain_parse(const char *s)
{
	int i;

	for (i = 0; i < DOM__MAX; i++)
		if ((strcasecmp(s, dom_key[i]) == 0) || strcmp(s, dom_zh[i]) == 0)
			return i;
	return -1;
}

int
input_id_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= ID_MAX && strspn(s, "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-") == n;
}

/* Report an error at column col (spec index) of the row. */
static void
rerr(struct row *w, int col, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(w->d, w->t->path, w->r->line,
	    col >= 0 ? w->t->pos[col] : 0, "%s",
	    b.data != NULL ? b.data : "out of memory");
	buf_release(&b);
	w->bad = 1;
}

/* The trimmed cell of spec column col, "" when the column is absent. */
static const char *
cell(const struct row *w, int col)
{
	const char *s = w->r->cells[col];

	return s != NULL ? s : "";
}

/* A required, non-empty text cell; NULL (reported) when empty. */
static const char *
text_req(struct row *w, int col, const char *what)
{
	const char *s = cell(w, col);

	if (*s == '\0') {
		rerr(w, col, "%s is empty", what);
		return NULL;
	}
	return s;
}

/*
 * Copy of a cell, kept in the input's string store (interned when intern
 * is set), or NULL (reported) when out of memory.
 */
static char *
store_cell(struct input *in, struct row *w, int col, int intern)
{
	char *s = intern ? strs_intern(in->strs, cell(w, col)) :
	    strs_dup(in->strs, cell(w, col));

	if (s == NULL)
		rerr(w, col, "out of memory");
	return s;
}

/* A scaled decimal without trailing zeros ("30", "0.5"). */
static char *
plain(char *out, int64_t v, int dec)
{
	size_t n;

	num_fmt(out, v, dec);
	if (dec > 0) {
		n = strlen(out);
		while (out[n - 1] == '0')
			out[--n] = '\0';
		if (out[n - 1] == '.')
			out[n - 1] = '\0';
	}
	return out;
}

/*
 * A decimal cell with at most dec decimals in [lo, hi] (scaled).
 * Blank gives NUM_ABSENT when optional, else an error.  Returns 0 or -1.
 */
static int
dec_cell(struct row *w, int col, const char *what, int dec, int64_t lo,
    int64_t hi, int optional, int64_t *out)
{
	const char	*s = cell(w, col);
	char		 a[32], b[32];
	int		 rc;

	*out = NUM_ABSENT;
	if (*s == '\0') {
		if (optional)
			return 0;
		rerr(w, col, "%s is empty", what);
		return -1;
	}
	rc = num_parse(s, dec, out);
	if (rc == -2) {
		rerr(w, col, "%s \"%s\" has more than %d decimals", what, s,
		    dec);
		return -1;
	}
	if (rc != 0) {
		rerr(w, col, "%s \"%s\" is not a number", what, s);
		return -1;
	}
	if (*out < lo || *out > hi) {
		if (hi >= NUM_MAX)
			rerr(w, col, "%s %s is out of range: it must be %s or "
			    "more", what, s, plain(a, lo, dec));
		else
			rerr(w, col, "%s %s is out of range (%s to %s)", what,
			    s, plain(a, lo, dec), plain(b, hi, dec));
		*out = NUM_ABSENT;
		return -1;
	}
	return 0;
}

/*
 * A whole-number cell in [lo, hi]; blank gives def when optional.
 * Returns 0 or -1 (reported).
 */
static int
int_cell(struct row *w, int col, const char *what, long lo, long hi,
    int optional, long def, long *out)
{
	const char	*s = cell(w, col);
	int		 rc;

	*out = def;
	if (*s == '\0') {
		if (optional)
			return 0;
		rerr(w, col, "%s is empty", what);
		return -1;
	}
	if ((rc = num_parse_int(s, out)) != 0) {
		rerr(w, col, "%s \"%s\" is not a whole number", what, s);
		*out = def;
		return -1;
	}
	if (*out < lo || *out > hi) {
		if (hi >= COUNT_MAX)
			rerr(w, col, "%s %ld is out of range: it must be %ld "
			    "or more", what, *out, lo);
		else
			rerr(w, col, "%s %ld is out of range (%ld to %ld)",
			    what, *out, lo, hi);
		*out = def;
		return -1;
	}
	return 0;
}

/* A date cell; blank gives -1 when optional.  Returns 0 or -1. */
static int
date_cell(struct row *w, int col, const char *what, int optional, int *out)
{
	const char	*s = cell(w, col);
	int		 rc;

	*out = -1;
	if (*s == '\0') {
		if (optional)
			return 0;
		rerr(w, col, "%s is empty", what);
		return -1;
	}
	if ((rc = date_parse(s, out)) == -1) {
		rerr(w, col, "%s \"%s\" is not a date (write 2026-10-05, "
		    "2026/10/5, 2026.10.5 or 2026年10月5日)", what, s);
		*out = -1;
		return -1;
	}
	if (rc == -2) {
		rerr(w, col, "%s \"%s\" is not a real date", what, s);
		*out = -1;
		return -1;
	}
	return 0;
}

/* A yes/no cell: 1, 0, or -1 when blank and optional.  0 or -1. */
static int
yesno_cell(struct row *w, int col, const char *what, int *out)
{
	const char *s = cell(w, col);

	*out = -1;
	if (*s == '\0')
		return 0;
	if ((strcasecmp(s, "yes") == 0) || strcmp(s, "是") == 0)
		*out = 1;
	else if ((strcasecmp(s, "no") == 0) || strcmp(s, "否") == 0)
		*out = 0;
	else {
		rerr(w, col, "%s \"%s\" is not yes/no (or 是/否)", what, s);
		return -1;
	}
	return 0;
}

/* A star cell in any spelling; STAR_UNSET when blank and optional. */
static int
star_cell(struct row *w, int col, const char *what, int optional, int *out)
{
	const char *s = cell(w, col);

	*out = STAR_UNSET;
	if (*s == '\0') {
		if (optional)
			return 0;
		rerr(w, col, "%s is empty", what);
		return -1;
	}
	if ((*out = input_star_parse(s)) == STAR_UNSET) {
		rerr(w, col, "%s \"%s\" is not a star (red/none/black, "
		    "红星/无星/黑星, 红/无/黑 or ★/☆/●)", what, s);
		return -1;
	}
	return 0;
}

/* A month cell (YYYY-MM); def when blank.  0 or -1. */
static int
month_cell(struct row *w, int col, const char *what, int def, int *out)
{
	const char *s = cell(w, col);

	*out = def;
	if (*s == '\0')
		return 0;
	if (date_month_parse(s, out) == -1) {
		rerr(w, col, "%s \"%s\" is not a month like 2026-10", what, s);
		*out = def;
		return -1;
	}
	return 0;
}

/* Join dir and name into a new string; NULL when out of memory. */
static char *
join(const char *dir, const char *name)
{
	struct buf	 b;
	size_t		 n = strlen(dir);

	buf_init(&b);
	buf_puts(&b, dir);
	if (n > 0 && dir[n - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, name);
	return buf_detach(&b);
}

/* Whether path exists (as anything). */
static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int
input_inside(const struct input *in, const char *path, struct diag *d)
{
	char	*real;
	size_t	 n;
	int	 ok;

	if (in->realdir == NULL)
		return 1;
	if ((real = realpath(path, NULL)) == NULL)
		return 1;	/* opening it will say why */
	n = strlen(in->realdir);
	ok = strncmp(real, in->realdir, n) == 0 && (real[n] == '/' ||
	    (n == 1 && in->realdir[0] == '/'));
	if (!ok) {
		struct stat st;
		int dir = stat(real, &st) == 0 && S_ISDIR(st.st_mode);

		diag_error(d, path, 0, 0, "leads outside the input folder (to "
		    "%s): %s", real, dir ? "copy the folder into the input "
		    "folder instead of linking it" : "copy the file into the "
		    "folder instead of linking it");
	}
	free(real);
	return ok;
}

/* Read a CSV file of the input folder (checked to lie inside it). */
static struct csvin *
read_csv(const struct input *in, const char *path,
    const struct csvin_col *cols, size_t ncols, struct diag *d)
{
	if (!input_inside(in, path, d))
		return NULL;
	return csvin_read(path, cols, ncols, d);
}

/*** grids.csv ***/

enum { G_ID, G_NAME, G_LEVEL, G_PARENT, G_LEADER, G_PHONE, G_BASE, G_CLASS,
    G_ZONE, G_HOUSEHOLDS, G_FROM, G_UNTIL, G__N };
static const struct csvin_col grid_cols[G__N] = {
	{ "id", "编号", 1 }, { "name", "名称", 1 }, { "level", "级别", 1 },
	{ "parent", "上级", 0 }, { "leader", "网格长", 0 },
	{ "phone", "电话", 0 }, { "subsidy_base", "奖补标准", 0 },
	{ "class", "类别", 0 }, { "zone", "分区", 0 },
	{ "households", "户数", 0 }, { "from", "起始月份", 0 },
	{ "until", "截止月份", 0 },
};

/* Parent ids, kept until the grids are sorted and parents resolved. */
struct gridtmp {
	char	*parent;
	long	 line;
	int	 parent_pos;	/* field position of the parent column */
};

static int
cmp_grid(const void *a, const void *b)
{
	return strcmp(((const struct grid *)a)->id,
	    ((const struct grid *)b)->id);
}

void
input_shard_keys(const struct input *in, int *key)
{
	size_t	 i;
	int	 v = 0;

	for (i = 0; i < in->ngrids; i++)
		key[i] = in->grids[i].level == 2 ? v++ : (int)i;
	for (i = 0; i < in->ngrids; i++)
		if (in->grids[i].level == 3)
			key[i] = key[in->grids[i].parent];
}

/*
 * Index the grids by id in a hash table (every row of every monthly file
 * looks its grid up).  Left out when two grids share an id (an error
 * reported): the lookup then keeps to the binary search.
 */
static void
index_grids(struct input *in)
{
	size_t	 i, j, size = 16;

	for (i = 1; i < in->ngrids; i++)
		if (strcmp(in->grids[i].id, in->grids[i - 1].id) == 0)
			return;
	while (size < 2 * in->ngrids)
		size *= 2;
	if ((in->gtab = calloc(size, sizeof(*in->gtab))) == NULL)
		return;
	in->gmask = size - 1;
	for (i = 0; i < in->ngrids; i++) {
		size_t h = hash_str(in->grids[i].id);

		for (j = h & in->gmask; in->gtab[j].id != NULL;
		    j = (j + 1) & in->gmask)
			;
		in->gtab[j].id = in->grids[i].id;
		in->gtab[j].hash = (uint32_t)((uint64_t)h >> 32);
		in->gtab[j].grid = (int)i;
	}
}

int
input_grid_find(const struct input *in, const char *id)
{
	struct grid	 key, *hit;
	size_t		 j;

	if (in->ngrids == 0)
		return -1;
	if (in->gtab != NULL) {
		size_t h = hash_str(id);
		uint32_t top = (uint32_t)((uint64_t)h >> 32);

		for (j = h & in->gmask; in->gtab[j].id != NULL;
		    j = (j + 1) & in->gmask)
			if (in->gtab[j].hash == top &&
			    strcmp(in->gtab[j].id, id) == 0)
				return in->gtab[j].grid;
		return -1;
	}
	key.id = (char *)id;
	hit = bsearch(&key, in->grids, in->ngrids, sizeof(*in->grids),
	    cmp_grid);
	return hit != NULL ? (int)(hit - in->grids) : -1;
}

/* Level names used in messages. */
static const char *
level_name(int level)
{
	switch (level) {
	case 1:
		return "level-1 grid (镇/街道)";
	case 2:
		return "level-2 grid (村/社区)";
	default:
		return "level-3 grid (三级网格)";
	}
}

/* Read grids.csv rows into in->grids (unsorted, parents as text). */
static void
read_grid_rows(struct input *in, struct csvin *t, struct gridtmp *tmp,
    struct diag *d)
{
	size_t	 i;
	long	 v;

	for (i = 0; i < t->nrows; i++) {
		struct row	 w = { t, &t->rows[i], d, 0 };
		struct grid	*g = &in->grids[in->ngrids];
		const char	*s;

		memset(g, 0, sizeof(*g));
		g->parent = -1;
		g->line = t->rows[i].line;
		s = text_req(&w, G_ID, "id");
		if (s != NULL && !input_id_valid(s))
			rerr(&w, G_ID, "id \"%s\" is not valid: use 1 to 64 "
			    "letters, digits, - or _", s);
		text_req(&w, G_NAME, "name");
		if (int_cell(&w, G_LEVEL, "level", 1, 3, 0, 0, &v) == 0)
			g->level = (int)v;
		if (dec_cell(&w, G_BASE, "subsidy_base", 2, 0, NUM_MAX, 1,
		    &g->subsidy_base) == -1)
			g->subsidy_base = NUM_ABSENT;
		s = cell(&w, G_CLASS);
		if (*s != '\0' && (strlen(s) != 1 || strchr("ABCabc", *s) ==
		    NULL))
			rerr(&w, G_CLASS, "class \"%s\" is not A, B or C", s);
		else if (*s != '\0')
			g->cls = (char)(*s & ~0x20);
		s = cell(&w, G_ZONE);
		if (*s != '\0' && strcmp(s, "集中居住") != 0 &&
		    strcmp(s, "连接过渡") != 0 && strcmp(s, "生态管护") != 0)
			rerr(&w, G_ZONE, "zone \"%s\" is not 集中居住, 连接过渡 "
			    "or 生态管护", s);
		int_cell(&w, G_HOUSEHOLDS, "households", 0, COUNT_MAX, 1, -1,
		    &g->households);
		month_cell(&w, G_FROM, "from", MONTH_MIN, &g->from);
		month_cell(&w, G_UNTIL, "until", MONTH_MAX, &g->until);
		if (g->from != MONTH_MIN && g->until != MONTH_MAX &&
		    g->until < g->from) {
			rerr(&w, G_UNTIL, "until %s is before from %s",
			    cell(&w, G_UNTIL), cell(&w, G_FROM));
			/* Reported once here, not again in every month. */
			g->from = MONTH_MIN;
			g->until = MONTH_MAX;
		}
		if (g->level == 1 && *cell(&w, G_PARENT) != '\0')
			rerr(&w, G_PARENT, "a level-1 grid has no parent");
		if (g->level >= 2 && *cell(&w, G_PARENT) == '\0')
			rerr(&w, G_PARENT, "a level-%d grid needs a parent",
			    g->level);
		g->id = store_cell(in, &w, G_ID, 0);
		g->name = store_cell(in, &w, G_NAME, 0);
		g->leader = store_cell(in, &w, G_LEADER, 0);
		g->phone = store_cell(in, &w, G_PHONE, 0);
		g->zone = store_cell(in, &w, G_ZONE, 1);
		tmp[in->ngrids].parent = store_cell(in, &w, G_PARENT, 1);
		tmp[in->ngrids].line = g->line;
		tmp[in->ngrids].parent_pos = t->pos[G_PARENT];
		in->ngrids++;
	}
}

/*
 * Check the grid tree: duplicate ids, parents that do not exist or have the
 * wrong level, cycles, and grids active when their parent is not.  Sets
 * parent, town and children.
 */
static void
check_tree(struct input *in, struct gridtmp *tmp, const char *path,
    struct diag *d)
{
	size_t	 i, j, n = in->ngrids;
	int	*byline, p, steps, k;
	unsigned char *cyc;
	char	 a[16], b[16];

	/* Sort by id, carrying each grid's parent id along via its line. */
	qsort(in->grids, n, sizeof(*in->grids), cmp_grid);
	for (i = 1; i < n; i++)
		if (strcmp(in->grids[i].id, in->grids[i - 1].id) == 0 &&
		    in->grids[i].id[0] != '\0') {
			const struct grid *x = &in->grids[i - 1],
			    *y = &in->grids[i];

			diag_error(d, path, x->line > y->line ? x->line :
			    y->line, 0, "duplicate grid id \"%s\" (also on "
			    "line %ld)", y->id, x->line > y->line ? y->line :
			    x->line);
		}
	index_grids(in);
	/* tmp is in file order; grids now in id order: map line -> tmp. */
	if ((byline = malloc((n + 1) * sizeof(*byline))) == NULL) {
		diag_error(d, path, 0, 0, "out of memory");
		return;
	}
	for (i = 0; i < n; i++) {
		/* tmp lines are increasing: binary search. */
		size_t lo = 0, hi = n;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (tmp[mid].line < in->grids[i].line)
				lo = mid + 1;
			else
				hi = mid;
		}
		byline[i] = (int)lo;
	}
	for (i = 0; i < n; i++) {
		struct grid		*g = &in->grids[i];
		const struct gridtmp	*t = &tmp[byline[i]];

		if (t->parent == NULL || t->parent[0] == '\0')
			continue;
		if ((p = input_grid_find(in, t->parent)) == -1) {
			diag_error(d, path, g->line, t->parent_pos,
			    "parent \"%s\" is not a grid in grids.csv",
			    t->parent);
			continue;
		}
		g->parent = p;
	}
	/* Cycles: a grid that reaches itself by following parents. */
	if ((cyc = calloc(n + 1, 1)) == NULL) {
		free(byline);
		diag_error(d, path, 0, 0, "out of memory");
		return;
	}
	for (i = 0; i < n; i++) {
		p = in->grids[i].parent;
		for (steps = 0; p != -1 && p != (int)i && steps <= (int)n;
		    steps++)
			p = in->grids[p].parent;
		if (p == (int)i)
			cyc[i] = 1;
	}
	/* One message per cycle, at the member listed first in the file. */
	for (i = 0; i < n; i++) {
		size_t	 first = i;

		if (cyc[i] != 1)
			continue;
		p = in->grids[i].parent;
		while (p != (int)i) {
			if (in->grids[p].line < in->grids[first].line)
				first = (size_t)p;
			cyc[p] = 2;
			p = in->grids[p].parent;
		}
		cyc[i] = 2;
		diag_error(d, path, in->grids[first].line,
		    tmp[byline[first]].parent_pos, "grid \"%s\" is its own "
		    "ancestor (the parent column makes a cycle)",
		    in->grids[first].id);
	}
	for (i = 0; i < n; i++) {
		struct grid *g = &in->grids[i];

		if (cyc[i]) {
			g->parent = -1;
			continue;
		}
		if (g->parent == -1 || g->level < 2 ||
		    in->grids[g->parent].level == 0)
			continue;
		if (in->grids[g->parent].level != g->level - 1) {
			diag_error(d, path, g->line, tmp[byline[i]].parent_pos,
			    "parent \"%s\" is a %s; a level-%d grid's parent "
			    "must be a %s", in->grids[g->parent].id,
			    level_name(in->grids[g->parent].level), g->level,
			    level_name(g->level - 1));
			g->parent = -1;
			continue;
		}
		{
			const struct grid *pg = &in->grids[g->parent];

			if (g->from < pg->from || g->until > pg->until)
				diag_error(d, path, g->line, 0, "grid \"%s\" "
				    "is active in months when its parent "
				    "\"%s\" is not (parent: %s to %s)", g->id,
				    pg->id, pg->from == MONTH_MIN ? "always" :
				    date_month_fmt(a, pg->from),
				    pg->until == MONTH_MAX ? "still" :
				    date_month_fmt(b, pg->until));
		}
	}
	free(byline);
	free(cyc);
	/* Towns and children. */
	for (i = 0; i < n; i++) {
		struct grid *g = &in->grids[i];

		g->town = -1;
		for (k = (int)i, steps = 0; k != -1 && steps < 3; steps++) {
			if (in->grids[k].level == 1) {
				g->town = k;
				break;
			}
			k = in->grids[k].parent;
		}
		if (g->parent != -1)
			in->grids[g->parent].nchildren++;
	}
	for (i = 0; i < n; i++) {
		struct grid *g = &in->grids[i];

		if (g->nchildren > 0 &&
		    (g->children = calloc(g->nchildren, sizeof(int))) == NULL) {
			diag_error(d, path, 0, 0, "out of memory");
			return;
		}
		g->nchildren = 0;
	}
	for (j = 0; j < n; j++)
		if (in->grids[j].parent != -1) {
			struct grid *pg = &in->grids[in->grids[j].parent];

			pg->children[pg->nchildren++] = (int)j;
		}
}

static void
read_grids(struct input *in, struct diag *d)
{
	struct csvin	*t;
	struct gridtmp	*tmp;
	char		*path;

	if ((path = join(in->dir, "grids.csv")) == NULL)
		return;
	if ((t = read_csv(in, path, grid_cols, G__N, d)) == NULL)
		goto out;
	in->grids = calloc(t->nrows + 1, sizeof(*in->grids));
	tmp = calloc(t->nrows + 1, sizeof(*tmp));
	if (in->grids == NULL || tmp == NULL) {
		diag_error(d, path, 0, 0, "out of memory");
		free(tmp);
		goto out;
	}
	read_grid_rows(in, t, tmp, d);
	if (in->ngrids == 0)
		diag_error(d, path, 0, 0, "no grids: the file has only a "
		    "header");
	check_tree(in, tmp, path, d);
	free(tmp);
out:
	csvin_free(t);
	free(path);
}

/*** rules.csv ***/

enum { R_CODE, R_DOMAIN, R_ITEM, R_UNIT, R_THRESHOLD, R_POINTS, R_LARGE,
    R_SERIOUS, R__N };
static const struct csvin_col rule_cols[R__N] = {
	{ "code", "代码", 1 }, { "domain", "领域", 1 }, { "item", "扣分项", 1 },
	{ "unit", "单位", 1 }, { "threshold", "面积界限", 1 },
	{ "points", "扣分", 1 }, { "points_large", "超限扣分", 1 },
	{ "serious", "严重", 1 },
};

static int
cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->code,
	    ((const struct item *)b)->code);
}

/* Index of the item with this code, or -1. */
static int
item_find(const struct input *in, const char *code)
{
	struct item	 key, *hit;

	if (in->nitems == 0)
		return -1;
	key.code = (char *)code;
	hit = bsearch(&key, in->items, in->nitems, sizeof(*in->items),
	    cmp_item);
	return hit != NULL ? (int)(hit - in->items) : -1;
}

static void
read_rules(struct input *in, struct diag *d)
{
	struct csvin	*t;
	char		*path;
	size_t		 i;
	int		 ser;

	if ((path = join(in->dir, "rules.csv")) == NULL)
		return;
	if ((t = read_csv(in, path, rule_cols, R__N, d)) == NULL)
		goto out;
	if ((in->items = calloc(t->nrows + 1, sizeof(*in->items))) == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row	 w = { t, &t->rows[i], d, 0 };
		struct item	*it = &in->items[in->nitems];
		const char	*s;

		s = text_req(&w, R_CODE, "code");
		if (s != NULL && (strlen(s) > ID_MAX || strpbrk(s, " \t") !=
		    NULL))
			rerr(&w, R_CODE, "code \"%s\" is not valid: use up to "
			    "64 characters without spaces", s);
		s = text_req(&w, R_DOMAIN, "domain");
		if (s != NULL && (it->domain = input_domain_parse(s)) == -1)
			rerr(&w, R_DOMAIN, "unknown domain \"%s\" (market, "
			    "social, service, environment, work or 市场监管, "
			    "社会管理, 公共服务, 环境卫生, 工作评价)", s);
		text_req(&w, R_ITEM, "item");
		dec_cell(&w, R_THRESHOLD, "threshold", 2, 0, NUM_MAX, 1,
		    &it->threshold);
		dec_cell(&w, R_POINTS, "points", 2, 0, 100 * NUM_C, 0,
		    &it->points);
		dec_cell(&w, R_LARGE, "points_large", 2, 0, 100 * NUM_C, 1,
		    &it->points_large);
		if (it->threshold != NUM_ABSENT &&
		    *cell(&w, R_LARGE) == '\0')
			rerr(&w, R_LARGE, "points_large is empty: an item "
			    "with a threshold needs points over it");
		if (*cell(&w, R_THRESHOLD) == '\0' &&
		    *cell(&w, R_LARGE) != '\0')
			rerr(&w, R_LARGE, "points_large is given but the item "
			    "has no threshold");
		yesno_cell(&w, R_SERIOUS, "serious", &ser);
		it->serious = ser == 1;
		it->code = store_cell(in, &w, R_CODE, 0);
		it->name = store_cell(in, &w, R_ITEM, 0);
		it->unit = store_cell(in, &w, R_UNIT, 1);
		if (*cell(&w, R_CODE) == '\0' || it->code == NULL) {
			memset(it, 0, sizeof(*it));
			continue;
		}
		it->line = t->rows[i].line;
		in->nitems++;
	}
	if (in->nitems == 0 && t->nrows == 0)
		diag_error(d, path, 0, 0, "no deduction items: the file has "
		    "only a header");
	qsort(in->items, in->nitems, sizeof(*in->items), cmp_item);
	for (i = 1; i < in->nitems; i++)
		if (strcmp(in->items[i].code, in->items[i - 1].code) == 0)
			diag_error(d, path, in->items[i].line >
			    in->items[i - 1].line ? in->items[i].line :
			    in->items[i - 1].line, t->pos[R_CODE],
			    "duplicate item code \"%s\" (also on line %ld)",
			    in->items[i].code, in->items[i].line >
			    in->items[i - 1].line ? in->items[i - 1].line :
			    in->items[i].line);
out:
	csvin_free(t);
	free(path);
}

/*** holidays.csv ***/

enum { H_DATE, H_KIND, H__N };
static const struct csvin_col hol_cols[H__N] = {
	{ "date", "日期", 1 }, { "kind", "类型", 1 },
};

static void
read_holidays(struct input *in, struct diag *d)
{
	struct csvin	*t;
	char		*path, a[16];
	size_t		 i, j;
	/* Each date with its line (held in .kind) to name duplicates. */
	struct date_special *lines = NULL;

	if ((path = join(in->dir, "holidays.csv")) == NULL)
		return;
	if (!exists(path))
		goto out0;
	if ((t = read_csv(in, path, hol_cols, H__N, d)) == NULL)
		goto out0;
	in->cal.days = calloc(t->nrows + 1, sizeof(*in->cal.days));
	lines = calloc(t->nrows + 1, sizeof(*lines));
	if (in->cal.days == NULL || lines == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row		 w = { t, &t->rows[i], d, 0 };
		struct date_special	*s = &in->cal.days[in->cal.ndays];
		const char		*k;

		date_cell(&w, H_DATE, "date", 0, &s->day);
		lines[in->cal.ndays].day = s->day;
		lines[in->cal.ndays].kind = (int)t->rows[i].line;
		k = cell(&w, H_KIND);
		if ((strcasecmp(k, "holiday") == 0) || strcmp(k, "休") == 0)
			s->kind = DATE_HOLIDAY;
		else if ((strcasecmp(k, "workday") == 0) || strcmp(k, "班") == 0)
			s->kind = DATE_WORKDAY;
		else
			rerr(&w, H_KIND, "kind \"%s\" is not holiday (休) or "
			    "workday (班)", k);
		if (!w.bad)
			in->cal.ndays++;
	}
	if (date_cal_sort(&in->cal) != -1) {
		/* Name both lines: sort (day, line) pairs the same way. */
		struct date_cal byline = { lines, in->cal.ndays };

		(void)date_cal_sort(&byline);
		for (j = 1; j < in->cal.ndays; j++)
			if (lines[j].day == lines[j - 1].day) {
				long l1 = lines[j - 1].kind, l2 = lines[j].kind;

				diag_error(d, path, l1 > l2 ? l1 : l2,
				    t->pos[H_DATE], "duplicate date %s (first "
				    "on line %ld)", date_fmt(a, lines[j].day),
				    l1 < l2 ? l1 : l2);
			}
	}
out:
	free(lines);
	csvin_free(t);
out0:
	free(path);
}

/*** monthly files ***/

/* Context shared by the monthly readers. */
/*
 * Reading the month files ahead.  Parsing the CSV files is most of the
 * reading; the checks of their rows need what came before (the grids, the
 * earlier months), so they stay in order on the main thread.  Worker
 * threads parse the files (csvin_read) in the order the main thread will
 * check them, at most AHEAD_FILES ahead of it; each file's messages are
 * recorded and replayed when the main thread takes the file, so the
 * output is the same as reading in order, whatever the threads do.
 */
#define AHEAD_THREADS	4	/* at most; one per processor */
#define AHEAD_FILES	8	/* parsed files waiting at most */

enum { JOB_WAITING, JOB_RUNNING, JOB_DONE, JOB_TAKEN };

struct ahead_job {
	char			*path;	/* NULL: nothing to read */
	const struct csvin_col	*cols;
	size_t			 ncols;
	int			 state;
	struct csvin		*t;	/* the table, or NULL */
	struct diag		*d;	/* its recorded messages */
};

struct ahead {
	const struct input	*in;
	struct ahead_job	*jobs;
	size_t			 njobs;
	size_t			 next;	/* next job to start */
	size_t			 want;	/* jobs below want + AHEAD_FILES may start */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_t		 th[AHEAD_THREADS];
	int			 nth;
	int			 stop;
};

static void *
ahead_worker(void *arg)
{
	struct ahead		*a = arg;
	struct ahead_job	*j;

	pthread_mutex_lock(&a->mu);
	for (;;) {
		if (a->stop || a->next >= a->njobs)
			break;
		if (a->next >= a->want + AHEAD_FILES) {
			pthread_cond_wait(&a->cv, &a->mu);
			continue;
		}
		j = &a->jobs[a->next++];
		if (j->path == NULL) {
			j->state = JOB_DONE;
			continue;
		}
		j->state = JOB_RUNNING;
		pthread_mutex_unlock(&a->mu);
		if ((j->d = diag_new_log()) != NULL && exists(j->path))
			j->t = read_csv(a->in, j->path, j->cols, j->ncols, j->d);
		pthread_mutex_lock(&a->mu);
		j->state = JOB_DONE;
		pthread_cond_broadcast(&a->cv);
	}
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/*
 * Start up to n workers on a's jobs (set by the caller).  With n < 2, or
 * when a thread cannot start, the files are read in order when they are
 * needed.
 */
static void
ahead_start(struct ahead *a, int n)
{
	if (n > AHEAD_THREADS)
		n = AHEAD_THREADS;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	if (n < 2)
		return;
	for (a->nth = 0; a->nth < n; a->nth++)
		if (pthread_create(&a->th[a->nth], NULL, ahead_worker, a) != 0)
			break;
}

/*
 * The table of job k, parsed ahead, with its messages reported to d; or
 * -1 when no worker reads it (the caller reads it itself).
 */
static int
ahead_take(struct ahead *a, size_t k, struct csvin **t, struct diag *d)
{
	struct ahead_job *j;

	if (a == NULL || a->nth == 0 || k >= a->njobs)
		return -1;
	j = &a->jobs[k];
	pthread_mutex_lock(&a->mu);
	if (k + 1 > a->want) {
		a->want = k + 1;
		pthread_cond_broadcast(&a->cv);
	}
	while (j->state != JOB_DONE && j->state != JOB_TAKEN)
		pthread_cond_wait(&a->cv, &a->mu);
	pthread_mutex_unlock(&a->mu);
	if (j->state == JOB_TAKEN || j->d == NULL)
		return -1;
	j->state = JOB_TAKEN;
	diag_replay(d, j->d);
	*t = j->t;
	j->t = NULL;
	return 0;
}

/* Stop the workers and free what was not taken. */
static void
ahead_end(struct ahead *a)
{
	size_t i;

	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	while (a->nth > 0)
		pthread_join(a->th[--a->nth], NULL);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	for (i = 0; i < a->njobs; i++) {
		free(a->jobs[i].path);
		csvin_free(a->jobs[i].t);
		diag_free(a->jobs[i].d);
	}
	free(a->jobs);
}

struct mctx {
	struct input	*in;
	struct month_in	*m;
	struct diag	*d;
	struct ahead	*ahead;
	size_t		 job;		/* the month's first job */
	int		 last_grid;	/* grid of the previous grid cell, -1 */
	char		 mon[16];	/* "2026-10" */
	long		*seen;		/* per grid: line of a first row, 0 = none */
};

/*
 * Resolve a grid cell of a monthly file: known, active this month, and of
 * the level the file takes (3, or 2 and 3 when lvl2 is set).
 * Returns the grid index or -1 (reported).
 */
static int
grid_cell(struct mctx *c, struct row *w, int col, int lvl2)
{
	const char	*s = cell(w, col);
	int		 g;
	const struct grid *gr;

	if (*s == '\0') {
		rerr(w, col, "grid is empty");
		return -1;
	}
	/* grids.csv could not be read: that error is the one to fix. */
	if (c->in->ngrids == 0) {
		w->bad = 1;
		return -1;
	}
	/*
	 * A grid's rows usually follow each other, and files exported from
	 * a spreadsheet usually list the grids in id order, as grids are
	 * kept: try that grid and the next before the hash table.
	 */
	if (c->last_grid >= 0 && strcmp(c->in->grids[c->last_grid].id, s) == 0)
		g = c->last_grid;
	else if (c->last_grid >= 0 && (size_t)c->last_grid + 1 <
	    c->in->ngrids && strcmp(c->in->grids[c->last_grid + 1].id, s) == 0)
		g = ++c->last_grid;
	else if ((g = input_grid_find(c->in, s)) != -1)
		c->last_grid = g;
	if (g == -1) {
		rerr(w, col, "unknown grid \"%s\" (not in grids.csv)", s);
		return -1;
	}
	gr = &c->in->grids[g];
	/* A grid whose own row is wrong: its error is reported there. */
	if (gr->level == 0)
		return g;
	if (gr->level != 3 && !(lvl2 && gr->level == 2)) {
		rerr(w, col, "grid \"%s\" is a %s; this file takes %s", s,
		    level_name(gr->level), lvl2 ?
		    "level-2 or level-3 grids" : "level-3 grids (三级网格)");
		return -1;
	}
	if (c->m->month < gr->from || c->m->month > gr->until) {
		rerr(w, col, "grid \"%s\" is not active in %s (see its "
		    "from/until in grids.csv)", s, c->mon);
		return -1;
	}
	return g;
}

/* Report a second row for the same grid; returns 1 when it is one. */
static int
dup_grid(struct mctx *c, struct row *w, int col, int g)
{
	if (c->seen[g] != 0) {
		rerr(w, col, "duplicate row for grid \"%s\" (first on line "
		    "%ld)", c->in->grids[g].id, c->seen[g]);
		return 1;
	}
	c->seen[g] = w->r->line;
	return 0;
}

/*
 * Open a monthly file, the file-th of a month (the order of monthly[]);
 * NULL when it does not exist or failed (reported).
 */
static struct csvin *
open_monthly(struct mctx *c, int file, const char *name,
    const struct csvin_col *cols, size_t ncols)
{
	struct csvin	*t = NULL;
	char		*dir, *path;

	dir = join(c->in->dir, c->mon);
	path = dir != NULL ? join(dir, name) : NULL;
	free(dir);
	if (path == NULL || !exists(path)) {
		free(path);
		return NULL;
	}
	if (ahead_take(c->ahead, c->job + (size_t)file, &t, c->d) == -1)
		t = read_csv(c->in, path, cols, ncols, c->d);
	free(path);
	if (t != NULL)
		memset(c->seen, 0, c->in->ngrids * sizeof(*c->seen));
	return t;
}

enum { I_GRID, I_ROAD, I_ITEM, I_COUNT, I_AREA, I_FACTOR, I_NOTE, I__N };
static const struct csvin_col insp_cols[I__N] = {
	{ "grid", "网格", 1 }, { "road", "道路", 1 }, { "item", "扣分项", 1 },
	{ "count", "数量", 0 }, { "area", "面积", 0 }, { "factor", "倍数", 0 },
	{ "note", "备注", 0 },
};

static void
read_inspections(struct mctx *c)
{
	struct csvin	*t;
	size_t		 i;
	const char	*s;
	long		 v;

	if ((t = open_monthly(c, 0, "inspections.csv", insp_cols, I__N)) == NULL)
		return;
	if ((c->m->findings = calloc(t->nrows + 1, sizeof(struct finding)))
	    == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row	 w = { t, &t->rows[i], c->d, 0 };
		struct finding	*f = &c->m->findings[c->m->nfindings];
		const struct item *it = NULL;

		f->grid = grid_cell(c, &w, I_GRID, 0);
		text_req(&w, I_ROAD, "road");
		s = cell(&w, I_ITEM);
		f->item = -1;
		if (*s != '\0') {
			if ((f->item = item_find(c->in, s)) == -1 &&
			    c->in->nitems == 0)
				w.bad = 1;	/* rules.csv is what to fix */
			else if (f->item == -1)
				rerr(&w, I_ITEM, "unknown item code \"%s\" "
				    "(not in rules.csv)", s);
			else
				it = &c->in->items[f->item];
		}
		int_cell(&w, I_COUNT, "count", 1, COUNT_MAX, 1, 1, &v);
		f->count = (int)v;
		dec_cell(&w, I_AREA, "area", 2, 0, NUM_MAX, 1, &f->area);
		if (it != NULL && it->threshold != NUM_ABSENT &&
		    *cell(&w, I_AREA) == '\0')
			rerr(&w, I_AREA, "area is empty: item \"%s\" (%s) "
			    "is scored by size", it->code, it->name);
		int_cell(&w, I_FACTOR, "factor", 1, 10, 1, 1, &v);
		f->factor = (int)v;
		if (w.bad)
			continue;
		if ((f->road = store_cell(c->in, &w, I_ROAD, 1)) == NULL)
			continue;
		c->m->nfindings++;
	}
out:
	csvin_free(t);
}

enum { E_GRID, E_SELF, E_DOM, E__N = E_DOM + DOM__MAX };
static const struct csvin_col eval_cols[E__N] = {
	{ "grid", "网格", 1 }, { "self", "自评", 0 },
	{ "market", "市场监管", 0 }, { "social", "社会管理", 0 },
	{ "service", "公共服务", 0 }, { "environment", "环境卫生", 0 },
	{ "work", "工作评价", 0 },
};

static void
read_evaluations(struct mctx *c)
{
	struct csvin	*t;
	size_t		 i;
	long		 v;
	int		 k, s;

	if ((t = open_monthly(c, 1, "evaluations.csv", eval_cols, E__N)) == NULL)
		return;
	if ((c->m->evals = calloc(t->nrows + 1, sizeof(struct evaluation)))
	    == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row		 w = { t, &t->rows[i], c->d, 0 };
		struct evaluation	*e = &c->m->evals[c->m->nevals];

		e->line = t->rows[i].line;
		e->grid = grid_cell(c, &w, E_GRID, 0);
		if (e->grid != -1)
			dup_grid(c, &w, E_GRID, e->grid);
		int_cell(&w, E_SELF, "self", 0, 5, 1, -1, &v);
		e->self = (int)v;
		for (k = 0; k < DOM__MAX; k++) {
			star_cell(&w, E_DOM + k, dom_key[k], 1, &s);
			e->star[k] = (unsigned char)s;
		}
		if (!w.bad)
			c->m->nevals++;
	}
out:
	csvin_free(t);
}

enum { V_GRID, V_DOMAIN, V_VALUE, V_REASON, V__N };
static const struct csvin_col rev_cols[V__N] = {
	{ "grid", "网格", 1 }, { "domain", "领域", 1 }, { "value", "结果", 1 },
	{ "reason", "理由", 1 },
};

static void
read_reviews(struct mctx *c)
{
	struct csvin	*t;
	size_t		 i;
	const char	*s;
	long		*seen_dom;	/* per grid: bit set per domain */

	if ((t = open_monthly(c, 2, "reviews.csv", rev_cols, V__N)) == NULL)
		return;
	seen_dom = c->seen;
	if ((c->m->reviews = calloc(t->nrows + 1, sizeof(struct review)))
	    == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row	 w = { t, &t->rows[i], c->d, 0 };
		struct review	*r = &c->m->reviews[c->m->nreviews];

		r->grid = grid_cell(c, &w, V_GRID, 0);
		r->domain = -1;
		s = text_req(&w, V_DOMAIN, "domain");
		if (s != NULL && (r->domain = input_domain_parse(s)) == -1)
			rerr(&w, V_DOMAIN, "unknown domain \"%s\" (market, "
			    "social, service, environment, work or 市场监管, "
			    "社会管理, 公共服务, 环境卫生, 工作评价)", s);
		star_cell(&w, V_VALUE, "value", 0, &r->value);
		text_req(&w, V_REASON, "reason");
		if (r->grid != -1 && r->domain != -1) {
			if (seen_dom[r->grid] & (1L << r->domain))
				rerr(&w, V_DOMAIN, "duplicate review for grid "
				    "\"%s\" and domain %s",
				    c->in->grids[r->grid].id,
				    dom_key[r->domain]);
			seen_dom[r->grid] |= 1L << r->domain;
		}
		if (w.bad)
			continue;
		if ((r->reason = store_cell(c->in, &w, V_REASON, 0)) == NULL)
			continue;
		c->m->nreviews++;
	}
out:
	csvin_free(t);
}

enum { S_ID, S_GRID, S_CATEGORY, S_REPORTED, S_SCOPE, S_RESOLVED,
    S_SATISFIED, S_DETAIL, S__N };
static const struct csvin_col issue_cols[S__N] = {
	{ "id", "编号", 1 }, { "grid", "网格", 1 }, { "category", "类别", 1 },
	{ "reported", "上报日期", 1 }, { "scope", "办理层级", 1 },
	{ "resolved", "办结日期", 1 }, { "satisfied", "满意", 0 },
	{ "detail", "详情", 0 },
};

/* An issue id and the line it is on, to find duplicates. */
struct idline {
	const char	*id;
	long		 line;
	int		 pos;
};

static int
cmp_idline(const void *a, const void *b)
{
	const struct idline	*x = a, *y = b;
	int			 c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/*
 * Whether ids[0..n-1] may hold an id twice: 0 when a hash set of them
 * shows that they are all different (the usual case, in linear time), 1
 * when one repeats or memory is short.
 */
static int
may_repeat(const struct idline *ids, size_t n)
{
	const char	**set;
	size_t		  size = 16, mask, i, j;
	int		  rep = 0;

	while (size < 2 * n)
		size *= 2;
	if ((set = calloc(size, sizeof(*set))) == NULL)
		return 1;
	mask = size - 1;
	for (i = 0; i < n && !rep; i++) {
		for (j = hash_str(ids[i].id) & mask; set[j] != NULL;
		    j = (j + 1) & mask)
			if (strcmp(set[j], ids[i].id) == 0) {
				rep = 1;
				break;
			}
		set[j] = ids[i].id;
	}
	free(set);
	return rep;
}

/*
 * Report ids that appear twice in ids[0..n-1], in the order of the ids
 * (sorts them when there is one).
 */
static void
dup_ids(struct idline *ids, size_t n, const char *path, const char *what,
    struct diag *d)
{
	size_t i;

	if (!may_repeat(ids, n))
		return;
	qsort(ids, n, sizeof(*ids), cmp_idline);
	for (i = 1; i < n; i++)
		if (strcmp(ids[i].id, ids[i - 1].id) == 0)
			diag_error(d, path, ids[i].line, ids[i].pos,
			    "duplicate %s \"%s\" (first on line %ld)", what,
			    ids[i].id, ids[i - 1].line);
}

static void
read_issues(struct mctx *c)
{
	struct csvin	*t;
	struct idline	*ids = NULL;
	size_t		 i, nids = 0;
	const char	*s;
	char		 a[16];
	int		 first, last;

	if ((t = open_monthly(c, 3, "issues.csv", issue_cols, S__N)) == NULL)
		return;
	first = date_month_first(c->m->month);
	last = date_month_last(c->m->month);
	c->m->issues = calloc(t->nrows + 1, sizeof(struct issue));
	ids = calloc(t->nrows + 1, sizeof(*ids));
	if (c->m->issues == NULL || ids == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row	 w = { t, &t->rows[i], c->d, 0 };
		struct issue	*is = &c->m->issues[c->m->nissues];

		if ((s = text_req(&w, S_ID, "id")) != NULL) {
			ids[nids].id = s;
			ids[nids].line = t->rows[i].line;
			ids[nids++].pos = t->pos[S_ID];
		}
		is->grid = grid_cell(c, &w, S_GRID, 0);
		text_req(&w, S_CATEGORY, "category");
		if (date_cell(&w, S_REPORTED, "reported", 0, &is->reported)
		    == 0 && (is->reported < first || is->reported > last))
			rerr(&w, S_REPORTED, "reported date %s is not in %s: "
			    "an issue belongs to the folder of the month it "
			    "was reported", date_fmt(a, is->reported), c->mon);
		s = cell(&w, S_SCOPE);
		if ((strcasecmp(s, "community") == 0) || strcmp(s, "社区") == 0)
			is->scope = SCOPE_COMMUNITY;
		else if ((strcasecmp(s, "department") == 0) || strcmp(s, "部门") == 0)
			is->scope = SCOPE_DEPARTMENT;
		else
			rerr(&w, S_SCOPE, "scope \"%s\" is not community (社区) "
			    "or department (部门)", s);
		if (date_cell(&w, S_RESOLVED, "resolved", 1, &is->resolved)
		    == 0 && is->resolved != -1 && is->reported != -1 &&
		    is->resolved < is->reported)
			rerr(&w, S_RESOLVED, "resolved date %s is before the "
			    "reported date %s", cell(&w, S_RESOLVED),
			    cell(&w, S_REPORTED));
		yesno_cell(&w, S_SATISFIED, "satisfied", &is->satisfied);
		if (w.bad)
			continue;
		if ((is->id = store_cell(c->in, &w, S_ID, 0)) == NULL ||
		    (is->category = store_cell(c->in, &w, S_CATEGORY, 1)) ==
		    NULL)
			continue;
		c->m->nissues++;
	}
	dup_ids(ids, nids, t->path, "issue id", c->d);
out:
	free(ids);
	csvin_free(t);
}

enum { F_GRID, F_RES, F_DEP, F_VIL, F_SELF, F__N };
static const struct csvin_col fb_cols[F__N] = {
	{ "grid", "网格", 1 }, { "residents", "群众", 1 },
	{ "departments", "部门", 1 }, { "village", "村级", 1 },
	{ "self", "自评", 1 },
};

static void
read_feedback(struct mctx *c)
{
	struct csvin	*t;
	size_t		 i;

	if ((t = open_monthly(c, 4, "feedback.csv", fb_cols, F__N)) == NULL)
		return;
	if ((c->m->feedback = calloc(t->nrows + 1, sizeof(struct feedback)))
	    == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row	 w = { t, &t->rows[i], c->d, 0 };
		struct feedback	*f = &c->m->feedback[c->m->nfeedback];

		f->grid = grid_cell(c, &w, F_GRID, 0);
		if (f->grid != -1)
			dup_grid(c, &w, F_GRID, f->grid);
		dec_cell(&w, F_RES, "residents", 2, 0, 100 * NUM_C, 0,
		    &f->residents);
		dec_cell(&w, F_DEP, "departments", 2, 0, 100 * NUM_C, 0,
		    &f->departments);
		dec_cell(&w, F_VIL, "village", 2, 0, 100 * NUM_C, 0,
		    &f->village);
		dec_cell(&w, F_SELF, "self", 2, 0, 100 * NUM_C, 0, &f->self);
		if (!w.bad)
			c->m->nfeedback++;
	}
out:
	csvin_free(t);
}

enum { U_UNIT, U_NAME, U_GRID, U_PRESENCE, U_CONDUCT, U_EFFECT, U_LEAD,
    U__N };
static const struct csvin_col front_cols[U__N] = {
	{ "unit", "单位编号", 1 }, { "name", "单位名称", 1 },
	{ "grid", "网格", 1 }, { "presence", "到岗", 1 },
	{ "conduct", "行为规范", 1 }, { "effect", "管理效果", 1 },
	{ "leadership", "领导评定", 1 },
};

static void
read_frontage(struct mctx *c)
{
	struct csvin	*t;
	struct idline	*ids = NULL;
	size_t		 i, nids = 0;
	const char	*s;

	if ((t = open_monthly(c, 5, "frontage.csv", front_cols, U__N)) == NULL)
		return;
	c->m->frontage = calloc(t->nrows + 1, sizeof(struct frontage));
	ids = calloc(t->nrows + 1, sizeof(*ids));
	if (c->m->frontage == NULL || ids == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		struct row	 w = { t, &t->rows[i], c->d, 0 };
		struct frontage	*f = &c->m->frontage[c->m->nfrontage];

		if ((s = text_req(&w, U_UNIT, "unit")) != NULL) {
			if (!input_id_valid(s))
				rerr(&w, U_UNIT, "unit \"%s\" is not valid: use "
				    "1 to 64 letters, digits, - or _", s);
			ids[nids].id = s;
			ids[nids].line = t->rows[i].line;
			ids[nids++].pos = t->pos[U_UNIT];
		}
		text_req(&w, U_NAME, "name");
		f->grid = grid_cell(c, &w, U_GRID, 1);
		dec_cell(&w, U_PRESENCE, "presence", 2, 0, 30 * NUM_C, 0,
		    &f->presence);
		dec_cell(&w, U_CONDUCT, "conduct", 2, 0, 30 * NUM_C, 0,
		    &f->conduct);
		dec_cell(&w, U_EFFECT, "effect", 2, 0, 30 * NUM_C, 0,
		    &f->effect);
		dec_cell(&w, U_LEAD, "leadership", 2, 0, 10 * NUM_C, 0,
		    &f->leadership);
		if (w.bad)
			continue;
		if ((f->unit = store_cell(c->in, &w, U_UNIT, 1)) == NULL ||
		    (f->name = store_cell(c->in, &w, U_NAME, 1)) == NULL)
			continue;
		c->m->nfrontage++;
	}
	dup_ids(ids, nids, t->path, "unit", c->d);
out:
	free(ids);
	csvin_free(t);
}

/* Read every file of one month folder. */
/* The monthly files, in the order read_month reads them. */
static const struct {
	const char		*name;
	const struct csvin_col	*cols;
	size_t			 ncols;
} monthly[] = {
	{ "inspections.csv", insp_cols, I__N },
	{ "evaluations.csv", eval_cols, E__N },
	{ "reviews.csv", rev_cols, V__N },
	{ "issues.csv", issue_cols, S__N },
	{ "feedback.csv", fb_cols, F__N },
	{ "frontage.csv", front_cols, U__N },
};
#define NMONTHLY (sizeof(monthly) / sizeof(monthly[0]))

static void
read_month(struct input *in, struct month_in *m, long *seen,
    struct ahead *a, size_t job, struct diag *d)
{
	struct mctx c;

	memset(&c, 0, sizeof(c));
	c.in = in;
	c.m = m;
	c.d = d;
	c.ahead = a;
	c.job = job;
	c.last_grid = -1;
	c.seen = seen;
	date_month_fmt(c.mon, m->month);
	read_inspections(&c);
	read_evaluations(&c);
	read_reviews(&c);
	read_issues(&c);
	read_feedback(&c);
	read_frontage(&c);
}

/*
 * Find the month folders YYYY-MM in dir up to and including last.
 * Sets in->first to the earliest; returns the number found, -1 on error.
 */
static int
scan_months(struct input *in, int last, unsigned char **present, int *first,
    struct diag *d)
{
	DIR		*dp;
	struct dirent	*e;
	int		 m, lo = last, n = 0;
	unsigned char	*p;
	char		*path;
	struct stat	 st;

	if ((dp = opendir(in->dir)) == NULL) {
		diag_error(d, in->dir, 0, 0, "%s", strerror(errno));
		return -1;
	}
	while ((e = readdir(dp)) != NULL)
		if (date_month_parse(e->d_name, &m) == 0 && m < lo)
			lo = m;
	rewinddir(dp);
	if ((p = calloc((size_t)(last - lo + 1), 1)) == NULL) {
		closedir(dp);
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		if (date_month_parse(e->d_name, &m) != 0 || m > last)
			continue;
		if ((path = join(in->dir, e->d_name)) == NULL)
			continue;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (input_inside(in, path, d)) {
				p[m - lo] = 1;
				n++;
			} else
				p[m - lo] = 2;	/* reported: a link out */
		}
		free(path);
	}
	closedir(dp);
	*present = p;
	*first = lo;
	return n;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List input/notices/ *.md (sorted by name). */
static void
scan_notices(struct input *in, struct diag *d)
{
	DIR		*dp;
	struct dirent	*e;
	char		*dir, **p;
	size_t		 n;

	if ((dir = join(in->dir, "notices")) == NULL)
		return;
	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0 ||
		    e->d_name[0] == '.')
			continue;
		{
			char	*np = join(dir, e->d_name);
			int	 inside = np != NULL && input_inside(in, np, d);

			free(np);
			if (!inside)
				continue;
		}
		p = realloc(in->notices, (in->nnotices + 1) * sizeof(*p));
		if (p == NULL) {
			diag_error(d, dir, 0, 0, "out of memory");
			break;
		}
		in->notices = p;
		if ((p[in->nnotices] = join(dir, e->d_name)) != NULL)
			in->nnotices++;
	}
	closedir(dp);
	free(dir);
	if (in->nnotices > 1)
		qsort(in->notices, in->nnotices, sizeof(char *), cmp_str);
}

struct input *
input_load(const char *dir, int month, int stage, int jobs,
    struct diag *d)
{
	struct input	*in;
	char		*path, a[16];
	unsigned char	*present = NULL;
	long		*seen = NULL;
	struct ahead	 ahead;
	size_t		 k;
	int		 first, i, set_ok = 0;

	if ((in = calloc(1, sizeof(*in))) == NULL ||
	    (in->dir = strdup(dir)) == NULL ||
	    (in->strs = strs_new()) == NULL) {
		if (in != NULL)
			free(in->dir);
		free(in);
		diag_error(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	settings_defaults(&in->set);
	if (!exists(dir)) {
		diag_error(d, dir, 0, 0, "input folder not found");
		return in;
	}
	in->realdir = realpath(dir, NULL);
	if ((path = join(dir, "site.ini")) != NULL) {
		set_ok = input_inside(in, path, d) &&
		    settings_read(&in->set, path, d) == 0;
		if (set_ok) {
			if (in->set.title == NULL)
				diag_error(d, path, 0, 0, "missing setting "
				    "[site] title");
			if (in->set.base_url == NULL)
				diag_error(d, path, 0, 0, "missing setting "
				    "[site] base_url");
			if (in->set.hotline == NULL)
				diag_error(d, path, 0, 0, "missing setting "
				    "[site] hotline");
		}
		free(path);
	}
	if (in->set.theme == NULL)
		in->set.theme = strdup("default");
	read_grids(in, d);
	read_rules(in, d);
	read_holidays(in, d);
	in->month = month >= 0 ? month : in->set.month;
	in->stage = stage >= 0 ? stage : in->set.stage;
	if (in->month < 0) {
		/* A broken site.ini has been reported: that is the fix. */
		if (set_ok)
			diag_error(d, NULL, 0, 0, "no month to publish: give "
			    "--month YYYY-MM or set [publication] month in "
			    "site.ini");
		return in;
	}
	if (scan_months(in, in->month, &present, &first, d) == -1)
		return in;
	if (present[in->month - first] == 2) {
		free(present);
		return in;
	}
	for (i = 0; i < in->month - first + 1; i++)
		if (present[i] == 2)
			present[i] = 0;
	if (!present[in->month - first]) {
		diag_error(d, dir, 0, 0, "no folder %s for the month to "
		    "publish", date_month_fmt(a, in->month));
		free(present);
		return in;
	}
	in->first = first;
	in->nmonths = (size_t)(in->month - first + 1);
	in->months = calloc(in->nmonths, sizeof(*in->months));
	seen = calloc(in->ngrids + 1, sizeof(*seen));
	if (in->months == NULL || seen == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		in->nmonths = 0;
		goto out;
	}
	memset(&ahead, 0, sizeof(ahead));
	ahead.in = in;
	ahead.njobs = in->nmonths * NMONTHLY;
	if ((ahead.jobs = calloc(ahead.njobs, sizeof(*ahead.jobs))) == NULL)
		ahead.njobs = 0;
	for (k = 0; k < ahead.njobs; k++) {
		struct ahead_job	*j = &ahead.jobs[k];
		char			 mon[16], *mdir;

		if (!present[k / NMONTHLY])
			continue;
		date_month_fmt(mon, first + (int)(k / NMONTHLY));
		if ((mdir = join(dir, mon)) != NULL)
			j->path = join(mdir, monthly[k % NMONTHLY].name);
		free(mdir);
		j->cols = monthly[k % NMONTHLY].cols;
		j->ncols = monthly[k % NMONTHLY].ncols;
	}
	ahead_start(&ahead, jobs);
	for (i = 0; i < (int)in->nmonths; i++) {
		in->months[i].month = first + i;
		in->months[i].present = present[i];
		if (present[i])
			read_month(in, &in->months[i], seen, &ahead,
			    (size_t)i * NMONTHLY, d);
	}
	ahead_end(&ahead);
	scan_notices(in, d);
out:
	free(seen);
	free(present);
	return in;
}

static void
month_release(struct month_in *m)
{
	/* Their strings are in the input's store. */
	free(m->findings);
	free(m->evals);
	free(m->reviews);
	free(m->issues);
	free(m->feedback);
	free(m->frontage);
}

void
input_free(struct input *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->ngrids; i++)
		free(in->grids[i].children);
	free(in->grids);
	free(in->gtab);
	free(in->items);
	date_cal_release(&in->cal);
	for (i = 0; i < in->nmonths; i++)
		month_release(&in->months[i]);
	free(in->months);
	for (i = 0; i < in->nnotices; i++)
		free(in->notices[i]);
	free(in->notices);
	settings_release(&in->set);
	free(in->dir);
	free(in->realdir);
	strs_free(in->strs);
	free(in);
}
