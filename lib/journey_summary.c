/*
 * The journey map from summaries kept up to date: each customer's
 * contribution to the stage x channel cells and their timing state, and the
 * sums over all customers. Writers mark the customers whose rows changed
 * (triggers, or the survey import a set at a time); the map first works
 * those customers out again (their old contribution taken off the sums,
 * their rows read and added back) and then reads a few thousand summary rows
 * instead of the whole journey. A customer's contribution is worked out by
 * the full computation's own code (cx_jm_row), so the two cannot mean
 * different things; --verify compares them, --rebuild starts again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/journey.h"
#include "cx/setting.h"
#include "journey_impl.h"
#include "store/sql.h"

/* ---- the delta arithmetic (unit-tested) ---- */

int64_t cx_jm_bucket(int64_t d)
{
	/* the first two digits and the number of digits: every bucket is 1% to 10% of its values wide */
	if (d < 100)
		return d < 0 ? 0 : d;
	int64_t scale = 1;
	while (d / scale >= 100)
		scale *= 10;
	return d / scale * scale;
}

int64_t cx_jm_bucket_end(int64_t lo)
{
	if (lo < 100)
		return lo + 1;
	int64_t scale = 1;
	while (lo / scale >= 100)
		scale *= 10;
	return lo + scale;
}

int cx_jm_delta_init(cx_jm_delta *d, int nst, int nch)
{
	memset(d, 0, sizeof *d);
	d->nst = nst;
	d->nch = nch;
	d->cells = calloc((size_t)(nst * nch) + 1, sizeof *d->cells);
	d->lasts = calloc((size_t)(nst * nch) + 1, sizeof *d->lasts);
	d->reach = calloc((size_t)nst + 1, sizeof *d->reach);
	return d->cells && d->lasts && d->reach ? CX_OK : CX_EINTERNAL;
}

void cx_jm_delta_free(cx_jm_delta *d)
{
	free(d->cells);
	free(d->lasts);
	free(d->reach);
	free(d->hist);
	memset(d, 0, sizeof *d);
}

int cx_jm_cell_empty(const cx_jm_cell *c)
{
	return !(c->touches || c->replies || c->cases || c->emotion_n || c->effort_n);
}

void cx_jm_delta_cell(cx_jm_delta *d, int k, const cx_jm_cell *c, int sign)
{
	cx_jm_cell *e = &d->cells[k];
	e->touches += sign * c->touches;
	e->replies += sign * c->replies;
	e->cases += sign * c->cases;
	e->emotion_n += sign * c->emotion_n;
	e->emotion_sum += sign * c->emotion_sum;
	e->emotion_sq += sign * c->emotion_sq;
	e->negative += sign * c->negative;
	e->effort_n += sign * c->effort_n;
	e->effort_sum += sign * c->effort_sum;
	e->effort_sq += sign * c->effort_sq;
	e->hard += sign * c->hard;
	/* the customer is in the cell when they brought something to it, not when only the business did */
	e->customers += sign * (c->touches + c->cases > 0);
}

int cx_jm_delta_stage(cx_jm_delta *d, int s, int64_t delay, int sign)
{
	d->reach[s] += sign;
	if (delay < 0)
		return CX_OK;
	int64_t lo = cx_jm_bucket(delay);
	for (size_t i = 0; i < d->nhist; i++)
		if (d->hist[i].stage == s && d->hist[i].lo == lo) {
			d->hist[i].n += sign;
			return CX_OK;
		}
	if (d->nhist == d->chist) {
		size_t cap = d->chist ? 2 * d->chist : 64;
		cx_jm_bucket_n *h = realloc(d->hist, cap * sizeof *h);
		if (!h)
			return CX_EINTERNAL;
		d->hist = h;
		d->chist = cap;
	}
	d->hist[d->nhist++] = (cx_jm_bucket_n){ s, lo, sign };
	return CX_OK;
}

size_t cx_jm_median_bucket(const cx_jm_bucket_n *b, size_t nb, int64_t *offset)
{
	int64_t total = 0, seen = 0;
	for (size_t i = 0; i < nb; i++)
		total += b[i].n;
	if (total <= 0)
		return nb;
	int64_t k = (total - 1) / 2; /* the lower middle, as the full computation takes it */
	for (size_t i = 0; i < nb; i++) {
		if (k < seen + b[i].n) {
			*offset = k - seen;
			return i;
		}
		seen += b[i].n;
	}
	return nb;
}

/* ---- marks ---- */

/* One run of a statement kept for the next (cx_sql_run finalizes). */
static int run_kept(cx_stmt *st, cx_err *err)
{
	int rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
		;
	return rc < 0 ? rc : CX_OK;
}

