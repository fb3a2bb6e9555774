/*
 * Many rows at once on PostgreSQL: an insert of many (sql.h:
 * cx_sql_prepare_insert_many), and rows appended (cx_sql_prepare_append,
 * at the end of this file: held, then sent by COPY). An insert of many
 * run asks for the rows' keys in one statement, takes the new rows' ids
 * from the table's sequence in a second, and sends the new rows with COPY:
 * four round trips for a run, no statement of thousands of parameters, and
 * no id taken for a row that is there already (INSERT ... ON CONFLICT DO
 * NOTHING takes one, so ids would differ from a file's). A row taken here
 * as new cannot be stored by another writer before the COPY only when the
 * caller holds what the rows belong to (the survey import holds its
 * survey's row, locked by its update); otherwise the COPY fails on the
 * unique key, and the transaction with it: nothing half done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "pg_impl.h"

typedef struct pg_many {
	char *table;
	char **cols;
	int ncols, nkey, nrows;
	char *copy;    /* COPY table (id, cols) FROM STDIN */
	char *seq;     /* the table's id sequence, asked for on the first run */
	int *slot;     /* the run's keys so far, by hash: a row's number + 1, 0 free */
	size_t nslot;  /* a power of two, at least twice nrows */
	int *take;     /* per row: 1 to store, 0 to leave out */
	int *asked;    /* the rows whose keys are asked about, in order */
	int64_t *id;   /* per row stored, in order: its id */
	cx_buf data;   /* the stored rows in COPY's text format */
} pg_many;

void cx_pg_many_free(pg_many *m)
{
	if (!m)
		return;
	for (int c = 0; m->cols && c < m->ncols; c++)
		free(m->cols[c]);
	free(m->cols);
	free(m->table);
	free(m->copy);
	free(m->seq);
	free(m->slot);
	free(m->take);
	free(m->asked);
	free(m->id);
	cx_buf_free(&m->data);
	free(m);
}

int cx_pg_prepare_many(cx_db *db, const char *table, const char *const *cols, int ncols, int nkey, int nrows,
		       cx_stmt **st, cx_err *err)
{
	pg_many *m = calloc(1, sizeof *m);
	pg_stmt *p = NULL;
	cx_buf q = { 0 };
	int ok = m != NULL;
	if (ok) {
		m->ncols = ncols;
		m->nkey = nkey;
		m->nrows = nrows;
		for (m->nslot = 16; m->nslot < 2 * (size_t)nrows; m->nslot *= 2)
			;
		ok = (m->table = strdup(table)) && (m->cols = calloc((size_t)ncols, sizeof *m->cols)) &&
		     (m->slot = calloc(m->nslot, sizeof *m->slot)) && (m->take = calloc((size_t)nrows, sizeof *m->take)) &&
		     (m->asked = calloc((size_t)nrows, sizeof *m->asked)) &&
		     (m->id = calloc((size_t)nrows, sizeof *m->id));
		cx_buf_add(&q, "COPY ");
		cx_buf_add(&q, table);
		cx_buf_add(&q, " (id");
		for (int c = 0; ok && c < ncols; c++) {
			ok = (m->cols[c] = strdup(cols[c])) != NULL;
			cx_buf_add(&q, ", ");
			cx_buf_add(&q, cols[c]);
		}
		cx_buf_add(&q, ") FROM STDIN");
		ok = ok && (m->copy = cx_buf_done(&q));
	}
	if (ok && (p = cx_pg_stmt_new(db, NULL, nrows * ncols)))
		p->many = m;
	else
		cx_pg_many_free(m);
	cx_buf_free(&q);
	if (!p)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	*st = &p->base;
	return CX_OK;
}

static const char *value(pg_stmt *p, int r, int c)
{
	const pg_param *x = &p->p[r * p->many->ncols + c];
	return x->oid ? x->v : NULL;
}

/* The SQL type of a column as its values were bound in row r. */
static const char *sql_type(pg_stmt *p, int r, int c)
{
	const pg_param *x = &p->p[r * p->many->ncols + c];
	unsigned oid = x->oid ? x->oid : x->null_oid;
	return oid == OID_INT8 ? "bigint" : oid == OID_FLOAT8 ? "float8" : "text";
}

