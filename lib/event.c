/* The audit trail: appending events and reading them back with filters. */
#include <stdarg.h>
#include <stdlib.h>

#include "cx/event.h"
#include "json_value.h"
#include "store/sql.h"

enum { MAX_PAIRS = 8 };

int cx_event_log(cx_db *db, const char *entity, int64_t entity_id, const char *action,
		 int64_t note_id, int64_t at, cx_err *err, ...)
{
	const char *kv[2 * MAX_PAIRS];
	int n = 0;
	va_list ap;

	va_start(ap, err);
	for (const char *k; (k = va_arg(ap, const char *)) != NULL;) {
		if (n >= 2 * MAX_PAIRS) {
			va_end(ap);
			return cx_fail(err, CX_EINTERNAL, "too many event details");
		}
		kv[n++] = k;
		kv[n++] = va_arg(ap, const char *);
	}
	va_end(ap);

	/* The details are one JSON object, written here: the database keeps its text. */
	char *details = NULL;
	if (n) {
		json_t *o = json_object();
		for (int i = 0; o && i < n; i += 2)
			json_object_set_new(o, kv[i], cx_json_str(kv[i + 1]));
		details = o ? cx_json_text(o) : NULL;
		json_decref(o);
		if (!details)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	cx_stmt *st;
	int rc = cx_sql_cached(db,
			       "INSERT INTO events (at, actor, entity, entity_id, action, note_id, details)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			       &st, err);
	if (rc) {
		free(details);
		return rc;
	}
	cx_sql_bind_int(st, 1, at ? at : cx_db_now(db));
	cx_sql_bind_text(st, 2, cx_db_actor(db));
	cx_sql_bind_text(st, 3, entity);
	cx_sql_bind_id(st, 4, entity_id);
	cx_sql_bind_text(st, 5, action);
	cx_sql_bind_id(st, 6, note_id);
	cx_sql_bind_text(st, 7, details);
	rc = cx_sql_step(st, err);
	cx_sql_release(st);
	free(details);
	return rc < 0 ? rc : CX_OK;
}

static const cx_col event_cols[] = {
	{ "id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "at", CX_T_TIME, 0, 0 },
	{ "actor", CX_T_TEXT, 0, 0 },
	{ "entity", CX_T_TEXT, 0, 0 },
	{ "entity_id", CX_T_INT, 0, 0 },
	{ "action", CX_T_TEXT, 0, 0 },
	{ "note_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "details", CX_T_TEXT, CX_COL_WIDE, 0 },
};

int cx_event_list(cx_db *db, const cx_event_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc;

	cx_sqlbuf_add(&q, "SELECT id, at, actor, entity, entity_id, action, note_id, details"
			  " FROM events WHERE 1=1");
	if (f->entity)
		cx_sqlbuf_add(&q, " AND entity = ?1");
	if (f->entity_id)
		cx_sqlbuf_add(&q, " AND entity_id = ?2");
	if (f->actor)
		cx_sqlbuf_add(&q, " AND actor = ?3");
	if (f->action)
		cx_sqlbuf_add(&q, " AND action = ?4");
	if (f->since)
		cx_sqlbuf_add(&q, " AND at >= ?5");
	if (f->until)
		cx_sqlbuf_add(&q, " AND at < ?6");
	cx_sqlbuf_add(&q, f->reverse ? " ORDER BY at DESC, id DESC" : " ORDER BY at, id");
	if (f->limit > 0)
		cx_sqlbuf_add(&q, " LIMIT ?7");
	if (q.oom)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	rc = cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, f->entity);
	cx_sql_bind_int(st, 2, f->entity_id);
	cx_sql_bind_text(st, 3, f->actor);
	cx_sql_bind_text(st, 4, f->action);
	cx_sql_bind_int(st, 5, f->since);
	cx_sql_bind_int(st, 6, f->until);
	cx_sql_bind_int(st, 7, f->limit);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(event_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}
