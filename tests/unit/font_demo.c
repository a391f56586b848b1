/*
 * Throwaway proof that font_subset output works in libharu 2.3.0.
 *
 * Subsets the CJK face font_find picks to the characters of a sample
 * notice, loads the subset into libharu, writes a page of Chinese text and
 * checks the PDF with pdftotext (exact text) and qpdf --check.  For
 * comparison it does the same with the whole face, each both without
 * compression and with HPDF_COMP_ALL, and prints a table of sizes.
 *
 * Usage: font_demo [DIR]   (files go to DIR, default a new /tmp directory)
 * Exit status 0 when every PDF passed both checks.
 *
 * A test program: it includes hpdf.h itself (in src/ only pdf.c may) and
 * prints, which src/ modules never do.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf.h>

#include "buf.h"
#include "font.h"

/* Family asked of fontconfig. */
#define FAMILY		"WenQuanYi Micro Hei"
/* Lines written on the page; their characters make the subset. */
#define LINE1		"翠庙镇网格星级评定公示"
#define LINE2		"红星 无星 黑星"
#define LINE3		"0123456789"
/* Most code points the sample text can hold. */
#define CPS_MAX		128
/* Font size and line pitch, in points. */
#define FONT_PT		24
#define PITCH_PT	40
/* Longest pdftotext output read back. */
#define TEXT_MAX	4096

/* Set by the libharu error handler. */
static HPDF_STATUS	 hpdf_err, hpdf_detail;

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *data)
{
	(void)data;
	if (hpdf_err == 0) {
		hpdf_err = error_no;
		hpdf_detail = detail_no;
	}
}

/*
 * Decode UTF-8 text into code points (the text is ours and valid).
 * Returns the number stored.
 */
static size_t
utf8_decode(const char *s, uint32_t *cps, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;
	uint32_t		 c;
	int			 extra;

	while (*p != '\0' && n < max) {
		if (*p < 0x80) {
			c = *p++;
			extra = 0;
		} else if (*p < 0xe0) {
			c = *p++ & 0x1f;
			extra = 1;
		} else if (*p < 0xf0) {
			c = *p++ & 0x0f;
			extra = 2;
		} else {
			c = *p++ & 0x07;
			extra = 3;
		}
		while (extra-- > 0 && (*p & 0xc0) == 0x80)
			c = c << 6 | (*p++ & 0x3f);
		cps[n++] = c;
	}
	return n;
}

/*
 * Write a one-page PDF with the three lines in a TrueType font loaded from
 * ttf (face index idx when ttc is set).  Returns 0 or -1.
 */
static int
write_pdf(const char *out, const char *ttf, int ttc, int idx, int compress)
{
	HPDF_Doc	 pdf;
	HPDF_Page	 page;
	HPDF_Font	 font;
	const char	*name;
	int		 rc = -1;

	hpdf_err = 0;
	if ((pdf = HPDF_New(on_error, NULL)) == NULL)
		return -1;
	if (compress)
		HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	if (ttc)
		name = HPDF_LoadTTFontFromFile2(pdf, ttf, (HPDF_UINT)idx,
		    HPDF_TRUE);
	else
		name = HPDF_LoadTTFontFromFile(pdf, ttf, HPDF_TRUE);
	if (name == NULL)
		goto out;
	if ((font = HPDF_GetFont(pdf, name, "UTF-8")) == NULL)
		goto out;
	page = HPDF_AddPage(pdf);
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, FONT_PT);
	HPDF_Page_TextOut(page, 72, 720, LINE1);
	HPDF_Page_TextOut(page, 72, 720 - PITCH_PT, LINE2);
	HPDF_Page_TextOut(page, 72, 720 - 2 * PITCH_PT, LINE3);
	HPDF_Page_EndText(page);
	if (hpdf_err == 0 && HPDF_SaveToFile(pdf, out) == HPDF_OK)
		rc = 0;
out:
	if (hpdf_err != 0)
		fprintf(stderr, "font_demo: %s: libharu error 0x%04X, "
		    "detail %u\n", out, (unsigned int)hpdf_err,
		    (unsigned int)hpdf_detail);
	HPDF_Free(pdf);
	return rc;
}

/*
 * Run a shell command and read its standard output into buf (size max).
 * Returns the exit status, or -1.
 */
