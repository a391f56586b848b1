/*
 * Fonts for the PDF notice boards: find an installed CJK TrueType face
 * with fontconfig and cut it down, with HarfBuzz's subsetter, to the
 * characters a document uses, so that libharu embeds kilobytes instead of
 * megabytes.
 */
#ifndef GRIDSTAR_FONT_H
#define GRIDSTAR_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Character a face must map for font_find to accept it: U+7F51 (网). */
#define FONT_PROBE_CP	0x7F51

/*
 * Find a font file for a fontconfig pattern such as "WenQuanYi Micro Hei"
 * or "sans-serif:lang=zh-cn".  Only TrueType-outline faces (a glyf table,
 * which is what libharu can embed) that map FONT_PROBE_CP are accepted; the
 * best of those in fontconfig's order wins, so a pattern naming a missing
 * family falls back to another CJK face.
 * Returns the file path and stores the face index inside it (collections
 * such as .ttc hold several faces) in *index.  The caller frees the path.
 * Returns NULL with errno set: ENOENT when no face fits, EINVAL for a
 * pattern fontconfig cannot parse, ENOMEM.
 */
char	*font_find(const char *pattern, int *index);

/*
 * Subset face `index` of the font file at path to the Unicode code points
 * cps[0..ncps-1] (duplicates are fine) and append a standalone TrueType
 * font (never a collection) to out.  The result keeps what libharu 2.3.0
 * needs to load and embed it: cmap, glyf, loca, head, hhea, hmtx, maxp,
 * name IDs 0-6, OS/2, post, and the hinting tables.  Layout and vertical
 * tables are dropped.  Glyph 0 (.notdef) is always kept.  The cmap is
 * HarfBuzz's: it maps the characters of cps the font has, and no others.
 * Returns 0, or -1 with errno set: the errno of opening or mapping the
 * file, EINVAL when it holds no face `index` or the subsetter fails,
 * ENOMEM.
 */
int	 font_subset(const char *path, int index, const uint32_t *cps,
	    size_t ncps, struct buf *out);

#endif /* GRIDSTAR_FONT_H */
