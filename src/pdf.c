/*
 * Drawing layer over libharu: see pdf.h.  The only file that includes
 * hpdf.h and zlib.h.
 *
 * The font is used the way tests/unit/font_demo.c proved to work with
 * libharu 2.3.0: HPDF_UseUTFEncodings, a TrueType font loaded with
 * embedding on, HPDF_GetFont(..., "UTF-8").  Text is handed to libharu
 * as UTF-8 and shown as two-byte codes (Identity-H), so only characters
 * of the Basic Multilingual Plane can be shown.  The codes are not the
 * Unicode code points, as libharu would have them, but the numbers of
 * the characters in the subset (CIDs 1, 2, ...: see get_font).
 *
 * libharu 2.3.0 gives such a font a ToUnicode CMap that maps code ranges
 * to CIDs ("begincidrange"), which is not valid there: a ToUnicode CMap
 * maps codes to Unicode text with bfchar or bfrange (PDF 1.7, 9.10.3).
 * Readers fall back to guessing, and pdftotext warns.  fix_tounicode()
 * rewrites that stream with one bfchar entry per character of the subset.
 *
 * Most of the time of a small document went to fixed costs in libharu,
 * which this file avoids by reaching into its objects (hpdf_objects.h,
 * hpdf_font.h, hpdf_fontdef.h and hpdf_encoder.h are installed headers):
 * - The font is read from memory (load_font), not from a temporary file:
 *   libharu 2.3.0 has no call for that, so this does what
 *   HPDF_LoadTTFontFromFile does, with a memory stream.
 * - HPDF_GetFont looks up the glyph of each of the 65536 code points of
 *   UTF-8 to make the font's widths and a CIDToGIDMap of 128 KB; with
 *   the CIDs of get_font, it looks up the characters of the subset, and
 *   the map has two bytes for each.  Text widths come from a table
 *   (cp_width), not from libharu's search of the font's cmap.
 * - One libharu document serves one document after another (spare), so
 *   that its UTF-8 encoder, costly to make, is made once.
 * - The font program is the subset font.c made, embedded as it is
 *   (embed_font), rather than rebuilt by libharu table by table, four
 *   bytes at a time, when the document is saved.
 * - libharu deflates streams at zlib's default level, copying them a
 *   byte at a time.  The font program, the ToUnicode map and the page
 *   contents are deflated here, the font at a faster level, and libharu
 *   writes them as they are (set_flate).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <zlib.h>

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

/* zlib level of the embedded font program: glyphs gain little from more. */
#define FONT_LEVEL	1
/* zlib level of page contents and the ToUnicode map. */
#define TEXT_LEVEL	6
/* Subset tag libharu gives the first TrueType font of a document. */
#define FONT_TAG	"HPDFAA"

struct pdf {
	HPDF_Doc	 doc;		/* NULL for a dry run */
	HPDF_FontDef	 fontdef;	/* its definition */
	HPDF_Font	 font;		/* the embedded subset */
	HPDF_CMapEncoderAttr cids;	/* CIDs of the characters (get_font) */
	uint32_t	*chars;		/* the character of each CID from 1 */
	int		*widths;	/* ... and its advance, 1/1000 em */
	size_t		 nchars;	/* how many */
	HPDF_Page	 page;		/* the current page, NULL before one */
	double		 ph;		/* height of the current page */
	int		 npages;	/* pages so far */
	double		 ascent;	/* font ascent, ems */
	double		 descent;	/* font descent, ems, positive */
	char		*name;		/* output path, for messages */
	struct diag	*d;		/* where libharu errors go */
	int		 failed;	/* an error was reported, or no memory */
	uint32_t	*cps;		/* dry run: characters used */
	size_t		 ncps, capcps;
	int		 sorted;	/* cps is sorted and distinct */
	struct buf	*trace;		/* box trace, or NULL */
};

