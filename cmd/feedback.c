/* cx feedback: the inbox of public posts and reviews, answered in time, escalated when needed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

static int item_id(cx_ctx *ctx, const char *s, int64_t *id)
{
	char *end;
	errno = 0;
	long long v = strtoll(s[0] == '#' ? s + 1 : s, &end, 10);
	if (!s[0] || *end || v <= 0 || errno == ERANGE)
		return cx_fail(&ctx->err, CX_EUSAGE, "\"%s\" is not a feedback number", s);
	*id = v;
	return CX_OK;
}

static const cx_opt add_opts[] = {
	{ .name = "source", .shrt = 's', .arg = "SOURCE",
	  .help = "where it was posted: google, facebook, instagram, x, yelp, ... (required)", .complete = "source" },
	{ .name = "author", .shrt = 'a', .arg = "NAME", .help = "who wrote it (a name, @handle or email)" },
	{ .name = "url", .arg = "URL", .help = "where to find it" },
	{ .name = "at", .arg = "DATE", .help = "when it was posted (default now)" },
	{ .name = "rating", .shrt = 'r', .arg = "STARS", .help = "1 to 5 stars, where the source has them" },
	{ .name = "id", .arg = "ID", .help = "the platform's own id (makes adding it again harmless)" },
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "the customer who wrote it",
	  .complete = "customer" },
	{ .name = "message", .shrt = 'm', .arg = "TEXT", .help = "what it says" },
	{ 0 },
};

static int feedback_add(cx_ctx *ctx, cx_args *a)
{
	cx_feedback_in in = { .source = arg_str(a, "source"), .author = arg_str(a, "author"), .url = arg_str(a, "url"),
			      .platform_id = arg_str(a, "id"), .body = arg_str(a, "message") };
	const char *cust = arg_str(a, "customer");
	int64_t rating = 0, id;
	int rc;

	if (!in.source)
		return cx_fail(&ctx->err, CX_EUSAGE, "feedback needs its --source");
	if ((rc = arg_date(ctx, a, "at", &in.at)) || (rc = arg_int(ctx, a, "rating", 1, 5, &rating)))
		return rc;
	in.rating = (int)rating;
	if (cust && (rc = cx_customer_find(ctx->db, cust, &in.customer_id, &ctx->err)))
		return rc;
	if ((rc = cx_feedback_add(ctx->db, &in, &id, &ctx->err)))
		return rc;
	if (!id)
		ctx_done(ctx, "feedback", 0, "Already there: nothing added");
	else
		ctx_done(ctx, "feedback", id, "Added feedback %lld from %s", (long long)id, in.source);
	return CX_OK;
}

static const cx_opt import_opts[] = {
	{ .name = "format", .arg = "FORMAT",
	  .help = "the files' format (default: from the content; needed for standard input)",
	  .words = cx_feedback_import_formats },
	{ .name = "source", .shrt = 's', .arg = "SOURCE", .help = "the source of items that do not name one",
	  .complete = "source" },
	{ .name = "map", .shrt = 'M', .arg = "FIELD=WHERE",
	  .help = "id, source, author, url, at, rating, text or customer: a CSV column or a JSON path (a.b.c)",
	  .flags = OPT_MULTI },
	{ .name = "encoding", .arg = "ENC", .help = "a CSV file's encoding when not UTF-8", .flags = OPT_HINTS,
	  .words = cx_encodings },
	{ .name = "tz", .arg = "ZONE", .help = "time zone of times written without one (default: local)",
	  .field = "zone" },
	{ .name = "dry-run", .shrt = 'n', .help = "check everything, store nothing" },
	{ 0 },
};

static int feedback_import(cx_ctx *ctx, cx_args *a)
{
	cx_feedback_import_opts o = { .format = arg_str(a, "format"), .source = arg_str(a, "source"),
				      .encoding = arg_str(a, "encoding"), .zone = arg_str(a, "tz"),
				      .dry_run = arg_flag(a, "dry-run") };
	int n;
	ctx->dry_run = o.dry_run;
	const char *const *maps = arg_all(a, "map", &n);

	for (int i = 0; i < n; i++) {
		const char *eq = strchr(maps[i], '=');
		int k = 0;
		for (; eq && k < CX_FF_N; k++)
			if (strlen(cx_feedback_fields[k]) == (size_t)(eq - maps[i]) &&
			    !strncmp(cx_feedback_fields[k], maps[i], (size_t)(eq - maps[i])))
				break;
		if (!eq || k == CX_FF_N || !eq[1])
			return cx_fail(&ctx->err, CX_EUSAGE,
				       "--map: \"%s\" is not FIELD=WHERE with FIELD one of id, source, author, url, at, rating, text, customer",
				       maps[i]);
		o.map[k] = eq + 1;
	}
	for (int i = 0; i < a->argc; i++) {
		cx_feedback_import_result r;
		int rc = ctx_file_begin(ctx, 0);
		if (rc)
			return rc;
		rc = ctx_file_written(ctx, cx_feedback_import(ctx->db, a->argv[i], &o, &r, &ctx->err));
		if (rc == CX_OK && r.quotes[0])
			ctx_info(ctx, "%s", r.quotes);
		if (rc == CX_OK)
			ctx_done(ctx, "feedback", r.added, "%s (%s): %s %lld new, %lld already present; %lld linked to customers",
				 strcmp(a->argv[i], "-") ? a->argv[i] : "standard input", r.format,
				 o.dry_run ? "would import" : "imported", (long long)r.added, (long long)r.present,
				 (long long)r.linked);
		if ((rc = ctx_file_end(ctx, a->argv[i], rc)))
			return rc;
	}
	return CX_OK;
}

static const cx_opt list_opts[] = {
	{ .name = "unanswered", .shrt = 'u', .help = "only items not yet answered or ignored" },
	{ .name = "overdue", .help = "only unanswered items past their deadline" },
	{ .name = "source", .shrt = 's', .arg = "SOURCE", .help = "only from this source", .complete = "source" },
	{ .name = "sentiment", .arg = "FEELING", .help = "only items that feel this way",
	  .words = cx_feedback_sentiment_filters },
	{ .name = "older", .arg = "SPAN", .help = "only items older than SPAN (e.g. 4h)" },
	{ .name = "customer", .shrt = 'C', .arg = "CUSTOMER", .help = "only this customer's", .complete = "customer" },
	{ .name = "since", .arg = "DATE", .help = "posted at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "posted before DATE" },
	{ .name = "limit", .shrt = 'n', .arg = "N", .help = "at most N items" },
	{ 0 },
};

static int feedback_list(cx_ctx *ctx, cx_args *a)
{
	cx_feedback_filter f = { .unanswered = arg_flag(a, "unanswered"), .overdue = arg_flag(a, "overdue"),
				 .source = arg_str(a, "source"), .sentiment = arg_str(a, "sentiment") };
	const char *cust = arg_str(a, "customer");
	int rc;
	if ((rc = arg_duration(ctx, a, "older", &f.older)) || (rc = arg_date(ctx, a, "since", &f.since)) ||
	    (rc = arg_date(ctx, a, "until", &f.until)) || (rc = arg_int(ctx, a, "limit", 1, INT64_MAX, &f.limit)))
		return rc;
	if (cust && (rc = cx_customer_find(ctx->db, cust, &f.customer_id, &ctx->err)))
		return rc;
	return cx_feedback_list(ctx->db, &f, ctx->out, &ctx->err);
}

static int feedback_show(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc = item_id(ctx, a->argv[0], &id);
	return rc ? rc : cx_feedback_show(ctx->db, id, ctx->out, &ctx->err);
}

static const cx_opt respond_opts[] = {
	{ .name = "message", .shrt = 'm', .arg = "TEXT", .help = "the public reply, as posted", .field = "body" },
	{ 0 },
};

static int feedback_respond(cx_ctx *ctx, cx_args *a)
{
	const char *text = arg_str(a, "message");
	int64_t id;
	int rc;
	if (!text)
		return cx_fail(&ctx->err, CX_EUSAGE, "a reply needs its text (-m TEXT)");
	if ((rc = item_id(ctx, a->argv[0], &id)) || (rc = cx_feedback_respond(ctx->db, id, text, &ctx->err)))
		return rc;
	ctx_done(ctx, "feedback", id, "Reply to feedback %lld recorded", (long long)id);
	return CX_OK;
}

static const cx_opt escalate_opts[] = {
	{ .name = "priority", .shrt = 'p', .arg = "PRIORITY",
	  .help = "the case's priority (default: high for negative items, else normal)", .words = cx_case_priorities },
	{ 0 },
};

static int feedback_escalate(cx_ctx *ctx, cx_args *a)
{
	int64_t id, case_id;
	int rc;
	if ((rc = item_id(ctx, a->argv[0], &id)) ||
	    (rc = cx_feedback_escalate(ctx->db, id, arg_str(a, "priority"), &case_id, &ctx->err)))
		return rc;
	ctx_done(ctx, "case", case_id, "Feedback %lld is now case %lld", (long long)id, (long long)case_id);
	return CX_OK;
}

static const cx_opt ignore_opts[] = {
	{ .name = "why", .arg = "TEXT", .help = "the reason, e.g. spam (required)" },
	{ 0 },
};

static int feedback_ignore(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc;
	if ((rc = item_id(ctx, a->argv[0], &id)) || (rc = cx_feedback_ignore(ctx->db, id, arg_str(a, "why"), &ctx->err)))
		return rc;
	ctx_done(ctx, "feedback", id, "Feedback %lld ignored", (long long)id);
	return CX_OK;
}

static int feedback_tag(cx_ctx *ctx, cx_args *a)
{
	int64_t id;
	int rc;
	if ((rc = item_id(ctx, a->argv[0], &id)) || (rc = cx_feedback_tag(ctx->db, id, a->argv[1], &ctx->err)))
		return rc;
	ctx_done(ctx, "feedback", id, "Feedback %lld is %s", (long long)id, a->argv[1]);
	return CX_OK;
}

static int feedback_link(cx_ctx *ctx, cx_args *a)
{
	int64_t id, cust;
	int rc;
	if ((rc = item_id(ctx, a->argv[0], &id)) || (rc = cx_customer_find(ctx->db, a->argv[1], &cust, &ctx->err)) ||
	    (rc = cx_feedback_link(ctx->db, id, cust, &ctx->err)))
		return rc;
	ctx_done(ctx, "feedback", id, "Feedback %lld linked to customer %lld", (long long)id, (long long)cust);
	return CX_OK;
}

static const cx_opt report_opts[] = {
	{ .name = "since", .arg = "DATE", .help = "items posted at or after DATE" },
	{ .name = "until", .arg = "DATE", .help = "items posted before DATE" },
	{ .name = "by", .arg = "PERIOD", .help = "a row per period", .words = cx_periods },
	{ .name = "source", .shrt = 's', .arg = "SOURCE", .help = "only this source", .complete = "source" },
	{ 0 },
};

static int feedback_report(cx_ctx *ctx, cx_args *a)
{
	cx_feedback_report_opts o = { .by = arg_str(a, "by"), .source = arg_str(a, "source") };
	int rc;
	if ((rc = arg_date(ctx, a, "since", &o.since)) || (rc = arg_date(ctx, a, "until", &o.until)))
		return rc;
	return cx_feedback_report(ctx->db, &o, ctx->out, &ctx->err);
}

/* feedback target [SOURCE] SENTIMENT SPAN | feedback targets */
static int feedback_target(cx_ctx *ctx, cx_args *a)
{
	const char *source = a->argc == 3 ? a->argv[0] : "*", *sentiment = a->argv[a->argc - 2];
	int64_t secs;
	int rc;
	if (a->argc < 2)
		return cx_fail(&ctx->err, CX_EUSAGE, "give the sentiment and how soon, e.g. negative 4h");
	if ((rc = cx_words_check(cx_feedback_target_sentiments, "SENTIMENT", sentiment, CX_EUSAGE, &ctx->err)))
		return rc;
	if (cx_duration_parse(a->argv[a->argc - 1], &secs, &ctx->err))
		return CX_EUSAGE;
	if ((rc = cx_feedback_target_set(ctx->db, source, sentiment, secs, &ctx->err)))
		return rc;
	ctx_done(ctx, "target", 0, "%s feedback from %s: answer within %s", sentiment,
		 strcmp(source, "*") ? source : "any source", a->argv[a->argc - 1]);
	return CX_OK;
}

