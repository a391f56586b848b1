/*
 * Mustache templates: see tmpl.h.  Implements the official spec (the
 * JSON files in ../shared/mustache-spec/, from mustache/spec 9cb20c3);
 * the language as gridstar themes use it is tests/spec/template.txt.
 *
 * A template is parsed once into a flat array of ops.  A section op is
 * followed by the ops of its body and records the index just past them,
 * so execution recurses only once per nested section, never per op.
 * Ops point into the template's own copy of its source.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "tmpl.h"
#include "val.h"

/* First allocation of an array of ops, name parts or templates. */
#define TMPL_START	16
/* Default tag delimiters. */
#define TMPL_OTAG	"{{"
#define TMPL_CTAG	"}}"
/* Longest tag text quoted in an error message. */
#define TMPL_SHOWN	60

enum op_type {
	OP_TEXT,	/* literal text */
	OP_VAR,		/* {{name}}: HTML-escaped value */
	OP_RAW,		/* {{{name}}} or {{&name}}: value as is */
	OP_SECTION,	/* {{#name}}: body per item / if truthy */
	OP_INVERTED,	/* {{^name}}: body if falsey */
	OP_PARTIAL	/* {{>name}}: another template of the set */
};

struct op {
	enum op_type	 type;
	const char	*s;	/* text, or the tag's name as written */
	size_t		 len;	/* bytes in s */
	size_t		 part;	/* name: first part in tmpl parts[] */
	size_t		 nparts;	/* name: parts; 0 for "." */
	size_t		 end;	/* sections: index just past the body */
	const char	*ind;	/* standalone partial: its indentation */
	size_t		 indlen;	/* bytes in ind */
	int		 standalone;	/* partial alone on its line */
	size_t		 target;	/* partial: its template's index in
					   the set, or the set's len: none */
	long		 line;	/* 1-based line of the tag */
};

/* One part of a dotted name: "a.b" has "a" and "b". */
struct part {
	const char	*s;
	size_t		 len;
	uint32_t	 hash;	/* val_hash of s, computed once */
};

struct tmpl {
	char		*name;	/* name in the set */
	size_t		 namelen;	/* bytes in name */
	char		*file;	/* file name for messages */
	char		*src;	/* copy of the source; ops point into it */
	struct op	*ops;
	size_t		 nops;
	size_t		 opcap;
	struct part	*parts;	/* name parts of every op */
	size_t		 nparts;
	size_t		 partcap;
};

struct tmpl_set {
	struct tmpl	**t;	/* owned templates */
	size_t		  len;
	size_t		  cap;
};

/* Parser state for one template. */
struct parser {
	struct tmpl	*t;	/* template being built */
	const char	*src;	/* its source */
	size_t		 len;	/* bytes in src */
	const char	*otag;	/* opening delimiter, in src or TMPL_OTAG */
	size_t		 olen;
	const char	*ctag;	/* closing delimiter */
	size_t		 clen;
	size_t		 open[TMPL_MAX_DEPTH];	/* indices of open sections */
	size_t		 depth;	/* sections open */
	size_t		 lpos;	/* position lline was counted up to */
	long		 lline;	/* line number at lpos */
	struct diag	*d;	/* where errors go, or NULL */
	const char	*file;	/* file name for messages */
	int		 errors;	/* errors reported */
};

/* Execution state for one tmpl_exec call. */
struct exec {
	const struct tmpl_set	 *set;
	struct buf		 *out;	/* output */
	const struct val	**stack;	/* context stack, top last */
	size_t			  depth;	/* contexts on the stack */
	struct buf		  indent;	/* indentation of partials */
	int			  bol;	/* next output starts a line */
	int			  partials;	/* partials being executed */
	int			  nest;	/* sections and partials entered */
	long			  steps;	/* ops executed so far */
	struct diag		 *d;	/* where errors go, or NULL */
};

static int	exec_ops(struct exec *, const struct tmpl *, size_t, size_t);

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\f' || c == '\v';
}

/*
 * Position of the first match of needle (nlen > 0 bytes), preceded by the
 * byte pre when pre is not 0, in src[from..len), pointing at pre if any;
 * len when there is none.
 */
