/* The database handle: opening the SQLite file safely, transactions, actor and clock. */
#include <errno.h>
#include <fcntl.h>
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
			       "cannot tell where the database goes: HOME is not set (use --db PATH or CX_DB)");
	if (n < 0 || (size_t)n >= size)
		return cx_fail(err, CX_EUSAGE, "database path too long (use --db PATH)");
	return CX_OK;
}

/* mkdir -p for the directories above path, mode 0700. */
static int make_parents(const char *path, cx_err *err)
{
	char *dir = strdup(path);
	if (!dir)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			cx_fail(err, e == EACCES || e == EPERM || e == EROFS ? CX_EPERM : CX_EIO,
				"cannot create directory %s: %s (use --db PATH for another place)", dir,
				strerror(e));
			free(dir);
			return err ? err->code : CX_EIO;
		}
		*p = '/';
	}
	free(dir);
	return CX_OK;
}

/* Creates a missing database file with mode 0600 before SQLite opens it. */
static int prepare_file(const char *path, cx_err *err)
{
	struct stat st;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return cx_fail(err, CX_EIO, "%s is a directory, not a database (use --db FILE)", path);
		/* a FIFO would hang the reader; /dev/null would have SQLite make its journal beside it */
		if (!S_ISREG(st.st_mode))
			return cx_fail(err, CX_EIO, "%s is not a regular file, not a database (use --db FILE)", path);
		return CX_OK;
	}
	if (errno != ENOENT)
		return cx_fail(err, errno == EACCES ? CX_EPERM : CX_EIO, "cannot open database %s: %s", path,
			       strerror(errno));
	int rc = make_parents(path, err);
	if (rc)
		return rc;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST) {
		int e = errno;
		return cx_fail(err, e == EACCES || e == EPERM || e == EROFS ? CX_EPERM : CX_EIO,
			       "cannot create database %s: %s", path, strerror(e));
	}
	if (fd >= 0)
		close(fd);
	return CX_OK;
}

/* The errno that keeps files from being made next to path (0 when they can be). */
static int dir_unwritable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	int e = 0;
	if (dir && access(dir, W_OK) != 0 && (errno == EACCES || errno == EPERM || errno == EROFS))
		e = errno;
	free(dir);
	return e;
}

int cx_db_fail(cx_db *db, int rc, cx_err *err)
{
	const char *path = db && db->path ? db->path : "database";
	/* some calls (sqlite3_db_cacheflush) return an error without recording it */
	const char *msg = db && db->h && (sqlite3_errcode(db->h) & 0xff) == (rc & 0xff) ? sqlite3_errmsg(db->h)
										    : sqlite3_errstr(rc);
	int sys = db && db->h ? sqlite3_system_errno(db->h) : 0; /* the errno behind an I/O failure */

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cx_fail(err, CX_EBUSY, "database is busy, try again (%s)", path);
	case SQLITE_FULL:
		return cx_fail(err, CX_EIO, "%s: disk full (free some space and try again)", path);
	case SQLITE_IOERR:
		/* a file size limit (ulimit -f) or a quota is a full disk to the user */
		if (sys == EFBIG || sys == ENOSPC || sys == EDQUOT)
			return cx_fail(err, CX_EIO, "%s: disk full: %s (free some space and try again)", path,
				       strerror(sys));
		return cx_fail(err, CX_EIO, "%s: I/O error: %s", path, msg);
	case SQLITE_READONLY:
		return cx_fail(err, CX_EPERM,
			       "%s: database is read-only (check the permissions of the file and its directory)",
			       path);
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return cx_fail(err, CX_EPERM, "%s: permission denied", path);
	case SQLITE_CANTOPEN:
		/* e.g. the -wal and -shm files cannot be made in a read-only directory */
		if (sys != EACCES && sys != EPERM && sys != EROFS)
			sys = db && db->path ? dir_unwritable(db->path) : 0;
		if (sys)
			return cx_fail(err, CX_EPERM,
				       "%s: cannot open the database: %s (check the permissions of the file and its directory)",
				       path, strerror(sys));
		return cx_fail(err, CX_EIO, "%s: cannot open the database file (check the path and permissions)",
			       path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return cx_fail(err, CX_EDATA,
			       "%s: not a cx database, or damaged (restore it from a backup, or use --db for another file)",
			       path);
	case SQLITE_NOMEM:
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	case SQLITE_CONSTRAINT:
		return cx_fail(err, CX_EDATA, "%s", msg);
	default:
		return cx_fail(err, CX_EINTERNAL, "database error: %s", msg);
	}
}

