/*
 * The PostgreSQL engine, through libpq: a shared database on a server for a
 * team. The domain's SQL is written once (sql.h) in what both engines
 * understand; here parameters ?N become $N, carry their types, and booleans
 * read as 0 and 1. A statement that must differ is PostgreSQL's own, from
 * dialect_pg.c.
 *
 * Many writers at once: ids come from identity columns, a command that
 * changes a case takes that case's row (cx_db_lock_case), and a writer
 * waits for a row another holds at most the busy timeout (then exit 75).
 * A transaction that crossed another's (a serialization failure, a
 * deadlock) is marked retryable: its owner runs it again. Readers never
 * wait.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_reader.h"
#include "pg_impl.h"
#include "schema_pg.h"
#include "sql.h"

#define CX_STR_(x) #x
#define CX_STR(x) CX_STR_(x)


/*
 * Rows read ahead are kept CX_PG_CHUNK to a result: libpq gives each row
 * read one at a time a result of its own (2 kB at least), which for a
 * million rows read ahead would be gigabytes where the rows are megabytes.
 */
#define CX_PG_CHUNK 1024

/* Room for one more result read ahead; 0: no memory (the statement's rows are lost). */
static int rest_room(pg_stmt *s)
{
	if (s->nrest < s->caprest)
		return 1;
	size_t cap = s->caprest ? 2 * s->caprest : 16;
	PGresult **more = s->lost ? NULL : realloc(s->rest, cap * sizeof *more);
	if (!more)
		return 0;
	s->rest = more;
	s->caprest = cap;
	return 1;
}

/* Row r (a result of one row) added to the chunk being filled; 0: no memory. */
static int chunk_add(pg_stmt *s, PGresult *r)
{
	PGresult *c = s->nchunks ? s->rest[s->nchunks - 1] : NULL;
	if (!c || PQntuples(c) >= CX_PG_CHUNK) {
		if (!rest_room(s) || !(c = PQcopyResult(r, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES)))
			return 0;
		s->rest[s->nrest++] = c;
		s->nchunks++;
		return 1;
	}
	int n = PQntuples(c);
	for (int col = 0; col < PQnfields(r); col++) {
		int null = PQgetisnull(r, 0, col);
		if (!PQsetvalue(c, n, col, null ? NULL : PQgetvalue(r, 0, col), null ? -1 : PQgetlength(r, 0, col)))
			return 0;
	}
	return 1;
}

/*
 * The connection wanted while a statement's rows are on their way: the rest
 * of them read ahead, for its steps to take from there.
 */
static void settle(pg_conn *pc)
{
	pg_stmt *s = pc ? pc->stream : NULL;
	PGresult *r;
	if (!s)
		return;
	pc->stream = NULL;
	while ((r = PQgetResult(pc->c))) {
		if (s->lost) {
			PQclear(r);
		} else if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
			s->lost = !chunk_add(s, r);
			PQclear(r);
		} else if (rest_room(s)) {
			s->rest[s->nrest++] = r;
		} else {
			s->lost = 1;
			PQclear(r);
		}
	}
}

/*
 * A streaming statement's next result: from the connection, or read ahead
 * (*chunk: rows read ahead, many to the result); NULL after its last.
 */
static PGresult *next_result(pg_stmt *p, int *chunk)
{
	pg_conn *pc = p->base.db->conn;
	*chunk = 0;
	if (pc->stream == p) {
		PGresult *r = PQgetResult(pc->c);
		if (!r)
			pc->stream = NULL;
		return r;
	}
	if (p->irest >= p->nrest)
		return NULL;
	*chunk = p->irest < p->nchunks;
	PGresult *r = p->rest[p->irest];
	p->rest[p->irest++] = NULL;
	return r;
}

/* What is left of a statement's rows, read and let go: the connection is free after. */
static void end_stream(pg_stmt *p)
{
	PGresult *r;
	int chunk;
	while ((r = next_result(p, &chunk)))
		PQclear(r);
	free(p->rest);
	p->rest = NULL;
	p->nrest = p->irest = p->caprest = p->nchunks = 0;
	p->streaming = p->chunk = 0;
}

/*
 * A queued statement's result, whole. After a statement read a row at a
 * time, libpq (15) can keep that mode for the first statement of the next
 * pipeline; its rows are gathered here into one result as if it had not.
 */
static PGresult *whole(PGconn *c, PGresult *first)
{
	if (PQresultStatus(first) != PGRES_SINGLE_TUPLE)
		return first;
	PGresult *all = PQcopyResult(first, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES), *r;
	PQclear(first);
	int n = all ? PQntuples(all) : 0;
	while ((r = PQgetResult(c)) && PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
		for (int col = 0; all && col < PQnfields(r); col++) {
			int null = PQgetisnull(r, 0, col);
			if (!PQsetvalue(all, n, col, null ? NULL : PQgetvalue(r, 0, col), null ? -1 : PQgetlength(r, 0, col))) {
				PQclear(all);
				all = NULL;
			}
		}
		n++;
		PQclear(r);
	}
	if (r && PQresultStatus(r) != PGRES_TUPLES_OK) {
		PQclear(all);
		return r; /* failed after some rows */
	}
	PQclear(r);
	return all ? all : PQmakeEmptyPGresult(c, PGRES_FATAL_ERROR);
}

