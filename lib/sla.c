/*
 * Service levels: the business's hours and holidays, the targets per
 * priority and channel, and each case measured against them in business
 * time, with the time spent waiting on the customer (pending) not counted.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cx/case.h"
#include "cx/event.h"
#include "cx/setting.h"
#include "cx/sla.h"
#include "cx/words.h"
#include "json_value.h"
#include "names.h"
#include "section.h"
#include "store/sql.h"

const char *const cx_sla_names[] = { "none", "ok", "at risk", "breached", "met", "paused" };

static const char *const wdays[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

/* ---- the calendar ---- */

/* The calendar's questions: the zone, the opening hours, the holidays. */
static int biz_ask(cx_db *db, cx_asked *q, cx_err *err)
{
	int rc = cx_setting_ask(db, "timezone", q, err);
	if (rc == CX_OK)
		rc = cx_ask(db, q, "SELECT weekday, opens, closes FROM business_hours ORDER BY weekday, opens", 0, 0, err);
	if (rc == CX_OK)
		rc = cx_ask(db, q, "SELECT day FROM holidays ORDER BY day", 0, 0, err);
	return rc;
}

static int biz_take(cx_asked *q, cx_biz **b, cx_err *err)
{
	cx_hours *h = NULL;
	char **hol = NULL, zone[64];
	int nh = 0, nhol = 0, rc;
	cx_stmt *st;

	if ((rc = cx_setting_take(q, "timezone", zone, sizeof zone, err)))
		return rc;
	st = cx_asked_next(q);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		cx_hours *n = realloc(h, (size_t)(nh + 1) * sizeof *n);
		if (!n) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		h = n;
		h[nh++] = (cx_hours){ (int)cx_sql_int(st, 0), (int)cx_sql_int(st, 1), (int)cx_sql_int(st, 2) };
	}
	cx_sql_finalize(st);
	if (rc >= 0) {
		st = cx_asked_next(q);
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			char **n = realloc(hol, (size_t)(nhol + 1) * sizeof *n);
			if (!n || !(n[nhol] = strdup(cx_sql_text(st, 0)))) {
				if (n)
					hol = n;
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			hol = n;
			nhol++;
		}
		cx_sql_finalize(st);
	}
	if (rc >= 0)
		rc = cx_biz_new(zone, h, nh, (const char *const *)hol, nhol, b, err);
	for (int i = 0; i < nhol; i++)
		free(hol[i]);
	free(hol);
	free(h);
	return rc;
}

int cx_biz_load(cx_db *db, cx_biz **b, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = biz_ask(db, &q, err);
	if (rc == CX_OK)
		rc = biz_take(&q, b, err);
	cx_asked_free(&q);
	return rc;
}

