/* Unit tests for lib/rules.c: parsing rules files, errors naming file:line, saving and reading back, names. */
#include <stdlib.h>
#include <unistd.h>

#include "cx/rules.h"
#include "unit.h"

static void test_parse(void **state)
{
	(void)state;
	cx_rules r = { 0 };
	cx_err err = { 0 };
	const char *text = "# weekly export\n"
			   "source = ~/Downloads/responses*.csv\n"
			   "survey = Bakery visits\n"
			   "  csat = How would you rate your visit today? (1 = poor, 5 = excellent)  \n"
			   "date-order = dmy\n"
			   "complete = Status=Complete\n"
			   "follow-up = yes\n"
			   "create-customers = no\n"
			   "\n"
			   "if store = Harbour St then tag harbour\n"
			   "if What = then then tag odd-one\n";
	unit_ok(cx_rules_parse("w.rules", text, &r, &err), err);
	assert_string_equal(r.source, "~/Downloads/responses*.csv");
	assert_string_equal(r.survey, "Bakery visits");
	assert_string_equal(r.col[CX_ROLE_CSAT], "How would you rate your visit today? (1 = poor, 5 = excellent)");
	assert_string_equal(r.date_order, "dmy");
	assert_string_equal(r.complete, "Status=Complete");
	assert_int_equal(r.follow_up, 1);
	assert_int_equal(r.create_customers, 0);
	assert_null(r.tool);
	assert_int_equal(r.ntags, 2);
	assert_string_equal(r.tags[0].column, "store");
	assert_string_equal(r.tags[0].value, "Harbour St");
	assert_string_equal(r.tags[0].tag, "harbour");
	/* the last " then tag " ends the answer, which may hold the word */
	assert_string_equal(r.tags[1].column, "What");
	assert_string_equal(r.tags[1].value, "then");
	assert_string_equal(r.tags[1].tag, "odd-one");
	cx_rules_free(&r);
}

static void expect_error(const char *text, int code, const char *want)
{
	cx_rules r = { 0 };
	cx_err err = { 0 };
	assert_int_equal(cx_rules_parse("x.rules", text, &r, &err), code);
	if (!strstr(err.msg, want))
		fail_msg("got \"%s\", want it to contain \"%s\"", err.msg, want);
	cx_rules_free(&r);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("survey = a\nsurve = b\n", CX_EDATA, "x.rules:2: unknown key \"surve\" (one of: source, survey,");
	expect_error("# c\n\nsurvey = a\nsurvey = b\n", CX_EDATA, "x.rules:4: survey is set twice (first on line 3)");
	expect_error("tool = excel\n", CX_EDATA, "x.rules:1: tool: \"excel\" is not one of auto, surveymonkey,");
	expect_error("date-order = dym\n", CX_EDATA, "x.rules:1: date-order: \"dym\" is not one of mdy, dmy, ymd");
	expect_error("follow-up = maybe\n", CX_EDATA, "x.rules:1: follow-up: \"maybe\" is not yes or no");
	expect_error("nps =\n", CX_EDATA, "x.rules:1: nps: no value");
	expect_error("just words\n", CX_EDATA, "x.rules:1: \"just words\" is not a rule");
	expect_error("if store = Harbour St tag harbour\n", CX_EDATA, "x.rules:1: write a tag rule as: if COLUMN = ANSWER then tag TAG");
	expect_error("\nif store = Harbour St then tag two words\n", CX_EDATA, "x.rules:2: tag rule: the tag \"two words\" must be one word");
	expect_error("complete = Status\n", CX_EDATA, "x.rules:1: complete: write COLUMN=VALUE");
}

static void test_save_and_load(void **state)
{
	(void)state;
	char dir[] = "/tmp/cx-rules-XXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	cx_answer_tag tags[] = { { "store", "Harbour St", "harbour" } };
	cx_rules w = { .survey = "Bakery visits", .tool = "microsoft-forms", .sep = "tab", .date_order = "dmy",
		       .create_customers = 1, .follow_up = -1, .tags = tags, .ntags = 1 };
	snprintf(w.name, sizeof w.name, "bakery");
	w.col[CX_ROLE_CSAT] = "How would you rate your visit today? (1 = poor, 5 = excellent)";
	w.col[CX_ROLE_ID] = "3";
	w.col[CX_ROLE_COMMENT] = "two\nlines"; /* cannot be written on a line: left out */
	cx_err err = { 0 };
	unit_ok(cx_rules_save(&w, 1796379080, &err), err);

	cx_rules r;
	unit_ok(cx_rules_load("bakery", &r, &err), err);
	assert_string_equal(r.survey, "Bakery visits");
	assert_string_equal(r.tool, "microsoft-forms");
	assert_string_equal(r.sep, "tab");
	assert_string_equal(r.date_order, "dmy");
	assert_string_equal(r.col[CX_ROLE_CSAT], w.col[CX_ROLE_CSAT]);
	assert_string_equal(r.col[CX_ROLE_ID], "3");
	assert_null(r.col[CX_ROLE_COMMENT]);
	assert_null(r.source);
	assert_int_equal(r.create_customers, 1);
	assert_int_equal(r.follow_up, -1);
	assert_int_equal(r.ntags, 1);
	assert_string_equal(r.tags[0].tag, "harbour");
	cx_rules_free(&r);

	char **names;
	int n;
	unit_ok(cx_rules_names(&names, &n, &err), err);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "bakery");
	free(names[0]);
	free(names);

	/* a missing rule is no input (66); a name that is not a file name, a usage error */
	assert_int_equal(cx_rules_load("weekly", &r, &err), CX_ENOINPUT);
	cx_rules_free(&r);
	assert_int_equal(cx_rules_load("../etc", &r, &err), CX_EUSAGE);
	assert_int_equal(cx_rules_load("all", &r, &err), CX_EUSAGE);

	char path[300];
	snprintf(path, sizeof path, "%s/cx/rules/bakery.rules", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/cx/rules", dir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/cx", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_save_and_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
