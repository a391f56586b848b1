/*
 * Unit tests for pdf.c: paper sizes, the dry run's character gathering,
 * line breaking, fitting text into boxes, QR codes on whole points, the
 * rewritten ToUnicode map, byte-identical output and error reporting.
 * The PDF bytes are checked without a PDF library: streams are inflated
 * with zlib and searched.
 */
/* memmem(3) (glibc declares it for _GNU_SOURCE). */
#define _GNU_SOURCE 1
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "buf.h"
#include "diag.h"
#include "font.h"
#include "pdf.h"
#include "qr.h"
#include "settings.h"

/* Family the default theme asks for (fonts-wqy-microhei). */
#define FAMILY		"WenQuanYi Micro Hei"
/* Name the test documents give in messages. */
#define NAME		"test.pdf"
/* Tolerance of size comparisons, in points. */
#define EPS		0.01
/* Most inflated bytes of one stream the search looks at. */
#define STREAM_MAX	(1024 * 1024)
/* Text every real document of these tests draws. */
#define SAMPLE		"网格星级评定公示 0371-12345678"

/* The CJK font, found once by setup. */
static char	*fontfile;
static int	 fontindex;

static int
setup(void **state)
{
	(void)state;
	fontfile = font_find(FAMILY, &fontindex);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(fontfile);
	return 0;
}

/* Skip a test that needs the font when none is installed. */
#define NEED_FONT() do {						\
	if (fontfile == NULL)						\
		skip();							\
} while (0)

/* A text style for the tests. */
static struct pdf_style
style(double size, double min, int lines)
{
	struct pdf_style	 s;

	memset(&s, 0, sizeof(s));
	s.size = size;
	s.min = min;
	s.leading = 1.25;
	s.lines = lines;
	return s;
}

/* A box from its parts. */
static struct pdf_box
box(double x, double y, double w, double h)
{
	struct pdf_box	 b;

	b.x = x;
	b.y = y;
	b.w = w;
	b.h = h;
	return b;
}

/*
 * A real document whose font holds the characters of the strings in
 * texts (NULL-terminated), made by a dry run over them as pdf.h says.
 */
static struct pdf *
doc_for(const char *const *texts, struct diag *d)
{
	struct pdf		*dry, *p;
	struct pdf_box		 b = box(0, 0, 100, 100);
	struct pdf_style	 s = style(10, 10, 1);
	const uint32_t		*cps;
	size_t			 n;

	dry = pdf_dry_new();
	assert_non_null(dry);
	assert_int_equal(pdf_page(dry, 100, 100), 0);
	for (; *texts != NULL; texts++)
		pdf_text(dry, &b, *texts, &s);
	cps = pdf_chars(dry, &n);
	p = pdf_new(NAME, fontfile, fontindex, cps, n, d);
	pdf_free(dry);
	return p;
}

static void
test_paper(void **state)
{
	double	 w, h;

	(void)state;
	pdf_paper(PAPER_A4, 0, &w, &h);
	assert_true(fabs(w - 595.276) < EPS && fabs(h - 841.890) < EPS);
	pdf_paper(PAPER_A3, 1, &w, &h);
	assert_true(fabs(w - 1190.551) < EPS && fabs(h - 841.890) < EPS);
	pdf_paper(PAPER_A2, 0, &w, &h);
	assert_true(fabs(w - 1190.551) < EPS && fabs(h - 1683.780) < EPS);
}

static void
test_dry_chars(void **state)
{
	struct pdf		*p;
	struct pdf_box		 b = box(0, 0, 10, 10);
	struct pdf_style	 s = style(10, 10, 1);
	const uint32_t		*cps;
	size_t			 n, i;

	(void)state;
	p = pdf_dry_new();
	assert_non_null(p);
	assert_int_equal(pdf_page(p, 100, 100), 0);
	pdf_text(p, &b, "网格 网格 B", &s);
	pdf_text(p, &b, "A\xf0\x9f\x98\x80", &s);	/* outside the BMP */
	cps = pdf_chars(p, &n);
	/* Sorted and distinct. */
	for (i = 1; i < n; i++)
		assert_true(cps[i - 1] < cps[i]);
	/* ' ', '0'-'9', '?', 'A', 'B', 网, 格 and the ellipsis. */
	assert_int_equal(n, 17);
	assert_int_equal(cps[0], ' ');
	assert_int_equal(cps[1], '0');
	assert_int_equal(cps[11], '?');
	assert_int_equal(cps[12], 'A');
	assert_int_equal(cps[14], PDF_ELLIPSIS);
	assert_int_equal(cps[15], 0x683c);
	assert_int_equal(cps[16], 0x7f51);
	assert_int_equal(pdf_pages(p), 1);
	pdf_free(p);
	pdf_free(NULL);
}

