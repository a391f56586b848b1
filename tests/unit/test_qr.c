/*
 * Unit tests for qr.c: encoding, run walking, SVG, PNG geometry and an
 * end-to-end decode of the PNG with zbarimg when it is installed.
 * The PNG is checked without libpng (qr.c owns png.h): the header is read
 * by hand and the pixels are inflated with zlib.
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
#include <zlib.h>

#include "buf.h"
#include "qr.h"

/* The URL every test encodes. */
#define URL		"https://gridstar.example.org/cuimiao/grid-07.html"
/* Image width the PDF and site code use, in pixels. */
#define PNG_SIDE	1200
/* A device whose writes fail with ENOSPC. */
#define DEV_FULL	"/dev/full"
/* Where zbarimg lives on Debian (zbar-tools). */
#define ZBARIMG		"/usr/bin/zbarimg"
/* Finder patterns are 7 modules wide. */
#define FINDER		7
/* Longest file the PNG reader accepts, in bytes. */
#define FILE_MAX	(1024 * 1024)

/* Scratch directory shared by the tests of the group. */
static char	 tmpdir[] = "/tmp/test_qr.XXXXXX";

/* Collected runs, for checking qr_runs. */
struct runs {
	const struct qr	*q;		/* code being walked */
	int		 n;		/* runs seen */
	int		 modules;	/* dark modules covered by them */
	int		 stop_at;	/* return -1 on this run (0 = never) */
	int		 bad;		/* runs not maximal or not dark */
};

/* Path of a scratch file in tmpdir (static: the next call reuses it). */
static const char *
tmp_path(const char *name)
{
	static char	 path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

/* Files the tests write; teardown removes any a failed test left behind. */
static const char *const scratch[] = { "code.png", "scan.png", "x.png",
    "full.png" };

static int
teardown(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(scratch) / sizeof(scratch[0]); i++)
		(void)unlink(tmp_path(scratch[i]));
	return rmdir(tmpdir);
}

