/*
 * Drawing layer over libharu: see pdf.h.  The only file that includes
 * hpdf.h.
 *
 * The font is loaded the way tests/unit/font_demo.c proved to work with
 * libharu 2.3.0: HPDF_UseUTFEncodings, HPDF_LoadTTFontFromFile with
 * embedding on, HPDF_GetFont(..., "UTF-8").  Text is then written as
 * UTF-8; libharu stores it as two-byte codes equal to the Unicode code
 * points (Identity-H, CIDToGIDMap), so only characters of the Basic
 * Multilingual Plane can be shown.
 *
 * libharu 2.3.0 gives such a font a ToUnicode CMap that maps code ranges
 * to CIDs ("begincidrange"), which is not valid there: a ToUnicode CMap
 * maps codes to Unicode text with bfchar or bfrange (PDF 1.7, 9.10.3).
 * Readers fall back to guessing, and pdftotext warns.  fix_tounicode()
 * rewrites that stream with one bfchar entry per character of the subset.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "buf.h"
#include "diag.h"
#include "font.h"
#include "pdf.h"
#include "qr.h"
#include "settings.h"

/* Paper sides in millimetres (ISO 216). */
#define A4_SHORT_MM	210.0
#define A4_LONG_MM	297.0
#define A3_LONG_MM	420.0
#define A2_LONG_MM	594.0

/* Estimated advance widths of the dry run, in ems. */
#define DRY_WIDE_EM	1.0
#define DRY_NARROW_EM	0.55
/* First code point the dry run takes as wide (Hangul Jamo, then CJK). */
#define DRY_WIDE_FROM	0x1100u
/* Estimated ascent and descent of the dry run, in ems. */
#define DRY_ASCENT	0.95
#define DRY_DESCENT	0.25
/* Glyph metrics unit of libharu (thousandths of an em). */
#define EM_UNITS	1000.0

/* Step by which pdf_text shrinks text that does not fit, in points. */
#define SHRINK_STEP	0.5
/* Smallest share of its size text shrinks to before it takes two lines. */
#define SHRINK_FIRST	0.8
/* Most code points in one string handed to pdf_text. */
#define TEXT_MAX	4096
/* Entries per bfchar block (PDF limit: 100). */
#define BFCHAR_BLOCK	100
/* Highest code point libharu's two-byte codes can carry. */
#define BMP_MAX		0xffffu
/* Shown instead of a character libharu cannot write. */
#define REPLACEMENT	'?'
/* breaklines: the text cannot be broken without splitting a run. */
#define NO_FIT		((size_t)-1)
/* Steps of the search for the narrowest width of balanced lines. */
#define BALANCE_STEPS	16
/* Inner radius of a five-pointed star as a share of the outer one. */
#define STAR_INNER	0.381966
/* Colour of a QR code's quiet zone: white, as scanners expect. */
#define QUIET_COLOUR	0xffffffu
/* Points of a star, outer and inner corners together. */
#define STAR_CORNERS	10

struct pdf {
	HPDF_Doc	 doc;		/* NULL for a dry run */
	HPDF_Font	 font;		/* the embedded subset */
	HPDF_Page	 page;		/* the current page, NULL before one */
	double		 ph;		/* height of the current page */
	int		 npages;	/* pages so far */
	double		 ascent;	/* font ascent, ems */
	double		 descent;	/* font descent, ems, positive */
	char		*name;		/* output path, for messages */
	char		*tmpfont;	/* temporary subset file until loaded */
	struct diag	*d;		/* where libharu errors go */
	int		 failed;	/* an error was reported, or no memory */
	uint32_t	*cps;		/* dry run: characters used */
	size_t		 ncps, capcps;
	int		 sorted;	/* cps is sorted and distinct */
	struct buf	*trace;		/* box trace, or NULL */
};

/* One line of broken text: code points [start, end) of the string. */
struct line {
	size_t	start, end;
};

void
pdf_paper(int paper, int landscape, double *w, double *h)
{
	double	 s, l;

	switch (paper) {
	case PAPER_A4:
		s = A4_SHORT_MM;
		l = A4_LONG_MM;
		break;
	case PAPER_A2:
		s = A3_LONG_MM;
		l = A2_LONG_MM;
		break;
	default:
		s = A4_LONG_MM;
		l = A3_LONG_MM;
		break;
	}
	*w = (landscape ? l : s) * PDF_PT_PER_MM;
	*h = (landscape ? s : l) * PDF_PT_PER_MM;
}

/*
 * libharu error handler: report the first error of a document to its
 * diag with the output path, and mark the document failed.
 */
