/*
 * The shared data model: what the inputs say (struct input, filled by the
 * input module) and what the rules make of them (struct result, filled by
 * the rules module and read by every output module).
 * Figures are exact integers: hundredths for scores, means and money,
 * ten-thousandths for rates (see num.h); NUM_ABSENT marks an absent figure.
 */
#ifndef GRIDSTAR_MODEL_H
#define GRIDSTAR_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "settings.h"

struct strs;

/* The five domains of RULES.md §3, in the order of the export columns. */
enum domain {
	DOM_MARKET = 0,		/* 市场监管 */
	DOM_SOCIAL,		/* 社会管理 */
	DOM_SERVICE,		/* 公共服务 */
	DOM_ENVIRONMENT,	/* 环境卫生 */
	DOM_WORK,		/* 工作评价 */
	DOM__MAX
};

/* A domain star. */
enum star {
	STAR_UNSET = 0,		/* not rated (level 2, or not yet derived) */
	STAR_RED,		/* 红星: no problem */
	STAR_NONE,		/* 无星: problems */
	STAR_BLACK		/* 黑星: a serious problem */
};

/* Where a domain star came from. */
enum star_src {
	SRC_DERIVED = 0,	/* derived by RULES.md §3 */
	SRC_EVALUATION,		/* the office's initial assessment (evaluations.csv) */
	SRC_REVIEW		/* changed by a review (reviews.csv, stage final) */
};

/* Four-colour warning (RULES.md §6), in order of severity. */
enum warning {
	WARN_ABSENT = 0,	/* no figure (level 2 without active children) */
	WARN_NONE,		/* all five stars red */
	WARN_BLUE,		/* one 无星 */
	WARN_YELLOW,		/* two or more 无星 */
	WARN_ORANGE,		/* one 黑星 */
	WARN_RED		/* two or more 黑星 */
};

/* Issue handling levels (RULES.md §2.5). */
enum scope {
	SCOPE_COMMUNITY = 0,	/* 社区: 3 working days */
	SCOPE_DEPARTMENT	/* 部门: 5 working days */
};

/* Flags of RULES.md §5, bits of struct gres.flags, in export order. */
#define FLAG_PRAISE		(1u << 0)	/* top 3 three months running */
#define FLAG_WARNING_STREAK	(1u << 1)	/* bottom 3 three months running */
#define FLAG_QUARTER_BOTTOM	(1u << 2)	/* bottom two three quarters running */
#define FLAG_EXCELLENT		(1u << 3)	/* level 5 all twelve months of the year */
#define FLAG__COUNT		4

/* "Always" bounds of a grid's from/until. */
#define MONTH_MIN 0
#define MONTH_MAX 2147483647

/* A grid of grids.csv (RULES.md §1). */
struct grid {
	char	*id;		/* [0-9A-Za-z_-]{1,64} */
	char	*name;
	char	*leader;	/* may be empty */
	char	*phone;		/* may be empty */
	int	 level;		/* 1, 2 or 3 */
	int	 parent;	/* index into input.grids, -1 for level 1 */
	int	 town;		/* index of the level-1 ancestor (itself for level 1) */
	int64_t	 subsidy_base;	/* hundredths, NUM_ABSENT = [subsidy] base */
	char	 cls;		/* 'A', 'B', 'C' or 0 */
	char	*zone;		/* 集中居住, 连接过渡, 生态管护 or empty */
	long	 households;	/* -1 when not given */
	int	 from;		/* first active month, MONTH_MIN = always */
	int	 until;		/* last active month, MONTH_MAX = still exists */
	long	 line;		/* line in grids.csv */
	int	*children;	/* indices of the grids whose parent this is, by id */
	size_t	 nchildren;
};

