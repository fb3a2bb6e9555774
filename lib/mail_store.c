/*
 * Mail as it is kept: listing messages, one message with its attachments
 * and whole text, the original bytes, an attachment's bytes, and the
 * sections the case brief and the digest show of it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cx/mail.h"
#include "cx/words.h"
#include "section.h"
#include "store/sql.h"

static const cx_col list_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "at", CX_T_TIME, 0, 0 },
	{ "direction", CX_T_TEXT, 0, 0 },
	{ "state", CX_T_TEXT, 0, 0 },
	{ "case_id", CX_T_INT, 0, 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "from", CX_T_TEXT, 0, 0 },
	{ "to", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "subject", CX_T_TEXT, CX_COL_WIDE, 0 },
	{ "attachments", CX_T_INT, 0, 0 },
	{ "reason", CX_T_TEXT, 0, 0 },
	{ "source", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "position", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "message_id", CX_T_TEXT, CX_COL_HIDE, 0 },
};

int cx_mail_list(cx_db *db, const cx_mail_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc;
	if (f->state && (rc = cx_words_check(cx_mail_states, "state", f->state, CX_EDATA, err)))
		return rc;
	cx_sqlbuf_add(&q, "SELECT * FROM (SELECT m.id, m.at, m.direction, m.state, m.case_id, m.customer_id, m.from_addr,"
			  " m.to_addrs, m.subject, (SELECT count(*) FROM attachments a WHERE a.message_id = m.id) AS files,"
			  " m.reason, m.source, m.position, m.msgid FROM messages m WHERE 1=1");
	if (f->state)
		cx_sqlbuf_add(&q, " AND m.state = ?1");
	if (f->case_id)
		cx_sqlbuf_add(&q, " AND m.case_id = ?2");
	if (f->customer_id)
		cx_sqlbuf_add(&q, " AND (m.customer_id = ?3 OR m.case_id IN (SELECT id FROM cases WHERE customer_id = ?3))");
	if (f->since)
		cx_sqlbuf_add(&q, " AND m.at >= ?4");
	/* with a limit: the latest N, still shown oldest first */
	cx_sqlbuf_add(&q, f->limit > 0 ? " ORDER BY m.at DESC, m.id DESC LIMIT ?5) AS s ORDER BY 2, 1"
				       : " ORDER BY m.at, m.id) AS s");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, f->state);
	cx_sql_bind_int(st, 2, f->case_id);
	cx_sql_bind_int(st, 3, f->customer_id);
	cx_sql_bind_int(st, 4, f->since);
	cx_sql_bind_int(st, 5, f->limit);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(list_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}

int cx_mail_find(cx_db *db, const char *ref, int64_t *id, cx_err *err)
{
	int rc;
	const char *p = ref + (ref[0] == '#');
	int digits = *p != '\0';
	for (const char *s = p; *s; s++)
		digits &= isdigit((unsigned char)*s) != 0;
	if (digits) {
		errno = 0;
		long long n = strtoll(p, NULL, 10);
		if (errno == ERANGE)
			return cx_fail(err, CX_EUSAGE, "\"%s\" is not a message number (too large)", ref);
		rc = cx_sql_get_int(db, 0, id, err, "SELECT id FROM messages WHERE id = ?1", CX_INT(n));
	} else if (strchr(ref, '@')) {
		/* a Message-ID, with or without its angle brackets */
		char *msgid = strdup(ref + (ref[0] == '<'));
		if (!msgid)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		size_t n = strlen(msgid);
		if (n && msgid[n - 1] == '>')
			msgid[n - 1] = '\0';
		rc = cx_sql_get_int(db, 0, id, err, "SELECT id FROM messages WHERE msgid = ?1", CX_TEXT(msgid));
		free(msgid);
	} else {
		return cx_fail(err, CX_EUSAGE, "\"%s\" is not a message number or a Message-ID", ref);
	}
	if (rc)
		return rc;
	return *id ? CX_OK : cx_fail(err, CX_ENOTFOUND, "no message %s (see cx mail list)", ref);
}

