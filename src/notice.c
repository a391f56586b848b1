/*
 * Notices: see notice.h.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "notice.h"

/* The UTF-8 byte-order mark, skipped at the start of a file. */
#define BOM		"\xEF\xBB\xBF"
/* The full-width colon that Chinese input methods type. */
#define COLON_ZH	"\xEF\xBC\x9A"
/* Longest slug: it becomes a folder name. */
#define SLUG_MAX	64

/* Header keys, English and Chinese. */
enum key {
	KEY_TITLE = 0,
	KEY_DATE,
	KEY__MAX
};

static const char *const key_en[KEY__MAX] = { "title", "date" };
static const char *const key_zh[KEY__MAX] = { "标题", "日期" };

void
notice_free(struct notice *n)
{
	if (n == NULL)
		return;
	free(n->path);
	free(n->slug);
	free(n->title);
	free(n->body);
	free(n);
}

/*
 * Length of the valid UTF-8 prefix of s[0..len) (no overlongs, no
 * surrogates, nothing past U+10FFFF).
 */
static size_t
utf8_valid(const unsigned char *s, size_t len)
{
	size_t	 i = 0, n, k;
	unsigned c;

	while (i < len) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return i;
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		if ((c == 0xE0 && s[i + 1] < 0xA0) ||
		    (c == 0xED && s[i + 1] > 0x9F) ||
		    (c == 0xF0 && s[i + 1] < 0x90) ||
		    (c == 0xF4 && s[i + 1] > 0x8F))
			return i;
		i += n + 1;
	}
	return i;
}

/* Line number (1-based) of offset off in text. */
static long
line_at(const char *text, size_t off)
{
	long	 line = 1;
	size_t	 i;

	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* Trim blanks from both ends of s[0..*n); returns the new start. */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t' ||
	    s[*n - 1] == '\r'))
		(*n)--;
	return s;
}

/* The enum key named by s[0..n), case-insensitively, or -1. */
static int
key_find(const char *s, size_t n)
{
	size_t	 i, k;
	int	 j;

	for (j = 0; j < KEY__MAX; j++) {
		if (strlen(key_zh[j]) == n && memcmp(key_zh[j], s, n) == 0)
			return j;
		if (strlen(key_en[j]) != n)
			continue;
		for (k = 0; k < n; k++) {
			i = (unsigned char)s[k];
			if (i >= 'A' && i <= 'Z')
				i += 'a' - 'A';
			if ((int)i != key_en[j][k])
				break;
		}
		if (k == n)
			return j;
	}
	return -1;
}

/* The slug of path: its base name without ".md"; NULL when invalid. */
static char *
slug_of(const char *path)
{
	const char	*b = strrchr(path, '/');
	size_t		 n, i;
	char		*s;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n > 3 && strcmp(b + n - 3, ".md") == 0)
		n -= 3;
	if (n == 0 || n > SLUG_MAX)
		return NULL;
	for (i = 0; i < n; i++)
		if (!((b[i] >= '0' && b[i] <= '9') ||
		    (b[i] >= 'a' && b[i] <= 'z') ||
		    (b[i] >= 'A' && b[i] <= 'Z') || b[i] == '-' ||
		    b[i] == '_'))
			return NULL;
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(s, b, n);
	s[n] = '\0';
	return s;
}

