/*
 * Reading the office's spreadsheets: see csvin.h.
 * This is the only file that includes csv.h (libcsv) and iconv.h.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "buf.h"
#include "csvin.h"
#include "diag.h"

/* Longest cell accepted: a spreadsheet cell holds at most 32,767 characters. */
#define FIELD_MAX 65536

/* One record as libcsv hands it over, before the header is matched. */
/*
 * The fields' bytes are copied into big chunks, freed together: a CSV file
 * of 100,000 rows has a million fields.
 */
#define CHUNK_SIZE	(256 * 1024)
struct csvin_chunk {
	struct csvin_chunk	*next;
	size_t			 used, cap;
	char			 data[];
};

struct rec {
	long	  line;		/* physical line the record starts on */
	char	**fields;	/* copied field data (in the chunks) */
	size_t	 *lens;		/* their lengths */
	size_t	  nfields;
	size_t	  cap;
};

/*
 * State shared with libcsv's callbacks.  Records become rows of the table
 * as they are finished: the first non-blank one is the header.  Messages
 * about the header and the rows are recorded in log and reported only when
 * the whole file parses, after the messages of the parse itself.
 */
struct parse {
	const char	*path;
	const struct csvin_col *cols;
	size_t		 ncols;
	struct csvin	*t;		/* the table being filled */
	size_t		 maxrows;	/* rows t has room for */
	struct rec	 cur;		/* record being built */
	size_t		 nrecs;		/* non-blank records so far */
	size_t		 hfields;	/* the header's number of fields */
	int		 header_bad;	/* the header failed: rows unchecked */
	struct diag	*log;		/* header and row messages */
	struct csvin_chunk *chunks;	/* the fields' bytes, newest first */
	long		 start;		/* line the current record began on */
	int		 oom;		/* an allocation failed */
	long		 toolong;	/* length of the first over-long field, 0 */
	long		 toolong_line;	/* where it is */
	long		 toolong_field;
	long		 nul_line;	/* where the first NUL byte is, 0 = none */
	long		 nul_field;
};

