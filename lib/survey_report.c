/*
 * Survey reports: NPS, CSAT and CES per survey, period and segment, with
 * margins of error; the change between two periods tested for significance;
 * how many unhappy respondents were followed up, and how fast.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/metrics.h"
#include "cx/survey.h"
#include "sql.h"

#define UNHAPPY "(r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3)"
/* The answer to the question named ?5 (its text), through the survey's numbering. */
#define SEGMENT                                                                                    \
	"(SELECT json_extract(r.answers, '$.\"' || q.qid || '\"') FROM survey_questions q"            \
	" WHERE q.survey_id = r.survey_id AND q.text = ?5)"

static const cx_col report_cols[] = {
	{ "survey", CX_T_TEXT, 0, 0 },
	{ "period", CX_T_TEXT, 0, 0 },
	{ "segment", CX_T_TEXT, 0, 0 },
	{ "responses", CX_T_INT, 0, 0 },
	{ "nps", CX_T_REAL, 0, 1 },
	{ "nps_moe", CX_T_REAL, 0, 1 },
	{ "nps_n", CX_T_INT, CX_COL_HIDE, 0 },
	{ "promoters", CX_T_INT, 0, 0 },
	{ "passives", CX_T_INT, 0, 0 },
	{ "detractors", CX_T_INT, 0, 0 },
	{ "csat", CX_T_REAL, 0, 1 },
	{ "csat_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "csat_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "csat_mean", CX_T_REAL, 0, 2 },
	{ "csat_n", CX_T_INT, 0, 0 },
	{ "ces_mean", CX_T_REAL, 0, 2 },
	{ "ces_moe", CX_T_REAL, CX_COL_HIDE, 2 },
	{ "ces_agree", CX_T_REAL, 0, 1 },
	{ "ces_n", CX_T_INT, 0, 0 },
	{ "unhappy", CX_T_INT, 0, 0 },
	{ "followed_up", CX_T_INT, 0, 0 },
	{ "followup_median_s", CX_T_SECS, 0, 0 },
	{ "small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
};
enum { NCOLS = sizeof report_cols / sizeof report_cols[0] };

/* The period a response falls in, as SQL over r.at (local time). */
static const char *period_sql(const char *by, cx_err *err)
{
	if (!by)
		return "'all'";
	if (!strcmp(by, "day"))
		return "strftime('%Y-%m-%d', r.at, 'unixepoch', 'localtime')";
	if (!strcmp(by, "week")) /* the Monday the week starts on */
		return "date(r.at, 'unixepoch', 'localtime', '-6 days', 'weekday 1')";
	if (!strcmp(by, "month"))
		return "strftime('%Y-%m', r.at, 'unixepoch', 'localtime')";
	if (!strcmp(by, "quarter"))
		return "strftime('%Y', r.at, 'unixepoch', 'localtime') || '-Q' ||"
		       " ((CAST(strftime('%m', r.at, 'unixepoch', 'localtime') AS INTEGER) + 2) / 3)";
	if (!strcmp(by, "year"))
		return "strftime('%Y', r.at, 'unixepoch', 'localtime')";
	cx_fail(err, CX_EUSAGE, "--by: \"%s\" is not one of day, week, month, quarter, year", by);
	return NULL;
}

typedef struct group {
	cx_nps nps;
	int64_t responses, csat_n, csat_good, ces_agree, unhappy, followed;
	cx_mean csat, ces;
} group;

static void read_group(cx_stmt *st, int c, group *g)
{
	memset(g, 0, sizeof *g);
	g->responses = cx_sql_int(st, c);
	g->nps.n = cx_sql_int(st, c + 1);
	g->nps.promoters = cx_sql_int(st, c + 2);
	g->nps.passives = cx_sql_int(st, c + 3);
	g->nps.detractors = cx_sql_int(st, c + 4);
	g->csat.n = g->csat_n = cx_sql_int(st, c + 5);
	g->csat_good = cx_sql_int(st, c + 6);
	g->csat.sum = cx_sql_real(st, c + 7);
	g->csat.sumsq = cx_sql_real(st, c + 8);
	g->ces.n = cx_sql_int(st, c + 9);
	g->ces.sum = cx_sql_real(st, c + 10);
	g->ces.sumsq = cx_sql_real(st, c + 11);
	g->ces_agree = cx_sql_int(st, c + 12);
	g->unhappy = cx_sql_int(st, c + 13);
	g->followed = cx_sql_int(st, c + 14);
	cx_nps_compute(&g->nps);
	cx_mean_compute(&g->csat);
	cx_mean_compute(&g->ces);
}

#define AGGREGATES                                                                                     \
	" count(*), count(r.nps), count(*) FILTER (WHERE r.nps >= 9),"                                 \
	" count(*) FILTER (WHERE r.nps BETWEEN 7 AND 8), count(*) FILTER (WHERE r.nps <= 6),"          \
	" count(r.csat), count(*) FILTER (WHERE r.csat >= 4), total(r.csat), total(r.csat * r.csat),"  \
	" count(r.ces), total(r.ces), total(r.ces * r.ces), count(*) FILTER (WHERE r.ces >= 5),"       \
	" count(*) FILTER (WHERE " UNHAPPY "), count(r.case_id) FILTER (WHERE " UNHAPPY ")"

/* Median seconds from an unhappy answer to its follow-up case, for one group. */
static int followup_median(cx_db *db, const char *period, const char *where, const char *survey,
			   const char *pval, const char *path, const char *sval, int64_t since, int64_t until,
			   int64_t n, int64_t *median, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc;

	*median = -1;
	if (n <= 0)
		return CX_OK;
	cx_sqlbuf_add(&q, "SELECT k.opened_at - r.at FROM responses r JOIN surveys s ON s.id = r.survey_id"
			  " JOIN cases k ON k.id = r.case_id WHERE r.case_id IS NOT NULL AND r.complete = 1 AND "
			  UNHAPPY " AND lower(s.name) = lower(?1)");
	cx_sqlbuf_add(&q, where);
	cx_sqlbuf_add(&q, " AND ");
	cx_sqlbuf_add(&q, period);
	cx_sqlbuf_add(&q, " = ?4");
	if (path)
		cx_sqlbuf_add(&q, " AND " SEGMENT " IS ?6");
	cx_sqlbuf_add(&q, " ORDER BY 1 LIMIT 1 OFFSET ?7");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, survey);
	cx_sql_bind_int(st, 2, since);
	cx_sql_bind_int(st, 3, until);
	cx_sql_bind_text(st, 4, pval);
	cx_sql_bind_text(st, 5, path);
	cx_sql_bind_text(st, 6, sval);
	cx_sql_bind_int(st, 7, (n - 1) / 2);
	return cx_sql_one_int(st, -1, median, err);
}

