/*
 * The monthly bulletin: see bulletin.h.
 *
 * The pages are filled top-down by a cursor (struct flow): each block asks
 * for its height and gets a new page when the rest of the page is too
 * short; tables repeat their heading on every page they continue on.
 * Sizes come from [bulletin] of the theme.  One set of sections per
 * level-1 grid, after a masthead naming the month.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardstyle.h"
#include "buf.h"
#include "bulletin.h"
#include "date.h"
#include "layout.h"
#include "model.h"
#include "num.h"
#include "pdf.h"

/* Line pitch of paragraphs, as a multiple of the size (layout_style). */
#define PITCH		1.25
/* Heights as multiples of their text size. */
#define LINE_EM		1.7	/* a one-line block */
#define HEAD_EM		2.7	/* a table heading of up to two lines */
#define MAST_EM		1.6	/* the masthead title */
/* Mark before a section heading: width in ems, share of the height. */
#define MARK_EM		0.3
#define MARK_HEIGHT	0.6
/* Warning patch and its gap in a table cell, in ems of the text. */
#define PATCH_CELL_EM	1.4
/* Size of a level-1 grid's name over its sections, in ems of the title. */
#define TOWN_NAME_EM	0.8
/* Largest rate and largest star level, the ends of their charts. */
#define RATE_MAX	1.0
#define LEVEL_MAX	5.0
/* Space after a paragraph and after a table or chart, in paddings. */
#define PARA_GAP	2
#define BLOCK_GAP	3
/* Horizontal chart: room per bar, in ems of the small text. */
#define HBAR_EM		2
/* Masthead: the thick rule, and the gap to the thin one, in rule widths. */
#define MAST_THICK	3
#define MAST_GAP	4
/* Room asked for with a heading: the lines of text that must follow it. */
#define NEXT_LINES	3
/* Columns of the widest table. */
#define COLS_MAX	8
/* Months in the trend chart. */
#define TREND_MONTHS	12
/* Score chart: bars start this many points below the lowest score. */
#define SCORE_FLOOR	5

/* The page cursor. */
struct flow {
	struct layout			*l;
	const struct bs_bulletin	*b;	/* sizes */
	double				 pw, ph;	/* page size */
	double				 x, w;	/* content left and width */
	double				 y;	/* next free line */
	double				 bottom; /* end of the content area */
	int				 page;	/* current page, from 1 */
};

/* One table cell: text, or a warning (patch and word) when >= 0. */
struct tcell {
	char	 text[LAYOUT_TEXT_MAX];
	int	 warning;		/* enum warning, or -1 for text */
};

/* Fill cell (row, col) of a table. */
typedef void	(*cell_fn)(const struct layout *, void *arg, size_t row,
		    size_t col, struct tcell *);

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
 * Start a new page with its footer, and on pages after the first a
 * running head.  Returns 0 or -1.
 */
static int
flow_page(struct flow *f)
{
	struct layout		*l = f->l;
	struct pdf_style	 s;
	struct pdf_box		 bx;
	struct buf		 t;
	char			 mon[LAYOUT_TEXT_MAX];
	double			 fh = f->b->small * LINE_EM;

	if (pdf_page(l->p, f->pw, f->ph) == -1)
		return -1;
	f->page++;
	f->y = f->b->margin;
	f->bottom = f->ph - f->b->margin - fh - f->b->pad;
	buf_init(&t);
	layout_footer_text(l, &t);
	buf_printf(&t, "\xe3\x80\x80第%d页", f->page);
	s = layout_style(f->b->small, f->b->min, l->st->c.muted, PDF_CENTER,
	    1);
	bx = box(f->x, f->ph - f->b->margin - fh, f->w, fh);
	pdf_text(l->p, &bx, t.data, &s);
	if (f->page > 1) {
		buf_reset(&t);
		buf_printf(&t, "网格化管理工作简报\xe3\x80\x80%s",
		    layout_month(mon, l->m->month));
		s.align = PDF_RIGHT;
		bx = box(f->x, f->y, f->w, fh);
		pdf_text(l->p, &bx, t.data, &s);
		f->y += fh;
		pdf_line(l->p, f->x, f->y, f->x + f->w, f->y, f->b->rule,
		    l->st->c.rule);
		f->y += f->b->pad * PARA_GAP;
	}
	buf_release(&t);
	return 0;
}

/* Make room for h points, on a new page if needed.  Returns 0 or -1. */
static int
flow_need(struct flow *f, double h)
{
	if (f->page > 0 && f->y + h <= f->bottom)
		return 0;
	return flow_page(f);
}

