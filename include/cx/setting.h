/* Settings stored in the database: named values with defaults and checks. */
#ifndef CX_SETTING_H
#define CX_SETTING_H

#include <stddef.h>

#include "cx/db.h"
#include "cx/out.h"

/*
 * An unknown key, or a value its key does not take, is CX_EUSAGE: either
 * is a mistake in the command line.
 */
int cx_setting_check(const char *key, const char *value, cx_err *err);
/* The stored value, or the default, into buf. */
int cx_setting_get(cx_db *db, const char *key, char *buf, size_t size, cx_err *err);
int cx_setting_set(cx_db *db, const char *key, const char *value, cx_err *err);
int cx_setting_unset(cx_db *db, const char *key, cx_err *err);
int cx_setting_list(cx_db *db, cx_out *out, cx_err *err);

/* Known keys, NULL-terminated, for help and completion. */
extern const char *const cx_setting_keys[];

#endif
