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
#include <time.h>
#include <unistd.h>

#include "sql.h"
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
				"cannot create directory %s: %s (use " CX_FIELD_ARG("db") " for another place)", dir,
				strerror(e));
			free(dir);
			return err ? err->code : CX_EIO;
		}
		*p = '/';
	}
	free(dir);
	return CX_OK;
}

/* The directory path is in, in buf ("." for a bare name). */
static void dir_of(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(buf, size, ".");
	else if (slash == path)
		snprintf(buf, size, "/");
	else
		snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

/*
 * Checks the file a path names before SQLite opens it, and makes a missing
 * one with mode 0600 when the command may (its directories too, for the
 * default place); a reader is told there is no database.
 */
static int prepare_file(cx_db *db, cx_err *err)
{
	const char *path = db->target;
	struct stat st;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return cx_fail(err, CX_EIO, "%s is a directory, not a database (use " CX_FIELD("db")
						    " FILE)", path);
		/* a FIFO would hang the reader; /dev/null would have SQLite make its journal beside it */
		if (!S_ISREG(st.st_mode))
			return cx_fail(err, CX_EIO, "%s is not a regular file, not a database (use " CX_FIELD("db")
						    " FILE)", path);
		return CX_OK;
	}
	if (errno != ENOENT)
		return cx_fail(err, errno == EACCES ? CX_EPERM : CX_EIO, "cannot open database %s: %s", path,
			       strerror(errno));
	if (!(db->how & CX_DB_CREATE))
		return cx_fail(err, CX_ENOINPUT, "%s: no such database (%s)", path, db->hint);
	char dir[4096];
	dir_of(path, dir, sizeof dir);
	if (stat(dir, &st) != 0 && errno == ENOENT) {
		int rc;
		if (!(db->how & CX_DB_MKDIRS))
			return cx_fail(err, CX_ENOINPUT, "%s: no such directory %s (make it first, or check the path)", path,
				       dir);
		if ((rc = make_parents(path, err)))
			return rc;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST) {
		int e = errno;
		return cx_fail(err, e == EACCES || e == EPERM || e == EROFS ? CX_EPERM : CX_EIO,
			       "cannot create database %s: %s", path, strerror(e));
	}
	if (fd >= 0) {
		db->file.created = 1;
		close(fd);
	}
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

static int exists(const char *path, const char *suffix)
{
	char name[4200];
	struct stat st;
	snprintf(name, sizeof name, "%s%s", path, suffix);
	return lstat(name, &st) == 0;
}

/* SQLite's lock bytes (os_unix.c): a connection that reads holds a read lock on this range. */
enum { SHARED_FIRST = 0x40000000 + 2, SHARED_SIZE = 510 };

/*
 * A reader that may not write the file, or its directory: with no -wal
 * file beside it, SQLite would make a -wal and -shm of the reader's own,
 * which the owner could then not use (or, in a directory the reader may not
 * write, could make neither and not read at all). A file with no log beside
 * it is complete, and is read directly (SQLite's immutable mode), pinned by
 * a descriptor that holds SQLite's shared lock: a writer that comes
 * meanwhile keeps its changes in a log of its own, and, finding the lock
 * when it closes, leaves folding them into the file for later. Returns 1
 * when the file is pinned, 0 when it has a log (open it as SQLite does), or
 * an error.
 */
static int pin(cx_db *db, cx_err *err)
{
	const char *path = db->target;
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = SHARED_FIRST, .l_len = SHARED_SIZE };
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0; /* SQLite will say why */
	/* a writer holds the file's exclusive lock only for a moment (in rollback mode, to write it) */
	for (int waited = 0; fcntl(fd, F_SETLK, &fl) != 0; waited += 10) {
		if ((errno != EAGAIN && errno != EACCES) || waited >= db->busy_ms) {
			int busy = errno == EAGAIN || errno == EACCES;
			close(fd);
			return busy ? cx_fail(err, CX_EBUSY, "database is busy, try again (%s)", db->path) : 0;
		}
		nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
	}
	/* asked under the lock: a writer that has the file open has its log beside it */
	if (exists(path, "-wal") || exists(path, "-journal") || fstat(fd, &st) != 0) {
		close(fd);
		return 0;
	}
	db->file.pin = fd;
	db->file.ino = (long long)st.st_ino;
	db->file.size = (long long)st.st_size;
	db->file.mtime_s = (long long)st.st_mtim.tv_sec;
	db->file.mtime_ns = (long long)st.st_mtim.tv_nsec;
	return 1;
}

