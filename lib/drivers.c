/*
 * Key drivers of the willingness to recommend: for each customer's latest
 * NPS answer, what their journey was like before it (each stage's mean
 * emotion and effort), the CSAT and CES they gave with it, the cases they
 * had opened and how fast those were first answered. Johnson's relative
 * weights share the R² of the NPS answer among these drivers even when
 * they move together, as stages of one journey do; a seeded bootstrap
 * says how sure each share is; the regression coefficient says what one
 * point better would be worth on the 0-10 answer.
 *
 * Three scans (responses, touchpoints, cases), joined in C by customer:
 * no sort, no per-row query.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "cx/drivers.h"
#include "cx/journey.h"
#include "cx/survey.h"

#include "intmap.h"
#include "store/sql.h"

static int oom(cx_err *err)
{
	return cx_fail(err, CX_EINTERNAL, "out of memory");
}

/* ---- Johnson's relative weights ---- */

int cx_relative_weights(const double *corr, int p, double *raw, double *beta, double *r2, cx_err *err)
{
	int q = p + 1, rc = CX_OK;
	gsl_matrix *a = gsl_matrix_alloc((size_t)p, (size_t)p), *v = gsl_matrix_alloc((size_t)p, (size_t)p);
	gsl_vector *l = gsl_vector_alloc((size_t)p);
	gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc((size_t)p);
	double *bz = malloc((size_t)p * sizeof *bz);

	if (!a || !v || !l || !w || !bz) {
		rc = oom(err);
		goto out;
	}
	for (int i = 0; i < p; i++)
		for (int j = 0; j < p; j++)
			gsl_matrix_set(a, (size_t)i, (size_t)j, corr[i * q + j]);
	gsl_eigen_symmv(a, l, v, w);
	double top = 0;
	for (int k = 0; k < p; k++)
		top = fmax(top, gsl_vector_get(l, (size_t)k));
	for (int k = 0; k < p; k++) {
		if (gsl_vector_get(l, (size_t)k) < 1e-9 * (top > 0 ? top : 1)) {
			rc = cx_fail(err, CX_EDATA, "the drivers' correlation matrix is singular");
			goto out;
		}
	}
	/*
	 * Z = X R^-1/2 are the orthogonal variables closest to the drivers;
	 * bz regresses the outcome on them (R^-1/2 r_xy), and R^1/2, whose
	 * squared entries say how much of each Z is each driver, shares bz²
	 * out among the drivers.
	 */
	for (int i = 0; i < p; i++) {
		double sz = 0, sb = 0;
		for (int k = 0; k < p; k++) {
			double vk = 0; /* (V' r_xy)_k */
			for (int j = 0; j < p; j++)
				vk += gsl_matrix_get(v, (size_t)j, (size_t)k) * corr[j * q + p];
			double lk = gsl_vector_get(l, (size_t)k), vik = gsl_matrix_get(v, (size_t)i, (size_t)k);
			sz += vik * vk / sqrt(lk);
			sb += vik * vk / lk;
		}
		bz[i] = sz;
		beta[i] = sb;
	}
	*r2 = 0;
	for (int i = 0; i < p; i++)
		*r2 += bz[i] * bz[i];
	for (int j = 0; j < p; j++) {
		raw[j] = 0;
		for (int k = 0; k < p; k++) {
			double s = 0; /* (R^1/2)_jk */
			for (int m = 0; m < p; m++)
				s += gsl_matrix_get(v, (size_t)j, (size_t)m) * sqrt(gsl_vector_get(l, (size_t)m)) *
				     gsl_matrix_get(v, (size_t)k, (size_t)m);
			raw[j] += s * s * bz[k] * bz[k];
		}
	}
out:
	gsl_matrix_free(a);
	gsl_matrix_free(v);
	gsl_vector_free(l);
	if (w)
		gsl_eigen_symmv_free(w);
	free(bz);
	return rc;
}

/* ---- the drivers of each respondent ---- */

/* What a driver measures, and which way is better. */
typedef enum measure { M_EMOTION, M_EFFORT, M_CSAT, M_CES, M_CASES, M_FIRST_RESPONSE, NMEASURES } measure;
static const char *const measure_names[] = { "emotion", "effort", "csat", "ces", "cases", "first_response_h" };

typedef struct driver {
	char name[96];
	const char *stage; /* NULL: not a stage's */
	measure m;
	int64_t known;     /* respondents with a value */
} driver;

typedef struct data {
	char **stages;
	int nstages;
	driver *d;
	int nd;
	int64_t n;        /* respondents: each customer's latest NPS answer */
	int64_t *cust, *at;
	double *y;
	double *x;        /* n x nd, NAN where unknown; stage columns hold sums until finished */
	int32_t *cnt;     /* n x 2 nstages: touches counted in each stage column */
	int64_t *journey; /* touches before the answer */
	cx_intmap by_customer;
} data;

