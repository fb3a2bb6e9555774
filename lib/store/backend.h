/*
 * What a storage engine gives the generic layers of libcx: the life of a
 * database handle (db.c) and its statements (sql.c). One table per engine:
 * SQLite (db_sqlite.c, sql_sqlite.c) and PostgreSQL (pg.c). Everything
 * above sql.h speaks one dialect and never knows which engine answers.
 */
#ifndef CX_BACKEND_H
#define CX_BACKEND_H

#include "cx/db.h"
#include "cx_config.h"
#include "cx/out.h"
#include "sql.h"

/* The start of every engine's statement. */
struct cx_stmt {
	const struct cx_backend *be;
	cx_db *db;
};

typedef struct cx_backend {
	const char *name;
	const cx_search_engine *search;
	/*
	 * Opens db->path, refuses a database written by a newer cx or by
	 * another program, and migrates an older one. On failure the caller
	 * closes.
	 */
	int (*open)(cx_db *db, cx_err *err);
	void (*close)(cx_db *db);
	/*
	 * Closes after a failed command, and removes a database the handle made
	 * (db->file.created) if nothing was committed to it since, by this
	 * command (db->commits) or by anyone else. NULL: close.
	 */
	void (*abandon)(cx_db *db);
	/* The outermost transaction of a writer: on a file it waits for the write lock up to db->busy_ms. */
	int (*begin)(cx_db *db, int bulk, cx_err *err);
	int (*commit)(cx_db *db, cx_err *err);
	void (*rollback)(cx_db *db);
	int (*flush)(cx_db *db, cx_err *err);
	/* Statements with no parameters and no rows; several, separated by ';', are allowed. */
	int (*exec)(cx_db *db, const char *sql, cx_err *err);
	int (*changes)(cx_db *db);
	/* Adds to q the parameter param (e.g. "?3") as a value for a column of this declared type. */
	void (*typed_param)(cx_sqlbuf *q, const char *param, const char *type);
	/* The statements whose text is the engine's own (sql.h: cx_named), in its dialect. */
	const char *const *named;
	/* Its aggregate that joins texts (sql.h: cx_sql_list_fn). */
	const char *list_fn;
	/* Who the engine says is connected, for the audit trail (NULL: nobody in particular). */
	const char *(*user)(cx_db *db);

	int (*prepare)(cx_db *db, const char *sql, cx_stmt **st, cx_err *err);
	/* sql.h: cx_sql_prepare_insert_many, the engine's quickest way. */
	int (*prepare_insert_many)(cx_db *db, const char *table, const char *const *cols, int ncols, int nkey, int nrows,
				   cx_stmt **st, cx_err *err);
	/* sql.h: cx_sql_insert_many_rows */
	int many_rows;
	/* sql.h: cx_sql_prepare_append and cx_sql_append_end; NULL: an insert a row, nothing held. */
	int (*prepare_append)(cx_db *db, const char *table, const char *const *cols, int ncols, cx_stmt **st,
			      cx_err *err);
	int (*append_end)(cx_stmt *st, cx_err *err);
	void (*finalize)(cx_stmt *st);
	/* Back to before the first step, with the bindings cleared. */
	void (*reset)(cx_stmt *st);
	/* The number of parameters: the highest n of the ?n in its text. */
	int (*params)(cx_stmt *st);
	void (*bind_int)(cx_stmt *st, int i, int64_t v);
	void (*bind_real)(cx_stmt *st, int i, double v);
	/* v is not NULL; copy says whether it must be copied now. */
	void (*bind_text)(cx_stmt *st, int i, const char *v, int copy);
	/* type: 'i' (an integer's place), 't' (a text's), 0 (the statement decides) */
	void (*bind_null)(cx_stmt *st, int i, int type);
	int (*step)(cx_stmt *st, cx_err *err);
	/* Sends st ahead of its first step (sql.h: cx_sql_queue); NULL: the step runs it. */
	int (*queue)(cx_stmt *st, cx_err *err);
	/* st is a walk (sql.h: cx_sql_walk); NULL: nothing changes. */
	void (*walk)(cx_stmt *st);
	int (*columns)(cx_stmt *st);
	int (*col_null)(cx_stmt *st, int col);
	int64_t (*col_int)(cx_stmt *st, int col);
	double (*col_real)(cx_stmt *st, int col);
	const char *(*col_text)(cx_stmt *st, int col);
	cx_val (*col_val)(cx_stmt *st, int col);
} cx_backend;

extern const cx_backend cx_sqlite_backend;
extern const char *const cx_sqlite_named[];
extern const cx_search_engine cx_fts5_search;
/* In the PostgreSQL module (cx-postgresql.so), which cx_pg_load() loads. */
extern const cx_backend cx_pg_backend;
extern const cx_search_engine cx_pg_search;
extern const char *const cx_pg_named[];
/* Sets *be to the PostgreSQL engine, loading its module the first time. */
int cx_pg_load(const cx_backend **be, cx_err *err);

#endif
