/*
 * Shared building blocks of the boards and the bulletin: see layout.h.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardstyle.h"
#include "buf.h"
#include "date.h"
#include "layout.h"
#include "num.h"
#include "pdf.h"
#include "qr.h"

/* Line pitch of text, as a multiple of its size. */
#define LEADING		1.25
/* Placeholder of an absent figure: an em dash. */
#define ABSENT		"\xe2\x80\x94"
/* Ideographic space, between the parts of a line. */
#define GAP		"\xe3\x80\x80"
/* Legend: icon size and spacing, as multiples of the text size. */
#define ICON_EM		1.1
#define ICON_GAP_EM	0.35
#define ITEM_GAP_EM	1.4
#define LEGEND_PITCH	1.7
/* Warning patch: side as a multiple of the text size, gap after it. */
#define PATCH_EM	1.0
#define PATCH_GAP_EM	0.35
/* Charts: bar thickness as a share of its slot. */
#define BAR_SHARE	0.62
/* Horizontal chart: label column at most this share of the width. */
#define HBAR_LABELS	0.34
/* Most lines of a table heading (as many as its height holds). */
#define HEAD_LINES	3
/* Title band: padding, and the size of its right text, in ems. */
#define BAND_PAD_EM	0.6
#define BAND_RIGHT_EM	0.7
/* Table heading: padding inside a cell, in ems. */
#define HEAD_PAD_EM	0.25
/* Charts: gaps before a bar and after it, and label lines, in ems. */
#define BAR_GAP_EM	0.5
#define BAR_TEXT_EM	0.3
#define BAR_LABEL_EM	1.6
/* Horizontal chart: most room per bar, in ems. */
#define HBAR_PITCH_EM	2.0
/* Width of a measured text box beyond the text, for rounding. */
#define SLACK		1.0

char *
layout_month(char *out, int month)
{
	snprintf(out, LAYOUT_TEXT_MAX, "%d年%d月", month / 12, month % 12 + 1);
	return out;
}

char *
layout_date(char *out, int day)
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, LAYOUT_TEXT_MAX, "%d年%d月%d日", y, m, d);
	return out;
}

char *
layout_num2(char *out, int64_t v)
{
	if (v == NUM_ABSENT)
		snprintf(out, LAYOUT_TEXT_MAX, "%s", ABSENT);
	else
		num_fmt(out, v, 2);
	return out;
}

char *
layout_rate(char *out, int64_t v)
{
	char	 t[32];

	if (v == NUM_ABSENT)
		snprintf(out, LAYOUT_TEXT_MAX, "%s", ABSENT);
	else
		/* Ten-thousandths to a percentage with one decimal. */
		snprintf(out, LAYOUT_TEXT_MAX, "%s%%",
		    num_fmt(t, num_div(v, 10), 1));
	return out;
}

char *
layout_rank(char *out, int rank)
{
	if (rank <= 0)
		snprintf(out, LAYOUT_TEXT_MAX, "%s", ABSENT);
	else
		snprintf(out, LAYOUT_TEXT_MAX, "%d", rank);
	return out;
}

const char *
layout_level_word(int level)
{
	static const char *const words[] = {
		"无星级", "一星级", "二星级", "三星级", "四星级", "五星级"
	};

	if (level < 0 || level > 5)
		return ABSENT;
	return words[level];
}

const char *
layout_warning_word(int warning)
{
	switch (warning) {
	case WARN_NONE:
		return "无预警";
	case WARN_BLUE:
		return "蓝色预警";
	case WARN_YELLOW:
		return "黄色预警";
	case WARN_ORANGE:
		return "橙色预警";
	case WARN_RED:
		return "红色预警";
	default:
		return ABSENT;
	}
}

const char *
layout_star_word(int star)
{
	switch (star) {
	case STAR_RED:
		return "红星";
	case STAR_NONE:
		return "无星";
	case STAR_BLACK:
		return "黑星";
	default:
		return "";
	}
}

const char *
layout_flag_word(int bit)
{
	/* RULES.md §5, in the order of the FLAG_* bits. */
	static const char *const words[FLAG__COUNT] = {
		"连续3个月排名前3名",
		"连续3个月排名滞后",
		"连续3个季度排名后两名",
		"全年各月均为五星级",
	};

	if (bit < 0 || bit >= FLAG__COUNT)
		return "";
	return words[bit];
}