static void data_free(data *dt)
{
	for (int i = 0; i < dt->nstages; i++)
		free(dt->stages[i]);
	free(dt->stages);
	free(dt->d);
	free(dt->cust);
	free(dt->at);
	free(dt->y);
	free(dt->x);
	free(dt->cnt);
	free(dt->journey);
	cx_intmap_free(&dt->by_customer);
}

static int load_stages(cx_db *db, data *dt, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, "SELECT name FROM stages ORDER BY position, name", &st, err);
	if (rc)
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char **s = realloc(dt->stages, (size_t)(dt->nstages + 1) * sizeof *s);
		if (!s || !(s[dt->nstages] = strdup(cx_sql_text(st, 0)))) {
			if (s)
				dt->stages = s;
			rc = oom(err);
			break;
		}
		dt->stages = s;
		dt->nstages++;
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	dt->nd = 2 * dt->nstages + 4;
	if (!(dt->d = calloc((size_t)dt->nd, sizeof *dt->d)))
		return oom(err);
	for (int i = 0; i < dt->nstages; i++) {
		for (int k = 0; k < 2; k++) {
			driver *d = &dt->d[2 * i + k];
			d->stage = dt->stages[i];
			d->m = k ? M_EFFORT : M_EMOTION;
			snprintf(d->name, sizeof d->name, "%s %s", dt->stages[i], measure_names[d->m]);
		}
	}
	for (int k = 0; k < 4; k++) {
		driver *d = &dt->d[2 * dt->nstages + k];
		d->m = (measure)(M_CSAT + k);
		snprintf(d->name, sizeof d->name, "%s", measure_names[d->m]);
	}
	return CX_OK;
}

