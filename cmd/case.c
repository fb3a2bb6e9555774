/* cx case: the life of a complaint, from open to closed, and the brief for whoever picks it up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

#define MESSAGE_OPTS                                                                                          \
	{ .name = "message", .shrt = 'm', .arg = "TEXT", .help = "a note; - reads standard input", .flags = OPT_MULTI, \
	  .field = "body" },                                                                                    \
	{ .name = "edit", .shrt = 'e', .help = "write the note in $VISUAL or $EDITOR", .field = "body" }

static int case_id(cx_ctx *ctx, const char *s, int64_t *id)
{
	return cx_case_parse_id(s, id, &ctx->err);
}

static const cx_opt open_opts[] = {
	{ .name = "title", .arg = "TEXT", .help = "what the case is about, in one line" },
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL", .help = "where it came in (phone, email, social, ...)",
	  .complete = "channel" },
	{ .name = "priority", .shrt = 'p', .arg = "PRIORITY", .help = "how urgent it is (default normal)",
	  .words = cx_case_priorities },
	{ .name = "stage", .shrt = 's', .arg = "STAGE", .help = "the journey stage it belongs to", .complete = "stage" },
	{ .name = "owner", .shrt = 'o', .arg = "NAME", .help = "who takes it (the case starts open)",
	  .complete = "owner" },
	{ .name = "tag", .shrt = 't', .arg = "TAG", .help = "add a tag", .flags = OPT_MULTI },
	MESSAGE_OPTS,
	{ .name = "kind", .shrt = 'k', .arg = "KIND", .help = "kind of the first note (default other)",
	  .words = cx_note_kinds },
	{ .name = "at", .arg = "DATE", .help = "when it was opened (default now)" },
	{ 0 },
};

static int case_open(cx_ctx *ctx, cx_args *a)
{
	cx_case_in in = { .title = arg_str(a, "title"), .channel = arg_str(a, "channel"),
			  .priority = arg_str(a, "priority"), .stage = arg_str(a, "stage"),
			  .owner = arg_str(a, "owner"), .note_kind = arg_str(a, "kind") };
	char label[512], *body = NULL;
	int64_t id;
	int rc;

	in.tags = arg_all(a, "tag", &in.ntags);
	if (!in.title)
		return cx_fail(&ctx->err, CX_EUSAGE, "a case needs a title (--title TEXT)");
	if ((rc = arg_date(ctx, a, "at", &in.at)) ||
	    (rc = cx_customer_find(ctx->db, a->argv[0], &in.customer_id, &ctx->err)) ||
	    (rc = body_read(ctx, a, 0, &body)))
		return rc;
	in.note = body;
	rc = cx_case_open(ctx->db, &in, &id, &ctx->err);
	free(body);
	if (rc || (rc = cx_customer_label(ctx->db, in.customer_id, label, sizeof label, &ctx->err)))
		return rc;
	ctx_done(ctx, "case", id, "Opened case %lld for %s", (long long)id, label);
	return CX_OK;
}

static const cx_opt list_opts[] = {
	{ .name = "status", .arg = "STATUS",
	  .help = "only these, comma-separated (default: the work still to do)",
	  .flags = OPT_COMMAS, .words = cx_case_status_filters },
	{ .name = "all", .shrt = 'a', .help = "every case, whatever its status (as --status all)" },
	{ .name = "owner", .shrt = 'o', .arg = "NAME", .help = "owned by NAME (none: unassigned)", .complete = "owner" },
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "of this customer", .complete = "customer" },
	{ .name = "priority", .shrt = 'p', .arg = "PRIORITY", .help = "with this priority",
	  .words = cx_case_priorities },
	{ .name = "tag", .shrt = 't', .arg = "TAG", .help = "with this tag" },
	{ .name = "stage", .shrt = 's', .arg = "STAGE", .help = "at this journey stage", .complete = "stage" },
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL", .help = "that came in on this channel",
	  .complete = "channel" },
	{ .name = "since", .arg = "DATE", .help = "opened at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "opened before DATE" },
	{ .name = "search", .arg = "TEXT", .help = "text in the title or notes" },
	{ .name = "sort", .arg = "KEY", .help = "the order, highest or newest first (default opened)",
	  .words = cx_case_sorts },
	{ .name = "reverse", .shrt = 'r', .help = "oldest (or lowest) first" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "at most N cases" },
	{ .name = "breached", .help = "only cases late on a service-level target (soonest due first)" },
	{ .name = "due-within", .arg = "SPAN", .help = "only cases late or due within SPAN (e.g. 2h)" },
	{ 0 },
};

static int case_list(cx_ctx *ctx, cx_args *a)
{
	cx_case_filter f = { .status = arg_flag(a, "all") ? "all" : arg_str(a, "status"), .owner = arg_str(a, "owner"),
			     .priority = arg_str(a, "priority"), .tag = arg_str(a, "tag"),
			     .stage = arg_str(a, "stage"), .channel = arg_str(a, "channel"),
			     .text = arg_str(a, "search"), .sort = arg_str(a, "sort"),
			     .reverse = arg_flag(a, "reverse") };
	const char *cust = arg_str(a, "customer");
	int rc;

	if (arg_flag(a, "all") && arg_str(a, "status"))
		return cx_fail(&ctx->err, CX_EUSAGE, "--all is every status: give it or --status, not both");
	if ((rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_date(ctx, a, "until", &f.until)) ||
	    (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	if (arg_flag(a, "breached") || arg_str(a, "due-within")) {
		/* the service-level view: cases still to be done, measured against their targets */
		cx_sla_filter sf = { .breached = arg_flag(a, "breached"), .owner = f.owner, .limit = f.limit };
		if ((rc = arg_duration(ctx, a, "due-within", &sf.due_within)))
			return rc;
		if (arg_str(a, "status") || arg_flag(a, "all") || cust || f.priority || f.tag || f.stage || f.channel ||
		    f.text || f.since || f.until)
			return cx_fail(&ctx->err, CX_EUSAGE, "--breached and --due-within combine with --owner and --limit only");
		return cx_sla_list(ctx->db, &sf, ctx->out, &ctx->err);
	}
	if (cust && (rc = cx_customer_find(ctx->db, cust, &f.customer_id, &ctx->err)))
		return rc;
	return cx_case_list(ctx->db, &f, ctx->out, &ctx->err);
}

