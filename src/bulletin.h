/*
 * The monthly bulletin (工作简报, issue 4): A4 pages of rankings, flags,
 * warnings, subsidies and issue handling, with charts, for every level-1
 * grid of the run.  The caller makes the document (twice: see pdf.h).
 */
#ifndef GRIDSTAR_BULLETIN_H
#define GRIDSTAR_BULLETIN_H

struct layout;

/*
 * Draw the bulletin of the published month into l's document.
 * Returns 0, or -1 when out of memory (errno set).
 */
int	 bulletin_draw(struct layout *);

#endif /* GRIDSTAR_BULLETIN_H */