/* Each customer's latest complete NPS answer in the window. */
static int load_answers(cx_db *db, const cx_drivers_opts *o, data *dt, cx_err *err)
{
	cx_sqlbuf q = { 0 };
	cx_stmt *st;
	int rc;
	int64_t cap = 0;

	cx_sqlbuf_add(&q, "SELECT r.customer_id, r.at, r.nps, r.csat, r.ces, r.id FROM responses r"
			  " WHERE r.complete = 1 AND r.nps IS NOT NULL AND r.customer_id IS NOT NULL");
	if (o->since)
		cx_sqlbuf_add(&q, " AND r.at >= ?1");
	if (o->until)
		cx_sqlbuf_add(&q, " AND r.at < ?2");
	if (o->survey)
		cx_sqlbuf_add(&q, " AND r.survey_id = (SELECT id FROM surveys WHERE lower(name) = lower(?3))");
	rc = q.oom ? oom(err) : cx_sql_prepare(db, q.s, &st, err);
	cx_sqlbuf_free(&q);
	if (rc)
		return rc;
	cx_sql_bind_int(st, 1, o->since);
	cx_sql_bind_int(st, 2, o->until);
	cx_sql_bind_text(st, 3, o->survey);
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		int64_t c = cx_sql_int(st, 0), at = cx_sql_int(st, 1), i;
		int added;
		int64_t *slot = cx_intmap_at(&dt->by_customer, (uint64_t)c, &added);
		if (!slot) {
			rc = oom(err);
			break;
		}
		if (added) {
			if (dt->n == cap) {
				cap = cap ? 2 * cap : 1024;
				int64_t *cu = realloc(dt->cust, (size_t)cap * sizeof *cu);
				if (cu)
					dt->cust = cu;
				int64_t *a = cu ? realloc(dt->at, (size_t)cap * sizeof *a) : NULL;
				if (a)
					dt->at = a;
				double *y = a ? realloc(dt->y, (size_t)cap * sizeof *y) : NULL;
				if (y)
					dt->y = y;
				double *x = y ? realloc(dt->x, (size_t)cap * (size_t)dt->nd * sizeof *x) : NULL;
				if (x)
					dt->x = x;
				if (!x) {
					rc = oom(err);
					break;
				}
			}
			*slot = dt->n++;
			i = *slot;
		} else {
			i = *slot;
			/* the latest answer (ties: the later row) */
			if (at < dt->at[i])
				continue;
		}
		dt->cust[i] = c;
		dt->at[i] = at;
		dt->y[i] = (double)cx_sql_int(st, 2);
		double *x = &dt->x[i * dt->nd];
		for (int k = 0; k < dt->nd; k++)
			x[k] = 0;
		x[2 * dt->nstages + M_CSAT - M_CSAT] = cx_sql_null(st, 3) ? NAN : (double)cx_sql_int(st, 3);
		x[2 * dt->nstages + M_CES - M_CSAT] = cx_sql_null(st, 4) ? NAN : (double)cx_sql_int(st, 4);
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

/* The touchpoints before each answer, summed by stage; then the cases. */
static int load_journeys(cx_db *db, data *dt, cx_err *err)
{
	cx_stmt *st;
	int rc, ns = dt->nstages, last = -1;

	dt->cnt = calloc((size_t)(dt->n ? dt->n : 1) * (size_t)(ns > 0 ? 2 * ns : 1), sizeof *dt->cnt);
	dt->journey = calloc((size_t)(dt->n ? dt->n : 1), sizeof *dt->journey);
	if (!dt->cnt || !dt->journey)
		return oom(err);
	rc = cx_sql_prepare(db,
			    "SELECT customer_id, at, stage, emotion, effort FROM touchpoints"
			    " WHERE emotion IS NOT NULL OR effort IS NOT NULL",
			    &st, err);
	if (rc)
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		const int64_t *slot = cx_intmap_find(&dt->by_customer, (uint64_t)cx_sql_int(st, 0));
		if (!slot || cx_sql_int(st, 1) >= dt->at[*slot])
			continue;
		/* the stage: the row before's again, else looked for (a journey's rows change stage at every row) */
		const char *stage = cx_sql_text(st, 2);
		if (last < 0 || strcmp(stage, dt->stages[last])) {
			last = -1;
			for (int k = 0; k < ns && last < 0; k++)
				if (!strcmp(dt->stages[k], stage))
					last = k;
		}
		if (last < 0)
			continue;
		int64_t i = *slot;
		double *x = &dt->x[i * dt->nd];
		int32_t *c = &dt->cnt[i * 2 * ns];
		dt->journey[i]++;
		if (!cx_sql_null(st, 3)) {
			x[2 * last] += (double)cx_sql_int(st, 3);
			c[2 * last]++;
		}
		if (!cx_sql_null(st, 4)) {
			x[2 * last + 1] += (double)cx_sql_int(st, 4);
			c[2 * last + 1]++;
		}
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	/* cases opened before the answer, and the hours to their first response */
	if ((rc = cx_sql_prepare(db, "SELECT customer_id, opened_at, first_response_at FROM cases", &st, err)))
		return rc;
	double *hours = calloc((size_t)(dt->n ? dt->n : 1), sizeof *hours);
	int32_t *answered = calloc((size_t)(dt->n ? dt->n : 1), sizeof *answered);
	if (!hours || !answered) {
		free(hours);
		free(answered);
		cx_sql_finalize(st);
		return oom(err);
	}
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		const int64_t *slot = cx_intmap_find(&dt->by_customer, (uint64_t)cx_sql_int(st, 0));
		int64_t opened = cx_sql_int(st, 1);
		if (!slot || opened >= dt->at[*slot])
			continue;
		int64_t i = *slot;
		dt->x[i * dt->nd + 2 * ns + M_CASES - M_CSAT] += 1;
		if (!cx_sql_null(st, 2) && cx_sql_int(st, 2) <= dt->at[i]) {
			hours[i] += (double)(cx_sql_int(st, 2) - opened) / 3600.0;
			answered[i]++;
		}
	}
	cx_sql_finalize(st);
	for (int64_t i = 0; rc >= 0 && i < dt->n; i++) {
		double *x = &dt->x[i * dt->nd];
		int32_t *c = &dt->cnt[i * 2 * ns];
		for (int k = 0; k < 2 * ns; k++)
			x[k] = c[k] ? x[k] / c[k] : NAN;
		x[2 * ns + M_FIRST_RESPONSE - M_CSAT] = answered[i] ? hours[i] / answered[i] : NAN;
		if (!dt->journey[i])
			continue;
		for (int k = 0; k < dt->nd; k++)
			dt->d[k].known += !isnan(x[k]);
	}
	free(hours);
	free(answered);
	return rc < 0 ? rc : CX_OK;
}

/* ---- the fit ---- */

typedef struct fit {
	double *raw, *beta, *b, *mean, *sd;
	double r2;
} fit;

/*
 * The fit from the sums of a sample: tw its total weight, mean[] the sums of
 * each column (outcome last), cov[] the sums of products (upper triangle of
 * q x q), both replaced by the means and the covariances; corr[] gets the
 * correlations. CX_ENOTFOUND when a column does not vary.
 */
static int fit_sums(double tw, double *mean, double *cov, double *corr, int p, fit *f, cx_err *err)
{
	int q = p + 1;
	for (int j = 0; j < q; j++)
		mean[j] /= tw;
	for (int j = 0; j < q; j++) {
		for (int k = j; k < q; k++) {
			cov[j * q + k] -= tw * mean[j] * mean[k];
			cov[k * q + j] = cov[j * q + k];
		}
		if (cov[j * q + j] <= 1e-12 * tw)
			return CX_ENOTFOUND; /* a driver that does not vary here: no weights */
	}
	for (int j = 0; j < q; j++)
		for (int k = 0; k < q; k++)
			corr[j * q + k] = cov[j * q + k] / sqrt(cov[j * q + j] * cov[k * q + k]);
	int rc = cx_relative_weights(corr, p, f->raw, f->beta, &f->r2, err);
	if (rc)
		return rc;
	for (int j = 0; j < q; j++) {
		f->mean[j] = mean[j];
		f->sd[j] = sqrt(cov[j * q + j] / tw);
	}
	for (int j = 0; j < p; j++)
		f->b[j] = f->beta[j] * f->sd[p] / f->sd[j];
	return CX_OK;
}

