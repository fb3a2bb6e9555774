/* The statements PostgreSQL words its own way (sql.h: cx_named), from its catalogs. */
#include "backend.h"
#include "schema_pg.h"

const char *const cx_pg_named[CX_Q_N] = {
	[CX_Q_COLUMNS] = "SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
			 " CASE WHEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary"
			 "  AND a.attnum = ANY (i.indkey)) THEN 1 ELSE 0 END"
			 " FROM pg_attribute a WHERE a.attrelid = to_regclass(?1) AND a.attnum > 0 AND NOT a.attisdropped"
			 " AND a.attgenerated = '' ORDER BY a.attnum",
	[CX_Q_REFERENCES] = "SELECT k.relname, ka.attname, p.relname, pa.attname, c.oid"
			    " FROM pg_constraint c JOIN pg_class k ON k.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid"
			    " CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS u (ck, pk, n)"
			    " JOIN pg_attribute ka ON ka.attrelid = c.conrelid AND ka.attnum = u.ck"
			    " JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = u.pk"
			    " WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace"
			    " ORDER BY k.relname COLLATE \"C\", c.oid, u.n",
	[CX_Q_DEFER_REFERENCES] = "SET CONSTRAINTS ALL DEFERRED",
	/* a server's own vacuum and its settings are its administrator's */
	[CX_Q_ERASE_FOR_GOOD] = NULL,
	[CX_Q_ERASE_COPIES] = NULL,
	[CX_Q_BULK_CACHE] = NULL,
	/* many writers at once: each takes the case it changes */
	[CX_Q_LOCK_CASE] = "SELECT id FROM cases WHERE id = ?1 FOR UPDATE",
	[CX_Q_IDS_FOLLOW] = cx_pg_ids_follow,
};
