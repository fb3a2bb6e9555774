/*
 * Export, import and backup. The export is JSON Lines: a header, every row
 * of every table as one object with its table as "type", in an order an
 * import can replay, and an end record with the count. Rows are written and
 * read here, in C; the columns come from the schema itself (the engine's
 * catalog), so a migration that adds one needs nothing here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_reader.h"
#include "cx/archive.h"
#include "cx/journey.h"
#include "json_value.h"
#include "store/sql.h"

/*
 * Tables in the order their references need; time: what --since compares
 * (NULL: always whole); order: their key, the order of their rows in the file.
 */
static const struct table {
	const char *name, *time, *order;
} tables[] = {
	{ "settings", NULL, "key" },
	{ "stages", NULL, "position, name" },
	{ "channels", NULL, "position, name" },
	{ "feedback_sources", NULL, "position, name" },
	{ "customers", "updated_at", "id" },
	{ "customer_tags", NULL, "customer_id, tag" },
	{ "cases", "updated_at", "id" },
	{ "case_tags", NULL, "case_id, tag" },
	{ "case_links", NULL, "case_a, case_b" },
	{ "notes", "created_at", "id" },
	{ "messages", "added_at", "id" },
	{ "message_refs", NULL, "message_id, position" },
	{ "attachments", NULL, "id" },
	{ "templates", "updated_at", "name" },
	{ "topics", "created_at", "name" },
	{ "events", "at", "id" },
	{ "surveys", "created_at", "id" },
	{ "survey_questions", NULL, "survey_id, qid" },
	{ "survey_imports", "imported_at", "id" },
	{ "responses", "imported_at", "id" },
	{ "survey_requests", "asked_at", "id" },
	{ "touchpoints", "created_at", "id" },
	{ "feedback", "added_at", "id" },
	{ "feedback_replies", "at", "id" },
	{ "feedback_targets", NULL, "source, sentiment" },
	{ "business_hours", NULL, "weekday, opens" },
	{ "holidays", NULL, "day" },
	{ "sla_policies", NULL, "priority, channel" },
	{ "sla_breaches", "noticed_at", "case_id, clock" },
};
enum { NTABLES = sizeof tables / sizeof tables[0] };

/* A table's columns, from the engine's catalog. */
typedef struct column {
	char *name, *type;
	int pk;
} column;

typedef struct columns_of {
	column *c;
	int n;
} columns_of;

static void free_cols(columns_of *cs)
{
	for (int i = 0; i < cs->n; i++) {
		free(cs->c[i].name);
		free(cs->c[i].type);
	}
	free(cs->c);
	*cs = (columns_of){ 0 };
}

static int columns(cx_db *db, const char *table, columns_of *cs, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_named(db, CX_Q_COLUMNS, &st, err);
	*cs = (columns_of){ 0 };
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, table);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		column *c = realloc(cs->c, (size_t)(cs->n + 1) * sizeof *c);
		if (!c) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		cs->c = c;
		c += cs->n;
		c->name = strdup(cx_sql_text(st, 0));
		c->type = strdup(cx_sql_null(st, 1) ? "" : cx_sql_text(st, 1));
		c->pk = cx_sql_int(st, 2) != 0;
		cs->n++;
		if (!c->name || !c->type) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	}
	cx_sql_finalize(st);
	if (rc < 0)
		free_cols(cs);
	return rc < 0 ? rc : CX_OK;
}

/* "name" quoted as an SQL identifier; names come from the schema, never from input. */
static void add_name(cx_sqlbuf *q, const char *prefix, const char *name)
{
	cx_sqlbuf_add(q, prefix);
	cx_sqlbuf_add(q, "\"");
	cx_sqlbuf_add(q, name);
	cx_sqlbuf_add(q, "\"");
}