/* A paragraph of text at size and colour.  Returns 0 or -1. */
static int
para(struct flow *f, const char *text, double size, uint32_t colour)
{
	struct pdf_style	 s;
	struct pdf_box		 bx;
	size_t			 n;
	double			 h;

	n = pdf_text_lines(f->l->p, text, size, f->w);
	if (n == 0)
		n = 1;
	h = (n - 1) * size * PITCH + pdf_text_height(f->l->p, size) + 1;
	if (flow_need(f, h) == -1)
		return -1;
	s = layout_style(size, f->b->min, colour, PDF_LEFT, (int)n);
	bx = box(f->x, f->y, f->w, h);
	pdf_text(f->l->p, &bx, text, &s);
	f->y += h + f->b->pad * PARA_GAP;
	return 0;
}

/*
 * A section heading, kept on the page of the block of height `next`
 * that follows it.  Returns 0 or -1.
 */
static int
heading(struct flow *f, const char *text, double next)
{
	struct pdf_style	 s;
	struct pdf_box		 bx;
	double			 h = f->b->heading * LINE_EM;

	if (flow_need(f, h + next) == -1)
		return -1;
	f->y += f->b->pad;
	bx = box(f->x, f->y + h * (1 - MARK_HEIGHT) / 2,
	    f->b->heading * MARK_EM, h * MARK_HEIGHT);
	pdf_rect(f->l->p, &bx, f->l->st->c.band, PDF_NOCOLOUR, 0);
	s = layout_style(f->b->heading, f->b->min, f->l->st->c.title, PDF_LEFT,
	    1);
	bx = box(f->x + f->b->heading * MARK_EM * 2, f->y,
	    f->w - f->b->heading * MARK_EM * 2, h);
	pdf_text(f->l->p, &bx, text, &s);
	f->y += h + f->b->pad;
	return 0;
}

/*
 * A table of nrows rows over the columns heads[0..ncols-1], cells from
 * fn.  Column widths follow their widest text, scaled to the page width.
 * The heading is repeated on every page.  Returns 0 or -1.
 */
static int
table(struct flow *f, const char *const *heads, size_t ncols, size_t nrows,
    cell_fn fn, void *arg)
{
	struct layout		*l = f->l;
	struct layout_col	 cols[COLS_MAX];
	struct pdf_style	 s;
	struct pdf_box		 bx;
	struct tcell		 c;
	double			 w, sum = 0, hh, pad = f->b->pad;
	double			 body = f->b->body, patch;
	size_t			 i, j;

	if (ncols > COLS_MAX)
		ncols = COLS_MAX;
	hh = body * HEAD_EM;
	patch = body * PATCH_CELL_EM;
	for (j = 0; j < ncols; j++) {
		/* A heading may take two lines. */
		cols[j].w = pdf_text_width(l->p, heads[j], body) / 2;
		for (i = 0; i < nrows; i++) {
			fn(l, arg, i, j, &c);
			w = pdf_text_width(l->p, c.warning >= 0 ?
			    layout_warning_word(c.warning) : c.text, body);
			if (c.warning >= 0)
				w += patch;
			if (w > cols[j].w)
				cols[j].w = w;
		}
		cols[j].w += 2 * pad + body;
		cols[j].head = heads[j];
		cols[j].align = PDF_CENTER;
		sum += cols[j].w;
	}
	for (j = 0; j < ncols; j++)
		cols[j].w *= f->w / sum;

	for (i = 0; i < nrows; i++) {
		if (i == 0 || f->y + f->b->row > f->bottom) {
			if (flow_need(f, hh + f->b->row * (i == 0 ? 2 : 1)) ==
			    -1)
				return -1;
			layout_head(l, f->x, f->y, hh, cols, ncols, body,
			    f->b->min, f->b->rule);
			f->y += hh;
		}
		layout_row(l, f->x, f->y, f->b->row, cols, ncols, i % 2,
		    f->b->rule);
		for (j = 0, w = f->x; j < ncols; w += cols[j].w, j++) {
			fn(l, arg, i, j, &c);
			bx = box(w + pad, f->y + pad / 2, cols[j].w - 2 * pad,
			    f->b->row - pad);
			s = layout_style(body, f->b->min, l->st->c.text,
			    PDF_CENTER, 1);
			if (c.warning >= 0) {
				s.align = PDF_LEFT;
				layout_warning(l, &bx, c.warning, &s);
			} else
				pdf_text(l->p, &bx, c.text, &s);
		}
		f->y += f->b->row;
	}
	f->y += f->b->pad * BLOCK_GAP;
	return 0;
}

