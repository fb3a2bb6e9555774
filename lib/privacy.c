/*
 * One person's data: everything stored about them as JSON (a data-access
 * request), and erasing it (forgetting) while keeping the anonymous rows
 * that the counts and scores are made of.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/archive.h"
#include "cx/event.h"
#include "cx/search.h"
#include "json_value.h"
#include "store/sql.h"

/*
 * The rows of table x that match where (?1 the customer) in order of id,
 * every column, as an array of JSON objects (or the first row alone, or
 * null, when one is set).
 */
static int rows_json(cx_db *db, const char *table, const char *where, int64_t id, int one, json_t **out,
		     cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	char **names = NULL;
	int n = 0, rc = cx_sql_named(db, CX_Q_COLUMNS, &st, err);
	*out = NULL;
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, table);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char **nn = realloc(names, (size_t)(n + 1) * sizeof *nn);
		if (!nn || !(nn[n] = strdup(cx_sql_text(st, 0)))) {
			names = nn ? nn : names;
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		names = nn;
		/* names from the catalog, never from input */
		cx_sqlbuf_add(&q, n ? ", x.\"" : "SELECT x.\"");
		cx_sqlbuf_add(&q, names[n++]);
		cx_sqlbuf_add(&q, "\"");
	}
	cx_sql_finalize(st);
	if (rc >= 0) {
		const char *parts[] = { " FROM ", table, " x WHERE ", where, " ORDER BY x.id" };
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			cx_sqlbuf_add(&q, parts[i]);
		rc = q.oom || !n ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	}
	if (rc >= 0) {
		json_t *all = json_array();
		cx_sql_bind_int(st, 1, id);
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			json_t *o = json_object();
			for (int i = 0; i < n; i++)
				json_object_set_new(o, names[i], cx_json_col(st, i));
			json_array_append_new(all, o);
		}
		cx_sql_finalize(st);
		if (one) {
			*out = json_array_size(all) ? json_incref(json_array_get(all, 0)) : json_null();
			json_decref(all);
		} else
			*out = all;
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	cx_sqlbuf_free(&q);
	return rc < 0 ? rc : CX_OK;
}

int cx_customer_export(cx_db *db, int64_t id, char **json, cx_err *err)
{
	static const struct {
		const char *key, *table, *where;
	} parts[] = {
		{ "cases", "cases", "x.customer_id = ?1" },
		{ "notes", "notes", "x.customer_id = ?1" },
		{ "touchpoints", "touchpoints", "x.customer_id = ?1" },
		{ "survey_responses", "responses", "x.customer_id = ?1" },
		{ "feedback", "feedback", "x.customer_id = ?1" },
		{ "feedback_replies", "feedback_replies", "x.feedback_id IN (SELECT id FROM feedback WHERE customer_id = ?1)" },
		{ "messages", "messages", "x.customer_id = ?1 OR x.case_id IN (SELECT id FROM cases WHERE customer_id = ?1)" },
		{ "attachments", "attachments",
		  "x.message_id IN (SELECT id FROM messages WHERE customer_id = ?1"
		  " OR case_id IN (SELECT id FROM cases WHERE customer_id = ?1))" },
		{ "merged_from", "customers", "x.merged_into = ?1" },
		{ "history", "events",
		  "(x.entity = 'customer' AND (x.entity_id = ?1 OR x.entity_id IN (SELECT id FROM customers WHERE merged_into = ?1)))"
		  " OR (x.entity = 'case' AND x.entity_id IN (SELECT id FROM cases WHERE customer_id = ?1))"
		  " OR (x.entity = 'touchpoint' AND x.entity_id IN (SELECT id FROM touchpoints WHERE customer_id = ?1))"
		  " OR (x.entity = 'feedback' AND x.entity_id IN (SELECT id FROM feedback WHERE customer_id = ?1))" },
	};
	json_t *doc = json_object(), *v;
	cx_stmt *st;
	int rc;

	*json = NULL;
	if (!doc)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	if ((rc = rows_json(db, "customers", "x.id = ?1", id, 1, &v, err)))
		goto out;
	json_object_set_new(doc, "customer", v);
	if ((rc = cx_sql_query(db, &st, err, "SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY tag",
			       CX_INT(id))))
		goto out;
	v = json_array();

	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		json_array_append_new(v, cx_json_col(st, 0));
	cx_sql_finalize(st);
	json_object_set_new(doc, "tags", v);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if ((rc = rows_json(db, parts[i].table, parts[i].where, id, 0, &v, err)))
			goto out;
		json_object_set_new(doc, parts[i].key, v);
	}
	if (!(*json = cx_json_text(doc)))
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
out:
	json_decref(doc);
	return rc < 0 ? rc : CX_OK;
}

