/*
 * The statement layer's generic half: each call goes to the engine that
 * prepared the statement (backend.h); the helpers built on those calls
 * (run, one value, rows to an output writer, SQL text buffers) live here once.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_impl.h"
#include "sql.h"

int cx_sql_prepare(cx_db *db, const char *sql, cx_stmt **st, cx_err *err)
{
	*st = NULL;
	return db->be->prepare(db, sql, st, err);
}

int cx_sql_prepare_insert_many(cx_db *db, const char *table, const char *const *cols, int ncols, int nkey, int nrows,
			       cx_stmt **st, cx_err *err)
{
	*st = NULL;
	return db->be->prepare_insert_many(db, table, cols, ncols, nkey, nrows, st, err);
}

int cx_sql_insert_many_rows(cx_db *db)
{
	return db->be->many_rows;
}

int cx_sql_prepare_append(cx_db *db, const char *table, const char *const *cols, int ncols, cx_stmt **st,
			  cx_err *err)
{
	*st = NULL;
	if (db->be->prepare_append)
		return db->be->prepare_append(db, table, cols, ncols, st, err);
	cx_sqlbuf q = { 0 };
	char p[32];
	cx_sqlbuf_add(&q, "INSERT INTO ");
	cx_sqlbuf_add(&q, table);
	for (int c = 0; c < ncols; c++) {
		cx_sqlbuf_add(&q, c ? ", " : " (");
		cx_sqlbuf_add(&q, cols[c]);
	}
	for (int c = 0; c < ncols; c++) {
		snprintf(p, sizeof p, "%s?%d", c ? ", " : ") VALUES (", c + 1);
		cx_sqlbuf_add(&q, p);
	}
	cx_sqlbuf_add(&q, ")");
	int rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, st, err);
	cx_sqlbuf_free(&q);
	return rc;
}

int cx_sql_append(cx_stmt *st, cx_err *err)
{
	int rc = cx_sql_step(st, err);
	cx_sql_reset(st);
	return rc < 0 ? rc : CX_OK;
}

int cx_sql_append_end(cx_stmt *st, cx_err *err)
{
	return st->be->append_end ? st->be->append_end(st, err) : CX_OK;
}

void cx_sql_finalize(cx_stmt *st)
{
	if (st)
		st->be->finalize(st);
}

int cx_sql_cached(cx_db *db, const char *sql, cx_stmt **st, cx_err *err)
{
	size_t n = sizeof db->cache / sizeof db->cache[0], free_slot = n;
	for (size_t i = 0; i < n; i++) {
		if (db->cache[i].sql == sql) {
			*st = db->cache[i].st;
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
		db->cache[free_slot].st = *st;
	}
	return rc;
}

void cx_sql_release(cx_stmt *st)
{
	st->be->reset(st);
}

void cx_sql_reset(cx_stmt *st)
{
	st->be->reset(st);
}

void cx_sql_bind_int(cx_stmt *st, int i, int64_t v)
{
	st->be->bind_int(st, i, v);
}

void cx_sql_bind_real(cx_stmt *st, int i, double v)
{
	st->be->bind_real(st, i, v);
}

void cx_sql_bind_text(cx_stmt *st, int i, const char *v)
{
	if (v)
		st->be->bind_text(st, i, v, 1);
	else
		st->be->bind_null(st, i, 't');
}

void cx_sql_bind_text_static(cx_stmt *st, int i, const char *v)
{
	if (v)
		st->be->bind_text(st, i, v, 0);
	else
		st->be->bind_null(st, i, 't');
}

void cx_sql_bind_id(cx_stmt *st, int i, int64_t v)
{
	if (v)
		st->be->bind_int(st, i, v);
	else
		st->be->bind_null(st, i, 'i');
}

void cx_sql_bind_null(cx_stmt *st, int i)
{
	st->be->bind_null(st, i, 0);
}

int cx_sql_step(cx_stmt *st, cx_err *err)
{
	return st->be->step(st, err);
}

int cx_sql_queue(cx_stmt *st, cx_err *err)
{
	return st->be->queue ? st->be->queue(st, err) : CX_OK;
}

void cx_sql_walk(cx_stmt *st)
{
	if (st->be->walk)
		st->be->walk(st);
}

int cx_ask_stmt(cx_asked *q, cx_stmt *st, cx_err *err)
{
	if (q->n == CX_ASKED_MAX) {
		cx_sql_finalize(st);
		return cx_fail(err, CX_EINTERNAL, "more than %d statements asked at once", CX_ASKED_MAX);
	}
	int rc = cx_sql_queue(st, err);
	if (rc) {
		cx_sql_finalize(st);
		return rc;
	}
	q->st[q->n++] = st;
	return CX_OK;
}

int cx_ask(cx_db *db, cx_asked *q, const char *sql, int64_t a, int64_t b, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, sql, &st, err);
	if (rc)
		return rc;
	/* a place the statement does not have is no error to either engine */
	cx_sql_bind_int(st, 1, a);
	cx_sql_bind_int(st, 2, b);
	return cx_ask_stmt(q, st, err);
}

