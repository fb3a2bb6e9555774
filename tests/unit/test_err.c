/*
 * Unit tests for lib/err.c: a message's code and text, and the fields it
 * names worded by the caller (cmd/ says them as options), the rest kept.
 */
#include "unit.h"

/* A caller's wording: "<title>", or "<title=VALUE>" for the field with its value. */
static void angle(const void *arg, const char *field, int with_value, char *buf, size_t size)
{
	snprintf(buf, size, "<%s%s%s>", (const char *)arg, field, with_value ? "=VALUE" : "");
}

static void test_fail(void **state)
{
	cx_err err = { 0 };
	assert_int_equal(cx_fail(&err, CX_EDATA, "row %d: %s", 3, "bad"), CX_EDATA);
	assert_int_equal(err.code, CX_EDATA);
	assert_string_equal(err.msg, "row 3: bad");
	/* no place for the message: the code all the same */
	assert_int_equal(cx_fail(NULL, CX_EUSAGE, "x"), CX_EUSAGE);
	assert_int_equal(cx_exit_status(CX_EBUSY), 75);
	assert_int_equal(cx_exit_status(CX_OK), 0);
}

static void test_word(void **state)
{
	char buf[256];
	const char *msg = "a case needs a title (" CX_FIELD_ARG("title") "); see " CX_FIELD("save_rules") " %s";
	assert_string_equal(cx_err_word(msg, angle, "", buf, sizeof buf),
			    "a case needs a title (<title=VALUE>); see <save_rules> %s");
	/* the caller's own argument reaches its wording */
	assert_string_equal(cx_err_word(CX_FIELD("zone") ": unknown", angle, "opt:", buf, sizeof buf), "<opt:zone>: unknown");
	/* no wording given: the field's bare name */
	assert_string_equal(cx_err_word(msg, NULL, NULL, buf, sizeof buf), "a case needs a title (title); see save_rules %s");
	/* a message without fields is as it was */
	assert_string_equal(cx_err_word("plain text", angle, "", buf, sizeof buf), "plain text");
}

static void test_not_marks(void **state)
{
	char buf[64];
	/* bytes that only look like a mark (from a file's text, say) stay as they are */
	assert_string_equal(cx_err_word("a\x1f" "b c\x1f", angle, "", buf, sizeof buf), "a\x1f" "b c\x1f");
	assert_string_equal(cx_err_word("\x1f\x1f", angle, "", buf, sizeof buf), "\x1f\x1f");
	assert_string_equal(cx_err_word("\x1fTitle\x1f", angle, "", buf, sizeof buf), "\x1fTitle\x1f");
	assert_string_equal(cx_err_word("end\x1fopen", angle, "", buf, sizeof buf), "end\x1fopen");
}

static void test_short_buffer(void **state)
{
	char buf[12];
	/* cut, never past the end, always ended */
	assert_string_equal(cx_err_word("give " CX_FIELD("encoding") " cp1252", angle, "", buf, sizeof buf), "give <encod");
	assert_string_equal(cx_err_word("0123456789abcdef", NULL, NULL, buf, sizeof buf), "0123456789a");
	buf[0] = 'x';
	cx_err_word("anything", NULL, NULL, buf, 0);
	assert_int_equal(buf[0], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fail),
		cmocka_unit_test(test_word),
		cmocka_unit_test(test_not_marks),
		cmocka_unit_test(test_short_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