/* The URI of a file for SQLite with a query: what a URI gives a meaning to is percent-encoded. */
static char *uri_of(const char *path, const char *query)
{
	char *u = malloc(3 * strlen(path) + strlen(query) + 16), *q = u;
	if (!u)
		return NULL;
	/* an absolute path after an empty authority: file:///srv/cx.db */
	q += sprintf(q, "%s", path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			q += sprintf(q, "%%%02X", *p);
		else
			*q++ = (char)*p;
	sprintf(q, "?%s", query);
	return u;
}

/*
 * The columns of an index on expressions, which SQLite names by the index
 * ("index 'customers_email'", name ending at a quote): its table's, as
 * "table.column" from its definition, lower(x) read as x (as a server
 * says). 0 when they cannot be read.
 */
static int index_columns(cx_db *db, const char *name, char *out, size_t size)
{
	sqlite3_stmt *st;
	int ok = 0;
	if (sqlite3_prepare_v2(LITE(db), "SELECT tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", -1,
			       &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, (int)strcspn(name, "'"), SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 1)) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *sql = (const char *)sqlite3_column_text(st, 1);
		const char *p = strchr(sql, '(');
		size_t len = 0;
		out[0] = '\0';
		while (p && *p && *p != ')' && len + 80 < size) {
			p += strspn(p, "( ,");
			if (!strncmp(p, "lower(", 6))
				p += 6;
			size_t n = strcspn(p, ",) ");
			len += (size_t)snprintf(out + len, size - len, "%s%s.%.*s", len ? ", " : "", table, (int)n, p);
			p += n;
			p += strspn(p, ") ");
			if (*p != ',')
				break;
		}
		ok = len > 0;
	}
	sqlite3_finalize(st);
	return ok;
}

/*
 * The table whose schema holds the CHECK rule of this text, into out: where
 * several hold it (a rule on a column of the same name and meaning), the one
 * the failed statement (its text, when known) writes. 0 when none does.
 */
static int check_table(cx_db *db, const char *rule, const char *written, char *out, size_t size)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(LITE(db),
			       "SELECT name FROM sqlite_schema WHERE type = 'table' AND instr(sql, 'CHECK (' || ?1 || ')') > 0"
			       " ORDER BY instr(' ' || ?2 || ' ', ' ' || name || ' ') = 0, name",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, rule, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, written ? written : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/*
 * A broken rule of the schema: SQLite says which in its extended code and
 * names it after "...failed: " (the columns, or the CHECK's text); cx words
 * it (sql.c). A trigger's own message (RAISE) is cx's words already.
 */
static int rule_fail(cx_db *db, const char *said, const char *sql, cx_err *err)
{
	char msg[400]; /* SQLite's text, kept: asking about the index replaces it */
	snprintf(msg, sizeof msg, "%s", said);
	const char *colon = strstr(msg, "failed: ");
	const char *what = colon ? colon + 8 : "";
	char cols[200];
	int code = db && db->conn ? sqlite3_extended_errcode(LITE(db)) : 0; /* before asking anything else */
	if (!strncmp(what, "index '", 7) && index_columns(db, what + 7, cols, sizeof cols))
		what = cols;
	switch (code) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return cx_sql_rule_fail(err, CX_RULE_UNIQUE, what);
	case SQLITE_CONSTRAINT_NOTNULL:
		return cx_sql_rule_fail(err, CX_RULE_NOT_NULL, what);
	case SQLITE_CONSTRAINT_CHECK:
		return cx_sql_check_fail(err, check_table(db, what, sql, cols, sizeof cols) ? cols : NULL, what);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return cx_sql_rule_fail(err, CX_RULE_REFERENCE, NULL);
	default:
		return cx_fail(err, CX_EDATA, "%s", msg);
	}
}

int cx_sqlite_fail(cx_db *db, int rc, cx_err *err)
{
	return cx_sqlite_fail_in(db, NULL, rc, err);
}

int cx_sqlite_fail_in(cx_db *db, const char *sql, int rc, cx_err *err)
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
			       "%s: not a cx database, or damaged (restore it from a backup, or use " CX_FIELD("db")
			       " for another file)",
			       path);
	case SQLITE_NOMEM:
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	case SQLITE_CONSTRAINT:
		return rule_fail(db, msg, sql, err);
	default:
		return cx_fail(err, CX_EINTERNAL, "database error: %s", msg);
	}
}

