/* cx report: the digest for the owner's morning, and --check for cron to alert on. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"

static const cx_opt report_opts[] = {
	{ .name = "since", .arg = "DATE", .help = "the period's start (instead of daily, weekly, monthly)" },
	{ .name = "until", .arg = "DATE", .help = "the period's end (default: now)" },
	{ .name = "check", .help = "exit 1 when something needs attention, saying what on stderr" },
	{ 0 },
};

static int cmd_report(cx_ctx *ctx, cx_args *a)
{
	const char *name = a->argc ? a->argv[0] : "daily";
	cx_report_opts o = { .name = name, .tty = isatty(STDOUT_FILENO), .notice = 1 };
	int64_t span;
	cx_attention at;
	char title[128], day[CX_TIME_BUF];
	int rc;

	/* in cx_report_names order: daily, weekly, monthly; the parser checked the name */
	static const int64_t spans[] = { 86400, 7 * 86400, 30 * 86400 };
	int k = cx_words_find(cx_report_names, name);
	span = spans[k < 0 ? 0 : k];
	/* a monthly report's trend is by month, the others' by week */
	o.trend = k == 2 ? CX_P_MONTH : CX_P_WEEK;
	o.until = ctx_clock(ctx);
	if ((rc = arg_date(ctx, a, "until", &o.until)))
		return rc;
	o.since = o.until - span;
	if ((rc = arg_date(ctx, a, "since", &o.since)))
		return rc;
	if (arg_str(a, "since") && !a->argc)
		o.name = "report";
	cx_time_local(o.until, day);
	day[10] = '\0';
	snprintf(title, sizeof title, "cx %s report, %s", o.name, day);
	cx_out_title(ctx->out, title);
	if ((rc = cx_report(ctx->db, &o, ctx->out, &at, &ctx->err)) || !arg_flag(a, "check"))
		return rc;
	int64_t n = 0;
	if (at.breached) {
		fprintf(stderr, "cx: attention: %lld open case%s late on a service level (cx case list --breached)\n",
			(long long)at.breached, at.breached == 1 ? " is" : "s are");
		n += at.breached;
	}
	if (at.overdue) {
		fprintf(stderr, "cx: attention: %lld public post%s unanswered past the deadline (cx feedback list --overdue)\n",
			(long long)at.overdue, at.overdue == 1 ? " is" : "s are");
		n += at.overdue;
	}
	if (at.unfollowed) {
		fprintf(stderr, "cx: attention: %lld unhappy survey answer%s no follow-up (cx survey follow-up)\n",
			(long long)at.unfollowed, at.unfollowed == 1 ? " has" : "s have");
		n += at.unfollowed;
	}
	if (n) {
		/* a "no" from the check, not a failure: what the report noticed (breaches, their hooks) is kept */
		fprintf(stderr, "cx: %lld thing%s need%s attention\n", (long long)n, n == 1 ? "" : "s", n == 1 ? "s" : "");
		ctx->status = cx_exit_status(CX_ENOTFOUND);
	}
	return CX_OK;
}

const cx_verb cx_report_cmd = {
	.name = "report",
	.usage = "[NAME] [--since DATE] [--until DATE] [--check]",
	.summary = "The digest: cases, service levels, feedback, scores and what needs attention.",
	.opts = report_opts,
	.min_args = 0,
	.max_args = 1,
	.flags = CX_NEEDS_DB | CX_WRITES | CX_EXISTING,
	.fn = cmd_report,
	.arg_words = cx_report_names,
};
