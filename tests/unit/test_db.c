/* Unit tests for lib/store/db.c: opening safely, refusing what is not ours, transactions, actor and clock. */
#include <errno.h>
#include <sqlite3.h>
#include <time.h>

#include "unit.h"

/* A scratch directory per test, for the files these tests make themselves. */
static int scratch_setup(void **state)
{
	char *dir = malloc(512);
	assert_non_null(dir);
	unit_tmpdir(dir, 512);
	*state = dir;
	return 0;
}

static int scratch_teardown(void **state)
{
	unit_rmtree(*state);
	free(*state);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;
	FILE *mem = open_memstream(&buf, &cap);
	char chunk[4096];
	size_t n;

	assert_non_null(fp);
	assert_non_null(mem);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		fwrite(chunk, 1, n, mem);
	fclose(fp);
	assert_int_equal(fclose(mem), 0);
	*len = cap;
	return buf;
}

/* Opening path fails with code and a message holding expect; the file's bytes stay as they were. */
static void expect_refused_unchanged(const char *path, int code, const char *expect)
{
	size_t before_len, after_len;
	char *before = slurp(path, &before_len);
	cx_db *db = (cx_db *)1;
	cx_err err = { 0 };
	char wal[600];

	assert_int_equal(cx_db_open(&db, path, 0, &err), code);
	assert_null(db);
	if (!strstr(err.msg, expect))
		fail_msg("message \"%s\" does not say \"%s\"", err.msg, expect);
	char *after = slurp(path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	snprintf(wal, sizeof wal, "%s-wal", path);
	assert_int_not_equal(access(wal, F_OK), 0);
	free(before);
	free(after);
}

static void sqlite_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	sqlite3_close(h);
}

