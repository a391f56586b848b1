/*
 * Unit tests of the rulebook (RULES.md §0-§7), each with figures worked by
 * hand from the rules, not from the program's output.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "fixture.h"
#include "input.h"
#include "num.h"
#include "rules.h"

/* A town T, a village V and sub-grids a-f. */
#define GRIDS6 "id,name,level,parent\nT,镇,1,\nV,村,2,T\na,A,3,V\nb,B,3,V\n" \
	"c,C,3,V\nd,D,3,V\ne,E,3,V\nf,F,3,V\n"
#define INSP "grid,road,item,count,area,factor\n"

static void
deduction_rule(void **state)
{
	struct item it = { 0 };

	(void)state;
	it.threshold = 400;		/* 4 m² */
	it.points = 200;
	it.points_large = 400;
	assert_int_equal(rules_deduction(&it, 1, 1, 300), 200);	/* under */
	assert_int_equal(rules_deduction(&it, 1, 1, 400), 200);	/* at */
	assert_int_equal(rules_deduction(&it, 1, 1, 401), 400);	/* over */
	assert_int_equal(rules_deduction(&it, 3, 2, 500), 2400);
	it.threshold = NUM_ABSENT;
	it.points = 50;			/* 0.5 points */
	assert_int_equal(rules_deduction(&it, 3, 1, NUM_ABSENT), 150);
	assert_int_equal(rules_deduction(&it, 1, 2, NUM_ABSENT), 100);
}

/*
 * a: road 1: 店外经营 at 3, 4 and 5 m² = 2 + 2 + 4 = 8 -> 92;
 *    road 2: 橱窗张贴 x3 = 1.5 and 垃圾 factor 2 = 6 -> 92.5; road 3 clean -> 100.
 *    Inspection = 284.5 / 3 = 94.8333 -> 94.83.  D(market) = 9.5/3 -> none,
 *    D(environment) = 6/3 -> none, social/work D = 0 -> red, service: no
 *    issue due -> red.  Level 3, subsidy 1000 x 0.60, warning yellow.
 * b: two roads, 97 and 100 -> 98.50.
 */
static void
inspection_scores(void **state)
{
	struct fixture		 fx;
	const struct gres	*a, *b;

	(void)state;
	fx_begin(&fx, NULL, GRIDS6);
	fx_file(&fx, "2026-01/inspections.csv", INSP
	    "a,r1,M1,,3,\na,r1,M1,,4,\na,r1,M1,1,5,1\n"
	    "a,r2,M2,3,,\na,r2,E1,,,2\na,r3,,,,\n"
	    "b,东风路,E1,,,\nb,人民路,,,,\n");
	fx_file(&fx, "2026-01/evaluations.csv", "grid,market\nc,red\nd,red\n"
	    "e,red\nf,red\n");
	assert_null(fx_run(&fx, "2026-01", -1));	/* c-f cannot be rated */
	fx_end(&fx);

	fx_begin(&fx, NULL, "id,name,level,parent\nT,镇,1,\nV,村,2,T\n"
	    "a,A,3,V\nb,B,3,V\n");
	fx_file(&fx, "2026-01/inspections.csv", INSP
	    "a,r1,M1,,3,\na,r1,M1,,4,\na,r1,M1,1,5,1\n"
	    "a,r2,M2,3,,\na,r2,E1,,,2\na,r3,,,,\n"
	    "b,东风路,E1,,,\nb,人民路,,,,\n");
	assert_non_null(fx_run(&fx, "2026-01", -1));
	a = fx_g(&fx, "a");
	assert_int_equal(a->roads, 3);
	assert_int_equal(a->inspection, 9483);
	assert_int_equal(a->deduction[DOM_MARKET], 950);
	assert_int_equal(a->deduction[DOM_ENVIRONMENT], 600);
	assert_int_equal(a->star[DOM_MARKET], STAR_NONE);
	assert_int_equal(a->star[DOM_SOCIAL], STAR_RED);
	assert_int_equal(a->star[DOM_SERVICE], STAR_RED);
	assert_int_equal(a->star[DOM_ENVIRONMENT], STAR_NONE);
	assert_int_equal(a->star[DOM_WORK], STAR_RED);
	assert_int_equal(a->level, 3);
	assert_int_equal(a->subsidy, 60000);
	assert_int_equal(a->monthly, 9483);
	assert_int_equal(a->warning, WARN_YELLOW);
	b = fx_g(&fx, "b");
	assert_int_equal(b->inspection, 9850);
	/* Village: mean of 94.83 and 98.50 = 96.665 -> 96.67 (half up). */
	assert_int_equal(fx_g(&fx, "V")->inspection, 9667);
	fx_end(&fx);
}

