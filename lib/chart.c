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

/* An SVG picture's start: its size, a white background, and its title (font size and baseline). */
static void svg_open(FILE *fp, double width, double height, int title_size, int title_y, const char *title)
{
	fprintf(fp,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
		" font-family=\"sans-serif\" font-size=\"13\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
		width, height, width, height);
	fprintf(fp, "<text x=\"20\" y=\"%d\" font-size=\"%d\" font-weight=\"bold\" fill=\"#222\">", title_y, title_size);
	xml(fp, title);
	fputs("</text>\n", fp);
}

void cx_chart_svg(FILE *fp, const char *title, const char *subtitle, const cx_chart_point *p, int n)
{
	cx_axis ax = { -2, 2, 5, { 2, 1, 0, -1, -2 }, { "+2 delighted", "+1 pleased", " 0 neutral", "-1 frustrated", "-2 angry" },
		       "%+.2f" };
	cx_chart_svg_axis(fp, title, subtitle, p, n, &ax);
}

void cx_chart_svg_axis(FILE *fp, const char *title, const char *subtitle, const cx_chart_point *p, int n,
		       const cx_axis *ax)
{
	const double left = 130, top = 70, step = n > 12 ? 60 : 90, plot_h = 240;
	const double width = left + step * (n > 0 ? n : 1) + 40, height = top + plot_h + 90;
	const double span = ax->hi - ax->lo > 0 ? ax->hi - ax->lo : 1;
#define X(i) (left + step * ((i) + 0.5))
#define Y(v) (top + (ax->hi - (v)) * plot_h / span)
	svg_open(fp, width, height, 18, 30, title);
	fputs("<text x=\"20\" y=\"50\" fill=\"#666\">", fp);
	xml(fp, subtitle);
	fputs("</text>\n", fp);
	/* the scale, the zero line dashed */
	for (int k = 0; k < ax->nticks && k < 8; k++) {
		double v = ax->tick[k];
		int zero = v == 0;
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n", left, Y(v),
			width - 40, Y(v), zero ? "#888" : "#e4e4e4", zero ? " stroke-dasharray=\"6 4\"" : "");
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">", left - 10, Y(v) + 4);
		xml(fp, ax->label[k]);
		fputs("</text>\n", fp);
	}
	/* the 95% band, where there are intervals */
	int band = 0;
	for (int i = 0; i < n; i++)
		band |= p[i].has_value && p[i].hi > p[i].lo;
	if (band) {
		fputs("<polygon fill=\"#9cc3ea\" fill-opacity=\"0.45\" stroke=\"none\" points=\"", fp);
		for (int i = 0; i < n; i++)
			if (p[i].has_value)
				fprintf(fp, "%.1f,%.1f ", X(i), Y(fmin(ax->hi, p[i].hi > p[i].lo ? p[i].hi : p[i].value)));
		for (int i = n - 1; i >= 0; i--)
			if (p[i].has_value)
				fprintf(fp, "%.1f,%.1f ", X(i), Y(fmax(ax->lo, p[i].hi > p[i].lo ? p[i].lo : p[i].value)));
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
			double rel = (p[i].value - ax->lo) / span; /* colour by where it sits on the scale */
			const char *c = rel >= 0.625 ? "#2e8b3a" : rel <= 0.375 ? "#c0392b" : "#d79b00";
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"2\"/>\n",
				X(i), Y(p[i].value), c);
			char num[32];
			/* the axis says how many decimals; the format itself is always one of ours */
			if (ax->format && !strcmp(ax->format, "%.0f"))
				snprintf(num, sizeof num, "%.0f", p[i].value);
			else if (ax->format && !strcmp(ax->format, "%.1f"))
				snprintf(num, sizeof num, "%.1f", p[i].value);
			else
				snprintf(num, sizeof num, "%+.2f", p[i].value);
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%s</text>\n", X(i),
				Y(p[i].value) - 14, num);
		}
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#222\">", X(i), top + plot_h + 25);
		xml(fp, p[i].label);
		fputs("</text>\n", fp);
		if (p[i].n >= 0)
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#777\" font-size=\"11\">n=%lld</text>\n",
				X(i), top + plot_h + 42, (long long)p[i].n);
	}
	fprintf(fp, "<text x=\"20\" y=\"%.1f\" fill=\"#777\" font-size=\"11\">%s</text>\n", height - 12,
		band ? "shaded: the 95% interval; made by cx" : "made by cx");
	fputs("</svg>\n", fp);
#undef X
#undef Y
}