static void test_open_creates_private_file(void **state)
{
	const char *dir = *state;
	char path[600], sub[600];
	struct stat st;
	cx_db *db;
	cx_err err = { 0 };
	mode_t old = umask(022);

	snprintf(path, sizeof path, "%s/a/b/cx.db", dir);
	int rc = cx_db_open(&db, path, 0, &err);
	umask(old);
	unit_ok(rc, err);
	assert_string_equal(cx_db_path(db), path);
	assert_int_equal(cx_db_schema_version(db), CX_SCHEMA_VERSION);
	cx_db_close(db);

	/* Customer data: readable by its owner only, whatever the umask allows. */
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	snprintf(sub, sizeof sub, "%s/a", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	snprintf(sub, sizeof sub, "%s/a/b", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
}

/* How a command opens: a reader needs a database that is there; a writer's new file goes again if it stores nothing. */
static void test_open_modes(void **state)
{
	const char *dir = *state;
	char path[600], nodir[700];
	cx_db *db = (cx_db *)1;
	cx_err err = { 0 };

	snprintf(path, sizeof path, "%s/cx.db", dir);
	cx_db_how reader = { .flags = CX_DB_READER, .hint = "cx init creates it" };
	assert_int_equal(cx_db_open_as(&db, path, &reader, &err), CX_ENOINPUT);
	assert_null(db);
	assert_true(strstr(err.msg, ": no such database (cx init creates it)") != NULL);
	assert_int_not_equal(access(path, F_OK), 0);

	/* a writer makes the file, but not a directory unless told */
	snprintf(nodir, sizeof nodir, "%s/no/cx.db", dir);
	cx_db_how writer = { .flags = CX_DB_CREATE };
	assert_int_equal(cx_db_open_as(&db, nodir, &writer, &err), CX_ENOINPUT);
	assert_true(strstr(err.msg, "no such directory") != NULL);
	unit_ok(cx_db_open_as(&db, path, &writer, &err), err);
	/* nothing committed: abandoned, it goes, with its companions */
	cx_db_abandon(db);
	assert_int_not_equal(access(path, F_OK), 0);
	snprintf(nodir, sizeof nodir, "%s-wal", path);
	assert_int_not_equal(access(nodir, F_OK), 0);

	/* something committed: abandoned, it stays */
	unit_ok(cx_db_open_as(&db, path, &writer, &err), err);
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_config_set(db, "stale", "2w", &err), err);
	unit_ok(cx_db_commit(db, &err), err);
	cx_db_abandon(db);
	assert_int_equal(access(path, F_OK), 0);

	/* a file that was there is never removed, and a reader opens it */
	unit_ok(cx_db_open_as(&db, path, &writer, &err), err);
	cx_db_abandon(db);
	assert_int_equal(access(path, F_OK), 0);
	unit_ok(cx_db_open_as(&db, path, &reader, &err), err);
	unit_ok(cx_db_unchanged(db, &err), err);
	cx_db_close(db);
	/* a private database in memory is always there (the argument fuzzer reads one) */
	unit_ok(cx_db_open_as(&db, ":memory:", &reader, &err), err);
	assert_int_equal(cx_db_schema_version(db), CX_SCHEMA_VERSION);
	cx_db_close(db);
}

static void test_reopen_keeps_data(void **state)
{
	const char *dir = *state;
	char path[600];
	cx_db *db;
	cx_err err = { 0 };
	int64_t id, found;

	snprintf(path, sizeof path, "%s/cx.db", dir);
	unit_ok(cx_db_open(&db, path, 0, &err), err);
	cx_db_set_now(db, UNIT_NOW);
	cx_customer_in in = { .name = "Dana Ruiz", .email = "dana@example.com" };
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_customer_add(db, &in, &id, &err), err);
	unit_ok(cx_db_commit(db, &err), err);
	cx_db_close(db);

	unit_ok(cx_db_open(&db, path, 0, &err), err);
	assert_int_equal(cx_db_schema_version(db), CX_SCHEMA_VERSION);
	unit_ok(cx_customer_by_email(db, "dana@example.com", &found, &err), err);
	assert_int_equal(found, id);
	cx_db_close(db);

	/* The file is in WAL mode, so readers never wait for a writer. */
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static void test_newer_schema_refused(void **state)
{
	const char *dir = *state;
	char path[600], sql[128], want[700];

	snprintf(path, sizeof path, "%s/newer.db", dir);
	snprintf(sql, sizeof sql, "CREATE TABLE later (x); PRAGMA user_version = %d;", CX_SCHEMA_VERSION + 1);
	sqlite_exec(path, sql);
	snprintf(want, sizeof want, "%s was written by a newer cx (schema %d; this cx knows up to %d): upgrade cx",
		 path, CX_SCHEMA_VERSION + 1, CX_SCHEMA_VERSION);
	expect_refused_unchanged(path, CX_EDATA, want);
}

static void test_garbage_refused(void **state)
{
	const char *dir = *state;
	char path[600];
	FILE *fp;

	snprintf(path, sizeof path, "%s/notes.txt", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (int i = 0; i < 400; i++)
		fputs("this is a text file, not a database\n", fp);
	fclose(fp);
	expect_refused_unchanged(path, CX_EDATA, "not a cx database, or damaged");

	/* Shorter than an SQLite header. */
	snprintf(path, sizeof path, "%s/short.txt", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("hello\n", fp);
	fclose(fp);
	expect_refused_unchanged(path, CX_EDATA, "not a cx database, or damaged");
}

static void test_foreign_database_refused(void **state)
{
	const char *dir = *state;
	char path[600];

	/* Another program's SQLite file (user_version 0, tables of its own) is not ours to migrate. */
	snprintf(path, sizeof path, "%s/other.sqlite", dir);
	sqlite_exec(path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');");
	expect_refused_unchanged(path, CX_EDATA, "not a cx database");
}

static void test_bad_paths_refused(void **state)
{
	const char *dir = *state;
	char path[600];
	cx_db *db = (cx_db *)1;
	cx_err err = { 0 };

	assert_int_equal(cx_db_open(&db, dir, 0, &err), CX_EIO);
	assert_null(db);
	assert_non_null(strstr(err.msg, "is a directory, not a database"));

	assert_int_equal(cx_db_open(&db, "", 0, &err), CX_EUSAGE);
	assert_string_equal(err.msg, "empty database path");
	assert_int_equal(cx_db_open(&db, NULL, 0, &err), CX_EUSAGE);

	/* A regular file where a directory should be. */
	snprintf(path, sizeof path, "%s/plain", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/plain/cx.db", dir);
	err.code = 0;
	assert_true(cx_db_open(&db, path, 0, &err) < 0);
	assert_null(db);
	assert_true(err.code < 0);
	assert_non_null(strstr(err.msg, path));
}

/* A fresh database, and no transaction yet: these tests are about beginning and ending them. */
static int bare_setup(void **state)
{
	unit_db_setup(state);
	cx_db_rollback(unit_db_of(state));
	return 0;
}

/* 1 when a customer with this email exists. */
static int has_customer(cx_db *db, const char *email)
{
	int64_t id;
	cx_err err = { 0 };
	int rc = cx_customer_by_email(db, email, &id, &err);
	if (rc != CX_OK && rc != CX_ENOTFOUND)
		fail_msg("lookup of %s: %s", email, err.msg);
	return rc == CX_OK;
}

static void add_customer(cx_db *db, const char *name, const char *email)
{
	cx_customer_in in = { .name = name, .email = email };
	cx_err err = { 0 };
	int64_t id;
	unit_ok(cx_customer_add(db, &in, &id, &err), err);
}

static void test_nested_rollback_inner_keeps_outer(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };

	assert_false(cx_db_in_transaction(db));
	unit_ok(cx_db_begin(db, &err), err);
	add_customer(db, "A", "a@example.com");
	unit_ok(cx_db_begin(db, &err), err);
	add_customer(db, "B", "b@example.com");
	cx_db_rollback(db);
	assert_true(cx_db_in_transaction(db));
	assert_true(has_customer(db, "a@example.com"));
	assert_false(has_customer(db, "b@example.com"));
	unit_ok(cx_db_commit(db, &err), err);
	assert_false(cx_db_in_transaction(db));
	assert_true(has_customer(db, "a@example.com"));
	assert_false(has_customer(db, "b@example.com"));
}

static void test_nested_rollback_outer_drops_all(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };

	unit_ok(cx_db_begin(db, &err), err);
	add_customer(db, "A", "a@example.com");
	unit_ok(cx_db_begin(db, &err), err);
	add_customer(db, "B", "b@example.com");
	unit_ok(cx_db_commit(db, &err), err); /* only releases the savepoint */
	assert_true(cx_db_in_transaction(db));
	cx_db_rollback(db);
	assert_false(cx_db_in_transaction(db));
	assert_false(has_customer(db, "a@example.com"));
	assert_false(has_customer(db, "b@example.com"));
}

static void test_nested_three_levels(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };

	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_db_begin(db, &err), err);
	add_customer(db, "D", "d@example.com");
	cx_db_rollback(db);
	add_customer(db, "E", "e@example.com");
	unit_ok(cx_db_commit(db, &err), err);
	/* A level can be used again after a rollback. */
	unit_ok(cx_db_begin(db, &err), err);
	add_customer(db, "F", "f@example.com");
	unit_ok(cx_db_commit(db, &err), err);
	unit_ok(cx_db_commit(db, &err), err);
	assert_false(cx_db_in_transaction(db));
	assert_false(has_customer(db, "d@example.com"));
	assert_true(has_customer(db, "e@example.com"));
	assert_true(has_customer(db, "f@example.com"));
}

static void test_failed_call_inside_transaction(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t id;

	/* A caller that goes on after a refused change undoes its part with a savepoint. */
	unit_ok(cx_db_begin(db, &err), err);
	add_customer(db, "A", "a@example.com");
	cx_customer_in dup = { .name = "A again", .email = "a@example.com", .phone = "555 0100" };
	unit_ok(cx_db_begin(db, &err), err);
	assert_int_equal(cx_customer_add(db, &dup, &id, &err), CX_EDATA);
	cx_db_rollback(db);
	assert_true(cx_db_in_transaction(db));
	add_customer(db, "G", "g@example.com");
	unit_ok(cx_db_commit(db, &err), err);
	assert_true(has_customer(db, "a@example.com"));
	assert_true(has_customer(db, "g@example.com"));
}

static void test_commit_without_transaction(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };

	assert_int_equal(cx_db_commit(db, &err), CX_EINTERNAL);
	assert_string_equal(err.msg, "commit without a transaction");
	cx_db_rollback(db); /* harmless */
	assert_false(cx_db_in_transaction(db));
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_db_commit(db, &err), err);
}

