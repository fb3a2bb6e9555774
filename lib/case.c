/* Cases: opening, changing, moving through the status model, linking, listing and showing. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/case.h"
#include "cx/customer.h"
#include "cx/event.h"
#include "cx/search.h"
#include "case_impl.h"
#include "hook_impl.h"
#include "names.h"
#include "note_impl.h"
#include "store/sql.h"

int cx_case_parse_id(const char *s, int64_t *id, cx_err *err)
{
	const char *p = s && s[0] == '#' ? s + 1 : s;
	char *end;
	if (!p || !isdigit((unsigned char)p[0]))
		goto bad;
	errno = 0;
	long long v = strtoll(p, &end, 10);
	if (*end || v <= 0 || errno == ERANGE)
		goto bad;
	*id = v;
	return CX_OK;
bad:
	return cx_fail(err, CX_EUSAGE, "\"%s\" is not a case number", s ? s : "");
}

int cx_case_customer(cx_db *db, int64_t id, int64_t *customer_id, cx_err *err)
{
	int rc = cx_sql_get_int(db, 0, customer_id, err, "SELECT customer_id FROM cases WHERE id = ?1", CX_INT(id));
	if (rc)
		return rc;
	return *customer_id ? CX_OK : cx_fail(err, CX_ENOTFOUND, "no case %lld", (long long)id);
}

int cx_case_check(cx_db *db, int64_t id, cx_err *err)
{
	int64_t c;
	return cx_case_customer(db, id, &c, err);
}

int cx_case_note_insert(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err)
{
	cx_note_in n = *in;
	int rc;

	if ((rc = cx_case_customer(db, in->case_id, &n.customer_id, err)))
		return rc;
	if (in->customer_id && in->customer_id != n.customer_id)
		return cx_fail(err, CX_EDATA, "case %lld belongs to another customer", (long long)in->case_id);
	if (!n.at)
		n.at = cx_db_now(db);
	if ((rc = cx_note_insert(db, &n, id, err)))
		return rc;
	/* A public note is an answer to the customer: the first one is the first response. */
	return cx_sql_do(db, err,
			 "UPDATE cases SET updated_at = ?2,"
			 " first_response_at = CASE WHEN ?3 = 1 AND first_response_at IS NULL"
			 "   THEN ?2 ELSE first_response_at END"
			 " WHERE id = ?1",
			 CX_INT(n.case_id), CX_INT(n.at), CX_INT(n.public_ ? 1 : 0));
}

int cx_case_answered(cx_db *db, int64_t id, int64_t at, cx_err *err)
{
	int64_t was_new;
	int rc = cx_sql_get_int(db, 0, &was_new, err,
				"UPDATE cases SET status = 'open' WHERE id = ?1 AND status = 'new' RETURNING 1",
				CX_INT(id));

	if (rc)
		return rc;
	return was_new ? cx_event_log(db, "case", id, "status", 0, at, err, "from", "new", "to", "open", NULL) : CX_OK;
}

int cx_case_note(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err)
{
	int rc;

	if ((in->kind && (rc = cx_note_kind_check(in->kind, err))) || (rc = cx_db_need(db, __func__, err)) ||
	    (rc = cx_case_note_insert(db, in, id, err)) ||
	    (rc = cx_event_log(db, "case", in->case_id, "note", *id, in->at, err, "visibility",
			       in->public_ ? "public" : "internal", NULL)))
		return rc;
	/* Answering the customer starts the work on a new case. */
	return in->public_ ? cx_case_answered(db, in->case_id, in->at, err) : CX_OK;
}

static int check_priority(const char *p, cx_err *err)
{
	return cx_words_check(cx_case_priorities, "priority", p, CX_EDATA, err);
}

