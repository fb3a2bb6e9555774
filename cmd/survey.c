/* cx survey: import exports from survey tools, report NPS/CSAT/CES, read responses, follow up. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"

static const cx_opt import_opts[] = {
	{ .name = "name", .arg = "NAME", .help = "the survey's name (default: the file name)" },
	{ .name = "tool", .arg = "TOOL",
	  .help = "the tool that made the file (default auto: recognised from the header)", .words = cx_survey_tools },
	{ .name = "nps", .arg = "COL", .help = "the NPS question (0-10): header text or column number" },
	{ .name = "csat", .arg = "COL", .help = "the CSAT question (1-5)" },
	{ .name = "ces", .arg = "COL", .help = "the CES question (1-7)" },
	{ .name = "comment", .arg = "COL", .help = "the free-text comment" },
	{ .name = "email", .arg = "COL", .help = "the respondent's email" },
	{ .name = "respondent", .arg = "COL", .help = "the respondent's name" },
	{ .name = "id", .arg = "COL", .help = "the response id" },
	{ .name = "at", .arg = "COL", .help = "when the response was submitted" },
	{ .name = "complete", .arg = "COL=VALUE", .help = "only rows where COL is VALUE are complete" },
	{ .name = "encoding", .arg = "ENC",
	  .help = "the file's encoding when not UTF-8 or UTF-16 with a byte order mark", .flags = OPT_HINTS,
	  .words = cx_encodings_any },
	{ .name = "sep", .arg = "CHAR", .help = "the separator (default: detected)", .words = cx_separators },
	{ .name = "tz", .arg = "ZONE", .help = "time zone of times written without one (default: local)" },
	{ .name = "date-order", .arg = "ORDER", .help = "how to read 01/02/2026 (default mdy)",
	  .words = cx_date_orders },
	{ .name = "stage", .arg = "STAGE",
	  .help = "the journey stage of the responses (default: the survey.stage setting)", .complete = "stage" },
	{ .name = "language", .arg = "LANG",
	  .help = "the language comments are written in (default: the text.language setting)", .words = cx_text_languages },
	{ .name = "create-customers", .help = "add respondents with an unknown email as customers" },
	{ .name = "follow-up", .help = "open a case for each unhappy respondent without one" },
	{ .name = "dry-run", .shrt = 'n', .help = "read and check everything, store nothing" },
	{ 0 },
};

static void progress(void *arg, const cx_import_progress *p)
{
	const char *file = arg;
	if (p->size > 0)
		fprintf(stderr, "\rcx: %s: %d%% (%lld rows)", file, (int)(100 * p->bytes / p->size),
			(long long)p->rows);
	else
		fprintf(stderr, "\rcx: %s: %lld rows", file, (long long)p->rows);
}

static int survey_import(cx_ctx *ctx, cx_args *a)
{
	cx_survey_import_opts o = { .name = arg_str(a, "name"), .tool = arg_str(a, "tool"),
				    .encoding = arg_str(a, "encoding"), .complete = arg_str(a, "complete"),
				    .zone = arg_str(a, "tz"), .stage = arg_str(a, "stage"),
				    .language = arg_str(a, "language"),
				    .create_customers = arg_flag(a, "create-customers"),
				    .follow_up = arg_flag(a, "follow-up"), .dry_run = arg_flag(a, "dry-run") };
	const char *sep = arg_str(a, "sep");
	int rc, show_progress = !ctx->quiet && isatty(STDERR_FILENO);

	for (int k = 0; k < CX_ROLE_N; k++)
		o.col[k] = arg_str(a, cx_role_options[k]);
	/* the parser checked --tool and --sep against their lists */
	if (sep)
		o.sep = strcmp(sep, "tab") ? sep[0] : '\t';
	if ((rc = arg_date_order(ctx, a, &o.order)))
		return rc;
	if (a->argc > 1 && o.name)
		ctx_info(ctx, "--name %s applies to all %d files", o.name, a->argc);
	static const cx_col cols[] = {
		{ "file", CX_T_TEXT, 0, 0 },	   { "survey", CX_T_TEXT, 0, 0 },   { "tool", CX_T_TEXT, 0, 0 },
		{ "encoding", CX_T_TEXT, 0, 0 },   { "rows", CX_T_INT, 0, 0 },	    { "added", CX_T_INT, 0, 0 },
		{ "completed", CX_T_INT, 0, 0 },   { "present", CX_T_INT, 0, 0 },   { "incomplete", CX_T_INT, 0, 0 },
		{ "linked", CX_T_INT, 0, 0 },	   { "created", CX_T_INT, 0, 0 },   { "followups", CX_T_INT, 0, 0 },
		{ "dry_run", CX_T_BOOL, 0, 0 },	   { "columns", CX_T_TEXT, 0, 0 },  { "updated", CX_T_INT, 0, 0 },
	};
	if (ctx->fmt != CX_FMT_TABLE)
		cx_out_begin(ctx->out, NULL, NULL, CX_LAY_TABLE, cols, 15);
	for (int i = 0; i < a->argc; i++) {
		const char *file = a->argv[i];
		cx_survey_import_result r;
		o.progress = show_progress ? progress : NULL;
		o.progress_arg = (void *)file;
		if ((rc = ctx_file_begin(ctx, 1)))
			return rc;
		rc = cx_survey_import(ctx->db, file, &o, &r, &ctx->err);
		if (show_progress && r.rows >= 0x10000)
			fputs("\r\033[K", stderr);
		if ((rc = ctx_file_written(ctx, rc)))
			return ctx_file_end(ctx, file, rc);
		if (r.quotes[0])
			ctx_info(ctx, "%s", r.quotes);
		if (r.unlinked)
			ctx_info(ctx, "%s: %lld unhappy responses have no customer to follow up (import with --create-customers)",
				 strcmp(file, "-") ? file : "standard input", (long long)r.unlinked);
		if (ctx->fmt == CX_FMT_TABLE) {
			char extra[256] = "";
			if (r.completed)
				snprintf(extra + strlen(extra), sizeof extra - strlen(extra), ", %lld completed since last time",
					 (long long)r.completed);
			if (r.updated)
				snprintf(extra + strlen(extra), sizeof extra - strlen(extra),
					 ", %lld partial %s updated with more answers", (long long)r.updated,
					 r.updated == 1 ? "response" : "responses");
			if (r.created)
				snprintf(extra + strlen(extra), sizeof extra - strlen(extra), ", %lld customers added",
					 (long long)r.created);
			if (r.followups)
				snprintf(extra + strlen(extra), sizeof extra - strlen(extra), ", %lld follow-up cases opened",
					 (long long)r.followups);
			if (!ctx->quiet)
				printf("%s: %s export (%s) into survey \"%s\"\n  columns: %s\n", strcmp(file, "-") ? file : "standard input",
				       r.tool, r.encoding, r.survey, r.columns);
			printf("%s%s %lld new, %lld already present, %lld incomplete; %lld linked to customers%s\n",
			       ctx->quiet ? "" : "  ", o.dry_run ? "would import" : "imported", (long long)r.added,
			       (long long)r.present, (long long)r.incomplete, (long long)r.linked, extra);
		} else {
			cx_val v[] = { CX_TEXTV(file),	      CX_TEXTV(r.survey),      CX_TEXTV(r.tool),
				       CX_TEXTV(r.encoding),  CX_INTV(r.rows),	       CX_INTV(r.added),
				       CX_INTV(r.completed),  CX_INTV(r.present),      CX_INTV(r.incomplete),
				       CX_INTV(r.linked),     CX_INTV(r.created),      CX_INTV(r.followups),
				       CX_INTV(o.dry_run),    CX_TEXTV(r.columns),     CX_INTV(r.updated) };
			cx_out_row(ctx->out, v);
		}
		if ((rc = ctx_file_end(ctx, file, CX_OK)))
			return rc;
	}
	if (ctx->fmt != CX_FMT_TABLE)
		cx_out_end(ctx->out);
	return CX_OK;
}