/* Leaves out a row whose key an earlier row of the run has (one with a NULL in its key is never the same). */
static void drop_repeats(pg_stmt *p)
{
	pg_many *m = p->many;
	memset(m->slot, 0, m->nslot * sizeof *m->slot);
	for (int r = 0; r < m->nrows; r++) {
		uint64_t h = CX_HASH_START;
		int null = 0;
		m->take[r] = 1;
		for (int c = 0; c < m->nkey; c++) {
			const char *v = value(p, r, c);
			null |= !v;
			h = cx_hash_field(h, v);
		}
		if (null)
			continue;
		size_t j = h & (m->nslot - 1);
		for (; m->slot[j]; j = (j + 1) & (m->nslot - 1)) {
			int e = m->slot[j] - 1, c = 0;
			while (c < m->nkey && !strcmp(value(p, e, c), value(p, r, c)))
				c++;
			if (c == m->nkey)
				break;
		}
		if (m->slot[j])
			m->take[r] = 0;
		else
			m->slot[j] = r + 1;
	}
}

/* Appends v as an element of an array's text form: quoted, with " and \ escaped (NULL: NULL). */
static void array_element(cx_buf *b, const char *v)
{
	if (!v) {
		cx_buf_add(b, "NULL");
		return;
	}
	cx_buf_put(b, "\"", 1);
	for (size_t n; *v; v += n) {
		n = strcspn(v, "\"\\");
		cx_buf_put(b, v, n);
		if (v[n]) {
			cx_buf_put(b, "\\", 1);
			cx_buf_put(b, v + n, 1);
			n++;
		}
	}
	cx_buf_put(b, "\"", 1);
}

/* Leaves out the rows whose keys the table has: one statement, the keys as one array per column. */
static int drop_present(pg_stmt *p, cx_err *err)
{
	pg_many *m = p->many;
	cx_db *db = p->base.db;
	cx_buf q = { 0 }, arr[8] = { { 0 } };
	const char *vals[8];
	char num[32];
	int first = -1, rc = CX_OK;
	if (m->nkey > 8)
		return cx_fail(err, CX_EINTERNAL, "a key of %d columns: at most 8", m->nkey);
	for (int r = 0; r < m->nrows; r++) {
		if (!m->take[r])
			continue;
		if (first < 0)
			first = r;
		for (int c = 0; c < m->nkey; c++) {
			cx_buf_add(&arr[c], arr[c].len ? "," : "{");
			array_element(&arr[c], value(p, r, c));
		}
	}
	if (first < 0)
		return CX_OK;
	/*
	 * u.n: the row's place among those asked about. One look into the
	 * key's index for each: as a LATERAL ... LIMIT 1, never a join the
	 * planner may make a scan of the whole table (a table filled in this
	 * transaction has no statistics).
	 */
	cx_buf_add(&q, "SELECT u.n FROM unnest(");
	for (int c = 0; c < m->nkey; c++) {
		cx_buf_add(&arr[c], "}");
		snprintf(num, sizeof num, "%s$%d::", c ? ", " : "", c + 1);
		cx_buf_add(&q, num);
		cx_buf_add(&q, sql_type(p, first, c));
		cx_buf_add(&q, "[]");
	}
	cx_buf_add(&q, ") WITH ORDINALITY AS u (");
	for (int c = 0; c < m->nkey; c++) {
		snprintf(num, sizeof num, "k%d, ", c + 1);
		cx_buf_add(&q, num);
	}
	cx_buf_add(&q, "n), LATERAL (SELECT 1 FROM ");
	cx_buf_add(&q, m->table);
	cx_buf_add(&q, " t WHERE ");
	for (int c = 0; c < m->nkey; c++) {
		snprintf(num, sizeof num, " = u.k%d", c + 1);
		cx_buf_add(&q, c ? " AND t." : "t.");
		cx_buf_add(&q, m->cols[c]);
		cx_buf_add(&q, num);
	}
	cx_buf_add(&q, " LIMIT 1) AS there");
	int oom = q.oom;
	for (int c = 0; c < m->nkey; c++) {
		oom |= arr[c].oom;
		vals[c] = arr[c].s;
	}
	if (oom) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
	} else {
		PGresult *res = PQexecParams(CONN(db), q.s, m->nkey, NULL, vals, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			rc = cx_pg_fail(db, res, err);
		} else {
			int k = 0;
			for (int r = 0; r < m->nrows; r++)
				if (m->take[r])
					m->asked[k++] = r;
			for (int i = 0; i < PQntuples(res); i++) {
				long n = strtol(PQgetvalue(res, i, 0), NULL, 10);
				if (n >= 1 && n <= k)
					m->take[m->asked[n - 1]] = 0;
			}
		}
		PQclear(res);
	}
	cx_buf_free(&q);
	for (int c = 0; c < m->nkey; c++)
		cx_buf_free(&arr[c]);
	return rc;
}