/* Read a whole file into memory. The caller frees *data. */
static size_t
slurp(const char *path, unsigned char **data)
{
	FILE	*f;
	size_t	 n;

	*data = malloc(FILE_MAX);
	assert_non_null(*data);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(*data, 1, FILE_MAX, f);
	assert_int_equal(fclose(f), 0);
	assert_true(n > 0 && n < FILE_MAX);
	return n;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int
count(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_new_url(void **state)
{
	struct qr	*q;
	int		 x;

	(void)state;
	q = qr_new(URL, 'M');
	assert_non_null(q);
	assert_in_range(q->version, 1, 40);
	assert_int_equal(q->width, 17 + 4 * q->version);
	/* Top row: the two finder patterns, 7 dark modules each. */
	for (x = 0; x < FINDER; x++) {
		assert_int_equal(q->dark[x], 1);
		assert_int_equal(q->dark[q->width - 1 - x], 1);
	}
	assert_int_equal(q->dark[FINDER], 0);
	/* Bottom-left finder. */
	assert_int_equal(q->dark[(size_t)(q->width - 1) * q->width], 1);
	for (x = 0; x < q->width * q->width; x++)
		assert_true(q->dark[x] == 0 || q->dark[x] == 1);
	qr_free(q);
}

static void
test_new_levels(void **state)
{
	static const char	 levels[] = "LMQH";
	struct qr		*q;
	int			 i, last = 0;

	(void)state;
	/* More error correction never makes the symbol smaller. */
	for (i = 0; levels[i] != '\0'; i++) {
		q = qr_new(URL "?" URL "?" URL, levels[i]);
		assert_non_null(q);
		assert_true(q->width >= last);
		last = q->width;
		qr_free(q);
	}
}

static void
test_new_errors(void **state)
{
	char	*big;

	(void)state;
	big = malloc(8000);
	assert_non_null(big);
	memset(big, 'a', 7999);
	big[7999] = '\0';
	errno = 0;
	assert_null(qr_new(big, 'L'));
	assert_int_equal(errno, ERANGE);
	free(big);

	errno = 0;
	assert_null(qr_new(URL, 'X'));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_null(qr_new(URL, 'm'));
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_null(qr_new("", 'M'));
	assert_int_equal(errno, EINVAL);
	qr_free(NULL);
}

static int
run_cb(void *arg, int x, int y, int len)
{
	struct runs		*r = arg;
	const unsigned char	*row = r->q->dark + (size_t)y * r->q->width;
	int			 i;

	r->n++;
	r->modules += len;
	if (len < 1 || x < 0 || x + len > r->q->width)
		r->bad++;
	else {
		for (i = x; i < x + len; i++)
			if (!row[i])
				r->bad++;
		if ((x > 0 && row[x - 1]) ||
		    (x + len < r->q->width && row[x + len]))
			r->bad++;
	}
	return r->n == r->stop_at ? -1 : 0;
}

static void
test_runs(void **state)
{
	struct qr	*q;
	struct runs	 r;
	int		 i, dark = 0;

	(void)state;
	q = qr_new(URL, 'M');
	assert_non_null(q);
	for (i = 0; i < q->width * q->width; i++)
		dark += q->dark[i];

	memset(&r, 0, sizeof(r));
	r.q = q;
	assert_int_equal(qr_runs(q, run_cb, &r), 0);
	assert_int_equal(r.bad, 0);
	assert_int_equal(r.modules, dark);
	assert_true(r.n < dark);	/* runs were merged */

	memset(&r, 0, sizeof(r));
	r.q = q;
	r.stop_at = 3;
	assert_int_equal(qr_runs(q, run_cb, &r), -1);
	assert_int_equal(r.n, 3);
	qr_free(q);
}

static void
test_svg(void **state)
{
	struct qr	*q;
	struct buf	 b;
	struct runs	 r;
	char		 want[64], *d;

	(void)state;
	q = qr_new(URL, 'M');
	assert_non_null(q);
	buf_init(&b);
	assert_int_equal(qr_svg(q, QR_QUIET, "QR <\"grid\" & 'co'>", &b), 0);
	assert_non_null(b.data);

	assert_int_equal(strncmp(b.data, "<svg ", 5), 0);
	assert_null(strstr(b.data, "<?xml"));
	assert_int_equal(strcmp(b.data + b.len - 6, "</svg>"), 0);
	assert_int_equal(count(b.data, "<path"), 1);
	assert_int_equal(count(b.data, "<rect"), 1);
	assert_non_null(strstr(b.data, "shape-rendering=\"crispEdges\""));
	assert_non_null(strstr(b.data, "role=\"img\""));
	assert_non_null(strstr(b.data, "aria-label=\"QR &lt;&quot;grid&quot;"
	    " &amp; &#39;co&#39;&gt;\""));
	snprintf(want, sizeof(want), "viewBox=\"0 0 %d %d\"",
	    q->width + 2 * QR_QUIET, q->width + 2 * QR_QUIET);
	assert_non_null(strstr(b.data, want));

	/* The path starts with the top-left finder, moved by the quiet zone. */
	d = strstr(b.data, " d=\"");
	assert_non_null(d);
	snprintf(want, sizeof(want), " d=\"M%d %dh%dv1h-%dz",
	    QR_QUIET, QR_QUIET, FINDER, FINDER);
	assert_int_equal(strncmp(d, want, strlen(want)), 0);

	/* One subpath per run: the first absolute, the rest relative. */
	memset(&r, 0, sizeof(r));
	r.q = q;
	assert_int_equal(qr_runs(q, run_cb, &r), 0);
	assert_int_equal(count(d, "M"), 1);
	assert_int_equal(count(d, "m"), r.n - 1);
	assert_int_equal(count(d, "z"), r.n);
	buf_release(&b);
	qr_free(q);
}

static void
test_svg_nolabel(void **state)
{
	struct qr	*q;
	struct buf	 b;

	(void)state;
	q = qr_new("1", 'L');
	assert_non_null(q);
	assert_int_equal(q->width, 21);
	buf_init(&b);
	assert_int_equal(qr_svg(q, 0, NULL, &b), 0);
	assert_null(strstr(b.data, "aria-label"));
	assert_non_null(strstr(b.data, "viewBox=\"0 0 21 21\""));
	assert_non_null(strstr(b.data, " d=\"M0 0h7v1h-7z"));
	errno = 0;
	assert_int_equal(qr_svg(q, -1, NULL, &b), -1);
	assert_int_equal(errno, EINVAL);
	buf_release(&b);
	qr_free(q);
}

/*
 * Inflate the IDAT chunks of a PNG file into *pix (filter byte + packed
 * row, per row).  Checks the signature and IHDR on the way.  The caller
 * frees *pix.
 */
static void
png_pixels(const char *path, uint32_t *w, uint32_t *h, unsigned char **pix,
    size_t *npix)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	unsigned char	*data, *idat;
	size_t		 n, off, nidat = 0;
	uLongf		 dlen;
	uint32_t	 clen;

	n = slurp(path, &data);
	assert_memory_equal(data, sig, sizeof(sig));
	assert_memory_equal(data + 12, "IHDR", 4);
	*w = be32(data + 16);
	*h = be32(data + 20);
	assert_int_equal(data[24], 1);		/* bit depth */
	assert_int_equal(data[25], 0);		/* grayscale */
	assert_int_equal(data[28], 0);		/* not interlaced */

	idat = malloc(n);
	assert_non_null(idat);
	for (off = 8; off + 12 <= n; off += 12 + clen) {
		clen = be32(data + off);
		assert_true(off + 12 + clen <= n);
		if (memcmp(data + off + 4, "IDAT", 4) == 0) {
			memcpy(idat + nidat, data + off + 8, clen);
			nidat += clen;
		}
	}
	*npix = (size_t)*h * (1 + (*w + 7) / 8);
	*pix = malloc(*npix);
	assert_non_null(*pix);
	dlen = *npix;
	assert_int_equal(uncompress(*pix, &dlen, idat, nidat), Z_OK);
	assert_int_equal(dlen, *npix);
	free(idat);
	free(data);
}

/* 1 if pixel (x, y) of the inflated image is dark. */
static int
px_dark(const unsigned char *pix, uint32_t w, int x, int y)
{
	const unsigned char	*row = pix + (size_t)y * (1 + (w + 7) / 8);

	assert_int_equal(row[0], 0);	/* filter: none */
	return !(row[1 + x / 8] & (0x80 >> (x % 8)));
}

static void
test_png(void **state)
{
	const char	*path = tmp_path("code.png");
	struct qr	*q;
	unsigned char	*pix;
	size_t		 npix;
	uint32_t	 w, h;
	int		 n, mod, margin, x, y, first;

	(void)state;
	q = qr_new(URL, 'M');
	assert_non_null(q);
	assert_int_equal(qr_png_write(q, QR_QUIET, PNG_SIDE, path), 0);
	png_pixels(path, &w, &h, &pix, &npix);
	assert_int_equal(w, PNG_SIDE);
	assert_int_equal(h, PNG_SIDE);

	/* The geometry promised in qr.h. */
	n = q->width + 2 * QR_QUIET;
	mod = PNG_SIDE / n;
	margin = (PNG_SIDE - mod * n) / 2;
	first = margin + QR_QUIET * mod;	/* first pixel of the code */
	for (y = 0; y < PNG_SIDE; y++)
		assert_false(px_dark(pix, w, first - 1, y));
	for (x = 0; x < PNG_SIDE; x++)
		assert_false(px_dark(pix, w, x, first - 1));
	/* Top-left finder: 7 modules of exactly mod pixels each. */
	for (y = first; y < first + mod; y++) {
		for (x = first; x < first + FINDER * mod; x++)
			assert_true(px_dark(pix, w, x, y));
		assert_false(px_dark(pix, w, x, y));
	}
	/* Every module is a solid square of its colour. */
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x++) {
			assert_int_equal(px_dark(pix, w,
			    first + x * mod, first + y * mod),
			    q->dark[(size_t)y * q->width + x]);
			assert_int_equal(px_dark(pix, w,
			    first + x * mod + mod - 1,
			    first + y * mod + mod - 1),
			    q->dark[(size_t)y * q->width + x]);
		}
	free(pix);
	assert_int_equal(unlink(path), 0);
	qr_free(q);
}

