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
#include <time.h>

#include "cx/drivers.h"
#include "cx/feedback.h"
#include "cx/journey.h"
#include "cx/mail.h"
#include "cx/metrics.h"
#include "cx/report.h"
#include "cx/sla.h"
#include "cx/survey.h"
#include "cx/themes.h"
#include "cx/topic.h"
#include "hook_impl.h"
#include "json_value.h"
#include "store/sql.h"

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
	cx_arg since = CX_INT(o->since), until = CX_INT(o->until);
	int rc;
	if ((rc = cx_sql_get_int(db, -1, &opened, err,
				 "SELECT count(*) FROM cases WHERE opened_at >= ?1 AND opened_at < ?2", since, until)) ||
	    (rc = cx_sql_get_int(db, -1, &resolved, err,
				 "SELECT count(*) FROM cases WHERE resolved_at >= ?1 AND resolved_at < ?2", since, until)) ||
	    (rc = cx_sql_get_int(db, -1, &open_now, err,
				 "SELECT count(*) FROM cases WHERE status IN ('new', 'open', 'pending')")) ||
	    (rc = cx_sql_get_int(db, -1, &resp, err,
				 "SELECT d FROM (SELECT first_response_at - opened_at AS d FROM cases WHERE opened_at >= ?1"
				 " AND opened_at < ?2 AND first_response_at IS NOT NULL) AS s ORDER BY d"
				 " LIMIT 1 OFFSET (SELECT (count(*) - 1) / 2 FROM cases WHERE opened_at >= ?1 AND opened_at < ?2"
				 " AND first_response_at IS NOT NULL)",
				 since, until)) ||
	    (rc = cx_sql_get_int(db, -1, &resol, err,
				 "SELECT d FROM (SELECT resolved_at - opened_at AS d FROM cases WHERE resolved_at >= ?1"
				 " AND resolved_at < ?2) AS s ORDER BY d LIMIT 1 OFFSET (SELECT (count(*) - 1) / 2 FROM cases"
				 " WHERE resolved_at >= ?1 AND resolved_at < ?2)",
				 since, until)))
		return rc;
	if (!opened && !resolved && !open_now)
		return CX_OK;
	cx_val v[] = { CX_INTV(opened), CX_INTV(resolved), CX_INTV(open_now), resp >= 0 ? CX_INTV(resp) : CX_NULLV,
		       resol >= 0 ? CX_INTV(resol) : CX_NULLV };
	cx_out_begin(out, "cases", "Cases", CX_LAY_RECORD, CX_COLS(cols));
	cx_out_row(out, v);
	cx_out_end(out);
	return CX_OK;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Whether a status is one of the work still to do. */
static int is_open(const char *status)
{
	return status && (!strcmp(status, "new") || !strcmp(status, "open") || !strcmp(status, "pending"));
}

/* Told of each case open at the report's end: when it was opened, and its channel (NULL: none). */
typedef void (*open_case_fn)(void *arg, int64_t opened, const char *channel);

/*
 * The cases open at the report's end (--until): from the history of status
 * changes, not today's status, so a report on last month shows what was
 * open at its end. A case whose status has not changed since then is what
 * it is now; one that changed since is what its last change before the end
 * made it (or as opened, when there was none); one with no history at all
 * (cx records every change; another program may not) is taken as open
 * until it was resolved.
 */