void cx_chart_bars_svg(FILE *fp, const char *title, const char *const *labels, const int64_t *values, int n)
{
	const double left = 60, top = 50, step = 110, plot_h = 180, bar = 60;
	const double width = left + step * (n > 0 ? n : 1) + 30, height = top + plot_h + 60;
	int64_t max = 1;
	for (int i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	svg_open(fp, width, height, 16, 28, title);
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>\n", left, top + plot_h,
		width - 20, top + plot_h);
	for (int i = 0; i < n; i++) {
		double h = plot_h * (double)values[i] / (double)max, x = left + step * i + (step - bar) / 2;
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", x,
			top + plot_h - h, bar, h, i >= n - 2 ? "#c0392b" : "#1f5fa8");
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%lld</text>\n", x + bar / 2,
			top + plot_h - h - 6, (long long)values[i]);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#222\">", x + bar / 2,
			top + plot_h + 20);
		xml(fp, labels[i]);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}

void cx_chart_pairs_svg(FILE *fp, const char *title, const char *const *labels, const double *a, const double *b,
			int n, const char *a_name, const char *b_name)
{
	const double left = 200, top = 60, row = 34, bar = 12, plot_w = 420;
	const double width = left + plot_w + 70, height = top + row * (n > 0 ? n : 1) + 30;
	double max = 1;
	for (int i = 0; i < n; i++)
		max = fmax(max, fmax(a[i], b[i]));
	svg_open(fp, width, height, 16, 28, title);
	fprintf(fp, "<rect x=\"%.1f\" y=\"38\" width=\"12\" height=\"12\" fill=\"#c0392b\"/>", left);
	fprintf(fp, "<text x=\"%.1f\" y=\"49\" fill=\"#222\">", left + 16);
	xml(fp, a_name);
	fprintf(fp, "</text><rect x=\"%.1f\" y=\"38\" width=\"12\" height=\"12\" fill=\"#1f5fa8\"/>", left + 110);
	fprintf(fp, "<text x=\"%.1f\" y=\"49\" fill=\"#222\">", left + 126);
	xml(fp, b_name);
	fputs("</text>\n", fp);
	for (int i = 0; i < n; i++) {
		double y = top + row * i, wa = plot_w * a[i] / max, wb = plot_w * b[i] / max;
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#222\">", left - 8, y + bar + 4);
		xml(fp, labels[i]);
		fputs("</text>\n", fp);
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c0392b\"/>", left, y,
			wa, bar);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%.1f%%</text>\n", left + wa + 4, y + bar - 2, a[i]);
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f5fa8\"/>", left,
			y + bar + 2, wb, bar);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%.1f%%</text>\n", left + wb + 4, y + 2 * bar, b[i]);
	}
	fputs("</svg>\n", fp);
}

void cx_chart_hbars_svg(FILE *fp, const char *title, const char *subtitle, const char *const *labels, const double *v,
			const double *lo, const double *hi, int n)
{
	const double left = 200, top = 70, row = 28, bar = 16, plot_w = 440;
	const double width = left + plot_w + 80, height = top + row * (n > 0 ? n : 1) + 50;
	svg_open(fp, width, height, 16, 28, title);
	fputs("<text x=\"20\" y=\"48\" fill=\"#666\">", fp);
	xml(fp, subtitle);
	fputs("</text>\n", fp);
	for (int t = 0; t <= 100; t += 25) {
		double x = left + plot_w * t / 100;
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", x, top - 6, x,
			top + row * n);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#666\">%d%%</text>\n", x,
			top + row * n + 18, t);
	}
	for (int i = 0; i < n; i++) {
		double y = top + row * i, w = plot_w * fmin(fmax(v[i], 0), 100) / 100;
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#222\">", left - 8, y + bar - 3);
		xml(fp, labels[i]);
		fputs("</text>\n", fp);
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", left, y, w, bar,
			i == 0 ? "#c0392b" : "#1f5fa8");
		double end = left + w;
		if (hi[i] >= lo[i]) {
			double a = left + plot_w * fmin(fmax(lo[i], 0), 100) / 100, b = left + plot_w * fmin(fmax(hi[i], 0), 100) / 100;
			fprintf(fp,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>"
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>"
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>",
				a, y + bar / 2, b, y + bar / 2, a, y + 3, a, y + bar - 3, b, y + 3, b, y + bar - 3);
			end = fmax(end, b);
		}
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%.1f%%</text>\n", end + 6, y + bar - 3, v[i]);
	}
	fputs("</svg>\n", fp);
}

void cx_sparkline(char *buf, size_t size, const double *v, int n)
{
	static const char *const blocks[] = { "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
					      "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88" };
	double lo = INFINITY, hi = -INFINITY;
	size_t used = 0;
	for (int i = 0; i < n; i++)
		if (!isnan(v[i])) {
			lo = fmin(lo, v[i]);
			hi = fmax(hi, v[i]);
		}
	buf[0] = '\0';
	for (int i = 0; i < n && used + 4 < size; i++) {
		const char *b = " ";
		if (!isnan(v[i])) {
			int k = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7.0 + 0.5) : 3;
			b = blocks[k < 0 ? 0 : k > 7 ? 7 : k];
		}
		size_t l = strlen(b);
		memcpy(buf + used, b, l + 1);
		used += l;
	}
}
