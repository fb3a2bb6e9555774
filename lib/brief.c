/*
 * Case views: `show` (the case and its history) and `brief` (everything the
 * next person needs), built as a list of sections that later capabilities
 * extend with their own.
 */
#include <stdio.h>
#include <string.h>

#include "cx/case.h"
#include "cx/customer.h"
#include "cx/feedback.h"
#include "cx/journey.h"
#include "cx/mail.h"
#include "cx/sla.h"
#include "cx/survey.h"
#include "json_value.h"
#include "section.h"
#include "store/sql.h"

/*
 * A section asks its questions (prepares, binds and queues its statements
 * into q) before any section is shown; then it shows the answers in the
 * order it asked them (section.h).
 */
typedef struct section {
	int (*ask)(cx_db *db, int64_t case_id, int64_t customer_id, cx_asked *q, cx_err *err);
	int (*show)(cx_db *db, int64_t case_id, cx_asked *q, cx_out *out, cx_err *err);
} section;

/* A section that is its statement's rows as they come. */
static int show_rows(cx_asked *q, cx_out *out, const char *name, const char *title, cx_layout lay, const cx_col *cols,
		     int ncols, cx_err *err)
{
	cx_out_begin(out, name, title, lay, cols, ncols);
	int rc = cx_sql_to_out(cx_asked_next(q), out, err);
	cx_out_end(out);
	return rc;
}

static int ask_case(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)customer;
	const char *parts[] = {
		"SELECT k.id, k.title, k.status, k.priority, k.customer_id, c.name, k.owner, k.channel, k.stage, (SELECT ",
		cx_sql_list_fn(db),
		"(tag, ',') FROM (SELECT tag FROM case_tags t WHERE t.case_id = k.id ORDER BY tag) AS s),"
		" k.outcome, k.opened_at, k.opened_by,"
		" coalesce(k.closed_at, k.resolved_at, ?2) - k.opened_at,"
		" k.first_response_at, k.first_response_at - k.opened_at,"
		" k.resolved_at, k.closed_at, k.updated_at, (SELECT ",
		cx_sql_list_fn(db),
		"(CAST(other AS TEXT), ',') FROM (SELECT case_b AS other FROM case_links"
		"   WHERE case_a = k.id UNION SELECT case_a FROM case_links WHERE case_b = k.id ORDER BY 1) AS s)"
		" FROM cases k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
	};
	cx_sqlbuf b = { 0 };
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		cx_sqlbuf_add(&b, parts[i]);
	int rc = b.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_ask(db, q, b.s, id, cx_db_now(db), err);
	cx_sqlbuf_free(&b);
	return rc;
}

static int show_case(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "title", CX_T_TEXT, 0, 0 },
		{ "status", CX_T_TEXT, 0, 0 },
		{ "priority", CX_T_TEXT, CX_COL_ALERT, 0 },
		{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "customer", CX_T_TEXT, 0, 0 },
		{ "owner", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "stage", CX_T_TEXT, 0, 0 },
		{ "tags", CX_T_TEXT, 0, 0 },
		{ "outcome", CX_T_TEXT, 0, 0 },
		{ "opened_at", CX_T_TIME, 0, 0 },
		{ "opened_by", CX_T_TEXT, 0, 0 },
		{ "age", CX_T_SECS, 0, 0 },
		{ "first_response_at", CX_T_TIME, 0, 0 },
		{ "first_response_after", CX_T_SECS, 0, 0 },
		{ "resolved_at", CX_T_TIME, 0, 0 },
		{ "closed_at", CX_T_TIME, 0, 0 },
		{ "updated_at", CX_T_TIME, 0, 0 },
		{ "linked", CX_T_TEXT, 0, 0 },
	};
	char title[64];
	(void)db;
	snprintf(title, sizeof title, "Case %lld", (long long)id);
	return show_rows(q, out, "case", title, CX_LAY_RECORD, cols, 20, err);
}

/* A field of an event's details as text (NULL when absent), as the timeline words it. */
#define F(k) cx_json_field(d, k, bufs[nb++ % 8], sizeof bufs[0])

