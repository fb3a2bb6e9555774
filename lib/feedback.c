/*
 * Public feedback: adding and importing posts and reviews (CSV, or JSON Lines
 * read with SQLite's JSON functions), the inbox with deadlines, replies,
 * escalation to a case, and the report of how fast the business answers.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_reader.h"
#include "cx/case.h"
#include "cx/customer.h"
#include "cx/event.h"
#include "cx/feedback.h"
#include "cx/setting.h"
#include "cx/words.h"
#include "feedback_impl.h"
#include "hook_impl.h"
#include "json_value.h"
#include "names.h"
#include "section.h"
#include "store/sql.h"
#include "hash.h"

const char *const cx_feedback_fields[CX_FF_N] = { "id", "source", "author", "url", "at", "rating", "text", "customer" };

static const char *rating_sentiment(int rating)
{
	return rating <= 2 ? "negative" : rating == 3 ? "neutral" : "positive";
}

/* The insert, without a transaction or an event of its own. */
static int insert(cx_db *db, const cx_feedback_in *in, int64_t *id, cx_err *err)
{
	char key[300];
	int rc;

	*id = 0;
	if (!in->source)
		return cx_fail(err, CX_EUSAGE, "source: missing (give " CX_FIELD_ARG("source") ")");
	if ((rc = cx_name_check(db, "feedback_sources", "source", in->source, err)))
		return rc;
	if (in->rating && (in->rating < 1 || in->rating > 5))
		return cx_fail(err, CX_EDATA, "rating: %d is not 1 to 5 stars", in->rating);
	if (!in->rating && (!in->body || !in->body[strspn(in->body, " \t\r\n")]))
		return cx_fail(err, CX_EDATA, "text: an item needs its text or a rating");
	if (in->body && strlen(in->body) > 100000)
		return cx_fail(err, CX_EDATA, "text: longer than 100 kB");
	if (in->platform_id && in->platform_id[0])
		snprintf(key, sizeof key, "%s:%.250s", in->source, in->platform_id);
	else {
		char at[32];
		snprintf(at, sizeof at, "%lld", (long long)in->at);
		uint64_t h = cx_hash_field(cx_hash_field(cx_hash_field(cx_hash_field(CX_HASH_START, in->author), at), in->body), in->url);
		snprintf(key, sizeof key, "%s:h:%016llx", in->source, (unsigned long long)h);
	}
	const char *sentiment = NULL, *by = NULL;
	if (in->rating) {
		sentiment = rating_sentiment(in->rating);
		by = "rating";
	} else if (cx_sentiment_guess(in->body)[0]) {
		sentiment = cx_sentiment_guess(in->body);
		by = "guess";
	}
	/* an item there already is looked up, not inserted: on a server an insert refused takes an id */
	int64_t there;
	if ((rc = cx_sql_get_int(db, -1, &there, err, "SELECT 0 FROM feedback WHERE key = ?1", CX_TEXT(key))) ||
	    there == 0) {
		*id = 0;
		return rc;
	}
	int64_t now = cx_db_now(db);
	return cx_sql_get_int(db, 0, id, err,
			      "INSERT INTO feedback (source, platform_id, key, customer_id, author, url, at, rating, body,"
			      " sentiment, sentiment_by, added_by, added_at)"
			      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
			      " ON CONFLICT (key) DO NOTHING RETURNING id",
			      CX_TEXT(in->source), CX_TEXT(in->platform_id && in->platform_id[0] ? in->platform_id : NULL),
			      CX_TEXT(key), CX_ID(in->customer_id), CX_TEXT(in->author && in->author[0] ? in->author : NULL),
			      CX_TEXT(in->url && in->url[0] ? in->url : NULL), CX_INT(in->at ? in->at : now),
			      in->rating ? CX_INT(in->rating) : CX_NULL, CX_TEXT(in->body && in->body[0] ? in->body : NULL),
			      CX_TEXT(sentiment), CX_TEXT(by), CX_TEXT(cx_db_actor(db)), CX_INT(now));
}

int cx_feedback_add(cx_db *db, const cx_feedback_in *in, int64_t *id, cx_err *err)
{
	int rc = cx_db_need(db, __func__, err);
	if (rc)
		return rc;
	if ((rc = insert(db, in, id, err)) ||
	    (*id && (rc = cx_event_log(db, "feedback", *id, "create", 0, 0, err, "source", in->source, NULL))) ||
	    (*id && (rc = cx_hook_feedback(db, *id, err)))) {
		return rc;
	}
	return CX_OK;
}

