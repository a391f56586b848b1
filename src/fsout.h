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
 * When root is a staging folder (made by fsout_stage) and the tree it will
 * replace holds the same bytes at rel, that file is linked instead of
 * written, so that an unchanged output keeps its file and modification
 * time.  A file is never written through: an existing root/rel is
 * replaced, not truncated.
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
 * Remove the staging folders a killed run left beside out (fsout_stage
 * does it too), for a run that has nothing to write.
 */
void	 fsout_tidy(const char *out);
/*
 * Swap the staging folder in as out: out is renamed aside, the staging
 * folder renamed to out, and the old tree removed.  Returns 0 or -1
 * (reported; out is then left as it was).
 */
int	 fsout_commit(const char *stage, const char *out, struct diag *d);
/*
 * Carry parts of the previous tree over into the staging folder unchanged
 * (hard links), for a run that publishes only some parts: the top-level
 * entries named in names (NULL-terminated), or, when except is set, every
 * top-level entry not named there.  Returns 0 or -1 (reported).
 */
int	 fsout_keep(const char *stage, const char *const *names, int except,
	    struct diag *d);
/* Remove a folder tree (the staging folder after a failure). */
void	 fsout_remove(const char *path);

#endif /* GRIDSTAR_FSOUT_H */