static void
test_lines(void **state)
{
	struct pdf	*p;

	(void)state;
	/* Dry-run widths: 1 em for CJK, 0.55 em for the rest. */
	p = pdf_dry_new();
	assert_non_null(p);
	assert_true(fabs(pdf_text_width(p, "网格", 10) - 20) < EPS);
	assert_true(fabs(pdf_text_width(p, "ab", 10) - 11) < EPS);
	assert_int_equal(pdf_text_lines(p, "", 10, 100), 0);
	assert_int_equal(pdf_text_lines(p, "市场监管", 10, 40), 1);
	assert_int_equal(pdf_text_lines(p, "市场监管", 10, 25), 2);
	assert_int_equal(pdf_text_lines(p, "市场监管", 10, 5), 4);
	/* Spaces break Latin text; a run too long is split. */
	assert_int_equal(pdf_text_lines(p, "abc def", 10, 20), 2);
	assert_int_equal(pdf_text_lines(p, "18865979846", 10, 40), 2);
	/* A run is not split where a break before it is possible. */
	assert_int_equal(pdf_text_lines(p, "电话18865979846", 10, 61), 2);
	/* Newlines, and closing punctuation kept off the line start. */
	assert_int_equal(pdf_text_lines(p, "a\nb", 10, 100), 2);
	assert_int_equal(pdf_text_lines(p, "网格，网格", 10, 20), 3);
	pdf_free(p);
}

/* Parse trace line i of t: "PAGE KIND X0 Y0 X1 Y1".  Returns 0 or -1. */
static int
trace_line(const struct buf *t, int i, char *kind, double *v)
{
	const char	*s = t->data;
	int		 page;

	for (; s != NULL && i > 0; i--)
		if ((s = strchr(s, '\n')) != NULL)
			s++;
	if (s == NULL || sscanf(s, "%d %15s %lf %lf %lf %lf", &page, kind,
	    &v[0], &v[1], &v[2], &v[3]) != 6)
		return -1;
	return 0;
}

static void
test_text_fit(void **state)
{
	static const char *const texts[] = {
		"纺织厂家属院东区", "和平社区第一网格东片区老旧小区改造安置楼",
		"18865979846", NULL
	};
	struct diag		*d;
	struct pdf		*p;
	struct pdf_box		 b;
	struct pdf_style	 s;
	struct buf		 t, out;
	char			 kind[16];
	double			 v[4], size, w;

	(void)state;
	NEED_FONT();
	d = diag_new(NULL);
	assert_non_null(d);
	buf_init(&t);
	buf_init(&out);
	p = doc_for(texts, d);
	assert_non_null(p);
	pdf_trace(p, &t);
	assert_int_equal(pdf_page(p, 595.276, 841.89), 0);
	assert_true(pdf_text_height(p, 10) > 10);

	/* Fits as it is. */
	b = box(10, 20, 300, 40);
	s = style(18, 14, 3);
	assert_true(fabs(pdf_text(p, &b, texts[0], &s) - 18) < EPS);
	assert_int_equal(trace_line(&t, 0, kind, v), 0);
	assert_string_equal(kind, "text");
	assert_true(fabs(v[0] - 10) < EPS && fabs(v[1] - 20) < EPS &&
	    fabs(v[2] - 310) < EPS && fabs(v[3] - 60) < EPS);

	/* A little too wide for one line: shrunk, not broken. */
	w = pdf_text_width(p, texts[0], 18);
	b = box(10, 80, w * 0.9, 80);
	size = pdf_text(p, &b, texts[0], &s);
	assert_true(size < 18 && size >= 18 * 0.8);
	assert_true(pdf_text_width(p, texts[0], size) <= b.w + EPS);

	/* Far too wide: broken into lines at full size. */
	b = box(10, 200, 150, 80);
	assert_true(fabs(pdf_text(p, &b, texts[1], &s) - 18) < EPS);

	/* Too long even at the smallest size: shortened, at st->min. */
	b = box(10, 300, 100, 20);
	assert_true(fabs(pdf_text(p, &b, texts[1], &s) - 14) < EPS);

	/* A box lower than one line at st->min: smaller still. */
	b = box(10, 400, 200, 10);
	size = pdf_text(p, &b, texts[2], &s);
	assert_true(size < 14 && pdf_text_height(p, size) <= 10 + EPS);

	assert_int_equal(pdf_finish(p, &out), 0);
	assert_int_equal(diag_errors(d), 0);
	pdf_free(p);
	buf_release(&t);
	buf_release(&out);
	diag_free(d);
}