static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *arg)
{
	struct pdf	*p = arg;
	const char	*what;

	if (p->failed)
		return;
	p->failed = 1;
	switch (error_no) {
	case HPDF_FAILD_TO_ALLOC_MEM:
		what = "out of memory";
		break;
	case HPDF_FILE_IO_ERROR:
	case HPDF_FILE_OPEN_ERROR:
		what = "cannot read the font";
		break;
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		what = "the font does not allow embedding";
		break;
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
		what = "the font cannot be used";
		break;
	default:
		what = "PDF library error";
		break;
	}
	diag_error(p->d, p->name, 0, 0, "%s (libharu error 0x%04X, detail %u)",
	    what, (unsigned int)error_no, (unsigned int)detail_no);
}

/* Mark the document failed on an allocation failure, reported once. */
static void
oom(struct pdf *p)
{
	if (!p->failed && p->d != NULL)
		diag_error(p->d, p->name, 0, 0, "out of memory");
	p->failed = 1;
}

/*
 * Decode one UTF-8 sequence at *s, advancing it.  Invalid bytes come out
 * as REPLACEMENT, one at a time.
 */
static uint32_t
utf8_next(const unsigned char **s)
{
	const unsigned char	*p = *s;
	uint32_t		 c;
	int			 n, i;

	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		c = p[0] & 0x1f;
		n = 1;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		c = p[0] & 0x0f;
		n = 2;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		c = p[0] & 0x07;
		n = 3;
	} else {
		*s = p + 1;
		return REPLACEMENT;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*s = p + 1;
			return REPLACEMENT;
		}
		c = c << 6 | (p[i] & 0x3f);
	}
	*s = p + n + 1;
	if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return REPLACEMENT;
	return c;
}

/*
 * Decode s into at most max code points that libharu can write: outside
 * the BMP becomes REPLACEMENT, control characters other than newline are
 * dropped.  Returns the number stored.
 */
static size_t
decode(const char *s, uint32_t *cps, size_t max)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n = 0;

	while (*u != '\0' && n < max) {
		c = utf8_next(&u);
		if (c > BMP_MAX)
			c = REPLACEMENT;
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			continue;
		cps[n++] = c;
	}
	return n;
}