static int check_fields(cx_db *db, const cx_case_in *in, cx_err *err)
{
	int rc;
	if (in->title) {
		size_t n = strlen(in->title);
		if (!in->title[strspn(in->title, " \t")])
			return cx_fail(err, CX_EDATA, "title: a case needs a title");
		if (n > 500 || strpbrk(in->title, "\r\n"))
			return cx_fail(err, CX_EDATA, "title: one line of at most 500 bytes");
	}
	if (in->priority && (rc = check_priority(in->priority, err)))
		return rc;
	if (in->channel && (rc = cx_name_check(db, "channels", "channel", in->channel, err)))
		return rc;
	if (in->stage && (rc = cx_name_check(db, "stages", "stage", in->stage, err)))
		return rc;
	if (in->owner && (!in->owner[0] || strlen(in->owner) > 64 || strpbrk(in->owner, " \t\r\n,")))
		return cx_fail(err, CX_EDATA, "owner: \"%s\" must be one name without spaces", in->owner);
	return CX_OK;
}

static int tag_case(cx_db *db, int64_t id, const char *const *tags, int n, int add, cx_err *err)
{
	for (int i = 0; i < n; i++) {
		int rc;
		if (add && (!tags[i][0] || strpbrk(tags[i], ", \t\n")))
			return cx_fail(err, CX_EDATA, "tag: \"%s\" must be one word without commas", tags[i]);
		if ((rc = cx_sql_do(db, err,
				    add ? "INSERT INTO case_tags (case_id, tag) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
					: "DELETE FROM case_tags WHERE case_id = ?1 AND tag = ?2",
				    CX_INT(id), CX_TEXT(tags[i]))))
			return rc;
	}
	return CX_OK;
}

/* The note kind a channel implies, for the first note of a case. */
static const char *kind_for(const char *channel)
{
	static const char *const map[][2] = {
		{ "phone", "call" }, { "email", "email" }, { "chat", "chat" },
		{ "store", "visit" }, { "social", "social" },
	};
	for (size_t i = 0; channel && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], channel))
			return map[i][1];
	return "other";
}

int cx_case_open(cx_db *db, const cx_case_in *in, int64_t *id, cx_err *err)
{
	int64_t at = in->at ? in->at : cx_db_now(db), note_id = 0;
	int rc;

	if (!in->title)
		return cx_fail(err, CX_EUSAGE, "a case needs a title (" CX_FIELD_ARG("title") ")");
	if (in->note_kind && (rc = cx_note_kind_check(in->note_kind, err)))
		return rc;
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = check_fields(db, in, err)))
		goto fail;
	if ((rc = cx_customer_check(db, in->customer_id, err)))
		goto fail;
	rc = cx_sql_get_int(db, 0, id, err,
			    "INSERT INTO cases (customer_id, title, status, priority, channel, stage, owner,"
			    " opened_by, opened_at, updated_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id",
			    CX_INT(in->customer_id), CX_TEXT(in->title), CX_TEXT(in->owner ? "open" : "new"),
			    CX_TEXT(in->priority ? in->priority : "normal"), CX_TEXT(in->channel), CX_TEXT(in->stage),
			    CX_TEXT(in->owner), CX_TEXT(cx_db_actor(db)), CX_INT(at));
	if (rc)
		goto fail;
	if ((rc = tag_case(db, *id, in->tags, in->ntags, 1, err)))
		goto fail;
	if (in->note) {
		cx_note_in note = { .case_id = *id, .kind = in->note_kind ? in->note_kind : kind_for(in->channel),
				    .body = in->note, .at = at };
		if ((rc = cx_case_note_insert(db, &note, &note_id, err)))
			goto fail;
	}
	rc = cx_event_log(db, "case", *id, "create", note_id, at, err, "priority",
			  in->priority ? in->priority : "normal", "channel", in->channel, "stage", in->stage,
			  "owner", in->owner, NULL);
	if (rc || (rc = cx_hook_case(db, "on-case-open", "case.open", *id, err)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

/* Reads the fields an update compares against. */
typedef struct case_now {
	char status[16];
	char priority[16];
	char owner[80];
	int has_owner;
} case_now;

static int read_case(cx_db *db, int64_t id, case_now *c, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, "SELECT status, priority, owner FROM cases WHERE id = ?1", CX_INT(id));
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);

	if (rc == CX_SQL_ROW) {
		snprintf(c->status, sizeof c->status, "%s", cx_sql_text(st, 0));
		snprintf(c->priority, sizeof c->priority, "%s", cx_sql_text(st, 1));
		c->has_owner = !cx_sql_null(st, 2);
		snprintf(c->owner, sizeof c->owner, "%s", c->has_owner ? cx_sql_text(st, 2) : "");
		rc = CX_OK;
	} else if (rc == CX_SQL_DONE) {
		rc = cx_fail(err, CX_ENOTFOUND, "no case %lld", (long long)id);
	}
	cx_sql_finalize(st);
	return rc;
}