/*
 * Inflate into out the first Flate stream of the PDF in pdf that holds
 * needle.  Returns whether there is one.
 */
static int
stream_get(const struct buf *pdf, const char *needle, struct buf *out)
{
	const char	*s = pdf->data, *end = pdf->data + pdf->len, *e;
	unsigned char	*tmp;
	uLongf		 n;
	int		 found = 0;

	tmp = malloc(STREAM_MAX + 1);
	assert_non_null(tmp);
	while (!found && (s = memmem(s, (size_t)(end - s), "stream",
	    6)) != NULL) {
		/* "endstream" ends a stream; only "stream" starts one. */
		if (s > pdf->data && s[-1] == 'd') {
			s += 6;
			continue;
		}
		s += 6;
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
		if ((e = memmem(s, (size_t)(end - s), "endstream", 9)) == NULL)
			break;
		n = STREAM_MAX;
		if (uncompress(tmp, &n, (const Bytef *)s, (uLong)(e - s)) ==
		    Z_OK && memmem(tmp, n, needle, strlen(needle)) != NULL) {
			assert_int_equal(buf_put(out, tmp, n), 0);
			found = 1;
		}
		s = e + 9;
	}
	free(tmp);
	return found;
}

/*
 * Whether one of the Flate streams of the PDF in pdf inflates to text
 * holding needle.
 */
static int
stream_has(const struct buf *pdf, const char *needle)
{
	struct buf	 out;
	int		 found;

	buf_init(&out);
	found = stream_get(pdf, needle, &out);
	buf_release(&out);
	return found;
}

/* qr_runs callback: count the runs in *arg. */
static int
count_run(void *arg, int x, int y, int len)
{
	(void)x;
	(void)y;
	(void)len;
	(*(int *)arg)++;
	return 0;
}

/* Draw one page of every kind of thing into p and finish it into out. */
static void
draw_sample(struct pdf *p, const struct qr *q, struct buf *out)
{
	struct pdf_box		 b = box(36, 36, 400, 40);
	struct pdf_style	 s = style(20, 14, 1);

	assert_int_equal(pdf_page(p, 595.276, 841.89), 0);
	pdf_text(p, &b, SAMPLE, &s);
	pdf_rect(p, &b, 0xfbe3df, 0x8c8c8c, 0.8);
	pdf_line(p, 36, 100, 400, 100, 1, 0xc8161d);
	pdf_star(p, 60, 140, 12, 0xe60012, PDF_NOCOLOUR, 0);
	pdf_star(p, 90, 140, 12, PDF_NOCOLOUR, 0x6e6e6e, 1.5);
	pdf_star(p, 120, 140, 12, 0x1a1a1a, PDF_NOCOLOUR, 0);
	pdf_qr(p, 36.4, 200.3, 2, QR_QUIET, q, 0, NULL);
	assert_int_equal(pdf_finish(p, out), 0);
}

static void
test_document(void **state)
{
	static const char *const texts[] = { SAMPLE, NULL };
	struct diag	*d;
	struct pdf	*p;
	struct qr	*q;
	struct buf	 a, b;

	(void)state;
	NEED_FONT();
	d = diag_new(NULL);
	assert_non_null(d);
	q = qr_new("https://wgh.example.gov.cn/g/410182101001001/", 'Q');
	assert_non_null(q);
	buf_init(&a);
	buf_init(&b);

	p = doc_for(texts, d);
	assert_non_null(p);
	draw_sample(p, q, &a);
	pdf_free(p);
	p = doc_for(texts, d);
	assert_non_null(p);
	draw_sample(p, q, &b);
	pdf_free(p);

	assert_int_equal(diag_errors(d), 0);
	assert_true(a.len > 1000 && a.len < 60 * 1024);
	assert_memory_equal(a.data, "%PDF-", 5);
	/* Same input, same bytes: no dates, no random IDs. */
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_null(memmem(a.data, a.len, "CreationDate", 12));
	/* The ToUnicode map libharu wrote is replaced by a valid one. */
	assert_true(stream_has(&a, "beginbfchar"));
	assert_true(stream_has(&a, "> <7F51>"));
	assert_false(stream_has(&a, "begincidrange"));
	/* The subset font is embedded, compressed. */
	assert_non_null(memmem(a.data, a.len, "/FontFile2", 10));
	qr_free(q);
	buf_release(&a);
	buf_release(&b);
	diag_free(d);
}

