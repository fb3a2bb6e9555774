/* cx template: replies kept by name, with {{variables}} filled from a case by cx reply --template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"
#include "cx/template.h"

static const cx_opt text_opts[] = {
	{ "message", 'm', "TEXT", "the template's text; - reads standard input", OPT_MULTI, NULL },
	{ "edit", 'e', NULL, "write it in $VISUAL or $EDITOR", 0, NULL },
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
	/* the text as it is, for people and pipes alike */
	fputs(body, stdout);
	if (body[0] && body[strlen(body) - 1] != '\n')
		putchar('\n');
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

const cx_verb cx_template_verbs[] = {
	{ "add", "NAME [-m TEXT | --edit]", "Add a reply template; {{customer.first_name | there}}, {{case.id}}, ... are filled by cx reply.",
	  text_opts, 1, 1, CX_NEEDS_DB | CX_WRITES, template_add, NULL },
	{ "list", "", "List the templates, with the variables each one uses.", NULL, 0, 0, CX_NEEDS_DB, template_list, NULL },
	{ "show", "NAME", "Print a template's text.", NULL, 1, 1, CX_NEEDS_DB, template_show, "template" },
	{ "edit", "NAME [-m TEXT | --edit]", "Change a template's text (in the editor when no text is given).", text_opts, 1, 1,
	  CX_NEEDS_DB | CX_WRITES, template_edit, "template" },
	{ "rm", "NAME", "Remove a template.", NULL, 1, 1, CX_NEEDS_DB | CX_WRITES, template_rm, "template" },
	{ 0 },
};
