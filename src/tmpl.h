/*
 * Mustache templates, as in the official spec (../shared/mustache-spec/:
 * comments, delimiters, interpolation, inverted, partials, sections; no
 * lambdas, no inheritance).  Each template is parsed once into an op tree
 * (text, escaped and raw variables, sections, inverted sections,
 * partials) and can then be executed any number of times against a value
 * tree (val.h).  The language is documented in tests/spec/template.txt.
 *
 * Templates live in a named set; partials ({{>name}}) are looked up in the
 * same set when executed, so they may be added in any order.  A missing
 * partial renders as "" (spec).  {{x}} escapes & < > " ' for HTML;
 * {{{x}}} and {{&x}} print raw, for HTML the program made itself.
 *
 * No global state: different sets may be used from different threads, and
 * one set may be executed concurrently once it is no longer modified.
 * Nothing is printed: parse errors go to a struct diag.
 */
#ifndef GRIDSTAR_TMPL_H
#define GRIDSTAR_TMPL_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "val.h"

/* Sections nested deeper than this in one template are a parse error. */
#define TMPL_MAX_DEPTH		128
/* Partials nested deeper than this at execution are an error. */
#define TMPL_MAX_PARTIALS	64
/*
 * Sections and partials nested deeper than this, all templates together,
 * are an error at execution (bounds the C stack used).
 */
#define TMPL_MAX_NEST		1024
/*
 * Ops executed by one tmpl_exec call past which it fails (well under a
 * second): stops runaway recursion that fans out, two partial calls per
 * level of deep data, before the depth limits are reached.
 */
#define TMPL_MAX_STEPS		10000000
/* Bytes one tmpl_exec call may write before it fails (runaway output). */
#define TMPL_MAX_OUTPUT		(64L * 1024 * 1024)

struct tmpl_set;

/* New empty set, or NULL when out of memory.  Free with tmpl_set_free. */
struct tmpl_set	*tmpl_set_new(void);
/* Free the set and every template in it.  NULL is a no-op. */
void		 tmpl_set_free(struct tmpl_set *);

/*
 * Parse len bytes of text (copied; need not be NUL-terminated) and add the
 * result to the set as name (copied), replacing any template of that
 * name.  Errors go to d (may be NULL) as "FILE:LINE: message", FILE being
 * filename, or name when filename is NULL: for example
 * 'unclosed section "x"', 'unclosed tag: missing "}}"',
 * 'mismatched closing tag "y", expected "x" (opened on line 3)',
 * 'bad tag name "a b": white space in name',
 * 'sections nested deeper than 128'.  Parsing stops at the first
 * structural error; bad names are all reported.
 * Returns 0, or -1 on a parse error (the set is then unchanged) or when
 * out of memory (reported to d as well).
 */
int		 tmpl_set_add(struct tmpl_set *, const char *name,
		    const char *text, size_t len, struct diag *d,
		    const char *filename);

/* Whether the set holds a template called name: 1 or 0. */
int		 tmpl_set_has(const struct tmpl_set *, const char *name);

/*
 * Render template name with data (may be NULL: no data) as the root
 * context, appending to out.  Returns 0, or -1 when there is no such
 * template, when partials or sections nest too deeply or it runs too long
 * (see TMPL_MAX_*: runaway partial recursion), or when out of memory;
 * out is then put back to the length it had on entry.
 */
int		 tmpl_exec(const struct tmpl_set *, const char *name,
		    const struct val *data, struct buf *out);
/*
 * The same, also reporting why it failed to d (may be NULL) as
 * "FILE:LINE: message" for the tag that failed, e.g.
 * 'partials nested deeper than 64'.
 */
int		 tmpl_exec_diag(const struct tmpl_set *, const char *name,
		    const struct val *data, struct buf *out, struct diag *d);

#endif /* GRIDSTAR_TMPL_H */
