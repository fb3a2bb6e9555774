/* cx survey: import exports from survey tools, report NPS/CSAT/CES, read responses, follow up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cx.h"
#include "cx/mail.h"
#include "cx/rules.h"
#include "cx/setting.h"

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
	{ .name = "case", .arg = "COL", .help = "the token of the survey request after a case (cx survey request)" },
	{ .name = "continue", .arg = "COL", .help = "the likelihood to continue (0-10, 1-5 or 1-7)" },
	{ .name = "complete", .arg = "COL=VALUE", .help = "only rows where COL is VALUE are complete" },
	{ .name = "encoding", .arg = "ENC",
	  .help = "the file's encoding when not UTF-8 or UTF-16 with a byte order mark", .flags = OPT_HINTS,
	  .words = cx_encodings_any },
	{ .name = "sep", .arg = "CHAR", .help = "the separator (default: detected)", .words = cx_separators },
	{ .name = "tz", .arg = "ZONE", .help = "time zone of times written without one (default: local)",
	  .field = "zone" },
	{ .name = "date-order", .arg = "ORDER", .help = "how to read 01/02/2026 (default mdy)",
	  .words = cx_date_orders },
	{ .name = "stage", .arg = "STAGE",
	  .help = "the journey stage of the responses (default: the survey.stage setting)", .complete = "stage" },
	{ .name = "language", .arg = "LANG",
	  .help = "the language comments are written in (default: the text.language setting)", .words = cx_text_languages },
	{ .name = "create-customers", .help = "add respondents with an unknown email as customers" },
	{ .name = "follow-up", .help = "open a case for each unhappy respondent without one" },
	{ .name = "dry-run", .shrt = 'n', .help = "read and check everything, store nothing" },
	{ .name = "rules", .arg = "NAME",
	  .help = "follow the rules file NAME (all: every rule, each its source's newest export)", .complete = "rules" },
	{ .name = "save-rules", .arg = "NAME", .help = "save what was recognised and the options given as rules NAME" },
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

static const cx_col import_cols[] = {
	{ "file", CX_T_TEXT, 0, 0 },	 { "survey", CX_T_TEXT, 0, 0 },	  { "tool", CX_T_TEXT, 0, 0 },
	{ "encoding", CX_T_TEXT, 0, 0 }, { "rows", CX_T_INT, 0, 0 },	  { "added", CX_T_INT, 0, 0 },
	{ "completed", CX_T_INT, 0, 0 }, { "present", CX_T_INT, 0, 0 },	  { "incomplete", CX_T_INT, 0, 0 },
	{ "linked", CX_T_INT, 0, 0 },	 { "created", CX_T_INT, 0, 0 },	  { "followups", CX_T_INT, 0, 0 },
	{ "dry_run", CX_T_BOOL, 0, 0 },	 { "columns", CX_T_TEXT, 0, 0 },  { "updated", CX_T_INT, 0, 0 },
	{ "why", CX_T_TEXT, 0, 0 },	 { "rules", CX_T_TEXT, 0, 0 },	  { "tagged", CX_T_INT, 0, 0 },
	{ "requests", CX_T_INT, 0, 0 },
};

/* The options of one import: the rules' (if any), then whatever the command line gives. */
static int import_options(cx_ctx *ctx, cx_args *a, const cx_rules *ru, cx_survey_import_opts *o)
{
	const char *v;
	int rc;
	memset(o, 0, sizeof *o);
	if (ru) {
		o->name = ru->survey;
		o->tool = ru->tool;
		o->encoding = ru->encoding;
		o->complete = ru->complete;
		o->zone = ru->tz;
		o->stage = ru->stage;
		o->create_customers = ru->create_customers > 0;
		o->follow_up = ru->follow_up > 0;
		for (int k = 0; k < CX_ROLE_N; k++)
			o->col[k] = ru->col[k];
		if (ru->sep)
			o->sep = strcmp(ru->sep, "tab") ? ru->sep[0] : '\t';
		if (ru->date_order)
			o->order = (cx_date_order)cx_words_find(cx_date_orders, ru->date_order);
		o->rules = ru->name;
		o->tags = ru->tags;
		o->ntags = ru->ntags;
	}
	if ((v = arg_str(a, "name")))
		o->name = v;
	if ((v = arg_str(a, "tool")))
		o->tool = v;
	if ((v = arg_str(a, "encoding")))
		o->encoding = v;
	if ((v = arg_str(a, "complete")))
		o->complete = v;
	if ((v = arg_str(a, "tz")))
		o->zone = v;
	if ((v = arg_str(a, "stage")))
		o->stage = v;
	if ((v = arg_str(a, "language")))
		o->language = v;
	o->create_customers |= arg_flag(a, "create-customers");
	o->follow_up |= arg_flag(a, "follow-up");
	o->dry_run = ctx->dry_run = arg_flag(a, "dry-run");
	for (int k = 0; k < CX_ROLE_N; k++)
		if ((v = arg_str(a, cx_role_fields[k])))
			o->col[k] = v;
	/* the parser checked --tool and --sep against their lists */
	if ((v = arg_str(a, "sep")))
		o->sep = strcmp(v, "tab") ? v[0] : '\t';
	if (arg_str(a, "date-order") && (rc = arg_date_order(ctx, a, &o->order)))
		return rc;
	return CX_OK;
}

