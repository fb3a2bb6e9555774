/* Notes: what was said and done, on a case or a customer; never edited, only added. */
#ifndef CX_NOTE_H
#define CX_NOTE_H

#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"
#include "cx/words.h"

typedef struct cx_note_in {
	int64_t case_id;     /* 0 = a note on the customer only */
	int64_t customer_id; /* may be 0 when case_id is given */
	int public_;         /* said to the customer */
	const char *kind;    /* one of cx_note_kinds (cx/words.h); NULL = other */
	const char *body;
	int64_t at;          /* 0 = now */
} cx_note_in;

typedef struct cx_note_filter {
	int64_t case_id;
	int64_t customer_id;
	int visibility; /* -1 any, 0 internal, 1 public */
	const char *kind;
	const char *author;
	const char *text;
	int64_t since, until;
	int64_t limit;
} cx_note_filter;

/* A note on the customer in->customer_id; a note on a case is cx_case_note's (cx/case.h). */
int cx_note_add(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err);
int cx_note_list(cx_db *db, const cx_note_filter *f, cx_out *out, cx_err *err);

#endif