int cx_journey_mark(cx_db *db, int64_t customer_id, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_cached(db, "INSERT INTO journey_dirty (customer_id) VALUES (?1) ON CONFLICT DO NOTHING", &st, err);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, customer_id);
	rc = run_kept(st, err);
	cx_sql_release(st);
	return rc;
}

int cx_journey_invalidate(cx_db *db, cx_err *err)
{
	return cx_sql_exec(db, "UPDATE journey_summary SET built = 0", err);
}

int cx_journey_mark_responses(cx_db *db, int64_t after_id, int64_t rows, cx_err *err)
{
	if (rows <= 0)
		return CX_OK;
	/* so many that the map would work most customers out again: cheaper to start again at once */
	if (rows > CX_JM_REBUILD_ROWS)
		return cx_journey_invalidate(db, err);
	return cx_sql_do(db, err,
			 "INSERT INTO journey_dirty (customer_id) SELECT DISTINCT customer_id FROM responses"
			 " WHERE id > ?1 AND customer_id IS NOT NULL ON CONFLICT DO NOTHING",
			 CX_INT(after_id));
}

/* ---- working customers out again ---- */

typedef struct refresher {
	cx_db *db;
	cx_jm_work w;
	cx_jm_delta d;
	cx_journey_map scratch; /* cx_jm_row counts into it; unused */
	cx_stmt *ins_cell, *ins_cust, *ins_stage;
} refresher;

static int prepare_inserts(refresher *r, cx_err *err)
{
	static const char *const cell[] = { "customer_id", "stage", "channel", "touches", "replies", "cases",
					    "emotion_n", "emotion_sum", "emotion_sq", "negative", "effort_n",
					    "effort_sum", "effort_sq", "hard" };
	static const char *const cust[] = { "customer_id", "alive", "last_stage", "last_channel" };
	static const char *const stage[] = { "customer_id", "stage", "delay" };
	int rc;
	/* a rebuild writes a row or more for each customer: appended, many to a round trip on a server */
	if ((rc = cx_sql_prepare_append(r->db, "journey_cust_cells", cell, 14, &r->ins_cell, err)) ||
	    (rc = cx_sql_prepare_append(r->db, "journey_cust", cust, 4, &r->ins_cust, err)) ||
	    (rc = cx_sql_prepare_append(r->db, "journey_cust_stages", stage, 3, &r->ins_stage, err)))
		return rc;
	return CX_OK;
}

/* The rows appended, all stored. */
static int end_inserts(refresher *r, cx_err *err)
{
	int rc;
	if ((rc = cx_sql_append_end(r->ins_cell, err)) || (rc = cx_sql_append_end(r->ins_cust, err)) ||
	    (rc = cx_sql_append_end(r->ins_stage, err)))
		return rc;
	return CX_OK;
}

static void refresher_free(refresher *r)
{
	cx_sql_finalize(r->ins_cell);
	cx_sql_finalize(r->ins_cust);
	cx_sql_finalize(r->ins_stage);
	cx_jm_work_free(&r->w);
	cx_jm_delta_free(&r->d);
}

/* One customer's rows are all in the work: store their contribution, add it to the delta, clear the work. */
static int flush_customer(refresher *r, int64_t id, cx_err *err)
{
	cx_jm_work *w = &r->w;
	int nst = w->st.n, nch = w->ch.n, rc;
	for (int k = 0; k < nst * nch; k++) {
		cx_jm_cell *e = &w->cells[k];
		if (cx_jm_cell_empty(e))
			continue;
		cx_stmt *s = r->ins_cell;
		cx_sql_reset(s);
		cx_sql_bind_int(s, 1, id);
		cx_sql_bind_text(s, 2, w->st.name[k / nch]);
		cx_sql_bind_text(s, 3, w->ch.name[k % nch]);
		int64_t v[] = { e->touches, e->replies, e->cases, e->emotion_n, (int64_t)e->emotion_sum, (int64_t)e->emotion_sq,
				e->negative, e->effort_n, (int64_t)e->effort_sum, (int64_t)e->effort_sq, e->hard };
		for (int i = 0; i < 11; i++)
			cx_sql_bind_int(s, 4 + i, v[i]);
		if ((rc = cx_sql_append(s, err)))
			return rc;
		cx_jm_delta_cell(&r->d, k, e, 1);
		memset(e, 0, sizeof *e);
	}
	if (w->x.cap <= 0)
		return CX_OK; /* no record yet: only the business's doing so far */
	unsigned char *c = w->x.rec; /* every customer's rows go to the record of customer 0, one at a time */
	uint32_t alive = *(uint32_t *)(c + REC_ALIVE);
	if (!alive)
		return CX_OK; /* only the business's own doing: not a customer seen */
	int ls = *(int16_t *)(c + REC_STAGE), lc = *(int16_t *)(c + REC_CHANNEL);
	cx_stmt *s = r->ins_cust;
	cx_sql_reset(s);
	cx_sql_bind_int(s, 1, id);
	cx_sql_bind_int(s, 2, alive);
	if (ls >= 0) {
		cx_sql_bind_text(s, 3, w->st.name[ls]);
		cx_sql_bind_text(s, 4, w->ch.name[lc]);
		r->d.lasts[ls * nch + lc]++;
	} else {
		cx_sql_bind_null(s, 3);
		cx_sql_bind_null(s, 4);
	}
	if ((rc = cx_sql_append(s, err)))
		return rc;
	r->d.customers++;
	uint32_t *first = cx_jm_first_at(&w->x, c);
	for (int a = 0; a < nst; a++) {
		if (!first[a])
			continue;
		int64_t delay = cx_jm_delay(first, nst, a);
		s = r->ins_stage;
		cx_sql_reset(s);
		cx_sql_bind_int(s, 1, id);
		cx_sql_bind_text(s, 2, w->st.name[a]);
		if (delay >= 0)
			cx_sql_bind_int(s, 3, delay);
		else
			cx_sql_bind_null(s, 3);
		if ((rc = cx_sql_append(s, err)))
			return rc;
		if (cx_jm_delta_stage(&r->d, a, delay, 1))
			return cx_fail(err, CX_EINTERNAL, "out of memory");
	}
	memset(c, 0, w->x.recsize);
	return CX_OK;
}