/*
 * The dictionary (into dict) and the inflated stream (into data) of the
 * object that the entry /key of the PDF in pdf refers to ("/key N 0 R").
 * Returns whether there is one.
 */
static int
object_of(const struct buf *pdf, const char *key, struct buf *dict,
    struct buf *data)
{
	const char	*s, *end = pdf->data + pdf->len, *st, *e;
	char		 name[64], head[64];
	unsigned char	*tmp;
	uLongf		 n;
	long		 num;
	int		 ok;

	snprintf(name, sizeof(name), "/%s ", key);
	if ((s = memmem(pdf->data, pdf->len, name, strlen(name))) == NULL)
		return 0;
	num = strtol(s + strlen(name), NULL, 10);
	snprintf(head, sizeof(head), "\n%ld 0 obj", num);
	if ((s = memmem(pdf->data, pdf->len, head, strlen(head))) == NULL ||
	    (st = memmem(s, (size_t)(end - s), "stream\r\n", 8)) == NULL ||
	    (e = memmem(st, (size_t)(end - st), "endstream", 9)) == NULL)
		return 0;
	assert_int_equal(buf_put(dict, s, (size_t)(st - s)), 0);
	st += 8;
	tmp = malloc(STREAM_MAX);
	assert_non_null(tmp);
	n = STREAM_MAX;
	ok = uncompress(tmp, &n, (const Bytef *)st, (uLong)(e - 1 - st)) ==
	    Z_OK;
	if (ok)
		assert_int_equal(buf_put(data, tmp, n), 0);
	free(tmp);
	return ok;
}

/*
 * How the font is embedded.  Text is shown as CIDs 1, 2, ... in the order
 * of the document's characters, which the ToUnicode map maps back to
 * them.  The font's CIDToGIDMap has a glyph for each of them (and one
 * more CID, for none), not for all 65536 code points; the font program is
 * the subset font_subset makes, deflated once, with its length in
 * /Length1.  No temporary file is needed.
 */
