/*
 * Unit tests for lib/bizhours.c: business seconds between two moments and the
 * moment a number of them runs out, over nights, weekends, lunch breaks,
 * holidays and the DST changes of a real zone; calendars that are refused.
 * Every expectation is worked out by hand in the comment beside it.
 */
#include <time.h>

#include "unit.h"

#define H INT64_C(3600)
#define M INT64_C(60)

/* A UTC moment from its calendar parts (the test's arithmetic, not the library's). */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi };
	return (int64_t)timegm(&tm);
}

static cx_biz *biz(const char *zone, const cx_hours *h, int nh, const char *const *hol, int nhol)
{
	cx_err err = { 0 };
	cx_biz *b = NULL;
	unit_ok(cx_biz_new(zone, h, nh, hol, nhol, &b, &err), err);
	assert_non_null(b);
	return b;
}

/* Monday to Friday, the same periods each day. */
static int weekdays(cx_hours *h, int opens, int closes)
{
	for (int d = 1; d <= 5; d++)
		h[d - 1] = (cx_hours){ d, opens, closes };
	return 5;
}

/* The zone files are part of tzdata; a machine without them cannot run the DST tests. */
static int have_zone(const char *zone)
{
	char path[256];
	struct stat st;
	const char *dir = getenv("TZDIR");
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", zone);
	return stat(path, &st) == 0;
}

#define need_zone(z)                                              \
	do {                                                      \
		if (!have_zone(z)) {                              \
			print_message("no zone %s: skipped\n", z); \
			skip();                                   \
		}                                                 \
	} while (0)

/* ---- 24/7 ---- */

static void test_always_open(void **state)
{
	(void)state;
	cx_biz *b = biz("UTC", NULL, 0, NULL, 0);
	int64_t mon = utc(2026, 3, 9, 10, 0);
	/* every second counts, nights and weekends too */
	assert_int_equal(cx_biz_elapsed(b, mon, mon + 7 * UNIT_DAY), 7 * UNIT_DAY);
	assert_int_equal(cx_biz_elapsed(b, mon, mon + 1), 1);
	/* backwards or nothing: nothing */
	assert_int_equal(cx_biz_elapsed(b, mon, mon), 0);
	assert_int_equal(cx_biz_elapsed(b, mon + H, mon), 0);
	assert_int_equal(cx_biz_add(b, mon, 5 * H), mon + 5 * H);
	assert_int_equal(cx_biz_add(b, mon, 0), mon);
	assert_int_equal(cx_biz_add(b, mon, -H), mon);
	cx_biz_free(b);
	/* no zone at all (the machine's) is just as open */
	b = biz(NULL, NULL, 0, NULL, 0);
	assert_int_equal(cx_biz_elapsed(b, mon, mon + 3 * UNIT_DAY), 3 * UNIT_DAY);
	cx_biz_free(b);
	cx_biz_free(NULL);
}

/* ---- Monday to Friday, 09:00-17:00 UTC; 2026-03-09 is a Monday ---- */

static void test_within_a_day(void **state)
{
	(void)state;
	cx_hours h[5];
	cx_biz *b = biz("UTC", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	/* 10:00 to 12:30 on Monday: 2h30 */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 10, 0), utc(2026, 3, 9, 12, 30)), 2 * H + 30 * M);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 10, 0), 2 * H + 30 * M), utc(2026, 3, 9, 12, 30));
	/* from before opening: only 09:00-10:00 counts */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 7, 0), utc(2026, 3, 9, 10, 0)), H);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 7, 0), H), utc(2026, 3, 9, 10, 0));
	/* the whole day, boundaries exactly: 8h; a second either side of opening: 1s */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 9, 0), utc(2026, 3, 9, 17, 0)), 8 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 10, 0, 0)), 8 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 9, 0) - 1, utc(2026, 3, 9, 9, 0) + 1), 1);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 17, 0) - 1, utc(2026, 3, 9, 17, 0) + 1), 1);
	/* a whole week: five days of eight hours */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0)), 40 * H);
	cx_biz_free(b);
}

