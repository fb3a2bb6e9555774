/* Unit tests for lib/sentiment.c, lib/feedback.c and lib/feedback_report.c: the guess, deadlines, percentiles. */
#include "unit.h"

#define HOUR INT64_C(3600)

/* ---- the lexicon guess ---- */

static void test_sentiment_guess(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		/* a clear lean */
		{ "Great coffee and friendly staff", "positive" },
		{ "Thanks, lovely barista!", "positive" },
		{ "GREAT!!!", "positive" },
		{ "Cold food, rude staff", "negative" },
		{ "Awful. Never again", "negative" },
		{ "Great coffee, lovely staff, perfect cake, slow wifi", "positive" }, /* 3 against 1 */
		{ "Rude, slow and overpriced, though the cake was nice", "negative" }, /* 3 against 1 */
		/* negations turn the next words of their clause around */
		{ "not good", "negative" },
		{ "The coffee was not good at all", "negative" },
		{ "Order never arrived", "negative" }, /* "never" leans negative on its own */
		{ "Wouldn't recommend", "negative" },
		{ "Wouldn\xe2\x80\x99t recommend", "negative" }, /* the apostrophe phones type */
		{ "Couldn't be happier? No: couldn't be less happy", "negative" },
		{ "Not cheap, but excellent", "positive" }, /* the comma ends the negation */
		{ "Nothing was wrong, great service", "positive" },
		/* no clear lean: no guess */
		{ "Great coffee but slow service", "" },
		{ "Friendly staff, rude manager", "" },
		{ "Not great, not terrible", "" },
		{ "Is the shop open on Sunday?", "" },
		{ "Très bon café \xe2\x98\x95 \xf0\x9f\x98\x80", "" }, /* not English: nothing known */
		{ "12345 !!!", "" },
		{ "", "" },
		{ "   \n\t", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = cx_sentiment_guess(cases[i].text);
		assert_non_null(got);
		if (strcmp(got, cases[i].want))
			fail_msg("\"%s\": got \"%s\", want \"%s\"", cases[i].text, got, cases[i].want);
	}
	assert_string_equal(cx_sentiment_guess(NULL), "");
}

/* ---- deadlines ---- */

static int64_t add(cx_db *db, const char *source, int rating, int64_t at, const char *text)
{
	cx_feedback_in in = { .source = source, .rating = rating, .at = at, .body = text };
	cx_err err = { 0 };
	int64_t id;
	unit_ok(cx_feedback_add(db, &in, &id, &err), err);
	assert_true(id > 0);
	return id;
}

static int64_t overdue_at(cx_db *db, int64_t now)
{
	cx_err err = { 0 };
	int64_t n = -1;
	unit_ok(cx_feedback_overdue_count(db, now, &n, &err), err);
	return n;
}

/* The columns of cx_feedback_list's TSV at the database's clock, joined with ','. */
static void list_column(cx_db *db, const cx_feedback_filter *f, const char *col, char *buf, size_t size)
{
	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_feedback_list(db, f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, col, buf, size);
	free(t);
}