static int scores(cx_db *db, const cx_survey_report_opts *o, cx_out *out, int doc, cx_err *err)
{
	const char *period = period_sql(o->by, err);
	char *path = NULL;
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc, small = 0;

	if (!period)
		return CX_EUSAGE;
	if (o->segment && !(path = strdup(o->segment)))
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	const char *where = "";
	if (o->since && o->until)
		where = " AND r.at >= ?2 AND r.at < ?3";
	else if (o->since)
		where = " AND r.at >= ?2";
	else if (o->until)
		where = " AND r.at < ?3";
	cx_sqlbuf_add(&q, "SELECT s.name, ");
	cx_sqlbuf_add(&q, period);
	cx_sqlbuf_add(&q, path ? ", " SEGMENT "," : ", NULL,");
	cx_sqlbuf_add(&q, AGGREGATES " FROM responses r JOIN surveys s ON s.id = r.survey_id"
				     " WHERE r.complete = 1");
	if (o->survey)
		cx_sqlbuf_add(&q, " AND lower(s.name) = lower(?1)");
	cx_sqlbuf_add(&q, where);
	cx_sqlbuf_add(&q, " GROUP BY s.id, 2, 3 ORDER BY s.created_at, s.id, 2, 3");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc) {
		free(path);
		return rc;
	}
	cx_sql_bind_text(st, 1, o->survey);
	cx_sql_bind_int(st, 2, o->since);
	cx_sql_bind_int(st, 3, o->until);
	cx_sql_bind_text(st, 5, path);
	cx_out_begin(out, doc ? "scores" : NULL, doc ? "Scores" : NULL, CX_LAY_TABLE, report_cols, NCOLS);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		group g;
		double lo, hi;
		int64_t median = -1;
		read_group(st, 3, &g);
		cx_wilson(g.csat_good, g.csat_n, &lo, &hi);
		int is_small = g.responses < CX_SMALL_SAMPLE;
		small |= is_small;
		if ((rc = followup_median(db, period, where, cx_sql_text(st, 0), cx_sql_text(st, 1), path,
					  cx_sql_text(st, 2), o->since, o->until, g.followed, &median, err)))
			break;
		cx_val v[NCOLS] = {
			cx_sql_val(st, 0),
			cx_sql_val(st, 1),
			cx_sql_val(st, 2),
			CX_INTV(g.responses),
			g.nps.n ? CX_REALV(g.nps.score) : CX_NULLV,
			g.nps.n ? CX_REALV(g.nps.moe) : CX_NULLV,
			CX_INTV(g.nps.n),
			CX_INTV(g.nps.promoters),
			CX_INTV(g.nps.passives),
			CX_INTV(g.nps.detractors),
			g.csat_n ? CX_REALV(100.0 * (double)g.csat_good / (double)g.csat_n) : CX_NULLV,
			g.csat_n ? CX_REALV(lo) : CX_NULLV,
			g.csat_n ? CX_REALV(hi) : CX_NULLV,
			g.csat_n ? CX_REALV(g.csat.mean) : CX_NULLV,
			CX_INTV(g.csat_n),
			g.ces.n ? CX_REALV(g.ces.mean) : CX_NULLV,
			g.ces.n ? CX_REALV(g.ces.moe) : CX_NULLV,
			g.ces.n ? CX_REALV(100.0 * (double)g.ces_agree / (double)g.ces.n) : CX_NULLV,
			CX_INTV(g.ces.n),
			CX_INTV(g.unhappy),
			CX_INTV(g.followed),
			median >= 0 ? CX_INTV(median) : CX_NULLV,
			CX_INTV(is_small),
		};
		cx_out_row(out, v);
	}
	cx_sql_finalize(st);
	cx_out_end(out);
	free(path);
	if (rc < 0)
		return rc;
	if (small)
		cx_out_text(out, "(fewer than 30 responses in a row: its margins of error are wide)");
	return CX_OK;
}

