/* Merging two records of one customer. */
#ifndef CX_MERGE_H
#define CX_MERGE_H

#include <stdint.h>

#include "cx/db.h"

/* Moves everything of `from` to `into`; `from` stays as a pointer to `into`. */
int cx_merge_customers(cx_db *db, int64_t from, int64_t into, cx_err *err);

#endif