static void test_overnight(void **state)
{
	(void)state;
	cx_hours h[5];
	cx_biz *b = biz("UTC", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	/* Monday 16:00 to Tuesday 10:00: 16-17 and 09-10 */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 16, 0), utc(2026, 3, 10, 10, 0)), 2 * H);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 16, 0), 2 * H), utc(2026, 3, 10, 10, 0));
	/* from the evening: the clock starts at the next opening */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 18, 0), 30 * M), utc(2026, 3, 10, 9, 30));
	/* the night itself is worth nothing */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 17, 0), utc(2026, 3, 10, 9, 0)), 0);
	cx_biz_free(b);
}

static void test_weekend(void **state)
{
	(void)state;
	cx_hours h[5];
	cx_biz *b = biz("UTC", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	/* Friday 2026-03-13 15:00 to Monday 2026-03-16 11:00: 2h + 2h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 13, 15, 0), utc(2026, 3, 16, 11, 0)), 4 * H);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 13, 15, 0), 4 * H), utc(2026, 3, 16, 11, 0));
	/* Saturday and Sunday count nothing; an hour from Saturday noon is Monday 10:00 */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 14, 0, 0), utc(2026, 3, 16, 0, 0)), 0);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 14, 12, 0), H), utc(2026, 3, 16, 10, 0));
	/* 40h from Wednesday 10:00: 7 + 8 + 8 (Thu, Fri) + 8 + 8 (Mon, Tue) = 39, one more on Wednesday */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 11, 10, 0), 40 * H), utc(2026, 3, 18, 10, 0));
	cx_biz_free(b);
}

static void test_add_lands_on_closing(void **state)
{
	(void)state;
	cx_hours h[5];
	cx_biz *b = biz("UTC", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	/* what runs out at 17:00 runs out at 17:00, not at the next opening */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 9, 0), 8 * H), utc(2026, 3, 9, 17, 0));
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 13, 0), 4 * H), utc(2026, 3, 9, 17, 0));
	/* Friday's closing, before a weekend */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 13, 16, 0), H), utc(2026, 3, 13, 17, 0));
	/* one second more starts the next working day */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 13, 0), 4 * H + 1), utc(2026, 3, 10, 9, 0) + 1);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 13, 16, 0), H + 1), utc(2026, 3, 16, 9, 0) + 1);
	/* from closing time itself nothing is left that day */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 17, 0), H), utc(2026, 3, 10, 10, 0));
	cx_biz_free(b);
}

static void test_add_undoes_elapsed(void **state)
{
	(void)state;
	cx_hours h[5];
	cx_biz *b = biz("UTC", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	/* whatever the start, the business time up to add()'s answer is what was added */
	int64_t from = utc(2026, 3, 12, 14, 25);
	for (int64_t s = 1; s <= 30 * H; s += 17 * M + 13) {
		int64_t due = cx_biz_add(b, from, s);
		assert_int_equal(cx_biz_elapsed(b, from, due), s);
		/* and not one second earlier */
		assert_int_equal(cx_biz_elapsed(b, from, due - 1), s - 1);
	}
	cx_biz_free(b);
}

static void test_closing_at_midnight(void **state)
{
	(void)state;
	/* a late bar: Saturday 20:00-24:00 and Sunday 00:00-02:00, one night across two days */
	const cx_hours h[] = { { 6, 20 * 60, 1440 }, { 0, 0, 2 * 60 } };
	cx_biz *b = biz("UTC", h, 2, NULL, 0);
	/* 2026-03-14 is a Saturday: 23:00 to Sunday 01:00 is two hours */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 14, 23, 0), utc(2026, 3, 15, 1, 0)), 2 * H);
	/* the whole weekend: 4h + 2h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 14, 0, 0), utc(2026, 3, 16, 0, 0)), 6 * H);
	/* 4h from opening lands on midnight exactly; 5h from 21:00 is Sunday 02:00, its closing */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 14, 20, 0), 4 * H), utc(2026, 3, 15, 0, 0));
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 14, 21, 0), 5 * H), utc(2026, 3, 15, 2, 0));
	/* and 6h from 21:00 waits for next Saturday's opening */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 14, 21, 0), 6 * H), utc(2026, 3, 21, 21, 0));
	cx_biz_free(b);
}