int cx_export(cx_db *db, FILE *fp, int64_t since, int64_t *records, cx_err *err)
{
	int rc;
	*records = 0;
	/* One read transaction: the file is one moment of the database. */
	if ((rc = cx_sql_exec(db, "BEGIN", err)))
		return rc;
	fprintf(fp, "{\"type\":\"cx-export\",\"format\":%d,\"schema\":%d%s}\n", CX_EXPORT_FORMAT, cx_db_schema_version(db),
		since ? ",\"partial\":true" : "");
	for (int t = 0; t < NTABLES && rc == CX_OK; t++) {
		columns_of cs;
		cx_sqlbuf q = { 0 };
		cx_stmt *st;
		if ((rc = columns(db, tables[t].name, &cs, err)))
			break;
		for (int i = 0; i < cs.n; i++)
			add_name(&q, i ? ", " : "SELECT ", cs.c[i].name);
		cx_sqlbuf_add(&q, " FROM ");
		cx_sqlbuf_add(&q, tables[t].name);
		if (since && tables[t].time) {
			cx_sqlbuf_add(&q, " WHERE ");
			cx_sqlbuf_add(&q, tables[t].time);
			cx_sqlbuf_add(&q, " >= ?1");
		}
		/* by key: the same file from either engine, whatever order the rows were written in */
		cx_sqlbuf_add(&q, " ORDER BY ");
		cx_sqlbuf_add(&q, tables[t].order);
		rc = q.oom || !cs.n ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
		cx_sqlbuf_free(&q);
		if (rc) {
			free_cols(&cs);
			break;
		}
		cx_sql_bind_int(st, 1, since);
		/* each row one object: its table as "type", then its columns in the schema's order */
		json_t *o = json_object();
		while (o && (rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			json_object_set_new(o, "type", json_string(tables[t].name));
			for (int i = 0; i < cs.n; i++)
				json_object_set_new(o, cs.c[i].name, cx_json_col(st, i));
			char *line = cx_json_text(o);
			if (!line) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			fputs(line, fp);
			putc('\n', fp);
			free(line);
			json_object_clear(o);
			(*records)++;
		}
		if (!o)
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		json_decref(o);
		cx_sql_finalize(st);
		free_cols(&cs);
		rc = rc < 0 ? rc : CX_OK;
	}
	if (rc == CX_OK)
		fprintf(fp, "{\"type\":\"end\",\"records\":%lld}\n", (long long)*records);
	cx_sql_exec(db, "COMMIT", NULL);
	return rc;
}

/* ---- import ---- */

static int table_index(const char *type)
{
	for (int t = 0; t < NTABLES; t++)
		if (!strcmp(tables[t].name, type))
			return t;
	return -1;
}

/*
 * What an import keeps for one table: its columns, and the statements for
 * records with the fields of mask (bit i: column i). A column the record
 * does not have (an export from an older cx, made before the column was
 * added) takes the column's default on insert and keeps its value on
 * update; an explicit null is NULL.
 */
typedef struct importing {
	columns_of cs;
	int ready;
	uint64_t mask;
	cx_stmt *ins, *upd;
} importing;

/* The fields of rec the table has, as a mask of its columns. */
static uint64_t mask_of(const columns_of *cs, const json_t *rec)
{
	uint64_t m = 0;
	for (int i = 0; i < cs->n && i < 64; i++)
		if (json_object_get(rec, cs->c[i].name))
			m |= (uint64_t)1 << i;
	return m;
}

static void add_param(cx_db *db, cx_sqlbuf *q, const char *prefix, int k, const char *type)
{
	char p[16];
	snprintf(p, sizeof p, "?%d", k);
	cx_sqlbuf_add(q, prefix);
	cx_sql_typed_param(db, q, p, type);
}

static int prepare_insert(cx_db *db, int t, importing *im, int merge, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	int k = 0;
	cx_sqlbuf_add(&q, "INSERT INTO ");
	cx_sqlbuf_add(&q, tables[t].name);
	cx_sqlbuf_add(&q, " (");
	for (int i = 0; i < im->cs.n; i++)
		if (im->mask >> i & 1)
			add_name(&q, k++ ? ", " : "", im->cs.c[i].name);
	cx_sqlbuf_add(&q, ") VALUES (");
	k = 0;
	for (int i = 0; i < im->cs.n; i++)
		if (im->mask >> i & 1) {
			k++;
			add_param(db, &q, k > 1 ? ", " : "", k, im->cs.c[i].type);
		}
	cx_sqlbuf_add(&q, merge ? ") ON CONFLICT DO NOTHING" : ")");
	int rc = q.oom || !k ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &im->ins, err);
	cx_sqlbuf_free(&q);
	return rc;
}

