/*
 * TSV and CSV, for scripts and spreadsheets: a header line of column names
 * per block, one line per row, each format escaping its own way.
 */
#include <stdlib.h>
#include <string.h>

#include "out_impl.h"
#include "utf8.h"

static void tsv_cell(FILE *fp, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\\': fputs("\\\\", fp); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(fp, "\\x%02x", *p);
			} else if (*p >= 0x80) {
				/* a C1 or bidi control as \uXXXX, the escapes' way; a byte that is not UTF-8 as it is */
				uint32_t cp;
				int n = cx_utf8_decode(p, &cp);
				if (n && cx_out_unsafe(cp)) {
					fprintf(fp, "\\u%04x", (unsigned)cp);
					p += n - 1;
				} else {
					putc(*p, fp);
				}
			} else {
				putc(*p, fp);
			}
		}
	}
}

/*
 * The text of a CSV cell, for a spreadsheet or a terminal: control and bidi
 * characters but the line breaks and tabs CSV quotes become U+FFFD; a byte
 * that is not UTF-8 stays as it is (the file may be another encoding's).
 * Returns s itself when nothing changes, NULL when out of memory.
 */
static char *csv_clean(const char *s)
{
	/* plain ASCII text, the usual cell, needs no copy */
	const unsigned char *u = (const unsigned char *)s;
	while (*u && *u < 0x7f && (*u >= 0x20 || *u == '\t' || *u == '\n' || *u == '\r'))
		u++;
	if (!*u)
		return (char *)s;
	char *r = malloc(3 * strlen(s) + 1), *q = r;
	const unsigned char *p = (const unsigned char *)s;
	if (!r)
		return NULL;
	while (*p) {
		uint32_t cp;
		int k = cx_utf8_decode(p, &cp);
		if (k && cx_out_unsafe(cp) && cp != '\t' && cp != '\n' && cp != '\r') {
			memcpy(q, CX_OUT_FFFD, 3);
			q += 3;
		} else {
			memcpy(q, p, (size_t)(k ? k : 1));
			q += k ? k : 1;
		}
		p += k ? k : 1;
	}
	*q = '\0';
	return r;
}

static void csv_cell(FILE *fp, const char *s, int text)
{
	/* A spreadsheet runs a cell starting with these as a formula. */
	int neutral = text && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
			       s[0] == '\t' || s[0] == '\r');
	int quote = neutral || strpbrk(s, ",\"\r\n") != NULL ||
		    (s[0] && (s[0] == ' ' || s[strlen(s) - 1] == ' '));
	if (!quote) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	if (neutral)
		putc('\'', fp);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

/* A block's header line; the blocks of a document are apart by an empty line. */
static void header(cx_out *out, int first, char sep)
{
	if (!first)
		putc('\n', out->fp);
	for (int i = 0; i < out->ncols; i++) {
		if (i)
			putc(sep, out->fp);
		fputs(out->cols[i].name, out->fp);
	}
	putc('\n', out->fp);
}

static void tsv_begin(cx_out *out, int first)
{
	header(out, first, '\t');
}

static void csv_begin(cx_out *out, int first)
{
	header(out, first, ',');
}

static void tsv_row(cx_out *out, const cx_val *vals)
{
	char buf[64];
	for (int i = 0; i < out->ncols; i++) {
		if (i)
			putc('\t', out->fp);
		if (vals[i].kind != CX_V_NULL)
			tsv_cell(out->fp, cx_out_value(out, &out->cols[i], &vals[i], buf, sizeof buf));
	}
	putc('\n', out->fp);
}

static void csv_row(cx_out *out, const cx_val *vals)
{
	char buf[64];
	for (int i = 0; i < out->ncols; i++) {
		if (i)
			putc(',', out->fp);
		if (vals[i].kind == CX_V_NULL)
			continue;
		const char *t = cx_out_value(out, &out->cols[i], &vals[i], buf, sizeof buf);
		char *c = csv_clean(t);
		if (!c) {
			out->oom = 1;
			return;
		}
		csv_cell(out->fp, c, vals[i].kind == CX_V_TEXT && !cx_out_numeric(out->cols[i].type));
		if (c != t)
			free(c);
	}
	putc('\n', out->fp);
}

const out_format cx_out_tsv = { .begin = tsv_begin, .row = tsv_row };
const out_format cx_out_csv = { .begin = csv_begin, .row = csv_row };
