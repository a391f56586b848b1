/*
 * writer — the "minimal writer" baseline of the benchmark (issue 6).
 *
 *   writer [-c] [-x PATH]... SRC DEST
 *
 * Scans the tree SRC (for example the out/ gridstar wrote), then writes the
 * same regular files (same relative paths, same sizes, same folders) under
 * DEST as fast as plain C can: mkdir, then open / write / close per file,
 * one thread, no fsync.  With -c the files' bytes are read into memory
 * first and written back verbatim; without it each file gets filler bytes
 * of the same size (the file system does not care which).  -x PATH leaves
 * out the file or folder PATH (relative to SRC; repeatable), e.g. -x boards.
 *
 * Only the writing is timed (the scan and the reading are set-up): it
 * prints one line
 *
 *   files N dirs N bytes N wall S cpu S
 *
 * with the wall-clock and CPU (user + system) seconds of the writing.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct file {
	char	*rel;
	size_t	 size;
	char	*data;	/* with -c */
};

static struct file	*files;
static size_t		 nfiles, capfiles;
static char		**dirs;
static size_t		 ndirs, capdirs;
static const char	*excl[64];
static int		 nexcl;
static int		 read_bytes;
static unsigned long long total_bytes;

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "writer: %s%s%s\n", path ? path : "", path ? ": " : "",
	    what);
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory", NULL);
	return p;
}

static char *
join(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b);
	char	*p = xmalloc(la + lb + 2);

	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

static int
excluded(const char *rel)
{
	int i;

	for (i = 0; i < nexcl; i++)
		if (strcmp(rel, excl[i]) == 0)
			return 1;
	return 0;
}

static void
read_file(const char *path, struct file *f)
{
	int	fd;
	size_t	off = 0;
	ssize_t	r;

	if ((fd = open(path, O_RDONLY)) == -1)
		die(strerror(errno), path);
	f->data = xmalloc(f->size);
	while (off < f->size) {
		r = read(fd, f->data + off, f->size - off);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			die(r == 0 ? "file shrank" : strerror(errno), path);
		off += (size_t)r;
	}
	close(fd);
}

/* Walk src/rel (rel "" = the root), pre-order: folders before contents. */
static void
scan(const char *src, const char *rel)
{
	char		*dpath = *rel ? join(src, rel) : strdup(src);
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;

	if ((d = opendir(dpath)) == NULL)
		die(strerror(errno), dpath);
	while ((e = readdir(d)) != NULL) {
		char *r, *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		r = *rel ? join(rel, e->d_name) : strdup(e->d_name);
		if (excluded(r)) {
			free(r);
			continue;
		}
		p = join(src, r);
		if (lstat(p, &st) != 0)
			die(strerror(errno), p);
		if (S_ISDIR(st.st_mode)) {
			if (ndirs == capdirs) {
				capdirs = capdirs ? capdirs * 2 : 1024;
				dirs = realloc(dirs, capdirs * sizeof *dirs);
				if (dirs == NULL)
					die("out of memory", NULL);
			}
			dirs[ndirs++] = strdup(r);
			scan(src, r);
		} else if (S_ISREG(st.st_mode)) {
			if (nfiles == capfiles) {
				capfiles = capfiles ? capfiles * 2 : 4096;
				files = realloc(files, capfiles * sizeof *files);
				if (files == NULL)
					die("out of memory", NULL);
			}
			files[nfiles].rel = r;
			files[nfiles].size = (size_t)st.st_size;
			files[nfiles].data = NULL;
			if (read_bytes)
				read_file(p, &files[nfiles]);
			total_bytes += (unsigned long long)st.st_size;
			nfiles++;
			r = NULL;
		}
		free(r);
		free(p);
	}
	closedir(d);
	free(dpath);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

int
main(int argc, char **argv)
{
	const char	*src, *dst;
	char		*filler = NULL, *path;
	size_t		 maxsize = 0, i;
	double		 w0, c0, w1, c1;
	int		 ch, fd;

	while ((ch = getopt(argc, argv, "cx:")) != -1) {
		switch (ch) {
		case 'c':
			read_bytes = 1;
			break;
		case 'x':
			if (nexcl == (int)(sizeof excl / sizeof excl[0]))
				die("too many -x", NULL);
			excl[nexcl++] = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	src = argv[optind];
	dst = argv[optind + 1];

	scan(src, "");
	for (i = 0; i < nfiles; i++)
		if (files[i].size > maxsize)
			maxsize = files[i].size;
	if (!read_bytes) {
		filler = xmalloc(maxsize);
		for (i = 0; i < maxsize; i++)
			filler[i] = (char)"gridstar bench filler\n"[i % 22];
	}
	/* Full paths prepared beforehand: the timed part is system calls. */
	for (i = 0; i < nfiles; i++) {
		char *full = join(dst, files[i].rel);

		free(files[i].rel);
		files[i].rel = full;
	}
	for (i = 0; i < ndirs; i++) {
		char *full = join(dst, dirs[i]);

		free(dirs[i]);
		dirs[i] = full;
	}

	w0 = now();
	c0 = cpu();
	if (mkdir(dst, 0755) != 0 && errno != EEXIST)
		die(strerror(errno), dst);
	for (i = 0; i < ndirs; i++)
		if (mkdir(dirs[i], 0755) != 0 && errno != EEXIST)
			die(strerror(errno), dirs[i]);
	for (i = 0; i < nfiles; i++) {
		const char	*p = read_bytes ? files[i].data : filler;
		size_t		 left = files[i].size;
		ssize_t		 w;

		path = files[i].rel;
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
			die(strerror(errno), path);
		while (left > 0) {
			w = write(fd, p, left);
			if (w == -1 && errno == EINTR)
				continue;
			if (w <= 0)
				die(strerror(errno), path);
			p += w;
			left -= (size_t)w;
		}
		if (close(fd) != 0)
			die(strerror(errno), path);
	}
	w1 = now();
	c1 = cpu();
	printf("files %zu dirs %zu bytes %llu wall %.3f cpu %.3f\n", nfiles,
	    ndirs, total_bytes, w1 - w0, c1 - c0);
	return 0;
usage:
	fprintf(stderr, "usage: writer [-c] [-x PATH]... SRC DEST\n");
	return 2;
}