/* Everything the sections of one level-1 grid share. */
struct town {
	int	 t;		/* the level-1 grid */
	int	*vil;		/* its active villages, ranked */
	size_t	 nv;
	int	*sub;		/* its active sub-grids, ranked */
	size_t	 ns;
};

/* Cells of the village ranking. */
static void
cell_villages(const struct layout *l, void *arg, size_t row, size_t col,
    struct tcell *c)
{
	const struct town	*tn = arg;
	int			 g = tn->vil[row];
	const struct gres	*r = &l->m->g[g];
	int			 bit;
	size_t			 n = 0;

	c->warning = -1;
	c->text[0] = '\0';
	switch (col) {
	case 0:
		layout_rank(c->text, r->rated ? r->rank_town : 0);
		break;
	case 1:
		snprintf(c->text, sizeof(c->text), "%s", l->in->grids[g].name);
		break;
	case 2:
		layout_num2(c->text, r->rated ? r->stars_mean : NUM_ABSENT);
		break;
	case 3:
		snprintf(c->text, sizeof(c->text), "%s",
		    layout_level_word(r->rated ? r->level : -1));
		break;
	case 4:
		layout_num2(c->text, r->rated ? r->monthly : NUM_ABSENT);
		break;
	case 5:
		c->warning = r->rated ? r->warning : WARN_ABSENT;
		break;
	default:
		for (bit = 0; bit < FLAG__COUNT; bit++)
			if (r->flags & (1u << bit))
				n += (size_t)snprintf(c->text + n,
				    sizeof(c->text) - n, "%s%s",
				    n > 0 ? "、" : "", layout_flag_short(bit));
		break;
	}
}

/* Cells of the sub-grid ranking. */
static void
cell_subgrids(const struct layout *l, void *arg, size_t row, size_t col,
    struct tcell *c)
{
	const struct town	*tn = arg;
	int			 g = tn->sub[row];
	const struct gres	*r = &l->m->g[g];
	const struct grid	*sg = &l->in->grids[g];

	c->warning = -1;
	c->text[0] = '\0';
	switch (col) {
	case 0:
		layout_rank(c->text, r->rank_town);
		break;
	case 1:
		snprintf(c->text, sizeof(c->text), "%s", sg->name);
		break;
	case 2:
		snprintf(c->text, sizeof(c->text), "%s", sg->parent >= 0 ?
		    l->in->grids[sg->parent].name : "");
		break;
	case 3:
		snprintf(c->text, sizeof(c->text), "%s",
		    layout_level_word(r->level));
		break;
	case 4:
		layout_num2(c->text, r->monthly);
		break;
	case 5:
		layout_num2(c->text, r->subsidy);
		break;
	default:
		c->warning = r->warning;
		break;
	}
}

/* Subsidy of village v's sub-grids this month, in hundredths. */
static int64_t
children_subsidy(const struct layout *l, int v)
{
	const struct grid	*g = &l->in->grids[v];
	int64_t			 sum = 0;
	size_t			 i;

	for (i = 0; i < g->nchildren; i++)
		if (l->m->g[g->children[i]].rated)
			sum += l->m->g[g->children[i]].subsidy;
	return sum;
}

/* Subsidy of village v itself, 0 when it has no figures. */
static int64_t
own_subsidy(const struct layout *l, int v)
{
	return l->m->g[v].rated ? l->m->g[v].subsidy : 0;
}

/* Cells of the subsidy table; the row after the villages is the total. */
static void
cell_subsidy(const struct layout *l, void *arg, size_t row, size_t col,
    struct tcell *c)
{
	const struct town	*tn = arg;
	int64_t			 own = 0, kids = 0;
	size_t			 i;

	c->warning = -1;
	if (row < tn->nv) {
		own = own_subsidy(l, tn->vil[row]);
		kids = children_subsidy(l, tn->vil[row]);
	} else
		for (i = 0; i < tn->nv; i++) {
			own += own_subsidy(l, tn->vil[i]);
			kids += children_subsidy(l, tn->vil[i]);
		}
	switch (col) {
	case 0:
		snprintf(c->text, sizeof(c->text), "%s", row < tn->nv ?
		    l->in->grids[tn->vil[row]].name : "合计");
		break;
	case 1:
		layout_num2(c->text, own);
		break;
	case 2:
		layout_num2(c->text, kids);
		break;
	default:
		layout_num2(c->text, own + kids);
		break;
	}
}

/* Issue counts summed over a town's villages (or one village). */
struct counts {
	int	 reported, due, resolved, on_time, sat_yes, sat_answers;
};

