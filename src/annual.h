/*
 * Years for the website (issue 3): a view of the engine's years
 * (struct result.years) as the year pages use them.
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
