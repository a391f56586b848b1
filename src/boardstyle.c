/*
 * Board style from theme.ini: see boardstyle.h.
 *
 * The file is INI as site.ini is (sections, "key = value", whole-line
 * comments starting with ';' or '#'), read here by a small parser of our
 * own: libinih's header belongs to settings.c (STYLE.md §2), and colour
 * values start with '#'.  Unlike site.ini every key is required, so that
 * a theme states its whole look and a typo cannot pass unnoticed.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardstyle.h"
#include "buf.h"
#include "diag.h"

/* Kinds of values. */
enum kind {
	K_COLOUR,	/* #RRGGBB */
	K_NUM,		/* a decimal number within [lo, hi] */
	K_INT,		/* a whole number within [lo, hi] */
	K_STR		/* any text */
};

/* One key of the file. */
struct key {
	const char	*sec;		/* section */
	const char	*name;		/* key */
	int		 kind;		/* enum kind */
	size_t		 off;		/* offset in struct boardstyle */
	double		 lo, hi;	/* range of K_NUM and K_INT */
	int		 optional;	/* may be left out */
	const char	*why;		/* reason for lo, or NULL */
};

/* Smallest text on the A3 boards: readable from two metres (issue 4). */
#define A3_TEXT_MIN	14
/* Smallest QR codes: 2 cm on the boards, 6 cm on the cards (issue 4). */
#define BOARD_QR_MIN	20
#define CARD_QR_MIN	60
/* Largest size of any kind, in points or millimetres. */
#define SIZE_MAX_PT	300
/* Largest face index in a font collection. */
#define FACE_MAX	255

#define BS(f)		offsetof(struct boardstyle, f)
#define COLOUR(n, f)	{ "colours", n, K_COLOUR, BS(c.f), 0, 0, 0, NULL }
#define SIZE(s, n, f, lo, why) \
	{ s, n, K_NUM, BS(f), lo, SIZE_MAX_PT, 0, why }

static const char	 text_why[] = "text must be readable from two metres";
static const char	 qr_why[] = "smaller QR codes are hard to scan";

