/* Unit tests for lib/store/sql.c: binding and reading values, one-value queries, one-line statements, kept statements, statements asked together, rows appended, errors, a broken CHECK rule in words, rows to a writer. */
#include <math.h>

#include "lib/store/sql.h"
#include "unit.h"

static int scratch_table(void **state)
{
	unit_db_setup(state);
	cx_err err = { 0 };
	unit_ok(cx_sql_exec(unit_db_of(state), "CREATE TABLE t (k INTEGER PRIMARY KEY, i INTEGER, r REAL,"
					       " s TEXT, u TEXT UNIQUE)", &err), err);
	return 0;
}

static void test_values(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st;
	char text[32];

	unit_ok(cx_sql_prepare(db, "INSERT INTO t (k, i, r, s, u) VALUES (?1, ?2, ?3, ?4, ?5)", &st, &err), err);
	cx_sql_bind_int(st, 1, 1);
	cx_sql_bind_int(st, 2, INT64_MIN);
	cx_sql_bind_real(st, 3, -0.125);
	/* a copied text may change after binding; a static one must not */
	snprintf(text, sizeof text, "naïve café");
	cx_sql_bind_text(st, 4, text);
	snprintf(text, sizeof text, "overwritten");
	cx_sql_bind_text_static(st, 5, "x");
	unit_ok(cx_sql_run(st, &err), err);
	assert_int_equal(cx_sql_changes(db), 1);

	/* NULLs, by each way of binding one */
	unit_ok(cx_sql_prepare(db, "INSERT INTO t (k, i, r, s, u) VALUES (?1, ?2, ?3, ?4, ?5)", &st, &err), err);
	cx_sql_bind_int(st, 1, 2);
	cx_sql_bind_id(st, 2, 0);
	cx_sql_bind_null(st, 3);
	cx_sql_bind_text(st, 4, NULL);
	cx_sql_bind_text_static(st, 5, NULL);
	unit_ok(cx_sql_run(st, &err), err);

	unit_ok(cx_sql_prepare(db, "SELECT i, r, s, u FROM t ORDER BY k", &st, &err), err);
	assert_int_equal(cx_sql_step(st, &err), CX_SQL_ROW);
	assert_int_equal(cx_sql_columns(st), 4);
	assert_true(cx_sql_int(st, 0) == INT64_MIN);
	assert_true(cx_sql_real(st, 1) == -0.125);
	assert_string_equal(cx_sql_text(st, 2), "naïve café");
	assert_string_equal(cx_sql_text(st, 3), "x");
	assert_int_equal(cx_sql_step(st, &err), CX_SQL_ROW);
	for (int c = 0; c < 4; c++)
		assert_true(cx_sql_null(st, c));
	assert_int_equal(cx_sql_step(st, &err), CX_SQL_DONE);
	cx_sql_finalize(st);
}

static void test_one_int(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st;
	int64_t v = 7;

	/* no row, and a NULL: the default */
	unit_ok(cx_sql_prepare(db, "SELECT i FROM t WHERE k = ?1", &st, &err), err);
	cx_sql_bind_int(st, 1, 42);
	unit_ok(cx_sql_one_int(st, -1, &v, &err), err);
	assert_int_equal(v, -1);
	unit_ok(cx_sql_prepare(db, "SELECT max(i) FROM t", &st, &err), err);
	unit_ok(cx_sql_one_int(st, -2, &v, &err), err);
	assert_int_equal(v, -2);
	unit_ok(cx_sql_prepare(db, "SELECT ?1 + 1", &st, &err), err);
	cx_sql_bind_int(st, 1, INT64_C(9007199254740993));
	unit_ok(cx_sql_one_int(st, 0, &v, &err), err);
	assert_true(v == INT64_C(9007199254740994));
}

