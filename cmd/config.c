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
	int rc = cx_setting_set(ctx->db, a->argv[0], a->argv[1], &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "setting", 0, "%s = %s", a->argv[0], a->argv[1]);
	return rc;
}

static int config_unset(cx_ctx *ctx, cx_args *a)
{
	int rc = cx_setting_unset(ctx->db, a->argv[0], &ctx->err);
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
	{ "get", "KEY", "Print a setting's value.", NULL, 1, 1, CX_NEEDS_DB, config_get, "setting" },
	{ "set", "KEY VALUE", "Change a setting.", NULL, 2, 2, CX_NEEDS_DB | CX_WRITES, config_set, "setting" },
	{ "unset", "KEY", "Return a setting to its default.", NULL, 1, 1, CX_NEEDS_DB | CX_WRITES,
	  config_unset, "setting" },
	{ "list", "", "List every setting with its value.", NULL, 0, 0, CX_NEEDS_DB, config_list, NULL },
	{ 0 },
};

