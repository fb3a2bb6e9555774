/* Unit tests for lib/date.c: what people type as times and lengths of time, and how times are shown. */
#include <time.h>

#include "unit.h"

/* The run's TZ is UTC (meson test env); local midnight of UNIT_NOW's day: */
#define MIDNIGHT INT64_C(1773187200) /* 2026-03-11T00:00:00Z, a Wednesday */
#define HOUR INT64_C(3600)

typedef struct date_case {
	const char *in;
	int64_t want;
} date_case;

static void expect_dates(const date_case *cases, size_t n, int64_t now)
{
	for (size_t i = 0; i < n; i++) {
		cx_err err = { 0 };
		int64_t got = -1;
		int rc = cx_date_parse(cases[i].in, now, &got, &err);
		if (rc != CX_OK)
			fail_msg("\"%s\": refused: %s", cases[i].in, err.msg);
		if (got != cases[i].want)
			fail_msg("\"%s\": got %lld, want %lld", cases[i].in, (long long)got,
				 (long long)cases[i].want);
	}
}

static void test_words(void **state)
{
	const date_case cases[] = {
		{ "now", UNIT_NOW },
		{ "NOW", UNIT_NOW },
		{ "today", MIDNIGHT },
		{ "Today", MIDNIGHT },
		{ "yesterday", MIDNIGHT - UNIT_DAY },
		{ "tomorrow", MIDNIGHT + UNIT_DAY },
	};
	expect_dates(cases, sizeof cases / sizeof cases[0], UNIT_NOW);
}

static void test_words_across_months_and_years(void **state)
{
	/* 2026-03-01T10:00Z: yesterday is 2026-02-28 (not a leap year). */
	const date_case march[] = { { "yesterday", INT64_C(1772236800) } };
	expect_dates(march, 1, INT64_C(1772359200));
	/* 2026-12-31T23:00Z: tomorrow is 2027-01-01. */
	const date_case newyear[] = { { "tomorrow", INT64_C(1798761600) }, { "today", INT64_C(1798761600) - UNIT_DAY } };
	expect_dates(newyear, 2, INT64_C(1798758000));
	/* At midnight exactly, today is that very second. */
	const date_case midnight[] = { { "today", MIDNIGHT }, { "now", MIDNIGHT } };
	expect_dates(midnight, 2, MIDNIGHT);
}

static void test_spans(void **state)
{
	const date_case cases[] = {
		{ "3d", UNIT_NOW - 3 * UNIT_DAY },
		{ "2w", UNIT_NOW - 14 * UNIT_DAY },
		{ "6h", UNIT_NOW - 6 * HOUR },
		{ "45m", UNIT_NOW - 45 * 60 },
		{ "30s", UNIT_NOW - 30 },
		{ "0d", UNIT_NOW },
		{ "3D", UNIT_NOW - 3 * UNIT_DAY },
		{ "36600d", UNIT_NOW - 36600 * UNIT_DAY }, /* the longest span: 100 years of 366 days */
	};
	expect_dates(cases, sizeof cases / sizeof cases[0], UNIT_NOW);
}

static void test_weekdays_from_wednesday(void **state)
{
	/* The clock is Wednesday 10:00: the latest such day, today counting. */
	const date_case cases[] = {
		{ "wednesday", MIDNIGHT },
		{ "wed", MIDNIGHT },
		{ "WED", MIDNIGHT },
		{ "wedn", MIDNIGHT },
		{ "tuesday", MIDNIGHT - 1 * UNIT_DAY },
		{ "monday", MIDNIGHT - 2 * UNIT_DAY },
		{ "mon", MIDNIGHT - 2 * UNIT_DAY },
		{ "sunday", MIDNIGHT - 3 * UNIT_DAY },
		{ "sat", MIDNIGHT - 4 * UNIT_DAY },
		{ "friday", MIDNIGHT - 5 * UNIT_DAY },
		{ "thursday", MIDNIGHT - 6 * UNIT_DAY },
		{ "thu", MIDNIGHT - 6 * UNIT_DAY },
		{ "thurs", MIDNIGHT - 6 * UNIT_DAY },
	};
	expect_dates(cases, sizeof cases / sizeof cases[0], UNIT_NOW);
}

