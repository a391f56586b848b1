/*
 * Test fixture: see fixture.h.
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

#include "date.h"
#include "diag.h"
#include "fixture.h"
#include "fsout.h"
#include "input.h"
#include "rules.h"

void
fx_begin(struct fixture *fx, const char *ini_extra, const char *grids)
{
	char ini[2048];

	memset(fx, 0, sizeof(*fx));
	strcpy(fx->dir, "/tmp/gridstar-fx-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->d = diag_new(NULL);
	snprintf(ini, sizeof(ini), "[site]\ntitle = T\nbase_url = "
	    "https://x.example/\nhotline = 12345\n[subsidy]\nbase = 1000\n%s",
	    ini_extra != NULL ? ini_extra : "");
	fx_file(fx, "site.ini", ini);
	fx_file(fx, "grids.csv", grids);
	fx_file(fx, "rules.csv",
	    "code,domain,item,unit,threshold,points,points_large,serious\n"
	    "M1,market,店外经营,处,4,2,4,\n"
	    "M2,market,橱窗张贴,处,,0.5,,no\n"
	    "E1,environment,道路积存垃圾,处,,3,,\n"
	    "S1,social,新闻媒体曝光,次,,5,,yes\n"
	    "W1,work,月整改率低于90%,项,,10,,\n");
}

void
fx_file(struct fixture *fx, const char *rel, const char *text)
{
	assert_int_equal(fsout_write(fx->dir, rel, text, strlen(text), fx->d),
	    0);
}

struct result *
fx_run(struct fixture *fx, const char *month, int stage)
{
	int m = -1;

	if (month != NULL)
		assert_int_equal(date_month_parse(month, &m), 0);
	fx->in = input_load(fx->dir, m, stage, 2, fx->d);
	assert_non_null(fx->in);
	if (diag_errors(fx->d) > 0)
		return NULL;
	fx->res = rules_run(fx->in, 2, fx->d);
	return fx->res;
}

const struct gres *
fx_gm(const struct fixture *fx, const char *id, const char *month)
{
	int g, m;

	assert_non_null(fx->res);
	g = input_grid_find(fx->in, id);
	assert_true(g >= 0);
	assert_int_equal(date_month_parse(month, &m), 0);
	assert_true(m >= fx->in->first && m <= fx->in->month);
	return &fx->res->months[m - fx->in->first].g[g];
}

const struct gres *
fx_g(const struct fixture *fx, const char *id)
{
	int g;

	assert_non_null(fx->res);
	g = input_grid_find(fx->in, id);
	assert_true(g >= 0);
	return &fx->res->pub->g[g];
}

void
fx_end(struct fixture *fx)
{
	rules_free(fx->res);
	input_free(fx->in);
	diag_free(fx->d);
	fsout_remove(fx->dir);
}