/* The one-line calls: each way of giving a value, read back the same three ways. */
static void test_one_line(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st;
	int64_t v = 7;
	int small = -3; /* an int is widened, not read as 64 bits it does not have */
	char text[32];

	unit_ok(cx_sql_do(db, &err, "INSERT INTO t (k, i, r, s) VALUES (?1, ?2, ?3, ?4)", CX_INT(1), CX_INT(small),
			  CX_REAL(-0.125), CX_TEXT("naïve")), err);
	unit_ok(cx_sql_do(db, &err, "INSERT INTO t (k, i, r, s, u) VALUES (?1, ?2, ?3, ?4, ?5)", CX_INT(2), CX_ID(0),
			  CX_NULL, CX_TEXT(NULL), CX_ID(5)), err);
	/* a statement without parameters takes no values */
	unit_ok(cx_sql_do(db, &err, "UPDATE t SET r = r * 2"), err);
	unit_ok(cx_sql_get_int(db, 0, &v, &err, "SELECT count(*) FROM t"), err);
	assert_int_equal(v, 2);

	unit_ok(cx_sql_get_int(db, 0, &v, &err, "SELECT i FROM t WHERE k = ?1", CX_INT(1)), err);
	assert_int_equal(v, -3);
	unit_ok(cx_sql_get_int(db, 0, &v, &err, "SELECT u FROM t WHERE k = ?1", CX_INT(2)), err);
	assert_int_equal(v, 5);
	/* no row, and a NULL: the default */
	unit_ok(cx_sql_get_int(db, -1, &v, &err, "SELECT i FROM t WHERE k = ?1", CX_INT(42)), err);
	assert_int_equal(v, -1);
	unit_ok(cx_sql_get_int(db, -2, &v, &err, "SELECT i FROM t WHERE k = ?1", CX_INT(2)), err);
	assert_int_equal(v, -2);
	unit_ok(cx_sql_get_int(db, 0, &v, &err, "SELECT count(*) FROM t WHERE r IS NULL AND s IS NULL AND k = ?1",
			       CX_INT(2)), err);
	assert_int_equal(v, 1);

	/* a statement to step: its texts are copied, the caller's buffer may change */
	snprintf(text, sizeof text, "naïve");
	unit_ok(cx_sql_query(db, &st, &err, "SELECT k, r FROM t WHERE s = ?1 OR s = ?2 ORDER BY k", CX_TEXT(text),
			     CX_TEXT("other")), err);
	snprintf(text, sizeof text, "overwritten");
	assert_int_equal(cx_sql_step(st, &err), CX_SQL_ROW);
	assert_int_equal(cx_sql_int(st, 0), 1);
	assert_true(cx_sql_real(st, 1) == -0.25);
	assert_int_equal(cx_sql_step(st, &err), CX_SQL_DONE);
	cx_sql_finalize(st);
}

/* Values that do not match the statement's parameters: an internal error, and nothing runs. */
static void test_one_line_misuse(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st = (cx_stmt *)&err; /* anything but NULL */
	int64_t v = 7;

	assert_int_equal(cx_sql_do(db, &err, "INSERT INTO t (k, i) VALUES (?1, ?2)", CX_INT(1)), CX_EINTERNAL);
	assert_string_equal(err.msg, "values given: 1, parameters: 2 (INSERT INTO t (k, i) VALUES (?1, ?2))");
	err = (cx_err){ 0 };
	assert_int_equal(cx_sql_do(db, &err, "INSERT INTO t (k) VALUES (?1)", CX_INT(1), CX_INT(2)), CX_EINTERNAL);
	assert_non_null(strstr(err.msg, "values given: 2, parameters: 1"));
	/* a parameter left out of the text still counts: ?3 has three places */
	err = (cx_err){ 0 };
	assert_int_equal(cx_sql_do(db, &err, "INSERT INTO t (k, i) VALUES (?1, ?3)", CX_INT(1), CX_INT(2)), CX_EINTERNAL);
	assert_int_equal(cx_sql_get_int(db, 0, &v, &err, "SELECT count(*) FROM t"), CX_OK);
	assert_int_equal(v, 0);

	assert_int_equal(cx_sql_get_int(db, 5, &v, &err, "SELECT i FROM t WHERE k = ?1"), CX_EINTERNAL);
	assert_int_equal(v, 5);
	assert_int_equal(cx_sql_query(db, &st, &err, "SELECT 1", CX_INT(1)), CX_EINTERNAL);
	assert_null(st);
	/* a statement that is not SQL fails as it does when prepared by hand */
	assert_int_equal(cx_sql_do(db, &err, "UPDAT t SET i = ?1", CX_INT(1)), CX_EINTERNAL);
	assert_non_null(strstr(err.msg, "syntax error"));
}

