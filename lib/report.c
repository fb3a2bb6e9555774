/*
 * The digest: one report of what happened in a period and what needs
 * attention now, as sections that are left out when they have nothing to
 * say: cases and backlog, service levels by owner, overdue public feedback,
 * survey scores against the period before, the journey's hot spots, and
 * unhappy respondents nobody has followed up yet.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/feedback.h"
#include "cx/journey.h"
#include "cx/mail.h"
#include "cx/metrics.h"
#include "cx/report.h"
#include "cx/sla.h"
#include "cx/survey.h"
#include "hook_impl.h"
#include "sql.h"

static int one_int(cx_db *db, const char *sql, int64_t a, int64_t b, int64_t *v, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, sql, &st, err);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, a);
	cx_sql_bind_int(st, 2, b);
	return cx_sql_one_int(st, -1, v, err);
}

/* An SVG picture into the page (HTML only). */
static void raw_svg(cx_out *out, FILE *mem, char **buf)
{
	/* the buffer is known only once the stream is closed */
	if (fclose(mem) == 0 && *buf)
		cx_out_raw(out, *buf);
	free(*buf);
}

static int sec_cases(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "opened", CX_T_INT, 0, 0 },
		{ "resolved", CX_T_INT, 0, 0 },
		{ "open_now", CX_T_INT, 0, 0 },
		{ "first_response_median_s", CX_T_SECS, 0, 0 },
		{ "resolution_median_s", CX_T_SECS, 0, 0 },
	};
	int64_t opened, resolved, open_now, resp, resol;
	int rc;
	if ((rc = one_int(db, "SELECT count(*) FROM cases WHERE opened_at >= ?1 AND opened_at < ?2", o->since, o->until,
			  &opened, err)) ||
	    (rc = one_int(db, "SELECT count(*) FROM cases WHERE resolved_at >= ?1 AND resolved_at < ?2", o->since,
			  o->until, &resolved, err)) ||
	    (rc = one_int(db, "SELECT count(*) FROM cases WHERE status IN ('new', 'open', 'pending')", 0, 0, &open_now,
			  err)) ||
	    (rc = one_int(db,
			  "SELECT d FROM (SELECT first_response_at - opened_at AS d FROM cases WHERE opened_at >= ?1"
			  " AND opened_at < ?2 AND first_response_at IS NOT NULL) AS s ORDER BY d"
			  " LIMIT 1 OFFSET (SELECT (count(*) - 1) / 2 FROM cases WHERE opened_at >= ?1 AND opened_at < ?2"
			  " AND first_response_at IS NOT NULL)",
			  o->since, o->until, &resp, err)) ||
	    (rc = one_int(db,
			  "SELECT d FROM (SELECT resolved_at - opened_at AS d FROM cases WHERE resolved_at >= ?1"
			  " AND resolved_at < ?2) AS s ORDER BY d LIMIT 1 OFFSET (SELECT (count(*) - 1) / 2 FROM cases"
			  " WHERE resolved_at >= ?1 AND resolved_at < ?2)",
			  o->since, o->until, &resol, err)))
		return rc;
	if (!opened && !resolved && !open_now)
		return CX_OK;
	cx_val v[] = { CX_INTV(opened), CX_INTV(resolved), CX_INTV(open_now), resp >= 0 ? CX_INTV(resp) : CX_NULLV,
		       resol >= 0 ? CX_INTV(resol) : CX_NULLV };
	cx_out_begin(out, "cases", "Cases", CX_LAY_RECORD, cols, 5);
	cx_out_row(out, v);
	cx_out_end(out);
	return CX_OK;
}

