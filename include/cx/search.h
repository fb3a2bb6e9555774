/* Finding anything by its words: full-text search over everything people wrote. */
#ifndef CX_SEARCH_H
#define CX_SEARCH_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

typedef enum cx_search_kind {
	CX_SK_CASE = 1,     /* case titles */
	CX_SK_NOTE = 2,     /* notes */
	CX_SK_TOUCH = 3,    /* touchpoint summaries */
	CX_SK_RESPONSE = 4, /* survey comments */
	CX_SK_FEEDBACK = 5, /* public feedback */
	CX_SK_CUSTOMER = 6, /* customer names */
} cx_search_kind;

typedef struct cx_search_opts {
	const char *query;   /* FTS5 syntax: words, "phrases", prefix*, AND / OR / NOT */
	const char *kind;    /* case, note, touch, response, feedback, customer; NULL = all */
	int64_t customer_id; /* 0 = anyone */
	int64_t since;       /* 0 = any time */
	int64_t limit;       /* 0 = 20 */
} cx_search_opts;

/* Brings the index up to date, then searches; a bad query is CX_EUSAGE. */
int cx_search(cx_db *db, const cx_search_opts *o, cx_out *out, cx_err *err);
/*
 * The ids of the texts of one kind (CX_SK_*) after id `after` whose words
 * match query (cx search's syntax, word forms included), in no order; the
 * index must be up to date (cx_search_catch_up). A bad query is CX_EUSAGE.
 */
int cx_search_matches(cx_db *db, const char *query, int kind, int64_t after, int64_t **refs, size_t *n, cx_err *err);
/* Indexes what is not indexed yet (done by cx_search; cheap when nothing is new). */
int cx_search_catch_up(cx_db *db, int64_t *added, cx_err *err);
/* Throws the index away and builds it again. */
int cx_search_rebuild(cx_db *db, int64_t *added, cx_err *err);
/* Updates one row's entry after a change in place (or removes it when text is NULL). */
int cx_search_update(cx_db *db, cx_search_kind kind, int64_t ref, const char *text, cx_err *err);
/* Empties the index, to be built again by the next search (the words' language changed). */
int cx_search_reset(cx_db *db, cx_err *err);
/* Merges the index so that removed words are gone from the file too. */
int cx_search_optimize(cx_db *db, cx_err *err);

#endif