/* ---- import ---- */

typedef struct importer {
	cx_db *db;
	const cx_feedback_import_opts *o;
	cx_feedback_import_result *res;
	const char *file;
} importer;

/* One item from its fields as text (NULL = absent), at physical line `line`. */
static int import_item(importer *im, int64_t line, char *const v[CX_FF_N], cx_err *err)
{
	cx_feedback_in in = { .source = v[CX_FF_SOURCE] && v[CX_FF_SOURCE][0] ? v[CX_FF_SOURCE] : im->o->source,
			      .platform_id = v[CX_FF_ID], .author = v[CX_FF_AUTHOR], .url = v[CX_FF_URL],
			      .body = v[CX_FF_TEXT] };
	cx_err e;
	int rc;

#define BAD(field, why) \
	return cx_fail(err, CX_EDATA, "%s:%lld: %s: %s", im->file, (long long)line, cx_feedback_fields[field], why)
	if (!in.source)
		BAD(CX_FF_SOURCE, "missing (map it with " CX_FIELD("map") " source=..., or give " CX_FIELD_ARG("source")
				  ")");
	if (!v[CX_FF_AT] || !v[CX_FF_AT][0])
		BAD(CX_FF_AT, "missing (map it with " CX_FIELD("map") " at=...)");
	const char *at = v[CX_FF_AT];
	size_t digits = strspn(at, "0123456789");
	if ((digits == 12 || digits == 13) && !at[digits]) { /* milliseconds since 1970 */
		in.at = strtoll(at, NULL, 10) / 1000;
	} else if (cx_date_parse_export(at, im->o->order, im->o->zone, &in.at, &e)) {
		BAD(CX_FF_AT, e.msg);
	}
	if (cx_date_check(at, in.at, cx_db_now(im->db), 1, &e))
		BAD(CX_FF_AT, e.msg);
	if (v[CX_FF_RATING] && v[CX_FF_RATING][0]) {
		char *end;
		double r = strtod(v[CX_FF_RATING], &end);
		if (*end || r < 1 || r > 5 || r != (int)r) {
			char why[200];
			snprintf(why, sizeof why, "\"%.60s\" is not a whole number of stars from 1 to 5", v[CX_FF_RATING]);
			BAD(CX_FF_RATING, why);
		}
		in.rating = (int)r;
	}
	if (v[CX_FF_CUSTOMER] && v[CX_FF_CUSTOMER][0] &&
	    cx_customer_find(im->db, v[CX_FF_CUSTOMER], &in.customer_id, &e) == CX_OK)
		im->res->linked++;
	int64_t id;
	/* insert's messages start with the field they are about */
	if ((rc = insert(im->db, &in, &id, &e)))
		return cx_fail(err, rc == CX_ENOTFOUND ? CX_EDATA : rc, "%s:%lld: %s", im->file, (long long)line, e.msg);
	im->res->rows++;
	if (id && (rc = cx_hook_feedback(im->db, id, err)))
		return rc;
	if (id)
		im->res->added++;
	else
		im->res->present++;
	return CX_OK;
#undef BAD
}

