/*
 * Case views: `show` (the case and its history) and `brief` (everything the
 * next person needs), built as a list of sections that later capabilities
 * extend with their own.
 */
#include <stdio.h>

#include "cx/case.h"
#include "cx/customer.h"
#include "cx/feedback.h"
#include "cx/journey.h"
#include "cx/mail.h"
#include "cx/sla.h"
#include "cx/survey.h"
#include "sql.h"

typedef int (*section_fn)(cx_db *db, int64_t case_id, int64_t customer_id, cx_out *out, cx_err *err);

static int run_section(cx_db *db, const char *sql, int64_t a, int64_t b, cx_out *out, const char *name,
		       const char *title, cx_layout lay, const cx_col *cols, int ncols, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, sql, &st, err);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, a);
	cx_sql_bind_int(st, 2, b);
	cx_out_begin(out, name, title, lay, cols, ncols);
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}

static int sec_case(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
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
	(void)customer;
	snprintf(title, sizeof title, "Case %lld", (long long)id);
	return run_section(
		db,
		"SELECT k.id, k.title, k.status, k.priority, k.customer_id, c.name, k.owner, k.channel,"
		" k.stage,"
		" (SELECT group_concat(tag, ',') FROM (SELECT tag FROM case_tags t WHERE t.case_id = k.id"
		"   ORDER BY tag) AS s),"
		" k.outcome, k.opened_at, k.opened_by,"
		" coalesce(k.closed_at, k.resolved_at, ?2) - k.opened_at,"
		" k.first_response_at, k.first_response_at - k.opened_at,"
		" k.resolved_at, k.closed_at, k.updated_at,"
		" (SELECT group_concat(other, ',') FROM (SELECT case_b AS other FROM case_links"
		"   WHERE case_a = k.id UNION SELECT case_a FROM case_links WHERE case_b = k.id ORDER BY 1) AS s)"
		" FROM cases k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
		id, cx_db_now(db), out, "case", title, CX_LAY_RECORD, cols, 20, err);
}

static int sec_timeline(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "at", CX_T_TIME, 0, 0 },
		{ "actor", CX_T_TEXT, 0, 0 },
		{ "action", CX_T_TEXT, CX_COL_HIDE, 0 },
		{ "what", CX_T_TEXT, 0, 0 },
		{ "note_id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "text", CX_T_TEXT, 0, 0 },
	};
	(void)customer;
	return run_section(
		db,
		"SELECT e.at, e.actor, e.action,"
		" CASE e.action"
		"  WHEN 'create' THEN 'opened the case' || coalesce(' (' || json_extract(e.details, '$.priority')"
		"    || coalesce(', ' || json_extract(e.details, '$.channel'), '') || ')', '')"
		"  WHEN 'note' THEN CASE n.public WHEN 1 THEN 'public note' ELSE 'internal note' END"
		"    || CASE n.kind WHEN 'other' THEN '' ELSE ' (' || n.kind || ')' END"
		"  WHEN 'status' THEN 'status ' || json_extract(e.details, '$.from') || ' -> '"
		"    || json_extract(e.details, '$.to')"
		"    || coalesce(' (' || json_extract(e.details, '$.outcome') || ')', '')"
		"  WHEN 'assign' THEN 'assigned to ' || json_extract(e.details, '$.to')"
		"  WHEN 'handoff' THEN 'handed off' || coalesce(' by ' || json_extract(e.details, '$.from'), '')"
		"    || ' to ' || json_extract(e.details, '$.to')"
		"  WHEN 'update' THEN 'changed ' || json_extract(e.details, '$.fields')"
		"    || coalesce(' (priority ' || json_extract(e.details, '$.priority_was') || ' -> '"
		"    || json_extract(e.details, '$.priority') || ')', '')"
		"  WHEN 'link' THEN 'linked to case ' || json_extract(e.details, '$.case')"
		"  WHEN 'survey' THEN 'follows up survey response ' || json_extract(e.details, '$.response')"
		"  WHEN 'mail' THEN (SELECT CASE m.direction WHEN 'in' THEN 'mail from ' || coalesce(m.from_addr, '?')"
		"    ELSE 'mail to ' || coalesce(m.to_addrs, '?') END"
		"    || CASE WHEN m.subject IS NULL OR m.subject = '' THEN '' ELSE ': ' || m.subject END"
		"    || CASE WHEN (SELECT count(*) FROM attachments a WHERE a.message_id = m.id) = 0 THEN ''"
		"      ELSE ' (attached: ' || (SELECT count(*) FROM attachments a WHERE a.message_id = m.id) || ')' END"
		"    FROM messages m WHERE m.note_id = e.note_id)"
		"  ELSE e.action END,"
		" e.note_id, n.body"
		" FROM events e LEFT JOIN notes n ON n.id = e.note_id"
		" WHERE e.entity = 'case' AND e.entity_id = ?1 ORDER BY e.at, e.id",
		id, 0, out, "timeline", "Timeline", CX_LAY_LOG, cols, 6, err);
}

