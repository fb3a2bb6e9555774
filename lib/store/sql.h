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
/*
 * An insert of nrows rows at once, in the engine's quickest way: SQLite's
 * one statement of many rows, PostgreSQL's COPY. The table's id is the
 * engine's to give; cols are the columns given, the first nkey of them a
 * unique key of the table. Row r's value of column c (both from 0) is bound
 * as parameter r * ncols + c + 1. A row whose key is in the table already,
 * or in an earlier row of the same run, is left out; so, on SQLite, is a row
 * that breaks another of the table's rules: the caller makes sure it gives
 * none, and checks what was left out. Each step gives one row stored: its
 * id, then its key's columns, in no set order.
 */
int cx_sql_prepare_insert_many(cx_db *db, const char *table, const char *const *cols, int ncols, int nkey, int nrows,
			       cx_stmt **st, cx_err *err);
/* How many rows an insert of many takes best on this engine (more than 8). */
int cx_sql_insert_many_rows(cx_db *db);
/*
 * Rows appended to one table in bulk: a rebuild's many rows, worked out by
 * the caller. cols are the columns given; bind a row's values as
 * parameters 1 to ncols, then cx_sql_append. On a file each row is inserted
 * then; on a server the rows are held and go by COPY, many to a round trip,
 * when enough are held and at cx_sql_append_end: rows held are not seen by
 * other statements before. A row that breaks one of the table's rules fails
 * the call that sends it, and its transaction is to be rolled back. Finalize
 * after the end: rows still held then are dropped.
 */
int cx_sql_prepare_append(cx_db *db, const char *table, const char *const *cols, int ncols, cx_stmt **st,
			  cx_err *err);
int cx_sql_append(cx_stmt *st, cx_err *err);
int cx_sql_append_end(cx_stmt *st, cx_err *err);
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
/*
 * Sends st, bound, ahead of its first step. Statements queued one after
 * another travel to a server together and their answers come back
 * together: one round trip for all of a screen's independent questions
 * (PostgreSQL's pipeline), however many. On a file nothing happens until
 * the step. Step them in the order they were queued (a failure stops the
 * ones queued after it), and reset or finalize one before queueing it again.
 */
int cx_sql_queue(cx_stmt *st, cx_err *err);
/*
 * Marks st, before its first step, as a walk: its rows are stepped while
 * the same transaction runs other statements (a rebuild that writes as it
 * reads). On a server its rows then come from a cursor, a batch at a time,
 * so that the others need not wait for the rest of them nor the rest be
 * held in memory meanwhile. Outside a transaction, and on a file, nothing
 * changes.
 */
void cx_sql_walk(cx_stmt *st);

/*
 * The statements of a screen's section, asked before any section is shown
 * (section.h): prepared, bound and queued in turn, then taken back in the
 * same order, each to be stepped and finalized by whoever takes it.
 */
enum { CX_ASKED_MAX = 8 };
typedef struct cx_asked {
	cx_stmt *st[CX_ASKED_MAX];
	int n, next;
} cx_asked;

/* Prepares sql, binds ?1 to a and ?2 to b (where it has them), and queues it as q's next statement. */
int cx_ask(cx_db *db, cx_asked *q, const char *sql, int64_t a, int64_t b, cx_err *err);
/* Queues st, prepared and bound by the caller, as q's next statement; finalizes it if that fails. */
int cx_ask_stmt(cx_asked *q, cx_stmt *st, cx_err *err);
/* q's next statement, in the order asked: the caller's now (NULL when there is none). */
cx_stmt *cx_asked_next(cx_asked *q);
/* Finalizes what nobody took. */
void cx_asked_free(cx_asked *q);

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

/*
 * One-line statements: the text, then one value for each of its parameters,
 * ?1 first, each written with its type:
 *
 *	rc = cx_sql_do(db, err, "UPDATE cases SET owner = ?2 WHERE id = ?1", CX_INT(id), CX_TEXT(owner));
 *
 * The values are counted for the call: a statement with more or fewer
 * parameters than values given is an internal error (CX_EINTERNAL), which
 * its first run says. Each value is converted to its type as in an
 * assignment, so an int is widened and a char * given to CX_INT is the
 * compiler's warning, never 64 bits read from the wrong place.
 */
typedef struct cx_arg {
	char type; /* 'i', 'r', 't', 'n' (NULL); 0 ends the list */
	int null;  /* 'i' and 't': the value is NULL (CX_ID(0), CX_TEXT(NULL)) */
	int64_t i;
	double r;
	const char *t;
} cx_arg;

