/*
 * The public website: see site.h.  Every page is a value tree (val.h)
 * rendered by the theme's Mustache templates (tmpl.h): first the page's
 * own template, whose output becomes the raw "content" of the theme's
 * layout.  The value trees carry data only (names, figures, keys such as
 * "red" or "orange", booleans): every word a resident reads is in the
 * templates.  Links are relative ({{rel}} is "../" once per folder level)
 * and end in index.html, so that the tree works from any folder and from
 * file://; only the QR codes, the feed and the sitemap use base_url.
 *
 * Pages and what they show follow issue 3; figures follow RULES.md (§0:
 * scores and money two decimals, rates four, here shown as percentages
 * with two, the same digits).  Iteration is always in id or month order
 * and nothing reads the clock, so two runs give the same bytes.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annual.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fsout.h"
#include "input.h"
#include "layout.h"
#include "md.h"
#include "notice.h"
#include "num.h"
#include "page.h"
#include "rules.h"
#include "site.h"
#include "svg.h"
#include "tmpl.h"
#include "val.h"

/* Longest theme file read, in bytes. */
#define THEME_FILE_MAX	(1024 * 1024)
/* Months in a grid's history table and chart. */
#define HISTORY		12
/* Notices listed on the home page. */
#define LATEST_NOTICES	3
/* Highest monthly score: 100 plus the level-5 bonus (RULES.md §4). */
#define SCORE_TOP	(102 * NUM_C)
/* Star levels of a level-3 grid, 0 to 5 (RULES.md §3). */
#define LEVELS		6
/* The time zone of the feed's dates: the office is in China. */
#define FEED_TZ		"+08:00"

/* Templates every theme must have. */
/*
 * Most sub-grids a month page and the home page list one by one, with the
 * warned grids of each town by name (a county of 20 towns); above, they
 * show one table row per town, and a year page ranks the villages only,
 * so that a province's pages stay pages (a 100,000-grid home page was
 * 7.6 MB) and their trees fit in memory (its year page's, 470 MB).
 */
#define MONTH_GRIDS_MAX	1200

/* Environment variable of the benchmark's page selection (site_render). */
#define PAGES_ENV	"GRIDSTAR_PAGES"

/*
 * The sitemap protocol's limit of URLs in one sitemap file; a site with
 * more has sitemap.xml as an index of sitemap-1.xml, sitemap-2.xml ...
 * each rendered with the theme's sitemap.xml.
 */
#define SITEMAP_MAX	50000

