/* Unit tests for lib/case.c and lib/brief.c: opening, the status model, owners, links, lists and views. */
#include "unit.h"

#define HOUR INT64_C(3600)

static int64_t customer(cx_db *db, const char *name, const char *email)
{
	cx_customer_in in = { .name = name, .email = email };
	cx_err err = { 0 };
	int64_t id;
	unit_ok(cx_customer_add(db, &in, &id, &err), err);
	return id;
}

static int64_t open_case(cx_db *db, const cx_case_in *in)
{
	cx_err err = { 0 };
	int64_t id = 0;
	unit_ok(cx_case_open(db, in, &id, &err), err);
	return id;
}

static void move(cx_db *db, int64_t id, const char *verb, const char *outcome)
{
	cx_err err = { 0 };
	unit_ok(cx_case_move(db, id, verb, outcome, NULL, &err), err);
}

static void note(cx_db *db, int64_t case_id, int public_, const char *body)
{
	cx_note_in in = { .case_id = case_id, .public_ = public_, .kind = "email", .body = body };
	cx_err err = { 0 };
	int64_t id;
	unit_ok(cx_case_note(db, &in, &id, &err), err);
}

/* One field of the case as `cx case show --format tsv` gives it. */
static void case_field(cx_db *db, int64_t id, const char *col, char *buf, size_t size)
{
	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_case_show(db, id, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, col, buf, size);
	free(t);
}