static int import_csv(importer *im, const char *path, cx_err *err)
{
	cx_csv_opts co = { .encoding = im->o->encoding };
	int col[CX_FF_N], rc;
	cx_csv *r;
	cx_row row;

	if ((rc = cx_csv_open(&r, path, NULL, &co, err)))
		return rc;
	im->file = cx_csv_name(r);
	rc = cx_csv_next(r, &row, err);
	if (rc <= 0) {
		if (rc == 0)
			rc = cx_fail(err, CX_EDATA, "%s:1: the file is empty", im->file);
		goto out;
	}
	int ncols = row.n;
	for (int k = 0; k < CX_FF_N; k++) {
		const char *want = im->o->map[k] ? im->o->map[k] : cx_feedback_fields[k];
		char *end;
		long num = strtol(want, &end, 10);
		col[k] = -1;
		if (im->o->map[k] && want[0] >= '0' && want[0] <= '9' && !*end) {
			/* a column by its number, counting from 1 */
			if (num < 1 || num > row.n) {
				rc = cx_fail(err, CX_EDATA, "%s:1: " CX_FIELD("map")
							    " %s=%s: the file has %d columns", im->file,
					     cx_feedback_fields[k], want, row.n);
				goto out;
			}
			col[k] = (int)num - 1;
			continue;
		}
		for (int i = 0; i < row.n; i++) {
			if (strcasecmp(row.f[i], want))
				continue;
			if (col[k] >= 0) {
				/* two columns of that name: which one is not a guess to make */
				rc = cx_fail(err, CX_EDATA,
					     "%s:1: columns %d and %d are both \"%.60s\" (say which is the %s: "
					     CX_FIELD("map") " %s=%d or " CX_FIELD("map") " %s=%d)",
					     im->file, col[k] + 1, i + 1, want, cx_feedback_fields[k], cx_feedback_fields[k],
					     col[k] + 1, cx_feedback_fields[k], i + 1);
				goto out;
			}
			col[k] = i;
		}
		if (col[k] < 0 && im->o->map[k]) {
			rc = cx_fail(err, CX_EDATA, "%s:1: " CX_FIELD("map")
						    " %s=%s: no such column", im->file, cx_feedback_fields[k], want);
			goto out;
		}
	}
	while ((rc = cx_csv_next(r, &row, err)) == 1) {
		char *v[CX_FF_N];
		if (row.n == 1 && !row.f[0][0])
			continue;
		if (row.n != ncols) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: %d fields where the header has %d", im->file,
				     (long long)row.line, row.n, ncols);
			goto out;
		}
		for (int k = 0; k < CX_FF_N; k++)
			v[k] = col[k] >= 0 ? row.f[col[k]] : NULL;
		if ((rc = import_item(im, row.line, v, err)))
			goto out;
	}
	if (rc == 0)
		cx_csv_loose_note(r, im->res->quotes, sizeof im->res->quotes);
out:
	cx_csv_close(r);
	return rc < 0 ? rc : CX_OK;
}

/* "review.text" -> $."review"."text"; a path already starting with $ is kept. */
static void json_path(const char *map, char *out, size_t size)
{
	if (map[0] == '$') {
		snprintf(out, size, "%s", map);
		return;
	}
	size_t n = (size_t)snprintf(out, size, "$");
	for (const char *p = map; *p && n + 8 < size;) {
		size_t len = strcspn(p, ".");
		n += (size_t)snprintf(out + n, size - n, ".\"%.*s\"", (int)len, p);
		p += len;
		if (*p == '.')
			p++;
	}
}

static int import_jsonl(importer *im, const char *path, cx_err *err)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char paths[CX_FF_N][300];
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int64_t lineno = 0;
	int rc;

	im->file = strcmp(path, "-") ? path : "standard input";
	if (!fp)
		return cx_fail(err, errno == ENOENT ? CX_ENOINPUT : CX_EIO, "cannot open %s: %s", path, strerror(errno));
	for (int k = 0; k < CX_FF_N; k++) {
		json_path(im->o->map[k] ? im->o->map[k] : cx_feedback_fields[k], paths[k], sizeof paths[k]);
		/* a path that is not one is a usage error, found before any line is read */
		int bad;
		cx_json_path(NULL, paths[k], &bad);
		if (bad) {
			rc = cx_fail(err, CX_EUSAGE, CX_FIELD("map")
						     " %s=%s: not a JSON path (write a.b.c)", cx_feedback_fields[k],
				     im->o->map[k] ? im->o->map[k] : "");
			goto out;
		}
	}
	while ((len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		const char *p = line + (lineno == 1 && !strncmp(line, "\xef\xbb\xbf", 3) ? 3 : 0);
		if (!p[strspn(p, " \t")])
			continue;
		long bad = cx_utf8_invalid((const unsigned char *)p, strlen(p));
		if (bad >= 0 || strlen(p) != (size_t)len - (size_t)(p - line)) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: not UTF-8 text (export it as UTF-8 JSON)", im->file,
				     (long long)lineno);
			goto out;
		}
		json_t *doc = cx_json_parse(p);
		if (!doc) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: not valid JSON (one object per line)", im->file, (long long)lineno);
			goto out;
		}
		if (!json_is_object(doc)) {
			const char *type = cx_json_type(doc);
			rc = cx_fail(err, CX_EDATA, "%s:%lld: a line must be a JSON object, not %s %s", im->file,
				     (long long)lineno, strchr("aeiou", type[0]) ? "an" : "a", type);
			json_decref(doc);
			goto out;
		}
		char *v[CX_FF_N];
		for (int k = 0; k < CX_FF_N; k++) {
			char buf[64];
			int unreadable;
			const char *t = cx_json_scalar(cx_json_path(doc, paths[k], &unreadable), buf, sizeof buf);
			v[k] = t ? strdup(t) : NULL;
		}
		json_decref(doc);
		rc = import_item(im, lineno, v, err);
		for (int k = 0; k < CX_FF_N; k++)
			free(v[k]);
		if (rc)
			goto out;
	}
	if (ferror(fp))
		rc = cx_fail(err, CX_EIO, "%s: read error", im->file);
	else
		rc = CX_OK;
