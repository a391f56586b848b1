/*
 * Writing the output tree: see fsout.h.
 */
/* renameat2(RENAME_EXCHANGE) swaps two trees in one step (Linux). */
#define _GNU_SOURCE 1
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fsout.h"

/* Folders are created rwxr-xr-x and files rw-r--r-- (before umask). */
#define DIR_MODE 0755
#define FILE_MODE 0644
/* Open descriptors nftw may use. */
#define FTW_FDS 16

/*
 * Create every folder of path up to (not including) its last part, but
 * none of its first skip bytes: a file under a staging folder never
 * brings back the staging folder itself (a worker of a killed build that
 * outlives it for a moment must not leave one behind; fsout_write passes
 * the staging folder's length, 0 for any other root).  The folder made
 * last is remembered (per process): files come in runs of the same
 * folder, and a folder whose parent exists takes one mkdir.
 */
static int
mkparents(char *path, size_t skip)
{
	static char	 last[PATH_MAX];
	char		*p, *slash;
	struct stat	 st;
	size_t		 n;

	if ((slash = strrchr(path, '/')) == NULL || slash == path)
		return 0;
	n = (size_t)(slash - path);
	if (n < skip)		/* the file is right in the root */
		return 0;
	if (n < sizeof(last) && strncmp(last, path, n) == 0 &&
	    last[n] == '\0')
		return 0;
	*slash = '\0';
	if (mkdir(path, DIR_MODE) == 0 || errno == EEXIST)
		goto made;
	*slash = '/';
	for (p = path + (skip > 0 ? skip : 1); *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (stat(path, &st) != 0 && mkdir(path, DIR_MODE) != 0 &&
		    errno != EEXIST) {
			*p = '/';
			last[0] = '\0';
			return -1;
		}
		*p = '/';
	}
	*slash = '\0';
made:
	if (n < sizeof(last))
		memcpy(last, path, n + 1);
	*slash = '/';
	return 0;
}

/* Length of the ".new-XXXXXX" suffix of a staging folder. */
#define STAGE_SUFFIX 11

/* Whether root is named as a staging folder ("out.new-XXXXXX"). */
static int
staging(const char *root)
{
	size_t	 n = strlen(root);

	return n > STAGE_SUFFIX &&
	    strncmp(root + n - STAGE_SUFFIX, ".new-", 5) == 0 &&
	    strchr(root + n - STAGE_SUFFIX + 5, '/') == NULL;
}

/*
 * The tree a staging folder will replace: root without its ".new-XXXXXX"
 * suffix, when that exists as a folder.  Returns a malloc'd path or NULL.
 */