/* base64 text to bytes; NULL when there is none. */
static unsigned char *unbase64(const char *text, size_t *len)
{
	gsize n = 0;
	guchar *g = text ? g_base64_decode(text, &n) : NULL;
	unsigned char *out = g ? malloc(n ? n : 1) : NULL;
	if (out)
		memcpy(out, g, n);
	g_free(g);
	*len = out ? n : 0;
	return out;
}

int cx_mail_raw(cx_db *db, int64_t id, unsigned char **raw, size_t *len, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, "SELECT raw FROM messages WHERE id = ?1", CX_INT(id));
	*raw = NULL;
	*len = 0;
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW && !cx_sql_null(st, 0)) {
		*raw = unbase64(cx_sql_text(st, 0), len);
		rc = *raw ? CX_OK : cx_fail(err, CX_EINTERNAL, "out of memory");
	} else if (rc == CX_SQL_ROW) {
		rc = cx_fail(err, CX_ENOTFOUND, "message %lld: its bytes were not kept (too large, or erased)", (long long)id);
	} else if (rc == CX_SQL_DONE) {
		rc = cx_fail(err, CX_ENOTFOUND, "no message %lld (see cx mail list)", (long long)id);
	}
	cx_sql_finalize(st);
	return rc;
}

int cx_mail_attachment(cx_db *db, int64_t id, unsigned char **data, size_t *len, char *name, size_t name_size,
		       cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, "SELECT name, data FROM attachments WHERE id = ?1", CX_INT(id));
	*data = NULL;
	*len = 0;
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW && !cx_sql_null(st, 1)) {
		snprintf(name, name_size, "%s", cx_sql_text(st, 0));
		*data = unbase64(cx_sql_text(st, 1), len);
		rc = *data ? CX_OK : cx_fail(err, CX_EINTERNAL, "out of memory");
	} else if (rc == CX_SQL_ROW) {
		rc = cx_fail(err, CX_ENOTFOUND, "attachment %lld was erased", (long long)id);
	} else if (rc == CX_SQL_DONE) {
		rc = cx_fail(err, CX_ENOTFOUND, "no attachment %lld (cx mail show MESSAGE lists them)", (long long)id);
	}
	cx_sql_finalize(st);
	return rc;
}