/*
 * Serious items and D(d) >= 10, compared exactly:
 * a: one 新闻媒体曝光 (serious, 5 points) -> social black.
 * b: one road, 店外经营 over/over/under = 4+4+2 = 10 -> D = 10 -> black.
 * c: two roads, market 20 in all -> D = 10 -> black.
 * d: two roads, market 19.5 -> D = 9.75 -> none.
 * A road's score never goes below 0: e loses 3 x 40 = 120 on one road.
 */
static void
serious_and_black(void **state)
{
	struct fixture fx;

	(void)state;
	fx_begin(&fx, NULL, "id,name,level,parent\nT,镇,1,\nV,村,2,T\n"
	    "a,A,3,V\nb,B,3,V\nc,C,3,V\nd,D,3,V\ne,E,3,V\n");
	fx_file(&fx, "2026-01/inspections.csv", INSP
	    "a,r1,S1,,,\n"
	    "b,r1,M1,,5,\nb,r1,M1,,5,\nb,r1,M1,,1,\n"
	    "c,r1,M1,5,5,\nc,r2,,,,\n"
	    "d,r1,M1,4,5,\nd,r2,M2,7,,\n"
	    "e,r1,E1,4,,10\ne,r2,,,,\n");
	assert_non_null(fx_run(&fx, "2026-01", -1));
	assert_int_equal(fx_g(&fx, "a")->star[DOM_SOCIAL], STAR_BLACK);
	assert_int_equal(fx_g(&fx, "a")->warning, WARN_ORANGE);
	assert_int_equal(fx_g(&fx, "b")->star[DOM_MARKET], STAR_BLACK);
	assert_int_equal(fx_g(&fx, "c")->star[DOM_MARKET], STAR_BLACK);
	assert_int_equal(fx_g(&fx, "d")->deduction[DOM_MARKET], 1950);
	assert_int_equal(fx_g(&fx, "d")->star[DOM_MARKET], STAR_NONE);
	assert_int_equal(fx_g(&fx, "e")->inspection, 5000);	/* (0 + 100) / 2 */
	assert_int_equal(fx_g(&fx, "e")->star[DOM_ENVIRONMENT], STAR_BLACK);
	fx_end(&fx);
}

/*
 * §3 steps 2-5 and evaluation overrides, on grids that were not inspected:
 * market, social and environment come from evaluations (several spellings).
 * Step 2 (service): a: 1 due, resolved on time -> red; b: 2 due, 1
 * resolved -> closure 0.5 -> black; c: 5 due, all resolved, 1 late ->
 * on-time 0.8 -> none.  Step 3 (work, feedback 4:2:3:1): a: 95 -> red;
 * b: 0.4*50 + 0.2*50 + 0.3*70 + 0.1*80 = 59 -> black; c: 0.4*1 + 0.2*100 +
 * 0.3*99 + 0.1*99 = 60 exactly -> none.
 */
