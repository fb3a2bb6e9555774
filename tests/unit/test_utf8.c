/* Unit tests for lib/utf8.c: one character decoded, strictly or never stuck; CJK. */
#include "unit.h"
#include "lib/utf8.h"

static void test_decode_valid(void **state)
{
	uint32_t cp;
	assert_int_equal(cx_utf8_decode((const unsigned char *)"A", &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(cx_utf8_decode((const unsigned char *)"\xc3\xa9", &cp), 2); /* é */
	assert_int_equal(cp, 0xe9);
	assert_int_equal(cx_utf8_decode((const unsigned char *)"\xe2\x80\xae", &cp), 3); /* right-to-left override */
	assert_int_equal(cp, 0x202e);
	assert_int_equal(cx_utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", &cp), 4); /* an emoji */
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(cx_utf8_decode((const unsigned char *)"\xf4\x8f\xbf\xbf", &cp), 4); /* the last code point */
	assert_int_equal(cp, 0x10ffff);
}

static void test_decode_invalid(void **state)
{
	uint32_t cp = 7;
	const char *bad[] = {
		"\x80",             /* a continuation byte alone */
		"\xc3",             /* cut short by the end */
		"\xc3(",            /* cut short by another character */
		"\xc0\xaf",         /* an overlong "/" */
		"\xe0\x80\xaf",     /* another */
		"\xed\xa0\x80",     /* a surrogate */
		"\xf4\x90\x80\x80", /* past U+10FFFF */
		"\xfe",             /* never in UTF-8 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(cx_utf8_decode((const unsigned char *)bad[i], &cp), 0);
		assert_int_equal(cx_utf8_next((const unsigned char *)bad[i], &cp), 1);
		assert_int_equal(cp, 0xfffd);
	}
	assert_int_equal(cx_utf8_next((const unsigned char *)"\xc3\xa9", &cp), 2);
	assert_int_equal(cp, 0xe9);
}

/* A whole string walked with cx_utf8_next: every byte is passed once. */
static void test_walk(void **state)
{
	const unsigned char *s = (const unsigned char *)"a\xc3\xa9\x80\xe6\x97\xa5\xe6\x9c\xac!";
	uint32_t want[] = { 'a', 0xe9, 0xfffd, 0x65e5, 0x672c, '!' }, cp;
	size_t k = 0;
	for (const unsigned char *p = s; *p; k++) {
		p += cx_utf8_next(p, &cp);
		assert_true(k < 6);
		assert_int_equal(cp, want[k]);
	}
	assert_int_equal(k, 6);
}

static void test_cjk(void **state)
{
	assert_true(cx_utf8_is_cjk(0x65e5));  /* 日 */
	assert_true(cx_utf8_is_cjk(0x3042));  /* あ */
	assert_true(cx_utf8_is_cjk(0x30ab));  /* カ */
	assert_true(cx_utf8_is_cjk(0xd55c));  /* 한 */
	assert_true(cx_utf8_is_cjk(0x20000)); /* beyond the BMP */
	assert_false(cx_utf8_is_cjk('a'));
	assert_false(cx_utf8_is_cjk(0xe9));
	assert_false(cx_utf8_is_cjk(0x3002)); /* 。 is punctuation */
	assert_false(cx_utf8_is_cjk(0x1f600));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_cjk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
