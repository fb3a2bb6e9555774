/* Mail: messages read into cases and notes, and replies written from cases. */
#ifndef CX_MAIL_H
#define CX_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

/* ---- one message, read (lib/mail_parse.c) ---- */

typedef struct cx_mail_file {
	char *name; /* the file name it was sent with, no directories; "" when it had none */
	char *type; /* "image/jpeg" */
	unsigned char *data;
	size_t size;
	char sha256[65];
} cx_mail_file;

typedef struct cx_mail {
	char *msgid;       /* Message-ID without <>; NULL when it has none */
	char *in_reply_to; /* the first id of In-Reply-To, or NULL */
	char **refs;       /* References, then In-Reply-To, each once, oldest first */
	int nrefs;
	char *from_addr;   /* the sender's address, lower-cased; NULL when none is readable */
	char *from_name;   /* the decoded display name, "" when none */
	char *reply_to;    /* where answers go, when not the sender; NULL otherwise */
	char *to;          /* the recipients, "a@example.com, b@example.com" */
	char *subject;     /* decoded, on one line; "" when none */
	int64_t date;      /* the Date header as Unix seconds; 0 when missing or unreadable */
	char *text;        /* the body as UTF-8 text, whole (quotes and signatures in it) */
	int from_html;     /* the text was made from HTML */
	int forward;       /* the subject says it is a forward */
	cx_mail_file *files;
	int nfiles;
	const char *machine; /* why a machine sent it (auto-reply, delivery report, list), or NULL */
	size_t size;
	char sha256[65];   /* of the raw bytes */
} cx_mail;

/*
 * Reads a message. CX_EDATA with the reason in err when it cannot be read
 * (no header, a multipart cut short, a MIME structure nested to exploit a
 * reader); size and sha256 are set even then.
 */
int cx_mail_parse(const char *raw, size_t len, cx_mail *m, cx_err *err);
void cx_mail_free(cx_mail *m);
/* The SHA-256 of bytes, as 64 hex digits. */
void cx_mail_sha256(const void *data, size_t len, char out[65]);

/*
 * Checks a list of addresses ("a@x.example, Shop <b@x.example>") and gives
 * each one's address, lower-cased, into *addrs (NULL-terminated, free with
 * cx_mail_strv_free) and the first one's display name into *name (may be NULL).
 */
int cx_mail_addresses(const char *list, char ***addrs, char **name, cx_err *err);
void cx_mail_strv_free(char **v);

/* ---- text (lib/mail_text.c) ---- */

/*
 * The text a person wrote: quoted earlier mail (> lines and the "On ...
 * wrote:" above them, an Outlook "-----Original Message-----" or From/Sent
 * block, unless forward says the quoted mail is the point), the signature
 * after "-- " and a phone's "Sent from my ..." folded away. *folded says how
 * many lines went. Text that would fold away entirely is given back whole.
 */
char *cx_mail_fold(const char *text, int forward, int *folded);
/* format=flowed (RFC 3676) joined back into paragraphs. */
char *cx_mail_unflow(const char *text, int delsp);
/* HTML as readable text: blocks on lines of their own, lists with "- ", links with their address, quotes as "> ". */
char *cx_mail_html_text(const char *html, size_t len);
/* The subject without Re:/Fwd:/AW:/SV:/WG:/... and [cx #N], on one line of at most size - 1 bytes. */
void cx_mail_subject_clean(const char *subject, char *out, size_t size);
/* The case a subject names with [cx #N], or 0. */
int64_t cx_mail_token(const char *subject);
/* "12 KB" for people. */
void cx_mail_size_text(int64_t bytes, char *buf, size_t size);
/* Parses "25M", "500k", "1G", "1000"; CX_EDATA when not a size. */
int cx_mail_size_parse(const char *s, int64_t *bytes, cx_err *err);

/* ---- a mailbox, message by message (lib/mail_source.c) ---- */

typedef struct cx_mail_source cx_mail_source;

typedef struct cx_mail_msg {
	const char *raw; /* valid until the next call */
	size_t len;
	const char *file;     /* the mbox, the Maildir or the file it is in ("-": standard input) */
	const char *position; /* where in it: "byte 1234" of an mbox, "cur/NAME" of a Maildir, "" */
	int64_t delivered;    /* the mbox's From line or the Maildir file's time (0: unknown), for mail without a Date */
} cx_mail_msg;

/*
 * path: an mbox, a Maildir (cur/ and new/), a file holding one message, a
 * directory holding any of these (not the folders inside a Maildir), or "-"
 * for standard input (one message, or an mbox).
 */
int cx_mail_source_open(const char *path, cx_mail_source **s, cx_err *err);
/* 1 with a message, 0 at the end, or a negative status (a file that cannot be read). */
int cx_mail_source_next(cx_mail_source *s, cx_mail_msg *m, cx_err *err);
/* How far: bytes of mbox read and messages handed out, against the totals known (0: unknown). */
void cx_mail_source_progress(const cx_mail_source *s, int64_t *done, int64_t *total);
void cx_mail_source_close(cx_mail_source *s);

