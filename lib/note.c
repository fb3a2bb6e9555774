/* Notes: adding them to a case or customer, and listing them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/customer.h"
#include "cx/event.h"
#include "cx/note.h"
#include "note_impl.h"
#include "store/sql.h"

int cx_note_kind_check(const char *kind, cx_err *err)
{
	return cx_words_check(cx_note_kinds, "kind", kind, CX_EDATA, err);
}

int cx_note_insert(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err)
{
	const char *kind = in->kind ? in->kind : "other";
	int64_t customer = in->customer_id, at = in->at ? in->at : cx_db_now(db);
	int rc;


	/* the kinds people choose; cx writes handoff and status notes itself */
	if (cx_words_find(cx_note_kinds_all, kind) < 0)
		return cx_note_kind_check(kind, err);
	if (!in->body || !in->body[strspn(in->body, " \t\r\n")])
		return cx_fail(err, CX_EDATA, "note: the text is empty (give it with " CX_FIELD_ARG("body") ")");
	if (strlen(in->body) > 1000000)
		return cx_fail(err, CX_EDATA, "note: longer than 1 MB");
	if (!customer)
		return cx_fail(err, CX_EUSAGE, "a note needs a case or a customer");
	/* said plainly here rather than as a foreign key failure from the insert */
	if (!in->case_id && (rc = cx_customer_check(db, customer, err)))
		return rc;
	return cx_sql_get_int(db, 0, id, err,
			      "INSERT INTO notes (customer_id, case_id, public, kind, body, author, created_at)"
			      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
			      CX_INT(customer), CX_ID(in->case_id), CX_INT(in->public_ ? 1 : 0), CX_TEXT(kind),
			      CX_TEXT(in->body), CX_TEXT(cx_db_actor(db)), CX_INT(at));

}

int cx_note_add(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err)
{
	int rc;

	if (in->case_id)
		return cx_fail(err, CX_EINTERNAL, "cx_note_add: a note on a case is cx_case_note's");
	if ((in->kind && (rc = cx_note_kind_check(in->kind, err))) || (rc = cx_db_need(db, __func__, err)) ||
	    (rc = cx_note_insert(db, in, id, err)))
		return rc;
	return cx_event_log(db, "customer", in->customer_id, "note", *id, in->at, err, "visibility",
			    in->public_ ? "public" : "internal", NULL);
}

static const cx_col note_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "at", CX_T_TIME, 0, 0 },
	{ "case_id", CX_T_INT, 0, 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "customer", CX_T_TEXT, 0, 0 },
	{ "visibility", CX_T_TEXT, 0, 0 },
	{ "kind", CX_T_TEXT, 0, 0 },
	{ "author", CX_T_TEXT, 0, 0 },
	{ "body", CX_T_TEXT, 0, 0 },
};

int cx_note_list(cx_db *db, const cx_note_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	char *pat = NULL;
	int rc;

	cx_sqlbuf_add(&q, "SELECT * FROM (");
	cx_sqlbuf_add(&q, "SELECT n.id, n.created_at, n.case_id, n.customer_id, c.name,"
			  " CASE n.public WHEN 1 THEN 'public' ELSE 'internal' END, n.kind, n.author, n.body"
			  " FROM notes n JOIN customers c ON c.id = n.customer_id WHERE 1=1");
	if (f->case_id)
		cx_sqlbuf_add(&q, " AND n.case_id = ?1");
	if (f->customer_id)
		cx_sqlbuf_add(&q, " AND n.customer_id = ?2");
	if (f->visibility >= 0)
		cx_sqlbuf_add(&q, " AND n.public = ?3");
	if (f->kind)
		cx_sqlbuf_add(&q, " AND n.kind = ?4");
	if (f->author)
		cx_sqlbuf_add(&q, " AND n.author = ?5");
	if (f->text) {
		if (!(pat = cx_sql_like_pattern(f->text, 1))) {
			cx_sqlbuf_free(&q);
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		}
		cx_sqlbuf_add(&q, " AND lower(n.body) LIKE lower(?6) ESCAPE '\\'");
	}
	if (f->since)
		cx_sqlbuf_add(&q, " AND n.created_at >= ?7");
	if (f->until)
		cx_sqlbuf_add(&q, " AND n.created_at < ?8");
	/* With a limit: the latest N, still shown oldest first. */
	if (f->limit > 0)
		cx_sqlbuf_add(&q, " ORDER BY n.created_at DESC, n.id DESC LIMIT ?9) AS s ORDER BY 2, 1");
	else
		cx_sqlbuf_add(&q, " ORDER BY n.created_at, n.id");
	if (q.oom) {
		free(pat);
		cx_sqlbuf_free(&q);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	const char *sql = f->limit > 0 ? q.s : q.s + strlen("SELECT * FROM (");
	rc = cx_sql_prepare(db, sql, &st, err);
	cx_sqlbuf_free(&q);
	if (rc) {
		free(pat);
		return rc;
	}
	cx_sql_bind_int(st, 1, f->case_id);
	cx_sql_bind_int(st, 2, f->customer_id);
	cx_sql_bind_int(st, 3, f->visibility);
	cx_sql_bind_text(st, 4, f->kind);
	cx_sql_bind_text(st, 5, f->author);
	cx_sql_bind_text(st, 6, pat);
	cx_sql_bind_int(st, 7, f->since);
	cx_sql_bind_int(st, 8, f->until);
	cx_sql_bind_int(st, 9, f->limit);
	cx_out_begin(out, NULL, NULL, CX_LAY_LOG, CX_COLS(note_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	free(pat);
	return rc;
}