static int open_at_end(cx_db *db, int64_t until, open_case_fn fn, void *arg, cx_err *err)
{
	static const char *const queries[] = {
		/*
		 * changed since: the last change before the end, or none (open as
		 * opened); the changes since are found by time (|| '' keeps the
		 * entity index, which would walk every case's events, out of it)
		 */
		"SELECT k.id, k.opened_at, (SELECT e.details FROM events e"
		"  WHERE e.entity = 'case' AND e.entity_id = k.id AND e.action = 'status' AND e.at < ?1"
		"  ORDER BY e.at DESC, e.id DESC LIMIT 1), k.channel"
		" FROM cases k WHERE k.opened_at < ?1 AND k.id IN (SELECT e.entity_id FROM events e"
		"  WHERE e.entity || '' = 'case' AND e.action = 'status' AND e.at >= ?1) ORDER BY k.id",
		/* unchanged since the end (those above left out): today's status tells */
		"SELECT k.id, k.opened_at, k.status, k.channel FROM cases k WHERE k.status IN ('new', 'open', 'pending')"
		" AND k.opened_at < ?1",
		/* no history of status changes at all (written by another program): resolved after the end */
		"SELECT k.id, k.opened_at, 'open', k.channel FROM cases k WHERE k.resolved_at >= ?1 AND k.opened_at < ?1"
		" AND NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'case' AND e.entity_id = k.id"
		"  AND e.action = 'status')",
	};
	int64_t *changed = NULL;
	size_t nchanged = 0, cap = 0;
	int rc = CX_OK;
	for (int q = 0; q < 3 && rc == CX_OK; q++) {
		cx_stmt *st;
		if ((rc = cx_sql_query(db, &st, err, queries[q], CX_INT(until))))
			break;
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			int64_t id = cx_sql_int(st, 0);
			if (q == 0) {
				if (nchanged == cap) {
					int64_t *c = realloc(changed, (cap = cap ? 2 * cap : 64) * sizeof *c);
					if (!c) {
						rc = cx_fail(err, CX_EINTERNAL, "out of memory");
						break;
					}
					changed = c;
				}
				changed[nchanged++] = id; /* in order of id */
			} else if (q == 1 && nchanged && bsearch(&id, changed, nchanged, sizeof *changed, cmp_id)) {
				continue;
			}
			const char *status = cx_sql_text(st, 2);
			if (q == 0) { /* the status the last change before the end set ("to"), or open as opened */
				char buf[64];
				json_t *d = cx_json_parse(status);
				status = cx_json_field(d, "to", buf, sizeof buf);
				int o = is_open(status ? status : "open");
				json_decref(d);
				if (o)
					fn(arg, cx_sql_int(st, 1), cx_sql_text(st, 3));
			} else if (is_open(status))
				fn(arg, cx_sql_int(st, 1), cx_sql_text(st, 3));
		}
		cx_sql_finalize(st);
		if (rc == CX_SQL_DONE)
			rc = CX_OK;
	}
	free(changed);
	return rc < 0 ? rc : CX_OK;
}

/* Cases by the channel they came in on (mail among them): opened in the period, and open at its end. */
struct channels {
	struct channel {
		char name[64];
		int64_t n[2]; /* opened, open */
	} ch[64];
	int nch;
};

static void channel_count(struct channels *c, const char *name, int k, int64_t n)
{
	int i = 0;
	if (!name || !name[0])
		name = "-";
	while (i < c->nch && strcmp(c->ch[i].name, name))
		i++;
	if (i == c->nch) {
		if (c->nch == 64)
			return;
		snprintf(c->ch[i].name, sizeof c->ch[i].name, "%s", name);
		c->ch[i].n[0] = c->ch[i].n[1] = 0;
		c->nch++;
	}
	c->ch[i].n[k] += n;
}

static void open_by_channel(void *arg, int64_t opened, const char *channel)
{
	(void)opened;
	channel_count(arg, channel, 1, 1);
}

