/*
 * Filing mail: one message into the case it belongs to. Threading by the
 * ids it answers first, then by the [cx #N] token only from that case's
 * customer, else a new case; the sender found or added as a customer;
 * machines' mail recorded and left alone; the original bytes and the
 * attachments kept; the note written with quotes folded away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "case_impl.h"
#include "cx/case.h"
#include "cx/customer.h"
#include "cx/date.h"
#include "cx/event.h"
#include "cx/mail.h"
#include "cx/setting.h"
#include "mail_impl.h"
#include "store/sql.h"


enum { NOTE_MAX = 900000 };

/*
 * Whether a message's time (its Date, or when it was delivered; 0 when
 * unknown) can be when it happened: from 1970 to a day after the clock, as
 * every time that happened in cx (cx_date_check).
 */
static int plausible(int64_t t, int64_t now)
{
	cx_err e;
	return t != 0 && cx_date_check("", t, now, 1, &e) == CX_OK;
}

int cx_mail_config_load(cx_db *db, cx_mail_config *c, cx_err *err)
{
	char v[4096];
	int rc;
	memset(c, 0, sizeof *c);
	if ((rc = cx_setting_get(db, "mail.address", v, sizeof v, err)))
		return rc;
	if (v[0] && (rc = cx_mail_addresses(v, &c->ours, &c->our_name, err)))
		return rc;
	if (!c->ours && !(c->ours = calloc(1, sizeof *c->ours)))
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	if ((rc = cx_setting_get(db, "mail.max-size", v, sizeof v, err)) || (rc = cx_mail_size_parse(v, &c->max_size, err)) ||
	    (rc = cx_setting_get(db, "mail.send", c->send, sizeof c->send, err))) {
		cx_mail_config_free(c);
		return rc;
	}
	return CX_OK;
}

void cx_mail_config_free(cx_mail_config *c)
{
	cx_mail_strv_free(c->ours);
	free(c->our_name);
	memset(c, 0, sizeof *c);
}

static int is_ours(const cx_mail_config *c, const char *addr)
{
	for (char **p = c->ours; addr && p && *p; p++)
		if (!strcmp(*p, addr))
			return 1;
	return 0;
}

/* ---- the statements of the hot path, prepared once per handle ---- */

static const char SQL_BY_MSGID[] = "SELECT id, state FROM messages WHERE msgid = ?1";
static const char SQL_BY_SHA[] = "SELECT id, state FROM messages WHERE sha256 = ?1";
static const char SQL_PARENT[] = "SELECT case_id FROM messages WHERE msgid = ?1 AND case_id IS NOT NULL";
/* a message that answers this one, filed before it (mail read out of order) */
static const char SQL_CHILD[] = "SELECT m.case_id FROM message_refs r JOIN messages m ON m.id = r.message_id"
				" WHERE r.msgid = ?1 AND m.case_id IS NOT NULL AND m.state = 'imported'"
				" ORDER BY m.at, m.id LIMIT 1";
static const char SQL_INSERT[] =
	"INSERT INTO messages (direction, state, reason, msgid, in_reply_to, sha256, from_addr, from_name, to_addrs,"
	" subject, sent_at, at, customer_id, case_id, source, position, size, raw, added_by, added_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) RETURNING id";
static const char SQL_REF[] = "INSERT INTO message_refs (message_id, position, msgid) VALUES (?1, ?2, ?3)";
static const char SQL_FILE[] = "INSERT INTO attachments (message_id, position, name, mime_type, size, sha256, data)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_NOTE_LINK[] = "UPDATE messages SET note_id = ?2 WHERE id = ?1";
static const char SQL_CASE[] = "SELECT customer_id, status, coalesce(closed_at, resolved_at, updated_at) FROM cases"
			       " WHERE id = ?1";