/*
 * The journey rows of every customer, in order of customer: one pass (the
 * rebuild). The marked ones are read customer by customer instead, each by
 * the indexes on customer_id of the journey's tables: neither engine carries
 * an IN (SELECT ...) into the arms of the view.
 */
static int derive(refresher *r, int all, cx_err *err)
{
	cx_stmt *s, *ids = NULL;
	int rc = cx_sql_prepare(r->db,
				all ? "SELECT " CX_JM_COLUMNS_ONE " FROM journey j ORDER BY j.customer_id"
				    : "SELECT " CX_JM_COLUMNS_ONE " FROM journey j WHERE j.customer_id = ?1",
				&s, err);
	if (rc)
		return rc;
	int si = 0, ci = 0;
	cx_sql_walk(s); /* each customer's rows are stored before the next's are read */
	if (!all) {
		if ((rc = cx_sql_prepare(r->db, "SELECT customer_id FROM journey_dirty ORDER BY customer_id", &ids, err))) {
			cx_sql_finalize(s);
			return rc;
		}
		cx_sql_walk(ids);
		while ((rc = cx_sql_step(ids, err)) == CX_SQL_ROW) {
			int64_t id = cx_sql_int(ids, 0);
			cx_sql_reset(s);
			cx_sql_bind_int(s, 1, id);
			while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW)
				if (cx_jm_step(&r->w, &r->scratch, s, &si, &ci)) {
					rc = cx_fail(err, CX_EINTERNAL, "out of memory");
					break;
				}
			if (rc < 0 || (rc = flush_customer(r, id, err)))
				break;
		}
		cx_sql_finalize(ids);
		cx_sql_finalize(s);
		return rc < 0 ? rc : CX_OK;
	}
	int64_t cur = INT64_MIN;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
		int64_t id = cx_sql_int(s, 8);
		if (id != cur && cur != INT64_MIN && (rc = flush_customer(r, cur, err)))
			break;
		cur = id;
		if (cx_jm_step(&r->w, &r->scratch, s, &si, &ci)) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	return cur != INT64_MIN ? flush_customer(r, cur, err) : CX_OK;
}

