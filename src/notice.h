/*
 * Notices (issue 3): the Markdown files of input/notices/.  Each starts
 * with a small header of "key: value" lines, then a blank line, then the
 * Markdown body:
 *
 *	title: 2026年10月网格星级评定结果公示
 *	date: 2026-11-02
 *
 *	## 公示说明
 *	...
 *
 * title and date are required, each once; date takes any spelling of
 * RULES.md §2 (2026-11-02, 2026/11/2, 2026年11月2日).  The file name
 * without ".md" is the notice's address (/notices/<slug>/), so it may
 * hold only letters, digits, '-' and '_'.
 */
#ifndef GRIDSTAR_NOTICE_H
#define GRIDSTAR_NOTICE_H

#include <stddef.h>

struct diag;

/* Longest notice file accepted, in bytes. */
#define NOTICE_MAX	(1024 * 1024)

struct notice {
	char	*path;		/* the file, as given */
	char	*slug;		/* file name without ".md" */
	char	*title;		/* header title, trimmed */
	int	 date;		/* header date, a day number */
	char	*body;		/* the Markdown after the header */
	size_t	 bodylen;	/* bytes in body */
};

/*
 * Read and check the notice at path (a file name ending in ".md").  Every
 * problem is reported to d as "PATH:LINE: message".  Returns a new
 * notice (free with notice_free), or NULL when it has problems or memory
 * ran out.
 */
struct notice	*notice_read(const char *path, struct diag *d);
/*
 * The same from text in memory (tests): path names the file in messages
 * and gives the slug.
 */
struct notice	*notice_parse(const char *path, const char *text, size_t len,
		    struct diag *d);
/* Free a notice. NULL is a no-op. */
void		 notice_free(struct notice *);

#endif /* GRIDSTAR_NOTICE_H */
