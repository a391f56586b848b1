/*
 * Unit tests for font.c: finding a CJK face and subsetting it.
 * The subsets are checked with a small sfnt reader of our own (font.c owns
 * the HarfBuzz headers): the table directory, maxp, the (3,1) format 4
 * cmap libharu reads, and the name records it needs.  Reading a subset
 * back through font_subset proves HarfBuzz can load it.
 * Needs fonts-wqy-microhei (WenQuanYi Micro Hei, a two-face .ttc).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "font.h"

/* The family the notice boards use, and its monospaced sibling (face 1). */
#define FAMILY		"WenQuanYi Micro Hei"
#define FAMILY_MONO	"WenQuanYi Micro Hei Mono"
/* Upper bound for a 5-character subset, in bytes. */
#define SMALL_MAX	(32 * 1024)
/* Upper bound for its glyph count: .notdef, 5 glyphs, some slack. */
#define GLYPHS_MAX	16
/* Most code points the cmap reader collects. */
#define CMAP_MAX	256
/* Version of a plain TrueType sfnt (not "ttcf", not "OTTO"). */
#define SFNT_TRUETYPE	0x00010000u
/* Tag of a font collection. */
#define SFNT_TTCF	0x74746366u
/* What the checksum of a whole font comes to. */
#define SFNT_MAGIC	0xB1B0AFBAu
/* Step between the CJK characters of the scattered set. */
#define SCATTER_STEP	97
/* Highest code point a format 4 cmap maps. */
#define BMP_LAST	0xFFFEu

/* 翠庙镇网格, ascending as a cmap lists them. */
static const uint32_t	 five[] = { 0x5E99, 0x683C, 0x7F51, 0x7FE0, 0x9547 };

/* Tables libharu 2.3.0 needs (src/font.c) and tables we drop. */
static const char *const needed[] = { "OS/2", "cmap", "glyf", "head",
    "hhea", "hmtx", "loca", "maxp", "name", "post" };
static const char *const dropped[] = { "GSUB", "GPOS", "GDEF", "vhea",
    "vmtx" };

/* Scratch directory shared by the tests of the group. */
static char	 tmpdir[] = "/tmp/test_font.XXXXXX";

/* The face font_find picks for FAMILY, found once in setup. */
struct found {
	char	*path;
	int	 index;
};

