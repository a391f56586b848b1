/*
 * String store: see strs.h.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "strs.h"

/* Bytes of a block; a longer string gets a block of its own. */
#define BLOCK		(64 * 1024)
/* First size of the intern table (a power of two); it doubles at half. */
#define TABLE_START	1024

struct block {
	struct block	*next;
	size_t		 used, size;
	char		 data[];
};

struct strs {
	struct block	*blocks;	/* newest first */
	char		**tab;		/* interned strings, open addressing */
	size_t		 ntab;		/* slots, a power of two */
	size_t		 n;		/* strings in tab */
};

struct strs *
strs_new(void)
{
	return calloc(1, sizeof(struct strs));
}

void
strs_free(struct strs *s)
{
	struct block *b, *next;

	if (s == NULL)
		return;
	for (b = s->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(s->tab);
	free(s);
}

/* Room for n bytes in the newest block (or a new one), or NULL. */
static char *
room(struct strs *s, size_t n)
{
	struct block	*b = s->blocks;
	size_t		 size;

	if (b == NULL || b->size - b->used < n) {
		size = n > BLOCK / 4 ? n : BLOCK;
		if ((b = malloc(sizeof(*b) + size)) == NULL)
			return NULL;
		b->used = 0;
		b->size = size;
		/* A string with a block of its own leaves the newest open. */
		if (size == n && s->blocks != NULL) {
			b->next = s->blocks->next;
			s->blocks->next = b;
		} else {
			b->next = s->blocks;
			s->blocks = b;
		}
	}
	b->used += n;
	return b->data + b->used - n;
}

char *
strs_dup(struct strs *s, const char *str)
{
	size_t	 n = strlen(str) + 1;
	char	*p;

	if ((p = room(s, n)) != NULL)
		memcpy(p, str, n);
	return p;
}

/* Double the table (or make the first).  0 or -1. */
static int
grow(struct strs *s)
{
	size_t	 n = s->ntab != 0 ? s->ntab * 2 : TABLE_START, i, j;
	char	**tab;

	if ((tab = calloc(n, sizeof(*tab))) == NULL)
		return -1;
	for (i = 0; i < s->ntab; i++) {
		if (s->tab[i] == NULL)
			continue;
		for (j = hash_str(s->tab[i]) & (n - 1); tab[j] != NULL;
		    j = (j + 1) & (n - 1))
			;
		tab[j] = s->tab[i];
	}
	free(s->tab);
	s->tab = tab;
	s->ntab = n;
	return 0;
}

char *
strs_intern(struct strs *s, const char *str)
{
	size_t	 j;

	if (s->n + 1 > s->ntab / 2 && grow(s) == -1)
		return NULL;
	for (j = hash_str(str) & (s->ntab - 1); s->tab[j] != NULL;
	    j = (j + 1) & (s->ntab - 1))
		if (strcmp(s->tab[j], str) == 0)
			return s->tab[j];
	if ((s->tab[j] = strs_dup(s, str)) == NULL)
		return NULL;
	s->n++;
	return s->tab[j];
}
