/* Surveys once imported: listing, showing, reading responses, closing the loop with follow-up cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/case.h"
#include "cx/event.h"
#include "cx/metrics.h"
#include "cx/survey.h"
#include "section.h"
#include "store/sql.h"

/* Unhappy on any score: these get a follow-up. */
/* Unhappy: a detractor, dissatisfied, found it hard, or unlikely to continue (the bottom of its scale). */
#define UNHAPPY "(r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3 OR r.cont <= CASE r.cont_scale WHEN 10 THEN 6 WHEN 7 THEN 3 ELSE 2 END)"

int cx_survey_id(cx_db *db, const char *name, int64_t *id, cx_err *err)
{
	int rc = cx_sql_get_int(db, 0, id, err, "SELECT id FROM surveys WHERE lower(name) = lower(?1)", CX_TEXT(name));
	if (rc)
		return rc;
	return *id ? CX_OK : cx_fail(err, CX_ENOTFOUND, "no survey \"%s\" (see cx survey list)", name);
}

int cx_survey_list(cx_db *db, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "name", CX_T_TEXT, 0, 0 },
		{ "tool", CX_T_TEXT, 0, 0 },
		{ "stage", CX_T_TEXT, CX_COL_HIDE, 0 },
		{ "responses", CX_T_INT, 0, 0 },
		{ "incomplete", CX_T_INT, 0, 0 },
		{ "first_at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "last_at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "nps", CX_T_REAL, 0, 1 },
		{ "csat", CX_T_REAL, 0, 1 },
		{ "ces_mean", CX_T_REAL, 0, 2 },
	};
	cx_stmt *st;
	int rc = cx_sql_prepare(
		db,
		"SELECT s.name, s.tool, s.stage,"
		" count(r.id) FILTER (WHERE r.complete = 1), count(r.id) FILTER (WHERE r.complete = 0),"
		" min(r.at) FILTER (WHERE r.complete = 1), max(r.at) FILTER (WHERE r.complete = 1),"
		" count(r.nps) FILTER (WHERE r.complete = 1),"
		" count(*) FILTER (WHERE r.complete = 1 AND r.nps >= 9),"
		" count(*) FILTER (WHERE r.complete = 1 AND r.nps <= 6),"
		" count(r.csat) FILTER (WHERE r.complete = 1),"
		" count(*) FILTER (WHERE r.complete = 1 AND r.csat >= 4),"
		" count(r.ces) FILTER (WHERE r.complete = 1),"
		" sum(r.ces) FILTER (WHERE r.complete = 1)"
		" FROM surveys s LEFT JOIN responses r ON r.survey_id = s.id"
		" GROUP BY s.id ORDER BY s.created_at, s.id",
		&st, err);
	if (rc)
		return rc;
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		cx_nps n = { .n = cx_sql_int(st, 7), .promoters = cx_sql_int(st, 8), .detractors = cx_sql_int(st, 9) };
		int64_t cn = cx_sql_int(st, 10), ck = cx_sql_int(st, 11), en = cx_sql_int(st, 12);
		cx_nps_compute(&n);
		cx_val v[] = {
			cx_sql_val(st, 0), cx_sql_val(st, 1), cx_sql_val(st, 2), cx_sql_val(st, 3),
			cx_sql_val(st, 4), cx_sql_val(st, 5), cx_sql_val(st, 6),
			n.n ? CX_REALV(n.score) : CX_NULLV,
			cn ? CX_REALV(100.0 * (double)ck / (double)cn) : CX_NULLV,
			en ? CX_REALV(cx_sql_real(st, 13) / (double)en) : CX_NULLV,
		};
		cx_out_row(out, v);
	}
	cx_sql_finalize(st);
	cx_out_end(out);
	return rc < 0 ? rc : CX_OK;
}

int cx_survey_show(cx_db *db, const char *name, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "name", CX_T_TEXT, 0, 0 },
		{ "tool", CX_T_TEXT, 0, 0 },
		{ "stage", CX_T_TEXT, 0, 0 },
		{ "columns", CX_T_TEXT, 0, 0 },
		{ "created_at", CX_T_TIME, 0, 0 },
		{ "responses", CX_T_INT, 0, 0 },
		{ "incomplete", CX_T_INT, 0, 0 },
		{ "linked", CX_T_INT, 0, 0 },
		{ "with_comment", CX_T_INT, 0, 0 },
		{ "unhappy", CX_T_INT, 0, 0 },
		{ "followed_up", CX_T_INT, 0, 0 },
		{ "first_at", CX_T_TIME, 0, 0 },
		{ "last_at", CX_T_TIME, 0, 0 },
	};
	int64_t id;
	cx_stmt *st;
	int rc;

	if ((rc = cx_survey_id(db, name, &id, err)))
		return rc;
	rc = cx_sql_query(
		db, &st, err,
		"SELECT s.name, s.tool, s.stage, s.columns, s.created_at,"
		" count(r.id) FILTER (WHERE r.complete = 1), count(r.id) FILTER (WHERE r.complete = 0),"
		" count(r.customer_id) FILTER (WHERE r.complete = 1),"
		" count(r.comment) FILTER (WHERE r.complete = 1),"
		" count(*) FILTER (WHERE r.complete = 1 AND " UNHAPPY "),"
		" count(r.case_id) FILTER (WHERE r.complete = 1 AND " UNHAPPY "),"
		" min(r.at) FILTER (WHERE r.complete = 1), max(r.at) FILTER (WHERE r.complete = 1)"
		" FROM surveys s LEFT JOIN responses r ON r.survey_id = s.id WHERE s.id = ?1 GROUP BY s.id",
		CX_INT(id));
	if (rc)
		return rc;
	cx_out_begin(out, "survey", NULL, CX_LAY_RECORD, CX_COLS(cols));
	if ((rc = cx_sql_to_out(st, out, err)))
		return rc;
	cx_out_end(out);
	cx_survey_report_opts ro = { .survey = name, .as_section = 1 };
	return cx_survey_report(db, &ro, out, err);
}

