/* Inside libcx: the ordered name lists (stages, channels, feedback sources) as other modules check against them. */
#ifndef CX_NAMES_H
#define CX_NAMES_H

#include "cx/db.h"
#include "store/sql.h"


/*
 * Checks a name against a table of names (stages, channels); a name not in
 * the database is CX_ENOTFOUND, listing the valid ones (an import makes that
 * bad data in its file).
 */
int cx_name_check(cx_db *db, const char *table, const char *field, const char *value, cx_err *err);

/* An ordered list of names as the database holds them. */
typedef struct cx_name_list {
	char (*name)[64];
	int n;
} cx_name_list;

/* The names sql reads (its first column), in order; free l->name. */
int cx_name_list_read(cx_db *db, const char *sql, cx_name_list *l, cx_err *err);
/* The same from st, prepared (or asked) by the caller; st is finalized. */
int cx_name_list_take(cx_stmt *st, cx_name_list *l, cx_err *err);
/* The place of s in l, or -1. */
int cx_name_list_find(const cx_name_list *l, const char *s);


#endif