/* Cases by the channel they came in on (mail among them): opened in the period, and open now. */
static int sec_channels(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "opened", CX_T_INT, 0, 0 },
		{ "open_now", CX_T_INT, 0, 0 },
	};
	/* two reads along their indexes (by time, by status), joined here */
	static const char *const sql[] = {
		"SELECT coalesce(channel, '-'), count(*) FROM cases WHERE opened_at >= ?1 AND opened_at < ?2"
		" GROUP BY coalesce(channel, '-')",
		"SELECT coalesce(channel, '-'), count(*) FROM cases WHERE status IN ('new', 'open', 'pending') AND opened_at < ?2"
		" GROUP BY coalesce(channel, '-')",
	};
	struct channel {
		char name[64];
		int64_t n[2];
	} ch[64];
	int nch = 0, rc = CX_OK;
	for (int k = 0; k < 2 && rc == CX_OK; k++) {
		cx_stmt *st;
		if ((rc = cx_sql_prepare(db, sql[k], &st, err)))
			return rc;
		cx_sql_bind_int(st, 1, o->since);
		cx_sql_bind_int(st, 2, o->until);
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			const char *name = cx_sql_text(st, 0);
			int i = 0;
			while (i < nch && strcmp(ch[i].name, name))
				i++;
			if (i == nch) {
				if (nch == 64)
					continue;
				snprintf(ch[nch].name, sizeof ch[nch].name, "%s", name);
				ch[nch].n[0] = ch[nch].n[1] = 0;
				nch++;
			}
			ch[i].n[k] = cx_sql_int(st, 1);
		}
		cx_sql_finalize(st);
		rc = rc < 0 ? rc : CX_OK;
	}
	/* cases without a channel only: the breakdown would say nothing */
	int known = 0;
	for (int i = 0; i < nch; i++)
		known |= strcmp(ch[i].name, "-") != 0;
	if (rc || !known)
		return rc;
	/* the busiest first */
	for (int i = 1; i < nch; i++)
		for (int j = i; j > 0 && (ch[j].n[0] > ch[j - 1].n[0] ||
					  (ch[j].n[0] == ch[j - 1].n[0] && strcmp(ch[j].name, ch[j - 1].name) < 0)); j--) {
			struct channel t = ch[j];
			ch[j] = ch[j - 1];
			ch[j - 1] = t;
		}
	cx_out_begin(out, "channels", "Cases by channel", CX_LAY_TABLE, cols, 3);
	for (int i = 0; i < nch; i++) {
		cx_val v[] = { CX_TEXTV(ch[i].name), CX_INTV(ch[i].n[0]), CX_INTV(ch[i].n[1]) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	return CX_OK;
}

static int sec_backlog(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = { { "age", CX_T_TEXT, 0, 0 }, { "open_cases", CX_T_INT, 0, 0 } };
	static const char *const labels[] = { "under 1 day", "1-3 days", "3-7 days", "1-4 weeks", "over 4 weeks" };
	static const int64_t bounds[] = { 86400, 3 * 86400, 7 * 86400, 28 * 86400 };
	int64_t n[5] = { 0 }, total = 0, now = o->until;
	cx_stmt *st;
	/* a report on a past period leaves out what was opened after it (its age would be negative) */
	int rc = cx_sql_prepare(db, "SELECT opened_at FROM cases WHERE status IN ('new', 'open', 'pending') AND opened_at < ?1",
				&st, err);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, o->until);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		int64_t age = now - cx_sql_int(st, 0);
		int k = 0;
		while (k < 4 && age >= bounds[k])
			k++;
		n[k]++;
		total++;
	}
	cx_sql_finalize(st);
	if (rc < 0 || !total)
		return rc < 0 ? rc : CX_OK;
	cx_out_begin(out, "backlog", "Open cases by age", CX_LAY_TABLE, cols, 2);
	for (int k = 0; k < 5; k++) {
		cx_val v[] = { CX_TEXTV(labels[k]), CX_INTV(n[k]) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	if (cx_out_fmt(out) == CX_FMT_HTML) {
		char *buf = NULL;
		size_t len;
		FILE *mem = open_memstream(&buf, &len);
		if (mem) {
			cx_chart_bars_svg(mem, "Open cases by age", labels, n, 5);
			raw_svg(out, mem, &buf);
		}
	}
	return CX_OK;
}

/* An owner's open cases that are late or at risk. */
struct owner {
	const char *name;
	int64_t breached, risk;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct owner *)a)->name, ((const struct owner *)b)->name);
}

