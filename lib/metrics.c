/* NPS, shares and means with their intervals, and tests of a change between periods that hold at any n. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "cx/metrics.h"

/* The conventional 1.96, so every z interval can be checked by hand. */
static const double Z95 = 1.96;

/*
 * Tables whose statistic equals the observed one must count as "at least as
 * extreme" although floating point may put them a hair either side.
 */
static const double TIE = 1e-7;

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void cx_nps_compute(cx_nps *m)
{
	m->score = m->var = m->moe = m->lo = m->hi = 0;
	if (m->n <= 0)
		return;
	double n = (double)m->n, p = (double)m->promoters / n, d = (double)m->detractors / n;
	m->score = 100.0 * (p - d);
	/* Each answer scores +1, 0 or -1: its variance is p + d - (p - d)^2. */
	m->var = 10000.0 * (p + d - (p - d) * (p - d)) / n;
	/*
	 * The adjusted Wald interval: three pseudo-answers (3/4 promoter, 3/4
	 * detractor, 3/2 passive) pull the estimate towards 0 and give the
	 * variance something to work with when every answer is alike.
	 */
	double na = n + 3, pa = ((double)m->promoters + 0.75) / na, da = ((double)m->detractors + 0.75) / na;
	double centre = 100.0 * (pa - da);
	m->moe = Z95 * 100.0 * sqrt((pa + da - (pa - da) * (pa - da)) / na);
	m->lo = clamp(centre - m->moe, -100, 100);
	m->hi = clamp(centre + m->moe, -100, 100);
}

void cx_wilson(int64_t k, int64_t n, double *lo, double *hi)
{
	if (n <= 0) {
		*lo = *hi = 0;
		return;
	}
	double p = (double)k / (double)n, z = Z95, z2 = z * z, nn = (double)n;
	double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
	double half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
	*lo = clamp(100.0 * (centre - half), 0, 100);
	*hi = clamp(100.0 * (centre + half), 0, 100);
}

void cx_mean_compute(cx_mean *m, double min, double max)
{
	m->mean = m->sd = m->moe = m->lo = m->hi = 0;
	m->has_interval = 0;
	if (m->n <= 0)
		return;
	double n = (double)m->n;
	m->mean = m->sum / n;
	if (m->n < 2)
		return;
	/* n sumsq - sum^2 is exact for answers that are small integers: alike answers give exactly 0 */
	double v = (n * m->sumsq - m->sum * m->sum) / (n * (n - 1));
	m->sd = v > 0 ? sqrt(v) : 0;
	if (m->sd <= 0)
		return;
	m->moe = gsl_cdf_tdist_Qinv(0.025, n - 1) * m->sd / sqrt(n);
	m->lo = clamp(m->mean - m->moe, min, max);
	m->hi = clamp(m->mean + m->moe, min, max);
	m->has_interval = 1;
}

/* ---- the tests ---- */

static cx_change untested(double before, double after, int64_t n1, int64_t n2)
{
	cx_change c = { .before = before, .after = after, .diff = after - before, .p = NAN };
	c.reason = n1 < CX_MIN_TEST && n2 < CX_MIN_TEST ? "fewer than 2 answers in each period"
		   : n1 < CX_MIN_TEST			 ? "fewer than 2 answers before"
							 : "fewer than 2 answers after";
	return c;
}

static cx_change tested(cx_change c, double p, const char *method)
{
	c.p = clamp(p, 0, 1);
	c.tested = 1;
	c.significant = c.p < 0.05;
	c.method = method;
	c.reason = NULL;
	return c;
}

static double normal_p(double z)
{
	return erfc(fabs(z) / sqrt(2.0));
}

