/*
 * The look of the notice boards: colours, sizes, column widths and font,
 * read from themes/<name>/theme.ini.  Nothing visual has a default in C:
 * every key below must be in the file (the comments of
 * themes/default/theme.ini describe them).
 */
#ifndef GRIDSTAR_BOARDSTYLE_H
#define GRIDSTAR_BOARDSTYLE_H

#include <stdint.h>

struct diag;

/* Sizes of the A3 boards (village and town), in points on A3 paper. */
struct bs_board {
	double	 margin;	/* page margin */
	double	 title;		/* title in the band */
	double	 subtitle;	/* stage line */
	double	 head;		/* table headings */
	double	 body;		/* table cells */
	double	 small;		/* legend, footer, captions */
	double	 min;		/* smallest size text may shrink to */
	double	 pad;		/* padding inside cells */
	double	 star;		/* radius of a domain star */
	double	 rule;		/* width of table lines */
	double	 qr_mm;		/* smallest printed width of a row's QR code */
	double	 qr_village_mm;	/* smallest printed width of the village's QR */
};

/* Column widths of the village board's table, as weights. */
struct bs_vcols {
	double	 name, leader, phone, star, level, score, rank, subsidy,
		 warning;
};

/* Town board: right panel share and the table's column weights. */
struct bs_town {
	double	 side;		/* share of the width for charts and lists */
	double	 rank, name, leader, mean, level, score, subsidy, warning,
		 flags;
};

/* Sizes of the A4 grid card, in points. */
struct bs_card {
	double	 margin, title, name, body, small, min, pad, star, rule;
	double	 qr_mm;		/* smallest printed width of the QR code */
};

/* Sizes of the A4 bulletin, in points. */
struct bs_bulletin {
	double	 margin, title, heading, body, small, min, pad, rule;
	double	 row;		/* table row height */
	double	 chart;		/* chart height */
};

/* Colours, 0xRRGGBB. */
struct bs_colours {
	uint32_t text;		/* ordinary text */
	uint32_t muted;		/* footer, captions, labels */
	uint32_t title;		/* stage line, headings */
	uint32_t band;		/* title band */
	uint32_t band_text;	/* text on the band */
	uint32_t rule;		/* table lines */
	uint32_t head_fill;	/* table heading background */
	uint32_t head_text;	/* table heading text */
	uint32_t stripe;	/* every other table row */
	uint32_t star_red;	/* 红星 */
	uint32_t star_black;	/* 黑星 */
	uint32_t star_outline;	/* 无星, drawn hollow */
	uint32_t warn[5];	/* none, blue, yellow, orange, red */
	uint32_t bar;		/* chart bars */
	uint32_t bar_alt;	/* second chart series, empty bars */
	uint32_t qr;		/* dark QR modules */
};

struct boardstyle {
	char			*family;	/* fontconfig pattern */
	char			*file;		/* font file, or NULL */
	int			 index;		/* face in the file */
	struct bs_colours	 c;
	struct bs_board		 board;
	struct bs_vcols		 vcols;
	struct bs_town		 town;
	struct bs_card		 card;
	struct bs_bulletin	 bulletin;
};

/*
 * Read the theme file at path.  Every problem (a missing key, an unknown
 * one, a bad value) is reported to d with its line.  Returns the style
 * (free with boardstyle_free), or NULL when problems were reported.
 */
struct boardstyle	*boardstyle_load(const char *path, struct diag *d);
/* Same, from NUL-terminated text (tests); path names it in messages. */
struct boardstyle	*boardstyle_parse(const char *path, const char *text,
			    struct diag *d);
/* Free a style. NULL is a no-op. */
void			 boardstyle_free(struct boardstyle *);

#endif /* GRIDSTAR_BOARDSTYLE_H */
