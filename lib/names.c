/* The ordered name lists (stages, channels, feedback sources): reading them, and whether a name is one of them. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "store/sql.h"

int cx_name_check(cx_db *db, const char *table, const char *field, const char *value, cx_err *err)
{
	char sql[160], names[512] = "";
	cx_stmt *st;
	int rc, found = 0;

	/* table is one of our own names, never input. */
	snprintf(sql, sizeof sql, "SELECT name FROM %s ORDER BY position", table);
	if ((rc = cx_sql_prepare(db, sql, &st, err)))
		return rc;
	while ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		const char *n = cx_sql_text(st, 0);
		if (!strcmp(n, value))
			found = 1;
		if (names[0])
			strncat(names, ", ", sizeof names - strlen(names) - 1);
		strncat(names, n, sizeof names - strlen(names) - 1);
	}
	cx_sql_finalize(st);
	if (rc < 0)
		return rc;
	if (!found)
		return cx_fail(err, CX_ENOTFOUND, "%s: \"%s\" is not one of %s", field, value, names);
	return CX_OK;
}

int cx_name_list_read(cx_db *db, const char *sql, cx_name_list *l, cx_err *err)
{
	cx_stmt *st;
	int rc = cx_sql_prepare(db, sql, &st, err);
	l->name = NULL;
	l->n = 0;
	return rc ? rc : cx_name_list_take(st, l, err);
}

int cx_name_list_take(cx_stmt *st, cx_name_list *l, cx_err *err)
{
	int rc;
	l->name = NULL;
	l->n = 0;
	while
 ((rc = cx_sql_step(st, err)) == CX_SQL_ROW) {
		char(*more)[64] = realloc(l->name, (size_t)(l->n + 1) * sizeof *more);
		if (!more) {
			rc = cx_fail(err, CX_EINTERNAL, "out of memory");
			break;
		}
		l->name = more;
		snprintf(l->name[l->n++], 64, "%s", cx_sql_text(st, 0));
	}
	cx_sql_finalize(st);
	return rc < 0 ? rc : CX_OK;
}

int cx_name_list_find(const cx_name_list *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->name[i], s))
			return i;
	return -1;
}
