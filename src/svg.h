/*
 * Charts for the website (issue 3): small horizontal bar charts written as inline
 * SVG, with no words of their own.  Labels and value texts come from the
 * caller; colours come from the theme's stylesheet through the class
 * names given here, so the chart follows the theme.  Every chart is
 * role="img" and labelled by an element of the page (aria-labelledby):
 * the theme writes the text alternative there.  Coordinates are whole
 * numbers from integer arithmetic, so the output is the same on every
 * machine.
 */
#ifndef GRIDSTAR_SVG_H
#define GRIDSTAR_SVG_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* One bar of a chart. */
struct svg_bar {
	const char	*label;	/* axis label (a month, a level), may be "" */
	const char	*text;	/* value printed by the bar, may be "" */
	int64_t		 value;	/* bar length in units of max; < 0 = no bar */
	const char	*cls;	/* CSS class of the bar, may be NULL */
};

/*
 * Append s escaped for XML text and attribute values (also used for the QR
 * codes' SVG); control characters XML forbids become spaces.  NULL is "".
 */
void	 svg_escape(struct buf *out, const char *s);
/*
 * Append a horizontal bar chart (one row per bar, label left, value text
 * right of the bar) to out.  Bars are scaled so that max fills the width
 * (max <= 0 is taken as 1).  labelledby is the id of the page element
 * holding the text alternative.  Returns 0, or -1 when out of memory.
 */
int	 svg_hbars(struct buf *out, const char *labelledby,
	    const struct svg_bar *bars, size_t n, int64_t max);

#endif /* GRIDSTAR_SVG_H */
