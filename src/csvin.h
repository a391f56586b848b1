/*
 * Reading the office's spreadsheets (RULES.md §2, "All CSV files").
 * A file is decoded (UTF-8 with or without BOM, else GB18030), parsed with
 * libcsv one physical line at a time so that every record keeps the line it
 * starts on, and its header is matched against a column specification.
 */
#ifndef GRIDSTAR_CSVIN_H
#define GRIDSTAR_CSVIN_H

#include <stddef.h>

struct diag;

/* One expected column. */
struct csvin_col {
	const char	*en;		/* English header, matched case-insensitively */
	const char	*zh;		/* Chinese header */
	int		 required;	/* 1: a file without this column is an error */
};

/* One data row. */
struct csvin_row {
	long	  line;		/* physical line the record starts on */
	char	**cells;	/* one per spec column, trimmed; NULL when the column is absent */
};

struct csvin_chunk;

/* A parsed file. */
struct csvin {
	char		 *path;		/* path as shown in messages */
	size_t		  ncols;	/* number of spec columns */
	int		 *pos;		/* 1-based field position of each spec column, 0 if absent */
	struct csvin_row *rows;		/* data rows, blank rows left out */
	size_t		  nrows;
	struct csvin_chunk *chunks;	/* (private) the cells' bytes */
	char		**cellv;	/* (private) every row's cells */
};

/*
 * Read and parse the file at path (shown as path in messages), matching its
 * header against cols[0..ncols-1].  Every problem found is reported to d;
 * rows with the wrong number of fields are reported and left out.
 * Returns the table (free with csvin_free), or NULL when the file could not
 * be read, decoded or parsed, or its header is wrong (all reported to d).
 */
struct csvin	*csvin_read(const char *path, const struct csvin_col *cols,
		    size_t ncols, struct diag *d);
/*
 * Same, from bytes in memory (used by tests and fuzzing); path only names
 * the data in messages.
 */
struct csvin	*csvin_parse(const char *path, const char *data, size_t len,
		    const struct csvin_col *cols, size_t ncols, struct diag *d);
/* Free a table. NULL is a no-op. */
void		 csvin_free(struct csvin *);
/*
 * Decode bytes to UTF-8 as RULES.md §2 says: a UTF-8 BOM means UTF-8 (the BOM
 * is dropped); else valid UTF-8 is taken as is; else GB18030 is converted.
 * Returns a NUL-terminated malloc'd copy (length in *outlen) that the caller
 * frees, or NULL with *badline set to the first line that is neither (0 when
 * out of memory).
 */
char		*csvin_decode(const char *data, size_t len, size_t *outlen,
		    long *badline);
/* Whether s[0..len-1] is valid UTF-8. */
int		 csvin_utf8_valid(const char *s, size_t len);

#endif /* GRIDSTAR_CSVIN_H */