static void
test_png_errors(void **state)
{
	struct qr	*q;
	struct stat	 st;
	const char	*link;

	(void)state;
	q = qr_new(URL, 'M');
	assert_non_null(q);
	errno = 0;
	assert_int_equal(qr_png_write(q, QR_QUIET, q->width, tmp_path("x.png")),
	    -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(access(tmp_path("x.png"), F_OK), -1);

	errno = 0;
	assert_int_equal(qr_png_write(q, QR_QUIET, PNG_SIDE,
	    tmp_path("missing/x.png")), -1);
	assert_int_equal(errno, ENOENT);

	/*
	 * A full disk: ENOSPC, and the output is not removed when it is not
	 * a regular file.  Reached through a symlink, so that a regression
	 * could only ever unlink the link, never the device.
	 */
	if (access(DEV_FULL, W_OK) == 0) {
		link = tmp_path("full.png");
		assert_int_equal(symlink(DEV_FULL, link), 0);
		errno = 0;
		assert_int_equal(qr_png_write(q, QR_QUIET, PNG_SIDE, link), -1);
		assert_int_equal(errno, ENOSPC);
		assert_int_equal(lstat(link, &st), 0);
		assert_int_equal(unlink(link), 0);
	}
	qr_free(q);
}

static void
test_png_zbar(void **state)
{
	const char	*path = tmp_path("scan.png");
	struct qr	*q;
	char		 cmd[PATH_MAX + 64], got[1024];
	FILE		*p;
	size_t		 n;

	(void)state;
	if (access(ZBARIMG, X_OK) != 0)
		skip();
	q = qr_new(URL, 'M');
	assert_non_null(q);
	assert_int_equal(qr_png_write(q, QR_QUIET, PNG_SIDE, path), 0);
	qr_free(q);

	snprintf(cmd, sizeof(cmd), ZBARIMG " -q --raw '%s' 2>/dev/null", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(got, 1, sizeof(got) - 1, p);
	got[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_string_equal(got, URL "\n");
	assert_int_equal(unlink(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_url),
		cmocka_unit_test(test_new_levels),
		cmocka_unit_test(test_new_errors),
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_svg_nolabel),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_png_errors),
		cmocka_unit_test(test_png_zbar),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
