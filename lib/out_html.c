/* HTML, for people: one self-contained page, sections as tables, lists and logs; SVG charts inline. */
#include <stdio.h>
#include <string.h>

#include "out_impl.h"

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

static void print_html(cx_out *out)
{
	FILE *fp = out->fp;
	int nc = out->ncols;
	size_t nr = out->ncells / (size_t)(nc ? nc : 1);
	char buf[256];

	html_start(out);
	if (out->doc) {
		cx_out_section_title(out, buf, sizeof buf);
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
			cx_out_label(&out->cols[c], 0, buf, sizeof buf);
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
			cx_out_label(&out->cols[c], 0, buf, sizeof buf);
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
				fputs(cx_out_numeric(out->cols[c].type) ? "<td class=\"n\">" : "<td>", fp);
				html_text(fp, out->cells[r * (size_t)nc + (size_t)c]);
				fputs("</td>", fp);
			}
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
	}
}

static void html_end(cx_out *out)
{
	if (out->ncells == 0)
		return;
	print_html(out);
	out->printed++;
}

static void html_para(cx_out *out, const char *text)
{
	html_start(out);
	if (!text[0])
		return;
	fputs("<p>", out->fp);
	html_text(out->fp, text);
	fputs("</p>\n", out->fp);
}

static void html_raw(cx_out *out, const char *markup)
{
	html_start(out);
	fputs(markup, out->fp);
	putc('\n', out->fp);
}

static void html_finish(cx_out *out)
{
	if (out->started)
		fputs("<p class=\"foot\">Made by cx.</p>\n</body>\n</html>\n", out->fp);
}

const out_format cx_out_html = {
	.people = 1, .row = cx_out_store, .end = html_end, .text = html_para, .raw = html_raw, .finish = html_finish,
};