static void
test_font_objects(void **state)
{
	static const char *const texts[] = { SAMPLE, NULL };
	struct pdf_box		 b = box(0, 0, 100, 100);
	struct pdf_style	 st = style(10, 10, 1);
	const char		*tmpdir;
	const uint32_t		*cps;
	const unsigned char	*u;
	struct diag		*d;
	struct pdf		*dry, *p;
	struct qr		*q;
	struct buf		 out, dict, map, prog, sub, t;
	uint32_t		 c;
	size_t			 n, i, k, g;
	char			 entry[32];

	(void)state;
	NEED_FONT();
	d = diag_new(NULL);
	assert_non_null(d);
	q = qr_new("https://wgh.example.gov.cn/", 'Q');
	assert_non_null(q);
	buf_init(&out);
	buf_init(&dict);
	buf_init(&map);
	buf_init(&prog);
	buf_init(&sub);
	buf_init(&t);
	dry = pdf_dry_new();
	assert_non_null(dry);
	assert_int_equal(pdf_page(dry, 100, 100), 0);
	pdf_text(dry, &b, SAMPLE, &st);
	cps = pdf_chars(dry, &n);

	tmpdir = getenv("TMPDIR");
	assert_int_equal(setenv("TMPDIR", "/nonexistent/tmp", 1), 0);
	p = doc_for(texts, d);
	if (tmpdir != NULL)
		assert_int_equal(setenv("TMPDIR", tmpdir, 1), 0);
	else
		assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_non_null(p);
	draw_sample(p, q, &out);
	pdf_free(p);
	assert_int_equal(diag_errors(d), 0);

	/* CID i + 1 is cps[i], in the ToUnicode map and in the text. */
	for (i = 0; i < n; i++) {
		snprintf(entry, sizeof(entry), "<%04zX> <%04X>", i + 1,
		    (unsigned int)cps[i]);
		assert_true(stream_has(&out, entry));
	}
	for (u = (const unsigned char *)SAMPLE; *u != '\0'; ) {
		if (*u < 0x80)
			c = *u++;
		else {
			c = (uint32_t)(*u++ & 0x0f) << 12;
			c |= (uint32_t)(*u++ & 0x3f) << 6;
			c |= *u++ & 0x3f;
		}
		for (k = 0; k < n && cps[k] != c; k++)
			continue;
		assert_true(k < n);
		assert_int_equal(buf_printf(&t, "%04zX", k + 1), 0);
	}
	assert_true(stream_has(&out, t.data));

	/* A glyph for each CID, distinct, none for CID 0. */
	assert_true(object_of(&out, "CIDToGIDMap", &dict, &map));
	assert_int_equal(map.len, 2 * (n + 1));
	assert_int_equal(map.data[0] | map.data[1], 0);
	for (i = 1; i <= n; i++) {
		g = (size_t)(unsigned char)map.data[2 * i] << 8 |
		    (unsigned char)map.data[2 * i + 1];
		assert_int_not_equal(g, 0);
		for (k = 1; k < i; k++)
			assert_false(map.data[2 * k] == map.data[2 * i] &&
			    map.data[2 * k + 1] == map.data[2 * i + 1]);
	}

	/* The font program is the subset, deflated once. */
	buf_reset(&dict);
	assert_true(object_of(&out, "FontFile2", &dict, &prog));
	assert_int_equal(font_subset(fontfile, fontindex, cps, n, &sub), 0);
	assert_int_equal(prog.len, sub.len);
	assert_memory_equal(prog.data, sub.data, sub.len);
	buf_reset(&t);
	assert_int_equal(buf_printf(&t, "/Length1 %zu\n", sub.len), 0);
	assert_non_null(strstr(dict.data, t.data));
	assert_non_null(strstr(dict.data, "/Filter /FlateDecode\n"));

	pdf_free(dry);
	qr_free(q);
	buf_release(&out);
	buf_release(&dict);
	buf_release(&map);
	buf_release(&prog);
	buf_release(&sub);
	buf_release(&t);
	diag_free(d);
}

static void
test_qr_points(void **state)
{
	static const char *const texts[] = { "码", NULL };
	struct diag	*d;
	struct pdf	*p;
	struct qr	*q;
	struct pdf_box	 got;
	double		 ph = 841.89;

	(void)state;
	NEED_FONT();
	d = diag_new(NULL);
	assert_non_null(d);
	q = qr_new("https://wgh.example.gov.cn/", 'Q');
	assert_non_null(q);
	p = doc_for(texts, d);
	assert_non_null(p);
	assert_int_equal(pdf_page(p, 595.276, ph), 0);
	pdf_qr(p, 100.3, 200.6, 3, QR_QUIET, q, 0, &got);
	/* Moved right and down by less than a point, onto whole points. */
	assert_true(got.x >= 100.3 && got.x < 101.3);
	assert_true(got.y >= 200.6 && got.y < 201.6);
	assert_true(fabs(got.x - floor(got.x + 0.5)) < 1e-6);
	assert_true(fabs((ph - got.y) - floor(ph - got.y + 0.5)) < 1e-3);
	assert_true(fabs(got.w - (q->width + 2 * QR_QUIET) * 3) < EPS);
	assert_true(fabs(got.h - got.w) < EPS);
	pdf_free(p);
	qr_free(q);
	diag_free(d);
}

/*
 * A QR code is one path of rectangles on whole points, filled once, that
 * covers exactly its dark modules, each once; runs repeated on the rows
 * below share a rectangle, so there are fewer rectangles than runs.
 */
