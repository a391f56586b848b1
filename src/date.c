/*
 * Calendar dates and the working-day calendar: see date.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* Earliest and latest years accepted anywhere. */
#define YEAR_MIN 1900
#define YEAR_MAX 9999

/*
 * Days from civil (Howard Hinnant's algorithm), exact for the
 * proleptic Gregorian calendar.
 */
static int
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

int
date_from_ymd(int y, int m, int d)
{
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	return days_from_civil(y, m, d);
}

void
date_to_ymd(int day, int *y, int *m, int *d)
{
	int z, era, doe, yoe, doy, mp;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (day + 3) % 7;

	return w < 0 ? w + 7 : w;
}

/*
 * Read 1 to maxdigits decimal digits at *sp into *v; advance *sp.
 * Returns 0, or -1 when there is no digit or too many.
 */
static int
digits(const char **sp, int maxdigits, int *v)
{
	const char	*s = *sp;
	int		 n = 0;

	*v = 0;
	while (*s >= '0' && *s <= '9') {
		if (++n > maxdigits)
			return -1;
		*v = *v * 10 + (*s++ - '0');
	}
	if (n == 0)
		return -1;
	*sp = s;
	return 0;
}

/* Match the literal lit at *sp and advance; 0 or -1. */
static int
lit(const char **sp, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*sp, lit, n) != 0)
		return -1;
	*sp += n;
	return 0;
}

int
date_parse(const char *s, int *day)
{
	int	 y, m, d, cjk = 0;
	char	 sep = 0;

	if (digits(&s, 4, &y) == -1)
		return -1;
	if (*s == '-' || *s == '/' || *s == '.')
		sep = *s++;
	else if (lit(&s, "年") == 0)
		cjk = 1;
	else
		return -1;
	if (digits(&s, 2, &m) == -1)
		return -1;
	if (cjk) {
		if (lit(&s, "月") == -1)
			return -1;
	} else if (*s++ != sep)
		return -1;
	if (digits(&s, 2, &d) == -1)
		return -1;
	if (cjk && lit(&s, "日") == -1)
		return -1;
	if (*s != '\0')
		return -1;
	if (y < YEAR_MIN || y > YEAR_MAX)
		return -2;
	if ((*day = date_from_ymd(y, m, d)) == -1)
		return -2;
	return 0;
}

/*
 * Write year y as four digits and month m (1-12) as two, "2026-10", at
 * out (NUL-terminated); returns the end.  Years outside 0..9999 (never
 * accepted as input) go through snprintf, which widens them as needed.
 */
static char *
put_ym(char *out, int y, int m)
{
	if (y < 0 || y > 9999 || m < 0 || m > 99)
		return out + snprintf(out, 16, "%04d-%02d", y, m);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '\0';
	return out + 7;
}

char *
date_fmt(char *out, int day)
{
	char	*e;
	int	 y, m, d;

	/* The same bytes as "%04d-%02d-%02d", without printf (page hot path). */
	date_to_ymd(day, &y, &m, &d);
	e = put_ym(out, y, m);
	if (e != out + 7 || d < 0 || d > 99) {
		snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
		return out;
	}
	e[0] = '-';
	e[1] = (char)('0' + d / 10);
	e[2] = (char)('0' + d % 10);
	e[3] = '\0';
	return out;
}

int
date_month_parse(const char *s, int *month)
{
	int y, m;

	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	if (digits(&s, 4, &y) == -1 || *s++ != '-' ||
	    digits(&s, 2, &m) == -1 || *s != '\0')
		return -1;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return -1;
	*month = y * 12 + m - 1;
	return 0;
}

char *
date_month_fmt(char *out, int month)
{
	/* The same bytes as "%04d-%02d", without printf. */
	put_ym(out, month / 12, month % 12 + 1);
	return out;
}

int
date_month_first(int month)
{
	return days_from_civil(month / 12, month % 12 + 1, 1);
}

int
date_month_last(int month)
{
	int y = month / 12, m = month % 12 + 1;

	return days_from_civil(y, m, days_in_month(y, m));
}

static int
cmp_special(const void *a, const void *b)
{
	const struct date_special *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

long
date_cal_sort(struct date_cal *c)
{
	size_t i;

	if (c->ndays > 1)
		qsort(c->days, c->ndays, sizeof(*c->days), cmp_special);
	for (i = 1; i < c->ndays; i++)
		if (c->days[i].day == c->days[i - 1].day)
			return (long)i;
	return -1;
}

int
date_cal_working(const struct date_cal *c, int day)
{
	struct date_special	 key, *hit;

	key.day = day;
	hit = c->ndays == 0 ? NULL : bsearch(&key, c->days, c->ndays,
	    sizeof(*c->days), cmp_special);
	if (hit != NULL)
		return hit->kind == DATE_WORKDAY;
	return date_weekday(day) < 5;
}

int
date_cal_add(const struct date_cal *c, int day, int n)
{
	while (n > 0) {
		day++;
		if (date_cal_working(c, day))
			n--;
	}
	return day;
}

void
date_cal_release(struct date_cal *c)
{
	if (c == NULL)
		return;
	free(c->days);
	c->days = NULL;
	c->ndays = 0;
}
