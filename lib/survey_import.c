/*
 * Survey import: one export file, one transaction. Rows are streamed, each
 * checked and stored with prepared statements; answers keep their scale
 * points whether the tool wrote numbers or labels.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cx/customer.h"
#include "cx/date.h"
#include "cx/journey.h"
#include "cx/setting.h"
#include "cx/search.h"
#include "file_hash.h"
#include "hook_impl.h"
#include "cx/words.h"
#include "names.h"
#include "store/sql.h"
#include "survey_layout.h"
#include "survey_reader.h"
#include "hash.h"

/*
 * Customers by lower-cased email, loaded once per import so that a million
 * rows do not make a million lookups. Open addressing; ids < 0 mark customers
 * merged into others (looked up properly when met).
 */
typedef struct email_index {
	uint64_t *hash;
	int64_t *id;
	char **email;
	size_t cap, n;
	int loaded; /* 0: not used (too many customers): ask the database */
} email_index;

enum { EMAIL_INDEX_MAX = 500000 };

static uint64_t hash_email(const char *s)
{
	return cx_hash_folded(CX_HASH_START, s, strlen(s)) | 1; /* 0 marks an empty slot */
}

static int index_put(email_index *x, const char *email, int64_t id)
{
	if (2 * (x->n + 1) > x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 1024;
		uint64_t *h = calloc(cap, sizeof *h);
		int64_t *ids = calloc(cap, sizeof *ids);
		char **em = calloc(cap, sizeof *em);
		if (!h || !ids || !em) {
			free(h);
			free(ids);
			free(em);
			return -1;
		}
		for (size_t i = 0; i < x->cap; i++) {
			if (!x->hash[i])
				continue;
			size_t j = x->hash[i] & (cap - 1);
			while (h[j])
				j = (j + 1) & (cap - 1);
			h[j] = x->hash[i];
			ids[j] = x->id[i];
			em[j] = x->email[i];
		}
		free(x->hash);
		free(x->id);
		free(x->email);
		x->hash = h;
		x->id = ids;
		x->email = em;
		x->cap = cap;
	}
	uint64_t hv = hash_email(email);
	size_t j = hv & (x->cap - 1);
	while (x->hash[j]) {
		if (x->hash[j] == hv && !strcasecmp(x->email[j], email))
			return 0; /* the first (lowest id) wins, as the unique index allows one */
		j = (j + 1) & (x->cap - 1);
	}
	if (!(x->email[j] = strdup(email)))
		return -1;
	x->hash[j] = hv;
	x->id[j] = id;
	x->n++;
	return 0;
}

static int64_t index_get(const email_index *x, const char *email)
{
	if (!x->n)
		return 0;
	uint64_t hv = hash_email(email);
	size_t j = hv & (x->cap - 1);
	while (x->hash[j]) {
		if (x->hash[j] == hv && !strcasecmp(x->email[j], email))
			return x->id[j];
		j = (j + 1) & (x->cap - 1);
	}
	return 0;
}

static void index_free(email_index *x)
{
	for (size_t i = 0; i < x->cap; i++)
		if (x->hash[i])
			free(x->email[i]);
	free(x->hash);
	free(x->id);
	free(x->email);
}

enum { INSERT_SIZES = 3 };

typedef struct importer {
	cx_db *db;
	const cx_survey_import_opts *o;
	survey_layout l;
	cx_csv *r;
	cx_survey_import_result *res;
	int64_t survey_id, now;
	int64_t last_id; /* the highest response id before the import: what is above it came in now */
	cx_stmt *ins[INSERT_SIZES]; /* inserts of rows[k] rows each */
	int rows[INSERT_SIZES];     /* the engine's best, 8, 1 */
	cx_stmt *upd, *link, *cust, *stored, *tag, *there;
	int64_t *cust_of, *rid; /* per row of the batch: its customer, and its new response's id (0: the key was there) */
	int64_t import_id;  /* this import's row in survey_imports; 0 when the file was imported before */
	int *tag_col;       /* the column of each tag rule */
	char last_key[256]; /* the key and completeness of the row stored last */
	int last_complete;
	email_index emails;
} importer;