static void test_busy(void **state)
{
	unit_db *u = *state;
	cx_db *other;
	cx_err err = { 0 };

	unit_ok(cx_db_open(&other, u->path, 0, &err), err);
	unit_ok(cx_db_begin(u->db, &err), err);
	/* A second writer does not wait (busy 0) and is told to try again. */
	assert_int_equal(cx_db_begin(other, &err), CX_EBUSY);
	assert_non_null(strstr(err.msg, "database is busy, try again"));
	assert_false(cx_db_in_transaction(other));
	cx_db_rollback(u->db);
	unit_ok(cx_db_begin(other, &err), err);
	unit_ok(cx_db_commit(other, &err), err);
	cx_db_close(other);
}

static void test_clock(void **state)
{
	cx_db *db = unit_db_of(state);

	assert_int_equal(cx_db_now(db), UNIT_NOW);
	cx_db_set_now(db, 123);
	assert_int_equal(cx_db_now(db), 123);
	/* 0 (or less) means the real clock. */
	cx_db_set_now(db, 0);
	int64_t before = (int64_t)time(NULL);
	int64_t now = cx_db_now(db);
	int64_t after = (int64_t)time(NULL);
	assert_in_range(now, before, after);
	cx_db_set_now(db, -5);
	assert_true(cx_db_now(db) >= after);
}