/*
 * Relative weights and unstandardized coefficients of the rows (n x (p + 1),
 * outcome last, centred beforehand so that sums of products lose nothing),
 * each weighed by w[i] (a bootstrap's multiplicity) or 1: one pass.
 * scratch: q + 2 q² doubles (the means, the covariances, the correlations).
 */
static int fit_rows(const double *rows, int64_t n, int p, const uint32_t *w, fit *f, double *scratch, cx_err *err)
{
	int q = p + 1;
	double *mean = scratch, *cov = scratch + q, *corr = cov + q * q, tw = 0;
	memset(scratch, 0, (size_t)(q + 2 * q * q) * sizeof *scratch);
	for (int64_t i = 0; i < n; i++) {
		double wi = w ? w[i] : 1;
		if (!wi)
			continue;
		const double *r = &rows[i * q];
		tw += wi;
		for (int j = 0; j < q; j++) {
			double dj = wi * r[j];
			mean[j] += dj;
			for (int k = j; k < q; k++)
				cov[j * q + k] += dj * r[k];
		}
	}
	return fit_sums(tw, mean, cov, corr, p, f, err);
}

/*
 * Resampling by blocks. The rows are dealt at random (seeded) into K blocks
 * of equal size (give or take one), and each block keeps its count, its
 * column sums and its sums of products: K x (1 + q + q(q + 1) / 2) numbers.
 * A resample draws K blocks with replacement, and its sums are the blocks'
 * sums times how often each was drawn: K multiply-adds of one short vector
 * instead of a pass over every row. The blocks are random groups of
 * respondents, so their sums are independent and alike, and the spread of
 * a resample of K blocks is that of a resample of the n respondents.
 */
typedef struct blocks {
	int64_t k;
	int len; /* numbers per block */
	double *s;
} blocks;

