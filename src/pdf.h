/*
 * A small drawing layer over libharu for the notice boards: a document
 * with one embedded CJK font (subset to the characters it uses), pages of
 * any size, text fitted into boxes, rectangles, lines, vector stars and
 * QR codes.
 *
 * Coordinates are points (1/72 inch) from the top-left corner of the
 * page, y growing downwards, as in pdftotext -bbox; this layer turns them
 * into PDF's bottom-up space.  Colours are 0xRRGGBB.
 *
 * A document is drawn twice.  A dry run (pdf_dry_new) draws nothing and
 * only gathers the characters the text calls use, with estimated widths;
 * the real run (pdf_new) embeds the font cut down to those characters and
 * draws.  Layout code must therefore draw the same strings in both runs
 * (it may split or shorten them: every character of a string passed to a
 * text call is gathered, and so is PDF_ELLIPSIS).
 */
#ifndef GRIDSTAR_PDF_H
#define GRIDSTAR_PDF_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct diag;
struct qr;
struct pdf;

/* "No colour": leave the fill or the outline out. */
#define PDF_NOCOLOUR	0xffffffffu
/* Character that ends a shortened line: U+2026 (…). */
#define PDF_ELLIPSIS	0x2026u
/* Points per millimetre. */
#define PDF_PT_PER_MM	(72.0 / 25.4)

/* Horizontal alignment of text in its box. */
enum pdf_align {
	PDF_LEFT = 0,
	PDF_CENTER,
	PDF_RIGHT
};

/* A rectangle, top-left corner and size, in points. */
struct pdf_box {
	double	x, y;		/* top-left corner */
	double	w, h;		/* width and height */
};

/* How text is fitted into a box (see pdf_text). */
struct pdf_style {
	double		 size;		/* wanted font size, points */
	double		 min;		/* smallest size before shortening */
	double		 leading;	/* line pitch, times the size */
	uint32_t	 colour;	/* 0xRRGGBB */
	int		 align;		/* enum pdf_align */
	int		 lines;		/* most lines, at least 1 */
	int		 top;		/* set: at the top, not centred */
};

/*
 * Width and height in points of paper `paper` (enum paper of settings.h:
 * A4, A3, A2), turned sideways when landscape is set.
 */
void		 pdf_paper(int paper, int landscape, double *w, double *h);

/*
 * A dry-run document: every call draws nothing, text widths are
 * estimates (1 em for wide characters, 0.55 em for the rest), and the
 * characters of all text are gathered for pdf_chars.
 * Returns NULL when out of memory.  Free with pdf_free.
 */
struct pdf	*pdf_dry_new(void);

/*
 * The characters a document's text used so far, sorted and distinct,
 * always including PDF_ELLIPSIS and the ASCII digits (page numbers may
 * differ between the runs).  Sets *n; the array is owned by the document.
 */
const uint32_t	*pdf_chars(struct pdf *, size_t *n);

/*
 * A real document named `name` in messages (the output path).  Face
 * `index` of the TrueType font file `fontfile` is subset to cps[0..n-1]
 * and embedded as it is, with no temporary file.  Text may use these
 * characters only: others are shown as the font's missing glyph.
 * libharu errors go to d, once per document, with name.
 * Returns the document, or NULL (reported to d).  Free with pdf_free.
 */
struct pdf	*pdf_new(const char *name, const char *fontfile, int index,
		    const uint32_t *cps, size_t n, struct diag *d);

/*
 * Free a document.  NULL is a no-op.  Its libharu document is kept, one
 * per process, for the next pdf_new to use again.
 */
void		 pdf_free(struct pdf *);

/*
 * Write the document into out (appended).  Returns 0, or -1 when this or
 * any earlier call failed (reported to d when the document was made).
 * A dry run writes nothing and returns 0.
 */
int		 pdf_finish(struct pdf *, struct buf *out);

/*
 * Record every box that text, stars and QR codes are drawn into, as lines
 * "PAGE KIND X0 Y0 X1 Y1" (page from 1; kind "text", "star" or "qr";
 * top-left coordinates in points, two decimals) appended to trace, which
 * the caller owns and must keep until pdf_free.  NULL stops recording.
 * For layout tests.
 */
void		 pdf_trace(struct pdf *, struct buf *trace);

/* Whether an error was reported for the document, or memory ran out. */
int		 pdf_failed(const struct pdf *);

/*
 * Start a new page of w by h points.  Returns 0, or -1 when it or an
 * earlier call failed (reported).
 */
int		 pdf_page(struct pdf *, double w, double h);
/* Number of pages so far. */
int		 pdf_pages(const struct pdf *);

/*
 * Rectangle b filled with fill and outlined with stroke (either may be
 * PDF_NOCOLOUR) at line width lw.
 */
void		 pdf_rect(struct pdf *, const struct pdf_box *b, uint32_t fill,
		    uint32_t stroke, double lw);
/* Straight line from (x1, y1) to (x2, y2), width lw. */
void		 pdf_line(struct pdf *, double x1, double y1, double x2,
		    double y2, double lw, uint32_t colour);
/*
 * Five-pointed star, point up, centred on (cx, cy), outer radius r:
 * filled with fill and outlined with stroke at width lw (either colour
 * may be PDF_NOCOLOUR; the outline lies inside the radius).
 */
void		 pdf_star(struct pdf *, double cx, double cy, double r,
		    uint32_t fill, uint32_t stroke, double lw);

/* Width in points of UTF-8 text s at size points. */
double		 pdf_text_width(const struct pdf *, const char *s, double size);
/*
 * Height in points, from the top of the tallest glyph to the bottom of
 * the lowest (the font's ascent plus descent), of one line at size.
 */
double		 pdf_text_height(const struct pdf *, double size);

/*
 * Number of lines UTF-8 text s takes when broken as pdf_text breaks it,
 * at size points into lines w points wide.
 */
size_t		 pdf_text_lines(const struct pdf *, const char *s, double size,
		    double w);
/*
 * Draw UTF-8 text s inside box b, centred vertically (at its top when
 * st->top is set), never outside it.  On one line when it fits there at
 * 0.8 of st->size or more (and st->min); else at the biggest size from
 * st->size down to st->min (in half points) at which it fits in at most
 * st->lines lines, broken between characters (not inside a run of Latin
 * letters and digits when avoidable) and at newlines, the lines made
 * even; failing that, at st->min (or smaller, when even one line of
 * st->min is taller than b), with the last line shortened by an ellipsis.
 * Returns the size used.
 */
double		 pdf_text(struct pdf *, const struct pdf_box *b, const char *s,
		    const struct pdf_style *st);

/*
 * Draw QR code q with a white quiet zone of `quiet` modules around it,
 * the zone's top-left corner at (x, y) moved right and down by less than
 * a point so that every module edge lies on whole points of the page,
 * with modules of `module` whole points.  The dark modules are one filled
 * path of merged horizontal runs, so no seams show between them.
 * Stores the box of code plus quiet zone in *drawn when not NULL.
 */
void		 pdf_qr(struct pdf *, double x, double y, int module, int quiet,
		    const struct qr *q, uint32_t colour, struct pdf_box *drawn);

#endif /* GRIDSTAR_PDF_H */