static int
setup(void **state)
{
	struct found	*f;

	if (mkdtemp(tmpdir) == NULL || (f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	f->path = font_find(FAMILY, &f->index);
	*state = f;
	return f->path == NULL ? -1 : 0;
}

/* Files the tests write; teardown removes any a failed test left behind. */
static const char *const scratch[] = { "five.ttf", "text.ttf" };

static int
teardown(void **state)
{
	struct found	*f = *state;
	char		 path[PATH_MAX];
	size_t		 i;

	if (f != NULL)
		free(f->path);
	free(f);
	for (i = 0; i < sizeof(scratch) / sizeof(scratch[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, scratch[i]);
		(void)unlink(path);
	}
	return rmdir(tmpdir);
}

static uint32_t
be16(const struct buf *b, size_t off)
{
	assert_true(off + 2 <= b->len);
	return (uint32_t)(unsigned char)b->data[off] << 8 |
	    (unsigned char)b->data[off + 1];
}

static uint32_t
be32(const struct buf *b, size_t off)
{
	return be16(b, off) << 16 | be16(b, off + 2);
}

/*
 * Offset of table tag in the sfnt whose directory starts at base in b, or
 * 0 when it is absent.
 */
static size_t
table_at(const struct buf *b, size_t base, const char *tag, size_t *len)
{
	uint32_t	 i, n = be16(b, base + 4);
	size_t		 r;

	for (i = 0; i < n; i++) {
		r = base + 12 + 16 * i;
		assert_true(r + 16 <= b->len);
		if (memcmp(b->data + r, tag, 4) == 0) {
			*len = be32(b, r + 12);
			assert_true(be32(b, r + 8) + *len <= b->len);
			return be32(b, r + 8);
		}
	}
	return 0;
}

/* Offset of table tag in the sfnt in b, or 0 when it is absent. */
static size_t
table(const struct buf *b, const char *tag, size_t *len)
{
	return table_at(b, 0, tag, len);
}

/*
 * Collect the code points the (3,1) format 4 subtable maps to a glyph
 * other than 0, ascending.  Returns how many.
 */
static size_t
cmap31(const struct buf *b, uint32_t *cps, size_t max)
{
	size_t		 cmap, sub = 0, len, ro, n = 0;
	uint32_t	 i, nsub, seg, segs, start, end, delta, off, c, g;

	cmap = table(b, "cmap", &len);
	assert_int_not_equal(cmap, 0);
	nsub = be16(b, cmap + 2);
	for (i = 0; i < nsub; i++)
		if (be16(b, cmap + 4 + 8 * i) == 3 &&
		    be16(b, cmap + 6 + 8 * i) == 1)
			sub = cmap + be32(b, cmap + 8 + 8 * i);
	assert_int_not_equal(sub, 0);
	assert_int_equal(be16(b, sub), 4);

	segs = be16(b, sub + 6) / 2;
	for (seg = 0; seg < segs; seg++) {
		end = be16(b, sub + 14 + 2 * seg);
		start = be16(b, sub + 16 + 2 * segs + 2 * seg);
		delta = be16(b, sub + 16 + 4 * segs + 2 * seg);
		ro = sub + 16 + 6 * segs + 2 * seg;
		off = be16(b, ro);
		for (c = start; c <= end && c != 0xFFFF; c++) {
			if (off == 0)
				g = (c + delta) & 0xFFFF;
			else {
				g = be16(b, ro + off + 2 * (c - start));
				if (g != 0)
					g = (g + delta) & 0xFFFF;
			}
			if (g != 0) {
				assert_true(n < max);
				cps[n++] = c;
			}
		}
	}
	return n;
}

/* The (3,1) cmap subtable of the sfnt at base in b, which must be format 4. */
static size_t
sub31(const struct buf *b, size_t base)
{
	size_t		 cmap, len;
	uint32_t	 i, n;

	cmap = table_at(b, base, "cmap", &len);
	assert_int_not_equal(cmap, 0);
	n = be16(b, cmap + 2);
	for (i = 0; i < n; i++)
		if (be16(b, cmap + 4 + 8 * i) == 3 &&
		    be16(b, cmap + 6 + 8 * i) == 1) {
			assert_int_equal(be16(b, cmap + be32(b, cmap + 8 +
			    8 * i)), 4);
			return cmap + be32(b, cmap + 8 + 8 * i);
		}
	fail_msg("no (3,1) cmap subtable");
	return 0;
}

/*
 * The glyph format 4 subtable sub maps code point c to.  With haru set,
 * the way libharu 2.3.0 reads it (HPDF_TTFontDef_GetGlyphid), which adds
 * idDelta to a 0 from glyphIdArray too; else the way OpenType says.
 */
static uint32_t
glyph(const struct buf *b, size_t sub, uint32_t c, int haru)
{
	uint32_t	 seg, segs, start, delta, off, g;
	size_t		 ro;

	segs = be16(b, sub + 6) / 2;
	for (seg = 0; seg < segs; seg++)
		if (be16(b, sub + 14 + 2 * seg) >= c)
			break;
	assert_true(seg < segs);
	start = be16(b, sub + 16 + 2 * segs + 2 * seg);
	delta = be16(b, sub + 16 + 4 * segs + 2 * seg);
	ro = sub + 16 + 6 * segs + 2 * seg;
	off = be16(b, ro);
	if (start > c)
		return 0;
	if (off == 0)
		return (c + delta) & 0xFFFF;
	/* Inside the subtable, as its length says. */
	assert_true(ro + off + 2 * (c - start) + 2 <= sub + be16(b, sub + 2));
	g = be16(b, ro + off + 2 * (c - start));
	return g != 0 || haru ? (g + delta) & 0xFFFF : 0;
}

/*
 * Outline of glyph g of the sfnt at base in b: sets *len, returns the
 * offset.
 */
static size_t
outline(const struct buf *b, size_t base, uint32_t g, size_t *len)
{
	size_t		 head, loca, glyf, n;
	uint32_t	 from, to;

	head = table_at(b, base, "head", &n);
	loca = table_at(b, base, "loca", &n);
	glyf = table_at(b, base, "glyf", &n);
	assert_true(head != 0 && loca != 0 && glyf != 0);
	if (be16(b, head + 50) == 0) {
		from = 2 * be16(b, loca + 2 * g);
		to = 2 * be16(b, loca + 2 * g + 2);
	} else {
		from = be32(b, loca + 4 * g);
		to = be32(b, loca + 4 * g + 4);
	}
	assert_true(from <= to);
	*len = to - from;
	return glyf + from;
}

/* Advance width of glyph g of the sfnt at base in b. */
static uint32_t
advance(const struct buf *b, size_t base, uint32_t g)
{
	size_t		 hhea, hmtx, len;
	uint32_t	 n;

	hhea = table_at(b, base, "hhea", &len);
	hmtx = table_at(b, base, "hmtx", &len);
	assert_true(hhea != 0 && hmtx != 0);
	n = be16(b, hhea + 34);
	return be16(b, hmtx + 4 * (g < n ? g : n - 1));
}

/* Whether the name table has ID id on platform/encoding/language. */
static int
has_name(const struct buf *b, uint32_t plat, uint32_t enc, uint32_t lang,
    uint32_t id)
{
	size_t		 name, len, r;
	uint32_t	 i, n;

	name = table(b, "name", &len);
	assert_int_not_equal(name, 0);
	n = be16(b, name + 2);
	for (i = 0; i < n; i++) {
		r = name + 6 + 12 * i;
		if (be16(b, r) == plat && be16(b, r + 2) == enc &&
		    be16(b, r + 4) == lang && be16(b, r + 6) == id &&
		    be16(b, r + 8) > 0)
			return 1;
	}
	return 0;
}

/* Write b to a scratch file and return its path (static storage). */
static const char *
save(const struct buf *b, const char *name)
{
	static char	 path[PATH_MAX];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
test_find(void **state)
{
	struct found	*f = *state;
	char		*path;
	int		 idx = -1;

	assert_int_equal(access(f->path, R_OK), 0);
	assert_in_range(f->index, 0, 0xFFFF);

	/* The collection's second face is the monospaced one. */
	path = font_find(FAMILY_MONO, &idx);
	assert_non_null(path);
	assert_string_equal(path, f->path);
	assert_int_equal(idx, f->index + 1);
	free(path);
}

static void
test_find_fallback(void **state)
{
	char	*path;
	int	 idx = -1;

	(void)state;
	/* A missing family still gets a face that covers CJK. */
	path = font_find("No Such Family Anywhere", &idx);
	assert_non_null(path);
	assert_true(idx >= 0);
	free(path);

	errno = 0;
	assert_null(font_find(NULL, &idx));
	assert_int_equal(errno, EINVAL);
}

static void
test_subset(void **state)
{
	struct found	*f = *state;
	struct buf	 b;
	struct stat	 st;
	uint32_t	 cps[CMAP_MAX];
	size_t		 i, len, n;

	buf_init(&b);
	assert_int_equal(font_subset(f->path, f->index, five,
	    sizeof(five) / sizeof(five[0]), &b), 0);
	assert_int_equal(stat(f->path, &st), 0);
	assert_true(b.len < SMALL_MAX);
	assert_true(b.len < (size_t)st.st_size / 100);

	/* A single TrueType font, not a collection. */
	assert_int_equal(be32(&b, 0), SFNT_TRUETYPE);
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		assert_int_not_equal(table(&b, needed[i], &len), 0);
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		assert_int_equal(table(&b, dropped[i], &len), 0);
	assert_in_range(be16(&b, table(&b, "maxp", &len) + 4),
	    sizeof(five) / sizeof(five[0]) + 1, GLYPHS_MAX);

	/* Exactly the five characters are mapped. */
	n = cmap31(&b, cps, CMAP_MAX);
	assert_int_equal(n, sizeof(five) / sizeof(five[0]));
	assert_memory_equal(cps, five, sizeof(five));

	/* The names libharu reads: PostScript name (6) and subfamily (2). */
	assert_true(has_name(&b, 3, 1, 0x0409, 6));
	assert_true(has_name(&b, 3, 1, 0x0409, 2));
	assert_true(has_name(&b, 1, 0, 0, 6));
	assert_true(has_name(&b, 1, 0, 0, 2));
	buf_release(&b);
}

static void
test_subset_reload(void **state)
{
	struct found	*f = *state;
	struct buf	 b, again;
	const char	*path;
	uint32_t	 cps[CMAP_MAX];
	size_t		 n;

	buf_init(&b);
	buf_init(&again);
	assert_int_equal(font_subset(f->path, f->index, five,
	    sizeof(five) / sizeof(five[0]), &b), 0);
	path = save(&b, "five.ttf");

	/* HarfBuzz loads the subset back as face 0 and cuts it further. */
	assert_int_equal(font_subset(path, 0, five + 1, 3, &again), 0);
	n = cmap31(&again, cps, CMAP_MAX);
	assert_int_equal(n, 3);
	assert_memory_equal(cps, five + 1, 3 * sizeof(five[0]));

	/* It has one face only. */
	errno = 0;
	assert_int_equal(font_subset(path, 1, five, 1, &again), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(unlink(path), 0);
	buf_release(&again);
	buf_release(&b);
}

static void
test_subset_missing(void **state)
{
	/* 'A', twice, and a code point no font maps. */
	static const uint32_t	 in[] = { 0x10FFFD, 'A', 'A' };
	struct found		*f = *state;
	struct buf		 b;
	uint32_t		 cps[CMAP_MAX];

	buf_init(&b);
	assert_int_equal(font_subset(f->path, f->index, in,
	    sizeof(in) / sizeof(in[0]), &b), 0);
	assert_int_equal(cmap31(&b, cps, CMAP_MAX), 1);
	assert_int_equal(cps[0], 'A');
	buf_release(&b);
}

/* The sfnt checksum of b->data[off..off + len). */
static uint32_t
checksum(const struct buf *b, size_t off, size_t len)
{
	unsigned char	 w[4];
	uint32_t	 sum = 0;
	size_t		 i, k;

	for (i = 0; i < len; i += 4) {
		for (k = 0; k < 4; k++)
			w[k] = i + k < len ?
			    (unsigned char)b->data[off + i + k] : 0;
		sum += (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
		    (uint32_t)w[2] << 8 | w[3];
	}
	return sum;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * A scattered set of characters, as a board has them: digits, a few
 * punctuation marks, and CJK characters SCATTER_STEP apart across the
 * whole block.  The subset's cmap maps each character to its own glyph
 * (the same outline and advance as in the font file) the same way for
 * libharu as for OpenType readers, and maps everything else to glyph 0.
 * Its sfnt is well formed: tables sorted, aligned and checksummed.
 */
static void
test_subset_cmap(void **state)
{
	static const char	 head[] = "0123456789:";
	static const uint32_t	 punct[] = { 0x2026, 0x3001, 0xFF08, 0xFF09,
	    0xFF1A };
	struct found		*f = *state;
	struct buf		 b, font;
	FILE			*fp;
	uint32_t		 cps[CMAP_MAX * 2], c, g, og, prev;
	size_t			 n = 0, i, k, base = 0, sub, osub, len, olen;
	size_t			 off, end, so, oo, nt, dir;
	char			 chunk[BUFSIZ];

	for (i = 0; head[i] != '\0'; i++)
		cps[n++] = (unsigned char)head[i];
	for (i = 0; i < sizeof(punct) / sizeof(punct[0]); i++)
		cps[n++] = punct[i];
	for (c = 0x4E00; c <= 0x9FA5; c += SCATTER_STEP) {
		assert_true(n < sizeof(cps) / sizeof(cps[0]));
		cps[n++] = c;
	}
	qsort(cps, n, sizeof(cps[0]), cmp_u32);

	buf_init(&b);
	assert_int_equal(font_subset(f->path, f->index, cps, n, &b), 0);

	/* A (3,1) format 4 subtable, ending as format 4 must. */
	sub = sub31(&b, 0);
	assert_int_equal(be16(&b, sub + 14 + be16(&b, sub + 6) - 2), 0xFFFF);

	/* The font file, and the face the subset was cut from. */
	buf_init(&font);
	fp = fopen(f->path, "rb");
	assert_non_null(fp);
	while ((len = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		assert_int_equal(buf_put(&font, chunk, len), 0);
	assert_int_equal(fclose(fp), 0);
	if (be32(&font, 0) == SFNT_TTCF)
		base = be32(&font, 12 + 4 * (size_t)f->index);
	osub = sub31(&font, base);

	for (c = 0, k = 0; c <= BMP_LAST; c++) {
		g = glyph(&b, sub, c, 0);
		assert_int_equal(glyph(&b, sub, c, 1), g);
		if (k == n || cps[k] != c) {
			if (g != 0)
				fail_msg("U+%04X maps to glyph %u", c, g);
			continue;
		}
		k++;
		og = glyph(&font, osub, c, 0);
		assert_int_not_equal(og, 0);
		assert_int_not_equal(g, 0);
		assert_int_equal(advance(&b, 0, g), advance(&font, base, og));
		/* The same outline, but for padding. */
		so = outline(&b, 0, g, &len);
		oo = outline(&font, base, og, &olen);
		assert_true(len > 10 && len <= olen);
		if ((int16_t)be16(&b, so) >= 0)
			assert_memory_equal(b.data + so, font.data + oo, len);
		else
			assert_memory_equal(b.data + so, font.data + oo, 10);
	}
	assert_int_equal(k, n);

	/*
	 * Tables listed by tag, aligned, after the directory and apart,
	 * checksummed, and checkSumAdjustment.
	 */
	nt = be16(&b, 4);
	dir = 12 + 16 * nt;
	prev = 0;
	for (i = 0; i < nt; i++) {
		off = be32(&b, 12 + 16 * i + 8);
		len = be32(&b, 12 + 16 * i + 12);
		assert_true(i == 0 || be32(&b, 12 + 16 * i) > prev);
		prev = be32(&b, 12 + 16 * i);
		assert_int_equal(off % 4, 0);
		assert_true(off >= dir && off + len <= b.len);
		for (k = 0; k < i; k++) {
			end = be32(&b, 12 + 16 * k + 8);
			assert_true(off + len <= end ||
			    end + be32(&b, 12 + 16 * k + 12) <= off);
		}
		if (memcmp(b.data + 12 + 16 * i, "head", 4) == 0)
			assert_int_equal(be32(&b, 12 + 16 * i + 4),
			    checksum(&b, off, len) - be32(&b, off + 8));
		else
			assert_int_equal(be32(&b, 12 + 16 * i + 4),
			    checksum(&b, off, len));
	}
	assert_int_equal(checksum(&b, 0, b.len), SFNT_MAGIC);
	buf_release(&font);
	buf_release(&b);
}

static void
test_subset_errors(void **state)
{
	struct found	*f = *state;
	struct buf	 b, text;
	const char	*path;

	buf_init(&b);
	errno = 0;
	assert_int_equal(font_subset("/nonexistent/font.ttf", 0, five, 1, &b),
	    -1);
	assert_int_equal(errno, ENOENT);

	errno = 0;
	assert_int_equal(font_subset(f->path, 99, five, 1, &b), -1);
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_int_equal(font_subset(f->path, -1, five, 1, &b), -1);
	assert_int_equal(errno, EINVAL);

	buf_init(&text);
	assert_int_equal(buf_puts(&text, "not a font at all\n"), 0);
	path = save(&text, "text.ttf");
	errno = 0;
	assert_int_equal(font_subset(path, 0, five, 1, &b), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(unlink(path), 0);

	assert_int_equal(b.len, 0);
	buf_release(&text);
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_fallback),
		cmocka_unit_test(test_subset),
		cmocka_unit_test(test_subset_reload),
		cmocka_unit_test(test_subset_missing),
		cmocka_unit_test(test_subset_cmap),
		cmocka_unit_test(test_subset_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
