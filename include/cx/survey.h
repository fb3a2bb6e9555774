/* Surveys: importing exports from survey tools, NPS/CSAT/CES reports, and closing the loop. */
#ifndef CX_SURVEY_H
#define CX_SURVEY_H

#include <stdint.h>

#include "cx/date.h"
#include "cx/db.h"
#include "cx/metrics.h"
#include "cx/out.h"

/* Columns a user can point at with --nps COL, --email COL, ... */
typedef enum cx_role {
	CX_ROLE_NPS,
	CX_ROLE_CSAT,
	CX_ROLE_CES,
	CX_ROLE_COMMENT,
	CX_ROLE_EMAIL,
	CX_ROLE_NAME,
	CX_ROLE_ID,
	CX_ROLE_AT,
	CX_ROLE_CASE, /* the token of a survey request: ties the answer to its case */
	CX_ROLE_CONTINUE, /* likelihood to continue: 0-10, 1-5 or 1-7 */
	CX_ROLE_N,
} cx_role;

extern const char *const cx_role_names[CX_ROLE_N];
/* The input naming each role's column: a rules file's key, and the field a message names (cx: survey import's option). */
extern const char *const cx_role_fields[CX_ROLE_N];
/* "auto", then every tool cx knows, NULL-terminated. */
extern const char *const cx_survey_tools[];

typedef struct cx_import_progress {
	int64_t bytes, size, rows;
} cx_import_progress;

/* A customer tag given by an answer: "if store = Harbour St then tag harbour". */
typedef struct cx_answer_tag {
	const char *column; /* header text or 1-based number */
	const char *value;  /* the answer, compared without case and surrounding spaces */
	const char *tag;
} cx_answer_tag;

typedef struct cx_survey_import_opts {
	const char *name;     /* the survey; NULL = from the file name */
	const char *tool;     /* NULL or "auto" = recognise from the header */
	const char *encoding; /* NULL = UTF-8, or UTF-16 by its BOM */
	char sep;             /* 0 = detect */
	const char *col[CX_ROLE_N]; /* overrides: header text or 1-based column number */
	const char *complete; /* "COL=VALUE": only rows with this value are complete */
	const char *zone;     /* time zone of times written without one; NULL = local */
	cx_date_order order;  /* how to read 01/02/2026 */
	const char *stage;    /* journey stage of the responses; NULL = the survey.stage setting */
	const char *language; /* the language comments are written in; NULL = as before, or the text.language setting */
	int create_customers;
	int follow_up;
	int dry_run;
	const char *rules;    /* the rules the import follows, recorded with it; NULL = none */
	const cx_answer_tag *tags; /* customers tagged by their answers */
	int ntags;
	void (*progress)(void *arg, const cx_import_progress *p);
	void *progress_arg;
} cx_survey_import_opts;

typedef struct cx_survey_import_result {
	char tool[32];
	char survey[256];
	char encoding[32];
	char columns[1024]; /* which column was taken for what */
	char why[4096];     /* a line per field: its column and the reason it was taken; then columns not taken */
	int64_t rows;       /* data rows in the file */
	int64_t added;      /* complete responses new to the database */
	int64_t completed;  /* stored as partial before, complete now */
	int64_t updated;    /* stored as partial before, partial still with more answers now */
	int64_t present;    /* complete responses already stored */
	int64_t incomplete; /* partial, preview, test, spam or disqualified rows */
	int64_t linked;     /* complete responses linked to a customer */
	int64_t created;    /* customers created (--create-customers) */
	int64_t followups;  /* follow-up cases opened */
	int64_t unlinked;   /* unhappy responses with no customer to follow up (--follow-up) */
	char quotes[512];   /* a note on bare quotes read literally in unquoted fields, or "" */
	char col[CX_ROLE_N][512]; /* each field's column as an option names it (header, or number), "" = none */
	char sha256[65];    /* of the file's bytes; "" for standard input */
	int64_t tagged;     /* customers given a tag by their answers */
	int64_t requests;   /* answers tied to the survey request of a case */
	int64_t strangers;  /* answers with a token cx did not give */
} cx_survey_import_result;

/* Whether a file with these bytes (SHA-256, hex) was imported into the survey (NULL: into any). */
int cx_survey_import_seen(cx_db *db, const char *sha256, const char *survey, int *seen, cx_err *err);

/*
 * Imports one export file ("-" = standard input) as one transaction: all of
 * its responses or, on any error, none. Responses already stored (same
 * survey, same response id or row) are counted, not added again.
 */
int cx_survey_import(cx_db *db, const char *path, const cx_survey_import_opts *o,
		     cx_survey_import_result *res, cx_err *err);