/* The marked customers' stored contribution, taken off the delta and deleted. 1: a name not known (rebuild). */
static int take_off(refresher *r, cx_err *err)
{
	cx_jm_work *w = &r->w;
	int nch = w->ch.n, rc, unknown = 0;
	cx_stmt *s;
	if ((rc = cx_sql_prepare(r->db,
				 "SELECT stage, channel, touches, replies, cases, emotion_n, emotion_sum, emotion_sq, negative,"
				 " effort_n, effort_sum, effort_sq, hard FROM journey_cust_cells"
				 " WHERE customer_id IN (SELECT customer_id FROM journey_dirty)",
				 &s, err)))
		return rc;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
		int a = cx_name_list_find(&w->st, cx_sql_text(s, 0)), b = cx_name_list_find(&w->ch, cx_sql_text(s, 1));
		if (a < 0 || b < 0) {
			unknown = 1;
			continue;
		}
		cx_jm_cell e = { .touches = cx_sql_int(s, 2), .replies = cx_sql_int(s, 3), .cases = cx_sql_int(s, 4),
				 .emotion_n = cx_sql_int(s, 5), .emotion_sum = (double)cx_sql_int(s, 6),
				 .emotion_sq = (double)cx_sql_int(s, 7), .negative = cx_sql_int(s, 8),
				 .effort_n = cx_sql_int(s, 9), .effort_sum = (double)cx_sql_int(s, 10),
				 .effort_sq = (double)cx_sql_int(s, 11), .hard = cx_sql_int(s, 12) };
		cx_jm_delta_cell(&r->d, a * nch + b, &e, -1);
	}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	if ((rc = cx_sql_prepare(r->db,
				 "SELECT last_stage, last_channel FROM journey_cust"
				 " WHERE customer_id IN (SELECT customer_id FROM journey_dirty)",
				 &s, err)))
		return rc;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
		r->d.customers--;
		if (cx_sql_null(s, 0))
			continue;
		int a = cx_name_list_find(&w->st, cx_sql_text(s, 0)), b = cx_name_list_find(&w->ch, cx_sql_text(s, 1));
		if (a < 0 || b < 0)
			unknown = 1;
		else
			r->d.lasts[a * nch + b]--;
	}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	if ((rc = cx_sql_prepare(r->db,
				 "SELECT stage, delay FROM journey_cust_stages"
				 " WHERE customer_id IN (SELECT customer_id FROM journey_dirty)",
				 &s, err)))
		return rc;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
		int a = cx_name_list_find(&w->st, cx_sql_text(s, 0));
		if (a < 0)
			unknown = 1;
		else if (cx_jm_delta_stage(&r->d, a, cx_sql_null(s, 1) ? -1 : cx_sql_int(s, 1), -1)) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	if (unknown)
		return 1;
	static const char *const del[] = {
		"DELETE FROM journey_cust_cells WHERE customer_id IN (SELECT customer_id FROM journey_dirty)",
		"DELETE FROM journey_cust WHERE customer_id IN (SELECT customer_id FROM journey_dirty)",
		"DELETE FROM journey_cust_stages WHERE customer_id IN (SELECT customer_id FROM journey_dirty)",
	};
	for (size_t i = 0; i < sizeof del / sizeof *del; i++)
		if ((rc = cx_sql_exec(r->db, del[i], err)))
			return rc;
	return CX_OK;
}

/* The delta into the sums. */
static int apply(refresher *r, cx_err *err)
{
	cx_jm_work *w = &r->w;
	int nst = w->st.n, nch = w->ch.n, rc;
	cx_stmt *s;
	if ((rc = cx_sql_prepare(r->db,
				 "INSERT INTO journey_cells (stage, channel, touches, replies, cases, emotion_n, emotion_sum,"
				 " emotion_sq, negative, effort_n, effort_sum, effort_sq, hard, customers, lasts)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
				 " ON CONFLICT (stage, channel) DO UPDATE SET touches = journey_cells.touches + excluded.touches,"
				 " replies = journey_cells.replies + excluded.replies, cases = journey_cells.cases + excluded.cases,"
				 " emotion_n = journey_cells.emotion_n + excluded.emotion_n,"
				 " emotion_sum = journey_cells.emotion_sum + excluded.emotion_sum,"
				 " emotion_sq = journey_cells.emotion_sq + excluded.emotion_sq,"
				 " negative = journey_cells.negative + excluded.negative,"
				 " effort_n = journey_cells.effort_n + excluded.effort_n,"
				 " effort_sum = journey_cells.effort_sum + excluded.effort_sum,"
				 " effort_sq = journey_cells.effort_sq + excluded.effort_sq, hard = journey_cells.hard + excluded.hard,"
				 " customers = journey_cells.customers + excluded.customers,"
				 " lasts = journey_cells.lasts + excluded.lasts",
				 &s, err)))
		return rc;
	for (int k = 0; k < nst * nch && rc == CX_OK; k++) {
		const cx_jm_cell *e = &r->d.cells[k];
		if (cx_jm_cell_empty(e) && !e->customers && !e->negative && !e->hard && !r->d.lasts[k])
			continue;
		cx_sql_reset(s);
		cx_sql_bind_text(s, 1, w->st.name[k / nch]);
		cx_sql_bind_text(s, 2, w->ch.name[k % nch]);
		int64_t v[] = { e->touches, e->replies, e->cases, e->emotion_n, (int64_t)e->emotion_sum, (int64_t)e->emotion_sq,
				e->negative, e->effort_n, (int64_t)e->effort_sum, (int64_t)e->effort_sq, e->hard, e->customers,
				r->d.lasts[k] };
		for (int i = 0; i < 13; i++)
			cx_sql_bind_int(s, 3 + i, v[i]);
		rc = run_kept(s, err);
	}
	cx_sql_finalize(s);
	if (rc)
		return rc;
	if ((rc = cx_sql_prepare(r->db,
				 "INSERT INTO journey_stage_sums (stage, customers) VALUES (?1, ?2)"
				 " ON CONFLICT (stage) DO UPDATE SET customers = journey_stage_sums.customers + excluded.customers",
				 &s, err)))
		return rc;
	for (int a = 0; a < nst && rc == CX_OK; a++) {
		if (!r->d.reach[a])
			continue;
		cx_sql_reset(s);
		cx_sql_bind_text(s, 1, w->st.name[a]);
		cx_sql_bind_int(s, 2, r->d.reach[a]);
		rc = run_kept(s, err);
	}
	cx_sql_finalize(s);
	if (rc)
		return rc;
	if ((rc = cx_sql_prepare(r->db,
				 "INSERT INTO journey_delays (stage, lo, n) VALUES (?1, ?2, ?3)"
				 " ON CONFLICT (stage, lo) DO UPDATE SET n = journey_delays.n + excluded.n",
				 &s, err)))
		return rc;
	for (size_t i = 0; i < r->d.nhist && rc == CX_OK; i++) {
		if (!r->d.hist[i].n)
			continue;
		cx_sql_reset(s);
		cx_sql_bind_text(s, 1, w->st.name[r->d.hist[i].stage]);
		cx_sql_bind_int(s, 2, r->d.hist[i].lo);
		cx_sql_bind_int(s, 3, r->d.hist[i].n);
		rc = run_kept(s, err);
	}
	cx_sql_finalize(s);
	if (rc || (rc = cx_sql_do(r->db, err, "UPDATE journey_summary SET customers = customers + ?1, built = 1",
				  CX_INT(r->d.customers))))
		return rc;
	/* empty buckets go, so the reader's list stays short */
	if ((rc = cx_sql_exec(r->db, "DELETE FROM journey_delays WHERE n = 0", err)))
		return rc;
	return cx_sql_exec(r->db, "DELETE FROM journey_dirty", err);
}

