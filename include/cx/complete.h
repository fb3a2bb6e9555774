/* Live values for shell completion: case numbers, customers, stages, channels, owners. */
#ifndef CX_COMPLETE_H
#define CX_COMPLETE_H

#include "cx/db.h"

typedef void (*cx_complete_fn)(void *arg, const char *value, const char *desc);

/*
 * Calls fn for each value of kind ("case", "customer", "stage", "channel",
 * "owner", "template", "setting") that starts with prefix, with a short description.
 */
int cx_complete_values(cx_db *db, const char *kind, const char *prefix, cx_complete_fn fn, void *arg,
		       cx_err *err);

#endif