static void
derivation_steps(void **state)
{
	struct fixture	 fx;
	const char	*evals = "grid,market,social,environment,self\n"
			    "a,red,红星,★,5\nb,红,黑星,☆,3\nc,无星,无,●,\n";

	(void)state;
	fx_begin(&fx, NULL, "id,name,level,parent\nT,镇,1,\nV,村,2,T\n"
	    "a,A,3,V\nb,B,3,V\nc,C,3,V\n");
	fx_file(&fx, "2026-01/evaluations.csv", evals);
	fx_file(&fx, "2026-01/feedback.csv", "grid,residents,departments,"
	    "village,self\na,95,95,95,95\nb,50,50,70,80\nc,1,100,99,99\n");
	/* Reported Monday 2026-01-05, community: deadline Thursday 01-08. */
	fx_file(&fx, "2026-01/issues.csv", "id,grid,category,reported,scope,"
	    "resolved,satisfied\n"
	    "1,a,环境,2026-01-05,community,2026-01-08,yes\n"
	    "2,b,环境,2026-01-05,社区,2026-01-06,no\n"
	    "3,b,环境,2026-01-05,community,,\n"
	    "4,c,环境,2026-01-05,community,2026-01-08,是\n"
	    "5,c,环境,2026/1/5,community,2026.1.8,yes\n"
	    "6,c,环境,2026年1月5日,community,2026-01-07,否\n"
	    "7,c,环境,2026-01-05,community,2026-01-06,\n"
	    "8,c,环境,2026-01-05,community,2026-01-09,\n");
	assert_non_null(fx_run(&fx, "2026-01", -1));
	assert_int_equal(fx_g(&fx, "a")->star[DOM_MARKET], STAR_RED);
	assert_int_equal(fx_g(&fx, "a")->src[DOM_MARKET], SRC_EVALUATION);
	assert_int_equal(fx_g(&fx, "a")->star[DOM_SERVICE], STAR_RED);
	assert_int_equal(fx_g(&fx, "a")->star[DOM_WORK], STAR_RED);
	assert_int_equal(fx_g(&fx, "a")->level, 5);
	assert_int_equal(fx_g(&fx, "a")->self, 5);
	assert_int_equal(fx_g(&fx, "a")->inspection, NUM_ABSENT);
	assert_int_equal(fx_g(&fx, "a")->monthly, NUM_ABSENT);
	assert_int_equal(fx_g(&fx, "a")->rank_town, 0);
	assert_int_equal(fx_g(&fx, "b")->star[DOM_SOCIAL], STAR_BLACK);
	assert_int_equal(fx_g(&fx, "b")->due, 2);
	assert_int_equal(fx_g(&fx, "b")->closure, 5000);
	assert_int_equal(fx_g(&fx, "b")->star[DOM_SERVICE], STAR_BLACK);
	assert_int_equal(fx_g(&fx, "b")->satisfaction, 0);
	assert_int_equal(fx_g(&fx, "b")->feedback, 5900);
	assert_int_equal(fx_g(&fx, "b")->star[DOM_WORK], STAR_BLACK);
	assert_int_equal(fx_g(&fx, "c")->closure, 10000);
	assert_int_equal(fx_g(&fx, "c")->on_time_rate, 8000);
	assert_int_equal(fx_g(&fx, "c")->star[DOM_SERVICE], STAR_NONE);
	assert_int_equal(fx_g(&fx, "c")->satisfaction, 6667);	/* 2 / 3 */
	assert_int_equal(fx_g(&fx, "c")->feedback, 6000);
	assert_int_equal(fx_g(&fx, "c")->star[DOM_WORK], STAR_NONE);
	assert_int_equal(fx_g(&fx, "c")->self, -1);
	/* Village: sums 1+2+5 reported, 8 due, 6 resolved, 5 on time. */
	assert_int_equal(fx_g(&fx, "V")->due, 8);
	assert_int_equal(fx_g(&fx, "V")->resolved, 7);
	assert_int_equal(fx_g(&fx, "V")->closure, 8750);
	assert_int_equal(fx_g(&fx, "V")->on_time_rate, 7500);
	fx_end(&fx);
}

/*
 * Step 4 (inspected, the domain has no items: red) and step 5 (nothing
 * decides: an error naming the month, the grid and the domain).
 */
