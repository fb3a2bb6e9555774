/* Unit tests for lib/template.c: {{var | fallback}}, the refusals that name a variable, templates kept and filled for a case. */
#include "unit.h"
#include "cx/template.h"

/* a: "A", empty: "", none: no value, anything else: no such variable */
static char *vars(void *arg, const char *var, int *known)
{
	(void)arg;
	*known = 1;
	if (!strcmp(var, "a"))
		return strdup("A");
	if (!strcmp(var, "empty"))
		return strdup("");
	if (!strcmp(var, "none"))
		return NULL;
	*known = 0;
	return NULL;
}

static void render_is(const char *text, const char *want)
{
	char *out;
	cx_err err = { 0 };
	unit_ok(cx_template_render("t", text, vars, NULL, &out, &err), err);
	assert_string_equal(out, want);
	free(out);
}

static void render_fails(const char *text, const char *msg)
{
	char *out = (char *)"untouched";
	cx_err err = { 0 };
	assert_int_equal(cx_template_render("t", text, vars, NULL, &out, &err), CX_EDATA);
	assert_null(out);
	assert_string_equal(err.msg, msg);
}

static void test_render(void **state)
{
	(void)state;
	render_is("plain", "plain");
	render_is("{{a}}{{ a }}-{{a|x}}", "AA-A");
	render_is("Hi {{none | there}}!", "Hi there!");
	render_is("Hi {{empty|there}}!", "Hi there!");
	render_is("[{{none |}}]", "[]");
	render_is("{{none | a | b}}", "a | b");
	render_is("{ {a} } {a}}", "{ {a} } {a}}");
	render_fails("one\ntwo {{none}}", "template t, line 2: {{none}} has no value here and no fallback (write {{none | ...}})");
	render_fails("{{nope}}", "template t, line 1: {{nope}} is not a field cx knows (they are customer.*, case.*, me and today: see cx-template(1))");
	render_fails("x\ny\n{{a\n}}", "template t, line 3: {{ is not closed with }} on its line");
	render_fails("{{a b}}", "template t, line 1: {{a b}} does not name a variable (write {{customer.name}} or {{case.title | fallback}})");
	render_fails("{{ | x}}", "template t, line 1: {{ | x}} does not name a variable (write {{customer.name}} or {{case.title | fallback}})");
	cx_err err;
	unit_ok(cx_template_check("t", "{{x.y | z}} and {{w}}", &err), err);
	assert_int_equal(cx_template_check("t", "{{x", &err), CX_EDATA);
	unit_ok(cx_template_name_check("late-delivery_2.v1", &err), err);
	assert_int_equal(cx_template_name_check("-x", &err), CX_EDATA);
	assert_int_equal(cx_template_name_check("a b", &err), CX_EDATA);
	assert_int_equal(cx_template_name_check("", &err), CX_EDATA);
}

static void test_fill(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t dana, k;
	cx_customer_in c = { .name = "Dana Ruiz", .email = "dana@example.com" };
	unit_ok(cx_customer_add(db, &c, &dana, &err), err);
	cx_case_in in = { .customer_id = dana, .title = "Lid broken", .channel = "email" };
	unit_ok(cx_case_open(db, &in, &k, &err), err);
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_template_save(db, "t", "Hi {{customer.first_name}}, case {{case.id}} ({{case.title}}, {{case.channel}},"
				 " opened {{case.opened_at}}) is with {{case.owner | us}}. {{me}}, {{today}}", 1, &err), err);
	unit_ok(cx_template_save(db, "phone", "Call {{customer.phone}}", 1, &err), err);
	assert_int_equal(cx_template_save(db, "t", "again", 1, &err), CX_EDATA);
	assert_int_equal(cx_template_save(db, "nope", "x", 0, &err), CX_ENOTFOUND);
	assert_int_equal(cx_template_save(db, "bad", "{{x", 1, &err), CX_EDATA);
	unit_ok(cx_db_commit(db, &err), err);
	char *out;
	unit_ok(cx_template_fill(db, "t", k, &out, &err), err);
	assert_string_equal(out, "Hi Dana, case 1 (Lid broken, email, opened 2026-03-11) is with us. ana, 2026-03-11");
	free(out);
	assert_int_equal(cx_template_fill(db, "phone", k, &out, &err), CX_EDATA);
	assert_string_equal(err.msg, "template phone, line 1: {{customer.phone}} has no value here and no fallback (write {{customer.phone | ...}})");
	assert_int_equal(cx_template_fill(db, "missing", k, &out, &err), CX_ENOTFOUND);
	assert_int_equal(cx_template_fill(db, "t", 99, &out, &err), CX_ENOTFOUND);
	/* saving outside a transaction is a caller's bug */
	unit_ok(cx_db_commit(db, &err), err);
	assert_int_equal(cx_template_save(db, "u", "x", 1, &err), CX_EINTERNAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test_setup_teardown(test_fill, unit_db_setup, unit_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
