/*
 * Printable notice boards and QR codes (issue 4): PDF files under
 * root/boards/ and QR codes under root/qr/
 */
#ifndef GRIDSTAR_BOARDS_H
#define GRIDSTAR_BOARDS_H

#include "model.h"

struct diag;
struct boards;

/*
 * Load the theme's board settings from themes_dir/theme/theme.ini and
 * find its font.  Problems are reported to d.  Returns the boards
 * (free with boards_free) or NULL.
 */
struct boards	*boards_new(const struct input *in, const char *themes_dir,
		    const char *theme, struct diag *d);
/* Write every board and QR code of res under root.  Returns 0 or -1 (reported). */
int		 boards_render(struct boards *, const struct result *res,
		    const char *root, struct diag *d);
/* Free the boards. NULL is a no-op. */
void		 boards_free(struct boards *);

#endif /* GRIDSTAR_BOARDS_H */
