/*
 * Survey reports: NPS, CSAT and CES per survey, period and segment, with
 * margins of error; the change between two periods tested for significance;
 * how many unhappy respondents were followed up, and how fast.
 *
 * The figures come from one scan of the responses, aggregated here in a hash
 * of groups: SQLite would sort every row for a GROUP BY, which costs several
 * times the scan itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <math.h>

#include "cx/date.h"
#include "cx/metrics.h"
#include "cx/setting.h"
#include "cx/sla.h"
#include "cx/survey.h"
#include "json_value.h"
#include "store/sql.h"
#include "hash.h"

static const cx_col report_cols[] = {
	{ "survey", CX_T_TEXT, 0, 0 },
	{ "period", CX_T_TEXT, 0, 0 },
	{ "segment", CX_T_TEXT, 0, 0 },
	{ "responses", CX_T_INT, 0, 0 },
	{ "nps", CX_T_REAL, 0, 1 },
	{ "nps_lo", CX_T_REAL, 0, 1 },
	{ "nps_hi", CX_T_REAL, 0, 1 },
	{ "nps_moe", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "nps_n", CX_T_INT, CX_COL_HIDE, 0 },
	{ "nps_small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
	{ "promoters", CX_T_INT, 0, 0 },
	{ "passives", CX_T_INT, 0, 0 },
	{ "detractors", CX_T_INT, 0, 0 },
	{ "csat", CX_T_REAL, 0, 1 },
	{ "csat_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "csat_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "csat_mean", CX_T_REAL, 0, 2 },
	{ "csat_n", CX_T_INT, 0, 0 },
	{ "csat_small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
	{ "ces_mean", CX_T_REAL, 0, 2 },
	{ "ces_moe", CX_T_REAL, CX_COL_HIDE, 2 },
	{ "ces_lo", CX_T_REAL, CX_COL_HIDE, 2 },
	{ "ces_hi", CX_T_REAL, CX_COL_HIDE, 2 },
	{ "ces_agree", CX_T_REAL, 0, 1 },
	{ "ces_n", CX_T_INT, 0, 0 },
	{ "ces_small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
	{ "unhappy", CX_T_INT, 0, 0 },
	{ "followed_up", CX_T_INT, 0, 0 },
	{ "followup_median_s", CX_T_SECS, 0, 0 },
	{ "small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
	{ "requests", CX_T_INT, CX_COL_HIDE, 0 },
	{ "requests_answered", CX_T_INT, CX_COL_HIDE, 0 },
	{ "request_rate", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "request_rate_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "request_rate_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "continue", CX_T_REAL, 0, 1 },
	{ "continue_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "continue_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "continue_n", CX_T_INT, 0, 0 },
	{ "continue_small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
	{ "continue_unlikely", CX_T_INT, CX_COL_HIDE, 0 },
	{ "continue_likely_known", CX_T_INT, CX_COL_HIDE, 0 },
	{ "continue_likely_back", CX_T_INT, CX_COL_HIDE, 0 },
	{ "continue_likely_back_share", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "continue_unsure_known", CX_T_INT, CX_COL_HIDE, 0 },
	{ "continue_unsure_back", CX_T_INT, CX_COL_HIDE, 0 },
	{ "continue_unsure_back_share", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "continue_unlikely_known", CX_T_INT, CX_COL_HIDE, 0 },
	{ "continue_unlikely_back", CX_T_INT, CX_COL_HIDE, 0 },
	{ "continue_unlikely_back_share", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "to_follow_up", CX_T_INT, CX_COL_HIDE, 0 },
	{ "contacted", CX_T_INT, CX_COL_HIDE, 0 },
	{ "contact_median_s", CX_T_SECS, 0, 0 },
	{ "contact_p90_s", CX_T_SECS, CX_COL_HIDE, 0 },
	{ "contacted_within", CX_T_INT, CX_COL_HIDE, 0 },
	{ "contacted_within_share", CX_T_REAL, 0, 1 },
	{ "contacted_within_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "contacted_within_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "recovered_contacted", CX_T_INT, CX_COL_HIDE, 0 },
	{ "next_contacted", CX_T_INT, CX_COL_HIDE, 0 },
	{ "recovered_not", CX_T_INT, CX_COL_HIDE, 0 },
	{ "next_not", CX_T_INT, CX_COL_HIDE, 0 },
	{ "recovery_difference", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "recovery_difference_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "recovery_difference_hi", CX_T_REAL, CX_COL_HIDE, 1 },
};
enum { NCOLS = sizeof report_cols / sizeof report_cols[0] };

/* CX_P_* periods, plus the two halves of a --compare span. */
enum { P_WINDOW = 100 };

