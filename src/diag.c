/*
 * Diagnostics sink: see diag.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

/* Per-file error count, to cap what is printed for one file. */
struct filecount {
	char	*file;	/* file name as reported */
	long	 count;	/* errors reported against it */
};

/* A message kept by a recording sink (diag_new_log). */
struct logent {
	int	 warn;	/* diag_warn, else diag_error */
	char	*file;	/* or NULL */
	long	 line, col;
	char	*msg;
};

struct diag {
	FILE			*out;	/* where messages go, or NULL */
	int			 record;	/* only keep messages in log */
	struct logent		*log;
	size_t			 nlog;
	int			 log_oom;	/* a message could not be kept */
	struct buf		 text;	/* every printed message */
	int			 errors;	/* errors reported */
	struct filecount	*files;	/* per-file counts */
	size_t			 nfiles;
};

struct diag *
diag_new(FILE *out)
{
	struct diag *d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->out = out;
	buf_init(&d->text);
	return d;
}

struct diag *
diag_new_log(void)
{
	struct diag *d;

	if ((d = diag_new(NULL)) != NULL)
		d->record = 1;
	return d;
}

void
diag_free(struct diag *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nlog; i++) {
		free(d->log[i].file);
		free(d->log[i].msg);
	}
	free(d->log);
	for (i = 0; i < d->nfiles; i++)
		free(d->files[i].file);
	free(d->files);
	buf_release(&d->text);
	free(d);
}

/*
 * Count an error against file; returns the new count for that file,
 * or 1 when the count could not be kept (out of memory).
 */
static long
count_file(struct diag *d, const char *file)
{
	struct filecount	*p;
	size_t			 i;

	for (i = 0; i < d->nfiles; i++)
		if (strcmp(d->files[i].file, file) == 0)
			return ++d->files[i].count;
	p = realloc(d->files, (d->nfiles + 1) * sizeof(*p));
	if (p == NULL)
		return 1;
	d->files = p;
	if ((p[d->nfiles].file = strdup(file)) == NULL)
		return 1;
	p[d->nfiles].count = 1;
	d->nfiles++;
	return 1;
}

/* Keep one message of a recording sink. */
static void
keep(struct diag *d, int warn, const char *file, long line, long col,
    const char *fmt, va_list ap)
{
	struct logent	*p, *e;
	struct buf	 b;

	p = realloc(d->log, (d->nlog + 1) * sizeof(*p));
	if (p == NULL) {
		d->log_oom = 1;
		return;
	}
	d->log = p;
	e = &p[d->nlog];
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	e->warn = warn;
	e->line = line;
	e->col = col;
	e->file = file != NULL ? strdup(file) : NULL;
	e->msg = buf_detach(&b);
	if (e->msg == NULL || (file != NULL && e->file == NULL)) {
		free(e->file);
		free(e->msg);
		d->log_oom = 1;
		return;
	}
	d->nlog++;
}

void
diag_replay(struct diag *d, const struct diag *log)
{
	size_t i;

	for (i = 0; i < log->nlog; i++) {
		const struct logent *e = &log->log[i];

		if (e->warn)
			diag_warn(d, e->file, e->line, e->col, "%s", e->msg);
		else
			diag_error(d, e->file, e->line, e->col, "%s", e->msg);
	}
	if (log->log_oom)
		diag_error(d, NULL, 0, 0, "out of memory");
}

/* Format and emit one message. */
static void
emit(struct diag *d, const char *kind, const char *file, long line, long col,
    const char *fmt, va_list ap)
{
	size_t start = d->text.len;

	buf_puts(&d->text, "gridstar: ");
	if (file != NULL) {
		buf_puts(&d->text, file);
		if (line > 0) {
			buf_printf(&d->text, ":%ld", line);
			if (col > 0)
				buf_printf(&d->text, ":%ld", col);
		}
		buf_puts(&d->text, ": ");
	}
	buf_puts(&d->text, kind);
	buf_vprintf(&d->text, fmt, ap);
	buf_putc(&d->text, '\n');
	if (d->out != NULL && d->text.data != NULL) {
		fputs(d->text.data + start, d->out);
		fflush(d->out);
	}
}

void
diag_error(struct diag *d, const char *file, long line, long col,
    const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	if (d->record) {
		va_start(ap, fmt);
		keep(d, 0, file, line, col, fmt, ap);
		va_end(ap);
		return;
	}
	if (file != NULL && count_file(d, file) > DIAG_PER_FILE)
		return;
	va_start(ap, fmt);
	emit(d, "", file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct diag *d, const char *file, long line, long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (d->record)
		keep(d, 1, file, line, col, fmt, ap);
	else
		emit(d, "warning: ", file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_add(struct diag *d, int n)
{
	d->errors += n;
}

int
diag_errors(const struct diag *d)
{
	return d->errors;
}

static void
summary(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(d, "", NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
diag_finish(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->nfiles; i++)
		if (d->files[i].count > DIAG_PER_FILE)
			summary(d, "%s: %ld more errors not shown",
			    d->files[i].file,
			    d->files[i].count - DIAG_PER_FILE);
}

const char *
diag_text(const struct diag *d)
{
	return d->text.data != NULL ? d->text.data : "";
}
