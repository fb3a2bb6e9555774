/*
 * Unit tests for lib/journey.c, lib/touch.c and lib/chart.c: the friction
 * score, the journey map's aggregates on a hand-built database (figures
 * worked out by hand in the comments), one customer's journey, the emotion
 * and effort parsers, and the charts.
 */
#include <math.h>

#include "unit.h"
#include "lib/journey_impl.h"

#define DAY UNIT_DAY
#define N UNIT_NOW

static int64_t customer(cx_db *db, const char *name, const char *tag)
{
	cx_err err = { 0 };
	const char *tags[] = { tag };
	cx_customer_in in = { .name = name, .tags = tag ? tags : NULL, .ntags = tag ? 1 : 0, .at = N - 200 * DAY };
	int64_t id = 0;
	unit_ok(cx_customer_add(db, &in, &id, &err), err);
	return id;
}

/* One logged touchpoint; emotion CX_NO_EMOTION and effort 0 when unknown. */
static void touch(cx_db *db, int64_t who, int64_t at, const char *stage, const char *channel, int emotion, int effort)
{
	cx_err err = { 0 };
	cx_touch_in in = { .customer_id = who, .at = at, .stage = stage, .channel = channel,
			   .emotion = emotion, .effort = effort };
	int64_t id = 0;
	unit_ok(cx_touch_log(db, &in, &id, &err), err);
	assert_true(id > 0);
}

static int64_t open_case(cx_db *db, int64_t who, int64_t at, const char *stage, const char *channel)
{
	cx_err err = { 0 };
	cx_case_in in = { .customer_id = who, .title = "Broken on arrival", .stage = stage, .channel = channel, .at = at };
	int64_t id = 0;
	unit_ok(cx_case_open(db, &in, &id, &err), err);
	return id;
}

#define NONE CX_NO_EMOTION

/*
 * Six customers. By stage (emotion, effort):
 *   c1 awareness web +2 e7 (-30d), purchase web +1 e6 (-28d), delivery email -2 e1 (-20d)
 *   c2 awareness web +1 (-25d), purchase email 0 e3 (-22d), delivery email -1 e2 (-21d), -2 e2 (-5d)
 *   c3 awareness social +1 (-15d)
 *   c4 awareness web 0 e5 (-12d), purchase web -1 e4 (-11d)
 *   c5 awareness social -1 e2 (-40d), delivery phone -2 e1 (-39d), a case at delivery by phone (-39d + 1h)
 *   c6 use: phone x4, email x3, web x2, store, chat (-110d .. -99d), nothing rated
 * c1, c2 and c3 are tagged vip.
 */
static void build(cx_db *db)
{
	int64_t c1 = customer(db, "One", "vip"), c2 = customer(db, "Two", "vip"), c3 = customer(db, "Three", "vip");
	int64_t c4 = customer(db, "Four", NULL), c5 = customer(db, "Five", NULL), c6 = customer(db, "Six", NULL);

	touch(db, c1, N - 30 * DAY, "awareness", "web", 2, 7);
	touch(db, c1, N - 28 * DAY, "purchase", "web", 1, 6);
	touch(db, c1, N - 20 * DAY, "delivery", "email", -2, 1);
	touch(db, c2, N - 25 * DAY, "awareness", "web", 1, 0);
	touch(db, c2, N - 22 * DAY, "purchase", "email", 0, 3);
	touch(db, c2, N - 21 * DAY, "delivery", "email", -1, 2);
	touch(db, c2, N - 5 * DAY, "delivery", "email", -2, 2);
	touch(db, c3, N - 15 * DAY, "awareness", "social", 1, 0);
	touch(db, c4, N - 12 * DAY, "awareness", "web", 0, 5);
	touch(db, c4, N - 11 * DAY, "purchase", "web", -1, 4);
	touch(db, c5, N - 40 * DAY, "awareness", "social", -1, 2);
	touch(db, c5, N - 39 * DAY, "delivery", "phone", -2, 1);
	open_case(db, c5, N - 39 * DAY + 3600, "delivery", "phone");
	static const char *const use[] = { "phone", "phone", "phone", "phone", "email", "email",
					   "email", "web", "web", "store" };
	for (int i = 0; i < 10; i++)
		touch(db, c6, N - (110 - i) * DAY, "use", use[i], NONE, 0);
	touch(db, c6, N - 99 * DAY, "use", "chat", NONE, 0);
}

static const cx_stage_stat *stage(const cx_journey_map *m, const char *name)
{
	for (int i = 0; i < m->nstages; i++)
		if (!strcmp(m->stages[i].name, name))
			return &m->stages[i];
	fail_msg("no stage %s in the map", name);
	return NULL;
}

static void map(cx_db *db, const cx_journey_filter *f, cx_journey_map *m)
{
	cx_err err = { 0 };
	unit_ok(cx_journey_map_compute(db, f, m, &err), err);
}

#define near(want, got) assert_true(fabs((double)(want) - (double)(got)) < 1e-6)

/* Student's t at 97.5% for 2, 3 and 4 degrees of freedom, from a table */
#define T2 4.302652730
#define T3 3.182446305
#define T4 2.776445105