static int blocks_make(const double *rows, int64_t n, int q, int64_t k, gsl_rng *rng, blocks *bl)
{
	int64_t *order = malloc((size_t)n * sizeof *order);
	bl->k = k;
	bl->len = 1 + q + q * (q + 1) / 2;
	bl->s = calloc((size_t)k * (size_t)bl->len, sizeof *bl->s);
	if (!order || !bl->s) {
		free(order);
		return -1;
	}
	for (int64_t i = 0; i < n; i++)
		order[i] = i;
	for (int64_t i = n - 1; i > 0; i--) { /* Fisher-Yates */
		int64_t j = (int64_t)gsl_rng_uniform_int(rng, (unsigned long)(i + 1)), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (int64_t b = 0; b < k; b++) {
		double *s = &bl->s[b * bl->len];
		for (int64_t i = b * n / k; i < (b + 1) * n / k; i++) {
			const double *r = &rows[order[i] * q];
			double *t = s + 1 + q;
			s[0] += 1;
			for (int j = 0; j < q; j++) {
				s[1 + j] += r[j];
				for (int m = j; m < q; m++)
					*t++ += r[j] * r[m];
			}
		}
	}
	free(order);
	return 0;
}

/* A resample of the blocks: the sums weighed by c[b], into the scratch layout of fit_rows. */
static int fit_blocks(const blocks *bl, const uint32_t *c, int p, fit *f, double *scratch, double *acc, cx_err *err)
{
	int q = p + 1, len = bl->len;
	memset(acc, 0, (size_t)len * sizeof *acc);
	for (int64_t b = 0; b < bl->k; b++) {
		if (!c[b])
			continue;
		double cb = c[b];
		const double *s = &bl->s[b * len];
		for (int j = 0; j < len; j++)
			acc[j] += cb * s[j];
	}
	double *mean = scratch, *cov = scratch + q, *corr = cov + q * q;
	const double *t = acc + 1 + q;
	for (int j = 0; j < q; j++) {
		mean[j] = acc[1 + j];
		for (int m = j; m < q; m++)
			cov[j * q + m] = *t++;
	}
	return fit_sums(acc[0], mean, cov, corr, p, f, err);
}

int cx_drivers_bootstrap(const double *rows, int64_t n, int p, int64_t resamples, int64_t nblocks, unsigned long seed,
			 double *weight, double *coef, double *r2, int64_t *kept, cx_err *err)
{
	int q = p + 1, rc = CX_OK;
	int64_t B = resamples, k = nblocks > 0 ? nblocks : CX_DRIVERS_BLOCKS;
	blocks bl = { 0 };
	if (k >= n)
		k = n; /* each respondent drawn on their own */
	double *mem = calloc((size_t)(6 * q + 2 * q * q) + (size_t)(1 + q + q * (q + 1) / 2), sizeof *mem);
	uint32_t *w = calloc((size_t)(k ? k : 1), sizeof *w);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	*kept = 0;
	if (!mem || !w || !rng) {
		rc = oom(err);
		goto out;
	}
	gsl_rng_set(rng, seed);
	if (k < n && blocks_make(rows, n, q, k, rng, &bl)) {
		rc = oom(err);
		goto out;
	}
	fit g = { .raw = mem, .beta = mem + q, .b = mem + 2 * q, .mean = mem + 3 * q, .sd = mem + 4 * q };
	double *scratch = mem + 5 * q, *acc = scratch + q + 2 * q * q;
	for (int64_t r = 0; r < B; r++) {
		cx_err ignored;
		memset(w, 0, (size_t)k * sizeof *w);
		for (int64_t i = 0; i < k; i++)
			w[gsl_rng_uniform_int(rng, (unsigned long)k)]++;
		/* a resample where a driver does not vary, or two coincide, has no weights: it is left out */
		if ((bl.s ? fit_blocks(&bl, w, p, &g, scratch, acc, &ignored)
			  : fit_rows(rows, n, p, w, &g, scratch, &ignored)) != CX_OK)
			continue;
		for (int j = 0; j < p; j++) {
			weight[j * B + *kept] = 100 * g.raw[j] / g.r2;
			coef[j * B + *kept] = g.b[j];
		}
		r2[*kept] = g.r2;
		++*kept;
	}
out:
	free(bl.s);
	free(mem);
	free(w);
	if (rng)
		gsl_rng_free(rng);
	return rc;
}

/* Which way is better: more emotion, ease, CSAT, CES; fewer cases, sooner answers. */
static double better(measure m)
{
	return m == M_CASES || m == M_FIRST_RESPONSE ? -1 : 1;
}

static void sentence(const driver *d, double effect, double lo, double hi, char *buf, size_t size)
{
	char what[160];
	switch (d->m) {
	case M_EMOTION: snprintf(what, sizeof what, "if %s felt one point better", d->stage); break;
	case M_EFFORT: snprintf(what, sizeof what, "if %s were one point easier", d->stage); break;
	case M_CSAT: snprintf(what, sizeof what, "if CSAT were one point higher"); break;
	case M_CES: snprintf(what, sizeof what, "if CES were one point higher (easier)"); break;
	case M_CASES: snprintf(what, sizeof what, "with one case fewer"); break;
	default: snprintf(what, sizeof what, "if cases were first answered an hour sooner"); break;
	}
	snprintf(buf, size, "%s, recommend moves by about %+.2f (%+.2f to %+.2f)", what, effect, lo, hi);
}

static const cx_col fit_cols[] = {
	{ "respondents", CX_T_INT, 0, 0 }, { "with_journey", CX_T_INT, 0, 0 }, { "n", CX_T_INT, 0, 0 },
	{ "drivers", CX_T_INT, 0, 0 },	   { "r2", CX_T_REAL, 0, 3 },	       { "r2_lo", CX_T_REAL, 0, 3 },
	{ "r2_hi", CX_T_REAL, 0, 3 },	   { "bootstrap", CX_T_INT, 0, 0 },    { "seed", CX_T_INT, 0, 0 },
	{ "left_out", CX_T_TEXT, 0, 0 },
};
enum { NFCOLS = sizeof fit_cols / sizeof fit_cols[0] };

static const cx_col driver_cols[] = {
	{ "rank", CX_T_INT, 0, 0 },
	{ "driver", CX_T_TEXT, 0, 0 },
	{ "stage", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "measure", CX_T_TEXT, CX_COL_HIDE, 0 },
	{ "mean", CX_T_REAL, 0, 2 },
	{ "coverage_pct", CX_T_REAL, CX_COL_HIDE, 1 },
	{ "weight_pct", CX_T_REAL, 0, 1 },
	{ "weight_lo", CX_T_REAL, 0, 1 },
	{ "weight_hi", CX_T_REAL, 0, 1 },
	{ "raw_weight", CX_T_REAL, CX_COL_HIDE, 4 },
	{ "effect", CX_T_REAL, 0, 2 },
	{ "effect_lo", CX_T_REAL, 0, 2 },
	{ "effect_hi", CX_T_REAL, 0, 2 },
	{ "meaning", CX_T_TEXT, CX_COL_WIDE | CX_COL_HIDE, 0 },
};
enum { NDCOLS = sizeof driver_cols / sizeof driver_cols[0] };

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The 2.5% and 97.5% points of v (sorted in place), by linear interpolation. */
static void interval(double *v, int64_t n, double *lo, double *hi)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	*lo = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, 0.025);
	*hi = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, 0.975);
}

