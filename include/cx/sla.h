/* Service levels: business hours and holidays, business-time arithmetic, and each case's due times. */
#ifndef CX_SLA_H
#define CX_SLA_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

/* One opening period: weekday 0 (Sunday) .. 6, minutes after midnight, opens < closes. */
typedef struct cx_hours {
	int weekday, opens, closes;
} cx_hours;

/*
 * A business calendar: opening hours per weekday in a time zone, minus
 * holidays. With no hours at all, every moment counts (a 24/7 business).
 */
typedef struct cx_biz cx_biz;

/* zone: an IANA name, or NULL/"" for the local zone. holidays: "YYYY-MM-DD". */
int cx_biz_new(const char *zone, const cx_hours *h, int nh, const char *const *holidays, int nhol, cx_biz **b,
	       cx_err *err);
/* The business's own calendar, from the database. */
int cx_biz_load(cx_db *db, cx_biz **b, cx_err *err);
void cx_biz_free(cx_biz *b);
/* Business seconds between two moments (0 when to <= from). */
int64_t cx_biz_elapsed(cx_biz *b, int64_t from, int64_t to);
/* The moment `secs` business seconds after `from` (INT64_MAX if never within ten years). */
int64_t cx_biz_add(cx_biz *b, int64_t from, int64_t secs);

/* ---- settings of the calendar and the targets ---- */

/* "mon-fri 09:00-17:00 sat 10:00-14:00"; "" or "24/7" clears them. CX_EDATA names what is wrong. */
int cx_sla_hours_set(cx_db *db, const char *spec, cx_err *err);
int cx_sla_hours_list(cx_db *db, cx_out *out, cx_err *err);
int cx_sla_holiday(cx_db *db, const char *day, const char *name, int remove, cx_err *err);
int cx_sla_holidays(cx_db *db, cx_out *out, cx_err *err);
/* An IANA zone name that this system knows; "" = local. */
int cx_sla_zone_check(const char *zone, cx_err *err);

/* Targets per priority and channel ("*" any); 0 = no target for that clock. */
int cx_sla_policy_set(cx_db *db, const char *priority, const char *channel, int64_t first, int64_t resolve,
		      cx_err *err);
int cx_sla_policy_unset(cx_db *db, const char *priority, const char *channel, cx_err *err);
int cx_sla_policies(cx_db *db, cx_out *out, cx_err *err);

/* ---- a case against its targets ---- */

typedef enum cx_sla_st {
	CX_SLA_NONE,     /* no target applies */
	CX_SLA_OK,       /* running, time left */
	CX_SLA_AT_RISK,  /* running, three quarters of the time used */
	CX_SLA_BREACHED, /* late: past the target (or done, but late) */
	CX_SLA_MET,      /* done within the target */
	CX_SLA_PAUSED,   /* waiting on the customer: the clock stands still */
} cx_sla_st;

extern const char *const cx_sla_names[];

typedef struct cx_sla_clock {
	cx_sla_st state;
	int64_t target; /* business seconds allowed */
	int64_t used;   /* business seconds counted so far (pending time excluded) */
	int64_t due;    /* when it runs out, for a running clock; 0 otherwise */
} cx_sla_clock;

typedef struct cx_sla {
	cx_sla_clock response, resolution;
} cx_sla;

/* Where a case stands at `now`. */
int cx_sla_case(cx_db *db, cx_biz *b, int64_t case_id, int64_t now, cx_sla *s, cx_err *err);

typedef struct cx_sla_filter {
	int breached;       /* only cases late on either clock */
	int64_t due_within; /* only cases with a clock running out within this many seconds (> 0) */
	const char *owner;
	int64_t limit;
} cx_sla_filter;

/* Cases still to be done, measured; those matching the filter, soonest due first. */
int cx_sla_list(cx_db *db, const cx_sla_filter *f, cx_out *out, cx_err *err);

/* The case's service level, a record section for case show and brief. */
int cx_sla_section(cx_db *db, int64_t case_id, cx_out *out, cx_err *err);

#endif