static void
test_qr_rects(void **state)
{
	static const char *const texts[] = { "码", NULL };
	struct diag	*d;
	struct pdf	*p;
	struct qr	*q;
	struct pdf_box	 got;
	struct buf	 out, c;
	unsigned char	*cover;
	const char	*t;
	char		*e;
	double		 v[4], top, ph = 841.89;
	int		 module = 2, nv = 0, fills = 0, rects = 0, runs = 0;
	int		 i, x, y, x0, y0, w, h, n;

	(void)state;
	NEED_FONT();
	d = diag_new(NULL);
	assert_non_null(d);
	q = qr_new("https://wgh.example.gov.cn/g/410182101001001/", 'Q');
	assert_non_null(q);
	n = q->width;
	cover = calloc((size_t)n * (size_t)n, 1);
	assert_non_null(cover);
	buf_init(&out);
	buf_init(&c);
	p = doc_for(texts, d);
	assert_non_null(p);
	assert_int_equal(pdf_page(p, 595.276, ph), 0);
	pdf_qr(p, 36.4, 200.3, module, QR_QUIET, q, 0, &got);
	assert_int_equal(pdf_finish(p, &out), 0);
	assert_true(stream_get(&out, " re", &c));
	top = floor(ph - got.y + 0.5);

	/* The quiet zone, "re f", then the code, "re ... re f". */
	for (t = c.data; *t != '\0'; ) {
		while (*t == ' ' || *t == '\n' || *t == '\r')
			t++;
		if (*t == '\0')
			break;
		if (strncmp(t, "re", 2) == 0 && nv == 4) {
			if (fills == 1) {
				for (i = 0; i < 4; i++)
					assert_true(fabs(v[i] - floor(v[i] +
					    0.5)) < 1e-6);
				x0 = (int)(v[0] - got.x) / module - QR_QUIET;
				y0 = (int)(top - v[1] - v[3]) / module -
				    QR_QUIET;
				w = (int)v[2] / module;
				h = (int)v[3] / module;
				assert_true(x0 >= 0 && y0 >= 0 && w > 0 &&
				    h > 0 && x0 + w <= n && y0 + h <= n);
				for (y = y0; y < y0 + h; y++)
					for (x = x0; x < x0 + w; x++)
						cover[y * n + x]++;
				rects++;
			}
			nv = 0;
			t += 2;
		} else if (*t == 'f' && (t[1] == '\n' || t[1] == ' ')) {
			fills++;
			nv = 0;
			t++;
		} else {
			v[nv % 4] = strtod(t, &e);
			if (e == t) {
				nv = 0;
				while (*t != '\0' && *t != ' ' && *t != '\n')
					t++;
			} else {
				nv = nv < 4 ? nv + 1 : 4;
				t = e;
			}
		}
	}
	assert_int_equal(fills, 2);
	for (i = 0; i < n * n; i++)
		assert_int_equal(cover[i], q->dark[i] ? 1 : 0);
	assert_int_equal(qr_runs(q, count_run, &runs), 0);
	assert_true(rects > 0 && rects < runs);

	pdf_free(p);
	free(cover);
	buf_release(&c);
	buf_release(&out);
	qr_free(q);
	diag_free(d);
}

static void
test_errors(void **state)
{
	static const char *const texts[] = { "网", NULL };
	static const uint32_t	 cp = 0x7f51;
	struct diag		*d;
	struct pdf		*p;
	struct buf		 out;

	(void)state;
	d = diag_new(NULL);
	assert_non_null(d);
	buf_init(&out);

	/* Not a font: reported, no document. */
	assert_null(pdf_new(NAME, "/dev/null", 0, &cp, 1, d));
	assert_int_equal(diag_errors(d), 1);
	assert_null(pdf_new(NAME, "/nonexistent/font.ttf", 0, &cp, 1, d));
	assert_int_equal(diag_errors(d), 2);

	/* A libharu error goes to diag with the document's name, once. */
	if (fontfile != NULL) {
		p = doc_for(texts, d);
		assert_non_null(p);
		assert_int_equal(pdf_page(p, 0, 0), -1);
		assert_int_equal(pdf_page(p, -1, -1), -1);
		assert_int_equal(diag_errors(d), 3);
		assert_non_null(strstr(diag_text(d), NAME ": "));
		assert_non_null(strstr(diag_text(d), "libharu error 0x"));
		assert_int_equal(pdf_finish(p, &out), -1);
		pdf_free(p);
	}
	buf_release(&out);
	diag_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paper),
		cmocka_unit_test(test_dry_chars),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_text_fit),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_font_objects),
		cmocka_unit_test(test_qr_points),
		cmocka_unit_test(test_qr_rects),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
