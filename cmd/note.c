/* cx note: what was said and done, added to a case or a customer; never edited. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "cx.h"

static const cx_opt add_opts[] = {
	{ .name = "message", .shrt = 'm', .arg = "TEXT", .help = "the note; - reads standard input",
	  .flags = OPT_MULTI, .field = "body" },
	{ .name = "edit", .shrt = 'e', .help = "write the note in $VISUAL or $EDITOR", .field = "body" },
	{ .name = "public", .help = "what was said to the customer" },
	{ .name = "internal", .help = "for the team only (the default)" },
	{ .name = "kind", .shrt = 'k', .arg = "KIND", .help = "how it happened (default other)",
	  .words = cx_note_kinds },
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "a note on this customer rather than a case",
	  .complete = "customer" },
	{ .name = "at", .arg = "DATE", .help = "when it happened (default now)" },
	{ 0 },
};

static int is_number(const char *s)
{
	if (*s == '#')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int note_add(cx_ctx *ctx, cx_args *a)
{
	cx_note_in in = { .public_ = arg_flag(a, "public"), .kind = arg_str(a, "kind") };
	const char *cust = arg_str(a, "customer");
	char *body = NULL;
	int64_t id;
	int rc;

	if (in.public_ && arg_flag(a, "internal"))
		return cx_fail(&ctx->err, CX_EUSAGE, "a note is either --public or --internal, not both");
	if (a->argc == 0 && !cust)
		return cx_fail(&ctx->err, CX_EUSAGE, "say where the note goes: a case number or --customer CUSTOMER");
	if (a->argc == 1 && cust)
		return cx_fail(&ctx->err, CX_EUSAGE, "give a case number or --customer, not both");
	if ((rc = arg_date(ctx, a, "at", &in.at)))
		return rc;
	if (a->argc == 1 && is_number(a->argv[0])) {
		if ((rc = cx_case_parse_id(a->argv[0], &in.case_id, &ctx->err)) ||
		    (rc = cx_case_check(ctx->db, in.case_id, &ctx->err)))
			return rc;
	} else if ((rc = cx_customer_find(ctx->db, cust ? cust : a->argv[0], &in.customer_id, &ctx->err))) {
		return rc;
	}
	if ((rc = body_read(ctx, a, 1, &body)))
		return rc;
	in.body = body;
	rc = in.case_id ? cx_case_note(ctx->db, &in, &id, &ctx->err) : cx_note_add(ctx->db, &in, &id, &ctx->err);
	free(body);
	if (rc)
		return rc;
	if (in.case_id)
		ctx_done(ctx, "note", id, "Added %s note %lld to case %lld", in.public_ ? "public" : "internal",
			 (long long)id, (long long)in.case_id);
	else
		ctx_done(ctx, "note", id, "Added %s note %lld to customer %lld",
			 in.public_ ? "public" : "internal", (long long)id, (long long)in.customer_id);
	return CX_OK;
}

static const cx_opt list_opts[] = {
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER",
	  .help = "notes about this customer (on any of their cases too)", .complete = "customer" },
	{ .name = "public", .help = "only what was said to customers" },
	{ .name = "internal", .help = "only internal notes" },
	{ .name = "kind", .shrt = 'k', .arg = "KIND", .help = "only notes of this kind", .words = cx_note_kinds_all },
	{ .name = "author", .arg = "NAME", .help = "only notes written by NAME", .complete = "owner" },
	{ .name = "search", .arg = "TEXT", .help = "only notes containing TEXT" },
	{ .name = "since", .arg = "DATE", .help = "written at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "written before DATE" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "the latest N notes" },
	{ 0 },
};

static int note_list(cx_ctx *ctx, cx_args *a)
{
	cx_note_filter f = { .visibility = -1, .kind = arg_str(a, "kind"), .author = arg_str(a, "author"),
			     .text = arg_str(a, "search") };
	const char *cust = arg_str(a, "customer");
	int rc;

	if (arg_flag(a, "public") && arg_flag(a, "internal"))
		return cx_fail(&ctx->err, CX_EUSAGE, "choose --public or --internal, not both");
	if (arg_flag(a, "public"))
		f.visibility = 1;
	if (arg_flag(a, "internal"))
		f.visibility = 0;
	if ((rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_date(ctx, a, "until", &f.until)) ||
	    (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	if (a->argc == 1 && ((rc = cx_case_parse_id(a->argv[0], &f.case_id, &ctx->err)) ||
			     (rc = cx_case_check(ctx->db, f.case_id, &ctx->err))))
		return rc;
	if (cust && (rc = cx_customer_find(ctx->db, cust, &f.customer_id, &ctx->err)))
		return rc;
	return cx_note_list(ctx->db, &f, ctx->out, &ctx->err);
}

const cx_verb cx_note_verbs[] = {
	{ .name = "add", .usage = "CASE|--customer CUSTOMER [-m TEXT] [--public] [options]",
	  .summary = "Add a note to a case or a customer (internal unless --public).", .opts = add_opts,
	  .min_args = 0, .max_args = 1, .flags = CX_NEEDS_DB | CX_WRITES, .fn = note_add, .complete_args = "case" },
	{ .name = "list", .usage = "[CASE] [--customer CUSTOMER] [--public|--internal] [options]",
	  .summary = "List notes, oldest first.", .opts = list_opts, .min_args = 0, .max_args = 1,
	  .flags = CX_NEEDS_DB, .fn = note_list, .complete_args = "case" },
	{ 0 },
};

