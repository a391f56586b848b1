/*
 * Printable notice boards and QR codes (issue 4): PDF files under
 * root/boards/ and QR codes under root/qr/.  The look comes from the
 * theme's theme.ini (boardstyle.h).
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
/* Parts boards_render_parts writes. */
#define BOARDS_QR	(1u << 0)	/* root/qr/<id>.svg and .png */
#define BOARDS_PDF	(1u << 1)	/* root/boards/: the print files */

/*
 * Write every board and QR code of res under root: QR codes of every
 * level-2 and level-3 grid active in the published month, the village
 * and town boards, the grid cards, the month's bulletin and the print
 * file holding all of them (see README).  Returns 0 or -1 (reported).
 * With the environment variable GRIDSTAR_BOARDS_TRACE naming a folder,
 * the boxes of each PDF's text, stars and codes also go to a file
 * <name>.pdf.boxes there (for tests/boards/).
 */
int		 boards_render(struct boards *, const struct result *res,
		    const char *root, struct diag *d);
/*
 * Same, writing only the parts (BOARDS_QR, BOARDS_PDF) asked for, and of
 * them only shard's files (config.h): SHARD_COMMON the town boards, the
 * bulletin and the print file; 0..nshards-1 the QR codes, village boards
 * and cards of the villages of that shard.
 */
int		 boards_render_parts(struct boards *, const struct result *res,
		    const char *root, unsigned parts, int shard, int nshards,
		    struct diag *d);
/* Path of the font file the boards use (owned by the boards). */
const char	*boards_font(const struct boards *);
/* Free the boards. NULL is a no-op. */
void		 boards_free(struct boards *);

#endif /* GRIDSTAR_BOARDS_H */
