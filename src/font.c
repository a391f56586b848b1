/*
 * Font lookup and subsetting: see font.h.  The only file that includes
 * the fontconfig and HarfBuzz headers.
 *
 * What libharu 2.3.0 needs from a TrueType file (HPDF_TTFontDef_Load, its
 * src/hpdf_fontdef_tt.c), and so what a subset must keep:
 * - head, maxp, hhea, hmtx, loca, glyf, name and OS/2.  Without OS/2 or
 *   name the loader fails with HPDF_TTF_MISSING_TABLE (0x1060).  post,
 *   cvt, fpgm and prep are optional.
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
 * Hinting is kept on purpose.  HB_SUBSET_FLAGS_NO_HINTING also saves
 * about 2.5 KB per compressed PDF, but then the embedded font lacks its
 * cvt, fpgm and prep tables, which is a needless risk for PDF readers.
 *
 * The subset is used as HarfBuzz writes it: its cmap has a format 4
 * segment per run of consecutive code points, which pdf.c has libharu
 * search only for the characters of a document, once each (get_font and
 * cp_width there), and embeds as it is.
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
	if (hb_blob_get_length(res) == 0 || buf_put(out,
	    hb_blob_get_data(res, NULL), hb_blob_get_length(res)) == -1) {
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