typedef struct group {
	int64_t survey; /* index into the survey list */
	char key[32];   /* the period */
	char *segment;
	uint64_t hash;
	cx_nps nps;
	int64_t responses, csat_good, ces_agree, unhappy, followed;
	int64_t requests, requests_answered; /* surveys asked after a case for this survey, in this period */
	/* likelihood to continue: answers, likely and unlikely ones; per intent, those whose window is over and who came back */
	int64_t cont_n, cont_likely, cont_unlikely, known[3], back[3];
	cx_mean csat, ces;
	int64_t *delays; /* seconds from an unhappy answer to its follow-up case */
	size_t ndelays, cap_delays;
	/* the loop: answers to follow up (unhappy, and passives if asked), the first contact on their case */
	int64_t to_follow, contacted, within;
	int64_t *contacts; /* seconds from the answer to the first contact */
	size_t ncontacts, cap_contacts;
	/* recovery: the customer's next answer after one to follow up, happy or not, by whether they were contacted */
	int64_t next_contacted, recovered_contacted, next_not, recovered_not;
} group;

/* What the loop measures need besides the scan: who is followed up, and the business calendar. */
typedef struct loop_opts {
	int64_t window, now; /* intent against behaviour: back within window, for answers older than that */
	int passives;   /* NPS 7-8 are followed up too */
	int64_t within; /* business seconds allowed to the first contact */
	cx_biz *biz;
} loop_opts;

typedef struct groups {
	group *g;
	size_t n, cap;
	size_t *slot; /* open addressing: index + 1, 0 = empty */
	size_t nslot;
} groups;

typedef struct surveys {
	int64_t *id;
	char **name;
	size_t n;
} surveys;

/* The group a response falls in: its period, or for --compare which half of the span. */
static void period_key(int p, int64_t at, int64_t mid, char key[32])
{
	if (p == P_WINDOW)
		strcpy(key, at < mid ? "before" : "after");
	else
		cx_period_key((cx_period)p, at, key);
}

static uint64_t hash_group(int64_t survey, const char *key, const char *segment)
{
	const char *seg = segment ? segment : "\x01";
	return cx_hash(cx_hash_field(CX_HASH_START ^ (uint64_t)survey, key), seg, strlen(seg));
}

static int same_segment(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static group *find_group(groups *gs, int64_t survey, const char *key, const char *segment)
{
	uint64_t h = hash_group(survey, key, segment);
	if (gs->nslot) {
		for (size_t j = h & (gs->nslot - 1); gs->slot[j]; j = (j + 1) & (gs->nslot - 1)) {
			group *g = &gs->g[gs->slot[j] - 1];
			if (g->hash == h && g->survey == survey && !strcmp(g->key, key) && same_segment(g->segment, segment))
				return g;
		}
	}
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? 2 * gs->cap : 16;
		group *ng = realloc(gs->g, cap * sizeof *ng);
		if (!ng)
			return NULL;
		gs->g = ng;
		gs->cap = cap;
	}
	if (2 * (gs->n + 1) > gs->nslot) {
		size_t ns = gs->nslot ? 2 * gs->nslot : 64;
		size_t *slot = calloc(ns, sizeof *slot);
		if (!slot)
			return NULL;
		for (size_t i = 0; i < gs->n; i++) {
			size_t j = gs->g[i].hash & (ns - 1);
			while (slot[j])
				j = (j + 1) & (ns - 1);
			slot[j] = i + 1;
		}
		free(gs->slot);
		gs->slot = slot;
		gs->nslot = ns;
	}
	group *g = &gs->g[gs->n];
	memset(g, 0, sizeof *g);
	g->survey = survey;
	g->hash = h;
	snprintf(g->key, sizeof g->key, "%s", key);
	if (segment && !(g->segment = strdup(segment)))
		return NULL;
	size_t j = h & (gs->nslot - 1);
	while (gs->slot[j])
		j = (j + 1) & (gs->nslot - 1);
	gs->slot[j] = ++gs->n;
	return g;
}

static void free_groups(groups *gs)
{
	for (size_t i = 0; i < gs->n; i++) {
		free(gs->g[i].segment);
		free(gs->g[i].delays);
		free(gs->g[i].contacts);
	}
	free(gs->g);
	free(gs->slot);
}

static void free_surveys(surveys *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->name[i]);
	free(s->id);
	free(s->name);
}

/* The surveys to report on, in the order they were created. */
static int load_surveys(cx_db *db, const char *name, surveys *s, cx_err *err)
{
	cx_stmt *st;
	memset(s, 0, sizeof *s);
	int rc = cx_sql_query(db, &st, err,
			      "SELECT id, name FROM surveys WHERE ?1 IS NULL OR lower(name) = lower(?1) ORDER BY created_at, id",
			      CX_TEXT(name));
	if (rc)
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		int64_t *ids = realloc(s->id, (s->n + 1) * sizeof *ids);
		char **names = ids ? realloc(s->name, (s->n + 1) * sizeof *names) : NULL;
		if (ids)
			s->id = ids;
		if (names)
			s->name = names;
		if (!ids || !names || !(s->name[s->n] = strdup(cx_sql_text(st, 1)))) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		s->id[s->n++] = cx_sql_int(st, 0);
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	if (name && s->n == 0)
		return cx_fail(err, CX_ENOTFOUND, "no survey \"%s\" (see cx survey list)", name);
	return CX_OK;
}

/* --segment tag: the customers' tags rather than the answer to a question. */
static int is_tag(const char *segment)
{
	return segment && !strcmp(segment, "tag");
}