out:
	free(line);
	if (fp && fp != stdin)
		fclose(fp);
	return rc;
}

int cx_feedback_import(cx_db *db, const char *path, const cx_feedback_import_opts *o,
		       cx_feedback_import_result *res, cx_err *err)
{
	importer im = { .db = db, .o = o, .res = res };
	const char *format = o->format;
	int rc;

	memset(res, 0, sizeof *res);
	if (o->source && (rc = cx_name_check(db, "feedback_sources", "source", o->source, err)))
		return rc;
	if (!format) {
		/* JSON Lines start with '{' (or a stray '['); anything else is read as CSV. Standard input needs --format. */
		format = "csv";
		FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : NULL;
		if (!strcmp(path, "-"))
			return cx_fail(err, CX_EUSAGE, "reading standard input needs " CX_FIELD("format") " csv or "
						       CX_FIELD("format") " jsonl");
		if (!fp)
			return cx_fail(err, errno == ENOENT ? CX_ENOINPUT : CX_EIO, "cannot open %s: %s", path, strerror(errno));
		int c;
		while ((c = fgetc(fp)) != EOF && (isspace(c) || c == 0xef || c == 0xbb || c == 0xbf))
			;
		fclose(fp);
		if (c == '{' || c == '[')
			format = "jsonl";
	}
	if (strcmp(format, "csv") && strcmp(format, "jsonl"))
		return cx_fail(err, CX_EUSAGE, CX_FIELD("format") ": \"%s\" is not csv or jsonl", format);
	snprintf(res->format, sizeof res->format, "%s", format);
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = !strcmp(format, "csv") ? import_csv(&im, path, err) : import_jsonl(&im, path, err);
	if (rc == CX_OK && res->added) {
		char n[32];
		snprintf(n, sizeof n, "%lld", (long long)res->added);
		/* the reader that named the file is closed by now: name it from the path */
		rc = cx_event_log(db, "feedback", 0, "import", 0, 0, err, "file", strcmp(path, "-") ? path : "standard input",
				  "added", n, NULL);
	}
	return rc;
}

/* ---- the inbox ---- */

/*
 * People see a guessed sentiment marked "positive?"; machine formats keep the
 * plain value, which --sentiment filters on, and say how it was set in
 * sentiment_by.
 */
static int for_people(const cx_out *out)
{
	return cx_fmt_people(cx_out_fmt(out));
}

/* On a narrow terminal the case, author, rating, age, sentiment and source go first, in that order. */
static const cx_col list_cols[] = {
	{ "id", CX_T_INT, 0, 0 },
	{ "source", CX_T_TEXT, CX_COL_DROP(6), 0 },
	{ "at", CX_T_TIME, CX_COL_HIDE, 0 },
	{ "age", CX_T_SECS, CX_COL_DROP(4), 0 },
	{ "rating", CX_T_INT, CX_COL_DROP(3), 0 },
	{ "sentiment", CX_T_TEXT, CX_COL_DROP(5), 0 },
	{ "sentiment_by", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "status", CX_T_TEXT, CX_COL_DROP(7), 0 },
	{ "deadline", CX_T_TIME, CX_COL_HIDE, 0 },
	{ "due_in", CX_T_SECS, CX_COL_DUE, 0 },
	{ "overdue", CX_T_BOOL, CX_COL_HIDE, 0 },
	{ "author", CX_T_TEXT, CX_COL_DROP(2), 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "case_id", CX_T_INT, CX_COL_DROP(1), 0 },
	{ "url", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "text", CX_T_TEXT, CX_COL_WIDE, 0 },
};

