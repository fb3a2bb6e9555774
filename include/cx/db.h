/* The database handle: opening, schema migration, transactions, and the actor and clock of a command. */
#ifndef CX_DB_H
#define CX_DB_H

#include <stddef.h>
#include <stdint.h>

#include "cx/err.h"

typedef struct cx_db cx_db;

/* The schema version this library writes (PRAGMA user_version). */
#define CX_SCHEMA_VERSION 21

/*
 * Fills buf with the default database path: $XDG_DATA_HOME/cx/cx.db, else
 * $HOME/.local/share/cx/cx.db. Returns CX_OK, or CX_EUSAGE when neither
 * variable is set.
 */
int cx_db_default_path(char *buf, size_t size, cx_err *err);

/* How a command opens its database (cx_db_open_as). */
enum {
	CX_DB_CREATE = 1 << 0, /* make the file when it is missing, with mode 0600 */
	CX_DB_MKDIRS = 1 << 1, /* and the directories above it, with 0700 (for the default place only) */
	/*
	 * The command only reads: the database must exist and hold cx's schema
	 * (else CX_ENOINPUT). A file it may not write, or one in a directory it
	 * may not write, is opened so that no -wal or -shm file of the reader's
	 * is left beside it (see cx_db_unchanged).
	 */
	CX_DB_READER = 1 << 2,
};

typedef struct cx_db_how {
	unsigned flags;
	int busy_ms;	  /* how long to wait for another writer before CX_EBUSY */
	const char *hint; /* how to make a database that is missing, for the message: "cx init creates it" */
} cx_db_how;

/*
 * Opens the database at path as how says, and migrates it. A database
 * written by a newer cx, a corrupt file or a directory is refused without
 * being modified. A writer is refused a file it may not write (CX_EPERM).
 * The path ":memory:" opens a private database that lives as long as the
 * handle.
 */
int cx_db_open_as(cx_db **out, const char *path, const cx_db_how *how, cx_err *err);
/* cx_db_open_as with CX_DB_CREATE | CX_DB_MKDIRS. */
int cx_db_open(cx_db **out, const char *path, int busy_ms, cx_err *err);
/* cx_db_open_as with CX_DB_READER: a database that is there already, with cx's schema; nothing is created. */
int cx_db_open_existing(cx_db **out, const char *path, int busy_ms, cx_err *err);
/*
 * Whether the file read has stayed as it was since it was opened: CX_OK,
 * or CX_EBUSY when it was written meanwhile. Only a reader that found no
 * -wal file beside a file (or in a directory) it may not write reads the
 * file directly (SQLite's immutable mode), while holding the shared lock
 * that keeps a writer from folding its log into the file; a writer's log
 * grown past SQLite's checkpoint size could still be, and is caught here.
 */
int cx_db_unchanged(cx_db *db, cx_err *err);
/*
 * Closes db after a failed command: a database file this handle created and
 * nothing was committed to since is removed, with its -wal, -shm and
 * -journal files, so a mistaken path leaves nothing behind.
 */
void cx_db_abandon(cx_db *db);
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
 * The caller owns the transaction: one place begins and commits it (the
 * command's dispatcher, or an import's transaction per file), and the
 * library's writing functions only check that they run inside one
 * (cx_db_need). A library function that fails leaves the transaction for
 * its caller to roll back. The outermost is BEGIN IMMEDIATE on a file (a
 * writer takes the lock up front and waits for it at most busy_ms); on a
 * server many writers work at once, each taking the rows it changes
 * (cx_db_lock_case). Inner ones are savepoints: rolling one back also drops
 * the hook events queued since it began.
 */
int cx_db_begin(cx_db *db, cx_err *err);
/*
 * The same for a bulk import whose code makes every reference itself:
 * foreign keys are not checked row by row until it ends. Only as the
 * outermost transaction (else CX_EINTERNAL).
 */
int cx_db_begin_bulk(cx_db *db, cx_err *err);
/*
 * CX_OK inside a transaction; else CX_EINTERNAL naming who (a function of
 * the library called by a caller that began none).
 */
int cx_db_need(cx_db *db, const char *who, cx_err *err);
/*
 * Writes the open transaction's changed pages to the log without committing,
 * so a full disk shows itself now and the commit that follows writes little.
 */
int cx_db_flush(cx_db *db, cx_err *err);
int cx_db_commit(cx_db *db, cx_err *err);
void cx_db_rollback(cx_db *db);
int cx_db_in_transaction(const cx_db *db);
/*
 * Whether the outermost transaction failed because another writer's
 * changes crossed it (a server's serialization failure or deadlock): once
 * rolled back, the same work run again from the start may well succeed.
 * A file's busy timeout is not one: its writer already waited.
 */
int cx_db_retryable(const cx_db *db);
/*
 * After rows came in with their ids given (an import keeping the file's
 * ids): the engine's next id for each table is set past the highest, so a
 * row added next does not take one that is there.
 */
int cx_db_ids_follow(cx_db *db, cx_err *err);
/*
 * Once the open transaction commits, the file's write-ahead log is folded
 * back and emptied, so no old page of what it deleted is left there
 * (sql.h: CX_Q_ERASE_COPIES; nothing on a server).
 */
void cx_db_fold_log(cx_db *db);
/*
 * Takes case id for this transaction: another writer changing the same
 * case waits until it ends, and what is read next is the case as it is
 * now. A file's writer holds the whole database already.
 */
int cx_db_lock_case(cx_db *db, int64_t id, cx_err *err);

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