static int survey_list(cx_ctx *ctx, cx_args *a)
{
	(void)a;
	return cx_survey_list(ctx->db, ctx->out, &ctx->err);
}

static int survey_show(cx_ctx *ctx, cx_args *a)
{
	return cx_survey_show(ctx->db, a->argv[0], ctx->out, &ctx->err);
}

static const cx_opt report_opts[] = {
	{ .name = "survey", .shrt = 's', .arg = "NAME", .help = "only this survey (default: each survey)",
	  .complete = "survey" },
	{ .name = "since", .arg = "DATE", .help = "responses at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "responses before DATE" },
	{ .name = "by", .arg = "PERIOD", .help = "a row per period", .words = cx_periods },
	{ .name = "segment", .arg = "COLUMN", .help = "a row per answer to this question (its header text), or per customer tag: tag" },
	{ .name = "compare", .arg = "SPAN", .help = "compare the last SPAN (e.g. 30d) with the SPAN before it" },
	{ 0 },
};

static int survey_report(cx_ctx *ctx, cx_args *a)
{
	cx_survey_report_opts o = { .survey = arg_str(a, "survey"), .by = arg_str(a, "by"),
				    .segment = arg_str(a, "segment") };
	int rc;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_date(ctx, a, "until", &o.until)) ||
	    (rc = arg_duration(ctx, a, "compare", &o.compare)))
		return rc;
	if (arg_str(a, "compare") && o.compare <= 0)
		return cx_fail(&ctx->err, CX_EDATA, "--compare: the span must be longer than zero");
	return cx_survey_report(ctx->db, &o, ctx->out, &ctx->err);
}