static size_t
find(const char *src, size_t len, size_t from, char pre,
    const char *needle, size_t nlen)
{
	size_t		 want = nlen + (pre != '\0');
	const char	*p;
	char		 first = pre != '\0' ? pre : needle[0];

	while (from < len && len - from >= want) {
		p = memchr(src + from, first, len - from - want + 1);
		if (p == NULL)
			break;
		from = (size_t)(p - src);
		if (memcmp(src + from + want - nlen, needle, nlen) == 0)
			return from;
		from++;
	}
	return len;
}

/*
 * Line number (1-based) of position pos in the source.  Counts on from
 * the last call, so positions should come in increasing order.
 */
static long
line_of(struct parser *p, size_t pos)
{
	if (pos < p->lpos) {
		p->lpos = 0;
		p->lline = 1;
	}
	for (; p->lpos < pos; p->lpos++)
		if (p->src[p->lpos] == '\n')
			p->lline++;
	return p->lline;
}

/*
 * Report an error to d (may be NULL) at file:line.  The sink has no
 * va_list entry point, so format here and pass the text on.
 */
static void
vreport(struct diag *d, const char *file, long line, const char *fmt,
    va_list ap)
{
	struct buf msg;

	if (d == NULL)
		return;
	buf_init(&msg);
	buf_vprintf(&msg, fmt, ap);
	diag_error(d, file, line, 0, "%s",
	    msg.data != NULL ? msg.data : strerror(ENOMEM));
	buf_release(&msg);
}

