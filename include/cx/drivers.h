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
	/* above this many respondents the bootstrap resamples blocks of them (cx_drivers_bootstrap) */
	CX_DRIVERS_BLOCKS = 4096,
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

/*
 * The bootstrap of the fit: `resamples` resamples of the n rows (n x (p + 1),
 * row-major, outcome last, each column centred on its mean), drawn with a
 * Mersenne Twister seeded with `seed`. Up to nblocks respondents (0:
 * CX_DRIVERS_BLOCKS) each is drawn on their own; above, the rows are dealt
 * at random into nblocks blocks of equal size and the blocks are drawn, each
 * resample then costing nblocks short sums instead of a pass over the rows.
 * For each resample kept (one where every driver varies and no two coincide),
 * weight[j * resamples + r] is driver j's share of R² in percent,
 * coef[j * resamples + r] its unstandardized coefficient, r2[r] the R²;
 * *kept says how many.
 */
int cx_drivers_bootstrap(const double *rows, int64_t n, int p, int64_t resamples, int64_t nblocks, unsigned long seed,
			 double *weight, double *coef, double *r2, int64_t *kept, cx_err *err);

#endif
