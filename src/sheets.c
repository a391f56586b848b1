/*
 * Village boards, grid cards and town boards: see sheets.h.
 *
 * Every size comes from the theme (boardstyle.h); the boards' sizes are
 * given for A3 and scaled to the paper of [boards] paper.  Geometry that
 * is not a size of the theme is a proportion of one, named below.  A page
 * is planned top-down: fixed blocks first (band, stage line, summary,
 * heading), the footer and legend from the bottom, and table rows in what
 * is left, so that no two boxes overlap (tests/boards/ checks it).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardstyle.h"
#include "buf.h"
#include "input.h"
#include "layout.h"
#include "model.h"
#include "num.h"
#include "pdf.h"
#include "qr.h"
#include "sheets.h"

/* Heights of blocks as multiples of their text size. */
#define BAND_EM		1.6	/* title band */
#define LINE_EM		1.7	/* a one-line block */
#define TIGHT_EM	1.5	/* a one-line block where room is short */
#define VALUE_EM	1.6	/* a summary value */
#define TWO_LINES_EM	2.6	/* a block of two lines */
#define THREE_LINES_EM	3.85	/* a block of three lines */
/* Width of the village code's caption, in ems of its text (two lines). */
#define CAPTION_EM	7.5
/*
 * Room on each side of a QR code, in points: pdf_qr moves a code by less
 * than a point to put it on whole points.
 */
#define QR_ROOM		1.0
/* Modules per side of the smallest QR code (version 1). */
#define QR_V1_WIDTH	21
/* Share of a star cell's height given to the star's word. */
#define STAR_WORD_EM	1.4
/* Most columns of the village table: name, leader, phone, 5 stars, 6 more. */
#define VCOLS		(3 + DOM__MAX + 6)
/* Placeholder of an absent value: an em dash. */
#define ABSENT		"\xe2\x80\x94"
/* Columns of the town table. */
#define TCOLS		9
/* Cells of the village summary. */
#define SUMMARY_CELLS	6
/*
 * Card: gaps the spare height is shared among (one more than are used,
 * leaving room above the footer), and the share of the width left of the
 * warning.
 */
#define CARD_GAPS	6
#define CARD_SPLIT	0.6
/* Heights of the town board's charts, in lines of body text. */
#define TOWN_VBARS_EM	9.0
#define TOWN_HBARS_EM	8.0
/* Height of a town table row, in lines of body text. */
#define TOWN_ROW_EM	1.5

/* A3 board sizes scaled to the paper. */
struct bsz {
	double	 margin, title, subtitle, head, body, small, min, pad, star,
		 rule;
	double	 gap;		/* between blocks: twice the padding */
};

/* Scale the A3 board sizes of the theme by l->scale. */
static void
board_sizes(const struct layout *l, struct bsz *z)
{
	const struct bs_board	*b = &l->st->board;
	double			 s = l->scale;

	z->margin = b->margin * s;
	z->title = b->title * s;
	z->subtitle = b->subtitle * s;
	z->head = b->head * s;
	z->body = b->body * s;
	z->small = b->small * s;
	z->min = b->min * s;
	z->pad = b->pad * s;
	z->star = b->star * s;
	z->rule = b->rule * s;
	z->gap = 2 * z->pad;
}

