/* cx topic: named searches that tag responses, feedback and cases, with each topic's figures. */
#include "cx.h"

static int topic_add(cx_ctx *ctx, cx_args *a)
{
	int64_t tagged;
	int rc = cx_topic_add(ctx->db, a->argv[0], a->argv[1], &tagged, &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "topic", tagged, "Added topic %s: %lld item%s tagged", a->argv[0], (long long)tagged,
			 tagged == 1 ? "" : "s");
	return rc;
}

static int topic_rm(cx_ctx *ctx, cx_args *a)
{
	int rc = cx_topic_rm(ctx->db, a->argv[0], &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "topic", 0, "Removed topic %s", a->argv[0]);
	return rc;
}

static const cx_opt list_opts[] = {
	{ .name = "since", .arg = "DATE", .help = "items written at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "items written before DATE" },
	{ 0 },
};

static const cx_opt show_opts[] = {
	{ .name = "since", .arg = "DATE", .help = "items written at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "items written before DATE" },
	{ .name = "by", .arg = "PERIOD", .help = "the trend by this period (default month)", .words = cx_periods },
	{ 0 },
};

static int topic_list(cx_ctx *ctx, cx_args *a)
{
	cx_topic_opts o = { 0 };
	int rc;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_date(ctx, a, "until", &o.until)))
		return rc;
	return cx_topic_list(ctx->db, &o, ctx->out, &ctx->err);
}

static int topic_show(cx_ctx *ctx, cx_args *a)
{
	cx_topic_opts o = { .name = a->argv[0], .by = arg_str(a, "by") };
	int rc;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_date(ctx, a, "until", &o.until)))
		return rc;
	return cx_topic_show(ctx->db, &o, ctx->out, &ctx->err);
}

/* Reading topics tags what arrived since, as searching indexes it: they write that much. */
#define R (CX_NEEDS_DB | CX_WRITES | CX_EXISTING)
const cx_verb cx_topic_verbs[] = {
	{ .name = "add", .usage = "NAME QUERY",
	  .summary = "Define a topic by a search query; tag what matches, now and as it arrives.", .min_args = 2,
	  .max_args = 2, .flags = CX_NEEDS_DB | CX_WRITES, .fn = topic_add },
	{ .name = "list", .usage = "[--since DATE] [--until DATE]",
	  .summary = "Every topic: volume, share unhappy, NPS.", .opts = list_opts, .min_args = 0, .max_args = 0,
	  .flags = R, .fn = topic_list },
	{ .name = "show", .usage = "NAME [--since DATE] [--by PERIOD]",
	  .summary = "One topic's figures and its trend period by period.", .opts = show_opts, .min_args = 1,
	  .max_args = 1, .flags = R, .fn = topic_show, .complete_args = "topic" },
	{ .name = "rm", .usage = "NAME", .summary = "Remove a topic and its tags (the texts stay).", .min_args = 1,
	  .max_args = 1, .flags = CX_NEEDS_DB | CX_WRITES | CX_EXISTING, .fn = topic_rm, .complete_args = "topic" },
	{ 0 },
};
#undef R
