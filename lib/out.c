/*
 * Output writers behind one interface: the bookkeeping of blocks and rows,
 * and what every format shares (values as text, cleaning text for people,
 * widths, cells kept for the end of a block). Each format's own steps are a
 * table of functions in a file of its own (out_impl.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cx/date.h"
#include "cx/words.h"
#include "out_impl.h"
#include "utf8.h"

/* In cx_fmt order. */
static const out_format *const formats[] = {
	&cx_out_table, &cx_out_tsv, &cx_out_csv, &cx_out_json, &cx_out_jsonl, &cx_out_markdown, &cx_out_html,
};
#define NFORMATS (int)(sizeof formats / sizeof formats[0])

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
	out->f = (int)opts->fmt < NFORMATS ? formats[opts->fmt] : &cx_out_table;
	return out;
}

int cx_fmt_people(cx_fmt f)
{
	return (int)f < NFORMATS && formats[f]->people;
}

void cx_out_title(cx_out *out, const char *title)
{
	free(out->page_title);
	/* a title may quote stored text (a customer's name): cleaned as every field is */
	out->page_title = title ? cx_out_clean(title, 0) : NULL;
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

int cx_out_ncols(const cx_out *out)
{
	return out->ncols;
}

/* ---- UTF-8, display width, text for people ---- */

/*
 * A character that can drive a terminal or change what a reader sees: the
 * C0 and C1 controls, DEL, and the Unicode bidi controls that reorder text
 * (so "\u202egpj.exe" shows as "exe.jpg").
 */
int cx_out_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

int cx_out_cp_width(uint32_t cp)
{
	if (cx_out_unsafe(cp))
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
		int n = cx_utf8_decode(p, &cp);
		if (n == 0) {
			w++;
			p++;
			continue;
		}
		w += cx_out_cp_width(cp);
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
char *cx_out_clean(const char *s, int keep_nl)
{
	size_t n = strlen(s);
	char *r = malloc(3 * n + 1), *q = r;
	const unsigned char *p = (const unsigned char *)s;
	if (!r)
		return NULL;
	while (*p) {
		uint32_t cp;
		int k = cx_utf8_decode(p, &cp);
		if (k == 0) {
			memcpy(q, CX_OUT_FFFD, 3);
			q += 3;
			p++;
		} else if (cp == '\n' || cp == '\t') {
			*q++ = cp == '\n' && keep_nl ? '\n' : ' ';
			p++;
		} else if (cp == '\r') {
			p++;
		} else if (cx_out_unsafe(cp)) {
			memcpy(q, CX_OUT_FFFD, 3);
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
	return cx_out_clean(s, 0);
}

/* The longest prefix of s that fits in w columns, with an ellipsis when cut. */
void cx_out_truncate(char *s, int w)
{
	if (cx_text_width(s) <= w)
		return;
	unsigned char *p = (unsigned char *)s;
	int used = 0;
	while (*p) {
		uint32_t cp;
		int n = cx_utf8_decode(p, &cp);
		int cw = n ? cx_out_cp_width(cp) : 1;
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

/* ---- values and labels ---- */

int cx_out_numeric(cx_type t)
{
	return t == CX_T_INT || t == CX_T_REAL || t == CX_T_SECS;
}

/* Formats a non-null value for the given format into buf (or returns v->s). */
const char *cx_out_value(const cx_out *out, const cx_col *c, const cx_val *v, char *buf, size_t size)
{
	int people = out->f->people;

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

/*
 * A column's name as people read it: words apart, upper case (a table's
 * heading) or with a capital (a record's key). A length of time is named
 * with its unit for the machine formats (response_target_s), but shown as
 * 4h or 2d, so the unit is left out here.
 */
void cx_out_label(const cx_col *c, int upper, char *buf, size_t size)
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

/* The heading of a section for people: its title, or its name with a capital. */
void cx_out_section_title(const cx_out *out, char *buf, size_t size)
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

/* ---- cells kept for the formats for people ---- */

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

void cx_out_store(cx_out *out, const cx_val *vals)
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
					: cx_out_value(out, &out->cols[i], &vals[i], buf, sizeof buf);
		out->hot[out->ncells] = hot(&out->cols[i], &vals[i]);
		out->cells[out->ncells++] = cx_out_clean(t, keep_nl);
	}
}

static void free_cells(cx_out *out)
{
	for (size_t i = 0; i < out->ncells; i++)
		free(out->cells[i]);
	out->ncells = 0;
}

/* ---- blocks and rows ---- */

void cx_out_begin(cx_out *out, const char *section, const char *title, cx_layout lay,
		  const cx_col *cols, int ncols)
{
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
	out->title = title ? cx_out_clean(title, 0) : NULL;
	out->section = section;
	out->lay = lay;
	out->nrows = 0;
	out->in_block = 1;
	if (section)
		out->doc = 1;
	int first = out->nsections++ == 0;
	if (out->f->begin)
		out->f->begin(out, first);
}

void cx_out_row(cx_out *out, const cx_val *vals)
{
	if (!out->in_block || out->oom)
		return;
	out->f->row(out, vals);
	out->nrows++;
}

void cx_out_end(cx_out *out)
{
	if (!out->in_block)
		return;
	out->in_block = 0;
	if (out->f->end)
		out->f->end(out);
	free_cells(out);
}

void cx_out_text(cx_out *out, const char *text)
{
	if (!out->f->text)
		return;
	/* The text may quote stored values: nothing in it may drive the terminal. */
	char *t = cx_out_clean(text, 1);
	if (!t) {
		out->oom = 1;
		return;
	}
	out->f->text(out, t);
	free(t);
}

void cx_out_raw(cx_out *out, const char *markup)
{
	if (out->f->raw)
		out->f->raw(out, markup);
}

int cx_out_free(cx_out *out, cx_err *err)
{
	int rc = CX_OK;
	if (!out)
		return CX_OK;
	if (out->in_block)
		cx_out_end(out);
	if (out->f->finish)
		out->f->finish(out);
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
