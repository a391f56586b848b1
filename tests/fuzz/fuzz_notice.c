/*
 * libFuzzer harness for notice headers (src/notice.c: notice_parse).
 *
 * Input: one option byte, then the bytes of a notice file.
 *	option % NPATH	the file name the notice is parsed as (good ones,
 *			and names that make a bad slug)
 *
 * Checked besides memory safety and leaks (FUZZ_CHECK): NULL only after
 * an error was reported; a notice returned has a valid slug, a trimmed
 * non-empty UTF-8 title, a real date, and a body that is the tail of the
 * input.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "date.h"
#include "diag.h"
#include "notice.h"

#include "fuzz.h"

static const char *const paths[] = {
	"input/notices/2026-10-star-rating.md",
	"objection-procedure.md",
	"x.md",
	"noext",
	"input/notices/.md",
	"input/notices/bad name.md",
	"input/notices/../../etc.md",
	"input/notices/"
	    "a234567890123456789012345678901234567890123456789012345678901234"
	    ".md",		/* 64 characters: the longest slug */
	"input/notices/"
	    "a2345678901234567890123456789012345678901234567890123456789012345"
	    ".md",		/* 65: one too many */
	"input/notices/公示.md",
};
#define NPATH (sizeof(paths) / sizeof(paths[0]))

static void
check_notice(const struct notice *n, const char *path, const uint8_t *data,
    size_t size)
{
	char	 out[16];
	size_t	 tl;
	int	 day;

	FUZZ_CHECK(strcmp(n->path, path) == 0);
	FUZZ_CHECK(n->slug != NULL && n->slug[0] != '\0' &&
	    strlen(n->slug) <= 64);
	FUZZ_CHECK(strspn(n->slug, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == strlen(n->slug));
	FUZZ_CHECK(n->title != NULL);
	tl = strlen(n->title);
	FUZZ_CHECK(tl > 0 && csvin_utf8_valid(n->title, tl));
	FUZZ_CHECK(n->title[0] != ' ' && n->title[0] != '\t' &&
	    n->title[tl - 1] != ' ' && n->title[tl - 1] != '\t' &&
	    n->title[tl - 1] != '\r');
	date_fmt(out, n->date);
	FUZZ_CHECK(date_parse(out, &day) == 0 && day == n->date);
	FUZZ_CHECK(n->body != NULL && n->body[n->bodylen] == '\0');
	FUZZ_CHECK(n->bodylen <= size);
	FUZZ_CHECK(memcmp(n->body, data + size - n->bodylen, n->bodylen) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	*d;
	struct notice	*n;
	const char	*path;
	char		*copy;

	if (size < 1)
		return 0;
	path = paths[data[0] % NPATH];
	data++;
	size--;
	/* An exact-size copy, so that ASan sees any read past the end. */
	if ((copy = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	if ((d = diag_new(NULL)) == NULL) {
		free(copy);
		return 0;
	}
	n = notice_parse(path, copy, size, d);
	if (n == NULL)
		FUZZ_CHECK(diag_errors(d) > 0);
	else
		check_notice(n, path, data, size);
	diag_finish(d);
	notice_free(n);
	diag_free(d);
	free(copy);
	return 0;
}