static int load_emails(importer *im, cx_err *err)
{
	cx_stmt *st;
	int64_t n;

	int rc = cx_sql_get_int(im->db, 0, &n, err, "SELECT count(*) FROM customers WHERE email IS NOT NULL");
	if (rc)
		return rc;
	if (n > EMAIL_INDEX_MAX)
		return CX_OK;
	im->emails.loaded = 1;
	if (n == 0)
		return CX_OK;
	rc = cx_sql_prepare(im->db, "SELECT email, CASE WHEN merged_into IS NULL THEN id ELSE -id END"
				    " FROM customers WHERE email IS NOT NULL ORDER BY id", &st, err);
	if (rc)
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		if (index_put(&im->emails, cx_sql_text(st, 0), cx_sql_int(st, 1))) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

static int find_customer(importer *im, const char *email, int64_t *id, cx_err *err)
{
	cx_stmt *st = im->cust;
	int rc;
	if (im->emails.loaded) {
		*id = index_get(&im->emails, email);
		if (*id < 0) /* merged: the survivor holds the story */
			return cx_customer_by_email(im->db, email, id, err);
		return CX_OK;
	}
	cx_sql_reset(st);
	cx_sql_bind_text_static(st, 1, email);
	rc = cx_sql_step(st, err);
	*id = 0;
	if (rc == CX_SQL_ROW) {
		*id = cx_sql_int(st, 0);
		if (!cx_sql_null(st, 1)) /* merged: the survivor holds the story */
			rc = cx_customer_by_email(im->db, email, id, err);
	}
	cx_sql_reset(st);
	return rc < 0 ? rc : CX_OK;
}

/* Binds one response to an insert (its parameters from base + 1) or to upd (base 0): ?1 to ?16 in that order. */
static void bind_response(importer *im, cx_stmt *st, int base, const char *key, int64_t cust, const char *email,
			  const char *name, int64_t at, int complete, const int score[4], const char *comment,
			  const char *answers)
{
	cx_sql_bind_int(st, base + 1, im->survey_id);
	cx_sql_bind_text_static(st, base + 2, key);
	cx_sql_bind_id(st, base + 3, cust);
	cx_sql_bind_text_static(st, base + 4, email);
	cx_sql_bind_text_static(st, base + 5, name);
	cx_sql_bind_int(st, base + 6, at);
	cx_sql_bind_int(st, base + 7, complete);
	for (int k = 0; k < 3; k++) {
		if (score[k] >= 0)
			cx_sql_bind_int(st, base + 8 + k, score[k]);
		else
			cx_sql_bind_null(st, base + 8 + k);
	}
	cx_sql_bind_text_static(st, base + 11, comment);
	cx_sql_bind_int(st, base + 12, im->now);
	cx_sql_bind_text_static(st, base + 13, answers);
	cx_sql_bind_id(st, base + 14, im->import_id);
	if (score[3] >= 0) {
		cx_sql_bind_int(st, base + 15, score[3]);
		cx_sql_bind_int(st, base + 16, im->l.cont_scale);
	} else {
		cx_sql_bind_null(st, base + 15);
		cx_sql_bind_null(st, base + 16);
	}
}

/*
 * The update of a response stored while partial: by a complete one (?7 =
 * 1), or by a partial one with more answers (the caller has counted them).
 * The inserts are prepared when first needed (insert_chunk).
 */
static int prepare(importer *im, cx_err *err)
{
	int rc = cx_sql_prepare(im->db,
				    "UPDATE responses SET customer_id = ?3, email = ?4, name = ?5, at = ?6,"
				    " complete = ?7, nps = ?8, csat = ?9, ces = ?10, comment = ?11,"
				    " imported_at = ?12, answers = ?13, import_id = coalesce(?14, import_id), cont = ?15,"
				    " cont_scale = ?16"
				    " WHERE survey_id = ?1 AND key = ?2 AND complete = 0",
				    &im->upd, err);
	if (rc == CX_OK)
		rc = cx_sql_prepare(im->db,
				    "SELECT complete, nps, csat, ces, comment, answers FROM responses"
				    " WHERE survey_id = ?1 AND key = ?2",
				    &im->stored, err);
	/* A response stored before its respondent was a customer is linked when the file comes again. */
	if (rc == CX_OK)
		rc = cx_sql_prepare(im->db,
				    "UPDATE responses SET customer_id = ?3"
				    " WHERE survey_id = ?1 AND key = ?2 AND customer_id IS NULL",
				    &im->link, err);
	if (rc == CX_OK)
		rc = cx_sql_prepare(im->db, "SELECT id, merged_into FROM customers WHERE lower(email) = lower(?1)",
				    &im->cust, err);
	if (rc == CX_OK && im->o->ntags)
		rc = cx_sql_prepare(im->db, "INSERT INTO customer_tags (customer_id, tag) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
				    &im->tag, err);
	if (rc == CX_OK)
		rc = load_emails(im, err);
	return rc;
}

/* Tags the customer of a complete response by its answers (rules' "if COLUMN = ANSWER then tag TAG"). */
static int tag_by_answers(importer *im, const char *matches, int64_t cust, cx_err *err)
{
	for (int i = 0; i < im->o->ntags; i++) {
		if (!matches[i])
			continue;
		cx_sql_bind_int(im->tag, 1, cust);
		cx_sql_bind_text_static(im->tag, 2, im->o->tags[i].tag);
		int rc = cx_sql_step(im->tag, err);
		cx_sql_reset(im->tag);
		if (rc < 0)
			return rc;
		im->res->tagged += cx_sql_changes(im->db) == 1;
	}
	return CX_OK;
}

int cx_survey_import_seen(cx_db *db, const char *sha256, const char *survey, int *seen, cx_err *err)
{
	int64_t n;
	int rc = cx_sql_get_int(db, 0, &n, err,
				"SELECT count(*) FROM survey_imports i JOIN surveys s ON s.id = i.survey_id"
				" WHERE i.sha256 = ?1 AND (?2 IS NULL OR lower(s.name) = lower(?2))",
				CX_TEXT(sha256), CX_TEXT(survey));
	if (rc)
		return rc;
	*seen = n > 0;
	return CX_OK;
}

/* The import's own row, unless this survey has had the file's bytes before. */
/*
 * The file's bytes, to know it again, are hashed beside the import
 * (file_hash.h). Only a survey that has had a file before needs them at
 * the start, to tell the same file again: then they are waited for here;
 * else they are written at the end (know_file).
 */
static int need_hash(importer *im, file_hash *h, int *hashing, cx_err *err)
{
	int64_t before = 0;
	int rc;
	if (!*hashing)
		return CX_OK;
	if ((rc = cx_sql_get_int(im->db, 0, &before, err,
				 "SELECT count(*) FROM survey_imports WHERE survey_id = ?1 AND sha256 IS NOT NULL",
				 CX_INT(im->survey_id))) ||
	    !before)
		return rc;
	*hashing = 0;
	return file_hash_wait(h, im->res->sha256, err);
}

static int record_import(importer *im, const char *path, cx_err *err)
{
	int64_t n = 0;
	int rc;
	if (im->res->sha256[0]) {
		rc = cx_sql_get_int(im->db, 0, &n, err,
				    "SELECT count(*) FROM survey_imports WHERE sha256 = ?1 AND survey_id = ?2",
				    CX_TEXT(im->res->sha256), CX_INT(im->survey_id));
		if (rc || n)
			return rc;
	}
	return cx_sql_get_int(
		im->db, 0, &im->import_id, err,
		"INSERT INTO survey_imports (survey_id, sha256, file, rules, rows, added, imported_by, imported_at)"
		" VALUES (?1, ?2, ?3, ?4, 0, 0, ?5, ?6) RETURNING id",
		CX_INT(im->survey_id), CX_TEXT(im->res->sha256[0] ? im->res->sha256 : NULL),
		CX_TEXT(strcmp(path, "-") ? path : "standard input"), CX_TEXT(im->o->rules), CX_TEXT(cx_db_actor(im->db)),
		CX_INT(im->now));
}

/* The hash of a file of a survey's first import, worked out while it was stored (need_hash). */
static int know_file(importer *im, file_hash *h, cx_err *err)
{
	int rc;
	if ((rc = file_hash_wait(h, im->res->sha256, err)))
		return rc;
	return cx_sql_do(im->db, err, "UPDATE survey_imports SET sha256 = ?2 WHERE id = ?1", CX_INT(im->import_id),
			 CX_TEXT(im->res->sha256));
}

static int finish_import(importer *im, cx_err *err)
{
	if (!im->import_id)
		return CX_OK;
	return cx_sql_do(im->db, err, "UPDATE survey_imports SET rows = ?2, added = ?3 WHERE id = ?1",
			 CX_INT(im->import_id), CX_INT(im->res->rows), CX_INT(im->res->added + im->res->completed));
}

static int survey_row(importer *im, const char *name, cx_err *err)
{
	char stage[64];
	int rc;

	rc = cx_sql_get_int(im->db, 0, &im->survey_id, err, "SELECT id FROM surveys WHERE lower(name) = lower(?1)",
			    CX_TEXT(name));
	if (rc)
		return rc;
	if (im->o->stage) {
		snprintf(stage, sizeof stage, "%s", im->o->stage);
	} else if ((rc = cx_setting_get(im->db, "survey.stage", stage, sizeof stage, err))) {
		return rc;
	}
	if ((rc = cx_name_check(im->db, "stages", "stage", stage, err)))
		return rc;
	if (im->survey_id)
		return cx_sql_do(im->db, err,
				 "UPDATE surveys SET columns = ?2, stage = coalesce(?3, stage), language = coalesce(?4, language)"
				 " WHERE id = ?1",
				 CX_INT(im->survey_id), CX_TEXT(im->res->columns), CX_TEXT(im->o->stage),
				 CX_TEXT(im->o->language));
	return cx_sql_get_int(im->db, 0, &im->survey_id, err,
			      "INSERT INTO surveys (name, tool, stage, columns, created_at, language)"
			      " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
			      CX_TEXT(name), CX_TEXT(im->l.tool), CX_TEXT(stage), CX_TEXT(im->res->columns), CX_INT(im->now),
			      CX_TEXT(im->o->language));
}

/* Numbers the extra questions of this file within the survey, adding new ones. */
static int number_questions(importer *im, cx_err *err)
{
	for (int i = 0; i < im->l.ncols; i++) {
		int64_t qid;
		int rc;
		if (im->l.cols[i].kind != COL_EXTRA)
			continue;
		if ((rc = cx_sql_do(im->db, err,
				    "INSERT INTO survey_questions (survey_id, qid, text)"
				    " SELECT ?1, coalesce(max(qid), 0) + 1, ?2 FROM survey_questions WHERE survey_id = ?1"
				    " ON CONFLICT (survey_id, text) DO NOTHING",
				    CX_INT(im->survey_id), CX_TEXT(im->l.cols[i].key))) ||
		    (rc = cx_sql_get_int(im->db, 0, &qid, err,
					 "SELECT qid FROM survey_questions WHERE survey_id = ?1 AND text = ?2",
					 CX_INT(im->survey_id), CX_TEXT(im->l.cols[i].key))))
			return rc;

		snprintf(im->l.cols[i].qid, sizeof im->l.cols[i].qid, "%lld", (long long)qid);
	}
	return CX_OK;
}

/*
 * How many questions the response stored under key answers (scores, the
 * comment, the other questions), or -1 when it is complete: a complete
 * response is never replaced by a partial one.
 */
static int stored_answers(importer *im, const char *key, int64_t *n, cx_err *err)
{
	cx_stmt *st = im->stored;
	cx_sql_reset(st);
	cx_sql_bind_int(st, 1, im->survey_id);
	cx_sql_bind_text_static(st, 2, key);
	int rc = cx_sql_step(st, err);
	*n = -1;
	if (rc == CX_SQL_ROW && !cx_sql_int(st, 0)) {
		*n = 0;
		for (int c = 1; c <= 4; c++)
			*n += !cx_sql_null(st, c);
		if (!cx_sql_null(st, 5)) {
			/* the other answers: a JSON object of question number to answer, as answers_json wrote it */
			json_t *o = json_loads(cx_sql_text(st, 5), 0, NULL);
			if (!o)
				rc = cx_fail(err, CX_EINTERNAL, "response %s: its stored answers are not JSON", key);
			else
				*n += (int64_t)json_object_size(o);
			json_decref(o);
		}
	}
	cx_sql_reset(st);
	return rc < 0 ? rc : CX_OK;
}

/* The id of the response stored under key in this survey. */
static int response_id(importer *im, const char *key, int64_t *id, cx_err *err)
{
	return cx_sql_get_int(im->db, 0, id, err, "SELECT id FROM responses WHERE survey_id = ?1 AND key = ?2",
			      CX_INT(im->survey_id), CX_TEXT(key));
}

/* The respondent of a row among the customers (added with --create-customers), and their tags by the answers. */
static int row_customer(importer *im, const survey_batch *b, const survey_item *it, int64_t *cust, cx_err *err)
{
	const char *email = survey_text(b, it->email), *name = survey_text(b, it->name);
	int rc;
	*cust = 0;
	if (!it->complete)
		im->res->incomplete++;
	if (email && (rc = find_customer(im, email, cust, err)))
		return rc;
	if (!*cust && email && it->complete && im->o->create_customers) {
		char fallback[256];
		snprintf(fallback, sizeof fallback, "%.*s", (int)strcspn(email, "@"), email);
		cx_customer_in in = { .name = name ? name : fallback, .email = email, .at = it->at };
		if ((rc = cx_customer_add(im->db, &in, cust, err)))
			return rc;
		if (im->emails.loaded && index_put(&im->emails, email, *cust))
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		im->res->created++;
	}
	if (*cust && it->complete) {
		im->res->linked++;
		if (im->o->ntags && (rc = tag_by_answers(im, survey_text(b, it->tags), *cust, err)))
			return rc;
	}
	return CX_OK;
}

/*
 * The insert of im->rows[k] rows at once: new keys are stored, keys already
 * there left for store_row; its rows name the new ones.
 */
static const char *const response_cols[] = { "survey_id", "key", "customer_id", "email", "name", "at",
					      "complete", "nps", "csat", "ces", "comment", "imported_at",
					      "answers", "import_id", "cont", "cont_scale" };

static int prepare_insert(importer *im, int k, cx_err *err)
{
	return cx_sql_prepare_insert_many(im->db, "responses", response_cols, 16, 2, im->rows[k], &im->ins[k], err);
}

/*
 * The rows of a chunk the insert did not store are there already under
 * their key: the insert leaves out a row only for its key (the reader
 * checked every value against the table's rules). One question a chunk, and
 * only for a chunk with such rows: a file imported again.
 */
static int all_there(importer *im, const survey_batch *b, int from, int n, cx_err *err)
{
	int rc, keys = 0;
	if (!im->there) {
		cx_buf q = { 0 };
		cx_buf_add(&q, "SELECT count(*) FROM responses WHERE survey_id = ?1 AND key IN (");
		for (int r = 0; r < im->rows[0]; r++) {
			char p[16];
			snprintf(p, sizeof p, "%s?%d", r ? ", " : "", r + 2);
			cx_buf_add(&q, p);
		}
		cx_buf_add(&q, ")");
		rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(im->db, q.s, &im->there, err);
		cx_buf_free(&q);
		if (rc)
			return rc;
	}
	cx_stmt *st = im->there;
	cx_sql_bind_int(st, 1, im->survey_id);
	for (int r = 0; r < n; r++) {
		const char *key = survey_text(b, b->item[from + r].key);
		int seen = im->rid[from + r] != 0; /* new: there, and not asked about */
		for (int e = 0; e < r && !seen; e++)
			seen = !strcmp(key, survey_text(b, b->item[from + e].key));
		if (!seen)
			cx_sql_bind_text_static(st, 2 + keys++, key);
	}
	if (!keys)
		return CX_OK;
	for (int k = keys; k < im->rows[0]; k++)
		cx_sql_bind_null(st, 2 + k);
	int64_t there = 0;
	if ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		there = cx_sql_int(st, 0);
	cx_sql_reset(st);
	rc = rc < 0 ? rc : CX_OK;
	if (rc == CX_OK && there != keys)
		rc = cx_fail(err, CX_EINTERNAL, "%s: %lld of the responses near line %lld were neither stored nor there before",
			     cx_csv_name(im->r), (long long)(keys - there), (long long)b->item[from].line);
	return rc;
}

/*
 * A stored row named by its id and key (in the order stored): the first
 * row of the chunk from *next on (then from its start) with that key and no
 * id yet. A key twice in a chunk: its first row is the new one.
 */
static int match_new(importer *im, const survey_batch *b, int from, int n, int *next, const char *key, int64_t id,
		     cx_err *err)
{
	int r = *next;
	while (r < n && (im->rid[from + r] || strcmp(survey_text(b, b->item[from + r].key), key)))
		r++;
	if (r == n)
		for (r = 0; r < n && (im->rid[from + r] || strcmp(survey_text(b, b->item[from + r].key), key)); r++)
			;
	if (r == n)
		return cx_fail(err, CX_EINTERNAL, "the database stored a response \"%s\" that no row gave", key);
	im->rid[from + r] = id;
	*next = r + 1;
	return CX_OK;
}

/* Rows from..from+n of b stored where their key is new: rid[i] their id, 0 for a key already there. */
static int insert_chunk(importer *im, const survey_batch *b, int from, int k, cx_err *err)
{
	int n = im->rows[k], rc, next = 0;
	if (!im->ins[k] && (rc = prepare_insert(im, k, err)))
		return rc;
	cx_stmt *st = im->ins[k];
	for (int r = 0; r < n; r++) {
		const survey_item *it = &b->item[from + r];
		bind_response(im, st, r * 16, survey_text(b, it->key), im->cust_of[from + r], survey_text(b, it->email),
			      survey_text(b, it->name), it->at, it->complete, it->score, survey_text(b, it->comment),
			      survey_text(b, it->answers));
		im->rid[from + r] = 0;
	}
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW &&
	       (rc = match_new(im, b, from, n, &next, cx_sql_text(st, 2) /* id, survey_id, key */, cx_sql_int(st, 0), err)) == CX_OK)
		;
	cx_sql_reset(st);
	return rc < 0 ? rc : all_there(im, b, from, n, err);
}

