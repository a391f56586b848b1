/*
 * Calendar dates and months, and the working-day calendar of RULES.md §2.5.
 * A date is a day number (days since 1970-01-01, proleptic Gregorian);
 * a month is year * 12 + (month - 1).
 */
#ifndef GRIDSTAR_DATE_H
#define GRIDSTAR_DATE_H

#include <stddef.h>

/* Kinds of special dates in holidays.csv. */
enum date_kind {
	DATE_HOLIDAY = 1,	/* a weekday off (休) */
	DATE_WORKDAY		/* a make-up working day (班) */
};

/* One special date of the working-day calendar. */
struct date_special {
	int	day;		/* day number */
	int	kind;		/* enum date_kind */
};

/* The working-day calendar: Monday to Friday, adjusted by special dates. */
struct date_cal {
	struct date_special	*days;	/* sorted by day; owned */
	size_t			 ndays;
};

/* Day number of a valid y-m-d; -1 when the date does not exist. */
int	 date_from_ymd(int y, int m, int d);
/* Split a day number into year, month (1-12), day (1-31). */
void	 date_to_ymd(int day, int *y, int *m, int *d);
/* Day of the week: 0 = Monday ... 6 = Sunday. */
int	 date_weekday(int day);
/*
 * Parse "2026-10-05", "2026/10/5", "2026.10.5" or "2026年10月5日".
 * Returns 0 and the day number, -1 when malformed, -2 when well formed
 * but impossible (2026-02-30).
 */
int	 date_parse(const char *s, int *day);
/* Write a day number as YYYY-MM-DD into out (at least 16 bytes). */
char	*date_fmt(char *out, int day);
/* Parse "YYYY-MM" into a month number; 0, or -1 when malformed. */
int	 date_month_parse(const char *s, int *month);
/* Write a month number as YYYY-MM into out (at least 16 bytes). */
char	*date_month_fmt(char *out, int month);
/* First and last day numbers of a month number. */
int	 date_month_first(int month);
int	 date_month_last(int month);
/*
 * Sort the calendar's special dates (call once after filling it).
 * Returns the index of a date listed twice, or -1 when all are distinct.
 */
long	 date_cal_sort(struct date_cal *);
/* Whether day is a working day in the calendar. */
int	 date_cal_working(const struct date_cal *, int day);
/* The n-th working day strictly after day (n >= 1). */
int	 date_cal_add(const struct date_cal *, int day, int n);
/* Free the calendar's dates (not the struct). NULL is a no-op. */
void	 date_cal_release(struct date_cal *);

#endif /* GRIDSTAR_DATE_H */
