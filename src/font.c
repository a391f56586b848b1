/*
 * Font lookup and subsetting: see font.h.  The only file that includes
 * the fontconfig and HarfBuzz headers.
 *
 * What libharu 2.3.0 needs from a TrueType file (HPDF_LoadTTFontFromFile,
 * its src/hpdf_fontdef_tt.c), and so what a subset must keep:
 * - head, maxp, hhea, hmtx, loca, glyf, name and OS/2.  Without OS/2 or
 *   name the loader fails with HPDF_TTF_MISSING_TABLE (0x1060).  post,
 *   cvt, fpgm and prep are optional: they are copied when present.
 * - cmap: a (3,1) or (0,3) format 4 subtable, or (1,0) format 0.
 * - name: the PostScript name (ID 6) and subfamily (ID 2), either as Mac
 *   Roman (1,0) records or as Windows Unicode (3,1) records in language
 *   0x0409; the two together must stay under 120 bytes.
 * - OS/2 fsType must allow embedding.
 * HarfBuzz's subsetter keeps all of these by default (name IDs 0-6 in
 * language 0x0409), turns post into a 32-byte version 3 table, and leaves
 * the hinting tables alone.  We also keep the Mac name records, which the
 * loader prefers, and drop the layout tables: libharu never shapes, and
 * following GSUB would pull in glyphs (vertical forms, ligatures) that no
 * character maps to.  tests/unit/font_demo.c checks the result end to end.
 *
 * Hinting is kept on purpose.  HB_SUBSET_FLAGS_NO_HINTING also loads and
 * saves about 2.5 KB per compressed PDF, but then libharu embeds empty
 * cvt, fpgm and prep tables, which is a needless risk for PDF readers.
 *
 * The subset's cmap is then rewritten (put_font).  HarfBuzz writes one
 * format 4 segment per run of consecutive code points, which for a sparse
 * set of CJK characters is about one per character; and libharu, when
 * HPDF_GetFont makes the UTF-8 font, looks up all 65536 code points, each
 * with a linear search of the segments (HPDF_TTFontDef_GetGlyphid).  That
 * was a third of the time of building the boards.  The new cmap has a
 * single (3,1) format 4 subtable whose segments span short gaps (see
 * CMAP_ENTRY_COST), the code points of a gap mapping to glyph 0 through
 * the glyphIdArray: a few dozen segments instead of hundreds.  Every code
 * point maps to the glyph it did before.  Those segments have an idDelta
 * of 0, since libharu adds idDelta even to a 0 from the array.  libharu
 * embeds the cmap as it is, so the gaps are paid for in PDF bytes as well.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-subset.h>

#include "buf.h"
#include "font.h"

/* FC_INDEX keeps the named-instance number of variable fonts up here. */
#define FC_FACE_MASK	0xffff

/* Name record language of the Mac Roman records (English). */
#define NAME_LANG_MAC	0
/* Windows name language libharu reads: US English. */
#define NAME_LANG_US	0x0409

/*
 * What a glyphIdArray entry costs, in segments passed by a lookup.
 * libharu reads, copies and compresses the cmap two bytes at a time, about
 * 750 instructions an entry; and HPDF_GetFont looks up each of the 65536
 * code points by passing the segments that end below it, about 6
 * instructions a segment.  A segment ending at e thus costs 65536 - e
 * passes, and takes in the next run of code points when the entries that
 * adds (for the gap, the run, and itself when it had none) cost less.
 * On 300 boards, the plans cost within 1% of the cheapest ones.
 */
#define CMAP_ENTRY_COST	128
/* Most glyphIdArray entries, keeping the subtable within 64 KB. */
#define CMAP_ARRAY_MAX	30000
/* Largest format 4 subtable: its length field has 16 bits. */
#define CMAP_LEN_MAX	0xffffu
/* Code point of the final segment format 4 requires. */
#define CMAP_END	0xffffu
/* Size of the cmap header with its one encoding record. */
#define CMAP_HEAD	12
/* Size of the format 4 header, up to endCode[]. */
#define CMAP4_HEAD	14
/* Platform and encoding of the subtable: Windows, Unicode BMP. */
#define CMAP_PLATFORM	3
#define CMAP_ENCODING	1

/* Size of the sfnt header, before the table records. */
#define SFNT_HEAD	12
/* Size of a table record: tag, checksum, offset, length. */
#define SFNT_RECORD	16
/* Offset of checkSumAdjustment in the head table. */
#define HEAD_ADJUST	8
/* Size of a version 1.0 head table. */
#define HEAD_MIN	54
/* What the checksum of a whole font must come to (OpenType, head). */
#define SFNT_MAGIC	0xb1b0afbau

