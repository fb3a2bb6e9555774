/* The statements SQLite words its own way (sql.h: cx_named). */
#include "backend.h"

const char *const cx_sqlite_named[CX_Q_N] = {
	[CX_Q_COLUMNS] = "SELECT name, type, pk > 0 FROM pragma_table_info(?1) ORDER BY cid",
	[CX_Q_REFERENCES] = "SELECT m.name, f.\"from\", f.\"table\", f.\"to\", f.id"
			    " FROM sqlite_schema m, pragma_foreign_key_list(m.name) f"
			    " WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
	[CX_Q_DEFER_REFERENCES] = "PRAGMA defer_foreign_keys = ON",
	[CX_Q_ERASE_FOR_GOOD] = "PRAGMA secure_delete = ON",
	[CX_Q_ERASE_COPIES] = "PRAGMA wal_checkpoint(TRUNCATE)",
	[CX_Q_BULK_CACHE] = "PRAGMA cache_size = -8192",
	/* a writer holds the whole file; a rowid is one more than the highest */
	[CX_Q_LOCK_CASE] = NULL,
	[CX_Q_IDS_FOLLOW] = NULL,
};