static void test_cached(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	static const char sql[] = "INSERT INTO t (k, s) VALUES (?1, ?2)";
	cx_stmt *a, *b;

	/* one statement per text, kept by the handle, reset when given back */
	for (int k = 10; k < 13; k++) {
		unit_ok(cx_sql_cached(db, sql, &a, &err), err);
		cx_sql_bind_int(a, 1, k);
		cx_sql_bind_text(a, 2, "kept");
		assert_int_equal(cx_sql_step(a, &err), CX_SQL_DONE);
		cx_sql_release(a);
		unit_ok(cx_sql_cached(db, sql, &b, &err), err);
		assert_ptr_equal(a, b);
		cx_sql_release(b);
	}
	unit_ok(cx_sql_prepare(db, "SELECT count(*) FROM t WHERE s = 'kept'", &a, &err), err);
	int64_t n;
	unit_ok(cx_sql_one_int(a, 0, &n, &err), err);
	assert_int_equal(n, 3);
}

static void test_asked(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_asked q = { 0 };
	int64_t v;

	unit_ok(cx_sql_exec(db, "INSERT INTO t (k, i) VALUES (1, 10), (2, 20), (3, 30)", &err), err);
	/* asked in turn, ?1 and ?2 bound where the statement has them; taken back in the same order */
	unit_ok(cx_ask(db, &q, "SELECT i FROM t WHERE k = ?1", 2, 0, &err), err);
	unit_ok(cx_ask(db, &q, "SELECT count(*) FROM t WHERE k >= ?1 AND k <= ?2", 1, 2, &err), err);
	unit_ok(cx_ask(db, &q, "SELECT i FROM t ORDER BY k", 0, 0, &err), err);
	unit_ok(cx_ask(db, &q, "SELECT 1", 0, 0, &err), err);
	assert_int_equal(q.n, 4);
	unit_ok(cx_sql_one_int(cx_asked_next(&q), 0, &v, &err), err);
	assert_int_equal(v, 20);
	unit_ok(cx_sql_one_int(cx_asked_next(&q), 0, &v, &err), err);
	assert_int_equal(v, 2);
	cx_stmt *st = cx_asked_next(&q);
	for (int k = 1; k <= 3; k++) {
		assert_int_equal(cx_sql_step(st, &err), CX_SQL_ROW);
		assert_int_equal(cx_sql_int(st, 0), 10 * k);
	}
	assert_int_equal(cx_sql_step(st, &err), CX_SQL_DONE);
	cx_sql_finalize(st);
	/* what nobody took goes with the list (valgrind would say otherwise) */
	cx_asked_free(&q);
	assert_int_equal(q.n, 0);
	assert_null(cx_asked_next(&q));

	/* a statement that cannot be asked is said so, and the list stays as it was */
	assert_int_equal(cx_ask(db, &q, "SELEC 1", 0, 0, &err), CX_EINTERNAL);
	assert_int_equal(q.n, 0);
	for (int i = 0; i < CX_ASKED_MAX; i++)
		unit_ok(cx_ask(db, &q, "SELECT 1", 0, 0, &err), err);
	assert_int_equal(cx_ask(db, &q, "SELECT 1", 0, 0, &err), CX_EINTERNAL);
	assert_int_equal(q.n, CX_ASKED_MAX);
	cx_asked_free(&q);
}

static void test_errors(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st;

	/* SQL that is not: an internal error, never a crash */
	assert_int_equal(cx_sql_prepare(db, "SELEC 1", &st, &err), CX_EINTERNAL);
	assert_null(st);
	assert_non_null(strstr(err.msg, "syntax error"));

	/* a broken rule of the schema is bad data, named by its table and column */
	unit_ok(cx_sql_exec(db, "INSERT INTO t (k, u) VALUES (1, 'same')", &err), err);
	unit_ok(cx_sql_prepare(db, "INSERT INTO t (k, u) VALUES (?1, ?2)", &st, &err), err);
	cx_sql_bind_int(st, 1, 2);
	cx_sql_bind_text(st, 2, "same");
	assert_int_equal(cx_sql_run(st, &err), CX_EDATA);
	assert_string_equal(err.msg, "another row has the same t.u (it must be unique)");
	assert_int_equal(cx_sql_changes(db), 0);
}

