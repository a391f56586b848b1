/*
 * Pages of the website: see page.h.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fsout.h"
#include "input.h"
#include "num.h"
#include "page.h"
#include "rules.h"
#include "tmpl.h"
#include "val.h"

/* A page past this size gets a warning (issue 3: "any page < 60 KB"). */
#define PAGE_MAX	(60 * 1024)
/* Star levels of a level-3 grid, 0 to 5 (RULES.md §3). */
#define LEVELS		6
/* page_cat builds results shorter than this on the stack. */
#define PAGE_CAT_SMALL	256

/* Months and days around the first one asked for that page_cache keeps. */
#define CACHE_MONTHS	1200
#define CACHE_DAYS	8192

/* Shared values (val_share) of a range of months or days, on demand. */
struct range {
	struct val	**v;	/* CACHE_MONTHS or CACHE_DAYS slots, or NULL */
	int		  lo;	/* month or day number of v[0] */
};

/*
 * Values that many pages show and that depend on the site's inputs only,
 * made once and shared by every page (val_share): the site's settings,
 * months, days, warning colours, flags and grid references.
 */
struct page_cache {
	struct val	*site;		/* page_new's "site" */
	struct val	*warn[WARN_RED + 1];	/* page_warning's */
	struct val	*flag[FLAG__COUNT];	/* page_flags' entries */
	struct val	**ref;		/* page_ref's, per grid */
	size_t		  nref;
	struct range	  month;	/* page_month's */
	struct range	  day;		/* page_day's */
};

/* Whether name ends with ext. */
static int
ends(const char *name, const char *ext)
{
	size_t n = strlen(name), k = strlen(ext);

	return n > k && strcmp(name + n - k, ext) == 0;
}

struct page_cache *
page_cache_new(void)
{
	return calloc(1, sizeof(struct page_cache));
}

/* Free the n shared values v[0..n-1] (v itself is not freed). */
static void
free_shared(struct val **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		val_free_shared(v[i]);
}

void
page_cache_free(struct page_cache *pc)
{
	if (pc == NULL)
		return;
	val_free_shared(pc->site);
	free_shared(pc->warn, WARN_RED + 1);
	free_shared(pc->flag, FLAG__COUNT);
	free_shared(pc->ref, pc->nref);
	free(pc->ref);
	free_shared(pc->month.v, pc->month.v != NULL ? CACHE_MONTHS : 0);
	free(pc->month.v);
	free_shared(pc->day.v, pc->day.v != NULL ? CACHE_DAYS : 0);
	free(pc->day.v);
	free(pc);
}

/*
 * The slot of number x in range r of n slots, set up around x on first
 * use; NULL when x is out of range or memory is short (no caching then).
 */
static struct val **
range_slot(struct range *r, int n, int x)
{
	if (r->v == NULL) {
		if ((r->v = calloc((size_t)n, sizeof(*r->v))) == NULL)
			return NULL;
		r->lo = x > INT_MIN + n / 2 ? x - n / 2 : x;
	}
	if (x < r->lo || (long long)x - r->lo >= n)
		return NULL;
	return &r->v[x - r->lo];
}

/*
 * The shared map that fill makes for arg, kept in *slot (made on first
 * use); NULL when slot is NULL or it could not be made (c->oom is left
 * as it was: the caller then builds an unshared one).
 */
static struct val *
shared_map(struct page_ctx *c, struct val **slot,
    void (*fill)(struct page_ctx *, struct val *, int), int arg)
{
	struct val	*v;
	int		 oom;

	if (slot == NULL)
		return NULL;
	if (*slot != NULL)
		return *slot;
	if ((v = val_new_map()) == NULL)
		return NULL;
	oom = c->oom;
	c->oom = 0;
	fill(c, v, arg);
	if (c->oom)
		val_free(v);
	else
		*slot = val_share(v);
	c->oom = oom;
	return *slot;
}

/*
 * Set key k of m to the map that fill makes for arg: the shared one of
 * slot if there is one, else a new one.
 */
static void
put_map(struct page_ctx *c, struct val *m, const char *k, struct val **slot,
    void (*fill)(struct page_ctx *, struct val *, int), int arg)
{
	struct val *v;

	if ((v = shared_map(c, slot, fill, arg)) != NULL) {
		if (val_map_set(m, k, v) == -1)
			c->oom = 1;
		return;
	}
	fill(c, page_map(c, m, k), arg);
}

