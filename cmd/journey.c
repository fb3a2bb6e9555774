/* cx journey: one customer's journey, the map of all, and the stages and channels they run on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

static const cx_opt show_opts[] = {
	{ .name = "ascii", .help = "draw the curve with plain ASCII" },
	{ 0 },
};

/* A 3-letter stage label for the terminal chart. */
static void points_for(const cx_journey *j, cx_chart_point *p, int *n, int max, int64_t *counts)
{
	int rated = 0;
	for (int i = 0; i < j->n; i++)
		rated += j->p[i].emotion != CX_NO_EMOTION;
	*n = 0;
	if (rated <= max) {
		/* one column per rated touchpoint, in time order */
		int *order = malloc(sizeof *order * (size_t)(j->n + 1));
		int k = 0;
		if (!order)
			return;
		for (int i = 0; i < j->n; i++)
			if (j->p[i].emotion != CX_NO_EMOTION)
				order[k++] = i;
		for (int a = 1; a < k; a++)
			for (int b = a; b > 0 && j->p[order[b]].at < j->p[order[b - 1]].at; b--) {
				int t = order[b];
				order[b] = order[b - 1];
				order[b - 1] = t;
			}
		for (int a = 0; a < k; a++)
			p[(*n)++] = (cx_chart_point){ j->p[order[a]].stage, j->p[order[a]].emotion, 0, -1, -1, 1 };
		free(order);
		return;
	}
	/* too many: one column per stage, its mean */
	for (int s = 0; s < j->nstages && *n < max; s++) {
		double sum = 0;
		int64_t c = 0;
		for (int i = 0; i < j->n; i++)
			if (j->p[i].emotion != CX_NO_EMOTION && !strcmp(j->p[i].stage, j->stages[s])) {
				sum += j->p[i].emotion;
				c++;
			}
		counts[*n] = c;
		p[*n] = (cx_chart_point){ j->stages[s], c ? sum / (double)c : 0, 0, -1, c, c > 0 };
		(*n)++;
	}
}

/* The curve for people: drawn in the terminal, or as SVG inside an HTML page. */
static void chart(cx_ctx *ctx, cx_args *a, const char *title, const char *subtitle, const cx_chart_point *p, int n)
{
	if (ctx->fmt == CX_FMT_TABLE) {
		cx_out_text(ctx->out, "");
		cx_out_text(ctx->out, title);
		cx_chart_text(stdout, p, n, arg_flag(a, "ascii"), ctx->color);
	} else if (ctx->fmt == CX_FMT_HTML) {
		char *svg = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&svg, &len);
		if (!mem)
			return;
		cx_chart_svg(mem, title, subtitle, p, n);
		if (fclose(mem) == 0)
			cx_out_raw(ctx->out, svg);
		free(svg);
	}
}

static int journey_show(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	cx_journey j;
	int rc;

	if ((rc = cx_customer_find(ctx->db, a->argv[0], &id, &ctx->err)) ||
	    (rc = cx_journey_load(ctx->db, id, &j, &ctx->err)))
		return rc;
	enum { MAX = 40 };
	cx_chart_point p[MAX];
	int64_t counts[MAX];
	int n;
	points_for(&j, p, &n, MAX, counts);
	char subtitle[600];
	snprintf(subtitle, sizeof subtitle, "%d touchpoints over %d stages; emotion -2 (angry) to +2 (delighted)", j.n,
		 j.nstages);
	if (ctx->svg) {
		char title[600];
		snprintf(title, sizeof title, "Journey of %s", j.customer);
		cx_chart_svg(stdout, title, subtitle, p, n);
	} else {
		if (cx_fmt_people(ctx->fmt) && !ctx->quiet) {
			char head[700];
			snprintf(head, sizeof head, "Journey of %s: %d touchpoints", j.customer, j.n);
			cx_out_text(ctx->out, head);
		}
		cx_journey_write(&j, ctx->out);
		if (n > 0)
			chart(ctx, a, "Emotion over time", subtitle, p, n);
	}
	cx_journey_free(&j);
	return CX_OK;
}

static const cx_opt map_opts[] = {
	{ .name = "since", .arg = "DATE", .help = "touchpoints at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "touchpoints before DATE" },
	{ .name = "tag", .shrt = 't', .arg = "TAG", .help = "only customers with this tag" },
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL", .help = "only touchpoints on this channel",
	  .complete = "channel" },
	{ .name = "stale", .arg = "SPAN",
	  .help = "drop-off: nothing from the customer for this long (default: the stale setting, 30d)" },
	{ .name = "top", .arg = "N", .help = "hot spots to show (default 10; 0 = all)" },
	{ .name = "min", .arg = "N", .help = "hot spots: cells with fewer touchpoints and cases are not ranked (default 5)" },
	{ .name = "ascii", .help = "draw the curve with plain ASCII" },
	{ .name = "verify", .help = "work the map out from the whole journey too and compare the two (exit 1 if they differ)" },
	{ .name = "rebuild", .help = "build the map's summaries again from the whole journey" },
	{ 0 },
};