static void
step4_and_step5(void **state)
{
	struct fixture fx;

	(void)state;
	fx_begin(&fx, NULL, "id,name,level,parent\nT,镇,1,\nV,村,2,T\n"
	    "a,A,3,V\nb,B,3,V\n");
	fx_file(&fx, "rules.csv", "code,domain,item,unit,threshold,points,"
	    "points_large,serious\nM2,market,橱窗张贴,处,,0.5,,\n");
	fx_file(&fx, "2026-01/inspections.csv", INSP "a,r1,M2,,,\nb,r1,,,,\n");
	assert_non_null(fx_run(&fx, "2026-01", -1));
	/* Social and work have no items here: inspected -> red. */
	assert_int_equal(fx_g(&fx, "a")->star[DOM_SOCIAL], STAR_RED);
	assert_int_equal(fx_g(&fx, "a")->star[DOM_WORK], STAR_RED);
	assert_int_equal(fx_g(&fx, "a")->star[DOM_MARKET], STAR_NONE);
	fx_end(&fx);

	fx_begin(&fx, NULL, "id,name,level,parent\nT,镇,1,\nV,村,2,T\n"
	    "a,A,3,V\nb,B,3,V\n");
	fx_file(&fx, "rules.csv", "code,domain,item,unit,threshold,points,"
	    "points_large,serious\nM2,market,橱窗张贴,处,,0.5,,\n");
	fx_file(&fx, "2026-01/inspections.csv", INSP "a,r1,M2,,,\n");
	fx_file(&fx, "2026-01/evaluations.csv", "grid,market,social,"
	    "environment\nb,red,red,red\n");
	assert_null(fx_run(&fx, "2026-01", -1));
	assert_int_equal(diag_errors(fx.d), 1);
	assert_non_null(strstr(diag_text(fx.d), "/2026-01/evaluations.csv:2: "
	    "2026-01: grid \"b\" (B) cannot be rated for domain work (工作评价)"));
	fx_end(&fx);
}

/* Reviews change stars at stage final only, and are recorded. */
static void
reviews_at_final(void **state)
{
	struct fixture	 fx;
	int		 stage;

	(void)state;
	for (stage = STAGE_NOTICE; stage <= STAGE_FINAL; stage++) {
		fx_begin(&fx, NULL, "id,name,level,parent\nT,镇,1,\n"
		    "V,村,2,T\na,A,3,V\n");
		fx_file(&fx, "2026-01/inspections.csv", INSP "a,r1,M2,,,\n");
		fx_file(&fx, "2026-01/reviews.csv", "grid,domain,value,reason\n"
		    "a,市场监管,红星,整改已完成\n");
		assert_non_null(fx_run(&fx, "2026-01", stage));
		assert_int_equal(fx_g(&fx, "a")->star[DOM_MARKET],
		    stage == STAGE_FINAL ? STAR_RED : STAR_NONE);
		assert_int_equal(fx.res->pub->nchanges,
		    stage == STAGE_FINAL ? 1 : 0);
		assert_int_equal(fx_g(&fx, "a")->level,
		    stage == STAGE_FINAL ? 5 : 4);
		fx_end(&fx);
	}
}

/*
 * Levels from evaluations; subsidy ratios; the +2 bonus; level-2 means:
 * V1 = (5+4+4)/3 = 4.33 -> 4; V2 = (5+4)/2 = 4.50 -> 5 (half up) or 4
 * (floor); V3 = (3+2+1+0)/4 = 1.50 -> 2; each warning colour.
 */
