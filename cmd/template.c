/* cx template: replies kept by name, with {{variables}} filled from a case by cx reply --template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"
#include "cx/template.h"

static const cx_opt text_opts[] = {
	{ .name = "message", .shrt = 'm', .arg = "TEXT", .help = "the template's text; - reads standard input",
	  .flags = OPT_MULTI },
	{ .name = "edit", .shrt = 'e', .help = "write it in $VISUAL or $EDITOR" },
	{ 0 },
};

static int template_add(cx_ctx *ctx, cx_args *a)
{
	char *body;
	int rc = cx_template_name_check(a->argv[0], &ctx->err);
	if (rc || (rc = body_read(ctx, a, 1, &body)))
		return rc;
	rc = cx_template_save(ctx->db, a->argv[0], body, 1, &ctx->err);
	free(body);
	if (rc == CX_OK)
		ctx_done(ctx, "template", 0, "Added template %s", a->argv[0]);
	return rc;
}

static int template_edit(cx_ctx *ctx, cx_args *a)
{
	char *old, *body = NULL;
	int n, rc = cx_template_get(ctx->db, a->argv[0], &old, &ctx->err);
	if (rc)
		return rc;
	/* with no text given, the editor starts from the template as it is */
	arg_all(a, "message", &n);
	rc = n ? body_read(ctx, a, 1, &body) : body_edit(ctx, old, &body);
	free(old);
	if (rc == CX_OK)
		rc = cx_template_save(ctx->db, a->argv[0], body, 0, &ctx->err);
	free(body);
	if (rc == CX_OK)
		ctx_done(ctx, "template", 0, "Changed template %s", a->argv[0]);
	return rc;
}

static int template_list(cx_ctx *ctx, cx_args *a)
{
	(void)a;
	return cx_template_list(ctx->db, ctx->out, &ctx->err);
}

static int template_show(cx_ctx *ctx, cx_args *a)
{
	char *body;
	int rc = cx_template_get(ctx->db, a->argv[0], &body, &ctx->err);
	if (rc)
		return rc;
	/*
	 * Exactly as it is into a pipe or a file, to be edited and given back;
	 * on a terminal, as every stored text is shown there (controls defused).
	 */
	size_t n = strlen(body);
	if (n && body[n - 1] == '\n')
		body[--n] = '\0';
	if (isatty(STDOUT_FILENO))
		cx_out_text(ctx->out, body);
	else
		printf("%s\n", body);
	free(body);
	return CX_OK;
}

static int template_rm(cx_ctx *ctx, cx_args *a)
{
	int rc = cx_template_rm(ctx->db, a->argv[0], &ctx->err);
	if (rc == CX_OK)
		ctx_done(ctx, "template", 0, "Removed template %s", a->argv[0]);
	return rc;
}

#define W (CX_NEEDS_DB | CX_WRITES)
const cx_verb cx_template_verbs[] = {
	{ .name = "add", .usage = "NAME [-m TEXT | --edit]",
	  .summary = "Add a reply template; {{customer.first_name | there}}, {{case.id}}, ... are filled by cx reply.",
	  .opts = text_opts, .min_args = 1, .max_args = 1, .flags = W, .fn = template_add },
	{ .name = "list", .usage = "", .summary = "List the templates, with the variables each one uses.", .min_args = 0,
	  .max_args = 0, .flags = CX_NEEDS_DB, .fn = template_list },
	{ .name = "show", .usage = "NAME", .summary = "Print a template's text.", .min_args = 1, .max_args = 1,
	  .flags = CX_NEEDS_DB, .fn = template_show, .complete_args = "template" },
	{ .name = "edit", .usage = "NAME [-m TEXT | --edit]",
	  .summary = "Change a template's text (in the editor when no text is given).", .opts = text_opts, .min_args = 1,
	  .max_args = 1, .flags = W, .fn = template_edit, .complete_args = "template" },
	{ .name = "rm", .usage = "NAME", .summary = "Remove a template.", .min_args = 1, .max_args = 1, .flags = W,
	  .fn = template_rm, .complete_args = "template" },
	{ 0 },
};
#undef W