/*
 * The results of the statements queued in a pipeline (cx_sql_queue), read
 * in the order they were sent and each kept by its statement for its first
 * step: the connection is then free for whatever comes next. A connection
 * lost on the way leaves them without one (their step says so).
 */
static void drain(cx_db *db)
{
	pg_conn *pc = db->conn;
	settle(pc);
	if (!pc || !pc->nqueue)
		return;
	int synced = PQpipelineSync(pc->c);
	PGresult *r;
	for (size_t i = 0; i < pc->nqueue; i++) {
		PGresult *res = synced ? PQgetResult(pc->c) : NULL;
		res = res ? whole(pc->c, res) : NULL;
		/* each statement's results end with a NULL */
		while (res && (r = PQgetResult(pc->c)))
			PQclear(r);
		pg_stmt *p = pc->queue[i];
		if (!p) {
			PQclear(res);
			continue;
		}
		p->queued = 0;
		p->fresh = 1;
		p->res = res;
	}
	pc->nqueue = 0;
	while (synced && (r = PQgetResult(pc->c))) {
		int sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
		if (sync)
			break;
	}
	PQexitPipelineMode(pc->c);
}

/* PQexec, once what was queued before has its results. */
static PGresult *exec(cx_db *db, const char *sql)
{
	drain(db);
	return PQexec(CONN(db), sql);
}

/* The first line of a libpq message, without its "FATAL:" or "ERROR:". */
static void first_line(const char *msg, char *buf, size_t size)
{
	msg = msg ? msg + strspn(msg, "\n") : "";
	if (!strncmp(msg, "FATAL:  ", 8) || !strncmp(msg, "ERROR:  ", 8))
		msg += 8;
	snprintf(buf, size, "%.*s", (int)strcspn(msg, "\n"), *msg ? msg : "unknown error");
}

/* A URL libpq cannot read: one line, without libpq's quote of the URL (it holds any password). */
static int url_fail(cx_db *db, const char *why, cx_err *err)
{
	char line[400];
	first_line(why, line, sizeof line);
	char *quoted = strstr(line, " in URI: ");
	if (quoted)
		*quoted = '\0';
	return cx_fail(err, CX_EUNAVAIL,
		       "%s: not a database URL this cx understands: %s (write postgresql://USER@HOST:PORT/DATABASE)",
		       db->path, line);
}

/* A failed connection as a cx status and one line naming the server and what to do. */
static int connect_fail(cx_db *db, cx_err *err)
{
	char line[400], where[400];
	const char *msg = CONN(db) ? PQerrorMessage(CONN(db)) : "out of memory";
	/* libpq says "connection to server at ... failed: <why>": the why, and the whole line for where */
	const char *why = strstr(msg, "failed: ");
	first_line(why ? why + 8 : msg, line, sizeof line);
	first_line(msg, where, sizeof where);
	if (strstr(msg, "password authentication failed") || strstr(msg, "no password supplied") ||
	    strstr(msg, "authentication failed") || (strstr(msg, "role \"") && strstr(msg, "does not exist")) ||
	    strstr(msg, "permission denied"))
		return cx_fail(err, CX_EPERM, "%s: the server refused the login: %s (check the user and password, or ~/.pgpass)",
			       db->path, line);
	if (strstr(msg, "database \"") && strstr(msg, "does not exist"))
		return cx_fail(err, CX_EUNAVAIL, "%s: %s (create it first: createdb NAME)", db->path, line);
	if (strstr(msg, "invalid port number") || strstr(msg, "invalid integer value"))
		return url_fail(db, msg, err);
	return cx_fail(err, CX_EUNAVAIL, "%s: cannot reach the database server: %s (is PostgreSQL running there?)",
		       db->path, where);
}

/*
 * The text of the CHECK rule the server names constraint, on table, into
 * out: found in the schema cx gives the server (schema_pg.c), where the
 * server named each rule after its table and its one column, or its table
 * alone ("cases_status_check", "case_links_check"). A later step's rule of
 * the name wins. 0 when there is none.
 */
static int check_rule(const char *table, const char *constraint, char *out, size_t size)
{
	int found = 0;
	for (int i = 0; i < cx_pg_nsteps; i++)
		for (const char *const *sql = cx_pg_steps[i].sql; *sql; sql++)
			for (const char *at = strstr(*sql, "CHECK ("); at; at = strstr(at + 1, "CHECK (")) {
				/* the table: the last one named before the rule, by CREATE TABLE or ALTER TABLE */
				const char *t = NULL;
				for (const char *p = strstr(*sql, "TABLE "); p && p < at; p = strstr(p + 1, "TABLE "))
					t = p + 6;
				if (!t)
					continue;
				size_t tn = strcspn(t, " (\n");
				const char *dot = memchr(t, '.', tn); /* cx.cases */
				if (dot) {
					tn -= (size_t)(dot + 1 - t);
					t = dot + 1;
				}
				if (tn != strlen(table) || strncmp(t, table, tn))
					continue;
				/* the rule: up to its closing parenthesis */
				const char *r = at + 7, *e = r;
				for (int depth = 1; *e && (depth += (*e == '(') - (*e == ')')) > 0; e++)
					;
				char rule[400], col[64], name[200];
				snprintf(rule, sizeof rule, "%.*s", (int)(e - r), r);
				if (cx_sql_check_columns(rule, col, sizeof col) == 1)
					snprintf(name, sizeof name, "%s_%s_check", table, col);
				else
					snprintf(name, sizeof name, "%s_check", table);
				if (!strcmp(name, constraint)) {
					snprintf(out, size, "%s", rule);
					found = 1;
				}
			}
	return found;
}

