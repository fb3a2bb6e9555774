/* SQLite's statements: prepare, bind, step and read, for the generic layer in sql.c. */
#include <stdio.h>
#include <stdlib.h>

#include "sqlite_impl.h"

typedef struct lite_stmt {
	struct cx_stmt base;
	sqlite3_stmt *s;   /* what is bound and run */
	sqlite3_stmt *out; /* what rows are read from: s, or an insert of many's rows stored (since) */
	/* an insert of many: the table's highest id before it, and its rows above that, read back */
	sqlite3_stmt *top, *since;
} lite_stmt;

#define S(st) (((lite_stmt *)(st))->s)
#define R(st) (((lite_stmt *)(st))->out)

int cx_sqlite_prepare(cx_db *db, const char *sql, cx_stmt **st, cx_err *err)
{
	lite_stmt *l = malloc(sizeof *l);
	if (!l)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	int rc = sqlite3_prepare_v2(LITE(db), sql, -1, &l->s, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(l->s);
		free(l);
		return cx_sqlite_fail(db, rc, err);
	}
	l->base = (struct cx_stmt){ db->be, db };
	l->out = l->s;
	l->top = l->since = NULL;
	*st = &l->base;
	return CX_OK;
}

/*
 * Many rows in one statement. OR IGNORE, not ON CONFLICT DO NOTHING: then the
 * statement cannot stop half-way and needs no statement journal (with one,
 * every page it changes again is appended to the log again: twice the
 * writes of a large import). What it leaves out, its caller checks.
 *
 * The rows stored are not named by RETURNING, which cost a third of a large
 * survey import's storing thread (SQLite keeps them aside and runs a program
 * for each): SQLite gives a new row an id past the table's highest, so the
 * rows stored are those above the highest id before the insert, read back
 * by id after it.
 */
int cx_sqlite_prepare_many(cx_db *db, const char *table, const char *const *cols, int ncols, int nkey, int nrows,
			   cx_stmt **st, cx_err *err)
{
	cx_buf q = { 0 }, top = { 0 }, since = { 0 };
	char p[24];
	cx_buf_add(&q, "INSERT OR IGNORE INTO ");
	cx_buf_add(&q, table);
	for (int c = 0; c < ncols; c++) {
		cx_buf_add(&q, c ? ", " : " (");
		cx_buf_add(&q, cols[c]);
	}
	cx_buf_add(&q, ") VALUES ");
	for (int r = 0; r < nrows; r++) {
		for (int c = 0; c < ncols; c++) {
			snprintf(p, sizeof p, "%s?%d", c ? ", " : r ? "), (" : "(", r * ncols + c + 1);
			cx_buf_add(&q, p);
		}
	}
	cx_buf_add(&q, ")");
	cx_buf_add(&top, "SELECT coalesce(max(id), 0) FROM ");
	cx_buf_add(&top, table);
	cx_buf_add(&since, "SELECT id");
	for (int c = 0; c < nkey; c++) {
		cx_buf_add(&since, ", ");
		cx_buf_add(&since, cols[c]);
	}
	cx_buf_add(&since, " FROM ");
	cx_buf_add(&since, table);
	cx_buf_add(&since, " WHERE id > ?1 ORDER BY id");
	int rc = q.oom || top.oom || since.oom ? cx_fail(err, CX_EINTERNAL, "out of memory")
					      : cx_sqlite_prepare(db, q.s, st, err);
	if (rc == CX_OK) {
		lite_stmt *l = (lite_stmt *)*st;
		int lrc = sqlite3_prepare_v2(LITE(db), top.s, -1, &l->top, NULL);
		if (lrc == SQLITE_OK)
			lrc = sqlite3_prepare_v2(LITE(db), since.s, -1, &l->since, NULL);
		if (lrc != SQLITE_OK) {
			rc = cx_sqlite_fail(db, lrc, err);
			cx_sqlite_finalize(*st);
			*st = NULL;
		}
	}
	cx_buf_free(&q);
	cx_buf_free(&top);
	cx_buf_free(&since);
	return rc;
}