static const cx_col response_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "survey", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "at", CX_T_TIME, CX_COL_DATE, 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "respondent", CX_T_TEXT, 0, 0 },
	{ "email", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "nps", CX_T_INT, 0, 0 },
	{ "csat", CX_T_INT, 0, 0 },
	{ "ces", CX_T_INT, 0, 0 },
	{ "group", CX_T_TEXT, 0, 0 },
	{ "complete", CX_T_BOOL, CX_COL_HIDE, 0 },
	{ "case_id", CX_T_INT, 0, 0 },
	{ "key", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "comment", CX_T_TEXT, CX_COL_WIDE, 0 },
};

int cx_survey_responses(cx_db *db, const cx_response_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc;

	if (f->survey) {
		int64_t id;
		if ((rc = cx_survey_id(db, f->survey, &id, err)))
			return rc;
	}
	cx_sqlbuf_add(&q,
		      "SELECT r.id, s.name, r.at, r.customer_id, coalesce(c.name, r.name, r.email), r.email,"
		      " r.nps, r.csat, r.ces,"
		      " CASE WHEN r.nps >= 9 THEN 'promoter' WHEN r.nps >= 7 THEN 'passive'"
		      "  WHEN r.nps IS NOT NULL THEN 'detractor' END,"
		      " r.complete, r.case_id, r.key, r.comment"
		      " FROM responses r JOIN surveys s ON s.id = r.survey_id"
		      " LEFT JOIN customers c ON c.id = r.customer_id WHERE 1=1");
	if (!f->incomplete)
		cx_sqlbuf_add(&q, " AND r.complete = 1");
	if (f->survey)
		cx_sqlbuf_add(&q, " AND lower(s.name) = lower(?1)");
	if (f->customer_id)
		cx_sqlbuf_add(&q, " AND r.customer_id = ?2");
	if (f->group) {
		if (!strcmp(f->group, "promoters"))
			cx_sqlbuf_add(&q, " AND r.nps >= 9");
		else if (!strcmp(f->group, "passives"))
			cx_sqlbuf_add(&q, " AND r.nps BETWEEN 7 AND 8");
		else if (!strcmp(f->group, "detractors"))
			cx_sqlbuf_add(&q, " AND " UNHAPPY);
		else {
			cx_sqlbuf_free(&q);
			return cx_fail(err, CX_EUSAGE, "unknown group %s", f->group);
		}
	}
	if (f->with_comment)
		cx_sqlbuf_add(&q, " AND r.comment IS NOT NULL");
	if (f->since)
		cx_sqlbuf_add(&q, " AND r.at >= ?3");
	if (f->until)
		cx_sqlbuf_add(&q, " AND r.at < ?4");
	cx_sqlbuf_add(&q, " ORDER BY r.at DESC, r.id DESC");
	if (f->limit > 0)
		cx_sqlbuf_add(&q, " LIMIT ?5");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, f->survey);
	cx_sql_bind_int(st, 2, f->customer_id);
	cx_sql_bind_int(st, 3, f->since);
	cx_sql_bind_int(st, 4, f->until);
	cx_sql_bind_int(st, 5, f->limit);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(response_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}

/*
 * The unhappy answers (and passives' when ?3 is 1) since ?2 in survey ?1
 * (NULL: any) that have no case yet.
 */
#define TO_FOLLOW                                                                                             \
	" FROM responses r JOIN surveys s ON s.id = r.survey_id"                                              \
	" WHERE r.complete = 1 AND r.case_id IS NULL AND (" UNHAPPY " OR (?3 = 1 AND r.nps BETWEEN 7 AND 8))" \
	" AND (?1 IS NULL OR lower(s.name) = lower(?1)) AND r.at >= ?2"

