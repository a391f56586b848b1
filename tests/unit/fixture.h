/*
 * Test fixture: write a small input folder from strings, load it and run
 * the rules.  Used by the rules unit tests.
 */
#ifndef GRIDSTAR_FIXTURE_H
#define GRIDSTAR_FIXTURE_H

#include "model.h"

struct diag;

/* A fixture: a temporary input folder and what was computed from it. */
struct fixture {
	char		 dir[64];	/* the temporary input folder */
	struct diag	*d;		/* messages (not printed) */
	struct input	*in;
	struct result	*res;
};

/* Start a fixture with site.ini (plus extra lines for it) and grids.csv. */
void	 fx_begin(struct fixture *, const char *ini_extra, const char *grids);
/* Write a file under the fixture's folder (folders are created). */
void	 fx_file(struct fixture *, const char *rel, const char *text);
/* Load and compute month (YYYY-MM) at stage (-1 = site.ini); res may be NULL. */
struct result *fx_run(struct fixture *, const char *month, int stage);
/* The published month's figures of grid id (fails the test if unknown). */
const struct gres *fx_g(const struct fixture *, const char *id);
/* The figures of grid id in month (YYYY-MM). */
const struct gres *fx_gm(const struct fixture *, const char *id,
	    const char *month);
/* Remove the folder and free everything. */
void	 fx_end(struct fixture *);

#endif /* GRIDSTAR_FIXTURE_H */