/* The index, when the theme has no sitemap-index.xml of its own. */
static const char sitemap_index[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    "{{#sitemaps}}\n"
    "<sitemap><loc>{{site.base_url}}{{.}}</loc></sitemap>\n"
    "{{/sitemaps}}\n"
    "</sitemapindex>\n";

static const char *const required[] = {
	"layout", "index", "grid", "village", "town", "month", "year",
	"notices", "notice", "data", "search", "404", "feed.xml",
	"sitemap.xml", "robots.txt"
};
#define NREQUIRED	(sizeof(required) / sizeof(required[0]))

/* File name endings of theme files copied to assets/ as they are. */
static const char *const asset_ext[] = { ".css", ".js", ".svg", ".png",
	".ico" };
#define NASSET_EXT	(sizeof(asset_ext) / sizeof(asset_ext[0]))

/* A theme file copied to out/assets/. */
struct asset {
	char	*name;		/* file name */
	char	*data;		/* contents */
	size_t	 len;		/* bytes in data */
};

struct site {
	const struct input	 *in;		/* borrowed */
	char			 *dir;		/* themes_dir/theme */
	struct tmpl_set		 *set;		/* every template */
	struct asset		 *assets;	/* by file name */
	size_t			  nassets;
	struct notice		**notices;	/* newest first, then by slug */
	size_t			  nnotices;
	struct page_cache	 *cache;	/* values pages share */
};


/*
 * Read a whole file of at most THEME_FILE_MAX bytes.  Returns its bytes
 * (NUL-terminated, the caller frees) and length, or NULL (reported).
 */
static char *
slurp(const char *path, size_t *len, struct diag *d)
{
	FILE	*f;
	char	*p;
	size_t	 n;

	if ((f = fopen(path, "rb")) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	if ((p = malloc(THEME_FILE_MAX + 1)) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(ENOMEM));
		fclose(f);
		return NULL;
	}
	n = fread(p, 1, THEME_FILE_MAX + 1, f);
	if (ferror(f) || n > THEME_FILE_MAX) {
		diag_error(d, path, 0, 0, "%s", ferror(f) ? strerror(errno) :
		    "theme file too large");
		free(p);
		fclose(f);
		return NULL;
	}
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The regular files of folder dir, sorted by name (hidden files left
 * out).  Returns the count and a malloc'd array of malloc'd names in
 * *names, 0 for a missing folder, or -1 when out of memory.
 */
static long
list_dir(const char *dir, char ***names)
{
	DIR		*dp;
	struct dirent	*e;
	struct stat	 st;
	struct buf	 path;
	char		**v = NULL, **p;
	long		 n = 0;

	*names = NULL;
	if ((dp = opendir(dir)) == NULL)
		return 0;
	buf_init(&path);
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		if (path.oom || stat(path.data, &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if ((p = realloc(v, (size_t)(n + 1) * sizeof(*v))) == NULL)
			goto oom;
		v = p;
		if ((v[n] = strdup(e->d_name)) == NULL)
			goto oom;
		n++;
	}
	closedir(dp);
	buf_release(&path);
	if (n > 1)
		qsort(v, (size_t)n, sizeof(*v), cmp_str);
	*names = v;
	return n;
oom:
	closedir(dp);
	buf_release(&path);
	while (n-- > 0)
		free(v[n]);
	free(v);
	return -1;
}

/* Whether name ends with ext. */
static int
ends(const char *name, const char *ext)
{
	size_t n = strlen(name), k = strlen(ext);

	return n > k && strcmp(name + n - k, ext) == 0;
}

/*
 * Load one folder of the theme: templates (*.html as their name without
 * ".html", *.xml and *.txt under their file name) and, unless partials
 * is set, the assets.  Returns 0, or -1 when a file could not be read
 * or parsed (reported).
 */
static int
load_dir(struct site *s, const char *dir, int partials, struct diag *d)
{
	char		**names = NULL, *text, *name;
	struct buf	  path;
	struct asset	 *a;
	size_t		  len, i, k;
	long		  n;
	int		  rc = 0;

	if ((n = list_dir(dir, &names)) == -1) {
		diag_error(d, dir, 0, 0, "%s", strerror(ENOMEM));
		return -1;
	}
	buf_init(&path);
	for (i = 0; i < (size_t)n; i++) {
		int tmpl = ends(names[i], ".html") ||
		    (!partials && (ends(names[i], ".xml") ||
		    ends(names[i], ".txt")));
		int asset = 0;

		for (k = 0; !partials && k < NASSET_EXT; k++)
			asset |= ends(names[i], asset_ext[k]);
		if (!tmpl && !asset)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, names[i]);
		if (path.oom || (text = slurp(path.data, &len, d)) == NULL) {
			rc = -1;
			continue;
		}
		if (asset) {
			a = realloc(s->assets, (s->nassets + 1) *
			    sizeof(*a));
			if (a == NULL) {
				free(text);
				rc = -1;
				continue;
			}
			s->assets = a;
			a[s->nassets].name = names[i];
			a[s->nassets].data = text;
			a[s->nassets].len = len;
			s->nassets++;
			names[i] = NULL;
			continue;
		}
		name = names[i];
		if (ends(name, ".html"))
			name[strlen(name) - strlen(".html")] = '\0';
		if (tmpl_set_has(s->set, name)) {
			diag_error(d, path.data, 0, 0, "a template called \"%s\" "
			    "exists already (partials and pages need "
			    "different names)", name);
			rc = -1;
		} else if (tmpl_set_add(s->set, name, text, len, d,
		    path.data) == -1)
			rc = -1;
		free(text);
	}
	for (i = 0; i < (size_t)n; i++)
		free(names[i]);
	free(names);
	buf_release(&path);
	return rc;
}

/* Newest notice first, then by slug. */
static int
cmp_notice(const void *a, const void *b)
{
	const struct notice *x = *(struct notice *const *)a;
	const struct notice *y = *(struct notice *const *)b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return strcmp(x->slug, y->slug);
}

struct site *
site_new(const struct input *in, const char *themes_dir, const char *theme,
    struct diag *d)
{
	struct site	*s;
	struct stat	 st;
	struct buf	 b;
	struct notice	*n;
	size_t		 i;
	int		 bad = 0;

	buf_init(&b);
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->set = tmpl_set_new()) == NULL ||
	    (s->cache = page_cache_new()) == NULL) {
		diag_error(d, NULL, 0, 0, "%s", strerror(ENOMEM));
		site_free(s);
		return NULL;
	}
	s->in = in;
	buf_printf(&b, "%s/%s", themes_dir, theme);
	if ((s->dir = buf_detach(&b)) == NULL) {
		diag_error(d, NULL, 0, 0, "%s", strerror(ENOMEM));
		site_free(s);
		return NULL;
	}
	if (stat(s->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(d, s->dir, 0, 0, "%s", stat(s->dir, &st) != 0 ?
		    strerror(errno) : "not a folder");
		bad = 1;
	} else {
		if (load_dir(s, s->dir, 0, d) == -1)
			bad = 1;
		buf_printf(&b, "%s/partials", s->dir);
		if (b.oom || load_dir(s, b.data, 1, d) == -1)
			bad = 1;
		buf_reset(&b);
		if (!tmpl_set_has(s->set, "sitemap-index.xml") &&
		    tmpl_set_add(s->set, "sitemap-index.xml", sitemap_index,
		    sizeof(sitemap_index) - 1, d, "sitemap-index.xml") == -1)
			bad = 1;
		for (i = 0; i < NREQUIRED; i++) {
			if (tmpl_set_has(s->set, required[i]))
				continue;
			buf_reset(&b);
			buf_printf(&b, "%s/%s%s", s->dir, required[i],
			    strchr(required[i], '.') != NULL ? "" : ".html");
			diag_error(d, b.data, 0, 0, "%s", strerror(ENOENT));
			bad = 1;
		}
		for (i = 0; i < s->nassets; i++)
			if (strcmp(s->assets[i].name, "style.css") == 0)
				break;
		if (i == s->nassets) {
			buf_reset(&b);
			buf_printf(&b, "%s/style.css", s->dir);
			diag_error(d, b.data, 0, 0, "%s", strerror(ENOENT));
			bad = 1;
		}
	}
	buf_release(&b);
	/* Notices are read and checked here, so that `check` sees them. */
	for (i = 0; i < in->nnotices; i++) {
		struct notice **p;

		if ((n = notice_read(in->notices[i], d)) == NULL) {
			bad = 1;
			continue;
		}
		if ((p = realloc(s->notices, (s->nnotices + 1) *
		    sizeof(*p))) == NULL) {
			diag_error(d, NULL, 0, 0, "%s", strerror(ENOMEM));
			notice_free(n);
			bad = 1;
			break;
		}
		s->notices = p;
		s->notices[s->nnotices++] = n;
	}
	if (s->nnotices > 1)
		qsort(s->notices, s->nnotices, sizeof(*s->notices),
		    cmp_notice);
	if (bad) {
		site_free(s);
		return NULL;
	}
	return s;
}

void
site_free(struct site *s)
{
	size_t i;

	if (s == NULL)
		return;
	tmpl_set_free(s->set);
	for (i = 0; i < s->nassets; i++) {
		free(s->assets[i].name);
		free(s->assets[i].data);
	}
	free(s->assets);
	for (i = 0; i < s->nnotices; i++)
		notice_free(s->notices[i]);
	free(s->notices);
	free(s->dir);
	page_cache_free(s->cache);
	free(s);
}

/*
 * page_new, with the site's cache of shared values attached to the
 * context first (site_render's context starts without it).
 */
static struct val *
new_page(struct page_ctx *c, const char *rel, const char *kind)
{
	c->cache = c->s->cache;
	return page_new(c, rel, kind);
}

/*
 * The month shown on a grid's permanent page: the latest published month
 * in which it is active; -1 when there is none.
 */
static int
shown_month(const struct page_ctx *c, int gi)
{
	size_t i;

	for (i = c->res->nmonths; i-- > 0; )
		if (c->res->months[i].present && c->res->months[i].g[gi].active)
			return (int)i;
	return -1;
}

/* Child grids of gi active in month mi, best rank first, then by id. */
static size_t
children(const struct page_ctx *c, int gi, size_t mi, int *out)
{
	const struct grid	*g = &c->in->grids[gi];
	const struct gres	*r = c->res->months[mi].g;
	size_t			 i, j, n = 0;
	int			 t, a, b;

	for (i = 0; i < g->nchildren; i++)
		if (r[g->children[i]].active)
			out[n++] = g->children[i];
	/* Insertion sort: a handful of children, and stable. */
	for (i = 1; i < n; i++) {
		t = out[i];
		for (j = i; j > 0; j--) {
			a = r[out[j - 1]].rank_town;
			b = r[t].rank_town;
			if ((a == 0 ? 1 : 0) < (b == 0 ? 1 : 0) ||
			    ((a == 0) == (b == 0) && a <= b))
				break;
			out[j] = out[j - 1];
		}
		out[j] = t;
	}
	return n;
}

/* The first month index of the history table of month index mi. */
static size_t
history_first(size_t mi)
{
	return mi + 1 >= HISTORY ? mi + 1 - HISTORY : 0;
}

/*
 * A grid's history: the HISTORY months up to month mi, each with its
 * figures (and its frozen page when the month is published), as list
 * "history", and a bar chart of the monthly scores as raw "chart".
 */
static void
put_history(struct page_ctx *c, struct val *m, int gi, size_t mi, int frozen)
{
	const struct grid	*g = &c->in->grids[gi];
	struct svg_bar		 bars[HISTORY];
	char			 lbl[HISTORY][16], txt[HISTORY][32];
	const char		*id;
	struct val		*l = page_list(c, m, "history"), *h;
	struct buf		 svg;
	size_t			 i, first, n = 0;

	first = history_first(mi);
	buf_init(&svg);
	for (i = first; i <= mi; i++) {
		const struct month_res *mr = &c->res->months[i];
		const struct gres *r = &mr->g[gi];
		int has = mr->present && r->active && r->rated;

		h = page_push(c, l);
		page_month(c, h, "month", mr->month);
		page_bool(c, h, "has", has);
		/* Level-3 grids have a frozen page per published month. */
		date_month_fmt(lbl[n], mr->month);
		if (mr->present && r->active && g->level == 3)
			page_cat(c, h, "url", frozen ? "../" : "", lbl[n],
			    "/index.html", (char *)NULL);
		else
			page_str(c, h, "url", NULL);
		page_level(c, h, has ? r->level : -1);
		page_fig(c, h, "monthly", has ? r->monthly : NUM_ABSENT, 2);
		page_rank(c, h, "rank_town", has ? r->rank_town : 0);
		page_warning(c, h, "warning", has ? r->warning : WARN_ABSENT);
		page_bool(c, h, "current", i == mi);
		if (has && r->monthly != NUM_ABSENT)
			num_fmt(txt[n], r->monthly, 2);
		else
			memcpy(txt[n], "-", 2);
		bars[n].label = lbl[n];
		bars[n].text = txt[n];
		bars[n].value = has && r->monthly != NUM_ABSENT ? r->monthly :
		    -1;
		bars[n].cls = i == mi ? "hist cur" : "hist";
		n++;
	}
	id = frozen ? "history-cap-f" : "history-cap";
	if (svg_hbars(&svg, id, bars, n, SCORE_TOP) == -1)
		c->oom = 1;
	page_raw(c, m, "chart", &svg);
	page_str(c, m, "chart_id", id);
	page_month(c, m, "history_from", c->res->months[first].month);
	page_month(c, m, "history_to", c->res->months[mi].month);
	buf_release(&svg);
}

/* The reviews of grid gi applied in month mi, as list "changes". */
static void
put_changes(struct page_ctx *c, struct val *m, int gi, size_t mi)
{
	const struct month_res	*mr = &c->res->months[mi];
	struct val		*l = page_list(c, m, "changes"), *v;
	size_t			 i;

	for (i = 0; i < mr->nchanges; i++) {
		const struct change *ch = &mr->changes[i];

		if (ch->grid != gi)
			continue;
		v = page_push(c, l);
		page_str(c, v, "dname", input_domain_zh(ch->domain));
		page_star(c, page_map(c, v, "before"), ch->before);
		page_star(c, page_map(c, v, "after"), ch->after);
		page_bool(c, v, "changed", ch->before != ch->after);
		page_str(c, v, "reason", ch->reason);
	}
	page_bool(c, m, "has_changes", val_len(l) > 0);
}

/*
 * The published months of grid gi that its history table (months first
 * to cur) does not show, newest first, as list "more_months", each with
 * "url" relative to the page (a frozen page is one folder deeper);
 * "has_more_months" says whether there are any.  cur (size_t)-1: no
 * table, every month.
 */
static void
put_grid_months(struct page_ctx *c, struct val *m, int gi, size_t first,
    size_t cur, int frozen)
{
	struct val	*l = page_list(c, m, "more_months"), *v;
	size_t		 i;

	for (i = c->res->nmonths; i-- > 0; ) {
		const struct month_res *mr = &c->res->months[i];
		char t[16];

		if (!mr->present || !mr->g[gi].active ||
		    (cur != (size_t)-1 && i >= first && i <= cur))
			continue;
		v = page_push(c, l);
		page_month(c, v, "month", mr->month);
		date_month_fmt(t, mr->month);
		page_cat(c, v, "url", frozen ? "../" : "", t, "/index.html",
		    (char *)NULL);
	}
	page_bool(c, m, "has_more_months", val_len(l) > 0);
}

/*
 * The grid's QR code: "qr_url", the address it holds (the grid's
 * permanent page), and "qr_src", the file the qr stage draws it in
 * (qr/<id>.svg, the very code of the boards).  The page shows that file
 * rather than a copy of it: the code is encoded once a run, not once
 * more for the site, and a phone that never scrolls to it does not load
 * it.  Out of memory sets c->oom.
 */
static void
put_qr(struct page_ctx *c, struct val *m, int gi)
{
	char	*url;

	/* The address as the qr part and the boards encode it. */
	if ((url = layout_url(c->in, gi)) == NULL)
		c->oom = 1;
	page_str(c, m, "qr_url", url);
	free(url);
	page_cat(c, m, "qr_src", "qr/", c->in->grids[gi].id, ".svg",
	    (char *)NULL);
}

/*
 * The page of level-3 grid gi for month index mi (-1: no published month
 * yet): its permanent page, or the frozen page of that month.
 */
static int
grid_page(struct page_ctx *c, int gi, long mi, int frozen)
{
	const struct grid	*g = &c->in->grids[gi];
	struct val		*p, *v;
	struct buf		 rel;
	char			 t[16];
	int			 rc;

	buf_init(&rel);
	buf_puts(&rel, "g/");
	buf_puts(&rel, g->id);
	if (frozen) {
		date_month_fmt(t, c->res->months[mi].month);
		buf_putc(&rel, '/');
		buf_puts(&rel, t);
	}
	buf_puts(&rel, "/index.html");
	if (rel.oom) {
		diag_error(c->d, NULL, 0, 0, "%s", strerror(ENOMEM));
		return -1;
	}
	p = new_page(c, rel.data, "grid");
	v = page_map(c, p, "grid");
	page_bool(c, p, "frozen", frozen);
	page_cat(c, p, "latest_url", "g/", g->id, "/index.html", (char *)NULL);
	page_cat(c, p, "board_url", "boards/", c->in->grids[g->parent].id,
	    ".pdf", (char *)NULL);
	if (mi >= 0) {
		page_figures(c, v, gi, (size_t)mi);
		page_stage(c, p, &c->res->months[mi]);
		put_history(c, p, gi, (size_t)mi, frozen);
		put_changes(c, p, gi, (size_t)mi);
		page_bool(c, p, "has_month", 1);
	} else {
		page_str(c, v, "id", g->id);
		page_str(c, v, "name", g->name);
		page_ref(c, v, "village", g->parent);
		page_ref(c, v, "town", g->town);
		page_bool(c, p, "has_month", 0);
	}
	/* A grid that no longer exists shows its last month, marked. */
	page_bool(c, p, "ended", g->until < c->in->month);
	if (g->until < c->in->month)
		page_month(c, p, "until", g->until);
	put_grid_months(c, p, gi, mi >= 0 ? history_first((size_t)mi) : 0,
	    mi >= 0 ? (size_t)mi : (size_t)-1, frozen);
	put_qr(c, p, gi);
	rc = page_emit(c, p, "grid", rel.data, 1);
	buf_release(&rel);
	return rc;
}

/*
 * Which units of a frontage list (a month's, or the year's) lie in the
 * subtree of each grid: for grid g, unit indices idx[start[g]] up to
 * idx[start[g + 1]], ascending.  Built once per list a render uses, so
 * that 5,000 village pages do not each scan a province's units.
 */
struct front_index {
	const struct fres	*f;
	size_t			 n;
	int			*start;		/* ngrids + 1 */
	int			*idx;		/* n * depth at most */
};

static void
site_front_free(struct page_ctx *c)
{
	size_t	i;

	for (i = 0; i < c->nfront; i++) {
		free(c->front[i].start);
		free(c->front[i].idx);
	}
	free(c->front);
	c->front = NULL;
	c->nfront = 0;
}

/*
 * The index of list f (n units), built on first use; NULL when out of
 * memory.
 */
static const struct front_index *
front_index(struct page_ctx *c, const struct fres *f, size_t n)
{
	struct front_index	*x;
	size_t			 i, ng = c->in->ngrids, total = 0;
	int			 g, *fill;

	for (i = 0; i < c->nfront; i++)
		if (c->front[i].f == f && c->front[i].n == n)
			return &c->front[i];
	x = realloc(c->front, (c->nfront + 1) * sizeof(*c->front));
	if (x == NULL)
		return NULL;
	c->front = x;
	x = &c->front[c->nfront];
	if ((x->start = calloc(ng + 2, sizeof(int))) == NULL)
		return NULL;
	/* Count each unit once for its grid and once for every ancestor. */
	for (i = 0; i < n; i++)
		for (g = f[i].grid; g >= 0; g = c->in->grids[g].parent) {
			x->start[g + 1]++;
			total++;
		}
	for (i = 0; i < ng; i++)
		x->start[i + 1] += x->start[i];
	if ((x->idx = calloc(total + 1, sizeof(int))) == NULL ||
	    (fill = calloc(ng + 1, sizeof(int))) == NULL) {
		free(x->start);
		free(x->idx);
		return NULL;
	}
	memcpy(fill, x->start, ng * sizeof(int));
	for (i = 0; i < n; i++)
		for (g = f[i].grid; g >= 0; g = c->in->grids[g].parent)
			x->idx[fill[g]++] = (int)i;
	free(fill);
	x->f = f;
	x->n = n;
	c->nfront++;
	return x;
}

/* Frontage units (month or year list) of grids in the subtree of gi. */
static void
put_frontage(struct page_ctx *c, struct val *m, const char *k,
    const struct fres *f, size_t n, int gi, int year)
{
	const struct front_index *x = front_index(c, f, n);
	struct val	*l = page_list(c, m, k), *v;
	size_t		 i;
	int		 j, *order;
	size_t		 cnt = 0;

	if (x == NULL || (order = calloc((size_t)(x->start[gi + 1] -
	    x->start[gi]) + 1, sizeof(int))) == NULL) {
		c->oom = 1;
		return;
	}
	for (j = x->start[gi]; j < x->start[gi + 1]; j++)
		order[cnt++] = x->idx[j];
	/* By rank (unranked last), then by unit id: insertion sort. */
	for (i = 1; i < cnt; i++) {
		int t = order[i], a, b;

		for (j = (int)i; j > 0; j--) {
			a = f[order[j - 1]].rank;
			b = f[t].rank;
			if (a != 0 && (b == 0 || a <= b))
				break;
			if (a == 0 && b == 0)
				break;
			order[j] = order[j - 1];
		}
		order[j] = t;
	}
	for (i = 0; i < cnt; i++) {
		const struct fres *u = &f[order[i]];

		v = page_push(c, l);
		page_str(c, v, "unit", u->unit);
		page_str(c, v, "name", u->name);
		page_ref(c, v, "grid", u->grid);
		page_fig(c, v, "total", u->total, 2);
		page_rank(c, v, "rank", u->rank);
		if (year) {
			page_int(c, v, "months", u->months);
			page_bool(c, v, "commended", u->honour == 1);
			page_bool(c, v, "listed", u->honour == 2);
		}
	}
	page_bool(c, m, k[0] == 'f' && year ? "has_frontage_year" :
	    "has_frontage", cnt > 0);
	free(order);
}

/* The page of village (level-2 grid) vi. */
static int
village_page(struct page_ctx *c, int vi)
{
	const struct grid	*g = &c->in->grids[vi];
	struct val		*p, *v, *l;
	char			 rel[120], u[120];
	int			*kids;
	size_t			 i, n;
	long			 mi = c->last[vi];

	snprintf(rel, sizeof(rel), "v/%s/index.html", g->id);
	p = new_page(c, rel, "village");
	v = page_map(c, p, "grid");
	snprintf(u, sizeof(u), "boards/%s.pdf", g->id);
	page_str(c, p, "board_url", u);
	page_bool(c, p, "ended", g->until < c->in->month);
	if (mi < 0) {
		page_str(c, v, "id", g->id);
		page_str(c, v, "name", g->name);
		page_ref(c, v, "town", g->town);
		page_bool(c, p, "has_month", 0);
		return page_emit(c, p, "village", rel, 1);
	}
	page_bool(c, p, "has_month", 1);
	page_figures(c, v, vi, (size_t)mi);
	page_stage(c, p, &c->res->months[mi]);
	put_history(c, p, vi, (size_t)mi, 0);
	if ((kids = calloc(g->nchildren + 1, sizeof(int))) == NULL) {
		c->oom = 1;
		return page_emit(c, p, "village", rel, 1);
	}
	n = children(c, vi, (size_t)mi, kids);
	l = page_list(c, p, "children");
	for (i = 0; i < n; i++)
		page_figures(c, page_push(c, l), kids[i], (size_t)mi);
	free(kids);
	put_frontage(c, p, "frontage", c->res->months[mi].frontage,
	    c->res->months[mi].nfrontage, vi, 0);
	if (c->res->months[mi].month / 12 == c->in->month / 12)
		put_frontage(c, p, "frontage_year", c->res->frontage_year,
		    c->res->nfrontage_year, vi, 1);
	else
		page_bool(c, p, "has_frontage_year", 0);
	page_int(c, p, "year", c->in->month / 12);
	return page_emit(c, p, "village", rel, 1);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The villages and sub-grids of town ti in grid order, as a new array
 * (*n of them), so that a town's summary costs its own grids, not every
 * grid of a province.  NULL when out of memory.
 */
static int *
town_grids(const struct page_ctx *c, int ti, size_t *n)
{
	const struct grid	*t = &c->in->grids[ti], *v;
	size_t			 j, k, m = 0;
	int			*out;

	for (j = 0; j < t->nchildren; j++)
		m += 1 + c->in->grids[t->children[j]].nchildren;
	if ((out = malloc((m + 1) * sizeof(int))) == NULL)
		return NULL;
	*n = 0;
	for (j = 0; j < t->nchildren; j++) {
		out[(*n)++] = t->children[j];
		v = &c->in->grids[t->children[j]];
		for (k = 0; k < v->nchildren; k++)
			out[(*n)++] = v->children[k];
	}
	qsort(out, *n, sizeof(int), cmp_int);
	return out;
}

/*
 * A town's summary for month mi, as map t: identity, villages ranked,
 * the star distribution of its level-3 grids with a chart, warnings by
 * colour and flags, each with the grids concerned.  When brief (a row of
 * the towns table of a large publication), only its identity and the
 * counts: rated_grids, dist, warnings and no_warning.
 */
static void
put_town(struct page_ctx *c, struct val *t, int ti, size_t mi, int brief)
{
	static const int warn_order[] = { WARN_RED, WARN_ORANGE, WARN_YELLOW,
	    WARN_BLUE };
	const struct grid	*g = &c->in->grids[ti];
	const struct month_res	*mr = &c->res->months[mi];
	struct svg_bar		 bars[LEVELS];
	char			 lbl[LEVELS][16], txt[LEVELS][16];
	char			 cls[LEVELS][8], id[96];
	long			 dist[LEVELS] = { 0 }, max = 0;
	struct val		*l, *v, *gl;
	struct buf		 svg;
	int			*kids;
	size_t			 i, n, k, x, ng;
	int			 lv, w, f, rated = 0, *tg;

	page_figures(c, t, ti, mi);
	if ((tg = town_grids(c, ti, &ng)) == NULL) {
		c->oom = 1;
		return;
	}
	page_month(c, t, "month", mr->month);
	if (!brief) {
		if ((kids = calloc(g->nchildren + 1, sizeof(int))) == NULL) {
			c->oom = 1;
			free(tg);
			return;
		}
		n = children(c, ti, mi, kids);
		l = page_list(c, t, "villages");
		for (i = 0; i < n; i++)
			page_figures(c, page_push(c, l), kids[i], mi);
		free(kids);
		page_bool(c, t, "has_villages", n > 0);
	}
	/* Star distribution of the town's level-3 grids. */
	for (x = 0; x < ng; x++) {
		const struct grid *h = &c->in->grids[tg[x]];

		i = (size_t)tg[x];
		if (h->level == 3 && mr->g[i].rated &&
		    mr->g[i].level >= 0 && mr->g[i].level < LEVELS) {
			dist[mr->g[i].level]++;
			rated++;
		}
	}
	l = page_list(c, t, "dist");
	for (lv = LEVELS - 1; lv >= 0; lv--) {
		k = (size_t)(LEVELS - 1 - lv);
		v = page_push(c, l);
		page_level(c, v, lv);
		page_int(c, v, "count", dist[lv]);
		if (dist[lv] > max)
			max = dist[lv];
		snprintf(lbl[k], sizeof(lbl[k]), "%d\xE2\x98\x85", lv);
		snprintf(txt[k], sizeof(txt[k]), "%ld", dist[lv]);
		snprintf(cls[k], sizeof(cls[k]), "s%d", lv);
		bars[k].label = lbl[k];
		bars[k].text = txt[k];
		bars[k].value = dist[lv];
		bars[k].cls = cls[k];
	}
	page_int(c, t, "rated_grids", rated);
	if (!brief) {
		buf_init(&svg);
		snprintf(id, sizeof(id), "dist-%s", g->id);
		if (svg_hbars(&svg, id, bars, LEVELS, max) == -1)
			c->oom = 1;
		page_raw(c, t, "dist_chart", &svg);
		page_str(c, t, "dist_id", id);
		buf_release(&svg);
	}
	/* Warnings by colour, most severe first, with their grids. */
	l = page_list(c, t, "warnings");
	for (k = 0; k < sizeof(warn_order) / sizeof(warn_order[0]); k++) {
		w = warn_order[k];
		v = page_push(c, l);
		page_warning(c, v, "warning", w);
		gl = brief ? NULL : page_list(c, v, "grids");
		n = 0;
		for (x = 0; x < ng; x++) {
			const struct grid *h = &c->in->grids[tg[x]];

			i = (size_t)tg[x];
			if (h->level != 3 || !mr->g[i].rated ||
			    mr->g[i].warning != w)
				continue;
			n++;
			if (brief)
				continue;
			v = page_push(c, gl);
			page_str(c, v, "name", h->name);
			page_url(c, v, "url", h);
			page_ref(c, v, "village", h->parent);
		}
		v = (struct val *)val_list_get(l, k);
		page_int(c, v, "count", (long long)n);
	}
	n = 0;
	for (x = 0; x < ng; x++) {
		i = (size_t)tg[x];
		if (c->in->grids[i].level == 3 && mr->g[i].rated &&
		    mr->g[i].warning == WARN_NONE)
			n++;
	}
	page_int(c, t, "no_warning", (long long)n);
	if (brief) {
		free(tg);
		return;
	}
	/* Flags, in the order of RULES.md §5, with their grids. */
	l = page_list(c, t, "flag_groups");
	for (f = 0; f < FLAG__COUNT; f++) {
		v = page_push(c, l);
		page_str(c, v, "key", rules_flag_word(f));
		for (w = 0; w < FLAG__COUNT; w++)
			page_bool(c, v, rules_flag_word(w), w == f);
		gl = page_list(c, v, "grids");
		n = 0;
		for (x = 0; x < ng; x++) {
			const struct grid *h = &c->in->grids[tg[x]];
			struct val *e;

			i = (size_t)tg[x];
			if (h->level < 2 || !(mr->g[i].flags & (1u << f)))
				continue;
			e = page_push(c, gl);
			page_str(c, e, "name", h->name);
			page_url(c, e, "url", h);
			page_int(c, e, "tier", h->level);
			if (h->level == 3)
				page_ref(c, e, "village", h->parent);
			else
				page_str(c, e, "village", NULL);
			n++;
		}
		page_int(c, v, "count", (long long)n);
	}
	free(tg);
}

/* The page of town (level-1 grid) ti. */
static int
town_page(struct page_ctx *c, int ti)
{
	const struct grid	*g = &c->in->grids[ti];
	const struct month_res	*pub = c->res->pub;
	struct val		*p, *t;
	char			 rel[120];
	size_t			 mi = (size_t)(pub - c->res->months);

	snprintf(rel, sizeof(rel), "t/%s/index.html", g->id);
	p = new_page(c, rel, "town");
	t = page_map(c, p, "town");
	put_town(c, t, ti, mi, 0);
	put_frontage(c, p, "frontage", pub->frontage, pub->nfrontage, ti, 0);
	put_frontage(c, p, "frontage_year", c->res->frontage_year,
	    c->res->nfrontage_year, ti, 1);
	page_int(c, p, "year", c->in->month / 12);
	return page_emit(c, p, "town", rel, 1);
}

/* The latest notices (at most max; 0 = all) as list k. */
static void
put_notices(struct page_ctx *c, struct val *m, const char *k, size_t max)
{
	struct val	*l = page_list(c, m, k), *v;
	char		 u[120];
	size_t		 i;

	for (i = 0; i < c->s->nnotices && (max == 0 || i < max); i++) {
		const struct notice *n = c->s->notices[i];

		v = page_push(c, l);
		page_str(c, v, "slug", n->slug);
		page_str(c, v, "title", n->title);
		page_day(c, v, "date", n->date);
		snprintf(u, sizeof(u), "notices/%s/index.html", n->slug);
		page_str(c, v, "url", u);
	}
	page_bool(c, m, "has_notices", c->s->nnotices > 0);
}

/*
 * Whether level-1 grid ti exists in month mi (the engine marks only
 * levels 2 and 3 active): its from/until bounds (RULES.md §1).
 */
static int
town_active(const struct page_ctx *c, int ti, size_t mi)
{
	const struct grid *g = &c->in->grids[ti];
	int m = c->res->months[mi].month;

	return g->from <= m && m <= g->until;
}

/*
 * Whether month mi has more active sub-grids than its month page and the
 * home page list grid by grid (MONTH_GRIDS_MAX): then they show a table
 * of the towns instead, and the rest is on the town and grid pages.
 */
static int
many_grids(const struct page_ctx *c, size_t mi)
{
	const struct month_res	*mr = &c->res->months[mi];
	size_t			 i, n = 0;

	for (i = 0; i < c->in->ngrids; i++)
		if (c->in->grids[i].level == 3 && mr->g[i].active)
			n++;
	return n > MONTH_GRIDS_MAX;
}

/*
 * The level-1 grids, by id, as list "towns" (with put_town for mi, brief
 * or not).
 */
static void
put_towns(struct page_ctx *c, struct val *m, size_t mi, int brief)
{
	struct val	*l = page_list(c, m, "towns");
	size_t		 i;

	for (i = 0; i < c->in->ngrids; i++)
		if (c->in->grids[i].level == 1 &&
		    town_active(c, (int)i, mi))
			put_town(c, page_push(c, l), (int)i, mi, brief);
}

/* The home page. */
static int
index_page(struct page_ctx *c)
{
	struct val	*p = new_page(c, "index.html", "home");
	size_t		 mi = (size_t)(c->res->pub - c->res->months);
	int		 all = !many_grids(c, mi);

	page_bool(c, p, "all_grids", all);
	put_towns(c, p, mi, !all);
	put_notices(c, p, "notices", LATEST_NOTICES);
	page_bool(c, p, "more_notices", c->s->nnotices > LATEST_NOTICES);
	return page_emit(c, p, "index", "index.html", 1);
}

/* Every published month, newest first, as list "months" (cur marked). */
static void
put_months(struct page_ctx *c, struct val *m, long cur)
{
	struct val	*l = page_list(c, m, "months"), *v;
	size_t		 i;

	for (i = c->res->nmonths; i-- > 0; ) {
		if (!c->res->months[i].present)
			continue;
		v = page_push(c, l);
		page_month(c, v, "month", c->res->months[i].month);
		page_bool(c, v, "current", (long)i == cur);
	}
}

/* The page of month index mi: every grid, by town and village. */
static int
month_page(struct page_ctx *c, size_t mi)
{
	const struct month_res	*mr = &c->res->months[mi];
	struct val		*p, *tl, *t, *vl, *v, *kl;
	char			 key[16], rel[40];
	int			*kids, *vils, all;
	size_t			 i, j, k, nv, nk;

	date_month_fmt(key, mr->month);
	snprintf(rel, sizeof(rel), "m/%s/index.html", key);
	p = new_page(c, rel, "month");
	page_stage(c, p, mr);
	page_month(c, p, "month", mr->month);
	put_months(c, p, (long)mi);
	snprintf(rel, sizeof(rel), "y/%d/index.html", mr->month / 12);
	page_str(c, p, "year_url", rel);
	snprintf(rel, sizeof(rel), "m/%s/index.html", key);
	if ((kids = calloc(c->in->ngrids + 1, sizeof(int))) == NULL ||
	    (vils = calloc(c->in->ngrids + 1, sizeof(int))) == NULL) {
		free(kids);
		c->oom = 1;
		return page_emit(c, p, "month", rel, 1);
	}
	/* A table of every grid while it stays of a readable size. */
	all = !many_grids(c, mi);
	page_bool(c, p, "all_grids", all);
	tl = page_list(c, p, "towns");
	for (i = 0; i < c->in->ngrids; i++) {
		if (c->in->grids[i].level != 1 || !town_active(c, (int)i, mi))
			continue;
		t = page_push(c, tl);
		put_town(c, t, (int)i, mi, !all);
		if (!all)
			continue;
		/* put_town listed the villages; here each gets its grids. */
		vl = page_list(c, t, "rows");
		nv = children(c, (int)i, mi, vils);
		for (j = 0; j < nv; j++) {
			v = page_push(c, vl);
			page_figures(c, page_map(c, v, "village"), vils[j], mi);
			kl = page_list(c, v, "grids");
			nk = children(c, vils[j], mi, kids);
			for (k = 0; k < nk; k++)
				page_figures(c, page_push(c, kl), kids[k], mi);
		}
	}
	free(kids);
	free(vils);
	return page_emit(c, p, "month", rel, 1);
}

/* Grids of a year table for level lv of town ti, best rank first. */
static void
put_year_rows(struct page_ctx *c, struct val *m, const char *k,
    const struct annual *y, int ti, int lv)
{
	const struct period	*a = y->year;
	struct val		*l = page_list(c, m, k), *v, *ql, *q;
	int			*order;
	size_t			 i, n = 0, j, qi, ng;

	if ((order = town_grids(c, ti, &ng)) == NULL) {
		c->oom = 1;
		return;
	}
	for (i = 0; i < ng; i++)
		if (a->present[order[i]] && c->in->grids[order[i]].level == lv)
			order[n++] = order[i];
	for (i = 1; i < n; i++) {
		int t = order[i], ra, rb;

		for (j = i; j > 0; j--) {
			ra = a->rank[order[j - 1]];
			rb = a->rank[t];
			if (ra != 0 && (rb == 0 || ra <= rb))
				break;
			if (ra == 0 && rb == 0)
				break;
			order[j] = order[j - 1];
		}
		order[j] = t;
	}
	for (i = 0; i < n; i++) {
		int gi = order[i];
		const struct grid *g = &c->in->grids[gi];

		v = page_push(c, l);
		page_str(c, v, "name", g->name);
		page_url(c, v, "url", g);
		if (g->level == 3)
			page_ref(c, v, "village", g->parent);
		else
			page_str(c, v, "village", NULL);
		page_fig(c, v, "score", a->score[gi], 2);
		page_rank(c, v, "rank", a->rank[gi]);
		page_int(c, v, "months_scored", a->months[gi]);
		page_bool(c, v, "excellent", a->excellent[gi]);
		ql = page_list(c, v, "quarters");
		for (qi = 0; qi < y->nquarters; qi++) {
			q = page_push(c, ql);
			page_fig(c, q, "score", y->quarters[qi]->present[gi] ?
			    y->quarters[qi]->score[gi] : NUM_ABSENT, 2);
			page_rank(c, q, "rank", y->quarters[qi]->present[gi] ?
			    y->quarters[qi]->rank[gi] : 0);
		}
	}
	free(order);
	page_bool(c, m, lv == 2 ? "has_villages" : "has_grids", n > 0);
}

/* The page of year y: annual and quarter tables, excellent grids. */
static int
year_page(struct page_ctx *c, const struct annual *y)
{
	struct val	*p, *tl, *t, *l, *v;
	char		 rel[40], u[80];
	size_t		 i, qi, n;
	int		 all;

	snprintf(rel, sizeof(rel), "y/%d/index.html", y->y);
	p = new_page(c, rel, "year");
	page_int(c, p, "year", y->y);
	page_bool(c, p, "complete", y->complete);
	page_bool(c, p, "published_year", y->y == c->in->month / 12);
	snprintf(u, sizeof(u), "data/%d/annual.csv", y->y);
	page_str(c, p, "annual_csv", y->y == c->in->month / 12 ? u : NULL);
	l = page_list(c, p, "quarters");
	for (qi = 0; qi < y->nquarters; qi++) {
		v = page_push(c, l);
		page_int(c, v, "q", (long long)(qi + 1));
		page_str(c, v, "label", y->quarters[qi]->label);
		snprintf(u, sizeof(u), "data/%s/quarter.csv",
		    y->quarters[qi]->label);
		page_str(c, v, "csv", y->y == c->in->month / 12 ? u : NULL);
	}
	page_bool(c, p, "has_quarters", y->nquarters > 0);
	l = page_list(c, p, "months");
	for (i = 0; i < c->res->nmonths; i++)
		if (c->res->months[i].present &&
		    c->res->months[i].month / 12 == y->y)
			page_month(c, page_push(c, l), "month",
			    c->res->months[i].month);
	/* Excellent grids: level 5 in all twelve months (RULES.md §5). */
	l = page_list(c, p, "excellent");
	for (i = 0; i < c->in->ngrids; i++) {
		const struct grid *g = &c->in->grids[i];

		if (!y->year->present[i] || !y->year->excellent[i])
			continue;
		v = page_push(c, l);
		page_str(c, v, "name", g->name);
		page_url(c, v, "url", g);
		page_int(c, v, "tier", g->level);
		if (g->level == 3)
			page_ref(c, v, "village", g->parent);
		else
			page_str(c, v, "village", NULL);
	}
	page_bool(c, p, "has_excellent", val_len(val_map_get(p, "excellent"))
	    > 0);
	/* Sub-grid tables only while they stay of a readable size. */
	for (i = 0, n = 0; i < c->in->ngrids; i++)
		if (c->in->grids[i].level == 3 && y->year->present[i])
			n++;
	all = n <= MONTH_GRIDS_MAX;
	page_bool(c, p, "all_grids", all);
	tl = page_list(c, p, "towns");
	for (i = 0; i < c->in->ngrids; i++) {
		if (c->in->grids[i].level != 1)
			continue;
		t = page_push(c, tl);
		page_str(c, t, "id", c->in->grids[i].id);
		page_str(c, t, "name", c->in->grids[i].name);
		page_url(c, t, "url", &c->in->grids[i]);
		put_year_rows(c, t, "villages", y, (int)i, 2);
		if (all)
			put_year_rows(c, t, "grids", y, (int)i, 3);
		else
			page_bool(c, t, "has_grids", 0);
	}
	l = page_list(c, p, "years");
	for (i = c->nyears; i-- > 0; ) {
		v = page_push(c, l);
		page_int(c, v, "y", c->years[i].y);
		snprintf(u, sizeof(u), "y/%d/index.html", c->years[i].y);
		page_str(c, v, "url", u);
		page_bool(c, v, "current", c->years[i].y == y->y);
	}
	return page_emit(c, p, "year", rel, 1);
}

/* The notice list and one page per notice. */
static int
notice_pages(struct page_ctx *c)
{
	struct val	*p, *v;
	struct buf	 html;
	char		 rel[120];
	size_t		 i;

	p = new_page(c, "notices/index.html", "notices");
	put_notices(c, p, "notices", 0);
	if (page_emit(c, p, "notices", "notices/index.html", 1) == -1)
		return -1;
	buf_init(&html);
	for (i = 0; i < c->s->nnotices; i++) {
		const struct notice *n = c->s->notices[i];

		snprintf(rel, sizeof(rel), "notices/%s/index.html", n->slug);
		p = new_page(c, rel, "notice");
		v = page_map(c, p, "article");
		page_str(c, v, "title", n->title);
		page_day(c, v, "date", n->date);
		buf_reset(&html);
		if (md_html(n->body, n->bodylen, &html) == -1)
			c->oom = 1;
		page_raw(c, v, "html", &html);
		if (page_emit(c, p, "notice", rel, 1) == -1) {
			buf_release(&html);
			return -1;
		}
	}
	buf_release(&html);
	return 0;
}

/* The open-data page: every file the export wrote (RULES.md §8). */
static int
data_page(struct page_ctx *c)
{
	struct val	*p, *l, *v;
	char		 key[16], u[80];
	size_t		 i;
	int		 y = c->in->month / 12;

	p = new_page(c, "data/index.html", "data");
	l = page_list(c, p, "months");
	for (i = c->res->nmonths; i-- > 0; ) {
		if (!c->res->months[i].present)
			continue;
		v = page_push(c, l);
		page_month(c, v, "month", c->res->months[i].month);
		date_month_fmt(key, c->res->months[i].month);
		snprintf(u, sizeof(u), "data/%s/results.csv", key);
		page_str(c, v, "csv", u);
		snprintf(u, sizeof(u), "data/%s/results.json", key);
		page_str(c, v, "json", u);
		snprintf(u, sizeof(u), "data/%s/frontage.csv", key);
		page_str(c, v, "frontage", u);
	}
	page_int(c, p, "year", y);
	snprintf(u, sizeof(u), "data/%d/annual.csv", y);
	page_str(c, p, "annual_csv", u);
	snprintf(u, sizeof(u), "data/%d/frontage.csv", y);
	page_str(c, p, "frontage_csv", u);
	l = page_list(c, p, "quarters");
	for (i = 0; i < c->res->pubyear->nquarters; i++) {
		v = page_push(c, l);
		page_str(c, v, "label", c->res->pubyear->quarters[i].label);
		snprintf(u, sizeof(u), "data/%s/quarter.csv",
		    c->res->pubyear->quarters[i].label);
		page_str(c, v, "csv", u);
	}
	return page_emit(c, p, "data", "data/index.html", 1);
}

/* Append s to b as a JSON string (safe inside a <script> file too). */
static void
json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&')
			buf_printf(b, "\\u%04x", ch);
		else if (ch == 0xE2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0xA8 ||
		    (unsigned char)s[2] == 0xA9)) {
			/* U+2028, U+2029 end a line in older JavaScript. */
			buf_printf(b, "\\u%04x", (unsigned char)s[2] == 0xA8 ?
			    0x2028 : 0x2029);
			s += 2;
		} else
			buf_putc(b, ch);
	}
	buf_putc(b, '"');
}

