/* cx customer: add, list, show, edit, merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"

#define CONTACT_OPTS                                                                                    \
	{ .name = "email", .arg = "EMAIL", .help = "email address (unique)" },                                   \
	{ .name = "phone", .arg = "PHONE", .help = "phone number" },                                             \
	{ .name = "handle", .arg = "HANDLE", .help = "social media handle, with or without @ (unique)" },        \
	{ .name = "org", .arg = "NAME", .help = "organisation or company" },                                     \
	{ .name = "prefers", .arg = "CHANNEL", .help = "how they like to be contacted (e.g. text, email, phone)" }, \
	{ .name = "note", .arg = "TEXT", .help = "a standing note about them (e.g. allergies, accessibility)" },  \
	{ .name = "tag", .shrt = 't', .arg = "TAG", .help = "add a tag", .flags = OPT_MULTI }

static const cx_opt add_opts[] = {
	CONTACT_OPTS,
	{ .name = "at", .arg = "DATE", .help = "when they became a customer (default now)" },
	{ 0 },
};

/* The contact options, which add and edit share. */
static void fill(const cx_args *a, cx_customer_in *in)
{
	in->email = arg_str(a, "email");
	in->phone = arg_str(a, "phone");
	in->handle = arg_str(a, "handle");
	in->org = arg_str(a, "org");
	in->prefers = arg_str(a, "prefers");
	in->note = arg_str(a, "note");
	in->tags = arg_all(a, "tag", &in->ntags);
}

static int customer_add(cx_ctx *ctx, cx_args *a)
{
	cx_customer_in in = { .name = a->argv[0] };
	char label[512];
	int64_t id;
	int rc;

	fill(a, &in);
	if ((rc = arg_date(ctx, a, "at", &in.at)) || (rc = cx_customer_add(ctx->db, &in, &id, &ctx->err)) ||
	    (rc = cx_customer_label(ctx->db, id, label, sizeof label, &ctx->err)))
		return rc;
	ctx_done(ctx, "customer", id, "Added customer %lld: %s", (long long)id, label);
	return CX_OK;
}

static const cx_opt list_opts[] = {
	{ .name = "tag", .shrt = 't', .arg = "TAG", .help = "only customers with this tag" },
	{ .name = "search", .shrt = 's', .arg = "TEXT",
	  .help = "text in the name, email, phone, handle or organisation" },
	{ .name = "since", .arg = "DATE", .help = "only customers added since" },
	{ .name = "sort", .arg = "KEY", .help = "the order (default name)", .words = cx_customer_sorts },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "at most N customers" },
	{ .name = "merged", .help = "include customers merged into others" },
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
	{ .name = "name", .arg = "NAME", .help = "the customer's name" },
	CONTACT_OPTS,
	{ .name = "untag", .arg = "TAG", .help = "remove a tag", .flags = OPT_MULTI },
	{ 0 },
};

static int customer_edit(cx_ctx *ctx, cx_args *a)
{
	cx_customer_in in = { .name = arg_str(a, "name") };
	int64_t id;
	int rc;

	fill(a, &in);
	in.untags = arg_all(a, "untag", &in.nuntags);
	if ((rc = cx_customer_find(ctx->db, a->argv[0], &id, &ctx->err)) ||
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
	    (rc = cx_merge_customers(ctx->db, from, into, &ctx->err)) ||
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
	{ .name = "yes", .shrt = 'y', .help = "do not ask for confirmation" },
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
		ctx->once = 1; /* a person's answer is not asked for twice */
		fprintf(stderr, "Forget %s? Their name, contact details and every text about them are erased for good. [y/N] ",
			label);
		if (!fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y'))
			return cx_fail(&ctx->err, CX_EUSAGE, "nothing was forgotten");
	}
	/* the transaction begins once the answer is in: nobody waits on a question */
	if ((rc = ctx_file_begin(ctx, 0)) || (rc = ctx_file_end(ctx, label, cx_customer_forget(ctx->db, id, &ctx->err))))
		return rc;
	ctx_done(ctx, "customer", id, "Customer %lld forgotten", (long long)id);
	return CX_OK;
}

const cx_verb cx_customer_verbs[] = {
	{ .name = "add", .usage = "NAME [--email EMAIL] [--phone PHONE] [options]", .summary = "Add a customer.",
	  .opts = add_opts, .min_args = 1, .max_args = 1, .flags = CX_NEEDS_DB | CX_WRITES, .fn = customer_add },
	{ .name = "list", .usage = "[--tag TAG] [--search TEXT] [--since DATE] [--sort KEY] [--limit N] [options]",
	  .summary = "List customers, by name.", .opts = list_opts, .min_args = 0, .max_args = 0,
	  .flags = CX_NEEDS_DB, .fn = customer_list },
	{ .name = "show", .usage = "CUSTOMER", .summary = "Show a customer's profile, cases and notes.",
	  .min_args = 1, .max_args = 1, .flags = CX_NEEDS_DB, .fn = customer_show, .complete_args = "customer" },
	{ .name = "edit", .usage = "CUSTOMER [--name NAME] [--email EMAIL] [options]",
	  .summary = "Change a customer's details (an empty value clears a field).", .opts = edit_opts, .min_args = 1,
	  .max_args = 1, .flags = CX_NEEDS_DB | CX_WRITES, .fn = customer_edit, .complete_args = "customer" },
	{ .name = "merge", .usage = "FROM INTO",
	  .summary = "Merge customer FROM into INTO: every case and note moves over.", .min_args = 2, .max_args = 2,
	  .flags = CX_NEEDS_DB | CX_WRITES, .fn = customer_merge, .complete_args = "customer" },
	{ .name = "export", .usage = "CUSTOMER",
	  .summary = "Everything stored about a customer, as JSON (for a data-access request).", .min_args = 1,
	  .max_args = 1, .flags = CX_NEEDS_DB, .fn = customer_export, .complete_args = "customer" },
	{ .name = "forget", .usage = "CUSTOMER [--yes]",
	  .summary = "Erase a customer's personal data, keeping anonymous counts.", .opts = forget_opts,
	  .min_args = 1, .max_args = 1, .flags = CX_NEEDS_DB, .fn = customer_forget, .complete_args = "customer" },
	{ 0 },
};