/*
 * Small setters: they store a value in a map and remember a failure in
 * the context, so that building a page is a straight list of calls and
 * one check at the end.  A NULL map counts as a failure too.
 */
void
page_str(struct page_ctx *c, struct val *m, const char *k, const char *s)
{
	if (val_map_set_str(m, k, s) == -1)
		c->oom = 1;
}

void
page_int(struct page_ctx *c, struct val *m, const char *k, long long i)
{
	if (val_map_set_int(m, k, i) == -1)
		c->oom = 1;
}

void
page_bool(struct page_ctx *c, struct val *m, const char *k, int b)
{
	if (val_map_set_bool(m, k, b != 0) == -1)
		c->oom = 1;
}

void
page_raw(struct page_ctx *c, struct val *m, const char *k, const struct buf *b)
{
	if (val_map_set_strn(m, k, b->data != NULL ? b->data : "", b->len)
	    == -1)
		c->oom = 1;
}

void
page_raw_ref(struct page_ctx *c, struct val *m, const char *k,
    const struct buf *b)
{
	struct val *v;

	v = b->data != NULL ? val_new_strref(b->data, b->len) :
	    val_new_strn("", 0);
	if (val_map_set(m, k, v) == -1)
		c->oom = 1;
}

/* A figure of dec decimals, or null when absent. */
void
page_fig(struct page_ctx *c, struct val *m, const char *k, int64_t v, int dec)
{
	char t[32];

	page_str(c, m, k, v == NUM_ABSENT ? NULL : num_fmt(t, v, dec));
}

/* A rate (ten-thousandths) as a percentage with two decimals, or null. */
void
page_pct(struct page_ctx *c, struct val *m, const char *k, int64_t v)
{
	page_fig(c, m, k, v, 2);
}

/* A rank, or null when unranked (0). */
void
page_rank(struct page_ctx *c, struct val *m, const char *k, int r)
{
	if (r > 0)
		page_int(c, m, k, r);
	else
		page_str(c, m, k, NULL);
}

struct val *
page_map(struct page_ctx *c, struct val *m, const char *k)
{
	struct val *v;

	if ((v = val_map_set_map(m, k)) == NULL)
		c->oom = 1;
	return v;
}

struct val *
page_list(struct page_ctx *c, struct val *m, const char *k)
{
	struct val *v;

	if ((v = val_map_set_list(m, k)) == NULL)
		c->oom = 1;
	return v;
}

struct val *
page_push(struct page_ctx *c, struct val *list)
{
	struct val *v;

	if ((v = val_list_push_map(list)) == NULL)
		c->oom = 1;
	return v;
}

void
page_cat(struct page_ctx *c, struct val *m, const char *k, ...)
{
	va_list		 ap;
	const char	*part;
	char		 small[PAGE_CAT_SMALL], *t = small, *big = NULL;
	size_t		 n = 0, len;

	/* Measure, then copy into small when it fits, else onto the heap. */
	va_start(ap, k);
	while ((part = va_arg(ap, const char *)) != NULL)
		n += strlen(part);
	va_end(ap);
	if (n >= sizeof(small)) {
		if ((big = malloc(n + 1)) == NULL) {
			c->oom = 1;
			return;
		}
		t = big;
	}
	n = 0;
	va_start(ap, k);
	while ((part = va_arg(ap, const char *)) != NULL) {
		len = strlen(part);
		memcpy(t + n, part, len);
		n += len;
	}
	va_end(ap);
	if (val_map_set_strn(m, k, t, n) == -1)
		c->oom = 1;
	free(big);
}

/* "../" once per folder of the page path rel ("g/x/index.html": 2). */
static void
rel_prefix(struct page_ctx *c, struct val *m, const char *rel)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	buf_puts(&b, "");
	for (p = rel; *p != '\0'; p++)
		if (*p == '/')
			buf_puts(&b, "../");
	page_str(c, m, "rel", b.data);
	if (b.oom)
		c->oom = 1;
	buf_release(&b);
}