static void test_weekdays_from_other_days(void **state)
{
	const int64_t sunday = INT64_C(1773532800); /* 2026-03-15T00:00Z */

	/* Sunday at the first and the last second of the day. */
	const date_case on_sunday[] = {
		{ "sunday", sunday },
		{ "saturday", sunday - UNIT_DAY },
		{ "monday", sunday - 6 * UNIT_DAY },
		{ "wednesday", sunday - 4 * UNIT_DAY },
	};
	expect_dates(on_sunday, 4, sunday);
	expect_dates(on_sunday, 4, sunday + UNIT_DAY - 1);

	/* Saturday noon: sunday is last week's, saturday today. */
	const date_case on_saturday[] = {
		{ "sunday", sunday - 7 * UNIT_DAY },
		{ "saturday", sunday - UNIT_DAY },
		{ "fri", sunday - 2 * UNIT_DAY },
	};
	expect_dates(on_saturday, 3, sunday - UNIT_DAY + 12 * HOUR);

	/* Monday one second after midnight: sunday is yesterday. */
	const date_case on_monday[] = { { "sunday", sunday }, { "monday", sunday + UNIT_DAY } };
	expect_dates(on_monday, 2, sunday + UNIT_DAY + 1);
}

static void test_iso(void **state)
{
	const int64_t t = INT64_C(1773237909); /* 2026-03-11T14:05:09Z */
	const date_case cases[] = {
		{ "2026-03-11", MIDNIGHT },
		{ "2024-02-29", INT64_C(1709164800) },
		{ "2026-03-11T14:05:09Z", t },
		{ "2026-03-11t14:05:09z", t },
		{ "2026-03-11 14:05:09Z", t },
		{ "2026-03-11T14:05Z", t - 9 },
		{ "2026-03-11T14:05:09.123Z", t },
		{ "2026-03-11T14:05:09.999999Z", t }, /* fractions are dropped, never rounded up */
		{ "2026-03-11T14:05:09,5Z", t },
		{ "2026-03-11T14:05:09+02:00", t - 2 * HOUR },
		{ "2026-03-11T14:05:09+0200", t - 2 * HOUR },
		{ "2026-03-11T14:05:09+02", t - 2 * HOUR },
		{ "2026-03-11T14:05:09-00:00", t },
		{ "2026-03-11T14:05-0530", t - 9 + 5 * HOUR + 30 * 60 },
		{ "2026-03-11T14:05:09.25-05:30", t + 5 * HOUR + 30 * 60 },
		{ "2026-03-11T00:30:00+01:00", MIDNIGHT - 30 * 60 }, /* the day before in UTC */
		/* Without a zone: local time, which is UTC in this run. */
		{ "2026-03-11T14:05:09", t },
		{ "2026-03-11 14:05", t - 9 },
		{ "2026-03-11T14:05:09.5", t },
		{ "@1700000000", INT64_C(1700000000) },
		{ "@0", 0 },
	};
	expect_dates(cases, sizeof cases / sizeof cases[0], UNIT_NOW);
}

