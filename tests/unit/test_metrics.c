/*
 * Unit tests for lib/metrics.c: the NPS's adjusted interval, Wilson's, the
 * t interval of a mean cut to its scale, and the tests of a change with the
 * method each picks, at the small samples a shop sees. Every expectation is
 * worked out by hand beside it (t quantiles from a table); the figures of
 * whole reports are checked against tests/data/stats in t1700-stats.sh.
 */
#include <math.h>

#include "unit.h"

#define near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static cx_nps nps(int64_t p, int64_t m, int64_t d)
{
	cx_nps n = { .n = p + m + d, .promoters = p, .passives = m, .detractors = d };
	cx_nps_compute(&n);
	return n;
}

static cx_mean mean(const int *v, int n, double lo, double hi)
{
	cx_mean m = { .n = n };
	for (int i = 0; i < n; i++) {
		m.sum += v[i];
		m.sumsq += v[i] * v[i];
	}
	cx_mean_compute(&m, lo, hi);
	return m;
}

/* ---- intervals ---- */

static void test_nps_interval(void **state)
{
	(void)state;
	/* six promoters: p = 6.75/9, d = .75/9; centre 66.67, 1.96 * 100 sqrt((.8333 - .4444) / 9) = 40.74 */
	cx_nps a = nps(6, 0, 0);
	near(a.score, 100, 1e-9);
	near(a.moe, 40.7425, 1e-4);
	near(a.lo, 25.9242, 1e-4);
	near(a.hi, 100, 1e-12); /* 107.4, cut to the scale */
	/* one detractor: p = .75/4, d = 1.75/4; centre -25, 196 sqrt((.625 - .0625) / 4) = 73.5 */
	cx_nps b = nps(0, 0, 1);
	near(b.lo, -98.5, 1e-9);
	near(b.hi, 48.5, 1e-9);
	/* five promoters and a passive: never above 100 */
	cx_nps c = nps(5, 1, 0);
	near(c.score, 83.3333, 1e-4);
	assert_true(c.hi <= 100);
	near(c.hi, 97.5716, 1e-4);
	/* no answers: nothing */
	cx_nps z = nps(0, 0, 0);
	assert_true(z.score == 0 && z.lo == 0 && z.hi == 0 && z.moe == 0);
}

static void test_wilson(void **state)
{
	(void)state;
	double lo, hi;
	/* 4 of 5: centre (.8 + 1.9208/5) / (1 + 3.8416/5), half 1.96 sqrt(.16/5 + 3.8416/100) / 1.76832 */
	cx_wilson(4, 5, &lo, &hi);
	near(lo, 37.5528, 1e-4);
	near(hi, 96.3777, 1e-4);
	cx_wilson(2, 2, &lo, &hi);
	near(hi, 100, 1e-9);
	assert_true(lo > 30 && lo < 40); /* 34.24: two answers are no proof of 100% */
	cx_wilson(0, 0, &lo, &hi);
	assert_true(lo == 0 && hi == 0);
}

static void test_mean_interval(void **state)
{
	(void)state;
	/* CES 7 7 6 5 7: mean 6.4, sd sqrt(.8), t(.975, 4) = 2.776445: 2.776445 * .894427 / sqrt 5 = 1.1106 */
	cx_mean a = mean((const int[]){ 7, 7, 6, 5, 7 }, 5, 1, 7);
	near(a.mean, 6.4, 1e-12);
	near(a.moe, 1.11058, 1e-5);
	near(a.lo, 5.28942, 1e-5);
	near(a.hi, 7, 1e-12);
	assert_true(a.has_interval);
	/* emotion 2 and 1: t(.975, 1) = 12.706 * .7071 / 1.414 = 6.35: the whole scale, no further */
	cx_mean b = mean((const int[]){ 2, 1 }, 2, -2, 2);
	near(b.lo, -2, 1e-12);
	near(b.hi, 2, 1e-12);
	/* one rating: no interval, not a zero-width one */
	cx_mean c = mean((const int[]){ -1 }, 1, -2, 2);
	assert_false(c.has_interval);
	near(c.mean, -1, 1e-12);
	/* every answer alike: the spread cannot be told either */
	cx_mean d = mean((const int[]){ 7, 7, 7 }, 3, 1, 7);
	assert_false(d.has_interval);
	near(d.sd, 0, 0);
}

/* ---- exact tests ---- */