/* Fill v with a month: key "2026-10", y, m, and its page. */
static void
fill_month(struct page_ctx *c, struct val *v, int month)
{
	char t[16];

	date_month_fmt(t, month);
	page_str(c, v, "key", t);
	page_int(c, v, "y", month / 12);
	page_int(c, v, "m", month % 12 + 1);
	page_cat(c, v, "url", "m/", t, "/index.html", (char *)NULL);
}

void
page_month(struct page_ctx *c, struct val *m, const char *k, int month)
{
	put_map(c, m, k, c->cache != NULL ? range_slot(&c->cache->month,
	    CACHE_MONTHS, month) : NULL, fill_month, month);
}

/* Fill v with a day: key "2026-11-02", y, m, d. */
static void
fill_day(struct page_ctx *c, struct val *v, int day)
{
	char		 t[16];
	int		 y, mo, dd;

	date_fmt(t, day);
	date_to_ymd(day, &y, &mo, &dd);
	page_str(c, v, "key", t);
	page_int(c, v, "y", y);
	page_int(c, v, "m", mo);
	page_int(c, v, "d", dd);
}

void
page_day(struct page_ctx *c, struct val *m, const char *k, int day)
{
	put_map(c, m, k, c->cache != NULL ? range_slot(&c->cache->day,
	    CACHE_DAYS, day) : NULL, fill_day, day);
}

/* The stage of month mr: notice (with deadline and hotline) or final. */
void
page_stage(struct page_ctx *c, struct val *m, const struct month_res *mr)
{
	page_bool(c, m, "notice", mr->stage == STAGE_NOTICE);
	page_bool(c, m, "final", mr->stage == STAGE_FINAL);
	page_day(c, m, "publish_date", mr->publish_date);
	page_day(c, m, "deadline", mr->objection_deadline);
	page_month(c, m, "shown", mr->month);
}

/* Fill v with the site's settings (arg unused). */
static void
fill_site(struct page_ctx *c, struct val *v, int arg)
{
	(void)arg;
	page_str(c, v, "title", c->in->set.title);
	page_str(c, v, "base_url", c->in->set.base_url);
	page_str(c, v, "hotline", c->in->set.hotline);
}

/*
 * A new page value with what every page has: site settings, the path
 * of the page (its folder, for the canonical address), rel, the
 * published month and a kind flag ("is_grid": true) that the layout uses
 * for the title and the navigation.
 */
struct val *
page_new(struct page_ctx *c, const char *rel, const char *kind)
{
	const struct input	*in = c->in;
	struct val		*p;
	char			 k[32];
	size_t			 n, kn;

	if ((p = val_new_map()) == NULL) {
		c->oom = 1;
		return NULL;
	}
	put_map(c, p, "site", c->cache != NULL ? &c->cache->site : NULL,
	    fill_site, 0);
	rel_prefix(c, p, rel);
	n = strlen(rel);
	if (ends(rel, "index.html"))
		n -= strlen("index.html");
	if (val_map_set_strn(p, "path", rel, n) == -1)
		c->oom = 1;
	page_month(c, p, "pub", in->month);
	page_int(c, p, "pub_year", in->month / 12);
	/* "is_<kind>", cut to fit as snprintf did. */
	kn = strlen(kind);
	if (kn > sizeof(k) - 4)
		kn = sizeof(k) - 4;
	memcpy(k, "is_", 3);
	memcpy(k + 3, kind, kn);
	k[3 + kn] = '\0';
	page_bool(c, p, k, 1);
	page_stage(c, p, c->res->pub);
	return p;
}

/*
 * Render template name with page p (freed here), inside the layout when
 * layout is set, and write it to root/rel.  HTML pages are added to the
 * sitemap.  Returns 0 or -1 (reported).
 */