static void test_invalid(void **state)
{
	static const char *const bad[] = {
		"tomorow", "3x", "3", "3 d", "3d ", " 3d", "-3d", "3dd", "d", "1.5h", "36601d",
		"99999999999999999999d", "todays", "nowx", "now!", "mo", "we", "wednesdays",
		"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-03-00",
		"2026-3-11", "26-03-11", "2026/03/11", "2026-03-11junk", "2026-03-11T", "25:00",
		"2026-03-11T25:00", "2026-03-11T24:00", "2026-03-11T14:60", "2026-03-11T14",
		"2026-03-11T14:5", "2026-03-11T14:05:9", "2026-03-11T14:05:61", "2026-03-11T14:05:09.",
		"2026-03-11T14:05:09Zjunk", "2026-03-11T14:05:09 Z", "2026-03-11T14:05+2",
		"2026-03-11T14:05+15:00", "2026-03-11T14:05+02:60", "2026-03-11T14:05+02:",
		"2026-03-11T14:05+02:3", "2026-03-11T14:05+02:00:00", "@", "@12x", "@ 12", "@1.5",
		"@99999999999999999999",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cx_err err = { 0 };
		int64_t got = 12345;
		char quoted[64];
		int rc = cx_date_parse(bad[i], UNIT_NOW, &got, &err);
		if (rc != CX_EDATA)
			fail_msg("\"%s\": got %d (%lld), want CX_EDATA", bad[i], rc, (long long)got);
		assert_int_equal(err.code, CX_EDATA);
		/* The message quotes what was typed and says what is accepted. */
		snprintf(quoted, sizeof quoted, "\"%s\" is not a date (use YYYY-MM-DD", bad[i]);
		if (strncmp(err.msg, quoted, strlen(quoted)) != 0)
			fail_msg("\"%s\": message %s", bad[i], err.msg);
	}
}

static void test_invalid_messages(void **state)
{
	cx_err err = { 0 };
	int64_t got;

	assert_int_equal(cx_date_parse("tomorow", UNIT_NOW, &got, &err), CX_EDATA);
	assert_string_equal(err.msg, "\"tomorow\" is not a date (use YYYY-MM-DD, "
				     "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], now, today, yesterday, 3d, 2w, "
				     "6h or a weekday)");
	memset(&err, 0, sizeof err);
	assert_int_equal(cx_date_parse("", UNIT_NOW, &got, &err), CX_EDATA);
	assert_non_null(strstr(err.msg, "empty date (use YYYY-MM-DD"));
	memset(&err, 0, sizeof err);
	assert_int_equal(cx_date_parse(NULL, UNIT_NOW, &got, &err), CX_EDATA);
	assert_non_null(strstr(err.msg, "empty date"));
	/* No err to fill: the code alone. */
	assert_int_equal(cx_date_parse("3x", UNIT_NOW, &got, NULL), CX_EDATA);
}

static void test_check_range(void **state)
{
	const int64_t y2200 = INT64_C(7258118400); /* 2200-01-01T00:00Z */
	cx_err err = { 0 };

	/* Anything from 1970-01-01 to the end of 2199 as a filter's bound. */
	assert_int_equal(cx_date_check("x", 0, UNIT_NOW, 0, &err), CX_OK);
	assert_int_equal(cx_date_check("x", y2200 - 1, UNIT_NOW, 0, &err), CX_OK);
	assert_int_equal(cx_date_check("x", UNIT_NOW + 100 * 365 * UNIT_DAY, UNIT_NOW, 0, &err), CX_OK);
	assert_int_equal(cx_date_check("@-1", -1, UNIT_NOW, 0, &err), CX_EDATA);
	assert_string_equal(err.msg, "\"@-1\" is out of range (give a date from 1970-01-01 to 2199-12-31)");
	assert_int_equal(cx_date_check("x", y2200, UNIT_NOW, 0, &err), CX_EDATA);
	assert_int_equal(cx_date_check("x", INT64_C(-2208988800), UNIT_NOW, 0, &err), CX_EDATA); /* 1900 */
	assert_int_equal(cx_date_check("x", INT64_C(253402300799), UNIT_NOW, 0, &err), CX_EDATA); /* 9999 */

	/* What happened: from 1970 to a day after now, to the second. */
	memset(&err, 0, sizeof err);
	assert_int_equal(cx_date_check("x", 0, UNIT_NOW, 1, &err), CX_OK);
	assert_int_equal(cx_date_check("x", UNIT_NOW, UNIT_NOW, 1, &err), CX_OK);
	assert_int_equal(cx_date_check("x", UNIT_NOW + UNIT_DAY, UNIT_NOW, 1, &err), CX_OK);
	assert_int_equal(cx_date_check("3000-01-01", INT64_C(32503680000), UNIT_NOW, 1, &err), CX_EDATA);
	assert_string_equal(err.msg, "\"3000-01-01\" is out of range: a time that happened is from 1970-01-01"
				     " to a day after now (2026-03-12 10:00)");
	assert_int_equal(cx_date_check("x", UNIT_NOW + UNIT_DAY + 1, UNIT_NOW, 1, &err), CX_EDATA);
	assert_int_equal(cx_date_check("x", -1, UNIT_NOW, 1, &err), CX_EDATA);
	/* the bound follows the clock it is given (--now) */
	assert_int_equal(cx_date_check("x", UNIT_NOW + 2 * UNIT_DAY, UNIT_NOW + UNIT_DAY, 1, &err), CX_OK);
}

