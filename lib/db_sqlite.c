/*
 * The SQLite engine's database handle: one local file, made private and
 * checked before SQLite opens it, in WAL mode, migrated in place; its
 * errors as cx statuses; BEGIN IMMEDIATE transactions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sqlite_impl.h"

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

int cx_sqlite_fail(cx_db *db, int rc, cx_err *err)
{
	const char *path = db && db->path ? db->path : "database";
	/* some calls (sqlite3_db_cacheflush) return an error without recording it */
	const char *msg = db && db->conn && (sqlite3_errcode(LITE(db)) & 0xff) == (rc & 0xff) ? sqlite3_errmsg(LITE(db))
										    : sqlite3_errstr(rc);
	int sys = db && db->conn ? sqlite3_system_errno(LITE(db)) : 0; /* the errno behind an I/O failure */

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

static int lite_open(cx_db *db, cx_err *err)
{
	static int configured;
	const char *path = db->target;
	sqlite3 *h = NULL;
	int rc;

	/* Memory statistics cost a global mutex on every allocation; cx never reads them. */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	/* ":memory:" is a private database that vanishes with the handle (tests, fuzzing) */
	int memory = !strcmp(path, ":memory:");
	if (!memory && (rc = prepare_file(path, err)))
		return rc;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (memory)
		flags |= SQLITE_OPEN_CREATE;
	else if (access(path, W_OK) != 0)
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(path, &h, flags, NULL);
	db->conn = h;
	if (rc != SQLITE_OK)
		return cx_sqlite_fail(db, rc, err);
	sqlite3_extended_result_codes(h, 0);
	sqlite3_busy_timeout(h, db->busy_ms);

	/* Read the version before changing anything, so a newer file stays untouched. */
	int64_t v = 0;
	cx_stmt *st;
	if ((rc = cx_sql_prepare(db, "PRAGMA user_version", &st, err)) || (rc = cx_sql_one_int(st, 0, &v, err)))
		return rc;
	db->version = (int)v;
	if (v > CX_SCHEMA_VERSION)
		return cx_fail(err, CX_EDATA, "%s was written by a newer cx (schema %d; this cx knows up to %d): upgrade cx",
			       path, (int)v, CX_SCHEMA_VERSION);
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
			return rc;
		if (n > 0)
			return cx_fail(err, CX_EDATA,
				       "%s: not a cx database (it holds another program's tables; use --db for another file)",
				       path);
	}
	if ((rc = cx_sql_exec(db, "PRAGMA foreign_keys = ON", err)))
		return rc;
	return v < CX_SCHEMA_VERSION ? cx_schema_migrate(db, err) : CX_OK;
}

static void lite_close(cx_db *db)
{
	if (db->conn)
		sqlite3_close_v2(LITE(db));
	db->conn = NULL;
}

/* A bulk transaction checks no foreign keys row by row: they are back on when it ends. */
static void fk_restore(cx_db *db)
{
	if (db->bulk) {
		sqlite3_exec(LITE(db), "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		db->bulk = 0;
	}
}

static int lite_begin(cx_db *db, int bulk, cx_err *err)
{
	int rc;
	if (bulk) {
		if ((rc = cx_sqlite_exec(db, "PRAGMA foreign_keys = OFF", err)))
			return rc;
		db->bulk = 1;
	}
	if ((rc = cx_sqlite_exec(db, "BEGIN IMMEDIATE", err)))
		fk_restore(db);
	return rc;
}

static int lite_commit(cx_db *db, cx_err *err)
{
	int rc = cx_sqlite_exec(db, "COMMIT", err);
	if (rc == CX_OK)
		fk_restore(db);
	return rc;
}

static void lite_rollback(cx_db *db)
{
	sqlite3_exec(LITE(db), "ROLLBACK", NULL, NULL, NULL);
	fk_restore(db);
}

static int lite_flush(cx_db *db, cx_err *err)
{
	int rc = sqlite3_db_cacheflush(LITE(db));
	return rc == SQLITE_OK ? CX_OK : cx_sqlite_fail(db, rc, err);
}

/* SQLite keeps a value as it comes: the column's type is no matter. */
static void lite_json_field(cx_sqlbuf *q, const char *json, const char *col, const char *type)
{
	cx_sqlbuf_add(q, "json_extract(");
	cx_sqlbuf_add(q, json);
	cx_sqlbuf_add(q, ", '$.\"");
	cx_sqlbuf_add(q, col);
	cx_sqlbuf_add(q, "\"')");
}

static const char *lite_user(cx_db *db)
{
	return NULL;
}

const cx_backend cx_sqlite_backend = {
	.name = "sqlite",
	.search = &cx_fts5_search,
	.open = lite_open,
	.close = lite_close,
	.begin = lite_begin,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.flush = lite_flush,
	.exec = cx_sqlite_exec,
	.changes = cx_sqlite_changes,
	.json_field = lite_json_field,
	.user = lite_user,
	.prepare = cx_sqlite_prepare,
	.finalize = cx_sqlite_finalize,
	.reset = cx_sqlite_reset,
	.bind_int = cx_sqlite_bind_int,
	.bind_real = cx_sqlite_bind_real,
	.bind_text = cx_sqlite_bind_text,
	.bind_null = cx_sqlite_bind_null,
	.step = cx_sqlite_step,
	.columns = cx_sqlite_columns,
	.col_null = cx_sqlite_col_null,
	.col_int = cx_sqlite_col_int,
	.col_real = cx_sqlite_col_real,
	.col_text = cx_sqlite_col_text,
	.col_val = cx_sqlite_col_val,
};
