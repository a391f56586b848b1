/*
 * The rulebook: see rules.h.  Section numbers (§) are those of RULES.md,
 * documented for users in man/gridstar.5 and tests/spec/rules.txt.
 *
 * Every published figure is an exact integer (hundredths or ten-thousandths)
 * rounded half away from zero from the exact fraction of the published
 * figures it is made of (§0); later steps use the rounded figure.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "input.h"
#include "num.h"
#include "rules.h"

/* Bonus added to the monthly score of a five-star grid (§4): 2 points. */
#define FIVE_STAR_BONUS (2 * NUM_C)
/* Working days to resolve an issue (§2.5, seed 001 第四篇). */
#define DAYS_COMMUNITY 3
#define DAYS_DEPARTMENT 5
/* Scored grids needed to judge top/bottom 3 and bottom two (§5). */
#define JUDGE_TOP3 6
#define JUDGE_BOTTOM2 4
/* Yearly frontage honours (§2.7). */
#define FRONTAGE_COMMENDED 30
#define FRONTAGE_LISTED 5

/* Grids grouped by a key (town or parent): members of group k are
 * idx[off[k] .. off[k+1]-1], in id order. */
struct groups {
	int	*off;	/* ngrids + 1 offsets */
	int	*idx;	/* member grid indices */
};

/* A finding of a grid, by road, for sorting. */
struct roadrow {
	const char	*road;
	int		 idx;	/* index into the month's findings */
};

/* Working state of one run. */
struct run {
	const struct input	*in;
	struct result		*res;
	struct diag		*d;
	struct groups		 town2;		/* level-2 grids by level-1 grid */
	struct groups		 town3;		/* level-3 grids by level-1 grid */
	struct groups		 kids;		/* level-3 grids by parent */
	int			 dom_items[DOM__MAX];	/* items per domain */
	int			*ev;		/* per grid: evaluation index, -1 */
	int			*fb;		/* per grid: feedback index, -1 */
	int			*byg;		/* findings bucketed by grid */
	int			*byg_off;	/* ngrids + 1 offsets into byg */
	struct roadrow		*roadrows;	/* scratch for sorting by road */
	int64_t			*scores;	/* scratch, ngrids */
	int			*ranks;		/* scratch, ngrids */
	int			 oom;		/* an allocation failed */
};

static const char *const warn_words[] = {
	"", "none", "blue", "yellow", "orange", "red"
};
static const char *const star_words[] = { "", "red", "none", "black" };
static const char *const flag_words[FLAG__COUNT] = {
	"praise", "warning_streak", "quarter_bottom", "excellent"
};

const char *
rules_warning_word(int w)
{
	return warn_words[w];
}

const char *
rules_star_word(int s)
{
	return star_words[s];
}

const char *
rules_flag_word(int bit)
{
	return flag_words[bit];
}

int64_t
rules_deduction(const struct item *it, long count, long factor, int64_t area)
{
	int64_t pts = it->points;

	if (it->threshold != NUM_ABSENT && area != NUM_ABSENT &&
	    area > it->threshold)
		pts = it->points_large;
	return (int64_t)count * factor * pts;
}

/* A score and the position it came from, for sorting. */
struct scored {
	int64_t	 score;
	size_t	 pos;
};

/* Whether x goes before y: higher score first, then earlier position. */
static inline int
before(const struct scored *x, const struct scored *y)
{
	return x->score != y->score ? x->score > y->score : x->pos < y->pos;
}

/*
 * Sort v[0..n-1] by before(), using tmp (n entries): a merge sort, runs
 * of up to 16 sorted by insertion first.  Inline comparisons instead of
 * qsort's call per comparison: a run ranks every town, village and
 * level each month (a province's run, some 3,000 times).  (score, pos)
 * pairs are all different, so the order is the one any sort gives.
 */