/* Report a parse error at line; returns -1 for convenience. */
static int
perr(struct parser *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
perr(struct parser *p, long line, const char *fmt, ...)
{
	va_list ap;

	p->errors++;
	va_start(ap, fmt);
	vreport(p->d, p->file, line, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Append a zeroed op of the given type at line to the template.
 * Returns it, or NULL when out of memory (reported).
 */
static struct op *
add_op(struct parser *p, enum op_type type, long line)
{
	struct tmpl	*t = p->t;
	struct op	*ops, *op;
	size_t		 cap;

	if (t->nops == t->opcap) {
		cap = t->opcap ? t->opcap * 2 : TMPL_START;
		if (cap > (size_t)-1 / sizeof(*ops) ||
		    (ops = realloc(t->ops, cap * sizeof(*ops))) == NULL) {
			perr(p, line, "%s", strerror(ENOMEM));
			return NULL;
		}
		t->ops = ops;
		t->opcap = cap;
	}
	op = &t->ops[t->nops++];
	memset(op, 0, sizeof(*op));
	op->type = type;
	op->line = line;
	return op;
}

/*
 * Add src[from..to) as literal text, joining it to the previous op when
 * that is text ending right where this starts.  line is where the text
 * ends (counting back to its start would make parsing quadratic).
 * Returns 0 or -1.
 */
static int
add_text(struct parser *p, size_t from, size_t to, long line)
{
	struct op *op;

	if (from >= to)
		return 0;
	if (p->t->nops > 0) {
		op = &p->t->ops[p->t->nops - 1];
		if (op->type == OP_TEXT && op->s + op->len == p->src + from) {
			op->len += to - from;
			return 0;
		}
	}
	if ((op = add_op(p, OP_TEXT, line)) == NULL)
		return -1;
	op->s = p->src + from;
	op->len = to - from;
	return 0;
}

/* Narrow [*from, *to) of the source to exclude white space at both ends. */
static void
trim(const char *src, size_t *from, size_t *to)
{
	while (*from < *to && is_space(src[*from]))
		(*from)++;
	while (*to > *from && is_space(src[*to - 1]))
		(*to)--;
}

/*
 * How much of the tag text s[0..len) to quote in a message: up to the
 * first line break, and at most TMPL_SHOWN bytes.
 */
static int
shown(const char *s, size_t len)
{
	size_t n;

	for (n = 0; n < len && n < TMPL_SHOWN; n++)
		if (s[n] == '\n' || s[n] == '\r')
			break;
	return (int)n;
}

/*
 * Give op the name src[from..to) (already trimmed): "." or dot-separated
 * non-empty parts without white space.  Returns 0, or -1 after reporting
 * a bad name or running out of memory.
 */
static int
set_name(struct parser *p, struct op *op, size_t from, size_t to)
{
	struct tmpl	*t = p->t;
	struct part	*parts;
	size_t		 i, start, cap;

	op->s = p->src + from;
	op->len = to - from;
	op->part = t->nparts;
	op->nparts = 0;
	if (from == to)
		return perr(p, op->line, "empty tag name");
	if (op->len == 1 && op->s[0] == '.')
		return 0;
	for (i = from; i < to; i++)
		if (is_space(p->src[i]))
			return perr(p, op->line, "bad tag name \"%.*s\": "
			    "white space in name", shown(op->s, op->len),
			    op->s);
	for (start = from; start <= to; start = i + 1) {
		for (i = start; i < to && p->src[i] != '.'; i++)
			continue;
		if (i == start)
			return perr(p, op->line, "bad tag name \"%.*s\": "
			    "empty part in dotted name",
			    shown(op->s, op->len), op->s);
		if (t->nparts == t->partcap) {
			cap = t->partcap ? t->partcap * 2 : TMPL_START;
			if (cap > (size_t)-1 / sizeof(*parts) ||
			    (parts = realloc(t->parts,
			    cap * sizeof(*parts))) == NULL)
				return perr(p, op->line, "%s",
				    strerror(ENOMEM));
			t->parts = parts;
			t->partcap = cap;
		}
		t->parts[t->nparts].s = p->src + start;
		t->parts[t->nparts].len = i - start;
		t->parts[t->nparts].hash = val_hash(p->src + start, i - start);
		t->nparts++;
		op->nparts++;
	}
	return 0;
}

/*
 * Handle a set-delimiter tag whose inside (between the equals signs) is
 * src[from..to): two delimiters separated by white space, neither holding
 * white space or "=".  Returns 0, or -1 after reporting an error.
 */
static int
set_delims(struct parser *p, size_t from, size_t to, long line)
{
	size_t	 o, oe, c, ce, i;

	trim(p->src, &from, &to);
	for (oe = from; oe < to && !is_space(p->src[oe]); oe++)
		continue;
	for (c = oe; c < to && is_space(p->src[c]); c++)
		continue;
	for (ce = c; ce < to && !is_space(p->src[ce]); ce++)
		continue;
	o = from;
	if (oe == o || ce == c || ce != to)
		return perr(p, line, "bad set-delimiter tag \"%.*s\": "
		    "want two delimiters separated by white space",
		    shown(p->src + from, to - from), p->src + from);
	for (i = from; i < to; i++)
		if (p->src[i] == '=')
			return perr(p, line, "bad set-delimiter tag \"%.*s\": "
			    "delimiters may not contain \"=\"",
			    shown(p->src + from, to - from), p->src + from);
	p->otag = p->src + o;
	p->olen = oe - o;
	p->ctag = p->src + c;
	p->clen = ce - c;
	return 0;
}

/*
 * Handle the tag of kind sigil whose trimmed inside is src[from..to),
 * found at line.  For partials, standalone says whether the tag was alone
 * on its line and ind[0..indlen) is the white space that preceded it.
 * Returns 0, or -1 after reporting an error that stops parsing.
 * Name errors are reported but return 0 so that parsing goes on.
 */
static int
add_tag(struct parser *p, char sigil, size_t from, size_t to, long line,
    int standalone, size_t ind, size_t indlen)
{
	struct op	*op, *sec;
	size_t		 i;

	switch (sigil) {
	case '!':
		return 0;
	case '#':
	case '^':
		if (p->depth == TMPL_MAX_DEPTH)
			return perr(p, line, "sections nested deeper than %d",
			    TMPL_MAX_DEPTH);
		op = add_op(p, sigil == '#' ? OP_SECTION : OP_INVERTED, line);
		if (op == NULL)
			return -1;
		/* Keep a section with a bad name, so "/" still matches. */
		set_name(p, op, from, to);
		p->open[p->depth++] = p->t->nops - 1;
		return 0;
	case '/':
		if (p->depth == 0)
			return perr(p, line, "closing tag \"%.*s\" without an "
			    "open section", shown(p->src + from, to - from),
			    p->src + from);
		i = p->open[p->depth - 1];
		sec = &p->t->ops[i];
		if (sec->len != to - from ||
		    memcmp(sec->s, p->src + from, sec->len) != 0)
			return perr(p, line, "mismatched closing tag \"%.*s\", "
			    "expected \"%.*s\" (opened on line %ld)",
			    shown(p->src + from, to - from), p->src + from,
			    shown(sec->s, sec->len), sec->s, sec->line);
		sec->end = p->t->nops;
		p->depth--;
		return 0;
	case '>':
		if (from == to) {
			perr(p, line, "empty partial name");
			return 0;
		}
		if ((op = add_op(p, OP_PARTIAL, line)) == NULL)
			return -1;
		op->s = p->src + from;
		op->len = to - from;
		op->standalone = standalone;
		op->ind = p->src + ind;
		op->indlen = indlen;
		return 0;
	case '<':
	case '$':
		/* These open blocks: going on would only cascade errors. */
		return perr(p, line, "template inheritance (\"%c\" tags) is "
		    "not supported", sigil);
	default:
		op = add_op(p, sigil == '{' || sigil == '&' ? OP_RAW : OP_VAR,
		    line);
		if (op == NULL)
			return -1;
		if (set_name(p, op, from, to) == -1)
			p->t->nops--;
		return 0;
	}
}

/*
 * Whether a tag of kind sigil may stand alone on a line, which removes the
 * line from the output (spec: comments, sections, inverted sections,
 * partials and set-delimiter tags; not variables).
 */
static int
may_stand_alone(char sigil)
{
	return sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' ||
	    sigil == '>' || sigil == '=';
}

/*
 * Parse the whole source into p->t.  Returns 0, or -1 after reporting at
 * least one error.
 */
static int
parse(struct parser *p)
{
	const char	*src = p->src;
	size_t		 len = p->len, pos = 0, text = 0;
	size_t		 open, in, close, end, ws, q, next, from, to;
	long		 line;
	char		 sigil, pre;
	int		 standalone;

	while ((open = find(src, len, pos, '\0', p->otag, p->olen)) < len) {
		line = line_of(p, open);
		in = open + p->olen;
		sigil = in < len ? src[in] : '\0';
		if (strchr("#^/>!=&{<$", sigil) == NULL || sigil == '\0')
			sigil = '\0';
		else
			in++;
		/* {{{x}}} closes with "}}}", {{=a b=}} with "=}}". */
		pre = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
		close = find(src, len, in, pre, p->ctag, p->clen);
		if (close == len)
			return perr(p, line, "unclosed tag: missing \"%s%.*s\"",
			    pre == '}' ? "}" : pre == '=' ? "=" : "",
			    (int)p->clen, p->ctag);
		end = close + (pre != '\0') + p->clen;

		/*
		 * Standalone: only white space between the tag and the
		 * line's start and end (spec "Standalone Lines").  A tag
		 * before it on the line would have left a non-blank
		 * delimiter behind, which the backward scan stops at.
		 */
		standalone = 0;
		next = end;
		for (ws = open; ws > 0 &&
		    (src[ws - 1] == ' ' || src[ws - 1] == '\t'); ws--)
			continue;
		if (may_stand_alone(sigil) &&
		    (ws == 0 || src[ws - 1] == '\n')) {
			for (q = end; q < len &&
			    (src[q] == ' ' || src[q] == '\t'); q++)
				continue;
			if (q < len && src[q] == '\r' && q + 1 < len &&
			    src[q + 1] == '\n')
				q++;
			if (q == len || src[q] == '\n') {
				standalone = 1;
				next = q < len ? q + 1 : q;
			}
		}
		if (add_text(p, text, standalone ? ws : open, line) == -1)
			return -1;

		from = in;
		to = close;
		trim(src, &from, &to);
		if (sigil == '=') {
			if (set_delims(p, from, to, line) == -1)
				return -1;
		} else if (add_tag(p, sigil, from, to, line, standalone,
		    ws, open - ws) == -1)
			return -1;
		pos = text = next;
	}
	if (add_text(p, text, len, line_of(p, len)) == -1)
		return -1;
	if (p->depth > 0) {
		struct op *sec = &p->t->ops[p->open[p->depth - 1]];

		return perr(p, sec->line, "unclosed section \"%.*s\"",
		    shown(sec->s, sec->len), sec->s);
	}
	return p->errors > 0 ? -1 : 0;
}

/* Free one template.  NULL is a no-op. */
static void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->file);
	free(t->src);
	free(t->ops);
	free(t->parts);
	free(t);
}

struct tmpl_set *
tmpl_set_new(void)
{
	return calloc(1, sizeof(struct tmpl_set));
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->len; i++)
		tmpl_free(set->t[i]);
	free(set->t);
	free(set);
}

