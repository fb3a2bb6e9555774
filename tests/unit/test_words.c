/* Unit tests for lib/words.c: the fixed lists, finding a word, the list as text, the one message. */
#include "unit.h"

static void test_find(void **state)
{
	assert_int_equal(cx_words_find(cx_case_priorities, "low"), 0);
	assert_int_equal(cx_words_find(cx_case_priorities, "urgent"), 3);
	/* exact: no case folding, no prefixes, no empty word */
	assert_int_equal(cx_words_find(cx_case_priorities, "High"), -1);
	assert_int_equal(cx_words_find(cx_case_priorities, "hi"), -1);
	assert_int_equal(cx_words_find(cx_case_priorities, ""), -1);
	assert_int_equal(cx_words_find(NULL, "low"), -1);
}

/* Lists built on another hold its words first, in its order, and then their own. */
static void test_lists_that_extend_others(void **state)
{
	const struct {
		const char *const *base, *const *more;
		const char *extra;
	} pairs[] = {
		{ cx_case_statuses, cx_case_status_filters, "all" },
		{ cx_note_kinds, cx_note_kinds_all, "handoff" },
		{ cx_feedback_sentiments, cx_feedback_sentiment_filters, "unknown" },
		{ cx_encodings, cx_encodings_any, "utf-16le" },
		{ cx_out_formats, cx_format_choices, "svg" },
	};
	for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
		int i = 0;
		for (; pairs[p].base[i]; i++)
			assert_string_equal(pairs[p].more[i], pairs[p].base[i]);
		assert_string_equal(pairs[p].more[i], pairs[p].extra);
	}
	/* the work still to do is the start of the statuses */
	for (int i = 0; cx_case_statuses_active[i]; i++)
		assert_string_equal(cx_case_statuses_active[i], cx_case_statuses[i]);
}

/* Lists read by position: the format enum and the date orders. */
static void test_positions(void **state)
{
	assert_string_equal(cx_out_formats[CX_FMT_MARKDOWN], "markdown");
	assert_string_equal(cx_fmt_name(CX_FMT_HTML), "html");
	assert_int_equal(cx_fmt_parse("jsonl"), CX_FMT_JSONL);
	assert_string_equal(cx_date_orders[CX_DMY], "dmy");
	assert_string_equal(cx_periods[CX_P_QUARTER - CX_P_DAY], "quarter");
	assert_string_equal(cx_search_kinds[CX_SK_RESPONSE - CX_SK_CASE], "response");
	assert_string_equal(cx_touch_emotions[0], "angry"); /* -2 */
	assert_string_equal(cx_touch_emotions[4], "delighted"); /* +2 */
}

static void test_join(void **state)
{
	char buf[256];
	assert_string_equal(cx_words_join(cx_case_priorities, buf, sizeof buf), "low, normal, high, urgent");
	/* a word that is not letters and digits is quoted, so "," reads as one */
	assert_string_equal(cx_words_join(cx_separators, buf, sizeof buf), "\",\", \";\", tab");
	assert_string_equal(cx_words_join(cx_feedback_target_sentiments, buf, sizeof buf),
			    "negative, neutral, positive, unknown, \"*\"");
	assert_string_equal(cx_words_join(cx_sla_hours_examples, buf, sizeof buf), "mon-fri, sat, sun, 24/7");
	/* cut to fit, never past the end */
	char small[12];
	memset(small, 'x', sizeof small);
	cx_words_join(cx_case_priorities, small, 10);
	assert_string_equal(small, "low, norm");
	assert_int_equal(small[10], 'x');
	static const char *const none[] = { NULL };
	assert_string_equal(cx_words_join(none, buf, sizeof buf), "");
}

static void test_check(void **state)
{
	cx_err err = { 0 };
	assert_int_equal(cx_words_check(cx_case_status_filters, "status", "all", CX_EDATA, &err), CX_OK);
	assert_int_equal(cx_words_check(cx_case_status_filters, "--status", "bogus", CX_EUSAGE, &err), CX_EUSAGE);
	assert_string_equal(err.msg, "--status: \"bogus\" is not one of new, open, pending, resolved, closed, all");
	assert_int_equal(cx_words_check(cx_case_priorities, "priority", "asap", CX_EDATA, &err), CX_EDATA);
	assert_string_equal(err.msg, "priority: \"asap\" is not one of low, normal, high, urgent");
	/* a long word is cut in the message, which stays one line */
	char lng[400];
	memset(lng, 'a', sizeof lng - 1);
	lng[sizeof lng - 1] = '\0';
	assert_int_equal(cx_words_check(cx_case_priorities, "priority", lng, CX_EDATA, &err), CX_EDATA);
	assert_true(strlen(err.msg) < 200);
	assert_null(strchr(err.msg, '\n'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_lists_that_extend_others),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
