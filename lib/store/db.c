/*
 * The database handle, whatever the engine: opening the file or the server
 * a path names, nested transactions, and what a command carries along (who
 * acts, the clock, the hook events its changes raise).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cx/db.h"
#include "db_impl.h"
#include "sql.h"

int cx_db_default_path(char *buf, size_t size, cx_err *err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/cx/cx.db", xdg);
	else if (home && home[0])
		n = snprintf(buf, size, "%s/.local/share/cx/cx.db", home);
	else
		return cx_fail(err, CX_EUSAGE,
			       "cannot tell where the database goes: HOME is not set (use " CX_FIELD_ARG("db")
			       " or CX_DB)");
	if (n < 0 || (size_t)n >= size)
		return cx_fail(err, CX_EUSAGE, "database path too long (use " CX_FIELD_ARG("db") ")");
	return CX_OK;
}

int cx_db_is_server(const char *path)
{
	return path && (!strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11));
}

/* The URL to show: any password in it replaced by ***. */
static char *shown(const char *target)
{
	char *s = strdup(target);
	if (!s || !cx_db_is_server(target))
		return s;
	char *auth = strstr(s, "://") + 3, *at = strchr(auth, '@'), *colon = strchr(auth, ':');
	if (at && colon && colon < at) {
		size_t rest = strlen(at) + 1;
		memmove(colon + 4, at, rest);
		memcpy(colon + 1, "***", 3);
	}
	return s;
}

int cx_db_open(cx_db **out, const char *path, int busy_ms, cx_err *err)
{
	cx_db_how how = { .flags = CX_DB_CREATE | CX_DB_MKDIRS, .busy_ms = busy_ms };
	return cx_db_open_as(out, path, &how, err);
}

int cx_db_open_existing(cx_db **out, const char *path, int busy_ms, cx_err *err)
{
	cx_db_how how = { .flags = CX_DB_READER, .busy_ms = busy_ms };
	return cx_db_open_as(out, path, &how, err);
}