/* A broken CHECK rule in words, the same whatever the spacing of the schema's text (each engine's is its own). */
static void test_check_words(void **state)
{
	(void)state;
	cx_err a = { 0 }, b = { 0 };
	char col[16];

	assert_int_equal(cx_sql_check_fail(&a, "cases", "status IN ('new','open','closed')"), CX_EDATA);
	assert_int_equal(cx_sql_check_fail(&b, "cases", "status IN ( 'new', 'open',\n 'closed' )"), CX_EDATA);
	assert_string_equal(a.msg, "cases.status has a value not allowed (it must be one of new, open, closed)");
	assert_string_equal(a.msg, b.msg);
	cx_sql_check_fail(&a, "responses", "nps BETWEEN 0 AND 10");
	assert_string_equal(a.msg, "responses.nps has a value not allowed (it must be from 0 to 10)");
	cx_sql_check_fail(&a, "touchpoints", "emotion BETWEEN -2 AND 2");
	assert_string_equal(a.msg, "touchpoints.emotion has a value not allowed (it must be from -2 to 2)");
	cx_sql_check_fail(&a, "sla_policies", "resolution > 0");
	assert_string_equal(a.msg, "sla_policies.resolution has a value not allowed (it must be more than 0)");
	cx_sql_check_fail(&a, "responses", "cont_scale = 5 OR cont_scale = 7 OR cont_scale = 10");
	assert_string_equal(a.msg, "responses.cont_scale has a value not allowed (it must be one of 5, 7, 10)");
	cx_sql_check_fail(&a, NULL, "public IN (0, 1)");
	assert_string_equal(a.msg, "public has a value not allowed (it must be one of 0, 1)");
	/* a rule of another form is quoted, spaced one way */
	cx_sql_check_fail(&a, "t", "length(code)=4");
	assert_string_equal(a.msg, "t.code has a value not allowed (it must meet the rule length(code) = 4)");
	cx_sql_check_fail(&a, "business_hours", "opens >= 0 AND opens<closes AND closes <= 1440");
	assert_string_equal(a.msg, "business_hours: the values break the rule opens >= 0 AND opens < closes AND closes <= 1440"
				   " (change them to meet it)");
	/* text that is not a rule (a string never closed) is named as given */
	cx_sql_check_fail(&a, "t", "x IN ('a");
	assert_string_equal(a.msg, "a value is not one allowed (rule: x IN ('a)");

	assert_int_equal(cx_sql_check_columns("case_a < case_b", col, sizeof col), 2);
	assert_string_equal(col, "case_a");
	assert_int_equal(cx_sql_check_columns("opens >= 0 AND opens < closes", col, sizeof col), 2);
	assert_string_equal(col, "opens");
	assert_int_equal(cx_sql_check_columns("lower(tag) NOT IN ('x')", col, sizeof col), 1);
	assert_string_equal(col, "tag");
	assert_int_equal(cx_sql_check_columns("1 = 1", col, sizeof col), 0);
	assert_string_equal(col, "");
}

