/* Completion values from the database, matched by prefix, for cx __complete. */
#include <stdlib.h>
#include <string.h>

#include "cx/complete.h"
#include "cx/rules.h"
#include "cx/setting.h"
#include "store/sql.h"

static const struct {
	const char *kind;
	const char *sql; /* ?1 is the LIKE pattern; rows are (value, description) */
} queries[] = {
	{ "case", "SELECT k.id, k.status || ' ' || c.name || ': ' || k.title FROM cases k"
		  " JOIN customers c ON c.id = k.customer_id"
		  " WHERE k.status <> 'closed' AND CAST(k.id AS TEXT) LIKE ?1 ESCAPE '\\'"
		  " ORDER BY k.opened_at DESC LIMIT 200" },
	{ "customer", "SELECT email, name FROM customers WHERE merged_into IS NULL AND email IS NOT NULL"
		      " AND lower(email) LIKE lower(?1) ESCAPE '\\'"
		      " UNION ALL SELECT '@' || handle, name FROM customers WHERE merged_into IS NULL"
		      " AND handle IS NOT NULL AND lower('@' || handle) LIKE lower(?1) ESCAPE '\\'"
		      " ORDER BY 1 LIMIT 200" },
	{ "stage", "SELECT name, 'stage ' || position FROM stages WHERE lower(name) LIKE lower(?1) ESCAPE '\\'"
		   " ORDER BY position" },
	{ "channel", "SELECT name, 'channel' FROM channels WHERE lower(name) LIKE lower(?1) ESCAPE '\\' ORDER BY position" },
	{ "survey", "SELECT name, tool FROM surveys WHERE lower(name) LIKE lower(?1) ESCAPE '\\'"
		    " ORDER BY created_at DESC LIMIT 100" },
	{ "source", "SELECT name, 'feedback source' FROM feedback_sources WHERE lower(name) LIKE lower(?1) ESCAPE '\\'"
		    " ORDER BY position" },
	{ "template", "SELECT name, 'template' FROM templates WHERE lower(name) LIKE lower(?1) ESCAPE '\\' ORDER BY name" },
	{ "topic", "SELECT name, query FROM topics WHERE lower(name) LIKE lower(?1) ESCAPE '\\' ORDER BY name" },
	{ "owner", "SELECT DISTINCT owner, 'owner' FROM cases WHERE owner IS NOT NULL"
		   " AND lower(owner) LIKE lower(?1) ESCAPE '\\' ORDER BY 1 LIMIT 100" },
};

int cx_complete_values(cx_db *db, const char *kind, const char *prefix, cx_complete_fn fn, void *arg,
		       cx_err *err)
{
	if (!strcmp(kind, "rules")) {
		/* the rules files in the configuration directory, and all of them */
		char **names;
		int n;
		if (!strncmp("all", prefix, strlen(prefix)))
			fn(arg, "all", "every rule, each its source's newest export");
		if (cx_rules_names(&names, &n, NULL) == CX_OK) {
			for (int i = 0; i < n; i++) {
				if (!strncmp(names[i], prefix, strlen(prefix)))
					fn(arg, names[i], "rules");
				free(names[i]);
			}
			free(names);
		}
		return CX_OK;
	}
	if (!strcmp(kind, "setting")) {
		for (size_t i = 0; cx_setting_key(i); i++)
			if (!strncmp(cx_setting_key(i), prefix, strlen(prefix)))
				fn(arg, cx_setting_key(i), "setting");
		return CX_OK;
	}
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		if (strcmp(queries[i].kind, kind))
			continue;
		char *pat = cx_sql_like_pattern(prefix, 0);
		cx_stmt *st;
		int rc;
		if (!pat)
			return cx_fail(err, CX_EINTERNAL, "out of memory");
		rc = cx_sql_query(db, &st, err, queries[i].sql, CX_TEXT(pat));
		free(pat);
		if (rc)
			return rc;
		while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW)
			fn(arg, cx_sql_text(st, 0), cx_sql_text(st, 1));
		cx_sql_finalize(st);
		return rc < 0 ? rc : CX_OK;

	}
	return CX_OK;
}
