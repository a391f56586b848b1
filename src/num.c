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
	char		 tmp[32];
	uint64_t	 a;
	int		 n = 0, o = 0;

	/*
	 * The bytes of "%lld.%0*lld" (a sign, the whole part, then exactly
	 * dec decimals), written digit by digit: pages print thousands of
	 * figures, and printf would cost more than building the page.
	 */
	if (dec < 0 || dec > 18) {
		/* Not a scale of ours: printf, as ever. */
		int64_t scale = 1;

		for (n = 0; n < dec; n++)
			scale *= 10;
		a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
		snprintf(out, 32, "%s%lld.%0*lld", v < 0 ? "-" : "",
		    (long long)(a / (uint64_t)scale), dec,
		    (long long)(a % (uint64_t)scale));
		return out;
	}
	a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + a % 10);
		a /= 10;
	} while (a > 0 || n <= dec);
	if (v < 0)
		out[o++] = '-';
	while (n > 0) {
		if (n == dec)
			out[o++] = '.';
		out[o++] = tmp[--n];
	}
	out[o] = '\0';
	return out;
}
