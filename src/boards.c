/*
 * Notice boards and QR codes: see boards.h.  (Placeholder until issue 4 lands.)
 */
#include "config.h"

#include <stdlib.h>

#include "boards.h"

struct boards {
	int	unused;	/* nothing yet */
};

struct boards *
boards_new(const struct input *in, const char *themes_dir, const char *theme,
    struct diag *d)
{
	(void)in;
	(void)themes_dir;
	(void)theme;
	(void)d;
	return calloc(1, sizeof(struct boards));
}

int
boards_render(struct boards *s, const struct result *res, const char *root,
    struct diag *d)
{
	(void)s;
	(void)res;
	(void)root;
	(void)d;
	return 0;
}

void
boards_free(struct boards *s)
{
	free(s);
}
