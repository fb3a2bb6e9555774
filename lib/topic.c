/*
 * Named topics: a query of cx search's language, kept by name, and the
 * texts it matches tagged in topic_items. Tagging follows the search index:
 * each topic remembers, per kind of text, the last id it has looked at, so
 * what arrives is tagged by the next command that reads topics (as the
 * index itself is brought up to date by the next search), and a new topic
 * tags everything there already.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "cx/event.h"
#include "cx/metrics.h"
#include "cx/search.h"
#include "cx/topic.h"
#include "store/sql.h"

/* The kinds of text topics tag: cases (their titles), survey comments, feedback. */
static const int kinds[] = { CX_SK_CASE, CX_SK_RESPONSE, CX_SK_FEEDBACK };
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

static int check_name(const char *name, cx_err *err)
{
	size_t n = name ? strlen(name) : 0;
	if (!n || n > 64)
		return cx_fail(err, CX_EUSAGE, "a topic's name is 1 to 64 characters");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return cx_fail(err, CX_EUSAGE, "a topic's name has no control characters");
	return CX_OK;
}

/* Tags one topic's matches past its marks, up to what the index holds. */
static int tag_topic(cx_db *db, const char *name, const char *query, int64_t *tagged, cx_err *err)
{
	int rc = CX_OK;
	for (int k = 0; k < NKINDS && rc == CX_OK; k++) {
		cx_stmt *st;
		int64_t mark = 0, to = 0, *refs = NULL;
		size_t n = 0;
		if ((rc = cx_sql_get_int(db, 0, &mark, err, "SELECT tagged_to FROM topic_state WHERE topic = ?1 AND kind = ?2",
					 CX_TEXT(name), CX_INT(kinds[k]))) ||
		    (rc = cx_sql_get_int(db, 0, &to, err, "SELECT indexed_to FROM search_state WHERE kind = ?1",
					 CX_INT(kinds[k]))))
			break;
		if (to <= mark)
			continue;
		if ((rc = cx_search_matches(db, query, kinds[k], mark, &refs, &n, err)))
			break;
		if ((rc = cx_sql_prepare(db,
					 "INSERT INTO topic_items (topic, kind, ref) VALUES (?1, ?2, ?3)"
					 " ON CONFLICT (topic, kind, ref) DO NOTHING",
					 &st, err))) {
			free(refs);
			break;
		}
		for (size_t i = 0; i < n && rc == CX_OK; i++) {
			if (refs[i] > to)
				continue; /* indexed after the mark was read: the next time */
			cx_sql_reset(st);
			cx_sql_bind_text(st, 1, name);
			cx_sql_bind_int(st, 2, kinds[k]);
			cx_sql_bind_int(st, 3, refs[i]);
			if ((rc = cx_sql_step(st, err)) >= 0) {
				rc = CX_OK;
				*tagged += cx_sql_changes(db);
			}
		}
		cx_sql_finalize(st);
		free(refs);
		if (rc)
			break;
		rc = cx_sql_do(db, err,
			       "INSERT INTO topic_state (topic, kind, tagged_to) VALUES (?1, ?2, ?3)"
			       " ON CONFLICT (topic, kind) DO UPDATE SET tagged_to = excluded.tagged_to",
			       CX_TEXT(name), CX_INT(kinds[k]), CX_INT(to));
	}
	return rc;
}