static char *
find_old(const char *root)
{
	size_t		 n = strlen(root);
	struct stat	 st;
	char		*old;

	if (!staging(root))
		return NULL;
	if ((old = strndup(root, n - STAGE_SUFFIX)) == NULL)
		return NULL;
	if (stat(old, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(old);
		return NULL;
	}
	return old;
}

/*
 * find_old(root), asked once per root and process: every file of a
 * publication has the same root.
 */
static char *
old_of(const char *root)
{
	static char	*seen_root, *seen_old;
	char		*old;

	if (seen_root != NULL && strcmp(root, seen_root) == 0)
		return seen_old != NULL ? strdup(seen_old) : NULL;
	old = find_old(root);
	free(seen_root);
	free(seen_old);
	seen_root = strdup(root);
	seen_old = old != NULL ? strdup(old) : NULL;
	if (seen_root == NULL || (old != NULL && seen_old == NULL)) {
		free(seen_root);
		free(seen_old);
		seen_root = seen_old = NULL;
	}
	return old;
}

/* Whether the regular file at path holds exactly data[0..len-1]. */
static int
same_bytes(const char *path, const void *data, size_t len)
{
	struct stat	 st;
	char		 chunk[65536];
	const char	*p = data;
	ssize_t		 r;
	size_t		 off = 0;
	int		 fd, same = 1;

	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		return 0;
	if ((fd = open(path, O_RDONLY)) == -1)
		return 0;
	while (same && (r = read(fd, chunk, sizeof(chunk))) > 0) {
		if (off + (size_t)r > len || memcmp(chunk, p + off,
		    (size_t)r) != 0)
			same = 0;
		off += (size_t)r;
	}
	close(fd);
	return same && off == len;
}

int
fsout_write(const char *root, const char *rel, const void *data, size_t len,
    struct diag *d)
{
	struct buf	 b;
	char		*path, *old;
	int		 fd, rc = -1;
	const char	*p = data;
	ssize_t		 w;

	/* No printf: every file of a publication comes through here. */
	buf_init(&b);
	buf_puts(&b, root);
	buf_putc(&b, '/');
	buf_puts(&b, rel);
	if ((path = buf_detach(&b)) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	if (mkparents(path, staging(root) ? strlen(root) + 1 : 0) == -1) {
		diag_error(d, path, 0, 0, "cannot create folder: %s",
		    strerror(errno));
		goto out;
	}
	if ((old = old_of(root)) != NULL) {
		/* Never write through a link into the previous tree. */
		if (unlink(path) == -1 && errno != ENOENT) {
			diag_error(d, path, 0, 0, "%s", strerror(errno));
			free(old);
			goto out;
		}
		buf_puts(&b, old);
		buf_putc(&b, '/');
		buf_puts(&b, rel);
		free(old);
		if (b.data != NULL && same_bytes(b.data, data, len) &&
		    link(b.data, path) == 0) {
			buf_release(&b);
			rc = 0;
			goto out;
		}
		buf_release(&b);
	}
	/* A file written twice: the second replaces the first. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, FILE_MODE)) == -1 &&
	    errno == EEXIST && unlink(path) == 0)
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, FILE_MODE);
	if (fd == -1) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		goto out;
	}
	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			diag_error(d, path, 0, 0, "%s", strerror(errno));
			close(fd);
			goto out;
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) == -1) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(path);
	return rc;
}

/*
 * Link every file of the tree from into to (folders are made).
 * Returns 0, or -1 with *bad holding a malloc'd path that failed.
 */
static int
link_tree(const char *from, const char *to, char **bad)
{
	DIR		*dp;
	struct dirent	*e;
	struct stat	 st;
	struct buf	 src, dst;
	int		 rc = 0;

	if (lstat(from, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode)) {
		if (S_ISREG(st.st_mode) && link(from, to) == -1) {
			*bad = strdup(to);
			return -1;
		}
		return 0;
	}
	if (mkdir(to, DIR_MODE) == -1 && errno != EEXIST) {
		*bad = strdup(to);
		return -1;
	}
	if ((dp = opendir(from)) == NULL)
		return 0;
	buf_init(&src);
	buf_init(&dst);
	while (rc == 0 && (e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_reset(&src);
		buf_reset(&dst);
		buf_printf(&src, "%s/%s", from, e->d_name);
		buf_printf(&dst, "%s/%s", to, e->d_name);
		if (src.data == NULL || dst.data == NULL) {
			errno = ENOMEM;
			*bad = NULL;
			rc = -1;
		} else
			rc = link_tree(src.data, dst.data, bad);
	}
	closedir(dp);
	buf_release(&src);
	buf_release(&dst);
	return rc;
}

int
fsout_keep(const char *stage, const char *const *names, int except,
    struct diag *d)
{
	struct buf	 src, dst;
	DIR		*dp;
	struct dirent	*e;
	char		*old, *bad = NULL;
	size_t		 i;
	int		 named, rc = 0;

	if ((old = old_of(stage)) == NULL)
		return 0;
	if ((dp = opendir(old)) == NULL) {
		free(old);
		return 0;
	}
	buf_init(&src);
	buf_init(&dst);
	while (rc == 0 && (e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		for (named = 0, i = 0; names[i] != NULL; i++)
			if (strcmp(names[i], e->d_name) == 0)
				named = 1;
		if (named == except)
			continue;
		buf_reset(&src);
		buf_reset(&dst);
		buf_printf(&src, "%s/%s", old, e->d_name);
		buf_printf(&dst, "%s/%s", stage, e->d_name);
		if (src.data == NULL || dst.data == NULL ||
		    link_tree(src.data, dst.data, &bad) == -1) {
			diag_error(d, bad != NULL ? bad : stage, 0, 0,
			    "cannot keep the previous output: %s",
			    strerror(errno));
			rc = -1;
		}
	}
	closedir(dp);
	free(bad);
	buf_release(&src);
	buf_release(&dst);
	free(old);
	return rc;
}

/*
 * Remove staging folders that a killed run left beside out
 * ("out.new-XXXXXX", possibly with an ".old-PID" suffix).
 */
static void
remove_stale(const char *out, size_t n)
{
	struct buf	 b;
	DIR		*dp;
	struct dirent	*e;
	const char	*base, *slash;
	char		*dir, *prefix;
	size_t		 plen;

	buf_init(&b);
	slash = memrchr(out, '/', n);
	if (slash != NULL)
		buf_put(&b, out, slash == out ? 1 : (size_t)(slash - out));
	else
		buf_puts(&b, ".");
	if ((dir = buf_detach(&b)) == NULL)
		return;
	base = slash != NULL ? slash + 1 : out;
	buf_put(&b, base, n - (size_t)(base - out));
	buf_puts(&b, ".new-");
	if ((prefix = buf_detach(&b)) == NULL) {
		free(dir);
		return;
	}
	plen = strlen(prefix);
	if ((dp = opendir(dir)) != NULL) {
		while ((e = readdir(dp)) != NULL) {
			if (strncmp(e->d_name, prefix, plen) != 0)
				continue;
			buf_reset(&b);
			buf_printf(&b, "%s/%s", dir, e->d_name);
			if (b.data != NULL)
				fsout_remove(b.data);
		}
		closedir(dp);
	}
	buf_release(&b);
	free(prefix);
	free(dir);
}

void
fsout_tidy(const char *out)
{
	size_t	 n = strlen(out);

	while (n > 1 && out[n - 1] == '/')
		n--;
	remove_stale(out, n);
}

char *
fsout_stage(const char *out, struct diag *d)
{
	struct buf	 b;
	char		*path;
	size_t		 n = strlen(out);

	while (n > 1 && out[n - 1] == '/')
		n--;
	remove_stale(out, n);
	buf_init(&b);
	buf_put(&b, out, n);
	buf_puts(&b, ".new-XXXXXX");
	if ((path = buf_detach(&b)) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (mkparents(path, 0) == -1 || mkdtemp(path) == NULL) {
		diag_error(d, out, 0, 0, "cannot create a folder beside the "
		    "output folder: %s", strerror(errno));
		free(path);
		return NULL;
	}
	chmod(path, DIR_MODE);
	return path;
}

/* nftw callback: remove one entry. */
static int
rm_entry(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)st;
	(void)f;
	if (type == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

void
fsout_remove(const char *path)
{
	nftw(path, rm_entry, FTW_FDS, FTW_DEPTH | FTW_PHYS);
}

int
fsout_commit(const char *stage, const char *out, struct diag *d)
{
	struct buf	 b;
	char		*old;
	struct stat	 st;
	int		 had;

	had = lstat(out, &st) == 0;
	if (!had) {
		if (rename(stage, out) == -1) {
			diag_error(d, out, 0, 0, "cannot publish: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	/* One atomic step: the new tree takes out's name, the old the stage's. */
	if (renameat2(AT_FDCWD, stage, AT_FDCWD, out, RENAME_EXCHANGE) == 0) {
		fsout_remove(stage);
		return 0;
	}
	buf_init(&b);
	buf_printf(&b, "%s.old-%ld", stage, (long)getpid());
	if ((old = buf_detach(&b)) == NULL) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	if (rename(out, old) == -1) {
		diag_error(d, out, 0, 0, "cannot move the old output aside: %s",
		    strerror(errno));
		free(old);
		return -1;
	}
	if (rename(stage, out) == -1) {
		diag_error(d, out, 0, 0, "cannot publish: %s",
		    strerror(errno));
		rename(old, out);
		free(old);
		return -1;
	}
	fsout_remove(old);
	free(old);
	return 0;
}
