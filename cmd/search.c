/* cx search: find anything by its words, in cases, notes, touchpoints, survey comments, feedback and customer names. */
#include <stdio.h>
#include <string.h>

#include "cx.h"

static const cx_opt search_opts[] = {
	{ .name = "kind", .shrt = 'k', .arg = "KIND", .help = "only texts of this kind", .words = cx_search_kinds },
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "only about this customer",
	  .complete = "customer" },
	{ .name = "since", .arg = "DATE", .help = "only from DATE on" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "at most N results (default 20)" },
	{ .name = "rebuild", .help = "build the index again from scratch first" },
	{ 0 },
};

static int cmd_search(cx_ctx *ctx, cx_args *a)
{
	char query[4096] = "";
	cx_search_opts o = { .kind = arg_str(a, "kind") };
	const char *cust = arg_str(a, "customer");
	int rc;

	if (arg_flag(a, "rebuild")) {
		int64_t n;
		if ((rc = cx_search_rebuild(ctx->db, &n, &ctx->err)))
			return rc;
		ctx_info(ctx, "search index rebuilt: %lld entries", (long long)n);
		if (a->argc == 0)
			return CX_OK;
	}
	if (a->argc == 0)
		return cx_fail(&ctx->err, CX_EUSAGE, "give some words to look for");
	/* several arguments are one query, as a shell user would expect */
	for (int i = 0; i < a->argc; i++) {
		if (i)
			strncat(query, " ", sizeof query - strlen(query) - 1);
		strncat(query, a->argv[i], sizeof query - strlen(query) - 1);
	}
	o.query = query;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_int(ctx, a, "limit", 1, 100000, &o.limit)))
		return rc;
	if (cust && (rc = cx_customer_find(ctx->db, cust, &o.customer_id, &ctx->err)))
		return rc;
	return cx_search(ctx->db, &o, ctx->out, &ctx->err);
}

const cx_verb cx_search_cmd = {
	.name = "search",
	.usage = "QUERY... [--kind KIND] [--customer CUSTOMER] [--since DATE] [options]",
	.summary = "Find words in case titles, notes, touchpoints, survey comments, feedback and customer names, best first.",
	.opts = search_opts,
	.min_args = 0,
	.max_args = -1,
	.flags = CX_NEEDS_DB | CX_WRITES | CX_EXISTING,
	.fn = cmd_search,
};
