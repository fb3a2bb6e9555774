/* The statistics behind the scores: NPS, CSAT and CES with honest intervals, and changes tested. */
#ifndef CX_METRICS_H
#define CX_METRICS_H

#include <stddef.h>
#include <stdint.h>

/* Net Promoter Score from counts of 0-10 answers (9-10 promoters, 0-6 detractors). */
typedef struct cx_nps {
	int64_t n, promoters, passives, detractors;
	double score;  /* 100 * (P - D) / n, in -100..100 */
	double var;    /* variance of the score: 100^2 (p + d - (p - d)^2) / n (the z test's) */
	double moe;    /* half-width of the adjusted interval, before it is clamped */
	double lo, hi; /* adjusted-Wald 95% interval, clamped to -100..100 */
} cx_nps;

/* Fills in everything after the counts; n = 0 leaves the figures at 0 (no score). */
void cx_nps_compute(cx_nps *m);

/* Wilson score interval for k successes of n, at 95%; in percent. */
void cx_wilson(int64_t k, int64_t n, double *lo, double *hi);

/* A mean on a bounded scale with its 95% interval, from n, sum and sum of squares. */
typedef struct cx_mean {
	int64_t n;
	double sum, sumsq;
	double mean, sd;
	double moe;       /* Student's t margin: t(0.975, n - 1) * sd / sqrt(n) */
	double lo, hi;    /* mean -+ moe, clamped to the scale */
	int has_interval; /* n >= 2 and the answers differ: else no interval can be given */
} cx_mean;

/* Fills in everything after n, sum and sumsq, for answers on the scale [min, max]. */
void cx_mean_compute(cx_mean *m, double min, double max);

/* The tests cx uses, named in its output (`method`). */
#define CX_TEST_EXACT "exact"   /* NPS: the 2x3 table's exact distribution; means: permutation */
#define CX_TEST_Z "z"           /* normal approximation, for large samples */
#define CX_TEST_FISHER "fisher" /* CSAT: Fisher's exact test on the 2x2 table */
#define CX_TEST_WELCH "welch"   /* means: Welch's t, Welch-Satterthwaite degrees of freedom */

/* A change between two periods: difference, two-sided p value, and how it was found. */
typedef struct cx_change {
	double before, after, diff;
	double p;
	int tested;         /* p and significant hold an answer; else reason says why not */
	int significant;    /* p < 0.05 */
	const char *method; /* CX_TEST_*, when tested */
	const char *reason; /* why there is no answer, when not tested */
} cx_change;

/* Below this many answers in a period a change is not tested: too few to tell. */
enum { CX_MIN_TEST = 2 };

/*
 * NPS: the exact test on the promoter/passive/detractor counts when either
 * period has fewer than CX_SMALL_SAMPLE answers (or every answer of each
 * period is alike), else the z test with both variances.
 */
cx_change cx_nps_change(const cx_nps *before, const cx_nps *after);
/* A share (k of n, in percent): Fisher's exact test when an expected cell is below 5, else the pooled z test. */
cx_change cx_share_change(int64_t k1, int64_t n1, int64_t k2, int64_t n2);
/* Two means: Welch's t; when neither period varies, the exact permutation test. */
cx_change cx_mean_change(const cx_mean *before, const cx_mean *after);

/* Fisher's exact test, two-sided, of the 2x2 table [a b; c d]. */
double cx_fisher_p(int64_t a, int64_t b, int64_t c, int64_t d);
/*
 * The exact test of two periods' NPS: every 2x3 table with the same margins,
 * weighed by the multivariate hypergeometric, summing those whose NPS
 * difference is at least as far from zero as the one observed.
 */
double cx_nps_exact_p(const cx_nps *before, const cx_nps *after);

/*
 * The log-likelihood ratio G² of the 2x2 table [a b; c d] (a of a + b
 * unhappy respondents use a word, c of c + d others do) against the word
 * being as common in both rows; 0 when a row or column is empty.
 */
double cx_g2(int64_t a, int64_t b, int64_t c, int64_t d);
/*
 * The one-sided p value of "the word is over-represented in the first row":
 * half the chi-square(1) tail of G² when a / (a + b) > c / (c + d), else
 * one minus that half.
 */
double cx_g2_p_over(int64_t a, int64_t b, int64_t c, int64_t d);
/*
 * Benjamini-Hochberg: q[i] is the smallest false discovery rate at which
 * p[i] would be called significant among all n tests (for many themes at once).
 */
void cx_bh_adjust(const double *p, double *q, size_t n);

/* Below this many answers a figure is flagged as thin (*_small_sample): its interval is wide. */
enum { CX_SMALL_SAMPLE = 30 };

#endif
