/* cx touch: record an interaction, list the journey's rows, import many from another system. */
#include <stdio.h>
#include <string.h>

#include "cx.h"

/* An emotion on the command line: a usage error naming the option when it is not one. */
static int feeling(cx_ctx *ctx, const char *opt, const char *s, int *v)
{
	char all[128];
	cx_err e;
	if (cx_emotion_parse(s, v, &e) == CX_OK)
		return CX_OK;
	return cx_fail(&ctx->err, CX_EUSAGE, "--%s: \"%.100s\" is not -2..+2 or %s", opt, s,
		       cx_words_join(cx_touch_emotions, all, sizeof all));
}

static const cx_opt log_opts[] = {
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL",
	  .help = "where it happened: phone, email, social, store, web, ... (required)", .complete = "channel" },
	{ .name = "stage", .shrt = 's', .arg = "STAGE",
	  .help = "the journey stage: awareness, ..., service (required)", .complete = "stage" },
	{ .name = "emotion", .shrt = 'E', .arg = "FEELING", .help = "how they felt: -2..+2, or in words",
	  .flags = OPT_HINTS, .words = cx_touch_emotions },
	{ .name = "effort", .shrt = 'f', .arg = "N",
	  .help = "how easy it was for them: 1 (very hard) to 7 (very easy)" },
	{ .name = "at", .arg = "DATE", .help = "when it happened (default now)" },
	{ .name = "case", .arg = "CASE", .help = "the case it belongs to", .complete = "case" },
	{ .name = "direction", .shrt = 'd', .arg = "DIR", .help = "from the customer (in) or from you (out)",
	  .words = cx_touch_directions },
	{ .name = "message", .shrt = 'm', .arg = "TEXT", .help = "what happened, in a line or two" },
	{ 0 },
};

static int touch_log(cx_ctx *ctx, cx_args *a)
{
	cx_touch_in in = { .channel = arg_str(a, "channel"), .stage = arg_str(a, "stage"),
			   .emotion = CX_NO_EMOTION, .direction = arg_str(a, "direction"),
			   .summary = arg_str(a, "message") };
	const char *emo = arg_str(a, "emotion"), *cs = arg_str(a, "case");
	int64_t id, effort = 0;
	int rc;

	if (!in.channel || !in.stage)
		return cx_fail(&ctx->err, CX_EUSAGE, "a touchpoint needs --channel and --stage");
	if ((emo && (rc = feeling(ctx, "emotion", emo, &in.emotion))) ||
	    (rc = arg_int(ctx, a, "effort", 1, 7, &effort)))
		return rc;
	in.effort = (int)effort;
	if ((rc = arg_date(ctx, a, "at", &in.at)) ||
	    (rc = cx_customer_find(ctx->db, a->argv[0], &in.customer_id, &ctx->err)))
		return rc;
	if (cs && ((rc = cx_case_parse_id(cs, &in.case_id, &ctx->err)) ||
		   (rc = cx_case_check(ctx->db, in.case_id, &ctx->err))))
		return rc;
	if ((rc = cx_touch_log(ctx->db, &in, &id, &ctx->err)))
		return rc;
	ctx_done(ctx, "touchpoint", id, "Logged touchpoint %lld: %s at %s", (long long)id, in.channel, in.stage);
	return CX_OK;
}

static const cx_opt list_opts[] = {
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "one customer's", .complete = "customer" },
	{ .name = "case", .arg = "CASE", .help = "those of one case", .complete = "case" },
	{ .name = "stage", .shrt = 's', .arg = "STAGE", .help = "at this stage", .complete = "stage" },
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL", .help = "on this channel", .complete = "channel" },
	{ .name = "kind", .shrt = 'k', .arg = "KIND", .help = "only rows of this kind (touch: logged ones)",
	  .words = cx_touch_kinds },
	{ .name = "below", .arg = "FEELING", .help = "emotion below this (e.g. 0: the unhappy ones)",
	  .flags = OPT_HINTS, .words = cx_touch_emotions },
	{ .name = "above", .arg = "FEELING", .help = "emotion above this", .flags = OPT_HINTS,
	  .words = cx_touch_emotions },
	{ .name = "since", .arg = "DATE", .help = "at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "before DATE" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "the latest N" },
	{ 0 },
};

