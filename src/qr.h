/*
 * QR codes: encode a string once, then draw the module matrix as inline
 * SVG (web pages), a PNG file (downloads) or a list of dark runs (PDF).
 * Module coordinates are 0-based, x to the right and y downwards, and never
 * include the quiet zone; the drawing functions add it themselves.
 */
#ifndef GRIDSTAR_QR_H
#define GRIDSTAR_QR_H

#include "buf.h"

/* Quiet zone the QR specification asks for, in modules. */
#define QR_QUIET	4
/* Largest quiet zone the drawing functions accept, in modules. */
#define QR_QUIET_MAX	64
/* Largest PNG side qr_png_write accepts, in pixels. */
#define QR_PNG_MAX	16384

struct qr {
	int		 version;	/* symbol version, 1..40 */
	int		 width;		/* modules per side, 17 + 4 * version */
	unsigned char	*dark;		/* width * width, row-major, 1 = dark */
};

/*
 * Encode text (NUL-terminated, any bytes, usually UTF-8) at error
 * correction level 'L', 'M', 'Q' or 'H', in 8-bit mode, case-sensitive,
 * with the smallest version that fits.
 * Returns a new code, or NULL with errno set: EINVAL for a bad level or
 * empty text, ERANGE when the text does not fit in version 40, ENOMEM.
 * The caller frees the result with qr_free.
 */
struct qr	*qr_new(const char *text, char level);
/* Free a code from qr_new. NULL is a no-op. */
void		 qr_free(struct qr *);

/*
 * Append a standalone SVG element (no XML prolog, no width or height: the
 * page sizes it with CSS) to out.  The viewBox is in modules and includes
 * a quiet zone of `quiet` modules; a white rect fills it and one path holds
 * every dark module, as merged horizontal runs.  label, if not NULL, becomes
 * the aria-label (XML-escaped here).  Returns 0, or -1 with errno set
 * (EINVAL when quiet is outside 0..QR_QUIET_MAX, ENOMEM).
 */
int		 qr_svg(const struct qr *, int quiet, const char *label,
		    struct buf *out);

/*
 * Write a 1-bit grayscale PNG of exactly width_px by width_px pixels to
 * path.  Modules are whole pixels: each is floor(width_px / (width +
 * 2 * quiet)) pixels wide, and the pixels left over become a white margin
 * split evenly (the odd one goes right and bottom).  Nothing is printed.
 * Returns 0, or -1 with errno set (EINVAL when quiet is outside
 * 0..QR_QUIET_MAX, or width_px is above QR_PNG_MAX or below one pixel per
 * module of the code plus its quiet zone; the errno of fopen/fwrite/fclose;
 * EIO for another libpng error); a partly written regular file is
 * removed (a device or FIFO is left alone).
 */
int		 qr_png_write(const struct qr *, int quiet, int width_px,
		    const char *path);
/* The same PNG appended to out.  Returns 0, or -1 with errno set. */
int		 qr_png(const struct qr *, int quiet, int width_px,
		    struct buf *out);

/*
 * Call cb once for each maximal horizontal run of dark modules, row by row
 * from the top, left to right: x and y of its first module and its length,
 * all in modules without the quiet zone.  cb returns 0 to go on or -1 to
 * stop.  Returns 0, or -1 when cb stopped the walk.
 */
int		 qr_runs(const struct qr *,
		    int (*cb)(void *arg, int x, int y, int len), void *arg);

#endif /* GRIDSTAR_QR_H */