/* Tables libharu 2.3.0 never reads or embeds, dropped from every subset. */
static const hb_tag_t	 drop_tags[] = {
	HB_TAG('G', 'S', 'U', 'B'),
	HB_TAG('G', 'P', 'O', 'S'),
	HB_TAG('G', 'D', 'E', 'F'),
	HB_TAG('B', 'A', 'S', 'E'),
	HB_TAG('J', 'S', 'T', 'F'),
	HB_TAG('M', 'A', 'T', 'H'),
	HB_TAG('v', 'h', 'e', 'a'),
	HB_TAG('v', 'm', 't', 'x'),
	HB_TAG('V', 'O', 'R', 'G'),
	HB_TAG('k', 'e', 'r', 'n'),
	HB_TAG('F', 'F', 'T', 'M'),
};

/*
 * Whether the fontconfig font pattern f is a face we can use: TrueType
 * outlines (glyf, not CFF or bitmaps) mapping FONT_PROBE_CP, and not a
 * named instance of a variable font.  Returns 1 or 0.
 */
static int
usable(FcPattern *f)
{
	FcChar8		*fmt;
	FcCharSet	*cs;
	FcBool		 outline;
	int		 idx;

	if (FcPatternGetString(f, FC_FONTFORMAT, 0, &fmt) != FcResultMatch ||
	    strcmp((const char *)fmt, "TrueType") != 0)
		return 0;
	if (FcPatternGetBool(f, FC_OUTLINE, 0, &outline) != FcResultMatch ||
	    !outline)
		return 0;
	if (FcPatternGetCharSet(f, FC_CHARSET, 0, &cs) != FcResultMatch ||
	    !FcCharSetHasChar(cs, FONT_PROBE_CP))
		return 0;
	if (FcPatternGetInteger(f, FC_INDEX, 0, &idx) == FcResultMatch &&
	    (idx & ~FC_FACE_MASK) != 0)
		return 0;
	return 1;
}

char *
font_find(const char *pattern, int *index)
{
	FcConfig	*cfg;
	FcPattern	*pat = NULL;
	FcFontSet	*set = NULL;
	FcResult	 res;
	FcChar8		*file;
	char		*path = NULL;
	int		 i, idx, err = ENOENT;

	if (pattern == NULL) {
		errno = EINVAL;
		return NULL;
	}
	/*
	 * A private configuration, destroyed below, leaves no fontconfig
	 * state behind for leak checkers (FcFini is for the default one).
	 */
	if ((cfg = FcInitLoadConfigAndFonts()) == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	if ((pat = FcNameParse((const FcChar8 *)pattern)) == NULL) {
		err = EINVAL;
		goto out;
	}
	if (!FcConfigSubstitute(cfg, pat, FcMatchPattern)) {
		err = ENOMEM;
		goto out;
	}
	FcDefaultSubstitute(pat);

	/*
	 * Walk the whole sorted list rather than take FcFontMatch's single
	 * answer, which may be a CFF or Latin-only face.
	 */
	if ((set = FcFontSort(cfg, pat, FcFalse, NULL, &res)) == NULL)
		goto out;
	for (i = 0; i < set->nfont; i++) {
		if (!usable(set->fonts[i]) ||
		    FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch)
			continue;
		if (FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &idx) !=
		    FcResultMatch)
			idx = 0;
		if ((path = strdup((const char *)file)) == NULL)
			err = ENOMEM;
		else
			*index = idx & FC_FACE_MASK;
		break;
	}
out:
	if (set != NULL)
		FcFontSetDestroy(set);
	if (pat != NULL)
		FcPatternDestroy(pat);
	FcConfigDestroy(cfg);
	if (path == NULL)
		errno = err;
	return path;
}

/*
 * Fill a subsetter input: the code points, the tables to drop and the
 * name records to keep.  Returns 0, or -1 when out of memory.
 */
static int
subset_input(hb_subset_input_t *in, const uint32_t *cps, size_t ncps)
{
	hb_set_t	*set;
	size_t		 i;

	set = hb_subset_input_unicode_set(in);
	for (i = 0; i < ncps; i++)
		hb_set_add(set, cps[i]);
	if (!hb_set_allocation_successful(set))
		return -1;

	set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(drop_tags) / sizeof(drop_tags[0]); i++)
		hb_set_add(set, drop_tags[i]);
	if (!hb_set_allocation_successful(set))
		return -1;

	/*
	 * Name IDs 0-6 are kept by default, but only Windows Unicode
	 * records in US English.  Keep the Mac Roman ones as well: libharu
	 * reads those first, and some fonts have nothing else.
	 */
	set = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_LANG_ID);
	hb_set_add(set, NAME_LANG_US);
	hb_set_add(set, NAME_LANG_MAC);
	if (!hb_set_allocation_successful(set))
		return -1;
	hb_subset_input_set_flags(in, hb_subset_input_get_flags(in) |
	    HB_SUBSET_FLAGS_NAME_LEGACY);
	return 0;
}