/* ---- the friction score ---- */

static void test_friction_formula(void **state)
{
	(void)state;
	near(0, cx_friction(0, 0, 0, 0, 100));
	near(0, cx_friction(1, 1, 1, 1, 0));
	/* everything at its worst, n = 20: half the weight of a busy cell */
	near(50, cx_friction(1, 1, 1, 1, 20));
	/* each part alone, n = 980: n / (n + 20) = 0.98 */
	near(39.2, cx_friction(1, 0, 0, 0, 980));
	near(24.5, cx_friction(0, 1, 0, 0, 980));
	near(19.6, cx_friction(0, 0, 1, 0, 980));
	near(14.7, cx_friction(0, 0, 0, 1, 980));
	/* 100 (0.40 0.75 + 0.25 2/3 + 0.20 0.2 + 0.15 0) 5/25 */
	near(10.133333333, cx_friction(0.75, 2.0 / 3, 0.2, 0, 5));
	/* a case rate above 1 counts as 1 */
	near(cx_friction(0, 0, 1, 0, 20), cx_friction(0, 0, 3, 0, 20));
	near(10, cx_friction(0, 0, 3, 0, 20));
	/* more touchpoints with the same shares rank higher */
	assert_true(cx_friction(0.5, 0.5, 0.1, 0.1, 100) > cx_friction(0.5, 0.5, 0.1, 0.1, 10));
}

/* ---- the map ---- */

static void test_map_stages(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_journey_filter f = { .stale = 10 * DAY };

	build(db);
	map(db, &f, &m);
	assert_int_equal(m.customers, 6);
	assert_int_equal(m.touches, 23); /* the customers' own: c5's case is counted apart */
	assert_int_equal(m.stale, 10 * DAY);
	assert_int_equal(m.nstages, 9);
	assert_string_equal(m.stages[0].name, "awareness");
	assert_string_equal(m.stages[8].name, "service");

	/* awareness: emotions 2 1 1 0 -1: mean 0.6, sd sqrt(5.2 / 4), t(4) sd / sqrt 5 = 1.415715: up to 2 */
	const cx_stage_stat *a = stage(&m, "awareness");
	assert_int_equal(a->customers, 5);
	assert_int_equal(a->touches, 5);
	assert_int_equal(a->emotion_n, 5);
	near(0.6, a->emotion_mean);
	near(0.6 - T4 * sqrt(1.3) / sqrt(5), a->emotion_lo);
	near(2, a->emotion_hi);
	assert_true(fabs(a->emotion_lo - -0.815715) < 1e-6);
	assert_true(a->emotion_ci);
	assert_int_equal(a->negative, 1);
	assert_int_equal(a->effort_n, 3);
	assert_int_equal(a->hard, 1);
	near(14.0 / 3, a->effort_mean);
	assert_int_equal(a->cases, 0);
	assert_string_equal(a->mix, "web 60%, social 40%");

	/* purchase: 1 0 -1: mean 0, sd 1, t(2) / sqrt 3 = 2.484: the whole scale */
	const cx_stage_stat *p = stage(&m, "purchase");
	assert_int_equal(p->customers, 3);
	assert_int_equal(p->touches, 3);
	near(0, p->emotion_mean);
	near(-2, p->emotion_lo);
	near(2, p->emotion_hi);
	near(13.0 / 3, p->effort_mean);
	assert_string_equal(p->mix, "web 67%, email 33%");

	/* delivery: -2 -1 -2 -2: mean -1.75, sd 0.5, t(3) 0.5 / 2 = 0.795612; the case counted apart */
	const cx_stage_stat *d = stage(&m, "delivery");
	assert_int_equal(d->customers, 3);
	assert_int_equal(d->touches, 4);
	assert_int_equal(d->replies, 0);
	assert_int_equal(d->emotion_n, 4);
	near(-1.75, d->emotion_mean);
	near(-2, d->emotion_lo);
	near(-1.75 + T3 * 0.25, d->emotion_hi);
	assert_int_equal(d->negative, 4);
	assert_int_equal(d->cases, 1);
	near(1.5, d->effort_mean);
	assert_string_equal(d->mix, "email 60%, phone 40%");

	/* use: nothing rated; the four busiest channels, busiest first, ties in channel order */
	const cx_stage_stat *u = stage(&m, "use");
	assert_int_equal(u->customers, 1);
	assert_int_equal(u->touches, 11);
	assert_int_equal(u->emotion_n, 0);
	assert_int_equal(u->effort_n, 0);
	assert_string_equal(u->mix, "phone 36%, email 27%, web 18%, store 9%");

	/* a stage nobody reached */
	const cx_stage_stat *s = stage(&m, "service");
	assert_int_equal(s->customers, 0);
	assert_int_equal(s->touches, 0);
	assert_int_equal(s->next_median, -1);
	assert_string_equal(s->mix, "");
	cx_journey_map_free(&m);
}

