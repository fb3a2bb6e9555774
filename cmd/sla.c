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
	{ "channel", 'c', "CHANNEL", "only for cases from this channel (default: any)", 0, "channel" },
	{ "first", 0, "SPAN", "first public response within SPAN of business time (e.g. 4h)", 0, NULL },
	{ "resolve", 0, "SPAN", "resolution within SPAN of business time (e.g. 16h)", 0, NULL },
	{ 0 },
};

static int sla_set(cx_ctx *ctx, cx_args *a)
{
	const char *channel = arg_str(a, "channel");
	int64_t first = 0, resolve = 0;
	int rc;
	if ((rc = arg_duration(ctx, a, "first", &first)) || (rc = arg_duration(ctx, a, "resolve", &resolve)))
		return rc;
	if (arg_str(a, "first") && !first)
		return cx_fail(&ctx->err, CX_EDATA, "--first: a target must be longer than zero");
	if (arg_str(a, "resolve") && !resolve)
		return cx_fail(&ctx->err, CX_EDATA, "--resolve: a target must be longer than zero");
	if ((rc = cx_sla_policy_set(ctx->db, a->argv[0], channel ? channel : "*", first, resolve, &ctx->err)))
		return rc;
	ctx_done(ctx, "sla", 0, "Targets for %s cases%s%s set", a->argv[0], channel ? " from " : "", channel ? channel : "");
	return CX_OK;
}

static const cx_opt unset_opts[] = {
	{ "channel", 'c', "CHANNEL", "the channel-specific target (default: the one for any channel)", 0, "channel" },
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
	{ "remove", 0, NULL, "remove the holiday instead", 0, NULL },
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
	{ "list", "", "List the response and resolution targets per priority and channel.", NULL, 0, 0, CX_NEEDS_DB,
	  sla_list, NULL },
	{ "set", "PRIORITY [--channel CHANNEL] [--first SPAN] [--resolve SPAN]",
	  "Set the targets for a priority (and channel), in business time.", set_opts, 1, 1, W, sla_set,
	  "low|normal|high|urgent" },
	{ "unset", "PRIORITY [--channel CHANNEL]", "Remove the targets for a priority (and channel).", unset_opts, 1, 1,
	  W, sla_unset, "low|normal|high|urgent" },
	{ "hours", "[DAYS HH:MM-HH:MM]... | [24/7]",
	  "Show or set the opening hours the targets count in (set the zone with cx config set timezone).", NULL, 0,
	  -1, W, sla_hours, "mon-fri|sat|sun|24/7" },
	{ "holiday", "DATE [NAME] [--remove]", "Mark a day (YYYY-MM-DD) as closed, or no longer.", holiday_opts, 1, 2,
	  W, sla_holiday, NULL },
	{ "holidays", "", "List the holidays.", NULL, 0, 0, CX_NEEDS_DB, sla_holidays, NULL },
	{ 0 },
};
#undef W
