/*
 * Reading the input folder (RULES.md §1, §2, §9) into a struct input.
 * Every value is checked here, so that the rules module can trust it.
 */
#ifndef GRIDSTAR_INPUT_H
#define GRIDSTAR_INPUT_H

#include "model.h"

struct diag;

/*
 * Read the input folder dir.  month and stage override [publication] month
 * and stage when >= 0.  jobs: how many threads may parse the month files
 * ahead (1: none, everything in order; the result and the messages are the
 * same).  Every problem found is reported to d.  Returns the
 * input (free with input_free) — also when problems were reported, so that
 * callers can count them: check diag_errors(d) before using it — or NULL
 * when nothing could be read at all.
 */
struct input	*input_load(const char *dir, int month, int stage,
		    int jobs, struct diag *d);
/* Free the input and everything it holds. NULL is a no-op. */
void		 input_free(struct input *);
/* Index of the grid with this id, or -1. */
int		 input_grid_find(const struct input *, const char *id);
/*
 * The shard key of every grid (config.h), into key[0..ngrids-1]: the
 * number of its village (0, 1, ... in grid order) for a village and its
 * sub-grids, so that they fall in the same shard; a town's own index.
 */
void		 input_shard_keys(const struct input *, int *key);
/* English key ("market") and Chinese name ("市场监管") of a domain. */
const char	*input_domain_key(int domain);
const char	*input_domain_zh(int domain);
/*
 * Parse a star value in any spelling of RULES.md §2.3 (red, 红星, 红, ★ ...).
 * Returns the enum star, or STAR_UNSET when s is not one.
 */
int		 input_star_parse(const char *s);
/* Parse a domain key or Chinese name; the enum domain, or -1. */
int		 input_domain_parse(const char *s);
/*
 * Whether the file at path really lies inside the input folder (a symbolic
 * link may not lead out of it).  When it does not, reports that to d and
 * returns 0.
 */
int		 input_inside(const struct input *, const char *path,
		    struct diag *d);
/* Whether s is a valid grid id: [0-9A-Za-z_-]{1,64}. */
int		 input_id_valid(const char *s);

#endif /* GRIDSTAR_INPUT_H */
