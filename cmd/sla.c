/* cx sla: response and resolution targets, opening hours and holidays they count in. */
#include <stdio.h>
#include <string.h>

#include "cx.h"

static int sla_list(cx_ctx *ctx, cx_args *a)
{
	(void)a;
	return cx_sla_policies(ctx->db, ctx->out, &ctx->err);
}

static const cx_opt set_opts[] = {
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL", .help = "only for cases from this channel (default: any)",
	  .complete = "channel" },
	{ .name = "first", .arg = "SPAN", .help = "first public response within SPAN of business time (e.g. 4h)" },
	{ .name = "resolve", .arg = "SPAN", .help = "resolution within SPAN of business time (e.g. 16h)" },
	{ 0 },
};

static int sla_set(cx_ctx *ctx, cx_args *a)
{
	const char *channel = arg_str(a, "channel");
	int64_t first = 0, resolve = 0;
	int rc;
	if ((rc = arg_duration(ctx, a, "first", &first)) || (rc = arg_duration(ctx, a, "resolve", &resolve)))
		return rc;
	/* out of the option's range: a usage error, as --limit 0 */
	if (arg_str(a, "first") && !first)
		return cx_fail(&ctx->err, CX_EUSAGE, "--first: a target must be longer than zero");
	if (arg_str(a, "resolve") && !resolve)
		return cx_fail(&ctx->err, CX_EUSAGE, "--resolve: a target must be longer than zero");
	if ((rc = cx_sla_policy_set(ctx->db, a->argv[0], channel ? channel : "*", first, resolve, &ctx->err)))
		return rc;
	ctx_done(ctx, "sla", 0, "Targets for %s cases%s%s set", a->argv[0], channel ? " from " : "", channel ? channel : "");
	return CX_OK;
}

static const cx_opt unset_opts[] = {
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL",
	  .help = "the channel-specific target (default: the one for any channel)", .complete = "channel" },
	{ 0 },
};

static int sla_unset(cx_ctx *ctx, cx_args *a)
{
	const char *channel = arg_str(a, "channel");
	int rc = cx_sla_policy_unset(ctx->db, a->argv[0], channel ? channel : "*", &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "sla", 0, "Targets for %s cases removed", a->argv[0]);
	return rc;
}

/* sla hours: list them; sla hours mon-fri 09:00-17:00 sat 10:00-14:00: set them; sla hours 24/7 */
static int sla_hours(cx_ctx *ctx, cx_args *a)
{
	char spec[1024] = "";
	if (a->argc == 0)
		return cx_sla_hours_list(ctx->db, ctx->out, &ctx->err);
	for (int i = 0; i < a->argc; i++) {
		if (i)
			strncat(spec, " ", sizeof spec - strlen(spec) - 1);
		strncat(spec, a->argv[i], sizeof spec - strlen(spec) - 1);
	}
	int rc = cx_sla_hours_set(ctx->db, spec, &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "sla", 0, "Opening hours set: %s", spec);
	return rc;
}

static const cx_opt holiday_opts[] = {
	{ .name = "remove", .help = "remove the holiday instead" },
	{ 0 },
};

static int sla_holiday(cx_ctx *ctx, cx_args *a)
{
	int remove = arg_flag(a, "remove");
	int rc = cx_sla_holiday(ctx->db, a->argv[0], a->argc > 1 ? a->argv[1] : NULL, remove, &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "sla", 0, "%s %s", remove ? "No longer a holiday:" : "Holiday:", a->argv[0]);
	return rc;
}

static int sla_holidays(cx_ctx *ctx, cx_args *a)
{
	(void)a;
	return cx_sla_holidays(ctx->db, ctx->out, &ctx->err);
}

#define W (CX_NEEDS_DB | CX_WRITES)
const cx_verb cx_sla_verbs[] = {
	{ .name = "list", .usage = "",
	  .summary = "List the response and resolution targets per priority and channel.", .min_args = 0,
	  .max_args = 0, .flags = CX_NEEDS_DB, .fn = sla_list },
	{ .name = "set", .usage = "PRIORITY [--channel CHANNEL] [--first SPAN] [--resolve SPAN]",
	  .summary = "Set the targets for a priority (and channel), in business time.", .opts = set_opts,
	  .min_args = 1, .max_args = 1, .flags = W, .fn = sla_set, .arg_words = cx_case_priorities },
	{ .name = "unset", .usage = "PRIORITY [--channel CHANNEL]",
	  .summary = "Remove the targets for a priority (and channel).", .opts = unset_opts, .min_args = 1,
	  .max_args = 1, .flags = W, .fn = sla_unset, .arg_words = cx_case_priorities },
	{ .name = "hours", .usage = "[DAYS HH:MM-HH:MM]... | [24/7]",
	  .summary = "Show or set the opening hours the targets count in (set the zone with cx config set timezone).",
	  .min_args = 0, .max_args = -1, .flags = W, .fn = sla_hours, .arg_words = cx_sla_hours_examples,
	  .arg_flags = OPT_HINTS },
	{ .name = "holiday", .usage = "DATE [NAME] [--remove]",
	  .summary = "Mark a day (YYYY-MM-DD) as closed, or no longer.", .opts = holiday_opts, .min_args = 1,
	  .max_args = 2, .flags = W, .fn = sla_holiday },
	{ .name = "holidays", .usage = "", .summary = "List the holidays.", .min_args = 0, .max_args = 0,
	  .flags = CX_NEEDS_DB, .fn = sla_holidays },
	{ 0 },
};
#undef W