/* One row after its insert: a new response counted (and an unhappy one told), or a key already there handled. */
static int store_row(importer *im, const survey_batch *b, const survey_item *it, int64_t cust, int64_t rid, cx_err *err)
{
	const char *key = survey_text(b, it->key), *email = survey_text(b, it->email), *name = survey_text(b, it->name);
	const char *comment = survey_text(b, it->comment), *answers = survey_text(b, it->answers);
	const int *score = it->score;
	int complete = it->complete, rc, top = im->l.cont_scale ? im->l.cont_scale : 10;
	int64_t at = it->at, given = it->given;

	memcpy(im->last_key, key, strlen(key) + 1); /* key is at most 255 bytes, as last_key holds */
	im->last_complete = complete;
	if (rid) {
		if (complete)
			im->res->added++;
		/* a new unhappy answer: someone may want to know at once */
		int unlikely = score[3] >= 0 && score[3] <= (top == 10 ? 6 : top == 7 ? 3 : 2);
		if (complete && ((score[0] >= 0 && score[0] <= 6) || (score[1] >= 0 && score[1] <= 2) ||
				 (score[2] >= 0 && score[2] <= 3) || unlikely) && cx_db_hook_room(im->db, "on-detractor"))
			return cx_hook_response(im->db, rid, err);
		return CX_OK;
	}
	if (!complete) {
		/* a partial response again: it replaces a stored partial one only with more answers */
		int64_t before;
		if ((rc = stored_answers(im, key, &before, err)))
			return rc;
		if (before < 0 || given <= before)
			return CX_OK;
	}
	bind_response(im, im->upd, 0, key, cust, email, name, at, complete, score, comment, answers);
	rc = cx_sql_step(im->upd, err);
	cx_sql_reset(im->upd);
	if (rc < 0)
		return rc;
	int changed = cx_sql_changes(im->db) == 1;
	if (!complete) {
		im->res->updated += changed;
		return CX_OK;
	}
	if (changed) {
		/* a partial response, complete now: its comment becomes searchable, the answer part of a journey */
		im->res->completed++;
		if (cust && (rc = cx_journey_mark(im->db, cust, err)))
			return rc;
		if (comment) {
			if ((rc = response_id(im, key, &rid, err)) ||
			    (rc = cx_search_update(im->db, CX_SK_RESPONSE, rid, comment, err)))
				return rc;
		}
		return CX_OK;
	}
	im->res->present++;
	if (!cust)
		return CX_OK;
	cx_sql_bind_int(im->link, 1, im->survey_id);
	cx_sql_bind_text_static(im->link, 2, key);
	cx_sql_bind_int(im->link, 3, cust);
	rc = cx_sql_step(im->link, err);
	cx_sql_reset(im->link);
	if (rc < 0)
		return rc;
	/* an answer stored before its respondent was known joins their journey */
	return cx_sql_changes(im->db) == 1 ? cx_journey_mark(im->db, cust, err) : CX_OK;
}

