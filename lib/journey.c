/*
 * Journeys: one customer's touchpoints stage by stage, and the map of all
 * customers: per stage reach, emotion with its interval, effort, cases,
 * drop-off and time to the next stage; then the stage x channel cells with
 * the most friction. The map is one scan of the journey, aggregated here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx/customer.h"
#include "cx/journey.h"
#include "cx/metrics.h"
#include "cx/setting.h"
#include "journey_impl.h"
#include "names.h"
#include "section.h"
#include "store/sql.h"

/* ---- one customer ---- */


int cx_journey_load(cx_db *db, int64_t customer_id, cx_journey *j, cx_err *err)
{
	cx_name_list st;
	cx_stmt *q;
	int rc;

	cx_asked ask = { 0 };
	memset(j, 0, sizeof *j);
	j->first = -1;
	/* the three questions at once */
	if ((rc = cx_customer_label_ask(db, customer_id, &ask, err)) ||
	    (rc = cx_ask(db, &ask, "SELECT name FROM stages ORDER BY position", 0, 0, err)) ||
	    (rc = cx_ask(db, &ask,
			 "SELECT j.kind, j.ref, j.at, j.case_id, j.stage, j.channel, j.emotion, j.effort,"
			 " j.direction, j.summary FROM journey j LEFT JOIN stages s ON s.name = j.stage"
			 " WHERE j.customer_id = ?1 ORDER BY coalesce(s.position, 1000), j.at, j.kind, j.ref",
			 customer_id, 0, err)) ||
	    (rc = cx_customer_label_take(&ask, customer_id, j->customer, sizeof j->customer, err)) ||
	    (rc = cx_name_list_take(cx_asked_next(&ask), &st, err))) {
		cx_asked_free(&ask);
		return rc;
	}
	j->stages = st.name;
	j->nstages = st.n;
	q = cx_asked_next(&ask);
	cx_asked_free(&ask);
	while ((rc = cx_sql_step(q, err)) == CX_SQL_ROW) {
		cx_journey_point *p = realloc(j->p, (size_t)(j->n + 1) * sizeof *p);
		if (!p) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		j->p = p;
		p = &j->p[j->n];
		memset(p, 0, sizeof *p);
		snprintf(p->kind, sizeof p->kind, "%s", cx_sql_text(q, 0));
		p->ref = cx_sql_int(q, 1);
		p->at = cx_sql_int(q, 2);
		p->case_id = cx_sql_null(q, 3) ? 0 : cx_sql_int(q, 3);
		snprintf(p->stage, sizeof p->stage, "%s", cx_sql_text(q, 4));
		snprintf(p->channel, sizeof p->channel, "%s", cx_sql_text(q, 5));
		p->emotion = cx_sql_null(q, 6) ? CX_NO_EMOTION : (int)cx_sql_int(q, 6);
		p->effort = cx_sql_null(q, 7) ? 0 : (int)cx_sql_int(q, 7);
		snprintf(p->direction, sizeof p->direction, "%s", cx_sql_null(q, 8) ? "" : cx_sql_text(q, 8));
		p->summary = cx_sql_null(q, 9) ? NULL : strdup(cx_sql_text(q, 9));
		if (j->first < 0 || p->at < j->p[j->first].at)
			j->first = j->n;
		j->n++;
	}
	cx_sql_finalize(q);
	return rc < 0 ? rc : CX_OK;
}

void cx_journey_free(cx_journey *j)
{
	for (int i = 0; i < j->n; i++)
		free(j->p[i].summary);
	free(j->p);
	free(j->stages);
	memset(j, 0, sizeof *j);
}