/*
 * With --merge, a record whose row is there already replaces it where they
 * differ: matched by the table's primary key, changing only the columns the
 * record has, and only when one of them differs (so the count of updated
 * rows is the truth). No statement for a table nothing may change in: the
 * audit trail is appended to, never rewritten, and a table that is all key
 * has nothing to change.
 */
static int prepare_update(cx_db *db, int t, importing *im, cx_err *err)
{
	const char *name = tables[t].name;
	cx_sqlbuf set = { 0 }, key = { 0 }, differs = { 0 }, q = { 0 };
	int rc = CX_OK, k = 0, nkey = 0, nset = 0, keys_all = 1;

	if (!strcmp(name, "events"))
		return CX_OK;
	for (int i = 0; i < im->cs.n; i++) {
		const column *c = &im->cs.c[i];
		if (!(im->mask >> i & 1)) {
			keys_all &= !c->pk;
			continue;
		}
		char p[16];
		snprintf(p, sizeof p, "?%d", ++k);
		if (c->pk) {
			add_name(&key, nkey++ ? " AND " : "", c->name);
			add_param(db, &key, " = ", k, c->type);
			continue;
		}
		add_name(&set, nset ? ", " : "", c->name);
		add_param(db, &set, " = ", k, c->type);
		/* differs, NULL-safe */
		add_name(&differs, nset ? " OR " : "", c->name);
		add_param(db, &differs, " IS DISTINCT FROM ", k, c->type);
		nset++;
	}
	if (keys_all && nkey && nset) {
		const char *parts[] = { "UPDATE ", name, " SET ", set.s, " WHERE ", key.s, " AND (", differs.s, ")" };
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			cx_sqlbuf_add(&q, parts[i]);
		rc = set.oom || key.oom || differs.oom || q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory")
							       : cx_sql_prepare(db, q.s, &im->upd, err);
	}
	cx_sqlbuf_free(&set);
	cx_sqlbuf_free(&key);
	cx_sqlbuf_free(&differs);
	cx_sqlbuf_free(&q);
	return rc;
}

/* Binds the record's fields that the table has, in the order of its columns, as ?1, ?2, ... */
static void bind_record(cx_stmt *st, const importing *im, const json_t *rec)
{
	int k = 0;
	for (int i = 0; i < im->cs.n; i++) {
		if (!(im->mask >> i & 1))
			continue;
		const json_t *v = json_object_get(rec, im->cs.c[i].name);
		k++;
		switch (json_typeof(v)) {
		case JSON_INTEGER:
			cx_sql_bind_int(st, k, json_integer_value(v));
			break;
		case JSON_REAL:
			cx_sql_bind_real(st, k, json_real_value(v));
			break;
		case JSON_TRUE:
		case JSON_FALSE:
			cx_sql_bind_int(st, k, json_is_true(v));
			break;
		case JSON_STRING:
			cx_sql_bind_text_static(st, k, json_string_value(v));
			break;
		case JSON_NULL:
			cx_sql_bind_null(st, k);
			break;
		default: {
			char *text = cx_json_text(v); /* an object or an array, kept as its text */
			cx_sql_bind_text(st, k, text);
			free(text);
		}
		}
	}
}

/* The integer of a header field, as a number or a text of one (0 when absent). */
static int64_t int_field(const json_t *rec, const char *key)
{
	char buf[64];
	const char *v = cx_json_field(rec, key, buf, sizeof buf);
	return v ? strtoll(v, NULL, 10) : 0;
}