/*
 * A complete answer that carries the token of a survey request is that
 * request's answer (the first one; a second answer with it is only stored),
 * and its respondent the request's customer when the file does not say.
 */
static int tie_to_request(importer *im, const char *token, cx_err *err)
{
	cx_stmt *st;
	int64_t rid, cust = 0, answered = 0;
	int rc, found = 0;
	if ((rc = response_id(im, im->last_key, &rid, err)))
		return rc;
	if ((rc = cx_sql_query(im->db, &st, err,
			       "SELECT customer_id, coalesce(response_id, 0) FROM survey_requests WHERE token = ?1",
			       CX_TEXT(token))))
		return rc;
	if ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		found = 1;
		cust = cx_sql_int(st, 0);
		answered = cx_sql_int(st, 1);
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	if (!found) {
		im->res->strangers++;
		return CX_OK;
	}
	if (answered)
		return CX_OK;
	if ((rc = cx_sql_do(im->db, err, "UPDATE survey_requests SET response_id = ?2 WHERE token = ?1", CX_TEXT(token),
			    CX_INT(rid))) ||
	    (rc = cx_sql_do(im->db, err, "UPDATE responses SET customer_id = ?2 WHERE id = ?1 AND customer_id IS NULL",
			    CX_INT(rid), CX_INT(cust))) ||
	    (rc = cx_journey_mark(im->db, cust, err)))
		return rc;
	im->res->requests++;
	return CX_OK;
}

