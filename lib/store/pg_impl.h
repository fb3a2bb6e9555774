/* The inside of the PostgreSQL engine, shared by its files: pg.c (handle and statements) and pg_copy.c (many rows at once). */
#ifndef CX_PG_IMPL_H
#define CX_PG_IMPL_H

#include <libpq-fe.h>

#include "db_impl.h"

enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_FLOAT4 = 700,
       OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

typedef struct pg_param {
	unsigned oid; /* 0: NULL */
	unsigned null_oid; /* a NULL's type (0: the server decides) */
	char *v;      /* owned copy, or a caller's static text */
	int owned;
	char num[32];
} pg_param;

typedef struct pg_stmt {
	struct cx_stmt base;
	char *sql; /* in PostgreSQL's dialect */
	int nparams;
	pg_param *p; /* nparams of each (at least one) */
	PGresult *res;
	int row, nrows, done;
	/* run a second time with the same types, a statement is prepared on the server and kept */
	int runs, prepared;
	unsigned *types, *now_types; /* of the first run; of this one */
	const char **values;
	char name[24];
	struct pg_many *many; /* an insert of many rows (pg_copy.c), or NULL */
	struct pg_append *append; /* rows appended (pg_copy.c), or NULL */
	int queued; /* sent in a pipeline, its result not read yet */
	int fresh;  /* its result was read with the rest of its pipeline, and it has not been stepped since */
	/*
	 * Its rows come one at a time as they are stepped (libpq's single-row
	 * mode): a million rows are never all in memory, and cx reads the first
	 * while the server finds the next. When the connection is wanted for
	 * another statement first, the rest are read ahead into rest: the first
	 * nchunks of it hold the rows, many to a result (pg.c: CX_PG_CHUNK),
	 * then come the statement's last results.
	 */
	int streaming;
	PGresult **rest;
	size_t nrest, irest, caprest, nchunks;
	int chunk; /* res is rows read ahead, row the one stepped to */
	int lost; /* a row read ahead found no memory */
	/*
	 * A walk (sql.h: cx_sql_walk) in a transaction: its rows come from the
	 * cursor cursor_name, CX_PG_CHUNK at a time. cursor: 1 while they come,
	 * 2 when the last of them are in res.
	 */
	int walk, cursor;
	char cursor_name[24];
} pg_stmt;

typedef struct pg_conn {
	PGconn *c;
	int changes;
	unsigned long statements; /* names for prepared statements */
	/* sent in one pipeline, in order, their results not read yet; NULL: a result nobody waits for */
	struct pg_stmt **queue;
	size_t nqueue, qcap;
	struct pg_stmt *stream; /* whose rows are on their way now, or NULL */
} pg_conn;

#define CONN(db) (((pg_conn *)(db)->conn)->c)

/* A failed statement as a cx status, with err set (res may be NULL: the connection's message). */
int cx_pg_fail(cx_db *db, const PGresult *res, cx_err *err);
/* A statement of nparams parameters; sql (PostgreSQL's text, or NULL) is the statement's from now on. */
pg_stmt *cx_pg_stmt_new(cx_db *db, char *sql, int nparams);

/* backend.h: prepare_insert_many. */
int cx_pg_prepare_many(cx_db *db, const char *table, const char *const *cols, int ncols, int nkey, int nrows,
		       cx_stmt **st, cx_err *err);
/* Stores a run of an insert of many rows: p->res then holds the rows stored (id, the key's columns). */
int cx_pg_many_run(pg_stmt *p, cx_err *err);
void cx_pg_many_free(struct pg_many *m);

/* backend.h: prepare_append. */
int cx_pg_prepare_append(cx_db *db, const char *table, const char *const *cols, int ncols, cx_stmt **st,
			 cx_err *err);
/* A step of an appender: its bound row held, and the rows held sent when they are many. */
int cx_pg_append_row(pg_stmt *p, cx_err *err);
/* backend.h: append_end (the rows held sent). */
int cx_pg_append_end(pg_stmt *p, cx_err *err);
void cx_pg_append_free(struct pg_append *a);

#endif
