/* cx log: the audit trail of every change. */
#include "cx.h"

static const cx_opt log_opts[] = {
	{ .name = "entity", .arg = "KIND", .help = "only changes to this kind of thing", .flags = OPT_HINTS,
	  .words = cx_event_entities },
	{ .name = "id", .arg = "N", .help = "only changes to the thing with this id (with --entity)" },
	{ .name = "actor", .arg = "NAME", .help = "only changes made by NAME", .complete = "owner" },
	{ .name = "action", .arg = "ACTION", .help = "only this action", .flags = OPT_HINTS, .words = cx_event_actions },
	{ .name = "since", .arg = "DATE", .help = "at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "before DATE" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "at most N events" },
	{ .name = "reverse", .shrt = 'r', .help = "newest first" },
	{ 0 },
};

static int cmd_log(cx_ctx *ctx, cx_args *a)
{
	cx_event_filter f = { .entity = arg_str(a, "entity"), .actor = arg_str(a, "actor"),
			      .action = arg_str(a, "action"), .reverse = arg_flag(a, "reverse") };
	int rc;
	if ((rc = arg_int(ctx, a, "id", 1, INT64_MAX, &f.entity_id)) ||
	    (rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_date(ctx, a, "until", &f.until)) ||
	    (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	return cx_event_list(ctx->db, &f, ctx->out, &ctx->err);
}

const cx_verb cx_log_cmd = {
	.name = "log",
	.usage = "[--entity KIND] [--id N] [--actor NAME] [options]",
	.summary = "Show the audit trail: who changed what, and when.",
	.opts = log_opts,
	.min_args = 0,
	.max_args = 0,
	.flags = CX_NEEDS_DB,
	.fn = cmd_log,
};