/* ---- into cases and notes (lib/mail_import.c) ---- */

typedef enum cx_mail_action {
	CX_MAIL_NEW_CASE,  /* opened a case */
	CX_MAIL_THREAD,    /* joined a case: it answers a message cx holds */
	CX_MAIL_TOKEN,     /* joined a case: [cx #N] from that case's customer */
	CX_MAIL_OURS,      /* from our own address: a public note */
	CX_MAIL_SKIPPED,   /* a machine's, or ours answering nothing: recorded, no note */
	CX_MAIL_FAILED,    /* unreadable or too large: kept aside */
	CX_MAIL_PRESENT,   /* imported before: nothing changed */
} cx_mail_action;

/* Their names are cx_mail_actions (cx/words.h). */

/* What the settings say, read once for a whole import (cx_mail_config_load). */
typedef struct cx_mail_config {
	char **ours;      /* mail.address, lower-cased, NULL-terminated */
	char *our_name;   /* the display name of the first, or NULL */
	int64_t max_size; /* mail.max-size */
	char send[1024];  /* mail.send: the command replies are piped to, "" = print them */
} cx_mail_config;

int cx_mail_config_load(cx_db *db, cx_mail_config *c, cx_err *err);
void cx_mail_config_free(cx_mail_config *c);

typedef struct cx_mail_result {
	cx_mail_action action;
	int64_t message, case_id, customer_id, note_id;
	int reopened;         /* the case was pending, resolved or closed and is open again */
	int redated;          /* its Date is out of range (before 1970, or ahead of the clock): it counts from its delivery */
	char from[256];
	char subject[256];
	char reason[1024];    /* skipped or failed: why */
} cx_mail_result;

/*
 * Files one message: threads it, finds or adds its customer, opens or
 * updates a case, keeps the bytes and attachments, writes the note, queues
 * on-mail. The caller owns the transaction; a message that is unreadable
 * is recorded as failed and is CX_OK here (r->action says so).
 */
int cx_mail_import(cx_db *db, const cx_mail_config *c, const cx_mail_msg *msg, cx_mail_result *r, cx_err *err);

/* ---- reading back (lib/mail_store.c) ---- */

typedef struct cx_mail_filter {
	const char *state;   /* imported, skipped, failed; NULL = any */
	int64_t case_id, customer_id;
	int64_t since;
	int64_t limit;       /* the latest N; 0 = all */
} cx_mail_filter;

int cx_mail_list(cx_db *db, const cx_mail_filter *f, cx_out *out, cx_err *err);
/* A message by its number or its Message-ID ("<...>" or with an @). */
int cx_mail_find(cx_db *db, const char *ref, int64_t *id, cx_err *err);
int cx_mail_show(cx_db *db, int64_t id, cx_out *out, cx_err *err);
/* The original bytes; caller frees. CX_ENOTFOUND when they were not kept. */
int cx_mail_raw(cx_db *db, int64_t id, unsigned char **raw, size_t *len, cx_err *err);
/* An attachment's bytes, name and type; caller frees *data. */
int cx_mail_attachment(cx_db *db, int64_t id, unsigned char **data, size_t *len, char *name, size_t name_size,
		       cx_err *err);
/* The brief's section: the case's messages in order, with their attachments. */
int cx_mail_case_section(cx_db *db, int64_t case_id, cx_out *out, cx_err *err);
/* The digest's section: mail in and out in a period. */
int cx_mail_report_section(cx_db *db, int64_t since, int64_t until, cx_out *out, cx_err *err);

/* ---- the demo's mailbox (lib/mail_demo.c) ---- */

/*
 * Files a month of the demo shop's mail up to end (the demo's own
 * transaction), counting the messages in *filed and the cases they opened
 * in *cases, and gives this morning's mail as an mbox's text in *inbox
 * (caller frees) for the tour to import.
 */
int cx_mail_demo(cx_db *db, uint64_t seed, int64_t end, int64_t *filed, int64_t *cases, char **inbox, cx_err *err);

/* ---- replies (lib/mail_reply.c) ---- */

/* mail.send: a command line cx can split into words (quotes as a shell has them, but no shell runs it). */
int cx_mail_send_check(const char *cmd, cx_err *err);

typedef struct cx_mail_reply_in {
	int64_t case_id;
	const char *body;
	const char *to; /* NULL: the customer's latest mail's Reply-To or From, else their email */
} cx_mail_reply_in;

typedef struct cx_mail_reply_out {
	char *raw; /* the message as sent; caller frees */
	size_t len;
	int64_t message, note_id;
	char to[256];
} cx_mail_reply_out;

/*
 * Writes the reply (encoded words, Date, Message-ID at our domain,
 * In-Reply-To and References of the customer's latest mail, "Re: <title>
 * [cx #N]") and records it as the case's public note and an outgoing
 * message. The caller owns the transaction, and commits it only once the
 * message has gone out.
 */
int cx_mail_reply(cx_db *db, const cx_mail_config *c, const cx_mail_reply_in *in, cx_mail_reply_out *out, cx_err *err);

#endif