/* Append code point c as UTF-8 to b. */
static void
utf8_put(struct buf *b, uint32_t c)
{
	if (c < 0x80)
		buf_putc(b, (int)c);
	else if (c < 0x800) {
		buf_putc(b, (int)(0xc0 | c >> 6));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		buf_putc(b, (int)(0xe0 | c >> 12));
		buf_putc(b, (int)(0x80 | (c >> 6 & 0x3f)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	}
}

/* Remember code point c in a dry run.  Returns 0 or -1. */
static int
gather(struct pdf *p, uint32_t c)
{
	uint32_t	*n;
	size_t		 cap;

	if (p->ncps == p->capcps) {
		cap = p->capcps == 0 ? 256 : p->capcps * 2;
		if ((n = reallocarray(p->cps, cap, sizeof(*n))) == NULL) {
			oom(p);
			return -1;
		}
		p->cps = n;
		p->capcps = cap;
	}
	p->cps[p->ncps++] = c;
	p->sorted = 0;
	return 0;
}

struct pdf *
pdf_dry_new(void)
{
	struct pdf	*p;
	uint32_t	 c;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->ascent = DRY_ASCENT;
	p->descent = DRY_DESCENT;
	if (gather(p, PDF_ELLIPSIS) == -1) {
		pdf_free(p);
		return NULL;
	}
	for (c = '0'; c <= '9'; c++)
		if (gather(p, c) == -1) {
			pdf_free(p);
			return NULL;
		}
	return p;
}

static int
cmp_cp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

const uint32_t *
pdf_chars(struct pdf *p, size_t *n)
{
	size_t	 i, j;

	if (!p->sorted && p->ncps > 0) {
		qsort(p->cps, p->ncps, sizeof(*p->cps), cmp_cp);
		for (i = j = 1; i < p->ncps; i++)
			if (p->cps[i] != p->cps[j - 1])
				p->cps[j++] = p->cps[i];
		p->ncps = j;
	}
	p->sorted = 1;
	*n = p->ncps;
	return p->cps;
}

/*
 * Replace the font's ToUnicode CMap (see the top of this file) by one
 * that maps each of cps[0..n-1] to itself.  Returns 0 or -1.
 */
static int
fix_tounicode(struct pdf *p, const uint32_t *cps, size_t n)
{
	HPDF_Dict	 tu;
	struct buf	 b;
	size_t		 i, j, k;
	int		 rc = -1;

	tu = HPDF_Dict_GetItem(p->font, "ToUnicode", HPDF_OCLASS_DICT);
	if (tu == NULL || tu->stream == NULL)
		return 0;
	buf_init(&b);
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (i = 0; i < n; i = j) {
		for (j = i, k = 0; j < n && k < BFCHAR_BLOCK; j++)
			if (cps[j] <= BMP_MAX)
				k++;
		if (k == 0)
			continue;
		buf_printf(&b, "%zu beginbfchar\n", k);
		for (; i < j; i++)
			if (cps[i] <= BMP_MAX)
				buf_printf(&b, "<%04X> <%04X>\n",
				    (unsigned int)cps[i],
				    (unsigned int)cps[i]);
		buf_puts(&b, "endbfchar\n");
	}
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
	if (b.oom) {
		oom(p);
		goto out;
	}
	HPDF_MemStream_FreeData(tu->stream);
	if (HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len) != HPDF_OK) {
		if (!p->failed)
			diag_error(p->d, p->name, 0, 0,
			    "cannot write the font's ToUnicode map");
		p->failed = 1;
		goto out;
	}
	/* Entries of a CMap resource that a ToUnicode stream has no use for. */
	HPDF_Dict_RemoveElement(tu, "Type");
	HPDF_Dict_RemoveElement(tu, "CMapName");
	HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(tu, "WMode");
	HPDF_ResetError(p->doc);
	rc = 0;
out:
	buf_release(&b);
	return rc;
}

/*
 * Write the subset font in sub to a new temporary file, whose name is
 * kept in p->tmpfont.  Returns 0, or -1 (reported).
 */
static int
write_tmpfont(struct pdf *p, const struct buf *sub)
{
	struct buf	 b;
	const char	*dir;
	int		 fd;
	size_t		 off = 0;
	ssize_t		 w;

	if ((dir = getenv("TMPDIR")) == NULL || dir[0] == '\0')
		dir = "/tmp";
	buf_init(&b);
	buf_printf(&b, "%s/gridstar-font-XXXXXX", dir);
	if ((p->tmpfont = buf_detach(&b)) == NULL) {
		oom(p);
		return -1;
	}
	if ((fd = mkstemp(p->tmpfont)) == -1) {
		diag_error(p->d, p->tmpfont, 0, 0, "%s", strerror(errno));
		free(p->tmpfont);
		p->tmpfont = NULL;
		p->failed = 1;
		return -1;
	}
	while (off < sub->len) {
		if ((w = write(fd, sub->data + off, sub->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			diag_error(p->d, p->tmpfont, 0, 0, "%s",
			    strerror(errno));
			close(fd);
			p->failed = 1;
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		diag_error(p->d, p->tmpfont, 0, 0, "%s", strerror(errno));
		p->failed = 1;
		return -1;
	}
	return 0;
}

struct pdf *
pdf_new(const char *name, const char *fontfile, int index,
    const uint32_t *cps, size_t n, struct diag *d)
{
	struct pdf	*p;
	struct buf	 sub;
	const char	*fname;

	buf_init(&sub);
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->name = strdup(name)) == NULL) {
		diag_error(d, name, 0, 0, "out of memory");
		free(p);
		return NULL;
	}
	p->d = d;
	if (font_subset(fontfile, index, cps, n, &sub) == -1) {
		diag_error(d, fontfile, 0, 0, "cannot subset the font: %s",
		    strerror(errno));
		goto fail;
	}
	if (write_tmpfont(p, &sub) == -1)
		goto fail;
	if ((p->doc = HPDF_New(on_error, p)) == NULL) {
		oom(p);
		goto fail;
	}
	/* Before the font is loaded, so that it is compressed too. */
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	if ((fname = HPDF_LoadTTFontFromFile(p->doc, p->tmpfont,
	    HPDF_TRUE)) == NULL)
		goto fail;
	/*
	 * libharu keeps the file open from here to HPDF_Free and reads the
	 * glyphs from it again when it saves.  Its data lives on while it is
	 * open, so the name can go now: a build killed later leaves no
	 * temporary file behind.
	 */
	unlink(p->tmpfont);
	free(p->tmpfont);
	p->tmpfont = NULL;
	if ((p->font = HPDF_GetFont(p->doc, fname, "UTF-8")) == NULL)
		goto fail;
	p->ascent = HPDF_Font_GetAscent(p->font) / EM_UNITS;
	p->descent = -HPDF_Font_GetDescent(p->font) / EM_UNITS;
	if (p->ascent <= 0)
		p->ascent = DRY_ASCENT;
	if (p->descent < 0)
		p->descent = 0;
	if (fix_tounicode(p, cps, n) == -1 || p->failed)
		goto fail;
	buf_release(&sub);
	return p;
fail:
	buf_release(&sub);
	pdf_free(p);
	return NULL;
}

void
pdf_free(struct pdf *p)
{
	if (p == NULL)
		return;
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	/* Still named only when loading it failed. */
	if (p->tmpfont != NULL) {
		unlink(p->tmpfont);
		free(p->tmpfont);
	}
	free(p->name);
	free(p->cps);
	free(p);
}

int
pdf_finish(struct pdf *p, struct buf *out)
{
	HPDF_UINT32	 size;
	HPDF_UINT32	 got;

	if (p->failed)
		return -1;
	if (p->doc == NULL)
		return 0;
	if (HPDF_SaveToStream(p->doc) != HPDF_OK || p->failed)
		return -1;
	size = HPDF_GetStreamSize(p->doc);
	if (buf_grow(out, size) == -1) {
		oom(p);
		return -1;
	}
	got = size;
	if (HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)out->data + out->len,
	    &got) != HPDF_OK && got != size) {
		if (!p->failed)
			diag_error(p->d, p->name, 0, 0,
			    "cannot read back the PDF");
		p->failed = 1;
		return -1;
	}
	out->len += got;
	out->data[out->len] = '\0';
	return 0;
}

