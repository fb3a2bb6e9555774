/* cx customer: add, list, show, edit, merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"

#define CONTACT_OPTS                                                                                  \
	{ "email", 0, "EMAIL", "email address (unique)", 0, NULL },                                    \
	{ "phone", 0, "PHONE", "phone number", 0, NULL },                                              \
	{ "handle", 0, "HANDLE", "social media handle, with or without @ (unique)", 0, NULL },         \
	{ "org", 0, "NAME", "organisation or company", 0, NULL },                                      \
	{ "prefers", 0, "CHANNEL", "how they like to be contacted (e.g. text, email, phone)", 0, NULL }, \
	{ "note", 0, "TEXT", "a standing note about them (e.g. allergies, accessibility)", 0, NULL },  \
	{ "tag", 't', "TAG", "add a tag", OPT_MULTI, NULL }

static const cx_opt add_opts[] = {
	CONTACT_OPTS,
	{ "at", 0, "DATE", "when they became a customer (default now)", 0, NULL },
	{ 0 },
};

static int fill(cx_ctx *ctx, const cx_args *a, cx_customer_in *in)
{
	in->email = arg_str(a, "email");
	in->phone = arg_str(a, "phone");
	in->handle = arg_str(a, "handle");
	in->org = arg_str(a, "org");
	in->prefers = arg_str(a, "prefers");
	in->note = arg_str(a, "note");
	in->tags = arg_all(a, "tag", &in->ntags);
	in->untags = arg_all(a, "untag", &in->nuntags);
	return arg_date(ctx, a, "at", &in->at);
}

static int customer_add(cx_ctx *ctx, cx_args *a)
{
	cx_customer_in in = { .name = a->argv[0] };
	char label[512];
	int64_t id;
	int rc;

	if ((rc = fill(ctx, a, &in)) || (rc = cx_customer_add(ctx->db, &in, &id, &ctx->err)) ||
	    (rc = cx_customer_label(ctx->db, id, label, sizeof label, &ctx->err)))
		return rc;
	ctx_done(ctx, "customer", id, "Added customer %lld: %s", (long long)id, label);
	return CX_OK;
}

static const cx_opt list_opts[] = {
	{ "tag", 't', "TAG", "only customers with this tag", 0, NULL },
	{ "search", 's', "TEXT", "text in the name, email, phone, handle or organisation", 0, NULL },
	{ "since", 0, "DATE", "only customers added since", 0, NULL },
	{ "sort", 0, "KEY", "name (default), created, cases, open or id", 0, "name|created|cases|open|id" },
	{ "limit", 'n', "N", "at most N customers", 0, NULL },
	{ "merged", 0, NULL, "include customers merged into others", 0, NULL },
	{ 0 },
};

static int customer_list(cx_ctx *ctx, cx_args *a)
{
	cx_customer_filter f = { .tag = arg_str(a, "tag"), .text = arg_str(a, "search"),
				 .sort = arg_str(a, "sort"), .merged = arg_flag(a, "merged") };
	int rc;
	if ((rc = arg_date(ctx, a, "since", &f.since)) ||
	    (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	return cx_customer_list(ctx->db, &f, ctx->out, &ctx->err);
}

static int customer_show(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc = cx_customer_find(ctx->db, a->argv[0], &id, &ctx->err);
	return rc ? rc : cx_customer_show(ctx->db, id, ctx->out, &ctx->err);
}

static const cx_opt edit_opts[] = {
	{ "name", 0, "NAME", "the customer's name", 0, NULL },
	CONTACT_OPTS,
	{ "untag", 0, "TAG", "remove a tag", OPT_MULTI, NULL },
	{ 0 },
};

static int customer_edit(cx_ctx *ctx, cx_args *a)
{
	cx_customer_in in = { .name = arg_str(a, "name") };
	int64_t id;
	int rc;

	if ((rc = fill(ctx, a, &in)) || (rc = cx_customer_find(ctx->db, a->argv[0], &id, &ctx->err)) ||
	    (rc = cx_customer_edit(ctx->db, id, &in, &ctx->err)))
		return rc;
	ctx_done(ctx, "customer", id, "Updated customer %lld", (long long)id);
	return CX_OK;
}

static int customer_merge(cx_ctx *ctx, cx_args *a)
{
	int64_t from, into;
	char label[512];
	int rc;

	if ((rc = cx_customer_find(ctx->db, a->argv[0], &from, &ctx->err)) ||
	    (rc = cx_customer_find(ctx->db, a->argv[1], &into, &ctx->err)) ||
	    (rc = cx_customer_merge(ctx->db, from, into, &ctx->err)) ||
	    (rc = cx_customer_label(ctx->db, into, label, sizeof label, &ctx->err)))
		return rc;
	ctx_done(ctx, "customer", into, "Merged customer %lld into %lld: %s", (long long)from,
		 (long long)into, label);
	return CX_OK;
}

static int customer_export(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	char *json;
	int rc;
	if ((rc = cx_customer_find(ctx->db, a->argv[0], &id, &ctx->err)) ||
	    (rc = cx_customer_export(ctx->db, id, &json, &ctx->err)))
		return rc;
	puts(json);
	free(json);
	return CX_OK;
}

static const cx_opt forget_opts[] = {
	{ "yes", 'y', NULL, "do not ask for confirmation", 0, NULL },
	{ 0 },
};

static int customer_forget(cx_ctx *ctx, cx_args *a)
{
	char label[512], answer[16];
	int64_t id;
	int rc;
	if ((rc = cx_customer_find(ctx->db, a->argv[0], &id, &ctx->err)) ||
	    (rc = cx_customer_label(ctx->db, id, label, sizeof label, &ctx->err)))
		return rc;
	if (!arg_flag(a, "yes")) {
		if (!isatty(STDIN_FILENO))
			return cx_fail(&ctx->err, CX_EUSAGE, "forgetting %s cannot be undone: confirm with --yes", label);
		fprintf(stderr, "Forget %s? Their name, contact details and every text about them are erased for good. [y/N] ",
			label);
		if (!fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y'))
			return cx_fail(&ctx->err, CX_EUSAGE, "nothing was forgotten");
	}
	if ((rc = cx_customer_forget(ctx->db, id, &ctx->err)))
		return rc;
	ctx_done(ctx, "customer", id, "Customer %lld forgotten", (long long)id);
	return CX_OK;
}

const cx_verb cx_customer_verbs[] = {
	{ "add", "NAME [--email EMAIL] [--phone PHONE] [options]", "Add a customer.", add_opts, 1, 1,
	  CX_NEEDS_DB | CX_WRITES, customer_add, NULL },
	{ "list", "[--tag TAG] [--search TEXT] [--since DATE] [--sort KEY] [--limit N] [options]",
	  "List customers, by name.", list_opts, 0, 0, CX_NEEDS_DB, customer_list, NULL },
	{ "show", "CUSTOMER", "Show a customer's profile, cases and notes.", NULL, 1, 1, CX_NEEDS_DB,
	  customer_show, "customer" },
	{ "edit", "CUSTOMER [--name NAME] [--email EMAIL] [options]",
	  "Change a customer's details (an empty value clears a field).", edit_opts, 1, 1,
	  CX_NEEDS_DB | CX_WRITES, customer_edit, "customer" },
	{ "merge", "FROM INTO", "Merge customer FROM into INTO: every case and note moves over.", NULL, 2,
	  2, CX_NEEDS_DB | CX_WRITES, customer_merge, "customer" },
	{ "export", "CUSTOMER", "Everything stored about a customer, as JSON (for a data-access request).", NULL, 1, 1,
	  CX_NEEDS_DB, customer_export, "customer" },
	{ "forget", "CUSTOMER [--yes]", "Erase a customer's personal data, keeping anonymous counts.", forget_opts, 1, 1,
	  CX_NEEDS_DB, customer_forget, "customer" },
	{ 0 },
};