static int sec_customer(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	(void)id;
	return cx_customer_profile(db, customer, out, err);
}

static int sec_earlier(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
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
	return run_section(db,
			   "SELECT id, opened_at, status, outcome,"
			   " coalesce(resolved_at, closed_at) - opened_at, owner, title"
			   " FROM cases WHERE customer_id = ?2 AND id <> ?1"
			   " ORDER BY opened_at DESC, id DESC",
			   id, customer, out, "other_cases", "Other cases of this customer", CX_LAY_TABLE,
			   cols, 7, err);
}

static int sec_promised(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "at", CX_T_TIME, 0, 0 },
		{ "author", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "text", CX_T_TEXT, 0, 0 },
	};
	/*
	 * What the customer was told, latest five: the promises to keep. Each
	 * reply's channel is the journey's (the note's kind, else the case's
	 * channel), so the brief tells one story in every section.
	 */
	return run_section(db,
			   "SELECT * FROM (SELECT n.created_at, n.author, j.channel, n.body FROM journey j"
			   " JOIN notes n ON n.id = j.ref WHERE j.kind = 'reply' AND j.customer_id = ?2 AND j.case_id = ?1"
			   " ORDER BY n.created_at DESC, n.id DESC LIMIT 5) AS s ORDER BY 1",
			   id, customer, out, "told_customer", "What the customer was told", CX_LAY_LOG, cols, 4,
			   err);
}

static int sec_scores(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	(void)id;
	return cx_survey_customer_scores(db, customer, out, err);
}

static int sec_after_case(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	(void)customer;
	return cx_survey_case_section(db, id, out, err);
}

static int sec_journey(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	(void)id;
	return cx_journey_brief(db, customer, out, err);
}

static int sec_feedback(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	(void)id;
	return cx_feedback_customer(db, customer, out, err);
}

static int sec_sla(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	(void)customer;
	return cx_sla_section(db, id, out, err);
}

static int sec_mail(cx_db *db, int64_t id, int64_t customer, cx_out *out, cx_err *err)
{
	(void)customer;
	return cx_mail_case_section(db, id, out, err);
}

static const section_fn show_sections[] = { sec_case, sec_sla, sec_timeline };

static const section_fn brief_sections[] = {
	sec_customer, sec_case, sec_sla, sec_timeline, sec_mail, sec_promised, sec_earlier, sec_after_case, sec_scores, sec_journey, sec_feedback,
};

static int run(cx_db *db, int64_t id, const section_fn *secs, size_t n, cx_out *out, cx_err *err)
{
	int64_t customer;
	int rc = cx_case_customer(db, id, &customer, err);
	for (size_t i = 0; i < n && rc == CX_OK; i++)
		rc = secs[i](db, id, customer, out, err);
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