#define CX_INT(v) ((cx_arg){ .type = 'i', .i = (v) })
/* An id: 0 is NULL (no such row). */
#define CX_ID(v) cx_arg_id(v)
#define CX_REAL(v) ((cx_arg){ .type = 'r', .r = (v) })
/* NULL is NULL. */
#define CX_TEXT(v) cx_arg_text(v)
/* A NULL whose type the statement decides. */
#define CX_NULL ((cx_arg){ .type = 'n' })


static inline cx_arg cx_arg_id(int64_t v)
{
	return (cx_arg){ .type = 'i', .i = v, .null = v == 0 };
}

static inline cx_arg cx_arg_text(const char *v)
{
	return (cx_arg){ .type = 't', .t = v, .null = v == NULL };
}

/* Runs sql, a statement with no result rows (or whose rows do not matter). */
#define cx_sql_do(db, err, ...) cx_sql_do_args(db, err, CX_SQL_TEXT_(__VA_ARGS__, 0), CX_SQL_ARGS_(__VA_ARGS__, CX_END_))
/* Runs sql, which gives one integer: *v is it, or dflt where it gives no row or NULL. */
#define cx_sql_get_int(db, dflt, v, err, ...)                                                                        \
	cx_sql_get_int_args(db, dflt, v, err, CX_SQL_TEXT_(__VA_ARGS__, 0), CX_SQL_ARGS_(__VA_ARGS__, CX_END_))
/* Prepares sql with its values bound (texts copied): *st is the caller's to step and finalize. */
#define cx_sql_query(db, st, err, ...) cx_sql_query_args(db, st, err, CX_SQL_TEXT_(__VA_ARGS__, 0), CX_SQL_ARGS_(__VA_ARGS__, CX_END_))

/* A plain table straight from a statement: the writer begun with cols (an array), every row, the writer ended. */
#define cx_sql_list(db, out, cols, err, ...)                                                                          \
	cx_sql_list_args(db, out, CX_COLS(cols), err, CX_SQL_TEXT_(__VA_ARGS__, 0), CX_SQL_ARGS_(__VA_ARGS__, CX_END_))

/* What the macros above call: the statement's text apart, the values in an array that ends with type 0. */
int cx_sql_do_args(cx_db *db, cx_err *err, const char *sql, const cx_arg *args);
int cx_sql_get_int_args(cx_db *db, int64_t dflt, int64_t *v, cx_err *err, const char *sql, const cx_arg *args);
int cx_sql_query_args(cx_db *db, cx_stmt **st, cx_err *err, const char *sql, const cx_arg *args);
int cx_sql_list_args(cx_db *db, cx_out *out, const cx_col *cols, int ncols, cx_err *err, const char *sql,
		     const cx_arg *args);
#define CX_END_ ((cx_arg){ 0 })
#define CX_SQL_TEXT_(sql, ...) (sql)
#define CX_SQL_ARGS_(sql, ...) ((const cx_arg[]){ __VA_ARGS__ })

/* Reads a column as an output value. */
cx_val cx_sql_val(cx_stmt *st, int col);
/* Writes every row of st to out (columns in order), finalizing st. */
int cx_sql_to_out(cx_stmt *st, cx_out *out, cx_err *err);

/*
 * Statements that must differ between engines: each engine writes them in
 * its own dialect (dialect_sqlite.c, dialect_pg.c). Keep this list short:
 * one portable statement is better.
 */
typedef enum cx_named {
	/* ?1 a table: its columns in order: name, declared type, 1 when part of the primary key */
	CX_Q_COLUMNS,
	/* every reference of the schema, one row per column: table, its column, the table referred to, its column, the reference's number */
	CX_Q_REFERENCES,
	/* the references are checked at the commit, not at each statement */
	CX_Q_DEFER_REFERENCES,
	/* before forgetting a person: what is deleted is overwritten, not only let go (none on a server) */
	CX_Q_ERASE_FOR_GOOD,
	/* after forgetting: the copies of erased pages the engine keeps aside are cleared too (none on a server) */
	CX_Q_ERASE_COPIES,
	/* before a bulk import: a larger cache for this connection (none on a server) */
	CX_Q_BULK_CACHE,
	/* ?1 a case's id: its row is locked until the transaction ends (none where a writer holds the whole database: a file) */
	CX_Q_LOCK_CASE,
	/*
	 * after rows came in with their ids given: each table's next id past its
	 * highest (none where the engine takes one more than the highest anyway,
	 * as SQLite's rowid does); several statements, no parameters
	 */
	CX_Q_IDS_FOLLOW,
	CX_Q_N
} cx_named;
int cx_sql_named(cx_db *db, cx_named q, cx_stmt **st, cx_err *err);
/* A named statement's text, to build a longer one from ("" when the engine has none). */
const char *cx_sql_named_text(cx_db *db, cx_named q);
/* Runs a named statement that has no parameters and no rows; nothing when the engine has none. */
int cx_sql_named_exec(cx_db *db, cx_named q, cx_err *err);
/*
 * The engine's aggregate that joins texts, f(x, sep), in the order its rows
 * come: SQLite's group_concat, PostgreSQL's string_agg (x must be text).
 */