int cx_case_update(cx_db *db, int64_t id, const cx_case_in *in, cx_err *err)
{
	static const struct {
		const char *col;
		size_t off;
	} fields[] = {
		{ "title", offsetof(cx_case_in, title) },
		{ "priority", offsetof(cx_case_in, priority) },
		{ "channel", offsetof(cx_case_in, channel) },
		{ "stage", offsetof(cx_case_in, stage) },
	};
	char list[96] = "";
	case_now now;
	int rc, changed = 0;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = cx_db_lock_case(db, id, err)) || (rc = read_case(db, id, &now, err)) || (rc = check_fields(db, in, err)))
		goto fail;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *v = *(const char *const *)((const char *)in + fields[i].off);
		char sql[96];
		if (!v)
			continue;
		/* The column name comes from the table above, never from input. */
		snprintf(sql, sizeof sql, "UPDATE cases SET %s = ?2, updated_at = ?3 WHERE id = ?1",
			 fields[i].col);
		if ((rc = cx_sql_do(db, err, sql, CX_INT(id), CX_TEXT(v), CX_INT(cx_db_now(db)))))
			goto fail;
		if (!strcmp(fields[i].col, "title") && (rc = cx_search_update(db, CX_SK_CASE, id, v, err)))
			goto fail;
		if (changed++)
			strncat(list, ",", sizeof list - strlen(list) - 1);
		strncat(list, fields[i].col, sizeof list - strlen(list) - 1);
	}
	if (in->ntags || in->nuntags) {
		if ((rc = tag_case(db, id, in->tags, in->ntags, 1, err)) ||
		    (rc = tag_case(db, id, in->untags, in->nuntags, 0, err)))
			goto fail;
		strncat(list, changed++ ? ",tags" : "tags", sizeof list - strlen(list) - 1);
	}
	if (!changed) {
		rc = cx_fail(err, CX_EUSAGE,
			     "nothing to change (give " CX_FIELD("title") ", " CX_FIELD("priority") ", " CX_FIELD("channel")
			     ", " CX_FIELD("stage") " or " CX_FIELD("tag") ")");
		goto fail;
	}
	rc = cx_event_log(db, "case", id, "update", 0, 0, err, "fields", list, "priority_was",
			  in->priority && strcmp(in->priority, now.priority) ? now.priority : NULL,
			  "priority", in->priority && strcmp(in->priority, now.priority) ? in->priority : NULL,
			  NULL);
	if (rc)
		goto fail;
	return CX_OK;
fail:
	return rc;
}

static int set_status(cx_db *db, int64_t id, const char *from, const char *to, int64_t note_id,
		      const char *outcome, cx_err *err)
{
	int rc = cx_sql_do(
		db, err,
		"UPDATE cases SET status = ?2, updated_at = ?3,"
		" outcome = CASE ?2 WHEN 'resolved' THEN ?4 WHEN 'open' THEN NULL ELSE outcome END,"
		" resolved_at = CASE ?2 WHEN 'resolved' THEN ?3 WHEN 'open' THEN NULL ELSE resolved_at END,"
		" closed_at = CASE ?2 WHEN 'closed' THEN ?3 WHEN 'open' THEN NULL ELSE closed_at END"
		" WHERE id = ?1",
		CX_INT(id), CX_TEXT(to), CX_INT(cx_db_now(db)), CX_TEXT(outcome));
	if (rc)
		return rc;
	return cx_event_log(db, "case", id, "status", note_id, 0, err, "from", from, "to", to, "outcome",
			    outcome, NULL);
}

/*
 * A new owner for an open case (locked and read here): action is the
 * event's, "assign" or "handoff"; a handoff's note for the new owner comes
 * before the change. A new case is open once someone owns it.
 */