static void test_export_years(void **state)
{
	cx_err err = { 0 };
	int64_t t;
	/* Any year is read; the range is told by cx_date_check, with the range in the message. */
	assert_int_equal(cx_date_parse_export("1900-01-01 00:00:00", CX_MDY, "UTC", &t, &err), CX_OK);
	assert_int_equal(t, INT64_C(-2208988800));
	assert_int_equal(cx_date_parse_export("12/31/9999", CX_MDY, "UTC", &t, &err), CX_OK);
	assert_int_equal(t, INT64_C(253402214400));
	assert_int_equal(cx_date_parse_export("1/1/10000", CX_MDY, "UTC", &t, &err), CX_EDATA);
	assert_int_equal(cx_date_parse_export("1/1/99999999999999999999", CX_MDY, "UTC", &t, &err), CX_EDATA);
}

static void test_duration_parse(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} good[] = {
		{ "90", 90 }, { "0", 0 }, { "90s", 90 }, { "45m", 2700 }, { "6h", 21600 },
		{ "3d", 259200 }, { "2w", 1209600 }, { "3D", 259200 }, { "1H", 3600 },
		{ "36600d", INT64_C(3162240000) }, { "3162240000", INT64_C(3162240000) },
	};
	static const char *const bad[] = {
		"", "-5", "+5", "5x", "5 m", " 5m", "5m ", "m", "1.5h", "5mm", "36601d",
		"3162240001", "99999999999999999999", "now", "2026-03-11",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		cx_err err = { 0 };
		int64_t got = -1;
		if (cx_duration_parse(good[i].in, &got, &err) != CX_OK)
			fail_msg("\"%s\": refused: %s", good[i].in, err.msg);
		if (got != good[i].want)
			fail_msg("\"%s\": got %lld, want %lld", good[i].in, (long long)got,
				 (long long)good[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cx_err err = { 0 };
		char want[128];
		int64_t got = -1;
		if (cx_duration_parse(bad[i], &got, &err) != CX_EDATA)
			fail_msg("\"%s\": accepted as %lld", bad[i], (long long)got);
		snprintf(want, sizeof want, "\"%s\" is not a length of time (use e.g. 90s, 45m, 6h, 3d, 2w)",
			 bad[i]);
		assert_string_equal(err.msg, want);
	}
	cx_err err = { 0 };
	int64_t got;
	assert_int_equal(cx_duration_parse(NULL, &got, &err), CX_EDATA);
	assert_string_equal(err.msg, "\"\" is not a length of time (use e.g. 90s, 45m, 6h, 3d, 2w)");
}

static void test_time_iso(void **state)
{
	char buf[CX_TIME_BUF];

	cx_time_iso(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	cx_time_iso(UNIT_NOW, buf);
	assert_string_equal(buf, "2026-03-11T10:00:00Z");
	cx_time_iso(INT64_C(1773237909), buf);
	assert_string_equal(buf, "2026-03-11T14:05:09Z");
	cx_time_iso(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	cx_time_iso(INT64_C(1709164800) + UNIT_DAY - 1, buf);
	assert_string_equal(buf, "2024-02-29T23:59:59Z");
}

static void test_time_local(void **state)
{
	char buf[CX_TIME_BUF];

	cx_time_local(INT64_C(1773237909), buf);
	assert_string_equal(buf, "2026-03-11 14:05"); /* seconds are not shown */
	cx_time_local(MIDNIGHT, buf);
	assert_string_equal(buf, "2026-03-11 00:00");
	assert_int_equal(cx_date_day_start(UNIT_NOW), MIDNIGHT);
	assert_int_equal(cx_date_day_start(MIDNIGHT), MIDNIGHT);
	assert_int_equal(cx_date_day_start(MIDNIGHT - 1), MIDNIGHT - UNIT_DAY);
}

static void test_duration_short(void **state)
{
	static const struct {
		int64_t secs;
		const char *want;
	} cases[] = {
		{ 0, "0s" },
		{ 59, "59s" },
		{ 60, "1m" },
		{ 119, "1m" },
		{ 3599, "59m" },
		{ 3600, "1h" },
		{ 2 * 86400 - 1, "47h" },
		{ 2 * 86400, "2d" },
		{ 365 * 86400 - 1, "364d" },
		{ 365 * 86400, "1.0y" },
		{ 47336400, "1.5y" }, /* a year and a half of 365.25 days */
		{ -90, "-1m" },
		{ -2 * 86400, "-2d" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[CX_TIME_BUF];
		cx_duration_short(cases[i].secs, buf);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("%lld: got %s, want %s", (long long)cases[i].secs, buf, cases[i].want);
	}
}

/* ---- a zone with daylight saving time ---- */

static int berlin(void **state)
{
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	return 0;
}

static int back_to_utc(void **state)
{
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

static void need_zone(void)
{
	/* Without the time zone database glibc silently falls back to UTC. */
	if (access("/usr/share/zoneinfo/Europe/Berlin", R_OK) != 0)
		skip();
}

static void test_check_range_in_a_zone(void **state)
{
	need_zone();
	/* In Berlin 1970-01-01 starts an hour before the Unix epoch, and 2200 an hour early too. */
	cx_err err = { 0 };
	int64_t t;
	assert_int_equal(cx_date_parse("1970-01-01", UNIT_NOW, &t, &err), CX_OK);
	assert_int_equal(t, -3600);
	assert_int_equal(cx_date_check("1970-01-01", t, UNIT_NOW, 0, &err), CX_OK);
	assert_int_equal(cx_date_check("x", t - 1, UNIT_NOW, 0, &err), CX_EDATA);
	assert_int_equal(cx_date_check("x", INT64_C(7258118400) - 3601, UNIT_NOW, 0, &err), CX_OK);
	assert_int_equal(cx_date_check("x", INT64_C(7258118400) - 3600, UNIT_NOW, 0, &err), CX_EDATA);
}

static void test_dst_spring_forward(void **state)
{
	need_zone();
	/* Monday 2026-03-30 12:00 CEST; clocks went 02:00 CET -> 03:00 CEST on Sunday 03-29. */
	const int64_t now = INT64_C(1774864800);
	const int64_t sun = INT64_C(1774738800); /* 2026-03-29 00:00 CET = 03-28T23:00Z */
	const int64_t mon = INT64_C(1774821600); /* 2026-03-30 00:00 CEST = 03-29T22:00Z */
	const date_case cases[] = {
		{ "today", mon },
		{ "yesterday", sun },
		{ "2026-03-29", sun },
		{ "2026-03-30", mon },
		{ "sunday", sun },
		{ "saturday", sun - UNIT_DAY }, /* a whole CET day before */
		{ "monday", mon },
		/* A span is that many seconds, whatever the clocks did. */
		{ "3d", now - 3 * UNIT_DAY },
		{ "1d", now - UNIT_DAY },
		/* Local times on the day itself, before and after the change. */
		{ "2026-03-29T01:30", sun + 90 * 60 },
		{ "2026-03-29T12:00", sun + 12 * HOUR - HOUR },
		{ "2026-03-29T12:00:00Z", INT64_C(1774785600) },
		{ "2026-03-29T12:00:00+02:00", INT64_C(1774785600) - 2 * HOUR },
	};
	expect_dates(cases, sizeof cases / sizeof cases[0], now);
	/* The Sunday has 23 hours. */
	assert_int_equal(mon - sun, 23 * HOUR);

	/* From Saturday noon, tomorrow is Sunday's midnight; from Sunday noon, Monday's. */
	const date_case sat_noon[] = { { "tomorrow", sun } };
	expect_dates(sat_noon, 1, sun - 12 * HOUR);
	const date_case sun_noon[] = { { "tomorrow", mon }, { "today", sun } };
	expect_dates(sun_noon, 2, sun + 11 * HOUR);
	assert_int_equal(cx_date_day_start(sun + 11 * HOUR), sun);

	char buf[CX_TIME_BUF];
	cx_time_local(now - 3 * UNIT_DAY, buf);
	assert_string_equal(buf, "2026-03-27 11:00"); /* 72 hours before 12:00 CEST is 11:00 CET */
	cx_time_local(sun + 2 * HOUR - 60, buf); /* the last minute of CET */
	assert_string_equal(buf, "2026-03-29 01:59");
	cx_time_local(sun + 2 * HOUR, buf);
	assert_string_equal(buf, "2026-03-29 03:00");
	cx_time_iso(sun, buf);
	assert_string_equal(buf, "2026-03-28T23:00:00Z"); /* machine times stay UTC */
}

static void test_dst_fall_back(void **state)
{
	need_zone();
	/* 2026-10-25: 03:00 CEST -> 02:00 CET, a day of 25 hours. */
	const int64_t sun = INT64_C(1792879200); /* 2026-10-25 00:00 CEST */
	const int64_t mon = INT64_C(1792969200); /* 2026-10-26 00:00 CET */
	const date_case cases[] = {
		{ "2026-10-25", sun },
		{ "2026-10-26", mon },
		{ "yesterday", sun },
		{ "today", mon },
		{ "sunday", sun },
	};
	expect_dates(cases, sizeof cases / sizeof cases[0], mon + 10 * HOUR);
	assert_int_equal(mon - sun, 25 * HOUR);
}

static void test_days_from_civil(void **state)
{
	(void)state;
	/* Python's datetime.date(y, m, d) - date(1970, 1, 1) */
	assert_int_equal(cx_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(cx_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(cx_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(cx_days_from_civil(2024, 2, 29), 19782);
	assert_int_equal(cx_days_from_civil(1900, 3, 1), -25508);
	assert_int_equal(cx_days_from_civil(2100, 12, 31), 47846);
	/* and every day of 1899 to 2101 as the C library's timegm has it */
	for (int y = 1899; y <= 2101; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 28; d += 9) {
				struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d };
				assert_int_equal(cx_days_from_civil(y, m, d) * 86400, (int64_t)timegm(&tm));
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_words_across_months_and_years),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_weekdays_from_wednesday),
		cmocka_unit_test(test_weekdays_from_other_days),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_invalid_messages),
		cmocka_unit_test(test_check_range),
		cmocka_unit_test_setup_teardown(test_check_range_in_a_zone, berlin, back_to_utc),
		cmocka_unit_test(test_export_years),
		cmocka_unit_test(test_duration_parse),
		cmocka_unit_test(test_time_iso),
		cmocka_unit_test(test_time_local),
		cmocka_unit_test(test_duration_short),
		cmocka_unit_test(test_days_from_civil),
		cmocka_unit_test_setup_teardown(test_dst_spring_forward, berlin, back_to_utc),
		cmocka_unit_test_setup_teardown(test_dst_fall_back, berlin, back_to_utc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