static int parse_clock(const char *s, int *minutes)
{
	int h, m;
	char tail;
	if (sscanf(s, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

static int day_index(const char *s, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n == 3 && !strncasecmp(s, wdays[i], 3))
			return i;
	return -1;
}

/* "mon-fri 09:00-17:00 sat 10:00-14:00" into hours; every weekday's periods must not overlap. */
int cx_sla_hours_set(cx_db *db, const char *spec, cx_err *err)
{
	cx_hours h[7 * 8];
	int nh = 0, days[7] = { 0 }, have_days = 0, rc;
	char *copy = strdup(spec ? spec : ""), *save = NULL;

	if (!copy)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	int always = !spec[strspn(spec, " ")] || !strcmp(spec, "24/7");
	for (char *t = always ? NULL : strtok_r(copy, " ,", &save); t; t = strtok_r(NULL, " ,", &save)) {
		if (isalpha((unsigned char)t[0])) {
			/* a day or a range of days: mon, mon-fri, sat-sun */
			int a = day_index(t, strcspn(t, "-")), z = a;
			if (t[strcspn(t, "-")] == '-')
				z = day_index(t + 4, strlen(t + 4));
			if (a < 0 || z < 0) {
				rc = cx_fail(err, CX_EDATA, "hours: \"%s\" is not a weekday or a range like mon-fri", t);
				goto fail;
			}
			if (have_days == 2)
				memset(days, 0, sizeof days);
			have_days = 1;
			for (int d = a;; d = (d + 1) % 7) {
				days[d] = 1;
				if (d == z)
					break;
			}
			continue;
		}
		char *dash = strchr(t, '-');
		int o, c;
		if (!dash || (*dash = '\0', parse_clock(t, &o)) || parse_clock(dash + 1, &c) || o >= c) {
			if (dash)
				*dash = '-';
			rc = cx_fail(err, CX_EDATA, "hours: \"%s\" is not an opening period like 09:00-17:30", t);
			goto fail;
		}
		if (!have_days) {
			rc = cx_fail(err, CX_EDATA, "hours: name the days before the hours, e.g. mon-fri 09:00-17:00");
			goto fail;
		}
		have_days = 2;
		for (int d = 0; d < 7; d++) {
			if (!days[d])
				continue;
			for (int i = 0; i < nh; i++)
				if (h[i].weekday == d && o < h[i].closes && h[i].opens < c) {
					rc = cx_fail(err, CX_EDATA, "hours: on %s, %02d:%02d-%02d:%02d overlaps %02d:%02d-%02d:%02d",
						     wdays[d], o / 60, o % 60, c / 60, c % 60, h[i].opens / 60, h[i].opens % 60,
						     h[i].closes / 60, h[i].closes % 60);
					goto fail;
				}
			if (nh == (int)(sizeof h / sizeof h[0])) {
				rc = cx_fail(err, CX_EDATA, "hours: at most 8 periods a day");
				goto fail;
			}
			h[nh++] = (cx_hours){ d, o, c };
		}
	}
	if (!always && have_days != 2) {
		rc = cx_fail(err, CX_EDATA, "hours: give opening periods, e.g. mon-fri 09:00-17:00 (or 24/7)");
		goto fail;
	}
	if ((rc = cx_db_need(db, __func__, err)))
		goto fail;
	if ((rc = cx_sql_exec(db, "DELETE FROM business_hours", err)))
		goto fail;
	for (int i = 0; i < nh; i++)
		if ((rc = cx_sql_do(db, err, "INSERT INTO business_hours (weekday, opens, closes) VALUES (?1, ?2, ?3)",
				    CX_INT(h[i].weekday), CX_INT(h[i].opens), CX_INT(h[i].closes))))
			goto fail;
	rc = cx_event_log(db, "sla", 0, "hours", 0, 0, err, "hours", always ? "24/7" : spec, NULL);
fail:
	free(copy);
	return rc;
}

int cx_sla_hours_list(cx_db *db, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "day", CX_T_TEXT, 0, 0 },
		{ "opens", CX_T_TEXT, 0, 0 },
		{ "closes", CX_T_TEXT, 0, 0 },
	};
	cx_stmt *st;
	int rc = cx_sql_prepare(db,
				"SELECT CASE weekday WHEN 0 THEN 'sun' WHEN 1 THEN 'mon' WHEN 2 THEN 'tue' WHEN 3 THEN 'wed'"
				" WHEN 4 THEN 'thu' WHEN 5 THEN 'fri' ELSE 'sat' END,"
				" opens, closes FROM business_hours ORDER BY (weekday + 6) % 7, opens",
				&st, err);
	if (rc)
		return rc;
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		/* minutes after midnight as HH:MM */
		char hm[2][48];
		for (int i = 0; i < 2; i++) {
			int64_t m = cx_sql_int(st, 1 + i);
			snprintf(hm[i], sizeof hm[i], "%02lld:%02lld", (long long)(m / 60), (long long)(m % 60));
		}
		cx_val v[3] = { cx_sql_val(st, 0), CX_TEXTV(hm[0]), CX_TEXTV(hm[1]) };
		cx_out_row(out, v);
	}
	cx_sql_finalize(st);
	cx_out_end(out);
	return rc < 0 ? rc : CX_OK;
}