static int feedback_targets(cx_ctx *ctx, cx_args *a)
{
	(void)a;
	return cx_feedback_targets(ctx->db, ctx->out, &ctx->err);
}

static int feedback_sources(cx_ctx *ctx, cx_args *a)
{
	return cmd_names(ctx, a, CX_SOURCES);
}

#define W (CX_NEEDS_DB | CX_WRITES)
static int feedback_themes(cx_ctx *ctx, cx_args *a)
{
	return cmd_themes(ctx, a, CX_THEMES_FEEDBACK);
}

const cx_verb cx_feedback_verbs[] = {
	{ .name = "add", .usage = "--source SOURCE -m TEXT [--rating STARS] [--author NAME] [options]",
	  .summary = "Add a post, mention or review.", .opts = add_opts, .min_args = 0, .max_args = 0, .flags = W,
	  .fn = feedback_add },
	{ .name = "import",
	  .usage = "FILE... [--format csv|jsonl] [--source SOURCE] [--map FIELD=WHERE]... [options]",
	  .summary = "Import feedback from a CSV export or JSON Lines (- reads standard input); each file all or nothing.",
	  .opts = import_opts, .min_args = 1, .max_args = -1, .flags = CX_NEEDS_DB | CX_CREATES, .fn = feedback_import,
	  .complete_args = "file" },
	{ .name = "list", .usage = "[--unanswered] [--overdue] [--source SOURCE] [--sentiment FEELING] [options]",
	  .summary = "The inbox: what still needs an answer first, oldest first, with deadlines.", .opts = list_opts,
	  .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = feedback_list },
	{ .name = "show", .usage = "ID", .summary = "Show one item and the replies to it.", .min_args = 1,
	  .max_args = 1, .flags = CX_NEEDS_DB, .fn = feedback_show },
	{ .name = "respond", .usage = "ID -m TEXT", .summary = "Record the public reply you posted.",
	  .opts = respond_opts, .min_args = 1, .max_args = 1, .flags = W, .fn = feedback_respond },
	{ .name = "escalate", .usage = "ID [--priority PRIORITY]",
	  .summary = "Open a case for the item's author, with the post as first note.", .opts = escalate_opts,
	  .min_args = 1, .max_args = 1, .flags = W, .fn = feedback_escalate },
	{ .name = "ignore", .usage = "ID --why TEXT",
	  .summary = "Set an item aside (spam, not about you) with the reason.", .opts = ignore_opts, .min_args = 1,
	  .max_args = 1, .flags = W, .fn = feedback_ignore },
	{ .name = "tag", .usage = "ID SENTIMENT", .summary = "Set an item's sentiment by hand.", .min_args = 2,
	  .max_args = 2, .flags = W, .fn = feedback_tag, .arg_words = cx_feedback_sentiments, .arg_at = 1 },
	{ .name = "link", .usage = "ID CUSTOMER", .summary = "Say which customer wrote an item.", .min_args = 2,
	  .max_args = 2, .flags = W, .fn = feedback_link },
	{ .name = "report", .usage = "[--since DATE] [--until DATE] [--by PERIOD] [--source SOURCE]",
	  .summary = "Volume, rating, share answered and response times per source.", .opts = report_opts,
	  .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = feedback_report },
	{ .name = "target", .usage = "[SOURCE] SENTIMENT SPAN",
	  .summary = "Set how soon feedback must be answered, e.g. negative 4h.", .min_args = 2, .max_args = 3,
	  .flags = W, .fn = feedback_target, .complete_args = "source" },
	{ .name = "targets", .usage = "", .summary = "List the response targets.", .min_args = 0, .max_args = 0,
	  .flags = CX_NEEDS_DB, .fn = feedback_targets },
	{ .name = "sources",
	  .usage = "[list | add NAME [--after NAME] | rename OLD NEW | move NAME --after NAME | remove NAME [--into NAME]]",
	  .summary = "List or change the feedback sources.", .opts = cx_names_opts, .min_args = 0, .max_args = 3,
	  .flags = W, .fn = feedback_sources, .arg_words = cx_name_actions },
	{ .name = "themes", .usage = "[--since DATE] [--by PERIOD] [options]",
	  .summary = "What negative posts talk about: words and phrases, tested against the rest.",
	  .opts = cmd_themes_opts, .min_args = 0, .max_args = 0, .flags = CX_NEEDS_DB, .fn = feedback_themes },
	{ 0 },
};
#undef W