static int set_owner(cx_db *db, int64_t id, const char *action, const char *to, const char *note, cx_err *err)
{
	cx_case_in in = { .owner = to };
	int64_t note_id = 0;
	case_now now;
	int rc;

	if ((rc = cx_db_lock_case(db, id, err)) || (rc = read_case(db, id, &now, err)) || (rc = check_fields(db, &in, err)))
		return rc;
	if (!strcmp(now.status, "closed"))
		return cx_fail(err, CX_EDATA, "case %lld is closed (reopen it first: cx case reopen %lld)", (long long)id,
			       (long long)id);
	if (note) {
		cx_note_in n = { .case_id = id, .kind = "handoff", .body = note };
		if ((rc = cx_case_note_insert(db, &n, &note_id, err)))
			return rc;
	}
	rc = cx_sql_do(db, err, "UPDATE cases SET owner = ?2, updated_at = ?3 WHERE id = ?1", CX_INT(id), CX_TEXT(to),
		       CX_INT(cx_db_now(db)));
	if (rc)
		return rc;
	rc = cx_event_log(db, "case", id, action, note_id, 0, err, "from", now.has_owner ? now.owner : NULL, "to", to,
			  NULL);
	if (rc == CX_OK && !strcmp(now.status, "new"))
		rc = set_status(db, id, "new", "open", 0, NULL, err);
	return rc;
}

int cx_case_assign(cx_db *db, int64_t id, const char *owner, cx_err *err)
{
	int rc = cx_db_need(db, __func__, err);
	return rc ? rc : set_owner(db, id, "assign", owner, NULL, err);
}

int cx_case_handoff(cx_db *db, int64_t id, const char *to, const char *note, cx_err *err)
{
	int rc;
	if (!to || !note)
		return cx_fail(err, CX_EUSAGE, "a handoff needs the new owner (" CX_FIELD_ARG("to")
					       ") and a note for them (" CX_FIELD_ARG("body") ")");
	if ((rc = cx_db_need(db, __func__, err)) || (rc = set_owner(db, id, "handoff", to, note, err)))
		return rc;
	return cx_hook_case(db, "on-handoff", "case.handoff", id, err);
}

/* The status model: which verb moves a case from where to where. */
static const struct move {
	const char *verb;
	const char *from; /* space-separated statuses */
	const char *to;
} moves[] = {
	{ "pending", " new open ", "pending" },
	{ "resume", " pending ", "open" },
	{ "resolve", " new open pending ", "resolved" },
	{ "close", " new open pending resolved ", "closed" },
	{ "reopen", " resolved closed ", "open" },
};

static int legal_from(const struct move *m, const char *status)
{
	char key[24];
	snprintf(key, sizeof key, " %s ", status);
	return strstr(m->from, key) != NULL;
}

