/*
 * Building blocks shared by the boards (sheets.c) and the bulletin
 * (bulletin.c): the words and numbers they print, the title band, stage
 * line and footer, stars, warning patches, the legend, table headings
 * and bar charts.  All drawing goes through pdf.h.
 */
#ifndef GRIDSTAR_LAYOUT_H
#define GRIDSTAR_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "pdf.h"

struct boardstyle;
struct qr;

/* Longest text the layout_* formatters write, with the terminator. */
#define LAYOUT_TEXT_MAX	64

/* What every drawing function needs; all borrowed. */
struct layout {
	struct pdf		*p;	/* the document being drawn */
	const struct boardstyle	*st;	/* the theme */
	const struct input	*in;
	const struct result	*res;
	const struct month_res	*m;	/* the published month */
	double			 scale;	/* board sizes: this paper / A3 */
	struct qr		**qrs;	/* codes made so far: per grid, then
					   the site's; NULL: no keeping */
};

/* One column of a table: heading, width and alignment of its cells. */
struct layout_col {
	const char	*head;		/* heading text */
	double		 w;		/* width in points */
	int		 align;		/* enum pdf_align of the cells */
};

/* One bar of a chart. */
struct layout_bar {
	const char	*label;		/* under (or left of) the bar */
	double		 value;		/* length, in the chart's units */
	const char	*text;		/* printed at the bar's end */
	uint32_t	 colour;	/* fill */
};

/* "2026年10月". Returns out (LAYOUT_TEXT_MAX bytes). */
char		*layout_month(char *out, int month);
/* "2026年11月2日". Returns out (LAYOUT_TEXT_MAX bytes). */
char		*layout_date(char *out, int day);
/* A figure in hundredths as "93.80", or "—" when absent. */
char		*layout_num2(char *out, int64_t v);
/* A rate in ten-thousandths as "95.8%", or "—" when absent. */
char		*layout_rate(char *out, int64_t v);
/* A rank as "3", or "—" for 0 (unranked). */
char		*layout_rank(char *out, int rank);
/* "五星级" ... "无星级" for levels 5..0, "—" when absent (< 0). */
const char	*layout_level_word(int level);
/* "无预警", "蓝色预警" ... "红色预警"; "—" for WARN_ABSENT. */
const char	*layout_warning_word(int warning);
/* "红星", "无星", "黑星", or "" when unset. */
const char	*layout_star_word(int star);
/* Chinese words of a FLAG_* bit index (0..FLAG__COUNT-1). */
const char	*layout_flag_word(int bit);
/* Theme colour of a warning (WARN_ABSENT: the muted colour). */
uint32_t	 layout_warning_colour(const struct layout *, int warning);
/*
 * What to call a level-2 grid: "村" when its name ends so, "社区" when
 * its name ends so, else "村(社区)".
 */
const char	*layout_village_noun(const char *name);
/*
 * What to call a level-1 grid: "街道", "镇" or "乡" when its name ends
 * so, else "镇(街道)".
 */
const char	*layout_town_noun(const char *name);
/* Short words of a FLAG_* bit index for table cells: "连续前三" ... */
const char	*layout_flag_short(int bit);
/*
 * The page of grid g (level 2: base_url v/<id>/, level 3: g/<id>/), or
 * base_url itself for g < 0.  The caller frees the result; NULL when out
 * of memory.
 */
char		*layout_url(const struct input *, int g);
/*
 * The QR code of grid g's page (g < 0: the site), at the error correction
 * level of the settings, encoded once and kept in l->qrs (when not NULL,
 * an array of in->ngrids + 1) for the next documents.  The caller frees
 * the copy returned with qr_free; NULL with errno set on failure.
 */
struct qr	*layout_qr(const struct layout *l, int g);
/* Whole points per module so that q's symbol is at least mm wide. */
int		 layout_qr_module(const struct qr *, double mm);

/*
 * A text style of size points (shrinking to min), colour, alignment and
 * at most `lines` lines, with a line pitch of 1.25.
 */
struct pdf_style layout_style(double size, double min, uint32_t colour,
		    int align, int lines);

/*
 * The stage line of the published month: the notice period and the
 * hotline at stage notice, the final review otherwise.  Appended to out.
 */
void		 layout_stage_text(const struct layout *, struct buf *out);
/* "数据月份：… 公布日期：…", appended to out. */
void		 layout_footer_text(const struct layout *, struct buf *out);

/*
 * Whether grid g exists in the published month: its from..until for a
 * level-1 grid (the rules rate only levels 2 and 3), its figures'
 * active flag otherwise.
 */
int		 layout_active(const struct input *, const struct month_res *,
		    int g);
/*
 * The level-2 grids of level-1 grid t active this month, ranked (by
 * rank_town, the unranked last, ties by id).  Stores a malloc'd array
 * the caller frees in *out (NULL when none).  Returns the count, or -1
 * when out of memory.
 */
long		 layout_villages(const struct layout *, int t, int **out);
/* The same for the level-3 grids of level-1 grid t. */
long		 layout_subgrids(const struct layout *, int t, int **out);
/*
 * The flags of level-1 grid t's grids this month, one line per flag:
 * "连续3个月排名前3名：东风社区、幸福路片区(东风社区)", sub-grids followed
 * by their village; a sentence saying there are none otherwise.
 * Appended to out.
 */
void		 layout_flags_text(const struct layout *, int t,
		    struct buf *out);
/*
 * Title band: box b filled with the band colour, left text at size on
 * its left, right text (may be NULL) on its right.
 */
void		 layout_band(struct layout *, const struct pdf_box *b,
		    const char *left, const char *right, double size,
		    double min);
/* A domain star (enum star) of radius r centred on (cx, cy). */
void		 layout_star(struct layout *, double cx, double cy, double r,
		    int star);
/*
 * A warning patch and its word inside box b: a square of the warning's
 * colour at the left, the word in the rest, text style st.
 */
void		 layout_warning(struct layout *, const struct pdf_box *b,
		    int warning, const struct pdf_style *st);
/* Width of layout_warning's patch and word at size points. */
double		 layout_warning_width(const struct layout *, int warning,
		    double size);
/*
 * Draw the legend of stars and warnings from (x, y), flowing over lines
 * of width w, with text of size points; when draw is 0, only measure.
 * Returns its height.
 */
double		 layout_legend(struct layout *, double x, double y, double w,
		    double size, int draw);
/*
 * A table heading row at (x, y) of height h over the columns cols[0..n-1]
 * (filled, outlined, text of size points shrinking to min, in as many
 * lines as h holds, up to three).
 */
void		 layout_head(struct layout *, double x, double y, double h,
		    const struct layout_col *cols, size_t n, double size,
		    double min, double rule);
/*
 * Outline a table row at (x, y) of height h over the columns, filling it
 * with the stripe colour when striped.
 */
void		 layout_row(struct layout *, double x, double y, double h,
		    const struct layout_col *cols, size_t n, int striped,
		    double rule);
/*
 * Horizontal bar chart in box b: one line per bar, label on the left,
 * bar scaled so that max fills the room, its text at the end; text of
 * size points.  Bars that do not fit the height are left out.
 */
void		 layout_hbars(struct layout *, const struct pdf_box *b,
		    const struct layout_bar *bars, size_t n, double max,
		    double size, double min);
/*
 * Vertical bar chart in box b: bars side by side with labels below and
 * texts above, scaled so that max fills the height.
 */
void		 layout_vbars(struct layout *, const struct pdf_box *b,
		    const struct layout_bar *bars, size_t n, double max,
		    double size, double min);

#endif /* GRIDSTAR_LAYOUT_H */
