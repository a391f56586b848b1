/*
 * The public website (issue 3): static pages from the theme's Mustache
 * templates, written under the output root.
 */
#ifndef GRIDSTAR_SITE_H
#define GRIDSTAR_SITE_H

#include "model.h"

struct diag;
struct site;

/*
 * Load and parse every template of themes_dir/theme/ (and its partials/),
 * its assets (style.css is required), and read and check every notice of
 * in (input/notices/ *.md, see notice.h), so that `gridstar check` reports
 * theme and notice problems.  A missing theme folder or required template
 * is an error.  Problems are reported to d.  in must outlive the site.
 * Returns the site (free with site_free), or NULL when problems were
 * reported.
 */
struct site	*site_new(const struct input *in, const char *themes_dir,
		    const char *theme, struct diag *d);
/*
 * Write the pages of res under root (pages, assets/, search/index.js,
 * feed.xml, sitemap.xml, robots.txt, 404.html).  Pages over 60 KB get a
 * warning.  shard (config.h) says which: SHARD_ALL every page;
 * SHARD_COMMON every page but those of the towns, villages and grids (the
 * sitemap lists them all); 0..nshards-1 only the town, village and grid
 * pages of that shard (a village and its grids are in the same shard).
 * The shards and SHARD_COMMON together write exactly what SHARD_ALL
 * writes, each file once, so they can run in parallel processes.
 * Returns 0 or -1 (reported).
 */
int		 site_render(struct site *, const struct result *res,
		    const char *root, int shard, int nshards, struct diag *d);
/* Free the site. NULL is a no-op. */
void		 site_free(struct site *);

#endif /* GRIDSTAR_SITE_H */
