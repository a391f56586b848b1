/*
 * Pages of the website (issue 3): the value trees that the theme's
 * templates render, and writing a rendered page.  A page is a map (val.h)
 * of data only — names, figures, keys such as "red" or "orange" and
 * booleans — so that every word a resident reads stays in the templates.
 *
 * The setters below store one value in a map and, when that fails (out of
 * memory, or a NULL map from an earlier failure), set the context's oom
 * flag instead of returning an error: building a page is then a straight
 * list of calls with one check at the end, in page_emit.  An absent figure
 * is stored as null, never left out, because Mustache would otherwise find
 * the same name in an outer context (a village's score in a grid's row).
 */
#ifndef GRIDSTAR_PAGE_H
#define GRIDSTAR_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "model.h"

struct annual;
struct diag;
struct page_cache;
struct site;
struct tmpl_set;
struct val;

/* State of one site_render call, shared by the page builders. */
struct page_ctx {
	const struct tmpl_set	*set;		/* the theme's templates */
	struct site		*s;		/* the site (site.c only) */
	const struct input	*in;
	const struct result	*res;
	const char		*root;		/* output root */
	struct diag		*d;
	int			 oom;		/* a value could not be stored */
	int			*last;		/* per grid: month index shown, -1 */
	struct annual		*years;		/* per year with a published month */
	size_t			 nyears;
	struct buf		 sitemap;	/* paths of the pages written, a line each */
	struct buf		 body;		/* page body being rendered */
	struct buf		 page;		/* whole page */
	struct page_cache	*cache;		/* shared values, or NULL */
	struct front_index	*front;		/* frontage indexes (site.c) */
	size_t			 nfront;
	/*
	 * The last count of page.c's ranked() by town, kept for the next
	 * grid of the same month, town and level (zeroed: none yet).
	 */
	const struct month_res	*rk_month;
	int			 rk_town;
	int			 rk_level;
	int			 rk_count;
};

/*
 * A new, empty cache of the values many pages share (the site's settings,
 * months, days, warning colours, flags, grid references), for the cache
 * field of contexts on the same inputs: pages then hold these values
 * without copies (val_share).  NULL when out of memory.  Free it with
 * page_cache_free once no page built with it is used; NULL is a no-op.
 */
struct page_cache *page_cache_new(void);
void		 page_cache_free(struct page_cache *);

/*
 * Set key k of map m to: a copy of string s (NULL: null); an integer; a
 * boolean; the bytes of b (for HTML the program made: Markdown, SVG); a
 * figure v of dec decimals (num_fmt; NUM_ABSENT: null); a rate v in
 * ten-thousandths as a percentage with two decimals ("95.83"); a rank
 * (0, unranked: null).
 */
void		 page_str(struct page_ctx *, struct val *m, const char *k,
		    const char *s);
void		 page_int(struct page_ctx *, struct val *m, const char *k,
		    long long i);
void		 page_bool(struct page_ctx *, struct val *m, const char *k,
		    int b);
void		 page_raw(struct page_ctx *, struct val *m, const char *k,
		    const struct buf *b);
void		 page_fig(struct page_ctx *, struct val *m, const char *k,
		    int64_t v, int dec);
/* page_raw without a copy: b must not change until m is freed. */
void		 page_raw_ref(struct page_ctx *, struct val *m, const char *k,
		    const struct buf *b);
void		 page_pct(struct page_ctx *, struct val *m, const char *k,
		    int64_t v);
void		 page_rank(struct page_ctx *, struct val *m, const char *k,
		    int r);
/*
 * Set key k of m to the concatenation of the strings that follow, up to
 * a (char *)NULL: page_cat(c, m, "url", "g/", id, "/index.html", NULL).
 * Builds addresses without printf or, when short, any allocation.
 */
void		 page_cat(struct page_ctx *, struct val *m, const char *k,
		    ...) __attribute__((sentinel));
/*
 * Set key k of m to a new empty map / list, or append a new map to list.
 * Returns it (borrowed from its container), or NULL (oom is then set).
 */
struct val	*page_map(struct page_ctx *, struct val *m, const char *k);
struct val	*page_list(struct page_ctx *, struct val *m, const char *k);
struct val	*page_push(struct page_ctx *, struct val *list);

/* A month as map k: key "2026-10", y, m, url (its month page). */
void		 page_month(struct page_ctx *, struct val *m, const char *k,
		    int month);
/* A day as map k: key "2026-11-02", y, m, d. */
void		 page_day(struct page_ctx *, struct val *m, const char *k,
		    int day);
/*
 * The stage of month mr: booleans notice and final, maps publish_date and
 * deadline (the objection deadline) and shown (the month).
 */
void		 page_stage(struct page_ctx *, struct val *m,
		    const struct month_res *mr);
/*
 * A new page for the file rel under the output root ("g/x/index.html"):
 * site {title, base_url, hotline}, rel ("../" per folder of rel), path
 * (rel without "index.html", for canonical addresses), pub and pub_year
 * (the published month), a flag "is_<kind>" for the layout, and the stage
 * of the published month.  Returns the map (free it, or hand it to
 * page_emit), or NULL with oom set.
 */
struct val	*page_new(struct page_ctx *, const char *rel, const char *kind);
/*
 * Render template name with page p and write the result to root/rel.
 * With layout set, the result becomes the raw "content" of the theme's
 * "layout" template, and the page is added to the sitemap (except
 * 404.html).  A page over 60 KB gets a warning.  p is freed in every
 * case.  Returns 0, or -1 (reported to the context's diag).
 */
int		 page_emit(struct page_ctx *, struct val *p, const char *name,
		    const char *rel, int layout);

/* A star (enum star) into map m: key "red", and booleans red, none, black. */
void		 page_star(struct page_ctx *, struct val *m, int star);
/*
 * A warning (enum warning) as map k: key "orange" and a boolean per colour
 * (none, blue, yellow, orange, red); null for WARN_ABSENT.
 */
void		 page_warning(struct page_ctx *, struct val *m, const char *k,
		    int w);
/*
 * A star level 0-5 into m: level, level_icon ("★★★★☆") and level_key
 * ("s4", for CSS); all null when level < 0.
 */
void		 page_level(struct page_ctx *, struct val *m, int level);
/* The page of grid g as string k: "t/<id>/", "v/<id>/" or "g/<id>/". */
void		 page_url(struct page_ctx *, struct val *m, const char *k,
		    const struct grid *g);
/* Grid gi as map k: id, name, url. */
void		 page_ref(struct page_ctx *, struct val *m, const char *k,
		    int gi);
/*
 * Flags (FLAG_* bits) as list "flags" of maps with key and a boolean per
 * flag word (praise, warning_streak, quarter_bottom, excellent), and the
 * boolean has_flags.
 */
void		 page_flags(struct page_ctx *, struct val *m, unsigned flags);
/*
 * Everything about grid gi in month index mi into m: id, name, url, tier
 * (grid level), leader, phone, tel, active, rated, domains (level 3: five
 * maps of dkey, dname, the star, reviewed, evaluated, deduction), the star
 * level, has_self and self, stars_mean, inspection, monthly, roads,
 * rank_town and rank_town_of, rank_parent and rank_parent_of, subsidy,
 * warning, flags, the issue counts and rates (closure, on_time_rate,
 * satisfaction as percentages), feedback, parent, village and town.
 */
void		 page_figures(struct page_ctx *, struct val *m, int gi,
		    size_t mi);

#endif /* GRIDSTAR_PAGE_H */