int cx_survey_follow_up(cx_db *db, const char *survey, int64_t since, int passives, int64_t *opened,
			int64_t *unlinked, cx_err *err)
{
	cx_stmt *st;
	int rc;

	*opened = *unlinked = 0;
	if (survey) {
		int64_t id;
		if ((rc = cx_survey_id(db, survey, &id, err)))
			return rc;
	}
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = cx_sql_get_int(db, 0, unlinked, err, "SELECT count(*)" TO_FOLLOW " AND r.customer_id IS NULL",
			    CX_TEXT(survey), CX_INT(since), CX_INT(passives));
	if (rc)
		goto fail;
	/* Collect first: opening cases writes while a read is open otherwise. */
	rc = cx_sql_query(db, &st, err,
			  "SELECT r.id, r.customer_id, s.name, s.stage, r.at, r.nps, r.csat, r.ces, r.comment" TO_FOLLOW
			  " AND r.customer_id IS NOT NULL ORDER BY r.at, r.id",
			  CX_TEXT(survey), CX_INT(since), CX_INT(passives));
	if (rc)
		goto fail;
	typedef struct todo {
		int64_t id, customer, at;
		int nps, csat, ces;
		char *survey, *stage, *comment;
	} todo;
	todo *list = NULL;
	size_t n = 0, cap = 0;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			todo *l = realloc(list, cap * sizeof *l);
			if (!l) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			list = l;
		}
		const char *c = cx_sql_text(st, 8), *sg = cx_sql_text(st, 3);
		list[n] = (todo){ cx_sql_int(st, 0), cx_sql_int(st, 1), cx_sql_int(st, 4),
				  cx_sql_null(st, 5) ? -1 : (int)cx_sql_int(st, 5),
				  cx_sql_null(st, 6) ? -1 : (int)cx_sql_int(st, 6),
				  cx_sql_null(st, 7) ? -1 : (int)cx_sql_int(st, 7),
				  strdup(cx_sql_text(st, 2)), sg ? strdup(sg) : NULL, c ? strdup(c) : NULL };
		n++;
	}
	cx_sql_finalize(st);
	for (size_t i = 0; i < n && rc >= 0; i++) {
		todo *t = &list[i];
		char title[300], scores[96] = "", body[4096], day[CX_TIME_BUF];
		if (t->nps >= 0)
			snprintf(scores + strlen(scores), sizeof scores - strlen(scores), "%sNPS %d", scores[0] ? ", " : "", t->nps);
		if (t->csat >= 0)
			snprintf(scores + strlen(scores), sizeof scores - strlen(scores), "%sCSAT %d", scores[0] ? ", " : "", t->csat);
		if (t->ces >= 0)
			snprintf(scores + strlen(scores), sizeof scores - strlen(scores), "%sCES %d", scores[0] ? ", " : "", t->ces);
		snprintf(title, sizeof title, "Survey follow-up: %s in %.200s", scores, t->survey);
		cx_time_iso(t->at, day);
		day[10] = '\0';
		snprintf(body, sizeof body, "Answered survey \"%.200s\" on %s: %s.\nComment: %.3500s", t->survey, day,
			 scores, t->comment ? t->comment : "(none)");
		int severe = (t->nps >= 0 && t->nps <= 3) || t->csat == 1 || t->ces == 1;
		cx_case_in in = { .customer_id = t->customer, .title = title, .priority = severe ? "high" : "normal",
				  .stage = t->stage, .note = body, .note_kind = "other", .tags = (const char *const[]){ "survey" },
				  .ntags = 1 };
		int64_t case_id;
		char rid[32];
		if ((rc = cx_case_open(db, &in, &case_id, err)))
			break;
		if ((rc = cx_sql_do(db, err, "UPDATE responses SET case_id = ?2 WHERE id = ?1", CX_INT(t->id),
				    CX_INT(case_id))))
			break;

		snprintf(rid, sizeof rid, "%lld", (long long)t->id);
		if ((rc = cx_event_log(db, "case", case_id, "survey", 0, 0, err, "response", rid, NULL)))
			break;
		(*opened)++;
	}
	for (size_t i = 0; i < n; i++) {
		free(list[i].survey);
		free(list[i].stage);
		free(list[i].comment);
	}
	free(list);
	if (rc < 0)
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_survey_scores_ask(cx_db *db, int64_t customer_id, cx_asked *q, cx_err *err)
{
	return cx_ask(db, q,
		      "SELECT r.at, s.name, r.nps, r.csat, r.ces, r.case_id, r.comment"
		      " FROM responses r JOIN surveys s ON s.id = r.survey_id"
		      " WHERE r.customer_id = ?1 AND r.complete = 1 ORDER BY r.at DESC, r.id DESC LIMIT 5",
		      customer_id, 0, err);
}

int cx_survey_scores_show(cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "survey", CX_T_TEXT, 0, 0 },
		{ "nps", CX_T_INT, 0, 0 },
		{ "csat", CX_T_INT, 0, 0 },
		{ "ces", CX_T_INT, 0, 0 },
		{ "case_id", CX_T_INT, 0, 0 },
		{ "comment", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	cx_out_begin(out, "scores", "Survey scores (latest first)", CX_LAY_TABLE, CX_COLS(cols));
	int rc = cx_sql_to_out(cx_asked_next(q), out, err);
	cx_out_end(out);
	return rc;
}

int cx_survey_customer_scores(cx_db *db, int64_t customer_id, cx_out *out, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_survey_scores_ask(db, customer_id, &q, err);
	if (rc == CX_OK)
		rc = cx_survey_scores_show(&q, out, err);
	cx_asked_free(&q);
	return rc;
}