void cx_journey_write(const cx_journey *j, cx_out *out)
{
	static const cx_col cols[] = {
		{ "stage", CX_T_TEXT, 0, 0 },
		{ "at", CX_T_TIME, 0, 0 },
		{ "kind", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "emotion", CX_T_TEXT, 0, 0 },
		{ "effort", CX_T_TEXT, 0, 0 },
		{ "case_id", CX_T_INT, CX_COL_HIDE, 0 },
		{ "ref", CX_T_INT, CX_COL_HIDE, 0 },
		{ "first", CX_T_BOOL, CX_COL_HIDE, 0 },
		{ "summary", CX_T_TEXT, 0, 0 },
	};
	static const char *const words[] = { "angry", "frustrated", "neutral", "pleased", "delighted" };
	int people = cx_out_fmt(out) == CX_FMT_TABLE;

	if (!people)
		cx_out_begin(out, NULL, NULL, CX_LAY_TABLE, CX_COLS(cols));
	for (int i = 0; i < j->n; i++) {
		const cx_journey_point *p = &j->p[i];
		/* For people: a heading per stage, the rows below it. */
		if (people && (i == 0 || strcmp(p->stage, j->p[i - 1].stage))) {
			char title[128];
			snprintf(title, sizeof title, "%c%s", p->stage[0] >= 'a' && p->stage[0] <= 'z' ? p->stage[0] - 32 : p->stage[0],
				 p->stage + 1);
			cx_out_begin(out, p->stage, title, CX_LAY_LOG, CX_COLS(cols));
		}
		char emo[40] = "", eff[24] = "", kind[48];
		if (p->emotion != CX_NO_EMOTION) {
			if (people)
				snprintf(emo, sizeof emo, "%+d %s", p->emotion, words[p->emotion + 2]);
			else
				snprintf(emo, sizeof emo, "%d", p->emotion);
		}
		if (p->effort)
			snprintf(eff, sizeof eff, people ? "effort %d" : "%d", p->effort);
		if (people && p->case_id && strcmp(p->kind, "case"))
			snprintf(kind, sizeof kind, "%s (case %lld)", p->kind, (long long)p->case_id);
		else if (people && !strcmp(p->kind, "case"))
			snprintf(kind, sizeof kind, "case %lld opened", (long long)p->case_id);
		else
			snprintf(kind, sizeof kind, "%s", p->kind);
		if (people && i == j->first)
			strncat(kind, "  * first impression", sizeof kind - strlen(kind) - 1);
		cx_val v[] = {
			CX_TEXTV(p->stage), CX_INTV(p->at), CX_TEXTV(kind), CX_TEXTV(p->channel),
			emo[0] ? CX_TEXTV(emo) : CX_NULLV, eff[0] ? CX_TEXTV(eff) : CX_NULLV,
			p->case_id ? CX_INTV(p->case_id) : CX_NULLV, CX_INTV(p->ref), CX_INTV(i == j->first),
			CX_TEXTV(p->summary),
		};
		if (!people) {
			/* machine formats: numbers as numbers */
			v[4] = p->emotion != CX_NO_EMOTION ? CX_INTV(p->emotion) : CX_NULLV;
			v[5] = p->effort ? CX_INTV(p->effort) : CX_NULLV;
		}
		cx_out_row(out, v);
		if (people && (i + 1 == j->n || strcmp(p->stage, j->p[i + 1].stage)))
			cx_out_end(out);
	}
	if (!people)
		cx_out_end(out);
}

/* ---- all customers ---- */

unsigned char *cx_jm_customer(cx_jm_index *x, int64_t id)
{
	if (id < 0 || (uint64_t)id >= SIZE_MAX / 4 / x->recsize)
		return NULL; /* no memory could hold it; the caller says so */
	if (id >= x->cap) {
		int64_t cap = x->cap ? x->cap : 1024;
		while (cap <= id)
			cap *= 2;
		unsigned char *r = realloc(x->rec, (size_t)cap * x->recsize);
		if (!r)
			return NULL;
		memset(r + (size_t)x->cap * x->recsize, 0, (size_t)(cap - x->cap) * x->recsize);
		x->rec = r;
		x->cap = cap;
	}
	unsigned char *c = x->rec + (size_t)id * x->recsize;
	if (!*(uint32_t *)(c + REC_ALIVE)) {
		*(uint32_t *)(c + REC_ALIVE) = 1;
		*(int64_t *)(c + REC_LAST) = INT64_MIN;
		*(int16_t *)(c + REC_STAGE) = -1;
		x->n++;
	}
	return c;
}

/* First touch at stage s, as seconds since 1970 (0 = never; times before 1970 count as 1 s after). */
uint32_t *cx_jm_first_at(const cx_jm_index *x, unsigned char *c)
{
	(void)x;
	return (uint32_t *)(c + REC_FIRST);
}

unsigned char *cx_jm_cell_bits(const cx_jm_index *x, unsigned char *c)
{
	return c + REC_FIRST + 4 * (size_t)x->nst;
}