static void test_fisher(void **state)
{
	(void)state;
	/* [2 0; 0 2]: tables x = 0, 1, 2 of 2 good in the first row: 1/6, 4/6, 1/6; the extremes: 1/3 */
	near(cx_fisher_p(2, 0, 0, 2), 1.0 / 3, 1e-12);
	/* [3 0; 0 3]: 1/20 each extreme */
	near(cx_fisher_p(3, 0, 0, 3), 0.1, 1e-12);
	/* the likeliest table: p = 1 */
	near(cx_fisher_p(1, 1, 1, 1), 1, 1e-12);
	/* one column empty: only one table could be seen */
	near(cx_fisher_p(2, 0, 3, 0), 1, 1e-12);
}

static void test_nps_exact(void **state)
{
	(void)state;
	/* 10 10 10 against 7 8 8: of the 20 splits of 3 promoters and 3 passives, 2 are as far apart */
	cx_nps a = nps(3, 0, 0), b = nps(0, 3, 0);
	near(cx_nps_exact_p(&a, &b), 0.1, 1e-12);
	near(cx_nps_exact_p(&b, &a), 0.1, 1e-12);
	/* the same answers on both sides: every split is at least as far apart as none */
	cx_nps c = nps(1, 1, 1);
	near(cx_nps_exact_p(&c, &c), 1, 1e-12);
	/*
	 * 2 promoters and a detractor against 2 passives and a detractor: x
	 * promoters, y passives, z detractors in the first period have weight
	 * C(2,x) C(2,y) C(2,z) / 20 and a difference of 200 |x - z| / 3; only
	 * x = z (1, 1, 1: weight 8/20) is nearer than the 66.7 seen: p = 12/20
	 */
	cx_nps d = nps(2, 0, 1), e = nps(0, 2, 1);
	near(cx_nps_exact_p(&d, &e), 0.6, 1e-12);
	near(cx_nps_exact_p(&e, &d), 0.6, 1e-12); /* the order of the periods does not matter */
}

/* ---- the change, and the method it is told with ---- */

static void test_nps_change_methods(void **state)
{
	(void)state;
	cx_nps a = nps(3, 0, 0), b = nps(0, 3, 0);
	cx_change c = cx_nps_change(&a, &b);
	assert_true(c.tested);
	assert_string_equal(c.method, CX_TEST_EXACT);
	near(c.p, 0.1, 1e-12);
	assert_false(c.significant);
	assert_null(c.reason);
	/* both periods of 30 or more: the z test, with both variances */
	cx_nps big1 = nps(20, 5, 15), big2 = nps(10, 5, 25);
	c = cx_nps_change(&big1, &big2);
	assert_string_equal(c.method, CX_TEST_Z);
	/* NPS 12.5 and -37.5; var 100^2 (.875 - .015625) / 40 = 214.84 and (.875 - .140625) / 40 = 183.59 */
	near(c.p, erfc(50 / sqrt(214.84375 + 183.59375) / sqrt(2.0)), 1e-9);
	/* one side small is enough for the exact test */
	cx_nps small = nps(2, 1, 1);
	c = cx_nps_change(&small, &big2);
	assert_string_equal(c.method, CX_TEST_EXACT);
	/* large but every answer alike on each side: no standard error to divide by, so exact */
	cx_nps all_p = nps(40, 0, 0), all_d = nps(0, 0, 40);
	c = cx_nps_change(&all_p, &all_d);
	assert_string_equal(c.method, CX_TEST_EXACT);
	assert_true(c.p > 0 && c.p < 1e-20);
	/* below the minimum: too few to tell, said why */
	cx_nps one = nps(1, 0, 0);
	c = cx_nps_change(&one, &b);
	assert_false(c.tested);
	assert_null(c.method);
	assert_string_equal(c.reason, "fewer than 2 answers before");
	c = cx_nps_change(&b, &one);
	assert_string_equal(c.reason, "fewer than 2 answers after");
}

static void test_share_change_methods(void **state)
{
	(void)state;
	/* 5 5 against 1 1 (CSAT): an expected cell of 1: Fisher, 1/3 */
	cx_change c = cx_share_change(2, 2, 0, 2);
	assert_string_equal(c.method, CX_TEST_FISHER);
	near(c.p, 1.0 / 3, 1e-12);
	near(c.diff, -100, 1e-12);
	/* 30 of 40 and 10 of 40: every expected cell 20: pooled z, 100 (.25 - .75) / (100 sqrt(.25 * 2/40)) = -4.47 */
	c = cx_share_change(30, 40, 10, 40);
	assert_string_equal(c.method, CX_TEST_Z);
	near(c.p, erfc(0.5 / sqrt(0.25 * 0.05) / sqrt(2.0)), 1e-12);
	assert_true(c.significant);
	/* 99 of 100 and 97 of 100: 4 unhappy in 200, an expected 2 a side: Fisher */
	c = cx_share_change(99, 100, 97, 100);
	assert_string_equal(c.method, CX_TEST_FISHER);
	c = cx_share_change(1, 1, 0, 5);
	assert_false(c.tested);
	assert_string_equal(c.reason, "fewer than 2 answers before");
}