int cx_sla_holiday(cx_db *db, const char *dayspec, const char *name, int remove, cx_err *err)
{
	int y, m, d;
	char tail, day[16];
	int rc;

	if (sscanf(dayspec, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return cx_fail(err, CX_EDATA, "holiday: \"%s\" is not a date (YYYY-MM-DD)", dayspec);
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = remove ? cx_sql_do(db, err, "DELETE FROM holidays WHERE day = ?1", CX_TEXT(day))
		    : cx_sql_do(db, err,
				"INSERT INTO holidays (day, name) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET name = excluded.name",
				CX_TEXT(day), CX_TEXT(name));
	if (rc == CX_OK && remove && cx_sql_changes(db) == 0)
		rc = cx_fail(err, CX_ENOTFOUND, "no holiday on %s", day);
	if (rc == CX_OK)
		rc = cx_event_log(db, "sla", 0, remove ? "holiday-remove" : "holiday", 0, 0, err, "day", day, NULL);
	return rc;
}

int cx_sla_holidays(cx_db *db, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = { { "day", CX_T_TEXT, 0, 0 }, { "name", CX_T_TEXT, 0, 0 } };
	return cx_sql_list(db, out, cols, err, "SELECT day, name FROM holidays ORDER BY day");
}

/* ---- targets ---- */

static int check_priority(const char *p, cx_err *err)
{
	return cx_words_check(cx_case_priorities, "priority", p, CX_EDATA, err);
}

int cx_sla_policy_set(cx_db *db, const char *priority, const char *channel, int64_t first, int64_t resolve,
		      cx_err *err)
{
	int rc;
	char a[32], b[32];

	if ((rc = check_priority(priority, err)) ||
	    (strcmp(channel, "*") && (rc = cx_name_check(db, "channels", "channel", channel, err))))
		return rc;
	if (first < 0 || resolve < 0)
		return cx_fail(err, CX_EDATA, "target: a length of time cannot be negative");
	if (!first && !resolve)
		return cx_fail(err, CX_EUSAGE, "give " CX_FIELD_ARG("first") ", " CX_FIELD_ARG("resolve") " or both");
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = cx_sql_do(db, err,
		       "INSERT INTO sla_policies (priority, channel, first_response, resolution) VALUES (?1, ?2, ?3, ?4)"
		       " ON CONFLICT (priority, channel) DO UPDATE SET"
		       " first_response = coalesce(excluded.first_response, sla_policies.first_response),"
		       " resolution = coalesce(excluded.resolution, sla_policies.resolution)",
		       CX_TEXT(priority), CX_TEXT(channel), CX_ID(first), CX_ID(resolve));
	snprintf(a, sizeof a, "%lld", (long long)first);
	snprintf(b, sizeof b, "%lld", (long long)resolve);
	if (rc == CX_OK)
		rc = cx_event_log(db, "sla", 0, "target", 0, 0, err, "priority", priority, "channel", channel, "first",
				  first ? a : NULL, "resolve", resolve ? b : NULL, NULL);
	return rc;
}

int cx_sla_policy_unset(cx_db *db, const char *priority, const char *channel, cx_err *err)
{
	int rc;
	if ((rc = check_priority(priority, err)) || (rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = cx_sql_do(db, err, "DELETE FROM sla_policies WHERE priority = ?1 AND channel = ?2", CX_TEXT(priority),
		       CX_TEXT(channel));
	if (rc == CX_OK && !cx_sql_changes(db))
		rc = cx_fail(err, CX_ENOTFOUND, "no target for %s cases on %s", priority, strcmp(channel, "*") ? channel : "any channel");
	if (rc == CX_OK)
		rc = cx_event_log(db, "sla", 0, "target-remove", 0, 0, err, "priority", priority, "channel", channel, NULL);
	return rc;
}

int cx_sla_policies(cx_db *db, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "priority", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "first_response_s", CX_T_SECS, 0, 0 },
		{ "resolution_s", CX_T_SECS, 0, 0 },
	};
	cx_sqlbuf q = { 0 };
	cx_sqlbuf_add(&q, "SELECT priority, channel, first_response, resolution FROM sla_policies ORDER BY ");
	cx_sqlbuf_rank(&q, "priority", cx_case_priorities);
	cx_sqlbuf_add(&q, " DESC, channel = '*' DESC, channel");
	int rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_list(db, out, cols, err, q.s);
	cx_sqlbuf_free(&q);
	return rc;
}

/* ---- one case ---- */

static void measure(cx_biz *b, cx_sla_clock *c, int64_t target, int64_t start, int64_t done, int64_t now,
		    const int64_t (*pend)[2], int npend, int pending_now)
{
	memset(c, 0, sizeof *c);
	if (!target) {
		c->state = CX_SLA_NONE;
		return;
	}
	c->target = target;
	int64_t end = done ? done : now;
	c->used = cx_biz_elapsed(b, start, end);
	for (int i = 0; i < npend; i++) {
		int64_t a = pend[i][0] > start ? pend[i][0] : start, z = pend[i][1] < end ? pend[i][1] : end;
		if (z > a)
			c->used -= cx_biz_elapsed(b, a, z);
	}
	if (c->used < 0)
		c->used = 0;
	if (done)
		c->state = c->used <= target ? CX_SLA_MET : CX_SLA_BREACHED;
	else if (c->used > target)
		c->state = CX_SLA_BREACHED;
	else if (pending_now)
		c->state = CX_SLA_PAUSED;
	else {
		c->state = 4 * c->used >= 3 * target ? CX_SLA_AT_RISK : CX_SLA_OK;
		c->due = cx_biz_add(b, now, target - c->used);
	}
}

/* A case's times and targets: each target from the case's channel's policy, else from the priority's '*' policy. */
static const char case_sql[] =
	"SELECT k.status, k.opened_at, k.first_response_at, coalesce(k.resolved_at, k.closed_at),"
	" coalesce((SELECT p.first_response FROM sla_policies p WHERE p.priority = k.priority"
	"   AND p.channel = k.channel),"
	"  (SELECT p.first_response FROM sla_policies p WHERE p.priority = k.priority AND p.channel = '*')),"
	" coalesce((SELECT p.resolution FROM sla_policies p WHERE p.priority = k.priority"
	"   AND p.channel = k.channel),"
	"  (SELECT p.resolution FROM sla_policies p WHERE p.priority = k.priority AND p.channel = '*'))"
	" FROM cases k WHERE k.id = ?1";
/* The spans spent waiting on the customer, from the status changes in the audit trail. */
static const char status_sql[] = "SELECT at, details FROM events WHERE entity = 'case' AND entity_id = ?1"
				 " AND action = 'status' ORDER BY at, id";

/* A case measured from its row (st, from case_sql) and its status changes (ev, from status_sql), both run here. */
static int sla_measure(cx_stmt *st, cx_stmt *ev, cx_biz *b, int64_t case_id, int64_t now, cx_sla *s, cx_err *err)
{
	int rc;
	int64_t opened, first, resolved, t_first = 0, t_resolve = 0;
	char status[16];

	memset(s, 0, sizeof *s);
	rc = cx_sql_step(st, err);
	if (rc != CX_SQL_ROW)
		return rc < 0 ? rc : cx_fail(err, CX_ENOTFOUND, "no case %lld", (long long)case_id);
	snprintf(status, sizeof status, "%s", cx_sql_text(st, 0));
	opened = cx_sql_int(st, 1);
	first = cx_sql_null(st, 2) ? 0 : cx_sql_int(st, 2);
	resolved = cx_sql_null(st, 3) ? 0 : cx_sql_int(st, 3);
	t_first = cx_sql_null(st, 4) ? 0 : cx_sql_int(st, 4);
	t_resolve = cx_sql_null(st, 5) ? 0 : cx_sql_int(st, 5);

	int64_t pend[64][2];
	int npend = 0;
	int64_t since = 0;
	st = ev;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char buf[64];
		json_t *d = cx_json_parse(cx_sql_text(st, 1));
		const char *to = cx_json_field(d, "to", buf, sizeof buf);
		int pending = to && !strcmp(to, "pending");
		int64_t at = cx_sql_int(st, 0);
		json_decref(d);
		if (pending) {
			if (!since)
				since = at;
		} else if (since) {
			if (npend < 64) {
				pend[npend][0] = since;
				pend[npend][1] = at;
				npend++;
			}
			since = 0;
		}
	}
	if (rc < 0)
		return rc;
	int pending_now = !strcmp(status, "pending");
	if (since && npend < 64) {
		pend[npend][0] = since;
		pend[npend][1] = now;
		npend++;
	}
	int finished = !strcmp(status, "resolved") || !strcmp(status, "closed");
	/* A case closed without a reply has nothing left to answer: its response clock is over. */
	measure(b, &s->response, t_first, opened, first ? first : finished ? resolved : 0, now, (const int64_t(*)[2])pend,
		npend, pending_now);
	if (!first && finished)
		s->response.state = CX_SLA_NONE;
	measure(b, &s->resolution, t_resolve, opened, finished ? resolved : 0, now, (const int64_t(*)[2])pend, npend,
		pending_now);
	return CX_OK;
}

int cx_sla_case(cx_db *db, cx_biz *b, int64_t case_id, int64_t now, cx_sla *s, cx_err *err)
{
	cx_stmt *st, *ev;
	int rc;
	if ((rc = cx_sql_cached(db, case_sql, &st, err)) || (rc = cx_sql_cached(db, status_sql, &ev, err)))
		return rc;
	cx_sql_bind_int(st, 1, case_id);
	cx_sql_bind_int(ev, 1, case_id);
	if ((rc = cx_sql_queue(st, err)) == CX_OK && (rc = cx_sql_queue(ev, err)) == CX_OK)
		rc = sla_measure(st, ev, b, case_id, now, s, err);
	cx_sql_release(st);
	cx_sql_release(ev);
	return rc;
}

int cx_sla_section_ask(cx_db *db, int64_t case_id, cx_asked *q, cx_err *err)
{
	int rc = biz_ask(db, q, err);
	if (rc == CX_OK)
		rc = cx_ask(db, q, case_sql, case_id, 0, err);
	if (rc == CX_OK)
		rc = cx_ask(db, q, status_sql, case_id, 0, err);
	return rc;
}

int cx_sla_section_show(cx_db *db, int64_t case_id, cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "response", CX_T_TEXT, CX_COL_ALERT, 0 },
		{ "response_due", CX_T_TIME, 0, 0 },
		{ "response_target_s", CX_T_SECS, 0, 0 },
		{ "response_used_s", CX_T_SECS, 0, 0 },
		{ "resolution", CX_T_TEXT, CX_COL_ALERT, 0 },
		{ "resolution_due", CX_T_TIME, 0, 0 },
		{ "resolution_target_s", CX_T_SECS, 0, 0 },
		{ "resolution_used_s", CX_T_SECS, 0, 0 },
	};
	cx_biz *b;
	cx_sla s;
	int rc = biz_take(q, &b, err);
	if (rc)
		return rc;
	cx_stmt *st = cx_asked_next(q), *ev = cx_asked_next(q);
	rc = sla_measure(st, ev, b, case_id, cx_db_now(db), &s, err);
	cx_sql_finalize(st);
	cx_sql_finalize(ev);
	cx_biz_free(b);
	if (rc)
		return rc;
	cx_val v[] = {
		CX_TEXTV(cx_sla_names[s.response.state]),
		s.response.due ? CX_INTV(s.response.due) : CX_NULLV,
		s.response.target ? CX_INTV(s.response.target) : CX_NULLV,
		s.response.target ? CX_INTV(s.response.used) : CX_NULLV,
		CX_TEXTV(cx_sla_names[s.resolution.state]),
		s.resolution.due ? CX_INTV(s.resolution.due) : CX_NULLV,
		s.resolution.target ? CX_INTV(s.resolution.target) : CX_NULLV,
		s.resolution.target ? CX_INTV(s.resolution.used) : CX_NULLV,
	};
	cx_out_begin(out, "sla", "Service level (business time)", CX_LAY_RECORD, CX_COLS(cols));
	cx_out_row(out, v);
	cx_out_end(out);
	return CX_OK;
}

