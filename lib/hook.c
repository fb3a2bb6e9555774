/* Hook events: each one JSON object, written in C from the rows it is about. */
#include <stdlib.h>

#include "cx/date.h"
#include "cx/db.h"
#include "hook_impl.h"
#include "json_value.h"
#include "store/sql.h"

/* A field of the object from a result column: "key" = column col; a key starting with '@' is a time. */
typedef struct field {
	const char *key;
	int col;
} field;

static json_t *object_of(cx_stmt *st, const field *f, int n)
{
	json_t *o = json_object();
	for (int i = 0; o && i < n; i++)
		json_object_set_new(o, f[i].key + (f[i].key[0] == '@'),
				    f[i].key[0] == '@' ? cx_json_time(st, f[i].col) : cx_json_col(st, f[i].col));
	return o;
}

/* The customer's columns, where a statement puts them: from column 0 (id) to 4. */
static const field customer[] = { { "id", 0 }, { "name", 1 }, { "email", 2 }, { "phone", 3 }, { "handle", 4 } };
#define CUSTOMER_COLS "c.id, c.name, c.email, c.phone, c.handle"

/*
 * Runs sql for row id; the payload is event, actor, time, then what (the
 * fields of the row, from column 5) and the customer (columns 0-4, null
 * when the row has none). extra_key/extra add one field after the event.
 */
static int queue(cx_db *db, const char *hook, const char *sql, int64_t id, const char *event, const char *what,
		 const field *f, int n, const char *extra_key, const char *extra, cx_err *err)
{
	cx_stmt *st;
	int rc;
	if (!cx_db_hook_room(db, hook))
		return CX_OK;
	if ((rc = cx_sql_query(db, &st, err, sql, CX_INT(id))))
		return rc;
	rc = cx_sql_step(st, err);

	if (rc == CX_SQL_ROW) {
		char at[CX_TIME_BUF];
		cx_time_iso(cx_db_now(db), at);
		json_t *o = json_object();
		json_object_set_new(o, "event", json_string(event));
		if (extra_key)
			json_object_set_new(o, extra_key, cx_json_str(extra));
		json_object_set_new(o, "actor", cx_json_str(cx_db_actor(db)));
		json_object_set_new(o, "at", json_string(at));
		json_object_set_new(o, what, object_of(st, f, n));
		json_object_set_new(o, "customer", cx_sql_null(st, 0) ? json_null() : object_of(st, customer, 5));
		char *text = cx_json_text(o);
		json_decref(o);
		if (!text)
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		else
			cx_db_hook(db, hook, text);
		free(text);
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

static const field case_fields[] = { { "id", 5 },	 { "title", 6 },   { "status", 7 }, { "priority", 8 },
				     { "channel", 9 },	 { "stage", 10 },  { "owner", 11 }, { "outcome", 12 },
				     { "@opened_at", 13 } };

int cx_hook_case(cx_db *db, const char *hook, const char *event, int64_t case_id, cx_err *err)
{
	return queue(db, hook,
		     "SELECT " CUSTOMER_COLS ", k.id, k.title, k.status, k.priority, k.channel, k.stage, k.owner,"
		     " k.outcome, k.opened_at FROM cases k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
		     case_id, event, "case", case_fields, 9, NULL, NULL, err);
}

static const field response_fields[] = { { "id", 5 },	    { "survey", 6 }, { "nps", 7 },	    { "csat", 8 },
					 { "ces", 9 },	    { "comment", 10 }, { "email", 11 },	    { "name", 12 },
					 { "@answered_at", 13 }, { "case", 14 } };

int cx_hook_response(cx_db *db, int64_t response_id, cx_err *err)
{
	return queue(db, "on-detractor",
		     "SELECT " CUSTOMER_COLS ", r.id, s.name, r.nps, r.csat, r.ces, r.comment, r.email, r.name, r.at,"
		     " r.case_id FROM responses r JOIN surveys s ON s.id = r.survey_id"
		     " LEFT JOIN customers c ON c.id = r.customer_id WHERE r.id = ?1",
		     response_id, "survey.detractor", "response", response_fields, 10, NULL, NULL, err);
}

static const field feedback_fields[] = { { "id", 5 },	  { "source", 6 },    { "author", 7 },
					 { "url", 8 },	  { "rating", 9 },    { "sentiment", 10 },
					 { "text", 11 }, { "@posted_at", 12 } };

int cx_hook_feedback(cx_db *db, int64_t feedback_id, cx_err *err)
{
	return queue(db, "on-feedback",
		     "SELECT " CUSTOMER_COLS ", f.id, f.source, f.author, f.url, f.rating, f.sentiment, f.body, f.at"
		     " FROM feedback f LEFT JOIN customers c ON c.id = f.customer_id WHERE f.id = ?1",
		     feedback_id, "feedback.new", "feedback", feedback_fields, 8, NULL, NULL, err);
}

static const field breach_fields[] = { { "id", 5 },	 { "title", 6 }, { "status", 7 },	  { "priority", 8 },
				       { "channel", 9 }, { "owner", 10 }, { "@opened_at", 11 } };

int cx_hook_breach(cx_db *db, int64_t case_id, const char *clock, cx_err *err)
{
	return queue(db, "on-breach",
		     "SELECT " CUSTOMER_COLS ", k.id, k.title, k.status, k.priority, k.channel, k.owner, k.opened_at"
		     " FROM cases k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
		     case_id, "sla.breach", "case", breach_fields, 7, "clock", clock, err);
}