static void test_mean_change_methods(void **state)
{
	(void)state;
	/* 7 6 against 4 3: t = -3 / sqrt(.25 + .25) = -4.243 on (2 df): p = 0.0513 */
	cx_mean a = mean((const int[]){ 7, 6 }, 2, 1, 7), b = mean((const int[]){ 4, 3 }, 2, 1, 7);
	cx_change c = cx_mean_change(&a, &b);
	assert_string_equal(c.method, CX_TEST_WELCH);
	near(c.p, 0.0513167, 1e-6);
	assert_false(c.significant);
	/* one side alike: its variance adds no degrees of freedom: 7 7 7 against 4 3: t = -3.5 / .5 on 1 df */
	cx_mean d = mean((const int[]){ 7, 7, 7 }, 3, 1, 7);
	c = cx_mean_change(&d, &b);
	assert_string_equal(c.method, CX_TEST_WELCH);
	/* p = 2 (1/2 - atan(7) / pi) for Student's t on 1 df (Cauchy) */
	near(c.p, 1 - 2 * atan(7.0) / M_PI, 1e-9);
	/* both alike: the permutation test: 7 7 7 against 2 2 2: 2 of C(6, 3) = 20 splits */
	cx_mean e = mean((const int[]){ 2, 2, 2 }, 3, 1, 7);
	c = cx_mean_change(&d, &e);
	assert_string_equal(c.method, CX_TEST_EXACT);
	near(c.p, 0.1, 1e-12);
	/* the same answer everywhere: nothing changed, p = 1 */
	c = cx_mean_change(&d, &d);
	near(c.p, 1, 1e-12);
	cx_mean one = mean((const int[]){ 5 }, 1, 1, 7);
	c = cx_mean_change(&one, &one);
	assert_false(c.tested);
	assert_string_equal(c.reason, "fewer than 2 answers in each period");
}

/* ---- themes: the log-likelihood ratio, and many tests at once ---- */

static void test_g2(void **state)
{
	(void)state;
	/*
	 * [8 2; 2 8]: every expected cell 5, so G² = 2 (8 ln 8/5 + 2 ln 2/5 + 2 ln 2/5 + 8 ln 8/5)
	 * = 4 (8 * 0.4700036 - 2 * 0.9162907) = 7.7097903; the chi-square(1) tail at that is
	 * erfc(sqrt(G²/2)) = 0.0054922, halved for one side: 0.0027461.
	 */
	near(cx_g2(8, 2, 2, 8), 7.7097903, 1e-6);
	near(cx_g2_p_over(8, 2, 2, 8), 0.0027461, 1e-6);
	/* the other way round: the word is rarer among the first row, so "over-represented" is all but ruled out */
	near(cx_g2_p_over(2, 8, 8, 2), 1 - 0.0027461, 1e-6);
	/* n = 3 a side, [3 0; 0 3]: expected 1.5 each, G² = 2 (3 ln 3/1.5 + 3 ln 3/1.5) = 12 ln 2 = 8.3177662 */
	near(cx_g2(3, 0, 0, 3), 12 * log(2), 1e-9);
	near(cx_g2_p_over(3, 0, 0, 3), 0.0019630, 1e-6);
	/* the same share in both rows: nothing to tell, p one half */
	near(cx_g2(2, 4, 3, 6), 0, 1e-12);
	near(cx_g2_p_over(2, 4, 3, 6), 0.5, 1e-12);
	/* an empty row: no test */
	near(cx_g2(0, 0, 3, 6), 0, 1e-12);
}

static void test_bh(void **state)
{
	(void)state;
	/*
	 * p = .01 .04 .03 .005 of four tests: ranked .005 .01 .03 .04, times 4/rank:
	 * .02 .02 .04 .04, each the least of itself and those ranked above it.
	 */
	const double p[] = { 0.01, 0.04, 0.03, 0.005 };
	double q[4];
	cx_bh_adjust(p, q, 4);
	near(q[0], 0.02, 1e-12);
	near(q[1], 0.04, 1e-12);
	near(q[2], 0.04, 1e-12);
	near(q[3], 0.02, 1e-12);
	/* one test: q is p */
	cx_bh_adjust(p, q, 1);
	near(q[0], 0.01, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nps_interval),
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_mean_interval),
		cmocka_unit_test(test_fisher),
		cmocka_unit_test(test_nps_exact),
		cmocka_unit_test(test_nps_change_methods),
		cmocka_unit_test(test_share_change_methods),
		cmocka_unit_test(test_mean_change_methods),
		cmocka_unit_test(test_g2),
		cmocka_unit_test(test_bh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
