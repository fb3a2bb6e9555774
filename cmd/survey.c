/* cx survey: import exports from survey tools, report NPS/CSAT/CES, read responses, follow up. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"

static const cx_opt import_opts[] = {
	{ "name", 0, "NAME", "the survey's name (default: the file name)", 0, NULL },
	{ "tool", 0, "TOOL", "the tool that made the file (default auto: recognised from the header)", 0,
	  "auto|surveymonkey|typeform|google-forms|qualtrics|microsoft-forms|jotform|limesurvey|alchemer|delighted|generic" },
	{ "nps", 0, "COL", "the NPS question (0-10): header text or column number", 0, NULL },
	{ "csat", 0, "COL", "the CSAT question (1-5)", 0, NULL },
	{ "ces", 0, "COL", "the CES question (1-7)", 0, NULL },
	{ "comment", 0, "COL", "the free-text comment", 0, NULL },
	{ "email", 0, "COL", "the respondent's email", 0, NULL },
	{ "respondent", 0, "COL", "the respondent's name", 0, NULL },
	{ "id", 0, "COL", "the response id", 0, NULL },
	{ "at", 0, "COL", "when the response was submitted", 0, NULL },
	{ "complete", 0, "COL=VALUE", "only rows where COL is VALUE are complete", 0, NULL },
	{ "encoding", 0, "ENC", "the file's encoding when not UTF-8 or UTF-16: cp1252, latin1, ...", 0,
	  "cp1252|latin1|utf-16le|utf-16be" },
	{ "sep", 0, "CHAR", "the separator: , ; or tab (default: detected)", 0, ",|;|tab" },
	{ "tz", 0, "ZONE", "time zone of times written without one (default: local)", 0, NULL },
	{ "date-order", 0, "ORDER", "how to read 01/02/2026: mdy (default), dmy or ymd", 0, "mdy|dmy|ymd" },
	{ "stage", 0, "STAGE", "the journey stage of the responses (default: the survey.stage setting)", 0, "stage" },
	{ "create-customers", 0, NULL, "add respondents with an unknown email as customers", 0, NULL },
	{ "follow-up", 0, NULL, "open a case for each unhappy respondent without one", 0, NULL },
	{ "dry-run", 'n', NULL, "read and check everything, store nothing", 0, NULL },
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
				    .create_customers = arg_flag(a, "create-customers"),
				    .follow_up = arg_flag(a, "follow-up"), .dry_run = arg_flag(a, "dry-run") };
	const char *sep = arg_str(a, "sep");
	int rc, show_progress = !ctx->quiet && isatty(STDERR_FILENO);

	for (int k = 0; k < CX_ROLE_N; k++)
		o.col[k] = arg_str(a, cx_role_options[k]);
	if (o.tool) {
		int ok = 0;
		for (int i = 0; cx_survey_tools[i]; i++)
			ok |= !strcmp(cx_survey_tools[i], o.tool);
		if (!ok)
			return cx_fail(&ctx->err, CX_EUSAGE, "--tool: \"%s\" is not a tool cx knows (see cx survey import -h)", o.tool);
	}
	if (sep) {
		if (!strcmp(sep, "tab") || !strcmp(sep, "\\t") || !strcmp(sep, "\t"))
			o.sep = '\t';
		else if (!strcmp(sep, ",") || !strcmp(sep, ";"))
			o.sep = sep[0];
		else
			return cx_fail(&ctx->err, CX_EUSAGE, "--sep: \"%s\" is not one of , ; tab", sep);
	}
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
	{ "survey", 's', "NAME", "only this survey (default: each survey)", 0, "survey" },
	{ "since", 0, "DATE", "responses at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "responses before DATE", 0, NULL },
	{ "by", 0, "PERIOD", "a row per day, week, month, quarter or year", 0, "day|week|month|quarter|year" },
	{ "segment", 0, "COLUMN", "a row per answer to this question (its header text), or per customer tag: tag", 0, NULL },
	{ "compare", 0, "SPAN", "compare the last SPAN (e.g. 30d) with the SPAN before it", 0, NULL },
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
	{ "survey", 's', "NAME", "only this survey", 0, "survey" },
	{ "customer", 'C', "CUSTOMER", "only this customer's responses", 0, "customer" },
	{ "detractors", 0, NULL, "only unhappy ones: NPS 0-6, CSAT 1-2 or CES 1-3", 0, NULL },
	{ "passives", 0, NULL, "only NPS 7-8", 0, NULL },
	{ "promoters", 0, NULL, "only NPS 9-10", 0, NULL },
	{ "comments", 0, NULL, "only responses with a comment", 0, NULL },
	{ "incomplete", 0, NULL, "include partial, preview and test responses", 0, NULL },
	{ "since", 0, "DATE", "responses at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "responses before DATE", 0, NULL },
	{ "limit", 'n', "N", "at most N responses", 0, NULL },
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

static const cx_opt follow_opts[] = {
	{ "survey", 's', "NAME", "only this survey", 0, "survey" },
	{ "since", 0, "DATE", "only responses at or after DATE", 0, NULL },
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
	{ "import", "FILE... [--name NAME] [--tool TOOL] [options]",
	  "Import survey exports (- reads standard input); each file all or nothing.", import_opts, 1, -1,
	  CX_NEEDS_DB | CX_CREATES, survey_import, "file" },
	{ "list", "", "List surveys with their response counts and scores.", NULL, 0, 0, CX_NEEDS_DB,
	  survey_list, NULL },
	{ "show", "SURVEY", "Show a survey: where it came from, its columns and its scores.", NULL, 1, 1,
	  CX_NEEDS_DB, survey_show, "survey" },
	{ "report", "[--survey NAME] [--since DATE] [--by PERIOD] [--segment COLUMN] [--compare SPAN] [options]",
	  "NPS, CSAT and CES with margins of error, by period or segment.", report_opts, 0, 0, CX_NEEDS_DB,
	  survey_report, NULL },
	{ "responses", "[--survey NAME] [--detractors|--passives|--promoters] [options]",
	  "Read responses, newest first: what unhappy customers actually wrote.", responses_opts, 0, 0,
	  CX_NEEDS_DB, survey_responses, NULL },
	{ "follow-up", "[--survey NAME] [--since DATE]",
	  "Open a case for each unhappy respondent who has none yet.", follow_opts, 0, 0,
	  CX_NEEDS_DB | CX_WRITES | CX_EXISTING, survey_follow_up, NULL },
	{ 0 },
};