/* Appends v to the growing array *a. */
static int push(int64_t **a, size_t *n, size_t *cap, int64_t v)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		int64_t *d = realloc(*a, c * sizeof *d);
		if (!d)
			return -1;
		*a = d;
		*cap = c;
	}
	(*a)[(*n)++] = v;
	return 0;
}

/*
 * The scan's statement: one row a complete response in [since, until) (of
 * the one survey when there is one), its columns as scan_row reads them.
 */
static int scan_query(cx_db *db, const surveys *sv, const char *segment, int64_t since, int64_t until,
		      const loop_opts *lo, cx_stmt **st, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	int rc;

	cx_sqlbuf_add(&q, "SELECT r.survey_id, r.at, r.nps, r.csat, r.ces,"
			  " CASE WHEN r.case_id IS NULL THEN NULL"
			  "  ELSE (SELECT k.opened_at FROM cases k WHERE k.id = r.case_id) END,"
			  " CASE WHEN r.case_id IS NULL THEN NULL"
			  "  ELSE (SELECT k.first_response_at FROM cases k WHERE k.id = r.case_id) END,"
			  /* the customer's next answer after one to follow up: 1 unhappy, 0 not, NULL none */
			  " CASE WHEN r.customer_id IS NOT NULL AND (r.nps <= 6 OR r.csat <= 2 OR r.ces <= 3"
			  "   OR r.cont <= CASE r.cont_scale WHEN 10 THEN 6 WHEN 7 THEN 3 ELSE 2 END"
			  "   OR (?5 = 1 AND r.nps BETWEEN 7 AND 8))"
			  "  THEN (SELECT CASE WHEN n.nps <= 6 OR n.csat <= 2 OR n.ces <= 3"
			  "   OR n.cont <= CASE n.cont_scale WHEN 10 THEN 6 WHEN 7 THEN 3 ELSE 2 END THEN 1 ELSE 0 END"
			  "   FROM responses n WHERE n.customer_id = r.customer_id AND n.complete = 1"
			  "   AND (n.at > r.at OR (n.at = r.at AND n.id > r.id)) ORDER BY n.at, n.id LIMIT 1) END,"
			  " r.cont, r.cont_scale,"
			  /* stated intent against behaviour: back within the window (a purchase, a case, an answer) */
			  " CASE WHEN r.cont IS NULL OR r.customer_id IS NULL OR ?6 = 0 OR r.at + ?6 > ?7 THEN NULL"
			  "  WHEN EXISTS (SELECT 1 FROM touchpoints t WHERE t.customer_id = r.customer_id AND t.stage = 'purchase'"
			  "   AND t.at > r.at AND t.at <= r.at + ?6)"
			  "  OR EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = r.customer_id AND k.opened_at > r.at"
			  "   AND k.opened_at <= r.at + ?6 AND (r.case_id IS NULL OR k.id <> r.case_id))"
			  "  OR EXISTS (SELECT 1 FROM responses n WHERE n.customer_id = r.customer_id AND n.complete = 1"
			  "   AND n.at > r.at AND n.at <= r.at + ?6) THEN 1 ELSE 0 END,");
	if (is_tag(segment)) {
		/* the customer's tags: a response is counted once under each of them */
		cx_sqlbuf_add(&q, " t.tag FROM responses r LEFT JOIN customer_tags t ON t.customer_id = r.customer_id"
				  " WHERE r.complete = 1");
	} else {
		/* the answer to the segment question, read from the response's answers here (column 12) */
		cx_sqlbuf_add(&q, segment ? " (SELECT q.qid FROM survey_questions q WHERE q.survey_id = r.survey_id"
					    "  AND q.text = ?4), r.answers"
					  : " NULL");
		cx_sqlbuf_add(&q, " FROM responses r WHERE r.complete = 1");
	}
	if (since)
		cx_sqlbuf_add(&q, " AND r.at >= ?1");
	if (until)
		cx_sqlbuf_add(&q, " AND r.at < ?2");
	if (sv->n == 1)
		cx_sqlbuf_add(&q, " AND +r.survey_id = ?3"); /* a scan, not an index walk with table lookups */
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	/* the filters left out leave their places out: binding them is no error */
	cx_sql_bind_int(*st, 1, since);
	cx_sql_bind_int(*st, 2, until);
	cx_sql_bind_int(*st, 3, sv->n ? sv->id[0] : 0);
	cx_sql_bind_text(*st, 4, segment);
	cx_sql_bind_int(*st, 5, lo->passives);
	cx_sql_bind_int(*st, 6, lo->window);
	cx_sql_bind_int(*st, 7, lo->now);
	return CX_OK;
}

static int col_score(cx_stmt *st, int col)
{
	return cx_sql_null(st, col) ? -1 : (int)cx_sql_int(st, col);
}

/*
 * A response's scores into its group; its intent to continue (0 likely,
 * 1 unsure, 2 unlikely, -1 not asked) into *intent.
 */