/* One integer from a cached statement with one text parameter (0 when no row). */
static int lookup(cx_db *db, const char *sql, const char *v, int64_t *out, char *state, size_t state_size, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_cached(db, sql, &st, err);
	*out = 0;
	if (rc)
		return rc;
	cx_sql_bind_text_static(st, 1, v);
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW) {
		*out = cx_sql_int(st, 0);
		if (state)
			snprintf(state, state_size, "%s", cx_sql_text(st, 1));
	}
	cx_sql_release(st);
	return rc < 0 ? rc : CX_OK;
}

/* What a message row holds besides its text and files. */
typedef struct row {
	const char *direction, *state, *reason;
	const cx_mail *m;
	const cx_mail_msg *msg;
	const char *sha256;
	int64_t at, customer_id, case_id;
	int keep_raw;
} row;

static int insert_row(cx_db *db, const row *w, int64_t *id, cx_err *err)
{
	cx_stmt *st;
	gchar *raw = w->keep_raw ? g_base64_encode((const guchar *)w->msg->raw, w->msg->len) : NULL;
	int rc = cx_sql_cached(db, SQL_INSERT, &st, err);
	if (rc) {
		g_free(raw);
		return rc;
	}
	const cx_mail *m = w->m;
	cx_sql_bind_text_static(st, 1, w->direction);
	cx_sql_bind_text_static(st, 2, w->state);
	cx_sql_bind_text_static(st, 3, w->reason);
	cx_sql_bind_text_static(st, 4, m ? m->msgid : NULL);
	cx_sql_bind_text_static(st, 5, m ? m->in_reply_to : NULL);
	cx_sql_bind_text_static(st, 6, w->sha256);
	cx_sql_bind_text_static(st, 7, m ? m->from_addr : NULL);
	cx_sql_bind_text_static(st, 8, m && m->from_name && m->from_name[0] ? m->from_name : NULL);
	cx_sql_bind_text_static(st, 9, m && m->to && m->to[0] ? m->to : NULL);
	cx_sql_bind_text_static(st, 10, m ? m->subject : NULL);
	if (m && m->date)
		cx_sql_bind_int(st, 11, m->date);
	else
		cx_sql_bind_null(st, 11);
	cx_sql_bind_int(st, 12, w->at);
	cx_sql_bind_id(st, 13, w->customer_id);
	cx_sql_bind_id(st, 14, w->case_id);
	cx_sql_bind_text_static(st, 15, w->msg->file);
	cx_sql_bind_text_static(st, 16, w->msg->position && w->msg->position[0] ? w->msg->position : NULL);
	cx_sql_bind_int(st, 17, (int64_t)w->msg->len);
	cx_sql_bind_text_static(st, 18, raw);
	cx_sql_bind_text_static(st, 19, cx_db_actor(db));
	cx_sql_bind_int(st, 20, cx_db_now(db));
	rc = cx_sql_step(st, err);
	*id = rc == CX_SQL_ROW ? cx_sql_int(st, 0) : 0;
	cx_sql_release(st);
	g_free(raw);
	return rc < 0 ? rc : CX_OK;
}

static int insert_refs(cx_db *db, int64_t id, const cx_mail *m, cx_err *err)
{
	for (int i = 0; i < m->nrefs; i++) {
		cx_stmt *st;
		int rc = cx_sql_cached(db, SQL_REF, &st, err);
		if (rc)
			return rc;
		cx_sql_bind_int(st, 1, id);
		cx_sql_bind_int(st, 2, i);
		cx_sql_bind_text_static(st, 3, m->refs[i]);
		rc = cx_sql_step(st, err);
		cx_sql_release(st);
		if (rc < 0)
			return rc;
	}
	return CX_OK;
}