static int summary_state(cx_db *db, int64_t *built, int64_t *dirty, cx_err *err)
{
	int rc = cx_sql_get_int(db, 0, built, err, "SELECT built FROM journey_summary");
	return rc ? rc : cx_sql_get_int(db, 0, dirty, err, "SELECT count(*) FROM journey_dirty");
}

/* Inside the caller's transaction: brings the summary up to date, by the marked customers or all over again. */
static int refresh(cx_db *db, int rebuild, int *rebuilt, cx_err *err)
{
	refresher r = { .db = db };
	int64_t built, dirty, customers;
	int rc;

	*rebuilt = 0;
	/* a server's writers mark while the map refreshes: they wait, so that no mark is lost in between */
	if (cx_db_is_server(cx_db_path(db)) && (rc = cx_sql_exec(db, "LOCK TABLE journey_dirty IN EXCLUSIVE MODE", err)))
		return rc;
	if ((rc = summary_state(db, &built, &dirty, err)))
		return rc;
	if (built && !dirty && !rebuild)
		return CX_OK;
	if (!built)
		rebuild = 1;
	else if (dirty > CX_JM_REBUILD_ROWS) {
		if ((rc = cx_sql_get_int(db, 0, &customers, err, "SELECT count(*) FROM customers")))
			return rc;
		rebuild |= dirty > customers / 20;
	}
	if ((rc = cx_jm_start(db, &r.w, 1, err)))
		goto out;
	if (cx_jm_delta_init(&r.d, r.w.st.n, r.w.ch.n)) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto out;
	}
	if (!rebuild && (rc = take_off(&r, err)) == 1) {
		/* the summary names a stage or channel there is no more: start again */
		cx_jm_delta_free(&r.d);
		if (cx_jm_delta_init(&r.d, r.w.st.n, r.w.ch.n)) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			goto out;
		}
		rebuild = 1;
	}
	if (rc)
		goto out;
	if (rebuild) {
		static const char *const wipe[] = {
			"DELETE FROM journey_cust_cells", "DELETE FROM journey_cust", "DELETE FROM journey_cust_stages",
			"DELETE FROM journey_cells", "DELETE FROM journey_stage_sums", "DELETE FROM journey_delays",
			"UPDATE journey_summary SET customers = 0",
		};
		for (size_t i = 0; i < sizeof wipe / sizeof *wipe; i++)
			if ((rc = cx_sql_exec(db, wipe[i], err)))
				goto out;
	}
	if ((rc = prepare_inserts(&r, err)) || (rc = derive(&r, rebuild, err)) || (rc = end_inserts(&r, err)) ||
	    (rc = apply(&r, err)))
		goto out;
	*rebuilt = rebuild;
out:
	refresher_free(&r);
	return rc;
}