int cx_db_open_as(cx_db **out, const char *path, const cx_db_how *how, cx_err *err)
{
	*out = NULL;
	if (!path || !path[0])
		return cx_fail(err, CX_EUSAGE, "empty database path");
	const cx_backend *be = &cx_sqlite_backend;
	if (cx_db_is_server(path)) {
		int rc = cx_pg_load(&be, err);
		if (rc)
			return rc;
	}
	cx_db *db = calloc(1, sizeof *db);
	if (!db || !(db->target = strdup(path)) || !(db->path = shown(path)) ||
	    !(db->hint = strdup(how->hint ? how->hint : "cx init creates it"))) {
		if (db) {
			free(db->target);
			free(db->path);
		}
		free(db);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	db->be = be;
	db->busy_ms = how->busy_ms > 0 ? how->busy_ms : 0;
	db->how = how->flags;
	db->file.pin = -1;
	db->file.data_version = -1; /* not known until it is opened */
	int rc = be->open(db, err);
	if (rc) {
		cx_db_abandon(db);
		return rc;
	}
	db->commits = 0; /* what the migration committed is not the command's */
	*out = db;
	return CX_OK;
}

static void close_db(cx_db *db, int failed)
{
	cx_db_hooks_clear(db);
	for (size_t i = 0; i < sizeof db->cache / sizeof db->cache[0]; i++)
		cx_sql_finalize(db->cache[i].st);
	if (failed && db->be->abandon)
		db->be->abandon(db);
	else
		db->be->close(db);
	if (db->file.pin >= 0)
		close(db->file.pin); /* after SQLite's own descriptors: closing one drops every lock of ours on the file */
	free(db->target);
	free(db->path);
	free(db->hint);
	free(db->actor);
	free(db);
}

void cx_db_close(cx_db *db)
{
	if (db)
		close_db(db, 0);
}

void cx_db_abandon(cx_db *db)
{
	if (db)
		close_db(db, 1);
}

int cx_db_unchanged(cx_db *db, cx_err *err)
{
	struct stat st;
	if (!db || db->file.pin < 0)
		return CX_OK;
	if (fstat(db->file.pin, &st) == 0 && (long long)st.st_ino == db->file.ino &&
	    (long long)st.st_size == db->file.size && (long long)st.st_mtim.tv_sec == db->file.mtime_s &&
	    (long long)st.st_mtim.tv_nsec == db->file.mtime_ns)
		return CX_OK;
	return cx_fail(err, CX_EBUSY, "%s was written to while it was read: what was shown may be wrong (run the command again)",
		       db->path);
}

const char *cx_db_path(const cx_db *db)
{
	return db->path;
}

const char *cx_db_engine(const cx_db *db)
{
	return db->be->name;
}

const char *cx_db_user(cx_db *db)
{
	return db->be->user(db);
}

int cx_db_schema_version(cx_db *db)
{
	return db->version;
}

static int begin(cx_db *db, int bulk, cx_err *err)
{
	char sql[48];
	int rc;

	if (db->depth >= CX_DB_MAX_DEPTH)
		return cx_fail(err, CX_EINTERNAL, "transactions nested more than %d deep", CX_DB_MAX_DEPTH);
	if (db->depth == 0) {
		db->retryable = 0;
		rc = db->be->begin(db, bulk, err);
	} else if (bulk) {
		/* a bulk import is its caller's outermost transaction, or its promise (deferred checks) is not kept */
		return cx_fail(err, CX_EINTERNAL, "a bulk transaction begun inside another");
	} else {
		snprintf(sql, sizeof sql, "SAVEPOINT cx_%d", db->depth);
		rc = cx_sql_exec(db, sql, err);
	}
	if (rc == CX_OK)
		db->hook_mark[db->depth++] = db->nhooks;
	return rc;
}

int cx_db_begin(cx_db *db, cx_err *err)
{
	return begin(db, 0, err);
}

int cx_db_begin_bulk(cx_db *db, cx_err *err)
{
	return begin(db, 1, err);
}

int cx_db_need(cx_db *db, const char *who, cx_err *err)
{
	if (db->depth > 0)
		return CX_OK;
	return cx_fail(err, CX_EINTERNAL, "%s: called outside a transaction (its caller begins one)", who);
}

int cx_db_flush(cx_db *db, cx_err *err)
{
	return db->be->flush(db, err);
}

int cx_db_commit(cx_db *db, cx_err *err)
{
	char sql[48];
	int rc;

	if (db->depth <= 0)
		return cx_fail(err, CX_EINTERNAL, "commit without a transaction");
	if (db->depth == 1) {
		rc = db->be->commit(db, err);
		db->commits += rc == CX_OK;
		if (rc == CX_OK && db->fold_log)
			cx_sql_named_exec(db, CX_Q_ERASE_COPIES, NULL);
		db->fold_log = 0;
	} else {
		snprintf(sql, sizeof sql, "RELEASE cx_%d", db->depth - 1);
		rc = cx_sql_exec(db, sql, err);
	}
	if (rc == CX_OK)
		db->depth--;
	else
		cx_db_rollback(db);
	return rc;
}

/* What did not happen announces nothing; what happened before the transaction or savepoint still does. */
static void drop_hooks(cx_db *db, size_t mark)
{
	while (db->nhooks > mark)
		free(db->hooks[--db->nhooks].json);
	db->hook_full[0] = 0;
}

void cx_db_rollback(cx_db *db)
{
	char sql[80];

	if (db->depth <= 0)
		return;
	db->depth--;
	drop_hooks(db, db->hook_mark[db->depth]);
	if (db->depth == 0) {
		db->fold_log = 0;
		db->be->rollback(db);
		return;
	}
	snprintf(sql, sizeof sql, "ROLLBACK TO cx_%d; RELEASE cx_%d", db->depth, db->depth);
	cx_sql_exec(db, sql, NULL);
}

int cx_db_ids_follow(cx_db *db, cx_err *err)
{
	int rc = cx_db_need(db, "cx_db_ids_follow", err);
	return rc ? rc : cx_sql_named_exec(db, CX_Q_IDS_FOLLOW, err);
}

void cx_db_fold_log(cx_db *db)
{
	db->fold_log = 1;
}

int cx_db_retryable(const cx_db *db)
{
	return db->retryable;
}

int cx_db_lock_case(cx_db *db, int64_t id, cx_err *err)
{
	int rc = cx_db_need(db, "cx_db_lock_case", err);
	if (rc || !db->be->named[CX_Q_LOCK_CASE])
		return rc;
	cx_stmt *st;
	if ((rc = cx_sql_named(db, CX_Q_LOCK_CASE, &st, err)))
		return rc;
	cx_sql_bind_int(st, 1, id);
	rc = cx_sql_step(st, err);
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

int cx_db_in_transaction(const cx_db *db)
{
	return db->depth > 0;
}

void cx_db_set_actor(cx_db *db, const char *actor)
{
	free(db->actor);
	db->actor = actor ? strdup(actor) : NULL;
}

const char *cx_db_actor(const cx_db *db)
{
	return db->actor ? db->actor : "unknown";
}

void cx_db_set_now(cx_db *db, int64_t now)
{
	db->now = now;
}

int64_t cx_db_now(const cx_db *db)
{
	return db->now > 0 ? db->now : (int64_t)time(NULL);
}

/*
 * Whether CX_HOOK_MAX events of this name are queued. The last name found
 * full is remembered, so an import of a million unhappy answers does not
 * count the queue a million times; the queue only shrinks on rollback.
 */
static int hook_full(cx_db *db, const char *name)
{
	if (db->hook_full[0] && !strcmp(db->hook_full, name))
		return 1;
	size_t same = 0;
	for (size_t i = 0; i < db->nhooks; i++)
		same += !strcmp(db->hooks[i].name, name);
	if (same < CX_HOOK_MAX)
		return 0;
	snprintf(db->hook_full, sizeof db->hook_full, "%s", name);
	return 1;
}

void cx_db_hook(cx_db *db, const char *name, const char *json)
{
	if (hook_full(db, name)) {
		db->dropped++;
		return;
	}
	struct cx_hook_ev *h = realloc(db->hooks, (db->nhooks + 1) * sizeof *h);
	if (!h)
		return;
	db->hooks = h;
	snprintf(h[db->nhooks].name, sizeof h[db->nhooks].name, "%s", name);
	if ((h[db->nhooks].json = strdup(json)))
		db->nhooks++;
}

int cx_db_hook_room(cx_db *db, const char *name)
{
	if (!hook_full(db, name))
		return 1;
	db->dropped++;
	return 0;
}

size_t cx_db_hook_count(const cx_db *db)
{
	return db->nhooks;
}

const char *cx_db_hook_name(const cx_db *db, size_t i)
{
	return db->hooks[i].name;
}

const char *cx_db_hook_json(const cx_db *db, size_t i)
{
	return db->hooks[i].json;
}

size_t cx_db_hook_dropped(const cx_db *db)
{
	return db->dropped;
}

void cx_db_hooks_clear(cx_db *db)
{
	for (size_t i = 0; i < db->nhooks; i++)
		free(db->hooks[i].json);
	free(db->hooks);
	db->hooks = NULL;
	db->nhooks = db->dropped = 0;
	db->hook_full[0] = 0;
}
