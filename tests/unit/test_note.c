/* Unit tests for lib/note.c: kinds and bodies checked, customer and case notes, public replies, listing. */
#include "unit.h"

#define HOUR INT64_C(3600)

typedef struct fixture {
	int64_t dana, lee, case_id;
} fixture;

/* Dana with one new case, and Lee with none. */
static fixture make(cx_db *db)
{
	fixture f;
	cx_err err = { 0 };
	cx_customer_in d = { .name = "Dana Ruiz" }, l = { .name = "Lee" };
	unit_ok(cx_customer_add(db, &d, &f.dana, &err), err);
	unit_ok(cx_customer_add(db, &l, &f.lee, &err), err);
	cx_case_in k = { .customer_id = f.dana, .title = "Lid broken" };
	unit_ok(cx_case_open(db, &k, &f.case_id, &err), err);
	return f;
}

/* A note where the caller puts it: on a case through the case, else on the customer. */
static int put(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err)
{
	return in->case_id ? cx_case_note(db, in, id, err) : cx_note_add(db, in, id, err);
}

static int64_t add(cx_db *db, const cx_note_in *in)
{
	cx_err err = { 0 };
	int64_t id = 0;
	unit_ok(put(db, in, &id, &err), err);
	return id;
}

static char *list_text(cx_db *db, const cx_note_filter *f)
{
	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_note_list(db, f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	return unit_cap_text(&c);
}

static void expect_list(cx_db *db, const cx_note_filter *f, const char *col, const char *want)
{
	char got[1024];
	char *t = list_text(db, f);
	unit_tsv_column(t, col, got, sizeof got);
	free(t);
	if (strcmp(got, want) != 0)
		fail_msg("notes %s: got [%s], want [%s]", col, got, want);
}

/* One field of the case, from `cx case show` as TSV. */
static void expect_case(cx_db *db, int64_t id, const char *col, const char *want)
{
	unit_cap c;
	cx_err err = { 0 };
	char got[256];
	unit_ok(cx_case_show(db, id, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, col, got, sizeof got);
	free(t);
	if (strcmp(got, want) != 0)
		fail_msg("case %lld %s: got [%s], want [%s]", (long long)id, col, got, want);
}

static void expect_events(cx_db *db, const char *entity, int64_t id, const char *col, const char *want)
{
	cx_event_filter f = { .entity = entity, .entity_id = id };
	unit_cap c;
	cx_err err = { 0 };
	char got[1024];
	unit_ok(cx_event_list(db, &f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, col, got, sizeof got);
	free(t);
	if (strcmp(got, want) != 0)
		fail_msg("events of %s %lld, %s: got [%s], want [%s]", entity, (long long)id, col, got, want);
}

static void test_kinds(void **state)
{
	cx_db *db = unit_db_of(state);
	fixture f = make(db);
	cx_err err = { 0 };
	int64_t id;

	for (int i = 0; cx_note_kinds[i]; i++) {
		cx_note_in in = { .customer_id = f.dana, .kind = cx_note_kinds[i], .body = "x" };
		add(db, &in);
	}
	cx_note_in dflt = { .customer_id = f.dana, .body = "x" };
	add(db, &dflt);
	cx_note_filter all = { .visibility = -1 };
	expect_list(db, &all, "kind", "call,email,chat,visit,social,letter,other,other");

	/* Unknown kinds, and the ones the library keeps for its own notes. */
	static const char *const bad[] = { "fax", "Call", "", "handoff", "status", "call " };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cx_note_in in = { .customer_id = f.dana, .kind = bad[i], .body = "x" };
		char want[160];
		if (cx_note_add(db, &in, &id, &err) != CX_EDATA)
			fail_msg("kind \"%s\" accepted", bad[i]);
		snprintf(want, sizeof want,
			 "kind: \"%s\" is not one of call, email, chat, visit, social, letter, other", bad[i]);
		assert_string_equal(err.msg, want);
	}
	expect_list(db, &all, "id", "1,2,3,4,5,6,7,8");
}

static void test_refusals(void **state)
{
	cx_db *db = unit_db_of(state);
	fixture f = make(db);
	char *huge = malloc(1000002);
	assert_non_null(huge);
	memset(huge, 'x', 1000001);
	huge[1000001] = '\0';
	const struct {
		cx_note_in in;
		int code;
		const char *msg;
	} cases[] = {
		{ { .customer_id = f.dana }, CX_EDATA, "note: the text is empty (give it with " CX_FIELD_ARG("body") ")" },
		{ { .customer_id = f.dana, .body = "" }, CX_EDATA, "note: the text is empty (give it with " CX_FIELD_ARG("body") ")" },
		{ { .customer_id = f.dana, .body = " \t\r\n " }, CX_EDATA,
		  "note: the text is empty (give it with " CX_FIELD_ARG("body") ")" },
		{ { .customer_id = f.dana, .body = huge }, CX_EDATA, "note: longer than 1 MB" },
		{ { .body = "x" }, CX_EUSAGE, "a note needs a case or a customer" },
		{ { .case_id = 99, .body = "x" }, CX_ENOTFOUND, "no case 99" },
		{ { .case_id = f.case_id, .customer_id = f.lee, .body = "x" }, CX_EDATA,
		  "case 1 belongs to another customer" },
		{ { .customer_id = 99, .body = "x" }, CX_ENOTFOUND, "no customer 99" },
	};
	/* a note on a case goes through the case, which the case's trail and status follow */
	cx_note_in on_case = { .case_id = f.case_id, .body = "x" };
	cx_err wrong = { 0 };
	int64_t none = -1;
	assert_int_equal(cx_note_add(db, &on_case, &none, &wrong), CX_EINTERNAL);
	assert_string_equal(wrong.msg, "cx_note_add: a note on a case is cx_case_note's");
	assert_int_equal(none, -1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cx_err err = { 0 };
		int64_t id = -1;
		unit_ok(cx_db_begin(db, &err), err); /* a savepoint: the caller undoes what a refused call left */
		int rc = put(db, &cases[i].in, &id, &err);
		if (rc != cases[i].code)
			fail_msg("case %zu: got %d, want %d (%s)", i, rc, cases[i].code, err.msg);
		assert_string_equal(err.msg, cases[i].msg);
		cx_db_rollback(db);
	}
	/* The longest body allowed is exactly 1 MB. */
	huge[1000000] = '\0';
	cx_note_in longest = { .customer_id = f.dana, .body = huge };
	add(db, &longest);
	free(huge);
	cx_note_filter all = { .visibility = -1 };
	expect_list(db, &all, "id", "1");
	expect_events(db, "customer", f.dana, "action", "create,note");
	expect_events(db, "case", 0, "action", "create");
}

static void test_customer_and_case_notes(void **state)
{
	cx_db *db = unit_db_of(state);
	fixture f = make(db);

	cx_db_set_now(db, UNIT_NOW + 60);
	cx_note_in on_customer = { .customer_id = f.dana, .kind = "call", .body = "Asked about wholesale" };
	int64_t n1 = add(db, &on_customer);
	cx_note_in on_case = { .case_id = f.case_id, .kind = "email", .body = "Sent photos\nof the lid" };
	int64_t n2 = add(db, &on_case);
	/* The customer may be given too, when it is the case's own. */
	cx_note_in both = { .case_id = f.case_id, .customer_id = f.dana, .body = "Both given",
			    .at = UNIT_NOW + 120 };
	int64_t n3 = add(db, &both);
	assert_int_equal(n1, 1);
	assert_int_equal(n2, 2);
	assert_int_equal(n3, 3);

	cx_note_filter all = { .visibility = -1 };
	char *t = list_text(db, &all);
	assert_string_equal(t, "id\tat\tcase_id\tcustomer_id\tcustomer\tvisibility\tkind\tauthor\tbody\n"
			       "1\t2026-03-11T10:01:00Z\t\t1\tDana Ruiz\tinternal\tcall\tana\tAsked about wholesale\n"
			       "2\t2026-03-11T10:01:00Z\t1\t1\tDana Ruiz\tinternal\temail\tana\tSent photos\\nof the lid\n"
			       "3\t2026-03-11T10:02:00Z\t1\t1\tDana Ruiz\tinternal\tother\tana\tBoth given\n");
	free(t);

	/* Each is logged where it belongs, with its note. */
	expect_events(db, "customer", f.dana, "action", "create,note");
	expect_events(db, "customer", f.dana, "note_id", ",1");
	expect_events(db, "case", f.case_id, "action", "create,note,note");
	expect_events(db, "case", f.case_id, "note_id", ",2,3");
	expect_events(db, "case", f.case_id, "at", "2026-03-11T10:00:00Z,2026-03-11T10:01:00Z,2026-03-11T10:02:00Z");
	expect_events(db, "case", f.case_id, "details",
		      "{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null},"
		      "{\"visibility\":\"internal\"},{\"visibility\":\"internal\"}");

	/* A case note moves the case's clock; internal ones are no response. */
	expect_case(db, f.case_id, "updated_at", "2026-03-11T10:02:00Z");
	expect_case(db, f.case_id, "first_response_at", "");
	expect_case(db, f.case_id, "status", "new");
}

static void test_public_notes(void **state)
{
	cx_db *db = unit_db_of(state);
	fixture f = make(db);
	cx_err err = { 0 };

	/* Said to the customer: the first response, and the case is being worked on. */
	cx_db_set_now(db, UNIT_NOW + 900);
	cx_note_in reply = { .case_id = f.case_id, .public_ = 1, .kind = "email", .body = "A new lid is coming" };
	add(db, &reply);
	expect_case(db, f.case_id, "status", "open");
	expect_case(db, f.case_id, "first_response_at", "2026-03-11T10:15:00Z");
	expect_case(db, f.case_id, "first_response_after", "900");
	expect_events(db, "case", f.case_id, "action", "create,note,status");
	expect_events(db, "case", f.case_id, "details",
		      "{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null},"
		      "{\"visibility\":\"public\"},{\"from\":\"new\",\"to\":\"open\"}");

	/* Later replies change neither. */
	cx_db_set_now(db, UNIT_NOW + 1800);
	unit_ok(cx_case_move(db, f.case_id, "pending", NULL, NULL, &err), err);
	cx_note_in again = { .case_id = f.case_id, .public_ = 1, .body = "Any news?" };
	add(db, &again);
	expect_case(db, f.case_id, "status", "pending");
	expect_case(db, f.case_id, "first_response_at", "2026-03-11T10:15:00Z");
	expect_case(db, f.case_id, "updated_at", "2026-03-11T10:30:00Z");

	/* A note on a closed case is recorded and leaves it closed. */
	unit_ok(cx_case_move(db, f.case_id, "close", NULL, NULL, &err), err);
	cx_note_in late = { .case_id = f.case_id, .public_ = 1, .body = "Thanks for the lid!" };
	add(db, &late);
	expect_case(db, f.case_id, "status", "closed");

	/* A public note to a customer touches no case. */
	cx_case_in k = { .customer_id = f.lee, .title = "Where is my parcel" };
	int64_t lee_case;
	unit_ok(cx_case_open(db, &k, &lee_case, &err), err);
	cx_note_in to_lee = { .customer_id = f.lee, .public_ = 1, .kind = "letter", .body = "Welcome pack" };
	add(db, &to_lee);
	expect_case(db, lee_case, "status", "new");
	expect_case(db, lee_case, "first_response_at", "");
	expect_events(db, "customer", f.lee, "details", ",{\"visibility\":\"public\"}");
}

static void test_list_latest_in_time_order(void **state)
{
	cx_db *db = unit_db_of(state);
	fixture f = make(db);

	/* Written out of order: ids 1..4 at -3h, -1h, -2h, now. */
	const int64_t when[] = { -3 * HOUR, -1 * HOUR, -2 * HOUR, 0 };
	const char *const body[] = { "A", "C", "B", "D" };
	for (int i = 0; i < 4; i++) {
		cx_note_in in = { .case_id = f.case_id, .body = body[i], .at = UNIT_NOW + when[i] };
		add(db, &in);
	}
	/* Two at the same second: the order they were written in. */
	cx_note_in tie = { .case_id = f.case_id, .body = "D2", .at = UNIT_NOW };
	add(db, &tie);

	cx_note_filter all = { .visibility = -1 };
	expect_list(db, &all, "body", "A,B,C,D,D2");
	cx_note_filter two = { .visibility = -1, .limit = 2 };
	expect_list(db, &two, "body", "D,D2");
	cx_note_filter three = { .visibility = -1, .limit = 3 };
	expect_list(db, &three, "body", "C,D,D2");
	expect_list(db, &three, "id", "2,4,5");
	cx_note_filter many = { .visibility = -1, .limit = 50 };
	expect_list(db, &many, "body", "A,B,C,D,D2");
}

static void test_list_filters(void **state)
{
	cx_db *db = unit_db_of(state);
	fixture f = make(db);

	cx_note_in n1 = { .case_id = f.case_id, .kind = "call", .body = "Rang about 100% refund", .at = UNIT_NOW - 2 * HOUR };
	add(db, &n1);
	cx_db_set_actor(db, "ben");
	cx_note_in n2 = { .case_id = f.case_id, .public_ = 1, .kind = "email", .body = "Refund sent", .at = UNIT_NOW - HOUR };
	add(db, &n2);
	cx_note_in n3 = { .customer_id = f.lee, .kind = "visit", .body = "Came to the shop" };
	add(db, &n3);
	cx_db_set_actor(db, "ana");
	cx_note_in n4 = { .customer_id = f.dana, .body = "Prefers mornings", .at = UNIT_NOW + HOUR };
	add(db, &n4);

	const struct {
		cx_note_filter f;
		const char *ids;
	} cases[] = {
		{ { .visibility = -1 }, "1,2,3,4" },
		{ { .visibility = 0 }, "1,3,4" },
		{ { .visibility = 1 }, "2" },
		{ { .visibility = -1, .case_id = f.case_id }, "1,2" },
		{ { .visibility = -1, .customer_id = f.dana }, "1,2,4" },
		{ { .visibility = -1, .customer_id = f.lee }, "3" },
		{ { .visibility = -1, .kind = "visit" }, "3" },
		{ { .visibility = -1, .kind = "letter" }, "" },
		{ { .visibility = -1, .author = "ben" }, "2,3" },
		{ { .visibility = -1, .text = "REFUND" }, "1,2" },
		{ { .visibility = -1, .text = "100%" }, "1" },
		{ { .visibility = -1, .text = "%" }, "1" },
		{ { .visibility = -1, .text = "_" }, "" },
		{ { .visibility = -1, .since = UNIT_NOW - HOUR }, "2,3,4" },
		{ { .visibility = -1, .until = UNIT_NOW - HOUR }, "1" },
		{ { .visibility = -1, .since = UNIT_NOW - HOUR, .until = UNIT_NOW + HOUR }, "2,3" },
		{ { .visibility = 0, .customer_id = f.dana, .limit = 1 }, "4" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char got[128];
		char *t = list_text(db, &cases[i].f);
		unit_tsv_column(t, "id", got, sizeof got);
		free(t);
		if (strcmp(got, cases[i].ids) != 0)
			fail_msg("filter %zu: got [%s], want [%s]", i, got, cases[i].ids);
	}
	cx_note_filter by_ben = { .visibility = -1, .author = "ben" };
	expect_list(db, &by_ben, "author", "ben,ben");
	expect_list(db, &by_ben, "customer", "Dana Ruiz,Lee");
}

static void test_list_table(void **state)
{
	cx_db *db = unit_db_of(state);
	fixture f = make(db);
	cx_note_in in = { .case_id = f.case_id, .public_ = 1, .kind = "email", .body = "Line one\nLine two" };
	add(db, &in);

	/* For people: a line of facts, the text below it (hidden columns left out). */
	unit_cap c;
	cx_err err = { 0 };
	cx_note_filter all = { .visibility = -1 };
	unit_ok(cx_note_list(db, &all, unit_cap_open(&c, CX_FMT_TABLE, 0), &err), err);
	char *t = unit_cap_text(&c);
	assert_string_equal(t, "  1  2026-03-11 10:00  1  Dana Ruiz  public  email  ana\n"
			       "      Line one\n"
			       "      Line two\n");
	free(t);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		T(test_kinds),
		T(test_refusals),
		T(test_customer_and_case_notes),
		T(test_public_notes),
		T(test_list_latest_in_time_order),
		T(test_list_filters),
		T(test_list_table),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
