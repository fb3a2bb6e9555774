/*
 * Inside libcx: the output writer's state, the table of functions each
 * format gives (lib/out_table.c, out_delimited.c, out_json.c,
 * out_markdown.c, out_html.c), and what they share (lib/out.c).
 */
#ifndef CX_OUT_IMPL_H
#define CX_OUT_IMPL_H

#include <stdint.h>

#include "cx/out.h"

/* One format's steps; a NULL step does nothing there. */
typedef struct out_format {
	int people;                                  /* for people (values as 3d, yes), not scripts */
	void (*begin)(cx_out *out, int first);       /* a block begins; first: the first of the output */
	void (*row)(cx_out *out, const cx_val *vals); /* a row of the block */
	void (*end)(cx_out *out);                    /* the block ends */
	void (*text)(cx_out *out, const char *text); /* a line for people, already cleaned */
	void (*raw)(cx_out *out, const char *markup); /* markup as it is (an SVG chart) */
	void (*finish)(cx_out *out);                 /* the output ends */
} out_format;

extern const out_format cx_out_table, cx_out_tsv, cx_out_csv, cx_out_json, cx_out_jsonl, cx_out_markdown,
	cx_out_html;

struct cx_out {
	FILE *fp;
	cx_out_opts o;
	const out_format *f;
	int doc;       /* a named section was begun: the output is a document */
	int nsections; /* sections begun so far */
	int printed;   /* table format: blocks shown so far */
	int started;   /* html, markdown: the document has begun (its title written) */
	char *page_title;
	int in_block;
	const char *section;
	char *title;
	cx_layout lay;
	cx_col *cols;
	int ncols;
	int64_t nrows;
	/* the formats for people: cells buffered until the end of the block */
	char **cells;
	unsigned char *hot; /* per cell: what needs attention (stands out in colour) */
	size_t ncells, cap;
	int oom;
};

/* What people see instead of a control character, or of a byte that is not UTF-8: U+FFFD. */
#define CX_OUT_FFFD "\xef\xbf\xbd"

/* A character that can drive a terminal or change what a reader sees (controls, bidi controls). */
int cx_out_unsafe(uint32_t cp);
/* Its display width in terminal columns. */
int cx_out_cp_width(uint32_t cp);
/* A copy of s for people (see lib/out.c); NULL when out of memory. */
char *cx_out_clean(const char *s, int keep_nl);
/* Cuts s to the longest prefix that fits in w columns, with an ellipsis. */
void cx_out_truncate(char *s, int w);
/* Whether a column is a number (aligned right). */
int cx_out_numeric(cx_type t);
/* A non-null value as the format shows it, in buf (or v->s itself). */
const char *cx_out_value(const cx_out *out, const cx_col *c, const cx_val *v, char *buf, size_t size);
/* A column's name as people read it; upper: a table's heading, else a record's key. */
void cx_out_label(const cx_col *c, int upper, char *buf, size_t size);
/* The heading of a section for people: its title, or its name with a capital. */
void cx_out_section_title(const cx_out *out, char *buf, size_t size);
/* The row step of the formats for people: keeps the row's cells, cleaned, for the end of the block. */
void cx_out_store(cx_out *out, const cx_val *vals);

#endif
