/*
 * A screen of sections whose questions go out together: each section asks
 * first (prepares, binds and queues its statements, sql.h: cx_ask), and
 * once every section has asked, each shows its answers, in the same order.
 * On a server the whole screen is one round trip; on a file nothing
 * changes. Each pair is also its module's one-call function (ask, show).
 */
#ifndef CX_SECTION_H
#define CX_SECTION_H

#include "store/sql.h"

/* A setting's value, or its default (setting.c). */
int cx_setting_ask(cx_db *db, const char *key, cx_asked *q, cx_err *err);
int cx_setting_take(cx_asked *q, const char *key, char *buf, size_t size, cx_err *err);

/* "Name <email>" (customer.c). */
int cx_customer_label_ask(cx_db *db, int64_t id, cx_asked *q, cx_err *err);
int cx_customer_label_take(cx_asked *q, int64_t id, char *buf, size_t size, cx_err *err);

int cx_customer_profile_ask(cx_db *db, int64_t id, cx_asked *q, cx_err *err);
int cx_customer_profile_show(cx_asked *q, cx_out *out, cx_err *err);

int cx_sla_section_ask(cx_db *db, int64_t case_id, cx_asked *q, cx_err *err);
int cx_sla_section_show(cx_db *db, int64_t case_id, cx_asked *q, cx_out *out, cx_err *err);

int cx_mail_case_ask(cx_db *db, int64_t case_id, cx_asked *q, cx_err *err);
int cx_mail_case_show(cx_db *db, cx_asked *q, cx_out *out, cx_err *err);

int cx_survey_case_ask(cx_db *db, int64_t case_id, cx_asked *q, cx_err *err);
int cx_survey_case_show(cx_asked *q, cx_out *out, cx_err *err);

int cx_survey_scores_ask(cx_db *db, int64_t customer_id, cx_asked *q, cx_err *err);
int cx_survey_scores_show(cx_asked *q, cx_out *out, cx_err *err);

int cx_journey_brief_ask(cx_db *db, int64_t customer_id, cx_asked *q, cx_err *err);
int cx_journey_brief_show(cx_asked *q, cx_out *out, cx_err *err);

int cx_feedback_customer_ask(cx_db *db, int64_t customer_id, cx_asked *q, cx_err *err);
int cx_feedback_customer_show(cx_asked *q, cx_out *out, cx_err *err);

#endif
