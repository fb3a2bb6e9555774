/*
 * The reading side of a survey import (survey_reader.h): rows read and
 * worked out in batches, by a second thread when that is safe. The storing
 * side meets a row's failure where the row stands in the file, after the
 * rows before it, as if one thread had done both.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cx/customer.h"
#include "cx/date.h"
#include "cx/out.h"
#include "hash.h"
#include "intmap.h"
#include "survey_reader.h"

enum { BATCH_ROWS = 512, BATCH_TEXT = 1 << 20 };

static int truthy(const char *s)
{
	return !strcasecmp(s, "true") || !strcmp(s, "1") || !strcasecmp(s, "yes");
}

static const char *trimmed(const char *s, char *buf, size_t size)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Qualtrics Status: only real responses count; previews, tests and spam do not. */
static int status_counts(const char *s)
{
	static const char *const ok[] = { "", "0", "IP Address", "4", "Imported", "16", "Offline", "Anonymous", NULL };
	char b[64];
	trimmed(s, b, sizeof b);
	for (int i = 0; ok[i]; i++)
		if (!strcasecmp(b, ok[i]))
			return 1;
	return 0;
}

/* A hash of the fields: the key of a response when the tool gives none. */
static uint64_t row_hash(const cx_row *row)
{
	uint64_t h = CX_HASH_START;
	for (int i = 0; i < row->n; i++)
		h = cx_hash_field(h, row->f[i]);
	return h;
}

/*
 * How often each row digest has come up in this file. Two respondents can
 * give the same answers on the same day: the second identical row is a
 * second response (keyed "h:...:2"), and the same file imported again gives
 * the same keys.
 */
static int64_t digest_seen(survey_reader *sr, uint64_t h)
{
	if (h == UINT64_MAX) /* the one value the map cannot hold */
		return ++sr->digest_max;
	int added;
	int64_t *n = cx_intmap_at(&sr->digests, h, &added);
	return n ? ++*n : -1;
}

/* Room for n more bytes of text in the batch: their offset, or SURVEY_NONE when memory ran out. */
static uint32_t room(survey_batch *b, size_t n)
{
	if (b->len + n > b->size) {
		size_t size = b->size ? b->size : 4096;
		while (size < b->len + n)
			size *= 2;
		char *t = size < SURVEY_NONE ? realloc(b->text, size) : NULL;
		if (!t)
			return SURVEY_NONE;
		b->text = t;
		b->size = size;
	}
	uint32_t off = (uint32_t)b->len;
	b->len += n;
	return off;
}

/* A copy of s (NULL: none) in the batch's text; 0, or -1 when memory ran out. */
static int keep(survey_batch *b, const char *s, uint32_t *off)
{
	*off = SURVEY_NONE;
	if (!s)
		return 0;
	size_t n = strlen(s) + 1;
	uint32_t o = room(b, n);
	if (o == SURVEY_NONE)
		return -1;
	memcpy(b->text + o, s, n);
	*off = o;
	return 0;
}

/* The extra answers as one JSON object in the batch's text (none when all are empty). */
static int answers_json(const survey_layout *l, const cx_row *row, survey_batch *b, uint32_t *off)
{
	size_t need = 3;
	int any = 0;
	*off = SURVEY_NONE;
	for (int i = 0; i < l->ncols; i++)
		if (l->cols[i].kind == COL_EXTRA && row->f[i][0])
			need += 6 * strlen(row->f[i]) + sizeof l->cols[i].qid + 8;
	if (need == 3)
		return 0;
	uint32_t o = room(b, need);
	if (o == SURVEY_NONE)
		return -1;
	char *start = b->text + o, *d = start;
	*d++ = '{';
	for (int i = 0; i < l->ncols; i++) {
		if (l->cols[i].kind != COL_EXTRA || !row->f[i][0])
			continue;
		if (any++)
			*d++ = ',';
		*d++ = '"';
		size_t k = strlen(l->cols[i].qid);
		memcpy(d, l->cols[i].qid, k);
		d += k;
		*d++ = '"';
		*d++ = ':';
		d += cx_json_quote(d, row->f[i]);
	}
	*d++ = '}';
	*d++ = '\0';
	b->len = o + (size_t)(d - start); /* give back what the worst case reserved */
	*off = o;
	return 0;
}

