/* The demo business: a realistic year of customers, cases and notes for trying cx out. */
#ifndef CX_DEMO_H
#define CX_DEMO_H

#include <stdint.h>

#include "cx/db.h"

typedef struct cx_demo_stats {
	int64_t customers, cases, notes, touchpoints, responses, followups;
	int64_t featured_case; /* an open case with a rich history, for the tour */
	char featured_customer[256]; /* an email to try commands with */
	int64_t messages;            /* mail filed from the shop's mailbox */
	int64_t mail_cases;          /* the cases that mail opened */
	char *inbox;                 /* this morning's mail, as an mbox, for the tour; free() it */
} cx_demo_stats;

/* Fills an empty database; deterministic for a given seed and db clock. */
int cx_demo_build(cx_db *db, uint64_t seed, cx_demo_stats *st, cx_err *err);

#endif
