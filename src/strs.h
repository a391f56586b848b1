/*
 * A store of strings freed all at once: copies packed in large blocks
 * (no allocation per string), and interned copies (one per distinct
 * string).  The input keeps its millions of cells here: a province's
 * road names, issue ids and categories.
 */
#ifndef GRIDSTAR_STRS_H
#define GRIDSTAR_STRS_H

struct strs;

/* A new, empty store, or NULL when out of memory. */
struct strs	*strs_new(void);
/* Free the store and every string in it.  NULL is a no-op. */
void		 strs_free(struct strs *);
/* A copy of s kept in the store, or NULL when out of memory. */
char		*strs_dup(struct strs *, const char *s);
/*
 * The store's one copy of s: the same pointer for equal strings.  NULL
 * when out of memory.
 */
char		*strs_intern(struct strs *, const char *s);

#endif /* GRIDSTAR_STRS_H */
