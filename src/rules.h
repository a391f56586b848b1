/*
 * The rulebook (RULES.md §0-§7): from a checked struct input to a struct
 * result of every month's figures.  Pure: no I/O, no global state.
 */
#ifndef GRIDSTAR_RULES_H
#define GRIDSTAR_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct diag;

/*
 * Compute every month of in, with a second thread taking months when jobs
 * >= 2 (the result and the messages do not depend on it).  A grid that
 * cannot be rated (RULES.md §3 step 5) is reported to d.  Returns the result (free with rules_free; it
 * borrows from in, which must outlive it), or NULL when problems were
 * reported or memory ran out.
 */
struct result	*rules_run(const struct input *in, int jobs, struct diag *d);
/* Free a result. NULL is a no-op. */
void		 rules_free(struct result *);

/*
 * Deduction of one inspection row (RULES.md §2.2), in hundredths:
 * count × factor × (area > threshold ? points_large : points).
 */
int64_t		 rules_deduction(const struct item *, long count, long factor,
		    int64_t area);
/*
 * Competition ranks (1, 2, 2, 4) of n scores, highest first when desc is
 * set, lowest first otherwise.  Absent scores (NUM_ABSENT) get rank 0 and
 * are not counted.  ranks has n entries.  Returns the number ranked, or -1
 * when out of memory.
 */
int		 rules_rank(const int64_t *scores, size_t n, int desc,
		    int *ranks);
/*
 * Star level of a level-2 grid from its (rounded) stars_mean in
 * hundredths: half up, or floor.
 */
int		 rules_level2(int64_t stars_mean, int floor_rounding);
/* Warning colour (enum warning) from five domain stars. */
int		 rules_warning(const unsigned char star[DOM__MAX]);
/* English word of a warning: "none", "blue", ... ("" for WARN_ABSENT). */
const char	*rules_warning_word(int warning);
/* English word of a star: "red", "none", "black" ("" when unset). */
const char	*rules_star_word(int star);
/* Names of the FLAG_* bits in export order: "praise", ... */
const char	*rules_flag_word(int bit);

#endif /* GRIDSTAR_RULES_H */