int cx_case_move(cx_db *db, int64_t id, const char *verb, const char *outcome, const char *note,
		 cx_err *err)
{
	const struct move *m = NULL;
	int64_t note_id = 0;
	case_now now;
	int rc;

	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (!strcmp(moves[i].verb, verb))
			m = &moves[i];
	if (!m)
		return cx_fail(err, CX_EINTERNAL, "unknown case move %s", verb);
	if (!strcmp(verb, "resolve") && (!outcome || !outcome[0]))
		return cx_fail(err, CX_EUSAGE, "resolving needs an outcome (" CX_FIELD_ARG("outcome")
					       ", e.g. fixed, replaced, refunded)");
	if (outcome && (strlen(outcome) > 200 || strpbrk(outcome, "\r\n")))
		return cx_fail(err, CX_EDATA, "outcome: one line of at most 200 bytes");
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = cx_db_lock_case(db, id, err)) || (rc = read_case(db, id, &now, err)))
		goto fail;
	if (!legal_from(m, now.status)) {
		char legal[128] = "";
		for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
			if (!legal_from(&moves[i], now.status))
				continue;
			if (legal[0])
				strncat(legal, ", ", sizeof legal - strlen(legal) - 1);
			strncat(legal, moves[i].verb, sizeof legal - strlen(legal) - 1);
		}
		rc = cx_fail(err, CX_EDATA, "case %lld is %s and cannot be %s from there (it can: %s)",
			     (long long)id, now.status,
			     !strcmp(verb, "pending") ? "made pending" :
			     !strcmp(verb, "resume")  ? "resumed" :
			     !strcmp(verb, "resolve") ? "resolved" :
			     !strcmp(verb, "close")   ? "closed" : "reopened",
			     legal);
		goto fail;
	}
	if (note) {
		cx_note_in n = { .case_id = id, .kind = "status", .body = note };
		if ((rc = cx_case_note_insert(db, &n, &note_id, err)))
			goto fail;
	}
	if ((rc = set_status(db, id, now.status, m->to, note_id, outcome, err)))
		goto fail;
	if (!strcmp(m->to, "resolved") && (rc = cx_hook_case(db, "on-case-resolve", "case.resolve", id, err)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_case_link(cx_db *db, int64_t a, int64_t b, cx_err *err)
{
	char sa[32], sb[32];
	int rc;

	if (a == b)
		return cx_fail(err, CX_EDATA, "a case cannot be linked to itself");
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	/* both cases, the lower id first: two links of the same pair never wait for each other */
	if ((rc = cx_db_lock_case(db, a < b ? a : b, err)) || (rc = cx_db_lock_case(db, a < b ? b : a, err)) ||
	    (rc = cx_case_check(db, a, err)) || (rc = cx_case_check(db, b, err)))
		goto fail;
	if ((rc = cx_sql_do(db, err, "INSERT INTO case_links (case_a, case_b) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
			    CX_INT(a < b ? a : b), CX_INT(a < b ? b : a))))
		goto fail;
	if (cx_sql_changes(db) == 0) {
		return CX_OK; /* already linked: nothing to record */
	}
	snprintf(sa, sizeof sa, "%lld", (long long)a);
	snprintf(sb, sizeof sb, "%lld", (long long)b);
	if ((rc = cx_event_log(db, "case", a, "link", 0, 0, err, "case", sb, NULL)) ||
	    (rc = cx_event_log(db, "case", b, "link", 0, 0, err, "case", sa, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

/* On a narrow terminal the owner goes first, then the age, the status, the priority. */
static const cx_col list_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "status", CX_T_TEXT, CX_COL_DROP(3), 0 },
	{ "priority", CX_T_TEXT, CX_COL_ALERT | CX_COL_DROP(4), 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "customer", CX_T_TEXT, 0, 0 },
	{ "owner", CX_T_TEXT, CX_COL_DROP(1), 0 },
	{ "channel", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "stage", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "opened_at", CX_T_TIME, CX_COL_AGE | CX_COL_DROP(2), 0 },
	{ "updated_at", CX_T_TIME, CX_COL_HIDE, 0 },
	{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
};

/*
 * Appends the status filter: one bound value (?1), a comma list split by the
 * engine, so any number of statuses is one statement. *list is what to bind:
 * the statuses given, or the work still to do; NULL for every status.
 */
static int status_filter(cx_sqlbuf *q, const char *status, char *active, size_t size, const char **list, cx_err *err)
{
	int all = 0;
	*list = NULL;
	if (!status) {
		size_t n = 0;
		active[0] = '\0';
		for (int i = 0; cx_case_statuses_active[i]; i++)
			n += (size_t)snprintf(active + n, size - n, "%s%s", i ? "," : "", cx_case_statuses_active[i]);
		status = active;
	}
	char *copy = strdup(status), *save = NULL;
	if (!copy)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int rc = cx_words_check(cx_case_status_filters, "status", t, CX_EDATA, err);
		if (rc) {
			free(copy);
			return rc;
		}
		all |= !strcmp(t, "all");
	}
	free(copy);
	if (all)
		return CX_OK;
	*list = status;
	/* the statuses are words of letters: no LIKE wildcard among them */
	cx_sqlbuf_add(q, " AND (',' || ?1 || ',') LIKE ('%,' || k.status || ',%')");
	return CX_OK;
}

int cx_case_list(cx_db *db, const cx_case_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	char *pat = NULL, active[64];
	const char *statuses;
	int rc, unowned = f->owner && (!strcmp(f->owner, "-") || !strcmp(f->owner, "none"));

	cx_sqlbuf_add(&q, "SELECT k.id, k.status, k.priority, k.customer_id, c.name, k.owner, k.channel,"
			  " k.stage, k.opened_at, k.updated_at, k.title"
			  " FROM cases k JOIN customers c ON c.id = k.customer_id WHERE 1=1");
	if ((rc = status_filter(&q, f->status, active, sizeof active, &statuses, err))) {
		cx_sqlbuf_free(&q);
		return rc;
	}
	if ((rc = f->priority ? check_priority(f->priority, err) : CX_OK) ||
	    (rc = f->stage ? cx_name_check(db, "stages", "stage", f->stage, err) : CX_OK) ||
	    (rc = f->channel ? cx_name_check(db, "channels", "channel", f->channel, err) : CX_OK)) {
		cx_sqlbuf_free(&q);
		return rc;
	}
	if (unowned)
		cx_sqlbuf_add(&q, " AND k.owner IS NULL");
	else if (f->owner)
		cx_sqlbuf_add(&q, " AND k.owner = ?2");
	if (f->priority)
		cx_sqlbuf_add(&q, " AND k.priority = ?3");
	if (f->tag)
		cx_sqlbuf_add(&q, " AND EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = k.id AND t.tag = ?4)");
	if (f->stage)
		cx_sqlbuf_add(&q, " AND k.stage = ?5");
	if (f->channel)
		cx_sqlbuf_add(&q, " AND k.channel = ?6");
	if (f->customer_id)
		cx_sqlbuf_add(&q, " AND k.customer_id = ?7");
	if (f->since)
		cx_sqlbuf_add(&q, " AND k.opened_at >= ?8");
	if (f->until)
		cx_sqlbuf_add(&q, " AND k.opened_at < ?9");
	if (f->text) {
		if (!(pat = cx_sql_like_pattern(f->text, 1))) {
			cx_sqlbuf_free(&q);
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		}
		cx_sqlbuf_add(&q, " AND (lower(k.title) LIKE lower(?10) ESCAPE '\\'"
				  " OR EXISTS (SELECT 1 FROM notes n WHERE n.case_id = k.id"
				  "   AND lower(n.body) LIKE lower(?10) ESCAPE '\\'))");
	}
	const char *sort = f->sort ? f->sort : "opened";
	const char *dir = f->reverse ? "" : " DESC";
	if ((rc = cx_words_check(cx_case_sorts, "sort", sort, CX_EDATA, err))) {
		free(pat);
		cx_sqlbuf_free(&q);
		return rc;
	}
	cx_sqlbuf_add(&q, " ORDER BY ");
	if (!strcmp(sort, "opened"))
		cx_sqlbuf_add(&q, "k.opened_at");
	else if (!strcmp(sort, "updated"))
		cx_sqlbuf_add(&q, "k.updated_at");
	else if (!strcmp(sort, "priority"))
		cx_sqlbuf_rank(&q, "k.priority", cx_case_priorities);
	else
		cx_sqlbuf_add(&q, "k.id");
	cx_sqlbuf_add(&q, dir);
	/* Ties go the same way, so --reverse is the exact reverse. */
	if (!strcmp(sort, "priority")) {
		cx_sqlbuf_add(&q, ", k.opened_at");
		cx_sqlbuf_add(&q, dir);
	}
	cx_sqlbuf_add(&q, ", k.id");
	cx_sqlbuf_add(&q, dir);
	if (f->limit > 0)
		cx_sqlbuf_add(&q, " LIMIT ?11");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc) {
		free(pat);
		return rc;
	}
	cx_sql_bind_text(st, 1, statuses);
	cx_sql_bind_text(st, 2, f->owner);
	cx_sql_bind_text(st, 3, f->priority);
	cx_sql_bind_text(st, 4, f->tag);
	cx_sql_bind_text(st, 5, f->stage);
	cx_sql_bind_text(st, 6, f->channel);
	cx_sql_bind_int(st, 7, f->customer_id);
	cx_sql_bind_int(st, 8, f->since);
	cx_sql_bind_int(st, 9, f->until);
	cx_sql_bind_text(st, 10, pat);
	cx_sql_bind_int(st, 11, f->limit);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(list_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	free(pat);
	return rc;
}