static int insert_files(cx_db *db, int64_t id, const cx_mail *m, cx_err *err)
{
	for (int i = 0; i < m->nfiles; i++) {
		const cx_mail_file *f = &m->files[i];
		cx_stmt *st;
		int rc = cx_sql_cached(db, SQL_FILE, &st, err);
		if (rc)
			return rc;
		gchar *data = g_base64_encode(f->data, f->size);
		cx_sql_bind_int(st, 1, id);
		cx_sql_bind_int(st, 2, i);
		cx_sql_bind_text_static(st, 3, f->name);
		cx_sql_bind_text_static(st, 4, f->type);
		cx_sql_bind_int(st, 5, (int64_t)f->size);
		cx_sql_bind_text_static(st, 6, f->sha256);
		cx_sql_bind_text_static(st, 7, data);
		rc = cx_sql_step(st, err);
		cx_sql_release(st);
		g_free(data);
		if (rc < 0)
			return rc;
	}
	return CX_OK;
}

/* The case an earlier message it answers is on; else one a later message answering it is on. */
static int thread_case(cx_db *db, const cx_mail *m, int64_t *case_id, cx_err *err)
{
	int rc;
	*case_id = 0;
	/* the nearest first: In-Reply-To, then References from the newest back */
	if (m->in_reply_to && (rc = lookup(db, SQL_PARENT, m->in_reply_to, case_id, NULL, 0, err)))
		return rc;
	for (int i = m->nrefs; !*case_id && i-- > 0;)
		if ((rc = lookup(db, SQL_PARENT, m->refs[i], case_id, NULL, 0, err)))
			return rc;
	if (!*case_id && m->msgid && (rc = lookup(db, SQL_CHILD, m->msgid, case_id, NULL, 0, err)))
		return rc;
	return CX_OK;
}

typedef struct case_row {
	int64_t customer_id;
	char status[16];
	int64_t since; /* closed, resolved, or last changed */
} case_row;

static int read_case(cx_db *db, int64_t id, case_row *k, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_cached(db, SQL_CASE, &st, err);
	memset(k, 0, sizeof *k);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, id);
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW) {
		k->customer_id = cx_sql_int(st, 0);
		snprintf(k->status, sizeof k->status, "%s", cx_sql_text(st, 1));
		k->since = cx_sql_int(st, 2);
	}
	cx_sql_release(st);
	return rc < 0 ? rc : CX_OK;
}

/* A customer as the case's: merged ones lead to the one they were merged into. */
static int same_customer(cx_db *db, int64_t a, int64_t b, int *same, cx_err *err)
{
	int64_t ra = a, rb = b;
	int rc;
	static const char sql[] = "SELECT coalesce(merged_into, id) FROM customers WHERE id = ?1";
	if (a == b) {
		*same = a != 0;
		return CX_OK;
	}
	for (int side = 0; side < 2; side++)
		if ((rc = cx_sql_get_int(db, 0, side ? &rb : &ra, err, sql, CX_INT(side ? b : a))))
			return rc;
	*same = ra && ra == rb;
	return CX_OK;
}