static void test_lunch_break(void **state)
{
	(void)state;
	/* Monday to Friday 09:00-12:00 and 13:00-17:00, given afternoon first: the order must not matter */
	cx_hours h[10];
	int n = weekdays(h, 13 * 60, 17 * 60);
	n += weekdays(h + n, 9 * 60, 12 * 60);
	cx_biz *b = biz("UTC", h, n, NULL, 0);
	/* 11:00 to 14:00: 11-12 and 13-14 */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 11, 0), utc(2026, 3, 9, 14, 0)), 2 * H);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 11, 0), 2 * H), utc(2026, 3, 9, 14, 0));
	/* the hour to lunch ends at 12:00, not at 13:00 */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 11, 0), H), utc(2026, 3, 9, 12, 0));
	/* from before opening: the morning comes first */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 8, 0), H), utc(2026, 3, 9, 10, 0));
	/* during lunch the clock waits */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 12, 0), utc(2026, 3, 9, 13, 0)), 0);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 12, 30), 10 * M), utc(2026, 3, 9, 13, 10));
	/* a day is 7h; a week 35h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 10, 0, 0)), 7 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0)), 35 * H);
	/* 8h from Monday 09:00: 7h Monday, then Tuesday 09:00-10:00 */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 9, 0), 8 * H), utc(2026, 3, 10, 10, 0));
	cx_biz_free(b);
}

static void test_holidays(void **state)
{
	(void)state;
	cx_hours h[5];
	const char *const hol[] = { "2026-03-10", "2026-03-13" }; /* a Tuesday and a Friday */
	cx_biz *b = biz("UTC", h, weekdays(h, 9 * 60, 17 * 60), hol, 2);
	/* Monday 16:00 to Wednesday 10:00 skips all of Tuesday: 1h + 1h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 16, 0), utc(2026, 3, 11, 10, 0)), 2 * H);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 16, 0), 2 * H), utc(2026, 3, 11, 10, 0));
	/* a holiday during opening hours counts nothing */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 10, 9, 0), utc(2026, 3, 10, 17, 0)), 0);
	/* Thursday 16:00 plus 2h: 1h Thursday, Friday is a holiday, weekend, Monday 10:00 */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 12, 16, 0), 2 * H), utc(2026, 3, 16, 10, 0));
	/* the week has three working days left: 24h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0)), 24 * H);
	cx_biz_free(b);
}

static void test_holiday_in_the_business_zone(void **state)
{
	(void)state;
	need_zone("Pacific/Auckland");
	/* Auckland is UTC+13 in March: its Tuesday 2026-03-10 runs from Monday 11:00Z to Tuesday 11:00Z */
	cx_hours h[5];
	const char *const hol[] = { "2026-03-10" };
	cx_biz *b = biz("Pacific/Auckland", h, weekdays(h, 9 * 60, 17 * 60), hol, 1);
	/* Monday 2026-03-09 09:00-17:00 NZDT is Sunday 20:00Z to Monday 04:00Z: open */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 8, 20, 0), utc(2026, 3, 9, 4, 0)), 8 * H);
	/* Tuesday in Auckland (Monday 20:00Z - Tuesday 04:00Z) is the holiday */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 20, 0), utc(2026, 3, 10, 4, 0)), 0);
	/* 2h from Monday 03:00Z (16:00 there): its last hour, none on the Tuesday, then Wednesday 09:00-10:00 */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 3, 0), 2 * H), utc(2026, 3, 10, 21, 0));
	cx_biz_free(b);
}

/* ---- DST in Europe/Berlin: CET (UTC+1) until 2026-03-29 01:00Z, CEST (UTC+2) until 2026-10-25 01:00Z ---- */

