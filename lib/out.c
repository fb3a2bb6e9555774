/*
 * Output writers behind one interface: aligned tables for people; TSV, CSV,
 * JSON and JSON Lines for scripts, with stable names and no decoration.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "cx/date.h"
#include "cx/out.h"
#include "cx/words.h"

static char *term_clean(const char *s, int keep_nl);

struct cx_out {
	FILE *fp;
	cx_out_opts o;
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
	/* table format: cells buffered until the end of the block */
	char **cells;
	unsigned char *hot; /* per cell: what needs attention (stands out in colour) */
	size_t ncells, cap;
	int oom;
};

int cx_fmt_parse(const char *s)
{
	int i = cx_words_find(cx_out_formats, s);
	if (i >= 0)
		return i;
	if (!strcmp(s, "text"))
		return CX_FMT_TABLE;
	if (!strcmp(s, "md"))
		return CX_FMT_MARKDOWN;
	return -1;
}

const char *cx_fmt_name(cx_fmt f)
{
	return cx_out_formats[f];
}

cx_out *cx_out_new(FILE *fp, const cx_out_opts *opts)
{
	cx_out *out = calloc(1, sizeof *out);
	if (!out)
		return NULL;
	out->fp = fp;
	out->o = *opts;
	return out;
}

int cx_fmt_people(cx_fmt f)
{
	return f == CX_FMT_TABLE || f == CX_FMT_MARKDOWN || f == CX_FMT_HTML;
}

void cx_out_title(cx_out *out, const char *title)
{
	free(out->page_title);
	/* a title may quote stored text (a customer's name): cleaned as every field is */
	out->page_title = title ? term_clean(title, 0) : NULL;
	out->o.title = out->page_title;
}

cx_fmt cx_out_fmt(const cx_out *out)
{
	return out->o.fmt;
}

int64_t cx_out_rows(const cx_out *out)
{
	return out->nrows;
}

/* ---- UTF-8 and display width ---- */

/* Decodes one UTF-8 sequence; returns its length, or 0 for an invalid byte. */
static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int n;
	uint32_t c;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/*
 * A character that can drive a terminal or change what a reader sees: the
 * C0 and C1 controls, DEL, and the Unicode bidi controls that reorder text
 * (so "\u202egpj.exe" shows as "exe.jpg").
 */
static int unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* What people see instead of such a character, or of a byte that is not UTF-8: U+FFFD. */
#define REPLACEMENT "\xef\xbf\xbd"

static int cp_width(uint32_t cp)
{
	if (unsafe(cp))
		return 1; /* shown as U+FFFD */
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int cx_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;
	while (*p) {
		uint32_t cp;
		int n = utf8_decode(p, &cp);
		if (n == 0) {
			w++;
			p++;
			continue;
		}
		w += cp_width(cp);
		p += n;
	}
	return w;
}

/*
 * Copies s for people (the table, markdown and HTML formats, titles and
 * sentences): control and bidi characters and bytes that are not UTF-8
 * become U+FFFD, so stored text can never repaint the screen or disguise
 * itself. A tab is a space; keep_nl keeps newlines (for text shown on
 * lines of its own), else they are spaces too; a carriage return goes.
 */
static char *term_clean(const char *s, int keep_nl)
{
	size_t n = strlen(s);
	char *r = malloc(3 * n + 1), *q = r;
	const unsigned char *p = (const unsigned char *)s;
	if (!r)
		return NULL;
	while (*p) {
		uint32_t cp;
		int k = utf8_decode(p, &cp);
		if (k == 0) {
			memcpy(q, REPLACEMENT, 3);
			q += 3;
			p++;
		} else if (cp == '\n' || cp == '\t') {
			*q++ = cp == '\n' && keep_nl ? '\n' : ' ';
			p++;
		} else if (cp == '\r') {
			p++;
		} else if (unsafe(cp)) {
			memcpy(q, REPLACEMENT, 3);
			q += 3;
			p += k;
		} else {
			memcpy(q, p, (size_t)k);
			q += k;
			p += k;
		}
	}
	*q = '\0';
	return r;
}

char *cx_text_clean(const char *s)
{
	return term_clean(s, 0);
}