/*
 * A batch's respondents found (and added) in order, then its rows inserted
 * many to a statement; one_row then takes each row in order. What it does
 * for a row depends only on that row's key, so the order holds.
 */
static int store_batch(importer *im, const survey_batch *b, cx_err *err)
{
	int rc;
	if (!im->cust_of && (!(im->cust_of = malloc((size_t)b->cap * sizeof *im->cust_of)) ||
			     !(im->rid = malloc((size_t)b->cap * sizeof *im->rid))))
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	for (int i = 0; i < b->n; i++)
		if ((rc = row_customer(im, b, &b->item[i], &im->cust_of[i], err)))
			return rc;
	for (int from = 0, k = 0; from < b->n; from += im->rows[k]) {
		while (b->n - from < im->rows[k])
			k++;
		if ((rc = insert_chunk(im, b, from, k, err)))
			return rc;
	}
	return CX_OK;
}

static int one_row(importer *im, const survey_batch *b, int i, cx_err *err)
{
	const survey_item *it = &b->item[i];
	int rc = store_row(im, b, it, im->cust_of[i], im->rid[i], err);
	if (rc || it->token == SURVEY_NONE || !im->last_complete)
		return rc;
	return tie_to_request(im, survey_text(b, it->token), err);
}

/*
 * Whether the C library can read times in this zone. An unknown name would
 * silently be taken as UTC, shifting every time in the file.
 */