/*
 * The search page (every grid by town and village, for readers without
 * JavaScript) and its index, search/index.js: one array entry per level-2
 * and level-3 grid, [name, village, leader, address].
 */
static int
search_page(struct page_ctx *c)
{
	struct val	*p, *tl, *t, *vl, *v, *gl, *e;
	struct buf	 js;
	size_t		 i, j, k;
	int		 rc, all;

	p = new_page(c, "search/index.html", "search");
	/* A large publication lists its towns only; each town page lists
	 * its villages and sub-grids (the index keeps every grid). */
	for (i = 0, k = 0; i < c->in->ngrids; i++)
		k += c->in->grids[i].level == 3;
	all = k <= MONTH_GRIDS_MAX;
	page_bool(c, p, "all_grids", all);
	tl = page_list(c, p, "towns");
	buf_init(&js);
	buf_puts(&js, "var GRIDSTAR_INDEX = [\n");
	for (i = 0; i < c->in->ngrids; i++) {
		const struct grid *tg = &c->in->grids[i];

		if (tg->level != 1)
			continue;
		t = page_push(c, tl);
		page_str(c, t, "name", tg->name);
		page_url(c, t, "url", tg);
		vl = all ? page_list(c, t, "villages") : NULL;
		for (j = 0; j < tg->nchildren; j++) {
			const struct grid *vg = &c->in->grids[tg->children[j]];

			v = all ? page_push(c, vl) : NULL;
			if (v != NULL) {
				page_str(c, v, "name", vg->name);
				page_url(c, v, "url", vg);
				page_str(c, v, "leader", vg->leader[0] != '\0' ?
				    vg->leader : NULL);
			}
			buf_puts(&js, "[");
			json_str(&js, vg->name);
			buf_puts(&js, ",");
			json_str(&js, tg->name);
			buf_puts(&js, ",");
			json_str(&js, vg->leader);
			buf_printf(&js, ",\"v/%s/index.html\"],\n", vg->id);
			gl = v != NULL ? page_list(c, v, "grids") : NULL;
			for (k = 0; k < vg->nchildren; k++) {
				const struct grid *g =
				    &c->in->grids[vg->children[k]];

				if (gl != NULL) {
					e = page_push(c, gl);
					page_str(c, e, "name", g->name);
					page_url(c, e, "url", g);
					page_str(c, e, "leader",
					    g->leader[0] != '\0' ?
					    g->leader : NULL);
					page_bool(c, e, "ended",
					    g->until < c->in->month);
				}
				buf_puts(&js, "[");
				json_str(&js, g->name);
				buf_puts(&js, ",");
				json_str(&js, vg->name);
				buf_puts(&js, ",");
				json_str(&js, g->leader);
				buf_printf(&js, ",\"g/%s/index.html\"],\n",
				    g->id);
			}
		}
	}
	buf_puts(&js, "];\n");
	if (js.oom) {
		buf_release(&js);
		val_free(p);
		diag_error(c->d, NULL, 0, 0, "%s", strerror(ENOMEM));
		return -1;
	}
	rc = fsout_write(c->root, "search/index.js", js.data, js.len, c->d);
	buf_release(&js);
	if (rc == -1) {
		val_free(p);
		return -1;
	}
	return page_emit(c, p, "search", "search/index.html", 1);
}

