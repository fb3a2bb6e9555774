/* Unit tests for lib/customer.c: adding, checking, finding, editing, merging and listing customers. */
#include "unit.h"

static int64_t add(cx_db *db, const cx_customer_in *in)
{
	cx_err err = { 0 };
	int64_t id = 0;
	unit_ok(cx_customer_add(db, in, &id, &err), err);
	return id;
}

static int64_t add_named(cx_db *db, const char *name, const char *email, const char *handle)
{
	cx_customer_in in = { .name = name, .email = email, .handle = handle };
	return add(db, &in);
}

/* One field of the customer's profile, as a script reads it (TSV). */
static void profile_field(cx_db *db, int64_t id, const char *col, char *buf, size_t size)
{
	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_customer_profile(db, id, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, col, buf, size);
	free(t);
}

static void expect_field(cx_db *db, int64_t id, const char *col, const char *want)
{
	char got[512];
	profile_field(db, id, col, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("customer %lld %s: got \"%s\", want \"%s\"", (long long)id, col, got, want);
}

static char *list_text(cx_db *db, const cx_customer_filter *f)
{
	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_customer_list(db, f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	return unit_cap_text(&c);
}

/* The ids a listing shows, in order, as "3,1,2". */
static void expect_list_ids(cx_db *db, const cx_customer_filter *f, const char *want)
{
	char ids[256];
	char *t = list_text(db, f);
	unit_tsv_column(t, "id", ids, sizeof ids);
	if (strcmp(ids, want) != 0)
		fail_msg("listing: got ids \"%s\", want \"%s\"", ids, want);
	free(t);
}

/* The details of the audit events of one customer, in order, joined with ' '. */
static void expect_events(cx_db *db, int64_t id, const char *want)
{
	cx_event_filter f = { .entity = "customer", .entity_id = id };
	unit_cap c;
	cx_err err = { 0 };
	char got[1024], actions[256];
	unit_ok(cx_event_list(db, &f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, "action", actions, sizeof actions);
	unit_tsv_column(t, "details", got, sizeof got);
	free(t);
	char both[1400];
	snprintf(both, sizeof both, "%s %s", actions, got);
	if (strcmp(both, want) != 0)
		fail_msg("events of customer %lld: got [%s], want [%s]", (long long)id, both, want);
}

/* ---- email addresses ---- */

static void test_email_normalize(void **state)
{
	static const struct {
		const char *in, *want;
	} good[] = {
		{ "a@b.co", "a@b.co" },
		{ "  Dana.Ruiz@EXAMPLE.Com\t", "Dana.Ruiz@example.com" }, /* the local part keeps its case */
		{ "first.last+tag@sub.example.org", "first.last+tag@sub.example.org" },
		{ "o'neil@example.ie", "o'neil@example.ie" },
		{ "caf\xc3\xa9@example.fr", "caf\xc3\xa9@example.fr" },
	};
	static const char *const bad[] = {
		"", "   ", "plain", "@example.com", "dana@", "dana@example", "dana@.example.com",
		"dana@example.com.", "dana@example..com", "dana@@example.com", "da@na@example.com",
		"da na@example.com", "dana@exa mple.com", "dana,ruiz@example.com", "dana;x@example.com",
		"<dana@example.com>", "\"dana\"@example.com", "dana(x)@example.com",
		"dana@example.com\x7f", "dana\x01@example.com",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char out[256];
		cx_err err = { 0 };
		if (cx_email_normalize(good[i].in, out, sizeof out, &err) != CX_OK)
			fail_msg("\"%s\" refused: %s", good[i].in, err.msg);
		assert_string_equal(out, good[i].want);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char out[256], want[300];
		cx_err err = { 0 };
		if (cx_email_normalize(bad[i], out, sizeof out, &err) != CX_EDATA)
			fail_msg("\"%s\" accepted as %s", bad[i], out);
		snprintf(want, sizeof want, "email: \"%s\" is not an email address (use name@example.com)", bad[i]);
		assert_string_equal(err.msg, want);
	}

	/* 254 bytes is the longest address; the buffer must hold it too. */
	char longest[300], out[300];
	cx_err err = { 0 };
	memset(longest, 'a', 64);
	longest[64] = '@';
	memset(longest + 65, 'b', 185);
	memcpy(longest + 250, ".com", 5);
	assert_int_equal(strlen(longest), 254);
	unit_ok(cx_email_normalize(longest, out, sizeof out, &err), err);
	assert_string_equal(out, longest);
	assert_int_equal(cx_email_normalize(longest, out, 254, &err), CX_EDATA);
	memcpy(longest + 250, ".coms", 6);
	assert_int_equal(cx_email_normalize(longest, out, sizeof out, &err), CX_EDATA);
}

/* ---- adding ---- */

static void test_add_and_profile(void **state)
{
	cx_db *db = unit_db_of(state);
	const char *tags[] = { "wholesale", "vip", "vip" };
	cx_customer_in in = {
		.name = "  Dana Ruiz  ", .email = " Dana.Ruiz@EXAMPLE.com ", .phone = "+44 (0)20 7946-0958",
		.handle = "@danar", .org = "Acme Ltd", .note = "Likes calls", .prefers = "phone",
		.tags = tags, .ntags = 3,
	};
	int64_t id = add(db, &in);
	assert_int_equal(id, 1);

	unit_cap c;
	cx_err err = { 0 };
	unit_ok(cx_customer_profile(db, id, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	assert_string_equal(t, "id\tname\temail\tphone\thandle\torg\ttags\tprefers\tusual_channel\tnote\t"
			       "open_cases\tclosed_cases\tcustomer_since\tmerged_from\n"
			       "1\tDana Ruiz\tDana.Ruiz@example.com\t+44 (0)20 7946-0958\t@danar\tAcme Ltd\t"
			       "vip,wholesale\tphone\t\tLikes calls\t0\t0\t2026-03-11T10:00:00Z\t\n");
	free(t);

	/* Only what was given; "" is the same as not given on add. */
	cx_customer_in bare = { .name = "Lee", .email = "", .phone = "", .handle = "", .at = UNIT_NOW - UNIT_DAY };
	int64_t lee = add(db, &bare);
	assert_int_equal(lee, 2);
	expect_field(db, lee, "email", "");
	expect_field(db, lee, "handle", "");
	expect_field(db, lee, "customer_since", "2026-03-10T10:00:00Z");

	char label[256];
	unit_ok(cx_customer_label(db, id, label, sizeof label, &err), err);
	assert_string_equal(label, "Dana Ruiz <Dana.Ruiz@example.com>");
	unit_ok(cx_customer_label(db, lee, label, sizeof label, &err), err);
	assert_string_equal(label, "Lee");
	assert_int_equal(cx_customer_label(db, 99, label, sizeof label, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no customer 99");

	expect_events(db, id, "create ");
}

static void test_add_refusals(void **state)
{
	cx_db *db = unit_db_of(state);
	char long_name[260];
	memset(long_name, 'n', 201);
	long_name[201] = '\0';
	const char *two_words[] = { "two words" };
	const char *comma[] = { "a,b" };
	const char *empty[] = { "" };
	const char *good_then_bad[] = { "vip", "bad tag" };
	const struct {
		cx_customer_in in;
		const char *msg;
	} cases[] = {
		{ { .name = NULL }, "name: a customer needs a name" },
		{ { .name = "" }, "name: a customer needs a name" },
		{ { .name = " \t " }, "name: a customer needs a name" },
		{ { .name = "Dana\x01" }, "name: holds a control character" },
		{ { .name = long_name }, "name: longer than 200 bytes" },
		{ { .name = "Dana", .email = "dana" },
		  "email: \"dana\" is not an email address (use name@example.com)" },
		{ { .name = "Dana", .phone = "call me" },
		  "phone: \"call me\" is not a phone number (digits, spaces and + - ( ) . only)" },
		{ { .name = "Dana", .phone = "12" },
		  "phone: \"12\" is not a phone number (digits, spaces and + - ( ) . only)" },
		{ { .name = "Dana", .handle = "two words" },
		  "handle: \"two words\" may not hold spaces, commas or '@' after the first" },
		{ { .name = "Dana", .handle = "da@na" },
		  "handle: \"da@na\" may not hold spaces, commas or '@' after the first" },
		{ { .name = "Dana", .handle = "@" }, "handle: must be 1 to 100 characters" },
		{ { .name = "Dana", .org = "Acme\x1b" }, "org: holds a control character" },
		{ { .name = "Dana", .tags = two_words, .ntags = 1 },
		  "tag: \"two words\" must be one word without commas" },
		{ { .name = "Dana", .tags = comma, .ntags = 1 }, "tag: \"a,b\" must be one word without commas" },
		{ { .name = "Dana", .tags = empty, .ntags = 1 }, "tag: \"\" must be one word without commas" },
		/* Refused after the row went in: the whole add is undone. */
		{ { .name = "Dana", .email = "dana@example.com", .tags = good_then_bad, .ntags = 2 },
		  "tag: \"bad tag\" must be one word without commas" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cx_err err = { 0 };
		int64_t id = -1;
		unit_ok(cx_db_begin(db, &err), err); /* a savepoint: the caller undoes what a refused call left */
		int rc = cx_customer_add(db, &cases[i].in, &id, &err);
		if (rc != CX_EDATA)
			fail_msg("case %zu: got %d, want CX_EDATA", i, rc);
		assert_string_equal(err.msg, cases[i].msg);
		cx_db_rollback(db);
	}
	/* Nothing was stored, nothing logged. */
	cx_customer_filter all = { .merged = 1 };
	expect_list_ids(db, &all, "");
	int64_t id;
	cx_err err = { 0 };
	assert_int_equal(cx_customer_by_email(db, "dana@example.com", &id, &err), CX_ENOTFOUND);
	unit_cap c;
	cx_event_filter ef = { 0 };
	unit_ok(cx_event_list(db, &ef, unit_cap_open(&c, CX_FMT_JSON, 0), &err), err);
	char *t = unit_cap_text(&c);
	assert_string_equal(t, "[]\n");
	free(t);
}

static void test_duplicates_refused(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t id;

	add_named(db, "Dana Ruiz", "dana@example.com", "danar");
	cx_customer_in same_email = { .name = "Other", .email = "dana@EXAMPLE.COM" };
	assert_int_equal(cx_customer_add(db, &same_email, &id, &err), CX_EDATA);
	assert_string_equal(err.msg, "email: dana@example.com already belongs to customer 1, Dana Ruiz "
				     "(use cx customer edit 1)");
	/* Addresses compare without regard to case, the local part too. */
	cx_customer_in upper = { .name = "Other", .email = "DANA@example.com" };
	assert_int_equal(cx_customer_add(db, &upper, &id, &err), CX_EDATA);
	assert_string_equal(err.msg, "email: DANA@example.com already belongs to customer 1, Dana Ruiz "
				     "(use cx customer edit 1)");
	cx_customer_in same_handle = { .name = "Other", .handle = "@DanaR" };
	assert_int_equal(cx_customer_add(db, &same_handle, &id, &err), CX_EDATA);
	assert_string_equal(err.msg, "handle: @DanaR already belongs to customer 1, Dana Ruiz");
	/* The same name is fine: people share names. */
	add_named(db, "Dana Ruiz", "dana2@example.com", NULL);
	cx_customer_filter all = { .merged = 1, .sort = "id" };
	expect_list_ids(db, &all, "1,2");
}

/* ---- finding ---- */

static void expect_find(cx_db *db, const char *ref, int64_t want)
{
	cx_err err = { 0 };
	int64_t id = -1;
	int rc = cx_customer_find(db, ref, &id, &err);
	if (rc != CX_OK)
		fail_msg("find \"%s\": %d %s", ref, rc, err.msg);
	if (id != want)
		fail_msg("find \"%s\": got %lld, want %lld", ref, (long long)id, (long long)want);
}

static void expect_find_fails(cx_db *db, const char *ref, int code, const char *msg)
{
	cx_err err = { 0 };
	int64_t id = -1;
	int rc = cx_customer_find(db, ref, &id, &err);
	if (rc != code)
		fail_msg("find \"%s\": got %d (id %lld), want %d", ref ? ref : "(null)", rc, (long long)id, code);
	if (msg && strcmp(err.msg, msg) != 0)
		fail_msg("find \"%s\": message [%s], want [%s]", ref ? ref : "(null)", err.msg, msg);
}

static void test_find(void **state)
{
	cx_db *db = unit_db_of(state);

	add_named(db, "Dana Ruiz", "dana@example.com", "danar"); /* 1 */
	add_named(db, "Dario Fo", NULL, NULL);                    /* 2 */
	add_named(db, "Ann", "ann@example.com", NULL);            /* 3 */
	add_named(db, "Anna Berg", "anna@example.com", NULL);     /* 4 */
	add_named(db, "Lee", NULL, NULL);                         /* 5 */
	add_named(db, "Kim", NULL, "lee");                        /* 6 */

	expect_find(db, "1", 1);
	expect_find(db, " 4 ", 4);
	expect_find(db, "dana@example.com", 1);
	expect_find(db, "DANA@Example.COM", 1);
	expect_find(db, "@danar", 1);
	expect_find(db, "danar", 1);
	expect_find(db, "DanaR", 1);
	expect_find(db, "dana ruiz", 1);
	expect_find(db, "Dar", 2);     /* a unique prefix */
	expect_find(db, "ann", 3);     /* an exact name wins over the prefix of another */
	expect_find(db, "Anna", 4);
	expect_find(db, "anna b", 4);
	expect_find(db, "lee", 6);     /* a handle is looked up before names */
	expect_find(db, "@lee", 6);

	expect_find_fails(db, "Da", CX_ENOTFOUND,
			  "\"Da\" matches 2 customers: 1 Dana Ruiz <dana@example.com>; 2 Dario Fo "
			  "(use an id or email)");
	expect_find_fails(db, "99", CX_ENOTFOUND, "no customer 99");
	expect_find_fails(db, "0", CX_ENOTFOUND, "no customer 0");
	expect_find_fails(db, "nobody@example.com", CX_ENOTFOUND, "no customer with email nobody@example.com");
	expect_find_fails(db, "@ghost", CX_ENOTFOUND, "no customer with handle @ghost");
	expect_find_fails(db, "zed", CX_ENOTFOUND, "no customer \"zed\" (try cx customer list " CX_FIELD("search") " zed)");
	/* LIKE wildcards are plain characters. */
	expect_find_fails(db, "_ana", CX_ENOTFOUND, NULL);
	expect_find_fails(db, "%", CX_ENOTFOUND, NULL);
	expect_find_fails(db, "", CX_EUSAGE, "empty customer reference");
	expect_find_fails(db, "  ", CX_EUSAGE, "empty customer reference");
	expect_find_fails(db, NULL, CX_EUSAGE, "empty customer reference");
	expect_find_fails(db, "dana@example", CX_EDATA, NULL);
}

static void test_find_many_matches(void **state)
{
	cx_db *db = unit_db_of(state);
	char name[16];

	for (int i = 1; i <= 6; i++) {
		snprintf(name, sizeof name, "Zed %d", i);
		add_named(db, name, NULL, NULL);
	}
	/* Five are named, the rest summed up. */
	expect_find_fails(db, "zed", CX_ENOTFOUND,
			  "\"zed\" matches 6 customers: 1 Zed 1; 2 Zed 2; 3 Zed 3; 4 Zed 4; 5 Zed 5; ... "
			  "(use an id or email)");
}

/* ---- editing ---- */

static void test_edit(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	const char *tags[] = { "vip", "late-payer" };
	cx_customer_in in = { .name = "Dana Ruiz", .email = "dana@example.com", .handle = "danar",
			      .org = "Acme", .tags = tags, .ntags = 2 };
	int64_t id = add(db, &in);
	add_named(db, "Lee", "lee@example.com", "lee");

	cx_customer_in e1 = { .phone = "555 0100", .org = "" };
	cx_db_set_now(db, UNIT_NOW + 60);
	unit_ok(cx_customer_edit(db, id, &e1, &err), err);
	expect_field(db, id, "phone", "555 0100");
	expect_field(db, id, "org", ""); /* "" clears */
	expect_field(db, id, "name", "Dana Ruiz");

	/* Names are trimmed as on add. */
	cx_customer_in e2 = { .name = "  Dana R.  ", .handle = "@dana" };
	unit_ok(cx_customer_edit(db, id, &e2, &err), err);
	expect_field(db, id, "name", "Dana R.");
	expect_field(db, id, "handle", "@dana");
	expect_find(db, "Dana R.", id);

	/* The own address again, in other case, is no conflict. */
	cx_customer_in e3 = { .email = "Dana@Example.com" };
	unit_ok(cx_customer_edit(db, id, &e3, &err), err);
	expect_field(db, id, "email", "Dana@example.com");

	const char *untag[] = { "late-payer", "never-had-it" };
	const char *tag[] = { "wholesale" };
	cx_customer_in e4 = { .tags = tag, .ntags = 1, .untags = untag, .nuntags = 2 };
	unit_ok(cx_customer_edit(db, id, &e4, &err), err);
	expect_field(db, id, "tags", "vip,wholesale");
	cx_customer_in e5 = { .untags = tag, .nuntags = 1, .email = "", .handle = "" };
	unit_ok(cx_customer_edit(db, id, &e5, &err), err);
	expect_field(db, id, "tags", "vip");
	expect_field(db, id, "email", "");
	expect_field(db, id, "handle", "");

	expect_events(db, id, "create,edit,edit,edit,edit,edit "
			      ",{\"fields\":\"phone,org\"},{\"fields\":\"name,handle\"},{\"fields\":\"email\"},"
			      "{\"fields\":\"tags\"},{\"fields\":\"email,handle,tags\"}");
}

static void test_edit_refusals(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t id = add_named(db, "Dana Ruiz", "dana@example.com", "danar");
	add_named(db, "Lee", "lee@example.com", "lee");

	const struct {
		cx_customer_in in;
		int code;
		const char *msg;
	} cases[] = {
		{ { .name = "" }, CX_EDATA, "name: a customer needs a name" },
		{ { .name = "   " }, CX_EDATA, "name: a customer needs a name" },
		{ { .name = "x\x02y" }, CX_EDATA, "name: holds a control character" },
		{ { .email = "lee@example.com" }, CX_EDATA,
		  "email: lee@example.com already belongs to customer 2, Lee (use cx customer edit 2)" },
		{ { .email = "not-an-address" }, CX_EDATA,
		  "email: \"not-an-address\" is not an email address (use name@example.com)" },
		{ { .handle = "@Lee" }, CX_EDATA, "handle: @Lee already belongs to customer 2, Lee" },
		{ { .phone = "none" }, CX_EDATA,
		  "phone: \"none\" is not a phone number (digits, spaces and + - ( ) . only)" },
		/* A good field with a bad one: neither lands. */
		{ { .org = "Acme", .phone = "x" }, CX_EDATA,
		  "phone: \"x\" is not a phone number (digits, spaces and + - ( ) . only)" },
		{ { 0 }, CX_EUSAGE, "nothing to change (give at least one field)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unit_ok(cx_db_begin(db, &err), err); /* a savepoint: the caller undoes what a refused call left */
		int rc = cx_customer_edit(db, id, &cases[i].in, &err);
		if (rc != cases[i].code)
			fail_msg("case %zu: got %d, want %d", i, rc, cases[i].code);
		assert_string_equal(err.msg, cases[i].msg);
		cx_db_rollback(db);
	}
	cx_customer_in ok = { .org = "Acme" };
	assert_int_equal(cx_customer_edit(db, 99, &ok, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no customer 99");

	/* Unchanged, and no edit was logged. */
	expect_field(db, id, "name", "Dana Ruiz");
	expect_field(db, id, "email", "dana@example.com");
	expect_field(db, id, "org", "");
	expect_events(db, id, "create ");
}

/* ---- merging ---- */

static int64_t open_case(cx_db *db, int64_t customer, const char *title, const char *channel)
{
	cx_case_in in = { .customer_id = customer, .title = title, .channel = channel };
	cx_err err = { 0 };
	int64_t id;
	unit_ok(cx_case_open(db, &in, &id, &err), err);
	return id;
}

static void add_note(cx_db *db, int64_t customer, int64_t case_id, const char *body)
{
	cx_note_in in = { .customer_id = customer, .case_id = case_id, .body = body };
	cx_err err = { 0 };
	int64_t id;
	unit_ok(case_id ? cx_case_note(db, &in, &id, &err) : cx_note_add(db, &in, &id, &err), err);
}

static void test_merge(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	const char *vip[] = { "vip" };
	const char *both[] = { "wholesale", "vip" };
	cx_customer_in a = { .name = "Dana Ruiz", .email = "dana@example.com", .note = "Prefers mornings",
			     .tags = vip, .ntags = 1 };
	cx_customer_in b = { .name = "D. Ruiz", .email = "d.ruiz@example.com", .handle = "druiz",
			     .phone = "555 0100", .org = "Acme", .note = "Wholesale buyer", .tags = both,
			     .ntags = 2 };
	int64_t into = add(db, &a), from = add(db, &b);
	int64_t c1 = open_case(db, into, "Lid broken", "email");
	int64_t c2 = open_case(db, from, "Late parcel", "phone");
	int64_t c3 = open_case(db, from, "Wrong size", "phone");
	add_note(db, from, 0, "Called about wholesale terms");
	add_note(db, from, c2, "Courier says Tuesday");

	cx_db_set_now(db, UNIT_NOW + 3600);
	unit_ok(cx_merge_customers(db, from, into, &err), err);

	/* Everything of `from` is now `into`'s. */
	int64_t owner;
	unit_ok(cx_case_customer(db, c1, &owner, &err), err);
	assert_int_equal(owner, into);
	unit_ok(cx_case_customer(db, c2, &owner, &err), err);
	assert_int_equal(owner, into);
	unit_ok(cx_case_customer(db, c3, &owner, &err), err);
	assert_int_equal(owner, into);
	cx_note_filter nf = { .customer_id = into, .visibility = -1 };
	unit_cap c;
	unit_ok(cx_note_list(db, &nf, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	char bodies[256];
	unit_tsv_column(t, "body", bodies, sizeof bodies);
	assert_string_equal(bodies, "Called about wholesale terms,Courier says Tuesday");
	free(t);

	/* Details the survivor lacked came over; its own stay. */
	expect_field(db, into, "email", "dana@example.com");
	expect_field(db, into, "phone", "555 0100");
	expect_field(db, into, "org", "Acme");
	expect_field(db, into, "tags", "vip,wholesale");
	expect_field(db, into, "open_cases", "3");
	expect_field(db, into, "usual_channel", "phone");
	expect_field(db, into, "merged_from", "2");
	char note[128];
	profile_field(db, into, "note", note, sizeof note);
	assert_string_equal(note, "Prefers mornings\\nWholesale buyer");
	expect_field(db, from, "tags", "");

	/* The old customer leads to the new one by id, email and handle. */
	expect_find(db, "2", into);
	expect_find(db, "d.ruiz@example.com", into);
	expect_find(db, "@druiz", into);
	int64_t id;
	unit_ok(cx_customer_by_email(db, "d.ruiz@example.com", &id, &err), err);
	assert_int_equal(id, into);
	/* But its name is no longer offered. */
	expect_find_fails(db, "D. Ruiz", CX_ENOTFOUND, NULL);

	cx_customer_filter live = { .sort = "id" }, all = { .sort = "id", .merged = 1 };
	expect_list_ids(db, &live, "1");
	expect_list_ids(db, &all, "1,2");

	expect_events(db, into, "create,merge ,{\"from\":\"2\"}");
	expect_events(db, from, "create,note,merged ,{\"visibility\":\"internal\"},{\"into\":\"1\"}");
}

static void test_merge_chain_and_refusals(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t a = add_named(db, "Ann", NULL, NULL);
	int64_t b = add_named(db, "Bea", NULL, NULL);
	int64_t c = add_named(db, "Cy", NULL, NULL);

	assert_int_equal(cx_merge_customers(db, a, a, &err), CX_EDATA);
	assert_string_equal(err.msg, "cannot merge customer 1 into itself");
	assert_int_equal(cx_merge_customers(db, a, 99, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no customer 99");
	assert_int_equal(cx_merge_customers(db, 99, a, &err), CX_ENOTFOUND);

	unit_ok(cx_merge_customers(db, a, b, &err), err);
	/* What was merged is only a pointer now: it can be neither side of another merge. */
	assert_int_equal(cx_merge_customers(db, b, a, &err), CX_EDATA);
	assert_string_equal(err.msg, "customer 1 was merged into customer 2 already");
	assert_int_equal(cx_merge_customers(db, a, c, &err), CX_EDATA);
	assert_string_equal(err.msg, "customer 1 was merged into customer 2 already");
	expect_find(db, "1", b);
	expect_find(db, "2", b);

	/* A chain: a -> b, then b -> c, and a leads to c. */
	unit_ok(cx_merge_customers(db, b, c, &err), err);
	expect_find(db, "1", c);
	expect_find(db, "2", c);
	expect_field(db, c, "merged_from", "1,2");
}

/* ---- listing ---- */

static void test_list(void **state)
{
	cx_db *db = unit_db_of(state);
	const char *vip[] = { "vip" };
	cx_customer_in c1 = { .name = "lee", .email = "lee@shop.example", .tags = vip, .ntags = 1,
			      .at = UNIT_NOW - 3 * UNIT_DAY };
	cx_customer_in c2 = { .name = "Dana", .org = "100% Wool Ltd", .at = UNIT_NOW - UNIT_DAY };
	cx_customer_in c3 = { .name = "Ann", .phone = "555 0199", .tags = vip, .ntags = 1, .at = UNIT_NOW };
	add(db, &c1);
	add(db, &c2);
	add(db, &c3);
	open_case(db, 2, "One", NULL);
	open_case(db, 2, "Two", NULL);
	int64_t k = open_case(db, 3, "Three", NULL);
	cx_err err = { 0 };
	unit_ok(cx_case_move(db, k, "close", NULL, NULL, &err), err);

	cx_customer_filter f = { 0 };
	char *t = list_text(db, &f);
	assert_string_equal(t, "id\tname\temail\tphone\thandle\torg\ttags\topen_cases\tcases\tcreated_at\n"
			       "3\tAnn\t\t555 0199\t\t\tvip\t0\t1\t2026-03-11T10:00:00Z\n"
			       "2\tDana\t\t\t\t100% Wool Ltd\t\t2\t2\t2026-03-10T10:00:00Z\n"
			       "1\tlee\tlee@shop.example\t\t\t\tvip\t0\t0\t2026-03-08T10:00:00Z\n");
	free(t);

	struct {
		cx_customer_filter f;
		const char *ids;
	} cases[] = {
		{ { .sort = "id" }, "1,2,3" },
		{ { .sort = "created" }, "3,2,1" },
		{ { .sort = "cases" }, "2,3,1" },
		{ { .sort = "open" }, "2,1,3" },
		{ { .tag = "vip" }, "3,1" },
		{ { .tag = "nobody" }, "" },
		{ { .text = "SHOP" }, "1" },
		{ { .text = "0199" }, "3" },
		{ { .text = "100%" }, "2" },
		{ { .text = "%" }, "2" }, /* a literal percent sign, not "anything" */
		{ { .text = "_" }, "" },
		{ { .since = UNIT_NOW - UNIT_DAY } , "3,2" },
		{ { .sort = "id", .limit = 2 }, "1,2" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_list_ids(db, &cases[i].f, cases[i].ids);

	cx_customer_filter bad = { .sort = "recent" };
	unit_cap c;
	assert_int_equal(cx_customer_list(db, &bad, unit_cap_open(&c, CX_FMT_TSV, 0), &err), CX_EDATA);
	assert_string_equal(err.msg, "sort: \"recent\" is not one of name, created, cases, open, id");
	free(unit_cap_text(&c));
}

static void test_show(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t id = add_named(db, "Dana", "dana@example.com", NULL);
	int64_t k = open_case(db, id, "Lid broken", "email");
	add_note(db, id, k, "Sent photos");
	add_note(db, id, 0, "VIP since 2020");

	unit_cap c;
	unit_ok(cx_customer_show(db, id, unit_cap_open(&c, CX_FMT_JSON, 0), &err), err);
	char *t = unit_cap_text(&c);
	/* One document: the profile as an object, then cases and notes as lists. */
	assert_non_null(strstr(t, "{\"customer\":{\"id\":1,\"name\":\"Dana\","));
	assert_non_null(strstr(t, "\"cases\":[\n{\"id\":1,\"status\":\"new\",\"priority\":\"normal\","));
	assert_non_null(strstr(t, "\"where\":\"case 1\",\"visibility\":\"internal\",\"kind\":\"other\","
				  "\"author\":\"ana\",\"body\":\"Sent photos\"}"));
	assert_non_null(strstr(t, "\"where\":\"customer\",\"visibility\":\"internal\",\"kind\":\"other\","
				  "\"author\":\"ana\",\"body\":\"VIP since 2020\"}\n]}\n"));
	free(t);

	cx_out *o = unit_cap_open(&c, CX_FMT_JSON, 0);
	assert_int_equal(cx_customer_show(db, 99, o, &err), CX_ENOTFOUND);
	assert_string_equal(err.msg, "no customer 99");
	free(unit_cap_text(&c));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_email_normalize),
		T(test_add_and_profile),
		T(test_add_refusals),
		T(test_duplicates_refused),
		T(test_find),
		T(test_find_many_matches),
		T(test_edit),
		T(test_edit_refusals),
		T(test_merge),
		T(test_merge_chain_and_refusals),
		T(test_list),
		T(test_show),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