static void test_deadlines(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_feedback_filter all = { 0 }, overdue = { .overdue = 1 };
	char buf[256];

	/* now is UNIT_NOW; the default targets: negative 4h, neutral 1d, unknown 1d, positive 2d */
	int64_t a = add(db, "google", 1, UNIT_NOW - 3 * HOUR, "cold");        /* due now + 1h */
	int64_t b = add(db, "yelp", 4, UNIT_NOW - 3 * UNIT_DAY, "ok");       /* due now - 1d */
	int64_t c = add(db, "x", 0, UNIT_NOW - 25 * HOUR, "Is it open?");   /* unknown: due now - 1h */
	int64_t d = add(db, "facebook", 3, UNIT_NOW - HOUR, "fine");        /* due now + 23h */
	assert_int_equal(a, 1);
	assert_int_equal(d, 4);

	list_column(db, &all, "id", buf, sizeof buf);
	assert_string_equal(buf, "2,3,1,4"); /* oldest first */
	list_column(db, &all, "due_in", buf, sizeof buf);
	assert_string_equal(buf, "-86400,-3600,3600,82800");
	list_column(db, &all, "overdue", buf, sizeof buf);
	assert_string_equal(buf, "1,1,0,0");
	list_column(db, &overdue, "id", buf, sizeof buf);
	assert_string_equal(buf, "2,3");

	assert_int_equal(overdue_at(db, UNIT_NOW), 2);
	/* due exactly then is not yet late; a second later it is */
	assert_int_equal(overdue_at(db, UNIT_NOW + HOUR), 2);
	assert_int_equal(overdue_at(db, UNIT_NOW + HOUR + 1), 3);
	assert_int_equal(overdue_at(db, UNIT_NOW + 23 * HOUR + 1), 4);
	assert_int_equal(overdue_at(db, UNIT_NOW - UNIT_DAY), 0);

	/* the most specific target wins */
	unit_ok(cx_feedback_target_set(db, "google", "negative", 2 * HOUR, &err), err);
	assert_int_equal(overdue_at(db, UNIT_NOW), 3); /* a: due now - 1h */
	unit_ok(cx_feedback_target_set(db, "*", "unknown", 2 * UNIT_DAY, &err), err);
	assert_int_equal(overdue_at(db, UNIT_NOW), 2); /* c: due now + 23h */
	unit_ok(cx_feedback_target_set(db, "x", "*", HOUR, &err), err);
	assert_int_equal(overdue_at(db, UNIT_NOW), 3); /* c: source over sentiment, due now - 24h */
	unit_ok(cx_feedback_target_set(db, "x", "unknown", 26 * HOUR, &err), err);
	assert_int_equal(overdue_at(db, UNIT_NOW), 2); /* c: source and sentiment over source, due now + 1h */
	list_column(db, &all, "deadline", buf, sizeof buf);
	assert_string_equal(buf, "2026-03-10T10:00:00Z,2026-03-11T11:00:00Z,2026-03-11T09:00:00Z,2026-03-12T09:00:00Z");

	/* answered and ignored items are never late */
	unit_ok(cx_feedback_respond(db, b, "Thank you!", &err), err);
	assert_int_equal(overdue_at(db, UNIT_NOW), 1);
	unit_ok(cx_feedback_ignore(db, a, "spam", &err), err);
	assert_int_equal(overdue_at(db, UNIT_NOW), 0);
	list_column(db, &all, "id", buf, sizeof buf);
	assert_string_equal(buf, "3,4,2,1"); /* open first */
	list_column(db, &all, "due_in", buf, sizeof buf);
	assert_string_equal(buf, "3600,82800,,");

	/* a sentiment set by hand moves the deadline: d neutral 1d -> negative 4h, due now + 3h */
	assert_int_equal(overdue_at(db, UNIT_NOW + 3 * HOUR + 1), 1); /* c alone */
	unit_ok(cx_feedback_tag(db, d, "negative", &err), err);
	assert_int_equal(overdue_at(db, UNIT_NOW + 3 * HOUR), 1);
	assert_int_equal(overdue_at(db, UNIT_NOW + 3 * HOUR + 1), 2);
	assert_int_equal(c, 3);

	/* what a target must be */
	assert_int_equal(cx_feedback_target_set(db, "google", "happy", HOUR, &err), CX_EDATA);
	assert_int_equal(cx_feedback_target_set(db, "google", "negative", 0, &err), CX_EDATA);
	/* a source that is not in the database */
	assert_int_equal(cx_feedback_target_set(db, "myspace", "negative", HOUR, &err), CX_ENOTFOUND);
	assert_true(cx_db_in_transaction(db)); /* the caller's, to end as it decides */
}

/* ---- the report's percentiles ---- */

/* An item of source at `at`, answered `after` seconds later (-1: never). */
static void answered(cx_db *db, const char *source, int64_t at, int64_t after)
{
	cx_err err = { 0 };
	int64_t id = add(db, source, 4, at, "ok");
	if (after >= 0) {
		cx_db_set_now(db, at + after);
		unit_ok(cx_feedback_respond(db, id, "Thanks", &err), err);
		cx_db_set_now(db, UNIT_NOW);
	}
}

