/*
 * Inside libcx: keeping a message and its note, shared by mail read in
 * (mail_import.c) and replies (mail_reply.c); a growable string; the MIME module.
 */
#ifndef CX_MAIL_IMPL_H
#define CX_MAIL_IMPL_H

#include "cx/mail.h"
#include "buf.h"

/* Stores m as an imported message of the case, with its bytes, the ids it answers and its attachments. */
int cx_mail_record(cx_db *db, const cx_mail *m, const cx_mail_msg *msg, const char *direction, int64_t at,
		   int64_t customer_id, int64_t case_id, int64_t *id, cx_err *err);
/*
 * The note of a message (kind email; public for ours, which counts as
 * answering the case), linked to it, and the case's "mail" event.
 */
int cx_mail_note(cx_db *db, int64_t message, int64_t case_id, int public_, const char *body, int64_t at, int64_t *note_id,
		 cx_err *err);


/*
 * ---- The MIME module ----
 * GMime (with GObject and GIO) and libxml2 cost every command about 11 ms
 * of loading, so what needs them is a module, cx-mime.so, that mail_mime.c
 * loads on first use: reading a message (mail_parse.c), HTML as text
 * (mail_html.c), writing a message (mail_compose.c). The rest of libcx calls
 * the cx_mail_* functions of cx/mail.h and below; the module calls libcx back,
 * as the PostgreSQL module does.
 */

/* A reply to write: every field UTF-8; what a header needs encoded is encoded. */
typedef struct cx_mail_draft {
	const char *from_name, *from_addr;
	const char *to_name, *to_addr;  /* to_name may be NULL */
	const char *subject;
	int64_t date;                   /* Unix seconds */
	const char *domain;             /* of the Message-ID made for it */
	const char *in_reply_to;        /* the id it answers, without <>, or NULL */
	const char *references;         /* "<a> <b>", or NULL */
	const char *body;
} cx_mail_draft;

/* The whole message, malloc'd; NULL with err set when it cannot be written (the module is missing, no memory). */
char *cx_mail_compose(const cx_mail_draft *d, cx_err *err);
/* One mailbox as a header writes it ("Name <addr>", encoded words where needed), malloc'd; NULL with err set. */
char *cx_mail_mailbox(const char *name, const char *addr, cx_err *err);

/* The module's table, and its functions as the module names them. */
typedef struct cx_mime {
	int (*parse)(const char *raw, size_t len, cx_mail *m, cx_err *err);
	int (*addresses)(const char *list, char ***addrs, char **name, cx_err *err);
	char *(*html_text)(const char *html, size_t len);
	char *(*compose)(const cx_mail_draft *d);
	char *(*mailbox)(const char *name, const char *addr);
} cx_mime;

int cx_mime_parse(const char *raw, size_t len, cx_mail *m, cx_err *err);
int cx_mime_addresses(const char *list, char ***addrs, char **name, cx_err *err);
char *cx_mime_html_text(const char *html, size_t len);
char *cx_mime_compose(const cx_mail_draft *d);
char *cx_mime_mailbox(const char *name, const char *addr);

#endif
