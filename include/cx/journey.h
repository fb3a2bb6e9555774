/* Touchpoints and journeys: every interaction on a stage, measured per customer and over all. */
#ifndef CX_JOURNEY_H
#define CX_JOURNEY_H

#include <stdint.h>
#include <stdio.h>

#include "cx/date.h"
#include "cx/db.h"
#include "cx/out.h"

/* ---- stages and channels: ordered lists of names ---- */

typedef enum cx_names { CX_STAGES, CX_CHANNELS, CX_SOURCES } cx_names;

int cx_names_list(cx_db *db, cx_names which, cx_out *out, cx_err *err);
/* Adds name after `after` (NULL: at the end). */
int cx_names_add(cx_db *db, cx_names which, const char *name, const char *after, cx_err *err);
/* Renames everywhere: touchpoints, cases and surveys follow. */
int cx_names_rename(cx_db *db, cx_names which, const char *from, const char *to, cx_err *err);
/* Moves name after `after`, or first when after is NULL. */
int cx_names_move(cx_db *db, cx_names which, const char *name, const char *after, cx_err *err);
/* Removes a name; refused while anything uses it, unless `into` takes its uses over. */
int cx_names_remove(cx_db *db, cx_names which, const char *name, const char *into, cx_err *err);

/* ---- touchpoints ---- */

enum { CX_NO_EMOTION = 99 };

typedef struct cx_touch_in {
	int64_t customer_id;
	int64_t at;        /* 0 = now */
	const char *channel;
	const char *stage;
	int emotion;       /* -2..2, or CX_NO_EMOTION */
	int effort;        /* 1..7, or 0 = none */
	const char *direction; /* in | out | NULL */
	int64_t case_id;   /* 0 = none */
	const char *summary;
	const char *key;   /* imports: identifies the row for idempotency */
} cx_touch_in;

/* -2..+2, or angry, frustrated, neutral, pleased, delighted. */
int cx_emotion_parse(const char *s, int *v, cx_err *err);
/* 1..7 (7 = very easy). */
int cx_effort_parse(const char *s, int *v, cx_err *err);

/* Stores one touchpoint; *id is 0 when key was already there (nothing added). */
int cx_touch_log(cx_db *db, const cx_touch_in *in, int64_t *id, cx_err *err);

typedef struct cx_touch_filter {
	int64_t customer_id;
	int64_t case_id;
	const char *stage;
	const char *channel;
	const char *kind; /* touch, case, reply, survey, feedback; NULL = all */
	int below, above; /* emotion strictly below / above; CX_NO_EMOTION = no bound */
	int64_t since, until, limit;
} cx_touch_filter;

int cx_touch_list(cx_db *db, const cx_touch_filter *f, cx_out *out, cx_err *err);

/* What a --map names: touchpoint field -> column (header text or 1-based number). */
typedef enum cx_touch_field {
	CX_TF_CUSTOMER, CX_TF_AT, CX_TF_CHANNEL, CX_TF_STAGE, CX_TF_EMOTION, CX_TF_EFFORT,
	CX_TF_DIRECTION, CX_TF_CASE, CX_TF_SUMMARY, CX_TF_N,
} cx_touch_field;

extern const char *const cx_touch_fields[CX_TF_N];

typedef struct cx_touch_import_opts {
	const char *map[CX_TF_N]; /* NULL = a column with the field's own name, if any */
	const char *channel;      /* for rows without a channel column */
	const char *stage;        /* for rows without a stage column */
	const char *encoding;
	char sep;
	const char *zone;
	cx_date_order order;
	int create_customers;
	int dry_run;
} cx_touch_import_opts;

typedef struct cx_touch_import_result {
	int64_t rows, added, present, created;
	char quotes[512]; /* a note on bare quotes read literally in unquoted fields, or "" */
} cx_touch_import_result;

/* One file, one transaction; rows seen before (same values) are not added again. */
int cx_touch_import(cx_db *db, const char *path, const cx_touch_import_opts *o,
		    cx_touch_import_result *res, cx_err *err);

/* ---- the journey ---- */

typedef struct cx_journey_point {
	char kind[12];
	int64_t ref, at, case_id;
	char stage[64], channel[64];
	int emotion; /* CX_NO_EMOTION when unknown */
	int effort;  /* 0 when unknown */
	char direction[4];
	char *summary;
} cx_journey_point;

typedef struct cx_journey {
	char customer[512];
	cx_journey_point *p; /* in stage order, then time */
	int n;
	int first; /* index of the first impression (the earliest), -1 when none */
	char (*stages)[64];
	int nstages;
} cx_journey;

int cx_journey_load(cx_db *db, int64_t customer_id, cx_journey *j, cx_err *err);
void cx_journey_free(cx_journey *j);
/* Rows and sections of one customer's journey for the output writer. */
void cx_journey_write(const cx_journey *j, cx_out *out);

typedef struct cx_journey_filter {
	int64_t since, until;
	const char *tag;     /* customers with this tag */
	const char *channel; /* touchpoints on this channel */
	int64_t stale;       /* drop-off: nothing from the customer for this long; 0 = the stale setting */
	int64_t min_touches; /* hot spots: cells with fewer touchpoints and cases are not ranked (default 5) */
} cx_journey_filter;