static void test_report_percentiles(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t t0 = UNIT_NOW - 5 * UNIT_DAY;
	char buf[512];

	/* google: ten, given out of order; sorted 30 60 120 240 300 600 900 1200 3000 6000 */
	static const int64_t ten[] = { 600, 60, 6000, 120, 300, 30, 900, 3000, 240, 1200 };
	for (int i = 0; i < 10; i++)
		answered(db, "google", t0 + i * HOUR, ten[i]);
	/* yelp: one */
	answered(db, "yelp", t0, 42);
	/* facebook: two, and one ignored as spam that does not count as unanswered */
	answered(db, "facebook", t0, 100);
	answered(db, "facebook", t0 + HOUR, 50);
	cx_feedback_in spam = { .source = "facebook", .at = t0 + 2 * HOUR, .body = "cheap followers here" };
	int64_t id;
	unit_ok(cx_feedback_add(db, &spam, &id, &err), err);
	unit_ok(cx_feedback_ignore(db, id, "spam", &err), err);
	/* instagram: twenty, 1 to 20 minutes */
	for (int i = 20; i >= 1; i--)
		answered(db, "instagram", t0 + i * 60, i * 60);
	/* x: three never answered */
	for (int i = 0; i < 3; i++)
		answered(db, "x", t0 + i * HOUR, -1);

	cx_feedback_report_opts o = { 0 };
	unit_cap c;
	unit_ok(cx_feedback_report(db, &o, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, "source", buf, sizeof buf);
	assert_string_equal(buf, "facebook,google,instagram,x,yelp");
	unit_tsv_column(t, "items", buf, sizeof buf);
	assert_string_equal(buf, "3,10,20,3,1");
	/*
	 * The median is the lower one (the 5th of 10: 300, not 450); the 90th
	 * percentile is the nearest rank, ceil(0.9 n): the 9th of 10 (3000, where
	 * interpolating would give 3300), the 18th of 20, the 2nd of 2, the 1st of 1.
	 */
	unit_tsv_column(t, "response_median_s", buf, sizeof buf);
	assert_string_equal(buf, "50,300,600,,42");
	unit_tsv_column(t, "response_p90_s", buf, sizeof buf);
	assert_string_equal(buf, "100,3000,1080,,42");
	/* ignored spam is left out of the share: facebook answered 2 of 2 */
	unit_tsv_column(t, "answered_share", buf, sizeof buf);
	assert_string_equal(buf, "100,100,100,0,100");
	unit_tsv_column(t, "ignored", buf, sizeof buf);
	assert_string_equal(buf, "1,0,0,0,0");
	/* x's three (4 stars: due within 2 days) are all late five days on */
	unit_tsv_column(t, "overdue", buf, sizeof buf);
	assert_string_equal(buf, "0,0,0,3,0");
	unit_tsv_column(t, "rating_mean", buf, sizeof buf);
	assert_string_equal(buf, "4,4,4,4,4"); /* the spam had no rating */
	free(t);

	/* by day: google's first day alone (items at t0 + 0..9h fall on one date) */
	cx_feedback_report_opts g = { .by = "day", .source = "google" };
	unit_ok(cx_feedback_report(db, &g, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	t = unit_cap_text(&c);
	unit_tsv_column(t, "period", buf, sizeof buf);
	assert_string_equal(buf, "2026-03-06");
	unit_tsv_column(t, "response_p90_s", buf, sizeof buf);
	assert_string_equal(buf, "3000");
	free(t);

	cx_feedback_report_opts bad = { .by = "fortnight" };
	assert_int_equal(cx_feedback_report(db, &bad, unit_cap_open(&c, CX_FMT_TSV, 0), &err), CX_EUSAGE);
	free(unit_cap_text(&c));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentiment_guess),
		T(test_deadlines),
		T(test_report_percentiles),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
