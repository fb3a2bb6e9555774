/* cx touch: record an interaction, list the journey's rows, import many from another system. */
#include <stdio.h>
#include <string.h>

#include "cx.h"

static const cx_opt log_opts[] = {
	{ "channel", 'c', "CHANNEL", "where it happened: phone, email, social, store, web, ... (required)", 0, "channel" },
	{ "stage", 's', "STAGE", "the journey stage: awareness, ..., service (required)", 0, "stage" },
	{ "emotion", 'E', "FEELING", "-2..+2, or angry, frustrated, neutral, pleased, delighted", 0,
	  "angry|frustrated|neutral|pleased|delighted|-2|-1|0|1|2" },
	{ "effort", 'f', "N", "how easy it was for them: 1 (very hard) to 7 (very easy)", 0, "1|2|3|4|5|6|7" },
	{ "at", 0, "DATE", "when it happened (default now)", 0, NULL },
	{ "case", 0, "CASE", "the case it belongs to", 0, "case" },
	{ "direction", 'd', "DIR", "in (from the customer) or out (from you)", 0, "in|out" },
	{ "message", 'm', "TEXT", "what happened, in a line or two", 0, NULL },
	{ 0 },
};

static int touch_log(cx_ctx *ctx, cx_args *a)
{
	cx_touch_in in = { .channel = arg_str(a, "channel"), .stage = arg_str(a, "stage"),
			   .emotion = CX_NO_EMOTION, .direction = arg_str(a, "direction"),
			   .summary = arg_str(a, "message") };
	const char *emo = arg_str(a, "emotion"), *eff = arg_str(a, "effort"), *cs = arg_str(a, "case");
	int64_t id;
	int rc;

	if (!in.channel || !in.stage)
		return cx_fail(&ctx->err, CX_EUSAGE, "a touchpoint needs --channel and --stage");
	if (emo && cx_emotion_parse(emo, &in.emotion, &ctx->err))
		return CX_EDATA;
	if (eff && cx_effort_parse(eff, &in.effort, &ctx->err))
		return CX_EDATA;
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
	{ "customer", 'C', "CUSTOMER", "one customer's", 0, "customer" },
	{ "case", 0, "CASE", "those of one case", 0, "case" },
	{ "stage", 's', "STAGE", "at this stage", 0, "stage" },
	{ "channel", 'c', "CHANNEL", "on this channel", 0, "channel" },
	{ "kind", 'k', "KIND", "touch (logged), case, reply, survey or feedback", 0, "touch|case|reply|survey|feedback" },
	{ "below", 0, "FEELING", "emotion below this (e.g. 0: the unhappy ones)", 0, NULL },
	{ "above", 0, "FEELING", "emotion above this", 0, NULL },
	{ "since", 0, "DATE", "at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "before DATE", 0, NULL },
	{ "limit", 'n', "N", "the latest N", 0, NULL },
	{ 0 },
};

static int touch_list(cx_ctx *ctx, cx_args *a)
{
	cx_touch_filter f = { .stage = arg_str(a, "stage"), .channel = arg_str(a, "channel"),
			      .kind = arg_str(a, "kind"), .below = CX_NO_EMOTION, .above = CX_NO_EMOTION };
	const char *cust = arg_str(a, "customer"), *cs = arg_str(a, "case");
	const char *below = arg_str(a, "below"), *above = arg_str(a, "above");
	cx_err e;
	int rc;

	/* The message is copied out first: formatting err into itself is undefined. */
	if (below && cx_emotion_parse(below, &f.below, &e))
		return cx_fail(&ctx->err, CX_EDATA, "--below: %s", e.msg);
	if (above && cx_emotion_parse(above, &f.above, &e))
		return cx_fail(&ctx->err, CX_EDATA, "--above: %s", e.msg);
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
	{ "map", 'M', "FIELD=COLUMN", "where a field is: customer, at, channel, stage, emotion, effort, direction, case, summary", OPT_MULTI, NULL },
	{ "channel", 'c', "CHANNEL", "the channel of rows that have none", 0, "channel" },
	{ "stage", 's', "STAGE", "the stage of rows that have none", 0, "stage" },
	{ "encoding", 0, "ENC", "the file's encoding when not UTF-8 or UTF-16", 0, "cp1252|latin1" },
	{ "tz", 0, "ZONE", "time zone of times written without one (default: local)", 0, NULL },
	{ "date-order", 0, "ORDER", "how to read 01/02/2026: mdy (default), dmy or ymd", 0, "mdy|dmy|ymd" },
	{ "create-customers", 0, NULL, "add customers for unknown email addresses", 0, NULL },
	{ "dry-run", 'n', NULL, "check everything, store nothing", 0, NULL },
	{ 0 },
};

static int touch_import(cx_ctx *ctx, cx_args *a)
{
	cx_touch_import_opts o = { .channel = arg_str(a, "channel"), .stage = arg_str(a, "stage"),
				   .encoding = arg_str(a, "encoding"), .zone = arg_str(a, "tz"),
				   .create_customers = arg_flag(a, "create-customers"), .dry_run = arg_flag(a, "dry-run") };
	int n, rc;
	const char *const *maps = arg_all(a, "map", &n);

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
	{ "log", "CUSTOMER --channel CHANNEL --stage STAGE [--emotion FEELING] [--effort N] [options]",
	  "Record one touchpoint with a customer.", log_opts, 1, 1, CX_NEEDS_DB | CX_WRITES, touch_log, "customer" },
	{ "list", "[--customer CUSTOMER] [--stage STAGE] [--channel CHANNEL] [options]",
	  "List touchpoints, newest first: logged ones, cases, replies, survey answers, feedback.", list_opts, 0, 0,
	  CX_NEEDS_DB, touch_list, NULL },
	{ "import", "FILE... [--map FIELD=COLUMN]... [options]",
	  "Import touchpoints from another system's CSV export; each file all or nothing.", import_opts, 1, -1,
	  CX_NEEDS_DB | CX_CREATES, touch_import, "file" },
	{ 0 },
};
