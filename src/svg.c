/*
 * Charts: see svg.h.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "svg.h"

/* Horizontal chart geometry, in SVG user units. */
#define H_WIDTH		320	/* whole chart */
#define H_LABEL		64	/* label column */
#define H_ROOM		48	/* room right of the longest bar for its text */
#define H_ROW		26	/* height of one row */
#define H_BAR		18	/* height of one bar */
/* Text size and baseline offset. */
#define FONT		12
#define FONT_DY		4

void
svg_escape(struct buf *out, const char *s)
{
	unsigned char	 c;

	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		switch (c) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		case '\'':
			buf_puts(out, "&#39;");
			break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				c = ' ';
			buf_putc(out, c);
			break;
		}
	}
}

/* Bar length for value on a scale where max is full (full units). */
static long
scale(int64_t value, int64_t max, long full)
{
	if (value <= 0)
		return 0;
	if (value >= max)
		return full;
	return (long)(value * full / max);
}

/* Open the <svg> element. */
static void
open_svg(struct buf *out, const char *kind, long w, long h,
    const char *labelledby)
{
	buf_printf(out, "<svg class=\"chart %s\" viewBox=\"0 0 %ld %ld\" "
	    "width=\"%ld\" height=\"%ld\" role=\"img\" aria-labelledby=\"",
	    kind, w, h, w, h);
	svg_escape(out, labelledby);
	buf_printf(out, "\" font-size=\"%d\">", FONT);
}

int
svg_hbars(struct buf *out, const char *labelledby,
    const struct svg_bar *bars, size_t n, int64_t max)
{
	long	 full = H_WIDTH - H_LABEL - H_ROOM, y, w;
	size_t	 i;

	if (max <= 0)
		max = 1;
	open_svg(out, "hbars", H_WIDTH, (long)n * H_ROW, labelledby);
	for (i = 0; i < n; i++) {
		y = (long)i * H_ROW;
		w = scale(bars[i].value, max, full);
		buf_printf(out, "<text class=\"lbl\" x=\"%d\" y=\"%ld\" "
		    "text-anchor=\"end\">", H_LABEL - 6,
		    y + H_ROW / 2 + FONT_DY);
		svg_escape(out, bars[i].label);
		buf_puts(out, "</text>");
		if (bars[i].value >= 0 && w > 0) {
			buf_printf(out, "<rect class=\"bar ");
			svg_escape(out, bars[i].cls);
			buf_printf(out, "\" x=\"%d\" y=\"%ld\" width=\"%ld\" "
			    "height=\"%d\"/>", H_LABEL, y + (H_ROW - H_BAR) / 2,
			    w, H_BAR);
		}
		buf_printf(out, "<text class=\"val\" x=\"%ld\" y=\"%ld\">",
		    H_LABEL + w + 4, y + H_ROW / 2 + FONT_DY);
		svg_escape(out, bars[i].text);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>");
	return out->oom ? -1 : 0;
}