uint32_t
layout_warning_colour(const struct layout *l, int warning)
{
	if (warning < WARN_NONE || warning > WARN_RED)
		return l->st->c.muted;
	return l->st->c.warn[warning - WARN_NONE];
}

/* Whether UTF-8 s ends with suffix. */
static int
ends_with(const char *s, const char *suffix)
{
	size_t	 n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

const char *
layout_village_noun(const char *name)
{
	if (ends_with(name, "村"))
		return "村";
	if (ends_with(name, "社区"))
		return "社区";
	return "村(社区)";
}

const char *
layout_town_noun(const char *name)
{
	if (ends_with(name, "街道"))
		return "街道";
	if (ends_with(name, "镇"))
		return "镇";
	if (ends_with(name, "乡"))
		return "乡";
	return "镇(街道)";
}

const char *
layout_flag_short(int bit)
{
	static const char *const words[FLAG__COUNT] = {
		"连续前三", "连续滞后", "季度后两名", "全年五星"
	};

	if (bit < 0 || bit >= FLAG__COUNT)
		return "";
	return words[bit];
}

char *
layout_url(const struct input *in, int g)
{
	struct buf	 b;
	const char	*base;

	base = in->set.base_url != NULL ? in->set.base_url : "";
	buf_init(&b);
	if (g < 0)
		buf_puts(&b, base);
	else
		buf_printf(&b, "%s%s/%s/", base,
		    in->grids[g].level == 2 ? "v" : "g", in->grids[g].id);
	if (b.oom) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* A copy of q, or NULL (errno ENOMEM). */
static struct qr *
qr_copy(const struct qr *q)
{
	struct qr	*c;
	size_t		 n = (size_t)q->width * (size_t)q->width;

	if ((c = malloc(sizeof(*c))) == NULL)
		return NULL;
	*c = *q;
	if ((c->dark = malloc(n)) == NULL) {
		free(c);
		return NULL;
	}
	memcpy(c->dark, q->dark, n);
	return c;
}

struct qr *
layout_qr(const struct layout *l, int g)
{
	struct qr	*q, **slot;
	char		*url;
	int		 e;

	slot = l->qrs == NULL ? NULL :
	    &l->qrs[g < 0 ? l->in->ngrids : (size_t)g];
	if (slot != NULL && *slot != NULL)
		return qr_copy(*slot);
	if ((url = layout_url(l->in, g)) == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	q = qr_new(url, l->in->set.qr_level);
	e = errno;
	free(url);
	if (q != NULL && slot != NULL) {
		*slot = q;
		q = qr_copy(q);
		e = ENOMEM;
	}
	errno = e;
	return q;
}

int
layout_qr_module(const struct qr *q, double mm)
{
	int	 m;

	m = (int)ceil(mm * PDF_PT_PER_MM / q->width - 1e-9);
	return m < 1 ? 1 : m;
}

struct pdf_style
layout_style(double size, double min, uint32_t colour, int align, int lines)
{
	struct pdf_style	 s;

	s.size = size;
	s.min = min < size ? min : size;
	s.leading = LEADING;
	s.colour = colour;
	s.align = align;
	s.lines = lines;
	s.top = 0;
	return s;
}

void
layout_stage_text(const struct layout *l, struct buf *out)
{
	char	 a[LAYOUT_TEXT_MAX], b[LAYOUT_TEXT_MAX];

	if (l->m->stage == STAGE_FINAL) {
		buf_puts(out, "审定：本月评定结果已审定，奖补资金按此核发");
		return;
	}
	buf_printf(out, "公示期：%s至%s", layout_date(a, l->m->publish_date),
	    layout_date(b, l->m->objection_deadline));
	if (l->in->set.hotline != NULL && l->in->set.hotline[0] != '\0')
		buf_printf(out, GAP "异议受理电话：%s", l->in->set.hotline);
}

void
layout_footer_text(const struct layout *l, struct buf *out)
{
	char	 a[LAYOUT_TEXT_MAX], b[LAYOUT_TEXT_MAX];

	buf_printf(out, "数据月份：%s" GAP "公布日期：%s",
	    layout_month(a, l->m->month), layout_date(b, l->m->publish_date));
}

void
layout_band(struct layout *l, const struct pdf_box *b, const char *left,
    const char *right, double size, double min)
{
	struct pdf_style	 s;
	struct pdf_box		 t;
	double			 rw = 0, pad = size * BAND_PAD_EM;

	pdf_rect(l->p, b, l->st->c.band, PDF_NOCOLOUR, 0);
	t = *b;
	t.x += pad;
	t.w -= 2 * pad;
	if (right != NULL) {
		rw = pdf_text_width(l->p, right, size * BAND_RIGHT_EM) + SLACK;
		s = layout_style(size * BAND_RIGHT_EM, min, l->st->c.band_text,
		    PDF_RIGHT, 1);
		t.x = b->x + b->w - pad - rw;
		t.w = rw;
		pdf_text(l->p, &t, right, &s);
		t.x = b->x + pad;
		t.w = b->w - 3 * pad - rw;
	}
	s = layout_style(size, min, l->st->c.band_text, PDF_LEFT, 1);
	pdf_text(l->p, &t, left, &s);
}

void
layout_star(struct layout *l, double cx, double cy, double r, int star)
{
	const struct bs_colours	*c = &l->st->c;

	switch (star) {
	case STAR_RED:
		pdf_star(l->p, cx, cy, r, c->star_red, PDF_NOCOLOUR, 0);
		break;
	case STAR_BLACK:
		pdf_star(l->p, cx, cy, r, c->star_black, PDF_NOCOLOUR, 0);
		break;
	case STAR_NONE:
		pdf_star(l->p, cx, cy, r, PDF_NOCOLOUR, c->star_outline,
		    r / 7);
		break;
	default:
		break;
	}
}

void
layout_warning(struct layout *l, const struct pdf_box *b, int warning,
    const struct pdf_style *st)
{
	struct pdf_box	 patch, t;
	double		 side = st->size * PATCH_EM;

	if (side > b->h)
		side = b->h;
	if (warning != WARN_ABSENT) {
		patch.x = b->x;
		patch.y = b->y + (b->h - side) / 2;
		patch.w = side;
		patch.h = side;
		pdf_rect(l->p, &patch, layout_warning_colour(l, warning),
		    PDF_NOCOLOUR, 0);
		t = *b;
		t.x += side + st->size * PATCH_GAP_EM;
		t.w -= side + st->size * PATCH_GAP_EM;
	} else
		t = *b;
	pdf_text(l->p, &t, layout_warning_word(warning), st);
}

double
layout_warning_width(const struct layout *l, int warning, double size)
{
	double	 w;

	w = pdf_text_width(l->p, layout_warning_word(warning), size) + SLACK;
	if (warning != WARN_ABSENT)
		w += size * (PATCH_EM + PATCH_GAP_EM);
	return w;
}

/* One legend entry: an icon (a star kind, or a warning) and its text. */
struct legend_item {
	int		 star;		/* enum star, or STAR_UNSET */
	int		 warning;	/* enum warning when star is unset */
	const char	*text;
};

static const struct legend_item	 legend[] = {
	{ STAR_RED, 0, "红星：无问题" },
	{ STAR_NONE, 0, "无星：存在问题" },
	{ STAR_BLACK, 0, "黑星：存在严重问题" },
	{ STAR_UNSET, WARN_ABSENT, "星级：五个领域中的红星个数" },
	{ STAR_UNSET, WARN_NONE, "无预警：五颗红星" },
	{ STAR_UNSET, WARN_BLUE, "蓝色预警：1个无星" },
	{ STAR_UNSET, WARN_YELLOW, "黄色预警：2个及以上无星" },
	{ STAR_UNSET, WARN_ORANGE, "橙色预警：1个黑星" },
	{ STAR_UNSET, WARN_RED, "红色预警：2个及以上黑星" },
};

double
layout_legend(struct layout *l, double x, double y, double w, double size,
    int draw)
{
	struct pdf_style	 s;
	struct pdf_box		 t, patch;
	double			 cx = x, cy = y, pitch = size * LEGEND_PITCH;
	double			 icon, tw, iw;
	size_t			 i;

	s = layout_style(size, size, l->st->c.text, PDF_LEFT, 1);
	for (i = 0; i < sizeof(legend) / sizeof(legend[0]); i++) {
		icon = legend[i].star == STAR_UNSET &&
		    legend[i].warning == WARN_ABSENT ? 0 :
		    size * (ICON_EM + ICON_GAP_EM);
		tw = pdf_text_width(l->p, legend[i].text, size) + SLACK;
		iw = icon + tw;
		if (cx > x && cx + iw > x + w) {
			cx = x;
			cy += pitch;
		}
		if (draw) {
			if (legend[i].star != STAR_UNSET)
				layout_star(l, cx + size * ICON_EM / 2,
				    cy + pitch / 2, size * ICON_EM / 2,
				    legend[i].star);
			else if (legend[i].warning != WARN_ABSENT) {
				patch.x = cx;
				patch.y = cy + (pitch - size) / 2;
				patch.w = size;
				patch.h = size;
				pdf_rect(l->p, &patch, layout_warning_colour(l,
				    legend[i].warning), PDF_NOCOLOUR, 0);
			}
			t.x = cx + icon;
			t.y = cy;
			t.w = tw > x + w - t.x ? x + w - t.x : tw;
			t.h = pitch;
			pdf_text(l->p, &t, legend[i].text, &s);
		}
		cx += iw + size * ITEM_GAP_EM;
	}
	return cy + pitch - y;
}

void
layout_head(struct layout *l, double x, double y, double h,
    const struct layout_col *cols, size_t n, double size, double min,
    double rule)
{
	struct pdf_style	 s;
	struct pdf_box		 b, t;
	double			 pad = size * HEAD_PAD_EM;
	size_t			 i;

	s = layout_style(size, min, l->st->c.head_text, PDF_CENTER,
	    HEAD_LINES);
	for (i = 0, b.x = x; i < n; b.x += cols[i].w, i++) {
		b.y = y;
		b.w = cols[i].w;
		b.h = h;
		pdf_rect(l->p, &b, l->st->c.head_fill, l->st->c.rule, rule);
		t.x = b.x + pad;
		t.y = b.y + pad;
		t.w = b.w - 2 * pad;
		t.h = b.h - 2 * pad;
		pdf_text(l->p, &t, cols[i].head, &s);
	}
}

void
layout_row(struct layout *l, double x, double y, double h,
    const struct layout_col *cols, size_t n, int striped, double rule)
{
	struct pdf_box	 b;
	size_t		 i;

	for (i = 0, b.x = x; i < n; b.x += cols[i].w, i++) {
		b.y = y;
		b.w = cols[i].w;
		b.h = h;
		pdf_rect(l->p, &b, striped ? l->st->c.stripe : PDF_NOCOLOUR,
		    l->st->c.rule, rule);
	}
}

void
layout_hbars(struct layout *l, const struct pdf_box *b,
    const struct layout_bar *bars, size_t n, double max, double size,
    double min)
{
	struct pdf_style	 ls, ts;
	struct pdf_box		 t, bar;
	double			 lw = 0, tw = 0, pitch, room, w;
	size_t			 i, fit;

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		w = pdf_text_width(l->p, bars[i].label, size) + SLACK;
		if (w > lw)
			lw = w;
		w = pdf_text_width(l->p, bars[i].text, size) + SLACK;
		if (w > tw)
			tw = w;
	}
	if (lw > b->w * HBAR_LABELS)
		lw = b->w * HBAR_LABELS;
	pitch = b->h / n;
	if (pitch > size * HBAR_PITCH_EM)
		pitch = size * HBAR_PITCH_EM;
	fit = (size_t)floor(b->h / pitch + 1e-9);
	room = b->w - lw - tw - size;
	if (room < 0)
		room = 0;
	ls = layout_style(size, min, l->st->c.text, PDF_RIGHT, 1);
	ts = layout_style(size, min, l->st->c.text, PDF_LEFT, 1);
	for (i = 0; i < n && i < fit; i++) {
		t.x = b->x;
		t.y = b->y + i * pitch;
		t.w = lw;
		t.h = pitch;
		pdf_text(l->p, &t, bars[i].label, &ls);
		bar.x = b->x + lw + size * BAR_GAP_EM;
		bar.h = pitch * BAR_SHARE;
		bar.y = t.y + (pitch - bar.h) / 2;
		bar.w = max > 0 && bars[i].value > 0 ?
		    room * bars[i].value / max : 0;
		if (bar.w > 0)
			pdf_rect(l->p, &bar, bars[i].colour, PDF_NOCOLOUR, 0);
		t.x = bar.x + bar.w + size * BAR_TEXT_EM;
		t.w = tw;
		pdf_text(l->p, &t, bars[i].text, &ts);
	}
}

void
layout_vbars(struct layout *l, const struct pdf_box *b,
    const struct layout_bar *bars, size_t n, double max, double size,
    double min)
{
	struct pdf_style	 s;
	struct pdf_box		 t, bar;
	double			 slot, lh, room;
	size_t			 i;

	if (n == 0)
		return;
	slot = b->w / n;
	lh = size * BAR_LABEL_EM;
	room = b->h - 2 * lh;
	if (room < 0)
		room = 0;
	s = layout_style(size, min, l->st->c.text, PDF_CENTER, 1);
	pdf_line(l->p, b->x, b->y + b->h - lh, b->x + b->w, b->y + b->h - lh,
	    l->st->bulletin.rule, l->st->c.rule);
	for (i = 0; i < n; i++) {
		bar.w = slot * BAR_SHARE;
		bar.x = b->x + i * slot + (slot - bar.w) / 2;
		bar.h = max > 0 && bars[i].value > 0 ?
		    room * bars[i].value / max : 0;
		bar.y = b->y + b->h - lh - bar.h;
		if (bar.h > 0)
			pdf_rect(l->p, &bar, bars[i].colour, PDF_NOCOLOUR, 0);
		t.x = b->x + i * slot;
		t.w = slot;
		t.h = lh;
		t.y = b->y + b->h - lh;
		pdf_text(l->p, &t, bars[i].label, &s);
		t.y = bar.y - lh;
		pdf_text(l->p, &t, bars[i].text, &s);
	}
}

void
layout_flags_text(const struct layout *l, int t, struct buf *out)
{
	const struct grid	*g;
	const struct gres	*r;
	size_t			 i;
	int			 bit, any, all = 0;

	for (bit = 0; bit < FLAG__COUNT; bit++) {
		any = 0;
		for (i = 0; i < l->in->ngrids; i++) {
			g = &l->in->grids[i];
			r = &l->m->g[i];
			if (g->level < 2 || g->town != t || !r->active ||
			    !(r->flags & (1u << bit)))
				continue;
			if (!any)
				buf_printf(out, "%s%s：", all ? "\n" : "",
				    layout_flag_word(bit));
			else
				buf_puts(out, "、");
			buf_puts(out, g->name);
			if (g->level == 3 && g->parent >= 0)
				buf_printf(out, "(%s)",
				    l->in->grids[g->parent].name);
			any = all = 1;
		}
	}
	if (!all)
		buf_puts(out, "本月没有表彰或通报的网格");
}

int
layout_active(const struct input *in, const struct month_res *m, int g)
{
	const struct grid	*gr = &in->grids[g];

	if (gr->level == 1)
		return gr->from <= m->month && m->month <= gr->until;
	return m->g[g].active;
}

/*
 * Sort grids a[0..n-1] by rank in their level-1 grid, the unranked last,
 * ties by id (index order).  Insertion sort: a town has a few dozen.
 */
static void
sort_by_rank(const struct layout *l, int *a, size_t n)
{
	size_t	 i, j;
	int	 x, rx, ry;

	for (i = 1; i < n; i++) {
		x = a[i];
		rx = l->m->g[x].rank_town > 0 ? l->m->g[x].rank_town : INT_MAX;
		for (j = i; j > 0; j--) {
			ry = l->m->g[a[j - 1]].rank_town > 0 ?
			    l->m->g[a[j - 1]].rank_town : INT_MAX;
			if (ry < rx || (ry == rx && a[j - 1] < x))
				break;
			a[j] = a[j - 1];
		}
		a[j] = x;
	}
}

/* Active grids of level `level` under level-1 grid t, ranked. */
static long
ranked(const struct layout *l, int t, int level, int **out)
{
	size_t	 i, n = 0;
	int	*a;

	*out = NULL;
	if ((a = calloc(l->in->ngrids + 1, sizeof(*a))) == NULL)
		return -1;
	for (i = 0; i < l->in->ngrids; i++)
		if (l->in->grids[i].level == level &&
		    l->in->grids[i].town == t && l->m->g[i].active)
			a[n++] = (int)i;
	sort_by_rank(l, a, n);
	*out = a;
	return (long)n;
}

long
layout_villages(const struct layout *l, int t, int **out)
{
	return ranked(l, t, 2, out);
}

long
layout_subgrids(const struct layout *l, int t, int **out)
{
	return ranked(l, t, 3, out);
}
