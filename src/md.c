/*
 * Markdown to HTML: see md.h.  CommonMark blocks go to cmark as they are;
 * pipe tables are cut out of the text before, and each of their cells is
 * rendered by cmark on its own (safe mode too), so that emphasis, code and
 * links work inside cells.
 *
 * A pipe table here starts, outside a fenced code block, on a line that
 * follows a blank line (or starts the text), is indented less than four
 * spaces and begins with '|', and is followed by a delimiter row with as
 * many cells (only '|', '-', ':' and blanks, at least one '-').  It ends at
 * the first line that is blank or does not begin with '|'.  That is
 * GitHub's syntax with leading pipes required, so that no paragraph that
 * merely contains a '|' is ever taken for a table.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "buf.h"
#include "md.h"

/* Options for every cmark call: safe mode (no raw HTML, no script URLs). */
#define MD_OPTS		CMARK_OPT_SAFE
/* Columns of a table past which the rest are ignored. */
#define MD_MAX_COLS	64
/* Indentation at which a line is code, not a table (CommonMark). */
#define MD_CODE_INDENT	4

/* Column alignment of a pipe table. */
enum align {
	AL_NONE = 0,	/* no colon */
	AL_LEFT,	/* :--- */
	AL_CENTER,	/* :---: */
	AL_RIGHT	/* ---: */
};

/* One line of the source: [s, s + len), without its line end. */
struct line {
	const char	*s;
	size_t		 len;
	size_t		 next;	/* offset of the next line in the text */
};

/* Read the line at offset off of text[0..len).  Returns 0, -1 at the end. */
static int
get_line(const char *text, size_t len, size_t off, struct line *l)
{
	const char *nl;

	if (off >= len)
		return -1;
	l->s = text + off;
	nl = memchr(l->s, '\n', len - off);
	l->len = nl != NULL ? (size_t)(nl - l->s) : len - off;
	l->next = nl != NULL ? off + l->len + 1 : len;
	if (l->len > 0 && l->s[l->len - 1] == '\r')
		l->len--;
	return 0;
}

/* Leading spaces of a line (a tab counts as reaching the code indent). */
static size_t
indent(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		if (l->s[i] == '\t')
			return MD_CODE_INDENT;
		if (l->s[i] != ' ')
			break;
	}
	return i;
}

static int
is_blank(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return 0;
	return 1;
}

/*
 * Whether the line opens or closes a code fence.  Sets *ch and *n to the
 * fence character and length.  Returns 1 or 0.
 */
static int
fence(const struct line *l, char *ch, size_t *n)
{
	size_t i = indent(l), k;

	if (i >= MD_CODE_INDENT || i >= l->len ||
	    (l->s[i] != '`' && l->s[i] != '~'))
		return 0;
	for (k = i; k < l->len && l->s[k] == l->s[i]; k++)
		continue;
	if (k - i < 3)
		return 0;
	*ch = l->s[i];
	*n = k - i;
	return 1;
}

/* Whether the line is a table row: indented < 4, first non-blank '|'. */
static int
is_row(const struct line *l)
{
	size_t i = indent(l);

	return i < MD_CODE_INDENT && i < l->len && l->s[i] == '|';
}

/*
 * Split a row into cells: (start, length) pairs in cs/cl, without the
 * outer pipes and trimmed.  A backslash-escaped pipe stays in its cell.
 * Returns the number of cells (at most MD_MAX_COLS).
 */
static size_t
split_row(const struct line *l, const char **cs, size_t *cl)
{
	const char	*s = l->s, *end = l->s + l->len, *c;
	size_t		 n = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == '|')
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end > s && end[-1] == '|' && (end - 1 == s || end[-2] != '\\'))
		end--;
	while (s <= end && n < MD_MAX_COLS) {
		for (c = s; c < end && *c != '|'; c++)
			if (*c == '\\' && c + 1 < end)
				c++;
		cs[n] = s;
		cl[n] = (size_t)(c - s);
		while (cl[n] > 0 && (*cs[n] == ' ' || *cs[n] == '\t')) {
			cs[n]++;
			cl[n]--;
		}
		while (cl[n] > 0 && (cs[n][cl[n] - 1] == ' ' ||
		    cs[n][cl[n] - 1] == '\t'))
			cl[n]--;
		n++;
		if (c >= end)
			break;
		s = c + 1;
	}
	return n;
}

/*
 * Parse a delimiter row into alignments.  Returns its number of cells, or
 * 0 when the line is not a delimiter row.
 */
static size_t
delim_row(const struct line *l, enum align *al)
{
	const char	*cs[MD_MAX_COLS];
	size_t		 cl[MD_MAX_COLS], n, i, k;

	if (!is_row(l))
		return 0;
	n = split_row(l, cs, cl);
	for (i = 0; i < n; i++) {
		if (cl[i] == 0)
			return 0;
		for (k = 0; k < cl[i]; k++)
			if (cs[i][k] != '-' && !(cs[i][k] == ':' &&
			    (k == 0 || k == cl[i] - 1)))
				return 0;
		if (cl[i] == 1 && cs[i][0] == ':')
			return 0;
		if (cs[i][0] == ':' && cs[i][cl[i] - 1] == ':')
			al[i] = AL_CENTER;
		else if (cs[i][0] == ':')
			al[i] = AL_LEFT;
		else if (cs[i][cl[i] - 1] == ':')
			al[i] = AL_RIGHT;
		else
			al[i] = AL_NONE;
	}
	return n;
}