/* On a file: the rule found in the schema, and its table, the one written when two tables hold the same rule. */
static void test_check_file(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	unit_ok(cx_sql_exec(db, "CREATE TABLE a (d TEXT CHECK (d IN ('in', 'out')));"
				"CREATE TABLE b (d TEXT CHECK (d IN ('in', 'out')), n INTEGER, m INTEGER, CHECK (n < m))",
			    &err), err);
	static const struct {
		const char *sql, *said;
	} cases[] = {
		{ "INSERT INTO b (d) VALUES ('up')", "b.d has a value not allowed (it must be one of in, out)" },
		{ "INSERT INTO a (d) VALUES ('up')", "a.d has a value not allowed (it must be one of in, out)" },
		{ "INSERT INTO b (n, m) VALUES (2, 1)", "b: the values break the rule n < m (change them to meet it)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cx_stmt *st;
		unit_ok(cx_sql_prepare(db, cases[i].sql, &st, &err), err);
		assert_int_equal(cx_sql_run(st, &err), CX_EDATA);
		assert_string_equal(err.msg, cases[i].said);
	}
}

/* Rows to a writer: every column, and a statement of other columns than the list is a slip, never cut or read past. */
static void test_to_out(void **state)
{
	static const cx_col two[] = { { "k", CX_T_INT, 0, 0 }, { "s", CX_T_TEXT, 0, 0 } };
	static const cx_col three[] = { { "k", CX_T_INT, 0, 0 }, { "s", CX_T_TEXT, 0, 0 }, { "i", CX_T_INT, 0, 0 } };
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st;
	unit_cap c;
	char *t;

	unit_ok(cx_sql_exec(db, "INSERT INTO t (k, s, i) VALUES (1, 'a', 7), (2, 'b', 8)", &err), err);
	cx_out *out = unit_cap_open(&c, CX_FMT_TSV, 0);
	unit_ok(cx_sql_prepare(db, "SELECT k, s FROM t ORDER BY k", &st, &err), err);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, two, 2);
	unit_ok(cx_sql_to_out(st, out, &err), err);
	cx_out_end(out);
	t = unit_cap_text(&c);
	assert_string_equal(t, "k\ts\n1\ta\n2\tb\n");
	free(t);

	/* more columns than the list: not one of them dropped in silence */
	out = unit_cap_open(&c, CX_FMT_TSV, 0);
	unit_ok(cx_sql_prepare(db, "SELECT k, s, i FROM t ORDER BY k", &st, &err), err);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, two, 2);
	assert_int_equal(cx_sql_to_out(st, out, &err), CX_EINTERNAL);
	assert_string_equal(err.msg, "a statement of 3 columns for a list of 2");
	cx_out_end(out);
	free(unit_cap_text(&c));

	/* fewer: the writer never reads a value that is not there */
	out = unit_cap_open(&c, CX_FMT_TSV, 0);
	unit_ok(cx_sql_prepare(db, "SELECT k, s FROM t ORDER BY k", &st, &err), err);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, three, 3);
	assert_int_equal(cx_sql_to_out(st, out, &err), CX_EINTERNAL);
	assert_string_equal(err.msg, "a statement of 2 columns for a list of 3");
	cx_out_end(out);
	free(unit_cap_text(&c));

	/* the same in one line, its value bound; a value too many is refused before any row */
	out = unit_cap_open(&c, CX_FMT_TSV, 0);
	unit_ok(cx_sql_list(db, out, two, &err, "SELECT k, s FROM t WHERE i > ?1 ORDER BY k", CX_INT(7)), err);
	t = unit_cap_text(&c);
	assert_string_equal(t, "k\ts\n2\tb\n");
	free(t);
	out = unit_cap_open(&c, CX_FMT_TSV, 0);
	assert_int_equal(cx_sql_list(db, out, two, &err, "SELECT k, s FROM t ORDER BY k", CX_INT(7)), CX_EINTERNAL);
	t = unit_cap_text(&c);
	assert_string_equal(t, "");
	free(t);
}

/* An insert of many rows leaves out a key the table has and a key an earlier row of the run has; it names the rows stored. */
static void test_insert_many(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st;
	static const char *const cols[] = { "g", "k", "v" };
	static const struct {
		int64_t g;
		const char *k, *v;
	} rows[4] = { { 1, "a", "first" }, { 1, "b", "there" }, { 1, "a", "again" }, { 2, "a", NULL } };

	unit_ok(cx_sql_exec(db, "CREATE TABLE m (id INTEGER PRIMARY KEY, g INTEGER NOT NULL, k TEXT NOT NULL, v TEXT,"
				" UNIQUE (g, k)); INSERT INTO m (id, g, k) VALUES (7, 1, 'b')", &err), err);
	assert_true(cx_sql_insert_many_rows(db) > 8);
	unit_ok(cx_sql_prepare_insert_many(db, "m", cols, 3, 2, 4, &st, &err), err);
	for (int r = 0; r < 4; r++) {
		cx_sql_bind_int(st, r * 3 + 1, rows[r].g);
		cx_sql_bind_text_static(st, r * 3 + 2, rows[r].k);
		cx_sql_bind_text_static(st, r * 3 + 3, rows[r].v);
	}
	int64_t got[3] = { 0 };
	while (cx_sql_step(st, &err) == CX_SQL_ROW) {
		assert_int_equal(cx_sql_columns(st), 3);
		assert_string_equal(cx_sql_text(st, 2), "a");
		int64_t g = cx_sql_int(st, 1);
		assert_true(g == 1 || g == 2);
		assert_int_equal(got[g], 0);
		got[g] = cx_sql_int(st, 0);
	}
	assert_int_equal(err.code, 0);
	cx_sql_finalize(st);
	assert_true(got[1] > 7 && got[2] > 7 && got[1] != got[2]);

	unit_ok(cx_sql_prepare(db, "SELECT group_concat(g || k || coalesce(v, '-'), ' ') FROM (SELECT * FROM m ORDER BY g, k)",
			       &st, &err), err);
	assert_int_equal(cx_sql_step(st, &err), CX_SQL_ROW);
	assert_string_equal(cx_sql_text(st, 0), "1afirst 1b- 2a-");
	cx_sql_finalize(st);
}