static void count_scores(group *g, int nps, int csat, int ces, cx_stmt *st, int *intent)
{
	g->responses++;
	if (nps >= 0) {
		g->nps.n++;
		g->nps.promoters += nps >= 9;
		g->nps.passives += nps == 7 || nps == 8;
		g->nps.detractors += nps <= 6;
	}
	if (csat >= 0) {
		g->csat.n++;
		g->csat.sum += csat;
		g->csat.sumsq += csat * csat;
		g->csat_good += csat >= 4;
	}
	if (ces >= 0) {
		g->ces.n++;
		g->ces.sum += ces;
		g->ces.sumsq += ces * ces;
		g->ces_agree += ces >= 5;
	}
	/* likelihood to continue on its scale: unlikely the bottom (0-6, 1-2, 1-3), likely the top (9-10, 4-5, 5-7) */
	int cont = col_score(st, 8), top = (int)cx_sql_int(st, 9);
	*intent = -1;
	if (cont < 0)
		return;
	int low = top == 10 ? 6 : top == 7 ? 3 : 2, high = top == 10 ? 9 : top == 7 ? 5 : 4;
	*intent = cont <= low ? 2 : cont >= high ? 0 : 1;
	g->cont_n++;
	g->cont_likely += *intent == 0;
	g->cont_unlikely += *intent == 2;
	if (!cx_sql_null(st, 10)) {
		g->known[*intent]++;
		g->back[*intent] += cx_sql_int(st, 10) != 0;
	}
}

/*
 * The loop of a response to follow up: whether its case reached the
 * customer and how soon, and whether their next answer was happier.
 */
static int count_loop(group *g, int64_t at, cx_stmt *st, const loop_opts *lo)
{
	int contacted = !cx_sql_null(st, 6);
	g->to_follow++;
	if (contacted) {
		int64_t first = cx_sql_int(st, 6);
		g->contacted++;
		g->within += lo->biz && cx_biz_elapsed(lo->biz, at, first) <= lo->within;
		if (push(&g->contacts, &g->ncontacts, &g->cap_contacts, first > at ? first - at : 0))
			return -1;
	}
	if (!cx_sql_null(st, 7)) {
		int again = (int)cx_sql_int(st, 7);
		if (contacted) {
			g->next_contacted++;
			g->recovered_contacted += !again;
		} else {
			g->next_not++;
			g->recovered_not += !again;
		}
	}
	return 0;
}

/* One row of the scan into its group: the scores, the loop, how soon the unhappy were followed up. */
static int scan_row(group *g, int64_t at, cx_stmt *st, const loop_opts *lo)
{
	int nps = col_score(st, 2), csat = col_score(st, 3), ces = col_score(st, 4), intent;
	count_scores(g, nps, csat, ces, st, &intent);
	int unhappy = (nps >= 0 && nps <= 6) || (csat >= 0 && csat <= 2) || (ces >= 0 && ces <= 3) || intent == 2;
	if ((unhappy || (lo->passives && nps >= 7 && nps <= 8)) && count_loop(g, at, st, lo))
		return -1;
	if (!unhappy)
		return 0;
	g->unhappy++;
	if (cx_sql_null(st, 5))
		return 0;
	g->followed++;
	return push(&g->delays, &g->ndelays, &g->cap_delays, cx_sql_int(st, 5) - at);
}