void
pdf_trace(struct pdf *p, struct buf *trace)
{
	p->trace = trace;
}

/* Add a trace line for box b of kind `kind`, when tracing. */
static void
trace_box(struct pdf *p, const char *kind, double x, double y, double w,
    double h)
{
	if (p->trace == NULL)
		return;
	buf_printf(p->trace, "%d %s %.2f %.2f %.2f %.2f\n", p->npages, kind,
	    x, y, x + w, y + h);
}

int
pdf_page(struct pdf *p, double w, double h)
{
	p->npages++;
	p->ph = h;
	if (p->doc == NULL)
		return 0;
	if ((p->page = HPDF_AddPage(p->doc)) == NULL)
		return -1;
	HPDF_Page_SetWidth(p->page, (HPDF_REAL)w);
	HPDF_Page_SetHeight(p->page, (HPDF_REAL)h);
	/* The height as libharu stores it, so that whole points stay whole. */
	p->ph = HPDF_Page_GetHeight(p->page);
	return p->failed ? -1 : 0;
}

int
pdf_failed(const struct pdf *p)
{
	return p->failed;
}

int
pdf_pages(const struct pdf *p)
{
	return p->npages;
}

/* Whether drawing calls should do anything. */
static int
drawing(const struct pdf *p)
{
	return p->doc != NULL && p->page != NULL && !p->failed;
}

/* Set the fill colour. */
static void
fill_colour(struct pdf *p, uint32_t c)
{
	HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)((c >> 16 & 0xff) / 255.0),
	    (HPDF_REAL)((c >> 8 & 0xff) / 255.0),
	    (HPDF_REAL)((c & 0xff) / 255.0));
}

/* Set the stroke colour. */
static void
stroke_colour(struct pdf *p, uint32_t c)
{
	HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)((c >> 16 & 0xff) / 255.0),
	    (HPDF_REAL)((c >> 8 & 0xff) / 255.0),
	    (HPDF_REAL)((c & 0xff) / 255.0));
}

/*
 * Set the colours and line width for painting a path with fill and stroke
 * (either may be PDF_NOCOLOUR).  libharu allows this only before the path
 * is begun.
 */
static void
paint_setup(struct pdf *p, uint32_t fill, uint32_t stroke, double lw)
{
	if (fill != PDF_NOCOLOUR)
		fill_colour(p, fill);
	if (stroke != PDF_NOCOLOUR) {
		stroke_colour(p, stroke);
		HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)lw);
	}
}

/* Fill and/or stroke the current path, as paint_setup prepared. */
static void
paint(struct pdf *p, uint32_t fill, uint32_t stroke)
{
	if (fill != PDF_NOCOLOUR && stroke != PDF_NOCOLOUR)
		HPDF_Page_FillStroke(p->page);
	else if (fill != PDF_NOCOLOUR)
		HPDF_Page_Fill(p->page);
	else if (stroke != PDF_NOCOLOUR)
		HPDF_Page_Stroke(p->page);
	else
		HPDF_Page_EndPath(p->page);
}

void
pdf_rect(struct pdf *p, const struct pdf_box *b, uint32_t fill,
    uint32_t stroke, double lw)
{
	if (!drawing(p) || (fill == PDF_NOCOLOUR && stroke == PDF_NOCOLOUR))
		return;
	paint_setup(p, fill, stroke, lw);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)b->x,
	    (HPDF_REAL)(p->ph - b->y - b->h), (HPDF_REAL)b->w,
	    (HPDF_REAL)b->h);
	paint(p, fill, stroke);
}

