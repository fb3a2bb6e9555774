/* Touchpoints: logging one, listing the journey's rows, importing many from another system. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_reader.h"
#include "cx/case.h"
#include "cx/customer.h"
#include "cx/event.h"
#include "cx/journey.h"
#include "cx/words.h"
#include "names.h"
#include "store/sql.h"
#include "hash.h"

const char *const cx_touch_fields[CX_TF_N] = {
	"customer", "at", "channel", "stage", "emotion", "effort", "direction", "case", "summary",
};

int cx_emotion_parse(const char *s, int *v, cx_err *err)
{
	char *end, all[128];
	for (int i = 0; cx_touch_emotions[i]; i++)
		if (!strcasecmp(s, cx_touch_emotions[i])) {
			*v = i - 2;
			return CX_OK;
		}
	long x = strtol(s, &end, 10);
	if (s[0] && !*end && x >= -2 && x <= 2) {
		*v = (int)x;
		return CX_OK;
	}
	return cx_fail(err, CX_EDATA, "emotion: \"%.100s\" is not -2..+2 or %s", s,
		       cx_words_join(cx_touch_emotions, all, sizeof all));
}

int cx_effort_parse(const char *s, int *v, cx_err *err)
{
	char *end;
	long x = strtol(s, &end, 10);
	if (s[0] && !*end && x >= 1 && x <= 7) {
		*v = (int)x;
		return CX_OK;
	}
	return cx_fail(err, CX_EDATA, "effort: \"%s\" is not 1..7 (1 = very hard, 7 = very easy)", s);
}

int cx_touch_log(cx_db *db, const cx_touch_in *in, int64_t *id, cx_err *err)
{
	int rc;


	*id = 0;
	if (!in->channel || !in->stage)
		return cx_fail(err, CX_EUSAGE, "a touchpoint needs a channel and a stage");
	if ((rc = cx_name_check(db, "channels", "channel", in->channel, err)) ||
	    (rc = cx_name_check(db, "stages", "stage", in->stage, err)))
		return rc;
	if (in->emotion != CX_NO_EMOTION && (in->emotion < -2 || in->emotion > 2))
		return cx_fail(err, CX_EDATA, "emotion: %d is not -2..+2", in->emotion);
	if (in->effort && (in->effort < 1 || in->effort > 7))
		return cx_fail(err, CX_EDATA, "effort: %d is not 1..7", in->effort);
	if (in->direction && strcmp(in->direction, "in") && strcmp(in->direction, "out"))
		return cx_fail(err, CX_EDATA, "direction: \"%s\" is not in or out", in->direction);
	if (in->summary && strlen(in->summary) > 100000)
		return cx_fail(err, CX_EDATA, "summary: longer than 100 kB");
	if (in->case_id) {
		int64_t owner;
		if ((rc = cx_case_customer(db, in->case_id, &owner, err)))
			return rc;
		if (owner != in->customer_id)
			return cx_fail(err, CX_EDATA, "case: case %lld belongs to another customer", (long long)in->case_id);
	}
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	/* a touchpoint there already is looked up, not inserted: on a server an insert refused takes an id */
	if (in->key) {
		int64_t there;
		if ((rc = cx_sql_get_int(db, -1, &there, err, "SELECT 0 FROM touchpoints WHERE key = ?1", CX_TEXT(in->key))) ||
		    there == 0) {
			*id = 0;
			goto fail;
		}
	}
	int64_t now = cx_db_now(db);
	rc = cx_sql_get_int(db, 0, id, err,
			    "INSERT INTO touchpoints (customer_id, at, channel, stage, emotion, effort, direction,"
			    " case_id, summary, key, author, created_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
			    " ON CONFLICT (key) WHERE key IS NOT NULL DO NOTHING RETURNING id",
			    CX_INT(in->customer_id), CX_INT(in->at ? in->at : now), CX_TEXT(in->channel), CX_TEXT(in->stage),
			    in->emotion != CX_NO_EMOTION ? CX_INT(in->emotion) : CX_NULL,
			    in->effort ? CX_INT(in->effort) : CX_NULL, CX_TEXT(in->direction), CX_ID(in->case_id),
			    CX_TEXT(in->summary && in->summary[0] ? in->summary : NULL), CX_TEXT(in->key),
			    CX_TEXT(cx_db_actor(db)), CX_INT(now));
	if (rc)
		goto fail;

	/* Imports log one event for the file, not one per row. */
	if (*id && !in->key && (rc = cx_event_log(db, "touchpoint", *id, "create", 0, 0, err, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

static const cx_col list_cols[] = {
	{ "kind", CX_T_TEXT, 0, 0 },
	{ "ref", CX_T_INT, CX_COL_HIDE, 0 },
	{ "at", CX_T_TIME, 0, 0 },
	{ "customer_id", CX_T_INT, CX_COL_HIDE, 0 },
	{ "customer", CX_T_TEXT, 0, 0 },
	{ "stage", CX_T_TEXT, 0, 0 },
	{ "channel", CX_T_TEXT, 0, 0 },
	{ "emotion", CX_T_INT, 0, 0 },
	{ "effort", CX_T_INT, 0, 0 },
	{ "direction", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "case_id", CX_T_INT, 0, 0 },
	{ "summary", CX_T_TEXT, CX_COL_WIDE, 0 },
};

int cx_touch_list(cx_db *db, const cx_touch_filter *f, cx_out *out, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc;

	if (f->kind && (rc = cx_words_check(cx_touch_kinds, "kind", f->kind, CX_EDATA, err)))
		return rc;
	if ((f->stage && (rc = cx_name_check(db, "stages", "stage", f->stage, err))) ||
	    (f->channel && (rc = cx_name_check(db, "channels", "channel", f->channel, err))))
		return rc;
	cx_sqlbuf_add(&q, "SELECT j.kind, j.ref, j.at, j.customer_id, c.name, j.stage, j.channel, j.emotion,"
			  " j.effort, j.direction, j.case_id, j.summary"
			  " FROM journey j JOIN customers c ON c.id = j.customer_id WHERE 1=1");
	if (f->customer_id)
		cx_sqlbuf_add(&q, " AND j.customer_id = ?1");
	if (f->case_id)
		cx_sqlbuf_add(&q, " AND j.case_id = ?2");
	if (f->stage)
		cx_sqlbuf_add(&q, " AND j.stage = ?3");
	if (f->channel)
		cx_sqlbuf_add(&q, " AND j.channel = ?4");
	if (f->kind)
		cx_sqlbuf_add(&q, " AND j.kind = ?5");
	if (f->below != CX_NO_EMOTION)
		cx_sqlbuf_add(&q, " AND j.emotion < ?6");
	if (f->above != CX_NO_EMOTION)
		cx_sqlbuf_add(&q, " AND j.emotion > ?7");
	if (f->since)
		cx_sqlbuf_add(&q, " AND j.at >= ?8");
	if (f->until)
		cx_sqlbuf_add(&q, " AND j.at < ?9");
	cx_sqlbuf_add(&q, " ORDER BY j.at DESC, j.kind, j.ref DESC");
	if (f->limit > 0)
		cx_sqlbuf_add(&q, " LIMIT ?10");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, f->customer_id);
	cx_sql_bind_int(st, 2, f->case_id);
	cx_sql_bind_text(st, 3, f->stage);
	cx_sql_bind_text(st, 4, f->channel);
	cx_sql_bind_text(st, 5, f->kind);
	cx_sql_bind_int(st, 6, f->below);
	cx_sql_bind_int(st, 7, f->above);
	cx_sql_bind_int(st, 8, f->since);
	cx_sql_bind_int(st, 9, f->until);
	cx_sql_bind_int(st, 10, f->limit);
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(list_cols));
	rc = cx_sql_to_out(st, out, err);
	cx_out_end(out);
	return rc;
}

/* ---- import ---- */

/*
 * Where each field is in the header: the column --map names (by its header
 * or its number), else the one named like the field; -1 for none. The
 * fields every row needs must have one, or a value for all rows.
 */
static int map_columns(const cx_row *header, const char *file, const cx_touch_import_opts *o, int *col, cx_err *err)
{
	for (int k = 0; k < CX_TF_N; k++) {
		col[k] = -1;
		const char *want = o->map[k] ? o->map[k] : cx_touch_fields[k];
		char *end;
		long num = strtol(want, &end, 10);
		if (want[0] && !*end) {
			if (num < 1 || num > header->n)
				return cx_fail(err, CX_EDATA, "%s:1: " CX_FIELD("map") " %s=%s: the file has %d columns", file,
					       cx_touch_fields[k], want, header->n);
			col[k] = (int)num - 1;
			continue;
		}
		for (int i = 0; i < header->n; i++) {
			if (!cx_csv_header_is(header->f[i], want))
				continue;
			/* two columns of that name: which one is not a guess to make */
			if (col[k] >= 0)
				return cx_fail(err, CX_EDATA,
					       "%s:1: columns %d and %d are both \"%.60s\" (say which is the %s: "
					       CX_FIELD("map") " %s=%d or " CX_FIELD("map") " %s=%d)",
					       file, col[k] + 1, i + 1, want, cx_touch_fields[k], cx_touch_fields[k], col[k] + 1,
					       cx_touch_fields[k], i + 1);
			col[k] = i;
		}
		if (col[k] < 0 && o->map[k])
			return cx_fail(err, CX_EDATA, "%s:1: " CX_FIELD("map") " %s=%s: no such column", file,
				       cx_touch_fields[k], want);
	}
	if (col[CX_TF_CUSTOMER] < 0 || col[CX_TF_AT] < 0)
		return cx_fail(err, CX_EDATA, "%s:1: no %s column (name it: " CX_FIELD("map") " %s=COLUMN)", file,
			       col[CX_TF_CUSTOMER] < 0 ? "customer" : "at", col[CX_TF_CUSTOMER] < 0 ? "customer" : "at");
	if (col[CX_TF_CHANNEL] < 0 && !o->channel)
		return cx_fail(err, CX_EDATA, "%s:1: no channel column (" CX_FIELD("map") " channel=COLUMN, or "
			       CX_FIELD_ARG("channel") " for all rows)", file);
	if (col[CX_TF_STAGE] < 0 && !o->stage)
		return cx_fail(err, CX_EDATA, "%s:1: no stage column (" CX_FIELD("map") " stage=COLUMN, or "
			       CX_FIELD_ARG("stage") " for all rows)", file);
	return CX_OK;
}

/* The same row imported again is the same touchpoint: its key from what it says. */
static void row_key(const cx_touch_in *in, char *key, size_t size)
{
	uint64_t h = CX_HASH_START;
	char num[32];
	snprintf(num, sizeof num, "%lld|%lld", (long long)in->customer_id, (long long)in->at);
	h = cx_hash_field(h, num);
	h = cx_hash_field(h, in->channel);
	h = cx_hash_field(h, in->stage);
	h = cx_hash_field(h, in->summary ? in->summary : "");
	snprintf(key, size, "import:%016llx", (unsigned long long)h);
}

int cx_touch_import(cx_db *db, const char *path, const cx_touch_import_opts *o, cx_touch_import_result *res,
		    cx_err *err)
{
	cx_csv_opts co = { .encoding = o->encoding, .sep = o->sep };
	int col[CX_TF_N], rc;
	cx_csv *r;
	cx_row row;
	int64_t ncols;

	memset(res, 0, sizeof *res);
	if ((rc = cx_csv_open(&r, path, NULL, &co, err)))
		return rc;
	const char *file = cx_csv_name(r);
	rc = cx_csv_next(r, &row, err);
	if (rc <= 0) {
		if (rc == 0)
			rc = cx_fail(err, CX_EDATA, "%s:1: the file is empty", file);
		goto out;
	}
	ncols = row.n;
	if ((rc = map_columns(&row, file, o, col, err)))
		goto out;
	if ((rc = cx_db_need(db, __func__, err)))
		goto out;
	while ((rc = cx_csv_next(r, &row, err)) == 1) {
		cx_touch_in in = { .emotion = CX_NO_EMOTION };
		char key[40], where[600];
		cx_err e;
		if (row.n == 1 && !row.f[0][0])
			continue;
		if (row.n != ncols) {
			rc = cx_fail(err, CX_EDATA, "%s:%lld: %d fields where the header has %lld", file,
				     (long long)row.line, row.n, (long long)ncols);
			goto out;
		}
		res->rows++;
#define FIELD(k) (col[k] >= 0 ? row.f[col[k]] : NULL)
#define BAD(k, ...)                                                                                    \
	do {                                                                                           \
		snprintf(where, sizeof where, "%s:%lld: column \"%s\"", file, (long long)row.line,     \
			 col[k] >= 0 ? cx_touch_fields[k] : "?");                                       \
		rc = cx_fail(err, CX_EDATA, "%s: %s", where, __VA_ARGS__);                             \
		goto out;                                                                              \
	} while (0)
		const char *cust = FIELD(CX_TF_CUSTOMER);
		rc = cx_customer_find(db, cust, &in.customer_id, &e);
		if (rc == CX_ENOTFOUND && o->create_customers && strchr(cust, '@')) {
			cx_customer_in ci = { .name = cust, .email = cust };
			char local[256];
			snprintf(local, sizeof local, "%.*s", (int)strcspn(cust, "@"), cust);
			ci.name = local;
			if ((rc = cx_customer_add(db, &ci, &in.customer_id, &e)) == CX_OK)
				res->created++;
		}
		if (rc)
			BAD(CX_TF_CUSTOMER, e.msg);
		if (cx_date_parse_export(FIELD(CX_TF_AT), o->order, o->zone, &in.at, &e) ||
		    cx_date_check(FIELD(CX_TF_AT), in.at, cx_db_now(db), 1, &e))
			BAD(CX_TF_AT, e.msg);
		in.channel = FIELD(CX_TF_CHANNEL) && FIELD(CX_TF_CHANNEL)[0] ? FIELD(CX_TF_CHANNEL) : o->channel;
		in.stage = FIELD(CX_TF_STAGE) && FIELD(CX_TF_STAGE)[0] ? FIELD(CX_TF_STAGE) : o->stage;
		if (!in.channel)
			BAD(CX_TF_CHANNEL, "empty (give " CX_FIELD_ARG("channel") " for rows without one)");
		if (!in.stage)
			BAD(CX_TF_STAGE, "empty (give " CX_FIELD_ARG("stage") " for rows without one)");
		if (cx_name_check(db, "channels", "channel", in.channel, &e))
			BAD(CX_TF_CHANNEL, e.msg);
		if (cx_name_check(db, "stages", "stage", in.stage, &e))
			BAD(CX_TF_STAGE, e.msg);
		if (FIELD(CX_TF_EMOTION) && FIELD(CX_TF_EMOTION)[0] && cx_emotion_parse(FIELD(CX_TF_EMOTION), &in.emotion, &e))
			BAD(CX_TF_EMOTION, e.msg);
		if (FIELD(CX_TF_EFFORT) && FIELD(CX_TF_EFFORT)[0] && cx_effort_parse(FIELD(CX_TF_EFFORT), &in.effort, &e))
			BAD(CX_TF_EFFORT, e.msg);
		if (FIELD(CX_TF_DIRECTION) && FIELD(CX_TF_DIRECTION)[0])
			in.direction = FIELD(CX_TF_DIRECTION);
		if (in.direction && cx_words_find(cx_touch_directions, in.direction) < 0) {
			char why[300];
			snprintf(why, sizeof why, "\"%.200s\" is not in or out", in.direction);
			BAD(CX_TF_DIRECTION, why);
		}
		if (FIELD(CX_TF_CASE) && FIELD(CX_TF_CASE)[0]) {
			/* A bad case is bad data in the file, named by its line and column like the rest. */
			int64_t owner;
			if (cx_case_parse_id(FIELD(CX_TF_CASE), &in.case_id, &e) ||
			    cx_case_customer(db, in.case_id, &owner, &e))
				BAD(CX_TF_CASE, e.msg);
			if (owner != in.customer_id)
				BAD(CX_TF_CASE, "the case belongs to another customer");
		}
		in.summary = FIELD(CX_TF_SUMMARY);
		row_key(&in, key, sizeof key);
		in.key = key;
		int64_t id;
		if (cx_touch_log(db, &in, &id, &e)) {
			rc = cx_fail(err, e.code, "%s:%lld: %s", file, (long long)row.line, e.msg);
			goto out;
		}
		if (id)
			res->added++;
		else
			res->present++;
#undef FIELD
#undef BAD
	}
	if (rc < 0)
		goto out;
	cx_csv_loose_note(r, res->quotes, sizeof res->quotes);
	char n[32];
	snprintf(n, sizeof n, "%lld", (long long)res->added);
	rc = res->added ? cx_event_log(db, "touchpoint", 0, "import", 0, 0, err, "file", file, "added", n, NULL)
			: CX_OK;
out:
	cx_csv_close(r);
	return rc;
}