typedef struct ranked {
	int j;
	double w;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	return (x->w < y->w) - (x->w > y->w);
}

static void chart(cx_out *out, const data *dt, const int *use, const ranked *rk, int p, const double *lo,
		  const double *hi, double r2, int64_t n)
{
	const char *labels[64];
	double v[64], l[64], h[64];
	for (int k = 0; k < p; k++) {
		int j = rk[k].j;
		labels[k] = dt->d[use[j]].name;
		v[k] = rk[k].w;
		l[k] = isnan(lo[j]) ? 1 : lo[j];
		h[k] = isnan(hi[j]) ? 0 : hi[j];
	}
	char sub[160];
	snprintf(sub, sizeof sub, "each driver's share of R\xc2\xb2 = %.2f, on %lld respondents; lines: 95%% bootstrap intervals",
		 r2, (long long)n);
	char *svg = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&svg, &len);
	if (!mem)
		return;
	cx_chart_hbars_svg(mem, "What drives the recommend score", sub, labels, v, l, h, p);
	if (fclose(mem) == 0)
		cx_out_raw(out, svg);
	free(svg);
}

/* The drivers left out, and why, as the fit record says them: "a (known for 3), b (does not vary)". */
typedef struct left_out {
	char text[1024];
	size_t used;
} left_out;

static void leave(left_out *l, const char *name, const char *why)
{
	if (l->used >= sizeof l->text)
		return;
	l->used += (size_t)snprintf(l->text + l->used, sizeof l->text - l->used, "%s%s (%s)", l->used ? ", " : "", name, why);
}

/* The drivers known for enough of the respondents with a journey (at most 60), into use[]; the others are left. */
static int pick_drivers(const data *dt, int64_t with_journey, int *use, int *p, left_out *left, cx_err *err)
{
	*p = 0;
	for (int k = 0; k < dt->nd; k++) {
		if (100 * dt->d[k].known >= CX_DRIVERS_COVERAGE * with_journey && *p < 60)
			use[(*p)++] = k;
		else if (dt->d[k].known) {
			char why[48];
			snprintf(why, sizeof why, "known for %lld", (long long)dt->d[k].known);
			leave(left, dt->d[k].name, why);
		}
	}
	if (!*p)
		return cx_fail(err, CX_EDATA,
			       "drivers: no driver is known for at least %d%% of the %lld respondents with a journey", CX_DRIVERS_COVERAGE,
			       (long long)with_journey);
	return CX_OK;
}

/* The respondents who have every driver in use[], a row each, outcome last; *rows is the caller's to free. */
static int complete_rows(const data *dt, const int *use, int p, int64_t with_journey, double **rows, int64_t *n,
			 cx_err *err)
{
	double *r = malloc((size_t)(with_journey * (p + 1)) * sizeof *r);
	if (!r)
		return oom(err);
	*n = 0;
	for (int64_t i = 0; i < dt->n; i++) {
		if (!dt->journey[i])
			continue;
		const double *x = &dt->x[i * dt->nd];
		int all = 1;
		for (int j = 0; j < p && all; j++)
			all = !isnan(x[use[j]]);
		if (!all)
			continue;
		for (int j = 0; j < p; j++)
			r[*n * (p + 1) + j] = x[use[j]];
		r[*n * (p + 1) + p] = dt->y[i];
		(*n)++;
	}
	*rows = r;
	return CX_OK;
}

/* A driver that does not vary among the n rows explains nothing: out of rows[] and use[], and said. */
static void drop_constant(const data *dt, double *rows, int64_t n, int *use, int *p, left_out *left)
{
	for (int j = 0; j < *p;) {
		double lo = INFINITY, hi = -INFINITY;
		for (int64_t i = 0; i < n; i++) {
			lo = fmin(lo, rows[i * (*p + 1) + j]);
			hi = fmax(hi, rows[i * (*p + 1) + j]);
		}
		if (n && lo < hi) {
			j++;
			continue;
		}
		leave(left, dt->d[use[j]].name, "does not vary");
		for (int64_t i = 0; i < n; i++) {
			memmove(&rows[i * *p], &rows[i * (*p + 1)], (size_t)j * sizeof *rows);
			memmove(&rows[i * *p + j], &rows[i * (*p + 1) + j + 1], (size_t)(*p - j) * sizeof *rows);
		}
		memmove(&use[j], &use[j + 1], (size_t)(*p - j - 1) * sizeof *use);
		(*p)--;
	}
}