/* An insert of many, run: the highest id before it, the insert, then the rows above that id to read. */
static int run_many(lite_stmt *l, cx_err *err)
{
	int rc = sqlite3_step(l->top);
	sqlite3_int64 top = rc == SQLITE_ROW ? sqlite3_column_int64(l->top, 0) : 0;
	sqlite3_reset(l->top);
	if (rc != SQLITE_ROW)
		return cx_sqlite_fail(l->base.db, rc, err);
	if ((rc = sqlite3_step(l->s)) != SQLITE_DONE)
		return cx_sqlite_fail(l->base.db, rc, err);
	sqlite3_bind_int64(l->since, 1, top);
	l->out = l->since;
	return CX_OK;
}

void cx_sqlite_finalize(cx_stmt *st)
{
	if (!st)
		return;
	lite_stmt *l = (lite_stmt *)st;
	sqlite3_finalize(l->top);
	sqlite3_finalize(l->since);
	sqlite3_finalize(l->s);
	free(st);
}

void cx_sqlite_reset(cx_stmt *st)
{
	lite_stmt *l = (lite_stmt *)st;
	if (l->since) {
		sqlite3_reset(l->since);
		l->out = l->s;
	}
	sqlite3_reset(l->s);
	sqlite3_clear_bindings(l->s);
}

int cx_sqlite_params(cx_stmt *st)
{
	return sqlite3_bind_parameter_count(S(st));
}

void cx_sqlite_bind_int(cx_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(S(st), i, v);
}

void cx_sqlite_bind_real(cx_stmt *st, int i, double v)
{
	sqlite3_bind_double(S(st), i, v);
}

void cx_sqlite_bind_text(cx_stmt *st, int i, const char *v, int copy)
{
	sqlite3_bind_text(S(st), i, v, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

void cx_sqlite_bind_null(cx_stmt *st, int i, int type)
{
	sqlite3_bind_null(S(st), i);
}

int cx_sqlite_step(cx_stmt *st, cx_err *err)
{
	lite_stmt *l = (lite_stmt *)st;
	int rc;
	if (l->since && l->out == l->s && (rc = run_many(l, err)))
		return rc;
	rc = sqlite3_step(R(st));
	if (rc == SQLITE_ROW)
		return CX_SQL_ROW;
	if (rc == SQLITE_DONE)
		return CX_SQL_DONE;
	return cx_sqlite_fail_in(st->db, sqlite3_sql(R(st)), rc, err);
}

int cx_sqlite_columns(cx_stmt *st)
{
	return sqlite3_column_count(R(st));
}

int cx_sqlite_col_null(cx_stmt *st, int col)
{
	return sqlite3_column_type(R(st), col) == SQLITE_NULL;
}

int64_t cx_sqlite_col_int(cx_stmt *st, int col)
{
	return sqlite3_column_int64(R(st), col);
}

double cx_sqlite_col_real(cx_stmt *st, int col)
{
	return sqlite3_column_double(R(st), col);
}

const char *cx_sqlite_col_text(cx_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(R(st), col);
}

cx_val cx_sqlite_col_val(cx_stmt *st, int col)
{
	switch (sqlite3_column_type(R(st), col)) {
	case SQLITE_INTEGER:
		return CX_INTV(sqlite3_column_int64(R(st), col));
	case SQLITE_FLOAT:
		return CX_REALV(sqlite3_column_double(R(st), col));
	case SQLITE_NULL:
		return CX_NULLV;
	default:
		return CX_TEXTV((const char *)sqlite3_column_text(R(st), col));
	}
}

int cx_sqlite_exec(cx_db *db, const char *sql, cx_err *err)
{
	int rc = sqlite3_exec(LITE(db), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CX_OK : cx_sqlite_fail(db, rc, err);
}

int cx_sqlite_changes(cx_db *db)
{
	return sqlite3_changes(LITE(db));
}
