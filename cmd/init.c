/* cx init and cx demo: a database to work in, and a sample business to learn on. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

static int cmd_init(cx_ctx *ctx, cx_args *a)
{
	(void)a;
	static const cx_col cols[] = {
		{ "path", CX_T_TEXT, 0, 0 },
		{ "schema", CX_T_INT, 0, 0 },
	};
	cx_val v[] = { CX_TEXTV(cx_db_path(ctx->db)), CX_INTV(cx_db_schema_version(ctx->db)) };
	if (ctx->fmt == CX_FMT_TABLE) {
		cx_out_text(ctx->out, cx_db_path(ctx->db));
		return CX_OK;
	}
	cx_out_begin(ctx->out, NULL, NULL, CX_LAY_RECORD, CX_COLS(cols));
	cx_out_row(ctx->out, v);
	cx_out_end(ctx->out);
	return CX_OK;
}

const cx_verb cx_init_cmd = {
	.name = "init",
	.usage = "",
	.summary = "Create or upgrade the database and print its path.",
	.min_args = 0,
	.max_args = 0,
	.flags = CX_NEEDS_DB | CX_CREATES,
	.fn = cmd_init,
};

static const cx_opt demo_opts[] = {
	{ .name = "seed", .arg = "N", .help = "a different demo business (default 1)" },
	{ 0 },
};

static int cmd_demo(cx_ctx *ctx, cx_args *a)
{
	static char dir[4096], file[4200];
	const char *target = ctx->db_path;
	cx_demo_stats st;
	int64_t seed = 1;
	int rc;

	if ((rc = arg_int(ctx, a, "seed", 0, INT64_MAX, &seed)))
		return rc;
	/* Only --db (or CX_DB) given explicitly puts the demo anywhere but a fresh directory. */
	if (!target) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/cx-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			return cx_fail(&ctx->err, CX_EIO, "cannot make a directory for the demo in %s: %s",
				       tmp && *tmp ? tmp : "/tmp", strerror(errno));
		snprintf(file, sizeof file, "%s/cx.db", dir);
		target = file;
	}
	if ((rc = ctx_open_db(ctx, target)) || (rc = ctx_file_begin(ctx, 0)) ||
	    (rc = ctx_file_end(ctx, target, cx_demo_build(ctx->db, (uint64_t)seed, &st, &ctx->err)))) {
		free(st.inbox);
		return rc;
	}
	/* this morning's mail, next to a database the demo made, for the tour to import */
	static char inbox[4300];
	inbox[0] = '\0';
	if (!ctx->db_path && st.inbox) {
		snprintf(inbox, sizeof inbox, "%s/inbox.mbox", dir);
		FILE *fp = fopen(inbox, "w");
		if (!fp || fputs(st.inbox, fp) < 0 || fclose(fp) != 0)
			inbox[0] = '\0';
	}
	free(st.inbox);
	if (ctx->quiet && ctx->fmt == CX_FMT_TABLE) {
		printf("%s\n", target);
		return CX_OK;
	}
	if (ctx->fmt != CX_FMT_TABLE) {
		static const cx_col cols[] = {
			{ "path", CX_T_TEXT, 0, 0 },	  { "customers", CX_T_INT, 0, 0 },
			{ "cases", CX_T_INT, 0, 0 },	  { "notes", CX_T_INT, 0, 0 },
			{ "featured_case", CX_T_INT, 0, 0 }, { "featured_customer", CX_T_TEXT, 0, 0 },
			{ "touchpoints", CX_T_INT, 0, 0 }, { "responses", CX_T_INT, 0, 0 },
			{ "followups", CX_T_INT, 0, 0 }, { "messages", CX_T_INT, 0, 0 },
			{ "inbox", CX_T_TEXT, 0, 0 },
		};
		cx_val v[] = { CX_TEXTV(target),	CX_INTV(st.customers),	     CX_INTV(st.cases),
			       CX_INTV(st.notes),	CX_INTV(st.featured_case), CX_TEXTV(st.featured_customer),
			       CX_INTV(st.touchpoints), CX_INTV(st.responses),	     CX_INTV(st.followups),
			       CX_INTV(st.messages),	inbox[0] ? CX_TEXTV(inbox) : CX_NULLV };
		cx_out_begin(ctx->out, NULL, NULL, CX_LAY_RECORD, CX_COLS(cols));
		cx_out_row(ctx->out, v);
		cx_out_end(ctx->out);
		return CX_OK;
	}
	printf("Built the demo business \"Bean & Burr\" (espresso machines, grinders, coffee by mail):\n"
	       "%lld customers, %lld cases, %lld notes, %lld touchpoints and %lld survey responses\n"
	       "(%lld unhappy ones followed up with a case) over the last year, and a month of its\n"
	       "mail (%lld messages), in\n\n    %s\n\n",
	       (long long)st.customers, (long long)st.cases, (long long)st.notes, (long long)st.touchpoints,
	       (long long)st.responses, (long long)st.followups, (long long)st.messages, target);
	printf("Point cx at it and look around:\n\n"
	       "    export CX_DB=%s\n\n"
	       "    cx case list                        cases not yet closed, newest first\n"
	       "    cx case list --owner sam            what Sam is working on\n"
	       "    cx case brief %-5lld                 everything needed to pick case %lld up\n"
	       "    cx customer show %s\n"
	       "    cx customer list --tag vip          the customers to treat with care\n"
	       "    cx note list --public --limit 5     the latest things you told customers\n"
	       "    cx log --limit 10 --reverse         who changed what, most recent first\n"
	       "    cx journey map                      every stage measured; where the friction is\n"
	       "    cx journey show %s\n"
	       "    cx survey report --by quarter       NPS, CSAT and CES with their margins of error\n"
	       "    cx survey responses --detractors    what unhappy customers actually wrote\n"
	       "    cx mail list --limit 8              the latest mail, and what became of each message\n",
	       target, (long long)st.featured_case, (long long)st.featured_case, st.featured_customer,
	       st.featured_customer);
	if (inbox[0])
		printf("    cx mail import %s\n"
		       "                                        this morning's mail: a new case, a reply in its thread, ...\n",
		       inbox);
	printf("\n"
	       "Then make it yours:\n\n"
	       "    cx customer add \"Dana Ruiz\" --email dana@example.com\n"
	       "    cx case open dana@example.com --title \"Espresso machine arrived cracked\" -m \"Box was dented\"\n"
	       "    cx case handoff %lld --to sam -m \"Replacement shipped; she prefers text messages\"\n\n"
	       "'cx --help' lists every command; 'man cx' explains them. Unset CX_DB to return to your\n"
	       "own database.\n",
	       (long long)(st.cases + st.followups + st.mail_cases + 1));
	return CX_OK;
}

const cx_verb cx_demo_cmd = {
	.name = "demo",
	.usage = "[--seed N]",
	.summary = "Build a sample business in a throw-away database and show a tour.",
	.opts = demo_opts,
	.min_args = 0,
	.max_args = 0,
	.flags = CX_WRITES,
	.fn = cmd_demo,
};
