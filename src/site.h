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
 * Load the theme's templates from themes_dir/theme/ and the notices of in
 * (input/notices/ *.md).  Problems are reported to d.  Returns the site
 * (free with site_free) or NULL.
 */
struct site	*site_new(const struct input *in, const char *themes_dir,
		    const char *theme, struct diag *d);
/* Write every page of res under root.  Returns 0 or -1 (reported). */
int		 site_render(struct site *, const struct result *res,
		    const char *root, struct diag *d);
/* Free the site. NULL is a no-op. */
void		 site_free(struct site *);

#endif /* GRIDSTAR_SITE_H */