void
pdf_line(struct pdf *p, double x1, double y1, double x2, double y2,
    double lw, uint32_t colour)
{
	if (!drawing(p) || colour == PDF_NOCOLOUR)
		return;
	paint_setup(p, PDF_NOCOLOUR, colour, lw);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)(p->ph - y1));
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x2, (HPDF_REAL)(p->ph - y2));
	paint(p, PDF_NOCOLOUR, colour);
}

void
pdf_star(struct pdf *p, double cx, double cy, double r, uint32_t fill,
    uint32_t stroke, double lw)
{
	double	 a, rr, x, y;
	int	 i;

	trace_box(p, "star", cx - r, cy - r, 2 * r, 2 * r);
	if (!drawing(p))
		return;
	/* Round joins keep the outline within lw / 2 of the corners. */
	if (stroke != PDF_NOCOLOUR) {
		r -= lw / 2;
		HPDF_Page_SetLineJoin(p->page, HPDF_ROUND_JOIN);
	}
	paint_setup(p, fill, stroke, lw);
	for (i = 0; i < STAR_CORNERS; i++) {
		a = M_PI / 2 + i * M_PI / (STAR_CORNERS / 2);
		rr = i % 2 == 0 ? r : r * STAR_INNER;
		x = cx + rr * cos(a);
		y = p->ph - cy + rr * sin(a);
		if (i == 0)
			HPDF_Page_MoveTo(p->page, (HPDF_REAL)x, (HPDF_REAL)y);
		else
			HPDF_Page_LineTo(p->page, (HPDF_REAL)x, (HPDF_REAL)y);
	}
	HPDF_Page_ClosePath(p->page);
	paint(p, fill, stroke);
	if (stroke != PDF_NOCOLOUR)
		HPDF_Page_SetLineJoin(p->page, HPDF_MITER_JOIN);
}

/* Advance width of code point c at size points. */
static double
cp_width(const struct pdf *p, uint32_t c, double size)
{
	if (c == '\n')
		return 0;
	if (p->doc == NULL)
		return size * (c < DRY_WIDE_FROM ? DRY_NARROW_EM : DRY_WIDE_EM);
	return HPDF_Font_GetUnicodeWidth(p->font, (HPDF_UNICODE)c) * size /
	    EM_UNITS;
}

double
pdf_text_width(const struct pdf *p, const char *s, double size)
{
	const unsigned char	*u = (const unsigned char *)s;
	double			 w = 0;
	uint32_t		 c;

	while (*u != '\0') {
		c = utf8_next(&u);
		if (c > BMP_MAX)
			c = REPLACEMENT;
		w += cp_width(p, c, size);
	}
	return w;
}

double
pdf_text_height(const struct pdf *p, double size)
{
	return (p->ascent + p->descent) * size;
}

/* Whether c is part of a run that should not be broken (Latin, digits). */
static int
wordchar(uint32_t c)
{
	return c > 0x20 && c < 0x7f;
}