/*
 * A libharu document that pdf_free is done with, for pdf_new to take up
 * again (HPDF_NewDoc), or NULL.  HPDF_FreeDoc keeps the encoders of a
 * document, and making the UTF-8 one anew (HPDF_CMapEncoder_InitAttr
 * fills tables of 65536 entries a byte at a time) costs more than the
 * rest of the setup of a small document.  One per process.
 */
static HPDF_Doc	 spare;

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
 * Report that what failed inside libharu, with libharu's error code when
 * it recorded one; once per document.
 */
static void
lib_error(struct pdf *p, const char *what)
{
	if (p->doc != NULL)
		HPDF_CheckError(&p->doc->error);
	if (!p->failed)
		diag_error(p->d, p->name, 0, 0, "%s", what);
	p->failed = 1;
}

/* Append the bytes of libharu memory stream s to b.  Returns 0 or -1. */
static int
stream_bytes(HPDF_Stream s, struct buf *b)
{
	HPDF_BYTE	*data;
	HPDF_UINT	 i, n, len;

	if (buf_grow(b, s->size) == -1)
		return -1;
	n = HPDF_MemStream_GetBufCount(s);
	for (i = 0; i < n; i++)
		if ((data = HPDF_MemStream_GetBufPtr(s, i, &len)) == NULL ||
		    buf_put(b, data, len) == -1)
			return -1;
	return 0;
}

/* Append src[0..len) deflated by zlib at level to out.  Returns 0 or -1. */
static int
zlib_pack(const void *src, size_t len, int level, struct buf *out)
{
	uLongf	 n;

	if (len > (uLong)-1 / 2)
		return -1;
	n = compressBound((uLong)len);
	if (buf_grow(out, n) == -1 || compress2((Bytef *)out->data + out->len,
	    &n, len > 0 ? src : "", (uLong)len, level) != Z_OK)
		return -1;
	out->len += n;
	out->data[out->len] = '\0';
	return 0;
}

/* write_fn of a stream dictionary whose data is deflated already. */
static HPDF_STATUS
flate_entry(HPDF_Dict d, HPDF_Stream s)
{
	(void)d;
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

/*
 * before_write_fn of a stream whose data is deflated already: the font
 * sets the filter of its CIDToGIDMap and ToUnicode streams just before
 * they are written, and libharu would deflate them again.
 */
static HPDF_STATUS
flate_done(HPDF_Dict d)
{
	d->filter = HPDF_STREAM_FILTER_NONE;
	return HPDF_OK;
}

/*
 * Make z, deflated data, the data of stream dictionary d, written as it
 * is with a /Filter /FlateDecode entry.  Returns 0, or -1 (recorded by
 * libharu).
 */
static int
set_flate(HPDF_Dict d, const struct buf *z)
{
	HPDF_MemStream_FreeData(d->stream);
	if (HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)z->data,
	    (HPDF_UINT)z->len) != HPDF_OK)
		return -1;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->before_write_fn = flate_done;
	d->write_fn = flate_entry;
	return 0;
}

/*
 * before_write_fn of page contents: deflate them with zlib, once libharu
 * has added what it adds on saving (the end of an open path or text).
 */
static HPDF_STATUS
flate_contents(HPDF_Dict d)
{
	struct buf	 raw, z;
	int		 ok;

	buf_init(&raw);
	buf_init(&z);
	ok = stream_bytes(d->stream, &raw) == 0 &&
	    zlib_pack(raw.data, raw.len, TEXT_LEVEL, &z) == 0 &&
	    set_flate(d, &z) == 0;
	buf_release(&raw);
	buf_release(&z);
	return ok ? HPDF_OK : HPDF_SetError(d->error, HPDF_FAILD_TO_ALLOC_MEM,
	    0);
}

/*
 * Replace the font's ToUnicode CMap (see the top of this file) by one
 * that maps each CID to its character (see get_font).  Returns 0 or -1.
 */
