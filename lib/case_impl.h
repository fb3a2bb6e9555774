/* Inside libcx: what other modules do to a case when they write on it (mail's notes). */
#ifndef CX_CASE_IMPL_H
#define CX_CASE_IMPL_H

#include "cx/case.h"

/*
 * Stores a note on the case in->case_id, on the case's customer (in's must
 * be 0 or that one), and marks the case changed then; a public note is its
 * first response if none came before. Logs nothing: the caller's event
 * names the note.
 */
int cx_case_note_insert(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err);

/* We answered the customer: a new case is open from now on (a status event at `at`, 0 = now). */
int cx_case_answered(cx_db *db, int64_t id, int64_t at, cx_err *err);

#endif