/*
 * The first row whose reference points to no row: its table, its id (0 when
 * the table has none) and the table referred to, by asking every reference
 * of the schema. *found is 0 when there is none.
 */
static int broken_reference(cx_db *db, char *table, char *parent, size_t size, int64_t *rowid, int *found,
			    cx_err *err)
{
	cx_stmt *refs;
	int rc = cx_sql_named(db, CX_Q_REFERENCES, &refs, err);
	cx_sqlbuf q = { 0 }, cond = { 0 }, present = { 0 };
	char child[64] = "", par[64] = "", ref[32] = "";
	*found = 0;
	if (rc)
		return rc;
	for (;;) {
		rc = cx_sql_step(refs, err);
		const char *r = rc == CX_SQL_ROW ? cx_sql_text(refs, 4) : "";
		/* a reference ends where the next begins: its check is asked then */
		if (ref[0] && (rc != CX_SQL_ROW || strcmp(r, ref) || strcmp(cx_sql_text(refs, 0), child))) {
			columns_of cs;
			int has_id = 0, r2;
			if ((r2 = columns(db, child, &cs, err))) {
				rc = r2;
				break;
			}
			for (int i = 0; i < cs.n; i++)
				has_id |= cs.c[i].pk && !strcmp(cs.c[i].name, "id");
			free_cols(&cs);
			const char *parts[] = { "SELECT ", has_id ? "k.id" : "0", " FROM ", child, " k WHERE ", present.s,
						" AND NOT EXISTS (SELECT 1 FROM ", par, " p WHERE ", cond.s, ") LIMIT 1" };
			for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
				cx_sqlbuf_add(&q, parts[i]);
			cx_stmt *st;
			if ((r2 = q.oom || cond.oom || present.oom ? cx_fail(err, CX_EINTERNAL, "out of memory")
								   : cx_sql_prepare(db, q.s, &st, err))) {
				rc = r2;
				break;
			}
			if ((r2 = cx_sql_step(st, err)) == CX_SQL_ROW) {
				*found = 1;
				*rowid = cx_sql_int(st, 0);
				snprintf(table, size, "%s", child);
				snprintf(parent, size, "%s", par);
			}
			cx_sql_finalize(st);
			cx_sqlbuf_free(&q);
			cx_sqlbuf_free(&cond);
			cx_sqlbuf_free(&present);
			if (r2 < 0 || *found) {
				rc = r2 < 0 ? r2 : CX_OK;
				break;
			}
			ref[0] = '\0';
		}
		if (rc != CX_SQL_ROW)
			break;
		if (!ref[0]) {
			snprintf(ref, sizeof ref, "%s", r);
			snprintf(child, sizeof child, "%s", cx_sql_text(refs, 0));
			snprintf(par, sizeof par, "%s", cx_sql_text(refs, 2));
		}
		/* names from the catalog, never from input */
		add_name(&present, present.len ? " AND k." : "k.", cx_sql_text(refs, 1));
		cx_sqlbuf_add(&present, " IS NOT NULL");
		add_name(&cond, cond.len ? " AND p." : "p.", cx_sql_text(refs, 3));
		add_name(&cond, " = k.", cx_sql_text(refs, 1));
	}
	cx_sql_finalize(refs);
	cx_sqlbuf_free(&q);
	cx_sqlbuf_free(&cond);
	cx_sqlbuf_free(&present);
	return rc < 0 ? rc : CX_OK;
}

/*
 * Before the first record: references checked at the end, and without
 * --merge an empty database whose defaults give way to the export's own.
 */
