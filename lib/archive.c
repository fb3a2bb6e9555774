/*
 * Export, import and backup. The export is JSON Lines: a header, every row
 * of every table as one object with its table as "type", in an order an
 * import can replay, and an end record with the count. Rows are written and
 * read by SQLite's JSON functions; the columns come from the schema itself,
 * so a migration that adds one needs nothing here.
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
#include "sql.h"

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

/* The columns of a table, from the schema; *cols is NULL-terminated, free with free_cols. */
static int columns(cx_db *db, const char *table, char ***cols, int *n, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", &st, err);
	*cols = NULL;
	*n = 0;
	if (rc)
		return rc;
	cx_sql_bind_text(st, 1, table);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char **c = realloc(*cols, (size_t)(*n + 2) * sizeof *c);
		if (!c || !(c[*n] = strdup(cx_sql_text(st, 0)))) {
			if (c)
				*cols = c;
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		*cols = c;
		(*n)++;
		c[*n] = NULL;
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

static void free_cols(char **cols)
{
	for (char **c = cols; c && *c; c++)
		free(*c);
	free(cols);
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
		char **cols;
		int n;
		cx_sqlbuf q = { 0 };
		cx_stmt *st;
		if ((rc = columns(db, tables[t].name, &cols, &n, err)))
			break;
		/* names come from the schema, never from input */
		cx_sqlbuf_add(&q, "SELECT json_object('type', '");
		cx_sqlbuf_add(&q, tables[t].name);
		cx_sqlbuf_add(&q, "'");
		for (int i = 0; i < n; i++) {
			cx_sqlbuf_add(&q, ", '");
			cx_sqlbuf_add(&q, cols[i]);
			cx_sqlbuf_add(&q, "', \"");
			cx_sqlbuf_add(&q, cols[i]);
			cx_sqlbuf_add(&q, "\"");
		}
		cx_sqlbuf_add(&q, ") FROM ");
		cx_sqlbuf_add(&q, tables[t].name);
		if (since && tables[t].time) {
			cx_sqlbuf_add(&q, " WHERE ");
			cx_sqlbuf_add(&q, tables[t].time);
			cx_sqlbuf_add(&q, " >= ?1");
		}
		/* by key: the same file from either engine, whatever order the rows were written in */
		cx_sqlbuf_add(&q, " ORDER BY ");
		cx_sqlbuf_add(&q, tables[t].order);
		free_cols(cols);
		rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
		cx_sqlbuf_free(&q);
		if (rc)
			break;
		cx_sql_bind_int(st, 1, since);
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
			fputs(cx_sql_text(st, 0), fp);
			putc('\n', fp);
			(*records)++;
		}
		cx_sql_finalize(st);
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

static int prepare_insert(cx_db *db, int t, int merge, cx_stmt **st, cx_err *err)
{
	char **cols;
	int n, rc = columns(db, tables[t].name, &cols, &n, err);
	cx_sqlbuf q = { 0 };
	if (rc)
		return rc;
	cx_sqlbuf_add(&q, "INSERT INTO ");
	cx_sqlbuf_add(&q, tables[t].name);
	cx_sqlbuf_add(&q, " (");
	for (int i = 0; i < n; i++) {
		cx_sqlbuf_add(&q, i ? ", \"" : "\"");
		cx_sqlbuf_add(&q, cols[i]);
		cx_sqlbuf_add(&q, "\"");
	}
	cx_sqlbuf_add(&q, ") VALUES (");
	/*
	 * A column the record does not have (an export from an older cx, made
	 * before the column was added) takes the column's default, as the schema
	 * states it; an explicit null stays NULL.
	 */
	cx_stmt *d;
	if ((rc = cx_sql_prepare(db, "SELECT dflt_value, type FROM pragma_table_info(?1) ORDER BY cid", &d, err))) {
		free_cols(cols);
		cx_sqlbuf_free(&q);
		return rc;
	}
	cx_sql_bind_text(d, 1, tables[t].name);
	for (int i = 0; i < n; i++) {
		int row = cx_sql_step(d, err) == CX_SQL_ROW;
		const char *dflt = row && !cx_sql_null(d, 0) ? cx_sql_text(d, 0) : NULL;
		const char *type = row && !cx_sql_null(d, 1) ? cx_sql_text(d, 1) : "";
		cx_sqlbuf_add(&q, i ? ", " : "");
		if (dflt) {
			cx_sqlbuf_add(&q, "CASE WHEN json_type(?1, '$.\"");
			cx_sqlbuf_add(&q, cols[i]);
			cx_sqlbuf_add(&q, "\"') IS NULL THEN (");
			cx_sqlbuf_add(&q, dflt);
			cx_sqlbuf_add(&q, ") ELSE ");
		}
		/* the record's field as a value of the column's type, as the engine says it */
		cx_sql_json_field(db, &q, "?1", cols[i], type);
		cx_sqlbuf_add(&q, dflt ? " END" : "");
	}
	cx_sql_finalize(d);
	cx_sqlbuf_add(&q, merge ? ") ON CONFLICT DO NOTHING" : ")");
	free_cols(cols);
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, st, err);
	cx_sqlbuf_free(&q);
	return rc;
}

/*
 * With --merge, a record whose row is there already replaces it where they
 * differ: UPDATE ... FROM the record's fields, matched by the table's
 * primary key, changing only the columns the record has, and only when one
 * of them differs (so the count of updated rows is the truth). *st is NULL
 * for a table nothing may change in: the audit trail is appended to, never
 * rewritten, and a table that is all key has nothing to change.
 */
static int prepare_update(cx_db *db, int t, cx_stmt **st, cx_err *err)
{
	const char *name = tables[t].name;
	cx_sqlbuf set = { 0 }, from = { 0 }, key = { 0 }, differs = { 0 }, q = { 0 };
	cx_stmt *info;
	int rc, nkey = 0, nset = 0;

	*st = NULL;
	if (!strcmp(name, "events"))
		return CX_OK;
	if ((rc = cx_sql_prepare(db, "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid", &info, err)))
		return rc;
	cx_sql_bind_text(info, 1, name);
	/* names come from the schema, never from input */
	while ((rc = cx_sql_step(info, err)) == CX_SQL_ROW) {
		const char *col = cx_sql_text(info, 0), *type = cx_sql_null(info, 1) ? "" : cx_sql_text(info, 1);
		int pk = cx_sql_int(info, 2) > 0;
		cx_sqlbuf_add(&from, from.len ? ", " : "SELECT ");
		cx_sql_json_field(db, &from, "?1", col, type);
		cx_sqlbuf_add(&from, " AS \"");
		cx_sqlbuf_add(&from, col);
		cx_sqlbuf_add(&from, "\"");
		if (pk) {
			cx_sqlbuf_add(&key, nkey++ ? " AND " : "");
			cx_sqlbuf_add(&key, name);
			cx_sqlbuf_add(&key, ".\"");
			cx_sqlbuf_add(&key, col);
			cx_sqlbuf_add(&key, "\" = f.\"");
			cx_sqlbuf_add(&key, col);
			cx_sqlbuf_add(&key, "\"");
			continue;
		}
		/* a column the record lacks (an export older than the column) keeps its value */
		const char *parts[] = { nset ? ", \"" : "\"", col, "\" = CASE WHEN json_type(?1, '$.\"", col,
					"\"') IS NULL THEN ", name, ".\"", col, "\" ELSE f.\"", col, "\" END" };
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			cx_sqlbuf_add(&set, parts[i]);
		/* differs, NULL-safe: a <> b, or one of them NULL and the other not */
		const char *diff[] = { nset ? " OR " : "", "(json_type(?1, '$.\"", col, "\"') IS NOT NULL AND (", name,
				       ".\"", col, "\" <> f.\"", col, "\" OR (", name, ".\"", col, "\" IS NULL) <> (f.\"",
				       col, "\" IS NULL)))" };
		for (size_t i = 0; i < sizeof diff / sizeof diff[0]; i++)
			cx_sqlbuf_add(&differs, diff[i]);
		nset++;
	}
	cx_sql_finalize(info);
	if (rc >= 0 && nkey && nset) {
		const char *parts[] = { "UPDATE ", name, " SET ", set.s, " FROM (", from.s, ") AS f WHERE ", key.s,
					" AND (", differs.s, ")" };
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			cx_sqlbuf_add(&q, parts[i]);
		rc = set.oom || from.oom || key.oom || differs.oom || q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory")
									    : cx_sql_prepare(db, q.s, st, err);
	}
	cx_sqlbuf_free(&set);
	cx_sqlbuf_free(&from);
	cx_sqlbuf_free(&key);
	cx_sqlbuf_free(&differs);
	cx_sqlbuf_free(&q);
	return rc < 0 ? rc : CX_OK;
}

int cx_import(cx_db *db, const char *path, int merge, cx_import_result *res, cx_err *err)
{
	const char *name = strcmp(path, "-") ? path : "standard input";
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	cx_stmt *ins[NTABLES] = { 0 }, *upd[NTABLES] = { 0 }, *probe = NULL, *fk = NULL;
	int upd_ready[NTABLES] = { 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int64_t lineno = 0, end_count = -1;
	int rc;

	memset(res, 0, sizeof *res);
	if (!fp)
		return cx_fail(err, errno == ENOENT ? CX_ENOINPUT : CX_EIO, "cannot open %s: %s", path, strerror(errno));
	if ((rc = cx_db_need(db, __func__, err)))
		goto out;
	/* The references are checked once, at the end: records come table by table. */
	if ((rc = cx_sql_exec(db, "PRAGMA defer_foreign_keys = ON", err)))
		goto out;
	if (!merge) {
		int64_t n;
		cx_stmt *st;
		if ((rc = cx_sql_prepare(db,
					 "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM cases)"
					 " + (SELECT count(*) FROM notes) + (SELECT count(*) FROM events)"
					 " + (SELECT count(*) FROM responses) + (SELECT count(*) FROM feedback)"
					 " + (SELECT count(*) FROM touchpoints)",
					 &st, err)) ||
		    (rc = cx_sql_one_int(st, 0, &n, err)))
			goto out;
		if (n) {
			rc = cx_fail(err, CX_EDATA,
				     "the database has data already: import into a new one (--db NEW) or add --merge");
			goto out;
		}
		/* a new database's defaults give way to the export's own */
		static const char *const defaults[] = { "DELETE FROM settings", "DELETE FROM stages", "DELETE FROM channels",
							"DELETE FROM feedback_sources", "DELETE FROM feedback_targets",
							"DELETE FROM sla_policies", "DELETE FROM business_hours", "DELETE FROM holidays" };
		for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
			if ((rc = cx_sql_exec(db, defaults[i], err)))
				goto out;
	}
	/* CASE, not AND: the JSON functions raise an error on text that is not JSON (a cut line) */
	if ((rc = cx_sql_prepare(db, "SELECT CASE WHEN json_valid(?1) THEN CASE WHEN json_type(?1) = 'object' THEN 1 ELSE 0 END ELSE 0 END,"
				     " CASE WHEN json_valid(?1) THEN json_extract(?1, '$.type') END,"
				     " CASE WHEN json_valid(?1) THEN json_extract(?1, '$.format') END,"
				     " CASE WHEN json_valid(?1) THEN json_extract(?1, '$.schema') END,"
				     " CASE WHEN json_valid(?1) THEN json_extract(?1, '$.records') END",
				 &probe, err)))
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
		cx_sql_reset(probe);
		cx_sql_bind_text_static(probe, 1, line);
		if ((rc = cx_sql_step(probe, err)) < 0)
			goto out;
		if (!cx_sql_int(probe, 0)) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: not a JSON object (a damaged or truncated export)", name,
				     (long long)lineno);
			goto out;
		}
		const char *type = cx_sql_null(probe, 1) ? "" : cx_sql_text(probe, 1);
		if (lineno == 1) {
			if (!strcmp(type, "cx-export") && cx_sql_int(probe, 2) > CX_EXPORT_FORMAT) {
				rc = cx_fail(err, CX_EDATA, "%s:1: exported by a newer cx (format %lld): upgrade cx", name,
					     (long long)cx_sql_int(probe, 2));
				goto out;
			}
			if (strcmp(type, "cx-export") || cx_sql_int(probe, 2) != CX_EXPORT_FORMAT) {
				rc = cx_fail(err, CX_EDATA, "%s:1: not a cx export (it starts with a cx-export header)", name);
				goto out;
			}
			if (cx_sql_int(probe, 3) > cx_db_schema_version(db)) {
				rc = cx_fail(err, CX_EDATA, "%s:1: exported by a newer cx (schema %lld): upgrade cx", name,
					     (long long)cx_sql_int(probe, 3));
				goto out;
			}
			continue;
		}
		if (!strcmp(type, "end")) {
			end_count = cx_sql_int(probe, 4);
			if (end_count != res->records) {
				rc = cx_fail(err, CX_EDATA, "%s:%lld: the end record counts %lld records, the file has %lld", name,
					     (long long)lineno, (long long)end_count, (long long)res->records);
				goto out;
			}
			continue;
		}
		int t = table_index(type);
		if (t < 0) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: type: \"%.40s\" is not a kind of record cx exports", name,
				     (long long)lineno, type);
			goto out;
		}
		if (!ins[t] && (rc = prepare_insert(db, t, merge, &ins[t], err)))
			goto out;
		if (merge && !upd_ready[t]++ && (rc = prepare_update(db, t, &upd[t], err)))
			goto out;
		if (upd[t]) {
			/* there already and different: the file's version wins */
			cx_sql_reset(upd[t]);
			cx_sql_bind_text_static(upd[t], 1, line);
			if ((rc = cx_sql_step(upd[t], err)) < 0) {
				char why[sizeof err->msg];
				snprintf(why, sizeof why, "%s", err->msg);
				rc = cx_fail(err, CX_EDATA, "%s:%lld: %s record: %s", name, (long long)lineno, type, why);
				goto out;
			}
			if (cx_sql_changes(db)) {
				res->records++;
				res->updated++;
				continue;
			}
		}
		cx_sql_reset(ins[t]);
		cx_sql_bind_text_static(ins[t], 1, line);
		if ((rc = cx_sql_step(ins[t], err)) < 0) {
			char why[sizeof err->msg];
			snprintf(why, sizeof why, "%s", err->msg);
			rc = cx_fail(err, CX_EDATA, "%s:%lld: %s record: %s", name, (long long)lineno, type, why);
			goto out;
		}
		res->records++;
		if (cx_sql_changes(db))
			res->added++;
		else
			res->skipped++;
	}
	if (ferror(fp)) {
		rc = cx_fail(err, CX_EIO, "%s: read error: %s", name, strerror(errno));
		goto out;
	}
	if (lineno == 0) {
		rc = cx_fail(err, CX_EDATA, "%s: empty (not a cx export)", name);
		goto out;
	}
	if (end_count < 0) {
		rc = cx_fail(err, CX_EDATA, "%s:%lld: truncated: the end record is missing (export again)", name,
			     (long long)lineno);
		goto out;
	}
	/*
	 * A reference to a record the file does not hold: named here, as the
	 * commit would only count it (the check costs little next to the import).
	 */
	if ((rc = cx_sql_prepare(db,
				 "SELECT c.\"table\", c.parent, CASE WHEN EXISTS (SELECT 1 FROM pragma_table_info(c.\"table\")"
				 " WHERE name = 'id' AND pk = 1) THEN ' ' || c.rowid ELSE '' END"
				 " FROM pragma_foreign_key_check() c LIMIT 1",
				 &fk, err)))
		goto out;
	if ((rc = cx_sql_step(fk, err)) == CX_SQL_ROW) {
		rc = cx_fail(err, CX_EDATA,
			     "%s: %s record%s refers to a %s record the file does not hold"
			     " (a damaged export, or a partial one: add that with --merge)",
			     name, cx_sql_text(fk, 0), cx_sql_text(fk, 2), cx_sql_text(fk, 1));
		goto out;
	}
	if (rc < 0)
		goto out;
	/* the search index is rebuilt from the rows on the next search */
	if ((rc = cx_sql_exec(db, "DELETE FROM search_state", err)) || (rc = cx_sql_exec(db, "DELETE FROM search_index", err)))
		goto out;
	/* the records kept their ids: the engine's next ones come after them */
	if ((rc = cx_db_ids_follow(db, err)))
		goto out;
	/*
	 * No event of its own: the imported audit trail is the history, and an
	 * export of the result is byte for byte the export it came from.
	 */
out:
	for (int t = 0; t < NTABLES; t++) {
		cx_sql_finalize(ins[t]);
		cx_sql_finalize(upd[t]);
	}
	cx_sql_finalize(probe);
	cx_sql_finalize(fk);
	free(line);
	if (fp != stdin)
		fclose(fp);
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
	if (rc == CX_OK && (rc = cx_sql_prepare(db, "ATTACH ?1 AS backup_check", &st, err)) == CX_OK) {
		cx_sql_bind_text(st, 1, path);
		if ((rc = cx_sql_run(st, err)) == CX_OK) {
			cx_stmt *q;
			if ((rc = cx_sql_prepare(db, "PRAGMA backup_check.quick_check", &q, err)) == CX_OK) {
				if ((rc = cx_sql_step(q, err)) == CX_SQL_ROW && strcmp(cx_sql_text(q, 0), "ok"))
					rc = cx_fail(err, CX_EIO, "%s: the copy does not check out: %s", path, cx_sql_text(q, 0));
				else if (rc >= 0)
					rc = CX_OK;
				cx_sql_finalize(q);
			}
			cx_sql_exec(db, "DETACH backup_check", NULL);
		}
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
