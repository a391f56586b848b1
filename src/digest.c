/*
 * A digest of a publication's sources: see digest.h.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "digest.h"

/* FNV-1a 64-bit prime and offset basis; the second lane's basis. */
#define FNV_PRIME 0x100000001b3ULL
#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_BASIS2 0x84222325cbf29ce4ULL

void
digest_init(struct digest *g)
{
	g->a = FNV_BASIS;
	g->b = FNV_BASIS2;
}

void
digest_bytes(struct digest *g, const void *p, size_t n)
{
	const unsigned char	*s = p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		g->a = (g->a ^ s[i]) * FNV_PRIME;
		/* The second lane also folds in the position. */
		g->b = (g->b ^ s[i] ^ (g->a >> 32)) * FNV_PRIME;
	}
}

void
digest_str(struct digest *g, const char *s)
{
	digest_bytes(g, s, strlen(s) + 1);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add one regular file's contents. */
static int
add_file(struct digest *g, const char *path)
{
	char	 chunk[65536];
	ssize_t	 r;
	int	 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	while ((r = read(fd, chunk, sizeof(chunk))) > 0)
		digest_bytes(g, chunk, (size_t)r);
	close(fd);
	return r < 0 ? -1 : 0;
}

int
digest_tree(struct digest *g, const char *path)
{
	struct stat	 st;
	DIR		*dp;
	struct dirent	*e;
	char		**names = NULL, **p;
	size_t		 n = 0, i;
	struct buf	 b;
	int		 rc = 0;

	if (stat(path, &st) != 0) {
		digest_str(g, "(missing)");
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		digest_str(g, "(file)");
		return S_ISREG(st.st_mode) ? add_file(g, path) : 0;
	}
	if ((dp = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((p = realloc(names, (n + 1) * sizeof(*p))) == NULL ||
		    (p[n] = strdup(e->d_name)) == NULL) {
			names = p != NULL ? p : names;
			rc = -1;
			break;
		}
		names = p;
		n++;
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_name);
	buf_init(&b);
	for (i = 0; rc == 0 && i < n; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s/%s", path, names[i]);
		digest_str(g, names[i]);
		rc = b.data != NULL ? digest_tree(g, b.data) : -1;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_release(&b);
	return rc;
}

void
digest_hex(const struct digest *g, char *out)
{
	snprintf(out, DIGEST_HEX, "%016llx%016llx", (unsigned long long)g->a,
	    (unsigned long long)g->b);
}
