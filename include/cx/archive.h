/* Losing nothing: the whole database as JSON Lines and back, online backups, and one person's data. */
#ifndef CX_ARCHIVE_H
#define CX_ARCHIVE_H

#include <stdint.h>
#include <stdio.h>

#include "cx/db.h"

enum { CX_EXPORT_FORMAT = 1 };

/*
 * Writes every record, table by table in an order an import can replay, one
 * JSON object a line: a header, the records, and an end record with the
 * count. since > 0 keeps only rows changed since then (a partial export).
 */
int cx_export(cx_db *db, FILE *fp, int64_t since, int64_t *records, cx_err *err);

typedef struct cx_import_result {
	int64_t records, added, updated, skipped;
} cx_import_result;

/*
 * Loads an export into an empty database, or with merge into one that has
 * data: a record whose row is there (the same key) replaces it where they
 * differ (updated), or is skipped when they do not; the audit trail is only
 * added to. All or nothing: a truncated or damaged export is refused at its
 * line with nothing stored.
 */
int cx_import(cx_db *db, const char *path, int merge, cx_import_result *res, cx_err *err);

/* A consistent copy of the live database into a new file (mode 0600), checked. */
int cx_backup(cx_db *db, const char *path, cx_err *err);
/*
 * The same copy, written to out: made and checked in a private file under
 * $TMPDIR (else /tmp), which is removed before it is streamed.
 */
int cx_backup_stream(cx_db *db, FILE *out, cx_err *err);

/* Everything stored about one customer, as one JSON object. The caller frees *json. */
int cx_customer_export(cx_db *db, int64_t customer_id, char **json, cx_err *err);

/*
 * Erases a customer's personal data (name, contact details, notes, comments,
 * feedback and touchpoint texts, survey answers' identities) but keeps the
 * rows, so counts and scores stay right. The erasure is logged; the search
 * index and freed pages keep none of the words.
 */
int cx_customer_forget(cx_db *db, int64_t customer_id, cx_err *err);

#endif
