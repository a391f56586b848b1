/*
 * Years for the website (issue 3): the annual and quarter scores of every
 * year that has a published month.  The engine computes the published
 * month's year and quarters (struct result); earlier years are computed
 * here from the monthly results by the same rule (RULES.md §5: the mean
 * of the rounded monthly scores over the months with one, ranked within
 * the level-1 grid among grids of the same level; excellent from the
 * December flags).
 */
#ifndef GRIDSTAR_ANNUAL_H
#define GRIDSTAR_ANNUAL_H

#include <stddef.h>

#include "model.h"

/* Quarters in a year. */
#define ANNUAL_QUARTERS	4

/* One calendar year. */
struct annual {
	int			 y;		/* the year, e.g. 2026 */
	int			 complete;	/* all twelve months published */
	const struct period	*year;		/* the year's scores */
	const struct period	*quarters[ANNUAL_QUARTERS];	/* ended quarters */
	size_t			 nquarters;
	struct period		 own[1 + ANNUAL_QUARTERS];	/* computed here */
	size_t			 nown;		/* periods of own[] in use */
};

/*
 * The years of res with at least one published month, oldest first, in a
 * new array *out of *n entries; they borrow from res, which must outlive
 * them.  Returns 0, or -1 when out of memory.  Free with annual_free.
 */
int	 annual_build(const struct result *res, struct annual **out,
	    size_t *n);
/* Free years from annual_build.  NULL is a no-op. */
void	 annual_free(struct annual *years, size_t n);

#endif /* GRIDSTAR_ANNUAL_H */