int
page_emit(struct page_ctx *c, struct val *p, const char *name, const char *rel,
    int layout)
{
	struct buf	*out = layout ? &c->body : &c->page;
	int		 rc = -1;

	buf_reset(&c->body);
	buf_reset(&c->page);
	if (c->oom || p == NULL) {
		diag_error(c->d, NULL, 0, 0, "%s: %s", rel, strerror(ENOMEM));
		goto out;
	}
	if (tmpl_exec_diag(c->set, name, p, out, c->d) == -1)
		goto out;
	if (layout) {
		/* The body stays as it is until p is freed: no copy. */
		page_raw_ref(c, p, "content", &c->body);
		if (c->oom) {
			diag_error(c->d, NULL, 0, 0, "%s: %s", rel,
			    strerror(ENOMEM));
			goto out;
		}
		if (tmpl_exec_diag(c->set, "layout", p, &c->page, c->d)
		    == -1)
			goto out;
	}
	if (layout && c->page.len > PAGE_MAX)
		diag_warn(c->d, NULL, 0, 0, "%s: page is %zu bytes, more than "
		    "%d KB", rel, c->page.len, PAGE_MAX / 1024);
	if (fsout_write(c->root, rel, c->page.data != NULL ? c->page.data :
	    "", c->page.len, c->d) == -1)
		goto out;
	if (layout && strcmp(rel, "404.html") != 0) {
		size_t n = strlen(rel) - (ends(rel, "index.html") ?
		    strlen("index.html") : 0);

		/* The sitemap lists every page of the run. */
		if (buf_put(&c->sitemap, rel, n) == -1 ||
		    buf_putc(&c->sitemap, '\n') == -1)
			c->oom = 1;
	}
	rc = 0;
out:
	val_free(p);
	return rc;
}

/*
 * Grids: the figures of one grid in one month.
 */

/* The keys of an enum star, as booleans and "key". */
void
page_star(struct page_ctx *c, struct val *m, int star)
{
	page_str(c, m, "key", rules_star_word(star));
	page_bool(c, m, "red", star == STAR_RED);
	page_bool(c, m, "none", star == STAR_NONE);
	page_bool(c, m, "black", star == STAR_BLACK);
}

/* Fill v with warning colour w: "key" and a boolean per colour. */
static void
fill_warning(struct page_ctx *c, struct val *v, int w)
{
	static const char *const keys[] = { "", "none", "blue", "yellow",
	    "orange", "red" };
	int i;

	page_str(c, v, "key", rules_warning_word(w));
	for (i = WARN_NONE; i <= WARN_RED; i++)
		page_bool(c, v, keys[i], w == i);
}

/* A warning colour as a map of booleans and "key", or null. */
void
page_warning(struct page_ctx *c, struct val *m, const char *k, int w)
{
	if (w == WARN_ABSENT) {
		page_str(c, m, k, NULL);
		return;
	}
	put_map(c, m, k, c->cache != NULL && w > WARN_ABSENT && w <= WARN_RED ?
	    &c->cache->warn[w] : NULL, fill_warning, w);
}

/* A star level: the number, "★★★★☆" and the CSS key "s4"; or nulls. */
void
page_level(struct page_ctx *c, struct val *m, int level)
{
	static const char *const keys[LEVELS] = { "s0", "s1", "s2", "s3",
	    "s4", "s5" };
	char	 icon[LEVELS * 3 + 1], key[16];
	int	 i;

	if (level < 0) {
		page_str(c, m, "level", NULL);
		page_str(c, m, "level_icon", NULL);
		page_str(c, m, "level_key", NULL);
		return;
	}
	for (i = 0; i < LEVELS - 1; i++)
		memcpy(icon + 3 * i, i < level ? "\xE2\x98\x85" :
		    "\xE2\x98\x86", 3);
	icon[3 * (LEVELS - 1)] = '\0';
	page_int(c, m, "level", level);
	page_str(c, m, "level_icon", icon);
	if (level < LEVELS)
		page_str(c, m, "level_key", keys[level]);
	else {
		snprintf(key, sizeof(key), "s%d", level);
		page_str(c, m, "level_key", key);
	}
}

/* A grid's address, "g/<id>/index.html" (level 3), "v/", or "t/". */
void
page_url(struct page_ctx *c, struct val *m, const char *k, const struct grid *g)
{
	page_cat(c, m, k, g->level == 1 ? "t/" : g->level == 2 ? "v/" : "g/",
	    g->id, "/index.html", (char *)NULL);
}

/* Fill v with grid gi's id, name and address. */
static void
fill_ref(struct page_ctx *c, struct val *v, int gi)
{
	const struct grid *g = &c->in->grids[gi];

	page_str(c, v, "id", g->id);
	page_str(c, v, "name", g->name);
	page_url(c, v, "url", g);
}

