/*
 * Key drivers: which part of the journey moves the willingness to
 * recommend. For each respondent with a journey, the mean emotion and
 * effort of each stage before the answer, the CSAT and CES given with it,
 * the cases opened before it and how fast they were first answered are the
 * candidate drivers of the NPS answer (0-10); Johnson's relative weights
 * share out the R² among them, bootstrap intervals say how sure that is.
 */
#ifndef CX_DRIVERS_H
#define CX_DRIVERS_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

typedef struct cx_drivers_opts {
	const char *survey;   /* NULL: every survey */
	int64_t since, until; /* answers in [since, until); 0: unbounded */
	int64_t bootstrap;    /* resamples (0: CX_DRIVERS_BOOTSTRAP) */
	int64_t seed;         /* the resampling's seed (0: CX_DRIVERS_SEED): the same data, the same intervals */
	int as_section;       /* write as sections of a larger document */
} cx_drivers_opts;

enum {
	CX_DRIVERS_BOOTSTRAP = 200,
	CX_DRIVERS_SEED = 19,
	/* a driver known for fewer than this percentage of respondents is left out */
	CX_DRIVERS_COVERAGE = 50,
	/* the fit needs this many respondents per driver, and never fewer than CX_DRIVERS_MIN */
	CX_DRIVERS_PER_DRIVER = 10,
	CX_DRIVERS_MIN = 30,
};

/*
 * Refuses (CX_EDATA, saying why) when fewer respondents have every driver
 * than the minimum, or when two drivers move together so closely that their
 * shares cannot be told apart.
 */
int cx_drivers(cx_db *db, const cx_drivers_opts *o, cx_out *out, cx_err *err);

/*
 * Johnson's relative weights from the correlation matrix of p drivers and
 * the outcome, (p + 1) x (p + 1) row-major with the outcome last: raw[j]
 * the share of the outcome's variance each driver accounts for (they sum
 * to R², *r2); beta[j] the standardized regression coefficients. CX_EDATA
 * when the drivers' correlation matrix is singular (an eigenvalue below 1e-9).
 */
int cx_relative_weights(const double *corr, int p, double *raw, double *beta, double *r2, cx_err *err);

#endif