static int zone_known(const char *zone)
{
	char path[4096];
	struct stat st;
	if (*zone == ':')
		zone++;
	if (cx_zone_is_utc(zone))
		return 1;
	if (*zone != '/' && strpbrk(zone, "0123456789<,") && !strchr(zone, '/'))
		return 1; /* a POSIX rule such as EST5EDT, read by the C library itself */
	if (!*zone || strstr(zone, ".."))
		return 0;
	const char *dir = getenv("TZDIR");
	if (*zone == '/')
		snprintf(path, sizeof path, "%s", zone);
	else
		snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", zone);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The survey's name from the file: "nps-q3.csv" -> "nps-q3". */
static void name_from_path(const char *path, const char *tool, char *out, size_t size)
{
	if (!strcmp(path, "-")) {
		snprintf(out, size, "%s", tool);
		return;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	snprintf(out, size, "%.*s", (int)n, base);
}

int cx_survey_import(cx_db *db, const char *path, const cx_survey_import_opts *o,
		     cx_survey_import_result *res, cx_err *err)
{
	importer im = { .db = db, .o = o, .res = res, .now = cx_db_now(db), .rows = { cx_sql_insert_many_rows(db), 8, 1 } };
	cx_csv_opts co = { .encoding = o->encoding, .sep = o->sep };
	survey_reader sr;
	int rc, reading = 0;

	memset(res, 0, sizeof *res);
	if (o->zone && !zone_known(o->zone))
		return cx_fail(err, CX_EUSAGE,
			       CX_FIELD("zone")
			       ": \"%s\" is not a time zone this system knows (an IANA name such as Europe/Berlin, or UTC)",
			       o->zone);
	if (o->language && (rc = cx_words_check(cx_text_languages, CX_FIELD("language"), o->language, CX_EUSAGE, err)))
		return rc;
	if ((rc = cx_csv_open(&im.r, path, NULL, &co, err)))
		return rc;
	/* the file's bytes, to know it again: read once more (the page cache has them), beside the import */
	file_hash hash;
	int hashing = strcmp(path, "-") != 0;
	if (hashing)
		file_hash_start(&hash, path);
	snprintf(res->encoding, sizeof res->encoding, "%s", cx_csv_encoding(im.r));
	if ((rc = survey_layout_read(db, im.r, o, &im.l, err)))
		goto out;
	if (im.l.zone[0] && !zone_known(im.l.zone)) {
		rc = cx_fail(err, CX_EDATA, "%s:%d: the export's time zone \"%s\" is not one this system knows (give "
					    CX_FIELD_ARG("zone") ")",
			     cx_csv_name(im.r), im.l.header_rows, im.l.zone);
		goto out;
	}
	snprintf(res->tool, sizeof res->tool, "%s", im.l.tool);
	survey_layout_describe(&im.l, res->columns, sizeof res->columns);
	survey_layout_explain(&im.l, res->why, sizeof res->why);
	survey_layout_options(&im.l, res->col);
	if (o->ntags) {
		if (!(im.tag_col = calloc((size_t)o->ntags, sizeof *im.tag_col))) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			goto out;
		}
		for (int i = 0; i < o->ntags; i++)
			if ((im.tag_col[i] = survey_layout_column(&im.l, o->tags[i].column)) < 0) {
				rc = cx_fail(err, CX_EDATA,
					     "%s:1: tag rule \"if %s = %s then tag %s\": no column \"%s\" in this file (name it by its header or number)",
					     cx_csv_name(im.r), o->tags[i].column, o->tags[i].value, o->tags[i].tag,
					     o->tags[i].column);
				goto out;
			}
	}
	if (o->name)
		snprintf(res->survey, sizeof res->survey, "%s", o->name);
	else
		name_from_path(path, im.l.tool, res->survey, sizeof res->survey);
	/*
	 * A big page cache keeps the indexes in memory for the length of the
	 * import. The importer makes every reference itself (the survey it just
	 * found, customers it just looked up), so its caller's transaction is a
	 * bulk one: no per-row foreign key checks.
	 */
	if ((rc = cx_sql_named_exec(db, CX_Q_BULK_CACHE, err)) || (rc = cx_db_need(db, __func__, err)))
		goto out;
	if ((rc = cx_sql_get_int(db, 0, &im.last_id, err, "SELECT max(id) FROM responses")))
		goto out;

	if ((rc = survey_row(&im, res->survey, err)) || (rc = number_questions(&im, err)) ||
	    (rc = need_hash(&im, &hash, &hashing, err)) || (rc = record_import(&im, path, err)) ||
	    (rc = prepare(&im, err)))
		goto out;
	if ((rc = survey_reader_start(&sr, &im.l, im.r, o, im.tag_col, im.now, 1, err)))
		goto out;
	reading = 1;
	for (;;) {
		survey_batch *b = survey_reader_next(&sr);
		if ((rc = store_batch(&im, b, err)))
			goto out;
		for (int i = 0; i < b->n; i++) {
			res->rows++;
			if ((rc = one_row(&im, b, i, err)))
				goto out;
			if (o->progress && (res->rows & 0xffff) == 0) {
				cx_import_progress p = { b->item[i].bytes, cx_csv_size(im.r), res->rows };
				o->progress(o->progress_arg, &p);
			}
		}
		if (b->rc < 0) {
			rc = b->rc;
			*err = b->err;
			goto out;
		}
		if (b->rc)
			break;
	}
	survey_reader_stop(&sr);
	reading = 0;
	if (res->rows == 0) {
		/* a survey with no answers is no survey: nothing is made of it */
		rc = cx_fail(err, CX_EDATA, "%s:%d: no responses, only the header (export the survey with its responses)",
			     cx_csv_name(im.r), im.l.header_rows);
		goto out;
	}
	cx_csv_loose_note(im.r, res->quotes, sizeof res->quotes);
	/* the journey map's summary: the customers of the answers added, in one statement */
	if ((rc = cx_journey_mark_responses(db, im.last_id, res->added, err)))
		goto out;
	if (hashing) {
		hashing = 0;
		if ((rc = know_file(&im, &hash, err)))
			goto out;
	}
	if ((rc = finish_import(&im, err)))
		goto out;
	if (o->follow_up) {
		if ((rc = cx_survey_follow_up(db, res->survey, 0, 0, &res->followups, &res->unlinked, err)))
			goto out;
	}
	rc = CX_OK;
out:
	if (reading)
		survey_reader_stop(&sr);
	if (hashing) {
		cx_err ignored;
		char hex[65];
		file_hash_wait(&hash, hex, &ignored);
	}
	for (int k = 0; k < INSERT_SIZES; k++)
		cx_sql_finalize(im.ins[k]);
	free(im.cust_of);
	free(im.rid);
	cx_sql_finalize(im.upd);
	cx_sql_finalize(im.there);
	cx_sql_finalize(im.link);
	cx_sql_finalize(im.cust);
	cx_sql_finalize(im.stored);
	cx_sql_finalize(im.tag);
	free(im.tag_col);
	survey_layout_free(&im.l);
	cx_csv_close(im.r);
	index_free(&im.emails);
	return rc;
}
