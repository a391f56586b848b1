/*
 * Diagnostics sink.  Every user-facing problem goes through here, printed in
 * the GNU format "gridstar: FILE:LINE:COL: message" (":COL" and ":LINE" are
 * left out when unknown, and "FILE:" when no file is involved).
 * At most DIAG_PER_FILE errors are printed per file; the rest are counted and
 * summarised by diag_finish().
 */
#ifndef GRIDSTAR_DIAG_H
#define GRIDSTAR_DIAG_H

#include <stdio.h>

/* Errors printed for one file before the rest are only counted. */
#define DIAG_PER_FILE 100

struct diag;

/*
 * New sink printing to `out` (may be NULL: messages are only kept).
 * Every message is also kept in memory (see diag_text).
 * Returns NULL when out of memory.  Free with diag_free.
 */
struct diag	*diag_new(FILE *out);
/*
 * New sink that only records: its messages are neither printed nor capped
 * until diag_replay() passes them on.  For work done aside (a thread
 * reading a file ahead) whose messages must come out where the work would
 * have been done in order.  Returns NULL when out of memory.
 */
struct diag	*diag_new_log(void);
/* Report every message recorded in log to d, in order, as if made there. */
void		 diag_replay(struct diag *d, const struct diag *log);
/* Free the sink. NULL is a no-op. */
void		 diag_free(struct diag *);
/*
 * Report an error.  file may be NULL; line and col are 1-based, 0 = unknown.
 */
void		 diag_error(struct diag *, const char *file, long line,
		    long col, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));
/* Same, as a warning: printed with "warning: " and not counted as an error. */
void		 diag_warn(struct diag *, const char *file, long line,
		    long col, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));
/* Count n errors that were reported elsewhere (a worker process). */
void		 diag_add(struct diag *, int n);
/* Number of errors reported so far (including those not printed). */
int		 diag_errors(const struct diag *);
/* Print the "N more errors" summaries of capped files. */
void		 diag_finish(struct diag *);
/* Everything printed so far, NUL-terminated; owned by the sink. */
const char	*diag_text(const struct diag *);

#endif /* GRIDSTAR_DIAG_H */