cx_stmt *cx_asked_next(cx_asked *q)
{
	if (q->next >= q->n)
		return NULL;
	cx_stmt *st = q->st[q->next];
	q->st[q->next++] = NULL;
	return st;
}

void cx_asked_free(cx_asked *q)
{
	for (int i = 0; i < q->n; i++)
		cx_sql_finalize(q->st[i]);
	*q = (cx_asked){ 0 };
}

int cx_sql_null(cx_stmt *st, int col)
{
	return st->be->col_null(st, col);
}

int64_t cx_sql_int(cx_stmt *st, int col)
{
	return st->be->col_int(st, col);
}

double cx_sql_real(cx_stmt *st, int col)
{
	return st->be->col_real(st, col);
}

const char *cx_sql_text(cx_stmt *st, int col)
{
	return st->be->col_text(st, col);
}

int cx_sql_columns(cx_stmt *st)
{
	return st->be->columns(st);
}

cx_val cx_sql_val(cx_stmt *st, int col)
{
	return st->be->col_val(st, col);
}

int cx_sql_exec(cx_db *db, const char *sql, cx_err *err)
{
	return db->be->exec(db, sql, err);
}

int cx_sql_changes(cx_db *db)
{
	return db->be->changes(db);
}

const cx_search_engine *cx_sql_search_engine(cx_db *db)
{
	return db->be->search;
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

/*
 * Binds args to st, which must have a parameter for each: otherwise the call
 * is wrong, and st is finalized. copy: the texts are copied (st outlives the call).
 */
static int bind_args(cx_stmt *st, const cx_arg *args, int copy, const char *sql, cx_err *err)
{
	int n = 0;
	for (const cx_arg *a = args; a->type; a++) {
		int i = ++n;
		switch (a->type) {
		case 'i':
			if (a->null)
				st->be->bind_null(st, i, 'i');
			else
				st->be->bind_int(st, i, a->i);
			break;
		case 'r':
			st->be->bind_real(st, i, a->r);
			break;
		case 't':
			if (a->null)
				st->be->bind_null(st, i, 't');
			else
				st->be->bind_text(st, i, a->t, copy);
			break;
		default:
			st->be->bind_null(st, i, 0);
			break;
		}
	}
	int want = st->be->params(st);
	if (n != want) {
		cx_sql_finalize(st);
		return cx_fail(err, CX_EINTERNAL, "values given: %d, parameters: %d (%.80s)", n, want, sql);
	}
	return CX_OK;
}

int cx_sql_query_args(cx_db *db, cx_stmt **st, cx_err *err, const char *sql, const cx_arg *args)
{
	int rc = cx_sql_prepare(db, sql, st, err);
	if (rc == CX_OK && (rc = bind_args(*st, args, 1, sql, err)))
		*st = NULL;
	return rc;
}

int cx_sql_list_args(cx_db *db, cx_out *out, const cx_col *cols, int ncols, cx_err *err, const char *sql,
		     const cx_arg *args)
{
	cx_stmt *st;
	int rc = cx_sql_query_args(db, &st, err, sql, args);
	if (rc)
		return rc;
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, cols, ncols);
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}

int cx_sql_do_args(cx_db *db, cx_err *err, const char *sql, const cx_arg *args)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, sql, &st, err);
	if (rc || (rc = bind_args(st, args, 0, sql, err)))
		return rc;
	return cx_sql_run(st, err);
}