static void test_dst_spring_forward(void **state)
{
	(void)state;
	need_zone("Europe/Berlin");
	cx_hours h[5];
	cx_biz *b = biz("Europe/Berlin", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	/* Friday 2026-03-27, 09:00-17:00 CET = 08:00-16:00Z */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 27, 8, 0), utc(2026, 3, 27, 16, 0)), 8 * H);
	/* Monday 2026-03-30, 09:00-17:00 CEST = 07:00-15:00Z: the hours follow the clock, still 8h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 30, 0, 0), utc(2026, 3, 31, 0, 0)), 8 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 30, 7, 0), utc(2026, 3, 30, 15, 0)), 8 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 30, 6, 0), utc(2026, 3, 30, 7, 0)), 0);
	/* Friday 12:00Z (13:00 CET) to Monday 09:00Z (11:00 CEST): 4h + 2h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 27, 12, 0), utc(2026, 3, 30, 9, 0)), 6 * H);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 27, 12, 0), 6 * H), utc(2026, 3, 30, 9, 0));
	/* 4h lands on Friday's closing, 16:00Z; one second more is Monday's opening, 07:00Z */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 27, 12, 0), 4 * H), utc(2026, 3, 27, 16, 0));
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 27, 12, 0), 4 * H + 1), utc(2026, 3, 30, 7, 0) + 1);
	/* a week across the change is still five days of eight hours */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 23, 0, 0), utc(2026, 3, 30, 0, 0)), 40 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 26, 0, 0), utc(2026, 4, 2, 0, 0)), 40 * H);
	cx_biz_free(b);
}

static void test_dst_fall_back(void **state)
{
	(void)state;
	need_zone("Europe/Berlin");
	cx_hours h[5];
	cx_biz *b = biz("Europe/Berlin", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	/* Friday 2026-10-23, 09:00-17:00 CEST = 07:00-15:00Z; Monday 10-26, CET = 08:00-16:00Z */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 10, 23, 0, 0), utc(2026, 10, 24, 0, 0)), 8 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 10, 26, 8, 0), utc(2026, 10, 26, 16, 0)), 8 * H);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 10, 26, 7, 0), utc(2026, 10, 26, 8, 0)), 0);
	/* 2h from Friday 13:00Z lands on closing, 15:00Z; 3h is Monday 09:00Z (10:00 CET) */
	assert_int_equal(cx_biz_add(b, utc(2026, 10, 23, 13, 0), 2 * H), utc(2026, 10, 23, 15, 0));
	assert_int_equal(cx_biz_add(b, utc(2026, 10, 23, 13, 0), 3 * H), utc(2026, 10, 26, 9, 0));
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 10, 23, 13, 0), utc(2026, 10, 26, 9, 0)), 3 * H);
	/* the week across the change: 40h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 10, 21, 0, 0), utc(2026, 10, 28, 0, 0)), 40 * H);
	cx_biz_free(b);
}

static void test_dst_days_of_23_and_25_hours(void **state)
{
	(void)state;
	need_zone("Europe/Berlin");
	/* open round the clock by the local calendar: the change days are as long as the clock says */
	cx_hours h[7];
	for (int d = 0; d < 7; d++)
		h[d] = (cx_hours){ d, 0, 1440 };
	cx_biz *b = biz("Europe/Berlin", h, 7, NULL, 0);
	/* Sunday 2026-03-29: local midnight to midnight is 23:00Z Saturday to 22:00Z Sunday */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 28, 23, 0), utc(2026, 3, 29, 22, 0)), 23 * H);
	/* Sunday 2026-10-25: 22:00Z Saturday to 23:00Z Sunday, 25 hours */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 10, 24, 22, 0), utc(2026, 10, 25, 23, 0)), 25 * H);
	/* and every moment counts, across the changes */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 28, 12, 0), 24 * H), utc(2026, 3, 29, 12, 0));
	assert_int_equal(cx_biz_add(b, utc(2026, 10, 24, 12, 0), 24 * H), utc(2026, 10, 25, 12, 0));
	cx_biz_free(b);

	/* Sunday 01:00-04:00 local: on 2026-03-29 the clock skips 02:00-03:00, so it is 2h (00:00-02:00Z) */
	const cx_hours night[] = { { 0, 60, 4 * 60 } };
	b = biz("Europe/Berlin", night, 1, NULL, 0);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 12, 0)), 2 * H);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 28, 12, 0), 2 * H), utc(2026, 3, 29, 2, 0));
	/* on 2026-10-25 it repeats 02:00-03:00: 4h, 23:00Z Saturday to 03:00Z Sunday */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 12, 0)), 4 * H);
	assert_int_equal(cx_biz_add(b, utc(2026, 10, 24, 12, 0), 4 * H), utc(2026, 10, 25, 3, 0));
	/* an ordinary Sunday: 3h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 4, 4, 12, 0), utc(2026, 4, 5, 12, 0)), 3 * H);
	cx_biz_free(b);
}

static void test_zone_leaves_the_process_alone(void **state)
{
	(void)state;
	need_zone("Europe/Berlin");
	const char *before = getenv("TZ");
	char saved[64];
	snprintf(saved, sizeof saved, "%s", before ? before : "(unset)");
	cx_hours h[5];
	cx_biz *b = biz("Europe/Berlin", h, weekdays(h, 9 * 60, 17 * 60), NULL, 0);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 27, 0, 0), utc(2026, 3, 28, 0, 0)), 8 * H);
	cx_biz_free(b);
	/* the calendar borrowed the zone and gave it back: local time is what it was */
	const char *after = getenv("TZ");
	assert_string_equal(after ? after : "(unset)", saved);
	time_t t = (time_t)utc(2026, 3, 27, 12, 0);
	struct tm here, there;
	localtime_r(&t, &here);
	gmtime_r(&t, &there);
	if (before && !strcmp(before, "UTC"))
		assert_int_equal(here.tm_hour, there.tm_hour);

	/* no zone named: the process's own, here Berlin */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	b = biz("", h, 5, NULL, 0);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 30, 0, 0), H), utc(2026, 3, 30, 8, 0));
	cx_biz_free(b);
	if (before)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
}