static void expect_field(cx_db *db, int64_t id, const char *col, const char *want)
{
	char got[512];
	case_field(db, id, col, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("case %lld %s: got \"%s\", want \"%s\"", (long long)id, col, got, want);
}

/* One column of the case's audit events, oldest first, as "a,b,c". */
static void expect_events(cx_db *db, int64_t id, const char *col, const char *want)
{
	cx_event_filter f = { .entity = "case", .entity_id = id };
	unit_cap c;
	cx_err err = { 0 };
	char got[2048];
	unit_ok(cx_event_list(db, &f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, col, got, sizeof got);
	free(t);
	if (strcmp(got, want) != 0)
		fail_msg("events of case %lld, %s: got [%s], want [%s]", (long long)id, col, got, want);
}

static void expect_notes(cx_db *db, int64_t case_id, const char *col, const char *want)
{
	cx_note_filter f = { .case_id = case_id, .visibility = -1 };
	unit_cap c;
	cx_err err = { 0 };
	char got[1024];
	unit_ok(cx_note_list(db, &f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, col, got, sizeof got);
	free(t);
	if (strcmp(got, want) != 0)
		fail_msg("notes of case %lld, %s: got [%s], want [%s]", (long long)case_id, col, got, want);
}

static void test_parse_id(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} good[] = { { "42", 42 }, { "#42", 42 }, { "007", 7 }, { "1", 1 } };
	static const char *const bad[] = { "", "#", "0", "#0", "-1", "#-3", "4x", " 4", "4 ", "##4", "x" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		int64_t id = -1;
		cx_err err = { 0 };
		unit_ok(cx_case_parse_id(good[i].in, &id, &err), err);
		assert_int_equal(id, good[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t id = -1;
		cx_err err = { 0 };
		char want[64];
		if (cx_case_parse_id(bad[i], &id, &err) != CX_EUSAGE)
			fail_msg("\"%s\" read as case %lld", bad[i], (long long)id);
		snprintf(want, sizeof want, "\"%s\" is not a case number", bad[i]);
		assert_string_equal(err.msg, want);
	}
	int64_t id;
	cx_err err = { 0 };
	assert_int_equal(cx_case_parse_id(NULL, &id, &err), CX_EUSAGE);
	assert_string_equal(err.msg, "\"\" is not a case number");
}

/* ---- opening ---- */

static void test_open(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t dana = customer(db, "Dana Ruiz", "dana@example.com");
	const char *tags[] = { "lid", "damage", "lid" };
	cx_case_in in = { .customer_id = dana, .title = "Lid broken", .channel = "email",
			  .stage = "delivery", .priority = "high", .tags = tags, .ntags = 3,
			  .note = "Photo attached" };
	int64_t id = open_case(db, &in);
	assert_int_equal(id, 1);

	unit_ok(cx_case_check(db, id, &err), err);
	int64_t who;
	unit_ok(cx_case_customer(db, id, &who, &err), err);
	assert_int_equal(who, dana);
	expect_field(db, id, "title", "Lid broken");
	expect_field(db, id, "status", "new"); /* nobody owns it yet */
	expect_field(db, id, "priority", "high");
	expect_field(db, id, "customer", "Dana Ruiz");
	expect_field(db, id, "owner", "");
	expect_field(db, id, "channel", "email");
	expect_field(db, id, "stage", "delivery");
	expect_field(db, id, "tags", "damage,lid");
	expect_field(db, id, "opened_at", "2026-03-11T10:00:00Z");
	expect_field(db, id, "opened_by", "ana");
	expect_field(db, id, "first_response_at", ""); /* the first note is internal */
	/* The first note takes its kind from the channel. */
	expect_notes(db, id, "kind", "email");
	expect_notes(db, id, "visibility", "internal");
	expect_notes(db, id, "body", "Photo attached");
	expect_events(db, id, "action", "create");
	expect_events(db, id, "note_id", "1");
	expect_events(db, id, "details",
		      "{\"priority\":\"high\",\"channel\":\"email\",\"stage\":\"delivery\",\"owner\":null}");

	/* With an owner it is open at once; defaults for the rest; a time of its own. */
	cx_case_in owned = { .customer_id = dana, .title = "Wrong size", .owner = "ben",
			     .at = UNIT_NOW - UNIT_DAY, .channel = "phone", .note = "Rang in" };
	int64_t id2 = open_case(db, &owned);
	expect_field(db, id2, "status", "open");
	expect_field(db, id2, "owner", "ben");
	expect_field(db, id2, "priority", "normal");
	expect_field(db, id2, "opened_at", "2026-03-10T10:00:00Z");
	expect_notes(db, id2, "kind", "call");
	cx_case_in kinded = { .customer_id = dana, .title = "Chat", .channel = "web", .note = "Hi",
			      .note_kind = "chat" };
	int64_t id3 = open_case(db, &kinded);
	expect_notes(db, id3, "kind", "chat");
	cx_case_in plain = { .customer_id = dana, .title = "Plain", .channel = "web", .note = "Hi" };
	int64_t id4 = open_case(db, &plain);
	expect_notes(db, id4, "kind", "other");

	/* A title of exactly 500 bytes is fine. */
	char title[501];
	memset(title, 't', 500);
	title[500] = '\0';
	cx_case_in longest = { .customer_id = dana, .title = title };
	open_case(db, &longest);
}

static void test_open_refusals(void **state)
{
	cx_db *db = unit_db_of(state);
	int64_t dana = customer(db, "Dana Ruiz", NULL);
	char long_title[502];
	memset(long_title, 't', 501);
	long_title[501] = '\0';
	const char *bad_tag[] = { "ok", "two words" };
	const struct {
		cx_case_in in;
		int code;
		const char *msg; /* the message starts with this */
	} cases[] = {
		{ { .customer_id = dana }, CX_EUSAGE, "a case needs a title (" CX_FIELD_ARG("title") ")" },
		{ { .customer_id = dana, .title = "" }, CX_EDATA, "title: a case needs a title" },
		{ { .customer_id = dana, .title = " \t " }, CX_EDATA, "title: a case needs a title" },
		{ { .customer_id = dana, .title = "two\nlines" }, CX_EDATA, "title: one line of at most 500 bytes" },
		{ { .customer_id = dana, .title = "cr\r" }, CX_EDATA, "title: one line of at most 500 bytes" },
		{ { .customer_id = dana, .title = long_title }, CX_EDATA, "title: one line of at most 500 bytes" },
		{ { .customer_id = dana, .title = "T", .priority = "asap" }, CX_EDATA,
		  "priority: \"asap\" is not one of low, normal, high, urgent" },
		{ { .customer_id = dana, .title = "T", .priority = "High" }, CX_EDATA,
		  "priority: \"High\" is not one of low, normal, high, urgent" },
		/* a name that is not in the database, as a customer that is not */
		{ { .customer_id = dana, .title = "T", .channel = "fax" }, CX_ENOTFOUND,
		  "channel: \"fax\" is not one of phone, email, social, store, web, chat, packaging, product, other" },
		{ { .customer_id = dana, .title = "T", .stage = "bogus" }, CX_ENOTFOUND,
		  "stage: \"bogus\" is not one of awareness, consideration, decision, purchase, delivery," },
		{ { .customer_id = dana, .title = "T", .owner = "two words" }, CX_EDATA,
		  "owner: \"two words\" must be one name without spaces" },
		{ { .customer_id = dana, .title = "T", .owner = "" }, CX_EDATA,
		  "owner: \"\" must be one name without spaces" },
		{ { .customer_id = dana, .title = "T", .owner = "a,b" }, CX_EDATA,
		  "owner: \"a,b\" must be one name without spaces" },
		{ { .customer_id = 99, .title = "T" }, CX_ENOTFOUND, "no customer 99" },
		{ { .customer_id = 0, .title = "T" }, CX_ENOTFOUND, "no customer 0" },
		{ { .customer_id = dana, .title = "T", .note = "x", .note_kind = "fax" }, CX_EDATA,
		  "kind: \"fax\" is not one of call, email, chat, visit, social, letter, other" },
		/* The library's own kinds are not for people. */
		{ { .customer_id = dana, .title = "T", .note = "x", .note_kind = "handoff" }, CX_EDATA,
		  "kind: \"handoff\" is not one of" },
		/* Refused after the case row went in: all of it is undone. */
		{ { .customer_id = dana, .title = "T", .note = "  \n" }, CX_EDATA,
		  "note: the text is empty (give it with " CX_FIELD_ARG("body") ")" },
		{ { .customer_id = dana, .title = "T", .tags = bad_tag, .ntags = 2 }, CX_EDATA,
		  "tag: \"two words\" must be one word without commas" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cx_err err = { 0 };
		int64_t id = -1;
		unit_ok(cx_db_begin(db, &err), err); /* a savepoint: the caller undoes what a refused call left */
		int rc = cx_case_open(db, &cases[i].in, &id, &err);
		if (rc != cases[i].code)
			fail_msg("case %zu: got %d, want %d", i, rc, cases[i].code);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu: message [%s], want [%s...]", i, err.msg, cases[i].msg);
		cx_db_rollback(db);
	}
	/* Nothing was stored. */
	cx_case_filter all = { .status = "all" };
	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_case_list(db, &all, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	assert_string_equal(t, "id\tstatus\tpriority\tcustomer_id\tcustomer\towner\tchannel\tstage\t"
			       "opened_at\tupdated_at\ttitle\n");
	free(t);
	expect_events(db, 0, "id", "");
	assert_int_equal(cx_case_check(db, 1, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no case 1");
}

/* ---- the status model ---- */

/* A case of the customer in the given status, reached the ordinary way. */
static int64_t case_in_status(cx_db *db, int64_t cust, const char *status)
{
	cx_case_in in = { .customer_id = cust, .title = status };
	if (strcmp(status, "new") != 0)
		in.owner = "ben";
	int64_t id = open_case(db, &in);
	if (!strcmp(status, "pending"))
		move(db, id, "pending", NULL);
	else if (!strcmp(status, "resolved"))
		move(db, id, "resolve", "fixed");
	else if (!strcmp(status, "closed"))
		move(db, id, "close", NULL);
	expect_field(db, id, "status", status);
	return id;
}

static void test_status_model(void **state)
{
	cx_db *db = unit_db_of(state);
	int64_t dana = customer(db, "Dana Ruiz", NULL);
	static const char *const verbs[] = { "pending", "resume", "resolve", "close", "reopen" };
	static const char *const done[] = { "made pending", "resumed", "resolved", "closed", "reopened" };
	/* For each status: what each verb leads to (NULL = illegal), and the legal verbs. */
	static const struct {
		const char *from;
		const char *to[5];
		const char *legal;
	} model[] = {
		{ "new", { "pending", NULL, "resolved", "closed", NULL }, "pending, resolve, close" },
		{ "open", { "pending", NULL, "resolved", "closed", NULL }, "pending, resolve, close" },
		{ "pending", { NULL, "open", "resolved", "closed", NULL }, "resume, resolve, close" },
		{ "resolved", { NULL, NULL, NULL, "closed", "open" }, "close, reopen" },
		{ "closed", { NULL, NULL, NULL, NULL, "open" }, "reopen" },
	};
	for (size_t s = 0; s < sizeof model / sizeof model[0]; s++) {
		for (size_t v = 0; v < 5; v++) {
			int64_t id = case_in_status(db, dana, model[s].from);
			const char *outcome = !strcmp(verbs[v], "resolve") ? "fixed" : NULL;
			cx_err err = { 0 };
			char before[64], after[64];
			case_field(db, id, "updated_at", before, sizeof before);
			cx_db_set_now(db, cx_db_now(db) + 60);
			int rc = cx_case_move(db, id, verbs[v], outcome, NULL, &err);
			if (model[s].to[v]) {
				if (rc != CX_OK)
					fail_msg("%s from %s: %s", verbs[v], model[s].from, err.msg);
				expect_field(db, id, "status", model[s].to[v]);
				case_field(db, id, "updated_at", after, sizeof after);
				assert_string_not_equal(after, before);
				continue;
			}
			char want[256];
			snprintf(want, sizeof want, "case %lld is %s and cannot be %s from there (it can: %s)",
				 (long long)id, model[s].from, done[v], model[s].legal);
			if (rc != CX_EDATA)
				fail_msg("%s from %s: got %d, want CX_EDATA", verbs[v], model[s].from, rc);
			assert_string_equal(err.msg, want);
			/* Refused: not a thing changed. */
			expect_field(db, id, "status", model[s].from);
			case_field(db, id, "updated_at", after, sizeof after);
			assert_string_equal(after, before);
			assert_true(cx_db_in_transaction(db)); /* the caller's, to end as it decides */
		}
	}
}

static void test_move_refusals(void **state)
{
	cx_db *db = unit_db_of(state);
	int64_t id = case_in_status(db, customer(db, "Dana", NULL), "open");
	cx_err err = { 0 };

	assert_int_equal(cx_case_move(db, id, "explode", NULL, NULL, &err), CX_EINTERNAL);
	assert_string_equal(err.msg, "unknown case move explode");
	assert_int_equal(cx_case_move(db, id, "resolve", NULL, NULL, &err), CX_EUSAGE);
	assert_string_equal(err.msg, "resolving needs an outcome (" CX_FIELD_ARG("outcome") ", e.g. fixed, replaced, refunded)");
	assert_int_equal(cx_case_move(db, id, "resolve", "", NULL, &err), CX_EUSAGE);
	assert_int_equal(cx_case_move(db, id, "resolve", "fixed\nreally", NULL, &err), CX_EDATA);
	assert_string_equal(err.msg, "outcome: one line of at most 200 bytes");
	assert_int_equal(cx_case_move(db, 99, "close", NULL, NULL, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no case 99");
	assert_int_equal(cx_case_move(db, id, "close", NULL, "", &err), CX_EDATA);
	assert_string_equal(err.msg, "note: the text is empty (give it with " CX_FIELD_ARG("body") ")");
	expect_field(db, id, "status", "open");
	expect_events(db, id, "action", "create");
}

static void test_timestamps(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_case_in in = { .customer_id = customer(db, "Dana", NULL), .title = "Lid broken" };
	int64_t id = open_case(db, &in);

	cx_db_set_now(db, UNIT_NOW + 600);
	note(db, id, 0, "Checked the order");
	expect_field(db, id, "first_response_at", "");
	expect_field(db, id, "status", "new");
	expect_field(db, id, "updated_at", "2026-03-11T10:10:00Z");

	/* The first public note is the first response, and starts the work. */
	cx_db_set_now(db, UNIT_NOW + 900);
	note(db, id, 1, "Sorry! A new lid is on its way.");
	expect_field(db, id, "first_response_at", "2026-03-11T10:15:00Z");
	expect_field(db, id, "first_response_after", "900");
	expect_field(db, id, "status", "open");
	cx_db_set_now(db, UNIT_NOW + 1200);
	note(db, id, 1, "Tracking number: 123");
	expect_field(db, id, "first_response_at", "2026-03-11T10:15:00Z");

	cx_db_set_now(db, UNIT_NOW + HOUR);
	move(db, id, "resolve", "replaced");
	expect_field(db, id, "status", "resolved");
	expect_field(db, id, "outcome", "replaced");
	expect_field(db, id, "resolved_at", "2026-03-11T11:00:00Z");
	expect_field(db, id, "closed_at", "");
	cx_db_set_now(db, UNIT_NOW + 5 * HOUR);
	expect_field(db, id, "age", "3600"); /* a resolved case stops ageing */

	cx_db_set_now(db, UNIT_NOW + 2 * HOUR);
	move(db, id, "close", NULL);
	expect_field(db, id, "closed_at", "2026-03-11T12:00:00Z");
	expect_field(db, id, "resolved_at", "2026-03-11T11:00:00Z");
	expect_field(db, id, "outcome", "replaced");
	expect_field(db, id, "age", "7200");

	/* Reopening forgets how it ended; the first response stays. */
	cx_db_set_now(db, UNIT_NOW + 3 * HOUR);
	unit_ok(cx_case_move(db, id, "reopen", NULL, "She wrote back: wrong colour", &err), err);
	expect_field(db, id, "status", "open");
	expect_field(db, id, "resolved_at", "");
	expect_field(db, id, "closed_at", "");
	expect_field(db, id, "outcome", "");
	expect_field(db, id, "first_response_at", "2026-03-11T10:15:00Z");
	expect_field(db, id, "updated_at", "2026-03-11T13:00:00Z");
	cx_db_set_now(db, UNIT_NOW + 4 * HOUR);
	expect_field(db, id, "age", "14400");

	/* The move's note is an internal note of the library's own kind, tied to its event. */
	expect_notes(db, id, "kind", "email,email,email,status");
	expect_notes(db, id, "visibility", "internal,public,public,internal");
	expect_events(db, id, "action", "create,note,note,status,note,status,status,status");
	expect_events(db, id, "note_id", ",1,2,,3,,,4");
	expect_events(db, id, "details",
		      "{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null},"
		      "{\"visibility\":\"internal\"},{\"visibility\":\"public\"},"
		      "{\"from\":\"new\",\"to\":\"open\"},{\"visibility\":\"public\"},"
		      "{\"from\":\"open\",\"to\":\"resolved\",\"outcome\":\"replaced\"},"
		      "{\"from\":\"resolved\",\"to\":\"closed\",\"outcome\":null},"
		      "{\"from\":\"closed\",\"to\":\"open\",\"outcome\":null}");
}

/* ---- owners ---- */

static void test_assign_and_handoff(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_case_in in = { .customer_id = customer(db, "Dana", NULL), .title = "Lid broken" };
	int64_t id = open_case(db, &in);

	assert_int_equal(cx_case_handoff(db, id, NULL, "Over to you", &err), CX_EUSAGE);
	assert_string_equal(err.msg, "a handoff needs the new owner (" CX_FIELD_ARG("to") ") and a note for them (" CX_FIELD_ARG("body") ")");
	assert_int_equal(cx_case_handoff(db, id, "ben", NULL, &err), CX_EUSAGE);
	assert_int_equal(cx_case_handoff(db, id, "ben", " ", &err), CX_EDATA);
	assert_string_equal(err.msg, "note: the text is empty (give it with " CX_FIELD_ARG("body") ")");
	assert_int_equal(cx_case_handoff(db, id, "big ben", "Over", &err), CX_EDATA);
	assert_string_equal(err.msg, "owner: \"big ben\" must be one name without spaces");
	assert_int_equal(cx_case_handoff(db, 99, "ben", "Over", &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no case 99");
	assert_int_equal(cx_case_assign(db, id, "", &err), CX_EDATA);
	assert_int_equal(cx_case_assign(db, 99, "ben", &err), CX_ENOTFOUND);
	expect_field(db, id, "owner", "");
	expect_field(db, id, "status", "new");
	expect_events(db, id, "action", "create");

	/* A handoff of a new case: owner, note for them, and the work starts. */
	unit_ok(cx_case_handoff(db, id, "ben", "Customer wants a call after 5pm", &err), err);
	expect_field(db, id, "owner", "ben");
	expect_field(db, id, "status", "open");
	expect_notes(db, id, "kind", "handoff");
	expect_notes(db, id, "body", "Customer wants a call after 5pm");
	unit_ok(cx_case_assign(db, id, "cy", &err), err);
	unit_ok(cx_case_handoff(db, id, "ana", "Back to you", &err), err);
	expect_field(db, id, "owner", "ana");
	expect_events(db, id, "action", "create,handoff,status,assign,handoff");
	expect_events(db, id, "note_id", ",1,,,2");
	expect_events(db, id, "details",
		      "{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null},"
		      "{\"from\":null,\"to\":\"ben\"},{\"from\":\"new\",\"to\":\"open\",\"outcome\":null},"
		      "{\"from\":\"ben\",\"to\":\"cy\"},{\"from\":\"cy\",\"to\":\"ana\"}");

	/* A closed case takes no new owner until it is reopened. */
	move(db, id, "close", NULL);
	assert_int_equal(cx_case_handoff(db, id, "ben", "Over", &err), CX_EDATA);
	assert_string_equal(err.msg, "case 1 is closed (reopen it first: cx case reopen 1)");
	assert_int_equal(cx_case_assign(db, id, "ben", &err), CX_EDATA);
	assert_string_equal(err.msg, "case 1 is closed (reopen it first: cx case reopen 1)");
	expect_field(db, id, "owner", "ana");
	/* Assigning a resolved case keeps it resolved. */
	move(db, id, "reopen", NULL);
	move(db, id, "resolve", "fixed");
	unit_ok(cx_case_assign(db, id, "ben", &err), err);
	expect_field(db, id, "status", "resolved");
	expect_field(db, id, "owner", "ben");
}

static void test_update(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	const char *tags[] = { "lid" };
	cx_case_in in = { .customer_id = customer(db, "Dana", NULL), .title = "Lid", .tags = tags, .ntags = 1 };
	int64_t id = open_case(db, &in);

	const char *add[] = { "damage", "urgent-ish" };
	const char *drop[] = { "lid", "absent" };
	cx_case_in u1 = { .title = "Lid broken", .priority = "high", .stage = "delivery", .tags = add,
			  .ntags = 2, .untags = drop, .nuntags = 2 };
	cx_db_set_now(db, UNIT_NOW + 60);
	unit_ok(cx_case_update(db, id, &u1, &err), err);
	expect_field(db, id, "title", "Lid broken");
	expect_field(db, id, "priority", "high");
	expect_field(db, id, "stage", "delivery");
	expect_field(db, id, "tags", "damage,urgent-ish");
	expect_field(db, id, "updated_at", "2026-03-11T10:01:00Z");
	cx_case_in u2 = { .priority = "high", .channel = "email" };
	unit_ok(cx_case_update(db, id, &u2, &err), err);

	const struct {
		cx_case_in in;
		int code;
		const char *msg;
	} bad[] = {
		{ { 0 }, CX_EUSAGE, "nothing to change (give " CX_FIELD("title") ", " CX_FIELD("priority") ", " CX_FIELD("channel") ", " CX_FIELD("stage") " or " CX_FIELD("tag") ")" },
		{ { .priority = "asap", .title = "New title" }, CX_EDATA,
		  "priority: \"asap\" is not one of low, normal, high, urgent" },
		{ { .title = "" }, CX_EDATA, "title: a case needs a title" },
		{ { .channel = "pigeon" }, CX_ENOTFOUND, "channel: \"pigeon\" is not one of phone, email," },
		{ { .tags = drop + 1, .ntags = 1, .title = "x", .untags = add, .nuntags = 1 }, CX_OK, NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = cx_case_update(db, id, &bad[i].in, &err);
		if (rc != bad[i].code)
			fail_msg("update %zu: got %d, want %d", i, rc, bad[i].code);
		if (bad[i].msg && strncmp(err.msg, bad[i].msg, strlen(bad[i].msg)) != 0)
			fail_msg("update %zu: message [%s]", i, err.msg);
	}
	expect_field(db, id, "title", "x");
	expect_field(db, id, "tags", "absent,urgent-ish");
	assert_int_equal(cx_case_update(db, 99, &u2, &err), CX_ENOTFOUND);
	expect_events(db, id, "details",
		      "{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null},"
		      "{\"fields\":\"title,priority,stage,tags\",\"priority_was\":\"normal\",\"priority\":\"high\"},"
		      "{\"fields\":\"priority,channel\",\"priority_was\":null,\"priority\":null},"
		      "{\"fields\":\"title,tags\",\"priority_was\":null,\"priority\":null}");
}

static void test_link(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t cust = customer(db, "Dana", NULL);
	cx_case_in in = { .customer_id = cust, .title = "A" };
	int64_t a = open_case(db, &in), b = open_case(db, &in), c = open_case(db, &in);

	assert_int_equal(cx_case_link(db, a, a, &err), CX_EDATA);
	assert_string_equal(err.msg, "a case cannot be linked to itself");
	assert_int_equal(cx_case_link(db, a, 99, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no case 99");
	assert_int_equal(cx_case_link(db, 99, a, &err), CX_ENOTFOUND);

	unit_ok(cx_case_link(db, b, a, &err), err);
	/* Either way round, again: nothing new, nothing logged. */
	unit_ok(cx_case_link(db, a, b, &err), err);
	unit_ok(cx_case_link(db, b, a, &err), err);
	assert_true(cx_db_in_transaction(db)); /* the caller's, to end as it decides */
	unit_ok(cx_case_link(db, a, c, &err), err);
	expect_field(db, a, "linked", "2,3");
	expect_field(db, b, "linked", "1");
	expect_field(db, c, "linked", "1");
	expect_events(db, a, "action", "create,link,link");
	expect_events(db, a, "details",
		      "{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null},"
		      "{\"case\":\"2\"},{\"case\":\"3\"}");
	expect_events(db, b, "details",
		      "{\"priority\":\"normal\",\"channel\":null,\"stage\":null,\"owner\":null},{\"case\":\"1\"}");
}

/* ---- lists ---- */

static void expect_list(cx_db *db, const cx_case_filter *f, const char *want)
{
	unit_cap c;
	cx_err err = { 0 };
	char ids[256];
	unit_ok(cx_case_list(db, f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, "id", ids, sizeof ids);
	free(t);
	if (strcmp(ids, want) != 0)
		fail_msg("list: got \"%s\", want \"%s\"", ids, want);
}

static void test_list(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t dana = customer(db, "Dana", NULL), lee = customer(db, "Lee", NULL);
	const char *damage[] = { "damage" };
	const cx_case_in cases[] = {
		{ .customer_id = dana, .title = "Lid broken", .channel = "email", .stage = "delivery",
		  .owner = "ana", .tags = damage, .ntags = 1, .at = UNIT_NOW - 3 * UNIT_DAY },
		{ .customer_id = lee, .title = "Late parcel", .priority = "urgent", .channel = "phone",
		  .at = UNIT_NOW - 2 * UNIT_DAY },
		{ .customer_id = dana, .title = "Refund 100% please", .priority = "low", .channel = "web",
		  .owner = "ben", .at = UNIT_NOW - UNIT_DAY },
		{ .customer_id = lee, .title = "Wrong size", .priority = "high", .at = UNIT_NOW },
		{ .customer_id = dana, .title = "Question", .priority = "high", .at = UNIT_NOW - HOUR },
	};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(open_case(db, &cases[i]), (int64_t)i + 1);
	cx_db_set_now(db, UNIT_NOW + 60);
	move(db, 4, "close", NULL);
	cx_db_set_now(db, UNIT_NOW + 120);
	move(db, 3, "pending", NULL);
	cx_db_set_now(db, UNIT_NOW + 170);
	note(db, 5, 0, "Asked about the warranty");
	cx_db_set_now(db, UNIT_NOW + 180);
	move(db, 5, "resolve", "answered");
	cx_db_set_now(db, UNIT_NOW + 200);
	note(db, 1, 0, "Chased the courier");

	/* Statuses: 1 open, 2 new, 3 pending, 4 closed, 5 resolved. */
	const struct {
		cx_case_filter f;
		const char *ids;
	} want[] = {
		{ { 0 }, "3,2,1" }, /* the work still to do (new, open, pending), newest first */
		{ { .reverse = 1 }, "1,2,3" },
		{ { .status = "all" }, "4,5,3,2,1" },
		{ { .status = "closed" }, "4" },
		{ { .status = "open,pending" }, "3,1" },
		{ { .status = "new" }, "2" },
		{ { .owner = "ana" }, "1" },
		{ { .owner = "-" }, "2" },
		{ { .owner = "none", .status = "all" }, "4,5,2" },
		{ { .priority = "high" }, "" },
		{ { .priority = "high", .status = "all" }, "4,5" },
		{ { .tag = "damage" }, "1" },
		{ { .tag = "nothing" }, "" },
		{ { .stage = "delivery" }, "1" },
		{ { .channel = "phone" }, "2" },
		{ { .customer_id = 2 }, "2" },
		{ { .customer_id = 2, .status = "all" }, "4,2" },
		{ { .since = UNIT_NOW - UNIT_DAY }, "3" },
		{ { .since = UNIT_NOW - UNIT_DAY, .status = "all" }, "4,5,3" },
		{ { .until = UNIT_NOW - UNIT_DAY }, "2,1" },
		{ { .since = UNIT_NOW - 2 * UNIT_DAY, .until = UNIT_NOW - UNIT_DAY }, "2" },
		{ { .text = "100%" }, "3" },
		{ { .text = "lid" }, "1" },
		{ { .text = "WARRANTY" }, "" }, /* in a note, of a resolved case */
		{ { .text = "WARRANTY", .status = "all" }, "5" },
		{ { .text = "_" }, "" },
		{ { .sort = "priority" }, "2,1,3" },
		{ { .sort = "priority", .status = "all" }, "2,4,5,1,3" },
		{ { .sort = "priority", .reverse = 1 }, "3,1,2" },
		{ { .sort = "updated" }, "1,3,2" },
		{ { .sort = "updated", .status = "resolved,closed" }, "5,4" },
		{ { .sort = "id" }, "3,2,1" },
		{ { .status = "new,all" }, "4,5,3,2,1" }, /* all, even in a list */
		{ { .sort = "id", .reverse = 1, .limit = 2 }, "1,2" },
		{ { .limit = 2 }, "3,2" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		expect_list(db, &want[i].f, want[i].ids);

	/* The whole line a script sees. */
	cx_case_filter fresh = { .status = "new" };
	unit_cap c;
	unit_ok(cx_case_list(db, &fresh, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	assert_string_equal(t, "id\tstatus\tpriority\tcustomer_id\tcustomer\towner\tchannel\tstage\topened_at\t"
			       "updated_at\ttitle\n"
			       "2\tnew\turgent\t2\tLee\t\tphone\t\t2026-03-09T10:00:00Z\t2026-03-09T10:00:00Z\t"
			       "Late parcel\n");
	free(t);

	const struct {
		cx_case_filter f;
		int code;
		const char *msg;
	} bad[] = {
		{ { .status = "bogus" }, CX_EDATA, "status: \"bogus\" is not one of new, open, pending, resolved, closed, all" },
		{ { .status = "open,bogus" }, CX_EDATA,
		  "status: \"bogus\" is not one of new, open, pending, resolved, closed, all" },
		{ { .priority = "asap" }, CX_EDATA, "priority: \"asap\" is not one of low, normal, high, urgent" },
		/* names that are not in the database */
		{ { .stage = "nope" }, CX_ENOTFOUND, "stage: \"nope\" is not one of " },
		{ { .channel = "fax" }, CX_ENOTFOUND, "channel: \"fax\" is not one of " },
		{ { .sort = "bogus" }, CX_EDATA, "sort: \"bogus\" is not one of opened, updated, priority, id" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cx_out *o = unit_cap_open(&c, CX_FMT_TSV, 0);
		assert_int_equal(cx_case_list(db, &bad[i].f, o, &err), bad[i].code);
		if (strncmp(err.msg, bad[i].msg, strlen(bad[i].msg)) != 0)
			fail_msg("bad filter %zu: message [%s]", i, err.msg);
		free(unit_cap_text(&c));
	}
}

/* ---- views ---- */

/* The position of needle in hay, failing the test when it is missing. */
static size_t at(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	if (!p)
		fail_msg("missing [%s] in:\n%s", needle, hay);
	return (size_t)(p - hay);
}

static void test_brief_and_show(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t dana = customer(db, "Dana Ruiz", "dana@example.com");
	cx_case_in earlier = { .customer_id = dana, .title = "Wrong size", .at = UNIT_NOW - 30 * UNIT_DAY };
	int64_t old = open_case(db, &earlier);
	cx_db_set_now(db, UNIT_NOW - 29 * UNIT_DAY);
	move(db, old, "resolve", "replaced");
	cx_db_set_now(db, UNIT_NOW);
	cx_case_in in = { .customer_id = dana, .title = "Lid broken", .channel = "email", .note = "Photo" };
	int64_t id = open_case(db, &in);
	cx_db_set_now(db, UNIT_NOW + 600);
	note(db, id, 1, "A new lid is on its way");

	unit_cap c;
	unit_ok(cx_case_brief(db, id, unit_cap_open(&c, CX_FMT_JSON, 0), &err), err);
	char *t = unit_cap_text(&c);
	/* The sections, in order: who, what, what happened, what was promised, what came before. */
	assert_int_equal(at(t, "{\"customer\":{\"id\":1,\"name\":\"Dana Ruiz\""), 0);
	size_t p1 = at(t, "\"case\":{\"id\":2,\"title\":\"Lid broken\",\"status\":\"open\"");
	size_t p2 = at(t, "\"timeline\":[\n{\"at\":\"2026-03-11T10:00:00Z\",\"actor\":\"ana\",\"action\":\"create\","
			  "\"what\":\"opened the case (normal, email)\",\"note_id\":1,\"text\":\"Photo\"}");
	size_t p3 = at(t, "\"told_customer\":[\n{\"at\":\"2026-03-11T10:10:00Z\",\"author\":\"ana\","
			  "\"channel\":\"email\",\"text\":\"A new lid is on its way\"}\n]");
	size_t p4 = at(t, "\"other_cases\":[\n{\"id\":1,\"opened_at\":\"2026-02-09T10:00:00Z\",\"status\":\"resolved\","
			  "\"outcome\":\"replaced\",\"took\":86400,\"owner\":null,\"title\":\"Wrong size\"}\n]");
	assert_true(p1 < p2 && p2 < p3 && p3 < p4);
	at(t, "\"what\":\"public note (email)\"");
	at(t, "\"what\":\"status new -> open\"");
	assert_string_equal(t + strlen(t) - 2, "}\n");
	free(t);

	/* A first case with nothing said yet: the sections are there, empty. */
	unit_ok(cx_case_brief(db, old, unit_cap_open(&c, CX_FMT_JSON, 0), &err), err);
	t = unit_cap_text(&c);
	at(t, "\"told_customer\":[]");
	at(t, "\"other_cases\":[\n{\"id\":2,");
	free(t);

	/* show: the case and its timeline only. */
	unit_ok(cx_case_show(db, id, unit_cap_open(&c, CX_FMT_JSON, 0), &err), err);
	t = unit_cap_text(&c);
	assert_int_equal(at(t, "{\"case\":{\"id\":2,"), 0);
	at(t, "\"timeline\":[");
	assert_null(strstr(t, "\"customer\":{"));
	assert_null(strstr(t, "\"other_cases\""));
	free(t);

	cx_out *o = unit_cap_open(&c, CX_FMT_JSON, 0);
	assert_int_equal(cx_case_brief(db, 99, o, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no case 99");
	assert_int_equal(cx_case_show(db, 99, o, &err), CX_ENOTFOUND);
	t = unit_cap_text(&c);
	assert_string_equal(t, ""); /* nothing half written */
	free(t);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_id),
		T(test_open),
		T(test_open_refusals),
		T(test_status_model),
		T(test_move_refusals),
		T(test_timestamps),
		T(test_assign_and_handoff),
		T(test_update),
		T(test_link),
		T(test_list),
		T(test_brief_and_show),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