/* A code point and its glyph, from the subset's cmap. */
struct cpgid {
	uint32_t	 cp;
	uint32_t	 gid;
};

/* A format 4 segment being planned. */
struct seg {
	uint32_t	 start, end;	/* code points, inclusive */
	uint32_t	 delta;		/* idDelta, modulo 65536 */
	size_t		 first;		/* glyphIdArray index, if array */
	int		 array;		/* mapped through glyphIdArray */
};

/* A table of the sfnt being rebuilt. */
struct table {
	uint32_t		 tag;
	const unsigned char	*data;
	size_t			 len;
	size_t			 off;	/* offset in the new file */
};

static uint32_t
get16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t
get32(const unsigned char *p)
{
	return get16(p) << 16 | get16(p + 2);
}

static void
set16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
set32(unsigned char *p, uint32_t v)
{
	set16(p, v >> 16);
	set16(p + 2, v);
}

/* The sfnt checksum of p[0..len), read as zero-padded big-endian words. */
static uint32_t
checksum(const unsigned char *p, size_t len)
{
	unsigned char	 last[4] = { 0, 0, 0, 0 };
	uint32_t	 sum = 0;
	size_t		 i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += get32(p + i);
	if (i < len) {
		memcpy(last, p + i, len - i);
		sum += get32(last);
	}
	return sum;
}

/*
 * The BMP code points the font face maps, other than CMAP_END, with
 * their glyphs, ascending, in a new array (the caller frees it) of *n.
 * Returns NULL when out of memory.
 */
static struct cpgid *
collect_map(hb_face_t *face, size_t *n)
{
	hb_set_t	*set;
	hb_font_t	*font;
	hb_codepoint_t	 u = HB_SET_VALUE_INVALID, g;
	struct cpgid	*m = NULL;
	size_t		 k = 0;

	set = hb_set_create();
	font = hb_font_create(face);
	hb_face_collect_unicodes(face, set);
	if (!hb_set_allocation_successful(set) ||
	    (m = reallocarray(NULL, hb_set_get_population(set) + 1,
	    sizeof(*m))) == NULL)
		goto out;
	while (hb_set_next(set, &u) && u < CMAP_END)
		if (hb_font_get_nominal_glyph(font, u, &g) && g != 0 &&
		    g <= CMAP_END) {
			m[k].cp = u;
			m[k++].gid = g;
		}
	*n = k;
out:
	hb_font_destroy(font);
	hb_set_destroy(set);
	return m;
}

/*
 * Plan the segments of m[0..n-1] into segs (room for n + 1), ending with
 * the CMAP_END one.  Sets *nseg and *narray, the glyphIdArray length.
 */
static void
plan_segs(const struct cpgid *m, size_t n, struct seg *segs, size_t *nseg,
    size_t *narray)
{
	struct seg	*s = NULL;
	size_t		 i, j, ns = 0, na = 0, add;

	for (i = 0; i < n; i = j) {
		/* m[i..j-1]: consecutive code points and glyphs. */
		for (j = i + 1; j < n; j++)
			if (m[j].cp != m[j - 1].cp + 1 ||
			    m[j].gid != m[j - 1].gid + 1)
				break;
		if (s != NULL) {
			add = m[j - 1].cp - s->end;
			if (!s->array)
				add += s->end - s->start + 1;
			if (add * CMAP_ENTRY_COST < CMAP_END + 1 - s->end &&
			    na + add <= CMAP_ARRAY_MAX) {
				if (!s->array) {
					s->array = 1;
					s->delta = 0;
					s->first = na;
				}
				na += add;
				s->end = m[j - 1].cp;
				continue;
			}
		}
		/* A run on its own: idDelta does it all. */
		s = &segs[ns++];
		s->start = m[i].cp;
		s->end = m[j - 1].cp;
		s->array = 0;
		s->delta = (m[i].gid - m[i].cp) & CMAP_END;
	}
	/* Maps CMAP_END to glyph 0, as format 4 requires. */
	s = &segs[ns++];
	s->start = s->end = CMAP_END;
	s->array = 0;
	s->delta = 1;
	*nseg = ns;
	*narray = na;
}