/* ---- calendars that are seldom or never open ---- */

static void test_seldom_and_never_open(void **state)
{
	(void)state;
	/* Saturdays 10:00-14:00 only: a second from Monday is Saturday 10:00:01 */
	const cx_hours sat[] = { { 6, 10 * 60, 14 * 60 } };
	cx_biz *b = biz("UTC", sat, 1, NULL, 0);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 12, 0), 1), utc(2026, 3, 14, 10, 0) + 1);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 14, 0, 0)), 0);
	/* 9h: two Saturdays of 4h, then an hour on the third */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 12, 0), 9 * H), utc(2026, 3, 28, 11, 0));
	cx_biz_free(b);

	/* one minute a week: a year's worth of hours is never reached within ten years */
	const cx_hours minute[] = { { 1, 9 * 60, 9 * 60 + 1 } };
	b = biz("UTC", minute, 1, NULL, 0);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 0, 0), 365 * 24 * H), INT64_MAX);
	/* but one minute is reached on the first Monday */
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 0, 0), M), utc(2026, 3, 9, 9, 1));
	cx_biz_free(b);

	/* hours on Tuesdays only, and the only Tuesday in range a holiday: nothing between */
	const cx_hours tue[] = { { 2, 9 * 60, 17 * 60 } };
	const char *const hol[] = { "2026-03-10" };
	b = biz("UTC", tue, 1, hol, 1);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0)), 0);
	assert_int_equal(cx_biz_add(b, utc(2026, 3, 9, 0, 0), H), utc(2026, 3, 17, 10, 0));
	cx_biz_free(b);
}

/* ---- what is refused ---- */

static void refused(const char *zone, const cx_hours *h, int nh, const char *const *hol, int nhol, const char *says)
{
	cx_err err = { 0 };
	cx_biz *b = (cx_biz *)&err; /* must be set to NULL */
	assert_int_equal(cx_biz_new(zone, h, nh, hol, nhol, &b, &err), CX_EDATA);
	assert_null(b);
	if (!strstr(err.msg, says))
		fail_msg("message \"%s\" does not say \"%s\"", err.msg, says);
}

