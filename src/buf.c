/*
 * Growable byte buffer: see buf.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* First allocation of a buffer; later ones double. */
#define BUF_START 256

void
buf_init(struct buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
buf_release(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	memset(b, 0, sizeof(*b));
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
buf_grow(struct buf *b, size_t n)
{
	size_t	 want, cap;
	char	*p;

	if (b->oom)
		return -1;
	if (n > (size_t)-1 / 2 - b->len - 1) {
		b->oom = 1;
		return -1;
	}
	want = b->len + n + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : BUF_START;
	while (cap < want)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int
buf_put(struct buf *b, const void *p, size_t n)
{
	/* Fast path: room already there (cap > len always holds then). */
	if (b->cap > b->len && n < b->cap - b->len && !b->oom) {
		if (n > 0)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return 0;
	}
	if (buf_grow(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_put(b, s, strlen(s));
}

int
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	if (b->cap > b->len + 1 && !b->oom) {
		b->data[b->len++] = ch;
		b->data[b->len] = '\0';
		return 0;
	}
	return buf_put(b, &ch, 1);
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || buf_grow(b, (size_t)n) == -1)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

size_t
buf_fmtint(char *out, long long i)
{
	char			 tmp[BUF_INT_MAX];
	unsigned long long	 u;
	size_t			 n = 0, o = 0;

	/* Negate in unsigned arithmetic: LLONG_MIN has no positive twin. */
	u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (i < 0)
		out[o++] = '-';
	while (n > 0)
		out[o++] = tmp[--n];
	out[o] = '\0';
	return o;
}

int
buf_putint(struct buf *b, long long i)
{
	char t[BUF_INT_MAX];

	return buf_put(b, t, buf_fmtint(t, i));
}

char *
buf_detach(struct buf *b)
{
	char *p;

	if (b->oom) {
		buf_release(b);
		return NULL;
	}
	if (b->data == NULL && buf_grow(b, 0) == -1)
		return NULL;
	p = b->data;
	memset(b, 0, sizeof(*b));
	return p;
}