/* The sender as a customer: found by address, or added with the name the mail gives. */
static int sender(cx_db *db, const cx_mail *m, int64_t at, int64_t *id, cx_err *err)
{
	char email[256];
	cx_err e;
	int rc = cx_customer_by_email(db, m->from_addr, id, &e);
	if (rc == CX_OK)
		return CX_OK;
	if (rc != CX_ENOTFOUND) {
		*err = e;
		return rc;
	}
	if ((rc = cx_email_normalize(m->from_addr, email, sizeof email, err)))
		return rc;
	/* lower-cased whole: the same person writes Dana@ and dana@ */
	for (char *p = email; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	char name[256];
	if (m->from_name && m->from_name[0])
		snprintf(name, sizeof name, "%s", m->from_name);
	else
		snprintf(name, sizeof name, "%.*s", (int)strcspn(email, "@"), email);
	cx_customer_in in = { .name = name, .email = email, .at = at };
	return cx_customer_add(db, &in, id, err);
}

/* The note: who wrote it when it is not the case's customer, the text, the files, what was folded. */
static char *note_body(const cx_mail *m, int64_t message, int show_sender, int *folded)
{
	GString *b = g_string_new(NULL);
	if (show_sender) {
		if (m->from_name[0])
			g_string_append_printf(b, "From: %s <%s>\n\n", m->from_name, m->from_addr);
		else
			g_string_append_printf(b, "From: %s\n\n", m->from_addr);
	}
	char *text = cx_mail_fold(m->text, m->forward, folded);
	if (text && text[strspn(text, " \t\n")]) {
		size_t n = strlen(text);
		if (n > NOTE_MAX) {
			n = NOTE_MAX;
			while (n && ((unsigned char)text[n] & 0xc0) == 0x80)
				n--;
			*folded = 1;
		}
		g_string_append_len(b, text, (gssize)n);
	} else {
		g_string_append(b, "(no text)");
	}
	free(text);
	for (int i = 0; i < m->nfiles; i++) {
		char size[32];
		cx_mail_size_text((int64_t)m->files[i].size, size, sizeof size);
		g_string_append_printf(b, "%s%s (%s)", i ? ", " : "\n\nAttachments: ",
				       m->files[i].name[0] ? m->files[i].name : m->files[i].type, size);
	}
	if (*folded)
		g_string_append_printf(b, "\n\n(quoted mail and signature folded away; all of it: cx mail show %lld)", (long long)message);
	return g_string_free(b, FALSE);
}

/* on-mail: the message, its case and customer, as one JSON object (the case and customer as other hooks have them). */
static int hook(cx_db *db, const cx_mail *m, const cx_mail_result *r, int64_t at, cx_err *err)
{
	static const char sql[] = "SELECT k.title, k.status, k.priority, k.channel, k.stage, k.owner, k.outcome, k.opened_at,"
				  " c.id, c.name, c.email, c.phone, c.handle FROM cases k"
				  " JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1";
	char when[CX_TIME_BUF], now[CX_TIME_BUF], opened[CX_TIME_BUF];
	cx_stmt *st;
	int rc;
	if (!cx_db_hook_room(db, "on-mail"))
		return CX_OK;
	if ((rc = cx_sql_query(db, &st, err, sql, CX_INT(r->case_id))))
		return rc;
	if ((rc = cx_sql_step(st, err)) != CX_SQL_ROW) {
		cx_sql_finalize(st);
		return rc < 0 ? rc : CX_OK;
	}
	cx_time_iso(at, when);
	cx_time_iso(cx_db_now(db), now);
	cx_time_iso(cx_sql_int(st, 7), opened);
	json_t *files = json_array();
	for (int i = 0; i < m->nfiles; i++)
		json_array_append_new(files, json_pack("{s:s, s:s, s:I}", "name", m->files[i].name, "type", m->files[i].type,
						       "size", (json_int_t)m->files[i].size));
	json_t *ev = json_pack(
		"{s:s, s:s, s:s, s:b, s:b,"
		" s:{s:I, s:s?, s:s, s:s?, s:s, s:s, s:o},"
		" s:{s:I, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s},"
		" s:{s:I, s:s, s:s?, s:s?, s:s?}}",
		"event", "mail.in", "actor", cx_db_actor(db), "at", now, "new_case", r->action == CX_MAIL_NEW_CASE, "reopened",
		r->reopened,
		"message", "id", (json_int_t)r->message, "message_id", m->msgid, "from", m->from_addr, "name",
		m->from_name[0] ? m->from_name : NULL, "subject", m->subject, "date", when, "attachments", files,
		"case", "id", (json_int_t)r->case_id, "title", cx_sql_text(st, 0), "status", cx_sql_text(st, 1), "priority",
		cx_sql_text(st, 2), "channel", cx_sql_text(st, 3), "stage", cx_sql_text(st, 4), "owner", cx_sql_text(st, 5),
		"outcome", cx_sql_text(st, 6), "opened_at", opened,
		"customer", "id", (json_int_t)cx_sql_int(st, 8), "name", cx_sql_text(st, 9), "email", cx_sql_text(st, 10),
		"phone", cx_sql_text(st, 11), "handle", cx_sql_text(st, 12));
	cx_sql_finalize(st);
	char *json = ev ? json_dumps(ev, JSON_COMPACT) : NULL;
	json_decref(ev);
	if (!json)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	cx_db_hook(db, "on-mail", json);
	free(json);
	return CX_OK;
}

int cx_mail_record(cx_db *db, const cx_mail *m, const cx_mail_msg *msg, const char *direction, int64_t at,
		   int64_t customer_id, int64_t case_id, int64_t *id, cx_err *err)
{
	row w = { .direction = direction, .state = "imported", .m = m, .msg = msg, .sha256 = m->sha256, .at = at,
		  .customer_id = customer_id, .case_id = case_id, .keep_raw = 1 };
	int rc;
	if ((rc = insert_row(db, &w, id, err)) || (rc = insert_refs(db, *id, m, err)))
		return rc;
	return insert_files(db, *id, m, err);
}

int cx_mail_note(cx_db *db, int64_t message, int64_t case_id, int public_, const char *body, int64_t at, int64_t *note_id,
		 cx_err *err)
{
	cx_note_in note = { .case_id = case_id, .public_ = public_, .kind = "email", .body = body, .at = at };
	cx_stmt *st;
	char mid[32];
	int rc;
	if ((rc = cx_case_note_insert(db, &note, note_id, err)) || (rc = cx_sql_cached(db, SQL_NOTE_LINK, &st, err)))
		return rc;
	cx_sql_bind_int(st, 1, message);
	cx_sql_bind_int(st, 2, *note_id);
	rc = cx_sql_step(st, err);
	cx_sql_release(st);
	if (rc < 0)
		return rc;
	snprintf(mid, sizeof mid, "%lld", (long long)message);
	if ((rc = cx_event_log(db, "case", case_id, "mail", *note_id, at, err, "direction", public_ ? "out" : "in", "message", mid,
			       NULL)))
		return rc;
	/* a public note from us: the case is being worked on, as when someone answers with cx note add --public */
	return public_ ? cx_case_answered(db, case_id, at, err) : CX_OK;
}

static void set_result(cx_mail_result *r, const cx_mail *m, cx_mail_action a)
{
	r->action = a;
	if (!m)
		return;
	snprintf(r->from, sizeof r->from, "%s", m->from_addr ? m->from_addr : "");
	snprintf(r->subject, sizeof r->subject, "%s", m->subject ? m->subject : "");
}

/*
 * The message taken apart into m (its SHA-256 at least); *parsed when it
 * could be read, else why says what is wrong with it: larger than
 * mail.max-size, or not a message. No memory or no MIME module is the
 * import's own failure.
 */
static int take_apart(const cx_mail_config *c, const cx_mail_msg *msg, cx_mail *m, int *parsed, cx_err *why, cx_err *err)
{
	*parsed = 0;
	if ((int64_t)msg->len > c->max_size) {
		char size[32], limit[32];
		memset(m, 0, sizeof *m);
		cx_mail_sha256(msg->raw, msg->len, m->sha256);
		cx_mail_size_text((int64_t)msg->len, size, sizeof size);
		cx_mail_size_text(c->max_size, limit, sizeof limit);
		cx_fail(why, CX_EDATA, "too large: %s, over mail.max-size (%s); raise it with cx config set mail.max-size, then import again",
			size, limit);
		return CX_OK;
	}
	int rc = cx_mail_parse(msg->raw, msg->len, m, why);
	if (rc != CX_OK && rc != CX_EDATA)
		return cx_fail(err, rc, "%s", why->msg);
	*parsed = rc == CX_OK;
	return CX_OK;
}

/*
 * The same message again, by its Message-ID or its bytes: *present when cx
 * holds it (r says so). One that failed before is tried anew: its row goes.
 */
static int seen_before(cx_db *db, const cx_mail *m, int parsed, cx_mail_result *r, int *present, cx_err *err)
{
	int64_t existing = 0;
	char state[16] = "";
	int rc;


	*present = 0;
	if (parsed && m->msgid && (rc = lookup(db, SQL_BY_MSGID, m->msgid, &existing, state, sizeof state, err)))
		return rc;
	if (!existing && (rc = lookup(db, SQL_BY_SHA, m->sha256, &existing, state, sizeof state, err)))
		return rc;
	if (!existing)
		return CX_OK;
	if (strcmp(state, "failed") || !parsed) {
		r->message = existing;
		set_result(r, parsed ? m : NULL, CX_MAIL_PRESENT);
		*present = 1;
		return CX_OK;
	}
	return cx_sql_do(db, err, "DELETE FROM messages WHERE id = ?1", CX_INT(existing));

}

/* A new case's title: the subject as cx_mail_subject_clean leaves it, else the text's first line, cut at 80 bytes. */
static void case_title(const cx_mail *m, char *title, size_t size)
{
	cx_mail_subject_clean(m->subject, title, size);
	if (title[0])
		return;
	int f;
	char *t = cx_mail_fold(m->text, m->forward, &f);
	snprintf(title, size, "%s", t && t[strspn(t, " \t\n")] ? t + strspn(t, " \t\n") : "(no subject)");
	free(t);
	title[strcspn(title, "\r\n")] = '\0';
	if (strlen(title) > 80) {
		size_t n = 80;
		while (n && ((unsigned char)title[n] & 0xc0) == 0x80)
			n--;
		title[n] = '\0';
	}
}

int cx_mail_import(cx_db *db, const cx_mail_config *c, const cx_mail_msg *msg, cx_mail_result *r, cx_err *err)
{
	cx_mail m;
	cx_err why = { 0 };
	int64_t now = cx_db_now(db);
	int rc, parsed, present;

	memset(r, 0, sizeof *r);
	if (!cx_db_in_transaction(db))
		return cx_fail(err, CX_EINTERNAL, "mail is filed inside a transaction its caller began");
	/*
	 * When it counts (its note, the case it opens, the service clocks): its
	 * Date; else, when that is missing or absurd (1901, 2099), when it was
	 * delivered (the mbox's From line, the Maildir name's time); else now,
	 * as it is read. The Date itself is kept as written (sent_at, the bytes).
	 */
	row w = { .direction = "in", .msg = msg, .at = plausible(msg->delivered, now) ? msg->delivered : now };
	/* a message that cannot be read is kept aside */
	if ((rc = take_apart(c, msg, &m, &parsed, &why, err)))
		return rc;
	w.sha256 = m.sha256;
	if ((rc = seen_before(db, &m, parsed, r, &present, err)) || present)
		goto out;
	if (!parsed) {
		w.state = "failed";
		w.reason = why.msg;
		w.keep_raw = (int64_t)msg->len <= c->max_size;
		set_result(r, NULL, CX_MAIL_FAILED);
		snprintf(r->reason, sizeof r->reason, "%s", why.msg);
		rc = insert_row(db, &w, &r->message, err);
		goto done;
	}
	w.m = &m;
	w.keep_raw = 1;
	if (plausible(m.date, now))
		w.at = m.date;
	else
		r->redated = m.date != 0;
	set_result(r, &m, CX_MAIL_SKIPPED);
	if (m.machine) {
		/* kept with the case it is about, when it answers one; never a note, never an answer */
		w.state = "skipped";
		w.reason = m.machine;
		snprintf(r->reason, sizeof r->reason, "%s", m.machine);
		if ((rc = thread_case(db, &m, &w.case_id, err)) || (rc = insert_row(db, &w, &r->message, err)) ||
		    (rc = insert_refs(db, r->message, &m, err)))
			goto out;
		r->case_id = w.case_id;
		goto done;
	}
	char email[256];
	cx_err bad;
	if (!m.from_addr || cx_email_normalize(m.from_addr, email, sizeof email, &bad) != CX_OK) {
		w.state = "failed";
		snprintf(r->reason, sizeof r->reason, "From: %s is not an address a customer can have",
			 m.from_addr && m.from_addr[0] ? m.from_addr : "(none)");
		w.reason = r->reason;
		r->action = CX_MAIL_FAILED;
		rc = insert_row(db, &w, &r->message, err);
		goto done;
	}
	int ours = is_ours(c, m.from_addr);
	case_row k;
	if ((rc = thread_case(db, &m, &w.case_id, err)))
		goto out;
	if (w.case_id)
		r->action = ours ? CX_MAIL_OURS : CX_MAIL_THREAD;
	if (ours) {
		/* our own mail (a Sent folder, a copy to ourselves): the answer on the case it answers */
		int64_t token = cx_mail_token(m.subject);
		if (!w.case_id && token && (rc = read_case(db, token, &k, err)) == CX_OK && k.customer_id)
			w.case_id = token;
		if (rc)
			goto out;
		if (!w.case_id) {
			w.state = "skipped";
			w.reason = "from our own address, and it answers no mail cx holds";
			snprintf(r->reason, sizeof r->reason, "%s", w.reason);
			if ((rc = insert_row(db, &w, &r->message, err)) || (rc = insert_refs(db, r->message, &m, err)))
				goto out;
			goto done;
		}
		r->action = CX_MAIL_OURS;
	}
	if (!ours && (rc = sender(db, &m, w.at, &r->customer_id, err)))
		goto out;
	if (!ours && !w.case_id) {
		/* a token counts only from the case's own customer: anyone can type [cx #12] */
		int64_t token = cx_mail_token(m.subject);
		int same = 0;
		if (token && (rc = read_case(db, token, &k, err)))
			goto out;
		if (token && k.customer_id && (rc = same_customer(db, k.customer_id, r->customer_id, &same, err)))
			goto out;
		if (same) {
			w.case_id = token;
			r->action = CX_MAIL_TOKEN;
		}
	}
	if (!w.case_id) {
		char title[501];
		case_title(&m, title, sizeof title);
		cx_case_in in = { .customer_id = r->customer_id, .title = title, .channel = "email", .at = w.at };
		if ((rc = cx_case_open(db, &in, &w.case_id, err)))
			goto out;
		r->action = CX_MAIL_NEW_CASE;
	}
	if ((rc = cx_db_lock_case(db, w.case_id, err)) || (rc = read_case(db, w.case_id, &k, err)))
		goto out;
	if (ours)
		r->customer_id = k.customer_id;
	w.customer_id = r->customer_id;
	w.state = "imported";
	r->case_id = w.case_id;
	w.direction = ours ? "out" : "in";
	if ((rc = cx_mail_record(db, &m, msg, w.direction, w.at, w.customer_id, w.case_id, &r->message, err)))
		goto out;
	int same = 1, folded = 0;
	if (!ours && (rc = same_customer(db, k.customer_id, r->customer_id, &same, err)))
		goto out;
	char *body = note_body(&m, r->message, !ours && !same, &folded);
	rc = cx_mail_note(db, r->message, w.case_id, ours, body, w.at, &r->note_id, err);
	g_free(body);
	if (rc)
		goto out;
	if (!ours && r->action != CX_MAIL_NEW_CASE && w.at >= k.since &&
		   (!strcmp(k.status, "pending") || !strcmp(k.status, "resolved") || !strcmp(k.status, "closed"))) {
		/* the customer wrote again after the case was put aside: it is theirs to be answered again */
		rc = cx_case_move(db, w.case_id, !strcmp(k.status, "pending") ? "resume" : "reopen", NULL, NULL, err);
		r->reopened = rc == CX_OK;
	}
	if (rc == CX_OK && !ours)
		rc = hook(db, &m, r, w.at, err);
	goto out;
done:
	if (rc == CX_OK && r->action == CX_MAIL_SKIPPED && !r->reason[0])
		snprintf(r->reason, sizeof r->reason, "%s", w.reason ? w.reason : "");
out:
	if (parsed)
		cx_mail_free(&m);
	return rc;
}
