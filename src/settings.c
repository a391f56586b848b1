/*
 * Settings from input/site.ini: see settings.h.
 * This is the only file that includes ini.h (libinih).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "num.h"
#include "settings.h"

/* libinih's line buffer in Debian 12 (INI_MAX_LINE). */
#define INI_LINE_MAX 200

/* Where libinih's line reader is, so that messages can name the line. */
struct reader {
	const char	*text;		/* remaining text (string input) */
	FILE		*f;		/* or the open file */
	long		 line;		/* lines handed to libinih so far */
	long		 toolong;	/* first line too long for libinih, 0 */
	char		*lbuf;		/* getline buffer (file input) */
	size_t		 lcap;
};

/* Settings seen so far, to catch one given twice. */
#define SEEN_MAX 64

/* What the handler needs. */
struct ctx {
	struct settings	*s;
	struct reader	*r;
	const char	*path;
	struct diag	*d;
	int		 errors;
	char		*seen[SEEN_MAX];	/* "section.name" of each setting */
	size_t		 nseen;
};

/*
 * Report a setting given twice (libinih also hands over an indented line
 * as a second value of the setting above it).  Returns 1 when it was.
 */
static int
twice(struct ctx *c, const char *sec, const char *name)
{
	struct buf	 b;
	size_t		 i;
	char		*key;

	buf_init(&b);
	buf_printf(&b, "%s.%s", sec, name);
	if ((key = buf_detach(&b)) == NULL)
		return 0;
	for (i = 0; i < c->nseen; i++)
		if (strcmp(c->seen[i], key) == 0) {
			diag_error(c->d, c->path, c->r->line, 0, "[%s] %s is "
			    "given twice (a line that starts with a space "
			    "continues the one above)", sec, name);
			c->errors++;
			free(key);
			return 1;
		}
	if (c->nseen < SEEN_MAX)
		c->seen[c->nseen++] = key;
	else
		free(key);
	return 0;
}

void
settings_defaults(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->month = -1;
	s->stage = STAGE_NOTICE;
	s->publish_date = -1;
	s->objection_days = 5;
	s->serious_points = 10 * NUM_C;
	s->closure_red = 9500;
	s->ontime_red = 9000;
	s->closure_black = 8000;
	s->work_red = 90 * NUM_C;
	s->work_black = 60 * NUM_C;
	s->ratio[5] = 12000;
	s->ratio[4] = 8000;
	s->ratio[3] = 6000;
	s->qr_level = 'Q';
	s->paper = PAPER_A3;
	s->landscape = 1;
}

/* libinih reader over a string or a FILE, counting lines. */
static char *
read_line(char *str, int num, void *stream)
{
	struct reader	*r = stream;
	size_t		 n;
	const char	*nl;

	const char	*line;
	ssize_t		 got;

	/* Whole lines: a line libinih cannot hold is cut and reported. */
	if (r->f != NULL) {
		if ((got = getline(&r->lbuf, &r->lcap, r->f)) == -1)
			return NULL;
		line = r->lbuf;
		n = (size_t)got;
	} else {
		if (*r->text == '\0')
			return NULL;
		line = r->text;
		nl = strchr(r->text, '\n');
		n = nl != NULL ? (size_t)(nl - r->text) + 1 : strlen(r->text);
		r->text += n;
	}
	r->line++;
	if (n > (size_t)num - 1) {
		if (r->toolong == 0)
			r->toolong = r->line;
		n = (size_t)num - 2;
		memcpy(str, line, n);
		str[n++] = '\n';
	} else
		memcpy(str, line, n);
	str[n] = '\0';
	return str;
}

/* Report a bad value of section.name. */
static void
bad(struct ctx *c, const char *section, const char *name, const char *value,
    const char *want)
{
	diag_error(c->d, c->path, c->r->line, 0,
	    "[%s] %s: bad value \"%s\" (%s)", section, name, value, want);
	c->errors++;
}

/* Replace *dst with a copy of v. */
static void
set_str(struct ctx *c, char **dst, const char *v)
{
	free(*dst);
	if ((*dst = strdup(v)) == NULL) {
		diag_error(c->d, c->path, c->r->line, 0, "out of memory");
		c->errors++;
	}
}