/* Writes what this import recognised and every option given as rules NAME. */
static int save_rules(cx_ctx *ctx, cx_args *a, const cx_rules *from, const cx_survey_import_opts *o,
		      const cx_survey_import_result *r, const char *name)
{
	cx_rules ru = { 0 };
	char sep[8] = "";
	snprintf(ru.name, sizeof ru.name, "%s", name);
	ru.source = from ? from->source : NULL;
	ru.survey = (char *)r->survey;
	ru.tool = (char *)r->tool;
	ru.encoding = (char *)o->encoding;
	if (o->sep)
		snprintf(sep, sizeof sep, "%s", o->sep == '\t' ? "tab" : (char[]){ o->sep, 0 });
	ru.sep = sep[0] ? sep : NULL;
	ru.tz = (char *)o->zone;
	ru.date_order = (arg_str(a, "date-order") || (from && from->date_order)) ? (char *)cx_date_orders[o->order] : NULL;
	ru.stage = (char *)o->stage;
	ru.complete = (char *)o->complete;
	for (int k = 0; k < CX_ROLE_N; k++)
		ru.col[k] = (char *)(r->col[k][0] ? r->col[k] : NULL);
	ru.create_customers = o->create_customers ? 1 : from ? from->create_customers : -1;
	ru.follow_up = o->follow_up ? 1 : from ? from->follow_up : -1;
	ru.tags = from ? from->tags : NULL;
	ru.ntags = from ? from->ntags : 0;
	int rc = cx_rules_save(&ru, ctx_clock(ctx), &ctx->err);
	if (rc == CX_OK) {
		char dir[4096];
		if (cx_rules_dir(dir, sizeof dir, NULL) == CX_OK)
			ctx_info(ctx, "rules saved to %s/%s.rules (use them: --rules %s)", dir, name, name);
	}
	return rc;
}