/* Rows appended are all stored by the end, NULLs and all; a row that breaks a rule fails its call. */
static void test_append(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_stmt *st;
	static const char *const cols[] = { "k", "i", "s" };

	unit_ok(cx_sql_prepare_append(db, "t", cols, 3, &st, &err), err);
	for (int r = 1; r <= 300; r++) {
		cx_sql_bind_int(st, 1, r);
		cx_sql_bind_int(st, 2, r * 2);
		if (r % 100)
			cx_sql_bind_text(st, 3, r % 3 ? "tab\there" : "back\\slash\nline");
		else
			cx_sql_bind_null(st, 3);
		unit_ok(cx_sql_append(st, &err), err);
	}
	unit_ok(cx_sql_append_end(st, &err), err);
	int64_t n = 0;
	unit_ok(cx_sql_get_int(db, 0, &n, &err, "SELECT count(*) FROM t WHERE i = 2 * k"), err);
	assert_int_equal(n, 300);
	unit_ok(cx_sql_get_int(db, 0, &n, &err, "SELECT count(*) FROM t WHERE s IS NULL"), err);
	assert_int_equal(n, 3);
	unit_ok(cx_sql_get_int(db, 0, &n, &err, "SELECT count(*) FROM t WHERE s = 'back\\slash' || char(10) || 'line'"),
		err);
	assert_int_equal(n, 99);
	/* a key there already: refused, not skipped */
	cx_sql_bind_int(st, 1, 7);
	cx_sql_bind_int(st, 2, 0);
	cx_sql_bind_null(st, 3);
	int rc = cx_sql_append(st, &err);
	if (rc == CX_OK)
		rc = cx_sql_append_end(st, &err);
	assert_true(rc < 0);
	assert_non_null(strstr(err.msg, "t"));
	cx_sql_finalize(st);
}

/* A LIKE pattern matches what the text says, its wildcards too. */
static void test_like_pattern(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	char *p = cx_sql_like_pattern("50%_off\\", 0);
	int64_t n;

	assert_string_equal(p, "50\\%\\_off\\\\%");
	free(p);
	p = cx_sql_like_pattern("", 1);
	assert_string_equal(p, "%%");
	free(p);
	unit_ok(cx_sql_exec(db, "INSERT INTO t (k, s) VALUES (1, 'a 50%_off\\ sale'), (2, 'a 50% off sale'),"
				" (3, '50%_off\\ first')", &err), err);
	p = cx_sql_like_pattern("50%_off\\", 1);
	unit_ok(cx_sql_get_int(db, 0, &n, &err, "SELECT sum(k * k) FROM t WHERE s LIKE ?1 ESCAPE '\\'",
			       CX_TEXT(p)), err);
	free(p);
	assert_int_equal(n, 1 + 9); /* rows 1 and 3, not 2 */
	p = cx_sql_like_pattern("50%_off\\", 0);
	unit_ok(cx_sql_get_int(db, 0, &n, &err, "SELECT sum(k * k) FROM t WHERE s LIKE ?1 ESCAPE '\\'",
			       CX_TEXT(p)), err);
	free(p);
	assert_int_equal(n, 9); /* row 3 only */
}

static void test_sqlbuf(void **state)
{
	(void)state;
	cx_sqlbuf b = { 0 };
	cx_sqlbuf_add(&b, "SELECT k FROM t WHERE 1=1");
	for (int i = 0; i < 200; i++) /* past every first size */
		cx_sqlbuf_add(&b, " AND k <> 0");
	assert_false(b.oom);
	assert_int_equal(strlen(b.s), strlen("SELECT k FROM t WHERE 1=1") + 200 * strlen(" AND k <> 0"));
	assert_int_equal(b.len, strlen(b.s));
	cx_sqlbuf_free(&b);
	assert_null(b.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_values, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_one_int, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_one_line, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_one_line_misuse, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_cached, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_asked, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_errors, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_insert_many, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_append, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_like_pattern, scratch_table, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_to_out, scratch_table, unit_db_teardown),
		cmocka_unit_test(test_sqlbuf),
		cmocka_unit_test(test_check_words),
		cmocka_unit_test_setup_teardown(test_check_file, unit_db_setup, unit_db_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