static int
run(const char *cmd, char *buf, size_t max)
{
	FILE	*p;
	size_t	 n = 0;
	int	 st;

	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	if (buf != NULL) {
		n = fread(buf, 1, max - 1, p);
		buf[n] = '\0';
	} else
		while (fgetc(p) != EOF)
			continue;
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Size of a file in bytes, or -1. */
static long
file_size(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == -1 ? -1 : (long)st.st_size;
}

/*
 * The /Length1 of the embedded FontFile2 (the uncompressed font size),
 * read from the PDF's stream dictionary, or -1.
 */
static long
length1(const char *path)
{
	char	 cmd[PATH_MAX + 64], out[64];

	snprintf(cmd, sizeof(cmd),
	    "grep -a -o '/Length1 [0-9]*' '%s' | head -n 1 | cut -d' ' -f2",
	    path);
	if (run(cmd, out, sizeof(out)) != 0 || out[0] == '\0')
		return -1;
	return strtol(out, NULL, 10);
}

/* Drop trailing newlines and form feeds (pdftotext ends pages with them). */
static void
chomp(char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\f'))
		s[--n] = '\0';
}

/*
 * Check one PDF: pdftotext must give back exactly the three lines and
 * qpdf --check must pass.  pdftotext's warnings are shown, not failed on.
 * Prints one table row.  Returns 0 or -1.
 */
static int
check_pdf(const char *label, const char *path)
{
	char	 cmd[PATH_MAX + 64], text[TEXT_MAX], warn[TEXT_MAX];
	int	 text_ok, qpdf_ok;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' - 2>/dev/null",
	    path);
	text_ok = run(cmd, text, sizeof(text)) == 0;
	chomp(text);
	text_ok = text_ok && strcmp(text, LINE1 "\n" LINE2 "\n" LINE3) == 0;
	snprintf(cmd, sizeof(cmd),
	    "pdftotext '%s' /dev/null 2>&1 | sort | uniq -c", path);
	if (run(cmd, warn, sizeof(warn)) != 0)
		warn[0] = '\0';
	chomp(warn);
	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' >/dev/null 2>&1",
	    path);
	qpdf_ok = run(cmd, NULL, 0) == 0;
	printf("%-26s %8ld %10ld   %-4s %-4s\n", label, file_size(path),
	    length1(path), text_ok ? "ok" : "FAIL", qpdf_ok ? "ok" : "FAIL");
	if (!text_ok)
		printf("  pdftotext gave: \"%s\"\n", text);
	if (warn[0] != '\0')
		printf("  pdftotext stderr: %s\n", warn);
	return text_ok && qpdf_ok ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	static char	 tmpl[] = "/tmp/font_demo.XXXXXX";
	const char	*dir;
	char		*font, ttf[PATH_MAX], pdf[PATH_MAX];
	uint32_t	 cps[CPS_MAX];
	size_t		 ncps;
	struct buf	 b;
	FILE		*f;
	int		 idx, compress, bad = 0;

	if (argc > 1)
		dir = argv[1];
	else if ((dir = mkdtemp(tmpl)) == NULL) {
		perror("font_demo: mkdtemp");
		return 1;
	}

	if ((font = font_find(FAMILY, &idx)) == NULL) {
		fprintf(stderr, "font_demo: %s: %s\n", FAMILY,
		    strerror(errno));
		return 1;
	}
	ncps = utf8_decode(LINE1 " " LINE2 " " LINE3, cps, CPS_MAX);

	buf_init(&b);
	if (font_subset(font, idx, cps, ncps, &b) == -1) {
		fprintf(stderr, "font_demo: %s: %s\n", font, strerror(errno));
		return 1;
	}
	snprintf(ttf, sizeof(ttf), "%s/subset.ttf", dir);
	if ((f = fopen(ttf, "wb")) == NULL ||
	    fwrite(b.data, 1, b.len, f) != b.len || fclose(f) == EOF) {
		fprintf(stderr, "font_demo: %s: %s\n", ttf, strerror(errno));
		return 1;
	}
	printf("font      %s face %d, %ld bytes\n", font, idx,
	    file_size(font));
	printf("subset    %s, %zu characters, %zu bytes\n\n", ttf, ncps,
	    b.len);
	buf_release(&b);

	printf("%-26s %8s %10s   %-4s %-4s\n", "pdf", "bytes", "Length1",
	    "text", "qpdf");
	for (compress = 0; compress <= 1; compress++) {
		snprintf(pdf, sizeof(pdf), "%s/subset%s.pdf", dir,
		    compress ? "-z" : "");
		if (write_pdf(pdf, ttf, 0, 0, compress) == -1 ||
		    check_pdf(compress ? "subset, COMP_ALL" :
		    "subset, uncompressed", pdf) == -1)
			bad++;
		snprintf(pdf, sizeof(pdf), "%s/whole%s.pdf", dir,
		    compress ? "-z" : "");
		if (write_pdf(pdf, font, 1, idx, compress) == -1 ||
		    check_pdf(compress ? "whole face, COMP_ALL" :
		    "whole face, uncompressed", pdf) == -1)
			bad++;
	}
	printf("\nfiles in %s\n", dir);
	free(font);
	return bad ? 1 : 0;
}
