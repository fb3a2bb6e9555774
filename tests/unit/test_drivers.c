/*
 * Unit tests for lib/drivers.c: Johnson's relative weights worked out by
 * hand on two drivers, where R^1/2 has a closed form; a singular matrix
 * refused; the bootstrap by blocks of respondents as spread out as the one
 * by single respondents, and seeded. The whole command is checked against an independent computation
 * in tests/cli/t1910-drivers.sh (tests/data/drivers/make.py).
 */
#include <math.h>

#include "unit.h"

#define near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void test_orthogonal(void **state)
{
	(void)state;
	/* uncorrelated drivers: each one's weight is its squared correlation with the outcome */
	const double corr[] = { 1, 0, 0.6, 0, 1, 0.3, 0.6, 0.3, 1 };
	double raw[2], beta[2], r2;
	cx_err err;
	assert_int_equal(cx_relative_weights(corr, 2, raw, beta, &r2, &err), CX_OK);
	near(raw[0], 0.36, 1e-12);
	near(raw[1], 0.09, 1e-12);
	near(r2, 0.45, 1e-12);
	near(beta[0], 0.6, 1e-12);
	near(beta[1], 0.3, 1e-12);
}

static void test_correlated(void **state)
{
	(void)state;
	/*
	 * r12 = 0.6, r_xy = (0.5, 0.3). R has eigenvalues 1.6 and 0.4 on (1, 1)
	 * and (1, -1), so R^1/2 = [c s; s c] with c² = (1.6 + 0.4 + 2 * 0.8) / 4
	 * = 0.9 and s² = 0.1; R^-1/2 r_xy = (0.474342, 0.158114), squared 0.225
	 * and 0.025: R² = 0.25 (= r_xy' R^-1 r_xy = 0.16 / 0.64). Weights:
	 * 0.9 * 0.225 + 0.1 * 0.025 = 0.205 and 0.1 * 0.225 + 0.9 * 0.025 =
	 * 0.045. The regression gives the second driver nothing (R^-1 r_xy =
	 * (0.32, 0) / 0.64), yet it has a share: what it shares with the first.
	 */
	const double corr[] = { 1, 0.6, 0.5, 0.6, 1, 0.3, 0.5, 0.3, 1 };
	double raw[2], beta[2], r2;
	cx_err err;
	assert_int_equal(cx_relative_weights(corr, 2, raw, beta, &r2, &err), CX_OK);
	near(r2, 0.25, 1e-12);
	near(raw[0], 0.205, 1e-12);
	near(raw[1], 0.045, 1e-12);
	near(beta[0], 0.5, 1e-12);
	near(beta[1], 0, 1e-12);
}

static void test_singular(void **state)
{
	(void)state;
	/* two drivers that are one */
	const double corr[] = { 1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1 };
	double raw[2], beta[2], r2;
	cx_err err;
	assert_int_equal(cx_relative_weights(corr, 2, raw, beta, &r2, &err), CX_EDATA);
	assert_non_null(strstr(err.msg, "singular"));
}

/* A seeded uniform in (0, 1) and a normal from it (Box-Muller), so the data is the same everywhere. */
static uint64_t lcg = 88172645463325252ULL;
static double uniform(void)
{
	lcg ^= lcg << 13;
	lcg ^= lcg >> 7;
	lcg ^= lcg << 17;
	return ((double)(lcg >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform());
}

enum { BN = 20000, BP = 3, BQ = BP + 1, BB = 200 };

/* n rows of three drivers (the first two correlated) and an outcome, centred. */
static double *planted(void)
{
	double *rows = malloc(BN * BQ * sizeof *rows), mean[BQ] = { 0 };
	assert_non_null(rows);
	for (int i = 0; i < BN; i++) {
		double *r = &rows[i * BQ];
		r[0] = normal();
		r[1] = 0.5 * r[0] + normal();
		r[2] = normal();
		r[3] = r[0] + 0.5 * r[1] + 0.2 * r[2] + 1.5 * normal();
		for (int j = 0; j < BQ; j++)
			mean[j] += r[j] / BN;
	}
	for (int i = 0; i < BN; i++)
		for (int j = 0; j < BQ; j++)
			rows[i * BQ + j] -= mean[j];
	return rows;
}

static void spread(const double *v, double *mean, double *sd)
{
	double s = 0, ss = 0;
	for (int r = 0; r < BB; r++)
		s += v[r];
	*mean = s / BB;
	for (int r = 0; r < BB; r++)
		ss += (v[r] - *mean) * (v[r] - *mean);
	*sd = sqrt(ss / (BB - 1));
}

static void test_bootstrap_blocks(void **state)
{
	(void)state;
	double *rows = planted();
	static double w1[BP * BB], c1[BP * BB], r1[BB], w2[BP * BB], c2[BP * BB], r2[BB], w3[BP * BB], c3[BP * BB], r3[BB];
	int64_t k1, k2, k3;
	cx_err err;
	/* every respondent on their own (blocks >= n), against 512 blocks of about 39 */
	assert_int_equal(cx_drivers_bootstrap(rows, BN, BP, BB, BN, 19, w1, c1, r1, &k1, &err), CX_OK);
	assert_int_equal(cx_drivers_bootstrap(rows, BN, BP, BB, 512, 19, w2, c2, r2, &k2, &err), CX_OK);
	assert_int_equal(k1, BB);
	assert_int_equal(k2, BB);
	for (int j = 0; j < BP; j++) {
		double m1, s1, m2, s2;
		spread(&w1[j * BB], &m1, &s1);
		spread(&w2[j * BB], &m2, &s2);
		/* the same centre and the same spread, within the randomness of 200 resamples */
		assert_true(fabs(m1 - m2) < 0.5 * s1);
		assert_true(s2 > 0.75 * s1 && s2 < 1.33 * s1);
		spread(&c1[j * BB], &m1, &s1);
		spread(&c2[j * BB], &m2, &s2);
		assert_true(fabs(m1 - m2) < 0.5 * s1);
		assert_true(s2 > 0.75 * s1 && s2 < 1.33 * s1);
	}
	/* seeded: the same seed, the same resamples; more blocks than rows is every row on its own */
	assert_int_equal(cx_drivers_bootstrap(rows, BN, BP, BB, 512, 19, w3, c3, r3, &k3, &err), CX_OK);
	assert_memory_equal(w2, w3, sizeof w2);
	assert_memory_equal(r2, r3, sizeof r2);
	assert_int_equal(cx_drivers_bootstrap(rows, BN, BP, BB, 10 * BN, 19, w3, c3, r3, &k3, &err), CX_OK);
	assert_memory_equal(w1, w3, sizeof w1);
	assert_memory_equal(c1, c3, sizeof c1);
	free(rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orthogonal),
		cmocka_unit_test(test_correlated),
		cmocka_unit_test(test_singular),
		cmocka_unit_test(test_bootstrap_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