/* n new ids from the table's sequence, in increasing order. */
static int take_ids(pg_stmt *p, int n, cx_err *err)
{
	pg_many *m = p->many;
	cx_db *db = p->base.db;
	PGresult *res;
	if (!m->seq) {
		const char *v[1] = { m->table };
		res = PQexecParams(CONN(db), "SELECT pg_get_serial_sequence($1, 'id')", 1, NULL, v, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			int rc = cx_pg_fail(db, res, err);
			PQclear(res);
			return rc;
		}
		if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
			m->seq = strdup(PQgetvalue(res, 0, 0));
		PQclear(res);
		if (!m->seq)
			return cx_fail(err, CX_EINTERNAL, "%s: no sequence gives its ids", m->table);
	}
	char count[16];
	snprintf(count, sizeof count, "%d", n);
	const char *v[2] = { m->seq, count };
	res = PQexecParams(CONN(db), "SELECT nextval($1::regclass) FROM generate_series(1, $2::integer) ORDER BY 1", 2,
			   NULL, v, NULL, NULL, 0);
	int rc = CX_OK;
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = cx_pg_fail(db, res, err);
	else if (PQntuples(res) != n)
		rc = cx_fail(err, CX_EINTERNAL, "%s: %d ids asked for, %d given", m->table, n, PQntuples(res));
	else
		for (int i = 0; i < n; i++)
			m->id[i] = strtoll(PQgetvalue(res, i, 0), NULL, 10);
	PQclear(res);
	return rc;
}

/* Appends a value in COPY's text format: \N for NULL; backslash, tab, newline and return escaped. */
static void copy_value(cx_buf *b, const char *v)
{
	if (!v) {
		cx_buf_put(b, "\\N", 2);
		return;
	}
	for (size_t n; *v; v += n) {
		n = strcspn(v, "\\\t\n\r");
		cx_buf_put(b, v, n);
		if (v[n]) {
			const char *esc = v[n] == '\\' ? "\\\\" : v[n] == '\t' ? "\\t" : v[n] == '\n' ? "\\n" : "\\r";
			cx_buf_put(b, esc, 2);
			n++;
		}
	}
}

/* Sends data, rows in COPY's text format, by the statement copy (COPY ... FROM STDIN). */
static int copy_in(cx_db *db, const char *copy, const cx_buf *data, cx_err *err)
{
	if (data->oom)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	PGresult *res = PQexec(CONN(db), copy);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		int rc = cx_pg_fail(db, res, err);
		PQclear(res);
		return rc;
	}
	PQclear(res);
	int sent = PQputCopyData(CONN(db), data->s, (int)data->len) == 1 && PQputCopyEnd(CONN(db), NULL) == 1;
	int rc = CX_OK;
	/* the COPY's result, and then none: the connection is ready for the next statement */
	while ((res = PQgetResult(CONN(db)))) {
		if (rc == CX_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = cx_pg_fail(db, res, err);
		PQclear(res);
	}
	if (rc == CX_OK && !sent)
		rc = cx_pg_fail(db, NULL, err);
	return rc;
}

static int copy_rows(pg_stmt *p, int n, cx_err *err)
{
	pg_many *m = p->many;
	cx_db *db = p->base.db;
	char id[24];
	m->data.len = 0;
	for (int r = 0, k = 0; r < m->nrows; r++) {
		if (!m->take[r])
			continue;
		cx_buf_put(&m->data, id, (size_t)snprintf(id, sizeof id, "%lld", (long long)m->id[k++]));
		for (int c = 0; c < m->ncols; c++) {
			cx_buf_put(&m->data, "\t", 1);
			copy_value(&m->data, value(p, r, c));
		}
		cx_buf_put(&m->data, "\n", 1);
	}
	return copy_in(db, m->copy, &m->data, err);
}