/* What a case event did, in a few words, from its action and details (NULL when they do not say). */
static const char *event_words(const char *action, const char *details, char *buf, size_t size)
{
	json_t *d = cx_json_parse(details);
	char bufs[8][64];
	int nb = 0;
	const char *a, *b, *c, *r = buf;
	if (!strcmp(action, "create")) {
		a = F("priority");
		b = F("channel");
		if (a)
			snprintf(buf, size, "opened the case (%s%s%s)", a, b ? ", " : "", b ? b : "");
		else
			snprintf(buf, size, "opened the case");
	} else if (!strcmp(action, "status")) {
		a = F("from");
		b = F("to");
		c = F("outcome");
		if (a && b)
			snprintf(buf, size, "status %s -> %s%s%s%s", a, b, c ? " (" : "", c ? c : "", c ? ")" : "");
		else
			r = NULL;
	} else if (!strcmp(action, "assign")) {
		if ((a = F("to")))
			snprintf(buf, size, "assigned to %s", a);
		else
			r = NULL;
	} else if (!strcmp(action, "handoff")) {
		a = F("from");
		if ((b = F("to")))
			snprintf(buf, size, "handed off%s%s to %s", a ? " by " : "", a ? a : "", b);
		else
			r = NULL;
	} else if (!strcmp(action, "update")) {
		a = F("fields");
		b = F("priority_was");
		c = F("priority");
		if (a && b && c)
			snprintf(buf, size, "changed %s (priority %s -> %s)", a, b, c);
		else if (a)
			snprintf(buf, size, "changed %s", a);
		else
			r = NULL;
	} else if (!strcmp(action, "link") || !strcmp(action, "survey")) {
		if ((a = F(action[0] == 'l' ? "case" : "response")))
			snprintf(buf, size, "%s %s", action[0] == 'l' ? "linked to case" : "follows up survey response", a);
		else
			r = NULL;
	} else
		r = action;
	json_decref(d);
	return r;
}
#undef F

static int ask_timeline(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)customer;
	/* the events' own words come from their details, read here; notes and mail from their rows */
	return cx_ask(db, q,
		      "SELECT e.at, e.actor, e.action, e.details,"
		      " CASE e.action"
		      "  WHEN 'note' THEN CASE n.public WHEN 1 THEN 'public note' ELSE 'internal note' END"
		      "    || CASE n.kind WHEN 'other' THEN '' ELSE ' (' || n.kind || ')' END"
		      "  WHEN 'mail' THEN (SELECT CASE m.direction WHEN 'in' THEN 'mail from ' || coalesce(m.from_addr, '?')"
		      "    ELSE 'mail to ' || coalesce(m.to_addrs, '?') END"
		      "    || CASE WHEN m.subject IS NULL OR m.subject = '' THEN '' ELSE ': ' || m.subject END"
		      "    || CASE WHEN (SELECT count(*) FROM attachments a WHERE a.message_id = m.id) = 0 THEN ''"
		      "      ELSE ' (attached: ' || CAST((SELECT count(*) FROM attachments a WHERE a.message_id = m.id) AS TEXT)"
		      "      || ')' END"
		      "    FROM messages m WHERE m.note_id = e.note_id)"
		      "  END,"
		      " e.note_id, n.body"
		      " FROM events e LEFT JOIN notes n ON n.id = e.note_id"
		      " WHERE e.entity = 'case' AND e.entity_id = ?1 ORDER BY e.at, e.id",
		      id, 0, err);
}

static int show_timeline(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "at", CX_T_TIME, 0, 0 },
		{ "actor", CX_T_TEXT, 0, 0 },
		{ "action", CX_T_TEXT, CX_COL_HIDE, 0 },
		{ "what", CX_T_TEXT, 0, 0 },
		{ "note_id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "text", CX_T_TEXT, 0, 0 },
	};
	(void)db;
	(void)id;
	cx_stmt *st = cx_asked_next(q);
	int rc;
	cx_out_begin(out, "timeline", "Timeline", CX_LAY_LOG, CX_COLS(cols));
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char what[2048];
		const char *action = cx_sql_text(st, 2), *w = cx_sql_text(st, 4);
		if (!w && !strcmp(action, "note"))
			w = NULL; /* a note event whose note is gone */
		else if (!w && strcmp(action, "mail"))
			w = event_words(action, cx_sql_text(st, 3), what, sizeof what);
		cx_val v[6] = { cx_sql_val(st, 0), cx_sql_val(st, 1), cx_sql_val(st, 2), CX_TEXTV(w),
				cx_sql_val(st, 5), cx_sql_val(st, 6) };
		cx_out_row(out, v);
	}
	cx_sql_finalize(st);
	cx_out_end(out);
	return rc < 0 ? rc : CX_OK;
}

static int ask_customer(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)id;
	return cx_customer_profile_ask(db, customer, q, err);
}

static int show_customer(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	(void)db;
	(void)id;
	return cx_customer_profile_show(q, out, err);
}

static int ask_earlier(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	return cx_ask(db, q,
		      "SELECT id, opened_at, status, outcome,"
		      " coalesce(resolved_at, closed_at) - opened_at, owner, title"
		      " FROM cases WHERE customer_id = ?2 AND id <> ?1"
		      " ORDER BY opened_at DESC, id DESC",
		      id, customer, err);
}