/* ---- the map from the sums ---- */

static int stale_of(cx_db *db, const cx_journey_filter *f, int64_t *stale, cx_err *err)
{
	*stale = f->stale;
	if (*stale)
		return CX_OK;
	char buf[32];
	int rc = cx_setting_get(db, "stale", buf, sizeof buf, err);
	return rc ? rc : cx_duration_parse(buf, stale, err);
}

static int read_cells(cx_db *db, cx_jm_work *w, int64_t *lasts, int64_t since_alive, cx_err *err)
{
	int nch = w->ch.n, rc;
	cx_stmt *s;
	if ((rc = cx_sql_prepare(db,
				 "SELECT stage, channel, touches, replies, cases, emotion_n, emotion_sum, emotion_sq, negative,"
				 " effort_n, effort_sum, effort_sq, hard, customers, lasts FROM journey_cells",
				 &s, err)))
		return rc;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
		int a = cx_name_list_find(&w->st, cx_sql_text(s, 0)), b = cx_name_list_find(&w->ch, cx_sql_text(s, 1));
		if (a < 0 || b < 0)
			continue;
		cx_jm_cell *e = &w->cells[a * nch + b];
		*e = (cx_jm_cell){ .touches = cx_sql_int(s, 2), .replies = cx_sql_int(s, 3), .cases = cx_sql_int(s, 4),
				   .emotion_n = cx_sql_int(s, 5), .emotion_sum = (double)cx_sql_int(s, 6),
				   .emotion_sq = (double)cx_sql_int(s, 7), .negative = cx_sql_int(s, 8),
				   .effort_n = cx_sql_int(s, 9), .effort_sum = (double)cx_sql_int(s, 10),
				   .effort_sq = (double)cx_sql_int(s, 11), .hard = cx_sql_int(s, 12),
				   .customers = cx_sql_int(s, 13) };
		lasts[a * nch + b] = cx_sql_int(s, 14);
	}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	/* drop-off: the customers last seen in a cell, less those heard from within the stale time (few) */
	if ((rc = cx_sql_query(db, &s, err,
			       "SELECT last_stage, last_channel, count(*) FROM journey_cust"
			       " WHERE last_stage IS NOT NULL AND alive >= ?1 GROUP BY last_stage, last_channel",
			       CX_INT(since_alive))))
		return rc;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
		int a = cx_name_list_find(&w->st, cx_sql_text(s, 0)), b = cx_name_list_find(&w->ch, cx_sql_text(s, 1));
		if (a >= 0 && b >= 0)
			lasts[a * nch + b] -= cx_sql_int(s, 2);
	}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	for (int k = 0; k < w->st.n * nch; k++)
		w->cells[k].dropoff = lasts[k];
	return CX_OK;
}

/* The delays of a bucket of a stage's histogram: ?1 the stage, ?2 and ?3 the bucket's ends (the upper one out). */
#define IN_BUCKET " FROM journey_cust_stages WHERE stage = ?1 AND delay >= ?2 AND delay < ?3"

/* Per stage: the customers who reached it, and the median time to the next stage from its histogram. */
static int read_stages(
cx_db *db, cx_jm_work *w, cx_journey_map *m, cx_err *err)
{
	cx_stmt *s;
	cx_jm_bucket_n *b = NULL;
	size_t nb = 0, cb = 0;
	int rc;
	if ((rc = cx_sql_prepare(db, "SELECT stage, customers FROM journey_stage_sums", &s, err)))
		return rc;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
		int a = cx_name_list_find(&w->st, cx_sql_text(s, 0));
		if (a >= 0)
			m->stages[a].customers = cx_sql_int(s, 1);
	}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	for (int a = 0; a < w->st.n; a++) {
		nb = 0;
		if ((rc = cx_sql_query(db, &s, err, "SELECT lo, n FROM journey_delays WHERE stage = ?1 AND n > 0 ORDER BY lo",
				       CX_TEXT(w->st.name[a]))))
			break;
		while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW) {
			if (nb == cb) {
				size_t cap = cb ? 2 * cb : 256;
				cx_jm_bucket_n *p = realloc(b, cap * sizeof *p);
				if (!p) {
					rc = cx_fail(err, CX_EINTERNAL, "out of memory");
					break;
				}
				b = p;
				cb = cap;
			}
			b[nb++] = (cx_jm_bucket_n){ a, cx_sql_int(s, 0), cx_sql_int(s, 1) };
		}
		cx_sql_finalize(s);
		if (rc < 0)
			break;
		int64_t off = 0;
		size_t i = cx_jm_median_bucket(b, nb, &off);
		if (i == nb)
			continue;
		if (cx_jm_bucket_end(b[i].lo) == b[i].lo + 1) {
			m->stages[a].next_median = b[i].lo; /* a bucket of one value: nothing to look up */
			continue;
		}
		/* many customers take the same time: a bucket of one value needs no walk through it */
		cx_arg stage = CX_TEXT(w->st.name[a]), from = CX_INT(b[i].lo), to = CX_INT(cx_jm_bucket_end(b[i].lo));
		int64_t lo, hi, med;
		if ((rc = cx_sql_get_int(db, -1, &lo, err, "SELECT min(delay)" IN_BUCKET, stage, from, to)) ||
		    (rc = cx_sql_get_int(db, -1, &hi, err, "SELECT max(delay)" IN_BUCKET, stage, from, to)))
			break;
		if (lo == hi) {
			m->stages[a].next_median = lo;
			continue;
		}
		/* else the exact value: some rows into the bucket, by the index on (stage, delay) */
		if ((rc = cx_sql_get_int(db, -1, &med, err, "SELECT delay" IN_BUCKET " ORDER BY delay LIMIT 1 OFFSET ?4",
					 stage, from, to, CX_INT(off))))
			break;
		m->stages[a].next_median = med;
	}
	free(b);
	return rc < 0 ? rc : CX_OK;
}