/* The two drivers that move together most (the correlations fit_rows left in scratch), named in the refusal. */
static int inseparable(const data *dt, const int *use, int p, const double *scratch, cx_err *err)
{
	int q = p + 1, a = 0, b = 1;
	double best = -1;
	for (int j = 0; j < p; j++)
		for (int k = j + 1; k < p; k++) {
			double r = fabs(scratch[q + q * q + j * q + k]);
			if (r > best)
				best = r, a = j, b = k;
		}
	return cx_fail(err, CX_EDATA,
		       "drivers: %s and %s move together (correlation %.3f) so closely that their shares cannot be told apart",
		       dt->d[use[a]].name, dt->d[use[b]].name, best);
}

/* What analyse found, as the tables show it. */
typedef struct found {
	const int *use;
	int p;
	int64_t with_journey, n, kept, seed;
	const char *left; /* NULL: no driver was left out */
	fit f;
	const double *centre;
	double wlo[64], whi[64], elo[64], ehi[64], r2lo, r2hi;
	ranked rk[64];
} found;

/* The 95% intervals of the weights, the effects and R² over the kept resamples, and the drivers by weight. */
static void summarise(found *r, double *bw, double *be, double *br, int64_t B)
{
	for (int j = 0; j < r->p; j++) {
		r->wlo[j] = r->whi[j] = r->elo[j] = r->ehi[j] = NAN;
		if (r->kept >= 2) {
			interval(&bw[j * B], r->kept, &r->wlo[j], &r->whi[j]);
			interval(&be[j * B], r->kept, &r->elo[j], &r->ehi[j]);
		}
	}
	r->r2lo = r->r2hi = NAN;
	if (r->kept >= 2)
		interval(br, r->kept, &r->r2lo, &r->r2hi);
	for (int j = 0; j < r->p; j++)
		r->rk[j] = (ranked){ j, 100 * r->f.raw[j] / r->f.r2 };
	qsort(r->rk, (size_t)r->p, sizeof *r->rk, cmp_ranked);
}

/* The fit record, the chart (HTML), the drivers by weight, and for people what each means. */
static void show(cx_out *out, const cx_drivers_opts *o, const data *dt, const found *r)
{
	int boot = r->kept >= 2;
	cx_out_begin(out, o->as_section ? "drivers_fit" : "fit", o->as_section ? "Key drivers of the recommend score" : "Fit",
		     CX_LAY_RECORD, fit_cols, NFCOLS);
	cx_val fv[NFCOLS] = {
		CX_INTV(dt->n), CX_INTV(r->with_journey), CX_INTV(r->n), CX_INTV(r->p), CX_REALV(r->f.r2),
		boot ? CX_REALV(r->r2lo) : CX_NULLV, boot ? CX_REALV(r->r2hi) : CX_NULLV, CX_INTV(r->kept),
		CX_INTV(r->seed), CX_TEXTV(r->left),
	};
	cx_out_row(out, fv);
	cx_out_end(out);
	if (cx_out_fmt(out) == CX_FMT_HTML)
		chart(out, dt, r->use, r->rk, r->p, r->wlo, r->whi, r->f.r2, r->n);
	cx_out_begin(out, "drivers", "Drivers", CX_LAY_TABLE, driver_cols, NDCOLS);
	for (int k = 0; k < r->p; k++) {
		int j = r->rk[k].j;
		const driver *d = &dt->d[r->use[j]];
		double effect = better(d->m) * r->f.b[j];
		char meaning[320];
		sentence(d, effect, r->elo[j], r->ehi[j], meaning, sizeof meaning);
		cx_val v[NDCOLS] = {
			CX_INTV(k + 1),
			CX_TEXTV(d->name),
			CX_TEXTV(d->stage),
			CX_TEXTV(measure_names[d->m]),
			CX_REALV(r->centre[j] + r->f.mean[j]),
			CX_REALV(100.0 * (double)d->known / (double)r->with_journey),
			CX_REALV(r->rk[k].w),
			boot ? CX_REALV(r->wlo[j]) : CX_NULLV,
			boot ? CX_REALV(r->whi[j]) : CX_NULLV,
			CX_REALV(r->f.raw[j]),
			CX_REALV(effect),
			boot ? CX_REALV(r->elo[j]) : CX_NULLV,
			boot ? CX_REALV(r->ehi[j]) : CX_NULLV,
			boot ? CX_TEXTV(meaning) : CX_NULLV,
		};
		cx_out_row(out, v);
	}
	cx_out_end(out);
	if (!cx_fmt_people(cx_out_fmt(out)))
		return;
	char line[512];
	snprintf(line, sizeof line,
		 "weight: each driver's share of R\xc2\xb2 (Johnson's relative weights); effect: the change in the 0-10"
		 " recommend answer for one point better, the others held; intervals: 95%%, %lld bootstrap resamples.",
		 (long long)r->kept);
	cx_out_text(out, line);
	for (int k = 0; k < r->p && boot; k++) {
		int j = r->rk[k].j;
		const driver *d = &dt->d[r->use[j]];
		char meaning[320];
		sentence(d, better(d->m) * r->f.b[j], r->elo[j], r->ehi[j], meaning, sizeof meaning);
		snprintf(line, sizeof line, "%d. %s", k + 1, meaning);
		cx_out_text(out, line);
	}
}