/* "2026-11-02T00:00:00+08:00" for the feed. */
static void
put_stamp(struct page_ctx *c, struct val *m, const char *k, int day)
{
	char t[16], s[40];

	date_fmt(t, day);
	snprintf(s, sizeof(s), "%sT00:00:00%s", t, FEED_TZ);
	page_str(c, m, k, s);
}

/*
 * The Atom feed: notices and monthly publications, newest first, dated
 * from the inputs (a notice's date, a month's publish date), never from
 * the clock.
 */
static int
feed(struct page_ctx *c)
{
	struct val	*p, *l, *e;
	size_t		 ni = 0, mi = c->res->nmonths, k;
	int		 newest = 0, nd, md;
	char		 u[120], key[16];

	p = new_page(c, "feed.xml", "feed");
	l = page_list(c, p, "entries");
	/* Merge the notices (newest first) and the months (newest last). */
	while (mi > 0 && !c->res->months[mi - 1].present)
		mi--;
	for (;;) {
		nd = ni < c->s->nnotices ? c->s->notices[ni]->date : -1;
		md = mi > 0 ? c->res->months[mi - 1].publish_date : -1;
		if (nd < 0 && md < 0)
			break;
		e = page_push(c, l);
		if (nd >= md) {
			const struct notice *n = c->s->notices[ni++];

			page_bool(c, e, "is_notice", 1);
			page_str(c, e, "title", n->title);
			snprintf(u, sizeof(u), "notices/%s/", n->slug);
			page_str(c, e, "path", u);
			put_stamp(c, e, "updated", nd);
			if (nd > newest)
				newest = nd;
		} else {
			const struct month_res *mr = &c->res->months[--mi];

			page_bool(c, e, "is_month", 1);
			page_month(c, e, "month", mr->month);
			page_bool(c, e, "notice", mr->stage == STAGE_NOTICE);
			page_bool(c, e, "final", mr->stage == STAGE_FINAL);
			date_month_fmt(key, mr->month);
			snprintf(u, sizeof(u), "m/%s/", key);
			page_str(c, e, "path", u);
			put_stamp(c, e, "updated", md);
			if (md > newest)
				newest = md;
			while (mi > 0 && !c->res->months[mi - 1].present)
				mi--;
		}
	}
	k = val_len(l);
	put_stamp(c, p, "updated", k > 0 ? newest : date_month_first(
	    c->in->month));
	return page_emit(c, p, "feed.xml", "feed.xml", 0);
}