double cx_fisher_p(int64_t a, int64_t b, int64_t c, int64_t d)
{
	int64_t n1 = a + b, n2 = c + d, k = a + c, n = n1 + n2;
	if (n1 <= 0 || n2 <= 0 || k <= 0 || k >= n)
		return 1; /* one table only: nothing else could have been seen */
	double base = gsl_sf_lnchoose((unsigned)n, (unsigned)k);
	double obs = gsl_sf_lnchoose((unsigned)n1, (unsigned)a) + gsl_sf_lnchoose((unsigned)n2, (unsigned)c) - base;
	int64_t lo = k - n2 > 0 ? k - n2 : 0, hi = k < n1 ? k : n1;
	double p = 0;
	for (int64_t x = lo; x <= hi; x++) {
		double lp = gsl_sf_lnchoose((unsigned)n1, (unsigned)x) + gsl_sf_lnchoose((unsigned)n2, (unsigned)(k - x)) - base;
		/* two-sided: every table no more likely than the one observed */
		if (lp <= obs + TIE)
			p += exp(lp);
	}
	return p;
}

double cx_nps_exact_p(const cx_nps *a, const cx_nps *b)
{
	/* the tables are counted by the counts of the smaller period; the other's follow from the margins */
	const cx_nps *r = a->n <= b->n ? a : b, *o = a->n <= b->n ? b : a;
	int64_t nr = r->n, no = o->n, n = nr + no;
	int64_t P = r->promoters + o->promoters, M = r->passives + o->passives, D = r->detractors + o->detractors;
	if (nr <= 0 || no <= 0)
		return 1;
	double obs = fabs(100.0 * (double)(o->promoters - o->detractors) / (double)no -
			  100.0 * (double)(r->promoters - r->detractors) / (double)nr);
	double base = gsl_sf_lnchoose((unsigned)n, (unsigned)nr), p = 0;
	for (int64_t x = nr - M - D > 0 ? nr - M - D : 0; x <= P && x <= nr; x++) {
		for (int64_t y = nr - x - D > 0 ? nr - x - D : 0; y <= M && y <= nr - x; y++) {
			int64_t z = nr - x - y;
			double diff = fabs(100.0 * (double)((P - x) - (D - z)) / (double)no - 100.0 * (double)(x - z) / (double)nr);
			if (diff < obs - TIE)
				continue;
			p += exp(gsl_sf_lnchoose((unsigned)P, (unsigned)x) + gsl_sf_lnchoose((unsigned)M, (unsigned)y) +
				 gsl_sf_lnchoose((unsigned)D, (unsigned)z) - base);
		}
	}
	return p;
}

cx_change cx_nps_change(const cx_nps *a, const cx_nps *b)
{
	cx_change c = untested(a->score, b->score, a->n, b->n);
	if (a->n < CX_MIN_TEST || b->n < CX_MIN_TEST)
		return c;
	double se = sqrt(a->var + b->var);
	/* the normal approximation needs many answers on both sides, and some spread */
	if (a->n >= CX_SMALL_SAMPLE && b->n >= CX_SMALL_SAMPLE && se > 0)
		return tested(c, normal_p(c.diff / se), CX_TEST_Z);
	return tested(c, cx_nps_exact_p(a, b), CX_TEST_EXACT);
}

cx_change cx_share_change(int64_t k1, int64_t n1, int64_t k2, int64_t n2)
{
	double p1 = n1 > 0 ? (double)k1 / (double)n1 : 0, p2 = n2 > 0 ? (double)k2 / (double)n2 : 0;
	cx_change c = untested(100 * p1, 100 * p2, n1, n2);
	if (n1 < CX_MIN_TEST || n2 < CX_MIN_TEST)
		return c;
	/* the z test's normal approximation is trusted when every expected cell is 5 or more */
	double n = (double)(n1 + n2), k = (double)(k1 + k2);
	if (fmin((double)n1, (double)n2) * fmin(k, n - k) / n < 5) /* the smallest expected cell */
		return tested(c, cx_fisher_p(k1, n1 - k1, k2, n2 - k2), CX_TEST_FISHER);
	double pool = k / n;
	double se = sqrt(pool * (1 - pool) * (1.0 / (double)n1 + 1.0 / (double)n2));
	return tested(c, normal_p((p2 - p1) / se), CX_TEST_Z);
}

/*
 * Two periods in which every answer is alike (x in one, y in the other):
 * the exact permutation test. A split of the pooled answers is known by how
 * many x's fall in the first period, a hypergeometric count.
 */