/*
 * A broken rule of the schema, from the server's fields, worded by cx as
 * on a file (sql.c): the table and column, or the columns of a unique key
 * from its detail ("Key (a, lower(b))=(...) already exists.").
 */
static int constraint_fail(const PGresult *res, const char *state, const char *line, cx_err *err)
{
	const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
	const char *column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
	const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
	const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	char cols[200] = "";
	if (!strcmp(state, "23502") && table && column) {
		snprintf(cols, sizeof cols, "%s.%s", table, column);
		return cx_sql_rule_fail(err, CX_RULE_NOT_NULL, cols);
	}
	if (!strcmp(state, "23514")) {
		char rule[400];
		if (table && constraint && check_rule(table, constraint, rule, sizeof rule))
			return cx_sql_check_fail(err, table, rule);
		return cx_sql_rule_fail(err, CX_RULE_CHECK, constraint);
	}
	if (!strcmp(state, "23503"))
		return cx_sql_rule_fail(err, CX_RULE_REFERENCE, NULL);
	if (!strcmp(state, "23505") && table) {
		const char *k = detail ? strstr(detail, "Key (") : NULL, *e = k ? strstr(k, ")=(") : NULL;
		if (k && e) {
			size_t len = 0;
			for (const char *p = k + 5; p < e && len + 80 < sizeof cols;) {
				size_t n = strcspn(p, ",)");
				if (p + n > e)
					n = (size_t)(e - p);
				const char *name = p;
				size_t nl = n;
				if (!strncmp(name, "lower(", 6)) { /* an index on lower(x) is on x */
					name += 6;
					nl = strcspn(name, ")");
				}
				len += (size_t)snprintf(cols + len, sizeof cols - len, "%s%s.%.*s", len ? ", " : "", table,
							(int)nl, name);
				p += n;
				p += strspn(p, ", )");
				if (p >= e)
					break;
			}
		}
		return cx_sql_rule_fail(err, CX_RULE_UNIQUE, cols[0] ? cols : table);
	}
	return cx_fail(err, CX_EDATA, "%s", line);
}

/* A failed statement: SQLSTATE to cx status. */
int cx_pg_fail(cx_db *db, const PGresult *res, cx_err *err)
{
	char line[400];
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	first_line(msg ? msg : PQerrorMessage(CONN(db)), line, sizeof line);
	if (PQstatus(CONN(db)) == CONNECTION_BAD)
		return cx_fail(err, CX_EUNAVAIL, "%s: the connection to the server was lost: %s (try again)", db->path,
			       line);
	if (!state)
		return cx_fail(err, CX_EINTERNAL, "database error: %s", line);
	/*
	 * Serialization failure, deadlock: another writer's transaction crossed
	 * this one, which, run again, may well succeed. Lock or statement
	 * timeout: another writer held on longer than this one waits.
	 */
	if (!strcmp(state, "40001") || !strcmp(state, "40P01")) {
		db->retryable = 1;
		return cx_fail(err, CX_EBUSY, "database is busy, try again (%s)", db->path);
	}
	if (!strcmp(state, "55P03") || !strcmp(state, "57014"))
		return cx_fail(err, CX_EBUSY, "database is busy, try again (%s)", db->path);
	if (!strncmp(state, "23", 2))
		return constraint_fail(res, state, line, err);
	if (!strcmp(state, "42501") || !strncmp(state, "28", 2))
		return cx_fail(err, CX_EPERM, "%s: permission denied: %s (ask the database's owner for access)", db->path,
			       line);
	if (!strcmp(state, "53100"))
		return cx_fail(err, CX_EIO, "%s: the server's disk is full (free some space there and try again)",
			       db->path);
	if (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3))
		return cx_fail(err, CX_EUNAVAIL, "%s: the connection to the server was lost: %s (try again)", db->path,
			       line);
	return cx_fail(err, CX_EINTERNAL, "database error: %s", line);
}

