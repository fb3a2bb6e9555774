/* The table format, for people: aligned columns fit to the terminal, records as "Key: value", logs. */
#include <stdlib.h>
#include <string.h>

#include "out_impl.h"
#include "utf8.h"

static void pad(FILE *fp, int n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/* A section of a document begins with its heading, apart from the one before by an empty line. */
static void section_heading(cx_out *out)
{
	char name[512];
	if (!out->doc)
		return;
	if (out->printed > 0)
		putc('\n', out->fp);
	cx_out_section_title(out, name, sizeof name);
	if (out->o.color)
		fprintf(out->fp, "\033[1m%s\033[0m\n", name);
	else
		fprintf(out->fp, "%s\n", name);
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
		cx_out_label(&out->cols[c], 1, hdr, sizeof hdr);
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
		cx_out_label(&out->cols[c], 1, hdr, sizeof hdr);
		cx_out_truncate(hdr, w[c]);
		int hw = cx_text_width(hdr);
		if (cx_out_numeric(out->cols[c].type))
			pad(fp, w[c] - hw);
		fputs(hdr, fp);
		if (!cx_out_numeric(out->cols[c].type) && c != last)
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
			cx_out_truncate(row[c], w[c]);
			int cw = cx_text_width(row[c]);
			if (cx_out_numeric(out->cols[c].type))
				pad(fp, w[c] - cw);
			fputs(alarm && hot[c] ? "\033[31m" : "", fp);
			fputs(row[c], fp);
			fputs(alarm && hot[c] ? "\033[39m" : "", fp);
			if (!cx_out_numeric(out->cols[c].type) && c != end)
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
		cx_out_label(&out->cols[c], 0, key, sizeof key);
		int l = (int)strlen(key) + 1;
		if (l > kw)
			kw = l;
	}
	for (int c = 0; c < nc; c++) {
		const char *v = out->cells[c];
		if (!v || !*v || (out->cols[c].flags & CX_COL_HIDE))
			continue;
		cx_out_label(&out->cols[c], 0, key, sizeof key - 1);
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
				int n = cx_utf8_decode((const unsigned char *)q, &cp);
				int cw = n ? cx_out_cp_width(cp) : 1;
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

static void table_end(cx_out *out)
{
	if (out->ncells == 0)
		return;
	section_heading(out);
	if (out->lay == CX_LAY_RECORD)
		print_record(out);
	else if (out->lay == CX_LAY_LOG)
		print_log(out);
	else
		print_table(out);
	out->printed++;
}

static void table_text(cx_out *out, const char *text)
{
	fputs(text, out->fp);
	putc('\n', out->fp);
}

const out_format cx_out_table = { .people = 1, .row = cx_out_store, .end = table_end, .text = table_text };