/*
 * An item's columns as list_cols names them; now and people are the
 * parameters ("?N") of the time now and of whether the list is for people
 * (a guessed sentiment gets a question mark).
 */
#define ITEM_COLUMNS(now, people)                                                                               \
	"SELECT f.id, f.source, f.at, " now " - f.at, f.rating,"                                                \
	" CASE WHEN f.sentiment_by = 'guess' AND " people " <> 0 THEN f.sentiment || '?' ELSE f.sentiment END," \
	" f.sentiment_by, f.status, " CX_FEEDBACK_DEADLINE ","                                                  \
	" CASE WHEN f.status = 'open' THEN " CX_FEEDBACK_DEADLINE " - " now " END,"                             \
	" f.status = 'open' AND " CX_FEEDBACK_DEADLINE " < " now ","                                            \
	" f.author, f.customer_id, f.case_id, f.url, f.body FROM feedback f"

int cx_feedback_list(cx_db *db, const cx_feedback_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc;
	int64_t now = f->as_of ? f->as_of : cx_db_now(db);

	if (f->source && (rc = cx_name_check(db, "feedback_sources", "source", f->source, err)))
		return rc;
	if (f->sentiment && (rc = cx_words_check(cx_feedback_sentiment_filters, "sentiment", f->sentiment, CX_EDATA, err)))
		return rc;
	cx_sqlbuf_add(&q, ITEM_COLUMNS("?1", "?9") " WHERE 1=1");
	if (f->unanswered || f->overdue)
		cx_sqlbuf_add(&q, " AND f.status = 'open'");
	if (f->overdue)
		cx_sqlbuf_add(&q, " AND " CX_FEEDBACK_DEADLINE " < ?1");
	if (f->source)
		cx_sqlbuf_add(&q, " AND f.source = ?2");
	if (f->sentiment)
		cx_sqlbuf_add(&q, " AND coalesce(f.sentiment, 'unknown') = ?3");
	if (f->older)
		cx_sqlbuf_add(&q, " AND f.at < ?1 - ?4");
	if (f->since)
		cx_sqlbuf_add(&q, " AND f.at >= ?5");
	if (f->until)
		cx_sqlbuf_add(&q, " AND f.at < ?6");
	if (f->customer_id)
		cx_sqlbuf_add(&q, " AND f.customer_id = ?7");
	/*
	 * The inbox: what still needs an answer first, oldest first. Open items
	 * alone come in that order from the (status, at) index, so a limited
	 * list stops early instead of working out every deadline to sort them.
	 */
	cx_sqlbuf_add(&q, f->unanswered || f->overdue ? " ORDER BY f.at, f.id" : " ORDER BY f.status <> 'open', f.at, f.id");
	if (f->limit > 0)
		cx_sqlbuf_add(&q, " LIMIT ?8");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, now);
	cx_sql_bind_text(st, 2, f->source);
	cx_sql_bind_text(st, 3, f->sentiment);
	cx_sql_bind_int(st, 4, f->older);
	cx_sql_bind_int(st, 5, f->since);
	cx_sql_bind_int(st, 6, f->until);
	cx_sql_bind_int(st, 7, f->customer_id);
	cx_sql_bind_int(st, 8, f->limit);
	cx_sql_bind_int(st, 9, for_people(out));
	cx_out_begin(out, f->section, f->title, CX_LAY_TABLE, CX_COLS(list_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}

static int item_status(cx_db *db, int64_t id, char *status, size_t size, int64_t *case_id, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_query(db, &st, err, "SELECT status, case_id FROM feedback WHERE id = ?1", CX_INT(id));
	if (rc)
		return rc;
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW) {
		snprintf(status, size, "%s", cx_sql_text(st, 0));
		if (case_id)
			*case_id = cx_sql_null(st, 1) ? 0 : cx_sql_int(st, 1);
		rc = CX_OK;
	} else if (rc == CX_SQL_DONE) {
		rc = cx_fail(err, CX_ENOTFOUND, "no feedback %lld", (long long)id);
	}
	cx_sql_finalize(st);
	return rc;
}