static int make_room(cx_db *db, int merge, cx_err *err)
{
	cx_stmt *st;
	int64_t n;
	int rc;
	/* The references are checked once, at the end: records come table by table. */
	if ((rc = cx_sql_named(db, CX_Q_DEFER_REFERENCES, &st, err)) || (rc = cx_sql_run(st, err)))
		return rc;
	if (merge)
		return CX_OK;
	if ((rc = cx_sql_get_int(db, 0, &n, err,
				 "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM cases)"
				 " + (SELECT count(*) FROM notes) + (SELECT count(*) FROM events)"
				 " + (SELECT count(*) FROM responses) + (SELECT count(*) FROM feedback)"
				 " + (SELECT count(*) FROM touchpoints)")))
		return rc;

	if (n)
		return cx_fail(err, CX_EDATA, "the database has data already: import into a new one (" CX_FIELD("db")
					      " NEW) or add " CX_FIELD("merge"));
	static const char *const defaults[] = { "DELETE FROM settings", "DELETE FROM stages", "DELETE FROM channels",
						"DELETE FROM feedback_sources", "DELETE FROM feedback_targets",
						"DELETE FROM sla_policies", "DELETE FROM business_hours", "DELETE FROM holidays" };
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if ((rc = cx_sql_exec(db, defaults[i], err)))
			return rc;
	return CX_OK;
}

/* The first line: a cx export, of a format and schema this cx reads. */
static int check_header(cx_db *db, const char *name, json_t *rec, const char *type, cx_err *err)
{
	int64_t format = int_field(rec, "format"), schema = int_field(rec, "schema");
	if (!strcmp(type, "cx-export") && format > CX_EXPORT_FORMAT)
		return cx_fail(err, CX_EDATA, "%s:1: exported by a newer cx (format %lld): upgrade cx", name, (long long)format);
	if (strcmp(type, "cx-export") || format != CX_EXPORT_FORMAT)
		return cx_fail(err, CX_EDATA, "%s:1: not a cx export (it starts with a cx-export header)", name);
	if (schema > cx_db_schema_version(db))
		return cx_fail(err, CX_EDATA, "%s:1: exported by a newer cx (schema %lld): upgrade cx", name, (long long)schema);
	return CX_OK;
}

/* A record's statement failed: the file's line and the record's kind before the engine's words. */
static int record_failed(cx_err *err, const char *name, int64_t lineno, const char *type)
{
	char why[sizeof err->msg];
	snprintf(why, sizeof why, "%s", err->msg);
	return cx_fail(err, CX_EDATA, "%s:%lld: %s record: %s", name, (long long)lineno, type, why);
}

/* One record into its table: added, or with --merge the file's version over a different one, or skipped. */
static int store_record(cx_db *db, importing *tab, json_t *rec, const char *type, int merge, const char *name,
			int64_t lineno, cx_import_result *res, cx_err *err)
{
	int t = table_index(type), rc;
	if (t < 0)
		return cx_fail(err, CX_EDATA, "%s:%lld: type: \"%.40s\" is not a kind of record cx exports", name,
			       (long long)lineno, type);
	importing *im = &tab[t];
	if (!im->ready++ && (rc = columns(db, tables[t].name, &im->cs, err)))
		return rc;
	uint64_t mask = mask_of(&im->cs, rec);
	if (!mask)
		return cx_fail(err, CX_EDATA, "%s:%lld: %s record: none of its fields is a column of %s", name,
			       (long long)lineno, type, type);
	if (!im->ins || mask != im->mask) {
		/* the statements are made for the fields the records have: again when they change */
		cx_sql_finalize(im->ins);
		cx_sql_finalize(im->upd);
		im->ins = im->upd = NULL;
		im->mask = mask;
		if ((rc = prepare_insert(db, t, im, merge, err)) || (merge && (rc = prepare_update(db, t, im, err))))
			return rc;
	}
	if (im->upd) {
		/* there already and different: the file's version wins */
		cx_sql_reset(im->upd);
		bind_record(im->upd, im, rec);
		if (cx_sql_step(im->upd, err) < 0)
			return record_failed(err, name, lineno, type);
		if (cx_sql_changes(db)) {
			res->records++;
			res->updated++;
			return CX_OK;
		}
	}
	cx_sql_reset(im->ins);
	bind_record(im->ins, im, rec);
	if (cx_sql_step(im->ins, err) < 0)
		return record_failed(err, name, lineno, type);
	res->records++;
	if (cx_sql_changes(db))
		res->added++;
	else
		res->skipped++;
	return CX_OK;
}

