/*
 * Surveys after a case: who to ask (customers of cases resolved lately, one
 * request per case, at most one reminder), each with a token of its own that
 * ties the answer back to the case, and the mail that asks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "cx/setting.h"
#include "cx/survey.h"
#include "section.h"
#include "store/sql.h"

static const cx_col request_cols[] = {
	{ "kind", CX_T_TEXT, 0, 0 },
	{ "case_id", CX_T_INT, 0, 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "name", CX_T_TEXT, 0, 0 },
	{ "email", CX_T_TEXT, 0, 0 },
	{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
	{ "resolved_at", CX_T_TIME, CX_COL_DATE, 0 },
	{ "token", CX_T_TEXT, 0, 0 },
	{ "link", CX_T_TEXT, 0, 0 },
};

int cx_survey_token_new(char out[CX_TOKEN_SIZE], cx_err *err)
{
	unsigned char b[8];
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
		return cx_fail(err, CX_EINTERNAL, "no random bytes for a survey token");
	snprintf(out, CX_TOKEN_SIZE, "cx-%02x%02x%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
	return CX_OK;
}

int cx_survey_token_like(const char *s)
{
	if (strncmp(s, "cx-", 3) || strlen(s) != CX_TOKEN_SIZE - 1)
		return 0;
	return strspn(s + 3, "0123456789abcdef") == CX_TOKEN_SIZE - 4;
}

void cx_survey_link(const char *tmpl, const char *token, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (const char *p = tmpl; *p && used + 1 < size;) {
		if (!strncmp(p, "{token}", 7)) {
			int n = snprintf(out + used, size - used, "%s", token);
			used += n > 0 ? (size_t)n : 0;
			p += 7;
		} else {
			out[used++] = *p++;
			out[used] = '\0';
		}
	}
	if (used >= size)
		out[size - 1] = '\0';
}

/*
 * The requests to make now: cases resolved or closed since `since` that
 * have none, their customer with an e-mail address and not forgotten (a
 * merged customer's survivor is the one asked); then the reminders: asked
 * at least remind_after ago, unanswered, not yet reminded, the case still
 * resolved or closed. Each is recorded (unless dry_run) and written to out.
 */
int cx_survey_request(cx_db *db, const cx_survey_request_opts *o, cx_out *out, cx_survey_request_fn each,
		      void *arg, cx_err *err)
{
	char link_tmpl[1024], token[CX_TOKEN_SIZE], link[2048];
	cx_stmt *q = NULL, *ins = NULL, *rem = NULL;
	int64_t now = cx_db_now(db);
	int rc;

	if ((rc = cx_setting_get(db, "survey.link", link_tmpl, sizeof link_tmpl, err)))
		return rc;
	rc = cx_sql_query(db, &q, err,
			  "SELECT 'request', k.id, c.id, c.name, c.email, k.title, coalesce(k.resolved_at, k.closed_at), NULL"
			  " FROM cases k JOIN customers m ON m.id = k.customer_id"
			  " JOIN customers c ON c.id = coalesce(m.merged_into, m.id)"
			  " WHERE k.status IN ('resolved', 'closed') AND coalesce(k.resolved_at, k.closed_at) >= ?1"
			  " AND c.email IS NOT NULL AND c.forgotten_at IS NULL"
			  " AND NOT EXISTS (SELECT 1 FROM survey_requests q WHERE q.case_id = k.id)"
			  " UNION ALL"
			  " SELECT 'reminder', k.id, c.id, c.name, c.email, k.title, coalesce(k.resolved_at, k.closed_at), q.token"
			  " FROM survey_requests q JOIN cases k ON k.id = q.case_id JOIN customers c ON c.id = q.customer_id"
			  " WHERE ?2 > 0 AND q.response_id IS NULL AND q.reminded_at IS NULL AND q.asked_at <= ?3 - ?2"
			  " AND k.status IN ('resolved', 'closed') AND c.forgotten_at IS NULL AND c.email IS NOT NULL"
			  " ORDER BY 1 DESC, 2",
			  CX_INT(o->since), CX_INT(o->remind_after), CX_INT(now));
	if (rc == CX_OK)
		rc = cx_sql_prepare(db,
				    "INSERT INTO survey_requests (case_id, customer_id, token, asked_at, asked_by, sent, survey)"
				    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				    &ins, err);
	if (rc == CX_OK)
		rc = cx_sql_prepare(db, "UPDATE survey_requests SET reminded_at = ?2, sent = ?3 WHERE token = ?1", &rem, err);
	if (rc)
		goto out;


	/* read them all first: the statement must not see the rows it makes */
	typedef struct req {
		cx_survey_request_row r;
		char *name, *email, *title;
	} req;
	req *reqs = NULL;
	size_t n = 0, cap = 0;
	while ((rc = cx_sql_step(q, err)) == CX_SQL_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			req *t = realloc(reqs, cap * sizeof *t);
			if (!t) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			reqs = t;
		}
		req *r = &reqs[n++];
		memset(r, 0, sizeof *r);
		r->r.reminder = !strcmp(cx_sql_text(q, 0), "reminder");
		r->r.case_id = cx_sql_int(q, 1);
		r->r.customer_id = cx_sql_int(q, 2);
		r->name = strdup(cx_sql_text(q, 3));
		r->email = strdup(cx_sql_text(q, 4));
		r->title = strdup(cx_sql_text(q, 5));
		r->r.resolved_at = cx_sql_int(q, 6);
		if (r->r.reminder)
			snprintf(r->r.token, sizeof r->r.token, "%s", cx_sql_text(q, 7));
		if (!r->name || !r->email || !r->title) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	}
	if (rc == CX_SQL_DONE)
		rc = CX_OK;
	if (rc == CX_OK && out)
		cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(request_cols));
	for (size_t i = 0; rc == CX_OK && i < n; i++) {
		req *r = &reqs[i];
		r->r.name = r->name;
		r->r.email = r->email;
		r->r.title = r->title;
		if (!r->r.reminder) {
			if ((rc = cx_survey_token_new(token, err)))
				break;
			snprintf(r->r.token, sizeof r->r.token, "%s", token);
		}
		cx_survey_link(link_tmpl, r->r.token, link, sizeof link);
		r->r.link = link[0] ? link : NULL;
		if (!o->dry_run) {
			cx_stmt *st = r->r.reminder ? rem : ins;
			cx_sql_reset(st);
			if (r->r.reminder) {
				cx_sql_bind_text(st, 1, r->r.token);
				cx_sql_bind_int(st, 2, now);
				cx_sql_bind_int(st, 3, each != NULL);
			} else {
				cx_sql_bind_int(st, 1, r->r.case_id);
				cx_sql_bind_int(st, 2, r->r.customer_id);
				cx_sql_bind_text(st, 3, r->r.token);
				cx_sql_bind_int(st, 4, now);
				cx_sql_bind_text(st, 5, cx_db_actor(db));
				cx_sql_bind_int(st, 6, each != NULL);
				cx_sql_bind_text(st, 7, o->survey);
			}
			rc = cx_sql_step(st, err);
			if (rc == CX_SQL_DONE)
				rc = CX_OK;
			if (rc)
				break;
		}
		/* recorded, then handed on (to be sent): one that cannot go out is rolled back with its record */
		if (each && (rc = each(arg, &r->r, err)))
			break;
		if (out) {
			cx_val v[] = { CX_TEXTV(r->r.reminder ? "reminder" : "request"), CX_INTV(r->r.case_id),
				       CX_INTV(r->r.customer_id), CX_TEXTV(r->name), CX_TEXTV(r->email), CX_TEXTV(r->title),
				       CX_INTV(r->r.resolved_at), CX_TEXTV(r->r.token), r->r.link ? CX_TEXTV(link) : CX_NULLV };
			cx_out_row(out, v);
		}
	}
	if (rc == CX_OK && out)
		cx_out_end(out);
	for (size_t i = 0; i < n; i++) {
		free(reqs[i].name);
		free(reqs[i].email);
		free(reqs[i].title);
	}
	free(reqs);