double cx_friction(double negative, double hard, double case_rate, double drop_rate, int64_t n)
{
	if (case_rate > 1)
		case_rate = 1;
	/* weights: how people feel, how hard it was, whether it became a complaint, whether they left;
	 * n / (n + 20) keeps a handful of touchpoints from outranking a busy cell */
	double raw = 0.40 * negative + 0.25 * hard + 0.20 * case_rate + 0.15 * drop_rate;
	return 100.0 * raw * (double)n / ((double)n + 20.0);
}

/* What the customers brought to a cell: their own touchpoints and their cases. */
static int64_t contacts(const cx_jm_cell *e)
{
	return e->touches + e->cases;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_hot(const void *a, const void *b)
{
	const cx_hotspot *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->touches < y->touches ? 1 : x->touches > y->touches ? -1 : 0;
}

void cx_jm_work_free(cx_jm_work *w)
{
	for (int a = 0; w->delays && a < w->st.n; a++)
		free(w->delays[a]);
	free(w->delays);
	free(w->ndel);
	free(w->cdel);
	free(w->cells);
	free(w->x.rec);
	free(w->st.name);
	free(w->ch.name);
}

/* The names, and the per-customer records sized for every customer there is. */
int cx_jm_start(cx_db *db, cx_jm_work *w, int one, cx_err *err)
{
	int rc;
	if ((rc = cx_name_list_read(db, "SELECT name FROM stages ORDER BY position", &w->st, err)) ||
	    (rc = cx_name_list_read(db, "SELECT name FROM channels ORDER BY position", &w->ch, err)))
		return rc;
	int nst = w->st.n, nch = w->ch.n;
	w->x.nst = nst;
	w->x.nch = nch;
	w->x.recsize = (REC_FIRST + 4 * (size_t)nst + ((size_t)(nst * nch) + 7) / 8 + 7) & ~(size_t)7;
	int64_t max_id = 0;
	if (!one && (rc = cx_sql_get_int(db, 0, &max_id, err, "SELECT max(id) FROM customers")))
		return rc;

	if (!cx_jm_customer(&w->x, max_id) && max_id > 0)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	if (max_id >= 0) { /* sizing touched it (customer 0 when one customer at a time is read); it is not seen yet */
		memset(w->x.rec + (size_t)max_id * w->x.recsize, 0, w->x.recsize);
		w->x.n = 0;
	}
	w->cells = calloc((size_t)(nst * nch) + 1, sizeof *w->cells);
	w->delays = calloc((size_t)nst + 1, sizeof *w->delays);
	w->ndel = calloc((size_t)nst + 1, sizeof *w->ndel);
	w->cdel = calloc((size_t)nst + 1, sizeof *w->cdel);
	if (!w->cells || !w->delays || !w->ndel || !w->cdel)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	return CX_OK;
}

/*
 * One row of the journey into its cell and its customer's record. what:
 * 0 the customer's own touchpoint, 1 their survey answer or post, 2 a case,
 * 3 the business's own doing (a reply, an outbound touchpoint).
 */
int cx_jm_row(cx_jm_work *w, cx_journey_map *m, int si, int ci, int what, int64_t customer_id, int64_t at,
	      const int *emotion, const int *effort)
{
	cx_jm_cell *e = &w->cells[si * w->ch.n + ci];
	if (what == 3) {
		/* counted, but neither the customer's contact nor a sign of them */
		e->replies++;
		return CX_OK;
	}
	unsigned char *c = cx_jm_customer(&w->x, customer_id);
	if (!c)
		return CX_EINTERNAL;
	if (what == 2) {
		e->cases++;
	} else {
		e->touches++;
		m->touches++;
	}
	if (emotion) {
		e->emotion_n++;
		e->emotion_sum += *emotion;
		e->emotion_sq += *emotion * *emotion;
		e->negative += *emotion < 0;
	}
	if (effort) {
		e->effort_n++;
		e->effort_sum += *effort;
		e->effort_sq += *effort * *effort;
		e->hard += *effort <= 3;
	}
	uint32_t *first = cx_jm_first_at(&w->x, c), t = at < 1 ? 1 : at > UINT32_MAX ? UINT32_MAX : (uint32_t)at;
	if (!first[si] || t < first[si])
		first[si] = t;
	if (t > *(uint32_t *)(c + REC_ALIVE))
		*(uint32_t *)(c + REC_ALIVE) = t;
	int bit = si * w->ch.n + ci;
	cx_jm_cell_bits(&w->x, c)[bit / 8] |= (unsigned char)(1u << (bit % 8));
	/* drop-off is placed at the customer's own latest touchpoint: not an answer to a survey */
	/* between touchpoints of the same second, the later stage, then channel: the same whatever order rows come in */
	int64_t last = *(int64_t *)(c + REC_LAST);
	if (what == 0 && (at > last || (at == last && (si > *(int16_t *)(c + REC_STAGE) ||
						      (si == *(int16_t *)(c + REC_STAGE) && ci >= *(int16_t *)(c + REC_CHANNEL)))))) {
		*(int64_t *)(c + REC_LAST) = at;
		*(int16_t *)(c + REC_STAGE) = (int16_t)si;
		*(int16_t *)(c + REC_CHANNEL) = (int16_t)ci;
	}
	return CX_OK;
}

/*
 * The current row of a scan of the journey (customer_id, at, stage, channel,
 * emotion, effort, kind, direction) into the work; si and ci carry the
 * previous row's stage and channel from call to call.
 */
int cx_jm_step(cx_jm_work *w, cx_journey_map *m, cx_stmt *s, int *si, int *ci)
{
	const char *sn = cx_sql_text(s, 2), *cn = cx_sql_text(s, 3);
	/* most rows share the stage or channel of the row before: try that name first */
	if (*si < 0 || strcmp(sn, w->st.name[*si]))
		*si = cx_name_list_find(&w->st, sn);
	if (*ci < 0 || strcmp(cn, w->ch.name[*ci]))
		*ci = cx_name_list_find(&w->ch, cn);
	if (*si < 0 || *ci < 0)
		return CX_OK; /* a name removed while rows still used it cannot happen; skip defensively */
	/* the kind told by its first letter, which differs, in C: cheaper than in SQL */
	const char *kind = cx_sql_text(s, 6);
	int what = kind[0] == 'r' ? 3 : kind[0] == 'c' ? 2 : kind[0] != 't' ? 1
		 : !cx_sql_null(s, 7) && cx_sql_text(s, 7)[0] == 'o' ? 3 : 0;
	int emotion = (int)cx_sql_int(s, 4), effort = (int)cx_sql_int(s, 5);
	return cx_jm_row(w, m, *si, *ci, what, cx_sql_int(s, 0), cx_sql_int(s, 1), cx_sql_null(s, 4) ? NULL : &emotion,
			 cx_sql_null(s, 5) ? NULL : &effort);
}

/* Every row of the journey the filter lets through, into the cells and the customers' records. */
static int map_scan(cx_db *db, const cx_journey_filter *f, cx_jm_work *w, cx_journey_map *m, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *s = NULL;
	int rc;
	cx_sqlbuf_add(&q, "SELECT " CX_JM_COLUMNS " FROM journey j WHERE 1=1");
	if (f->since)
		cx_sqlbuf_add(&q, " AND j.at >= ?1");
	if (f->until)
		cx_sqlbuf_add(&q, " AND j.at < ?2");
	if (f->channel)
		cx_sqlbuf_add(&q, " AND j.channel = ?3");
	if (f->tag)
		cx_sqlbuf_add(&q, " AND j.customer_id IN (SELECT customer_id FROM customer_tags WHERE tag = ?4)");
	rc = q.oom ? cx_fail(err, CX_EINTERNAL, "out of memory") : cx_sql_prepare(db, q.s, &s, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_int(s, 1, f->since);
	cx_sql_bind_int(s, 2, f->until);
	cx_sql_bind_text(s, 3, f->channel);
	cx_sql_bind_text(s, 4, f->tag);
	int si = 0, ci = 0;
	while ((rc = cx_sql_step(s, err)) == CX_SQL_ROW)
		if (cx_jm_step(w, m, s, &si, &ci)) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
	cx_sql_finalize(s);
	if (rc < 0)
		return rc;
	m->customers = w->x.n;
	return CX_OK;
}

int64_t cx_jm_delay(const uint32_t *first, int nst, int a)
{
	for (int b = a + 1; b < nst; b++)
		if (first[b])
			return first[b] >= first[a] ? (int64_t)first[b] - (int64_t)first[a] : -1;
	return -1;
}

/* A customer's time from stage a to the next stage they reached. */
static int add_delay(cx_jm_work *w, int a, int64_t d)
{
	if (w->ndel[a] == w->cdel[a]) {
		size_t cap = w->cdel[a] ? 2 * w->cdel[a] : 64;
		int64_t *p = realloc(w->delays[a], cap * sizeof *p);
		if (!p)
			return CX_EINTERNAL;
		w->delays[a] = p;
		w->cdel[a] = cap;
	}
	w->delays[a][w->ndel[a]++] = d;
	return CX_OK;
}

/*
 * Per customer: reach, drop-off, and time from each stage to the next one
 * reached. Drop-off is judged at the end of the span mapped: nothing from
 * the customer for longer than the stale time.
 */
static int map_customers(cx_jm_work *w, cx_journey_map *m, int64_t now, cx_err *err)
{
	const cx_jm_index *x = &w->x;
	int nst = w->st.n, nch = w->ch.n;
	for (int64_t id = 0; id < x->cap; id++) {
		unsigned char *c = x->rec + (size_t)id * x->recsize;
		uint32_t alive = *(uint32_t *)(c + REC_ALIVE);
		if (!alive)
			continue;
		const unsigned char *bits = cx_jm_cell_bits(x, c);
		for (int k = 0; k < nst * nch; k++)
			w->cells[k].customers += (bits[k / 8] >> (k % 8)) & 1;
		int ls = *(int16_t *)(c + REC_STAGE), lc = *(int16_t *)(c + REC_CHANNEL);
		if (ls >= 0 && now - (int64_t)alive > m->stale)
			w->cells[ls * nch + lc].dropoff++;
		uint32_t *first = cx_jm_first_at(x, c);
		for (int a = 0; a < nst; a++) {
			if (!first[a])
				continue;
			m->stages[a].customers++;
			int64_t d = cx_jm_delay(first, nst, a);
			if (d >= 0 && add_delay(w, a, d))
				return cx_fail(err, CX_EINTERNAL, "out of memory");
		}
	}
	return CX_OK;
}

/* Per stage: its cells summed, the channel mix, the intervals, the median time to the next stage. */
void cx_jm_stages(cx_jm_work *w, cx_journey_map *m)
{
	int nch = w->ch.n;
	for (int a = 0; a < w->st.n; a++) {
		cx_stage_stat *g = &m->stages[a];
		const cx_jm_cell *row = &w->cells[a * nch];
		cx_mean emo = { 0 }, eff = { 0 };
		snprintf(g->name, sizeof g->name, "%s", w->st.name[a]);
		int order[64];
		int no = 0;
		for (int b = 0; b < nch; b++) {
			const cx_jm_cell *e = &row[b];
			g->touches += e->touches;
			g->cases += e->cases;
			g->replies += e->replies;
			g->dropoff += e->dropoff;
			g->negative += e->negative;
			g->hard += e->hard;
			emo.n += e->emotion_n;
			emo.sum += e->emotion_sum;
			emo.sumsq += e->emotion_sq;
			eff.n += e->effort_n;
			eff.sum += e->effort_sum;
			eff.sumsq += e->effort_sq;
			if (e->touches + e->cases + e->replies && no < 64)
				order[no++] = b;
		}
		/* the channel mix of the customers' contacts, busiest first */
		for (int i = 1; i < no; i++)
			for (int k = i; k > 0 && contacts(&row[order[k]]) > contacts(&row[order[k - 1]]); k--) {
				int t = order[k];
				order[k] = order[k - 1];
				order[k - 1] = t;
			}
		for (int i = 0; i < no && i < 4 && contacts(&row[order[i]]); i++) {
			char part[96];
			snprintf(part, sizeof part, "%s%s %.0f%%", i ? ", " : "", w->ch.name[order[i]],
				 100.0 * (double)contacts(&row[order[i]]) / (double)(g->touches + g->cases));
			strncat(g->mix, part, sizeof g->mix - strlen(g->mix) - 1);
		}
		cx_mean_compute(&emo, -2, 2);
		cx_mean_compute(&eff, 1, 7);
		g->emotion_n = emo.n;
		g->emotion_mean = emo.mean;
		g->emotion_lo = emo.lo;
		g->emotion_hi = emo.hi;
		g->emotion_ci = emo.has_interval;
		g->effort_n = eff.n;
		g->effort_mean = eff.mean;
		g->effort_lo = eff.lo;
		g->effort_hi = eff.hi;
		g->effort_ci = eff.has_interval;
		g->next_median = -1;
		if (w->ndel[a]) {
			qsort(w->delays[a], w->ndel[a], sizeof *w->delays[a], cmp_i64);
			g->next_median = w->delays[a][(w->ndel[a] - 1) / 2];
		}
	}
}

/* The hot spots: every cell with at least min contacts, ranked by friction. */
int cx_jm_hotspots(const cx_jm_work *w, int64_t min, cx_journey_map *m, cx_err *err)
{
	int nch = w->ch.n;
	m->hot = calloc((size_t)(w->st.n * nch) + 1, sizeof *m->hot);
	if (!m->hot)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	for (int a = 0; a < w->st.n; a++)
		for (int b = 0; b < nch; b++) {
			const cx_jm_cell *e = &w->cells[a * nch + b];
			int64_t n = contacts(e);
			if (n < min)
				continue;
			cx_hotspot *h = &m->hot[m->nhot++];
			snprintf(h->stage, sizeof h->stage, "%s", w->st.name[a]);
			snprintf(h->channel, sizeof h->channel, "%s", w->ch.name[b]);
			h->touches = e->touches;
			h->cases = e->cases;
			h->dropoff = e->dropoff;
			h->emotion_n = e->emotion_n;
			h->effort_n = e->effort_n;
			h->negative = e->emotion_n ? (double)e->negative / (double)e->emotion_n : 0;
			h->hard = e->effort_n ? (double)e->hard / (double)e->effort_n : 0;
			h->case_rate = (double)e->cases / (double)n;
			h->drop_rate = e->customers ? (double)e->dropoff / (double)e->customers : 0;
			/* weighed by the customers' contacts: the business's replies are not the customers' friction */
			h->score = cx_friction(h->negative, h->hard, h->case_rate, h->drop_rate, n);
		}
	/* Stable (insertion, over a few hundred cells at most): equal cells keep the journey's order,
	 * so the ranking is the same on every run. */
	for (int i = 1; i < m->nhot; i++) {
		cx_hotspot h = m->hot[i];
		int k = i;
		for (; k > 0 && cmp_hot(&m->hot[k - 1], &h) > 0; k--)
			m->hot[k] = m->hot[k - 1];
		m->hot[k] = h;
	}
	return CX_OK;
}

int cx_journey_map_compute(cx_db *db, const cx_journey_filter *f, cx_journey_map *m, cx_err *err)
{
	cx_jm_work w = { 0 };
	int rc;

	memset(m, 0, sizeof *m);
	m->stale = f->stale;
	if (!m->stale) {
		char buf[32];
		if ((rc = cx_setting_get(db, "stale", buf, sizeof buf, err)) || (rc = cx_duration_parse(buf, &m->stale, err)))
			return rc;
	}
	if (f->channel && (rc = cx_name_check(db, "channels", "channel", f->channel, err)))
		return rc;
	if ((rc = cx_jm_start(db, &w, 0, err)) || (rc = map_scan(db, f, &w, m, err)))
		goto out;
	m->stages = calloc((size_t)w.st.n + 1, sizeof *m->stages);
	if (!m->stages) {
		rc = cx_fail(err, CX_EINTERNAL, "out of memory");
		goto out;
	}
	m->nstages = w.st.n;
	if ((rc = map_customers(&w, m, f->until ? f->until : cx_db_now(db), err)))
		goto out;
	cx_jm_stages(&w, m);
	rc = cx_jm_hotspots(&w, f->min_touches > 0 ? f->min_touches : 5, m, err);
out:
	cx_jm_work_free(&w);
	if (rc)
		cx_journey_map_free(m);
	return rc;
}

void cx_journey_map_free(cx_journey_map *m)
{
	free(m->stages);
	free(m->hot);
	memset(m, 0, sizeof *m);
}

/* For people: which stages' emotion or effort rest on few ratings, so no one reads much into them. */
static void thin_stages(const cx_journey_map *m, cx_out *out)
{
	int shown = 0;
	for (int i = 0; i < m->nstages; i++) {
		const cx_stage_stat *g = &m->stages[i];
		const char *what[2] = { "emotion", "effort" };
		int64_t n[2] = { g->emotion_n, g->effort_n };
		char line[256];
		size_t used = (size_t)snprintf(line, sizeof line, "  %s:", g->name);
		int k = 0;
		for (int j = 0; j < 2; j++)
			if (n[j] && n[j] < CX_SMALL_SAMPLE)
				used += (size_t)snprintf(line + used, sizeof line - used, "%s %s on %lld rating%s", k++ ? "," : "",
							 what[j], (long long)n[j], n[j] == 1 ? "" : "s");
		if (!k)
			continue;
		if (!shown++)
			cx_out_text(out, "Thin figures: fewer than 30 ratings, so their intervals are wide:");
		cx_out_text(out, line);
	}
}

void cx_journey_map_write(const cx_journey_map *m, int top, cx_out *out)
{
	static const cx_col stage_cols[] = {
		{ "stage", CX_T_TEXT, 0, 0 },
		{ "customers", CX_T_INT, 0, 0 },
		{ "touchpoints", CX_T_INT, 0, 0 },
		{ "emotion", CX_T_REAL, 0, 2 },
		{ "emotion_lo", CX_T_REAL, CX_COL_HIDE, 2 },
		{ "emotion_hi", CX_T_REAL, CX_COL_HIDE, 2 },
		{ "emotion_n", CX_T_INT, CX_COL_HIDE, 0 },
		{ "emotion_small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
		{ "negative", CX_T_REAL, 0, 1 },
		{ "effort", CX_T_REAL, 0, 2 },
		{ "effort_lo", CX_T_REAL, CX_COL_HIDE, 2 },
		{ "effort_hi", CX_T_REAL, CX_COL_HIDE, 2 },
		{ "effort_n", CX_T_INT, CX_COL_HIDE, 0 },
		{ "effort_small_sample", CX_T_BOOL, CX_COL_HIDE, 0 },
		{ "cases", CX_T_INT, 0, 0 },
		{ "replies", CX_T_INT, 0, 0 },
		{ "dropoff", CX_T_INT, 0, 0 },
		{ "next_stage_median_s", CX_T_SECS, 0, 0 },
		{ "channels", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	static const cx_col hot_cols[] = {
		{ "rank", CX_T_INT, 0, 0 },
		{ "stage", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "friction", CX_T_REAL, 0, 1 },
		{ "touchpoints", CX_T_INT, 0, 0 },
		{ "cases", CX_T_INT, 0, 0 },
		{ "negative", CX_T_REAL, 0, 1 },
		{ "hard", CX_T_REAL, 0, 1 },
		{ "case_rate", CX_T_REAL, 0, 1 },
		{ "dropoff_rate", CX_T_REAL, 0, 1 },
	};
	cx_out_begin(out, "stages", "Stages", CX_LAY_TABLE, CX_COLS(stage_cols));
	for (int i = 0; i < m->nstages; i++) {
		const cx_stage_stat *g = &m->stages[i];
		cx_val v[] = {
			CX_TEXTV(g->name),
			CX_INTV(g->customers),
			CX_INTV(g->touches),
			g->emotion_n ? CX_REALV(g->emotion_mean) : CX_NULLV,
			g->emotion_ci ? CX_REALV(g->emotion_lo) : CX_NULLV,
			g->emotion_ci ? CX_REALV(g->emotion_hi) : CX_NULLV,
			CX_INTV(g->emotion_n),
			g->emotion_n ? CX_INTV(g->emotion_n < CX_SMALL_SAMPLE) : CX_NULLV,
			g->emotion_n ? CX_REALV(100.0 * (double)g->negative / (double)g->emotion_n) : CX_NULLV,
			g->effort_n ? CX_REALV(g->effort_mean) : CX_NULLV,
			g->effort_ci ? CX_REALV(g->effort_lo) : CX_NULLV,
			g->effort_ci ? CX_REALV(g->effort_hi) : CX_NULLV,
			CX_INTV(g->effort_n),
			g->effort_n ? CX_INTV(g->effort_n < CX_SMALL_SAMPLE) : CX_NULLV,
			CX_INTV(g->cases),
			CX_INTV(g->replies),
			CX_INTV(g->dropoff),
			g->next_median >= 0 ? CX_INTV(g->next_median) : CX_NULLV,
			CX_TEXTV(g->mix),
		};
		cx_out_row(out, v);
	}
	cx_out_end(out);
	thin_stages(m, out);
	cx_out_begin(out, "hotspots", "Friction hot spots (stage x channel)", CX_LAY_TABLE, CX_COLS(hot_cols));
	for (int i = 0; i < m->nhot && (top <= 0 || i < top); i++) {
		const cx_hotspot *h = &m->hot[i];
		cx_val v[] = {
			CX_INTV(i + 1),
			CX_TEXTV(h->stage),
			CX_TEXTV(h->channel),
			CX_REALV(h->score),
			CX_INTV(h->touches),
			CX_INTV(h->cases),
			h->emotion_n ? CX_REALV(100 * h->negative) : CX_NULLV,
			h->effort_n ? CX_REALV(100 * h->hard) : CX_NULLV,
			CX_REALV(100 * h->case_rate),
			CX_REALV(100 * h->drop_rate),
		};
		cx_out_row(out, v);
	}
	cx_out_end(out);
}

int cx_journey_brief_ask(cx_db *db, int64_t customer_id, cx_asked *q, cx_err *err)
{
	int rc = cx_ask(db, q,
			"SELECT at, stage, channel, kind, emotion, summary FROM journey WHERE customer_id = ?1"
			" ORDER BY at DESC, kind, ref DESC LIMIT 6",
			customer_id, 0, err);
	/* The trend: the mean emotion of the latest five rated touchpoints against the five before. */
	return rc ? rc
		  : cx_ask(db, q,
			   "SELECT (SELECT count(*) FROM journey WHERE customer_id = ?1),"
			   " (SELECT avg(emotion) FROM (SELECT emotion FROM journey WHERE customer_id = ?1"
			   "   AND emotion IS NOT NULL ORDER BY at DESC, kind, ref DESC LIMIT 5) AS s),"
			   " (SELECT avg(emotion) FROM (SELECT emotion FROM journey WHERE customer_id = ?1"
			   "   AND emotion IS NOT NULL ORDER BY at DESC, kind, ref DESC LIMIT 5 OFFSET 5) AS s)",
			   customer_id, 0, err);
}

int cx_journey_brief_show(cx_asked *q, cx_out *out, cx_err *err)
{
	static const cx_col cols[] = {
		{ "at", CX_T_TIME, 0, 0 },
		{ "stage", CX_T_TEXT, 0, 0 },
		{ "channel", CX_T_TEXT, 0, 0 },
		{ "kind", CX_T_TEXT, 0, 0 },
		{ "emotion", CX_T_INT, 0, 0 },
		{ "summary", CX_T_TEXT, CX_COL_WIDE, 0 },
	};
	static const cx_col trend_cols[] = {
		{ "touchpoints", CX_T_INT, 0, 0 },
		{ "emotion_recent", CX_T_REAL, 0, 2 },
		{ "emotion_before", CX_T_REAL, 0, 2 },
		{ "trend", CX_T_TEXT, 0, 0 },
	};
	cx_out_begin(out, "journey", "Journey so far (latest first)", CX_LAY_TABLE, CX_COLS(cols));
	int rc = cx_sql_to_out(cx_asked_next(q), out, err);
	if (rc)
		return rc;
	cx_out_end(out);
	cx_stmt *st = cx_asked_next(q);
	rc = cx_sql_step(st, err);
	if (rc == CX_SQL_ROW && !cx_sql_null(st, 1)) {
		double now = cx_sql_real(st, 1);
		int before = !cx_sql_null(st, 2);
		double was = before ? cx_sql_real(st, 2) : 0;
		const char *trend = !before ? "too early to tell" : now > was + 0.25 ? "improving"
							    : now < was - 0.25 ? "worsening" : "steady";
		cx_out_begin(out, "emotion", "Emotion", CX_LAY_RECORD, CX_COLS(trend_cols));
		cx_val v[] = { cx_sql_val(st, 0), CX_REALV(now), before ? CX_REALV(was) : CX_NULLV, CX_TEXTV(trend) };
		cx_out_row(out, v);
		cx_out_end(out);
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

int cx_journey_brief(cx_db *db, int64_t customer_id, cx_out *out, cx_err *err)
{
	cx_asked q = { 0 };
	int rc = cx_journey_brief_ask(db, customer_id, &q, err);
	if (rc == CX_OK)
		rc = cx_journey_brief_show(&q, out, err);
	cx_asked_free(&q);
	return rc;
}