/* One pass over the complete responses in [since, until), into groups. */
static int scan(cx_db *db, const surveys *sv, int p, int64_t mid, const char *segment, int64_t since,
		int64_t until, const loop_opts *lo, groups *gs, cx_err *err)
{
	cx_stmt *st;
	int rc = scan_query(db, sv, segment, since, until, lo, &st, err);
	if (rc)
		return rc;
	int64_t last_id = -1, last_index = -1;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		int64_t sid = cx_sql_int(st, 0), at = cx_sql_int(st, 1);
		if (sid != last_id) {
			last_index = -1;
			for (size_t i = 0; i < sv->n; i++)
				if (sv->id[i] == sid)
					last_index = (int64_t)i;
			last_id = sid;
		}
		if (last_index < 0)
			continue;
		char key[32];
		period_key(p, at, mid, key);
		const char *seg = cx_sql_null(st, 11) ? NULL : cx_sql_text(st, 11);
		char segbuf[64];
		json_t *answers = NULL;
		if (seg && segment && !is_tag(segment)) {
			answers = cx_json_parse(cx_sql_text(st, 12));
			seg = cx_json_field(answers, seg, segbuf, sizeof segbuf);
		}
		group *g = find_group(gs, last_index, key, seg);
		json_decref(answers);
		if (!g || scan_row(g, at, st, lo)) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

/*
 * The surveys asked after a case for each survey (by its name), in the
 * period they were asked in, and how many were answered: the response rate.
 */
static int scan_requests(cx_db *db, const surveys *sv, int p, int64_t since, int64_t until, groups *gs, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err,
			      "SELECT lower(survey), asked_at, response_id IS NOT NULL FROM survey_requests"
			      " WHERE asked_at >= ?1 AND (?2 = 0 OR asked_at < ?2)",
			      CX_INT(since), CX_INT(until));
	if (rc)
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		const char *name = cx_sql_text(st, 0);
		for (size_t i = 0; i < sv->n; i++) {
			if (strcasecmp(sv->name[i], name))
				continue;
			char key[32];
			period_key(p, cx_sql_int(st, 1), 0, key);
			group *g = find_group(gs, (int64_t)i, key, NULL);
			if (!g) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			g->requests++;
			g->requests_answered += cx_sql_int(st, 2) != 0;
			break;
		}
		if (rc < 0)
			break;
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* survey.follow_up_within, in business seconds, and the business's calendar to count them in. */
static int loop_setup(cx_db *db, loop_opts *lo, cx_err *err)
{
	char v[64];
	int rc = cx_setting_get(db, "survey.follow_up_within", v, sizeof v, err);
	if (rc == CX_OK)
		rc = cx_duration_parse(v, &lo->within, err);
	if (rc == CX_OK)
		rc = cx_biz_load(db, &lo->biz, err);
	return rc;
}

/* Percentiles by nearest rank of sorted seconds: the median and the 90th. */
static int64_t rank(const int64_t *v, size_t n, int pct)
{
	size_t k = (size_t)((pct * n + 99) / 100);
	return v[k ? k - 1 : 0];
}

/* Likelihood to continue of a group, in the report's columns from continue on. */
static void continue_values(const group *g, cx_val *v)
{
	double lo, hi;
	cx_wilson(g->cont_likely, g->cont_n, &lo, &hi);
	v[0] = g->cont_n ? CX_REALV(100.0 * (double)g->cont_likely / (double)g->cont_n) : CX_NULLV;
	v[1] = g->cont_n ? CX_REALV(lo) : CX_NULLV;
	v[2] = g->cont_n ? CX_REALV(hi) : CX_NULLV;
	v[3] = CX_INTV(g->cont_n);
	v[4] = g->cont_n ? CX_INTV(g->cont_n < CX_SMALL_SAMPLE) : CX_NULLV;
	v[5] = CX_INTV(g->cont_unlikely);
	for (int i = 0; i < 3; i++) {
		v[6 + 3 * i] = CX_INTV(g->known[i]);
		v[7 + 3 * i] = CX_INTV(g->back[i]);
		v[8 + 3 * i] = g->known[i] ? CX_REALV(100.0 * (double)g->back[i] / (double)g->known[i]) : CX_NULLV;
	}
}

/* The loop's figures of a group, in the report's columns from to_follow_up on. */
static void loop_values(group *g, cx_val *v)
{
	double wlo, whi, l1, h1, l2, h2;
	if (g->ncontacts)
		qsort(g->contacts, g->ncontacts, sizeof *g->contacts, cmp_i64);
	cx_wilson(g->within, g->to_follow, &wlo, &whi);
	cx_wilson(g->recovered_contacted, g->next_contacted, &l1, &h1);
	cx_wilson(g->recovered_not, g->next_not, &l2, &h2);
	int both = g->next_contacted && g->next_not;
	double p1 = both ? 100.0 * (double)g->recovered_contacted / (double)g->next_contacted : 0;
	double p2 = both ? 100.0 * (double)g->recovered_not / (double)g->next_not : 0;
	/* Newcombe's interval for a difference of two proportions, from their Wilson intervals */
	double d = p1 - p2, dlo = d - sqrt((p1 - l1) * (p1 - l1) + (h2 - p2) * (h2 - p2)),
	       dhi = d + sqrt((h1 - p1) * (h1 - p1) + (p2 - l2) * (p2 - l2));
	v[0] = CX_INTV(g->to_follow);
	v[1] = CX_INTV(g->contacted);
	v[2] = g->ncontacts ? CX_INTV(rank(g->contacts, g->ncontacts, 50)) : CX_NULLV;
	v[3] = g->ncontacts ? CX_INTV(rank(g->contacts, g->ncontacts, 90)) : CX_NULLV;
	v[4] = CX_INTV(g->within);
	v[5] = g->to_follow ? CX_REALV(100.0 * (double)g->within / (double)g->to_follow) : CX_NULLV;
	v[6] = g->to_follow ? CX_REALV(wlo) : CX_NULLV;
	v[7] = g->to_follow ? CX_REALV(whi) : CX_NULLV;
	v[8] = CX_INTV(g->recovered_contacted);
	v[9] = CX_INTV(g->next_contacted);
	v[10] = CX_INTV(g->recovered_not);
	v[11] = CX_INTV(g->next_not);
	v[12] = both ? CX_REALV(d) : CX_NULLV;
	v[13] = both ? CX_REALV(dlo < -100 ? -100 : dlo) : CX_NULLV;
	v[14] = both ? CX_REALV(dhi > 100 ? 100 : dhi) : CX_NULLV;
}

static int cmp_group(const void *a, const void *b)
{
	const group *x = a, *y = b;
	if (x->survey != y->survey)
		return x->survey < y->survey ? -1 : 1;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (!x->segment || !y->segment) /* the row without a segment comes first */
		return (x->segment != NULL) - (y->segment != NULL);
	return strcmp(x->segment, y->segment);
}

static void finish_group(group *g)
{
	cx_nps_compute(&g->nps);
	cx_mean_compute(&g->csat, 1, 5);
	cx_mean_compute(&g->ces, 1, 7);
}

/* A segment must name a question of a reported survey: a typo would otherwise put everyone in one blank row. */
static int check_segment(cx_db *db, const char *segment, const char *survey, cx_err *err)
{
	int64_t n;
	int rc = cx_sql_get_int(db, 0, &n, err,
				"SELECT count(*) FROM survey_questions q JOIN surveys s ON s.id = q.survey_id"
				" WHERE q.text = ?1 AND (?2 IS NULL OR lower(s.name) = lower(?2))",
				CX_TEXT(segment), CX_TEXT(survey));
	if (rc)
		return rc;
	if (n == 0)

		return cx_fail(err, CX_ENOTFOUND,
			       CX_FIELD("segment")
			       ": no question \"%s\" in %s%s (give a column's header text as imported)", segment,
			       survey ? "survey " : "any survey", survey ? survey : "");
	return CX_OK;
}

/* A flag per score: null without answers, true when they are too few for a narrow interval. */
static cx_val thin_flag(int64_t n)
{
	return n ? CX_INTV(n < CX_SMALL_SAMPLE) : CX_NULLV;
}

/*
 * For people: which figures of a row rest on few answers, and how few, so
 * that a score is not read as more certain than it is. Rows past the first
 * twenty are counted, not listed.
 */
static void thin_note(cx_out *out, const surveys *sv, const group *g, int *shown, int64_t *more)
{
	const char *names[3] = { "NPS", "CSAT", "CES" };
	int64_t ns[3] = { g->nps.n, g->csat.n, g->ces.n };
	char line[512];
	size_t used;
	int any = 0;

	for (int i = 0; i < 3; i++)
		any |= ns[i] > 0 && ns[i] < CX_SMALL_SAMPLE;
	if (!any)
		return;
	if (*shown == 20) {
		++*more;
		return;
	}
	if (!(*shown)++)
		cx_out_text(out, "Thin figures: fewer than 30 answers, so their intervals are wide and one answer moves them a lot:");
	used = (size_t)snprintf(line, sizeof line, "  %s%s%s%s%s:", sv->name[g->survey], strcmp(g->key, "all") ? ", " : "",
				strcmp(g->key, "all") ? g->key : "", g->segment ? ", " : "", g->segment ? g->segment : "");
	for (int i = 0, k = 0; i < 3 && used < sizeof line; i++)
		if (ns[i] > 0 && ns[i] < CX_SMALL_SAMPLE)
			used += (size_t)snprintf(line + used, sizeof line - used, "%s %s on %lld answer%s", k++ ? "," : "",
						 names[i], (long long)ns[i], ns[i] == 1 ? "" : "s");
	cx_out_text(out, line);
}

static int scores(cx_db *db, const cx_survey_report_opts *o, const surveys *sv, cx_out *out, int doc,
		  cx_err *err)
{
	cx_period p;
	groups gs = { 0 };
	int rc, shown = 0;
	int64_t more = 0;

	if ((rc = cx_period_parse(o->by, &p, err)))
		return rc;
	if (o->segment && !is_tag(o->segment) && (rc = check_segment(db, o->segment, o->survey, err)))
		return rc;
	loop_opts lopt = { .passives = o->passives, .window = o->window ? o->window : 30 * 86400, .now = cx_db_now(db) };
	if ((rc = loop_setup(db, &lopt, err)))
		return rc;
	rc = scan(db, sv, (int)p, 0, o->segment, o->since, o->until, &lopt, &gs, err);
	cx_biz_free(lopt.biz);
	if (rc ||
	    (!o->segment && (rc = scan_requests(db, sv, (int)p, o->since, o->until, &gs, err)))) {
		free_groups(&gs);
		return rc;
	}
	if (gs.n) /* qsort must not be given a null array, even of no elements */
		qsort(gs.g, gs.n, sizeof *gs.g, cmp_group);
	cx_out_begin(out, doc ? "scores" : NULL, doc ? "Scores" : NULL, CX_LAY_TABLE, report_cols, NCOLS);
	for (size_t i = 0; i < gs.n; i++) {
		group *g = &gs.g[i];
		double lo, hi;
		finish_group(g);
		cx_wilson(g->csat_good, g->csat.n, &lo, &hi);
		int64_t median = -1;
		if (g->ndelays) {
			qsort(g->delays, g->ndelays, sizeof *g->delays, cmp_i64);
			median = g->delays[(g->ndelays - 1) / 2];
		}
		double rlo = 0, rhi = 0;
		cx_wilson(g->requests_answered, g->requests, &rlo, &rhi);
		int any_thin = (g->nps.n && g->nps.n < CX_SMALL_SAMPLE) || (g->csat.n && g->csat.n < CX_SMALL_SAMPLE) ||
			       (g->ces.n && g->ces.n < CX_SMALL_SAMPLE);
		cx_val v[NCOLS] = {
			CX_TEXTV(sv->name[g->survey]),
			CX_TEXTV(g->key),
			CX_TEXTV(g->segment),
			CX_INTV(g->responses),
			g->nps.n ? CX_REALV(g->nps.score) : CX_NULLV,
			g->nps.n ? CX_REALV(g->nps.lo) : CX_NULLV,
			g->nps.n ? CX_REALV(g->nps.hi) : CX_NULLV,
			g->nps.n ? CX_REALV(g->nps.moe) : CX_NULLV,
			CX_INTV(g->nps.n),
			thin_flag(g->nps.n),
			CX_INTV(g->nps.promoters),
			CX_INTV(g->nps.passives),
			CX_INTV(g->nps.detractors),
			g->csat.n ? CX_REALV(100.0 * (double)g->csat_good / (double)g->csat.n) : CX_NULLV,
			g->csat.n ? CX_REALV(lo) : CX_NULLV,
			g->csat.n ? CX_REALV(hi) : CX_NULLV,
			g->csat.n ? CX_REALV(g->csat.mean) : CX_NULLV,
			CX_INTV(g->csat.n),
			thin_flag(g->csat.n),
			g->ces.n ? CX_REALV(g->ces.mean) : CX_NULLV,
			g->ces.has_interval ? CX_REALV(g->ces.moe) : CX_NULLV,
			g->ces.has_interval ? CX_REALV(g->ces.lo) : CX_NULLV,
			g->ces.has_interval ? CX_REALV(g->ces.hi) : CX_NULLV,
			g->ces.n ? CX_REALV(100.0 * (double)g->ces_agree / (double)g->ces.n) : CX_NULLV,
			CX_INTV(g->ces.n),
			thin_flag(g->ces.n),
			CX_INTV(g->unhappy),
			CX_INTV(g->followed),
			median >= 0 ? CX_INTV(median) : CX_NULLV,
			CX_INTV(any_thin),
			CX_INTV(g->requests),
			CX_INTV(g->requests_answered),
			g->requests ? CX_REALV(100.0 * (double)g->requests_answered / (double)g->requests) : CX_NULLV,
			g->requests ? CX_REALV(rlo) : CX_NULLV,
			g->requests ? CX_REALV(rhi) : CX_NULLV,
		};
		continue_values(g, &v[NCOLS - 30]);
		loop_values(g, &v[NCOLS - 15]);
		cx_out_row(out, v);
	}
	cx_out_end(out);
	for (size_t i = 0; i < gs.n; i++)
		thin_note(out, sv, &gs.g[i], &shown, &more);
	if (more) {
		char line[96];
		snprintf(line, sizeof line, "  ... and %lld more row%s", (long long)more, more == 1 ? "" : "s");
		cx_out_text(out, line);
	}
	free_groups(&gs);
	return CX_OK;
}

/* The last `compare` seconds against the same span before, per survey. */
static int compare(cx_db *db, const cx_survey_report_opts *o, const surveys *sv, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "survey", CX_T_TEXT, 0, 0 },
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
		{ "method", CX_T_TEXT, 0, 0 },
		{ "reason", CX_T_TEXT, 0, 0 },
	};
	int64_t end = o->until ? o->until : cx_db_now(db), mid = end - o->compare, start = mid - o->compare;
	groups gs = { 0 };
	static const loop_opts no_loop = { 0 };
	int rc = scan(db, sv, P_WINDOW, mid, NULL, start, end, &no_loop, &gs, err);
	if (rc) {
		free_groups(&gs);
		return rc;
	}
	cx_out_begin(out, "change", "Change from the period before", CX_LAY_TABLE, CX_COLS(cols));
	for (size_t s = 0; s < sv->n; s++) {
		group none = { 0 }, *a = &none, *b = &none;
		for (size_t i = 0; i < gs.n; i++) {
			if (gs.g[i].survey != (int64_t)s)
				continue;
			finish_group(&gs.g[i]);
			if (!strcmp(gs.g[i].key, "before"))
				a = &gs.g[i];
			else
				b = &gs.g[i];
		}
		cx_change c[3] = {
			cx_nps_change(&a->nps, &b->nps),
			cx_share_change(a->csat_good, a->csat.n, b->csat_good, b->csat.n),
			cx_mean_change(&a->ces, &b->ces),
		};
		const char *names[3] = { "nps", "csat", "ces_mean" };
		int64_t na[3] = { a->nps.n, a->csat.n, a->ces.n }, nb[3] = { b->nps.n, b->csat.n, b->ces.n };
		for (int i = 0; i < 3; i++) {
			if (!na[i] && !nb[i])
				continue;
			cx_val v[] = {
				CX_TEXTV(sv->name[s]), CX_TEXTV(names[i]), CX_INTV(start), CX_INTV(mid),
				na[i] ? CX_REALV(c[i].before) : CX_NULLV, nb[i] ? CX_REALV(c[i].after) : CX_NULLV,
				na[i] && nb[i] ? CX_REALV(c[i].diff) : CX_NULLV, CX_INTV(na[i]), CX_INTV(nb[i]),
				c[i].tested ? CX_REALV(c[i].p) : CX_NULLV, c[i].tested ? CX_INTV(c[i].significant) : CX_NULLV,
				CX_TEXTV(c[i].method), CX_TEXTV(c[i].reason),
			};
			cx_out_row(out, v);
		}
	}
	cx_out_end(out);
	free_groups(&gs);
	return CX_OK;
}