static int map_from_sums(cx_db *db, const cx_journey_filter *f, cx_journey_map *m, cx_err *err)
{
	cx_jm_work w = { 0 };
	int64_t *lasts = NULL, now = cx_db_now(db);
	int rc;


	memset(m, 0, sizeof *m);
	if ((rc = stale_of(db, f, &m->stale, err)) || (rc = cx_name_list_read(db, "SELECT name FROM stages ORDER BY position", &w.st, err)) ||
	    (rc = cx_name_list_read(db, "SELECT name FROM channels ORDER BY position", &w.ch, err)))
		goto out;
	int nst = w.st.n, nch = w.ch.n;
	w.cells = calloc((size_t)(nst * nch) + 1, sizeof *w.cells);
	w.delays = calloc((size_t)nst + 1, sizeof *w.delays);
	w.ndel = calloc((size_t)nst + 1, sizeof *w.ndel);
	w.cdel = calloc((size_t)nst + 1, sizeof *w.cdel);
	lasts = calloc((size_t)(nst * nch) + 1, sizeof *lasts);
	m->stages = calloc((size_t)nst + 1, sizeof *m->stages);
	if (!w.cells || !w.delays || !w.ndel || !w.cdel || !lasts || !m->stages) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto out;
	}
	m->nstages = nst;
	/* dropped: now - alive > stale, so still here: alive >= now - stale */
	if ((rc = read_cells(db, &w, lasts, now - m->stale, err)))
		goto out;
	for (int k = 0; k < nst * nch; k++)
		m->touches += w.cells[k].touches;
	if ((rc = cx_sql_get_int(db, 0, &m->customers, err, "SELECT customers FROM journey_summary")))
		goto out;

	cx_jm_stages(&w, m);
	if ((rc = read_stages(db, &w, m, err)))
		goto out;
	rc = cx_jm_hotspots(&w, f->min_touches > 0 ? f->min_touches : 5, m, err);
out:
	free(lasts);
	cx_jm_work_free(&w);
	if (rc)
		cx_journey_map_free(m);
	return rc;
}

int cx_journey_map_filtered(const cx_journey_filter *f)
{
	return f->since || f->until || f->tag || f->channel;
}

int cx_journey_map_summary(cx_db *db, const cx_journey_filter *f, cx_journey_map *m, cx_err *err)
{
	int rc, rebuilt;
	if (cx_journey_map_filtered(f))
		return cx_journey_map_compute(db, f, m, err); /* the sums are over all time and all customers */
	/* brought up to date and read in one transaction, so the sums read are the sums written */
	cx_err why = { 0 };
	if ((rc = cx_db_begin(db, &why)) == CX_OK) {
		if ((rc = refresh(db, 0, &rebuilt, &why)) == CX_OK) {
			if ((rc = map_from_sums(db, f, m, err)) != CX_OK)
				cx_db_rollback(db);
			else if ((rc = cx_db_commit(db, err)) != CX_OK) /* it rolls back */
				cx_journey_map_free(m);
			return rc;
		}
		cx_db_rollback(db);
	}
	if (rc != CX_EPERM) {
		*err = why;
		return rc;
	}
	/* a database this user may only read: the sums if they are up to date, else the full computation */
	int64_t built, dirty;
	if ((rc = summary_state(db, &built, &dirty, err)))
		return rc;
	return built && !dirty ? map_from_sums(db, f, m, err) : cx_journey_map_compute(db, f, m, err);
}