static int case_show(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc = case_id(ctx, a->argv[0], &id);
	return rc ? rc : cx_case_show(ctx->db, id, ctx->out, &ctx->err);
}

static int case_brief(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc = case_id(ctx, a->argv[0], &id);
	return rc ? rc : cx_case_brief(ctx->db, id, ctx->out, &ctx->err);
}

static const cx_opt update_opts[] = {
	{ .name = "title", .arg = "TEXT", .help = "a new title" },
	{ .name = "priority", .shrt = 'p', .arg = "PRIORITY", .help = "a new priority", .words = cx_case_priorities },
	{ .name = "channel", .shrt = 'c', .arg = "CHANNEL", .help = "the channel it came in on", .complete = "channel" },
	{ .name = "stage", .shrt = 's', .arg = "STAGE", .help = "the journey stage", .complete = "stage" },
	{ .name = "tag", .shrt = 't', .arg = "TAG", .help = "add a tag", .flags = OPT_MULTI },
	{ .name = "untag", .arg = "TAG", .help = "remove a tag", .flags = OPT_MULTI },
	{ 0 },
};

static int case_update(cx_ctx *ctx, cx_args *a)
{
	cx_case_in in = { .title = arg_str(a, "title"), .priority = arg_str(a, "priority"),
			  .channel = arg_str(a, "channel"), .stage = arg_str(a, "stage") };
	int64_t id;
	int rc;

	in.tags = arg_all(a, "tag", &in.ntags);
	in.untags = arg_all(a, "untag", &in.nuntags);
	if ((rc = case_id(ctx, a->argv[0], &id)) || (rc = cx_case_update(ctx->db, id, &in, &ctx->err)))
		return rc;
	ctx_done(ctx, "case", id, "Updated case %lld", (long long)id);
	return CX_OK;
}

