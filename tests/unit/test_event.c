/* Unit tests for lib/event.c: every change leaves an event with its time and actor; reading them back. */
#include "unit.h"

/* Each step happens a minute after the last, by the actor given. */
static void at_minute(cx_db *db, int minute, const char *actor)
{
	cx_db_set_now(db, UNIT_NOW + 60 * minute);
	cx_db_set_actor(db, actor);
}

static char *events(cx_db *db, const cx_event_filter *f)
{
	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_event_list(db, f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	return unit_cap_text(&c);
}

static void expect_ids(cx_db *db, const cx_event_filter *f, const char *want)
{
	char got[256];
	char *t = events(db, f);
	unit_tsv_column(t, "id", got, sizeof got);
	free(t);
	if (strcmp(got, want) != 0)
		fail_msg("events: got ids [%s], want [%s]", got, want);
}

/* A morning's work on one customer and two cases, by three people. */
static void a_morning(cx_db *db)
{
	cx_err err = { 0 };
	int64_t dana, lee, k1, k2, n;

	at_minute(db, 0, "ana");
	cx_customer_in d = { .name = "Dana Ruiz", .email = "dana@example.com" };
	unit_ok(cx_customer_add(db, &d, &dana, &err), err);
	at_minute(db, 1, "ben");
	cx_customer_in phone = { .phone = "555 0100" };
	unit_ok(cx_customer_edit(db, dana, &phone, &err), err);
	at_minute(db, 2, "ana");
	cx_case_in c1 = { .customer_id = dana, .title = "Lid broken", .channel = "email", .note = "Photo" };
	unit_ok(cx_case_open(db, &c1, &k1, &err), err);
	at_minute(db, 3, "ben");
	unit_ok(cx_case_assign(db, k1, "ben", &err), err);
	at_minute(db, 4, "cy");
	cx_note_in reply = { .case_id = k1, .public_ = 1, .body = "A new lid is on its way" };
	unit_ok(cx_case_note(db, &reply, &n, &err), err);
	at_minute(db, 5, "ana");
	cx_case_in urgent = { .priority = "high" };
	unit_ok(cx_case_update(db, k1, &urgent, &err), err);
	at_minute(db, 6, "ana");
	unit_ok(cx_case_move(db, k1, "resolve", "fixed", "Sent a new lid", &err), err);
	at_minute(db, 7, "ben");
	cx_case_in c2 = { .customer_id = dana, .title = "Lid broken again" };
	unit_ok(cx_case_open(db, &c2, &k2, &err), err);
	unit_ok(cx_case_link(db, k1, k2, &err), err);
	at_minute(db, 8, "ana");
	cx_customer_in l = { .name = "Lee" };
	unit_ok(cx_customer_add(db, &l, &lee, &err), err);
	unit_ok(cx_merge_customers(db, lee, dana, &err), err);
	at_minute(db, 9, "ana");
	unit_ok(cx_config_set(db, "stale", "2w", &err), err);
	/* Refused changes leave no trace. */
	at_minute(db, 10, "dee");
	cx_case_in bad = { .customer_id = dana, .title = "x", .priority = "asap" };
	assert_int_equal(cx_case_open(db, &bad, &k2, &err), CX_EDATA);
	assert_int_equal(cx_case_move(db, k1, "resume", NULL, NULL, &err), CX_EDATA);
	assert_int_equal(cx_config_set(db, "stale", "soon", &err), CX_EUSAGE);
}

static void test_every_change_is_logged(void **state)
{
	cx_db *db = unit_db_of(state);
	a_morning(db);

	cx_event_filter all = { 0 };
	char *t = events(db, &all);
	assert_string_equal(t,
		"id\tat\tactor\tentity\tentity_id\taction\tnote_id\tdetails\n"
		"1\t2026-03-11T10:00:00Z\tana\tcustomer\t1\tcreate\t\t\n"
		"2\t2026-03-11T10:01:00Z\tben\tcustomer\t1\tedit\t\t{\"fields\":\"phone\"}\n"
		"3\t2026-03-11T10:02:00Z\tana\tcase\t1\tcreate\t1\t"
		"{\"priority\":\"normal\",\"channel\":\"email\",\"stage\":null,\"owner\":null}\n"
		"4\t2026-03-11T10:03:00Z\tben\tcase\t1\tassign\t\t{\"from\":null,\"to\":\"ben\"}\n"
		"5\t2026-03-11T10:03:00Z\tben\tcase\t1\tstatus\t\t{\"from\":\"new\",\"to\":\"open\",\"outcome\":null}\n"
		"6\t2026-03-11T10:04:00Z\tcy\tcase\t1\tnote\t2\t{\"visibility\":\"public\"}\n"
		"7\t2026-03-11T10:05:00Z\tana\tcase\t1\tupdate\t\t"
		"{\"fields\":\"priority\",\"priority_was\":\"normal\",\"priority\":\"high\"}\n"
		"8\t2026-03-11T10:06:00Z\tana\tcase\t1\tstatus\t3\t"
		"{\"from\":\"open\",\"to\":\"resolved\",\"outcome\":\"fixed\"}\n"
		"9\t2026-03-11T10:07:00Z\tben\tcase\t2\tcreate\t\t"
		"{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null}\n"
		"10\t2026-03-11T10:07:00Z\tben\tcase\t1\tlink\t\t{\"case\":\"2\"}\n"
		"11\t2026-03-11T10:07:00Z\tben\tcase\t2\tlink\t\t{\"case\":\"1\"}\n"
		"12\t2026-03-11T10:08:00Z\tana\tcustomer\t2\tcreate\t\t\n"
		"13\t2026-03-11T10:08:00Z\tana\tcustomer\t1\tmerge\t\t{\"from\":\"2\"}\n"
		"14\t2026-03-11T10:08:00Z\tana\tcustomer\t2\tmerged\t\t{\"into\":\"1\"}\n"
		"15\t2026-03-11T10:09:00Z\tana\tsetting\t\tset\t\t{\"key\":\"stale\",\"value\":\"2w\"}\n");
	free(t);
}

static void test_filters(void **state)
{
	cx_db *db = unit_db_of(state);
	a_morning(db);

	const struct {
		cx_event_filter f;
		const char *ids;
	} cases[] = {
		{ { .entity = "customer" }, "1,2,12,13,14" },
		{ { .entity = "customer", .entity_id = 2 }, "12,14" },
		{ { .entity = "case", .entity_id = 2 }, "9,11" },
		{ { .entity = "setting" }, "15" },
		{ { .entity = "nothing" }, "" },
		{ { .actor = "ben" }, "2,4,5,9,10,11" },
		{ { .actor = "dee" }, "" },
		{ { .action = "status" }, "5,8" },
		{ { .action = "create", .entity = "case" }, "3,9" },
		{ { .since = UNIT_NOW + 7 * 60 }, "9,10,11,12,13,14,15" },
		{ { .until = UNIT_NOW + 3 * 60 }, "1,2,3" },
		{ { .since = UNIT_NOW + 60, .until = UNIT_NOW + 4 * 60 }, "2,3,4,5" },
		{ { .limit = 3 }, "1,2,3" },
		{ { .reverse = 1, .limit = 4 }, "15,14,13,12" },
		{ { .reverse = 1, .entity = "case", .entity_id = 1, .action = "status" }, "8,5" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_ids(db, &cases[i].f, cases[i].ids);
}

static void test_log_directly(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };

	/* Values are bound, never pasted into the JSON: quotes and backslashes survive. */
	unit_ok(cx_event_log(db, "thing", 7, "poke", 0, UNIT_NOW - 60, &err, "say", "\"hi\" \\ there", "none",
			     NULL, NULL),
		err);
	unit_ok(cx_event_log(db, "thing", 0, "tick", 0, 0, &err, NULL), err);
	unit_ok(cx_event_log(db, "thing", 7, "many", 0, 0, &err, "a", "1", "b", "2", "c", "3", "d", "4", "e", "5",
			     "f", "6", "g", "7", "h", "8", NULL),
		err);
	assert_int_equal(cx_event_log(db, "thing", 7, "too-many", 0, 0, &err, "a", "1", "b", "2", "c", "3", "d",
				      "4", "e", "5", "f", "6", "g", "7", "h", "8", "i", "9", NULL),
			 CX_EINTERNAL);
	assert_string_equal(err.msg, "too many event details");
	cx_db_set_actor(db, NULL);
	unit_ok(cx_event_log(db, "thing", 8, "anon", 0, 0, &err, NULL), err);

	cx_event_filter f = { .entity = "thing" };
	char *t = events(db, &f);
	assert_string_equal(t, "id\tat\tactor\tentity\tentity_id\taction\tnote_id\tdetails\n"
			       "1\t2026-03-11T09:59:00Z\tana\tthing\t7\tpoke\t\t"
			       "{\"say\":\"\\\\\"hi\\\\\" \\\\\\\\ there\",\"none\":null}\n"
			       "2\t2026-03-11T10:00:00Z\tana\tthing\t\ttick\t\t\n"
			       "3\t2026-03-11T10:00:00Z\tana\tthing\t7\tmany\t\t"
			       "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\",\"e\":\"5\",\"f\":\"6\",\"g\":\"7\",\"h\":\"8\"}\n"
			       "4\t2026-03-11T10:00:00Z\tunknown\tthing\t8\tanon\t\t\n");
	free(t);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		T(test_every_change_is_logged),
		T(test_filters),
		T(test_log_directly),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
