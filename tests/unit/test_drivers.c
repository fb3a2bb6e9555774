/*
 * Unit tests for lib/drivers.c: Johnson's relative weights worked out by
 * hand on two drivers, where R^1/2 has a closed form; a singular matrix
 * refused. The whole command is checked against an independent computation
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orthogonal),
		cmocka_unit_test(test_correlated),
		cmocka_unit_test(test_singular),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
