/* cx case: the life of a complaint, from open to closed, and the brief for whoever picks it up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

#define MESSAGE_OPTS                                                                         \
	{ "message", 'm', "TEXT", "a note; - reads standard input", OPT_MULTI, NULL },       \
	{ "edit", 'e', NULL, "write the note in $VISUAL or $EDITOR", 0, NULL }

static int case_id(cx_ctx *ctx, const char *s, int64_t *id)
{
	return cx_case_parse_id(s, id, &ctx->err);
}

static const cx_opt open_opts[] = {
	{ "title", 0, "TEXT", "what the case is about, in one line", 0, NULL },
	{ "channel", 'c', "CHANNEL", "where it came in (phone, email, social, ...)", 0, "channel" },
	{ "priority", 'p', "PRIORITY", "low, normal (default), high or urgent", 0, "low|normal|high|urgent" },
	{ "stage", 's', "STAGE", "the journey stage it belongs to", 0, "stage" },
	{ "owner", 'o', "NAME", "who takes it (the case starts open)", 0, "owner" },
	{ "tag", 't', "TAG", "add a tag", OPT_MULTI, NULL },
	MESSAGE_OPTS,
	{ "kind", 'k', "KIND", "kind of the first note: call, email, chat, visit, social, letter, other", 0,
	  "call|email|chat|visit|social|letter|other" },
	{ "at", 0, "DATE", "when it was opened (default now)", 0, NULL },
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
	{ "status", 0, "STATUS", "new, open, pending, resolved, closed (comma-separated) or all", 0,
	  "new|open|pending|resolved|closed|all" },
	{ "owner", 'o', "NAME", "owned by NAME (none: unassigned)", 0, "owner" },
	{ "customer", 'C', "CUSTOMER", "of this customer", 0, "customer" },
	{ "priority", 'p', "PRIORITY", "with this priority", 0, "low|normal|high|urgent" },
	{ "tag", 't', "TAG", "with this tag", 0, NULL },
	{ "stage", 's', "STAGE", "at this journey stage", 0, "stage" },
	{ "channel", 'c', "CHANNEL", "that came in on this channel", 0, "channel" },
	{ "since", 0, "DATE", "opened at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "opened before DATE", 0, NULL },
	{ "search", 0, "TEXT", "text in the title or notes", 0, NULL },
	{ "sort", 0, "KEY", "opened (default), updated, priority or id", 0, "opened|updated|priority|id" },
	{ "reverse", 'r', NULL, "oldest (or lowest) first", 0, NULL },
	{ "limit", 'n', "N", "at most N cases", 0, NULL },
	{ "breached", 0, NULL, "only cases late on a service-level target (soonest due first)", 0, NULL },
	{ "due-within", 0, "SPAN", "only cases late or due within SPAN (e.g. 2h)", 0, NULL },
	{ 0 },
};

static int case_list(cx_ctx *ctx, cx_args *a)
{
	cx_case_filter f = { .status = arg_str(a, "status"), .owner = arg_str(a, "owner"),
			     .priority = arg_str(a, "priority"), .tag = arg_str(a, "tag"),
			     .stage = arg_str(a, "stage"), .channel = arg_str(a, "channel"),
			     .text = arg_str(a, "search"), .sort = arg_str(a, "sort"),
			     .reverse = arg_flag(a, "reverse") };
	const char *cust = arg_str(a, "customer");
	int rc;

	if ((rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_date(ctx, a, "until", &f.until)) ||
	    (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	if (arg_flag(a, "breached") || arg_str(a, "due-within")) {
		/* the service-level view: cases still to be done, measured against their targets */
		cx_sla_filter sf = { .breached = arg_flag(a, "breached"), .owner = f.owner, .limit = f.limit };
		if ((rc = arg_duration(ctx, a, "due-within", &sf.due_within)))
			return rc;
		if (f.status || cust || f.priority || f.tag || f.stage || f.channel || f.text || f.since || f.until)
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
	{ "title", 0, "TEXT", "a new title", 0, NULL },
	{ "priority", 'p', "PRIORITY", "low, normal, high or urgent", 0, "low|normal|high|urgent" },
	{ "channel", 'c', "CHANNEL", "the channel it came in on", 0, "channel" },
	{ "stage", 's', "STAGE", "the journey stage", 0, "stage" },
	{ "tag", 't', "TAG", "add a tag", OPT_MULTI, NULL },
	{ "untag", 0, "TAG", "remove a tag", OPT_MULTI, NULL },
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
	{ "to", 0, "NAME", "the new owner (required)", 0, "owner" },
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
	{ "outcome", 0, "WORD", "how it ended: fixed, replaced, refunded, explained, ... (required)", 0,
	  "fixed|replaced|refunded|repaired|explained|apologised|duplicate|no-action" },
	MESSAGE_OPTS,
	{ 0 },
};

/* pending, resume, resolve, close, reopen: the verb's name is the move. */
static int case_move(cx_ctx *ctx, cx_args *a)
{
	const char *verb = ctx->verb->name, *outcome = arg_str(a, "outcome");
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
const cx_verb cx_case_verbs[] = {
	{ "open", "CUSTOMER --title TEXT [-m TEXT] [options]", "Open a case for a customer.", open_opts,
	  1, 1, W, case_open, "customer" },
	{ "list", "[--status STATUS] [--owner NAME] [--customer CUSTOMER] [options]",
	  "List cases, newest first (by default all but closed ones).", list_opts, 0, 0, CX_NEEDS_DB,
	  case_list, NULL },
	{ "show", "CASE", "Show a case and its history.", NULL, 1, 1, CX_NEEDS_DB, case_show, "case" },
	{ "brief", "CASE", "Everything the next person needs to pick the case up.", NULL, 1, 1,
	  CX_NEEDS_DB, case_brief, "case" },
	{ "update", "CASE [--title TEXT] [--priority PRIORITY] [options]",
	  "Change a case's title, priority, channel, stage or tags.", update_opts, 1, 1, W, case_update,
	  "case" },
	{ "assign", "CASE OWNER", "Give a case to someone.", NULL, 2, 2, W, case_assign, "case" },
	{ "handoff", "CASE --to NAME -m TEXT", "Hand a case over with a note for the new owner.",
	  handoff_opts, 1, 1, W, case_handoff, "case" },
	{ "pending", "CASE [-m TEXT]", "Mark a case as waiting on the customer.", move_opts, 1, 1, W,
	  case_move, "case" },
	{ "resume", "CASE [-m TEXT]", "Take a pending case back up.", move_opts, 1, 1, W, case_move, "case" },
	{ "resolve", "CASE --outcome WORD [-m TEXT]", "Resolve a case with its outcome.", resolve_opts, 1,
	  1, W, case_move, "case" },
	{ "close", "CASE [-m TEXT]", "Close a case for good.", move_opts, 1, 1, W, case_move, "case" },
	{ "reopen", "CASE [-m TEXT]", "Reopen a resolved or closed case.", move_opts, 1, 1, W, case_move,
	  "case" },
	{ "link", "CASE OTHER", "Link two related cases.", NULL, 2, 2, W, case_link, "case" },
	{ 0 },
};
#undef W