int cx_mail_show(cx_db *db, int64_t id, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },	       { "direction", CX_T_TEXT, 0, 0 },   { "state", CX_T_TEXT, 0, 0 },
		{ "reason", CX_T_TEXT, 0, 0 },	       { "message_id", CX_T_TEXT, 0, 0 },  { "in_reply_to", CX_T_TEXT, 0, 0 },
		{ "references", CX_T_TEXT, 0, 0 },     { "from", CX_T_TEXT, 0, 0 },	   { "name", CX_T_TEXT, 0, 0 },
		{ "to", CX_T_TEXT, 0, 0 },	       { "subject", CX_T_TEXT, 0, 0 },	   { "date", CX_T_TIME, 0, 0 },
		{ "at", CX_T_TIME, 0, 0 },	       { "case_id", CX_T_INT, 0, 0 },	   { "customer_id", CX_T_INT, 0, 0 },
		{ "note_id", CX_T_INT, 0, 0 },	       { "source", CX_T_TEXT, 0, 0 },	   { "position", CX_T_TEXT, 0, 0 },
		{ "size", CX_T_INT, 0, 0 },	       { "sha256", CX_T_TEXT, 0, 0 },	   { "kept", CX_T_BOOL, 0, 0 },
	};
	static const cx_col file_cols[] = {
		{ "id", CX_T_INT, 0, 0 },   { "name", CX_T_TEXT, 0, 0 },   { "type", CX_T_TEXT, 0, 0 },
		{ "size", CX_T_INT, 0, 0 }, { "sha256", CX_T_TEXT, 0, 0 },
	};
	static const cx_col text_cols[] = { { "id", CX_T_INT, CX_COL_HIDE, 0 }, { "text", CX_T_TEXT, 0, 0 } };
	cx_stmt *st;
	int rc;

	/* the ids it answers, in order, as one text */
	GString *refs = g_string_new(NULL);
	if ((rc = cx_sql_query(db, &st, err, "SELECT msgid FROM message_refs WHERE message_id = ?1 ORDER BY position",
			       CX_INT(id)))) {
		g_string_free(refs, TRUE);
		return rc;
	}
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		g_string_append_printf(refs, "%s<%s>", refs->len ? " " : "", cx_sql_text(st, 0));
	cx_sql_finalize(st);
	if (rc < 0 || (rc = cx_sql_query(db, &st, err,
					 "SELECT id, direction, state, reason, msgid, in_reply_to, from_addr, from_name, to_addrs,"
					 " subject, sent_at, at, case_id, customer_id, note_id, source, position, size, sha256,"
					 " CASE WHEN raw IS NULL THEN 0 ELSE 1 END FROM messages WHERE id = ?1",
					 CX_INT(id)))) {
		g_string_free(refs, TRUE);
		return rc;
	}
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW) {
		cx_val v[21];
		for (int i = 0, k = 0; i < 21; i++)
			v[i] = i == 6 ? (refs->len ? CX_TEXTV(refs->str) : CX_NULLV) : cx_sql_val(st, k++);
		cx_out_begin(out, "message", NULL, CX_LAY_RECORD, CX_COLS(cols));
		cx_out_row(out, v);
		cx_out_end(out);
		rc = CX_OK;
	} else if (rc == CX_SQL_DONE) {
		rc = cx_fail(err, CX_ENOTFOUND, "no message %lld (see cx mail list)", (long long)id);
	}
	cx_sql_finalize(st);
	g_string_free(refs, TRUE);
	if (rc)
		return rc;
	if ((rc = cx_sql_query(db, &st, err,
			       "SELECT id, name, mime_type, size, sha256 FROM attachments WHERE message_id = ?1 ORDER BY position",
			       CX_INT(id))))
		return rc;
	cx_out_begin(out, "attachments", "Attachments", CX_LAY_TABLE, CX_COLS(file_cols));
	if ((rc = cx_sql_to_out(st, out, err)))
		return rc;
	cx_out_end(out);
	/* the whole text, quotes and all, read again from the original */
	unsigned char *raw;
	size_t len;
	cx_err e;
	if (cx_mail_raw(db, id, &raw, &len, &e) == CX_OK) {
		cx_mail m;
		if (cx_mail_parse((const char *)raw, len, &m, &e) == CX_OK) {
			cx_val v[] = { CX_INTV(id), CX_TEXTV(m.text) };
			cx_out_begin(out, "text", "Text", CX_LAY_LOG, CX_COLS(text_cols));
			cx_out_row(out, v);
			cx_out_end(out);
			cx_mail_free(&m);
		}
		free(raw);
	}
	return CX_OK;
}

int cx_mail_case_ask(cx_db *db, int64_t case_id, cx_asked *q, cx_err *err)
{
	return cx_ask(db, q,
		      "SELECT id, at, direction, state, CASE direction WHEN 'in' THEN from_addr ELSE to_addrs END,"
		      " subject, reason FROM messages WHERE case_id = ?1 ORDER BY at, id",
		      case_id, 0, err);
}

