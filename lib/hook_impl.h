/* Inside libcx: hook events, described as JSON by the database and queued on the handle. */
#ifndef CX_HOOK_IMPL_H
#define CX_HOOK_IMPL_H

#include "cx/db.h"

/* on-case-open, on-case-resolve, on-handoff: the case, its customer, who and when. */
int cx_hook_case(cx_db *db, const char *hook, const char *event, int64_t case_id, cx_err *err);
/* on-detractor: an unhappy survey response. */
int cx_hook_response(cx_db *db, int64_t response_id, cx_err *err);
/* on-feedback: a new public post or review. */
int cx_hook_feedback(cx_db *db, int64_t feedback_id, cx_err *err);
/* on-breach: a case noticed late on a clock ("response" or "resolution"). */
int cx_hook_breach(cx_db *db, int64_t case_id, const char *clock, cx_err *err);

#endif
