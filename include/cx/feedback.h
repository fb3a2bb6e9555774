/* Public feedback: posts, mentions and reviews, answered in time, escalated when they need work. */
#ifndef CX_FEEDBACK_H
#define CX_FEEDBACK_H

#include <stdint.h>

#include "cx/date.h"
#include "cx/db.h"
#include "cx/out.h"

typedef struct cx_feedback_in {
	const char *source; /* google, facebook, ... (the feedback_sources list) */
	const char *platform_id;
	const char *author;
	const char *url;
	int64_t at;         /* 0 = now */
	int rating;         /* 1..5, 0 = none */
	const char *body;
	int64_t customer_id;
} cx_feedback_in;

/* Stores an item; *id is 0 when it was there already (same source and id, or same content). */
int cx_feedback_add(cx_db *db, const cx_feedback_in *in, int64_t *id, cx_err *err);

/* Fields an import can map: --map FIELD=COLUMN (CSV) or FIELD=json.path (JSON Lines). */
typedef enum cx_feedback_field {
	CX_FF_ID, CX_FF_SOURCE, CX_FF_AUTHOR, CX_FF_URL, CX_FF_AT, CX_FF_RATING, CX_FF_TEXT, CX_FF_CUSTOMER,
	CX_FF_N,
} cx_feedback_field;

extern const char *const cx_feedback_fields[CX_FF_N];

typedef struct cx_feedback_import_opts {
	const char *format;   /* csv | jsonl | NULL (from the content) */
	const char *source;   /* for items without a source field */
	const char *map[CX_FF_N];
	const char *encoding;
	const char *zone;
	cx_date_order order;
	int dry_run;
} cx_feedback_import_opts;

typedef struct cx_feedback_import_result {
	int64_t rows, added, present, linked;
	char format[8];
	char quotes[512]; /* CSV: a note on bare quotes read literally in unquoted fields, or "" */
} cx_feedback_import_result;

int cx_feedback_import(cx_db *db, const char *path, const cx_feedback_import_opts *o,
		       cx_feedback_import_result *res, cx_err *err);

typedef struct cx_feedback_filter {
	int unanswered; /* open only: neither answered nor ignored */
	int overdue;    /* open and past the deadline */
	const char *source;
	const char *sentiment;
	int64_t older;  /* older than this many seconds */
	int64_t since, until, limit;
	int64_t customer_id;
	int64_t as_of;  /* the moment ages and deadlines are counted to; 0 = now */
	const char *section, *title; /* when the list is part of a larger document */
} cx_feedback_filter;

int cx_feedback_list(cx_db *db, const cx_feedback_filter *f, cx_out *out, cx_err *err);
int cx_feedback_show(cx_db *db, int64_t id, cx_out *out, cx_err *err);
int cx_feedback_respond(cx_db *db, int64_t id, const char *text, cx_err *err);
/* Opens a case (finding or adding the customer) with the post as first note; *case_id is it. */
int cx_feedback_escalate(cx_db *db, int64_t id, const char *priority, int64_t *case_id, cx_err *err);
int cx_feedback_ignore(cx_db *db, int64_t id, const char *why, cx_err *err);
/* Sets the sentiment by hand: negative, neutral or positive. */
int cx_feedback_tag(cx_db *db, int64_t id, const char *sentiment, cx_err *err);
int cx_feedback_link(cx_db *db, int64_t id, int64_t customer_id, cx_err *err);

/* Response targets: how soon, per source ("*" any) and sentiment (negative, neutral, positive, unknown). */
int cx_feedback_target_set(cx_db *db, const char *source, const char *sentiment, int64_t seconds, cx_err *err);
int cx_feedback_targets(cx_db *db, cx_out *out, cx_err *err);

typedef struct cx_feedback_report_opts {
	int64_t since, until;
	const char *by; /* NULL, week, month */
	const char *source;
} cx_feedback_report_opts;

int cx_feedback_report(cx_db *db, const cx_feedback_report_opts *o, cx_out *out, cx_err *err);

/* Open feedback past its deadline at `now`. */
int cx_feedback_overdue_count(cx_db *db, int64_t now, int64_t *n, cx_err *err);

/* Feedback of a customer, a section for the case brief. */
int cx_feedback_customer(cx_db *db, int64_t customer_id, cx_out *out, cx_err *err);

/*
 * A guess at the sentiment of a text with no rating, from a small lexicon of
 * English words with negations; "" when it cannot tell. Shown as a guess.
 */
const char *cx_sentiment_guess(const char *text);

#endif
