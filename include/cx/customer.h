/* Customers: the people cases, notes, touchpoints and responses belong to. */
#ifndef CX_CUSTOMER_H
#define CX_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>

#include "cx/db.h"
#include "cx/out.h"

/* Fields to add or change; NULL means "not given", "" clears an optional field. */
typedef struct cx_customer_in {
	const char *name;
	const char *email;
	const char *phone;
	const char *handle;
	const char *org;
	const char *note;
	const char *prefers; /* preferred channel of contact */
	const char *const *tags;
	int ntags;
	const char *const *untags; /* edit only: tags to remove */
	int nuntags;
	int64_t at; /* created at; 0 = now */
} cx_customer_in;

typedef struct cx_customer_filter {
	const char *tag;
	const char *text;  /* in name, email, phone, handle or organisation */
	int64_t since;     /* created at or after; 0 = any */
	const char *sort;  /* one of cx_customer_sorts (cx/words.h); NULL = name */
	int64_t limit;     /* 0 = all */
	int merged;        /* include customers merged into others */
} cx_customer_filter;

int cx_customer_add(cx_db *db, const cx_customer_in *in, int64_t *id, cx_err *err);
int cx_customer_edit(cx_db *db, int64_t id, const cx_customer_in *in, cx_err *err);

/*
 * Resolves what a person typed to one customer: an id, an email, @handle or
 * handle, an exact name or a unique name prefix (case-insensitive). A
 * customer merged into another resolves to the one it was merged into.
 * CX_ENOTFOUND when nothing or more than one matches (the message lists them).
 */
int cx_customer_find(cx_db *db, const char *ref, int64_t *id, cx_err *err);
/* CX_OK when customer id is there, else CX_ENOTFOUND ("no customer 7"). */
int cx_customer_check(cx_db *db, int64_t id, cx_err *err);
/* By email only; CX_ENOTFOUND (no message) when none. */
int cx_customer_by_email(cx_db *db, const char *email, int64_t *id, cx_err *err);

int cx_customer_list(cx_db *db, const cx_customer_filter *f, cx_out *out, cx_err *err);
int cx_customer_show(cx_db *db, int64_t id, cx_out *out, cx_err *err);
/* Writes the profile as a record section named "customer". */
int cx_customer_profile(cx_db *db, int64_t id, cx_out *out, cx_err *err);

/* "Dana Ruiz <dana@example.com>" into buf. */
int cx_customer_label(cx_db *db, int64_t id, char *buf, size_t size, cx_err *err);

/*
 * Checks and normalises an email address (trimmed, domain lower-cased) into
 * out. CX_EDATA when it is not an address.
 */
int cx_email_normalize(const char *in, char *out, size_t size, cx_err *err);

#endif
