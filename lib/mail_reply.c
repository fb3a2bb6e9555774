/*
 * Replies from cx: the message written (mail_compose.c: UTF-8 text and encoded
 * words, Date, a Message-ID at our domain, the thread's In-Reply-To and
 * References, "Re: <title> [cx #N]"), then kept as the case's public note
 * and an outgoing message, read back the way any other mail is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cx/mail.h"
#include "mail_impl.h"
#include "store/sql.h"

int cx_mail_send_check(const char *cmd, cx_err *err)
{
	gchar **argv = NULL;
	gint argc = 0;
	GError *e = NULL;
	if (!cmd[0])
		return CX_OK;
	if (!g_shell_parse_argv(cmd, &argc, &argv, &e)) {
		int rc = cx_fail(err, CX_EDATA, "cannot split \"%s\" into a command and its arguments: %s", cmd,
				 e ? e->message : "unknown error");
		g_clear_error(&e);
		return rc;
	}
	g_strfreev(argv);
	return CX_OK;
}

/* What the reply answers: the case, its customer, and the customer's latest mail on it. */
typedef struct thread {
	char *title, *name, *email;
	int64_t customer_id;
	int64_t latest;    /* the message; 0 when the customer never wrote on this case */
	char *latest_from; /* its sender */
	char *msgid;
	GString *refs;     /* "<a> <b>": its References and its own id */
} thread;

static void thread_free(thread *t)
{
	free(t->title);
	free(t->name);
	free(t->email);
	free(t->latest_from);
	free(t->msgid);
	if (t->refs)
		g_string_free(t->refs, TRUE);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int read_thread(cx_db *db, int64_t case_id, thread *t, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err,
			      "SELECT k.title, k.customer_id, c.name, c.email FROM cases k JOIN customers c ON c.id = k.customer_id"
			      " WHERE k.id = ?1",
			      CX_INT(case_id));
	memset(t, 0, sizeof *t);
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW) {
		t->title = dup_or_null(cx_sql_text(st, 0));
		t->customer_id = cx_sql_int(st, 1);
		t->name = dup_or_null(cx_sql_text(st, 2));
		t->email = dup_or_null(cx_sql_text(st, 3));
		rc = CX_OK;
	} else if (rc == CX_SQL_DONE) {
		rc = cx_fail(err, CX_ENOTFOUND, "no case %lld", (long long)case_id);
	}
	cx_sql_finalize(st);
	if (rc)
		return rc;
	rc = cx_sql_query(db, &st, err,
			  "SELECT id, from_addr, msgid FROM messages WHERE case_id = ?1 AND direction = 'in' AND state = 'imported'"
			  " ORDER BY at DESC, id DESC LIMIT 1",
			  CX_INT(case_id));
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW) {
		t->latest = cx_sql_int(st, 0);
		t->latest_from = dup_or_null(cx_sql_text(st, 1));
		t->msgid = dup_or_null(cx_sql_text(st, 2));
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	t->refs = g_string_new(NULL);
	if (!t->latest)
		return CX_OK;
	if ((rc = cx_sql_query(db, &st, err, "SELECT msgid FROM message_refs WHERE message_id = ?1 ORDER BY position",
			       CX_INT(t->latest))))
		return rc;
	while
 ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		g_string_append_printf(t->refs, "%s<%s>", t->refs->len ? " " : "", cx_sql_text(st, 0));
	cx_sql_finalize(st);
	if (t->msgid)
		g_string_append_printf(t->refs, "%s<%s>", t->refs->len ? " " : "", t->msgid);
	return rc < 0 ? rc : CX_OK;
}

/* Where the answer goes: the Reply-To of the customer's latest mail, else its sender. */
static char *answer_address(cx_db *db, const thread *t)
{
	unsigned char *raw;
	size_t len;
	cx_err e;
	if (!t->latest || cx_mail_raw(db, t->latest, &raw, &len, &e) != CX_OK)
		return dup_or_null(t->latest_from ? t->latest_from : t->email);
	cx_mail m;
	char *to = NULL;
	if (cx_mail_parse((const char *)raw, len, &m, &e) == CX_OK) {
		to = dup_or_null(m.reply_to);
		cx_mail_free(&m);
	}
	free(raw);
	return to ? to : dup_or_null(t->latest_from ? t->latest_from : t->email);
}

