/* SQLite's full-text search: an FTS5 table, its ranking, snippets and query syntax as they come. */
#include <stdlib.h>
#include <string.h>

#include "backend.h"

static char *as_is(const char *q, cx_err *err)
{
	char *s = strdup(q);
	if (!s)
		cx_fail(err, CX_EINTERNAL, "out of memory");
	return s;
}

const cx_search_engine cx_fts5_search = {
	.ranked = "SELECT rowid, rank, snippet(search_index, 0, '[', ']', '...', 12) FROM search_index"
		  " WHERE search_index MATCH ?1 AND (?2 = 0 OR rowid % 8 = ?2) ORDER BY rank",
	.ranked_rest = "SELECT rowid, rank, snippet(search_index, 0, '[', ']', '...', 12) FROM search_index"
		       " WHERE search_index MATCH ?1 AND (?2 = 0 OR rowid % 8 = ?2)"
		       " AND rowid NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH ?3) ORDER BY rank",
	.snippet = NULL,
	.matching = "SELECT rowid FROM search_index WHERE search_index MATCH ?1 AND rowid % 8 = ?2 AND rowid > ?3",
	.optimize = "INSERT INTO search_index (search_index) VALUES ('optimize')",
	.query = as_is,
};
