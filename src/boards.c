/*
 * Notice boards and QR codes: see boards.h.
 *
 * Every PDF is drawn twice (pdf.h): a dry run gathers the characters its
 * text uses, then the real run embeds the theme's font subset to exactly
 * those and draws again.  The pages themselves are drawn by sheets.c
 * (village and town boards, grid cards) and bulletin.c; the print-shop
 * file draws them all once more into one document.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boards.h"
#include "boardstyle.h"
#include "buf.h"
#include "bulletin.h"
#include "date.h"
#include "diag.h"
#include "font.h"
#include "fsout.h"
#include "layout.h"
#include "pdf.h"
#include "qr.h"
#include "sheets.h"

/* Width of the PNG QR codes, in pixels (issue 4). */
#define QR_PNG_PX	1200
/*
 * Environment variable naming a folder for layout traces: for each PDF,
 * a file <name>.boxes of the boxes its text, stars and codes were drawn
 * into (pdf_trace).  For tests/boards/ only.
 */
#define TRACE_ENV	"GRIDSTAR_BOARDS_TRACE"

struct boards {
	const struct input	*in;		/* borrowed */
	struct boardstyle	*st;		/* the theme's look */
	char			*fontfile;	/* the CJK font */
	int			 fontindex;	/* face in fontfile */
};

/* What a document holds: pages of one kind for one grid. */
enum part_kind {
	PART_TOWN,		/* town board of a level-1 grid */
	PART_VILLAGE,		/* village board of a level-2 grid */
	PART_CARD,		/* card of a level-3 grid */
	PART_BULLETIN		/* the month's bulletin */
};

struct part {
	int	 kind;		/* enum part_kind */
	int	 grid;		/* index into input.grids (not for bulletins) */
};

struct boards *
boards_new(const struct input *in, const char *themes_dir, const char *theme,
    struct diag *d)
{
	struct boards	*b;
	struct buf	 path, probe;
	uint32_t	 cp = FONT_PROBE_CP;

	buf_init(&path);
	buf_init(&probe);
	if ((b = calloc(1, sizeof(*b))) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	b->in = in;
	buf_printf(&path, "%s/%s/theme.ini", themes_dir,
	    theme != NULL ? theme : "default");
	if (path.oom) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto fail;
	}
	if ((b->st = boardstyle_load(path.data, d)) == NULL)
		goto fail;
	if (b->st->file != NULL) {
		if ((b->fontfile = strdup(b->st->file)) == NULL) {
			diag_error(d, NULL, 0, 0, "out of memory");
			goto fail;
		}
		b->fontindex = b->st->index;
		if (access(b->fontfile, R_OK) != 0) {
			diag_error(d, path.data, 0, 0, "[font] file: %s: %s",
			    b->fontfile, strerror(errno));
			goto fail;
		}
	} else if ((b->fontfile = font_find(b->st->family,
	    &b->fontindex)) == NULL) {
		if (errno == ENOENT)
			diag_error(d, path.data, 0, 0, "[font] family \"%s\": "
			    "no Chinese TrueType font found (install "
			    "fonts-wqy-microhei)", b->st->family);
		else
			diag_error(d, path.data, 0, 0, "[font] family \"%s\": "
			    "%s", b->st->family, strerror(errno));
		goto fail;
	}
	/* Try the font now, so that a bad one stops the run before output. */
	if (font_subset(b->fontfile, b->fontindex, &cp, 1, &probe) == -1) {
		diag_error(d, path.data, 0, 0, "[font]: %s: not a usable "
		    "TrueType font: %s", b->fontfile, strerror(errno));
		goto fail;
	}
	buf_release(&probe);
	buf_release(&path);
	return b;
fail:
	buf_release(&probe);
	buf_release(&path);
	boards_free(b);
	return NULL;
}

const char *
boards_font(const struct boards *b)
{
	return b->fontfile;
}

