/* The statement layer over SQLite: prepare, bind, step, read, and rows to an output writer. */
#include <stdlib.h>
#include <string.h>

#include "db_impl.h"
#include "sql.h"

#define S(st) ((sqlite3_stmt *)(st))

int cx_sql_prepare(cx_db *db, const char *sql, cx_stmt **st, cx_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		*st = NULL;
		return cx_db_fail(db, rc, err);
	}
	*st = (cx_stmt *)s;
	return CX_OK;
}

int cx_sql_cached(cx_db *db, const char *sql, cx_stmt **st, cx_err *err)
{
	size_t n = sizeof db->cache / sizeof db->cache[0], free_slot = n;
	for (size_t i = 0; i < n; i++) {
		if (db->cache[i].sql == sql) {
			*st = (cx_stmt *)db->cache[i].st;
			return CX_OK;
		}
		if (!db->cache[i].sql && free_slot == n)
			free_slot = i;
	}
	if (free_slot == n) /* a fixed set of hot statements: more is a bug */
		return cx_fail(err, CX_EINTERNAL, "statement cache full");
	int rc = cx_sql_prepare(db, sql, st, err);
	if (rc == CX_OK) {
		db->cache[free_slot].sql = sql;
		db->cache[free_slot].st = S(*st);
	}
	return rc;
}

void cx_sql_release(cx_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

void cx_sql_finalize(cx_stmt *st)
{
	sqlite3_finalize(S(st));
}

void cx_sql_reset(cx_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

void cx_sql_bind_int(cx_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(S(st), i, v);
}

void cx_sql_bind_real(cx_stmt *st, int i, double v)
{
	sqlite3_bind_double(S(st), i, v);
}

void cx_sql_bind_text(cx_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(S(st), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(S(st), i);
}

void cx_sql_bind_text_static(cx_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(S(st), i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(S(st), i);
}

void cx_sql_bind_id(cx_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(S(st), i, v);
	else
		sqlite3_bind_null(S(st), i);
}

void cx_sql_bind_null(cx_stmt *st, int i)
{
	sqlite3_bind_null(S(st), i);
}

int cx_sql_step(cx_stmt *st, cx_err *err)
{
	int rc = sqlite3_step(S(st));
	if (rc == SQLITE_ROW)
		return CX_SQL_ROW;
	if (rc == SQLITE_DONE)
		return CX_SQL_DONE;
	sqlite3 *h = sqlite3_db_handle(S(st));
	/* Find our cx_db for the file name: not reachable from the handle, so name the file via SQLite. */
	cx_db tmp = { .h = h, .path = (char *)sqlite3_db_filename(h, "main") };
	return cx_db_fail(&tmp, rc, err);
}

int cx_sql_null(cx_stmt *st, int col)
{
	return sqlite3_column_type(S(st), col) == SQLITE_NULL;
}

int64_t cx_sql_int(cx_stmt *st, int col)
{
	return sqlite3_column_int64(S(st), col);
}

double cx_sql_real(cx_stmt *st, int col)
{
	return sqlite3_column_double(S(st), col);
}

const char *cx_sql_text(cx_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(S(st), col);
}

int cx_sql_columns(cx_stmt *st)
{
	return sqlite3_column_count(S(st));
}

int cx_sql_exec(cx_db *db, const char *sql, cx_err *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CX_OK : cx_db_fail(db, rc, err);
}

int cx_sql_run(cx_stmt *st, cx_err *err)
{
	int rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		;
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

int cx_sql_one_int(cx_stmt *st, int64_t dflt, int64_t *v, cx_err *err)
{
	int rc = cx_sql_step(st, err);
	*v = dflt;
	if (rc == CX_SQL_ROW && !cx_sql_null(st, 0))
		*v = cx_sql_int(st, 0);
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

int cx_sql_changes(cx_db *db)
{
	return sqlite3_changes(db->h);
}

cx_val cx_sql_val(cx_stmt *st, int col)
{
	switch (sqlite3_column_type(S(st), col)) {
	case SQLITE_INTEGER:
		return CX_INTV(sqlite3_column_int64(S(st), col));
	case SQLITE_FLOAT:
		return CX_REALV(sqlite3_column_double(S(st), col));
	case SQLITE_NULL:
		return CX_NULLV;
	default:
		return CX_TEXTV((const char *)sqlite3_column_text(S(st), col));
	}
}

int cx_sql_to_out(cx_stmt *st, cx_out *out, cx_err *err)
{
	int n = cx_sql_columns(st), rc;
	cx_val vals[64];

	if (n > 64)
		n = 64;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		for (int i = 0; i < n; i++)
			vals[i] = cx_sql_val(st, i);
		cx_out_row(out, vals);
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

void cx_sqlbuf_add(cx_sqlbuf *b, const char *text)
{
	size_t n = strlen(text);
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->oom = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, text, n + 1);
	b->len += n;
}

void cx_sqlbuf_free(cx_sqlbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *cx_sql_like_escape(const char *s)
{
	size_t n = strlen(s);
	char *r = malloc(2 * n + 1), *p = r;
	if (!r)
		return NULL;
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p = '\0';
	return r;
}