/* Completeness by the tool's own markers. */
static int row_complete(const survey_layout *l, const cx_row *row)
{
	char b1[128];
	if (l->status_col >= 0 && !status_counts(row->f[l->status_col]))
		return 0;
	if (l->finished_col >= 0 && !truthy(trimmed(row->f[l->finished_col], b1, sizeof b1)))
		return 0;
	if (l->done_col >= 0 && l->done_value && row->f[l->done_col][0] &&
	    strcasecmp(trimmed(row->f[l->done_col], b1, sizeof b1), l->done_value))
		return 0;
	int atc = l->role_col[CX_ROLE_AT];
	if (l->at_required && atc >= 0 && !row->f[atc][strspn(row->f[atc], " ")])
		return 0;
	if (l->complete_col >= 0 && strcasecmp(trimmed(row->f[l->complete_col], b1, sizeof b1), l->complete_value))
		return 0;
	return 1;
}

/* When: the submit time, else the start time (partials), else now. */
static int row_time(survey_reader *sr, const cx_row *row, int64_t *at, cx_err *err)
{
	const survey_layout *l = sr->l;
	int atc = l->role_col[CX_ROLE_AT], whenc = atc;
	const char *when = atc >= 0 ? row->f[atc] : "";
	if (!when[strspn(when, " ")] && l->at2_col >= 0) {
		when = row->f[l->at2_col];
		whenc = l->at2_col;
	}
	*at = sr->now;
	if (!when[strspn(when, " ")])
		return CX_OK;
	cx_err e;
	if (cx_date_parse_export(when, sr->o->order, l->zone[0] ? l->zone : NULL, at, &e))
		return cx_fail(err, CX_EDATA, "%s:%lld: column \"%s\": %s (use " CX_FIELD("date_order") " or "
					      CX_FIELD_ARG("at") ")",
			       cx_csv_name(sr->r), (long long)row->line, l->cols[whenc].key, e.msg);
	if (cx_date_check(when, *at, sr->now, 1, &e))
		return cx_fail(err, CX_EDATA, "%s:%lld: column \"%s\": %s", cx_csv_name(sr->r), (long long)row->line,
			       l->cols[whenc].key, e.msg);
	return CX_OK;
}

/* The scores, each on its scale; Delighted's one score column is named per row by survey_type. */
static int row_scores(survey_reader *sr, const cx_row *row, int score[4], cx_err *err)
{
	const survey_layout *l = sr->l;
	const char *file = cx_csv_name(sr->r);
	char b1[128];
	int route[3] = { l->role_col[0], l->role_col[1], l->role_col[2] };
	if (l->type_col >= 0 && route[CX_ROLE_NPS] >= 0) {
		const char *t = trimmed(row->f[l->type_col], b1, sizeof b1);
		int sc = route[CX_ROLE_NPS];
		route[CX_ROLE_NPS] = -1;
		if (!t[0] || !strcasecmp(t, "nps"))
			route[CX_ROLE_NPS] = sc;
		else if (!strcasecmp(t, "csat"))
			route[CX_ROLE_CSAT] = sc;
		else if (!strncasecmp(t, "ces", 3))
			route[CX_ROLE_CES] = sc;
	}
	for (int k = 0; k < 3; k++) {
		int c = route[k];
		score[k] = -1;
		if (c >= 0 && survey_score_parse(row->f[c], (cx_role)k, &score[k]))
			return cx_fail(err, CX_EDATA, "%s:%lld: column \"%.80s\": \"%.40s\" is not %s", file,
				       (long long)row->line, l->cols[c].key, row->f[c], survey_scale_what[k]);
	}
	/* likelihood to continue, on the scale its column was found with */
	int kc = l->role_col[CX_ROLE_CONTINUE], top = l->cont_scale ? l->cont_scale : 10;
	score[3] = -1;
	if (kc >= 0 && (survey_score_parse(row->f[kc], CX_ROLE_NPS, &score[3]) ||
			(score[3] >= 0 && score[3] < (top == 10 ? 0 : 1)) || score[3] > top))
		return cx_fail(err, CX_EDATA,
			       "%s:%lld: column \"%.80s\": \"%.40s\" is not a likelihood to continue from %d to %d", file,
			       (long long)row->line, l->cols[kc].key, row->f[kc], top == 10 ? 0 : 1, top);
	return CX_OK;
}

