/*
 * Charts: see svg.h.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
/* Most bytes svg_escape writes for one byte ("&quot;"). */
#define ESC_MAX		6
/*
 * Room for one bar without its label, text and class: its markup (about
 * 200 bytes) and eight numbers, with plenty to spare.
 */
#define BAR_ROOM	512

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

/*
 * Open the <svg> element.  Numbers go through buf_putint, not printf: a
 * chart is drawn on every grid page.
 */
static void
open_svg(struct buf *out, const char *kind, long w, long h,
    const char *labelledby)
{
	buf_puts(out, "<svg class=\"chart ");
	buf_puts(out, kind);
	buf_puts(out, "\" viewBox=\"0 0 ");
	buf_putint(out, w);
	buf_putc(out, ' ');
	buf_putint(out, h);
	buf_puts(out, "\" width=\"");
	buf_putint(out, w);
	buf_puts(out, "\" height=\"");
	buf_putint(out, h);
	buf_puts(out, "\" role=\"img\" aria-labelledby=\"");
	svg_escape(out, labelledby);
	buf_puts(out, "\" font-size=\"");
	buf_putint(out, FONT);
	buf_puts(out, "\">");
}

/*
 * Writing a bar straight into the buffer: svg_hbars reserves the room for
 * the worst case with buf_grow, then these put text, escaped text and
 * numbers at p and return the end.  A chart is drawn on every grid page,
 * and a dozen appends per bar, each with its own checks, cost more than
 * the rest of the chart.
 */
static char *
put_lit(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* put_lit of a string literal. */
#define PUT_LIT(p, s)	put_lit((p), (s), sizeof(s) - 1)

static char *
put_num(char *p, long i)
{
	char t[BUF_INT_MAX];

	return put_lit(p, t, buf_fmtint(t, i));
}

/*
 * s escaped for XML (at most ESC_MAX bytes per byte): the five markup
 * characters as entities, and control characters other than tab, newline
 * and carriage return, which XML 1.0 does not allow, as spaces.
 */
static char *
put_esc(char *p, const char *s)
{
	unsigned char	 c;

	if (s == NULL)
		return p;
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		switch (c) {
		case '&':
			p = PUT_LIT(p, "&amp;");
			break;
		case '<':
			p = PUT_LIT(p, "&lt;");
			break;
		case '>':
			p = PUT_LIT(p, "&gt;");
			break;
		case '"':
			p = PUT_LIT(p, "&quot;");
			break;
		case '\'':
			p = PUT_LIT(p, "&#39;");
			break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				c = ' ';
			*p++ = (char)c;
			break;
		}
	}
	return p;
}

/* Bytes put_esc may write for s. */
static size_t
esc_room(const char *s)
{
	return s != NULL ? strlen(s) * ESC_MAX : 0;
}

void
svg_escape(struct buf *out, const char *s)
{
	char	*p;

	if (s == NULL || buf_grow(out, esc_room(s)) == -1)
		return;
	p = put_esc(out->data + out->len, s);
	out->len = (size_t)(p - out->data);
	out->data[out->len] = '\0';
}

/*
 * The rows' parts are drawn in three groups, so that what every row
 * shares is written once: the labels (right-aligned, moved to the label
 * column by the group), the bars (moved to the bar column), and the value
 * texts.  A chart is drawn on every grid page.
 */
int
svg_hbars(struct buf *out, const char *labelledby,
    const struct svg_bar *bars, size_t n, int64_t max)
{
	long	 full = H_WIDTH - H_LABEL - H_ROOM, y, w;
	size_t	 i, room = 0;
	char	*p;

	if (max <= 0)
		max = 1;
	open_svg(out, "hbars", H_WIDTH, (long)n * H_ROW, labelledby);
	for (i = 0; i < n; i++)
		room += BAR_ROOM + esc_room(bars[i].label) +
		    esc_room(bars[i].text) + esc_room(bars[i].cls);
	if (buf_grow(out, room + BAR_ROOM) == -1)
		return -1;
	p = out->data + out->len;
	p = PUT_LIT(p, "<g class=\"lbl\" text-anchor=\"end\" "
	    "transform=\"translate(");
	p = put_num(p, H_LABEL - 6);
	p = PUT_LIT(p, ")\">");
	for (i = 0; i < n; i++) {
		p = PUT_LIT(p, "<text y=\"");
		p = put_num(p, (long)i * H_ROW + H_ROW / 2 + FONT_DY);
		p = PUT_LIT(p, "\">");
		p = put_esc(p, bars[i].label);
		p = PUT_LIT(p, "</text>");
	}
	p = PUT_LIT(p, "</g><g transform=\"translate(");
	p = put_num(p, H_LABEL);
	p = PUT_LIT(p, ")\">");
	for (i = 0; i < n; i++) {
		w = scale(bars[i].value, max, full);
		if (bars[i].value < 0 || w <= 0)
			continue;
		y = (long)i * H_ROW;
		p = PUT_LIT(p, "<rect class=\"bar ");
		p = put_esc(p, bars[i].cls);
		p = PUT_LIT(p, "\" y=\"");
		p = put_num(p, y + (H_ROW - H_BAR) / 2);
		p = PUT_LIT(p, "\" width=\"");
		p = put_num(p, w);
		p = PUT_LIT(p, "\" height=\"");
		p = put_num(p, H_BAR);
		p = PUT_LIT(p, "\"/>");
	}
	p = PUT_LIT(p, "</g><g class=\"val\">");
	for (i = 0; i < n; i++) {
		w = scale(bars[i].value, max, full);
		p = PUT_LIT(p, "<text x=\"");
		p = put_num(p, H_LABEL + w + 4);
		p = PUT_LIT(p, "\" y=\"");
		p = put_num(p, (long)i * H_ROW + H_ROW / 2 + FONT_DY);
		p = PUT_LIT(p, "\">");
		p = put_esc(p, bars[i].text);
		p = PUT_LIT(p, "</text>");
	}
	p = PUT_LIT(p, "</g>");
	out->len = (size_t)(p - out->data);
	out->data[out->len] = '\0';
	buf_puts(out, "</svg>");
	return out->oom ? -1 : 0;
}