/* Index of the template called name[0..len) in set, or set->len. */
static size_t
find_tmpl(const struct tmpl_set *set, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < set->len; i++)
		if (set->t[i]->namelen == len &&
		    memcmp(set->t[i]->name, name, len) == 0)
			return i;
	return set->len;
}

/*
 * Point every partial op of the set at its template (or at none), after
 * a template was added or replaced, so that executing a partial does not
 * search the set by name.
 */
static void
resolve_partials(struct tmpl_set *set)
{
	struct op	*op;
	size_t		 i, k;

	for (i = 0; i < set->len; i++)
		for (k = 0; k < set->t[i]->nops; k++) {
			op = &set->t[i]->ops[k];
			if (op->type == OP_PARTIAL)
				op->target = find_tmpl(set, op->s, op->len);
		}
}

int
tmpl_set_has(const struct tmpl_set *set, const char *name)
{
	if (set == NULL || name == NULL)
		return 0;
	return find_tmpl(set, name, strlen(name)) < set->len;
}

int
tmpl_set_add(struct tmpl_set *set, const char *name, const char *text,
    size_t len, struct diag *d, const char *filename)
{
	struct parser	  p;
	struct tmpl	 *t;
	struct tmpl	**arr;
	size_t		  i, cap;

	if (set == NULL || name == NULL || (text == NULL && len > 0))
		return -1;
	if (filename == NULL)
		filename = name;
	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->name = strdup(name)) == NULL ||
	    (t->file = strdup(filename)) == NULL ||
	    len == (size_t)-1 || (t->src = malloc(len + 1)) == NULL)
		goto oom;
	t->namelen = strlen(t->name);
	if (len > 0)
		memcpy(t->src, text, len);
	t->src[len] = '\0';

	memset(&p, 0, sizeof(p));
	p.t = t;
	p.src = t->src;
	p.len = len;
	p.otag = TMPL_OTAG;
	p.olen = strlen(TMPL_OTAG);
	p.ctag = TMPL_CTAG;
	p.clen = strlen(TMPL_CTAG);
	p.lline = 1;
	p.d = d;
	p.file = t->file;
	if (parse(&p) == -1) {
		tmpl_free(t);
		return -1;
	}

	if ((i = find_tmpl(set, name, strlen(name))) < set->len) {
		tmpl_free(set->t[i]);
		set->t[i] = t;
		resolve_partials(set);
		return 0;
	}
	if (set->len == set->cap) {
		cap = set->cap ? set->cap * 2 : TMPL_START;
		if (cap > (size_t)-1 / sizeof(*arr) ||
		    (arr = realloc(set->t, cap * sizeof(*arr))) == NULL)
			goto oom;
		set->t = arr;
		set->cap = cap;
	}
	set->t[set->len++] = t;
	resolve_partials(set);
	return 0;