/* Box b shrunk by pad on every side. */
static struct pdf_box
inset(const struct pdf_box *b, double pad)
{
	struct pdf_box	 r;

	r.x = b->x + pad;
	r.y = b->y + pad;
	r.w = b->w - 2 * pad;
	r.h = b->h - 2 * pad;
	if (r.w < 0)
		r.w = 0;
	if (r.h < 0)
		r.h = 0;
	return r;
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
 * Footer line at the bottom of the page: data month and publication date
 * on the left, the site title (and "第k张/共n张" when there are several
 * sheets) on the right.
 */
static void
footer(struct layout *l, double x, double y, double w, double h,
    double size, int sheet, int nsheets)
{
	struct pdf_style	 s;
	struct pdf_box		 b;
	struct buf		 t;
	double			 lw;

	buf_init(&t);
	layout_footer_text(l, &t);
	s = layout_style(size, size, l->st->c.muted, PDF_LEFT, 1);
	lw = pdf_text_width(l->p, t.data == NULL ? "" : t.data, size) + 1;
	if (lw > w / 2)
		lw = w / 2;
	b = box(x, y, lw, h);
	pdf_text(l->p, &b, t.data == NULL ? "" : t.data, &s);
	buf_reset(&t);
	if (l->in->set.title != NULL)
		buf_puts(&t, l->in->set.title);
	if (nsheets > 1)
		buf_printf(&t, "\xe3\x80\x80第%d张/共%d张", sheet, nsheets);
	if (t.len > 0) {
		s.align = PDF_RIGHT;
		b = box(x + lw + size, y, w - lw - size, h);
		pdf_text(l->p, &b, t.data, &s);
	}
	buf_release(&t);
}

/* A grid's figures in the published month. */
static const struct gres *
gr(const struct layout *l, int g)
{
	return &l->m->g[g];
}

/*
 * Active children of grid g in the published month, in id order (the
 * order of grids.csv's ids).  Stores a malloc'd array the caller frees in
 * *out (NULL when there are none).  Returns the count, or -1 (ENOMEM).
 */
static long
active_children(const struct layout *l, int g, int **out)
{
	const struct grid	*p = &l->in->grids[g];
	size_t			 i, n = 0;
	int			*a;

	*out = NULL;
	if (p->nchildren == 0)
		return 0;
	if ((a = calloc(p->nchildren, sizeof(*a))) == NULL)
		return -1;
	for (i = 0; i < p->nchildren; i++)
		if (gr(l, p->children[i])->active)
			a[n++] = p->children[i];
	*out = a;
	return (long)n;
}

/* Free n QR codes and their array. */
static void
free_qrs(struct qr **q, size_t n)
{
	size_t	 i;

	if (q == NULL)
		return;
	for (i = 0; i < n; i++)
		qr_free(q[i]);
	free(q);
}

/*
 * Make the QR codes of grids g[0..n-1].  Returns the array (the caller
 * frees it with free_qrs) or NULL (errno set); n == 0 gives a valid
 * pointer too.
 */
static struct qr **
make_qrs(const struct layout *l, const int *g, size_t n)
{
	struct qr	**q;
	size_t		 i;

	if ((q = calloc(n + 1, sizeof(*q))) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((q[i] = layout_qr(l, g[i])) == NULL) {
			free_qrs(q, i);
			return NULL;
		}
	return q;
}

/* What a column of the village table shows. */
enum vcol {
	VC_NAME,		/* sub-grid name */
	VC_LEADER,		/* its leader */
	VC_PHONE,		/* the leader's phone */
	VC_CONTACT,		/* leader over phone, on narrow pages */
	VC_STAR,		/* a domain star (vplan.dom) */
	VC_LEVEL,		/* star level */
	VC_SCORE,		/* monthly score */
	VC_RANK,		/* rank in the village */
	VC_SUBSIDY,		/* subsidy */
	VC_WARNING,		/* warning patch and word */
	VC_QR			/* the sub-grid's code */
};

/* The plan of a village board, the same on every sheet. */
struct vplan {
	struct bsz	 z;
	double		 pw, ph;		/* page size */
	int		 narrow;		/* portrait: fewer columns */
	double		 vside;			/* village QR with quiet zone */
	int		 vmod;			/* its module, points */
	double		 qside;			/* row QR with quiet zone */
	int		 qmod;			/* row QR module, points */
	double		 band_h, stage_h, label_h, value_h, top_h;
	int		 srows;			/* rows of summary cells */
	double		 table_y, head_h, row_h, legend_h, foot_h;
	size_t		 per_sheet;		/* rows per sheet */
	size_t		 ncols;
	struct layout_col cols[VCOLS];
	int		 kind[VCOLS];		/* enum vcol */
	int		 dom[VCOLS];		/* domain of a VC_STAR column */
	char		 heads[VCOLS][LAYOUT_TEXT_MAX];
};

/* Add a column of kind k, heading head, weight w to the plan. */
static void
vcol_add(struct vplan *pl, int k, const char *head, double w, int dom)
{
	size_t	 i = pl->ncols++;

	snprintf(pl->heads[i], LAYOUT_TEXT_MAX, "%s", head);
	pl->cols[i].head = pl->heads[i];
	pl->cols[i].w = w;
	pl->cols[i].align = k == VC_NAME ? PDF_LEFT : PDF_CENTER;
	pl->kind[i] = k;
	pl->dom[i] = dom;
}

/*
 * Plan the village board of v with rows nrows whose codes are qrs, the
 * village's own code being vq.  On a portrait page, leader and phone
 * share a column and the summary takes two rows.
 */
static void
vplan_make(struct layout *l, int v, struct vplan *pl, struct qr **qrs,
    size_t nrows, const struct qr *vq)
{
	const struct bs_vcols	*wc = &l->st->vcols;
	const char		*noun;
	struct bsz		*z = &pl->z;
	char			 h[LAYOUT_TEXT_MAX];
	double			 sum = 0, rest, avail;
	size_t			 i;
	int			 width = QR_V1_WIDTH;

	board_sizes(l, z);
	pdf_paper(l->in->set.paper, l->in->set.landscape, &pl->pw, &pl->ph);
	pl->narrow = pl->pw < pl->ph;

	/* Row codes share one module size, big enough for the widest. */
	pl->qmod = 1;
	for (i = 0; i < nrows; i++) {
		if (layout_qr_module(qrs[i], l->st->board.qr_mm) > pl->qmod)
			pl->qmod = layout_qr_module(qrs[i],
			    l->st->board.qr_mm);
		if (qrs[i]->width > width)
			width = qrs[i]->width;
	}
	pl->qside = (double)(width + 2 * QR_QUIET) * pl->qmod;
	pl->vmod = layout_qr_module(vq, l->st->board.qr_village_mm);
	pl->vside = (double)(vq->width + 2 * QR_QUIET) * pl->vmod;

	pl->band_h = z->title * BAND_EM;
	pl->stage_h = z->subtitle * TIGHT_EM;
	pl->label_h = z->small * TIGHT_EM;
	pl->value_h = z->body * VALUE_EM;
	pl->srows = pl->narrow ? 2 : 1;
	pl->top_h = pl->band_h + pl->stage_h + pl->srows * (pl->label_h +
	    pl->value_h);
	if (pl->vside + 2 * QR_ROOM > pl->top_h)
		pl->top_h = pl->vside + 2 * QR_ROOM;
	pl->table_y = z->margin + pl->top_h + z->gap;
	pl->head_h = z->head * (pl->narrow ? THREE_LINES_EM : TWO_LINES_EM) +
	    z->pad;
	pl->row_h = pl->qside + 2 * QR_ROOM;
	pl->foot_h = z->small * LINE_EM;
	pl->legend_h = layout_legend(l, z->margin, 0, pl->pw - 2 * z->margin,
	    z->small, 0);
	avail = pl->ph - z->margin - pl->foot_h - pl->legend_h - z->gap -
	    pl->table_y - pl->head_h;
	pl->per_sheet = avail > pl->row_h ? (size_t)floor(avail / pl->row_h) :
	    1;

	/* Columns: weights of the theme over what the QR column leaves. */
	vcol_add(pl, VC_NAME, "网格名称", wc->name, 0);
	if (pl->narrow)
		vcol_add(pl, VC_CONTACT, "网格长\n联系电话",
		    wc->leader + wc->phone, 0);
	else {
		vcol_add(pl, VC_LEADER, "网格长", wc->leader, 0);
		vcol_add(pl, VC_PHONE, "联系电话", wc->phone, 0);
	}
	for (i = 0; i < DOM__MAX; i++)
		vcol_add(pl, VC_STAR, input_domain_zh((int)i), wc->star,
		    (int)i);
	vcol_add(pl, VC_LEVEL, "星级", wc->level, 0);
	noun = layout_village_noun(l->in->grids[v].name);
	vcol_add(pl, VC_SCORE, "月考核得分", wc->score, 0);
	snprintf(h, sizeof(h), "%s内排名", noun);
	vcol_add(pl, VC_RANK, h, wc->rank, 0);
	snprintf(h, sizeof(h), "%s(元)", l->m->stage == STAGE_FINAL ?
	    "奖补资金" : "预计奖补");
	vcol_add(pl, VC_SUBSIDY, h, wc->subsidy, 0);
	vcol_add(pl, VC_WARNING, "预警", wc->warning, 0);
	for (i = 0; i < pl->ncols; i++)
		sum += pl->cols[i].w;
	rest = pl->pw - 2 * z->margin - (pl->qside + 2 * QR_ROOM);
	for (i = 0; i < pl->ncols; i++)
		pl->cols[i].w *= rest / sum;
	vcol_add(pl, VC_QR, "扫码查看", pl->qside + 2 * QR_ROOM, 0);
}

/*
 * Label and value of summary cell i of village v (its figures r): the
 * mean stars, level, score, rank in the town, subsidy, and the warning
 * (whose value is drawn as a patch, so left empty).
 */
static void
summary_cell(const struct layout *l, int v, int i, char *lab, char *val)
{
	const struct grid	*vg = &l->in->grids[v];
	const struct gres	*r = gr(l, v);
	const char		*noun = layout_village_noun(vg->name);

	val[0] = '\0';
	switch (i) {
	case 0:
		snprintf(lab, LAYOUT_TEXT_MAX, "%s平均星级", noun);
		layout_num2(val, r->rated ? r->stars_mean : NUM_ABSENT);
		break;
	case 1:
		snprintf(lab, LAYOUT_TEXT_MAX, "%s星级", noun);
		snprintf(val, LAYOUT_TEXT_MAX, "%s",
		    layout_level_word(r->rated ? r->level : -1));
		break;
	case 2:
		snprintf(lab, LAYOUT_TEXT_MAX, "月考核得分");
		layout_num2(val, r->rated ? r->monthly : NUM_ABSENT);
		break;
	case 3:
		snprintf(lab, LAYOUT_TEXT_MAX, "全%s排名", vg->town >= 0 ?
		    layout_town_noun(l->in->grids[vg->town].name) : "镇(街道)");
		layout_rank(val, r->rated ? r->rank_town : 0);
		break;
	case 4:
		snprintf(lab, LAYOUT_TEXT_MAX, "%s(元)",
		    l->m->stage == STAGE_FINAL ? "奖补资金" : "预计奖补");
		layout_num2(val, r->rated ? r->subsidy : NUM_ABSENT);
		break;
	default:
		snprintf(lab, LAYOUT_TEXT_MAX, "预警");
		break;
	}
}

/*
 * The top of a village board sheet: band, stage line and the village's
 * summary on the left; the village's code on the right, its caption
 * beside it at the end of the summary row.
 */
static void
village_top(struct layout *l, int v, const struct vplan *pl,
    const struct qr *vq)
{
	const struct bsz	*z = &pl->z;
	const struct grid	*vg = &l->in->grids[v];
	const struct gres	*r = gr(l, v);
	struct pdf_style	 s;
	struct pdf_box		 b, cell;
	struct buf		 t;
	char			 mon[LAYOUT_TEXT_MAX], val[LAYOUT_TEXT_MAX];
	char			 lab[LAYOUT_TEXT_MAX];
	double			 left, capw, cw, sy, ww;
	int			 i, per, warning;

	left = pl->pw - 2 * z->margin - pl->vside - 2 * QR_ROOM - z->gap;
	capw = z->small * CAPTION_EM;
	buf_init(&t);
	buf_printf(&t, "%s网格星级评定公示", vg->name);
	b = box(z->margin, z->margin, left, pl->band_h);
	layout_band(l, &b, t.data == NULL ? "" : t.data,
	    layout_month(mon, l->m->month), z->title, z->min);

	buf_reset(&t);
	layout_stage_text(l, &t);
	s = layout_style(z->subtitle, z->min, l->st->c.title, PDF_LEFT, 1);
	b = box(z->margin, z->margin + pl->band_h, left, pl->stage_h);
	pdf_text(l->p, &b, t.data == NULL ? "" : t.data, &s);

	/* The village's code at the top right, its caption to its left. */
	pdf_qr(l->p, pl->pw - z->margin - pl->vside - QR_ROOM,
	    z->margin + QR_ROOM, pl->vmod, QR_QUIET, vq, l->st->c.qr, NULL);
	sy = z->margin + pl->band_h + pl->stage_h;
	buf_reset(&t);
	buf_printf(&t, "扫码查看\n本%s公示详情", layout_village_noun(vg->name));
	s = layout_style(z->small, z->small, l->st->c.muted, PDF_RIGHT, 2);
	b = box(z->margin + left - capw, sy, capw, pl->srows * (pl->label_h +
	    pl->value_h));
	pdf_text(l->p, &b, t.data == NULL ? "" : t.data, &s);

	/* Summary: labels over values, in equal cells. */
	warning = r->rated ? r->warning : WARN_ABSENT;
	per = SUMMARY_CELLS / pl->srows;
	cw = (left - capw - z->gap) / per;
	for (i = 0; i < SUMMARY_CELLS; i++) {
		summary_cell(l, v, i, lab, val);
		cell = box(z->margin + (i % per) * cw, sy + (i / per) *
		    (pl->label_h + pl->value_h), cw, pl->label_h + pl->value_h);
		pdf_rect(l->p, &cell, PDF_NOCOLOUR, l->st->c.rule, z->rule);
		b = box(cell.x + z->pad, cell.y, cw - 2 * z->pad, pl->label_h);
		s = layout_style(z->small, z->min, l->st->c.muted, PDF_CENTER,
		    1);
		pdf_text(l->p, &b, lab, &s);
		b.y += pl->label_h;
		b.h = pl->value_h - z->pad;
		s = layout_style(z->body, z->min, l->st->c.text, PDF_CENTER, 1);
		if (i < SUMMARY_CELLS - 1) {
			pdf_text(l->p, &b, val, &s);
			continue;
		}
		/* The patch and its word, centred together. */
		ww = layout_warning_width(l, warning, z->body);
		if (ww < b.w) {
			b.x += (b.w - ww) / 2;
			b.w = ww;
		}
		s.align = PDF_LEFT;
		layout_warning(l, &b, warning, &s);
	}
	buf_release(&t);
}

/* One row of the village table: sub-grid g at y, code q. */
static void
village_row(struct layout *l, const struct vplan *pl, double y, int g,
    const struct qr *q, int striped)
{
	const struct bsz	*z = &pl->z;
	const struct grid	*sg = &l->in->grids[g];
	const struct gres	*r = gr(l, g);
	struct pdf_style	 s, sw;
	struct pdf_box		 cell, b;
	struct buf		 c;
	char			 t[LAYOUT_TEXT_MAX];
	double			 x = z->margin, rad, wh, cy;
	size_t			 i;
	int			 d;

	buf_init(&c);
	layout_row(l, x, y, pl->row_h, pl->cols, pl->ncols, striped, z->rule);
	sw = layout_style(z->small, z->min, l->st->c.muted, PDF_CENTER, 1);
	for (i = 0; i < pl->ncols; x += pl->cols[i].w, i++) {
		cell = box(x, y, pl->cols[i].w, pl->row_h);
		b = inset(&cell, z->pad);
		s = layout_style(z->body, z->min, l->st->c.text,
		    pl->cols[i].align, 3);
		switch (pl->kind[i]) {
		case VC_NAME:
			pdf_text(l->p, &b, sg->name, &s);
			break;
		case VC_LEADER:
			pdf_text(l->p, &b, sg->leader[0] != '\0' ? sg->leader :
			    ABSENT, &s);
			break;
		case VC_PHONE:
			pdf_text(l->p, &b, sg->phone[0] != '\0' ? sg->phone :
			    ABSENT, &s);
			break;
		case VC_CONTACT:
			buf_reset(&c);
			buf_printf(&c, "%s\n%s", sg->leader[0] != '\0' ?
			    sg->leader : ABSENT, sg->phone[0] != '\0' ?
			    sg->phone : ABSENT);
			pdf_text(l->p, &b, c.data == NULL ? "" : c.data, &s);
			break;
		case VC_STAR:
			/* Star above its word, centred as a block. */
			d = pl->dom[i];
			wh = z->small * STAR_WORD_EM;
			rad = z->star;
			if (rad > b.w / 2)
				rad = b.w / 2;
			if (2 * rad + wh > b.h)
				rad = (b.h - wh) / 2;
			cy = b.y + (b.h - 2 * rad - wh) / 2 + rad;
			layout_star(l, b.x + b.w / 2, cy, rad, r->star[d]);
			b = box(b.x, cy + rad, b.w, wh);
			pdf_text(l->p, &b, layout_star_word(r->star[d]), &sw);
			break;
		case VC_LEVEL:
			pdf_text(l->p, &b, layout_level_word(r->level), &s);
			break;
		case VC_SCORE:
			pdf_text(l->p, &b, layout_num2(t, r->monthly), &s);
			break;
		case VC_RANK:
			pdf_text(l->p, &b, layout_rank(t, r->rank_parent), &s);
			break;
		case VC_SUBSIDY:
			pdf_text(l->p, &b, layout_num2(t, r->subsidy), &s);
			break;
		case VC_WARNING:
			s.lines = 2;
			s.align = PDF_LEFT;
			layout_warning(l, &b, r->warning, &s);
			break;
		default:
			pdf_qr(l->p, cell.x + QR_ROOM, cell.y + QR_ROOM,
			    pl->qmod, QR_QUIET, q, l->st->c.qr, NULL);
			break;
		}
	}
	buf_release(&c);
}

int
sheets_village(struct layout *l, int v)
{
	struct vplan	*pl = NULL;
	struct qr	**qrs = NULL, *vq = NULL;
	struct pdf_style s;
	struct pdf_box	 b;
	const struct bsz *z;
	int		*rows = NULL;
	long		 n;
	size_t		 sheet, nsheets, i, k;
	double		 y;
	int		 rc = -1;

	if ((n = active_children(l, v, &rows)) < 0 ||
	    (qrs = make_qrs(l, rows, (size_t)n)) == NULL ||
	    (vq = layout_qr(l, v)) == NULL ||
	    (pl = calloc(1, sizeof(*pl))) == NULL)
		goto out;
	vplan_make(l, v, pl, qrs, (size_t)n, vq);
	z = &pl->z;
	nsheets = n == 0 ? 1 : ((size_t)n + pl->per_sheet - 1) / pl->per_sheet;
	for (sheet = 0, k = 0; sheet < nsheets; sheet++) {
		if (pdf_page(l->p, pl->pw, pl->ph) == -1)
			goto out;
		village_top(l, v, pl, vq);
		layout_head(l, z->margin, pl->table_y, pl->head_h, pl->cols,
		    pl->ncols, z->head, z->min, z->rule);
		y = pl->table_y + pl->head_h;
		for (i = 0; i < pl->per_sheet && k < (size_t)n; i++, k++) {
			village_row(l, pl, y, rows[k], qrs[k], i % 2 == 1);
			y += pl->row_h;
		}
		if (n == 0) {
			s = layout_style(z->body, z->min, l->st->c.muted,
			    PDF_CENTER, 1);
			b = box(z->margin, y + z->gap, pl->pw - 2 * z->margin,
			    z->body * LINE_EM);
			pdf_text(l->p, &b, "本月没有参评的网格", &s);
		}
		layout_legend(l, z->margin, pl->ph - z->margin - pl->foot_h -
		    pl->legend_h, pl->pw - 2 * z->margin, z->small, 1);
		footer(l, z->margin, pl->ph - z->margin - pl->foot_h,
		    pl->pw - 2 * z->margin, pl->foot_h, z->small,
		    (int)sheet + 1, (int)nsheets);
	}
	rc = 0;
out:
	if (rc == -1 && errno == 0)
		errno = ENOMEM;
	free(pl);
	qr_free(vq);
	free_qrs(qrs, n > 0 ? (size_t)n : 0);
	free(rows);
	return rc;
}

int
sheets_card(struct layout *l, int g)
{
	const struct bs_card	*c = &l->st->card;
	const struct grid	*sg = &l->in->grids[g];
	const struct grid	*vg;
	const struct gres	*r = gr(l, g);
	struct qr		*q;
	struct pdf_style	 s;
	struct pdf_box		 b;
	struct buf		 t;
	char			 a[LAYOUT_TEXT_MAX], mon[LAYOUT_TEXT_MAX];
	char			 rank[LAYOUT_TEXT_MAX];
	double			 pw, ph, w, x, y, side, need, spare, slot;
	double			 band_h, name_h, line_h, stars_h, level_h;
	double			 cap_h, foot_h, split;
	int			 mod, d;

	if ((q = layout_qr(l, g)) == NULL)
		return -1;
	vg = sg->parent >= 0 ? &l->in->grids[sg->parent] : sg;
	pdf_paper(PAPER_A4, 0, &pw, &ph);
	if (pdf_page(l->p, pw, ph) == -1) {
		qr_free(q);
		return -1;
	}
	w = pw - 2 * c->margin;
	mod = layout_qr_module(q, c->qr_mm);
	side = (double)(q->width + 2 * QR_QUIET) * mod;

	/* Heights of the blocks, then the spare room shared as gaps. */
	band_h = c->title * BAND_EM;
	name_h = c->name * TWO_LINES_EM;
	line_h = c->body * LINE_EM;
	stars_h = 2 * c->star + c->body * LINE_EM + c->small * LINE_EM;
	level_h = c->title * LINE_EM;
	cap_h = c->body * LINE_EM;
	foot_h = c->small * LINE_EM;
	need = band_h + name_h + 2 * line_h + stars_h + level_h + line_h +
	    side + QR_ROOM + cap_h + 2 * foot_h;
	spare = ph - 2 * c->margin - need;
	spare = spare > 0 ? spare / CARD_GAPS : 0;

	buf_init(&t);
	y = c->margin;
	b = box(c->margin, y, w, band_h);
	layout_band(l, &b, "网格信息公示", layout_month(mon, l->m->month),
	    c->title, c->min);
	y += band_h + spare;

	s = layout_style(c->name, c->min, l->st->c.text, PDF_CENTER, 2);
	b = box(c->margin, y, w, name_h);
	pdf_text(l->p, &b, sg->name, &s);
	y += name_h;

	s = layout_style(c->body, c->min, l->st->c.text, PDF_CENTER, 1);
	buf_printf(&t, "所属%s：%s", layout_village_noun(vg->name), vg->name);
	if (sg->town >= 0 && sg->town != sg->parent)
		buf_printf(&t, "\xe3\x80\x80%s", l->in->grids[sg->town].name);
	b = box(c->margin, y, w, line_h);
	pdf_text(l->p, &b, t.data, &s);
	y += line_h;
	buf_reset(&t);
	buf_printf(&t, "网格长：%s\xe3\x80\x80电话：%s",
	    sg->leader[0] != '\0' ? sg->leader : ABSENT,
	    sg->phone[0] != '\0' ? sg->phone : ABSENT);
	b = box(c->margin, y, w, line_h);
	pdf_text(l->p, &b, t.data, &s);
	y += line_h + spare;

	/* Five domain stars with their names and words. */
	pdf_line(l->p, c->margin, y - spare / 2, c->margin + w, y - spare / 2,
	    c->rule, l->st->c.rule);
	slot = w / DOM__MAX;
	for (d = 0; d < DOM__MAX; d++) {
		x = c->margin + d * slot;
		layout_star(l, x + slot / 2, y + c->star, c->star,
		    r->star[d]);
		s = layout_style(c->body, c->min, l->st->c.text, PDF_CENTER, 1);
		b = box(x + c->pad, y + 2 * c->star, slot - 2 * c->pad,
		    c->body * LINE_EM);
		pdf_text(l->p, &b, input_domain_zh(d), &s);
		s = layout_style(c->small, c->min, l->st->c.muted, PDF_CENTER,
		    1);
		b.y += c->body * LINE_EM;
		b.h = c->small * LINE_EM;
		pdf_text(l->p, &b, layout_star_word(r->star[d]), &s);
	}
	y += stars_h + spare;

	buf_reset(&t);
	buf_printf(&t, "%s网格", layout_level_word(r->level));
	s = layout_style(c->title, c->min, l->st->c.title, PDF_CENTER, 1);
	b = box(c->margin, y, w, level_h);
	pdf_text(l->p, &b, t.data, &s);
	y += level_h;

	/* Score and rank on the left, the warning on the right. */
	buf_reset(&t);
	buf_printf(&t, "月考核得分 %s\xe3\x80\x80%s内排名 %s",
	    layout_num2(a, r->monthly), layout_village_noun(vg->name),
	    layout_rank(rank, r->rank_parent));
	s = layout_style(c->body, c->min, l->st->c.text, PDF_RIGHT, 1);
	split = w * CARD_SPLIT;
	b = box(c->margin, y, split - c->pad, line_h);
	pdf_text(l->p, &b, t.data, &s);
	s.align = PDF_LEFT;
	b = box(c->margin + split + c->pad, y, w - split - c->pad, line_h);
	layout_warning(l, &b, r->warning, &s);
	y += line_h + spare;

	/* The code, centred, and its line. */
	pdf_qr(l->p, (pw - side) / 2, y, mod, QR_QUIET, q, l->st->c.qr, NULL);
	y += side + QR_ROOM;
	s = layout_style(c->body, c->min, l->st->c.text, PDF_CENTER, 1);
	b = box(c->margin, y, w, cap_h);
	pdf_text(l->p, &b, "扫码查看本网格评定详情", &s);
	y += cap_h + spare;

	buf_reset(&t);
	layout_stage_text(l, &t);
	s = layout_style(c->small, c->min, l->st->c.title, PDF_CENTER, 1);
	b = box(c->margin, ph - c->margin - 2 * foot_h, w, foot_h);
	pdf_text(l->p, &b, t.data, &s);
	buf_reset(&t);
	layout_footer_text(l, &t);
	if (l->in->set.title != NULL)
		buf_printf(&t, "\xe3\x80\x80%s", l->in->set.title);
	s.colour = l->st->c.muted;
	b.y += foot_h;
	pdf_text(l->p, &b, t.data, &s);
	buf_release(&t);
	qr_free(q);
	return 0;
}

int
sheets_town(struct layout *l, int t)
{
	const struct grid	*tg = &l->in->grids[t];
	const struct bs_town	*tw = &l->st->town;
	struct bsz		 z;
	struct layout_col	 cols[TCOLS];
	struct layout_bar	 bars[6];
	struct pdf_style	 s;
	struct pdf_box		 b;
	struct buf		 txt;
	struct qr		*sq = NULL;
	const struct gres	*r;
	char			 cnt[6][LAYOUT_TEXT_MAX], a[LAYOUT_TEXT_MAX];
	char			 mon[LAYOUT_TEXT_MAX];
	double			 pw, ph, w, sidew, tablew, y0, y, row_h, head_h;
	double			 legend_h, foot_h, avail, weights[TCOLS], sum;
	double			 sx, sy, sh, qside, max;
	int			*vil = NULL, *subs = NULL, count[6], smod;
	long			 nv, ns;
	size_t			 i, k, per, nsheets, sheet;
	int			 rc = -1, bit, lv;

	buf_init(&txt);
	if ((nv = layout_villages(l, t, &vil)) < 0 ||
	    (ns = layout_subgrids(l, t, &subs)) < 0 ||
	    (sq = layout_qr(l, -1)) == NULL)
		goto out;
	board_sizes(l, &z);
	pdf_paper(l->in->set.paper, l->in->set.landscape, &pw, &ph);
	w = pw - 2 * z.margin;
	sidew = w * tw->side;
	tablew = w - sidew - z.gap;
	foot_h = z.small * LINE_EM;
	legend_h = layout_legend(l, z.margin, 0, w, z.small, 0);
	y0 = z.margin + z.title * BAND_EM + z.subtitle * LINE_EM + z.gap;
	head_h = z.head * TWO_LINES_EM + z.pad;
	row_h = z.body * TOWN_ROW_EM + 2 * z.pad;
	avail = ph - z.margin - foot_h - legend_h - z.gap - y0 - head_h;
	per = avail > row_h ? (size_t)floor(avail / row_h) : 1;
	nsheets = nv == 0 ? 1 : ((size_t)nv + per - 1) / per;

	weights[0] = tw->rank;
	weights[1] = tw->name;
	weights[2] = tw->leader;
	weights[3] = tw->mean;
	weights[4] = tw->level;
	weights[5] = tw->score;
	weights[6] = tw->subsidy;
	weights[7] = tw->warning;
	weights[8] = tw->flags;
	cols[0].head = "排名";
	cols[1].head = "村(社区)";
	cols[2].head = "负责人";
	cols[3].head = "平均星级";
	cols[4].head = "星级";
	cols[5].head = "月考核得分";
	cols[6].head = l->m->stage == STAGE_FINAL ? "奖补资金(元)" :
	    "预计奖补(元)";
	cols[7].head = "预警";
	cols[8].head = "表彰/通报";
	for (i = 0, sum = 0; i < TCOLS; i++)
		sum += weights[i];
	for (i = 0; i < TCOLS; i++) {
		cols[i].w = tablew * weights[i] / sum;
		cols[i].align = i == 1 ? PDF_LEFT : PDF_CENTER;
	}

	for (sheet = 0, k = 0; sheet < nsheets; sheet++) {
		if (pdf_page(l->p, pw, ph) == -1)
			goto out;
		buf_reset(&txt);
		buf_printf(&txt, "%s网格星级评定公示", tg->name);
		b = box(z.margin, z.margin, w, z.title * BAND_EM);
		layout_band(l, &b, txt.data, layout_month(mon, l->m->month),
		    z.title, z.min);
		buf_reset(&txt);
		layout_stage_text(l, &txt);
		s = layout_style(z.subtitle, z.min, l->st->c.title, PDF_LEFT,
		    1);
		b = box(z.margin, z.margin + z.title * BAND_EM, w,
		    z.subtitle * LINE_EM);
		pdf_text(l->p, &b, txt.data, &s);

		layout_head(l, z.margin, y0, head_h, cols, TCOLS, z.head,
		    z.min, z.rule);
		y = y0 + head_h;
		for (i = 0; i < per && k < (size_t)nv; i++, k++, y += row_h) {
			r = gr(l, vil[k]);
			layout_row(l, z.margin, y, row_h, cols, TCOLS, i % 2,
			    z.rule);
			s = layout_style(z.body, z.min, l->st->c.text,
			    PDF_CENTER, 1);
			sx = z.margin;
			for (lv = 0; lv < TCOLS; sx += cols[lv].w, lv++) {
				b = box(sx + z.pad, y + z.pad,
				    cols[lv].w - 2 * z.pad, row_h - 2 * z.pad);
				s.align = cols[lv].align;
				buf_reset(&txt);
				switch (lv) {
				case 0:
					layout_rank(a, r->rated ?
					    r->rank_town : 0);
					break;
				case 1:
					snprintf(a, sizeof(a), "%s",
					    l->in->grids[vil[k]].name);
					break;
				case 2:
					snprintf(a, sizeof(a), "%s",
					    l->in->grids[vil[k]].leader);
					break;
				case 3:
					layout_num2(a, r->rated ?
					    r->stars_mean : NUM_ABSENT);
					break;
				case 4:
					snprintf(a, sizeof(a), "%s",
					    layout_level_word(r->rated ?
					    r->level : -1));
					break;
				case 5:
					layout_num2(a, r->rated ? r->monthly :
					    NUM_ABSENT);
					break;
				case 6:
					layout_num2(a, r->rated ? r->subsidy :
					    NUM_ABSENT);
					break;
				case 7:
					s.align = PDF_LEFT;
					layout_warning(l, &b, r->rated ?
					    r->warning : WARN_ABSENT, &s);
					continue;
				default:
					for (bit = 0; bit < FLAG__COUNT; bit++)
						if (r->flags & (1u << bit))
							buf_printf(&txt, "%s%s",
							    txt.len ? "、" : "",
							    layout_flag_short(
							    bit));
					snprintf(a, sizeof(a), "%s",
					    txt.len ? txt.data : "");
					break;
				}
				if (a[0] != '\0')
					pdf_text(l->p, &b, a, &s);
			}
		}
		if (nv == 0) {
			s = layout_style(z.body, z.min, l->st->c.muted,
			    PDF_CENTER, 1);
			b = box(z.margin, y + z.gap, tablew,
			    z.body * LINE_EM);
			pdf_text(l->p, &b, "本月没有参评的村(社区)", &s);
		}

		/* The right panel, on the first sheet only. */
		sx = z.margin + tablew + z.gap;
		sy = y0;
		sh = ph - z.margin - foot_h - legend_h - z.gap - y0;
		if (sheet == 0) {
			memset(count, 0, sizeof(count));
			for (i = 0; i < (size_t)ns; i++)
				if (gr(l, subs[i])->level >= 0 &&
				    gr(l, subs[i])->level <= 5)
					count[5 - gr(l, subs[i])->level]++;
			for (i = 0, max = 1; i < 6; i++) {
				snprintf(cnt[i], sizeof(cnt[i]), "%d",
				    count[i]);
				bars[i].label = layout_level_word(5 - (int)i);
				bars[i].value = count[i];
				bars[i].text = cnt[i];
				bars[i].colour = l->st->c.bar;
				if (count[i] > max)
					max = count[i];
			}
			s = layout_style(z.head, z.min, l->st->c.title,
			    PDF_LEFT, 1);
			b = box(sx, sy, sidew, z.head * LINE_EM);
			pdf_text(l->p, &b, "网格星级分布(个)", &s);
			sy += z.head * LINE_EM;
			b = box(sx, sy, sidew, z.small * TOWN_VBARS_EM);
			layout_vbars(l, &b, bars, 6, max, z.small, z.min);
			sy += z.small * TOWN_VBARS_EM + z.gap;

			memset(count, 0, sizeof(count));
			for (i = 0; i < (size_t)ns; i++)
				if (gr(l, subs[i])->warning >= WARN_NONE)
					count[gr(l, subs[i])->warning -
					    WARN_NONE]++;
			for (i = 0, max = 1; i < 5; i++) {
				snprintf(cnt[i], sizeof(cnt[i]), "%d",
				    count[i]);
				bars[i].label = layout_warning_word(
				    WARN_NONE + (int)i);
				bars[i].value = count[i];
				bars[i].text = cnt[i];
				bars[i].colour = l->st->c.warn[i];
				if (count[i] > max)
					max = count[i];
			}
			b = box(sx, sy, sidew, z.head * LINE_EM);
			pdf_text(l->p, &b, "网格预警情况(个)", &s);
			sy += z.head * LINE_EM;
			b = box(sx, sy, sidew, z.small * TOWN_HBARS_EM);
			layout_hbars(l, &b, bars, 5, max, z.small, z.min);
			sy += z.small * TOWN_HBARS_EM + z.gap;

			smod = layout_qr_module(sq, l->st->board.qr_mm);
			qside = (double)(sq->width + 2 * QR_QUIET) * smod;
			b = box(sx, sy, sidew, z.head * LINE_EM);
			pdf_text(l->p, &b, "表彰与通报", &s);
			sy += z.head * LINE_EM;
			buf_reset(&txt);
			layout_flags_text(l, t, &txt);
			s = layout_style(z.small, z.min, l->st->c.text,
			    PDF_LEFT, 40);
			s.top = 1;
			b = box(sx, sy, sidew, y0 + sh - sy - qside -
			    QR_ROOM - z.gap);
			if (b.h > 0)
				pdf_text(l->p, &b, txt.data, &s);
			pdf_qr(l->p, sx + sidew - qside - QR_ROOM,
			    y0 + sh - qside - QR_ROOM, smod, QR_QUIET, sq,
			    l->st->c.qr, NULL);
			s = layout_style(z.small, z.min, l->st->c.muted,
			    PDF_RIGHT, 2);
			b = box(sx, y0 + sh - qside - QR_ROOM,
			    sidew - qside - QR_ROOM - z.gap, qside);
			pdf_text(l->p, &b, "扫码查看全部网格的评定结果", &s);
		}
		layout_legend(l, z.margin, ph - z.margin - foot_h - legend_h,
		    w, z.small, 1);
		footer(l, z.margin, ph - z.margin - foot_h, w, foot_h, z.small,
		    (int)sheet + 1, (int)nsheets);
	}
	rc = 0;
out:
	if (rc == -1 && errno == 0)
		errno = ENOMEM;
	qr_free(sq);
	free(vil);
	free(subs);
	buf_release(&txt);
	return rc;
}