/* The slot of grid gi's reference in the cache, or NULL. */
static struct val **
ref_slot(struct page_ctx *c, int gi)
{
	struct page_cache *pc = c->cache;

	if (pc == NULL || gi < 0)
		return NULL;
	if (pc->ref == NULL) {
		if ((pc->ref = calloc(c->in->ngrids + 1,
		    sizeof(*pc->ref))) == NULL)
			return NULL;
		pc->nref = c->in->ngrids;
	}
	return (size_t)gi < pc->nref ? &pc->ref[gi] : NULL;
}

/* id, name and address of a grid. */
void
page_ref(struct page_ctx *c, struct val *m, const char *k, int gi)
{
	put_map(c, m, k, ref_slot(c, gi), fill_ref, gi);
}

/* Whether grid i counts in ranked() for grid g (see there). */
static int
ranked_like(const struct page_ctx *c, const struct month_res *mr,
    const struct grid *g, size_t i, int by_parent)
{
	const struct grid *h = &c->in->grids[i];

	if (h->level != g->level || !mr->g[i].active)
		return 0;
	if (by_parent ? h->parent != g->parent : h->town != g->town)
		return 0;
	return (by_parent ? mr->g[i].rank_parent : mr->g[i].rank_town) > 0;
}

/*
 * Number of grids ranked like gi in month mr: of its level in its town
 * (by_parent 0) or of its parent (by_parent 1).  Only the grids that can
 * count are visited: the parent's children, or the town's grids of that
 * level (every grid's parent is one level up: input.c); the whole table
 * otherwise.
 */
static int
ranked(struct page_ctx *c, const struct month_res *mr, int gi,
    int by_parent)
{
	const struct grid	*g = &c->in->grids[gi], *t, *v;
	size_t			 i, j;
	int			 n = 0;

	if (by_parent && g->parent >= 0) {
		v = &c->in->grids[g->parent];
		for (i = 0; i < v->nchildren; i++)
			n += ranked_like(c, mr, g, (size_t)v->children[i], 1);
		return n;
	}
	if (!by_parent && g->town >= 0 && g->level >= 2 && g->level <= 3) {
		/* Month pages ask for every grid of a town in turn. */
		if (c->rk_month == mr && c->rk_town == g->town &&
		    c->rk_level == g->level)
			return c->rk_count;
		t = &c->in->grids[g->town];
		for (i = 0; i < t->nchildren; i++) {
			if (g->level == 2) {
				n += ranked_like(c, mr, g,
				    (size_t)t->children[i], 0);
				continue;
			}
			v = &c->in->grids[t->children[i]];
			for (j = 0; j < v->nchildren; j++)
				n += ranked_like(c, mr, g,
				    (size_t)v->children[j], 0);
		}
		c->rk_month = mr;
		c->rk_town = g->town;
		c->rk_level = g->level;
		c->rk_count = n;
		return n;
	}
	for (i = 0; i < c->in->ngrids; i++)
		n += ranked_like(c, mr, g, i, by_parent);
	return n;
}

/* Digits, '+' and '-' of a phone number, for a tel: link. */
static void
tel(struct page_ctx *c, struct val *m, const char *phone)
{
	char		*t;
	size_t		 i, n = 0;

	if (phone == NULL || phone[0] == '\0') {
		page_str(c, m, "tel", NULL);
		return;
	}
	if ((t = malloc(strlen(phone) + 1)) == NULL) {
		c->oom = 1;
		return;
	}
	for (i = 0; phone[i] != '\0'; i++)
		if ((phone[i] >= '0' && phone[i] <= '9') || phone[i] == '-' ||
		    (phone[i] == '+' && n == 0))
			t[n++] = phone[i];
	t[n] = '\0';
	page_str(c, m, "tel", n > 0 ? t : NULL);
	free(t);
}

/* Fill v with flag i: "key" and a boolean per flag word. */
static void
fill_flag(struct page_ctx *c, struct val *v, int i)
{
	int j;

	page_str(c, v, "key", rules_flag_word(i));
	for (j = 0; j < FLAG__COUNT; j++)
		page_bool(c, v, rules_flag_word(j), i == j);
}

