/*
 * Unit tests for lib/terms.c and lib/stopwords.c: words split, folded and
 * stemmed as Snowball does in the text's language, stop words breaking
 * phrases, the form people read, Chinese and Japanese in pairs.
 */
#include "unit.h"

typedef struct split {
	int32_t *ids;
	size_t n, cap;
} split;

static void run(cx_terms *t, const char *text, split *s)
{
	cx_err err;
	assert_int_equal(cx_terms_split(t, text, &s->ids, &s->n, &s->cap, &err), CX_OK);
}

static void test_word_forms(void **state)
{
	(void)state;
	cx_terms *t;
	cx_err err;
	split s = { 0 };
	assert_int_equal(cx_terms_new("english", &t, &err), CX_OK);
	/* "the" is a stop word: a break, where no phrase may span */
	run(t, "Leaking, leaks and the LEAKED tank", &s);
	assert_int_equal(s.n, 6);
	assert_true(s.ids[0] >= 0 && s.ids[5] >= 0 && s.ids[5] != s.ids[0]);
	assert_int_equal(s.ids[1], CX_TERM_BREAK); /* the comma */
	assert_int_equal(s.ids[2], s.ids[0]);       /* leaks */
	assert_int_equal(s.ids[3], CX_TERM_BREAK); /* and the */
	assert_int_equal(s.ids[4], s.ids[0]);       /* leaked */
	assert_string_equal(cx_terms_stem(t, s.ids[0]), "leak");
	/* every form once, then the one said twice is the one shown */
	run(t, "leaks", &s);
	assert_string_equal(cx_terms_word(t, s.ids[0]), "leaks");
	/* digits alone and one letter are not terms; a word with digits is; curly apostrophes read as ' */
	run(t, "order 12345 x 4g didn’t arrive", &s);
	assert_int_equal(s.n, 4);
	assert_string_equal(cx_terms_word(t, s.ids[1]), "4g");
	assert_string_equal(cx_terms_word(t, s.ids[2]), "didn't");
	/* not, no and never are kept: "never arrived" is a theme */
	run(t, "never arrived", &s);
	assert_int_equal(s.n, 2);
	assert_true(s.ids[0] >= 0 && s.ids[1] >= 0);
	cx_terms_free(t);
	free(s.ids);
}

static void test_languages(void **state)
{
	(void)state;
	cx_terms *t;
	cx_err err;
	split s = { 0 };
	/* German, folded with its capital umlaut; "für" a stop word */
	assert_int_equal(cx_terms_new("german", &t, &err), CX_OK);
	run(t, "Lieferungen für ÜBERRASCHUNG Lieferung", &s);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.ids[0], s.ids[3]);
	assert_int_equal(s.ids[1], CX_TERM_BREAK);
	assert_string_equal(cx_terms_word(t, s.ids[2]), "überraschung");
	cx_terms_free(t);
	/* none: words as they are */
	assert_int_equal(cx_terms_new("none", &t, &err), CX_OK);
	run(t, "leaks leaking", &s);
	assert_int_equal(s.n, 2);
	assert_true(s.ids[0] != s.ids[1]);
	cx_terms_free(t);
	/* Japanese: pairs of neighbours, no phrases made of them */
	assert_int_equal(cx_terms_new("english", &t, &err), CX_OK);
	run(t, "配送遅い", &s);
	assert_int_equal(s.n, 6); /* 配送, break, 送遅, break, 遅い, break */
	assert_string_equal(cx_terms_word(t, s.ids[0]), "配送");
	assert_int_equal(s.ids[1], CX_TERM_BREAK);
	assert_string_equal(cx_terms_word(t, s.ids[4]), "遅い");
	cx_terms_free(t);
	/* a language Snowball has no stemmer for is refused, naming the list */
	assert_int_equal(cx_terms_new("klingon", &t, &err), CX_EUSAGE);
	assert_non_null(strstr(err.msg, "english"));
	free(s.ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_forms),
		cmocka_unit_test(test_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