/* Add village v's issue counts to k. */
static void
add_counts(const struct layout *l, int v, struct counts *k)
{
	const struct gres	*r = &l->m->g[v];

	if (!r->rated)
		return;
	k->reported += r->reported;
	k->due += r->due;
	k->resolved += r->resolved;
	k->on_time += r->on_time;
	k->sat_yes += r->sat_yes;
	k->sat_answers += r->sat_answers;
}

/* A rate num / den in ten-thousandths (RULES.md §2.5), absent for 0. */
static int64_t
rate(int num, int den)
{
	if (den <= 0)
		return NUM_ABSENT;
	return num_div((int64_t)num * NUM_R, den);
}

/* Cells of the issue table; the row after the villages is the total. */
static void
cell_issues(const struct layout *l, void *arg, size_t row, size_t col,
    struct tcell *c)
{
	const struct town	*tn = arg;
	struct counts		 k;
	size_t			 i;

	memset(&k, 0, sizeof(k));
	c->warning = -1;
	if (row < tn->nv)
		add_counts(l, tn->vil[row], &k);
	else
		for (i = 0; i < tn->nv; i++)
			add_counts(l, tn->vil[i], &k);
	switch (col) {
	case 0:
		snprintf(c->text, sizeof(c->text), "%s", row < tn->nv ?
		    l->in->grids[tn->vil[row]].name : "合计");
		break;
	case 1:
		snprintf(c->text, sizeof(c->text), "%d", k.reported);
		break;
	case 2:
		snprintf(c->text, sizeof(c->text), "%d", k.due);
		break;
	case 3:
		snprintf(c->text, sizeof(c->text), "%d", k.resolved);
		break;
	case 4:
		snprintf(c->text, sizeof(c->text), "%d", k.on_time);
		break;
	case 5:
		layout_rate(c->text, rate(k.resolved, k.due));
		break;
	case 6:
		layout_rate(c->text, rate(k.on_time, k.due));
		break;
	default:
		layout_rate(c->text, rate(k.sat_yes, k.sat_answers));
		break;
	}
}

/*
 * Two vertical bar charts side by side, each with a caption, of height
 * chart.  Returns 0 or -1.
 */
static int
two_charts(struct flow *f, const char *cap1, const struct layout_bar *b1,
    size_t n1, double max1, const char *cap2, const struct layout_bar *b2,
    size_t n2, double max2)
{
	struct pdf_style	 s;
	struct pdf_box		 bx;
	double			 ch = f->b->small * LINE_EM;
	double			 half = (f->w - f->b->pad * PARA_GAP) / 2;

	if (flow_need(f, ch + f->b->chart) == -1)
		return -1;
	s = layout_style(f->b->small, f->b->min, f->l->st->c.muted, PDF_CENTER,
	    1);
	bx = box(f->x, f->y, half, ch);
	pdf_text(f->l->p, &bx, cap1, &s);
	bx.x = f->x + f->w - half;
	pdf_text(f->l->p, &bx, cap2, &s);
	bx = box(f->x, f->y + ch, half, f->b->chart);
	layout_vbars(f->l, &bx, b1, n1, max1, f->b->small, f->b->min);
	bx.x = f->x + f->w - half;
	layout_vbars(f->l, &bx, b2, n2, max2, f->b->small, f->b->min);
	f->y += ch + f->b->chart + f->b->pad * BLOCK_GAP;
	return 0;
}

/*
 * A horizontal bar chart with a caption, one bar per line of body text.
 * Returns 0 or -1.
 */
static int
hchart(struct flow *f, const char *cap, const struct layout_bar *bars,
    size_t n, double max)
{
	struct pdf_style	 s;
	struct pdf_box		 bx;
	double			 ch = f->b->small * LINE_EM;
	double			 h = n * f->b->small * HBAR_EM;

	if (n == 0)
		return 0;
	if (flow_need(f, ch + h) == -1)
		return -1;
	s = layout_style(f->b->small, f->b->min, f->l->st->c.muted, PDF_CENTER,
	    1);
	bx = box(f->x, f->y, f->w, ch);
	pdf_text(f->l->p, &bx, cap, &s);
	bx = box(f->x, f->y + ch, f->w, h);
	layout_hbars(f->l, &bx, bars, n, max, f->b->small, f->b->min);
	f->y += ch + h + f->b->pad * BLOCK_GAP;
	return 0;
}

