/*
 * Unit tests for lib/json_value.c: JSON written and read in C. The expected
 * texts are what Python's json module writes for the same values
 * (json.dumps(v, separators=(",", ":"), ensure_ascii=False)), and what
 * SQLite's json_object wrote before: an export stays the same bytes.
 */
#include "unit.h"

#include "../../lib/json_value.h"

static void writes_as_sqlite_and_python_do(void **state)
{
	(void)state;
	json_t *o = json_object();
	json_object_set_new(o, "a", cx_json_str("x\001y\037\"\\/\xc3\xa9\n\t"));
	json_object_set_new(o, "n", cx_json_str(NULL));
	json_object_set_new(o, "r", json_real(0.1));
	json_object_set_new(o, "i", json_integer(-3));
	json_object_set_new(o, "whole", json_real(3));
	char *t = cx_json_text(o);
	assert_string_equal(t, "{\"a\":\"x\\u0001y\\u001f\\\"\\\\/\xc3\xa9\\n\\t\",\"n\":null,\"r\":0.1,\"i\":-3,\"whole\":3.0}");
	free(t);
	json_decref(o);
	/* a byte that is not UTF-8 (here 0xff, and a cut two-byte sequence) is U+FFFD, as a server stores it */
	json_t *b = cx_json_str("a\xff" "b\xc3");
	t = cx_json_text(b);
	assert_string_equal(t, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\"");
	free(t);
	json_decref(b);
}

static void reads_fields_as_sql_did(void **state)
{
	(void)state;
	char buf[64];
	json_t *o = cx_json_parse("{\"s\":\"text\",\"i\":42,\"r\":2.5,\"t\":true,\"f\":false,\"z\":null,"
				  "\"o\":{\"k\":[1, 2]},\"we ird\":{\"x\":[\"a\",\"b\"]}}");
	assert_non_null(o);
	assert_string_equal(cx_json_field(o, "s", buf, sizeof buf), "text");
	assert_string_equal(cx_json_field(o, "i", buf, sizeof buf), "42");
	assert_string_equal(cx_json_field(o, "r", buf, sizeof buf), "2.5");
	assert_string_equal(cx_json_field(o, "t", buf, sizeof buf), "1");
	assert_string_equal(cx_json_field(o, "f", buf, sizeof buf), "0");
	assert_null(cx_json_field(o, "z", buf, sizeof buf));
	assert_null(cx_json_field(o, "missing", buf, sizeof buf));
	assert_string_equal(cx_json_field(o, "o", buf, sizeof buf), "{\"k\":[1,2]}");
	assert_string_equal(cx_json_type(json_object_get(o, "s")), "text");
	assert_string_equal(cx_json_type(json_object_get(o, "r")), "real");
	int bad;
	assert_string_equal(cx_json_scalar(cx_json_path(o, "$.\"we ird\".x[1]", &bad), buf, sizeof buf), "b");
	assert_int_equal(bad, 0);
	assert_string_equal(cx_json_scalar(cx_json_path(o, "$.o.k[0]", &bad), buf, sizeof buf), "1");
	assert_null(cx_json_path(o, "$.o.k[7]", &bad));
	assert_int_equal(bad, 0);
	assert_null(cx_json_path(o, "$.s.deeper", &bad));
	assert_int_equal(bad, 0);
	/* not paths: no $, an open quote, an index that is not a number, an empty step */
	cx_json_path(o, "s", &bad);
	assert_int_equal(bad, 1);
	cx_json_path(o, "$.\"open", &bad);
	assert_int_equal(bad, 1);
	cx_json_path(o, "$.o[x]", &bad);
	assert_int_equal(bad, 1);
	cx_json_path(o, "$..s", &bad);
	assert_int_equal(bad, 1);
	json_decref(o);
	/* not JSON at all, or a cut line */
	assert_null(cx_json_parse("{\"a\":"));
	assert_null(cx_json_parse("{} trailing"));
	assert_null(cx_json_parse(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_as_sqlite_and_python_do),
		cmocka_unit_test(reads_fields_as_sql_did),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