/* The longest prefix of s that fits in w columns, with an ellipsis when cut. */
static void truncate_to(char *s, int w)
{
	if (cx_text_width(s) <= w)
		return;
	unsigned char *p = (unsigned char *)s;
	int used = 0;
	while (*p) {
		uint32_t cp;
		int n = utf8_decode(p, &cp);
		int cw = n ? cp_width(cp) : 1;
		if (n == 0)
			n = 1;
		if (used + cw > w - 1)
			break;
		used += cw;
		p += n;
	}
	/* the ellipsis takes three bytes: where the cut freed fewer, a character more goes */
	while (p > (unsigned char *)s && strlen((char *)p) < 3) {
		do
			p--;
		while (p > (unsigned char *)s && (*p & 0xc0) == 0x80);
	}
	if (w >= 1 && strlen((char *)p) >= 3)
		strcpy((char *)p, "\xe2\x80\xa6");
	else
		*p = '\0';
}

/* ---- values to text ---- */

static int is_numeric(cx_type t)
{
	return t == CX_T_INT || t == CX_T_REAL || t == CX_T_SECS;
}

/* Formats a non-null value for the given format into buf (or returns v->s). */
static const char *val_text(const cx_out *out, const cx_col *c, const cx_val *v, char *buf,
			    size_t size)
{
	int people = cx_fmt_people(out->o.fmt);

	if (v->kind == CX_V_TEXT)
		return v->s;
	if (v->kind == CX_V_REAL) {
		if (people)
			snprintf(buf, size, "%.*f", c->decimals > 0 ? c->decimals : 1, v->r);
		else
			snprintf(buf, size, "%.12g", v->r);
		return buf;
	}
	/* integer */
	switch (c->type) {
	case CX_T_TIME:
		if (!people)
			cx_time_iso(v->i, buf);
		else if (c->flags & CX_COL_AGE)
			cx_duration_short(out->o.now - v->i, buf);
		else {
			cx_time_local(v->i, buf);
			if (c->flags & CX_COL_DATE)
				buf[10] = '\0';
		}
		return buf;
	case CX_T_SECS:
		if (people && (c->flags & CX_COL_DUE) && v->i < 0) {
			char late[CX_TIME_BUF];
			cx_duration_short(-v->i, late);
			snprintf(buf, size, "%s late", late);
		} else if (people) {
			cx_duration_short(v->i, buf);
		} else {
			snprintf(buf, size, "%" PRId64, v->i);
		}
		return buf;
	case CX_T_BOOL:
		if (people)
			return v->i ? "yes" : "no";
		return v->i ? "1" : "0";
	case CX_T_REAL:
		if (people)
			snprintf(buf, size, "%.*f", c->decimals > 0 ? c->decimals : 1, (double)v->i);
		else
			snprintf(buf, size, "%" PRId64, v->i);
		return buf;
	default:
		snprintf(buf, size, "%" PRId64, v->i);
		return buf;
	}
}

/* ---- escaping for machine formats ---- */

size_t cx_json_quote(char *dst, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	char *d = dst;
	*d++ = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': *d++ = '\\'; *d++ = '"'; break;
		case '\\': *d++ = '\\'; *d++ = '\\'; break;
		case '\n': *d++ = '\\'; *d++ = 'n'; break;
		case '\r': *d++ = '\\'; *d++ = 'r'; break;
		case '\t': *d++ = '\\'; *d++ = 't'; break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				memcpy(d, "\\u00", 4);
				d[4] = hex[*p >> 4];
				d[5] = hex[*p & 15];
				d += 6;
			} else if (*p < 0x80) {
				*d++ = (char)*p;
			} else {
				/*
				 * JSON is UTF-8: a byte that is not becomes U+FFFD. C1 and bidi
				 * controls stay, as escapes a terminal showing the file cannot act on.
				 */
				uint32_t cp;
				int n = utf8_decode(p, &cp);
				if (n == 0) {
					memcpy(d, "\\ufffd", 6);
					d += 6;
				} else if (unsafe(cp)) {
					memcpy(d, "\\u", 2);
					for (int i = 0; i < 4; i++)
						d[2 + i] = hex[(cp >> (12 - 4 * i)) & 15];
					d += 6;
					p += n - 1;
				} else {
					memcpy(d, p, (size_t)n);
					d += n;
					p += n - 1;
				}
			}
		}
	}
	*d++ = '"';
	*d = '\0';
	return (size_t)(d - dst);
}