/* One file, all or nothing, and its report. */
static int import_file(cx_ctx *ctx, cx_survey_import_opts *o, const char *file, cx_survey_import_result *keep)
{
	cx_survey_import_result r;
	int rc, show_progress = !ctx->quiet && isatty(STDERR_FILENO);
	o->progress = show_progress ? progress : NULL;
	o->progress_arg = (void *)file;
	if ((rc = ctx_file_begin(ctx, 1)))
		return rc;
	rc = cx_survey_import(ctx->db, file, o, &r, &ctx->err);
	if (show_progress && r.rows >= 0x10000)
		fputs("\r\033[K", stderr);
	if ((rc = ctx_file_written(ctx, rc)))
		return ctx_file_end(ctx, file, rc);
	if (r.quotes[0])
		ctx_info(ctx, "%s", r.quotes);
	if (r.strangers)
		ctx_info(ctx, "%s: %lld answers carry a token cx did not give (not tied to a case)",
			 strcmp(file, "-") ? file : "standard input", (long long)r.strangers);
	if (r.unlinked)
		ctx_info(ctx, "%s: %lld unhappy responses have no customer to follow up (import with --create-customers)",
			 strcmp(file, "-") ? file : "standard input", (long long)r.unlinked);
	/* each field's column and why it was taken, a line each; a column an option named says which */
	char why[sizeof r.why + 256];
	opt_word_msg(ctx->verb, r.why, why, sizeof why);
	if (ctx->fmt == CX_FMT_TABLE) {
		char extra[320] = "";
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
		if (r.tagged)
			snprintf(extra + strlen(extra), sizeof extra - strlen(extra), ", %lld customers tagged by their answers",
				 (long long)r.tagged);
		if (r.requests)
			snprintf(extra + strlen(extra), sizeof extra - strlen(extra), ", %lld answering the survey after a case",
				 (long long)r.requests);
		if (r.followups)
			snprintf(extra + strlen(extra), sizeof extra - strlen(extra), ", %lld follow-up cases opened",
				 (long long)r.followups);
		if (!ctx->quiet) {
			printf("%s: %s export (%s) into survey \"%s\"%s%s\n", strcmp(file, "-") ? file : "standard input",
			       r.tool, r.encoding, r.survey, o->rules ? " by rules " : "", o->rules ? o->rules : "");
			for (const char *p = why; *p;) {
				size_t n = strcspn(p, "\n");
				printf("  %.*s\n", (int)n, p);
				p += n + (p[n] == '\n');
			}
		}
		printf("%s%s %lld new, %lld already present, %lld incomplete; %lld linked to customers%s\n",
		       ctx->quiet ? "" : "  ", o->dry_run ? "would import" : "imported", (long long)r.added,
		       (long long)r.present, (long long)r.incomplete, (long long)r.linked, extra);
	} else {
		char one[sizeof why];
		/* the lines of the reasons as one field: "; " between them */
		size_t w = 0;
		for (const char *p = why; *p && w + 3 < sizeof one; p++) {
			if (*p == '\n') {
				one[w++] = ';';
				one[w++] = ' ';
			} else {
				one[w++] = *p;
			}
		}
		one[w < sizeof one ? w : sizeof one - 1] = '\0';
		cx_val v[] = { CX_TEXTV(file),	      CX_TEXTV(r.survey),      CX_TEXTV(r.tool),
			       CX_TEXTV(r.encoding),  CX_INTV(r.rows),	       CX_INTV(r.added),
			       CX_INTV(r.completed),  CX_INTV(r.present),      CX_INTV(r.incomplete),
			       CX_INTV(r.linked),     CX_INTV(r.created),      CX_INTV(r.followups),
			       CX_INTV(o->dry_run),   CX_TEXTV(r.columns),     CX_INTV(r.updated),
			       CX_TEXTV(one),	      o->rules ? CX_TEXTV(o->rules) : CX_NULLV, CX_INTV(r.tagged),
			       CX_INTV(r.requests) };
		cx_out_row(ctx->out, v);
	}
	if ((rc = ctx_file_end(ctx, file, CX_OK)))
		return rc;
	if (keep)
		*keep = r; /* for --save-rules */
	return CX_OK;
}

/* A rule without FILE: its source's newest export, unless the database has it already. */
static int import_by_source(cx_ctx *ctx, cx_args *a, const cx_rules *ru, int alone)
{
	char path[4096];
	int seen, rc;
	if (!ru->source) {
		if (alone)
			return cx_fail(&ctx->err, CX_EUSAGE, "%s: no source = GLOB in these rules: give a FILE, or add a source",
				       ru->path);
		ctx_info(ctx, "rules %s: no source, skipped", ru->name);
		return CX_OK;
	}
	if ((rc = cx_rules_newest(ctx->db, ru, path, sizeof path, &seen, &ctx->err)))
		return rc;
	if (!path[0]) {
		if (alone)
			return cx_fail(&ctx->err, CX_ENOINPUT, "%s: no file matches source = %s", ru->path, ru->source);
		ctx_info(ctx, "rules %s: no file matches %s", ru->name, ru->source);
		return CX_OK;
	}
	if (seen) {
		ctx_info(ctx, "rules %s: %s was imported already, nothing new", ru->name, path);
		return CX_OK;
	}
	cx_survey_import_opts o;
	if ((rc = import_options(ctx, a, ru, &o)))
		return rc;
	return import_file(ctx, &o, path, NULL);
}