int cx_survey_report(cx_db *db, const cx_survey_report_opts *o, cx_out *out, cx_err *err)
{
	surveys sv;
	int rc = load_surveys(db, o->survey, &sv, err);
	if (rc == CX_OK)
		rc = scores(db, o, &sv, out, o->compare > 0 || o->as_section, err);
	if (rc == CX_OK && o->compare > 0)
		rc = compare(db, o, &sv, out, err);
	free_surveys(&sv);
	return rc;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const cx_survey_totals *)a)->period, ((const cx_survey_totals *)b)->period);
}

int cx_survey_sum(cx_db *db, cx_period p, int64_t from, int64_t to, cx_survey_totals *t, int max, int *n,
		     cx_err *err)
{
	surveys sv;
	groups gs = { 0 };
	int rc = load_surveys(db, NULL, &sv, err);
	*n = 0;
	static const loop_opts no_loop = { 0 };
	if (rc == CX_OK)
		rc = scan(db, &sv, (int)p, 0, NULL, from, to, &no_loop, &gs, err);
	/* the surveys' groups of one period add up into one */
	for (size_t i = 0; rc == CX_OK && i < gs.n; i++) {
		group *g = &gs.g[i];
		int k = 0;
		while (k < *n && strcmp(t[k].period, g->key))
			k++;
		if (k == *n) {
			if (*n == max)
				continue;
			memset(&t[k], 0, sizeof t[k]);
			snprintf(t[k].period, sizeof t[k].period, "%s", g->key);
			(*n)++;
		}
		cx_survey_totals *x = &t[k];
		x->responses += g->responses;
		x->csat_good += g->csat_good;
		x->ces_agree += g->ces_agree;
		x->unhappy += g->unhappy;
		x->followed += g->followed;
		x->cont_n += g->cont_n;
		x->cont_likely += g->cont_likely;
		x->nps.n += g->nps.n;
		x->nps.promoters += g->nps.promoters;
		x->nps.passives += g->nps.passives;
		x->nps.detractors += g->nps.detractors;
		x->csat.n += g->csat.n;
		x->csat.sum += g->csat.sum;
		x->csat.sumsq += g->csat.sumsq;
		x->ces.n += g->ces.n;
		x->ces.sum += g->ces.sum;
		x->ces.sumsq += g->ces.sumsq;
	}
	for (int k = 0; k < *n; k++) {
		cx_nps_compute(&t[k].nps);
		cx_mean_compute(&t[k].csat, 1, 5);
		cx_mean_compute(&t[k].ces, 1, 7);
	}
	if (*n > 1)
		qsort(t, (size_t)*n, sizeof *t, cmp_key);
	free_groups(&gs);
	free_surveys(&sv);
	return rc;
}

