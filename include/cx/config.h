/* The command line's way to settings: each value checked by the module that reads it. */
#ifndef CX_CONFIG_H
#define CX_CONFIG_H

#include "cx/db.h"

/*
 * An unknown key, or a value its key does not take, is CX_EUSAGE: either
 * is a mistake in the command line.
 */
int cx_config_check(const char *key, const char *value, cx_err *err);
/* Checks and stores; a change of text.language starts the search index again. */
int cx_config_set(cx_db *db, const char *key, const char *value, cx_err *err);
int cx_config_unset(cx_db *db, const char *key, cx_err *err);

#endif
