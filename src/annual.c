/*
 * Years for the website: see annual.h.
 */
#include "config.h"

#include <stdlib.h>

#include "annual.h"

/* Whether year yr has a published month. */
static int
published(const struct result *res, const struct yearres *yr)
{
	size_t i;

	for (i = 0; i < res->nmonths; i++)
		if (res->months[i].present &&
		    res->months[i].month / 12 == yr->y)
			return 1;
	return 0;
}

int
annual_build(const struct result *res, struct annual **out, size_t *n)
{
	struct annual	*a;
	size_t		 i, k;

	*out = NULL;
	*n = 0;
	if ((a = calloc(res->nyears + 1, sizeof(*a))) == NULL)
		return -1;
	for (i = 0; i < res->nyears; i++) {
		const struct yearres *yr = &res->years[i];

		if (!published(res, yr))
			continue;
		a[*n].y = yr->y;
		a[*n].complete = yr->complete;
		a[*n].year = &yr->year;
		for (k = 0; k < yr->nquarters; k++)
			a[*n].quarters[k] = &yr->quarters[k];
		a[*n].nquarters = yr->nquarters;
		(*n)++;
	}
	*out = a;
	return 0;
}

void
annual_free(struct annual *years, size_t n)
{
	(void)n;
	free(years);
}
