/*
 * Replies from cx: the message built with GMime (UTF-8 text and encoded
 * words, Date, a Message-ID at our domain, the thread's In-Reply-To and
 * References, "Re: <title> [cx #N]"), then kept as the case's public note
 * and an outgoing message, read back the way any other mail is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "cx/mail.h"
#include "mail_impl.h"
#include "sql.h"

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
	int rc = cx_sql_prepare(db,
				"SELECT k.title, k.customer_id, c.name, c.email FROM cases k JOIN customers c ON c.id = k.customer_id"
				" WHERE k.id = ?1",
				&st, err);
	memset(t, 0, sizeof *t);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, case_id);
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
	rc = cx_sql_prepare(db,
			    "SELECT id, from_addr, msgid FROM messages WHERE case_id = ?1 AND direction = 'in' AND state = 'imported'"
			    " ORDER BY at DESC, id DESC LIMIT 1",
			    &st, err);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, case_id);
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
	if ((rc = cx_sql_prepare(db, "SELECT msgid FROM message_refs WHERE message_id = ?1 ORDER BY position", &st, err)))
		return rc;
	cx_sql_bind_int(st, 1, t->latest);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
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

static void add_mailbox(InternetAddressList *list, const char *name, const char *addr)
{
	InternetAddress *a = internet_address_mailbox_new(name, addr);
	internet_address_set_charset(a, "utf-8");
	internet_address_list_add(list, a);
	g_object_unref(a);
}

/* The body: UTF-8, in the transfer encoding that keeps it 7-bit (quoted-printable or base64 when it needs one). */
static GMimeObject *text_part(const char *body)
{
	size_t n = strlen(body);
	GString *b = g_string_new_len(body, (gssize)n);
	if (!n || body[n - 1] != '\n')
		g_string_append_c(b, '\n');
	GMimePart *part = GMIME_PART(g_mime_text_part_new_with_subtype("plain"));
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(b->str, b->len);
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, w);
	g_object_unref(w);
	g_object_unref(st);
	g_string_free(b, TRUE);
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "utf-8");
	g_mime_part_set_content_encoding(part, g_mime_part_get_best_content_encoding(part, GMIME_ENCODING_CONSTRAINT_7BIT));
	return GMIME_OBJECT(part);
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
		return cx_fail(err, CX_EDATA, "the reply is empty (give it with -m TEXT, --template NAME or --edit)");
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
		rc = cx_fail(err, CX_EDATA, "case %lld: %s has no address to write to (give --to ADDRESS, or cx customer edit %lld --email ...)",
			     (long long)in->case_id, t.name ? t.name : "the customer", (long long)t.customer_id);
		thread_free(&t);
		return rc;
	}
	snprintf(out->to, sizeof out->to, "%s", to);

	/* the message */
	int64_t now = cx_db_now(db);
	const char *domain = strchr(c->ours[0], '@') + 1;
	GMimeMessage *msg = g_mime_message_new(TRUE);
	add_mailbox(g_mime_message_get_from(msg), c->our_name, c->ours[0]);
	add_mailbox(g_mime_message_get_to(msg), !strcmp(to, t.email ? t.email : "") || (t.latest_from && !strcmp(to, t.latest_from)) ? t.name : NULL,
		    to);
	char *subject = g_strdup_printf("Re: %s [cx #%lld]", t.title ? t.title : "", (long long)in->case_id);
	g_mime_message_set_subject(msg, subject, "utf-8");
	g_free(subject);
	GDateTime *date = g_date_time_new_from_unix_utc(now);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	char *id = g_mime_utils_generate_message_id(domain);
	g_mime_message_set_message_id(msg, id);
	g_free(id);
	if (t.msgid) {
		char *irt = g_strdup_printf("<%s>", t.msgid);
		g_mime_object_set_header(GMIME_OBJECT(msg), "In-Reply-To", irt, NULL);
		g_free(irt);
		g_mime_object_set_header(GMIME_OBJECT(msg), "References", t.refs->str, NULL);
	}
	GMimeObject *body = text_part(in->body);
	g_mime_message_set_mime_part(msg, body);
	g_object_unref(body);
	out->raw = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	g_object_unref(msg);
	out->len = out->raw ? strlen(out->raw) : 0;

	/* kept as any mail is kept: read back from its own bytes */
	cx_mail m;
	cx_mail_msg raw = { .raw = out->raw, .len = out->len, .file = NULL, .position = "" };
	cx_err why = { 0 };
	if (!out->raw || cx_mail_parse(out->raw, out->len, &m, &why)) {
		rc = cx_fail(err, CX_EINTERNAL, "the reply cx wrote does not read back: %s", out->raw ? why.msg : "out of memory");
		goto fail;
	}
	rc = cx_mail_record(db, &m, &raw, "out", now, t.customer_id, in->case_id, &out->message, err);
	cx_mail_free(&m);
	if (rc || (rc = cx_mail_note(db, out->message, in->case_id, 1, in->body, now, &out->note_id, err)))
		goto fail;
	free(to);
	thread_free(&t);
	/* the caller frees with free(): GMime's string is g_malloc'd */
	char *copy = malloc(out->len + 1);
	if (!copy) {
		g_free(out->raw);
		out->raw = NULL;
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	memcpy(copy, out->raw, out->len + 1);
	g_free(out->raw);
	out->raw = copy;
	return CX_OK;
fail:
	g_free(out->raw);
	out->raw = NULL;
	free(to);
	thread_free(&t);
	return rc;
}
