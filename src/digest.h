/*
 * A digest of everything a publication is made from (inputs, theme, font,
 * the program itself), so that a run with nothing changed can leave the
 * output alone (issue 6).  Not cryptographic: it detects changes, it does
 * not resist forgery.
 */
#ifndef GRIDSTAR_DIGEST_H
#define GRIDSTAR_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* Hex characters of a digest, plus the terminator. */
#define DIGEST_HEX 33

/* A running digest: two 64-bit FNV-1a lanes with different bases. */
struct digest {
	uint64_t	a;	/* FNV-1a over the bytes */
	uint64_t	b;	/* FNV-1a over the bytes, other basis, mixed */
};

/* Start a digest. */
void	 digest_init(struct digest *);
/* Add bytes / a C string (with its terminator, so "a"+"b" != "ab"). */
void	 digest_bytes(struct digest *, const void *, size_t);
void	 digest_str(struct digest *, const char *);
/*
 * Add every regular file under path (or path itself when it is a file),
 * names and contents, in byte order of name.  A missing path adds a
 * marker.  Returns 0, or -1 when a file could not be read.
 */
int	 digest_tree(struct digest *, const char *path);
/* Write the digest as 32 hex digits into out[DIGEST_HEX]. */
void	 digest_hex(const struct digest *, char *out);

#endif /* GRIDSTAR_DIGEST_H */
