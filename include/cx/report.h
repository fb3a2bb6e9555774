/* The digest: what needs attention, for the owner each morning and for scripts that alert. */
#ifndef CX_REPORT_H
#define CX_REPORT_H

#include <stdint.h>

#include "cx/date.h"
#include "cx/db.h"
#include "cx/out.h"

typedef struct cx_report_opts {
	int64_t since, until; /* the period reported on; the one before it is the comparison */
	const char *name;     /* "daily", "weekly", ... for the title */
	cx_period trend;      /* the trend's periods: CX_P_WEEK (also for 0) or CX_P_MONTH */
	int tty;              /* text for a terminal: Unicode sparklines */
	int notice;           /* record newly seen breaches, and queue on-breach hooks */
} cx_report_opts;

/* What a `--check` fails on. */
typedef struct cx_attention {
	int64_t breached;      /* open cases late on a service-level target */
	int64_t at_risk;       /* open cases near their target (not a failure) */
	int64_t overdue;       /* public feedback unanswered past its deadline */
	int64_t unfollowed;    /* unhappy survey answers in the period without a follow-up case */
} cx_attention;

int cx_report(cx_db *db, const cx_report_opts *o, cx_out *out, cx_attention *a, cx_err *err);

#endif
