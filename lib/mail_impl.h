/* Inside libcx: keeping a message and its note, shared by mail read in (mail_import.c) and replies (mail_reply.c). */
#ifndef CX_MAIL_IMPL_H
#define CX_MAIL_IMPL_H

#include "cx/mail.h"

/* Stores m as an imported message of the case, with its bytes, the ids it answers and its attachments. */
int cx_mail_record(cx_db *db, const cx_mail *m, const cx_mail_msg *msg, const char *direction, int64_t at,
		   int64_t customer_id, int64_t case_id, int64_t *id, cx_err *err);
/*
 * The note of a message (kind email; public for ours, which counts as
 * answering the case), linked to it, and the case's "mail" event.
 */
int cx_mail_note(cx_db *db, int64_t message, int64_t case_id, int public_, const char *body, int64_t at, int64_t *note_id,
		 cx_err *err);

#endif