static void
levels_subsidies_warnings(void **state)
{
	struct fixture	 fx;
	int		 fl;
	const char	*ev = "grid,market,social,service,environment,work\n"
			    "g5a,red,red,red,red,red\ng4a,none,red,red,red,red\n"
			    "g4b,red,red,red,red,none\ng5b,red,red,red,red,red\n"
			    "g4c,red,none,red,red,red\n"
			    "g3,none,none,red,red,red\n"
			    "g2,black,none,none,red,red\n"
			    "g1,black,black,none,none,red\n"
			    "g0,none,none,none,none,none\n";
	const char	*in = INSP "g5a,r,,,,\ng4a,r,,,,\ng4b,r,,,,\ng5b,r,,,,\n"
			    "g4c,r,,,,\ng3,r,,,,\ng2,r,,,,\ng1,r,,,,\ng0,r,,,,\n";

	(void)state;
	for (fl = 0; fl < 2; fl++) {
		fx_begin(&fx, fl ? "[stars]\nlevel2_rounding = floor\n" : NULL,
		    "id,name,level,parent,subsidy_base\nT,镇,1,,\n"
		    "V1,一村,2,T,\nV2,二村,2,T,2000\nV3,三村,2,T,\n"
		    "g5a,a,3,V1,\ng4a,b,3,V1,\ng4b,c,3,V1,\ng5b,d,3,V2,\n"
		    "g4c,e,3,V2,\ng3,f,3,V3,\ng2,g,3,V3,\ng1,h,3,V3,\n"
		    "g0,i,3,V3,500.50\n");
		fx_file(&fx, "2026-01/evaluations.csv", ev);
		fx_file(&fx, "2026-01/inspections.csv", in);
		assert_non_null(fx_run(&fx, "2026-01", -1));
		assert_int_equal(fx_g(&fx, "g5a")->subsidy, 120000);
		assert_int_equal(fx_g(&fx, "g5a")->monthly, 10200);
		assert_int_equal(fx_g(&fx, "g5a")->warning, WARN_NONE);
		assert_int_equal(fx_g(&fx, "g4a")->subsidy, 80000);
		assert_int_equal(fx_g(&fx, "g4a")->monthly, 10000);
		assert_int_equal(fx_g(&fx, "g4a")->warning, WARN_BLUE);
		assert_int_equal(fx_g(&fx, "g3")->subsidy, 60000);
		assert_int_equal(fx_g(&fx, "g3")->warning, WARN_YELLOW);
		assert_int_equal(fx_g(&fx, "g2")->level, 2);
		assert_int_equal(fx_g(&fx, "g2")->subsidy, 0);
		assert_int_equal(fx_g(&fx, "g2")->warning, WARN_ORANGE);
		assert_int_equal(fx_g(&fx, "g1")->subsidy, 0);
		assert_int_equal(fx_g(&fx, "g1")->warning, WARN_RED);
		assert_int_equal(fx_g(&fx, "g0")->level, 0);
		assert_int_equal(fx_g(&fx, "g0")->subsidy, 0);
		assert_int_equal(fx_g(&fx, "V1")->stars_mean, 433);
		assert_int_equal(fx_g(&fx, "V1")->level, 4);
		assert_int_equal(fx_g(&fx, "V1")->subsidy, 80000);
		assert_int_equal(fx_g(&fx, "V1")->warning, WARN_BLUE);
		assert_int_equal(fx_g(&fx, "V2")->stars_mean, 450);
		assert_int_equal(fx_g(&fx, "V2")->level, fl ? 4 : 5);
		assert_int_equal(fx_g(&fx, "V2")->subsidy, fl ? 160000 :
		    240000);
		assert_int_equal(fx_g(&fx, "V2")->monthly, fl ? 10000 : 10200);
		assert_int_equal(fx_g(&fx, "V3")->stars_mean, 150);
		assert_int_equal(fx_g(&fx, "V3")->level, fl ? 1 : 2);
		assert_int_equal(fx_g(&fx, "V3")->warning, WARN_RED);
		/* Level-3 ranks in the town: two at 102, then seven at 100. */
		assert_int_equal(fx_g(&fx, "g5a")->rank_town, 1);
		assert_int_equal(fx_g(&fx, "g5b")->rank_town, 1);
		assert_int_equal(fx_g(&fx, "g0")->rank_town, 3);
		assert_int_equal(fx_g(&fx, "g4c")->rank_parent, 2);
		fx_end(&fx);
	}
}

/* Subsidy ratios, one per level, from a base of 1,000.00. */
static void
subsidy_ratios(void **state)
{
	static const int64_t want[6] = { 0, 0, 0, 60000, 80000, 120000 };
	struct settings	 s;
	int		 k;

	(void)state;
	settings_defaults(&s);
	for (k = 0; k <= 5; k++)
		assert_int_equal(num_div(100000 * s.ratio[k], NUM_R), want[k]);
}