/* 一、总体情况: the month in figures, and the two distributions. */
static int
overview(struct flow *f, const struct town *tn)
{
	const struct layout	*l = f->l;
	const char		*tnoun;
	struct layout_bar	 lb[6], wb[5];
	struct counts		 k;
	struct buf		 t;
	char			 lc[6][LAYOUT_TEXT_MAX], wc[5][LAYOUT_TEXT_MAX];
	char			 a[LAYOUT_TEXT_MAX], b[LAYOUT_TEXT_MAX];
	char			 c[LAYOUT_TEXT_MAX];
	int			 lv[6], wn[5], sum = 0, n = 0, rc;
	int64_t			 own = 0, kids = 0;
	double			 lmax = 1, wmax = 1;
	size_t			 i;

	tnoun = layout_town_noun(l->in->grids[tn->t].name);
	memset(lv, 0, sizeof(lv));
	memset(wn, 0, sizeof(wn));
	memset(&k, 0, sizeof(k));
	for (i = 0; i < tn->ns; i++) {
		const struct gres *r = &l->m->g[tn->sub[i]];

		if (r->level >= 0 && r->level <= 5) {
			lv[r->level]++;
			sum += r->level;
			n++;
		}
		if (r->warning >= WARN_NONE && r->warning <= WARN_RED)
			wn[r->warning - WARN_NONE]++;
	}
	for (i = 0; i < tn->nv; i++) {
		own += own_subsidy(l, tn->vil[i]);
		kids += children_subsidy(l, tn->vil[i]);
		add_counts(l, tn->vil[i], &k);
	}

	buf_init(&t);
	buf_printf(&t, "本月全%s共有%zu个村(社区)、%zu个网格参加星级评定。"
	    "其中五星级网格%d个、四星级%d个、三星级%d个、二星级%d个、"
	    "一星级%d个、无星级%d个，", tnoun, tn->nv, tn->ns, lv[5], lv[4],
	    lv[3], lv[2], lv[1], lv[0]);
	buf_printf(&t, "网格平均星级%s。", layout_num2(a, n > 0 ?
	    num_div((int64_t)sum * NUM_C, n) : NUM_ABSENT));
	buf_printf(&t, "红色预警%d个、橙色预警%d个、黄色预警%d个、"
	    "蓝色预警%d个，无预警%d个。", wn[4], wn[3], wn[2], wn[1], wn[0]);
	buf_printf(&t, "%s奖补资金合计%s元，其中村(社区)%s元、网格",
	    l->m->stage == STAGE_FINAL ? "核发" : "预计发放",
	    layout_num2(a, own + kids), layout_num2(b, own));
	buf_printf(&t, "%s元。", layout_num2(c, kids));
	buf_printf(&t, "本月受理群众诉求%d件，应结案%d件，办结%d件，"
	    "按期办结%d件，", k.reported, k.due, k.resolved, k.on_time);
	buf_printf(&t, "结案率%s，", layout_rate(a, rate(k.resolved, k.due)));
	buf_printf(&t, "按期结案率%s，", layout_rate(a, rate(k.on_time,
	    k.due)));
	buf_printf(&t, "群众满意率%s。", layout_rate(a, rate(k.sat_yes,
	    k.sat_answers)));
	if (t.oom) {
		buf_release(&t);
		errno = ENOMEM;
		return -1;
	}
	rc = heading(f, "一、总体情况", f->b->body * NEXT_LINES) == -1 ||
	    para(f, t.data, f->b->body, l->st->c.text) == -1 ? -1 : 0;
	buf_release(&t);
	if (rc == -1)
		return -1;

	for (i = 0; i < 6; i++) {
		snprintf(lc[i], sizeof(lc[i]), "%d", lv[5 - i]);
		lb[i].label = layout_level_word(5 - (int)i);
		lb[i].value = lv[5 - i];
		lb[i].text = lc[i];
		lb[i].colour = l->st->c.bar;
		if (lv[5 - i] > lmax)
			lmax = lv[5 - i];
	}
	for (i = 0; i < 5; i++) {
		snprintf(wc[i], sizeof(wc[i]), "%d", wn[i]);
		wb[i].label = layout_warning_word(WARN_NONE + (int)i);
		wb[i].value = wn[i];
		wb[i].text = wc[i];
		wb[i].colour = l->st->c.warn[i];
		if (wn[i] > wmax)
			wmax = wn[i];
	}
	return two_charts(f, "网格星级分布(个)", lb, 6, lmax,
	    "网格预警分布(个)", wb, 5, wmax);
}