static double constant_means_p(const cx_mean *a, const cx_mean *b)
{
	double x = a->mean, y = b->mean, n1 = (double)a->n, n2 = (double)b->n;
	if (x == y)
		return 1;
	double obs = fabs(y - x), base = gsl_sf_lnchoose((unsigned)(a->n + b->n), (unsigned)a->n), p = 0;
	for (int64_t k = a->n > b->n ? a->n - b->n : 0; k <= a->n; k++) {
		double m1 = ((double)k * x + (n1 - (double)k) * y) / n1;
		double m2 = ((n1 - (double)k) * x + (n2 - n1 + (double)k) * y) / n2;
		if (fabs(m2 - m1) < obs - TIE)
			continue;
		p += exp(gsl_sf_lnchoose((unsigned)a->n, (unsigned)k) + gsl_sf_lnchoose((unsigned)b->n, (unsigned)(a->n - k)) -
			 base);
	}
	return p;
}

cx_change cx_mean_change(const cx_mean *a, const cx_mean *b)
{
	cx_change c = untested(a->mean, b->mean, a->n, b->n);
	if (a->n < CX_MIN_TEST || b->n < CX_MIN_TEST)
		return c;
	double v1 = a->sd * a->sd / (double)a->n, v2 = b->sd * b->sd / (double)b->n, se = sqrt(v1 + v2);
	if (se <= 0)
		return tested(c, constant_means_p(a, b), CX_TEST_EXACT);
	/* Welch-Satterthwaite: a period without spread adds nothing to the degrees of freedom */
	double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (double)(a->n - 1) + v2 * v2 / (double)(b->n - 1));
	return tested(c, 2 * gsl_cdf_tdist_Q(fabs(c.diff) / se, df), CX_TEST_WELCH);
}

/* ---- which words unhappy customers use more: the log-likelihood ratio ---- */

static double xlogx_over(double o, double e)
{
	return o > 0 ? o * log(o / e) : 0;
}

double cx_g2(int64_t a, int64_t b, int64_t c, int64_t d)
{
	double n = (double)(a + b + c + d), r1 = (double)(a + b), r2 = (double)(c + d), c1 = (double)(a + c),
	       c2 = (double)(b + d);
	if (r1 == 0 || r2 == 0 || c1 == 0 || c2 == 0)
		return 0;
	double g = 2 * (xlogx_over((double)a, r1 * c1 / n) + xlogx_over((double)b, r1 * c2 / n) +
			xlogx_over((double)c, r2 * c1 / n) + xlogx_over((double)d, r2 * c2 / n));
	return g > 0 ? g : 0; /* rounding can leave a hair below zero */
}

double cx_g2_p_over(int64_t a, int64_t b, int64_t c, int64_t d)
{
	double g = cx_g2(a, b, c, d), tail = gsl_cdf_chisq_Q(g, 1) / 2;
	/* a / (a + b) > c / (c + d), without dividing */
	int over = (double)a * (double)(c + d) > (double)c * (double)(a + b);
	return over ? tail : 1 - tail;
}

/* Indices by p, largest first: qsort_r's order for the step-up from the largest p down. */
static int by_p_desc(const void *a, const void *b, void *arg)
{
	const double *p = arg;
	double x = p[*(const size_t *)a], y = p[*(const size_t *)b];
	if (x != y)
		return x < y ? 1 : -1;
	return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

void cx_bh_adjust(const double *p, double *q, size_t n)
{
	size_t *order = malloc((n ? n : 1) * sizeof *order);
	if (!order) {
		for (size_t i = 0; i < n; i++)
			q[i] = 1; /* nothing can be claimed */
		return;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (n)
		qsort_r(order, n, sizeof *order, by_p_desc, (void *)p);
	double run = 1;
	for (size_t r = 0; r < n; r++) {
		size_t i = order[r];
		double v = p[i] * (double)n / (double)(n - r); /* rank n - r from the smallest */
		if (v < run)
			run = v;
		q[i] = run;
	}
	free(order);
}