static void test_map_one_rating_has_no_interval(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_journey_filter f = { 0 };
	int64_t c = customer(db, "Solo", NULL);

	touch(db, c, N - DAY, "decision", "chat", -1, 0);
	map(db, &f, &m);
	const cx_stage_stat *d = stage(&m, "decision");
	assert_int_equal(d->emotion_n, 1);
	near(-1, d->emotion_mean);
	assert_false(d->emotion_ci); /* not one of no width */
	assert_string_equal(d->mix, "chat 100%");
	cx_journey_map_free(&m);
}

/* The time from a stage to the next stage each customer reached, its (lower) median. */
static void test_map_next_stage(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_journey_filter f = { 0 };

	build(db);
	map(db, &f, &m);
	/* awareness: c1 2d, c2 3d, c4 1d, c5 1d (to delivery: it skipped purchase); c3 never moved on */
	assert_int_equal(stage(&m, "awareness")->next_median, 1 * DAY);
	/* purchase: c1 8d, c2 1d: of two, the lower */
	assert_int_equal(stage(&m, "purchase")->next_median, 1 * DAY);
	assert_int_equal(stage(&m, "delivery")->next_median, -1);
	assert_int_equal(stage(&m, "use")->next_median, -1);
	cx_journey_map_free(&m);
}

static void test_map_next_stage_odd_count(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_journey_filter f = { 0 };
	int64_t a = customer(db, "A", NULL), b = customer(db, "B", NULL), c = customer(db, "C", NULL);

	touch(db, a, N - 50 * DAY, "awareness", "web", NONE, 0);
	touch(db, a, N - 45 * DAY, "decision", "web", NONE, 0);
	touch(db, b, N - 50 * DAY, "awareness", "web", NONE, 0);
	touch(db, b, N - 48 * DAY, "awareness", "web", NONE, 0); /* the first touch of a stage counts */
	touch(db, b, N - 40 * DAY, "consideration", "web", NONE, 0);
	touch(db, c, N - 50 * DAY, "awareness", "web", NONE, 0);
	touch(db, c, N - 20 * DAY, "purchase", "web", NONE, 0);
	/* a customer seen at a later stage first does not count for the earlier one */
	int64_t d = customer(db, "D", NULL);
	touch(db, d, N - 30 * DAY, "consideration", "web", NONE, 0);
	touch(db, d, N - 10 * DAY, "awareness", "web", NONE, 0);
	map(db, &f, &m);
	/* awareness: a 5d, b 10d, c 30d (d reached consideration before awareness): median 10d */
	assert_int_equal(stage(&m, "awareness")->next_median, 10 * DAY);
	assert_int_equal(stage(&m, "consideration")->next_median, -1);
	cx_journey_map_free(&m);
}

/* Drop-off: customers whose latest touchpoint is at the stage and older than stale, at a fixed now. */
static void test_map_dropoff(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_journey_filter f = { .stale = 10 * DAY };

	build(db);
	/* latest: c1 delivery 20d, c2 delivery 5d, c3 awareness 15d, c4 purchase 11d, c5 delivery 39d, c6 use 99d */
	map(db, &f, &m);
	assert_int_equal(stage(&m, "awareness")->dropoff, 1);
	assert_int_equal(stage(&m, "purchase")->dropoff, 1);
	assert_int_equal(stage(&m, "delivery")->dropoff, 2);
	assert_int_equal(stage(&m, "use")->dropoff, 1);
	cx_journey_map_free(&m);

	/* stale 0: the stale setting, 30d by default */
	f.stale = 0;
	map(db, &f, &m);
	assert_int_equal(m.stale, 30 * DAY);
	assert_int_equal(stage(&m, "awareness")->dropoff, 0);
	assert_int_equal(stage(&m, "purchase")->dropoff, 0);
	assert_int_equal(stage(&m, "delivery")->dropoff, 1);
	assert_int_equal(stage(&m, "use")->dropoff, 1);
	cx_journey_map_free(&m);

	cx_err err = { 0 };
	unit_ok(cx_config_set(db, "stale", "12d", &err), err);
	map(db, &f, &m);
	assert_int_equal(m.stale, 12 * DAY);
	assert_int_equal(stage(&m, "awareness")->dropoff, 1);
	assert_int_equal(stage(&m, "purchase")->dropoff, 0);
	assert_int_equal(stage(&m, "delivery")->dropoff, 2);
	cx_journey_map_free(&m);
	unit_ok(cx_config_unset(db, "stale", &err), err);

	/* ten days later, c1's 30 days are not more than 30 days; a second later they are */
	cx_db_set_now(db, N + 10 * DAY);
	map(db, &f, &m);
	assert_int_equal(stage(&m, "delivery")->dropoff, 1);
	cx_journey_map_free(&m);
	cx_db_set_now(db, N + 10 * DAY + 1);
	map(db, &f, &m);
	assert_int_equal(stage(&m, "delivery")->dropoff, 2);
	cx_journey_map_free(&m);
}

typedef struct hot_want {
	const char *stage, *channel;
	double score;
	int64_t touches;
} hot_want;