/* How many times others have committed to the database since this connection opened it. */
static int data_version(cx_db *db, long long *v, cx_err *err)
{
	int64_t n;
	int rc = cx_sql_get_int(db, 0, &n, err, "PRAGMA data_version");
	*v = (long long)n;
	return rc;
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
	if (!memory && (rc = prepare_file(db, err)))
		return rc;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, ro = 0;
	char *uri = NULL;
	if (memory) {
		flags |= SQLITE_OPEN_CREATE;
	} else {
		int file_w = access(path, W_OK) == 0, dir_w = !dir_unwritable(path);
		if (!(db->how & CX_DB_READER)) {
			if (!file_w)
				return cx_fail(err, CX_EPERM,
					       "%s: database is read-only (check the permissions of the file and its directory)",
					       db->path);
		} else if (!file_w || !dir_w) {
			if ((rc = pin(db, err)) < 0)
				return rc;
			ro = 1;
			flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
			if (rc == 1) {
				if (!(uri = uri_of(path, "immutable=1")))
					return cx_fail(err, CX_EINTERNAL, "out of memory");
				flags |= SQLITE_OPEN_URI;
			} else if (file_w) {
				flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX; /* its log is there: as any reader */
				ro = 0;
			}
		}
	}
	rc = sqlite3_open_v2(uri ? uri : path, &h, flags, NULL);
	free(uri);
	db->conn = h;
	if (rc != SQLITE_OK)
		return cx_sqlite_fail(db, rc, err);
	sqlite3_extended_result_codes(h, 0);
	sqlite3_busy_timeout(h, db->busy_ms);

	/* Read the version before changing anything, so a newer file stays untouched. */
	int64_t v;
	if ((rc = cx_sql_get_int(db, 0, &v, err, "PRAGMA user_version")))
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
		if ((rc = cx_sql_get_int(db, 0, &n, err,
					 "SELECT count(*) FROM sqlite_master WHERE (SELECT user_version FROM pragma_user_version) = 0")))
			return rc;
		if (n > 0)

			return cx_fail(err, CX_EDATA,
				       "%s: not a cx database (it holds another program's tables; use " CX_FIELD("db")
				       " for another file)",
				       path);
		/* an empty file: a reader has nothing to read, and writes nothing into it (":memory:" is always new) */
		if ((db->how & CX_DB_READER) && !memory)
			return cx_fail(err, CX_ENOINPUT, "%s: no cx database there yet (%s)", path, db->hint);
	}
	if (ro && v < CX_SCHEMA_VERSION)
		return cx_fail(err, CX_EPERM,
			       "%s is at schema %d and must be upgraded to %d before this cx reads it, which needs write access"
			       " (run cx init as a user who may write the file and its directory)",
			       path, (int)v, CX_SCHEMA_VERSION);
	if ((rc = cx_sql_exec(db, "PRAGMA foreign_keys = ON", err)))
		return rc;
	if (v < CX_SCHEMA_VERSION && (rc = cx_schema_migrate(db, err)))
		return rc;
	/* after the migration: changing the journal mode starts the count again */
	return db->file.created ? data_version(db, &db->file.data_version, err) : CX_OK;
}

static void lite_close(cx_db *db)
{
	if (db->conn)
		sqlite3_close_v2(LITE(db));
	db->conn = NULL;
}

/*
 * A file this command made and stored nothing in goes again, unless
 * another process has written to it meanwhile (data_version moved) or has
 * it open now: each connection holds a read lock on SQLite's shared range
 * as long as it is open, so a write lock there means nobody does.
 */
static void lite_abandon(cx_db *db)
{
	long long v;
	/* a file that cannot even answer (a full disk) has had nobody else's data either */
	int drop = db->file.created && !db->commits &&
		   (db->file.data_version < 0 || data_version(db, &v, NULL) != CX_OK || v == db->file.data_version);
	lite_close(db); /* closing drops every lock this process holds on the file: only then take ours */
	if (!drop)
		return;
	int fd = open(db->target, O_RDWR | O_CLOEXEC);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHARED_FIRST, .l_len = SHARED_SIZE };
	if (fd < 0)
		return;
	if (fcntl(fd, F_SETLK, &fl) == 0) {
		static const char *const parts[] = { "", "-wal", "-shm", "-journal" };
		char name[4200];
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
			snprintf(name, sizeof name, "%s%s", db->target, parts[i]);
			unlink(name);
		}
	}
	close(fd);
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
static void lite_typed_param(cx_sqlbuf *q, const char *param, const char *type)
{
	(void)type;
	cx_sqlbuf_add(q, param);
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
	.abandon = lite_abandon,
	.begin = lite_begin,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.flush = lite_flush,
	.exec = cx_sqlite_exec,
	.changes = cx_sqlite_changes,
	.typed_param = lite_typed_param,
	.named = cx_sqlite_named,
	.list_fn = "group_concat",
	.user = lite_user,
	.prepare = cx_sqlite_prepare,
	.prepare_insert_many = cx_sqlite_prepare_many,
	/* more to a statement is slower: 4 times as many make the import 15% slower */
	.many_rows = 128,
	.finalize = cx_sqlite_finalize,
	.reset = cx_sqlite_reset,
	.params = cx_sqlite_params,
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
