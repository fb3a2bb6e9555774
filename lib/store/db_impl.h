/* The inside of a cx_db, shared by the generic layer and the engines (backend.h). */
#ifndef CX_DB_IMPL_H
#define CX_DB_IMPL_H

#include "backend.h"
#include "cx/db.h"

enum { CX_DB_MAX_DEPTH = 16 };

struct cx_db {
	const cx_backend *be;
	void *conn; /* the engine's own handle */
	char *path; /* a file, or a server's URL with any password masked */
	char *target; /* what the engine opens: the path or the URL as given */
	char *actor;
	int64_t now;
	int depth; /* transaction nesting */
	int retryable; /* the open transaction failed as one that may succeed if run again (engine's word) */
	int fold_log; /* after the commit: clear the engine's copies of erased pages (cx_db_fold_log) */
	int bulk; /* the outermost transaction is a bulk one: constraints are checked when it ends */
	int version;
	struct cx_hook_ev {
		char name[32];
		char *json;
	} *hooks;
	size_t nhooks, dropped;
	size_t hook_mark[CX_DB_MAX_DEPTH]; /* per nesting level: events queued before it began */
	char hook_full[32]; /* the last event name found with CX_HOOK_MAX queued */
	struct cx_cached {
		const char *sql; /* the caller's static text: the pointer is the key */
		cx_stmt *st;
	} cache[32];
	int busy_ms; /* how long to wait for another writer */
	unsigned how; /* CX_DB_CREATE, CX_DB_MKDIRS, CX_DB_READER */
	char *hint;   /* how to make a missing database, for the message */
	int commits;  /* transactions committed since the database was opened (and migrated) */
	struct cx_db_file {
		int created; /* this handle made the file */
		int pin;     /* immutable mode: a descriptor holding a shared lock on the file, else -1 */
		long long ino, size, mtime_s, mtime_ns; /* the file as it was pinned */
		long long data_version; /* SQLite's count of others' commits, when it was opened */
	} file;
};

/* SQLite's schema migrations (schema.c): from the file's version to CX_SCHEMA_VERSION. */
int cx_schema_migrate(cx_db *db, cx_err *err);

#endif
