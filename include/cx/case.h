/* Cases: one customer complaint or request, its status, owner and history. */
#ifndef CX_CASE_H
#define CX_CASE_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/note.h"
#include "cx/out.h"
#include "cx/words.h"

/* Fields of a new case, or changes to one; NULL means "not given". */
typedef struct cx_case_in {
	int64_t customer_id;
	const char *title;
	const char *channel;
	const char *priority; /* one of cx_case_priorities (cx/words.h) */
	const char *stage;
	const char *owner;
	const char *const *tags;
	int ntags;
	const char *const *untags; /* update only */
	int nuntags;
	const char *note;      /* first note (open) */
	const char *note_kind; /* NULL = other */
	int64_t at;            /* opened at; 0 = now */
} cx_case_in;

typedef struct cx_case_filter {
	const char *status; /* comma-separated statuses, or "all"; NULL = the work still to do (new, open, pending) */
	const char *owner;  /* "-" or "none" = unassigned */
	const char *priority;
	const char *tag;
	const char *stage;
	const char *channel;
	const char *text;
	int64_t customer_id; /* 0 = any */
	int64_t since, until; /* opened within; 0 = unbounded */
	const char *sort;     /* one of cx_case_sorts (cx/words.h); NULL = opened; newest first */
	int reverse;          /* oldest first */
	int64_t limit;        /* 0 = all */
} cx_case_filter;

/* Parses "42" or "#42". */
int cx_case_parse_id(const char *s, int64_t *id, cx_err *err);
/* CX_ENOTFOUND "no case N" when it does not exist. */
int cx_case_check(cx_db *db, int64_t id, cx_err *err);
int cx_case_customer(cx_db *db, int64_t id, int64_t *customer_id, cx_err *err);
/*
 * A note on the case in->case_id (cx_note_add's for a customer's): stored
 * on the case's customer, in the case's audit trail; a public one is an
 * answer, and opens a new case.
 */
int cx_case_note(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err);

int cx_case_open(cx_db *db, const cx_case_in *in, int64_t *id, cx_err *err);
int cx_case_update(cx_db *db, int64_t id, const cx_case_in *in, cx_err *err);
int cx_case_assign(cx_db *db, int64_t id, const char *owner, cx_err *err);
/* A new owner and a note for them, both required. */
int cx_case_handoff(cx_db *db, int64_t id, const char *to, const char *note, cx_err *err);

/*
 * Moves a case along its status model:
 *   new -> open -> pending <-> open -> resolved -> closed; reopen from resolved/closed.
 * verb is one of "pending", "resume", "resolve", "close", "reopen"; outcome is
 * required for resolve. note, when given, is added as an internal note.
 * An illegal move is CX_EDATA naming the legal ones.
 */
int cx_case_move(cx_db *db, int64_t id, const char *verb, const char *outcome,
		 const char *note, cx_err *err);
int cx_case_link(cx_db *db, int64_t a, int64_t b, cx_err *err);

int cx_case_list(cx_db *db, const cx_case_filter *f, cx_out *out, cx_err *err);
int cx_case_show(cx_db *db, int64_t id, cx_out *out, cx_err *err);
/* Everything the next person needs to pick the case up. */
int cx_case_brief(cx_db *db, int64_t id, cx_out *out, cx_err *err);

#endif