/* The flags of a month as a list of maps of booleans, and "has_flags". */
void
page_flags(struct page_ctx *c, struct val *m, unsigned flags)
{
	struct val	*l = page_list(c, m, "flags"), *f;
	int		 i;

	for (i = 0; i < FLAG__COUNT; i++) {
		if (!(flags & (1u << i)))
			continue;
		f = shared_map(c, c->cache != NULL ? &c->cache->flag[i] : NULL,
		    fill_flag, i);
		if (f != NULL) {
			if (val_list_push(l, f) == -1)
				c->oom = 1;
		} else
			fill_flag(c, page_push(c, l), i);
	}
	page_bool(c, m, "has_flags", flags != 0);
}

/*
 * Everything about grid gi in month mi, as map m: identity, leader,
 * stars, level, scores, ranks, subsidy, warning, flags, issues, 360 score.
 * Absent figures are null (never missing: a missing name would be found
 * in an outer context of the template).
 */
void
page_figures(struct page_ctx *c, struct val *m, int gi, size_t mi)
{
	const struct grid	*g = &c->in->grids[gi];
	const struct month_res	*mr = &c->res->months[mi];
	const struct gres	*r = &mr->g[gi];
	struct val		*l, *s;
	int			 i;

	page_str(c, m, "id", g->id);
	page_str(c, m, "name", g->name);
	page_url(c, m, "url", g);
	page_int(c, m, "tier", g->level);
	page_str(c, m, "leader", g->leader[0] != '\0' ? g->leader : NULL);
	page_str(c, m, "phone", g->phone[0] != '\0' ? g->phone : NULL);
	tel(c, m, g->phone);
	page_bool(c, m, "active", r->active);
	page_bool(c, m, "rated", r->rated);
	if (g->level == 3 && r->rated) {
		l = page_list(c, m, "domains");
		for (i = 0; i < DOM__MAX; i++) {
			s = page_push(c, l);
			page_str(c, s, "dkey", input_domain_key(i));
			page_str(c, s, "dname", input_domain_zh(i));
			page_star(c, s, r->star[i]);
			page_bool(c, s, "reviewed", r->src[i] == SRC_REVIEW);
			page_bool(c, s, "evaluated", r->src[i] ==
			    SRC_EVALUATION);
			page_fig(c, s, "deduction", r->roads > 0 &&
			    r->deduction[i] > 0 ? r->deduction[i] : NUM_ABSENT,
			    2);
		}
	} else
		page_str(c, m, "domains", NULL);
	page_level(c, m, r->rated ? r->level : -1);
	page_bool(c, m, "has_self", r->self >= 0);
	if (r->self >= 0)
		page_int(c, m, "self", r->self);
	else
		page_str(c, m, "self", NULL);
	page_fig(c, m, "stars_mean", g->level == 2 && r->rated ?
	    r->stars_mean : NUM_ABSENT, 2);
	page_fig(c, m, "inspection", r->rated ? r->inspection : NUM_ABSENT, 2);
	page_fig(c, m, "monthly", r->rated ? r->monthly : NUM_ABSENT, 2);
	page_int(c, m, "roads", r->roads);
	page_rank(c, m, "rank_town", r->rank_town);
	page_rank(c, m, "rank_parent", g->level == 3 ? r->rank_parent : 0);
	page_int(c, m, "rank_town_of", ranked(c, mr, gi, 0));
	page_int(c, m, "rank_parent_of", g->level == 3 ?
	    ranked(c, mr, gi, 1) : 0);
	page_fig(c, m, "subsidy", r->rated ? r->subsidy : NUM_ABSENT, 2);
	page_warning(c, m, "warning", r->rated ? r->warning : WARN_ABSENT);
	page_flags(c, m, r->flags);
	page_int(c, m, "reported", r->reported);
	page_int(c, m, "due", r->due);
	page_int(c, m, "resolved", r->resolved);
	page_int(c, m, "on_time", r->on_time);
	page_pct(c, m, "closure", r->closure);
	page_pct(c, m, "on_time_rate", r->on_time_rate);
	page_pct(c, m, "satisfaction", r->satisfaction);
	page_fig(c, m, "feedback", g->level == 3 ? r->feedback : NUM_ABSENT,
	    2);
	if (g->parent >= 0)
		page_ref(c, m, "parent", g->parent);
	else
		page_str(c, m, "parent", NULL);
	if (g->level == 3)
		page_ref(c, m, "village", g->parent);
	else
		page_str(c, m, "village", NULL);
	page_ref(c, m, "town", g->town);
}