static void
ranks_with_ties(void **state)
{
	const int64_t	 s[6] = { 9000, 9500, 9500, 8000, NUM_ABSENT, 8000 };
	int		 r[6];

	(void)state;
	assert_int_equal(rules_rank(s, 6, 1, r), 5);
	assert_int_equal(r[1], 1);
	assert_int_equal(r[2], 1);
	assert_int_equal(r[0], 3);
	assert_int_equal(r[3], 4);
	assert_int_equal(r[5], 4);
	assert_int_equal(r[4], 0);
	/* Lowest first: 80, 80 share 1; 90 is 3; the 95s are 4. */
	assert_int_equal(rules_rank(s, 6, 0, r), 5);
	assert_int_equal(r[3], 1);
	assert_int_equal(r[5], 1);
	assert_int_equal(r[0], 3);
	assert_int_equal(r[1], 4);
	/* The documented 1, 2, 2, 4. */
	{
		const int64_t	 t[4] = { 100, 90, 90, 80 };
		int		 q[4];

		rules_rank(t, 4, 1, q);
		assert_int_equal(q[0] * 1000 + q[1] * 100 + q[2] * 10 + q[3],
		    1224);
	}
}

/*
 * Ranks of many sizes (across the merge sort's runs of 16 and its
 * passes) with many ties and absent scores, both ways, against the
 * definition: 1 + the number of scores strictly better.
 */
static void
ranks_match_definition(void **state)
{
	int64_t		 s[300];
	int		 r[300];
	unsigned	 seed = 12345;
	size_t		 n, i, j;
	int		 desc, better, scored, want;

	(void)state;
	for (n = 0; n <= 300; n += n < 40 ? 1 : 37)
		for (desc = 0; desc <= 1; desc++) {
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				s[i] = (seed >> 16) % 7 == 0 ? NUM_ABSENT :
				    (int64_t)((seed >> 8) % (n / 3 + 2)) * 250 -
				    1000;
			}
			scored = 0;
			for (i = 0; i < n; i++)
				scored += s[i] != NUM_ABSENT;
			assert_int_equal(rules_rank(s, n, desc, r), scored);
			for (i = 0; i < n; i++) {
				if (s[i] == NUM_ABSENT) {
					assert_int_equal(r[i], 0);
					continue;
				}
				better = 0;
				for (j = 0; j < n; j++)
					better += s[j] != NUM_ABSENT &&
					    (desc ? s[j] > s[i] : s[j] < s[i]);
				want = better + 1;
				assert_int_equal(r[i], want);
			}
		}
}

static void
warning_colours(void **state)
{
	unsigned char s[DOM__MAX] = { STAR_RED, STAR_RED, STAR_RED, STAR_RED,
	    STAR_RED };

	(void)state;
	assert_int_equal(rules_warning(s), WARN_NONE);
	s[0] = STAR_NONE;
	assert_int_equal(rules_warning(s), WARN_BLUE);
	s[1] = STAR_NONE;
	assert_int_equal(rules_warning(s), WARN_YELLOW);
	s[2] = STAR_BLACK;
	assert_int_equal(rules_warning(s), WARN_ORANGE);
	s[3] = STAR_BLACK;
	assert_int_equal(rules_warning(s), WARN_RED);
	assert_string_equal(rules_warning_word(WARN_RED), "red");
}

/*
 * Deadlines across National Day 2026 (10-01..10-07 off) and the make-up
 * Saturday 10-10: reported Thursday 10-01 (a holiday), community: working
 * days 10-08, 10-09, 10-10 -> deadline 10-10, so resolving on 10-10 is on
 * time.  Reported Friday 10-09: 10-10, 10-12, 10-13 -> 10-14 is late.
 */