/*
 * The map tells apart what the customer did (touchpoints: their own
 * touchpoints, survey answers and posts), case records, and what the
 * business did (replies: public notes on cases, touchpoints logged as
 * outbound).
 */
typedef struct cx_stage_stat {
	char name[64];
	int64_t customers, touches, cases, replies, dropoff;
	int64_t emotion_n, negative, effort_n, hard;
	double emotion_mean, effort_mean;
	double emotion_lo, emotion_hi, effort_lo, effort_hi; /* Student's t, clamped to the scale */
	int emotion_ci, effort_ci; /* an interval could be given: two ratings or more, not all alike */
	int64_t next_median; /* seconds to the next stage reached, -1 when nobody moved on */
	char mix[256];       /* "email 40%, phone 31%, web 12%" */
} cx_stage_stat;

typedef struct cx_hotspot {
	char stage[64], channel[64];
	int64_t touches, cases, dropoff;
	int64_t emotion_n, effort_n; /* 0: negative (or hard) is unknown, not 0% */
	double negative, hard, case_rate, drop_rate, score;
} cx_hotspot;

typedef struct cx_journey_map {
	cx_stage_stat *stages;
	int nstages;
	cx_hotspot *hot; /* ranked, highest friction first */
	int nhot;
	int64_t customers, touches; /* touches: the customers' own touchpoints */
	int64_t stale;
} cx_journey_map;

int cx_journey_map_compute(cx_db *db, const cx_journey_filter *f, cx_journey_map *m, cx_err *err);
void cx_journey_map_free(cx_journey_map *m);
void cx_journey_map_write(const cx_journey_map *m, int top, cx_out *out);

/*
 * The map from the summaries kept as rows are written: the marked customers
 * worked out again first (in a transaction of its own), then the sums read.
 * Filtered (since, until, tag, channel), or on a database this user may not
 * write while something is marked, it is cx_journey_map_compute.
 */
int cx_journey_map_summary(cx_db *db, const cx_journey_filter *f, cx_journey_map *m, cx_err *err);
int cx_journey_map_filtered(const cx_journey_filter *f);
/* The summaries built again from the journey (the repair), in a transaction of its own. */
int cx_journey_map_rebuild(cx_db *db, cx_err *err);
/* 0 when the two maps are the same to the last bit, else 1 and the first difference in what. */
int cx_journey_map_differ(const cx_journey_map *summary, const cx_journey_map *full, char *what, size_t size);
/* Writers: the customer's journey rows changed (triggers mark most; these are for what they cannot see). */
int cx_journey_mark(cx_db *db, int64_t customer_id, cx_err *err);
/* Survey answers stored with ids above after_id, rows of them: their customers marked, or a rebuild asked for. */
int cx_journey_mark_responses(cx_db *db, int64_t after_id, int64_t rows, cx_err *err);
/* Every customer's journey may have changed: the next map builds the summaries again. */
int cx_journey_invalidate(cx_db *db, cx_err *err);

/* The friction score of a stage x channel cell (see cx-journey(1)). */
double cx_friction(double negative, double hard, double case_rate, double drop_rate, int64_t n);

/* The customer's journey so far, a section for the case brief. */
int cx_journey_brief(cx_db *db, int64_t customer_id, cx_out *out, cx_err *err);

/* ---- charts ---- */

typedef struct cx_chart_point {
	const char *label;
	double value, lo, hi; /* hi < lo: no interval */
	int64_t n;            /* shown under the point; < 0: none */
	int has_value;
} cx_chart_point;

/* The emotion curve (-2..+2) for the terminal, one column per point; ascii avoids Unicode. */
void cx_chart_text(FILE *fp, const cx_chart_point *p, int n, int ascii, int color);
/* The same as a self-contained SVG picture. */
void cx_chart_svg(FILE *fp, const char *title, const char *subtitle, const cx_chart_point *p, int n);

/* A vertical axis: from lo to hi, with labelled lines at the given values. */
typedef struct cx_axis {
	double lo, hi;
	int nticks;
	double tick[8];
	const char *label[8];
	const char *format; /* printf format of the value over each point, e.g. "%+.2f" */
} cx_axis;

void cx_chart_svg_axis(FILE *fp, const char *title, const char *subtitle, const cx_chart_point *p, int n,
		       const cx_axis *ax);
/* Bars, one per label, for counts. */
void cx_chart_bars_svg(FILE *fp, const char *title, const char *const *labels, const int64_t *values, int n);
/*
 * Horizontal bars in pairs, one pair per label: a[i] and b[i] (percent,
 * 0..100), named a_name and b_name in the legend.
 */
void cx_chart_pairs_svg(FILE *fp, const char *title, const char *const *labels, const double *a, const double *b,
			int n, const char *a_name, const char *b_name);
/*
 * Horizontal bars, one per label, for percentages (0..100), each with a
 * whisker from lo[i] to hi[i] (none where hi < lo): ranked shares.
 */
void cx_chart_hbars_svg(FILE *fp, const char *title, const char *subtitle, const char *const *labels, const double *v,
			const double *lo, const double *hi, int n);
/* A one-line sparkline of values (Unicode blocks); NaN leaves a gap. */
void cx_sparkline(char *buf, size_t size, const double *v, int n);

#endif
