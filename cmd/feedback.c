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
	{ "source", 's', "SOURCE", "where it was posted: google, facebook, instagram, x, yelp, ... (required)", 0, "source" },
	{ "author", 'a', "NAME", "who wrote it (a name, @handle or email)", 0, NULL },
	{ "url", 0, "URL", "where to find it", 0, NULL },
	{ "at", 0, "DATE", "when it was posted (default now)", 0, NULL },
	{ "rating", 'r', "STARS", "1 to 5 stars, where the source has them", 0, "1|2|3|4|5" },
	{ "id", 0, "ID", "the platform's own id (makes adding it again harmless)", 0, NULL },
	{ "customer", 'C', "CUSTOMER", "the customer who wrote it", 0, "customer" },
	{ "message", 'm', "TEXT", "what it says", 0, NULL },
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
	{ "format", 0, "FORMAT", "csv or jsonl (default: from the content; needed for standard input)", 0, "csv|jsonl" },
	{ "source", 's', "SOURCE", "the source of items that do not name one", 0, "source" },
	{ "map", 'M', "FIELD=WHERE", "id, source, author, url, at, rating, text or customer: a CSV column or a JSON path (a.b.c)",
	  OPT_MULTI, NULL },
	{ "encoding", 0, "ENC", "a CSV file's encoding when not UTF-8", 0, "cp1252|latin1" },
	{ "tz", 0, "ZONE", "time zone of times written without one (default: local)", 0, NULL },
	{ "dry-run", 'n', NULL, "check everything, store nothing", 0, NULL },
	{ 0 },
};

static int feedback_import(cx_ctx *ctx, cx_args *a)
{
	cx_feedback_import_opts o = { .format = arg_str(a, "format"), .source = arg_str(a, "source"),
				      .encoding = arg_str(a, "encoding"), .zone = arg_str(a, "tz"),
				      .dry_run = arg_flag(a, "dry-run") };
	int n;
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
	{ "unanswered", 'u', NULL, "only items not yet answered or ignored", 0, NULL },
	{ "overdue", 0, NULL, "only unanswered items past their deadline", 0, NULL },
	{ "source", 's', "SOURCE", "only from this source", 0, "source" },
	{ "sentiment", 0, "FEELING", "negative, neutral, positive or unknown", 0, "negative|neutral|positive|unknown" },
	{ "older", 0, "SPAN", "only items older than SPAN (e.g. 4h)", 0, NULL },
	{ "customer", 'C', "CUSTOMER", "only this customer's", 0, "customer" },
	{ "since", 0, "DATE", "posted at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "posted before DATE", 0, NULL },
	{ "limit", 'n', "N", "at most N items", 0, NULL },
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
	{ "message", 'm', "TEXT", "the public reply, as posted", 0, NULL },
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
	{ "priority", 'p', "PRIORITY", "the case's priority (default: high for negative items, else normal)", 0,
	  "low|normal|high|urgent" },
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
	{ "why", 0, "TEXT", "the reason, e.g. spam (required)", 0, NULL },
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
	{ "since", 0, "DATE", "items posted at or after DATE", 0, NULL },
	{ "until", 0, "DATE", "items posted before DATE", 0, NULL },
	{ "by", 0, "PERIOD", "a row per week or month (or day, quarter, year)", 0, "day|week|month|quarter|year" },
	{ "source", 's', "SOURCE", "only this source", 0, "source" },
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
	if (cx_duration_parse(a->argv[a->argc - 1], &secs, &ctx->err))
		return CX_EDATA;
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
const cx_verb cx_feedback_verbs[] = {
	{ "add", "--source SOURCE -m TEXT [--rating STARS] [--author NAME] [options]",
	  "Add a post, mention or review.", add_opts, 0, 0, W, feedback_add, NULL },
	{ "import", "FILE... [--format csv|jsonl] [--source SOURCE] [--map FIELD=WHERE]... [options]",
	  "Import feedback from a CSV export or JSON Lines (- reads standard input); each file all or nothing.",
	  import_opts, 1, -1, CX_NEEDS_DB | CX_CREATES, feedback_import, "file" },
	{ "list", "[--unanswered] [--overdue] [--source SOURCE] [--sentiment FEELING] [options]",
	  "The inbox: what still needs an answer first, oldest first, with deadlines.", list_opts, 0, 0,
	  CX_NEEDS_DB, feedback_list, NULL },
	{ "show", "ID", "Show one item and the replies to it.", NULL, 1, 1, CX_NEEDS_DB, feedback_show, NULL },
	{ "respond", "ID -m TEXT", "Record the public reply you posted.", respond_opts, 1, 1, W, feedback_respond, NULL },
	{ "escalate", "ID [--priority PRIORITY]", "Open a case for the item's author, with the post as first note.",
	  escalate_opts, 1, 1, W, feedback_escalate, NULL },
	{ "ignore", "ID --why TEXT", "Set an item aside (spam, not about you) with the reason.", ignore_opts, 1, 1, W,
	  feedback_ignore, NULL },
	{ "tag", "ID negative|neutral|positive", "Set an item's sentiment by hand.", NULL, 2, 2, W, feedback_tag, NULL },
	{ "link", "ID CUSTOMER", "Say which customer wrote an item.", NULL, 2, 2, W, feedback_link, NULL },
	{ "report", "[--since DATE] [--until DATE] [--by PERIOD] [--source SOURCE]",
	  "Volume, rating, share answered and response times per source.", report_opts, 0, 0, CX_NEEDS_DB,
	  feedback_report, NULL },
	{ "target", "[SOURCE] SENTIMENT SPAN", "Set how soon feedback must be answered, e.g. negative 4h.", NULL, 2, 3,
	  W, feedback_target, "source" },
	{ "targets", "", "List the response targets.", NULL, 0, 0, CX_NEEDS_DB, feedback_targets, NULL },
	{ "sources", "[list | add NAME [--after NAME] | rename OLD NEW | move NAME --after NAME | remove NAME [--into NAME]]",
	  "List or change the feedback sources.", cx_names_opts, 0, 3, W, feedback_sources, "list|add|rename|move|remove" },
	{ 0 },
};
#undef W