/* Runs SQL with no parameters; rows, if any, are thrown away. */
static int run(cx_db *db, const char *sql, cx_err *err)
{
	PGresult *res = exec(db, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = CX_OK;
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
		((pg_conn *)db->conn)->changes = atoi(PQcmdTuples(res));
	else
		rc = cx_pg_fail(db, res, err);
	PQclear(res);
	return rc;
}

/* One integer from a query with no parameters (dflt when no row or NULL). */
static int one(cx_db *db, const char *sql, int64_t dflt, int64_t *v, cx_err *err)
{
	PGresult *res = exec(db, sql);
	int rc = CX_OK;
	*v = dflt;
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = cx_pg_fail(db, res, err);
	else if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		*v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

static int pg_exec(cx_db *db, const char *sql, cx_err *err)
{
	return run(db, sql, err);
}

/*
 * The session as cx wants it. cx's tables are in a schema of their own, cx;
 * a database made before schema 18 has them where it was made (public)
 * until it is migrated. Times are integers in cx: the session's zone is
 * only for psql users. No JIT: a report's scan of a million answers spent
 * 100 ms compiling, in every worker, for a query that runs once. A walk's
 * cursor is read to its end: planned as for all its rows, as the same
 * statement would be without one.
 */
#define SESSION                                                                                        \
	"SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET search_path = cx, public; SET jit = off; " \
	"SET cursor_tuple_fraction = 1"

/*
 * The session set up, and the schema: created in one transaction by the
 * first cx to come, migrated by the first newer one.
 */
static int migrate(cx_db *db, cx_err *err)
{
	int64_t mine = 0, v = 0, others = 0;
	int rc;

	/*
	 * The usual case, a database of this very schema: one round trip for
	 * the session and the question, no lock. A database without cx's
	 * tables answers "undefined table", which undoes the settings sent with
	 * it (one implicit transaction): they are sent again, and the question
	 * asked again under the lock.
	 */
	PGresult *res = exec(db, SESSION "; SELECT max(version) FROM cx_schema");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) &&
	    strtoll(PQgetvalue(res, 0, 0), NULL, 10) == CX_SCHEMA_VERSION) {
		PQclear(res);
		db->version = CX_SCHEMA_VERSION;
		return CX_OK;
	}
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (PQresultStatus(res) != PGRES_TUPLES_OK && !(state && !strcmp(state, "42P01"))) {
		rc = cx_pg_fail(db, res, err);
		PQclear(res);
		return rc;
	}
	PQclear(res);
	if ((rc = run(db, SESSION, err)) || (rc = run(db, "BEGIN", err)))
		return rc;
	/* one cx at a time sets up or migrates a database */
	if ((rc = run(db, "SELECT pg_advisory_xact_lock(7890)", err)) ||
	    (rc = one(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'cx_schema'",
		      0, &mine, err)))
		goto fail;
	if (mine && (rc = one(db, "SELECT max(version) FROM cx_schema", 0, &v, err)))
		goto fail;
	db->version = (int)v;
	if (v > CX_SCHEMA_VERSION) {
		rc = cx_fail(err, CX_EDATA, "%s was written by a newer cx (schema %d; this cx knows up to %d): upgrade cx",
			     db->path, (int)v, CX_SCHEMA_VERSION);
		goto fail;
	}
	if (!mine) {
		if ((rc = one(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", 0, &others, err)))
			goto fail;
		if (others) {
			rc = cx_fail(err, CX_EDATA,
				     "%s: not a cx database (it holds another program's tables; give cx a database of its own)",
				     db->path);
			goto fail;
		}
		/* an empty database: a reader has nothing to read, a writer sets it up */
		if (db->how & CX_DB_READER) {
			rc = cx_fail(err, CX_ENOINPUT, "%s: no cx database there yet (%s)", db->path, db->hint);
			goto fail;
		}
	}
	for (int i = 0; i < cx_pg_nsteps; i++)
		for (int k = 0; cx_pg_steps[i].to > v && cx_pg_steps[i].sql[k]; k++)
			if ((rc = run(db, cx_pg_steps[i].sql[k], err)))
				goto fail;
	if (v < CX_SCHEMA_VERSION && (rc = run(db, "UPDATE cx_schema SET version = " CX_STR(CX_SCHEMA_VERSION), err)))
		goto fail;
	if ((rc = run(db, "COMMIT", err)))
		return rc;
	db->version = CX_SCHEMA_VERSION;
	return CX_OK;
fail:
	PQclear(exec(db, "ROLLBACK"));
	return rc;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int pg_open(cx_db *db, cx_err *err)
{
	pg_conn *pc = calloc(1, sizeof *pc);
	if (!pc)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	db->conn = pc;
	/* a URL that is not one is told as such, before any attempt to connect */
	char *bad = NULL;
	PQconninfoOption *opts = PQconninfoParse(db->target, &bad);
	if (!opts) {
		int rc = url_fail(db, bad ? bad : "out of memory", err);
		PQfreemem(bad);
		return rc;
	}
	PQconninfoFree(opts);
	pc->c = PQconnectdb(db->target);
	if (!pc->c || PQstatus(pc->c) != CONNECTION_OK)
		return connect_fail(db, err);
	/* the server's notices (a warning, a note) are not for cx's users: errors come as results */
	PQsetNoticeProcessor(pc->c, quiet, NULL);
	int version = PQserverVersion(pc->c);
	if (version < 120000)
		return cx_fail(err, CX_EUNAVAIL, "%s: the server runs PostgreSQL %d.%d; cx needs 12 or later (upgrade the server)",
			       db->path, version / 10000, version % 10000);
	return migrate(db, err);
}

static void pg_close(cx_db *db)
{
	pg_conn *pc = db->conn;
	if (pc && pc->c)
		PQfinish(pc->c);
	if (pc)
		free(pc->queue);
	free(pc);
	db->conn = NULL;
}

static int pg_begin(cx_db *db, int bulk, cx_err *err)
{
	char sql[160];
	snprintf(sql, sizeof sql, "BEGIN; SET LOCAL lock_timeout = %d;%s", db->busy_ms > 0 ? db->busy_ms : 1,
		 bulk ? " SET CONSTRAINTS ALL DEFERRED;" : "");
	int rc = run(db, sql, err);
	if (rc != CX_OK)
		PQclear(exec(db, "ROLLBACK"));
	return rc;
}

static int pg_commit(cx_db *db, cx_err *err)
{
	return run(db, "COMMIT", err);
}

/*
 * The ids the transaction took from the tables' sequences are not given
 * back: an id may be missing after a refused command, as on a file after a
 * delete, and no other writer waits for a rollback.
 */
static void pg_rollback(cx_db *db)
{
	PQclear(exec(db, "ROLLBACK"));
}

/* A server writes as it goes: nothing is held back in this process. */
static int pg_flush(cx_db *db, cx_err *err)
{
	return CX_OK;
}

static int pg_changes(cx_db *db)
{
	return ((pg_conn *)db->conn)->changes;
}

/* A server's columns are typed: the value is cast to the column's type. */
static void pg_typed_param(cx_sqlbuf *q, const char *param, const char *type)
{
	cx_sqlbuf_add(q, "CAST(");
	cx_sqlbuf_add(q, param);
	cx_sqlbuf_add(q, " AS ");
	cx_sqlbuf_add(q, type[0] ? type : "text");
	cx_sqlbuf_add(q, ")");
}

static const char *pg_user(cx_db *db)
{
	return PQuser(CONN(db));
}

/* ---- statements ---- */

/*
 * The one difference of dialect left to the text: parameters ?N are $N
 * (outside string literals and quoted names). What else must differ, each
 * engine words its own way (dialect_pg.c).
 */
static char *translate(const char *sql, int *nparams)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	*nparams = 0;
	for (const char *s = sql; *s;) {
		if (*s == '\'' || *s == '"') {
			char q = *s;
			*o++ = *s++;
			while (*s && !(*s == q && s[1] != q)) {
				if (*s == q)
					*o++ = *s++;
				*o++ = *s++;
			}
			if (*s)
				*o++ = *s++;
		} else if (*s == '?' && isdigit((unsigned char)s[1])) {
			*o++ = '$';
			s++;
			int k = 0;
			while (isdigit((unsigned char)*s)) {
				k = k * 10 + (*s - '0');
				*o++ = *s++;
			}
			if (k > *nparams)
				*nparams = k;
		} else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

static void clear_params(pg_stmt *p)
{
	for (int i = 0; i < p->nparams; i++) {
		if (p->p[i].owned)
			free(p->p[i].v);
		p->p[i] = (pg_param){ 0 };
	}
}

static void drop_result(pg_stmt *p)
{
	if (p->queued)
		drain(p->base.db);
	if (p->streaming)
		end_stream(p);
	/* a walk's cursor is closed with its transaction */
	p->cursor = 0;
	PQclear(p->res);
	p->res = NULL;
	p->row = -1;
	p->nrows = 0;
	p->done = 0;
	p->fresh = 0;
}

/* Room for one more in the connection's pipeline, which it enters if it is not in one yet. */
static int pipeline_room(pg_conn *pc)
{
	settle(pc);
	if (pc->nqueue == pc->qcap) {
		size_t cap = pc->qcap ? 2 * pc->qcap : 16;
		pg_stmt **q = realloc(pc->queue, cap * sizeof *q);
		if (!q)
			return 0;
		pc->queue = q;
		pc->qcap = cap;
	}
	return PQpipelineStatus(pc->c) != PQ_PIPELINE_OFF || PQenterPipelineMode(pc->c);
}

static void stmt_free(pg_stmt *p)
{
	cx_pg_many_free(p->many);
	cx_pg_append_free(p->append);
	free(p->sql);
	free(p->p);
	free(p->types);
	free(p->now_types);
	free(p->values);
	free(p);
}

pg_stmt *cx_pg_stmt_new(cx_db *db, char *sql, int nparams)
{
	pg_stmt *p = calloc(1, sizeof *p);
	if (!p) {
		free(sql);
		return NULL;
	}
	p->sql = sql;
	p->nparams = nparams;
	size_t n = nparams ? (size_t)nparams : 1;
	p->p = calloc(n, sizeof *p->p);
	p->types = calloc(n, sizeof *p->types);
	p->now_types = calloc(n, sizeof *p->now_types);
	p->values = calloc(n, sizeof *p->values);
	if (!p->p || !p->types || !p->now_types || !p->values) {
		stmt_free(p);
		return NULL;
	}
	p->base = (struct cx_stmt){ db->be, db };
	p->row = -1;
	return p;
}

static int pg_prepare(cx_db *db, const char *sql, cx_stmt **st, cx_err *err)
{
	int nparams = 0;
	char *text = translate(sql, &nparams);
	pg_stmt *p = text ? cx_pg_stmt_new(db, text, nparams) : NULL;
	if (!p)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	*st = &p->base;
	return CX_OK;
}

static void pg_finalize(cx_stmt *st)
{
	pg_stmt *p = (pg_stmt *)st;
	drop_result(p);
	/*
	 * The server's copy goes with the next round trip (or with the
	 * connection): nobody waits for its answer.
	 */
	pg_conn *pc = st->db->conn;
	if (p->prepared && PQtransactionStatus(pc->c) != PQTRANS_INERROR && pipeline_room(pc)) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", p->name);
		if (PQsendQueryParams(pc->c, sql, 0, NULL, NULL, NULL, NULL, 0))
			pc->queue[pc->nqueue++] = NULL;
	}
	clear_params(p);
	stmt_free(p);
}

static void pg_reset(cx_stmt *st)
{
	pg_stmt *p = (pg_stmt *)st;
	drop_result(p);
	clear_params(p);
}

static int pg_append_end(cx_stmt *st, cx_err *err)
{
	pg_stmt *p = (pg_stmt *)st;
	if (!p->append)
		return CX_OK;
	drain(st->db);
	return cx_pg_append_end(p, err);
}

static void pg_walk(cx_stmt *st)
{
	((pg_stmt *)st)->walk = 1;
}

static pg_param *param(cx_stmt *st, int i)
{
	pg_stmt *p = (pg_stmt *)st;
	if (i < 1 || i > p->nparams)
		return NULL;
	pg_param *x = &p->p[i - 1];
	if (x->owned)
		free(x->v);
	*x = (pg_param){ 0 };
	return x;
}

static int pg_params(cx_stmt *st)
{
	return ((pg_stmt *)st)->nparams;
}

static void pg_bind_int(cx_stmt *st, int i, int64_t v)
{
	pg_param *x = param(st, i);
	if (!x)
		return;
	x->oid = OID_INT8;
	snprintf(x->num, sizeof x->num, "%lld", (long long)v);
	x->v = x->num;
}

static void pg_bind_real(cx_stmt *st, int i, double v)
{
	pg_param *x = param(st, i);
	if (!x)
		return;
	x->oid = OID_FLOAT8;
	snprintf(x->num, sizeof x->num, "%.17g", v);
	x->v = x->num;
}

/*
 * A server's text is UTF-8 through and through; SQLite keeps whatever bytes
 * it is given, and cx shows a byte that is not UTF-8 as a replacement
 * character. Here such a byte is stored as that character (U+FFFD).
 */
static char *valid_utf8(const char *v)
{
	size_t n = strlen(v);
	char *out = malloc(3 * n + 1), *o = out;
	if (!out)
		return NULL;
	while (*v) {
		long bad = cx_utf8_invalid((const unsigned char *)v, strlen(v));
		size_t good = bad < 0 ? strlen(v) : (size_t)bad;
		memcpy(o, v, good);
		o += good;
		v += good;
		if (bad >= 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			v++;
		}
	}
	*o = '\0';
	return out;
}

static void pg_bind_text(cx_stmt *st, int i, const char *v, int copy)
{
	pg_param *x = param(st, i);
	if (!x)
		return;
	x->oid = OID_TEXT;
	if (cx_utf8_invalid((const unsigned char *)v, strlen(v)) >= 0) {
		x->v = valid_utf8(v);
		x->owned = 1;
	} else {
		x->v = copy ? strdup(v) : (char *)v;
		x->owned = copy;
	}
}

/* A NULL keeps the type of the value it stands for, so the server can plan around it. */
static void pg_bind_null(cx_stmt *st, int i, int type)
{
	pg_param *x = param(st, i);
	if (x)
		x->null_oid = type == 'i' ? OID_INT8 : type == 't' ? OID_TEXT : 0;
}

/*
 * The values to send, as libpq takes them, and whether their types are
 * those of the statement's first run (then the server may keep its plan).
 */
static int params(pg_stmt *p, int *same, cx_err *err)
{
	unsigned *types = p->now_types;
	for (int i = 0; i < p->nparams; i++) {
		types[i] = p->p[i].oid ? p->p[i].oid : p->p[i].null_oid;
		p->values[i] = p->p[i].oid ? p->p[i].v : NULL;
		if (p->p[i].oid == OID_TEXT && !p->p[i].v)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	*same = p->runs > 0 && !memcmp(types, p->types, sizeof types[0] * (size_t)p->nparams);
	if (p->runs++ == 0)
		memcpy(p->types, types, sizeof types[0] * (size_t)p->nparams);
	return CX_OK;
}

/* A statement's result as it came: CX_SQL_ROW when it has rows to step through, else done or failed. */
static int take(pg_stmt *p, cx_err *err)
{
	cx_db *db = p->base.db;
	ExecStatusType s = PQresultStatus(p->res);
	if (s == PGRES_COMMAND_OK) {
		((pg_conn *)db->conn)->changes = atoi(PQcmdTuples(p->res));
		p->done = 1;
		return CX_SQL_DONE;
	}
	if (s != PGRES_TUPLES_OK) {
		int rc = cx_pg_fail(db, p->res, err);
		drop_result(p);
		p->done = 1;
		return rc;
	}
	/* INSERT ... RETURNING counts its rows as changes */
	const char *t = PQcmdTuples(p->res);
	((pg_conn *)db->conn)->changes = t && *t ? atoi(t) : 0;
	p->nrows = PQntuples(p->res);
	p->row = -1;
	return CX_SQL_ROW;
}

/* Sent now, read at the first step with whatever else was queued (sql.h: cx_sql_queue). */
static int pg_queue(cx_stmt *st, cx_err *err)
{
	pg_stmt *p = (pg_stmt *)st;
	pg_conn *pc = st->db->conn;
	int same, rc;
	if (p->queued || p->res || p->done)
		return cx_fail(err, CX_EINTERNAL, "a statement queued again before it was reset");
	if ((rc = params(p, &same, err)))
		return rc;
	if (!pipeline_room(pc))
		return cx_pg_fail(st->db, NULL, err);
	/* as at a step: run again with the same types, the statement is kept on the server */
	if (same && !p->prepared) {
		snprintf(p->name, sizeof p->name, "cx%lu", ++pc->statements);
		if (!PQsendPrepare(pc->c, p->name, p->sql, p->nparams, p->now_types) || !pipeline_room(pc))
			return cx_pg_fail(st->db, NULL, err);
		pc->queue[pc->nqueue++] = NULL;
		p->prepared = 1;
	}
	if (!(same && p->prepared ? PQsendQueryPrepared(pc->c, p->name, p->nparams, p->values, NULL, NULL, 0)
				  : PQsendQueryParams(pc->c, p->sql, p->nparams, p->now_types, p->values, NULL, NULL, 0)))
		return cx_pg_fail(st->db, NULL, err);
	p->queued = 1;
	pc->queue[pc->nqueue++] = p;
	return CX_OK;
}

/* The next row of a statement whose rows come one at a time, or its end. */
static int stream_step(pg_stmt *p, cx_err *err)
{
	/* the next of the rows read ahead together */
	if (p->chunk && ++p->row < p->nrows)
		return CX_SQL_ROW;
	PQclear(p->res);
	p->res = NULL;
	int chunk;
	PGresult *r = next_result(p, &chunk);
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (s == PGRES_SINGLE_TUPLE || chunk) {
		p->res = r;
		p->row = 0;
		p->nrows = PQntuples(r);
		p->chunk = chunk;
		return CX_SQL_ROW;
	}
	/* the statement's last result: then nothing more comes */
	int lost = p->lost;
	end_stream(p);
	if (!r && lost) {
		p->done = 1;
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	/* as a whole result (the rows of one the server sent at once, if any) */
	p->res = r;
	int rc = take(p, err);
	if (rc != CX_SQL_ROW)
		return rc;
	if (++p->row >= p->nrows) {
		p->done = 1;
		return CX_SQL_DONE;
	}
	return CX_SQL_ROW;
}

/* A batch of a walk's rows, just fetched into res: its first row, or the walk's end. */
static int cursor_batch(pg_stmt *p, cx_err *err)
{
	int rc = take(p, err);
	if (rc != CX_SQL_ROW)
		return rc;
	p->cursor = p->nrows < CX_PG_CHUNK ? 2 : 1;
	if (++p->row >= p->nrows) {
		p->done = 1;
		return CX_SQL_DONE;
	}
	return CX_SQL_ROW;
}

/*
 * A walk's first rows: its cursor declared and the first batch fetched, in
 * one round trip.
 */
static int cursor_open(pg_stmt *p, cx_err *err)
{
	cx_db *db = p->base.db;
	pg_conn *pc = db->conn;
	size_t n = strlen(p->sql) + 64;
	char *decl = malloc(n), fetch[64];
	if (!decl) {
		p->done = 1;
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	snprintf(p->cursor_name, sizeof p->cursor_name, "cxw%lu", ++pc->statements);
	snprintf(decl, n, "DECLARE %s NO SCROLL CURSOR FOR %s", p->cursor_name, p->sql);
	snprintf(fetch, sizeof fetch, "FETCH %d FROM %s", CX_PG_CHUNK, p->cursor_name);
	int sent = PQenterPipelineMode(pc->c) &&
		   PQsendQueryParams(pc->c, decl, p->nparams, p->now_types, p->values, NULL, NULL, 0) &&
		   PQsendQueryParams(pc->c, fetch, 0, NULL, NULL, NULL, NULL, 0) && PQpipelineSync(pc->c);
	free(decl);
	PGresult *declared = NULL, *rows = NULL, *r;
	if (sent) {
		/* each statement's result, then a NULL; then the pipeline's end */
		for (int i = 0; i < 2; i++) {
			r = PQgetResult(pc->c);
			if (i == 0)
				declared = r;
			else
				rows = r;
			while (r && (r = PQgetResult(pc->c)))
				PQclear(r);
		}
		while ((r = PQgetResult(pc->c))) {
			int sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
			PQclear(r);
			if (sync)
				break;
		}
	}
	PQexitPipelineMode(pc->c);
	if (!sent || PQresultStatus(declared) != PGRES_COMMAND_OK) {
		int rc = cx_pg_fail(db, sent ? declared : NULL, err);
		PQclear(declared);
		PQclear(rows);
		p->done = 1;
		return rc;
	}
	PQclear(declared);
	p->res = rows;
	return cursor_batch(p, err);
}

/* A walk's next row: from the batch at hand, or the cursor's next. */
static int cursor_step(pg_stmt *p, cx_err *err)
{
	if (++p->row < p->nrows)
		return CX_SQL_ROW;
	if (p->cursor == 2) {
		p->done = 1;
		return CX_SQL_DONE;
	}
	char fetch[64];
	snprintf(fetch, sizeof fetch, "FETCH %d FROM %s", CX_PG_CHUNK, p->cursor_name);
	PQclear(p->res);
	p->res = exec(p->base.db, fetch);
	return cursor_batch(p, err);
}

static int pg_step(cx_stmt *st, cx_err *err)
{
	pg_stmt *p = (pg_stmt *)st;
	cx_db *db = st->db;
	int rc;
	if (p->done)
		return CX_SQL_DONE;
	if (p->streaming)
		return stream_step(p, err);
	if (p->cursor)
		return cursor_step(p, err);
	drain(db);
	if (p->append)
		return (rc = cx_pg_append_row(p, err)) ? rc : CX_SQL_DONE;
	if (p->fresh) {
		p->fresh = 0;
		if (!p->res) {
			p->done = 1;
			return cx_pg_fail(db, NULL, err);
		}
		if ((rc = take(p, err)) != CX_SQL_ROW)
			return rc;
	} else if (!p->res && p->many) {
		if ((rc = cx_pg_many_run(p, err))) {
			drop_result(p);
			p->done = 1;
			return rc;
		}
		((pg_conn *)db->conn)->changes = p->nrows = PQntuples(p->res);
		p->row = -1;
	} else if (!p->res) {
		int same;
		if ((rc = params(p, &same, err)))
			return rc;
		if (p->walk && PQtransactionStatus(CONN(db)) == PQTRANS_INTRANS)
			return cursor_open(p, err);
		unsigned *types = p->now_types;
		const char **values = p->values;
		if (same && !p->prepared) {
			pg_conn *pc = db->conn;
			snprintf(p->name, sizeof p->name, "cx%lu", ++pc->statements);
			PGresult *r = PQprepare(CONN(db), p->name, p->sql, p->nparams, types);
			p->prepared = PQresultStatus(r) == PGRES_COMMAND_OK;
			PQclear(r);
		}
		int sent = same && p->prepared
				   ? PQsendQueryPrepared(CONN(db), p->name, p->nparams, values, NULL, NULL, 0)
				   : PQsendQueryParams(CONN(db), p->sql, p->nparams, types, values, NULL, NULL, 0);
		if (!sent) {
			p->done = 1;
			return cx_pg_fail(db, NULL, err);
		}
		PQsetSingleRowMode(CONN(db));
		p->streaming = 1;
		((pg_conn *)db->conn)->stream = p;
		return stream_step(p, err);
	}
	if (++p->row >= p->nrows) {
		p->done = 1;
		return CX_SQL_DONE;
	}
	return CX_SQL_ROW;
}

static int pg_columns(cx_stmt *st)
{
	pg_stmt *p = (pg_stmt *)st;
	return p->res ? PQnfields(p->res) : 0;
}

static int pg_col_null(cx_stmt *st, int col)
{
	pg_stmt *p = (pg_stmt *)st;
	return !p->res || p->row < 0 || p->row >= p->nrows || col >= PQnfields(p->res) ||
	       PQgetisnull(p->res, p->row, col);
}

static const char *pg_col_text(cx_stmt *st, int col)
{
	pg_stmt *p = (pg_stmt *)st;
	if (pg_col_null(st, col))
		return NULL;
	if (PQftype(p->res, col) == OID_BOOL)
		return PQgetvalue(p->res, p->row, col)[0] == 't' ? "1" : "0";
	return PQgetvalue(p->res, p->row, col);
}

static int64_t pg_col_int(cx_stmt *st, int col)
{
	const char *s = pg_col_text(st, col);
	if (!s)
		return 0;
	/* numeric and float text ("3.0") reads as SQLite would: the integer part */
	return strchr(s, '.') || strchr(s, 'e') ? (int64_t)strtod(s, NULL) : strtoll(s, NULL, 10);
}

static double pg_col_real(cx_stmt *st, int col)
{
	const char *s = pg_col_text(st, col);
	return s ? strtod(s, NULL) : 0;
}

static cx_val pg_col_val(cx_stmt *st, int col)
{
	pg_stmt *p = (pg_stmt *)st;
	if (pg_col_null(st, col))
		return CX_NULLV;
	switch (PQftype(p->res, col)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return CX_INTV(pg_col_int(st, col));
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		return CX_REALV(pg_col_real(st, col));
	default:
		return CX_TEXTV(pg_col_text(st, col));
	}
}

const cx_backend cx_pg_backend = {
	.name = "postgresql",
	.search = &cx_pg_search,
	.open = pg_open,
	.close = pg_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.flush = pg_flush,
	.exec = pg_exec,
	.changes = pg_changes,
	.typed_param = pg_typed_param,
	.named = cx_pg_named,
	.list_fn = "string_agg",
	.user = pg_user,
	.prepare = pg_prepare,
	.prepare_insert_many = cx_pg_prepare_many,
	.prepare_append = cx_pg_prepare_append,
	.append_end = pg_append_end,
	/* a COPY's round trips are four: the more rows to each, the better, up to a reader's batch */
	.many_rows = 512,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.params = pg_params,
	.bind_int = pg_bind_int,
	.bind_real = pg_bind_real,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.queue = pg_queue,
	.walk = pg_walk,
	.columns = pg_columns,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_real = pg_col_real,
	.col_text = pg_col_text,
	.col_val = pg_col_val,
};
