/*
 * Markdown to HTML for the notices of input/notices/ (issue 3), with
 * cmark in its safe mode: raw HTML is replaced by a comment and links or
 * images to javascript:, vbscript:, file: and most data: URLs lose their
 * address, so a notice can never put script on a page.  On top of
 * CommonMark, pipe tables as GitHub writes them (a header row, a
 * delimiter row such as |---|:-:|, then body rows) become HTML tables,
 * because offices write their ratio and schedule tables that way.
 * This is the only file that includes cmark.h.
 */
#ifndef GRIDSTAR_MD_H
#define GRIDSTAR_MD_H

#include <stddef.h>

struct buf;

/*
 * Render len bytes of Markdown text (UTF-8, need not be NUL-terminated)
 * as an HTML fragment appended to out.  Returns 0, or -1 when out of
 * memory (out may then hold part of the fragment).
 */
int	 md_html(const char *text, size_t len, struct buf *out);

#endif /* GRIDSTAR_MD_H */