const char *cx_sql_list_fn(cx_db *db);

/* Full-text search in the engine's own terms (search_fts5.c, search_pg.c). */
typedef struct cx_search_engine {
	/* ?1 the query, ?2 a kind (0: any); rows: rowid, rank (best first), snippet (or NULL) */
	const char *ranked;
	/* the same, less what matches the query ?3 */
	const char *ranked_rest;
	/*
	 * Both at once, where the engine does it quicker (NULL: ranked, then
	 * ranked_rest): the rows of ranked with ?3 first, then the rest of
	 * ranked with ?1, each part ranked by its own query; a fourth column is
	 * 1 for a row of the first part. Every row that matches ?3 matches ?1.
	 */
	const char *ranked_both;
	/* a row's snippet, when ranked gives none: ?1 rowid, ?2 the query (NULL: ranked gives them) */
	const char *snippet;
	/* ?1 the query, ?2 a kind, ?3 a rowid: the rowids of that kind past it that match, in no order */
	const char *matching;
	/* keeps the index compact after a rebuild (NULL: nothing to do) */
	const char *optimize;
	/*
	 * Taken before the index catches up with new rows, until the
	 * transaction ends: two writers never index the same rows at once
	 * (NULL: a writer holds the whole database already).
	 */
	const char *lock;
	/* The query (FTS5's syntax) in the engine's language; NULL with err set when it is not valid. */
	char *(*query)(const char *q, cx_err *err);
} cx_search_engine;

/* The engine's full-text search (search_fts5.c, search_pg.c). */
const cx_search_engine *cx_sql_search_engine(cx_db *db);

/* A growable SQL text for queries whose filters are optional. */
typedef cx_buf cx_sqlbuf;

void cx_sqlbuf_add(cx_sqlbuf *b, const char *text);
/*
 * A word's place in a fixed list of cx's own (cx/words.h), for ORDER BY:
 * "CASE col WHEN 'low' THEN 0 WHEN 'normal' THEN 1 ... ELSE -1 END". The
 * list is the program's, so its order is written once, there.
 */
void cx_sqlbuf_rank(cx_sqlbuf *b, const char *col, const char *const *words);
/* The parameter param (e.g. "?3") as a value for a column of that declared type. */
void cx_sql_typed_param(cx_db *db, cx_sqlbuf *b, const char *param, const char *type);
void cx_sqlbuf_free(cx_sqlbuf *b);

/* The rule of the schema a change broke, whichever engine found it. */
typedef enum cx_rule {
	CX_RULE_UNIQUE,    /* what: the columns, "table.column, table.column" */
	CX_RULE_NOT_NULL,  /* what: "table.column" */
	CX_RULE_CHECK,     /* what: the rule as the engine names it, when cx_sql_check_fail cannot word it */
	CX_RULE_REFERENCE, /* what: the reference, or "" when the engine does not say */
} cx_rule;
/* The failure (CX_EDATA) in cx's own words, the same from every engine. */
int cx_sql_rule_fail(cx_err *err, cx_rule rule, const char *what);
/*
 * A CHECK rule broken (check.c): the table (NULL when not known) and the
 * rule's text as the engine's schema writes it ("status IN ('new', ...)"),
 * worded the same whatever its spacing: the column and what it must be.
 */
int cx_sql_check_fail(cx_err *err, const char *table, const char *rule);
/* How many columns a CHECK rule's text names, the first of them into col. */
int cx_sql_check_columns(const char *rule, char *col, size_t size);

/*
 * A LIKE pattern (ESCAPE '\') for the texts that begin with s, or that
 * contain it when anywhere is set; % _ and \ in s stand for themselves.
 * The caller frees it; NULL when out of memory.
 */
char *cx_sql_like_pattern(const char *s, int anywhere);


#endif
