/* Markdown, for people: to paste into chat or an email; the cells of the table format, escaped. */
#include <stdio.h>
#include <string.h>

#include "out_impl.h"

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
		cx_out_section_title(out, buf, sizeof buf);
		fputs("## ", fp);
		md_text(fp, buf);
		fputs("\n\n", fp);
	}
	if (out->lay == CX_LAY_RECORD) {
		for (int c = 0; c < nc; c++) {
			const char *v = out->cells[c];
			if (!v || !*v || (out->cols[c].flags & CX_COL_HIDE))
				continue;
			cx_out_label(&out->cols[c], 0, buf, sizeof buf);
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
			cx_out_label(&out->cols[c], 0, buf, sizeof buf);
			fprintf(fp, "%s %s", k++ ? " |" : "|", buf);
		}
		fputs(" |\n", fp);
		for (int c = 0; c < nc; c++)
			if (!(out->cols[c].flags & CX_COL_HIDE))
				fputs(cx_out_numeric(out->cols[c].type) ? "|---:" : "|---", fp);
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

static void md_end(cx_out *out)
{
	if (out->ncells == 0)
		return;
	print_markdown(out);
	out->printed++;
}

static void md_line(cx_out *out, const char *text)
{
	md_start(out);
	md_text(out->fp, text);
	fputs("\n\n", out->fp);
}

const out_format cx_out_markdown = { .people = 1, .row = cx_out_store, .end = md_end, .text = md_line };