oom:
	if (d != NULL)
		diag_error(d, filename, 0, 0, "%s", strerror(ENOMEM));
	tmpl_free(t);
	return -1;
}

/* Report an execution error at op of t; returns -1. */
static int
xerr(struct exec *x, const struct tmpl *t, const struct op *op,
    const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
xerr(struct exec *x, const struct tmpl *t, const struct op *op,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(x->d, t->file, op->line, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Look op's name up: "." is the top context; otherwise the first part is
 * searched from the top of the stack down, in map contexts only, and each
 * further part only in the value found so far (spec "Dotted Names").
 * Returns the value (borrowed), or NULL when missing.
 */
static inline const struct val *
lookup(const struct exec *x, const struct tmpl *t, const struct op *op)
{
	const struct part	*part;
	const struct val	*v = NULL;
	size_t			 i;

	if (op->nparts == 0)
		return x->depth > 0 ? x->stack[x->depth - 1] : NULL;
	part = &t->parts[op->part];
	v = val_maps_geth(x->stack, x->depth, part->s, part->len, part->hash);
	for (i = 1; v != NULL && i < op->nparts; i++)
		v = val_map_geth(v, part[i].s, part[i].len, part[i].hash);
	return v;
}

/* Emit the pending indentation of a standalone partial's line. */
static void
put_indent(struct exec *x)
{
	if (x->bol && x->indent.len > 0)
		buf_put(x->out, x->indent.data, x->indent.len);
	x->bol = 0;
}

/*
 * Emit template text, indenting every line it starts when inside a
 * standalone partial (spec "Standalone Indentation": template lines are
 * indented, interpolated data is not).
 */
static void
put_text(struct exec *x, const char *s, size_t n)
{
	const char	*nl;
	size_t		 k;

	while (n > 0) {
		put_indent(x);
		if (x->indent.len == 0) {
			/* buf_put without its call: most texts are short. */
			if (buf_room(x->out, n) == -1)
				return;
			memcpy(x->out->data + x->out->len, s, n);
			x->out->len += n;
			x->out->data[x->out->len] = '\0';
			x->bol = s[n - 1] == '\n';
			return;
		}
		nl = memchr(s, '\n', n);
		k = nl != NULL ? (size_t)(nl - s) + 1 : n;
		buf_put(x->out, s, k);
		x->bol = nl != NULL;
		s += k;
		n -= k;
	}
}

/* Bytes that HTML escaping replaces: 1 for & < > " and '. */
static const unsigned char must_escape[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1
};

/* Most bytes put_escaped writes for one byte ("&quot;"). */
#define ESCAPED_MAX	6

/*
 * Emit s[0..n) escaped for HTML text and attribute values.  Values are
 * mostly short (numbers, names, ids: hundreds a page), so this makes room
 * for the worst case once and copies byte by byte in one pass, instead of
 * scanning and then calling buf_put for each plain run.
 */
static void
put_escaped(struct buf *out, const char *s, size_t n)
{
	const char	*rep;
	char		*p;
	size_t		 i, k;

	if (n > (size_t)-1 / ESCAPED_MAX ||
	    buf_room(out, n * ESCAPED_MAX) == -1)
		return;
	p = out->data + out->len;
	for (i = 0; i < n; i++) {
		if (!must_escape[(unsigned char)s[i]]) {
			*p++ = s[i];
			continue;
		}
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			rep = "&#39;";
			break;
		}
		for (k = 0; rep[k] != '\0'; k++)
			*p++ = rep[k];
	}
	out->len = (size_t)(p - out->data);
	out->data[out->len] = '\0';
}

/*
 * Run the body ops [from, to) of section op of t once, with ctx pushed on
 * the context stack unless it is NULL.  Returns 0 or -1.
 */
static int
exec_body(struct exec *x, const struct tmpl *t, const struct op *op,
    size_t from, size_t to, const struct val *ctx)
{
	int rc;

	if (x->nest >= TMPL_MAX_NEST)
		return xerr(x, t, op,
		    "sections and partials nested deeper than %d",
		    TMPL_MAX_NEST);
	x->nest++;
	if (ctx != NULL)
		x->stack[x->depth++] = ctx;
	rc = exec_ops(x, t, from, to);
	if (ctx != NULL)
		x->depth--;
	x->nest--;
	return rc;
}

/* Execute partial op of t.  Returns 0 or -1. */
static int
exec_partial(struct exec *x, const struct tmpl *t, const struct op *op)
{
	const struct tmpl	*p;
	size_t			 i, saved;
	int			 rc;

	if ((i = op->target) >= x->set->len)
		return 0;
	p = x->set->t[i];
	if (x->partials >= TMPL_MAX_PARTIALS)
		return xerr(x, t, op, "partials nested deeper than %d",
		    TMPL_MAX_PARTIALS);
	if (x->nest >= TMPL_MAX_NEST)
		return xerr(x, t, op,
		    "sections and partials nested deeper than %d",
		    TMPL_MAX_NEST);
	saved = x->indent.len;
	if (op->standalone) {
		if (buf_put(&x->indent, op->ind, op->indlen) == -1)
			return -1;
		x->bol = 1;
	}
	x->partials++;
	x->nest++;
	rc = exec_ops(x, p, 0, p->nops);
	x->partials--;
	x->nest--;
	x->indent.len = saved;
	return rc;
}

/* Execute ops [i, end) of t.  Returns 0 or -1. */
static int
exec_ops(struct exec *x, const struct tmpl *t, size_t i, size_t end)
{
	const struct op		*op;
	const struct val	*v;
	const char		*s;
	char			 tmp[VAL_NUM_MAX];
	size_t			 n, k;

	while (i < end) {
		if (x->out->oom)
			return -1;
		op = &t->ops[i];
		if (++x->steps > TMPL_MAX_STEPS)
			return xerr(x, t, op, "execution stopped after "
			    "%d steps (runaway recursion?)", TMPL_MAX_STEPS);
		if (x->out->len > (size_t)TMPL_MAX_OUTPUT)
			return xerr(x, t, op, "execution stopped after "
			    "%ld bytes of output (runaway sections?)",
			    TMPL_MAX_OUTPUT);
		switch (op->type) {
		case OP_TEXT:
			put_text(x, op->s, op->len);
			i++;
			break;
		case OP_VAR:
		case OP_RAW:
			s = val_text(lookup(x, t, op), tmp, &n);
			put_indent(x);
			if (op->type == OP_VAR)
				put_escaped(x->out, s, n);
			else
				buf_put(x->out, s, n);
			i++;
			break;
		case OP_SECTION:
			v = lookup(x, t, op);
			if (val_type(v) == VAL_LIST) {
				for (k = 0; k < val_len(v); k++)
					if (exec_body(x, t, op, i + 1, op->end,
					    val_list_get(v, k)) == -1)
						return -1;
			} else if (val_truthy(v) &&
			    exec_body(x, t, op, i + 1, op->end, v) == -1)
				return -1;
			i = op->end;
			break;
		case OP_INVERTED:
			if (!val_truthy(lookup(x, t, op)) &&
			    exec_body(x, t, op, i + 1, op->end, NULL) == -1)
				return -1;
			i = op->end;
			break;
		case OP_PARTIAL:
			if (exec_partial(x, t, op) == -1)
				return -1;
			i++;
			break;
		}
	}
	return x->out->oom ? -1 : 0;
}

int
tmpl_exec_diag(const struct tmpl_set *set, const char *name,
    const struct val *data, struct buf *out, struct diag *d)
{
	struct exec	 x;
	size_t		 i, start;
	int		 rc = -1;

	if (set == NULL || name == NULL || out == NULL)
		return -1;
	memset(&x, 0, sizeof(x));
	start = out->len;
	if ((i = find_tmpl(set, name, strlen(name))) == set->len) {
		if (d != NULL)
			diag_error(d, NULL, 0, 0, "no template named \"%s\"",
			    name);
		return -1;
	}
	x.set = set;
	x.out = out;
	x.d = d;
	x.bol = 1;
	buf_init(&x.indent);
	/*
	 * One context per nesting level, plus the root.  Not zeroed (8 KB
	 * per call adds up over a site): only entries below depth are read.
	 */
	if ((x.stack = malloc((TMPL_MAX_NEST + 1) * sizeof(*x.stack))) !=
	    NULL) {
		if (data != NULL)
			x.stack[x.depth++] = data;
		rc = exec_ops(&x, set->t[i], 0, set->t[i]->nops);
	}
	if (rc == -1) {
		/* Limits were reported where hit; what is left is ENOMEM. */
		if ((x.stack == NULL || x.indent.oom || out->oom) && d != NULL)
			diag_error(d, set->t[i]->file, 0, 0, "%s",
			    strerror(ENOMEM));
		if (out->data != NULL && start <= out->len) {
			out->len = start;
			out->data[start] = '\0';
		}
	}
	free(x.stack);
	buf_release(&x.indent);
	return rc;
}

int
tmpl_exec(const struct tmpl_set *set, const char *name,
    const struct val *data, struct buf *out)
{
	return tmpl_exec_diag(set, name, data, out, NULL);
}