/*
 * The sitemap file rel (template sitemap.xml) of the next n lines of the
 * sitemap from *pos, which moves past them.  Returns 0 or -1 (reported).
 */
static int
sitemap_file(struct page_ctx *c, const char *rel, const char **pos,
    size_t n)
{
	struct val	*p = new_page(c, rel, "sitemap"), *l = val_new_list();
	const char	*e;
	size_t		 i;

	if (p == NULL || val_map_set(p, "urls", l) == -1)
		c->oom = 1;
	for (i = 0; i < n && l != NULL; i++) {
		e = strchr(*pos, '\n');
		if (val_list_push(l, val_new_strn(*pos, (size_t)(e - *pos)))
		    == -1)
			c->oom = 1;
		*pos = e + 1;
	}
	return page_emit(c, p, "sitemap.xml", rel, 0);
}

/*
 * sitemap.xml (every page written so far; an index of sitemap-N.xml
 * above SITEMAP_MAX pages), robots.txt and 404.html.
 */
static int
extras(struct page_ctx *c)
{
	struct val	*p, *l = NULL;
	const char	*pos, *e;
	char		 rel[40];
	size_t		 k, nfiles, n;

	p = new_page(c, "404.html", "404");
	if (page_emit(c, p, "404", "404.html", 1) == -1)
		return -1;
	p = new_page(c, "robots.txt", "robots");
	if (page_emit(c, p, "robots.txt", "robots.txt", 0) == -1)
		return -1;
	pos = c->sitemap.data != NULL ? c->sitemap.data : "";
	for (n = 0, e = pos; (e = strchr(e, '\n')) != NULL; e++)
		n++;
	if (n <= SITEMAP_MAX)
		return sitemap_file(c, "sitemap.xml", &pos, n);
	nfiles = (n + SITEMAP_MAX - 1) / SITEMAP_MAX;
	p = new_page(c, "sitemap.xml", "sitemap");
	if (p == NULL || (l = val_new_list()) == NULL ||
	    val_map_set(p, "sitemaps", l) == -1)
		c->oom = 1;
	for (k = 0; k < nfiles; k++) {
		snprintf(rel, sizeof(rel), "sitemap-%zu.xml", k + 1);
		if (sitemap_file(c, rel, &pos, n - k * SITEMAP_MAX >
		    SITEMAP_MAX ? SITEMAP_MAX : n - k * SITEMAP_MAX) == -1) {
			val_free(p);
			return -1;
		}
		if (l == NULL || val_list_push(l, val_new_str(rel)) == -1)
			c->oom = 1;
	}
	return page_emit(c, p, "sitemap-index.xml", "sitemap.xml", 0);
}