/* The respondent's name: the name column unless "anonymous", else first and last name. */
static const char *row_name(const survey_layout *l, const cx_row *row, char *buf, size_t size)
{
	int nc = l->role_col[CX_ROLE_NAME];
	if (nc >= 0 && row->f[nc][0] && strcasecmp(row->f[nc], "anonymous"))
		return trimmed(row->f[nc], buf, size);
	if (l->first_col < 0 && l->last_col < 0)
		return NULL;
	char f[200] = "", la[200] = "";
	if (l->first_col >= 0)
		trimmed(row->f[l->first_col], f, sizeof f);
	if (l->last_col >= 0)
		trimmed(row->f[l->last_col], la, sizeof la);
	snprintf(buf, size, "%s%s%s", f, f[0] && la[0] ? " " : "", la);
	return buf[0] ? buf : NULL;
}

/* One row worked out into the batch's next item. */
static int work_out(survey_reader *sr, const cx_row *row, survey_batch *b, cx_err *err)
{
	const survey_layout *l = sr->l;
	survey_item *it = &b->item[b->n];
	char key[256], emailbuf[256], namebuf[512], tok[64], b1[512];
	int rc;

	memset(it, 0, sizeof *it);
	it->answers = it->tags = SURVEY_NONE;
	it->line = row->line;
	it->complete = row_complete(l, row);
	int idc = l->role_col[CX_ROLE_ID];
	if (idc >= 0 && row->f[idc][0]) {
		trimmed(row->f[idc], key, sizeof key);
	} else {
		uint64_t h = row_hash(row);
		int64_t seen = digest_seen(sr, h);
		if (seen < 0)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		if (seen == 1)
			snprintf(key, sizeof key, "h:%016llx", (unsigned long long)h);
		else
			snprintf(key, sizeof key, "h:%016llx:%lld", (unsigned long long)h, (long long)seen);
	}
	if ((rc = row_time(sr, row, &it->at, err)) || (rc = row_scores(sr, row, it->score, err)))
		return rc;
	const char *email = NULL, *comment = NULL, *token = NULL;
	int ec = l->role_col[CX_ROLE_EMAIL];
	if (ec >= 0 && row->f[ec][0] && cx_email_normalize(row->f[ec], emailbuf, sizeof emailbuf, NULL) == CX_OK)
		email = emailbuf;
	int cc = l->role_col[CX_ROLE_COMMENT];
	if (cc >= 0 && row->f[cc][strspn(row->f[cc], " \t\r\n")])
		comment = row->f[cc];
	int kc = l->role_col[CX_ROLE_CASE];
	if (kc >= 0 && trimmed(row->f[kc], tok, sizeof tok)[0])
		token = tok;
	it->given = (comment != NULL) + (it->score[0] >= 0) + (it->score[1] >= 0) + (it->score[2] >= 0) +
		    (it->score[3] >= 0);
	for (int i = 0; i < l->ncols; i++)
		it->given += l->cols[i].kind == COL_EXTRA && row->f[i][0];
	if (keep(b, key, &it->key) || keep(b, email, &it->email) || keep(b, row_name(l, row, namebuf, sizeof namebuf), &it->name) ||
	    keep(b, comment, &it->comment) || keep(b, token, &it->token) ||
	    (l->nextra && answers_json(l, row, b, &it->answers)))
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	if (sr->o->ntags) {
		uint32_t o = room(b, (size_t)sr->o->ntags);
		if (o == SURVEY_NONE)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		for (int i = 0; i < sr->o->ntags; i++)
			b->text[o + i] = !strcasecmp(trimmed(row->f[sr->tag_col[i]], b1, sizeof b1), sr->o->tags[i].value);
		it->tags = o;
	}
	b->n++;
	return CX_OK;
}

