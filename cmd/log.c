/* cx log: the audit trail of every change. */
#include "cx.h"

static const cx_opt log_opts[] = {
	{ "entity", 0, "KIND", "only changes to this kind of thing (case, customer, ...)", 0,
	  "case|customer|touchpoint|feedback|setting|sla|stage|channel|source" },
	{ "id", 0, "N", "only changes to the thing with this id (with --entity)", 0, NULL },
	{ "actor", 0, "NAME", "only changes made by NAME", 0, "owner" },
	{ "action", 0, "ACTION", "only this action (create, note, status, assign, handoff, ...)", 0,
	  "create|edit|note|status|assign|handoff|update|link|merge|merged|forget|survey|import|respond|escalate|ignore|tag|"
	  "target|target-remove|hours|holiday|holiday-remove|set|unset|add|rename|move|remove" },
	{ "since", 0, "DATE", "at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "before DATE", 0, NULL },
	{ "limit", 'n', "N", "at most N events", 0, NULL },
	{ "reverse", 'r', NULL, "newest first", 0, NULL },
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

const cx_verb cx_log_cmd = { "log", "[--entity KIND] [--id N] [--actor NAME] [options]",
			     "Show the audit trail: who changed what, and when.", log_opts, 0, 0,
			     CX_NEEDS_DB, cmd_log, NULL };