struct notice *
notice_parse(const char *path, const char *text, size_t len, struct diag *d)
{
	struct notice	*n;
	const char	*p, *end, *nl, *colon, *k, *v;
	char		*val = NULL;
	size_t		 off, kl, vl, good, cl;
	long		 line = 0, seen[KEY__MAX] = { 0, 0 };
	int		 key, bad = 0;

	if ((n = calloc(1, sizeof(*n))) == NULL ||
	    (n->path = strdup(path)) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(ENOMEM));
		notice_free(n);
		return NULL;
	}
	if ((n->slug = slug_of(path)) == NULL) {
		diag_error(d, path, 0, 0, "file name must be 1 to %d letters, "
		    "digits, '-' or '_' before \".md\" (it becomes the "
		    "notice's web address)", SLUG_MAX);
		bad = 1;
	}
	if (memchr(text, '\0', len) != NULL) {
		good = (size_t)((const char *)memchr(text, '\0', len) - text);
		diag_error(d, path, line_at(text, good), 0, "the file holds a NUL "
		    "byte (save it as UTF-8 text)");
		notice_free(n);
		return NULL;
	}
	if ((good = utf8_valid((const unsigned char *)text, len)) < len) {
		diag_error(d, path, line_at(text, good), 0, "not valid UTF-8 "
		    "(save the file as UTF-8)");
		notice_free(n);
		return NULL;
	}
	off = len >= 3 && memcmp(text, BOM, 3) == 0 ? 3 : 0;
	end = text + len;
	/* The header: "key: value" lines up to a blank line or the end. */
	for (p = text + off; p < end; p = nl != NULL ? nl + 1 : end) {
		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		vl = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		v = trim(p, &vl);
		if (vl == 0) {
			p = nl != NULL ? nl + 1 : end;
			break;
		}
		colon = memchr(v, ':', vl);
		cl = 1;
		k = v;
		{
			const char *z = NULL;
			size_t i;

			for (i = 0; i + 3 <= vl; i++)
				if (memcmp(v + i, COLON_ZH, 3) == 0) {
					z = v + i;
					break;
				}
			if (z != NULL && (colon == NULL || z < colon)) {
				colon = z;
				cl = 3;
			}
		}
		if (colon == NULL) {
			diag_error(d, path, line, 0, "expected a header line "
			    "\"title: ...\" or \"date: YYYY-MM-DD\"%s",
			    line == 1 ? "; a notice starts with these two "
			    "lines, then a blank line, then the text" : "");
			bad = 1;
			break;
		}
		kl = (size_t)(colon - v);
		k = trim(v, &kl);
		vl = (size_t)(v + vl - (colon + cl));
		v = trim(colon + cl, &vl);
		if ((key = key_find(k, kl)) == -1) {
			diag_error(d, path, line, 0, "unknown header \"%.*s\" "
			    "(use title and date)", (int)kl, k);
			bad = 1;
			continue;
		}
		if (seen[key]) {
			diag_error(d, path, line, 0, "\"%s\" given twice (first "
			    "on line %ld)", key_en[key], seen[key]);
			bad = 1;
			continue;
		}
		seen[key] = line;
		if (vl == 0) {
			diag_error(d, path, line, 0, "empty %s", key_en[key]);
			bad = 1;
			continue;
		}
		if ((val = strndup(v, vl)) == NULL) {
			diag_error(d, path, line, 0, "%s", strerror(ENOMEM));
			bad = 1;
			break;
		}
		if (key == KEY_TITLE) {
			n->title = val;
		} else {
			if (date_parse(val, &n->date) != 0) {
				diag_error(d, path, line, 0, "bad date \"%s\" "
				    "(use YYYY-MM-DD)", val);
				bad = 1;
			}
			free(val);
		}
		val = NULL;
	}
	if (!bad && !seen[KEY_TITLE]) {
		diag_error(d, path, 1, 0, "missing \"title: ...\" header line");
		bad = 1;
	}
	if (!bad && !seen[KEY_DATE]) {
		diag_error(d, path, 1, 0, "missing \"date: YYYY-MM-DD\" header "
		    "line");
		bad = 1;
	}
	if (bad) {
		notice_free(n);
		return NULL;
	}
	if (p > end)
		p = end;
	n->bodylen = (size_t)(end - p);
	if ((n->body = malloc(n->bodylen + 1)) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(ENOMEM));
		notice_free(n);
		return NULL;
	}
	memcpy(n->body, p, n->bodylen);
	n->body[n->bodylen] = '\0';
	return n;
}

struct notice *
notice_read(const char *path, struct diag *d)
{
	struct notice	*n = NULL;
	FILE		*f;
	char		*text;
	size_t		 len;

	if ((f = fopen(path, "rb")) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	if ((text = malloc(NOTICE_MAX + 1)) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(ENOMEM));
		fclose(f);
		return NULL;
	}
	len = fread(text, 1, NOTICE_MAX + 1, f);
	if (ferror(f))
		diag_error(d, path, 0, 0, "%s", strerror(errno));
	else if (len > NOTICE_MAX)
		diag_error(d, path, 0, 0, "longer than %d bytes", NOTICE_MAX);
	else
		n = notice_parse(path, text, len, d);
	fclose(f);
	free(text);
	return n;
}