static int by_lateness(const void *a, const void *b)
{
	const struct owner *x = a, *y = b;
	if (x->breached != y->breached)
		return x->breached > y->breached ? -1 : 1;
	if (x->risk != y->risk)
		return x->risk > y->risk ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int sec_sla(cx_db *db, const cx_report_opts *o, cx_out *out, cx_attention *a, cx_err *err)
{
	static const cx_col owner_cols[] = {
		{ "owner", CX_T_TEXT, 0, 0 },
		{ "breached", CX_T_INT, 0, 0 },
		{ "at_risk", CX_T_INT, 0, 0 },
	};
	static const cx_col case_cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "priority", CX_T_TEXT, 0, 0 },
		{ "owner", CX_T_TEXT, 0, 0 },
		{ "late_on", CX_T_TEXT, 0, 0 },
		{ "opened_at", CX_T_TIME, CX_COL_AGE, 0 },
		{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	struct row {
		int64_t id, opened;
		char owner[80], priority[16], title[200], late[24];
		int breached, risk;
		int noticed[2]; /* the response and resolution breaches already announced */
	} *rows = NULL;
	struct owner *tally = NULL;
	size_t n = 0, cap = 0;
	cx_biz *b = NULL;
	cx_stmt *st;
	int rc = cx_sql_prepare(db,
				"SELECT k.id, coalesce(k.owner, '(nobody)'), k.priority, k.title, k.opened_at,"
				" EXISTS (SELECT 1 FROM sla_breaches b WHERE b.case_id = k.id AND b.clock = 'response'),"
				" EXISTS (SELECT 1 FROM sla_breaches b WHERE b.case_id = k.id AND b.clock = 'resolution')"
				" FROM cases k WHERE k.status IN ('new', 'open', 'pending') AND k.opened_at < ?1"
				" ORDER BY k.opened_at, k.id",
				&st, err);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, o->until);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		if (n == cap) {
			struct row *r = realloc(rows, (cap = cap ? 2 * cap : 64) * sizeof *r);
			if (!r) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			rows = r;
		}
		struct row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->id = cx_sql_int(st, 0);
		snprintf(r->owner, sizeof r->owner, "%s", cx_sql_text(st, 1));
		snprintf(r->priority, sizeof r->priority, "%s", cx_sql_text(st, 2));
		snprintf(r->title, sizeof r->title, "%s", cx_sql_text(st, 3));
		r->opened = cx_sql_int(st, 4);
		r->noticed[0] = (int)cx_sql_int(st, 5);
		r->noticed[1] = (int)cx_sql_int(st, 6);
	}
	cx_sql_finalize(st);
	if (rc < 0 || (rc = cx_biz_load(db, &b, err)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		cx_sla s;
		if ((rc = cx_sla_case(db, b, rows[i].id, o->until, &s, err)))
			goto out;
		int late_r = s.response.state == CX_SLA_BREACHED, late_s = s.resolution.state == CX_SLA_BREACHED;
		rows[i].breached = late_r || late_s;
		rows[i].risk = !rows[i].breached &&
			       (s.response.state == CX_SLA_AT_RISK || s.resolution.state == CX_SLA_AT_RISK);
		snprintf(rows[i].late, sizeof rows[i].late, "%s", late_r && late_s ? "response, resolution"
								  : late_r	      ? "response"
									      : "resolution");
		a->breached += rows[i].breached;
		a->at_risk += rows[i].risk;
		/* a breach seen for the first time is announced once (on-breach) */
		for (int k = 0; o->notice && k < 2; k++) {
			if (!(k ? late_s : late_r) || rows[i].noticed[k])
				continue;
			cx_stmt *ins;
			if ((rc = cx_sql_cached(db,
						"INSERT INTO sla_breaches (case_id, clock, noticed_at) VALUES (?1, ?2, ?3)"
						" ON CONFLICT DO NOTHING",
						&ins, err)))
				goto out;
			cx_sql_bind_int(ins, 1, rows[i].id);
			cx_sql_bind_text_static(ins, 2, k ? "resolution" : "response");
			cx_sql_bind_int(ins, 3, o->until);
			rc = cx_sql_step(ins, err);
			cx_sql_release(ins);
			if (rc < 0)
				goto out;
			if (cx_sql_changes(db) && (rc = cx_hook_breach(db, rows[i].id, k ? "resolution" : "response", err)))
				goto out;
		}
	}
	cx_biz_free(b);
	b = NULL;
	if (!a->breached && !a->at_risk)
		goto out;
	/* by owner: those with the most late cases first, then those with the most at risk, then by name */
	if (!(tally = calloc(n, sizeof *tally))) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto out;
	}
	size_t nt = 0;
	for (size_t i = 0; i < n; i++)
		tally[i] = (struct owner){ rows[i].owner, rows[i].breached, rows[i].risk };
	qsort(tally, n, sizeof *tally, by_name);
	for (size_t i = 0; i < n; i++) {
		if (nt && !strcmp(tally[nt - 1].name, tally[i].name)) {
			tally[nt - 1].breached += tally[i].breached;
			tally[nt - 1].risk += tally[i].risk;
		} else {
			tally[nt++] = tally[i];
		}
	}
	qsort(tally, nt, sizeof *tally, by_lateness);
	cx_out_begin(out, "sla_by_owner", "Service levels by owner", CX_LAY_TABLE, owner_cols, 3);
	for (size_t i = 0; i < nt && i < 64 && (tally[i].breached || tally[i].risk); i++) {
		cx_val v[] = { CX_TEXTV(tally[i].name), CX_INTV(tally[i].breached), CX_INTV(tally[i].risk) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	if (a->breached) {
		cx_out_begin(out, "breached", "Late cases (oldest first)", CX_LAY_TABLE, case_cols, 6);
		int shown = 0;
		for (size_t i = 0; i < n && shown < 10; i++)
			if (rows[i].breached) {
				cx_val v[] = { CX_INTV(rows[i].id), CX_TEXTV(rows[i].priority), CX_TEXTV(rows[i].owner),
					       CX_TEXTV(rows[i].late), CX_INTV(rows[i].opened), CX_TEXTV(rows[i].title) };
				cx_out_row(out, v);
				shown++;
			}
		cx_out_end(out);
		if (a->breached > 10) {
			char more[96];
			snprintf(more, sizeof more, "... and %lld more: cx case list --breached", (long long)(a->breached - 10));
			cx_out_text(out, more);
		}
	}
out:
	cx_biz_free(b);
	free(tally);
	free(rows);
	return rc;
}

static int sec_feedback(cx_db *db, const cx_report_opts *o, cx_out *out, cx_attention *a, cx_err *err)
{
	int rc = cx_feedback_overdue_count(db, o->until, &a->overdue, err);
	if (rc || !a->overdue)
		return rc;
	cx_feedback_filter f = { .overdue = 1, .limit = 10, .section = "feedback_overdue",
				 .title = "Public feedback past its deadline" };
	return cx_feedback_list(db, &f, out, err);
}

static int sec_scores(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "metric", CX_T_TEXT, 0, 0 },
		{ "value", CX_T_REAL, 0, 1 },
		{ "margin", CX_T_REAL, 0, 1 },
		{ "n", CX_T_INT, 0, 0 },
		{ "previous", CX_T_REAL, 0, 1 },
		{ "change", CX_T_REAL, 0, 1 },
		{ "p_value", CX_T_REAL, CX_COL_HIDE, 3 },
		{ "significant", CX_T_BOOL, 0, 0 },
		{ "trend", CX_T_TEXT, 0, 0 },
	};
	int64_t len = o->until - o->since;
	cx_survey_totals now, before, weeks[8];
	int n1, n0, nw, rc;
	if ((rc = cx_survey_sum(db, CX_P_ALL, o->since, o->until, &now, 1, &n1, err)) ||
	    (rc = cx_survey_sum(db, CX_P_ALL, o->since - len, o->since, &before, 1, &n0, err)))
		return rc;
	if (!n1 || !now.responses)
		return CX_OK;
	if (!n0)
		memset(&before, 0, sizeof before);
	/* the trend: the last eight weeks */
	if ((rc = cx_survey_sum(db, CX_P_WEEK, o->until - 8 * 7 * 86400, o->until, weeks, 8, &nw, err)))
		return rc;
	double series[3][8];
	for (int i = 0; i < nw; i++) {
		series[0][i] = weeks[i].nps.n ? weeks[i].nps.score : NAN;
		series[1][i] = weeks[i].csat.n ? 100.0 * (double)weeks[i].csat_good / (double)weeks[i].csat.n : NAN;
		series[2][i] = weeks[i].ces.n ? weeks[i].ces.mean : NAN;
	}
	double lo, hi;
	cx_wilson(now.csat_good, now.csat.n, &lo, &hi);
	cx_change c[3] = {
		cx_nps_change(&before.nps, &now.nps),
		cx_share_change(before.csat_good, before.csat.n, now.csat_good, now.csat.n),
		cx_mean_change(&before.ces, &now.ces),
	};
	const char *names[3] = { "NPS", "CSAT %", "CES (mean)" };
	int64_t ns[3] = { now.nps.n, now.csat.n, now.ces.n }, nb[3] = { before.nps.n, before.csat.n, before.ces.n };
	double val[3] = { now.nps.score, now.csat.n ? 100.0 * (double)now.csat_good / (double)now.csat.n : 0, now.ces.mean };
	double moe[3] = { now.nps.moe, (hi - lo) / 2, now.ces.moe };
	cx_out_begin(out, "scores", "Survey scores, against the period before", CX_LAY_TABLE, cols, 9);
	for (int i = 0; i < 3; i++) {
		if (!ns[i])
			continue;
		char trend[160] = "";
		if (nw > 1) {
			if (o->tty && cx_out_fmt(out) == CX_FMT_TABLE) {
				cx_sparkline(trend, sizeof trend, series[i], nw);
			} else {
				/* plain numbers where Unicode blocks may not be shown, and for tools (every figure) */
				for (int k = 0; k < nw; k++) {
					char one[24];
					if (isnan(series[i][k]))
						snprintf(one, sizeof one, "%s-", k ? " " : "");
					else
						snprintf(one, sizeof one, "%s%.*f", k ? " " : "", i == 2 ? 1 : 0, series[i][k]);
					strncat(trend, one, sizeof trend - strlen(trend) - 1);
				}
			}
		}
		int tested = ns[i] >= 2 && nb[i] >= 2;
		cx_val v[] = {
			CX_TEXTV(names[i]), CX_REALV(val[i]), CX_REALV(moe[i]), CX_INTV(ns[i]),
			nb[i] ? CX_REALV(c[i].before) : CX_NULLV, nb[i] ? CX_REALV(val[i] - c[i].before) : CX_NULLV,
			tested ? CX_REALV(c[i].p) : CX_NULLV, CX_INTV(tested && c[i].significant),
			trend[0] ? CX_TEXTV(trend) : CX_NULLV,
		};
		cx_out_row(out, v);
	}
	cx_out_end(out);
	if (now.responses < CX_SMALL_SAMPLE)
		cx_out_text(out, "(fewer than 30 responses in the period: the margins are wide)");
	if (cx_out_fmt(out) == CX_FMT_HTML && nw > 1) {
		cx_chart_point p[8];
		for (int k = 0; k < nw; k++)
			p[k] = (cx_chart_point){ weeks[k].period + 5, weeks[k].nps.score,
						 weeks[k].nps.score - weeks[k].nps.moe, weeks[k].nps.score + weeks[k].nps.moe,
						 weeks[k].nps.n, weeks[k].nps.n > 0 };
		cx_axis ax = { -100, 100, 5, { 100, 50, 0, -50, -100 }, { "+100", "+50", "0", "-50", "-100" }, "%.0f" };
		char *buf = NULL;
		size_t len2;
		FILE *mem = open_memstream(&buf, &len2);
		if (mem) {
			cx_chart_svg_axis(mem, "NPS by week", "with its 95% margin of error; weeks start on Monday", p, nw, &ax);
			raw_svg(out, mem, &buf);
		}
	}
	return CX_OK;
}