int cx_survey_loop_section(cx_db *db, int64_t since, int64_t until, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "to_follow_up", CX_T_INT, 0, 0 },
		{ "contacted", CX_T_INT, 0, 0 },
		{ "contact_median_s", CX_T_SECS, 0, 0 },
		{ "contact_p90_s", CX_T_SECS, 0, 0 },
		{ "contacted_within", CX_T_INT, 0, 0 },
		{ "contacted_within_share", CX_T_REAL, 0, 1 },
		{ "contacted_within_lo", CX_T_REAL, 0, 1 },
		{ "contacted_within_hi", CX_T_REAL, 0, 1 },
		{ "recovered_contacted", CX_T_INT, 0, 0 },
		{ "next_contacted", CX_T_INT, 0, 0 },
		{ "recovered_not", CX_T_INT, 0, 0 },
		{ "next_not", CX_T_INT, 0, 0 },
		{ "recovery_difference", CX_T_REAL, 0, 1 },
		{ "recovery_difference_lo", CX_T_REAL, 0, 1 },
		{ "recovery_difference_hi", CX_T_REAL, 0, 1 },
	};
	surveys sv;
	groups gs = { 0 };
	loop_opts lo = { 0 };
	group all = { 0 };
	int rc = load_surveys(db, NULL, &sv, err);
	if (rc == CX_OK && (rc = loop_setup(db, &lo, err)) == CX_OK)
		rc = scan(db, &sv, CX_P_ALL, 0, NULL, since, until, &lo, &gs, err);
	/* every survey's answers to follow up, as one */
	for (size_t i = 0; rc == CX_OK && i < gs.n; i++) {
		group *g = &gs.g[i];
		all.to_follow += g->to_follow;
		all.contacted += g->contacted;
		all.within += g->within;
		all.next_contacted += g->next_contacted;
		all.recovered_contacted += g->recovered_contacted;
		all.next_not += g->next_not;
		all.recovered_not += g->recovered_not;
		for (size_t k = 0; k < g->ncontacts; k++)
			if (push(&all.contacts, &all.ncontacts, &all.cap_contacts, g->contacts[k]))
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	if (rc == CX_OK && all.to_follow) {
		cx_val v[15];
		loop_values(&all, v);
		cx_out_begin(out, "loop", "Closing the loop: unhappy answers, their first contact, and what came next",
			     CX_LAY_RECORD, CX_COLS(cols));
		cx_out_row(out, v);
		cx_out_end(out);
	}
	free(all.contacts);
	cx_biz_free(lo.biz);
	free_groups(&gs);
	free_surveys(&sv);
	return rc;
}
