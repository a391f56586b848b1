/*
 * QR codes: see qr.h.  The only file that includes qrencode.h and png.h.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <png.h>
#include <qrencode.h>

#include "buf.h"
#include "qr.h"
#include "svg.h"

/* Bit of a QRcode data byte that is set for a dark module (qrencode.h). */
#define QRENCODE_DARK	0x01

/* Eight white pixels of a 1-bit grayscale PNG row (1 = white). */
#define PNG_WHITE8	0xff

/* State of the SVG path writer. */
struct svgpath {
	struct buf	*out;	/* where the path data goes */
	int		 quiet;	/* modules added left and top */
	int		 first;	/* no run written yet */
	int		 x, y;	/* start of the previous run */
};

/* Geometry of a PNG rendering, all in pixels except n (modules). */
struct pnggeom {
	int	 n;		/* modules per side, quiet zone included */
	int	 mod;		/* pixels per module */
	int	 margin;	/* white pixels before the first module */
	int	 side;		/* image width and height */
};

struct qr *
qr_new(const char *text, char level)
{
	QRcode		*code;
	QRecLevel	 lv;
	struct qr	*q = NULL;
	size_t		 n, i;

	switch (level) {
	case 'L':
		lv = QR_ECLEVEL_L;
		break;
	case 'M':
		lv = QR_ECLEVEL_M;
		break;
	case 'Q':
		lv = QR_ECLEVEL_Q;
		break;
	case 'H':
		lv = QR_ECLEVEL_H;
		break;
	default:
		errno = EINVAL;
		return NULL;
	}
	if (text == NULL || text[0] == '\0') {
		errno = EINVAL;
		return NULL;
	}

	/*
	 * Version 0 lets the library pick the smallest symbol.  The
	 * QR_MODE_8 hint keeps non-alphanumeric bytes (UTF-8) as they are,
	 * and case-sensitive mode stops it upper-casing letters to fit them
	 * into alphanumeric mode; it still uses numeric and alphanumeric
	 * segments where they are shorter.  errno is set on failure.
	 */
	if ((code = QRcode_encodeString(text, 0, lv, QR_MODE_8, 1)) == NULL)
		return NULL;

	if ((q = calloc(1, sizeof(*q))) == NULL)
		goto nomem;
	n = (size_t)code->width * (size_t)code->width;
	if ((q->dark = malloc(n)) == NULL)
		goto nomem;
	q->version = code->version;
	q->width = code->width;
	for (i = 0; i < n; i++)
		q->dark[i] = (code->data[i] & QRENCODE_DARK) ? 1 : 0;
	QRcode_free(code);
	return q;
nomem:
	QRcode_free(code);
	qr_free(q);
	errno = ENOMEM;
	return NULL;
}

void
qr_free(struct qr *q)
{
	if (q == NULL)
		return;
	free(q->dark);
	free(q);
}

int
qr_runs(const struct qr *q, int (*cb)(void *, int, int, int), void *arg)
{
	const unsigned char	*row;
	int			 x, y, start;

	for (y = 0; y < q->width; y++) {
		row = q->dark + (size_t)y * (size_t)q->width;
		x = 0;
		while (x < q->width) {
			if (!row[x]) {
				x++;
				continue;
			}
			start = x;
			while (x < q->width && row[x])
				x++;
			if (cb(arg, start, y, x - start) != 0)
				return -1;
		}
	}
	return 0;
}

/* Write i at p as "%d" would; returns the end. */
static char *
put_int(char *p, int i)
{
	return p + buf_fmtint(p, i);
}

/*
 * qr_runs callback for qr_svg: one closed rectangle per run.  The first
 * is placed with an absolute "M", shifted by the quiet zone; the others
 * with a relative "m", since "z" leaves the pen at the start of the
 * previous run: "M4 4h7v1h-7zm9 0h1v1h-1z".  That keeps the path about a
 * fifth shorter.  Returns 0, or -1 when out of memory.
 */
static int
svg_run(void *arg, int x, int y, int len)
{
	struct svgpath	*p = arg;
	char		 t[64], *e = t;

	if (p->first) {
		*e++ = 'M';
		e = put_int(e, x + p->quiet);
		*e++ = ' ';
		e = put_int(e, y + p->quiet);
	} else {
		*e++ = 'm';
		e = put_int(e, x - p->x);
		*e++ = ' ';
		e = put_int(e, y - p->y);
	}
	p->first = 0;
	p->x = x;
	p->y = y;
	*e++ = 'h';
	e = put_int(e, len);
	memcpy(e, "v1h-", 4);
	e = put_int(e + 4, len);
	*e++ = 'z';
	return buf_put(p->out, t, (size_t)(e - t));
}

