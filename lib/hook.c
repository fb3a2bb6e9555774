/* Hook events: each one JSON object, built by the database from the rows it is about. */
#include "cx/db.h"
#include "hook_impl.h"
#include "sql.h"

static int queue(cx_db *db, const char *hook, const char *sql, int64_t id, const char *event, const char *extra,
		 cx_err *err)
{
	cx_stmt *st;
	int rc;
	if (!cx_db_hook_room(db, hook))
		return CX_OK;
	if ((rc = cx_sql_prepare(db, sql, &st, err)))
		return rc;
	cx_sql_bind_int(st, 1, id);
	cx_sql_bind_text(st, 2, event);
	cx_sql_bind_text(st, 3, cx_db_actor(db));
	cx_sql_bind_int(st, 4, cx_db_now(db));
	cx_sql_bind_text(st, 5, extra);
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW)
		cx_db_hook(db, hook, cx_sql_text(st, 0));
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

#define CUSTOMER_JSON "json_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'handle', c.handle)"

int cx_hook_case(cx_db *db, const char *hook, const char *event, int64_t case_id, cx_err *err)
{
	return queue(db, hook,
		     "SELECT json_object('event', ?2, 'actor', ?3, 'at', strftime('%Y-%m-%dT%H:%M:%SZ', ?4, 'unixepoch'),"
		     " 'case', json_object('id', k.id, 'title', k.title, 'status', k.status, 'priority', k.priority,"
		     "   'channel', k.channel, 'stage', k.stage, 'owner', k.owner, 'outcome', k.outcome,"
		     "   'opened_at', strftime('%Y-%m-%dT%H:%M:%SZ', k.opened_at, 'unixepoch')),"
		     " 'customer', " CUSTOMER_JSON ")"
		     " FROM cases k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
		     case_id, event, NULL, err);
}

int cx_hook_response(cx_db *db, int64_t response_id, cx_err *err)
{
	return queue(db, "on-detractor",
		     "SELECT json_object('event', ?2, 'actor', ?3, 'at', strftime('%Y-%m-%dT%H:%M:%SZ', ?4, 'unixepoch'),"
		     " 'response', json_object('id', r.id, 'survey', s.name, 'nps', r.nps, 'csat', r.csat, 'ces', r.ces,"
		     "   'comment', r.comment, 'email', r.email, 'name', r.name,"
		     "   'answered_at', strftime('%Y-%m-%dT%H:%M:%SZ', r.at, 'unixepoch'), 'case', r.case_id),"
		     " 'customer', CASE WHEN c.id IS NULL THEN NULL ELSE " CUSTOMER_JSON " END)"
		     " FROM responses r JOIN surveys s ON s.id = r.survey_id LEFT JOIN customers c ON c.id = r.customer_id"
		     " WHERE r.id = ?1",
		     response_id, "survey.detractor", NULL, err);
}

int cx_hook_feedback(cx_db *db, int64_t feedback_id, cx_err *err)
{
	return queue(db, "on-feedback",
		     "SELECT json_object('event', ?2, 'actor', ?3, 'at', strftime('%Y-%m-%dT%H:%M:%SZ', ?4, 'unixepoch'),"
		     " 'feedback', json_object('id', f.id, 'source', f.source, 'author', f.author, 'url', f.url,"
		     "   'rating', f.rating, 'sentiment', f.sentiment, 'text', f.body,"
		     "   'posted_at', strftime('%Y-%m-%dT%H:%M:%SZ', f.at, 'unixepoch')),"
		     " 'customer', CASE WHEN c.id IS NULL THEN NULL ELSE " CUSTOMER_JSON " END)"
		     " FROM feedback f LEFT JOIN customers c ON c.id = f.customer_id WHERE f.id = ?1",
		     feedback_id, "feedback.new", NULL, err);
}

int cx_hook_breach(cx_db *db, int64_t case_id, const char *clock, cx_err *err)
{
	return queue(db, "on-breach",
		     "SELECT json_object('event', ?2, 'clock', ?5, 'actor', ?3,"
		     " 'at', strftime('%Y-%m-%dT%H:%M:%SZ', ?4, 'unixepoch'),"
		     " 'case', json_object('id', k.id, 'title', k.title, 'status', k.status, 'priority', k.priority,"
		     "   'channel', k.channel, 'owner', k.owner,"
		     "   'opened_at', strftime('%Y-%m-%dT%H:%M:%SZ', k.opened_at, 'unixepoch')),"
		     " 'customer', " CUSTOMER_JSON ")"
		     " FROM cases k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
		     case_id, "sla.breach", clock, err);
}
