/*
 * JSON and JSON Lines, for programs: an array of objects (an object of
 * sections for a document), or one object per line; always valid UTF-8.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "out_impl.h"
#include "utf8.h"

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
				int n = cx_utf8_decode(p, &cp);
				if (n == 0) {
					memcpy(d, "\\ufffd", 6);
					d += 6;
				} else if (cx_out_unsafe(cp)) {
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
	if (c->type == CX_T_JSON && v->kind == CX_V_TEXT) {
		fputs(v->s, fp); /* JSON already, made by libcx */
		return;
	}
	const char *t = cx_out_value(out, c, v, buf, sizeof buf);
	if ((v->kind == CX_V_INT && c->type != CX_T_TIME) || v->kind == CX_V_REAL)
		fputs(t, fp);
	else
		cx_json_string(fp, t);
}

static void json_object(cx_out *out, const cx_val *vals)
{
	FILE *fp = out->fp;
	putc('{', fp);
	if (out->f == &cx_out_jsonl && out->section) {
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

static void json_begin(cx_out *out, int first)
{
	if (out->doc) {
		fputs(first ? "{" : ",\n", out->fp);
		cx_json_string(out->fp, out->section ? out->section : "rows");
		fputs(out->lay == CX_LAY_RECORD ? ":" : ":[", out->fp);
	} else {
		fputs("[", out->fp);
	}
}

static void json_row(cx_out *out, const cx_val *vals)
{
	/* a record of a document is one object: its first row */
	if (out->lay == CX_LAY_RECORD && out->doc) {
		if (out->nrows == 0)
			json_object(out, vals);
		return;
	}
	fputs(out->nrows ? ",\n" : "\n", out->fp);
	json_object(out, vals);
}

static void json_end(cx_out *out)
{
	if (out->lay == CX_LAY_RECORD && out->doc) {
		if (out->nrows == 0)
			fputs("null", out->fp);
		return;
	}
	fputs(out->nrows ? "\n]" : "]", out->fp);
	if (!out->doc)
		putc('\n', out->fp);
}

static void json_finish(cx_out *out)
{
	if (out->doc)
		fputs("}\n", out->fp);
}

static void jsonl_row(cx_out *out, const cx_val *vals)
{
	json_object(out, vals);
	putc('\n', out->fp);
}

const out_format cx_out_json = { .begin = json_begin, .row = json_row, .end = json_end, .finish = json_finish };
const out_format cx_out_jsonl = { .row = jsonl_row };
