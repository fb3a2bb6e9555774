/* Unit tests for lib/search.c: the query a user writes, word forms, kinds, and bad queries. */
#include <stdlib.h>

#include "cx/case.h"
#include "cx/customer.h"
#include "cx/search.h"
#include "unit.h"

/* Three cases of one customer, by title; their ids are 1, 2, 3. */
static int cases_setup(void **state)
{
	unit_db_setup(state);
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_customer_in c = { .name = "Ada Lovelace", .email = "ada@example.org" };
	int64_t cid, id;
	unit_ok(cx_customer_add(db, &c, &cid, &err), err);
	const char *titles[] = {
		"The boiler is leaking again",
		"Refund for a leaky kettle, never arrived",
		"Courier left the parcel in the rain",
	};
	for (int i = 0; i < 3; i++) {
		cx_case_in in = { .customer_id = cid, .title = titles[i] };
		unit_ok(cx_case_open(db, &in, &id, &err), err);
		assert_int_equal(id, i + 1);
	}
	return 0;
}

static int cmp_ref(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The case ids query matches, after id `after`, ascending, as "1,3"; "" for none. */
static void matches(void **state, const char *query, int64_t after, const char *want)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t *refs = NULL, added;
	size_t n = 0;
	char got[128] = "";
	unit_ok(cx_search_catch_up(db, &added, &err), err);
	unit_ok(cx_search_matches(db, query, CX_SK_CASE, after, &refs, &n, &err), err);
	if (n)
		qsort(refs, n, sizeof *refs, cmp_ref);
	for (size_t i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%lld", i ? "," : "", (long long)refs[i]);
	free(refs);
	if (strcmp(got, want))
		fail_msg("%s: got \"%s\", want \"%s\"", query, got, want);
}

static void test_words(void **state)
{
	matches(state, "boiler", 0, "1");
	matches(state, "BOILER", 0, "1");      /* case does not matter */
	matches(state, "kettle refund", 0, "2"); /* every word, in any order */
	matches(state, "dishwasher", 0, "");
}

static void test_word_forms(void **state)
{
	/* a word finds its other forms: leak, leaks, leaking, leaked */
	matches(state, "leaks", 0, "1");
	matches(state, "leak*", 0, "1,2"); /* a prefix as written: leaking, leaky */
	matches(state, "arrive", 0, "2");
	matches(state, "parcels", 0, "3");
}

static void test_operators(void **state)
{
	matches(state, "\"the boiler\"", 0, "1"); /* a phrase */
	matches(state, "\"boiler the\"", 0, "");  /* in its order */
	matches(state, "kettle OR parcel", 0, "2,3");
	matches(state, "leak* NOT kettle", 0, "1");
	matches(state, "(rain OR boiler) AND courier", 0, "3");
	/* only the texts after an id */
	matches(state, "leak* OR rain", 1, "2,3");
	matches(state, "leak* OR rain", 3, "");
}

static void bad_query(void **state, const char *query, const char *why)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t *refs = NULL, added;
	size_t n = 0;
	unit_ok(cx_search_catch_up(db, &added, &err), err);
	int rc = cx_search_matches(db, query, CX_SK_CASE, 0, &refs, &n, &err);
	free(refs);
	if (rc != CX_EUSAGE)
		fail_msg("%s: returned %d (%s), want a usage error", query, rc, err.msg);
	/* one line, saying what is wrong in the user's terms, as on a server */
	if (!strstr(err.msg, why))
		fail_msg("%s: \"%s\" does not say \"%s\"", query, err.msg, why);
	assert_null(strchr(err.msg, '\n'));
}

static void test_bad_queries(void **state)
{
	bad_query(state, "\"boiler", "(unterminated string)");
	bad_query(state, "boiler AND", "(an operator with nothing after it)");
	bad_query(state, "OR boiler", "(an operator with nothing before it)");
	bad_query(state, "(kettle OR", "(a '(' without its ')')");
	bad_query(state, "to:ada", "(\"to:\" is not a field to search in)");
}

static void test_other_kinds(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t *refs = NULL, added;
	size_t n = 9;
	unit_ok(cx_search_catch_up(db, &added, &err), err);
	/* the titles are cases' text, not notes' or customers' */
	unit_ok(cx_search_matches(db, "boiler", CX_SK_NOTE, 0, &refs, &n, &err), err);
	assert_int_equal(n, 0);
	free(refs);
	refs = NULL;
	unit_ok(cx_search_matches(db, "lovelace", CX_SK_CUSTOMER, 0, &refs, &n, &err), err);
	assert_int_equal(n, 1);
	assert_int_equal(refs[0], 1);
	free(refs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_words, cases_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_word_forms, cases_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_operators, cases_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_bad_queries, cases_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_other_kinds, cases_setup, unit_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