int cx_journey_map_rebuild(cx_db *db, cx_err *err)
{
	int rebuilt, rc = cx_db_begin(db, err);
	if (rc)
		return rc;
	if ((rc = refresh(db, 1, &rebuilt, err))) {
		cx_db_rollback(db);
		return rc;
	}
	return cx_db_commit(db, err);
}

/* ---- the two compared ---- */

static int differ_int(char *what, size_t size, const char *where, const char *field, int64_t a, int64_t b)
{
	if (a == b)
		return 0;
	snprintf(what, size, "%s: %s is %lld from the summary, %lld from the journey", where, field, (long long)a,
		 (long long)b);
	return 1;
}

static int differ_real(char *what, size_t size, const char *where, const char *field, double a, double b)
{
	if (a == b)
		return 0;
	snprintf(what, size, "%s: %s is %.17g from the summary, %.17g from the journey", where, field, a, b);
	return 1;
}

int cx_journey_map_differ(const cx_journey_map *a, const cx_journey_map *b, char *what, size_t size)
{
	char where[160];
	if (differ_int(what, size, "the map", "customers", a->customers, b->customers) ||
	    differ_int(what, size, "the map", "touchpoints", a->touches, b->touches) ||
	    differ_int(what, size, "the map", "stages", a->nstages, b->nstages) ||
	    differ_int(what, size, "the map", "hot spots", a->nhot, b->nhot))
		return 1;
	for (int i = 0; i < a->nstages; i++) {
		const cx_stage_stat *x = &a->stages[i], *y = &b->stages[i];
		snprintf(where, sizeof where, "stage %s", y->name);
		int64_t xi[] = { x->customers, x->touches, x->cases, x->replies, x->dropoff, x->emotion_n, x->negative,
				 x->effort_n, x->hard, x->emotion_ci, x->effort_ci, x->next_median };
		int64_t yi[] = { y->customers, y->touches, y->cases, y->replies, y->dropoff, y->emotion_n, y->negative,
				 y->effort_n, y->hard, y->emotion_ci, y->effort_ci, y->next_median };
		static const char *const ni[] = { "customers", "touchpoints", "cases", "replies", "dropoff", "emotion_n",
						  "negative", "effort_n", "hard", "emotion interval", "effort interval",
						  "next_stage_median_s" };
		double xr[] = { x->emotion_mean, x->emotion_lo, x->emotion_hi, x->effort_mean, x->effort_lo, x->effort_hi };
		double yr[] = { y->emotion_mean, y->emotion_lo, y->emotion_hi, y->effort_mean, y->effort_lo, y->effort_hi };
		static const char *const nr[] = { "emotion", "emotion_lo", "emotion_hi", "effort", "effort_lo", "effort_hi" };
		if (strcmp(x->name, y->name)) {
			snprintf(what, size, "stage %d is %s from the summary, %s from the journey", i + 1, x->name, y->name);
			return 1;
		}
		for (size_t k = 0; k < sizeof xi / sizeof *xi; k++)
			if (differ_int(what, size, where, ni[k], xi[k], yi[k]))
				return 1;
		for (size_t k = 0; k < sizeof xr / sizeof *xr; k++)
			if (differ_real(what, size, where, nr[k], xr[k], yr[k]))
				return 1;
		if (strcmp(x->mix, y->mix)) {
			snprintf(what, size, "%s: channels are \"%s\" from the summary, \"%s\" from the journey", where, x->mix,
				 y->mix);
			return 1;
		}
	}
	for (int i = 0; i < a->nhot; i++) {
		const cx_hotspot *x = &a->hot[i], *y = &b->hot[i];
		snprintf(where, sizeof where, "hot spot %d (%s x %s)", i + 1, y->stage, y->channel);
		if (strcmp(x->stage, y->stage) || strcmp(x->channel, y->channel)) {
			snprintf(what, size, "%s is %s x %s from the summary", where, x->stage, x->channel);
			return 1;
		}
		if (differ_int(what, size, where, "touchpoints", x->touches, y->touches) ||
		    differ_int(what, size, where, "cases", x->cases, y->cases) ||
		    differ_int(what, size, where, "dropoff", x->dropoff, y->dropoff) ||
		    differ_int(what, size, where, "emotion_n", x->emotion_n, y->emotion_n) ||
		    differ_int(what, size, where, "effort_n", x->effort_n, y->effort_n) ||
		    differ_real(what, size, where, "friction", x->score, y->score) ||
		    differ_real(what, size, where, "negative", x->negative, y->negative) ||
		    differ_real(what, size, where, "hard", x->hard, y->hard) ||
		    differ_real(what, size, where, "case_rate", x->case_rate, y->case_rate) ||
		    differ_real(what, size, where, "dropoff_rate", x->drop_rate, y->drop_rate))
			return 1;
	}
	return 0;
}
