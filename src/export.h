/*
 * The open-data export (RULES.md §8): results.csv and results.json per
 * month, annual.csv, quarter.csv and the frontage tables.
 */
#ifndef GRIDSTAR_EXPORT_H
#define GRIDSTAR_EXPORT_H

#include "model.h"

struct buf;
struct diag;

/*
 * Write every data file of res under root/data/.  Problems are reported
 * to d.  Returns 0, or -1 on failure.
 */
int	 export_write(const struct result *res, const char *root,
	    struct diag *d);
/*
 * Append the CSV of one month's results (RULES.md §8) to out, with its
 * UTF-8 byte-order mark and CRLF line ends.  Returns 0 or -1.
 */
int	 export_results_csv(const struct result *res,
	    const struct month_res *mr, struct buf *out);
/*
 * Append one CSV cell to out, quoted when it holds a comma, quote, CR or
 * LF, and defused (prefixed with ') when text begins with =, +, -, @, tab
 * or CR, so that spreadsheets never run it as a formula.
 */
void	 export_csv_cell(struct buf *out, const char *s, int is_text);

#endif /* GRIDSTAR_EXPORT_H */