static int sec_hotspots(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "stage", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "friction", CX_T_REAL, 0, 1 },
		{ "touchpoints", CX_T_INT, 0, 0 },
		{ "negative", CX_T_REAL, 0, 1 },
	};
	cx_journey_filter f = { .since = o->since, .until = o->until };
	cx_journey_map m;
	int rc = cx_journey_map_compute(db, &f, &m, err);
	if (rc)
		return rc;
	if (m.nhot > 0 && m.hot[0].score > 0) {
		cx_out_begin(out, "hotspots", "Journey friction hot spots", CX_LAY_TABLE, cols, 5);
		for (int i = 0; i < m.nhot && i < 3; i++) {
			cx_hotspot *h = &m.hot[i];
			cx_val v[] = { CX_TEXTV(h->stage), CX_TEXTV(h->channel), CX_REALV(h->score), CX_INTV(h->touches),
				       CX_REALV(100 * h->negative) };
			cx_out_row(out, v);
		}
		cx_out_end(out);
		if (cx_out_fmt(out) == CX_FMT_HTML && m.touches) {
			cx_chart_point p[32];
			int n = m.nstages < 32 ? m.nstages : 32;
			for (int i = 0; i < n; i++) {
				cx_stage_stat *g = &m.stages[i];
				p[i] = (cx_chart_point){ g->name, g->emotion_mean, g->emotion_lo, g->emotion_hi, g->emotion_n,
							 g->emotion_n > 0 };
			}
			char *buf = NULL;
			size_t len;
			FILE *mem = open_memstream(&buf, &len);
			if (mem) {
				cx_chart_svg(mem, "The journey's emotion by stage", "in this period, with the 95% interval", p, n);
				raw_svg(out, mem, &buf);
			}
		}
	}
	cx_journey_map_free(&m);
	return CX_OK;
}