int
qr_svg(const struct qr *q, int quiet, const char *label, struct buf *out)
{
	struct svgpath	 p;
	int		 n;

	if (quiet < 0 || quiet > QR_QUIET_MAX) {
		errno = EINVAL;
		return -1;
	}
	n = q->width + 2 * quiet;
	buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\""
	    " viewBox=\"0 0 ");
	buf_putint(out, n);
	buf_putc(out, ' ');
	buf_putint(out, n);
	buf_puts(out, "\" shape-rendering=\"crispEdges\" role=\"img\"");
	if (label != NULL) {
		buf_puts(out, " aria-label=\"");
		svg_escape(out, label);
		buf_putc(out, '"');
	}
	buf_puts(out, "><rect width=\"");
	buf_putint(out, n);
	buf_puts(out, "\" height=\"");
	buf_putint(out, n);
	buf_puts(out, "\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
	memset(&p, 0, sizeof(p));
	p.out = out;
	p.quiet = quiet;
	p.first = 1;
	qr_runs(q, svg_run, &p);
	buf_puts(out, "\"/></svg>");

	/* The buffer ignores appends once one failed: check it once. */
	if (out->oom) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/*
 * libpng error callback: jump back to write_rows instead of printing.
 */
static void
on_png_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

/*
 * libpng warning callback: this module never prints.
 */
static void
on_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * Fill the packed 1-bit row for module row gy (quiet zone included):
 * white everywhere, then each dark module cleared over g->mod pixels.
 */
static void
fill_row(const struct qr *q, int quiet, const struct pnggeom *g, int gy,
    unsigned char *row, size_t rowbytes)
{
	const unsigned char	*dark;
	int			 mx, px, end;

	memset(row, PNG_WHITE8, rowbytes);
	gy -= quiet;
	if (gy < 0 || gy >= q->width)
		return;
	dark = q->dark + (size_t)gy * (size_t)q->width;
	for (mx = 0; mx < q->width; mx++) {
		if (!dark[mx])
			continue;
		px = g->margin + (mx + quiet) * g->mod;
		for (end = px + g->mod; px < end; px++)
			row[px >> 3] &= (unsigned char)~(0x80u >> (px & 7));
	}
}

/*
 * Write the header and every row with libpng.  Kept apart from
 * qr_png_write so that nothing that function reads after a longjmp is
 * changed between setjmp and longjmp.  Returns 0, or -1 on a libpng error.
 */
static int
write_rows(png_structp png, png_infop info, const struct qr *q, int quiet,
    const struct pnggeom *g, unsigned char *row, size_t rowbytes)
{
	int	 py, gy, last;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_IHDR(png, info, (png_uint_32)g->side, (png_uint_32)g->side,
	    1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);

	last = -1;
	for (py = 0; py < g->side; py++) {
		if (py < g->margin || py >= g->margin + g->n * g->mod)
			gy = -1;	/* margin: a white row */
		else
			gy = (py - g->margin) / g->mod;
		if (gy != last || py == 0)
			fill_row(q, quiet, g, gy, row, rowbytes);
		last = gy;
		png_write_row(png, row);
	}
	png_write_end(png, info);
	return 0;
}

/* libpng write callback into a struct buf. */
static void
png_to_buf(png_structp png, png_bytep data, png_size_t len)
{
	struct buf	*b = png_get_io_ptr(png);

	if (buf_put(b, data, len) == -1) {
		errno = ENOMEM;
		png_error(png, "out of memory");
	}
}

static void
png_no_flush(png_structp png)
{
	(void)png;
}

/*
 * Write q as a PNG with libpng, to f when not NULL, else to out.  Rows
 * are not filtered (libpng's choice for 1-bit images anyway), and zlib
 * runs at its fastest level: compressing 1200 rows is nearly all the
 * time a code takes, and level 1 takes half of the default's for files of
 * about 5 KB instead of 2 KB.  Returns 0, or -1 with errno set.
 */
static int
png_encode(const struct qr *q, int quiet, int width_px, FILE *f,
    struct buf *out)
{
	struct pnggeom	 g;
	png_structp	 png = NULL;
	png_infop	 info = NULL;
	unsigned char	*row = NULL;
	size_t		 rowbytes;
	int		 rc = -1, saved;

	if (quiet < 0 || quiet > QR_QUIET_MAX ||
	    width_px < 1 || width_px > QR_PNG_MAX) {
		errno = EINVAL;
		return -1;
	}
	g.n = q->width + 2 * quiet;
	g.mod = width_px / g.n;
	if (g.mod < 1) {
		errno = EINVAL;
		return -1;
	}
	/* Leftover pixels become margin; the odd one goes right/bottom. */
	g.margin = (width_px - g.mod * g.n) / 2;
	g.side = width_px;
	rowbytes = ((size_t)width_px + 7) / 8;

	if ((row = malloc(rowbytes)) == NULL)
		return -1;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
	    on_png_error, on_png_warning);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
		errno = ENOMEM;
		goto out;
	}
	if (f != NULL)
		png_init_io(png, f);
	else
		png_set_write_fn(png, out, png_to_buf, png_no_flush);
	png_set_filter(png, 0, PNG_FILTER_NONE);
	png_set_compression_level(png, 1);

	/* libpng reports write errors itself; keep fwrite's errno if any. */
	errno = 0;
	if (write_rows(png, info, q, quiet, &g, row, rowbytes) == -1) {
		if (errno == 0)
			errno = EIO;
		goto out;
	}
	rc = 0;
out:
	saved = errno;
	if (png != NULL)
		png_destroy_write_struct(&png, info != NULL ? &info : NULL);
	free(row);
	errno = saved;
	return rc;
}

int
qr_png(const struct qr *q, int quiet, int width_px, struct buf *out)
{
	return png_encode(q, quiet, width_px, NULL, out);
}

int
qr_png_write(const struct qr *q, int quiet, int width_px, const char *path)
{
	FILE		*f;
	struct stat	 st;
	int		 rc, saved, regular;

	if (quiet < 0 || quiet > QR_QUIET_MAX ||
	    width_px < 1 || width_px > QR_PNG_MAX ||
	    width_px / (q->width + 2 * quiet) < 1) {
		errno = EINVAL;
		return -1;
	}
	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	/* Only a regular file may be removed on failure (not /dev/full). */
	regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
	rc = png_encode(q, quiet, width_px, f, NULL);
	saved = errno;
	if (fclose(f) == EOF && rc == 0) {
		saved = errno;
		rc = -1;
	}
	if (rc == -1 && regular)
		remove(path);
	errno = saved;
	return rc;
}
