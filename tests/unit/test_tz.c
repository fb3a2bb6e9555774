/* Unit tests for lib/tz.c: a computation in another zone, and the process's zone put back as it was. */
#include <time.h>

#include "unit.h"
#include "lib/tz.h"

/* 2026-07-01 12:00 as a wall clock, made a time by mktime in the zone in force. */
static int64_t noon_july(void)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 6, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1 };
	return (int64_t)mktime(&tm);
}

static void test_switch_and_back(void **state)
{
	setenv("TZ", "UTC", 1);
	tzset();
	int64_t utc = noon_july();
	cx_tz_saved s;
	cx_tz_switch(&s, "Europe/Paris");
	assert_int_equal(noon_july(), utc - 2 * 3600); /* summer time: UTC+2 */
	cx_tz_restore(&s);
	assert_string_equal(getenv("TZ"), "UTC");
	assert_int_equal(noon_july(), utc);
	/* nested: each puts back what it found */
	cx_tz_saved a, b;
	cx_tz_switch(&a, "America/New_York");
	cx_tz_switch(&b, "Asia/Tokyo");
	assert_int_equal(noon_july(), utc - 9 * 3600);
	cx_tz_restore(&b);
	assert_int_equal(noon_july(), utc + 4 * 3600);
	cx_tz_restore(&a);
	assert_string_equal(getenv("TZ"), "UTC");
}

static void test_unset_stays_unset(void **state)
{
	unsetenv("TZ");
	tzset();
	cx_tz_saved s;
	cx_tz_switch(&s, "Asia/Tokyo");
	assert_string_equal(getenv("TZ"), "Asia/Tokyo");
	cx_tz_restore(&s);
	assert_null(getenv("TZ"));
	/* NULL: nothing switched, nothing to put back */
	cx_tz_switch(&s, NULL);
	assert_null(getenv("TZ"));
	cx_tz_restore(&s);
	assert_null(getenv("TZ"));
	setenv("TZ", "UTC", 1);
	tzset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_switch_and_back),
		cmocka_unit_test(test_unset_stays_unset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