static void test_invalid(void **state)
{
	(void)state;
	const cx_hours backwards[] = { { 1, 17 * 60, 9 * 60 } };
	refused("UTC", backwards, 1, NULL, 0, "17:00-9:00 is not an opening period");
	const cx_hours empty[] = { { 1, 9 * 60, 9 * 60 } };
	refused("UTC", empty, 1, NULL, 0, "is not an opening period");
	const cx_hours late[] = { { 1, 9 * 60, 1441 } };
	refused("UTC", late, 1, NULL, 0, "is not an opening period");
	const cx_hours early[] = { { 1, -1, 60 } };
	refused("UTC", early, 1, NULL, 0, "is not an opening period");
	const cx_hours noday[] = { { 7, 9 * 60, 17 * 60 } };
	refused("UTC", noday, 1, NULL, 0, "is not an opening period");
	const cx_hours negday[] = { { -1, 9 * 60, 17 * 60 } };
	refused("UTC", negday, 1, NULL, 0, "is not an opening period");
	/* overlapping periods on one day, in either order; touching ones are fine */
	const cx_hours overlap[] = { { 3, 9 * 60, 13 * 60 }, { 3, 12 * 60, 17 * 60 } };
	refused("UTC", overlap, 2, NULL, 0, "overlaps");
	const cx_hours overlap2[] = { { 3, 12 * 60, 17 * 60 }, { 3, 9 * 60, 13 * 60 } };
	refused("UTC", overlap2, 2, NULL, 0, "overlaps");
	const cx_hours inside[] = { { 3, 9 * 60, 17 * 60 }, { 3, 10 * 60, 11 * 60 } };
	refused("UTC", inside, 2, NULL, 0, "overlaps");
	const cx_hours touching[] = { { 3, 9 * 60, 12 * 60 }, { 3, 12 * 60, 17 * 60 } };
	cx_biz *b = biz("UTC", touching, 2, NULL, 0);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 11, 0, 0), utc(2026, 3, 12, 0, 0)), 8 * H);
	cx_biz_free(b);
	/* the same hours on another day are not an overlap */
	const cx_hours two_days[] = { { 3, 9 * 60, 17 * 60 }, { 4, 9 * 60, 17 * 60 } };
	b = biz("UTC", two_days, 2, NULL, 0);
	cx_biz_free(b);
	/* at most eight periods a day */
	cx_hours many[9];
	for (int i = 0; i < 9; i++)
		many[i] = (cx_hours){ 2, i * 60, i * 60 + 30 };
	refused("UTC", many, 9, NULL, 0, "is not an opening period");
	b = biz("UTC", many, 8, NULL, 0);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 10, 0, 0), utc(2026, 3, 11, 0, 0)), 4 * H);
	cx_biz_free(b);
	/* holidays must be dates */
	const cx_hours ok[] = { { 1, 9 * 60, 17 * 60 } };
	const char *const bad[] = { "2026-03-10", "next tuesday" };
	refused("UTC", ok, 1, bad, 2, "holiday: \"next tuesday\" is not a date");
	/* zones this system does not know, or that are not names */
	refused("Mars/Olympus_Mons", ok, 1, NULL, 0, "timezone: \"Mars/Olympus_Mons\" is not a time zone");
	refused("../../etc/passwd", ok, 1, NULL, 0, "is not a time zone name");
	refused("/usr/share/zoneinfo/UTC", ok, 1, NULL, 0, "is not a time zone name");
}

/*
 * Long spans are summed from running totals of whole days; they must agree
 * with the same span cut into pieces of at most a day, each worked out
 * alone, in a zone with DST, with holidays, whatever order they come in.
 */
