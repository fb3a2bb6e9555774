/* The audit trail: an append-only row for every change, with its time and actor. */
#ifndef CX_EVENT_H
#define CX_EVENT_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

/*
 * Appends an event. The variadic part is NULL-terminated key, value string
 * pairs stored as a JSON object in details (values may be NULL). note_id links
 * a note the event added (0 = none). at = 0 means now.
 */
int cx_event_log(cx_db *db, const char *entity, int64_t entity_id, const char *action,
		 int64_t note_id, int64_t at, cx_err *err, ...) __attribute__((sentinel));

typedef struct cx_event_filter {
	const char *entity;
	int64_t entity_id;
	const char *actor;
	const char *action;
	int64_t since, until;
	int64_t limit;
	int reverse; /* newest first */
} cx_event_filter;

int cx_event_list(cx_db *db, const cx_event_filter *f, cx_out *out, cx_err *err);

#endif