static int sec_detractors(cx_db *db, const cx_report_opts *o, cx_out *out, cx_attention *a, cx_err *err)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "survey", CX_T_TEXT, 0, 0 },
		{ "at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "respondent", CX_T_TEXT, 0, 0 },
		{ "nps", CX_T_INT, 0, 0 },
		{ "csat", CX_T_INT, 0, 0 },
		{ "ces", CX_T_INT, 0, 0 },
		{ "comment", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	static const char *const where = " FROM responses r JOIN surveys s ON s.id = r.survey_id"
					 " LEFT JOIN customers c ON c.id = r.customer_id"
					 " WHERE r.complete = 1 AND r.case_id IS NULL AND r.at >= ?1 AND r.at < ?2"
					 " AND (r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3)";
	char sql[700];
	cx_stmt *st;
	int rc;
	snprintf(sql, sizeof sql, "SELECT count(*)%s", where);
	if ((rc = one_int(db, sql, o->since, o->until, &a->unfollowed, err)) || !a->unfollowed)
		return rc;
	snprintf(sql, sizeof sql,
		 "SELECT r.id, s.name, r.at, coalesce(c.name, r.name, r.email), r.nps, r.csat, r.ces, r.comment%s"
		 " ORDER BY r.at LIMIT 10",
		 where);
	if ((rc = cx_sql_prepare(db, sql, &st, err)))
		return rc;
	cx_sql_bind_int(st, 1, o->since);
	cx_sql_bind_int(st, 2, o->until);
	cx_out_begin(out, "detractors", "Unhappy respondents without a follow-up", CX_LAY_TABLE, cols, 8);
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	if (rc == CX_OK)
		cx_out_text(out, "Open their cases with: cx survey follow-up");
	return rc;
}

int cx_report(cx_db *db, const cx_report_opts *o, cx_out *out, cx_attention *a, cx_err *err)
{
	static const cx_col period_cols[] = {
		{ "report", CX_T_TEXT, 0, 0 },
		{ "from", CX_T_TIME, 0, 0 },
		{ "until", CX_T_TIME, 0, 0 },
	};
	int rc;

	memset(a, 0, sizeof *a);
	if (o->until <= o->since)
		return cx_fail(err, CX_EUSAGE, "the report's period is empty (--since must be before --until)");
	cx_val v[] = { CX_TEXTV(o->name ? o->name : "report"), CX_INTV(o->since), CX_INTV(o->until) };
	cx_out_begin(out, "period", "Period", CX_LAY_RECORD, period_cols, 3);
	cx_out_row(out, v);
	cx_out_end(out);
	if ((rc = sec_cases(db, o, out, err)) || (rc = sec_channels(db, o, out, err)) || (rc = sec_backlog(db, o, out, err)) ||
	    (rc = sec_sla(db, o, out, a, err)) ||
	    (rc = sec_feedback(db, o, out, a, err)) || (rc = cx_mail_report_section(db, o->since, o->until, out, err)) ||
	    (rc = sec_scores(db, o, out, err)) ||
	    (rc = sec_hotspots(db, o, out, err)) || (rc = sec_detractors(db, o, out, a, err)))
		return rc;
	return CX_OK;
}
