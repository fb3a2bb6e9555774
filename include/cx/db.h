/* The database handle: opening, schema migration, transactions, and the actor and clock of a command. */
#ifndef CX_DB_H
#define CX_DB_H

#include <stddef.h>
#include <stdint.h>

#include "cx/err.h"

typedef struct cx_db cx_db;

/* The schema version this library writes (PRAGMA user_version). */
#define CX_SCHEMA_VERSION 10

/*
 * Fills buf with the default database path: $XDG_DATA_HOME/cx/cx.db, else
 * $HOME/.local/share/cx/cx.db. Returns CX_OK, or CX_EUSAGE when neither
 * variable is set.
 */
int cx_db_default_path(char *buf, size_t size, cx_err *err);

/*
 * Opens (creating with mode 0600, and its directories with 0700, when
 * missing) and migrates the database at path. A database written by a newer
 * cx, a corrupt file or a directory is refused without being modified.
 * busy_ms is how long to wait for another writer before CX_EBUSY. The path
 * ":memory:" opens a private database that lives as long as the handle.
 */
int cx_db_open(cx_db **out, const char *path, int busy_ms, cx_err *err);
/* The same, for a database that is there already: on a server, an empty database is CX_ENOTFOUND, left empty. */
int cx_db_open_existing(cx_db **out, const char *path, int busy_ms, cx_err *err);
void cx_db_close(cx_db *db);
/* The file, or the server's URL with any password masked: for messages. */
const char *cx_db_path(const cx_db *db);
/* Whether path names a database server (postgresql://...) rather than a file. */
int cx_db_is_server(const char *path);
/* "sqlite" or "postgresql". */
const char *cx_db_engine(const cx_db *db);
/* The user the server knows this connection as (NULL for a file). */
const char *cx_db_user(cx_db *db);
int cx_db_schema_version(cx_db *db);

/*
 * Transactions nest: the outermost is BEGIN IMMEDIATE (so a writer takes the
 * lock up front and waits for it at most busy_ms), inner ones are savepoints.
 */
int cx_db_begin(cx_db *db, cx_err *err);
/*
 * The same for a bulk import whose code makes every reference itself: as the
 * outermost transaction, foreign keys are not checked row by row until it
 * ends. Nested, it is cx_db_begin.
 */
int cx_db_begin_bulk(cx_db *db, cx_err *err);
/*
 * Writes the open transaction's changed pages to the log without committing,
 * so a full disk shows itself now and the commit that follows writes little.
 */
int cx_db_flush(cx_db *db, cx_err *err);
int cx_db_commit(cx_db *db, cx_err *err);
void cx_db_rollback(cx_db *db);
int cx_db_in_transaction(const cx_db *db);

/* Who is making the changes of this command, recorded in the audit trail. */
void cx_db_set_actor(cx_db *db, const char *actor);
const char *cx_db_actor(const cx_db *db);

/*
 * Hook events: the library queues them as changes happen; they belong to
 * the transaction (a rollback drops them), and the program runs the hooks
 * once the changes are committed. At most CX_HOOK_MAX of each name are kept.
 */
enum { CX_HOOK_MAX = 100 };
void cx_db_hook(cx_db *db, const char *name, const char *json);
/* Whether another event of this name fits; when not, it is counted as dropped. */
int cx_db_hook_room(cx_db *db, const char *name);
size_t cx_db_hook_count(const cx_db *db);
const char *cx_db_hook_name(const cx_db *db, size_t i);
const char *cx_db_hook_json(const cx_db *db, size_t i);
/* Events not queued because CX_HOOK_MAX of their name were. */
size_t cx_db_hook_dropped(const cx_db *db);
void cx_db_hooks_clear(cx_db *db);

/* The clock: fixed (for reproducible runs) when set to a value > 0. */
void cx_db_set_now(cx_db *db, int64_t now);
int64_t cx_db_now(const cx_db *db);

#endif