out:
	cx_sql_finalize(q);
	cx_sql_finalize(ins);
	cx_sql_finalize(rem);
	return rc < 0 ? rc : CX_OK;
}

/* The mail that asks: plain words, the case named, the link. */
int cx_survey_request_body(const cx_survey_request_row *r, char **body, cx_err *err)
{
	const char *first = r->name;
	size_t len = strcspn(first, " ");
	int n = asprintf(body,
			 "Hello %.*s,\n\n"
			 "%s case #%lld (\"%s\") is resolved. Would you tell us how we did? It takes a minute:\n\n"
			 "%s\n\n"
			 "Thank you.\n",
			 (int)len, first, r->reminder ? "A few days ago we asked about your" : "Your", (long long)r->case_id,
			 r->title, r->link ? r->link : "");
	if (n < 0) {
		*body = NULL;
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	return CX_OK;
}

/* The brief's section: how the customer answered the survey after this case, when one was asked. */
int cx_survey_case_ask(cx_db *db, int64_t case_id, cx_asked *q, cx_err *err)
{
	return cx_ask(db, q,
		      "SELECT q.asked_at, q.reminded_at, r.at, s.name, r.nps, r.csat, r.ces, r.comment"
		      " FROM survey_requests q LEFT JOIN responses r ON r.id = q.response_id"
		      " LEFT JOIN surveys s ON s.id = r.survey_id WHERE q.case_id = ?1",
		      case_id, 0, err);
}

/* Only a case that was followed by a survey request has the section. */
int cx_survey_case_show(cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "asked_at", CX_T_TIME, CX_COL_DATE, 0 }, { "reminded_at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "answered_at", CX_T_TIME, 0, 0 },	   { "survey", CX_T_TEXT, 0, 0 },
		{ "nps", CX_T_INT, 0, 0 },		   { "csat", CX_T_INT, 0, 0 },
		{ "ces", CX_T_INT, 0, 0 },		   { "comment", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	cx_stmt *st = cx_asked_next(q);
	int rc, began = 0;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		if (!began) {
			cx_out_begin(out, "after_case", "The survey after this case", CX_LAY_RECORD, CX_COLS(cols));
			began = 1;
		}
		cx_val v[8];
		for (int i = 0; i < 8; i++)
			v[i] = cx_sql_val(st, i);
		cx_out_row(out, v);
	}
	cx_sql_finalize(st);
	if (began)
		cx_out_end(out);
	return rc < 0 ? rc : CX_OK;
}

int cx_survey_case_section(cx_db *db, int64_t case_id, cx_out *out, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_survey_case_ask(db, case_id, &q, err);
	if (rc == CX_OK)
		rc = cx_survey_case_show(&q, out, err);
	cx_asked_free(&q);
	return rc;
}