static void test_actor(void **state)
{
	cx_db *db = unit_db_of(state);
	char name[] = "ben";

	assert_string_equal(cx_db_actor(db), UNIT_ACTOR);
	/* The handle keeps its own copy. */
	cx_db_set_actor(db, name);
	name[0] = 'x';
	assert_string_equal(cx_db_actor(db), "ben");
	cx_db_set_actor(db, NULL);
	assert_string_equal(cx_db_actor(db), "unknown");
}

static void test_default_path(void **state)
{
	char *xdg = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char buf[256], tiny[8];
	cx_err err = { 0 };

	setenv("XDG_DATA_HOME", "/data", 1);
	setenv("HOME", "/home/ana", 1);
	unit_ok(cx_db_default_path(buf, sizeof buf, &err), err);
	assert_string_equal(buf, "/data/cx/cx.db");
	/* A relative XDG_DATA_HOME is invalid by the spec: ignored. */
	setenv("XDG_DATA_HOME", "data", 1);
	unit_ok(cx_db_default_path(buf, sizeof buf, &err), err);
	assert_string_equal(buf, "/home/ana/.local/share/cx/cx.db");
	unsetenv("XDG_DATA_HOME");
	unit_ok(cx_db_default_path(buf, sizeof buf, &err), err);
	assert_string_equal(buf, "/home/ana/.local/share/cx/cx.db");
	assert_int_equal(cx_db_default_path(tiny, sizeof tiny, &err), CX_EUSAGE);
	assert_non_null(strstr(err.msg, "too long"));
	unsetenv("HOME");
	assert_int_equal(cx_db_default_path(buf, sizeof buf, &err), CX_EUSAGE);
	assert_non_null(strstr(err.msg, "HOME is not set"));

	if (xdg)
		setenv("XDG_DATA_HOME", xdg, 1);
	if (home)
		setenv("HOME", home, 1);
	free(xdg);
	free(home);
}