static void
deadline_holidays(void **state)
{
	struct fixture fx;

	(void)state;
	fx_begin(&fx, NULL, "id,name,level,parent\nT,镇,1,\nV,村,2,T\n"
	    "a,A,3,V\n");
	fx_file(&fx, "holidays.csv", "日期,类型\n2026-10-01,休\n2026-10-02,休\n"
	    "2026-10-03,休\n2026-10-04,休\n2026-10-05,holiday\n"
	    "2026-10-06,holiday\n2026-10-07,holiday\n2026-09-27,班\n"
	    "2026-10-10,workday\n");
	fx_file(&fx, "2026-10/inspections.csv", INSP "a,r1,,,,\n");
	fx_file(&fx, "2026-10/issues.csv", "id,grid,category,reported,scope,"
	    "resolved\n1,a,x,2026-10-01,community,2026-10-10\n"
	    "2,a,x,2026-10-09,community,2026-10-14\n"
	    "3,a,x,2026-10-09,community,2026-10-13\n"
	    "4,a,x,2026-10-28,department,\n"
	    "5,a,x,2026-10-23,department,\n");
	assert_non_null(fx_run(&fx, "2026-10", -1));
	/* 4 is not yet due on 10-31 (deadline 11-04); 5 is (10-30). */
	assert_int_equal(fx_g(&fx, "a")->reported, 5);
	assert_int_equal(fx_g(&fx, "a")->due, 4);
	assert_int_equal(fx_g(&fx, "a")->resolved, 3);
	assert_int_equal(fx_g(&fx, "a")->on_time, 2);
	assert_int_equal(fx_g(&fx, "a")->closure, 7500);
	assert_int_equal(fx_g(&fx, "a")->on_time_rate, 5000);
	assert_int_equal(fx_g(&fx, "a")->satisfaction, NUM_ABSENT);
	assert_int_equal(fx_g(&fx, "a")->star[DOM_SERVICE], STAR_BLACK);
	/* Publication: first working day after October is Monday 11-02;
	 * objections for 5 working days: until Monday 11-09. */
	assert_int_equal(fx.res->pub->publish_date,
	    date_from_ymd(2026, 11, 2));
	assert_int_equal(fx.res->pub->objection_deadline,
	    date_from_ymd(2026, 11, 9));
	fx_end(&fx);
}

/*
 * Flags over 2025-01..2026-06 with 2026-04 missing.  Grids a-f score
 * 100, 99.5, ..., 97.5 every month (0.5-point findings), so a, b, c are
 * top 3 and d, e, f bottom 3 each month; a has no finding at all and is
 * five-star (102) all of 2025.
 */