static void test_long_spans_agree_with_day_by_day(void **state)
{
	(void)state;
	const char *zone = have_zone("Europe/Berlin") ? "Europe/Berlin" : "UTC";
	cx_hours h[7];
	int nh = weekdays(h, 9 * 60, 12 * 60);
	h[nh++] = (cx_hours){ 6, 10 * 60, 24 * 60 }; /* Saturday until midnight */
	const char *const hol[] = { "2019-12-25", "2022-01-03", "2026-03-10" };
	cx_biz *b = biz(zone, h, nh, hol, 3), *alone = biz(zone, h, nh, hol, 3);
	uint64_t x = 42;
	for (int i = 0; i < 40; i++) {
		/* spans of up to about nine years, starting anywhere between 2017 and 2026 */
		x = x * 6364136223846793005u + 1442695040888963407u;
		int64_t from = utc(2017, 1, 1, 0, 0) + (int64_t)(x >> 35) % (9 * 365 * 24 * H);
		x = x * 6364136223846793005u + 1442695040888963407u;
		int64_t to = from + (int64_t)(x >> 35) % (9 * 365 * 24 * H);
		int64_t want = 0;
		for (int64_t t = from; t < to; t += 24 * H)
			want += cx_biz_elapsed(alone, t, t + 24 * H < to ? t + 24 * H : to);
		assert_int_equal(cx_biz_elapsed(b, from, to), want);
	}
	/* one ordinary week, asked after the totals were made: 5 x 3h + 14h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 2, 0, 0), utc(2026, 3, 9, 0, 0)), 29 * H);
	cx_biz_free(b);
	cx_biz_free(alone);
}

/* ---- the business's own calendar, from its database ---- */

static void test_load(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_biz *b = NULL;
	/* a new database has no hours: 24/7 */
	unit_ok(cx_biz_load(db, &b, &err), err);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 14, 0, 0), utc(2026, 3, 15, 0, 0)), 24 * H);
	cx_biz_free(b);
	unit_ok(cx_sla_hours_set(db, "mon-fri 09:00-12:00 13:00-17:00 sat 10:00-14:00", &err), err);
	unit_ok(cx_sla_holiday(db, "2026-03-10", "Closed for stocktaking", 0, &err), err);
	unit_ok(cx_biz_load(db, &b, &err), err);
	/* the week of 2026-03-09: four days of 7h (Tuesday off) and a Saturday of 4h */
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0)), 32 * H);
	cx_biz_free(b);
	if (have_zone("Europe/Berlin")) {
		unit_ok(cx_config_set(db, "timezone", "Europe/Berlin", &err), err);
		unit_ok(cx_biz_load(db, &b, &err), err);
		/* Saturday 2026-03-14 10:00-14:00 CET is 09:00-13:00Z */
		assert_int_equal(cx_biz_add(b, utc(2026, 3, 14, 0, 0), H), utc(2026, 3, 14, 10, 0));
		cx_biz_free(b);
	}
	/* overlapping hours never reach the table */
	assert_int_equal(cx_sla_hours_set(db, "mon 09:00-12:00 11:00-13:00", &err), CX_EDATA);
	assert_non_null(strstr(err.msg, "overlaps"));
	unit_ok(cx_biz_load(db, &b, &err), err);
	assert_int_equal(cx_biz_elapsed(b, utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0)), 32 * H);
	cx_biz_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_always_open),
		cmocka_unit_test(test_within_a_day),
		cmocka_unit_test(test_overnight),
		cmocka_unit_test(test_weekend),
		cmocka_unit_test(test_add_lands_on_closing),
		cmocka_unit_test(test_add_undoes_elapsed),
		cmocka_unit_test(test_closing_at_midnight),
		cmocka_unit_test(test_lunch_break),
		cmocka_unit_test(test_holidays),
		cmocka_unit_test(test_holiday_in_the_business_zone),
		cmocka_unit_test(test_dst_spring_forward),
		cmocka_unit_test(test_dst_fall_back),
		cmocka_unit_test(test_dst_days_of_23_and_25_hours),
		cmocka_unit_test(test_zone_leaves_the_process_alone),
		cmocka_unit_test(test_seldom_and_never_open),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_long_spans_agree_with_day_by_day),
		cmocka_unit_test_setup_teardown(test_load, unit_db_setup, unit_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