/* One survey's (or all surveys') figures over [from, to). */
static int window(cx_db *db, const char *survey, int64_t from, int64_t to, group *g, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db,
				"SELECT" AGGREGATES " FROM responses r JOIN surveys s ON s.id = r.survey_id"
				" WHERE r.complete = 1 AND (?1 IS NULL OR lower(s.name) = lower(?1))"
				" AND r.at >= ?2 AND r.at < ?3",
				&st, err);
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, survey);
	cx_sql_bind_int(st, 2, from);
	cx_sql_bind_int(st, 3, to);
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW)
		read_group(st, 0, g);
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

static int compare(cx_db *db, const cx_survey_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "metric", CX_T_TEXT, 0, 0 },
		{ "before_from", CX_T_TIME, CX_COL_DATE, 0 },
		{ "after_from", CX_T_TIME, CX_COL_DATE, 0 },
		{ "before", CX_T_REAL, 0, 2 },
		{ "after", CX_T_REAL, 0, 2 },
		{ "change", CX_T_REAL, 0, 2 },
		{ "n_before", CX_T_INT, 0, 0 },
		{ "n_after", CX_T_INT, 0, 0 },
		{ "p_value", CX_T_REAL, 0, 3 },
		{ "significant", CX_T_BOOL, 0, 0 },
	};
	int64_t end = o->until ? o->until : cx_db_now(db), mid = end - o->compare, start = mid - o->compare;
	group a, b;
	int rc;

	if ((rc = window(db, o->survey, start, mid, &a, err)) || (rc = window(db, o->survey, mid, end, &b, err)))
		return rc;
	cx_change c[3] = {
		cx_nps_change(&a.nps, &b.nps),
		cx_share_change(a.csat_good, a.csat_n, b.csat_good, b.csat_n),
		cx_mean_change(&a.ces, &b.ces),
	};
	const char *names[3] = { "nps", "csat", "ces_mean" };
	int64_t na[3] = { a.nps.n, a.csat_n, a.ces.n }, nb[3] = { b.nps.n, b.csat_n, b.ces.n };
	cx_out_begin(out, "change", "Change from the period before", CX_LAY_TABLE, cols, 10);
	for (int i = 0; i < 3; i++) {
		if (!na[i] && !nb[i])
			continue;
		int tested = na[i] >= 2 && nb[i] >= 2;
		cx_val v[] = {
			CX_TEXTV(names[i]), CX_INTV(start), CX_INTV(mid),
			na[i] ? CX_REALV(c[i].before) : CX_NULLV, nb[i] ? CX_REALV(c[i].after) : CX_NULLV,
			na[i] && nb[i] ? CX_REALV(c[i].diff) : CX_NULLV, CX_INTV(na[i]), CX_INTV(nb[i]),
			tested ? CX_REALV(c[i].p) : CX_NULLV, CX_INTV(tested && c[i].significant),
		};
		cx_out_row(out, v);
	}
	cx_out_end(out);
	return CX_OK;
}

int cx_survey_report(cx_db *db, const cx_survey_report_opts *o, cx_out *out, cx_err *err)
{
	if (o->survey) {
		cx_stmt *st;
		int64_t id;
		int rc = cx_sql_prepare(db, "SELECT id FROM surveys WHERE lower(name) = lower(?1)", &st, err);
		if (rc || (rc = (cx_sql_bind_text(st, 1, o->survey), cx_sql_one_int(st, 0, &id, err))))
			return rc;
		if (!id)
			return cx_fail(err, CX_ENOTFOUND, "no survey \"%s\" (see cx survey list)", o->survey);
	}
	int rc = scores(db, o, out, o->compare > 0 || o->as_section, err);
	if (rc == CX_OK && o->compare > 0)
		rc = compare(db, o, out, err);
	return rc;
}