/* --verify: the summary's map against the full computation, field by field. */
static int map_verify(cx_ctx *ctx, const cx_journey_filter *f)
{
	cx_journey_map a, b;
	char what[600];
	int rc;
	if ((rc = cx_journey_map_summary(ctx->db, f, &a, &ctx->err)))
		return rc;
	if ((rc = cx_journey_map_compute(ctx->db, f, &b, &ctx->err))) {
		cx_journey_map_free(&a);
		return rc;
	}
	int differ = cx_journey_map_differ(&a, &b, what, sizeof what);
	cx_journey_map_free(&a);
	cx_journey_map_free(&b);
	if (differ)
		return cx_fail(&ctx->err, CX_ENOTFOUND, "journey map: the summary differs from the journey: %s"
			       " (cx journey map --rebuild builds it again)", what);
	if (!ctx->quiet)
		fprintf(stderr, "cx: journey map: the summary and the full computation agree\n");
	return CX_OK;
}

static int journey_map(cx_ctx *ctx, cx_args *a)
{
	cx_journey_filter f = { .tag = arg_str(a, "tag"), .channel = arg_str(a, "channel") };
	cx_journey_map m;
	int64_t top = 10;
	int rc;

	if ((rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_date(ctx, a, "until", &f.until)) ||
	    (rc = arg_duration(ctx, a, "stale", &f.stale)) || (rc = arg_int(ctx, a, "top", 0, 1000000, &top)) ||
	    (rc = arg_int(ctx, a, "min", 1, INT64_MAX, &f.min_touches)))
		return rc;
	int verify = arg_flag(a, "verify"), rebuild = arg_flag(a, "rebuild");
	if ((verify || rebuild) && cx_journey_map_filtered(&f))
		return cx_fail(&ctx->err, CX_EUSAGE,
			       "journey map: --%s is about the summary of the whole journey: leave out --since, --until, --tag"
			       " and --channel", verify ? "verify" : "rebuild");
	if (rebuild && (rc = cx_journey_map_rebuild(ctx->db, &ctx->err)))
		return rc;
	if (verify)
		return map_verify(ctx, &f);
	if ((rc = cx_journey_map_summary(ctx->db, &f, &m, &ctx->err)))
		return rc;
	cx_chart_point p[64];
	int n = m.nstages < 64 ? m.nstages : 64;
	for (int i = 0; i < n; i++) {
		const cx_stage_stat *g = &m.stages[i];
		/* hi < lo: no interval to draw (a single rating, or all alike) */
		p[i] = (cx_chart_point){ g->name, g->emotion_mean, g->emotion_ci ? g->emotion_lo : 1, g->emotion_ci ? g->emotion_hi : 0,
					 g->emotion_n, g->emotion_n > 0 };
	}
	char subtitle[300];
	snprintf(subtitle, sizeof subtitle, "%lld customers, %lld touchpoints; mean emotion per stage with its 95%% interval",
		 (long long)m.customers, (long long)m.touches);
	if (ctx->svg) {
		cx_chart_svg(stdout, "Customer journey: emotion by stage", subtitle, p, n);
	} else {
		cx_journey_map_write(&m, (int)top, ctx->out);
		if (m.touches)
			chart(ctx, a, "Emotion by stage (mean, with its 95% interval; n = rated touchpoints)", subtitle, p, n);
	}
	cx_journey_map_free(&m);
	return CX_OK;
}

static int journey_stages(cx_ctx *ctx, cx_args *a)
{
	return cmd_names(ctx, a, CX_STAGES);
}

static int journey_channels(cx_ctx *ctx, cx_args *a)
{
	return cmd_names(ctx, a, CX_CHANNELS);
}

const cx_verb cx_journey_verbs[] = {
	{ .name = "show", .usage = "CUSTOMER [--ascii]",
	  .summary = "One customer's journey, stage by stage, with the emotion curve.", .opts = show_opts,
	  .min_args = 1, .max_args = 1, .flags = CX_NEEDS_DB | CX_SVG, .fn = journey_show, .complete_args = "customer" },
	{ .name = "map", .usage = "[--since DATE] [--until DATE] [--tag TAG] [--channel CHANNEL] [--verify | --rebuild] [options]",
	  .summary = "The journey of all customers: each stage measured, and the friction hot spots.",
	  .opts = map_opts, .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB | CX_SVG, .fn = journey_map },
	{ .name = "stages",
	  .usage = "[list | add NAME [--after NAME] | rename OLD NEW | move NAME --after NAME | remove NAME [--into NAME]]",
	  .summary = "List or change the ordered journey stages.", .opts = cx_names_opts, .min_args = 0,
	  .max_args = 3, .flags = CX_NEEDS_DB | CX_WRITES | CX_EXISTING, .fn = journey_stages, .arg_words = cx_name_actions },
	{ .name = "channels",
	  .usage = "[list | add NAME [--after NAME] | rename OLD NEW | move NAME --after NAME | remove NAME [--into NAME]]",
	  .summary = "List or change the channels touchpoints come through.", .opts = cx_names_opts, .min_args = 0,
	  .max_args = 3, .flags = CX_NEEDS_DB | CX_WRITES | CX_EXISTING, .fn = journey_channels, .arg_words = cx_name_actions },
	{ 0 },
};