static const cx_opt responses_opts[] = {
	{ .name = "survey", .shrt = 's', .arg = "NAME", .help = "only this survey", .complete = "survey" },
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "only this customer's responses",
	  .complete = "customer" },
	{ .name = "detractors", .help = "only unhappy ones: NPS 0-6, CSAT 1-2 or CES 1-3" },
	{ .name = "passives", .help = "only NPS 7-8" },
	{ .name = "promoters", .help = "only NPS 9-10" },
	{ .name = "comments", .help = "only responses with a comment" },
	{ .name = "incomplete", .help = "include partial, preview and test responses" },
	{ .name = "since", .arg = "DATE", .help = "responses at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "responses before DATE" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "at most N responses" },
	{ 0 },
};

static int survey_responses(cx_ctx *ctx, cx_args *a)
{
	cx_response_filter f = { .survey = arg_str(a, "survey"), .with_comment = arg_flag(a, "comments"),
				 .incomplete = arg_flag(a, "incomplete") };
	const char *cust = arg_str(a, "customer");
	int groups = arg_flag(a, "detractors") + arg_flag(a, "passives") + arg_flag(a, "promoters"), rc;
	if (groups > 1)
		return cx_fail(&ctx->err, CX_EUSAGE, "choose one of --detractors, --passives, --promoters");
	f.group = arg_flag(a, "detractors") ? "detractors" : arg_flag(a, "passives") ? "passives"
					    : arg_flag(a, "promoters") ? "promoters" : NULL;
	if ((rc = arg_date(ctx, a, "since", &f.since)) || (rc = arg_date(ctx, a, "until", &f.until)) ||
	    (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	if (cust && (rc = cx_customer_find(ctx->db, cust, &f.customer_id, &ctx->err)))
		return rc;
	return cx_survey_responses(ctx->db, &f, ctx->out, &ctx->err);
}

static int survey_themes(cx_ctx *ctx, cx_args *a)
{
	return cmd_themes(ctx, a, CX_THEMES_SURVEY);
}

static const cx_opt drivers_opts[] = {
	{ .name = "survey", .shrt = 's', .arg = "NAME", .help = "only this survey's answers", .complete = "survey" },
	{ .name = "since", .arg = "DATE", .help = "answers at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "answers before DATE" },
	{ .name = "bootstrap", .arg = "N", .help = "resamples for the intervals (default 200)" },
	{ .name = "seed", .arg = "N", .help = "the resampling's seed (default 19): the same data give the same intervals" },
	{ 0 },
};

static int survey_drivers(cx_ctx *ctx, cx_args *a)
{
	cx_drivers_opts o = { .survey = arg_str(a, "survey") };
	int rc;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_date(ctx, a, "until", &o.until)) ||
	    (rc = arg_int(ctx, a, "bootstrap", 2, 100000, &o.bootstrap)) ||
	    (rc = arg_int(ctx, a, "seed", 1, INT32_MAX, &o.seed)))
		return rc;
	return cx_drivers(ctx->db, &o, ctx->out, &ctx->err);
}

static const cx_opt follow_opts[] = {
	{ .name = "survey", .shrt = 's', .arg = "NAME", .help = "only this survey", .complete = "survey" },
	{ .name = "since", .arg = "DATE", .help = "only responses at or after DATE" },
	{ 0 },
};

static int survey_follow_up(cx_ctx *ctx, cx_args *a)
{
	int64_t since = 0, opened, unlinked;
	int rc;
	if ((rc = arg_date(ctx, a, "since", &since)) ||
	    (rc = cx_survey_follow_up(ctx->db, arg_str(a, "survey"), since, &opened, &unlinked, &ctx->err)))
		return rc;
	if (unlinked)
		ctx_info(ctx, "%lld unhappy responses have no customer to follow up (import with --create-customers)",
			 (long long)unlinked);
	ctx_done(ctx, "followups", opened, "Opened %lld follow-up case%s", (long long)opened, opened == 1 ? "" : "s");
	return CX_OK;
}

const cx_verb cx_survey_verbs[] = {
	{ .name = "import", .usage = "FILE... [--name NAME] [--tool TOOL] [options]",
	  .summary = "Import survey exports (- reads standard input); each file all or nothing.", .opts = import_opts,
	  .min_args = 1, .max_args = -1, .flags = CX_NEEDS_DB | CX_CREATES, .fn = survey_import, .complete_args = "file" },
	{ .name = "list", .usage = "", .summary = "List surveys with their response counts and scores.",
	  .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = survey_list },
	{ .name = "show", .usage = "SURVEY",
	  .summary = "Show a survey: where it came from, its columns and its scores.", .min_args = 1, .max_args = 1,
	  .flags = CX_NEEDS_DB, .fn = survey_show, .complete_args = "survey" },
	{ .name = "report",
	  .usage = "[--survey NAME] [--since DATE] [--by PERIOD] [--segment COLUMN] [--compare SPAN] [options]",
	  .summary = "NPS, CSAT and CES with margins of error, by period or segment.", .opts = report_opts,
	  .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = survey_report },
	{ .name = "responses", .usage = "[--survey NAME] [--detractors|--passives|--promoters] [options]",
	  .summary = "Read responses, newest first: what unhappy customers actually wrote.", .opts = responses_opts,
	  .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = survey_responses },
	{ .name = "themes", .usage = "[--survey NAME] [--since DATE] [--by PERIOD] [options]",
	  .summary = "What unhappy respondents write about: words and phrases, tested, with their NPS.",
	  .opts = cmd_themes_survey_opts, .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = survey_themes },
	{ .name = "drivers", .usage = "[--survey NAME] [--since DATE] [--bootstrap N] [--seed N]",
	  .summary = "Which stage of the journey drives the recommend score: relative weights with intervals.",
	  .opts = drivers_opts, .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = survey_drivers },
	{ .name = "follow-up", .usage = "[--survey NAME] [--since DATE]",
	  .summary = "Open a case for each unhappy respondent who has none yet.", .opts = follow_opts, .min_args = 0,
	  .max_args = 0, .flags = CX_NEEDS_DB | CX_WRITES | CX_EXISTING, .fn = survey_follow_up },
	{ 0 },
};