/*
 * Write a cmap table mapping exactly what m[0..n-1] maps, with one (3,1)
 * format 4 subtable of few segments (see the top of this file), into
 * out.  Returns 0; 1 when it would not fit in a format 4 subtable; -1
 * when out of memory.
 */
static int
put_cmap(const struct cpgid *m, size_t n, struct buf *out)
{
	struct seg	*segs;
	unsigned char	*t = NULL, *p;
	size_t		 ns, na, len, i, j, k, pow;
	int		 rc = -1;

	if ((segs = reallocarray(NULL, n + 1, sizeof(*segs))) == NULL)
		return -1;
	plan_segs(m, n, segs, &ns, &na);
	len = CMAP4_HEAD + 2 + 8 * ns + 2 * na;
	if (len > CMAP_LEN_MAX) {
		rc = 1;
		goto out;
	}
	if ((t = calloc(1, CMAP_HEAD + len)) == NULL)
		goto out;
	set16(t + 2, 1);
	set16(t + 4, CMAP_PLATFORM);
	set16(t + 6, CMAP_ENCODING);
	set32(t + 8, CMAP_HEAD);

	p = t + CMAP_HEAD;
	for (pow = 1; pow * 2 <= ns; pow *= 2)
		continue;
	set16(p, 4);
	set16(p + 2, (uint32_t)len);
	set16(p + 6, (uint32_t)(2 * ns));
	set16(p + 8, (uint32_t)(2 * pow));
	for (k = 0; (1u << k) < pow; k++)
		continue;
	set16(p + 10, (uint32_t)k);
	set16(p + 12, (uint32_t)(2 * ns - 2 * pow));
	p += CMAP4_HEAD;
	for (i = 0; i < ns; i++) {
		set16(p + 2 * i, segs[i].end);
		set16(p + 2 * (ns + 1 + i), segs[i].start);
		set16(p + 2 * (2 * ns + 1 + i), segs[i].delta);
		/* idRangeOffset counts from its own place to the entry. */
		if (segs[i].array)
			set16(p + 2 * (3 * ns + 1 + i),
			    (uint32_t)(2 * (ns - i + segs[i].first)));
	}
	p += 2 * (4 * ns + 1);
	/* Unmapped code points keep the zeros calloc left. */
	for (i = j = 0; i < ns; i++)
		for (; j < n && m[j].cp <= segs[i].end; j++)
			if (segs[i].array)
				set16(p + 2 * (segs[i].first + m[j].cp -
				    segs[i].start), m[j].gid);
	rc = buf_put(out, t, CMAP_HEAD + len);
out:
	free(t);
	free(segs);
	return rc;
}

static int
cmp_table(const void *a, const void *b)
{
	uint32_t	 x = ((const struct table *)a)->tag;
	uint32_t	 y = ((const struct table *)b)->tag;

	return x < y ? -1 : x > y;
}

/*
 * Append to out the sfnt font in src[0..len) with its cmap table replaced
 * by cmap[0..clen): the table directory sorted by tag, each table on a
 * four-byte boundary, checksums and head.checkSumAdjustment recomputed.
 * Returns 0; 1 when src is not a font we can rebuild; -1 when out of
 * memory.
 */