static void expect_hot(const cx_journey_map *m, const hot_want *w, int n)
{
	if (m->nhot != n)
		fail_msg("%d hot spots, want %d (first: %s/%s)", m->nhot, n, m->nhot ? m->hot[0].stage : "-",
			 m->nhot ? m->hot[0].channel : "-");
	for (int i = 0; i < n; i++) {
		const cx_hotspot *h = &m->hot[i];
		if (strcmp(h->stage, w[i].stage) || strcmp(h->channel, w[i].channel) || fabs(h->score - w[i].score) > 1e-5 ||
		    h->touches != w[i].touches)
			fail_msg("rank %d: %s/%s %.6f (%lld), want %s/%s %.6f (%lld)", i + 1, h->stage, h->channel, h->score,
				 (long long)h->touches, w[i].stage, w[i].channel, w[i].score, (long long)w[i].touches);
	}
}

static void test_map_hotspots(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_journey_filter f = { .stale = 10 * DAY, .min_touches = 1 };

	build(db);
	map(db, &f, &m);
	/*
	 * delivery/email:   negative 3/3, hard 3/3, no case, drop-off c1 of c1, c2: (.4 + .25 + .075) 3/23
	 * delivery/phone:   1/1, 1/1, 1 touchpoint and 1 case, c5 of c5: (.4 + .25 + .1 + .15) 2/22
	 * awareness/social: 1/2, 1/1, none, c3 of c3, c5: (.2 + .25 + .075) 2/22
	 * purchase/web:     1/2, 0/2, none, c4 of c1, c4: (.2 + .075) 2/22
	 * purchase/email:   0/1, 1/1 (effort 3 is hard): .25 1/21
	 * use/chat:         c6 dropped off here: .15 1/21
	 * then the cells without friction, busiest first, else in journey order
	 */
	const hot_want w[] = {
		{ "delivery", "email", 100 * 0.725 * 3 / 23, 3 },
		{ "delivery", "phone", 100 * 0.9 * 2 / 22, 1 },
		{ "awareness", "social", 100 * 0.525 * 2 / 22, 2 },
		{ "purchase", "web", 100 * 0.275 * 2 / 22, 2 },
		{ "purchase", "email", 100 * 0.25 / 21, 1 },
		{ "use", "chat", 100 * 0.15 / 21, 1 },
		{ "use", "phone", 0, 4 },
		{ "awareness", "web", 0, 3 },
		{ "use", "email", 0, 3 },
		{ "use", "web", 0, 2 },
		{ "use", "store", 0, 1 },
	};
	expect_hot(&m, w, 11);
	const cx_hotspot *h = &m.hot[1];
	near(1, h->negative);
	near(1, h->hard);
	near(0.5, h->case_rate);
	near(1, h->drop_rate);
	assert_int_equal(h->cases, 1);
	assert_int_equal(h->dropoff, 1);
	h = &m.hot[3];
	near(0.5, h->negative);
	near(0, h->hard);
	near(0, h->case_rate);
	near(0.5, h->drop_rate);
	cx_journey_map_free(&m);

	/* cells under min are not ranked; the default min is 5 */
	f.min_touches = 3;
	map(db, &f, &m);
	const hot_want w3[] = {
		{ "delivery", "email", 100 * 0.725 * 3 / 23, 3 },
		{ "use", "phone", 0, 4 },
		{ "awareness", "web", 0, 3 },
		{ "use", "email", 0, 3 },
	};
	expect_hot(&m, w3, 4);
	cx_journey_map_free(&m);
	f.min_touches = 0;
	map(db, &f, &m);
	expect_hot(&m, NULL, 0);
	cx_journey_map_free(&m);
}

static void test_map_filters(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_err err = { 0 };

	build(db);
	/* since: at or after; until: before */
	cx_journey_filter f = { .since = N - 21 * DAY, .until = N - 5 * DAY, .stale = 10 * DAY };
	map(db, &f, &m);
	/* c1 delivery -20d, c2 delivery -21d, c3 awareness -15d, c4 awareness -12d and purchase -11d */
	assert_int_equal(m.touches, 5);
	assert_int_equal(m.customers, 4);
	assert_int_equal(stage(&m, "awareness")->touches, 2);
	assert_int_equal(stage(&m, "delivery")->touches, 2);
	/* judged at the window's end (-5d): c2's latest in it is -21d, dropped off at delivery with c1 */
	assert_int_equal(stage(&m, "delivery")->dropoff, 2);
	cx_journey_map_free(&m);

	cx_journey_filter t = { .tag = "vip" };
	map(db, &t, &m);
	assert_int_equal(m.customers, 3);
	assert_int_equal(m.touches, 8);
	cx_journey_map_free(&m);

	cx_journey_filter c = { .channel = "phone" };
	map(db, &c, &m);
	assert_int_equal(m.customers, 2);
	assert_int_equal(m.touches, 5);
	assert_int_equal(stage(&m, "delivery")->cases, 1);
	assert_string_equal(stage(&m, "use")->mix, "phone 100%");
	cx_journey_map_free(&m);

	cx_journey_filter bad = { .channel = "fax" };
	assert_int_equal(cx_journey_map_compute(db, &bad, &m, &err), CX_ENOTFOUND);
	assert_non_null(strstr(err.msg, "channel: \"fax\" is not one of phone, email"));
}