static int survey_import(cx_ctx *ctx, cx_args *a)
{
	const char *rules = arg_str(a, "rules"), *save = arg_str(a, "save-rules");
	cx_rules ru = { 0 };
	int rc = CX_OK;

	if (!rules && a->argc == 0)
		return cx_fail(&ctx->err, CX_EUSAGE, "survey import: give a FILE, or --rules NAME (see cx survey import -h)");
	if (save && a->argc != 1)
		return cx_fail(&ctx->err, CX_EUSAGE, "--save-rules: import one FILE to save its rules from");
	if (rules && !strcmp(rules, "all") && a->argc)
		return cx_fail(&ctx->err, CX_EUSAGE,
			       "--rules all takes no FILE: each rule's source names its files (or give one rule by name)");
	if (a->argc > 1 && arg_str(a, "name"))
		ctx_info(ctx, "--name %s applies to all %d files", arg_str(a, "name"), a->argc);
	if (ctx->fmt != CX_FMT_TABLE)
		cx_out_begin(ctx->out, NULL, NULL, CX_LAY_TABLE, CX_COLS(import_cols));
	if (rules && !strcmp(rules, "all")) {
		char **names;
		int n;
		if ((rc = cx_rules_names(&names, &n, &ctx->err)))
			return rc;
		if (!n) {
			char dir[4096] = "";
			cx_rules_dir(dir, sizeof dir, NULL);
			ctx_info(ctx, "no rules in %s (save some with --save-rules NAME)", dir);
		}
		for (int i = 0; i < n && rc == CX_OK; i++) {
			if ((rc = cx_rules_load(names[i], &ru, &ctx->err)) == CX_OK)
				rc = import_by_source(ctx, a, &ru, 0);
			cx_rules_free(&ru);
		}
		for (int i = 0; i < n; i++)
			free(names[i]);
		free(names);
	} else {
		if (rules && (rc = cx_rules_load(rules, &ru, &ctx->err))) {
			cx_rules_free(&ru);
			return rc;
		}
		if (rules && !a->argc) {
			rc = import_by_source(ctx, a, &ru, 1);
		} else {
			cx_survey_import_opts o;
			static cx_survey_import_result last; /* large: not on the stack */
			if ((rc = import_options(ctx, a, rules ? &ru : NULL, &o)) == CX_OK)
				for (int i = 0; i < a->argc && rc == CX_OK; i++)
					rc = import_file(ctx, &o, a->argv[i], &last);
			if (rc == CX_OK && save)
				rc = save_rules(ctx, a, rules ? &ru : NULL, &o, &last, save);
		}
		cx_rules_free(&ru);
	}
	if (rc)
		return rc;
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
	{ .name = "window", .arg = "SPAN",
	  .help = "likelihood to continue against behaviour: came back within SPAN (default 30d)" },
	{ .name = "follow-up", .arg = "WHO", .help = "who the loop measures follow up (default unhappy; passives: NPS 7-8 too)",
	  .words = cx_follow_up_whos },
	{ 0 },
};

static int survey_report(cx_ctx *ctx, cx_args *a)
{
	cx_survey_report_opts o = { .survey = arg_str(a, "survey"), .by = arg_str(a, "by"),
				    .segment = arg_str(a, "segment") };
	/* the parser checked the word against its list */
	o.passives = arg_str(a, "follow-up") && !strcmp(arg_str(a, "follow-up"), "passives");
	int rc;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_date(ctx, a, "until", &o.until)) ||
	    (rc = arg_duration(ctx, a, "compare", &o.compare)) || (rc = arg_duration(ctx, a, "window", &o.window)))
		return rc;
	if (arg_str(a, "window") && o.window <= 0)
		return cx_fail(&ctx->err, CX_EUSAGE, "--window: the span must be longer than zero");
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
	{ .name = "passives", .help = "passives (NPS 7-8) get a follow-up case too" },
	{ 0 },
};

static int survey_follow_up(cx_ctx *ctx, cx_args *a)
{
	int64_t since = 0, opened, unlinked;
	int rc;
	if ((rc = arg_date(ctx, a, "since", &since)) ||
	    (rc = cx_survey_follow_up(ctx->db, arg_str(a, "survey"), since, arg_flag(a, "passives"), &opened, &unlinked, &ctx->err)))
		return rc;
	if (unlinked)
		ctx_info(ctx, "%lld unhappy responses have no customer to follow up (import with --create-customers)",
			 (long long)unlinked);
	ctx_done(ctx, "followups", opened, "Opened %lld follow-up case%s", (long long)opened, opened == 1 ? "" : "s");
	return CX_OK;
}

static const cx_opt request_opts[] = {
	{ .name = "resolved-since", .arg = "SPAN", .help = "cases resolved in the last SPAN (default 2d)" },
	{ .name = "remind-after", .arg = "SPAN",
	  .help = "remind once when unanswered this long after asking (default 3d; 0: never)" },
	{ .name = "survey", .shrt = 's', .arg = "NAME",
	  .help = "the survey the link leads to, for its response rate (default after-case)", .complete = "survey" },
	{ .name = "send", .help = "mail each request through mail.send, recorded as a public note on its case" },
	{ .name = "dry-run", .shrt = 'n', .help = "list who would be asked, record nothing" },
	{ 0 },
};