static int case_assign(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc;
	if ((rc = case_id(ctx, a->argv[0], &id)) || (rc = cx_case_assign(ctx->db, id, a->argv[1], &ctx->err)))
		return rc;
	ctx_done(ctx, "case", id, "Case %lld assigned to %s", (long long)id, a->argv[1]);
	return CX_OK;
}

static const cx_opt handoff_opts[] = {
	{ .name = "to", .arg = "NAME", .help = "the new owner (required)", .complete = "owner" },
	MESSAGE_OPTS,
	{ 0 },
};

static int case_handoff(cx_ctx *ctx, cx_args *a)
{
	const char *to = arg_str(a, "to");
	char *body = NULL;
	int64_t id;
	int rc;

	if (!to)
		return cx_fail(&ctx->err, CX_EUSAGE, "a handoff needs the new owner (--to NAME)");
	if ((rc = case_id(ctx, a->argv[0], &id)) || (rc = cx_case_check(ctx->db, id, &ctx->err)) ||
	    (rc = body_read(ctx, a, 1, &body)))
		return rc;
	rc = cx_case_handoff(ctx->db, id, to, body, &ctx->err);
	free(body);
	if (rc)
		return rc;
	ctx_done(ctx, "case", id, "Case %lld handed off to %s", (long long)id, to);
	return CX_OK;
}

static const cx_opt move_opts[] = { MESSAGE_OPTS, { 0 } };

static const cx_opt resolve_opts[] = {
	{ .name = "outcome", .arg = "WORD", .help = "how it ended (required)", .flags = OPT_HINTS,
	  .words = cx_case_outcomes },
	MESSAGE_OPTS,
	{ 0 },
};

/* pending, resume, resolve, close, reopen: the verb's name is the move. */
static int case_move(cx_ctx *ctx, cx_args *a)
{
	const char *verb = ctx->verb->name, *outcome = !strcmp(verb, "resolve") ? arg_str(a, "outcome") : NULL;
	char *body = NULL;
	int64_t id;
	int rc;

	if (!strcmp(verb, "resolve") && !outcome)
		return cx_fail(&ctx->err, CX_EUSAGE, "resolving needs an outcome (--outcome WORD)");
	if ((rc = case_id(ctx, a->argv[0], &id)) || (rc = body_read(ctx, a, 0, &body)))
		return rc;
	rc = cx_case_move(ctx->db, id, verb, outcome, body, &ctx->err);
	free(body);
	if (rc)
		return rc;
	static const char *const done[][2] = {
		{ "pending", "is pending: waiting on the customer" }, { "resume", "is open again" },
		{ "resolve", "resolved" }, { "close", "closed" }, { "reopen", "reopened" },
	};
	for (size_t i = 0; i < sizeof done / sizeof done[0]; i++)
		if (!strcmp(done[i][0], verb))
			ctx_done(ctx, "case", id, "Case %lld %s%s%s%s", (long long)id, done[i][1],
				 outcome ? " (" : "", outcome ? outcome : "", outcome ? ")" : "");
	return CX_OK;
}

static int case_link(cx_ctx *ctx, cx_args *a)
{
	int64_t x, y;
	int rc;
	if ((rc = case_id(ctx, a->argv[0], &x)) || (rc = case_id(ctx, a->argv[1], &y)) ||
	    (rc = cx_case_link(ctx->db, x, y, &ctx->err)))
		return rc;
	ctx_done(ctx, "case", x, "Case %lld linked to case %lld", (long long)x, (long long)y);
	return CX_OK;
}