/* A deduction item of rules.csv (RULES.md §2.1). */
struct item {
	char	*code;
	int	 domain;	/* enum domain */
	char	*name;
	char	*unit;
	int64_t	 threshold;	/* hundredths of m², NUM_ABSENT = no size rule */
	int64_t	 points;	/* hundredths */
	int64_t	 points_large;	/* hundredths, used over the threshold */
	int	 serious;	/* any finding makes the domain black */
	long	 line;		/* line in rules.csv */
};

/* One row of inspections.csv: a finding, or a road with nothing found. */
struct finding {
	int	 grid;		/* index into input.grids */
	int	 item;		/* index into input.items, -1 = nothing found */
	const char *road;	/* interned: equal roads, equal pointers */
	int64_t	 area;		/* hundredths of m², NUM_ABSENT when blank */
	int	 count;		/* findings (>= 1) */
	int	 factor;	/* multiplier 1-10 */
};

/* One row of evaluations.csv. */
struct evaluation {
	int	 grid;
	int	 self;		/* self-assessed level 0-5, -1 blank */
	unsigned char star[DOM__MAX];	/* enum star; STAR_UNSET = blank */
	long	 line;
};

/* One row of reviews.csv. */
struct review {
	int	 grid;
	int	 domain;
	int	 value;		/* enum star */
	char	*reason;
};

/* One row of issues.csv. */
struct issue {
	char	*id;
	int	 grid;
	char	*category;
	int	 reported;	/* day number */
	int	 scope;		/* enum scope */
	int	 resolved;	/* day number, -1 while open */
	int	 satisfied;	/* 1 yes, 0 no, -1 no answer */
};

/* One row of feedback.csv (values in hundredths). */
struct feedback {
	int	 grid;
	int64_t	 residents, departments, village, self;
};

/* One row of frontage.csv (values in hundredths). */
struct frontage {
	char	*unit;
	char	*name;
	int	 grid;		/* level 2 or 3 */
	int64_t	 presence, conduct, effect, leadership;
};

/* The inputs of one month folder. */
struct month_in {
	int		 month;		/* month number */
	int		 present;	/* the folder exists */
	struct finding	*findings;	size_t nfindings;
	struct evaluation *evals;	size_t nevals;
	struct review	*reviews;	size_t nreviews;
	struct issue	*issues;	size_t nissues;
	struct feedback	*feedback;	size_t nfeedback;
	struct frontage	*frontage;	size_t nfrontage;
};

/*
 * A slot of the grids' hash table (input.c): the id and its hash are
 * kept in the slot, so that a lookup reads the grid record only for the
 * grid it finds.
 */
struct gslot {
	const char	*id;		/* NULL: empty */
	uint32_t	 hash;
	int		 grid;		/* index in grids */
};

/* Everything read from the input folder. */
struct input {
	char		*dir;		/* the input folder as given */
	char		*realdir;	/* the same, links resolved (see input_inside) */
	struct settings	 set;		/* site.ini */
	struct grid	*grids;		/* sorted by id (byte order) */
	size_t		 ngrids;
	struct gslot	*gtab;		/* (private) grids by id hash */
	size_t		 gmask;		/* its size - 1 */
	struct item	*items;		/* sorted by code */
	size_t		 nitems;
	struct date_cal	 cal;		/* holidays.csv */
	int		 month;		/* the published month */
	int		 stage;		/* enum stage of the published month */
	int		 first;		/* the earliest month (months[0].month) */
	struct month_in	*months;	/* first .. month, one per calendar month */
	size_t		 nmonths;
	char		**notices;	/* paths of input/notices/ *.md, sorted */
	size_t		 nnotices;
	/*
	 * The strings of the grids, items and monthly rows (ids, names,
	 * roads, categories, reasons...): freed with the input.
	 */
	struct strs	*strs;
};

/* A review that changed (or confirmed) a star, for the grid's page. */
struct change {
	int	 grid;
	int	 domain;
	int	 before;	/* enum star before the review */
	int	 after;		/* enum star after */
	const char *reason;	/* borrowed from the input's review */
};