/*
 * After the last record: a reference to a record the file does not hold is
 * named here (the commit would only count it; the check costs little next
 * to the import); the search index is rebuilt from the rows on the next
 * search; the engine's next ids come after the ones the records kept.
 */
static int check_whole(cx_db *db, const char *name, cx_err *err)
{
	char child[64], parent[64];
	int64_t rowid = 0;
	int found, rc;
	if ((rc = broken_reference(db, child, parent, sizeof child, &rowid, &found, err)))
		return rc;
	if (found) {
		char id[32] = "";
		if (rowid)
			snprintf(id, sizeof id, " %lld", (long long)rowid);
		return cx_fail(err, CX_EDATA,
			       "%s: %s record%s refers to a %s record the file does not hold"
			       " (a damaged export, or a partial one: add that with " CX_FIELD("merge") ")",
			       name, child, id, parent);
	}
	if ((rc = cx_sql_exec(db, "DELETE FROM search_state", err)) || (rc = cx_sql_exec(db, "DELETE FROM search_index", err)))
		return rc;
	return cx_db_ids_follow(db, err);
}

/*
 * Line by line: a header, records, an end record that counts them, nothing
 * after it. No event of its own: the imported audit trail is the history,
 * and an export of the result is byte for byte the export it came from.
 */
int cx_import(cx_db *db, const char *path, int merge, cx_import_result *res, cx_err *err)
{
	const char *name = strcmp(path, "-") ? path : "standard input";
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	importing tab[NTABLES] = { 0 };
	json_t *rec = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int64_t lineno = 0, end_count = -1;
	int rc;

	memset(res, 0, sizeof *res);
	if (!fp)
		return cx_fail(err, errno == ENOENT ? CX_ENOINPUT : CX_EIO, "cannot open %s: %s", path, strerror(errno));
	if ((rc = cx_db_need(db, __func__, err)) || (rc = make_room(db, merge, err)))
		goto out;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (end_count >= 0) {
			if (len) {
				rc = cx_fail(err, CX_EDATA, "%s:%lld: more after the end record (a damaged export)", name,
					     (long long)lineno);
				goto out;
			}
			continue;
		}
		if (cx_utf8_invalid((const unsigned char *)line, (size_t)len) >= 0 || strlen(line) != (size_t)len) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: not UTF-8 text (a damaged export)", name, (long long)lineno);
			goto out;
		}
		json_decref(rec);
		rec = cx_json_parse(line);
		if (!json_is_object(rec)) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: not a JSON object (a damaged or truncated export)", name,
				     (long long)lineno);
			goto out;
		}
		char tbuf[64];
		const char *type = cx_json_field(rec, "type", tbuf, sizeof tbuf);
		type = type ? type : "";
		if (lineno == 1) {
			if ((rc = check_header(db, name, rec, type, err)))
				goto out;
		} else if (!strcmp(type, "end")) {
			end_count = int_field(rec, "records");
			if (end_count != res->records) {
				rc = cx_fail(err, CX_EDATA, "%s:%lld: the end record counts %lld records, the file has %lld", name,
					     (long long)lineno, (long long)end_count, (long long)res->records);
				goto out;
			}
		} else if ((rc = store_record(db, tab, rec, type, merge, name, lineno, res, err))) {
			goto out;
		}
	}
	if (ferror(fp))
		rc = cx_fail(err, CX_EIO, "%s: read error: %s", name, strerror(errno));
	else if (lineno == 0)
		rc = cx_fail(err, CX_EDATA, "%s: empty (not a cx export)", name);
	else if (end_count < 0)
		rc = cx_fail(err, CX_EDATA, "%s:%lld: truncated: the end record is missing (export again)", name,
			     (long long)lineno);
	else
		rc = check_whole(db, name, err);