/* Append s[0..n) escaped for HTML text. */
static void
escape(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
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
		default:
			buf_putc(out, s[i]);
			break;
		}
	}
}

/* Render a Markdown block with cmark and append it.  Returns 0 or -1. */
static int
blocks(struct buf *out, const char *s, size_t n)
{
	char *html;

	if (n == 0)
		return 0;
	if ((html = cmark_markdown_to_html(s, n, MD_OPTS)) == NULL)
		return -1;
	buf_puts(out, html);
	free(html);
	return out->oom ? -1 : 0;
}

/*
 * Render one cell's inline Markdown.  cmark wraps it in <p>...</p>; a cell
 * that cmark reads as another block (a heading, a list) is printed as
 * escaped text instead.  "\|" becomes "|".  Returns 0 or -1.
 */
static int
cell(struct buf *out, const char *s, size_t n)
{
	struct buf	 src;
	char		*html;
	size_t		 i, hl;
	int		 rc = -1;

	buf_init(&src);
	for (i = 0; i < n; i++)
		if (!(s[i] == '\\' && i + 1 < n && s[i + 1] == '|'))
			buf_putc(&src, s[i]);
	if (src.oom)
		goto out;
	if (src.len == 0) {
		rc = 0;
		goto out;
	}
	if ((html = cmark_markdown_to_html(src.data, src.len, MD_OPTS)) == NULL)
		goto out;
	hl = strlen(html);
	if (hl >= 8 && strncmp(html, "<p>", 3) == 0 &&
	    strcmp(html + hl - 5, "</p>\n") == 0 &&
	    strstr(html + 3, "<p>") == NULL)
		buf_put(out, html + 3, hl - 8);
	else
		escape(out, src.data, src.len);
	free(html);
	rc = out->oom ? -1 : 0;
out:
	buf_release(&src);
	return rc;
}

/* Append one table row with cells in th or td.  Returns 0 or -1. */
static int
row(struct buf *out, const struct line *l, const enum align *al,
    size_t ncols, const char *tag)
{
	static const char *const style[] = { "", " style=\"text-align:left\"",
	    " style=\"text-align:center\"", " style=\"text-align:right\"" };
	const char	*cs[MD_MAX_COLS];
	size_t		 cl[MD_MAX_COLS], n, i;

	n = split_row(l, cs, cl);
	buf_puts(out, "<tr>\n");
	for (i = 0; i < ncols; i++) {
		buf_printf(out, "<%s%s>", tag, style[al[i]]);
		if (i < n && cell(out, cs[i], cl[i]) == -1)
			return -1;
		buf_printf(out, "</%s>\n", tag);
	}
	buf_puts(out, "</tr>\n");
	return out->oom ? -1 : 0;
}

/*
 * Render the table whose header row starts at off (its delimiter row has
 * ncols cells with alignments al).  Returns the offset just past the
 * table, or (size_t)-1 when out of memory.
 */
static size_t
table(struct buf *out, const char *text, size_t len, size_t off,
    const enum align *al, size_t ncols)
{
	struct line	 l;
	int		 body = 0;

	get_line(text, len, off, &l);
	buf_puts(out, "<table>\n<thead>\n");
	if (row(out, &l, al, ncols, "th") == -1)
		return (size_t)-1;
	buf_puts(out, "</thead>\n");
	get_line(text, len, l.next, &l);	/* the delimiter row */
	off = l.next;
	while (get_line(text, len, off, &l) == 0 && !is_blank(&l) &&
	    is_row(&l)) {
		if (!body)
			buf_puts(out, "<tbody>\n");
		body = 1;
		if (row(out, &l, al, ncols, "td") == -1)
			return (size_t)-1;
		off = l.next;
	}
	if (body)
		buf_puts(out, "</tbody>\n");
	buf_puts(out, "</table>\n");
	return out->oom ? (size_t)-1 : off;
}

int
md_html(const char *text, size_t len, struct buf *out)
{
	const char	*cs[MD_MAX_COLS];
	struct line	 l, dl;
	enum align	 al[MD_MAX_COLS];
	size_t		 cl[MD_MAX_COLS], off = 0, seg = 0, ncols, fn = 0, n;
	char		 fch = 0, ch;
	int		 after_blank = 1, in_fence = 0;

	while (get_line(text, len, off, &l) == 0) {
		if (in_fence) {
			if (fence(&l, &ch, &n) && ch == fch && n >= fn)
				in_fence = 0;
			off = l.next;
			continue;
		}
		if (fence(&l, &fch, &fn)) {
			in_fence = 1;
			after_blank = 0;
			off = l.next;
			continue;
		}
		if (after_blank && is_row(&l) &&
		    get_line(text, len, l.next, &dl) == 0 &&
		    (ncols = delim_row(&dl, al)) > 0 &&
		    split_row(&l, cs, cl) == ncols) {
			if (blocks(out, text + seg, off - seg) == -1)
				return -1;
			if ((off = table(out, text, len, off, al, ncols)) ==
			    (size_t)-1)
				return -1;
			seg = off;
			after_blank = 0;
			continue;
		}
		after_blank = is_blank(&l);
		off = l.next;
	}
	return blocks(out, text + seg, len - seg);
}
