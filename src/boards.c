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
#include "input.h"
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
/*
 * For tests/bench/ only: GRIDSTAR_BOARDS names the kinds of print file to
 * write, a comma list of town, village, card, bulletin and all (default:
 * every kind), so that each kind can be timed alone.
 */
#define KINDS_ENV	"GRIDSTAR_BOARDS"

struct boards {
	const struct input	*in;		/* borrowed */
	struct boardstyle	*st;		/* the theme's look */
	char			*fontfile;	/* the CJK font */
	int			 fontindex;	/* face in fontfile */
	struct qr		**qrs;		/* codes made (layout_qr) */
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
	struct layout		 l;
	struct qr		*q;
	struct buf		 svg, rel;
	char			*url;
	int			 rc = -1;

	buf_init(&svg);
	buf_init(&rel);
	if ((url = layout_url(b->in, g)) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	memset(&l, 0, sizeof(l));
	l.in = b->in;
	l.qrs = b->qrs;
	if ((q = layout_qr(&l, g)) == NULL) {
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
	/* Through fsout too, so that an unchanged code keeps its file. */
	buf_reset(&svg);
	buf_reset(&rel);
	buf_printf(&rel, "qr/%s.png", gr->id);
	if (rel.oom || qr_png(q, QR_QUIET, QR_PNG_PX, &svg) == -1) {
		diag_error(d, NULL, 0, 0, "grid %s: cannot make the PNG of "
		    "its QR code: %s", gr->id, strerror(errno));
		goto out;
	}
	if (fsout_write(root, rel.data, svg.data, svg.len, d) == -1)
		goto out;
	rc = 0;
out:
	qr_free(q);
	free(url);
	buf_release(&svg);
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
	l.qrs = b->qrs;
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
	return boards_render_parts(b, res, root, BOARDS_QR | BOARDS_PDF,
	    SHARD_ALL, 1, d);
}

/* The kinds of print file GRIDSTAR_BOARDS asks for, as bits 1 << kind. */
static unsigned
kinds_wanted(void)
{
	static const char *const names[] = { "town", "village", "card",
	    "bulletin", "all" };
	const char	*e = getenv(KINDS_ENV), *p;
	unsigned	 k = 0;
	size_t		 i, len;

	if (e == NULL || *e == '\0')
		return ~0u;
	for (p = e; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i]) == len &&
			    strncmp(p, names[i], len) == 0)
				k |= 1u << i;
	}
	return k;
}

/* Whether grid i's files are for this shard (see config.h). */
static int
mine(const struct input *in, const int *key, int i, int shard, int nshards)
{
	if (shard == SHARD_ALL)
		return 1;
	if (in->grids[i].level == 1)
		return shard == SHARD_COMMON;
	return shard >= 0 && key[i] % nshards == shard;
}

int
boards_render_parts(struct boards *b, const struct result *res,
    const char *root, unsigned parts, int shard, int nshards,
    struct diag *d)
{
	const struct input	*in = b->in;
	struct part		*all = NULL, one;
	struct buf		 rel;
	const char		*tracedir;
	char			 mon[16];
	size_t			 i, n = 0;
	int			*key = NULL, kind, rc = 0;
	int			 common = shard == SHARD_ALL ||
				    shard == SHARD_COMMON;
	unsigned		 want = kinds_wanted();

	tracedir = getenv(TRACE_ENV);
	if (tracedir != NULL && tracedir[0] == '\0')
		tracedir = NULL;
	if (nshards < 1)
		nshards = 1;
	buf_init(&rel);
	if ((all = calloc(in->ngrids + 1, sizeof(*all))) == NULL ||
	    (key = calloc(in->ngrids + 1, sizeof(*key))) == NULL ||
	    (b->qrs = calloc(in->ngrids + 1, sizeof(*b->qrs))) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		free(all);
		free(key);
		return -1;
	}
	date_month_fmt(mon, res->pub->month);
	input_shard_keys(in, key);

	/*
	 * QR codes of every level-2 and level-3 grid, active this month or
	 * not: each has a page, and a grid's page shows its qr/<id>.svg.
	 */
	for (i = 0; i < in->ngrids && (parts & BOARDS_QR); i++)
		if (in->grids[i].level >= 2 &&
		    mine(in, key, (int)i, shard, nshards) &&
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
			if (!(want & 1u << kind) ||
			    !mine(in, key, (int)i, shard, nshards))
				continue;
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
	one.kind = PART_BULLETIN;
	one.grid = -1;
	all[n++] = one;
	if (rc == 0 && common && (want & 1u << PART_BULLETIN)) {
		buf_reset(&rel);
		buf_printf(&rel, "boards/%s-bulletin.pdf", mon);
		rc = rel.oom ? -1 : render_doc(b, res, root, rel.data, &one, 1,
		    tracedir, d);
	}
	if (rc == 0 && common && (want & 1u << (PART_BULLETIN + 1))) {
		buf_reset(&rel);
		buf_printf(&rel, "boards/%s-all.pdf", mon);
		rc = rel.oom ? -1 : render_doc(b, res, root, rel.data, all, n,
		    tracedir, d);
	}
	if (rel.oom)
		diag_error(d, NULL, 0, 0, "out of memory");
out:
	for (i = 0; i <= in->ngrids; i++)
		qr_free(b->qrs[i]);
	free(b->qrs);
	b->qrs = NULL;
	buf_release(&rel);
	free(all);
	free(key);
	return rc;
}