int cx_db_open(cx_db **out, const char *path, int busy_ms, cx_err *err)
{
	cx_db *db;
	int rc;
	static int configured;

	*out = NULL;
	/* Memory statistics cost a global mutex on every allocation; cx never reads them. */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if (!path || !path[0])
		return cx_fail(err, CX_EUSAGE, "empty database path");
	/* ":memory:" is a private database that vanishes with the handle (tests, fuzzing) */
	int memory = !strcmp(path, ":memory:");
	rc = memory ? CX_OK : prepare_file(path, err);
	if (rc)
		return rc;
	db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (memory)
		flags |= SQLITE_OPEN_CREATE;
	else if (access(path, W_OK) != 0)
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_extended_result_codes(db->h, 0);
	sqlite3_busy_timeout(db->h, busy_ms > 0 ? busy_ms : 0);

	db->busy_ms = busy_ms > 0 ? busy_ms : 0;

	/* Read the version before changing anything, so a newer file stays untouched. */
	int64_t v = 0;
	cx_stmt *st;
	rc = cx_sql_prepare(db, "PRAGMA user_version", &st, err);
	if (rc)
		goto fail_cx;
	rc = cx_sql_one_int(st, 0, &v, err);
	if (rc)
		goto fail_cx;
	db->version = (int)v;
	if (v > CX_SCHEMA_VERSION) {
		rc = cx_fail(err, CX_EDATA,
			     "%s was written by a newer cx (schema %d; this cx knows up to %d): upgrade cx",
			     path, (int)v, CX_SCHEMA_VERSION);
		goto fail_cx;
	}
	/*
	 * Version 0 with tables in it is another program's database: not ours to
	 * migrate. The version is read again in the same snapshot, in case another
	 * cx has created the schema since.
	 */
	if (v == 0) {
		int64_t n;
		if ((rc = cx_sql_prepare(db,
					 "SELECT count(*) FROM sqlite_master"
					 " WHERE (SELECT user_version FROM pragma_user_version) = 0",
					 &st, err)) ||
		    (rc = cx_sql_one_int(st, 0, &n, err)))
			goto fail_cx;
		if (n > 0) {
			rc = cx_fail(err, CX_EDATA,
				     "%s: not a cx database (it holds another program's tables; use --db for another file)",
				     path);
			goto fail_cx;
		}
	}
	rc = cx_sql_exec(db, "PRAGMA foreign_keys = ON", err);
	if (rc)
		goto fail_cx;
	if (v < CX_SCHEMA_VERSION) {
		rc = cx_schema_migrate(db, err);
		if (rc)
			goto fail_cx;
	}
	*out = db;
	return CX_OK;
fail:
	rc = cx_db_fail(db, rc, err);
fail_cx:
	cx_db_close(db);
	return rc;
}

void cx_db_close(cx_db *db)
{
	if (!db)
		return;
	cx_db_hooks_clear(db);
	for (size_t i = 0; i < sizeof db->cache / sizeof db->cache[0]; i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db->path);
	free(db->actor);
	free(db);
}

const char *cx_db_path(const cx_db *db)
{
	return db->path;
}

int cx_db_schema_version(cx_db *db)
{
	return db->version;
}

int cx_db_begin(cx_db *db, cx_err *err)
{
	char sql[48];
	int rc;

	if (db->depth == 0) {
		rc = cx_sql_exec(db, "BEGIN IMMEDIATE", err);
		db->hook_mark = db->nhooks;
	}
	else {
		snprintf(sql, sizeof sql, "SAVEPOINT cx_%d", db->depth);
		rc = cx_sql_exec(db, sql, err);
	}
	if (rc == CX_OK)
		db->depth++;
	return rc;
}

static void fk_restore(cx_db *db)
{
	if (db->fk_off && db->depth == 0) {
		sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		db->fk_off = 0;
	}
}

int cx_db_begin_bulk(cx_db *db, cx_err *err)
{
	int rc;

	if (db->depth == 0) {
		if ((rc = cx_sql_exec(db, "PRAGMA foreign_keys = OFF", err)))
			return rc;
		db->fk_off = 1;
	}
	if ((rc = cx_db_begin(db, err)))
		fk_restore(db);
	return rc;
}

int cx_db_flush(cx_db *db, cx_err *err)
{
	int rc = sqlite3_db_cacheflush(db->h);
	return rc == SQLITE_OK ? CX_OK : cx_db_fail(db, rc, err);
}

int cx_db_commit(cx_db *db, cx_err *err)
{
	char sql[48];
	int rc;

	if (db->depth <= 0)
		return cx_fail(err, CX_EINTERNAL, "commit without a transaction");
	if (db->depth == 1)
		rc = cx_sql_exec(db, "COMMIT", err);
	else {
		snprintf(sql, sizeof sql, "RELEASE cx_%d", db->depth - 1);
		rc = cx_sql_exec(db, sql, err);
	}
	if (rc == CX_OK) {
		db->depth--;
		fk_restore(db);
	} else {
		cx_db_rollback(db);
	}
	return rc;
}

void cx_db_rollback(cx_db *db)
{
	char sql[80];

	if (db->depth <= 0)
		return;
	db->depth--;
	if (db->depth == 0) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		/* what did not happen announces nothing; what was committed before still does */
		while (db->nhooks > db->hook_mark)
			free(db->hooks[--db->nhooks].json);
		db->hook_full[0] = 0;
		fk_restore(db);
		return;
	}
	snprintf(sql, sizeof sql, "ROLLBACK TO cx_%d; RELEASE cx_%d", db->depth, db->depth);
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
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
