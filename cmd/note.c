/* cx note: what was said and done, added to a case or a customer; never edited. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "cx.h"

static const cx_opt add_opts[] = {
	{ "message", 'm', "TEXT", "the note; - reads standard input", OPT_MULTI, NULL },
	{ "edit", 'e', NULL, "write the note in $VISUAL or $EDITOR", 0, NULL },
	{ "public", 0, NULL, "what was said to the customer", 0, NULL },
	{ "internal", 0, NULL, "for the team only (the default)", 0, NULL },
	{ "kind", 'k', "KIND", "call, email, chat, visit, social, letter or other (default)", 0,
	  "call|email|chat|visit|social|letter|other" },
	{ "customer", 'C', "CUSTOMER", "a note on this customer rather than a case", 0, "customer" },
	{ "at", 0, "DATE", "when it happened (default now)", 0, NULL },
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
	rc = cx_note_add(ctx->db, &in, &id, &ctx->err);
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
	{ "customer", 'C', "CUSTOMER", "notes about this customer (on any of their cases too)", 0, "customer" },
	{ "public", 0, NULL, "only what was said to customers", 0, NULL },
	{ "internal", 0, NULL, "only internal notes", 0, NULL },
	{ "kind", 'k', "KIND", "only notes of this kind", 0, "call|email|chat|visit|social|letter|other|handoff|status" },
	{ "author", 0, "NAME", "only notes written by NAME", 0, "owner" },
	{ "search", 0, "TEXT", "only notes containing TEXT", 0, NULL },
	{ "since", 0, "DATE", "written at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "written before DATE", 0, NULL },
	{ "limit", 'n', "N", "the latest N notes", 0, NULL },
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
	{ "add", "CASE|--customer CUSTOMER [-m TEXT] [--public] [options]",
	  "Add a note to a case or a customer (internal unless --public).", add_opts, 0, 1,
	  CX_NEEDS_DB | CX_WRITES, note_add, "case" },
	{ "list", "[CASE] [--customer CUSTOMER] [--public|--internal] [options]",
	  "List notes, oldest first.", list_opts, 0, 1, CX_NEEDS_DB, note_list, "case" },
	{ 0 },
};

