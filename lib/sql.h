/*
 * The statement layer inside libcx: every SQL statement goes through these
 * calls, so the domain code never touches the engine's own API and a second
 * backend only has to provide this file's functions. Parameters are written
 * ?1, ?2, ... and always bound, never formatted into the text.
 */
#ifndef CX_SQL_H
#define CX_SQL_H

#include <stdint.h>

#include "buf.h"
#include "cx/db.h"
#include "cx/out.h"

typedef struct cx_stmt cx_stmt;

enum { CX_SQL_DONE = 0, CX_SQL_ROW = 1 };

int cx_sql_prepare(cx_db *db, const char *sql, cx_stmt **st, cx_err *err);
void cx_sql_finalize(cx_stmt *st);
/*
 * For hot paths: sql must be a string constant; the statement is prepared
 * once per handle and kept. Give it back with cx_sql_release, never finalize.
 */
int cx_sql_cached(cx_db *db, const char *sql, cx_stmt **st, cx_err *err);
void cx_sql_release(cx_stmt *st);
void cx_sql_reset(cx_stmt *st);

void cx_sql_bind_int(cx_stmt *st, int i, int64_t v);
void cx_sql_bind_real(cx_stmt *st, int i, double v);
/* NULL binds SQL NULL. The text is copied. */
void cx_sql_bind_text(cx_stmt *st, int i, const char *v);
/* Like cx_sql_bind_text, but v must stay valid until the statement is reset: no copy. */
void cx_sql_bind_text_static(cx_stmt *st, int i, const char *v);
/* Binds NULL when v is 0. */
void cx_sql_bind_id(cx_stmt *st, int i, int64_t v);
void cx_sql_bind_null(cx_stmt *st, int i);

/* CX_SQL_ROW, CX_SQL_DONE, or a negative status with err set. */
int cx_sql_step(cx_stmt *st, cx_err *err);
int cx_sql_null(cx_stmt *st, int col);
int64_t cx_sql_int(cx_stmt *st, int col);
double cx_sql_real(cx_stmt *st, int col);
/* Valid until the next step, reset or finalize. */
const char *cx_sql_text(cx_stmt *st, int col);
/* The number of result columns: ask after the first step. */
int cx_sql_columns(cx_stmt *st);

/* Runs a statement with no parameters and no result rows. */
int cx_sql_exec(cx_db *db, const char *sql, cx_err *err);
/* Runs a prepared statement to completion, finalizing it. */
int cx_sql_run(cx_stmt *st, cx_err *err);
/* Runs a statement that returns one integer (or none: *v = dflt). Finalizes. */
int cx_sql_one_int(cx_stmt *st, int64_t dflt, int64_t *v, cx_err *err);
int cx_sql_changes(cx_db *db);

/* Reads a column as an output value. */
cx_val cx_sql_val(cx_stmt *st, int col);
/* Writes every row of st to out (columns in order), finalizing st. */
int cx_sql_to_out(cx_stmt *st, cx_out *out, cx_err *err);

/* The engine's full-text search (backend.h). */
const struct cx_search_engine *cx_sql_search_engine(cx_db *db);

/* A growable SQL text for queries whose filters are optional. */
typedef cx_buf cx_sqlbuf;

void cx_sqlbuf_add(cx_sqlbuf *b, const char *text);
/* The field col of the JSON object in parameter json (e.g. "?1"), typed for a column of that declared type. */
void cx_sql_json_field(cx_db *db, cx_sqlbuf *b, const char *json, const char *col, const char *type);
void cx_sqlbuf_free(cx_sqlbuf *b);

/* Escapes % _ and \ for a LIKE pattern with ESCAPE '\'; caller frees. */
char *cx_sql_like_escape(const char *s);

#endif
