/*
 * Output writers: one interface (begin columns, rows, end) with table, tsv,
 * csv, json, jsonl, markdown and html behind it, each format a table of
 * functions in a file of its own (lib/out_*.c). Commands build rows once;
 * the format is the user's choice.
 */
#ifndef CX_OUT_H
#define CX_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cx/err.h"

typedef enum cx_fmt {
	CX_FMT_TABLE,
	CX_FMT_TSV,
	CX_FMT_CSV,
	CX_FMT_JSON,
	CX_FMT_JSONL,
	CX_FMT_MARKDOWN, /* for people: to paste into chat or email */
	CX_FMT_HTML,     /* for people: one self-contained page */
} cx_fmt;

/* Parses "table", "tsv", ... ; returns -1 when unknown. */
int cx_fmt_parse(const char *s);
const char *cx_fmt_name(cx_fmt f);

typedef enum cx_type {
	CX_T_TEXT,
	CX_T_INT,
	CX_T_REAL,
	CX_T_TIME, /* Unix seconds: local time for people, ISO 8601 UTC for machines */
	CX_T_BOOL,
	CX_T_SECS, /* a length of time in seconds: "3d" for people, a number for machines */
	CX_T_JSON, /* text that is JSON already (an array, an object): written as it is in JSON */
} cx_type;

enum {
	CX_COL_WIDE = 1 << 0,  /* table: this column gives way when the line is too long */
	CX_COL_AGE = 1 << 1,   /* table: show a CX_T_TIME as its age ("3d") */
	CX_COL_HIDE = 1 << 2,  /* table: leave this column out (machine formats keep it) */
	CX_COL_DATE = 1 << 3,  /* table: show a CX_T_TIME as its date only */
	CX_COL_DUE = 1 << 4,   /* table: a CX_T_SECS left until a deadline; once past, shown as how late ("2d late") */
	CX_COL_ALERT = 1 << 5, /* table: an alarm word here (urgent, breached: cx_alarm_words) stands out in colour */
};

/*
 * table, on a narrow terminal: the order in which columns are left out when
 * the row cannot fit even with its text cut short, 1 first (up to 15);
 * unranked columns go after those, from the right; never the first column.
 */
#define CX_COL_DROP(n) ((unsigned)(n) << 8)

typedef struct cx_col {
	const char *name;
	cx_type type;
	unsigned flags;
	int decimals; /* CX_T_REAL: digits after the point in the table format */
} cx_col;

typedef enum cx_vkind { CX_V_NULL, CX_V_INT, CX_V_REAL, CX_V_TEXT } cx_vkind;

typedef struct cx_val {
	cx_vkind kind;
	int64_t i;
	double r;
	const char *s;
} cx_val;

#define CX_NULLV ((cx_val){ .kind = CX_V_NULL })
#define CX_INTV(x) ((cx_val){ .kind = CX_V_INT, .i = (x) })
#define CX_REALV(x) ((cx_val){ .kind = CX_V_REAL, .r = (x) })
static inline cx_val cx_textv(const char *s)
{
	cx_val v = { .kind = s ? CX_V_TEXT : CX_V_NULL, .s = s };
	return v;
}
#define CX_TEXTV(x) cx_textv(x)

/* How a section is laid out in the table format. */
typedef enum cx_layout {
	CX_LAY_TABLE,  /* aligned columns */
	CX_LAY_RECORD, /* one row as "Key: value" lines; a JSON object rather than an array */
	CX_LAY_LOG,    /* each row: the other columns on one line, the last column below, indented */
} cx_layout;

typedef struct cx_out_opts {
	cx_fmt fmt;
	int width;  /* table: terminal width to fit, 0 = do not truncate */
	int color;  /* table: use ANSI colour */
	int64_t now; /* table: the moment ages are counted to */
	const char *title; /* html: the page's title and heading */
} cx_out_opts;

typedef struct cx_out cx_out;

cx_out *cx_out_new(FILE *fp, const cx_out_opts *opts);
/* Ends any open document and frees the writer; returns CX_EIO if a write failed. */
int cx_out_free(cx_out *out, cx_err *err);
cx_fmt cx_out_fmt(const cx_out *out);
/* The page title (HTML) for what is written next. */
void cx_out_title(cx_out *out, const char *title);

/*
 * Starts a block of rows. section is NULL for a plain list; a named section
 * makes the output a document: JSON gets one object with a member per
 * section, JSONL a "section" field on each line, TSV/CSV blocks separated by
 * a blank line, the table format a heading per section. title, when given,
 * is the table heading instead of the section name.
 */
void cx_out_begin(cx_out *out, const char *section, const char *title, cx_layout lay,
		  const cx_col *cols, int ncols);
/*
 * An array of columns and its length, for cx_out_begin: counted by the
 * compiler, never by hand (a pointer instead of an array is a warning).
 */
#define CX_COLS(a) (a), (int)(sizeof(a) / sizeof((a)[0]))
void cx_out_row(cx_out *out, const cx_val *vals);
void cx_out_end(cx_out *out);
/* Rows written in the current block so far. */
int64_t cx_out_rows(const cx_out *out);
/* The columns of the current block, as cx_out_begin was given them. */
int cx_out_ncols(const cx_out *out);
/* A line of text for people: in the table, markdown and HTML formats only. */
void cx_out_text(cx_out *out, const char *text);
/* Markup passed through as it is (an SVG chart): in the HTML format only. */
void cx_out_raw(cx_out *out, const char *html);
/* Whether the format is for people (table, markdown, html) rather than scripts. */
int cx_fmt_people(cx_fmt f);

/* Writes s as a JSON string literal (quotes included). */
void cx_json_string(FILE *fp, const char *s);
/* The same into dst, which has room for 6 * strlen(s) + 3 bytes; returns the length. */
size_t cx_json_quote(char *dst, const char *s);

/* Display width of UTF-8 text in terminal columns (control characters count 1, shown as U+FFFD). */
int cx_text_width(const char *s);
/*
 * A copy of s to show people (free it; NULL when out of memory): control and
 * bidi characters, and bytes that are not UTF-8, become U+FFFD, newlines and
 * tabs spaces, as in every field of the table format.
 */
char *cx_text_clean(const char *s);

#endif
