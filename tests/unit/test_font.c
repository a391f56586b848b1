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

/* Offset of table tag in the sfnt in b, or 0 when it is absent. */
static size_t
table(const struct buf *b, const char *tag, size_t *len)
{
	uint32_t	 i, n = be16(b, 4);

	for (i = 0; i < n; i++) {
		assert_true(12 + 16 * (i + 1) <= b->len);
		if (memcmp(b->data + 12 + 16 * i, tag, 4) == 0) {
			*len = be32(b, 12 + 16 * i + 12);
			assert_true(be32(b, 12 + 16 * i + 8) + *len <= b->len);
			return be32(b, 12 + 16 * i + 8);
		}
	}
	return 0;
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
		cmocka_unit_test(test_subset_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