/* The rows stored, as a result to step through: id, then the key's columns. */
static int stored(pg_stmt *p, int n, cx_err *err)
{
	pg_many *m = p->many;
	PGresAttDesc att[9];
	char id[24];
	PGresult *res = PQmakeEmptyPGresult(CONN(p->base.db), PGRES_TUPLES_OK);
	int ok = res != NULL;
	memset(att, 0, sizeof att);
	att[0] = (PGresAttDesc){ .name = "id", .typid = OID_INT8, .typlen = 8, .atttypmod = -1 };
	for (int c = 0; c < m->nkey; c++)
		att[c + 1] = (PGresAttDesc){ .name = m->cols[c], .typid = OID_TEXT, .typlen = -1, .atttypmod = -1 };
	if (ok && n > 0) {
		int first = 0;
		while (!m->take[first])
			first++;
		for (int c = 0; c < m->nkey; c++)
			att[c + 1].typid = !strcmp(sql_type(p, first, c), "bigint") ? OID_INT8 : OID_TEXT;
	}
	ok = ok && PQsetResultAttrs(res, m->nkey + 1, att);
	for (int r = 0, k = 0; ok && r < m->nrows; r++) {
		if (!m->take[r])
			continue;
		ok = PQsetvalue(res, k, 0, id, snprintf(id, sizeof id, "%lld", (long long)m->id[k]));
		for (int c = 0; ok && c < m->nkey; c++) {
			const char *v = value(p, r, c);
			ok = PQsetvalue(res, k, c + 1, (char *)v, v ? (int)strlen(v) : -1);
		}
		k++;
	}
	if (!ok) {
		PQclear(res);
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	p->res = res;
	return CX_OK;
}

int cx_pg_many_run(pg_stmt *p, cx_err *err)
{
	pg_many *m = p->many;
	int rc, n = 0;
	for (int i = 0; i < p->nparams; i++)
		if (p->p[i].oid == OID_TEXT && !p->p[i].v)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
	drop_repeats(p);
	if ((rc = drop_present(p, err)))
		return rc;
	for (int r = 0; r < m->nrows; r++)
		n += m->take[r];
	if (n > 0 && ((rc = take_ids(p, n, err)) || (rc = copy_rows(p, n, err))))
		return rc;
	return stored(p, n, err);
}

/* ---- rows appended (sql.h: cx_sql_prepare_append) ---- */

/* Rows held are sent when they come to this many bytes. */
#define CX_PG_APPEND_BYTES (256 * 1024)

typedef struct pg_append {
	char *copy;  /* COPY table (cols) FROM STDIN */
	cx_buf data; /* the rows held, in COPY's text format */
} pg_append;

void cx_pg_append_free(pg_append *a)
{
	if (!a)
		return;
	free(a->copy);
	cx_buf_free(&a->data);
	free(a);
}

int cx_pg_prepare_append(cx_db *db, const char *table, const char *const *cols, int ncols, cx_stmt **st,
			 cx_err *err)
{
	pg_append *a = calloc(1, sizeof *a);
	pg_stmt *p = NULL;
	cx_buf q = { 0 };
	cx_buf_add(&q, "COPY ");
	cx_buf_add(&q, table);
	for (int c = 0; c < ncols; c++) {
		cx_buf_add(&q, c ? ", " : " (");
		cx_buf_add(&q, cols[c]);
	}
	cx_buf_add(&q, ") FROM STDIN");
	if (a && (a->copy = cx_buf_done(&q)) && (p = cx_pg_stmt_new(db, NULL, ncols)))
		p->append = a;
	else
		cx_pg_append_free(a);
	cx_buf_free(&q);
	if (!p)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	*st = &p->base;
	return CX_OK;
}

int cx_pg_append_row(pg_stmt *p, cx_err *err)
{
	pg_append *a = p->append;
	for (int c = 0; c < p->nparams; c++) {
		const pg_param *x = &p->p[c];
		if (x->oid == OID_TEXT && !x->v)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		if (c)
			cx_buf_put(&a->data, "\t", 1);
		copy_value(&a->data, x->oid ? x->v : NULL);
	}
	cx_buf_put(&a->data, "\n", 1);
	return a->data.len >= CX_PG_APPEND_BYTES ? cx_pg_append_end(p, err) : CX_OK;
}

int cx_pg_append_end(pg_stmt *p, cx_err *err)
{
	pg_append *a = p->append;
	if (!a->data.len && !a->data.oom)
		return CX_OK;
	int rc = copy_in(p->base.db, a->copy, &a->data, err);
	a->data.len = 0;
	a->data.oom = 0;
	return rc;
}