static int
fix_tounicode(struct pdf *p)
{
	HPDF_Dict	 tu;
	struct buf	 b, z;
	size_t		 i, j;
	int		 rc = -1;

	tu = HPDF_Dict_GetItem(p->font, "ToUnicode", HPDF_OCLASS_DICT);
	if (tu == NULL || tu->stream == NULL)
		return 0;
	buf_init(&b);
	buf_init(&z);
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (i = 0; i < p->nchars; i = j) {
		j = p->nchars - i < BFCHAR_BLOCK ? p->nchars :
		    i + BFCHAR_BLOCK;
		buf_printf(&b, "%zu beginbfchar\n", j - i);
		for (; i < j; i++)
			buf_printf(&b, "<%04zX> <%04X>\n", i + 1,
			    (unsigned int)p->chars[i]);
		buf_puts(&b, "endbfchar\n");
	}
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
	if (b.oom || zlib_pack(b.data, b.len, TEXT_LEVEL, &z) == -1) {
		oom(p);
		goto out;
	}
	if (set_flate(tu, &z) == -1) {
		lib_error(p, "cannot write the font's ToUnicode map");
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
	buf_release(&z);
	return rc;
}

/*
 * Load the TrueType font sub into the document as HPDF_LoadTTFontFromFile
 * does from a file (LoadTTFontFromStream in libharu's hpdf_doc.c), from
 * a memory stream that the font definition keeps: registered with the
 * document and tagged as its first embedded subset, the only one a
 * document here has.  Returns the name to give HPDF_GetFont, or NULL
 * (reported).
 */
static const char *
load_font(struct pdf *p, const struct buf *sub)
{
	char		 tag[] = FONT_TAG;
	HPDF_Stream	 s;
	HPDF_FontDef	 def;

	if ((s = HPDF_MemStream_New(p->doc->mmgr, (HPDF_UINT)sub->len)) ==
	    NULL)
		goto fail;
	if (HPDF_Stream_Write(s, (const HPDF_BYTE *)sub->data,
	    (HPDF_UINT)sub->len) != HPDF_OK) {
		HPDF_Stream_Free(s);
		goto fail;
	}
	/* It takes the stream, and frees it on failure. */
	if ((def = HPDF_TTFontDef_Load(p->doc->mmgr, s, HPDF_TRUE)) == NULL)
		goto fail;
	/* It frees the definition on failure. */
	if (HPDF_Doc_RegisterFontDef(p->doc, def) != HPDF_OK)
		goto fail;
	HPDF_TTFontDef_SetTagName(def, tag);
	p->fontdef = def;
	return def->base_font;
fail:
	lib_error(p, "cannot load the font");
	return NULL;
}

/*
 * encode_text_fn of the document's UTF-8 encoder (see get_font): UTF-8
 * text s[0..len) as the two-byte codes of its characters' CIDs, in a
 * buffer libharu frees with free(3).  Sets *n to its length.
 */
static char *
encode_cids(HPDF_Encoder enc, const char *s, HPDF_UINT len, HPDF_UINT *n)
{
	HPDF_CMapEncoderAttr	 a = enc->attr;
	const unsigned char	*u = (const unsigned char *)s, *end = u + len;
	unsigned char		*t;
	uint32_t		 c, cid;
	size_t			 i = 0;

	*n = 0;
	/* Two bytes for each character, of at least one byte. */
	if ((t = malloc(2 * (size_t)len + 1)) == NULL) {
		HPDF_SetError(enc->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		HPDF_CheckError(enc->error);
		return NULL;
	}
	/* s is NUL-terminated: utf8_next stops there. */
	while (u < end) {
		c = utf8_next(&u);
		cid = c <= BMP_MAX ? a->cid_map[c >> 8][c & 0xff] : 0;
		t[i++] = (unsigned char)(cid >> 8);
		t[i++] = (unsigned char)cid;
	}
	*n = (HPDF_UINT)i;
	return (char *)t;
}

/*
 * HPDF_GetFont(doc, fname, "UTF-8"), with the characters cps[0..n-1] as
 * CIDs 1, 2, ... in their order, duplicates and characters beyond the
 * BMP left out: p->chars and p->widths by CID, p->cids from character.
 *
 * Text in a UTF-8 font is otherwise written as Unicode code points, as
 * CIDs by Identity-H, and libharu makes the font's widths and
 * CIDToGIDMap for CIDs 0 to 65535, looking up the glyph of each (in its
 * hpdf_font_cid.c, CIDFontType2_New).  For an encoder of the CMap kind
 * it does that for the CIDs in the encoder's cid_map alone, which for
 * UTF-8 is left empty.  So here the UTF-8 encoder passes for a CMap
 * encoder while the font is made, text is then written as these CIDs
 * (still by Identity-H: encode_cids), and the widths and CIDToGIDMap
 * have n entries.  One more CID, for no character, ends them: libharu
 * leaves the highest out.  Returns the font, or NULL (reported).
 */
static HPDF_Font
get_font(struct pdf *p, const char *fname, const uint32_t *cps, size_t n)
{
	HPDF_Encoder			 enc;
	HPDF_CMapEncoderAttr		 a;
	HPDF_Encoder_ToUnicode_Func	 utf8;
	HPDF_Font			 font;
	uint32_t			 c;
	size_t				 i;

	if ((p->chars = reallocarray(NULL, n + 1, sizeof(*p->chars))) ==
	    NULL || (p->widths = reallocarray(NULL, n + 1,
	    sizeof(*p->widths))) == NULL) {
		oom(p);
		return NULL;
	}
	if ((enc = HPDF_GetEncoder(p->doc, "UTF-8")) == NULL)
		return NULL;
	a = p->cids = enc->attr;
	memset(a->cid_map, 0, sizeof(a->cid_map));
	for (i = 0; i < n; i++) {
		c = cps[i];
		if (c == 0 || c > BMP_MAX || a->cid_map[c >> 8][c & 0xff] != 0)
			continue;
		p->chars[p->nchars++] = c;
		a->cid_map[c >> 8][c & 0xff] = (HPDF_UINT16)p->nchars;
		a->unicode_map[c >> 8][c & 0xff] = (HPDF_UNICODE)c;
	}
	/* Code 0 is never shown: decode drops it. */
	a->cid_map[0][0] = (HPDF_UINT16)(p->nchars + 1);
	a->unicode_map[0][0] = 0;
	enc->encode_text_fn = encode_cids;
	utf8 = enc->to_unicode_fn;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	font = HPDF_GetFont(p->doc, fname, "UTF-8");
	enc->to_unicode_fn = utf8;
	if (font != NULL)
		for (i = 0; i < p->nchars; i++)
			p->widths[i] = HPDF_Font_GetUnicodeWidth(font,
			    (HPDF_UNICODE)p->chars[i]);
	return font;
}

/*
 * Give the font the descriptor libharu would make when saving
 * (CIDFontType2_BeforeWrite_Func in its hpdf_font_cid.c), with the same
 * entries, but with the subset font sub, deflated, as its font program:
 * libharu then uses it as it is.  Returns 0, or -1 (reported).
 */
static int
embed_font(struct pdf *p, const struct buf *sub)
{
	HPDF_FontAttr		 fa = p->font->attr;
	HPDF_FontDef		 def = fa->fontdef;
	HPDF_TTFontDefAttr	 da = def->attr;
	HPDF_MMgr		 mm = p->doc->mmgr;
	HPDF_Dict		 desc, prog;
	HPDF_STATUS		 ret = HPDF_OK;
	struct buf		 z;
	int			 rc = -1;

	buf_init(&z);
	if (zlib_pack(sub->data, sub->len, FONT_LEVEL, &z) == -1) {
		oom(p);
		goto out;
	}
	if ((desc = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(fa->xref, desc) != HPDF_OK ||
	    (prog = HPDF_DictStream_New(mm, fa->xref)) == NULL ||
	    set_flate(prog, &z) == -1)
		goto fail;
	ret += HPDF_Dict_AddNumber(prog, "Length1", (HPDF_INT32)sub->len);
	ret += HPDF_Dict_AddNumber(prog, "Length2", 0);
	ret += HPDF_Dict_AddNumber(prog, "Length3", 0);
	ret += HPDF_Dict_Add(desc, "FontFile2", prog);
	ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	ret += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	ret += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	ret += HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
	ret += HPDF_Dict_Add(desc, "FontBBox",
	    HPDF_Box_Array_New(mm, def->font_bbox));
	ret += HPDF_Dict_AddName(desc, "FontName", da->base_font);
	ret += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	ret += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	ret += HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
	if (ret != HPDF_OK)
		goto fail;
	def->descriptor = desc;
	rc = 0;
	goto out;
fail:
	lib_error(p, "cannot embed the font");
out:
	buf_release(&z);
	return rc;
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
	if (spare != NULL) {
		p->doc = spare;
		spare = NULL;
		p->doc->error.user_data = p;
		if (HPDF_NewDoc(p->doc) != HPDF_OK) {
			lib_error(p, "cannot start a PDF document");
			goto fail;
		}
	} else {
		if ((p->doc = HPDF_New(on_error, p)) == NULL) {
			oom(p);
			goto fail;
		}
		HPDF_UseUTFEncodings(p->doc);
	}
	/* Whatever is not deflated here, libharu deflates. */
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	if ((fname = load_font(p, &sub)) == NULL ||
	    (p->font = get_font(p, fname, cps, n)) == NULL)
		goto fail;
	p->ascent = HPDF_Font_GetAscent(p->font) / EM_UNITS;
	p->descent = -HPDF_Font_GetDescent(p->font) / EM_UNITS;
	if (p->ascent <= 0)
		p->ascent = DRY_ASCENT;
	if (p->descent < 0)
		p->descent = 0;
	if (fix_tounicode(p) == -1 || embed_font(p, &sub) == -1 || p->failed)
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
	if (p->doc != NULL && (p->failed || p->fontdef == NULL ||
	    spare != NULL))
		HPDF_Free(p->doc);
	else if (p->doc != NULL) {
		/* The font definition outlives the objects, as encoders do. */
		HPDF_FreeDoc(p->doc);
		HPDF_List_Remove(p->doc->fontdef_list, p->fontdef);
		HPDF_FontDef_Free(p->fontdef);
		spare = p->doc;
	}
	free(p->name);
	free(p->cps);
	free(p->chars);
	free(p->widths);
	free(p);
}

int
pdf_finish(struct pdf *p, struct buf *out)
{
	if (p->failed)
		return -1;
	if (p->doc == NULL)
		return 0;
	if (HPDF_SaveToStream(p->doc) != HPDF_OK || p->failed)
		return -1;
	/* Buffer by buffer, where HPDF_ReadFromStream copies byte by byte. */
	if (stream_bytes(p->doc->stream, out) == -1) {
		oom(p);
		return -1;
	}
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
	HPDF_PageAttr	 attr;

	p->npages++;
	p->ph = h;
	if (p->doc == NULL)
		return 0;
	if ((p->page = HPDF_AddPage(p->doc)) == NULL)
		return -1;
	attr = p->page->attr;
	attr->contents->before_write_fn = flate_contents;
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
	size_t	 cid;

	if (c == '\n')
		return 0;
	if (p->doc == NULL)
		return size * (c < DRY_WIDE_FROM ? DRY_NARROW_EM : DRY_WIDE_EM);
	if (c <= BMP_MAX && (cid = p->cids->cid_map[c >> 8][c & 0xff]) > 0 &&
	    cid <= p->nchars)
		return p->widths[cid - 1] * size / EM_UNITS;
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

/* Append v and then the character end to b. */
static void
put_long(struct buf *b, long v, char end)
{
	buf_putint(b, v);
	buf_putc(b, end);
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