out:
	for (int t = 0; t < NTABLES; t++) {
		cx_sql_finalize(tab[t].ins);
		cx_sql_finalize(tab[t].upd);
		free_cols(&tab[t].cs);
	}
	json_decref(rec);
	free(line);
	if (fp != stdin)
		fclose(fp);
	/* records of every kind came in, the survey answers among them: the map's summaries are built again */
	if (rc == CX_OK && (res->added || res->updated))
		rc = cx_journey_invalidate(db, err);
	return rc;
}

int cx_backup(cx_db *db, const char *path, cx_err *err)
{
	struct stat sb;
	cx_stmt *st;
	int rc;

	if (stat(path, &sb) == 0 && (sb.st_size > 0 || !S_ISREG(sb.st_mode)))
		return cx_fail(err, CX_EDATA, "%s exists already: a backup goes to a new file", path);
	/* Made 0600 first: the copy holds the same personal data as the database. */
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return cx_fail(err, errno == EACCES || errno == EPERM || errno == EROFS ? CX_EPERM : CX_EIO,
			       "cannot create %s: %s", path, strerror(errno));
	/* an empty file that was there already (mktemp's) keeps its mode unless told */
	if (fchmod(fd, 0600) < 0) {
		rc = cx_fail(err, errno == EPERM ? CX_EPERM : CX_EIO, "cannot make %s private: %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	close(fd);
	if ((rc = cx_sql_prepare(db, "VACUUM INTO ?1", &st, err)) == CX_OK) {
		cx_sql_bind_text(st, 1, path);
		rc = cx_sql_run(st, err);
		/* the error names the live database, but it was the copy that could not be written */
		if (rc == CX_EIO && err) {
			char why[sizeof err->msg];
			const char *live = cx_db_path(db);
			size_t n = strlen(live);
			snprintf(why, sizeof why, "%s", !strncmp(err->msg, live, n) && !strncmp(err->msg + n, ": ", 2) ? err->msg + n + 2 : err->msg);
			cx_fail(err, rc, "%s: the backup could not be written: %s", path, why);
		}
	}
	if (rc == CX_OK && (rc = cx_sql_do(db, err, "ATTACH ?1 AS backup_check", CX_TEXT(path))) == CX_OK) {
		if ((rc = cx_sql_prepare(db, "PRAGMA backup_check.quick_check", &st, err)) == CX_OK) {
			if ((rc = cx_sql_step(st, err)) == CX_SQL_ROW && strcmp(cx_sql_text(st, 0), "ok"))
				rc = cx_fail(err, CX_EIO, "%s: the copy does not check out: %s", path, cx_sql_text(st, 0));
			else if (rc >= 0)
				rc = CX_OK;
			cx_sql_finalize(st);
		}
		cx_sql_exec(db, "DETACH backup_check", NULL);
	}
	if (rc)
		unlink(path);
	return rc;
}

int cx_backup_stream(cx_db *db, FILE *out, cx_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	int rc;

	/* VACUUM INTO writes a file by its name: a private one, gone whatever happens */
	snprintf(path, sizeof path, "%s/cx-backup-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return cx_fail(err, errno == EACCES || errno == EPERM || errno == EROFS ? CX_EPERM : CX_EIO,
			       "cannot make a temporary file for the backup in %s: %s (TMPDIR names another place)",
			       tmp && *tmp ? tmp : "/tmp", strerror(errno));
	close(fd);
	if ((rc = cx_backup(db, path, err)))
		return rc; /* cx_backup removed it */
	FILE *in = fopen(path, "rb");
	int en = errno;
	unlink(path); /* read on through the open file */
	if (!in)
		return cx_fail(err, CX_EIO, "%s: cannot read the backup back: %s", path, strerror(en));
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (ferror(in))
		rc = cx_fail(err, CX_EIO, "%s: cannot read the backup back: %s", path, strerror(errno));
	else if (fflush(out) != 0 || ferror(out))
		rc = cx_fail(err, CX_EIO, "error writing the backup to standard output: %s", strerror(errno));
	fclose(in);
	return rc;
}
