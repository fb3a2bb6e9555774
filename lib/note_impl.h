/* Inside libcx: inserting a note without its own audit event, for verbs that log one of theirs. */
#ifndef CX_NOTE_IMPL_H
#define CX_NOTE_IMPL_H

#include "cx/note.h"

/*
 * Checks and stores the note, on the customer in->customer_id (a note on a
 * case names the case's customer: cx_case_note_insert). Logs nothing: the
 * caller's event names it.
 */
int cx_note_insert(cx_db *db, const cx_note_in *in, int64_t *id, cx_err *err);

/* CX_EDATA unless kind is one people may pick (handoff and status notes come from those verbs). */
int cx_note_kind_check(const char *kind, cx_err *err);

#endif
