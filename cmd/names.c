/* Ordered name lists (journey stages, channels, feedback sources): one verb shape for all. */
#include <string.h>

#include "cx.h"

const cx_opt cx_names_opts[] = {
	{ .name = "after", .arg = "NAME", .help = "add or move: place it after NAME" },
	{ .name = "first", .help = "move: place it first" },
	{ .name = "into", .arg = "NAME", .help = "remove: move what uses it to NAME first" },
	{ 0 },
};

/* VERB [list | add NAME | rename OLD NEW | move NAME | remove NAME] */
int cmd_names(cx_ctx *ctx, cx_args *a, cx_names which)
{
	const char *what = which == CX_STAGES ? "stage" : which == CX_CHANNELS ? "channel" : "source";
	const char *act = a->argc ? a->argv[0] : "list", *after = arg_str(a, "after"), *into = arg_str(a, "into");
	int need = !strcmp(act, "rename") ? 3 : !strcmp(act, "list") ? 1 : 2, rc;

	/* the parser checked act against cx_name_actions */
	if (a->argc && a->argc != need)
		return cx_fail(&ctx->err, CX_EUSAGE, "%s %s takes %d name%s", ctx->verb->name, act, need - 1,
			       need == 2 ? "" : "s");
	if (!strcmp(act, "list"))
		return cx_names_list(ctx->db, which, ctx->out, &ctx->err);
	if (!strcmp(act, "add"))
		rc = cx_names_add(ctx->db, which, a->argv[1], after, &ctx->err);
	else if (!strcmp(act, "rename"))
		rc = cx_names_rename(ctx->db, which, a->argv[1], a->argv[2], &ctx->err);
	else if (!strcmp(act, "move")) {
		if (!after && !arg_flag(a, "first"))
			return cx_fail(&ctx->err, CX_EUSAGE, "say where: --after NAME or --first");
		rc = cx_names_move(ctx->db, which, a->argv[1], after, &ctx->err);
	} else
		rc = cx_names_remove(ctx->db, which, a->argv[1], into, &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, what, 0, "%s %s: done", ctx->verb->name, act);
	return rc;
}

