/*
 * The public website: see site.h.  (Placeholder until issue 3 lands.)
 */
#include "config.h"

#include <stdlib.h>

#include "site.h"

struct site {
	int	unused;	/* nothing yet */
};

struct site *
site_new(const struct input *in, const char *themes_dir, const char *theme,
    struct diag *d)
{
	(void)in;
	(void)themes_dir;
	(void)theme;
	(void)d;
	return calloc(1, sizeof(struct site));
}

int
site_render(struct site *s, const struct result *res, const char *root,
    struct diag *d)
{
	(void)s;
	(void)res;
	(void)root;
	(void)d;
	return 0;
}

void
site_free(struct site *s)
{
	free(s);
}
