/* Inside libcx: the ordered name lists (stages, channels, feedback sources) as other modules check against them. */
#ifndef CX_NAMES_H
#define CX_NAMES_H

#include "cx/db.h"

/*
 * Checks a name against a table of names (stages, channels); a name not in
 * the database is CX_ENOTFOUND, listing the valid ones (an import makes that
 * bad data in its file).
 */
int cx_name_check(cx_db *db, const char *table, const char *field, const char *value, cx_err *err);

#endif