/* The map as a script reads it: two sections, percentages for the shares. */
static void test_map_write(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey_map m;
	cx_journey_filter f = { .stale = 10 * DAY, .min_touches = 1 };
	unit_cap cap;
	char col[512];

	build(db);
	map(db, &f, &m);
	cx_journey_map_write(&m, 2, unit_cap_open(&cap, CX_FMT_TSV, 0));
	char *t = unit_cap_text(&cap);
	unit_tsv_column(t, "stage", col, sizeof col);
	assert_string_equal(col, "awareness,consideration,decision,purchase,delivery,packaging,use,recommendation,service");
	unit_tsv_column(t, "negative", col, sizeof col);
	assert_string_equal(col, "20,,,33.3333333333,100,,,,");
	unit_tsv_column(t, "next_stage_median_s", col, sizeof col);
	assert_string_equal(col, "86400,,,86400,,,,,");
	unit_tsv_column(t, "dropoff", col, sizeof col);
	assert_string_equal(col, "1,0,0,1,2,0,1,0,0");
	/* --top 2: the two worst cells, after a blank line */
	char *hot = strstr(t, "\n\n");
	assert_non_null(hot);
	unit_tsv_column(hot + 2, "rank", col, sizeof col);
	assert_string_equal(col, "1,2");
	unit_tsv_column(hot + 2, "channel", col, sizeof col);
	assert_string_equal(col, "email,phone");
	unit_tsv_column(hot + 2, "case_rate", col, sizeof col);
	assert_string_equal(col, "0,50");
	free(t);
	cx_journey_map_free(&m);
}

/* ---- one customer ---- */

static void test_journey_load(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_journey j;
	cx_err err = { 0 };
	int64_t c = customer(db, "Dana", NULL);

	touch(db, c, N - 5 * DAY, "use", "product", 1, 6);
	touch(db, c, N - 9 * DAY, "purchase", "web", 2, 7);
	touch(db, c, N - 3 * DAY, "purchase", "email", -1, 0);
	touch(db, c, N - 10 * DAY, "awareness", "social", NONE, 0);
	int64_t k = open_case(db, c, N - 4 * DAY, NULL, NULL);
	unit_ok(cx_journey_load(db, c, &j, &err), err);
	assert_string_equal(j.customer, "Dana");
	assert_int_equal(j.n, 5);
	assert_int_equal(j.nstages, 9);
	/* stage order, then time; a case without a stage is a service row on channel other */
	const char *want[][3] = {
		{ "awareness", "touch", "social" }, { "purchase", "touch", "web" }, { "purchase", "touch", "email" },
		{ "use", "touch", "product" },      { "service", "case", "other" },
	};
	for (int i = 0; i < 5; i++) {
		assert_string_equal(j.p[i].stage, want[i][0]);
		assert_string_equal(j.p[i].kind, want[i][1]);
		assert_string_equal(j.p[i].channel, want[i][2]);
	}
	assert_int_equal(j.p[4].case_id, k);
	assert_int_equal(j.p[0].emotion, CX_NO_EMOTION);
	assert_int_equal(j.p[0].effort, 0);
	assert_int_equal(j.p[1].emotion, 2);
	assert_int_equal(j.p[1].effort, 7);
	assert_int_equal(j.first, 0); /* the earliest */
	cx_journey_free(&j);

	/* the first impression is the earliest, wherever its stage sorts */
	touch(db, c, N - 20 * DAY, "use", "store", 0, 0);
	unit_ok(cx_journey_load(db, c, &j, &err), err);
	assert_int_equal(j.n, 6);
	assert_string_equal(j.p[j.first].channel, "store");
	assert_int_equal(j.first, 3);
	cx_journey_free(&j);

	/* nobody's journey: empty, no first impression */
	int64_t e = customer(db, "Empty", NULL);
	unit_ok(cx_journey_load(db, e, &j, &err), err);
	assert_int_equal(j.n, 0);
	assert_int_equal(j.first, -1);
	cx_journey_free(&j);
}

/* ---- parsing ---- */