int cx_topic_catch_up(cx_db *db, cx_err *err)
{
	int64_t added, tagged = 0;
	cx_stmt *st;
	int rc = cx_db_need(db, __func__, err);
	if (rc)
		return rc;
	if ((rc = cx_search_catch_up(db, &added, err)) ||
	    (rc = cx_sql_prepare(db, "SELECT name, query FROM topics ORDER BY name", &st, err)))
		goto fail;
	/* the names and queries first: tagging runs statements of its own */
	char **rows = NULL;
	size_t n = 0;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char **r = realloc(rows, (n + 2) * sizeof *r);
		if (!r) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		rows = r;
		rows[n] = strdup(cx_sql_text(st, 0));
		rows[n + 1] = strdup(cx_sql_text(st, 1));
		n += 2;
		if (!rows[n - 2] || !rows[n - 1]) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	}
	cx_sql_finalize(st);
	for (size_t i = 0; rc == CX_SQL_DONE && i < n; i += 2)
		rc = tag_topic(db, rows[i], rows[i + 1], &tagged, err);
	for (size_t i = 0; i < n; i++)
		free(rows[i]);
	free(rows);
	if (rc < 0)
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_topic_add(cx_db *db, const char *name, const char *query, int64_t *tagged, cx_err *err)
{
	int64_t added, exists = 0, *refs = NULL;
	size_t n = 0;
	int rc;

	*tagged = 0;
	if ((rc = check_name(name, err)))
		return rc;
	if ((rc = cx_db_need(db, __func__, err)))
		return rc;
	/* the query is tried before anything is stored: a bad one is refused as a search would refuse it */
	if ((rc = cx_search_catch_up(db, &added, err)) ||
	    (rc = cx_search_matches(db, query, CX_SK_CASE, INT64_MAX / 16, &refs, &n, err)))
		goto fail;
	free(refs);
	if ((rc = cx_sql_get_int(db, 0, &exists, err, "SELECT count(*) FROM topics WHERE name = ?1", CX_TEXT(name))))
		goto fail;
	if (exists) {
		rc = cx_fail(err, CX_EDATA, "topic \"%s\" exists already (cx topic rm %s, then add it again)", name, name);
		goto fail;
	}
	if ((rc = cx_sql_do(db, err, "INSERT INTO topics (name, query, created_by, created_at) VALUES (?1, ?2, ?3, ?4)",
			    CX_TEXT(name), CX_TEXT(query), CX_TEXT(cx_db_actor(db)), CX_INT(cx_db_now(db)))) ||
	    (rc = cx_event_log(db, "topic", 0, "add", 0, 0, err, "name", name, "query", query, NULL)) ||
	    (rc = tag_topic(db, name, query, tagged, err)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

int cx_topic_rm(cx_db *db, const char *name, cx_err *err)
{
	int rc = cx_db_need(db, __func__, err);
	if (rc)
		return rc;
	static const char *const sql[] = { "DELETE FROM topic_items WHERE topic = ?1", "DELETE FROM topic_state WHERE topic = ?1",
					   "DELETE FROM topics WHERE name = ?1" };
	for (int i = 0; i < 3; i++)
		if ((rc = cx_sql_do(db, err, sql[i], CX_TEXT(name))))
			goto fail;
	if (!cx_sql_changes(db)) {
		rc = cx_fail(err, CX_ENOTFOUND, "no topic \"%s\" (see cx topic list)", name);
		goto fail;
	}
	if ((rc = cx_event_log(db, "topic", 0, "remove", 0, 0, err, "name", name, NULL)))
		goto fail;
	return CX_OK;
fail:
	return rc;
}

/* ---- figures ---- */

typedef struct figures {
	char name[65];
	char *query;
	char period[32];
	int64_t items, n[NKINDS], unhappy, scored, last;
	cx_nps nps;
} figures;

static void count(figures *f, int kind, int64_t at, int nps, int csat, int ces, const char *sentiment)
{
	f->items++;
	for (int k = 0; k < NKINDS; k++)
		f->n[k] += kinds[k] == kind;
	if (at > f->last)
		f->last = at;
	if (kind == CX_SK_RESPONSE && (nps >= 0 || csat >= 0 || ces >= 0)) {
		f->scored++;
		f->unhappy += (nps >= 0 && nps <= 6) || (csat >= 0 && csat <= 2) || (ces >= 0 && ces <= 3);
	} else if (kind == CX_SK_FEEDBACK && sentiment) {
		f->scored++;
		f->unhappy += !strcmp(sentiment, "negative");
	}
	if (nps >= 0) {
		f->nps.n++;
		if (nps >= 9)
			f->nps.promoters++;
		else if (nps >= 7)
			f->nps.passives++;
		else
			f->nps.detractors++;
	}
}

static int col_int(cx_stmt *st, int c)
{
	return cx_sql_null(st, c) ? -1 : (int)cx_sql_int(st, c);
}

/*
 * The figures of every topic (name NULL) or one, in [since, until), by
 * period p: *fs sorted by topic then period.
 */
static int gather(cx_db *db, const char *name, int64_t since, int64_t until, cx_period p, figures **fs, size_t *nf,
		  cx_err *err)
{
	cx_stmt *st;
	int rc;
	*fs = NULL;
	*nf = 0;
	size_t cap = 0;
	/* the topics themselves first, so a topic with nothing tagged has its row */
	if ((rc = cx_sql_query(db, &st, err, "SELECT name, query FROM topics WHERE ?1 IS NULL OR name = ?1 ORDER BY name",
			       CX_TEXT(name))))
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		if (*nf == cap) {
			cap = cap ? 2 * cap : 16;
			figures *f = realloc(*fs, cap * sizeof *f);
			if (!f) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			*fs = f;
		}
		figures *f = &(*fs)[(*nf)++];
		memset(f, 0, sizeof *f);
		snprintf(f->name, sizeof f->name, "%s", cx_sql_text(st, 0));
		if (!(f->query = strdup(cx_sql_text(st, 1)))) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	size_t ntopics = *nf;
	if ((rc = cx_sql_query(db, &st, err,
			       "SELECT t.topic, t.kind, coalesce(r.at, f.at, k.opened_at), r.nps, r.csat, r.ces, f.sentiment"
			       " FROM topic_items t"
			       " LEFT JOIN responses r ON t.kind = 4 AND r.id = t.ref"
			       " LEFT JOIN feedback f ON t.kind = 5 AND f.id = t.ref"
			       " LEFT JOIN cases k ON t.kind = 1 AND k.id = t.ref"
			       " WHERE ?1 IS NULL OR t.topic = ?1",
			       CX_TEXT(name))))
		return rc;
	while
 ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		if (cx_sql_null(st, 2))
			continue; /* the text is gone */
		int64_t at = cx_sql_int(st, 2);
		if ((since && at < since) || (until && at >= until))
			continue;
		const char *topic = cx_sql_text(st, 0);
		size_t t = 0;
		while (t < ntopics && strcmp((*fs)[t].name, topic))
			t++;
		if (t == ntopics)
			continue;
		figures *f = &(*fs)[t];
		if (p != CX_P_ALL) {
			char key[32];
			cx_period_key(p, at, key);
			size_t j = ntopics;
			while (j < *nf && (strcmp((*fs)[j].name, topic) || strcmp((*fs)[j].period, key)))
				j++;
			if (j == *nf) {
				if (*nf == cap) {
					cap *= 2;
					figures *g = realloc(*fs, cap * sizeof *g);
					if (!g) {
						rc = cx_fail(err, CX_EINTERNAL, "out of memory");
						break;
					}
					*fs = g;
				}
				memset(&(*fs)[j], 0, sizeof **fs);
				snprintf((*fs)[j].name, sizeof (*fs)[j].name, "%s", topic);
				snprintf((*fs)[j].period, sizeof (*fs)[j].period, "%s", key);
				(*nf)++;
			}
			f = &(*fs)[j];
		}
		count(f, (int)cx_sql_int(st, 1), at, col_int(st, 3), col_int(st, 4), col_int(st, 5),
		      cx_sql_null(st, 6) ? NULL : cx_sql_text(st, 6));
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

static void free_figures(figures *fs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(fs[i].query);
	free(fs);
}

static const cx_col topic_cols[] = {
	{ "topic", CX_T_TEXT, 0, 0 },	       { "period", CX_T_TEXT, 0, 0 },	   { "query", CX_T_TEXT, CX_COL_WIDE, 0 },
	{ "items", CX_T_INT, 0, 0 },	       { "cases", CX_T_INT, 0, 0 },	   { "responses", CX_T_INT, 0, 0 },
	{ "feedback", CX_T_INT, 0, 0 },	       { "unhappy", CX_T_INT, CX_COL_HIDE, 0 },
	{ "scored", CX_T_INT, CX_COL_HIDE, 0 }, { "unhappy_pct", CX_T_REAL, 0, 1 },
	{ "unhappy_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "unhappy_hi", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "nps", CX_T_REAL, 0, 1 },	       { "nps_lo", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "nps_hi", CX_T_REAL, CX_COL_HIDE, 1 }, { "nps_n", CX_T_INT, CX_COL_HIDE, 0 },
	{ "last_at", CX_T_TIME, CX_COL_AGE, 0 },
};
enum { NCOLS = sizeof topic_cols / sizeof topic_cols[0] };

static void row(cx_out *out, figures *f, int with_query)
{
	double lo = 0, hi = 0;
	cx_nps_compute(&f->nps);
	if (f->scored)
		cx_wilson(f->unhappy, f->scored, &lo, &hi);
	cx_val v[NCOLS] = {
		CX_TEXTV(f->name),
		CX_TEXTV(f->period[0] ? f->period : "all"),
		with_query ? CX_TEXTV(f->query) : CX_NULLV,
		CX_INTV(f->items),
		CX_INTV(f->n[0]),
		CX_INTV(f->n[1]),
		CX_INTV(f->n[2]),
		CX_INTV(f->unhappy),
		CX_INTV(f->scored),
		f->scored ? CX_REALV(100.0 * (double)f->unhappy / (double)f->scored) : CX_NULLV,
		f->scored ? CX_REALV(lo) : CX_NULLV,
		f->scored ? CX_REALV(hi) : CX_NULLV,
		f->nps.n ? CX_REALV(f->nps.score) : CX_NULLV,
		f->nps.n ? CX_REALV(f->nps.lo) : CX_NULLV,
		f->nps.n ? CX_REALV(f->nps.hi) : CX_NULLV,
		CX_INTV(f->nps.n),
		f->last ? CX_INTV(f->last) : CX_NULLV,
	};
	cx_out_row(out, v);
}

int cx_topic_list(cx_db *db, const cx_topic_opts *o, cx_out *out, cx_err *err)
{
	figures *fs;
	size_t n;
	int rc;
	if ((rc = cx_topic_catch_up(db, err)) || (rc = gather(db, NULL, o->since, o->until, CX_P_ALL, &fs, &n, err)))
		return rc;
	cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, topic_cols, NCOLS);
	for (size_t i = 0; i < n; i++)
		row(out, &fs[i], 1);
	cx_out_end(out);
	free_figures(fs, n);
	return CX_OK;
}

static int cmp_period(const void *a, const void *b)
{
	return strcmp(((const figures *)a)->period, ((const figures *)b)->period);
}

int cx_topic_show(cx_db *db, const cx_topic_opts *o, cx_out *out, cx_err *err)
{
	figures *fs;
	size_t n;
	cx_period p;
	int rc;
	if ((rc = cx_period_parse(o->by ? o->by : "month", &p, err)) || (rc = cx_topic_catch_up(db, err)) ||
	    (rc = gather(db, o->name, o->since, o->until, CX_P_ALL, &fs, &n, err)))
		return rc;
	if (!n) {
		free_figures(fs, n);
		return cx_fail(err, CX_ENOTFOUND, "no topic \"%s\" (see cx topic list)", o->name);
	}
	cx_out_begin(out, "topic", "Topic", CX_LAY_RECORD, topic_cols, NCOLS);
	row(out, &fs[0], 1);
	cx_out_end(out);
	free_figures(fs, n);
	if ((rc = gather(db, o->name, o->since, o->until, p, &fs, &n, err)))
		return rc;
	if (n > 1)
		qsort(fs + 1, n - 1, sizeof *fs, cmp_period);
	cx_out_begin(out, "trend", "Trend", CX_LAY_TABLE, topic_cols, NCOLS);
	for (size_t i = 1; i < n; i++)
		row(out, &fs[i], 0);
	cx_out_end(out);
	free_figures(fs, n);
	return CX_OK;
}

static int cmp_growth(const void *a, const void *b)
{
	const cx_topic_growth *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return strcmp(x->name, y->name);
}

int cx_topic_growth_list(cx_db *db, int64_t from, int64_t to, cx_topic_growth *g, int max, int *n, cx_err *err)
{
	figures *before, *after;
	size_t nb, na;
	int rc;
	*n = 0;
	if ((rc = cx_topic_catch_up(db, err)) || (rc = gather(db, NULL, from - (to - from), from, CX_P_ALL, &before, &nb, err)))
		return rc;
	if ((rc = gather(db, NULL, from, to, CX_P_ALL, &after, &na, err))) {
		free_figures(before, nb);
		return rc;
	}
	cx_topic_growth *all = calloc(na ? na : 1, sizeof *all);
	int k = 0;
	for (size_t i = 0; all && i < na && i < nb; i++) {
		int64_t b = before[i].items, a = after[i].items;
		if (a <= b)
			continue;
		snprintf(all[k].name, sizeof all[k].name, "%s", after[i].name);
		all[k].before = b;
		all[k].after = a;
		/* at equal rates each mention falls in either span with even odds: P(X >= a), X ~ Bin(a + b, 1/2) */
		all[k].p = gsl_cdf_binomial_Q((unsigned)(a - 1), 0.5, (unsigned)(a + b));
		k++;
	}
	if (all) {
		qsort(all, (size_t)k, sizeof *all, cmp_growth);
		for (int i = 0; i < k && i < max; i++)
			g[(*n)++] = all[i];
	}
	free(all);
	free_figures(before, nb);
	free_figures(after, na);
	return all || !na ? CX_OK : cx_fail(err, CX_EINTERNAL, "out of memory");
}