void
boards_free(struct boards *b)
{
	if (b == NULL)
		return;
	boardstyle_free(b->st);
	free(b->fontfile);
	free(b);
}

/*
 * Write the QR codes of grid g: root/qr/<id>.svg and root/qr/<id>.png.
 * Returns 0, or -1 (reported).
 */
static int
write_qr(const struct boards *b, int g, const char *root, struct diag *d)
{
	const struct grid	*gr = &b->in->grids[g];
	struct qr		*q;
	struct buf		 svg, path, rel;
	char			*url;
	int			 rc = -1;

	buf_init(&svg);
	buf_init(&path);
	buf_init(&rel);
	if ((url = layout_url(b->in, g)) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	if ((q = qr_new(url, b->in->set.qr_level)) == NULL) {
		diag_error(d, NULL, 0, 0, "grid %s: cannot make a QR code of "
		    "%s: %s", gr->id, url, errno == ERANGE ?
		    "the address is too long" : strerror(errno));
		goto out;
	}
	buf_puts(&svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_printf(&rel, "qr/%s.svg", gr->id);
	if (qr_svg(q, QR_QUIET, url, &svg) == -1 || buf_putc(&svg, '\n') ||
	    rel.oom) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if (fsout_write(root, rel.data, svg.data, svg.len, d) == -1)
		goto out;
	buf_printf(&path, "%s/qr/%s.png", root, gr->id);
	if (path.oom) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if (qr_png_write(q, QR_QUIET, QR_PNG_PX, path.data) == -1) {
		diag_error(d, path.data, 0, 0, "%s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	qr_free(q);
	free(url);
	buf_release(&svg);
	buf_release(&path);
	buf_release(&rel);
	return rc;
}

/* Draw parts[0..n-1] into l's document.  Returns 0 or -1 (errno set). */
static int
draw_parts(struct layout *l, const struct part *parts, size_t n)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		switch (parts[i].kind) {
		case PART_TOWN:
			rc = sheets_town(l, parts[i].grid);
			break;
		case PART_VILLAGE:
			rc = sheets_village(l, parts[i].grid);
			break;
		case PART_CARD:
			rc = sheets_card(l, parts[i].grid);
			break;
		default:
			rc = bulletin_draw(l);
			break;
		}
	return rc;
}

/*
 * Draw the document of parts[0..n-1] twice (see the top of this file) and
 * write it to root/rel, with its trace into tracedir when not NULL.
 * Returns 0, or -1 (reported).
 */
static int
render_doc(const struct boards *b, const struct result *res,
    const char *root, const char *rel, const struct part *parts, size_t n,
    const char *tracedir, struct diag *d)
{
	struct layout	 l;
	struct pdf	*dry = NULL, *p = NULL;
	struct buf	 name, out, trace, tname;
	const uint32_t	*cps;
	const char	*base;
	size_t		 ncps;
	double		 w, h, a3w, a3h;
	int		 rc = -1;

	buf_init(&name);
	buf_init(&out);
	buf_init(&trace);
	buf_init(&tname);
	memset(&l, 0, sizeof(l));
	l.st = b->st;
	l.in = b->in;
	l.res = res;
	l.m = res->pub;
	pdf_paper(b->in->set.paper, 0, &w, &h);
	pdf_paper(PAPER_A3, 0, &a3w, &a3h);
	l.scale = w / a3w;
	buf_printf(&name, "%s/%s", root, rel);
	if (name.oom || (dry = pdf_dry_new()) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	l.p = dry;
	if (draw_parts(&l, parts, n) == -1) {
		diag_error(d, name.data, 0, 0, "%s", strerror(errno));
		goto out;
	}
	cps = pdf_chars(dry, &ncps);
	if ((p = pdf_new(name.data, b->fontfile, b->fontindex, cps, ncps,
	    d)) == NULL)
		goto out;
	if (tracedir != NULL)
		pdf_trace(p, &trace);
	l.p = p;
	if (draw_parts(&l, parts, n) == -1) {
		/* A libharu error was reported already. */
		if (!pdf_failed(p))
			diag_error(d, name.data, 0, 0, "%s", strerror(errno));
		goto out;
	}
	if (pdf_finish(p, &out) == -1)
		goto out;
	if (fsout_write(root, rel, out.data, out.len, d) == -1)
		goto out;
	if (tracedir != NULL) {
		base = strrchr(rel, '/') != NULL ? strrchr(rel, '/') + 1 : rel;
		buf_printf(&tname, "%s.boxes", base);
		if (tname.oom || trace.oom) {
			diag_error(d, NULL, 0, 0, "out of memory");
			goto out;
		}
		if (fsout_write(tracedir, tname.data, trace.data == NULL ? "" :
		    trace.data, trace.len, d) == -1)
			goto out;
	}
	rc = 0;
out:
	pdf_free(p);
	pdf_free(dry);
	buf_release(&name);
	buf_release(&out);
	buf_release(&trace);
	buf_release(&tname);
	return rc;
}

int
boards_render(struct boards *b, const struct result *res, const char *root,
    struct diag *d)
{
	return boards_render_parts(b, res, root, BOARDS_QR | BOARDS_PDF, d);
}

int
boards_render_parts(struct boards *b, const struct result *res,
    const char *root, unsigned parts, struct diag *d)
{
	const struct input	*in = b->in;
	struct part		*all = NULL, one;
	struct buf		 rel;
	const char		*tracedir;
	char			 mon[16];
	size_t			 i, n = 0;
	int			 kind, rc = 0;

	tracedir = getenv(TRACE_ENV);
	if (tracedir != NULL && tracedir[0] == '\0')
		tracedir = NULL;
	buf_init(&rel);
	if ((all = calloc(in->ngrids + 1, sizeof(*all))) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	date_month_fmt(mon, res->pub->month);

	/* QR codes of every level-2 and level-3 grid active this month. */
	for (i = 0; i < in->ngrids && (parts & BOARDS_QR); i++)
		if (in->grids[i].level >= 2 && res->pub->g[i].active &&
		    write_qr(b, (int)i, root, d) == -1)
			rc = -1;
	if (!(parts & BOARDS_PDF))
		goto out;

	/* One file per board: towns, villages, then cards (the print order). */
	for (kind = PART_TOWN; kind <= PART_CARD && rc == 0; kind++)
		for (i = 0; i < in->ngrids && rc == 0; i++) {
			if (in->grids[i].level != kind + 1 ||
			    !layout_active(in, res->pub, (int)i))
				continue;
			one.kind = kind;
			one.grid = (int)i;
			all[n++] = one;
			buf_reset(&rel);
			buf_printf(&rel, "boards/%s%s.pdf", in->grids[i].id,
			    kind == PART_CARD ? "-card" : "");
			if (rel.oom) {
				diag_error(d, NULL, 0, 0, "out of memory");
				rc = -1;
			} else
				rc = render_doc(b, res, root, rel.data, &one,
				    1, tracedir, d);
		}
	if (rc == 0) {
		one.kind = PART_BULLETIN;
		one.grid = -1;
		all[n++] = one;
		buf_reset(&rel);
		buf_printf(&rel, "boards/%s-bulletin.pdf", mon);
		rc = rel.oom ? -1 : render_doc(b, res, root, rel.data, &one, 1,
		    tracedir, d);
	}
	if (rc == 0) {
		buf_reset(&rel);
		buf_printf(&rel, "boards/%s-all.pdf", mon);
		rc = rel.oom ? -1 : render_doc(b, res, root, rel.data, all, n,
		    tracedir, d);
	}
	if (rel.oom)
		diag_error(d, NULL, 0, 0, "out of memory");
out:
	buf_release(&rel);
	free(all);
	return rc;
}
