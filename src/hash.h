/*
 * FNV-1a over a NUL-terminated string: the hash of the string store
 * (strs.c) and of the grid index (input.c).  Hash tables here are small
 * and their keys are the office's own ids and names, so a simple,
 * well-spread hash is enough.
 */
#ifndef GRIDSTAR_HASH_H
#define GRIDSTAR_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline size_t
hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

#endif /* GRIDSTAR_HASH_H */