int
csvin_utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;
	unsigned long		 cp;

	while (i < len) {
		if (s[i] < 0x80) {
			uint64_t w;

			/* ASCII (digits, commas, codes) eight bytes a test. */
			while (i + 8 <= len && (memcpy(&w, s + i, 8),
			    (w & UINT64_C(0x8080808080808080)) == 0))
				i += 8;
			if (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF) {
			n = 1;
			cp = s[i] & 0x1F;
		} else if (s[i] >= 0xE0 && s[i] <= 0xEF) {
			n = 2;
			cp = s[i] & 0x0F;
		} else if (s[i] >= 0xF0 && s[i] <= 0xF4) {
			n = 3;
			cp = s[i] & 0x07;
		} else
			return 0;
		if (i + n >= len)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Line number (1-based) of byte offset off in data. */
static long
line_of(const char *data, size_t off)
{
	long	 line = 1;
	size_t	 i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

/* Length of the longest valid UTF-8 prefix of s. */
static size_t
utf8_prefix(const char *s, size_t len)
{
	size_t lo = 0, i;

	/* Check line by line so that the first bad line is found quickly. */
	for (i = 0; i < len; i++)
		if (s[i] == '\n') {
			if (!csvin_utf8_valid(s + lo, i - lo))
				return lo;
			lo = i + 1;
		}
	return csvin_utf8_valid(s + lo, len - lo) ? len : lo;
}

/*
 * The text of data as UTF-8: data itself (*owned NULL) when it already is,
 * less a BOM; else a converted copy to free (*owned).  NULL when it is
 * neither encoding (*badline set) or out of memory (*badline 0).
 */
static const char *
decode_text(const char *data, size_t len, size_t *outlen, char **owned,
    long *badline)
{
	iconv_t	 cd;
	char	*out, *in, *op;
	size_t	 inleft, outleft, cap;

	*badline = 0;
	*owned = NULL;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
		if (!csvin_utf8_valid(data, len)) {
			/* Line numbers count from the file's start. */
			*badline = line_of(data, utf8_prefix(data, len));
			return NULL;
		}
		*outlen = len;
		return data;
	}
	if (csvin_utf8_valid(data, len)) {
		*outlen = len;
		return data;
	}
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return NULL;
	/* GB18030 uses at most 4 bytes for what UTF-8 writes in 4. */
	cap = len * 2 + 4;
	if ((out = malloc(cap)) == NULL) {
		iconv_close(cd);
		return NULL;
	}
	in = (char *)data;
	inleft = len;
	op = out;
	outleft = cap - 1;
	if (iconv(cd, &in, &inleft, &op, &outleft) == (size_t)-1) {
		*badline = line_of(data, (size_t)(in - data));
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t)(op - out);
	*owned = out;
	return out;
}

char *
csvin_decode(const char *data, size_t len, size_t *outlen, long *badline)
{
	const char	*text;
	char		*owned, *out;

	if ((text = decode_text(data, len, outlen, &owned, badline)) == NULL)
		return NULL;
	if (owned != NULL)
		return owned;
	if ((out = malloc(*outlen + 1)) == NULL)
		return NULL;
	memcpy(out, text, *outlen);
	out[*outlen] = '\0';
	return out;
}

/* Room for n bytes in p's chunks, or NULL. */
static char *
chunk_alloc(struct parse *p, size_t n)
{
	struct csvin_chunk	*c = p->chunks;
	size_t			 cap;

	if (c == NULL || c->cap - c->used < n) {
		cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		if ((c = malloc(sizeof(*c) + cap)) == NULL)
			return NULL;
		c->used = 0;
		c->cap = cap;
		c->next = p->chunks;
		p->chunks = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

static void
chunks_free(struct csvin_chunk *c)
{
	struct csvin_chunk	*next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

/* Trim spaces and tabs at both ends of the len bytes of s, in place. */
static char *
trim(char *s, size_t len)
{
	char *e = s + len;

	while (*s == ' ' || *s == '\t')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*e = '\0';
	return s;
}

/* libcsv field callback: copy the field (its data is only valid here). */
static void
on_field(void *s, size_t len, void *arg)
{
	struct parse	*p = arg;
	struct rec	*r = &p->cur;
	char		**nf, *f;
	size_t		*nl;

	if (p->oom)
		return;
	if (r->nfields == 0)
		r->line = p->start;
	if (len > FIELD_MAX && p->toolong == 0) {
		p->toolong = (long)len;
		p->toolong_line = p->start;
		p->toolong_field = (long)r->nfields + 1;
	}
	if (len > FIELD_MAX)
		len = 0;
	if (len > 0 && memchr(s, '\0', len) != NULL && p->nul_line == 0) {
		p->nul_line = p->start;
		p->nul_field = (long)r->nfields + 1;
	}
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		nf = realloc(r->fields, r->cap * sizeof(*nf));
		if (nf != NULL)
			r->fields = nf;
		nl = realloc(r->lens, r->cap * sizeof(*nl));
		if (nl != NULL)
			r->lens = nl;
		if (nf == NULL || nl == NULL) {
			p->oom = 1;
			return;
		}
	}
	if ((f = chunk_alloc(p, len + 1)) == NULL) {
		p->oom = 1;
		return;
	}
	if (len > 0)
		memcpy(f, s, len);
	f[len] = '\0';
	r->lens[r->nfields] = len;
	r->fields[r->nfields++] = f;
}

/* Whether every field of the record is empty (a blank spreadsheet row). */
static int
rec_blank(struct rec *r)
{
	size_t	 i;
	char	*f;

	for (i = 0; i < r->nfields; i++) {
		f = r->fields[i];
		while (*f == ' ' || *f == '\t')
			f++;
		if (*f != '\0')
			return 0;
	}
	return 1;
}

static int match_header(struct csvin *, struct rec *,
    const struct csvin_col *, size_t, struct diag *);

/* libcsv record callback: the header, or a row of the table. */
static void
on_record(int c, void *arg)
{
	struct parse		*p = arg;
	struct rec		*r = &p->cur;
	struct csvin		*t = p->t;
	struct csvin_row	*row;
	size_t			 j;
	int			 pos;

	(void)c;
	if (p->oom)
		goto next;
	if (r->nfields == 0)
		r->line = p->start;
	/* Blank lines and rows of empty cells are left out. */
	if (rec_blank(r))
		goto next;
	if (p->nrecs++ == 0) {
		p->hfields = r->nfields;
		for (j = 0; j < r->nfields; j++)
			r->fields[j] = trim(r->fields[j], r->lens[j]);
		if (match_header(t, r, p->cols, p->ncols, p->log) == -1)
			p->header_bad = 1;
		goto next;
	}
	if (p->header_bad)
		goto next;
	if (r->nfields != p->hfields) {
		diag_error(p->log, p->path, r->line, 0,
		    "row has %zu fields but the header has %zu",
		    r->nfields, p->hfields);
		goto next;
	}
	if (t->nrows == p->maxrows) {
		/* The rows were counted from the lines: cannot happen. */
		p->oom = 1;
		goto next;
	}
	row = &t->rows[t->nrows];
	row->line = r->line;
	row->cells = &t->cellv[t->nrows * p->ncols];
	t->nrows++;
	for (j = 0; j < p->ncols; j++) {
		pos = t->pos[j];
		row->cells[j] = pos != 0 ?
		    trim(r->fields[pos - 1], r->lens[pos - 1]) : NULL;
	}
next:
	r->nfields = 0;
}

/*
 * The field (1-based) that byte offset off of a line falls in: commas
 * outside quotes are counted.
 */
static long
field_at(const char *line, size_t off)
{
	size_t	 i;
	long	 field = 1;
	int	 quoted = 0;

	for (i = 0; i < off; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ',' && !quoted)
			field++;
	}
	return field;
}

/*
 * Feed the decoded text to libcsv one physical line at a time.
 * Returns 0, or -1 on a parse error (reported).
 */
static int
run_libcsv(const char *path, const char *text, size_t len, struct parse *p,
    struct diag *d)
{
	struct csv_parser	 cp;
	size_t			 off = 0, n, got;
	const char		*nl;
	long			 line = 0;
	int			 rc = 0;

	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		diag_error(d, path, 0, 0, "out of memory");
		return -1;
	}
	/*
	 * libcsv grows its field buffer by blk_size bytes at a time (128 by
	 * default): a field of megabytes would be copied thousands of times.
	 */
	csv_set_blk_size(&cp, 65536);
	while (off < len) {
		line++;
		nl = memchr(text + off, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - (text + off)) + 1 : len - off;
		/* A record that starts on this line starts here. */
		if (cp.pstate == 0)
			p->start = line;
		got = csv_parse(&cp, text + off, n, on_field, on_record, p);
		if (got != n) {
			if (csv_error(&cp) == CSV_EPARSE)
				diag_error(d, path, line, field_at(text + off,
				    got), "stray quote (\") in a cell that does "
				    "not start with one: put the whole cell in "
				    "quotes and write the quote twice");
			else
				diag_error(d, path, line, (long)got + 1, "%s",
				    csv_strerror(csv_error(&cp)));
			rc = -1;
			goto out;
		}
		off += n;
	}
	if (csv_fini(&cp, on_field, on_record, p) != 0) {
		diag_error(d, path, p->start, 0, "%s",
		    cp.status == CSV_EPARSE ?
		    "unterminated quoted field at end of file" :
		    csv_strerror(csv_error(&cp)));
		rc = -1;
	}
out:
	csv_free(&cp);
	if (rc == 0 && p->oom) {
		diag_error(d, path, 0, 0, "out of memory");
		rc = -1;
	}
	if (rc == 0 && p->nul_line > 0) {
		diag_error(d, path, p->nul_line, p->nul_field, "cell holds a NUL "
		    "byte (save the file as CSV UTF-8 or GBK)");
		rc = -1;
	}
	if (rc == 0 && p->toolong > 0) {
		diag_error(d, path, p->toolong_line, p->toolong_field,
		    "cell is %ld bytes long; a cell may hold at most %d",
		    p->toolong, FIELD_MAX);
		rc = -1;
	}
	return rc;
}

/*
 * Match the header record against the spec.  Fills t->pos and keeps in
 * keep[i] whether field i is used.  Returns 0, or -1 (reported).
 */
static int
match_header(struct csvin *t, struct rec *h, const struct csvin_col *cols,
    size_t ncols, struct diag *d)
{
	size_t	 i, j;
	int	 rc = 0;
	char	*name;

	for (i = 0; i < h->nfields; i++) {
		name = h->fields[i];	/* trimmed by on_record */
		if (name[0] == '#')
			continue;
		for (j = 0; j < ncols; j++)
			if (strcasecmp(name, cols[j].en) == 0 ||
			    strcmp(name, cols[j].zh) == 0)
				break;
		if (j == ncols) {
			if (name[0] == '\0')
				diag_error(d, t->path, h->line, (long)i + 1,
				    "column %zu has no header", i + 1);
			else
				diag_error(d, t->path, h->line, (long)i + 1,
				    "unknown column \"%s\"", name);
			rc = -1;
		} else if (t->pos[j] != 0) {
			diag_error(d, t->path, h->line, (long)i + 1,
			    "column \"%s\" appears twice (also column %d)",
			    name, t->pos[j]);
			rc = -1;
		} else
			t->pos[j] = (int)i + 1;
	}
	for (j = 0; j < ncols; j++)
		if (cols[j].required && t->pos[j] == 0) {
			diag_error(d, t->path, h->line, 0,
			    "missing column \"%s\" (%s)", cols[j].en,
			    cols[j].zh);
			rc = -1;
		}
	return rc;
}

struct csvin *
csvin_parse(const char *path, const char *data, size_t len,
    const struct csvin_col *cols, size_t ncols, struct diag *d)
{
	struct csvin	*t = NULL;
	struct parse	 p;
	const char	*text;
	char		*owned = NULL;
	size_t		 tlen, lines;
	long		 bad;
	int		 ok = 0;

	memset(&p, 0, sizeof(p));
	if ((text = decode_text(data, len, &tlen, &owned, &bad)) == NULL) {
		if (bad > 0)
			diag_error(d, path, bad, 0,
			    "text is neither UTF-8 nor GB18030 "
			    "(save the file as CSV UTF-8 or GBK)");
		else
			diag_error(d, path, 0, 0, "out of memory");
		return NULL;
	}
	/* A record takes at least one line: room for every line. */
	lines = 1;
	for (const char *q = text, *e = text + tlen;
	    (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
		lines++;
	p.path = path;
	p.cols = cols;
	p.ncols = ncols;
	p.maxrows = lines;
	if ((p.log = diag_new_log()) == NULL ||
	    (t = calloc(1, sizeof(*t))) == NULL ||
	    (t->path = strdup(path)) == NULL ||
	    (t->pos = calloc(ncols + 1, sizeof(*t->pos))) == NULL ||
	    (t->rows = malloc(lines * sizeof(*t->rows))) == NULL ||
	    (t->cellv = malloc((lines * ncols + 1) * sizeof(char *))) == NULL) {
		diag_error(d, path, 0, 0, "out of memory");
		goto out;
	}
	t->ncols = ncols;
	p.t = t;
	if (run_libcsv(path, text, tlen, &p, d) == -1)
		goto out;
	if (p.nrecs == 0) {
		diag_error(d, path, 0, 0, "file is empty: a header row is "
		    "needed");
		goto out;
	}
	diag_replay(d, p.log);
	if (p.header_bad)
		goto out;
	/* The cells point into the chunks: the table keeps them. */
	t->chunks = p.chunks;
	p.chunks = NULL;
	ok = 1;
out:
	free(p.cur.fields);
	free(p.cur.lens);
	chunks_free(p.chunks);
	diag_free(p.log);
	free(owned);
	if (!ok) {
		csvin_free(t);
		return NULL;
	}
	return t;
}

struct csvin *
csvin_read(const char *path, const struct csvin_col *cols, size_t ncols,
    struct diag *d)
{
	struct stat	 st;
	struct csvin	*t;
	char		*data = NULL, *p;
	size_t		 len = 0, cap;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		diag_error(d, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	/* One read of the whole file, the size known; grown if it grows. */
	cap = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 :
	    65536;
	for (;;) {
		if (len + 1 >= cap || data == NULL) {
			if (data != NULL)
				cap *= 2;
			if ((p = realloc(data, cap)) == NULL) {
				diag_error(d, path, 0, 0, "out of memory");
				goto fail;
			}
			data = p;
		}
		n = read(fd, data + len, cap - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			diag_error(d, path, 0, 0, "%s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	data[len] = '\0';
	t = csvin_parse(path, data, len, cols, ncols, d);
	free(data);
	return t;
fail:
	close(fd);
	free(data);
	return NULL;
}

void
csvin_free(struct csvin *t)
{
	if (t == NULL)
		return;
	chunks_free(t->chunks);
	free(t->cellv);
	free(t->rows);
	free(t->pos);
	free(t->path);
	free(t);
}
