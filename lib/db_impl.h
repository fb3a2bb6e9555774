/* The inside of a cx_db, shared by the generic layer and the SQLite backend. */
#ifndef CX_DB_IMPL_H
#define CX_DB_IMPL_H

#include <sqlite3.h>

#include "cx/db.h"

struct cx_db {
	sqlite3 *h;
	char *path;
	char *actor;
	int64_t now;
	int depth; /* transaction nesting */
	int fk_off; /* the outermost transaction is a bulk one: foreign keys are back on when it ends */
	int version;
	struct cx_hook_ev {
		char name[32];
		char *json;
	} *hooks;
	size_t nhooks, dropped;
	size_t hook_mark; /* events queued before the open transaction began */
	char hook_full[32]; /* the last event name found with CX_HOOK_MAX queued */
	struct cx_cached {
		const char *sql; /* the caller's static text: the pointer is the key */
		sqlite3_stmt *st;
	} cache[32];
	int busy_ms; /* how long to wait for another writer */
};

/* Turns an SQLite result code into a cx status and a message naming the file. */
int cx_db_fail(cx_db *db, int rc, cx_err *err);

/* Brings the schema from its current version to CX_SCHEMA_VERSION. */
int cx_schema_migrate(cx_db *db, cx_err *err);

#endif