int cx_sla_section(cx_db *db, int64_t case_id, cx_out *out, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_sla_section_ask(db, case_id, &q, err);
	if (rc == CX_OK)
		rc = cx_sla_section_show(db, case_id, &q, out, err);
	cx_asked_free(&q);
	return rc;
}

typedef struct sla_row {
	int64_t id, customer_id, opened_at, soonest;
	char status[16], priority[16], owner[80], customer[200], title[300];
	cx_sla s;
} sla_row;

static int cmp_soonest(const void *a, const void *b)
{
	const sla_row *x = a, *y = b;
	/* equal (late cases, or the same due time): by number, the same order on every run */
	if (x->soonest != y->soonest)
		return (x->soonest > y->soonest) - (x->soonest < y->soonest);
	return (x->id > y->id) - (x->id < y->id);
}

int cx_sla_list(cx_db *db, const cx_sla_filter *f, cx_out *out, cx_err *err)
{
	/* on a narrow terminal the due times go first, then the owner, status and customer */
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "status", CX_T_TEXT, CX_COL_DROP(4), 0 },
		{ "priority", CX_T_TEXT, CX_COL_ALERT | CX_COL_DROP(6), 0 },
		{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "customer", CX_T_TEXT, CX_COL_DROP(5), 0 },
		{ "owner", CX_T_TEXT, CX_COL_DROP(3), 0 },
		{ "response", CX_T_TEXT, CX_COL_ALERT, 0 },
		{ "response_due", CX_T_TIME, CX_COL_DROP(1), 0 },
		{ "resolution", CX_T_TEXT, CX_COL_ALERT, 0 },
		{ "resolution_due", CX_T_TIME, CX_COL_DROP(2), 0 },
		{ "opened_at", CX_T_TIME, CX_COL_HIDE, 0 },
		{ "title", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	int64_t now = cx_db_now(db);
	sla_row *rows = NULL;
	size_t n = 0;
	cx_biz *b = NULL;
	cx_stmt *st;
	int rc;

	int unowned = f->owner && (!strcmp(f->owner, "-") || !strcmp(f->owner, "none"));
	rc = cx_sql_query(db, &st, err,
			  "SELECT k.id, k.status, k.priority, k.customer_id, c.name, k.owner, k.opened_at, k.title"
			  " FROM cases k JOIN customers c ON c.id = k.customer_id"
			  " WHERE k.status IN ('new', 'open', 'pending')"
			  " AND (?1 IS NULL OR k.owner = ?1) AND (?2 = 0 OR k.owner IS NULL) ORDER BY k.id",
			  CX_TEXT(unowned ? NULL : f->owner), CX_INT(unowned));
	if (rc)
		return rc;

	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		sla_row *r = realloc(rows, (n + 1) * sizeof *r);
		if (!r) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		rows = r;
		r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->id = cx_sql_int(st, 0);
		snprintf(r->status, sizeof r->status, "%s", cx_sql_text(st, 1));
		snprintf(r->priority, sizeof r->priority, "%s", cx_sql_text(st, 2));
		r->customer_id = cx_sql_int(st, 3);
		snprintf(r->customer, sizeof r->customer, "%s", cx_sql_text(st, 4));
		snprintf(r->owner, sizeof r->owner, "%s", cx_sql_null(st, 5) ? "" : cx_sql_text(st, 5));
		r->opened_at = cx_sql_int(st, 6);
		snprintf(r->title, sizeof r->title, "%s", cx_sql_text(st, 7));
	}
	cx_sql_finalize(st);
	if (rc < 0)
		goto out;
	if ((rc = cx_biz_load(db, &b, err)))
		goto out;
	size_t keep = 0;
	for (size_t i = 0; i < n; i++) {
		sla_row *r = &rows[i];
		if ((rc = cx_sla_case(db, b, r->id, now, &r->s, err)))
			goto out;
		int late = r->s.response.state == CX_SLA_BREACHED || r->s.resolution.state == CX_SLA_BREACHED;
		int64_t d1 = r->s.response.due ? r->s.response.due : INT64_MAX;
		int64_t d2 = r->s.resolution.due ? r->s.resolution.due : INT64_MAX;
		r->soonest = late ? INT64_MIN : d1 < d2 ? d1 : d2;
		int match = 1;
		if (f->breached && !late)
			match = 0;
		if (f->due_within > 0 && !(late || r->soonest <= now + f->due_within))
			match = 0;
		if (match)
			rows[keep++] = *r;
	}
	if (keep) /* qsort must not be given NULL, even with nothing to sort */
		qsort(rows, keep, sizeof *rows, cmp_soonest);
	cx_biz_free(b);
	b = NULL;
	/* rows go out after the calendar is closed: times are shown in the user's zone */
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
	for (size_t i = 0; i < keep && (f->limit <= 0 || (int64_t)i < f->limit); i++) {
		sla_row *r = &rows[i];
		cx_val v[] = {
			CX_INTV(r->id), CX_TEXTV(r->status), CX_TEXTV(r->priority), CX_INTV(r->customer_id),
			CX_TEXTV(r->customer), r->owner[0] ? CX_TEXTV(r->owner) : CX_NULLV,
			CX_TEXTV(cx_sla_names[r->s.response.state]),
			r->s.response.due ? CX_INTV(r->s.response.due) : CX_NULLV,
			CX_TEXTV(cx_sla_names[r->s.resolution.state]),
			r->s.resolution.due ? CX_INTV(r->s.resolution.due) : CX_NULLV, CX_INTV(r->opened_at),
			CX_TEXTV(r->title),
		};
		cx_out_row(out, v);
	}
	cx_out_end(out);
	rc = CX_OK;
out:
	cx_biz_free(b);
	free(rows);
	return rc;
}