/* The library's writers run inside their caller's transaction, and say so when there is none. */
static void test_caller_owns_the_transaction(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	int64_t id;
	cx_customer_in in = { .name = "Dana", .email = "dana@example.com" };

	assert_int_equal(cx_customer_add(db, &in, &id, &err), CX_EINTERNAL);
	assert_string_equal(err.msg, "cx_customer_add: called outside a transaction (its caller begins one)");
	assert_false(has_customer(db, "dana@example.com"));
	assert_int_equal(cx_db_need(db, "who", &err), CX_EINTERNAL);
	assert_string_equal(err.msg, "who: called outside a transaction (its caller begins one)");
	/* a bulk transaction is only ever the outermost: nested, its deferred checks would be a lie */
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_db_need(db, "who", &err), err);
	assert_int_equal(cx_db_begin_bulk(db, &err), CX_EINTERNAL);
	assert_string_equal(err.msg, "a bulk transaction begun inside another");
	unit_ok(cx_customer_add(db, &in, &id, &err), err);
	unit_ok(cx_db_commit(db, &err), err);
	assert_true(has_customer(db, "dana@example.com"));
	/* on a file the one writer holds the whole database: there is no row to lock, and no retry */
	unit_ok(cx_db_begin(db, &err), err);
	unit_ok(cx_db_lock_case(db, 1, &err), err);
	assert_false(cx_db_retryable(db));
	cx_db_rollback(db);
	assert_int_equal(cx_db_lock_case(db, 1, &err), CX_EINTERNAL);
}

/* A savepoint rolled back takes back the hook events queued since it began, and only those. */
static void test_hooks_follow_savepoints(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	unit_ok(cx_db_begin(db, &err), err);
	cx_db_hook(db, "on-a", "{\"n\":1}");
	unit_ok(cx_db_begin(db, &err), err);
	cx_db_hook(db, "on-a", "{\"n\":2}");
	unit_ok(cx_db_begin(db, &err), err);
	cx_db_hook(db, "on-a", "{\"n\":3}");
	unit_ok(cx_db_commit(db, &err), err); /* released: its event now belongs to the level above */
	assert_int_equal(cx_db_hook_count(db), 3);
	cx_db_rollback(db);
	assert_int_equal(cx_db_hook_count(db), 1);
	assert_string_equal(cx_db_hook_json(db, 0), "{\"n\":1}");
	unit_ok(cx_db_begin(db, &err), err);
	cx_db_hook(db, "on-a", "{\"n\":4}");
	unit_ok(cx_db_commit(db, &err), err);
	unit_ok(cx_db_commit(db, &err), err);
	assert_int_equal(cx_db_hook_count(db), 2);
	assert_string_equal(cx_db_hook_json(db, 1), "{\"n\":4}");
	cx_db_hooks_clear(db);
}

/* The hook queue keeps CX_HOOK_MAX events of a name; a rollback takes its own back, and makes room again. */
static void test_hook_queue_limit(void **state)
{
	cx_db *db = unit_db_of(state);
	cx_err err = { 0 };
	cx_db_hook(db, "on-x", "{\"n\":0}");
	unit_ok(cx_db_begin(db, &err), err);
	for (int i = 1; i < CX_HOOK_MAX; i++)
		cx_db_hook(db, "on-x", "{}");
	assert_false(cx_db_hook_room(db, "on-x"));
	assert_true(cx_db_hook_room(db, "on-y"));
	cx_db_hook(db, "on-x", "{}");
	assert_int_equal(cx_db_hook_count(db), CX_HOOK_MAX);
	assert_int_equal(cx_db_hook_dropped(db), 2);
	cx_db_rollback(db);
	/* the event queued before the transaction stays, and there is room for more */
	assert_int_equal(cx_db_hook_count(db), 1);
	assert_string_equal(cx_db_hook_json(db, 0), "{\"n\":0}");
	assert_true(cx_db_hook_room(db, "on-x"));
	cx_db_hook(db, "on-x", "{}");
	assert_int_equal(cx_db_hook_count(db), 2);
	cx_db_hooks_clear(db);
	assert_int_equal(cx_db_hook_count(db), 0);
	assert_true(cx_db_hook_room(db, "on-x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_private_file, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_open_modes, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_data, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_garbage_refused, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_database_refused, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_bad_paths_refused, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_nested_rollback_inner_keeps_outer, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_nested_rollback_outer_drops_all, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_nested_three_levels, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_failed_call_inside_transaction, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_commit_without_transaction, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_busy, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_clock, unit_db_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_actor, unit_db_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_hook_queue_limit, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_caller_owns_the_transaction, bare_setup, unit_db_teardown),
		cmocka_unit_test_setup_teardown(test_hooks_follow_savepoints, bare_setup, unit_db_teardown),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
