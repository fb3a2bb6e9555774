/* Emotion curves: drawn in the terminal (Unicode or ASCII) and as self-contained SVG. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cx/journey.h"

static const char *const feel[] = { "delighted", "pleased", "neutral", "frustrated", "angry" };

void cx_chart_text(FILE *fp, const cx_chart_point *p, int n, int ascii, int color)
{
	const char *dot = ascii ? "*" : "\xe2\x97\x8f", *bar = ascii ? ":" : "\xe2\x94\x86",
		   *axis = ascii ? "-" : "\xe2\x94\x80", *side = ascii ? "|" : "\xe2\x94\x82";
	/* nine rows: +2 to -2 in half steps */
	for (int r = 0; r <= 8; r++) {
		double v = 2.0 - 0.5 * r;
		if (r % 2 == 0)
			fprintf(fp, "%+2d %-10s%s", (int)v, feel[r / 2], side);
		else
			fprintf(fp, "   %-10s%s", "", side);
		for (int i = 0; i < n; i++) {
			const char *mark = " ";
			/* the nearest row: a value half way between two (0.75) still gets its dot */
			int hit = p[i].has_value && lround((2.0 - fmax(-2, fmin(2, p[i].value))) * 2) == r;
			if (hit)
				mark = dot;
			else if (p[i].has_value && p[i].hi >= p[i].lo && v <= p[i].hi + 0.01 && v >= p[i].lo - 0.01)
				mark = bar;
			else if (r == 4)
				mark = axis;
			const char *pre = "", *post = "";
			if (hit && color) {
				pre = p[i].value >= 0.5 ? "\033[32m" : p[i].value <= -0.5 ? "\033[31m" : "\033[33m";
				post = "\033[0m";
			}
			const char *fill = r == 4 ? axis : " ";
			fprintf(fp, "%s%s%s%s%s%s", fill, pre, mark, post, fill, fill);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "%14s", "");
	for (int i = 0; i < n; i++)
		fprintf(fp, " %-3.3s", p[i].label);
	fputc('\n', fp);
	int counts = 0;
	for (int i = 0; i < n; i++)
		counts |= p[i].n >= 0;
	if (counts) {
		fprintf(fp, "%14s", "n");
		for (int i = 0; i < n; i++) {
			if (p[i].n < 0)
				fprintf(fp, "    ");
			else if (p[i].n < 1000)
				fprintf(fp, " %3lld", (long long)p[i].n);
			else
				fprintf(fp, " %2lldk", (long long)(p[i].n / 1000 > 99 ? 99 : p[i].n / 1000));
		}
		fputc('\n', fp);
	}
}

static void xml(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				fputc(*s, fp);
		}
	}
}

void cx_chart_svg(FILE *fp, const char *title, const char *subtitle, const cx_chart_point *p, int n)
{
	const double left = 130, top = 70, step = n > 12 ? 60 : 90, plot_h = 240;
	const double width = left + step * (n > 0 ? n : 1) + 40, height = top + plot_h + 90;
#define X(i) (left + step * ((i) + 0.5))
#define Y(v) (top + (2.0 - (v)) * plot_h / 4.0)
	fprintf(fp,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
		" font-family=\"sans-serif\" font-size=\"13\">\n",
		width, height, width, height);
	fputs("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", fp);
	fputs("<text x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\" fill=\"#222\">", fp);
	xml(fp, title);
	fputs("</text>\n<text x=\"20\" y=\"50\" fill=\"#666\">", fp);
	xml(fp, subtitle);
	fputs("</text>\n", fp);
	/* the scale: five feelings, the neutral line dashed */
	for (int k = 0; k < 5; k++) {
		double v = 2 - k;
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n", left, Y(v),
			width - 40, Y(v), k == 2 ? "#888" : "#e4e4e4", k == 2 ? " stroke-dasharray=\"6 4\"" : "");
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%+d %s</text>\n", left - 10,
			Y(v) + 4, (int)v, feel[k]);
	}
	/* the 95% band, where there are intervals */
	int band = 0;
	for (int i = 0; i < n; i++)
		band |= p[i].has_value && p[i].hi > p[i].lo;
	if (band) {
		fputs("<polygon fill=\"#9cc3ea\" fill-opacity=\"0.45\" stroke=\"none\" points=\"", fp);
		for (int i = 0; i < n; i++)
			if (p[i].has_value)
				fprintf(fp, "%.1f,%.1f ", X(i), Y(fmin(2, p[i].hi > p[i].lo ? p[i].hi : p[i].value)));
		for (int i = n - 1; i >= 0; i--)
			if (p[i].has_value)
				fprintf(fp, "%.1f,%.1f ", X(i), Y(fmax(-2, p[i].hi > p[i].lo ? p[i].lo : p[i].value)));
		fputs("\"/>\n", fp);
	}
	/* the curve */
	fputs("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"3\" points=\"", fp);
	for (int i = 0; i < n; i++)
		if (p[i].has_value)
			fprintf(fp, "%.1f,%.1f ", X(i), Y(p[i].value));
	fputs("\"/>\n", fp);
	for (int i = 0; i < n; i++) {
		if (p[i].has_value) {
			const char *c = p[i].value >= 0.5 ? "#2e8b3a" : p[i].value <= -0.5 ? "#c0392b" : "#d79b00";
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"2\"/>\n",
				X(i), Y(p[i].value), c);
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%+.2f</text>\n", X(i),
				Y(p[i].value) - 14, p[i].value);
		}
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#222\">", X(i), top + plot_h + 25);
		xml(fp, p[i].label);
		fputs("</text>\n", fp);
		if (p[i].n >= 0)
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#777\" font-size=\"11\">n=%lld</text>\n",
				X(i), top + plot_h + 42, (long long)p[i].n);
	}
	fprintf(fp, "<text x=\"20\" y=\"%.1f\" fill=\"#777\" font-size=\"11\">mean emotion per point%s; generated by cx</text>\n",
		height - 12, band ? ", shaded: its 95% interval" : "");
	fputs("</svg>\n", fp);
#undef X
#undef Y
}
