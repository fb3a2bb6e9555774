/*
 * Named topics: a search query a business defines once ("delivery": late OR
 * courier OR tracking OR "never arrived") that tags every survey response,
 * feedback item and case whose words match it, those there already and
 * those that arrive later; with each topic's volume, share of unhappy, NPS
 * and trend.
 */
#ifndef CX_TOPIC_H
#define CX_TOPIC_H

#include <stdint.h>

#include "cx/date.h"
#include "cx/db.h"
#include "cx/out.h"

/* Adds a topic and tags what matches it already (*tagged). A bad query is CX_EUSAGE; a name in use CX_EDATA. */
int cx_topic_add(cx_db *db, const char *name, const char *query, int64_t *tagged, cx_err *err);
int cx_topic_rm(cx_db *db, const char *name, cx_err *err);
/* Tags what arrived since the last time (after bringing the search index up to date). */
int cx_topic_catch_up(cx_db *db, cx_err *err);

typedef struct cx_topic_opts {
	const char *name;     /* show: this topic */
	int64_t since, until; /* items in [since, until); 0: unbounded */
	const char *by;       /* show: the trend by this period (NULL: month) */
} cx_topic_opts;

/* Every topic with its figures over the window. */
int cx_topic_list(cx_db *db, const cx_topic_opts *o, cx_out *out, cx_err *err);
/* One topic: its figures, and its trend period by period. */
int cx_topic_show(cx_db *db, const cx_topic_opts *o, cx_out *out, cx_err *err);

/* A topic's mentions in a span and in the span before it: what the digest calls growth. */
typedef struct cx_topic_growth {
	char name[65];
	int64_t before, after;
	double p; /* one-sided exact binomial test of after > before at equal rates: p < 0.05 grew */
} cx_topic_growth;

/*
 * The topics mentioned more in [from, to) than in the span of the same
 * length before it, most grown first, at most max; *n how many.
 */
int cx_topic_growth_list(cx_db *db, int64_t from, int64_t to, cx_topic_growth *g, int max, int *n, cx_err *err);

#endif