#define W (CX_NEEDS_DB | CX_WRITES)
static int case_themes(cx_ctx *ctx, cx_args *a)
{
	return cmd_themes(ctx, a, CX_THEMES_CASE);
}

const cx_verb cx_case_verbs[] = {
	{ .name = "open", .usage = "CUSTOMER --title TEXT [-m TEXT] [options]",
	  .summary = "Open a case for a customer.", .opts = open_opts, .min_args = 1, .max_args = 1, .flags = W,
	  .fn = case_open, .complete_args = "customer" },
	{ .name = "list", .usage = "[--status STATUS | --all] [--owner NAME] [--customer CUSTOMER] [options]",
	  .summary = "List cases, newest first: the work still to do, or --all.", .opts = list_opts, .min_args = 0,
	  .max_args = 0, .flags = CX_NEEDS_DB, .fn = case_list },
	{ .name = "show", .usage = "CASE", .summary = "Show a case and its history.", .min_args = 1, .max_args = 1,
	  .flags = CX_NEEDS_DB, .fn = case_show, .complete_args = "case" },
	{ .name = "brief", .usage = "CASE", .summary = "Everything the next person needs to pick the case up.",
	  .min_args = 1, .max_args = 1, .flags = CX_NEEDS_DB, .fn = case_brief, .complete_args = "case" },
	{ .name = "update", .usage = "CASE [--title TEXT] [--priority PRIORITY] [options]",
	  .summary = "Change a case's title, priority, channel, stage or tags.", .opts = update_opts, .min_args = 1,
	  .max_args = 1, .flags = W, .fn = case_update, .complete_args = "case" },
	{ .name = "assign", .usage = "CASE OWNER", .summary = "Give a case to someone.", .min_args = 2, .max_args = 2,
	  .flags = W, .fn = case_assign, .complete_args = "case" },
	{ .name = "handoff", .usage = "CASE --to NAME -m TEXT",
	  .summary = "Hand a case over with a note for the new owner.", .opts = handoff_opts, .min_args = 1,
	  .max_args = 1, .flags = W, .fn = case_handoff, .complete_args = "case" },
	{ .name = "pending", .usage = "CASE [-m TEXT]", .summary = "Mark a case as waiting on the customer.",
	  .opts = move_opts, .min_args = 1, .max_args = 1, .flags = W, .fn = case_move, .complete_args = "case" },
	{ .name = "resume", .usage = "CASE [-m TEXT]", .summary = "Take a pending case back up.", .opts = move_opts,
	  .min_args = 1, .max_args = 1, .flags = W, .fn = case_move, .complete_args = "case" },
	{ .name = "resolve", .usage = "CASE --outcome WORD [-m TEXT]", .summary = "Resolve a case with its outcome.",
	  .opts = resolve_opts, .min_args = 1, .max_args = 1, .flags = W, .fn = case_move, .complete_args = "case" },
	{ .name = "close", .usage = "CASE [-m TEXT]", .summary = "Close a case for good.", .opts = move_opts,
	  .min_args = 1, .max_args = 1, .flags = W, .fn = case_move, .complete_args = "case" },
	{ .name = "reopen", .usage = "CASE [-m TEXT]", .summary = "Reopen a resolved or closed case.",
	  .opts = move_opts, .min_args = 1, .max_args = 1, .flags = W, .fn = case_move, .complete_args = "case" },
	{ .name = "link", .usage = "CASE OTHER", .summary = "Link two related cases.", .min_args = 2, .max_args = 2,
	  .flags = W, .fn = case_link, .complete_args = "case" },
	{ .name = "themes", .usage = "[--since DATE] [--by PERIOD] [options]",
	  .summary = "What cases are about: words and phrases of titles and customers' mail, by their latest score.",
	  .opts = cmd_themes_opts, .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = case_themes },
	{ 0 },
};
#undef W