/* Parse a decimal with dec decimals in [lo, hi] into *dst. */
static void
set_dec(struct ctx *c, const char *sec, const char *name, const char *v,
    int dec, int64_t lo, int64_t hi, int64_t *dst, const char *want)
{
	int64_t x;

	if (num_parse(v, dec, &x) != 0 || x < lo || x > hi)
		bad(c, sec, name, v, want);
	else
		*dst = x;
}

static int
handler(void *user, const char *sec, const char *name, const char *v)
{
	struct ctx	*c = user;
	struct settings	*s = c->s;
	int64_t		 x = -1;
	int		 k;

	if (twice(c, sec, name))
		return 1;

	if (strcmp(sec, "site") == 0) {
		if (strcmp(name, "title") == 0)
			set_str(c, &s->title, v);
		else if (strcmp(name, "base_url") == 0) {
			if (strncmp(v, "http://", 7) != 0 &&
			    strncmp(v, "https://", 8) != 0)
				bad(c, sec, name, v, "an address starting "
				    "with http:// or https://");
			else if (strpbrk(v, " \"<>'\\") != NULL)
				bad(c, sec, name, v, "an address without "
				    "spaces or quotes");
			else {
				struct buf b;

				buf_init(&b);
				buf_puts(&b, v);
				if (b.len > 0 && b.data[b.len - 1] != '/')
					buf_putc(&b, '/');
				free(s->base_url);
				s->base_url = buf_detach(&b);
			}
		} else if (strcmp(name, "hotline") == 0)
			set_str(c, &s->hotline, v);
		else
			goto unknown;
	} else if (strcmp(sec, "publication") == 0) {
		if (strcmp(name, "month") == 0) {
			if (date_month_parse(v, &s->month) == -1)
				bad(c, sec, name, v, "a month like 2026-10");
		} else if (strcmp(name, "stage") == 0) {
			if (strcmp(v, "notice") == 0)
				s->stage = STAGE_NOTICE;
			else if (strcmp(v, "final") == 0)
				s->stage = STAGE_FINAL;
			else
				bad(c, sec, name, v, "notice or final");
		} else if (strcmp(name, "publish_date") == 0) {
			if (*v == '\0')
				s->publish_date = -1;
			else if (date_parse(v, &s->publish_date) != 0)
				bad(c, sec, name, v, "a date like 2026-11-02");
		} else if (strcmp(name, "objection_days") == 0) {
			set_dec(c, sec, name, v, 0, 0, 60, &x,
			    "a whole number of working days, 0 to 60");
			s->objection_days = (int)(x >= 0 && x <= 60 ? x :
			    s->objection_days);
		} else
			goto unknown;
	} else if (strcmp(sec, "stars") == 0) {
		if (strcmp(name, "serious_points") == 0)
			set_dec(c, sec, name, v, 2, 1, 100 * NUM_C,
			    &s->serious_points, "points above 0, at most 100");
		else if (strcmp(name, "service_closure_red") == 0)
			set_dec(c, sec, name, v, 4, 0, NUM_R, &s->closure_red,
			    "a rate from 0 to 1");
		else if (strcmp(name, "service_ontime_red") == 0)
			set_dec(c, sec, name, v, 4, 0, NUM_R, &s->ontime_red,
			    "a rate from 0 to 1");
		else if (strcmp(name, "service_closure_black") == 0)
			set_dec(c, sec, name, v, 4, 0, NUM_R,
			    &s->closure_black, "a rate from 0 to 1");
		else if (strcmp(name, "work_red") == 0)
			set_dec(c, sec, name, v, 2, 0, 100 * NUM_C,
			    &s->work_red, "a score from 0 to 100");
		else if (strcmp(name, "work_black") == 0)
			set_dec(c, sec, name, v, 2, 0, 100 * NUM_C,
			    &s->work_black, "a score from 0 to 100");
		else if (strcmp(name, "level2_rounding") == 0) {
			if (strcmp(v, "half_up") == 0)
				s->level2_floor = 0;
			else if (strcmp(v, "floor") == 0)
				s->level2_floor = 1;
			else
				bad(c, sec, name, v, "half_up or floor");
		} else
			goto unknown;
	} else if (strcmp(sec, "subsidy") == 0) {
		if (strcmp(name, "base") == 0)
			set_dec(c, sec, name, v, 2, 0, NUM_MAX,
			    &s->subsidy_base, "an amount in yuan, "
			    "at most two decimals");
		else if (strncmp(name, "ratio", 5) == 0 && name[5] >= '0' &&
		    name[5] <= '5' && name[6] == '\0') {
			k = name[5] - '0';
			set_dec(c, sec, name, v, 4, 0, 100 * NUM_R,
			    &s->ratio[k], "a ratio like 1.20");
		} else
			goto unknown;
	} else if (strcmp(sec, "theme") == 0) {
		if (strcmp(name, "name") == 0) {
			if (*v == '\0' || strspn(v, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
			    strlen(v))
				bad(c, sec, name, v, "a folder name under "
				    "themes/ (letters, digits, - and _)");
			else
				set_str(c, &s->theme, v);
		} else
			goto unknown;
	} else if (strcmp(sec, "boards") == 0) {
		if (strcmp(name, "qr_level") == 0) {
			if (strlen(v) == 1 && strchr("LMQH", v[0]) != NULL)
				s->qr_level = v[0];
			else
				bad(c, sec, name, v, "L, M, Q or H");
		} else if (strcmp(name, "paper") == 0) {
			if (strcmp(v, "A4") == 0)
				s->paper = PAPER_A4;
			else if (strcmp(v, "A3") == 0)
				s->paper = PAPER_A3;
			else if (strcmp(v, "A2") == 0)
				s->paper = PAPER_A2;
			else
				bad(c, sec, name, v, "A4, A3 or A2");
		} else if (strcmp(name, "orientation") == 0) {
			if (strcmp(v, "landscape") == 0)
				s->landscape = 1;
			else if (strcmp(v, "portrait") == 0)
				s->landscape = 0;
			else
				bad(c, sec, name, v, "landscape or portrait");
		} else
			goto unknown;
	} else {
		diag_error(c->d, c->path, c->r->line, 0,
		    "unknown section [%s]", sec);
		c->errors++;
	}
	return 1;
unknown:
	diag_error(c->d, c->path, c->r->line, 0, "unknown setting \"%s\" in "
	    "section [%s]", name, sec);
	c->errors++;
	return 1;
}

/* Run libinih over the reader and check what must be set. */
static int
run(struct settings *s, const char *path, struct reader *r, struct diag *d)
{
	struct ctx	 c;
	int		 rc;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.r = r;
	c.path = path;
	c.d = d;
	rc = ini_parse_stream(read_line, r, handler, &c);
	if (r->toolong > 0) {
		diag_error(d, path, r->toolong, 0, "line is longer than %d "
		    "bytes: shorten it", INI_LINE_MAX - 2);
		c.errors++;
	} else if (rc > 0) {
		diag_error(d, path, rc, 0, "not an INI line: expected "
		    "[section], name = value or a ; comment");
		c.errors++;
	}
	if (s->theme == NULL && (s->theme = strdup("default")) == NULL)
		c.errors++;
	while (c.nseen > 0)
		free(c.seen[--c.nseen]);
	free(r->lbuf);
	r->lbuf = NULL;
	return c.errors > 0 ? -1 : 0;
}

int
settings_parse(struct settings *s, const char *path, const char *text,
    struct diag *d)
{
	struct reader r;

	memset(&r, 0, sizeof(r));
	r.text = text;
	return run(s, path, &r, d);
}

int
settings_read(struct settings *s, const char *path, struct diag *d)
{
	struct reader	 r;
	int		 rc;

	memset(&r, 0, sizeof(r));
	if ((r.f = fopen(path, "r")) == NULL) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	rc = run(s, path, &r, d);
	fclose(r.f);
	return rc;
}

void
settings_release(struct settings *s)
{
	if (s == NULL)
		return;
	free(s->title);
	free(s->base_url);
	free(s->hotline);
	free(s->theme);
	s->title = s->base_url = s->hotline = s->theme = NULL;
}
