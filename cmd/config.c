/* cx config: settings kept in the database. */
#include "cx.h"

static int config_get(cx_ctx *ctx, cx_args *a)
{
	char buf[1024];
	int rc = cx_setting_get(ctx->db, a->argv[0], buf, sizeof buf, &ctx->err);
	if (rc == CX_OK)
		printf("%s\n", buf);
	return rc;
}

static int config_set(cx_ctx *ctx, cx_args *a)
{
	int rc = cx_config_set(ctx->db, a->argv[0], a->argv[1], &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "setting", 0, "%s = %s", a->argv[0], a->argv[1]);
	return rc;
}

static int config_unset(cx_ctx *ctx, cx_args *a)
{
	int rc = cx_config_unset(ctx->db, a->argv[0], &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "setting", 0, "%s is back to its default", a->argv[0]);
	return rc;
}

static int config_list(cx_ctx *ctx, cx_args *a)
{
	(void)a;
	return cx_setting_list(ctx->db, ctx->out, &ctx->err);
}

const cx_verb cx_config_verbs[] = {
	{ .name = "get", .usage = "KEY", .summary = "Print a setting's value.", .min_args = 1, .max_args = 1,
	  .flags = CX_NEEDS_DB, .fn = config_get, .complete_args = "setting" },
	{ .name = "set", .usage = "KEY VALUE", .summary = "Change a setting.", .min_args = 2, .max_args = 2,
	  .flags = CX_NEEDS_DB | CX_WRITES, .fn = config_set, .complete_args = "setting" },
	{ .name = "unset", .usage = "KEY", .summary = "Return a setting to its default.", .min_args = 1,
	  .max_args = 1, .flags = CX_NEEDS_DB | CX_WRITES, .fn = config_unset, .complete_args = "setting" },
	{ .name = "list", .usage = "", .summary = "List every setting with its value.", .min_args = 0, .max_args = 0,
	  .flags = CX_NEEDS_DB, .fn = config_list },
	{ 0 },
};

