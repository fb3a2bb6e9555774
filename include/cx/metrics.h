/* The statistics behind the scores: NPS, CSAT and CES with honest intervals, and changes tested. */
#ifndef CX_METRICS_H
#define CX_METRICS_H

#include <stdint.h>

/* Net Promoter Score from counts of 0-10 answers (9-10 promoters, 0-6 detractors). */
typedef struct cx_nps {
	int64_t n, promoters, passives, detractors;
	double score; /* 100 * (P - D) / n, in -100..100 */
	double var;   /* variance of the score: 100^2 (p + d - (p - d)^2) / n */
	double moe;   /* 95% margin of error: 1.96 * sqrt(var) */
} cx_nps;

void cx_nps_compute(cx_nps *m);

/* Wilson score interval for k successes of n, at 95%; in percent. */
void cx_wilson(int64_t k, int64_t n, double *lo, double *hi);

/* A mean with its 95% interval half-width, from n, sum and sum of squares. */
typedef struct cx_mean {
	int64_t n;
	double sum, sumsq;
	double mean, sd, moe;
} cx_mean;

void cx_mean_compute(cx_mean *m);

/* A change between two periods: difference, z statistic, two-sided p value. */
typedef struct cx_change {
	double before, after, diff, z, p;
	int significant; /* p < 0.05 */
	int enough;      /* both periods have data to test */
} cx_change;

cx_change cx_nps_change(const cx_nps *before, const cx_nps *after);
/* Two proportions (percent of k of n), pooled z test. */
cx_change cx_share_change(int64_t k1, int64_t n1, int64_t k2, int64_t n2);
/* Two means, Welch's z (normal approximation). */
cx_change cx_mean_change(const cx_mean *before, const cx_mean *after);

/* Samples below this size get a warning: the interval is wide. */
enum { CX_SMALL_SAMPLE = 30 };

#endif
