/* The journey map's working parts, shared by the full computation (journey.c) and its summary (journey_summary.c). */
#ifndef CX_JOURNEY_IMPL_H
#define CX_JOURNEY_IMPL_H

#include <stdint.h>

#include "cx/journey.h"
#include "names.h"
#include "store/sql.h"


/*
 * What the map keeps per customer, one small record each in an array indexed
 * by customer id (ids are dense): their latest own touchpoint (where a
 * drop-off is counted), the time of the latest sign of them (any record but
 * the business's own), the first contact at each stage, and which stage x
 * channel cells they were in. One record is one cache line for the usual
 * nine stages and nine channels, so a scan of millions of rows in no
 * particular order costs one memory access a row.
 */
typedef struct cx_jm_index {
	unsigned char *rec;
	size_t recsize;
	int64_t cap; /* ids below this have a record */
	int64_t n;   /* customers seen */
	int nst, nch;
} cx_jm_index;

/* REC_ALIVE: the latest sign of the customer in seconds since 1970, as first_at; 1 = seen, no sign yet */
enum { REC_LAST = 0, REC_STAGE = 8, REC_CHANNEL = 10, REC_ALIVE = 12, REC_FIRST = 16 };

unsigned char *cx_jm_customer(cx_jm_index *x, int64_t id);
/* First touch at stage s, as seconds since 1970 (0 = never; times before 1970 count as 1 s after). */
uint32_t *cx_jm_first_at(const cx_jm_index *x, unsigned char *c);
unsigned char *cx_jm_cell_bits(const cx_jm_index *x, unsigned char *c);
/* Seconds from the customer's first contact at stage a to that at the next stage they reached; -1: none. */
int64_t cx_jm_delay(const uint32_t *first, int nst, int a);

/* A stage x channel cell's sums. */
typedef struct cx_jm_cell {
	int64_t touches, replies, cases, emotion_n, negative, effort_n, hard, customers, dropoff;
	double emotion_sum, emotion_sq, effort_sum, effort_sq;
} cx_jm_cell;

/* What the map is worked out from, as it is gathered. */
typedef struct cx_jm_work {
	cx_name_list st, ch;
	cx_jm_index x;
	cx_jm_cell *cells;    /* stage x channel */
	int64_t **delays;     /* per stage: seconds from its first contact to the next stage's, per customer */
	size_t *ndel, *cdel;
} cx_jm_work;

/* The names, and the per-customer records sized for every customer there is (one: for customer 0 only). */
int cx_jm_start(cx_db *db, cx_jm_work *w, int one, cx_err *err);
void cx_jm_work_free(cx_jm_work *w);
int cx_jm_row(cx_jm_work *w, cx_journey_map *m, int si, int ci, int what, int64_t customer_id, int64_t at,
	      const int *emotion, const int *effort);
int cx_jm_step(cx_jm_work *w, cx_journey_map *m, cx_stmt *s, int *si, int *ci);
/* Per stage: its cells summed, the channel mix, the intervals, the median of the delays gathered. */
void cx_jm_stages(cx_jm_work *w, cx_journey_map *m);
int cx_jm_hotspots(const cx_jm_work *w, int64_t min, cx_journey_map *m, cx_err *err);

/*
 * The summary's arithmetic: what a set of customers' contributions change in
 * the sums (each cell's, the customers last seen per cell, the customers per
 * stage, the histogram of delays to the next stage), added (+1) or taken off
 * (-1).
 */
typedef struct cx_jm_bucket_n {
	int stage;
	int64_t lo; /* the bucket's lowest delay (cx_jm_bucket) */
	int64_t n;
} cx_jm_bucket_n;

typedef struct cx_jm_delta {
	int nst, nch;
	cx_jm_cell *cells; /* stage x channel; customers: the customers who brought something to it */
	int64_t *lasts;    /* stage x channel: customers whose latest own touchpoint is there */
	int64_t *reach;    /* per stage: customers who reached it */
	cx_jm_bucket_n *hist;
	size_t nhist, chist;
	int64_t customers;
} cx_jm_delta;

/* Above this many marked customers (and a twentieth of all), or rows imported at once, the summary is built again. */
#define CX_JM_REBUILD_ROWS 5000

int cx_jm_delta_init(cx_jm_delta *d, int nst, int nch);
void cx_jm_delta_free(cx_jm_delta *d);
int cx_jm_cell_empty(const cx_jm_cell *c);
void cx_jm_delta_cell(cx_jm_delta *d, int k, const cx_jm_cell *c, int sign);
int cx_jm_delta_stage(cx_jm_delta *d, int s, int64_t delay, int sign);
/* The histogram bucket of a delay, as its lowest value, and the first value after it. */
int64_t cx_jm_bucket(int64_t d);
int64_t cx_jm_bucket_end(int64_t lo);
/* Which of the buckets (in order) holds the median (the lower middle), and how far into it; nb if none. */
size_t cx_jm_median_bucket(const cx_jm_bucket_n *b, size_t nb, int64_t *offset);

/* The columns cx_jm_step reads, from the journey view as j. */
#define CX_JM_COLUMNS "j.customer_id, j.at, j.stage, j.channel, j.emotion, j.effort, j.kind, j.direction"
/* The same, every row in the record of customer 0, the true customer last (one customer at a time). */
#define CX_JM_COLUMNS_ONE "0, j.at, j.stage, j.channel, j.emotion, j.effort, j.kind, j.direction, j.customer_id"

#endif
