/*
 * Settings from input/site.ini (RULES.md §9), read with libinih.
 */
#ifndef GRIDSTAR_SETTINGS_H
#define GRIDSTAR_SETTINGS_H

#include <stdint.h>

struct diag;

/* Publication stages (RULES.md §7). */
enum stage {
	STAGE_NOTICE = 0,	/* 公示: initial ratings under public notice */
	STAGE_FINAL		/* 审定: reviews applied, subsidies payable */
};

/* Paper sizes for the boards. */
enum paper {
	PAPER_A4 = 0,
	PAPER_A3,
	PAPER_A2
};

struct settings {
	char	*title;			/* [site] title */
	char	*base_url;		/* [site] base_url, always ending in '/' */
	char	*hotline;		/* [site] hotline */
	int	 month;			/* [publication] month (month number), -1 unset */
	int	 stage;			/* [publication] stage, enum stage */
	int	 publish_date;		/* [publication] publish_date (day number), -1 = default */
	int	 objection_days;	/* [publication] objection_days */
	int64_t	 serious_points;	/* [stars] serious_points, hundredths */
	int64_t	 closure_red;		/* [stars] service_closure_red, ten-thousandths */
	int64_t	 ontime_red;		/* [stars] service_ontime_red, ten-thousandths */
	int64_t	 closure_black;		/* [stars] service_closure_black, ten-thousandths */
	int64_t	 work_red;		/* [stars] work_red, hundredths */
	int64_t	 work_black;		/* [stars] work_black, hundredths */
	int	 level2_floor;		/* [stars] level2_rounding: 0 half_up, 1 floor */
	int64_t	 subsidy_base;		/* [subsidy] base, hundredths of a yuan */
	int64_t	 ratio[6];		/* [subsidy] ratio0..ratio5, ten-thousandths */
	char	*theme;			/* [theme] name */
	char	 qr_level;		/* [boards] qr_level: 'L', 'M', 'Q' or 'H' */
	int	 paper;			/* [boards] paper, enum paper */
	int	 landscape;		/* [boards] orientation: 1 landscape, 0 portrait */
};

/* Fill s with the defaults of RULES.md §9 (strings NULL). */
void	 settings_defaults(struct settings *s);
/*
 * Read the INI file at path into s (which settings_defaults filled).
 * Every problem is reported to d.  Returns 0, or -1 when there were errors.
 */
int	 settings_read(struct settings *s, const char *path, struct diag *d);
/*
 * Same, from a NUL-terminated string (tests, fuzzing); path names it in
 * messages.
 */
int	 settings_parse(struct settings *s, const char *path, const char *text,
	    struct diag *d);
/* Free the strings of s (not s). NULL is a no-op. */
void	 settings_release(struct settings *s);

#endif /* GRIDSTAR_SETTINGS_H */
