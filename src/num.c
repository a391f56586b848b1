/*
 * Exact decimal figures: see num.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "num.h"

/* Largest value accumulated while reading digits: NUM_MAX with the most
 * decimals any caller asks for (4), so that v * 10 + 9 cannot overflow. */
#define ACC_MAX (NUM_MAX * 10000)

int
num_parse(const char *s, int dec, int64_t *out)
{
	int64_t	 v = 0;
	int	 neg = 0, digits = 0, frac = 0, seen_dot = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s != '\0'; s++) {
		if (*s == '.' && !seen_dot) {
			seen_dot = 1;
			continue;
		}
		if (*s < '0' || *s > '9')
			return -1;
		digits++;
		if (seen_dot && ++frac > dec) {
			/* Extra decimals are allowed only when they are zeros. */
			if (*s != '0')
				return -2;
			continue;
		}
		/* Past NUM_MAX at any scale we use; no overflow below. */
		if (v > ACC_MAX)
			return -3;
		v = v * 10 + (*s - '0');
	}
	if (digits == 0)
		return -1;
	if (frac > dec)
		frac = dec;
	/* v has frac decimals: compare with NUM_MAX at that scale, then pad. */
	{
		int64_t lim = NUM_MAX;
		int	 i;

		for (i = 0; i < frac; i++)
			lim *= 10;
		if (v > lim)
			return -3;
	}
	for (; frac < dec; frac++)
		v *= 10;
	*out = neg ? -v : v;
	return 0;
}

int
num_parse_int(const char *s, long *out)
{
	int64_t v;
	int	rc;

	if (strchr(s, '.') != NULL)
		return -1;
	if ((rc = num_parse(s, 0, &v)) != 0)
		return rc == -2 ? -1 : rc;
	*out = (long)v;
	return 0;
}

int64_t
num_div(int64_t num, int64_t den)
{
	int64_t q, r;

	q = num / den;
	r = num % den;
	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += num < 0 ? -1 : 1;
	return q;
}

char *
num_fmt(char *out, int64_t v, int dec)
{
	int64_t	 scale = 1, a;
	int	 i;

	for (i = 0; i < dec; i++)
		scale *= 10;
	a = v < 0 ? -v : v;
	if (dec == 0)
		snprintf(out, 32, "%s%lld", v < 0 ? "-" : "",
		    (long long)a);
	else
		snprintf(out, 32, "%s%lld.%0*lld", v < 0 ? "-" : "",
		    (long long)(a / scale), dec, (long long)(a % scale));
	return out;
}