void cx_json_string(FILE *fp, const char *s)
{
	char small[512];
	size_t need = 6 * strlen(s) + 3;
	char *buf = need <= sizeof small ? small : malloc(need);
	if (!buf) {
		fputs("null", fp);
		return;
	}
	fwrite(buf, 1, cx_json_quote(buf, s), fp);
	if (buf != small)
		free(buf);
}

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
				int n = utf8_decode(p, &cp);
				if (n && unsafe(cp)) {
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
		int k = utf8_decode(p, &cp);
		if (k && unsafe(cp) && cp != '\t' && cp != '\n' && cp != '\r') {
			memcpy(q, REPLACEMENT, 3);
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

/* ---- blocks ---- */

static void free_cells(cx_out *out)
{
	for (size_t i = 0; i < out->ncells; i++)
		free(out->cells[i]);
	out->ncells = 0;
}

void cx_out_begin(cx_out *out, const char *section, const char *title, cx_layout lay,
		  const cx_col *cols, int ncols)
{
	FILE *fp = out->fp;

	if (out->in_block)
		cx_out_end(out);
	free(out->cols);
	out->cols = malloc(sizeof *cols * (size_t)ncols);
	if (!out->cols) {
		out->oom = 1;
		out->ncols = 0;
	} else {
		memcpy(out->cols, cols, sizeof *cols * (size_t)ncols);
		out->ncols = ncols;
	}
	free(out->title);
	out->title = title ? term_clean(title, 0) : NULL;
	out->section = section;
	out->lay = lay;
	out->nrows = 0;
	out->in_block = 1;
	if (section)
		out->doc = 1;
	int first = out->nsections++ == 0;

	switch (out->o.fmt) {
	case CX_FMT_JSON:
		if (out->doc) {
			fputs(first ? "{" : ",\n", fp);
			cx_json_string(fp, section ? section : "rows");
			fputs(lay == CX_LAY_RECORD ? ":" : ":[", fp);
		} else {
			fputs("[", fp);
		}
		break;
	case CX_FMT_TSV:
	case CX_FMT_CSV:
		if (!first)
			putc('\n', fp);
		for (int i = 0, k = 0; i < out->ncols; i++) {
			if (k++)
				putc(out->o.fmt == CX_FMT_TSV ? '\t' : ',', fp);
			fputs(out->cols[i].name, fp);
		}
		putc('\n', fp);
		break;
	default:
		break;
	}
}

static void json_value(cx_out *out, const cx_col *c, const cx_val *v)
{
	char buf[64];
	FILE *fp = out->fp;

	/* JSON has no spelling for infinity or NaN: null keeps the document valid. */
	if (v->kind == CX_V_NULL || (v->kind == CX_V_REAL && !isfinite(v->r))) {
		fputs("null", fp);
		return;
	}
	if (c->type == CX_T_BOOL && v->kind == CX_V_INT) {
		fputs(v->i ? "true" : "false", fp);
		return;
	}
	const char *t = val_text(out, c, v, buf, sizeof buf);
	if ((v->kind == CX_V_INT && c->type != CX_T_TIME) || v->kind == CX_V_REAL)
		fputs(t, fp);
	else
		cx_json_string(fp, t);
}

static void json_object(cx_out *out, const cx_val *vals)
{
	FILE *fp = out->fp;
	putc('{', fp);
	if (out->o.fmt == CX_FMT_JSONL && out->section) {
		fputs("\"section\":", fp);
		cx_json_string(fp, out->section);
		if (out->ncols)
			putc(',', fp);
	}
	for (int i = 0; i < out->ncols; i++) {
		if (i)
			putc(',', fp);
		cx_json_string(fp, out->cols[i].name);
		putc(':', fp);
		json_value(out, &out->cols[i], &vals[i]);
	}
	putc('}', fp);
}

/*
 * Whether a value needs attention, so that it stands out in colour: an
 * alarm word (urgent, breached) in a column that may hold one, a deadline
 * already past.
 */
static int hot(const cx_col *c, const cx_val *v)
{
	if ((c->flags & CX_COL_ALERT) && v->kind == CX_V_TEXT)
		return cx_words_find(cx_alarm_words, v->s) >= 0;
	return (c->flags & CX_COL_DUE) && v->kind == CX_V_INT && v->i < 0;
}

static void table_store(cx_out *out, const cx_val *vals)
{
	char buf[64];
	if (out->ncells + (size_t)out->ncols > out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 256;
		while (cap < out->ncells + (size_t)out->ncols)
			cap *= 2;
		char **c = realloc(out->cells, cap * sizeof *c);
		if (c)
			out->cells = c;
		unsigned char *h = c ? realloc(out->hot, cap) : NULL;
		if (!h) {
			out->oom = 1;
			return;
		}
		out->hot = h;
		out->cap = cap;
	}
	int keep_nl = out->lay != CX_LAY_TABLE;
	for (int i = 0; i < out->ncols; i++) {
		const char *t = vals[i].kind == CX_V_NULL
					? ""
					: val_text(out, &out->cols[i], &vals[i], buf, sizeof buf);
		out->hot[out->ncells] = hot(&out->cols[i], &vals[i]);
		out->cells[out->ncells++] = term_clean(t, keep_nl);
	}
}

void cx_out_row(cx_out *out, const cx_val *vals)
{
	FILE *fp = out->fp;
	char buf[64];

	if (!out->in_block || out->oom)
		return;
	switch (out->o.fmt) {
	case CX_FMT_TABLE:
	case CX_FMT_MARKDOWN:
	case CX_FMT_HTML:
		table_store(out, vals);
		break;
	case CX_FMT_TSV:
	case CX_FMT_CSV:
		for (int i = 0; i < out->ncols; i++) {
			if (i)
				putc(out->o.fmt == CX_FMT_TSV ? '\t' : ',', fp);
			if (vals[i].kind == CX_V_NULL)
				continue;
			const char *t = val_text(out, &out->cols[i], &vals[i], buf, sizeof buf);
			if (out->o.fmt == CX_FMT_TSV) {
				tsv_cell(fp, t);
				continue;
			}
			char *c = csv_clean(t);
			if (!c) {
				out->oom = 1;
				return;
			}
			csv_cell(fp, c, vals[i].kind == CX_V_TEXT && !is_numeric(out->cols[i].type));
			if (c != t)
				free(c);
		}
		putc('\n', fp);
		break;
	case CX_FMT_JSON:
		if (out->lay == CX_LAY_RECORD && out->doc) {
			if (out->nrows == 0)
				json_object(out, vals);
		} else {
			fputs(out->nrows ? ",\n" : "\n", fp);
			json_object(out, vals);
		}
		break;
	case CX_FMT_JSONL:
		json_object(out, vals);
		putc('\n', fp);
		break;
	}
	out->nrows++;
}

/* ---- the table format ---- */

static void pad(FILE *fp, int n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static void heading(cx_out *out, const char *text)
{
	if (out->printed > 0)
		putc('\n', out->fp);
	if (out->o.color)
		fprintf(out->fp, "\033[1m%s\033[0m\n", text);
	else
		fprintf(out->fp, "%s\n", text);
}

static void section_heading(cx_out *out)
{
	if (!out->doc)
		return;
	if (out->title) {
		heading(out, out->title);
		return;
	}
	char name[64];
	snprintf(name, sizeof name, "%s", out->section ? out->section : "");
	for (char *p = name; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (name[0] >= 'a' && name[0] <= 'z')
		name[0] = (char)(name[0] - 'a' + 'A');
	heading(out, name);
}

/*
 * A column's name as people read it: words apart, upper case (a table's
 * heading) or with a capital (a record's key). A length of time is named
 * with its unit for the machine formats (response_target_s), but shown as
 * 4h or 2d, so the unit is left out here.
 */
static void col_label(const cx_col *c, int upper, char *buf, size_t size)
{
	size_t n = strlen(c->name);
	if (c->type == CX_T_SECS && n > 2 && !strcmp(c->name + n - 2, "_s"))
		n -= 2;
	snprintf(buf, size, "%.*s", (int)n, c->name);
	for (char *p = buf; *p; p++) {
		if (*p == '_')
			*p = ' ';
		else if (*p >= 'a' && *p <= 'z' && (upper || p == buf))
			*p = (char)(*p - 'a' + 'A');
	}
}

/*
 * A text column cut short keeps at least this many columns while others can
 * give way; free text (CX_COL_WIDE) more, for a title cut to a few letters
 * says nothing.
 */
enum { FIT_MIN = 8, FIT_WIDE = 16 };

/* The narrowest a text column may be cut to before columns are left out. */
static int text_floor(const cx_col *c)
{
	return (c->flags & CX_COL_WIDE) ? FIT_WIDE : FIT_MIN;
}

/* The column to leave out next: the lowest CX_COL_DROP rank, else the right-most; -1 when none may go. */
static int to_drop(const cx_out *out, const int *w, int first, int keep)
{
	int best = -1, rank = 0;
	for (int c = out->ncols - 1; c >= 0; c--) {
		if (w[c] < 0 || c == first || c == keep)
			continue;
		int r = (int)((out->cols[c].flags >> 8) & 15);
		/* ranked first, lowest rank; then unranked from the right */
		if (best < 0 || (r && (!rank || r < rank))) {
			best = c;
			rank = r;
		}
	}
	return best;
}

/*
 * On a terminal (width > 0) a table wider than the screen is made to fit, so
 * that each row stays one line: the widest text columns give way first, cut
 * with an ellipsis, free text (CX_COL_WIDE) before the rest, down to their
 * floors; when that is not enough, whole columns are left out, the least
 * important first (CX_COL_DROP), never the first column nor the last free
 * text one, which is cut further.
 */
static void fit(const cx_out *out, int *w)
{
	int nc = out->ncols, first = -1, keep = -1;
	for (int c = 0; c < nc; c++) {
		if (w[c] < 0)
			continue;
		if (first < 0)
			first = c;
		if (out->cols[c].flags & CX_COL_WIDE)
			keep = c;
	}
	for (;;) {
		int least = 0, shown = 0;
		for (int c = 0; c < nc; c++) {
			if (w[c] < 0)
				continue;
			int f = out->cols[c].type == CX_T_TEXT ? text_floor(&out->cols[c]) : w[c];
			least += (w[c] < f ? w[c] : f) + (shown++ ? 2 : 0);
		}
		if (least <= out->o.width)
			break;
		int c = to_drop(out, w, first, keep);
		if (c < 0)
			break;
		w[c] = -1;
	}
	int total = 0, shown = 0;
	for (int c = 0; c < nc; c++)
		if (w[c] >= 0)
			total += w[c] + (shown++ ? 2 : 0);
	/* free text gives way first, then any text; each down to its floor, then below it if it must */
	for (int pass = 0; pass < 3 && total > out->o.width; pass++) {
		while (total > out->o.width) {
			int best = -1, next = 0, floor = 2;
			for (int c = 0; c < nc; c++) {
				int f = pass == 2 ? 2 : text_floor(&out->cols[c]);
				if (w[c] <= f || out->cols[c].type != CX_T_TEXT ||
				    (pass == 0 && !(out->cols[c].flags & CX_COL_WIDE)))
					continue;
				if (best < 0 || w[c] > w[best]) {
					if (best >= 0 && w[best] > next)
						next = w[best];
					best = c;
					floor = f;
				} else if (w[c] > next) {
					next = w[c];
				}
			}
			if (best < 0)
				break;
			/* cut the widest down to the next widest, so that they share what is cut */
			int cut = w[best] - (next > floor ? next : floor);
			if (cut <= 0)
				cut = 1;
			if (cut > total - out->o.width)
				cut = total - out->o.width;
			w[best] -= cut;
			total -= cut;
		}
	}
}

static void print_table(cx_out *out)
{
	FILE *fp = out->fp;
	int nc = out->ncols;
	size_t nr = out->ncells / (size_t)(nc ? nc : 1);
	int *w = calloc((size_t)nc, sizeof *w);
	char hdr[64];

	if (!w)
		return;
	for (int c = 0; c < nc; c++) {
		if (out->cols[c].flags & CX_COL_HIDE) {
			w[c] = -1;
			continue;
		}
		col_label(&out->cols[c], 1, hdr, sizeof hdr);
		w[c] = cx_text_width(hdr);
		for (size_t r = 0; r < nr; r++) {
			int cw = cx_text_width(out->cells[r * (size_t)nc + (size_t)c]);
			if (cw > w[c])
				w[c] = cw;
		}
	}
	if (out->o.width > 0)
		fit(out, w);
	int last = -1;
	for (int c = 0; c < nc; c++)
		if (w[c] >= 0)
			last = c;
	if (out->o.color)
		fputs("\033[2m", fp);
	for (int c = 0, k = 0; c < nc; c++) {
		if (w[c] < 0)
			continue;
		if (k++)
			fputs("  ", fp);
		col_label(&out->cols[c], 1, hdr, sizeof hdr);
		truncate_to(hdr, w[c]);
		int hw = cx_text_width(hdr);
		if (is_numeric(out->cols[c].type))
			pad(fp, w[c] - hw);
		fputs(hdr, fp);
		if (!is_numeric(out->cols[c].type) && c != last)
			pad(fp, w[c] - hw);
	}
	if (out->o.color)
		fputs("\033[0m", fp);
	putc('\n', fp);
	for (size_t r = 0; r < nr; r++) {
		char **row = out->cells + r * (size_t)nc;
		const unsigned char *hot = out->hot + r * (size_t)nc;
		/* stop after the last column with something in it: no trailing blanks */
		int end = -1, alarm = 0;
		for (int c = 0; c < nc; c++) {
			if (w[c] >= 0 && row[c] && row[c][0])
				end = c;
			alarm |= hot[c];
		}
		/* a row that needs attention is bold (even when its column was left out), what needs it red as well */
		alarm &= out->o.color;
		if (alarm)
			fputs("\033[1m", fp);
		for (int c = 0, k = 0; c <= end; c++) {
			if (w[c] < 0 || !row[c])
				continue;
			if (k++)
				fputs("  ", fp);
			truncate_to(row[c], w[c]);
			int cw = cx_text_width(row[c]);
			if (is_numeric(out->cols[c].type))
				pad(fp, w[c] - cw);
			fputs(alarm && hot[c] ? "\033[31m" : "", fp);
			fputs(row[c], fp);
			fputs(alarm && hot[c] ? "\033[39m" : "", fp);
			if (!is_numeric(out->cols[c].type) && c != end)
				pad(fp, w[c] - cw);
		}
		fputs(alarm ? "\033[0m\n" : "\n", fp);
	}
	free(w);
}

static void print_record(cx_out *out)
{
	FILE *fp = out->fp;
	int nc = out->ncols, kw = 0;
	char key[64];

	if (out->ncells < (size_t)nc)
		return;
	for (int c = 0; c < nc; c++) {
		col_label(&out->cols[c], 0, key, sizeof key);
		int l = (int)strlen(key) + 1;
		if (l > kw)
			kw = l;
	}
	for (int c = 0; c < nc; c++) {
		const char *v = out->cells[c];
		if (!v || !*v || (out->cols[c].flags & CX_COL_HIDE))
			continue;
		col_label(&out->cols[c], 0, key, sizeof key - 1);
		strcat(key, ":");
		fprintf(fp, "  %s", key);
		pad(fp, kw - (int)strlen(key) + 1);
		int alarm = out->o.color && out->hot[c];
		fputs(alarm ? "\033[1;31m" : "", fp);
		for (const char *p = v; *p; p++) {
			putc(*p, fp);
			if (*p == '\n' && p[1])
				pad(fp, kw + 3);
		}
		fputs(alarm ? "\033[0m\n" : "\n", fp);
	}
}

/* Writes text wrapped to width (0 = as is), each line indented. */
static void wrapped(FILE *fp, const char *text, int indent, int width)
{
	int avail = width > 0 ? width - indent : 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		if (!line)
			return;
		char *s = line;
		do {
			pad(fp, indent);
			if (avail <= 10 || cx_text_width(s) <= avail) {
				fputs(s, fp);
				putc('\n', fp);
				break;
			}
			/* break at the last space that fits */
			char *cut = NULL, *q = s;
			int used = 0;
			while (*q) {
				uint32_t cp;
				int n = utf8_decode((const unsigned char *)q, &cp);
				int cw = n ? cp_width(cp) : 1;
				if (!n)
					n = 1;
				/* A space is a break even where it would not fit itself. */
				if (*q == ' ')
					cut = q;
				if (used + cw > avail)
					break;
				used += cw;
				q += n;
			}
			if (!cut || cut == s)
				cut = q;
			fwrite(s, 1, (size_t)(cut - s), fp);
			putc('\n', fp);
			s = cut;
			while (*s == ' ')
				s++;
		} while (*s);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static void print_log(cx_out *out)
{
	FILE *fp = out->fp;
	int nc = out->ncols;
	size_t nr = out->ncells / (size_t)(nc ? nc : 1);

	for (size_t r = 0; r < nr; r++) {
		char **row = out->cells + r * (size_t)nc;
		int k = 0;
		fputs("  ", fp);
		for (int c = 0; c < nc - 1; c++) {
			if (!row[c] || !row[c][0] || (out->cols[c].flags & CX_COL_HIDE))
				continue;
			if (k++)
				fputs("  ", fp);
			if (out->o.color && k == 1)
				fprintf(fp, "\033[2m%s\033[0m", row[c]);
			else
				fputs(row[c], fp);
		}
		putc('\n', fp);
		if (nc > 0 && row[nc - 1] && row[nc - 1][0])
			wrapped(fp, row[nc - 1], 6, out->o.width);
	}
}

/* ---- markdown and HTML, for people ---- */

static void md_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_' || *s == '`' || *s == '\\' || *s == '<')
			putc('\\', fp);
		if (*s == '\n')
			fputs("<br>", fp);
		else
			putc(*s, fp);
	}
}

static void html_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\n': fputs("<br>", fp); break;
		default: putc(*s, fp);
		}
	}
}

static void html_start(cx_out *out)
{
	if (out->started)
		return;
	out->started = 1;
	fputs("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out->fp);
	html_text(out->fp, out->o.title ? out->o.title : "cx");
	fputs("</title>\n<style>\n"
	      "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#222;max-width:60rem;"
	      "margin:2rem auto;padding:0 1rem;line-height:1.45}\n"
	      "h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}\n"
	      "table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}th,td{padding:.25rem .6rem;"
	      "border-bottom:1px solid #eee;text-align:left;vertical-align:top}th{background:#f4f6f8}"
	      "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	      "dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{color:#666}dd{margin:0}\n"
	      "ul.log{list-style:none;padding:0}ul.log li{margin:.4rem 0}ul.log .what{color:#666}\n"
	      "svg{max-width:100%;height:auto}.foot{color:#999;font-size:.8rem;margin-top:3rem}\n"
	      "</style>\n</head>\n<body>\n", out->fp);
	if (out->o.title) {
		fputs("<h1>", out->fp);
		html_text(out->fp, out->o.title);
		fputs("</h1>\n", out->fp);
	}
}

/* The heading of a section for people: its title, or its name with a capital. */
static void people_title(const cx_out *out, char *buf, size_t size)
{
	if (out->title) {
		snprintf(buf, size, "%s", out->title);
		return;
	}
	snprintf(buf, size, "%s", out->section ? out->section : "");
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* The document's title (the one HTML's page has) as its first heading, before anything else. */
static void md_start(cx_out *out)
{
	if (out->started)
		return;
	out->started = 1;
	if (out->o.title) {
		fputs("# ", out->fp);
		md_text(out->fp, out->o.title);
		fputs("\n\n", out->fp);
	}
}

static void print_markdown(cx_out *out)
{
	FILE *fp = out->fp;
	int nc = out->ncols;
	size_t nr = out->ncells / (size_t)(nc ? nc : 1);
	char buf[256];

	md_start(out);
	if (out->doc) {
		people_title(out, buf, sizeof buf);
		fputs("## ", fp);
		md_text(fp, buf);
		fputs("\n\n", fp);
	}
	if (out->lay == CX_LAY_RECORD) {
		for (int c = 0; c < nc; c++) {
			const char *v = out->cells[c];
			if (!v || !*v || (out->cols[c].flags & CX_COL_HIDE))
				continue;
			col_label(&out->cols[c], 0, buf, sizeof buf);
			fprintf(fp, "- **%s:** ", buf);
			md_text(fp, v);
			putc('\n', fp);
		}
	} else if (out->lay == CX_LAY_LOG) {
		for (size_t r = 0; r < nr; r++) {
			char **row = out->cells + r * (size_t)nc;
			int k = 0;
			fputs("- **", fp);
			for (int c = 0; c < nc - 1; c++) {
				if (!row[c] || !row[c][0] || (out->cols[c].flags & CX_COL_HIDE))
					continue;
				fputs(k++ ? " · " : "", fp);
				md_text(fp, row[c]);
			}
			fputs("**", fp);
			if (nc > 0 && row[nc - 1] && row[nc - 1][0]) {
				fputs("  \n  ", fp);
				md_text(fp, row[nc - 1]);
			}
			putc('\n', fp);
		}
	} else {
		for (int c = 0, k = 0; c < nc; c++) {
			if (out->cols[c].flags & CX_COL_HIDE)
				continue;
			col_label(&out->cols[c], 0, buf, sizeof buf);
			fprintf(fp, "%s %s", k++ ? " |" : "|", buf);
		}
		fputs(" |\n", fp);
		for (int c = 0; c < nc; c++)
			if (!(out->cols[c].flags & CX_COL_HIDE))
				fputs(is_numeric(out->cols[c].type) ? "|---:" : "|---", fp);
		fputs("|\n", fp);
		for (size_t r = 0; r < nr; r++) {
			for (int c = 0; c < nc; c++) {
				if (out->cols[c].flags & CX_COL_HIDE)
					continue;
				fputs("| ", fp);
				md_text(fp, out->cells[r * (size_t)nc + (size_t)c]);
				putc(' ', fp);
			}
			fputs("|\n", fp);
		}
	}
	putc('\n', fp);
}

static void print_html(cx_out *out)
{
	FILE *fp = out->fp;
	int nc = out->ncols;
	size_t nr = out->ncells / (size_t)(nc ? nc : 1);
	char buf[256];

	html_start(out);
	if (out->doc) {
		people_title(out, buf, sizeof buf);
		fputs("<h2>", fp);
		html_text(fp, buf);
		fputs("</h2>\n", fp);
	}
	if (out->lay == CX_LAY_RECORD) {
		fputs("<dl>\n", fp);
		for (int c = 0; c < nc; c++) {
			const char *v = out->cells[c];
			if (!v || !*v || (out->cols[c].flags & CX_COL_HIDE))
				continue;
			col_label(&out->cols[c], 0, buf, sizeof buf);
			fputs("<dt>", fp);
			html_text(fp, buf);
			fputs("</dt><dd>", fp);
			html_text(fp, v);
			fputs("</dd>\n", fp);
		}
		fputs("</dl>\n", fp);
	} else if (out->lay == CX_LAY_LOG) {
		fputs("<ul class=\"log\">\n", fp);
		for (size_t r = 0; r < nr; r++) {
			char **row = out->cells + r * (size_t)nc;
			int k = 0;
			fputs("<li><span class=\"what\">", fp);
			for (int c = 0; c < nc - 1; c++) {
				if (!row[c] || !row[c][0] || (out->cols[c].flags & CX_COL_HIDE))
					continue;
				fputs(k++ ? " &middot; " : "", fp);
				html_text(fp, row[c]);
			}
			fputs("</span>", fp);
			if (nc > 0 && row[nc - 1] && row[nc - 1][0]) {
				fputs("<br>", fp);
				html_text(fp, row[nc - 1]);
			}
			fputs("</li>\n", fp);
		}
		fputs("</ul>\n", fp);
	} else {
		fputs("<table>\n<thead><tr>", fp);
		for (int c = 0; c < nc; c++) {
			if (out->cols[c].flags & CX_COL_HIDE)
				continue;
			col_label(&out->cols[c], 0, buf, sizeof buf);
			fputs("<th>", fp);
			html_text(fp, buf);
			fputs("</th>", fp);
		}
		fputs("</tr></thead>\n<tbody>\n", fp);
		for (size_t r = 0; r < nr; r++) {
			fputs("<tr>", fp);
			for (int c = 0; c < nc; c++) {
				if (out->cols[c].flags & CX_COL_HIDE)
					continue;
				fputs(is_numeric(out->cols[c].type) ? "<td class=\"n\">" : "<td>", fp);
				html_text(fp, out->cells[r * (size_t)nc + (size_t)c]);
				fputs("</td>", fp);
			}
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
}

void cx_out_end(cx_out *out)
{
	FILE *fp = out->fp;

	if (!out->in_block)
		return;
	out->in_block = 0;
	switch (out->o.fmt) {
	case CX_FMT_TABLE:
		if (out->ncells > 0) {
			section_heading(out);
			if (out->lay == CX_LAY_RECORD)
				print_record(out);
			else if (out->lay == CX_LAY_LOG)
				print_log(out);
			else
				print_table(out);
			out->printed++;
		}
		free_cells(out);
		break;
	case CX_FMT_MARKDOWN:
	case CX_FMT_HTML:
		if (out->ncells > 0) {
			if (out->o.fmt == CX_FMT_MARKDOWN)
				print_markdown(out);
			else
				print_html(out);
			out->printed++;
		}
		free_cells(out);
		break;
	case CX_FMT_JSON:
		if (out->lay == CX_LAY_RECORD && out->doc) {
			if (out->nrows == 0)
				fputs("null", fp);
		} else {
			fputs(out->nrows ? "\n]" : "]", fp);
			if (!out->doc)
				putc('\n', fp);
		}
		break;
	default:
		break;
	}
}

void cx_out_text(cx_out *out, const char *text)
{
	if (!cx_fmt_people(out->o.fmt))
		return;
	/* The text may quote stored values: nothing in it may drive the terminal. */
	char *t = term_clean(text, 1);
	if (!t) {
		out->oom = 1;
		return;
	}
	switch (out->o.fmt) {
	case CX_FMT_TABLE:
		fputs(t, out->fp);
		putc('\n', out->fp);
		break;
	case CX_FMT_MARKDOWN:
		md_start(out);
		md_text(out->fp, t);
		fputs("\n\n", out->fp);
		break;
	default:
		html_start(out);
		if (t[0]) {
			fputs("<p>", out->fp);
			html_text(out->fp, t);
			fputs("</p>\n", out->fp);
		}
		break;
	}
	free(t);
}

void cx_out_raw(cx_out *out, const char *html)
{
	if (out->o.fmt != CX_FMT_HTML)
		return;
	html_start(out);
	fputs(html, out->fp);
	putc('\n', out->fp);
}

int cx_out_free(cx_out *out, cx_err *err)
{
	int rc = CX_OK;
	if (!out)
		return CX_OK;
	if (out->in_block)
		cx_out_end(out);
	if (out->o.fmt == CX_FMT_JSON && out->doc)
		fputs("}\n", out->fp);
	if (out->o.fmt == CX_FMT_HTML && out->started)
		fputs("<p class=\"foot\">Made by cx.</p>\n</body>\n</html>\n", out->fp);
	if (out->oom)
		rc = cx_fail(err, CX_EINTERNAL, "out of memory while formatting output");
	free_cells(out);
	free(out->cells);
	free(out->hot);
	free(out->cols);
	free(out->title);
	free(out->page_title);
	free(out);
	return rc;
}