static int
put_sfnt(const unsigned char *src, size_t len, const unsigned char *cmap,
    size_t clen, struct buf *out)
{
	struct table	*tabs = NULL;
	unsigned char	*f = NULL, *head = NULL;
	size_t		 nt, i, off, pow, k;
	uint32_t	 toff, tlen;
	int		 rc = 1, hascmap = 0;

	if (len < SFNT_HEAD)
		return 1;
	nt = get16(src + 4);
	if (nt == 0 || len < SFNT_HEAD + SFNT_RECORD * nt)
		return 1;
	if ((tabs = calloc(nt, sizeof(*tabs))) == NULL)
		return -1;
	off = SFNT_HEAD + SFNT_RECORD * nt;
	for (i = 0; i < nt; i++) {
		tabs[i].tag = get32(src + SFNT_HEAD + SFNT_RECORD * i);
		toff = get32(src + SFNT_HEAD + SFNT_RECORD * i + 8);
		tlen = get32(src + SFNT_HEAD + SFNT_RECORD * i + 12);
		if (toff > len || tlen > len - toff)
			goto out;
		tabs[i].data = src + toff;
		tabs[i].len = tlen;
		if (tabs[i].tag == HB_TAG('c', 'm', 'a', 'p')) {
			tabs[i].data = cmap;
			tabs[i].len = clen;
			hascmap = 1;
		}
		if (tabs[i].tag == HB_TAG('h', 'e', 'a', 'd') &&
		    tlen < HEAD_MIN)
			goto out;
	}
	if (!hascmap)
		goto out;
	qsort(tabs, nt, sizeof(*tabs), cmp_table);
	for (i = 0; i < nt; i++) {
		if (i > 0 && tabs[i].tag == tabs[i - 1].tag)
			goto out;
		tabs[i].off = off;
		off += (tabs[i].len + 3) & ~(size_t)3;
	}

	rc = -1;
	if ((f = calloc(1, off)) == NULL)
		goto out;
	memcpy(f, src, 4);
	for (pow = 1; pow * 2 <= nt; pow *= 2)
		continue;
	for (k = 0; ((size_t)1 << k) < pow; k++)
		continue;
	set16(f + 4, (uint32_t)nt);
	set16(f + 6, (uint32_t)(SFNT_RECORD * pow));
	set16(f + 8, (uint32_t)k);
	set16(f + 10, (uint32_t)(SFNT_RECORD * (nt - pow)));
	for (i = 0; i < nt; i++) {
		memcpy(f + tabs[i].off, tabs[i].data, tabs[i].len);
		if (tabs[i].tag == HB_TAG('h', 'e', 'a', 'd')) {
			head = f + tabs[i].off;
			/* Zero while the checksums are summed (OpenType). */
			set32(head + HEAD_ADJUST, 0);
		}
		set32(f + SFNT_HEAD + SFNT_RECORD * i, tabs[i].tag);
		set32(f + SFNT_HEAD + SFNT_RECORD * i + 4,
		    checksum(f + tabs[i].off, tabs[i].len));
		set32(f + SFNT_HEAD + SFNT_RECORD * i + 8,
		    (uint32_t)tabs[i].off);
		set32(f + SFNT_HEAD + SFNT_RECORD * i + 12,
		    (uint32_t)tabs[i].len);
	}
	if (head != NULL)
		set32(head + HEAD_ADJUST, SFNT_MAGIC - checksum(f, off));
	rc = buf_put(out, f, off);
out:
	free(f);
	free(tabs);
	return rc;
}

/*
 * Append the subset font res to out with the cmap rewritten (see the top
 * of this file), or unchanged when that cmap would not fit.  Returns 0,
 * or -1 when out of memory.
 */
static int
put_font(hb_blob_t *res, struct buf *out)
{
	hb_face_t		*face;
	struct cpgid		*m;
	struct buf		 cmap;
	const char		*data;
	unsigned int		 len;
	size_t			 n;
	int			 rc;

	data = hb_blob_get_data(res, &len);
	face = hb_face_create(res, 0);
	m = collect_map(face, &n);
	hb_face_destroy(face);
	if (m == NULL)
		return -1;
	buf_init(&cmap);
	rc = put_cmap(m, n, &cmap);
	free(m);
	if (rc == 0)
		rc = put_sfnt((const unsigned char *)data, len,
		    (const unsigned char *)cmap.data, cmap.len, out);
	buf_release(&cmap);
	if (rc == 1)
		rc = buf_put(out, data, len);
	return rc;
}

int
font_subset(const char *path, int index, const uint32_t *cps, size_t ncps,
    struct buf *out)
{
	hb_blob_t		*blob, *glyf = NULL, *res = NULL;
	hb_face_t		*face = NULL, *sub = NULL;
	hb_subset_input_t	*in = NULL;
	int			 rc = -1, err = EINVAL;

	if (index < 0) {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	if ((blob = hb_blob_create_from_file_or_fail(path)) == NULL) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}

	/* No such face, or not a font at all. */
	if ((unsigned int)index >= hb_face_count(blob))
		goto out;
	face = hb_face_create(blob, (unsigned int)index);
	if (hb_face_get_glyph_count(face) == 0)
		goto out;
	/* libharu 2.3.0 embeds TrueType outlines only, never CFF. */
	glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	if (hb_blob_get_length(glyf) == 0)
		goto out;

	if ((in = hb_subset_input_create_or_fail()) == NULL ||
	    subset_input(in, cps, ncps) == -1) {
		err = ENOMEM;
		goto out;
	}
	if ((sub = hb_subset_or_fail(face, in)) == NULL)
		goto out;

	/* Serialises the subset face into one sfnt file. */
	res = hb_face_reference_blob(sub);
	if (hb_blob_get_length(res) == 0 || put_font(res, out) == -1) {
		err = ENOMEM;
		goto out;
	}
	rc = 0;
out:
	hb_blob_destroy(res);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_blob_destroy(glyf);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	if (rc == -1)
		errno = err;
	return rc;
}