/* Copy the theme's assets to assets/. */
static int
assets(struct page_ctx *c)
{
	struct buf	 rel;
	size_t		 i;
	int		 rc = 0;

	buf_init(&rel);
	for (i = 0; i < c->s->nassets && rc == 0; i++) {
		buf_reset(&rel);
		buf_printf(&rel, "assets/%s", c->s->assets[i].name);
		if (rel.oom)
			rc = -1;
		else
			rc = fsout_write(c->root, rel.data,
			    c->s->assets[i].data, c->s->assets[i].len, c->d);
	}
	buf_release(&rel);
	return rc;
}

/* List page dir/id/[month/] (written by a shard) in the sitemap. */
static void
sitemap_add(struct page_ctx *c, const char *dir, const char *id,
    const char *month)
{
	char		 loc[160];

	snprintf(loc, sizeof(loc), "%s/%s/%s%s\n", dir, id,
	    month != NULL ? month : "", month != NULL ? "/" : "");
	if (buf_puts(&c->sitemap, loc) == -1)
		c->oom = 1;
}

/*
 * The town, village and grid pages of grid i: written when they are in
 * shard (SHARD_ALL: always); SHARD_COMMON only lists them in the sitemap.
 * Returns 0 or -1 (reported).
 */
static int
grid_pages(struct page_ctx *c, size_t i, int shard, int nshards,
    const int *key, int permanent)
{
	const struct grid	*g = &c->in->grids[i];
	const struct result	*res = c->res;
	size_t			 mi;
	char			 t[16];
	int			 mine;

	mine = shard == SHARD_ALL || (shard >= 0 && key[i] % nshards == shard);
	if (!mine && shard >= 0)
		return 0;
	if (g->level == 1)
		return mine ? town_page(c, (int)i) :
		    (sitemap_add(c, "t", g->id, NULL), 0);
	if (g->level == 2)
		return mine ? village_page(c, (int)i) :
		    (sitemap_add(c, "v", g->id, NULL), 0);
	if (mine) {
		if (grid_page(c, (int)i, c->last[i], 0) == -1)
			return -1;
	} else
		sitemap_add(c, "g", g->id, NULL);
	for (mi = 0; mi < res->nmonths && !permanent; mi++) {
		if (!res->months[mi].present || !res->months[mi].g[i].active)
			continue;
		if (mine) {
			if (grid_page(c, (int)i, (long)mi, 1) == -1)
				return -1;
		} else {
			date_month_fmt(t, res->months[mi].month);
			sitemap_add(c, "g", g->id, t);
		}
	}
	return 0;
}

