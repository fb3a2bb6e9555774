/* NPS, shares and means with their intervals, and significance of a change between periods. */
#include <math.h>

#include "cx/metrics.h"

/* The conventional 1.96, so every interval can be checked by hand. */
static const double Z95 = 1.96;

void cx_nps_compute(cx_nps *m)
{
	m->score = m->var = m->moe = 0;
	if (m->n <= 0)
		return;
	double p = (double)m->promoters / (double)m->n, d = (double)m->detractors / (double)m->n;
	m->score = 100.0 * (p - d);
	/* Each answer scores +1, 0 or -1: its variance is p + d - (p - d)^2. */
	m->var = 10000.0 * (p + d - (p - d) * (p - d)) / (double)m->n;
	m->moe = Z95 * sqrt(m->var);
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
	*lo = 100.0 * (centre - half);
	*hi = 100.0 * (centre + half);
	if (*lo < 0)
		*lo = 0;
	if (*hi > 100)
		*hi = 100;
}

void cx_mean_compute(cx_mean *m)
{
	m->mean = m->sd = m->moe = 0;
	if (m->n <= 0)
		return;
	double n = (double)m->n;
	m->mean = m->sum / n;
	if (m->n > 1) {
		double v = (m->sumsq - n * m->mean * m->mean) / (n - 1);
		m->sd = v > 0 ? sqrt(v) : 0;
		m->moe = Z95 * m->sd / sqrt(n);
	}
}

static cx_change finish(double before, double after, double se)
{
	cx_change c = { .before = before, .after = after, .diff = after - before, .enough = 1 };
	if (se <= 0) {
		c.z = 0;
		c.p = c.diff == 0 ? 1 : 0;
	} else {
		c.z = c.diff / se;
		c.p = erfc(fabs(c.z) / sqrt(2.0));
	}
	c.significant = c.p < 0.05;
	return c;
}

cx_change cx_nps_change(const cx_nps *a, const cx_nps *b)
{
	cx_change none = { .before = a->score, .after = b->score, .diff = b->score - a->score, .p = 1 };
	if (a->n < 2 || b->n < 2)
		return none;
	return finish(a->score, b->score, sqrt(a->var + b->var));
}

cx_change cx_share_change(int64_t k1, int64_t n1, int64_t k2, int64_t n2)
{
	double p1 = n1 > 0 ? (double)k1 / (double)n1 : 0, p2 = n2 > 0 ? (double)k2 / (double)n2 : 0;
	cx_change none = { .before = 100 * p1, .after = 100 * p2, .diff = 100 * (p2 - p1), .p = 1 };
	if (n1 < 2 || n2 < 2)
		return none;
	double pool = (double)(k1 + k2) / (double)(n1 + n2);
	double se = sqrt(pool * (1 - pool) * (1.0 / (double)n1 + 1.0 / (double)n2));
	return finish(100 * p1, 100 * p2, 100 * se);
}

cx_change cx_mean_change(const cx_mean *a, const cx_mean *b)
{
	cx_change none = { .before = a->mean, .after = b->mean, .diff = b->mean - a->mean, .p = 1 };
	if (a->n < 2 || b->n < 2)
		return none;
	double se = sqrt(a->sd * a->sd / (double)a->n + b->sd * b->sd / (double)b->n);
	return finish(a->mean, b->mean, se);
}