/* Whether a line may not start with c (closing punctuation). */
static int
noopen(uint32_t c)
{
	static const uint32_t	 list[] = {
		0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a, 0xff1f, 0xff01,
		0xff09, 0x300b, 0x300d, 0x300f, 0x3011, PDF_ELLIPSIS,
		',', '.', ';', ':', ')', '!', '?'
	};
	size_t			 i;

	for (i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		if (list[i] == c)
			return 1;
	return 0;
}

/* Whether a line may not end with c (opening punctuation). */
static int
noclose(uint32_t c)
{
	return c == 0xff08 || c == 0x300a || c == 0x300c || c == 0x300e ||
	    c == 0x3010 || c == '(';
}

/* Whether a line may break between code points a and b. */
static int
breakable(uint32_t a, uint32_t b)
{
	if (a == ' ' || b == ' ')
		return 1;
	if (wordchar(a) && wordchar(b))
		return 0;
	return !noopen(b) && !noclose(a);
}

/*
 * Break cps[0..n-1] into lines no wider than w at size: at newlines, at
 * the last break opportunity that fits, or between any two characters
 * when a run does not fit a line on its own and force is set.  Spaces at
 * a break are dropped.  Stores at most max lines; returns the number of
 * lines needed (which may be more than max), or NO_FIT when a run does
 * not fit and force is not set.
 */
static size_t
breaklines(const struct pdf *p, const uint32_t *cps, size_t n, double w,
    double size, int force, struct line *lines, size_t max)
{
	size_t	 i, start, last, nl = 0;
	double	 x;

	start = 0;
	while (start < n) {
		while (start < n && cps[start] == ' ')
			start++;
		if (start == n)
			break;
		x = 0;
		last = 0;
		for (i = start; i < n && cps[i] != '\n'; i++) {
			x += cp_width(p, cps[i], size);
			if (x > w && i > start)
				break;
			if (i + 1 < n && breakable(cps[i], cps[i + 1]))
				last = i + 1;
		}
		if (i < n && cps[i] != '\n') {
			if (last > start)
				i = last;
			else if (!force)
				return NO_FIT;
		}
		if (nl < max) {
			lines[nl].start = start;
			lines[nl].end = i;
			while (lines[nl].end > start &&
			    cps[lines[nl].end - 1] == ' ')
				lines[nl].end--;
		}
		nl++;
		start = i < n && cps[i] == '\n' ? i + 1 : i;
	}
	return nl;
}

/* Width of cps[a..b) at size. */
static double
span_width(const struct pdf *p, const uint32_t *cps, size_t a, size_t b,
    double size)
{
	double	 w = 0;

	for (; a < b; a++)
		w += cp_width(p, cps[a], size);
	return w;
}

/* Lines of pitch `pitch` and height th that fit in height h (>= 0). */
static size_t
lines_fitting(double h, double th, double pitch)
{
	if (h < th)
		return 0;
	return (size_t)floor((h - th) / pitch + 1e-9) + 1;
}

/*
 * Break cps[0..n-1] into its nl lines (nl from breaklines at width w) as
 * evenly as possible: at the narrowest width that still needs only nl
 * lines, so that "市场监管" becomes "市场/监管", not "市场监/管".
 * Stores the lines; returns their number.
 */
static size_t
balance(const struct pdf *p, const uint32_t *cps, size_t n, double w,
    double size, int force, size_t nl, struct line *lines)
{
	double	 lo = 0, hi = w, mid;
	int	 i;

	if (nl > 1)
		for (i = 0; i < BALANCE_STEPS; i++) {
			mid = (lo + hi) / 2;
			if (breaklines(p, cps, n, mid, size, force, NULL,
			    0) <= nl)
				hi = mid;
			else
				lo = mid;
		}
	return breaklines(p, cps, n, hi, size, force, lines, nl);
}

size_t
pdf_text_lines(const struct pdf *p, const char *s, double size, double w)
{
	uint32_t	 cps[TEXT_MAX];
	size_t		 n;

	n = decode(s, cps, TEXT_MAX);
	return breaklines(p, cps, n, w, size, 1, NULL, 0);
}

/* Show cps[a..b) with its left end at x and its baseline at y. */
static void
show(struct pdf *p, const uint32_t *cps, size_t a, size_t b, int ellipsis,
    double x, double y, double size, uint32_t colour)
{
	struct buf	 t;

	buf_init(&t);
	for (; a < b; a++)
		utf8_put(&t, cps[a]);
	if (ellipsis)
		utf8_put(&t, PDF_ELLIPSIS);
	if (t.oom) {
		oom(p);
		buf_release(&t);
		return;
	}
	if (t.len > 0) {
		HPDF_Page_BeginText(p->page);
		HPDF_Page_SetFontAndSize(p->page, p->font, (HPDF_REAL)size);
		fill_colour(p, colour);
		HPDF_Page_TextOut(p->page, (HPDF_REAL)x, (HPDF_REAL)(p->ph - y),
		    t.data);
		HPDF_Page_EndText(p->page);
	}
	buf_release(&t);
}

double
pdf_text(struct pdf *p, const struct pdf_box *b, const char *s,
    const struct pdf_style *st)
{
	uint32_t	 cps[TEXT_MAX];
	struct line	*lines = NULL;
	size_t		 n, i, nl, max, fit, maxl, end;
	double		 size, pitch, lead, top, lw, x, wmax, ew, floor1;
	int		 ell = 0, force;

	trace_box(p, "text", b->x, b->y, b->w, b->h);
	n = decode(s, cps, TEXT_MAX);
	if (p->doc == NULL) {
		for (i = 0; i < n; i++)
			if (gather(p, cps[i]) == -1)
				return st->size;
		return st->size;
	}
	if (n == 0 || !drawing(p))
		return st->size;
	maxl = st->lines < 1 ? 1 : (size_t)st->lines;
	if ((lines = calloc(maxl, sizeof(*lines))) == NULL) {
		oom(p);
		return st->size;
	}
	lead = st->leading < 1 ? 1 : st->leading;

	/* One line, shrunk a little, reads better than two: try that first. */
	floor1 = st->size * SHRINK_FIRST > st->min ? st->size * SHRINK_FIRST :
	    st->min;
	for (size = st->size; size >= floor1 - 1e-9; size -= SHRINK_STEP) {
		if (lines_fitting(b->h, pdf_text_height(p, size),
		    size * lead) >= 1 &&
		    breaklines(p, cps, n, b->w, size, 0, lines, 1) == 1) {
			pitch = size * lead;
			nl = 1;
			goto draw;
		}
	}
	/*
	 * Then the biggest size at which everything fits: first without
	 * splitting a run of Latin letters or digits (a phone number shrinks
	 * rather than breaks), then splitting where needed.
	 */
	for (force = 0; force <= 1; force++)
		for (size = st->size; ; size -= SHRINK_STEP) {
			if (size < st->min)
				size = st->min;
			pitch = size * lead;
			fit = lines_fitting(b->h, pdf_text_height(p, size),
			    pitch);
			max = fit < maxl ? fit : maxl;
			if (max > 0 && (nl = breaklines(p, cps, n, b->w, size,
			    force, NULL, 0)) <= max) {
				nl = balance(p, cps, n, b->w, size, force, nl,
				    lines);
				goto draw;
			}
			if (size <= st->min)
				break;
		}

	/* Too long: st->min, shrunk further to fit one line's height. */
	size = st->min;
	if (pdf_text_height(p, size) > b->h)
		size = b->h / (p->ascent + p->descent);
	/* ... and to fit the widest single character. */
	for (i = 0, wmax = 0; i < n; i++)
		if (cp_width(p, cps[i], size) > wmax)
			wmax = cp_width(p, cps[i], size);
	ew = cp_width(p, PDF_ELLIPSIS, size);
	if (wmax + ew > b->w && wmax + ew > 0)
		size *= b->w / (wmax + ew);
	pitch = size * lead;
	max = lines_fitting(b->h, pdf_text_height(p, size), pitch);
	if (max < 1)
		max = 1;
	if (max > maxl)
		max = maxl;
	nl = breaklines(p, cps, n, b->w, size, 1, lines, max);
	if (nl > max) {
		/* Shorten the last line to what fits with an ellipsis. */
		nl = max;
		ew = cp_width(p, PDF_ELLIPSIS, size);
		end = lines[nl - 1].start;
		for (lw = 0; end < n && cps[end] != '\n'; end++) {
			if (lw + cp_width(p, cps[end], size) + ew > b->w)
				break;
			lw += cp_width(p, cps[end], size);
		}
		lines[nl - 1].end = end;
		ell = 1;
	}

draw:
	top = b->y;
	if (!st->top)
		top += (b->h - ((nl - 1) * pitch + pdf_text_height(p, size))) /
		    2;
	for (i = 0; i < nl; i++) {
		lw = span_width(p, cps, lines[i].start, lines[i].end, size);
		if (ell && i == nl - 1)
			lw += cp_width(p, PDF_ELLIPSIS, size);
		if (st->align == PDF_CENTER)
			x = b->x + (b->w - lw) / 2;
		else if (st->align == PDF_RIGHT)
			x = b->x + b->w - lw;
		else
			x = b->x;
		show(p, cps, lines[i].start, lines[i].end, ell && i == nl - 1,
		    x, top + p->ascent * size + i * pitch, size, st->colour);
	}
	free(lines);
	return size;
}

/*
 * A rectangle of dark QR modules: a run of len modules from column x,
 * repeated on rows y to y + h - 1.
 */
struct qrrect {
	int	 x, y, len, h;
};

/*
 * State of drawing a QR code's runs into one path.  A run that repeats
 * the run of the row above (same column, same length) makes that one
 * taller instead of adding a rectangle: a fifth to a third fewer of them.
 *
 * HPDF_Page_Rectangle costs some 3,700 instructions (it clears a 512-byte
 * buffer byte by byte, then formats four floats), and a board has
 * thousands of rectangles.  So only the first goes through it, which
 * begins the path in libharu's graphics state; the others, all whole
 * points, are written as "x y w h re" operators, in the very bytes
 * libharu would write, to the page's content stream, where HPDF_Page_Fill
 * then closes the path.
 */
struct qrpath {
	struct pdf	*p;
	long		 x0, y0;	/* PDF corner of module (0, 0) */
	int		 m;		/* module size, points */
	struct qrrect	*last;		/* rectangles open in the last row */
	struct qrrect	*cur;		/* ... and in this row */
	int		 nlast, ncur;	/* how many */
	int		 ilast;		/* first of last not yet carried on */
	int		 row;		/* this row */
	int		 begun;		/* the path is begun */
	struct buf	 ops;		/* operators of the other rectangles */
};

/* Longest decimal long, with its sign. */
#define LONG_DIGITS	24

/* Append v and then the character end to b. */
static void
put_long(struct buf *b, long v, char end)
{
	char		 s[LONG_DIGITS];
	unsigned long	 u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
	size_t		 i = sizeof(s);

	s[--i] = end;
	do {
		s[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		s[--i] = '-';
	buf_put(b, s + i, sizeof(s) - i);
}

/* Add rectangle r to the path. */
static void
qr_rect(struct qrpath *q, const struct qrrect *r)
{
	long	 x, y, w, h;

	x = q->x0 + (long)r->x * q->m;
	y = q->y0 - (long)(r->y + r->h) * q->m;
	w = (long)r->len * q->m;
	h = (long)r->h * q->m;
	if (!q->begun) {
		HPDF_Page_Rectangle(q->p->page, (HPDF_REAL)x, (HPDF_REAL)y,
		    (HPDF_REAL)w, (HPDF_REAL)h);
		q->begun = 1;
		return;
	}
	put_long(&q->ops, x, ' ');
	put_long(&q->ops, y, ' ');
	put_long(&q->ops, w, ' ');
	put_long(&q->ops, h, ' ');
	buf_put(&q->ops, "re\n", 3);
}

/*
 * Move on to row y: add the rectangles of the last row that this one did
 * not carry on to the path, and make this row the last.
 */
static void
qr_row(struct qrpath *q, int y)
{
	struct qrrect	*t;

	for (; q->ilast < q->nlast; q->ilast++)
		qr_rect(q, &q->last[q->ilast]);
	t = q->last;
	q->last = q->cur;
	q->cur = t;
	q->nlast = q->ncur;
	q->ncur = 0;
	q->ilast = 0;
	q->row = y;
}

/*
 * qr_runs callback, called row by row, left to right: carry on the
 * rectangle above when it is the same run, else open a new one.
 */
static int
qr_run(void *arg, int x, int y, int len)
{
	struct qrpath	*q = arg;
	struct qrrect	*r, *up;

	if (y != q->row)
		qr_row(q, y);
	/* Rectangles above and left of this run end there. */
	while (q->ilast < q->nlast && q->last[q->ilast].x < x)
		qr_rect(q, &q->last[q->ilast++]);
	r = &q->cur[q->ncur++];
	up = q->ilast < q->nlast ? &q->last[q->ilast] : NULL;
	if (up != NULL && up->x == x && up->len == len &&
	    up->y + up->h == y) {
		*r = *up;
		r->h++;
		q->ilast++;
	} else {
		r->x = x;
		r->y = y;
		r->len = len;
		r->h = 1;
	}
	return 0;
}

void
pdf_qr(struct pdf *p, double x, double y, int module, int quiet,
    const struct qr *q, uint32_t colour, struct pdf_box *drawn)
{
	struct qrpath	 qp;
	HPDF_PageAttr	 attr;
	double		 side, left, top;

	if (module < 1)
		module = 1;
	side = (double)(q->width + 2 * quiet) * module;
	/* Whole points in PDF space, never beyond the asked corner. */
	left = ceil(x - 1e-9);
	top = floor(p->ph - y + 1e-9);
	if (drawn != NULL) {
		drawn->x = left;
		drawn->y = p->ph - top;
		drawn->w = side;
		drawn->h = side;
	}
	trace_box(p, "qr", left, p->ph - top, side, side);
	if (!drawing(p))
		return;
	fill_colour(p, QUIET_COLOUR);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)left, (HPDF_REAL)(top - side),
	    (HPDF_REAL)side, (HPDF_REAL)side);
	HPDF_Page_Fill(p->page);
	/* A row holds at most (width + 1) / 2 runs. */
	memset(&qp, 0, sizeof(qp));
	buf_init(&qp.ops);
	if ((qp.last = calloc(q->width, sizeof(*qp.last))) == NULL ||
	    (qp.cur = calloc(q->width, sizeof(*qp.cur))) == NULL) {
		free(qp.last);
		oom(p);
		return;
	}
	qp.p = p;
	qp.m = module;
	qp.x0 = lround(left) + quiet * module;
	qp.y0 = lround(top) - quiet * module;
	qp.row = -1;
	fill_colour(p, colour);
	qr_runs(q, qr_run, &qp);
	/* Add what the last two rows left open. */
	qr_row(&qp, -1);
	qr_row(&qp, -1);
	attr = p->page->attr;
	if (qp.ops.oom)
		oom(p);
	else if (qp.ops.len > 0 && HPDF_Stream_Write(attr->stream,
	    (const HPDF_BYTE *)qp.ops.data, (HPDF_UINT)qp.ops.len) !=
	    HPDF_OK && !p->failed) {
		diag_error(p->d, p->name, 0, 0, "cannot write a QR code");
		p->failed = 1;
	}
	if (qp.begun)
		HPDF_Page_Fill(p->page);
	buf_release(&qp.ops);
	free(qp.last);
	free(qp.cur);
}
