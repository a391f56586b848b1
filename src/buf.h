/*
 * Growable byte buffer.  Always NUL-terminated after any append,
 * so data can be used as a C string when it holds no NUL bytes.
 */
#ifndef GRIDSTAR_BUF_H
#define GRIDSTAR_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* Bytes buf_fmtint may write: 19 digits, a sign and the NUL, rounded up. */
#define BUF_INT_MAX	24

struct buf {
	char	*data;	/* bytes, NUL-terminated; NULL while empty and unallocated */
	size_t	 len;	/* bytes used, not counting the terminator */
	size_t	 cap;	/* bytes allocated */
	int	 oom;	/* set once an allocation failed; later appends are ignored */
};

/* Initialise an empty buffer (no allocation). */
void	 buf_init(struct buf *);
/* Release the buffer's memory; the struct itself is not freed. NULL is a no-op. */
void	 buf_release(struct buf *);
/* Empty the buffer, keeping its memory. */
void	 buf_reset(struct buf *);
/* Make room for at least n more bytes. Returns 0, or -1 when out of memory. */
int	 buf_grow(struct buf *, size_t n);
/*
 * buf_grow, with the common case inline: when n more bytes (and the NUL)
 * already fit, returns 0 at once.  For hot paths that then write at
 * data + len themselves.
 */
static inline int
buf_room(struct buf *b, size_t n)
{
	if (!b->oom && b->cap > b->len && n < b->cap - b->len)
		return 0;
	return buf_grow(b, n);
}
/* Append bytes / a C string / one byte / printf-formatted text. 0 or -1. */
int	 buf_put(struct buf *, const void *, size_t);
int	 buf_puts(struct buf *, const char *);
int	 buf_putc(struct buf *, int);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list);
/*
 * Append the decimal digits of i (with a '-' when negative), as
 * printf's "%lld" would, without going through printf.  0 or -1.
 */
int	 buf_putint(struct buf *, long long i);
/*
 * Write the decimal digits of i (with a '-' when negative) into out,
 * which must hold BUF_INT_MAX bytes, NUL-terminated.  Returns the length.
 */
size_t	 buf_fmtint(char *out, long long i);
/*
 * Hand the data over: returns the NUL-terminated bytes (never NULL unless out
 * of memory) and leaves the buffer empty.  The caller frees the result.
 */
char	*buf_detach(struct buf *);

#endif /* GRIDSTAR_BUF_H */
