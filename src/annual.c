/*
 * Years for the website: see annual.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annual.h"
#include "num.h"
#include "rules.h"

/* Months in a year and in a quarter. */
#define YEAR_MONTHS	12
#define QUARTER_MONTHS	3

static void
release(struct period *p)
{
	free(p->present);
	free(p->score);
	free(p->months);
	free(p->rank);
	free(p->excellent);
	memset(p, 0, sizeof(*p));
}

/* Whether grid g exists in month m (RULES.md §1). */
static int
active(const struct grid *g, int m)
{
	return g->level >= 2 && g->from <= m && m <= g->until;
}

/*
 * Rank the scores of p within each level-1 grid among grids of the same
 * level (RULES.md §5).  Returns 0 or -1.
 */
static int
rank(const struct input *in, struct period *p)
{
	int64_t		*sc;
	int		*rk, *idx;
	size_t		 i, t, n;
	int		 lv, rc = -1;

	sc = calloc(in->ngrids + 1, sizeof(*sc));
	rk = calloc(in->ngrids + 1, sizeof(*rk));
	idx = calloc(in->ngrids + 1, sizeof(*idx));
	if (sc == NULL || rk == NULL || idx == NULL)
		goto out;
	for (t = 0; t < in->ngrids; t++) {
		if (in->grids[t].level != 1)
			continue;
		for (lv = 2; lv <= 3; lv++) {
			n = 0;
			for (i = 0; i < in->ngrids; i++)
				if (p->present[i] && in->grids[i].level == lv &&
				    in->grids[i].town == (int)t) {
					idx[n] = (int)i;
					sc[n++] = p->score[i];
				}
			if (rules_rank(sc, n, 1, rk) == -1)
				goto out;
			for (i = 0; i < n; i++)
				p->rank[idx[i]] = rk[i];
		}
	}
	rc = 0;
out:
	free(sc);
	free(rk);
	free(idx);
	return rc;
}

/*
 * Scores of months first..last (month numbers) into p, labelled label.
 * Returns 0 or -1.
 */
static int
make(const struct result *res, struct period *p, int first, int last,
    const char *label)
{
	const struct input	*in = res->in;
	size_t			 i, n = in->ngrids;
	long			 mi;
	int64_t			 sum;
	int			 m;

	memset(p, 0, sizeof(*p));
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->first = first;
	p->last = last;
	p->present = calloc(n + 1, 1);
	p->score = calloc(n + 1, sizeof(*p->score));
	p->months = calloc(n + 1, sizeof(*p->months));
	p->rank = calloc(n + 1, sizeof(*p->rank));
	p->excellent = calloc(n + 1, 1);
	if (p->present == NULL || p->score == NULL || p->months == NULL ||
	    p->rank == NULL || p->excellent == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		p->score[i] = NUM_ABSENT;
		sum = 0;
		for (m = first; m <= last; m++) {
			if (active(&in->grids[i], m))
				p->present[i] = 1;
			mi = (long)m - res->months[0].month;
			if (mi < 0 || (size_t)mi >= res->nmonths ||
			    !res->months[mi].present ||
			    res->months[mi].g[i].monthly == NUM_ABSENT)
				continue;
			sum += res->months[mi].g[i].monthly;
			p->months[i]++;
		}
		if (p->months[i] > 0)
			p->score[i] = num_div(sum, p->months[i]);
	}
	/* Excellent is judged on December (RULES.md §5). */
	mi = (long)last - res->months[0].month;
	if (last % YEAR_MONTHS == YEAR_MONTHS - 1 && last - first ==
	    YEAR_MONTHS - 1 && mi >= 0 && (size_t)mi < res->nmonths &&
	    res->months[mi].present)
		for (i = 0; i < n; i++)
			p->excellent[i] = (res->months[mi].g[i].flags &
			    FLAG_EXCELLENT) != 0;
	return rank(in, p);
}

/* Fill year a (not the published one) from the monthly results. */
static int
past_year(const struct result *res, struct annual *a)
{
	char	 label[16];
	int	 first = a->y * YEAR_MONTHS, q;

	snprintf(label, sizeof(label), "%04d", a->y);
	if (make(res, &a->own[a->nown++], first, first + YEAR_MONTHS - 1,
	    label) == -1)
		return -1;
	a->year = &a->own[0];
	for (q = 0; q < ANNUAL_QUARTERS; q++) {
		snprintf(label, sizeof(label), "%04d-Q%d", a->y, q + 1);
		if (make(res, &a->own[a->nown++], first + q * QUARTER_MONTHS,
		    first + q * QUARTER_MONTHS + QUARTER_MONTHS - 1, label)
		    == -1)
			return -1;
		a->quarters[a->nquarters++] = &a->own[a->nown - 1];
	}
	return 0;
}

int
annual_build(const struct result *res, struct annual **out, size_t *n)
{
	struct annual	*v;
	size_t		 i, k, cnt = 0;
	int		 y, y0, y1, seen;

	*out = NULL;
	*n = 0;
	y0 = res->months[0].month / YEAR_MONTHS;
	y1 = res->pub->month / YEAR_MONTHS;
	if ((v = calloc((size_t)(y1 - y0 + 1), sizeof(*v))) == NULL)
		return -1;
	for (y = y0; y <= y1; y++) {
		struct annual *a = &v[cnt];

		seen = 0;
		for (i = 0; i < res->nmonths; i++)
			if (res->months[i].present &&
			    res->months[i].month / YEAR_MONTHS == y)
				seen++;
		if (seen == 0)
			continue;
		a->y = y;
		a->complete = seen == YEAR_MONTHS;
		cnt++;
		if (y == y1) {
			a->year = &res->year;
			for (k = 0; k < res->nquarters; k++)
				a->quarters[a->nquarters++] =
				    &res->quarters[k];
		} else if (past_year(res, a) == -1) {
			annual_free(v, cnt);
			return -1;
		}
	}
	*out = v;
	*n = cnt;
	return 0;
}

void
annual_free(struct annual *years, size_t n)
{
	size_t i, k;

	if (years == NULL)
		return;
	for (i = 0; i < n; i++)
		for (k = 0; k < years[i].nown; k++)
			release(&years[i].own[k]);
	free(years);
}
