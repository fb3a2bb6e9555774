/* The feedback report: volume, rating, how much is answered and how fast, per source and period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/feedback.h"
#include "feedback_impl.h"
#include "names.h"
#include "store/sql.h"

typedef struct fgroup {
	char source[64], period[32];
	int64_t items, rated, ignored, answered, overdue, negative;
	double rating_sum;
	int64_t *times;
	size_t ntimes, cap;
} fgroup;

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_group(const void *a, const void *b)
{
	const fgroup *x = a, *y = b;
	int c = strcmp(x->source, y->source);
	return c ? c : strcmp(x->period, y->period);
}

int cx_feedback_report(cx_db *db, const cx_feedback_report_opts *o, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "source", CX_T_TEXT, 0, 0 },
		{ "period", CX_T_TEXT, 0, 0 },
		{ "items", CX_T_INT, 0, 0 },
		{ "rating_mean", CX_T_REAL, 0, 2 },
		{ "rating_n", CX_T_INT, CX_COL_HIDE, 0 },
		{ "negative", CX_T_INT, 0, 0 },
		{ "answered_share", CX_T_REAL, 0, 1 },
		{ "response_median_s", CX_T_SECS, 0, 0 },
		{ "response_p90_s", CX_T_SECS, 0, 0 },
		{ "overdue", CX_T_INT, 0, 0 },
		{ "ignored", CX_T_INT, 0, 0 },
	};
	cx_period p;
	fgroup *g = NULL;
	size_t n = 0;
	cx_stmt *st;
	int rc;

	if ((rc = cx_period_parse(o->by, &p, err)))
		return rc;
	if (o->source && (rc = cx_name_check(db, "feedback_sources", "source", o->source, err)))
		return rc;
	rc = cx_sql_query(db, &st, err,
			  "SELECT f.source, f.at, f.rating, f.status, f.first_response_at - f.at,"
			  " f.status = 'open' AND " CX_FEEDBACK_DEADLINE " < ?4, f.sentiment = 'negative'"
			  " FROM feedback f WHERE (?1 = 0 OR f.at >= ?1) AND (?2 = 0 OR f.at < ?2)"
			  " AND (?3 IS NULL OR f.source = ?3) ORDER BY f.source, f.at",
			  CX_INT(o->since), CX_INT(o->until), CX_TEXT(o->source), CX_INT(cx_db_now(db)));
	if (rc)
		return rc;

	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char key[32];
		const char *source = cx_sql_text(st, 0);
		cx_period_key(p, cx_sql_int(st, 1), key);
		fgroup *cur = NULL;
		/* rows come sorted by source and time: the group is mostly the one before */
		for (size_t i = n; i-- > 0 && !cur;)
			if (!strcmp(g[i].period, key) && !strcmp(g[i].source, source))
				cur = &g[i];
		if (!cur) {
			fgroup *ng = realloc(g, (n + 1) * sizeof *ng);
			if (!ng) {
				rc = cx_fail(err, CX_EINTERNAL, "out of memory");
				break;
			}
			g = ng;
			cur = &g[n++];
			memset(cur, 0, sizeof *cur);
			snprintf(cur->source, sizeof cur->source, "%s", source);
			snprintf(cur->period, sizeof cur->period, "%s", key);
		}
		cur->items++;
		if (!cx_sql_null(st, 2)) {
			cur->rated++;
			cur->rating_sum += (double)cx_sql_int(st, 2);
		}
		cur->ignored += !strcmp(cx_sql_text(st, 3), "ignored");
		cur->overdue += cx_sql_int(st, 5);
		cur->negative += cx_sql_int(st, 6);
		if (!cx_sql_null(st, 4)) {
			cur->answered++;
			if (cur->ntimes == cur->cap) {
				size_t cap = cur->cap ? 2 * cur->cap : 16;
				int64_t *t = realloc(cur->times, cap * sizeof *t);
				if (!t) {
					rc = cx_fail(err, CX_EINTERNAL, "out of memory");
					break;
				}
				cur->times = t;
				cur->cap = cap;
			}
			cur->times[cur->ntimes++] = cx_sql_int(st, 4);
		}
	}
	cx_sql_finalize(st);
	if (rc >= 0) {
		rc = CX_OK;
		if (n) /* qsort must not be given NULL, even with nothing to sort */
			qsort(g, n, sizeof *g, cmp_group);
		cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
		for (size_t i = 0; i < n; i++) {
			fgroup *x = &g[i];
			int64_t due = x->items - x->ignored; /* spam that was ignored needs no answer */
			if (x->ntimes)
				qsort(x->times, x->ntimes, sizeof *x->times, cmp_i64);
			size_t p90 = x->ntimes ? (size_t)((x->ntimes * 9 + 9) / 10) - 1 : 0; /* nearest rank */
			cx_val v[] = {
				CX_TEXTV(x->source), CX_TEXTV(x->period), CX_INTV(x->items),
				x->rated ? CX_REALV(x->rating_sum / (double)x->rated) : CX_NULLV, CX_INTV(x->rated),
				CX_INTV(x->negative), due ? CX_REALV(100.0 * (double)x->answered / (double)due) : CX_NULLV,
				x->ntimes ? CX_INTV(x->times[(x->ntimes - 1) / 2]) : CX_NULLV,
				x->ntimes ? CX_INTV(x->times[p90]) : CX_NULLV, CX_INTV(x->overdue), CX_INTV(x->ignored),
			};
			cx_out_row(out, v);
		}
		cx_out_end(out);
	}
	for (size_t i = 0; i < n; i++)
		free(g[i].times);
	free(g);
	return rc;
}