static int show_earlier(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "opened_at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "status", CX_T_TEXT, 0, 0 },
		{ "outcome", CX_T_TEXT, 0, 0 },
		{ "took", CX_T_SECS, 0, 0 },
		{ "owner", CX_T_TEXT, 0, 0 },
		{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	(void)db;
	(void)id;
	return show_rows(q, out, "other_cases", "Other cases of this customer", CX_LAY_TABLE, cols, 7, err);
}

/*
 * What the customer was told, latest five: the promises to keep. Each
 * reply's channel is the journey's (the note's kind, else the case's
 * channel), so the brief tells one story in every section.
 */
static int ask_promised(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	return cx_ask(db, q,
		      "SELECT * FROM (SELECT n.created_at, n.author, j.channel, n.body FROM journey j"
		      " JOIN notes n ON n.id = j.ref WHERE j.kind = 'reply' AND j.customer_id = ?2 AND j.case_id = ?1"
		      " ORDER BY n.created_at DESC, n.id DESC LIMIT 5) AS s ORDER BY 1",
		      id, customer, err);
}

static int show_promised(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "at", CX_T_TIME, 0, 0 },
		{ "author", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "text", CX_T_TEXT, 0, 0 },
	};
	(void)db;
	(void)id;
	return show_rows(q, out, "told_customer", "What the customer was told", CX_LAY_LOG, cols, 4, err);
}

static int ask_scores(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)id;
	return cx_survey_scores_ask(db, customer, q, err);
}

static int show_scores(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	(void)db;
	(void)id;
	return cx_survey_scores_show(q, out, err);
}

static int ask_after_case(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)customer;
	return cx_survey_case_ask(db, id, q, err);
}

static int show_after_case(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	(void)db;
	(void)id;
	return cx_survey_case_show(q, out, err);
}

static int ask_journey(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)id;
	return cx_journey_brief_ask(db, customer, q, err);
}

static int show_journey(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	(void)db;
	(void)id;
	return cx_journey_brief_show(q, out, err);
}

static int ask_feedback(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)id;
	return cx_feedback_customer_ask(db, customer, q, err);
}

static int show_feedback(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	(void)db;
	(void)id;
	return cx_feedback_customer_show(q, out, err);
}

static int ask_sla(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)customer;
	return cx_sla_section_ask(db, id, q, err);
}

static int ask_mail(cx_db *db, int64_t id, int64_t customer, cx_asked *q, cx_err *err)
{
	(void)customer;
	return cx_mail_case_ask(db, id, q, err);
}

static int show_mail(cx_db *db, int64_t id, cx_asked *q, cx_out *out, cx_err *err)
{
	(void)id;
	return cx_mail_case_show(db, q, out, err);
}

#define SEC(x) { ask_##x, show_##x }

static const section show_sections[] = { SEC(case), { ask_sla, cx_sla_section_show }, SEC(timeline) };

static const section brief_sections[] = {
	SEC(customer), SEC(case),     { ask_sla, cx_sla_section_show }, SEC(timeline), SEC(mail), SEC(promised),
	SEC(earlier),  SEC(after_case), SEC(scores), SEC(journey), SEC(feedback),
};

enum { MAX_SECTIONS = 16 };

/* Every section asks, then every section shows: one round trip for the whole screen on a server. */
static int run(cx_db *db, int64_t id, const section *secs, size_t n, cx_out *out, cx_err *err)
{
	int64_t customer;
	cx_asked q[MAX_SECTIONS];
	memset(q, 0, sizeof q);
	if (n > MAX_SECTIONS)
		return cx_fail(err, CX_EINTERNAL, "a screen of more than %d sections", MAX_SECTIONS);
	int rc = cx_case_customer(db, id, &customer, err);
	for (size_t i = 0; i < n && rc == CX_OK; i++)
		rc = secs[i].ask(db, id, customer, &q[i], err);
	for (size_t i = 0; i < n && rc == CX_OK; i++)
		rc = secs[i].show(db, id, &q[i], out, err);
	for (size_t i = 0; i < n; i++)
		cx_asked_free(&q[i]);
	return rc;
}

int cx_case_show(cx_db *db, int64_t id, cx_out *out, cx_err *err)
{
	return run(db, id, show_sections, sizeof show_sections / sizeof show_sections[0], out, err);
}

int cx_case_brief(cx_db *db, int64_t id, cx_out *out, cx_err *err)
{
	return run(db, id, brief_sections, sizeof brief_sections / sizeof brief_sections[0], out, err);
}