static int touch_list(cx_ctx *ctx, cx_args *a)
{
	cx_touch_filter f = { .stage = arg_str(a, "stage"), .channel = arg_str(a, "channel"),
			      .kind = arg_str(a, "kind"), .below = CX_NO_EMOTION, .above = CX_NO_EMOTION };
	const char *cust = arg_str(a, "customer"), *cs = arg_str(a, "case");
	const char *below = arg_str(a, "below"), *above = arg_str(a, "above");
	int rc;

	if ((below && (rc = feeling(ctx, "below", below, &f.below))) ||
	    (above && (rc = feeling(ctx, "above", above, &f.above))))
		return rc;
	if ((rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_date(ctx, a, "until", &f.until)) ||
	    (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	if (cust && (rc = cx_customer_find(ctx->db, cust, &f.customer_id, &ctx->err)))
		return rc;
	if (cs && ((rc = cx_case_parse_id(cs, &f.case_id, &ctx->err)) || (rc = cx_case_check(ctx->db, f.case_id, &ctx->err))))
		return rc;
	return cx_touch_list(ctx->db, &f, ctx->out, &ctx->err);
}

static const cx_opt import_opts[] = {
	{ .name = "map", .shrt = 'M', .arg = "FIELD=COLUMN",
	  .help = "where a field is: customer, at, channel, stage, emotion, effort, direction, case, summary",
	  .flags = OPT_MULTI },
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL", .help = "the channel of rows that have none",
	  .complete = "channel" },
	{ .name = "stage", .shrt = 's', .arg = "STAGE", .help = "the stage of rows that have none",
	  .complete = "stage" },
	{ .name = "encoding", .arg = "ENC", .help = "the file's encoding when not UTF-8 or UTF-16",
	  .flags = OPT_HINTS, .words = cx_encodings },
	{ .name = "tz", .arg = "ZONE", .help = "time zone of times written without one (default: local)",
	  .field = "zone" },
	{ .name = "date-order", .arg = "ORDER", .help = "how to read 01/02/2026 (default mdy)",
	  .words = cx_date_orders },
	{ .name = "create-customers", .help = "add customers for unknown email addresses" },
	{ .name = "dry-run", .shrt = 'n', .help = "check everything, store nothing" },
	{ 0 },
};

static int touch_import(cx_ctx *ctx, cx_args *a)
{
	cx_touch_import_opts o = { .channel = arg_str(a, "channel"), .stage = arg_str(a, "stage"),
				   .encoding = arg_str(a, "encoding"), .zone = arg_str(a, "tz"),
				   .create_customers = arg_flag(a, "create-customers"), .dry_run = arg_flag(a, "dry-run") };
	int n, rc;
	const char *const *maps = arg_all(a, "map", &n);
	ctx->dry_run = o.dry_run;

	for (int i = 0; i < n; i++) {
		const char *eq = strchr(maps[i], '=');
		int k = 0;
		for (; eq && k < CX_TF_N; k++)
			if (strlen(cx_touch_fields[k]) == (size_t)(eq - maps[i]) &&
			    !strncmp(cx_touch_fields[k], maps[i], (size_t)(eq - maps[i])))
				break;
		if (!eq || k == CX_TF_N || !eq[1])
			return cx_fail(&ctx->err, CX_EUSAGE,
				       "--map: \"%s\" is not FIELD=COLUMN with FIELD one of customer, at, channel, stage,"
				       " emotion, effort, direction, case, summary", maps[i]);
		o.map[k] = eq + 1;
	}
	if ((rc = arg_date_order(ctx, a, &o.order)))
		return rc;
	for (int i = 0; i < a->argc; i++) {
		cx_touch_import_result r;
		if ((rc = ctx_file_begin(ctx, 0)))
			return rc;
		rc = ctx_file_written(ctx, cx_touch_import(ctx->db, a->argv[i], &o, &r, &ctx->err));
		if (rc == CX_OK && r.quotes[0])
			ctx_info(ctx, "%s", r.quotes);
		if (rc == CX_OK)
			ctx_done(ctx, "touchpoints", r.added, "%s: %s %lld new touchpoints, %lld already present%s",
				 a->argv[i], o.dry_run ? "would import" : "imported", (long long)r.added,
				 (long long)r.present, r.created ? " (customers added)" : "");
		if ((rc = ctx_file_end(ctx, a->argv[i], rc)))
			return rc;
	}
	return CX_OK;
}

const cx_verb cx_touch_verbs[] = {
	{ .name = "log",
	  .usage = "CUSTOMER --channel CHANNEL --stage STAGE [--emotion FEELING] [--effort N] [options]",
	  .summary = "Record one touchpoint with a customer.", .opts = log_opts, .min_args = 1, .max_args = 1,
	  .flags = CX_NEEDS_DB | CX_WRITES, .fn = touch_log, .complete_args = "customer" },
	{ .name = "list", .usage = "[--customer CUSTOMER] [--stage STAGE] [--channel CHANNEL] [options]",
	  .summary = "List touchpoints, newest first: logged ones, cases, replies, survey answers, feedback.",
	  .opts = list_opts, .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = touch_list },
	{ .name = "import", .usage = "FILE... [--map FIELD=COLUMN]... [options]",
	  .summary = "Import touchpoints from another system's CSV export; each file all or nothing.",
	  .opts = import_opts, .min_args = 1, .max_args = -1, .flags = CX_NEEDS_DB | CX_CREATES, .fn = touch_import,
	  .complete_args = "file" },
	{ 0 },
};