static void
sort_scored(struct scored *v, struct scored *tmp, size_t n)
{
	struct scored	*src = v, *dst = tmp, *sw, x;
	size_t		 i, j, k, lo, mid, hi, w;

	for (lo = 0; lo < n; lo += 16) {
		hi = lo + 16 < n ? lo + 16 : n;
		for (i = lo + 1; i < hi; i++) {
			x = v[i];
			for (j = i; j > lo && before(&x, &v[j - 1]); j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	}
	for (w = 16; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = lo + w < n ? lo + w : n;
			hi = lo + 2 * w < n ? lo + 2 * w : n;
			i = lo;
			j = mid;
			k = lo;
			while (i < mid && j < hi)
				dst[k++] = before(&src[j], &src[i]) ?
				    src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		sw = src;
		src = dst;
		dst = sw;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

int
rules_rank(const int64_t *scores, size_t n, int desc, int *ranks)
{
	struct scored	*v;
	size_t		 i, m = 0;

	if ((v = malloc((2 * n + 1) * sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		ranks[i] = 0;
		if (scores[i] == NUM_ABSENT)
			continue;
		/* Lowest first is highest first of the negated scores. */
		v[m].score = desc ? scores[i] : -scores[i];
		v[m++].pos = i;
	}
	sort_scored(v, v + n, m);
	for (i = 0; i < m; i++)
		ranks[v[i].pos] = i > 0 && v[i].score == v[i - 1].score ?
		    ranks[v[i - 1].pos] : (int)i + 1;
	free(v);
	return (int)m;
}

int
rules_level2(int64_t mean, int floor_rounding)
{
	if (floor_rounding)
		return (int)(mean / NUM_C);
	return (int)((mean + NUM_C / 2) / NUM_C);
}

int
rules_warning(const unsigned char star[DOM__MAX])
{
	int i, black = 0, none = 0;

	for (i = 0; i < DOM__MAX; i++) {
		black += star[i] == STAR_BLACK;
		none += star[i] == STAR_NONE;
	}
	if (black >= 2)
		return WARN_RED;
	if (black == 1)
		return WARN_ORANGE;
	if (none >= 2)
		return WARN_YELLOW;
	if (none == 1)
		return WARN_BLUE;
	return WARN_NONE;
}

/*
 * Group the grids for which want(level) holds by key(grid): town or parent.
 * Returns 0 or -1.
 */
static int
group(struct run *r, struct groups *gr, int level, int by_parent)
{
	const struct input	*in = r->in;
	size_t			 i, n = in->ngrids;
	int			 k, *fill;

	gr->off = calloc(n + 2, sizeof(int));
	gr->idx = calloc(n + 1, sizeof(int));
	fill = calloc(n + 1, sizeof(int));
	if (gr->off == NULL || gr->idx == NULL || fill == NULL) {
		free(fill);
		return -1;
	}
	for (i = 0; i < n; i++) {
		k = by_parent ? in->grids[i].parent : in->grids[i].town;
		if (in->grids[i].level == level && k >= 0)
			gr->off[k + 1]++;
	}
	for (i = 0; i < n; i++)
		gr->off[i + 1] += gr->off[i];
	for (i = 0; i < n; i++) {
		k = by_parent ? in->grids[i].parent : in->grids[i].town;
		if (in->grids[i].level == level && k >= 0)
			gr->idx[gr->off[k] + fill[k]++] = (int)i;
	}
	free(fill);
	return 0;
}

static void
groups_release(struct groups *gr)
{
	free(gr->off);
	free(gr->idx);
}

/* Whether grid g is active in month m (§1). */
static int
active(const struct grid *g, int m)
{
	return m >= g->from && m <= g->until;
}

/* Rate num/den in ten-thousandths, or NUM_ABSENT when den is zero (§2.5). */
static int64_t
rate(int num, int den)
{
	return den == 0 ? NUM_ABSENT : num_div((int64_t)num * NUM_R, den);
}

static int
cmp_road(const void *a, const void *b)
{
	const struct roadrow	*x = a, *y = b;
	int			 c = strcmp(x->road, y->road);

	if (c != 0)
		return c;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * Inspection of one level-3 grid (§2.2): road scores, their mean, and the
 * deductions per domain.  ix[0..n-1] index m->findings.
 */
static void
inspect(struct run *r, const struct month_in *m, int *ix, int n,
    struct gres *gr, int serious[DOM__MAX])
{
	const struct finding	*f = m->findings;
	struct roadrow		*rr = r->roadrows;
	int64_t			 road_ded = 0, sum = 0, ded;
	int			 i, roads = 0;

	for (i = 0; i < n; i++) {
		rr[i].road = f[ix[i]].road;
		rr[i].idx = ix[i];
	}
	qsort(rr, (size_t)n, sizeof(*rr), cmp_road);
	for (i = 0; i < n; i++) {
		const struct finding *x = &f[rr[i].idx];

		if (x->item >= 0) {
			const struct item *it = &r->in->items[x->item];

			ded = rules_deduction(it, x->count, x->factor,
			    x->area);
			road_ded += ded;
			gr->deduction[it->domain] += ded;
			if (it->serious)
				serious[it->domain] = 1;
		}
		/* Last row of this road: its score is final. */
		if (i + 1 == n || strcmp(x->road, rr[i + 1].road) != 0) {
			sum += road_ded >= 100 * NUM_C ? 0 :
			    100 * NUM_C - road_ded;
			roads++;
			road_ded = 0;
		}
	}
	gr->roads = roads;
	if (roads > 0)
		gr->inspection = num_div(sum, roads);
}

/* Issue counts of a month (§2.5), added into the grids' results. */
static void
count_issues(struct run *r, const struct month_in *m, struct gres *g)
{
	int	 last = date_month_last(m->month), deadline, by;
	size_t	 i;

	for (i = 0; i < m->nissues; i++) {
		const struct issue	*is = &m->issues[i];
		struct gres		*gr = &g[is->grid];

		deadline = date_cal_add(&r->in->cal, is->reported,
		    is->scope == SCOPE_DEPARTMENT ? DAYS_DEPARTMENT :
		    DAYS_COMMUNITY);
		by = is->resolved != -1 && is->resolved <= last;
		gr->reported++;
		if (deadline <= last || by)
			gr->due++;
		if (by) {
			gr->resolved++;
			if (is->resolved <= deadline)
				gr->on_time++;
		}
		if (is->satisfied == 1)
			gr->sat_yes++;
		if (is->satisfied != -1)
			gr->sat_answers++;
	}
}

/*
 * Report a grid that no step of §3 can rate, pointing at its evaluation
 * row when there is one, else at its line in grids.csv.
 */
static void
unratable(struct run *r, const struct month_in *m, int g, int dom)
{
	const struct input	*in = r->in;
	char			 mon[16], *path;
	struct buf		 b;
	long			 line;

	date_month_fmt(mon, m->month);
	buf_init(&b);
	if (r->ev[g] >= 0) {
		buf_printf(&b, "%s/%s/evaluations.csv", in->dir, mon);
		line = m->evals[r->ev[g]].line;
	} else {
		buf_printf(&b, "%s/grids.csv", in->dir);
		line = in->grids[g].line;
	}
	path = buf_detach(&b);
	diag_error(r->d, path, line, 0, "%s: grid \"%s\" (%s) cannot be rated "
	    "for domain %s (%s): it was not inspected and nothing else "
	    "decides it; give a value in %s/evaluations.csv", mon,
	    in->grids[g].id, in->grids[g].name, input_domain_key(dom),
	    input_domain_zh(dom), mon);
	free(path);
}

/* Derive a blank star of a level-3 grid by the steps of §3. */
static int
derive(struct run *r, const struct gres *gr, int dom, int serious,
    int has_fb)
{
	const struct settings *s = &r->in->set;

	/* Step 1: inspected, and the domain has items. */
	if (gr->roads > 0 && r->dom_items[dom] > 0) {
		if (serious ||
		    gr->deduction[dom] >= s->serious_points * gr->roads)
			return STAR_BLACK;
		return gr->deduction[dom] == 0 ? STAR_RED : STAR_NONE;
	}
	/* Step 2: public service from issue handling. */
	if (dom == DOM_SERVICE) {
		if (gr->due == 0 || (gr->closure >= s->closure_red &&
		    gr->on_time_rate >= s->ontime_red))
			return STAR_RED;
		if (gr->closure < s->closure_black)
			return STAR_BLACK;
		return STAR_NONE;
	}
	/* Step 3: work from the 360-degree review. */
	if (dom == DOM_WORK && has_fb) {
		if (gr->feedback >= s->work_red)
			return STAR_RED;
		if (gr->feedback < s->work_black)
			return STAR_BLACK;
		return STAR_NONE;
	}
	/* Step 4: inspected, nothing of this domain to be found there. */
	if (gr->roads > 0)
		return STAR_RED;
	return STAR_UNSET;
}

/* Subsidy of a grid at a level (§4). */
static int64_t
subsidy(const struct run *r, const struct grid *g, int level)
{
	int64_t base = g->subsidy_base != NUM_ABSENT ? g->subsidy_base :
	    r->in->set.subsidy_base;

	return num_div(base * r->in->set.ratio[level], NUM_R);
}

/* Apply the reviews of a month (§2.4) and record the changes. */
static void
apply_reviews(struct run *r, const struct month_in *m, struct month_res *mr)
{
	size_t i;

	if (m->nreviews == 0)
		return;
	if ((mr->changes = calloc(m->nreviews, sizeof(*mr->changes))) ==
	    NULL) {
		r->oom = 1;
		return;
	}
	for (i = 0; i < m->nreviews; i++) {
		const struct review	*rv = &m->reviews[i];
		struct gres		*gr = &mr->g[rv->grid];
		struct change		*c = &mr->changes[mr->nchanges++];

		c->grid = rv->grid;
		c->domain = rv->domain;
		c->before = gr->star[rv->domain];
		c->after = rv->value;
		c->reason = rv->reason;
		gr->star[rv->domain] = (unsigned char)rv->value;
		gr->src[rv->domain] = SRC_REVIEW;
	}
}

/* The level-3 figures of a month (§2.2-§2.6, §3, §4, §6). */
static void
month_level3(struct run *r, const struct month_in *m, struct month_res *mr)
{
	const struct input	*in = r->in;
	size_t			 i, n = in->ngrids;
	int			 k, dom, serious[DOM__MAX];

	/* Bucket the findings by grid, and index evaluations/feedback. */
	memset(r->byg_off, 0, (n + 1) * sizeof(int));
	for (i = 0; i < m->nfindings; i++)
		r->byg_off[m->findings[i].grid + 1]++;
	for (i = 0; i < n; i++)
		r->byg_off[i + 1] += r->byg_off[i];
	for (i = 0; i < n; i++) {
		r->ranks[i] = 0;	/* fill count of each bucket */
		r->ev[i] = r->fb[i] = -1;
	}
	for (i = 0; i < m->nfindings; i++) {
		k = m->findings[i].grid;
		r->byg[r->byg_off[k] + r->ranks[k]++] = (int)i;
	}
	for (i = 0; i < m->nevals; i++)
		r->ev[m->evals[i].grid] = (int)i;
	for (i = 0; i < m->nfeedback; i++)
		r->fb[m->feedback[i].grid] = (int)i;
	count_issues(r, m, mr->g);
	for (i = 0; i < n; i++) {
		const struct grid	*g = &in->grids[i];
		struct gres		*gr = &mr->g[i];

		if (g->level != 3 || !gr->active)
			continue;
		gr->rated = 1;
		memset(serious, 0, sizeof(serious));
		inspect(r, m, r->byg + r->byg_off[i],
		    r->byg_off[i + 1] - r->byg_off[i], gr, serious);
		gr->closure = rate(gr->resolved, gr->due);
		gr->on_time_rate = rate(gr->on_time, gr->due);
		gr->satisfaction = rate(gr->sat_yes, gr->sat_answers);
		if (r->fb[i] >= 0) {
			const struct feedback *f = &m->feedback[r->fb[i]];

			/* 4:2:3:1 (seed 004). */
			gr->feedback = num_div(4 * f->residents +
			    2 * f->departments + 3 * f->village + f->self,
			    10);
		}
		if (r->ev[i] >= 0)
			gr->self = (signed char)m->evals[r->ev[i]].self;
		for (dom = 0; dom < DOM__MAX; dom++) {
			if (r->ev[i] >= 0 &&
			    m->evals[r->ev[i]].star[dom] != STAR_UNSET) {
				gr->star[dom] = m->evals[r->ev[i]].star[dom];
				gr->src[dom] = SRC_EVALUATION;
				continue;
			}
			gr->star[dom] = (unsigned char)derive(r, gr, dom,
			    serious[dom], r->fb[i] >= 0);
			gr->src[dom] = SRC_DERIVED;
			if (gr->star[dom] == STAR_UNSET)
				unratable(r, m, (int)i, dom);
		}
	}
	if (mr->stage == STAGE_FINAL)
		apply_reviews(r, m, mr);
	for (i = 0; i < n; i++) {
		struct gres *gr = &mr->g[i];

		if (in->grids[i].level != 3 || !gr->rated)
			continue;
		gr->level = 0;
		for (dom = 0; dom < DOM__MAX; dom++)
			gr->level += gr->star[dom] == STAR_RED;
		gr->subsidy = subsidy(r, &in->grids[i], gr->level);
		if (gr->inspection != NUM_ABSENT)
			gr->monthly = gr->inspection +
			    (gr->level == 5 ? FIVE_STAR_BONUS : 0);
		gr->warning = (unsigned char)rules_warning(gr->star);
	}
}

/* The level-2 figures of a month, from their active children (§2-§6). */
static void
month_level2(struct run *r, struct month_res *mr)
{
	const struct input	*in = r->in;
	size_t			 i;
	int			 j, nact, nins;
	int64_t			 levels, ins;

	for (i = 0; i < in->ngrids; i++) {
		const struct grid	*g = &in->grids[i];
		struct gres		*gr = &mr->g[i];

		if (g->level != 2 || !gr->active)
			continue;
		nact = nins = 0;
		levels = ins = 0;
		for (j = r->kids.off[i]; j < r->kids.off[i + 1]; j++) {
			const struct gres *c = &mr->g[r->kids.idx[j]];

			if (!c->rated)
				continue;
			nact++;
			levels += c->level;
			if (c->inspection != NUM_ABSENT) {
				ins += c->inspection;
				nins++;
			}
			if (c->warning > gr->warning)
				gr->warning = c->warning;
			gr->reported += c->reported;
			gr->due += c->due;
			gr->resolved += c->resolved;
			gr->on_time += c->on_time;
			gr->sat_yes += c->sat_yes;
			gr->sat_answers += c->sat_answers;
		}
		if (nact == 0)
			continue;
		gr->rated = 1;
		gr->stars_mean = num_div(levels * NUM_C, nact);
		gr->level = (signed char)rules_level2(gr->stars_mean,
		    in->set.level2_floor);
		if (nins > 0) {
			gr->inspection = num_div(ins, nins);
			gr->monthly = gr->inspection +
			    (gr->level == 5 ? FIVE_STAR_BONUS : 0);
		}
		gr->subsidy = subsidy(r, g, gr->level);
		gr->closure = rate(gr->resolved, gr->due);
		gr->on_time_rate = rate(gr->on_time, gr->due);
		gr->satisfaction = rate(gr->sat_yes, gr->sat_answers);
	}
}

/*
 * Rank the members of each group by a per-grid score (§5), writing ranks
 * through set(); when judge is set, also mark top 3 / bottom 3.
 * score(g) returns the score of grid g or NUM_ABSENT.
 */
static void
rank_groups(struct run *r, const struct groups *gr, size_t ngroups,
    const int64_t *score, int *rank_out, unsigned char *top3,
    unsigned char *bottom3)
{
	size_t	 k;
	int	 j, m, n, scored;
	int	*bot;

	if ((bot = malloc((r->in->ngrids + 1) * sizeof(int))) == NULL) {
		r->oom = 1;
		return;
	}
	for (k = 0; k < ngroups; k++) {
		n = gr->off[k + 1] - gr->off[k];
		if (n == 0)
			continue;
		for (j = 0; j < n; j++)
			r->scores[j] = score[gr->idx[gr->off[k] + j]];
		/* Ranks from the bottom only where top and bottom 3 count. */
		if ((scored = rules_rank(r->scores, (size_t)n, 1,
		    r->ranks)) == -1 || (top3 != NULL &&
		    scored >= JUDGE_TOP3 &&
		    rules_rank(r->scores, (size_t)n, 0, bot) == -1)) {
			r->oom = 1;
			break;
		}
		for (j = 0; j < n; j++) {
			m = gr->idx[gr->off[k] + j];
			rank_out[m] = r->ranks[j];
			if (top3 == NULL || scored < JUDGE_TOP3 ||
			    r->ranks[j] == 0)
				continue;
			/* A grid tying into both counts as neither. */
			if (r->ranks[j] <= 3 && bot[j] <= 3)
				continue;
			top3[m] = r->ranks[j] <= 3;
			bottom3[m] = bot[j] <= 3;
		}
	}
	free(bot);
}

/* Ranks, top 3 and bottom 3 of a month (§5). */
static void
month_ranks(struct run *r, struct month_res *mr)
{
	const struct input	*in = r->in;
	size_t			 i, n = in->ngrids;
	int64_t			*score;
	int			*rank;
	unsigned char		*top, *bot;

	score = malloc((n + 1) * sizeof(*score));
	rank = calloc(n + 1, sizeof(*rank));
	top = calloc(n + 1, 1);
	bot = calloc(n + 1, 1);
	if (score == NULL || rank == NULL || top == NULL || bot == NULL) {
		r->oom = 1;
		goto out;
	}
	for (i = 0; i < n; i++)
		score[i] = mr->g[i].monthly;
	rank_groups(r, &r->town2, n, score, rank, top, bot);
	rank_groups(r, &r->town3, n, score, rank, top, bot);
	for (i = 0; i < n; i++) {
		mr->g[i].rank_town = rank[i];
		mr->g[i].top3 = top[i];
		mr->g[i].bottom3 = bot[i];
	}
	rank_groups(r, &r->kids, n, score, rank, NULL, NULL);
	for (i = 0; i < n; i++)
		if (in->grids[i].level == 3)
			mr->g[i].rank_parent = rank[i];
out:
	free(score);
	free(rank);
	free(top);
	free(bot);
}

/* Reset one month's grid results to "absent". */
static void
month_init(struct run *r, struct month_res *mr, int month)
{
	const struct input	*in = r->in;
	size_t			 i;

	mr->month = month;
	for (i = 0; i < in->ngrids; i++) {
		struct gres *gr = &mr->g[i];

		gr->active = in->grids[i].level >= 2 &&
		    active(&in->grids[i], month);
		gr->self = -1;
		gr->level = -1;
		gr->stars_mean = gr->inspection = gr->monthly = NUM_ABSENT;
		gr->subsidy = gr->feedback = NUM_ABSENT;
		gr->closure = gr->on_time_rate = gr->satisfaction = NUM_ABSENT;
	}
}

/*
 * Scores of a period (§5: quarter or year): the mean of the ROUNDED
 * monthly scores over the months with one, ranked within the level-1
 * grid among grids of the same level.  first..last are month numbers.
 * Returns 0 or -1.
 */
static int
period_make(struct run *r, struct period *p, int first, int last)
{
	const struct input	*in = r->in;
	size_t			 i, n = in->ngrids;
	int			 m, mi;
	int64_t			 sum;

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
		const struct grid *g = &in->grids[i];

		p->score[i] = NUM_ABSENT;
		if (g->level < 2)
			continue;
		sum = 0;
		for (m = first; m <= last; m++) {
			if (active(g, m))
				p->present[i] = 1;
			mi = m - in->first;
			if (mi < 0 || mi >= (int)r->res->nmonths ||
			    r->res->months[mi].g[i].monthly == NUM_ABSENT)
				continue;
			sum += r->res->months[mi].g[i].monthly;
			p->months[i]++;
		}
		if (p->months[i] > 0)
			p->score[i] = num_div(sum, p->months[i]);
	}
	rank_groups(r, &r->town2, n, p->score, p->rank, NULL, NULL);
	rank_groups(r, &r->town3, n, p->score, p->rank, NULL, NULL);
	return r->oom ? -1 : 0;
}

static void
period_release(struct period *p)
{
	free(p->present);
	free(p->score);
	free(p->months);
	free(p->rank);
	free(p->excellent);
}

/*
 * Bottom two of a quarter (§5), per grid: the quarter's scores ranked
 * lowest first, judged where at least four grids have one.
 */
static int
quarter_bottom2(struct run *r, int q, unsigned char *out)
{
	struct period	 p;
	const struct groups *gs[2] = { &r->town2, &r->town3 };
	size_t		 k, n = r->in->ngrids;
	int		 j, t, first = q * 3, last = q * 3 + 2, scored;
	int		*bot;

	memset(&p, 0, sizeof(p));
	memset(out, 0, n);
	if (last > r->in->month)
		last = r->in->month;
	if (period_make(r, &p, first, last) == -1 ||
	    (bot = malloc((n + 1) * sizeof(int))) == NULL) {
		period_release(&p);
		return -1;
	}
	for (t = 0; t < 2; t++)
		for (k = 0; k < n; k++) {
			const struct groups *gr = gs[t];
			int c = gr->off[k + 1] - gr->off[k];

			if (c == 0)
				continue;
			for (j = 0; j < c; j++)
				r->scores[j] = p.score[gr->idx[gr->off[k] + j]];
			if ((scored = rules_rank(r->scores, (size_t)c, 0,
			    bot)) < JUDGE_BOTTOM2)
				continue;
			for (j = 0; j < c; j++)
				if (bot[j] > 0 && bot[j] <= 2)
					out[gr->idx[gr->off[k] + j]] = 1;
		}
	free(bot);
	period_release(&p);
	return 0;
}

/* The flags of every month (§5). */
static int
flags(struct run *r)
{
	struct result		*res = r->res;
	const struct input	*in = r->in;
	size_t			 i, n = in->ngrids, mi;
	unsigned char		*qb[3] = { NULL, NULL, NULL };
	int			 m, q, y, k, ok, rc = -1;

	for (k = 0; k < 3; k++)
		if ((qb[k] = calloc(n + 1, 1)) == NULL)
			goto out;
	for (mi = 0; mi < res->nmonths; mi++) {
		struct month_res *mr = &res->months[mi];

		m = mr->month;
		if (!mr->present)
			continue;
		for (i = 0; mi >= 2 && i < n; i++) {
			if (mr->g[i].top3 && res->months[mi - 1].g[i].top3 &&
			    res->months[mi - 2].g[i].top3)
				mr->g[i].flags |= FLAG_PRAISE;
			if (mr->g[i].bottom3 &&
			    res->months[mi - 1].g[i].bottom3 &&
			    res->months[mi - 2].g[i].bottom3)
				mr->g[i].flags |= FLAG_WARNING_STREAK;
		}
		if (m % 3 == 2) {
			/* Last month of quarter q: bottom two in q, q-1, q-2. */
			q = m / 3;
			for (k = 0; k < 3; k++)
				if (quarter_bottom2(r, q - k, qb[k]) == -1)
					goto out;
			/* A row without figures shows no flag (decisions). */
			for (i = 0; i < n; i++)
				if (qb[0][i] && qb[1][i] && qb[2][i] &&
				    mr->g[i].rated)
					mr->g[i].flags |= FLAG_QUARTER_BOTTOM;
		}
		if (m % 12 == 11 && m - 11 >= in->first) {
			/* December: level 5 in all twelve months. */
			y = m - 11;
			for (i = 0; i < n; i++) {
				ok = in->grids[i].level >= 2;
				for (k = 0; ok && k < 12; k++) {
					const struct month_res *x =
					    &res->months[y + k - in->first];

					ok = x->present && x->g[i].level == 5;
				}
				if (ok)
					mr->g[i].flags |= FLAG_EXCELLENT;
			}
		}
	}
	rc = 0;
out:
	for (k = 0; k < 3; k++)
		free(qb[k]);
	return rc;
}

static int
cmp_fres_unit(const void *a, const void *b)
{
	return strcmp(((const struct fres *)a)->unit,
	    ((const struct fres *)b)->unit);
}

/* By unit, then by month (held in .months while sorting). */
static int
cmp_fres_unit_month(const void *a, const void *b)
{
	const struct fres	*x = a, *y = b;
	int			 c = strcmp(x->unit, y->unit);

	if (c != 0)
		return c;
	return (x->months > y->months) - (x->months < y->months);
}

/*
 * Rank frontage units by total within their level-1 grid (§2.7); with
 * honours, also mark the commended and listed units of the year.
 */
static int
frontage_rank(struct run *r, struct fres *f, size_t n, int honours)
{
	const struct input	*in = r->in;
	int64_t			*s;
	int			*rk, *bot;
	size_t			 i, j, cnt;
	int			 t, rc = -1;
	size_t			*pos;

	s = malloc((n + 1) * sizeof(*s));
	rk = malloc((n + 1) * sizeof(*rk));
	bot = malloc((n + 1) * sizeof(*bot));
	pos = malloc((n + 1) * sizeof(*pos));
	if (s == NULL || rk == NULL || bot == NULL || pos == NULL)
		goto out;
	/* Units per level-1 grid: few towns per run, so a pass per town. */
	for (t = 0; t < (int)in->ngrids; t++) {
		if (in->grids[t].level != 1)
			continue;
		for (i = cnt = 0; i < n; i++)
			if (in->grids[f[i].grid].town == t) {
				s[cnt] = f[i].total;
				pos[cnt++] = i;
			}
		if (cnt == 0)
			continue;
		if (rules_rank(s, cnt, 1, rk) == -1 ||
		    rules_rank(s, cnt, 0, bot) == -1)
			goto out;
		for (j = 0; j < cnt; j++) {
			f[pos[j]].rank = rk[j];
			if (!honours)
				continue;
			if (rk[j] <= FRONTAGE_COMMENDED)
				f[pos[j]].honour = 1;
			else if (bot[j] <= FRONTAGE_LISTED)
				f[pos[j]].honour = 2;
		}
	}
	rc = 0;
out:
	free(s);
	free(rk);
	free(bot);
	free(pos);
	return rc;
}

/* A month's frontage units, totals and ranks. */
static int
month_frontage(struct run *r, const struct month_in *m, struct month_res *mr)
{
	size_t i;

	if (m->nfrontage == 0)
		return 0;
	if ((mr->frontage = calloc(m->nfrontage, sizeof(*mr->frontage))) ==
	    NULL)
		return -1;
	for (i = 0; i < m->nfrontage; i++) {
		const struct frontage	*u = &m->frontage[i];
		struct fres		*f = &mr->frontage[i];

		f->unit = u->unit;
		f->name = u->name;
		f->grid = u->grid;
		f->total = u->presence + u->conduct + u->effect +
		    u->leadership;
		f->months = 1;
	}
	mr->nfrontage = m->nfrontage;
	qsort(mr->frontage, mr->nfrontage, sizeof(*mr->frontage),
	    cmp_fres_unit);
	return frontage_rank(r, mr->frontage, mr->nfrontage, 0);
}

/*
 * The year's frontage table: mean of the monthly totals of the months a
 * unit was scored (January to the published month); a unit keeps the
 * name and grid of the latest month (§2.7).
 */
static int
year_frontage(struct run *r)
{
	struct result	*res = r->res;
	struct fres	*all, *out;
	size_t		 n = 0, i, j, k;
	int		 first = res->pubyear->year.first;
	int64_t		 sum;

	for (i = 0; i < res->nmonths; i++)
		if (res->months[i].month >= first)
			n += res->months[i].nfrontage;
	if (n == 0)
		return 0;
	if ((all = calloc(n, sizeof(*all))) == NULL)
		return -1;
	/* Months in order; a stable merge keeps the latest last per unit. */
	for (i = k = 0; i < res->nmonths; i++) {
		if (res->months[i].month < first)
			continue;
		for (j = 0; j < res->months[i].nfrontage; j++) {
			all[k] = res->months[i].frontage[j];
			all[k++].months = res->months[i].month;
		}
	}
	if ((out = calloc(n, sizeof(*out))) == NULL) {
		free(all);
		return -1;
	}
	/* Sort by unit, then month (kept in .months for now). */
	qsort(all, n, sizeof(*all), cmp_fres_unit_month);
	res->nfrontage_year = 0;
	for (i = 0; i < n; i = j) {
		sum = 0;
		for (j = i; j < n && strcmp(all[j].unit, all[i].unit) == 0;
		    j++)
			sum += all[j].total;
		out[res->nfrontage_year] = all[j - 1];
		out[res->nfrontage_year].months = (int)(j - i);
		out[res->nfrontage_year].total = num_div(sum, (int64_t)(j - i));
		out[res->nfrontage_year].rank = 0;
		res->nfrontage_year++;
	}
	free(all);
	res->frontage_year = out;
	return frontage_rank(r, out, res->nfrontage_year, 1);
}

static int	quarters(struct run *, struct yearres *);

/*
 * Every year's scores and its completed quarters (§5, §8): January to
 * December, or to the published month in its year.
 */
static int
periods(struct run *r)
{
	struct result	*res = r->res;
	const struct input *in = r->in;
	int		 y, q, k, last, yfirst = in->first / 12;
	size_t		 i;
	struct yearres	*yr;

	res->nyears = (size_t)(in->month / 12 - yfirst + 1);
	if ((res->years = calloc(res->nyears, sizeof(*res->years))) == NULL)
		return -1;
	for (k = 0; k < (int)res->nyears; k++) {
		yr = &res->years[k];
		yr->y = yfirst + k;
		y = yr->y * 12;
		last = y + 11 < in->month ? y + 11 : in->month;
		if (period_make(r, &yr->year, y, last) == -1)
			return -1;
		snprintf(yr->year.label, sizeof(yr->year.label), "%04d", yr->y);
		yr->complete = y >= in->first && y + 11 <= in->month;
		for (q = 0; yr->complete && q < 12; q++)
			yr->complete = res->months[y + q - in->first].present;
		if (yr->complete)
			for (i = 0; i < in->ngrids; i++)
				yr->year.excellent[i] = (res->months[y + 11 -
				    in->first].g[i].flags & FLAG_EXCELLENT) != 0;
		if (quarters(r, yr) == -1)
			return -1;
	}
	res->pubyear = &res->years[res->nyears - 1];
	return 0;
}

/* The quarters of a year whose last month is published (§8). */
static int
quarters(struct run *r, struct yearres *yr)
{
	struct result	*res = r->res;
	const struct input *in = r->in;
	int		 y = yr->y * 12, q;

	for (q = 0; q < 4 && y + q * 3 + 2 <= in->month; q++) {
		struct period	*p;
		int		 last = y + q * 3 + 2 - in->first;

		/* Only quarters whose last month is published (§8). */
		if (last < 0 || !res->months[last].present)
			continue;
		p = &yr->quarters[yr->nquarters++];

		if (period_make(r, p, y + q * 3, y + q * 3 + 2) == -1)
			return -1;
		snprintf(p->label, sizeof(p->label), "%04d-Q%d", y / 12,
		    q + 1);
	}
	return 0;
}

/* Notice period of a month (§7): start and objection deadline. */
static void
notice_dates(struct run *r, struct month_res *mr, int is_pub)
{
	const struct input *in = r->in;

	if (is_pub && in->set.publish_date >= 0)
		mr->publish_date = in->set.publish_date;
	else
		mr->publish_date = date_cal_add(&in->cal,
		    date_month_last(mr->month), 1);
	mr->objection_deadline = date_cal_add(&in->cal, mr->publish_date,
	    in->set.objection_days);
}

/* A thread's scratch arrays for n grids.  0 or -1. */
static int
scratch_new(struct run *r, size_t n)
{
	r->ev = calloc(n + 1, sizeof(int));
	r->fb = calloc(n + 1, sizeof(int));
	r->byg_off = calloc(n + 2, sizeof(int));
	r->scores = calloc(n + 1, sizeof(int64_t));
	r->ranks = calloc(n + 1, sizeof(int));
	r->byg = NULL;
	r->roadrows = NULL;
	return r->ev == NULL || r->fb == NULL || r->byg_off == NULL ||
	    r->scores == NULL || r->ranks == NULL ? -1 : 0;
}

static void
scratch_free(struct run *r)
{
	free(r->ev);
	free(r->fb);
	free(r->byg);
	free(r->roadrows);
	free(r->byg_off);
	free(r->scores);
	free(r->ranks);
}

/* The figures of month mi (§2-§6), its messages to r->d.  0 or -1. */
static int
month_run(struct run *r, size_t mi)
{
	const struct input	*in = r->in;
	const struct month_in	*m = &in->months[mi];
	struct month_res	*mr = &r->res->months[mi];

	if ((mr->g = calloc(in->ngrids + 1, sizeof(*mr->g))) == NULL)
		return -1;
	month_init(r, mr, m->month);
	mr->present = m->present;
	/* Earlier months always count as final (§2). */
	mr->stage = mi + 1 == in->nmonths ? in->stage : STAGE_FINAL;
	notice_dates(r, mr, mi + 1 == in->nmonths);
	if (!m->present)
		return 0;
	free(r->byg);
	free(r->roadrows);
	r->roadrows = calloc(m->nfindings + 1, sizeof(*r->roadrows));
	if ((r->byg = calloc(m->nfindings + 1, sizeof(int))) == NULL ||
	    r->roadrows == NULL)
		return -1;
	month_level3(r, m, mr);
	month_level2(r, mr);
	month_ranks(r, mr);
	if (month_frontage(r, m, mr) == -1)
		r->oom = 1;
	return r->oom ? -1 : 0;
}

/*
 * Months are independent of each other until the flags and periods: the
 * threads of rules_run take them one at a time.  Each month's messages go
 * to a log of its own, reported in month order afterwards.
 */
struct months_work {
	struct run	 r;		/* the thread's own scratch */
	struct diag	**logs;		/* per month */
	size_t		*next;		/* the next month to take (shared) */
	pthread_mutex_t	*mu;
	int		 failed;
};

static void *
months_worker(void *arg)
{
	struct months_work	*w = arg;
	size_t			 mi;

	for (;;) {
		pthread_mutex_lock(w->mu);
		mi = (*w->next)++;
		pthread_mutex_unlock(w->mu);
		if (mi >= w->r.in->nmonths)
			break;
		w->r.d = w->logs[mi];
		if (month_run(&w->r, mi) == -1)
			w->failed = 1;
	}
	return NULL;
}

struct result *
rules_run(const struct input *in, int jobs, struct diag *d)
{
	struct run		 r;
	struct result		*res;
	struct months_work	 w[2];
	struct diag		**logs = NULL;
	pthread_mutex_t		 mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_t		 th;
	size_t			 i, n = in->ngrids, mi, next = 0;
	int			 errors = diag_errors(d), failed;
	int			 helper = 0, second = 0;

	memset(&r, 0, sizeof(r));
	memset(w, 0, sizeof(w));
	r.in = in;
	r.d = d;
	if ((res = calloc(1, sizeof(*res))) == NULL)
		return NULL;
	r.res = res;
	res->in = in;
	for (i = 0; i < in->nitems; i++)
		r.dom_items[in->items[i].domain]++;
	res->months = calloc(in->nmonths + 1, sizeof(*res->months));
	logs = calloc(in->nmonths + 1, sizeof(*logs));
	if (scratch_new(&r, n) == -1 || res->months == NULL || logs == NULL ||
	    group(&r, &r.town2, 2, 0) == -1 ||
	    group(&r, &r.town3, 3, 0) == -1 ||
	    group(&r, &r.kids, 3, 1) == -1)
		goto fail;
	res->nmonths = in->nmonths;
	for (mi = 0; mi < in->nmonths; mi++)
		if ((logs[mi] = diag_new_log()) == NULL)
			goto fail;
	/* This thread, and a second one when -j allows and it pays. */
	for (i = 0; i < 2; i++) {
		w[i].r = r;
		w[i].logs = logs;
		w[i].next = &next;
		w[i].mu = &mu;
	}
	if (jobs >= 2 && in->nmonths >= 2) {
		second = 1;
		if (scratch_new(&w[1].r, n) == 0 &&
		    pthread_create(&th, NULL, months_worker, &w[1]) == 0)
			helper = 1;
	}
	months_worker(&w[0]);
	if (helper)
		pthread_join(th, NULL);
	failed = w[0].failed || (helper && w[1].failed);
	r.byg = w[0].r.byg;
	r.roadrows = w[0].r.roadrows;
	r.oom = w[0].r.oom || w[1].r.oom;
	r.d = d;
	for (mi = 0; mi < in->nmonths; mi++)
		diag_replay(d, logs[mi]);
	if (failed)
		goto fail;
	if (diag_errors(d) > errors)
		goto fail;
	res->pub = &res->months[in->nmonths - 1];
	if (flags(&r) == -1 || periods(&r) == -1 || year_frontage(&r) == -1)
		goto fail;
	goto done;
fail:
	if (r.oom || diag_errors(d) == errors)
		diag_error(d, NULL, 0, 0, "out of memory");
	rules_free(res);
	res = NULL;
done:
	if (logs != NULL)
		for (mi = 0; mi < in->nmonths; mi++)
			diag_free(logs[mi]);
	free(logs);
	scratch_free(&r);
	if (second)
		scratch_free(&w[1].r);
	groups_release(&r.town2);
	groups_release(&r.town3);
	groups_release(&r.kids);
	return res;
}

void
rules_free(struct result *res)
{
	size_t i, k;

	if (res == NULL)
		return;
	for (i = 0; i < res->nmonths; i++) {
		free(res->months[i].g);
		free(res->months[i].changes);
		free(res->months[i].frontage);
	}
	free(res->months);
	for (i = 0; i < res->nyears; i++) {
		period_release(&res->years[i].year);
		for (k = 0; k < res->years[i].nquarters; k++)
			period_release(&res->years[i].quarters[k]);
	}
	free(res->years);
	free(res->frontage_year);
	free(res);
}