/* Reads rows into b until it is full or the file ends or fails; b->rc says which. */
static void fill(survey_reader *sr, survey_batch *b)
{
	cx_row row;
	b->n = 0;
	b->len = 0;
	b->rc = 0;
	while (b->n < b->cap && b->len < BATCH_TEXT) {
		int rc = survey_layout_next(sr->l, sr->r, &row, &b->err);
		if (rc <= 0) {
			b->rc = rc < 0 ? rc : 1;
			return;
		}
		if (row.n == 1 && !row.f[0][0])
			continue; /* a blank line */
		if (row.n != sr->l->ncols) {
			b->rc = cx_fail(&b->err, CX_EDATA,
					"%s:%lld: %d fields where the header has %d (a stray separator or quote in this row?)",
					cx_csv_name(sr->r), (long long)row.line, row.n, sr->l->ncols);
			return;
		}
		if ((rc = work_out(sr, &row, b, &b->err))) {
			b->rc = rc;
			return;
		}
		b->item[b->n - 1].bytes = cx_csv_bytes(sr->r);
	}
}

static void *reading(void *arg)
{
	survey_reader *sr = arg;
	for (;;) {
		pthread_mutex_lock(&sr->mu);
		int k = sr->next_fill;
		while (sr->state[k] != 0 && !sr->stop)
			pthread_cond_wait(&sr->cv, &sr->mu);
		int stop = sr->stop;
		pthread_mutex_unlock(&sr->mu);
		if (stop)
			return NULL;
		fill(sr, &sr->ring[k]);
		pthread_mutex_lock(&sr->mu);
		sr->state[k] = 1;
		sr->next_fill = (k + 1) % SURVEY_RING;
		pthread_cond_broadcast(&sr->cv);
		pthread_mutex_unlock(&sr->mu);
		if (sr->ring[k].rc)
			return NULL; /* the end, or a failure: nothing more to read */
	}
}

int survey_reader_start(survey_reader *sr, survey_layout *l, cx_csv *r, const cx_survey_import_opts *o,
			const int *tag_col, int64_t now, int threads, cx_err *err)
{
	memset(sr, 0, sizeof *sr);
	sr->l = l;
	sr->r = r;
	sr->o = o;
	sr->tag_col = tag_col;
	sr->now = now;
	sr->held = -1;
	for (int k = 0; k < SURVEY_RING; k++) {
		survey_batch *b = &sr->ring[k];
		b->cap = BATCH_ROWS;
		if (!(b->item = malloc(BATCH_ROWS * sizeof *b->item)) || room(b, 1 << 16) == SURVEY_NONE) {
			survey_reader_stop(sr);
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		}
	}
	/* an export's own zone is read by switching TZ for the whole process: then no second thread */
	int zoned = l->zone[0] && !cx_zone_is_utc(l->zone);
	if (threads && !zoned && pthread_mutex_init(&sr->mu, NULL) == 0) {
		if (pthread_cond_init(&sr->cv, NULL) == 0) {
			if (pthread_create(&sr->thread, NULL, reading, sr) == 0) {
				sr->threaded = 1;
				return CX_OK;
			}
			pthread_cond_destroy(&sr->cv);
		}
		pthread_mutex_destroy(&sr->mu);
	}
	return CX_OK; /* no second thread: the caller's reads each batch */
}

survey_batch *survey_reader_next(survey_reader *sr)
{
	if (!sr->threaded) {
		fill(sr, &sr->ring[0]);
		return &sr->ring[0];
	}
	pthread_mutex_lock(&sr->mu);
	if (sr->held >= 0) {
		sr->state[sr->held] = 0;
		pthread_cond_broadcast(&sr->cv);
	}
	int k = sr->next_take;
	while (sr->state[k] != 1)
		pthread_cond_wait(&sr->cv, &sr->mu);
	sr->state[k] = 2;
	sr->held = k;
	sr->next_take = (k + 1) % SURVEY_RING;
	pthread_mutex_unlock(&sr->mu);
	return &sr->ring[k];
}

void survey_reader_stop(survey_reader *sr)
{
	if (sr->threaded) {
		pthread_mutex_lock(&sr->mu);
		sr->stop = 1;
		pthread_cond_broadcast(&sr->cv);
		pthread_mutex_unlock(&sr->mu);
		pthread_join(sr->thread, NULL);
		pthread_cond_destroy(&sr->cv);
		pthread_mutex_destroy(&sr->mu);
		sr->threaded = 0;
	}
	for (int k = 0; k < SURVEY_RING; k++) {
		free(sr->ring[k].item);
		free(sr->ring[k].text);
	}
	cx_intmap_free(&sr->digests);
	memset(sr, 0, sizeof *sr);
}