typedef struct cx_survey_report_opts {
	const char *survey;  /* NULL = every survey */
	int64_t since, until; /* 0 = unbounded */
	const char *by;      /* NULL, day, week, month, quarter, year */
	const char *segment; /* an answer's column header, or "tag" */
	int64_t compare;     /* > 0: compare the last `compare` seconds with the span before */
	int as_section;      /* write the figures as a named section of a larger document */
	int passives;        /* the loop measures follow up passives (NPS 7-8) too */
	int64_t window;      /* stated intent to continue against coming back within this; 0 = 30 days */
} cx_survey_report_opts;

int cx_survey_report(cx_db *db, const cx_survey_report_opts *o, cx_out *out, cx_err *err);
/*
 * The digest's section on closing the loop in [since, until): unhappy answers
 * to follow up, their first contact (median, 90th percentile, the share within
 * survey.follow_up_within business time) and the next answer of those contacted
 * and not. Nothing when there was nothing to follow up.
 */
int cx_survey_loop_section(cx_db *db, int64_t since, int64_t until, cx_out *out, cx_err *err);

typedef struct cx_response_filter {
	const char *survey;
	int64_t customer_id;
	const char *group; /* NULL, promoters, passives, detractors */
	int with_comment;
	int incomplete;    /* include incomplete responses */
	int64_t since, until, limit;
} cx_response_filter;

/* The id of the survey named name (in any case); not found is an error that says where to look. */
int cx_survey_id(cx_db *db, const char *name, int64_t *id, cx_err *err);
int cx_survey_list(cx_db *db, cx_out *out, cx_err *err);

int cx_survey_show(cx_db *db, const char *name, cx_out *out, cx_err *err);
int cx_survey_responses(cx_db *db, const cx_response_filter *f, cx_out *out, cx_err *err);

/*
 * Opens one case per unhappy response (NPS 0-6, CSAT 1-2 or CES 1-3; with
 * passives, NPS 7-8 too) that is linked to a customer and has no case yet,
 * with its comment as first note.
 */
int cx_survey_follow_up(cx_db *db, const char *survey, int64_t since, int passives, int64_t *opened,
			int64_t *unlinked, cx_err *err);

/* Every survey together over a span: the figures behind a digest. */
typedef struct cx_survey_totals {
	char period[32];
	int64_t responses, csat_good, ces_agree, unhappy, followed;
	int64_t cont_n, cont_likely; /* likelihood to continue: answers, likely ones */
	cx_nps nps;
	cx_mean csat, ces; /* computed */
} cx_survey_totals;

/* The totals in [from, to) by period (CX_P_ALL: one row), in time order; at most max rows. */
int cx_survey_sum(cx_db *db, cx_period p, int64_t from, int64_t to, cx_survey_totals *t, int max, int *n,
		     cx_err *err);

/* ---- surveys after a case (lib/survey_request.c) ---- */

enum { CX_TOKEN_SIZE = 20 }; /* "cx-" and 16 hex digits, and the NUL */

typedef struct cx_survey_request_opts {
	int64_t since;        /* cases resolved (or closed) at or after this */
	int64_t remind_after; /* seconds after asking to remind once; 0 = no reminders */
	int dry_run;          /* list, record nothing */
	const char *survey;   /* the survey the link leads to, by name */
} cx_survey_request_opts;

typedef struct cx_survey_request_row {
	int reminder;
	int64_t case_id, customer_id, resolved_at;
	const char *name, *email, *title, *link; /* link: survey.link with the token, or NULL */
	char token[CX_TOKEN_SIZE];
} cx_survey_request_row;

/*
 * Called for each request once it is recorded in the caller's transaction
 * (to send it, and commit): a failure stops the run there.
 */
typedef int (*cx_survey_request_fn)(void *arg, const cx_survey_request_row *r, cx_err *err);

/*
 * Lists (to out, when given) and records the survey requests due now: one
 * per case resolved since o->since whose customer has an e-mail address,
 * then one reminder for each unanswered request asked o->remind_after ago.
 */
int cx_survey_request(cx_db *db, const cx_survey_request_opts *o, cx_out *out, cx_survey_request_fn each,
		      void *arg, cx_err *err);
/* The mail asking for it; caller frees *body. */
int cx_survey_request_body(const cx_survey_request_row *r, char **body, cx_err *err);
int cx_survey_token_new(char out[CX_TOKEN_SIZE], cx_err *err);
/* Whether s is shaped like a token cx gives ("cx-" and 16 hex digits). */
int cx_survey_token_like(const char *s);
/* The link template with every {token} replaced. */
void cx_survey_link(const char *tmpl, const char *token, char *out, size_t size);
/* The brief's section on the survey after a case (nothing when none was asked). */
int cx_survey_case_section(cx_db *db, int64_t case_id, cx_out *out, cx_err *err);

/* The customer's latest scores, a section for the case brief and journey. */
int cx_survey_customer_scores(cx_db *db, int64_t customer_id, cx_out *out, cx_err *err);

#endif