int
site_render(struct site *s, const struct result *res, const char *root,
    int shard, int nshards, struct diag *d)
{
	struct page_ctx	 c;
	size_t		 i, mi;
	int		*key = NULL, rc = -1;
	int		 common = shard == SHARD_ALL || shard == SHARD_COMMON;
	int		 permanent = 0;
	const char	*e;

	/*
	 * For tests/bench/ only: GRIDSTAR_PAGES=permanent writes just the
	 * pages of the villages and the permanent pages of the grids, the
	 * pages the benchmark's Hugo site has.
	 */
	if ((e = getenv(PAGES_ENV)) != NULL && strcmp(e, "permanent") == 0) {
		permanent = 1;
		if (shard == SHARD_COMMON)
			return 0;
		if (shard == SHARD_ALL)
			shard = 0;
		common = 0;
	}

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.set = s->set;
	c.in = s->in;
	c.res = res;
	c.root = root;
	c.d = d;
	if (nshards < 1)
		nshards = 1;
	buf_init(&c.body);
	buf_init(&c.page);
	buf_init(&c.sitemap);
	if ((c.last = calloc(c.in->ngrids + 1, sizeof(int))) == NULL ||
	    (key = calloc(c.in->ngrids + 1, sizeof(int))) == NULL ||
	    annual_build(res, &c.years, &c.nyears) == -1) {
		diag_error(d, NULL, 0, 0, "%s", strerror(ENOMEM));
		goto out;
	}
	for (i = 0; i < c.in->ngrids; i++)
		c.last[i] = shown_month(&c, (int)i);
	input_shard_keys(c.in, key);
	if (common && (assets(&c) == -1 || index_page(&c) == -1))
		goto out;
	for (i = 0; i < c.in->ngrids; i++) {
		if ((!permanent || c.in->grids[i].level != 1) &&
		    grid_pages(&c, i, shard, nshards, key, permanent) == -1)
			goto out;
		/* A shard's own pages are in the common part's sitemap. */
		if (!common && c.in->grids[i].level == 3) {
			buf_reset(&c.sitemap);
		}
	}
	if (!common) {
		rc = 0;
		goto out;
	}
	for (mi = 0; mi < res->nmonths; mi++)
		if (res->months[mi].present && month_page(&c, mi) == -1)
			goto out;
	for (i = 0; i < c.nyears; i++)
		if (year_page(&c, &c.years[i]) == -1)
			goto out;
	if (notice_pages(&c) == -1 || data_page(&c) == -1 ||
	    search_page(&c) == -1 || feed(&c) == -1 || extras(&c) == -1)
		goto out;
	rc = 0;
out:
	site_front_free(&c);
	annual_free(c.years, c.nyears);
	buf_release(&c.sitemap);
	free(c.last);
	free(key);
	buf_release(&c.body);
	buf_release(&c.page);
	return rc;
}