static const struct key	 keys[] = {
	{ "font", "family", K_STR, BS(family), 0, 0, 0, NULL },
	{ "font", "file", K_STR, BS(file), 0, 0, 1, NULL },
	{ "font", "index", K_INT, BS(index), 0, FACE_MAX, 1, NULL },

	COLOUR("text", text),
	COLOUR("muted", muted),
	COLOUR("title", title),
	COLOUR("band", band),
	COLOUR("band_text", band_text),
	COLOUR("rule", rule),
	COLOUR("head_fill", head_fill),
	COLOUR("head_text", head_text),
	COLOUR("stripe", stripe),
	COLOUR("star_red", star_red),
	COLOUR("star_black", star_black),
	COLOUR("star_outline", star_outline),
	COLOUR("warn_none", warn[0]),
	COLOUR("warn_blue", warn[1]),
	COLOUR("warn_yellow", warn[2]),
	COLOUR("warn_orange", warn[3]),
	COLOUR("warn_red", warn[4]),
	COLOUR("bar", bar),
	COLOUR("bar_alt", bar_alt),
	COLOUR("qr", qr),

	SIZE("board", "margin", board.margin, 0, NULL),
	SIZE("board", "title", board.title, A3_TEXT_MIN, text_why),
	SIZE("board", "subtitle", board.subtitle, A3_TEXT_MIN, text_why),
	SIZE("board", "head", board.head, A3_TEXT_MIN, text_why),
	SIZE("board", "body", board.body, A3_TEXT_MIN, text_why),
	SIZE("board", "small", board.small, A3_TEXT_MIN, text_why),
	SIZE("board", "min", board.min, A3_TEXT_MIN, text_why),
	SIZE("board", "pad", board.pad, 0, NULL),
	SIZE("board", "star", board.star, 1, NULL),
	SIZE("board", "rule", board.rule, 0, NULL),
	SIZE("board", "qr_mm", board.qr_mm, BOARD_QR_MIN, qr_why),
	SIZE("board", "qr_village_mm", board.qr_village_mm, BOARD_QR_MIN,
	    qr_why),

	SIZE("village_columns", "name", vcols.name, 1, NULL),
	SIZE("village_columns", "leader", vcols.leader, 1, NULL),
	SIZE("village_columns", "phone", vcols.phone, 1, NULL),
	SIZE("village_columns", "star", vcols.star, 1, NULL),
	SIZE("village_columns", "level", vcols.level, 1, NULL),
	SIZE("village_columns", "score", vcols.score, 1, NULL),
	SIZE("village_columns", "rank", vcols.rank, 1, NULL),
	SIZE("village_columns", "subsidy", vcols.subsidy, 1, NULL),
	SIZE("village_columns", "warning", vcols.warning, 1, NULL),

	{ "town", "side", K_NUM, BS(town.side), 0.2, 0.5, 0, NULL },
	SIZE("town", "rank", town.rank, 1, NULL),
	SIZE("town", "name", town.name, 1, NULL),
	SIZE("town", "leader", town.leader, 1, NULL),
	SIZE("town", "mean", town.mean, 1, NULL),
	SIZE("town", "level", town.level, 1, NULL),
	SIZE("town", "score", town.score, 1, NULL),
	SIZE("town", "subsidy", town.subsidy, 1, NULL),
	SIZE("town", "warning", town.warning, 1, NULL),
	SIZE("town", "flags", town.flags, 1, NULL),

	SIZE("card", "margin", card.margin, 0, NULL),
	SIZE("card", "title", card.title, 1, NULL),
	SIZE("card", "name", card.name, 1, NULL),
	SIZE("card", "body", card.body, 1, NULL),
	SIZE("card", "small", card.small, 1, NULL),
	SIZE("card", "min", card.min, 1, NULL),
	SIZE("card", "pad", card.pad, 0, NULL),
	SIZE("card", "star", card.star, 1, NULL),
	SIZE("card", "rule", card.rule, 0, NULL),
	SIZE("card", "qr_mm", card.qr_mm, CARD_QR_MIN, qr_why),

	SIZE("bulletin", "margin", bulletin.margin, 0, NULL),
	SIZE("bulletin", "title", bulletin.title, 1, NULL),
	SIZE("bulletin", "heading", bulletin.heading, 1, NULL),
	SIZE("bulletin", "body", bulletin.body, 1, NULL),
	SIZE("bulletin", "small", bulletin.small, 1, NULL),
	SIZE("bulletin", "min", bulletin.min, 1, NULL),
	SIZE("bulletin", "pad", bulletin.pad, 0, NULL),
	SIZE("bulletin", "rule", bulletin.rule, 0, NULL),
	SIZE("bulletin", "row", bulletin.row, 1, NULL),
	SIZE("bulletin", "chart", bulletin.chart, 1, NULL),
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

/* Trim spaces and tabs at both ends of s, in place; returns s. */
static char *
trim(char *s)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Value of hex digit c, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Store value v of key k into st.  Returns 0, or -1 (reported at
 * path:line).
 */
static int
store(struct boardstyle *st, const struct key *k, const char *v,
    const char *path, long line, struct diag *d)
{
	char		*base = (char *)st + k->off;
	char		*end;
	double		 x;
	uint32_t	 c = 0;
	int		 i, h;

	switch (k->kind) {
	case K_COLOUR:
		if (strlen(v) != 7 || v[0] != '#')
			goto badcolour;
		for (i = 1; i < 7; i++) {
			if ((h = hexval((unsigned char)v[i])) < 0)
				goto badcolour;
			c = c << 4 | (uint32_t)h;
		}
		*(uint32_t *)(void *)base = c;
		return 0;
	case K_STR:
		free(*(char **)(void *)base);
		*(char **)(void *)base = NULL;
		if (v[0] == '\0')
			return 0;
		if ((*(char **)(void *)base = strdup(v)) == NULL) {
			diag_error(d, path, line, 0, "out of memory");
			return -1;
		}
		return 0;
	default:
		break;
	}
	errno = 0;
	x = strtod(v, &end);
	if (v[0] == '\0' || *end != '\0' || errno != 0 || x != x) {
		diag_error(d, path, line, 0, "[%s] %s: not a number: \"%s\"",
		    k->sec, k->name, v);
		return -1;
	}
	if (k->kind == K_INT && x != (double)(long)x) {
		diag_error(d, path, line, 0,
		    "[%s] %s: not a whole number: \"%s\"", k->sec, k->name, v);
		return -1;
	}
	if (x < k->lo || x > k->hi) {
		diag_error(d, path, line, 0, "[%s] %s: %s is out of range "
		    "%g to %g%s%s", k->sec, k->name, v, k->lo, k->hi,
		    k->why != NULL && x < k->lo ? ": " : "",
		    k->why != NULL && x < k->lo ? k->why : "");
		return -1;
	}
	if (k->kind == K_INT)
		*(int *)(void *)base = (int)x;
	else
		*(double *)(void *)base = x;
	return 0;
badcolour:
	diag_error(d, path, line, 0, "[%s] %s: not a colour #RRGGBB: \"%s\"",
	    k->sec, k->name, v);
	return -1;
}

struct boardstyle *
boardstyle_parse(const char *path, const char *text, struct diag *d)
{
	struct boardstyle	*st;
	char			*copy, *p, *next, *s, *eq, *sec = NULL;
	long			 seen[NKEYS];
	long			 line = 0;
	size_t			 i;
	int			 bad = 0;

	if ((st = calloc(1, sizeof(*st))) == NULL ||
	    (copy = strdup(text)) == NULL) {
		free(st);
		diag_error(d, path, 0, 0, "out of memory");
		return NULL;
	}
	memset(seen, 0, sizeof(seen));
	p = copy;
	/* A byte-order mark, as Windows editors write it. */
	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p != NULL; p = next) {
		line++;
		if ((next = strchr(p, '\n')) != NULL)
			*next++ = '\0';
		s = trim(p);
		if (*s == '\0' || *s == ';' || *s == '#')
			continue;
		if (*s == '[') {
			if (s[strlen(s) - 1] != ']') {
				diag_error(d, path, line, 0,
				    "unterminated section name");
				bad = 1;
				continue;
			}
			s[strlen(s) - 1] = '\0';
			sec = trim(s + 1);
			continue;
		}
		if ((eq = strchr(s, '=')) == NULL) {
			diag_error(d, path, line, 0,
			    "expected \"key = value\": \"%s\"", s);
			bad = 1;
			continue;
		}
		*eq = '\0';
		s = trim(s);
		for (i = 0; i < NKEYS; i++)
			if (sec != NULL && strcmp(keys[i].sec, sec) == 0 &&
			    strcmp(keys[i].name, s) == 0)
				break;
		if (i == NKEYS) {
			diag_error(d, path, line, 0, "unknown key \"%s\" in "
			    "[%s]", s, sec == NULL ? "" : sec);
			bad = 1;
			continue;
		}
		if (seen[i] != 0) {
			diag_error(d, path, line, 0, "[%s] %s: given twice "
			    "(first on line %ld)", keys[i].sec, keys[i].name,
			    seen[i]);
			bad = 1;
			continue;
		}
		seen[i] = line;
		if (store(st, &keys[i], trim(eq + 1), path, line, d) == -1)
			bad = 1;
	}
	for (i = 0; i < NKEYS; i++)
		if (seen[i] == 0 && !keys[i].optional) {
			diag_error(d, path, 0, 0, "[%s] %s: missing",
			    keys[i].sec, keys[i].name);
			bad = 1;
		}
	if (!bad && st->family == NULL && st->file == NULL) {
		diag_error(d, path, 0, 0, "[font]: give a family or a file");
		bad = 1;
	}
	free(copy);
	if (bad) {
		boardstyle_free(st);
		return NULL;
	}
	return st;
}

struct boardstyle *
boardstyle_load(const char *path, struct diag *d)
{
	struct boardstyle	*st;
	struct buf		 b;
	FILE			*f;
	char			 chunk[4096];
	size_t			 n;

	if ((f = fopen(path, "r")) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	if (ferror(f)) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		fclose(f);
		buf_release(&b);
		return NULL;
	}
	fclose(f);
	if (b.oom) {
		diag_error(d, path, 0, 0, "out of memory");
		buf_release(&b);
		return NULL;
	}
	if (memchr(b.data == NULL ? "" : b.data, '\0', b.len) != NULL) {
		diag_error(d, path, 0, 0, "not a text file");
		buf_release(&b);
		return NULL;
	}
	st = boardstyle_parse(path, b.data == NULL ? "" : b.data, d);
	buf_release(&b);
	return st;
}

void
boardstyle_free(struct boardstyle *st)
{
	if (st == NULL)
		return;
	free(st->family);
	free(st->file);
	free(st);
}
