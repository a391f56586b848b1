/*
 * Exact decimal figures.  Published figures are integers scaled by a power
 * of ten (hundredths for scores, means and money; ten-thousandths for rates),
 * so that sums, means and thresholds are exact, as RULES.md §0 requires.
 */
#ifndef GRIDSTAR_NUM_H
#define GRIDSTAR_NUM_H

#include <stddef.h>
#include <stdint.h>

/* An absent figure (no score, no rate). */
#define NUM_ABSENT INT64_MIN
/* Scale of scores, means and money (two decimals). */
#define NUM_C 100
/* Scale of rates (four decimals). */
#define NUM_R 10000
/* Largest magnitude accepted when parsing (keeps every product in range). */
#define NUM_MAX 1000000000000LL

/*
 * Parse a decimal such as "12", "-3.5" or "0.25" into an integer scaled by
 * 10^dec.  Returns 0, -1 when s is not a number, -2 when it has more than
 * dec decimals, -3 when it is out of range (|value| > NUM_MAX).
 */
int	 num_parse(const char *s, int dec, int64_t *out);
/*
 * Parse a whole number (optional sign, digits only).  Returns 0, -1 when
 * s is not a whole number, -3 when out of range.
 */
int	 num_parse_int(const char *s, long *out);
/*
 * num / den rounded half away from zero.  den must be > 0.
 */
int64_t	 num_div(int64_t num, int64_t den);
/*
 * Write v (scaled by 10^dec) as a decimal with exactly dec decimals
 * into out (at least 32 bytes), e.g. 9583 with dec 4 -> "0.9583".
 * Returns out.
 */
char	*num_fmt(char *out, int64_t v, int dec);

#endif /* GRIDSTAR_NUM_H */