static int sec_channels(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "opened", CX_T_INT, 0, 0 },
		{ "open", CX_T_INT, 0, 0 },
	};
	struct channels c = { .nch = 0 };
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err,
			      "SELECT channel, count(*) FROM cases WHERE opened_at >= ?1 AND opened_at < ?2 GROUP BY channel",
			      CX_INT(o->since), CX_INT(o->until));
	if (rc)
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		channel_count(&c, cx_sql_text(st, 0), 0, cx_sql_int(st, 1));
	cx_sql_finalize(st);
	if (rc < 0 || (rc = open_at_end(db, o->until, open_by_channel, &c, err)))
		return rc;
	/* cases without a channel only: the breakdown would say nothing */
	int known = 0;
	for (int i = 0; i < c.nch; i++)
		known |= strcmp(c.ch[i].name, "-") != 0;
	if (!known)
		return CX_OK;
	/* the busiest first */
	for (int i = 1; i < c.nch; i++)
		for (int j = i; j > 0 && (c.ch[j].n[0] > c.ch[j - 1].n[0] ||
					  (c.ch[j].n[0] == c.ch[j - 1].n[0] && strcmp(c.ch[j].name, c.ch[j - 1].name) < 0));
		     j--) {
			struct channel t = c.ch[j];
			c.ch[j] = c.ch[j - 1];
			c.ch[j - 1] = t;
		}
	cx_out_begin(out, "channels", "Cases by channel", CX_LAY_TABLE, CX_COLS(cols));
	for (int i = 0; i < c.nch; i++) {
		cx_val v[] = { CX_TEXTV(c.ch[i].name), CX_INTV(c.ch[i].n[0]), CX_INTV(c.ch[i].n[1]) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	return CX_OK;
}

/* The backlog at the end, by age then. */
struct ages {
	int64_t until, n[5], total;
};

static void open_by_age(void *arg, int64_t opened, const char *channel)
{
	static const int64_t bounds[] = { 86400, 3 * 86400, 7 * 86400, 28 * 86400 };
	struct ages *a = arg;
	int64_t age = a->until - opened;
	int k = 0;
	(void)channel;
	while (k < 4 && age >= bounds[k])
		k++;
	a->n[k]++;
	a->total++;
}

static int sec_backlog(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = { { "age", CX_T_TEXT, 0, 0 }, { "open_cases", CX_T_INT, 0, 0 } };
	static const char *const labels[] = { "under 1 day", "1-3 days", "3-7 days", "1-4 weeks", "over 4 weeks" };
	struct ages a = { .until = o->until };
	int rc = open_at_end(db, o->until, open_by_age, &a, err);
	if (rc || !a.total)
		return rc;
	int64_t *n = a.n;
	cx_out_begin(out, "backlog", "Open cases by age", CX_LAY_TABLE, CX_COLS(cols));
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
		{ "priority", CX_T_TEXT, CX_COL_ALERT, 0 },
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
	int rc = cx_sql_query(db, &st, err,
			      "SELECT k.id, coalesce(k.owner, '(nobody)'), k.priority, k.title, k.opened_at,"
			      " EXISTS (SELECT 1 FROM sla_breaches b WHERE b.case_id = k.id AND b.clock = 'response'),"
			      " EXISTS (SELECT 1 FROM sla_breaches b WHERE b.case_id = k.id AND b.clock = 'resolution')"
			      " FROM cases k WHERE k.status IN ('new', 'open', 'pending') AND k.opened_at < ?1"
			      " ORDER BY k.opened_at, k.id",
			      CX_INT(o->until));
	if (rc)
		return rc;
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
	cx_out_begin(out, "sla_by_owner", "Service levels by owner", CX_LAY_TABLE, CX_COLS(owner_cols));
	for (size_t i = 0; i < nt && i < 64 && (tally[i].breached || tally[i].risk); i++) {
		cx_val v[] = { CX_TEXTV(tally[i].name), CX_INTV(tally[i].breached), CX_INTV(tally[i].risk) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	if (a->breached) {
		cx_out_begin(out, "breached", "Late cases (oldest first)", CX_LAY_TABLE, CX_COLS(case_cols));
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
	/* overdue at the report's end, as counted above: not at whatever time the clock shows */
	cx_feedback_filter f = { .overdue = 1, .limit = 10, .as_of = o->until, .section = "feedback_overdue",
				 .title = "Public feedback past its deadline" };
	return cx_feedback_list(db, &f, out, err);
}

/*
 * The start, at local midnight, of the week (from Monday) or month holding t,
 * moved `back` periods earlier.
 */
static int64_t period_start(cx_period p, int64_t t, int back)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	if (p == CX_P_MONTH) {
		tm.tm_mday = 1;
		tm.tm_mon -= back;
	} else {
		tm.tm_mday -= (tm.tm_wday + 6) % 7 + 7 * back;
	}
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

enum { TREND = 8 };

/* One score over the trend's periods: its value and answers in each, oldest first. */
typedef struct trend {
	int64_t from[TREND], n[TREND];
	double value[TREND]; /* NaN: no answers */
} trend;

/* [{"from": ..., "n": ..., "value": ...}, ...] for the machine formats. */
static void trend_json(const trend *t, char *buf, size_t size)
{
	size_t used = 0;
	buf[used++] = '[';
	for (int k = 0; k < TREND && used < size; k++) {
		char from[CX_TIME_BUF], value[32];
		cx_time_iso(t->from[k], from);
		if (isnan(t->value[k]))
			strcpy(value, "null");
		else
			snprintf(value, sizeof value, "%.12g", t->value[k]);
		used += (size_t)snprintf(buf + used, size - used, "%s{\"from\":\"%s\",\"n\":%lld,\"value\":%s}", k ? "," : "",
					 from, (long long)t->n[k], value);
	}
	if (used + 2 <= size)
		strcpy(buf + used, "]");
}

/* For people: a sparkline on a terminal, else the figures; "-" where a period had no answers. */
static void trend_text(const trend *t, int spark, int decimals, char *buf, size_t size)
{
	buf[0] = '\0';
	if (spark) {
		cx_sparkline(buf, size, t->value, TREND);
		return;
	}
	for (int k = 0; k < TREND; k++) {
		char one[24];
		if (isnan(t->value[k]))
			snprintf(one, sizeof one, "%s-", k ? " " : "");
		else
			snprintf(one, sizeof one, "%s%.*f", k ? " " : "", decimals, t->value[k]);
		strncat(buf, one, size - strlen(buf) - 1);
	}
}

static int sec_scores(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "metric", CX_T_TEXT, 0, 0 },
		{ "value", CX_T_REAL, 0, 1 },
		{ "lo", CX_T_REAL, 0, 1 },
		{ "hi", CX_T_REAL, 0, 1 },
		{ "margin", CX_T_REAL, CX_COL_HIDE, 1 },
		{ "n", CX_T_INT, 0, 0 },
		{ "small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
		{ "previous", CX_T_REAL, 0, 1 },
		{ "change", CX_T_REAL, 0, 1 },
		{ "p_value", CX_T_REAL, CX_COL_HIDE, 3 },
		{ "significant", CX_T_BOOL, 0, 0 },
		{ "method", CX_T_TEXT, CX_COL_HIDE, 0 },
		{ "reason", CX_T_TEXT, CX_COL_HIDE, 0 },
		{ "trend", CX_T_JSON, 0, 0 },
	};
	int64_t len = o->until - o->since;
	cx_survey_totals now, before, periods[TREND];
	int n1, n0, np, rc;
	if ((rc = cx_survey_sum(db, CX_P_ALL, o->since, o->until, &now, 1, &n1, err)) ||
	    (rc = cx_survey_sum(db, CX_P_ALL, o->since - len, o->since, &before, 1, &n0, err)))
		return rc;
	if (!n1 || !now.responses)
		return CX_OK;
	if (!n0)
		memset(&before, 0, sizeof before);
	/*
	 * The trend: eight whole weeks (or months), the last of them the one
	 * holding the report's end, so no period is cut short at its start and
	 * the newest one is always there.
	 */
	cx_period tp = o->trend == CX_P_MONTH ? CX_P_MONTH : CX_P_WEEK;
	trend tr[4];
	if ((rc = cx_survey_sum(db, tp, period_start(tp, o->until - 1, TREND - 1), o->until, periods, TREND, &np, err)))
		return rc;
	for (int k = 0; k < TREND; k++) {
		char key[32];
		int64_t from = period_start(tp, o->until - 1, TREND - 1 - k);
		const cx_survey_totals *w = NULL;
		cx_period_key(tp, from, key);
		for (int i = 0; i < np; i++)
			if (!strcmp(periods[i].period, key))
				w = &periods[i];
		for (int i = 0; i < 4; i++)
			tr[i].from[k] = from;
		tr[3].n[k] = w ? w->cont_n : 0;
		tr[3].value[k] = tr[3].n[k] ? 100.0 * (double)w->cont_likely / (double)w->cont_n : NAN;
		tr[0].n[k] = w ? w->nps.n : 0;
		tr[1].n[k] = w ? w->csat.n : 0;
		tr[2].n[k] = w ? w->ces.n : 0;
		tr[0].value[k] = tr[0].n[k] ? w->nps.score : NAN;
		tr[1].value[k] = tr[1].n[k] ? 100.0 * (double)w->csat_good / (double)w->csat.n : NAN;
		tr[2].value[k] = tr[2].n[k] ? w->ces.mean : NAN;
	}
	double clo, chi, klo, khi;
	cx_wilson(now.csat_good, now.csat.n, &clo, &chi);
	cx_wilson(now.cont_likely, now.cont_n, &klo, &khi);
	cx_change c[4] = {
		cx_nps_change(&before.nps, &now.nps),
		cx_share_change(before.csat_good, before.csat.n, now.csat_good, now.csat.n),
		cx_mean_change(&before.ces, &now.ces),
		cx_share_change(before.cont_likely, before.cont_n, now.cont_likely, now.cont_n),
	};
	/* likelihood to continue: the share of likely answers, as CSAT's of satisfied ones */
	const char *names[4] = { "NPS", "CSAT %", "CES (mean)", "Continue %" };
	int64_t ns[4] = { now.nps.n, now.csat.n, now.ces.n, now.cont_n },
		nb[4] = { before.nps.n, before.csat.n, before.ces.n, before.cont_n };
	double val[4] = { now.nps.score, now.csat.n ? 100.0 * (double)now.csat_good / (double)now.csat.n : 0, now.ces.mean,
			  now.cont_n ? 100.0 * (double)now.cont_likely / (double)now.cont_n : 0 };
	int has_int[4] = { 1, 1, now.ces.has_interval, 1 };
	double lo[4] = { now.nps.lo, clo, now.ces.lo, klo }, hi[4] = { now.nps.hi, chi, now.ces.hi, khi };
	double moe[4] = { now.nps.moe, (chi - clo) / 2, now.ces.moe, (khi - klo) / 2 };
	int people = cx_fmt_people(cx_out_fmt(out)), thin = 0;
	char note[256] = "Thin figures (fewer than 30 answers, so their intervals are wide):";
	cx_out_begin(out, "scores", "Survey scores, against the period before", CX_LAY_TABLE, CX_COLS(cols));
	for (int i = 0; i < 4; i++) {
		if (!ns[i])
			continue;
		char text[1024];
		if (people)
			trend_text(&tr[i], o->tty && cx_out_fmt(out) == CX_FMT_TABLE, i == 2 ? 1 : 0, text, sizeof text);
		else
			trend_json(&tr[i], text, sizeof text);
		if (ns[i] < CX_SMALL_SAMPLE) {
			size_t used = strlen(note);
			snprintf(note + used, sizeof note - used, "%s %s on %lld answer%s", thin++ ? "," : "", names[i],
				 (long long)ns[i], ns[i] == 1 ? "" : "s");
		}
		cx_val v[] = {
			CX_TEXTV(names[i]),
			CX_REALV(val[i]),
			has_int[i] ? CX_REALV(lo[i]) : CX_NULLV,
			has_int[i] ? CX_REALV(hi[i]) : CX_NULLV,
			has_int[i] ? CX_REALV(moe[i]) : CX_NULLV,
			CX_INTV(ns[i]),
			CX_INTV(ns[i] < CX_SMALL_SAMPLE),
			nb[i] ? CX_REALV(c[i].before) : CX_NULLV,
			nb[i] ? CX_REALV(val[i] - c[i].before) : CX_NULLV,
			c[i].tested ? CX_REALV(c[i].p) : CX_NULLV,
			c[i].tested ? CX_INTV(c[i].significant) : CX_NULLV,
			CX_TEXTV(c[i].method),
			CX_TEXTV(c[i].reason),
			CX_TEXTV(text),
		};
		cx_out_row(out, v);
	}
	cx_out_end(out);
	if (thin)
		cx_out_text(out, note);
	if (cx_out_fmt(out) == CX_FMT_HTML) {
		cx_chart_point p[TREND];
		char labels[TREND][32];
		for (int k = 0; k < TREND; k++) {
			char key[32];
			cx_period_key(tp, tr[0].from[k], key);
			snprintf(labels[k], sizeof labels[k], "%s", tp == CX_P_WEEK ? key + 5 : key);
			const cx_survey_totals *w = NULL;
			for (int i = 0; i < np; i++)
				if (!strcmp(periods[i].period, key))
					w = &periods[i];
			p[k] = (cx_chart_point){ labels[k], w ? w->nps.score : 0, w ? w->nps.lo : 0, w ? w->nps.hi : 0,
						 tr[0].n[k], tr[0].n[k] > 0 };
		}
		cx_axis ax = { -100, 100, 5, { 100, 50, 0, -50, -100 }, { "+100", "+50", "0", "-50", "-100" }, "%.0f" };
		char *buf = NULL;
		size_t len2;
		FILE *mem = open_memstream(&buf, &len2);
		if (mem) {
			cx_chart_svg_axis(mem, tp == CX_P_WEEK ? "NPS by week" : "NPS by month",
					  tp == CX_P_WEEK ? "with its 95% interval; weeks start on Monday" : "with its 95% interval",
					  p, TREND, &ax);
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
		cx_out_begin(out, "hotspots", "Journey friction hot spots", CX_LAY_TABLE, CX_COLS(cols));
		for (int i = 0; i < m.nhot && i < 3; i++) {
			cx_hotspot *h = &m.hot[i];
			cx_val v[] = { CX_TEXTV(h->stage), CX_TEXTV(h->channel), CX_REALV(h->score), CX_INTV(h->touches),
				       h->emotion_n ? CX_REALV(100 * h->negative) : CX_NULLV };
			cx_out_row(out, v);
		}
		cx_out_end(out);
		if (cx_out_fmt(out) == CX_FMT_HTML && m.touches) {
			cx_chart_point p[32];
			int n = m.nstages < 32 ? m.nstages : 32;
			for (int i = 0; i < n; i++) {
				cx_stage_stat *g = &m.stages[i];
				p[i] = (cx_chart_point){ g->name, g->emotion_mean, g->emotion_ci ? g->emotion_lo : 1,
							 g->emotion_ci ? g->emotion_hi : 0, g->emotion_n, g->emotion_n > 0 };
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
					 " AND (r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3"
					 "  OR r.cont <= CASE r.cont_scale WHEN 10 THEN 6 WHEN 7 THEN 3 ELSE 2 END)";
	char sql[700];
	cx_stmt *st;
	int rc;
	snprintf(sql, sizeof sql, "SELECT count(*)%s", where);
	if ((rc = cx_sql_get_int(db, -1, &a->unfollowed, err, sql, CX_INT(o->since), CX_INT(o->until))) ||
	    !a->unfollowed)
		return rc;
	snprintf(sql, sizeof sql,
		 "SELECT r.id, s.name, r.at, coalesce(c.name, r.name, r.email), r.nps, r.csat, r.ces, r.comment%s"
		 " ORDER BY r.at LIMIT 10",
		 where);
	if ((rc = cx_sql_query(db, &st, err, sql, CX_INT(o->since), CX_INT(o->until))))
		return rc;
	cx_out_begin(out, "detractors", "Unhappy respondents without a follow-up", CX_LAY_TABLE, CX_COLS(cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	if (rc == CX_OK)
		cx_out_text(out, "Open their cases with: cx survey follow-up");
	return rc;
}

/* The topics mentioned more than in the period before: what is growing. */
static int sec_topics(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "topic", CX_T_TEXT, 0, 0 },	 { "before", CX_T_INT, 0, 0 },	 { "now", CX_T_INT, 0, 0 },
		{ "change", CX_T_INT, 0, 0 },	 { "p", CX_T_REAL, 0, 4 },	 { "grew", CX_T_BOOL, 0, 0 },
	};
	cx_topic_growth g[10];
	int64_t topics;
	int n, rc;
	/* without topics, nothing to tag: the report does not touch the search index */
	if ((rc = cx_sql_get_int(db, -1, &topics, err, "SELECT count(*) FROM topics")) || !topics)

		return rc;
	if ((rc = cx_topic_growth_list(db, o->since, o->until, g, 10, &n, err)) || !n)
		return rc;
	cx_out_begin(out, "topics", "Topics mentioned more than the period before", CX_LAY_TABLE, CX_COLS(cols));
	for (int i = 0; i < n; i++) {
		cx_val v[] = { CX_TEXTV(g[i].name), CX_INTV(g[i].before), CX_INTV(g[i].after),
			       CX_INTV(g[i].after - g[i].before), CX_REALV(g[i].p), CX_INTV(g[i].p < 0.05) };
		cx_out_row(out, v);
	}
	cx_out_end(out);
	cx_out_text(out, "p: an exact test of more mentions than the period before at the same rate; grew: p below 0.05.");
	return CX_OK;
}

/* What the period's unhappy respondents wrote about more than the others. */
static int sec_themes(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	cx_themes_opts t = { .source = CX_THEMES_SURVEY, .since = o->since, .until = o->until, .limit = 5,
			     .as_section = 1 };
	return cx_themes(db, &t, out, err);
}

/*
 * Which journey stage drives the recommend score, on every answer up to the
 * period's end (a day or a week has too few): left out, with why for
 * people, when the data cannot carry it. Drivers move slowly, and weighing
 * them reads every journey: reports of a week or more only, not the
 * morning's daily one.
 */
static int sec_drivers(cx_db *db, const cx_report_opts *o, cx_out *out, cx_err *err)
{
	cx_drivers_opts d = { .until = o->until, .as_section = 1 };
	cx_err why;
	if (o->until - o->since < 7 * 86400)
		return CX_OK;
	int rc = cx_drivers(db, &d, out, &why);
	if (rc == CX_EDATA) {
		if (strstr(why.msg, "at least"))
			cx_out_text(out, why.msg);
		return CX_OK;
	}
	if (rc)
		*err = why;
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
		return cx_fail(err, CX_EUSAGE, "the report's period is empty (" CX_FIELD("since") " must be before "
					       CX_FIELD("until") ")");
	cx_val v[] = { CX_TEXTV(o->name ? o->name : "report"), CX_INTV(o->since), CX_INTV(o->until) };
	cx_out_begin(out, "period", "Period", CX_LAY_RECORD, CX_COLS(period_cols));
	cx_out_row(out, v);
	cx_out_end(out);
	if ((rc = sec_cases(db, o, out, err)) || (rc = sec_channels(db, o, out, err)) || (rc = sec_backlog(db, o, out, err)) ||
	    (rc = sec_sla(db, o, out, a, err)) ||
	    (rc = sec_feedback(db, o, out, a, err)) || (rc = cx_mail_report_section(db, o->since, o->until, out, err)) ||
	    (rc = sec_scores(db, o, out, err)) || (rc = cx_survey_loop_section(db, o->since, o->until, out, err)) ||
	    (rc = sec_hotspots(db, o, out, err)) || (rc = sec_themes(db, o, out, err)) ||
	    (rc = sec_drivers(db, o, out, err)) || (rc = sec_topics(db, o, out, err)) ||
	    (rc = sec_detractors(db, o, out, a, err)))
		return rc;
	return CX_OK;
}