int cx_feedback_show(cx_db *db, int64_t id, cx_out *out, cx_err *err)
{
	static const cx_col reply_cols[] = {
		{ "at", CX_T_TIME, 0, 0 },
		{ "author", CX_T_TEXT, 0, 0 },
		{ "text", CX_T_TEXT, 0, 0 },
	};
	char status[16];
	cx_stmt *st;
	int rc;

	if ((rc = item_status(db, id, status, sizeof status, NULL, err)))
		return rc;
	rc = cx_sql_query(db, &st, err, ITEM_COLUMNS("?2", "?3") " WHERE f.id = ?1", CX_INT(id), CX_INT(cx_db_now(db)),
			  CX_INT(for_people(out)));
	if (rc)
		return rc;
	cx_out_begin(out, "feedback", NULL, CX_LAY_RECORD, CX_COLS(list_cols));
	if ((rc = cx_sql_to_out(st, out, err)))
		return rc;
	cx_out_end(out);
	if ((rc = cx_sql_query(db, &st, err,
			       "SELECT at, author, body FROM feedback_replies WHERE feedback_id = ?1 ORDER BY at, id",
			       CX_INT(id))))
		return rc;
	cx_out_begin(out, "replies", "Replies", CX_LAY_LOG, CX_COLS(reply_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}

int cx_feedback_respond(cx_db *db, int64_t id, const char *text, cx_err *err)
{
	char status[16];
	int rc;

	if (!text || !text[strspn(text, " \t\r\n")])
		return cx_fail(err, CX_EDATA, "reply: the text is empty (give it with " CX_FIELD_ARG("body") ")");
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = item_status(db, id, status, sizeof status, NULL, err)))
		goto fail;
	int64_t now = cx_db_now(db);
	if ((rc = cx_sql_do(db, err, "INSERT INTO feedback_replies (feedback_id, at, author, body) VALUES (?1, ?2, ?3, ?4)",
			    CX_INT(id), CX_INT(now), CX_TEXT(cx_db_actor(db)), CX_TEXT(text))))
		goto fail;
	/* The first answer is the response time; later ones are follow-ups. */
	if ((rc = cx_sql_do(db, err,
			    "UPDATE feedback SET status = 'answered', why = NULL,"
			    " first_response_at = coalesce(first_response_at, ?2) WHERE id = ?1",
			    CX_INT(id), CX_INT(now))) ||
	    (rc = cx_event_log(db, "feedback", id, "respond", 0, 0, err, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_feedback_ignore(cx_db *db, int64_t id, const char *why, cx_err *err)
{
	char status[16];
	int rc;

	if (!why || !why[strspn(why, " \t")])
		return cx_fail(err, CX_EUSAGE, "ignoring needs a reason (" CX_FIELD_ARG("why") ", e.g. spam)");
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = item_status(db, id, status, sizeof status, NULL, err)))
		goto fail;
	if (strcmp(status, "open")) {
		rc = cx_fail(err, CX_EDATA, "feedback %lld is %s already", (long long)id, status);
		goto fail;
	}
	if ((rc = cx_sql_do(db, err, "UPDATE feedback SET status = 'ignored', why = ?2 WHERE id = ?1", CX_INT(id),
			    CX_TEXT(why))) ||
	    (rc = cx_event_log(db, "feedback", id, "ignore", 0, 0, err, "why", why, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_feedback_tag(cx_db *db, int64_t id, const char *sentiment, cx_err *err)
{
	char status[16];
	int rc;

	if ((rc = cx_words_check(cx_feedback_sentiments, "sentiment", sentiment, CX_EDATA, err)))
		return rc;
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = item_status(db, id, status, sizeof status, NULL, err)) ||
	    (rc = cx_sql_do(db, err, "UPDATE feedback SET sentiment = ?2, sentiment_by = 'hand' WHERE id = ?1",
			    CX_INT(id), CX_TEXT(sentiment))) ||
	    (rc = cx_event_log(db, "feedback", id, "tag", 0, 0, err, "sentiment", sentiment, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_feedback_link(cx_db *db, int64_t id, int64_t customer_id, cx_err *err)
{
	char status[16], cid[32];
	int rc;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	snprintf(cid, sizeof cid, "%lld", (long long)customer_id);
	if ((rc = item_status(db, id, status, sizeof status, NULL, err)) ||
	    (rc = cx_sql_do(db, err, "UPDATE feedback SET customer_id = ?2 WHERE id = ?1", CX_INT(id),
			    CX_INT(customer_id))) ||
	    (rc = cx_event_log(db, "feedback", id, "link", 0, 0, err, "customer", cid, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_feedback_escalate(cx_db *db, int64_t id, const char *priority, int64_t *case_id, cx_err *err)
{
	char status[16], stage[64], title[200], body[8192], handle[128];
	int64_t existing, customer = 0;
	cx_stmt *st;
	int rc;

	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	if ((rc = item_status(db, id, status, sizeof status, &existing, err)))
		goto fail;
	if (existing) {
		rc = cx_fail(err, CX_EDATA, "feedback %lld is already case %lld", (long long)id, (long long)existing);
		goto fail;
	}
	if ((rc = cx_setting_get(db, "feedback.stage", stage, sizeof stage, err)) ||
	    (rc = cx_sql_query(db, &st, err,
			       "SELECT customer_id, source, author, url, rating, body, sentiment FROM feedback WHERE id = ?1",
			       CX_INT(id))))
		goto fail;
	if ((rc = cx_sql_step(st, err)) < 0) {
		cx_sql_finalize(st);
		goto fail;
	}
	customer = cx_sql_null(st, 0) ? 0 : cx_sql_int(st, 0);
	const char *source = cx_sql_text(st, 1), *author = cx_sql_text(st, 2), *url = cx_sql_text(st, 3);
	const char *text = cx_sql_text(st, 5), *sentiment = cx_sql_text(st, 6);
	int negative = sentiment && !strcmp(sentiment, "negative");
	char src[64];
	snprintf(src, sizeof src, "%s", source);
	snprintf(handle, sizeof handle, "%s", author ? author : "");
	snprintf(title, sizeof title, "%c%s %s: %.100s%s", src[0] >= 'a' && src[0] <= 'z' ? src[0] - 32 : src[0],
		 src + 1, cx_sql_null(st, 4) ? "post" : "review", text ? text : "(rating only)",
		 text && strlen(text) > 100 ? "..." : "");
	for (char *p = title; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	snprintf(body, sizeof body, "%s\n\n(%s%s%s%s%s, feedback %lld)", text ? text : "(no text)",
		 author ? "by " : "", author ? author : "", author ? " on " : "on ", src, url ? "" : "", (long long)id);
	if (url)
		snprintf(body + strlen(body), sizeof body - strlen(body), "\n%s", url);
	if (!cx_sql_null(st, 4))
		snprintf(body + strlen(body), sizeof body - strlen(body), "\nRating: %lld of 5", (long long)cx_sql_int(st, 4));
	cx_sql_finalize(st);
	if (!customer && handle[0]) {
		/*
		 * The author may be a customer already, known by email or handle.
		 * Not by name: "Sam" is not enough to tell which Sam, and a bare
		 * number would be taken for a customer's id.
		 */
		char ref[130];
		cx_err e;
		int bare = !strchr(handle, '@') && !strpbrk(handle, " ,");
		snprintf(ref, sizeof ref, "%s%s", bare ? "@" : "", handle);
		if ((!bare && !strchr(handle, '@')) || cx_customer_find(db, ref, &customer, &e) != CX_OK)
			customer = 0;
	}
	if (!customer) {
		char h[128];
		snprintf(h, sizeof h, "%s", handle[0] == '@' ? handle + 1 : handle);
		int is_handle = h[0] && !strpbrk(h, " ,@") && strlen(h) <= 100;
		cx_customer_in ci = { .name = handle[0] ? (handle[0] == '@' ? handle + 1 : handle) : "Unknown reviewer",
				      .handle = is_handle ? h : NULL, .note = "Added when their public feedback became a case" };
		if (strchr(handle, '@') && handle[0] != '@') {
			ci.email = handle;
			ci.handle = NULL;
		}
		if ((rc = cx_customer_add(db, &ci, &customer, err)))
			goto fail;
	}
	cx_case_in in = { .customer_id = customer, .title = title, .channel = "social", .stage = stage,
			  .priority = priority ? priority : negative ? "high" : "normal", .note = body, .note_kind = "social",
			  .tags = (const char *const[]){ "feedback" }, .ntags = 1 };
	if ((rc = cx_case_open(db, &in, case_id, err)))
		goto fail;
	char cs[32];
	snprintf(cs, sizeof cs, "%lld", (long long)*case_id);
	if ((rc = cx_sql_do(db, err, "UPDATE feedback SET case_id = ?2, customer_id = ?3 WHERE id = ?1", CX_INT(id),
			    CX_INT(*case_id), CX_INT(customer))) ||
	    (rc = cx_event_log(db, "feedback", id, "escalate", 0, 0, err, "case", cs, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

/* ---- targets ---- */

int cx_feedback_target_set(cx_db *db, const char *source, const char *sentiment, int64_t seconds, cx_err *err)
{
	int rc;
	char secs[32];

	if (strcmp(source, "*") && (rc = cx_name_check(db, "feedback_sources", "source", source, err)))
		return rc;
	if ((rc = cx_words_check(cx_feedback_target_sentiments, "sentiment", sentiment, CX_EDATA, err)))
		return rc;
	if (seconds <= 0)
		return cx_fail(err, CX_EDATA, "target: must be longer than zero");
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	rc = cx_sql_do(db, err,
		       "INSERT INTO feedback_targets (source, sentiment, seconds) VALUES (?1, ?2, ?3)"
		       " ON CONFLICT (source, sentiment) DO UPDATE SET seconds = excluded.seconds",
		       CX_TEXT(source), CX_TEXT(sentiment), CX_INT(seconds));
	snprintf(secs, sizeof secs, "%lld", (long long)seconds);
	if (rc == CX_OK)
		rc = cx_event_log(db, "feedback", 0, "target", 0, 0, err, "source", source, "sentiment", sentiment,
				  "seconds", secs, NULL);
	return rc;
}

int cx_feedback_targets(cx_db *db, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "source", CX_T_TEXT, 0, 0 },
		{ "sentiment", CX_T_TEXT, 0, 0 },
		{ "within_s", CX_T_SECS, 0, 0 },
	};
	return cx_sql_list(db, out, cols, err,
			   "SELECT source, sentiment, seconds FROM feedback_targets"
			   " ORDER BY source = '*' DESC, source, CASE sentiment WHEN 'negative' THEN 1"
			   " WHEN 'neutral' THEN 2 WHEN 'positive' THEN 3 WHEN 'unknown' THEN 4 ELSE 5 END");
}

int cx_feedback_overdue_count(cx_db *db, int64_t now, int64_t *n, cx_err *err)
{
	return cx_sql_get_int(db, 0, n, err,
			      "SELECT count(*) FROM feedback f WHERE f.status = 'open' AND " CX_FEEDBACK_DEADLINE " < ?1",
			      CX_INT(now));
}

int cx_feedback_customer_ask(cx_db *db, int64_t customer_id, cx_asked *q, cx_err *err)
{
	return cx_ask(db, q,
		      "SELECT id, at, source, rating, sentiment, status, case_id, body FROM feedback"
		      " WHERE customer_id = ?1 ORDER BY at DESC, id DESC LIMIT 5",
		      customer_id, 0, err);
}

int cx_feedback_customer_show(cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "id", CX_T_INT, 0, 0 },
		{ "at", CX_T_TIME, CX_COL_DATE, 0 },
		{ "source", CX_T_TEXT, 0, 0 },
		{ "rating", CX_T_INT, 0, 0 },
		{ "sentiment", CX_T_TEXT, 0, 0 },
		{ "status", CX_T_TEXT, 0, 0 },
		{ "case_id", CX_T_INT, 0, 0 },
		{ "text", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	cx_out_begin(out, "feedback", "Public feedback (latest first)", CX_LAY_TABLE, CX_COLS(cols));
	int rc = cx_sql_to_out(cx_asked_next(q), out, err);
	cx_out_end(out);
	return rc;
}

int cx_feedback_customer(cx_db *db, int64_t customer_id, cx_out *out, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_feedback_customer_ask(db, customer_id, &q, err);
	if (rc == CX_OK)
		rc = cx_feedback_customer_show(&q, out, err);
	cx_asked_free(&q);
	return rc;
}