/* One grid's figures in one month (RULES.md §3-§6, §8). */
struct gres {
	unsigned char	 active;	/* the grid exists this month */
	unsigned char	 rated;		/* it has figures (level 2: has active children) */
	signed char	 self;		/* self-assessed level, -1 blank */
	signed char	 level;		/* star level 0-5, -1 absent */
	unsigned char	 star[DOM__MAX];	/* enum star (level 3) */
	unsigned char	 src[DOM__MAX];		/* enum star_src (level 3) */
	unsigned char	 warning;	/* enum warning */
	unsigned char	 top3;		/* judged top 3 this month */
	unsigned char	 bottom3;	/* judged bottom 3 this month */
	unsigned char	 flags;		/* FLAG_* */
	int		 roads;		/* distinct roads inspected (level 3) */
	int64_t		 stars_mean;	/* level 2: mean of children's levels */
	int64_t		 inspection;	/* inspection score */
	int64_t		 monthly;	/* monthly score */
	int64_t		 subsidy;	/* money, always set when rated */
	int64_t		 feedback;	/* 360 score (level 3) */
	int64_t		 deduction[DOM__MAX];	/* sum of deductions per domain (level 3) */
	int		 rank_town;	/* 0 = unranked */
	int		 rank_parent;	/* level 3 only, 0 = unranked */
	int		 reported, due, resolved, on_time;	/* issue counts */
	int		 sat_yes, sat_answers;	/* satisfaction: yes, yes + no */
	int64_t		 closure, on_time_rate, satisfaction;	/* rates, NUM_ABSENT */
};

/* Frontage unit figures of a month or a year. */
struct fres {
	const char	*unit;		/* borrowed from the input */
	const char	*name;		/* borrowed from the input */
	int		 grid;
	int64_t		 total;		/* month total, or year mean_total */
	int		 months;	/* months scored (year) */
	int		 rank;		/* within the level-1 grid */
	int		 honour;	/* year: 0, 1 commended, 2 listed */
};

/* One month's results. */
struct month_res {
	int		 month;		/* month number */
	int		 present;	/* the month folder exists (published) */
	int		 stage;		/* enum stage the month was computed at */
	struct gres	*g;		/* one per input grid, same index */
	struct change	*changes;	/* reviews applied, by grid then domain */
	size_t		 nchanges;
	struct fres	*frontage;	/* units scored this month, by unit id */
	size_t		 nfrontage;
	int		 publish_date;	/* day number the notice period starts */
	int		 objection_deadline;	/* day number */
};

/* A quarter or year: scores over several months. */
struct period {
	char		 label[16];	/* "2026-Q3" or "2026" */
	int		 first, last;	/* month numbers, inclusive (last <= published) */
	unsigned char	*present;	/* per grid: active in at least one month */
	int64_t		*score;		/* per grid: mean monthly score, NUM_ABSENT */
	int		*months;	/* per grid: months scored */
	int		*rank;		/* per grid: rank within level-1, 0 = none */
	unsigned char	*excellent;	/* per grid (year only): level 5 all twelve months */
};

/* A calendar year's scores: the year and its published quarters. */
struct yearres {
	int		 y;		/* the year, e.g. 2026 */
	int		 complete;	/* all twelve months published */
	struct period	 year;		/* January to December (or the published month) */
	struct period	 quarters[4];	/* the quarters whose last month is published */
	size_t		 nquarters;
};

/* Everything computed. */
struct result {
	const struct input *in;		/* the inputs, borrowed */
	struct month_res *months;	/* one per input month, same index */
	size_t		 nmonths;
	struct month_res *pub;		/* the published month (last of months) */
	struct yearres	*years;		/* every year with a month, oldest first */
	size_t		 nyears;
	const struct yearres *pubyear;	/* the published month's year (last of years) */
	struct fres	*frontage_year;	/* units scored in the year, by unit id */
	size_t		 nfrontage_year;
};

#endif /* GRIDSTAR_MODEL_H */