static void
flags_and_periods(void **state)
{
	struct fixture	 fx;
	char		 path[64], body[512];
	const char	*g = "abcdef";
	int		 y, m, k, j;
	size_t		 n;

	(void)state;
	fx_begin(&fx, NULL, GRIDS6);
	for (y = 2025; y <= 2026; y++)
		for (m = 1; m <= 12; m++) {
			if (y == 2026 && (m == 4 || m > 6))
				continue;
			n = (size_t)sprintf(body, INSP);
			for (k = 0; k < 6; k++) {
				n += (size_t)sprintf(body + n, "%c,r,,,,\n",
				    g[k]);
				for (j = 0; j < k; j++)
					n += (size_t)sprintf(body + n,
					    "%c,r,M2,,,\n", g[k]);
			}
			snprintf(path, sizeof(path), "%d-%02d/inspections.csv",
			    y, m);
			fx_file(&fx, path, body);
		}
	assert_non_null(fx_run(&fx, "2026-06", -1));
	assert_int_equal(fx_gm(&fx, "a", "2025-02")->flags, 0);
	assert_int_equal(fx_gm(&fx, "a", "2025-03")->flags, FLAG_PRAISE);
	assert_int_equal(fx_gm(&fx, "c", "2025-03")->flags, FLAG_PRAISE);
	assert_int_equal(fx_gm(&fx, "a", "2025-12")->flags,
	    FLAG_PRAISE | FLAG_EXCELLENT);
	assert_int_equal(fx_gm(&fx, "a", "2026-03")->flags, FLAG_PRAISE);
	/* 2026-04 is missing: the run is broken in 2026-05 and 2026-06. */
	assert_int_equal(fx_gm(&fx, "a", "2026-05")->flags, 0);
	assert_int_equal(fx_gm(&fx, "a", "2026-06")->flags, 0);
	assert_int_equal(fx_gm(&fx, "d", "2025-03")->flags,
	    FLAG_WARNING_STREAK);
	/* Bottom two of three quarters running: e and f, at quarter ends. */
	assert_int_equal(fx_gm(&fx, "f", "2025-06")->flags,
	    FLAG_WARNING_STREAK);
	assert_int_equal(fx_gm(&fx, "f", "2025-09")->flags,
	    FLAG_WARNING_STREAK | FLAG_QUARTER_BOTTOM);
	assert_int_equal(fx_gm(&fx, "e", "2025-10")->flags,
	    FLAG_WARNING_STREAK);
	assert_int_equal(fx_gm(&fx, "d", "2025-09")->flags,
	    FLAG_WARNING_STREAK);
	assert_int_equal(fx_gm(&fx, "f", "2026-06")->flags,
	    FLAG_QUARTER_BOTTOM);
	/* The village is alone at level 2: never judged. */
	assert_int_equal(fx_gm(&fx, "V", "2025-03")->flags, 0);
	/* 2026: a scored in 5 months (Jan-Mar, May, Jun) at 102. */
	k = input_grid_find(fx.in, "a");
	assert_int_equal(fx.res->pubyear->year.months[k], 5);
	assert_int_equal(fx.res->pubyear->year.score[k], 10200);
	assert_int_equal(fx.res->pubyear->year.rank[k], 1);
	/* Q1 and Q2 of 2026: Q2's last month, June, is published. */
	assert_int_equal(fx.res->pubyear->nquarters, 2);
	assert_string_equal(fx.res->pubyear->quarters[1].label, "2026-Q2");
	assert_int_equal(fx.res->pubyear->quarters[1].months[k], 2);
	/* 2025 is complete: all four quarters, a scored 102 all year. */
	assert_int_equal(fx.res->nyears, 2);
	assert_true(fx.res->years[0].complete);
	assert_false(fx.res->pubyear->complete);
	assert_int_equal(fx.res->years[0].nquarters, 4);
	assert_int_equal(fx.res->years[0].year.score[k], 10200);
	assert_true(fx.res->years[0].year.excellent[k]);
	fx_end(&fx);
}

/* Six grids that all tie are both top 3 and bottom 3: neither. */
static void
tie_into_both(void **state)
{
	struct fixture	 fx;
	char		 path[64];
	int		 m;

	(void)state;
	fx_begin(&fx, NULL, GRIDS6);
	for (m = 1; m <= 3; m++) {
		snprintf(path, sizeof(path), "2026-%02d/inspections.csv", m);
		fx_file(&fx, path, INSP "a,r,,,,\nb,r,,,,\nc,r,,,,\nd,r,,,,\n"
		    "e,r,,,,\nf,r,,,,\n");
	}
	assert_non_null(fx_run(&fx, "2026-03", -1));
	assert_int_equal(fx_g(&fx, "a")->rank_town, 1);
	assert_int_equal(fx_g(&fx, "a")->top3, 0);
	assert_int_equal(fx_g(&fx, "a")->bottom3, 0);
	assert_int_equal(fx_g(&fx, "a")->flags, 0);
	fx_end(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deduction_rule),
		cmocka_unit_test(inspection_scores),
		cmocka_unit_test(serious_and_black),
		cmocka_unit_test(derivation_steps),
		cmocka_unit_test(step4_and_step5),
		cmocka_unit_test(reviews_at_final),
		cmocka_unit_test(levels_subsidies_warnings),
		cmocka_unit_test(subsidy_ratios),
		cmocka_unit_test(ranks_with_ties),
		cmocka_unit_test(ranks_match_definition),
		cmocka_unit_test(warning_colours),
		cmocka_unit_test(deadline_holidays),
		cmocka_unit_test(flags_and_periods),
		cmocka_unit_test(tie_into_both),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