int cx_mail_reply(cx_db *db, const cx_mail_config *c, const cx_mail_reply_in *in, cx_mail_reply_out *out, cx_err *err)
{
	thread t;
	int rc;

	memset(out, 0, sizeof *out);
	if (!cx_db_in_transaction(db))
		return cx_fail(err, CX_EINTERNAL, "a reply is recorded inside a transaction its caller began");
	if (!c->ours || !c->ours[0])
		return cx_fail(err, CX_ENOTFOUND,
			       "mail.address is not set: say which address replies come from (cx config set mail.address support@example.com)");
	if (!in->body || !in->body[strspn(in->body, " \t\r\n")])
		return cx_fail(err, CX_EDATA, "the reply is empty (give it with " CX_FIELD_ARG("body") ")");
	if ((rc = read_thread(db, in->case_id, &t, err))) {
		thread_free(&t);
		return rc;
	}
	char *to = NULL;
	if (in->to) {
		char **addrs;
		if ((rc = cx_mail_addresses(in->to, &addrs, NULL, err))) {
			thread_free(&t);
			return rc;
		}
		to = strdup(addrs[0]);
		cx_mail_strv_free(addrs);
	} else {
		to = answer_address(db, &t);
	}
	if (!to) {
		rc = cx_fail(err, CX_EDATA, "case %lld: %s has no address to write to (give " CX_FIELD_ARG("to")
					    ", or cx customer edit %lld " CX_FIELD("email") " ...)",
			     (long long)in->case_id, t.name ? t.name : "the customer", (long long)t.customer_id);
		thread_free(&t);
		return rc;
	}
	snprintf(out->to, sizeof out->to, "%s", to);

	/* the message */
	int64_t now = cx_db_now(db);
	const char *domain = strchr(c->ours[0], '@') + 1;
	char *subject = malloc(strlen(t.title ? t.title : "") + 40);
	if (subject)
		sprintf(subject, "Re: %s [cx #%lld]", t.title ? t.title : "", (long long)in->case_id);
	cx_mail_draft d = {
		.from_name = c->our_name,
		.from_addr = c->ours[0],
		.to_name = !strcmp(to, t.email ? t.email : "") || (t.latest_from && !strcmp(to, t.latest_from)) ? t.name : NULL,
		.to_addr = to,
		.subject = subject,
		.date = now,
		.domain = domain,
		.in_reply_to = t.msgid,
		.references = t.msgid ? t.refs->str : NULL,
		.body = in->body,
	};
	out->raw = subject ? cx_mail_compose(&d, err) : NULL;
	free(subject);
	if (!out->raw) {
		rc = subject ? err->code : cx_fail(err, CX_EINTERNAL, "out of memory");
		goto fail;
	}
	out->len = out->raw ? strlen(out->raw) : 0;

	/* kept as any mail is kept: read back from its own bytes */
	cx_mail m;
	cx_mail_msg raw = { .raw = out->raw, .len = out->len, .file = NULL, .position = "" };
	cx_err why = { 0 };
	if (cx_mail_parse(out->raw, out->len, &m, &why)) {
		rc = cx_fail(err, CX_EINTERNAL, "the reply cx wrote does not read back: %s", why.msg);
		goto fail;
	}
	rc = cx_mail_record(db, &m, &raw, "out", now, t.customer_id, in->case_id, &out->message, err);
	cx_mail_free(&m);
	if (rc || (rc = cx_mail_note(db, out->message, in->case_id, 1, in->body, now, &out->note_id, err)))
		goto fail;
	free(to);
	thread_free(&t);
	return CX_OK;
fail:
	free(out->raw);
	out->raw = NULL;
	free(to);
	thread_free(&t);
	return rc;
}
