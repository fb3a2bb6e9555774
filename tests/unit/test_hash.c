/*
 * Unit tests for lib/hash.c: FNV-1a as its authors publish it (their test
 * vectors for the empty string, "a" and "foobar"), fields kept apart, and
 * folding of capitals.
 */
#include "unit.h"
#include "lib/hash.h"

static void test_vectors(void **state)
{
	assert_true(cx_hash(CX_HASH_START, "", 0) == 0xcbf29ce484222325ULL);
	assert_true(cx_hash(CX_HASH_START, "a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(cx_hash(CX_HASH_START, "foobar", 6) == 0x85944171f73967e8ULL);
	/* carried on: two pieces hash as their join */
	assert_true(cx_hash(cx_hash(CX_HASH_START, "foo", 3), "bar", 3) == 0x85944171f73967e8ULL);
}

static void test_fields(void **state)
{
	/* ("ab", "c") and ("a", "bc") are different rows */
	uint64_t x = cx_hash_field(cx_hash_field(CX_HASH_START, "ab"), "c");
	uint64_t y = cx_hash_field(cx_hash_field(CX_HASH_START, "a"), "bc");
	assert_true(x != y);
	/* a field is its bytes and then 0x1f; NULL is the empty field */
	assert_true(cx_hash_field(CX_HASH_START, "a") == cx_hash(CX_HASH_START, "a\x1f", 2));
	assert_true(cx_hash_field(CX_HASH_START, NULL) == cx_hash_field(CX_HASH_START, ""));
}

static void test_folded(void **state)
{
	assert_true(cx_hash_folded(CX_HASH_START, "Ana@X.Example", 13) ==
		    cx_hash(CX_HASH_START, "ana@x.example", 13));
	assert_true(cx_hash_folded(CX_HASH_START, "FOOBAR", 6) == 0x85944171f73967e8ULL);
	/* only A-Z fold: bytes of other letters stay as they are */
	assert_true(cx_hash_folded(CX_HASH_START, "\xc3\x89", 2) == cx_hash(CX_HASH_START, "\xc3\x89", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_folded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
