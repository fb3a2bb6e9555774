/*
 * Inside libcx: a streaming reader of CSV/TSV exports. It finds the encoding
 * (UTF-8 with or without BOM, UTF-16 by BOM, or as told), the separator, and
 * hands back one record at a time with the physical line it starts on, so
 * every error can name file and line. Memory stays bounded by the largest
 * record (64 MB at most), whatever the file size. Parsing itself is
 * libcsv's. A field quoted empty ("") reads as an empty one: both are no
 * answer.
 */
#ifndef CX_CSV_READER_H
#define CX_CSV_READER_H

#include <stddef.h>
#include <stdint.h>

#include "cx/err.h"

typedef struct cx_csv cx_csv;

typedef struct cx_csv_opts {
	const char *encoding; /* NULL: UTF-8, or UTF-16 when a BOM says so; else "cp1252", "latin1", ... */
	char sep;             /* 0: the most frequent of , ; and tab in the first line */
} cx_csv_opts;

typedef struct cx_row {
	int n;              /* number of fields */
	char **f;           /* NUL-terminated, valid UTF-8, until the next call */
	int64_t line;       /* physical line the record starts on (1-based) */
	int64_t end_line;   /* physical line it ends on */
} cx_row;

/* path "-" reads standard input; name is what messages call it (NULL: the path). */
int cx_csv_open(cx_csv **r, const char *path, const char *name, const cx_csv_opts *o, cx_err *err);
/* 1 with a row, 0 at the end, or a negative status with "file:LINE: ..." in err. */
int cx_csv_next(cx_csv *r, cx_row *row, cx_err *err);
void cx_csv_close(cx_csv *r);

const char *cx_csv_name(const cx_csv *r);
char cx_csv_sep(const cx_csv *r);
/* "UTF-8", "UTF-8 with BOM", "UTF-16LE", ... */
const char *cx_csv_encoding(const cx_csv *r);
/* Bytes read so far and the file's size (0 when unknown), for progress. */
int64_t cx_csv_bytes(const cx_csv *r);
int64_t cx_csv_size(const cx_csv *r);

/*
 * Lines so far with a bare quote inside an unquoted field (a CSV field
 * such as 5" screen), read as a literal quote as spreadsheet programs do;
 * *first_line is the first of them. A quoted field that goes on after its
 * closing quote ("a"b) is still refused.
 */
int64_t cx_csv_loose_quotes(const cx_csv *r, int64_t *first_line);
/* The same as a note for the import's report ("" when there were none). */
void cx_csv_loose_note(const cx_csv *r, char *buf, size_t size);

/* Whether a header cell names this column: the same letters in any case, the blanks around it aside. */
int cx_csv_header_is(const char *cell, const char *name);

/* Position of the first invalid UTF-8 byte in s[0..n), or -1. */

long cx_utf8_invalid(const unsigned char *s, size_t n);

#endif