/* 二、村(社区)排名, with a chart of the monthly scores. */
static int
village_ranking(struct flow *f, struct town *tn)
{
	static const char *const heads[] = {
		"排名", "村(社区)", "平均星级", "星级", "月考核得分", "预警",
		"表彰/通报"
	};
	const struct layout	*l = f->l;
	struct layout_bar	*bars;
	char			(*txt)[LAYOUT_TEXT_MAX];
	char			 cap[LAYOUT_TEXT_MAX], a[LAYOUT_TEXT_MAX];
	int64_t			 lo = NUM_ABSENT, hi = 0, v;
	size_t			 i, n = 0;
	int			 rc;

	if (heading(f, "二、村(社区)排名", f->b->body * HEAD_EM +
	    f->b->row) == -1 || table(f, heads, 7, tn->nv, cell_villages,
	    tn) == -1)
		return -1;
	if ((bars = calloc(tn->nv + 1, sizeof(*bars))) == NULL ||
	    (txt = calloc(tn->nv + 1, sizeof(*txt))) == NULL) {
		free(bars);
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < tn->nv; i++) {
		v = l->m->g[tn->vil[i]].rated ? l->m->g[tn->vil[i]].monthly :
		    NUM_ABSENT;
		if (v == NUM_ABSENT)
			continue;
		if (lo == NUM_ABSENT || v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	/* Bars start below the lowest score, or they would all look alike. */
	lo = lo == NUM_ABSENT ? 0 : (lo / NUM_C - SCORE_FLOOR) / 10 * 10 *
	    NUM_C;
	if (lo < 0)
		lo = 0;
	for (i = 0; i < tn->nv; i++) {
		v = l->m->g[tn->vil[i]].rated ? l->m->g[tn->vil[i]].monthly :
		    NUM_ABSENT;
		if (v == NUM_ABSENT)
			continue;
		bars[n].label = l->in->grids[tn->vil[i]].name;
		bars[n].value = (double)(v - lo) / NUM_C;
		layout_num2(txt[n], v);
		bars[n].text = txt[n];
		bars[n].colour = l->st->c.bar;
		n++;
	}
	snprintf(cap, sizeof(cap), "各村(社区)月考核得分(横轴自%s分起)",
	    layout_num2(a, lo));
	rc = hchart(f, cap, bars, n, (double)(hi - lo) / NUM_C);
	free(bars);
	free(txt);
	return rc;
}

/* 三、网格排名: every sub-grid of the town. */
static int
subgrid_ranking(struct flow *f, struct town *tn)
{
	const char	*heads[] = {
		NULL, "网格", "所属村(社区)", "星级", "月考核得分", "奖补(元)",
		"预警"
	};
	char		 rank[LAYOUT_TEXT_MAX];

	snprintf(rank, sizeof(rank), "全%s排名",
	    layout_town_noun(f->l->in->grids[tn->t].name));
	heads[0] = rank;
	if (heading(f, "三、网格排名", f->b->body * HEAD_EM + f->b->row) == -1)
		return -1;
	return table(f, heads, 7, tn->ns, cell_subgrids, tn);
}

/* 四、表彰与预警: the flags and the red and orange warnings. */
static int
flags_warnings(struct flow *f, struct town *tn)
{
	const struct layout	*l = f->l;
	struct buf		 t;
	size_t			 i;
	int			 w, any, rc = -1;

	buf_init(&t);
	layout_flags_text(l, tn->t, &t);
	for (w = WARN_RED; w >= WARN_ORANGE; w--) {
		any = 0;
		for (i = 0; i < tn->ns; i++) {
			const struct grid *g = &l->in->grids[tn->sub[i]];

			if (l->m->g[tn->sub[i]].warning != w)
				continue;
			buf_printf(&t, "%s%s", any ? "、" : "\n", any ? "" :
			    layout_warning_word(w));
			if (!any)
				buf_puts(&t, "网格：");
			buf_printf(&t, "%s(%s)", g->name, g->parent >= 0 ?
			    l->in->grids[g->parent].name : "");
			any = 1;
		}
	}
	if (t.oom)
		errno = ENOMEM;
	else if (heading(f, "四、表彰与预警", f->b->body * NEXT_LINES) == 0 &&
	    para(f, t.data, f->b->body, l->st->c.text) == 0)
		rc = 0;
	buf_release(&t);
	return rc;
}

/* 五、奖补资金: per village and in total, with a chart. */
static int
subsidies(struct flow *f, struct town *tn)
{
	static const char *const heads[] = {
		"村(社区)", "村(社区)奖补(元)", "网格奖补(元)", "合计(元)"
	};
	const struct layout	*l = f->l;
	struct layout_bar	*bars;
	char			(*txt)[LAYOUT_TEXT_MAX];
	double			 max = 1;
	size_t			 i;
	int			 rc;

	if (heading(f, l->m->stage == STAGE_FINAL ? "五、奖补资金" :
	    "五、奖补资金(预计)", f->b->body * HEAD_EM + f->b->row) == -1 ||
	    table(f, heads, 4, tn->nv + 1, cell_subsidy, tn) == -1)
		return -1;
	if ((bars = calloc(tn->nv + 1, sizeof(*bars))) == NULL ||
	    (txt = calloc(tn->nv + 1, sizeof(*txt))) == NULL) {
		free(bars);
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < tn->nv; i++) {
		int64_t v = own_subsidy(l, tn->vil[i]) +
		    children_subsidy(l, tn->vil[i]);

		bars[i].label = l->in->grids[tn->vil[i]].name;
		bars[i].value = (double)v / NUM_C;
		layout_num2(txt[i], v);
		bars[i].text = txt[i];
		bars[i].colour = l->st->c.bar;
		if (bars[i].value > max)
			max = bars[i].value;
	}
	rc = hchart(f, "各村(社区)奖补资金合计(元)", bars, tn->nv, max);
	free(bars);
	free(txt);
	return rc;
}

/* 六、群众诉求办理: issue figures per village, and a chart. */
static int
issues(struct flow *f, struct town *tn)
{
	static const char *const heads[] = {
		"村(社区)", "受理(件)", "应结案(件)", "办结(件)",
		"按期办结(件)", "结案率", "按期结案率", "满意率"
	};
	const struct layout	*l = f->l;
	struct layout_bar	*bars;
	struct counts		 k;
	char			(*txt)[LAYOUT_TEXT_MAX];
	size_t			 i, n = 0;
	int64_t			 v;
	int			 rc;

	if (heading(f, "六、群众诉求办理", f->b->body * HEAD_EM +
	    f->b->row) == -1 || table(f, heads, 8, tn->nv + 1, cell_issues,
	    tn) == -1)
		return -1;
	if ((bars = calloc(tn->nv + 1, sizeof(*bars))) == NULL ||
	    (txt = calloc(tn->nv + 1, sizeof(*txt))) == NULL) {
		free(bars);
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < tn->nv; i++) {
		memset(&k, 0, sizeof(k));
		add_counts(l, tn->vil[i], &k);
		if ((v = rate(k.on_time, k.due)) == NUM_ABSENT)
			continue;
		bars[n].label = l->in->grids[tn->vil[i]].name;
		bars[n].value = (double)v / NUM_R;
		layout_rate(txt[n], v);
		bars[n].text = txt[n];
		bars[n].colour = l->st->c.bar;
		n++;
	}
	rc = hchart(f, "各村(社区)按期结案率", bars, n, RATE_MAX);
	free(bars);
	free(txt);
	return rc;
}

/* 七、近期走势: mean level of the town's sub-grids, month by month. */
static int
trend(struct flow *f, struct town *tn)
{
	const struct layout	*l = f->l;
	const struct month_res	*mr;
	struct layout_bar	 bars[TREND_MONTHS];
	char			 lab[TREND_MONTHS][LAYOUT_TEXT_MAX];
	char			 txt[TREND_MONTHS][LAYOUT_TEXT_MAX];
	char			 cap[3 * LAYOUT_TEXT_MAX];
	char			 a[LAYOUT_TEXT_MAX], b[LAYOUT_TEXT_MAX];
	struct pdf_style	 s;
	struct pdf_box		 bx;
	size_t			 i, first, n = 0, g;
	int			 sum, cnt;
	int64_t			 mean;
	double			 ch = f->b->small * LINE_EM;

	first = l->res->nmonths > TREND_MONTHS ?
	    l->res->nmonths - TREND_MONTHS : 0;
	for (i = first; i < l->res->nmonths; i++) {
		mr = &l->res->months[i];
		if (!mr->present)
			continue;
		for (g = 0, sum = cnt = 0; g < l->in->ngrids; g++)
			if (l->in->grids[g].level == 3 &&
			    l->in->grids[g].town == tn->t &&
			    mr->g[g].active && mr->g[g].level >= 0) {
				sum += mr->g[g].level;
				cnt++;
			}
		if (cnt == 0)
			continue;
		mean = num_div((int64_t)sum * NUM_C, cnt);
		snprintf(lab[n], sizeof(lab[n]), "%d月", mr->month % 12 + 1);
		layout_num2(txt[n], mean);
		bars[n].label = lab[n];
		bars[n].text = txt[n];
		bars[n].value = (double)mean / NUM_C;
		bars[n].colour = mr == l->m ? l->st->c.bar : l->st->c.bar_alt;
		n++;
	}
	if (n == 0)
		return 0;
	if (heading(f, "七、网格平均星级走势", ch + f->b->chart) == -1 ||
	    flow_need(f, ch + f->b->chart) == -1)
		return -1;
	snprintf(cap, sizeof(cap), "%s至%s各月三级网格平均星级",
	    layout_month(a, l->res->months[first].month),
	    layout_month(b, l->m->month));
	s = layout_style(f->b->small, f->b->min, l->st->c.muted, PDF_CENTER,
	    1);
	bx = box(f->x, f->y, f->w, ch);
	pdf_text(l->p, &bx, cap, &s);
	bx = box(f->x, f->y + ch, f->w, f->b->chart);
	layout_vbars(f->l, &bx, bars, n, LEVEL_MAX, f->b->small, f->b->min);
	f->y += ch + f->b->chart + f->b->pad * BLOCK_GAP;
	return 0;
}

/* The masthead on the first page. */
static int
masthead(struct flow *f)
{
	struct layout		*l = f->l;
	struct pdf_style	 s;
	struct pdf_box		 bx;
	struct buf		 t;
	char			 mon[LAYOUT_TEXT_MAX];
	double			 h = f->b->title * MAST_EM;
	double			 lh = f->b->body * LINE_EM;

	if (flow_need(f, h + 2 * lh) == -1)
		return -1;
	s = layout_style(f->b->title, f->b->min, l->st->c.title, PDF_CENTER,
	    1);
	bx = box(f->x, f->y, f->w, h);
	pdf_text(l->p, &bx, "网格化管理工作简报", &s);
	f->y += h;
	buf_init(&t);
	buf_printf(&t, "%s\xe3\x80\x80%s", l->in->set.title != NULL ?
	    l->in->set.title : "", layout_month(mon, l->m->month));
	s = layout_style(f->b->body, f->b->min, l->st->c.text, PDF_CENTER, 1);
	bx = box(f->x, f->y, f->w, lh);
	pdf_text(l->p, &bx, t.data, &s);
	f->y += lh + f->b->pad;
	/* The red double rule of official bulletins. */
	pdf_line(l->p, f->x, f->y, f->x + f->w, f->y, f->b->rule * MAST_THICK,
	    l->st->c.band);
	pdf_line(l->p, f->x, f->y + f->b->rule * MAST_GAP, f->x + f->w,
	    f->y + f->b->rule * MAST_GAP, f->b->rule, l->st->c.band);
	f->y += f->b->rule * MAST_GAP + f->b->pad * PARA_GAP;
	buf_reset(&t);
	layout_stage_text(l, &t);
	s.colour = l->st->c.title;
	bx = box(f->x, f->y, f->w, lh);
	pdf_text(l->p, &bx, t.data, &s);
	f->y += lh + f->b->pad;
	buf_release(&t);
	return 0;
}

int
bulletin_draw(struct layout *l)
{
	struct flow	 f;
	struct town	 tn;
	size_t		 i, ntowns = 0;
	long		 n;
	int		 rc = -1;

	memset(&f, 0, sizeof(f));
	memset(&tn, 0, sizeof(tn));
	f.l = l;
	f.b = &l->st->bulletin;
	pdf_paper(PAPER_A4, 0, &f.pw, &f.ph);
	f.x = f.b->margin;
	f.w = f.pw - 2 * f.b->margin;
	if (masthead(&f) == -1)
		return -1;
	for (i = 0; i < l->in->ngrids; i++)
		if (l->in->grids[i].level == 1 &&
		    layout_active(l->in, l->m, (int)i))
			ntowns++;
	for (i = 0; i < l->in->ngrids; i++) {
		if (l->in->grids[i].level != 1 ||
		    !layout_active(l->in, l->m, (int)i))
			continue;
		memset(&tn, 0, sizeof(tn));
		tn.t = (int)i;
		if ((n = layout_villages(l, tn.t, &tn.vil)) < 0)
			goto out;
		tn.nv = (size_t)n;
		if ((n = layout_subgrids(l, tn.t, &tn.sub)) < 0)
			goto out;
		tn.ns = (size_t)n;
		if (ntowns > 1 && (flow_need(&f, f.b->title * MAST_EM) == -1 ||
		    para(&f, l->in->grids[i].name, f.b->title * TOWN_NAME_EM,
		    l->st->c.title) == -1))
			goto out;
		if (overview(&f, &tn) == -1 || village_ranking(&f, &tn) == -1 ||
		    subgrid_ranking(&f, &tn) == -1 ||
		    flags_warnings(&f, &tn) == -1 ||
		    subsidies(&f, &tn) == -1 || issues(&f, &tn) == -1 ||
		    trend(&f, &tn) == -1)
			goto out;
		free(tn.vil);
		free(tn.sub);
		tn.vil = tn.sub = NULL;
	}
	rc = 0;
out:
	if (rc == -1) {
		free(tn.vil);
		free(tn.sub);
		if (errno == 0)
			errno = ENOMEM;
	}
	return rc;
}