int cx_customer_forget(cx_db *db, int64_t id, cx_err *err)
{
	/*
	 * What goes: every text that is theirs or about them (?1 their id). Ids,
	 * times, statuses and scores stay.
	 */
	static const char *const erase[] = {
		"DELETE FROM customer_tags WHERE customer_id = ?1",
		"UPDATE cases SET title = '(erased)' WHERE customer_id = ?1",
		"UPDATE notes SET body = '(erased)' WHERE customer_id = ?1",
		"UPDATE touchpoints SET summary = NULL WHERE customer_id = ?1",
		"UPDATE responses SET email = NULL, name = NULL, comment = NULL, answers = NULL WHERE customer_id = ?1",
		"UPDATE feedback_replies SET body = '(erased)' WHERE feedback_id IN"
		" (SELECT id FROM feedback WHERE customer_id = ?1)",
		"UPDATE feedback SET author = NULL, url = NULL, body = NULL, platform_id = NULL,"
		" key = 'forgotten:' || id WHERE customer_id = ?1",
		/*
		 * Their mail, and ours to them: the bytes, the files, the names and ids
		 * go; the checksum stays, so the same mail imported again is known and
		 * not filed anew.
		 */
		"UPDATE attachments SET name = '(erased)', data = NULL WHERE message_id IN (SELECT id FROM messages"
		" WHERE customer_id = ?1 OR case_id IN (SELECT id FROM cases WHERE customer_id = ?1))",
		"DELETE FROM message_refs WHERE message_id IN (SELECT id FROM messages"
		" WHERE customer_id = ?1 OR case_id IN (SELECT id FROM cases WHERE customer_id = ?1))",
		"UPDATE messages SET raw = NULL, msgid = NULL, in_reply_to = NULL, from_addr = NULL, from_name = NULL,"
		" to_addrs = NULL, subject = NULL, source = NULL, position = NULL"
		" WHERE customer_id = ?1 OR case_id IN (SELECT id FROM cases WHERE customer_id = ?1)",
	};
	/* their entries in the search index, by the rows they came from */
	static const struct {
		cx_search_kind kind;
		const char *sql;
	} indexed[] = {
		{ CX_SK_CASE, "SELECT id FROM cases WHERE customer_id = ?1" },
		{ CX_SK_NOTE, "SELECT id FROM notes WHERE customer_id = ?1" },
		{ CX_SK_TOUCH, "SELECT id FROM touchpoints WHERE customer_id = ?1" },
		{ CX_SK_RESPONSE, "SELECT id FROM responses WHERE customer_id = ?1" },
		{ CX_SK_FEEDBACK, "SELECT id FROM feedback WHERE customer_id = ?1" },
		{ CX_SK_CUSTOMER, "SELECT id FROM customers WHERE id = ?1 OR merged_into = ?1" },
	};
	cx_stmt *st;
	int rc;

	/* freed pages are overwritten, so the file keeps none of the erased text */
	if ((rc = cx_sql_named_exec(db, CX_Q_ERASE_FOR_GOOD, err)) || (rc = cx_db_need(db, __func__, err)))
		return rc;
	for (size_t i = 0; i < sizeof indexed / sizeof indexed[0]; i++) {
		if ((rc = cx_sql_query(db, &st, err, indexed[i].sql, CX_INT(id))))
			goto fail;
		int64_t *refs = NULL;
		size_t n = 0;
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			int64_t *r = realloc(refs, (n + 1) * sizeof *r);
			if (!r) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			refs = r;
			refs[n++] = cx_sql_int(st, 0);
		}
		cx_sql_finalize(st);
		for (size_t k = 0; rc >= 0 && k < n; k++)
			rc = cx_search_update(db, indexed[i].kind, refs[k], NULL, err);
		free(refs);
		if (rc < 0)
			goto fail;
	}
	if ((rc = cx_sql_do(db, err,
			    "UPDATE customers SET name = 'Forgotten customer ' || id, email = NULL, phone = NULL,"
			    " handle = NULL, org = NULL, note = NULL, prefers = NULL, forgotten_at = ?2, updated_at = ?2"
			    " WHERE id = ?1 OR merged_into = ?1",
			    CX_INT(id), CX_INT(cx_db_now(db)))))
		goto fail;
	for (size_t i = 0; i < sizeof erase / sizeof erase[0]; i++)
		if ((rc = cx_sql_do(db, err, erase[i], CX_INT(id))))
			goto fail;
	/* the index is merged, so the words left with the entries are gone from its pages too */
	if ((rc = cx_search_optimize(db, err)) ||
	    (rc = cx_event_log(db, "customer", id, "forget", 0, 0, err, NULL)))
		goto fail;
	/* the write-ahead log will still hold old pages: once committed, it is folded back and emptied */
	cx_db_fold_log(db);
	return CX_OK;
fail:
	return rc;
}
