/* What the two halves of the SQLite engine (db_sqlite.c, sql_sqlite.c) share. */
#ifndef CX_SQLITE_IMPL_H
#define CX_SQLITE_IMPL_H

#include <sqlite3.h>

#include "db_impl.h"

#define LITE(db) ((sqlite3 *)(db)->conn)

/* Turns an SQLite result code into a cx status and a message naming the file. */
int cx_sqlite_fail(cx_db *db, int rc, cx_err *err);
/* The same for a statement of this text that failed: a broken rule is looked for in what it writes. */
int cx_sqlite_fail_in(cx_db *db, const char *sql, int rc, cx_err *err);

int cx_sqlite_prepare(cx_db *db, const char *sql, cx_stmt **st, cx_err *err);
int cx_sqlite_prepare_many(cx_db *db, const char *table, const char *const *cols, int ncols, int nkey, int nrows,
			   cx_stmt **st, cx_err *err);
int cx_sqlite_exec(cx_db *db, const char *sql, cx_err *err);
int cx_sqlite_changes(cx_db *db);
void cx_sqlite_finalize(cx_stmt *st);
void cx_sqlite_reset(cx_stmt *st);
int cx_sqlite_params(cx_stmt *st);
void cx_sqlite_bind_int(cx_stmt *st, int i, int64_t v);
void cx_sqlite_bind_real(cx_stmt *st, int i, double v);
void cx_sqlite_bind_text(cx_stmt *st, int i, const char *v, int copy);
void cx_sqlite_bind_null(cx_stmt *st, int i, int type);
int cx_sqlite_step(cx_stmt *st, cx_err *err);
int cx_sqlite_columns(cx_stmt *st);
int cx_sqlite_col_null(cx_stmt *st, int col);
int64_t cx_sqlite_col_int(cx_stmt *st, int col);
double cx_sqlite_col_real(cx_stmt *st, int col);
const char *cx_sqlite_col_text(cx_stmt *st, int col);
cx_val cx_sqlite_col_val(cx_stmt *st, int col);

#endif