static void test_emotion_parse(void **state)
{
	static const struct {
		const char *in;
		int want;
	} ok[] = {
		{ "angry", -2 }, { "frustrated", -1 }, { "neutral", 0 }, { "pleased", 1 }, { "delighted", 2 },
		{ "ANGRY", -2 }, { "Delighted", 2 },   { "-2", -2 },     { "-1", -1 },    { "0", 0 },
		{ "1", 1 },      { "+1", 1 },          { "2", 2 },       { "+2", 2 },     { "-0", 0 },
	};
	static const char *const bad[] = { "3", "-3", "+3", "10", "", "happy", "angr", "1.0", "1x", "one", "- 1" };
	cx_err err = { 0 };
	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int v = 99;
		unit_ok(cx_emotion_parse(ok[i].in, &v, &err), err);
		if (v != ok[i].want)
			fail_msg("emotion \"%s\": %d, want %d", ok[i].in, v, ok[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int v = 99;
		char want[200];
		if (cx_emotion_parse(bad[i], &v, &err) != CX_EDATA)
			fail_msg("emotion \"%s\" accepted as %d", bad[i], v);
		snprintf(want, sizeof want,
			 "emotion: \"%s\" is not -2..+2 or angry, frustrated, neutral, pleased, delighted", bad[i]);
		assert_string_equal(err.msg, want);
	}
}

static void test_effort_parse(void **state)
{
	static const char *const bad[] = { "0", "8", "-1", "", "easy", "3.5", "7 ", "1e1", "+" };
	cx_err err = { 0 };
	(void)state;
	for (int n = 1; n <= 7; n++) {
		char s[4];
		int v = 0;
		snprintf(s, sizeof s, "%d", n);
		unit_ok(cx_effort_parse(s, &v, &err), err);
		assert_int_equal(v, n);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int v = 0;
		char want[200];
		if (cx_effort_parse(bad[i], &v, &err) != CX_EDATA)
			fail_msg("effort \"%s\" accepted as %d", bad[i], v);
		snprintf(want, sizeof want, "effort: \"%s\" is not 1..7 (1 = very hard, 7 = very easy)", bad[i]);
		assert_string_equal(err.msg, want);
	}
}

/* The library checks values itself, whoever calls it. */
static void test_touch_log_refusals(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t a = customer(db, "A", NULL), b = customer(db, "B", NULL), id = 7;
	int64_t k = open_case(db, b, N - DAY, "use", "phone");
	cx_touch_in in = { .customer_id = a, .stage = "use", .channel = "phone", .emotion = 3 };

	assert_int_equal(cx_touch_log(db, &in, &id, &err), CX_EDATA);
	assert_string_equal(err.msg, "emotion: 3 is not -2..+2");
	assert_int_equal(id, 0);
	in.emotion = NONE;
	in.effort = 8;
	assert_int_equal(cx_touch_log(db, &in, &id, &err), CX_EDATA);
	assert_string_equal(err.msg, "effort: 8 is not 1..7");
	in.effort = 0;
	in.case_id = k;
	assert_int_equal(cx_touch_log(db, &in, &id, &err), CX_EDATA);
	assert_string_equal(err.msg, "case: case 1 belongs to another customer");
	in.case_id = 0;
	in.stage = "limbo";
	assert_int_equal(cx_touch_log(db, &in, &id, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "stage: \"limbo\" is not one of awareness, consideration, decision, purchase,"
				     " delivery, packaging, use, recommendation, service");
	in.stage = NULL;
	assert_int_equal(cx_touch_log(db, &in, &id, &err), CX_EUSAGE);

	/* a key seen before adds nothing and says so with id 0 */
	cx_touch_in keyed = { .customer_id = a, .stage = "use", .channel = "phone", .emotion = NONE, .key = "k1" };
	unit_ok(cx_touch_log(db, &keyed, &id, &err), err);
	assert_true(id > 0);
	unit_ok(cx_touch_log(db, &keyed, &id, &err), err);
	assert_int_equal(id, 0);
}

/* ---- charts ---- */

static char *chart_text(const cx_chart_point *p, int n, int ascii, int color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	cx_chart_text(fp, p, n, ascii, color);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void test_chart_text(void **state)
{
	const cx_chart_point p[] = {
		{ "awareness", 1.0, 0.5, 1.5, 12, 1 },
		{ "purchase", -2.0, 0, -1, 3, 1 },
		{ "use", 0, 0, -1, 0, 0 },
	};
	(void)state;
	char *t = chart_text(p, 3, 1, 0);
	for (const unsigned char *c = (const unsigned char *)t; *c; c++)
		if (*c >= 0x80 || (*c < 0x20 && *c != '\n'))
			fail_msg("not plain ASCII: byte 0x%02x in\n%s", *c, t);
	/* nine rows from +2 to -2, the labels, the counts */
	const char *want = "+2 delighted |            \n"
			   "             | :          \n"
			   "+1 pleased   | *          \n"
			   "             | :          \n"
			   "+0 neutral   |------------\n"
			   "             |            \n"
			   "-1 frustrated|            \n"
			   "             |            \n"
			   "-2 angry     |     *      \n"
			   "               awa pur use\n"
			   "             n  12   3   0\n";
	assert_string_equal(t, want);
	free(t);

	t = chart_text(p, 3, 0, 0);
	assert_non_null(strstr(t, "\xe2\x97\x8f")); /* a dot */
	assert_null(strchr(t, '\033'));
	free(t);
	t = chart_text(p, 3, 1, 1);
	assert_non_null(strstr(t, "\033[32m*\033[0m")); /* pleased: green */
	assert_non_null(strstr(t, "\033[31m*\033[0m")); /* angry: red */
	free(t);
}

/* A mean half way between two rows (0.75, -1.25) still gets its dot, on one of the two. */
static void test_chart_text_half_way(void **state)
{
	const cx_chart_point p[] = { { "awareness", 0.75, 0, -1, -1, 1 }, { "use", -1.25, 0, -1, -1, 1 } };
	(void)state;
	char *t = chart_text(p, 2, 1, 0);
	const char *want = "+2 delighted |        \n"
			   "             |        \n"
			   "+1 pleased   |        \n"
			   "             | *      \n"
			   "+0 neutral   |--------\n"
			   "             |        \n"
			   "-1 frustrated|        \n"
			   "             |     *  \n"
			   "-2 angry     |        \n"
			   "               awa use\n";
	assert_string_equal(t, want);
	free(t);
}

static void test_chart_svg(void **state)
{
	const cx_chart_point p[] = {
		{ "awareness", 0.6, -0.4, 1.6, 5, 1 },
		{ "<use>", -1.75, -2.24, -1.26, 4, 1 },
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	(void)state;
	assert_non_null(fp);
	cx_chart_svg(fp, "Journey of Ruiz & Sons", "sub", p, 2);
	assert_int_equal(fclose(fp), 0);
	const char *head = "<svg xmlns=\"http://www.w3.org/2000/svg\"";
	assert_true(!strncmp(buf, head, strlen(head)));
	assert_non_null(strstr(buf, "</svg>\n"));
	assert_non_null(strstr(buf, "Ruiz &amp; Sons"));
	assert_non_null(strstr(buf, "&lt;use&gt;"));
	assert_null(strstr(buf, "<use>"));
	assert_non_null(strstr(buf, "n=5"));
	assert_non_null(strstr(buf, "<polygon")); /* the interval band */
	assert_non_null(strstr(buf, "stroke=\"#1f5fa8\""));
	/* self-contained: the namespace is the only address */
	const char *h = strstr(buf, "http");
	assert_non_null(h);
	assert_null(strstr(h + 4, "http"));
	assert_null(strstr(buf, "href"));
	free(buf);
}

/* ---- the summary: its arithmetic, and its map against the full one ---- */

static void test_summary_buckets(void **state)
{
	(void)state;
	/* single values up to 99, then the first two digits: 123 s is in [120, 130), a day in [86000, 87000) */
	assert_int_equal(cx_jm_bucket(0), 0);
	assert_int_equal(cx_jm_bucket(99), 99);
	assert_int_equal(cx_jm_bucket_end(99), 100);
	assert_int_equal(cx_jm_bucket(100), 100);
	assert_int_equal(cx_jm_bucket(123), 120);
	assert_int_equal(cx_jm_bucket_end(120), 130);
	assert_int_equal(cx_jm_bucket(86400), 86000);
	assert_int_equal(cx_jm_bucket_end(86000), 87000);
	assert_int_equal(cx_jm_bucket(315360000), 310000000);
	for (int64_t d = 0; d < 5000000; d = d * 3 / 2 + 1) {
		int64_t lo = cx_jm_bucket(d);
		assert_true(lo <= d && d < cx_jm_bucket_end(lo));
		assert_int_equal(cx_jm_bucket(cx_jm_bucket_end(lo)), cx_jm_bucket_end(lo)); /* buckets tile */
	}
}

static void test_summary_delta(void **state)
{
	(void)state;
	cx_jm_delta d;
	assert_int_equal(cx_jm_delta_init(&d, 2, 3), CX_OK);
	cx_jm_cell own = { .touches = 2, .emotion_n = 2, .emotion_sum = -3, .emotion_sq = 5, .negative = 2 };
	cx_jm_cell replies = { .replies = 4 };
	cx_jm_delta_cell(&d, 4, &own, 1);
	cx_jm_delta_cell(&d, 4, &replies, 1);
	/* the business's replies alone put no customer in a cell */
	assert_int_equal(d.cells[4].customers, 1);
	assert_int_equal(d.cells[4].replies, 4);
	assert_true(d.cells[4].emotion_sum == -3 && d.cells[4].emotion_sq == 5);
	/* a customer worked out again: the old share off, the new one on */
	cx_jm_cell now = own;
	now.touches = 3;
	now.effort_n = 1;
	now.effort_sum = 2;
	now.effort_sq = 4;
	now.hard = 1;
	cx_jm_delta_cell(&d, 4, &own, -1);
	cx_jm_delta_cell(&d, 4, &now, 1);
	assert_int_equal(d.cells[4].customers, 1);
	assert_int_equal(d.cells[4].touches, 3);
	assert_int_equal(d.cells[4].hard, 1);
	cx_jm_delta_cell(&d, 4, &now, -1);
	cx_jm_delta_cell(&d, 4, &replies, -1);
	assert_true(cx_jm_cell_empty(&d.cells[4]));
	assert_int_equal(d.cells[4].customers, 0);
	/* stages: reach counted, delays into buckets; -1 is no next stage */
	assert_int_equal(cx_jm_delta_stage(&d, 0, 5, 1), CX_OK);
	assert_int_equal(cx_jm_delta_stage(&d, 0, 5, 1), CX_OK);
	assert_int_equal(cx_jm_delta_stage(&d, 0, 86400, 1), CX_OK);
	assert_int_equal(cx_jm_delta_stage(&d, 1, -1, 1), CX_OK);
	assert_int_equal(cx_jm_delta_stage(&d, 0, 5, -1), CX_OK);
	assert_int_equal(d.reach[0], 2);
	assert_int_equal(d.reach[1], 1);
	assert_int_equal(d.nhist, 2);
	assert_int_equal(d.hist[0].lo, 5);
	assert_int_equal(d.hist[0].n, 1);
	assert_int_equal(d.hist[1].lo, 86000);
	assert_int_equal(d.hist[1].n, 1);
	cx_jm_delta_free(&d);
}

static void test_summary_median_bucket(void **state)
{
	(void)state;
	int64_t off = -1;
	/* n = 3: the middle one, the second value */
	cx_jm_bucket_n three[] = { { 0, 1, 1 }, { 0, 2, 1 }, { 0, 3, 1 } };
	assert_int_equal(cx_jm_median_bucket(three, 3, &off), 1);
	assert_int_equal(off, 0);
	/* n = 4: the lower middle (index 1), as the full computation's sorted[(n - 1) / 2] */
	cx_jm_bucket_n four[] = { { 0, 0, 1 }, { 0, 120, 3 } };
	assert_int_equal(cx_jm_median_bucket(four, 2, &off), 1);
	assert_int_equal(off, 0);
	/* n = 7 in one bucket: 3 rows into it */
	cx_jm_bucket_n seven[] = { { 0, 86000, 7 } };
	assert_int_equal(cx_jm_median_bucket(seven, 1, &off), 0);
	assert_int_equal(off, 3);
	/* nobody moved on */
	assert_int_equal(cx_jm_median_bucket(NULL, 0, &off), 0);
	cx_jm_bucket_n none[] = { { 0, 5, 0 } };
	assert_int_equal(cx_jm_median_bucket(none, 1, &off), 1);
}

/* The summary's map and the full one, to the last bit. */
static void same_maps(cx_db *db)
{
	cx_err err = { 0 };
	cx_journey_filter f = { 0 };
	cx_journey_map a, b;
	char what[600] = "";
	unit_ok(cx_journey_map_summary(db, &f, &a, &err), err);
	unit_ok(cx_journey_map_compute(db, &f, &b, &err), err);
	int differ = cx_journey_map_differ(&a, &b, what, sizeof what);
	if (differ)
		fail_msg("%s", what);
	cx_journey_map_free(&a);
	cx_journey_map_free(&b);
}

static void test_summary_follows_writes(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t ann = customer(db, "Ann", NULL), bob = customer(db, "Bob", NULL), cy = customer(db, "Cy", NULL);
	same_maps(db); /* empty */
	touch(db, ann, N - 40 * DAY, "awareness", "web", 1, 0);
	touch(db, ann, N - 30 * DAY, "purchase", "web", -2, 2);
	touch(db, bob, N - 20 * DAY, "awareness", "social", 0, 6);
	same_maps(db); /* built */
	/* two touchpoints of the same second: the drop-off goes to the later stage, whatever the order */
	touch(db, cy, N - 50 * DAY, "delivery", "phone", -1, 3);
	touch(db, cy, N - 50 * DAY, "purchase", "email", -1, 3);
	int64_t k = open_case(db, bob, N - 10 * DAY, "delivery", "email");
	same_maps(db); /* worked out again: the marked customers only */
	cx_journey_map m;
	cx_journey_filter f = { 0 };
	unit_ok(cx_journey_map_summary(db, &f, &m, &err), err);
	assert_int_equal(m.customers, 3);
	assert_int_equal(m.stages[4].dropoff, 1); /* delivery: Cy, quiet for 50 days */
	assert_int_equal(m.stages[0].next_median, 10 * DAY); /* awareness to purchase: Ann's 10 days */
	cx_journey_map_free(&m);
	(void)k;
	unit_ok(cx_merge_customers(db, cy, ann, &err), err);
	same_maps(db);
	unit_ok(cx_journey_map_rebuild(db, &err), err);
	same_maps(db);
	/* the first customer worked out again has no rows left: not counted as one seen */
	unit_ok(cx_merge_customers(db, ann, bob, &err), err);
	same_maps(db);
	unit_ok(cx_journey_map_summary(db, &f, &m, &err), err);
	assert_int_equal(m.customers, 1);
	cx_journey_map_free(&m);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_friction_formula),
		T(test_map_stages),
		T(test_map_one_rating_has_no_interval),
		T(test_map_next_stage),
		T(test_map_next_stage_odd_count),
		T(test_map_dropoff),
		T(test_map_hotspots),
		T(test_map_filters),
		T(test_map_write),
		T(test_journey_load),
		cmocka_unit_test(test_emotion_parse),
		cmocka_unit_test(test_effort_parse),
		T(test_touch_log_refusals),
		cmocka_unit_test(test_chart_text),
		cmocka_unit_test(test_chart_text_half_way),
		cmocka_unit_test(test_chart_svg),
		cmocka_unit_test(test_summary_buckets),
		cmocka_unit_test(test_summary_delta),
		cmocka_unit_test(test_summary_median_bucket),
		T(test_summary_follows_writes),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