static int analyse(const cx_drivers_opts *o, data *dt, cx_out *out, cx_err *err)
{
	int use[64], p, rc;
	int64_t with_journey = 0, n = 0;
	left_out left = { .used = 0 };
	double *rows = NULL;

	for (int64_t i = 0; i < dt->n; i++)
		with_journey += dt->journey[i] > 0;
	if (!with_journey)
		return cx_fail(err, CX_EDATA,
			       "drivers: none of the %lld customers with a recommend score has touchpoints with emotion or effort"
			       " before their answer (log them with cx touch; link responses to customers with survey import"
			       " " CX_FIELD("create_customers") ")",
			       (long long)dt->n);
	if ((rc = pick_drivers(dt, with_journey, use, &p, &left, err)) ||
	    (rc = complete_rows(dt, use, p, with_journey, &rows, &n, err)))
		return rc;
	int varies = 0;
	for (int64_t i = 1; i < n && !varies; i++)
		varies = rows[i * (p + 1) + p] != rows[p];
	if (n >= 2 && !varies) {
		free(rows);
		return cx_fail(err, CX_EDATA, "drivers: all %lld respondents gave the same recommend answer: nothing to explain",
			       (long long)n);
	}
	drop_constant(dt, rows, n, use, &p, &left);
	int64_t need = (int64_t)CX_DRIVERS_PER_DRIVER * p > CX_DRIVERS_MIN ? (int64_t)CX_DRIVERS_PER_DRIVER * p
									     : CX_DRIVERS_MIN;
	if (!p || n < need) {
		free(rows);
		if (!p)
			return cx_fail(err, CX_EDATA, "drivers: no driver varies among the %lld respondents who have them all",
				       (long long)n);
		return cx_fail(err, CX_EDATA,
			       "drivers: %lld respondents have a journey, a recommend score and all %d drivers; at least %lld are"
			       " needed (%d per driver, never fewer than %d)",
			       (long long)n, p, (long long)need, CX_DRIVERS_PER_DRIVER, CX_DRIVERS_MIN);
	}

	int q = p + 1;
	int64_t B = o->bootstrap > 0 ? o->bootstrap : CX_DRIVERS_BOOTSTRAP;
	/* each column's mean, shown; the columns centred on it, for the sums of products */
	double centre[64];
	for (int j = 0; j < q; j++) {
		double sum = 0;
		for (int64_t i = 0; i < n; i++)
			sum += rows[i * q + j];
		centre[j] = sum / (double)n;
		for (int64_t i = 0; i < n; i++)
			rows[i * q + j] -= centre[j];
	}
	double *mem = calloc((size_t)(5 * q + q + 2 * q * q) + (size_t)B * (size_t)(2 * p + 1), sizeof *mem);
	if (!mem) {
		free(rows);
		return oom(err);
	}
	found r = { .use = use, .p = p, .with_journey = with_journey, .n = n,
		    .seed = o->seed > 0 ? o->seed : CX_DRIVERS_SEED, .left = left.used ? left.text : NULL,
		    .f = { .raw = mem, .beta = mem + q, .b = mem + 2 * q, .mean = mem + 3 * q, .sd = mem + 4 * q },
		    .centre = centre };
	double *scratch = mem + 5 * q;
	double *bw = scratch + q + 2 * q * q, *be = bw + B * p, *br = be + B * p;
	if ((rc = fit_rows(rows, n, p, NULL, &r.f, scratch, err))) {
		if (rc == CX_EDATA)
			rc = inseparable(dt, use, p, scratch, err);
		goto out;
	}
	if ((rc = cx_drivers_bootstrap(rows, n, p, B, 0, (unsigned long)r.seed, bw, be, br, &r.kept, err)))
		goto out;
	for (int j = 0; j < p; j++)
		for (int64_t k = 0; k < r.kept; k++)
			be[j * B + k] *= better(dt->d[use[j]].m);
	summarise(&r, bw, be, br, B);
	show(out, o, dt, &r);
out:
	free(rows);
	free(mem);
	return rc;
}

int cx_drivers(cx_db *db, const cx_drivers_opts *o, cx_out *out, cx_err *err)
{
	data dt = { 0 };
	int rc;
	int64_t id;
	if (o->survey && (rc = cx_survey_id(db, o->survey, &id, err)))
		return rc;
	if ((rc = load_stages(db, &dt, err)) == CX_OK && (rc = load_answers(db, o, &dt, err)) == CX_OK &&
	    (rc = load_journeys(db, &dt, err)) == CX_OK)
		rc = analyse(o, &dt, out, err);
	data_free(&dt);
	return rc;
}