int cx_sql_get_int_args(cx_db *db, int64_t dflt, int64_t *v, cx_err *err, const char *sql, const cx_arg *args)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, sql, &st, err);
	*v = dflt;
	if (rc || (rc = bind_args(st, args, 0, sql, err)))
		return rc;
	return cx_sql_one_int(st, dflt, v, err);
}

int cx_sql_to_out(cx_stmt *st, cx_out *out, cx_err *err)
{
	int n = -1, rc;
	cx_val *vals = NULL;

	/* the columns are known once the statement has run (a server says so with its rows) */
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		if (n < 0) {
			/*
			 * A statement of other columns than the list was begun with
			 * would lose the ones past its end, or have the writer read
			 * values that are not there: a slip in cx's own code.
			 */
			if ((n = cx_sql_columns(st)) != cx_out_ncols(out)) {
				rc = cx_fail(err, CX_EINTERNAL, "a statement of %d columns for a list of %d", n,
					     cx_out_ncols(out));
				break;
			}
			if (!(vals = calloc((size_t)n + 1, sizeof *vals))) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
		}
		for (int i = 0; i < n; i++)
			vals[i] = cx_sql_val(st, i);
		cx_out_row(out, vals);
	}
	cx_sql_finalize(st);
	free(vals);
	return rc < 0 ? rc : CX_OK;
}

void cx_sqlbuf_add(cx_sqlbuf *b, const char *text)
{
	cx_buf_add(b, text);
}

void cx_sqlbuf_rank(cx_sqlbuf *b, const char *col, const char *const *words)
{
	char n[24];
	cx_buf_add(b, "CASE ");
	cx_buf_add(b, col);
	for (int i = 0; words[i]; i++) {
		/* words of cx's own lists are lower-case letters: never a quote to escape */
		assert(!strchr(words[i], '\''));
		snprintf(n, sizeof n, "' THEN %d", i);
		cx_buf_add(b, " WHEN '");
		cx_buf_add(b, words[i]);
		cx_buf_add(b, n);
	}
	cx_buf_add(b, " ELSE -1 END");
}

void cx_sql_typed_param(cx_db *db, cx_sqlbuf *b, const char *param, const char *type)
{
	db->be->typed_param(b, param, type);
}

int cx_sql_named(cx_db *db, cx_named q, cx_stmt **st, cx_err *err)
{
	return cx_sql_prepare(db, db->be->named[q], st, err);
}

const char *cx_sql_named_text(cx_db *db, cx_named q)
{
	return db->be->named[q] ? db->be->named[q] : "";
}

int cx_sql_named_exec(cx_db *db, cx_named q, cx_err *err)
{
	return db->be->named[q] ? cx_sql_exec(db, db->be->named[q], err) : CX_OK;
}

const char *cx_sql_list_fn(cx_db *db)
{
	return db->be->list_fn;
}

void cx_sqlbuf_free(cx_sqlbuf *b)
{
	cx_buf_free(b);
}

int cx_sql_rule_fail(cx_err *err, cx_rule rule, const char *what)
{
	const char *w = what && *what ? what : NULL;
	switch (rule) {
	case CX_RULE_UNIQUE:
		return cx_fail(err, CX_EDATA, "another row has the same %s (%s)", w ? w : "value",
			       w && strchr(w, ',') ? "together they must be unique" : "it must be unique");
	case CX_RULE_NOT_NULL:
		return cx_fail(err, CX_EDATA, "%s is missing (it must have a value)", w ? w : "a value");
	case CX_RULE_CHECK:
		return cx_fail(err, CX_EDATA, "a value is not one allowed%s%s%s", w ? " (rule: " : "", w ? w : "", w ? ")" : "");
	case CX_RULE_REFERENCE:
		return cx_fail(err, CX_EDATA, "a reference to a row that is not there%s%s%s", w ? " (" : "", w ? w : "",
			       w ? ")" : "");
	}
	return cx_fail(err, CX_EDATA, "a rule of the database was broken");
}

char *cx_sql_like_pattern(const char *s, int anywhere)
{
	char *r = malloc(2 * strlen(s) + 3), *p = r;
	if (!r)
		return NULL;
	if (anywhere)
		*p++ = '%';
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p++ = '%';
	*p = '\0';
	return r;
}