int cx_mail_case_show(cx_db *db, cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },	      { "at", CX_T_TIME, 0, 0 },      { "direction", CX_T_TEXT, 0, 0 },
		{ "state", CX_T_TEXT, CX_COL_HIDE, 0 }, { "from", CX_T_TEXT, 0, 0 }, { "subject", CX_T_TEXT, CX_COL_WIDE, 0 },
		{ "attachments", CX_T_TEXT, 0, 0 },   { "reason", CX_T_TEXT, CX_COL_HIDE, 0 },
	};
	cx_stmt *st = cx_asked_next(q), *files = NULL;
	int rc, began = 0;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		/* "#3 photo.jpg (10 KB), #4 receipt.pdf (7 KB)": the numbers cx mail attachment takes */
		GString *list = g_string_new(NULL);
		if (!files && (rc = cx_sql_prepare(db, "SELECT id, name, size, mime_type FROM attachments WHERE message_id = ?1"
						       " ORDER BY position", &files, err))) {
			g_string_free(list, TRUE);
			break;
		}
		cx_sql_reset(files);
		cx_sql_bind_int(files, 1, cx_sql_int(st, 0));
		while ((rc = cx_sql_step(files, err)) == CX_SQL_ROW) {
			char size[32];
			const char *name = cx_sql_text(files, 1);
			cx_mail_size_text(cx_sql_int(files, 2), size, sizeof size);
			g_string_append_printf(list, "%s#%lld %s (%s)", list->len ? ", " : "", (long long)cx_sql_int(files, 0),
					       name && name[0] ? name : cx_sql_text(files, 3), size);
		}
		if (rc < 0) {
			g_string_free(list, TRUE);
			break;
		}
		if (!began) {
			cx_out_begin(out, "mail", "Mail", CX_LAY_TABLE, CX_COLS(cols));
			began = 1;
		}
		cx_val v[] = { cx_sql_val(st, 0), cx_sql_val(st, 1), cx_sql_val(st, 2), cx_sql_val(st, 3), cx_sql_val(st, 4),
			       cx_sql_val(st, 5), list->len ? CX_TEXTV(list->str) : CX_NULLV, cx_sql_val(st, 6) };
		cx_out_row(out, v);
		g_string_free(list, TRUE);
	}
	cx_sql_finalize(files);
	cx_sql_finalize(st);
	/* a case without mail has no section: the brief stays as it was */
	if (began)
		cx_out_end(out);
	return rc < 0 ? rc : CX_OK;
}

int cx_mail_case_section(cx_db *db, int64_t case_id, cx_out *out, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_mail_case_ask(db, case_id, &q, err);
	if (rc == CX_OK)
		rc = cx_mail_case_show(db, &q, out, err);
	cx_asked_free(&q);
	return rc;
}

int cx_mail_report_section(cx_db *db, int64_t since, int64_t until, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "received", CX_T_INT, 0, 0 }, { "new_cases", CX_T_INT, 0, 0 }, { "replies_sent", CX_T_INT, 0, 0 },
		{ "skipped", CX_T_INT, 0, 0 },	{ "failed", CX_T_INT, 0, 0 },
	};
	static const char *const sql[] = {
		"SELECT count(*) FROM messages WHERE direction = 'in' AND state = 'imported' AND at >= ?1 AND at < ?2",
		("SELECT count(*) FROM cases WHERE channel = 'email' AND opened_at >= ?1 AND opened_at < ?2"
		 " AND EXISTS (SELECT 1 FROM messages m WHERE m.case_id = cases.id)"),
		"SELECT count(*) FROM messages WHERE direction = 'out' AND at >= ?1 AND at < ?2",
		"SELECT count(*) FROM messages WHERE state = 'skipped' AND at >= ?1 AND at < ?2",
		"SELECT count(*) FROM messages WHERE state = 'failed' AND added_at >= ?1 AND added_at < ?2",
	};
	int64_t n[5], any = 0;
	for (int i = 0; i < 5; i++) {
		int rc = cx_sql_get_int(db, 0, &n[i], err, sql[i], CX_INT(since), CX_INT(until));
		if (rc)
			return rc;
		any |= n[i];
	}

	if (!any)
		return CX_OK;
	cx_val v[] = { CX_INTV(n[0]), CX_INTV(n[1]), CX_INTV(n[2]), CX_INTV(n[3]), CX_INTV(n[4]) };
	cx_out_begin(out, "mail", "Mail", CX_LAY_RECORD, CX_COLS(cols));
	cx_out_row(out, v);
	cx_out_end(out);
	return CX_OK;
}
