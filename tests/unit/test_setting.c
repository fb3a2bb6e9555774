/* Unit tests for lib/setting.c: defaults, setting and unsetting, checks, unknown keys, the listing. */
#include "unit.h"

static void expect_setting(cx_db *db, const char *key, const char *want)
{
	char buf[128];
	cx_err err = { 0 };
	unit_ok(cx_setting_get(db, key, buf, sizeof buf, &err), err);
	if (strcmp(buf, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", key, buf, want);
}

/* The details of every settings event, joined with ' '. */
static void expect_trail(cx_db *db, const char *want)
{
	cx_event_filter f = { .entity = "setting" };
	unit_cap c;
	cx_err err = { 0 };
	char actions[256], details[1024], got[1400];
	unit_ok(cx_event_list(db, &f, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	unit_tsv_column(t, "action", actions, sizeof actions);
	unit_tsv_column(t, "details", details, sizeof details);
	free(t);
	snprintf(got, sizeof got, "%s %s", actions, details);
	if (strcmp(got, want) != 0)
		fail_msg("trail: got [%s], want [%s]", got, want);
}

static void test_defaults(void **state)
{
	cx_db *db = unit_db_of(state);
	expect_setting(db, "user", "");
	expect_setting(db, "stale", "30d");
	/* Every known key has a value to show, default or not. */
	for (size_t i = 0; cx_setting_key(i); i++) {
		char buf[128];
		cx_err err = { 0 };
		unit_ok(cx_setting_get(db, cx_setting_key(i), buf, sizeof buf, &err), err);
	}
	expect_trail(db, " ");
}

static void test_set_and_unset(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };

	unit_ok(cx_config_set(db, "stale", "2w", &err), err);
	expect_setting(db, "stale", "2w");
	cx_db_set_actor(db, "ben");
	unit_ok(cx_config_set(db, "stale", "45d", &err), err); /* overwrites */
	expect_setting(db, "stale", "45d");
	unit_ok(cx_config_set(db, "user", "dana", &err), err);
	expect_setting(db, "user", "dana");
	unit_ok(cx_config_unset(db, "stale", &err), err);
	expect_setting(db, "stale", "30d");
	unit_ok(cx_config_unset(db, "stale", &err), err); /* unsetting twice is fine */
	expect_setting(db, "user", "dana");
	assert_true(cx_db_in_transaction(db)); /* the caller's, to end as it decides */

	/* Settings are configuration, not personal data: the values go in the trail. */
	expect_trail(db, "set,set,set,unset,unset "
			 "{\"key\":\"stale\",\"value\":\"2w\"},{\"key\":\"stale\",\"value\":\"45d\"},"
			 "{\"key\":\"user\",\"value\":\"dana\"},{\"key\":\"stale\"},{\"key\":\"stale\"}");
	cx_event_filter by_ben = { .entity = "setting", .actor = "ben" };
	unit_cap c;
	unit_ok(cx_event_list(db, &by_ben, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	char ids[64];
	unit_tsv_column(t, "id", ids, sizeof ids);
	assert_string_equal(ids, "2,3,4,5");
	free(t);

	/* A value fills the caller's buffer as far as it goes. */
	char tiny[3];
	unit_ok(cx_setting_get(db, "user", tiny, sizeof tiny, &err), err);
	assert_string_equal(tiny, "da");
}

static void test_invalid_values(void **state)
{
	cx_db *db = unit_db_of(state);
	char long_name[80];
	memset(long_name, 'u', 65);
	long_name[65] = '\0';
	const struct {
		const char *key, *value, *msg;
	} cases[] = {
		{ "stale", "soon", "stale: \"soon\" is not valid: \"soon\" is not a length of time "
				   "(use e.g. 90s, 45m, 6h, 3d, 2w)" },
		{ "stale", "", "stale: \"\" is not valid: \"\" is not a length of time (use e.g. 90s, 45m, 6h, 3d, 2w)" },
		{ "stale", "-3d", "stale: \"-3d\" is not valid: \"-3d\" is not a length of time "
				  "(use e.g. 90s, 45m, 6h, 3d, 2w)" },
		{ "user", "", "user: \"\" is not valid: one name of 1 to 64 characters, without spaces or commas" },
		{ "user", "Dana Ruiz", "user: \"Dana Ruiz\" is not valid: one name of 1 to 64 characters, "
				       "without spaces or commas" },
		{ "user", "a,b", "user: \"a,b\" is not valid: one name of 1 to 64 characters, without spaces or commas" },
		{ "user", "a\tb", "user: \"a\tb\" is not valid: one name of 1 to 64 characters, "
				  "without spaces or commas" },
		{ "hooks.timeout", "0s", "hooks.timeout: \"0s\" is not valid: a hook may run from 1s to 1h" },
		{ "hooks.timeout", "3601", "hooks.timeout: \"3601\" is not valid: a hook may run from 1s to 1h" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cx_err err = { 0 };
		if (cx_config_set(db, cases[i].key, cases[i].value, &err) != CX_EUSAGE)
			fail_msg("%s = \"%s\" accepted", cases[i].key, cases[i].value);
		assert_string_equal(err.msg, cases[i].msg);
	}
	cx_err err = { 0 };
	assert_int_equal(cx_config_set(db, "user", long_name, &err), CX_EUSAGE);
	memset(long_name, 'u', 64);
	long_name[64] = '\0';
	unit_ok(cx_config_set(db, "user", long_name, &err), err);
	expect_setting(db, "user", long_name);
	expect_setting(db, "stale", "30d");
	expect_trail(db, "set {\"key\":\"user\",\"value\":\"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu\"}");
}

static void test_unknown_keys(void **state)
{
	cx_db *db = unit_db_of(state);
	char buf[64];
	const char *prefix = "unknown setting \"colour\" (known: ";

	for (int op = 0; op < 3; op++) {
		cx_err err = { 0 };
		int rc = op == 0   ? cx_setting_get(db, "colour", buf, sizeof buf, &err)
			 : op == 1 ? cx_config_set(db, "colour", "blue", &err)
				   : cx_config_unset(db, "colour", &err);
		assert_int_equal(rc, CX_EUSAGE);
		assert_memory_equal(err.msg, prefix, strlen(prefix));
		/* The message lists every key there is. */
		for (size_t i = 0; cx_setting_key(i); i++)
			assert_non_null(strstr(err.msg, cx_setting_key(i)));
	}
	cx_err err = { 0 };
	/* Keys are exact. */
	assert_int_equal(cx_setting_get(db, "User", buf, sizeof buf, &err), CX_EUSAGE);
	assert_int_equal(cx_setting_get(db, "", buf, sizeof buf, &err), CX_EUSAGE);
	expect_trail(db, " ");
}

/* The value and default flag of key in a TSV settings listing, as "value|default". */
static void listed(const char *tsv, const char *key, char *buf, size_t size)
{
	char keys[512], values[512], dflts[128];
	unit_tsv_column(tsv, "key", keys, sizeof keys);
	unit_tsv_column(tsv, "value", values, sizeof values);
	unit_tsv_column(tsv, "default", dflts, sizeof dflts);
	/* Keys and values hold no commas, so the joined columns split back cleanly. */
	char *ks = keys, *vs = values, *ds = dflts;
	for (;;) {
		char *k = strsep(&ks, ","), *v = strsep(&vs, ","), *d = strsep(&ds, ",");
		if (!k)
			fail_msg("%s not listed in: %s", key, tsv);
		assert_non_null(v);
		assert_non_null(d);
		if (!strcmp(k, key)) {
			snprintf(buf, size, "%s|%s", v, d);
			return;
		}
	}
}

static void test_list(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	unit_cap c;
	char got[128];

	unit_ok(cx_config_set(db, "stale", "2w", &err), err);
	unit_ok(cx_setting_list(db, unit_cap_open(&c, CX_FMT_TSV, 0), &err), err);
	char *t = unit_cap_text(&c);
	assert_memory_equal(t, "key\tvalue\tdefault\tdescription\n", strlen("key\tvalue\tdefault\tdescription\n"));
	assert_non_null(strstr(t, "\nuser\t\t1\twho you are, recorded with every change"));
	assert_non_null(strstr(t, "\nstale\t2w\t0\thow long without a touchpoint"));
	listed(t, "stale", got, sizeof got);
	assert_string_equal(got, "2w|0");
	listed(t, "user", got, sizeof got);
	assert_string_equal(got, "|1");
	/* One row per known key, in the registry's order. */
	char keys[512], want[512] = "";
	unit_tsv_column(t, "key", keys, sizeof keys);
	for (size_t i = 0; cx_setting_key(i); i++) {
		if (i)
			strcat(want, ",");
		strcat(want, cx_setting_key(i));
	}
	assert_string_equal(keys, want);
	free(t);

	unit_ok(cx_setting_list(db, unit_cap_open(&c, CX_FMT_JSON, 0), &err), err);
	t = unit_cap_text(&c);
	assert_non_null(strstr(t, "{\"key\":\"stale\",\"value\":\"2w\",\"default\":false,"));
	assert_non_null(strstr(t, "{\"key\":\"user\",\"value\":\"\",\"default\":true,"));
	free(t);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, unit_db_setup, unit_db_teardown)
	const struct CMUnitTest tests[] = {
		T(test_defaults),
		T(test_set_and_unset),
		T(test_invalid_values),
		T(test_unknown_keys),
		T(test_list),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
