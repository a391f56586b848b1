/*
 * The notice boards of issue 4, drawn page by page into a document: the
 * village board (公示牌, one or more sheets per level-2 grid), the grid
 * card (one A4 page per level-3 grid) and the town board (per level-1
 * grid).  The caller makes the document (twice: see pdf.h) and writes it.
 */
#ifndef GRIDSTAR_SHEETS_H
#define GRIDSTAR_SHEETS_H

struct layout;

/*
 * Draw the board of level-2 grid v: its sub-grids active in the published
 * month in a table, continued on more sheets with the heading repeated
 * when they do not fit.  Returns 0, or -1 when out of memory or a QR code
 * cannot be made (errno set).
 */
int	 sheets_village(struct layout *, int v);
/* Draw the card of level-3 grid g.  Returns 0 or -1 (errno set). */
int	 sheets_card(struct layout *, int g);
/*
 * Draw the board of level-1 grid t: its villages ranked, the star and
 * warning counts of its sub-grids, and the flags of the month.
 * Returns 0 or -1 (errno set).
 */
int	 sheets_town(struct layout *, int t);

#endif /* GRIDSTAR_SHEETS_H */
