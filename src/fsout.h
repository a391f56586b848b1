/*
 * Writing the output tree.  A build writes into a fresh staging folder
 * beside the output folder and swaps it in at the end, so that a failed
 * or interrupted build leaves the previous tree untouched.
 */
#ifndef GRIDSTAR_FSOUT_H
#define GRIDSTAR_FSOUT_H

#include <stddef.h>

struct diag;

/*
 * Write len bytes to root/rel, creating folders as needed.
 * Returns 0, or -1 (reported to d with the path and the system's reason).
 */
int	 fsout_write(const char *root, const char *rel, const void *data,
	    size_t len, struct diag *d);
/*
 * Create an empty staging folder beside out ("out.new-XXXXXX").
 * Returns its malloc'd path (the caller frees it), or NULL (reported).
 */
char	*fsout_stage(const char *out, struct diag *d);
/*
 * Swap the staging folder in as out: out is renamed aside, the staging
 * folder renamed to out, and the old tree removed.  Returns 0 or -1
 * (reported; out is then left as it was).
 */
int	 fsout_commit(const char *stage, const char *out, struct diag *d);
/* Remove a folder tree (the staging folder after a failure). */
void	 fsout_remove(const char *path);

#endif /* GRIDSTAR_FSOUT_H */