typedef struct sender {
	cx_ctx *ctx;
	cx_mail_config mail;
	int64_t sent;
} sender;

/* One request as a mail through cx reply's path; committed once it has gone out. */
static int send_request(void *arg, const cx_survey_request_row *r, cx_err *err)
{
	sender *s = arg;
	cx_mail_reply_in in = { .case_id = r->case_id, .to = r->email };
	cx_mail_reply_out out;
	char *body;
	int rc = cx_survey_request_body(r, &body, err);
	if (rc)
		return rc;
	in.body = body;
	rc = cx_mail_reply(s->ctx->db, &s->mail, &in, &out, err);
	free(body);
	if (rc)
		return rc;
	rc = reply_send(s->ctx, s->mail.send, out.raw, out.len);
	free(out.raw);
	if (rc)
		return rc;
	s->sent++;
	/* it went out: keep it, whatever comes next */
	if ((rc = ctx_file_end(s->ctx, "the survey requests", CX_OK)) || (rc = ctx_file_begin(s->ctx, 0)))
		return rc;
	return CX_OK;
}

static int survey_request(cx_ctx *ctx, cx_args *a)
{
	cx_survey_request_opts o = { .since = 2 * 86400, .remind_after = 3 * 86400, .dry_run = arg_flag(a, "dry-run"),
				     .survey = arg_str(a, "survey") ? arg_str(a, "survey") : "after-case" };
	sender s = { .ctx = ctx };
	int send = arg_flag(a, "send"), rc;
	char link[1024];

	if ((rc = arg_duration(ctx, a, "resolved-since", &o.since)) || (rc = arg_duration(ctx, a, "remind-after", &o.remind_after)))
		return rc;
	o.since = ctx_clock(ctx) - o.since;
	if (send && o.dry_run)
		return cx_fail(&ctx->err, CX_EUSAGE, "--send and --dry-run: choose one (--dry-run lists who would be asked)");
	if (send) {
		if ((rc = cx_setting_get(ctx->db, "survey.link", link, sizeof link, &ctx->err)))
			return rc;
		if (!link[0])
			return cx_fail(&ctx->err, CX_EUSAGE,
				       "--send: survey.link is not set: the mail would have nothing to answer (cx config set survey.link 'https://forms.example.com/r?t={token}')");
		if ((rc = cx_mail_config_load(ctx->db, &s.mail, &ctx->err)))
			return rc;
		if (!s.mail.send[0]) {
			cx_mail_config_free(&s.mail);
			return cx_fail(&ctx->err, CX_EUSAGE,
				       "--send: mail is not set up: mail.send is empty (cx config set mail.send 'msmtp -t'), or list the requests without --send");
		}
	}
	if ((rc = ctx_file_begin(ctx, 0)) == CX_OK) {
		rc = cx_survey_request(ctx->db, &o, ctx->out, send ? send_request : NULL, &s, &ctx->err);
		if (o.dry_run && rc == CX_OK)
			cx_db_rollback(ctx->db); /* listed, not recorded */
		else
			rc = ctx_file_end(ctx, "the survey requests", rc);
	}
	if (send) {
		if (s.sent)
			ctx_info(ctx, "%lld survey request%s mailed", (long long)s.sent, s.sent == 1 ? "" : "s");
		cx_mail_config_free(&s.mail);
	}
	return rc;
}

const cx_verb cx_survey_verbs[] = {
	{ .name = "import", .usage = "[FILE...] [--name NAME] [--tool TOOL] [--rules NAME] [options]",
	  .summary = "Import survey exports (- reads standard input); each file all or nothing.", .opts = import_opts,
	  .min_args = 0, .max_args = -1, .flags = CX_NEEDS_DB | CX_CREATES, .fn = survey_import, .complete_args = "file" },
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
	{ .name = "follow-up", .usage = "[--survey NAME] [--since DATE] [--passives]",
	  .summary = "Open a case for each unhappy respondent who has none yet.", .opts = follow_opts, .min_args = 0,
	  .max_args = 0, .flags = CX_NEEDS_DB | CX_WRITES | CX_EXISTING, .fn = survey_follow_up },
	{ .name = "request", .usage = "[--resolved-since SPAN] [--remind-after SPAN] [--survey NAME] [--send] [-n]",
	  .summary = "Ask the customers of cases resolved lately for a survey: a list with tokens, or mails.",
	  .opts = request_opts, .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB | CX_CREATES, .fn = survey_request },
	{ 0 },
};
